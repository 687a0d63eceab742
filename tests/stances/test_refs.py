"""Recommendation references: IDs in their many spellings, ranges, panels, audiences, "all", exceptions."""

from __future__ import annotations

import pytest

from mailflow.campaign.letter import Campaign
from mailflow.stances.lexicon import fold
from mailflow.stances.refs import EXPLICIT, GLOBAL, GROUP, find_refs, match_text


def ids(text: str, campaign: Campaign) -> list[str]:
    return [i for r in find_refs(fold(text), campaign) if not r.excepted and not r.implied for i in r.ids]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.3", ["1.3"]),
        ("п. 4.3", ["4.3"]),
        ("пункт 3.2", ["3.2"]),
        ("рекомендация №4.5", ["4.5"]),
        ("4.3-сунуш", ["4.3"]),
        ("Рекомендация 1.1.", ["1.1"]),
    ],
)
def test_an_id_is_found_in_every_usual_spelling(text: str, expected: list[str], campaign: Campaign) -> None:
    assert ids(text, campaign) == expected


def test_ranges_and_lists_expand_in_campaign_order_across_panels(campaign: Campaign) -> None:
    assert ids("1.1-1.3, 1.5; 2.1", campaign) == ["1.1", "1.2", "1.3", "1.5", "2.1"]
    assert ids("1.4–2.1", campaign) == ["1.4", "1.5", "2.1"]
    assert ids("с 3.6 по 3.8", campaign) == ["3.6", "3.7", "3.8"]


@pytest.mark.parametrize(
    ("text", "panels"),
    [
        ("раздел 3", [3]),
        ("рекомендации первого раздела", [1]),
        ("Панельной дискуссии №2", [2]),
        ("sections 1 and 4", [1, 4]),
        ("четвертой панели", [4]),
        ("первого и четвертого разделов", [1, 4]),
        ("Биринчи бөлүмдүн", [1]),
    ],
)
def test_a_panel_is_named_by_number_or_ordinal(text: str, panels: list[int], campaign: Campaign) -> None:
    refs = [r for r in find_refs(fold(text), campaign) if not r.implied]
    assert [r.level for r in refs] == [GROUP]
    assert list(refs[0].ids) == [r.id for n in panels for r in campaign.in_panel(n)]


def test_an_audience_means_the_recommendations_addressed_to_that_group_only(campaign: Campaign) -> None:
    assert ids("рекомендации, адресованные бизнесу", campaign) == ["3.1", "3.2"]
    assert ids("адресованные ОГО", campaign) == ["3.3", "3.4", "3.5", "3.6", "3.7", "3.8"]
    assert ids("бизнеске арналган сунуштар", campaign) == ["3.1", "3.2"]


@pytest.mark.parametrize("word", ["все", "всеми", "all", "бардык", "остальные", "everything else"])
def test_all_is_every_recommendation_of_the_letter_whoever_answers(word: str, campaign: Campaign) -> None:
    refs = find_refs(fold(word), campaign)
    assert [(r.level, r.ids) for r in refs] == [(GLOBAL, campaign.ids)]


@pytest.mark.parametrize(
    "text", ["все, кроме 3.5 и 3.6", "за исключением 3.5, 3.6", "all except 3.5, 3.6", "3.5, 3.6 сунуштан башка"]
)
def test_the_ids_after_an_exception_word_are_marked_excepted(text: str, campaign: Campaign) -> None:
    excepted = [i for r in find_refs(fold(text), campaign) if r.excepted for i in r.ids]
    assert excepted == ["3.5", "3.6"]


def test_dates_and_times_are_not_ids(campaign: Campaign) -> None:
    assert find_refs(fold("письмо от 02.03.2023 в 10:15"), campaign) == []


@pytest.mark.parametrize("text", ["3.9", "5.1", "1.1–1.8", "раздел 5"])
def test_an_id_or_panel_the_campaign_lacks_is_a_problem_not_a_reference(text: str, campaign: Campaign) -> None:
    refs = find_refs(fold(text), campaign)
    assert [r.problem for r in refs] == ["unknown_id"]
    assert refs[0].ids == ()


@pytest.mark.parametrize("text", ["пункт 3", "рекомендации 1 и 4", "рекомендацию 11", "№3"])
def test_a_bare_number_after_a_reference_word_is_ambiguous(text: str, campaign: Campaign) -> None:
    problems = [r.problem for r in find_refs(fold(text), campaign) if r.level == EXPLICIT]
    assert problems == ["ambiguous_number"]


def test_a_paraphrase_is_matched_to_its_recommendation_despite_case_endings(campaign: Campaign) -> None:
    match = match_text("о совещательном органе при мэрии", campaign)
    assert match is not None and match.accepted and match.rec_id == "4.3"


def test_a_paraphrase_that_fits_several_recommendations_is_not_accepted(campaign: Campaign) -> None:
    match = match_text("сотрудничество ОГО и бизнеса в сфере программ", campaign)
    assert match is None or not match.accepted
