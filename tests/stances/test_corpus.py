"""The labelled corpus: its make-up, and the scorer's four figures held at the issue's targets."""

from __future__ import annotations

from collections import Counter
from types import ModuleType
from typing import Any

import pytest

from mailflow.campaign.letter import Campaign

from .support import load_scorer


@pytest.fixture(scope="module")
def scorer() -> ModuleType:
    return load_scorer()


@pytest.fixture(scope="module")
def corpus(scorer: ModuleType) -> list[Any]:
    cases: list[Any] = scorer.load_corpus()
    return cases


def test_the_corpus_is_large_varied_and_at_least_a_quarter_unclear(corpus: list[Any]) -> None:
    assert len(corpus) >= 150
    assert sum(c.unclear for c in corpus) >= len(corpus) / 4
    languages = Counter(c.language for c in corpus)
    assert {"ru", "ky", "en", "mixed"} <= set(languages)
    assert {c.client for c in corpus} == {"gmail", "outlook", "thunderbird", "yandex", "mailru", "apple", "android"}


def test_every_unclear_case_names_known_review_codes(corpus: list[Any]) -> None:
    from mailflow.stances.extract import MESSAGES

    assert {code for c in corpus for code in c.review_codes} <= set(MESSAGES)


def test_the_direct_scores_meet_the_targets(scorer: ModuleType, corpus: list[Any], campaign: Campaign) -> None:
    score = scorer.score(corpus, scorer.run_direct, campaign)
    assert score.below_target() == {}, score.misses
    assert score.unclear_coded == score.unclear, score.misses


def test_the_end_to_end_scores_meet_the_targets(scorer: ModuleType, corpus: list[Any], campaign: Campaign) -> None:
    score = scorer.score(corpus, scorer.run_eml, campaign)
    assert score.below_target() == {}, score.misses


def test_reasons_are_compared_forgiving_typography_not_words(scorer: ModuleType) -> None:
    assert scorer.normalise_reason("Создание мест — задача «государства».") == "создание мест задача государства"
    assert scorer.normalise_reason("создание мест задача") != scorer.normalise_reason(
        "создание мест задача государства"
    )


def test_the_scorer_catches_a_stage_that_records_everything_silently(
    scorer: ModuleType, corpus: list[Any], campaign: Campaign
) -> None:
    def agree_to_everything(case: Any, campaign: Campaign) -> Any:
        return scorer.Outcome({rec_id: scorer.Expected("agree", None) for rec_id in campaign.ids}, ())

    below = scorer.score(corpus, agree_to_everything, campaign).below_target()
    assert {"exact", "flagged", "reasons"} <= set(below)
