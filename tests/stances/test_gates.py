"""The words that gate the whole-reply patterns: a reply without any of a pattern's words is not searched with it,
so each word list must be one that every match of its pattern holds, whatever is added to the pattern later. And
the characters a pattern is tried at (`compile_at_heads`): every match must begin at one of them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import _parser  # the regex engine's own parser: the pattern as the engine reads it

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailflow.campaign.letter import Campaign
from mailflow.patterns import compile_at_heads, compile_at_word_heads
from mailflow.stances import refs
from mailflow.stances.extract import _GATED, _WORDS, _search
from mailflow.stances.refs import _EXCEPT_WORDS

_REPEATS = (_parser.MAX_REPEAT, _parser.MIN_REPEAT, _parser.POSSESSIVE_REPEAT)


def _holds(items: _parser.SubPattern | list[tuple[object, object]], words: tuple[str, ...]) -> bool:
    """Does every match of `items` contain one of `words` as a run of literal characters it must match?

    Conservative: a word counts only inside one run of plain characters; a branch only when each of its
    alternatives holds a word; a repeat only when it must match at least once; lookarounds never."""
    run = ""
    for op, av in [*items, (None, None)]:
        if op is _parser.LITERAL:
            run += chr(av)  # type: ignore[call-overload]
            continue
        if any(word in run for word in words):
            return True
        run = ""
        if op is _parser.SUBPATTERN and _holds(av[3], words):  # type: ignore[index]
            return True
        if op is _parser.ATOMIC_GROUP and _holds(av, words):  # type: ignore[arg-type]
            return True
        if op is _parser.BRANCH and all(_holds(branch, words) for branch in av[1]):  # type: ignore[index]
            return True
        if op in _REPEATS and av[0] >= 1 and _holds(av[2], words):  # type: ignore[index,operator]
            return True
    return False


@pytest.mark.parametrize("name", sorted(_WORDS))
def test_every_match_of_a_gated_pattern_holds_one_of_its_words(name: str) -> None:
    pattern = _GATED[name]
    assert not pattern.flags & re.IGNORECASE  # the words are matched as written, in folded (lower-case) text
    assert _holds(_parser.parse(pattern.pattern, pattern.flags), _WORDS[name])


def test_the_check_of_the_words_rejects_an_alternative_without_one() -> None:
    holds = _parser.parse(r"\bфилиал\w*|(?:от себя|лично)\b|(?:член)+|член?", 0)
    assert _holds(_parser.parse(r"\bфилиал\w*", 0), ("фил",))
    assert _holds(holds, ("филиал", "себя", "лично", "чле"))
    assert not _holds(holds, ("филиал", "себя", "лично", "член"))  # "чле" alone matches the last one
    assert not _holds(_parser.parse(r"(?:от себя|лично)", 0), ("себя",))
    assert not _holds(_parser.parse(r"(?:член)*|x", 0), ("член", "x"))


@pytest.mark.parametrize("name", sorted(_EXCEPT_WORDS))
def test_every_match_of_an_exception_pattern_holds_one_of_its_words(name: str) -> None:
    pattern = getattr(refs, name)
    assert not pattern.flags & re.IGNORECASE
    assert _holds(_parser.parse(pattern.pattern, pattern.flags), _EXCEPT_WORDS[name])


def _required(items: _parser.SubPattern | list[tuple[object, object]]) -> Iterator[tuple[object, object]]:
    """The items every match of `items` passes through: not those inside a branch or a repeat that may not run."""
    for op, av in items:
        yield op, av
        if op is _parser.SUBPATTERN:
            yield from _required(av[3])  # type: ignore[index]
        elif op in _REPEATS and av[0] >= 1:  # type: ignore[index,operator]
            yield from _required(av[2])  # type: ignore[index]


@pytest.mark.parametrize("name", ["_PANEL_BY_NUMBER", "_PANEL_BY_SUFFIX", "_PANEL_BY_ORDINAL", "_PANELS_FROM_END"])
def test_every_match_of_a_panel_pattern_gated_by_the_panel_word_holds_it(name: str) -> None:
    (word,) = _parser.parse(refs._PANEL_WORD).data
    pattern = getattr(refs, name)
    assert repr(word) in {repr(item) for item in _required(_parser.parse(pattern.pattern, pattern.flags))}


@pytest.mark.parametrize("name", refs._DIGITS_NEEDED)
def test_every_match_of_a_pattern_gated_by_a_digit_holds_one(name: str) -> None:
    (digit,) = _parser.parse(r"\d").data
    pattern = getattr(refs, name)
    assert repr(digit) in {repr(item) for item in _required(_parser.parse(pattern.pattern, pattern.flags))}


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("partial_speaker", "отвечаю от себя лично"),
        ("holding", "ответим позже"),
        ("earlier_now", "ранее – нет, теперь да"),
    ],
)
def test_a_reply_holding_a_word_is_still_searched(name: str, text: str) -> None:
    assert _search(name, text) is not None
    assert _search(name, "согласны со всеми") is None


# Each shape a head can take: a lookbehind or an anchor before it, an optional or repeated first item, a branch
# with an empty alternative, a class with a range, a category or a character the class syntax must escape
_HEADED = [
    r"(?<!\w)(?:ab|b\w+|(?<=c )a)", r"(?:^|c)a-", r"c?a*b", r"\bab\b", r"(?<![\d,])(?<!\d\.)\d{1,2}\.\d",
    r"[а-в\]\-^]a", r"(?:(?<=a)|(?<=b ))c|\s+a", r"(a)?(?P<x>b|c)+", r"(?i:ab)|c", r"(?:a|[^b])c", r".a", r"a*+b",
    r"(?:b|)a?", r"(?m)^a|b$",
]  # fmt: skip
_HEADS_CANNOT_BE_TOLD = {r"(?i:ab)|c", r"(?:a|[^b])c", r".a", r"a*+b", r"(?:b|)a?", r"(?m)^a|b$"}


_Found = list[tuple[tuple[int, int], tuple[str | None, ...]]]


def _matches(pattern: re.Pattern[str], text: str) -> tuple[_Found, tuple[int, int] | None]:
    """Every match found searching, with its groups, and the span of the match at the text's start."""
    at_start = pattern.match(text)
    return [(m.span(), m.groups()) for m in pattern.finditer(text)], at_start and at_start.span()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcабв1,.-^] \n", max_size=30))
