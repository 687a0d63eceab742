"""Processing one stored message: parse it, match it, record what it says, and decide where it is filed.

The worker, `mailflow reprocess` and `mailflow demo` all call `process_message`; it runs in the caller's
transaction, so a crash leaves the message `stored` and it is simply processed again, never half-recorded. The
acknowledgements of what it recorded are queued by `queue_acknowledgements` in that same transaction, a batch's
together.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, NamedTuple

import jinja2
from sqlalchemy.orm import Session

from mailflow.campaign.directory import Directory, Named
from mailflow.campaign.letter import Campaign
from mailflow.lifecycle import MessageStatus
from mailflow.mailbox.fetch import Outcome, header_block
from mailflow.parse import parse_reply
from mailflow.reading.classify import OwnIdentity
from mailflow.reading.mime import ParseLimits
from mailflow.reading.reply import Kind, ParsedReply, ReviewReason
from mailflow.receiving.match import Match, Regarding, ReplyHeaders, match_reply
from mailflow.sending.compose import LetterKind
from mailflow.sending.outbox import queue_each
from mailflow.settings import SenderSettings
from mailflow.store.messages import (
    expect_stored,
    finish_message,
    load_message,
    mark_bounced,
    reuses_message_id,
)
from mailflow.store.responses import StanceChange, record_stances
from mailflow.store.reviews import open_review

logger = logging.getLogger(__name__)

DIFFERS_FROM_REVIEWER = "differs_from_reviewer"
ACKNOWLEDGEMENT_REPLY = "acknowledgement_reply"
UNMATCHED_BOUNCE = "unmatched_bounce"
REUSED_MESSAGE_ID = ReviewReason(
    "reused_message_id", "Другое письмо с тем же Message-ID уже получено; проверьте, не подделка ли это."
)


@dataclass(frozen=True)
class Context:
    """What processing needs besides the message; built once per run by the composition root."""

    campaign: Campaign
    campaign_id: int
    recommendation_ids: Mapping[str, int]  # the campaign's recommendation rows by number ("1.2")
    # the address book, read through the session processing a message; what the messages about to be matched
    # name, if given, is read ahead (`load_directory`)
    directory: Callable[[Session, Named | None], Directory]
    own: OwnIdentity
    limits: ParseLimits
    sender: SenderSettings
    templates: jinja2.Environment | None = None  # None: no acknowledgements are sent


@dataclass(frozen=True)
class Processed:
    inbound_id: int
    kind: Kind
    status: MessageStatus
    outcome: Outcome
    recipient_id: int | None = None
    changes: tuple[StanceChange, ...] = ()
    review_reasons: tuple[ReviewReason, ...] = field(default=())
    # the answers to acknowledge ("this is how we read you"), for `queue_acknowledgements`; None: none is due
    acknowledgement: tuple[Mapping[str, str], ...] | None = None


def outcome_of(status: MessageStatus, kind: str | None) -> Outcome:
    """Where a finished message is filed on the server; also used for a duplicate fetched again."""
    if status in (MessageStatus.FLAGGED, MessageStatus.FAILED):
        return Outcome.REVIEW
    if kind in (Kind.REPLY.value, None):
        return Outcome.PROCESSED
    return Outcome.AUTOMATIC


class Reading(NamedTuple):
    """A stored message's bytes and their parse, when the caller has them already: the worker holds the bytes
    it just fetched and reads a batch ahead on its other cores (`mailflow.receiving.parse_pool`)."""

    raw: bytes
    parsed: ParsedReply


def process_message(
    session: Session,
    inbound_id: int,
    ctx: Context,
    *,
    now: datetime,
    reading: Reading | None = None,
    directory: Directory | None = None,
) -> Processed:
    """Parse, match and record one `stored` message (the lifecycle refuses any other).

    `reading` must be the parse of the stored bytes with `ctx`'s campaign, limits and identity; without it the
    bytes are loaded and parsed here. `directory`: the address book of the caller's batch, read ahead through
    `session`; without it, one read as the message asks.
    """
    # No flush before every query: what a later message reads (its organisation's stances, the letters queued)
    # is flushed by the store function that wrote it, and the rest goes out in a few statements at the end.
    with session.no_autoflush:
        expect_stored(session, inbound_id)
        if reading is None:
            _, raw = load_message(session, inbound_id)
            parsed = parse_reply(raw, ctx.campaign, limits=ctx.limits, own=ctx.own)
        else:
            raw, parsed = reading
        if reuses_message_id(session, inbound_id):
            parsed = replace(parsed, review_reasons=(*parsed.review_reasons, REUSED_MESSAGE_ID))
        directory = directory if directory is not None else ctx.directory(session, None)
        return _dispatch(session, inbound_id, parsed, raw, ctx, directory, now)


def _dispatch(
    session: Session,
    inbound_id: int,
    parsed: ParsedReply,
    raw: bytes,
    ctx: Context,
    directory: Directory,
    now: datetime,
) -> Processed:
    if parsed.kind is Kind.REPLY:
        return _reply(session, inbound_id, parsed, raw, ctx, directory, now)
    if parsed.kind is Kind.BOUNCE and parsed.bounced_recipient:
        bounced = mark_bounced(session, ctx.campaign_id, parsed.bounced_recipient, at=now)
        if bounced:
            return _finish(session, inbound_id, parsed, MessageStatus.RECORDED, now)
        reason = ReviewReason(
            UNMATCHED_BOUNCE, f"Отказ в доставке для {parsed.bounced_recipient}, но писем на этот адрес не было."
        )
        return _flag(session, inbound_id, parsed, (reason,), None, now)
    if parsed.kind is Kind.UNREADABLE:
        return _flag(session, inbound_id, parsed, parsed.review_reasons, None, now)
    if parsed.kind is Kind.FEEDBACK_REPORT and parsed.bounced_recipient:
        # a spam complaint is kept against the organisation: the secretary sees it, reminders skip it
        complainer = directory.by_email.get(parsed.bounced_recipient)
        if complainer is not None:
            logger.warning("message %s: %s marked our letter as spam", inbound_id, parsed.bounced_recipient)
            return _finish(session, inbound_id, parsed, MessageStatus.RECORDED, now, recipient_id=complainer.id)
    # auto-replies, receipts, our own mail looping back, bounces without an address: logged, never counted
    return _finish(session, inbound_id, parsed, MessageStatus.RECORDED, now)


def _reply(
    session: Session,
    inbound_id: int,
    parsed: ParsedReply,
    raw: bytes,
    ctx: Context,
    directory: Directory,
    now: datetime,
) -> Processed:
    match = match_reply(ReplyHeaders.from_parsed(parsed, headers=header_block(raw)), directory)
    if match.regarding is Regarding.DIGEST:
        return _finish(session, inbound_id, parsed, MessageStatus.RECORDED, now, match)
    reasons = [*match.review_reasons, *parsed.review_reasons]
    if match.regarding is Regarding.ACKNOWLEDGEMENT:
        # an answer to "this is how we read you" is usually a correction: a person applies it
        reasons.append(
            ReviewReason(ACKNOWLEDGEMENT_REPLY, "Ответ на наше подтверждение; проверьте, не исправляет ли он позицию.")
        )
    if reasons or match.recipient_id is None:
        return _flag(session, inbound_id, parsed, tuple(reasons), match, now)
    summary = record_stances(
        session,
        campaign_id=ctx.campaign_id,
        recipient_id=match.recipient_id,
        stances=parsed.stances,
        source_message_id=inbound_id,
        at=now,
        recommendation_ids=ctx.recommendation_ids,
    )
    if summary.kept_reviewer:
        ids = ", ".join(summary.kept_reviewer)
        reason = ReviewReason(
            DIFFERS_FROM_REVIEWER, f"Ответ расходится с решением проверяющего по {ids}; решите, что верно."
        )
        return replace(_flag(session, inbound_id, parsed, (reason,), match, now), changes=summary.changed)
    result = _finish(session, inbound_id, parsed, MessageStatus.RECORDED, now, match)
    answers = _answers(parsed, ctx.campaign) if ctx.templates is not None else None
    return replace(result, changes=summary.changed, acknowledgement=answers)


def _answers(parsed: ParsedReply, campaign: Campaign) -> tuple[Mapping[str, str], ...]:
    """What the acknowledgement repeats: each stance read, in the letter's order, with its recommendation's text."""
    return tuple(
        {
            "id": f.rec_id,
            "text": rec.text if (rec := campaign.get(f.rec_id)) else "",
            "stance": f.stance.value,
            "reason": f.reason or "",
        }
        for f in sorted(parsed.stances.values(), key=lambda f: tuple(int(p) for p in f.rec_id.split(".")))
    )


def queue_acknowledgements(session: Session, ctx: Context, processed: Iterable[Processed], *, now: datetime) -> int:
    """Queue "this is how we read you" for the replies recorded in this transaction; returns how many.

    One per recipient and campaign, as for every kind: the first reply of a batch is acknowledged, a recipient
    acknowledged before is skipped. Called in the transaction that recorded the replies, so a reply and its
    acknowledgement are committed together or not at all.
    """
    if ctx.templates is None:
        return 0
    contexts: dict[int, Mapping[str, Any]] = {}
    for item in processed:
        if item.acknowledgement is not None and item.recipient_id is not None:
            contexts.setdefault(item.recipient_id, {"answers": list(item.acknowledgement)})
    if not contexts:
        return 0
    summary = queue_each(
        session,
        ctx.templates,
        ctx.campaign,
        LetterKind.ACKNOWLEDGEMENT,
        ctx.sender,
        campaign_id=ctx.campaign_id,
        contexts=contexts,
        now=now,
        actor="worker",
    )
    return summary.queued


def _finish(
    session: Session,
    inbound_id: int,
    parsed: ParsedReply,
    status: MessageStatus,
    now: datetime,
    match: Match | None = None,
    *,
    recipient_id: int | None = None,
) -> Processed:
    """`recipient_id` is for a message about a recipient that is not their reply (a complaint)."""
    if match is not None:
        recipient_id = match.recipient_id
    finish_message(
        session,
        inbound_id,
        parsed=parsed.to_json(),
        kind=parsed.kind.value,
        status=status,
        at=now,
        recipient_id=recipient_id,
        letter_id=match.letter_id if match else None,
        match_method=match.method.value if match and match.method else None,
        attachments=parsed.content.attachments,
    )
    return Processed(inbound_id, parsed.kind, status, outcome_of(status, parsed.kind.value), recipient_id)


def _flag(
    session: Session,
    inbound_id: int,
    parsed: ParsedReply,
    reasons: tuple[ReviewReason, ...],
    match: Match | None,
    now: datetime,
) -> Processed:
    suggested = match.suggestion.recipient_id if match and match.suggestion else None
    recipient_id = match.recipient_id if match and match.recipient_id is not None else suggested
    open_review(session, inbound_id=inbound_id, recipient_id=recipient_id, reasons=reasons, at=now)
    flagged = _finish(session, inbound_id, parsed, MessageStatus.FLAGGED, now, match)
    return replace(flagged, recipient_id=recipient_id, review_reasons=reasons)
