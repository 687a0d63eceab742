"""Settings: loaded once from `config/mailflow.toml`, overridden by `MAILFLOW_*` environment variables.

Every setting is declared here with its default and help, so the file, the environment and the README
agree. Passwords come only from the environment (`MAILFLOW_SMTP_PASSWORD`, `MAILFLOW_IMAP_PASSWORD`): a
config file is often committed or mailed around, an environment is not.
"""

from __future__ import annotations

import dataclasses
import difflib
import tomllib
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mailflow.errors import ConfigError

DEFAULT_CONFIG = Path("config/mailflow.toml")
_PACKAGE = Path(__file__).resolve().parent


def shipped(name: str) -> Path:
    """A file mailflow ships (`templates/emails`, `config/campaigns/appeal-2023.toml`, ...), by repository path.

    A wheel carries copies under `mailflow/shipped/` (made by setup.py's build step); a checkout or an
    editable install reads the repository's own folders, which stay the one source.
    """
    packaged = _PACKAGE / "shipped" / name
    return packaged if packaged.exists() else _PACKAGE.parent / name


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class DatabaseSettings:
    url: str = _setting("sqlite:///storage/mailflow.db", "SQLAlchemy URL; relative SQLite paths are under the root")


@dataclass(frozen=True)
class StorageSettings:
    dir: str = _setting("storage", "runtime data: outbox copies, previews, digests, the local Maildir")
    max_attachment_bytes: int = _setting(10_000_000, "attachments larger than this are flagged, not read")
    max_message_bytes: int = _setting(25_000_000, "messages larger than this are recorded and flagged")


@dataclass(frozen=True)
class CampaignSettings:
    file: str = _setting("config/campaigns/appeal-2023.toml", "the default campaign file")


@dataclass(frozen=True)
class MailboxSettings:
    kind: str = _setting("maildir", "where replies are read from: maildir or imap")
    maildir: str = _setting("storage/maildir", "the local Maildir (kind = maildir)")
    host: str = _setting("", "IMAP server host (kind = imap)")
    port: int = _setting(993, "IMAP port")
    security: str = _setting("ssl", "ssl, starttls or none")
    ca_file: str = _setting("", "CA certificate (PEM) for a server with a private certificate; empty: the system's")
    user: str = _setting("", "IMAP login; the password is MAILFLOW_IMAP_PASSWORD")
    folder: str = _setting("INBOX", "folder the replies arrive in")


@dataclass(frozen=True)
class WorkerSettings:
    filing: str = _setting("move", "after processing: move to mailflow/processed|review|automatic, or flag")
    batch: int = _setting(500, "at most this many messages per fetch")
    wait_seconds: int = _setting(60, "IDLE (or poll) this long between fetches; IDLE is renewed well before 9 min")
    acknowledge: bool = _setting(True, "send the acknowledgement letter after a reply is recorded automatically")
    parse_processes: int = _setting(0, "processes reading a backlog ahead; 0: one per CPU core if there are several")
    read_seconds: int = _setting(10, "a message still being read after this long is stopped and quarantined")


@dataclass(frozen=True)
class SmtpSettings:
    host: str = _setting("", "SMTP server host; empty writes letters to storage/outbox instead of sending")
    port: int = _setting(587, "SMTP port")
    security: str = _setting("starttls", "starttls, ssl or none")
    user: str = _setting("", "SMTP login; the password is MAILFLOW_SMTP_PASSWORD")
    rate_per_minute: int = _setting(20, "at most this many letters a minute (providers reject bursts)")
    letters_per_commit: int = _setting(
        8,
        "without a rate limit (rate_per_minute = 0), letters marked `sending` with one database commit, 1 to 50: "
        "a crash may leave this many `uncertain`",
    )


@dataclass(frozen=True)
class SenderSettings:
    name: str = _setting("Оргкомитет многостороннего диалога", "display name on every letter")
    address: str = _setting("dialog@committee.example", "From address of every letter")
    reply_plus_tokens: bool = _setting(True, "Reply-To as address+token so replies match their recipient")


@dataclass(frozen=True)
class ScheduleSettings:
    timezone: str = _setting("Asia/Bishkek", "time zone of every scheduled job")
    poll_minutes: int = _setting(5, "how often to poll the mailbox when IMAP IDLE is not available")
    remind_after_days: int = _setting(7, "remind a recipient who has not answered after this many days")
    max_reminders: int = _setting(2, "at most this many reminders per recipient")
    digest: str = _setting("mon 09:00", "when the weekly digest goes out: day and local time")
    appeal_at: str = _setting("", "when the worker sends the appeal (2023-03-02 10:00, local time); empty: by hand")


