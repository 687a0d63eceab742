"""Exports for the committee's report: organisation × recommendation, and the reasons per recommendation.

A table is a header and rows that arrive from the database as they are written, so an export of a hundred
thousand organisations holds a few hundred rows in memory: CSV is written row by row, XLSX through
openpyxl's write-only mode (rows go to a temporary file, the workbook is zipped at the end) with two named
styles instead of a style object per cell. A cell that a spreadsheet would read as a formula (`=`, `+`,
`-`, `@` first) is prefixed with an apostrophe: reasons are text a stranger wrote (OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, NamedStyle
from openpyxl.utils import get_column_letter
from sqlalchemy.orm import Session

from mailflow.committee.tally import addressed
from mailflow.store.reports import CampaignFacts, reasons_stream, stances_by_organisation

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# The committee writes its report in Russian: the tables speak it, so a column or a stance can be pasted as is.
STANCE_WORDS = {"agree": "согласны", "disagree": "не согласны", "partial": "частично", "abstain": "воздерживаются"}
SECTOR_WORDS = {"business": "бизнес", "cso": "ОГО"}
STANCE, REASON = "позиция", "обоснование"
CSV_CHUNK_ROWS = 200  # rows joined into one piece of the HTTP response
HEADER_STYLE = "mailflow header"
TEXT_STYLE = "mailflow text"
WIDE, NARROW = 40, 11  # column widths: names and reasons, codes and stances


@dataclass(frozen=True)
class Table:
    name: str  # the file's stem and the worksheet's title
    header: tuple[str, ...]
    rows: Iterable[tuple[str, ...]]  # read once, as it is written
    wide: frozenset[int]  # the columns of free text: wider, and wrapped in XLSX


def stance_matrix(session: Session, facts: CampaignFacts) -> Table:
    """One row per organisation; per recommendation its stance and reason ("—" where it was not asked)."""
    header = ["организация", "сектор", "email"]
    for rec in facts.recommendations:
        header += [f"{rec.rec_id} {STANCE}", f"{rec.rec_id} {REASON}"]

    def rows() -> Iterator[tuple[str, ...]]:
        if facts.id is None:
            return
        for recipient, stances in stances_by_organisation(session, facts.id):
            row = [recipient.organisation, _word(SECTOR_WORDS, recipient.sector), recipient.email]
            for rec in facts.recommendations:
                if not addressed(rec, recipient.sector):
                    row += ["—", ""]
                else:
                    stance, reason = stances.get(rec.rec_id, ("", ""))
                    row += [_word(STANCE_WORDS, stance), reason or ""]
            yield tuple(row)

    wide = frozenset({0, *range(4, len(header), 2)})
    return Table("stances", tuple(header), rows(), wide)


def reasons_table(session: Session, facts: CampaignFacts) -> Table:
    """Every stance with a reason, grouped by recommendation, objections first: the report's raw material."""
    found = reasons_stream(session, facts.id) if facts.id is not None else iter(())
    rows = (
        (rec_id, text, organisation, _word(SECTOR_WORDS, sector), _word(STANCE_WORDS, stance), reason)
        for rec_id, text, organisation, sector, stance, reason in found
    )
    header = ("рекомендация", "текст", "организация", "сектор", STANCE, REASON)
    return Table("reasons", header, rows, frozenset({1, 2, 5}))


def _word(words: dict[str, str], code: str) -> str:
    return words.get(code, code)


TABLES: dict[str, Callable[[Session, CampaignFacts], Table]] = {"stances": stance_matrix, "reasons": reasons_table}


def _safe(value: str) -> str:
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def csv_chunks(table: Table) -> Iterator[bytes]:
    """UTF-8 with a byte-order mark, so Excel on a Russian Windows opens Cyrillic correctly; a few hundred
    rows per piece."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.header)
    yield out.getvalue().encode("utf-8-sig")
    pending = 0
    out.seek(0)
    out.truncate()
    for row in table.rows:
        writer.writerow([_safe(cell) for cell in row])
        pending += 1
        if pending == CSV_CHUNK_ROWS:
            yield out.getvalue().encode("utf-8")
            out.seek(0)
            out.truncate()
            pending = 0
    if pending:
        yield out.getvalue().encode("utf-8")


def to_csv(table: Table) -> bytes:
    return b"".join(csv_chunks(table))


def _styles(workbook: Workbook) -> None:
    header = NamedStyle(HEADER_STYLE, font=Font(bold=True), alignment=Alignment(vertical="top"))
    text = NamedStyle(TEXT_STYLE, alignment=Alignment(wrap_text=True, vertical="top"))
    workbook.add_named_style(header)
    workbook.add_named_style(text)


def write_xlsx(table: Table, target: IO[bytes]) -> None:
    """The table as one worksheet, header frozen; free-text cells wrap (one named style, shared by all)."""
    workbook = Workbook(write_only=True)
    _styles(workbook)
    sheet = workbook.create_sheet(table.name)
    for index in range(len(table.header)):
        sheet.column_dimensions[get_column_letter(index + 1)].width = WIDE if index in table.wide else NARROW
    sheet.freeze_panes = "B2"

    def header_cell(value: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value)
        cell.style = HEADER_STYLE
        return cell

    sheet.append([header_cell(value) for value in table.header])
    wide = table.wide
    for row in table.rows:
        sheet.append([_text(sheet, _safe(v)) if i in wide and v else _safe(v) or None for i, v in enumerate(row)])
    workbook.save(target)


def _text(sheet: object, value: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value)
    cell.style = TEXT_STYLE
    return cell


def to_xlsx(table: Table) -> bytes:
    out = io.BytesIO()
    write_xlsx(table, out)
    return out.getvalue()
