"""The worker: fetch → store → process → file, a batch at a time, for weeks on end.

The order is what makes a crash harmless. A batch is stored (bytes and rows in one transaction) before
anything reads it, then processed in one transaction, filed on the server only after that committed, and
only then does the mailbox cursor move past it. Killed between any two steps, the next run fetches the
messages again, dedupe turns each into its row, and it is finished (or just filed): nothing is lost, nothing
is counted twice, nothing stays in the inbox unfiled. One bad message is quarantined; the rest of its batch
goes on. While a batch is stored and recorded, its messages are read ahead (`mailflow.receiving.parse_pool`),
never in the worker's own process: a reading that runs past its limit is ended and its message quarantined.
A database that is locked or away is waited for, with back-off, like a mail server that is away.
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from mailflow.campaign.directory import Directory
from mailflow.errors import FetchError, MailflowError, StorageError
from mailflow.lifecycle import MessageStatus
from mailflow.mailbox.fetch import DEFAULT_BATCH_MESSAGES, Batch, FetchedMessage, Mailbox, Outcome
from mailflow.reading.reply import ParsedReply, ReviewReason
from mailflow.receiving.ingest import (
    Context,
    Processed,
    Reading,
    outcome_of,
    process_message,
    queue_acknowledgements,
)
from mailflow.receiving.match import named_in
from mailflow.receiving.parse_pool import Interrupted, Overran, ParsePool, ReadAhead
from mailflow.store.db import refresh_statistics, transaction
from mailflow.store.inbound import (
    StoredMessage,
    acquire_lease,
    advance_cursor,
    lease_holder,
    read_state,
    record_poll,
    release_lease,
    store_fetched_batch,
)
from mailflow.store.messages import fail_message, hold_messages, load_message, message_view
from mailflow.store.models import AuditRow, InboundRow, LetterRow, RawMessageRow, ResponseRow, ReviewItemRow
from mailflow.store.reviews import open_review

logger = logging.getLogger(__name__)
# what processing replies adds to: their bytes and rows, stances, the review queue, acknowledgements, the audit
GROWING_TABLES = (
    RawMessageRow.__tablename__,
    InboundRow.__tablename__,
    ResponseRow.__tablename__,
    ReviewItemRow.__tablename__,
    LetterRow.__tablename__,
    AuditRow.__tablename__,
)


@dataclass
class CycleSummary:
    fetched: int = 0
    duplicates: int = 0
    recorded: int = 0
    flagged: int = 0
    failed: int = 0
    more: bool = False
    leased: bool = True
    processed: list[Processed] = field(default_factory=list)

    def count(self, done: _Done) -> None:
        if done.duplicate:
            self.duplicates += 1
        elif done.failed:
            self.failed += 1
        elif done.processed is not None:
            self.processed.append(done.processed)
            if done.processed.status is MessageStatus.FLAGGED:
                self.flagged += 1
            else:
                self.recorded += 1


@dataclass(frozen=True)
class _Done:
    """One message of a batch, finished: where it is filed and how it counts."""

    outcome: Outcome
    processed: Processed | None = None
    duplicate: bool = False  # finished before: by an earlier run, or as an earlier copy in this batch
    failed: bool = False  # quarantined


_Fetched = tuple[FetchedMessage, StoredMessage]
_Pair = tuple[FetchedMessage, _Done]
_Reading = Reading | Overran | Interrupted | None


class _Stopping(Exception):
    """A reading was given up because `stop` is set: the batch ends before this message."""


@dataclass
class Worker:
    """Dependencies are arguments: the session factory, the mailbox, how to build a processing context, the clock."""

    sessions: sessionmaker[Session]
    mailbox: Mailbox
    context: Callable[[Session], Context]
    now: Callable[[], datetime]
    holder: str
    max_message_bytes: int
    batch_limit: int = DEFAULT_BATCH_MESSAGES
    # renewed every cycle; longer than one wait plus one batch. A killed worker's lease expires after it,
    # and a restarted worker (a new holder) takes over
    lease_ttl: timedelta = timedelta(minutes=5)
    # whether a lease holder is gone for good (a killed process on this host): its lease is taken at once
    abandoned: Callable[[str], bool] = lambda holder: False
    # set by SIGTERM from a thread, never from inside a signal handler: see mailflow.receiving.signals
    stop: threading.Event = field(default_factory=threading.Event)
    # told when this worker gains or loses the mailbox lease: the scheduler runs only where the lease is
    on_lease: Callable[[bool], None] = lambda held: None
    # reads a backlog's batch on the other cores; by default every message is read in this process
    pool: ParsePool = field(default_factory=lambda: ParsePool(0))
    _held: bool = field(default=False, init=False)

    def __post_init__(self) -> None:
        self.pool.use_stop(self.stop)  # a stop ends the reading in hand too

    def cycle(self) -> CycleSummary:
        """One fetch and everything it brought; the message in hand is finished even when `stop` is set."""
        name = self.mailbox.name
        with transaction(self.sessions) as session:
            other = lease_holder(session, name)
            if other is not None and other != self.holder and self.abandoned(other):
                logger.warning("taking over %s from %s, which is no longer running", name, other)
                release_lease(session, name, holder=other)
            held = acquire_lease(session, name, holder=self.holder, now=self.now(), ttl=self.lease_ttl)
            cursor = read_state(session, name).cursor
        if held != self._held:
            self._held = held
            self.on_lease(held)
        if not held:
            return CycleSummary(leased=False)
        with transaction(self.sessions) as session:  # before the fetch: reading starts as soon as the bytes arrive
            ctx = self.context(session)
        try:
            batch = self.mailbox.fetch(cursor, limit=self.batch_limit, max_bytes=self.max_message_bytes)
        except FetchError as exc:
            with transaction(self.sessions) as session:
                record_poll(session, name, now=self.now(), error=str(exc))
            raise
        readings = self._read_ahead(batch, ctx)  # the pool reads while the batch is stored and recorded
        try:
            with transaction(self.sessions) as session:  # the whole batch is stored before any of it is processed
                stored = store_fetched_batch(session, batch, max_bytes=self.max_message_bytes)
            done = self._process_batch(list(zip(batch.messages, stored, strict=True)), ctx, readings)
        finally:
            readings.close()
        summary = CycleSummary(fetched=len(batch.messages), more=batch.more or len(done) < len(batch.messages))
        filings: dict[Outcome, list[str]] = defaultdict(list)
        for message, item in done:
            filings[item.outcome].append(message.ref)
            summary.count(item)
        # Every processed message is committed; only now is it filed, and only once it is filed does the cursor
        # move past it: a worker that dies before then fetches the messages again and dedupe recognises them.
        self.mailbox.file_many(filings)
        with transaction(self.sessions) as session:
            advance_cursor(session, name, uidvalidity=batch.uidvalidity, uid=done[-1][0].uid if done else None)
            record_poll(session, name, now=self.now())
            if batch.messages:  # a backlog grows the tables fast: the planner is told before the pages are asked
                refresh_statistics(session, GROWING_TABLES)
        return summary

    def _process_batch(self, pairs: list[_Fetched], ctx: Context, readings: ReadAhead) -> list[_Pair]:
        """The batch in one transaction: a commit per message would cost more than the message's own writes.

        A message that fails rolls the whole batch back, which is then processed again a message at a time, in
        a transaction each, so that only the bad one is quarantined. A set `stop` ends the batch early: what
        was processed is committed, the rest is fetched again next time.
        """
        try:
            with transaction(self.sessions) as session:
                _rows = hold_messages(session, sorted({stored.inbound_id for _, stored in pairs}))
                named = named_in([message.headers for message, _ in pairs], ctx.sender.address)
                directory = ctx.directory(session, named)  # what the batch names, read ahead
                done = self._each(
                    pairs,
                    lambda i, stored: self._handle(session, stored, ctx, _reading(readings, i, pairs[i]), directory),
                )
                # the batch's acknowledgements together, committed with the replies they acknowledge
                queue_acknowledgements(session, ctx, _processed(done), now=self.now())
                return done
        except StorageError:
            raise  # the database, not a message: the run waits for it and tries the batch again
        except (MailflowError, LookupError, ValueError) as exc:
            logger.warning("a message failed (%s); processing the batch one message at a time", exc)
        return self._each(pairs, lambda i, stored: self._isolated(stored, ctx, _reading(readings, i, pairs[i])))

    def _each(self, pairs: list[_Fetched], handle: Callable[[int, StoredMessage], _Done]) -> list[_Pair]:
        """`handle` each stored message (and its position) once, as a message appended twice is in one batch
        twice, until `stop`."""
        done: list[_Pair] = []
        finished: dict[int, Outcome] = {}
        for position, (message, stored) in enumerate(pairs):
            if self.stop.is_set():
                break
            outcome = finished.get(stored.inbound_id)
            try:
                item = _Done(outcome, duplicate=True) if outcome is not None else handle(position, stored)
            except _Stopping:
                break
            finished[stored.inbound_id] = item.outcome
            done.append((message, item))
        return done

    def _handle(
        self, session: Session, stored: StoredMessage, ctx: Context, reading: _Reading, directory: Directory | None
    ) -> _Done:
        """Process a stored message in `session`; one finished by an earlier run is only looked up, to be filed
        again. Raises what processing raises: the caller decides between rolling back and quarantining.
        `directory`: the batch's, read ahead (None: read as the message asks)."""
        if stored.duplicate and stored.status is not MessageStatus.STORED:
            view = message_view(session, stored.inbound_id)
            return _Done(outcome_of(view.status, view.kind), duplicate=True)
        if stored.status is MessageStatus.FAILED:  # stored oversized: quarantined, shown to a person
            self._review_failure(session, stored.inbound_id, message_view(session, stored.inbound_id).last_error or "")
            return _Done(Outcome.REVIEW, failed=True)
        if reading is None:  # not read ahead (or its reader died): read now, under the watchdog all the same
            _, raw = load_message(session, stored.inbound_id)
            result = self.pool.read_one(raw, ctx.campaign, ctx.limits, ctx.own)
            reading = Reading(raw, result) if isinstance(result, ParsedReply) else result
        if isinstance(reading, Interrupted):
            raise _Stopping
        if isinstance(reading, Overran):
            logger.warning("message %s: %s; quarantined", stored.inbound_id, reading.reason)
            fail_message(session, stored.inbound_id, error=reading.reason, at=self.now())
            self._review_failure(session, stored.inbound_id, reading.reason)
            return _Done(Outcome.REVIEW, failed=True)
        processed = process_message(
            session, stored.inbound_id, ctx, now=self.now(), reading=reading, directory=directory
        )
        return _Done(processed.outcome, processed)

    def _isolated(self, stored: StoredMessage, ctx: Context, reading: _Reading) -> _Done:
        """`_handle` in a transaction of its own, quarantining the message if it fails: one bad message never
        stops a run."""
        try:
            with transaction(self.sessions) as session:
                done = self._handle(session, stored, ctx, reading, None)
                queue_acknowledgements(session, ctx, _processed([(None, done)]), now=self.now())
                return done
        except StorageError:
            raise
        except (MailflowError, LookupError, ValueError) as exc:
            logger.warning("message %s failed: %s", stored.inbound_id, exc)
            self._quarantine(stored.inbound_id, f"{type(exc).__name__}: {exc}")
            return _Done(Outcome.REVIEW, failed=True)

    def _read_ahead(self, batch: Batch, ctx: Context) -> ReadAhead:
        """Start reading every fetched message (not the oversized ones), by position in the batch."""
        raws = {position: message.raw for position, message in enumerate(batch.messages) if message.raw is not None}
        return self.pool.read_ahead(raws, ctx.campaign, ctx.limits, ctx.own)

    def _quarantine(self, inbound_id: int, error: str) -> None:
        with transaction(self.sessions) as session:
            fail_message(session, inbound_id, error=error, at=self.now())
            self._review_failure(session, inbound_id, error)

    def _review_failure(self, session: Session, inbound_id: int, error: str) -> None:
        """A quarantined message is shown to a person, never left where only the logs mention it."""
        reason = ReviewReason("processing_failed", f"Сообщение не удалось обработать: {error}")
        open_review(session, inbound_id=inbound_id, recipient_id=None, reasons=(reason,), at=self.now())

    def run(self, *, wait_seconds: float = 60.0, max_backoff: float = 300.0) -> None:
        """Cycle until `stop` is set: IDLE (or poll) between cycles, back off while the server is away."""
        backoff = 1.0
        try:
            while not self.stop.is_set():
                try:
                    summary = self.cycle()
                except (FetchError, StorageError) as exc:  # the server or the database away (or locked)
                    logger.warning("%s; retrying in %.0f s", exc, backoff)
                    self.stop.wait(backoff)
                    backoff = min(backoff * 2, max_backoff)
                    continue
                backoff = 1.0
                if not summary.leased:
                    logger.info("another worker holds %s; waiting", self.mailbox.name)
                    self.stop.wait(wait_seconds)
                elif not summary.more and not self.stop.is_set():
                    try:
                        self.mailbox.idle_wait(wait_seconds, stop=self.stop)  # a stop ends the wait too
                    except FetchError as exc:
                        logger.warning("waiting for mail failed: %s", exc)
        finally:
            self.close()

    def close(self) -> None:
        """Give the mailbox lease back, log out and stop the reader processes (a process waits for them at exit).

        With the lease given back, the next worker (after `mailflow demo`, `worker --once` or a restart) starts
        at once, instead of taking over a lease it must first judge abandoned.
        """
        try:
            with transaction(self.sessions) as session:
                release_lease(session, self.mailbox.name, holder=self.holder)
        finally:
            if self._held:
                self._held = False
                self.on_lease(False)
            self.mailbox.close()
            self.pool.close()


def _reading(readings: ReadAhead, position: int, fetched: _Fetched) -> _Reading:
    """The reading of a fetched message, if it is the reading of the stored bytes. A copy whose bytes differ
    (the same Message-ID with other bytes, stored by a killed run and never processed) is read from the
    database instead."""
    message, stored = fetched
    if stored.duplicate and (message.raw is None or hashlib.sha256(message.raw).hexdigest() != stored.sha256):
        return None
    return readings.get(position)


def _processed(done: Iterable[tuple[object, _Done]]) -> list[Processed]:
    return [item.processed for _, item in done if item.processed is not None]


def local_holder() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def dead_local_process(holder: str) -> bool:
    """A holder `host:pid` on this host whose process no longer exists (killed, crashed, rebooted)."""
    host, _, pid = holder.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, under another user
        return False
    return False