@dataclass(frozen=True)
class CommitteeSettings:
    addresses: tuple[str, ...] = _setting((), "who receives the weekly digest")
    web_url: str = _setting("http://127.0.0.1:8000", "the review pages' address, for links in the digest")
    web_proxies: int = _setting(0, "reverse proxies in front of `mailflow web` whose X-Forwarded-For is trusted")


@dataclass(frozen=True)
class Settings:
    root: Path
    database: DatabaseSettings = field(default_factory=DatabaseSettings)
    storage: StorageSettings = field(default_factory=StorageSettings)
    campaign: CampaignSettings = field(default_factory=CampaignSettings)
    mailbox: MailboxSettings = field(default_factory=MailboxSettings)
    worker: WorkerSettings = field(default_factory=WorkerSettings)
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    sender: SenderSettings = field(default_factory=SenderSettings)
    schedule: ScheduleSettings = field(default_factory=ScheduleSettings)
    committee: CommitteeSettings = field(default_factory=CommitteeSettings)
    smtp_password: str = field(default="", repr=False)
    imap_password: str = field(default="", repr=False)

    def path(self, value: str) -> Path:
        """A configured path; relative ones are under the project root (the config folder's parent)."""
        p = Path(value)
        return p if p.is_absolute() else self.root / p

    def project_file(self, value: str, default: str) -> Path:
        """A configured file under the project root; the shipped copy when the setting is still its default
        and the project has no such file (running from any folder without a config uses the embedded one)."""
        own = self.path(value)
        return shipped(default) if value == default and not own.exists() else own

    @property
    def campaign_file(self) -> Path:
        return self.project_file(self.campaign.file, CampaignSettings.file)

    @property
    def zone(self) -> ZoneInfo:
        """`schedule.timezone`: every time a person reads (pages, terminal, letters) is shown in it."""
        return ZoneInfo(self.schedule.timezone)

    @property
    def storage_dir(self) -> Path:
        return self.path(self.storage.dir)

    @property
    def database_url(self) -> str:
        """The URL with a relative SQLite path anchored at the root, so cwd does not matter."""
        url = self.database.url
        prefix = "sqlite:///"
        if url.startswith(prefix) and not url.startswith(prefix + "/") and url != "sqlite:///:memory:":
            return prefix + str(self.path(url[len(prefix) :]))
        return url


def in_zone(moment: datetime, zone: ZoneInfo) -> datetime:
    """`moment` on the committee's clock; naive datetimes are UTC (SQLite hands them back so even for
    timezone-aware columns)."""
    return (moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)).astimezone(zone)


def local_time(moment: datetime, zone: ZoneInfo) -> str:
    """`2023-03-02 15:15` in `zone`, for the terminal; the zone is named once per listing, not on every time."""
    return f"{in_zone(moment, zone):%Y-%m-%d %H:%M}"


SECTIONS: dict[str, type[Any]] = {
    f.name: typing.get_type_hints(Settings)[f.name]
    for f in dataclasses.fields(Settings)
    if f.name not in ("root", "smtp_password", "imap_password")
}
CHOICES = {
    "mailbox.kind": ("maildir", "imap"),
    "mailbox.security": ("ssl", "starttls", "none"),
    "worker.filing": ("move", "flag"),
    "smtp.security": ("ssl", "starttls", "none"),
}


def _convert(name: str, kind: Any, value: Any, from_env: bool) -> Any:
    try:
        if kind is bool:
            if isinstance(value, bool):
                return value
            if from_env and str(value).lower() in ("1", "true", "yes", "on", "0", "false", "no", "off"):
                return str(value).lower() in ("1", "true", "yes", "on")
            raise ValueError("expected true or false")
        if kind is int:
            if isinstance(value, bool) or not isinstance(value, int | str):
                raise ValueError("expected a whole number")
            try:
                number = int(value)
            except ValueError:
                raise ValueError("expected a whole number") from None  # not Python's "invalid literal for int()"
            if number < 0:
                raise ValueError("must not be negative")
            return number
        if kind == tuple[str, ...]:
            items = value.split(",") if from_env and isinstance(value, str) else value
            if not isinstance(items, list | tuple):
                raise ValueError("expected a list of strings")
            return tuple(str(i).strip() for i in items if str(i).strip())
        if not isinstance(value, str):
            raise ValueError("expected a string")
        return value
    except (TypeError, ValueError) as exc:
        raise ConfigError(name, f"{value!r}: {exc}") from exc


