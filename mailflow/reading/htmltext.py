"""HTML bodies as plain text, with quoted parts written as `> ` lines.

Marking quotes the way plain-text mail does lets one stripper (`quotes`) serve both kinds of body, and
keeps inline answers written between quoted blocks. Paragraphs, `<br>`, list items and table rows (cells
joined by " | ", so a row stays one line) survive; scripts, styles and everything else are dropped. The
input is cut to a size bound first and lxml never touches the network.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import lxml.html
from lxml import etree

from mailflow.patterns import compile_at_heads

# fmt: off
_DROP = ("script", "style", "head", "title", "noscript", "template", "iframe", "object", "embed", "svg",
         "math", "meta", "link", "button", "select", "textarea", "img")
_BLOCK = frozenset({
    "div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "dt", "dd", "pre", "table", "tbody",
    "thead", "tfoot", "section", "article", "header", "footer", "address", "center", "form", "fieldset",
    "hr", "nav", "aside", "figure", "figcaption", "caption", "main",
})
_PARAGRAPH = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "pre"})
# fmt: on
_SPACE = re.compile(r"[ \t\n\r\f\v\u00a0\u2002-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile("[\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060\ufeff\u00ad]")
_FORWARD = compile_at_heads(r"forwarded message|пересылаемое сообщение|пересланное сообщение|переадресованного", re.I)
# Outlook and Windows Mail open the quoted original with a top-bordered header div; all below it is quoted.
_TOP_BORDER = compile_at_heads(r"border-top(?:-style)?\s*:\s*solid", re.I)
_MAX_DEPTH = 200

_OPEN, _CLOSE, _TEXT = 0, 1, 2


def html_to_text(html: str, *, max_chars: int = 2_000_000) -> str:
    """The text a reader sees, quoted blocks prefixed with "> " per nesting level."""
    source = html[:max_chars]
    if not source.strip():
        return ""
    parser = lxml.html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True, recover=True
    )
    try:
        root = lxml.html.document_fromstring(source.encode("utf-8", "surrogatepass"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return _SPACE.sub(" ", re.sub(r"<[^>]*>", " ", source)).strip()
    for bad in list(root.iter(*_DROP)):
        if isinstance(bad, lxml.html.HtmlElement):
            bad.drop_tree()
    writer = _Writer()
    _walk(root, writer)
    return writer.result()


class _Writer:
    """Collects (quote depth, line) pairs; blank lines mark paragraphs."""

    def __init__(self) -> None:
        self.lines: list[tuple[int, str]] = []
        self.current: list[str] = []
        self.depth = 0

    def text(self, text: str, depth: int, pre: bool = False) -> None:
        text = _INVISIBLE.sub("", text)
        if pre:
            for i, piece in enumerate(text.split("\n")):
                if i:
                    self.newline(depth)
                self.text(piece, depth)
            return
        text = _SPACE.sub(" ", text)
        if not self.current:
            text = text.lstrip()
            if not text:
                return
            self.depth = depth
        self.current.append(text)

    def newline(self, depth: int) -> None:
        self.lines.append((self.depth if self.current else depth, "".join(self.current).strip()))
        self.current = []

    def block(self, depth: int) -> None:
        if self.current:
            self.newline(depth)

    def paragraph(self, depth: int) -> None:
        self.block(depth)
        if self.lines and self.lines[-1][1]:
            self.lines.append((depth, ""))

    def result(self) -> str:
        self.block(self.depth)
        out: list[str] = []
        for depth, line in self.lines:
            rendered = (("> " * depth) + line).rstrip() if line else ">" * depth
            if not line and out and (not out[-1] or out[-1] == rendered):
                continue  # one blank line between paragraphs is enough
            out.append(rendered)
        while out and not out[-1].strip("> "):
            out.pop()
        return "\n".join(out).strip("\n")


def _walk(root: etree._Element, writer: _Writer) -> None:
    """Depth-first without recursion, so hostile nesting cannot exhaust the stack."""
    quote_rest = 0  # becomes 1 at an Outlook header block: everything after it is the quoted original
    stack: list[tuple[int, etree._Element | str, int, int]] = [(_OPEN, root, 0, 0)]
    while stack:
        kind, node, depth, level = stack.pop()
        if isinstance(node, str):
            writer.text(node, depth + quote_rest)
            continue
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if kind == _CLOSE:
            _close(node, tag, writer, depth + quote_rest)
            continue
        inner = depth
        if _is_quote(node, tag):
            inner = depth + 1
        elif tag == "div" and _opens_original(node):
            writer.paragraph(depth + quote_rest)
            quote_rest = 1
        d = depth + quote_rest
        if node.tail:
            stack.append((_TEXT, node.tail, depth, level))
        if tag == "br":
            writer.newline(d)
        elif tag == "tr" and not _has_structure(node):
            writer.block(d)
            cells = [_flat(cell) for cell in node if cell.tag in ("td", "th")]
            writer.text(" | ".join(c for c in cells if c), d)
            writer.block(d)
        elif tag == "pre" or level >= _MAX_DEPTH:
            writer.paragraph(d)
            writer.text("".join(_texts(node)), inner + quote_rest, pre=True)
            writer.paragraph(d)
        else:
            _open(node, tag, writer, d, inner + quote_rest)
            stack.append((_CLOSE, node, depth, level))
            stack.extend((_OPEN, child, inner, level + 1) for child in reversed(node))
            if node.text:
                stack.append((_TEXT, node.text, inner, level))


def _open(el: etree._Element, tag: str, writer: _Writer, depth: int, inner: int) -> None:
    if _is_paragraph(el, tag):
        writer.paragraph(depth)
    elif tag in _BLOCK or tag in ("li", "tr"):
        writer.block(depth)
    if tag == "li":
        parent = el.getparent()
        if parent is not None and parent.tag == "ol":
            writer.text(f"{parent.index(el) + 1}. ", inner)
        else:
            writer.text("- ", inner)


def _close(el: etree._Element, tag: str, writer: _Writer, depth: int) -> None:
    if tag == "p" and not _is_paragraph(el, tag):
        writer.newline(depth)  # an empty Outlook line (`<o:p>&nbsp;</o:p>`) is how it spaces paragraphs
    elif _is_paragraph(el, tag):
        writer.paragraph(depth)
    elif tag in ("td", "th"):
        writer.text(" ", depth)  # the cells of a layout row (one not flattened) stay apart
    elif tag in _BLOCK or tag in ("li", "tr"):
        writer.block(depth)


def _is_paragraph(el: etree._Element, tag: str) -> bool:
    """Outlook writes every line as a zero-margin `p.MsoNormal`: those are lines, not paragraphs."""
    if tag == "p":
        return "msonormal" not in (el.get("class") or "").lower()
    return tag in _PARAGRAPH or tag == "blockquote"


def _is_quote(el: etree._Element, tag: str) -> bool:
    """Blockquotes (Gmail, Apple `type=cite`, Thunderbird, Yandex, Mail.ru) and the clients' cite divs."""
    classes = (el.get("class") or "").lower()
    if tag == "blockquote":
        style = (el.get("style") or "").replace(" ", "").lower()
        # Gmail's "indent" button writes a borderless blockquote around the writer's own text
        if "border:none" in style and "gmail_quote" not in classes and el.get("type") != "cite":
            return False
        return not _starts_forward(el)
    if "moz-cite-prefix" in classes or "gmail_attr" in classes:
        return not _starts_forward(el)
    return "yahoo_quoted" in classes


def _opens_original(el: etree._Element) -> bool:
    ident = (el.get("id") or "").lower()
    if ident in ("divrplyfwdmsg", "appendonsend"):
        return True
    return bool(_TOP_BORDER.search(el.get("style") or "")) and not _starts_forward(el)


def _starts_forward(el: etree._Element) -> bool:
    """A forwarded message inside the reply is the respondent's content, not a quote."""
    seen = []
    total = 0
    for piece in _texts(el):
        seen.append(piece)
        total += len(piece)
        if total > 200:
            break
    return bool(_FORWARD.search("".join(seen)[:200]))


def _has_structure(tr: etree._Element) -> bool:
    """Layout rows hold whole messages; only rows of plain cells are flattened into one line."""
    return tr.find(".//table") is not None or tr.find(".//blockquote") is not None


def _flat(el: etree._Element) -> str:
    return _SPACE.sub(" ", _INVISIBLE.sub("", " ".join(_texts(el)))).strip()


def _texts(el: etree._Element) -> Iterator[str]:
    for piece in el.itertext():
        yield piece if isinstance(piece, str) else piece.decode("utf-8", "replace")
