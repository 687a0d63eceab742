"""The one exception root of mailflow and its domain subclasses.

Every error a user can cause (a bad setting, a malformed letter, a broken CSV row, an unreadable message)
is a `MailflowError`; the CLI turns it into one line and a non-zero exit, the worker into a log line and a
recorded failure. Anything else escaping is a bug.
"""

from __future__ import annotations


class MailflowError(Exception):
    """Root of every error mailflow raises on purpose."""


class ConfigError(MailflowError):
    """A setting is missing, malformed or out of range; `setting` names it as the user writes it."""

    def __init__(self, setting: str, problem: str) -> None:
        super().__init__(f"setting {setting}: {problem}")
        self.setting = setting
        self.problem = problem


class CampaignError(MailflowError):
    """A campaign file or a letter to import does not describe a usable campaign."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class RecipientsError(MailflowError):
    """A recipient list has rows that cannot be imported; `problems` holds (line number, message) pairs."""

    def __init__(self, source: str, problems: list[tuple[int, str]]) -> None:
        lines = "; ".join(f"line {line}: {message}" for line, message in problems)
        rows = len({line for line, _ in problems})  # a row with two problems is one bad row
        super().__init__(f"{source}: {rows} bad row(s), nothing imported: {lines}")
        self.source = source
        self.problems = problems


class StorageError(MailflowError):
    """The database cannot be reached or is not at the schema this code expects."""

    def __init__(self, url: str, problem: str) -> None:
        problem = " ".join(problem.split())  # drivers answer in several lines; the CLI shows one
        super().__init__(f"database {url}: {problem}")
        self.url = url
        self.problem = problem


class UnreadableMessage(MailflowError):
    """A message's bytes cannot be parsed as mail at all; the raw bytes are kept and the message flagged."""

    def __init__(self, problem: str) -> None:
        super().__init__(f"unreadable message: {problem}")
        self.problem = problem


class TemplateError(MailflowError):
    """A letter template is missing or fails to render; raised at preview time, before anything is sent."""

    def __init__(self, template: str, problem: str) -> None:
        super().__init__(f"template {template}: {problem}")
        self.template = template
        self.problem = problem


class SendError(MailflowError):
    """An SMTP exchange failed; `permanent` says whether retrying can help (RFC 5321 §4.2.1)."""

    def __init__(self, problem: str, *, permanent: bool, code: int | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.permanent = permanent
        self.code = code


class FetchError(MailflowError):
    """The mailbox (IMAP or Maildir) cannot be read; the fetcher backs off and tries again."""

    def __init__(self, mailbox: str, problem: str) -> None:
        super().__init__(f"mailbox {mailbox}: {problem}")
        self.mailbox = mailbox
        self.problem = problem


class ReviewError(MailflowError):
    """A review item cannot be shown or decided: it does not exist (`missing`), is already closed, or the
    decision names an unknown recommendation, stance or organisation."""

    def __init__(self, item: str, problem: str, *, missing: bool = False) -> None:
        super().__init__(f"review {item}: {problem}")
        self.item = item
        self.problem = problem
        self.missing = missing


class AccountError(MailflowError):
    """A committee member's account cannot be created or changed: the name is taken or the password too short."""

    def __init__(self, username: str, problem: str) -> None:
        super().__init__(f"user {username}: {problem}")
        self.username = username
        self.problem = problem


class ReportError(MailflowError):
    """The consultation's report cannot be made as asked: an unknown language or format, or no PDF library."""

    def __init__(self, what: str, problem: str) -> None:
        super().__init__(f"report {what}: {problem}")
        self.what = what
        self.problem = problem
