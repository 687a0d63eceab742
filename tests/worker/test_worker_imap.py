"""Fetching from a real Dovecot: cursor, PEEK, size limit, filing, UIDVALIDITY, restarts and IDLE."""

from __future__ import annotations

import threading
import time

import pytest
from imapclient import IMAPClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from mailflow.errors import FetchError
from mailflow.lifecycle import MessageStatus
from mailflow.mailbox.fetch import Cursor, Outcome
from mailflow.mailbox.imap import Filing, flag_for, uid_set
from mailflow.store.db import transaction
from mailflow.store.inbound import read_state
from mailflow.store.models import InboundRow, RawMessageRow
from tests.worker.conftest import (
    DovecotFactory,
    ImapFactory,
    admin_client,
    inbound_count,
    reply,
    run_cycle,
    store_batch,
    wait_stopped_after,
)
from tests.worker.dovecot import Dovecot


def _uids(client: IMAPClient, folder: str = "INBOX") -> list[int]:
    client.select_folder(folder)
    return sorted(client.search(["ALL"]))


def test_fetch_returns_headers_sizes_and_bodies_without_marking_seen(
    open_imap: ImapFactory, dovecot: Dovecot, admin: IMAPClient
) -> None:
    admin.append("INBOX", reply(1))
    admin.append("INBOX", reply(2), flags=[b"\\Flagged"])
    mailbox = open_imap(dovecot)

    batch = mailbox.fetch(Cursor(), max_bytes=1_000_000)

    assert [m.raw for m in batch.messages] == [reply(1), reply(2)]
    first, second = batch.messages
    assert first.headers.startswith(b"From: info@greenworld.kg") and first.headers.endswith(b"\r\n\r\n")
    assert first.size == len(reply(1)) and first.message_id == "<reply-1@greenworld.kg>"
    assert "\\Flagged" in second.flags
    assert batch.uidvalidity and batch.last_uid == second.uid and not batch.more
    flags = admin.get_flags(_uids(admin))
    assert all(b"\\Seen" not in f for f in flags.values())


def test_fetch_continues_after_the_cursor_and_caps_each_run(
    open_imap: ImapFactory, dovecot: Dovecot, admin: IMAPClient
) -> None:
    for n in range(5):
        admin.append("INBOX", reply(n))
    mailbox = open_imap(dovecot)

    first = mailbox.fetch(Cursor(), limit=3, max_bytes=1_000_000)
    rest = mailbox.fetch(Cursor(first.uidvalidity, first.last_uid or 0), limit=3, max_bytes=1_000_000)
    after = mailbox.fetch(Cursor(rest.uidvalidity, rest.last_uid or 0), max_bytes=1_000_000)

    assert [len(first.messages), first.more] == [3, True]
    assert [len(rest.messages), rest.more] == [2, False]
    assert after.messages == () and not after.resynced


def test_run_stores_each_message_and_persists_the_cursor(
    open_imap: ImapFactory, dovecot: Dovecot, admin: IMAPClient, sessions: sessionmaker[Session]
) -> None:
    for n in range(3):
        admin.append("INBOX", reply(n))
    mailbox = open_imap(dovecot)

    batch, stored = run_cycle(mailbox, sessions)
    again, _ = run_cycle(open_imap(dovecot), sessions)  # a new worker process: state from the DB

    with transaction(sessions) as session:
        state = read_state(session, mailbox.name)
        statuses = session.scalars(select(InboundRow.status)).all()
    assert state.cursor == Cursor(batch.uidvalidity, batch.last_uid or 0)
    assert [s.duplicate for s in stored] == [False] * 3 and again.messages == ()
    assert statuses == [MessageStatus.STORED.value] * 3


def test_oversized_message_is_returned_flagged_and_recorded_not_skipped(
    open_imap: ImapFactory, dovecot: Dovecot, admin: IMAPClient, sqlite_sessions: sessionmaker[Session]
) -> None:
    admin.append("INBOX", reply(1))
    admin.append("INBOX", reply(2, body="Большой отчёт. " * 5000))
    admin.append("INBOX", reply(3))
    mailbox = open_imap(dovecot)

    batch, stored = run_cycle(mailbox, sqlite_sessions, max_bytes=10_000)

    big = batch.messages[1]
    assert [m.oversized for m in batch.messages] == [False, True, False]
    assert big.raw is None and big.size > 10_000 and big.message_id == "<reply-2@greenworld.kg>"
    assert stored[1].status is MessageStatus.FAILED
    with transaction(sqlite_sessions) as session:
        row = session.get(InboundRow, stored[1].inbound_id)
        assert row is not None and row.last_error and "oversized" in row.last_error
        assert session.get(RawMessageRow, row.sha256).data == big.headers  # type: ignore[union-attr]
    assert _uids(admin, "mailflow.review") and len(_uids(admin, "mailflow.processed")) == 2


