"""Regular expressions tried only at the characters a match can begin with: shared by the reading stage and the
stance stage, whose patterns of many words would otherwise be entered at every character of a text."""

from __future__ import annotations

import re
from re import _parser  # type: ignore[attr-defined]  # the regex engine's own parser: where a match can begin
from typing import Any

# A pattern that opens with a lookbehind, "\b" or an alternation of many words has no first character the regex
# engine can skip ahead to: at every character of a text it enters the pattern and tries each alternative in turn.
# A lookahead for the characters a match can begin with, derived from the engine's own parse (so that an
# alternative added later is covered), turns most of those characters away at one class test: twice as fast for
# the stance words, and the matches are the same, since a match must begin with one of those characters. Ignoring
# case, the class ignores it too, as the engine compares both by the same lower-cased character.
_ZERO_WIDTH = (_parser.ASSERT, _parser.ASSERT_NOT, _parser.AT)
_CLASS_ESCAPES = {
    _parser.CATEGORY_DIGIT: r"\d", _parser.CATEGORY_NOT_DIGIT: r"\D", _parser.CATEGORY_SPACE: r"\s",
    _parser.CATEGORY_NOT_SPACE: r"\S", _parser.CATEGORY_WORD: r"\w", _parser.CATEGORY_NOT_WORD: r"\W",
}  # fmt: skip


def compile_at_heads(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, tried only at the characters a match of it can begin with; the pattern as it
    is when those cannot be told (a match may be empty, or begin with any character but a few)."""
    parsed = _parser.parse(pattern, flags)
    heads = _heads(parsed)
    # (flags set inline at the start, "(?m)…", would stand in the middle of the pattern once it is wrapped)
    if heads is None or heads[1] or parsed.state.flags != _parser.parse("", flags).state.flags:
        return re.compile(pattern, flags)
    return re.compile(f"(?=[{''.join(sorted(heads[0]))}])(?:{pattern})", flags)


def compile_at_word_heads(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`compile_at_heads`, for a pattern whose match counts only where a word begins (its callers drop one that
    follows a letter or digit): tried only there. Inside a word the class test alone let in most letters, and at
    each the engine tried the alternation's dozens of words; the stance words are found three to four times
    faster this way (`benchmarks/bench_parse.py`). A match the caller dropped no longer hides one that overlaps it."""
    return compile_at_heads(rf"(?<![^\W_])(?:{pattern})", flags)


def _heads(items: Any) -> tuple[set[str], bool] | None:
    """The characters (as members of a class) that a match of the parsed `items` can begin with, and whether it
    can be empty; None where one begins with something else ("[^…]", ".", a flag changed inside the pattern)."""
    heads: set[str] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue  # a lookaround or an anchor consumes nothing: the next item begins the match
        inner: tuple[set[str], bool] | None = None
        if op is _parser.LITERAL:
            inner = {re.escape(chr(av))}, False
        elif op is _parser.IN:
            members = [_member(member_op, member) for member_op, member in av]
            inner = ({m for m in members if m is not None}, False) if None not in members else None
        elif op is _parser.SUBPATTERN and not av[1] and not av[2]:
            inner = _heads(av[3])
        elif op is _parser.BRANCH:
            branches = [_heads(branch) for branch in av[1]]
            inner = _either(branches)
        elif op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT):
            repeated = _heads(av[2])
            inner = None if repeated is None else (repeated[0], repeated[1] or av[0] == 0)
        if inner is None:
            return None  # ".", "[^…]", a possessive repeat, a flag changed inside: it may begin with anything
        heads |= inner[0]
        if not inner[1]:
            return heads, False
    return heads, True


def _either(branches: list[tuple[set[str], bool] | None]) -> tuple[set[str], bool] | None:
    """The heads of an alternation: any branch's; it can be empty if one branch can."""
    known = [b for b in branches if b is not None]
    if len(known) < len(branches):
        return None
    return set().union(*(heads for heads, _ in known)), any(empty for _, empty in known)


def _member(op: Any, av: Any) -> str | None:
    """One member of a class as it is written inside "[…]"; None for a negated class."""
    if op is _parser.LITERAL:
        return re.escape(chr(av))
    if op is _parser.RANGE:
        return f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}"
    return _CLASS_ESCAPES.get(av) if op is _parser.CATEGORY else None
