"""Sign-in and sign-out, and the guard that sends every other page to sign-in.

The session cookie is signed by Flask and carries the member's name and when they signed in; the guard
refuses it after `SESSION_LIFETIME` whatever the browser does with the cookie's own expiry, and refuses it
at once when the account is gone or disabled.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import Blueprint, g, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from mailflow.committee.users import SignIn, is_active, sign_in
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
    lang = session.get("lang")
    session.clear()  # a fresh session: nothing from before sign-in survives it (session fixation)
    session.permanent = True
    session.update(user=username, since=context.clock().isoformat())
    if lang:
        session["lang"] = lang
    return redirect(_next_page())


@blueprint.route("/logout", methods=["POST"])
def logout() -> Response:
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    return redirect(url_for("login.login"))


def require_login() -> Response | None:
    """Runs before every request: pages other than sign-in need a live session of an active member."""
    if request.endpoint in OPEN_ENDPOINTS:
        return None
    name, since = session.get("user"), session.get("since")
    expired = False
    if name and since:
        try:
            expired = web().clock() - datetime.fromisoformat(since) > LIFETIME
        except (TypeError, ValueError):
            expired = True
        if not expired:
            with unit_of_work() as db:
                if is_active(db, name):
                    g.user = name
                    return None
    session.pop("user", None)
    session.pop("since", None)
    if expired:
        session["expired"] = True
    return redirect(url_for("login.login", next=request.full_path.rstrip("?") if request.method == "GET" else None))


def _expired_message() -> str | None:
    return "login.expired" if session.pop("expired", False) else None


def _next_page() -> str:
    """Back to the page that asked for sign-in; only a path on this site, never `//elsewhere`."""
    target = request.args.get("next", "")
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("queue.index")
