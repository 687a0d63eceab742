"""The outbox: every letter is a row, rendered when queued, sent at most once and, short of a crash in one
narrow window, exactly once.

Why it holds:
- a recipient gets a kind of letter once per campaign: (campaign, recipient, kind, sequence) is unique and
  `queue_letters` adds a new sequence only when a person asks (`again=True`);
- one sender at a time (an flock on `lock_path`), and every status change is a compare-and-set through
  `lifecycle.advance`, so a row changed by someone else is never sent;
- `sending` is committed before the final `.` (written while MAIL, RCPT, DATA and the body go out, and
  waited for before the dot: see `mailflow.sending.smtp` and `mailflow.sending.ledger`), for a small group of
  letters at once when there is no rate limit (`letters_per_commit`), and `sent` after the server's 250, with
  the run's next commit (the next group's `sending`). A crash before that commit leaves the letters queued; a
  crash after it leaves them `sending` (at most `letters_per_commit` of them), which the next run turns into
  `uncertain` (a letter arrived if the crash came after its dot; before it, or before the letter was begun,
  it did not): listed for the secretary, never resent.
"""

from __future__ import annotations

import fcntl
import logging
import time
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

import jinja2
from sqlalchemy import (
    ColumnElement,
    Engine,
    and_,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.orm import Session, sessionmaker

from mailflow.campaign.letter import Audience, Campaign
from mailflow.errors import SendError
from mailflow.lifecycle import LetterStatus, advance
from mailflow.sending.compose import Addressee, ComposedLetter, LetterKind, compose_letter, new_message_id
from mailflow.sending.ledger import LETTERS, Ledger, Outcome
from mailflow.sending.smtp import DeliveryUncertain, Outgoing, Sender, ServerUnavailable
from mailflow.settings import SenderSettings
from mailflow.store.campaigns import sync_campaign
from mailflow.store.db import insert_rows, refresh_statistics, transaction
from mailflow.store.models import AuditRow, CampaignRow, LetterBodyRow, LetterRow, RecipientRow, ResponseRow

log = logging.getLogger(__name__)
_CHUNK = 50  # letters read from the database at a time: their bytes, not the whole outbox, in memory
MAX_LETTERS_PER_COMMIT = _CHUNK  # a group is handed over from the letters read at once
QUEUE_BATCH = 500  # recipients read, letters rendered and inserted at a time by `queue_letters`
_BODIES = LetterBodyRow.metadata.tables[LetterBodyRow.__tablename__]


class Clock(Protocol):
    def now(self) -> datetime: ...

    def monotonic(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


@dataclass(frozen=True)
class RetryPolicy:
    """Backoff after a temporary failure: 1, 2, 4, 8 minutes…, capped; `failed` after `max_attempts`."""

    max_attempts: int = 5
    first_delay: timedelta = timedelta(minutes=1)
    max_delay: timedelta = timedelta(hours=1)

    def delay(self, attempts: int) -> timedelta:
        return min(self.first_delay * (1 << max(attempts - 1, 0)), self.max_delay)


@dataclass(frozen=True)
class LetterView:
    """A letter as `mailflow outbox` and the digest show it."""

    id: int
    kind: str
    sequence: int
    to_address: str
    subject: str
    message_id: str
    status: LetterStatus
    attempts: int
    last_error: str | None
    created_at: datetime
    next_attempt_at: datetime | None
    sent_at: datetime | None


@dataclass(frozen=True)
class QueueSummary:
    queued: int
    skipped: int  # already have a letter of this kind; `again` sends another
    unknown: tuple[str, ...] = ()  # asked-for addresses that are not recipients of the campaign


@dataclass
class SendSummary:
    outcomes: list[Outcome] = field(default_factory=list)
    uncertain_found: list[LetterView] = field(default_factory=list)  # from an earlier, interrupted run
    stopped: str | None = None  # why the batch stopped early (server unreachable)

    def count(self, status: LetterStatus) -> int:
        return sum(1 for o in self.outcomes if o.status is status)


def _view(row: LetterRow) -> LetterView:
    return LetterView(
        id=row.id,
        kind=row.kind,
        sequence=row.sequence,
        to_address=row.to_address,
        subject=row.subject,
        message_id=row.message_id,
        status=LetterStatus(row.status),
        attempts=row.attempts,
        last_error=row.last_error,
        created_at=row.created_at,
        next_attempt_at=row.next_attempt_at,
        sent_at=row.sent_at,
    )


def addressee(row: RecipientRow) -> Addressee:
    return Addressee(
        email=row.email,
        organisation=row.organisation,
        contact=row.contact,
        sector=Audience(row.sector),
        language=row.language,
        token=row.token,
    )


def queue_letters(
    session: Session,
    env: jinja2.Environment,
    campaign: Campaign,
    kind: LetterKind,
    sender: SenderSettings,
    *,
    now: datetime,
    emails: Collection[str] | None = None,
    again: bool = False,
    only_unanswered: bool = False,
    context: Mapping[str, Any] | None = None,
    actor: str = "system",
) -> QueueSummary:
    """Render and queue one letter of `kind` per recipient (or per address in `emails`).

    A recipient who already has a letter of this kind in this campaign is skipped unless `again`, which a
    person sets on purpose. A template error raises TemplateError and nothing is queued.

    Recipients are read `QUEUE_BATCH` at a time (by id, or `QUEUE_BATCH` addresses at a time), each with its
    last sequence of this kind, and their letters inserted together: an acknowledgement to one address costs
    a few indexed queries, and queueing the appeal to a hundred thousand holds one batch of letters in memory.
    """
    campaign_id = session.scalar(select(CampaignRow.id).where(CampaignRow.slug == campaign.slug))
    if campaign_id is None or emails is None:  # a letter to a few (an acknowledgement) trusts the last sync
        campaign_id = sync_campaign(session, campaign, actor=actor).id
    queued = skipped = 0
    unknown: list[str] = []
    for recipients in _recipient_batches(session, campaign_id, kind, emails, only_unanswered, unknown):
        rows = []
        for recipient, previous in recipients:
            if previous is not None and not again:
                skipped += 1
                continue
            to = addressee(recipient)
            letter = compose_letter(
                env,
                kind,
                campaign,
                to,
                sender,
                context or {},
                message_id=new_message_id(kind, to.token, sender.address),
                now=now,
            )
            rows.append(_queued_values(campaign_id, recipient.id, kind, (previous or 0) + 1, letter, now))
        queued += _insert_letters(session, rows)
    summary = QueueSummary(queued, skipped, tuple(sorted(unknown)))
    detail = {"kind": kind.value, "queued": queued, "skipped": skipped, "again": again}
    session.add(AuditRow(actor=actor, action="letters.queue", subject=campaign.slug, detail=detail))
    session.flush()
    if emails is None:  # a letter to everyone: the outbox's queries are planned for its new size
        refresh_statistics(session, (LetterRow.__tablename__,))
    return summary


def queue_each(
    session: Session,
    env: jinja2.Environment,
    campaign: Campaign,
    kind: LetterKind,
    sender: SenderSettings,
    *,
    campaign_id: int,
    contexts: Mapping[int, Mapping[str, Any]],
    now: datetime,
    actor: str = "system",
) -> QueueSummary:
    """Queue one letter of `kind` to each recipient in `contexts` (by recipient id), each rendered with its own
    context; a recipient who already has a letter of this kind in the campaign is skipped, as in `queue_letters`.

    The worker's acknowledgements: a batch of replies queues its acknowledgements with one query for the
    recipients and their last sequence, one INSERT and one audit row, instead of a query, an INSERT, an audit
    row and a flush for each reply (45% of the worker's time per reply, issue 15). It trusts the campaign's
    last sync, as a letter to a few does in `queue_letters`.
    """
    ids = sorted(contexts)
    queued = skipped = 0
    for start in range(0, len(ids), QUEUE_BATCH):
        chunk = ids[start : start + QUEUE_BATCH]
        query = select(RecipientRow).where(RecipientRow.campaign_id == campaign_id, RecipientRow.id.in_(chunk))
        rows = []
        found = session.scalars(query.order_by(RecipientRow.id)).all()
        for recipient, previous in _with_last_sequences(session, campaign_id, kind, found):
            if previous is not None:
                skipped += 1
                continue
            to = addressee(recipient)
            message_id = new_message_id(kind, to.token, sender.address)
            letter = compose_letter(
                env, kind, campaign, to, sender, contexts[recipient.id], message_id=message_id, now=now
            )
            rows.append(_queued_values(campaign_id, recipient.id, kind, 1, letter, now))
        queued += _insert_letters(session, rows)
    if queued:
        detail = {"kind": kind.value, "queued": queued, "skipped": skipped, "again": False}
        session.add(AuditRow(at=now, actor=actor, action="letters.queue", subject=campaign.slug, detail=detail))
    return QueueSummary(queued, skipped)


def _insert_letters(session: Session, rows: list[tuple[dict[str, Any], bytes]]) -> int:
    """Insert letters (their row's values and their bytes): the rows in one statement, which returns their ids
    in order, then the bodies in another. Returns how many."""
    if not rows:
        return 0
    connection = session.connection()
    ids = insert_rows(connection, LETTERS, [values for values, _ in rows], LETTERS.c.message_id)
    connection.execute(insert(_BODIES), [{"letter_id": i, "raw": raw} for i, (_, raw) in zip(ids, rows, strict=True)])
    return len(rows)


def _with_last_sequences(
    session: Session, campaign_id: int, kind: LetterKind, recipients: Sequence[RecipientRow]
) -> list[tuple[RecipientRow, int | None]]:
    """Each recipient with its last sequence of a letter of `kind` (None: never had one).

    One query for the batch, not a subquery per recipient: PostgreSQL planned that subquery from statistics
    taken before the batch's own letters were queued and, at 100,000 recipients, read every appeal queued so
    far for each recipient (20 s a batch, issue 15). Asked for a batch at a time, the worst plan reads them once.
    """
    ids = [recipient.id for recipient in recipients]
    last: dict[int | None, int] = {
        recipient_id: sequence
        for recipient_id, sequence in session.execute(
            select(LetterRow.recipient_id, func.max(LetterRow.sequence))
            .where(LetterRow.campaign_id == campaign_id, LetterRow.kind == kind.value, LetterRow.recipient_id.in_(ids))
            .group_by(LetterRow.recipient_id)
        )
    }
    return [(recipient, last.get(recipient.id)) for recipient in recipients]


def _recipient_batches(
    session: Session,
    campaign_id: int,
    kind: LetterKind,
    emails: Collection[str] | None,
    only_unanswered: bool,
    unknown: list[str],
) -> Iterator[list[tuple[RecipientRow, int | None]]]:
    """The recipients to write to, a batch at a time, each with its last letter's sequence of `kind` (None:
    never had one); addresses asked for that are no recipient's are added to `unknown`."""
    query = select(RecipientRow).where(RecipientRow.campaign_id == campaign_id).order_by(RecipientRow.id)
    if only_unanswered:
        query = query.where(~select(ResponseRow.id).where(ResponseRow.recipient_id == RecipientRow.id).exists())
    if emails is not None:
        wanted = sorted({e.lower() for e in emails})
        for start in range(0, len(wanted), QUEUE_BATCH):
            chunk = wanted[start : start + QUEUE_BATCH]
            found = session.scalars(query.where(RecipientRow.email.in_(chunk))).all()
            known = {row.email for row in found}
            if only_unanswered:  # those who answered are known too, only left out
                in_campaign = (RecipientRow.campaign_id == campaign_id, RecipientRow.email.in_(chunk))
                known = set(session.scalars(select(RecipientRow.email).where(*in_campaign)))
            unknown.extend(e for e in chunk if e not in known)
            yield _with_last_sequences(session, campaign_id, kind, found)
        return
    after = 0
    while True:
        found = session.scalars(query.where(RecipientRow.id > after).limit(QUEUE_BATCH)).all()
        if not found:
            return
        after = found[-1].id
        yield _with_last_sequences(session, campaign_id, kind, found)


def _move(session: Session, letter_id: int, current: LetterStatus, target: LetterStatus, **values: Any) -> bool:
    """Compare-and-set: change the status only if it still is `current`; False if someone else moved it."""
    advance(current, target)
    result = session.connection().execute(  # a Core UPDATE: it runs for every letter sent
        update(LETTERS)
        .where(LETTERS.c.id == letter_id, LETTERS.c.status == current.value)
        .values(status=target.value, **values)
    )
    return bool(getattr(result, "rowcount", 0) == 1)


@contextmanager
def _exclusive(lock_path: Path) -> Iterator[None]:
    """One sender at a time; the kernel drops the lock when the process dies, even by SIGKILL."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise SendError(f"another sender is running (lock {lock_path})", permanent=False) from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def recover_interrupted(session: Session) -> list[LetterView]:
    """Letters left `sending` by a crash may have gone past their final dot: mark them `uncertain`, never resend
    them (up to a group of them: see `Ledger`)."""
    found = []
    for row in session.scalars(select(LetterRow).where(LetterRow.status == LetterStatus.SENDING.value)):
        if _move(
            session,
            row.id,
            LetterStatus.SENDING,
            LetterStatus.UNCERTAIN,
            attempts=row.attempts + 1,
            last_error="interrupted while the letter was being sent; it may have arrived",
        ):
            session.refresh(row)
            found.append(_view(row))
            log.warning("letter %s to %s is uncertain: interrupted mid-send", row.id, row.to_address)
    return found


def _due(now: datetime) -> ColumnElement[bool]:
    return and_(
        LetterRow.status == LetterStatus.QUEUED.value,
        (LetterRow.next_attempt_at.is_(None)) | (LetterRow.next_attempt_at <= now),
    )


def due_letter_ids(session: Session, now: datetime, limit: int | None = None) -> list[int]:
    query = select(LetterRow.id).where(_due(now)).order_by(LetterRow.id).limit(limit)
    return list(session.scalars(query))


def due_count(session: Session, now: datetime) -> int:
    return int(session.scalar(select(func.count()).select_from(LetterRow).where(_due(now))) or 0)


class _RateLimit:
    """At most `per_minute` letters a minute, evenly spaced: providers reject bursts. 0 means no limit."""

    def __init__(self, per_minute: float, clock: Clock) -> None:
        self.interval = 60.0 / per_minute if per_minute > 0 else 0.0
        self.clock = clock
        self.next_at: float | None = None

    def wait(self, idle: Callable[[], None] = lambda: None) -> None:
        """Wait for the next letter's turn; `idle` runs first when there is a wait (the ledger commits then)."""
        if not self.interval:
            return
        now = self.clock.monotonic()
        if self.next_at is not None and self.next_at > now:
            idle()
            self.clock.sleep(self.next_at - now)
            now = self.next_at
        self.next_at = now + self.interval


def send_queued(
    factory: sessionmaker[Session],
    sender: Sender,
    clock: Clock,
    *,
    mail_from: str,
    lock_path: Path,
    rate_per_minute: float = 0,
    retry: RetryPolicy = RetryPolicy(),  # frozen, so one shared default is safe
    limit: int | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
    letters_per_commit: int = 1,
) -> SendSummary:
    """Send every due queued letter over the one `sender`, recording each outcome as it happens (a letter's
    `sent` with the run's next commit: see `Ledger`).

    `letters_per_commit` letters are handed over (`sending`, committed) with one statement, so a crash leaves at
    most that many `uncertain`; under a rate limit always one: a letter waiting for its turn stays `queued`.
    """
    summary = SendSummary()

    def report(outcome: Outcome) -> None:
        summary.outcomes.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)

    group = 1 if rate_per_minute > 0 else min(max(letters_per_commit, 1), MAX_LETTERS_PER_COMMIT)
    chunk = _CHUNK // group * group  # whole groups
    with _exclusive(lock_path):
        with transaction(factory) as session:
            summary.uncertain_found = recover_interrupted(session)
        with transaction(factory) as session:
            due = due_letter_ids(session, clock.now(), limit)
        pace = _RateLimit(rate_per_minute, clock)
        ledger = Ledger(_engine(factory), report, group)
        try:
            for letter, attempts in ledger.letters([due[i : i + chunk] for i in range(0, len(due), chunk)], mail_from):
                pace.wait(idle=ledger.flush)
                _send_one(ledger, sender, clock, letter, attempts, retry)
        except ServerUnavailable as exc:
            summary.stopped = exc.problem
            log.warning("sending stopped: %s", exc.problem)
        finally:
            ledger.close()
    return summary


def _engine(factory: sessionmaker[Session]) -> Engine:
    with factory() as session:
        return session.get_bind().engine


def _send_one(
    ledger: Ledger, sender: Sender, clock: Clock, letter: Outgoing, attempts: int, retry: RetryPolicy
) -> None:
    committed = ledger.hand_over(letter.letter_id)  # written while the envelope goes out; awaited before the dot
    try:
        if not sender.deliver(letter, committed):
            return
    except ServerUnavailable as exc:
        if committed():  # nothing of it went out: queued again, as it was
            ledger.record(letter, LetterStatus.SENDING, LetterStatus.QUEUED, attempts, exc.problem, quiet=True)
        raise
    except DeliveryUncertain as exc:
        ledger.record(letter, LetterStatus.SENDING, LetterStatus.UNCERTAIN, attempts + 1, exc.problem)
        return
    except SendError as exc:
        if not committed():  # someone else moved it
            return
        attempts += 1
        if exc.permanent or attempts >= retry.max_attempts:
            ledger.record(letter, LetterStatus.SENDING, LetterStatus.FAILED, attempts, exc.problem)
        else:
            ledger.record(
                letter,
                LetterStatus.SENDING,
                LetterStatus.QUEUED,
                attempts,
                exc.problem,
                clock.now() + retry.delay(attempts),
            )
        return
    ledger.accepted_by_server(letter, attempts + 1, clock.now())


def list_letters(session: Session, status: LetterStatus | None = None) -> list[LetterView]:
    query = select(LetterRow).order_by(LetterRow.id)
    if status is not None:
        query = query.where(LetterRow.status == status.value)
    return [_view(row) for row in session.scalars(query)]


def resolve_letter(session: Session, letter_id: int, target: LetterStatus, *, actor: str) -> LetterView:
    """A person's decision on an `uncertain` or `failed` letter: it did arrive (`sent`) or send it again
    (`queued`, attempts reset). Raises TransitionError for any other step."""
    row = session.get(LetterRow, letter_id)
    if row is None:
        raise SendError(f"no letter with id {letter_id}", permanent=True)
    current = LetterStatus(row.status)
    values: dict[str, Any] = {"next_attempt_at": None}
    if target is LetterStatus.QUEUED:
        values["attempts"] = 0
    if not _move(session, letter_id, current, target, **values):
        raise SendError(f"letter {letter_id} changed status meanwhile; look again", permanent=False)
    detail = {"from": current.value, "to": target.value, "to_address": row.to_address}
    session.add(AuditRow(actor=actor, action="letter.resolve", subject=str(letter_id), detail=detail))
    session.flush()
    session.refresh(row)
    return _view(row)


def queue_committee_letter(
    session: Session, campaign_id: int, letter: ComposedLetter, kind: LetterKind, *, period: str, now: datetime
) -> bool:
    """Queue a letter to a committee address (the digest) once per `period` (e.g. "2023-W10") and address.

    Committee letters have no recipient row, so the unique key cannot guard them; the period, kept in the
    letter's sequence as a number, does: a restarted scheduler's second digest of the week is refused here.
    """
    year, week = period.split("-W")
    sequence = int(year) * 100 + int(week)
    exists = session.scalars(
        select(LetterRow.id).where(
            LetterRow.campaign_id == campaign_id,
            LetterRow.recipient_id.is_(None),
            LetterRow.kind == kind.value,
            LetterRow.sequence == sequence,
            LetterRow.to_address == letter.to,
        )
    ).first()
    if exists is not None:
        return False
    session.add(_queued_row(campaign_id, None, kind, sequence, letter, now))
    session.flush()
    return True


def _queued_row(
    campaign_id: int, recipient_id: int | None, kind: LetterKind, sequence: int, letter: ComposedLetter, now: datetime
) -> LetterRow:
    values, raw = _queued_values(campaign_id, recipient_id, kind, sequence, letter, now)
    return LetterRow(**values, body=LetterBodyRow(raw=raw))


def _queued_values(
    campaign_id: int, recipient_id: int | None, kind: LetterKind, sequence: int, letter: ComposedLetter, now: datetime
) -> tuple[dict[str, Any], bytes]:
    """A queued letter's row (its values) and its bytes (`letter_bodies`)."""
    return {
        "campaign_id": campaign_id,
        "recipient_id": recipient_id,
        "kind": kind.value,
        "sequence": sequence,
        "to_address": letter.to,
        "message_id": letter.message_id,
        "subject": letter.subject,
        "status": LetterStatus.QUEUED.value,
        "attempts": 0,
        "created_at": now,
    }, letter.raw
