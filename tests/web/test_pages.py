"""The committee's pages in a real Chromium: sign-in, the review flow, hostile mail, CSRF, sessions, exports."""

from __future__ import annotations

import csv
import io
import urllib.request
from collections.abc import Callable
from datetime import timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage

from openpyxl import load_workbook
from playwright.sync_api import Page
from sqlalchemy import select

from mailflow.app import App
from mailflow.store.db import transaction
from mailflow.store.models import AuditRow, LetterRow, LoginFailureRow, RecommendationRow, ResponseRow, ReviewItemRow

from .conftest import PASSWORD, SCREENSHOTS, USER, Clock, Remote
from .seed import Seeded


def _tally(page: Page, rec_id: str) -> dict[str, int]:
    cell = page.locator(f"#tally-{rec_id.replace('.', '-')}")
    return {s: int(cell.get_attribute(f"data-{s}") or 0) for s in ("agree", "disagree", "partial", "abstain", "none")}


def test_a_page_without_sign_in_redirects_to_the_login_page(page: Page, base_url: str) -> None:
    for path in ("/review", "/dashboard", "/exports", "/exports/stances.csv", "/review/1"):
        page.goto(base_url + path)
        assert page.url.startswith(f"{base_url}/login"), path
        assert page.locator("input[name=password]").count() == 1


def test_a_reviewer_corrects_two_stances_and_the_dashboard_shows_them(
    login: Callable[[], Page], base_url: str, seeded: Seeded, mailflow_app: App
) -> None:
    page = login()
    page.goto(f"{base_url}/dashboard")
    before = {rec: _tally(page, rec) for rec in ("2.1", "4.3")}

    page.goto(f"{base_url}/review")
    rows = page.locator("table.grid tbody tr")
    assert rows.count() == 3
    assert "Фонд «Гражданская инициатива»" in rows.nth(0).inner_text()  # oldest first
    assert "согласие с оговоркой" in rows.nth(0).inner_text()  # reason codes in words
    rows.nth(0).get_by_role("link").click()

    assert page.locator(".facts").get_by_text("по личному адресу для ответа").count() == 1
    marks = page.locator(".text mark")
    assert marks.count() >= 3  # each stance's evidence is highlighted in the respondent's text
    assert "нет средств на обучение" in " ".join(marks.all_inner_texts())
    assert page.locator("select[name='stance-2.1']").input_value() == "partial"  # prefilled by the parser
    assert page.locator("select[name='stance-4.3']").input_value() == "disagree"
    page.screenshot(path=str(SCREENSHOTS / "review.png"), full_page=True)

    page.select_option("select[name='stance-2.1']", "agree")
    page.fill("input[name='reason-2.1']", "")
    page.select_option("select[name='stance-4.3']", "partial")
    page.fill("input[name='reason-4.3']", "согласны при поэтапном внедрении")
    page.click("button:has-text('Сохранить')")

    assert page.url.endswith("/review")
    assert page.locator(".flash").count() == 1
    assert page.locator("table.grid tbody tr").count() == 2

    page.goto(f"{base_url}/dashboard")
    after = {rec: _tally(page, rec) for rec in ("2.1", "4.3")}
    assert after["2.1"]["agree"] == before["2.1"]["agree"] + 1
    assert after["2.1"]["none"] == before["2.1"]["none"] - 1
    assert after["4.3"]["partial"] == before["4.3"]["partial"] + 1
    page.screenshot(path=str(SCREENSHOTS / "dashboard.png"), full_page=True)

    page.click("a:has-text('4.3') >> nth=0")
    assert "согласны при поэтапном внедрении" in page.inner_text("table.grid")

    with transaction(mailflow_app.sessions()) as session:
        item = session.get(ReviewItemRow, seeded.flagged_item)
        assert item is not None and item.status == "closed" and item.closed_by == USER
        decided = {
            rec_id: (r.stance, r.reason, r.set_by, r.set_by_user)
            for r, rec_id in session.execute(
                select(ResponseRow, RecommendationRow.rec_id)
                .join(RecommendationRow, RecommendationRow.id == ResponseRow.recommendation_id)
                .where(ResponseRow.recipient_id == seeded.recipients["cso1@civic.example"])
            )
        }
        assert decided["2.1"] == ("agree", None, "reviewer", USER)
        assert decided["4.3"] == ("partial", "согласны при поэтапном внедрении", "reviewer", USER)
        assert decided["1.1"][0] == "agree"
        audit = session.scalars(select(AuditRow).where(AuditRow.action == "review.decide")).one()
        assert audit.actor == USER and audit.at is not None
        assert audit.detail["stances"]["4.3"] == {"stance": "partial", "reason": "согласны при поэтапном внедрении"}


