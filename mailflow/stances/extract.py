"""Stances per recommendation from the respondent's own text, with the reasons a human must look.

The reading stage hands over only what the respondent wrote (`ReplyContent`); this stage cuts it into
units (list lines and table rows stay whole, prose is split into sentences), reads each unit into claims
(`claims.read_unit`), and merges the claims: a more specific reference wins over a general one ("all
except" and "всё поддерживаем. По 3.5 — нет"), two equally specific claims that differ are a
contradiction. Every doubt becomes a `ReviewReason`; the stances found so far are still returned, as the
reviewer's prefilled form.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace

from mailflow.campaign.letter import Campaign
from mailflow.patterns import compile_at_heads
from mailflow.reading.reply import InlinePair, ReplyContent, ReviewReason, Stance, StanceFinding, StanceResult
from mailflow.stances.claims import (
    ALSO_WORDS,
    BUT_WORDS,
    REASON_MARKER,
    STRESS_WORDS,
    Claim,
    Problem,
    UnitReading,
    clean_reason,
    ends_reply,
    in_quoted_name,
    read_unit,
    says_nothing,
    waiting_for_why,
)
from mailflow.stances.lexicon import DECISION_HEAD, LIMITS, CueKind, condition_in, find_cues, fold, quoted_spans
from mailflow.stances.refs import (
    EXPLICIT,
    GLOBAL,
    GROUP,
    REST,
    REST_WORD,
    Ref,
    comma_notation,
    counted_exception,
    counted_rest,
    elliptic_panels,
    except_spans,
    exceptions_below,
    find_refs,
    match_quote,
    names_all,
    titled_panels,
)
from mailflow.stances.ticks import untick
from mailflow.stances.translit import Transliteration, latin_stance_word, transliterate, typed_in_latin

LOW_CONFIDENCE = 0.8
# Issue 14: the time a reply takes must not depend on what a stranger chose to send. A real reply, with an
# official letter attached, is a few thousand characters; beyond these caps the rest goes to a person.
MAX_STANCE_CHARS = 10_000  # all the respondent's text: body, inline answers, subject, attachments
MAX_UNIT_CHARS = 2_000  # one sentence, list line or table row; a longer one is read in pieces
WRAP_WIDTH = 50  # clients wrap plain text at 66–78 columns; a line shorter than this was ended by hand

MESSAGES = {
    "no_stance": "Ни одной позиции по рекомендациям не найдено; прочитайте ответ и запишите, что в нём сказано.",
    "holding": "Респондент обещает ответить позже; пока ничего не записывайте или дождитесь следующего письма.",
    "revision": "Ответ пересматривает прежнюю позицию («ранее … теперь …»); проверьте, какая позиция действует.",
    "question": "В ответе вопрос; ответьте на него и проверьте, есть ли в письме позиции.",
    "contradiction": "По одной рекомендации даны противоположные позиции ({detail}); решите, какая верна.",
    "unknown_id": "В ответе упомянута {detail}, которой нет в обращении; выясните, какая имелась в виду.",
    "ambiguous_number": "Число ({detail}) может быть панелью, порядковым номером или опечаткой в номере; проверьте.",
    "ambiguous_negation": "Отрицание «{detail}» не говорит, какие рекомендации отклонены; прочитайте внимательно.",
    "condition": "Позиция дана с условием («{detail}»); решите, считать ли это согласием.",
    "reservation": "Согласие с оговоркой («{detail}»); решите: согласие или частичное согласие.",
    "unclear_exception": "Исключение («{detail}») не говорит, каково мнение респондента о нём.",
    "unclear_reference": "Рекомендация названа словами («{detail}»), но недостаточно точно, чтобы её определить.",
    "vague_scope": "В ответе говорится о «{detail}» без номеров рекомендаций; уточните или решите сами.",
    "indirect": "Позиция стоит в придаточном или пересказе («{detail}»); проверьте, что именно сказано.",
    "no_scope": "Позиция («{detail}») не говорит, к каким рекомендациям она относится.",
    "no_stance_for_id": "Рекомендация {detail} названа без позиции; проверьте, что имел в виду респондент.",
    "attachment_unreadable": "Вложение {detail} не прочитано; откройте его и запишите позиции.",
    "language": "Ответ на языке или в письменности, которые не распознаются ({detail}); прочитайте его.",
    "low_confidence": "Позиции по {detail} определены приблизительно (опечатка или пересказ); подтвердите их.",
    "partial_speaker": "Отвечает не вся организация («{detail}»): филиал, член сети, лично; чью позицию записать?",
    "outside_reference": "Позиция ссылается на то, чего нет в письме («{detail}»): правки, договорённости; уточните.",
    "unread_words": "Слова «{detail}» не вошли ни в одну прочитанную позицию; проверьте, что они меняют.",
    "cross_check": "Записанные позиции расходятся с общим тоном ответа ({detail}); проверьте прочтение.",
    "too_long": "Текст ответа слишком длинный ({detail}); автоматически прочитано не всё, прочитайте ответ целиком.",
}

_HOLDING = compile_at_heads(
    # "Согласны с 3.1 3.3 3.4 3.7 остальное потом": the rest to come
    r"(?<!\w)(?:остальн\w*|the rest|others)\s+(?:[—–-]\s+)?(?:потом|позже|later)(?!\w)|"
    r"обсуд(?:им|ят|ится)|рассмотр(?:им|ят)|ответ(?:им|ят)\s+(?:позже|позднее|дополнительно|после|в ближайшее)"
    r"|(?:дадим|направим|пришлем|предоставим)\s+(?:\w+\s+)?(?:ответ|позицию)|сообщим (?:позже|дополнительно)"
    r"|(?:ответ|позицию)\s+(?:дадим|направим|пришлем|предоставим)\b"  # "полный ответ пришлём до конца недели"
    r"|вернемся|вернусь с ответом|на рассмотрении|\bпозже\b|\bпозднее\b|\blater\b|после обсуждения"
    r"|(?:изложим|выскажем|озвучим)\b"  # "по ним свое мнение изложим на встрече"
    r"|(?:will|'ll) (?:reply|respond|get back|revert|discuss|review|consider|answer|explain|confirm|check|verify"
    r"|forward)"
    # "Talas hasn't voted yet", "Нарын еще не проголосовал": a part of the answer still to come
    r"|(?:hasn't|has not|haven't|have not) (?:yet )?voted|yet to (?:vote|decide)|еще не (?:проголосова|решил)\w*"
    # "3.1 и 3.4 да, остальное ещё не читал": the rest not read yet
    r"|еще не (?:читал|прочитал|смотрел|изучил|успел)\w*|пока не (?:читал|прочитал|смотрел|изучил|успел)\w*"
    r"|haven't (?:yet )?(?:read|looked at)\b"
    # "…, where we would like to see a costed implementation plan first before we commit": an answer after that
    r"|before we (?:can )?(?:commit|decide)\b|прежде чем (?:мы )?(?:примем решение|определимся)"
    # "официальный ответ даст правление", "Итоговую позицию правление пока не принимало": what was written is not
    # yet the organisation's answer
    r"|(?<!\w)официальн\w+ (?:ответ|позици)\w* (?:\w+ )?(?:даст|дадут|направит|направят|пришлет|будет)\b"
    r"|(?<!\w)(?:итогов|окончательн)\w+ (?:позици|решени)\w* (?:\w+ ){0,2}(?:пока|еще) не"
    r" (?:приня|принима|утвер[жд])\w*"
    r"|(?<!\w)(?:пока|еще) не (?:приня|принима|утвер[жд])\w* (?:\w+ )?(?:итогов|окончательн)\w+ (?:позици|решени)"
    r"|(?:объясним|поясним) (?:позже|потом)"
    r"|\bответим\b|(?:(?:нужно|надо) (?:еще )?|еще (?:нужно|надо) )(?:обсудить?|посмотреть|подумать)"
    r"|need to (?:discuss|consult)"
    # ("Если что-то нужно уточнить, пишите мне" is an offer)
    r"|(?<!что-то )(?<!что )(?<!если )(?:нужно|надо) (?:еще )?уточнить"
    r"|позвон\w+|напиш\w+ (?:подробнее|позже|отдельно)|будет направлен\w*|направ\w+ (?:\w+ )?отдельно"
    r"|отдельным (?:письмом|сообщением)"  # "по 1.2 и 1.3 есть замечания, направим отдельным письмом"
    # (not "3.5 Partly agree – jobs will follow infrastructure": something follows something else)
    r"|(?:response|position|answer|decision|comments?|reply|views?)(?: on [\w. ]{1,20}?)? will follow"
    r"|will follow(?=\s*(?:[.,;:!)]|$|\s(?:next|by|after|once|when|shortly"
    r"|soon|later|in|within|separately|as soon|before|at|on|today|tomorrow|this)\b))|will send|will write"
    r"|will submit|to follow\b"
    # Kyrgyz: "талкуулайбыз" (we will discuss), not "талкууладык"/"талкуулап, … жооп берет" (having discussed)
    r"|get back to you|талкуула(?:йбыз|й турган|нат|на элек|й элек\w*|п жатабыз|ш\w*)|кийинки (?:жумада|айда|жолу)"
    r"|кийинчерээк|кийин(?:ирээк)? жооп|кийин (?:жаз|билдир|жөнөт)\w*"  # "… жыйынынан кийин жөнөтөбүз"
    # (not "муктаждыктарына жооп берет": it meets their needs)
    r"|(?<!төмөнкүдөй )(?<!төмөнкүчө )(?<!мындай )(?<!катары )(?<!муктаждыктарына )(?<!муктаждыгына )"
    r"(?<!талаптарына )жооп бере\w*|кароо\w* жатабыз"
    r"|кийин кара\w*|\btbd\b|to be (?:decided|confirmed|determined)|позици\w+ [^.]{0,40}направит\w*"
    r"|будет сформирован\w*|предварительно сообщаем|келгенде"
    # ("По итогам обсуждения в сети сообщаем следующее": the discussion is over)
    # ("По итогам обсуждения в правлении: поддерживаем всё": its outcome follows the colon)
    r"|по итогам (?:заседания|собрания|обсуждения)(?![^.]{0,40}(?:сообщаем|направляем|информируем|:))"
    # ("По итогам обсуждения на правлении ОО «Кара-Балта Аялдар Кеңеши» сообщаем:": its name between)
    r'(?!\s+(?:на|в)\s+(?:правлении|заседании|собрании)[^."«\n]{0,60}["«][^"»\n]{1,60}["»]\s*(?:сообщаем|направляем|информируем))'
    # "Окончательная позиция — по итогам заседания правления: пока …", "Подтвердим по итогам собрания"
    r"|(?<!\w)(?:окончательн|итогов)\w+ (?:позици|решени|ответ)\w*\s*[—–:-]\s*(?:по итогам|после)\b"
    r"|\bподтверди[мт]\b"  # "Он сейчас в командировке, вернётся — подтвердит официально"
    r"|азырынча\s+(?:\w+\s+)?(?:жооп|чечим|айта|бере|билбейбиз|белгисиз|макул боло|кабыл ала)"
    r"|не мо(?:жем|гу) (?:сейчас |пока )?ответить|\bнапишем\b|can(?:not|'t) (?:yet )?(?:answer|reply|respond)"
    r"|потом (?:посмотрим|решим|ответим|скажем)|будем (?:обсужд|рассматрива|решат)\w*|\bсообщим\b"
    r"|\b(?:напишу|уточню|уточним|сообщу|отпишусь|отпишемся|пришлю|направлю|напиш[еи]т)\b|\bзавтра\b|\btomorrow\b"
    r"|next week|(?:скину|скинем|кину)\s+(?:\w+\s+)?(?:ответ|позици)"  # "Ок, в понедельник скину ответ"
    r"|на следующей неделе|\b(?:отвечу|посмотрю|посмотрим)\b|(?:еще|пока|сейчас) обсу\w*|\bобсуждаем\b"
    r"|(?:будет|будут) (?:принят|рассмотрен|утвержден)\w*|направит\b|пусть (?:\w+ )?ответ\w*"
    # "остальные пока изучаем", "по 4.1 и 4.3 хотели бы отдельно поговорить", "still studying the rest"
    r"|(?:пока|еще|сейчас) (?:изуча|прорабатыва|анализиру)\w*|\bизучаем\b|хотели бы (?:\w+ )?поговорить"
    r"|still (?:studying|reviewing|considering|being (?:discussed|reviewed|considered))|under (?:review|consideration)"
    r"|(?:ответит|ответят|решит|решат|посмотрит|посмотрят) (?:наш\w* )?(?:руководство|правление|председатель"
    r"|директор|руководитель)"  # "остальное посмотрит наш директор"
    r"|после (?:\w+ )?(?:meeting|собрания|заседания|правления)"
    # Kyrgyz "we'll think it over" (not "ойлондук", we thought); "о нём поговорим при встрече"
    r"|ойлон(?:уп (?:к[өо]р|жат)|обуз|ушубуз)\w*|\b(?:по|об)говорим\b"
    # "кеңешибиз 30-мартта чечим кабыл алат" (our council decides on 30 March), "калганын карап чыгып жазабыз"
    r"|(?<!\w)чечим\w*+ кабыл ал(?:ат|ышат|абыз|ынат)\b|(?<!\w)карап чыг\w*+ (?:жазабыз|билдиребиз|жооп беребиз)"
    # "По 1.1–1.5 нам нужно больше времени", "we need more time on panel 4": an answer still to come
    r"|(?:нужно|надо|требуется|понадобится) (?:\w+ )?(?:больше|еще|дополнительное) времен\w*|need (?:some )?more time"
    # "Our board meets on 20 March; until then we can only confirm support for panel 1"
    r"|until then|(?:board|committee|council) (?:meets|will meet)\b|(?:правление|совет) (?:\w+ )?собер[её]тся"
)
# "ранее мы не соглашались с 4.3, теперь согласны": which of the two stances holds needs a human
_REVISION = compile_at_heads(
    r"\b(?:ранее|раньше|прежде|в прошлом письме|в предыдущем|previously|earlier|мурда|буга чейин)\b"
    r"[^.!?]{0,200}?[.!?,;]?[^.!?]{0,200}?\b(?:теперь|сейчас|ныне|now|азыр|эми)\b"
    # "уточнение к нашему письму от 15 марта", "по 3.5 мы теперь согласны", "we no longer oppose 4.1"
    r"|\b(?:уточнени\w*|уточняем|исправлени\w*|исправляем|изменяем|меняем)\s+(?:к\s+)?(?:наш|свой|свое|своему)\w*\s+"
    r"(?:ответ|письм|позици)\w*|\bтеперь (?:мы )?(?:согласны|поддерживаем|не согласны|против|не поддерживаем)"
    r"|\b(?:we )?now (?:agree|support|disagree|oppose|object)|\b(?:we )?no longer (?:agree|support|oppose|object)"
    r"|мурунку (?:\w+ )?жооб\w* (?:\w+ )?өзгөрт"  # "Мурунку жообубузду өзгөртөбүз": we change our earlier answer
)
# A branch (not "(г. Бишкек, филиалы в Нарыне и Оше)", "не имеем ни филиалов", "сеть филиалов": the body described)
# (only "филиалы в …" listed in brackets: "(мнение филиала в Нарыне)", "(мы — филиал в Нарыне)" speak for one)
# (not "площадки в наших 12 филиалах", "со всеми 9 филиалами": the organisation's size, not who answers; but
# "ответ 2 филиалов нашей сети" is)
_BRANCH = (
    r"(?<!ни )(?<!сеть )(?<!сетью )(?:\bфилиал(?!(?:ах|ами)\b)|(?<!\d )\bфилиал(?=(?:ах|ами)\b))"
    r"(?!ы\s+в\s[^()\n]{0,40}\))\w*+(?!\s+эмес)"
)
# Who speaks, and on what: a branch, one member of a network, a person "in a personal capacity", or a stance
# that leans on something outside the letter ("с учётом правок, о которых договорились на встрече").
_WHOLE_REPLY = {
    "partial_speaker": compile_at_heads(
        # "Я как член ассоциации лично поддерживаю все": a member, for herself
        r"\bлично (?:я )?(?:поддерживаю|согласен|согласна|против|одобряю)|\bя как член\b|"
        # "Как руководитель проекта … (не от имени всего фонда) скажу": for a project, not the organisation
        r"не от имени (?:всего|всей|всех|нашего|нашей|самого|самой)\b|not on behalf of (?:the whole|all of|our)\b|"
        rf"{_BRANCH}|от себя лично|(?:райондук|облустук|шаардык)\s+бөлүм\w*|бөлүмү катары"
        r"|лично я\b|\bот себя\b|өзүмдүн атымдан|мүчөсүмүн"
        r"|\bотделени[еяю]\b|\bbranch\b|\b\w+\s+из\s+(?:\w+\s+)?(?:членов|организаций|участников)"
        r"|отвечаю (?:сразу )?за \w+ организаци|on behalf of (?:several|\w+) organi[sz]ations"
        # "Баткенского офиса" (not "Ошский офис — по поручению правления": the office writes for the board)
        r"|(?:наш\w*|\b\w+(?:ское|ский|ского|скому|ском))\s+(?:отделени\w++|филиал\w*+|офис\w*+)"
        r"(?![\s,—–-]{1,4}по поручению (?:правления|руководства|председателя))"
        r"|от имени (?:нашего |своего )?филиала"
        # "Отвечаю только от имени нашего молодёжного крыла", "on behalf of our Jalal-Abad office only"
        r"|от имени (?:нашего |своего )?(?:\w+ )?(?:крыла|отделения|офиса|подразделения|секции)"
        # (not "on behalf of the Bishkek office": an international NGO's office here is the organisation written to)
        r"|on behalf of (?:our|my) (?:[\w-]+ ){0,2}(?:office|branch|chapter|wing|department|section)\b"
        # "The Jalal-Abad youth wing of our association agrees with …"
        # ("the youth wing of the Naryn Farmers' Union": its name between)
        r"|\b(?:wing|branch|chapter) of (?:our|the) (?:[\w'’-]+ ){0,3}?(?:association|organi[sz]ation|network|union"
        r"|alliance|foundation|federation|coalition|chamber)\b"
        r"|отвечаю за наш филиал|personal capacity|\bpersonally\b|(?:partner|branch|regional|our)\s+office"
        # (not "our country office": an international NGO's office here is the organisation written to)
        # (nor "reviewed the document with our legal team": whom the organisation asked)
        r"|(?<!with )\bour (?!country |programme |program |project |management |leadership )\w+"
        r" (?:office|branch|team|chapter)\b"
        r"|\bthe [\w-]+ (?:office|team|branch) (?:has|have|is|are|will)"
        r"|организаций-членов|организации-члены|члены сети|(?<!голосования )членов сети|ответы членов"
        r"|единую позицию \w+ не"
        r"|some (?:of our )?members|members' (?:answers|responses|positions)|разошлись во мнениях"
        r"|(?<!\d)\d+\s+организаци\w+\s+(?:\w+\s+)?(?:поддерживают|против)|филиалыбыз|бөлүмүбүз|\bжарымы\b"
        r"|half of (?:our|the) members|половина (?:наших )?(?:членов|участников)"
        # "About 80% voted in favour …; a few members objected to 4.1": the members' votes, not the body's answer
        r"|\d+\s?%\s+(?:of\s+(?:our\s+|the\s+)?members\s+)?(?:voted|проголосовал\w*|членов|участников|мүчө\w*)"
        r"|a few (?:of our )?members|members (?:objected|voted|disagreed|abstained)"
        # "11 members agree with everything, 3 members oppose 4.3": the members' votes, not the body's answer
        r"|\b\d+ (?:of (?:our|the) )?(?:members|member organi[sz]ations) (?:agree|support|oppose|disagree|abstain|are)"
        # "Writing on behalf of our Batken members": some of them
        r"|on behalf of our (?!own |many |all |\d)[\w-]+ members\b"
        # "Our women's committee disagrees with 4.1, while the rest of the board supports everything"
        r"|\bthe rest of (?:the|our) (?:board|members|team|network|committee)\b"
        r"|(?:часть|некоторые|несколько) (?:наших )?(?:членов|участников)"
        r"|часть (?:членов )?(?:правления|совета) (?:за|против|поддерж\w*|не\b)"  # "Часть правления за, часть против"
        # "Члены нашей ассоциации из Таласской области … голосовали против 3.5": one region's members
        # (not "3.5 поддерживаем: члены нашей сети из Баткенской области давно об этом просят", a why)
        r"|\bчлен\w* (?:наш\w+ )?(?:\w+ )?(?:из|в) \w+(?:ской|ского|ских) (?:(?:и|и из) \w+(?:ской|ского) )?"
        r"(?:област|район|регион|филиал)\w*[^.\n]{0,40}?(?:голосова|поддержал|против|выступил|высказал|не соглас)"
        r"|биздин (?:[\w-]+ ){1,2}бөлүмү\b"  # "Биздин Жалал-Абад бөлүмү 1-панелдин сунуштарын колдойт"
        r"|катардагы мүчө\w*|мүчөсү катары|менин оюмча|жеке өзүм|as an individual member|in my (?:own )?view"
        r"|[—–-]\s*член(?:а|ом) (?:коалиции|сети)|(?:one|a) member of the (?:coalition|network)"
        r"|атынан эмес|өзүнчө жаз\w*|башка \w+ пикир\w*|пикирин \w+ билбейбиз"
        r"|\bwe (?:in|at) the (?:[\w-]+ )?(?:committee|branch|wing|section|department|office|chapter)"
        r"|мы в (?:\w+ )?(?:комитете|филиале|отделении|секции|офисе)"
        # ("Отвечаю за молодёжное крыло нашего фонда")
        r"|отвечаю (?:\w+ ){0,2}за (?:[\w-]+ ){0,3}(?:секци|подразделени|крыл|отдел)\w*"
        # "Биздин Талас бөлүмү", "Кочкор районундагы өкүлүмүн", "Speaking for our youth programme team only"
        r"|биздин (?:\w+ )?бөлүм\w*|(?:району|облусу|шаары)н?(?:дагы|догу) өкүл\w*"
        # "On behalf of the women entrepreneurs' wing of our association"
        r"|on behalf of (?:the |our )?[\w' -]{0,40}?\b(?:wing|branch|chapter|section|department|office|team|committee"
        r"|working group)"
        # (not "the Bishkek office of the …", an international body's office here: the one written to)
        r" (?:of|within) our\b"  # "on behalf of the women's committee within our federation"
        r"|speaking (?:only )?for (?:our|the) [\w'’ -]{0,40}?(?:team|unit|department|office|branch|member|chapter|wing"
        r"|section|committee)"
        r"|ответы (?:\w+\s+){0,2}организаций|(?:forward|pass on)\w* (?:the )?(?:answers|responses) of"
        # "При этом наши члены из Баткенской области возражают против 3.5": members of one place, not the body
        r"|(?:наши|ее|его) член\w* из\b"
        # "Ассоциациябыздын мүчөлөрүнүн бир бөлүгү 3.5 сунушуна каршы", "… Ноокен районундагы мүчө уюмубуз"
        r"|мүчөлөр\w* бир бөлүгү|мүчө уюмубуз"
        r"|\w+(?:дагы|тагы|догу|тогу) мүчө уюм\w*"  # "Биз, Ноокат районундагы мүчө уюмдар, …": one district's
        # "Биздин мүчөлөрдүн көбү макул деп жатышат": most of the members say so, not the body's answer (not "…,
        # себеби мүчөлөрдүн көбү смартфон колдонбойт", a reason)
        r"|мүчөлөр\w* көбү\w* (?:\w+ )?(?:макул|колдойт|колдошот|каршы)"
        # (not "our members in Talas and Naryn cannot even get stable mobile internet": why, in a reason)
        r"|\b(?:our|its) members (?:from|in) (?:[\w-]+\s+){1,3}(?:object|oppose|disagree|reject|voted"
        r"|(?:are|were) against"
        r"|(?:do not|don't|cannot|can't) (?:\w+ )?(?:support|agree|accept|endorse|back))"
        # "sorry im a student at AUCA, got this from my professor": a person, not the organisation written to
        r"|speaking (?:for|on behalf of) myself|not (?:for )?the whole (?:group|organi[sz]ation|association|network)"
        r"|not (?:for |on behalf of )?the (?:\w+ )?as a whole"  # "(not the foundation as a whole)"
        # "The working group confirms its support": a group inside the body, not the body that was written to
        r"|\bthe working group (?:confirms|supports|agrees|accepts|endorses)|рабочая группа (?:\w+ )?(?:поддерживает"
        r"|согласна|одобряет|подтверждает)"
        # "Мен уюмдун Баткен бөлүмүнүн жетекчисимин", "Как член Общественного совета …, выражаю свое мнение"
        r"|уюмдун (?:\w+ )?бөлүм\w*|выражаю (?:свое|мое) (?:личное )?мнение"
        r"|(?:(?<=^)|(?<=[.!?] )|(?<=\n))как член\w*"
        r"|\bi'?m (?:a|an) student\b|\bя студент\w*|бөлүмүнөн жаз\w*|биздин бөлүм\w*|бөлүм\w* атынан"
        # "Writing on behalf of our Osh regional chapter"
        r"|(?:regional|district|oblast|provincial|local|city) chapter"
        r"|от имени (?:\w+ )?(?:крыла|отдела|секции|подразделения)"  # "Пишу от имени молодёжного крыла ассоциации"
        r"|(?<!\w)\w{1,30}(?:ое|ее) крыло\b"  # "Молодёжное крыло нашей ассоциации поддерживает …"
        # "ассоциациясынын Ат-Башы бөлүмү" (the association's At-Bashy branch), "жообу өзүнчө келет" (comes apart)
        r"|(?:ассоциация|бирикме|уюм|палата|союз|тармак)\w*(?:нын|нин|дын|дин|тын|тин)\s+[\w-]+\s+бөлүмү"
        # "Мен «Нарын Өнүгүү» уюмунун Ат-Башы бөлүмүнүн жетекчисимин", "Уюмубуздун Баткен бөлүмү … колдойт"
        r"|уюм(?:унун|убуздун)\s+[\w-]+\s+бөлүмү"
        # "мечит уюмдарынын атынан жазып жатам" (not "мүчө уюмдардын атынан": the body for its members)
        r"|өзүнчө кел\w*|(?<!мүчө )уюмдар\w* атынан"
    ),
    "outside_reference": compile_at_heads(
        # "Согласны, кроме того, что мы обсуждали на бишкекской сессии": what was said elsewhere
        r"кроме (?:того|тех|той),? (?:что|которые|которую|о чем) (?:мы )?(?:\w+ )?(?:обсужда|обсуди|говори|договори"
        r"|отмеча|писа)\w*|"
        r"как (?:и )?договорил\w+|с учетом (?:тех |наших |всех )?(?:правок|поправок|замечаний|предложений)"
        # "с учётом нашей письменной позиции, направленной в Министерство": a position set out elsewhere
        r"|с учетом (?:нашей|нашего|наших|своей|своего) (?:\w+ )?"
        r"(?:позиции|мнения|письма|обращения|заключения)(?!\s+по\b)(?![^.\n]{0,40}(?:ниже|выше))"
        # "согласно нашей позиции, направленной в Министерство", "с учётом позиции, изложенной в нашем письме"
        r"|(?:позици|заключени|мнени)\w*(?: по [\d.]+)?, (?:\w+ ){0,2}(?:направленн|изложенн)\w* (?:\w+ ){0,2}"
        r"в (?:наш\w* )?"
        r"(?:письм|министерств|жогорку|парламент|правительств|обращени)"
        # "Позиция нашей ассоциации по цифровым вопросам изложена в письме от 10.02.2023 № 14": set out elsewhere
        r"|(?:позици|мнени)\w*(?: [^\W\d]+){0,5} изложен\w* в (?:наш\w* )?(?:письм|обращени|документ|заключени)"
        r"|с (?:теми |нашими )?(?:правками|поправками|замечаниями)|(?:озвучил\w*|высказал\w*) (?:на встрече|во время)"
        r"|поправк\w*,? внесенн\w*"  # "Просим учесть поправки, внесённые на рабочей группе 10 марта, — с ними согласны"
        # "Согласны со всеми рекомендациями, по которым мы высказались положительно на диалоге 1 марта": which, unsaid
        # ("Согласны по всем пунктам, по которым голосовали на встрече в Оше 15 марта")
        r"|(?:озвучил|озвучен|высказал|голосовал|поддержал)\w* (?:\w+ ){0,2}?"
        r"(?:на диалоге|на заседании|на форуме|на встрече|на собрании|на совещании)"
        # "…, включая те, что почему-то не вошли в письмо": recommendations the letter does not hold
        r"|не вош(?:л|едш)\w* в (?:\w+ )?(?:письмо|документ|текст|перечень|список)"
        r"|\bas (?:discussed|agreed)\b|with the (?:amendments|changes|comments|edits|revisions)\b"
        r"|\bin the amended (?:wording|version|text)\b|\bagreed with your team\b"
        r"|\b(?:version|wording|text) amended (?:at|during|by|in)\b"  # "in the version amended at the working group"
        # "Позиция нашей коалиции изложена в резолюции регионального форума": the answer is in another document
        r"|позици\w* (?:\w+ ){0,3}изложен\w* в (?!(?:данном|этом|настоящем) )(?:\w+ )?"
        r"(?:резолюци|протокол|заявлени|решени|письм|документ)\w*"
        # "pls note we never agreed on 4.3 at the dialogue": what was said there, not in the letter
        r"|\bagreed (?:on |to )?(?:\S+ ){0,3}at the (?:dialogue|meeting|session|conference)\b"
        # "Following our call with Mr. Asanov yesterday, we confirm the position we agreed verbally"
        r"|\bagreed (?:verbally|orally|by phone|on the (?:phone|call))|\bconfirm (?:the|our) position (?:we|that)\b"
        # "But pls note our comments in the letter of 10 March still stand"
        r"|\b(?:comments|remarks|position|objections) [^.;!?]{0,40}"
        r"\b(?:still stands?|still appl(?:y|ies)|remains? valid)\b"
        # "Поддерживаем позицию Ассоциации фермеров Иссык-Куля по всем пунктам": another body's answer, not here
        r"|(?:поддерживаем|разделяем|присоединяемся к) позици\w+ (?!по\b|в\b|о\b|об\b|комитет|оргкомитет)\w+"
        r"|\b(?:support|share|endorse|join) the (?:position|views?) of\b"
        # "support the coalition's joint position", "As per our comments submitted in the Google form last week"
        r"|\b(?:support|share|endorse|join) (?:the |our )?[\w-]+'s? (?:joint |common )?position\b"
        r"|\b(?:as per|per|in line with|according to) our (?:\w+ )?(?:comments|submission|input|feedback)\b"
        r"|(?:замечани|комментари|позици)\w* [^.;!?]{0,40}\b(?:остают\w* )?в силе\b"
        # "in line with the memorandum we signed with the Ministry" (not "готовы подписать меморандум")
        r"|\b(?:in line with|under|according to|as per) (?:the |our )?memorandum\b"
        r"|\bmemorandum (?:that |which )?we signed"
        r"|(?:согласно|в соответствии с|в рамках) (?:нашего |подписанного )?меморандум\w*"
        r"|in (?:our|my) (?:letter|e-?mail|note|message) of|в (?:нашем|моем) письме от|(?:нашего|моего) письма от"
        r"|в (?:той(?: же)? |нашей |согласованной )?редакции|обсуждали на встрече|с дополнениями"
        r"|присоединя\w+ к (?:\w+ )?(?:ответу|позиции|мнению|письму)|join (?:the|their) (?:answer|response|position)"
        r"|с теми же замечаниями|как и в прошлом году|same (?:comments|remarks|reservations|amendments)"
        r"|as (?:amended|revised|modified|changed)\b|see (?:\w+'s|her|his|their|our|my) (?:e-?mail|letter|message|note)"
        r"|см\.? (?:\w+ )?(?:письмо|сообщение|резолюци\w*|протокол\w*)"
        r"|position paper|joint (?:\w+ )?statement|as set out in|insofar as|in so far as|to the extent that"
        r"|в той мере,? в какой|постольку,? поскольку"
        r"|(?:см\.?|смотрите|see)\s+(?:\w+\s+)?(?:attach\w*|вложени\w*|приложени\w*|прикрепл\w*)"
        # "жолугушууда айтылган түзөтүүлөр эске алынса", "толуктоолорду эске алуу менен": amendments made elsewhere
        r"|(?:түзөтүү|толуктоо|өзгөртүү|эскертүү)\w*\s+(?:\w+\s+)?эске ал\w*"
        r"|(?:жолугушууда|жыйында|отурумда)\s+(?:\w+\s+){0,3}(?:айт|макулдаш)\w*"
        # "Жыйында талкуулангандай, биз киргизген оңдоолор менен бирге": with the amendments we made there
        r"|(?:киргизген|берген|сунуштаган)\s+оңдоо\w*|талкуулангандай"
        r"|(?:түзөтүү|толуктоо|өзгөртүү|эскертүү)\w*\s+менен"
        # "2022-жылы силерге жиберген сунуштарыбызды эске алуу менен …": with our own earlier proposals
        # (a word's start, then the word taken whole: "\w+…\w*" gave back characters at every start, cubic)
        r"|(?<!\w)(?=\w*?(?:ыбыз|ибиз|убуз|үбүз))\w++\s+эске алуу менен"
        # "Биздин позиция 2022-жылдагы тегерек үстөлдүн резолюциясында көрсөтүлгөн": set out elsewhere
        r"|(?:резолюция|протокол|меморандум)\w*\s+(?:\w+\s+)?көрсөтүлгөн"
        # "кроме 3.5 (почему — мы уже писали в прошлом году в письме Министерству)": the why is elsewhere
        r"|уже (?:писали|направляли|излагали|обосновывали)\b"
    ),
    # "в принципе мы за", "Только хотим сказать …", "we are not sure …, but": agreement with a reservation
    "reservation": compile_at_heads(
        # ("Только 4.5 частично, …": an exception with its own stance, not a reservation on the whole)
        # (even one that opens IDs with a stance of their own: "Бардык сунуштарга макулбуз. Бирок 3.5 боюнча … каршыбыз.
        # Жыйынтыгында баарын колдойбуз." — exempting those let six unclear replies through)
        r"(?:^|[.!?]\s+|\n)\s*(?:однако|however|бирок|though|although)\b"  # "Agree with everything. Though 3.5 …"
        # "Голосуем за то, чтобы исключить 4.3": a vote to drop it, not for it
        r"|голосу(?:ем|ю)\s+\"?за\"?\s+(?:то,?\s+чтобы\s+)?(?:полное\s+)?"
        r"(?:исключ|удал|отклон|убра|сня|отказ|вычерк|замен|перераб)\w*"
        # "4.5 сунушунун экинчи бөлүгү менен макулбуз, биринчи бөлүгү менен жок": a stance on each part of one
        # (not "Сунуштардын биринчи бөлүгү", the first part of the letter: panel 1)
        r"|(?:\d\.\d{1,2}\w*|сунушунун|сунуштун)\s+(?:\w+\s+)?(?:биринчи|экинчи|үчүнчү)\s+бөлүг\w*"
        r"|(?:^|[.!?]\s+|\n)\s*(?:только|единственное)\b"
        r"(?![\s,:—–-]*(?:исключение[\s,:—–-]*)?(?:(?:по|с|со|on|for|with)\s+)?(?:п\.\s*|рек\.\s*)?\d\.\d)"
        # "В целом поддерживаем, с учетом того, что реализация 3.4 и 3.7 должна идти на кыргызском языке"
        r"|с учетом того,? что\b"
        r"|в принципе|in principle|(?<!\w)хз(?!\w)"  # "а 4.3 ну хз": who knows
        # "При этом по 2.1 хотим отметить, что сотрудничество должно быть на равных условиях": a condition on it
        # ("… хотим подчеркнуть, что привлечение бизнеса в наблюдательные советы … считаем недопустимым": 4.1's words)
        r"|(?:хотим|хотели бы|хотелось бы) (?:отметить|подчеркнуть)[^.]{0,40}?что [^.]{0,80}?"
        r"(?:должн\w+|следует|недопустим\w*|неприемлем\w*|нельзя)"
        r"|\b(?:would|'d) only (?:like to )?(?:note|point out|remark)\b"  # "On 3.1 we would only note that …"
        r"|только вот|вот только|although (?:we|i) (?:think|believe|feel|find|consider)"
        # "В целом согласны, есть вопросы по реализации": agreed, with questions left open
        r"|(?<!не )есть (?:\w+ )?(?:вопросы|сомнения) (?:по|к|насчет)"
        r"|(?:have|has) (?:some )?questions (?:about|on|regarding)"
        r"|хотя (?:мы )?(?:считаем|думаем|полагаем)|пока (?:не)?\s?(?:понятно|ясно)|not yet clear|still unclear"
        r"|не (?:по|при)мню,? (?:какой|какая|какую|какие|номер|точно)|(?:don't|can't) remember (?:which|the number)"
        r"|с (?:\w+ )?оговорк\w+|with (?:\w+ |a few ){0,2}(?:reservation|caveat)\w*"
        # "We don't think all of these are realistic …, but we support …": not all, and which ones unsaid
        r"|(?:don't|do not) (?:think|believe) (?:that )?(?:all|every)\b|not all of (?:them|these|the recommendations)"
        r"|не все (?:из них|они|эти)\b"
        r"|не уверен\w*|сомнева\w*|not sure|unsure|под вопросом|(?:надо|нужно) (?:еще )?подумать"
        r"|(?:есть|имеются|остаются|возникают|возникли) (?:\w+ )?сомнени\w*"  # "по ряду пунктов … есть сомнения"
        # "Хотя 3.7 у нас вызывает сомнения, … так что по 3.7 скорее против": a leaning, not a stance
        r"|\bскорее (?:всего )?(?:против|за|нет|да|согласн\w*|не согласн\w*|поддерж\w*|не поддерж\w*)"
        r"|\brather (?:against|opposed|in favou?r)\b"
        r"|\bнаверн\w*|\bпо-видимому|\bкажется\b|\bperhaps\b|\bprobably\b|\bmaybe\b|\bpossibly\b|\bmight\b"
        r"|мүмкүн\s+(?:\w+\s+)?(?:макул|колдо|кабыл)"  # "калганы мүмкүн макул болобуз": maybe we will agree
        r"|\b(?:вроде|врое|vrode|vroe)\b"  # "Da vse ok podderjivaem vroe": "seemingly", from a phone
        # "… she supports these, I think.": a guess added after the stance
        r"|,\s*(?:i|we) (?:think|believe|guess)(?=\s*(?:[.!?)]|$))|\bi guess\b|(?<!\w)i think(?=\s*(?:[,.;!?)]|$))"
        # "3.5ке макул эмеспиз деп ойлойм, бирок так айта албайм": I think so, and cannot say for sure
        r"|деп ойлойм(?!\w)|так айта албай\w*"
        # "Принимаем все с учетом замечания: в 3.4 нужно …", "We support them, but 4.1 needs rewording"
        # ("В целом поддерживаем, с замечанием: формулировки 1.1 и 3.3 слишком общие": a remark, then IDs it is on)
        r"|с (?:учетом (?:\w+ )?)?замечани\w*(?=\s*:)|needs? (?:some |a )?(?:rewording|redrafting|rephrasing)"
        # "В целом поддерживаем, есть отдельные замечания.": remarks on some, not said which (not "замечаний нет")
        # ("Просим учесть наши замечания по 4.3": remarks not given; not "… замечания:" over the remarks themselves)
        r"|(?<!\w)(?:есть|имеются|имеем|учесть|учтите)\s+(?:\w+\s+)?замечани\w*+(?!\s*:)"
        r"|should be (?:reworded|redrafted|rephrased)"
        # "We find it hard to support 3.5": a leaning, not a stance
        r"|(?:hard|difficult) to (?:support|agree|accept|endorse)"
        r"|(?:трудно|сложно|тяжело) (?:поддержать|согласиться|принять)"
        # "кроме 1.5/4.4 — дублируют друг друга, оставьте одну": a request, and which one it rejects is unsaid
        r"|оставьте (?:только )?(?:одну|один)|keep (?:only )?one of them"
    ),
    # "Согласны только с 1 панелью": "only" says something about all the others too
    "unclear_exception": compile_at_heads(
        # (not "отвечает только по рекомендациям, которые касаются …": which ones it answers, listed after)
        # (within a line: "… elected by members only" over "4.2 | Agree" is no "only 4")
        # (nor "Ответ только по третьей панели:", the answer's own scope)
        r"(?<!отвечаем )(?<!отвечает )(?<!отвечаю )(?<!ответ )(?<!ответы )(?<!answer )(?<!response )"
        r"(?:только|лишь|\bonly)[^\S\n]+(?:с|со|with|по|on|for)?[^\S\n]*"
        r"(?:те\s+|тех\s+|the\s+|those\s+)?"
        # (not "only 2G"; "только с первой и четвёртой панелью": by ordinal)
        r"(?:\d(?![gг]\b)|рекомендаци|панел|раздел|section|panel|recommendation|перв|втор|трет|четв|first|second"
        r"|third|fourth)"
        # "Баарына согласныбыз, 3.5 гана эмес": "just not 3.5", or "not only 3.5"? and what of 3.5, then?
        r"|\d\.\d{1,2}\w*+[^\S\n]++гана[^\S\n]++эмес"
    ),
    # "Согласны с 3.1, 3.3, 3.4 и т.д.": a list that goes on, to where?
    "vague_scope": compile_at_heads(
        r"\d\.\d{1,2}[^\S\n]*(?:,[^\S\n]*)?"
        r"(?:и[^\S\n]+т\.[^\S\n]?[дп]\.|и[^\S\n]+так[^\S\n]+далее|etc\b|and so on|\.\.\.|…)"
    ),
    # "Поддерживаем 3.6 и ту рекомендацию, где говорится о бизнесе": one more, described, not numbered
    "unclear_reference": compile_at_heads(
        r"(?<!\w)(?:ту|те|той|тех|тот|та)\s+(?:рекомендаци\w*|пункт\w*),?\s*(?:где|в которой|в котором|котор\w+)"
        # "согласны со всеми рекомендациями, которые адресованы бизнес-ассоциациям": all of some, which?
        r"|(?<!\w)(?:все\w*|all)\s+(?:\w+,?\s+){0,2}?(?:которые|that|which)\s+(?:are\s+|were\s+)?"
        r"(?:адресован\w*|касаются|относятся|addressed|concern\w*|relate\w*|apply)"
        r"|\b(?:and|or) the (?:one|ones)\s+(?:about|on|where|that|which|regarding)\b"
        # "Fine with the ones addressed to business associations": which are those?
        r"|\bthe ones (?:addressed|aimed|directed|targeted) (?:to|at)\b"
        # "Не согласны с рекомендациями, которые возлагают на ОГО функции государства": some, described
        # (not "рекомендации, которые были выработаны на диалоге", all of them; nor "…, которые мы не поддерживаем:")
        # (a stance on them, not a frame: "Наша позиция по рекомендациям, которые касаются нашей работы:")
        r"|(?:согласн\w*|поддерживаем|принимаем|одобряем|против)\s+(?:со?\s+)?рекомендаци\w+,\s+котор\w+\s+"
        r"(?!(?:мы|нам|нас|вы|были|был[аи]?|выработ|сформулир|разработ|представлен"
        r"|направлен|изложен|содерж|привед|приняты|обсужд)\w*)\w+"
        # "и то, что говорили про кибербезопасность детей": something said at the dialogue, not a recommendation
        r"|\bто,? что говорили (?:про|о|об)\b|\bто,? что обсуждали (?:про|о|об)?\b|\bwhat was said about\b"
        # "Из третьей панели не поддерживаем ту, что про обучение": which one is that?
        r"|(?<!\w)(?:ту|тот|те),? что про\b|(?<!\w)(?:ту|тот|те),? которая про\b"
    ),
    "revision": compile_at_heads(
        r"предыдущ\w+ (?:ответ|письм|позици)|недействительн\w*|(?:disregard|replaces?) (?:our )?(?:previous|earlier)"
        r"|my (?:previous|earlier|last) (?:e-?mail|letter|message|reply)|(?:e-?mail|letter) (?:from|of) last week"
        r"|following up on (?:my|our)|i wrote that|we wrote that|я писал\w*, что|мы писали, что"
        r"|в (?:прошлом|предыдущем|первом|том|своем) (?:письме|ответе|сообщении)|не учитывать (?:наш|мой)\w*"
        r"|вчерашн\w+ (?:ответ|письм)\w*|(?:disregard|ignore) (?:our|my)\b"
        r"|ранее (?:мы |я )?(?:(?:на)?писал\w*|сообщал\w*|ответил\w*|направил\w*|отправил\w*)"
        # "В пятницу мы ответили, что согласны со всеми. Хотим уточнить: по 4.3 мы не согласны"
        r"|(?:мы|я) (?:уже )?ответил\w*,? что|хотим уточнить|we (?:already )?replied that"
        r"|(?:in )?(?:my|our) (?:last|previous|earlier|first) (?:e-?mail|letter|message|reply|answer)"
        r"|мурунку (?:кат|жооп)\w*|уточняем(?=\s*[:,])|further to (?:my|our)"
        # "Кечээки катыбызга оңдоо: 4.3 боюнча «каршыбыз» деп жазганбыз, бирок …": yesterday's letter, corrected
        r"|кечээки (?:кат|жооп)\w*|деп жаз(?:ганбыз|гамын|ган элек)"
        # "Кечээ жиберген катыбызды жокко чыгарабыз": we withdraw it (not "… жокко чыгарбаңыздар", don't cancel it)
        r"|(?:кат|жооп|жооб)\w* (?:\w+ )?жокко чыгар(?!ба|бо)\w*"
        r"|(?:change|revise|update) our (?:position|answer|response)|no longer|больше не|уже не (?:поддерж|соглас)\w*"
        r"|as (?:i|we) (?:mentioned|said|told you)|как (?:я|мы) (?:уже )?(?:говорил|сказал|сообщал)\w*"
        r"|(?:изменить|меняем|изменяем|пересматриваем) (?:свою |нашу )?позици\w*|позициябызды өзгөрт\w*"
        r"|correction to|(?:we|i) meant\b|where (?:we|i) wrote|исправлени\w*|имели в виду|оговорились"
        # "прошу считать действительным этот ответ вместо отправленного вчера"
        r"|считать действительным|вместо (?:отправленного|предыдущего|прежнего)|(?:this|it) replaces\b"
        # "В дополнение к нашему письму от 10 марта: просим считать, что по 4.1 мы всё-таки против"
        r"|в дополнение к (?:нашему |моему )?(?:письму|ответу)|просим считать,? что"
        # "6 марта мы отправили ответ, что согласны со всеми. Просим считать актуальной другую позицию: …"
        r"|просим считать актуальн\w*|(?:мы|я) (?:уже )?(?:отправил|направил)\w* (?:вам )?(?:ответ|письм)\w*"
        # "Дополнение к нашему ответу: по 4.3 всё-таки воздерживаемся, а не «за», как писали ранее"
        r"|дополнение к (?:нашему |моему )?(?:письму|ответу)|как (?:мы |я )?(?:писали|писал\w?) ранее"
        r"|in addition to (?:our|my) (?:letter|e-?mail|reply)"
        # "с пунктом три точка пять нет то есть три четыре": corrected as it was said
        r"|\bнет,? то есть\b|\b(?:no|sorry),? i mean\b"
    ),
    # "we don't agree with everything here": not with all of them, or with none?
    "ambiguous_negation": compile_at_heads(
        # (not of people or places: "не все ИТ-ассоциации готовы работать бесплатно" is a reason's fact)
        r"\bне (?:все|всё|со всеми|во всем)\b(?!\s+(?:[\w-]+\s+)?(?:[\w-]*ассоциаци|организаци|ого\b|нко\b|члены"
        r"|компани|жител|люди|сел[ао]|айыл|район|регион|школ|предпринимател|партнер|донор|госорган|акимиат|мэри))"
        r"|\bnot (?:all|every)\b(?!\s+(?:\w+\s+)?(?:csos?|ngos?|organi[sz]ations?|associations?|members?|companies"
        r"|villages?|regions?|districts?|schools?|people|partners?|donors?)\b)"
        # "Не считаем, что все рекомендации реалистичны": not all of them, but which?
        r"|\bне (?:считаем|думаем|уверены),? что (?:все|всё)\b|\b(?:don't|do not) (?:think|believe),? (?:that )?all\b"
        r"|(?:n't|not) (?:agree|support|accept|endorse) (?:with )?(?:everything|every|all)\b"
        # "И вообще многое в письме не согласуется с нашей позицией": much, but what?
        r"|\bмногое (?:\w+ ){0,4}?не (?:согласуется|соответствует|устраивает)"
        # "не можем согласиться с рекомендациями в том виде, в котором они изложены": with the wording, or at all?
        # (of the recommendations at large: "4.3 — не согласны в таком виде" is 4.3's answer)
        r"|\bне (?:можем |могу )?(?:согласиться|поддержать|принять|согласны|поддерживаем|принимаем) (?:с )?"
        r"(?:рекомендаци\w+|ними|ими|их)\b[^.!?\n\d]{0,60}?"
        r"\bв (?:том|таком|нынешнем|текущем|существующем|данном|представленном|предложенном) виде"
        r"|(?:n't|not) (?:agree with|support|accept|endorse) (?:the )?(?:recommendations|them)\b[^.!?\n\d]{0,60}?"
        r"\b(?:in (?:their|its|the) (?:current|present|proposed) (?:form|wording)|as (?:currently )?(?:worded"
        r"|drafted|formulated))"
    ),
    # "1-ю не рассматривали", "остальные не обсуждали": named, and deliberately left without a stance
    "no_stance_for_id": compile_at_heads(
        r"не (?:обсуждали|обсудили|рассматривали|рассмотрели|изучали|успели)"
        r"|not (?:yet )?(?:discussed|considered|reviewed)"
        r"|талкуулаган жок\w*|караган жок\w*"
    ),
    "indirect": compile_at_heads(
        r"\b(?:сказал\w*|говорил\w*|говорит|говорят|сообщили|отметили)\s*,?\s+что"
        # "Председатель считает, что …" (not "наша организация считает, что …": the organisation's own view; but
        # "наш донор считает, что …" is another's)
        r"|(?<!наша организация )(?<!наша ассоциация )(?<!наша сеть )(?<!наше объединение )(?<!наш фонд )"
        r"(?<!наш союз )(?<!наш центр )(?<!наша палата )(?<!наша коалиция )\bсчитает\s*,?\s+что"
        r"|передаю (?:информацию|инфо)"
        r"|\b(?:сообщил|передал|сказал|говорил)[аи]?\b[^.]{0,80}?,\s*что"
        r"|сказал\w* (?:\w+ )?(?:ответить|передать|написать),? что"
        # "Биздин төрага бардык сунуштарды колдой турганын айтты": the chair said that they will support all
        # "Биздин төрага баарына макулбуз деп айтты": the chair said "we agree with all"
        r"|(?<!\w)(?:макул|колдо|каршы)\w*\s+деп айт(?:ты|ышты|кан)\b"  # (not a proverb: "«…» деп айткан")
        # ("… сунуштарды жалпысынан колдоорун айтты": that they would support, the future participle)
        r"|(?<!\w)\w{1,30}(?:ган|ген|кан|кен|гон|гөн|кон|көн|аар|ээр|оор|өөр)(?:ын|ин|ун|үн|дыгын|дигин|ыбызды|ибизди"
        r"|убузду|үбүздү)\s+(?:айтты|айтышты|айткан|билдирди)\b"
        r"|\b(?:she|he) (?:says|thinks)\b"  # "I spoke with our chairwoman, she says the association is fine with …"
        r"|\btold (?:us|me)\b|\bsaid (?:that )?they\b|просил\w* передать|asked (?:me |us )?to (?:tell|pass on|say)"
        # "I was asked by our director to let you know that the Association supported …"
        r"|(?:was|were|been) asked (?:by [\w' ]{1,40}?)?to let you know"
        r"|\bmentioned\b[^.]{0,80}\bthat\b|passing (?:this|it) on|just forwarding"
        # "Our chairwoman said at the last meeting that she supports these" (not "as we said, …")
        r"|(?<!as we )(?<!as i )\bsaid\b[^.,]{0,80}?\bthat (?:she|he|they|it)\b"
        r"|передаю (?:его|ее|их) (?:слова|мнение)|\b(?:he|she|they) said\b|asked me to let you know"
        r"|\bэкен\b"  # the Kyrgyz hearsay particle: "баарына макул экен", (he said) they agree
        # "төрага телефон аркылуу … макул экенибизди айткан": the chairman said so, on the phone
        r"|экени\w*\s+(?:\w+\s+){0,2}айт\w*|по телефону|by phone|on the phone"
        r"|телефон аркылуу(?!\s+алда)"  # (not "телефон аркылуу алданып жатат": cheated by phone)
        r"|как (?:мне|нам) (?:передал|сказал|сообщил)\w*|\balready (?:told|said|informed)\b"
        # "Как сообщила наш координатор …, наша сеть рекомендации поддерживает" (not "как мы сообщали")
        r"|как (?:уже )?(?:сообщил|сказал|говорил|передал)а?(?!\w)"
        r"|as far as (?:i|we) know|насколько (?:я знаю|мне известно|нам известно)|(?:they|all of them) all support"
        r"|(?<!\w)деди(?!\w)"  # "Биздин директор баарына макул деди": the director said so
    ),
}
# Most alternatives of the patterns above open with "\b" or a group, which the regex engine tries afresh at every
# character: searched over every reply, they cost a fifth of reading its stances. Each of their matches holds
# one of these words, literally (tests/stances/test_gates.py derives it from the patterns), so a reply holding
# none of them is not searched: one scan for plain words is many times cheaper. (Not all are gated: "не " or
# "not " are in most replies, and the patterns left out are cheap.)
_WORDS = {
    "partial_speaker": (
        "%", "answers", "branch", "chapter", "committee", "department", "half of", "in my", "member", "office",
        "the rest of", "personal", "responses", "section", "student", "team", "wing", "атынан эмес", "башка",
        "билбейбиз", "бөлүм",
        "единую позицию", "жарымы", "жеке өзүм", "комитете", "лично", "менин оюмча", "мүчө", "организаци",
        "от себя", "отвечаю", "отделени", "офис", "разошлись во мнениях", "секции", "участников", "филиал", "член",
        "я студент", "өзүнчө жаз", "өзүнчө кел", "myself", "the whole", "өкүл", "speaking", "өзүмдүн атымдан",
        "от имени", "атынан", "крыло", "working group", "рабочая группа", "выражаю", "as a whole", "часть",
    ),
    "outside_reference": (
        "agreed", "кроме", "amended", "amendments", "as set out in", "submission", "input", "feedback", "заключени",
        "мнени",
        "attach", "changed", "changes", "comments", "discussed",
        "edits", "in so far as", "insofar as", "поправк", "join the", "joint", "letter", "mail", "message", "modified",
        "memorandum", "меморандум", "still stand", "still appl", "remain", "в силе", "позици", "position", "view",
        "note", "position paper", "revised", "revisions", "same", "to the extent that", "в той мере", "вложени",
        "во время", "договорил", "жолугушууда", "жыйында", "оңдоо", "талкуулангандай", "замечаниями",
        "как и в прошлом году", "на встрече", "диалоге", "заседании", "форуме", "встрече", "собрании", "совещании",
        "отурумда", "письме от", "письмо", "постольку", "правками", "прикрепл", "приложени", "присоединя", "редакции",
        "с дополнениями", "с учетом", "сообщение", "толуктоо", "түзөтүү", "эскертүү", "өзгөртүү", "письма от",
        "не вош",
        "резолюци", "протокол", "уже ", "эске алуу менен",
    ),
    "reservation": (
        "though", "believe", "caveat", "however", "in principle", "maybe", "might", "not all of the", "not sure",
        "not yet clear", "perhaps", "possibly", "probably", "remember", "reservation", "still unclear", "think",
        "guess", "вроде", "врое", "vrode", "vroe", "хот",
        "unsure", "бирок", "в принципе", "единственное", "кажется", "мню", "наверн", "не все", "не уверен", "оговорк",
        "однако", "по-видимому", "под вопросом", "подумать", "понятно", "сомнева", "сомнени", "только", "хотя", "ясно",
        "с учетом", "замечани", "мүмкүн", "hard", "difficult", "трудно", "сложно", "тяжело", "need", "should be",
        "оставьте", "keep", "скорее", "rather", "note", "point out",
        "remark", "хз",
        "деп ойлойм", "так айта", "вопросы", "questions", "бөлүг", "голосу",
    ),
    "unclear_exception": ("only", "лишь", "только", "гана"),
    "unclear_reference": (
        "the one", "где", "котор", "что говорили", "что обсуждали", "what was said about", "что про", "которая про",
        "that", "which",
    ),
    "revision": (
        "change", "correction to", "disregard", "earlier", "first", "following up on", "further to", "ignore", "last",
        "meant", "mentioned", "no longer", "previous", "revise", "said", "told you", "update", "wrote", "больше не",
        "вчерашн", "говорил", "изменить", "имели в виду", "исправлени", "меняем", "мурунку", "мы писали, что",
        "не учитывать", "недействительн", "ответе", "пересматриваем", "письме", "позициябызды өзгөрт", "предыдущ",
        "ранее", "сказал", "сообщал", "сообщении", "уже не", "уточняем", "я писал", "вместо", "считать действительным",
        "то есть", "i mean", "ответил", "хотим уточнить", "replied",
        "replaces", "в дополнение к", "просим считать", "in addition to", "дополнение к", "кечээки", "деп жаз",
        "жокко чыгар", "отправил", "направил",
    ),
    "indirect": (
        "all support", "as far as", "asked me to let you know", "by phone", "just forwarding", "mentioned",
        "on the phone", "pass on", "passing", "said", "say", "tell", "told", "говорил", "говорит", "говорят",
        "мне известно", "нам известно", "отметили", "передал", "передать", "передаю", "по телефону", "сказал",
        "сообщил", "считает", "телефон аркылуу", "экен", "я знаю", "informed", "деди", "to let you know", "айтты",
        "айткан", "деп айт",
        "айтышты", "билдирди", "says", "thinks",
    ),
    "holding": (
        "answer", "confirmed", "decided", "determined", "get back to you", "later", "need to", "next week", "reply",
        "respond", "tbd", "to follow", "tomorrow", "will", "потом", "изложим", "выскажем", "озвучим", "азырынча",
        "будем", "будет направлен", "будет сформирован",
        "в ближайшее", "вернемся", "дадим", "дополнительно", "жооп бере", "завтра", "заседания", "кароо", "келгенде",
        "кийин", "на следующей неделе", "напиш", "направим", "направит", "направлю", "обсу", "ответим", "ответит",
        "ответят", "отвечу", "отдельно", "отпишемся", "отпишусь", "подумать", "позвон", "позднее", "позже", "после",
        "посмотреть", "посмотрим", "посмотрю", "потом", "предварительно сообщаем", "предоставим", "принят", "пришлем",
        "пришлю", "пусть", "рассмотр", "решат", "решит", "собрания", "сообщим", "сообщу", "талкуула", "утвержден",
        "уточним", "уточню", "explain", "объясним", "поясним", "вернусь", "уточнить", "ойлон", "говорим",
        "изуча", "прорабатыва", "анализиру", "поговорить", "still", "under", "отдельным", "посмотрит", "посмотрят",
        "чечим", "карап чыг",
        "'ll", "voted", "yet to", "еще не", "скин", "кину", "пока не", "haven't", "итогов", "окончательн", "официальн",
        "подтверди", "before we", "прежде чем", "until then", "meet", "собер", "времен", "more time",
    ),
    "earlier_now": (
        "earlier", "previously", "буга чейин", "в предыдущем", "в прошлом письме", "мурда", "прежде", "ранее", "раньше",
        "уточн", "исправл", "изменяем", "меняем", "теперь", "now", "no longer", "мурунку",
    ),
}  # fmt: skip
# the patterns the words are of, by the same names
_GATED = {**_WHOLE_REPLY, "holding": _HOLDING, "earlier_now": _REVISION}


def _any_of(words: list[str]) -> str:
    """A pattern for any of `words`, branching on one letter at a time: a plain list of fifty words has the regex
    engine compare each at every character, a tree about two."""
    if "" in words:
        return ""  # a word ends here, and a longer one found holds it
    heads: dict[str, list[str]] = {}
    for word in words:
        heads.setdefault(word[0], []).append(word[1:])
    branches = [re.escape(head) + _any_of(tails) for head, tails in heads.items()]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


_GATES = {name: re.compile(_any_of(list(words))) for name, words in _WORDS.items()}


def _search(name: str, folded: str) -> re.Match[str] | None:
    """The pattern `name` searched in the folded reply; at once None when the reply holds none of its words."""
    gate = _GATES.get(name)
    return None if gate is not None and gate.search(folded) is None else _GATED[name].search(folded)


# "Ажар, ОО «Ак Жол Аялдары»": a signature line is never the reason of the sentence above it
# "Гулнара Т., бухгалтер АМСБ", "Т.Б. Абдыкадыров", "…, координатор проекта": a name with initials, or a job
# title after a comma, is a signature too (anchored or literal: linear on any line)
_SIGNATURE = re.compile(
    r"(?:^|[\s,])(?:ОО|ОФ|ОЮЛ|ОсОО|НКО|КБ|ТПП|NGO|CSO)\s*[«\"]|^\S+,\s*(?:ОО|ОФ|секретар|председател|директор)"
    r"|^[A-ZА-ЯЁ][a-zа-яё]+\s+[A-ZА-ЯЁ]\.(?:\s?[A-ZА-ЯЁ]\.)?(?:,|\s*$)|^[A-ZА-ЯЁ]\.(?:\s?[A-ZА-ЯЁ]\.)?\s*[A-ZА-ЯЁ][a-zа-яё]+"
    r"|,\s*(?:бухгалтер|юрист|координатор|менеджер|руководител|председател|директор|секретар|президент|специалист"
    r"|coordinator|director|manager|officer|chair)"
    # "Исп. директор Т. Жумабаева", "Председатель правления": a title opening a short line
    r"|(?i:^\W*(?:исп\.\s*|и\.\s?о\.\s*)?(?:исполнительн\w+\s+|генеральн\w+\s+)?(?:директор|председател|координатор"
    r"|руководител|президент|секретар|executive director|director|chair\w*|coordinator|president)\w*\b"
    r"(?:[^!?\d.]|(?<=\b[А-ЯA-Z])\.){0,50}$)"  # (a full stop only after an initial)
)
_RECEIVED = re.compile(
    r"^\W*(?:ок|ok|okay|окей|хорошо|принято|noted)(?:\W+(?:спасибо|рахмат|thanks|thank you|получили|received))*\W*$",
    re.IGNORECASE,
)
_QUESTION = re.compile(r"\?|уточните|поясните|разъясните|please clarify|что имеется в виду|what do you mean")
_ENGLISH_WORDS = re.compile(
    r"\b(?:the|we|our|of|and|all|with|to|is|are|i|yes|no|agree|support(?:ed|s)?|fully|endorsed?|recommendations?)\b"
)
_CLOSING = re.compile(
    r"^\s*(?:that'?s all|that is all|на этом (?:пока )?все|вот и все"
    r"|с уважением|с ув\.|спасибо|благодар|best\b|regards|kind regards|cheers|sincerely|thank|урматтоо|ийгилик"
    r"|рахмат|--)"
)
_RE_PREFIX = re.compile(r"^\s*(?:(?:re|fwd?|aw|ответ|отв|fw)\s*(?:\[\d+\])?\s*:\s*)+", re.IGNORECASE)
_ROW = re.compile(
    r"^\s*(?:[-*•●▪]\s*)?(?:\d{1,2}[.)]\s*)?(?:п\.\s*|пункт\s*|рек\.\s*)?\d{1,2}\.(?:\d{1,2}(?!\.\d)|[xх*](?!\w))|\|"
)  # ("3.x: yes": a panel's row)
# a list item starts a unit: the line above it was not wrapped into it ("…digital risk monitoring" over "4. Panel 4 –
# agree" had read "monitoring 4" as its reason)
_BULLET = re.compile(r"^\s*(?:[-*•●▪–—]|\d{1,2}[.)])\s")
# "1 — да": kept whole, then judged ambiguous (or a panel's row once `elliptic_panels` named it: "3 панель | нет")
_NUMBERED_ROW = re.compile(r"^\s*\d{1,2}(?: панель)?\s*[-–—:|)+]")
# A sentence ends before a capital, before an ID ("3.1-3.4 тоже. 3.5-3.8 воздерживаемся") or a numbered panel
# ("3.5 боюнча пикир бар. 3-панелдин калган сунуштары кабыл алынат"), unless the full
# stop is an abbreviation's ("п. 3.5", "рек. 3.5", "No. 3.5", "с. Кочкор")
_SENTENCE_END = re.compile(
    # ("No. 3.5" is a number's sign; "4.1 - no. Board seats …" ends a sentence)
    r"(?<=[.!?…])(?<!\bп\.)(?<!\bпп\.)(?<!\bрек\.)(?<!\bp\.)(?!(?<=\b[Nn]o\.)\s+\d)(?<!\bст\.)"
    r"(?<!\bс\.)(?<!\bг\.)(?<!\bобл\.)(?<!\bул\.)(?<!\besp\.)(?<!\bincl\.)(?<!\bвкл\.)\s+"  # "с. Кочкор", "г. Ош"
    r"(?=[\"«(A-ZА-ЯЁӨҮҢ]|\d{1,2}\.\d|\d{1,2}-[^\W\d]"  # "… 3-панелдин …", "3 жана 4-панелдер"
    r"|\d{1,2}(?:,\s*\d{1,2})*(?:\s+(?:и|жана|and)\s+\d{1,2}-?)?\s*(?:панел|раздел|panel|section)"
    # "… никто не будет посещать. остальное ок": the rest and its answer, typed in lower case
    r"|(?:остальн\w*|калган\w*|the rest|others)\s+(?:тоже\s+|too\s+)?(?:ок|ok|да|yes|за|норм\w*|fine|поддерж\w*"
    r"|соглас\w*|принима\w*"
    r"|макул\w*)(?!\w))"
)
_OTHERWISE = re.compile(r"\W*(?:otherwise|other than that|apart from that|aside from that|в остальном|а в остальном)\b")
_ANSWERED_IDS = r"^[ \t]*(?:пп?\.\s*|рек\.\s*)?\d\.\d{1,2}(?:\s*(?:[,–-]|и|and|жана)\s*\d\.\d{1,2})*[ \t]*[—–-][ \t]*"
_DASH_SEPARATES = re.compile(_ANSWERED_IDS + r"[^\W\d]", re.MULTILINE)  # "3.4 и 3.7 — поддерживаем"
_PLUS_VOTE = re.compile(r"^[ \t]*\d\.\d{1,2}[ \t]*[+✓✔✅]+[ \t]*$", re.MULTILINE)
# "+ 1.1-1.5" / "- 3.5": the sign before the IDs, line after line; a dash leading a line among the pluses is the
# "minus" (with a bracket after its IDs, "- 4.3 (зависит от акимиата)", "- 3.1 (особенно важен)", it may be a
# doubt, a stress or a why: a person reads it)
_PLUS_LINE = re.compile(r"^[ \t]*\+[ \t]*\d\.\d", re.MULTILINE)
_MINUS_LED = re.compile(r"[ \t]*[-–—−][ \t]*\d\.\d{1,2}(?:[ \t]*(?:[-–,]|и|and)[ \t]*\d\.\d{1,2})*+[ \t.]*")
_MINUS_VOTE = re.compile(r"[ \t]*\d\.\d{1,2}[ \t]*[-–—−][ \t]*([^\W\d].*)", re.DOTALL)
_EMPTY_ANSWER = re.compile(_ANSWERED_IDS + r"$")
# A table's heading row: two or more cells (tabs, bars or wide gaps between them) that only name its columns
_COLUMN_HEAD = (
    r"(?:№|#|no\.?|п\.|пп\.|пункт|рек\.?|rec\.?|id|item|recommendation|рекомендаци[яи]|сунуш\w*|panel|панель"
    r"|(?:our )?(?:position|stance|answer)|comments?|reason|why|(?:наша )?позиция|ответ|комментари[йи]|обоснование"
    r"|примечани[ея]|причина|позициябыз|түшүндүрмө|себеби|согласны/нет|да/нет|yes/no|agree/disagree|за/против)"
)
_COLUMN_HEADS = re.compile(rf"\|?\s*+{_COLUMN_HEAD}(?:(?:[ ]*+[\t|][ \t]*+|[ ]{{2,}}+){_COLUMN_HEAD})+\s*+\|?")
_KNOWN_SCRIPTS = ("CYRILLIC", "LATIN")


@dataclass(frozen=True)
class _Unit:
    text: str
    paragraph: int
    cut: bool = False  # a piece of a unit longer than MAX_UNIT_CHARS


def extract_stances(content: ReplyContent, campaign: Campaign) -> StanceResult:
    """Read every stance the respondent gave, and every reason a careful reader would stop and ask."""
    problems: list[Problem] = []
    claims: list[Claim] = []
    content, length = _capped(content)
    stance_word = latin_stance_word(content.text)
    latin = transliterate(content.text) if typed_in_latin(content.text, stance_word) else None
    if latin:
        content = replace(content, text=latin.cyrillic)
    elif stance_word:  # a Russian stance word in Latin letters, in a reply read as English: a word not read
        problems.append(Problem("unread_words", stance_word))
    if length > MAX_STANCE_CHARS:
        problems.append(Problem("too_long", f"{length} знаков, прочитаны первые {MAX_STANCE_CHARS}"))
    for pair in content.inline_pairs:
        _extend(claims, problems, _read_pair(pair, campaign))
    paired = {i for c in claims for i in c.ids}
    unpaired = _without_answers(content.text, content.inline_pairs)
    text_claims, text_problems = _read_text(unpaired, campaign)
    # "Ответ по 4.3 — ниже в тексте письма": named above the answer written under its quoted paragraph
    _extend(claims, problems, (text_claims, [p for p in text_problems if not _answered_below(p, paired)]))
    own_subject = _own_subject(content.subject, campaign)
    if not says_nothing(own_subject, campaign):  # most subjects are "Re:" and ours: nothing of their own to read
        _extend(claims, problems, _read_text(own_subject, campaign, body=False))
    elif condition_in(fold(own_subject)):  # "При условии финансирования", "Subject to board approval": on all of it
        problems.append(Problem("condition", own_subject.strip()[:80]))
    for attachment in content.attachments:
        if attachment.problem:
            problems.append(Problem("attachment_unreadable", f"{attachment.filename} ({attachment.problem})"))
        else:
            _extend(claims, problems, _read_text(attachment.text, campaign, body=False))
    # (each inline answer once: the reader may have left it in `text` too, and a cross-check counted its words twice)
    own_text = "\n".join([unpaired, *(p.answer for p in content.inline_pairs)])
    problems += _rest_of_nothing_named(claims)
    folded_own = fold(own_text)
    claims = _them_the_letters(folded_own, claims, campaign)
    claims += _rest_of_an_only_objection(folded_own, claims, campaign)
    claims = _rest_of_the_panels(claims, campaign)
    claims, unplaced = _rest_of_this_panel(claims, campaign)
    problems += unplaced
    stances, merge_problems = _merge(claims, campaign)
    problems += [
        p
        for p in _reply_problems(
            own_text,
            folded_own,
            content.language,
            _exceptions_answered(stances, campaign),
            "\n".join([fold(latin.latin) if latin else "", fold(own_subject)]),
        )
        if not (p.code == "reservation" and _reservations_of_partials(folded_own, stances))
    ]
    problems += merge_problems
    problems += _cross_check(folded_own, stances)
    problems += _objection_unrecorded(folded_own, stances)
    problems += _rejection_hedged(folded_own, stances)
    problems += _exceptions_denied(folded_own, stances)
    problems += _counted_exceptions(folded_own, stances, campaign) + _exceptions_not_given(claims, stances)
    problems += _objection_among_comments(folded_own, stances)
    problems += _undotted_ids(folded_own, campaign)
    problems += _whole_against_its_part(claims, len(campaign.ids)) + _narrowed_in_words(claims)
    problems += _postscript_turns(content.text, stances, campaign)
    problems += _partial_cover(folded_own, stances, campaign)
    problems = _most_then_the_rest(problems, claims, stances, campaign)
    problems += _mostly_all(folded_own, claims)
    problems += _divided(folded_own, stances)
    problems += _written_twice(content.text)
    if not stances:
        problems.append(Problem("no_stance", ""))
    loose = [f.rec_id for f in stances.values() if f.confidence < LOW_CONFIDENCE]
    if loose:
        problems.append(Problem("low_confidence", ", ".join(loose)))
    if latin:
        stances = {k: _as_typed(f, latin) for k, f in stances.items()}
    return StanceResult(stances, _reasons(problems))


def _as_typed(finding: StanceFinding, latin: Transliteration) -> StanceFinding:
    """A finding of a reply typed in Latin letters, its reason and evidence in the letters the respondent typed."""
    reason = latin.typed(finding.reason) if finding.reason else finding.reason
    return replace(finding, reason=reason, evidence=latin.typed(finding.evidence))


def _capped(content: ReplyContent) -> tuple[ReplyContent, int]:
    """`content` with its texts cut to `MAX_STANCE_CHARS` in all, in reading order; and the length it had."""
    left = MAX_STANCE_CHARS

    def take(text: str) -> str:
        nonlocal left
        kept = text[: max(left, 0)]
        left -= len(text)
        return kept

    text = take(content.text)
    pairs = tuple(replace(p, answer=take(p.answer)) for p in content.inline_pairs)
    subject = take(content.subject)
    attachments = tuple(replace(a, text=take(a.text)) for a in content.attachments)
    capped = replace(content, text=text, subject=subject, inline_pairs=pairs, attachments=attachments)
    return capped, MAX_STANCE_CHARS - left


def _reservations_of_partials(folded: str, stances: dict[str, StanceFinding]) -> bool:
    """ "On 3.5 we agree only in part. We support digital jobs in principle, but …", "Третью панель поддерживаем
    частично — поддерживаем идею, но сомневаемся …": every word of reservation is inside a partial stance's own
    sentence or its reason, which say how far already."""
    partial = {fold(t) for f in stances.values() if f.stance is Stance.PARTIAL for t in (f.evidence, f.reason) if t}
    if not partial:
        return False
    spans = [(at, at + len(e)) for e in partial if (at := folded.find(e)) >= 0]
    matches = list(_GATED["reservation"].finditer(folded))
    return bool(matches) and all(any(s <= m.start() and m.end() <= e for s, e in spans) for m in matches)


def _answered_below(problem: Problem, paired: set[str]) -> bool:
    return problem.code == "no_stance_for_id" and problem.detail in paired


def _extend(claims: list[Claim], problems: list[Problem], reading: tuple[list[Claim], list[Problem]]) -> None:
    claims += reading[0]
    problems += reading[1]


def _read_pair(pair: InlinePair, campaign: Campaign) -> tuple[list[Claim], list[Problem]]:
    """An answer written under a quoted paragraph of our letter is about that paragraph's recommendation."""
    quoted = fold(pair.quoted)
    targets = tuple(i for r in find_refs(quoted, campaign) if r.level == EXPLICIT and not r.problem for i in r.ids)
    if not targets:
        match = match_quote(pair.quoted, campaign)
        targets = (match.rec_id,) if match and match.accepted else ()
    claims, problems = _read_text(pair.answer, campaign, targets)
    if targets and not claims and not problems and pair.answer.strip():
        # "не готовы, нет специалистов" under 3.6, and "С остальным согласны" above: unread, the answer would
        # leave 3.6 to "the rest"
        problems.append(Problem("no_stance_for_id", "; ".join(targets)))
    return claims, problems


