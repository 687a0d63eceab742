"""Importing recipient lists: whole files or nothing, with every bad row named by its line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from mailflow.campaign.letter import Audience
from mailflow.campaign.recipients import read_recipients
from mailflow.errors import RecipientsError
from mailflow.store.db import make_engine
from mailflow.store.models import RecipientRow
from tests.appeal import SAMPLE_RECIPIENTS
from tests.conftest import Cli

HEADER = "organisation,contact,email,sector,region,language\n"


def test_sample_list_reads_twelve_organisations() -> None:
    entries = read_recipients(SAMPLE_RECIPIENTS.read_bytes(), "sample")
    assert len(entries) == 12
    assert {e.sector for e in entries} == {Audience.BUSINESS, Audience.CSO}
    assert {e.language for e in entries} == {"ru", "en", "ky"}


def test_every_bad_row_is_reported_by_line_number() -> None:
    data = (
        HEADER
        + "Org A,Ann,a@a.example,business,Ош,ru\n"
        + "Org B,Bob,not-an-address,cso,Ош,ru\n"
        + "Org C,Cy,c@c.example,government,Ош,ru\n"
        + "Org D,Di,d@d.example,cso,Ош,de\n"
        + "Org E,Ed,A@A.example,cso,Ош,ru\n"
        + ",Fay,f@f.example,cso,Ош,ru\n"
    ).encode()
    with pytest.raises(RecipientsError) as caught:
        read_recipients(data, "list.csv")
    lines = {line for line, _ in caught.value.problems}
    assert lines == {3, 4, 5, 6, 7}
    text = str(caught.value)
    assert "'not-an-address' is not an email address" in text
    assert "unknown sector 'government'" in text and "unknown language 'de'" in text
    assert "a@a.example already listed on line 2" in text and "organisation is empty" in text


def test_missing_column_is_reported_on_the_header_line() -> None:
    with pytest.raises(RecipientsError, match="line 1: missing column"):
        read_recipients(b"organisation,email\nX,x@x.example\n", "list.csv")


def test_excel_csv_in_windows_1251_with_semicolons_is_read() -> None:
    data = "organisation;contact;email;sector;region;language\nОО «Тест»;Айгуль;t@t.example;ОГО;Ош;ky\n"
    entries = read_recipients(data.encode("cp1251"), "list.csv")
    assert entries[0].organisation == "ОО «Тест»"
    assert entries[0].sector is Audience.CSO


def test_xlsx_list_is_read_like_csv() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["organisation", "contact", "email", "sector", "region", "language"])
    sheet.append(["Policy Lab", "Aida", "aida@policy-lab.example", "cso", "Бишкек", "en"])
    buffer = io.BytesIO()
    book.save(buffer)
    entries = read_recipients(buffer.getvalue(), "list.xlsx")
    assert [e.email for e in entries] == ["aida@policy-lab.example"]


def _count(url: str) -> int:
    engine = make_engine(url)
    with engine.connect() as connection:
        count = connection.execute(select(func.count()).select_from(RecipientRow)).scalar_one()
    engine.dispose()
    return count


def test_cli_import_and_list(project: Path, database_url: str) -> None:
    cli = Cli(project, database_url)
    assert cli("db", "upgrade").exit_code == 0
    result = cli("recipients", "import", str(SAMPLE_RECIPIENTS))
    assert result.exit_code == 0, result.output
    assert "12 added" in result.output
    listing = cli("recipients", "list")
    assert "umut@umut-fund.example" in listing.output and len(listing.output.strip().splitlines()) == 12
    again = cli("recipients", "import", str(SAMPLE_RECIPIENTS))
    assert "0 added, 0 updated, 12 unchanged" in again.output
    assert _count(database_url) == 12


def test_cli_import_of_a_broken_file_changes_nothing(project: Path, database_url: str, tmp_path: Path) -> None:
    cli = Cli(project, database_url)
    cli("db", "upgrade")
    broken = tmp_path / "broken.csv"
    broken.write_text(HEADER + "Good,G,g@g.example,cso,Ош,ru\nBad,B,bad@,cso,Ош,ru\n", encoding="utf-8")
    result = cli("recipients", "import", str(broken))
    assert result.exit_code == 2
    assert "line 3: 'bad@' is not an email address" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert _count(database_url) == 0


def test_reimport_keeps_reply_tokens(project: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    cli = Cli(project, url)
    cli("db", "upgrade")
    cli("recipients", "import", str(SAMPLE_RECIPIENTS))
    engine = make_engine(url)
    with engine.connect() as connection:
        before = {e: t for e, t in connection.execute(select(RecipientRow.email, RecipientRow.token))}
    changed = tmp_path / "changed.csv"
    changed.write_text(
        SAMPLE_RECIPIENTS.read_text(encoding="utf-8").replace("Мээрим Асанова", "М. Асанова"), encoding="utf-8"
    )
    assert "1 updated" in cli("recipients", "import", str(changed)).output
    with engine.connect() as connection:
        after = {e: t for e, t in connection.execute(select(RecipientRow.email, RecipientRow.token))}
    engine.dispose()
    assert before == after and len(set(after.values())) == 12


def test_excel_doubled_quotes_in_a_quoted_field_read_as_one_quote() -> None:
    data = (HEADER + '"ОО ""Умут""",Ann,a@a.example,cso,Ош,ru\n').encode()
    assert read_recipients(data, "list.csv")[0].organisation == 'ОО "Умут"'


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("contact", "Evil\r\nReply-To: attacker@evil.example"),
        ("organisation", "Org\nBcc: attacker@evil.example"),
        ("region", "Ош\x00"),
    ],
)
def test_control_characters_in_any_field_are_refused_by_line(field: str, value: str) -> None:
    row = {
        "organisation": "Org",
        "contact": "Ann",
        "email": "a@a.example",
        "sector": "cso",
        "region": "",
        "language": "ru",
    }
    row[field] = value
    quoted = ",".join('"' + v.replace('"', '""') + '"' for v in row.values())
    with pytest.raises(RecipientsError) as caught:
        read_recipients((HEADER + "Org Z,Zed,z@z.example,cso,Ош,ru\n" + quoted + "\n").encode(), "list.csv")
    assert [line for line, _ in caught.value.problems] == [3]
    assert "contains control characters" in caught.value.problems[0][1]


def test_bad_rows_are_counted_once_each_with_every_problem_shown() -> None:
    data = (
        HEADER
        + "Org A,Ann,a@a.example,business,Ош,ru\n"
        + "Org B,Bob,a@a.example,cso,Ош,de\n"  # a duplicate and a bad language: two problems, one row
        + "Org C,Cy,not-an-address,government,Ош,ru\n"
    ).encode()
    with pytest.raises(RecipientsError) as caught:
        read_recipients(data, "list.csv")
    assert "2 bad row(s)" in str(caught.value)
    assert sorted(caught.value.problems) == [
        (3, "a@a.example already listed on line 2"),
        (3, "unknown language 'de' (ru, ky, en)"),
        (4, "'not-an-address' is not an email address"),
        (4, "unknown sector 'government' (business or cso)"),
    ]


def test_a_semicolon_row_in_a_comma_file_names_the_separator() -> None:
    data = (HEADER + "Org A,Ann,a@a.example,business,Ош,ru\n" + "Org B;Bob;b@b.example;cso;Ош;ru\n").encode()
    with pytest.raises(RecipientsError) as caught:
        read_recipients(data, "list.csv")
    assert caught.value.problems == [(3, "the row is separated by ';', the file by ','")]
