"""The IMAP mailbox (imapclient): fetch after a UID cursor, file by MOVE or flag, wait with IDLE.

Every socket has explicit connect and read timeouts, and IDLE is renewed well inside the 29 minutes of
RFC 2177 §3: a silent drop (NAT, Office 365, Yandex) then ends in a timeout, which becomes `FetchError`,
instead of a worker hanging for days. After any error the connection is dropped; the next call reconnects.
"""

from __future__ import annotations

import logging
import ssl
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from imapclient import IMAPClient, SocketTimeout
from imapclient.exceptions import IMAPClientError

from mailflow.errors import FetchError
from mailflow.mailbox.fetch import DEFAULT_BATCH_BYTES, DEFAULT_BATCH_MESSAGES, Batch, Cursor, FetchedMessage, Outcome
from mailflow.settings import Settings

logger = logging.getLogger(__name__)

IDLE_RENEW_SECONDS = 9 * 60  # RFC 2177 allows 29 min; many servers and middleboxes drop silent links far sooner
# how often a wait looks at the stop flag: a signal does not end a wait on the socket (PEP 475 resumes it after the
# handler), so without this a SIGTERM waited for the rest of the wait, past the platform's SIGKILL
STOP_CHECK_SECONDS = 0.5
BODY_CHUNK_BYTES = 5_000_000  # bodies asked for in one FETCH, so one response stays small
FOLDER_ROOT = "mailflow"


class Filing(StrEnum):
    """How a processed message is put away on the server."""

    MOVE = "move"  # UID MOVE (RFC 6851) into mailflow/<outcome>; COPY + \\Deleted + UID EXPUNGE without it
    FLAG = "flag"  # leave it where it is, with the keyword $mailflow-<outcome>


@dataclass(frozen=True)
class ImapConfig:
    host: str
    user: str
    password: str
    port: int = 993
    security: str = "ssl"  # ssl, starttls or none
    folder: str = "INBOX"
    filing: Filing = Filing.MOVE
    connect_timeout: float = 15.0
    read_timeout: float = 60.0
    ca_file: str = ""  # a CA to verify the server with instead of the system's (a private certificate)

    @classmethod
    def from_settings(cls, settings: Settings, *, filing: Filing = Filing.MOVE) -> ImapConfig:
        box = settings.mailbox
        return cls(
            host=box.host,
            user=box.user,
            password=settings.imap_password,
            port=box.port,
            security=box.security,
            folder=box.folder,
            filing=filing,
            ca_file=str(settings.path(box.ca_file)) if box.ca_file else "",
        )

    def __repr__(self) -> str:  # the password never reaches a log line
        return f"ImapConfig({self.user}@{self.host}:{self.port}/{self.folder}, {self.security})"


ClientFactory = Callable[[ImapConfig], Any]  # returns a logged-in IMAPClient


def connect(config: ImapConfig) -> Any:
    """A logged-in client with explicit timeouts; TLS certificates are verified."""
    context = ssl.create_default_context(cafile=config.ca_file or None)
    client = IMAPClient(
        config.host,
        config.port,
        ssl=config.security == "ssl",
        ssl_context=context,
        timeout=SocketTimeout(connect=config.connect_timeout, read=config.read_timeout),
    )
    try:
        if config.security == "starttls":
            client.starttls(context)
        client.login(config.user, config.password)
    except (IMAPClientError, OSError):
        with suppress(IMAPClientError, OSError):
            client.shutdown()  # a refused login must not leak its socket on every retry
        raise
    return client


def flag_for(outcome: Outcome) -> str:
    return f"$mailflow-{outcome.value}"


