"""The report as a Word document the secretary can edit: Word's own heading, table and list styles, so the
navigation pane, the table of contents and restyling work; the bars are table cells shaded in proportion, not
pictures, so they stay sharp, print in colour and can be edited like any table.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from mailflow.committee.digest import STANCE_COLOURS
from mailflow.committee.report import (
    STANCE_ORDER,
    AnnexEntry,
    RecSection,
    Report,
    day,
    method_rows,
    segments,
)
from mailflow.committee.words import Words, words

BAR_WIDTH = Cm(16)
TABLE_STYLE = "Light Grid Accent 1"


def report_docx(report: Report) -> bytes:
    w = words(report.language)
    doc: Any = Document()  # python-docx's types stop at the document; its parts are untyped
    _page_setup(doc, report, w)
    _title_page(doc, report, w)
    doc.add_heading(w("report.method"), level=1)
    doc.add_paragraph(w("report.method_intro"))
    rows = method_rows(report)
    table = _table(doc, (w("method.figure"), w("method.value")), ((label, value) for label, value, _ in rows))
    for row, (_, _, part) in zip(table.rows[1:], rows, strict=True):
        if part:
            row.cells[0].paragraphs[0].paragraph_format.left_indent = Cm(0.6)
    doc.add_heading(w("report.results"), level=1)
    _legend(doc, w)
    for panel in report.panels:
        doc.add_heading(w("report.panel", number=panel.number, title=panel.title), level=2)
        for section in panel.recs:
            _recommendation(doc, section, w)
    doc.add_page_break()
    doc.add_heading(w("annex"), level=1)
    _annex(doc, w("annex.answered"), report.answered, w, date=True)
    _annex(doc, w("annex.silent"), report.silent, w)
    _annex(doc, w("annex.bounced"), report.bounced, w)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _page_setup(doc: Any, report: Report, w: Words) -> None:
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)  # A4, as the committee prints
    section.left_margin = section.right_margin = Cm(2.5)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Calibri", Pt(11)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), {"ru": "ru-RU", "ky": "ky-KG", "en": "en-GB"}[report.language])
    normal.element.get_or_add_rPr().append(language)  # Word's spelling checker then knows the language
    props = doc.core_properties
    props.title, props.subject, props.author = report.title, w("report.kind"), report.committee
    props.language = report.language
    footer = section.footer.paragraphs[0]
    footer.text = w("report.footer") + "  "
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number(footer)


def _page_number(paragraph: Any) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _title_page(doc: Any, report: Report, w: Words) -> None:
    for _ in range(6):
        doc.add_paragraph()
    doc.add_paragraph(w("report.kind"), style="Subtitle")
    doc.add_paragraph(report.title, style="Title")
    doc.add_paragraph(w("report.committee", committee=report.committee))
    if report.period is not None:
        start, end = report.period
        doc.add_paragraph(w("report.period", start=day(start), end=day(end)))
    doc.add_paragraph(w("report.date", date=day(report.made)))
    doc.add_page_break()


# The quotes and the rows of long tables are written as WordprocessingML in one piece: python-docx builds each
# paragraph, run and cell through several XPath lookups (and finds a style by scanning every style), which
# for 500 organisations' 1,500 quoted reasons and annex rows took 10 s of the 11 s the report needed.
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")  # control characters a reply may carry
_SPACES = re.compile(r"\s+")


def _run_xml(text: str, *, bold: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    clean = escape(_SPACES.sub(" ", _NOT_XML.sub(" ", text)))  # a reply's line breaks become spaces
    return f'<w:r>{props}<w:t xml:space="preserve">{clean}</w:t></w:r>'


def _bullet(doc: Any, *runs: tuple[str, bool]) -> None:
    """A List Bullet paragraph of (text, bold) runs."""
    body = "".join(_run_xml(text, bold=bold) for text, bold in runs)
    paragraph = f'<w:p {_W}><w:pPr><w:pStyle w:val="ListBullet"/></w:pPr>{body}</w:p>'
    doc.element.body.sectPr.addprevious(parse_xml(paragraph))


def _table(doc: Any, header: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> Any:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = doc.styles[TABLE_STYLE]
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    _repeat_header(table.rows[0])
    widths = [int(column.w.twips) for column in table._tbl.tblGrid.gridCol_lst]
    for row in rows:
        cells = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p>{_run_xml(text)}</w:p></w:tc>'
            for width, text in zip(widths, row, strict=True)
        )
        table._tbl.append(parse_xml(f"<w:tr {_W}>{cells}</w:tr>"))
    return table


def _repeat_header(row: Any) -> None:
    """A long table (the annex) shows its heading row again on every page."""
    mark = OxmlElement("w:tblHeader")
    mark.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(mark)


def _legend(doc: Any, w: Words) -> None:
    paragraph = doc.add_paragraph()
    for stance in STANCE_ORDER:
        swatch = paragraph.add_run("■ ")
        swatch.font.color.rgb = RGBColor.from_string(STANCE_COLOURS[stance].lstrip("#").upper())
        paragraph.add_run(f"{w(f'stance.{stance}')}   ")


def _recommendation(doc: Any, section: RecSection, w: Words) -> None:
    doc.add_heading(w("report.rec", rec_id=section.rec_id), level=3)
    doc.add_paragraph(section.text)
    if section.audience != "all":
        doc.add_paragraph(w(f"report.audience.{section.audience}")).runs[0].italic = True
    _bar(doc, section)
    _table(
        doc,
        (w("report.who"), *(w(f"stance.{s}") for s in STANCE_ORDER), w("report.total")),
        (
            (w(f"sector.{sector}"), *(str(counts.get(s)) for s in STANCE_ORDER), str(counts.total))
            for sector, counts in (("all", section.overall), *section.sectors)
        ),
    )
    doc.add_heading(w("report.reasons"), level=4)
    if not section.quotes:
        doc.add_paragraph(w("report.no_reasons"))
    for group in section.quotes:
        doc.add_paragraph(f"{w(f'quotes.{group.stance}')} ({len(group.quotes)})").runs[0].bold = True
        for quote in group.quotes:
            _bullet(doc, (f"{quote.organisation} ({w(f'sector.{quote.sector}')}): ", True), (f"«{quote.text}»", False))


def _bar(doc: Any, section: RecSection) -> None:
    """One row of cells as wide as each stance's share; the count is written in segments wide enough for it."""
    parts = segments(section.overall)
    if not parts:
        return
    table = doc.add_table(rows=1, cols=len(parts))
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, cell, part in zip(table.columns, table.rows[0].cells, parts, strict=True):
        # a fixed layout is drawn from the grid's column widths (Word, LibreOffice); the cells say the same
        column.width = cell.width = int(BAR_WIDTH * part.percent / 100)
        shade = OxmlElement("w:shd")
        shade.set(qn("w:val"), "clear")
        shade.set(qn("w:color"), "auto")
        shade.set(qn("w:fill"), STANCE_COLOURS[part.stance].lstrip("#").upper())
        cell._tc.get_or_add_tcPr().append(shade)
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(str(part.count) if part.percent >= 6 else "")
        run.font.size = Pt(8)
        run.font.color.rgb = RGBColor(0x3E, 0x4C, 0x59) if part.stance == "none" else RGBColor(0xFF, 0xFF, 0xFF)
    doc.add_paragraph()


def _annex(doc: Any, heading: str, entries: tuple[AnnexEntry, ...], w: Words, *, date: bool = False) -> None:
    doc.add_heading(f"{heading} ({len(entries)})", level=2)
    if not entries:
        doc.add_paragraph(w("annex.none"))
        return
    last = w("annex.date") if date else w("annex.email")
    _table(
        doc,
        ("№", w("annex.organisation"), w("annex.sector"), last),
        (
            (str(n), e.organisation, w(f"sector.{e.sector}"), day(e.answered) if date and e.answered else e.email)
            for n, e in enumerate(entries, start=1)
        ),
    )
