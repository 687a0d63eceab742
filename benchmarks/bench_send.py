"""Letters per second through the outbox next to a bare smtplib loop, to the same local SMTP server.

Both send the same prepared messages over one connection. The outbox also commits twice per letter
(`sending` before the final dot, `sent` after the 250) and sends RSET between letters: that is the price of
never sending twice, and it should cost at most half the bare rate.

Run: python benchmarks/bench_send.py [--letters 300] [--rounds 3]
"""

from __future__ import annotations

import argparse
import smtplib
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import sessionmaker

from mailflow.campaign.letter import Audience, load_campaign
from mailflow.campaign.recipients import RecipientEntry
from mailflow.lifecycle import LetterStatus
from mailflow.sending.compose import SHIPPED_TEMPLATES, LetterKind, template_environment
from mailflow.sending.outbox import SystemClock, queue_letters, send_queued
from mailflow.sending.smtp import SmtpSender
from mailflow.settings import SenderSettings
from mailflow.store.campaigns import sync_campaign
from mailflow.store.db import make_engine, transaction, upgrade
from mailflow.store.models import LetterRow
from mailflow.store.recipients import import_recipients

ROOT = Path(__file__).resolve().parent.parent
SENDER = SenderSettings()


def _wait_for(port: int) -> None:
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    port = free_port()
    # the server runs in its own process, as a real one would: in this process it would compete with
    # the client for the GIL and slow down whichever side makes more round trips
    server = subprocess.Popen(
        [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Sink"]
    )
    _wait_for(port)
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/bench.db")
        upgrade(engine)
        factory = sessionmaker(engine, expire_on_commit=False)
        campaign = load_campaign(ROOT / "config" / "campaigns" / "appeal-2023.toml")
        entries = [
            RecipientEntry(f"Org {i}", f"Contact {i}", f"r{i}@example.org", Audience.CSO, "", "ru")
            for i in range(args.letters)
        ]
        with transaction(factory) as session:
            import_recipients(session, sync_campaign(session, campaign), entries)
            env = template_environment(SHIPPED_TEMPLATES)
            clock = SystemClock()
            queue_letters(session, env, campaign, LetterKind.APPEAL, SENDER, now=clock.now())
        with transaction(factory) as session:
            prepared = [(r.to_address, r.raw) for r in session.scalars(select(LetterRow).order_by(LetterRow.id))]

        bare_rates, outbox_rates = [], []
        for _ in range(args.rounds):  # alternate, so a noisy moment on the machine hits both
            start = time.perf_counter()
            with smtplib.SMTP("127.0.0.1", port) as bare:
                for to, raw in prepared:
                    bare.sendmail(SENDER.address, [to], raw)
            bare_rates.append(len(prepared) / (time.perf_counter() - start))

            with transaction(factory) as session:
                session.execute(update(LetterRow).values(status=LetterStatus.QUEUED.value, attempts=0))
            start = time.perf_counter()
            with SmtpSender("127.0.0.1", port, security="none") as sender:
                summary = send_queued(
                    factory, sender, clock, mail_from=SENDER.address, lock_path=Path(folder) / "send.lock"
                )
            outbox_rates.append(len(prepared) / (time.perf_counter() - start))
            assert summary.count(LetterStatus.SENT) == len(prepared), summary
        engine.dispose()
    server.terminate()
    server.wait()

    size = sum(len(raw) for _, raw in prepared) // len(prepared)
    print(f"{len(prepared)} letters of {size} bytes to aiosmtpd (own process) on 127.0.0.1, one connection each")
    bare_rate, outbox_rate = statistics.median(bare_rates), statistics.median(outbox_rates)
    print(f"bare smtplib loop:  {bare_rate:8.1f} letters/s  (median of {args.rounds} runs)")
    print(f"mailflow outbox:    {outbox_rate:8.1f} letters/s  (SQLite in WAL mode, 2 commits a letter, RSET between)")
    print(f"ratio:              {outbox_rate / bare_rate:8.2f}  (target >= 0.5)")


if __name__ == "__main__":
    main()
