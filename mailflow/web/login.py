"""Sign-in and sign-out, and the guard that sends every other page to sign-in.

The session cookie is signed by Flask and carries a random token whose hash the database keeps; the guard
looks it up on every request, so a session ends on the server: after `LIFETIME` whatever the browser does
with the cookie's own expiry, at sign-out (a copied cookie no longer works), and at once when the account
is disabled, gone or given a new password.
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit, urlunsplit

from flask import Blueprint, current_app, g, redirect, render_template, request, session, url_for
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect
from werkzeug.wrappers import Response

from mailflow.committee.users import SignIn, end_session, session_user, sign_in, start_session
from mailflow.web.context import unit_of_work, web

blueprint = Blueprint("login", __name__)
OPEN_ENDPOINTS = frozenset({"login.login", "static"})
LIFETIME = timedelta(hours=8)  # a working day; then sign in again


@blueprint.route("/login", methods=["GET", "POST"])
def login() -> str | Response | tuple[str, int]:
    if request.method != "POST":  # GET, and HEAD from link previews and monitors: never a sign-in attempt
        return render_template("login.html", message=_expired_message())
    username = request.form.get("username", "").strip()[:100]
    password = request.form.get("password", "")
    context = web()
    with unit_of_work() as db:
        result = sign_in(db, context.hasher, username, password, address=request.remote_addr or "-", at=context.clock())
    if result is SignIn.LIMITED:
        return render_template("login.html", message="login.limited", username=username), 429
    if result is SignIn.REFUSED:
        return render_template("login.html", message="login.refused", username=username), 401
    with unit_of_work() as db:
        token = start_session(db, username, at=context.clock(), lifetime=LIFETIME)
    lang = session.get("lang")
    session.clear()  # a fresh session: nothing from before sign-in survives it (session fixation)
    session.permanent = True
    session["token"] = token
    if lang:
        session["lang"] = lang
    return redirect(_next_page())


@blueprint.route("/logout", methods=["POST"])
def logout() -> Response:
    token = session.get("token")
    if isinstance(token, str):
        with unit_of_work() as db:
            end_session(db, token)
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    return redirect(url_for("login.login"))


def require_login() -> Response | None:
    """Runs before every request: pages other than sign-in need a live session of an active member."""
    if request.endpoint in OPEN_ENDPOINTS:
        return None
    token = session.get("token")
    if isinstance(token, str):
        with unit_of_work() as db:
            name = session_user(db, token, at=web().clock(), lifetime=LIFETIME)
        if name is not None:
            g.user = name
            return None
        session["expired"] = True  # ended by time, sign-out elsewhere, or the account: sign in again
    session.pop("token", None)
    return redirect(url_for("login.login", next=request.full_path.rstrip("?") if request.method == "GET" else None))


def _expired_message() -> str | None:
    return "login.expired" if session.pop("expired", False) else None


def _next_page() -> str:
    """Back to the page that asked for sign-in, if `next` is a page of this site; else the review queue."""
    return _local_page(request.args.get("next", "")) or url_for("queue.index")


def _local_page(target: str) -> str | None:
    """`target` rebuilt from its parsed path and query when that path is one of this app's pages, else None.

    Browsers read URLs by the WHATWG rules: tabs and newlines are dropped and `\\` is `/`, so `/%09/evil.example`
    (a tab) is `//evil.example` to them. Any control character, space or backslash refuses the target; what is left
    must parse with no scheme and no host, and its path must match a route of this app.
    """
    if not target or any(c.isspace() or c == "\\" or not c.isprintable() for c in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path.startswith("//"):
        return None
    try:
        current_app.url_map.bind("localhost").match(parts.path, method="GET")
    except RequestRedirect:
        pass  # a page of ours, under its other spelling (a missing trailing slash)
    except HTTPException:
        return None
    return urlunsplit(("", "", parts.path, parts.query, ""))
