"""Fixtures for the committee's pages: a seeded SQLite database, the app served by werkzeug on a free loopback
port in a thread, a "remote" HTTP server that counts every request a hostile letter could trigger, and a real
headless Chromium (Debian's, driven by Playwright; no browser is downloaded)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from playwright.sync_api import Browser, Page, Playwright, sync_playwright
from werkzeug.serving import make_server

from mailflow.app import App
from mailflow.committee.users import add_user
from mailflow.settings import load_settings
from mailflow.store.db import transaction, upgrade
from mailflow.web import create_app

from .seed import Seeded, seed

ROOT = Path(__file__).resolve().parents[2]
SEED_CAMPAIGN = ROOT / "config" / "campaigns" / "appeal-2023.toml"
SCREENSHOTS = ROOT / "docs" / "screenshots"
NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
USER, PASSWORD = "aigul", "correct horse battery"
SECRET = "test-secret-" + "x" * 40
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# cheap Argon2 parameters: the tests check the flow, not the cost
FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@dataclass
class Clock:
    """The web app's clock; tests move it to expire sessions."""

    now: datetime = NOW

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Remote:
    """A server standing for the internet: any request reaching it is a leak."""

    url: str
    hits: list[str] = field(default_factory=list)


@pytest.fixture
def remote() -> Iterator[Remote]:
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        do_POST = do_GET

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Remote(f"http://127.0.0.1:{server.server_address[1]}", hits)
    server.shutdown()
    server.server_close()


@pytest.fixture
def mailflow_app(tmp_path: Path) -> Iterator[App]:
    environ = {
        "MAILFLOW_DATABASE_URL": f"sqlite:///{tmp_path / 'mailflow.db'}",
        "MAILFLOW_CAMPAIGN_FILE": str(SEED_CAMPAIGN),
        "MAILFLOW_STORAGE_DIR": str(tmp_path / "storage"),
        "MAILFLOW_COMMITTEE_WEB_URL": "https://dialog.committee.example",
        "MAILFLOW_COMMITTEE_ADDRESSES": "committee@committee.example",
    }
    app = App(load_settings(None, environ))
    upgrade(app.engine)
    yield app
    app.close()


@pytest.fixture
def seeded(mailflow_app: App, remote: Remote) -> Seeded:
    result = seed(mailflow_app, now=NOW, remote=remote.url)
    with transaction(mailflow_app.sessions()) as session:
        add_user(session, FAST_HASHER, USER, PASSWORD, at=NOW - timedelta(days=30))
    return result


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def base_url(mailflow_app: App, seeded: Seeded, clock: Clock) -> Iterator[str]:
    """The app served over real HTTP on 127.0.0.1 and a free port, as a browser reaches it."""
    flask = create_app(mailflow_app, secret_key=SECRET, clock=clock, hasher=FAST_HASHER)
    server = make_server("127.0.0.1", 0, flask, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.skip(f"needs Chromium at {CHROMIUM} (apt-get install chromium), absent on this machine")
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1360, "height": 900}, locale="ru-RU")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def login(page: Page, base_url: str) -> Callable[[], Page]:
    def sign_in() -> Page:
        page.goto(f"{base_url}/login")
        page.fill("input[name=username]", USER)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        return page

    return sign_in
