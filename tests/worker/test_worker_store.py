"""Storing inbound messages once, the fetch cursor, and the one-fetcher lease, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session, sessionmaker

from mailflow.errors import StorageError
from mailflow.lifecycle import MessageStatus
from mailflow.mailbox.fetch import Batch, Cursor, FetchedMessage, header_block, message_id_from_headers
from mailflow.store.db import transaction
from mailflow.store.inbound import (
    COPY_PREFIX,
    StoredMessage,
    acquire_lease,
    advance_cursor,
    copy_key,
    dedupe_key,
    read_state,
    record_poll,
    release_lease,
    store_fetched_batch,
    store_message,
)
from mailflow.store.messages import reuses_message_id
from mailflow.store.models import InboundRow, RawMessageRow
from tests.worker.conftest import reply

BOX = "imap://dialog@mail.committee.example:993/INBOX"
NOON = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def _count(sessions: sessionmaker[Session], model: type[InboundRow] | type[RawMessageRow]) -> int:
    with transaction(sessions) as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


@pytest.mark.parametrize(
    ("message_id", "key"),
    [
        ("<Reply-1@GreenWorld.KG>", "<Reply-1@greenworld.kg>"),  # the local part keeps its case
        ("  reply-1@greenworld.kg ", "<reply-1@greenworld.kg>"),
        (None, "sha256:abc"),
        ("", "sha256:abc"),
        ("<>", "sha256:abc"),
    ],
)
def test_dedupe_key_is_the_normalised_message_id_or_the_hash(message_id: str | None, key: str) -> None:
    assert dedupe_key(message_id, "abc") == key


def test_an_overlong_message_id_is_hashed_to_fit_the_column() -> None:
    key = dedupe_key(f"<{'x' * 500}@example.org>", "abc")
    assert key.startswith("mid-sha256:") and len(key) < 400


def test_message_id_and_header_block_are_read_from_raw_headers() -> None:
    raw = reply(7)
    assert message_id_from_headers(header_block(raw)) == "<reply-7@greenworld.kg>"
    assert message_id_from_headers(header_block(reply(7, message_id=None))) is None
    assert header_block(b"Subject: x\n\nbody\r\n\r\nmore") == b"Subject: x\n\n"


def test_store_message_writes_bytes_and_row_then_recognises_the_repeat(sessions: sessionmaker[Session]) -> None:
    raw = reply(1)
    with transaction(sessions) as session:
        first = store_message(session, raw, mailbox=BOX, uid=10, message_id="<reply-1@greenworld.kg>")
    with transaction(sessions) as session:
        again = store_message(session, raw, mailbox=BOX, uid=11, message_id="<reply-1@GreenWorld.kg>")

    assert not first.duplicate and first.status is MessageStatus.STORED
    assert again.duplicate and again.inbound_id == first.inbound_id and again.status is MessageStatus.STORED
    with transaction(sessions) as session:
        row = session.get(InboundRow, first.inbound_id)
        assert row is not None and (row.mailbox, row.uid, row.sha256) == (BOX, 10, first.sha256)
        assert session.get(RawMessageRow, first.sha256).data == raw  # type: ignore[union-attr]
    assert (_count(sessions, InboundRow), _count(sessions, RawMessageRow)) == (1, 1)


def test_messages_without_message_id_are_told_apart_by_their_bytes(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as session:
        a = store_message(session, reply(1, message_id=None), mailbox=BOX, uid=1, message_id=None)
        b = store_message(session, reply(2, message_id=None), mailbox=BOX, uid=2, message_id=None)
        a_again = store_message(session, reply(1, message_id=None), mailbox=BOX, uid=3, message_id=None)

    assert a.dedupe_key == f"sha256:{a.sha256}" and a.inbound_id != b.inbound_id
    assert a_again.duplicate and a_again.inbound_id == a.inbound_id


def test_two_messages_with_the_same_bytes_share_one_raw_row(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as session:
        store_message(session, reply(1), mailbox=BOX, uid=1, message_id="<copy-1@example.org>")
        store_message(session, reply(1), mailbox=BOX, uid=2, message_id="<copy-2@example.org>")

    assert (_count(sessions, InboundRow), _count(sessions, RawMessageRow)) == (2, 1)


def test_a_duplicate_does_not_spoil_the_callers_transaction(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as session:
        store_message(session, reply(1), mailbox=BOX, uid=1, message_id="<reply-1@greenworld.kg>")
    with transaction(sessions) as session:
        advance_cursor(session, BOX, uidvalidity=7, uid=1)
        store_message(session, reply(1), mailbox=BOX, uid=2, message_id="<reply-1@greenworld.kg>")
        advance_cursor(session, BOX, uidvalidity=7, uid=2)

    with transaction(sessions) as session:
        assert read_state(session, BOX).cursor == Cursor(7, 2)


def test_concurrent_stores_of_one_message_leave_one_row(sessions: sessionmaker[Session]) -> None:
    """The loser of the race waits for the winner's commit, hits the unique key and reports a duplicate
    (PostgreSQL), or is refused by SQLite's single writer and retries: never two rows, never a crash."""
    results: list[StoredMessage | StorageError] = []

    def second_fetcher() -> None:
        try:
            with transaction(sessions) as session:
                results.append(store_message(session, reply(1), mailbox=BOX, uid=9, message_id="<r@x.org>"))
        except StorageError as exc:
            results.append(exc)

    with transaction(sessions) as session:
        first = store_message(session, reply(1), mailbox=BOX, uid=1, message_id="<r@x.org>")
        thread = threading.Thread(target=second_fetcher)
        thread.start()
        time.sleep(0.5)  # the second one is now blocked on our uncommitted row
    thread.join()
    if isinstance(results[0], StorageError):
        second_fetcher()  # the retry the worker's next run would make

    outcome = results[-1]
    assert isinstance(outcome, StoredMessage) and outcome.duplicate and outcome.inbound_id == first.inbound_id
    assert _count(sessions, InboundRow) == 1


