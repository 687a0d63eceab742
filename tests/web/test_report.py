"""The consultation's report: every figure recounted here from the rows, the Word file opened with python-docx,
the HTML page opened in Chromium, the download on the dashboard and the command line."""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.shared import Cm
from playwright.sync_api import Page
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.orm import Session

from mailflow.app import App
from mailflow.committee.report import STANCE_ORDER, Quote, QuoteGroup, Report
from mailflow.committee.report_files import ReportFormat, load_report, render_report
from mailflow.committee.words import LANGUAGES, PHRASES, words
from mailflow.reading.reply import Stance, StanceFinding
from mailflow.store.db import transaction
from mailflow.store.decisions import apply_decision
from mailflow.store.models import InboundRow, LetterRow, RecipientRow, RecommendationRow, ResponseRow, ReviewItemRow
from mailflow.store.reports import utc

from .conftest import NOW, SCREENSHOTS, USER
from .seed import Seeded
from .test_cli import _run

QUOTED_ORG, QUOTED_REASON = "Союз экспортёров Кыргызстана", "сроки слишком короткие"


def _decide(app: App, seeded: Seeded) -> None:
    """Two flagged replies decided: cso1's with 2.1 changed from the parser's reading, cso2's confirmed as read."""
    with transaction(app.sessions()) as session:
        for item_id, email, changes in (
            (seeded.flagged_item, "cso1@civic.example", {"2.1": StanceFinding("2.1", Stance.AGREE)}),
            (seeded.hostile_item, "cso2@legal-aid.example", {}),
        ):
            item = session.get(ReviewItemRow, item_id)
            assert item is not None
            message = session.get(InboundRow, item.inbound_id)
            assert message is not None and message.parsed is not None
            read = {
                rec_id: StanceFinding(rec_id, Stance(found["stance"]), found["reason"])
                for rec_id, found in message.parsed["stances"].items()
            }
            apply_decision(
                session, item_id, recipient_id=seeded.recipients[email], stances={**read, **changes}, cleared=(),
                user=USER, at=NOW - timedelta(hours=1),
            )  # fmt: skip


@dataclass(frozen=True)
class Recount:
    """The figures as this test counts them, straight from the rows."""

    method: dict[str, int]
    rates: dict[str, tuple[int, int]]  # sector → (respondents, recipients)
    tallies: dict[tuple[str, str], dict[str, int]]  # (rec_id, all|business|cso) → stance → count
    quotes: set[tuple[str, str, str, str]]  # (rec_id, organisation, stance, reason)
    answered: dict[str, date]
    silent: set[str]
    bounced: set[str]
    first_appeal: date


def _recount(session: Session, corrected: int) -> Recount:
    people = {r.id: r for r in session.scalars(select(RecipientRow))}
    appeals = Counter(letter.status for letter in session.scalars(select(LetterRow).where(LetterRow.kind == "appeal")))
    replies = [
        m for m in session.scalars(select(InboundRow).where(InboundRow.kind == "reply")) if m.recipient_id in people
    ]
    review = {item.inbound_id: item.status for item in session.scalars(select(ReviewItemRow))}
    first: dict[int, datetime] = {}
    for m in sorted(replies, key=lambda m: utc(m.received_at)):
        first.setdefault(m.recipient_id or 0, utc(m.received_at))
    recs = {r.id: r for r in session.scalars(select(RecommendationRow))}
    responses = list(session.scalars(select(ResponseRow)))
    tallies: dict[tuple[str, str], dict[str, int]] = {}
    for rec in recs.values():
        for group in ("all", "business", "cso"):
            asked = [p for p in people.values() if rec.audience in ("all", p.sector) and group in ("all", p.sector)]
            given = Counter(
                r.stance for r in responses if r.recommendation_id == rec.id and r.recipient_id in {p.id for p in asked}
            )
            tallies[rec.rec_id, group] = {**{s: given[s] for s in STANCE_ORDER[:4]}, "none": len(asked) - given.total()}
    appeals_sent = session.scalars(select(LetterRow.sent_at).where(LetterRow.kind == "appeal"))
    sent = [utc(at) for at in appeals_sent if at is not None]
    return Recount(
        method={
            "sent": appeals["sent"] + appeals["bounced"],
            "delivered": appeals["sent"],
            "bounced": appeals["bounced"],
            "replies": len(replies),
            "automatic": sum(1 for m in replies if m.id not in review),
            "reviewed": sum(1 for m in replies if review.get(m.id) == "closed"),
            "corrected": corrected,
            "waiting": sum(1 for m in replies if review.get(m.id) == "open"),
            "respondents": len(first),
        },
        rates={
            sector: (
                sum(1 for rid in first if people[rid].sector == sector),
                sum(1 for p in people.values() if p.sector == sector),
            )
            for sector in ("business", "cso")
        },
        tallies=tallies,
        quotes={
            (recs[r.recommendation_id].rec_id, people[r.recipient_id].organisation, r.stance, r.reason)
            for r in responses
            if r.reason
        },
        answered={people[rid].organisation: at.date() for rid, at in first.items()},
        silent={p.organisation for p in people.values() if p.id not in first},
        bounced={
            people[letter.recipient_id].organisation
            for letter in session.scalars(select(LetterRow).where(LetterRow.status == "bounced"))
            if letter.recipient_id is not None
        },
        first_appeal=min(sent).date(),
    )


