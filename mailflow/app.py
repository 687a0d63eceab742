"""The composition root: builds settings, the database and the campaign once for the CLI, worker and web."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from mailflow.campaign import Campaign, load_campaign
from mailflow.settings import DEFAULT_CONFIG, Settings, load_settings
from mailflow.store.db import make_engine, require_current_schema


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
        return load_campaign(path if path is not None else self.settings.path(self.settings.campaign.file))
