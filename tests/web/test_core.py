"""The pure pieces behind the pages: sanitising hostile HTML, marking evidence, bars that add up, sign-in."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from argon2 import PasswordHasher

from mailflow.app import App
from mailflow.committee.review import Span, highlight, sanitise_html
from mailflow.committee.tally import percents
from mailflow.committee.users import LoginPolicy, SignIn, add_user, sign_in
from mailflow.errors import AccountError
from mailflow.store.db import transaction
from mailflow.store.users import find_account
from mailflow.web import create_app

from .conftest import FAST_HASHER, NOW, PASSWORD, SECRET, USER


@pytest.mark.parametrize(
    ("html", "forbidden"),
    [
        ("<script>alert(1)</script><p>ok</p>", "<script"),
        ('<img src="x" onerror="alert(1)">', "onerror"),
        ('<img src="https://tracker.example/p.gif">', "tracker.example"),
        ('<form action="https://evil.example"><input name=a></form>', "<form"),
        ('<a href="javascript:alert(1)">x</a>', "javascript:"),
        ('<div style="background:url(https://evil.example/x)">x</div>', "evil.example"),
        ("<style>body{background:url(https://evil.example/x)}</style>", "evil.example"),
        ('<iframe src="https://evil.example"></iframe>', "iframe"),
        ('<svg><animate onbegin="alert(1)"/></svg>', "onbegin"),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example">', "refresh"),
    ],
)
def test_sanitised_html_keeps_nothing_that_runs_loads_or_submits(html: str, forbidden: str) -> None:
    assert forbidden not in sanitise_html(html).lower()


def test_sanitised_html_keeps_the_letters_text_and_plain_links() -> None:
    clean = sanitise_html('<p>Согласны с <b>1.1</b></p><a href="https://org.kg">сайт</a>')
    assert "Согласны с <b>1.1</b>" in clean and 'href="https://org.kg"' in clean and "noopener" in clean


def test_evidence_is_marked_where_the_respondent_wrote_it_even_across_line_breaks() -> None:
    text = "Добрый день.\nПо 4.3 не\nсогласны: дорого. С 1.1 согласны."
    spans = highlight(text, [("4.3", "По 4.3 не согласны: дорого."), ("1.1", "С 1.1 согласны."), ("2.1", "нет такого")])
    assert "".join(s.text for s in spans) == text
    assert [s for s in spans if s.rec_ids] == [
        Span("По 4.3 не\nсогласны: дорого.", ("4.3",)),
        Span("С 1.1 согласны.", ("1.1",)),
    ]


@pytest.mark.parametrize("values", [(1, 1, 1), (2, 0, 5, 0, 1), (0, 0, 0), (7,), (1, 2, 3, 4, 5)])
def test_bar_percents_add_up_to_a_whole_bar(values: tuple[int, ...]) -> None:
    result = percents(values)
    assert sum(result) == (100 if sum(values) else 0)
    assert all(abs(p - 100 * v / (sum(values) or 1)) < 1 for p, v in zip(result, values, strict=True))


def test_sign_in_refuses_wrong_passwords_then_limits_the_name_from_that_address(mailflow_app: App) -> None:
    policy = LoginPolicy(max_failures=3, window=timedelta(minutes=15))
    with transaction(mailflow_app.sessions()) as db:
        add_user(db, FAST_HASHER, "aigul", "correct horse battery", at=NOW)
        for _ in range(3):
            assert (
                sign_in(db, FAST_HASHER, "aigul", "wrong", address="10.0.0.1", at=NOW, policy=policy) is SignIn.REFUSED
            )
        right = "correct horse battery"
        assert sign_in(db, FAST_HASHER, "aigul", right, address="10.0.0.1", at=NOW, policy=policy) is SignIn.LIMITED
        assert sign_in(db, FAST_HASHER, "aigul", right, address="10.0.0.2", at=NOW, policy=policy) is SignIn.OK
        later = NOW + timedelta(minutes=16)
        assert sign_in(db, FAST_HASHER, "aigul", right, address="10.0.0.1", at=later, policy=policy) is SignIn.OK
        assert sign_in(db, FAST_HASHER, "nobody", right, address="10.0.0.1", at=later, policy=policy) is SignIn.REFUSED


def test_a_stronger_hasher_rehashes_the_password_at_the_next_sign_in(mailflow_app: App) -> None:
    stronger = PasswordHasher(time_cost=2, memory_cost=2048, parallelism=1)
    with transaction(mailflow_app.sessions()) as db:
        add_user(db, FAST_HASHER, "aigul", "correct horse battery", at=NOW)
        assert sign_in(db, stronger, "aigul", "correct horse battery", address="-", at=NOW) is SignIn.OK
        account = find_account(db, "aigul")
        assert account is not None and not stronger.check_needs_rehash(account.password_hash)
        assert sign_in(db, stronger, "aigul", "correct horse battery", address="-", at=NOW) is SignIn.OK


@pytest.mark.parametrize(
    ("name", "password"), [("aigul", "short"), ("two words", "long enough password"), ("", "x" * 12)]
)
def test_accounts_need_a_plain_name_and_a_long_password(mailflow_app: App, name: str, password: str) -> None:
    with transaction(mailflow_app.sessions()) as db, pytest.raises(AccountError):
        add_user(db, FAST_HASHER, name, password, at=NOW)


@pytest.mark.parametrize(("proxies", "other_client_signs_in"), [(1, True), (0, False)])
def test_sign_in_failures_count_per_client_behind_a_trusted_proxy_and_forwarded_for_is_ignored_otherwise(
    mailflow_app: App, proxies: int, other_client_signs_in: bool
) -> None:
    committee = replace(mailflow_app.settings.committee, web_proxies=proxies)
    app = App(replace(mailflow_app.settings, committee=committee))
    with transaction(app.sessions()) as db:
        add_user(db, FAST_HASHER, USER, PASSWORD, at=NOW)
    flask = create_app(app, secret_key=SECRET, clock=lambda: NOW, hasher=FAST_HASHER)
    flask.config["WTF_CSRF_ENABLED"] = False  # the form's token is not what this test is about
    client = flask.test_client()

    def sign_in_from(address: str, password: str) -> int:
        form = {"username": USER, "password": password}
        return client.post("/login", data=form, headers={"X-Forwarded-For": address}).status_code

    assert [sign_in_from("203.0.113.7", "wrong") for _ in range(5)] == [401] * 5
    assert sign_in_from("203.0.113.7", PASSWORD) == 429  # this client guessed: it waits
    assert (sign_in_from("198.51.100.2", PASSWORD) == 302) is other_client_signs_in
    app.close()
