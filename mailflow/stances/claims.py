"""Claims: what one sentence, list line or table row of a reply says about which recommendations.

A unit of text is read in three passes. References (`refs`) and stance cues (`lexicon`) are located;
the unit is cut into segments so that each holds one stance ("согласны с 1.1, 1.2, не согласны с 4.3");
each segment's stance is given to its references, and the words after them become the reason. Anything a
careful reader would stop at (an unknown ID, a bare number, an unclear negation, a condition, an
exception that says nothing) becomes a `Problem` next to the claims, never a silent guess.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from itertools import pairwise

from rapidfuzz import fuzz

from mailflow.campaign.letter import Audience, Campaign
from mailflow.patterns import compile_at_heads
from mailflow.reading.reply import Stance
from mailflow.stances.lexicon import (
    AN_ID,
    DECISION_HEAD,
    LIMITS,
    Cue,
    CueKind,
    Taken,
    condition_in,
    find_cues,
    fold,
    quoted_spans,
)
from mailflow.stances.refs import (
    DOCUMENT_NUMBER,
    EXPLICIT,
    GLOBAL,
    GROUP,
    KY_ABLATIVE,
    REST,
    REST_WORD,
    Ref,
    counted_exception,
    counts_the_rest,
    describes_recommendation,
    except_spans,
    exceptions_below,
    find_refs,
    match_quote,
    match_text,
    panels_by_words,
    votes_row,
)


@dataclass(frozen=True)
class Claim:
    """One stance on some recommendations; `level` ranks how specifically they were named."""

    ids: tuple[str, ...]
    stance: Stance
    level: int
    reason: str | None
    evidence: str
    confidence: float = 1.0
    scoped: bool = True  # False: a stance with no recommendations named ("Согласны.")
    guess: bool = False  # "всё, кроме 3.5" and nothing more: 3.5 is only presumed to be rejected


def waiting_for_why(claims: list[Claim] | tuple[Claim, ...]) -> Claim | None:
    """The claim whose why the next sentence may give: the last one, when it disagrees (or agrees in part) with
    no why; or the one before an agreement with the rest ("Рекомендацию 3.7 не поддерживаем, остальные — да.
    Просвещать население должны госорганы, а не ОГО.")."""
    wanting = (Stance.DISAGREE, Stance.PARTIAL)
    last = claims[-1] if claims else None
    if last is not None and last.stance is Stance.AGREE and last.level == GLOBAL and len(claims) > 1:
        last = claims[-2]
    return last if last is not None and last.stance in wanting and last.reason is None else None


@dataclass(frozen=True)
class Problem:
    """Something in the text that needs a human; `code` is one of the review codes in `stances`."""

    code: str
    detail: str


@dataclass(frozen=True)
class UnitReading:
    claims: tuple[Claim, ...] = ()
    problems: tuple[Problem, ...] = ()
    ids_without_stance: tuple[str, ...] = ()  # "По пункту 4.3:" — the stance may be on the next line
    has_cue: bool = False
    wants_reason: bool = False  # the last claim disagrees with no reason: the next sentence may give it
    used_default: bool = False  # the stance went to the IDs the context named
    bare_exception: bool = False  # "кроме 4.3 — против" with no "all" or IDs in the unit to except it from
    untaken: tuple[tuple[str, tuple[str, ...]], ...] = ()  # panels named, and their IDs no claim took
    stressed: str = ""  # "особенно поддерживаем 3.4": picked out of a whole that another sentence may name
    headings: tuple[tuple[str, tuple[str, ...]], ...] = ()  # "2 панель" alone: the lines under it must answer it


@dataclass(frozen=True)
class _Cluster:
    """Adjacent cues read as one stance: "да, согласны", "частично согласны", "в целом поддерживаем"."""

    start: int
    end: int
    kind: CueKind
    general: bool
    confidence: float


@dataclass
class _Segment:
    start: int
    end: int
    cluster: _Cluster
    refs: list[Ref] = field(default_factory=list)


_STANCE = {CueKind.AGREE: Stance.AGREE, CueKind.DISAGREE: Stance.DISAGREE, CueKind.PARTIAL: Stance.PARTIAL,
           CueKind.ABSTAIN: Stance.ABSTAIN, CueKind.AMBIGUOUS: Stance.PARTIAL}  # fmt: skip
# "as" meaning "because": not "as well (as)", "as long as", nor "accept the recommendations as drafted"
_AS_BECAUSE = (
    r"(?<!well )(?<!such )as(?!\s+(?:well|follows|for|to|regards|of|a|an|part|soon|long|drafted|written|proposed"
    r"|presented|formulated|outlined|set out|is|usual|agreed|discussed)(?![\w-]))"
)
REASON_MARKER = compile_at_heads(
    r"\b(?:так как|т\.\s?к\.|поскольку|потому что|ввиду того,? что|в связи с тем,? что|because|since"
    rf"|{_AS_BECAUSE}|полагая,? что|считая,? что|анткени|себеби|себеп)(?=\W)"
)
# The reason given first: "Поскольку у нас нет ресурсов, 4.4 не поддерживаем"; "Биз катышкан эмеспиз, ошондуктан …"
_REASON_FIRST = re.compile(
    r"^\W*(?:(?:поскольку|так как|т\.\s?к\.|ввиду того,? что|в связи с тем,? что|since|because|given that"
    r"|as(?!\s+(?:regards|for|to|well|a|an|part|of|soon|long|follows|mentioned|noted|said|stated|agreed|discussed"
    r"|you (?:may |might |will )?know|you are aware)\b))"
    # ("Так как наша ассоциация объединяет фермеров, и вопросы цифровых технологий для нас не профильные, по
    # панели 3 воздерживаемся": a clause joined by ", и" goes on with the reason; so may others, `_reason_before`)
    r"\s+([^,]+(?:,\s+(?:и|а|and|but|но)\s+[^,\d]+(?=,))*)"
    # "Учитывая, что рекомендации 3.5 и 4.3 адресованы органам власти, …, их не поддерживаем": IDs in such a
    # clause are what the stance is about, so it is a reason only when it names none
    r"|(?:учитывая,? что|принимая во внимание,? что|considering that|in view of the fact that)\s+"
    r"((?:(?!\d\.\d)[^,])+)),"
)
# Kyrgyz says "because" at the end of the clause: "жетүү кыйын болгондуктан, 3.8-сунушту колдойбуз"
_KY_REASON_FIRST = re.compile(
    r"^\W*([^,.;:]+?(?=\s+болгондуктан)"
    r"|[^,.;:]+?(?:гандыктан|гендиктен|гондуктан|гөндүктөн|кандыктан|кендиктен|\s+үчүн))(?:\s+болгондуктан)?\s*,"
)
# "тоже", "as well": the stance said again, of other IDs
ALSO_WORDS = r"as well|too|тоже|также"
# "поддерживает особо, поскольку …", "agree in full — …": a word of degree between the stance and its reason
# "особенно", "in particular": one of a set picked out, or (after a stance) how strongly it is held
STRESS_WORDS = r"особенно|в особенности|in particular|particularly|especially"
_DEGREE_WORDS = (
    rf"особо|{STRESS_WORDS}|в частности|полностью|целиком|безусловно|горячо|всецело|fully|in full|entirely|strongly"
    r"|warmly|wholeheartedly"
)
# (up to two: "Первую панель поддерживаем особенно горячо, так как …")
_DEGREE = rf"(?:(?:{_DEGREE_WORDS}|тоже|также|too)\b\s*){{0,2}}"
_MARKED_REASON = re.compile(  # (after the IDs' closing bracket: "We support Panel 2 (2.1), because …")
    rf"^\)?[\s,;:—–-]*+{_DEGREE}[\s,;:—–-]*+"
    rf"(?:так как|т\.\s?к\.|поскольку|потому что|ввиду того|в связи с тем|because|since|{_AS_BECAUSE}(?!\w)"
    r"|анткени|себеби)"
)
_LINK_AT_END = re.compile(r"[\s,]+(?:and|и|а|но|but|жана)(?:\s+(?:we|мы|биз|i|я))?$")
_MINUS_LISTED = re.compile(r"\s*[,;]\s*(?:\d\.\d|$)")
_COLON_THEN_WORD = re.compile(r"\s*:\s*(?=[^\W\d])")
_COMPARED = re.compile(
    r"(?:по той же причине,?|for the same reason)\s+(?:что и|как и|как|as(?: for| with)?)\s+$"
    # "п. 1.3 и п. 1.4 — не согласны, дублируют 1.2": what the reason compares them with (1.2 was disagreed)
    r"|(?<!\w)(?:дублиру\w*|повторя\w*|(?:пересека|совпада)\w* с|duplicat\w*|overlap\w* with|repeat\w*)"
    # ("… — дублируют друг друга и 1.2": each other, and 1.2)
    r"\s+(?:(?:друг друга|each other|one another)\s+(?:и|and)\s+)?"
    r"(?:(?:п|пп|рек)\.\s*|пункт\w*\s+|рекомендаци\w*\s+|recommendation\s+)?$"
)


def _compared(folded: str, ref: Ref) -> bool:
    return _COMPARED.search(folded, max(0, ref.start - 50), ref.start) is not None


_DASH_THEN_WORD = re.compile(r"\s*[—–-]\s+(?=[^\W\d])")
# "Поддерживаем все 19 — они точно отражают то, о чём говорили": a dash, then a clause of its own
# "Поддерживаем 3.8: водители часто не могут получить госуслуги в пути": a colon after the stance, the same; and a
# table's comment cell, "| 3.2 | agree | we already run mentoring for NGOs |"
_DASH_CLAUSE = re.compile(rf"\s*+{_DEGREE}\s*+[—–:|]\s++(?!спасибо|благодар|thank|рахмат|ыраазы)(?:\w+\W+){{3}}")
# "1.4 — поддерживаем, межрегиональные связи у нас практически отсутствуют": after a comma, a clause of its own
# (not a link, a stress, thanks, a condition, a relative clause or more IDs; and no scope word in it) says why
_COMMA_CLAUSE = re.compile(
    rf"\s*{_DEGREE}\s*,\s+(?!(?:спасибо|благодар|thank|рахмат|ыраазы|но|but|а|и|and|однако|however|кроме|except|особенно"
    r"|especially|в том числе|including|тоже|также|also|as well|too|за исключением|apart|with the exception|по|on|for"
    r"|остальн|the rest|other|all|все|всё|if|если|при условии|provided|unless|when|когда|after|после"
    r"|что|which|that|who|кто|где|where|котор\w*)\b)"
    r"[^\W\d](?:\w+\W+){3}"
)
_SO_WORDS = r"поэтому|в связи с этим|в связи с чем|therefore|so|ошондуктан|сондуктан|андыктан|так что"
_THEREFORE = re.compile(rf"(?<![\s,]),?\s+(?:{_SO_WORDS}|в этой связи)\b")
# what follows from an abstention's words, which ends them as its reason ("не касаются нашей деятельности, по ним
# воздерживаемся")
_SO = re.compile(rf"[\s,;]+(?:{_SO_WORDS}|по ним|по ней|по нему|по этим)\b")
_LEADING_CONNECTOR = re.compile(
    rf"^[\s,;:.—–\-|)(]*(?:(?:{ALSO_WORDS})\b[\s,]*"
    # "особо, поскольку …", "in full — …": a word of degree before the reason's own mark (not "особенно там, где …")
    # ("We cannot support it because …": the stance's object, then the reason's mark)
    # ("не согласен с данной рекомендацией, поскольку …": the object named again, then the reason's mark)
    rf"|(?:(?:{_DEGREE_WORDS})\b[\s,]*)?(?:{_DEGREE_WORDS}|(?:with\s+)?(?:it|them)|его|ее|её|их"
    r"|(?:с|with)\s+(?:данной|этой|this)\s+(?:рекомендацией|recommendation))\b[\s,]*"
    r"(?=(?:так как|т\.\s?к\.|поскольку|потому что|because|since|as|анткени|себеби)\b|[—–:-]))?"
    r"(?:(?:так как|т\.\s?к\.|поскольку|потому что|ввиду того,? что|в связи с тем,? что|because"
    r"|since|as|cause|coz|cuz|cos|анткени|себеби|а именно|именно|причина|обоснование|комментарий|reason|comment"
    r"|но|однако|but"
    r"|however|бирок|тем не менее|-?(?:ден|дан|тен|тан)?\s*башка\w*|тышкары"
    r"|по ним|по ней|по нему|по этим|по этой|по этому)\b|т\.\s?к\.)?[\s,:—–\-|]*",  # ("т.к." ends on its full stop)
    re.IGNORECASE,
)
# "но", or "в части …" (agreeing with a part only): the agreement is qualified and a human decides how.
BUT_WORDS = r"но|однако|but|however|бирок|although|though"  # a contrast: "да, но …" (also extract's "how far")
_BUT_ANYWHERE = re.compile(
    # (not "особенно в части …": where they would help most, no part held back)
    rf"(?:^|[\s,;—–-])({BUT_WORDS}|(?<!особенно )в части|за исключением|хотя(?! бы))[\s,]",
    re.IGNORECASE,
)


def _qualified(text: str, folded: str, start: int, end: int, own: list[Ref]) -> bool:
    """Is an agreement held back by a "но", "в части", "хотя" after it? Not by "за исключением" where it opens an
    exception to an agreement with all ("согласны со всеми за исключением 3.5 (не поддерживаем)", "…, за
    исключением следующей."): what is excepted has its own stance, the rest is agreed. (Of named IDs it excepts a
    part: "Поддерживаем 3.2 за исключением следующего: …" is partial.)"""
    found = [m.start(1) for m in _BUT_ANYWHERE.finditer(text, start, end)]
    whole = not any(r.level > GLOBAL for r in own)
    spans = except_spans(folded) if found else []
    # ("п.п. 4.1–4.5 — поддерживаем, за исключением п. 4.3": an ID after it is excepted whatever the agreement is of)
    excepting = {at for at, end_ in spans if whole or _ID_NEXT.match(folded, end_)}
    return any(at not in excepting for at in found)


_ID_NEXT = re.compile(r"(?:пп?\.\s*|п\.п\.\s*|рек\.\s*|рекомендаци\w*\s+|пункт\w*\s+)?\d\.\d")


# "Не поддерживаем рекомендацию 4.1 в части, касающейся …": a rejection of a part is a partial stance
_IN_PART = re.compile(r"[\s,]*(?:в (?:той )?части|in (?:the )?part|insofar as|in so far as|to the extent)\b")
# "Не согласны в части 3.2", "в части пункта 4.5", "в части, касающейся 4.5": "as regards" these IDs, all of them
_PART_NAMED = re.compile(r"[\s,]*(?:\d|п\.|пп\.|пункт|рекомендаци|касающ)")
_BUT = re.compile(r"^[\s,;—–-]*(?:но|однако|but|however|бирок|а)\b")
_PUNCT = re.compile(r"[,;:|—–]|\s-\s|\.\s|\s(?:а|но|однако|but|whereas|while|бирок)\s")
_HEAD_FILLER = re.compile(
    r"^[\s\W]*+(?:(?:по|с|со|на|к|п|пп|пункт\w*|рекомендаци\w*|for|re|on|to|with|item|бөлүм|сунуш\w*|мы|we|i|ответ|answer"
    r"|полностью|целиком|безусловно|однозначно|конечно|fully|totally|completely|definitely|certainly|strongly"
    r"|absolutely|гана|only"
    r"|жооп|а|но|и|and|but|however|однако|также|тоже|also|else|so|say"  # ("…, so we say no to 3.5")
    r"|ним|ней|нему|них|него|нее|её)\b[\s\W]*+)*+$"  # "кроме 3.5 и 3.6, по ним нет": their answer
)
_PRONOUN = re.compile(r"[\s,;—–-]*(?:а\s+|но\s+)?(?:по ним|по ней|по нему|по этим|по этой|по этому|по которым"
                      r"|по которой|on which|for which|where"
                      r"|с ними|с ней|them|these|those|it|алар|аларга|ага)\b")  # fmt: skip
_POLAR = (CueKind.AGREE, CueKind.DISAGREE)
# a character of the clause it stands in: no sentence's or clause's end, but an ID's dot ("3.5")
_CLAUSE_CHAR = r"(?:[^.;!?\n]|(?<=\d)\.(?=\d))"
_THAT_CLAUSE = re.compile(rf"(?:\s+(?:с\s+тем|with\s+you))?,?\s+(?:что|that)\s{_CLAUSE_CHAR}{{0,120}}")
_BUT_BETWEEN = re.compile(r"[^.;:!?]{0,60}?[\s,](?:но|but|однако|however)\s+(?:\w+\s+){0,2}")
_NON_RECOMMENDATION_OBJECT = re.compile(
    r"\s+(?:(?!рекомендац|recommendation|сунуш|пункт)\w+\s+)?(?:инициатив\w*|иде\w+|работ\w+|усили\w+|проведени\w+|диалог\w*|мероприяти\w+|формат\w*"
    r"|реализаци\w+|внедрени\w+|initiative|effort\w*|dialogue|event|implementation|process|демилгесин\w*)"
)
_DOUBT = compile_at_heads(
    r"понятн|не понима|обсуд|подума|уточн|не уверен|сомнева|вопрос|not sure|unsure|discuss|unclear|understand|талкуул"
    r"|особое мнение"  # "кроме 2.1 и 4.2 — по ним у нас особое мнение": which one, unsaid
    r"|leave (?:that|it|this|them) to|оставим (?:это |их |ее |его )?(?:на |для )"  # "…, we'll leave that to others"
    # "кроме 3.5 — без позиции по срокам", "кроме 4.3 — позицию не выражаем, поскольку …": no position, not a "no"
    r"|без позиции|позици\w*\s+не\s+(?:выража|высказыва|занима)|не\s+занима\w*\s+(?:\w+\s+)?позици"
    # a hedge is an impression, not a rejection: "4.3 seems unrealistic", "кажется преждевременной"
    r"|\bseems?\b|\bappears?\b|\bmay be\b|\bmight\b|кажет|представляет\w* (?:нам )?(?:не)?\w+|возможно|окшойт"
)
# "Рекомендацию о сотрудничестве …": one recommendation, described; if its words match none, ask.
_ONE_RECOMMENDATION = re.compile(
    r"рекомендаци(?:ю|я|ей)\b|рекомендаци(?:и|ей) (?:о|об|по|про|насчет)\b|the recommendation (?:on|about)\b"
    r"|(?:тууралуу|жөнүндөгү|боюнча|арналган)\s+сунуш(?:ту|ка|у|тун)?\b"  # "… тууралуу сунушту": the one about …
)
# "по которым мы не согласны": a stance inside a relative or reported clause is not what they state.
# ("I am pleased to confirm that we endorse …", "сообщаем, что": the respondent's own statement, not hearsay)
# (a clause ends at a dash or at ", so": "… are exactly what we need — we support them", "… beyond what we can do,
# so we disagree with those two" state a stance; not at "so far", nor at an aside set off by two dashes, "с которыми
# мы — честно говоря — не согласны")
_INDIRECT = re.compile(
    r"\b(?:котор\w+|which(?! (?:is|was) why)"  # ("…, which is why we support 3.1": a connective)
    r"|(?<!confirm )(?<!inform you )(?<!to say )(?<!state )(?<!announce )(?<!except )(?<!add )that we"
    r"|what we|whom"
    r"|кайсы\w*)\b(?:[^.;:—–,]|,(?!\s*(?:so(?!\s+far\b)|поэтому|therefore)\b)|[—–][^—–.;:]*[—–])*$"
)
# (an ID or a panel by number: "except those of panel 4, on which we abstain")
_ID_BEFORE = re.compile(
    # ("except panel 2 (2.1), which we disagree with": the ID in brackets)
    r"(?:\d\.\d{1,2}\)?|(?:panel|панел\w*|section|раздел\w*)\s*№?\s*\d|(?:перв|втор|трет|четв[её]рт)\w+\s+(?:панел|раздел)\w*)"
    r"\s*,?\s*"
    r"(?:по|с|со|на|к|за|против|with|to|on|about|for|of|regarding)?\s*$"
)
_LINE_NUMBER = re.compile(r"^\s*(\d{1,2})(?:[.)]\s+|\s*[-–—:|]\s*|\s+)(?=\S)")


# "Some of the business-related ones", "некоторые рекомендации", "айрымдары": a share of the recommendations
# themselves (not "some of our members", "многие НКО"), which a sentence without a stance still says something of
_SHARE_OF_THEM = re.compile(
    r"(?:some|several|a few|certain)(?: of)? (?:the |these |those )?(?:[\w-]+ )?(?:ones|recommendations|points|items)\b"
    r"|(?:some|several|a few) of them\b|некотор\w+ (?:из )?(?:\w+ )?(?:рекомендаци|пункт|из них|предложени)"
    r"|айрым\w* (?:\w+ )?(?:сунуш|рекомендац)|айрымдары|кээ бир (?:\w+ )?(?:сунуш|рекомендац)"
)


def read_unit(text: str, campaign: Campaign, default: tuple[str, ...] = (), decided: bool = False) -> UnitReading:
    """Read one sentence/line/row; `default` are the recommendations the context names (an inline quote)."""
    folded = fold(text)
    # (`refs` loses an "all" inside a stance phrase below; the numbers are weighed against every reference found:
    # "возражений ни по одной из 19 рекомендаций нет" is one stance phrase, and its "19" no loose number)
    quotes = quoted_spans(folded) if '"' in folded else []
    found_refs = refs = [
        r
        for r in find_refs(folded, campaign)
        if not (r.level == GLOBAL and quotes and in_quoted_name(folded, r, quotes))  # "Фонд «Вода для всех»"
    ]
    marker = _LINE_NUMBER.match(folded)
    problems: list[Problem] = []
    # a Kyrgyz case ending glued to an ID ("3.7ни", "4.3кө") goes with it: "ни" alone is a Russian negation
    excepts = except_spans(folded)
    blank = [(r.start, _glued_end(folded, r.end)) for r in refs if r.level != GLOBAL] + excepts
    found = find_cues(_blank(folded, blank), decided)
    heads = _heads(refs) if any(c.terse for c in found) else _NO_HEADS  # (only a terse cue looks them up)
    cues = _with_also([c for c in found if _usable(c, folded, refs, heads, bool(default))], folded, refs)
    problems += _said_of_ids_in_a_clause(text, folded, cues) + _stance_on_something_else_but(text, folded, found, cues)
    # "Abstain: 4.1-4.5 (not relevant to our work)": a bracket after the IDs that says the stance again is the
    # comment on it, its reason, not a second stance that leaves the first without scope
    brackets = _comment_brackets(folded, refs, cues)
    on_none = [(c.start, c.end) for c in cues if _ON_NONE.match(folded, c.end)]  # "Disagree: none": used, on nothing
    except_starts = [at for at, _ in excepts]
    cues = [
        c for c in cues if not _said_again(c, cues, brackets, except_starts, found) and (c.start, c.end) not in on_none
    ]
    refs = [r for r in refs if r.level != GLOBAL or not any(c.start <= r.start < c.end for c in cues)]
    refs += _quoted_refs(folded, campaign, problems, refs)
    problems += _described_otherwise(folded, refs, campaign) + _only_then_rest(folded)
    # "Не согласны: 1.3 (опять всё будет решаться в Бишкеке)": an "all" in the bracket after an ID is the
    # comment's own word, not a stance on all 19
    comments = _comment_brackets(folded, refs, cues)
    refs = [r for r in refs if not (r.level == GLOBAL and any(s < r.start and r.end <= e for s, e in comments))]
    refs.sort(key=lambda r: r.start)
    numbered = marker is not None and not any(r.start < marker.end() for r in refs)
    if numbered and cues and not _has_own_scope(refs) and not default:
        problems.append(Problem("ambiguous_number", f"«{text.strip()[:80]}» starts with a bare number"))
        return UnitReading(problems=tuple(problems), has_cue=True)
    heads = _heads(refs) if len(cues) > 1 else _NO_HEADS  # (only a pair of stances looks them up)
    clusters = _how_far_after_colon(folded, _clusters(cues, folded, heads), refs)
    if not clusters:
        # "3 панель вся да" with its "да" unread: a panel named without a stance waits for one, like an ID
        # (a heading, "Раздел 3:", only frames the lines under it; an audience, "for business", is no panel)
        heading = folded.rstrip().endswith(":") or bool(
            _HEAD_FILLER.match(_blank(folded, [(r.start, r.end) for r in refs]))
        )
        waiting = [
            r for r in refs if r.level == EXPLICIT or (r.level == GROUP and not heading and _whole_panel(r, campaign))
        ]
        named = tuple(i for r in waiting if not r.excepted and not r.problem for i in r.ids)
        # "Кроме 1.7 — там лишнее.": an exception or an unknown ID still needs a human without a stance word
        problems += [Problem("unknown_id", r.label) for r in refs if r.problem == "unknown_id"]
        # "The digital ones not so relevant for us": a panel named by one topic word, even with no stance;
        # "Some of the business-related ones we are less sure about": a share of them, and something said of it
        problems += [
            Problem("vague_scope", r.label)
            for r in refs
            if r.problem == "vague_scope"
            and (_whole_panel(r, campaign) or (r.level == GLOBAL and _SHARE_OF_THEM.match(folded, r.start)))
        ]
        if excepts and counted_exception(folded) is None:
            problems.append(Problem("unclear_exception", text.strip()[:80]))
        problems += _unaccounted(folded, refs, on_none, excepts, stance_words=True)
        problems += _quantifiers_without_stance(folded, refs)
        if any(c.terse and folded[c.start : c.end].isalpha() for c in found):
            # "с 1 по 3 ок": a word answer to numbers we cannot place (not a phone's "+996 …")
            problems += _loose_numbers(text, folded, found_refs, campaign)
        if _EMPHASIS.match(folded.lstrip(" \t-–—*•(")):
            named = ()  # "Особенно 3.5 💪" under "Поддерживаем всё": a stress on IDs already given a stance
        headings = tuple(
            (folded[r.start : r.end], r.ids)
            for r in refs
            if heading and r.level == GROUP and not r.problem and not r.excepted and _whole_panel(r, campaign)
        )
        return UnitReading(problems=tuple(problems), ids_without_stance=named, headings=headings)
    reason_at = _row_comment(folded, clusters[0]) if "|" in folded else _reason_marker(folded, clusters[0].end)
    first_partial = clusters[0].kind is CueKind.PARTIAL  # "3.5 — частично: поддерживаем цель, но …" says how far
    named_first = any(
        r.end <= clusters[0].start and (r.level == EXPLICIT or (r.level == GROUP and _whole_panel(r, campaign)))
        for r in refs
    )
    # (or more stances, when nothing after the first is named: "Третью панель не поддерживаем: цифровые вопросы
    # не наш профиль, …" holds a second stance word, and it is the reason's)
    named_later = any(r.start >= clusters[0].end and r.level in (EXPLICIT, GROUP) for r in refs)
    details = False
    if named_first and (len(clusters) == 1 or first_partial or not named_later):
        # "On 3.5 we disagree: … not a realistic target for CSOs": after the one stance on the IDs named first,
        # a colon opens its reason, and an audience in it is no scope
        # (a partial that goes on to give its IDs' answers, "С первой панелью согласны частично: 1.1–1.3 — да,
        # 1.4 и 1.5 — нет", opens no reason: each one's answer follows)
        before = {i for r in refs if r.end <= clusters[0].start and r.level == EXPLICIT for i in r.ids}
        # ("On panel 3 we partly agree with 3.4: a nationwide campaign is good but …": the IDs right after the
        # partial are its object, and the colon after them opens how far)
        object_end = _named_right_after(folded, clusters[0].end, refs) if first_partial else None
        details = (
            first_partial
            and len(clusters) > 1
            and any(
                r.start >= (object_end or clusters[0].end)
                # ("We partly agree with 3.4: the rest of panel 3 we reject": the rest's own answer)
                and ((r.level == EXPLICIT and not set(r.ids) <= before) or REST_WORD.match(folded, r.start))
                for r in refs
            )
        )  # (not the IDs named again, or their words quoted: "… но формулировка «в высокотехнологичных областях» …")
        colon = (None if details else _COLON_THEN_WORD.match(folded, object_end or clusters[0].end)) or (
            # "По п. 4.1: согласны частично – привлекать бизнес в консультативные советы можно, в наблюдательные –
            # нет": after a partial stance a dash opens how far, and its "нет" is part of it
            # (not the IDs it goes on to give: "Панель 3 поддерживаем частично — согласны с 3.1, 3.3, а с 3.2 не
            # согласны" is each one's answer)
            _DASH_THEN_WORD.match(folded, clusters[0].end)
            if first_partial and len(clusters) > 1 and not details
            else None
        )
        reason_at = min(reason_at, colon.end()) if colon else reason_at
    elif (len(clusters) == 1 or first_partial) and (named_end := _named_right_after(folded, clusters[0].end, refs)):
        # "We partly endorse 3.5: we support the aim, but CSOs have …", "We abstain on 3.2 and 3.5: they are
        # addressed to business associations …": the colon after the IDs opens how far, or why
        colon = _COLON_THEN_WORD.match(folded, named_end)
        # (not "We partly agree with 3.4: the rest of panel 3 we reject": the rest's own answer follows)
        rest_after = any(r.start >= named_end and REST_WORD.match(folded, r.start) for r in refs)
        reason_at = min(reason_at, colon.end()) if colon and not rest_after else reason_at
    if (row := _ID_ROW_COLON.match(folded)) and row.end() < reason_at:
        reason_at = row.end()  # "3.5 – частично: …, поэтому предлагаем связать этот пункт с 3.4": 3.4 is the comment's
    # ("3.5 менен макул эмеспиз, анткени … бал челектен башка иш жок": "башка" in the reason excepts nothing)
    # ("Принимаем рекомендации, за исключением:" heads a list whose lines give the exceptions and their stances, as
    # does "…, за исключением следующей.")
    if (
        any(start < reason_at for start, _ in excepts)
        and not any(r.excepted for r in refs)
        and counted_exception(folded) is None
        and not exceptions_below(folded)
    ):
        problems.append(Problem("unclear_exception", text.strip()[:80]))
    segments = _segments(folded, clusters, refs, heads, (reason_at, _reason_resumed(folded, reason_at, clusters, refs)))
    if details and segments:
        # "По панели 3 принимаем частично: 3.5 считаем невыполнимым для ОГО, остальные … принимаем": an ID after the
        # partial's colon with no stance word of its own (3.5 rejected, or partly agreed?)
        own = segments[0]
        loose = [
            i
            for r in own.refs
            if r.level == EXPLICIT
            and r.start > own.cluster.end
            and not r.excepted
            and ":" in folded[own.cluster.end : r.start]  # (after its colon: not "we partly agree with 3.5 and …")
            for i in r.ids
        ]
        problems += [Problem("no_stance_for_id", i) for i in loose]
    spoken = _spoken_for(folded, refs, cues, excepts)
    claims: list[Claim] = []
    for i, segment in enumerate(segments):
        last = i == len(segments) - 1
        answered = not last and _continues(folded, segments[i + 1])
        claims += _segment_claims(
            text, folded, segment, segments[:i], last, answered, default, campaign, problems, spoken
        )
    claims = _bracket_reasons(text, folded, _without_excepted(claims, refs), refs)
    problems += [
        Problem(r.problem, r.label)
        for r in refs
        if r.problem
        and not _in_reason(r, folded, claims)
        and not _names_a_named_panel(r, refs)
        and not _glossed_by_id(folded, r, refs, campaign)
    ]
    detailed = _detailed_partials(claims)
    problems = [p for p in problems if not _answered_in_detail(p, claims, detailed)]
    claims = [c for c in claims if not any(c is d for d in detailed)]
    problems += _loose_numbers(text, folded, found_refs, campaign)
    problems += _comma_id_as_many(folded, refs)
    reasons = _reason_spans(folded, claims)
    used = [(c.start, c.end) for c in cues] + reasons + comments
    problems += _unaccounted(folded, refs, used, excepts)
    problems += _loose_negations(folded, used)
    # ("считаем особенно актуальными и поддерживаем": how relevant they are, not which of a set are stressed)
    # ("…, так как … ставит под сомнение независимость организаций, в особенности правозащитных": the reason's)
    stress = next(
        (
            m
            for m in _EMPHASIS.finditer(folded)
            if not _DEGREE_OF.match(folded, m.end()) and not any(s <= m.start() < e for s, e in reasons)
        ),
        None,
    )
    picked = (
        claims
        and stress
        and not any(r.level < EXPLICIT and not r.implied for r in refs)
        # "We support 3.1 through 3.8, … 3.2 in particular": stressed among a set this sentence names
        and not any(set(a.ids) < set(b.ids) for a in refs for b in refs if a.ids and b.level == EXPLICIT)
    )
    stressed = stress.group() if picked and stress else ""
    wants_reason = waiting_for_why(claims) is not None
    used_default = bool(default) and any(c.ids == default for c in claims)
    bare = any(r.excepted for r in refs) and not any(r.ids and not r.excepted for r in refs)
    frame = next((r for r in refs if r.ids or r.level == GLOBAL), None)
    if frame is not None and _frames_the_line(folded, frame, refs):
        # "3-панель боюнча: 3.1, 3.3, 3.4 – ооба; калгандары боюнча калыс калабыз": "the rest" of a line that a
        # panel heads is that panel's rest (it was panel 4's too); so of "4.1–4.5 — не согласны с 4.1 и 4.3,
        # остальные да" (it was 1.1–3.8 too)
        claims = [
            replace(c, ids=tuple(i for i in c.ids if i in frame.ids), level=GROUP) if c.level == GLOBAL else c
            for c in claims
        ]
    framing = [r for r in refs if r.level == GROUP and _COLON_AFTER.match(folded, r.end)]
    # (an audience in a reason, "they are addressed to business associations", is who, not which)
    inside = [r for r in refs if any(start <= r.start < end for start, end in reasons)]
    # (nor one the stance is for: "3.5 считаем невыполнимым для ОГО")
    for_whom = [r for r in refs if any(_stance_is_for(folded, c.end, r) for c in cues)]
    untaken = _untaken_panels(folded, [r for r in refs if r not in framing + inside + for_whom], claims)
    headings = tuple((folded[r.start : r.end], r.ids) for r in framing if not r.problem and r.ids)
    return UnitReading(
        tuple(claims), tuple(problems), (), True, wants_reason, used_default, bare, untaken, stressed, headings
    )


_BRACKET = re.compile(r"\([^()]*\)")


# "п. 1.4 (про привлечение известных бизнесменов в наблюдательные советы ОГО)": an ID, then what it says
_DESCRIBED = re.compile(r"\s*\((?:про|о|об|по поводу|касательно|on|about|regarding|re:?)\s+([^()]{10,300})\)")


def _described_otherwise(text: str, refs: list[Ref], campaign: Campaign) -> list[Problem]:
    """An ID described in brackets as another recommendation: which of the two did the respondent mean?"""
    problems = []
    for ref in refs:
        m = _DESCRIBED.match(text, ref.end) if ref.level == EXPLICIT and len(ref.ids) == 1 else None
        match = match_text(m.group(1), campaign) if m else None
        if m and match and match.accepted and match.rec_id != ref.ids[0]:
            problems.append(Problem("ambiguous_number", f"{ref.ids[0]} ({m.group(1)[:50]} = {match.rec_id}?)"))
    return problems


# "По третьей панели — только 3.1 и 3.4, по остальным пунктам воздерживаемся": "only 3.1 and 3.4" with no
# stance of its own, then the rest's: the reader supplies "we support" (probably), the stage would give both
# the rest's stance
_ONLY_THEN_REST = re.compile(
    rf"(?:[—–:]|\s-)\s*(?:только|лишь|only)\s+(?:(?:п\.|рек\.)\s*)?\d\.\d[\d.,\s–—-]*(?:(?:и|and|жана)\s+\d\.\d\s*)?"
    rf"[,;]\s*(?:(?:по|for|on|на|а)\s+)?(?:{REST})"
)


def _only_then_rest(text: str) -> list[Problem]:
    m = _ONLY_THEN_REST.search(text)
    return [Problem("unclear_exception", m.group().lstrip("—–:- "))] if m else []


def _after_id(position: int, refs: list[Ref]) -> bool:
    return any(r.level == EXPLICIT and 0 <= position - r.end <= 3 for r in refs)


def _comment_brackets(folded: str, refs: list[Ref], cues: list[Cue]) -> list[tuple[int, int]]:
    """The brackets right after an ID, or after the answer that follows an ID ("3.5 — нет (…)"): the
    respondent's comment on it."""
    if "(" not in folded:
        return []
    # only the last ID before a cue can be separated from it by no more than a dash: the text of any other lies
    # between them
    ends = sorted(r.end for r in refs if r.ids)
    answers = [
        c.end
        for c in cues
        if (i := bisect.bisect_right(ends, c.start)) and _ANSWER_GAP.fullmatch(folded, ends[i - 1], c.start)
    ]
    return [
        (b.start(), b.end())
        for b in _BRACKET.finditer(folded)
        if _after_id(b.start(), refs) or any(0 <= b.start() - end <= 2 for end in answers)
    ]


_ANSWER_GAP = re.compile(r"\s*[—–:-]?\s*")  # "3.5 — нет", "3.5: да", "3.5 да"


# "* Disagree: none", "Против: ни одной": a row of a list that puts nothing under its stance
_ON_NONE = re.compile(r"\s*[:—–-]\s*(?:none|nothing|no items?|ни одной|ни одна|никаких|таких нет)[\s.!;]*$")


def _said_again(
    cue: Cue, cues: list[Cue], comments: list[tuple[int, int]], except_starts: list[int], found: list[Cue]
) -> bool:
    """A cue inside a comment bracket whose stance a cue before the bracket already gave, or inside the bracket
    after an answer ("3.5 — нет (…, это не наш профиль)"). Not a bracket's first word past an exception: in
    "Согласны по всем пунктам, кроме 3.5 (против) и 4.3 (согласны частично)" it gives 4.3 its own stance.
    `except_starts`: where the exceptions begin, in order (the last one before a bracket found by a bisect); `found`:
    every cue of the unit, usable or not."""
    for start, end in comments:
        if not start <= cue.start < end:
            continue
        at = bisect.bisect_left(except_starts, start)
        excepted_from = except_starts[at - 1] if at and cue.start - start <= 3 else -1  # (-1: no exception)
        if any(
            c.end <= start and ((c.kind is cue.kind and c.end > excepted_from) or 0 <= start - c.end <= 2) for c in cues
        ):
            return True
        # "— частично: 1.3 (сверху вниз – да, а снизу вверх каналов по факту нет), 4.1": a "да" and a "нет" in one
        # bracket after a partial stance say how far it goes, neither is a stance of its own (not "Поддерживаем: 1.1,
        # 3.5 (нет, …), 4.1", nor "Частично: 1.3 (нет, …)": there the bracket's "нет" is 3.5's or 1.3's answer)
        # ("Частично поддерживаем 1.3 (да — на уровне района, нет — на уровне области) и 4.1": "поддерживаем" after it)
        if (
            cue.terse
            and any(c.kind is CueKind.PARTIAL and c.end <= start for c in cues)
            # (every terse cue in the bracket: the usable ones may lack the "нет")
            and {c.kind for c in found if c.terse and start <= c.start < end} >= set(_POLAR)
        ):
            return True
    return False


_GLUED = re.compile(r"-?[^\W\d_]+")


def _glued_end(text: str, end: int) -> int:
    glued = _GLUED.match(text, end)
    return glued.end() if glued else end


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


# What may follow a terse cue ("да", "+", "ok") for it to be an answer: nothing, punctuation, a dash, a tab (the
# next cell of a typed table), an ID, "all"
_EMOJI_VOTES = "👍✅✓✔☑💯🔥"
_NAME_ONLY = re.compile(r"\s+[^\W\d_]+(?:[ .]{1,2}[^\W\d_]+)?\.?\s*")
_THANKS_ONLY = re.compile(
    r"[\s,.!]*(?:большое\s+|чоң\s+)?(?:спасибо|рахмат|thanks|thank you|благодарим|благодарю)[\s!.]*"
)
_ANSWER_FOLLOWS = re.compile(
    r"(?:\s*$|\s*[,;:.!|)»\"]|\s*[—–-]\s| *\t|\s+\d"
    r"|\s+(?:(?:to|with|on|for|по|на|с|со)\s+)?(?:все|всех|всё|всем|всеми|all|everything|остальн\w*|the rest)\b"
    rf"|\s+to\s+(?:the\s+)?(?:panels?|sections?|recommendations?|points?)\b|\s*[{_EMOJI_VOTES}]"
    r"|\s+(?:кроме|except|apart from|за исключением)\b|\s+to\s+(?=\d)"  # "всё ок кроме 3.5", "no to 4.1"
    r"|\s+(?:по|on|for)\s+(?:п\.\s*)?\d|\s+(?:от нас|from us)\b"  # "ок по 1.1 1.2", "всё ок от нас 👍"
    rf"|\s+(?:{ALSO_WORDS})\s*(?:[,;:.!]|$))"  # "Everything else: yes as well."
)


_ANSWER_WORDS = ("жооп", "ответ", "ответа", "answer")


def _after_answer_word(text: str, end: int) -> bool:
    """Does `text` before `end` close on "жооп"/"ответ(а)"/"answer" and a space? Walked back from `end`, so
    each of a thousand "+" costs its own few characters, not the unit's length."""
    start = end
    while start > 0 and text[start - 1].isspace():
        start -= 1
    return start < end and text.endswith(_ANSWER_WORDS, 0, start)


# (the whole line: "По 2.1 и третьей панели —", not "По пунктам: 1.1 +, 1.3 -" nor "по 1.1 — да, по 4.3 —")
_FRAMED_LINE = re.compile(r"[^\S\n]*+(?:по|on|regarding|for|about|as for|что касается)\s[^—–+:=\n-]*")


def _left_open(text: str, cue: Cue) -> bool:
    """Is the cue the end of a line that is nothing but a frame before it ("По 2.1 и третьей панели —")?"""
    line_end = text.find("\n", cue.end)
    return not text[cue.end : len(text) if line_end < 0 else line_end].strip() and bool(
        _FRAMED_LINE.fullmatch(text, text.rfind("\n", 0, cue.start) + 1, cue.start)
    )


def _usable(cue: Cue, text: str, refs: list[Ref], heads: _Sorted, answers_quote: bool) -> bool:
    """Terse cues ("да", "+", "нет") count only at the head of a row, right after the IDs they answer;
    `heads` are the refs that can head an answer (IDs, panels, "остальные"), not an implied "all"."""
    if cue.kind in _POLAR and _NON_RECOMMENDATION_OBJECT.match(text, cue.end):
        return False
    if not cue.terse:
        return True
    if _after_answer_word(text, cue.start):
        return False  # "Башкасына жооп жок": there is no answer for the rest, not "the answer is no"
    after = text[cue.end :]
    bracketed = re.match(r"\s*\((?!\d)", after)  # "нет (почему)", "❌ (…)", not "+996 (312)"
    # ("👍 Жылдыз": a thumbs-up signed with a name, nothing else on the line)
    # ("👍 Рахмат!": a thumbs-up and thanks)
    signed = text[cue.start] in _EMOJI_VOTES and (
        _NAME_ONLY.fullmatch(after) is not None or _THANKS_ONLY.fullmatch(after) is not None
    )
    if not bracketed and not signed and not _ANSWER_FOLLOWS.match(after):
        return False
    named_before = answers_quote or any(r.end <= cue.start and r.ids for r in refs)
    stuck = cue.start > 0 and text[cue.start - 1].isdigit() and re.match(r"\s+\d", after) and votes_row(text)
    # ("1.3 +, 1.4 −, 1.5 +": a minus between commas in a row of votes, right after its ID)
    listed = named_before and _MINUS_LISTED.match(after) is not None
    if (
        text[cue.start] in "-–—"
        and (after.strip(" |") or not named_before)
        and not ((stuck or listed) and named_before)
    ):
        return False  # a dash is a "no" only as the answer after an ID ("4.3 -"), never a "--" signature line
    if text[cue.start] in "-–—" and _left_open(text, cue):
        return False  # "По 2.1 и третьей панели —" and nothing after: a frame whose answer never came
    named = heads.last_ending_by(cue.start)
    if named is not None and _HEAD_FILLER.match(text[named.end : cue.start]):
        return True  # right after its ID or quantifier: "1.1 да 1.2 да 1.4 нет", "остальные за"
    before = _blank(text[: cue.start], [(r.start, r.end) for r in refs if r.end <= cue.start])
    head = re.split(r"[,;:|]|\s[—–-]\s", before)[-1]
    return bool(_HEAD_FILLER.match(head))


def _said_of_ids_in_a_clause(text: str, folded: str, cues: list[Cue]) -> list[Problem]:
    """ "Согласны, что 4.3 лишняя", "We agree that 4.3 is unnecessary": agreement with what a clause says of the IDs,
    which may be a "no" (it had been read as agreement with 4.3)."""
    for cue in cues:
        clause = _THAT_CLAUSE.match(folded, cue.end) if cue.kind in _POLAR else None
        if clause and AN_ID.search(folded, clause.start(), clause.end()):
            return [Problem("unread_words", text[cue.end : clause.end()].strip())]
    return []


def _stance_on_something_else_but(text: str, folded: str, found: list[Cue], cues: list[Cue]) -> list[Problem]:
    """ "2.1 поддерживаем идею, но против сроков": a stance on something else (the idea) and then, after "но", the
    opposite one on the recommendation says how far, which a person weighs (it had been read as a plain "no")."""
    starts = [c.start for c in cues]
    for other in found:
        if other.kind not in _POLAR or not _NON_RECOMMENDATION_OBJECT.match(folded, other.end):
            continue
        at = bisect.bisect_left(starts, other.end)  # (only the stance right after it: one look per cue)
        after = cues[at] if at < len(cues) else None
        if (
            after is not None
            and after.kind in _POLAR
            and after.kind is not other.kind
            and _BUT_BETWEEN.fullmatch(folded, other.end, after.start)
        ):
            return [Problem("reservation", text.strip()[:80])]
    return []


def _whole_panel(ref: Ref, campaign: Campaign) -> bool:
    """Does the ref name whole panels ("Panel 2 and 4"), not an audience or a few IDs?"""
    panels = {int(i.split(".")[0]) for i in ref.ids}
    return bool(panels) and len(ref.ids) == sum(len(campaign.in_panel(n)) for n in panels)


def _has_own_scope(refs: list[Ref]) -> bool:
    return any(r.ids and not r.implied for r in refs)


# ("except 3.6 — too technical": "too" before a word is "overly", not "also")
_ALSO = compile_at_heads(r"(?<=\s)(?:тоже|также|too(?!\s+[^\W\d])|as well)(?!\w)")


_WORD_RUN = re.compile(r"\w+")


def _with_also(cues: list[Cue], text: str, refs: list[Ref]) -> list[Cue]:
    """ "Третью панель поддерживаем целиком, остальные — тоже": "тоже" after the rest or IDs repeats the stance
    before it (it was read as nothing, and the rest were lost)."""
    extra = []
    for m in _ALSO.finditer(text):
        before = [c for c in cues if c.end <= m.start()]
        named = [r for r in refs if before and before[-1].end <= r.start < m.start()]
        # (right after what it names: "we would like 4.5 to cover aiyl okmotus as well" wishes, it agrees no more)
        near = bool(named) and (
            (m.start() - named[-1].end <= 40 and len(_WORD_RUN.findall(text, named[-1].end, m.start())) <= 2)
            or text.startswith(" as ", m.end())
        )  # ("Panel 4 (…), as well as 3.7": the stance goes on to what follows)
        if before and near and not any(c.start > before[-1].end and c.start < m.end() for c in cues):
            extra.append(Cue(m.start(), m.end(), before[-1].kind, confidence=before[-1].confidence))
    return sorted(cues + extra, key=lambda c: c.start)


def _quote_before(quotes: list[tuple[int, int]], ref: Ref) -> tuple[int, int] | None:
    """The last of `quotes` (`quoted_spans`, in order, none inside another) opening at or before `ref`: the only
    one that can hold it (found by bisection: a reply may quote a great many times)."""
    i = bisect.bisect_right(quotes, ref.start, key=lambda quote: quote[0]) - 1
    return quotes[i] if i >= 0 else None


def in_quoted_name(folded: str, ref: Ref, quotes: list[tuple[int, int]]) -> bool:
    """ "Мнение Ассоциации «Вода для всех»: поддерживаем 4.5", 'NGO "Water for All"': a word inside an
    organisation's quoted name (its "all" is no quantifier); `quotes` are `quoted_spans(folded)`."""
    span = _quote_before(quotes, ref)
    if span is None:
        return False
    start, end = span
    return (
        start < ref.start and ref.end < end and bool(_ORGANISATION_BEFORE.search(folded, max(0, start - 40), start + 1))
    )


def _quoted_refs(text: str, campaign: Campaign, problems: list[Problem], refs: list[Ref]) -> list[Ref]:
    """A recommendation cited in quotes: «Создание совещательного органа…» — не согласны. (`refs`: those found
    already; a panel's own words inside a quote, "«Коалициялар жана тармактар» панели", named it.)"""
    found: list[Ref] = []
    nested = [(m.start(), m.end(), panel) for m in _NESTED_QUOTE.finditer(text)
              if (panel := _panel_titled(m.group(), campaign)) is not None]  # fmt: skip
    for start, end, panel in nested:
        found.append(Ref(start, end, tuple(r.id for r in campaign.in_panel(panel)), GROUP, label=f"«…» = {panel}"))
    for start, end in quoted_spans(text):
        if any(outer <= start < outer_end for outer, outer_end, _ in nested):
            continue
        if _ORGANISATION_BEFORE.search(text, max(0, start - 40), start + 1):
            continue  # "ОФ «Институт развития регионов»": the respondent's own name, not a recommendation
        quote = text[start:end]
        panel = _panel_titled(quote, campaign)
        if panel is None:
            match = match_quote(quote, campaign)
            if match and match.accepted:
                found.append(Ref(start, end, (match.rec_id,), EXPLICIT, label=f"«…» = {match.rec_id}"))
                continue
            after = _PANEL_AFTER.match(text, end) is not None
            under = _UNDER_TITLE.search(text, max(0, start - 200), start) is not None
            beside = after or under or _PANEL_BEFORE.search(text, 0, start) is not None
            words = panels_by_words(quote, campaign) if beside else set()
            if (
                (after or under)
                and len(words) == 1
                and not any(r.start < end and start < r.end and r.level == GROUP for r in refs)
            ):
                # "«Региондук ОГОлордун жергиликтүү көйгөйлөрдү чечүүгө салымы» панелинин": a title in the
                # respondent's words, with one panel's words in it, beside the word for a panel or after "the
                # recommendations under" ('…under "Coalitions and networks of CSOs"')
                panel = words.pop()
            elif (match and match.plausible) or (
                beside and not words and not any(start <= r.start < end and r.level == GROUP for r in refs)
            ):
                # ("«Аймактык уюмдардын салымы» панелин колдойбуз": a panel by a title that is none of the letter's)
                problems.append(Problem("unclear_reference", quote[:80]))
        if panel is not None:
            found.append(Ref(start, end, tuple(r.id for r in campaign.in_panel(panel)), GROUP, label=f"«…» = {panel}"))
    return found


_PANEL_AFTER = re.compile(r"\s*(?:панел|panel|секци|section|раздел)\w*")
_PANEL_BEFORE = re.compile(r"(?:панел|panel|секци|section|раздел)\w*\s*(?:№\s*\d\s*)?$")
# 'the recommendations under "Coalitions and networks of CSOs" and "Contribution of …"': a title translated, the
# heading the recommendations stand under (a second title after "and" too)
_UNDER_TITLE = re.compile(
    r"(?:recommendations|everything|all|those|ones|items|points)\s+(?:listed\s+)?(?:under|in|of|from)\s+(?:the\s+)?"
    r'(?:"[^"\n]{3,120}"\s*(?:,|and|&)\s*(?:under\s+|all of\s+)?)?$'
)


# «Коалиции и сети ОГО как "кровеносная система" процесса развития регионов»: folded, every quote mark is '"'
_NESTED_QUOTE = re.compile(r'"[^"\n]{3,120}"[^"\n]{1,60}"[^"\n]{0,120}"')
# A quote right after a kind of organisation names one: "ОО «Ассоциация предпринимателей Баткенской области»"
_ORGANISATION_BEFORE = re.compile(
    r"(?:(?<!\w)(?:оо|оф|оюл|осоо|нко|ао|ип|ngo|cso)|ассоциаци\w*|фонд\w*|объединени\w*|союз\w*|бирикме\w*"
    r"|центр\w*|сет[ьи]|клиник\w*|палат\w*|кооператив\w*|организаци\w*|движени\w*|коалици\w*|уюм\w*"
    r"|association|foundation|network|union|centre|center|coalition"
    # "Законом КР «О местной государственной администрации …»": a law's name, not a recommendation's words
    r"|закон\w*(?:\s+(?:кр|кыргызской республики))?|кодекс\w*|мыйзам\w*|\blaw)\s*[«\"“„]?$"
)
_TITLE_MATCH = 90  # rapidfuzz ratio of a quote to a panel's title, or to as much of the title as was quoted


def _panel_titled(quote: str, campaign: Campaign) -> int | None:
    """ "По панели «Данные, цифровые услуги и цифровые формы участия граждан»": the panel, by its title
    (whole, or its first three words or more), not a recommendation a quote resembles."""
    words = quote.strip('" .…').split()
    if len(words) < 3:
        return None
    said = " ".join(words)
    for panel in campaign.panels:
        title = fold(panel.title).replace('"', "")
        # (its first words, with or without "…": «Коалиции и сети ОГО» — за.)
        if fuzz.ratio(said, title) >= _TITLE_MATCH or fuzz.ratio(said, title[: len(said)]) >= _TITLE_MATCH:
            return panel.number
    return None


def _clusters(cues: list[Cue], text: str, heads: _Sorted) -> list[_Cluster]:
    groups: list[list[Cue]] = []
    for cue in cues:
        if groups and _adjacent(text, groups[-1][-1], cue, heads):
            groups[-1].append(cue)
        else:
            groups.append([cue])
    clusters = []
    for group in groups:
        kinds = {c.kind for c in group} - {CueKind.GENERAL}
        if not kinds:
            continue
        clusters.append(_Cluster(group[0].start, group[-1].end, _combined(kinds), CueKind.GENERAL in
                                 {c.kind for c in group}, min(c.confidence for c in group)))  # fmt: skip
    return clusters


def _adjacent(text: str, left: Cue, right: Cue, heads: _Sorted) -> bool:
    """Cues read together: nothing but a few words between, and no comma between two different stances."""
    gap = text[left.end : right.start]
    modifier = bool({left.kind, right.kind} & {CueKind.GENERAL, CueKind.PARTIAL}) or left.kind is right.kind
    inside = heads.starting_in(left.end, right.start)
    if inside:
        # "Поддерживаем 4.3 частично": a modifier after the IDs still qualifies the stance before them
        blanked = _blank(text, [(r.start, r.end) for r in inside])[left.end : right.start]
        return modifier and left.kind is not right.kind and not blanked.strip()
    return (
        len(gap) <= 40
        and not re.search(r"[;.|:]|\s[—–-]\s|,\s*(?:а|но|однако|but)\s", gap)
        and not REASON_MARKER.search(gap)
        and (modifier or "," not in gap)
        # ("We agree with the recommendations, partly agree with 4.1": a stance and its object, then another
        # stance after the comma; not "Согласны, частично": the degree of the one stance)
        and not (
            CueKind.GENERAL not in (left.kind, right.kind)
            and left.kind is not right.kind
            and _WORD_THEN_COMMA.search(gap)
        )
    )


_WORD_THEN_COMMA = re.compile(r"[^\W\d]{3}[^\w,]*+,")


def _combined(kinds: set[CueKind]) -> CueKind:
    """One stance from cues read together; "да, не согласны" is contradictory and left to a human."""
    if CueKind.AMBIGUOUS in kinds:
        return CueKind.AMBIGUOUS
    if CueKind.PARTIAL in kinds:
        return CueKind.PARTIAL
    if len(kinds) > 1 and kinds != {CueKind.AGREE, CueKind.ABSTAIN}:
        return CueKind.AMBIGUOUS
    return CueKind.ABSTAIN if CueKind.ABSTAIN in kinds else kinds.pop()


def _row_comment(text: str, position: _Cluster) -> int:
    """In a table row ("1.2 | Не согласны | нет ресурсов") the cells after the position are the comment."""
    bar = text.find("|", position.end)
    return bar if bar >= 0 else len(text)


# "3.5 – частично: …": a row of IDs, a dash and a stance, then a colon before the respondent's comment
_ID_ROW_COLON = re.compile(r"^\W*(?:пп?\.\s*)?\d\.\d{1,2}(?:\s*(?:,|и|and)\s*\d\.\d{1,2})*\s*[—–-]\s*[^\d:]{1,40}?:")


_AUDIENCES = frozenset(a.value for a in Audience if a is not Audience.ALL)


def _audience_in_comment(folded: str, ref: Ref, segment: _Segment) -> bool:
    """ "Не согласны с 1.3 и 1.5 — для бизнес-ассоциаций это нерелевантно": an audience after the IDs and a dash
    or colon is who the comment speaks of, not more recommendations (it added 3.1 and 3.2, unflagged); so is one
    the stance itself is for, "3.5 считаем невыполнимым для ОГО" (3.3–3.8 had been rejected with it)."""
    cluster = segment.cluster
    return (
        ref.level == GROUP
        and ref.label in _AUDIENCES
        and any(
            other.level == EXPLICIT
            and other.end <= ref.start
            and (
                _COMMENT_OPENS.search(folded, other.end, ref.start) is not None
                or (other.end <= cluster.start and _stance_is_for(folded, cluster.end, ref))
            )
            for other in segment.refs
        )
    )


_FOR_WHOM = re.compile(r"\s+(?:\w+\s+)?(?:для|for)\s+\S.*", re.S)  # (up to the audience's end: "для ОГО" is one)


def _stance_is_for(folded: str, stance_end: int, ref: Ref) -> bool:
    """Is `ref` an audience the stance ending at `stance_end` is for ("3.5 считаем невыполнимым для ОГО")?"""
    return ref.label in _AUDIENCES and _FOR_WHOM.fullmatch(folded, stance_end, ref.end) is not None


_COMMENT_OPENS = re.compile(r"\s[—–-]\s|:")


def _reason_marker(text: str, after: int) -> int:
    m = REASON_MARKER.search(text, after)
    return m.start() if m else len(text)


_AND_THEN = re.compile(r",\s*(?:and|а также|и)\s+(?:(?:we|мы)\s+)?$")


def _reason_resumed(text: str, reason_at: int, clusters: list[_Cluster], refs: list[Ref]) -> int:
    """Where the reason that starts at `reason_at` ends: the unit's end, unless ", and" with a stance on what it
    names opens a second answer ("We abstain on Panel 2 as we are not part of any coalition, and agree with
    everything else."), which the reason must not swallow."""
    after = next((c for c in clusters if c.start >= reason_at), None)
    joined = after and _AND_THEN.search(text, max(reason_at, after.start - 12), after.start)
    if after is None or not joined:
        return len(text)
    named = min((r.start for r in refs if after.end <= r.start < after.end + 40), default=None)
    return joined.start() if named is not None and not re.search(r"[.;:!?]", text[after.end : named]) else len(text)


def _segments(
    text: str, clusters: list[_Cluster], refs: list[Ref], heads: _Sorted, reason: tuple[int, int]
) -> list[_Segment]:
    """Cut the unit so that each segment has one stance; stances and refs inside the first stance's `reason`
    (start, end) are the reason's words.

    The cut between two stances depends on the style: when IDs come first ("1.1 согласны, 1.2 нет") it
    falls after the first stance; when the stance comes first ("согласны с 1.1, 1.2, не согласны с 1.3")
    it falls before the second. `heads`: the refs that can head an answer (not an implied "all").
    """
    clusters = [c for c in clusters if not reason[0] <= c.start < reason[1]] or clusters[:1]
    named = [r for r in refs if r.level != GLOBAL]
    # "On Panel 3, we support 3.1, 3.3; we partially support 3.2": a panel before the stance only frames the
    # IDs after it, and the style is the IDs' own
    explicit = [r for r in named if r.level == EXPLICIT] or named
    ids_first = bool(explicit) and explicit[0].start < clusters[0].start
    cuts = [0]
    in_ref = bytearray(len(text) if len(clusters) > 1 else 0)  # (a lookup per mark: "1.1 +, 1.2 −, …" stays linear)
    for r in refs if in_ref else ():
        in_ref[r.start : r.end] = b"\x01" * (r.end - r.start)
    for left, right in pairwise(clusters):
        # not the dash inside a range ("3.5–3.8 нет" was cut into "3.5" and "–3.8 нет")
        seps = [m for m in _PUNCT.finditer(text, left.end, right.start) if not in_ref[m.start()]]
        head = _answer_head(text, heads, left, right)
        if ids_first and head is not None and not any(m.start() < head for m in seps):
            cuts.append(head)  # "частично (3.1–3.4 да, 3.5–3.8 нет)": no comma parts them, the IDs do
        elif ids_first:  # after the first stance, or after its sentence ("по 1.5 против, у нас … . остальные за")
            # (a semicolon before a comma: "3.1–3.8 — поддерживаем, кроме 3.6; по 3.6 не готовы оценить")
            full_stop = [m for m in seps if m.group().startswith(".")]
            semicolon = [m for m in seps if m.group().startswith(";")]
            # ("3.5 disagree – unrealistic without …, 3.6 no opinion": the dash opens 3.5's why, the comma before
            # the next IDs ends it; the why had gone to 3.6. Only up to the first ID after it: "3.5 против – дорого,
            # 3.6 не знаем, 3.7 за" leaves 3.6 to what follows, as before)
            after = next((r.start for r in explicit if r.start > left.end), None)
            why = (
                [m for m in seps[1:] if head is not None and after is not None and m.end() <= min(head, after)]
                if seps and _DASH_HEAD.match(seps[0].group())
                else []
            )
            cuts.append(
                why[-1].end()
                if why and not full_stop and not semicolon
                else ((full_stop or semicolon or seps)[0].end() if seps else left.end)
            )
        else:
            # never between two IDs of one list ("…, while on 4.1, 4.2 and 4.4 we would rather not …")
            before = [m for m in seps if (head is None or m.end() <= head) and not _inside_list(text, m, named)]
            cuts.append(before[-1].start() if before else head if head is not None else right.start)
    cuts.append(len(text))
    segments = [_Segment(cuts[i], cuts[i + 1], cluster) for i, cluster in enumerate(clusters)]
    in_order = all(a <= b for a, b in pairwise(cuts))
    for ref in refs:
        if reason[0] <= ref.start < reason[1]:
            continue
        if in_order:  # (the segment that holds it, found by a bisect over the cuts; a cut may go back)
            owner = segments[min(bisect.bisect_right(cuts, ref.start), len(segments)) - 1]
        else:
            owner = next((s for s in segments if s.start <= ref.start < s.end), segments[-1])
        owner.refs.append(ref)
    return _merge_continuations(segments)


_LIST_JOIN = re.compile(r"\s*(?:,|и|and|&|жана|n)?\s*")  # "3.6, 3.8", "3.6 n 3.8", "3.2 3.5 3.6"
# "3.5 — против", "4.3 (по ней воздерживаемся)", "3.4 да", "3.5 боюнча — нет": between IDs and the stance that
# answers them
_DASH_TO_ANSWER = re.compile(
    r"\s*(?:боюнча\s*)?(?:[—–:(-]\s*|\s-\s*)?(?:(?:гана|только|лишь|only)\s+)?(?:(?:по|с|со|на|for|on|to|with)\s+)?"
    r"(?:(?:ней|нему|ним|ними|нее|него|них|этой|этому|этим|it|this|them|those)\s+)?(?:(?:мы|we)\s+)?"
)
_PREPOSITION = re.compile(r"(?:по|с|со|на|for|on|to|with)\s+$")
_BUT_THEN_IDS = re.compile(r"\s*,\s*(?:но|but|бирок|однако|however)\s+(?:(?:по|on|for)\s+)?")
# (only a bare answer ends there: not "3.5 — против формулировки", "3.5 — disagree with the wording", an objection to
# a part of it, which stays a reservation)
_ANSWER_ENDS = re.compile(r"[^\S\n]*(?:[,.;!?)\n]|$)")
# "согласны с 3.1", "против 4.1": the IDs right after the stance are its own
_IDS_RIGHT_AFTER = re.compile(r"\s+(?:(?:по|с|со|на|for|on|to|with)\s+)?")


class _Sorted:
    """Refs in text order, looked up by position with a bisect rather than a scan per pair of stances."""

    def __init__(self, refs: list[Ref]) -> None:
        self.refs = refs
        self.starts = [r.start for r in refs]
        self.longest = max((r.end - r.start for r in refs), default=0)

    def starting_in(self, start: int, end: int) -> list[Ref]:
        """The refs that start in [start, end), in text order."""
        return self.refs[bisect.bisect_left(self.starts, start) : bisect.bisect_left(self.starts, end)]

    def last_ending_by(self, end: int) -> Ref | None:
        """The last ref (in text order) that ends at or before `end`."""
        at = bisect.bisect_left(self.starts, end)
        return next((r for r in reversed(self.refs[:at]) if r.end <= end), None)

    def within(self, start: int, end: int) -> list[Ref]:
        """The refs wholly inside [start, end), in text order."""
        lo, hi = bisect.bisect_left(self.starts, start), bisect.bisect_right(self.starts, end)
        return [r for r in self.refs[lo:hi] if r.end <= end]

    def ending_in(self, start: int, end: int) -> list[Ref]:
        """The refs that end in (start, end]."""
        lo, hi = bisect.bisect_left(self.starts, start + 1 - self.longest), bisect.bisect_right(self.starts, end)
        return [r for r in self.refs[lo:hi] if start < r.end <= end]


_NO_HEADS = _Sorted([])


def _heads(refs: list[Ref]) -> _Sorted:
    """The refs that can head an answer: IDs, panels, "остальные", not an implied "all"."""
    return _Sorted([r for r in refs if r.level != GLOBAL or not r.implied])


def _answer_head(text: str, named: _Sorted, left: _Cluster, right: _Cluster) -> int | None:
    """Where the IDs that head the stance `right` begin, if they stand right before it ("…; 3.5, 3.6 — против",
    "частично (3.1–3.4 да, 3.5–3.8 нет)"): the cut between two stances falls there, not at the dash after
    them ("Поддерживаем все рекомендации; 3.5 — против"), nor after the bracket of "кроме 4.1 (против) и 4.3
    (воздерживаемся)", which once gave 4.3's abstention to 4.1."""
    between = named.within(left.end, right.start)
    gap = (between[-1].end, right.start) if between else (0, 0)
    if not between or not _DASH_TO_ANSWER.fullmatch(text, *gap):
        return None
    head = len(between) - 1
    while (
        head
        and (between[head - 1].level == GLOBAL) == (between[head].level == GLOBAL)  # "3.1, остальные — против"
        and _LIST_JOIN.fullmatch(text, between[head - 1].end, between[head].start)
    ):
        head -= 1
    # (a panel before a first stance that goes on to name its own IDs only frames it: "По третьей панели —
    # согласны с 3.1–3.4 и 3.6–3.8, 3.5 не поддерживаем" gave all eight to "не поддерживаем")
    # (nor one before a stance its IDs follow at once: "4 панель — против 4.1 и 4.3, 4.2 4.4 4.5 да")
    framed = _IDS_RIGHT_AFTER.fullmatch(text, left.end, between[0].start) is not None
    stop = max(text.rfind(mark, 0, left.start) for mark in ".;!?\n")  # (-1: none)
    owned = any(r.level != GROUP or not framed for r in named.ending_in(stop, left.start))
    listed = ":" in text[left.end : between[0].start]  # "частично: 3.1, 3.3 – да; …": the list answers itself
    # ("Согласны, но 3.5 — нет": the bare assent is to the letter, and what follows "but" heads the rejection)
    turned = _BUT_THEN_IDS.fullmatch(text, left.end, between[0].start) is not None and bool(
        _ANSWER_ENDS.match(text, right.end)
    )
    if head == 0 and not owned and not listed and not turned:
        # every ID after the first stance, which has none before it, would go to the second ("Согласны с 3.1
        # и 3.2, 3.5 — против"): the first keeps what comes before the last comma
        commas = [j for j in range(1, len(between)) if "," in text[between[j - 1].end : between[j].start]]
        if not commas:
            return None
        head = commas[-1]
    start = between[head].start
    preposition = _PREPOSITION.search(text, max(left.end, start - 4), start)
    return preposition.start() if preposition else start


def _inside_list(text: str, separator: re.Match[str], refs: list[Ref]) -> bool:
    return any(
        left.end <= separator.start()
        and separator.end() <= right.start
        and _LIST_JOIN.fullmatch(text, left.end, right.start)
        for left, right in pairwise(refs)
    )


def _merge_continuations(segments: list[_Segment]) -> list[_Segment]:
    """A repeated stance with no IDs continues the last ("Поддерживаем 2.1, но только … поддерживаем обмен")."""
    merged = segments[:1]
    for segment in segments[1:]:
        previous = merged[-1]
        own = [r for r in segment.refs if r.level > GLOBAL or not r.implied]  # "…, остальные — тоже": its own
        if segment.cluster.kind is previous.cluster.kind and not own and not any(r.excepted for r in previous.refs):
            previous.end = segment.end
            previous.refs += segment.refs
        else:
            merged.append(segment)
    return merged


def _continues(text: str, segment: _Segment) -> bool:
    """Does `segment` give the stance on the exception before it ("кроме 3.5 — по ней воздерживаемся")?"""
    return not any(r.level > GLOBAL for r in segment.refs) or bool(_PRONOUN.match(text, segment.start))


# ("Ответ по 3.6 ниже, по остальным согласны": the answer below, not a "согласны" on 3.6)
_SEE_BELOW = re.compile(r"\s{0,3}[—–:-]?\s{0,3}(?:(?:см\.?|смотрите)\s{1,3}ниже|see below|төмөндө|ниже|below)(?!\w)")
_POINTED_BY = re.compile(r"(?:по|on|regarding|re:?|as for|for)\s{1,3}(?:пп?\.\s{0,2}|рек\.\s{0,2}|recommendation\s)?$")


def _pointed_below(folded: str, ref: Ref) -> bool:
    """ "по 4.3 — см. ниже", "on 4.3 see below": the ID points to its answer further on, and takes no stance here
    (not "Поддерживаем 4.3 — см. ниже": the stance is its, the why below)."""
    return (
        _SEE_BELOW.match(folded, ref.end) is not None
        and _POINTED_BY.search(folded, max(0, ref.start - 20), ref.start) is not None
    )


def _refs_end(folded: str, cluster: _Cluster, refs: list[Ref], campaign: Campaign) -> int:
    """Where the references after the stance end, and what follows them (its reason, if any) begins. A dash or a
    colon after them opens a clause of its own, and a reference in it is the clause's, unless IDs follow: "1.2,
    4.2 — эти рекомендации про сотрудничество с бизнесом, …", "Reject 4.1–4.5 – panel 4 is about regional CSOs …"
    (not "Поддерживаем следующие: пункты 1.1, 1.2")."""
    after = [r for r in refs if r.start >= cluster.start]
    end = cluster.end
    named: set[str] = set()
    for i, ref in enumerate(after):
        if (
            end > cluster.end  # ("Agree – all of panel 3", "За — всё остальное": the dash before them is the row's)
            and _OPENS_CLAUSE.search(folded, end, ref.start)
            and not any(r.level == EXPLICIT for r in after[i:])
            # (not a whole panel the clause adds: "Не поддерживаем 4.3 — как и всю четвертую панель", "in fact all
            # of panel 4")
            and not any(_panel_added(folded, r, named, campaign) for r in after[i:])
        ):
            break
        end = max(end, ref.end)
        named.update(ref.ids)
    return end


def _panel_added(folded: str, ref: Ref, named: set[str], campaign: Campaign) -> bool:
    return (
        ref.level == GROUP
        and _whole_panel(ref, campaign)
        and not set(ref.ids) <= named
        and _ALL_OF.search(folded, max(0, ref.start - 16), ref.start) is not None
    )


_ALL_OF = re.compile(r"(?<!\w)(?:всю|весь|всей|все|all(?: of)?(?: the)?)\s+(?:\w+\s+)?$")
_OPENS_CLAUSE = re.compile(r"\s[—–-]\s|[—–:]\s*(?=[^\W\d])")


def _segment_claims(
    text: str,
    folded: str,
    segment: _Segment,
    before: list[_Segment],
    last: bool,
    answered: bool,
    default: tuple[str, ...],
    campaign: Campaign,
    problems: list[Problem],
    spoken: _Spoken,
) -> list[Claim]:
    """The claims of one segment; `answered`: the next segment gives the exception's stance ("по ним …");
    `spoken`: where the unit names recommendations or states a stance (`_spoken_for`)."""
    cluster = segment.cluster
    kind = cluster.kind
    evidence = text[segment.start : segment.end].strip(" ,;")
    # ("4.1 не принимаем по той же причине, что и 1.2": 1.2 is what the reason is compared with)
    own = [
        r
        for r in segment.refs
        if not (
            r.excepted
            or r.problem
            or _compared(folded, r)
            or _audience_in_comment(folded, r, segment)
            or _pointed_below(folded, r)  # "с остальными согласны, по 4.3 — см. ниже": answered elsewhere
        )
    ]
    # "3.6дан башка (3.6 – каршыбыз)": an exception named again after it, with the stance, is answered here
    last_excepted = max((r.end for r in segment.refs if r.excepted), default=len(folded))
    restated = {i for r in own if r.level == EXPLICIT and r.start >= last_excepted for i in r.ids}
    excepted = tuple(i for r in segment.refs if r.excepted for i in r.ids if i not in restated)
    refs_end = _refs_end(folded, cluster, segment.refs, campaign)
    tail_end = segment.end if not last else len(text)
    tail, folded_tail = text[refs_end:tail_end], folded[refs_end:tail_end]
    reason_first = _reason_before(text, folded[segment.start : cluster.start], segment.start, campaign)
    stated = reason_first or clean_reason(tail)  # a reason marked before ("Поскольку …, 4.5 частично: …")
    irrelevant = _IRRELEVANCE.search(folded, cluster.start, cluster.end) if kind is CueKind.ABSTAIN else None
    quoted = None  # the why with its subject in words, "Остальные рекомендации к нашей деятельности не относятся"
    if irrelevant and not reason_first:
        # "не относятся к уставной деятельности Палаты, поэтому по ним воздерживаемся": why, in the abstaining
        # words, from where they start (not "воздерживаемся, это не наш профиль") to what follows from them,
        # another stance word or a reference
        end = tail_end
        start = max([cluster.start] + [e for s, e in spoken.spans if cluster.start <= s and e <= irrelevant.start()])
        # ("3.2 и 3.5 к нашей деятельности не относятся": the words between the IDs and the stance are its own)
        named_end = max([e for _, e in spoken.spans if segment.start <= e <= cluster.start], default=None)
        if (
            start == cluster.start
            and named_end is not None
            and _IRRELEVANT_LEAD.fullmatch(folded, named_end, cluster.start)
        ):
            start = _NAMED_NOUN.match(folded, named_end).end()  # type: ignore[union-attr]  # (it may match nothing)
            subject: int | None = _worded_subject(folded, segment.refs, named_end)
        else:
            subject = None
        ends = [s for s, _ in spoken.spans if s > start] + [m.start() for m in _SO.finditer(folded, start, end)]
        if stated is None or min(ends, default=end) < end:
            stated = clean_reason(text[start : min([*ends, end])].lstrip(" ,;:—–-"))
            quoted = clean_reason(text[subject : min([*ends, end])]) if subject is not None and stated else None
    reason = stated or _unmarked_reason(text, folded, segment, spoken, campaign)
    # An agreement's reason is kept only when the respondent marked it as one ("…, потому что …")
    dashed = (
        _DASH_CLAUSE.match(folded_tail) is not None
        or (_COMMA_CLAUSE.match(folded_tail) is not None and _SCOPE_WORD.search(folded_tail) is None)
    ) and not _holds_stance(folded_tail)
    marked_why = bool(reason_first) or bool(_MARKED_REASON.match(folded_tail))
    marked = marked_why or dashed
    if kind is CueKind.AGREE and dashed and reason and not marked_why and LIMITS.match(fold(reason)):
        problems.append(Problem("reservation", reason[:80]))  # "Поддерживаем 3.8: только для сельских районов"
    # (an exception's reason may name its own panel too: "except 2.1 - no, we're not part of any coalition")
    # (the references in the reason itself are not what it is the reason for: "Reject 4.1–4.5 – panel 4 is about …,
    # the recommendations don't fit our role")
    named_ids = {i for r in own if r.start < refs_end for i in r.ids}
    # ("…все рекомендации первой, второй и четвертой панели, а также третьей, с двумя оговорками": what follows "а
    # также" names more, it gives no why)
    if reason and (
        _speaks_of_stance(reason, kind, campaign, named_ids | set(excepted)) or _ALSO_OPENS.match(fold(reason))
    ):
        problems.append(Problem("unread_words", reason[:80]))
    elif (
        reason
        and kind is CueKind.PARTIAL
        and len(named_ids) > 1
        and (
            _SOME_OF_THEM.search(folded_reason := fold(reason))
            # (of a panel: "partly agree with 3.5 — jobs yes, but …" says how far on the one named)
            or (_PART_VERDICT.search(folded_reason) and not any(r.level == EXPLICIT for r in own))
        )
    ):
        # "panel 4 – partly agree, as some of it depends on local authorities", "Panel 3 we partially agree with:
        # digital literacy yes, …": which of its recommendations?
        problems.append(Problem("vague_scope", reason[:80]))
    elif quoted and reason == stated:
        reason = quoted  # (its subject, checked as the reference it is, is quoted with it)
    negated_whole = _negated_universal(folded, cluster, segment) or _NOT_FULLY.search(
        folded, segment.start, segment.end
    )
    if (
        kind is CueKind.AMBIGUOUS
        or (kind is CueKind.DISAGREE and negated_whole)
        or (kind is CueKind.AGREE and _not_against_all(folded, cluster, segment))
    ):
        problems.append(Problem("ambiguous_negation", text[cluster.start : cluster.end]))
    if _indirect(folded, cluster.start):
        problems.append(Problem("indirect", evidence))
    # ("По п. 4.5 — не поддерживаем в части конференции: …": the part named after the stance word)
    in_part = kind is CueKind.DISAGREE and (
        any(_IN_PART.match(folded, r.end) for r in own if r.level == EXPLICIT)
        or (
            any(r.level == EXPLICIT and r.end <= cluster.start for r in own)
            and (m := _IN_PART.match(folded, cluster.end)) is not None
            and _PART_NAMED.match(folded, m.end()) is None
        )
    )
    if in_part or (kind is not CueKind.AMBIGUOUS and cluster.general and _BUT.match(tail)):
        kind = CueKind.PARTIAL
    elif kind is CueKind.AGREE and not excepted and _qualified(text, folded, cluster.end, segment.end, own):
        problems.append(Problem("reservation", evidence))
        kind = CueKind.PARTIAL
    condition = condition_in(folded[segment.start : segment.end] if not last else folded[segment.start :])
    # ("4.1 принимается частично: … допустимо лишь при наличии правил о конфликте интересов": how far, not a
    # condition on the stance)
    # (but "согласны частично, если будут гранты": a partial whose "how far" is only an "if" is conditional)
    if condition and not (
        kind is CueKind.PARTIAL
        and stated is not None
        and condition in fold(stated)
        and not _IF_FIRST.match(fold(stated))
    ):
        problems.append(Problem("condition", evidence))
    stance = _STANCE[kind]
    if excepted and cluster.start > max(r.end for r in segment.refs if r.excepted):
        # "…, кроме 3.5 (не наш профиль)": the stance after the exception is the exception's own.
        first_excepted = min(r.start for r in segment.refs if r.excepted)
        last_excepted = max(r.end for r in segment.refs if r.excepted)
        attached = re.match(r"\s*(?:[—–:(]|-\s)", folded[last_excepted : cluster.start]) is not None
        # ("Все, кроме 3.3 и 3.6 — согласны": an agreement is never what sets an exception apart; it is the
        # whole's, and the exceptions wait for their own stance)
        if (not own or (attached and all(r.end <= first_excepted for r in own))) and not (
            own and stance is Stance.AGREE
        ):
            # "Со всеми, кроме 3.5 — против": what they think of "all" is left unsaid; a person reads it
            # (but "Все рекомендации, кроме 1.2, поддерживаем": the verb after a comma is the whole clause's)
            problems += [Problem("unread_words", folded[r.start : r.end]) for r in own]
            keeps = stance is not Stance.AGREE or marked
            return [Claim(excepted, stance, EXPLICIT, reason if keeps else None, evidence, cluster.confidence)]
    targets, level, scoped, confidence = _targets(folded, segment, own, before, default, campaign, problems)
    heading = level == GLOBAL and folded[segment.start : len(text) if last else segment.end].rstrip().endswith(":")
    if (
        kind is CueKind.PARTIAL
        and targets
        and (level == GLOBAL or (level == GROUP and not stated))
        and not heading  # ("Частично согласны:" over "1.3 — …;" lines: the lines say which, `extract._stance_heading`)
    ):
        # "Рекомендации поддерживаем частично", "По 3 и 4 панели — согласны частично": which parts? (a reason
        # says how far: "3-панелге жарым-жартылай макулбуз, себеби …")
        problems.append(Problem("vague_scope", evidence))
    claims: list[Claim] = []
    if excepted and not answered:
        # "кроме 2.1 — её хотим сначала обсудить": a doubt about the exception is not a rejection of it;
        # "Everything except 4.3 is fine with us": words after a stance that follows the exception are the
        # whole clause's, and say nothing of 4.3
        # ("… панели 3 мы поддержать не можем, кроме 3.8": an exception from a rejection is no rejection, and the
        # reason is the rejection's; what of 3.8 is for the rest of the reply, or a person, to say)
        after_cue = cluster.start < min(r.start for r in segment.refs if r.excepted)
        own_reason = reason if after_cue and stance is Stance.AGREE else None
        if own_reason is not None and _KY_EXCEPT_LEFT.fullmatch(fold(own_reason)):
            own_reason = None  # "4.3төн башка", "4.3 сунушун кошпогондо": the Kyrgyz "except" after the ID, no why
        doubt = own_reason is not None and _DOUBT.search(fold(own_reason)) is not None
        guess = own_reason is None or doubt
        claims.append(Claim(excepted, Stance.DISAGREE, EXPLICIT, own_reason, evidence, guess=guess))
        reason = None
    if level > GLOBAL and _separate_all(folded, own):
        if restated & {i for r in segment.refs if r.excepted for i in r.ids} and cluster.start > last_excepted:
            # "All but 4.4 - we disagree with 4.4", "Со всеми, кроме 3.5 — против 3.5": the stance after the
            # exception, named again, is the exception's own; what of "all" is left unsaid (it had taken the same)
            problems += [Problem("unread_words", folded[r.start : r.end]) for r in own if r.level == GLOBAL]
        else:
            claims.append(Claim(campaign.ids, stance, GLOBAL, None, evidence, cluster.confidence))
    if targets:
        keeps_reason = stance is not Stance.AGREE or marked
        # "Остальные рекомендации первой панели и рекомендацию 2.1 поддерживаем": the rest of a panel stays a
        # panel's claim beside the IDs, so that an ID of that panel answered on its own keeps its answer
        kept = tuple(t for t in targets if t not in excepted)
        panel_rest = _rest_of_panels(folded, own) if level == EXPLICIT else set()
        named = tuple(t for t in kept if t not in panel_rest)
        parts = [(kept, level)]
        if named and len(named) < len(kept):
            parts = [(named, level), (tuple(t for t in kept if t in panel_rest), GROUP)]
        claims[:0] = [
            Claim(
                ids,
                stance,
                part_level,
                reason if keeps_reason else None,
                evidence,
                min(confidence, cluster.confidence),
                scoped,
            )
            for ids, part_level in parts
        ]
    return claims


# "остальные рекомендации первой панели", "the other recommendations of panel 1", "remaining points in panel 4"
_REST_OF_PANEL = re.compile(
    r"\s++(?:(?:рекомендаци\w*|пункт\w*|сунуш\w*|recommendations|points|items|ones)\s++)?"
    r"(?:(?:of|in|from|из|в|по)\s++(?:the\s++)?)?"
)


def _rest_of_panels(folded: str, own: list[Ref]) -> set[str]:
    """The IDs of the panels that "the rest" qualifies among a stance's refs ("остальные … первой панели")."""
    rests = (q for q in own if q.level == GLOBAL and not q.implied)
    ends = sorted(q.end for q in rests if REST_WORD.fullmatch(folded, q.start, q.end))
    # (only the nearest "rest" before a panel can qualify it: one look per panel, not one per pair)
    nearest = ((r, bisect.bisect_right(ends, r.start)) for r in own if r.level == GROUP)
    return {i for r, n in nearest if n and _REST_OF_PANEL.fullmatch(folded, ends[n - 1], r.start) for i in r.ids}


_IF_FIRST = re.compile(r"\W*(?:если|при условии|в случае|if|provided|unless|эгер)\b")
_NEGATOR = re.compile(r"(?:не|not|cannot|can't|cant|don't|dont|do not|doesn't|doesnt|won't|wont|will not)\b")
_UNIVERSAL = re.compile(r"(?:все|всё|всех|всем|всеми|every|each|all|бардык\w*|баары\w*)(?:\s+19)?")


def _negated_universal(text: str, cluster: _Cluster, segment: _Segment) -> bool:
    """ "We cannot endorse every recommendation", "не поддерживаем все": none of them, or not all of them?
    Kyrgyz says "not all" with "эле" after "all": "Бардык сунуштамалар менен эле макул боло албайбыз"."""
    return bool(_universals(text, segment)) and (
        bool(_NEGATOR.match(text, cluster.start))
        or _MODAL_NEGATED.search(text, cluster.start, cluster.end) is not None  # "Со всеми согласиться не можем"
        or _KY_NOT_ALL.search(text, segment.start, segment.end) is not None
    )


_MODAL_NEGATED = re.compile(r"(?<!\w)не\s+(?:можем|могу|сможем)(?!\w)")
_NOT_AGAINST = re.compile(r"(?:не|not)\s+(?:против|against|opposed to)(?!\w)")
_RIGHT_AFTER = re.compile(r"\W{0,3}")


def _not_against_all(text: str, cluster: _Cluster, segment: _Segment) -> bool:
    """ "Мы не против всех рекомендаций", "We are not against all of them": against none, or not against every
    one (so against some)?"""
    against = _NOT_AGAINST.search(text, cluster.start, cluster.end)  # (also "В целом мы не против всех …")
    return against is not None and any(
        _RIGHT_AFTER.fullmatch(text, against.end(), r.start) for r in _universals(text, segment)
    )


def _universals(text: str, segment: _Segment) -> list[Ref]:
    """The segment's own "all"s ("все", "every", "бардык"), not an implied one nor "the rest"."""
    return [
        r for r in segment.refs if r.level == GLOBAL and not r.implied and _UNIVERSAL.fullmatch(text, r.start, r.end)
    ]


# "Үчүнчү панелдин сунуштарын толук колдой албайбыз": cannot support it fully, so which parts?
_NOT_FULLY = re.compile(r"толук(?:тай)?\s+(?:\w+\s+)?(?:колдой|макул)\w*\s+(?:боло\s+)?(?:алба|эмес)\w*")
_KY_NOT_ALL = re.compile(r"(?:бардык|баары|баарына|баардык)\w*\s+(?:\w+\s+){0,3}эле\b")


def _indirect(text: str, cue_start: int) -> bool:
    """Is the stance inside a relative clause about no named recommendation ("по которым мы не согласны")?

    A relative clause on an ID ("кроме 4.3, которую считаем нецелесообразной") does state a stance.
    """
    m = _INDIRECT.search(text, max(0, cue_start - 40), cue_start)
    return m is not None and not _ID_BEFORE.search(text, 0, m.start()) and not _heads_a_list(text, m.start())


# "Даём ответы по рекомендациям, с которыми не согласны:", "по тем, с которыми мы не согласны:": the clause names
# the lines below, as "Не согласны:" over them does
_ANTECEDENT = re.compile(
    r"(?:рекомендаци\w*|пункт\w*|\bтем|\bтех|\bте|recommendations|points|items|ones|those),?\s+(?:(?:с|по|на|with|on)\s+)?$"
)


def _heads_a_list(text: str, clause_start: int) -> bool:
    """A heading over a colon whose relative clause, to its end, is on the recommendations listed below."""
    head = text.rstrip()
    return (
        head.endswith(":")
        and not any(mark in head[clause_start:-1] for mark in ".;:!?")
        and _ANTECEDENT.search(text, max(0, clause_start - 30), clause_start) is not None
    )


_EMPHASIS = compile_at_heads(
    rf"{STRESS_WORDS}|в частности|(?<!\w)esp\.|өзгөчө|айрыкча|emphasis on|акцентом на|особый акцент"
)
_DEGREE_OF = re.compile(
    r"\s+(?:[^\W\d]{3,}(?:ыми|ими|ый|ий|ая|яя|ое|ые|ие|ой|ен|на|ны|ным|ной)|important|relevant|useful|valuable"
    r"|needed|urgent|timely|pressing)(?!\w)"
)


# between a panel and its "all": nothing, or the word for its recommendations ("панелдин сунуштарынын баарына")
# or the word for the panel after a topic ("санариптик панелдин баарына": all of the digital panel)
_OF_PANEL = re.compile(r"\s*(?:[-\w]*(?:сунуш|рекомендац|recommendation|пункт|панел|panel|раздел|section)[-\w]*\s*)?")


# a bracket holding nothing but IDs, ranges and their joining words
_IDS_IN_BRACKET = re.compile(
    r"\s*(?:(?:пункт|рекомендаци|сунуш|recommendation|point|item)\w*\s*)?"  # "все пункты (3.1–3.8)"
    r"\((?:[\s,;–—-]|\d\.\d{1,2}[^\W\d]{0,3}|to|through|по|до|и|and|жана|чейин)++\)"  # possessive: linear
)


# (a Kyrgyz case ending may stay glued to the ID: "3.8ди жана калган бардык сунуштарды колдойбуз")
# ("Поддерживаем панель 2 и в целом всё остальное", "4.3 and, in general, everything else")
_AND_ALSO = re.compile(
    r"(?:-?[^\W\d]{1,3}(?=\s))?\s*,?\s*(?:и|and|а также|as well as|жана)\s+"
    r"(?:,?\s*(?:в целом|вообще|in general|generally|overall)\s*,?\s+)?"
    r"(?P<joined>(?:with|to|с|со)\s+(?:the\s+)?)?"  # "… and with the other panels", checked by `_PANELS_AHEAD`
)
# "We agree with 3.1, 3.7 and with the other panels" (was panel 3 alone; not "… and with the others who signed", "и с
# остальными замечаниями палаты": other people's, or other words)
_PANELS_AHEAD = re.compile(
    r"(?:(?:all|всеми)\s+)?(?:(?:the\s+)?(?:other|remaining)\s+(?:panels|sections|recommendations)"
    r"|(?:остальн|прочи)\w*\s+(?:панелями|разделами|рекомендациями)|(?:the\s+)?recommendations\s+of\s+the\s+other\s+panels)"
    r"(?=\s*(?:[.;!]|$))"  # (at the clause's end: not "… рекомендациями раздела", "… panels we have no experience")
)


def _separate_all(text: str, refs: list[Ref]) -> bool:
    """An "all" set apart from the IDs after it ("Все поддерживаем, особенно 3.4") is a claim of its own.

    An "all" that qualifies IDs or a panel ("все рекомендации раздела 1", "со всеми 1.1–1.5", "үчүнчү панелдин
    бардык сунуштары") or follows a heading
    ("По четвертому разделу: всё поддерживаем") is not.
    """
    for ref in refs:
        if ref.level != GLOBAL or ref.implied:
            continue
        if any(r.level == GROUP and r.end <= ref.start and _OF_PANEL.fullmatch(text, r.end, ref.start) for r in refs):
            continue  # "үчүнчү панелдин (сунуштарынын) бардык …": all of that panel
        if _IDS_IN_BRACKET.match(text, ref.end):
            continue  # "баарына (3.1ден 3.8ге чейин)", "all (3.1–3.8)": the bracket says which all
        following = [r for r in refs if r.start > ref.end and r.level > GLOBAL]
        named = [r for r in refs if r.end <= ref.start and r.level > GLOBAL]
        joined = _AND_ALSO.fullmatch(text, named[-1].end, ref.start) if named and not following else None
        if joined and (joined.group("joined") is None or _PANELS_AHEAD.match(text, ref.start)):
            return True  # "Поддерживаем 4.3 и все остальные рекомендации": 4.3, and all the others
        if following and re.search(r"[,;:.()—–]|\s-\s", text[ref.end : following[0].start]):
            return True
        if following and _EMPHASIS.search(text, ref.end, following[0].start):
            return True  # "мы за всё 💯 особенно 3.7": all, and 3.7 above all
    return False


def _targets(
    folded: str,
    segment: _Segment,
    own: list[Ref],
    before: list[_Segment],
    default: tuple[str, ...],
    campaign: Campaign,
    problems: list[Problem],
) -> tuple[tuple[str, ...], int, bool, float]:
    """The recommendations a segment's stance applies to, how specifically, and how sure we are."""
    # "supports the recommendations overall and would like to comment on Panel 3 specifically": what they go on
    # to comment on is not what their stance is of
    specific = [
        r for r in own
        if not r.implied
        and not (r.start > segment.cluster.end and _COMMENT_ON.search(folded, max(0, r.start - 40), r.start))
    ]  # fmt: skip
    joined = _object_then_joined(folded, segment, own, specific) if specific else None
    if specific and (_object_then_clause(folded, segment, own, specific) or joined == "offer"):
        return campaign.ids, GLOBAL, True, 1.0
    if joined == "clause":
        # "We support the recommendations and are ready to drop 3.5 and 4.3": the IDs are another verb's
        problems.append(Problem("no_scope", folded[segment.start : segment.end].strip()[:80]))
    if specific and _pronoun_then_clause(folded, segment, specific):
        # "…accepts them, and 1.4 and 4.2 are especially relevant": them, which? (the IDs were the whole answer)
        problems.append(Problem("no_scope", folded[segment.start : segment.end].strip()[:80]))
    if any(r.level > GLOBAL for r in specific):
        problems += _quantifier_apart(folded, specific, segment.cluster)
        specific = [r for r in specific if r.level > GLOBAL]
    if specific:
        return _combine_refs(folded, specific), max(r.level for r in specific), True, 1.0
    # "…, except 3.6, which we only partly support": the exception before it, even when the line above left
    # IDs waiting for a stance (`default`)
    if before and (_PRONOUN.match(folded, segment.start) or any(r.excepted for r in before[-1].refs)):
        previous = before[-1].refs
        excepted = tuple(i for r in previous if r.excepted for i in r.ids)
        named = excepted or tuple(i for r in previous for i in r.ids if r.level > GLOBAL)
        if named:
            return named, EXPLICIT, True, 1.0
    if default:
        return default, EXPLICIT, True, 1.0
    if segment.refs and all(r.problem for r in segment.refs):
        return (), GLOBAL, True, 1.0
    fragment = folded[segment.start : segment.end]
    cue_span = (segment.cluster.start - segment.start, segment.cluster.end - segment.start)
    # (a quote that named a recommendation is a ref already: what is left in quotes is a name, "«Ош Бизнес Форум»")
    quoted = [(s - segment.start, e - segment.start) for s, e in quoted_spans(folded)
              if segment.start <= s and e <= segment.end]  # fmt: skip
    match = match_text(_blank(fragment, [cue_span, *quoted]), campaign)
    if match and match.accepted:
        return (match.rec_id,), EXPLICIT, True, 1.0
    if (match and match.plausible) or _ONE_RECOMMENDATION.search(fragment):
        problems.append(Problem("unclear_reference", fragment.strip(" ,.")[:80]))
        return (), EXPLICIT, True, 1.0
    if own:
        return campaign.ids, GLOBAL, True, 1.0
    about = _ABOUT_TOPIC.search(folded)
    if about:  # "А что написано про сотрудничество, про местные кенеши — это правильно, поддерживаем": those parts
        problems.append(Problem("vague_scope", about.group()))
    return campaign.ids, GLOBAL, segment.cluster.general, 1.0


def _object_then_clause(folded: str, segment: _Segment, own: list[Ref], specific: list[Ref]) -> bool:
    """ "The Association accepts the recommendations, and 1.4 and 4.2 are especially relevant for our members":
    the recommendations are what the verb takes; the IDs after ", and" open a clause of their own (they were
    taken for the whole answer: 1.4 and 4.2 agreed, the other 17 unrecorded)."""
    implied = next((r for r in own if r.implied and r.start >= segment.cluster.end), None)
    if implied is None or not _OBJECT_GAP.fullmatch(folded, segment.cluster.end, implied.start):
        return False
    return _clause_after(folded, implied.end, specific)


def _how_far_after_colon(folded: str, clusters: list[_Cluster], refs: list[Ref]) -> list[_Cluster]:
    """ "Panel 3 – agree, except 3.5, where we partly agree: we support the aim but the wording …": after a partial
    stance's colon, with nothing named after it, the words say how far, stance words and all (they had been read as
    a second stance without scope)."""
    # ("3.5 боюнча жарым-жартылай макулбуз: калгандарына толугу менен макулбуз": the rest's own answer)
    last_named = max((r.start for r in refs if r.level > GLOBAL or not r.implied), default=-1)
    for k, cluster in enumerate(clusters[:-1]):
        colon = _COLON_THEN_WORD.match(folded, cluster.end) if cluster.kind is CueKind.PARTIAL else None
        if colon and colon.end() > last_named:
            return clusters[: k + 1]
    return clusters


def _object_then_joined(folded: str, segment: _Segment, own: list[Ref], specific: list[Ref]) -> str | None:
    """ "We fully support the recommendations and are ready to work together on 3.7 and 4.5", "Сунуштарды толугу
    менен колдойбуз жана 3.7, 4.5 боюнча биргелешип иштөөгө даярбыз": the stance takes the recommendations; the IDs
    after "and" are what they offer to work on ("offer"; 3.7 and 4.5 had been the whole answer, the other 17
    unrecorded). "… and are ready to drop 3.5 and 4.3": the IDs are another verb's, said of them ("clause")."""
    cluster = segment.cluster
    implied = next(
        (
            r
            for r in own
            if r.implied
            and (
                _OBJECT_GAP.fullmatch(folded, cluster.end, r.start)
                or (r.end <= cluster.start and _WORDS_BETWEEN.fullmatch(folded, r.end, cluster.start))
            )
        ),
        None,
    )
    if implied is None:
        return None
    end = max(cluster.end, implied.end)
    join = _JOIN.match(folded, end)
    first = min(r.start for r in specific)
    if join is None or first < join.end():
        return None
    offer = _JOINED_OFFER.match(folded, end)
    if offer:
        # ("… и готовы участвовать в 3.5 только при финансировании", "… ready to work on an alternative to 3.5":
        # an offer held back or set against an ID says something of it a person weighs)
        clause = _CLAUSE_REST.match(folded, offer.end()).group()  # type: ignore[union-attr]
        hedged = _OFFER_HEDGE.search(folded, end, offer.end() + len(clause)) or condition_in(clause)
        return "clause" if hedged else "offer"
    between = folded[join.end() : first]
    if "жана" in join.group():  # (Kyrgyz puts the verb last: "жана 3.5 менен 4.3тү алып салууга даярбыз")
        last = max(r.end for r in specific)
        between += " " + _GLUED_ENDING.sub("", _CLAUSE_REST.match(folded, last).group())  # type: ignore[union-attr]
    return "clause" if _CLAUSE_WORD.search(_OBJECT_WORDS.sub(" ", between)) else None


def _pronoun_then_clause(folded: str, segment: _Segment, specific: list[Ref]) -> bool:
    pronoun = _PRONOUN_OBJECT.match(folded, segment.cluster.end)
    return pronoun is not None and _clause_after(folded, pronoun.end(), specific)


def _clause_after(folded: str, end: int, specific: list[Ref]) -> bool:
    """Do the IDs begin after `end` (the verb's object) with ", and …", a clause of their own?"""
    first = min(specific, key=lambda r: r.start)
    return first.start > end and _CLAUSE_JOIN.fullmatch(folded, end, first.start) is not None


_PRONOUN_OBJECT = re.compile(r"\s+(?:them|all of them|их|их все|все их)\b")
_OBJECT_GAP = re.compile(r"\s*(?:the\s+|all\s+(?:the\s+)?|все\s+|всеми\s+|с\s+)?")
_WORDS_BETWEEN = re.compile(r"\s+(?:[^\W\d]+\s+){0,2}")  # "Рекомендации полностью поддерживаем"
_JOIN = re.compile(r"\s*,?\s*(?:and|и|а также|жана)\s+")
# what may stand between "and" and the IDs it adds to the stance's object ("and in particular 3.5", "и пункт 3.5")
_OBJECT_WORDS = re.compile(
    r"(?<!\w)(?:the|recommendations?|рекомендаци\w*|пункт\w*|пп?|рек|сунуш\w*|особенно|especially|in particular"
    r"|also|также|тоже|with|с|со|по|on|to|of|к|менен|боюнча)(?!\w)"
)
_CLAUSE_WORD = re.compile(r"[^\W\d_]")
_OFFER_HEDGE = re.compile(
    r"(?<!\w)(?:только|лишь|only|alternatives?|instead|вместо|альтернатив\w*|но|but|однако|however|сомнен\w*|doubts?"
    r"|concerns?|except|кроме|если|if|unless|rather|place|once|modified|при|случае|после|измен\w*|доработ\w*|не|not)(?!\w)"
)
_CLAUSE_REST = re.compile(rf"{_CLAUSE_CHAR}*+")
_GLUED_ENDING = re.compile(r"^\w+")  # "4.3тү": the case ending glued to the ID
# an offer of work joined to the stance: "and are ready to work …", "и готовы совместно работать …", "жана … иштөөгө
# даярбыз" (the IDs may come before the words; not "ready to drop", "not willing to take on", "готовы отказаться")
_JOINED_OFFER = re.compile(
    rf"\s*,?\s*(?:and|и|а также|жана)\s{_CLAUSE_CHAR}{{0,120}}?(?<!\w)(?:"
    r"(?<!not )(?<!not be )(?:ready|willing|happy|glad) to (?:\w+ )?(?:work|help|contribute|cooperate|partner|host"
    r"|take part|participate|share|assist)"
    r"|(?<!не )готов\w* (?:\w+ )?(?:работать|участвовать|помочь|помогать|сотрудничать|поделиться|содействовать"
    r"|выступить|предоставить|принять участие)"
    r"|(?:иштөөгө|катышууга|кызматташууга|жардам берүүгө|көмөктөшүүгө) даяр\w*)(?!\w)"
)
_CLAUSE_JOIN = re.compile(r"\s*,\s*(?:and|и|а|while|whereas)\s+(?:(?:recommendations?|рекомендаци\w*|пп?\.)\s*)?")
# "agree 1.1 1.2 1.3 not 1.4 1.5 2.1": a "not" before IDs that no stance word took (all six were agreed)
_LOOSE_NOT = re.compile(r"(?<!\w)(?:не|not)\s+(?=(?:п\.\s*)?\d\.\d)")


def _loose_negations(folded: str, used: list[tuple[int, int]]) -> list[Problem]:
    """A negation standing before IDs, outside every stance word and reason read: which IDs does it deny?"""
    loose = [m for m in _LOOSE_NOT.finditer(folded) if not any(s <= m.start() < e for s, e in used)]
    return [Problem("ambiguous_negation", folded[loose[0].start() : loose[0].end() + 4])] if loose else []


_COMMENT_ON = re.compile(
    r"\b(?:comment|remark|прокомментировать|высказаться)\s+(?:\w+\s+)?(?:on|upon|about|regarding|по|о|об)\s+(?:the\s+)?$"
)
# What may stand between an "all" and the IDs or panel it is of: "all recommendations of section 3", "со всеми
# рекомендациями 3 панели", "все 19 (1.1–4.5)", "бардык сунуштарына жана 3.5"; a stress ("все, особенно 3.5")
# is weighed elsewhere
_OF_THEM = re.compile(
    r"(?:\W|\d{1,2}(?![.,]?\d)|\b(?:рекоменда\w*|пункт\w*|панел\w*|раздел\w*|сунуш\w*|recs?|из|в|во|по|с|со"
    r"|и|а|of|the|in|under|from|and|жана|recommendations?|panels?|sections?|items?|points?|п|рек|№|все\w*|всё"
    r"|остальн\w*|прочи\w*|other|else|rest|remaining|all|every\w*|калган\w*|бардык\w*|баар\w*|башка\w*"
    r"|one|two|three|four|five|eight|nineteen|пять|четыре|восемь|беш|төрт|сегиз|что|also|также|ошондой эле|esp|пп"
    r"|set out in)\b\.?)*"
)
_STRESS = re.compile(rf"{_EMPHASIS.pattern}|особ\w*|в том числе|including|esp\b")
_APART = 30  # characters: farther off, an "all" is another clause's, not this one's "all of them"


def _quantifier_apart(folded: str, specific: list[Ref], cluster: _Cluster) -> list[Problem]:
    """ "Сошлвсны со всеми кромн 3.8 нн сошласны", "agree w all exc 4.1": an "all" right before the IDs the
    stance goes to, with a word between that makes it no "all of them", is a part of the sentence not read.
    (Not when the stance, a clause's end, or a bracket or colon that spells the "all" out stands between.)"""
    named = [r for r in specific if r.level > GLOBAL]
    problems = []
    for quantifier in [r for r in specific if r.level == GLOBAL]:
        after = next((r for r in named if r.start >= quantifier.end), None)
        if (
            after is None
            and named
            and REST_WORD.match(folded, quantifier.start)
            and re.search(r"[,;]", folded[named[-1].end : quantifier.start])
            and cluster.end <= named[0].start
        ):
            # "Согласны с 1.1-1.5 и 4.2, по остальным пунктам мнения нет": an "all" or "the rest" after every
            # ID the stance took, and not "… и все остальные", says something of the others nobody read
            problems.append(Problem("unread_words", folded[quantifier.start : quantifier.end]))
            continue
        if after is None or after.start - quantifier.end > _APART or quantifier.end <= cluster.start < after.start:
            continue
        gap = folded[quantifier.end : after.start]
        if gap.rstrip().endswith(("(", ":")) or re.search(r"[;.!?]", gap):
            continue
        if not _OF_THEM.fullmatch(gap) and not _STRESS.search(gap):
            problems.append(Problem("unread_words", folded[quantifier.start : after.start].strip()))
    return problems


_ABOUT_TOPIC = re.compile(r"(?:^|\s)(?:про|насчет|по поводу|about|regarding)\s+[^\W\d]{4,}(?:\s+[^\W\d]+)?")


def _combine_refs(text: str, refs: list[Ref]) -> tuple[str, ...]:
    """Union of the named recommendations; a panel and an audience together mean their intersection."""
    if all(r.level == GLOBAL for r in refs):
        return tuple(dict.fromkeys(i for r in refs for i in r.ids))
    explicit = {i for r in refs if r.level == EXPLICIT for i in r.ids}
    refs = [r for r in refs if not _heading(text, r, refs, explicit)]
    groups = [set(r.ids) for r in refs if r.level == GROUP]
    grouped: set[str] = (
        set.intersection(*groups) if len(groups) > 1 and set.intersection(*groups) else set().union(*groups)
    )
    ids = grouped | {i for r in refs if r.level == EXPLICIT for i in r.ids}
    ordered = [i for r in refs for i in r.ids if i in ids]
    return tuple(dict.fromkeys(ordered))


def _heading(text: str, ref: Ref, refs: list[Ref], explicit: set[str]) -> bool:
    """ "Section 3: we support 3.3–3.8": a panel (or a range of IDs, "4.1–4.5 — не согласны с 4.1 и 4.3") set off
    by a colon or dash before its own IDs (or a table's cell after them) only frames them.

    "раздел 4, особенно 4.3" is not a heading: there the panel is meant as a whole.
    """
    if not (ref.level == GROUP or _is_range(ref)) or not explicit or not explicit <= set(ref.ids):
        return False
    # "3.2 | Панель 3 | принимается частично": a table's column for the panel the row's IDs are in
    preceding = [r for r in refs if r.end <= ref.start and r.level == EXPLICIT]
    if preceding and re.fullmatch(r"\s*\|\s*", text[preceding[-1].end : ref.start]):
        return True
    # "disagreeing with 4.1 and 4.3 in Panel 4": the panel says where the IDs are
    if preceding and _IN_PANEL.fullmatch(text, preceding[-1].end, ref.start):
        return True
    following = [r for r in refs if r.start > ref.end and r.level == EXPLICIT]
    if not following:
        return False
    if _EMPHASIS.search(text, max(0, following[0].start - 20), following[-1].end + 20):
        return False  # "Panel 4 — agree, 4.3 especially important": the panel, and 4.3 above all
    between = text[ref.end : following[0].start]
    if _is_range(ref) and not _turns(between):
        return False  # "3.1–3.8 — согласны, отдельно отмечаем важность п. 3.8": the range, and 3.8 above all
    # "Үчүнчү бөлүмдө 3.6 боюнча …", "в разделе 3 по 3.6 …": the panel only says where 3.6 is
    if re.search(r"[:—–]|\s-\s", between):
        return True
    if re.search(r"особенно|в том числе|включая|including|especially", between) or (
        _WHOLE_OF_IT.match(between) and not find_cues(between)
    ):
        return False  # ("поддерживает панель 3 целиком и готова выступить партнёром по 3.2": all of it, and 3.2)
    # "On Panel 3, we disagree with 3.5": the stance between them is about 3.5, the panel only frames it
    return "," not in between or bool(find_cues(between))


_WHOLE_OF_IT = re.compile(
    r"\W*(?:целиком|полностью|в полном объ[её]ме|in full|entirely|fully|as a whole|толугу менен)\b"
)

# A number no reference used ("согласны с 1 по 4", "…, 4 ок"), unless it counts days, people, money or things.
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_LOOSE_NUMBER = compile_at_heads(
    r"(?<![\w.,:/+№#-])\d{1,2}(?![\w.,:/-]?\d)(?![xх]{2})(?!\s*(?:-?\s*(?:январ|феврал|март|апрел|ма[яй]|июн|июл|август|сентябр"
    r"|октябр|ноябр|декабр|год|г\.|лет|%|человек|чел|организаци|член|раз|штук|дн|недел|месяц|час|минут|тыс|млн|сом"
    r"|year|member|organi[sz]ation|people|time|week|day|month|hour|thousand|million|job|compan|village|women|men"
    r"|community|communit|school|famil|farm|сел|сё?л|женщин|мужчин|компани|предприяти|школ|сем|район|айыл|киши|аял"
    r"|км\b|km\b|кг\b|kg\b"  # ("ближайший ЦОН находится за 60 км")
    rf"|{_MONTHS}"
    # ("даже 3G нет", "и так 5 советов": a network, a count of things; not "3 разделов", "2 панелей")
    r"|g\b|(?!раздел|блок|пункт|панел|част|направлени)[а-яё]{2,}(?:ов|ев|ей)\b)))"
)
# "3,4 сунуштан башкасына": 3.4, or 3 and 4? "Согласны с 1,2,3": panels, IDs? (it was bare assent: all 19)
_COMMA_PAIR = re.compile(r"(?<![\w.,:/+№#-])\d(?:,\d)+(?![\d,]|\.\d)")
# "согласны с 1.1-15", "с 3.1-8": a range whose end is no ID (1.1 alone was agreed)
_RANGE_TO_NUMBER = re.compile(r"(?<=\d\.\d)\s*[-–—]\s*\d{1,2}(?![\d,]|\.\d)")
# "3.3 или 3.8", "3.3 ли 3.8": one of two, the respondent does not say which
_EITHER = re.compile(r"\d\.\d{1,2}\s+(?:или|ли|or|же|әлде)\s+\d\.\d")
_NEGATED_BEFORE = re.compile(r"\b(?:not|cannot|can't|don't|no|не|ни)\b")  # "cannot support 4.1 or 4.3": neither
_BARE_RANGE = re.compile(r"(?<![\w.,:/+№#-])\d{1,2}\s*[-–—]\s*\d{1,2}(?![\w.,:/]?\d)")  # "с 1-4": panels? IDs?
_DATE_AFTER = re.compile(rf"\s*(?:{_MONTHS}|январ|феврал|март|апрел|ма[яй]|июн|июл|август|сентябр|октябр|ноябр|декабр)")
_COUNTED = re.compile(r"\d{1,2}\s+(?:рекомендаци|recommendation|сунуш|пункт)")
# "остальными 18 рекомендациями": a count right after the rest; searched in the 40 characters before it, since
# a search from the unit's start for every number was quadratic in the unit
_QUANTIFIER_BEFORE = compile_at_heads(rf"(?:{REST}|все\w*|all|бардык|остальн\w*|other|калган)\s+$")
_DASH_AFTER_COUNT = re.compile(r"\s*[—–:-]")  # "остальные 18 — за"
_MONTH_BEFORE = re.compile(rf"(?:{_MONTHS})\s+$")
_ID_THEN_DIGIT = re.compile(r"(?<![\d.])\d\.\d,(\d)(?![\d.,])")


def _no_recommendation_s(number: str, campaign: Campaign) -> bool:
    """ "объединяет 84 субъекта", "a survey of 60 farmers": a number past the last recommendation's place in the
    letter that is no ID with its dot dropped either ("45" may be 4.5) counts something else."""
    return len(number) == 2 and int(number) > len(campaign.ids) and campaign.get(f"{number[0]}.{number[1]}") is None


# ("25 из 30 рекомендаций", "60 percent", "до 25 числа": a share of them, or a date, still for a person)
_SHARE_OR_DATE = re.compile(
    r"\s*(?:%|percent|per cent|процент|из\b|of\b|рекомендаци|пункт|сунуш|recommendation|числ|-?го\b)"
)


def _names_a_named_panel(ref: Ref, refs: list[Ref]) -> bool:
    """ "Третий блок (цифровые рекомендации)": a topic that is, exactly, a panel the sentence names by number."""
    return ref.problem == "vague_scope" and any(
        other is not ref and not other.problem and other.ids and set(other.ids) == set(ref.ids) for other in refs
    )


_GLOSS_OPENS = re.compile(r"\s*\(\s*(?:п\.\s*|рек\.\s*)?")


def _glossed_by_id(folded: str, ref: Ref, refs: list[Ref], campaign: Campaign) -> bool:
    """ "против пятого пункта (3.5)": an ordinal the respondent glossed with the very ID in brackets right after it
    (its place in its panel or in the letter; not "пятой рекомендации (4.1)", which a person settles)."""
    # (an exception's ordinal keeps its flag: the ID in brackets after it is not excepted with it, "кроме пятой
    # рекомендации (3.5)")
    gloss = _GLOSS_OPENS.match(folded, ref.end) if ref.problem == "ambiguous_number" else None
    digits = _DIGITS.search(folded, ref.start, ref.end)
    place = (
        int(digits.group())
        if digits
        else next((n for n, stems in enumerate(_ORDINAL_STEMS, 1) if folded.startswith(stems, ref.start)), None)
    )
    return (
        gloss is not None
        and place is not None
        and any(
            other.start == gloss.end()
            and other.level == EXPLICIT
            and len(other.ids) == 1
            and not other.problem
            and other.excepted == ref.excepted
            # (its place in its panel, in the letter, or its panel's number: "№2 (п. 2.1)")
            and place in (*map(int, other.ids[0].split(".")), campaign.ids.index(other.ids[0]) + 1)
            for other in refs
        )
    )


_DIGITS = re.compile(r"\d+")
_ORDINAL_STEMS = (
    ("перв", "first", "биринчи"), ("втор", "second", "экинчи"), ("трет", "third", "үчүнчү", "учунчу"),
    ("четв", "fourth", "төртүнчү", "тортунчу"), ("пят", "fifth", "бешинчи"), ("шест", "sixth", "алтынчы"),
    ("седьм", "seventh", "жетинчи"), ("восьм", "eighth", "сегизинчи"),
)  # fmt: skip


_PLURAL_AFTER = re.compile(r"(?<!\w)(?:их|они|ими|them|these|those|they|аларды|алар|аларга)(?!\w)")


def _comma_id_as_many(folded: str, refs: list[Ref]) -> list[Problem]:
    """ "Кроме рек. 3,4 — считаем их нереалистичными": one ID in decimal-comma notation, then spoken of as several
    (3 and 4?). Only a person can tell."""
    comma = [r for r in refs if len(r.ids) == 1 and "," in folded[r.start : r.end]]
    if len(comma) != 1 or len({i for r in refs if r.level == EXPLICIT for i in r.ids}) != 1:
        return []
    if _PLURAL_AFTER.search(folded, comma[0].end):
        return [Problem("ambiguous_number", folded[comma[0].start : comma[0].end])]
    return []


def _panel_cell(folded: str, marker: re.Match[str], refs: list[Ref], campaign: Campaign) -> bool:
    ids = [i for r in refs for i in r.ids]
    number = int(marker.group(1))
    return (
        folded[marker.end(1) :].lstrip().startswith("|")
        and bool(ids)
        and all((rec := campaign.get(i)) is not None and rec.panel == number for i in ids)
    )


def _loose_numbers(text: str, folded: str, refs: list[Ref], campaign: Campaign) -> list[Problem]:
    """Every number in a stance sentence must belong to a reference; one that does not is left to a person."""
    taken = Taken(len(folded))
    for ref in refs:
        taken.claim(ref.start, ref.end)
    marker = _LINE_NUMBER.match(folded)
    loose = [
        m
        for m in _LOOSE_NUMBER.finditer(folded)
        if taken.free(m.start(), m.end())
        and not _MONTH_BEFORE.search(folded, max(0, m.start() - 12), m.start())
        and not DOCUMENT_NUMBER.search(folded, max(0, m.start() - 30), m.start())
        and not (
            (_COUNTED.match(folded, m.start()) or _DASH_AFTER_COUNT.match(folded, m.end()))
            and _QUANTIFIER_BEFORE.search(folded, max(0, m.start() - 40), m.start())
        )
        # "Happy with the other 18.": the rest's count, which `extract._counted_exceptions` checks (not "all 3.",
        # which may be Panel 3)
        and not counts_the_rest(folded, m.start())
        and not (_no_recommendation_s(m.group(), campaign) and not _SHARE_OR_DATE.match(folded, m.end()))
        # "1) по первой панели — согласны": a list's own number, on a line that names what it answers
        and not (marker is not None and m.start() == marker.start(1) and refs and folded[marker.end(1)] in ".)")
        # "3 | 3.1, 3.3, 3.4 | поддерживаем": a table's panel column, the row's IDs all of that panel
        and not (marker is not None and m.start() == marker.start(1) and _panel_cell(folded, marker, refs, campaign))
    ]
    loose += [m for m in _COMMA_PAIR.finditer(folded) if taken.free(m.start(), m.end())]
    loose += [m for m in _RANGE_TO_NUMBER.finditer(folded) if taken.free(m.start(), m.end())]
    loose += list(_ID_THEN_DIGIT.finditer(folded))  # "3.3,4 каршыбыз": 3.3 and 3.4, or 3.3 and panel 4?
    ranges = _BARE_RANGE.finditer(folded)
    loose += [m for m in ranges if taken.free(m.start(), m.end()) and not _DATE_AFTER.match(folded, m.end())]
    either = _EITHER.finditer(folded)
    loose += [m for m in either if not _NEGATED_BEFORE.search(folded, max(0, m.start() - 30), m.start())]
    if not loose:
        return []
    return [Problem("ambiguous_number", f"«{text.strip()[:80]}»: {', '.join(m.group() for m in loose)}")]


# Words that say which recommendations or what stance (ordinals, quantifiers, exceptions, stance stems).
# Each must lie inside a reference, a cue, an exception or a reason the unit was read by; one that does not
# was not understood ("the first two panels", "agree all xcept", "воздерж"), and a person reads the reply.
_SCOPE_WORD = compile_at_heads(
    # ("уже третий год", "пятый раз": a count of years or times, not a place in the letter)
    # ("третьей", "третью": the soft sign too; not "пять", "шесть", counts)
    r"(?<!\w)(?:(?:перв(?!оочередн|оначальн|омай)|втор(?!ичн)|трет|четверт|пят(?!и\b|ь\b|ью\b)|шест(?!и\b|ь\b)|седьм"
    r"|восьм)[ыоаиуеь]\w*+(?!\s+(?:лиц|сторон))"  # ("третьим лицам": third parties)
    r"(?!\s+(?:год|раз|ден|месяц|квартал|недел|сезон|созыв|курс|рассылк|письм|волн|этап|тур)\w*)"
    # ("… infrastructure first;", "first of all": an adverb, no place in the letter)
    r"|first(?!\s*[;,.!?)]|\s*$|\s+of all)|(?:second|third|fourth|fifth"
    r"|sixth|seventh|eighth|all|everything|rest|remaining|except(?!\s+that\b)|xcept|exept|excpt)(?!\w)"
    r"|биринчи|экинчи|үчүнчү|учунчу|төртүнчү|тортунчу|бешинчи|алтынчы|жетинчи|сегизинчи"
    # ("от имени всех 27 клубов", "всех наших членов": all of someone, not all of the recommendations)
    rf"|(?:все|всё|всех|всем|всеми)(?!\w)(?!\s+(?:\d+\s+)?(?:наш\w*\s+)?(?:член|клуб|организаци|участник"
    rf"|сотрудник|мастер|женщин|сел|район|регион|област|партнер|коллег|ваш))|бардык\w*|баары(?!быз)\w*|кроме|{REST}"
    # ("будем рады участвовать и дальше": on, not "3.5 и далее")
    r"|onwards?|and beyond|начиная с|(?:(?<=[\d)] )|(?<=панели )|(?<=пункта )|(?<=раздела ))и (?:далее|дальше)"
    r"|и последующ\w*|баштап)"
)
# (not "согласуется с уставными целями": is consistent with, nobody's stance)
_STANCE_WORD = compile_at_heads(
    r"(?<!\w)(?:(?:соглас(?!ов|ует|уют)|несоглас|поддерживаем|поддерживаю|поддержали|против|возраж|воздерж"
    r"|(?<!позиция )(?<!ответ )одобр|agree|disagree|oppose|endorse|reject|abstain|макул|колдо[йб]|каршы)\w*"
    r"|(?:view|opinion) on)"
)


def says_nothing(text: str, campaign: Campaign) -> bool:
    """Holds `text` nothing a reading could take up: no digit, quote, stance, scope, exception or decision word, no
    reference but the bare word "recommendations"? Then reading it yields no claim and no review reason (so it was
    on each of the corpus's 93,000 sentences and subjects, 26,000 of them such); a subject of its own, "Test",
    "Рекомендации", "Автоответ: …", need not be read."""
    folded = fold(text)
    return not (
        any(ch.isdigit() or ch in _QUOTE_MARKS for ch in folded)
        or _STANCE_WORD.search(folded)
        or _SCOPE_WORD.search(folded)
        or DECISION_HEAD.search(folded)
        or except_spans(folded)
        or find_cues(folded)
        or any(not r.implied for r in find_refs(folded, campaign))
    )


_QUOTE_MARKS = frozenset('"«»“”„')


# "That's all from us", "на этом всё": the reply is over, nothing is named
_ENDS_REPLY = r"that'?s all|that is all|на этом (?:пока )?все|вот и все"
_ENDS_REPLY_RE = re.compile(_ENDS_REPLY)
# Discourse words that contain a scope word and name nothing: "во-первых", "в первую очередь", "всем спасибо"
_IDIOM = compile_at_heads(
    r"во-\w+|в-\w+|в первую очередь|первую очередь|прежде всего|всего доброго|всех благ|всем (?:спасибо|участникам)"
    r"|спасибо всем|благодарим всех|first of all|all the best|thank you all|all of you|at all|after all|all in all"
    r"|всем привет|всем добр\w+|всем здравствуйте|(?:hi|hello|dear|hey) all|всего хорошего|всех вас|всем вам"
    # "Спасибо за сотрудничество все эти годы"
    r"|все эти (?:годы|года|месяцы)|все это время|all these years|all this time"
    rf"|{_ENDS_REPLY}|все (?:высказал|проголосовал)\w*"
    r"|желаем всем|всем (?:здоровья|успехов|удачи)"
    r"|всех (?:желающих|заинтересованн\w+|уровн\w+|сторон|граждан|жителей)|all (?:levels|sides|actors|citizens)"
    r"|all stakeholders|all partners|all participants|all regions|all levels"
    r"|all (?:of )?(?:our |the |its )?(?:members|member organi[sz]ations|board members|staff|colleagues)(?!\w)"
    r"|всем участникам|всех участник\w*"
    r"|first(?:ly)?,|secondly|thirdly|in the first place|for the first time|впервые|в первых|первое время"
    r"|(?:кроме|помимо) (?:того|этого|всего)(?=\s*(?:[,.]|$|что\b))|все равно|все же"
    r"|all (?:day|week|the time|year|along)|весь день|всю неделю"
    # "agreed on the following position": the decision, not a stance (`lexicon._POSITIVE` reads no "agreed" there)
    r"|agreed? (?:on|upon) (?:the following|a|an|our|its|their) (?:\w+ )?(?:position|answer|response|reply|view)\b"
    # "have reviewed all nineteen recommendations, and we set out our position below": how, not what
    r"|(?:reviewed|examined|considered|studied|read|discussed) all\b"
    r"|(?:прочитал\w*|изучил\w*|рассмотрел\w*|обсудил\w*) (?:все|всё)\b|ознакомил\w* со всеми|бардыгын (?:окуп|карап)"
    # "please find our response to each recommendation": a preface, before the answers themselves
    r"|(?:response|answer|reply|position|comment|feedback)s? (?:to|on) each|(?:ответ|позици)\w* по каждо\w*"
)


def _unaccounted(
    folded: str,
    refs: list[Ref],
    used: list[tuple[int, int]],
    excepts: list[tuple[int, int]],
    stance_words: bool = False,
) -> list[Problem]:
    """Scope words (and, in a unit with no stance read, stance words) that no reference, cue, exception (at
    `excepts`, found by the caller) or reason used."""
    patterns = [_SCOPE_WORD, _STANCE_WORD] if stance_words else [_SCOPE_WORD]
    found = [m for p in patterns for m in p.finditer(folded)]
    if not found:
        return []  # most units have no such word: what uses words up need not be looked for
    taken = Taken(len(folded))
    for start, end in [(r.start, r.end) for r in refs] + used + excepts + quoted_spans(folded):
        taken.claim(start, end)
    for m in _IDIOM.finditer(folded):
        taken.claim(m.start(), m.end())
    loose = [m.group() for m in found if taken.free(m.start(), m.end())]
    return [Problem("unread_words", ", ".join(dict.fromkeys(loose)))] if loose else []


def ends_reply(folded: str, start: int, end: int) -> bool:
    """Whether the words at `start:end` close the reply ("That's all from us"). (A greeting's "Hi all" is not
    excused where a quantifier is weighed against what got no stance: there it has been the only sign that
    a reply went partly unread.)"""
    return any(
        m.start() <= start and end <= m.end() for m in _ENDS_REPLY_RE.finditer(folded, max(0, start - 12), end + 12)
    )


def _quantifiers_without_stance(folded: str, refs: list[Ref]) -> list[Problem]:
    """ "All good from our side 👍": an "all" in a sentence with no stance read says something we did not read."""
    alls = [r for r in refs if r.level == GLOBAL and not r.implied and not r.problem and not r.excepted]
    if not alls:
        return []  # no "all" to excuse as an idiom's
    idioms = [(m.start(), m.end()) for m in _IDIOM.finditer(folded)]
    loose = [folded[r.start : r.end] for r in alls if not any(start <= r.start < end for start, end in idioms)]
    return [Problem("unread_words", ", ".join(loose))] if loose else []


_COLON_AFTER = re.compile(r"\s*:")  # "3-панель: 3.1, 3.3 – макулбуз": the panel frames the IDs after it
_FRAME_HEAD = re.compile(r"\s*+(?:(?:боюнча|по|on)\s*+)?[:|]")  # "3-панель боюнча:", "Панель 3:", "3 панель | …"
_IN_PANEL = re.compile(r"\s+(?:in|of|from|из|в)\s+(?:the\s+)?")
_DASH_HEAD = re.compile(r"\s*(?:[—–]|-\s)")


def _frames_the_line(folded: str, frame: Ref, refs: list[Ref]) -> bool:
    """Does `frame`, the line's first reference, head it: a panel before a colon, or a panel or a range of IDs
    before a colon or a dash with IDs of its own after it ("4.1–4.5 — не согласны с 4.1 и 4.3, остальные да")?"""
    if frame.level == GROUP and _FRAME_HEAD.match(folded, frame.end):
        return True
    if frame.level == GROUP and _yes_then_all(folded, frame, refs):
        return True
    if not (frame.level == GROUP or _is_range(frame)):
        return False
    head = _FRAME_HEAD.match(folded, frame.end) or _DASH_HEAD.match(folded, frame.end)
    inside = [r for r in refs if r.level == EXPLICIT and r.start > frame.end and set(r.ids) < set(frame.ids)]
    return head is not None and bool(inside) and _turns(folded[frame.end : inside[0].start])


# "По первой и второй панели — да, всё принимаем": the yes to the panels, then "all" of them again
_YES_THEN = re.compile(r"\s*(?:[—–]|-\s)\s*(?:да|yes|ооба)\s*,\s*")
_BARE_ALL = frozenset({"все", "всё", "all", "баары", "баарын"})


def _yes_then_all(folded: str, frame: Ref, refs: list[Ref]) -> bool:
    """Is the line's "all" a bare one right after "— да," that answers the panel before it (its "all" had been
    all 19, silently)? Not "все рекомендации" nor "всё остальное", which name more than the panel."""
    after = [r for r in refs if r.start >= frame.end]
    return (
        len(after) == 1
        and after[0].level == GLOBAL
        and folded[after[0].start : after[0].end] in _BARE_ALL
        and _YES_THEN.fullmatch(folded, frame.end, after[0].start) is not None
    )


def _turns(between: str) -> bool:
    """Do the words between a heading and the IDs under it say something other than yes ("— не согласны с")?"""
    return any(c.kind not in (CueKind.AGREE, CueKind.GENERAL) and not c.terse for c in find_cues(between))


def _is_range(ref: Ref) -> bool:
    """ "1.1–1.5", "3.1-3.4": IDs from one to another, named as a span (`refs` labels a dotted range with an en
    dash; a comma range, "4,1-4,5", keeps its own text and is not taken for one here)."""
    return ref.level == EXPLICIT and len(ref.ids) > 1 and "–" in ref.label


def _untaken_panels(folded: str, refs: list[Ref], claims: list[Claim]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Panels named here whose recommendations no claim here took: "Panel 4 — agree, 4.3 …" once read as 4.3
    alone. The next sentence may still give them ("Panel 3 – agree with 3.1–3.4. 3.5 partially"), so the
    text as a whole decides (`extract._read_text`)."""
    used = {i for c in claims for i in c.ids} | {i for r in refs if r.excepted for i in r.ids}
    return tuple(
        (folded[r.start : r.end], tuple(i for i in r.ids if i not in used))
        for r in refs
        if claims
        and r.level == GROUP
        and not r.excepted
        and not r.problem
        and r.ids
        and not set(r.ids) <= used
        # ("Из четвёртой панели поддерживаем 4.2 и 4.4": some out of the panel, not the panel)
        and not _OUT_OF.search(folded, max(0, r.start - 8), r.start)
        and not _ABLATIVE.search(folded, r.start, r.end)  # (Kyrgyz: "Төртүнчү панелден 4.3-сунушуна каршыбыз")
        and not _where_the_ids_are(folded, r, refs)
    )


_ON_PANEL = re.compile(r"(?<!\w)(?:по|в|во|on|in|for|under)\s+$")
_ON_ID = re.compile(r"\s*(?:по|on|for)\s+$")
_TO_THE_ID = re.compile(r"(?<!\w)(?:с|со|по|with|on|for|to)\s+$")  # "не согласны с 3.5": the stance's object


def _where_the_ids_are(folded: str, panel: Ref, refs: list[Ref]) -> bool:
    """ "По 3 панели не согласны с 3.5 и 3.8", "4 панель по 4.1 не согласны": the panel says where the IDs after
    it are, and what it says of them is all it says; its other recommendations are not answered.

    Only with a preposition ("по 3 панели", or "по 4.1" after it) and nothing between the panel and its first ID
    but the stance and small words: "Третью панель поддерживаем целиком и готовы участвовать в реализации 3.1"
    takes the panel as a whole (and, left untaken, goes to a person)."""
    after = next((r for r in refs if r.start >= panel.end and r.level == EXPLICIT), None)
    if after is None or not set(after.ids) <= set(panel.ids):
        return False
    between = folded[panel.end : after.start]
    if len(between) > 80:
        return False
    if not (_ON_PANEL.search(folded, max(0, panel.start - 6), panel.start) or _ON_ID.fullmatch(between)):
        return False
    cues = find_cues(between)
    # the IDs are what the stance word or its preposition takes ("не согласны с 3.5", "we endorse 3.1"); not after
    # a comma or "и": "По 4 панели согласны, по 4.1 есть вопросы" agrees with the panel, then speaks of 4.1
    taken = _TO_THE_ID.search(between) or (cues and not between[cues[-1].end :].strip())
    if not taken or "," in between:
        return False
    words = re.findall(r"\w+", _blank(between, [(c.start, c.end) for c in cues]))
    return all(w in _FILLER_WORDS for w in words)


_OUT_OF = re.compile(r"(?:\bиз|\bfrom)\s+$")
_ABLATIVE = re.compile(rf"{KY_ABLATIVE}$")


def _in_reason(ref: Ref, folded: str, claims: list[Claim]) -> bool:
    """ "4.3 – we do not support it, because such bodies already exist in most oblasts": a vague word inside
    the reason of a stance on named recommendations is the reason's, not the stance's scope."""
    # ("all except 1.2 and 2.1, which we do not support because … CSOs' agendas …": the exception's reason)
    named = [c for c in claims if c.scoped and c.level == EXPLICIT]
    return ref.problem == "vague_scope" and any(start <= ref.start < end for start, end in _reason_spans(folded, named))


def _reason_spans(folded: str, claims: list[Claim]) -> list[tuple[int, int]]:
    """Where each claim's reason stands in the unit: its words are used, as the reason."""
    spans = []
    for reason in (c.reason for c in claims if c.reason):
        at = folded.find(fold(reason))
        if at >= 0:
            spans.append((at, at + len(reason)))
    return spans


_ALSO_OPENS = re.compile(r"\W*(?:а также|а равно|as well as|and also|плюс)(?!\w)")


def _speaks_of_stance(reason: str, kind: CueKind, campaign: Campaign, own: set[str]) -> bool:
    """Does a reason hold a stance or a reference of its own? Then it is more than a reason: a person reads it.

    Not an audience ("…, a matter for government, not for CSOs like ours": who, not which), nor the panel of the
    claim's own IDs ("3.7 on educating citizens about digital participation": what 3.7 is about)."""
    folded = fold(reason)
    stances = {c.kind for c in find_cues(folded) if not c.terse} & {CueKind.AGREE, CueKind.DISAGREE}
    refs = find_refs(folded, campaign)
    quotes = quoted_spans(folded) if '"' in folded else []  # (once: per reference it grew with the reason squared)
    named = [
        r
        for r in refs
        if r.level != GLOBAL
        and (r.ids or r.problem)
        and r.label not in _AUDIENCES
        and not (own and r.level == GROUP and r.problem in (None, "vague_scope") and own <= set(r.ids))
        and not (own and r.level == EXPLICIT and not r.problem and set(r.ids) <= own)  # "Since 3.2 is addressed to …"
        and not _quotes_its_own(folded, r, own, campaign, quotes)
    ]
    # "…, анткени бизде коалиция жок, калганы ок": "the rest" in a reason is a stance of its own
    rest = [r for r in refs if r.level == GLOBAL and REST_WORD.fullmatch(folded, r.start, r.end)]
    # (not in a partial's reason: "частично: поддерживаем цель, но …", "с мониторингом согласны, а …" say how far)
    other_stance = bool(stances - {kind}) and kind in _POLAR
    return bool(named) or bool(rest) or other_stance


# "digital literacy yes, …", "yes to the councils, no to the conference", "советы — да, конференция — нет"
# (a short clause, "советы да", not a why that ends in "нет": "…, потому что в малых городах бизнеса почти нет, …")
_PART_VERDICT = re.compile(
    r"(?<!\w)(?:(?:yes|no)[^\S\n]*+(?:[,;.)]|$)|(?:yes|no) to\s)"
    r"|(?:^|[:,;][^\S\n]*+)(?:[^\W\d]+[^\S\n]+){1,3}(?:да|нет)[^\S\n]*+(?:[,;.)]|$)"
)
_SOME_OF_THEM = re.compile(
    r"(?<!\w)(?:some of (?:it|them|these|those)|part of (?:it|them)|parts of (?:it|them)|некоторые из (?:них|этих)"
    r"|часть из них|часть (?:рекомендаций|пунктов)|кое-что из|айрымдары)(?!\w)"
)


def _quotes_its_own(folded: str, ref: Ref, own: set[str], campaign: Campaign, quotes: list[tuple[int, int]]) -> bool:
    """ "воздерживаемся по 1.1, так как не понимаем, о каких «объективных данных» идёт речь": words quoted from the
    claim's own recommendation, where a panel's title word ("данных") is what the reason asks about, not a panel."""
    span = _quote_before(quotes, ref)
    if span is None or ref.end > span[1]:
        return False
    words = folded[span[0] : span[1]].strip("«»\"“”„'‘’ ")
    return len(words) >= 6 and any(words in fold(rec.text) for rec in campaign.recommendations if rec.id in own)


_BRACKET = re.compile(r"\s*\(([^()\d]{3,300})\)")
_FILLER_WORDS = frozenset(
    [
        "по",
        "ней",
        "нему",
        "ним",
        "с",
        "ними",
        "мы",
        "we",
        "on",
        "it",
        "them",
        "this",
        "that",
        "тоже",
        "также",
        "здесь",
        "тут",
        "и",
        "and",
    ]
)


def _answered_in_detail(problem: Problem, claims: list[Claim], detailed: list[Claim]) -> bool:
    """ "По панели 3 согласны частично (3.1–3.4 да, 3.5–3.8 нет)": how far the partial goes is said, ID by ID
    (or it is one of `detailed`, `_detailed_partials`)."""
    partial = [c for c in claims if c.stance is Stance.PARTIAL and c.level == GROUP and c.evidence == problem.detail]
    named = {i for c in claims if c.level == EXPLICIT for i in c.ids}
    return (
        problem.code == "vague_scope"
        and bool(partial)
        and all(set(c.ids) <= named or any(c is d for d in detailed) for c in partial)
    )


def _detailed_partials(claims: list[Claim]) -> list[Claim]:
    """ "Третью панель — частично: пункты 3.1, 3.3 и 3.7 да, остальные нет": a partial stance on a panel, then
    how far it goes, by ID and for the rest of the panel; the partial says nothing the stances after it do not (and
    left standing beside the rest's, it read as a contradiction)."""
    found = []
    for n, claim in enumerate(claims):
        if claim.stance is not Stance.PARTIAL or claim.level != GROUP:
            continue
        later = claims[n + 1 :]
        named = [c for c in later if c.level == EXPLICIT and set(c.ids) <= set(claim.ids)]
        # (the rest of that panel, named as such: not "остальные панели поддерживаем", "по остальным воздерживаемся")
        rest = any(
            c.level == GROUP and set(c.ids) == set(claim.ids) and REST_WORD.search(fold(c.evidence)) for c in later
        )
        if named and (rest or set(claim.ids) <= {i for c in named for i in c.ids}):
            found.append(claim)
    return found


def _named_right_after(folded: str, position: int, refs: list[Ref]) -> int | None:
    """Where the IDs named right after `position` end ("partly endorse 3.5 and 3.6: …"), if any are."""
    end = None
    for ref in refs:
        if ref.level != EXPLICIT or ref.start < (end or position):
            continue
        if not _HEAD_FILLER.match(folded[end or position : ref.start]):
            break  # (the list ended: one look past it, so the walk stays linear)
        end = ref.end
    return end


def _without_excepted(claims: list[Claim], refs: list[Ref]) -> list[Claim]:
    """ "поддержать 3.1-3.8, за исключением 3.5 (не поддерживаем …)": the range's stance is not the exception's,
    which has its own; left in, the two stances on 3.5 read as a contradiction."""
    excepted = {i for r in refs if r.excepted for i in r.ids}
    if not excepted:
        return claims
    return [
        replace(c, ids=tuple(i for i in c.ids if i not in excepted))
        if c.level == EXPLICIT and not set(c.ids) <= excepted
        else c
        for c in claims
    ]


def _bracket_reasons(text: str, folded: str, claims: list[Claim], refs: list[Ref]) -> list[Claim]:
    """ "кроме 3.5 и 3.8 (это функция государства, а не ОГО), с ними не согласны": a bracket right after
    an ID is the respondent's comment on it, less the parts that only give a stance ("воздерживаемся",
    "по ней против"); it goes to the narrowest claim that holds the ID."""
    for ref in refs:
        m = _BRACKET.match(folded, ref.end) if ref.ids and ref.level == EXPLICIT else None
        if m is None:
            continue
        parts = [p for p in re.split(r"[,;]", text[m.start(1) : m.end(1)]) if p.strip()]
        kept = [p for p in parts if _comments(fold(p))]
        reason = clean_reason(", ".join(p.strip() for p in kept)) if kept else None
        holders = [c for c in claims if set(ref.ids) <= set(c.ids)]
        if reason is None or not holders:
            continue
        narrowest = min(holders, key=lambda c: len(c.ids))
        if narrowest.reason is not None:
            continue
        # ("частично: 1.3 (сверху вниз – да, …), 4.1": a bracket in the middle of the list is its own ID's only)
        later = {i for r in refs if r.start >= m.end() and r.level == EXPLICIT for i in r.ids} & set(narrowest.ids)
        own = replace(narrowest, ids=tuple(i for i in narrowest.ids if i not in later), reason=reason)
        rest = [replace(narrowest, ids=tuple(i for i in narrowest.ids if i in later))] if later - set(ref.ids) else []
        at = next(n for n, c in enumerate(claims) if c is narrowest)
        claims = [*claims[:at], own, *rest, *claims[at + 1 :]]
    return claims


def _worded_subject(folded: str, refs: list[Ref], named_end: int) -> int | None:
    """Where the subject of an abstention's why begins when it names the recommendations in words: "Остальные
    рекомендации к нашей деятельности не относятся" is the respondent's sentence whole, as a reader quotes it (not
    "3.2 и 3.5 к нашей деятельности не относятся": numbers are no part of a why)."""
    worded = sorted((r for r in refs if r.end <= named_end), key=lambda r: r.start)
    start = None
    edge = named_end
    for ref in reversed(worded):
        if ref.level == EXPLICIT or folded[ref.end : edge].strip():
            break
        start, edge = ref.start, ref.start
    return start


def _comments(part: str) -> bool:
    """Does this part of a bracket say more than a stance? "не касается нашей организации" does."""
    blanked = _blank(part, [(c.start, c.end) for c in find_cues(part)])
    words = [w for w in re.findall(r"\w+", blanked) if w not in _FILLER_WORDS]
    return len(words) >= 1 and len(part.split()) >= 2


# Why an abstention is given, in the abstaining words themselves: "нас не касается", "not relevant to us"
_IRRELEVANT_LEAD = re.compile(r"[\s—–:-]*[^\W\d][^.;!?,\d—–()]{0,40}")  # "к нашей деятельности ", "for our work "
# the word for what was named, which the reason need not repeat: "Остальные пункты нас не касаются"
_NAMED_NOUN = re.compile(r"[\s—–:-]*(?:(?:пункт|панел|рекомендаци|сунуш|раздел)\w*|recommendations|ones|are|is)?\s*")
_IRRELEVANCE = re.compile(
    r"касает|касают|относ|компетенц|профил|relevant|applicable|concern|тиеше|\b(?:topic|field|mandate|expertise|тема)\b"
    r"|экспертиз|по нашей части"
)
# What a gap between a reference and the stance word begins and ends with that is no part of a reason: a
# bracket describing the reference, prepositions, "по ним", the words for a panel or a recommendation
_EDGE_WORDS = (
    r"по|с|со|на|к|for|on|to|with|about|regarding|of|и|and|ним|ней|нему|них|them|it|боюнча|the|these|этим|этой"
    r"|панел\w*|пункт\w*|рекомендаци\w*|сунуш\w*|panels?|recommendations?|points?"
)
_GAP_HEAD = re.compile(rf"\s*(?:\([^()]*\)(?=[\W\s]*\w))?[\W\s]*(?:(?:{_EDGE_WORDS})\b[\W\s]*)*")
_GAP_TAIL_WORD = re.compile(rf"{_EDGE_WORDS}|поэтому|therefore|so")
_WORD_RUN = re.compile(r"\w+")


def _gap_core(gap: str) -> tuple[int, int]:
    """Where the words of a gap start and end, its edges set aside: a bracket describing the reference before,
    prepositions and the words for a panel or a recommendation at either end, "поэтому" at the end.

    The tail is walked word by word from the right, so the work is linear in the gap (one pattern with a lazy
    middle and a repeated tail took 45 ms on a 1,800-character gap of "по по … x")."""
    start = _GAP_HEAD.match(gap).end()  # type: ignore[union-attr]  # (every part may be empty)
    words = [m.span() for m in _WORD_RUN.finditer(gap, start)]
    # a word at the end is an edge if one is spelt so, and something that is not a word stands before it
    while words and (len(words) > 1 or words[0][0] > start) and _GAP_TAIL_WORD.fullmatch(gap, *words[-1]):
        words.pop()
    return start, words[-1][1] if words else start


_CLAUSE_EDGE = re.compile(r"[,:—–]|\s-\s")
_NOT_A_REASON = re.compile(r"(?:котор\w*|which|where|who|that we)\b")
# Words beside a stance that say nothing of why: "мы, к сожалению, не согласны", "fully", "ал эми"
_STANCE_FILLER = _FILLER_WORDS | {
    "к", "сожалению", "unfortunately", "полностью", "fully", "категорически", "strongly", "совсем", "вообще",
    "пока", "yet", "our", "наша", "наш", "нас", "ал", "эми", "бир", "гана",
}  # fmt: skip


class _Spoken:
    """Spans in text order, with the longest kept so that those overlapping a segment are found by a bisect."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.longest = max((e - s for s, e in spans), default=0)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        lo = bisect.bisect_left(self.spans, (start + 1 - self.longest,))
        return [(s, e) for s, e in self.spans[lo : bisect.bisect_left(self.spans, (end,))] if e > start]


def _spoken_for(folded: str, refs: list[Ref], cues: list[Cue], excepts: list[tuple[int, int]]) -> _Spoken:
    """Where the unit names recommendations or gives a stance: what is left between them may be a reason.

    Not an abstention's "нас не касается" (why they abstain), only the words that withhold a stance
    ("воздерживаемся", "N/A", "мнения не имеем")."""
    spans = [(r.start, _glued_end(folded, r.end)) for r in refs] + excepts
    spans += [(c.start, c.end) for c in cues if not _IRRELEVANCE.search(folded, c.start, c.end)]
    return _Spoken(spans + quoted_spans(folded))  # a panel's title, quoted, names it


def _holds_stance(part: str) -> bool:
    """A stance word the unit's reading set aside ("we agree only in part") is no reason."""
    return any(c.kind is not CueKind.ABSTAIN and not c.terse for c in find_cues(part))  # "—", "нет": not alone


def _unmarked_reason(text: str, folded: str, segment: _Segment, spoken: _Spoken, campaign: Campaign) -> str | None:
    """A reason said beside the stance as a clause of its own, with no "because": "По 3.5: в Аксы таких рабочих
    мест не будет, не согласны"; "3.2 — нас не касается, воздерживаемся"; "N/A (addressed to business)".

    Only words that are neither a reference nor a stance count, and only a clause cut off by punctuation
    (a bracket, a colon, a dash, a comma) from what it stands beside: "ОФ «Ак-Суу» не поддерживает 3.5" and
    "We would prefer to abstain on 4.1" say who, not why. An abstention's "не наш профиль" is why by itself.
    Never for an agreement (a clause beside "согласны" is as often thanks), never a new item of a list
    ("…; full agreement on the rest"), a relative clause or a stance word the reading set aside."""
    kind = segment.cluster.kind
    if kind not in (CueKind.DISAGREE, CueKind.PARTIAL, CueKind.ABSTAIN):
        return None
    taken = [(max(s, segment.start), min(e, segment.end)) for s, e in spoken.overlapping(segment.start, segment.end)]
    taken.append((segment.cluster.start, segment.cluster.start if kind is CueKind.ABSTAIN else segment.cluster.end))
    best: tuple[int, str] | None = None
    at = segment.start
    for start, end in [*sorted(taken), (segment.end, segment.end)]:
        gap_start, at = at, max(at, end)
        if start <= gap_start or folded[gap_start:start].lstrip().startswith(";"):
            continue
        gap = folded[gap_start:start]
        words = [w for w in re.findall(r"\w+", gap) if w not in _STANCE_FILLER]
        irrelevant = _IRRELEVANCE.search(gap) is not None
        if len(words) < (2 if irrelevant else 3) or _holds_stance(gap):
            continue
        core_start, core_end = _gap_core(gap)
        if _NOT_A_REASON.match(gap, core_start) or describes_recommendation(gap, campaign):
            continue
        cut_off = _CLAUSE_EDGE.search(gap[:core_start] + gap[core_end:]) or re.fullmatch(r"\s*\(.*\)\s*", gap)
        if not cut_off and not irrelevant:
            continue
        reason = clean_reason(text[gap_start + core_start : gap_start + core_end])
        if reason and (best is None or len(words) > best[0]):
            best = (len(words), reason)
    return best[1] if best else None


def _reason_before(text: str, head: str, offset: int, campaign: Campaign) -> str | None:
    """A reason stated before the stance, in the same sentence; `head` is the folded text before the cue."""
    m = _REASON_FIRST.match(head) or _KY_REASON_FIRST.match(head)
    if m:
        group = next(i for i in range(1, (m.re.groups or 0) + 1) if m.group(i) is not None)
        end = m.end(group)
        # "Поскольку у нас нет ресурсов …, мы сами маленький фонд из трех человек, по 4.4 мы не согласны": the
        # clauses after it go on with the reason while they say nothing else (no stance, reference or scope word, no
        # condition, greeting or thanks: "…, уважаемые коллеги, …", "…, the digital ones are too costly, …")
        while group == 1 and (more := _NEXT_CLAUSE.match(head, end)) and _goes_on_with_why(more.group(1), campaign):
            end = more.end(1)
        return clean_reason(text[offset + m.start(group) : offset + end])
    therefore = _THEREFORE.search(head)
    if therefore is None or re.search(r"[.;:]", head[: therefore.start()]):
        return None
    return clean_reason(text[offset : offset + therefore.start()].lstrip(" ,;—–-"))


_NEXT_CLAUSE = re.compile(r",\s+([^,]+)(?=,)")
_NOT_A_WHY = compile_at_heads(
    r"(?<!\w)(?:уважаем\w*|дорог\w*|dear|коллег\w*|colleagues|спасибо|благодар\w*|thank\w*|рахмат|с новым|поздравл\w*"
    r"|предварительн\w*|исправля\w*|теперь|now|mentioned|aware|unless|otherwise)(?!\w)"
)
# "…, у которых нет ресурсов на высокие технологии", "…, где нет ни интернета": a clause that describes the one before
_RELATIVE = re.compile(r"\W*(?:(?:у|в|с|для|из|на)\s+)?(?:котор\w+|где|куда|чей|чья|чьи|which|where|who|whose)(?!\w)")


def _goes_on_with_why(clause: str, campaign: Campaign) -> bool:
    folded = fold(clause)
    if _NOT_A_WHY.search(folded) or condition_in(folded) or any(ch.isdigit() for ch in folded):
        return False
    return _RELATIVE.match(folded) is not None or says_nothing(clause, campaign)


_KY_EXCEPT_LEFT = re.compile(
    r"(?:[^\W\d]{1,4}\s+)?(?:сунуш\w*\s+)?(?:башка\w*|тышкары|кошпогондо|эске\s+ал[мб]аганда)\W*"
)


def clean_reason(tail: str) -> str | None:
    """The respondent's justification, trimmed to what they wrote: no connector, no closing full stop."""
    reason = _LEADING_CONNECTOR.sub("", tail, count=1)
    reason = "; ".join(c.strip() for c in reason.split("|") if c.strip(" —–-"))
    reason = re.sub(r"[\s.;,!(:—–]+$", "", reason).strip()
    # ("… are outside our field and we abstain": the link to the stance after it is not the reason's)
    link = _LINK_AT_END.search(reason, max(0, len(reason) - 20))  # (only the end is looked at: a long run of
    reason = reason[: link.start()] if link else reason  # spaces tried from each of its characters is quadratic)
    if reason.startswith("(") and reason.endswith(")"):
        reason = reason[1:-1].strip()
    elif reason.endswith(")") and "(" not in reason:  # "нет (…)": the connector took the opening bracket
        reason = reason[:-1].strip()
    if any(p.fullmatch(fold(reason)) for p in (_POINTS_ELSEWHERE, _OBJECT_ONLY)) or (
        "|" not in tail and _JOIN_AND_WORD.fullmatch(fold(reason))
    ):
        # "3.5 | Disagree | See below": the why is further on, not these words; "… with those two": no why; "disagree
        # with 4.1 and have no opinion on 4.3": the words before the next stance (a table's "and unrealistic" is one)
        return None
    # One word in prose is a leftover ("and", a "Best," sign-off); in a table's comment cell it is the comment.
    return reason if len(reason.split()) > 1 or "|" in tail else None


# "… and have" before the next stance; "по п" before the next ID's frame ("по п. 3.5 — нет, по п. 4.3 — нет")
_JOIN_AND_WORD = re.compile(r"(?:and|и|а|но|but|жана)\s+[^\W\d]+|(?:по|on|for)\s+(?:пп?|рек|пункт\w*|item)\.?")
_OBJECT_ONLY = re.compile(
    r"(?:(?:with|to|of|с|со)\s+)?(?:it|them|(?:those|these)(?:\s+(?:two|three|ones))?|ними|ней|ним|этими)(?:\s+(?:двумя|тремя))?"
)
_POINTS_ELSEWHERE = re.compile(
    r"\W*+(?:(?:see|см\.?|смотрите|подробнее|details|comments?|комментари\w*|пояснени\w*)\s+)?(?:below|ниже|төмөндө)\W*"
)