def test_a_pattern_tried_at_its_heads_finds_what_it_finds_everywhere(text: str) -> None:
    for pattern in _HEADED:
        assert _matches(compile_at_heads(pattern), text) == _matches(re.compile(pattern), text)


# Ignoring case (the reading stage's phrases): letters whose case the engine folds to another letter's ("ſ" is an
# "s", the Kelvin sign a "k", "İ" an "i") and letters that differ from their capitals in another script
_IGNORING_CASE = [r"sk|in\b", r"(?<!\w)(?:пр|ab)", r"[a-cк]x|\bп", r"(?:s|ǅ)+d"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="skiabcdxпркSKIABCDXПРК\u017f\u212a\u0130\u0131\u01c4\u01c5\u01c6 \n", max_size=30))
def test_a_pattern_ignoring_case_tried_at_its_heads_finds_what_it_finds_everywhere(text: str) -> None:
    for pattern in _IGNORING_CASE:
        headed = compile_at_heads(pattern, re.IGNORECASE)
        assert headed.pattern != pattern
        assert _matches(headed, text) == _matches(re.compile(pattern, re.IGNORECASE), text)


@pytest.mark.parametrize("pattern", _HEADED)
def test_a_pattern_whose_heads_cannot_be_told_is_compiled_as_it_is(pattern: str) -> None:
    assert (compile_at_heads(pattern).pattern == pattern) is (pattern in _HEADS_CANNOT_BE_TOLD)


def _at_word_starts(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """The matches a left-to-right scan finds when it tries `pattern` only where no letter or digit stands before."""
    found, at = [], 0
    while at <= len(text):
        m = None if at and text[at - 1].isalnum() else pattern.match(text, at)
        if m is None:
            at += 1
            continue
        found.append(m.span())
        at = m.end() if m.end() > at else at + 1
    return found


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcабв1_,.-^] \n", max_size=30))
def test_a_pattern_tried_at_word_heads_finds_what_it_finds_where_words_begin(text: str) -> None:
    for pattern in [*(p for p in _HEADED if not p.startswith("(?m)")), r"ab|b", r"бв?|ав"]:  # (no flags inside)
        spans = [m.span() for m in compile_at_word_heads(pattern).finditer(text)]
        assert spans == _at_word_starts(re.compile(pattern), text)


def test_the_heads_of_a_pattern_are_the_characters_its_matches_begin_with() -> None:
    assert compile_at_heads(r"(?<!\w)(?:да|нет|ok?)\b").pattern == r"(?=[oдн])(?:(?<!\w)(?:да|нет|ok?)\b)"
    assert compile_at_heads(r"x?\d").pattern == r"(?=[\dx])(?:x?\d)"


# Words of every kind `find_refs` looks for, the kinds of "all" among them: a text without an "all" it can read
# (`refs.names_all`) must get no quantifier, whatever else stands around it
_REF_WORDS = [
    "все", "всем", "всеми", "всех", "all", "every", "the rest", "остальным", "калгандары", "бардыгына", "others",
    "hi", "привет", "рекомендации", "recommendations", "большинство", "some of", "кроме", "except", "3.5", "4.1-4.3",
    "3,5", "панель", "panel 3", "2-панель", "для бизнеса", "for business", "pass", "19", "other", "—", ":", ",", ".",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_REF_WORDS), max_size=8))
def test_a_text_without_an_all_gets_no_quantifier(campaign: Campaign, words: list[str]) -> None:
    text = " ".join(words)
    found = refs.find_refs(text, campaign)
    quantifiers = [r for r in found if r.level == refs.GLOBAL and not r.implied and not r.problem]
    assert refs.names_all(text) or not quantifiers
