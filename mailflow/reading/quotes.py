"""The respondent's own text: what they wrote, without our quoted letter and without client clutter.

Works on plain text in which quoted lines start with ">" (HTML bodies are brought to that form by
`htmltext`). Every rule looks at one line, or a few lines at a fixed distance, and every pattern is
anchored or bounded in length, so a long thread costs linear time. The rules, in the order they apply:

1. a forwarded message in the new text ("---------- Forwarded message ---------") is the respondent's
   content: it is kept verbatim up to a quoted original below it (rule 2), only the text above it is cleaned;
2. Outlook's unprefixed original ("-----Original Message-----", or a From/Sent/To/Subject block in
   English, Russian or Kyrgyz) ends the new text, as does a client's attribution line ("... wrote:")
   that is not followed by `>` lines;
3. `>` lines are the quote, and the attribution line just above them goes with them;
4. text written below quoted paragraphs is an inline answer to the paragraph directly above it;
5. in each piece of own text, a signature, a mobile footer or a legal disclaimer ends it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mailflow.patterns import compile_at_heads
from mailflow.reading.reply import InlinePair

_QUOTED = re.compile(r"^[ \t]*>")
_QUOTE_PREFIX = re.compile(r"^(?:[ \t]*>)+[ \t]?")
_FORWARD = re.compile(
    r"^[ \t]*(?:-{2,}|_{2,}|={2,})?[ \t]*(?:forwarded message|forwarded message follows|"
    r"пересылаемое сообщение|пересланное сообщение|перенаправленное сообщение)\b",
    re.I,
)
_FORWARD_LINE = re.compile(r"^[ \t]*(?:begin forwarded message|начало переадресованного сообщения)[ \t]*:", re.I)
_ORIGINAL = re.compile(
    r"^[ \t]*-{2,}[ \t]*(?:original message|исходное сообщение|оригинальное сообщение|"
    r"баштапкы билдирүү|reply message|ответное сообщение|ursprüngliche nachricht|antwort nachricht|"
    r"oprindelig meddelelse|original meddelelse|ursprungligt meddelande|originalmeddelande|"
    r"oorspronkelijk bericht|message d'origine|message original|mensaje original|messaggio originale|"
    r"wiadomość oryginalna|oryginalna wiadomość)[ \t]*-{2,}[ \t]*$",
    re.I,
)
# Outlook's header block in the locales our respondents and the peer suites write in
_HEADER_KEYS = {
    "from": "from", "от": "from", "кимден": "from", "von": "from", "fra": "from", "från": "from",
    "od": "from", "van": "from", "de": "from", "da": "from",
    "sent": "sent", "date": "sent", "отправлено": "sent", "дата": "sent", "жөнөтүлдү": "sent",
    "gesendet": "sent", "datum": "sent", "sendt": "sent", "dato": "sent", "skickat": "sent",
    "wysłano": "sent", "data": "sent", "verzonden": "sent", "envoyé": "sent", "enviado": "sent",
    "fecha": "sent", "inviato": "sent",
    "to": "to", "кому": "to", "кимге": "to", "an": "to", "til": "to", "till": "to", "do": "to",
    "aan": "to", "à": "to", "para": "to", "a": "to",
    "subject": "subject", "тема": "subject", "темасы": "subject", "betreff": "subject", "emne": "subject",
    "ämne": "subject", "temat": "subject", "onderwerp": "subject", "objet": "subject", "asunto": "subject",
    "oggetto": "subject",
    "cc": "cc", "копия": "cc", "kopie": "cc", "dw": "cc",
}  # fmt: skip
_HEADER = re.compile(r"^[ \t*]*(" + "|".join(_HEADER_KEYS) + r")[ \t*]*:", re.I)
_RULE = re.compile(r"^[ \t]*(?:_{8,}|-{8,}|={8,})[ \t]*$")
_VERB_WORDS = (
    "wrote", "writes", "пишет", "написал", "написала", "написал(а)", "писал", "писала", "жазды", "жазган", "жазат",
    "schrieb", "schreef", "skrev", "napisał", "napisała", "a écrit", "escribió", "ha scritto", "escreveu",
)  # fmt: skip
_VERBS = "|".join(map(re.escape, _VERB_WORDS))
# "... wrote:", and Android's "---- John Smith wrote ----" or "------On ..., X wrote-----": the verb ends the line
# but for its colon or dashes (`_wrote_at_end`); a match is as long as its verb, even ignoring case
_VERB_AT_END = re.compile(r"(?:" + _VERBS + r")\Z", re.I)
_LONGEST_VERB = max(map(len, _VERB_WORDS))
# German, Polish, Danish clients put the name after the verb: "Am 1. Jan. 2023 schrieb John Doe <a@b>:"
_WROTE_INSIDE = compile_at_heads(r"\b(?:" + _VERBS + r")\b", re.I)
# The reply's last words and the attribution on one line: "reply On Wed, Apr 4, 2012 ..., bob wrote:"
_WROTE_TAIL = re.compile(r"[ \t]*(?:-{2,}[ \t]*)?\bOn [^\n]{8,300}\bwrote:[ \t]*$")
# Gmail's old attribution without a verb: "2011/4/7 Nathan <support@example.com>"
_DATED_ADDRESS = re.compile(r"^\d{4}/\d{1,2}/\d{1,2} [^<>\n]{0,200}<[^<>\s@]+@[^<>\s]+>$")
_TIME = re.compile(r"\d{1,2}:\d{2}")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")  # bounded, so the digits of a hashed address are no year
_SIGNATURE = re.compile(
    r"^(?:с уважением|с наилучшими пожеланиями|всего доброго|всего наилучшего|best regards|kind regards|"
    r"warm regards|regards|best wishes|sincerely|yours sincerely|yours faithfully|урматтоо менен|"
    r"урмат менен|терең урматтоо менен)\b[ \t,.!]*",
    re.I,
)
_FOOTER = re.compile(
    r"^(?:sent from my|sent from |sent with |sent via |get outlook for|отправлено с |отправлено из |"
    r"отправлено через |отправлено со |послано с |скачайте outlook|получить outlook для|загрузите outlook)",
    re.I,
)
_DISCLAIMER = compile_at_heads(r"confidential|конфиденциальн|disclaimer|құпия|купуя", re.I)
_DISCLAIMER_CONTEXT = compile_at_heads(
    r"intended|recipient|if you have received|если вы получили|предназначен|получател|адресат|disclaimer",
    re.I,
)
_LIST_ITEM = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*[.)]?|[-•●*–])\s")
_MAX_ATTRIBUTION = 400
# ">>> >>>  http://www.domain.com <<<": arrows around a link in an advertisement, not a quote
_DECORATION = re.compile(r"^[ \t]*>{2,}[^<\n]{0,200}<{2,}[ \t]*$")
_LINK_DEBRIS = re.compile(r"^[ \t]*\(?(?:https?://\S+|[^\s=/]*[=/]\S*)\)?(?:[ \t]*>)?[ \t]*$")
# A mailing list's footer under the message: a rule, then "riak-users mailing list" or a listinfo link
_LIST_FOOTER = compile_at_heads(r"mailing list|listinfo|list-unsubscribe|unsubscribe from this (?:list|group)", re.I)


@dataclass(frozen=True)
class OwnText:
    """The respondent's text and the inline answers in it; `had_quote` says a quote was found at all."""

    text: str
    inline_pairs: tuple[InlinePair, ...] = ()
    had_quote: bool = False


