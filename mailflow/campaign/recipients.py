"""Recipient lists as a secretary exports them from a spreadsheet: validated whole before anything is saved.

A half-imported list is worse than none (some organisations would get the letter, some not, and nobody
would know which), so every row is checked and all problems are reported together by line number.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import _csv

from mailflow.campaign.letter import Audience
from mailflow.errors import RecipientsError

COLUMNS = ("organisation", "contact", "email", "sector", "region", "language")
REQUIRED = ("organisation", "email", "sector", "language")
LANGUAGES = ("ru", "ky", "en")
SECTORS = {
    "business": Audience.BUSINESS,
    "бизнес": Audience.BUSINESS,
    "cso": Audience.CSO,
    "ого": Audience.CSO,
    "нко": Audience.CSO,
    "ngo": Audience.CSO,
}
_SEPARATORS = (",", ";", "\t")
# deliberately plain: one @, a dotted domain, no spaces; the SMTP server is the final judge
EMAIL = re.compile(r"^[^@\s<>(),;:\"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+$")


@dataclass(frozen=True)
class RecipientEntry:
    organisation: str
    contact: str
    email: str
    sector: Audience
    region: str
    language: str


def _rows_from_csv(data: bytes) -> tuple[str, Iterator[tuple[int, list[str]]]]:
    """The file's separator and its rows by line number."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1251")  # Excel on a Russian Windows saves CSV in windows-1251
    # Only the separator is guessed, from the header line; the rest is Excel's dialect, which writes a quote
    # inside a quoted field doubled (`"ОО ""Умут"""`). The sniffer guesses `doublequote=False` from one line.
    header = text.split("\n", 1)[0]
    delimiter = max(_SEPARATORS, key=header.count)
    return delimiter, _numbered(csv.reader(io.StringIO(text), csv.excel, delimiter=delimiter))


def _numbered(reader: _csv.Reader) -> Iterator[tuple[int, list[str]]]:
    """Rows by the line they start on (a quoted field may hold line breaks; `line_num` is where it ends)."""
    start = 1
    for row in reader:
        yield start, row
        start = reader.line_num + 1


def _rows_from_xlsx(data: bytes) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook  # only xlsx imports pay for it

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    sheet = workbook.worksheets[0]
    yield from (
        (number, ["" if cell is None else str(cell) for cell in row])
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1)
    )
    workbook.close()


def _rows_with_header(
    rows: Iterable[tuple[int, list[str]]], delimiter: str | None
) -> Iterator[tuple[int, dict[str, str] | None, list[str]]]:
    """Each non-empty row by its column names (None when its cells are not the columns: a wrong separator),
    with the problems the column checks cannot see."""
    iterator = iter(rows)
    try:
        _, header = next(iterator)
    except StopIteration:
        return
    names = [h.strip().lower() for h in header]
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise RecipientsError("header", [(1, f"missing column(s): {', '.join(missing)}")])
    for number, row in iterator:
        if not any(cell.strip() for cell in row):
            continue
        separator = _other_separator(row, len(names), delimiter)
        if separator is not None:
            # its cells are not the columns: "email is empty" would only mislead
            yield number, None, [f"the row is separated by {separator!r}, the file by {delimiter!r}"]
            continue
        cells = {name: (row[i].strip() if i < len(row) else "") for i, name in enumerate(names)}
        yield number, cells, _control_characters(row)


def _other_separator(row: list[str], columns: int, delimiter: str | None) -> str | None:
    """The separator a short row of a CSV file would split into all the columns with (`;` in a `,` file)."""
    if delimiter is None or len(row) >= columns:
        return None
    joined = delimiter.join(row)
    return next((s for s in _SEPARATORS if s != delimiter and len(joined.split(s)) >= columns), None)


def _control_characters(row: list[str]) -> list[str]:
    """A CR or LF in a name would end a header line of the letters (a second Reply-To, a Bcc): refused here."""
    problems = []
    for cell in row:
        bad = sorted({f"U+{ord(c):04X}" for c in cell if unicodedata.category(c) == "Cc" and c != "\t"})
        if bad:
            problems.append(f"{cell.strip()[:40]!r} contains control characters ({', '.join(bad)})")
    return problems


def _entry(row: dict[str, str]) -> tuple[RecipientEntry | None, list[str]]:
    problems = [f"{column} is empty" for column in REQUIRED if not row.get(column)]
    email = row.get("email", "").lower()
    if email and not EMAIL.match(email):
        problems.append(f"{row['email']!r} is not an email address")
    sector = SECTORS.get(row.get("sector", "").lower())
    if row.get("sector") and sector is None:
        problems.append(f"unknown sector {row['sector']!r} (business or cso)")
    language = row.get("language", "").lower()
    if language and language not in LANGUAGES:
        problems.append(f"unknown language {row['language']!r} ({', '.join(LANGUAGES)})")
    if problems or sector is None:
        return None, problems
    entry = RecipientEntry(
        organisation=row["organisation"],
        contact=row.get("contact", ""),
        email=email,
        sector=sector,
        region=row.get("region", ""),
        language=language,
    )
    return entry, []


def read_recipients(data: bytes, source: str) -> list[RecipientEntry]:
    """Every row of a CSV or XLSX list, or RecipientsError naming each bad line; never a partial list."""
    delimiter, lines = (None, _rows_from_xlsx(data)) if data[:2] == b"PK" else _rows_from_csv(data)
    rows = _rows_with_header(lines, delimiter)
    entries: list[RecipientEntry] = []
    problems: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    try:
        for number, row, row_problems in rows:
            if row is None:
                problems.extend((number, p) for p in row_problems)
                continue
            entry, more = _entry(row)
            row_problems.extend(more)
            email = row.get("email", "").lower()
            if email in seen:  # reported beside the row's other problems, not instead of them
                row_problems.append(f"{email} already listed on line {seen[email]}")
            elif email:
                seen[email] = number
            problems.extend((number, p) for p in row_problems)
            if entry is not None and not row_problems:
                entries.append(entry)
    except RecipientsError as exc:
        raise RecipientsError(source, exc.problems) from exc
    except (csv.Error, UnicodeDecodeError, ValueError, KeyError, OSError) as exc:
        raise RecipientsError(source, [(0, f"not a readable CSV or XLSX file: {exc}")]) from exc
    if problems:
        raise RecipientsError(source, problems)
    if not entries:
        raise RecipientsError(source, [(1, "no recipients in the file")])
    return entries


def read_recipients_file(path: Path) -> list[RecipientEntry]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RecipientsError(str(path), [(0, f"cannot read the file: {exc.strerror}")]) from exc
    return read_recipients(data, str(path))