def test_filing_by_move_creates_the_folders_and_empties_the_inbox(
    open_imap: ImapFactory, dovecot: Dovecot, admin: IMAPClient
) -> None:
    for n in range(3):
        admin.append("INBOX", reply(n))
    mailbox = open_imap(dovecot)
    batch = mailbox.fetch(Cursor(), max_bytes=1_000_000)

    for message, outcome in zip(batch.messages, Outcome, strict=True):
        mailbox.file(message.ref, outcome)
    mailbox.file(batch.messages[0].ref, Outcome.PROCESSED)  # filing twice is harmless

    assert _uids(admin) == []
    for outcome in Outcome:
        assert len(_uids(admin, f"mailflow.{outcome.value}")) == 1


def test_filing_by_copy_and_expunge_when_the_server_lacks_move(
    open_imap: ImapFactory,
    dovecot_factory: DovecotFactory,
) -> None:
    server = dovecot_factory(capabilities="IMAP4rev1 LITERAL+ UIDPLUS IDLE")
    admin = admin_client(server)
    admin.append("INBOX", reply(1))
    admin.append("INBOX", reply(2))
    mailbox = open_imap(server)
    batch = mailbox.fetch(Cursor(), max_bytes=1_000_000)

    mailbox.file(batch.messages[0].ref, Outcome.REVIEW)

    assert _uids(admin) == [batch.messages[1].uid]  # only the filed one expunged
    copied = _uids(admin, "mailflow.review")
    assert admin.fetch(copied, ["BODY.PEEK[]"])[copied[0]][b"BODY[]"] == reply(1)
    admin.logout()


def test_filing_by_flag_leaves_the_message_in_place(
    open_imap: ImapFactory, dovecot: Dovecot, admin: IMAPClient
) -> None:
    admin.append("INBOX", reply(1))
    mailbox = open_imap(dovecot, filing=Filing.FLAG)
    (message,) = mailbox.fetch(Cursor(), max_bytes=1_000_000).messages

    mailbox.file(message.ref, Outcome.AUTOMATIC)

    admin.select_folder("INBOX")
    flags = admin.get_flags([message.uid])[message.uid]
    assert flag_for(Outcome.AUTOMATIC).encode() in flags and b"\\Seen" not in flags


@pytest.mark.parametrize("capabilities", [None, "IMAP4rev1 LITERAL+ UIDPLUS IDLE"], ids=["move", "copy-expunge"])
def test_filing_a_batch_moves_each_outcome_at_once_and_again_is_harmless(
    open_imap: ImapFactory, dovecot_factory: DovecotFactory, capabilities: str | None
) -> None:
    server = dovecot_factory(capabilities=capabilities)
    admin = admin_client(server)
    for n in range(6):
        admin.append("INBOX", reply(n))
    mailbox = open_imap(server)
    messages = mailbox.fetch(Cursor(), max_bytes=1_000_000).messages
    refs = [m.ref for m in messages]

    mailbox.file_many({Outcome.PROCESSED: [refs[0], refs[1], refs[2], refs[4]], Outcome.REVIEW: [refs[3]],
                       Outcome.AUTOMATIC: []})  # fmt: skip
    mailbox.file_many({Outcome.PROCESSED: refs[:2]})

    assert _uids(admin) == [messages[5].uid]
    assert len(_uids(admin, "mailflow.processed")) == 4 and len(_uids(admin, "mailflow.review")) == 1
    admin.logout()


