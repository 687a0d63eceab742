"""Inbound messages into the database before anything reads them, and the fetch cursor and lease per mailbox.

`store_message` is the point after which a reply cannot be lost: raw bytes (by SHA-256) and the inbound row
go in together. The same reply seen twice (a re-sync after UIDVALIDITY changed, a crash between storing and
filing, the same letter delivered twice) has the same dedupe key and comes back as the existing row, so it
is counted once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mailflow.fetch import Batch, Cursor, FetchedMessage
from mailflow.lifecycle import MessageStatus, advance
from mailflow.store.models import InboundRow, MailboxStateRow, RawMessageRow

_KEY_LENGTH = 400  # InboundRow.dedupe_key


@dataclass(frozen=True)
class StoredMessage:
    """The inbound row a message is stored as; `duplicate` means it was already there (nothing was written)."""

    inbound_id: int
    dedupe_key: str
    sha256: str
    status: MessageStatus
    duplicate: bool


@dataclass(frozen=True)
class MailboxState:
    mailbox: str
    cursor: Cursor
    last_poll_at: datetime | None = None
    last_error: str | None = None


def dedupe_key(message_id: str | None, sha256: str) -> str:
    """The Message-ID as `<local@domain>` with the domain lowercased (RFC 5322 §3.6.4 leaves the local part's
    case to its author), or `sha256:<hash>` of the bytes when there is none. Over-long IDs are hashed too."""
    value = (message_id or "").strip().strip("<>").strip()
    if not value:
        return f"sha256:{sha256}"
    local, at, domain = value.rpartition("@")
    key = f"<{local}@{domain.lower()}>" if at else f"<{value}>"
    if len(key) > _KEY_LENGTH:
        return f"mid-sha256:{hashlib.sha256(key.encode('utf-8', 'surrogateescape')).hexdigest()}"
    return key


def store_message(
    session: Session, raw: bytes, *, mailbox: str, uid: int | None, message_id: str | None
) -> StoredMessage:
    """Store one fetched message: its bytes (if new) and its inbound row, status `stored`, in the caller's
    transaction. A repeat returns the existing row with `duplicate=True` and writes nothing."""
    return _store(session, raw, mailbox=mailbox, uid=uid, message_id=message_id, error=None)


def store_oversized(
    session: Session, headers: bytes, *, mailbox: str, uid: int | None, message_id: str | None, size: int, limit: int
) -> StoredMessage:
    """Record a message too big to fetch from its headers alone, `failed` with the reason, for a person to see.

    Its raw row holds the headers only: it is quarantined, never parsed as if it were the whole message.
    """
    error = f"oversized: {size} bytes is over the {limit}-byte limit; only the headers were fetched"
    return _store(session, headers, mailbox=mailbox, uid=uid, message_id=message_id, error=error)


def store_fetched(session: Session, batch: Batch, message: FetchedMessage, *, max_bytes: int) -> StoredMessage:
    """Store one message of a batch and move the mailbox's cursor past it, in the caller's transaction.

    Committed together: after a crash either both happened or neither, so no message is skipped and none
    is fetched twice without dedupe seeing it.
    """
    if message.raw is None:
        stored = store_oversized(session, message.headers, mailbox=batch.mailbox, uid=message.uid,
                                 message_id=message.message_id, size=message.size, limit=max_bytes)  # fmt: skip
    else:
        stored = store_message(session, message.raw, mailbox=batch.mailbox, uid=message.uid,
                               message_id=message.message_id)  # fmt: skip
    advance_cursor(session, batch.mailbox, uidvalidity=batch.uidvalidity, uid=message.uid)
    return stored


def _store(
    session: Session, raw: bytes, *, mailbox: str, uid: int | None, message_id: str | None, error: str | None
) -> StoredMessage:
    sha256 = hashlib.sha256(raw).hexdigest()
    key = dedupe_key(message_id, sha256)
    existing = _by_key(session, key)
    if existing is not None:
        return existing
    status = advance(MessageStatus.RECEIVED, MessageStatus.STORED)
    if error is not None:
        status = advance(status, MessageStatus.FAILED)
    try:
        # A savepoint, so that losing a race to a concurrent fetcher (unique dedupe_key or raw sha256)
        # undoes only this insert and leaves the caller's transaction usable.
        with session.begin_nested():
            if session.get(RawMessageRow, sha256) is None:
                session.add(RawMessageRow(sha256=sha256, size=len(raw), data=raw))
                session.flush()  # no ORM relationship orders the two inserts: the bytes go first
            row = InboundRow(
                dedupe_key=key,
                sha256=sha256,
                message_id=message_id[:_KEY_LENGTH] if message_id else None,
                mailbox=mailbox,
                uid=uid,
                status=status.value,
                last_error=error,
            )
            session.add(row)
    except IntegrityError:
        existing = _by_key(session, key)
        if existing is None:
            raise
        return existing
    return StoredMessage(row.id, key, sha256, status, duplicate=False)


def _by_key(session: Session, key: str) -> StoredMessage | None:
    row = session.scalars(select(InboundRow).where(InboundRow.dedupe_key == key)).one_or_none()
    if row is None:
        return None
    return StoredMessage(row.id, key, row.sha256, MessageStatus(row.status), duplicate=True)


# -- the cursor and the lease --------------------------------------------------------------------------------


def read_state(session: Session, mailbox: str) -> MailboxState:
    """Where the last run stopped; a mailbox never fetched starts at the beginning."""
    row = session.get(MailboxStateRow, mailbox)
    if row is None:
        return MailboxState(mailbox, Cursor())
    return MailboxState(mailbox, Cursor(row.uidvalidity, row.last_uid), row.last_poll_at, row.last_error)


def advance_cursor(session: Session, mailbox: str, *, uidvalidity: int | None, uid: int | None) -> Cursor:
    """Move the cursor past `uid` (call it in the transaction that stores that message).

    A new UIDVALIDITY replaces the old one and the cursor restarts at `uid` (call it with `uid=None` after a
    re-synced batch that came back empty); within one UIDVALIDITY the cursor never goes back. Maildir (no
    UIDVALIDITY, no UID) leaves it where it is.
    """
    row = _state_row(session, mailbox)
    if uidvalidity is not None and row.uidvalidity != uidvalidity:
        row.uidvalidity, row.last_uid = uidvalidity, uid or 0
    elif uid is not None:
        row.last_uid = max(row.last_uid, uid)
    return Cursor(row.uidvalidity, row.last_uid)


def record_poll(session: Session, mailbox: str, *, now: datetime, error: str | None = None) -> None:
    """Note a finished run (error None) or a failed one: what `mailflow status` shows in the morning."""
    row = _state_row(session, mailbox)
    row.last_poll_at = now
    row.last_error = error


def acquire_lease(session: Session, mailbox: str, *, holder: str, now: datetime, ttl: timedelta) -> bool:
    """Take or renew the right to fetch `mailbox` until `now + ttl`; False while another live holder has it.

    One conditional UPDATE, atomic on SQLite and PostgreSQL alike: of two workers racing, the database lets
    exactly one match the WHERE. A crashed holder's lease simply expires.
    """
    row = _state_row(session, mailbox)
    session.flush()
    statement = (
        update(MailboxStateRow)
        .where(MailboxStateRow.mailbox == mailbox)
        .where(
            or_(
                MailboxStateRow.lease_holder.is_(None),
                MailboxStateRow.lease_holder == holder,
                MailboxStateRow.lease_expires_at < now,
            )
        )
        .values(lease_holder=holder, lease_expires_at=now + ttl)
        .execution_options(synchronize_session=False)
    )
    result = cast(CursorResult[Any], session.execute(statement))
    session.expire(row)  # the UPDATE bypassed the identity map
    return result.rowcount == 1


def release_lease(session: Session, mailbox: str, *, holder: str) -> None:
    """Give the lease back (on a clean stop), if `holder` still has it."""
    session.execute(
        update(MailboxStateRow)
        .where(MailboxStateRow.mailbox == mailbox, MailboxStateRow.lease_holder == holder)
        .values(lease_holder=None, lease_expires_at=None)
        .execution_options(synchronize_session=False)
    )
    row = session.get(MailboxStateRow, mailbox)
    if row is not None:
        session.expire(row)


def _state_row(session: Session, mailbox: str) -> MailboxStateRow:
    row = session.get(MailboxStateRow, mailbox)
    if row is not None:
        return row
    try:
        with session.begin_nested():  # two workers starting at once may both create it
            row = MailboxStateRow(mailbox=mailbox, last_uid=0)
            session.add(row)
    except IntegrityError:
        row = session.get(MailboxStateRow, mailbox)
        if row is None:
            raise
    return row


def mailbox_states(session: Session) -> list[MailboxState]:
    """Every mailbox ever fetched (the scheduler's lease rows have no cursor and are left out)."""
    rows = session.scalars(select(MailboxStateRow).order_by(MailboxStateRow.mailbox))
    return [
        MailboxState(r.mailbox, Cursor(r.uidvalidity, r.last_uid), r.last_poll_at, r.last_error)
        for r in rows
        if r.last_poll_at is not None
    ]
