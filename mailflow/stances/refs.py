"""Which recommendations a piece of a reply points at: IDs, ranges, panels, audiences, "all", exceptions.

Every reference carries a `level` of specificity (an ID beats a panel, a panel beats "all"), so that
"Поддерживаем все. По 3.5 не согласны" reads as an exception rather than a contradiction. A number that
could mean two things, or an ID the campaign does not have, is returned with a `problem` instead of IDs:
the stance stage turns problems into review flags, never into guesses.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from rapidfuzz import fuzz

from mailflow.campaign.letter import Audience, Campaign
from mailflow.patterns import compile_at_heads
from mailflow.stances.lexicon import Taken, find_cues, fold

EXPLICIT, GROUP, GLOBAL = 2, 1, 0


@dataclass(frozen=True)
class Ref:
    """A reference at `start:end` of the folded text to the recommendations `ids`."""

    start: int
    end: int
    ids: tuple[str, ...]
    level: int
    excepted: bool = False  # named after "кроме" / "except": left out of the statement around it
    implied: bool = False  # plural "рекомендации" with nothing more specific: all, unless refined
    problem: str | None = None  # "unknown_id" or "ambiguous_number": the text said something unusable
    label: str = ""


# ("п.3.6": a dot after a letter may lead; "3.1,3.2" typed without a space: a comma right after an ID)
ID = r"(?:(?<![\d,])|(?<=\d\.\d,)|(?<=\d\.\d\d,))(?<!\d\.)\d{1,2}\.\d{1,2}(?!\d)(?!\.\d)"
_RANGE = compile_at_heads(
    # Kyrgyz "3.1ден 3.8ге чейин", "1.1ден тартып 4.4кө чейин", "1.1 сунуштан 3.5 сунушка чейин"
    rf"({ID})\.?(?:\s*-?\s*сунуш(?=[дт][ае]н(?:\s+тартып|[^\n]{{0,30}}?чейин)))?\s*(?:-|–|—|\.\.|по|до|to|through|-?(?:ден|дан|тен|тан)(?:\s+тартып)?)"
    rf"\s*(?:п\.\s*)?({ID})(?:(?:\s*-?\s*сунуш)?-?(?:ге|га|ке|ка|гө|кө|го|ко)\s+чейин\w*)?(?!\w|-\d)"
)
# "1.1+ 1.2+ 3.5- 3.6+": in a row of votes a dash stuck to one ID and spaced from the next is a "minus"
_VOTE = compile_at_heads(rf"{ID}[+−-](?=\s|$)")
# "макулбуз баарына 3.5ке чейин": all up to 3.5, but with 3.5 or not? (a range's end, "1.1ден 3.5ке чейин", is
# taken by `_RANGE` first)
_UP_TO = compile_at_heads(rf"{ID}\s*-?(?:ге|га|ке|ка|гө|кө|го|ко)\s+чейин\w*")
_VOTES_RANGE = compile_at_heads(
    rf"({ID})\.?(?:-(?!\s)|\s+-|\s*(?:–|—|\.\.|по|до|to|through|-?(?:ден|дан|тен|тан)))\s*(?:п\.\s*)?({ID})"
    r"(?!\w|-\d)"
)


# An answer in a row of votes that is no "+" or "-": "… 3.8+ 4.1+ 4.3 возд. 4.4+"
_WORD_VOTE = compile_at_heads(
    rf"{ID}\s*(?:±|\+/-|\+-|\?|возд\.|воздерж\w*|да|нет|yes|no|n/a|abstain)(?=[\s,;]|$)", re.IGNORECASE
)


def votes_row(text: str) -> bool:
    """Every ID with a "+" or "-" stuck to it, or a one-word answer after it: a row of votes, not ranges
    ("1.1+ 3.5- 3.6+", "3.1+ 3.2- 3.3+ 4.3 возд.": with the one "возд." the row was read as ranges, "3.2- 3.3",
    and 3.2 agreed)."""
    votes = len(_VOTE.findall(text))
    return votes >= 2 and votes + len(_WORD_VOTE.findall(text)) == len(_ID.findall(text))


_ID = compile_at_heads(ID)
_DIGIT = re.compile(r"\d")
# (tests/stances/test_gates.py derives from each that every match of it holds a digit)
_DIGITS_NEEDED = (
    "_COMMA_RANGE", "_COMMA_LIST", "_COMMA_ROW", "_VOTES_RANGE", "_RANGE", "_ID", "_COMMA_ID", "_BARE_NUMBER",
    "_COMMA_PAIR_ID", "_COMMA_BETWEEN_IDS", "_SUB_ID", "_UP_TO",
)  # fmt: skip
_ORDINALS = {
    1: r"перв\w*|1-?(?:й|го|ой|му|м)|first|биринчи",
    2: r"втор\w*|2-?(?:й|го|ой|му|м)|second|экинчи",
    3: r"трет\w*|3-?(?:й|го|ей|ий|му|м)|third|учунчу|үчүнчү",
    4: r"четверт\w*|4-?(?:й|го|ой|му|м)|fourth|тортунчу|төртүнчү",
}
_PANEL_WORD = (
    r"(?:раздел\w*|панел\w*(?:\s+дискусси\w*)?|секци\w*|блок\w*|section\w*|panel\w*|part\b|бөлүм\w*|болум\w*"
    r"|бөлүг\w*|бөлүк\w*)"
)
# Every pattern that names a panel by its word holds one, and most texts hold none: one search for the word (its
# branches all open with a letter, which the engine skips ahead to) spares them a search each
_ANY_PANEL_WORD = re.compile(_PANEL_WORD)
_NUMBER_LIST = r"\d{1,2}(?:\s*(?:,|и|and|&|жана)\s*\d{1,2}){0,19}"
# Panel numbers: one digit, perhaps with an ordinal ending ("2-й", "4-ю"), in lists and ranges ("1, 2 и 4",
# "1–3", "1-2-3", "со 2-й по 4-ю"), before or after the panel word ("панели 1–3", "1, 2, 4-панелдер").
_PANEL_NUMBER = r"\d(?:-?(?:й|я|ю|е|го|ой|ий|ей|му|м|ми|х)(?!\w))?(?![\d.]\d)"
_PANEL_SEPARATOR = r"\s*(?:-?\s*,|-?\s*и|and|&|-?\s*жана|-|–|—|по|to|through)\s*"  # "1-жана 2-панелдердин"
_PANEL_LIST = rf"{_PANEL_NUMBER}(?:{_PANEL_SEPARATOR}(?:№\s*)?{_PANEL_NUMBER}){{0,4}}"  # bounded: linear on "1-1-1-…"
# ("Цифровая панель (№3) — согласны": the number in brackets)
_PANEL_BY_NUMBER = re.compile(rf"{_PANEL_WORD}\s*(?:\(\s*)?(?:№\s*|no\.?\s*|#\s*)?({_PANEL_LIST})(?!\.?\d)")
_PANEL_BY_SUFFIX = compile_at_heads(rf"(?<![\d.,])({_PANEL_LIST})-?\s*{_PANEL_WORD}")
_ORDINAL_ENDING = re.compile(r"(\d)-?(?:й|я|ю|е|го|ой|ий|ей|му|м|ми|х)(?!\w)")
_RANGE_WORD = re.compile(r"\d|[-–—]|по|to|through")
_ORDINAL_WORD = "(?:" + "|".join(f"(?:{p})" for p in _ORDINALS.values()) + ")"
_ORDINAL_JOIN = re.compile(r"\s*,\s*(?:(?:и|and|жана)\s+)?|\s+(?:и|and|жана)\s+")
# "panel three", "panels one to four": English cardinals after the word for a panel (not Russian or Kyrgyz ones:
# "в панели три рекомендации", "панелдин бир нече сунушу" count recommendations)
_CARDINALS = {1: r"one", 2: r"two", 3: r"three", 4: r"four"}
_CARDINAL_WORD = "(?:" + "|".join(_CARDINALS.values()) + ")"
_CARDINAL_RANGE = r"\s*(?:[-–—]|\s(?:to|through|по|до)\s)\s*"  # "panels one to four"
_PANEL_BY_CARDINAL = re.compile(
    rf"{_PANEL_WORD}\s+({_CARDINAL_WORD}(?:(?:{_ORDINAL_JOIN.pattern}|{_CARDINAL_RANGE}){_CARDINAL_WORD}){{0,3}})"
    r"(?!\w)"
)
# "первую, вторую и четвёртую панели", "Биринчи, экинчи жана үчүнчү панелдердин": a list of ordinals
_PANEL_BY_ORDINAL = compile_at_heads(
    rf"(?<!\w)({_ORDINAL_WORD}(?:(?:{_ORDINAL_JOIN.pattern}){_ORDINAL_WORD}){{0,3}})\s+{_PANEL_WORD}"
)
# "Третья панель — да.\nЧетвёртая — да, кроме 4.4": once a reply names panels by ordinals, a line (or a list
# item: "первая панель — ооба, вторая — ооба") that opens with an ordinal and a dash speaks of that panel; so do
# a few ("По первой и второй — тоже да", "Первую и вторую тоже поддерживаем")
_ELLIPTIC_ORDINAL = re.compile(
    # (bounded: linear on "! ! ! …"; "С 1-й и 3-й — нет" by digits too)
    rf"(?m)(?:^|(?<=[.!?,;]\s))[^\w\n]{{0,10}}(?:(?:по|с|со|из|on|for)\s+)?(?=[^\W\d]|\d-(?:й|ю|ей|ой)(?!\w))"
    rf"({_ORDINAL_WORD}(?:(?:{_ORDINAL_JOIN.pattern}){_ORDINAL_WORD}){{0,3}})"
    # ("…, четвертую целиком.": the stance of the panels before it, said by a degree alone, ending the clause; not
    # "Панель 4. Первую полностью поддерживаем": the first of panel 4)
    r"(?=\s*[—–:-]|\s+(?:целиком|полностью|fully|entirely)\s*(?:[.,;!]|$)|\s+(?:тоже|также|too|поддерж\w*|соглас\w*|принима\w*|одобря\w*|воздерж\w*|против|не\s"
    r"|(?:вопросов|замечаний)\s+нет)\b)"  # "По первой и второй вопросов нет, согласны"
)


def elliptic_panels(text: str) -> str:
    """`text` with the panel word written out after an ordinal that stands for it (see `_ELLIPTIC_ORDINAL`)."""
    folded = fold(text)
    # "Панель | Позиция" over "1 | согласны" / "3 | не согласны — …": a table whose first column is the panel's
    column = _PANEL_COLUMN.search(folded)
    rows = list(_PANEL_ROW.finditer(folded, column.end())) if column else []
    # (a reply that speaks of panels by number will do too: "Панели 1, 2 и 4 поддерживаем целиком. По третьей:")
    named = (_PANEL_BY_ORDINAL, _PANEL_BY_NUMBER, _PANEL_BY_SUFFIX) if _ANY_PANEL_WORD.search(folded) else ()
    if not rows and not any(p.search(folded) for p in named):
        return text
    pieces, copied = [], 0
    heads = list(_ELLIPTIC_ORDINAL.finditer(folded)) + rows
    if _PANEL_LINE.search(folded):
        # (not a count or a numbered note: "3 организации сети против 4.1", "Комментарии:\n1 – …": a bare
        # number is a panel's only if no "N панель" line has it and the line just above heads a panel)
        panel_lines = list(_PANEL_LINE.finditer(folded))
        numbers = {m.group(1) for m in panel_lines}
        heads_at = {m.start() for m in panel_lines}  # the lines a bare number may follow: grows with the bare ones
        bare: list[re.Match[str]] = []
        for m in _BARE_PANEL_LINE.finditer(folded):
            above = folded.rfind("\n", 0, max(0, folded.rfind("\n", 0, m.start() + 1))) + 1
            if m.group(1) not in numbers and above in heads_at:
                bare.append(m)
                numbers.add(m.group(1))
                heads_at.add(m.start())
        heads += bare
    for m in sorted(heads, key=lambda m: m.start()):
        pieces += [text[copied : m.end(1)], " панель"]
        copied = m.end(1)
    return "".join([*pieces, text[copied:]])


# "1 панель макул / 2 макул / 3 панель 3.5тен башкасы макул / 4 макул": among lines headed "N панель", a line
# headed by a bare number and a word is a panel's too (not a numbered list's "1. …", "2) …")
_PANEL_LINE = re.compile(rf"(?m)^[^\S\n]*(\d)-?[^\S\n]*{_PANEL_WORD}")
# (the blanks before the cell are taken whole, "*+": backing into a line of 100,000 spaces was quadratic)
_PANEL_COLUMN = re.compile(rf"(?m)^[^\S\n]*+\|?[^\S\n]*+{_PANEL_WORD}[^\S\n]*(?:\||\t)")
_PANEL_ROW = re.compile(r"(?m)^[^\S\n]*+\|?[^\S\n]*+([1-4])[^\S\n]*(?=\||\t)")
_BARE_PANEL_LINE = re.compile(
    rf"(?m)^[^\S\n]*(\d)(?=(?:[^\S\n]*[—–:-])?[^\S\n]+[^\W\d])(?!(?:[^\S\n]*[—–:-])?[^\S\n]+{_PANEL_WORD})"
)


# "- Planning regional development with citizens and CSOs: we agree." over "- Data, digital services …: agree,
# except 3.5": a by-panel answer that heads each line with a panel's title, translated or shortened, for its number
# (or 'On "Planning regional development …" — agree.', a dash after it)
_TITLE_HEAD = re.compile(
    r"^([ \t]*+(?:[-•*–][ \t]*+)?)([\"«“]?[^\W\d][^.:;!?\n\d]{8,120}?)(?=[ \t]*(?::|[—–]|\s-)[ \t]+\S)", re.M
)
_FIRST_PERSON = re.compile(r"(?<!\w)(?:we|our|i|мы|наш\w*|я|биз|биздин)(?!\w)")


def titled_panels(text: str, campaign: Campaign) -> str:
    """`text` with "панель N" written before each line head that is panel N's title, when lines of the reply are so
    headed by the titles of three panels or more (one or two such lines may paraphrase a recommendation: "Digital
    literacy campaigns for rural people: agree" is 3.4, not panel 3)."""
    heads = []
    for m in _TITLE_HEAD.finditer(text):
        head = fold(m.group(2))
        panels = panels_by_words(head, campaign)
        if len(panels) == 1 and len(head.split()) >= 3 and not _FIRST_PERSON.search(head) and not find_cues(head):
            heads.append((m.end(1), panels.pop()))
    if len({n for _, n in heads}) < 3:
        return text
    pieces, copied = [], 0
    for at, number in heads:
        pieces += [text[copied:at], f"панель {number} "]
        copied = at
    return "".join([*pieces, text[copied:]])


# A reply that writes its IDs with decimal commas, "Рек. 2,1 – да. Рек. 3,4 и 3,7 – да, 3,5 – нет": one named so
# after a word for a recommendation, three such pairs, none with a dot anywhere; its bare pairs are IDs too (not
# "1,5 млн сом")
_DOTTED_ID = re.compile(r"(?<![\d.,])\d\.\d(?!\d)")
# (followed by a dash, a stop, a bracket, "и"/"да"/"нет" or a stance word as an ID is: not "1,5 месяца", "2,1
# сотрудника")
_BARE_COMMA_PAIR = re.compile(
    r"(?<![\d.,])(\d),(\d)(?![\d]|,\d)(?=\s*(?:[–—:;,.)(\n-]|$)|\s+(?:и|and|жана|да|нет|ок|ok|yes|no|не)(?!\w)"
    r"|\s+(?:поддерж|соглас|принима|против|воздерж|макул|колдо|каршы|agree|support|disagree|oppose|abstain))"
)


def comma_notation(text: str, campaign: Campaign) -> str:
    """`text` with the decimal commas of its IDs written as dots, when the reply itself writes IDs so (see above);
    `text` as it is otherwise."""
    if "," not in text or _DOTTED_ID.search(text) or not _COMMA_ID.search(fold(text)):
        return text
    known = [m for m in _BARE_COMMA_PAIR.finditer(text) if campaign.get(f"{m.group(1)}.{m.group(2)}") is not None]
    if len(known) < 3:  # ("рек. 3,4 поддерживаем, 3,5 — нет": one more is not yet a habit; writers were split)
        return text
    pieces, copied = [], 0
    for m in known:
        pieces += [text[copied : m.start()], f"{m.group(1)}.{m.group(2)}"]
        copied = m.end()
    return "".join([*pieces, text[copied:]])


# "первые две панели", "the last three sections": a count of panels from one end of the letter
_PANELS_FROM_END = compile_at_heads(
    r"(?<!\w)(?P<end>перв\w*|first|биринчи|алгачкы|последн\w*|last|акыркы)\s+"
    r"(?P<n>дв[аеуо]\w*|тр[еиоё]\w*|two|three|эки|үч|уч|[23])\s+" + _PANEL_WORD
)
_SPOKEN_NUMBERS = {
    word: number
    for number, words in enumerate(
        [("один", "одна", "one"), ("два", "две", "two"), ("три", "three"), ("четыре", "four"), ("пять", "five"),
         ("шесть", "six"), ("семь", "seven"), ("восемь", "eight")],
        start=1,
    )
    for word in words
}  # fmt: skip
_SPOKEN_WORD = "|".join(_SPOKEN_NUMBERS)
_SPOKEN_JOINS = ("точка", "запятая", "point", "dot")
_SPOKEN_ID = re.compile(rf"(?<!\w)({_SPOKEN_WORD})\s+(?:{'|'.join(_SPOKEN_JOINS)})\s+({_SPOKEN_WORD})(?!\w)")
# "Биринчи панелден төртүнчү панелге чейин", "1-панелден 4-панелге чейин": a Kyrgyz range of panels
_KY_PANEL_RANGE = re.compile(
    rf"(?<!\w)(?P<a>{_ORDINAL_WORD}|\d)-?\s*{_PANEL_WORD}\s+(?P<b>{_ORDINAL_WORD}|\d)-?\s*{_PANEL_WORD}\s+чейин\w*"
)
_AUDIENCE = compile_at_heads(
    r"(?:адресованн\w*|обращенн\w*|предназначенн\w*|касающи\w+|(?:которые|что) касаются"
    r"|(?<!на то, )что касается|связанн\w* с|для"  # (not "отвечаем на то, что касается …: 1.2, …")
    r"|for|to(?!\s+organisations)"  # (not "we leave these to organisations working in regional planning")
    r"|addressed to|relat(?:ed|ing) to|connected (?:to|with)"
    r"|relevant to|concerning)\s+"
    # (not "board seats for businessmen", "для бизнесменов": people, not the business associations 3.1 and 3.2 are for)
    r"(?P<a>бизнес(?!мен)\w*|частно\w* сектор\w*|business(?!m[ae]n|people|person)\w*|private sector|ого|нко|cso\w*"
    r"|ngo\w*|organisations"
    r"|организаци\w+ гражданск\w+ обществ\w*)"
    r"|(?P<b>бизнес\w*|ого|өбу|өэу|уюмдар\w*)\s+(?:үчүн|учун|арналган)"
)
# "they are (mainly) addressed to …", "они адресованы …": what those already named are, not which ones (not "those
# which are addressed to …", "те, что для …": a choice among them)
_THEY_ARE = re.compile(
    r"(?<!\w)(?:(?:they|these|it)\s+(?:are|is|were|'re)|(?:они|она|оно)(?:\s+(?:все|же|скорее))?)\s+(?:\w+\s+)?"
    r"(?:(?:addressed|aimed|meant|directed|targeted|intended|адресован\w*|обращен\w*|предназначен\w*)\s+(?:\w+\s+)?)?$"
)
_NAMED_BEFORE = re.compile(
    r"\d\.\d{1,2}\s*[—–(-]\s*(?:(?:i\.\s?e\.|namely|то есть|а именно),?\s*)?(?:the ones|those|те|которые)?,?\s*$"
)
_NAMED_AFTER = re.compile(r"\s*\(\s*(?:panels?|панел\w*|раздел\w*|sections?|пп?\.|\d\.\d)")
_THESE_NAMED = re.compile(r"\d\.\d{1,2}[^.;!?\n\d]{0,40}(?<!\w)(?:эти|these|those)\s+$")
_LISTED_BEFORE = re.compile(r"\d\.\d{1,2}\s*,\s*$")
_SPACED_DASH = re.compile(r"\s[-–—]\s")
# "протокол №3", "протокол № 4 от 20.03.2023": a document's number, not a recommendation's or a panel's
DOCUMENT_NUMBER = re.compile(
    r"(?:протокол\w*|решени\w*|приказ\w*|постановлени\w*|письм\w*|исх\.?|вх\.?|minutes|protocol|ref\.?)\s*(?:№|no\.?|#)\s?$"
)
_TOUCHING = re.compile(
    r"касающи|(?:которые|что) касаются|что касается|relevant to|concerning|связанн|relat(?:ed|ing) to|connected"
)
# "The rest": Kyrgyz "калган" is also a verb form ("иштебей калган", it stopped working), so only its noun
# forms and "калган" before a noun of the letter count.
REST = (
    r"осталь?н\w+|проч(?:ие|их|им|ими|ее)\b|the rest|the others|the other (?:ones|recommendations)\b"
    # ("Disagree with 3.5. Others ok.": had been 3.5's why, the others unread)
    r"|(?<!\w)others(?=\s+(?:are|is)\b|\s*[—–:-]|\s+(?:ok|okay|fine|yes|agreed?|good|too)\b)|remaining"
    r"|everything else|(?:^|(?<=[.!?]\s))rest(?=\s)"  # "Disagree 3.5 - rural internet is too weak. Rest fine."
    r"|(?<=agree )rest(?=\s*[.!]|\s*$)"  # "Disagree 3.5, 3.8. Agree rest."
    r"|(?<=,\s)rest(?=\s+(?:ok|okay|fine|yes|agreed?|good)\b)"  # "…, no to 3.5 and 3.6, rest ok"
    r"|(?:the )?other(?=\s+\d{1,2}\b(?![.,]\d))"  # "Happy with the other 18."
    # "On 4.4 we disagree: … Otherwise we agree." (not "…, otherwise public monitoring will have no access")
    r"|o(?:(?<=^o)|(?<=[.!?]\so))therwise(?=,?\s+(?:we|i|all|everything|fine|ok|agree|support|happy)\b)"
    # ("Калган он сегиз сунушка": the remaining eighteen, its count in words)
    r"|калгандар\w*|калганы\w*"
    r"|калган(?=\s+(?:\d+\s+|он(?:\s+\w+)?\s+|(?:эки|үч|төрт)\s+)?(?:сунуш|рекомендац|баар|бардык|пункт|панел))"
    r"|башкасы\w*"
    # "Башка сунуштарга каршылыгыбыз жок": the other recommendations (not "3.6дан башка сунуштарга", an exception)
    r"|б(?<![дтн][аеоө]н б)(?<![дтн][аеоө]нб)ашка(?=\s+(?:сунуш|рекомендац|пункт))"
    r"|башка(?=\s+(?:панел|сунуш|пункт)\w*\s+боюнча\b)"  # "Башка панелдер боюнча пикирибиз жок"
    r"|башкалар(?!ды\s+[^\W\d]+(?:уу|үү)(?:га|гө|ну|нү)?(?!\w))\w*"  # (not "башкаларды окутууга", teaching others)
    # "По другим панелям замечаний нет", "other recs also fine by us"
    r"|друг(?:ие|им|их|ими)(?=\s+(?:\w+\s+)?(?:панел|рекомендац|пункт|раздел))"
    # "4.3 не поддерживаем. С другими согласны." (opening its sentence; not "в этом мы с другими согласны": people)
    r"|(?:(?<=^с )|(?<=[.!?\n] с ))другими(?=\s+(?:мы\s+)?(?:полностью\s+)?соглас)"
    r"|(?<!\w)other(?=\s+(?:recs?|recommendations|points|items|panels|sections)\b)"
)
REST_WORD = compile_at_heads(REST)  # "the rest" on its own, compiled once for every stage that looks for it
# "Hi all, we agree with 3.4", "Всем привет, поддерживаем 3.4": a greeting's "all" is the people greeted (looked
# for around each "all" found: as lookarounds of `_ALL` they were tried at every character of every reply)
_GREETED_BEFORE = re.compile(r"(?:\b(?:hi|hey|dear|hello)|thank you|thanks) $")
_GREETED_AFTER = re.compile(r"\s+(?:привет|добр\w+|здравствуйте|спасибо)\b| the best\b")
_ALL = compile_at_heads(
    r"(?<!\w)(?:(?:все|всех|всем|всеми|all|бардык)\s+19|19(?=\s+(?:рекомендаци|сунуш|recommendations))|все|всё|всех|всем|всеми|весь|всю|all|every|each"
    rf"|rest(?=\s*[—–:-])|бардык|бардыгы\w*|баары|баарын|баарына|баардык|в полном объеме|everything"
    # ("we abstain across the board", not "costs are rising across the board")
    r"|(?:(?<=abstain )|(?<=support )|(?<=agree )|(?<=oppose )|(?<=reject )|(?<=accept ))across the board"
    rf"|вся|{REST})(?!\w)"
    r"(?!\s+(?:равно|же|-таки)(?!\w))"  # "все равно" is "anyway", "всё же" is "still"
    # "от имени всех 27 клубов", "all our members": all of someone, not of the recommendations
    r"(?!\s+(?:высказал|проголосовал)\w*)"  # "все высказались «за»": everyone, who then said what
    # ("our members are all rural women's groups": one word may stand between)
    r"(?!\s+(?:\d+\s+)?(?:(?:наш|our|their)\w*\s+)?"
    r"(?:(?!рекоменд|recommend|пункт|point|item|сунуш|панел|panel|раздел|section)[^\W\d]{3,}\s+)?"
    r"(?:член|клуб|организаци|участник|сотрудник|мастер|женщин|сел"
    r"|район|регион|област|партнер|коллег|member|club|organi[sz]ation|partner|colleague|staff|people|women|group"
    # ("a Public Council under each district administration": every one of some place)
    r"|district|region|oblast|village|city|town|school|municipalit|council|administration|household|citizen"
    r"|success|luck|успех|удач))"  # "We wish the process every success"
)
# before a count of recommendations ("two recommendations"): an exception's or a pointer's, which names them
_COUNT_NAMED = re.compile(r"(?:кроме|except|except for|apart from|исключением|but|этим|этих|эти|these|those)\s+$")
# "большинство", "some of": a share of the recommendations that names none of them ("boljshinstvo" typed in Latin
# letters without its soft sign reads "болшинство").
# "in most oblasts", "most of our board members", "some of the villages": "most" of something else is no scope
_NOT_OURS = r"(?!recommend|point|item|proposal|panel|section|topic|area|one|them\b|these\b|those\b)"
_OTHER_NOUNS = rf"(?:(?:our|their|its|the|these|those|such)\s+)?(?:{_NOT_OURS}[a-z]+\s+)?{_NOT_OURS}[a-z]{{2,}}s\b(?!-)"
_IDS_SET_OFF = re.compile(r"[^\W\d]*+(?:\s+[^\W\d]+){1,4}\s*[—–(]\s*(?:пп?\.\s*)?\d\.\d")
# "Бизнес-ассоциациялар жөнүндөгү сунуштарга (1.2, 2.1, 3.2) макулбуз": the IDs in brackets say which
# ("Рекомендации по цифре (панель 3) поддерживаем": the panel in brackets)
# (a closed list: not "(1.2, 4.2 и др.)", "(3.1, 3.3, в меньшей степени 3.5)")
_ID_IN_LIST = r"(?:пп?\.\s*)?\d\.\d{1,2}(?:\s*[–—-]\s*\d\.\d{1,2})?"
_IDS_IN_BRACKETS = re.compile(
    rf"[^\S\n]*+\(\s*(?:{_ID_IN_LIST}(?:\s*(?:[,;]|и|and|жана)\s*{_ID_IN_LIST})*"
    rf"|{_PANEL_WORD}\s*№?\s*\d|\d-?\s*{_PANEL_WORD})\s*\)"
)
_NAMELY = re.compile(r",?\s*(?:а именно|namely|i\.\s?e\.|то есть|that is)[\s,:]*(?:с\s+|with\s+)?(?:пп?\.\s*)?\d\.\d")
_VAGUE = re.compile(
    # ("большинство молодёжи уезжает": most of someone, in a reason)
    r"(?<!\w)(?:боль?шинств\w*(?!\s+(?:молод|населени|сел|сёл|школ|случа|времен|домохозяйств))"
    r"|почти (?:все\w*|со всеми|со всем|всё|по всем)|некотор\w+|(?:по )?ряд[уа]? (?:пунктов|рекомендаций|позиций)"
    # ("многие наши члены не могут …", "многие из которых …": people, not recommendations)
    r"|многи[ем]\w*(?!\s+(?:из\s+которых|наши\w*|из\s+наших|члены|людей|люди|жители))|част(?:ь|ью|и) рекомендаций"
    r"|с частью(?=\s+(?:из\s+них|их|них|рекомендац|пункт|предложен|\w+\s+соглас))"
    r"|отдельн\w+ рекомендаци\w+|(?:которые|что) касаются|(?:все|всё),? что касается|касающи\w+|relevant to us"
    r"|кроме того,? что (?:касается|связано)"  # "согласны со всем, кроме того, что касается айтишников"
    r"|that (?:concern|apply to) us"
    # "Бизге тиешелүүлөрүнө макулбуз": to those relevant to us (not "Бизге тиешелүү болгон 4.1, 4.2 …": named)
    r"|бизге\s+тиешел[үу][үу]\w*(?!\s+эмес)(?!(?:\s+[^\W\d]+)?\s+\d)"
    # "We cannot support the recommendations that put the whole burden on CSOs": which ones? (not "the
    # recommendations that came out of the dialogue", all of them)
    r"|recommendations (?:that|which)(?=\s+(?!came|come|emerged|were|was|you|we\b|the committee|have been"
    r"|are (?:listed|set out|attached|sent)))"
    r"|applicable to us|almost all|those (?:that|which) (?:fit|match|suit)"  # "i.e. those that fit its scope"
    # "We agree with the recommendations on working with business": those on a topic, which ones unsaid
    r"|r(?<=the r)ecommendations (?:on|about|regarding|concerning) (?!(?:the|all|each|every|both|panels?|sections?|"
    r"items?|points?|it|them|this|that)\b)[a-z]{3,}(?![^.;:]{0,80}?(?:namely|i\.\s?e\.|\(\s*\d\.\d))"
    r"|(?:mostly|largely|broadly)(?=\s+(?:agree|support|endorse|accept|fine|ok\b|in favou?r))"
    r"|(?<=agree )mostly\b(?!\s+(?:because|since|as)\b)"  # "agree mostly" (not "agree, mostly because …")
    # ("4.5 is the most relevant for us": a superlative, no share)
    r"|(?:(?<!the )most(?: of)?(?!\s+(?:relevant|important|useful|valuable|urgent|pressing|needed|realistic)\b)"
    r"|some(?: of)?|many of|a few)(?!\s+(?:to|for) us\b)(?!\s+(?:of\s+)?" + _OTHER_NOUNS + r")"
    r"|көпчүлүг\w*|айрым\w*|кээ бир\w*"
    # "и еще пару по 4 панели тоже не очень": a couple of that panel, which?
    r"|(?<!\w)(?:пару|парочку|нескольк\w+)(?=\s+(?:по|в|из)\s+(?:\d|перв|втор|трет|четв|панел))"
    r"|(?<!ни )(?:одн\w+|нескольк\w+|пар(?:у|ы|ой)|дв[ае]|one|two|a couple|several)\s+"
    # ("пару пунктов из …", "с парой пунктов про бизнес"; not "ни одной из", nor "3.8 — одна из самых важных")
    r"(?:(?:(?:пункт|рекомендаци|сунуш|points?|items?|recommendations?)\w*\s+)?(?:из|of)\b"
    r"(?!\s+(?:самых|наиболее|важнейших|главных|the most|our most)\b)"
    r"|(?:пункт|рекомендаци|сунуш|points?|items?|recommendations?)\w*\s+(?:про|по|о|about|on)\b)"
    # "3.5, 3.8 и ещё несколько", "and a few others", "жана дагы бир нечесине": named, and more not named
    # ("… и ещё с несколькими"; "i eshe s neskolkimi", Russian typed in Latin letters, reads "и еше с несколкими")
    r"|(?:и|and|жана)\s+(?:ещ[её]\s+|еше\s+|дагы\s+)?(?:(?:с|with)\s+)?"
    r"(?:несколь?к\w+|бир нечес\w*|(?:a few|some|several) others?\b)"
    # "стратегиябызга шайкеш келген сунуштар", "соответствующие нашей стратегии": those that fit something unsaid
    r"|(?:шайкеш|ылайык|дал|туура) келген|соответствующ\w+ (?:нашей|нашим|нашему|нашим)|in line with our"
    r"|(?:сунуш|рекомендаци)\w*\s+көбү\w*"  # "сунуштардын көбү" (most of them), not "мүчөлөрдүн көбү"
    # "We disagree with two recommendations.", "с двумя рекомендациями не согласны": which two? (not an exception's
    # count, "кроме двух рекомендаций", nor a heading over its list, "three recommendations:", "две рекомендации не
    # поддерживаем:", nor "these two", nor
    # answers "below"; five is a panel's size: "the five recommendations of panel 4")
    r"|(?P<count>(?:дв(?:умя|ум|ух|е|а)|тр(?:емя|ем|ех|ём|ёх|и)|нескольк\w+|пар(?:у|ой|е)|two|three|several|a few"
    r"|a couple of|эки|үч|бир нече)"
    r"\s+(?:рекомендаци\w*|пункт\w*|сунуш\w*|recommendations|points|items)\b(?!(?:[^\S\n]+[^\W\d]+){0,2}\s*:)"
    r"(?![^.\n]{0,80}?(?:ниже|below|төмөн)))"
    # "the digital literacy points", "the business-related ones", "the digital literacy recommendations": those on
    # a topic, which ones unsaid
    r"|(?<=the )(?:digital|business)[a-z-]*(?: (?!panel)[a-z]+)? recommendations"
    r"|(?<=the )(?!(?:other|remaining|rest|following|above|below|first|last|same|whole)\b)[a-z]+(?:[ -][a-z]+)?"
    r"(?:-related)? (?:points|items|ones)"
    # "agree all xcept 3.5 and the council one in panel 4": one of a panel, by what it is about
    r"|(?<=the )(?!(?:other|remaining|rest|following|above|below|first|last|same|whole|second|third|fourth|next"
    r"|previous|latter|former|only)\b)[a-z]+ one(?= (?:in|of|from) (?:panel|section))"
    # "Санариптик сабаттуулук боюнча сунуштарды", "санарип сабаттуулукка байланыштуу сунуштарды", "рекомендации
    # по цифровой грамотности": those on (or related to) a topic (not "рекомендации по панели «…»", which names it)
    # ("бизнес менен байланышкан сунуштар": those connected with business; not "диалогдун жыйынтыгы боюнча
    # сунуштар", the recommendations on the dialogue's results, which are all of them)
    # ("окутуу тууралуу сунуштар", "кызматташуу жөнүндөгү сунуштар": those about a topic; "… тууралуу сунушту", one
    # of them, is `claims._ONE_RECOMMENDATION`)
    r"|(?!жыйынтыг)[^\W\d]\w+\s+(?:(?:боюнча|(?:менен\s+)?байланыш(?:туу|кан)|тиешелүү)\s+сунуш\w*"
    r"|(?:тууралуу|жөнүндө(?:гү)?)\s+сунушта?р\w*)"
    r"|рекомендаци\w* по (?!итогам|пунктам|всем|каждой|порядку|панел|раздел|секци)[^\W\d]\w+"
    # "рекомендации, которые не учитывают …": only those that fit a description, and which those are is unsaid
    r"|рекомендаци\w*,?\s+котор\w+\s+не\b|recommendations (?:that|which) (?:do|does|did) not"
    r"|рекомендаци\w*,?\s+(?:противореч|не соответств|не учитыва)\w*"
    # "we support recommendations about business and CSO cooperation": those on a topic, which ones unsaid
    r"|recommendations (?:about|regarding|concerning|related to|on the)"
    # "Поддерживаем те, которые адресованы ОГО": those of a kind, which ones unsaid
    r"|(?<!\w)(?:те|тех|теми|тем)(?:\s*+,\s*+|\s++)(?:которые|что)\s+(?:адресован|обращен|предназначен|направлен)\w*"
    r"|рекомендаци(?:и|ям|ями|й) (?:о|об|про|касательно|насчет)"
    r")(?!\w)"
)
_PANEL_NEAR = compile_at_heads(rf"{_PANEL_WORD}\s*(?:№\s*)?3\b|(?:трет\w*|third|үчүнчү)\s+{_PANEL_WORD}|\b3\.[3-8]\b")
_IMPLIED_ALL = re.compile(r"(?<!\w)(?:рекомендаци(?:и|ям|ями|й)|recommendations|сунуштар\w*|сунуштард\w*)(?!\w)")
_EXCEPT = compile_at_heads(
    r"(?:(?:кроме|кром|кроми)(?!\w)(?!\s+(?:того|этого|всего|прочего)\s*(?:[,.]|$|что\b))|за исключением|исключая"
    r"|помимо(?!\s+(?:того|этого)\s*(?:[,.]|$|что\b))"
    # ("all exc 4.1", "all exc the one on business councils"; "agree, except that we abstain on 3.2" is a "but")
    r"|(?:except|exept|xcept|excpt)(?!ion)(?!\s+that\b)(?: for)?|excluding|other than"
    r"|krome(?=\s+\d)"  # "we agree with all recs, krome 4.3 – disagree": Russian "кроме" typed in Latin letters
    r"|excl?\.?(?=\s*(?:\d|the\b|for\b|panel|rec|item|point|#|№))"
    r"|with (?:one|a single|this|the following) exception:?"
    r"|apart from|aside from|(?:save(?: for)?|(?<=all )bar|(?<=points )bar|(?<=ones )bar|(?<=them )bar)(?=\s+\d)"
    r"|with the (?:single |sole |only |one )?exception of|but not|but)\s*:?\s*"
)
# "Бизнес менен кызматташуу жөнүндөгү сунуштан башкасына макулбуз": "apart from the one on …", in Kyrgyz
# The Kyrgyz ablative ending ("from", "out of"): "3.6дан башка" (but for 3.6), "Төртүнчү панелден" (of panel 4)
KY_ABLATIVE = r"(?:дан|ден|тан|тен|дон|дөн|тон|төн)"
_KY_ABLATIVE_EXCEPT = compile_at_heads(rf"(?<=[^\W\d]){KY_ABLATIVE}\s+(?:башка\w*|тышкары)")
# An exception word after the IDs: Kyrgyz postpositions, and English "3.7 aside"
_EXCEPT_AFTER = re.compile(
    r"[-\w]{0,40}\s+(?:(?:тен|тан|ден|дан|дон|дөн|тон|төн)\s+)?(?:сунуш\w*\s+)?(?:башка\w*|тышкары)"
    r"|[-\w]{0,40}\s+эске\s+ал[мб]аганда"  # "4.4тү эске алмаганда": not counting 4.4
    r"|[-\w]{0,40}\s+(?:сунуш\w*\s+)?кошпогондо"  # "4.3 сунушун кошпогондо": leaving out 4.3
    r"|\s+aside\b"  # "All fine by us, 3.7 aside."
)
# "по второй рекомендации", "the third point": a place in the whole list, or in a panel? A person decides.
_ORDINAL_RECOMMENDATION = compile_at_heads(
    r"(?<!\w)(?:перв|втор|трет|четверт|пят(?!ь\b)|шест(?!ь\b)|седьм|восьм|последн|first|second|third|fourth|fifth|sixth|seventh"
    r"|eighth|last|биринчи|экинчи|үчүнчү|учунчу)\w*(?:\s+(?:и|and|жана)\s+\w+)?\s+"
    r"(?:рекомендаци\w*|пункт\w*|recommendation\w*|point\w*|item\w*|сунуш\w*)"
)
# "по рек. 3,5 — против": after a word for a recommendation, a decimal comma with no space is the ID 3.5
# ("рекомендации 3, 5" with a space is a list of two numbers, left to `_BARE_NUMBER`)
# (a singular word only: "п.п. 1,2" and "пункты 1,2" are items 1 and 2; "Рекомендацию 3,4" is one; and not
# after an ID and "и": "4.3 жана 4,5", "с 4.4 и 4,5" switch notation, 4.5 or panels 4 and 5? Writers of
# three blind batches of four said a person must ask)
_COMMA_ID = compile_at_heads(
    # ("кроме рекомендации 3,4 – её не поддерживаем": the genitive of one, after "кроме")
    r"(?<!п\.)(?<!п\.\s)(?<!\w)(?:п\.|рек\.|пункт(?:а|у|е|ом)?\b|рекомендаци(?:ю|я|ей)\b|recommendation\b"
    r"|(?<=кроме )рекомендации\b|(?<=исключением )рекомендации\b)"
    r"\s*(\d),(\d)(?!\d|,\d)"
)
# "Поддерживаем 4.3 и 4.3.1": a part of 4.3 the letter does not number (left unread, it let "Поддерживаем" agree
# with all 19)
_SUB_ID = compile_at_heads(r"(?<![\d.,])\d\.\d\.\d(?!\d|\.\d)")
# "4.1, 4.2, 4.3, 4,4 и 4.5": a slip of the finger inside a run of dotted IDs is one of them
_COMMA_BETWEEN_IDS = compile_at_heads(r"(?<=\d\.\d, )(\d),(\d)(?=,? (?:и |and |жана )?\d\.\d(?!\d))")
# "Рекомендации 1,1 – 1,5": a range written with decimal commas on both ends is a range of IDs
_COMMA_RANGE = compile_at_heads(r"(?<![\d.,])(\d),(\d)\s*[–—-]\s*(\d),(\d)(?![\d]|,\d)")
# "3,1; 3,3; 3,4 – да", "3,5 – нет": a row opening with decimal-comma numbers and a dash answers those IDs
_COMMA_ROW = re.compile(r"\s*(\d),(\d)\s*(?=[–—:-])")
_COMMA_PAIR_ID = compile_at_heads(r"(?<![\d.,])(\d),(\d)(?![\d]|,\d)")
# "рекомендации 1,2; 1,5; 2,1; 4,2": decimal-comma IDs listed with semicolons
_COMMA_LIST = compile_at_heads(r"(?<![\d.,])\d,\d\s*;\s*\d,\d(?:\s*;\s*\d,\d)*(?![\d]|,\d)")
# "Рек. 3,4 и 3,7": a list goes on in the same notation
_COMMA_ID_MORE = re.compile(r"\s*(?:,|и|and|жана)\s*(\d),(\d)(?!\d|,\d)")
_BARE_NUMBER = re.compile(
    r"(?:п\.|пп\.|пункт\w*|рекомендаци\w*|рек\.|№|номер\w*|item\w*|point\w*|recommendation\w*|no\.|#|сунуш\w*)"
    rf"\s*(?:№\s*)?({_NUMBER_LIST})(?!\.?\d)"
)


def _comma_list_after(text: str, end: int, campaign: Campaign, add: Callable[[Ref], None]) -> None:
    """ "Рек. 3,4 и 3,7", "рек. 1,1–1,5 и 2,1": the IDs listed after one in decimal-comma notation."""
    more = _COMMA_ID_MORE.match(text, end)
    while more is not None:
        add(_comma_ref(more, campaign))
        more = _COMMA_ID_MORE.match(text, more.end())


def _comma_ref(m: re.Match[str], campaign: Campaign) -> Ref:
    """The ID that a decimal-comma pair (groups 1 and 2: "3,5") names."""
    return _id_ref(m.start(1), m.end(2), f"{m.group(1)}.{m.group(2)}", campaign)


def _id_ref(start: int, end: int, rec_id: str, campaign: Campaign) -> Ref:
    """One recommendation named by its ID, however spelt; one the letter lacks is an unknown ID."""
    known = campaign.get(rec_id) is not None
    return Ref(start, end, (rec_id,) if known else (), EXPLICIT, problem=None if known else "unknown_id", label=rec_id)


def _expand(campaign: Campaign, first: str, last: str) -> tuple[str, ...] | None:
    ids = campaign.ids
    if first not in ids or last not in ids or ids.index(first) > ids.index(last):
        return None
    return ids[ids.index(first) : ids.index(last) + 1]


def _canonical(raw: str) -> str:
    panel, number = raw.split(".")
    return f"{int(panel)}.{int(number)}"


def find_refs(text: str, campaign: Campaign) -> list[Ref]:
    """Every reference in folded `text`, in order; overlapping matches keep the more specific one."""
    # a short reply is often one unit, read as the unit and again whole: the last few short texts are kept
    if len(text) <= _KEPT_CHARS:
        return list(_refs_kept(text, _Same(campaign)))
    return _find_refs(text, campaign)


_KEPT_CHARS = 4_000


class _Same:
    """A campaign as a cache key by identity: hashing a Campaign hashes every recommendation (6 µs a call)."""

    __slots__ = ("campaign",)

    def __init__(self, campaign: Campaign) -> None:
        self.campaign = campaign  # held by the cache, so its id is not reused while the key lives

    def __hash__(self) -> int:
        return id(self.campaign)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.campaign is self.campaign


@functools.lru_cache(maxsize=64)
def _refs_kept(text: str, campaign: _Same) -> tuple[Ref, ...]:
    return tuple(_find_refs(text, campaign.campaign))


def _find_refs(text: str, campaign: Campaign) -> list[Ref]:
    refs: list[Ref] = []
    taken = Taken(len(text))

    def add(ref: Ref) -> None:
        if taken.free(ref.start, ref.end):
            refs.append(ref)
            taken.claim(ref.start, ref.end)

    # every pattern of an ID, a range or a number needs a digit (`_DIGITS_NEEDED`), and many units have none
    digits = _DIGIT.search(text) is not None
    for m in _COMMA_RANGE.finditer(text) if digits else ():
        ids = _expand(campaign, f"{m.group(1)}.{m.group(2)}", f"{m.group(3)}.{m.group(4)}")
        if ids:
            add(Ref(m.start(), m.end(), ids, EXPLICIT, label=m.group()))
            _comma_list_after(text, m.end(), campaign, add)
    for listed in _COMMA_LIST.finditer(text) if digits else ():
        for m in _COMMA_PAIR_ID.finditer(text, listed.start(), listed.end()):
            if (ref := _comma_ref(m, campaign)).ids:
                add(ref)
        _comma_list_after(text, listed.end(), campaign, add)  # "3,1; 3,3; 3,4 и 3,7"
    row = _COMMA_ROW.match(text) if digits else None  # a lone pair: a list of them was taken just above
    if row and (ref := _comma_ref(row, campaign)).ids:
        panel, number = int(row.group(1)), int(row.group(2))
        # "1,2 — да" may be panels 1 and 2; "3,5 — нет" and "2,1 — да" can only be IDs
        if number <= panel or number > len(campaign.panels):
            add(ref)
    for m in (_VOTES_RANGE if votes_row(text) else _RANGE).finditer(text) if digits else ():
        first, last = _canonical(m.group(1)), _canonical(m.group(2))
        ids = _expand(campaign, first, last)
        problem = None if ids else "unknown_id"
        if ids and _LISTED_BEFORE.search(text, max(0, m.start() - 12), m.start()) and _SPACED_DASH.search(m.group()):
            problem = "ambiguous_number"  # "1.1, 1.2, 1.3 — 2.1 и 3.1": a range, or a dash before the next items?
        add(Ref(m.start(), m.end(), ids or (), EXPLICIT, problem=problem, label=f"{first}–{last}"))
    for m in _UP_TO.finditer(text) if digits and "чейин" in text else ():
        add(Ref(m.start(), m.end(), (), EXPLICIT, problem="vague_scope", label=m.group()))
    for m in _ID.finditer(text) if digits else ():
        add(_id_ref(m.start(), m.end(), _canonical(m.group()), campaign))
    for m in _SUB_ID.finditer(text) if digits else ():
        add(Ref(m.start(), m.end(), (), EXPLICIT, problem="ambiguous_number", label=m.group()))
    # "Рекомендация три точка восемь": a screen reader's or a dictated ID (searched only where such a word is:
    # an alternation of words tried at every character costs more than the plain-word scan)
    spoken = _SPOKEN_ID.finditer(text) if any(w in text for w in _SPOKEN_JOINS) else ()
    for m in spoken:
        add(_id_ref(m.start(), m.end(), f"{_SPOKEN_NUMBERS[m.group(1)]}.{_SPOKEN_NUMBERS[m.group(2)]}", campaign))
    for ref in _panel_refs(text, campaign):
        add(ref)
    for ref in _named_panel_refs(text, campaign):
        add(ref)
    for m in _AUDIENCE.finditer(text):
        if _NAMED_AFTER.match(text, m.end()) or _NAMED_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            # "the recommendations addressed to CSOs (panels 1 and 3)", "1.1, 2.1 and 4.2 – the ones relevant to
            # business associations": the IDs beside it name them
            continue
        if _THEY_ARE.search(text, max(0, m.start() - 40), m.start()):
            continue  # "no position on panels 1, 2 and 4, as they are mainly addressed to CSOs": said of those named
        word = m.group("a") or m.group("b")
        audience = Audience.BUSINESS if word.startswith(("бизнес", "business", "частн", "private")) else Audience.CSO
        ids = tuple(r.id for r in campaign.recommendations if r.audience is audience)
        # Every recommendation concerns CSOs; only the business ones are unmistakably "for business", and only
        # when addressed to it: "касающиеся бизнеса", "concerning business" may take in more (4.1 names it too)
        touching = _TOUCHING.match(m.group())
        problem = "vague_scope" if (audience is Audience.CSO and not _PANEL_NEAR.search(text)) or touching else None
        add(Ref(m.start(), m.end(), ids, GROUP, problem=problem, label=audience.value))
    for m in _ORDINAL_RECOMMENDATION.finditer(text):
        add(Ref(m.start(), m.end(), (), EXPLICIT, problem="ambiguous_number", label=m.group()))
    for m in _COMMA_ID.finditer(text) if digits else ():
        add(_comma_ref(m, campaign))
        _comma_list_after(text, m.end(), campaign, add)
    for m in _COMMA_BETWEEN_IDS.finditer(text) if digits else ():
        add(_comma_ref(m, campaign))
    for m in _BARE_NUMBER.finditer(text) if digits else ():
        if DOCUMENT_NUMBER.search(text, max(0, m.start() - 30), m.start() + 1):
            continue  # "протокол №3 от 17.03.2023": a document's number, not a recommendation's
        add(Ref(m.start(1), m.end(1), (), EXPLICIT, problem="ambiguous_number", label=m.group()))
    # "3,1 и 3,7" in a notation none of the above took: an ID or a number?
    for m in _COMMA_PAIR_ID.finditer(text) if digits else ():
        add(Ref(m.start(), m.end(), (), EXPLICIT, problem="ambiguous_number", label=m.group()))
    for m in _VAGUE.finditer(text):
        if (
            _NAMELY.match(text, m.end())
            or _IDS_IN_BRACKETS.match(text, m.end())
            or (
                _TOUCHING.match(m.group())
                and (_IDS_SET_OFF.match(text, m.end()) or _NAMED_BEFORE.search(text, max(0, m.start() - 40), m.start()))
            )
        ):
            # "Согласны с большинством, а именно с 1.1–1.5 и 4.1–4.5", "рекомендации, касающиеся цифровой
            # грамотности — 3.1, 3.3": the IDs after it say which (not "большинство — 3.5 нет": a share, then one)
            continue
        if _THESE_NAMED.search(text, max(0, m.start() - 60), m.start()):
            continue  # "Поддерживаем 1.2, 1.5, 2.1, 4.2 — эти рекомендации про сотрудничество с бизнесом": described
        if m.group("count") and _COUNT_NAMED.search(text, max(0, m.start() - 14), m.start()):
            continue  # "кроме двух рекомендаций", "these two points": counted where they are named
        add(Ref(m.start(), m.end(), (), GLOBAL, problem="vague_scope", label=m.group()))
    for m in _ALL.finditer(text):
        if not _GREETED_BEFORE.search(text, max(0, m.start() - 10), m.start()) and not (
            m.group() in ("все", "всем", "all") and _GREETED_AFTER.match(text, m.end())
        ):
            add(Ref(m.start(), m.end(), campaign.ids, GLOBAL, label="all"))
    for m in _IMPLIED_ALL.finditer(text):
        add(Ref(m.start(), m.end(), campaign.ids, GLOBAL, implied=True, label="all"))
    refs.sort(key=lambda r: r.start)
    return _mark_exceptions(text, refs)


_PANEL_WILDCARD = compile_at_heads(r"(?<![\w.,])(\d)\.(?:x|х|\*)(?!\w)")


def _panel_refs(text: str, campaign: Campaign) -> list[Ref]:
    panels = {p.number for p in campaign.panels}
    found: list[Ref] = []
    numbered: list[tuple[int, int, list[int]]] = []
    worded = _ANY_PANEL_WORD.search(text) is not None  # (all but the wildcard's need the word)
    ranges = _KY_PANEL_RANGE.finditer(text) if "чейин" in text else ()
    for m in ranges:  # first: its two ends would each be taken for a panel of its own
        ends = [int(w) if w.isdigit() else _ordinal(w) for w in (m.group("a"), m.group("b"))]
        numbered.append((m.start(), m.end(), list(range(ends[0], ends[1] + 1)) if 0 < ends[0] < ends[1] else []))
    for pattern in (_PANEL_BY_NUMBER, _PANEL_BY_SUFFIX) if worded else ():
        for m in pattern.finditer(text):
            numbered.append((m.start(), m.end(), _panel_numbers(m.group(1))))
    for m in _PANEL_BY_ORDINAL.finditer(text) if worded else ():
        numbers = [_ordinal(word) for word in _ORDINAL_JOIN.split(m.group(1))]
        numbered.append((m.start(), m.end(), numbers if all(numbers) else []))
    for m in _PANEL_BY_CARDINAL.finditer(text) if "panel" in text or "section" in text or "part" in text else ():
        numbered.append((m.start(), m.end(), _cardinal_numbers(m.group(1))))
    for m in _PANEL_WILDCARD.finditer(text):  # "1.x: endorsed", "4.*": every ID of the panel
        numbered.append((m.start(), m.end(), [int(m.group(1))]))
    for m in _PANELS_FROM_END.finditer(text) if worded else ():
        count = 2 if m.group("n")[0] in "дt2э" else 3
        first = 1 if m.group("end")[0] in "пfба" else max(panels) - count + 1
        numbered.append((m.start(), m.end(), list(range(first, first + count))))
    for start, end, numbers in numbered:
        if not numbers or any(n not in panels for n in numbers):
            found.append(Ref(start, end, (), GROUP, problem="unknown_id", label=text[start:end]))
            continue
        ids = tuple(r.id for n in numbers for r in campaign.in_panel(n))
        found.append(Ref(start, end, ids, GROUP, label=text[start:end]))
    return found


# Where a reply names a part of the letter by its topic: after "по"/"on"/"section on", or right before
# "боюнча" or a word for recommendations ("санариптик сунуштарга"). A topic at the head of a line ("Kyrgyz
# Women's Network — …") is too often the respondent's own name to count.
# (a closing quote, after the name's last letter and before a space; not an opening one: 'On "Coalitions …')
_NAME_CLOSED = re.compile(r"[^\s«\"“„][»\"”]\s+$")
_NAMING_BEFORE = re.compile(
    # (not "Institute for Civic Data", "Open Aiyl – Centre for Civic Data": a name; but "a resource centre for
    # digital literacy" names a topic)
    r"(?:^|[\s(«\"])(?:по|про|о|об|on|about|regarding|(?<!institute )(?<![—–-] centre )(?<![—–-] center )for"
    r"|в части|раздел\w*|панел\w*|блок\w*"
    r"|section|panel|part)"
    r"\s+(?:(?:the|разделу|панели|блоку|рекомендациям|recommendations|on|о|по)\s+)?(?:[\w\"]+\s+){0,2}\"?$"
)
# "с цифровыми согласны": an adjective standing for the recommendations it describes, right before the stance (not
# what one works or deals with: "умения работать с данными.", "навыков работы с данными.", "обращаться с данными")
_WITH_BEFORE = re.compile(r"(?:^|[\s(«\"])(?:с|со)\s+$")
_WORKS_WITH = re.compile(r"(?:работ\w*|обраща\w*|обращени\w*|дело|дела|справля\w*|сотруднича\w*)\s+(?:с|со)\s+$")
_STANCE_AFTER = re.compile(r"^\w*\s*(?:[,.;:!—–-]|согласн|поддерж|не\b|против|тоже|также)")
# "согласны с цифровыми": the adjective after the stance, ending the reply or the sentence
_STANCE_THEN_WITH = re.compile(r"(?:согласн\w*|соглашаемся)\s+(?:с|со)\s+$")
_ENDS_HERE = re.compile(r"^\w*\s*(?:[.!]|$)")
_PANEL_FRAME = re.compile(rf"{_PANEL_WORD}\s+(?:[\w\"]+\s+){{0,3}}\"?$")
_PANEL_FRAME_AFTER = re.compile(rf"^\w*\"?(?:\s+\w+)?\s+{_PANEL_WORD}")
# Between two topics of one list: the rest of the first, a comma or "и"/"and", perhaps a preposition again and
# the second's first words ("… регионов и по ", ", and on the contribution of "), never a sentence's end
# ("…, and on digital we need more time", "а о цифровых пока сказать нечего": a clause of its own, not the list)
_SENTENCE_END = re.compile(r"[.;!?\n]")
_OWN_CLAUSE = re.compile(r"(?<!\w)(?:we|мы|у нас|нам|our|наш\w*|пока|тоже|also|too|but|а|но|однако)(?!\w)")


def _list_ends(rest: str) -> bool:
    """After the list's last topic: the stance all of it shares ("… и по коалициям тоже согласны"), or nothing that
    opens a clause of its own ("…, and on digital we need more time")."""
    return any(not c.terse for c in find_cues(rest)) or _OWN_CLAUSE.search(rest) is None


_LIST_GOES_ON = re.compile(r"[^.;:!?\n]{0,60}?(?:,|\s(?:и|and|а также|as well as))\s*[^.;:!?\n,]{0,40}")
_NAMING_AFTER = re.compile(
    r"^\w*\"?\s*(?:боюнча|сунуш\w*|рекомендаци\w*|recommendations|panel|section|панел\w*|раздел\w*|пункт\w*"
    r"|items|points)"
)


# 'supports "Contribution of regional CSOs to solving local problems" in full': a title quoted as the object
# of a stance (a quote after an ID or in a reason cites a recommendation's words, and names no panel)
_QUOTED_AFTER_STANCE = re.compile(
    r"(?:support\w*|endorse\w*|accept\w*|agree\w* with|back|поддержива\w+|принима\w+|одобря\w+|соглас\w+ с)"
    r"\s+[«\"“][^»\"”\n]{0,40}$"
)
# a quote opened after "по"/"on" ("По «Коалициям и сетям ОГО» — согласны"; not 'so "regional CSOs" recommendations
# are not for us', a phrase quoted in a why)
_QUOTE_AFTER_BY = re.compile(r"(?<!\w)(?:по|к|о|об|on|under|regarding|for|about)\s+[«\"“]$")
_QUOTED_THEN_DASH = re.compile(r"[^«»\"“”\n]{0,40}[»\"”]\s*[—–:-]")  # ('on "Digital regions".': a name)
# '"Аймактарды өнүктүрүүнү пландоо" жана "Коалициялар жана тармактар" панелдерине': titles listed, then "panels"
_QUOTED_TITLES_NAMED = re.compile(
    r'[^"\n]{0,40}"[^\S\n]*+(?:,|и|and|жана|а также)[^\S\n]*+"[^"\n]{0,60}"[^\S\n]*+'
    r"(?:панел|panel|раздел|section|бөлүм)"
)
_QUOTE_CLOSE = re.compile(r"[^«»\"“”\n]{0,40}[»\"”]")
# (opening a sentence, or after "panel": not '3.4 (on "digital literacy campaigns")', the ID's own subject)
_TITLE_QUOTED_BY = re.compile(
    r"(?:^|[\n.!?;]\s*|(?:panel|section|панели|разделу)\s+)(?:по|on|regarding|under|about)\s+[«\"“][^«»\"“”\n]{0,40}$"
)


def panels_by_words(text: str, campaign: Campaign) -> set[int]:
    """The panels whose words (`Panel.aliases`) `text` holds."""
    pattern = _alias_pattern(tuple((p.number, p.aliases) for p in campaign.panels))
    return set() if pattern is None else {_alias_panel(m) for m in pattern.finditer(text)}


def _alias_panel(m: re.Match[str]) -> int:
    """The panel whose alias `_alias_pattern` matched: its group is named "p<panel>_<n>"."""
    return int(str(m.lastgroup)[1:].split("_")[0])


@functools.lru_cache(maxsize=8)
def _alias_pattern(aliases: tuple[tuple[int, tuple[str, ...]], ...]) -> re.Pattern[str] | None:
    """One pattern for every panel's aliases: each word of an alias is the start of a word of the reply."""
    parts: list[str] = []
    for number, words in aliases:
        for alias in words:
            stems = r"\s+".join(re.escape(w) + r"\w*" for w in alias.lower().split())
            parts.append(rf"(?P<p{number}_{len(parts)}>{stems})")
    # the word start is asserted once, before the branches: inside each it was tried for every alias at every
    # character, and a branch that opens with a letter is skipped at a glance (5-10 times faster)
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")") if parts else None


