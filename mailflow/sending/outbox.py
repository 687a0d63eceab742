"""The outbox: every letter is a row, rendered when queued, sent at most once and, short of a crash in one
narrow window, exactly once.

Why it holds:
- a recipient gets a kind of letter once per campaign: (campaign, recipient, kind, sequence) is unique and
  `queue_letters` adds a new sequence only when a person asks (`again=True`);
- one sender at a time (an flock on `lock_path`), and every status change is a compare-and-set through
  `lifecycle.advance`, so a row changed by someone else is never sent;
- `sending` is committed before the final `.` (written while MAIL, RCPT, DATA and the body go out, and
  waited for before the dot: see `mailflow.sending.smtp` and `_Ledger`), and `sent` after the server's 250,
  with the run's next commit (the next letter's `sending`: one commit per letter). A crash before that commit
  leaves the letter queued; a crash after it leaves it `sending`, which the next run turns into `uncertain`
  (it arrived if the crash came after the dot; before it, the server discarded the unfinished transaction):
  listed for the secretary, never resent.
"""

from __future__ import annotations

import fcntl
import logging
import time
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import jinja2
from sqlalchemy import (
    ColumnElement,
    Engine,
    Executable,
    and_,
    bindparam,
    case,
    false,
    func,
    insert,
    null,
    select,
    update,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql.dml import ReturningUpdate

from mailflow.campaign.letter import Audience, Campaign
from mailflow.errors import SendError, StorageError
from mailflow.lifecycle import LetterStatus, advance
from mailflow.sending.compose import Addressee, ComposedLetter, LetterKind, compose_letter, new_message_id
from mailflow.sending.smtp import DeliveryUncertain, Outgoing, Sender, ServerUnavailable
from mailflow.settings import SenderSettings
from mailflow.store.campaigns import sync_campaign
from mailflow.store.db import insert_rows, refresh_statistics, transaction
from mailflow.store.models import AuditRow, CampaignRow, LetterBodyRow, LetterRow, RecipientRow, ResponseRow

log = logging.getLogger(__name__)
_CHUNK = 50  # letters read from the database at a time: their bytes, not the whole outbox, in memory
QUEUE_BATCH = 500  # recipients read, letters rendered and inserted at a time by `queue_letters`
_LETTERS = LetterRow.metadata.tables[LetterRow.__tablename__]  # Core statements: a letter's status changes and inserts
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


@dataclass(frozen=True)
class Outcome:
    letter_id: int
    to_address: str
    status: LetterStatus
    error: str | None = None


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
    ids = insert_rows(connection, _LETTERS, [values for values, _ in rows], _LETTERS.c.message_id)
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
        update(_LETTERS)
        .where(_LETTERS.c.id == letter_id, _LETTERS.c.status == current.value)
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
    """Letters left `sending` by a crash went past the final dot: mark them `uncertain`, never resend them."""
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
) -> SendSummary:
    """Send every due queued letter over the one `sender`, recording each outcome as it happens (a letter's
    `sent` with the run's next commit: see `_Ledger`)."""
    summary = SendSummary()

    def report(outcome: Outcome) -> None:
        summary.outcomes.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)

    with _exclusive(lock_path):
        with transaction(factory) as session:
            summary.uncertain_found = recover_interrupted(session)
        with transaction(factory) as session:
            due = due_letter_ids(session, clock.now(), limit)
        pace = _RateLimit(rate_per_minute, clock)
        ledger = _Ledger(_engine(factory), report)
        try:
            for start in range(0, len(due), _CHUNK):
                for letter, attempts in ledger.load(due[start : start + _CHUNK], mail_from):
                    pace.wait(idle=ledger.flush)
                    _send_one(ledger, sender, clock, letter, attempts, retry)
        except ServerUnavailable as exc:
            summary.stopped = exc.problem
            log.warning("sending stopped: %s", exc.problem)
        finally:
            ledger.close()
    return summary


_Accepted = tuple[Outgoing, int, datetime]  # a letter the server took, its attempts and when: `sent` not yet written