def _without_answers(text: str, pairs: tuple[InlinePair, ...]) -> str:
    """The reader may also leave inline answers in `text`; they are read once, with their quote."""
    for pair in pairs:
        if pair.answer.strip():
            text = text.replace(pair.answer.strip(), "", 1)
    return text


def _own_subject(subject: str, campaign: Campaign) -> str:
    """What the respondent added to our subject ("Re: … — согласны со всеми"), without "Re:" and our words."""
    own = _RE_PREFIX.sub("", subject)
    return own.replace(campaign.letter.subject, " ")


# "Не поддерживаем: —", "Disagree: none": a stance heading with nothing under it
_EMPTY_LABEL = re.compile(
    r"\s*[^\d:\n]{2,40}:\s*[—–-]+\s*|\s*(?:приложени\w*|вложени\w*|attachments?|enclosures?|тиркеме\w*)\s*:\s*"
    r"(?:нет|none|no|жок)\s*\.?\s*"  # "Приложение: нет."
    r"|\s*(?:не\s+|частично\s+)?(?:соглас|поддерж|против|воздерж|disagree|agree"
    r"|abstain|oppose|support|partly|partial|частично|принима)[^:\n\d]{0,30}:"
    r"\s*(?:none|нет(?: таких)?|таких нет|no|n/a|жок)\s*\.?\s*",
    re.IGNORECASE,
)
# "(+ согласны, − не согласны, ± частично)", "(A = agree, D = disagree)": a legend of the marks used below
_LEGEND_MARK = r"(?:[+\-−–—±0✓✔xх]\s*(?:=|—|–|:)?|[AaDdPpVv]\s*(?:=|—|–|:))\s*"
_LEGEND_WORD = (
    r"(?:не\s+|not\s+|partly\s+|частично\s+)?(?:соглас|поддерж|против|воздерж|частично|за\b|agree|disagree|partl"
    r"|partial|abstain|support|oppose|yes|no\b|да\b|нет\b)[^,;()\n\d]{0,25}"
)
_LEGEND = re.compile(
    rf"[^\n\d]{{0,40}}\(?\s*(?:{_LEGEND_MARK}{_LEGEND_WORD}[,;]\s*){{1,4}}{_LEGEND_MARK}{_LEGEND_WORD}\)?\s*:?\s*",
    re.IGNORECASE,
)
_RULE_LINE = re.compile(r"\s*[-=+|:_.–—]{3,}[-=+|:_.–—\s]*")
# "Рекомендация<TAB>Согласие<TAB>Комментарий": a table's header, column names and no answer ("Согласие" names the
# column the answers stand in)
_HEADER_CELL = re.compile(
    r"\s*(?:№|#|no\.?|id|п/п|рекомендаци\w*|пункт\w*|номер|позици\w*|согласие|оценка|мнение|ответ|комментари\w*"
    r"|обосновани\w*|причин\w*|примечани\w*|recommendations?|position|stance|comments?|reasons?|notes?|response"
    r"|сунуш\w*|пикир\w*|жооп|себеп\w*)\s*",
    re.IGNORECASE,
)
_CELL_EDGE = re.compile(r"\t+|\|")  # (the cells' spaces are the cell pattern's: "\s*\|" was quadratic)


