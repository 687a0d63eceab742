"""Helpers of the stance tests: read a text as a reply, and load the corpus scorer from benchmarks/."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from mailflow.campaign.letter import Campaign
from mailflow.reading.reply import AttachmentText, InlinePair, ReplyContent, StanceResult
from mailflow.stances.extract import extract_stances

ROOT = Path(__file__).resolve().parent.parent.parent
SCORER_PATH = ROOT / "benchmarks" / "score_stances.py"


def read(
    text: str,
    campaign: Campaign,
    *,
    subject: str = "",
    language: str = "ru",
    pairs: tuple[InlinePair, ...] = (),
    attachments: tuple[AttachmentText, ...] = (),
) -> StanceResult:
    return extract_stances(ReplyContent(text, subject, language, pairs, attachments), campaign)


def stances(result: StanceResult) -> dict[str, tuple[str, str | None]]:
    """`{"4.3": ("disagree", "reason")}`: what a reviewer sees, without evidence and confidence."""
    return {rec_id: (f.stance.value, f.reason) for rec_id, f in result.stances.items()}


def codes(result: StanceResult) -> set[str]:
    return {r.code for r in result.review_reasons}


def every(
    campaign: Campaign, stance: str, *, but: dict[str, tuple[str, str | None]] | None = None
) -> dict[str, tuple[str, str | None]]:
    """All recommendations with `stance`, except those given in `but`."""
    return {rec_id: (stance, None) for rec_id in campaign.ids} | (but or {})


def load_scorer() -> ModuleType:
    """benchmarks/score_stances.py as a module (benchmarks/ is a script folder, not a package)."""
    if "score_stances" in sys.modules:
        return sys.modules["score_stances"]
    spec = importlib.util.spec_from_file_location("score_stances", SCORER_PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["score_stances"] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module