class _Ledger:
    """A run's status changes, written through one connection that lives for the run, in autocommit, by a
    thread of its own: each change is one statement, committed as it completes, and a letter's `sent` rides on
    the run's next one.

    Before, a letter cost two commits: `sending` before the final dot and `sent` after the 250. Now the
    statement that hands letter n+1 over (its commit point) also records letter n as `sent`; so does the record
    of a failure, and the end of the run, and a wait for the rate limit. One statement, not a transaction
    around two: on PostgreSQL one round trip per letter instead of five (the pool's ping, BEGIN, two UPDATEs,
    COMMIT) and one run of the counting trigger. And it is written while the envelope goes out (`hand_over`
    starts it, the commit point waits for it), so the commit's wait (a WAL flush on PostgreSQL, 2-5 ms on a
    busy machine) overlaps the server's replies to MAIL, RCPT and DATA instead of adding to them (issue 15).
    What a crash does is unchanged in kind:
    - at most one letter is `sending` at any moment (n goes to `sent` in the statement that moves n+1 to
      `sending`), so a crash leaves at most one letter `uncertain`, as before, and no letter is ever sent
      twice: `sending` is still committed before the final dot, and `sending` is never sent again;
    - a crash from letter n's 250 until n+1's statement leaves n `sending`, which the next run marks
      `uncertain` though it arrived; a crash after n+1's statement and before its final dot leaves n+1
      `uncertain` though it never arrived (the server drops an unfinished transaction, RFC 5321 §3.8). A
      person asks, then confirms (`mailflow outbox --mark-sent`) or sends it again (`--requeue`).
    A letter's outcome is reported (`report`, in the caller's thread) once it is committed, never before.
    """

    def __init__(self, engine: Engine, report: Callable[[Outcome], None]) -> None:
        self.thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="outbox-ledger")
        self.connection = self.thread.submit(engine.connect).result().execution_options(isolation_level="AUTOCOMMIT")
        self.report = report
        self.accepted: list[_Accepted] = []  # the server's 250 received, `sent` not yet written

    def _write(self, handing: int | None, accepted: list[_Accepted]) -> dict[int, str]:
        """In the ledger's thread, one statement: `handing` queued → sending (if given) and the `accepted`
        letters sending → sent. Returns the letters it moved, with their new status."""
        if handing is None and not accepted:
            return {}
        params: dict[str, Any] = {"handing": handing}
        for n, (letter, attempts, at) in enumerate(accepted):
            params.update({f"sent_{n}": letter.letter_id, f"attempts_{n}": attempts, f"at_{n}": at})
        statement = _ledger_statement(handing is not None, len(accepted))
        return {letter_id: status for letter_id, status in self._execute(statement, params)}

    def _execute(self, statement: Executable, params: dict[str, Any] | None = None) -> list[Any]:
        """In the ledger's thread: run a statement that returns rows, and fetch them all."""
        try:
            return list(self.connection.execute(statement, params).all())
        except DBAPIError as exc:
            raise StorageError(self.connection.engine.url.render_as_string(), str(exc.orig)) from exc

    def _settle(self, written: Future[dict[int, str]], accepted: list[_Accepted]) -> dict[int, str]:
        """Wait for a write; report the accepted letters it recorded `sent` (the server took each, so an
        accepted letter someone else moved meanwhile is logged and still reported sent)."""
        moved = written.result()
        for letter, _, _ in accepted:
            if moved.get(letter.letter_id) != LetterStatus.SENT.value:
                log.error("letter %s changed status while it was being sent", letter.letter_id)
            self.report(Outcome(letter.letter_id, letter.rcpt_to, LetterStatus.SENT))
        return moved

    def _now(self, handing: int | None = None) -> dict[int, str]:
        accepted, self.accepted = self.accepted, []
        return self._settle(self.thread.submit(self._write, handing, accepted), accepted)

    def load(self, ids: list[int], mail_from: str) -> list[tuple[Outgoing, int]]:
        """The next few due letters with their bytes, read in one query; any no longer queued are left out."""
        self._now()
        query = (
            select(
                LetterRow.id, LetterRow.message_id, LetterRow.to_address, LetterBodyRow.raw, LetterRow.attempts,
                LetterRow.kind, RecipientRow.organisation,
            )
            .join(LetterBodyRow, LetterBodyRow.letter_id == LetterRow.id)
            .outerjoin(RecipientRow, RecipientRow.id == LetterRow.recipient_id)
            .where(LetterRow.id.in_(ids), LetterRow.status == LetterStatus.QUEUED.value)
            .order_by(LetterRow.id)
        )  # fmt: skip
        rows = self.thread.submit(self._execute, query).result()
        return [
            (Outgoing(i, message_id, mail_from, to, raw, kind, organisation or ""), attempts)
            for i, message_id, to, raw, attempts, kind, organisation in rows
        ]

    def hand_over(self, letter_id: int) -> Callable[[], bool]:
        """Start the commit point, `queued` → `sending` (with the letters accepted before it recorded `sent`),
        in the ledger's thread; returns the wait for it: True once the letter is `sending`, committed; False if
        someone else moved the letter, which is then not sent. Call the wait before the final dot."""
        accepted, self.accepted = self.accepted, []
        written = self.thread.submit(self._write, letter_id, accepted)
        outcome: list[bool] = []

        def committed() -> bool:
            if not outcome:
                outcome.append(self._settle(written, accepted).get(letter_id) == LetterStatus.SENDING.value)
            return outcome[0]

        return committed

    def accepted_by_server(self, letter: Outgoing, attempts: int, at: datetime) -> None:
        self.accepted.append((letter, attempts, at))

    def record(
        self,
        letter: Outgoing,
        current: LetterStatus,
        target: LetterStatus,
        attempts: int,
        error: str,
        next_attempt_at: datetime | None = None,
        *,
        quiet: bool = False,
    ) -> None:
        """A letter not sent, or of unknown fate: its new status and error, committed now (after the `sent` of
        the letters accepted before it). `quiet`: neither logged nor reported (a letter put back unsent)."""
        self._now()
        values: dict[str, Any] = {"attempts": attempts, "last_error": error, "next_attempt_at": next_attempt_at}
        statement = update(_LETTERS).where(_LETTERS.c.id == letter.letter_id)
        if current is not target:  # a compare-and-set, as `_move`
            advance(current, target)
            statement = statement.where(_LETTERS.c.status == current.value)
            values["status"] = target.value
        if not self.thread.submit(self._execute, statement.values(**values).returning(_LETTERS.c.id)).result():
            log.error("letter %s changed status while it was being sent", letter.letter_id)
        if not quiet:
            log.warning("letter %s to %s: %s (%s)", letter.letter_id, letter.rcpt_to, target.value, error)
            self.report(Outcome(letter.letter_id, letter.rcpt_to, target, error))

    def flush(self) -> None:
        """Commit the `sent` of the letters accepted so far."""
        self._now()

    def close(self) -> None:
        try:
            self.flush()
        finally:
            self.thread.submit(self.connection.close).result()
            self.thread.shutdown()


