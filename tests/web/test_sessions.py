"""Sessions end on the server: at sign-out, when a member is disabled or given a new password, and after a
working day; and sign-in sends back only to a page of this site."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient

from mailflow.app import App
from mailflow.committee.users import add_user, set_enabled, set_password
from mailflow.store.db import transaction
from mailflow.web import create_app

from .conftest import FAST_HASHER, NOW, PASSWORD, SECRET, USER, Clock


@pytest.fixture
def flask_app(mailflow_app: App, clock: Clock) -> Flask:
    with transaction(mailflow_app.sessions()) as db:
        add_user(db, FAST_HASHER, USER, PASSWORD, at=NOW)
    flask = create_app(mailflow_app, secret_key=SECRET, clock=clock, hasher=FAST_HASHER)
    flask.config["WTF_CSRF_ENABLED"] = False  # the forms' tokens have their own test
    return flask


@pytest.fixture
def client(flask_app: Flask) -> Iterator[FlaskClient]:
    with flask_app.test_client() as client:
        yield client


def sign_in(client: FlaskClient, next_page: str | None = None) -> str:
    """Sign in and return where the answer sends the browser."""
    query = {"next": next_page} if next_page is not None else {}
    answer = client.post("/login", query_string=query, data={"username": USER, "password": PASSWORD})
    assert answer.status_code == 302, answer.status_code
    return answer.headers["Location"]


def copied_cookie(client: FlaskClient) -> str:
    cookie = client.get_cookie("mailflow_session")
    assert cookie is not None
    return cookie.value


def replay(flask_app: Flask, cookie: str) -> int:
    """The dashboard requested by another browser holding a copy of the cookie."""
    other = flask_app.test_client()
    other.set_cookie("mailflow_session", cookie)
    return other.get("/dashboard").status_code


def test_a_copied_cookie_stops_working_after_sign_out(client: FlaskClient, flask_app: Flask) -> None:
    sign_in(client)
    cookie = copied_cookie(client)
    assert replay(flask_app, cookie) == 200
    client.post("/logout")
    assert replay(flask_app, cookie) == 302


def test_disabling_a_member_ends_their_open_session_at_the_next_request(
    client: FlaskClient, flask_app: Flask, mailflow_app: App
) -> None:
    sign_in(client)
    assert client.get("/dashboard").status_code == 200
    with transaction(mailflow_app.sessions()) as db:
        assert set_enabled(db, USER, False, at=NOW) == 1
    answer = client.get("/dashboard")
    assert answer.status_code == 302 and answer.headers["Location"].startswith("/login")
    with transaction(mailflow_app.sessions()) as db:
        set_enabled(db, USER, True, at=NOW)
    assert client.get("/dashboard").status_code == 302  # enabling again does not revive the old session
    sign_in(client)
    assert client.get("/dashboard").status_code == 200


def test_a_new_password_ends_every_session_of_the_member(
    client: FlaskClient, flask_app: Flask, mailflow_app: App
) -> None:
    sign_in(client)
    with transaction(mailflow_app.sessions()) as db:
        assert set_password(db, FAST_HASHER, USER, "another long password", at=NOW) == 1
    assert client.get("/dashboard").status_code == 302


def test_a_session_ends_on_the_server_after_a_working_day(client: FlaskClient, flask_app: Flask, clock: Clock) -> None:
    sign_in(client)
    cookie = copied_cookie(client)
    clock.now = NOW + timedelta(hours=8, minutes=1)
    assert replay(flask_app, cookie) == 302


@pytest.mark.parametrize(
    "target",
    [
        "/%09/evil.example/phish",
        "/\t/evil.example/phish",
        "/\r\n/x",
        "//evil.example",
        "/\\evil.example",
        "https://evil.example/",
        "javascript:alert(1)",
        "/%2F%2Fevil.example",
        "/no/such/page",
        " /dashboard",
    ],
)
def test_sign_in_sends_back_only_to_a_page_of_this_site(client: FlaskClient, target: str) -> None:
    assert sign_in(client, target) == "/"


@pytest.mark.parametrize("target", ["/dashboard", "/dashboard/4.3?lang=en", "/review"])
def test_sign_in_sends_back_to_the_page_that_asked(client: FlaskClient, target: str) -> None:
    assert sign_in(client, target) == target


def test_a_next_with_an_encoded_line_break_is_refused_not_an_error(client: FlaskClient) -> None:
    answer = client.post(
        "/login?next=/%0d%0a/x", data={"username": USER, "password": PASSWORD}
    )  # the raw query, as curl sends it
    assert (answer.status_code, answer.headers["Location"]) == (302, "/")


def test_a_stylesheet_never_writes_the_session_a_page_has_changed(client: FlaskClient) -> None:
    sign_in(client)
    with client.get("/static/app.css") as stylesheet:
        assert stylesheet.status_code == 200
        assert "Set-Cookie" not in stylesheet.headers  # it would carry the session its request began with
    assert "Set-Cookie" in client.get("/dashboard?lang=en").headers
