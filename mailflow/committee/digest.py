"""The weekly digest: where the consultation stands, computed from the database for a week ending at a time.

`build_digest` asks the database for counts and the first items of each list (the test recounts every number
from the rows); `compose_digest` renders it through the committee's `digest` template as a letter (HTML for
mail clients: tables and inline styles, no JavaScript); `write_preview` puts it in `storage/digests/` for
`mailflow digest --preview`.
"""

from __future__ import annotations

import email
from dataclasses import dataclass
from datetime import datetime, timedelta
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import jinja2
from sqlalchemy.orm import Session

from mailflow.campaign.letter import Campaign
from mailflow.committee.review import reason_words
from mailflow.committee.tally import RecTally, Segment, tally
from mailflow.committee.words import DEFAULT_LANGUAGE, words
from mailflow.sending.compose import Addressee, ComposedLetter, LetterKind, compose_letter, new_message_id
from mailflow.settings import SenderSettings
from mailflow.store.counts import respondents_before
from mailflow.store.reports import (
    ShiftRow,
    bounces,
    campaign_facts,
    open_queue,
    replies_between,
    silent_page,
    week_reasons,
    week_shifts,
)

WEEK = timedelta(days=7)
LIST_LIMIT = 20  # items per list in the letter; the web pages have the rest
QUOTED = ("disagree", "partial")
STANCE_COLOURS = {
    "agree": "#2e7d32",
    "disagree": "#c62828",
    "partial": "#f0a500",
    "abstain": "#78909c",
    "none": "#dde2e8",
}


@dataclass(frozen=True)
class QuotedReason:
    rec_id: str
    organisation: str
    stance: str
    reason: str


@dataclass(frozen=True)
class QueueLink:
    item_id: int
    who: str
    waiting_since: datetime
    reasons: tuple[str, ...]  # the review codes; each reader's letter says them in the reader's language
    url: str


@dataclass(frozen=True)
class Undelivered:
    organisation: str
    email: str
    kind: str


@dataclass(frozen=True)
class Silent:
    organisation: str
    sector: str
    reminders: int


@dataclass(frozen=True)
class Totals:
    """How many items each list of the digest has in all; the digest itself shows the first `LIST_LIMIT`."""

    reasons: int
    shifts: int
    queue: int
    bounces: int
    silent: int


@dataclass(frozen=True)
class Digest:
    title: str
    start: datetime
    end: datetime
    new_replies: int  # human replies received in the week (messages)
    new_respondents: int  # organisations whose first reply came in the week
    respondents: int  # organisations that have replied at all by `end`
    recipients: int
    tallies: tuple[RecTally, ...]
    reasons: tuple[QuotedReason, ...]
    shifts: tuple[ShiftRow, ...]
    queue: tuple[QueueLink, ...]
    bounces: tuple[Undelivered, ...]
    silent: tuple[Silent, ...]
    totals: Totals

    @property
    def rate(self) -> int:
        return round(100 * self.respondents / self.recipients) if self.recipients else 0


