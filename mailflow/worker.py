"""The worker: fetch → store → process → file, a batch at a time, for weeks on end.

The order is what makes a crash harmless. A batch is stored (bytes and rows in one transaction) before
anything reads it, each message is processed in a transaction of its own, the batch is filed on the server
only after that committed, and only then does the mailbox cursor move past it. Killed between any two
steps, the next run fetches the messages again, dedupe turns each into its row, and it is finished (or just
filed): nothing is lost, nothing is counted twice, nothing stays in the inbox unfiled. One bad message is
quarantined; the rest of its batch goes on.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from mailflow.errors import FetchError, MailflowError
from mailflow.fetch import Mailbox, Outcome
from mailflow.ingest import Context, Processed, outcome_of, process_message
from mailflow.lifecycle import MessageStatus
from mailflow.reply import ReviewReason
from mailflow.store.db import transaction
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
from mailflow.store.messages import fail_message, load_message
from mailflow.store.reviews import open_review

logger = logging.getLogger(__name__)


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


@dataclass
class Worker:
    """Dependencies are arguments: the session factory, the mailbox, how to build a processing context, the clock."""

    sessions: sessionmaker[Session]
    mailbox: Mailbox
    context: Callable[[Session], Context]
    now: Callable[[], datetime]
    holder: str
    max_message_bytes: int
    batch_limit: int = 200
    # renewed every cycle; longer than one wait plus one batch. A killed worker's lease expires after it,
    # and a restarted worker (a new holder) takes over
    lease_ttl: timedelta = timedelta(minutes=5)
    # whether a lease holder is gone for good (a killed process on this host): its lease is taken at once
    abandoned: Callable[[str], bool] = lambda holder: False
    stop: threading.Event = field(default_factory=threading.Event)
    # told when this worker gains or loses the mailbox lease: the scheduler runs only where the lease is
    on_lease: Callable[[bool], None] = lambda held: None
    _held: bool = field(default=False, init=False)

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
        try:
            batch = self.mailbox.fetch(cursor, limit=self.batch_limit, max_bytes=self.max_message_bytes)
        except FetchError as exc:
            with transaction(self.sessions) as session:
                record_poll(session, name, now=self.now(), error=str(exc))
            raise
        summary = CycleSummary(fetched=len(batch.messages), more=batch.more)
        with transaction(self.sessions) as session:  # the whole batch is stored before any of it is processed
            stored = store_fetched_batch(session, batch, max_bytes=self.max_message_bytes)
        with transaction(self.sessions) as session:
            ctx = self.context(session)
        filings: dict[Outcome, list[str]] = defaultdict(list)
        finished: dict[int, Outcome] = {}  # by inbound ID: a message appended twice is in one batch twice
        last_uid: int | None = None
        for message, stored_message in zip(batch.messages, stored, strict=True):
            if self.stop.is_set():
                summary.more = True
                break
            outcome = finished.get(stored_message.inbound_id)
            if outcome is None:
                outcome = finished[stored_message.inbound_id] = self._finish(stored_message, ctx, summary)
            else:
                summary.duplicates += 1
            filings[outcome].append(message.ref)
            last_uid = message.uid
        # Every processed message is committed; only now is it filed, and only once it is filed does the cursor
        # move past it: a worker that dies before then fetches the messages again and dedupe recognises them.
        self.mailbox.file_many(filings)
        with transaction(self.sessions) as session:
            advance_cursor(session, name, uidvalidity=batch.uidvalidity, uid=last_uid)
            record_poll(session, name, now=self.now())
        return summary

    def _finish(self, stored: StoredMessage, ctx: Context, summary: CycleSummary) -> Outcome:
        """Process a stored message; one finished by an earlier run is only looked up, to be filed again."""
        if stored.duplicate and stored.status is not MessageStatus.STORED:
            summary.duplicates += 1
            return self._outcome_of(stored)
        return self._process(stored, ctx, summary)

    def _outcome_of(self, stored: StoredMessage) -> Outcome:
        with transaction(self.sessions) as session:
            view, _ = load_message(session, stored.inbound_id)
        return outcome_of(view.status, view.kind)

    def _process(self, stored: StoredMessage, ctx: Context, summary: CycleSummary) -> Outcome:
        if stored.status is MessageStatus.FAILED:  # stored oversized: quarantined, shown to a person
            with transaction(self.sessions) as session:
                view, _ = load_message(session, stored.inbound_id)
                self._review_failure(session, stored.inbound_id, view.last_error or "")
            summary.failed += 1
            return Outcome.REVIEW
        try:
            with transaction(self.sessions) as session:
                processed = process_message(session, stored.inbound_id, ctx, now=self.now())
        except (MailflowError, LookupError, ValueError) as exc:  # one bad message never stops a run
            logger.warning("message %s failed: %s", stored.inbound_id, exc)
            self._quarantine(stored.inbound_id, f"{type(exc).__name__}: {exc}")
            summary.failed += 1
            return Outcome.REVIEW
        summary.processed.append(processed)
        if processed.status is MessageStatus.FLAGGED:
            summary.flagged += 1
        else:
            summary.recorded += 1
        return processed.outcome

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
                except FetchError as exc:
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
                        self.mailbox.idle_wait(wait_seconds)
                    except FetchError as exc:
                        logger.warning("waiting for mail failed: %s", exc)
        finally:
            with transaction(self.sessions) as session:
                release_lease(session, self.mailbox.name, holder=self.holder)
            if self._held:
                self._held = False
                self.on_lease(False)
            self.mailbox.close()


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
