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
from pathlib import Path

import pytest
from sqlalchemy import func, select

from mailflow.app import App
from mailflow.campaign.recipients import read_recipients_file
from mailflow.lifecycle import LetterStatus
from mailflow.sending.compose import LetterKind
from mailflow.settings import load_settings
from mailflow.store.db import make_engine
from mailflow.store.models import InboundRow, LetterRow, RecipientRow, RecommendationRow, ResponseRow, ReviewItemRow
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


def drain(env: dict[str, str], cwd: Path, dovecot: Dovecot) -> None:
    for _ in range(30):
        if left_in_folder(dovecot) == 0:
            return
        process = worker_process(env, cwd, "--once")
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err.decode()
    raise AssertionError("the worker did not finish the folder")


def reference(tmp_path: Path, dovecot: Dovecot, messages: list[bytes]) -> dict[str, object]:
    """The same mail read by one worker that nobody disturbs."""
    url = f"sqlite:///{tmp_path / 'reference.db'}"
    env = environ(url, tmp_path / "reference-storage", dovecot)
    prepare(env).close()
    deliver(dovecot, messages)
    drain(env, tmp_path, dovecot)
    return outcome(url)


@pytest.mark.parametrize("seed", [1])
def test_worker_killed_at_random_points_loses_nothing_and_counts_nothing_twice(
    tmp_path: Path, database_url: str, dovecot_factory: DovecotFactory, seed: int
) -> None:
    messages = replies(300, seed)
    expected = reference(tmp_path, dovecot_factory(), messages)

    dovecot = dovecot_factory()
    env = environ(database_url, tmp_path / "storage", dovecot)
    prepare(env).close()
    deliver(dovecot, messages)
    rng = random.Random(seed)
    mid_batch = 0  # kills that left a message stored but not yet filed: the window that matters
    for _ in range(12):
        if left_in_folder(dovecot) == 0:
            break
        process = worker_process(env, tmp_path)
        time.sleep(rng.uniform(1.0, 2.5))
        process.kill()
        process.communicate()
        stored = len(outcome(database_url)["messages"])  # type: ignore[arg-type]
        mid_batch += stored > len(messages) - 1 - left_in_folder(dovecot)
    drain(env, tmp_path, dovecot)
    assert mid_batch >= 1, "no kill landed between storing and filing: give the worker more mail"
    assert outcome(database_url) == expected
    assert left_in_folder(dovecot) == 0


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
