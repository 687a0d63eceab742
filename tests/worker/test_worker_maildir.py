"""The local Maildir mailbox: the same contract as IMAP, on files delivered by `mailbox.Maildir`."""

from __future__ import annotations

import mailbox
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from mailflow.errors import FetchError
from mailflow.lifecycle import MessageStatus
from mailflow.mailbox.fetch import Cursor, Outcome
from mailflow.mailbox.maildir import MaildirMailbox
from mailflow.settings import load_settings
from tests.worker.conftest import inbound_count, reply, run_cycle, store_batch, wait_stopped_after


def _deliver(path: Path, *messages: bytes) -> None:
    box = mailbox.Maildir(path, create=True)
    for raw in messages:
        box.add(raw)
        time.sleep(0.002)  # distinct delivery times: the order is the order of arrival


def _inbox(path: Path) -> list[Path]:
    return sorted([*(path / "new").iterdir(), *(path / "cur").iterdir()])


def test_fetch_reads_messages_oldest_first_and_leaves_them_unread_in_place(tmp_path: Path) -> None:
    _deliver(tmp_path / "maildir", reply(1), reply(2))
    box = MaildirMailbox(tmp_path / "maildir")

    batch = box.fetch(Cursor(), max_bytes=1_000_000)

    assert [m.raw for m in batch.messages] == [reply(1), reply(2)]
    assert batch.messages[0].message_id == "<reply-1@greenworld.kg>" and batch.messages[0].uid is None
    assert batch.messages[0].headers.endswith(b"\r\n\r\n") and b"Subject:" in batch.messages[0].headers
    assert len(list((tmp_path / "maildir" / "new").iterdir())) == 2  # not moved to cur/: nothing "seen"


def test_an_empty_or_missing_maildir_is_created_and_yields_nothing(tmp_path: Path) -> None:
    batch = MaildirMailbox(tmp_path / "fresh").fetch(Cursor(), max_bytes=1_000)

    assert batch.messages == () and (tmp_path / "fresh" / "new").is_dir()


def test_each_run_is_capped_and_filing_takes_messages_out_of_the_inbox(
    tmp_path: Path, sqlite_sessions: sessionmaker[Session]
) -> None:
    _deliver(tmp_path / "maildir", *(reply(n) for n in range(5)))
    box = MaildirMailbox(tmp_path / "maildir")

    first, _ = run_cycle(box, sqlite_sessions, limit=3)
    second, _ = run_cycle(box, sqlite_sessions, limit=3)
    third, _ = run_cycle(box, sqlite_sessions, limit=3)

    assert [len(first.messages), first.more, len(second.messages), second.more] == [3, True, 2, False]
    assert third.messages == () and _inbox(tmp_path / "maildir") == []
    processed = mailbox.Maildir(tmp_path / "maildir").get_folder("mailflow.processed")
    assert sorted(processed.get_bytes(key) for key in processed.iterkeys()) == sorted(reply(n) for n in range(5))
    assert inbound_count(sqlite_sessions) == 5


def test_oversized_message_is_returned_with_headers_only_and_filed_for_review(
    tmp_path: Path, sqlite_sessions: sessionmaker[Session]
) -> None:
    _deliver(tmp_path / "maildir", reply(1, body="Большой отчёт. " * 5000))
    box = MaildirMailbox(tmp_path / "maildir")

    batch, stored = run_cycle(box, sqlite_sessions, max_bytes=10_000)

    (message,) = batch.messages
    assert message.oversized and message.size > 10_000 and message.message_id == "<reply-1@greenworld.kg>"
    assert stored[0].status is MessageStatus.FAILED
    assert len(list((tmp_path / "maildir" / ".mailflow.review" / "cur").iterdir())) == 1


def test_filing_into_each_outcome_folder_and_filing_twice_is_harmless(tmp_path: Path) -> None:
    _deliver(tmp_path / "maildir", reply(1), reply(2), reply(3))
    box = MaildirMailbox(tmp_path / "maildir")
    batch = box.fetch(Cursor(), max_bytes=1_000_000)

    for message, outcome in zip(batch.messages, Outcome, strict=True):
        box.file(message.ref, outcome)
    box.file(batch.messages[0].ref, Outcome.PROCESSED)

    root = mailbox.Maildir(tmp_path / "maildir")
    assert sorted(root.list_folders()) == sorted(f"mailflow.{o.value}" for o in Outcome)
    assert all(len(root.get_folder(f"mailflow.{o.value}")) == 1 for o in Outcome)
    assert _inbox(tmp_path / "maildir") == []


