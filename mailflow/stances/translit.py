"""Russian typed in Latin letters on a phone ("soglasny so vsemi krome 3.5"), read as the Cyrillic it stands for.

The lexicon knows Russian stance words in Cyrillic only; rather than a Latin twin for each, such a reply is
transliterated back with cyrtranslit (its Russian table) and read like any other. cyrtranslit writes "y" as
"и"; in Russian typed on a phone a "y" that does not start "ya", "yu", "yo", "ye" is nearly always "ы"
("soglasny", "my"), so that one letter is settled first. Every check of the stance stage still applies: a
word the transliteration spells oddly is a word not read, and the reply goes to a person. The reasons
recorded are given back in the Latin letters typed: they are the respondent's words, not ours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import cyrtranslit

from mailflow.patterns import compile_at_heads

# Words that only Russian in Latin letters has; English words inside such a reply ("no", "ok") would
# otherwise pass it off as English. Two different ones make the call.
_MARKERS = compile_at_heads(
    r"\b(?:chto|eto|vse|vsem|vsemi|vsekh|vseh|soglasn\w*|krome|ostaln\w*|ponyatn\w*|spasibo|zdravstv\w*"
    r"|dobr(?:yi|yj|iy|yy|oe|ogo)|uvazhen\w*|podderzh\w*|protiv|rekomendac\w*|dlya|nashi|nashei|tolko|nuzhno"
    r"|mozhno|budet|pozhe|pozje|vozderzh\w*|chastichn\w*|kollegi|privet|pozicij\w*|poziciy\w*|nado|obsud\w*"
    r"|otvet\w*|chlen\w*|polnost\w*|paneli|pervaya|vtoraya|tretya|tozhe|poka|reshil\w*|napish\w*|soobshch\w*"
    r"|podderj\w*|rahmat|raxmat|rakhmat|odobr\w*)\b",
    re.IGNORECASE,
)
# English words a phone's Latin Russian mixes in ("Dobryi den! Support all, 3.5 ne podderzhivaem."): kept as typed,
# so that the lexicon reads them in English rather than as Russian spelt oddly
_ENGLISH_WORDS = frozenset(
    ["support", "supports", "supported", "agree", "agreed", "disagree", "all", "except", "rest", "everything", "the",
     "and", "with", "we", "to", "of", "our", "for", "is", "are", "yes", "ok", "okay", "fine", "panel", "panels",
     "recommendation", "recommendations", "abstain"]
)  # fmt: skip
# (after a vowel it is "й": "moy", "kakoy")
_HARD_Y = re.compile(r"(?<![aeiouAEIOU])(?:y(?![aueo])|Y(?![aueoAUEO]))")
# Words a phone's Latin spells without their soft sign, which the Cyrillic needs to be read ("tolko 4.4 ne
# ochen": only 4.4, not so much); cyrtranslit writes a soft sign for an apostrophe
_SOFT_SIGN = re.compile(r"^(?:tol(?=ko$)|ochen$|ostal(?=n)|polnost(?=yu$)|profil$)", re.IGNORECASE)  # "ne nash profil"
# "podderjivaem": a phone's "j" for "ж" in the one stem where it is common (cyrtranslit reads "j" as "й")
_J_FOR_ZH = re.compile(r"(?<=^podder)j|(?<=^Podder)j|(?<=^PODDER)J")


# A stance word no English reply holds is enough on its own ("Soglasny, no 4.3 net."), unless English words
# stand around it ("soglasny with all except 3.5": that reply mixes the two, and a person reads it)
_STANCE_MARKER = re.compile(
    r"\b(?:soglasn|podderzh|podderj|vozderzh|odobr)\w*|\bprotiv\b"
    r"|\bkrome\b(?!\s+\d)",  # ("krome 4.3" in an English reply is read as its "except")
    re.IGNORECASE,
)
_ENGLISH = re.compile(r"\b(?:the|and|with|we|all|except|to|of|our|for|is|are)\b", re.IGNORECASE)


def latin_stance_word(text: str) -> str | None:
    """The first Russian stance word typed in Latin letters ("soglasny"), which the lexicon cannot read as typed."""
    m = _STANCE_MARKER.search(text)
    return m.group() if m else None


def typed_in_latin(text: str, stance_word: str | None) -> bool:
    """Is this Russian written in Latin letters? `stance_word`: `latin_stance_word(text)`, found once by the
    caller, which also needs it."""
    if len({m.lower() for m in _MARKERS.findall(text)}) >= 2:
        return True
    return stance_word is not None and _ENGLISH.search(text) is None


# A word or a single mark: cyrtranslit's letter groups ("shch", "ya") never cross a space or a mark's edge
# except the apostrophe of a soft sign, which stays inside its word
_TOKEN = re.compile(r"[\w']+|[^\w\s']")


@dataclass(frozen=True)
class Transliteration:
    """A reply typed in Latin letters and the Cyrillic it stands for, token by token, so that a piece of the
    Cyrillic the stance stage read (a reason) can be given back in the letters the respondent typed."""

    latin: str
    cyrillic: str
    spans: tuple[tuple[int, int, int, int], ...]  # per token: its start and end in the Cyrillic, then the Latin

    def typed(self, part: str) -> str:
        """The respondent's own words for `part`: the committee reads "net smysla v selah", not our spelling
        of it. A piece that is not a plain slice of the Cyrillic (two reasons joined) stays as it is."""
        start = self.cyrillic.find(part)
        if not part or start < 0:
            return part
        end = start + len(part)
        first = next(s for s in self.spans if start < s[1])  # the token it starts in, or the one after a space
        last = next(s for s in reversed(self.spans) if s[0] < end)
        begin = first[2] + max(0, start - first[0]) if _same_length(first) else first[2]
        stop = last[3] - max(0, last[1] - end) if _same_length(last) else last[3]
        return self.latin[begin:stop]


def _same_length(span: tuple[int, int, int, int]) -> bool:
    """A token spelt with as many letters in both scripts: a cut inside it falls on the same letter."""
    return span[1] - span[0] == span[3] - span[2]


def transliterate(text: str) -> Transliteration:
    """Russian typed in Latin letters, with the Cyrillic it stands for; digits and punctuation are kept."""
    pieces: list[str] = []
    spans: list[tuple[int, int, int, int]] = []
    at = done = 0
    for m in _TOKEN.finditer(text):
        gap = text[done : m.start()]  # whitespace, kept as it is
        latin = _J_FOR_ZH.sub("zh", _SOFT_SIGN.sub(lambda soft: soft.group() + "'", m.group()))
        token = (
            m.group()
            if m.group().lower() in _ENGLISH_WORDS
            else cyrtranslit.to_cyrillic(_HARD_Y.sub(lambda y: "ы" if y.group() == "y" else "Ы", latin), "ru")
        )
        pieces += [gap, token]
        at += len(gap)
        spans.append((at, at + len(token), m.start(), m.end()))
        at += len(token)
        done = m.end()
    pieces.append(text[done:])
    return Transliteration(text, "".join(pieces), tuple(spans))
