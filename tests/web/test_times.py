"""Every time on the pages is in the committee's zone, written the page's way, with the zone named once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from flask.testing import FlaskClient

from mailflow.app import App
from mailflow.web import create_app
from mailflow.web.i18n import header_time, when

from .conftest import FAST_HASHER, PASSWORD, SECRET, USER, Clock
from .seed import Seeded

BISHKEK = ZoneInfo("Asia/Bishkek")


@pytest.fixture
def client(mailflow_app: App, seeded: Seeded, clock: Clock) -> Iterator[FlaskClient]:
    flask = create_app(mailflow_app, secret_key=SECRET, clock=clock, hasher=FAST_HASHER)
    flask.config["WTF_CSRF_ENABLED"] = False  # the forms' tokens have their own test
    with flask.test_client() as client:
        assert client.post("/login", data={"username": USER, "password": PASSWORD}).status_code == 302
        yield client


def test_times_read_in_the_committees_zone_in_each_language() -> None:
    moment = datetime(2023, 3, 2, 9, 15, tzinfo=UTC)
    assert when(moment, BISHKEK, "ru") == "02.03.2023 15:15"
    assert when(moment, BISHKEK, "en") == "2 Mar 2023 15:15"
    assert when(moment.replace(tzinfo=None), BISHKEK, "ru") == "02.03.2023 15:15"  # SQLite's naive UTC
    assert when(date(2023, 3, 2), BISHKEK, "ru") == "02.03.2023"
    assert header_time("Thu, 02 Mar 2023 15:15:00 +0600", BISHKEK, "en") == "2 Mar 2023 15:15"
    assert header_time("sometime last week", BISHKEK, "ru") == "sometime last week"


def test_the_queue_shows_when_a_reply_came_in_local_time_and_names_the_zone(
    client: FlaskClient, seeded: Seeded
) -> None:
    page = client.get("/review").get_data(as_text=True)
    assert "26.11.2026 15:00" in page  # the flagged reply, received 09:00 UTC four days before NOW
    assert page.count("Asia/Bishkek") == 1


def test_a_reply_page_shows_the_letters_date_in_local_time_not_the_raw_header(
    client: FlaskClient, seeded: Seeded
) -> None:
    page = client.get(f"/review/{seeded.flagged_item}?lang=en").get_data(as_text=True)
    assert "2 Mar 2023 15:15" in page  # its Date header: Thu, 02 Mar 2023 15:15:00 +0600
    assert "+0600" not in page
    assert "Times are in the time zone Asia/Bishkek" in page
