"""PostgreSQL plans from statistics that only ANALYZE takes; a table filled in bulk (a recipient list, the appeal
to all of them, a worker's backlog) is analyzed by the writer itself, in the same transaction, so the first page
asked afterwards is planned for the table's real size (issue 15: 3 s for the dashboard's tally at 1,000
organisations, from nested loops planned for one recipient)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from mailflow.campaign.letter import Audience, Campaign
from mailflow.campaign.recipients import RecipientEntry
from mailflow.sending.compose import SHIPPED_TEMPLATES, LetterKind, template_environment
from mailflow.sending.outbox import queue_letters
from mailflow.settings import SenderSettings
from mailflow.store.campaigns import sync_campaign
from mailflow.store.db import make_engine, refresh_statistics, transaction, upgrade
from mailflow.store.recipients import import_recipients
from tests.conftest import _postgres_database

ORGANISATIONS = 2_000


@pytest.fixture
def postgres() -> Iterator[sessionmaker[Session]]:
    for url in _postgres_database():
        engine = make_engine(url)
        upgrade(engine)
        yield sessionmaker(engine, expire_on_commit=False)
        engine.dispose()


def _entries(count: int) -> list[RecipientEntry]:
    return [
        RecipientEntry(f"Организация {i}", "", f"org{i}@scale.example", Audience.CSO, "", "ru") for i in range(count)
    ]


def _counted(session: Session, table: str) -> float:
    """The planner's idea of the table's rows (-1: never analyzed)."""
    return float(session.scalar(text("SELECT reltuples FROM pg_class WHERE relname = :t"), {"t": table}))


@pytest.mark.postgres
def test_a_bulk_import_and_the_appeal_to_all_leave_postgresql_planning_for_their_size(
    postgres: sessionmaker[Session], campaign: Campaign
) -> None:
    with transaction(postgres) as session:
        campaign_row = sync_campaign(session, campaign)
        import_recipients(session, campaign_row, _entries(ORGANISATIONS))
        assert _counted(session, "recipients") == ORGANISATIONS  # ANALYZE counts its own transaction's rows
    with transaction(postgres) as session:
        env = template_environment(SHIPPED_TEMPLATES)
        queue_letters(session, env, campaign, LetterKind.APPEAL, SenderSettings(), now=datetime.now(UTC))
        assert _counted(session, "letters") == ORGANISATIONS
        plan = session.scalar(text("EXPLAIN SELECT * FROM recipients WHERE campaign_id = :c"), {"c": campaign_row.id})
    assert "rows=2000" in str(plan)


@pytest.mark.postgres
def test_statistics_are_taken_once_a_table_grew_not_on_every_write(postgres: sessionmaker[Session]) -> None:
    with transaction(postgres) as session:
        assert refresh_statistics(session, ("recipients", "letters")) == []  # empty tables: nothing to count
        session.execute(
            text(
                "INSERT INTO campaigns (slug, title, created_at) VALUES ('c', 't', now());"
                "INSERT INTO recipients (campaign_id, organisation, contact, email, sector, region, language,"
                " token, created_at) SELECT 1, 'o' || n, '', 'o' || n || '@x.example', 'cso', '', 'ru', 't' || n,"
                " now() FROM generate_series(1, 5000) AS n"
            )
        )
        assert refresh_statistics(session, ("recipients", "letters")) == ["recipients"]
        assert refresh_statistics(session, ("recipients", "letters")) == []  # counted: until it grows again


def test_sqlite_needs_no_statistics(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    with transaction(sessionmaker(engine)) as session:
        assert refresh_statistics(session, ("recipients",)) == []
    engine.dispose()
