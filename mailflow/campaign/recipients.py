"""Recipient lists as a secretary exports them from a spreadsheet: validated whole before anything is saved.

A half-imported list is worse than none (some organisations would get the letter, some not, and nobody
would know which), so every row is checked and all problems are reported together by line number.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

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


def _rows_from_csv(data: bytes) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1251")  # Excel on a Russian Windows saves CSV in windows-1251
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    yield from _rows_with_header((reader.line_num, row) for row in reader)


def _rows_from_xlsx(data: bytes) -> Iterator[tuple[int, dict[str, str]]]:
    from openpyxl import load_workbook  # only xlsx imports pay for it

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    sheet = workbook.worksheets[0]
    rows = (
        (number, ["" if cell is None else str(cell) for cell in row])
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1)
    )
    yield from _rows_with_header(rows)
    workbook.close()


def _rows_with_header(rows: Iterable[tuple[int, list[str]]]) -> Iterator[tuple[int, dict[str, str]]]:
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
        yield number, {name: (row[i].strip() if i < len(row) else "") for i, name in enumerate(names)}


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
    rows = _rows_from_xlsx(data) if data[:2] == b"PK" else _rows_from_csv(data)
    entries: list[RecipientEntry] = []
    problems: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    try:
        for number, row in rows:
            entry, row_problems = _entry(row)
            problems.extend((number, p) for p in row_problems)
            if entry is None:
                continue
            if entry.email in seen:
                problems.append((number, f"{entry.email} already listed on line {seen[entry.email]}"))
                continue
            seen[entry.email] = number
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