def _batch(*messages: bytes, max_bytes: int = 1_000_000) -> Batch:
    """A batch as IMAP returns it: UIDs from 1, a message over `max_bytes` with its headers only."""
    return Batch(
        BOX,
        7,
        tuple(
            FetchedMessage(f"7:{uid}", uid, len(raw), (), header_block(raw), raw if len(raw) <= max_bytes else None)
            for uid, raw in enumerate(messages, start=1)
        ),
    )


def test_a_batch_is_stored_in_order_with_repeats_and_known_messages_as_duplicates(
    sessions: sessionmaker[Session],
) -> None:
    with transaction(sessions) as session:
        known = store_message(session, reply(1), mailbox=BOX, uid=1, message_id="<reply-1@greenworld.kg>")
    big = reply(4, body="Большой отчёт. " * 500)
    batch = _batch(reply(1), reply(2), reply(2), reply(3, message_id=None), big, max_bytes=5_000)

    with transaction(sessions) as session:
        stored = store_fetched_batch(session, batch, max_bytes=5_000)

    assert [s.duplicate for s in stored] == [True, False, True, False, False]
    assert stored[0] == replace(known, duplicate=True)
    assert stored[2].inbound_id == stored[1].inbound_id and stored[2].status is MessageStatus.STORED
    assert stored[3].dedupe_key == f"sha256:{stored[3].sha256}"
    assert stored[4].status is MessageStatus.FAILED  # oversized: quarantined with its headers
    with transaction(sessions) as session:
        row = session.get(InboundRow, stored[4].inbound_id)
        assert row is not None and row.last_error and row.last_error.startswith("oversized")
        assert session.get(RawMessageRow, row.sha256).data == header_block(big)  # type: ignore[union-attr]
        assert [session.get(InboundRow, s.inbound_id).uid for s in stored[1:]] == [2, 2, 4, 5]  # type: ignore[union-attr]
    assert (_count(sessions, InboundRow), _count(sessions, RawMessageRow)) == (4, 4)


