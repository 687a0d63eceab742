"""`mailflow review`, `mailflow users` and `mailflow digest --preview` on the seeded database."""

from __future__ import annotations

from pathlib import Path

import pytest
from argon2 import PasswordHasher
from click.testing import CliRunner
from sqlalchemy import select

from mailflow.app import App
from mailflow.cli import main
from mailflow.committee.users import SignIn, add_user, sign_in
from mailflow.store.db import transaction
from mailflow.store.models import RecommendationRow, ResponseRow, ReviewItemRow, UserRow

from .conftest import FAST_HASHER, NOW
from .seed import Seeded


def _env(app: App) -> dict[str, str]:
    settings = app.settings
    return {
        "MAILFLOW_CONFIG": "",
        "MAILFLOW_DATABASE_URL": settings.database_url,
        "MAILFLOW_CAMPAIGN_FILE": str(settings.path(settings.campaign.file)),
        "MAILFLOW_STORAGE_DIR": str(settings.storage_dir),
        "MAILFLOW_COMMITTEE_WEB_URL": settings.committee.web_url,
    }


def _run(app: App, *args: str, input: str | None = None) -> str:
    result = CliRunner().invoke(main, list(args), env=_env(app), input=input, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_review_list_shows_open_items_oldest_first_with_their_reasons(mailflow_app: App, seeded: Seeded) -> None:
    lines = _run(mailflow_app, "review", "list").splitlines()
    assert [int(line.split()[0]) for line in lines] == [seeded.flagged_item, seeded.hostile_item, seeded.unknown_item]
    assert "reservation" in lines[0] and "Фонд «Гражданская инициатива»" in lines[0]


def test_review_list_shows_when_each_reply_came_in_the_committees_zone(mailflow_app: App, seeded: Seeded) -> None:
    result = CliRunner().invoke(main, ["review", "list"], env=_env(mailflow_app), catch_exceptions=False)
    first = result.stdout.splitlines()[0]
    assert first.split()[1:3] == ["2026-11-26", "15:00"]  # received 09:00 UTC, four days before NOW
    assert result.stderr.strip() == "(received, in Asia/Bishkek)"


def test_review_show_marks_the_evidence_of_each_stance(mailflow_app: App, seeded: Seeded) -> None:
    out = _run(mailflow_app, "review", "show", str(seeded.flagged_item))
    assert "matched by: token" in out
    assert "[По 4.3 не согласны: у бизнеса нет средств на обучение.]{4.3}" in out
    assert "2.1   partial — только при условии финансирования из бюджета" in out


def test_review_decide_records_the_reviewers_stances_and_closes_the_item(mailflow_app: App, seeded: Seeded) -> None:
    out = _run(
        mailflow_app, "review", "decide", str(seeded.flagged_item),
        "--set", "2.1=agree", "--set", "4.3=partial:поэтапно", "--set", "1.2=none", "--user", "bakyt",
    )  # fmt: skip
    assert "closed" in out
    with transaction(mailflow_app.sessions()) as session:
        item = session.get(ReviewItemRow, seeded.flagged_item)
        assert item is not None and item.status == "closed" and item.closed_by == "bakyt"
        stances = {
            rec_id: (r.stance, r.reason, r.set_by)
            for r, rec_id in session.execute(
                select(ResponseRow, RecommendationRow.rec_id)
                .join(RecommendationRow, RecommendationRow.id == ResponseRow.recommendation_id)
                .where(ResponseRow.recipient_id == seeded.recipients["cso1@civic.example"])
            )
        }
    assert stances == {
        "1.1": ("agree", None, "reviewer"),  # the parser's reading, kept and confirmed
        "2.1": ("agree", None, "reviewer"),
        "4.3": ("partial", "поэтапно", "reviewer"),
    }


def test_users_add_stores_only_an_argon2_hash(mailflow_app: App, seeded: Seeded) -> None:
    _run(mailflow_app, "users", "add", "bakyt", "--password-stdin", input="a long enough secret\n")
    with transaction(mailflow_app.sessions()) as session:
        row = session.scalars(select(UserRow).where(UserRow.username == "bakyt")).one()
    assert row.password_hash.startswith("$argon2id$") and "a long enough secret" not in row.password_hash


def test_digest_preview_writes_html_and_eml_to_storage(mailflow_app: App, seeded: Seeded) -> None:
    out = _run(mailflow_app, "digest", "--preview", "--end", "2026-11-30T09:00")
    html, eml = (Path(p) for p in out.split())
    assert html.parent == mailflow_app.settings.storage_dir / "digests"
    assert "Новые возражения и оговорки" in html.read_text(encoding="utf-8")
    assert eml.read_bytes().startswith(b"From:")


def test_users_list_shows_each_member_enabled_or_disabled_with_the_last_sign_in_in_local_time(
    mailflow_app: App,
) -> None:
    _run(mailflow_app, "users", "add", "bakyt", "--password-stdin", input="a long enough secret\n")
    with transaction(mailflow_app.sessions()) as session:
        sign_in(session, FAST_HASHER, "bakyt", "wrong password", address="-", at=NOW)  # no sign-in: no time
    assert _run(mailflow_app, "users", "list").splitlines() == ["bakyt                enabled   never signed in"]
    with transaction(mailflow_app.sessions()) as session:
        assert sign_in(session, PasswordHasher(), "bakyt", "a long enough secret", address="-", at=NOW) == SignIn.OK
    assert "bakyt                enabled   last signed in 2026-11-30 15:00" in _run(mailflow_app, "users", "list")


def test_users_disable_then_enable_a_member_and_sign_in_follows(mailflow_app: App) -> None:
    _run(mailflow_app, "users", "add", "bakyt", "--password-stdin", input="a long enough secret\n")
    assert _run(mailflow_app, "users", "disable", "bakyt").strip() == "user bakyt disabled; 0 open session(s) ended"
    assert "bakyt                disabled" in _run(mailflow_app, "users", "list")
    with transaction(mailflow_app.sessions()) as session:
        refused = sign_in(session, PasswordHasher(), "bakyt", "a long enough secret", address="-", at=NOW)
    assert refused == SignIn.REFUSED
    assert _run(mailflow_app, "users", "enable", "bakyt").strip() == "user bakyt enabled"
    with transaction(mailflow_app.sessions()) as session:
        assert sign_in(session, PasswordHasher(), "bakyt", "a long enough secret", address="-", at=NOW) == SignIn.OK


def test_users_password_sets_a_new_password_and_the_old_one_stops_working(mailflow_app: App) -> None:
    _run(mailflow_app, "users", "add", "bakyt", "--password-stdin", input="a long enough secret\n")
    out = _run(mailflow_app, "users", "password", "bakyt", "--password-stdin", input="a brand new secret\n")
    assert out.strip() == "user bakyt: password changed; 0 open session(s) ended"
    with transaction(mailflow_app.sessions()) as session:
        old = sign_in(session, PasswordHasher(), "bakyt", "a long enough secret", address="-", at=NOW)
        new = sign_in(session, PasswordHasher(), "bakyt", "a brand new secret", address="-", at=NOW)
    assert (old, new) == (SignIn.REFUSED, SignIn.OK)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("users", "disable", "nobody"), "error: user nobody: no such member (mailflow users list)"),
        (("users", "enable", "aigul"), "error: user aigul: is already enabled"),
    ],
)
def test_users_commands_name_a_missing_or_unchanged_member_in_one_line(
    mailflow_app: App, args: tuple[str, ...], said: str
) -> None:
    with transaction(mailflow_app.sessions()) as session:
        add_user(session, FAST_HASHER, "aigul", "a long enough secret", at=NOW)
    result = CliRunner().invoke(main, list(args), env=_env(mailflow_app), catch_exceptions=False)
    assert (result.exit_code, result.output.strip()) == (2, said)
