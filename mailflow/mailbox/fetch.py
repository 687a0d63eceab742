"""Fetching replies: what a mailbox hands the worker, whatever the mailbox is (IMAP or a local Maildir).

The worker drives every mailbox the same way, and that order is what makes a crash at any point lossless:

1. `fetch(cursor)` returns the messages after the cursor, headers first and bodies read without marking
   anything (IMAP `BODY.PEEK[]`, RFC 3501 §6.4.5);
2. the batch is stored (raw bytes by hash + inbound rows) in one transaction;
3. the batch is processed in one transaction (one message per transaction if any of them fails);
4. only then `file_many` moves or flags the batch on the server, one command per outcome;
5. and only then does the cursor move past what was filed.

A crash at any point before 5 fetches the messages again: dedupe turns each into its stored row, which is
processed if it was not yet and filed either way. The cursor itself (UIDVALIDITY, last UID) lives in the
database, not in the mailbox object.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.parser import BytesHeaderParser
from email.policy import compat32
from enum import StrEnum
from typing import Protocol

DEFAULT_BATCH_MESSAGES = 500  # a backlog drains in few round trips and commits; bytes are capped below
DEFAULT_BATCH_BYTES = 50_000_000  # bodies held in memory at once; a run stops early rather than grow


class Outcome(StrEnum):
    """Where a message is filed once processed; the value is the folder under `mailflow/` or the flag's suffix."""

    PROCESSED = "processed"  # stances recorded
    REVIEW = "review"  # a person must look: flagged, unmatched, oversized or failed
    AUTOMATIC = "automatic"  # auto-replies, bounces, our own letters looping back


@dataclass(frozen=True)
class Cursor:
    """Where the last run stopped: the folder's UIDVALIDITY then and the highest UID stored since.

    `uidvalidity` None means never fetched. A Maildir has no UIDs: filing takes a message out of the inbox,
    so every message still there is new, and its cursor stays at the start.
    """

    uidvalidity: int | None = None
    last_uid: int = 0


@dataclass(frozen=True)
class FetchedMessage:
    """One message as the mailbox returned it; `raw` is None when it is over the size limit."""

    ref: str  # what `file` takes: "<uidvalidity>:<uid>" on IMAP, "new/<file name>" in a Maildir
    uid: int | None  # IMAP only: advances the cursor
    size: int
    flags: tuple[str, ...]
    headers: bytes
    raw: bytes | None

    @property
    def oversized(self) -> bool:
        """Over the limit: recorded from its headers and filed for review, never skipped silently."""
        return self.raw is None

    @property
    def message_id(self) -> str | None:
        return message_id_from_headers(self.headers)


@dataclass(frozen=True)
class Batch:
    """What one `fetch` found. `resynced` means UIDVALIDITY changed: UIDs restarted from 0 (RFC 3501 §2.3.1.1)."""

    mailbox: str
    uidvalidity: int | None
    messages: tuple[FetchedMessage, ...]
    resynced: bool = False
    more: bool = False  # the per-run cap was reached: fetch again soon

    @property
    def last_uid(self) -> int | None:
        uids = [m.uid for m in self.messages if m.uid is not None]
        return max(uids) if uids else None


class Mailbox(Protocol):
    """A source of inbound mail. Network and file errors surface as `FetchError`; after one, calling again
    reconnects."""

    @property
    def name(self) -> str:
        """A stable name for this mailbox and folder: the key of its cursor and its fetch lease."""
        ...

    def fetch(
        self,
        cursor: Cursor,
        *,
        limit: int = DEFAULT_BATCH_MESSAGES,
        max_bytes: int,
        batch_bytes: int = DEFAULT_BATCH_BYTES,
    ) -> Batch:
        """Messages after `cursor`, oldest first: at most `limit`, and stopping once `batch_bytes` of bodies
        are held; a body over `max_bytes` is left out and the message returned as oversized."""
        ...

    def file(self, ref: str, outcome: Outcome) -> None:
        """Move or flag a processed message; filing one already filed or gone is not an error."""
        ...

    def file_many(self, refs: Mapping[Outcome, Sequence[str]]) -> None:
        """`file` for a whole batch, one server command per outcome rather than one per message."""
        ...

    def idle_wait(self, timeout: float, *, stop: threading.Event | None = None) -> bool:
        """Block up to `timeout` seconds until new mail may have arrived; True if it may have. A set `stop` ends
        the wait within a second or so (then False): SIGTERM only sets it, and a wait on a socket or a sleep
        resumes after the signal's handler (PEP 475), so the wait itself must look at it."""
        ...

    def close(self) -> None: ...


_MSG_ID = re.compile(rb"<[^<>\s]+>")


def message_id_from_headers(headers: bytes) -> str | None:
    """The Message-ID of a header block, `<local@domain>` as written, or None when absent or empty."""
    value = BytesHeaderParser(policy=compat32).parsebytes(headers).get("Message-ID")
    if value is None:
        return None
    raw = str(value).encode("utf-8", "surrogateescape")
    found = _MSG_ID.search(raw)
    if found:
        return found.group().decode("ascii", "replace")
    text = raw.decode("ascii", "replace").strip()
    return text or None


def header_block(raw: bytes) -> bytes:
    """The header section of a message: everything up to and including the first empty line."""
    found = [(raw.find(sep), len(sep)) for sep in (b"\r\n\r\n", b"\n\n") if raw.find(sep) >= 0]
    if not found:
        return raw
    end, length = min(found)
    return raw[: end + length]