def test_a_batch_fetched_again_comes_back_as_duplicates_of_the_same_rows(sessions: sessionmaker[Session]) -> None:
    batch = _batch(reply(1), reply(1, message_id=None), reply(2), reply(1))
    with transaction(sessions) as session:
        first = store_fetched_batch(session, batch, max_bytes=1_000_000)
    with transaction(sessions) as session:
        again = store_fetched_batch(session, batch, max_bytes=1_000_000)

    assert [s.duplicate for s in first] == [False, False, False, True]
    assert [s.inbound_id for s in again] == [s.inbound_id for s in first] and all(s.duplicate for s in again)
    assert (_count(sessions, InboundRow), _count(sessions, RawMessageRow)) == (3, 3)


def test_a_batch_losing_a_race_to_another_fetcher_stores_each_message_once(sessions: sessionmaker[Session]) -> None:
    """As for one message: the batch hits the unique key (PostgreSQL) or SQLite's single writer; then it is
    stored one message at a time, or retried by the next run."""
    results: list[list[StoredMessage] | StorageError] = []
    batch = _batch(reply(1), reply(2))

    def second_fetcher() -> None:
        try:
            with transaction(sessions) as session:
                results.append(store_fetched_batch(session, batch, max_bytes=1_000_000))
        except StorageError as exc:
            results.append(exc)

    with transaction(sessions) as session:
        first = store_message(session, reply(1), mailbox=BOX, uid=1, message_id="<reply-1@greenworld.kg>")
        thread = threading.Thread(target=second_fetcher)
        thread.start()
        time.sleep(0.5)  # the second one has read the keys before our commit and now waits to insert
    thread.join()
    if isinstance(results[0], StorageError):
        second_fetcher()

    outcome = results[-1]
    assert isinstance(outcome, list)
    assert [(s.inbound_id == first.inbound_id, s.duplicate) for s in outcome] == [(True, True), (False, False)]
    assert _count(sessions, InboundRow) == 2


