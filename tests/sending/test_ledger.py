"""The ledger on both databases: the letters' bytes reach the server as they were stored, and the reader's
connection (binary results on PostgreSQL) never goes back to the engine's pool."""

from __future__ import annotations

from pathlib import Path

import jinja2
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from mailflow.campaign.letter import Campaign
from mailflow.sending.outbox import send_queued
from mailflow.sending.smtp import SmtpSender
from mailflow.store.db import transaction
from mailflow.store.models import LetterRow
from tests.sending.conftest import SENDER, FakeClock
from tests.sending.test_crash import _queued
from tests.servers import SmtpSink


def test_the_bytes_arrive_as_stored_and_the_pool_keeps_its_text_results(
    database_url: str,
    env: jinja2.Environment,
    campaign: Campaign,
    smtp_server: SmtpSink,
    clock: FakeClock,
    tmp_path: Path,
) -> None:
    engine = _queued(database_url, env, campaign, 10, clock)
    factory = sessionmaker(engine, expire_on_commit=False)
    with SmtpSender("127.0.0.1", smtp_server.port, security="none", timeout=5) as sender:
        send_queued(factory, sender, clock, mail_from=SENDER.address, lock_path=tmp_path / "l", letters_per_commit=4)
    with transaction(factory) as session:
        stored = {row.message_id: row.raw for row in session.scalars(select(LetterRow))}
    assert {r.message_id: r.data for r in smtp_server.received} == stored
    pooled = [engine.connect() for _ in range(engine.pool.checkedin())]  # every connection the pool holds
    factories = {getattr(c.connection.dbapi_connection, "cursor_factory", None) for c in pooled}
    for connection in pooled:
        connection.close()
    if engine.dialect.name == "postgresql":
        from psycopg import Cursor

        assert factories == {Cursor}
    engine.dispose()