_DEMONSTRATIVE = re.compile(r"данн\w*\s+(?:пункт|рекомендаци|предложени)")
_ONE_DESCRIBED = re.compile(
    r"(?<!\w)(?:рекомендаци(?:я|ей|ю)|(?<!the )recommendation)\s+(?:о|об|про|по|касательно|относительно|on|about"
    r"|regarding)\s[^.;:!?\n]{0,70}$"
)


def _named_panel_refs(text: str, campaign: Campaign) -> list[Ref]:
    """Panels named by topic, with the words the campaign lists for them (`Panel.aliases`)."""
    pattern = _alias_pattern(tuple((p.number, p.aliases) for p in campaign.panels))
    if pattern is None:
        return []
    found: list[Ref] = []
    named_ids = {_canonical(m.group()) for m in _ID.finditer(text)}  # once: a loop per match was quadratic
    for m in pattern.finditer(text):
        number = _alias_panel(m)
        if _DEMONSTRATIVE.match(text, m.start()):
            continue  # "исключить данный пункт": "the given point", not data (panel 3's word)
        before, after = text[max(0, m.start() - 40) : m.start()], text[m.end() : m.end() + 40]
        substantive = (
            _WITH_BEFORE.search(before) and not _WORKS_WITH.search(before) and _STANCE_AFTER.match(after)
        ) or (_STANCE_THEN_WITH.search(before) and _ENDS_HERE.match(after))
        quoted = _QUOTED_AFTER_STANCE.search(before) and _QUOTE_CLOSE.match(after)
        listed = _QUOTED_TITLES_NAMED.match(text, m.end()) is not None
        if not (_NAMING_BEFORE.search(before) or _NAMING_AFTER.match(after) or substantive or quoted or listed):
            continue
        if _NAME_CLOSED.search(before):
            continue  # "«Жалал-Абад Жарандык Тармагы» коалициясы сунуштарды карап чыгып": what the name is
        ids = tuple(r.id for r in campaign.in_panel(number))
        # 'On "Contribution of regional CSOs to solving local problems" we agree with all but 4.3': a title quoted
        # after "on" names the panel, whatever IDs the reply names
        titled = bool(_TITLE_QUOTED_BY.search(text, max(0, m.start() - 60), m.start()) and _QUOTE_CLOSE.match(after))
        worded = _PANEL_FRAME.search(before) is not None or _PANEL_FRAME_AFTER.match(after) is not None
        # ("On the digital panel we agree with everything except 3.5": the panel its word names is what "everything"
        # is of, as "panel 3" is; "On the digital panel, we disagree with 3.5" only frames 3.5)
        # (not "Except for 3.5 in the digital panel, we support everything": the panel says where 3.5 is)
        framing_all = (
            worded
            and _ID.search(text, max(0, m.start() - 60), m.start()) is None
            and names_all(_SENTENCE_END.split(text[m.end() : m.end() + 120], maxsplit=1)[0])
        )
        if named_ids & set(ids) and not titled and not framing_all:
            continue  # "3.4 по цифровой грамотности": the topic words describe the ID, not the whole panel
        # (the words after a title closed and followed by another are the next title's, not this one's)
        stems = content_stems(text[m.start() : m.end()] + ("" if listed else " " + " ".join(after.split()[:3])))
        in_title = sum(_covered(s, _title_stems(campaign)[number]) for s in stems)
        if any(sum(_covered(s, rec) for s in stems) > in_title for _, rec in _recommendation_stems(campaign)):
            continue  # "кампании по цифровой грамотности" is 3.4's own words, not panel 3's title
        # "по разделу о цифровых …" or two words of its title ("по данным и цифровым услугам", "по коалициям
        # и сетям") name the panel; a bare "цифровые сунуштар" may mean some of them only (careful readers
        # disagree), so it is read as a panel but sent to a person
        # (or a title in quotes, from its first word: "По «Коалициям и сетям ОГО» — согласны")
        framed = (
            worded
            or in_title >= 2
            or (_QUOTE_AFTER_BY.search(before) is not None and _QUOTED_THEN_DASH.match(after))
            or titled
            or listed  # ('"…пландоо" жана "…тармактар" панелдерине': the panel word after the list names each title)
        )
        if not framed and found and found[-1].problem is None:
            # "рекомендации по планированию развития регионов и по коалициям", "the panels on regional planning,
            # on coalitions and networks, and on the contribution of regional CSOs": one frame names the list
            framed = (
                _LIST_GOES_ON.fullmatch(text, found[-1].end, m.start()) is not None
                and not find_cues(text[found[-1].end : m.start()])
                and _list_ends(_SENTENCE_END.split(text[m.end() : m.end() + 120], maxsplit=1)[0])
            )
        problem = None if framed else "vague_scope"
        if _ONE_DESCRIBED.search(text, max(0, m.start() - 100), m.start()):
            # "С рекомендацией о просвещении населения по вопросам цифрового участия не согласны": one of the
            # panel's recommendations, by what it says; which one is for a person to say
            problem = "unclear_reference"
        found.append(Ref(m.start(), m.end(), ids, GROUP, problem=problem, label=m.group()))
    return found


