"""Run by the crash test in its own process, to be killed mid-batch: sends every due letter and exits.

Usage: python sender_child.py DATABASE_URL SMTP_PORT LOCK_PATH LETTERS_PER_COMMIT
"""

from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy.orm import sessionmaker

from mailflow.sending.outbox import SystemClock, send_queued
from mailflow.sending.smtp import SmtpSender
from mailflow.store.db import make_engine


def main(url: str, port: str, lock: str, letters_per_commit: str) -> None:
    factory = sessionmaker(make_engine(url), expire_on_commit=False)
    with SmtpSender("127.0.0.1", int(port), security="none", timeout=10) as sender:
        send_queued(
            factory,
            sender,
            SystemClock(),
            mail_from="dialog@committee.example",
            lock_path=Path(lock),
            letters_per_commit=int(letters_per_commit),
        )


if __name__ == "__main__":
    main(*sys.argv[1:5])
