"""The sender killed with SIGKILL mid-batch, again and again, then run to the end: counted at the server,
every letter arrives exactly once, except those marked uncertain, which arrive at most once; a kill leaves at
most one group of letters (`letters_per_commit`) uncertain."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import jinja2
from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker

from mailflow.campaign.letter import Audience, Campaign
from mailflow.campaign.recipients import RecipientEntry
from mailflow.lifecycle import LetterStatus
from mailflow.sending.compose import LetterKind
from mailflow.sending.outbox import list_letters, queue_letters
from mailflow.settings import SmtpSettings
from mailflow.store.campaigns import sync_campaign
from mailflow.store.db import make_engine, transaction, upgrade
from mailflow.store.recipients import import_recipients
from tests.sending.conftest import SENDER, FakeClock
from tests.servers import SmtpSink

CHILD = Path(__file__).with_name("sender_child.py")
ROUNDS = 10
GROUP = SmtpSettings().letters_per_commit  # the default: letters handed over with one commit
LETTERS = 60 + ROUNDS * GROUP  # a kill may leave a whole group uncertain, most of it not yet begun


def _start(url: str, server: SmtpSink, lock: Path, group: int = GROUP) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    return subprocess.Popen(
        [sys.executable, str(CHILD), url, str(server.port), str(lock), str(group)], env=env, stderr=subprocess.PIPE
    )


def _queued(database_url: str, env: jinja2.Environment, campaign: Campaign, letters: int, clock: FakeClock) -> Engine:
    """The database at `database_url`, migrated, with an appeal queued to each of `letters` recipients."""
    engine = make_engine(database_url)  # on both databases: the ledger's autocommit statements differ in kind
    upgrade(engine)
    entries = [
        RecipientEntry(f"Org {i}", f"Contact {i}", f"r{i}@example.org", Audience.CSO, "", "ru") for i in range(letters)
    ]
    with transaction(sessionmaker(engine, expire_on_commit=False)) as session:
        import_recipients(session, sync_campaign(session, campaign), entries)
        queue_letters(session, env, campaign, LetterKind.APPEAL, SENDER, now=clock.now())
    return engine


def test_sigkill_mid_batch_never_sends_a_letter_twice(
    database_url: str,
    env: jinja2.Environment,
    campaign: Campaign,
    smtp_server: SmtpSink,
    clock: FakeClock,
    tmp_path: Path,
) -> None:
    engine = _queued(database_url, env, campaign, LETTERS, clock)
    factory = sessionmaker(engine, expire_on_commit=False)
    url = database_url
    lock = tmp_path / "send.lock"
    rng = random.Random(5)
    killed = 0
    for round_number in range(ROUNDS):
        # the server takes a moment over each letter, as real ones do: in odd rounds over RCPT (a kill then
        # leaves the letter queued, or `sending` and uncertain once its commit point is written, which happens
        # while the envelope goes out), in even rounds after the final dot (uncertain)
        smtp_server.delay, smtp_server.rcpt_delay = (0.005, 0.0) if round_number % 2 == 0 else (0.0, 0.005)
        before = len(smtp_server.received)
        child = _start(url, smtp_server, lock)
        deadline = time.monotonic() + 30
        while len(smtp_server.received) == before and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
        time.sleep(rng.uniform(0, 0.04))
        child.send_signal(signal.SIGKILL)
        _, stderr = child.communicate(timeout=30)
        if child.returncode == -signal.SIGKILL:
            killed += 1
        else:
            assert child.returncode == 0, stderr.decode()
    assert killed >= ROUNDS // 2, "the kills should land mid-batch"
    smtp_server.delay = smtp_server.rcpt_delay = 0.0

    final = _start(url, smtp_server, lock)
    _, stderr = final.communicate(timeout=120)
    assert final.returncode == 0, stderr.decode()

    with transaction(factory) as session:
        letters = list_letters(session)
    counts = smtp_server.by_message_id()
    by_status: dict[LetterStatus, int] = {}
    for letter in letters:
        by_status[letter.status] = by_status.get(letter.status, 0) + 1
        arrived = counts.get(letter.message_id, 0)
        if letter.status is LetterStatus.SENT:
            assert arrived == 1, letter
        else:
            assert letter.status is LetterStatus.UNCERTAIN, letter
            assert arrived <= 1, letter
    assert len(letters) == LETTERS
    assert sum(counts.values()) == len(smtp_server.received) <= LETTERS
    assert set(counts) <= {v.message_id for v in letters}
    uncertain_arrived = sum(counts.get(v.message_id, 0) for v in letters if v.status is LetterStatus.UNCERTAIN)
    assert by_status.get(LetterStatus.UNCERTAIN, 0) <= killed * GROUP  # at most the group in flight per kill
    print(f"{killed} kills: {by_status}, {uncertain_arrived} uncertain arrived")
    engine.dispose()


def test_a_kill_mid_group_leaves_that_group_uncertain_and_sends_none_of_it_twice(
    database_url: str,
    env: jinja2.Environment,
    campaign: Campaign,
    smtp_server: SmtpSink,
    clock: FakeClock,
    tmp_path: Path,
) -> None:
    """Groups of 4: the third letter's RCPT is never answered and the sender is killed there. The first group
    was handed over with one commit before the first letter's final dot, so all four are `sending`: two
    arrived (their `sent` rides on the next group's commit, which never came), one was cut off before its dot,
    one never begun. The next run lists those four as uncertain, sends none of them again and sends the rest."""
    group, letters = 4, 10
    engine = _queued(database_url, env, campaign, letters, clock)
    factory = sessionmaker(engine, expire_on_commit=False)
    lock = tmp_path / "send.lock"
    smtp_server.rcpt_replies.extend(["250 OK", "250 OK", "hang"])
    child = _start(database_url, smtp_server, lock, group)
    assert smtp_server.hanging.wait(timeout=30)
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL
    with transaction(factory) as session:
        first = list_letters(session)
    assert [v.status for v in first] == [LetterStatus.SENDING] * group + [LetterStatus.QUEUED] * (letters - group)
    assert len(smtp_server.received) == 2

    final = _start(database_url, smtp_server, lock, group)
    _, stderr = final.communicate(timeout=120)
    assert final.returncode == 0, stderr.decode()
    with transaction(factory) as session:
        after = list_letters(session)
    assert [v.status for v in after] == [LetterStatus.UNCERTAIN] * group + [LetterStatus.SENT] * (letters - group)
    counts = smtp_server.by_message_id()
    assert [counts.get(v.message_id, 0) for v in after] == [1, 1, 0, 0] + [1] * (letters - group)
    engine.dispose()
