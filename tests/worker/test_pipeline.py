"""The running system end to end: appeal over SMTP, replies in a real Dovecot, the worker records them.

Real parts throughout: aiosmtpd receives the letters, Dovecot holds the replies, SQLite and PostgreSQL
keep the record. The replies are written the way respondents answer: to the Reply-To address the appeal
gave them, quoting it, from their own mail clients.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parseaddr
from pathlib import Path

import pytest
from sqlalchemy import func, select

from mailflow.app import App
from mailflow.lifecycle import LetterStatus, MessageStatus
from mailflow.mailbox.fetch import Cursor
from mailflow.schedule import queue_digest
from mailflow.settings import load_settings
from mailflow.store.db import transaction
from mailflow.store.models import InboundRow, LetterRow, RecipientRow, RecommendationRow, ResponseRow, ReviewItemRow
from tests.appeal import queue_appeal
from tests.mailmaker import make_reply
from tests.servers import SmtpSink
from tests.worker.conftest import CONSULTATION, admin_client, deliver
from tests.worker.dovecot import Dovecot

COMMITTEE = "committee@committee.example"
FOLDER = CONSULTATION


@dataclass(frozen=True)
class Appeal:
    message_id: str
    reply_to: str


def make_app(tmp_path: Path, database_url: str, dovecot: Dovecot, smtp: SmtpSink) -> App:
    environ = {
        "MAILFLOW_DATABASE_URL": database_url,
        "MAILFLOW_STORAGE_DIR": str(tmp_path / "storage"),
        "MAILFLOW_MAILBOX_KIND": "imap",
        "MAILFLOW_MAILBOX_HOST": dovecot.host,
        "MAILFLOW_MAILBOX_PORT": str(dovecot.port),
        "MAILFLOW_MAILBOX_SECURITY": "none",
        "MAILFLOW_MAILBOX_USER": dovecot.user,
        "MAILFLOW_MAILBOX_FOLDER": FOLDER,  # a folder of its own, which a test may delete and recreate
        "MAILFLOW_IMAP_PASSWORD": dovecot.password,
        "MAILFLOW_SMTP_HOST": "127.0.0.1",
        "MAILFLOW_SMTP_PORT": str(smtp.port),
        "MAILFLOW_SMTP_SECURITY": "none",
        "MAILFLOW_COMMITTEE_ADDRESSES": COMMITTEE,
        "MAILFLOW_SMTP_RATE_PER_MINUTE": "0",  # the test server does not throttle
    }
    return App(load_settings(None, environ))


@pytest.fixture
def system(
    tmp_path: Path, database_url: str, dovecot: Dovecot, smtp_server: SmtpSink
) -> Iterator[tuple[App, dict[str, Appeal]]]:
    """Recipients imported and the appeal sent through aiosmtpd; yields the app and each recipient's appeal."""
    app = make_app(tmp_path, database_url, dovecot, smtp_server)
    queue_appeal(app)
    summary = app.send_due()
    assert summary.count(LetterStatus.SENT) == 12
    appeals = {
        parseaddr(str(item.message["To"]))[1]: Appeal(item.message_id, parseaddr(str(item.message["Reply-To"]))[1])
        for item in smtp_server.received
    }
    yield app, appeals
    app.close()


def answer(appeals: dict[str, Appeal], sender: str, text: str, number: int, **options: object) -> bytes:
    appeal = appeals[sender]
    headers = {"To": appeal.reply_to, "In-Reply-To": appeal.message_id, "References": appeal.message_id}
    headers["Message-ID"] = f"<answer-{number}@{sender.split('@')[1]}>"
    return make_reply(text, from_address=sender, headers=headers, **options)  # type: ignore[arg-type]


def stances_of(app: App, email: str) -> dict[str, tuple[str, str | None]]:
    with transaction(app.sessions()) as session:
        rows = session.execute(
            select(RecommendationRow.rec_id, ResponseRow.stance, ResponseRow.reason)
            .join(ResponseRow, ResponseRow.recommendation_id == RecommendationRow.id)
            .join(RecipientRow, RecipientRow.id == ResponseRow.recipient_id)
            .where(RecipientRow.email == email)
        )
        return {rec_id: (stance, reason) for rec_id, stance, reason in rows}


BOUNCE = (
    b"From: MAILER-DAEMON@mx.committee.example\r\nTo: dialog@committee.example\r\n"
    b"Subject: Undelivered Mail Returned to Sender\r\nMessage-ID: <bounce-1@mx.committee.example>\r\n"
    b"MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=B\r\n\r\n"
    b"--B\r\nContent-Type: text/plain\r\n\r\nUser unknown\r\n"
    b"--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.committee.example\r\n\r\n"
    b"Final-Recipient: rfc822; bekjan@it-south.example\r\nAction: failed\r\nStatus: 5.1.1\r\n--B--\r\n"
)
AUTO_REPLY = (
    b"From: Aida Bekova <aida@policy-lab.example>\r\nTo: dialog@committee.example\r\n"
    b"Subject: Automatic reply: Recommendations\r\nMessage-ID: <auto-1@policy-lab.example>\r\n"
    b"Auto-Submitted: auto-replied\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nOut of office until 20 March.\r\n"
)