_VOTE_PAIR = re.compile(r"\d\.\d{1,2}\s*[+−±✓✔×✗-](?=[\s,;]|$)")
_VOTES_LINE = re.compile(r"\s*(?:\d\.\d{1,2}\s*[+−±✓✔×✗-](?:[\s,;]+|$)){2,}")


def _skipped(line: str) -> bool:
    """A table's rule, an empty stance heading or a legend of marks (each tried only on a line that could be one)."""
    return (
        (line.lstrip()[:1] in "-=+|_.–—" and _RULE_LINE.fullmatch(line) is not None)
        or (":" in line and _EMPTY_LABEL.fullmatch(line) is not None)
        # (a legend of dashes holds a "+" too: not "(– поддерживаем большинство, – против отдельных)")
        or (
            ("=" in line or "(" in line)
            and _LEGEND.fullmatch(line) is not None
            and ("+" in line or not ("–" in line or "—" in line))
        )
        or (("\t" in line or "|" in line) and _table_header(line))
    )


def _table_header(line: str) -> bool:
    cells = [c for c in _CELL_EDGE.split(line.strip(" |")) if c.strip()]
    return len(cells) >= 2 and all(_HEADER_CELL.fullmatch(c) for c in cells)


def _units(text: str) -> list[_Unit]:
    """Rows and list lines stay whole; hard-wrapped prose lines are joined and split into sentences."""
    units: list[_Unit] = []
    for number, paragraph in enumerate(re.split(r"\n\s*\n", text)):
        prose: list[str] = []
        for line in [*paragraph.splitlines(), ""]:
            if line.lstrip().startswith(">") or _skipped(line):
                continue  # a quoted line the reading stage left, a table's rule, "Не поддерживаем: —"
            is_prose = bool(line.strip()) and not _ROW.match(line) and not _NUMBERED_ROW.match(line)
            if prose and (not is_prose or not _wrapped(prose[-1], line) or _BULLET.match(line)):
                units += [_Unit(s, number) for s in _sentences(" ".join(prose))]
                prose = []
            if is_prose:
                prose.append(line.strip())
            elif _VOTES_LINE.fullmatch(line):  # "3.2 −   3.3 +": one unit per vote, or "−" answers nothing
                units += [_Unit(m.group().strip(), number) for m in _VOTE_PAIR.finditer(line)]
            elif "|" in line:
                units.append(_Unit(line.strip(), number))
            elif line.strip():  # a list line stays one unit per sentence: "4.5 — частично. Причина: …"
                units += [_Unit(s, number) for s in _sentences(line.strip())]
    return [piece for unit in units for piece in _pieces(unit)]


