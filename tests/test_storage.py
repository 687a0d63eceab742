"""The schema and its migrations on SQLite and PostgreSQL, and what happens when the database is not there."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, event, inspect, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from mailflow.campaign.letter import Audience, Campaign
from mailflow.campaign.recipients import RecipientEntry
from mailflow.errors import StorageError
from mailflow.lifecycle import LetterStatus, TransitionError, advance
from mailflow.reading.reply import Stance, StanceFinding
from mailflow.receiving.match import named_in
from mailflow.store.campaigns import sync_campaign
from mailflow.store.db import (
    MIGRATIONS,
    _alembic_config,
    current_revision,
    head_revision,
    make_engine,
    require_current_schema,
    transaction,
    upgrade,
)
from mailflow.store.inbound import store_message
from mailflow.store.messages import complainers, load_directory
from mailflow.store.models import (
    OUTBOX_STATUSES,
    Base,
    InboundRow,
    LetterBodyRow,
    LetterRow,
    RecipientRow,
    RecommendationRow,
    ResponseRow,
    ReviewItemRow,
)
from mailflow.store.recipients import import_recipients
from mailflow.store.responses import record_stances
from mailflow.store.reviews import open_review
from tests.conftest import Cli, _postgres_database

OWN = "dialog@committee.example"
TABLES = {
    "campaigns",
    "recommendations",
    "recipients",
    "letters",
    "raw_messages",
    "inbound_messages",
    "responses",
    "response_history",
    "review_items",
    "audit_log",
}


def test_upgrade_creates_every_table_and_is_idempotent(database_url: str) -> None:
    engine = make_engine(database_url)
    assert upgrade(engine) == head_revision()
    assert upgrade(engine) == head_revision()
    assert set(inspect(engine).get_table_names()) >= TABLES
    require_current_schema(engine)
    engine.dispose()


def test_the_newest_revision_read_from_the_migration_files_is_alembics_head() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert head_revision() == ScriptDirectory.from_config(config).get_current_head()


def test_the_schema_check_reads_the_revision_alembic_recorded(database_url: str) -> None:
    engine = make_engine(database_url)
    assert current_revision(engine) is None  # an empty database
    upgrade(engine, to="0003")
    with engine.connect() as connection:
        assert current_revision(engine) == MigrationContext.configure(connection).get_current_revision() == "0003"
    with pytest.raises(StorageError, match="schema revision 0003; run `mailflow db upgrade` first"):
        require_current_schema(engine)
    engine.dispose()


def test_the_migrations_build_exactly_the_schema_the_models_describe(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == []


def test_letters_are_indexed_by_status_on_postgresql_only_while_the_outbox_works_on_them(database_url: str) -> None:
    """A recount asks for a recipient's sent and bounced letters: no index by status may offer them (migration 0013)."""
    engine = make_engine(database_url)
    upgrade(engine)
    indexes = {index["name"]: index for index in inspect(engine).get_indexes("letters")}
    engine.dispose()
    assert "ix_letters_status" not in indexes
    assert indexes["ix_letters_outbox"]["column_names"] == ["status", "id"]
    if engine.dialect.name == "postgresql":
        where = indexes["ix_letters_outbox"]["dialect_options"]["postgresql_where"]
        assert set(re.findall(r"'(\w+)'", where)) == set(OUTBOX_STATUSES) == set(LetterStatus) - {"sent", "bounced"}


@pytest.fixture
def postgres_engine() -> Iterator[Engine]:
    """An empty database on the local PostgreSQL server, dropped afterwards."""
    for url in _postgres_database():
        engine = make_engine(url)
        yield engine
        engine.dispose()