@pytest.fixture
def decided(mailflow_app: App, seeded: Seeded) -> tuple[Report, Recount]:
    """The seeded consultation with two decisions, its report in Russian and the test's own count of it."""
    _decide(mailflow_app, seeded)
    with transaction(mailflow_app.sessions()) as session:
        report = load_report(session, mailflow_app.campaign(), language="ru", made=NOW.date())
        return report, _recount(session, corrected=1)


def test_every_figure_in_the_report_equals_a_count_of_the_rows(decided: tuple[Report, Recount]) -> None:
    report, expected = decided
    m = report.method
    assert {
        "sent": m.sent, "delivered": m.delivered, "bounced": m.bounced, "replies": m.replies,
        "automatic": m.automatic, "reviewed": m.reviewed, "corrected": m.corrected, "waiting": m.waiting,
        "respondents": m.respondents,
    } == expected.method  # fmt: skip
    assert expected.method["reviewed"] == 2 and expected.method["automatic"] == 3  # the seed's shape, for the record
    assert {r.sector: (r.respondents, r.recipients) for r in m.rates} == expected.rates
    shown = {}
    for panel in report.panels:
        for section in panel.recs:
            for group, counts in (("all", section.overall), *section.sectors):
                shown[section.rec_id, group] = {s: counts.get(s) for s in STANCE_ORDER}
    assert shown == {key: value for key, value in expected.tallies.items() if sum(value.values())}
    quoted = {
        (section.rec_id, q.organisation, group.stance, q.text)
        for panel in report.panels
        for section in panel.recs
        for group in section.quotes
        for q in group.quotes
    }
    assert quoted == expected.quotes
    assert ("4.3", QUOTED_ORG, "partial", QUOTED_REASON) in quoted
    assert {e.organisation: e.answered for e in report.answered} == expected.answered
    assert {e.organisation for e in report.silent} == expected.silent
    assert {e.organisation for e in report.bounced} == expected.bounced
    assert report.period == (expected.first_appeal, max(expected.answered.values()))


def _docx_tables_after(doc: Any, heading: str) -> list[Any]:
    """The tables that follow the heading `heading` up to the next heading, in document order."""
    body = doc.element.body
    found, tables, index = False, [], {t._tbl: t for t in doc.tables}
    for child in body.iterchildren():
        if child.tag.endswith("}p"):
            style = child.pPr.pStyle.val if child.pPr is not None and child.pPr.pStyle is not None else ""
            if style.startswith("Heading"):
                text = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t"))
                if found:
                    break
                found = text == heading
        elif found and child in index:
            tables.append(index[child])
    return tables