@functools.lru_cache(maxsize=8)
def _title_stems(campaign: Campaign) -> dict[int, frozenset[str]]:
    """Each panel's title's content stems, once per campaign."""
    return {p.number: frozenset(content_stems(p.title)) for p in campaign.panels}


_HYPHEN_BEFORE_AND = re.compile(r"-\s*(?=(?:и|and|жана)\s|,)")


def _panel_numbers(listed: str) -> list[int]:
    """ "1, 2 и 4" -> [1, 2, 4]; "1–3", "1-2-3" and "2-й по 4-ю" are ranges -> [1, 2, 3], [2, 3, 4]."""
    numbers: list[int] = []
    ranged = False
    listed = _HYPHEN_BEFORE_AND.sub(" ", listed)  # "2- жана 4-панелдер" is 2 and 4, not 2 to 4
    for word in _RANGE_WORD.findall(_ORDINAL_ENDING.sub(r"\1", listed)):
        if not word.isdigit():
            ranged = True
            continue
        number = int(word)
        if ranged and numbers and numbers[-1] < number:
            numbers += range(numbers[-1] + 1, number)
        numbers.append(number)
        ranged = False
    return numbers


def _cardinal_numbers(words: str) -> list[int]:
    """ "one and four" → [1, 4]; "one to four" → [1, 2, 3, 4]; a word that is no panel's number → 0."""
    numbers: list[int] = []
    for part in _ORDINAL_JOIN.split(words):
        ends = [_cardinal(w) for w in re.split(_CARDINAL_RANGE, part)]
        numbers += list(range(ends[0], ends[-1] + 1)) if len(ends) > 1 and 0 < ends[0] < ends[-1] else ends
    return numbers