# the MAILFLOW_* variables that are not settings: read by the CLI, the secrets and the web app
OTHER_VARIABLES = ("MAILFLOW_CONFIG", "MAILFLOW_SMTP_PASSWORD", "MAILFLOW_IMAP_PASSWORD", "MAILFLOW_WEB_SECRET_KEY")


def unknown_variables(environ: Mapping[str, str]) -> list[str]:
    """One sentence per MAILFLOW_* variable that nothing reads (a typo such as MAILFLOW_SMTP_PORTT would
    otherwise be ignored in silence), with the likely intended name."""
    known = [env for _name, env, _default, _help in describe()] + list(OTHER_VARIABLES)
    found = []
    for name in sorted(environ):
        if name.startswith("MAILFLOW_") and name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            found.append(f"{name} is not a mailflow setting and is ignored{hint}")
    return found


def load_settings(path: Path | None, environ: Mapping[str, str]) -> Settings:
    """Settings from a TOML file (optional) and the environment; ConfigError names the first bad one."""
    data: dict[str, Any] = {}
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ConfigError("config file", f"{path} does not exist") from exc
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError("config file", f"{path} is not valid TOML: {exc}") from exc
    root = path.resolve().parent.parent if path is not None else Path.cwd()
    unknown = set(data) - set(SECTIONS)
    if unknown:
        raise ConfigError(sorted(unknown)[0], "unknown section (see config/mailflow.toml for the list)")
    sections: dict[str, Any] = {}
    for section, cls in SECTIONS.items():
        given = data.get(section, {})
        if not isinstance(given, dict):
            raise ConfigError(section, "must be a table")
        hints = typing.get_type_hints(cls)
        names = {f.name for f in dataclasses.fields(cls)}
        for key in given:
            if "password" in key:
                raise ConfigError(f"{section}.{key}", "passwords come only from the environment (MAILFLOW_*)")
            if key not in names:
                raise ConfigError(f"{section}.{key}", "unknown setting")
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            env_name = f"MAILFLOW_{section}_{f.name}".upper()
            if env_name in environ:
                values[f.name] = _convert(env_name, hints[f.name], environ[env_name], True)
            elif f.name in given:
                values[f.name] = _convert(f"{section}.{f.name}", hints[f.name], given[f.name], False)
            choices = CHOICES.get(f"{section}.{f.name}")
            if choices and values.get(f.name, f.default) not in choices:
                raise ConfigError(f"{section}.{f.name}", f"must be one of {', '.join(choices)}")
        sections[section] = cls(**values)
    settings = Settings(
        root=root,
        **sections,
        smtp_password=environ.get("MAILFLOW_SMTP_PASSWORD", ""),
        imap_password=environ.get("MAILFLOW_IMAP_PASSWORD", ""),
    )
    _check(settings)
    return settings


def _check(settings: Settings) -> None:
    try:
        ZoneInfo(settings.schedule.timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError("schedule.timezone", f"unknown time zone {settings.schedule.timezone!r}") from exc
    if "@" not in settings.sender.address:
        raise ConfigError("sender.address", f"{settings.sender.address!r} is not an email address")
    if settings.mailbox.kind == "imap" and not settings.mailbox.host:
        raise ConfigError("mailbox.host", "is required when mailbox.kind = imap")
    if not 1 <= settings.smtp.letters_per_commit <= 50:  # a group comes from the 50 letters read at once
        raise ConfigError("smtp.letters_per_commit", f"{settings.smtp.letters_per_commit} is not from 1 to 50")
    if not settings.database.url:
        raise ConfigError("database.url", "must not be empty")


def describe() -> list[tuple[str, str, Any, str]]:
    """Every setting as (name, environment variable, default, help), for the README and `config show`."""
    rows = []
    for section, cls in SECTIONS.items():
        for f in dataclasses.fields(cls):
            rows.append((f"{section}.{f.name}", f"MAILFLOW_{section}_{f.name}".upper(), f.default, f.metadata["help"]))
    return rows
