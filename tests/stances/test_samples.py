"""The shared sample replies give their expected stances: from the hand-extracted own text, and end to end."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mailflow.campaign.letter import Campaign
from mailflow.parse import parse_reply
from mailflow.reading.reply import InlinePair

from .support import ROOT, read

pytestmark = pytest.mark.shared

SAMPLES = ROOT.parent / "shared" / "samples" / "replies"

# What the respondent wrote in each sample, as the reading stage should hand it over.
OWN_TEXT: dict[str, dict[str, Any]] = {
    "agree-all-gmail": {
        "text": "Здравствуйте!\nНаша организация согласна со всеми рекомендациями.\nС уважением, Мирлан"
    },
    "all-but-one-outlook-cp1251": {
        "text": "Добрый день!\nПоддерживаем все рекомендации, кроме 3.5: создание рабочих мест — задача "
        "государства и бизнеса, а не ОГО.\n--\nОФ «Пример»"
    },
    "english-section": {"text": "We support all recommendations of sections 1 and 4.", "language": "en"},
    "inline-answers": {
        "text": "Ответы под рекомендациями.",
        "pairs": [
            ("1.1. Повышать свой потенциал, наращивать знания в сфере использования объективных данных для "
             "анализа ситуации и прогноза последствий тех или иных решений, чтобы сделать свои предложения в "
             "отношении развития регионов более обоснованными и сбалансированными.", "Да, согласны."),
            ("1.2. Усилить взаимодействие между социальными, гражданскими организациями и бизнес-ассоциациями "
             "для выработки согласованных совместных адвокационных мер в сфере планирования развития регионов.",
             "Нет: у нас нет партнеров среди бизнес-ассоциаций."),
        ],
    },
    "kyrgyz-agree": {"text": "Бардык сунуштар менен макулбуз.", "language": "ky"},
    "list-thunderbird": {
        "text": "1.1 — согласны\n1.2 — согласны\n2.1 — частично, только обмен опытом, без совместных кампаний\n"
        "4.3 — не согласны"
    },
    "unclear-holding": {"text": "Спасибо, обсудим на правлении и ответим."},
}  # fmt: skip


def expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SAMPLES / f"{name}.expected.json").read_text(encoding="utf-8"))
    return data


def as_json(stances: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {k: {"stance": f.stance.value, "reason": f.reason} for k, f in stances.items()}


@pytest.mark.parametrize("name", sorted(OWN_TEXT))
def test_a_samples_own_text_gives_its_expected_stances(name: str, campaign: Campaign) -> None:
    own = OWN_TEXT[name]
    pairs = tuple(InlinePair(q, a) for q, a in own.get("pairs", []))
    result = read(own["text"], campaign, language=own.get("language", "ru"), pairs=pairs)
    assert as_json(result.stances) == expected(name)["stances"]
    assert bool(result.review_reasons) == expected(name)["needs_review"]


@pytest.mark.parametrize("eml", sorted(SAMPLES.glob("*.eml")), ids=lambda p: p.stem)
def test_a_sample_message_parses_to_its_expected_json_end_to_end(eml: Path, campaign: Campaign) -> None:
    parsed = parse_reply(eml.read_bytes(), campaign)
    want = expected(eml.stem)
    assert parsed.kind.value == want["kind"]
    if want["kind"] == "reply":
        assert as_json(parsed.stances) == want["stances"]
        assert parsed.needs_review == want["needs_review"]