def _cardinal(word: str) -> int:
    return next((n for n, pattern in _CARDINALS.items() if re.fullmatch(pattern, word)), 0)


def _ordinal(word: str) -> int:
    return next((n for n, pattern in _ORDINALS.items() if re.fullmatch(pattern, word)), 0)


_LIST_GAP = 40  # the longest filler between two listed exceptions ("…, пунктами рекомендациями …")
_DESCRIBED = re.compile(r"\s*\([^()\d\n]{1,100}\)")
_AND_NEXT = re.compile(r"\s*(?:,|и|and|жана)\s*(?:(?:рек|п)\.\s*)?")


def _mark_exceptions(text: str, refs: list[Ref]) -> list[Ref]:
    """Mark the refs listed after "кроме"/"except" (or before Kyrgyz "башка") as excepted.

    The list runs while refs are joined only by commas, slashes, "и"/"and" or spaces: "кроме 3.5 и 3.6, а также",
    "кроме 1.5/4.4".
    """
    marked = list(refs)
    for m in _exceptions(text):
        position = m.end()
        first = bisect.bisect_left(marked, position, key=lambda r: r.start)
        for i in range(first, len(marked)):
            ref = marked[i]
            # "за исключением рек. 3.4 (кампании по цифровой грамотности) и 3.5 (…)": what an ID is about, in a
            # bracket, does not end the list
            described = _DESCRIBED.match(text, position)
            if (
                described
                and _AND_NEXT.fullmatch(text, described.end(), ref.start)
                and not find_cues(described.group())  # ("кроме п. 4.1 (нет) и п. 4.3 (нет)": each its own answer)
            ):
                position = described.end()
            if ref.start - position > _LIST_GAP:
                break  # the list ended long ago; looking further would make many "кроме" quadratic
            if ref.level == GLOBAL and not ref.implied and ref.start > position:
                continue
            if not re.fullmatch(
                r"[\s,;и&+/]*(?:and|n|жана|п\.|пп\.|рек\.|пункт\w*|рекомендаци\w*|recommendations?|тех|those"
                r"|the ones|those of)?[\s,]*",
                text[position : ref.start],
            ) and not (_ALSO_BRACKET.fullmatch(text, position, ref.start) and _ALSO_INSIDE.match(text, ref.end)):
                break
            marked[i] = _excepted(ref)
            position = ref.end
    for i, ref in enumerate(marked):
        if ref.ids and _EXCEPT_AFTER.match(text, ref.end) and ref.level != GLOBAL:
            # Kyrgyz puts "башка" after the list: "3.5, 3.6 сунуштан башка" excepts both.
            j = i
            while j >= 0 and (
                j == i
                or (
                    # ("3.3 менен 3.6дан башкасына": "менен", "with", joins two as "жана" does)
                    re.fullmatch(r"[\s,и]*(?:жана|менен)?[\s,]*", text[marked[j].end : marked[j + 1].start])
                    # ("Макулбуз баарына, 4.1ден башка": "to all" is what the exception is taken from)
                    and marked[j].level != GLOBAL
                    # "3-панелде 3.5тен башкасы": "in panel 3", the frame the exception is taken from
                    and not (marked[j].level == GROUP and _LOCATIVE.search(text, marked[j].start, marked[j].end))
                    # "3 панель 3.5 тен башкасы макул": the panel the next ID is of frames it, as above (a panel
                    # and one of its own IDs excepted together would except nothing more)
                    and not (marked[j].level == GROUP and set(marked[j + 1].ids) <= set(marked[j].ids))
                )
            ):
                marked[j] = _excepted(marked[j])
                j -= 1
    return [r for r in marked if not (r.excepted and r.implied)]


