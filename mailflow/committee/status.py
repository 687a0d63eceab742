"""What the secretary checks in the morning: replies, tallies, the review queue, bounces, complaints, the mailbox.

Counted by the database (a handful of GROUP BY queries, whatever the number of organisations), rendered as
lines for the terminal (`mailflow status`, `mailflow demo`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from mailflow.committee.tally import COLUMNS, RecTally, RespondentStatus, tally
from mailflow.store.counts import status_counts
from mailflow.store.inbound import MailboxState
from mailflow.store.messages import complaining
from mailflow.store.reports import appeal_letter_counts, campaign_facts, utc
from mailflow.store.reviews import open_count


@dataclass(frozen=True)
class Status:
    title: str
    organisations: int
    replied: int
    statuses: dict[str, int]  # respondents by RespondentStatus
    letters: dict[str, int]  # appeal letters by status
    review_open: int
    messages: dict[str, int]  # inbound messages by status
    tallies: tuple[RecTally, ...]
    mailboxes: tuple[MailboxState, ...]
    complaints: tuple[str, ...] = ()  # organisations that marked our letter as spam: no reminders go to them

    @property
    def response_rate(self) -> int:
        return round(100 * self.replied / self.organisations) if self.organisations else 0


def build_status(session: Session, slug: str, *, messages: dict[str, int], mailboxes: list[MailboxState]) -> Status:
    facts = campaign_facts(session, slug)
    statuses = status_counts(session, facts.id) if facts.id is not None else {}
    replied = sum(statuses.get(s.value, 0) for s in (RespondentStatus.REPLIED, RespondentStatus.REVIEWED))
    return Status(
        title=facts.title,
        organisations=facts.recipients,
        replied=replied,
        statuses=statuses,
        letters=appeal_letter_counts(session, facts.id) if facts.id is not None else {},
        review_open=open_count(session),
        messages=messages,
        tallies=tally(session, facts),
        mailboxes=tuple(mailboxes),
        complaints=tuple(f"{organisation} <{email}>" for organisation, email in complaining(session)),
    )


def render_status(status: Status, *, timezone: str) -> list[str]:
    zone = ZoneInfo(timezone)
    lines = [
        status.title,
        f"replies: {status.replied} of {status.organisations} organisations ({status.response_rate}%)",
        "respondents: " + _counts(status.statuses),
        "appeal letters: " + _counts(status.letters),
        "inbound messages: " + _counts(status.messages),
        f"review queue: {status.review_open} open",
    ]
    if status.complaints:
        lines.append("marked our letter as spam (no reminders): " + ", ".join(status.complaints))
    for box in status.mailboxes:
        when = _local(box.last_poll_at, zone)
        health = f"error: {box.last_error}" if box.last_error else "ok"
        lines.append(f"mailbox {box.mailbox}: last poll {when}, {health}")
    if not status.mailboxes:
        lines.append("mailbox: never polled (start `mailflow worker`)")
    lines += ["", "rec   " + " ".join(f"{_words(c):>9}" for c in COLUMNS)]
    for t in status.tallies:
        lines.append(f"{t.rec.rec_id:<5} " + " ".join(f"{t.all.get(c):>9}" for c in COLUMNS))
    return lines


def _counts(counter: dict[str, int]) -> str:
    return ", ".join(f"{count} {_words(name)}" for name, count in sorted(counter.items())) or "none"


def _words(code: str) -> str:
    """A status or column code as a person says it: `not_sent` is "not sent", `none` is "no answer"."""
    return "no answer" if code == "none" else code.replace("_", " ")


def _local(moment: datetime | None, zone: ZoneInfo) -> str:
    if moment is None:
        return "never"
    return utc(moment).astimezone(zone).strftime("%Y-%m-%d %H:%M %Z")
