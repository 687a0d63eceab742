"""The committee's web app: sign-in, the review queue, a reply page, the dashboard and the exports.

`create_app` is the only way in: the composition root hands it the `App`, the secret key and the clock. Every
response carries a strict Content-Security-Policy (no script runs at all, images only from this site), every
form a CSRF token, every page but sign-in a signed, expiring session.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from argon2 import PasswordHasher
from flask import Flask, Response, g, render_template, request, session
from flask.sessions import SecureCookieSessionInterface, SessionMixin
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from mailflow.app import App
from mailflow.committee.review import Clarify, OutboxClarifier
from mailflow.errors import MailflowError, ReviewError
from mailflow.web import dashboard, exports, login, queue, reply, report
from mailflow.web.context import EXTENSION, WebContext, web
from mailflow.web.i18n import DEFAULT, LANGUAGES, header_time, match_words, reason_words, when, word

log = logging.getLogger(__name__)
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; script-src 'none'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


def _now() -> datetime:
    return datetime.now(UTC)


def create_app(
    app: App,
    *,
    secret_key: str,
    clock: Callable[[], datetime] = _now,
    hasher: PasswordHasher | None = None,
    clarify: Clarify | None = None,
) -> Flask:
    """The Flask app over `app`'s database and campaign.

    `clarify` queues clarification letters; by default the committee's templates rendered into the outbox.
    """
    if len(secret_key) < 32:
        raise ValueError("the session secret must be at least 32 characters")
    campaign = app.campaign()
    if clarify is None:
        env = app.templates()
        clarify = OutboxClarifier(env, campaign, app.settings.sender)
    flask = Flask(__name__)
    flask.session_interface = _PagesWriteSessions()
    flask.config.update(
        SECRET_KEY=secret_key,
        PERMANENT_SESSION_LIFETIME=login.LIFETIME,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=app.settings.committee.web_url.startswith("https://"),
        SESSION_COOKIE_NAME="mailflow_session",
        WTF_CSRF_TIME_LIMIT=int(login.LIFETIME.total_seconds()),
        MAX_CONTENT_LENGTH=1_000_000,
    )
    if proxies := app.settings.committee.web_proxies:
        # Behind a router (a PaaS, nginx) every request comes from the router's address, so the sign-in limit
        # would lock a name out for everyone; the client's own address is in X-Forwarded-For, which is
        # believed for exactly that many hops (a header sent from outside could be forged).
        flask.wsgi_app = ProxyFix(flask.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]
    flask.extensions[EXTENSION] = WebContext(
        app=app,
        clock=clock,
        hasher=hasher or PasswordHasher(),
        slug=campaign.slug,
        limits=app.parse_limits(),
        clarify=clarify,
    )
    flask.before_request(_language)  # first, so that even a refused form is answered in the reader's language
    CSRFProtect(flask)
    for module in (login, queue, reply, dashboard, exports, report):
        flask.register_blueprint(module.blueprint)
    flask.before_request(login.require_login)
    flask.after_request(_headers)
    flask.context_processor(_template_helpers)
    flask.register_error_handler(CSRFError, lambda exc: _status(400, word("error.400", g.get("lang", DEFAULT))))
    flask.register_error_handler(ReviewError, _review_error)
    flask.register_error_handler(MailflowError, _mailflow_error)
    flask.register_error_handler(HTTPException, _http_error)
    return flask


class _PagesWriteSessions(SecureCookieSessionInterface):
    """Only pages write the session cookie, never a stylesheet. A permanent session is refreshed on every
    response from the session its request carried, so a stylesheet that was still loading when `?lang=en` (or
    a sign-in) answered would put the older session back: CI saw the switch to English lost this way."""

    def should_set_cookie(self, app: Flask, session: SessionMixin) -> bool:
        return request.endpoint != "static" and super().should_set_cookie(app, session)


def _language() -> None:
    """`?lang=en` on any page switches the session's language; Russian until then."""
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        session["lang"] = asked
    g.lang = session.get("lang", DEFAULT) if session.get("lang") in LANGUAGES else DEFAULT


def _headers(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    if "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = "no-store"  # replies are personal data; no shared or back-button cache
    return response


def _template_helpers() -> dict[str, object]:
    lang = g.get("lang", DEFAULT)
    zone = web().app.settings.zone
    return {
        "when": lambda moment, clock=True: when(moment, zone, lang, clock=clock),
        "header_time": lambda value: header_time(value, zone, lang),
        "zone_name": zone.key,
        "_": lambda key: word(key, lang),
        "reason_words": lambda code: reason_words(code, lang),
        "match_words": lambda method: match_words(method, lang),
        "lang": lang,
        "current_user": g.get("user"),
    }


def _status(code: int, message: str, detail: str = "") -> tuple[str, int]:
    return render_template("status.html", code=code, message=message, detail=detail), code


def _review_error(exc: ReviewError) -> tuple[str, int]:
    if exc.missing:
        return _status(404, word("error.404", g.get("lang", DEFAULT)), exc.problem)
    return _status(409, word("error.409", g.get("lang", DEFAULT)), exc.problem)


def _mailflow_error(exc: MailflowError) -> tuple[str, int]:
    log.error("request failed: %s", exc)
    return _status(503, word("error.500", g.get("lang", DEFAULT)))


def _http_error(exc: HTTPException) -> tuple[str, int] | HTTPException:
    if exc.code is None or exc.code < 400:
        return exc
    message = word(f"error.{exc.code}", g.get("lang", DEFAULT))
    return _status(exc.code, message if not message.startswith("error.") else (exc.name or "Error"))
