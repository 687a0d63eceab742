"""The mailbox over TLS, as every real IMAP server is reached: implicit TLS (993) and STARTTLS (143), the
server's certificate verified against the system's CAs or a private one (`mailbox.ca_file`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailflow.errors import FetchError
from mailflow.mailbox.fetch import Cursor
from mailflow.mailbox.imap import ImapConfig
from mailflow.settings import load_settings
from tests.servers import make_certificate
from tests.worker.conftest import DovecotFactory, ImapFactory, admin_client, reply
from tests.worker.dovecot import Dovecot


@pytest.fixture
def certificate(tmp_path: Path) -> tuple[Path, Path]:
    return make_certificate(tmp_path / "tls")


@pytest.fixture
def server(dovecot_factory: DovecotFactory, certificate: tuple[Path, Path]) -> Dovecot:
    server = dovecot_factory(tls=certificate)
    client = admin_client(server)
    client.append("INBOX", reply(1))
    client.logout()
    return server


def _port(server: Dovecot, security: str) -> int:
    return server.tls_port if security == "ssl" else server.port


@pytest.mark.parametrize("security", ["ssl", "starttls"])
def test_replies_are_fetched_over_tls_from_a_server_with_a_private_certificate(
    open_imap: ImapFactory, server: Dovecot, certificate: tuple[Path, Path], security: str
) -> None:
    mailbox = open_imap(server, security=security, port=_port(server, security), ca_file=str(certificate[0]))

    batch = mailbox.fetch(Cursor(), max_bytes=1_000_000)

    assert [m.raw for m in batch.messages] == [reply(1)]


@pytest.mark.parametrize("security", ["ssl", "starttls"])
def test_a_certificate_signed_by_no_trusted_ca_is_refused_before_the_password_is_sent(
    open_imap: ImapFactory, server: Dovecot, security: str
) -> None:
    mailbox = open_imap(server, security=security, port=_port(server, security))  # the system's CAs only

    with pytest.raises(FetchError, match="CERTIFICATE_VERIFY_FAILED"):
        mailbox.fetch(Cursor(), max_bytes=1_000_000)


def test_a_relative_ca_file_is_found_under_the_project_root(tmp_path: Path) -> None:
    environ = {
        "MAILFLOW_MAILBOX_KIND": "imap",
        "MAILFLOW_MAILBOX_HOST": "imap.example",
        "MAILFLOW_MAILBOX_CA_FILE": "config/private-ca.pem",
    }
    settings = load_settings(None, environ)

    config = ImapConfig.from_settings(settings)

    assert config.ca_file == str(settings.root / "config" / "private-ca.pem")
