"""Review pages for hostile mail: every stored message opens, whatever went wrong reading it, and a page view
reads no attachment again."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page
from sqlalchemy import select, update

from mailflow.app import App
from mailflow.committee.review import Answer, Decision, decide, show_reply
from mailflow.reading.mime import ParseLimits
from mailflow.reading.reply import ReviewReason
from mailflow.store.db import transaction
from mailflow.store.inbound import store_message
from mailflow.store.models import AttachmentTextRow, ResponseRow, ReviewItemRow
from mailflow.store.reviews import open_review
from tests.hostile.messages import deeply_nested

from .conftest import NOW
from .seed import Seeded

LIMITS = ParseLimits()


def _flag_unreadable(app: App, raw: bytes) -> int:
    """Store `raw` and flag it as the worker does a message it cannot read."""
    with transaction(app.sessions()) as session:
        stored = store_message(session, raw, mailbox="INBOX", uid=None, message_id=None)
        reason = ReviewReason("unreadable", "Сообщение не читается как письмо.")
        open_review(session, inbound_id=stored.inbound_id, recipient_id=None, reasons=(reason,), at=NOW)
        session.flush()
        return session.scalars(select(ReviewItemRow.id).where(ReviewItemRow.inbound_id == stored.inbound_id)).one()


def test_a_message_too_deeply_nested_to_read_shows_its_source_and_the_error(mailflow_app: App, seeded: Seeded) -> None:
    item_id = _flag_unreadable(mailflow_app, deeply_nested(1_000))
    with transaction(mailflow_app.sessions()) as session:
        view = show_reply(session, item_id, slug=mailflow_app.campaign().slug, limits=LIMITS)
    assert view.error is not None and "multipart" in view.error
    assert "Content-Type: multipart/mixed" in view.original_text
    assert len(view.rows) == 19  # the form is there: the reviewer can still record stances


def test_a_message_the_reader_crashes_on_still_opens_and_takes_stances(mailflow_app: App, seeded: Seeded) -> None:
    # no structure limit: the stdlib parser runs out of stack on it, as it did before there was one
    item_id = _flag_unreadable(mailflow_app, deeply_nested(1_000))
    unlimited = ParseLimits(max_multiparts=10_000, max_mime_parts=10_000)
    with transaction(mailflow_app.sessions()) as session:
        view = show_reply(session, item_id, slug=mailflow_app.campaign().slug, limits=unlimited)
        assert view.error is not None and "RecursionError" in view.error
        recipient = seeded.recipients["cso1@civic.example"]
        decision = Decision({"1.1": Answer("agree")}, recipient_id=recipient)
        decide(session, item_id, decision, user="aigul", at=NOW, clarify=None)
    with transaction(mailflow_app.sessions()) as session:
        assert session.scalars(select(ResponseRow.stance).where(ResponseRow.recipient_id == recipient)).all()


def test_the_review_page_of_an_unreadable_message_answers_with_its_source(
    login: Callable[[], Page], base_url: str, mailflow_app: App
) -> None:
    item_id = _flag_unreadable(mailflow_app, deeply_nested(1_000))
    page = login()
    response = page.goto(f"{base_url}/review/{item_id}")
    assert response is not None and response.status == 200
    assert "multipart/mixed" in page.inner_text("pre.original")
    assert page.locator("select[name='stance-1.1']").count() == 1


def test_attachment_text_on_the_review_page_is_the_text_kept_when_it_was_processed(
    mailflow_app: App, seeded: Seeded
) -> None:
    with transaction(mailflow_app.sessions()) as session:
        session.execute(update(AttachmentTextRow).values(text="как прочитано при обработке"))
    with transaction(mailflow_app.sessions()) as session:
        view = show_reply(session, seeded.unknown_item, slug=mailflow_app.campaign().slug, limits=LIMITS)
    (attachment,) = view.attachments
    assert "".join(span.text for span in attachment.text) == "как прочитано при обработке"