# "We support all except 3.5 (3.6 we also reject)": a bracket that adds one more to the exceptions
_ALSO_BRACKET = re.compile(r"\s*\(\s*")
_ALSO_INSIDE = re.compile(r"[^()\n\d]{0,40}?(?<!\w)(?:also|too|as well|тоже|также)(?!\w)[^()\n\d]{0,40}\)")
_LOCATIVE = re.compile(r"(?:де|да|те|та|дө|до|тө|то)$")


def _excepted(ref: Ref) -> Ref:
    return Ref(ref.start, ref.end, ref.ids, ref.level, True, ref.implied, ref.problem, ref.label)


@dataclass(frozen=True)
class TextMatch:
    """The recommendation whose text a fragment quotes or paraphrases; `score` is the share of its words found."""

    rec_id: str
    score: float
    margin: float  # over the next best recommendation: paraphrases of 1.2, 2.1 and 4.2 look alike

    @property
    def accepted(self) -> bool:
        return self.score >= ACCEPT_SCORE and self.margin >= ACCEPT_MARGIN

    @property
    def plausible(self) -> bool:
        return self.score >= PLAUSIBLE_SCORE


ACCEPT_SCORE, ACCEPT_MARGIN, PLAUSIBLE_SCORE = 0.7, 0.3, 0.45
_MIN_WORDS = 3
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_STOPWORDS = re.compile(
    r"(?:рекомендац|пункт|соглас|поддерж|принима|организац|котор|также|этот|этой|этим|наш|ваш|свой|свое|своих"
    r"|очень|более|только|между|через|после|поводу|касательно|отношении|связи|which|that|with|this|about"
    r"|recommendation|the|and|for|сунуш|боюнча|менен)\w*"
)


