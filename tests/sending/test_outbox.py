"""The outbox against a real SMTP server: what arrives, and what happens when the server defers, refuses
or hangs up. Counted at the server: a letter arrives once, or (marked uncertain) at most once."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import jinja2
import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import event, select, update
from sqlalchemy.orm import Session, sessionmaker

from mailflow.campaign.letter import Audience, Campaign
from mailflow.errors import SendError
from mailflow.lifecycle import LetterStatus, TransitionError
from mailflow.sending.compose import LetterKind, reply_token
from mailflow.sending.ledger import Outcome
from mailflow.sending.outbox import (
    RetryPolicy,
    SendSummary,
    _exclusive,
    list_letters,
    queue_letters,
    resolve_letter,
    send_queued,
)
from mailflow.sending.smtp import FolderSender, SmtpSender
from mailflow.store.db import transaction
from mailflow.store.models import LetterRow, RecipientRow
from tests.sending.conftest import SENDER, FakeClock
from tests.servers import SmtpSink, free_port


def queue(
    factory: sessionmaker[Session],
    env: jinja2.Environment,
    campaign: Campaign,
    clock: FakeClock,
    kind: LetterKind = LetterKind.APPEAL,
    **options: object,
) -> int:
    with transaction(factory) as session:
        summary = queue_letters(session, env, campaign, kind, SENDER, now=clock.now(), **options)  # type: ignore[arg-type]
    return summary.queued


def send(
    factory: sessionmaker[Session],
    server: SmtpSink,
    clock: FakeClock,
    tmp_path: Path,
    **options: object,
) -> SendSummary:
    with SmtpSender("127.0.0.1", server.port, security="none", timeout=5) as sender:
        return send_queued(
            factory,
            sender,
            clock,
            mail_from=SENDER.address,
            lock_path=tmp_path / "send.lock",
            **options,  # type: ignore[arg-type]
        )


@pytest.fixture(params=[1, 4], ids=lambda n: f"{n}-per-commit")
def group(request: pytest.FixtureRequest) -> int:
    """Letters handed over with one commit: one at a time, and in groups (of 12 letters, 4, 4 and 4)."""
    return int(request.param)


def statuses(factory: sessionmaker[Session]) -> dict[str, LetterStatus]:
    with transaction(factory) as session:
        return {v.to_address: v.status for v in list_letters(session)}


def test_each_recipient_gets_one_letter_with_both_parts_and_their_reply_token(
    seeded: sessionmaker[Session],
    env: jinja2.Environment,
    campaign: Campaign,
    smtp_server: SmtpSink,
    clock: FakeClock,
    tmp_path: Path,
    group: int,
) -> None:
    assert queue(seeded, env, campaign, clock) == 12
    summary = send(seeded, smtp_server, clock, tmp_path, letters_per_commit=group)
    assert summary.count(LetterStatus.SENT) == 12
    assert len(smtp_server.received) == 12
    with transaction(seeded) as session:
        people = {r.email: r for r in session.scalars(select(RecipientRow))}
        ids = {v.to_address: v.message_id for v in list_letters(session)}
    for item in smtp_server.received:
        message = item.message
        (rcpt,) = item.rcpt_tos
        person = people[rcpt]
        assert item.mail_from == SENDER.address
        assert message["Message-ID"] == ids[rcpt]
        assert reply_token(message["Reply-To"], SENDER.address) == person.token
        assert message["Auto-Submitted"] is None
        text_part, html_part = message.get_body(("plain",)), message.get_body(("html",))
        assert text_part is not None and html_part is not None
        assert text_part.get_content_charset() == html_part.get_content_charset() == "utf-8"
        assert text_part["Content-Transfer-Encoding"] in ("base64", "quoted-printable")
        text = text_part.get_content()
        numbered = re.findall(r"^(\d\.\d)  ", text, re.MULTILINE)
        assert numbered == [r.id for r in campaign.for_audience(Audience(person.sector))]
        assert person.organisation in text
    assert set(statuses(seeded).values()) == {LetterStatus.SENT}


def test_a_second_send_queues_nothing_unless_a_person_asks_again(
    seeded: sessionmaker[Session], env: jinja2.Environment, campaign: Campaign, clock: FakeClock
) -> None:
    assert queue(seeded, env, campaign, clock) == 12
    assert queue(seeded, env, campaign, clock) == 0
    assert queue(seeded, env, campaign, clock, emails=["umut@umut-fund.example"], again=True) == 1
    assert queue(seeded, env, campaign, clock, kind=LetterKind.REMINDER) == 12
    with transaction(seeded) as session:
        rows = session.scalars(select(LetterRow).where(LetterRow.to_address == "umut@umut-fund.example")).all()
        assert sorted((r.kind, r.sequence) for r in rows) == [("appeal", 1), ("appeal", 2), ("reminder", 1)]


@pytest.mark.parametrize("deferral", ["451 4.3.0 try again later", "452 4.5.3 too many", "552 5.3.4 too much"])
def test_a_deferred_letter_is_retried_after_a_backoff_and_arrives_once(
    seeded: sessionmaker[Session],
    env: jinja2.Environment,
    campaign: Campaign,
    smtp_server: SmtpSink,
    clock: FakeClock,
    tmp_path: Path,
    group: int,
    deferral: str,
) -> None:
    queue(seeded, env, campaign, clock, emails=["umut@umut-fund.example", "s.kim@civic-tech.example"])
    smtp_server.data_replies.extend([deferral, deferral])
    first = send(seeded, smtp_server, clock, tmp_path, letters_per_commit=group)
    assert [o.status for o in first.outcomes] == [LetterStatus.QUEUED, LetterStatus.QUEUED]
    assert send(seeded, smtp_server, clock, tmp_path, letters_per_commit=group).outcomes == []  # not due yet
    clock.advance(timedelta(minutes=1))
    assert send(seeded, smtp_server, clock, tmp_path, letters_per_commit=group).count(LetterStatus.SENT) == 2
    assert sorted(smtp_server.by_message_id().values()) == [1, 1]
    with transaction(seeded) as session:
        assert {(v.attempts, v.status) for v in list_letters(session)} == {(2, LetterStatus.SENT)}


def test_421_at_rcpt_closes_the_connection_and_the_rest_go_on_a_new_one(
    seeded: sessionmaker[Session],
    env: jinja2.Environment,
    campaign: Campaign,
    smtp_server: SmtpSink,
    clock: FakeClock,
    tmp_path: Path,
    group: int,
) -> None:
    queue(seeded, env, campaign, clock)
    smtp_server.rcpt_replies.extend(["250 OK", "421 4.7.0 too fast, closing"])
    summary = send(seeded, smtp_server, clock, tmp_path, letters_per_commit=group)
    assert summary.count(LetterStatus.SENT) == 11 and summary.count(LetterStatus.QUEUED) == 1
    assert "421" in (summary.outcomes[1].error or "")
    clock.advance(timedelta(minutes=2))
    assert send(seeded, smtp_server, clock, tmp_path, letters_per_commit=group).count(LetterStatus.SENT) == 1
    assert len(smtp_server.received) == 12 and set(smtp_server.by_message_id().values()) == {1}


@pytest.mark.parametrize("stage", ["rcpt", "data"])
def test_550_fails_permanently_and_is_listed(
    seeded: sessionmaker[Session],
    env: jinja2.Environment,
    campaign: Campaign,
    smtp_server: SmtpSink,
    clock: FakeClock,
    tmp_path: Path,
    group: int,
    stage: str,
) -> None:
    queue(seeded, env, campaign, clock, emails=["umut@umut-fund.example", "s.kim@civic-tech.example"])
    replies = smtp_server.rcpt_replies if stage == "rcpt" else smtp_server.data_replies
    replies.append("550 5.1.1 no such user")
    summary = send(seeded, smtp_server, clock, tmp_path, letters_per_commit=group)
    assert [o.status for o in summary.outcomes] == [LetterStatus.FAILED, LetterStatus.SENT]
    clock.advance(timedelta(days=1))
    assert send(seeded, smtp_server, clock, tmp_path, letters_per_commit=group).outcomes == []
    with transaction(seeded) as session:
        (failed,) = list_letters(session, LetterStatus.FAILED)
    assert failed.to_address == "umut@umut-fund.example" and "550" in (failed.last_error or "")
    assert len(smtp_server.received) == 1


def test_a_connection_dropped_before_the_letter_was_accepted_requeues_it(
    seeded: sessionmaker[Session],
    env: jinja2.Environment,
    campaign: Campaign,
    smtp_server: SmtpSink,
    clock: FakeClock,
    tmp_path: Path,
    group: int,
) -> None:
    queue(seeded, env, campaign, clock)
    smtp_server.rcpt_replies.extend(["250 OK", "250 OK", "drop"])
    summary = send(seeded, smtp_server, clock, tmp_path, letters_per_commit=group)
    assert summary.count(LetterStatus.SENT) == 11 and summary.count(LetterStatus.QUEUED) == 1
    clock.advance(timedelta(minutes=1))
    send(seeded, smtp_server, clock, tmp_path, letters_per_commit=group)
    assert set(statuses(seeded).values()) == {LetterStatus.SENT}
    assert len(smtp_server.received) == 12 and set(smtp_server.by_message_id().values()) == {1}


@pytest.mark.parametrize(("hangup", "arrived"), [("drop-after", 12), ("drop-before", 11)])
def test_a_connection_dropped_after_the_final_dot_makes_the_letter_uncertain_never_resent(
    seeded: sessionmaker[Session],
    env: jinja2.Environment,
    campaign: Campaign,
    smtp_server: SmtpSink,
    clock: FakeClock,
    tmp_path: Path,
    group: int,
    hangup: str,
    arrived: int,
) -> None:
    queue(seeded, env, campaign, clock)
    smtp_server.data_replies.extend(["250 OK", hangup])
    summary = send(seeded, smtp_server, clock, tmp_path, letters_per_commit=group)
    assert summary.count(LetterStatus.SENT) == 11
    (uncertain,) = [o for o in summary.outcomes if o.status is LetterStatus.UNCERTAIN]
    clock.advance(timedelta(days=1))
    assert send(seeded, smtp_server, clock, tmp_path, letters_per_commit=group).outcomes == []
    assert len(smtp_server.received) == arrived and set(smtp_server.by_message_id().values()) == {1}
    with transaction(seeded) as session:
        (listed,) = list_letters(session, LetterStatus.UNCERTAIN)
        assert listed.id == uncertain.letter_id
        # a person decides: it did arrive
        assert resolve_letter(session, listed.id, LetterStatus.SENT, actor="test").status is LetterStatus.SENT


def test_a_letter_left_sending_by_a_crash_becomes_uncertain_and_is_reported(
    seeded: sessionmaker[Session],
    env: jinja2.Environment,
    campaign: Campaign,
    smtp_server: SmtpSink,
    clock: FakeClock,
    tmp_path: Path,
    group: int,
) -> None:
    queue(seeded, env, campaign, clock, emails=["umut@umut-fund.example", "s.kim@civic-tech.example"])
    with transaction(seeded) as session:
        session.execute(
            update(LetterRow).where(LetterRow.to_address == "umut@umut-fund.example").values(status="sending")
        )
    summary = send(seeded, smtp_server, clock, tmp_path, letters_per_commit=group)
    assert [v.to_address for v in summary.uncertain_found] == ["umut@umut-fund.example"]
    assert [o.to_address for o in summary.outcomes] == ["s.kim@civic-tech.example"]
    assert statuses(seeded)["umut@umut-fund.example"] is LetterStatus.UNCERTAIN


def test_gives_up_after_the_last_attempt(
    seeded: sessionmaker[Session],
    env: jinja2.Environment,
    campaign: Campaign,
    smtp_server: SmtpSink,
    clock: FakeClock,
    tmp_path: Path,
    group: int,
) -> None:
    queue(seeded, env, campaign, clock, emails=["umut@umut-fund.example"])
    smtp_server.data_replies.extend(["451 later"] * 3)
    policy = RetryPolicy(max_attempts=3)
    for _ in range(3):
        send(seeded, smtp_server, clock, tmp_path, retry=policy, letters_per_commit=group)
        clock.advance(timedelta(hours=1))
    assert statuses(seeded) == {"umut@umut-fund.example": LetterStatus.FAILED}
    with transaction(seeded) as session:
        # a person may send it again; the attempts start over
        view = resolve_letter(session, list_letters(session)[0].id, LetterStatus.QUEUED, actor="test")
        assert view.attempts == 0
        with pytest.raises(TransitionError):
            resolve_letter(session, view.id, LetterStatus.SENT, actor="test")
    assert send(seeded, smtp_server, clock, tmp_path, letters_per_commit=group).count(LetterStatus.SENT) == 1


def test_one_global_rate_limit_spaces_the_letters(
    seeded: sessionmaker[Session],
    env: jinja2.Environment,
    campaign: Campaign,
    smtp_server: SmtpSink,
    clock: FakeClock,
    tmp_path: Path,
) -> None:
    queue(seeded, env, campaign, clock)
    send(seeded, smtp_server, clock, tmp_path, rate_per_minute=20)
    assert clock.slept == [pytest.approx(3.0)] * 11
    assert len(smtp_server.received) == 12


def test_letters_are_handed_over_a_group_at_a_time_with_one_statement_each(
    seeded: sessionmaker[Session],
    env: jinja2.Environment,
    campaign: Campaign,
    smtp_server: SmtpSink,
    clock: FakeClock,
    tmp_path: Path,
    group: int,
) -> None:
    """Twelve letters in groups of `group`: one UPDATE hands each group over (and records the group before it
    sent), and one more at the end records the last group sent; every outcome reported, in order."""
    queue(seeded, env, campaign, clock)
    engine = seeded.kw["bind"]
    updates: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith("UPDATE LETTERS"):
            updates.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        summary = send(seeded, smtp_server, clock, tmp_path, letters_per_commit=group)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert summary.count(LetterStatus.SENT) == 12
    assert [o.letter_id for o in summary.outcomes] == sorted(o.letter_id for o in summary.outcomes)
    assert len(updates) == 12 // group + 1
    assert set(statuses(seeded).values()) == {LetterStatus.SENT}
    assert set(smtp_server.by_message_id().values()) == {1} and len(smtp_server.received) == 12


def test_a_rate_limit_hands_letters_over_one_at_a_time(
    seeded: sessionmaker[Session],
    env: jinja2.Environment,
    campaign: Campaign,
    smtp_server: SmtpSink,
    clock: FakeClock,
    tmp_path: Path,
) -> None:
    """A letter waiting for its turn stays `queued`: under a rate limit a group would keep letters `sending`
    for minutes, each uncertain if the sender died meanwhile."""
    queue(seeded, env, campaign, clock)
    seen: list[dict[str, LetterStatus]] = []

    class Watched(FakeClock):
        def sleep(self, seconds: float) -> None:
            seen.append(statuses(seeded))
            super().sleep(seconds)

    pace = Watched()
    with SmtpSender("127.0.0.1", smtp_server.port, security="none", timeout=5) as sender:
        send_queued(
            seeded,
            sender,
            pace,
            mail_from=SENDER.address,
            lock_path=tmp_path / "send.lock",
            rate_per_minute=20,
            letters_per_commit=4,
        )
    assert len(seen) == 11
    for waiting in seen:  # while waiting for a turn: every letter before it sent, none `sending`
        assert LetterStatus.SENDING not in waiting.values()
    assert set(statuses(seeded).values()) == {LetterStatus.SENT}


def test_a_server_gone_mid_group_stops_the_batch_and_puts_the_letters_not_begun_back(
    seeded: sessionmaker[Session],
    env: jinja2.Environment,
    campaign: Campaign,
    clock: FakeClock,
    tmp_path: Path,
    group: int,
) -> None:
    """The second letter is refused with 421 and the server goes away: the third cannot connect. It and the
    rest of its group were handed over (`sending`, committed) but nothing of them went out: they are `queued`
    again, not left for the next run to call uncertain."""
    queue(seeded, env, campaign, clock)
    server = SmtpSink(port=free_port())
    controller = Controller(server, hostname="127.0.0.1", port=server.port, decode_data=False)
    controller.start()
    server.rcpt_replies.extend(["250 OK", "421 4.7.0 closing"])

    running = [True]

    def server_goes(outcome: Outcome) -> None:
        if outcome.status is LetterStatus.QUEUED and running.pop():
            controller.stop()

    try:
        summary = send(seeded, server, clock, tmp_path, letters_per_commit=group, on_outcome=server_goes)
    finally:
        if running:
            controller.stop()
    assert summary.stopped and "cannot connect" in summary.stopped
    assert [o.status for o in summary.outcomes] == [LetterStatus.SENT, LetterStatus.QUEUED]
    with transaction(seeded) as session:
        letters = list_letters(session)
    assert [(v.status, v.attempts) for v in letters] == [(LetterStatus.SENT, 1), (LetterStatus.QUEUED, 1)] + [
        (LetterStatus.QUEUED, 0)
    ] * 10
    assert len(server.received) == 1


def test_an_unreachable_server_stops_the_batch_and_keeps_every_letter_queued(
    seeded: sessionmaker[Session], env: jinja2.Environment, campaign: Campaign, clock: FakeClock, tmp_path: Path
) -> None:
    queue(seeded, env, campaign, clock)
    with SmtpSender("127.0.0.1", free_port(), security="none", timeout=2) as sender:
        summary = send_queued(seeded, sender, clock, mail_from=SENDER.address, lock_path=tmp_path / "l")
    assert summary.stopped and "cannot connect" in summary.stopped
    assert summary.outcomes == []
    with transaction(seeded) as session:
        assert {(v.status, v.attempts) for v in list_letters(session)} == {(LetterStatus.QUEUED, 0)}


def test_only_one_sender_runs_at_a_time(
    seeded: sessionmaker[Session], env: jinja2.Environment, campaign: Campaign, clock: FakeClock, tmp_path: Path
) -> None:
    queue(seeded, env, campaign, clock)
    with _exclusive(tmp_path / "send.lock"), pytest.raises(SendError, match="another sender"):
        send_queued(seeded, FolderSender(tmp_path / "out"), clock, mail_from="x@y.z", lock_path=tmp_path / "send.lock")


def test_without_smtp_letters_are_written_to_the_outbox_folder_with_the_same_lifecycle(
    seeded: sessionmaker[Session], env: jinja2.Environment, campaign: Campaign, clock: FakeClock, tmp_path: Path
) -> None:
    queue(seeded, env, campaign, clock)
    folder = tmp_path / "storage" / "outbox"
    summary = send_queued(
        seeded, FolderSender(folder), clock, mail_from=SENDER.address, lock_path=tmp_path / "send.lock"
    )
    assert summary.count(LetterStatus.SENT) == 12
    files = sorted(folder.glob("*.eml"))
    assert len(files) == 12 and not list(folder.glob("*.partial"))
    with transaction(seeded) as session:
        raws = {r.raw for r in session.scalars(select(LetterRow))}
    assert {f.read_bytes() for f in files} == raws


def test_a_status_change_does_not_rewrite_the_letters_bytes(
    seeded: sessionmaker[Session], env: jinja2.Environment, campaign: Campaign, clock: FakeClock
) -> None:
    """The bytes live in `letter_bodies` (migration 0011): on SQLite a row is rewritten whole on every UPDATE,
    so with them in the letter's row each status change wrote the 33 KB appeal to the WAL again."""
    queue(seeded, env, campaign, clock)
    with transaction(seeded) as session:
        letter = session.scalars(select(LetterRow).order_by(LetterRow.id)).first()
        assert letter is not None and len(letter.raw) > 20_000
        letter_id, size = letter.id, len(letter.raw)
    engine = seeded.kw["bind"]
    wal = Path(engine.url.database + "-wal")
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    assert wal.stat().st_size == 0
    with transaction(seeded) as session:
        session.execute(update(LetterRow).where(LetterRow.id == letter_id).values(status=LetterStatus.SENDING.value))
    # a few pages (the row, its status indexes, the recipient's kept counts): less than the bytes themselves
    assert 0 < wal.stat().st_size < size