def test_cursor_advances_never_back_and_restarts_on_a_new_uidvalidity(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as session:
        assert read_state(session, BOX).cursor == Cursor(None, 0)
        advance_cursor(session, BOX, uidvalidity=100, uid=5)
        advance_cursor(session, BOX, uidvalidity=100, uid=3)  # out of order: keep the higher
        assert advance_cursor(session, BOX, uidvalidity=100, uid=None) == Cursor(100, 5)
    with transaction(sessions) as session:
        assert read_state(session, BOX).cursor == Cursor(100, 5)
        assert advance_cursor(session, BOX, uidvalidity=4_000_000_000, uid=None) == Cursor(4_000_000_000, 0)
        advance_cursor(session, BOX, uidvalidity=4_000_000_000, uid=4_000_000_001)  # unsigned 32-bit values
    with transaction(sessions) as session:
        assert read_state(session, BOX).cursor == Cursor(4_000_000_000, 4_000_000_001)


def test_poll_time_and_last_error_are_kept_per_mailbox(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as session:
        record_poll(session, BOX, now=NOON, error="mailbox …: connection refused")
        record_poll(session, "maildir:/srv/mail", now=NOON + timedelta(minutes=1))

    with transaction(sessions) as session:
        failed, fine = read_state(session, BOX), read_state(session, "maildir:/srv/mail")
    assert failed.last_error == "mailbox …: connection refused" and fine.last_error is None
    assert fine.last_poll_at is not None and fine.last_poll_at.replace(tzinfo=UTC) == NOON + timedelta(minutes=1)


def test_only_one_fetcher_holds_a_mailbox_until_its_lease_expires_or_is_released(
    sessions: sessionmaker[Session],
) -> None:
    ttl = timedelta(minutes=2)

    def take(holder: str, now: datetime) -> bool:
        with transaction(sessions) as session:
            return acquire_lease(session, BOX, holder=holder, now=now, ttl=ttl)

    assert take("worker-a", NOON)
    assert not take("worker-b", NOON + timedelta(minutes=1))
    assert take("worker-a", NOON + timedelta(minutes=1))  # renewal, now valid until 12:03
    assert not take("worker-b", NOON + timedelta(minutes=2, seconds=30))
    assert take("worker-b", NOON + timedelta(minutes=3, seconds=1))  # worker-a died: its lease ran out
    assert not take("worker-a", NOON + timedelta(minutes=3, seconds=2))
    with transaction(sessions) as session:
        release_lease(session, BOX, holder="worker-a")  # not the holder: no effect
    assert not take("worker-a", NOON + timedelta(minutes=3, seconds=3))
    with transaction(sessions) as session:
        release_lease(session, BOX, holder="worker-b")
    assert take("worker-a", NOON + timedelta(minutes=3, seconds=4))


def test_leases_of_different_mailboxes_are_independent(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as session:
        assert acquire_lease(session, BOX, holder="a", now=NOON, ttl=timedelta(minutes=1))
        assert acquire_lease(session, "maildir:/srv/mail", holder="b", now=NOON, ttl=timedelta(minutes=1))


def test_migration_creates_the_mailbox_state_table(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as session:
        columns = {c["name"] for c in inspect(session.connection()).get_columns("mailbox_state")}
    assert columns == {
        "mailbox", "uidvalidity", "last_uid", "last_poll_at", "last_error", "lease_holder", "lease_expires_at"
    }  # fmt: skip


def test_a_different_message_under_a_known_message_id_is_stored_as_a_copy(sessions: sessionmaker[Session]) -> None:
    original = reply(1)
    forged = reply(1, sender="attacker@evil.example", body="Не поддерживаем ни одной рекомендации.")
    redelivered = b"Received: from mx2.example by mx.committee.example\r\n" + original  # the same message
    with transaction(sessions) as session:
        first = store_message(session, original, mailbox=BOX, uid=1, message_id="<reply-1@greenworld.kg>")
        copy = store_message(session, forged, mailbox=BOX, uid=2, message_id="<reply-1@greenworld.kg>")
        again = store_message(session, redelivered, mailbox=BOX, uid=3, message_id="<reply-1@greenworld.kg>")
        copy_again = store_message(session, forged, mailbox=BOX, uid=4, message_id="<reply-1@greenworld.kg>")

    assert not copy.duplicate and copy.inbound_id != first.inbound_id
    assert copy.dedupe_key.startswith(COPY_PREFIX) and copy.dedupe_key.endswith("<reply-1@greenworld.kg>")
    assert again.duplicate and again.inbound_id == first.inbound_id
    assert copy_again.duplicate and copy_again.inbound_id == copy.inbound_id
    with transaction(sessions) as session:
        assert reuses_message_id(session, copy.inbound_id) and not reuses_message_id(session, first.inbound_id)


def test_a_batch_stores_a_different_message_under_a_known_message_id_as_a_copy(
    sessions: sessionmaker[Session],
) -> None:
    forged = reply(1, sender="attacker@evil.example", body="Не поддерживаем.")
    with transaction(sessions) as session:
        stored = store_fetched_batch(session, _batch(reply(1), forged, reply(1), forged), max_bytes=1_000_000)
    with transaction(sessions) as session:
        again = store_fetched_batch(session, _batch(forged, reply(1)), max_bytes=1_000_000)

    assert [s.duplicate for s in stored] == [False, False, True, True]
    assert stored[1].dedupe_key.startswith(COPY_PREFIX) and stored[3].inbound_id == stored[1].inbound_id
    assert [s.inbound_id for s in again] == [stored[1].inbound_id, stored[0].inbound_id]
    assert _count(sessions, InboundRow) == 2


def test_a_copy_key_of_an_overlong_message_id_fits_the_column() -> None:
    key = dedupe_key(f"<{'x' * 390}@example.org>", "abc")
    assert len(key) <= 400 and len(copy_key(key, b"bytes")) <= 400
