"""The worker: fetch → store → process → file, one message at a time, for weeks on end.

The order is what makes a crash harmless. A message is stored (bytes, row and cursor in one transaction)
before anything reads it, processed in a transaction of its own, and filed on the server only after
that committed. Killed between any two steps, the next run finds the message stored (dedupe turns a
re-fetch into the same row) and carries on; nothing is lost and nothing is counted twice.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from mailflow.errors import FetchError, MailflowError
from mailflow.fetch import Batch, FetchedMessage, Mailbox, Outcome
from mailflow.ingest import Context, Processed, outcome_of, process_message
from mailflow.lifecycle import MessageStatus
from mailflow.reply import ReviewReason
from mailflow.store.db import transaction
from mailflow.store.inbound import (
    StoredMessage,
    acquire_lease,
    advance_cursor,
    read_state,
    record_poll,
    release_lease,
    store_fetched,
)
from mailflow.store.messages import fail_message, load_message
from mailflow.store.reviews import open_review

logger = logging.getLogger(__name__)

LEASE = timedelta(minutes=15)  # longer than one IDLE wait and one batch; a crashed holder's lease expires


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
    stop: threading.Event = field(default_factory=threading.Event)
    # told when this worker gains or loses the mailbox lease: the scheduler runs only where the lease is
    on_lease: Callable[[bool], None] = lambda held: None
    _held: bool = field(default=False, init=False)

    def cycle(self) -> CycleSummary:
        """One fetch and everything it brought; the message in hand is finished even when `stop` is set."""
        name = self.mailbox.name
        with transaction(self.sessions) as session:
            held = acquire_lease(session, name, holder=self.holder, now=self.now(), ttl=LEASE)
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
        with transaction(self.sessions) as session:
            ctx = self.context(session)
        for message in batch.messages:
            if self.stop.is_set():
                summary.more = True
                break
            self._handle(batch, message, ctx, summary)
        with transaction(self.sessions) as session:
            if batch.resynced and not batch.messages:
                advance_cursor(session, name, uidvalidity=batch.uidvalidity, uid=None)
            record_poll(session, name, now=self.now())
        return summary

    def _handle(self, batch: Batch, message: FetchedMessage, ctx: Context, summary: CycleSummary) -> None:
        with transaction(self.sessions) as session:
            stored = store_fetched(session, batch, message, max_bytes=self.max_message_bytes)
        if stored.duplicate and stored.status is not MessageStatus.STORED:
            summary.duplicates += 1
            outcome = self._outcome_of(stored)
        else:
            outcome = self._process(stored, ctx, summary)
        self.mailbox.file(message.ref, outcome)

    def _outcome_of(self, stored: StoredMessage) -> Outcome:
        with transaction(self.sessions) as session:
            view, _ = load_message(session, stored.inbound_id)
        return outcome_of(view.status, view.kind)

    def _process(self, stored: StoredMessage, ctx: Context, summary: CycleSummary) -> Outcome:
        if stored.status is MessageStatus.FAILED:  # stored oversized: quarantined, shown to a person
            with transaction(self.sessions) as session:
                view, _ = load_message(session, stored.inbound_id)
                reason = ReviewReason("processing_failed", f"The message could not be processed: {view.last_error}")
                open_review(session, inbound_id=stored.inbound_id, recipient_id=None, reasons=(reason,), at=self.now())
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
            reason = ReviewReason("processing_failed", f"The message could not be processed: {error}")
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
