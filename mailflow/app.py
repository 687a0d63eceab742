"""The composition root: builds settings, the database and the campaign once for the CLI, worker and web."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from mailflow.campaign.letter import Campaign, load_campaign
from mailflow.settings import DEFAULT_CONFIG, Settings, load_settings
from mailflow.store.db import make_engine, require_current_schema

# The worker's, the sender's and the templates' parts are imported by the methods that build them, so a
# command that only counts (`mailflow status`) starts without loading the readers, IMAP and SMTP (issue 15).
if TYPE_CHECKING:
    import jinja2

    from mailflow.mailbox.fetch import Mailbox
    from mailflow.reading.classify import OwnIdentity
    from mailflow.reading.mime import ParseLimits
    from mailflow.receiving.ingest import Context
    from mailflow.receiving.worker import Worker
    from mailflow.sending.ledger import Outcome
    from mailflow.sending.outbox import SendSummary


def find_config(explicit: Path | None, environ: Mapping[str, str]) -> Path | None:
    """`--config`, else MAILFLOW_CONFIG, else ./config/mailflow.toml if present, else embedded defaults."""
    if explicit is not None:
        return explicit
    if environ.get("MAILFLOW_CONFIG"):
        return Path(environ["MAILFLOW_CONFIG"])
    return DEFAULT_CONFIG if DEFAULT_CONFIG.is_file() else None


@dataclass
class App:
    settings: Settings
    _checked: bool = field(default=False, init=False)

    @classmethod
    def from_environment(cls, config: Path | None, environ: Mapping[str, str]) -> App:
        return cls(load_settings(find_config(config, environ), environ))

    @cached_property
    def engine(self) -> Engine:
        return make_engine(self.settings.database_url)

    @cached_property
    def _sessions(self) -> sessionmaker[Session]:
        return sessionmaker(self.engine, expire_on_commit=False)

    def sessions(self) -> sessionmaker[Session]:
        """The session factory, once the schema is known to be current."""
        if not self._checked:
            require_current_schema(self.engine)
            self._checked = True
        return self._sessions

    def close(self) -> None:
        """Release pooled connections; the CLI calls it when a command ends."""
        if "engine" in self.__dict__:
            self.engine.dispose()

    def campaign(self, path: Path | None = None) -> Campaign:
        return load_campaign(path if path is not None else self.settings.campaign_file)

    # -- the worker's parts ------------------------------------------------------------------------------

    def own_identity(self) -> OwnIdentity:
        from mailflow.reading.classify import OwnIdentity

        address = self.settings.sender.address.lower()
        return OwnIdentity(address=address, domain=address.rpartition("@")[2])

    def parse_limits(self) -> ParseLimits:
        from mailflow.reading.mime import ParseLimits

        storage = self.settings.storage
        return ParseLimits(
            max_message_bytes=storage.max_message_bytes, max_attachment_bytes=storage.max_attachment_bytes
        )

    @cached_property
    def _templates(self) -> jinja2.Environment:
        from mailflow.sending.compose import template_environment, templates_dir

        return template_environment(templates_dir(self.settings.root))

    def templates(self) -> jinja2.Environment:
        """One environment per process, so each template is compiled once (Jinja reloads a file that changed)."""
        return self._templates

    def mailbox(self) -> Mailbox:
        from mailflow.mailbox.imap import Filing, ImapConfig, ImapMailbox
        from mailflow.mailbox.maildir import MaildirMailbox

        if self.settings.mailbox.kind == "imap":
            return ImapMailbox(ImapConfig.from_settings(self.settings, filing=Filing(self.settings.worker.filing)))
        return MaildirMailbox.from_settings(self.settings)

    def processing_context(self, session: Session, campaign: Campaign) -> Context:
        """Rebuilt every cycle (the campaign file may have changed); the directory is read as replies ask."""
        from mailflow.receiving.ingest import Context
        from mailflow.store.campaigns import recommendation_rows, sync_campaign
        from mailflow.store.messages import load_directory

        campaign_row = sync_campaign(session, campaign)
        campaign_id, own_address = campaign_row.id, self.settings.sender.address
        return Context(
            campaign=campaign,
            campaign_id=campaign_row.id,
            recommendation_ids={rec_id: row.id for rec_id, row in recommendation_rows(session, campaign_row).items()},
            directory=lambda db, ahead: load_directory(db, campaign_id, own_address=own_address, ahead=ahead),
            own=self.own_identity(),
            limits=self.parse_limits(),
            sender=self.settings.sender,
            templates=self.templates() if self.settings.worker.acknowledge else None,
        )

    def worker(self, campaign: Campaign, *, mailbox: Mailbox | None = None) -> Worker:
        from mailflow.receiving.parse_pool import ParsePool
        from mailflow.receiving.worker import Worker, dead_local_process, local_holder

        return Worker(
            sessions=self.sessions(),
            mailbox=mailbox or self.mailbox(),
            context=lambda session: self.processing_context(session, campaign),
            now=lambda: datetime.now(UTC),
            holder=local_holder(),
            abandoned=dead_local_process,
            max_message_bytes=self.settings.storage.max_message_bytes,
            batch_limit=self.settings.worker.batch,
            lease_ttl=timedelta(seconds=3 * self.settings.worker.wait_seconds + 60),
            pool=ParsePool(self.parse_processes(), read_seconds=self.settings.worker.read_seconds),
        )

    def parse_processes(self) -> int:
        from mailflow.receiving.parse_pool import usable_cores

        configured = self.settings.worker.parse_processes
        if configured > 0:
            return configured
        cores = usable_cores()
        return cores if cores > 1 else 0

    def send_due(self, *, on_outcome: Callable[[Outcome], None] | None = None) -> SendSummary:
        """Send every due letter: over SMTP when `smtp.host` is set, else into `storage/outbox/`."""
        from mailflow.sending.outbox import SystemClock, send_queued
        from mailflow.sending.smtp import sender_for

        settings = self.settings
        with sender_for(settings) as sender:
            return send_queued(
                self.sessions(),
                sender,
                SystemClock(),
                mail_from=settings.sender.address,
                lock_path=settings.storage_dir / "send.lock",
                rate_per_minute=settings.smtp.rate_per_minute if settings.smtp.host else 0,
                on_outcome=on_outcome,
                letters_per_commit=settings.smtp.letters_per_commit,
            )