def test_hostile_html_in_a_reply_runs_nothing_fetches_nothing_and_submits_nothing(
    login: Callable[[], Page], base_url: str, seeded: Seeded, remote: Remote
) -> None:
    page = login()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{base_url}/review/{seeded.hostile_item}")
    page.click("summary:has-text('HTML')")
    html = page.locator(".mailhtml")
    html.wait_for()
    assert "Поддерживаем рекомендацию 1.3." in html.inner_text()
    page.wait_for_timeout(300)

    assert page.evaluate("window.pwned") is None
    assert "pwned" not in page.title()
    assert html.locator("script, form, input, button, iframe, style").count() == 0
    assert html.locator("[onerror], [style], [src]").count() == 0
    assert all(not (a.get_attribute("href") or "").startswith("javascript") for a in html.locator("a").all())
    assert [u for u in requests if u.startswith(remote.url)] == []
    assert remote.hits == []
    assert all(u.startswith(base_url) for u in requests)


def test_every_response_carries_a_content_security_policy_that_forbids_scripts(
    page: Page, base_url: str, login: Callable[[], Page]
) -> None:
    for path in ("/login", "/review", "/dashboard", "/nowhere"):
        response = page.request.get(base_url + path)
        policy = response.headers["content-security-policy"]
        assert "script-src 'none'" in policy and "img-src 'self' data:" in policy
        assert response.headers["x-content-type-options"] == "nosniff"


def test_a_post_without_the_csrf_token_is_refused(
    login: Callable[[], Page], base_url: str, seeded: Seeded, mailflow_app: App
) -> None:
    page = login()
    response = page.request.post(
        f"{base_url}/review/{seeded.flagged_item}", form={"stance-1.1": "disagree", "reason-1.1": "forged"}
    )
    assert response.status == 400
    forged_login = page.request.post(f"{base_url}/login", form={"username": USER, "password": PASSWORD})
    assert forged_login.status == 400
    with transaction(mailflow_app.sessions()) as session:
        item = session.get(ReviewItemRow, seeded.flagged_item)
        assert item is not None and item.status == "open"


def test_wrong_passwords_are_rate_limited_per_name_and_address(page: Page, base_url: str) -> None:
    for _ in range(5):
        page.goto(f"{base_url}/login")
        page.fill("input[name=username]", USER)
        page.fill("input[name=password]", "wrong password")
        with page.expect_response(lambda r: r.request.method == "POST") as answer:
            page.click("button[type=submit]")
        assert answer.value.status == 401
    page.fill("input[name=password]", PASSWORD)  # right, but too late
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.click("button[type=submit]")
    assert answer.value.status == 429
    assert "Слишком много" in page.inner_text(".alert")


def test_a_head_request_for_the_login_page_is_not_a_failed_sign_in(mailflow_app: App, base_url: str) -> None:
    request = urllib.request.Request(f"{base_url}/login", method="HEAD")  # link previews, uptime monitors
    with urllib.request.urlopen(request) as response:
        assert response.status == 200
    with transaction(mailflow_app.sessions()) as session:
        assert session.scalars(select(LoginFailureRow)).all() == []


def test_a_session_expires_after_a_working_day(login: Callable[[], Page], base_url: str, clock: Clock) -> None:
    page = login()
    page.goto(f"{base_url}/dashboard")
    assert page.url == f"{base_url}/dashboard"
    clock.now += timedelta(hours=8, minutes=1)
    page.goto(f"{base_url}/dashboard")
    assert page.url.startswith(f"{base_url}/login")
    assert "Сеанс истёк" in page.inner_text(".alert")


