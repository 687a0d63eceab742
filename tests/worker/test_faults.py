"""Faults the worker must survive without losing or double-counting a reply.

The worker runs as a real process and is killed with SIGKILL at random moments in the middle of its
batches, then restarted; the IMAP server is restarted under a running worker. The end state is compared
with a reference: the same mail read once by an undisturbed worker.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from mailflow.app import App
from mailflow.campaign.recipients import read_recipients_file
from mailflow.lifecycle import LetterStatus
from mailflow.sending.compose import LetterKind
from mailflow.settings import load_settings
from mailflow.store.db import make_engine
from mailflow.store.models import (
    InboundRow,
    LetterRow,
    MailboxStateRow,
    RecipientRow,
    RecommendationRow,
    ResponseRow,
    ReviewItemRow,
)
from tests.appeal import SAMPLE_RECIPIENTS, queue_appeal
from tests.conftest import ROOT
from tests.mailmaker import CLIENTS, make_reply
from tests.worker.conftest import CONSULTATION, DovecotFactory, admin_client, deliver
from tests.worker.dovecot import Dovecot

FOLDER = CONSULTATION
TEXTS = (
    "Поддерживаем все рекомендации.",
    "Согласны со всеми рекомендациями, кроме 4.3: такой совет уже есть при мэрии.",
    "1.1 — согласны\n2.1 — частично, только обмен опытом\n4.3 — не согласны",
    "Спасибо, обсудим на правлении и ответим.",
    "We support all recommendations of sections 1 and 4.",
    "Бардык сунуштар менен макулбуз.",
    "По 3.5 воздерживаемся, остальные поддерживаем.",
)
MESSAGES = 300  # 20 batches of 15
KILLS = 8


def environ(database_url: str, storage: Path, dovecot: Dovecot, *, wait: int = 1) -> dict[str, str]:
    return {
        "MAILFLOW_DATABASE_URL": database_url,
        "MAILFLOW_STORAGE_DIR": str(storage),
        "MAILFLOW_MAILBOX_KIND": "imap",
        "MAILFLOW_MAILBOX_HOST": dovecot.host,
        "MAILFLOW_MAILBOX_PORT": str(dovecot.port),
        "MAILFLOW_MAILBOX_SECURITY": "none",
        "MAILFLOW_MAILBOX_USER": dovecot.user,
        "MAILFLOW_IMAP_PASSWORD": dovecot.password,
        "MAILFLOW_MAILBOX_FOLDER": FOLDER,
        "MAILFLOW_WORKER_BATCH": "15",
        "MAILFLOW_WORKER_WAIT_SECONDS": str(wait),
        "MAILFLOW_CAMPAIGN_FILE": str(ROOT / "config" / "campaigns" / "appeal-2023.toml"),
    }


def prepare(env: dict[str, str]) -> App:
    """A migrated database with the sample recipients, the appeal "sent" into the outbox folder."""
    app = App(load_settings(None, env))
    queue_appeal(app)
    assert app.send_due().count(LetterStatus.SENT) == 12
    return app


def replies(count: int, seed: int) -> list[bytes]:
    """`count` replies from the sample organisations, in every client style; one of them sent twice."""
    rng = random.Random(seed)
    senders = [entry.email for entry in read_recipients_file(SAMPLE_RECIPIENTS)]
    made = [
        make_reply(
            rng.choice(TEXTS),
            client=CLIENTS[n % len(CLIENTS)] if CLIENTS[n % len(CLIENTS)] != "outlook" else "gmail",
            from_address=rng.choice(senders),
            headers={"Message-ID": f"<fault-{seed}-{n}@ngo.example>"},
        )
        for n in range(count)
    ]
    return [*made, made[0]]


def left_in_folder(dovecot: Dovecot) -> int:
    client = admin_client(dovecot)
    count = int(client.select_folder(FOLDER, readonly=True)[b"EXISTS"])
    client.logout()
    return count


def outcome(database_url: str) -> dict[str, object]:
    """What the committee would see: every stance, every review item, every message's status."""
    engine = make_engine(database_url)
    with engine.connect() as connection:
        stances = sorted(
            connection.execute(
                select(RecipientRow.email, RecommendationRow.rec_id, ResponseRow.stance, ResponseRow.reason)
                .join(RecipientRow, RecipientRow.id == ResponseRow.recipient_id)
                .join(RecommendationRow, RecommendationRow.id == ResponseRow.recommendation_id)
            ).all()
        )
        messages = sorted(connection.execute(select(InboundRow.dedupe_key, InboundRow.status)).all())
        reviews = connection.execute(select(func.count()).select_from(ReviewItemRow)).scalar_one()
        acks = connection.execute(
            select(func.count()).select_from(LetterRow).where(LetterRow.kind == LetterKind.ACKNOWLEDGEMENT.value)
        ).scalar_one()
    engine.dispose()
    return {"stances": stances, "messages": messages, "reviews": reviews, "acknowledgements": acks}