# After a reason, a new clause with its own IDs and stance: "We do not support 3.2, because …, and we do not
# support 3.5, because …"; "3.2 жана 3.6 боюнча калыс калат, анткени …; 3.5-сунуштаманы колдобойт, анткени …"
_CLAUSE_JOINS = r"(?:and|а также|а|и|but|но|while|whereas|жана|ал эми)(?=\s)"
# (a run of spaces is entered once, at its start: "\s*" tried at every space was quadratic)
_CLAUSE_AFTER_REASON = re.compile(rf"(?<!\s)\s*(?:;|,\s*{_CLAUSE_JOINS})\s+")
_ID_IN_CLAUSE = re.compile(r"(?<![\d.,])\d\.\d{1,2}(?![\d])")
# "4.3 — нет, поскольку …; 4.4 — нет.": the next clause opens with its IDs and a dash, whose answer may be a word
# as short as "нет" (which the cut above does not count as a stance word)
_ID_ROW_AHEAD = re.compile(r"(?:п\.\s*)?\d\.\d{1,2}(?:\s*(?:,|и|and)\s*\d\.\d{1,2})*\s*(?:[—–:]|-\s)")


def _sentences(text: str) -> list[str]:
    """Sentences of `text`, each cut again where a reason ends and another stance on other IDs begins."""
    return [piece for sentence in _SENTENCE_END.split(text) if sentence.strip() for piece in _after_reason(sentence)]


def _after_reason(sentence: str) -> list[str]:
    """Cut after a reason where the rest still names an ID and holds a stance word; the sentence's IDs and cues
    are found once, so a stranger's thousand "because …, and …" clauses cost one pass, not one per clause."""
    folded = fold(sentence)
    reason = REASON_MARKER.search(folded)
    if reason is None:
        return [sentence]
    last_id = max((m.start() for m in _ID_IN_CLAUSE.finditer(folded)), default=-1)
    last_cue = max((c.start for c in find_cues(folded) if not c.terse), default=-1)
    cuts = [
        m.span()
        for m in _CLAUSE_AFTER_REASON.finditer(folded)
        if min(last_id, last_cue) >= m.end() or _ID_ROW_AHEAD.match(folded, m.end())
    ]
    rests = [m.start() for m in REST_WORD.finditer(folded)]
    edges = [m.span() for m in _REST_EDGE.finditer(folded)] if rests else []
    pieces, start = [], 0
    while reason is not None:
        at = bisect.bisect_left(cuts, (reason.end(),))
        cut = cuts[at] if at < len(cuts) else _edge_before_rest(reason.end(), rests, edges, last_cue)
        if cut is None:
            break
        pieces.append(sentence[start : cut[0]])
        start = cut[1]
        reason = REASON_MARKER.search(folded, start)
    return [*pieces, sentence[start:]]


# Where a clause ends before "the rest": a semicolon, a full stop a phone left in lower case, ", and"
_REST_EDGE = re.compile(rf"(?<!\s)\s*(?:[;.]|,\s*{_CLAUSE_JOINS})\s+")


def _edge_before_rest(
    after: int, rests: list[int], edges: list[tuple[int, int]], last_cue: int
) -> tuple[int, int] | None:
    """ "we abstain on 3.2 as we are not …; agree with the rest", "…, а не ОГО. по остальным согласны": the last
    clause edge before the first "the rest" after the reason, when a stance word follows it (looked up by bisection
    in the sentence's edges and rests, found once)."""
    at = bisect.bisect_right(rests, after)
    if at == len(rests):
        return None
    last = bisect.bisect_right(edges, (rests[at],)) - 1
    while last >= 0 and edges[last][1] > rests[at]:
        last -= 1  # (an edge that runs into the rest's word is not before it)
    edge = edges[last] if last >= 0 else None
    return edge if edge is not None and edge[0] >= after and last_cue >= edge[1] else None


