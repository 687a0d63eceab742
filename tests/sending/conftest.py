"""Fixtures for the sending tests: a real SMTP server (aiosmtpd on a free loopback port) that can be told to
refuse, defer or hang up, a migrated SQLite database with the seed campaign's recipients, and a fake clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker

from mailflow.campaign.letter import Campaign
from mailflow.campaign.recipients import read_recipients_file
from mailflow.sending.compose import SHIPPED_TEMPLATES, template_environment
from mailflow.settings import SenderSettings
from mailflow.store.campaigns import sync_campaign
from mailflow.store.db import make_engine, transaction, upgrade
from mailflow.store.recipients import import_recipients
from tests.appeal import SAMPLE_RECIPIENTS

SENDER = SenderSettings(name="Оргкомитет многостороннего диалога", address="dialog@committee.example")


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
