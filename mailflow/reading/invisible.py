"""Characters that change what a reader sees without being seen: bidi controls and zero-width marks.

`Не согласны с \u202e3.5\u202c.` holds the text "3.5" but shows "5.3" on screen, and a zero-width space
inside a number or a word hides it from the reader while a person reads it plainly; fullwidth digits look
like digits and are not ASCII ones. So they are taken out (fullwidth digits made ASCII) before the text is
read, and the reply is flagged: the reviewer compares what was read with the original.
"""

from __future__ import annotations

import re

from mailflow.reading.reply import ReviewReason

# Unicode TR9 explicit formatting (LRE…PDF, LRI…PDI), the marks LRM, RLM and ALM, and the zero-width and
# invisible characters (ZWSP, ZWNJ, ZWJ, WJ, the invisible operators, Mongolian vowel separator)
# A ZWJ between two pictographs is part of one emoji (Unicode TR51: 🤷‍♀️, 🙋‍♂️, phones write them all the
# time); it hides nothing and stays. Anywhere else it is as invisible as the rest.
_PICTOGRAPH = "\u2600-\u27bf\ufe0f\U0001f000-\U0001faff"
_INVISIBLE = re.compile(
    "[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b\u200c\u2060-\u2064\u180e]"
    f"|(?<![{_PICTOGRAPH}])\u200d|\u200d(?![{_PICTOGRAPH}])"
)
# taken out without a flag: Word's optional hyphen and a stray byte-order mark deceive nobody on screen
_HARMLESS = re.compile("[\u00ad\ufeff]")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
_FULLWIDTH_ANY = re.compile("[０-９．]")
# Any of the above: one pass of a character set, the usual answer being none (the alternation above, with
# its lookarounds, costs ten times as much per character)
_SUSPECT = re.compile(
    "[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b-\u200d\u2060-\u2064\u180e\u00ad\ufeff０-９．]"
)

INVISIBLE_REASON = "invisible_characters"


def visible(text: str) -> tuple[str, tuple[str, ...]]:
    """`text` without invisible characters and with ASCII digits, and the code points found (U+202E …)."""
    if not _SUSPECT.search(text):
        return text, ()
    found = {f"U+{ord(c):04X}" for c in _INVISIBLE.findall(text)} | {
        f"U+{ord(c):04X}" for c in _FULLWIDTH_ANY.findall(text)
    }
    text = _HARMLESS.sub("", text)
    if not found:
        return text, ()
    return _INVISIBLE.sub("", text).translate(_FULLWIDTH), tuple(sorted(found))


def invisible_reason(found: set[str]) -> ReviewReason:
    """The reason a reply that held such characters is shown to a person."""
    listed = ", ".join(sorted(found)[:8])
    return ReviewReason(
        INVISIBLE_REASON,
        f"В ответе были невидимые или необычные символы ({listed}); они убраны перед чтением. "
        "Сверьте прочитанные позиции с оригиналом.",
    )