@pytest.mark.postgres
def test_letters_bytes_are_compressed_with_lz4_on_postgresql_and_with_pglz_again_after_the_downgrade(
    postgres_engine: Engine, campaign: Campaign
) -> None:
    """pglz was most of the server's time storing a send's letters: 1.0 s for 2,000 appeals, 0.3 s with LZ4
    (issue 15, migration 0014). A server without LZ4 keeps pglz."""
    engine = postgres_engine
    with engine.connect() as connection:
        offered = connection.scalar(text("SELECT enumvals FROM pg_settings WHERE name = 'default_toast_compression'"))
    if "lz4" not in offered:
        pytest.skip("this PostgreSQL server was built without LZ4")
    upgrade(engine)
    raw = b"".join(b"Dear partner, line %d of the appeal.\r\n" % n for n in range(1000))  # 37 KB, compressible
    with transaction(sessionmaker(engine)) as session:
        campaign_id = sync_campaign(session, campaign).id
        session.add(
            LetterRow(
                campaign_id=campaign_id,
                kind="digest",
                sequence=1,
                to_address="c@c.example",
                message_id="<d@x>",
                subject="s",
                raw=raw,
                status="queued",
                attempts=0,
                created_at=datetime.now(UTC),
            )
        )
    column = "SELECT attcompression FROM pg_attribute WHERE attrelid = 'letter_bodies'::regclass AND attname = 'raw'"
    with engine.connect() as connection:
        assert connection.scalar(text(column)) == "l"
        stored = connection.execute(text("SELECT pg_column_compression(raw), raw FROM letter_bodies")).one()
        assert tuple(stored) == ("lz4", raw)
    command.downgrade(_alembic_config(engine), "0013")
    with engine.connect() as connection:
        assert connection.scalar(text(column)) == ""  # the server's default, pglz
        assert connection.scalar(text("SELECT raw FROM letter_bodies")) == raw