def _stem(word: str) -> str:
    """A crude Russian stem: enough of the word to survive case endings ("органа", "органе")."""
    return word[: max(4, min(6, len(word) - 2))]


@functools.lru_cache(maxsize=8)
def _recommendation_stems(campaign: Campaign) -> tuple[tuple[str, frozenset[str]], ...]:
    """Each recommendation's content stems, once per campaign (they were a seventh of reading a reply)."""
    return tuple((r.id, frozenset(content_stems(r.text))) for r in campaign.recommendations)


def describes_recommendation(text: str, campaign: Campaign) -> bool:
    """Are `text`'s content words mostly a recommendation's or a panel title's own ("кампании по цифровой
    грамотности" is 3.4's)? Then the respondent names what they answer, not why."""
    stems = content_stems(text)
    wholes = [rec for _, rec in _recommendation_stems(campaign)] + list(_title_stems(campaign).values())
    return bool(stems) and any(sum(_covered(s, whole) for s in stems) * 5 >= len(stems) * 3 for whole in wholes)


def content_stems(text: str) -> list[str]:
    words = (w for w in _WORD.findall(text.lower().replace("ё", "е")) if len(w) >= 4)
    return [_stem(w) for w in words if not _STOPWORDS.fullmatch(w)]


def _covered(stem: str, rec_stems: AbstractSet[str]) -> bool:
    return any(s.startswith(stem) or stem.startswith(s) for s in rec_stems)