def _pieces(unit: _Unit) -> list[_Unit]:
    """A unit longer than any sentence a person writes, cut at spaces: reading one unit costs more than
    its length (cues and references are paired), so its length must be bounded (issue 14)."""
    if len(unit.text) <= MAX_UNIT_CHARS:
        return [unit]
    pieces, text = [], unit.text
    while text:
        cut = text.rfind(" ", MAX_UNIT_CHARS // 2, MAX_UNIT_CHARS) if len(text) > MAX_UNIT_CHARS else -1
        end = cut if cut > 0 else MAX_UNIT_CHARS
        pieces.append(_Unit(text[:end], unit.paragraph, cut=True))
        text = text[end:].lstrip()
    return pieces


# ("Панель 4: 4.1 +, …" under the wrapped-looking row of panel 3: a label may carry its number)
# ("Abstain – the rest" under "Disagree – 4.1 (…)": the rest, or all, is a row's answer too; "Abstain: panel 3" a panel)
_LABELLED_ROW = re.compile(
    r"\s*[^\W\d][^\W\d\s']*(?:\s+[^\W\d]+){0,3}(?:\s*№?\s*\d{1,2})?\s*[—–:-]\s*"
    r"(?:\d|the rest\b|all\b|everything\b|остальн|все\b|всё\b|(?:panel|section|панел\w*|раздел\w*)\s*№?\s*\d)"
)


# "Panel 4 (Contribution of regional CSOs): agree" under the long row of Panel 3: a row of its own
# ("Local CSOs (panel 4): yes": a row titled in the respondent's words, its panel in brackets)
# (a row's shape: its panel in brackets, then a colon; not a wrapped sentence's second line that names "(панель 3)")
_PANEL_ROW = re.compile(
    r"\s*(?:(?:panel|панел\w*|раздел\w*|section|бөлүм\w*)\s*№?\s*\d\b"
    r"|[^\W\d][\w' -]{0,40}\(\s*(?:panel|панел\w*|раздел\w*|section|бөлүм\w*)\s*№?\s*\d\s*\)\s*:)",
    re.IGNORECASE,
)


_LONE_NAME = re.compile(r"\s*[A-ZА-ЯЁӨҮҢ][a-zа-яёөүң'-]{1,20}\s*")


def _wrapped(line: str, following: str = "") -> bool:
    """A long line that does not end a sentence was wrapped by the client; a short one ends itself.

    A line ending in a number, followed by one that starts with a capital ("…, 4.4, 4.5" / "Не согласны:
    —"), is a list that ended, not a wrapped sentence; a line followed by a signature ("Azamat, OO Kemin", or
    a first name alone) ended the reply's last sentence without its full stop.
    """
    if _LABELLED_ROW.match(following) or (line[-1:].isdigit() and following.strip()[:1].isupper()):
        return False  # "agree – 1.1, …, 4.5" over "abstain – 1.3, …": two rows, not one wrapped line
    if _NAME_LINE.match(following) or _ORGANISATION_LINE.search(following) or _PANEL_ROW.match(following):
        return False
    if _LONE_NAME.fullmatch(following):
        return False  # "…, калгандары ок" over "Замир": a first name signs; a wrapped line goes on in lower case
    return len(line) >= WRAP_WIDTH and not line.endswith((".", "!", "?", ":", ";"))


def _read_text(
    text: str, campaign: Campaign, default: tuple[str, ...] = (), *, body: bool = True
) -> tuple[list[Claim], list[Problem]]:
    """Read units in order; a line naming IDs without a stance hands them to the next line that has one."""
    claims: list[Claim] = []
    problems: list[Problem] = []
    panelled = titled_panels(elliptic_panels(comma_notation(untick(text), campaign)), campaign)
    units = _units(panelled)
    pending: tuple[str, ...] = ()
    waiting: Claim | None = None
    bare = ""
    untaken: list[tuple[str, tuple[str, ...]]] = []
    stressed: list[str] = []
    headings: list[tuple[str, tuple[str, ...]]] = []
    headed: tuple[str, ...] = ()  # the IDs of a heading alone in the unit just read
    previous_free = ""  # the sentence before, when it named no recommendation and gave no stance
    previous_ids: tuple[str, ...] = ()  # or, when it was "По 3.8: …", what it named
    decided = DECISION_HEAD.search(fold(text)) is not None
    signed = _signature_paragraph(panelled)
    # "1.1 +" line after line: a dash after an ID is the "minus" among the pluses, even with a comment after it
    plussed = len(_PLUS_VOTE.findall(panelled)) >= 3
    led = len(_PLUS_LINE.findall(panelled)) >= 2
    in_led_list = False  # this unit is a "+ …" line, or a "- …" line read as the minus among them
    separated = not plussed and _DASH_SEPARATES.search(panelled) is not None
    listed: tuple[Claim, ...] = ()  # a stance heading's claims, while the lines under it list IDs
    heading_claimed = False  # the heading's claims are still among `claims`
    offered: list[str] = []  # IDs named only in goodwill: some stance in the reply must cover them
    excepted: Claim | None = None  # the exception the sentence before left without a stance
    agreed: Claim | None = None  # the sentence before agreed, and said no why
    topic = False  # the unit before only named IDs as its topic ("Про 3.5.")
    stressing = False  # the units before are a stress heading and the lines under it
    later: tuple[str, ...] = ()  # a heading's IDs, which the sentences under it answer one part at a time
    framed: set[str] = set()  # "Please find our comments on panel 3 below.": the IDs the comments below may be on
    stressed_before: tuple[str, tuple[str, ...]] = ("", ())  # the unit before stressed IDs, with no stance
    emphasised: tuple[str, ...] = ()  # IDs stressed with no stance: some stance in the reply must cover them
    carrying = False  # `pending` were named before the sentence before, which said nothing of them
    behind_rest = False  # `waiting` came before an agreement with the rest
    given_before_why: list[Claim] = []  # the named claims of the sentence `waiting` is in: a why after it is theirs
    for index, unit in enumerate(units):
        # ("Не готовы сейчас ответить по:" over "- 3.1-3.8": a heading between, and the dashes are its list's bullets)
        after_led, in_led_list = in_led_list, _PLUS_LINE.match(unit.text) is not None
        if separated and _EMPTY_ANSWER.fullmatch(unit.text):
            # "3.4 и 3.7 — поддерживаем. / 3.6 — / 4.5 —": where a dash leads to the answer, one with nothing
            # after it is an answer left blank, not a "no"
            problems.append(Problem("no_stance_for_id", unit.text.strip(" —–-")))
            continue
        if unit.paragraph == signed and (
            _name_and_organisation(unit.text)
            or (_ORGANISATION_LINE.search(unit.text) is not None and _names_nothing(fold(unit.text), campaign))
        ):
            # "Jamila, Mountain Communities Support Foundation": who signs, not a "support"; "ОО «Цифровой Кыргызстан
            # для всех»": for whom, not an "all"
            continue
        if _COLUMN_HEADS.fullmatch(fold(unit.text).strip()):
            continue  # "Rec | Position | Comment", "п. | согласны/нет": a table's columns, no stance on anything
        # "The one we can't sign up to is 1.5 … Otherwise fully supportive": "otherwise" is all but what waits
        # (IDs carried over a sentence are answered only by one that names them again: "Мы изучили рекомендацию 4.1.
        # Спасибо за организацию диалога. Поддерживаем." may agree with all, or with 4.1; but "Рекомендация 1.3. <why>.
        # Поэтому поддерживаем." or "… <why>. Поддерживаем." in one paragraph concludes on 1.3 from the why)
        # (not when the sentence between speaks of the letter as a whole: "… В итоге большинство проголосовало за
        # письмо в целом. Поэтому поддерживаем." may be all 19)
        concluded = (
            carrying
            and _ABOUT_THE_WHOLE.search(fold(units[index - 1].text)) is None
            and not names_all(fold(units[index - 1].text))
            and (
                _THEREFORE_HEAD.match(fold(unit.text)) is not None
                or (
                    unit.paragraph == units[index - 1].paragraph and _BARE_ASSENT.fullmatch(fold(unit.text)) is not None
                )
            )
        )
        waiting_ids = () if _OTHERWISE.match(fold(unit.text)) or (carrying and not concluded) else pending
        reading = _not_ours_as_why(read_unit(unit.text, campaign, default or waiting_ids, decided))
        if reading.claims and all(_no_comment_on_given(c, claims) for c in reading.claims):
            continue  # "3.5 – нет … По 3.5 без комментариев": no reason added, not an abstention
        if claims and claims[-1].stance is Stance.PARTIAL and _WOULD_IF.match(fold(unit.text)):
            continue  # "On 3.5 we only partially agree, because …. We would support it if it were reworded": how far
        minus = _MINUS_VOTE.fullmatch(unit.text) if plussed and len(reading.ids_without_stance) == 1 else None
        led_minus = _MINUS_LED.fullmatch(unit.text) if led and reading.ids_without_stance and after_led else None
        if led_minus and not reading.claims:
            claims.append(Claim(reading.ids_without_stance, Stance.DISAGREE, EXPLICIT, None, unit.text))
            in_led_list = True
            continue
        if minus and not reading.claims:
            # "4.3 - при мэрии уже есть три таких совета" under "4.2 +": a "no", and why
            claims.append(Claim(reading.ids_without_stance, Stance.DISAGREE, EXPLICIT, clean_reason(minus.group(1)),
                                unit.text))  # fmt: skip
            continue
        if headed and any(_answers_heading(c) for c in reading.claims):
            # "Панель 3:" over "Согласны.", "Ответ по третьей панели. Согласны, но 3.5 — нет.", "Панель 4. Согласны
            # со всеми рекомендациями.": the bare assent, or "all", answers the heading just above it, not the
            # letter (it had been all 19, silently)
            claims_here = (
                replace(c, ids=headed, level=GROUP, scoped=True) if _answers_heading(c) else c for c in reading.claims
            )
            reading = replace(reading, claims=tuple(claims_here))
        only_heads = reading.headings and not reading.claims and not reading.ids_without_stance
        headed = tuple(i for _, ids in reading.headings for i in ids) if only_heads else ()
        bare = bare or (unit.text.strip()[:80] if reading.bare_exception else "")
        untaken += reading.untaken
        headings += reading.headings
        stressed += [reading.stressed] if reading.stressed else []
        if excepted is not None and _back_to_exception(reading, unit.text, excepted):
            # "Согласны со всеми пунктами, кроме п. 4.1. С ним не согласны, так как …": "it" is the exception
            claims.append(replace(reading.claims[0], ids=excepted.ids, level=EXPLICIT, scoped=True))
            problems += reading.problems
            excepted = waiting = None
            continue
        excepted = None
        if (
            claims
            and all(c.stance is Stance.AGREE for c in claims)
            and not reading.claims
            and _REST_TOO.fullmatch(fold(unit.text))
        ):
            # "Согласны с 1.1, 1.2, 1.3. С остальными тоже.": the rest agreed too (read as "all", a level below the IDs
            # the reply named); after any other stance ("Против 3.5. Остальные тоже.", "Согласны с 1.1, против 3.5. С
            # остальными тоже.") which one "too" repeats is for a person
            claims.append(replace(claims[-1], ids=campaign.ids, level=GLOBAL, reason=None, evidence=unit.text))
            waiting = None
            continue
        if waiting is not None and _yes_to_someone(reading, unit, units[-1]):
            problems.append(Problem("unread_words", unit.text.strip()[:80]))  # to whom? (the others? a person says)
            waiting = None
            continue
        if (
            waiting is not None
            and (_gives_reason(reading, unit, units[index - 1], units[-1]) or _says_how_far(reading, unit, waiting))
            and (not behind_rest or _against_it(unit.text))
        ):
            # ("Мы против … (4.1) и против … (4.2). Независимость организации для нас важнее.": why of both)
            for claim in [c for c in given_before_why if c.stance is waiting.stance and c.reason is None]:
                claims[claims.index(claim)] = _with_reason(claim, unit.text)
            waiting = None
            continue
        if (
            agreed is not None
            and _describes(agreed, fold(unit.text))
            and _gives_reason(reading, unit, units[index - 1], units[-1])
        ):
            # "We agree with all recommendations. They reflect exactly what our members said …": why, of them
            claims[claims.index(agreed)] = _with_reason(agreed, unit.text)
            agreed = None
            continue
        ids_end = _listed_ids_end(reading, unit.text) if listed else None
        if listed and ids_end is None and (uncommented := _listed_without_comment(reading, unit.text)):
            # "Не согласны:" over "4.3 — без комментариев": the heading's stance, with no why (not an abstention)
            reading = replace(reading, claims=(), ids_without_stance=uncommented)
            ids_end = len(unit.text)
        if ids_end is not None:
            # "Поддерживаем:" over "— 3.1" / "— 3.4": each line names what the heading's stance is on
            if heading_claimed:  # the heading's own claims give way to the lines' once, at the first line
                claims = [c for c in claims if not any(c is h for h in listed)]
                heading_claimed = False
                # (and so does what waits to be given a why: "Не поддерживаем:" over its lines, then "Это дорого."
                # looked for the heading's claim, gone, and raised)
                waiting = agreed = None
            reason = clean_reason(unit.text[ids_end:]) if ids_end < len(unit.text) else None
            claims.append(replace(listed[0], ids=reading.ids_without_stance, level=EXPLICIT, reason=reason,
                                  evidence=unit.text, scoped=True))  # fmt: skip
            continue
        also = reading.ids_without_stance or tuple(i for _, ids in reading.headings for i in ids)
        if also and not reading.claims and claims and _ALSO_ALONE.search(fold(unit.text)):
            # "Третья панель — поддерживаем полностью. Первая, вторая и четвёртая — тоже.", "Same for 3.1 through
            # 3.8.": the stance before, again
            claims.append(replace(claims[-1], ids=also, level=EXPLICIT, reason=None, evidence=unit.text, scoped=True))
            continue
        if _stance_heading(reading, unit.text, campaign):
            # "Не согласны с рекомендациями:", "… по рекомендациям, с которыми не согласны:" say no more than "Не
            # согласны:" (the recommendations are those listed below, not all of them)
            reading = replace(reading, claims=tuple(replace(c, scoped=False) for c in reading.claims))
            listed = reading.claims
            heading_claimed = True
        elif not (listed and reading.claims and all(_says_the_heading(c, listed[0]) for c in reading.claims)):
            # (a line that says the heading's stance again stays in its list: "Не согласны с двумя пунктами:" over
            # "п. 3.4 — … дублировать их нет смысла;" and "п. 3.7 — население … не доверяет …")
            listed = ()
            heading_claimed = False
        therefore = bool(previous_free) and _THEREFORE_HEAD.match(fold(unit.text)) is not None
        # ("3.8 боюнча: мамлекет өзү уюштурушу керек. Ошондуктан каршыбыз.": the words under an ID's heading, when
        # the stance after them is on that ID alone)
        therefore = therefore and all(set(c.ids) <= set(previous_ids) for c in reading.claims if previous_ids)
        given_here = _with_earlier_reason(list(reading.claims), previous_free) if therefore else list(reading.claims)
        if given_here and therefore and not _WHY_AT_RISK.search(fold(previous_free)):
            # (the sentence before, read now as the why of this one: "… только на бумаге. Поэтому 2.1 — отчасти."; not
            # one that speaks of an office, a board or what would be: "A new council at the mayor's office would only
            # duplicate what exists. Therefore we support 4.1 only in part." may be the why of another recommendation)
            problems = [p for p in problems if p != Problem("unread_words", previous_free.strip()[:80])]
        claims += given_here
        problems += reading.problems
        previous_free, previous_ids = (
            (unit.text, ()) if _says_nothing_of_ids(reading, unit.text) else _after_an_id_heading(reading, unit.text)
        )
        if body and unit.paragraph != signed and _free_sentence(reading, unit.text, after_stance=bool(claims)):
            problems.append(Problem("unread_words", unit.text.strip()[:80]))
        unanswered = pending if not reading.used_default else ()
        answered_here = {i for c in reading.claims for i in c.ids}
        if (answered_here and answered_here <= set(unanswered)) or (unanswered and topic):
            # ("Про 3.5." over sentences on it, then "Поэтому по 3.5 — частично": a topic, answered further on)
            # "По первой панели наша позиция такая. / Поддерживаем 1.1, 1.3 и 1.4. / Против 1.2 и 1.5": the
            # sentences after a heading answer it part by part; what none answers is asked at the end
            later += unanswered
            unanswered = ()
        if stressed_before[1] and _stress_welcomes(stressed_before[0]) and _agrees_also(reading, unit.text):
            # "Особенно высоко ценим рекомендации 4 панели. С 1–3 панелями тоже согласны": agreeing "also" with
            # the others, the reply agreed with what it stressed
            # (not those a stance already covers: "We fully support panel 3. 3.2 is particularly close to us,
            # because …. We also support 1.1.": 3.2 has its stance and why)
            if unstated := tuple(i for i in stressed_before[1] if i not in _named(claims)):
                claims.append(Claim(unstated, Stance.AGREE, EXPLICIT, None, stressed_before[0]))
            unanswered = tuple(i for i in unanswered if i not in stressed_before[1])
        # "Мы долго обсуждали пункт 4.1. Наш опыт показывает, что … Поэтому 4.1 мы не поддерживаем.": a sentence
        # that names nothing and says no stance leaves the IDs named before it to the next (at the end, unanswered)
        carried = (
            unanswered
            if not reading.claims
            and not reading.ids_without_stance
            and not reading.problems
            and index > 0
            and _gives_reason(reading, unit, units[index - 1], units[-1])  # a why, not thanks or an offer
            and not _offer(unit.text)
            else ()
        )
        problems += [Problem("no_stance_for_id", i) for i in unanswered if i not in _named(claims) and i not in carried]
        pending = reading.ids_without_stance or carried
        carrying = not reading.ids_without_stance and bool(carried)
        if reading.ids_without_stance and not reading.has_cue and _COMMENTS_BELOW.search(fold(unit.text)):
            framed.update(reading.ids_without_stance)
        else:  # (an ID a comment below names without a stance is asked about: "3.5 — too costly for rural areas.")
            framed.difference_update(reading.ids_without_stance)
        if (
            reading.ids_without_stance
            and not reading.has_cue
            and set(reading.ids_without_stance) <= {i for c in claims for i in c.ids}
            and _stressed_as_valued(unit.text)
            and REASON_MARKER.search(fold(unit.text))
        ):
            # "…поддерживает все девятнадцать рекомендаций. Для нас особенно важен п. 1.4, т.к. …": agreed already,
            # and why it matters most, in the sentence that names it
            problems += _stressed_reason(claims, reading.ids_without_stance, unit.text)
            pending = ()
        stressed_before = _stressed_without_stance(reading, unit.text, campaign)
        emphasised += stressed_before[1]
        if (
            stressed_before[1]
            and not pending
            and set(stressed_before[1]) <= {i for c in claims for i in c.ids}
            and _stress_welcomes(unit.text)
        ):
            # "Сунуштардын баарын колдойт. Өзгөчө 3.4 биз үчүн маанилүү, анткени …": agreed already, and why it
            # matters most
            problems += _stressed_reason(claims, stressed_before[1], unit.text)
        # "Особо отмечаем:" over "- п. 1.2 и 1.5 — давно назрели;" / "- п. 2.1;": the lines stress IDs agreed
        stressing = _STRESS_HEAD.fullmatch(fold(unit.text)) is not None or (stressing and bool(pending))
        topic = bool(pending) and _TOPIC_HEAD.fullmatch(fold(unit.text)) is not None
        given_before = {i for c in claims for i in c.ids} if pending else set()
        # (not "3.5 особенно нужна, но не в нашем районе": a doubt raised on it)
        stressed_here = _IDS_STRESSED.match(folded_unit := fold(unit.text)) and not (
            _DENIAL.search(folded_unit) or _DOUBTS.search(folded_unit)
        )
        if pending and stressed_here and set(pending) <= given_before:
            # "Panel 3 has our full support. 3.6 in particular, because we already monitor …": why, for 3.6
            problems += _stressed_reason(claims, pending, unit.text)
            pending = ()
        if (
            pending
            and not reading.has_cue
            and set(pending) <= given_before
            and (_stressed_as_valued(unit.text) or stressing)
        ):
            # "agrees with all of them. … our members found Panel 4 especially useful", "Рекомендации … (1.2, 2.1,
            # 4.2) особенно близки нам, потому что …": agreed already, and why they matter most
            problems += _stressed_reason(claims, pending, unit.text)
            pending = ()
        if pending and _offer(unit.text):
            # "Поддерживаем все пункты. По п. 3.4 готовы выступить партнёрами": an offer on them, which a
            # stance before it or an "all" after it ("Особо хотели бы выделить 3.6 … Фонд принимает все")
            # must cover (not "the others": "happy to back 3.1 … no position on the others")
            if not set(pending) <= given_before:
                offered += pending
            elif _REWORK.search(fold(unit.text)):
                pass  # "Готовы принять участие в доработке формулировок 3.5, 4.1 и 4.3": help to change them, no why
            elif _OFFER_CONDITION.search(fold(unit.text)) and not _dash_after_ids(unit.text):
                # "Готовы делегировать представителей по 4.2 при условии финансирования": on a condition
                problems.append(Problem("condition", unit.text.strip()[:80]))
            elif any(c.stance is Stance.DISAGREE and set(pending) & set(c.ids) for c in claims):
                # "кроме 3.2 — с ней не согласны. При этом по 3.2 готовы выступить координатором": which holds?
                problems.append(Problem("contradiction", unit.text.strip()[:80]))
            else:
                problems += _stressed_reason(claims, pending, unit.text)
            pending = ()
        if pending and set(pending) <= _named(claims) and not reading.has_cue:
            if _denies_agreement(claims, pending, unit.text):
                # "We agree with 4.1. … businesspeople should not sit on CSO boards (4.1)": which one holds?
                problems.append(Problem("contradiction", unit.text.strip()[:80]))
            if _comment_as_reason(claims, pending, unit.text):  # its words are the reason's: "…контролируют все…"
                problems = [p for p in problems if not (p.code == "unread_words" and _among(p, reading.problems))]
        waiting = waiting_for_why(given_here) if reading.wants_reason else None
        given_before_why = [c for c in given_here if c.level == EXPLICIT] if waiting is not None else []
        if waiting is not None and waiting not in given_before_why:
            given_before_why.append(waiting)
        behind_rest = waiting is not None and waiting is not given_here[-1]  # "3.7 — нет, остальные — да. <why?>"
        agreed = given_here[-1] if given_here and _agreed_without_reason(given_here[-1]) else None
        excepted = given_here[-1] if given_here and given_here[-1].guess else None
    # (the IDs that only framed the comments below are left unanswered once the comments answer some of them:
    # "Please find our comments on panel 3 below." over rows for 3.1, 3.3, 3.5 and 3.6)
    framed_answered = bool(framed & _named(claims))
    problems += [
        Problem("no_stance_for_id", i)
        for i in dict.fromkeys(pending + later)
        if i not in _named(claims) and not (framed_answered and i in framed)
    ]
    # "Особо отмечаем 3.5. Согласны с 3.1.": stressed, and then never given a stance
    given = {i for c in claims for i in c.ids}
    problems += [Problem("no_stance_for_id", i) for i in dict.fromkeys(emphasised) if i not in given]
    if offered:  # (rare: the claims' evidence is folded and searched only then)
        covering = {i for c in claims if not REST_WORD.search(fold(c.evidence)) for i in c.ids}
        problems += [Problem("no_stance_for_id", i) for i in dict.fromkeys(offered) if i not in covering]
    problems += [Problem("unread_words", label) for label, ids in untaken if not set(ids) <= given]
    # "Раздел 2:" over lines about other panels: the heading got no answer at all
    problems += [Problem("no_stance_for_id", label) for label, ids in headings if not set(ids) & given]
    if stressed and not any(c.level < EXPLICIT for c in claims) and not set(campaign.ids) <= given:
        # "Макулбуз, 1.2 жана 2.1 бизге өзгөчө керек": stressed among what? No sentence names the whole
        # ("Остальные тоже поддерживаем" may follow "Особенно поддерживаем 3.4 и 3.8"; when every ID has its
        # own answer, "3.8ди өзгөчө колдойбуз" only says how much)
        problems.append(Problem("unread_words", stressed[0]))
    if bare and all(c.level == EXPLICIT for c in claims):
        # "ok with evrything xcept 2.1 …": an exception from an "all" that nothing here says
        problems.append(Problem("unclear_exception", bare))
    if any(unit.cut for unit in units):
        problems.append(Problem("too_long", f"предложение длиннее {MAX_UNIT_CHARS} знаков"))
    return claims, problems


_NO_COMMENT_WORDS = r"без комментари\w*|no comments?|without comments?"
_NO_COMMENT = re.compile(rf"(?<!\w)(?:{_NO_COMMENT_WORDS})(?!\w)")


def _no_comment_on_given(claim: Claim, claims: list[Claim]) -> bool:
    """ "По 3.5 без комментариев" after "3.5 – нет": no comment on a stance already given, not an abstention."""
    return (
        claim.stance is Stance.ABSTAIN
        and claim.level == EXPLICIT
        and set(claim.ids) <= _named(claims)
        and _NO_COMMENT.search(fold(claim.evidence)) is not None
    )


# ("Recommendations 1.1 and 3.3 in particular echo the findings of our assessment", after "We endorse all of them")
_IDS_STRESSED = re.compile(
    r"\W*(?:(?:recommendations?|рекомендаци[яи]|пункты?|сунуштар)\s+)?"
    rf"(?:\d\.\d{{1,2}}[\s,—–-]*(?:(?:и|and|жана)\s+)?)+(?:{STRESS_WORDS}|өзгөчө)(?!\w)"
)
# "Please find our comments on panel 3 below.", "Ответ только по третьей панели, это наш профиль:": what the
# comments that follow are on, not a stance on every one of those IDs
_COMMENTS_BELOW = re.compile(
    r"(?<!\w)(?:comments?|answers?|responses?|feedback|remarks|position|замечани|комментари|ответ|позици|мнени)"
    r"\w*\s[^.!?\n]{0,60}?(?:\bbelow\b|\bas follows\b|\bниже\b|\bследующ\w*)"
    r"|^\W*(?:ответ|answer|response|comments|комментарии|замечания)\s+(?:только\s+|only\s+)?(?:по|on|to|for)\s"
    r"[^.!?\n]{0,60}:\s*$"
)
_TOPIC_HEAD = re.compile(
    r"\W*(?:про|по|насчет|касательно|regarding|re|on|about|as for|as to)\s+(?:пп?\.\s*|пункт\w*\s+|рекомендаци\w+\s+)?"
    r"\d\.\d{1,2}(?:\s*(?:,|и|and)\s*\d\.\d{1,2})*\s*[.:]?\s*"
)
# "С ним не согласны", "С ними не согласны", "We oppose it": a pronoun for what was named last
# ("Со всем согласны, кроме 4.4. Её не поддерживаем.", "Fine with all except 4.3. We don't support that one.")
_THERE_STANCE = (
    r"(?:abstain|disagree|object|agree|воздерживаемся|против|не\s+согласны|согласны|не\s+поддерживаем|поддерживаем)"
)
_THERE_ENDS = r"(?=\s*(?:[.;!]|$)|\s*,?\s+(?:since|because|as|так как|потому что|поскольку)\b)"
_BACK_TO_IT = re.compile(
    r"\W*(?:(?:с|со|по|к|за|на|with|on|to|against)\s+)?(?:ним|ней|нему|него|нее|ними|них|it|them"
    r"|(?:those|these)(?:\s+(?:two|three|ones))?)(?!\w)"  # "Yes to all except 3.5 and 4.1. Against those two: …"
    r"|\W*(?:ее|его|их)\s+(?:мы\s+)?не\s"
    r"|\W*(?:we|мы)\s+(?:[\w']+\s+){0,3}?(?:it|them|его|ее|их|that one|this one"
    r"|(?:those|these)(?:\s+(?:two|three|ones))?)(?!\w)"
    # "We abstain there, since …", "There we abstain.": the stance word and then its end or its why (not "There we
    # heard the ministry opposes it", "Там мы против, пока не …": hearsay, a condition)
    rf"|\W*(?:we|мы)\s+{_THERE_STANCE}\s+there{_THERE_ENDS}|\W*(?:there|там)\s+(?:we|мы)\s+{_THERE_STANCE}{_THERE_ENDS}"
    r"|\W*(?:ал\s+(?:экөө|үчөө)\w*|аларга|аларды|ага|аны)(?!\w)"  # "Ал экөөнө каршыбыз": to those two
)


def _back_to_exception(reading: UnitReading, text: str, excepted: Claim) -> bool:
    """A sentence whose only stance, on no recommendation named, speaks of "it" right after an exception, with a
    pronoun of the exception's number ("кроме 1.3 и 1.4. Её не поддерживаем.": which one?)."""
    folded = fold(text)
    wrong_number = _ONE_OF_THEM if len(excepted.ids) > 1 else _MORE_THAN_ONE
    # ("Mutual training … takes time and money which nobody has, so we do not support it": the why first)
    so = _SO_THE_STANCE.search(folded)
    it = _BACK_TO_IT.match(folded, so.end() if so else 0)
    if it is None or not reading.claims or any(c.scoped for c in reading.claims):
        return False
    # (the pronoun's own clause: "С ним не согласны, так как … у многих из них …" has a "них" in its why)
    clause = _CLAUSE_BREAK.search(folded, it.end())
    return wrong_number.search(folded, 0, clause.start() if clause else len(folded)) is None


_CLAUSE_BREAK = re.compile(r"[,;:(—–]|\s-\s")
_SO_THE_STANCE = re.compile(r",\s*(?:so|therefore|поэтому|ошондуктан)\s+(?=(?:we|мы)\s)")
_ONE_OF_THEM = re.compile(r"(?<!\w)(?:ее|его|ней|нему|него|нее|it|that one|this one)(?!\w)")
_MORE_THAN_ONE = re.compile(r"(?<!\w)(?:их|них|ними|them|those|these)(?!\w)")


_STRESSED = re.compile(rf"(?<!\w)(?:{STRESS_WORDS}|особо|өзгөчө|айрыкча)(?!\w)")
# "тоже", "also", Kyrgyz "да" before the stance word ("1, 2 жана 3-панелдердин сунуштарына да толук макулбуз")
_ALSO_AGREED = re.compile(
    rf"(?<!\w)(?:{ALSO_WORDS}|also|дагы|да(?=\s+(?:толук\s+|толугу менен\s+)?(?:макул|колдой|кабыл)))(?!\w)"
)


def _stressed_without_stance(reading: UnitReading, text: str, campaign: Campaign) -> tuple[str, tuple[str, ...]]:
    """ "Особенно высоко ценим 4 панель.", "Айрыкча 4-панелдин сунуштарын жогору баалайбыз": IDs stressed, and no
    stance given them (the unit, and the IDs it names; empty when it is no such unit)."""
    folded = fold(text)
    if reading.claims or reading.has_cue or not _STRESSED.search(folded):
        return "", ()
    ids = reading.ids_without_stance or tuple(
        i for r in find_refs(folded, campaign) if r.level != GLOBAL and not r.problem and not r.excepted for i in r.ids
    )
    return (text, ids) if ids else ("", ())


# "We welcome 3.8 in particular", "особенно высоко ценим": the stress is on something welcomed
_WELCOMING = re.compile(r"(?<!\w)(?:welcome|value|appreciate|приветствуем|ценим|высоко оценива\w*|жогору баала\w*)")


def _stress_welcomes(text: str) -> bool:
    """A stress that values or welcomes what it names, or offers to help with it, and doubts nothing of it (not
    "Особенно беспокоит 3.5", "In particular, 3.5 worries us")."""
    folded = fold(text)
    welcomed = _WELCOMING.search(folded) is not None and _DENIAL.search(folded) is None
    return welcomed or _stressed_as_valued(text) or _offer(text)


def _agrees_also(reading: UnitReading, text: str) -> bool:
    """A sentence that agrees, and only agrees, with IDs of its own "also"."""
    return (
        bool(reading.claims)
        and all(c.stance is Stance.AGREE and c.scoped for c in reading.claims)
        and _ALSO_AGREED.search(fold(text)) is not None
    )


_REST_TOO = re.compile(
    # ("По остальным панелям тоже.", "The other panels as well.")
    rf"\W*(?:(?:и|а|and)\s+)?(?:(?:с|со|по|with|for)\s+)?(?:{REST}|(?:the )?other(?=\s+(?:panel|section)))"
    r"(?:\s+(?:панел|раздел|panel|section)\w*)?"
    rf"\s*+[—–:-]?\s*+(?:{ALSO_WORDS})[.!)\s]*+"
)
_ALSO_ALONE = re.compile(
    rf"[\s—–-](?:{ALSO_WORDS})[.!)\s]*$"
    r"|^\W*(?:(?:the )?same (?:for|with|goes for)|то же (?:самое )?(?:по|для))\s"
)


def _rest_of_nothing_named(claims: list[Claim]) -> list[Problem]:
    """ "…, бирок бизнесмендерди кеңешке киргизүүнү каалабайбыз. Калганына каршы эмеспиз": "the rest" of what the
    reply names only in words, if at all; read alone it is all 19, so a person says which are left."""
    if not all(c.level == GLOBAL for c in claims):  # (most replies: nothing folded or searched)
        return []
    rest = [c for c in claims if REST_WORD.search(fold(c.evidence))]
    return [Problem("unclear_exception", rest[0].evidence[:80])] if rest else []


# a "why" that narrows the stance to something described: "— не согласны только с созданием совещательного органа"
# ("только в части привлечения бизнеса", "only regarding business on boards"; not "только при областных
# администрациях" after an agreement, a limit of it)
_ONLY_WITH = re.compile(
    r"(?:только|лишь|only)\s+(?:со?\s|with\s|в части|по поводу|насч[её]т|в отношении|касательно|regarding|as regards"
    r"|concerning|about\s|on the part|the part)"
)


def _narrowed_in_words(claims: list[Claim]) -> list[Problem]:
    """ "По вкладу региональных ОГО — не согласны только с созданием совещательного органа при мэрии": the stance
    is on the one recommendation described, not on the panel named before it (the description had been taken
    for the why, and the objection for the whole panel's); which one is for a person to say."""
    narrowed = [
        c.reason for c in claims if c.stance is Stance.DISAGREE and c.reason and _ONLY_WITH.match(fold(c.reason))
    ]
    return [Problem("unclear_reference", reason[:80]) for reason in narrowed]


# "them" of a stance: the recommendations a sentence before named, when nothing more specific was named
_THEM = re.compile(r"(?<!\w)(?:их|ними|them|аларды)(?!\w)")
_THEM_LOOKS_BACK = 300


def _word_end(text: str, position: int) -> int:
    """Where the word `position` stopped in ends ("рекомендаци|ями")."""
    while position < len(text) and text[position].isalnum():
        position += 1
    return position


# (perhaps with what they came of: "Ознакомились с рекомендациями по итогам диалога.")
_ONLY_PUNCTUATION = re.compile(r"(?:\s+(?:по итогам|from|of|after)\s[^.!?\n]{0,40})?[\s.,;:!)»\"]*")


def _them_the_letters(folded: str, claims: list[Claim], campaign: Campaign) -> list[Claim]:
    """ "Thank you for sharing the recommendations. We support them, with one exception.", "Ознакомились с
    рекомендациями. Поддерживаем их.": "them" are the recommendations the sentence before spoke of, all of them,
    when the reply named no ID, panel or part of them before it (a stance on "them" is otherwise sent to a person:
    `_merge`'s pronoun check)."""
    resolved = []
    for claim in claims:
        evidence = fold(claim.evidence)
        start = folded.find(evidence) if not claim.scoped and _THEM.search(evidence) else -1
        before = folded[max(0, start - _THEM_LOOKS_BACK) : start]
        refs = find_refs(before, campaign) if start > 0 else []
        # (the recommendations must end the sentence before: not "The recommendations mention women-led CSOs …
        # We support them", where "them" are the last named)
        if (
            refs
            and all(r.level == GLOBAL and r.implied and not r.problem for r in refs)
            and _ONLY_PUNCTUATION.fullmatch(before.rstrip(), _word_end(before, refs[-1].end))
        ):
            claim = replace(claim, ids=campaign.ids, level=GLOBAL, scoped=True)
        resolved.append(claim)
    return resolved


# a line that only lists IDs: "— 3.1", "• 1.2, 1.4", "п. 4.4;"
_IDS_ONLY = re.compile(r"(?:[\s\-–—•*·,;.]|и|and|жана|пп?\.|рек\.|\d\.\d{1,2})+")


def _stance_heading(reading: UnitReading, text: str, campaign: Campaign) -> bool:
    """ "Поддерживаем:", "Не поддерживаем рекомендации:": one stance, on nothing named, over a colon."""
    folded = fold(text).rstrip()
    return (
        folded.endswith(":")
        and bool(reading.claims)
        and not reading.problems
        and not reading.ids_without_stance
        and len({c.stance for c in reading.claims}) == 1
        and all(c.level == GLOBAL or not c.scoped for c in reading.claims)
        and not except_spans(folded)  # "Принимаем рекомендации, за исключением:" lists the exceptions
        and not any(r.level != GLOBAL or not r.implied for r in find_refs(folded, campaign))
    )


_DASHED_NOT_A_REASON = re.compile(rf"\W*(?:{BUT_WORDS}|хотя|в части|частично|partly|in part)\b")


def _says_the_heading(claim: Claim, heading: Claim) -> bool:
    return claim.stance is heading.stance and claim.level == EXPLICIT


def _listed_ids_end(reading: UnitReading, text: str) -> int | None:
    """Where the IDs end on a line under a stance heading that names IDs and nothing else, or then why
    ("- 3.2, because …", "- 3.2 — нет ресурсов"); None for any other line."""
    if not reading.ids_without_stance or reading.has_cue:
        return None
    listed = _listed_ids(text)
    if listed is None:
        return None
    folded, ids = listed
    # ("- 1.3, 1.5 — нет ресурсов": a dash after the IDs sets off why, as "because" does; not "— но нет денег",
    # "— кроме части про бизнес", "— …, 1.5 — …": a reservation, a part, another ID are for a person)
    dashed = (
        ids.group().rstrip()[-1:] in ("—", "–", "-")
        and not any(c.isdigit() for c in folded[ids.end() :])
        and _DASHED_NOT_A_REASON.match(folded, ids.end()) is None
        and not except_spans(folded[ids.end() :])
    )
    # ("— 3.5 (нереалистично для наших районов)": why, in brackets that end the line)
    bracketed = (
        _BRACKET_TO_END.fullmatch(folded, ids.end()) is not None
        and _DASHED_NOT_A_REASON.match(folded, folded.index("(", ids.end()) + 1) is None
        and not except_spans(folded[ids.end() :])
        and not find_cues(folded[ids.end() :])
        and _NOT_A_BRACKET_WHY.search(folded, ids.end()) is None
    )
    if ids.end() < len(folded) and not (dashed or bracketed) and REASON_MARKER.match(folded, ids.end()) is None:
        return None
    return ids.end()


# a bracket that says how far, on what condition, that the answer is still open, or that it covers more IDs:
# "(если будет финансирование)", "(идею, но не механизм)", "(пока не определились)", "(и остальные цифровые)"
_NOT_A_BRACKET_WHY = re.compile(
    r"\(\s*(?:только|лишь|only)\b"  # (not "(… реальны только в областных центрах)", a why)
    r"|(?<!\w)(?:если|if|unless|when|но|but|хотя|although|част\w*|partl\w*|в части|иде\w*|idea"
    r"|пока|still|yet|еще|below|ниже|see|остальн\w*|rest|others?|все\w*|всей|all|как и|as well|также|тоже|too"
    r"|discuss\w*|обсужд\w*|реш\w*|decid\w*|определ\w*|consider\w*|рассматр\w*)(?!\w)"
)
_BRACKET_TO_END = re.compile(r"[^\S\n]*\((?=[^\W\d])[^()\d\n]{3,}\)[\s.;,]*")


_NO_COMMENT_AFTER = re.compile(rf"(?:{_NO_COMMENT_WORDS})\W*")


def _listed_ids(text: str) -> tuple[str, re.Match[str]] | None:
    """The folded line and where its IDs stand at its start (with the dashes and bullets around them), if they do."""
    folded = fold(text)
    ids = _IDS_ONLY.match(folded)
    return (folded, ids) if ids is not None and any(c.isdigit() for c in ids.group()) else None


def _listed_without_comment(reading: UnitReading, text: str) -> tuple[str, ...] | None:
    """The IDs of a line under a stance heading that names them and says "без комментариев" ("4.3 — без
    комментариев"), which the line alone reads as an abstention; None for any other line."""
    if not reading.claims or any(c.stance is not Stance.ABSTAIN or c.level != EXPLICIT for c in reading.claims):
        return None
    listed = _listed_ids(text)
    if listed is None or not _NO_COMMENT_AFTER.fullmatch(listed[0], listed[1].end()):
        return None
    return tuple(dict.fromkeys(i for c in reading.claims for i in c.ids))


_GREETING = re.compile(
    r"^\W*(?:здравствуй|добр\w+ (?:день|утро|вечер)|уважаем|dear|hello|hi\b|good (?:morning|afternoon|day)|салам"
    r"|саламатсыз|урматтуу|кутман|ассалому|привет|коллеги|colleagues|greetings)"
)
# What a sentence nobody read may be doing that changes the reading: promising something later, setting a
# time or a condition, speaking for a part of the organisation ...
_RISK = re.compile(
    r"\b(?:will|shall|going to|until|once|later|separately|branch\w*|office|будем|будет|будут|направим|направит"
    r"|сообщим|напишем|пришлем|ответим|пока|позже|отдельно|отделени\w*|если|при условии"
    rf"|{_BRANCH}"
    r"|айтабыз|жазабыз"
    r"|жиберебиз|(?<!ыраазычылык )(?<!төмөнкүнү )билдиребиз|кийин|азырынча|келгенде|эгер)\b"
)
# ... or, after a stance was given, of other people or of a document ("the board will confirm", "see attached"):
# before it, "Рассмотрев рекомендации на заседании Совета" only says how the answer was reached
_RISK_AFTER = re.compile(
    r"\b(?:would|after|when|members?|team|board|committee|director|coordinator|chair\w*|после|когда|член\w*"
    r"|правлени\w*|совет\w*|комитет\w*|председател\w*|руководител\w*|координатор\w*|директор\w*|документ\w*"
    r"|приложени\w*|вложени\w*|мүчө\w*|раис\w*|төрага\w*|жетекчи\w*)\b"
)
# "We would suggest reformulating it as a two-way exchange.", "Предлагаем вместо этого усилить существующие
# общественные советы": a proposal of its own, which names nothing and so changes no stance (with an ID it is no
# free sentence: "We would suggest removing 4.3" is read where IDs are)
_PROPOSAL = re.compile(
    r"(?:we|i) would (?:suggest|propose|recommend|prefer to|rather see)\b"
    r"|предлагаем (?:вместо|взамен) (?:этого|него|нее)"
)
# (not "We would suggest removing the recommendation on public councils", "… the board revisit this after …")
_PROPOSAL_RISK = re.compile(
    # (nor "We would prefer to leave out the mayor's council", "… rather see the conference replaced by …", "… stay
    # out of …": what they would drop or change)
    r"\b(?:remov\w*|drop\w*|delet\w*|exclud\w*|not adopt\w*|board|members?|after|until|исключ\w*|убра\w*|удал\w*"
    r"|leav\w* out|replac\w*|stay\w* out"
    r"|отказат\w*|правлени\w*|член\w*|после|дожд\w*)\b"
)
# "Настоящая позиция одобрена правлением Ассоциации.", "This response was approved by our board.": the answer
# given is the organisation's, which changes nothing in it (not "will be approved": a later answer, `holding`)
_APPROVED_BY = re.compile(
    r"(?<!\w)(?:позиция|ответ)\w* (?:(?!не )\w+ ){0,2}(?:одобрен|утвержден|согласован|принят)\w* (?:\w+ ){0,2}"
    r"(?:правлени|совет|собрани|заседани)"
    r"|(?:position|response|reply|answer) (?:was |has been |is )(?:approved|endorsed|adopted) by"
)
# "Будем рады участвовать в реализации", "happy to discuss": an offer, which changes no stance
_GOODWILL = compile_at_heads(
    r"(?:будем|будут) (?:рады|благодарны)|рады будем|would be (?:happy|glad|pleased|grateful)|happy to"
    r"|(?:we|i) would (?:welcome|appreciate)\b"  # "We would welcome the conference."
    # "our member companies are ready to host mentoring sessions"
    r"|(?:are|is|we're) (?:ready|willing) to"
    r" (?:host|help|contribute|provide|share|take part|participate|organi[sz]e|offer)"
    r"|look(?:ing)? forward|remain (?:committed|available|at your disposal|open)"
    r"|(?<!\w)готов\w* (?:участвовать|обсудить|к(?!\w)|выступить|стать|взять|поделиться|делиться|помочь"
    r"|предоставить|провести|делегировать"  # "готовы делегировать представителей в рабочие группы по 2.1 и 4.2"
    r"|выдел(?:ять|ить)|направить (?:своего |нашего )?представител)"
    # "Отдельное спасибо за 3.1 и 3.4", "Ждём конференцию по 4.5!", "По 3.5 у нас опыт есть, можем поделиться"
    r"|(?:отдельное |особое )?спасибо(?: за|,? что)|благодарим за|\bждем\b|ждем с нетерпением|опыт есть|есть опыт"
    r"|можем (?:поделиться|выступить|помочь|предоставить)"
    r"|(?:(?<!\w)готов\w*|хотим|хотели бы) принять участие"
    # "Хотели бы участвовать в реализации 3.4"
    r"|(?:хотим|хотели бы|хотелось бы) (?:\w+ )?(?:участвовать|поучаствовать)"
    r"|(?:ready|willing) to (?:help|partner|share|contribute|support|take part)|(?:especially|particularly) keen"
    r"|(?:особенно|очень|крайне|особо) (?:важн|актуальн)\w*|приоритетн\w*|particularly important|a priority for us"
    r"|thanks? (?:you )?for including|спасибо за включение"
    r"|(?:особо|отдельно) (?:отмечаем|подчеркиваем|приветствуем|хотели бы отметить)"
    r"|(?:особо|отдельно) (?:хотели бы |хотим )?выделить"
    r"|(?:особо )?хотим (?:особо )?(?:отметить|подчеркнуть)"
    r"|ыраазычылык билдир\w*"  # "Уюштуруу комитетине ыраазычылык билдиребиз!": thanks
    r"|катышууга даярбыз|кызматташууга даярбыз|өзгөчө маанилүү|маанилүү деп эсептейбиз|өзгөчө белгиле\w*"
    # "We would especially like to be involved in the conference mentioned in 4.5", "4.3 боюнча өзгөчө ыраазыбыз"
    r"|would (?:especially |particularly |also |very much )?(?:like|love) to (?:be involved|take part|participate|join"
    r"|take an? (?:active |leading )?role"  # "We would particularly like to take an active role in implementing 3.2"
    r"|contribute(?!\s+(?:\w+\s+){0,2}(?:comments?|position|views?|input|answers?)\b))"
    r"|өзгөчө ыраазы\w*(?!\s+(?:эмес|болбой))|өзгөчө кубаныч\w*(?!\s+эмес)"  # "… сунушуна өзгөчө кубанычтабыз"
    r"|(?:especially|particularly) welcome"
    # "We would like to stress that 3.8 is of special importance", "Отдельно отмечаем важность рекомендаций 4.5"
    r"|(?:of|is) (?:special|particular|great|utmost) importance|would like to (?:stress|emphasi[sz]e|highlight)"
    r"|(?:подчеркиваем|отмечаем|подчеркнуть|отметить) (?:особую )?важность"
    # courtesy that closes a letter: "Просим учесть изложенную позицию …", "We remain at the Committee's disposal"
    r"|просим учесть (?:изложенн|нашу позицию|наши замечания|наше мнение|данн)|будем признательны"
    r"|надеемся,? что (?:(?:наша|изложенная|данная) позиция|наше мнение|наши (?:замечания|предложения)) буд\w+ учтен\w*"
    r"|hope (?:that )?our (?:position|views|comments) will be (?:taken into account|considered|reflected)"
    r"|we (?:would )?(?:greatly )?appreciate|at (?:the \w+'s|your) disposal"
    r"|would(?:,? of course,?| certainly)? be (?:happy|glad|pleased)|если (?:что-то|что-либо|нужно|потребуется)"
    r"[^.]{0,20}(?:уточнить|пишите|обращайтесь)|may also (?:send|submit|choose|reply|write)"
    r"|(?:позиция|ответ) (?:согласован\w*|принят\w*) (?:со всеми|всеми|на заседании|правлением)"
)
_REWORK = re.compile(r"доработ|переработ|формулировк|(?<!\w)(?:rework|redraft|refin|reword)|wording")
# A doubt beside a stress or an offer: "Recommendations 3.5 and 4.3 in particular worry us", "Сунуштар 3.5 жана 4.3
# өзгөчө биз үчүн кыйын" (a "but" is weighed by `_stressed_reason`: "… особенно важна, но сложна в реализации")
_DOUBTS = re.compile(
    r"вопрос|обсуд|уточн|сомнен|оговорк|беспоко|тревож|question|discuss|reservation|concern|doubt|clarif|worr"
    r"|только если|only if"  # "Хотим участвовать в 4.3 только если она будет переработана"
    # "Готовы делегировать представителей по 4.2, но только после её доработки", "… if it is reworked"
    # (a condition on the recommendation itself; not "если надо", "if that helps", "if you need visuals": courtesy)
    r"|(?<!\w)(?:если|if)\s+(?:она|он|они|её|ее|его|их|it|they|this|это)(?!\w)|(?<!\w)(?:provided|unless)(?!\w)"
    r"|только после|only after|(?<!\w)эгер\s+(?!керек)"  # ("при условии": `_OFFER_CONDITION`)
    r"|кыйын|күмөн|тынчсыз"
)

# "Готовы делегировать представителей по 4.2 при условии финансирования": an offer on a condition
_OFFER_CONDITION = re.compile(r"при условии")  # ("provided", "unless": `_DOUBTS`, which comes first)
_CONTACT = re.compile(r"@|https?://|www\.|\+?\d[\d\s()-]{6,}")


def _offer(text: str) -> bool:
    """ "По п. 3.4 готовы выступить партнёрами": goodwill, with no doubt in it."""
    folded = fold(text)
    return _GOODWILL.search(folded) is not None and _DOUBTS.search(folded) is None


def _free_sentence(reading: UnitReading, text: str, after_stance: bool) -> bool:
    """A sentence that nothing read (no stance, no reference, no doubt; not a greeting, closing, signature,
    contact or table header) and that speaks of later, of other people or parts of the organisation, of a
    condition or a document: what it says is unknown and may change the reading ("Калган райондор өзүнчө
    жазышат", "The Cholpon-Ata team will write separately"). A sentence about the organisation's work or a
    wish is left alone: flagging every such sentence cost 12 points of clear replies accepted, these 2."""
    folded = fold(text.strip())
    words = len(folded.split())
    return (
        not reading.claims
        and not reading.problems
        and not reading.ids_without_stance
        and "|" not in folded
        and (words >= 8 or (words >= 4 and folded.endswith((".", "!", "…"))))
        and not _GREETING.match(folded)
        and not _CLOSING.match(folded)
        and not _SIGNATURE.search(text.strip())
        and not _CONTACT.search(folded)
        and not _GOODWILL.search(folded)
        and not _APPROVED_BY.search(folded)
        and not (_PROPOSAL.match(folded) and not _PROPOSAL_RISK.search(folded))
        and (_RISK.search(folded) is not None or (after_stance and _RISK_AFTER.search(folded) is not None))
    )


# A line that ends a sentence, unless on an initial or an abbreviation: "Председатель правления Эсенов К."
_SENTENCE_LINE = re.compile(r"(?<!\b\w)(?<!\bг)(?<!\bс)(?<!\bобл)[.!?:;…]\s*$")
_SIGNATURE_LINES = 3
_SIGNATURE_WIDTH = 100


def _signature_paragraph(text: str) -> int | None:
    """The number of the last paragraph when it reads as a signature block: at most three short lines, none
    of them a sentence, none of them speaking of later or of a condition ("Председатель правления Эсенов К.",
    "Board of the Investigative Journalists Network", "Төрага: Эрмек Бообеков"). Its titles ("председатель",
    "board") are then who signs, not who will decide. None otherwise."""
    paragraphs = re.split(r"\n\s*\n", text)
    while paragraphs and not paragraphs[-1].strip():
        paragraphs.pop()
    if len(paragraphs) < 2:
        return None
    lines = [line.strip() for line in paragraphs[-1].splitlines() if line.strip()]
    plain = (
        len(lines) <= _SIGNATURE_LINES
        and all(len(line) <= _SIGNATURE_WIDTH and not _SENTENCE_LINE.search(line) for line in lines)
        and not any(_RISK.search(fold(line)) or _QUESTION.search(fold(line)) for line in lines)
    )
    return len(paragraphs) - 1 if plain else None


# "3.2 — …", "По 4.1: …", "Комментарий к 4.1: …" (matched in folded text: "По" opens a sentence)
_ID_HEAD = re.compile(
    # ("Причина по 4.1: конфликт интересов.", "Reason for 4.3: …")
    # ("Why 4.4: experienced NGOs should not lecture local groups", "Почему против 4.1: …")
    r"^\W*(?:(?:комментари\w*|пояснени\w*|причин\w*|обосновани\w*|comments?|notes?|reasons?)\s+(?:к|по|для|on|to|for)\s+"
    r"|(?:why|почему)\s+(?:(?:not|против|не|on|по)\s+)?|по\s+|on\s+|re\s+|рек\.\s*|пп?\.\s*)?"
    r"(?:\d\.\d{1,2}\.?(?:\s*(?:,|и|and)\s*)?)+(?:-?\s*(?:сунуш\w*\s+)?боюнча)?[\s:—–-]*"  # ("3.5 боюнча: …")
)


def _comment_as_reason(claims: list[Claim], ids: tuple[str, ...], text: str) -> bool:
    """ "Не согласны с 3.2 и 3.5.\n3.2 — бизнес-ассоциации …": the later line is 3.2's reason, if it has none.
    True when it became one."""
    head = _ID_HEAD.match(fold(text))
    reason = clean_reason(text[head.end() :]) if head else None
    return reason is not None and _give_reason(claims, ids, reason, (Stance.DISAGREE, Stance.PARTIAL))


_VALUED = re.compile(
    # ("Рекомендацию 4.2 считаем для нас наиболее актуальной: …", "the most relevant for us")
    rf"(?:{STRESS_WORDS}|өзгөчө|айрыкча|наиболее|самой|самая|самым|самые|самыми|the most)\s+(?:[\w.-]+\s+){{0,3}}?"
    r"(?:useful|important|relevant|valuable|close to us"
    r"|близк\w*|важн\w*|важен|актуальн\w*|полезн\w*|полезен|нужн\w*|нужен|ценн\w*|ценен|близок|керек\w*|маанилүү\w*"
    r"|пайдалуу\w*|своевременн\w*|timely"
    r")(?!\w)"
)


_STRESS_HEAD = re.compile(
    r"\W*(?:особо|особенно|отдельно)\s+(?:хотим\s+|хотели бы\s+)?(?:отмечаем|отметить|выделяем|выделить)\s*:\s*"
    r"|\W*(?:in particular|especially|we particularly (?:welcome|value|note))\s*:\s*"
)


def _stressed_as_valued(text: str) -> bool:
    """ "found Panel 4 especially useful", "особенно близки нам": a stress that only says how much they matter
    (not "особенно 3.5 вызывает вопросы", nor anything denied)."""
    folded = fold(text)
    return _VALUED.search(folded) is not None and _DENIAL.search(folded) is None and _DOUBTS.search(folded) is None


_OPENS_WHY = re.compile(r"\s*[:—–]\s+(?=[^\W\d])")
_DASH_AFTER_ID = re.compile(r"\d[.,]\d{1,2}\)?\s*[—–]\s+(?=[^\W\d])")
_DIGIT = re.compile(r"\d")
_REQUEST = re.compile(r"(?<!\w)(?:please|пожалуйста|просим|сообщите|let us know|keep us|дайте знать|напишите)")


def _stressed_reason(claims: list[Claim], ids: tuple[str, ...], text: str) -> list[Problem]:
    """ "Особенно важна для нас рекомендация 3.8, так как многие незрячие …", "We particularly welcome 3.8, as
    …": a stress on IDs already given a stance, with why: the reason of that stance. What follows a dash or a colon
    may instead set a condition or a limit ("Особо отмечаем 3.4 — если будет финансирование", "…: но только для
    сёл"), which a person weighs, or ask or offer something, which is no why."""
    folded = fold(text)
    marker = REASON_MARKER.search(folded)
    start = marker.start() if marker else _dash_after_ids(text)
    if start is None and (valued := _VALUED.search(folded)) and (opens := _OPENS_WHY.match(folded, valued.end())):
        start = opens.end()  # "Рекомендацию 4.2 считаем для нас наиболее актуальной: совместные проекты …"
    reason = clean_reason(text[start:]) if start is not None else None
    if start is None and _YES_BUT.search(folded):
        return [Problem("reservation", text.strip()[:80])]  # "3.6 особенно важна, но сложна в реализации"
    if not reason:
        return []
    said = fold(reason)
    if marker is None:  # (a marked why may hold an "only if" of its own: "…, анткени … кыргыз тилинде өтсө гана …")
        if condition_in(said):
            return [Problem("condition", reason[:80])]
        if LIMITS.match(said) or LIMITS.match(fold(text[start:]).lstrip(" \t—–-:,")):  # (before "но" is trimmed)
            return [Problem("reservation", reason[:80])]
        if (_offer(reason) and not _VALUED.search(said)) or _REQUEST.search(said):
            return []
    _give_reason(claims, ids, reason, tuple(Stance))
    return []


def _dash_after_ids(text: str) -> int | None:
    """ "Особо отмечаем 3.4 и 3.7 — мы как раз этим занимаемся": a dash after the last ID opens why (not a request,
    "… implementing 3.1 and 3.4 — please keep us in the loop")."""
    last = max(_DASH_AFTER_ID.finditer(text), key=lambda m: m.start(), default=None)
    if last is None or _DIGIT.search(text, last.end()) or _REQUEST.search(fold(text), last.end()):
        return None
    return last.end()


def _give_reason(claims: list[Claim], ids: tuple[str, ...], reason: str, stances: tuple[Stance, ...]) -> bool:
    """Give `reason` to `ids` in the first claim with a stance of `stances` that holds them and has none; its
    other IDs keep the claim as it was. True when one did."""
    for index, claim in enumerate(claims):
        if set(ids) & set(claim.ids) and claim.stance in stances and claim.reason is None:
            own = tuple(i for i in claim.ids if i in ids)
            rest = tuple(i for i in claim.ids if i not in ids)
            claims[index] = replace(claim, ids=own, reason=reason)
            if rest:
                claims.insert(index + 1, replace(claim, ids=rest))
            return True
    return False


_DENIAL = re.compile(r"(?<!\w)(?:не|not|cannot|can't|don't|shouldn't|should not|never|no longer|эмес|жок)(?!\w)")


def _denies_agreement(claims: list[Claim], ids: tuple[str, ...], text: str) -> bool:
    """A later sentence about IDs already agreed to, with no stance word of its own but a denial in it."""
    agreed = {i for c in claims if c.level == EXPLICIT and c.stance is Stance.AGREE for i in c.ids}
    return set(ids) <= agreed and _DENIAL.search(fold(text)) is not None


def _among(problem: Problem, problems: tuple[Problem, ...]) -> bool:
    """This very problem (not an equal one from another sentence) is one of `problems`."""
    return any(problem is p for p in problems)


def _named(claims: list[Claim]) -> set[str]:
    """IDs given a stance by name: a later line naming them again ("3.2 — бизнес-ассоциации …") comments on it."""
    # (a panel of one recommendation names it: "Панель 2 — принимаем. Отмечаем, что 2.1 напрямую касается …")
    return {i for c in claims if c.level == EXPLICIT or (c.level == GROUP and len(c.ids) == 1) for i in c.ids}


# "… относится к компетенции государства. В связи с изложенным Ассоциация не поддерживает 3.8."
_WHY_AT_RISK = re.compile(r"\b(?:office|branch\w*|филиал\w*|отделени\w*|мэри\w*|совет\w*|council\w*)\b")
_THEREFORE_HEAD = re.compile(
    r"\W*(?:поэтому|в связи с (?:этим|изложенным|вышеизложенным)|исходя из (?:этого|изложенного|вышеизложенного)"
    r"|по (?:этой|этим) причин\w+|therefore|for (?:this|these) reasons?|hence|ошондуктан|ошол себептен"
    # "… not enough entrepreneurs to fill it. So we only partly support 4.3.", "That's why we cannot support 3.5."
    r"|so(?=,?\s+(?:we|i)\b)|that'?s why|that is why|this is why|вот почему|именно поэтому|сондуктан)\b"
)


def _says_nothing_of_ids(reading: UnitReading, text: str) -> bool:
    return not (reading.claims or reading.ids_without_stance or reading.has_cue or reading.problems) and not (
        _GREETING.match(fold(text)) or _CLOSING.match(fold(text)) or _SIGNATURE.search(text)
    )


# "По 3.8:", "3.8 боюнча:", "On 3.8:": one recommendation named as the heading of the words after it
_ID_HEADING = re.compile(
    r"\W*(?:(?:по|on|regarding|re|as for|as to)\s+)?(?:пп?\.\s*|пункт\w*\s+|рекомендаци\w+\s+|recommendation\s+)?"
    r"\d\.\d{1,2}(?:\s+(?:боюнча|сунушу\s+боюнча))?\s*[:—–-]\s*"
)


# ("По 3.8: см. выше", "On 4.2: same as above", "По 1.1: позиция в приложении", "…, если не изменится закон": a
# pointer or a condition, no why)
_NO_WHY_UNDER = re.compile(
    r"см\.|выше|ниже|приложени|(?<!\w)(?:above|below|attach\w*|same as|если|if|unless|эгер)(?!\w)|при условии"
)


def _after_an_id_heading(reading: UnitReading, text: str) -> tuple[str, tuple[str, ...]]:
    """The words after a heading of one recommendation that give it no stance ("По 3.8: государство должно само …"),
    and that recommendation: what a "Поэтому против." after them rests on."""
    if reading.claims or reading.has_cue or reading.problems or len(reading.ids_without_stance) != 1:
        return "", ()
    folded = fold(text)
    heading = _ID_HEADING.match(folded)
    if heading is None or heading.end() == len(text) or _NO_WHY_UNDER.search(folded, heading.end()):
        return "", ()
    return text[heading.end() :], reading.ids_without_stance


def _with_earlier_reason(claims: list[Claim], earlier: str) -> list[Claim]:
    """A stance that opens with "Поэтому"/"Therefore" rests on the sentence before it, if that one named nothing
    (and what it says itself, "Поэтому 4.5 частично: кенеши — да, конференция — нет", follows that reason)."""
    reason = clean_reason(earlier)
    return [replace(c, reason=f"{reason}; {c.reason}" if reason and c.reason else reason or c.reason) for c in claims]


# "Azamat, Molodejnaya set Batken" closing a phone's reply: a name, a comma, the organisation; no full stop
_NAME_LINE = re.compile(r"^\s*[A-ZА-ЯЁӨҮҢ][\w'-]+(?:\s+[A-ZА-ЯЁӨҮҢ][\w'.-]*)?\s*,\s*[^.!?]{2,60}$")
# "Талас аймактык ишкерлер палатасы", "Rural Voices Coalition", "Ассоциация грузоперевозчиков Баткенской
# области": the organisation that signs, as the last line
_ORGANISATION_LINE = compile_at_heads(
    r"(?:бирикмеси|палатасы|ассоциациясы|фонду|борбору|уюму|тобу|коому|кооперативи|биримдиги|тармагы|кеңеши"
    r"|бөлүмү|союзу|филиалы|клубу|комитети"
    r"|association|union|foundation|network|coalition|chamber|club|cooperative|centre|center|fund|council)"
    # ("Ат-Башы малчылар бирикмеси, Тилек Жумабеков": a name after it, in capitals)
    r"(?:\s*,\s*(?-i:[A-ZА-ЯЁӨҮҢ])[^\W\d]*+(?:\s+(?-i:[A-ZА-ЯЁӨҮҢ])[^\W\d]*+\.?){0,2})?\s*$"
    # ("Союз малого бизнеса г. Джалал-Абад": the full stop of a town's or a region's abbreviation)
    r"|^\s*(?:ОО|ОФ|ОЮЛ|Ассоциация|Союз|Объединение|Фонд|Коалиция|Сеть|Центр|Клуб|Кооператив)\b"
    r"(?:[^.!?]|(?<=\bг)\.|(?<=\bс)\.|(?<=\bобл)\.)*$",
    re.IGNORECASE,
)


def _names_nothing(folded: str, campaign: Campaign) -> bool:
    """No stance, no exception and nothing named but an "all" (which an organisation's name may hold): "Youth
    Network, also panel two" and "… Union, except digital" under a signature say more than who signs."""
    return (
        not find_cues(folded)
        and _EXCEPTION_WORD.search(folded) is None
        and all(r.level == GLOBAL for r in find_refs(folded, campaign))
    )


def _name_and_organisation(line: str) -> bool:
    """ "Jamila, Mountain Communities Support Foundation", "Калыс, ОО «Жети-Өгүз Булагы»": who signs, and for whom
    (the organisation's kind at the end of the line, or its abbreviation after the comma)."""
    name = _NAME_LINE.match(line)
    if name is None:
        return False
    return (
        _ORGANISATION_LINE.search(line) is not None
        or _ORGANISATION_LINE.search(line[line.index(",") + 1 :]) is not None
    )


# "They reflect exactly what our members said", "Они отражают …": a sentence about the recommendations just agreed
# ("Считаем их соответствующими Закону …", "We consider them timely": what they are, in our view)
_THEY_OPEN = re.compile(
    r"\W*(?:(?:they|these|они|эти рекомендации|алар|бул сунуштар)\s+(?!\w+\s+(?:said|told|say|сказал|говор))"
    r"|(?:считаем|находим) их\s|we (?:consider|find) them\s)"
)


# ("Считаем его одним из наиболее важных", "We consider it a priority": of the one recommendation agreed; not of
# the rest after "3.7 не поддерживаем, остальные — да. Считаем её задачей государства": that is 3.7's why)
_IT_OPENS = re.compile(r"\W*(?:(?:считаем|находим) (?:ее|его)\s|we (?:consider|find) it\s)")


def _describes(agreed: Claim, folded: str) -> bool:
    """A sentence about what was just agreed: "they"/"их" of any agreement, "it"/"его" of one recommendation."""
    return bool(_THEY_OPEN.match(folded) or (len(agreed.ids) == 1 and _IT_OPENS.match(folded)))


def _answers_heading(claim: Claim) -> bool:
    """A stance on no recommendation, or on "all" of them (not "the rest", nor all of the letter: "all nineteen",
    "все рекомендации письма", "всех панелей"), which a heading just above scopes."""
    folded = fold(claim.evidence)
    return not claim.scoped or (
        claim.level == GLOBAL and REST_WORD.search(folded) is None and _WHOLE_LETTER.search(folded) is None
    )


_ABOUT_THE_WHOLE = re.compile(r"письм|letter|документ|document|в целом|overall|as a whole|в итоге|правлени|board")
_WHOLE_LETTER = re.compile(
    r"19|девятнадцат|nineteen|письм|letter|всех панел|all (?:the )?panels|всех раздел|бардык панел"
)


def _agreed_without_reason(claim: Claim) -> bool:
    return claim.stance is Stance.AGREE and claim.reason is None


_WOULD_IF = re.compile(
    r"\W*(?:we\s+|мы\s+)?(?:would (?:fully )?support (?:it|them) if|(?:поддержали|приняли) бы (?:ее|его|их),? если"
    r"|бы (?:ее|его|их) (?:полностью )?(?:поддержали|приняли),? если)"
)


def _gives_reason(reading: UnitReading, unit: _Unit, previous: _Unit, last: _Unit) -> bool:
    """The sentence after a bare "не согласны" is its reason, if it has no stance or ID of its own (not even one
    in words: measured, letting "Региональные ОГО не нуждаются в «трансляции знаний сверху вниз»" through under 1.3
    and 4.4 took "Обе предлагают ОГО «наращивать собственный потенциал»" for why twice where the why came next)."""
    return (
        unit.paragraph == previous.paragraph
        and not reading.has_cue
        and not reading.ids_without_stance
        and all(p.code == "unread_words" for p in reading.problems)  # a reason's words are its own
        and not _CLOSING.match(fold(unit.text))
        and not _signs_off(unit, last)
        and (len(unit.text.split()) >= 4 or unit.text.rstrip().endswith((".", "!")))  # not "Кун-Элек айыл окмоту"
        and not _QUESTION.search(unit.text)
        and not _EXPLAINED_LATER.search(fold(unit.text))
        and not _APOLOGY.match(fold(unit.text))
        # ("3.5ке каршыбыз. Калганын кийин айтабыз.", "Остальное как писали.": of the rest, not why)
        and REST_WORD.match(folded := fold(unit.text), len(folded) - len(folded.lstrip(" \t-–—•*"))) is None
        and not _ends_on_yes(folded)
    )


def _signs_off(unit: _Unit, last: _Unit) -> bool:
    """A signature, or the reply's last line naming who writes ("Кун-Элек айыл окмоту"): neither a why nor an answer."""
    return _SIGNATURE.search(unit.text) is not None or (
        unit is last and (_NAME_LINE.match(unit.text) is not None or _ORGANISATION_LINE.search(unit.text) is not None)
    )


def _yes_to_someone(reading: UnitReading, unit: _Unit, last: _Unit) -> bool:
    """ "Disagree with 3.5. Everyone else ok.": after a rejection with no why, a sentence that names nothing and ends
    on a yes and a full stop (not a signature: "Tolkon, Assoc. perevozchikov DA")."""
    return (
        unit.text.rstrip().endswith((".", "!"))
        and not reading.claims
        and not reading.ids_without_stance
        and not _signs_off(unit, last)
        and _ends_on_yes(fold(unit.text))
    )


def _ends_on_yes(folded: str) -> bool:
    """ "Disagree with 3.5. Everyone else ok.": a sentence that ends on a yes to something is no why."""
    return any(c.terse and c.kind is CueKind.AGREE and not folded[c.end :].strip(" .!)") for c in find_cues(folded))


# "Izvinite chto latinicey, s telefona": the writer's apology, not why
_APOLOGY = re.compile(
    r"\W*(?:извините|извиняюсь|прошу прощения|sorry|apologies|кечирип коюңуз|кечиресиз)(?!,?\s+(?:но|but|бирок)\b)"
)  # (not "Извините, но это не наша задача": the why, politely)
# After "Рекомендацию 3.7 не поддерживаем, остальные — да.", a sentence is the exception's why when it speaks
# against something ("… должны госорганы, а не ОГО"), and not when it praises ("Они полностью соответствуют …")
# or introduces ("Our network unites 30 organisations")
_AGAINST = re.compile(
    r"(?<!\w)(?:не|нет|ни|not|no|never|cannot|can't|don't|isn't|aren't|уже|already|рано|too early|должн\w*|should"
    r"|эмес|жок|задач\w*|компетенц\w*|обязанност\w*|job of|task of|role of|responsibility of)(?!\w)"
)


def _against_it(text: str) -> bool:
    folded = fold(text)
    return _AGAINST.search(folded) is not None and _THEY_OPEN.match(folded) is None and not folded.startswith("все они")


# "Подробнее объясним на следующей встрече": why is promised, not given
_EXPLAINED_LATER = re.compile(r"(?<!\w)(?:объясним|поясним|обоснуем|расскажем подробнее|will explain|explain later)")
_YES_BUT = re.compile(rf"(?:^|[\s,;—–-])(?:{BUT_WORDS}|хотя)[\s,]")


def _says_how_far(reading: UnitReading, unit: _Unit, waiting: Claim) -> bool:
    """ "4.5: partly. We support cooperation with local keneshes, but a single conference will not …": after a bare
    "partly", a "yes to this, but that" naming no recommendation of its own says how far."""
    return (
        waiting.stance is Stance.PARTIAL
        and bool(reading.claims)
        and not any(c.scoped for c in reading.claims)
        and not reading.ids_without_stance
        and _YES_BUT.search(fold(unit.text)) is not None
        and not _QUESTION.search(unit.text)
    )


def _with_reason(claim: Claim, sentence: str) -> Claim:
    reason = clean_reason(sentence)
    return replace(claim, reason=reason, guess=claim.guess and reason is None)


def _reply_problems(
    text: str, folded: str, language: str, exceptions_answered: bool = False, also: str = ""
) -> list[Problem]:
    """What the reply as a whole says of who answers, when and how; `folded` is `fold(text)`, found once.

    `also`: more of the respondent's own words, folded: a phone's Latin Russian as typed, read in Cyrillic
    elsewhere, whose English words are searched as typed ("ok po vsem krome 4.3 — need to discuss it with the
    board first" holds an answer back); and the subject they wrote ("Предварительный ответ, окончательный после
    правления", "Correction to our earlier reply").
    """
    said = f"{folded}\n{also}" if also.strip() else folded
    problems = [
        Problem(code, m.group())
        for code in _WHOLE_REPLY
        if (m := _unexcused(code, said)) and not (code == "unclear_exception" and exceptions_answered)
    ]
    if _search("holding", said):
        problems.append(Problem("holding", ""))
    if _QUESTION.search(folded):
        problems.append(Problem("question", ""))
    if _search("earlier_now", said):
        problems.append(Problem("revision", ""))
    foreign = _foreign_script(text)
    if foreign or language not in ("ru", "ky", "en", "mixed", ""):
        problems.append(Problem("language", foreign or language))
    elif _unread_latin(folded):
        problems.append(Problem("language", "Latin-script text that is not English"))
    if _LATIN_NE.search(folded):
        problems.append(Problem("ambiguous_negation", "ne"))
    return problems + _dangling_answers(folded)


# "По 1.1 — да, по 2.1 — да, по 4.3 —": an ID and a dash ending a line that answers in words; the dash is no "no"
_DANGLING_DASH = re.compile(r"\d\.\d{1,2}[^\S\n]*+[—–-][^\S\n]*+(?=\n|$)")
_WORD_ANSWER = re.compile(r"[—–-][^\S\n]*+(?:да|нет|yes|no|ооба|жок)(?!\w)")


def _dangling_answers(folded: str) -> list[Problem]:
    for m in _DANGLING_DASH.finditer(folded):
        if _WORD_ANSWER.search(folded, folded.rfind("\n", 0, m.start()) + 1, m.start()):
            return [Problem("no_stance_for_id", m.group().strip(" —–-"))]
    return []


# "ok, no ne 4.1": Russian "не" typed in Latin letters, in a reply too short to be read as Latin Russian
# (not "the NE region", "Ne mind the delay")
_LATIN_NE = re.compile(r"(?<![\w'’-])(?<!the )ne(?=[^\S\n]++[\w.])(?![^\S\n]++(?:region|mind|corner|part|area|side)\b)")


# "Третью панель не рассматривали, воздерживаемся": not discussed, and so an abstention
_ABSTAINED_AFTER = re.compile(
    # (one run of spaces, not two side by side: a long run of spaces took seconds)
    r"[^\S\n]*(?:[,;:—–-][^\S\n]*)?(?:(?:и|поэтому|so|and|therefore)\s+)?(?:мы\s+|we\s+)?(?:воздерж|abstain)"
    # (not "…, воздерживаемся по 4.3", "abstain on 4.3": an abstention on something else)
    r"(?!\w*(?:\s+от\s+\w+)?\s+(?:(?:по|on|from|regarding|with)\s+)?(?:\d\.\d|п\.|рекоменд|панел|panel))"
)
# "on which we abstain as we have not discussed it", "воздерживаемся, так как не обсуждали их": why they abstain
_ABSTAINED_BEFORE = re.compile(
    # ("We abstain on 4.3 because we have not discussed it": the abstention's own ID between)
    r"(?:abstain|воздерж|калыс)\w*(?:\s+(?:on|по)\s+(?:п\.\s?)?\d\.\d(?:\s*(?:,|и|and)\s*\d\.\d)*)?"
    r"[^.!?\n\d]{0,12}?(?<!\w)(?:as|since|because|так как|поскольку|т\.\s?к\.|потому что"
    r"|анткени)(?!\w)[^.!?\n\d]{0,30}$"
)  # (not "По третьей панели воздерживаемся, а четвертую еще не обсуждали": panel 4 left unanswered)


def _unexcused(code: str, said: str) -> re.Match[str] | None:
    """The first match of `code`'s pattern that is no abstention's why: the deliberate silence that
    `no_stance_for_id` looks for ("остальные не обсуждали") is an answer once "воздерживаемся" gives it (before
    it, or right after: "не рассматривали, воздерживаемся")."""
    m = _search(code, said)
    while (
        m
        and code == "no_stance_for_id"
        and (_ABSTAINED_BEFORE.search(said, max(0, m.start() - 60), m.start()) or _ABSTAINED_AFTER.match(said, m.end()))
    ):
        m = _GATED[code].search(said, m.end())
    return m


# "Согласны со всеми рекомендациями без исключения", then "по 4.1 … против": which of the two holds?
_NO_EXCEPTION = re.compile(r"без (?:всяких |каких-либо )?исключени\w*|without (?:any )?exceptions?|no exceptions"
                           r"|эч бир? (?:өзгөчөлүксүз|четтетүүсүз)|бардыгын толугу менен")  # fmt: skip


_FULLY_ALL = re.compile(
    r"(?:полностью|целиком|в полном объеме|fully|in full|entirely|толугу менен)\s+(?:\w+\s+){0,2}?"
    r"(?:все|всё|всеми|all|every|бардык|баар)\w*(?!\W+(?:\w+\W+){0,3}?(?:under|of|in|панел|раздел|panel|section|бөлүм|\d))"
)
# "кроме", not "Кроме того, по 4.1 мы против": "besides", which sets nothing apart (but "кроме того, что …" does)
_EXCEPT_BUT_BESIDES = r"кроме(?!\s+(?:того|этого)\b(?!,?\s+что\b))"
_EXCEPTION_WORD = compile_at_heads(
    rf"{_EXCEPT_BUT_BESIDES}|за исключением|except|apart from|save for|other than|остальн|прочи[ем]"
    r"|(?<!\w)rest(?!\w)|the others"
    r"|remaining"
    r"|калган|башка|тышкары|all (?:the )?other\b|(?:все|всем|всеми) други\w*"  # "We fully agree with all other …"
)


_COMPLETION = re.compile(r"\W*(?:forgot|i forgot|we forgot|забыл\w*|также|also|кстати|by the way|унутуп)")
_POSTSCRIPT = re.compile(r"(?:^|\n)\s*(?:p\.\s?s\.?|п\.\s?с\.?|ps\b)", re.IGNORECASE)


def _postscript_turns(text: str, stances: dict[str, StanceFinding], campaign: Campaign) -> list[Problem]:
    """ "Согласны со всеми пунктами. … P.S. 3.5 считаем нереалистичной, мы против": the answer, then a
    postscript against part of it; which of the two is the organisation's? Readers call it a contradiction."""
    m = _POSTSCRIPT.search(text)
    if m is None:
        return []
    after_text = text[m.end() :]
    after = _stances_in(after_text, campaign)
    if not after and find_refs(fold(after_text), campaign):
        # "P.S. … two of our board members pointed out that 4.3 would duplicate …": about a recommendation,
        # and no stance read from it
        return [Problem("unread_words", f"P.S. {after_text.strip()[:70]}")]
    if len({f.stance for f in stances.values()}) < 2:
        return []
    if _COMPLETION.match(fold(after_text)):
        return []  # "P.S. Forgot to mention: we disagree with 4.1": completing the answer, not turning it
    main = _stances_in(text[: m.start()], campaign)
    opposite = {Stance.AGREE: Stance.DISAGREE, Stance.DISAGREE: Stance.AGREE}
    # an abstention added after a word with the board reads as a completion ("P.S. … по 3.2 воздерживаемся")
    turned = any(opposite.get(s) in main for s in after - main)
    return [Problem("contradiction", "P.S.")] if turned else []


def _stances_in(text: str, campaign: Campaign) -> set[Stance]:
    return {f.stance for f in _merge(_read_text(text, campaign)[0], campaign)[0].values()}


# "По ней мнения внутри организации разделились", "пикирлер ар түрдүү", "views … are divided": no one answer
_DIVIDED = re.compile(
    r"мнени[яе]\s+(?:[\w-]+\s+){0,3}(?:разделил\w*|расход\w*|разош\w*|разн\w*)|нет (?:единого|общего|единой|общей)"
    r" (?:мнения|позиции)|не пришли к (?:единому|общему)|пикир\w*\s+(?:\w+\s+)?(?:ар түрдүү|экиге бөлүн\w*)"
    r"|бир пикирге кел\w* жок|(?:views|opinions)\s+(?:[\w-]+\s+){0,4}(?:are|were|remain)\s+(?:divided|split|mixed)"
    r"|no (?:common|consensus|single|shared) (?:view|position)|(?:not|no|never) reach\w* (?:a )?consensus"
    r"|divided (?:views|opinions)"
)


def _divided(folded: str, stances: dict[str, StanceFinding]) -> list[Problem]:
    """Opinions divided inside the organisation, and no abstention recorded: "всё, кроме 3.5. По ней мнения
    разделились" leaves 3.5 with a guessed rejection; "воздерживаемся: мнения членов разделились" is an answer."""
    m = _DIVIDED.search(folded)
    if m is None or any(f.stance is Stance.ABSTAIN for f in stances.values()):
        return []
    return [Problem("partial_speaker", m.group())]


def _exceptions_denied(folded: str, stances: dict[str, StanceFinding]) -> list[Problem]:
    """An "all, without exception" in a reply that then records an exception contradicts itself; so does
    "полностью поддерживает все" followed by objections to one, with no "кроме"/"остальные" to join them."""
    m = _NO_EXCEPTION.search(folded) or (None if _EXCEPTION_WORD.search(folded) else _FULLY_ALL.search(folded))
    counts = Counter(f.stance for f in stances.values())
    if m is None or len(counts) < 2:
        return []
    usual = counts.most_common(1)[0][0]
    others = ", ".join(f.rec_id for f in stances.values() if f.stance is not usual)
    return [Problem("contradiction", f"«{m.group()}», но {others}")]


# "Итого — все 19 принимаем", "полностью поддерживает рекомендации четвёртой панели": a whole said without
# reserve, next to a different stance on a part of it that no "кроме"/"остальные" sets apart
_WITHOUT_RESERVE = re.compile(r"полностью|целиком|в полном объеме|без замечаний|fully|in full|entirely|толугу менен")
_ALL_WORD = re.compile(r"(?<!\w)(?:все|всеми|всех|all|бардык)(?!\w)")
_WITHOUT_RESERVE_OR_ALL = re.compile(rf"{_WITHOUT_RESERVE.pattern}|{_ALL_WORD.pattern}")
_RESTATED = re.compile(
    r"(?:все|all|бардык)\s+19|итого|in total|in sum|без исключени\w*|without (?:any )?exception|еще раз|once again"
)
_ONE_PANEL = 8  # the most recommendations a panel has: a "fully" over more is a list of panels, perhaps a heading
# an exception word, or a word that sets a part apart more loosely ("all other", "everything else", "но")
_SETS_APART = compile_at_heads(
    _EXCEPTION_WORD.pattern + r"|other|друг(?:ие|им|ими|их)|прочи|else|\bно\b|\bbut\b|однако|however|бирок"
    r"|исключение|exception|а вот"  # "Все рекомендации панели 3 поддерживаем. Исключение — 3.5, …"
)


def _whole_against_its_part(claims: list[Claim], letter_size: int) -> list[Problem]:
    """ "Согласны со всеми. 3.5 не поддерживаем. Итого — все 19 принимаем.": the whole, restated without reserve
    after (or around) a different stance on part of it, contradicts it; a person decides which holds."""
    for index, whole in enumerate(claims):
        said = fold(whole.evidence)
        # ("Согласны со всеми рекомендациями 4-й панели. По п. 4.2 … возражаем")
        # (or "all the recommendations of panel 1 and panel 4": "all" over a list of panels, no heading's "fully";
        # not over every panel, "1-4 панелдердин бардык сунуштарын", which is the letter's "all" and its own rule)
        panel = whole.level == GROUP and (
            (len(whole.ids) <= _ONE_PANEL and _WITHOUT_RESERVE_OR_ALL.search(said))
            or (_ALL_WORD.search(said) and len(whole.ids) < letter_size)
        )
        # ("Полностью поддерживаем все рекомендации. По 3.5 у нас возражения: …")
        restated = whole.level == GLOBAL and (
            _RESTATED.search(said) or (_WITHOUT_RESERVE.search(said) and _ALL_WORD.search(said))
        )
        if not whole.scoped or _SETS_APART.search(said):
            continue
        # "Поддерживаем 4.2 и 4.4. По четвёртой панели в целом мы против": the whole said after a part of it
        # (not an "all" after a part: measured, it flagged 36 clear replies for 1 unclear)
        after = whole.level == GROUP and len(whole.ids) <= _ONE_PANEL
        for part in claims if panel or restated else claims[:index] if after else ():
            if (
                part.level == EXPLICIT
                and part.stance is not whole.stance
                and set(part.ids) <= set(whole.ids)
                and not _SETS_APART.search(fold(part.evidence))
            ):
                return [Problem("contradiction", f"«{whole.evidence[:60]}», но {', '.join(part.ids)}")]
    return []


# "Со всеми рекомендациями согласны. Ниже краткие комментарии по отдельным пунктам: … 1.4 — нет, …": a "no"
# offered as a comment on an agreement with all
_COMMENTS_HEAD = re.compile(
    r"(?:комментари|замечани)\w* (?:по|к) (?:отдельным|некоторым) (?:пунктам|рекомендациям)"
    r"|comments on (?:some|individual|certain|specific) (?:points|items|recommendations)"
)


def _objection_among_comments(folded: str, stances: dict[str, StanceFinding]) -> list[Problem]:
    """A rejection listed among comments on an agreement with all: the exception, or a contradiction?"""
    m = _COMMENTS_HEAD.search(folded)
    if m is None or not any(f.stance is Stance.DISAGREE for f in stances.values()):
        return []
    return [Problem("contradiction", m.group())]


# "Agreed w 3.1 3.4 3.7. Not 35": after a "not" or an "except", a two-digit number that is an ID without its dot
_UNDOTTED_ID = re.compile(r"\b(?:not|no|не|нет|except|кроме)\s+(\d)(\d)(?![.,]?\d)(?!\s*(?:%|[^\W\d]))")


def _undotted_ids(folded: str, campaign: Campaign) -> list[Problem]:
    """ "Not 35": 3.5 typed without its dot, or a number? A person reads it."""
    return [
        Problem("ambiguous_number", m.group())
        for m in _UNDOTTED_ID.finditer(folded)
        if f"{m.group(1)}.{m.group(2)}" in campaign.ids
    ]


# "Не согласны только с 1.1 — …", "We only object to 4.3": the one objection named, so the rest is agreed
_ONLY_OBJECTION = compile_at_heads(
    r"(?:не\s+(?:согласн\w+|поддерживаем|принимаем)|против|(?:disagree|object|are opposed)(?:\s+to)?)"
    r"\s+(?:только|лишь|only)\b|\bonly\s+(?:disagree|object|oppose)"
    # "Бардыгынан 4.3 менен гана макул эмеспиз", "4-панелден 4.2ни гана колдобойбуз"
    r"|\bгана\s+(?:макул\s+эмес|каршы|колдобо)\w*"
    # "Disagree with 1.1 only.": the "only" after the IDs
    r"|(?:disagree|object|are opposed)(?:\s+(?:with|to))?\s+\d\.\d{1,2}(?:\s*(?:,|and)\s*\d\.\d{1,2}){0,5}\s+only\b"
    r"(?!\s+(?:partly|partially|in part))"
)


_OTHER_PANELS = re.compile(
    r"(?<!\w)(?:(?:осталь?н|прочи)\w*\s+(?:панел|раздел|секци|блок)\w*|(?:other|remaining)\s+(?:panels|sections)"
    r"|the rest of the (?:panels|sections)|калган\s+панел\w*)"
)


# ("остальные рекомендации этой панели и прочих разделов", "All other sections and recommendations", "in this and the
# other panels": the rest of the answered panel too)
_AND_THE_REST = re.compile(
    r"рекомендаци|recommendation|сунуш|пункт|items?\b|points?\b|\bthis\b|этой|этого|everything|все остальн"
)


def _of_other_panels(claim: Claim) -> bool:
    said = fold(claim.evidence)
    return claim.level == GLOBAL and _OTHER_PANELS.search(said) is not None and _AND_THE_REST.search(said) is None


def _rest_of_the_panels(claims: list[Claim], campaign: Campaign) -> list[Claim]:
    """ "4.1–4.2 поддерживаем, 4.3 нет. По остальным панелям у нас нет позиции": the other panels are those none of
    whose recommendations was answered, not the rest of panel 4 too (4.4 and 4.5 stay unanswered)."""
    if not any(_of_other_panels(c) for c in claims):
        return claims  # (most replies: no other panels)
    panel = {r.id: r.panel for r in campaign.recommendations}
    kept: list[Claim] = []
    for claim in claims:
        if _of_other_panels(claim):
            # (the panels answered before it: "По остальным панелям тоже согласны, кроме 1.5" excepts 1.5 from them)
            touched = {panel[i] for c in kept if c.level != GLOBAL for i in c.ids}
            claim = replace(claim, ids=tuple(i for i in claim.ids if panel[i] not in touched))
        if claim.ids:
            kept.append(claim)
    return kept


# "Остальное в этой панели принимаем", "We agree with the rest of that panel", "the others in that panel": the rest
# of the panel spoken of just before, not of the letter
_THIS_PANEL = re.compile(
    r"(?:осталь?н\w*|the rest|rest|others?|калган\w*)\s+(?:\w+\s+){0,2}?(?:of\s+|in\s+|в\s+)?"
    r"(?:этой|данной|этого|that|this|ушул|бул)\s+(?:панел|panel|раздел|section|блок|бөлүм)"
)


# "The rest of this panel, and the whole letter otherwise, we support", "как и всё остальное в письме"
_AND_ALL_ELSE = re.compile(
    r"everything else|whole letter|all (?:the )?others?\b|otherwise|вс[её] остальное|все други|как и вс|в письме"
)


def _of_this_panel(claim: Claim) -> re.Match[str] | None:
    """ "Остальное в этой панели принимаем": its "this panel" (none for "… этой панели и прочих разделов": and of the
    other panels too)."""
    if claim.level != GLOBAL:
        return None
    said = fold(claim.evidence)
    this = _THIS_PANEL.search(said)
    return this if this and _OTHER_PANELS.search(said) is None and _AND_ALL_ELSE.search(said) is None else None


def _rest_of_this_panel(claims: list[Claim], campaign: Campaign) -> tuple[list[Claim], list[Problem]]:
    """The rest of "this panel" is the rest of the one panel that the claim before it named; a person says which
    when the claim before named several panels, or none. (It was read as the rest of the letter, silently.)"""
    if not any(_of_this_panel(c) for c in claims):
        return claims, []  # (most replies)
    panel = {r.id: r.panel for r in campaign.recommendations}
    kept: list[Claim] = []
    problems: list[Problem] = []
    for claim in claims:
        if this := _of_this_panel(claim):
            before = next((c for c in reversed(kept) if c.level != GLOBAL), None)
            panels = {panel[i] for i in before.ids} if before else set()
            if len(panels) != 1:
                problems.append(Problem("unclear_reference", this.group()))
                continue
            number = panels.pop()
            claim = replace(claim, ids=tuple(i for i in claim.ids if panel[i] == number), level=GROUP)
        kept.append(claim)
    return kept, problems


def _rest_of_an_only_objection(folded: str, claims: list[Claim], campaign: Campaign) -> list[Claim]:
    """The agreement with the rest that "only" gives, when every claim agrees with or objects to named IDs."""
    m = _ONLY_OBJECTION.search(folded)
    if m is None or not any(c.stance is Stance.DISAGREE for c in claims):
        return []
    if any(c.stance not in (Stance.DISAGREE, Stance.AGREE) or c.level == GLOBAL for c in claims):
        return []
    named = {i for c in claims for i in c.ids}
    rest = tuple(i for i in campaign.ids if i not in named)
    return [Claim(rest, Stance.AGREE, GLOBAL, None, m.group(), scoped=True)] if rest else []


def _counted_exceptions(folded: str, stances: dict[str, StanceFinding], campaign: Campaign) -> list[Problem]:
    """ "We support the recommendations with one exception." then "4.3 – we do not support …": the count
    announced must be the count of recommendations given another stance than the rest (and "the other 18" the
    count of the rest), else a person reads it
    ("Поддерживаем все рекомендации за двумя исключениями." alone was recorded as 19 agreements)."""
    usual = Counter(f.stance for f in stances.values()).most_common(1)
    problems = []
    counted = counted_exception(folded)
    if counted is not None:
        others = [f for f in stances.values() if usual and f.stance is not usual[0][0]]
        whole = len(stances) == len(campaign.ids)  # "all except two in Panel 3" was read as Panel 3 alone
        if not (whole and len(others) == counted[0]):
            problems.append(Problem("unclear_exception", counted[1]))
    # "Happy with the other 18.": the rest counted must be the recommendations not named (or those given the
    # rest's stance: "Panel 3: 3.5 no, the other 7 yes")
    rest = counted_rest(folded)
    if rest is not None:
        named = {i for r in find_refs(folded, campaign) if r.level == EXPLICIT for i in r.ids}
        if rest[0] not in (len(campaign.ids) - len(named), usual[0][1] if usual else None):
            problems.append(Problem("unclear_exception", rest[1]))
    return problems


def _exceptions_not_given(claims: list[Claim], stances: dict[str, StanceFinding]) -> list[Problem]:
    """ "…, за исключением следующей.", "Except for the following, all are accepted:": exceptions announced for
    the lines below, which must then give one another stance (with only "Спасибо." under it, it was 19
    agreements)."""
    if len({f.stance for f in stances.values()}) > 1:
        return []
    announced = next((c for c in claims if exceptions_below(fold(c.evidence))), None)
    return [Problem("unclear_exception", announced.evidence[:80])] if announced else []


def _exceptions_answered(stances: dict[str, StanceFinding], campaign: Campaign) -> bool:
    """ "Мы со всеми согласны, только по 4.1 против": every recommendation got a stance, and not one stance
    for all, so the "only" picked its exception out and said what of it; "Согласны только с 1 панелью" did not."""
    return len(stances) == len(campaign.ids) and len({f.stance for f in stances.values()}) > 1


# Letters other than the basic Latin and Russian ones (whose names start with LATIN and CYRILLIC): only these
# need their Unicode name looked up, not every character of the reply
_RARE_LETTER = re.compile(r"[^\W\d_A-Za-zА-яЁё]")


def _foreign_script(text: str) -> str:
    for m in _RARE_LETTER.finditer(text):
        char = m.group()
        if char.isalpha() and not unicodedata.name(char, "").startswith(_KNOWN_SCRIPTS):
            return unicodedata.name(char, "unknown").split()[0].title()
    return ""


def _unread_latin(folded: str) -> bool:
    """Latin words but no English ones: Uzbek, Turkish or Kyrgyz in Latin letters, which we do not read."""
    words = [w for w in re.findall(r"[^\W\d_]{3,}", folded)]
    latin = [w for w in words if unicodedata.name(w[0], "").startswith("LATIN")]
    cyrillic = [w for w in words if unicodedata.name(w[0], "").startswith("CYRILLIC")]
    return len(latin) >= 3 and len(latin) > len(cyrillic) and not _ENGLISH_WORDS.search(folded)


SWEEPING = 10  # a stance on this many recommendations is a reading of the whole reply, and checked as one


def _cross_check(folded: str, stances: dict[str, StanceFinding]) -> list[Problem]:
    """A reading at odds with the reply as a whole: mostly "disagree" recorded from mostly agreeing words, or
    the other way round ("All fine except 4.3 – we oppose it" once came out as 19 disagreements).

    Words of the minority side that a recorded stance of that side explains ("3.6 — против" next to "по
    всем остальным — согласны") are not at odds with the reading: each distinct piece of evidence for a
    recorded stance accounts for one such word.
    """
    recorded = [f.stance for f in stances.values()]
    disagree, agree = recorded.count(Stance.DISAGREE), recorded.count(Stance.AGREE)
    if disagree < SWEEPING and agree < SWEEPING:
        return []  # no reading of the whole reply to check (and the reply's cues need not be found again)
    words = [c.kind for c in find_cues(folded) if not c.terse]
    agreeing, objecting = words.count(CueKind.AGREE), words.count(CueKind.DISAGREE)
    explained = {
        stance: len({f.evidence for f in stances.values() if f.stance is stance})
        for stance in (Stance.AGREE, Stance.DISAGREE)
    }
    if disagree >= SWEEPING and agreeing - explained[Stance.AGREE] > objecting:
        return [Problem("cross_check", f"записано «не согласны» по {disagree}, а слов согласия больше, чем несогласия")]
    if agree >= SWEEPING and objecting - explained[Stance.DISAGREE] > agreeing:
        return [Problem("cross_check", f"записано «согласны» по {agree}, а слов несогласия больше, чем согласия")]
    return []


# Words that judge a recommendation badly without being a stance word: "3.5 нереализуема и её надо исключить"
_OBJECTING_WORDS = compile_at_heads(
    r"нереализуем\w*|нереальн\w*|нереален|нереалистич\w*|невыполним\w*|бессмыслен\w*|нецелесообразн\w*"
    r"|исключить из|(?:нужно|надо|следует|необходимо|стоит|предлагаем)\s+(?:(?:ее|его|их|этот пункт)\s+)?исключить"
    r"|убрать|вычеркн\w*|не имеет смысла|\bunrealistic|not realistic|impractical|not feasible"
    r"|infeasible|unfeasible|useless|should be (?:removed|dropped|deleted)|remove (?:it|this)\b"
    r"|ашыкча|керексиз|ишке ашпай\w*|туура эмес|туура келбе\w*|преждевременн\w*|излишн\w*"
)


def _objection_unrecorded(folded: str, stances: dict[str, StanceFinding]) -> list[Problem]:
    """ "Поддерживаем 3.5 … При этом считаем, что 3.5 нереализуема и её надо исключить": a reply that finds a
    recommendation unrealistic or wants it struck out, read with no disagreement at all, was misread somewhere.
    (Every clear reply of the corpus that uses such a word also records a "disagree" or a "partly".)"""
    if not stances or any(f.stance in (Stance.DISAGREE, Stance.PARTIAL) for f in stances.values()):
        return []
    m = _OBJECTING_WORDS.search(folded)
    return [Problem("cross_check", f"«{m.group()}», а несогласие не записано")] if m else []


# "Правда, 3.5 вызывает сомнения, мы бы её не поддержали", "we would not support it in its current form": a rejection
# hedged in the conditional (every reply of the corpus holding one is labelled unclear: beside an agreement, which
# holds; alone, how firm)
_WOULD_NOT = compile_at_heads(
    r"(?<!\w)(?:мы|я)\s+бы\s+(?:(?:ее|его|их|эту|это|с\s+ней|с\s+ним|с\s+ними)\s+)?не\s+(?:поддерж|соглас|принял|одобрил)"
    r"|(?<!\w)не\s+(?:поддержали|согласились|приняли)\s+бы(?!\w)"
    r"|(?<!\w)(?:we|i)\s+would(?:\s+not|n't)\s+(?:support|agree|endorse|accept|back)(?!\w)"
)


_EXCEPTED_BEFORE = re.compile(r"(?:кроме|за исключением|except|apart from|башка)(?:[^.!?\n]|\.(?=\d))*$")


def _rejection_hedged(folded: str, stances: dict[str, StanceFinding]) -> list[Problem]:
    m = _WOULD_NOT.search(folded) if stances else None
    if m is None or _EXCEPTED_BEFORE.search(folded, max(0, m.start() - 80), m.start()):
        return []  # ("Поддерживаем все, кроме 3.5 — её мы бы не поддержали": the exception's own answer)
    agreed = any(f.stance is Stance.AGREE for f in stances.values())
    return [Problem("contradiction" if agreed else "reservation", m.group())]


_MOST = re.compile(r"большинств\w*|көпчүлүг\w*|most(?: of)?|почти (?:все\w*|со всеми|со всем|всё|по всем)|almost all")


# "в основном согласны", "agree mostly", "негизинен макулбуз": agreed with most, and with which is not said
_MOSTLY = re.compile(
    r"(?<!\w)(?:(?:в основном|негизинен|по большей части)\s+(?:\w+\s+)?(?:соглас|поддерж|принима|макул|колдо)"
    r"|(?:соглас\w*|поддерживаем|принимаем|макулбуз)\s+в основном"
    r"|mostly\s+(?:\w+\s+)?(?:agree|fine|ok|yes|support|good|on board)"
    r"|(?:agree\w*|fine|ok|good|support\w*)\s+(?:with (?:it|them)\s+)?mostly)"
)


def _mostly_all(folded: str, claims: list[Claim]) -> list[Problem]:
    """ "в основном согласны" read as agreement with all 19: a person asks which (writers of 21 blind replies so
    worded labelled it vague; the few that named the exceptions are read by their IDs)."""
    if not claims or any(c.level != GLOBAL for c in claims):
        return []
    mostly = _MOSTLY.search(folded)
    return [Problem("vague_scope", mostly.group())] if mostly else []


_PANEL_AFTER_MOST = re.compile(r"[^,.;:]{0,40}?(?:панел|раздел|блок|секци|panel|section|бөлүм)")


def _most_then_the_rest(
    problems: list[Problem], claims: list[Claim], stances: dict[str, StanceFinding], campaign: Campaign
) -> list[Problem]:
    """ "сунуштардын көпчүлүгүн колдойт. Бирок 3.5 жана 3.6-сунуштарга макул эмеспиз. … Калгандарына толук
    макулбуз": "most", the exceptions named with a stance of their own, and "the rest" with the stance of "most":
    nothing is left vague."""
    if len(stances) < len(campaign.ids) or not any(p.code == "vague_scope" for p in problems):
        return problems
    # ("Почти всё поддерживаем, особенно третью панель": "most" with a panel stressed is a panel's claim)
    wholes = [(c.stance, fold(c.evidence), c.level == GLOBAL) for c in claims if c.level != EXPLICIT]
    # (not "почти все рекомендации первой панели": most of one panel, which ones unsaid)
    most = {
        stance
        for stance, said, whole in wholes
        if (m := _MOST.search(said)) and (whole or not _PANEL_AFTER_MOST.match(said, m.end()))
    }
    rest = {stance for stance, said, whole in wholes if whole and REST_WORD.search(said) and not _MOST.search(said)}
    named = {c.stance for c in claims if c.level == EXPLICIT}
    if not (most & rest) or not (named - most):
        return problems
    return [p for p in problems if not (p.code == "vague_scope" and _MOST.fullmatch(fold(p.detail)))]


def _panel_wide_evidence(stances: dict[str, StanceFinding], campaign: Campaign) -> list[str]:
    """The (folded) evidence of each stance recorded on exactly one panel's recommendations and no others, that
    names the panel itself ("Panel 3: we support all eight"; not "Согласны со всеми рекомендациями." under a
    heading "Панель 4.", which may be all 19: the others are asked about)."""
    by_evidence: dict[str, set[str]] = {}
    for finding in stances.values():
        by_evidence.setdefault(finding.evidence, set()).add(finding.rec_id)
    panels = [{r.id for r in campaign.in_panel(p.number)} for p in campaign.panels]
    return [fold(e) for e, ids in by_evidence.items() if ids in panels and _PANEL_OR_ID.search(fold(e))]


def _partial_cover(folded: str, stances: dict[str, StanceFinding], campaign: Campaign) -> list[Problem]:
    """ "по всем остальным … выражаем полную поддержку" read as nothing: an "all" or "the rest" in the reply
    while some recommendations got no stance means a part of the reply was not read."""
    if not stances or len(stances) == len(campaign.ids) or not names_all(folded):
        return []  # (a quantifier is an "all": one search for it spares most partial replies every other one)
    refs = find_refs(folded, campaign)
    named = [r for r in refs if r.level != GLOBAL]
    quotes = quoted_spans(folded) if '"' in folded else []
    quantifiers = [
        r
        for r in refs
        if r.level == GLOBAL
        and not r.implied
        and not r.excepted
        and not r.problem
        and not _qualifies(folded, r, named)
        and not ends_reply(folded, r.start, r.end)
        and not in_quoted_name(folded, r, quotes)  # "ОО «Цифровой Кыргызстан для всех»"
        and not _THIS_PANEL.match(folded, r.start)  # "Остальное в этой панели": of one panel (`_rest_of_this_panel`)
    ]
    # ("1.2 и 1.5 — частично, так как … не можем вести совместную адвокацию с бизнесом по всем вопросам": the
    # reason's "all"; not a "the rest" that a reason was wrongly taken from: "Частично по 4.3. Остальные — полностью.")
    reasons = {fold(f.reason) for f in stances.values() if f.reason}
    spans = [(at, at + len(r)) for r in reasons if (at := folded.find(r)) >= 0]
    quantifiers = [
        q
        for q in quantifiers
        if REST_WORD.match(folded, q.start) or not any(start < q.start < end for start, end in spans)
    ]
    # ("Panel 3: we support all eight.": an "all" in what was read as the stance of the one panel it names; not "the
    # rest", which would have covered every recommendation left: "По 1.1–1.5 нам нужно больше времени, остальные
    # поддерживаем" had read the rest as 1.1–1.5)
    panel_wide = [(at, at + len(e)) for e in _panel_wide_evidence(stances, campaign) if (at := folded.find(e)) >= 0]
    quantifiers = [
        q
        for q in quantifiers
        if REST_WORD.match(folded, q.start) or not any(start <= q.start < end for start, end in panel_wide)
    ]
    if not quantifiers:
        return []
    missing = len(campaign.ids) - len(stances)
    return [Problem("unread_words", f"«{quantifiers[0].label}», а {missing} рекомендаций без позиции")]


def _qualifies(text: str, quantifier: Ref, named: list[Ref]) -> bool:
    """ "all recommendations of sections 1 and 4", "Раздел 1 — все пять": the "all" is of the IDs or panel by it."""
    after = next((r for r in named if r.start >= quantifier.end), None)
    if (
        after is not None
        and after.start - quantifier.end <= 50
        and not _CLAUSE_END.search(text, quantifier.end, after.start)
    ):
        return True
    before = next((r for r in reversed(named) if r.end <= quantifier.start), None)
    return before is not None and (
        (quantifier.start - before.end <= 15 and not _CLAUSE_END.search(text, before.end, quantifier.start))
        # "По панели «Вклад региональных ОГО …» — поддерживаем все пять рекомендаций": the title, a dash, a verb
        or _TITLE_THEN_VERB.fullmatch(text, before.end, quantifier.start) is not None
    )


_CLAUSE_END = re.compile(r"[.;!?\n]")
_TITLE_THEN_VERB = re.compile(
    r"(?:[^\"\n.;!?]{0,60}\")?[^\w.;!?\n]{0,20}[—–:][^\w.;!?\n]{0,5}(?:[^\W\d]+\s+){1,2}"  # (the title's quote closed)
)
_REPEATED_LINE = 12  # characters: a greeting or a signature line, not "Да." twice


def _written_twice(text: str) -> list[Problem]:
    """A draft left under the final answer ("Добрый день! … С уважением, К. Абдиев" twice): which one holds?"""
    lines = [line.strip() for line in text.splitlines() if len(line.strip()) >= _REPEATED_LINE]
    seen: set[str] = set()
    for line in lines:
        if line in seen and not _SIGNATURE.search(line):
            return [Problem("revision", f"строка «{line[:60]}» повторена: в письме два ответа?")]
        seen.add(line)
    return []


# "Остальные нас не касаются", "Остальное не наш профиль", "Остальное без комментариев": abstained, or left
# unanswered? Readers differ, even told that declining to judge is an abstention (b74-074). A reply that says
# it has no opinion or position on them, or gives no answer on them, abstains: the brief's convention.
_NOT_OURS_WORDS = (
    r"касают|касает|относят|относит|not relevant|(?:do|does) not concern|тиешеси жок|тиешелүү эмес"
    r"|не наш профиль|не по нашему профилю|вне (?:нашей )?компетенции|не в нашей компетенции"
)
_NOT_OURS = re.compile(_NOT_OURS_WORDS)
_IRRELEVANT = re.compile(rf"{_NOT_OURS_WORDS}|без комментари|no comment|не комментир")
_ABSTAIN_SAID = re.compile(
    r"воздерж|abstain|калыс|нейтрал|neutral|бейтарап|добуш бербей|мнени|позици|opinion|position|\bview"
    r"|не высказыва|ответ\w* не да|пикир"
    # "по ним ничего сказать не можем": the abstention said in words, not only "not ours"
    r"|(?:ничего|нечего) сказать|сказать ничего не можем|(?:can't|cannot|can not) say (?:anything|much)"
)


# ("Остальные не поддерживаем, часть из них нас не касается": which part?)
_SHARE = re.compile(r"(?<!\w)(?:часть|некотор\w+|some|part of|бир бөлүгү|айрым\w*)(?!\w)")


def _not_ours_as_why(reading: UnitReading) -> UnitReading:
    """ "3.2, 3.5 — не поддерживаем, это не наш профиль": what is not their field is why they reject the IDs, not
    a second stance, an abstention on nothing named."""
    if len(reading.claims) != 2:
        return reading
    first, second = reading.claims
    if not (
        first.scoped
        # (not "Со всеми согласиться не можем, часть из них не относится к …": which? but "Калгандарына каршыбыз, бизге
        # тиешеси жок": the rest, and why)
        and (
            first.level > GLOBAL
            or (REST_WORD.search(fold(first.evidence)) is not None and not _SHARE.search(fold(second.evidence)))
        )
        and first.stance is Stance.DISAGREE
        and first.reason is None
        and not second.scoped
        and second.stance is Stance.ABSTAIN
        and _NOT_OURS.search(fold(second.evidence)) is not None  # (not "no comment": no why at all)
        and _ABSTAIN_SAID.search(fold(second.evidence)) is None
    ):
        return reading
    return replace(reading, claims=(replace(first, reason=clean_reason(second.evidence)),))


def _irrelevant_only(evidence: str) -> bool:
    """ "Остальные нас не касаются" says they do not concern us; "… не относятся — по ним воздерживаемся" also
    says what that means."""
    return _IRRELEVANT.search(evidence) is not None and _ABSTAIN_SAID.search(evidence) is None


_PRONOUN_OBJECT = re.compile(r"(?<!\w)(?:его|ее|их|it|them|this one|that one|аны|аларды|муну)(?!\w)")
# ("Поддерживаем. Кроме 1.3 — его не поддерживаем.": the next sentence opens with its exception)
# ("Согласны. Исключение — 3.5, не согласны: …", "The one exception: 4.1 …")
_CONTRAST = re.compile(
    rf"\W*(?:(?:но|а|однако|but|however|бирок|же|{_EXCEPT_BUT_BESIDES}|за исключением|except(?: for)?)\b"
    r"|исключение\s*[—–:-]"
    r"|(?:the )?(?:one |only )?exception\s*[—–:-]"
    r"|единственное(?:\s+исключение)?\s*[—–:,-])"  # "Мы за. Единственное — 3.5 не поддерживаем"
)


_SENTENCE_ENDS = re.compile(r"[.!]\s*$")
_PANEL_OR_ID = re.compile(r"\d|панел|panel|раздел|section|бөлүм")
# "Поддерживаем 1.1–4.5 полностью.": the one range of every ID, and nothing else named
_ONE_RANGE = re.compile(r"[^\d]*\d\.\d\s*[–—-]\s*\d\.\d[^\d]*")
_ONLY_ONE = re.compile(r"(?<!\w)(?:только|лишь|only|just|гана|forgot|p\.\s?s)(?!\w)")


def _all_then_against(scoped: list[Claim], count: int, excepted: bool) -> list[Problem]:
    """ "Согласны со всеми рекомендациями. Не согласны с 1.5.", "We agree with all recommendations. … we cannot
    support 3.4 and 3.7": an agreement with every one (also as the range of all `count`, "Поддерживаем 1.1–4.5
    полностью."), and then, in a sentence of its own that sets nothing apart ("но", "кроме", "except"), a rejection
    of some; which holds is for a person (the corpus's readers call it a contradiction, not an exception)."""
    if excepted or any(REST_WORD.search(fold(c.evidence)) for c in scoped):
        return []  # ("Бардык сунуштарга макулбуз, 4.3төн башка. 4.3кө каршыбыз.", "… Остальные принимаем.")
    wholes = [
        c
        for c in scoped
        if c.level == GLOBAL
        and c.stance is Stance.AGREE
        and (
            (names_all(folded := fold(c.evidence)) and _PANEL_OR_ID.search(folded) is None)
            or (len(set(c.ids)) == count and _ONE_RANGE.fullmatch(folded) is not None)
        )  # (not "Панель 3 — согласны со всеми": all of one panel)
        and not except_spans(folded)
        and _SENTENCE_ENDS.search(c.evidence) is not None  # (a sentence of its own, not "все норм кроме 4.1, …")
    ]
    if not wholes:
        return []
    after = max(n for n, c in enumerate(scoped) if any(c is w for w in wholes)) + 1  # (only what follows every "all")
    evidence = {w.evidence for w in wholes}
    return [
        Problem("contradiction", c.evidence[:80])
        for c in scoped[after:]
        if c.level in (EXPLICIT, GROUP)  # ("… Четвёртая панель не поддерживается.": a panel, as an ID)
        and c.stance is Stance.DISAGREE
        and c.evidence not in evidence
        and _CONTRAST.match(folded := fold(c.evidence)) is None
        and _ONLY_ONE.search(folded) is None  # ("Только 3.6 не согласны", "3.5 гана макул эмес")
    ]


def _assent_but(unscoped: list[Claim], scoped: list[Claim], campaign: Campaign) -> bool:
    """A bare agreement, then "но"/"but" before every other stance, each on named recommendations ("Макулбуз. 3.5
    боюнча гана калыс калабыз.": "only 3.5" takes it out as "but" does), or an exception of exactly those
    ("Поддерживаем, кроме 3.5 и 3.8 — здесь воздерживаемся")."""
    if not (
        len(unscoped) == 1
        and unscoped[0].stance is Stance.AGREE
        and bool(scoped)
        and all(c.stance is not Stance.AGREE and c.level == EXPLICIT for c in scoped)
    ):
        return False
    first = fold(scoped[0].evidence)
    excepted = set(campaign.ids) - set(unscoped[0].ids)
    # ("Согласны кроме 3.7. Против 3.7 — …": the stance presumed for the exception gives way to the one given)
    given = [c for c in scoped if not c.guess]
    return (
        _CONTRAST.match(first) is not None
        or _ONLY.search(first) is not None
        # "Поддерживаем, за исключением:" over "3.2 — против, …" / "3.5 — против, …": the lines are its exceptions
        or exceptions_below(fold(unscoped[0].evidence))
        # "Согласны. / По 1.1 — частично: …": a partial on named ones refines an agreement, no "but" needed
        or (
            all(c.stance is Stance.PARTIAL for c in scoped)
            and _BARE_ASSENT.fullmatch(fold(unscoped[0].evidence)) is not None
        )
        # (their stance in words of its own, not presumed from the exception: "кроме 4.2 эио не наше")
        or (
            bool(excepted)
            and excepted == {i for c in given for i in c.ids}
            and not any(c.evidence == unscoped[0].evidence for c in given)
        )
    )


_ONLY = re.compile(r"(?<!\w)(?:только|лишь|only|гана)(?!\w)")
# the assent alone ("Согласны.", "We agree."; not "Согласны ответить на письмо", "Agree to share our views", "Принято")
_BARE_ASSENT = re.compile(
    r"\W*(?:мы |we )?(?:в целом |полностью |fully )?"
    r"(?:согласны|поддерживаем|одобряем|принимаем|agreed?|support|макулбуз|колдойбуз|кабыл алабыз)[\s.!]*"
)
_INVERSE = {Stance.DISAGREE: Stance.AGREE, Stance.AGREE: Stance.DISAGREE}


def _whole_range_as_all(claims: list[Claim], campaign: Campaign) -> list[Claim]:
    """ "supports recommendations 1.1–4.5 with one exception: we cannot support 3.5": one range over the whole
    letter is its "all", which a recommendation named with its own stance refines (not a list of every ID,
    "1.1-1.5, 2.1, 3.1-3.8, 4.1-4.5, но против 4.2", nor when two claims each take the whole)."""
    whole = [c for c in claims if c.level == EXPLICIT and set(c.ids) == set(campaign.ids)]
    if len(whole) != 1:
        return claims
    first, last = (re.escape(i) for i in (campaign.ids[0], campaign.ids[-1]))
    spans = re.compile(rf"(?<![\d.]){first}\s*(?:[–—-]|to|through|по|до)\s*{last}(?![\d.]\d)")
    if not spans.search(fold(whole[0].evidence)):
        return claims
    return [replace(c, level=GLOBAL) if c is whole[0] else c for c in claims]


def _merge(claims: list[Claim], campaign: Campaign) -> tuple[dict[str, StanceFinding], list[Problem]]:
    """One finding per recommendation: the most specific claim wins; equal ones that differ conflict."""
    problems: list[Problem] = []
    claims = _whole_range_as_all(claims, campaign)
    scoped = [c for c in claims if c.scoped]
    # "Возражений нет. Рекомендации принимаем.": a stance without scope adds nothing to "all" with it.
    covered = {c.stance for c in scoped if c.level == GLOBAL}
    # "просит учесть наши возражения:" over "1) п. 4.1 — не согласны, …": a heading, its stance given below it
    headed = {c.stance for c in scoped}
    unscoped = [
        c
        for c in claims
        if not c.scoped and c.stance not in covered and not (c.evidence.rstrip().endswith(":") and c.stance in headed)
    ]
    # "Одобряем.", "+", "Fully support.": the letter asked for agreement with all 19, and this is it;
    # a lone "Ок" may only say the letter arrived.
    if _assent_but(unscoped, scoped, campaign):
        # "Поддерживаем. Но по 4.3 — против.": the assent is to the letter, the "но" takes 4.3 out of it
        scoped = [replace(unscoped[0], ids=campaign.ids, level=GLOBAL, scoped=True), *scoped]
        unscoped = []
    for claim in scoped:
        if claim.level == GLOBAL and claim.stance is Stance.ABSTAIN and _irrelevant_only(fold(claim.evidence)):
            # "остальные нас не касаются": an abstention on them, or no answer on them? Readers differ
            problems.append(Problem("low_confidence", claim.evidence[:80]))
    bare_assent = (
        not scoped
        and all(c.stance is Stance.AGREE for c in unscoped)
        # "Мы его поддерживаем": "it" is something named before, not the letter
        and not any(_PRONOUN_OBJECT.search(fold(c.evidence)) for c in unscoped)
    )
    for claim in [] if bare_assent else unscoped:
        problems.append(Problem("no_scope", claim.evidence[:80]))
    problems += [Problem("low_confidence", c.evidence) for c in unscoped if bare_assent and _RECEIVED.match(c.evidence)]
    if not scoped:
        scoped = unscoped
    # an exception answered by ID or by panel ("кроме панели 3. По панели 3 воздерживаемся"), not by "all"
    named = {i for c in scoped if c.level != GLOBAL and not c.guess for i in c.ids}
    for claim in [c for c in scoped if c.guess]:
        scoped.remove(claim)
        # "Согласны со всеми, кроме 1.3. И отдельно хотим поддержать 1.3": excepted, then given the very stance
        # it was excepted from
        problems += [
            Problem("contradiction", i)
            for i in claim.ids
            if any(i in c.ids and c.stance is _INVERSE.get(claim.stance) and c.level == EXPLICIT for c in scoped)
        ]
        rest = tuple(i for i in claim.ids if i not in named)
        if rest:
            problems.append(Problem("unclear_exception", claim.evidence[:80]))
            scoped.append(Claim(rest, claim.stance, claim.level, None, claim.evidence, 0.5))
    problems += _all_then_against(scoped, len(campaign.ids), excepted=any(c.guess for c in claims))
    findings: dict[str, StanceFinding] = {}
    # the same claims decide the same way: an "all" covers 19 IDs, and is weighed once, not 19 times
    decided: dict[tuple[int, ...], tuple[bool, Claim, str | None, float]] = {}
    abouts = _claims_about(scoped)
    for rec_id in campaign.ids:
        about = abouts.get(rec_id)
        if not about:
            continue
        key = tuple(map(id, about))
        if key not in decided:
            decided[key] = _decide(about)
        differ, final, reason, confidence = decided[key]
        if differ:
            problems.append(Problem("contradiction", rec_id))
        findings[rec_id] = StanceFinding(rec_id, final.stance, reason, final.evidence, confidence)
    return findings, problems


def _claims_about(claims: list[Claim]) -> dict[str, list[Claim]]:
    """The claims on each recommendation, in order: one pass over the claims, not one per ID."""
    about: dict[str, list[Claim]] = {}
    for claim in claims:
        for rec_id in set(claim.ids):  # (a claim is on an ID once, however often it names it)
            about.setdefault(rec_id, []).append(claim)
    return about


def _decide(about: list[Claim]) -> tuple[bool, Claim, str | None, float]:
    """Of the claims on one recommendation, the most specific: whether they differ, the last one, its reason
    (a claim holds an agreement's reason only when the respondent marked it) and the least confidence."""
    top = max(c.level for c in about)
    chosen = [c for c in about if c.level == top]
    if _refined_after_but(chosen):
        # "3.1–3.8: макулбуз, бирок 3.6 боюнча жарым-жартылай гана макулбуз": the range, then "but" on one of it
        chosen = chosen[1:]
    final = chosen[-1]
    reason = next((c.reason for c in chosen if c.reason and c.stance is final.stance), None)
    return len({c.stance for c in chosen}) > 1, final, reason, min(c.confidence for c in chosen)


def _refined_after_but(chosen: list[Claim]) -> bool:
    """Two claims naming IDs: an agreement with a span of them, then "но"/"but"/"бирок" and a few of that span
    agreed only in part, which says how far. (Not a rejection after "but": "Согласны с рекомендациями 1.1-1.5, 2.1,
    3.1-3.8, 4.1-4.5, но против 4.2" agreed with 4.2 in so many words, and readers call it a contradiction.)"""
    if len(chosen) != 2:
        return False
    wide, narrow = chosen
    if not (wide.stance is Stance.AGREE and narrow.stance is Stance.PARTIAL):
        return False
    return set(narrow.ids) < set(wide.ids) and _CONTRAST.match(fold(narrow.evidence)) is not None


def _reasons(problems: list[Problem]) -> tuple[ReviewReason, ...]:
    """One review reason per code, naming every detail of that code, in the order they were found."""
    details: dict[str, list[str]] = {}
    for problem in problems:
        details.setdefault(problem.code, [])
        if problem.detail and problem.detail not in details[problem.code]:
            details[problem.code].append(problem.detail)
    return tuple(
        ReviewReason(code, MESSAGES[code].format(detail="; ".join(found) or "—")) for code, found in details.items()
    )
