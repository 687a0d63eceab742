"""The local Maildir mailbox: the embedded default, and what a local MDA (Postfix, Dovecot LDA) delivers to.

Maildir has no UIDs. Filing renames a message out of the inbox into a Maildir++ subfolder
(`.mailflow.processed/cur/…`), an atomic rename on one filesystem, so every message still in `new/` or
`cur/` of the inbox is unprocessed; the cursor is not needed, and a crash between storing and filing just
means the message is fetched again and dedupe recognises it.
"""

from __future__ import annotations

import mailbox
import os
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from mailflow.errors import FetchError
from mailflow.mailbox.fetch import (
    DEFAULT_BATCH_BYTES,
    DEFAULT_BATCH_MESSAGES,
    Batch,
    Cursor,
    FetchedMessage,
    Outcome,
    header_block,
)
from mailflow.settings import Settings

HEADER_READ_BYTES = 256_000  # a header block longer than this is read no further: the rest is a body
FOLDER_ROOT = "mailflow"


class MaildirMailbox:
    """The inbox of a Maildir, created on first use."""

    def __init__(
        self,
        path: Path,
        *,
        poll_interval: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.path = path
        self.poll_interval = poll_interval
        self._sleep = sleep
        self._monotonic = monotonic
        self._seen: set[str] | None = None  # the inbox as the last fetch listed it
        # each message's delivery time, by ref, as first listed: a delivered file is renamed into new/ whole and
        # never written again (a flag change renames it in cur/, a new ref), so it is read once, not every fetch
        self._delivered: dict[str, int] = {}
        self._order: list[str] | None = None  # the same refs, oldest first

    @classmethod
    def from_settings(cls, settings: Settings) -> MaildirMailbox:
        return cls(settings.path(settings.mailbox.maildir))

    @property
    def name(self) -> str:
        return f"maildir:{self.path}"

    def fetch(
        self,
        cursor: Cursor,
        *,
        limit: int = DEFAULT_BATCH_MESSAGES,
        max_bytes: int,
        batch_bytes: int = DEFAULT_BATCH_BYTES,
    ) -> Batch:
        """The oldest messages still in the inbox; `cursor` is ignored (see the module docstring)."""
        del cursor
        with self._guard("fetch"):
            mailbox.Maildir(self.path, create=True)  # creates it only where nothing exists yet
            if not ((self.path / "new").is_dir() and (self.path / "cur").is_dir()):
                raise FetchError(self.name, "fetch: not a Maildir (no new/ and cur/ folders)")
            refs = self._inbox()
            self._seen = set(refs)
            messages: list[FetchedMessage] = []
            held = 0
            for ref in refs[:limit]:
                message = self._read(ref, max_bytes)
                if message is None:
                    continue  # filed or deleted by someone else since the listing
                if messages and held + len(message.raw or b"") > batch_bytes:
                    return Batch(self.name, None, tuple(messages), more=True)
                held += len(message.raw or b"")
                messages.append(message)
            return Batch(self.name, None, tuple(messages), more=len(refs) > limit)

    def file(self, ref: str, outcome: Outcome) -> None:
        """Rename the message into `.mailflow.<outcome>/cur/`; see `file_many`."""
        self.file_many({outcome: [ref]})

    def file_many(self, refs: Mapping[Outcome, Sequence[str]]) -> None:
        """Rename each message into `.mailflow.<outcome>/cur/`; one already moved away is fine."""
        for outcome, outcome_refs in refs.items():
            if not outcome_refs:
                continue
            with self._guard(f"file {len(outcome_refs)} messages as {outcome.value}"):
                folder = f"{FOLDER_ROOT}.{outcome.value}"
                target_dir = self.path / f".{folder}"
                if not target_dir.is_dir():
                    mailbox.Maildir(self.path, create=True).add_folder(folder)
                for ref in outcome_refs:
                    source = self.path / ref
                    name = source.name if ":" in source.name else f"{source.name}:2,"  # cur/ names carry an info part
                    try:
                        os.rename(source, target_dir / "cur" / name)
                    except FileNotFoundError:
                        continue  # filed by a concurrent run, or by an earlier run before a crash

    def idle_wait(self, timeout: float, *, stop: threading.Event | None = None) -> bool:
        """Poll the inbox every `poll_interval` seconds until a message appears that the last fetch did not list,
        or `stop` is set (looked at every poll; then False)."""
        deadline = self._monotonic() + timeout
        with self._guard("wait"):
            while True:
                if self._seen is None or any(ref not in self._seen for ref in self._inbox()):
                    return True
                remaining = deadline - self._monotonic()
                if remaining <= 0 or (stop is not None and stop.is_set()):
                    return False
                self._sleep(min(self.poll_interval, remaining))

    def close(self) -> None:
        """Nothing is held open between calls."""

    def _inbox(self) -> list[str]:
        """`new/<name>` and `cur/<name>` of the inbox, oldest first (by delivery time, then name).

        Only a ref not listed before is stat'ed, and the order is sorted again only when one came: a backlog of
        100,000 messages drained 500 at a time stat'ed and sorted every remaining file at each fetch (0.45 s of
        CPU a fetch at the start, issue 15)."""
        listed: set[str] = set()
        unseen: list[tuple[str, str]] = []
        for sub in ("new", "cur"):
            directory = self.path / sub
            if not directory.is_dir():
                continue
            for name in os.listdir(directory):
                if not name.startswith("."):
                    ref = f"{sub}/{name}"
                    listed.add(ref)
                    if ref not in self._delivered:
                        unseen.append((ref, os.path.join(directory, name)))
        delivered = {ref: mtime for ref, mtime in self._delivered.items() if ref in listed}  # left: forgotten
        for ref, path in unseen:
            try:
                delivered[ref] = os.stat(path).st_mtime_ns
            except FileNotFoundError:
                continue  # filed by another process since the listing
        if unseen or self._order is None:
            self._order = [ref for _mtime, ref in sorted((mtime, ref) for ref, mtime in delivered.items())]
        else:
            self._order = [ref for ref in self._order if ref in delivered]
        self._delivered = delivered
        return list(self._order)

    def _read(self, ref: str, max_bytes: int) -> FetchedMessage | None:
        try:
            with open(self.path / ref, "rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                if size <= max_bytes:
                    raw: bytes | None = handle.read()
                    headers = header_block(raw or b"")
                else:
                    raw = None
                    headers = header_block(handle.read(HEADER_READ_BYTES))
        except FileNotFoundError:
            return None
        flags = tuple(sorted(ref.partition(":2,")[2])) if ":2," in ref else ()
        return FetchedMessage(ref=ref, uid=None, size=size, flags=flags, headers=headers, raw=raw)

    @contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        try:
            yield
        except OSError as exc:
            raise FetchError(self.name, f"{action}: {exc}") from exc