def match_text(fragment: str, campaign: Campaign) -> TextMatch | None:
    """Which recommendation `fragment` cites, scored by the share of its content words in that text.

    Word stems rather than whole words, because respondents decline what they cite ("о совещательном
    органе" for "совещательного органа"); `None` when the fragment has too few words to say anything.
    """
    stems = content_stems(fragment)
    if len(stems) < _MIN_WORDS:
        return None
    scores = sorted(
        (
            (sum(_covered(s, rec) for s in stems) / len(stems), rec_id)
            for rec_id, rec in _recommendation_stems(campaign)
        ),
        reverse=True,
    )
    (best, rec_id), (second, _) = scores[0], scores[1]
    return TextMatch(rec_id, best, best - second)


QUOTE_SCORE, QUOTE_RIVAL = 90.0, 80.0


def match_quote(fragment: str, campaign: Campaign) -> TextMatch | None:
    """A verbatim excerpt of one recommendation (a quote, an inline-reply quote), or a paraphrase of it.

    Excerpts are compared character-wise (rapidfuzz `partial_ratio`), so a few changed letters still
    match; when no text contains the excerpt, the word-stem comparison of `match_text` decides.
    """
    folded = fragment.lower().replace("ё", "е").strip(' "«».')
    if len(folded) >= 20:
        scores = sorted(((fuzz.partial_ratio(folded, r.text.lower().replace("ё", "е")), r.id)
                         for r in campaign.recommendations), reverse=True)  # fmt: skip
        (best, rec_id), (second, _) = scores[0], scores[1]
        if best >= QUOTE_SCORE and second < QUOTE_RIVAL:
            return TextMatch(rec_id, 1.0, 1.0)
    return match_text(fragment, campaign)


