"""A national consultation on PostgreSQL: 70,000 organisations, more than the 65,535 parameters a PostgreSQL
statement may carry, so any query that lists their IDs fails. The rows are written with a few INSERT … SELECT
statements (the ORM one by one would take minutes); the pages, exports, status and digest must still answer,
and say the same numbers."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from openpyxl import load_workbook
from sqlalchemy import text

from mailflow.app import App
from mailflow.committee.digest import build_digest, compose_digest
from mailflow.committee.status import build_status
from mailflow.committee.users import add_user
from mailflow.settings import load_settings
from mailflow.store.campaigns import sync_campaign
from mailflow.store.db import transaction, upgrade
from mailflow.web import create_app
from tests.conftest import SEED_CAMPAIGN, _postgres_database

ORGANISATIONS = 70_000
NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
# every organisation is asked and sent the appeal; every 7th replies (agreeing to 1.1, objecting to 4.3 with
# a reason) and every 70th of those is waiting for review
FILL = [
    """INSERT INTO recipients (campaign_id, organisation, contact, email, sector, region, language, token, created_at)
       SELECT :campaign, 'Организация ' || lpad(n::text, 5, '0'), '', 'org' || n || '@scale.example',
              CASE WHEN n % 3 = 0 THEN 'business' ELSE 'cso' END, '', 'ru', 't' || n, :now
       FROM generate_series(1, :count) AS n""",
    """INSERT INTO letters (campaign_id, recipient_id, kind, sequence, to_address, message_id, subject, status,
                            attempts, created_at, sent_at)
       SELECT :campaign, id, 'appeal', 1, email, '<appeal.' || token || '@committee.example>', 'Рекомендации',
              'sent', 1, :now, :now
       FROM recipients""",
    """INSERT INTO letter_bodies (letter_id, raw) SELECT id, '\\x00'::bytea FROM letters""",
    """INSERT INTO raw_messages (sha256, size, data) VALUES ('scale', 1, '\\x00'::bytea)""",
    """INSERT INTO inbound_messages (dedupe_key, sha256, mailbox, status, kind, attempts, recipient_id, parsed,
                                     received_at)
       SELECT 'reply-' || id, 'scale', 'INBOX', 'recorded', 'reply', 1, id,
              json_build_object('from', email, 'subject', 'Re: Рекомендации'), :now - interval '1 day'
       FROM recipients WHERE id % 7 = 0""",
    """INSERT INTO responses (recipient_id, recommendation_id, stance, reason, evidence, confidence,
                              source_message_id, set_by, updated_at)
       SELECT m.recipient_id, r.id, CASE r.rec_id WHEN '4.3' THEN 'disagree' ELSE 'agree' END,
              CASE r.rec_id WHEN '4.3' THEN 'нет средств' END, '', 1.0, m.id, 'parser', :now - interval '1 day'
       FROM inbound_messages m CROSS JOIN recommendations r WHERE r.rec_id IN ('1.1', '4.3')""",
    """INSERT INTO review_items (inbound_id, recipient_id, reasons, status, created_at)
       SELECT id, recipient_id, '[{"code": "condition", "message": "условие"}]', 'open', :now - interval '1 day'
       FROM inbound_messages WHERE recipient_id % 70 = 0""",
]


@pytest.fixture(scope="module")
def national() -> Iterator[App]:
    for url in _postgres_database():
        app = App(load_settings(None, {"MAILFLOW_DATABASE_URL": url, "MAILFLOW_CAMPAIGN_FILE": str(SEED_CAMPAIGN)}))
        upgrade(app.engine)
        with transaction(app.sessions()) as session:
            campaign_id = sync_campaign(session, app.campaign()).id
            for statement in FILL:
                session.execute(text(statement), {"campaign": campaign_id, "now": NOW, "count": ORGANISATIONS})
            add_user(session, HASHER, "aigul", "correct horse battery", at=NOW - timedelta(days=1))
        yield app
        app.close()


@pytest.mark.postgres
def test_the_dashboard_and_every_export_answer_for_seventy_thousand_organisations(national: App) -> None:
    flask = create_app(national, secret_key="s" * 48, clock=lambda: NOW, hasher=HASHER)
    flask.config["WTF_CSRF_ENABLED"] = False  # signed in through the form, as a member would; tokens have their test
    client = flask.test_client()
    signed_in = client.post("/login", data={"username": "aigul", "password": "correct horse battery"})
    assert signed_in.status_code == 302
    replied = ORGANISATIONS // 7

    dashboard = client.get("/dashboard")
    assert dashboard.status_code == 200
    page = dashboard.get_data(as_text=True)
    assert f'data-disagree="{replied}"' in page
    assert len(dashboard.get_data()) < 200_000  # a page of organisations, not all of them
    assert client.get("/dashboard/4.3").status_code == 200
    assert client.get("/review").status_code == 200

    matrix = client.get("/exports/stances.csv")
    assert matrix.status_code == 200
    rows = list(csv.reader(io.StringIO(matrix.get_data().decode("utf-8-sig"))))
    assert len(rows) == ORGANISATIONS + 1
    assert sum(1 for row in rows[1:] if "нет средств" in row) == replied
    reasons = client.get("/exports/reasons.csv")
    assert len(reasons.get_data().decode("utf-8-sig").splitlines()) == replied + 1
    for name in ("stances", "reasons"):
        workbook = client.get(f"/exports/{name}.xlsx")
        assert workbook.status_code == 200
        data = io.BytesIO(workbook.get_data())
        sheet = load_workbook(data, read_only=True).active
        assert next(sheet.iter_rows(min_row=2, max_row=2, values_only=True))[0] in ("4.3", "Организация 00001")
        rows = zipfile.ZipFile(data).read("xl/worksheets/sheet1.xml").count(b"<row ")
        assert rows == (ORGANISATIONS if name == "stances" else replied) + 1


@pytest.mark.postgres
def test_status_and_the_digest_count_seventy_thousand_organisations_and_stay_small(
    national: App, tmp_path: Path
) -> None:
    with transaction(national.sessions()) as session:
        status = build_status(session, national.campaign().slug, messages={}, mailboxes=[])
        digest = build_digest(session, national.campaign().slug, end=NOW, web_url="https://dialog.example")
    assert (status.organisations, status.replied) == (ORGANISATIONS, ORGANISATIONS // 7)
    assert digest.totals.silent == ORGANISATIONS - ORGANISATIONS // 7
    assert digest.totals.reasons == ORGANISATIONS // 7 and len(digest.reasons) == 20
    letter = compose_digest(
        national.templates(),
        national.campaign(),
        digest,
        to="committee@committee.example",
        sender=national.settings.sender,
        web_url="https://dialog.example",
        now=NOW,
    )
    assert len(letter.raw) < 200_000
