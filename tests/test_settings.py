"""Settings: the file, the environment over it, and one clear line for every bad or missing setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailflow.errors import ConfigError
from mailflow.settings import describe, load_settings, unknown_variables
from tests.conftest import ROOT, Cli

SHIPPED = ROOT / "config" / "mailflow.toml"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config" / "mailflow.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_file_lists_every_setting_with_its_default() -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    for name, env, _default, help_text in describe():
        assert f"{name.split('.')[1]} =" in text, name
        assert env in text and help_text in text
    settings = load_settings(SHIPPED, {})
    assert settings.schedule.timezone == "Asia/Bishkek"


def test_environment_overrides_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, '[smtp]\nhost = "mail.example"\nport = 25\n')
    settings = load_settings(path, {"MAILFLOW_SMTP_PORT": "2525", "MAILFLOW_SENDER_REPLY_PLUS_TOKENS": "no"})
    assert settings.smtp.host == "mail.example"
    assert settings.smtp.port == 2525
    assert settings.sender.reply_plus_tokens is False


def test_relative_sqlite_url_is_anchored_at_the_project_root(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, ""), {})
    assert settings.database_url == f"sqlite:///{tmp_path / 'storage' / 'mailflow.db'}"


def test_passwords_come_only_from_the_environment(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"smtp\.password: passwords come only from the environment"):
        load_settings(write(tmp_path, '[smtp]\npassword = "hunter2"\n'), {})
    settings = load_settings(write(tmp_path, ""), {"MAILFLOW_SMTP_PASSWORD": "hunter2"})
    assert settings.smtp_password == "hunter2"
    assert "hunter2" not in repr(settings)


@pytest.mark.parametrize(
    ("text", "environ", "named"),
    [
        ('[smtp]\nport = "many"\n', {}, "smtp.port"),
        ("", {"MAILFLOW_SMTP_PORT": "x"}, "MAILFLOW_SMTP_PORT"),
        ('[schedule]\ntimezone = "Mars/Olympus"\n', {}, "schedule.timezone"),
        ('[mailbox]\nkind = "pop3"\n', {}, "mailbox.kind"),
        ('[mailbox]\nkind = "imap"\n', {}, "mailbox.host"),
        ("[smtp]\nhots = 1\n", {}, "smtp.hots"),
        ("[smpt]\n", {}, "smpt"),
        ('[sender]\naddress = "nobody"\n', {}, "sender.address"),
        ("[smtp]\nletters_per_commit = 0\n", {}, "smtp.letters_per_commit"),
        ("", {"MAILFLOW_SMTP_LETTERS_PER_COMMIT": "51"}, "smtp.letters_per_commit"),
        ("[smtp\n", {}, "config file"),
    ],
)
def test_bad_setting_is_named(tmp_path: Path, text: str, environ: dict[str, str], named: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(write(tmp_path, text), environ)
    assert caught.value.setting == named


def test_cli_with_a_missing_config_file_prints_one_line(cli: Cli, tmp_path: Path) -> None:
    result = cli("recipients", "list", env={"MAILFLOW_CONFIG": str(tmp_path / "nope.toml")})
    assert result.exit_code == 2
    assert result.output.strip() == f"error: setting config file: {tmp_path / 'nope.toml'} does not exist"


def test_cli_with_a_bad_setting_prints_one_line_and_no_traceback(cli: Cli) -> None:
    result = cli("campaign", "show", env={"MAILFLOW_SMTP_PORT": "lots"})
    assert result.exit_code == 2
    assert result.output.strip() == "error: setting MAILFLOW_SMTP_PORT: 'lots': expected a whole number"


def test_a_setting_that_is_not_a_number_is_named_in_plain_words(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(write(tmp_path, '[smtp]\nport = "many"\n'), {})
    assert str(caught.value) == "setting smtp.port: 'many': expected a whole number"


def test_a_misspelt_environment_variable_is_warned_about_with_the_likely_name(cli: Cli) -> None:
    assert unknown_variables({"MAILFLOW_SMTP_PORTT": "25", "MAILFLOW_WEB_SECRET_KEY": "x", "HOME": "/"}) == [
        "MAILFLOW_SMTP_PORTT is not a mailflow setting and is ignored (did you mean MAILFLOW_SMTP_PORT?)"
    ]
    result = cli("campaign", "show", env={"MAILFLOW_SMTP_PORTT": "25"})
    assert result.exit_code == 0
    assert "warning: MAILFLOW_SMTP_PORTT is not a mailflow setting" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ("campaign", "import"),
        ("digest",),
        ("digest", "--preview", "--end", "next week"),
        ("users", "add"),
        ("recipients", "import", "no-such-list.csv"),
        ("web", "--port", "many"),
    ],
    ids=["missing-argument", "missing-option", "bad-date", "missing-name", "missing-file", "bad-number"],
)
def test_a_usage_mistake_prints_one_line_naming_the_help(cli: Cli, args: tuple[str, ...]) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1, result.output
    assert result.output.startswith("error: ") and "--help)" in result.output