_COMMA_BEFORE = re.compile(r",\s*$")


def _exceptions(text: str) -> list[re.Match[str]]:
    """ "кроме", "except", and "but" only when a number follows ("all but 4.3", not "but not run")."""
    found = [
        m
        for m in (_EXCEPT.finditer(text) if _EXCEPT_GATE.search(text) else ())
        if not m.group().startswith("but")
        # (not after a comma: "We agree with everything, but 3.5 could be more ambitious" is a "but", not "all but")
        or (
            re.match(r"but\s+(?:not\s+)?\d", text[m.start() :])
            and not _COMMA_BEFORE.search(text, max(0, m.start() - 8), m.start())
        )
    ]
    return found + list(_KY_ABLATIVE_EXCEPT.finditer(text) if _KY_EXCEPT_GATE.search(text) else ())


# The words every match of `_EXCEPT`, and of `_KY_ABLATIVE_EXCEPT`, holds (tests/stances/test_gates.py derives it
# from the patterns): each unit is searched for exceptions twice, and most hold none of the words, which one scan
# for plain words tells at once
_EXCEPT_WORDS = {
    "_EXCEPT": (
        "кром", "исключ", "помимо", "exc", "exept", "xcept", "other than", "apart from", "aside from", "save", "but",
        "bar", "krome",
    ),
    "_KY_ABLATIVE_EXCEPT": ("башка", "тышкары"),
}  # fmt: skip
_EXCEPT_GATE, _KY_EXCEPT_GATE = (re.compile("|".join(map(re.escape, words))) for words in _EXCEPT_WORDS.values())


# "with one exception", "кроме двух", "за двумя исключениями", "экөөнөн башка": the exceptions are counted, and
# the reply must then name exactly that many with another stance (`extract._counted_exceptions`)
_COUNTED = compile_at_heads(
    r"(?:with|но|с|со|за)\s+(one|a single|two|three|одним|двумя|тремя)\s+(?:exception|исключени)"
    r"|(?:except(?: for)?|save for|apart from|exception of|кроме|за исключением)\s+(one|two|three|одно\w*|одной"
    r"|двух|трех)(?!\s*\d)\b|(бир|эки|үч)(?:өө|өөн|өөнөн|ден|ни)?\s+(?:сунуштан\s+)?(?:башка|тышкары)"
    r"|(экөөнөн|үчөөнөн|бирөөнөн)\s+(?:башка|тышкары)"
)
_COUNTS = {"one": 1, "a single": 1, "одн": 1, "одним": 1, "одной": 1, "бир": 1, "бирөөнөн": 1, "two": 2,
           "двумя": 2, "двух": 2, "эки": 2, "экөөнөн": 2, "three": 3, "тремя": 3, "трех": 3, "үч": 3,
           "үчөөнөн": 3}  # fmt: skip


# "Happy with the other 18.", "остальные 18 — за": the rest counted; `extract._counted_exceptions` checks it
_REST_COUNT = compile_at_heads(rf"(?:{REST})\s+(\d{{1,2}})(?![.,]?\w)")  # (not "остальные 3.х", Panel 3's rest)


def counted_rest(text: str) -> tuple[int, str] | None:
    """How many the folded `text` says the rest are, and the words that say it."""
    m = _REST_COUNT.search(text)
    return (int(m.group(1)), m.group()) if m else None


def counts_the_rest(text: str, at: int) -> bool:
    """Is the number at `at` in folded `text` the count of a rest (what `counted_rest` reads)? Looked for in a few
    dozen characters around it, so that every number of a long unit costs the same."""
    return any(m.start(1) == at for m in _REST_COUNT.finditer(text, max(0, at - 30), min(len(text), at + 40)))


def counted_exception(text: str) -> tuple[int, str] | None:
    """How many exceptions the folded `text` announces without naming them, and the words that do."""
    m = _COUNTED.search(text)
    if m is None:
        return None
    word = next(g for g in m.groups() if g)
    return _COUNTS.get(word, _COUNTS.get(word[:3], 1)), m.group()


def names_all(text: str) -> bool:
    """Whether folded `text` may hold an "all" (`_ALL`): the only reference `find_refs` gives the level GLOBAL with
    neither `implied` nor a `problem`. A reply without one needs no search for every other kind of reference."""
    return _ALL.search(text) is not None


# "за исключением следующей.", "Except for the following, all are accepted:": the exceptions come below
_FOLLOWING = re.compile(r"(?:следующ(?:ей|его|их)|нижеследующ(?:ей|его|их)|the following(?: ones?)?)\b")
_LIST_OPENS = re.compile(r"\s*(?:[:.]\s*)?")


def exceptions_below(text: str) -> bool:
    """Does folded `text` announce exceptions that lines of their own give below ("Поддерживаем, за исключением:",
    "…, за исключением следующей.", "Except for the following, all recommendations are accepted:")?"""
    ends_with_colon = text.rstrip().endswith(":")
    for _, end in except_spans(text):
        following = _FOLLOWING.match(text, end)
        if following is None:
            if ends_with_colon and not text[end:].strip(" \t:"):
                return True  # (the exception's word swallowed the colon, "за исключением:")
        elif ends_with_colon or _LIST_OPENS.fullmatch(text, following.end()):
            return True
    return False


def except_spans(text: str) -> list[tuple[int, int]]:
    """Where "кроме"/"за исключением" stand, so that "за" in them is not read as a vote "за"."""
    return [(m.start(), m.end()) for m in _exceptions(text)]
