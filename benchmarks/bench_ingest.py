"""Ingest rate: the worker draining a Dovecot folder into the database, next to a bare imapclient FETCH.

Run from the project root:  python benchmarks/bench_ingest.py [--messages 10000] [--database-url URL]

A real Dovecot (tests/worker/dovecot.py) gets N generated replies appended (not timed): answers from the
sample recipients in their own mail clients with texts from the stance corpus, some from senders who are
no recipient, auto-replies and bounces. Then, per folder, the same messages are read twice:

- bare: one imapclient connection, SELECT, UID SEARCH and UID FETCH BODY.PEEK[] in batches of the worker's
  size — the ceiling set by the server and the protocol;
- mailflow: `Worker.cycle()` until the folder is empty, as `mailflow worker` runs it (its default batch, its
  parse processes, one per core): each message stored, parsed, matched, its stances recorded, reviews opened,
  acknowledgements queued, and moved on the server.

The worker runs in a fresh process, so its peak resident memory (ru_maxrss) above what it held before the
drain is the drain's own footprint; the parse processes' resident memory is shown beside it. Measured at N/4
and N, they show whether memory grows with the backlog.
Targets: at least 500 messages/second on SQLite, and a footprint that does not grow with N.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import resource
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from email.utils import parseaddr
from pathlib import Path

from imapclient import IMAPClient
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from mailmaker import BODIES, CLIENTS, Locale, make_reply  # noqa: E402
from score_stances import load_corpus  # noqa: E402

from mailflow.app import App  # noqa: E402
from mailflow.campaign.letter import Campaign  # noqa: E402
from mailflow.lifecycle import LetterStatus  # noqa: E402
from mailflow.mailbox.fetch import DEFAULT_BATCH_MESSAGES  # noqa: E402
from mailflow.settings import load_settings  # noqa: E402
from mailflow.store.db import transaction  # noqa: E402
from mailflow.store.models import InboundRow, LetterRow, ResponseRow  # noqa: E402
from tests.appeal import queue_appeal  # noqa: E402
from tests.worker.dovecot import PASSWORD, USER, Dovecot  # noqa: E402

COMMITTEE = "dialog@committee.example"
BATCH = DEFAULT_BATCH_MESSAGES  # the worker's default batch; the bare loop fetches as many at once
APPEND_CHUNK = 200  # messages per MULTIAPPEND (RFC 3502)
LOCALES: dict[str, Locale] = {"ru": "ru", "en": "en", "ky": "ky"}  # the quote's language; other cases quote ru


@dataclass(frozen=True)
class Appeal:
    """What a recipient's reply refers to: the appeal's Message-ID and the Reply-To it gave them."""

    email: str
    message_id: str
    reply_to: str


@dataclass(frozen=True)
class Drained:
    """What the worker process reports back."""

    seconds: float
    fetched: int
    recorded: int
    flagged: int
    failed: int
    duplicates: int
    stored: int
    stances: int
    rss_before: int  # bytes resident when the drain began
    rss_peak: int  # the process's peak resident bytes when it ended
    readers: int  # parse processes reading ahead
    readers_rss: int  # their resident bytes together, at the end of the drain


# -- the mail -----------------------------------------------------------------------------------------------


def replies(count: int, appeals: list[Appeal], campaign: Campaign, *, seed: int) -> Iterator[bytes]:
    """`count` distinct messages: 85% answers from recipients, 7% from strangers, 6% auto-replies, 2% bounces."""
    rng = random.Random(seed)
    cases = load_corpus(campaign=campaign)
    run = uuid.uuid4().hex[:8]  # Message-IDs unique across runs, so nothing dedupes by accident
    for number in range(count):
        appeal = rng.choice(appeals)
        message_id = f"<bench-{run}-{number}@{appeal.email.partition('@')[2]}>"
        roll = rng.random()
        if roll < 0.02:
            yield _bounce(appeal.email, message_id)
        elif roll < 0.08:
            yield _auto_reply(appeal.email, message_id)
        else:
            case = rng.choice(cases)
            client = rng.choice(CLIENTS)
            stranger = roll < 0.15
            headers = {
                "Message-ID": message_id,
                "To": COMMITTEE if stranger else appeal.reply_to,
                "In-Reply-To": appeal.message_id,
                "References": appeal.message_id,
            }
            yield make_reply(
                case.text,
                client=client,
                body=rng.choice(BODIES),
                locale=LOCALES.get(case.language, "ru"),
                inline=dict(case.pairs) if case.pairs and client != "outlook" else None,
                from_address=f"press{number % 97}@stranger-{number % 13}.example" if stranger else appeal.email,
                headers=headers,
                campaign=campaign,
            )


def _auto_reply(sender: str, message_id: str) -> bytes:
    return (
        f"From: {sender}\r\nTo: {COMMITTEE}\r\nSubject: Automatic reply: Recommendations\r\n"
        f"Message-ID: {message_id}\r\nAuto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\nOut of office until 20 March.\r\n"
    ).encode()


def _bounce(recipient: str, message_id: str) -> bytes:
    return (
        f"From: MAILER-DAEMON@mx.committee.example\r\nTo: {COMMITTEE}\r\n"
        f"Subject: Undelivered Mail Returned to Sender\r\nMessage-ID: {message_id}\r\nMIME-Version: 1.0\r\n"
        "Content-Type: multipart/report; report-type=delivery-status; boundary=B\r\n\r\n"
        "--B\r\nContent-Type: text/plain\r\n\r\nUser unknown\r\n"
        "--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.committee.example\r\n\r\n"
        f"Final-Recipient: rfc822; {recipient}\r\nAction: failed\r\nStatus: 5.1.1\r\n--B--\r\n"
    ).encode()


def append(server: Dovecot, folder: str, messages: Iterator[bytes]) -> tuple[int, int]:
    """MULTIAPPEND everything into `folder`; returns the count and the total size."""
    client = _client(server)
    client.create_folder(folder)
    count = size = 0
    chunk: list[bytes] = []
    for raw in messages:
        chunk.append(raw)
        count, size = count + 1, size + len(raw)
        if len(chunk) == APPEND_CHUNK:
            client.multiappend(folder, chunk)
            chunk = []
    if chunk:
        client.multiappend(folder, chunk)
    client.logout()
    return count, size


def _client(server: Dovecot) -> IMAPClient:
    client = IMAPClient(server.host, server.port, ssl=False, timeout=60)
    client.login(server.user, server.password)
    return client


# -- the two readers ------------------------------------------------------------------------------------------


def bare_fetch(server: Dovecot, folder: str) -> tuple[float, int, int]:
    """Seconds to read every body in `folder` with plain imapclient calls, the count, and the bytes read."""
    start = time.perf_counter()
    client = _client(server)
    client.select_folder(folder, readonly=True)
    uids = client.search(["ALL"])
    count = size = 0
    for i in range(0, len(uids), BATCH):
        for data in client.fetch(uids[i : i + BATCH], ["BODY.PEEK[]"]).values():
            count, size = count + 1, size + len(data[b"BODY[]"])
    client.logout()
    return time.perf_counter() - start, count, size


def prepare(app: App) -> list[Appeal]:
    """A migrated database with the seed campaign, the sample recipients and their appeals sent (to files)."""
    queue_appeal(app)
    app.send_due()
    with transaction(app.sessions()) as session:
        letters = session.scalars(select(LetterRow).where(LetterRow.status == LetterStatus.SENT.value)).all()
        return [Appeal(letter.to_address, letter.message_id, _reply_to(letter.raw)) for letter in letters]


def _reply_to(raw: bytes) -> str:
    for line in raw.split(b"\r\n\r\n", 1)[0].splitlines():
        if line.lower().startswith(b"reply-to:"):
            return parseaddr(line.decode("ascii").partition(":")[2])[1]
    return COMMITTEE


def make_app(port: int, database_url: str, storage: Path, folder: str) -> App:
    """The app as `mailflow worker` builds it, pointed at the benchmark's Dovecot folder and database."""
    environ = {
        "MAILFLOW_DATABASE_URL": database_url,
        "MAILFLOW_STORAGE_DIR": str(storage),
        "MAILFLOW_MAILBOX_KIND": "imap",
        "MAILFLOW_MAILBOX_HOST": Dovecot.host,
        "MAILFLOW_MAILBOX_PORT": str(port),
        "MAILFLOW_MAILBOX_SECURITY": "none",
        "MAILFLOW_MAILBOX_USER": USER,
        "MAILFLOW_MAILBOX_FOLDER": folder,
        "MAILFLOW_IMAP_PASSWORD": PASSWORD,
        "MAILFLOW_WORKER_BATCH": str(BATCH),
    }
    return App(load_settings(None, environ))