class ImapMailbox:
    """One IMAP folder. Holds one connection at a time, opened on first use."""

    def __init__(
        self,
        config: ImapConfig,
        *,
        connect: ClientFactory = connect,
        sleep: Callable[[float], None] = time.sleep,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.config = config
        self._connect = connect
        self._sleep = sleep
        self._monotonic = monotonic
        self._client: Any = None
        self._selected: int | None = None  # UIDVALIDITY of the folder as selected on this connection
        self._newest_uid: int | None = None  # the highest UID the last fetch saw, fetched or not
        self._folders: dict[Outcome, str] = {}

    @property
    def name(self) -> str:
        c = self.config
        return f"imap://{c.user}@{c.host}:{c.port}/{c.folder}"

    def fetch(
        self,
        cursor: Cursor,
        *,
        limit: int = DEFAULT_BATCH_MESSAGES,
        max_bytes: int,
        batch_bytes: int = DEFAULT_BATCH_BYTES,
    ) -> Batch:
        """Sizes, flags and headers of the messages after the cursor first, then the bodies that fit.

        A run stops at `limit` messages or once `batch_bytes` of bodies are in hand, whichever comes first,
        so memory does not grow with the backlog; `Batch.more` then says to come back.
        """
        with self._guard("fetch"):
            client = self._session()
            uidvalidity = self._select(client)
            resynced = cursor.uidvalidity is not None and cursor.uidvalidity != uidvalidity
            if resynced:
                logger.warning("%s: UIDVALIDITY changed %s -> %s, re-reading from UID 0",
                               self.name, cursor.uidvalidity, uidvalidity)  # fmt: skip
            after = 0 if resynced else cursor.last_uid
            # RFC 3501 §6.4.8: "n:*" always includes the highest UID, even when it is below n
            found = sorted(uid for uid in client.search(["UID", f"{after + 1}:*"]) if uid > after)
            self._newest_uid = found[-1] if found else after
            uids = found[:limit]
            more = len(found) > limit
            heads = client.fetch(uids, ["RFC822.SIZE", "FLAGS", "BODY.PEEK[HEADER]"]) if uids else {}
            uids, cut = _within_budget([u for u in uids if u in heads], heads, max_bytes, batch_bytes)
            sizes = {uid: int(heads[uid][b"RFC822.SIZE"]) for uid in uids}
            bodies = self._bodies(client, [uid for uid in uids if sizes[uid] <= max_bytes], sizes)
            messages = []
            for uid in uids:
                head, size = heads[uid], sizes[uid]
                if size <= max_bytes and uid not in bodies:
                    continue  # expunged between the two FETCHes: nothing left to lose
                messages.append(
                    FetchedMessage(
                        ref=f"{uidvalidity}:{uid}",
                        uid=uid,
                        size=size,
                        flags=tuple(_text(f) for f in head[b"FLAGS"]),
                        headers=bytes(head[b"BODY[HEADER]"]),
                        raw=bodies.get(uid),
                    )
                )
            return Batch(self.name, uidvalidity, tuple(messages), resynced=resynced, more=more or cut)

    def file(self, ref: str, outcome: Outcome) -> None:
        """Flag or move one message; see `file_many`."""
        self.file_many({outcome: [ref]})

    def file_many(self, refs: Mapping[Outcome, Sequence[str]]) -> None:
        """Flag or move messages, one command per outcome over a UID set; UIDs already gone are silently fine
        (RFC 3501 §6.4.8).

        A ref carries the UIDVALIDITY its message was fetched under: after the folder was recreated the same
        UID is another message, which must not be moved unread. Such a message is left in place; the re-sync
        fetches it again and dedupe recognises it.
        """
        wanted = {outcome: [_ref_uid(ref) for ref in found] for outcome, found in refs.items() if found}
        if not wanted:
            return
        action = ", ".join(f"UID {uid_set(sorted(u for _, u in found))} as {o.value}" for o, found in wanted.items())
        with self._guard(f"file {action}"):
            client = self._session()
            current = self._selected if self._selected is not None else self._select(client)
            for outcome, fetched in wanted.items():
                stale = sorted(uid for validity, uid in fetched if validity != current)
                if stale:
                    logger.warning("%s: not filing UIDs %s: fetched under another UIDVALIDITY, the folder now has %s",
                                   self.name, uid_set(stale), current)  # fmt: skip
                uids = sorted(uid for validity, uid in fetched if validity == current)
                if uids:
                    self._file_uids(client, uid_set(uids), outcome)

    def _file_uids(self, client: Any, uids: str, outcome: Outcome) -> None:
        if self.config.filing is Filing.FLAG:
            # STORE .SILENT: the server sends no FETCH responses to read (RFC 3501 §6.4.6)
            client.add_flags(uids, [flag_for(outcome)], silent=True)
            return
        folder = self._folder(client, outcome)
        if client.has_capability("MOVE"):
            client.move(uids, folder)
            return
        client.copy(uids, folder)
        client.add_flags(uids, [b"\\Deleted"], silent=True)
        if client.has_capability("UIDPLUS"):
            client.uid_expunge(uids)  # RFC 4315: only these messages, not others a person marked deleted
        # without UIDPLUS a plain EXPUNGE would also remove what a person marked \Deleted: leave it be

    def idle_wait(self, timeout: float, *, stop: threading.Event | None = None) -> bool:
        """Wait for new mail with IDLE (RFC 2177), renewed every 9 minutes; without IDLE, sleep. A set `stop`
        ends the wait within STOP_CHECK_SECONDS (then False): the IDLE is ended with DONE, the link stays usable.

        Mail that came after the last fetch's SEARCH counts as new at once: IDLE only reports what arrives
        while it runs.
        """
        with self._guard("idle"):
            client = self._session()
            if self._selected is None:
                self._select(client)
            if self._newest_uid is None or self._arrived(client):
                return True
            if not client.has_capability("IDLE"):
                self._pause(timeout, stop)
                return not _stopped(stop)
            deadline = self._monotonic() + timeout
            while (remaining := deadline - self._monotonic()) > 0 and not _stopped(stop):
                client.idle()
                try:
                    responses = self._idle_check(client, min(remaining, IDLE_RENEW_SECONDS), stop)
                finally:
                    _text_done, late = client.idle_done()
                if any(_is_new_mail(r) for r in [*responses, *late]):
                    return True
            return False

    def _idle_check(self, client: Any, seconds: float, stop: threading.Event | None) -> list[Any]:
        """The server's first responses within `seconds` of IDLE, read in slices that look at `stop` between them
        (the socket is polled, not spun on). A slice that ends early with nothing is a closed link (imapclient
        reads EOF as no responses): it is returned at once, and the DONE that follows fails as FetchError."""
        deadline = self._monotonic() + seconds
        while (remaining := deadline - self._monotonic()) > 0 and not _stopped(stop):
            piece = min(remaining, STOP_CHECK_SECONDS)
            started = self._monotonic()
            responses: list[Any] = client.idle_check(timeout=piece)
            if responses or self._monotonic() - started < piece:
                return responses
        return []

    def _pause(self, seconds: float, stop: threading.Event | None) -> None:
        """Sleep `seconds`, or until `stop` is set (looked at every STOP_CHECK_SECONDS)."""
        if stop is None:
            self._sleep(seconds)
            return
        deadline = self._monotonic() + seconds
        while (remaining := deadline - self._monotonic()) > 0 and not stop.is_set():
            self._sleep(min(remaining, STOP_CHECK_SECONDS))

    def close(self) -> None:
        if self._client is None:
            return
        client, self._client = self._client, None
        self._selected = None
        try:
            client.logout()
        except (IMAPClientError, OSError):
            with suppress(IMAPClientError, OSError):
                client.shutdown()

    def _session(self) -> Any:
        if self._client is None:
            self._client = self._connect(self.config)
            self._folders = {}
            self._selected = None
        return self._client

    def _select(self, client: Any) -> int:
        """Select the folder (RFC 3501 §6.3.1) and return its UIDVALIDITY, which cannot change while selected."""
        info = client.select_folder(self.config.folder)
        self._selected = int(info[b"UIDVALIDITY"])
        return self._selected

    def _arrived(self, client: Any) -> bool:
        after = self._newest_uid or 0
        client.noop()  # Dovecot takes in another session's APPEND at a NOOP; a SEARCH alone may not see it yet
        return any(uid > after for uid in client.search(["UID", f"{after + 1}:*"]))

    def _bodies(self, client: Any, uids: Sequence[int], sizes: dict[int, int]) -> dict[int, bytes]:
        bodies: dict[int, bytes] = {}
        for chunk in _chunks(uids, sizes):
            for uid, data in client.fetch(chunk, ["BODY.PEEK[]"]).items():
                if b"BODY[]" in data:
                    bodies[uid] = bytes(data[b"BODY[]"])
        return bodies

    def _folder(self, client: Any, outcome: Outcome) -> str:
        """`mailflow<delimiter><outcome>`, created (and subscribed) the first time it is needed."""
        if outcome in self._folders:
            return self._folders[outcome]
        listed = client.list_folders("", "")  # RFC 3501 §6.3.8: LIST "" "" gives the hierarchy delimiter
        delimiter = _text(listed[0][1]) if listed and listed[0][1] else "/"
        folder = f"{FOLDER_ROOT}{delimiter}{outcome.value}"
        if not client.folder_exists(folder):
            try:
                client.create_folder(folder)
            except IMAPClientError:
                if not client.folder_exists(folder):  # another fetcher may have just made it
                    raise
            with suppress(IMAPClientError):
                client.subscribe_folder(folder)
        self._folders[outcome] = folder
        return folder

    @contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        """Network and protocol errors become FetchError; the connection is dropped so the next call starts
        clean (a half-read response would corrupt every later one)."""
        try:
            yield
        except (IMAPClientError, OSError) as exc:
            self._drop()
            raise FetchError(self.name, f"{action}: {type(exc).__name__}: {exc}") from exc

    def _drop(self) -> None:
        client, self._client = self._client, None
        self._selected = None
        if client is not None:
            with suppress(IMAPClientError, OSError):
                client.shutdown()


def _within_budget(uids: list[int], heads: dict[int, Any], max_bytes: int, batch_bytes: int) -> tuple[list[int], bool]:
    """The leading UIDs whose bodies fit in `batch_bytes` (always at least one); True if some were cut.

    A prefix, not a selection: the cursor advances over what is returned, so nothing may be skipped.
    """
    total = 0
    for i, uid in enumerate(uids):
        size = int(heads[uid][b"RFC822.SIZE"])
        body = size if size <= max_bytes else 0
        if i and total + body > batch_bytes:
            return uids[:i], True
        total += body
    return uids, False


def _chunks(uids: Sequence[int], sizes: dict[int, int]) -> Iterator[list[int]]:
    """UIDs grouped so that one FETCH response stays under BODY_CHUNK_BYTES (one big message alone)."""
    chunk: list[int] = []
    total = 0
    for uid in uids:
        if chunk and total + sizes[uid] > BODY_CHUNK_BYTES:
            yield chunk
            chunk, total = [], 0
        chunk.append(uid)
        total += sizes[uid]
    if chunk:
        yield chunk


def uid_set(uids: Sequence[int]) -> str:
    """Sorted UIDs as an IMAP sequence set with runs collapsed (RFC 3501 §9 `sequence-set`): [1, 2, 3, 7] is
    "1:3,7", so a batch of consecutive UIDs is one short command line whatever its size."""
    runs: list[list[int]] = []
    for uid in uids:
        if runs and uid == runs[-1][1] + 1:
            runs[-1][1] = uid
        else:
            runs.append([uid, uid])
    return ",".join(str(low) if low == high else f"{low}:{high}" for low, high in runs)


def _ref_uid(ref: str) -> tuple[int, int]:
    """`<uidvalidity>:<uid>` as the two numbers."""
    uidvalidity, _, uid = ref.partition(":")
    return int(uidvalidity), int(uid)


def _stopped(stop: threading.Event | None) -> bool:
    return stop is not None and stop.is_set()


def _is_new_mail(response: Any) -> bool:
    return isinstance(response, tuple) and len(response) >= 2 and response[1] in (b"EXISTS", b"RECENT")


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value