def test_filing_a_batch_by_flag_marks_each_message_with_its_outcome(
    open_imap: ImapFactory, dovecot: Dovecot, admin: IMAPClient
) -> None:
    for n in range(3):
        admin.append("INBOX", reply(n))
    mailbox = open_imap(dovecot, filing=Filing.FLAG)
    first, second, third = mailbox.fetch(Cursor(), max_bytes=1_000_000).messages

    mailbox.file_many({Outcome.PROCESSED: [first.ref, third.ref], Outcome.REVIEW: [second.ref]})

    admin.select_folder("INBOX")
    flags = admin.get_flags([first.uid, second.uid, third.uid])
    assert flag_for(Outcome.PROCESSED).encode() in flags[first.uid] and b"\\Seen" not in flags[first.uid]
    assert flag_for(Outcome.REVIEW).encode() in flags[second.uid]
    assert flag_for(Outcome.PROCESSED).encode() in flags[third.uid]


@pytest.mark.parametrize(
    ("uids", "expected"),
    [([7], "7"), ([1, 2, 3], "1:3"), ([1, 2, 3, 7, 9, 10], "1:3,7,9:10"), ([4, 6, 8], "4,6,8")],
)
def test_uid_set_collapses_runs_so_a_batch_is_one_short_command(uids: list[int], expected: str) -> None:
    assert uid_set(uids) == expected


def test_changed_uidvalidity_resyncs_from_zero_and_dedupe_absorbs_the_repeats(
    open_imap: ImapFactory, dovecot: Dovecot, admin: IMAPClient, sessions: sessionmaker[Session]
) -> None:
    admin.create_folder("Replies")
    admin.append("Replies", reply(1))
    admin.append("Replies", reply(2))
    mailbox = open_imap(dovecot, folder="Replies", filing=Filing.FLAG)
    first, _ = run_cycle(mailbox, sessions)
    mailbox.close()  # a folder is not deleted under its own selection
    admin.delete_folder("Replies")  # a restore from backup: same mail, new UIDs
    admin.create_folder("Replies")
    for n in (1, 2, 3):
        admin.append("Replies", reply(n))

    second, stored = run_cycle(mailbox, sessions)

    assert second.resynced and second.uidvalidity != first.uidvalidity
    assert [s.duplicate for s in stored] == [True, True, False]
    assert inbound_count(sessions) == 3
    with transaction(sessions) as session:
        assert read_state(session, mailbox.name).cursor == Cursor(second.uidvalidity, second.last_uid or 0)


def test_filing_after_the_folder_was_recreated_does_not_move_the_new_message_with_that_uid(
    open_imap: ImapFactory, dovecot: Dovecot, admin: IMAPClient
) -> None:
    admin.create_folder("Replies")
    admin.append("Replies", reply(1))
    mailbox = open_imap(dovecot, folder="Replies")
    (fetched,) = mailbox.fetch(Cursor(), max_bytes=1_000_000).messages
    mailbox.close()
    admin.delete_folder("Replies")
    admin.create_folder("Replies")
    admin.append("Replies", reply(9))  # UID 1 again, under a new UIDVALIDITY

    mailbox.file(fetched.ref, Outcome.PROCESSED)

    (uid,) = _uids(admin, "Replies")
    assert admin.fetch([uid], ["BODY.PEEK[]"])[uid][b"BODY[]"] == reply(9)
    assert not admin.folder_exists("mailflow.processed")


def test_the_same_message_appended_twice_is_stored_once(
    open_imap: ImapFactory, dovecot: Dovecot, admin: IMAPClient, sessions: sessionmaker[Session]
) -> None:
    admin.append("INBOX", reply(1))
    admin.append("INBOX", reply(1))
    admin.append("INBOX", reply(2, message_id=None))
    admin.append("INBOX", reply(2, message_id=None))

    _, stored = run_cycle(open_imap(dovecot), sessions)

    assert [s.duplicate for s in stored] == [False, True, False, True]
    assert stored[2].dedupe_key.startswith("sha256:")
    assert inbound_count(sessions) == 2


def test_server_restart_mid_run_raises_fetch_error_then_recovers_without_loss(
    open_imap: ImapFactory, dovecot: Dovecot, admin: IMAPClient, sqlite_sessions: sessionmaker[Session]
) -> None:
    for n in range(5):
        admin.append("INBOX", reply(n))
    mailbox = open_imap(dovecot)
    batch = mailbox.fetch(Cursor(), limit=2, max_bytes=1_000_000)
    store_batch(mailbox, sqlite_sessions, batch, max_bytes=1_000_000)

    dovecot.restart()  # stored, not yet filed: the connection is gone
    with pytest.raises(FetchError, match="file UID"):
        mailbox.file(batch.messages[0].ref, Outcome.PROCESSED)
    for message in batch.messages:
        mailbox.file(message.ref, Outcome.PROCESSED)  # reconnects
    run_cycle(mailbox, sqlite_sessions, limit=2)
    dovecot.restart()  # between runs, with the connection open
    with pytest.raises(FetchError, match="fetch"):
        run_cycle(mailbox, sqlite_sessions, limit=2)
    while run_cycle(mailbox, sqlite_sessions, limit=2)[0].messages:
        pass

    assert inbound_count(sqlite_sessions) == 5
    client = admin_client(dovecot)
    assert _uids(client) == [] and len(_uids(client, "mailflow.processed")) == 5
    client.logout()


