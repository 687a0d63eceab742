"""What every page module needs from the composition root, reached through the Flask app, not globals."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from flask import current_app, g
from sqlalchemy.orm import Session

from mailflow.app import App
from mailflow.committee.review import Clarify
from mailflow.reading.mime import ParseLimits
from mailflow.store.db import transaction

EXTENSION = "mailflow"


@dataclass(frozen=True)
class WebContext:
    app: App
    clock: Callable[[], datetime]
    hasher: PasswordHasher
    slug: str  # the campaign the pages show
    limits: ParseLimits
    clarify: Clarify | None


def web() -> WebContext:
    context: WebContext = current_app.extensions[EXTENSION]
    return context


@contextmanager
def unit_of_work() -> Iterator[Session]:
    """One transaction per request that writes; committed only if the view finishes without error."""
    with transaction(web().app.sessions()) as session:
        yield session


def user() -> str:
    """The signed-in member; the guard in `login` has made sure there is one."""
    name: str = g.user
    return name
