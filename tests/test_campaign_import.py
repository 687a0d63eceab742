"""Reading a committee letter into a campaign, and the shipped seed campaign."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from mailflow.campaign.letter import Audience, Campaign, Recommendation, dump_campaign, load_campaign
from mailflow.campaign.letter_import import import_letter
from mailflow.errors import CampaignError
from tests.conftest import SEED_CAMPAIGN, Cli

SEED_LETTER = SEED_CAMPAIGN.with_suffix(".txt")  # the seed letter, as the committee wrote it
SEED_IDS = (
    ["1.1", "1.2", "1.3", "1.4", "1.5", "2.1"] + [f"3.{i}" for i in range(1, 9)] + [f"4.{i}" for i in range(1, 6)]
)


def rec(campaign: Campaign, rec_id: str) -> Recommendation:
    found = campaign.get(rec_id)
    assert found is not None, f"{rec_id} missing"
    return found


def seed_text() -> str:
    return SEED_LETTER.read_text(encoding="utf-8")


def test_seed_letter_reproduces_the_shipped_campaign_exactly_but_for_the_panels_topic_words() -> None:
    imported = import_letter(seed_text(), slug="appeal-2023", source="seed")
    shipped = load_campaign(SEED_CAMPAIGN)
    assert all(p.aliases for p in shipped.panels)  # written by hand: no letter says them
    bare = replace(shipped, panels=tuple(replace(p, aliases=()) for p in shipped.panels))
    assert dump_campaign(imported) == dump_campaign(bare)
    assert dump_campaign(shipped) == SEED_CAMPAIGN.read_text(encoding="utf-8")


def test_seed_campaign_has_the_nineteen_ids_of_the_letter() -> None:
    campaign = load_campaign(SEED_CAMPAIGN)
    assert list(campaign.ids) == SEED_IDS
    assert [p.number for p in campaign.panels] == [1, 2, 3, 4]


def test_panel_three_is_split_between_business_and_csos() -> None:
    campaign = load_campaign(SEED_CAMPAIGN)
    audiences = {r.id: r.audience for r in campaign.recommendations}
    assert {i for i, a in audiences.items() if a is Audience.BUSINESS} == {"3.1", "3.2"}
    assert {i for i, a in audiences.items() if a is Audience.CSO} == {f"3.{i}" for i in range(3, 9)}
    assert all(audiences[i] is Audience.ALL for i in SEED_IDS if not i.startswith("3."))


def test_bullet_split_by_a_page_break_is_one_recommendation() -> None:
    campaign = import_letter(seed_text(), slug="s", source="seed")
    assert (
        rec(campaign, "3.3").text
        == "Наращивать собственный потенциал в сфере цифровой грамотности и цифровой безопасности."
    )
    assert rec(campaign, "3.8").text.startswith("Содействовать органам управления")
    assert rec(campaign, "3.8").text.endswith("исключенных категорий граждан.")


def test_bullet_starting_with_a_space_is_recognised() -> None:
    campaign = import_letter(seed_text(), slug="s", source="seed")
    assert rec(campaign, "3.4").text.startswith("Разработать и реализовать широкомасштабные кампании")


def test_wrapped_lines_join_with_single_spaces_and_panel_titles_lose_their_quotes() -> None:
    campaign = import_letter(seed_text(), slug="s", source="seed")
    assert all("  " not in r.text and "\n" not in r.text for r in campaign.recommendations)
    assert campaign.panels[1].title == "Коалиции и сети ОГО как «кровеносная система» процесса развития регионов"


@pytest.mark.parametrize("bullet", ["•", "-", "–", "*", "1.", "1)"])
def test_other_bullet_styles_and_subgroup_headings(bullet: str) -> None:
    letter = f"""Уважаемые коллеги!

Панель 1: «Первая тема»
{bullet} Первая рекомендация, которая
продолжается на второй строке.
{bullet} Вторая рекомендация.

Раздел 2. «Вторая тема»
Бизнес, частный сектор:
{bullet} Для бизнеса.
ОГО:
{bullet} Для ОГО.

Просим ответить.
"""
    campaign = import_letter(letter, slug="t", source="t")
    assert list(campaign.ids) == ["1.1", "1.2", "2.1", "2.2"]
    assert rec(campaign, "1.1").text == "Первая рекомендация, которая продолжается на второй строке."
    assert rec(campaign, "2.1").audience is Audience.BUSINESS
    assert rec(campaign, "2.2").audience is Audience.CSO
    assert campaign.letter.closing == "Просим ответить."


def test_numbered_paragraphs_before_any_panel_are_not_recommendations() -> None:
    letter = "1. Вступление.\n2. Ещё вступление.\n\nПанель 1: «Тема»\n● Единственная.\n"
    campaign = import_letter(letter, slug="t", source="t")
    assert list(campaign.ids) == ["1.1"]


def test_letter_without_recommendations_is_refused() -> None:
    with pytest.raises(CampaignError, match="no recommendations found"):
        import_letter("Уважаемые коллеги!\n\nСпасибо за участие.\n", slug="t", source="empty.txt")


def test_cli_import_then_show_gives_the_nineteen_recommendations(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "x.toml"
    result = cli("campaign", "import", str(SEED_LETTER), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "19 recommendations in 4 panels" in result.output
    assert "business 2, cso 6" in result.output
    shown = cli("campaign", "show", "--json", "--campaign", str(out))
    data = json.loads(shown.output)
    assert [r["id"] for r in data["recommendations"]] == SEED_IDS
    assert set(data) >= {"title", "panels", "recommendations"}
    assert set(data["recommendations"][0]) == {"id", "panel", "text", "audience"}
    default = json.loads(cli("campaign", "show", "--json").output)
    assert default["recommendations"] == data["recommendations"]


def test_cli_import_of_an_empty_letter_fails_with_one_line_and_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    letter = tmp_path / "empty.txt"
    letter.write_text("Здравствуйте.\n", encoding="utf-8")
    out = tmp_path / "x.toml"
    result = cli("campaign", "import", str(letter), "-o", str(out))
    assert result.exit_code == 2
    assert result.output.strip().startswith("error:") and "no recommendations" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not out.exists()


def test_broken_campaign_file_names_the_problem(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(SEED_CAMPAIGN.read_text(encoding="utf-8").replace('id = "1.2"', 'id = "1.1"'), encoding="utf-8")
    result = cli("campaign", "show", "--campaign", str(bad))
    assert result.exit_code == 2
    assert "1.1 appears twice" in result.output


@pytest.mark.parametrize(
    ("typo", "named"),
    [
        (("subject = ", "subjct = "), "unknown field letter.subjct"),
        (('audience = "all"', 'audiense = "all"'), "unknown field recommendations.audiense"),
        (('slug = "appeal-2023"', 'slag = "appeal-2023"'), "unknown field slag"),
    ],
    ids=["letter", "recommendation", "top-level"],
)
def test_an_unknown_field_in_a_campaign_file_is_refused_with_its_line(
    cli: Cli, tmp_path: Path, typo: tuple[str, str], named: str
) -> None:
    seed = SEED_CAMPAIGN.read_text(encoding="utf-8")
    line = next(n for n, text in enumerate(seed.splitlines(), start=1) if typo[0] in text)  # where the typo goes
    bad = tmp_path / "typo.toml"
    bad.write_text(seed.replace(*typo, 1), encoding="utf-8")
    result = cli("campaign", "show", "--campaign", str(bad))
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {bad}: line {line}: {named}"