def test_wrong_password_is_a_fetch_error_that_does_not_show_the_password(
    open_imap: ImapFactory, dovecot: Dovecot
) -> None:
    mailbox = open_imap(dovecot, password="not-the-password")

    with pytest.raises(FetchError) as raised:
        mailbox.fetch(Cursor(), max_bytes=1_000)

    assert "not-the-password" not in str(raised.value)
    assert "not-the-password" not in repr(mailbox.config)


def test_nothing_listening_is_a_fetch_error(open_imap: ImapFactory, dovecot: Dovecot) -> None:
    dovecot.stop()
    with pytest.raises(FetchError, match="mailbox imap://"):
        open_imap(dovecot).fetch(Cursor(), max_bytes=1_000)


def test_idle_wakes_within_seconds_when_a_reply_is_appended(
    open_imap: ImapFactory, dovecot: Dovecot, admin: IMAPClient
) -> None:
    mailbox = open_imap(dovecot)
    mailbox.fetch(Cursor(), max_bytes=1_000_000)
    timer = threading.Timer(0.5, admin.append, ("INBOX", reply(1)))

    started = time.monotonic()
    timer.start()
    woke = mailbox.idle_wait(30)
    timer.join()

    assert woke and time.monotonic() - started < 5
    assert len(mailbox.fetch(Cursor(), max_bytes=1_000_000).messages) == 1


def test_idle_returns_false_when_nothing_arrives_and_true_at_once_for_mail_since_the_fetch(
    open_imap: ImapFactory, dovecot: Dovecot, admin: IMAPClient
) -> None:
    """Mail appended by another session between two waits is seen before IDLE starts, not at Dovecot's next
    30-second check (a SEARCH alone did not see it)."""
    mailbox = open_imap(dovecot)
    mailbox.fetch(Cursor(), max_bytes=1_000_000)

    assert mailbox.idle_wait(0.5) is False
    admin.append("INBOX", reply(1))  # arrives while no IDLE is running
    started = time.monotonic()
    assert mailbox.idle_wait(30) is True
    assert time.monotonic() - started < 5


def test_idle_ends_within_a_second_of_a_stop_and_the_connection_stays_usable(
    open_imap: ImapFactory, dovecot: Dovecot, admin: IMAPClient
) -> None:
    mailbox = open_imap(dovecot)
    mailbox.fetch(Cursor(), max_bytes=1_000_000)
    woke, took = wait_stopped_after(mailbox, 0.5)
    assert woke is False and took < 2
    admin.append("INBOX", reply(1))
    assert len(mailbox.fetch(Cursor(), max_bytes=1_000_000).messages) == 1  # the IDLE was ended with DONE


def test_without_idle_the_wait_sleeps_and_reports_possible_mail(
    open_imap: ImapFactory, dovecot_factory: DovecotFactory
) -> None:
    server = dovecot_factory(capabilities="IMAP4rev1 LITERAL+ UIDPLUS MOVE")
    slept: list[float] = []
    mailbox = open_imap(server, sleep=slept.append)
    mailbox.fetch(Cursor(), max_bytes=1_000_000)

    assert mailbox.idle_wait(300) is True
    assert slept == [300]


def test_server_stopped_during_idle_is_a_fetch_error(open_imap: ImapFactory, dovecot: Dovecot) -> None:
    mailbox = open_imap(dovecot)
    mailbox.fetch(Cursor(), max_bytes=1_000_000)
    timer = threading.Timer(0.5, dovecot.stop)

    timer.start()
    with pytest.raises(FetchError, match="idle"):
        mailbox.idle_wait(30)
    timer.join()
    dovecot.start()
    assert mailbox.fetch(Cursor(), max_bytes=1_000_000).messages == ()
