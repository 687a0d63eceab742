"""The XLSX export, written by XlsxWriter's constant-memory mode, read back with openpyxl as a spreadsheet would:
every value text, formulas defused, the header bold and frozen, free text wrapped, empty cells left out."""

from __future__ import annotations

import io
import tracemalloc
from collections.abc import Iterator

from openpyxl import load_workbook

from mailflow.committee.export import Table, to_xlsx, write_xlsx

HEADER = ("организация", "сектор", "4.3 позиция", "4.3 обоснование")
ROWS = [
    ("ОФ «Умут»", "ОГО", "не согласны", '=HYPERLINK("http://evil.example")'),
    ("Союз «007»", "бизнес", "согласны", ""),
    ("Фонд\x07 с колокольчиком", "ОГО", "частично", "+7 дней, потом\nещё две недели"),
]


def test_values_stay_text_and_formulas_are_defused() -> None:
    sheet = load_workbook(io.BytesIO(to_xlsx(Table("stances", HEADER, ROWS, frozenset({0, 3}))))).active
    values = [tuple(cell.value for cell in row) for row in sheet.iter_rows()]
    assert values[0] == HEADER
    assert values[1] == ("ОФ «Умут»", "ОГО", "не согласны", '\'=HYPERLINK("http://evil.example")')
    assert values[2] == ("Союз «007»", "бизнес", "согласны", None)  # an empty reason is an empty cell
    # a control character, which XML cannot carry (openpyxl refused the whole export), is written as OOXML's
    # escape, which Excel reads back as the character (openpyxl shows the escape itself)
    assert values[3][0] == "Фонд_x0007_ с колокольчиком" and values[3][3] == "'+7 дней, потом\nещё две недели"
    assert all(cell.data_type == "s" for row in sheet.iter_rows() for cell in row if cell.value is not None)


def test_the_header_is_bold_and_frozen_and_free_text_wraps() -> None:
    sheet = load_workbook(io.BytesIO(to_xlsx(Table("reasons", HEADER, ROWS, frozenset({0, 3}))))).active
    assert sheet.title == "reasons" and sheet.freeze_panes == "B2"
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet["A2"].alignment.wrap_text and sheet["D2"].alignment.wrap_text and not sheet["C2"].alignment.wrap_text
    assert sheet.column_dimensions["D"].width > sheet.column_dimensions["C"].width


def _many(count: int) -> Iterator[tuple[str, ...]]:
    for i in range(count):
        yield (f"Организация {i:06d}", "ОГО", "согласны", f"обоснование номер {i} " * 3)


def test_memory_stays_flat_however_many_rows() -> None:
    """Constant-memory mode: the rows go to a temporary file one at a time, whatever their number."""

    def peak(count: int) -> int:
        tracemalloc.start()
        write_xlsx(Table("stances", HEADER, _many(count), frozenset({3})), io.BytesIO())
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    small, large = peak(500), peak(20_000)
    assert large < small + 2 * 1024 * 1024, (small, large)  # the output buffer grows; what is held per row does not