def test_the_organisations_that_complained_are_found_through_the_index_by_kind(tmp_path: Path) -> None:
    """`mailflow status` and the reminders look them up; reading every message's index entry to find them took
    81 ms of `status` on PostgreSQL at 100,000 organisations (issue 15, migration 0012)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'mailflow.db'}")
    upgrade(engine)
    with engine.connect() as connection:
        sql = complainers().compile(engine, compile_kwargs={"literal_binds": True})
        plan = " ".join(row[-1] for row in connection.execute(text(f"EXPLAIN QUERY PLAN {sql}")))
    engine.dispose()
    assert "ix_inbound_messages_kind_recipient (kind=?" in plan, plan


def test_a_database_holding_replies_upgrades_to_the_newest_schema_and_still_enforces_its_references(
    database_url: str, campaign: Campaign
) -> None:
    engine = make_engine(database_url)
    upgrade(engine, to="0003")  # before inbound UIDs became BIGINT, which SQLite makes by copying the table
    sessions = sessionmaker(engine)
    with transaction(sessions) as session:
        row = sync_campaign(session, campaign)
        umut = RecipientEntry("ОФ «Умут»", "", "umut@umut-fund.example", Audience.CSO, "", "ru")
        import_recipients(session, row, [umut])
        stored = store_message(session, b"Message-ID: <m@umut-fund.example>\r\n\r\nAgreed.\r\n", mailbox="INBOX",
                               uid=7, message_id="<m@umut-fund.example>")  # fmt: skip
        recipient = session.scalars(select(RecipientRow.id)).one()
        finding = StanceFinding("1.1", Stance.AGREE, evidence="Согласны.")
        record_stances(session, campaign_id=row.id, recipient_id=recipient, stances={"1.1": finding},
                       source_message_id=stored.inbound_id, at=datetime.now(UTC))  # fmt: skip
        open_review(session, inbound_id=stored.inbound_id, recipient_id=recipient, reasons=(), at=datetime.now(UTC))

    assert upgrade(engine) == head_revision()

    with transaction(sessions) as session:
        assert session.scalars(select(InboundRow.uid)).one() == 7
        assert session.scalars(select(ResponseRow.source_message_id)).one() == stored.inbound_id
    with pytest.raises(StorageError), transaction(sessions) as session:  # the references are enforced again
        session.add(ReviewItemRow(inbound_id=stored.inbound_id + 1000, reasons=[], created_at=datetime.now(UTC)))
    engine.dispose()


def test_an_imap_uid_beyond_a_signed_integer_is_stored(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    sessions = sessionmaker(engine)
    uid = 2**32 - 1  # the largest UID RFC 3501 allows
    with transaction(sessions) as session:
        store_message(session, b"Message-ID: <big@uid.example>\r\n\r\nhi\r\n", mailbox="INBOX", uid=uid,
                      message_id="<big@uid.example>")  # fmt: skip
    with transaction(sessions) as session:
        assert session.scalars(select(InboundRow.uid)).one() == uid
    engine.dispose()


def test_an_empty_database_is_refused_until_upgraded(database_url: str) -> None:
    engine = make_engine(database_url)
    with pytest.raises(StorageError, match="run `mailflow db upgrade` first"):
        require_current_schema(engine)
    engine.dispose()


def test_campaign_sync_is_idempotent_and_follows_text_changes(database_url: str, campaign: Campaign) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    factory = sessionmaker(engine, expire_on_commit=False)
    with transaction(factory) as session:
        sync_campaign(session, campaign)
    with transaction(factory) as session:
        row = sync_campaign(session, campaign)
        assert [r.rec_id for r in row.recommendations] == list(campaign.ids)
    with transaction(factory) as session:
        texts = session.scalars(select(RecommendationRow.text)).all()
    engine.dispose()
    assert len(texts) == 19


def test_campaign_sync_twice_in_one_transaction_adds_nothing_twice(database_url: str, campaign: Campaign) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    factory = sessionmaker(engine, expire_on_commit=False)
    with transaction(factory) as session:
        sync_campaign(session, campaign)
        row = sync_campaign(session, campaign)
        assert len(row.recommendations) == 19
    engine.dispose()


def test_one_letter_per_recipient_and_kind_unless_a_person_asks(database_url: str, campaign: Campaign) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    factory: sessionmaker[Session] = sessionmaker(engine)

    def letter(sequence: int, message_id: str) -> LetterRow:
        return LetterRow(
            campaign_id=row_id,
            recipient_id=None,
            kind="digest",
            sequence=sequence,
            to_address="c@c.example",
            message_id=message_id,
            subject="s",
            raw=b"x",
            status=LetterStatus.QUEUED.value,
        )

    with transaction(factory) as session:
        row_id = sync_campaign(session, campaign).id
    with transaction(factory) as session:
        session.add(letter(1, "<a@x>"))
    with pytest.raises(StorageError), transaction(factory) as session:
        session.add(letter(1, "<a@x>"))
        session.flush()
    engine.dispose()


def test_lifecycle_refuses_sending_a_sent_letter_again() -> None:
    assert advance(LetterStatus.QUEUED, LetterStatus.SENDING) is LetterStatus.SENDING
    with pytest.raises(TransitionError, match="cannot go from sent to queued"):
        advance(LetterStatus.SENT, LetterStatus.QUEUED)


def test_unreachable_database_gives_one_line_and_exit_2(project: Path) -> None:
    cli = Cli(project, "postgresql+psycopg://nobody@127.0.0.1:1/none")
    for args in (("db", "upgrade"), ("recipients", "list")):
        result = cli(*args)
        assert result.exit_code == 2
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: database postgresql+psycopg://nobody@127.0.0.1:1/none")


def test_malformed_database_url_is_named(project: Path) -> None:
    result = Cli(project, "notadatabase")("db", "upgrade")
    assert result.exit_code == 2
    assert "not a usable database URL" in result.output


def test_integrity_errors_are_storage_errors_not_crashes(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    upgrade(engine)
    factory: sessionmaker[Session] = sessionmaker(engine)
    with pytest.raises(StorageError) as caught, transaction(factory) as session:
        session.add(RecommendationRow(campaign_id=999, rec_id="1.1", panel=1, audience="all", text="t", position=0))
    assert isinstance(caught.value.__cause__, IntegrityError)
    engine.dispose()


def test_the_upgrade_moves_each_letters_bytes_to_their_own_table_and_the_downgrade_moves_them_back(
    database_url: str, campaign: Campaign
) -> None:
    engine = make_engine(database_url)
    upgrade(engine, to="0010")
    raw = b"Subject: =?utf-8?b?0J/RgNC40LLQtdGC?=\r\n\r\n" + bytes(range(256)) * 130  # 33 KB, every byte value
    with transaction(sessionmaker(engine)) as session:
        row_id = sync_campaign(session, campaign).id
        session.execute(
            text(
                "INSERT INTO letters (campaign_id, kind, sequence, to_address, message_id, subject, raw, status, "
                "attempts, created_at) VALUES (:c, 'digest', 1, 'c@c.example', '<d@x>', 's', :raw, 'sent', 1, :at)"
            ),
            {"c": row_id, "raw": raw, "at": datetime.now(UTC)},
        )
    assert upgrade(engine) == head_revision()
    assert "raw" not in {c["name"] for c in inspect(engine).get_columns("letters")}
    with transaction(sessionmaker(engine)) as session:
        letter = session.scalars(select(LetterRow)).one()
        assert (letter.raw, letter.status) == (raw, "sent")
        assert session.scalars(select(LetterBodyRow.raw).where(LetterBodyRow.letter_id == letter.id)).one() == raw

    command.downgrade(_alembic_config(engine), "0010")
    assert "letter_bodies" not in inspect(engine).get_table_names()
    with engine.connect() as connection:
        assert connection.execute(text("SELECT raw FROM letters")).scalar_one() == raw
    assert upgrade(engine) == head_revision()  # and up again
    engine.dispose()


def test_a_directory_read_ahead_answers_each_look_up_as_the_database_without_asking_it_on_postgresql(
    database_url: str, campaign: Campaign
) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    factory: sessionmaker[Session] = sessionmaker(engine)
    entries = [RecipientEntry(f"Org {i}", f"Contact {i}", f"office{i}@org{i}.example", Audience.CSO, "", "ru")
               for i in range(3)]  # fmt: skip
    with transaction(factory) as session:
        campaign_row = sync_campaign(session, campaign)
        campaign_id = campaign_row.id
        import_recipients(session, campaign_row, entries)
        people = session.execute(select(RecipientRow.id, RecipientRow.token).order_by(RecipientRow.id)).all()
        appeal = f"<appeal.{people[0].token}.0011@committee.example>"
        session.add(LetterRow(campaign_id=campaign_id, recipient_id=people[0].id, kind="appeal", sequence=1,
                              to_address="office0@org0.example", message_id=appeal, subject="s", raw=b"x",
                              status=LetterStatus.SENT.value))  # fmt: skip
    blocks = [
        f"From: Org 0 <Office0@Org0.example>\r\nTo: Dialog+{people[1].token}@committee.example\r\n"
        f"In-Reply-To: <{appeal.strip('<>').upper()}>\r\nReferences: <elsewhere@x.example>\r\n\r\n".encode(),
        b"From: someone@else.example\r\nCc: =?utf-8?b?0J7RgNCz?= <office2@org2.example>,\r\n dialog+zzzzzzzz@committee"
        b".example\r\nSubject: office1@org1.example\r\n\r\n",
    ]
    emails = ["office0@org0.example", "office1@org1.example", "office2@org2.example", "someone@else.example"]
    asks = {
        "by_email": emails,
        "by_token": [people[1].token, "zzzzzzzz"],
        "by_id": [people[0].id],
        "letters": [appeal.strip("<>"), "elsewhere@x.example"],
    }
    statements: list[str] = []
    with transaction(factory) as session:
        asked = load_directory(session, campaign_id, own_address=OWN)
        expected = {table: [getattr(asked, table).get(key) for key in keys] for table, keys in asks.items()}
        ahead = load_directory(session, campaign_id, own_address=OWN, ahead=named_in(blocks, OWN))
        event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
        answers = {table: [getattr(ahead, table).get(key) for key in keys] for table, keys in asks.items()}
    assert answers == expected
    assert expected["letters"][0] is not None and expected["by_token"][0] is not None
    if engine.dialect.name == "postgresql":  # only the address named in the subject, which matching never reads
        assert len([s for s in statements if "recipients" in s]) == 1
    engine.dispose()