def test_the_word_report_has_real_headings_figures_bars_and_the_quoted_reasons(
    decided: tuple[Report, Recount],
) -> None:
    report, expected = decided
    w = words("ru")
    doc = Document(io.BytesIO(render_report(report, ReportFormat.DOCX)))
    headings = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert ("Heading 1", w("report.method")) in headings
    assert ("Heading 1", w("report.results")) in headings
    assert ("Heading 2", w("report.panel", number=4, title=report.panels[3].title)) in headings
    assert [t for s, t in headings if s == "Heading 3"] == [
        f"Рекомендация {s.rec_id}" for p in report.panels for s in p.recs
    ]
    assert ("Heading 2", f"{w('annex.answered')} ({len(expected.answered)})") in headings
    assert any(p.style.name == "Title" and p.text == report.title for p in doc.paragraphs)

    method = _docx_tables_after(doc, w("report.method"))[0]
    values = {row.cells[0].text: row.cells[1].text for row in method.rows[1:]}
    assert values[w("method.sent")] == str(expected.method["sent"])
    assert values[w("method.bounced")] == str(expected.method["bounced"])
    assert values[w("method.corrected")] == str(expected.method["corrected"])
    respondents, recipients = expected.rates["cso"]
    assert (
        values[w("method.rate", sector=w("sector.cso_long"))]
        == f"{respondents} из {recipients} ({round(100 * respondents / recipients)}%)"
    )

    bar, tally = _docx_tables_after(doc, "Рекомендация 4.3")
    counts = expected.tallies["4.3", "all"]
    fills = [c._tc.tcPr.xpath("./w:shd/@w:fill")[0] for c in bar.rows[0].cells]
    assert len(fills) == sum(1 for n in counts.values() if n)  # one shaded segment per stance given
    widths = [column.width for column in bar.columns]
    shares = [n for s in STANCE_ORDER if (n := counts[s])]
    assert abs(sum(widths) - Cm(16)) < Cm(0.1)  # the bar spans the text width, each segment its share
    assert widths.index(max(widths)) == shares.index(max(shares))
    assert [row.cells[0].text for row in tally.rows[1:]] == ["все", "бизнес", "ОГО"]
    assert [int(c.text) for c in tally.rows[1].cells[1:6]] == [counts[s] for s in STANCE_ORDER]
    assert [int(c.text) for c in tally.rows[2].cells[1:6]] == [
        expected.tallies["4.3", "business"][s] for s in STANCE_ORDER
    ]

    bullets = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert f"{QUOTED_ORG} (бизнес): «{QUOTED_REASON}»" in bullets
    annex = _docx_tables_after(doc, f"{w('annex.answered')} ({len(expected.answered)})")[0]
    assert {row.cells[1].text: row.cells[3].text for row in annex.rows[1:]} == {
        org: f"{day:%d.%m.%Y}" for org, day in expected.answered.items()
    }


def test_the_html_report_in_chromium_shows_the_same_figures_and_quotes(
    decided: tuple[Report, Recount], page: Page, tmp_path: Path
) -> None:
    report, expected = decided
    path = tmp_path / "report.html"
    path.write_bytes(render_report(report, ReportFormat.HTML))
    page.set_viewport_size({"width": 1000, "height": 1300})
    page.goto(path.as_uri())
    assert page.locator("h1").all_inner_texts()[1:] == [
        "Как проводилась консультация",
        "Позиции по рекомендациям",
        "Приложение",
    ]
    assert page.locator("h3").count() == 19
    cells = page.locator("table.method td").all_inner_texts()
    assert dict(zip(cells[::2], cells[1::2], strict=True))["Ответов получено"] == str(expected.method["replies"])
    rec = page.locator("#rec-4-3")
    for group in ("all", "business", "cso"):
        for stance in STANCE_ORDER:
            cell = rec.locator(f"tr[data-sector={group}] td[data-stance={stance}]")
            assert cell.inner_text() == str(expected.tallies["4.3", group][stance]), (group, stance)
    segments = rec.locator(".bar .seg")
    assert {s.get_attribute("data-stance"): int(s.get_attribute("data-count") or 0) for s in segments.all()} == {
        s: n for s, n in expected.tallies["4.3", "all"].items() if n
    }
    assert segments.first.bounding_box()["width"] > 0  # type: ignore[index]
    quote = rec.locator("li", has_text=QUOTED_ORG)
    assert quote.locator("q").inner_text() == QUOTED_REASON
    top = rec.bounding_box()
    assert top is not None
    page.screenshot(
        path=str(SCREENSHOTS / "report.png"),
        full_page=True,
        clip={"x": 0, "y": top["y"] - 420, "width": 1000, "height": 1300},
    )


