"""STARTTLS (RFC 3207) and implicit TLS with a login, against aiosmtpd holding a throwaway certificate."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from mailflow.sending.smtp import Outgoing, ServerUnavailable, SmtpSender
from tests.servers import SmtpSink, free_port, make_certificate

LETTER = Outgoing(
    1, "<appeal.x.1@committee.example>", "dialog@committee.example", "a@b.example", b"Subject: t\r\n\r\nhi\r\n"
)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return make_certificate(tmp_path_factory.mktemp("tls"))


def _check_login(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
    ok = auth_data.login == b"committee" and auth_data.password == b"s3cret"
    return AuthResult(success=ok, handled=False)


@pytest.fixture(params=["starttls", "ssl"])
def tls_server(request: pytest.FixtureRequest, certificate: tuple[Path, Path]) -> Iterator[tuple[SmtpSink, str]]:
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(*certificate)
    mailbox = SmtpSink(port=free_port())
    options: dict[str, Any] = {"authenticator": _check_login}
    if request.param == "starttls":
        options |= {"tls_context": server_context, "require_starttls": True, "auth_require_tls": True}
    else:
        # aiosmtpd only counts STARTTLS as TLS for auth_require_tls; this whole connection is TLS
        options |= {"ssl_context": server_context, "auth_require_tls": False}
    controller = Controller(mailbox, hostname="127.0.0.1", port=mailbox.port, **options)
    controller.start()
    try:
        yield mailbox, request.param
    finally:
        controller.stop()


def _client_context(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(certificate[0]))


def test_letters_go_over_tls_after_a_login(tls_server: tuple[SmtpSink, str], certificate: tuple[Path, Path]) -> None:
    mailbox, security = tls_server
    sender = SmtpSender(
        "127.0.0.1",
        mailbox.port,
        security=security,
        user="committee",
        password="s3cret",
        timeout=5,
        ssl_context=_client_context(certificate),
    )
    with sender:
        assert sender.deliver(LETTER, lambda: True)
        assert sender.deliver(LETTER, lambda: True)  # the same connection, reset in between
    assert len(mailbox.received) == 2


def test_a_wrong_password_stops_before_any_letter(
    tls_server: tuple[SmtpSink, str], certificate: tuple[Path, Path]
) -> None:
    mailbox, security = tls_server
    sender = SmtpSender(
        "127.0.0.1",
        mailbox.port,
        security=security,
        user="committee",
        password="wrong",
        timeout=5,
        ssl_context=_client_context(certificate),
    )
    with sender, pytest.raises(ServerUnavailable, match="refused the login"):
        sender.deliver(LETTER, lambda: True)
    assert mailbox.received == []


def test_a_plain_connection_loads_no_certificates(smtp_server: SmtpSink, monkeypatch: pytest.MonkeyPatch) -> None:
    """`security = "none"` (a local relay): the system's certificates, 25 ms to load, are never read."""

    def refuse(*args: Any, **kwargs: Any) -> ssl.SSLContext:
        raise AssertionError("a TLS context made for a plain connection")

    monkeypatch.setattr(ssl, "create_default_context", refuse)
    with SmtpSender("127.0.0.1", smtp_server.port, security="none", timeout=5) as sender:
        assert sender.deliver(LETTER, lambda: True)
    assert len(smtp_server.received) == 1
