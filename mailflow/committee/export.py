"""Exports for the committee's report: organisation × recommendation, and the reasons per recommendation.

Tables are built from `Facts` (pure) and written as CSV or XLSX. A cell that a spreadsheet would read as a
formula (`=`, `+`, `-`, `@` first) is prefixed with an apostrophe: reasons are text a stranger wrote
(OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from mailflow.committee.tally import REASON_ORDER, addressed
from mailflow.store.reports import Facts

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# The committee writes its report in Russian: the tables speak it, so a column or a stance can be pasted as is.
STANCE_WORDS = {"agree": "согласны", "disagree": "не согласны", "partial": "частично", "abstain": "воздерживаются"}
SECTOR_WORDS = {"business": "бизнес", "cso": "ОГО"}
STANCE, REASON = "позиция", "обоснование"


@dataclass(frozen=True)
class Table:
    name: str  # the file's stem and the worksheet's title
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def stance_matrix(facts: Facts) -> Table:
    """One row per organisation; per recommendation its stance and reason ("—" where it was not asked)."""
    by_key = {(r.recipient_id, r.rec_id): r for r in facts.responses}
    header = ["организация", "сектор", "email"]
    for rec in facts.recommendations:
        header += [f"{rec.rec_id} {STANCE}", f"{rec.rec_id} {REASON}"]
    rows = []
    for recipient in sorted(facts.recipients, key=lambda r: r.organisation.casefold()):
        row = [recipient.organisation, _word(SECTOR_WORDS, recipient.sector), recipient.email]
        for rec in facts.recommendations:
            response = by_key.get((recipient.id, rec.rec_id))
            if not addressed(rec, recipient):
                row += ["—", ""]
            elif response is None:
                row += ["", ""]
            else:
                row += [_word(STANCE_WORDS, response.stance), response.reason or ""]
        rows.append(tuple(row))
    return Table("stances", tuple(header), tuple(rows))


def reasons_table(facts: Facts) -> Table:
    """Every stance with a reason, grouped by recommendation, objections first: the report's raw material."""
    orgs = {r.id: r for r in facts.recipients}
    order = {rec.rec_id: i for i, rec in enumerate(facts.recommendations)}
    texts = {rec.rec_id: rec.text for rec in facts.recommendations}
    found = [r for r in facts.responses if r.reason and r.recipient_id in orgs and r.rec_id in order]
    found.sort(
        key=lambda r: (
            order[r.rec_id],
            REASON_ORDER.index(r.stance) if r.stance in REASON_ORDER else 9,
            orgs[r.recipient_id].organisation.casefold(),
        )
    )
    rows = tuple(
        (
            r.rec_id,
            texts[r.rec_id],
            orgs[r.recipient_id].organisation,
            _word(SECTOR_WORDS, orgs[r.recipient_id].sector),
            _word(STANCE_WORDS, r.stance),
            r.reason or "",
        )
        for r in found
    )
    return Table("reasons", ("рекомендация", "текст", "организация", "сектор", STANCE, REASON), rows)


def _word(words: dict[str, str], code: str) -> str:
    return words.get(code, code)


def _safe(value: str) -> str:
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def to_csv(table: Table) -> bytes:
    """UTF-8 with a byte-order mark, so Excel on a Russian Windows opens Cyrillic correctly."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.header)
    writer.writerows([_safe(cell) for cell in row] for row in table.rows)
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(table: Table) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.name
    sheet.append(list(table.header))
    for row in table.rows:
        sheet.append([_safe(cell) for cell in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in sheet.columns:
        letter = column[0].column_letter
        width = max(len(str(c.value or "")) for c in column)
        sheet.column_dimensions[letter].width = min(max(width, 8), 60)
        for c in column[1:]:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