@cache
def _ledger_statement(handing: bool, sent: int) -> ReturningUpdate[int, str]:
    """The ledger's one statement, built once per shape: letter `:handing` queued → sending (if `handing`), and
    letters `:sent_0`… sending → sent with their `:attempts_n` and `:at_n`; returns each moved letter's id and
    new status. A compare-and-set, as `_move`: a letter someone else moved is left as it is, and not returned."""
    if handing:
        advance(LetterStatus.QUEUED, LetterStatus.SENDING)
    if sent:
        advance(LetterStatus.SENDING, LetterStatus.SENT)
    c = _LETTERS.c
    handed = (c.id == bindparam("handing")) & (c.status == LetterStatus.QUEUED.value)
    ids = [bindparam(f"sent_{n}", type_=c.id.type) for n in range(sent)]
    done = c.id.in_(ids) & (c.status == LetterStatus.SENDING.value) if sent else false()

    def per_letter(column: str, name: str) -> Any:
        """The `sent` letters' own value of `column`, by id: parameters `:{name}_0`…"""
        type_ = c[column].type
        return case(*((c.id == i, bindparam(f"{name}_{n}", type_=type_)) for n, i in enumerate(ids)))

    if not handing:
        values: dict[str, Any] = {
            "status": LetterStatus.SENT.value,
            "attempts": per_letter("attempts", "attempts"),
            "last_error": None,
            "next_attempt_at": None,
            "sent_at": per_letter("sent_at", "at"),
        }
    elif not sent:
        values = {"status": LetterStatus.SENDING.value}
    else:
        mine = c.id == bindparam("handing")

        def keep(column: str, value: Any) -> Any:
            return case((mine, c[column]), else_=value)

        values = {
            "status": case((mine, LetterStatus.SENDING.value), else_=LetterStatus.SENT.value),
            "attempts": keep("attempts", per_letter("attempts", "attempts")),
            "last_error": keep("last_error", null()),
            "next_attempt_at": keep("next_attempt_at", null()),
            "sent_at": keep("sent_at", per_letter("sent_at", "at")),
        }
    where = (handed | done) if handing else done
    # the ids first, on their own: the planner then looks them up by primary key, never by status (PostgreSQL
    # took `status = 'queued'` through its index, every queued letter, when its statistics said few were queued)
    keys = [bindparam("handing", type_=c.id.type), *ids] if handing else ids
    return update(_LETTERS).where(c.id.in_(keys), where).values(**values).returning(c.id, c.status)


def _engine(factory: sessionmaker[Session]) -> Engine:
    with factory() as session:
        return session.get_bind().engine


def _send_one(
    ledger: _Ledger, sender: Sender, clock: Clock, letter: Outgoing, attempts: int, retry: RetryPolicy
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