def worker_process(env: dict[str, str], cwd: Path, *args: str) -> subprocess.Popen[bytes]:
    code = "from mailflow.cli import main; main()"
    return subprocess.Popen(
        [sys.executable, "-c", code, "worker", *args],
        env={**os.environ, **env, "PYTHONPATH": str(ROOT)},
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def kill_at_random(process: subprocess.Popen[bytes], dovecot: Dovecot, rng: random.Random) -> None:
    """SIGKILL at a random moment of the worker's work, never in its imports (about a second, which a kill
    would only interrupt): half the time in its first batch (the lease, the fetch, the readers starting,
    storing, recording), half the time once it has filed a batch, anywhere in one of the next few."""
    assert process.stderr is not None
    line = process.stderr.readline()  # "worker on ...": set up, the first cycle next
    assert line.startswith(b"worker on "), line.decode() + process.communicate()[1].decode()
    if rng.random() < 0.5:
        time.sleep(rng.uniform(0.0, 1.0))
    else:
        before = left_in_folder(dovecot)
        deadline = time.monotonic() + 30
        while left_in_folder(dovecot) == before and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(rng.uniform(0.0, 0.3))  # a batch takes about 0.1 s once the readers run
    process.kill()
    process.communicate()


def drain(env: dict[str, str], cwd: Path, dovecot: Dovecot) -> None:
    """One worker, undisturbed, until the folder is empty; then stopped as an operator stops it (SIGTERM).

    A running worker goes from batch to batch at once; `--once` would pay a process start (imports, readers)
    for every batch of 15."""
    process = worker_process(env, cwd)
    try:
        deadline = time.monotonic() + 60  # undisturbed, 300 messages take about 5 s
        while left_in_folder(dovecot) and time.monotonic() < deadline:
            assert process.poll() is None, process.communicate()[1].decode()
            time.sleep(0.1)
        process.terminate()
        _, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 0, err.decode()
    assert left_in_folder(dovecot) == 0, "the worker did not finish the folder"


def read_undisturbed(tmp_path: Path, dovecot: Dovecot, messages: list[bytes]) -> dict[str, object]:
    """The same mail read by one worker that nobody disturbs."""
    url = f"sqlite:///{tmp_path / 'reference.db'}"
    env = environ(url, tmp_path / "reference-storage", dovecot)
    prepare(env).close()
    deliver(dovecot, messages)
    drain(env, tmp_path, dovecot)
    return outcome(url)


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Callable[[int], dict[str, object]]:
    """`reference(seed)`: the end state of that seed's mail read undisturbed. It is always read into SQLite,
    whatever database the disturbed worker uses, so it is read once and each database's case compares with it."""
    known: dict[int, dict[str, object]] = {}

    def read(seed: int) -> dict[str, object]:
        if seed not in known:
            base = tmp_path_factory.mktemp(f"reference-{seed}")
            server = Dovecot(base / "dovecot")
            server.start()
            try:
                known[seed] = read_undisturbed(base, server, replies(MESSAGES, seed))
            finally:
                server.remove()
        return known[seed]

    return read


@pytest.mark.parametrize("seed", [1])
def test_worker_killed_at_random_points_loses_nothing_and_counts_nothing_twice(
    tmp_path: Path,
    database_url: str,
    dovecot_factory: DovecotFactory,
    reference: Callable[[int], dict[str, object]],
    seed: int,
) -> None:
    messages = replies(MESSAGES, seed)
    expected = reference(seed)

    dovecot = dovecot_factory()
    env = environ(database_url, tmp_path / "storage", dovecot)
    prepare(env).close()
    deliver(dovecot, messages)
    rng = random.Random(seed)
    mid_batch = 0  # kills that left a message stored but not yet filed: the window that matters
    for _ in range(KILLS):
        if left_in_folder(dovecot) == 0:
            break
        kill_at_random(worker_process(env, tmp_path), dovecot, rng)
        stored = len(outcome(database_url)["messages"])  # type: ignore[arg-type]
        # every copy filed is a distinct message stored (the second copy of the first one is the last to come)
        mid_batch += stored > len(messages) - left_in_folder(dovecot)
    drain(env, tmp_path, dovecot)
    assert mid_batch >= 1, "no kill landed between storing and filing: give the worker more mail"
    assert outcome(database_url) == expected


def test_imap_server_restarted_under_a_running_worker(tmp_path: Path, database_url: str, dovecot: Dovecot) -> None:
    env = environ(database_url, tmp_path / "storage", dovecot)
    app = prepare(env)
    worker = app.worker(app.campaign())
    runner = threading.Thread(target=worker.run, kwargs={"wait_seconds": 1, "max_backoff": 1})
    runner.start()
    try:
        deliver(dovecot, replies(20, 2)[:10])
        dovecot.restart()  # mid-fetch or mid-wait: the worker must back off and reconnect
        deliver(dovecot, replies(20, 2)[10:])
        deadline = time.monotonic() + 60
        while left_in_folder(dovecot) and time.monotonic() < deadline:
            time.sleep(0.5)
    finally:
        worker.stop.set()
        runner.join(timeout=30)
        app.close()
    assert left_in_folder(dovecot) == 0
    statuses = [status for _, status in outcome(database_url)["messages"]]  # type: ignore[attr-defined]
    assert len(statuses) == 20 and set(statuses) <= {"recorded", "flagged"}


def polled(database_url: str) -> bool:
    """Whether a worker has finished a cycle: its poll is recorded just before it waits for mail."""
    engine = make_engine(database_url)
    with engine.connect() as connection:
        found = connection.execute(
            select(MailboxStateRow.last_poll_at).where(MailboxStateRow.last_poll_at.is_not(None))
        )
        done = found.first() is not None
    engine.dispose()
    return done


def lease_holders(database_url: str) -> list[str | None]:
    engine = make_engine(database_url)
    with engine.connect() as connection:
        holders = list(connection.execute(select(MailboxStateRow.lease_holder)).scalars())
    engine.dispose()
    return holders


STOP_SECONDS = 5.0  # a platform sends SIGKILL this long after SIGTERM at the soonest (Docker 10 s, Heroku 30 s)


def test_worker_stops_within_seconds_of_sigterm_while_waiting_for_mail(
    tmp_path: Path, database_url: str, dovecot: Dovecot
) -> None:
    """A worker in IMAP IDLE on an empty folder, with the default wait of 60 s, ends the wait at SIGTERM and
    exits cleanly (the lease given back), instead of when the wait runs out, after the platform's SIGKILL."""
    env = environ(database_url, tmp_path / "storage", dovecot, wait=60)
    prepare(env).close()
    deliver(dovecot, [])  # the folder, empty
    process = worker_process(env, tmp_path)
    try:
        deadline = time.monotonic() + 30
        while not polled(database_url) and time.monotonic() < deadline:
            assert process.poll() is None, process.communicate()[1].decode()
            time.sleep(0.05)
        assert polled(database_url), "the worker never finished its first cycle"
        time.sleep(0.5)  # from the recorded poll into IDLE: a SEARCH and the IDLE command
        started = time.monotonic()
        process.terminate()
        try:
            process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            pytest.fail(f"the worker still ran {STOP_SECONDS:.0f} s after SIGTERM")
        took = time.monotonic() - started
    finally:
        process.kill()
        _, err = process.communicate()
    assert process.returncode == 0, err.decode()
    assert b"stopping (SIGTERM)" in err
    assert lease_holders(database_url) == [None], "the lease was not given back: no clean stop"
    print(f"SIGTERM to exit: {took:.2f} s")