def build_digest(session: Session, slug: str, *, end: datetime, web_url: str, limit: int = LIST_LIMIT) -> Digest:
    """The week [end − 7 days, end): what is new in it, and the standing of everything at `end`.

    Counted by the database; each list holds its first `limit` items and the total, so the letter stays a
    few dozen kilobytes however many organisations were asked (the review pages have the rest)."""
    start = end - WEEK
    facts = campaign_facts(session, slug)
    if facts.id is None:
        empty = Totals(0, 0, 0, 0, 0)
        return Digest(facts.title, start, end, 0, 0, 0, 0, (), (), (), (), (), (), empty)
    campaign_id = facts.id
    before_start, before_end = respondents_before(session, campaign_id, [start, end])
    reasons, reasons_total = week_reasons(session, campaign_id, start, end, stances=QUOTED, limit=limit)
    shifts, shifts_total = week_shifts(session, campaign_id, start, end, limit=limit)
    queue, queue_total = open_queue(session, campaign_id, end, limit=limit)
    bounced, bounces_total = bounces(session, campaign_id, limit=limit)
    silent, silent_total = silent_page(session, campaign_id, end, limit=limit)
    base = web_url.rstrip("/")
    return Digest(
        title=facts.title,
        start=start,
        end=end,
        new_replies=replies_between(session, campaign_id, start, end),
        new_respondents=before_end - before_start,
        respondents=before_end,
        recipients=facts.recipients,
        tallies=tally(session, facts),
        reasons=tuple(QuotedReason(*r) for r in reasons),
        shifts=tuple(shifts),
        queue=tuple(QueueLink(q.item_id, q.who, q.created_at, q.reasons, f"{base}/review/{q.item_id}") for q in queue),
        bounces=tuple(Undelivered(b.organisation, b.email, b.kind) for b in bounced),
        silent=tuple(Silent(p.recipient.organisation, p.recipient.sector, p.reminders) for p in silent),
        totals=Totals(reasons_total, shifts_total, queue_total, bounces_total, silent_total),
    )


def summary_lines(digest: Digest, language: str = DEFAULT_LANGUAGE) -> list[str]:
    """The headline figures, one sentence each: the text part of the letter and the top of the HTML one."""
    w = words(language)
    return [
        w("digest.new", replies=digest.new_replies, respondents=digest.new_respondents),
        w("digest.rate", respondents=digest.respondents, recipients=digest.recipients, rate=digest.rate),
        w("digest.pending", queue=digest.totals.queue, bounces=digest.totals.bounces, silent=digest.totals.silent),
    ]


def digest_context(digest: Digest, *, web_url: str, language: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """What the `digest` templates receive; `lines` and `period` are the shape `mailflow preview` also uses."""
    last_day = digest.end - timedelta(seconds=1)
    return {
        "period": f"{digest.start:%d.%m.%Y} – {last_day:%d.%m.%Y}",
        "lines": summary_lines(digest, language),
        "web_url": web_url,
        "digest": digest,
        "stance_words": words(language).stances(),
        "reasons_of": lambda link: ", ".join(reason_words(code, language) for code in link.reasons),
        "stance_colours": STANCE_COLOURS,
        "bar": bar,
    }


def bar(segments: tuple[Segment, ...]) -> list[Segment]:
    """The segments worth drawing: a 0% cell would still take a pixel in some mail clients."""
    return [s for s in segments if s.percent > 0]


def compose_digest(
    env: jinja2.Environment,
    campaign: Campaign,
    digest: Digest,
    *,
    to: str,
    sender: SenderSettings,
    web_url: str,
    now: datetime,
    language: str = DEFAULT_LANGUAGE,
) -> ComposedLetter:
    """The digest letter to one committee member, in the language they chose (`mailflow users digest`)."""
    return compose_letter(
        env,
        LetterKind.DIGEST,
        campaign,
        Addressee(to, language=language),
        sender,
        digest_context(digest, web_url=web_url, language=language),
        message_id=new_message_id(LetterKind.DIGEST, "", sender.address),
        now=now,
    )


def html_of(letter: ComposedLetter) -> str:
    body = email.message_from_bytes(letter.raw, policy=policy.default).get_body(("html",))
    return body.get_content() if isinstance(body, EmailMessage) else ""


def write_preview(letter: ComposedLetter, directory: Path, end: datetime) -> tuple[Path, Path]:
    """`digest-YYYY-MM-DD.html` (to open in a browser) and `.eml` (to open in a mail client)."""
    html = html_of(letter)
    directory.mkdir(parents=True, exist_ok=True)
    stem = directory / f"digest-{end:%Y-%m-%d}"
    html_path, eml_path = stem.with_suffix(".html"), stem.with_suffix(".eml")
    html_path.write_text(html, encoding="utf-8")
    eml_path.write_bytes(letter.raw)
    return html_path, eml_path
