"""A real Dovecot IMAP server on a free loopback port, with its own config and log in tmp_path.

As root, Dovecot refuses to serve mail as uid 0, so mail belongs to the `dovecot` user and logins run as
`dovenull`. Those users cannot pass through pytest's private temporary root (pytest resets it to 0700
whenever another session starts), so what they must reach (sockets, the password file, the mail) lives in
a folder of its own, `home`, removed by `remove`; the config and the log stay in `base` under tmp_path.

`capabilities` replaces what the server advertises, so a test can take MOVE or IDLE away and
exercise the fallbacks against the same real server. `tls` (a certificate and its key) turns on STARTTLS on
`port` and implicit TLS on `tls_port`.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.servers import free_port

DOVECOT = "/usr/sbin/dovecot"
USER = "mailflow"
PASSWORD = "s3cret-imap"

_CONFIG = """\
protocols = imap
listen = 127.0.0.1
base_dir = {home}/run
state_dir = {home}/state
log_path = {base}/dovecot.log
info_log_path = {base}/dovecot.log
{ssl}
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
default_login_user = dovenull
default_internal_user = dovecot
mail_location = maildir:{home}/mail/%u
mail_uid = dovecot
mail_gid = dovecot
shutdown_clients = yes
{capability}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {home}/users
}}
userdb {{
  driver = static
  args = uid=dovecot gid=dovecot home={home}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
  }}
}}
"""


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
            s.settimeout(2)
            return s.recv(100).startswith(b"* OK")
    except OSError:
        return False


@dataclass
class Dovecot:
    """One server; `start`/`stop` may be called again to restart it on the same port with the same mail."""

    base: Path
    port: int = field(default_factory=free_port)
    capabilities: str | None = None
    tls: tuple[Path, Path] | None = None
    tls_port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    home: Path = field(init=False)

    host = "127.0.0.1"
    user = USER
    password = PASSWORD

    def __post_init__(self) -> None:
        dovecot = pwd.getpwnam("dovecot")
        self.base.mkdir(parents=True, exist_ok=True)
        self.home = Path(tempfile.mkdtemp(prefix="mailflow-dovecot-"))
        self.home.chmod(0o711)  # search only: the dovecot users reach their paths, nobody lists them
        for sub in ("run", "state", "mail"):
            (self.home / sub).mkdir()
        os.chown(self.home / "mail", dovecot.pw_uid, dovecot.pw_gid)
        (self.home / "users").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n", encoding="utf-8")
        capability = f"imap_capability = {self.capabilities}" if self.capabilities else ""
        tls = f"ssl = yes\nssl_cert = <{self.tls[0]}\nssl_key = <{self.tls[1]}" if self.tls else "ssl = no"
        tls_port = self.tls_port if self.tls else 0
        config = _CONFIG.format(
            base=self.base, home=self.home, port=self.port, tls_port=tls_port, capability=capability, ssl=tls
        )
        (self.base / "dovecot.conf").write_text(config, encoding="utf-8")

    def start(self) -> None:
        self.process = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(self.base / "dovecot.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,  # its own process group, so `stop` can end the children too
        )
        deadline = time.monotonic() + 15
        while not _answers(self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                log_file = self.base / "dovecot.log"
                log = log_file.read_text(errors="replace") if log_file.exists() else ""
                raise RuntimeError(f"dovecot did not start on port {self.port}:\n{log}")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process is None:
            return
        group = self.process.pid
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        # The master leaves its imap processes serving open connections for a while; a restart must
        # drop them, as a crashed or rebooted server would.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGKILL)
        if self.process.stderr is not None:
            self.process.stderr.close()
        self.process = None
        # the master's children may hold the port a moment longer
        deadline = time.monotonic() + 10
        while _answers(self.port) and time.monotonic() < deadline:
            time.sleep(0.05)

    def restart(self) -> None:
        self.stop()
        self.start()

    def remove(self) -> None:
        """Stop the server and delete its mail and sockets."""
        self.stop()
        shutil.rmtree(self.home, ignore_errors=True)