def own_text(body: str, *, subject: str = "") -> OwnText:
    """Split a reply body into the respondent's text and the quoted rest (see the module docstring).

    A `subject` of a forward (Fwd:, FW:, Пересл:) makes an Outlook header block the start of the
    forwarded message instead of the quoted original, as Outlook forwards carry no other marker. A body
    that opens with a header block is a pasted or forwarded mail whose text follows the block, unless the
    subject says it is a reply: then the block opens the quoted original and nothing was written above it.
    """
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not _is_reply_subject(subject):
        lines = lines[_opening_block(lines) :]
    forwarded: list[str] = []
    cut = _find_cut(lines, forward=_is_forward_subject(subject))
    had_quote = cut.end < len(lines) and not cut.forward
    if cut.forward:
        forwarded = _forwarded(lines[cut.end :])
    lines = lines[: cut.end]
    runs = _runs(lines)
    pieces: list[str] = []
    pairs: list[InlinePair] = []
    for i, (quoted, run) in enumerate(runs):
        if quoted:
            had_quote = True
            continue
        if i + 1 < len(runs):
            run = _drop_attribution(run)
        text = "\n".join(_clean(run)).strip()
        if not text:
            continue
        pieces.append(text)
        if i > 0:
            above = _last_paragraph(runs[i - 1][1])
            if above:
                pairs.append(InlinePair(quoted=above, answer=text))
    if forwarded:
        pieces.append("\n".join(forwarded).strip())
    return OwnText(text="\n\n".join(pieces).strip(), inline_pairs=tuple(pairs), had_quote=had_quote)


