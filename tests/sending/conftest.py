"""Fixtures for the sending tests: a real SMTP server (aiosmtpd on a free loopback port) that can be told to
refuse, defer or hang up, a migrated SQLite database with the seed campaign's recipients, and a fake clock."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy.orm import Session, sessionmaker

from mailflow.campaign import Campaign
from mailflow.compose import SHIPPED_TEMPLATES, template_environment
from mailflow.recipients import read_recipients_file
from mailflow.settings import SenderSettings
from mailflow.store.campaigns import sync_campaign
from mailflow.store.db import make_engine, transaction, upgrade
from mailflow.store.recipients import import_recipients

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_RECIPIENTS = ROOT / "config" / "recipients-sample.csv"
SENDER = SenderSettings(name="Оргкомитет многостороннего диалога", address="dialog@committee.example")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        parsed = message_from_bytes(self.data, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed

    @property
    def message_id(self) -> str:
        return str(self.message["Message-ID"])


@dataclass
class Mailbox:
    """What the test server received, and the answers it is told to give next.

    `rcpt_replies` and `data_replies` are consumed one per transaction. Besides an SMTP reply line, a
    rcpt reply may be `drop` (hang up before DATA), and a data reply — given after the final dot —
    `drop-before` (hang up without delivering) or `drop-after` (deliver, then hang up before the 250
    reaches the client); in both the client cannot know which happened.
    """

    port: int = 0
    received: list[Received] = field(default_factory=list)
    rcpt_replies: deque[str] = field(default_factory=deque)
    data_replies: deque[str] = field(default_factory=deque)
    delay: float = 0.0  # before answering the final dot
    rcpt_delay: float = 0.0  # before answering RCPT, i.e. before the letter is handed over
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if self.rcpt_delay:
            await asyncio.sleep(self.rcpt_delay)
        reply = self.rcpt_replies.popleft() if self.rcpt_replies else "250 OK"
        if reply == "drop":
            server.transport.close()
            return "421 closing"
        if reply.startswith("250"):
            envelope.rcpt_tos.append(address)
        return reply

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.delay:
            await asyncio.sleep(self.delay)
        reply = self.data_replies.popleft() if self.data_replies else "250 OK"
        if reply == "drop-before":
            server.transport.close()
            return "421 closing"
        if reply.startswith("250") or reply == "drop-after":
            with self.lock:
                self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        if reply == "drop-after":
            server.transport.close()
            return "250 OK"
        return reply

    def by_message_id(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        with self.lock:
            for item in self.received:
                counts[item.message_id] = counts.get(item.message_id, 0) + 1
        return counts


@pytest.fixture
def smtp_server() -> Iterator[Mailbox]:
    mailbox = Mailbox(port=free_port())
    controller = Controller(mailbox, hostname="127.0.0.1", port=mailbox.port, decode_data=False)
    controller.start()
    try:
        yield mailbox
    finally:
        controller.stop()


@pytest.fixture
def factory(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(f"sqlite:///{tmp_path / 'mailflow.db'}")
    upgrade(engine)
    yield sessionmaker(engine, expire_on_commit=False)
    engine.dispose()


@pytest.fixture
def seeded(factory: sessionmaker[Session], campaign: Campaign) -> sessionmaker[Session]:
    """The seed campaign with the twelve sample recipients (business and CSO; ru, ky and en)."""
    with transaction(factory) as session:
        import_recipients(session, sync_campaign(session, campaign), read_recipients_file(SAMPLE_RECIPIENTS))
    return factory


@pytest.fixture
def env() -> Any:
    return template_environment(SHIPPED_TEMPLATES)


class FakeClock:
    """Time that moves only when told to, or when the code under test sleeps."""

    def __init__(self) -> None:
        self.current = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
        self.mono = 1000.0
        self.slept: list[float] = []

    def now(self) -> datetime:
        return self.current

    def monotonic(self) -> float:
        return self.mono

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.advance(timedelta(seconds=seconds))

    def advance(self, delta: timedelta) -> None:
        self.current += delta
        self.mono += delta.total_seconds()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