def drain(port: int, database_url: str, storage: Path, folder: str) -> Drained:
    """Run the worker until `folder` is empty (in a process of its own: see the module docstring)."""
    app = make_app(port, database_url, storage, folder)
    worker = app.worker(app.campaign())
    totals = {"fetched": 0, "recorded": 0, "flagged": 0, "failed": 0, "duplicates": 0}
    rss_before = _rss()
    start = time.perf_counter()
    while True:
        summary = worker.cycle()
        for key in totals:
            totals[key] += getattr(summary, key)
        if not (summary.more or summary.fetched):
            break
    seconds = time.perf_counter() - start
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    readers = [child.pid for child in multiprocessing.active_children() if child.pid is not None]
    readers_rss = sum(_rss(pid) for pid in readers)
    worker.close()
    with transaction(app.sessions()) as session:
        stored = session.scalar(select(func.count()).select_from(InboundRow)) or 0
        stances = session.scalar(select(func.count()).select_from(ResponseRow)) or 0
    app.close()
    return Drained(seconds, **totals, stored=stored, stances=stances, rss_before=rss_before, rss_peak=rss_peak,
                   readers=len(readers), readers_rss=readers_rss)  # fmt: skip


def _drain_child(args: tuple[int, str, Path, str], results: multiprocessing.SimpleQueue[Drained]) -> None:
    results.put(drain(*args))