@pytest.mark.parametrize("language", ["ky", "en"])
def test_the_report_speaks_the_language_asked_for(mailflow_app: App, seeded: Seeded, language: str) -> None:
    with transaction(mailflow_app.sessions()) as session:
        report = load_report(session, mailflow_app.campaign(), language=language, made=NOW.date())
    w = words(language)
    doc = Document(io.BytesIO(render_report(report, ReportFormat.DOCX)))
    headings = {p.text for p in doc.paragraphs if p.style.name.startswith("Heading")}
    assert {w("report.method"), w("report.results"), w("annex"), w("report.rec", rec_id="1.1")} <= headings
    assert not any(re.search("Рекомендация|Приложение", text) for text in headings)
    html = render_report(report, ReportFormat.HTML).decode()
    assert f'<html lang="{language}">' in html and w("quotes.partial") in html


def test_every_phrase_has_all_three_languages_with_the_same_gaps() -> None:
    for key, phrases in PHRASES.items():
        assert len(phrases) == len(LANGUAGES) and all(p.strip() for p in phrases), key
        gaps = {tuple(sorted(re.findall(r"{(\w+)}", p))) for p in phrases}
        assert len(gaps) == 1, key


def test_the_dashboard_offers_the_report_as_word_and_html_and_the_cli_as_pdf(
    login: Callable[[], Page], base_url: str, seeded: Seeded
) -> None:
    page = login()
    page.goto(f"{base_url}/dashboard")
    links = page.locator("#report a.button")
    assert links.all_inner_texts() == ["DOCX", "HTML"]
    with page.expect_download() as download:
        links.first.click()
    assert download.value.suggested_filename == f"appeal-2023-report-ru-{NOW:%Y-%m-%d}.docx"
    doc = Document(download.value.path())
    assert any(p.text == "Позиции по рекомендациям" for p in doc.paragraphs)
    kyrgyz = page.request.get(f"{base_url}/report.html?lang=ky")
    assert "Сунуштамалар боюнча позициялар" in kyrgyz.text()
    assert page.request.get(f"{base_url}/report.pdf").status == 404  # too slow for a web request at scale


def test_mailflow_report_writes_the_file_asked_for(mailflow_app: App, seeded: Seeded, tmp_path: Path) -> None:
    target = tmp_path / "out" / "report-en.html"
    assert _run(mailflow_app, "report", "--format", "html", "--lang", "en", "-o", str(target)).strip() == str(target)
    assert "Stances per recommendation" in target.read_text(encoding="utf-8")
    pdf = Path(_run(mailflow_app, "report", "--format", "pdf").strip())
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    assert "Позиции по рекомендациям" in text and QUOTED_REASON in text
    default = Path(_run(mailflow_app, "report").strip())
    assert default.parent == mailflow_app.settings.storage_dir / "reports" and default.suffix == ".docx"
    assert Document(str(default)).paragraphs


def test_a_reason_with_line_breaks_and_control_characters_is_quoted_on_one_line(
    decided: tuple[Report, Recount],
) -> None:
    report, _ = decided
    panel = report.panels[0]
    odd = QuoteGroup("disagree", (Quote("ОО «Тест»", "cso", "нет\x0bресурсов\r\nна местах <и> & т.д."),))
    section = replace(panel.recs[0], quotes=(odd,))
    changed = replace(report, panels=(replace(panel, recs=(section,)),))
    doc = Document(io.BytesIO(render_report(changed, ReportFormat.DOCX)))
    assert "ОО «Тест» (ОГО): «нет ресурсов на местах <и> & т.д.»" in [p.text for p in doc.paragraphs]
