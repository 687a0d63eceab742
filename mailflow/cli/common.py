"""What several commands share: the app from the context and the `--campaign` option."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from mailflow.app import App

F = TypeVar("F", bound=Callable[..., Any])


def get_app(ctx: click.Context) -> App:
    app: App = ctx.find_root().obj.get()
    return app


def campaign_option(func: F) -> F:
    return click.option(
        "--campaign",
        "campaign_file",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Campaign file (default: the campaign.file setting).",
    )(func)