def test_appeal_replies_stances_reviews_bounces_acknowledgements_and_digest(
    system: tuple[App, dict[str, Appeal]], dovecot: Dovecot, smtp_server: SmtpSink
) -> None:
    app, appeals = system
    umut = "Поддерживаем все рекомендации, кроме 3.5: это задача государства."
    deliver(
        dovecot,
        [
            answer(appeals, "umut@umut-fund.example", umut, 1, client="outlook", body="html", charset="windows-1251"),
            answer(appeals, "office@agro-invest.example", "1.1 — согласны\n2.1 — частично, только обмен опытом", 2),
            answer(appeals, "erlan@suppliers.example", "Спасибо, обсудим на правлении и ответим.", 3, client="mailru"),
            answer(appeals, "zh.t@naryn-women.example", "Бардык сунуштар менен макулбуз.", 4, client="android"),
            BOUNCE,
            AUTO_REPLY,
        ],
    )
    worker = app.worker(app.campaign())
    summary = worker.cycle()
    worker.close()
    assert (summary.fetched, summary.recorded, summary.flagged, summary.failed) == (6, 5, 1, 0)

    recorded = stances_of(app, "umut@umut-fund.example")
    assert recorded["3.5"] == ("disagree", "это задача государства")
    assert {s for rec, (s, _) in recorded.items() if rec != "3.5"} == {"agree"} and len(recorded) == 19
    assert stances_of(app, "office@agro-invest.example") == {
        "1.1": ("agree", None),
        "2.1": ("partial", "только обмен опытом"),
    }
    assert stances_of(app, "erlan@suppliers.example") == {}
    assert len(stances_of(app, "zh.t@naryn-women.example")) == 19

    with transaction(app.sessions()) as session:
        reviews = session.scalars(select(ReviewItemRow)).all()
        assert [r.reasons[0]["code"] for r in reviews] == ["holding"]
        bounced = session.scalars(select(LetterRow.to_address).where(LetterRow.status == LetterStatus.BOUNCED)).all()
        assert bounced == ["bekjan@it-south.example"]
        kinds = dict(session.execute(select(InboundRow.kind, func.count()).group_by(InboundRow.kind)).all())
        assert kinds == {"reply": 4, "bounce": 1, "auto_reply": 1}
        # the auto-reply is logged, not counted: nobody's stances came from it
        policy = session.scalars(select(RecipientRow).where(RecipientRow.email == "aida@policy-lab.example")).one()
        assert session.scalars(select(ResponseRow).where(ResponseRow.recipient_id == policy.id)).all() == []

    # filed on the server: nothing left in INBOX, the flagged reply in the review folder
    client = admin_client(dovecot)
    assert client.select_folder(FOLDER)[b"EXISTS"] == 0
    review_folder = next(name for _, _, name in client.list_folders() if name.endswith("review"))
    assert client.select_folder(review_folder)[b"EXISTS"] == 1
    client.logout()

    before = len(smtp_server.received)
    acks = app.send_due()
    assert acks.count(LetterStatus.SENT) == 3  # umut, agro-invest, naryn-women: auto-accepted replies
    acknowledged = {parseaddr(str(item.message["To"]))[1] for item in smtp_server.received[before:]}
    assert acknowledged == {"umut@umut-fund.example", "office@agro-invest.example", "zh.t@naryn-women.example"}
    assert all(item.message["Auto-Submitted"] == "auto-generated" for item in smtp_server.received[before:])

    assert queue_digest(app, app.campaign(), now=datetime.now(UTC)) == 1
    assert queue_digest(app, app.campaign(), now=datetime.now(UTC)) == 0  # once a week per address
    app.send_due()
    digest = smtp_server.received[-1]
    assert digest.rcpt_tos == [COMMITTEE]
    assert str(digest.message["Subject"]).startswith("Сводка за")


def test_the_same_reply_appended_twice_is_counted_once(system: tuple[App, dict[str, Appeal]], dovecot: Dovecot) -> None:
    app, appeals = system
    raw = answer(appeals, "umut@umut-fund.example", "Согласны со всеми рекомендациями.", 1)
    deliver(dovecot, [raw, raw])
    worker = app.worker(app.campaign())
    summary = worker.cycle()
    worker.close()
    assert (summary.fetched, summary.recorded, summary.duplicates) == (2, 1, 1)
    with transaction(app.sessions()) as session:
        assert session.scalar(select(func.count()).select_from(InboundRow)) == 1
        assert session.scalar(select(func.count()).select_from(ResponseRow)) == 19


def test_a_changed_uidvalidity_refetches_without_double_counting(
    system: tuple[App, dict[str, Appeal]], dovecot: Dovecot
) -> None:
    app, appeals = system
    first = answer(appeals, "umut@umut-fund.example", "Согласны со всеми рекомендациями.", 1)
    deliver(dovecot, [first])
    worker = app.worker(app.campaign())
    worker.cycle()
    # the server loses its UID state: the folder is recreated and the same mail delivered again
    client = admin_client(dovecot)
    client.delete_folder(FOLDER)
    client.logout()
    second = answer(appeals, "office@agro-invest.example", "Согласны со всеми рекомендациями.", 2)
    deliver(dovecot, [first, second])
    summary = worker.cycle()
    left = worker.mailbox.fetch(Cursor(), max_bytes=10**6).messages
    worker.close()
    assert summary.duplicates == 1 and summary.recorded == 1
    assert left == ()  # both filed away
    with transaction(app.sessions()) as session:
        assert session.scalar(select(func.count()).select_from(InboundRow)) == 2
        statuses = set(session.scalars(select(InboundRow.status)))
    assert statuses == {MessageStatus.RECORDED.value}
