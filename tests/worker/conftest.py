"""Fixtures of the worker tests: a real Dovecot per test, a migrated database, and messages to deliver."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from mailflow.app import App
from mailflow.mailbox.fetch import Batch, Mailbox, Outcome
from mailflow.mailbox.imap import ImapConfig, ImapMailbox
from mailflow.settings import load_settings
from mailflow.store.db import make_engine, transaction, upgrade
from mailflow.store.inbound import StoredMessage, advance_cursor, read_state, store_fetched
from mailflow.store.models import InboundRow
from tests.appeal import queue_appeal
from tests.worker.dovecot import Dovecot

DovecotFactory = Callable[..., Dovecot]


@pytest.fixture
def dovecot_factory(tmp_path: Path) -> Iterator[DovecotFactory]:
    """Start Dovecot servers (each restartable with `.restart()`); all are stopped at teardown."""
    started: list[Dovecot] = []

    def start(capabilities: str | None = None, tls: tuple[Path, Path] | None = None) -> Dovecot:
        server = Dovecot(tmp_path / f"dovecot{len(started)}", capabilities=capabilities, tls=tls)
        started.append(server)
        server.start()
        return server

    yield start
    for server in started:
        server.remove()


@pytest.fixture
def dovecot(dovecot_factory: DovecotFactory) -> Dovecot:
    return dovecot_factory()


def imap_config(server: Dovecot, **changes: Any) -> ImapConfig:
    values: dict[str, Any] = {
        "host": server.host,
        "port": server.port,
        "user": server.user,
        "password": server.password,
        "security": "none",
        "connect_timeout": 5.0,
        "read_timeout": 10.0,
        **changes,
    }
    return ImapConfig(**values)


ImapFactory = Callable[..., ImapMailbox]


@pytest.fixture
def open_imap() -> Iterator[ImapFactory]:
    """`open_imap(server, **config changes)`: mailboxes as the worker would build them, closed at teardown."""
    opened: list[ImapMailbox] = []

    def make(server: Dovecot, **changes: Any) -> ImapMailbox:
        sleep = changes.pop("sleep", time.sleep)
        mailbox = ImapMailbox(imap_config(server, **changes), sleep=sleep)
        opened.append(mailbox)
        return mailbox

    yield make
    for mailbox in opened:
        mailbox.close()


CONSULTATION = "Consultation"  # a folder of the worker's own, which a test may delete and recreate


def deliver(server: Dovecot, messages: list[bytes], folder: str = CONSULTATION) -> None:
    """Append messages the way mail arrives: through a connection of the outside world."""
    client = admin_client(server)
    if not client.folder_exists(folder):
        client.create_folder(folder)
    for raw in messages:
        client.append(folder, raw)
    client.logout()


def admin_client(server: Dovecot) -> IMAPClient:
    """A separate connection that plays the outside world: delivers, inspects, deletes folders."""
    client = IMAPClient(server.host, server.port, ssl=False, timeout=10)
    client.login(server.user, server.password)
    return client


@pytest.fixture
def admin(dovecot: Dovecot) -> Iterator[IMAPClient]:
    client = admin_client(dovecot)
    yield client
    try:
        client.logout()
    except (IMAPClientError, OSError):  # the test restarted the server under it
        client.shutdown()


@pytest.fixture
def sessions(database_url: str) -> Iterator[sessionmaker[Session]]:
    """A migrated database (SQLite, then PostgreSQL: the `database_url` parameters)."""
    engine = make_engine(database_url)
    upgrade(engine)
    yield sessionmaker(engine, expire_on_commit=False)
    engine.dispose()


@pytest.fixture
def sqlite_sessions(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    """SQLite only, for tests about the mailbox rather than the database."""
    engine = make_engine(f"sqlite:///{tmp_path / 'worker.db'}")
    upgrade(engine)
    yield sessionmaker(engine, expire_on_commit=False)
    engine.dispose()


def reply(
    number: int,
    *,
    message_id: str | None = "",
    sender: str = "info@greenworld.kg",
    to: str = "dialog+k7f3q2ab@committee.example",
    body: str = "Поддерживаем все рекомендации.",
) -> bytes:
    """A plain reply; `message_id=""` makes one from `number`, None leaves the header out."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = f"Re: Обращение №{number}"
    message["Date"] = format_datetime(datetime(2026, 11, 26, 10, 0, tzinfo=UTC))
    if message_id is not None:
        message["Message-ID"] = message_id or f"<reply-{number}@greenworld.kg>"
    message.set_content(body)
    return message.as_bytes(policy=policy.SMTP)  # CRLF, as it travels and as IMAP stores it


def run_cycle(
    mailbox: Mailbox, sessions: sessionmaker[Session], *, max_bytes: int = 1_000_000, limit: int = 200
) -> tuple[Batch, list[StoredMessage]]:
    """One worker run without the processing: each message stored with the cursor advanced in one
    transaction, then filed (oversized ones for review)."""
    with transaction(sessions) as session:
        cursor = read_state(session, mailbox.name).cursor
    batch = mailbox.fetch(cursor, limit=limit, max_bytes=max_bytes)
    stored = store_batch(mailbox, sessions, batch, max_bytes=max_bytes)
    for message in batch.messages:
        mailbox.file(message.ref, Outcome.REVIEW if message.oversized else Outcome.PROCESSED)
    return batch, stored


def store_batch(
    mailbox: Mailbox, sessions: sessionmaker[Session], batch: Batch, *, max_bytes: int
) -> list[StoredMessage]:
    """Each message in its own transaction, with the cursor; an empty re-synced batch still moves the cursor."""
    if batch.resynced and not batch.messages:
        with transaction(sessions) as session:
            advance_cursor(session, mailbox.name, uidvalidity=batch.uidvalidity, uid=None)
    stored = []
    for message in batch.messages:
        with transaction(sessions) as session:
            stored.append(store_fetched(session, batch, message, max_bytes=max_bytes))
            advance_cursor(session, mailbox.name, uidvalidity=batch.uidvalidity, uid=message.uid)
    return stored


def inbound_count(sessions: sessionmaker[Session]) -> int:
    with transaction(sessions) as session:
        return len(session.scalars(select(InboundRow.id)).all())


@pytest.fixture
def app(tmp_path: Path, database_url: str) -> Iterator[App]:
    """The embedded defaults on a Maildir, the sample recipients imported and their appeal sent to files."""
    environ = {
        "MAILFLOW_DATABASE_URL": database_url,
        "MAILFLOW_STORAGE_DIR": str(tmp_path / "storage"),
        "MAILFLOW_MAILBOX_KIND": "maildir",
        "MAILFLOW_MAILBOX_MAILDIR": str(tmp_path / "maildir"),
    }
    app = App(load_settings(None, environ))
    queue_appeal(app)
    app.send_due()
    yield app
    app.close()


def wait_stopped_after(mailbox: Mailbox, seconds: float) -> tuple[bool, float]:
    """`mailbox.idle_wait(30)` with its stop flag set after `seconds`: what it returned, and how long it took."""
    stop = threading.Event()
    timer = threading.Timer(seconds, stop.set)
    started = time.monotonic()
    timer.start()
    woke = mailbox.idle_wait(30, stop=stop)
    timer.join()
    return woke, time.monotonic() - started
