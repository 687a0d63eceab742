"""Paths and helpers of the reading tests: the shared samples, the talon fixtures and our own corpus."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SAMPLES = ROOT.parent / "shared" / "samples" / "replies"
TALON = ROOT.parent / "shared" / "peer" / "talon"
CORPUS = HERE / "corpus"


def expected(eml: Path) -> dict[str, Any]:
    """The `.expected.json` next to a message file."""
    data: dict[str, Any] = json.loads(eml.with_suffix(".expected.json").read_text(encoding="utf-8"))
    return data


def html_message(html: bytes, subject: str = "Re: Test") -> bytes:
    """A bare HTML body (talon's html_replies) wrapped as the text/html message a client would send."""
    head = f"From: alex@example.com\r\nTo: bob@example.com\r\nSubject: {subject}\r\nMIME-Version: 1.0\r\n"
    head += "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
    return head.encode("ascii") + html