def _forwarded(lines: list[str]) -> list[str]:
    """The forwarded message, from its marker to where the quoted original of the reply begins.

    A respondent who forwards their earlier answer and then hits Reply on our letter sends both: the
    forward's own header block belongs to it, but an Outlook block or an attribution below its text opens
    our letter, quoted (its words were once read as the respondent's: "…, по которым вы не согласны").
    """
    start = 1  # (the forward's own header block, or its client's attribution: "20.03.2023, 09:14, "Жанара" <…>:")
    while start < len(lines) and (
        not lines[start].strip() or _HEADER.match(lines[start]) or _is_attribution(lines[start], strict=True)
    ):
        start += 1
    rest = _find_cut(lines[start:], forward=False)
    return lines if rest.forward else lines[: start + rest.end]


@dataclass(frozen=True)
class _Cut:
    end: int
    forward: bool = False


def _find_cut(lines: list[str], *, forward: bool) -> _Cut:
    """Where the new text ends: a forward marker (keep what follows), an original block, a lone attribution."""
    for i, line in enumerate(lines):
        if _QUOTED.match(line) or not line.strip():
            continue
        if len(line) < 120 and (_FORWARD.match(line) or _FORWARD_LINE.match(line)):
            return _Cut(i, forward=True)
        if _ORIGINAL.match(line):
            return _Cut(i)
        if _HEADER.match(line) and _is_header_block(lines, i):
            start = _rule_above(lines, i)
            return _Cut(start, forward=forward)
        if line.rstrip().endswith((":", "-")):
            first = _attribution_start(lines, i)
            following = _next_nonblank(lines, i + 1)
            if first is not None and (following is None or not _QUOTED.match(lines[following])):
                return _Cut(first)
    return _Cut(len(lines))


def _attribution_start(lines: list[str], end: int) -> int | None:
    """The first line of an attribution that ends at `end` and wraps over up to three lines, if it is one."""
    matched: int | None = None
    for first in range(end, max(-1, end - 3), -1):
        if not lines[first].strip() or _QUOTED.match(lines[first]):
            break
        joined = " ".join(lines[j].strip() for j in range(first, end + 1))
        if _is_attribution(joined, strict=True):
            if _dated(joined):
                return first  # as in `_drop_attribution`: a wrapped line is complete once dated
            matched = first if matched is None else matched
    return matched


def _is_header_block(lines: list[str], start: int) -> bool:
    """Two distinct header fields, From (or Outlook for Mac's Date) first, on consecutive lines.

    A field may wrap once ("*From:* bob [mailto:" / "bob@example.com]"): one line that is not a field
    right after a field does not end the block.
    """
    groups: list[str] = []
    wrapped = True
    for line in lines[start : start + 10]:
        if not line.strip():
            continue
        match = _HEADER.match(line)
        if match is None:
            if wrapped:
                break
            wrapped = True
            continue
        group = _HEADER_KEYS[match.group(1).lower()]
        if group in groups:
            break  # a field named twice is a list of lines that happen to start like fields, not a block
        groups.append(group)
        wrapped = False
    distinct = set(groups)
    return len(distinct) >= 2 and groups[0] in ("from", "sent") and ("from" in distinct or "to" in distinct)


