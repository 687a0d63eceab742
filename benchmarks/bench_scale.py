"""Scale: a consultation of N organisations and N replies, on SQLite and PostgreSQL, timed stage by stage.

Run from the project root:
    python benchmarks/bench_scale.py [--sizes 1000,10000] [--databases sqlite,postgresql] [--send 2000]
        [--stages worker,exports,send]

For each database and N, the project's own functions build the campaign (not timed): `import_recipients`
for N organisations, `queue_letters` for their appeals (marked sent with one UPDATE instead of N files), and
N replies from them in a Maildir, written like their mail clients do (texts from the stance corpus). Then
each stage runs in a process of its own, so its peak resident memory (its own VmHWM) is its own:

- the worker with acknowledgements on, `Worker.cycle()` until the Maildir is empty (msg/s);
- every web page through the Flask app, 20 requests each (p50 / p95, HTML size), next to reading the
  tally's kept counts alone (a GROUP BY over every response before migration 0010);
- every export, read to the end (rows/s, bytes, memory);
- `mailflow status` and `mailflow digest --preview`, whole commands from a cold interpreter (seconds, and
  the digest letter's size);
- `mailflow send` of S appeals (default min(N, 2000)) into aiosmtpd's Sink in its own process, the whole
  command (render, queue, send), next to a bare smtplib loop over the same bytes on one connection.

Targets (issue 15) at N = 100,000: worker ≥ 500 msg/s and within 20% of N = 1,000; pages p95 ≤ 200 ms;
CSV ≥ 50,000 rows/s, XLSX ≥ 10,000 rows/s, each with peak memory within 50 MB of N = 1,000; status ≤ 1 s;
digest ≤ 200 KB; send ≥ 0.5× the bare loop.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import random
import smtplib
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "benchmarks")]

from mailmaker import BODIES, CLIENTS, make_reply  # noqa: E402
from score_stances import load_corpus  # noqa: E402
from sqlalchemy import create_engine, func, select, text, update  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from mailflow.app import App  # noqa: E402
from mailflow.campaign.letter import Audience  # noqa: E402
from mailflow.campaign.recipients import RecipientEntry  # noqa: E402
from mailflow.sending.compose import LetterKind, reply_address  # noqa: E402
from mailflow.sending.outbox import queue_letters  # noqa: E402
from mailflow.settings import load_settings  # noqa: E402
from mailflow.store.campaigns import sync_campaign  # noqa: E402
from mailflow.store.counts import stance_counts  # noqa: E402
from mailflow.store.db import transaction, upgrade  # noqa: E402
from mailflow.store.models import (  # noqa: E402
    LetterBodyRow,
    LetterRow,
    RecipientRow,
    RecommendationRow,
    ReviewItemRow,
)
from mailflow.store.recipients import import_recipients  # noqa: E402
from mailflow.store.reports import campaign_facts, reasons_stream  # noqa: E402

CAMPAIGN = ROOT / "config" / "campaigns" / "appeal-2023.toml"
REQUESTS = 20
BENCH_PASSWORD = "a long enough password"
MB = 1024 * 1024
PG_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
WORDS = ("Ассоциация", "Фонд", "Союз", "Центр", "Сеть", "Клуб", "Палата", "Объединение")
PLACES = ("Оша", "Бишкека", "Нарына", "Таласа", "Джалал-Абада", "Каракола", "Баткена", "Токмока")


def environ(database_url: str, work: Path) -> dict[str, str]:
    return {
        "MAILFLOW_CONFIG": "",
        "MAILFLOW_DATABASE_URL": database_url,
        "MAILFLOW_CAMPAIGN_FILE": str(CAMPAIGN),
        "MAILFLOW_STORAGE_DIR": str(work / "storage"),
        "MAILFLOW_MAILBOX_KIND": "maildir",
        "MAILFLOW_MAILBOX_MAILDIR": str(work / "maildir"),
        "MAILFLOW_WORKER_ACKNOWLEDGE": "true",
        "MAILFLOW_COMMITTEE_WEB_URL": "https://dialog.committee.example",
        "MAILFLOW_COMMITTEE_ADDRESSES": "committee@committee.example",
    }


def make_app(env: dict[str, str]) -> App:
    return App(load_settings(None, env))


# -- building the campaign (not timed) ------------------------------------------------------------------------


def organisations(count: int) -> list[RecipientEntry]:
    rng = random.Random(count)
    return [
        RecipientEntry(
            f"{rng.choice(WORDS)} «Развитие {i}» {rng.choice(PLACES)}",
            f"Контакт {i}",
            f"office{i}@org{i}.example",
            Audience.BUSINESS if i % 3 == 0 else Audience.CSO,
            "",
            "ru",
        )
        for i in range(count)
    ]


def build(env: dict[str, str], count: int) -> dict[str, float]:
    """N organisations with their appeal sent, N replies waiting in the Maildir, and a committee member who
    signs in to the pages and exports. Returns the seconds of its database stages: a first consultation on a
    fresh database does the same (import, queue every appeal, every letter marked sent, here in one UPDATE)."""
    from argon2 import PasswordHasher

    from mailflow.committee.users import add_user

    app = make_app(env)
    upgrade(app.engine)
    campaign = app.campaign()
    now = datetime.now(UTC)
    with transaction(app.sessions()) as session:
        hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
        add_user(session, hasher, "bench", BENCH_PASSWORD, at=now - timedelta(days=1))
        started = time.perf_counter()
        import_recipients(session, sync_campaign(session, campaign), organisations(count))
        imported = time.perf_counter()
        queue_letters(session, app.templates(), campaign, LetterKind.APPEAL, app.settings.sender, now=now)
        queued = time.perf_counter()
        session.execute(update(LetterRow).values(status="sent", attempts=1, sent_at=now))
        stages = {"import": imported - started, "queue": queued - imported, "mark_sent": time.perf_counter() - queued}
    with transaction(app.sessions()) as session:
        appeals = session.execute(
            select(RecipientRow.email, RecipientRow.token, LetterRow.message_id).join(
                LetterRow, LetterRow.recipient_id == RecipientRow.id
            )
        ).all()
    cases = load_corpus(campaign=campaign)
    rng = random.Random(count)
    run = uuid.uuid4().hex[:8]
    folder = Path(env["MAILFLOW_MAILBOX_MAILDIR"])
    for sub in ("tmp", "new", "cur"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    for number, (email, token, message_id) in enumerate(appeals):
        case = rng.choice(cases)
        raw = make_reply(
            case.text,
            client=rng.choice(CLIENTS),
            body=rng.choice(BODIES),
            locale="ru",
            from_address=email,
            headers={
                "Message-ID": f"<scale-{run}-{number}@{email.partition('@')[2]}>",
                "To": reply_address(app.settings.sender, token),
                "In-Reply-To": message_id,
                "References": message_id,
            },
            campaign=campaign,
        )
        (folder / "new" / f"{number:07d}.scale:2,").write_bytes(raw)
    app.close()
    return stages


# -- the timed stages, each in a child process ----------------------------------------------------------------


def stage_worker(env: dict[str, str]) -> dict[str, Any]:
    app = make_app(env)
    worker = app.worker(app.campaign())
    fetched = 0
    start = time.perf_counter()
    while True:
        summary = worker.cycle()
        fetched += summary.fetched
        if not (summary.more or summary.fetched):
            break
    seconds = time.perf_counter() - start
    worker.close()
    with transaction(app.sessions()) as session:
        acks = session.scalar(select(func.count()).select_from(LetterRow).where(LetterRow.kind == "acknowledgement"))
    app.close()
    return {"seconds": seconds, "messages": fetched, "acknowledgements": acks}


def sign_in(flask: Any) -> Any:
    """A test client signed in through the login form, as a member would (sessions are kept server-side)."""
    flask.config["WTF_CSRF_ENABLED"] = False
    client = flask.test_client()
    response = client.post("/login", data={"username": "bench", "password": BENCH_PASSWORD})
    assert response.status_code == 302, ("/login", response.status_code)
    return client


def stage_pages(env: dict[str, str]) -> dict[str, Any]:
    from argon2 import PasswordHasher

    from mailflow.web import create_app

    app = make_app(env)
    hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    with transaction(app.sessions()) as session:
        facts = campaign_facts(session, app.campaign().slug)
        first_item = session.scalar(select(func.min(ReviewItemRow.id)).where(ReviewItemRow.status == "open"))
        later_item = session.scalar(
            select(ReviewItemRow.id).where(ReviewItemRow.status == "open").order_by(ReviewItemRow.id).offset(60)
        )
        some_org = session.scalar(select(RecipientRow.id).order_by(RecipientRow.organisation).offset(count // 2))
        rec = session.scalar(select(RecommendationRow.rec_id).where(RecommendationRow.rec_id == "4.3"))
    flask = create_app(app, secret_key="bench-" + "x" * 40, clock=lambda: datetime.now(UTC), hasher=hasher)
    client = sign_in(flask)
    pages = {
        "/review": "/review",
        "/review?after=": f"/review?after={later_item}",
        "/review/<id>": f"/review/{first_item}",
        "/dashboard": "/dashboard",
        "/dashboard?after=": f"/dashboard?after={some_org}",
        "/dashboard?status=": "/dashboard?status=not_sent",
        "/dashboard/<rec>": f"/dashboard/{rec}",
        "/exports": "/exports",
    }
    result: dict[str, Any] = {}
    for name, path in pages.items():
        times, size = [], 0
        for _ in range(REQUESTS):
            start = time.perf_counter()
            response = client.get(path)
            body = response.get_data()
            times.append(time.perf_counter() - start)
            assert response.status_code == 200, (path, response.status_code)
            size = len(body)
        times.sort()
        result[name] = {"p50": statistics.median(times), "p95": times[int(0.95 * len(times)) - 1], "bytes": size}
    floor = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        with transaction(app.sessions()) as session:
            assert facts.id is not None
            stance_counts(session, facts.id)
        floor.append(time.perf_counter() - start)
    result["tally (kept counts) alone"] = {"p50": statistics.median(floor), "p95": sorted(floor)[-2], "bytes": 0}
    app.close()
    return result


def stage_export(env: dict[str, str], path: str) -> dict[str, Any]:
    from argon2 import PasswordHasher

    from mailflow.web import create_app

    app = make_app(env)
    hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    flask = create_app(app, secret_key="bench-" + "x" * 40, clock=lambda: datetime.now(UTC), hasher=hasher)
    client = sign_in(flask)
    start = time.perf_counter()
    response = client.get(path)
    size = 0
    head = b""
    for chunk in response.response:
        size += len(chunk)
        if len(head) < 4:
            head += chunk[:4]
    seconds = time.perf_counter() - start
    assert response.status_code == 200, path
    app.close()
    return {"seconds": seconds, "bytes": size}


STAGES = {"build": build, "worker": stage_worker, "pages": stage_pages, "export": stage_export}
count = 0  # N, for the stages that pick a row in the middle
database_prefix = "mailflow_scale"  # of the PostgreSQL databases made, so benchmarks run side by side keep apart


def child(stage: str, env: dict[str, str], *args: str) -> dict[str, Any]:
    """Run `stage` in a fresh interpreter; returns its result with seconds of wall time and peak RSS."""
    command = [sys.executable, __file__, "--stage", stage, "--env", json.dumps(env), "--count", str(count), *args]
    return run(command, env)


def report_peak_at_exit() -> None:
    """Write this process's peak resident memory (VmHWM) to $BENCH_PEAK_FILE when it exits.

    Not wait4's ru_maxrss: Linux carries the parent's resident size at fork into the child's maxrss, so every
    child of a benchmark that had grown to 150 MB reported at least 150 MB. VmHWM is the peak of the process's
    own memory since its exec."""
    target = os.environ.get("BENCH_PEAK_FILE")
    if not target:
        return

    def write() -> None:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                Path(target).write_text(str(int(line.split()[1]) * 1024))

    atexit.register(write)


def run(command: list[str], env: dict[str, str]) -> dict[str, Any]:
    start = time.perf_counter()
    with tempfile.NamedTemporaryFile(prefix="bench-peak-") as peak:
        process = subprocess.Popen(
            command,
            env={**os.environ, **env, "PYTHONPATH": str(ROOT), "BENCH_PEAK_FILE": peak.name},
            stdout=subprocess.PIPE,
            text=True,
        )
        assert process.stdout is not None
        output = process.stdout.read()
        _, status, _usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        rss = int(Path(peak.name).read_text() or 0)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:4])} failed ({process.returncode}): {output[-2000:]}")
    last = output.strip().splitlines()[-1] if output.strip() else "{}"
    result = json.loads(last) if last.startswith("{") else {"output": output}
    return {**result, "wall": wall, "rss": rss}


# what a `mailflow` command is run with: the same VmHWM report, without importing this module (which loads the
# whole project and would be timed as the command's start-up)
CLI_PROBE = """import atexit, os, sys
def _peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            open(os.environ["BENCH_PEAK_FILE"], "w").write(str(int(line.split()[1]) * 1024))
atexit.register(_peak)
from mailflow.cli import main
main()
"""


def cli(env: dict[str, str], *args: str) -> dict[str, Any]:
    """A whole `mailflow` command in a fresh interpreter, start-up included."""
    return run([sys.executable, "-c", CLI_PROBE, *args], env)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def measure_send(database_url: str, work: Path, letters: int) -> dict[str, Any]:
    """`mailflow send` of `letters` appeals into a Sink, next to a bare smtplib loop over the same bytes."""
    port = free_port()
    sink = subprocess.Popen(
        [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Sink"]
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    env = {
        **environ(database_url, work),
        "MAILFLOW_SMTP_HOST": "127.0.0.1",
        "MAILFLOW_SMTP_PORT": str(port),
        "MAILFLOW_SMTP_SECURITY": "none",
        "MAILFLOW_SMTP_RATE_PER_MINUTE": "0",
    }
    app = make_app(env)
    upgrade(app.engine)
    with transaction(app.sessions()) as session:
        import_recipients(session, sync_campaign(session, app.campaign()), organisations(letters))
    whole = cli(env, "send", "--kind", "appeal")
    with transaction(app.sessions()) as session:
        query = select(LetterRow.to_address, LetterBodyRow.raw).join(LetterBodyRow).order_by(LetterRow.id)
        prepared = [(to, raw) for to, raw in session.execute(query)]
    app.close()
    start = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as bare:
        for to, raw in prepared:
            bare.sendmail("dialog@committee.example", [to], raw)
    bare_seconds = time.perf_counter() - start
    sink.terminate()
    sink.wait()
    return {"letters": len(prepared), "seconds": whole["wall"], "rss": whole["rss"], "bare_seconds": bare_seconds}


# -- databases and the report ----------------------------------------------------------------------------------


def scratch_database(kind: str, work: Path, name: str) -> str:
    if kind == "sqlite":
        return f"sqlite:///{work / f'{name}.db'}"
    admin = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
    database = f"{database_prefix}_{name}_{uuid.uuid4().hex[:8]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{database}"'))
    admin.dispose()
    return make_url(PG_SERVER).set(database=database).render_as_string(hide_password=False)


def drop_database(kind: str, database_url: str) -> None:
    if kind == "sqlite":  # its file: with --keep the send database's would be found again, every letter sent
        database = make_url(database_url).database or ""
        for suffix in ("", "-wal", "-shm"):
            Path(database + suffix).unlink(missing_ok=True)
        return
    admin = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{make_url(database_url).database}" WITH (FORCE)'))
    admin.dispose()


EXPORTS = ("/exports/stances.csv", "/exports/stances.xlsx", "/exports/reasons.csv", "/exports/reasons.xlsx")


WORKLOADS = ("worker", "pages", "exports", "status", "digest", "send")


def kept_database(kind: str, work: Path, name: str) -> str:
    """The database a `--keep` run builds once and measures again: a file in the folder, or a named database."""
    if kind == "sqlite":
        return f"sqlite:///{work / f'{name}.db'}"
    database = f"{database_prefix}_{name}_kept"
    admin = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        if not connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :d"), {"d": database}):
            connection.execute(text(f'CREATE DATABASE "{database}"'))
    admin.dispose()
    return make_url(PG_SERVER).set(database=database).render_as_string(hide_password=False)


def measure(kind: str, size: int, send: int, work: Path, workloads: set[str], keep: bool) -> dict[str, Any]:
    """Build N organisations and replies, run the worker, then time `workloads`. With `keep`, a campaign built
    (and worked) by an earlier run in the same folder is measured again after upgrading its schema."""
    global count
    count = size
    folder = work / f"{kind}-{size}"
    folder.mkdir(exist_ok=True)
    database_url = (kept_database if keep else scratch_database)(kind, work, f"{kind}_{size}")
    env = environ(database_url, folder)
    built_file = folder / "built.json"
    result: dict[str, Any] = {}
    try:
        if keep and built_file.exists():
            result = json.loads(built_file.read_text())
            app = make_app(env)
            upgrade(app.engine)
            app.close()
            print("  reusing the campaign built before (schema upgraded)", flush=True)
        else:
            built = child("build", env)
            stages = ", ".join(f"{name} {built[name]:.1f} s" for name in ("import", "queue", "mark_sent"))
            print(f"  built in {built['wall']:.0f} s ({stages})", flush=True)
            result = {"build": built, "worker": child("worker", env)}
            print(f"  worker {result['worker']['messages'] / result['worker']['seconds']:.0f} msg/s", flush=True)
            if keep:
                built_file.write_text(json.dumps(result))
        if "pages" in workloads:
            result["pages"] = child("pages", env)
        if "exports" in workloads:
            result["exports"] = {path: child("export", env, "--path", path) for path in EXPORTS}
            app = make_app(env)
            with transaction(app.sessions()) as session:
                facts = campaign_facts(session, app.campaign().slug)
                assert facts.id is not None
                reasons = sum(1 for _ in reasons_stream(session, facts.id))
            app.close()
            result["rows"] = {"stances": size, "reasons": reasons}
        if "status" in workloads:
            result["status"] = cli(env, "status")
        if "digest" in workloads:
            end = (datetime.now(UTC) + timedelta(days=1)).strftime("%Y-%m-%d")
            digest = cli(env, "digest", "--preview", "--end", end)
            eml = Path(digest["output"].split()[-1])
            result["digest"] = {**digest, "bytes": eml.stat().st_size}
    finally:
        if not keep:
            drop_database(kind, database_url)
    if "send" in workloads:
        send_url = scratch_database(kind, work, f"{kind}_{size}_send")
        try:
            result["send"] = measure_send(send_url, work / f"{kind}-{size}-send", min(size, send))
        finally:
            drop_database(kind, send_url)
    return result


def report(kind: str, runs: dict[int, dict[str, Any]]) -> None:
    sizes = sorted(runs)
    base = runs[sizes[0]]
    print(f"\n{kind}: N = {', '.join(f'{n:,}' for n in sizes)}  (ratios against N = {sizes[0]:,} where noted)")

    def line(label: str, values: list[str]) -> None:
        print(f"| {label} | " + " | ".join(values) + " |")

    def ran(workload: str) -> bool:
        return all(workload in runs[n] for n in sizes)

    print("| workload | " + " | ".join(f"N = {n:,}" for n in sizes) + " |")
    print("|---|" + "---|" * len(sizes))
    rate = {n: r["worker"]["messages"] / r["worker"]["seconds"] for n, r in runs.items()}
    line("worker, acknowledgements on (msg/s; × N₀)", [f"{rate[n]:,.0f} ({rate[n] / rate[sizes[0]]:.2f}×), "
         f"{runs[n]['worker']['rss'] / MB:.0f} MB" for n in sizes])  # fmt: skip
    for page in (name for name, value in base.get("pages", {}).items() if isinstance(value, dict)):
        line(f"`GET {page}` p50 / p95 (ms), HTML", [
            f"{runs[n]['pages'][page]['p50'] * 1000:.0f} / {runs[n]['pages'][page]['p95'] * 1000:.0f}, "
            f"{runs[n]['pages'][page]['bytes'] / 1024:.0f} KB" for n in sizes])  # fmt: skip
    if ran("pages"):
        line("web process peak RSS (MB)", [f"{runs[n]['pages']['rss'] / MB:.0f}" for n in sizes])
    for path in EXPORTS if ran("exports") else ():
        table = "stances" if "stances" in path else "reasons"
        line(f"`{path}` rows/s, peak RSS", [
            f"{runs[n]['rows'][table] / runs[n]['exports'][path]['seconds']:,.0f} rows/s "
            f"({runs[n]['rows'][table]:,} rows, {runs[n]['exports'][path]['bytes'] / MB:.1f} MB), "
            f"{runs[n]['exports'][path]['rss'] / MB:.0f} MB" for n in sizes])  # fmt: skip
    if ran("status"):
        line("`mailflow status` (s, whole command), peak RSS", [
        f"{runs[n]['status']['wall']:.2f} s, {runs[n]['status']['rss'] / MB:.0f} MB" for n in sizes])  # fmt: skip
    if ran("digest"):
        line("`mailflow digest --preview` (s), .eml size", [
        f"{runs[n]['digest']['wall']:.2f} s, {runs[n]['digest']['bytes'] / 1024:.0f} KB, "
        f"{runs[n]['digest']['rss'] / MB:.0f} MB" for n in sizes])  # fmt: skip
    if ran("send"):
        line("`mailflow send` whole command vs bare smtplib", [
        f"{runs[n]['send']['letters'] / runs[n]['send']['seconds']:.0f} vs "
        f"{runs[n]['send']['letters'] / runs[n]['send']['bare_seconds']:.0f} letters/s "
        f"({runs[n]['send']['bare_seconds'] / runs[n]['send']['seconds']:.2f}×, "
        f"{runs[n]['send']['letters']:,} letters), "
        f"{runs[n]['send']['rss'] / MB:.0f} MB" for n in sizes])  # fmt: skip


def main() -> None:
    global count, database_prefix
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="N values, comma-separated")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--send", type=int, default=2000, help="appeals sent by the send benchmark (at most N)")
    parser.add_argument(
        "--workloads", default=",".join(WORKLOADS), help=f"what to time after the build, of {','.join(WORKLOADS)}"
    )
    parser.add_argument(
        "--keep",
        metavar="DIR",
        help="build each campaign once into DIR (SQLite files, named PostgreSQL databases) and measure it again on "
        "later runs with the same DIR, after upgrading its schema: the worker's figure is then the first run's",
    )
    parser.add_argument(
        "--database-prefix", default=database_prefix, help="the start of the PostgreSQL databases' names it makes"
    )
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("--env", help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    args = parser.parse_args()
    database_prefix = args.database_prefix
    if args.stage:
        report_peak_at_exit()
        count = args.count
        env = json.loads(args.env)
        stage: Any = STAGES[args.stage]
        output = stage(env, args.path) if args.path else stage(env) if args.stage != "build" else stage(env, count)
        print(json.dumps(output or {}))
        return
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")
    workloads = set(args.workloads.split(","))
    with tempfile.TemporaryDirectory(prefix="mailflow-scale-") as scratch:
        folder = Path(args.keep) if args.keep else Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for kind in args.databases.split(","):
            runs = {}
            for size in (int(s) for s in args.sizes.split(",")):
                print(f"{kind} N = {size:,}", flush=True)
                runs[size] = measure(kind, size, args.send, folder, workloads, bool(args.keep))
            report(kind, runs)
    load = os.getloadavg()
    print(f"load average at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
