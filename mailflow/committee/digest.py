"""The weekly digest: where the consultation stands, computed from the database for a week ending at a time.

`build_digest` is pure over `Facts` (the test recounts every number from the rows); `compose_digest` renders it
through the committee's `digest` template as a letter (HTML for mail clients: tables and inline styles, no
JavaScript); `write_preview` puts it in `storage/digests/` for `mailflow digest --preview`.
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

from mailflow.campaign.letter import Campaign
from mailflow.committee.review import reason_words
from mailflow.committee.tally import RecTally, Segment, first_replies, respondents, tally
from mailflow.committee.words import DEFAULT_LANGUAGE, words
from mailflow.sending.compose import Addressee, ComposedLetter, LetterKind, compose_letter, new_message_id
from mailflow.settings import SenderSettings
from mailflow.store.reports import Facts

WEEK = timedelta(days=7)
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
class StanceShift:
    organisation: str
    rec_id: str
    old: str
    new: str  # "none" when a reviewer struck the stance out
    at: datetime


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
    shifts: tuple[StanceShift, ...]
    queue: tuple[QueueLink, ...]
    bounces: tuple[Undelivered, ...]
    silent: tuple[Silent, ...]

    @property
    def rate(self) -> int:
        return round(100 * self.respondents / self.recipients) if self.recipients else 0


def build_digest(facts: Facts, *, end: datetime, web_url: str) -> Digest:
    """The week [end − 7 days, end): what is new in it, and the standing of everything at `end`."""
    start = end - WEEK

    def in_week(at: datetime) -> bool:
        return start <= at < end

    orgs = {r.id: r for r in facts.recipients}
    first = first_replies(facts)
    reasons = tuple(
        QuotedReason(r.rec_id, orgs[r.recipient_id].organisation, r.stance, r.reason or "")
        for r in sorted(facts.responses, key=lambda r: (_position(facts, r.rec_id), r.updated_at))
        if r.stance in QUOTED and r.reason and in_week(r.updated_at) and r.recipient_id in orgs
    )
    queue = tuple(
        QueueLink(
            item.item_id,
            orgs[item.recipient_id].organisation if item.recipient_id in orgs else item.from_address,
            item.created_at,
            item.reasons,
            f"{web_url.rstrip('/')}/review/{item.item_id}",
        )
        for item in sorted(facts.reviews, key=lambda i: (i.created_at, i.item_id))
        if item.status == "open" and item.created_at < end
    )
    people = respondents(facts)
    return Digest(
        title=facts.title,
        start=start,
        end=end,
        new_replies=sum(1 for r in facts.replies if in_week(r.received_at)),
        new_respondents=sum(1 for at in first.values() if in_week(at)),
        respondents=sum(1 for at in first.values() if at < end),
        recipients=len(facts.recipients),
        tallies=tally(facts),
        reasons=reasons,
        shifts=tuple(s for s in _shifts(facts) if in_week(s.at)),
        queue=queue,
        bounces=tuple(
            Undelivered(orgs[letter.recipient_id].organisation, orgs[letter.recipient_id].email, letter.kind)
            for letter in facts.letters
            if letter.status == "bounced" and letter.recipient_id in orgs
        ),
        silent=tuple(
            Silent(p.recipient.organisation, p.recipient.sector, p.reminders)
            for p in people
            if p.recipient.id not in first or first[p.recipient.id] >= end
        ),
    )


def _position(facts: Facts, rec_id: str) -> int:
    ids = [r.rec_id for r in facts.recommendations]
    return ids.index(rec_id) if rec_id in ids else len(ids)


def _shifts(facts: Facts) -> list[StanceShift]:
    """Each replaced stance and what replaced it: the next history entry, else the current stance."""
    orgs = {r.id: r.organisation for r in facts.recipients}
    current = {(r.recipient_id, r.rec_id): r.stance for r in facts.responses}
    chains: dict[tuple[int, str], list[tuple[datetime, str]]] = {}
    for h in facts.history:
        chains.setdefault((h.recipient_id, h.rec_id), []).append((h.replaced_at, h.stance))
    shifts = []
    for key, chain in chains.items():
        chain.sort()
        following = [stance for _, stance in chain[1:]] + [current.get(key, "none")]
        for (at, old), new in zip(chain, following, strict=True):
            if old != new and key[0] in orgs:
                shifts.append(StanceShift(orgs[key[0]], key[1], old, new, at))
    return sorted(shifts, key=lambda s: (s.at, s.organisation))


def summary_lines(digest: Digest, language: str = DEFAULT_LANGUAGE) -> list[str]:
    """The headline figures, one sentence each: the text part of the letter and the top of the HTML one."""
    w = words(language)
    return [
        w("digest.new", replies=digest.new_replies, respondents=digest.new_respondents),
        w("digest.rate", respondents=digest.respondents, recipients=digest.recipients, rate=digest.rate),
        w("digest.pending", queue=len(digest.queue), bounces=len(digest.bounces), silent=len(digest.silent)),
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