def _opening_block(lines: list[str]) -> int:
    """Where the text starts when the body opens with a header block (a forward or a pasted mail): 0 if not."""
    first = _next_nonblank(lines, 0)
    if first is None or not _HEADER.match(lines[first]) or not _is_header_block(lines, first):
        return 0
    end = first
    while end < len(lines) and lines[end].strip():
        end += 1
    return end


def _rule_above(lines: list[str], index: int) -> int:
    above = _previous_nonblank(lines, index - 1)
    return above if above is not None and _RULE.match(lines[above]) else index


def _runs(lines: list[str]) -> list[tuple[bool, list[str]]]:
    """Consecutive quoted or own lines; blank lines join the run they sit inside."""
    runs: list[tuple[bool, list[str]]] = []
    pending_blank: list[str] = []
    for i, line in enumerate(lines):
        if not line.strip():
            pending_blank.append(line)
            continue
        quoted = bool(_QUOTED.match(line)) and not ("<<" in line and _DECORATION.match(line))
        quoted = quoted or _is_link_debris(lines, i)
        if runs and runs[-1][0] == quoted:
            runs[-1][1].extend(pending_blank)
            runs[-1][1].append(line)
        else:
            runs.append((quoted, [line]))
        pending_blank = []
    return runs


def _is_link_debris(lines: list[str], i: int) -> bool:
    """A quoted link that the client wrapped out of the quote: one URL-like token between two `>` lines."""
    return (
        0 < i < len(lines) - 1
        and bool(_QUOTED.match(lines[i - 1]))
        and bool(_QUOTED.match(lines[i + 1]))
        and bool(_LINK_DEBRIS.match(lines[i]))
    )


def _drop_attribution(run: list[str]) -> list[str]:
    """Remove the client's "... wrote:" line (it may wrap over up to three lines) above a quote."""
    tail = [i for i, line in enumerate(run) if line.strip()][-3:]
    if not tail:
        return run
    last = run[tail[-1]].strip()
    if len(last) <= _MAX_ATTRIBUTION:
        if _DATED_ADDRESS.match(last):
            return run[: tail[-1]]
        shared = _WROTE_TAIL.search(last)
        if shared is not None and shared.start() > 0:
            return [*run[: tail[-1]], last[: shared.start()]]
    matched: int | None = None
    for k in range(1, len(tail) + 1):
        first = tail[-k]
        joined = " ".join(run[j].strip() for j in range(first, len(run)) if run[j].strip())
        if _is_attribution(joined, strict=False):
            if _dated(joined):
                return run[:first]  # the shortest dated match: a wrapped line is complete once dated
            matched = first if matched is None else matched
    return run if matched is None else run[:matched]


def _dated(text: str) -> bool:
    return bool(_TIME.search(text) or _YEAR.search(text))


def _is_attribution(text: str, *, strict: bool) -> bool:
    """Gmail, Apple, Thunderbird, Android, Yandex and Mail.ru lines that introduce the quoted original.

    Strict (no quote follows, so a false match would cut real text) wants a "wrote" verb with a date
    or an address, or a time with an address; above a quote a "wrote" verb or a dated address suffices.
    """
    text = text.strip()
    if len(text) > _MAX_ATTRIBUTION:
        return False
    wrote = _wrote_at_end(text)
    if not wrote and not text.endswith(":"):
        return False
    dated = _dated(text)
    wrote = wrote or (dated and bool(_WROTE_INSIDE.search(text)))
    if strict:
        return (wrote and (dated or "@" in text)) or (bool(_TIME.search(text)) and "@" in text)
    return wrote or (dated and ("@" in text or " от " in text))


