"""Stance words in Russian, Kyrgyz and English, and the negations that turn them around.

A cue is found on *folded* text (see `fold`): lower case, `ё` as `е`, every quote mark as `"`; folding
keeps the length, so a cue's offsets point into the respondent's original words for evidence and reasons.
Polarity is computed, not listed: a base word ("согласны", "возражаем") carries a polarity and every
negator in its scope ("не", "нет", "not", Kyrgyz "эмес") flips it, which is how "не возражаем", "нет
возражений" and "не можем не согласиться" come out as agreement. What the scope cannot settle ("не во
всём согласны") is returned as `AMBIGUOUS` so that the reply goes to a human.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from rapidfuzz import fuzz

from mailflow.patterns import compile_at_heads, compile_at_word_heads

# Each is replaced in turn: `str.translate` looked every character of a Cyrillic text up in its table, a hundred
# times slower than these passes; none is replaced by another of them, so their order changes nothing
_FOLD = {"ё": "е", "−": "-", "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "\u00a0": " ", "’": "'"}


_LOOKALIKES = str.maketrans("aceopxykmthb", "асеорхукмтнв")
# A word is one run of \w; whether it mixes scripts is two linear searches, never a backtracking pattern
# (a nested `\w*…\w*` took 59 s on 2,000 × "a": issue 14). Only a word with a Latin letter can mix them, so
# only those are handed to `_unmixed` (a call for every word made the pass nearly twice as slow); the pattern
# is tried at word starts only, so each word is scanned at most twice, however long.
_LATIN_WORD = re.compile(r"(?<!\w)\w*[a-z]\w*")
_CYRILLIC = re.compile(r"[а-я]")
_LATIN = re.compile(r"[a-z]")


def _unmixed(m: re.Match[str]) -> str:
    word = m.group()
    return word.translate(_LOOKALIKES) if _CYRILLIC.search(word) and _LATIN.search(word) else word


def fold(text: str) -> str:
    """Lower-case and unify quotes without changing the length, so offsets stay valid in the original.

    Latin letters inside a Cyrillic word ("сoгласны" typed with a Latin o) are read as their Cyrillic
    lookalikes: phones and old keyboard layouts produce them, and they would hide a stance word.
    """
    # the stage folds the same reply, unit and phrase several times over: the last few short ones are kept
    return _fold_short(text) if len(text) <= _FOLD_KEPT_CHARS else _fold(text)


_FOLD_KEPT_CHARS = 4_000


@functools.lru_cache(maxsize=64)
def _fold_short(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    folded = _unified(text.lower())
    if len(folded) != len(text):
        folded = _unified(text)
    if _CYRILLIC.search(folded) is None or _LATIN.search(folded) is None:
        return folded  # no word can mix the scripts: the word-by-word pass would change nothing
    return _LATIN_WORD.sub(_unmixed, folded)


def _unified(text: str) -> str:
    """`text` with the letters and marks of `_FOLD` written as one."""
    for char, unified in _FOLD.items():
        text = text.replace(char, unified)
    return text


class CueKind(StrEnum):
    AGREE = "agree"
    DISAGREE = "disagree"
    PARTIAL = "partial"
    ABSTAIN = "abstain"
    AMBIGUOUS = "ambiguous"  # a negation whose scope a careful reader would ask about
    GENERAL = "general"  # "в целом": turns a following "но …" into a partial answer


@dataclass(frozen=True)
class Cue:
    """A stance word (with its negators) at `start:end` of the folded text."""

    start: int
    end: int
    kind: CueKind
    terse: bool = False  # "да", "+", "нет": only meaningful at the head of a row or an answer
    confidence: float = 1.0


class Token(NamedTuple):  # (a tuple: made for every word of every unit, a frozen dataclass cost twice as much)
    start: int
    end: int
    text: str


TOKEN = re.compile(r"\+/-|\+-|\+1(?!\d)|[+±✓✔☑✗✘×✅❌❎👍👎👌💯]|\w+(?:['-]\w+)*|[-–—]")


def tokens(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


# "одобрить", "поддержать": a decision's verb (not "принять участие", "принять к сведению", nor recommendation
# 3.1's own first words, "Поддержать разработку …", quoted)
_NOT_A_DECISION = r"(?!\s+(?:участие|к сведению|к рассмотрению|во внимание|меры|решение|разработку))"
_INFINITIVE_ASSENT = rf"(?:одобрить|поддержать|принять|согласиться){_NOT_A_DECISION}"
# Base words: a polarity of +1 (agreement) or -1 (objection) before negation. Infinitives such as
# "поддержать" are left out on purpose: recommendation 3.1 begins with it, and respondents quote it; only at
# the head of an item, after its IDs, do they count.
# "Совет (ассоциации) поддержал / не поддержал …": the governing body's decision, read after its name and one word
_BODY_DECIDED = r"(?:(?<=совет )|(?<=съезд )|(?<=президиум ))(?:(?!не\b)[^\W\d]+ )?"
_POSITIVE = compile_at_word_heads(
    r"(?:"
    r"соглас(?:ен|на|ны|но\b(?=\s*со?\b)|(?<=не соглас)но(?=\s*(?:[,.;:!—–)]|$))|ие|ия|иться|имся|ились|илась|ился"
    r"|ныбыз|ныз|мын)"
    r"|соглаша(?:емся|юсь|ется)"
    r"|поддерж\.(?=\s|$)|поддержива(?:ем|ю|ет|ют|ется|ются)|поддержим|поддержан[аоы]?|поддержали|поддержало|одобрил[аио]?|согласились"
    # "Совет ассоциации поддержал рекомендации …": the body's decision (not "поддержал" of anyone else, which may be
    # hearsay)
    rf"|{_BODY_DECIDED}поддержал(?!\w)"
    r"|принима(?:ем|ю|ет|ют|ется|ются)|примем|принят[аоы]?|приемлем[аоы]?"
    # "рассмотрела Рекомендации … и приняла их в полном объёме" (not "приняли участие", "к сведению")
    # (nor "приняли к рассмотрению", "принял рекомендации к рассмотрению", nor "Ваше письмо приняли": received)
    rf"|(?<!письмо )(?:принял[аио]?|приняло){_NOT_A_DECISION}(?!\s+\w+\s+к (?:рассмотрению|сведению))"
    # ("Настоящая позиция одобрена правлением": the letter's answer was approved, which says nothing of the 19)
    r"|одобря(?:ем|ю|ет|ют)|(?<!позиция )(?<!ответ )одобрен[аоы]?"
    # a resolution's items, "а) поддержать 1.1-1.5;", "2.1 — одобрить.": an infinitive at the head of an item
    rf"|(?:(?<=^)|(?<=\) )|(?<=[—–:-] )){_INFINITIVE_ASSENT}"
    # "3.5 и 3.8 поддерживаем частично … Остальные — полностью.": "fully" alone after a dash, ending its clause
    r"|(?:(?<=остальные )|(?<=остальное )|(?<=the rest )|(?<=others )|(?<=калгандары ))[—–:-] (?:полностью|fully"
    r"|in full|толугу менен)(?=\s*(?:[.;!]|$))"
    # ("…, если Оргкомитет сочтёт это целесообразным": the committee's judgement, not the respondent's)
    r"|(?<!сочтет )(?<!сочтет это )(?<!сочтут )(?<!сочтут это )(?<!сочтете )(?<!сочтете это )"
    r"целесообразн(?:ым|ыми|ой|ая|ое|о|ы)|(?:считаем|считаю) необходимым поддержать"
    # "Голосуем «за» по …" (not "голосуем за то, чтобы исключить 4.3", "за отклонение 4.3": a vote to drop it)
    r"|(?:голосу(?:ем|ю|ет)\s+\"?за|ставим\s+\"за\")"
    r"(?!\"?\s+(?:то,? чтобы|(?:полное\s+)?(?:отклонени|исключени|удалени|отмен|пересмотр|снят|отказ|вычерк|замен"
    r"|перераб)))"
    r"|(?:обеими|двумя) руками за|vot(?:e|es|ed) (?:for|in favou?r)|согл|норм|нормально|fine"
    # ("The EU Civil Society Support Facility has reviewed the recommendations": a name, no stance)
    # ("… and agreed on the following position": a decision taken, what follows is the stance; `claims._IDIOM`)
    r"|agree[sd]?(?!\s+(?:on|upon)\s+(?:the\s+following|a|an|our|its|their)\s+(?:\w+\s+)?(?:position|answer|response|reply|view)\b)"
    r"|support(?:s|ed(?!\s+by\b))?(?!\s+(?:facility|programme|program|project|centre|center|fund|unit)\b)"
    r"|supportive(?: of)?|endorse[sd]?|endorsement|accept(?:s|ed)?|approve[sd]?"
    # "we welcome 3.2 and commit to it" (IDs are blanked; not "we welcome the opportunity", "would welcome partners")
    r"|(?<=we )(?:(?:particularly|especially|strongly|warmly|also|fully) )?welcome(?=\s{3,}|\s+recommendations?\s{3,})"
    # "record us as supporting recommendations 1.1 through 2.1" (IDs are blanked where cues are looked for)
    r"|supporting(?=\s+(?:all\s+|the\s+)?(?:recommendations?\b|\d|\s))"
    r"|concur(?:s|red)?|acceptable|in (?:full )?agreement(?: with)?|agreeing(?: with)?"
    # "1.1–4.5 без замечаний.", "Остальные без замечаний.", "Остальное — без замечаний": no remark, a yes, where no
    # verb says it (the IDs are blanked; after a verb, "принимаем без замечаний", the words qualify the verb; not
    # "Протокол диалога — без замечаний": something else)
    r"|(?:(?<=\s\s)|(?<=\s\s[—–:-] )|(?<=остальные )|(?<=остальное )|(?<=остальные [—–:-] )|(?<=остальное [—–:-] ))"
    r"без замечаний(?=\s*(?:[.;!]|$))"
    r"|макул(?:буз|мун|бу|)|колдойбуз|колдоймун|колдойт|колдойм|колдоого|жактырабыз|жактырамын|жактырат"
    r"|кошулабыз|кошулам|кошулат|acceptance of"  # "баарына кошулабыз": we join in, agree
    r"|устраива(?:ет|ют)|приветству(?:ем|ю|ет|ют)|разделя(?:ем|ю|ет|ют)|солидарн(?:ы|а|ен)"
    r"|присоединя(?:емся|юсь)(?=\s+(?:ко?\s+)?(?:всем\s+)?(?:рекомендаци|предложени|сунуш))"
    r"|(?:решили|постановили|решено|постановлено|приня\w* решение)\s*:?\s*(?:\w+\s+){0,2}?"
    r"(?:одобрить|поддержать|принять)"
    # "сообщает о принятии Рекомендаций", "бир добуштан колдоду", "толук колдоп"
    r"|(?<=о )принятии(?=\s+(?:\w+\s+)?(?:рекомендаци|предложени|сунуш))"
    r"|колдоду|колдошту|колдоп(?!-)"
    r"|колдоого алын\w*|колдолсун|колдой(?=\s+тур\w*)|колдоорун"
    r"|колдоорубуз\w*|макулдугубуз\w*"  # "колдоорубузду / макулдугубузду билдиребиз": we state that we support, agree
    r"|(?:нам|вполне)\s+подход(?:ит|ят)|подход(?:ит|ят)\s+(?:нам|для нас)"
    # "нас считайте в числе поддержавших все", "запишите нас в числе поддержавших" (a "не" before the verb negates
    # it; not "нас не было в числе поддержавших 4.1")
    r"|(?:(?:считайте|запишите|включите|записать|включить)\s+нас|нас\s+(?:считайте|запишите|включите))"
    r"\s+в\s+числе\s+поддержавш\w*"
    r"|count us among those supporting"
    r"|(?:fully |all )?on board|in favou?r(?: of)?|count us in|(?:we|i) (?:fully |strongly )?back"
    r"|(?:say )?yes to(?=\s)"  # "No to 4.1 and 4.3, yes to the others"
    r"|(?:we're|we are|is|are|i'm) in for"  # "Our startup assoc is in for 3.1-3.8"
    r"|(?:happy|comfortable|content) with|(?<=all )good|(?<=все )(?:хорошо|отлично)|(?:looks?|is|are|sounds?) good"
    r"|выража\w+ (?:\w+ )?поддержк\w*|(?<=калганы )туура(?!\s+эмес)"  # "выражаем полную поддержку"
    r"|(?:(?<=калганы баары )|(?<=калганы ))жакшы(?!\s+эмес)"  # "калганы баары жакшы": the rest is all fine
    r"|туура(?=\s*(?:[.,;!]|$))"  # "2.1 да туура.": 2.1 is right too (at a clause's end, not "туура келет")
    r"|(?:we are|we're|i am|i'm) for"
    r"|(?:(?<=\bя )|(?<=\bмы ))за(?=\s+(?:вс[её]|всех)\b|\s*[.!]|\s*$)"  # "Мы за.", "Мы за все"
    # "позиция положительная": a yes
    r"|(?:позиция|ответ|мнение)\s+(?:\w+\s+)?положительн\w*|положительн\w+\s+(?:позиция|ответ|мнение)"
    r"|ответ\w*\s+положительно"
    # "считаем все рекомендации актуальными": a yes (the stance word is the verb, before its object)
    r"|считаем(?=\s+(?:все\s+|эти\s+|данные\s+)?(?:рекомендаци|предложени)\w*\s+(?:\w+\s+)?(?:актуальн|важн|правильн"
    r"|обоснованн|своевременн|полезн|нужн|разумн)\w*)"
    r")(?!\w)"  # the whole word: "принимает" must not stop "принимается"
)
_NEGATIVE = compile_at_word_heads(
    r"(?:"
    r"возража(?:ем|ю|ет|ют)(?:\s+против)?|возражени(?:е|я|й)|против|отклоня(?:ем|ю|ет|ют)|отклон(?:ен|ена|ено|ены)"
    r"|голосу(?:ем|ю|ет)\s+против|(?:считаем|считаю|будет|это)\s+(?:лишн|излишн|бесполезн)\w*"
    r"|пустая трата"
    r"|нет смысла|(?:полагаем|считаем|полагаю|считаю)\s+(?:\w+\s+){0,2}?преждевременн\w*"
    r"|unnecessary|pointless|a waste of|отвергаем|нецелесообразн\w*|неприемлем\w*|несогласн\w*|несогласи(?:е|ем)"
    r"|disagree[sd]?|oppose[sd]?|reject(?:s|ed)?|objections?|object"
    r"|no way(?=\s*(?:[,.;!—–-]|$))"  # "3.5 — no way, это нереально" (not "no way to know")
    r"|decline[sd]?(?!\s+to\b)"  # "We decline 4.1" (not "decline to comment")
    r"|disagreeing(?: with)?|opposing|rejecting|objecting(?: to)?"  # "record us as … disagreeing with 4.1 and 4.3"
    r"|(?:we|they|i)(?:'re|'m| are| am)\s+against|(?:are|is|vote[sd]?|voting)\s+against|against (?:it|this|that)"
    # "Against 4.1 and 4.3 – …" opening a line or a sentence, before IDs or a colon; "4.3 — against." after a dash,
    # the whole answer (not "measured against the plan", "4.1 — against corruption, very important", "Against the
    # backdrop of …")
    # (the IDs blanked after it; not "Against 4.1 we have nothing", no objection)
    r"|(?:(?<![^\n])|(?<=[.!?] )|(?<=[.!?]  ))against(?=\s*(?:\d|:|[.!;,]|$)|\s\s)(?![^.;!?\n]{0,30}?\bnothing\b)"
    r"|(?<=[—–-] )against(?=\s*(?:[.!;,]|$))"
    r"|каршы(?:быз|мын|)|каршылы\w*|колдобой\w*|колдобо\w*|кошулбай\w*|макул\s+эмес\w*"
    # ("1.2 жакшы эмес", "бул сунуш жакшы эмес"; not "айылдарда интернет жакшы эмес", the state of things)
    r"|(?:(?<![^\W\d_]\s)|(?<=сунуш\s)|(?<=сунушу\s))жакшы\s+эмес\w*"
    r"|кабыл\s+(?:албай\w*|алынбайт\b)|жактырбай\w*"
    r"|колдой\s+алба\w*|макул\s+боло\s+алба\w*"
    r"|opposed to|(?:are|is) opposed|противбиз|противбуз|противмин"
    r"|not something (?:we|i) (?:can|could|would|are able to|will) (?:support|endorse|accept|agree (?:to|with))"
    r"|(?:позиция|ответ|мнение)\s+(?:\w+\s+)?отрицательн\w*|отрицательн\w+\s+(?:позиция|ответ|мнение)"
    r"|ответ\w*\s+отрицательно|относимся\s+отрицательно"
    # "Совет (ассоциации) не поддержал 3.5": the body's decision against (`_POSITIVE` reads the body's "поддержал")
    rf"|{_BODY_DECIDED}не поддержал"
    # "только 4.1 не надо, …", "4.3 — не нужна.": right after the (blanked) ID, the answer on it (not "нам не надо
    # объяснять", a clause of its own)
    r"|(?:(?<=\s\s)|(?<=\s\s[—–:-] ))не\s+(?:надо|нужн[аоы]|нужен)(?=\s*(?:[.,;!]|$))"
    r")(?!\w)"  # the whole word: "принимает" must not stop "принимается"
)
# "по остальным вопросов нет", "против ничего нет": no objection, a yes (read before "против" is); a bare
# (not "По остальным замечаний нет": two writers read it one as agreement, one as no answer, b210-064 and b82-027)
# "Вопросов нет." after "Ознакомились" may only say the letter was clear
_NOTHING_AGAINST = compile_at_heads(
    # ("Каршы пикирибиз жок"; not "… жок эмес", it is not that there is none)
    r"(?:(?:эч кандай\s+)?(?:сын[- ]?|каршы\s+)пикир\w*\s+жок|каршылыгыбыз жок)(?!\s+эмес)"
    r"|невозража(?:ем|ю|ет|ют)(?:\s+против)?"  # "Невозражаем против 4.3": "не" glued to its verb
    r"|(?:(?<=остальным )|(?<=остальным пунктам )|(?<=остальным рекомендациям ))(?:вопросов нет|нет вопросов)"
    r"|(?:ничего\s+)?против\s+ничего\s+(?:нет|не имеем)|ничего не имеем против"
    # "We have gone through the list and there is nothing we disagree with"
    r"|nothing (?:in (?:it|them) )?(?:that )?(?:we|i) (?:disagree with|object to|oppose)"
    r"|no reason not to (?:endorse|support|accept|agree(?: with)?)"  # "we see no reason not to endorse them"
    r"|(?:see|sees|saw|find|found|there (?:is|are)|have) no (?:reasons?|grounds?)"
    r" (?:to (?:object|oppose)|for objecting)"
    # "не видит оснований возражать против рекомендаций": no grounds to object, a yes (not "… оснований
    # поддержать": no grounds to support)
    r"|(?:не\s+вид(?:им|ит|ят|ел[аи]?)|нет)\s+(?:никаких\s+|каких-либо\s+|особых\s+)?(?:оснований|причин)\s+"
    r"(?:для\s+возражений|возражать(?:\s+против)?|отклонять|(?:не\s+)(?:поддержать|принять|одобрить|согласиться))"
    # ("Оснований для возражений по 4.2 не видим": the IDs between, blanked; it had been 4.2 rejected)
    r"|(?:оснований|причин)\s+(?:для\s+возражений|возражать(?:\s+против)?)\s+(?:(?:по|против|к)\s[^.;:!?\n]{0,40}?)?"
    r"(?:не\s+вид(?:им|ит|ят)|нет)"
)
# "Против рекомендаций 1.3, 1.5 … не возражаем": "против" names what they do not object to
_OBJECTED_TO = re.compile(r"\bпротив(?=\s[^.;:!?]{0,300}?\bне\s+(?:возража|име\w+\s+возражени))")
# "Против рекомендаций ничего не имеем": nothing against them, a yes on what "против" names
_NOTHING_AGAINST_AFTER = re.compile(r"\bпротив\s[^.;:!?]{0,120}?\b(ничего\s+не\s+име(?:ем|ет|ют|ю))\b")
# Kyrgyz accepts by "кабыл алабыз"; the two words are one base. "Маалымат үчүн кабыл алдык" (received for
# information) takes note and accepts nothing.
_KY_ACCEPT = compile_at_word_heads(  # (nor "чечим кабыл алат": a decision will be taken)
    r"(?<!маалымат үчүн )(?<!маалымат катары )(?<!маалыматка )(?<!чечим )(?<!чечимди )"
    r"кабыл\s+ал(?:абыз|дык|амын|ынат|ат|а\s+тур\w*)(?!\w)"
    # "Бардык сунуштар кабыл алынды": the recommendations were accepted (not "Катыңыз кабыл алынды", received)
    r"|(?:(?<=сунуштар )|(?<=сунуштары )|(?<=бардыгы )|(?<=баары ))кабыл\s+алынды(?!\w)"
)
# The items of a decision: "РЕШИЛИ: – одобрить рекомендации …; – по 3.2 воздержаться" (abstaining is found anyway)
_DECIDED = re.compile(_INFINITIVE_ASSENT)
_DECIDED_AGAINST = re.compile(r"отклонить|не (?:поддерживать|одобрять|принимать)")
DECISION_HEAD = compile_at_heads(
    r"(?:решил[иоа]?|постановил[иоа]?|решени\w*|решено|постановлено|resolved|decided)(?:\s+[^\s:.;]+){0,4}\s*:"
    r"|(?:решил[иоа]?|decided to)\b"
)
# "поддержать её не можем": the infinitive first, the modal after it
_INFINITIVE_BEFORE_MODAL = re.compile(
    r"(?:поддержать|принять|одобрить|согласиться)\s+(?:(?:с\s+)?(?:ее|его|их|ней|ним|ними|эту|это|эти|данную|данные)\s+)?"
    r"не\s+(?:можем|могу|сможем)"
)
_INFINITIVE_AFTER_MODAL = re.compile(
    r"(?:готов\w*|мож\w*|рады|хотим|хотели бы|намерены)\s+(?:бы\s+)?"
    r"(?:(?:особо|особенно|отдельно|пока|сейчас|еще)\s+)?(?:не\s+)?"
    r"(?:поддержать|поддерживать|принять(?!\s+участие)|согласиться)"
)
_PARTIAL = re.compile(
    r"частичн\w*|отчасти|partial(?:ly)?|partly|in part|half[- ]agree\w*|жарым-жартылай|жарым-жартысын|жарым"
    r"|\+/-|\+-|±"
)
_GENERAL = re.compile(r"в целом|в основном|in general|generally|overall|negizinen|негизинен|жалпысынан|жалпы\s+жонунан")
_ABSTAIN = compile_at_word_heads(
    r"воздерж\w*(?:\s+от\s+(?:их\s+|ее\s+|его\s+)?(?:оценки|комментари\w*|позиции|ответа))?"
    r"|abstain\w*(?:\s+from)?|no opinion|(?:not applicable|not relevant|n't (?:applicable|relevant))"
    r"(?:\s+(?:to|for)\s+us)?|\bn/a\b"
    r"|does not concern us|no position|agnostic"
    r"|no (?:particular |strong |firm )?views? on\b|(?<=\()no (?:particular |strong |firm )?views?(?=\))"
    r"|(?:have|has) no (?:particular |strong |firm )?views?\b"  # "except 2.1, on which we have no view"
    r"|(?<!\w)no (?:particular |strong |firm )?views?(?=\s*(?:[.;,:!)]|$))"  # "4.3 no view", "No view: 1.5, 3.2"
    # (not "кошумча пикирибиз жок, баарына макулбуз": nothing to add)
    r"|калыс\s+кал\w+|(?<!кошумча )пикир(?:ибиз|им)?\s+жок"
    # "4.3 боюнча кармануудабыз", "пикир билдирүүдөн карманабыз": we refrain (from a verb's noun in the ablative); not
    # "позициябызды карманабыз", we hold to it, nor "мурдатан карманабыз", held from before
    r"|(?<!\w)кармануу(?:дабыз|дамын)\b|(?<=(?:уу|үү|оо|өө)[дт][аеоө]н )карман(?:абыз|амын)\b"
    r"|нет (?:своего |определенного )?мнения|без мнения"
    # "По другим пунктам — без позиции" (not "без совместной позиции с …", "без позиции по срокам", "не можем оставить
    # 4.3 без позиции: мы против")
    r"|(?<!оставить )(?<!оставлять )(?<!оставим )без позиции(?=\s*+(?:[.;,!)]|$))"
    r"|нет (?:своей |нашей |определенной |четкой )?позиции"
    r"|(?:мнения|позиции) не имеем|не имеем (?:\w+ )?(?:мнения|позиции)|добуш бербей\w*"
    r"|(?:(?:rather|prefer to) not|prefer not to|would rather not) (?:take|give|express|state) (?:a |any |an )?"
    r"(?:position|view|stance|opinion)"
    r"|not take a position|(?:don't|do not|dont) take (?:a |any )?position"  # "We don't take a position on the rest."
    r"|(?:don't|do not|dont) have (?:a |any )?(?:position|view|opinion)"  # "We do not have a position on the rest."
    r"|(?:we are |we're |we remain |remain |stay )?neutral|нейтральн\w*|бейтарап\w*"
    r"|(?:не|нас не)\s+(?:относ\w+|касает\w*|касают\w*)(?:\s+(?:к\s+)?(?:нам|нашей|нашему|нашим|нас)\w*)?"
    r"|(?:к нам|нас)\s+не\s+(?:относ\w+|касает\w*|касают\w*)"
    # (not "не входит в компетенцию гражданского общества": whose it is not, a reason for a "no")
    r"|(?:не входит в (?:нашу |сферу нашей )?|не входят в (?:нашу )?|вне (?:нашей )?)компетенци\w+"
    # (nor "компетенцию общественных организаций", of CSOs at large; "компетенцию ассоциации" is their own)
    r"(?!\s+(?:гражданск|ого\b|нко\b|общественных|некоммерческих|организаций|государств|местн|акимиат|мэри"
    r"|органов))|не в нашей компетенции|не наш профиль|не по нашему профилю"
    r"|позици\w*\s+(?:у\s+\w+\s+)?нет\b"  # "По остальным рекомендациям у Ассоциации позиции нет"
    # "По 3.5 позицию не занимаем", "не занимаем никакой позиции" (not "не занимаем жёсткой позиции", "позицию
    # «против»": a kind of position, not none)
    r"|(?<!\w)(?:позицию|позиции)\s+не\s+занима\w*"
    r"|не\s+занима\w*\s+(?:никакой\s+)?позици(?:ю|и)(?=[^\S\n]?(?:[.,;:!)—–-]|$)|\sпо\s)"
    # "по ним позицию не выражаем, поскольку они адресованы ОГО": a position declined because the recommendations are
    # not the organisation's to judge (without a why the corpus splits: a stated abstention or no answer at all; not
    # "…, поскольку поддерживаем всю панель", "особую позицию …, так как согласны": a why that is a stance)
    r"|(?<!\w)(?:позицию|позиции)\s+не\s+(?:выража|высказыва)\w*"
    r"(?=(?:\s*+,\s*+(?:поскольку|так как|потому что|ибо|т\.\s?к\.|ведь)|\s*+[—–:])\s++[^.!?\n]{0,60}?"
    r"(?:адресован|не относ|не касает|касаются только|не наш|не по нашему|вне нашей|не входит|компетенц|профил))"
    r"|(?<!\w)мнени[яй]\s+(?:у\s+\w+\s+)?нет\b"  # (not "сомнений нет")
    r"|we skip|we pass|(?:мы|я)\s+пас(?!\w)|пасуем"  # "кроме 3.6 — там мы пас"
    # "По другим панелям у нас нет экспертизы, поэтому их не оцениваем"
    r"|(?<!ничего )не (?:беремся |будем |можем )?оценива\w*|оценивать (?:их |ее |его )?не (?:будем|беремся)"
    # "3.6 (тут затрудняемся ответить)", "3.5 возд."
    r"|затрудня(?:емся|юсь) (?:с )?(?:ответ\w*|оцен\w*)|(?<!\w)возд\.(?!\w)"
    # "затрудняемся дать оценку" (not "… дать оценку срокам": of a part of it)
    r"|затрудня(?:емся|юсь) дать (?:ответ|оценку)(?=[^\S\n]*+(?:[.,;:!)—–-]|$))"
    r"|(?:don't|do not|dont)\s+know enough(?:\s+(?:to (?:say|judge|comment)|about it))?"
    r"|(?<=тут )pass(?!\w)|(?<=там )pass(?!\w)"  # "кроме 4.3 — тут pass"
    # (not "Прочие рекомендации принимаем без комментариев": accepted, with nothing to add)
    r"|не комментируем|(?<!принимаем )(?<!поддерживаем )(?<!согласны )без комментариев"
    r"|воздержимся от комментари\w+|no comment"
    # "on 3.5 we'd rather not comment": declining to give a view (not "we do not comment on the other panels", which
    # the corpus records as no stance at all)
    r"|(?:rather|prefer to|prefer) not (?:to )?comment(?!\s+on\b)"  # (what follows "on" is not kept as the scope)
    r"|баа\s+(?:бере\s+албай|бербей)\w*|не (?:можем|могу|беремся|готовы) оценить|затрудня\w+ (?:оценить|с оценкой)"
    r"|оценить не (?:можем|могу|беремся|готовы)|не (?:можем|могу) дать оценк\w*"  # "мы не можем дать оценку"
    # "по третьей панели сказать ничего не можем"
    r"|(?:сказать\s+ничего|ничего\s+сказать)\s+не\s+(?:можем|могу|сможем)"
    r"|баала(?:й|п)\s+албай\w*|пикир\s+(?:билдире|айта)\s+албай\w*"  # "cannot evaluate", "cannot give a view"
    r"|can(?:not|'t| not) (?:assess|judge|evaluate)"  # "we cannot evaluate it", not a rejection of it
    # "We are not in a position to judge panels 1-3" (not "residents are unable to judge …", in a why)
    r"|we(?:'re| are)(?: \w+)? (?:not in a position|not able|unable) to (?:assess|judge|evaluate)"
    # "- Panel 3: not in a position to judge": a row's answer, its subject the respondent
    r"|(?:(?<=: )|(?<=[—–-] ))(?:not in a position|not able|unable) to (?:assess|judge|evaluate)"
    r"|not (?:for us|ours) to (?:judge|assess|evaluate|decide|say)"  # "3.2 and 3.4 are not for us to judge"
    # ("Калыс Мурзабекова", "Калыс, Ат-Башы" signing: a name, or a name and the place, ending the line; "Калысбек":
    # a name of its own)
    r"|калыс(?:пыз|быз|мын|пын)(?!\w)"
    # (after an ID blanked to spaces too: "3.6 калыс, 3.7 макулбуз" is no signature "Калыс, Name")
    r"|(?:(?<=боюнча )|(?<=[\d–—-] )|(?<=[\d–—-])|(?<=\s\s))калыс(?!\w)"
    r"(?!\s+[^\W\d]*(?:ова|ева|ина|ов|ев|ин|кызы|уулу)\b)"
    r"|калыс(?!\w)(?!\s+[^\W\d]*(?:ова|ева|ина|ов|ев|ин|кызы|уулу)\b)(?!,\s*[^\W\d]+(?:-[^\W\d]+)?\s*(?:\n|$))"
    # (not "биздин ишибизге тиешеси жок", nothing to do with our work: said of the IDs left unanswered, it is why
    # they are, not an abstention on them; only "бизге", to us, makes it one)
    r"|пикир билдирбей\w*|(?<!\wбизге )тиешеси жок|тиешелүү эмес|бизге тиешеси жок|компетенциябызга кирбейт"
)
# "не во всём согласны": the negation may cover the stance or only "всём" — a human must read it.
_AMBIGUOUS = compile_at_heads(
    # "согласны не полностью", "support, though not fully": the limit follows the stance word
    r"(?:соглас\w+|поддерж\w+|принима\w+|одобр\w+|agree\w*|support\w*)(?:\s+\w+)?,?\s+(?:но\s+|though\s+|but\s+)?"
    r"(?:не (?:полностью|совсем|во всем|до конца|вполне|со всеми|со всем\b)|not (?:fully|entirely|completely|all))|"
    r"не (?:во всем|со всем\w*|совсем|полностью|вполне|до конца|со всеми|все|во всех|по всем|всегда)"
    r"(?:\s+\w+){0,2}?\s+(?:соглас\w+|поддерж\w+|принима\w+|одобр\w+)"
    r"|not (?:fully|entirely|completely|quite|all)\b(?:\s+\w+){0,2}"
    # "we are not in a position to formally endorse": not a rejection, not an agreement; a person reads it
    r"|(?:not in a position|unable|not able|не в состоянии|не вправе) (?:to )?(?:\w+ )?"
    r"(?:endorse|support|accept|approve|поддерж\w+|одобр\w+|приня\w+)"
    r"|толук эмес|толугу менен эмес|(?:баар|бардыг)\w*(?:\s+эле)?\s+(?:колдобой\w*|макул\s+эмес\w*"
    r"|(?:макул|колдой)\s+(?:(?:боло|бере)\s+)?албай\w*)"  # "Бардыгына эле макул боло албайбыз": not all, or none?
    # "не можем сказать, что согласны", "макулбуз деп айта албайбыз": the stance is quoted, then denied
    r"|не\s+(?:можем|могу|могли бы)\s+(?:сказать|утверждать)|(?:cannot|can't|can not)\s+say"
    r"|деп\s+айта\s+албай\w*|деп\s+айтууга\s+болбо\w*"
)
_CONDITION = re.compile(
    r"при условии|в случае,? если|\bесли\b|при наличии|\bprovided\b|on condition|\bsubject to\b|\bif\b"
    r"|\b(?:as|so) long as\b|conditional (?:on|upon)"  # "Our support is conditional on …"
    # "For 1.5 our support depends on whether funding is foreseen", "поддержка зависит от того, будет ли …"
    r"|\bdepends? on whether\b|зависит от того,? (?:будет|будут|найдут|выделят|появится|появятся)"
    # "We will be glad to endorse the recommendations once the Committee confirms …" (not "meet once a year")
    # ("We'll be able to confirm 3.1 and 3.4 once our donor approves the budget line")
    r"|\b(?:will|'ll|would) (?:be (?:glad|happy|pleased|able) to )?(?:endorse|support|accept|agree|confirm)\b"
    r"(?:[^.\n]|(?<=\d)\.(?=\d)){0,80}?\bonce\b(?! a\b)"
    r"|при (?:том |таком )?понимании|(?:on|with) the understanding|с тем пониманием"
    r"|шартында|шарты менен|шарт менен|эгерде|\bэгер\b"
    r"|\w(?:са|се|со|сө)\s+гана\b"  # "интернет тартып берсе гана макул болобуз": only if they do
    # "мамлекет каржылаган учурда гана колдойбуз": only when it does (not "азыркы учурда гана эмес", not only now)
    r"|\b(?:учурда|учурунда|шартта)\s+гана\b(?!\s+эмес)"
    # "Каржылоо болсо 3.4 жана 3.7 сунуштарына макулбуз": if there is funding, then the stance (not "even if",
    # "болсо да", nor a reason's "бизнесмендер кеңеште болсо, … жоголот")
    r"|\bболсо,?\s+(?!да\b|дагы\b)(?:\S+\s+){0,5}?(?:макул|колдо|кабыл|катыш)"
    # "Кеңештин жыйынында бекитилсе, бардыгына макул болобуз": a passive in the conditional (if it is approved),
    # then the stance that hangs on it (not "кеңеш түзүлсө, ага ишкерлер …", a partial's how far)
    # (from a word's first letter only: tried at every letter of a long word, the run of letters was quadratic)
    # ("Каржылоо бөлүнсө, 3.4 жана 3.5 сунуштарына да макул болобуз": IDs may stand between)
    r"|(?<![^\W\d])[^\W\d]{2,}(?:ыл|ил|ул|үл|ын|ин|ун|үн)(?:са|се|со|сө),\s+(?:(?:[^\W\d]+|\d\.\d)\s+){0,5}"
    r"(?:макул|колдо|кабыл)"
)
_REMARKS_BEFORE = re.compile(r"(?:замечани|комментари|вопрос|сын[- ]?пикир)\w*(?:\s+[^\s.,;:!?]+){0,8}?\s+$")
_NEGATED_TERSE = re.compile(r"(?<!\w)(?:не|not)\s+$")
_DENIED_TERSE = re.compile(r"\s+эмес\b")
_TERSE = re.compile(r"да|нет|за|ok|ок|okay|yes|no|nah|nope|ооба|жок|ooba|\+1|[+✓✔☑✅👍👌💯]|[✗✘×x❌❎👎]|-|–|—")
_ELONGATED = compile_at_heads(r"(\w)\1+")  # a phone's "нееет", "даааа": one letter held down, the same answer
_TERSE_KIND = {
    "да": CueKind.AGREE, "за": CueKind.AGREE, "ok": CueKind.AGREE, "ок": CueKind.AGREE,
    "okay": CueKind.AGREE, "yes": CueKind.AGREE, "ооба": CueKind.AGREE, "ooba": CueKind.AGREE,
    "+": CueKind.AGREE, "+1": CueKind.AGREE, "👍": CueKind.AGREE, "👌": CueKind.AGREE, "💯": CueKind.AGREE,
    "👎": CueKind.DISAGREE,
    "✓": CueKind.AGREE, "✔": CueKind.AGREE, "☑": CueKind.AGREE, "✅": CueKind.AGREE,
    "❌": CueKind.DISAGREE, "❎": CueKind.DISAGREE,
    "нет": CueKind.DISAGREE, "no": CueKind.DISAGREE, "жок": CueKind.DISAGREE, "✗": CueKind.DISAGREE,
    "nah": CueKind.DISAGREE, "nope": CueKind.DISAGREE,
    "✘": CueKind.DISAGREE, "×": CueKind.DISAGREE, "x": CueKind.DISAGREE,
    "-": CueKind.DISAGREE, "–": CueKind.DISAGREE, "—": CueKind.DISAGREE,
}  # fmt: skip
# with the phone's spellings that drop the apostrophe ("dont agree")
_PRE_NEGATORS = {"не", "нет", "без", "not", "no", "never", "cannot", "can't", "don't", "doesn't", "won't", "didn't"} | {
    "dont", "cant", "doesnt", "wont", "didnt"
}  # fmt: skip
# Russian negative concord: "ни", "никаких" only repeat a negation ("никаких возражений не имеем" is one).
_CONCORD = {"ни", "никаких", "никакого", "никакой", "никакие", "никак", "ничуть", "any"}
_FALSE_NEGATION = re.compile(r"\s+(?:только|менее|позднее|раньше|позже|only)\b")  # "не только поддерживаем"
_AUXILIARIES = frozenset(
    {"можем", "могу", "сможем", "имеем", "будем", "стали", "бы", "считаем", "считаю", "находим", "видим"}
    | {"имеет", "имеют"}  # "Ассоциация не имеет возражений по рекомендациям 1.1–4.5"
    | {"do", "does", "we", "i", "can", "could"}
    | {"to"}  # a resolution's "(d) not to endorse recommendation 4.3", "decided not to support"
    # adverbs that soften, never undo: "we cannot really support 3.5", "не можем пока поддержать"
    | {"really", "quite", "yet", "currently", "simply", "truly", "пока", "сейчас", "еще"}
)
_PUNCT = re.compile(r"[,;:.!?|()\n—–]")
# "Возражений по Рекомендациям не имеем", "возражений и замечаний по ним не имеет", "no objections to any of
# them": a few words may part the noun from its denial
_OBJECTION_NOUN = re.compile(r"возражени[еяй]|objections?")
_LATE_DENIAL = re.compile(
    r"(?:\s+[^\s.,;:!?]+){1,8}?\s+(?:не имеем|не имеет|не имеют|не имеется|нет|не возникло|не возникает)\b"
)
# ("Против, нет смысла плодить советы": after a comma, a "нет" that goes on is "there is no …", a new clause)
_POST_NEGATORS = re.compile(
    r"\s*(?:,\s*(?:жок|нет)\b(?!\s*[\w«\"(])|(?:,\s*)?(?:эмес\w*|не имеем|не имеет|не имеют|не имеется|не возникло"
    r"|ничего не имеем)\b|(?:жок|нет)\b)"
)
# Words that look like stance words to a fuzzy matcher but are not: "согласно закону", "согласованных".
_NOT_CUES = re.compile(r"согласно|согласов\w*|соглашени\w*|поддержк\w*|принцип\w*|принят\w*ие|принима\w+ть")
# "ОО «Мээрим» согласно со всеми": the neuter "согласно" followed by "с"/"со" is agreement, not "according to"
_AGREES_WITH = re.compile(r"согласно\s+со?\s")
# "с рекомендацией 3.5 Объединение не согласно, поскольку …": negated, the neuter is a stance ("не согласно закону"
# is not written; "не соответствует" is)
_NOT_AGREEING = re.compile(r"(?<!\w)не\s+$")
_TYPO_TARGETS: dict[str, CueKind] = {
    "согласны": CueKind.AGREE, "согласен": CueKind.AGREE, "согласна": CueKind.AGREE,
    "поддерживаем": CueKind.AGREE, "принимаем": CueKind.AGREE, "возражаем": CueKind.DISAGREE,
    "возражений": CueKind.DISAGREE, "отклоняем": CueKind.DISAGREE, "воздерживаемся": CueKind.ABSTAIN,
    "частично": CueKind.PARTIAL, "нецелесообразным": CueKind.DISAGREE, "макулбуз": CueKind.AGREE,
    "колдойбуз": CueKind.AGREE, "колдобойбуз": CueKind.DISAGREE, "несогласны": CueKind.DISAGREE,
}  # fmt: skip
_TYPO_SCORE = 85.0
TYPO_CONFIDENCE = 0.9
DROPPED_LETTER_CONFIDENCE = 0.75  # below `extract.LOW_CONFIDENCE`: asked about


def _polarity_kind(polarity: int) -> CueKind:
    return CueKind.AGREE if polarity > 0 else CueKind.DISAGREE


def _negators_before(text: str, start: int, toks: list[Token]) -> tuple[int, int, bool]:
    """Count negators before a base word, through auxiliaries only ("не можем не").

    Returns the count, the new start (the span grows to cover the negators, so that evidence shows them
    and no other cue re-reads them) and whether a concord word ("никаких") stood there.
    """
    count, first, left, concord = 0, start, start, False
    before = bisect.bisect_right(toks, start, key=lambda t: t.end)
    for tok in reversed(toks[max(0, before - 4) : before]):
        if _PUNCT.search(text[tok.end : left]):
            break
        left = tok.start
        if tok.text in _PRE_NEGATORS and not _FALSE_NEGATION.match(text, tok.end):
            count += 1
            first = tok.start
        elif tok.text in _CONCORD:
            concord, first = True, tok.start
        elif tok.text not in _AUXILIARIES:
            break
    return count, first, concord


class Taken:
    """Which characters of a text a match already claimed: one byte per character, so that checking and
    claiming cost the match's length, never the number of earlier matches (issue 14: a pairwise check
    made 80k characters of "3.5 и 4.3" take 7 s)."""

    def __init__(self, length: int) -> None:
        self._marks = bytearray(length + 1)

    def free(self, start: int, end: int) -> bool:
        return self._marks.find(1, start, max(end, start + 1)) < 0

    def claim(self, start: int, end: int) -> None:
        self._marks[start:end] = b"\x01" * (end - start)


def find_cues(text: str, decided: bool = False) -> list[Cue]:
    """Every stance cue in folded `text`, in order; text in quotes is not searched (it cites our letter).

    `decided`: the text records a decision ("РЕШИЛИ:", "Правление решило:"), whose items are infinitives
    ("– одобрить рекомендации 1.1–1.5"); elsewhere an infinitive is not a stance (3.1 begins with one).
    """
    # a short reply is often one unit, cued as a unit and again whole: the last few short texts are kept
    if len(text) <= _FOLD_KEPT_CHARS:
        return list(_cues_kept(text, decided))
    return _find_cues(text, decided)


@functools.lru_cache(maxsize=64)
def _cues_kept(text: str, decided: bool) -> tuple[Cue, ...]:
    return tuple(_find_cues(text, decided))


def _find_cues(text: str, decided: bool) -> list[Cue]:
    masked = _mask_quotes(text)
    cues: list[Cue] = []
    taken = Taken(len(text))

    def add(start: int, end: int, kind: CueKind, terse: bool = False, confidence: float = 1.0) -> None:
        if taken.free(start, end):
            cues.append(Cue(start, end, kind, terse, confidence))
            taken.claim(start, end)

    for m in _NOTHING_AGAINST.finditer(masked):  # before "пикирибиз жок" (no opinion) and "против" are read
        add(m.start(), m.end(), CueKind.AGREE)
    # "Против рекомендаций 1.3, … не возражаем": no stance, but what "не возражаем" is on
    for m in _OBJECTED_TO.finditer(masked) if "против" in masked else ():
        taken.claim(m.start(), m.end())
    for m in _NOTHING_AGAINST_AFTER.finditer(masked) if "ничего" in masked else ():
        add(m.start(1), m.end(1), CueKind.AGREE)
        taken.claim(m.start(), m.start() + len("против"))
    for m in _AMBIGUOUS.finditer(masked):
        add(m.start(), m.end(), CueKind.AMBIGUOUS)
    for m in _ABSTAIN.finditer(masked):
        if _word_bounded(masked, m.start(), m.end()):
            add(m.start(), m.end(), CueKind.ABSTAIN)
    for m in _PARTIAL.finditer(masked):
        if _word_bounded(masked, m.start(), m.end()) or not m.group()[0].isalpha():
            add(m.start(), m.end(), CueKind.PARTIAL)
    for m in _GENERAL.finditer(masked):
        if _word_bounded(masked, m.start(), m.end()):
            add(m.start(), m.end(), CueKind.GENERAL)
    toks = tokens(masked)
    patterns = [
        (_KY_ACCEPT, 1), (_INFINITIVE_BEFORE_MODAL, -1), (_INFINITIVE_AFTER_MODAL, 1), (_NEGATIVE, -1), (_POSITIVE, 1)
    ] + ([(_DECIDED, 1), (_DECIDED_AGAINST, -1)] if decided else [])  # fmt: skip
    for pattern, polarity in patterns:
        for m in pattern.finditer(masked):
            if not _word_bounded(masked, m.start(), m.end()) or not taken.free(m.start(), m.end()):
                continue
            if m.start() > 1 and masked[m.start() - 1] == "-" and masked[m.start() - 2].isalpha():
                continue  # "(GIZ-supported)": the last part of a compound word, no stance
            if (
                pattern is _POSITIVE
                and _NOT_CUES.fullmatch(_word_at(masked, m.start()))
                and not _AGREES_WITH.match(masked, m.start())
                and not (
                    masked.startswith("согласно", m.start())
                    and _NOT_AGREEING.search(masked, max(0, m.start() - 3), m.start())  # (_POSITIVE: one space)
                )
            ):
                continue
            if pattern is _POSITIVE and _is_not_a_stance(masked, m.end()):
                continue
            if m.group().startswith("принят") and _DECISION_TAKEN.search(masked, max(0, m.start() - 40), m.start()):
                continue
            negations, start, concord = _negators_before(masked, m.start(), toks)
            if pattern is _INFINITIVE_AFTER_MODAL:
                negations += len(re.findall(r"\bне\b", m.group()))
            end = m.end()
            post = _POST_NEGATORS.match(masked, end) or (
                _OBJECTION_NOUN.fullmatch(m.group()) and _LATE_DENIAL.match(masked, end)
            )
            if post and (polarity < 0 or post.group().strip().startswith(("эмес", "жок"))):
                negations += 1
                end = post.end()
            negations = negations or int(concord)
            add(start, end, _polarity_kind(polarity * (-1) ** negations))
    for tok in toks:
        if not taken.free(tok.start, tok.end):
            continue
        terse, kind, confidence = _word_reading(tok.text)
        if terse in ("нет", "жок") and _REMARKS_BEFORE.search(masked, max(0, tok.start - 80), tok.start):
            continue  # "Замечаний к другим рекомендациям тоже нет": no remarks, not a "no" to them
        if terse is not None:
            negated = _NEGATED_TERSE.search(masked, max(0, tok.start - 5), tok.start)
            denied = _DENIED_TERSE.match(masked, tok.end)
            if negated and terse.isalpha() and _TERSE_KIND[terse] is CueKind.AGREE:
                add(negated.start(), tok.end, CueKind.DISAGREE, terse=True)  # "не ок", "not ok"
            elif denied and terse.isalpha() and _TERSE_KIND[terse] is CueKind.AGREE:
                add(tok.start, denied.end(), CueKind.DISAGREE, terse=True)  # Kyrgyz "ок эмес"
            else:
                add(tok.start, tok.end, _TERSE_KIND[terse], terse=True)
        elif kind is not None:
            negations, start, concord = _negators_before(masked, tok.start, toks)
            negations = negations or int(concord)
            if kind in (CueKind.AGREE, CueKind.DISAGREE):
                polarity = 1 if kind is CueKind.AGREE else -1
                kind = _polarity_kind(polarity * (-1) ** negations)
            add(start, tok.end, kind, confidence=confidence)
    return sorted(cues, key=lambda c: c.start)


@functools.lru_cache(maxsize=8192)
def _word_reading(word: str) -> tuple[str | None, CueKind | None, float]:
    """What one word says alone: the terse answer it is, or else the stance word it misspells and how sure that is.
    Pure in the word and asked of every word of every unit, so remembered (one lookup, not one per question)."""
    terse = _terse_form(word)
    if terse is not None or len(word) < 6 or _is_known_word(word):
        return terse, None, 0.0
    kind, confidence = _typo_kind(word)
    return None, kind, confidence


def _terse_form(word: str) -> str | None:
    """The terse answer a token is ("да", "+", "нееет" as "нет"), or None."""
    terse = word if _TERSE.fullmatch(word) else _ELONGATED.sub(r"\1", word)
    return terse if _TERSE.fullmatch(terse) else None


def _is_known_word(word: str) -> bool:
    """A word the exact patterns already judged (rejected "принимаем к сведению") is not a typo."""
    return any(p.fullmatch(word) for p in (_NOT_CUES, _POSITIVE, _NEGATIVE, _PARTIAL, _ABSTAIN))


def _unstressed(word: str) -> str:
    """Unstressed "о" is said, and often written, as "а" ("саглосны", "несоглосны"): compare them as one."""
    return word.replace("о", "а")


def _typo_kind(word: str) -> tuple[CueKind | None, float]:
    """A misspelt stance word ("соглсны", "поддерживам") and how sure the reading is; the first two letters must
    agree, or the first with the second left out ("сгласны"), which is less sure: a person confirms it (such replies
    are often typed in a hurry throughout: "Сгласны всё крме тртьей")."""
    best: tuple[float, CueKind | None, float] = (0.0, None, 0.0)
    word = _unstressed(word)
    for target, kind in _TYPO_TARGETS.items():
        target = _unstressed(target)
        dropped = target[:2] != word[:2]
        if dropped and not (word[0] == target[0] and word[1] == target[2]):
            continue
        score = fuzz.ratio(word, target)
        if score > best[0]:
            best = (score, kind, DROPPED_LETTER_CONFIDENCE if dropped else TYPO_CONFIDENCE)
    return (best[1], best[2]) if best[0] >= _TYPO_SCORE else (None, 0.0)


def _word_at(text: str, start: int) -> str:
    m = re.compile(r"\w+").match(text, start)
    return m.group() if m else ""


def _word_bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or after.isalnum())


# "Решение будет принято 25 марта", "решение принято": a decision made or to come, not one accepted
_DECISION_TAKEN = re.compile(r"(?:будет|будут|было|решени\w*)\s+(?:\w+\s+){0,3}$")
_NOT_A_STANCE = re.compile(
    r"(?:\s+[^\W\d]+){0,3}?\s+(?:к сведению|участие|во внимание|меры|to note|part|всерьез|всерьёз)\b"
)


def _is_not_a_stance(text: str, end: int) -> bool:
    """Taking note ("принимаем к сведению"), taking part ("принимаем участие") or taking seriously ("наши предложения
    не принимают всерьёз", a reason) accepts nothing."""
    return bool(_NOT_A_STANCE.match(text[end : end + 80]))


_QUOTED = re.compile(r'"[^"\n]*"')
AN_ID = re.compile(r"\d\.\d")  # a recommendation ID somewhere in a span


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Quoted words of three letters or more; quote marks are paired one after another, short quotes too (so that
    «за» … «против» does not pair the closing mark of one with the opening mark of the next, blanking the words
    between: "Голосуем «за» по всем пунктам четвёртой панели и «против» по 3.5" had rejected panel 4)."""
    # (nor a span holding an ID, which only an unclosed quote makes: 'ОО "Ак Жол поддерживаем 1.1-1.5, по 4.1 "нет"')
    return [
        (m.start(), m.end()) for m in _QUOTED.finditer(text) if m.end() - m.start() >= 5 and not AN_ID.search(m.group())
    ]


def _mask_quotes(text: str) -> str:
    """`text` with quoted words blanked (a title, a recommendation quoted), but not a vote in quotes after a dash or
    a colon: "кроме 4.3, — «за». 4.3 — «против»: …" is the respondent's own answer, marked off (not "хотели
    ответить «против»", the answer they did not give)."""
    pieces, copied = [], 0  # (one join: a string rebuilt per quote grew with the reply squared)
    for start, end in quoted_spans(text):
        answer = (_ANSWER_MARK.search(text, max(0, start - 40), start) and not _APPOSITION.match(text, end)) or (
            _VOTED_BEFORE.search(text, max(0, start - 80), start)
        )
        if not (_QUOTED_VOTE.fullmatch(text, start, end) and answer):
            pieces += [text[copied:start], " " * (end - start)]
            copied = end
    return "".join([*pieces, text[copied:]])


# "4.3 — «против»", "кроме 4.3, — «за»" (the ID blanked to spaces by then)
_ANSWER_MARK = re.compile(
    r"(?:\d\.\d{1,2}|\)|,|\s\s|позици\w*(?:\s+[^\W\d]+){0,2})\s*[—–:-]\s*(?:здесь\s+|тут\s+)?$"
)  # "позиция Союза –"
# "Голосуем «за» по всем пунктам панели 4 и «против» по 3.5": votes in quotes after our own "we vote"
_VOTED_BEFORE = re.compile(r"(?<!\w)(?<!не )(?:голосуем|ставим)\s[^.!?\n]*+$")
_APPOSITION = re.compile(r"\s*[—–-]")  # ("Графа 4.2 — «частично» — заполнена по ошибке")
_QUOTED_VOTE = re.compile(
    r'"(?:за|против|да|нет|поддерживаем|не поддерживаем|согласны|не согласны|воздерживаемся|воздержались|частично'
    r"|yes|no|agree"
    r'|disagree|support|oppose|abstain|partly|макулбуз|каршыбыз)"'
)


# A limit on an agreement said after a dash or a colon: "Поддерживаем 3.8: только для сельских районов", "— но
# формулировку стоит уточнить", "— бирок каржылоо керек", "— except the part on apps"
LIMITS = re.compile(
    r"(?<!\w)(?:только|лишь|кроме|за исключением|но|однако|хотя|except|only|but|however|although|бирок)(?!\w)"
)


def condition_in(text: str) -> str | None:
    """The condition a respondent attaches ("при условии финансирования"), if any."""
    m = _CONDITION.search(text)
    return m.group() if m else None
