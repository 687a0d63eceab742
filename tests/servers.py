"""Real servers for the tests: an SMTP server (aiosmtpd) on a free loopback port that records what it
receives and can be told to refuse, defer or hang up, and the throwaway certificate TLS servers present."""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import socket
import threading
from collections import deque
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, valid for a day: `cert.pem` (also the CA to trust) and `key.pem`."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return folder / "cert.pem", folder / "key.pem"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        parsed = message_from_bytes(self.data, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed

    @property
    def message_id(self) -> str:
        return str(self.message["Message-ID"])


@dataclass
class SmtpSink:
    """What the test server received, and the answers it is told to give next.

    `rcpt_replies` and `data_replies` are consumed one per transaction. Besides an SMTP reply line, a
    rcpt reply may be `drop` (hang up before DATA) or `hang` (set `hanging` and answer nothing while the client
    stays connected), and a data reply — given after the final dot —
    `drop-before` (hang up without delivering) or `drop-after` (deliver, then hang up before the 250
    reaches the client); in both the client cannot know which happened.
    """

    port: int = 0
    received: list[Received] = field(default_factory=list)
    rcpt_replies: deque[str] = field(default_factory=deque)
    data_replies: deque[str] = field(default_factory=deque)
    delay: float = 0.0  # before answering the final dot
    rcpt_delay: float = 0.0  # before answering RCPT, i.e. before the letter is handed over
    lock: threading.Lock = field(default_factory=threading.Lock)
    hanging: threading.Event = field(default_factory=threading.Event)

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if self.rcpt_delay:
            await asyncio.sleep(self.rcpt_delay)
        reply = self.rcpt_replies.popleft() if self.rcpt_replies else "250 OK"
        if reply == "drop":
            server.transport.close()
            return "421 closing"
        if reply == "hang":
            self.hanging.set()
            while server.transport is not None and not server.transport.is_closing():
                await asyncio.sleep(0.01)
            return "421 closing"
        if reply.startswith("250"):
            envelope.rcpt_tos.append(address)
        return reply

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.delay:
            await asyncio.sleep(self.delay)
        reply = self.data_replies.popleft() if self.data_replies else "250 OK"
        if reply == "drop-before":
            server.transport.close()
            return "421 closing"
        if reply.startswith("250") or reply == "drop-after":
            with self.lock:
                self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        if reply == "drop-after":
            server.transport.close()
            return "250 OK"
        return reply

    def by_message_id(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        with self.lock:
            for item in self.received:
                counts[item.message_id] = counts.get(item.message_id, 0) + 1
        return counts