def _wrote_at_end(text: str) -> bool:
    """Whether stripped `text` ends in a "wrote" verb, then spaces or tabs, then a colon or two dashes or more.

    The verb is looked for in the last characters only: a search for it before a colon at the end tried twenty
    verbs, ignoring case, at every character of the line (a tenth of the reading stage's pattern time).
    """
    if text.endswith(":"):
        head = text[:-1]
    elif text.endswith("--"):
        head = text.rstrip("-")
    else:
        return False
    head = head.rstrip(" \t")
    return _VERB_AT_END.search(head, max(0, len(head) - _LONGEST_VERB)) is not None


# "P.S. по 3.2 воздерживаемся": a postscript under the signature is the respondent's own words, often a stance
_POSTSCRIPT = re.compile(r"^(?:p\.?\s?p\.?\s?s|p\.?\s?s|п\.?\s?п\.?\s?с|п\.?\s?с|р\.?\s?s)(?:\.|:|\s|$)", re.IGNORECASE)


def _clean(run: list[str]) -> list[str]:
    """Own lines up to the first signature, mobile footer or disclaimer, and any postscript below them.

    A postscript is cleaned the same way and may have a postscript of its own; the walk goes forward only,
    so a stranger's thousand "С уважением … P.S." blocks cost one pass, not a recursion per block.
    """
    kept: list[str] = []
    start = 0
    while True:
        end, signed = _own_end(run, start)
        kept += run[start:end]
        postscript = next((i for i in range(end + 1, len(run)) if _POSTSCRIPT.match(run[i].strip())), None)
        if not signed or postscript is None:
            return kept
        while kept and not kept[-1].strip():
            kept.pop()
        kept.append("")
        start = postscript


def _own_end(run: list[str], start: int) -> tuple[int, bool]:
    """Where the own lines from `start` end, and whether a signature or mobile footer (which a postscript may
    follow) ended them rather than a disclaimer or a list footer."""
    for i in range(start, len(run)):
        stripped = run[i].strip()
        if not stripped:
            continue
        if stripped == "--" or (len(stripped) <= 60 and _SIGNATURE.match(stripped)):  # RFC 3676 §4.3: "-- "
            return i, True
        if len(stripped) <= 100 and _FOOTER.match(stripped) and _is_footer(run, i):
            return i, True
        if _RULE.match(stripped):
            below = _next_nonblank(run, i + 1)
            if below is not None and _LIST_FOOTER.search(run[below][:200]):
                return i, False
        if i > start and _DISCLAIMER.search(stripped[:300]) and _DISCLAIMER_CONTEXT.search(stripped[:600]):
            return i, False
    return len(run), False


def _is_footer(run: list[str], i: int) -> bool:
    """ "Sent from my iPhone" is a short line; "Sent from my desk, is much easier..." is a sentence of the text."""
    words = run[i].split()
    return len(words) <= 8 and "," not in run[i]


def _last_paragraph(run: list[str]) -> str:
    """The quoted paragraph directly above an answer, without `>` marks or attribution lines."""
    paragraph: list[str] = []
    for line in reversed(run):
        text = _QUOTE_PREFIX.sub("", line).strip()
        if not text:
            if paragraph:
                break
            continue
        paragraph.append(text)
    paragraph = [line for line in reversed(paragraph) if not _is_attribution(line, strict=False)]
    # in a list (our recommendations, one per line) the answer is about the last item, not the whole list
    items = [i for i, line in enumerate(paragraph) if _LIST_ITEM.match(line)]
    return "\n".join(paragraph[items[-1] :] if items else paragraph)


def _next_nonblank(lines: list[str], start: int) -> int | None:
    for i in range(start, min(len(lines), start + 4)):
        if lines[i].strip():
            return i
    return None


def _previous_nonblank(lines: list[str], start: int) -> int | None:
    for i in range(start, max(-1, start - 4), -1):
        if lines[i].strip():
            return i
    return None


def _is_reply_subject(subject: str) -> bool:
    return bool(re.match(r"^\s*(?:re|aw|sv|odp|antw|ответ|отв)\s*(?:\[\d+\])?\s*:", subject, re.I))


def _is_forward_subject(subject: str) -> bool:
    return bool(re.match(r"^\s*(?:fwd?|пересл|переслано|fw)\s*:", subject, re.I))
