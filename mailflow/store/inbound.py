"""Inbound messages into the database before anything reads them, and the fetch cursor and lease per mailbox.

`store_message` is the point after which a reply cannot be lost: raw bytes (by SHA-256) and the inbound row
go in together. The same reply seen twice (a re-sync after UIDVALIDITY changed, a crash between storing and
filing, the same letter delivered twice) has the same dedupe key and comes back as the existing row, so it
is counted once.

The same Message-ID on a different message (another sender or other text: a forger, or a client that reuses
IDs) is not a repeat: it is stored too, under a `copy:` key, and processing flags it for a person.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mailflow.lifecycle import MessageStatus, advance
from mailflow.mailbox.fetch import Batch, Cursor, FetchedMessage, header_block
from mailflow.store.db import insert_rows
from mailflow.store.models import InboundRow, MailboxStateRow, RawMessageRow

_KEY_LENGTH = 400  # InboundRow.dedupe_key
COPY_PREFIX = "copy:"  # the key of a message that reuses a stored message's Message-ID
# a batch is stored with Core INSERTs: the ORM's flush wrote its inbound rows one statement each on SQLite
_RAW = RawMessageRow.metadata.tables[RawMessageRow.__tablename__]
_INBOUND = InboundRow.metadata.tables[InboundRow.__tablename__]


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


def copy_key(key: str, payload: bytes) -> str:
    """The key of a message whose Message-ID (`key`) is already taken by a different message: told apart by
    its bytes, marked so that processing flags it, and never over the column's length."""
    digest = hashlib.sha256(payload).hexdigest()[:16]
    if len(COPY_PREFIX) + len(digest) + 1 + len(key) > _KEY_LENGTH:
        key = f"mid-sha256:{hashlib.sha256(key.encode('utf-8', 'surrogateescape')).hexdigest()}"
    return f"{COPY_PREFIX}{digest}:{key}"


def same_message(a: bytes, b: bytes) -> bool:
    """Whether two messages under one Message-ID are the same message: the same sender and body. The other
    headers may differ between two deliveries of one message (Received, Delivered-To, a server's stamps)."""
    return _sender_and_body(a) == _sender_and_body(b)


def _sender_and_body(raw: bytes) -> tuple[bytes, bytes]:
    head = header_block(raw)
    found = re.search(rb"^from:[ \t]*(.*(?:\r?\n[ \t].*)*)", head, re.IGNORECASE | re.MULTILINE)
    sender = b" ".join(found.group(1).split()) if found else b""
    return sender, raw[len(head) :].replace(b"\r\n", b"\n")


def store_message(
    session: Session, raw: bytes, *, mailbox: str, uid: int | None, message_id: str | None
) -> StoredMessage:
    """Store one fetched message: its bytes (if new) and its inbound row, status `stored`, in the caller's
    transaction. A repeat returns the existing row with `duplicate=True` and writes nothing."""
    return _store(session, _Incoming.of(raw, mailbox=mailbox, uid=uid, message_id=message_id, error=None))


def store_oversized(
    session: Session, headers: bytes, *, mailbox: str, uid: int | None, message_id: str | None, size: int, limit: int
) -> StoredMessage:
    """Record a message too big to fetch from its headers alone, `failed` with the reason, for a person to see.

    Its raw row holds the headers only: it is quarantined, never parsed as if it were the whole message.
    """
    return _store(session, _Incoming.of(headers, mailbox=mailbox, uid=uid, message_id=message_id,
                                        error=_oversized(size, limit)))  # fmt: skip


def store_fetched(session: Session, batch: Batch, message: FetchedMessage, *, max_bytes: int) -> StoredMessage:
    """Store one message of a batch (its bytes, or its headers when it is oversized), in the caller's transaction.

    The cursor is not moved here: the worker moves it only once the message is filed, so a crash between
    storing and filing leaves the message below no cursor, to be fetched again and recognised by dedupe.
    """
    return _store(session, _Incoming.fetched(batch, message, max_bytes))


def store_fetched_batch(session: Session, batch: Batch, *, max_bytes: int) -> list[StoredMessage]:
    """`store_fetched` for every message of the batch, in order, with a few statements for the whole batch
    instead of a few per message: one query for the keys already known, one for the bytes already kept, and
    the new rows inserted together.

    A message twice in the batch is stored once; the second copy comes back as a duplicate of the first. If a
    concurrent fetcher stores one of them first (a unique key collides), the batch falls back to storing one
    message at a time, which settles each collision on its own.
    """
    incoming = [_Incoming.fetched(batch, message, max_bytes) for message in batch.messages]
    known = {stored.dedupe_key: stored for stored in _by_keys(session, [item.key for item in incoming])}
    incoming = _copies_told_apart(session, incoming, known)
    hashes = [item.sha256 for item in incoming]
    kept = set(session.scalars(select(RawMessageRow.sha256).where(RawMessageRow.sha256.in_(hashes))))
    added: dict[str, dict[str, Any]] = {}
    raws: list[dict[str, Any]] = []
    for item in incoming:
        if item.key in known or item.key in added:
            continue
        if item.sha256 not in kept:
            kept.add(item.sha256)
            raws.append({"sha256": item.sha256, "size": len(item.payload), "data": item.payload})
        added[item.key] = item.inbound_values()
    try:
        with session.begin_nested():  # a collision undoes only these inserts (see `_store`)
            connection = session.connection()
            if raws:  # the bytes first: the inbound rows refer to them
                connection.execute(insert(_RAW), raws)
            new_ids = insert_rows(connection, _INBOUND, list(added.values()), _INBOUND.c.dedupe_key)
            ids = dict(zip(added, new_ids, strict=True))
    except IntegrityError:
        return [_store(session, item) for item in incoming]
    stored: list[StoredMessage] = []
    for item in incoming:
        if item.key not in known:  # the first copy in this batch: new; any later copy is its duplicate
            stored.append(StoredMessage(ids[item.key], item.key, item.sha256, item.status, duplicate=False))
            known[item.key] = replace(stored[-1], duplicate=True)
        else:
            stored.append(known[item.key])
    return stored


