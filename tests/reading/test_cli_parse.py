"""`mailflow parse`: one JSON object per file, the documented keys, unreadable files reported and skipped."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from .support import SAMPLES

pytestmark = pytest.mark.shared

CONTRACT_KEYS = {
    "file", "kind", "message_id", "in_reply_to", "from", "subject", "language", "text", "attachments",
    "bounced_recipient", "needs_review", "review_reasons", "stances",
}  # fmt: skip
RunCli = Callable[..., Result]


def test_parse_prints_one_json_line_per_file_with_the_contract_keys(cli: RunCli) -> None:
    result = cli("parse", "--jsonl", str(SAMPLES / "bounce.eml"), str(SAMPLES / "kyrgyz-agree.eml"))
    assert result.exit_code == 0, result.output
    objects = [json.loads(line) for line in result.output.splitlines()]
    assert [set(o) for o in objects] == [CONTRACT_KEYS, CONTRACT_KEYS]
    bounce, reply = objects
    assert (bounce["kind"], bounce["bounced_recipient"], bounce["file"]) == (
        "bounce",
        "nobody@gone.example",
        str(SAMPLES / "bounce.eml"),
    )
    assert (reply["kind"], reply["language"], reply["text"]) == ("reply", "ky", "Бардык сунуштар менен макулбуз.")
    assert reply["from"] == "gulmira@zhashtar.example"
    assert reply["in_reply_to"] == "<appeal-2023-0001@committee.example>"


def test_parse_pretty_prints_by_default(cli: RunCli) -> None:
    result = cli("parse", str(SAMPLES / "auto-reply.eml"))
    assert result.output.startswith("{\n")
    assert json.loads(result.output)["kind"] == "auto_reply"


def test_parse_reports_an_unreadable_file_and_goes_on(cli: RunCli, tmp_path: Path) -> None:
    junk = tmp_path / "junk.eml"
    junk.write_bytes(b"\x00\x01 not mail")
    missing = tmp_path / "missing.eml"
    result = cli("parse", "--jsonl", str(junk), str(missing), str(SAMPLES / "auto-reply.eml"))
    assert result.exit_code == 0
    kinds = [json.loads(line) for line in result.output.splitlines()]
    assert [o["kind"] for o in kinds] == ["unreadable", "unreadable", "auto_reply"]
    assert all(o["error"] and o["needs_review"] for o in kinds[:2])


def test_parse_reads_every_eml_in_a_folder(cli: RunCli) -> None:
    result = cli("parse", "--jsonl", str(SAMPLES))
    assert len(result.output.splitlines()) == len(list(SAMPLES.glob("*.eml")))


def test_parse_uses_the_given_campaign_file(cli: RunCli, tmp_path: Path) -> None:
    result = cli("parse", "--campaign", str(tmp_path / "nope.toml"), str(SAMPLES / "bounce.eml"))
    assert result.exit_code == 2
    assert "nope.toml" in result.output
