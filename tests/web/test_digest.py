"""The weekly digest: every number recounted here from the rows, the letter rendered, and its preview."""

from __future__ import annotations

from datetime import timedelta
from email import message_from_bytes, policy
from pathlib import Path

from playwright.sync_api import Page
from sqlalchemy import func, select

from mailflow.app import App
from mailflow.committee.digest import build_digest, compose_digest, html_of
from mailflow.sending.compose import template_environment, templates_dir
from mailflow.store.db import transaction
from mailflow.store.models import (
    InboundRow,
    LetterRow,
    RecipientRow,
    RecommendationRow,
    ResponseHistoryRow,
    ResponseRow,
    ReviewItemRow,
)
from mailflow.store.reports import utc

from .conftest import NOW, SCREENSHOTS
from .seed import Seeded

WEB_URL = "https://dialog.committee.example"


def test_the_digest_numbers_equal_a_count_of_the_rows(mailflow_app: App, seeded: Seeded) -> None:
    end, start = NOW, NOW - timedelta(days=7)
    with transaction(mailflow_app.sessions()) as session:
        digest = build_digest(session, mailflow_app.campaign().slug, end=end, web_url=WEB_URL)
        replies = [
            (m.recipient_id, utc(m.received_at))
            for m in session.scalars(
                select(InboundRow).where(InboundRow.kind == "reply", InboundRow.recipient_id.is_not(None))
            )
        ]
        recipients = session.scalar(select(func.count(RecipientRow.id)))
        first = {}
        for rid, at in sorted(replies, key=lambda r: r[1]):
            first.setdefault(rid, at)
        open_items = session.scalars(select(ReviewItemRow).where(ReviewItemRow.status == "open")).all()
        bounced = session.scalar(select(func.count(LetterRow.id)).where(LetterRow.status == "bounced"))
        reminders = {
            rid: n
            for rid, n in session.execute(
                select(LetterRow.recipient_id, func.count(LetterRow.id))
                .where(LetterRow.kind == "reminder", LetterRow.status == "sent")
                .group_by(LetterRow.recipient_id)
            )
        }
        org = {r.id: r.organisation for r in session.scalars(select(RecipientRow))}
        rec_ids = {r.id: r.rec_id for r in session.scalars(select(RecommendationRow))}
        quoted = {
            (rec_ids[r.recommendation_id], org[r.recipient_id], r.reason)
            for r in session.scalars(select(ResponseRow).where(ResponseRow.stance.in_(["disagree", "partial"])))
            if r.reason and start <= utc(r.updated_at) < end
        }
        changes = session.scalar(
            select(func.count(ResponseHistoryRow.id)).where(
                ResponseHistoryRow.replaced_at >= start.replace(tzinfo=None),
                ResponseHistoryRow.replaced_at < end.replace(tzinfo=None),
            )
        )
        agree_43 = session.scalar(
            select(func.count(ResponseRow.id))
            .join(RecommendationRow, RecommendationRow.id == ResponseRow.recommendation_id)
            .where(RecommendationRow.rec_id == "4.3", ResponseRow.stance == "agree")
        )

    assert digest.new_replies == sum(1 for _, at in replies if start <= at < end)
    assert digest.new_respondents == sum(1 for at in first.values() if start <= at < end)
    assert digest.respondents == len(first)
    assert digest.recipients == recipients
    assert digest.rate == round(100 * len(first) / recipients)
    assert {(r.rec_id, r.organisation, r.reason) for r in digest.reasons} == quoted
    assert len(digest.shifts) == changes == 1
    assert (digest.shifts[0].rec_id, digest.shifts[0].old, digest.shifts[0].new) == ("2.1", "disagree", "agree")
    assert [q.item_id for q in digest.queue] == [i.id for i in sorted(open_items, key=lambda i: i.created_at)]
    assert all(q.url == f"{WEB_URL}/review/{q.item_id}" for q in digest.queue)
    assert len(digest.bounces) == bounced
    assert {s.organisation: s.reminders for s in digest.silent} == {
        org[rid]: reminders.get(rid, 0) for rid in org if rid not in first
    }
    tally_43 = next(t for t in digest.tallies if t.rec.rec_id == "4.3")
    assert tally_43.all.get("agree") == agree_43
    assert sum(s.percent for s in tally_43.all.segments()) == 100


def test_the_digest_letter_shows_the_week_and_renders_in_a_browser(
    mailflow_app: App, seeded: Seeded, page: Page, tmp_path: Path
) -> None:
    settings = mailflow_app.settings
    with transaction(mailflow_app.sessions()) as session:
        digest = build_digest(session, mailflow_app.campaign().slug, end=NOW, web_url=WEB_URL)
    letter = compose_digest(
        template_environment(templates_dir(settings.root)),
        mailflow_app.campaign(),
        digest,
        to="committee@committee.example",
        sender=settings.sender,
        web_url=WEB_URL,
        now=NOW,
    )
    message = message_from_bytes(letter.raw, policy=policy.default)
    assert message["Auto-Submitted"] == "auto-generated"
    text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "сроки слишком короткие" in text and f"{WEB_URL}/review/{seeded.flagged_item}" in text
    html = html_of(letter)
    assert "<script" not in html.lower()
    path = tmp_path / "digest.html"
    path.write_text(html, encoding="utf-8")
    page.set_viewport_size({"width": 760, "height": 900})
    page.goto(path.as_uri())
    assert page.locator(f"a[href='{WEB_URL}/review/{seeded.hostile_item}']").count() == 1
    assert "Союз экспортёров Кыргызстана" in page.inner_text("body")
    page.screenshot(path=str(SCREENSHOTS / "digest.png"), full_page=True)
