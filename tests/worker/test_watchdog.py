"""The watchdog and the worker's resilience: a reading past its limit is ended and its message quarantined, a
stop ends the reading in hand at once, readers die with their worker, and a locked database is waited for."""

from __future__ import annotations

import mailbox
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from mailflow.app import App
from mailflow.campaign.letter import Campaign
from mailflow.lifecycle import MessageStatus
from mailflow.reading.classify import OwnIdentity
from mailflow.reading.mime import ParseLimits
from mailflow.receiving.ingest import Reading
from mailflow.receiving.parse_pool import Interrupted, Overran, ParsePool
from mailflow.store.db import transaction
from mailflow.store.models import InboundRow, ReviewItemRow
from tests.hostile.messages import plain
from tests.mailmaker import make_reply

OWN = OwnIdentity(address="dialog@committee.example", domain="committee.example")
LIMITS = ParseLimits()
# twenty megabytes of short lines (under the 30 MB message limit): the MIME parser takes 1.6 s over them on an
# idle machine, about 3 s at load 6, linearly (8 MB, 1.3 s, no longer was once the stance stage became linear)
SLOW = plain("--B\r\n" * 4_000_000)


def _agree(sender: str, number: int) -> bytes:
    return make_reply("Согласны со всеми рекомендациями.", from_address=sender,
                      headers={"Message-ID": f"<watch-{number}@example.org>"})  # fmt: skip


def test_a_reading_past_its_limit_is_ended_and_the_next_message_is_read(campaign: Campaign) -> None:
    pool = ParsePool(0, read_seconds=0.5)
    pool.read_one(b"Subject: warm-up\r\n\r\nx", campaign, LIMITS, OWN)  # the reader is started, as in a run
    started = time.monotonic()
    slow = pool.read_one(SLOW, campaign, LIMITS, OWN)
    stopped_after = time.monotonic() - started
    normal = pool.read_ahead({1: _agree("umut@umut-fund.example", 1)}, campaign, LIMITS, OWN).get(1)
    pool.close()
    assert isinstance(slow, Overran) and "over 0.5 s" in slow.reason
    assert stopped_after < 2.0
    assert isinstance(normal, Reading) and normal.parsed.kind.value == "reply"


def test_a_chunk_past_its_limit_in_the_pool_costs_only_its_slow_message(campaign: Campaign) -> None:
    # a chunk of four messages gets 4 × 0.25 s: the slow one overruns it even on an idle machine (1.6 s), the
    # normal ones take milliseconds (with 0.5 s each an idle machine read the slow one inside the 2 s budget)
    pool = ParsePool(2, min_batch=4, read_seconds=0.25)
    raws = {n: _agree("umut@umut-fund.example", n) for n in range(8)} | {5: SLOW}
    ahead = pool.read_ahead(raws, campaign, LIMITS, OWN)
    readings = [ahead.get(n) for n in range(8)]
    pool.close()
    assert [n for n, r in enumerate(readings) if isinstance(r, Overran)] == [5]
    assert all(isinstance(r, Reading) for n, r in enumerate(readings) if n != 5)


def test_a_stop_ends_the_reading_in_hand_within_two_seconds(campaign: Campaign) -> None:
    stop = threading.Event()
    pool = ParsePool(0, read_seconds=60, stop=stop)
    pool.read_one(b"Subject: warm-up\r\n\r\nx", campaign, LIMITS, OWN)
    threading.Timer(0.3, stop.set).start()
    started = time.monotonic()
    result = pool.read_one(SLOW, campaign, LIMITS, OWN)
    pool.close()
    assert isinstance(result, Interrupted)
    assert time.monotonic() - started < 2.0


