"""The shared sample replies: each gives its expected kind and, for a bounce, the bounced address."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailflow.campaign.letter import Campaign
from mailflow.parse import parse_reply

from .support import SAMPLES, expected

pytestmark = pytest.mark.shared

SAMPLE_FILES = sorted(SAMPLES.glob("*.eml"))


@pytest.mark.parametrize("eml", SAMPLE_FILES, ids=lambda p: p.stem)
def test_sample_gets_its_expected_kind_and_bounced_recipient(eml: Path, campaign: Campaign) -> None:
    want = expected(eml)
    parsed = parse_reply(eml.read_bytes(), campaign)
    assert parsed.kind.value == want["kind"]
    assert parsed.bounced_recipient == want.get("bounced_recipient")
    assert parsed.error is None


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("agree-all-gmail", "Здравствуйте!\nНаша организация согласна со всеми рекомендациями."),
        (
            "all-but-one-outlook-cp1251",
            "Добрый день!\nПоддерживаем все рекомендации, кроме 3.5: создание рабочих мест — задача государства"
            " и бизнеса, а не ОГО.",
        ),
        ("english-section", "We support all recommendations of sections 1 and 4."),
        ("kyrgyz-agree", "Бардык сунуштар менен макулбуз."),
        ("unclear-holding", "Спасибо, обсудим на правлении и ответим."),
        (
            "list-thunderbird",
            "1.1 — согласны\n1.2 — согласны\n2.1 — частично, только обмен опытом, без совместных кампаний\n"
            "4.3 — не согласны",
        ),
    ],
)
def test_sample_reply_text_is_the_respondents_own_words(name: str, text: str, campaign: Campaign) -> None:
    assert parse_reply((SAMPLES / f"{name}.eml").read_bytes(), campaign).content.text == text


def test_sample_languages_are_told_apart(campaign: Campaign) -> None:
    def language(name: str) -> str:
        return parse_reply((SAMPLES / f"{name}.eml").read_bytes(), campaign).content.language

    assert (language("kyrgyz-agree"), language("english-section"), language("agree-all-gmail")) == ("ky", "en", "ru")


def test_sample_inline_answers_are_paired_with_the_recommendation_above(campaign: Campaign) -> None:
    parsed = parse_reply((SAMPLES / "inline-answers.eml").read_bytes(), campaign)
    pairs = [(pair.quoted.split(" ", 1)[0], pair.answer) for pair in parsed.content.inline_pairs]
    assert pairs == [("1.1.", "Да, согласны."), ("1.2.", "Нет: у нас нет партнеров среди бизнес-ассоциаций.")]
    assert parsed.content.text == (
        "Ответы под рекомендациями.\n\nДа, согласны.\n\nНет: у нас нет партнеров среди бизнес-ассоциаций."
    )