def test_the_language_switch_is_remembered_for_the_session(login: Callable[[], Page], base_url: str) -> None:
    page = login()
    page.goto(f"{base_url}/dashboard?lang=en")
    assert "Consultation dashboard" in page.inner_text("h1")
    page.goto(f"{base_url}/review")
    assert "Replies waiting for review" in page.inner_text("h1")


def test_a_reply_from_an_unknown_sender_is_filed_under_the_chosen_organisation_with_a_clarification(
    login: Callable[[], Page], base_url: str, seeded: Seeded, mailflow_app: App
) -> None:
    page = login()
    page.goto(f"{base_url}/review/{seeded.unknown_item}")
    page.select_option("select[name=recipient]", str(seeded.recipients["biz3@chui-biz.example"]))
    page.select_option("select[name='stance-4.1']", "disagree")
    page.fill("textarea[name=question]", "Уточните, пожалуйста, почему вы против 4.1?")
    page.click("button:has-text('Сохранить')")
    assert page.locator(".flash").count() == 2  # saved, and the clarification queued
    with transaction(mailflow_app.sessions()) as session:
        letter = session.scalars(select(LetterRow).where(LetterRow.kind == "clarification")).one()
        assert letter.to_address == "biz3@chui-biz.example" and letter.status == "queued"
        message = message_from_bytes(letter.raw, policy=policy.default)
        assert isinstance(message, EmailMessage)
        text = message.get_body(("plain",))
        assert text is not None and "почему вы против 4.1" in " ".join(text.get_content().split())


def test_exports_hold_every_organisation_stance_and_reason(
    login: Callable[[], Page], base_url: str, seeded: Seeded
) -> None:
    page = login()
    page.goto(f"{base_url}/exports")
    assert page.locator("a.button").count() == 4

    matrix = page.request.get(f"{base_url}/exports/stances.csv")
    assert matrix.headers["content-disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(matrix.body().decode("utf-8-sig"))))
    header, body = rows[0], {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    assert matrix.headers["content-type"] == "text/csv; charset=utf-8"
    assert header[:5] == ["организация", "сектор", "email", "1.1 позиция", "1.1 обоснование"]
    assert len(body) == 6
    export_union = body["Союз экспортёров Кыргызстана"]
    assert export_union["сектор"] == "бизнес"
    assert export_union["2.1 позиция"] == "согласны"
    assert export_union["4.3 позиция"] == "частично" and export_union["4.3 обоснование"] == "сроки слишком короткие"
    assert export_union["3.3 позиция"] == "—"  # a CSO-only recommendation was not asked of a business
    assert body["Ассоциация предпринимателей Оша"]["4.5 позиция"] == "согласны"

    reasons = page.request.get(f"{base_url}/exports/reasons.xlsx")
    sheet = load_workbook(io.BytesIO(reasons.body())).active
    values = [tuple(c.value for c in row) for row in sheet.iter_rows()]
    assert values[0] == ("рекомендация", "текст", "организация", "сектор", "позиция", "обоснование")
    assert ("4.3", "Союз экспортёров Кыргызстана", "частично", "сроки слишком короткие") in [
        (v[0], v[2], v[4], v[5]) for v in values[1:]
    ]


def test_attachments_show_their_text_and_download_without_being_rendered(
    login: Callable[[], Page], base_url: str, seeded: Seeded
) -> None:
    page = login()
    page.goto(f"{base_url}/review/{seeded.unknown_item}")
    assert "нет ресурсов" in page.inner_text(".attachment")
    with page.expect_download() as download:
        page.click(".attachment a")
    assert download.value.suggested_filename == "позиция.txt"
    response = page.request.get(f"{base_url}/review/{seeded.unknown_item}/attachments/0")
    assert response.headers["content-type"] == "application/octet-stream"
    assert response.headers["content-disposition"].startswith("attachment")
    assert response.body().decode() == "Позиция ассоциации: по 4.1 — против, нет ресурсов."
    missing = page.request.get(f"{base_url}/review/{seeded.unknown_item}/attachments/5")
    assert missing.status == 404 and "404" in missing.text()