@dataclass(frozen=True)
class _Incoming:
    """A message about to be stored: its payload (bytes, or headers when oversized) and its dedupe key."""

    payload: bytes
    sha256: str
    key: str
    message_id: str | None
    mailbox: str
    uid: int | None
    error: str | None  # set: stored quarantined, never parsed

    @classmethod
    def of(
        cls, payload: bytes, *, mailbox: str, uid: int | None, message_id: str | None, error: str | None
    ) -> _Incoming:
        sha256 = hashlib.sha256(payload).hexdigest()
        return cls(payload, sha256, dedupe_key(message_id, sha256), message_id, mailbox, uid, error)

    @classmethod
    def fetched(cls, batch: Batch, message: FetchedMessage, max_bytes: int) -> _Incoming:
        if message.raw is None:
            return cls.of(message.headers, mailbox=batch.mailbox, uid=message.uid, message_id=message.message_id,
                          error=_oversized(message.size, max_bytes))  # fmt: skip
        return cls.of(message.raw, mailbox=batch.mailbox, uid=message.uid, message_id=message.message_id, error=None)

    def copy(self) -> _Incoming:
        """This message under its `copy:` key: its Message-ID is already another message's."""
        return replace(self, key=copy_key(self.key, self.payload))

    @property
    def status(self) -> MessageStatus:
        stored = advance(MessageStatus.RECEIVED, MessageStatus.STORED)
        return stored if self.error is None else advance(stored, MessageStatus.FAILED)

    def raw_row(self) -> RawMessageRow:
        return RawMessageRow(sha256=self.sha256, size=len(self.payload), data=self.payload)

    def inbound_row(self) -> InboundRow:
        return InboundRow(**self.inbound_values())

    def inbound_values(self) -> dict[str, Any]:
        return {
            "dedupe_key": self.key,
            "sha256": self.sha256,
            "message_id": self.message_id[:_KEY_LENGTH] if self.message_id else None,
            "mailbox": self.mailbox,
            "uid": self.uid,
            "status": self.status.value,
            "last_error": self.error,
        }


def _oversized(size: int, limit: int) -> str:
    return f"oversized: {size} bytes is over the {limit}-byte limit; only the headers were fetched"


def _copies_told_apart(session: Session, incoming: list[_Incoming], known: dict[str, StoredMessage]) -> list[_Incoming]:
    """`incoming` with each message that reuses the Message-ID of a different message (stored before, or
    earlier in `incoming`) under its `copy:` key; `known` gains the copies stored before."""
    first: dict[str, _Incoming] = {}
    settled = []
    for item in incoming:
        earlier = first.setdefault(item.key, item)
        stored = known.get(item.key)
        if item.error is not None:  # oversized: only its headers are here, nothing to compare
            pass
        elif stored is not None:
            raw = session.get(RawMessageRow, stored.sha256) if stored.sha256 != item.sha256 else None
            if raw is not None and not same_message(raw.data, item.payload):
                item = item.copy()
        elif earlier is not item and not same_message(earlier.payload, item.payload):
            item = item.copy()
        settled.append(item)
    copies = [item.key for item in settled if item.key.startswith(COPY_PREFIX)]
    if copies:
        known.update((stored.dedupe_key, stored) for stored in _by_keys(session, copies))
    return settled


def _store(session: Session, item: _Incoming) -> StoredMessage:
    known = {stored.dedupe_key: stored for stored in _by_keys(session, [item.key])}
    item = _copies_told_apart(session, [item], known)[0]
    if item.key in known:
        return known[item.key]
    try:
        # A savepoint, so that losing a race to a concurrent fetcher (unique dedupe_key or raw sha256)
        # undoes only this insert and leaves the caller's transaction usable.
        with session.begin_nested():
            if session.get(RawMessageRow, item.sha256) is None:
                session.add(item.raw_row())
                session.flush()  # no ORM relationship orders the two inserts: the bytes go first
            row = item.inbound_row()
            session.add(row)
    except IntegrityError:
        existing = _by_keys(session, [item.key])
        if not existing:
            raise
        return existing[0]
    return StoredMessage(row.id, item.key, item.sha256, item.status, duplicate=False)


def _by_keys(session: Session, keys: list[str]) -> list[StoredMessage]:
    """The messages already stored under any of `keys`, as duplicates."""
    query = select(InboundRow.id, InboundRow.dedupe_key, InboundRow.sha256, InboundRow.status).where(
        InboundRow.dedupe_key.in_(keys)
    )
    return [
        StoredMessage(row_id, key, sha256, MessageStatus(status), duplicate=True)
        for row_id, key, sha256, status in session.execute(query)
    ]


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


def lease_holder(session: Session, mailbox: str) -> str | None:
    row = session.get(MailboxStateRow, mailbox)
    return row.lease_holder if row is not None else None


def stored_hashes(session: Session, hashes: list[str]) -> set[str]:
    """Which of these SHA-256 digests are already kept as raw messages: the demo delivers a sample only once."""
    return set(session.scalars(select(RawMessageRow.sha256).where(RawMessageRow.sha256.in_(hashes))))
