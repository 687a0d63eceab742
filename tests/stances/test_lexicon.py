"""Stance words in ru/ky/en, negation by scope, double negation, typos, and words that only look like stances."""

from __future__ import annotations

import pytest

from mailflow.stances.lexicon import CueKind, find_cues, fold


def kinds(text: str) -> list[CueKind]:
    return [c.kind for c in find_cues(fold(text)) if c.kind is not CueKind.GENERAL]


@pytest.mark.parametrize(
    "text",
    ["согласны", "Согласен", "согласна", "поддерживаем", "принимаем", "одобряем", "не возражаем",
     "нет возражений", "возражений не имеем", "не против", "макулбуз", "колдойбуз", "кабыл алабыз",
     "каршы эмеспиз", "We agree", "we support", "no objections", "accepted"],
)  # fmt: skip
def test_agreement_is_recognised_in_all_its_forms(text: str) -> None:
    assert kinds(text) == [CueKind.AGREE]


@pytest.mark.parametrize(
    "text",
    ["не согласны", "против", "не поддерживаем", "считаем нецелесообразным", "отклоняем", "возражаем",
     "макул эмеспиз", "колдобойбуз", "каршыбыз", "disagree", "we oppose", "do not support", "rejected"],
)  # fmt: skip
def test_disagreement_is_recognised_in_all_its_forms(text: str) -> None:
    assert kinds(text) == [CueKind.DISAGREE]


@pytest.mark.parametrize("text", ["не можем не согласиться", "не можем не поддержать", "не считаем нецелесообразным"])
def test_a_double_negation_is_agreement(text: str) -> None:
    assert kinds(text) == [CueKind.AGREE]


@pytest.mark.parametrize("text", ["частично", "partially", "partly", "жарым-жартылай"])
def test_partial_agreement_words(text: str) -> None:
    assert kinds(text) == [CueKind.PARTIAL]


@pytest.mark.parametrize(
    "text",
    ["воздерживаемся", "не относится к нам", "к нам не относится", "не входит в компетенцию", "no opinion",
     "not applicable", "бизге тиешеси жок", "калыс калабыз"],
)  # fmt: skip
def test_abstention_and_not_applicable_are_abstain(text: str) -> None:
    assert kinds(text)[:1] == [CueKind.ABSTAIN]


@pytest.mark.parametrize(
    "text", ["не во всём согласны", "не совсем поддерживаем", "не со всеми согласны", "not fully agree"]
)
def test_a_negation_of_unclear_scope_is_ambiguous(text: str) -> None:
    assert kinds(text) == [CueKind.AMBIGUOUS]


TYPOS = [("соглсны", CueKind.AGREE), ("поддерживам", CueKind.AGREE), ("не соглсны", CueKind.DISAGREE)]


@pytest.mark.parametrize(("typo", "kind"), [*TYPOS, ("частчино", CueKind.PARTIAL)])
def test_typos_in_stance_words_are_tolerated_with_lower_confidence(typo: str, kind: CueKind) -> None:
    cues = find_cues(fold(typo))
    assert [c.kind for c in cues] == [kind]
    assert cues[0].confidence < 1.0


@pytest.mark.parametrize(
    "text",
    ["согласно закону", "согласованных мер", "принимаем к сведению", "принимаем участие", "при поддержке доноров",
     "«Поддержать разработку и реализацию программ»"],
)  # fmt: skip
def test_words_that_only_look_like_stances_are_not_cues(text: str) -> None:
    assert kinds(text) == []


def test_not_only_is_not_a_negation() -> None:
    assert kinds("не только поддерживаем") == [CueKind.AGREE]


def test_folding_keeps_offsets_so_evidence_points_into_the_original() -> None:
    text = "Ё «Согласны»"
    assert len(fold(text)) == len(text)
    assert fold(text) == 'е "согласны"'


def test_latin_lookalike_letters_inside_a_russian_word_are_read_as_cyrillic() -> None:
    assert kinds("не сoглaсны") == [CueKind.DISAGREE]  # "o" and "a" typed in the Latin layout