def test_the_worker_quarantines_a_message_whose_reading_overran_and_records_the_rest(app: App, tmp_path: Path) -> None:
    inbox = mailbox.Maildir(tmp_path / "maildir", create=True)
    inbox.add(SLOW)
    inbox.add(_agree("umut@umut-fund.example", 1))
    worker = app.worker(app.campaign())
    worker = replace(worker, pool=ParsePool(0, read_seconds=0.5))
    summary = worker.cycle()
    worker.close()

    assert (summary.fetched, summary.recorded, summary.failed) == (2, 1, 1)
    with transaction(app.sessions()) as session:
        failed = session.scalars(select(InboundRow).where(InboundRow.status == MessageStatus.FAILED.value)).one()
        assert failed.last_error is not None and "reading took over 0.5 s" in failed.last_error
        assert session.scalars(select(ReviewItemRow.reasons)).one()[0]["code"] == "processing_failed"


def test_a_stopped_worker_leaves_the_message_in_hand_stored_for_the_next_run(app: App, tmp_path: Path) -> None:
    mailbox.Maildir(tmp_path / "maildir", create=True).add(SLOW)
    worker = app.worker(app.campaign())
    worker = replace(worker, pool=ParsePool(0, read_seconds=60))
    threading.Timer(0.5, worker.stop.set).start()
    started = time.monotonic()
    summary = worker.cycle()
    worker.close()

    assert time.monotonic() - started < 3 and summary.failed == 0
    with transaction(app.sessions()) as session:
        assert session.scalars(select(InboundRow.status)).all() == [MessageStatus.STORED.value]


_ORPHAN = """
import sys, time
from pathlib import Path
from mailflow.campaign.letter import load_campaign
from mailflow.reading.classify import OwnIdentity
from mailflow.reading.mime import ParseLimits
from mailflow.receiving.parse_pool import ParsePool
from tests.mailmaker import make_reply
campaign = load_campaign(Path(sys.argv[1]))
own = OwnIdentity(address="dialog@committee.example", domain="committee.example")
pool = ParsePool(2, min_batch=4)
ahead = pool.read_ahead({n: make_reply("Согласны.") for n in range(40)}, campaign, ParseLimits(), own)
[ahead.get(n) for n in range(40)]
pool.read_one(make_reply("Да."), campaign, ParseLimits(), own)
import multiprocessing
print(" ".join(str(p.pid) for p in multiprocessing.active_children()), flush=True)
time.sleep(60)
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to see the reader processes")
def test_readers_exit_when_their_worker_is_killed() -> None:
    root = Path(__file__).resolve().parents[2]
    campaign_file = root / "config" / "campaigns" / "appeal-2023.toml"
    worker = subprocess.Popen(
        [sys.executable, "-c", _ORPHAN, str(campaign_file)], stdout=subprocess.PIPE, text=True, cwd=root
    )
    assert worker.stdout is not None
    with worker.stdout:
        readers = [int(pid) for pid in worker.stdout.readline().split()]
    assert len(readers) == 3  # two in the pool, one the watchdog's
    worker.kill()
    worker.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in readers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in readers if _alive(pid)]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_worker_waits_for_a_locked_database_instead_of_exiting(app: App, tmp_path: Path) -> None:
    """`BEGIN EXCLUSIVE` from another process for longer than SQLite's busy timeout (10 s): the run backs off
    and records the message once the lock is gone."""
    mailbox.Maildir(tmp_path / "maildir", create=True).add(_agree("umut@umut-fund.example", 1))
    worker = app.worker(app.campaign())
    database = str(app.engine.url.database)
    lock = sqlite3.connect(database, isolation_level=None, timeout=1)
    lock.execute("BEGIN EXCLUSIVE")
    thread = threading.Thread(target=worker.run, kwargs={"wait_seconds": 0.2, "max_backoff": 1.0}, daemon=True)
    thread.start()
    time.sleep(12)
    assert thread.is_alive()  # it waited, it did not exit
    lock.execute("ROLLBACK")
    lock.close()
    deadline = time.monotonic() + 30
    recorded: list[str] = []
    while time.monotonic() < deadline and recorded != [MessageStatus.RECORDED.value]:
        time.sleep(0.5)
        with transaction(app.sessions()) as session:
            recorded = list(session.scalars(select(InboundRow.status)))
    worker.stop.set()
    thread.join(timeout=10)
    assert recorded == [MessageStatus.RECORDED.value] and not thread.is_alive()
