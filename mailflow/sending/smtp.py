"""The SMTP edge: hands one letter at a time to a server over a reused connection, or to a folder.

The outbox needs to know exactly when the server may have taken a letter. RFC 5321 §4.1.1.4 makes the
mail transaction complete only with the final `.` line, and §3.8 says a connection closed before it cancels
the transaction. So `deliver` calls `commit_point()` after the body went out but before that `.` line: it
returns once the outbox has committed `sending` (which it may have started writing before MAIL), and only
from that commit can a crash leave the letter's fate unknown.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import smtplib
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from mailflow.errors import SendError
from mailflow.settings import Settings

log = logging.getLogger(__name__)

_EOL = re.compile(rb"\r\n|\r|\n")
_LEADING_DOT = re.compile(rb"^\.", re.MULTILINE)


class ServerUnavailable(SendError):
    """The server cannot be reached or refuses us before any letter: the batch stops, letters stay queued."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem, permanent=False)


class DeliveryUncertain(SendError):
    """The connection broke after the final `.` was sent: the server may or may not have the letter."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem, permanent=False)


@dataclass(frozen=True)
class Outgoing:
    """One letter as the edge sees it: the envelope and the bytes rendered when it was queued."""

    letter_id: int
    message_id: str
    mail_from: str
    rcpt_to: str
    raw: bytes
    kind: str = ""  # appeal, reminder, ...: for a person looking at the outbox folder
    organisation: str = ""  # whom the letter is for, likewise; empty for the committee's own digest


class Sender(Protocol):
    """Where letters go: an SMTP server or a folder. `deliver` returns False, having handed nothing over,
    when `commit_point()` says the letter may no longer be sent."""

    def deliver(self, letter: Outgoing, commit_point: Callable[[], bool]) -> bool: ...

    def close(self) -> None: ...


def is_transient(code: int) -> bool:
    """RFC 5321 §4.2.1: 4yz is worth retrying; 552 too, as §4.5.3.1.10 says clients should treat it as 452."""
    return 400 <= code < 500 or code == 552


def dot_stuffed(raw: bytes) -> bytes:
    """The message as DATA content: CRLF line ends, leading dots doubled (RFC 5321 §4.5.2), ending in CRLF,
    without the terminating `.` line.

    Each substitution only when the bytes need it, found by counting: a composed letter already has CRLF line
    ends (`policy.SMTP`) and, its bodies in base64, no line that starts with a dot, and rewriting its 33 KB
    through both patterns anyway took 0.25 ms a letter, between MAIL and the final dot (issue 15); counting,
    0.08 ms. Every LF is in a CRLF, and every CR too, exactly when the three counts agree."""
    if not raw.count(b"\n") == raw.count(b"\r\n") == raw.count(b"\r"):
        raw = _EOL.sub(b"\r\n", raw)
    if raw.startswith(b".") or b"\n." in raw:
        raw = _LEADING_DOT.sub(b"..", raw)
    return raw if raw.endswith(b"\r\n") else raw + b"\r\n"


class SmtpSender:
    """One SMTP connection, opened on first use and reused until closed or broken (RSET after an unfinished
    transaction)."""

    def __init__(
        self,
        host: str,
        port: int,
        *,
        security: str = "starttls",
        user: str = "",
        password: str = "",
        timeout: float = 60.0,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.host, self.port, self.security = host, port, security
        self.user, self._password = user, password
        self.timeout = timeout
        self.ssl_context = ssl_context
        self._client: smtplib.SMTP | None = None
        self._fresh = True  # opened for this transaction: a failure at MAIL FROM is not an idle connection's death
        self._dirty = False  # a transaction was begun and not finished: RSET before the next

    @classmethod
    def from_settings(cls, settings: Settings) -> SmtpSender:
        smtp = settings.smtp
        return cls(
            smtp.host,
            smtp.port,
            security=smtp.security,
            user=smtp.user,
            password=settings.smtp_password,
        )

    def __enter__(self) -> SmtpSender:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _connect(self) -> smtplib.SMTP:
        # the system's certificates are loaded only for a connection that uses them (25 ms, a run's start)
        context = self.ssl_context or (ssl.create_default_context() if self.security != "none" else None)
        client: smtplib.SMTP | None = None
        try:
            if self.security == "ssl":
                client = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=context)
            else:
                client = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            # the final dot goes out as its own small write after the commit point: without TCP_NODELAY,
            # Nagle's algorithm holds it until the server's delayed ACK, some 40 ms per letter
            if client.sock is not None:
                client.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if self.security == "starttls":
                client.starttls(context=context)
            client.ehlo_or_helo_if_needed()  # again after STARTTLS (RFC 3207 §4.2)
            if self.user:
                client.login(self.user, self._password)
        except (smtplib.SMTPException, OSError) as exc:
            if client is not None:
                client.close()
            if isinstance(exc, smtplib.SMTPAuthenticationError):
                raise ServerUnavailable(f"{self.host}:{self.port} refused the login for {self.user}") from exc
            raise ServerUnavailable(f"cannot connect to {self.host}:{self.port}: {exc}") from exc
        log.info("connected to %s:%s (%s)", self.host, self.port, self.security)
        return client

    def _session(self) -> smtplib.SMTP:
        """The open connection, ready for a new transaction; a connection that died while idle is reopened.

        RSET only after a transaction that did not end with the server's reply to the final dot (a refusal,
        a letter not handed over): after a completed one the server is ready for the next MAIL (RFC 5321
        §4.1.4, §3.3), and an RSET per letter cost a round trip each, as much as the letter's own commands.
        """
        if self._client is not None and self._dirty:
            try:
                code, _ = self._client.rset()
                if code != 250:
                    self._drop()
            except (smtplib.SMTPException, OSError):
                self._drop()
        if self._client is None:
            self._client = self._connect()
            self._fresh = True
        self._dirty = True  # until this transaction's final reply
        return self._client

    def _drop(self) -> None:
        self._dirty = False
        if self._client is not None:
            try:
                self._client.close()
            finally:
                self._client = None

    def _refused(self, stage: str, code: int, reply: bytes) -> SendError:
        if code == 421:  # RFC 5321 §3.8: the server is closing the channel
            self._drop()
        text = reply.decode("utf-8", "replace")
        return SendError(f"{stage}: {code} {text}", permanent=not is_transient(code), code=code)

    def _mail(self, mail_from: str) -> tuple[smtplib.SMTP, int, bytes]:
        """MAIL FROM on the open connection; one that the server closed while it was idle (RFC 5321 §4.5.3.2.7
        lets it after 5 minutes) is opened again once: nothing of the letter has gone out yet."""
        client = self._session()
        try:
            code, reply = client.mail(mail_from)
        except (smtplib.SMTPServerDisconnected, OSError):
            if self._fresh:
                raise
            self._drop()
            client = self._session()
            code, reply = client.mail(mail_from)
        self._fresh = False
        return client, code, reply

    def deliver(self, letter: Outgoing, commit_point: Callable[[], bool]) -> bool:
        try:
            client, code, reply = self._mail(letter.mail_from)
            if code != 250:
                raise self._refused("MAIL FROM", code, reply)
            code, reply = client.rcpt(letter.rcpt_to)
            if code not in (250, 251):
                raise self._refused(f"RCPT TO {letter.rcpt_to}", code, reply)
            code, reply = client.docmd("DATA")
            if code != 354:
                raise self._refused("DATA", code, reply)
            client.send(dot_stuffed(letter.raw))
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            self._drop()
            raise SendError(f"connection lost before the letter was complete: {exc}", permanent=False) from exc
        handed_over = False
        try:
            handed_over = commit_point()
        finally:
            if not handed_over:
                # without the final dot the server discards the transaction (RFC 5321 §3.8)
                self._drop()
        if not handed_over:
            return False
        try:
            client.send(b".\r\n")
            code, reply = client.getreply()
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            self._drop()
            raise DeliveryUncertain(f"connection lost after the letter was handed over: {exc}") from exc
        self._dirty = False  # the transaction is over, accepted or refused (RFC 5321 §4.1.1.4)
        if code != 250:
            raise self._refused("end of DATA", code, reply)
        return True

    def close(self) -> None:
        if self._client is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self._client.quit()
            self._drop()


class FolderSender:
    """Without an SMTP server: each letter becomes an .eml file, with the same lifecycle as a real send.

    The file is written under a temporary name and renamed into place after the commit point, so the
    rename plays the part of the final dot.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def __enter__(self) -> FolderSender:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def path_for(self, letter: Outgoing) -> Path:
        """`000007-appeal-ОО-Умут.eml`: the number keeps names unique and in sending order, the rest says what
        the letter is and whom it is for (the recipient's address when there is no organisation)."""
        words = [letter.kind, letter.organisation or letter.rcpt_to]
        name = "-".join(part for part in (re.sub(r"[^\w@.]+", "-", w).strip("-.")[:60] for w in words) if part)
        return self.directory / f"{letter.letter_id:06d}-{name}.eml"

    def deliver(self, letter: Outgoing, commit_point: Callable[[], bool]) -> bool:
        target = self.path_for(letter)
        partial = target.with_suffix(".eml.partial")
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(letter.raw)
        except OSError as exc:
            raise ServerUnavailable(f"cannot write to {self.directory}: {exc.strerror}") from exc
        if not commit_point():
            partial.unlink(missing_ok=True)
            return False
        try:
            os.replace(partial, target)
        except OSError as exc:
            raise DeliveryUncertain(f"cannot move {partial.name} into place: {exc.strerror}") from exc
        return True

    def close(self) -> None:
        """Nothing to close; here so both senders are used the same way."""


def sender_for(settings: Settings) -> SmtpSender | FolderSender:
    """The SMTP server when `smtp.host` is set, else the folder `storage/outbox` (the embedded default)."""
    if settings.smtp.host:
        return SmtpSender.from_settings(settings)
    return FolderSender(settings.storage_dir / "outbox")
