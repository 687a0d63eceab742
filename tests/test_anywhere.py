"""mailflow from any folder: embedded defaults without a config, a config's project root for its paths, and a
wheel that carries everything it needs."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.appeal import SAMPLE_RECIPIENTS
from tests.conftest import ROOT, Cli

DEMO_REPLY = ROOT / "mailflow" / "demo" / "replies" / "02-umut.eml"


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty current folder with no config in it, as a newcomer's home folder."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def test_without_a_config_the_embedded_campaign_applies_in_any_folder(elsewhere: Path) -> None:
    cli = Cli(elsewhere)
    cli.env = {}
    shown = cli("campaign", "show", "--json")
    assert shown.exit_code == 0, shown.output
    assert '"4.5"' in shown.output
    parsed = cli("parse", "--jsonl", str(DEMO_REPLY))
    assert parsed.exit_code == 0, parsed.output
    assert '"kind": "reply"' in parsed.output


def test_a_config_named_by_path_reads_its_project_files_not_the_current_folder(project: Path, elsewhere: Path) -> None:
    (project / "config" / "recipients-sample.csv").write_bytes(SAMPLE_RECIPIENTS.read_bytes())
    cli = Cli(project)
    cli.env = {}
    result = cli("--config", str(project / "config" / "mailflow.toml"), "demo")
    assert result.exit_code == 0, result.output
    assert "recipients: 12 added" in result.output
    assert (project / "storage" / "mailflow.db").is_file()
    assert not list(elsewhere.iterdir())


def test_a_demo_that_cannot_read_its_recipients_leaves_no_database_behind(cli: Cli, project: Path) -> None:
    broken = project / "broken.csv"
    broken.write_text("organisation,contact,email,sector,region,language\nА,Б,not-an-address,cso,Ош,ru\n")
    result = cli("demo", "--recipients", str(broken))
    assert result.exit_code == 2 and result.output.startswith("error: ")
    assert not (project / "storage" / "mailflow.db").exists()


def test_the_wheel_carries_templates_campaign_migrations_and_demo_replies(tmp_path: Path) -> None:
    build = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"]
    subprocess.run([*build, "-w", str(tmp_path), "."], cwd=ROOT, check=True, capture_output=True)
    (wheel,) = tmp_path.glob("mailflow-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "mailflow/shipped/templates/emails/ru/appeal.txt.j2",
        "mailflow/shipped/templates/reports/report.html.j2",
        "mailflow/shipped/config/campaigns/appeal-2023.toml",
        "mailflow/shipped/config/recipients-sample.csv",
        "mailflow/store/migrations/versions/0001_initial_schema.py",
        "mailflow/demo/replies/02-umut.eml",
        "mailflow/web/templates/base.html",
    ):
        assert needed in names, needed