def test_filing_a_batch_sorts_it_by_outcome_and_a_message_already_gone_is_fine(tmp_path: Path) -> None:
    _deliver(tmp_path / "maildir", reply(1), reply(2), reply(3), reply(4))
    box = MaildirMailbox(tmp_path / "maildir")
    refs = [m.ref for m in box.fetch(Cursor(), max_bytes=1_000_000).messages]

    box.file_many({Outcome.PROCESSED: refs[:2], Outcome.AUTOMATIC: [refs[2]], Outcome.REVIEW: []})
    box.file_many({Outcome.PROCESSED: refs[:2]})

    root = mailbox.Maildir(tmp_path / "maildir")
    assert len(root.get_folder("mailflow.processed")) == 2 and len(root.get_folder("mailflow.automatic")) == 1
    assert _inbox(tmp_path / "maildir") == [tmp_path / "maildir" / refs[3]]


def test_the_same_message_delivered_twice_is_stored_once(tmp_path: Path, sessions: sessionmaker[Session]) -> None:
    _deliver(tmp_path / "maildir", reply(1), reply(1), reply(2, message_id=None), reply(2, message_id=None))

    _, stored = run_cycle(MaildirMailbox(tmp_path / "maildir"), sessions)

    assert [s.duplicate for s in stored] == [False, True, False, True]
    assert inbound_count(sessions) == 2


def test_a_crash_between_storing_and_filing_refetches_and_dedupe_absorbs_it(
    tmp_path: Path, sqlite_sessions: sessionmaker[Session]
) -> None:
    _deliver(tmp_path / "maildir", reply(1))
    box = MaildirMailbox(tmp_path / "maildir")

    store_batch(box, sqlite_sessions, box.fetch(Cursor(), max_bytes=1_000_000), max_bytes=1_000_000)  # then "crash"
    _, stored = run_cycle(MaildirMailbox(tmp_path / "maildir"), sqlite_sessions)

    assert [s.duplicate for s in stored] == [True] and inbound_count(sqlite_sessions) == 1
    assert _inbox(tmp_path / "maildir") == []


def test_wait_wakes_when_a_message_is_delivered(tmp_path: Path) -> None:
    box = MaildirMailbox(tmp_path / "maildir", poll_interval=0.05)
    box.fetch(Cursor(), max_bytes=1_000)
    timer = threading.Timer(0.3, _deliver, (tmp_path / "maildir", reply(1)))

    started = time.monotonic()
    timer.start()
    woke = box.idle_wait(30)
    timer.join()

    assert woke and time.monotonic() - started < 5


def test_wait_times_out_when_nothing_new_arrives(tmp_path: Path) -> None:
    _deliver(tmp_path / "maildir", reply(1))
    box = MaildirMailbox(tmp_path / "maildir", poll_interval=0.05)
    box.fetch(Cursor(), max_bytes=1_000_000)  # listed, not filed (a failed message): not "new" again

    assert box.idle_wait(0.3) is False


def test_wait_ends_at_the_next_poll_once_stop_is_set(tmp_path: Path) -> None:
    box = MaildirMailbox(tmp_path / "maildir", poll_interval=0.05)
    box.fetch(Cursor(), max_bytes=1_000)
    woke, took = wait_stopped_after(box, 0.3)
    assert woke is False and took < 2


def test_unreadable_maildir_is_a_fetch_error(tmp_path: Path) -> None:
    (tmp_path / "not-a-folder").write_text("a file where the Maildir should be")

    with pytest.raises(FetchError, match="mailbox maildir:"):
        MaildirMailbox(tmp_path / "not-a-folder").fetch(Cursor(), max_bytes=1_000)


def test_settings_place_the_maildir_under_the_project_root(tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "mailflow.toml").write_text('[mailbox]\nmaildir = "storage/mail"\n')

    box = MaildirMailbox.from_settings(load_settings(tmp_path / "config" / "mailflow.toml", {}))

    assert box.path == tmp_path / "storage" / "mail" and box.name == f"maildir:{tmp_path / 'storage' / 'mail'}"
