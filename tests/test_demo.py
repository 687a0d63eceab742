"""`mailflow demo`, `status`, `reprocess` and a worker stopped by SIGTERM, on the embedded defaults."""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from mailflow.store.db import make_engine
from mailflow.store.models import InboundRow, ResponseRow
from tests.appeal import SAMPLE_RECIPIENTS
from tests.conftest import ROOT, Cli

RECIPIENTS = str(SAMPLE_RECIPIENTS)


def count(url: str, table: type) -> int:
    engine = make_engine(url)
    with engine.connect() as connection:
        number = connection.execute(select(func.count()).select_from(table)).scalar_one()
    engine.dispose()
    return int(number)


def test_demo_runs_the_pipeline_and_a_second_run_changes_nothing(cli: Cli, project: Path) -> None:
    first = cli("demo", "--recipients", RECIPIENTS)
    assert first.exit_code == 0, first.output
    assert "appeal: 12 letter(s) written" in first.output
    assert "worker: 11 fetched, 9 recorded, 2 for review, 0 quarantined, 0 already known" in first.output
    assert "replies: 9 of 12 organisations (75%)" in first.output
    assert "#1 ОсОО «Агро-Инвест»: holding, no_stance" in first.output
    assert "#2 Ассоциация поставщиков Кыргызстана: condition" in first.output
    assert len(list((project / "storage" / "outbox").glob("*.eml"))) == 12 + 7  # appeals + acknowledgements
    assert (project / "storage" / "outbox" / "000013-acknowledgement-Ассоциация-Бизнес-Альянс-Ош.eml").is_file()
    assert list((project / "storage" / "digests").glob("digest-*.html"))
    reports = sorted(path.suffix for path in (project / "storage" / "reports").glob("appeal-2023-report-ru-*"))
    assert reports == [".docx", ".html"] and "report: " in first.output
    url = f"sqlite:///{project / 'storage' / 'mailflow.db'}"
    responses = count(url, ResponseRow)

    mail = sorted(p.relative_to(project) for p in (project / "storage").rglob("*") if p.suffix != ".db")

    second = cli("demo", "--recipients", RECIPIENTS)
    assert second.exit_code == 0, second.output
    assert "appeal: 0 letter(s) written" in second.output
    assert "replies: 0 sample messages delivered" in second.output
    assert "worker: 0 fetched, 0 recorded, 0 for review, 0 quarantined, 0 already known" in second.output
    assert count(url, ResponseRow) == responses
    assert count(url, InboundRow) == 11
    # nothing delivered twice: the Maildir's processed folder and the outbox hold what the first run left
    assert sorted(p.relative_to(project) for p in (project / "storage").rglob("*") if p.suffix != ".db") == mail


def test_status_reports_replies_tallies_queue_and_mailbox(cli: Cli) -> None:
    cli("demo", "--recipients", RECIPIENTS)
    result = cli("status")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "replies: 9 of 12 organisations (75%)" in lines
    assert "appeal letters: 1 bounced, 11 sent" in lines
    assert "review queue: 2 open" in lines
    assert any(line.startswith("mailbox maildir:") and line.endswith(", ok") for line in lines)
    # 4.3: five agree; the Osh business alliance disagrees
    assert next(line for line in lines if line.startswith("4.3 ")).split() == ["4.3", "5", "1", "0", "0", "6"]


def test_status_speaks_in_words_not_codes(cli: Cli, project: Path) -> None:
    cli("db", "upgrade")
    cli("recipients", "import", RECIPIENTS)
    lines = cli("status").output.splitlines()
    assert "respondents: 12 not sent" in lines
    assert next(line for line in lines if line.startswith("rec ")).split()[-2:] == ["no", "answer"]


def test_reprocess_reads_stored_messages_again_without_counting_twice(cli: Cli, project: Path) -> None:
    cli("demo", "--recipients", RECIPIENTS)
    url = f"sqlite:///{project / 'storage' / 'mailflow.db'}"
    before = count(url, ResponseRow)
    result = cli("reprocess", "--all")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "2 flagged, 9 recorded"
    assert count(url, ResponseRow) == before


def test_reprocess_without_a_choice_is_a_usage_error(cli: Cli) -> None:
    cli("db", "upgrade")
    result = cli("reprocess")
    assert result.exit_code == 2 and "name message IDs, or --failed, or --all" in result.output


def test_sigterm_stops_the_worker_after_the_message_in_hand(cli: Cli, project: Path) -> None:
    cli("demo", "--recipients", RECIPIENTS)
    env = {**os.environ, **cli.env, "MAILFLOW_WORKER_WAIT_SECONDS": "1", "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-c", "from mailflow.cli import main; main()", "worker"],
        env=env,
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stderr is not None
    ready = selectors.DefaultSelector()
    ready.register(process.stderr, selectors.EVENT_READ)
    started = b""
    deadline = time.monotonic() + 60
    # the worker announces itself once its signal handlers are in place: wait for that line, however slow
    while b"stop with Ctrl-C" not in started and time.monotonic() < deadline and process.poll() is None:
        if ready.select(timeout=1):
            started += os.read(process.stderr.fileno(), 4096)
    ready.close()
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 0, (started + err).decode()
    assert "stopping (SIGTERM)" in err.decode()
