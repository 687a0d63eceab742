"""`mailflow web`: the committee's pages, served by gunicorn (or Flask's development server with --dev)."""

from __future__ import annotations

import logging
import os
import secrets
from typing import Any

import click
from flask import Flask
from gunicorn.app.base import BaseApplication

from mailflow.cli.common import get_app
from mailflow.web import create_app

log = logging.getLogger(__name__)
SECRET_VARIABLE = "MAILFLOW_WEB_SECRET_KEY"


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    """gunicorn with the app built here, once, before the workers fork: they share its secret key."""

    def __init__(self, flask: Flask, options: dict[str, Any]) -> None:
        self._flask = flask
        self._options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        return self._flask


@click.command("web")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option("--workers", default=2, show_default=True, type=int, help="gunicorn worker processes.")
@click.option("--dev", is_flag=True, help="Flask's development server instead of gunicorn (never in production).")
@click.pass_context
def web(ctx: click.Context, host: str, port: int, workers: int, dev: bool) -> None:
    """Serve the review queue, the dashboard and the exports to signed-in committee members.

    The session secret comes from MAILFLOW_WEB_SECRET_KEY (at least 32 characters); without it a random one
    is made, and everyone must sign in again after a restart. Put it behind an HTTPS proxy in production.
    Example: MAILFLOW_WEB_SECRET_KEY=$(openssl rand -hex 32) mailflow web --host 0.0.0.0 --port 8000
    """
    secret = os.environ.get(SECRET_VARIABLE, "")
    if not secret:
        click.echo(f"note: {SECRET_VARIABLE} is not set; sessions end when the server restarts", err=True)
        secret = secrets.token_hex(32)
    elif len(secret) < 32:
        raise click.BadParameter(f"{SECRET_VARIABLE} must have at least 32 characters")
    app = get_app(ctx)
    app.sessions()  # refuse to start on a database that is missing or behind, before anyone signs in
    flask = create_app(app, secret_key=secret)
    app.engine.dispose()  # no pooled connection may be shared by the forked workers; each opens its own
    if dev:
        flask.run(host=host, port=port, debug=False)
        return
    _Gunicorn(flask, {"bind": f"{host}:{port}", "workers": workers, "accesslog": "-"}).run()
