"""`mailflow preview`, `send` and `outbox` as a secretary runs them, in a project folder."""

from __future__ import annotations

import re
import shutil
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.appeal import SAMPLE_RECIPIENTS
from tests.conftest import Cli
from tests.servers import SmtpSink, free_port


def _import(cli: Cli) -> None:
    assert cli("db", "upgrade").exit_code == 0
    shutil.copy(SAMPLE_RECIPIENTS, cli.root / "recipients.csv")
    assert cli("recipients", "import", str(cli.root / "recipients.csv")).exit_code == 0


def test_preview_before_any_recipients_renders_a_sample_per_sector_and_language(cli: Cli) -> None:
    result = cli("preview")
    assert result.exit_code == 0, result.output
    written = sorted((cli.root / "storage" / "outbox").iterdir())
    assert len(written) == 12  # 2 sectors × 3 languages, .eml and .html each
    assert all(str(path) in result.output for path in written)


def test_preview_writes_the_recipients_letter_as_eml_and_html(cli: Cli) -> None:
    _import(cli)
    result = cli("preview", "--recipient", "umut@umut-fund.example")
    assert result.exit_code == 0, result.output
    outbox = cli.root / "storage" / "outbox"
    html = (outbox / "preview-appeal-umut@umut-fund.example.html").read_text(encoding="utf-8")
    assert "Назгуль Осмонова" in html and "3.3" in html and "3.1</td>" not in html
    assert (outbox / "preview-appeal-umut@umut-fund.example.eml").read_bytes().startswith(b"From: ")
    assert cli("preview", "--recipient", "nobody@example.org").exit_code == 2


def test_a_template_mistake_stops_preview_with_one_line(cli: Cli) -> None:
    shutil.copytree(Path(__file__).resolve().parents[2] / "templates", cli.root / "templates")
    broken = cli.root / "templates" / "emails" / "ru" / "appeal.html.j2"
    broken.write_text(broken.read_text(encoding="utf-8") + "{% endif %}", encoding="utf-8")
    result = cli("preview", "--kind", "appeal")
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1].startswith("error: template ru/appeal.html.j2:18:")
    assert "Traceback" not in result.output


def test_send_without_smtp_writes_the_outbox_folder_once(cli: Cli) -> None:
    _import(cli)
    dry = cli("send", "--dry-run")
    assert dry.exit_code == 0 and "would queue 12 appeal" in dry.output
    assert not (cli.root / "storage" / "outbox").exists() or not any((cli.root / "storage" / "outbox").glob("0*"))
    first = cli("send")
    assert first.exit_code == 0, first.output
    assert "queued 12 appeal" in first.output and "sent 12" in first.output
    assert len(list((cli.root / "storage" / "outbox").glob("0*.eml"))) == 12
    again = cli("send")
    assert "queued 0 appeal letter(s); 12 recipient(s) already had one" in again.output
    listing = cli("outbox")
    assert listing.exit_code == 0 and listing.output.count(" sent ") == 12


def test_send_through_smtp_and_resolve_an_uncertain_letter(cli: Cli, smtp_server: SmtpSink) -> None:
    _import(cli)
    smtp_server.data_replies.extend(["250 OK", "drop-after"])
    env = {"MAILFLOW_SMTP_HOST": "127.0.0.1", "MAILFLOW_SMTP_PORT": str(smtp_server.port)}
    env |= {"MAILFLOW_SMTP_SECURITY": "none", "MAILFLOW_SMTP_RATE_PER_MINUTE": "0"}
    result = cli("send", env=env)
    assert result.exit_code == 0, result.output
    assert "sent 11, failed 0, uncertain 1" in result.output
    assert len(smtp_server.received) == 12
    listed = cli("outbox", "--status", "uncertain")
    (line,) = [line for line in listed.output.splitlines() if "uncertain" in line and line.startswith("#")]
    letter_id = line.split()[0].lstrip("#")
    resolved = cli("outbox", "--mark-sent", letter_id)
    assert f"#{letter_id} " in resolved.output and "now sent" in resolved.output
    assert cli("outbox", "--status", "uncertain").output.count("#") == 0


def test_outbox_lists_times_in_the_committees_zone_and_names_it(cli: Cli) -> None:
    _import(cli)
    cli("send")
    before = datetime.now(ZoneInfo("Asia/Bishkek")) - timedelta(minutes=1)
    listing = cli("outbox")
    after = datetime.now(ZoneInfo("Asia/Bishkek"))
    line = next(line for line in listing.output.splitlines() if line.startswith("#"))
    stamp = re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d", line)
    assert stamp is not None, line
    shown = datetime.strptime(stamp.group(), "%Y-%m-%d %H:%M").replace(tzinfo=ZoneInfo("Asia/Bishkek"))
    assert before.replace(second=0, microsecond=0) <= shown <= after
    assert listing.stderr.strip() == "12 sent; times in Asia/Bishkek"


def test_a_send_that_cannot_reach_the_server_says_once_that_the_letters_stay_queued(cli: Cli) -> None:
    _import(cli)
    env = {"MAILFLOW_SMTP_HOST": "127.0.0.1", "MAILFLOW_SMTP_PORT": str(free_port()), "MAILFLOW_SMTP_SECURITY": "none"}
    result = cli("send", env=env)
    assert result.exit_code == 1
    assert (
        "sent 0, failed 0, uncertain 0; 12 still queued, sent by the worker or the next `mailflow send`"
        in result.stdout
    )
    assert result.stderr.count("Connection refused") == 1 and "WARNING" not in result.stderr


def test_the_outbox_folder_names_each_letter_by_kind_and_organisation(cli: Cli) -> None:
    _import(cli)
    cli("send")
    names = sorted(path.name for path in (cli.root / "storage" / "outbox").glob("*.eml"))
    assert "000002-appeal-ОФ-Умут.eml" in names and len(names) == 12