def _rss(pid: int | None = None) -> int:
    for line in Path(f"/proc/{pid or 'self'}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


# -- databases ------------------------------------------------------------------------------------------------


def scratch_database(server_url: str | None, folder: Path, name: str) -> str:
    """A new empty database: a file under `folder`, or one created on the PostgreSQL server of `server_url`."""
    if server_url is None:
        return f"sqlite:///{folder / f'{name}.db'}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    database = f"mailflow_bench_{name}_{uuid.uuid4().hex[:8]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{database}"'))
    admin.dispose()
    return make_url(server_url).set(database=database).render_as_string(hide_password=False)


def drop_database(server_url: str | None, database_url: str) -> None:
    if server_url is None:
        return
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{make_url(database_url).database}" WITH (FORCE)'))
    admin.dispose()


# -- the run --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    count: int
    size: int
    bare_seconds: float
    drained: Drained


def measure(server: Dovecot, count: int, server_url: str | None, work: Path) -> Run:
    name = f"n{count}"
    database_url = scratch_database(server_url, work, name)
    try:
        setup = make_app(server.port, database_url, work / name, name)
        appeals = prepare(setup)
        campaign = setup.campaign()
        setup.close()
        appended, size = append(server, name, replies(count, appeals, campaign, seed=count))
        bare_seconds, bare_count, _ = bare_fetch(server, name)
        if bare_count != appended:
            raise RuntimeError(f"the bare FETCH read {bare_count} of {appended} messages")
        spawn = multiprocessing.get_context("spawn")
        results: multiprocessing.SimpleQueue[Drained] = spawn.SimpleQueue()
        child = spawn.Process(target=_drain_child, args=((server.port, database_url, work / name, name), results))
        child.start()
        drained = results.get()
        child.join()
        if drained.stored != appended:
            raise RuntimeError(f"the worker stored {drained.stored} of {appended} messages")
        return Run(appended, size, bare_seconds, drained)
    finally:
        drop_database(server_url, database_url)


def report(runs: list[Run], backend: str) -> None:
    mb = 1024 * 1024
    largest = runs[-1]
    print(f"{largest.count} replies of {largest.size // largest.count} bytes on average, appended to Dovecot "
          f"on 127.0.0.1; worker batch {BATCH}, database {backend}")  # fmt: skip
    header = "".join(f"{f'N = {run.count}':>16}" for run in runs)
    print(f"{'':34}{header}")
    rows = [
        ("bare imapclient FETCH (msg/s)", [run.count / run.bare_seconds for run in runs], "{:16.0f}"),
        ("mailflow worker (msg/s)", [run.count / run.drained.seconds for run in runs], "{:16.0f}"),
        ("ratio worker / bare", [run.bare_seconds / run.drained.seconds for run in runs], "{:16.2f}"),
        ("worker RSS before drain (MB)", [run.drained.rss_before / mb for run in runs], "{:16.1f}"),
        ("worker peak RSS growth (MB)", [(run.drained.rss_peak - run.drained.rss_before) / mb for run in runs],
         "{:16.1f}"),
        ("parse processes", [run.drained.readers for run in runs], "{:16d}"),
        ("their RSS together (MB)", [run.drained.readers_rss / mb for run in runs], "{:16.1f}"),
    ]  # fmt: skip
    for label, values, form in rows:
        print(f"{label:34}" + "".join(form.format(v) for v in values))
    d = largest.drained
    print(f"at N = {largest.count}: {d.recorded} recorded, {d.flagged} flagged for review, {d.failed} failed, "
          f"{d.duplicates} duplicates; {d.stances} current stances")  # fmt: skip
    rate = largest.count / d.seconds
    if backend.startswith("SQLite"):
        print(f"target: >= 500 msg/s on SQLite — {'met' if rate >= 500 else 'not met'} ({rate:.0f} msg/s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000, help="N, the larger backlog (N/4 runs too)")
    parser.add_argument("--database-url", help="a PostgreSQL server URL: a scratch database is made there per run")
    args = parser.parse_args()
    counts = [max(args.messages // 4, 1), args.messages]
    with tempfile.TemporaryDirectory(prefix="mailflow-bench-") as folder:
        work = Path(folder)
        server = Dovecot(work / "dovecot")
        server.start()
        try:
            runs = [measure(server, count, args.database_url, work) for count in counts]
        finally:
            server.remove()
    report(runs, "PostgreSQL" if args.database_url else "SQLite (WAL)")


if __name__ == "__main__":
    main()
