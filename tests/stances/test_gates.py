"""The words that gate the whole-reply patterns: a reply without any of a pattern's words is not searched with it,
so each word list must be one that every match of its pattern holds, whatever is added to the pattern later."""

from __future__ import annotations

import re
from re import _parser  # the regex engine's own parser: the pattern as the engine reads it

import pytest

from mailflow.stances.extract import _GATED, _WORDS, _search

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
