"""The XLSX export, written by XlsxWriter's constant-memory mode, read back with openpyxl as a spreadsheet would:
every value text, formulas defused, the header bold and frozen, free text wrapped, empty cells left out. The CSV
exports of a small consultation, byte for byte."""

from __future__ import annotations

import csv
import io
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import insert, select
from sqlalchemy.orm import Session, sessionmaker

from mailflow.campaign.letter import Audience, Campaign
from mailflow.campaign.recipients import RecipientEntry
from mailflow.committee.export import TABLES, Table, stance_matrix, to_csv, to_xlsx, write_xlsx
from mailflow.store.campaigns import sync_campaign
from mailflow.store.db import make_engine, transaction, upgrade
from mailflow.store.models import RecipientRow, RecommendationRow, ResponseRow
from mailflow.store.recipients import import_recipients
from mailflow.store.reports import campaign_facts

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


def test_the_stance_matrix_defuses_what_others_wrote_once_in_both_formats(tmp_path: Path, campaign: Campaign) -> None:
    """The matrix defuses its cells as it builds them (the writers then leave them be): an organisation's name,
    its address, a reason and a stance code that is not ours; its own words and "—" are written as they are."""
    engine = make_engine(f"sqlite:///{tmp_path / 'mailflow.db'}")
    upgrade(engine)
    sessions = sessionmaker(engine, expire_on_commit=False)
    with transaction(sessions) as session:
        row = sync_campaign(session, campaign)
        entries = [
            RecipientEntry("=HYPERLINK(1)", "", "-x@org.example", Audience.BUSINESS, "", "ru"),
            RecipientEntry("ОФ «Умут»", "", "umut@org.example", Audience.CSO, "", "ru"),
        ]
        import_recipients(session, row, entries)
        people = {org: i for org, i in session.execute(select(RecipientRow.organisation, RecipientRow.id))}
        recs = {rec: i for rec, i in session.execute(select(RecommendationRow.rec_id, RecommendationRow.id))}
        given = [
            (people["=HYPERLINK(1)"], recs["1.1"], "disagree", "+7 дней"),
            (people["=HYPERLINK(1)"], recs["1.2"], "@odd", None),
            (people["ОФ «Умут»"], recs["1.1"], "agree", "согласны полностью"),
        ]
        _insert_stances(session, given)
    with transaction(sessions) as session:
        facts = campaign_facts(session, campaign.slug)
        text = to_csv(stance_matrix(session, facts)).decode("utf-8-sig")
        sheet = load_workbook(io.BytesIO(to_xlsx(stance_matrix(session, facts)))).active
    engine.dispose()
    header, first, second = list(csv.reader(io.StringIO(text)))
    column = {name: i for i, name in enumerate(header)}
    assert first[:3] == ["'=HYPERLINK(1)", "бизнес", "'-x@org.example"]
    assert first[column["1.1 позиция"] : column["1.1 обоснование"] + 1] == ["не согласны", "'+7 дней"]
    assert first[column["1.2 позиция"] : column["1.2 обоснование"] + 1] == ["'@odd", ""]
    assert second[:3] == ["ОФ «Умут»", "ОГО", "umut@org.example"]
    assert second[column["1.1 позиция"]] == "согласны" and second[column["1.2 позиция"]] == ""
    not_asked = {header[i] for i, cell in enumerate(first) if cell == "—"} | {
        header[i] for i, cell in enumerate(second) if cell == "—"
    }
    assert not_asked and all(name.endswith("позиция") for name in not_asked)
    cells = [["" if cell.value is None else cell.value for cell in row] for row in sheet.iter_rows()]
    assert [row[: len(header)] + [""] * (len(header) - len(row)) for row in cells] == [header, first, second]


EXPORTS = Path(__file__).parent / "exports"  # both CSV files as the export wrote them before issue 15's rewrite
# Two organisations of one name (ordered by id), a formula-like name and address, a reason with a comma, quotes
# and a line break, a stance code that is not ours, an empty reason, and an organisation that gave no stance.
PEOPLE = [
    ("-Aardvark", "-a@org.example", Audience.BUSINESS),
    ("=Alpha", "alpha@org.example", Audience.CSO),
    ("Beta", "beta1@org.example", Audience.CSO),
    ("Beta", "beta2@org.example", Audience.BUSINESS),
    ("Дельта «Юг»", "delta@org.example", Audience.CSO),
]
GIVEN = [
    ("-a@org.example", "1.1", "disagree", '+7 дней, "потом"\nещё две недели'),
    ("-a@org.example", "1.2", "@odd", None),
    ("-a@org.example", "3.4", "agree", ""),
    ("alpha@org.example", "1.1", "partial", "=SUM(A1)"),
    ("alpha@org.example", "4.3", "abstain", "не наш профиль"),
    ("beta1@org.example", "1.1", "agree", "полностью, да"),
    ("beta2@org.example", "1.1", "disagree", "нет"),
    ("beta2@org.example", "2.1", "agree", "да"),
]


def _small_consultation(sessions: sessionmaker[Session], campaign: Campaign) -> None:
    with transaction(sessions) as session:
        row = sync_campaign(session, campaign)
        import_recipients(session, row, [RecipientEntry(o, "", e, a, "", "ru") for o, e, a in PEOPLE])
        people = {email: i for email, i in session.execute(select(RecipientRow.email, RecipientRow.id))}
        recs = {rec: i for rec, i in session.execute(select(RecommendationRow.rec_id, RecommendationRow.id))}
        _insert_stances(session, [(people[who], recs[rec], stance, reason) for who, rec, stance, reason in GIVEN])


@pytest.mark.parametrize("name", sorted(TABLES))
def test_the_csv_exports_are_byte_for_byte_what_they_were(database_url: str, campaign: Campaign, name: str) -> None:
    """Issue 15 made the CSV exports faster: the bytes written for a small consultation are pinned to the files
    the export wrote before (e1c2741), on both databases."""
    engine = make_engine(database_url)
    upgrade(engine)
    sessions = sessionmaker(engine, expire_on_commit=False)
    _small_consultation(sessions, campaign)
    with transaction(sessions) as session:
        written = to_csv(TABLES[name](session, campaign_facts(session, campaign.slug)))
    engine.dispose()
    assert written == (EXPORTS / f"{name}.csv").read_bytes()


def _insert_stances(session: Session, given: list[tuple[int, int, str, str | None]]) -> None:
    """Stances as the reading stage records them: (recipient id, recommendation row id, stance, reason)."""
    session.execute(
        insert(ResponseRow),
        [
            {
                "recipient_id": who,
                "recommendation_id": rec,
                "stance": stance,
                "reason": reason,
                "evidence": "",
                "confidence": 1.0,
                "set_by": "parser",
                "updated_at": datetime(2026, 11, 30, tzinfo=UTC),
            }
            for who, rec, stance, reason in given
        ],
    )
