"""Every stance word, quantifier, negation and reference is accounted for, or the reply goes to a person.

The sentences are the examples of issue 12 (written for the issue, not taken from the blind batches).
"""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from mailflow.campaign.letter import Campaign
from mailflow.reading.reply import InlinePair, StanceResult

from .support import codes, every, read, stances


@pytest.mark.parametrize("text", ["Одобряем.", "Fully support.", "++", "👍", "Согласны.", "Мы не против."])
def test_bare_assent_to_the_letter_is_agreement_with_all_of_it(text: str, campaign: Campaign) -> None:
    result = read(text, campaign)
    assert stances(result) == every(campaign, "agree")
    assert codes(result) == set()


def test_a_lone_ok_may_only_say_the_letter_arrived(campaign: Campaign) -> None:
    assert codes(read("Ок", campaign)) == {"low_confidence"}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("We cannot endorse every recommendation.", "ambiguous_negation"),
        ("С разделом 2 согласны не полностью.", "ambiguous_negation"),
        ("Всё поддерживаем, кроме 2.1 — её хотим сначала обсудить с членами ассоциации.", "unclear_exception"),
        ("По второй рекомендации не согласны.", "ambiguous_number"),
        ("согласны с 1 по 4", "ambiguous_number"),
        ("Согласны только с 1 панелью", "unclear_exception"),
        ("Наше бишкекское отделение поддерживает все рекомендации.", "partial_speaker"),
        ("Поддерживаем все рекомендации с учётом тех правок, о которых договорились на встрече.", "outside_reference"),
        ("Согласны со всеми. Кроме 1.7 — там лишнее.", "unknown_id"),
        ("Hi, we support all except 4.3.\nBest,\nDaniel", "unclear_exception"),
        ("1.1-1.5 ок, 2.1 ок, 3.1-3.8 против, 4 ок", "ambiguous_number"),
        ("Против 4.3, потому что уже поддержали 4.4.", "unread_words"),
        ("Согласны со всеми, в принципе мы за.", "reservation"),
        ("Со 2-й по 4-ю панели согласны, 1-ю не рассматривали", "no_stance_for_id"),
        ("Ошский областной филиал Сети поддерживает все рекомендации.", "partial_speaker"),
        ("Трое из пяти членов правления поддерживают все рекомендации.", "partial_speaker"),
        ("Прошу считать недействительным наш предыдущий ответ. Со всеми согласны.", "revision"),
        ("Не все рекомендации реалистичны для наших районов, но в целом поддерживаем.", "ambiguous_negation"),
        ("Рекомендации поддерживаем частично.", "vague_scope"),
        ("На собрании наши члены говорили, что 4.3 — это лишняя бюрократия. Остальные поддерживаем.", "indirect"),
        ("Все поддерживаем. Рек. 4.1 — поддерживаем с оговоркой: нужен кодекс этики.", "reservation"),
        ("Отвечаю от себя лично. Со всеми рекомендациями согласна.", "partial_speaker"),
        ("Согласны с 1.1–1.5. По 3-й и 4-й панелям ответим до конца месяца.", "holding"),
        ("Баарын колдойбуз, 3.8-ден башкасын.\nКун-Элек айыл окмоту", "unclear_exception"),
        ("Все панели поддерживаем. Совещательный орган при акимиате считаем лишним.", "unclear_reference"),
    ],
)
def test_a_word_no_claim_accounts_for_sends_the_reply_to_review(text: str, code: str, campaign: Campaign) -> None:
    assert code in codes(read(text, campaign))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("За остальные рекомендации голосуем за. Против 4.3.", {"4.3": ("disagree", None)}),
        ("All fine except 4.3 – we oppose it.", {"4.3": ("disagree", None)}),
        ("по 4.3 воздерживаемся остальные за", {"4.3": ("abstain", None)}),
        ("Согласны с рекомендациями 2 и 3 разделов.", None),
        ("Согласны с 4.1.–4.4.", None),
    ],
)
def test_the_rest_and_other_word_orders_are_read(
    text: str, expected: dict[str, tuple[str, str | None]] | None, campaign: Campaign
) -> None:
    result = read(text, campaign)
    if expected is None:
        named = {"Согласны с рекомендациями 2 и 3 разделов.": ["2.1", *(f"3.{i}" for i in range(1, 9))],
                 "Согласны с 4.1.–4.4.": ["4.1", "4.2", "4.3", "4.4"]}[text]  # fmt: skip
        assert stances(result) == {i: ("agree", None) for i in named}
    else:
        assert stances(result) == every(campaign, "agree", but=expected)
    assert codes(result) == set()


@pytest.mark.parametrize(("text", "stance"), [("саглосны со всеми", "agree"), ("несоглосны со всеми", "disagree")])
def test_stance_words_spelt_as_they_are_said_are_read(text: str, stance: str, campaign: Campaign) -> None:
    assert stances(read(text, campaign)) == every(campaign, stance)


@pytest.mark.parametrize(
    "text",
    ["Panels 1, 2 and 4: agree.", "Согласны с 1, 2 и 4 панелями.", "1, 2, 4-панелдер боюнча макулбуз.",
     "Рекомендации панелей 1–2 и 4 поддерживаем."],
)  # fmt: skip
def test_panels_are_read_in_lists_and_ranges_on_either_side_of_the_word(text: str, campaign: Campaign) -> None:
    panel_3 = {f"3.{i}" for i in range(1, 9)}
    assert set(stances(read(text, campaign))) == set(campaign.ids) - panel_3


def test_a_reason_given_before_the_stance_is_kept(campaign: Campaign) -> None:
    result = read("Поскольку у наших членов нет ресурсов на обучение, рекомендацию 4.4 мы не поддерживаем.", campaign)
    assert stances(result) == {"4.4": ("disagree", "у наших членов нет ресурсов на обучение")}


def test_a_reason_for_abstaining_is_kept(campaign: Campaign) -> None:
    result = read("По 3.5 воздерживаемся, так как это не наш профиль.", campaign)
    assert stances(result) == {"3.5": ("abstain", "это не наш профиль")}


def test_a_sweeping_reading_against_the_words_of_the_reply_is_checked(campaign: Campaign) -> None:
    text = "Согласны, поддерживаем, одобряем, принимаем. Не согласны со всеми рекомендациями."
    result = read(text, campaign)
    assert "cross_check" in codes(result)


def test_an_official_table_of_accepted_and_rejected_is_read(campaign: Campaign) -> None:
    text = "Рекомендация | Позиция\n1.1 | Принимается\n1.2 | Не принимается\n1.3 | Принимается частично"
    assert stances(read(text, campaign)) == {"1.1": ("agree", None), "1.2": ("disagree", None),
                                             "1.3": ("partial", None)}  # fmt: skip


def test_a_kyrgyz_range_is_read(campaign: Campaign) -> None:
    result = read("3.1ден 3.8ге чейин калыс калабыз. Калган сунуштарды колдойбуз.", campaign)
    assert stances(result) == every(campaign, "agree", but={f"3.{i}": ("abstain", None) for i in range(1, 9)})


def test_a_signature_is_not_the_reason_of_the_line_above(campaign: Campaign) -> None:
    result = read("Со всеми согласны, кроме 4.1 — с ней не согласны.\nАжар, ОО «Ак Жол Аялдары»", campaign)
    assert stances(result)["4.1"] == ("disagree", None)


def test_an_agreement_keeps_the_reason_the_respondent_marked(campaign: Campaign) -> None:
    result = read("Так как у нас кенеш не работает с ОГО, 4.5 поддерживаем.", campaign)
    assert stances(result) == {"4.5": ("agree", "у нас кенеш не работает с ОГО")}


def test_a_later_line_on_a_rejected_recommendation_is_its_reason(campaign: Campaign) -> None:
    result = read(
        "Не согласны с 3.2.\n\n3.2 — бизнес-ассоциации заинтересованы в продажах.\n\nС остальными согласны.", campaign
    )
    assert stances(result) == every(
        campaign, "agree", but={"3.2": ("disagree", "бизнес-ассоциации заинтересованы в продажах")}
    )
    assert codes(result) == set()


@pytest.mark.parametrize(
    "text",
    [
        "ok with evrything xcept 2.1 which we dont support",  # an exception word the reader does not know
        "We back the digital panel fully and have no particular view on the first two.",  # ordinals, no panel word
        "Экинчи панелдин үчүнчү сунушуна макул эмеспиз.",  # "the third recommendation of the second panel"
        "Четвертую и шестую из третьей панели не поддерживаем.",
    ],
)
def test_an_ordinal_or_exception_word_no_reference_took_sends_the_reply_to_review(
    text: str, campaign: Campaign
) -> None:
    assert codes(read(text, campaign)) & {"unread_words", "ambiguous_number", "unclear_exception", "no_scope"}


def test_a_panel_whose_recommendations_no_claim_took_sends_the_reply_to_review(campaign: Campaign) -> None:
    assert "unread_words" in codes(read("Раздел 2 — согласны, 2.1 особенно. Раздел 4 — 4.4 согласны", campaign))


def test_a_panel_heading_with_a_colon_only_frames_the_ids_under_it(campaign: Campaign) -> None:
    result = read("Раздел 2: 2.1 согласны, раздел 4: 4.4 согласны", campaign)
    assert (_stance_only(result), codes(result)) == ({"2.1": "agree", "4.4": "agree"}, set())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Поддерживаем всё, особенно 1.3!", "all"),
        ("Section 4 — agree, 4.2 especially relevant for our district.", "panel 4"),
    ],
)
def test_an_emphasised_id_does_not_narrow_the_whole_it_is_picked_from(
    text: str, expected: str, campaign: Campaign
) -> None:
    result = read(text, campaign)
    ids = set(campaign.ids) if expected == "all" else {r.id for r in campaign.in_panel(4)}
    assert stances(result) == {i: ("agree", None) for i in ids}
    assert codes(result) == set()


def test_a_network_passing_on_its_members_answers_is_not_one_organisation_speaking(campaign: Campaign) -> None:
    text = "Направляем ответы членов сети:\nОО «Ынтымак» — со всеми согласны;\nОФ «Бирге» — против 4.3."
    assert "partial_speaker" in codes(read(text, campaign))


def test_a_cut_short_abstention_is_still_an_abstention(campaign: Campaign) -> None:
    assert stances(read("по 3.5 воздерж", campaign)) == {"3.5": ("abstain", None)}


def test_an_ordinal_inside_the_reason_sentence_is_part_of_the_reason(campaign: Campaign) -> None:
    result = read("Не согласны с 4.3. Один такой совет у нас уже есть, второй не нужен.", campaign)
    assert stances(result) == {"4.3": ("disagree", "Один такой совет у нас уже есть, второй не нужен")}
    assert codes(result) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.1+ 1.2+ 2.1+ 3.4- 3.5+ 4.2- 4.5+", {"3.4": "disagree", "4.2": "disagree"}),
        ("3.1- 3.8 поддерживаем", None),  # one stuck dash with no other votes is still a range
    ],
)
def test_a_row_of_votes_reads_a_stuck_dash_as_a_minus_not_a_range(
    text: str, expected: dict[str, str] | None, campaign: Campaign
) -> None:
    result = stances(read(text, campaign))
    if expected is None:
        assert result == {f"3.{i}": ("agree", None) for i in range(1, 9)}
    else:
        assert {k: v[0] for k, v in result.items() if v[0] != "agree"} == expected
        assert len(result) == 7


def test_an_all_in_a_sentence_with_no_stance_read_sends_the_reply_to_review(campaign: Campaign) -> None:
    result = read("All sorted on our end 🙌\n\nExcept 2.1 — we're against it.", campaign)
    assert stances(result) == {"2.1": ("disagree", None)}
    assert "unread_words" in codes(result)


def test_an_exception_whose_rest_has_no_stance_word_goes_to_review(campaign: Campaign) -> None:
    result = read("Со всеми, кроме 1.4 — против.", campaign)
    assert "unread_words" in codes(result)


def test_a_neuter_organisation_that_agrees_with_all_is_read(campaign: Campaign) -> None:
    result = read("ОО «Бирге» согласно со всеми рекомендациями, кроме 2.1 — против.", campaign)
    assert stances(result) == every(campaign, "agree", but={"2.1": ("disagree", None)})


@pytest.mark.parametrize(
    "text", ["ok with all xcept 1.2 n 4.4 dont agree", "yes to all but 1.2 & 4.4 - we dont support"]
)
def test_phone_spellings_of_except_and_dont_are_read(text: str, campaign: Campaign) -> None:
    result = stances(read(text, campaign))
    assert {k for k, v in result.items() if v[0] == "disagree"} == {"1.2", "4.4"}


def test_russian_typed_in_latin_letters_is_read_as_the_cyrillic_it_stands_for(campaign: Campaign) -> None:
    result = read("privet, my soglasny so vsemi krome 2.1, po nei protiv", campaign)
    assert stances(result) == every(campaign, "agree", but={"2.1": ("disagree", None)})
    assert codes(result) == set()


def test_russian_in_latin_letters_that_reads_oddly_still_goes_to_a_person(campaign: Campaign) -> None:
    assert codes(read("dobryi den. my za, no 3.6 i 3.7 ne ponyatno chto imeetsya v vidu", campaign))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("По рек. 3,5 — против. Остальные поддерживаем.", {"3.5": ("disagree", None)}),
        ("по п. 4,3 против, остальные за", {"4.3": ("disagree", None)}),
    ],
)
def test_a_decimal_comma_after_a_singular_recommendation_word_is_an_id(
    text: str, expected: dict[str, tuple[str, str | None]], campaign: Campaign
) -> None:
    result = read(text, campaign)
    assert stances(result) == every(campaign, "agree", but=expected)
    assert codes(result) == set()


def test_items_after_a_plural_word_are_a_list_of_numbers_not_an_id(campaign: Campaign) -> None:
    assert "ambiguous_number" in codes(read("п.п. 1,2 поддерживаем.", campaign))


@pytest.mark.parametrize("text", ["At our meeting of 14 March we endorsed all.", "On March 14 we endorsed all."])
def test_a_day_of_the_month_is_not_a_loose_number(text: str, campaign: Campaign) -> None:
    result = read(text, campaign)
    assert stances(result) == every(campaign, "agree")
    assert codes(result) == set()


def test_words_of_the_minority_side_that_a_recorded_stance_explains_are_not_a_cross_check(
    campaign: Campaign,
) -> None:
    result = read("1.5 — против\n4.4 — против\nпо всем остальным — согласны", campaign)
    assert codes(result) == set()
    assert stances(result) == every(campaign, "agree", but={"1.5": ("disagree", None), "4.4": ("disagree", None)})


def test_each_list_item_is_read_on_its_own_even_after_a_long_line(campaign: Campaign) -> None:
    text = (
        "- Panel 1 — agree, and our members are ready to host the regional trainings in spring\n"
        "- Panel 2 — 2.1 не поддерживаем"
    )
    result = stances(read(text, campaign))
    assert result["2.1"] == ("disagree", None)
    assert {result[i][0] for i in ("1.1", "1.5")} == {"agree"}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("We are not in a position to formally endorse these recommendations.", "ambiguous_negation"),
        ("We support the recommendations, with the caveat that 2.1 needs funding.", "reservation"),
        ("Наша позиция изложена в position paper, см. вложение.", "outside_reference"),
        ("Digital — yes, остальное — TBD.", "holding"),
        ("Мен уюмдун катардагы мүчөсү катары жазып жатам: баарына макулбуз.", "partial_speaker"),
        ("2.1 боюнча макул эмеспиз анткени бизде тармак жок, калганы ок", "unread_words"),
    ],
)
def test_what_batch_six_taught_goes_to_review(text: str, code: str, campaign: Campaign) -> None:
    assert code in codes(read(text, campaign))


@pytest.mark.parametrize(
    ("text", "panel", "stance"),
    [
        ("По разделу о цифровых услугах — воздерживаемся. Остальные поддерживаем.", 3, "abstain"),
        ("По данным и цифровым услугам — воздерживаемся, остальные поддерживаем.", 3, "abstain"),
        ("По разделу «Коалиции и сети ОГО» — против, остальные поддерживаем.", 2, "disagree"),
        ("We abstain on the section on digital services and support the rest.", 3, "abstain"),
    ],
)
def test_a_panel_named_by_its_topic_is_read_as_that_panel(
    text: str, panel: int, stance: str, campaign: Campaign
) -> None:
    result = read(text, campaign)
    named = {r.id: (stance, None) for r in campaign.in_panel(panel)}
    assert {k: (v[0], None) for k, v in stances(result).items()} == every(campaign, "agree", but=named)


@pytest.mark.parametrize(
    "text", ["По цифровым — воздерживаемся. Остальные поддерживаем.", "Санариптик сунуштарга макулбуз."]
)
def test_one_topic_word_without_a_panel_word_may_mean_some_of_them_and_goes_to_a_person(
    text: str, campaign: Campaign
) -> None:
    assert "vague_scope" in codes(read(text, campaign))


@pytest.mark.parametrize(
    "text",
    ["Поддерживаем 3.4 по цифровой грамотности.", "Наша Сеть по цифровым правам поддерживает 3.4."],
)
def test_topic_words_that_describe_one_recommendation_do_not_name_its_panel(text: str, campaign: Campaign) -> None:
    assert stances(read(text, campaign)) == {"3.4": ("agree", None)}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Не можем поддержать рекомендации, которые не учитывают интересы сёл.", "vague_scope"),
        ("Пишу от имени Союза пасечников — члена Сети ОГО Чуйской области. Согласны со всеми.", "partial_speaker"),
        ("Согласны со всеми. По 2.1, наверное, против.", "reservation"),
        ("Правление просило передать, что 1.4 нам не подходит.", "indirect"),
    ],
)
def test_what_batch_seven_taught_goes_to_review(text: str, code: str, campaign: Campaign) -> None:
    assert code in codes(read(text, campaign))


def test_objections_denied_a_few_words_later_are_agreement(campaign: Campaign) -> None:
    result = read("Возражений по Рекомендациям не имеем.", campaign)
    assert stances(result) == every(campaign, "agree")


def test_a_panel_named_with_no_stance_read_waits_for_one_and_else_goes_to_review(campaign: Campaign) -> None:
    assert "no_stance_for_id" in codes(read("1.1-1.5 да\n2 панель целиком\n4.1 нет", campaign))


def test_a_list_ending_in_an_id_is_not_joined_to_the_capitalised_line_under_it(campaign: Campaign) -> None:
    text = "Согласны / Agree: 1.1–1.5, 2.1, 3.1–3.8, 4.1, 4.2, 4.4, 4.5\nВоздерживаемся / Abstain: 4.3"
    assert stances(read(text, campaign)) == every(campaign, "agree", but={"4.3": ("abstain", None)})


def test_a_negated_ok_is_a_disagreement(campaign: Campaign) -> None:
    result = read("2.1 не ок, 4.4 не ок. Остальное ок.", campaign)
    assert stances(result) == every(campaign, "agree", but={"2.1": ("disagree", None), "4.4": ("disagree", None)})


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("- с 1 по 2 ок\n- 4.4 не ок", "ambiguous_number"),
        ("We concur with all of them save 1.2, on which we will submit a separate note.", "holding"),
        ("1.4 менен макул эмеспиз. Калганы боюнча төрагабыз келгенде айтабыз.", "holding"),
        ("Тармак атынан эмес, өзүбүздүн комитет атынан жазып жатабыз: баарына макулбуз.", "partial_speaker"),
        ("Позиция будет сформирована по итогам заседания Совета. Предварительно не возражаем против 2.1.", "holding"),
    ],
)
def test_what_batch_eight_taught_goes_to_review(text: str, code: str, campaign: Campaign) -> None:
    assert code in codes(read(text, campaign))


@pytest.mark.parametrize(
    "text",
    [
        "Согласны со всеми рекомендациями.\nОстальные филиалы пришлют свои ответы сами.",
        "We support all of them.\nOur Naryn team will add its comments after the board meets.",
        "Баарына макулбуз.\nКалган айылдар өзүнчө жазышат, азырынча билбейбиз.",
    ],
)
def test_a_sentence_nobody_read_that_speaks_of_later_or_of_others_goes_to_a_person(
    text: str, campaign: Campaign
) -> None:
    assert "unread_words" in codes(read(text, campaign))


@pytest.mark.parametrize(
    "text",
    [
        "Наша ассоциация объединяет сорок швейных цехов.\nСогласны со всеми рекомендациями.",
        "Желаем всем здоровья и благополучия.\nСо всеми рекомендациями согласны.",
    ],
)
def test_a_sentence_about_the_organisation_or_a_wish_does_not_stop_the_reading(text: str, campaign: Campaign) -> None:
    assert codes(read(text, campaign)) == set()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Макулбуз, 1.3 жана 4.2 бизге өзгөчө керек.", "unread_words"),
        ("ща не можем ответить, после сессии напишем", "holding"),
        ("4.2 согласны, эгер топко аялдар кирсе.", "condition"),
        ("Не можем поддержать рекомендации, противоречащие закону. В остальном возражений нет.", "vague_scope"),
        ("soglasny so vsemi krome 1.4, tam ne ponyatno kto eto budet delat", "unclear_exception"),
    ],
)
def test_what_batch_nine_taught_goes_to_review(text: str, code: str, campaign: Campaign) -> None:
    assert code in codes(read(text, campaign))


def test_a_kyrgyz_exception_before_its_stance_leaves_the_rest_to_the_stance(campaign: Campaign) -> None:
    result = stances(read("2-панелден башкасына макулбуз.", campaign))
    assert {k for k, v in result.items() if v[0] == "agree"} == set(campaign.ids) - {"2.1"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.4 ❌ (у нас нет денег)\n2.1 ✅", {"1.4": "disagree", "2.1": "agree"}),
        ("1.4 – не ок (не наша сфера)", {"1.4": "disagree"}),
        ("2.1 nah", {"2.1": "disagree"}),
        ("4.2 – agnostic", {"4.2": "abstain"}),
        ("1.3 👍👍 очень нужно", {"1.3": "agree"}),
    ],
)
def test_answers_in_a_row_of_ids_with_symbols_slang_and_brackets_are_read(
    text: str, expected: dict[str, str], campaign: Campaign
) -> None:
    assert {k: v[0] for k, v in stances(read(text, campaign)).items()} == expected


def test_a_kyrgyz_not_ok_after_a_panel_is_a_disagreement(campaign: Campaign) -> None:
    assert {v[0] for v in stances(read("2-панель ок эмес", campaign)).values()} == {"disagree"}


@pytest.mark.parametrize(
    ("text", "stance"),
    [("Считаем необходимым поддержать рекомендацию 1.2.", "agree"), ("Полагаем преждевременным 4.3.", "disagree")],
)
def test_the_legal_phrasing_of_a_position_is_read(text: str, stance: str, campaign: Campaign) -> None:
    assert {v[0] for v in stances(read(text, campaign)).values()} == {stance}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("We support the recommendations about coalitions. The digital ones are not for us.", "vague_scope"),
        ("Пересылаем ответы трёх организаций:\n«Ынтымак» — согласны со всем.", "partial_speaker"),
    ],
)
def test_what_batch_ten_taught_goes_to_review(text: str, code: str, campaign: Campaign) -> None:
    assert code in codes(read(text, campaign))


def test_a_kyrgyz_case_ending_on_an_id_is_not_a_russian_negation(campaign: Campaign) -> None:
    result = stances(read("Биз 1.2 жана 4.4нү колдойбуз, калганына пикирибиз жок.", campaign))
    assert {k for k, v in result.items() if v[0] == "agree"} == {"1.2", "4.4"}
    assert {v[0] for k, v in result.items() if k not in ("1.2", "4.4")} == {"abstain"}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Panel 1 ok. Panel 2 and 4 whatever, up to you.", "no_stance_for_id"),
        ("Мы согласны с цифровыми, остальное потом посмотрим", "holding"),
        ("We support 1.1. We might also be in a position to support 2.1.", "reservation"),
        ("Following up on my email from last week: I now disagree with 4.4.", "revision"),
    ],
)
def test_what_batch_eleven_taught_goes_to_review(text: str, code: str, campaign: Campaign) -> None:
    assert code in codes(read(text, campaign))


def test_we_skip_is_an_abstention_and_not_our_topic_its_reason(campaign: Campaign) -> None:
    assert stances(read("4.2 — we skip, not our topic.", campaign)) == {"4.2": ("abstain", "not our topic")}


@pytest.mark.parametrize(
    "text",
    [
        "We are fully on board with all recommendations.",
        "We're in favour of all the recommendations.",
        "Count us in on all 19.",
        "We back all recommendations.",
        "Нас устраивают все рекомендации.",
        "Приветствуем все рекомендации.",
        "Солидарны со всеми рекомендациями.",
        "Присоединяемся ко всем рекомендациям.",
        "Бардык сунуштарды жактырабыз.",
        "Yes to everything.",
    ],
)
def test_everyday_ways_of_saying_yes_to_all_are_read(text: str, campaign: Campaign) -> None:
    result = read(text, campaign)
    assert (stances(result), codes(result)) == (every(campaign, "agree"), set())


def _stance_only(result: StanceResult) -> dict[str, str]:
    return {rec_id: stance for rec_id, (stance, _reason) in stances(result).items()}


def _read_clean(
    text: str, want: Mapping[str, str | None], campaign: Campaign, language: str = "ru"
) -> tuple[dict[str, str | None], set[str]]:
    """The stances read on the recommendations `want` names, and every review code the reply got; a
    recommendation `want` maps to None must have no stance read (it shows what was read, if any)."""
    result = read(text, campaign, language=language)
    got = _stance_only(result)
    return {k: got.get(k) for k in want if k in got or want[k] is None}, codes(result)


def _read_with_reasons(
    text: str, want: dict[str, tuple[str, str | None]], campaign: Campaign, language: str = "ru"
) -> tuple[dict[str, tuple[str, str | None] | None], set[str]]:
    """The stances and reasons read on the recommendations `want` names, and every review code the reply got."""
    result = read(text, campaign, language=language)
    return {k: stances(result).get(k) for k in want}, codes(result)


@pytest.mark.parametrize(
    "text",
    [
        "Strongly disagree with 3.5. The rest - fully on board.",
        "With 3.5 we cannot agree. Others are fine.",
        "All good except 3.5 – no.",
        "Happy with all recommendations except 3.5, which we oppose.",
        "3.5ти жактырбайбыз, калгандарына макулбуз.",
        "Поддерживаем все рекомендации; 3.5 — против.",
        "Мы со всеми согласны, только по 3.5 против, к нам все равно не придут.",
        "Особенно поддерживаем 1.1 и 1.2. Остальные тоже поддерживаем, кроме 3.5 — против.",
    ],
)
def test_all_but_one_rejected_is_read_in_everyday_words(text: str, campaign: Campaign) -> None:
    result = read(text, campaign)
    want = {rec_id: "agree" for rec_id in campaign.ids} | {"3.5": "disagree"}
    assert (_stance_only(result), codes(result)) == (want, set())


@pytest.mark.parametrize(
    ("text", "panels"),
    [("С первыми тремя панелями согласны.", (1, 2, 3)), ("We agree with the last two sections.", (3, 4))],
)
def test_the_first_or_last_panels_counted_are_read(text: str, panels: tuple[int, ...], campaign: Campaign) -> None:
    ids = [r.id for n in panels for r in campaign.in_panel(n)]
    assert _stance_only(read(text, campaign)) == dict.fromkeys(ids, "agree")


def test_an_exception_only_hedged_about_is_not_a_rejection(campaign: Campaign) -> None:
    # (", but 4.3 …" is a "but", not "all but 4.3": a reservation, as the writer of b2-044 labelled it)
    assert "reservation" in codes(read("All good from our side, but 4.3 seems unrealistic.", campaign))


def test_only_with_one_panel_still_asks_about_the_others(campaign: Campaign) -> None:
    assert "unclear_exception" in codes(read("Согласны только с 1 панелью.", campaign))


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Поддерживаем все, кроме 4.1 (против) и 4.3 (воздерживаемся).", {"4.1": "disagree", "4.3": "abstain"}),
        ("По панели 3 согласны частично (3.1–3.4 да, 3.5–3.8 нет).", {"3.5": "disagree", "3.4": "agree"}),
        ("3 часть 3.1 3.3 согласны, 3.2 3.5 3.6 воздержались", {"3.2": "abstain", "3.5": "abstain"}),
        ("agree – 1.1, 1.2, 1.4, 2.1, 3.1, 3.3, 3.4, 3.7, 4.2, 4.4, 4.5\nabstain – 1.3, 1.5, 4.1", {"4.5": "agree"}),
        ("Поддерживаем. Но по 4.3 — против.", {"4.3": "disagree", "4.2": "agree"}),
        ("ОО согласно с рекомендациями панелей №1 и №2.", {"2.1": "agree"}),
    ],
)
def test_each_answer_goes_to_the_ids_that_head_it(text: str, want: dict[str, str], campaign: Campaign) -> None:
    result = read(text, campaign)
    assert (codes(result), {k: v for k, v in _stance_only(result).items() if k in want}) == (set(), want)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("В прошлом письме мы написали, что согласны со всеми. Уточняем: с 3.5 мы не согласны.", "revision"),
        ("Further to my email of yesterday, we would like to change our position on 3.5: we support it.", "revision"),
        ("Согласны со всеми рекомендациями без исключения.\nПо 4.1 мы категорически против.", "contradiction"),
        ("Санариптик сабаттуулук боюнча сунуштарды колдойбуз.", "vague_scope"),
        ("Поддерживаем рекомендации по цифровой грамотности.", "vague_scope"),
        ("Сунуштардын көбү менен макулбуз.", "vague_scope"),
        ("Мы не согласны с рекомендациями, касающимися бизнеса, и с 3.5.", "vague_scope"),
        ("Everything except 4.3 is fine with us.", "unclear_exception"),
        ("Да всё нормально только вот это про рабочие места в сёлах ну его", "reservation"),
    ],
)
def test_what_batches_thirteen_and_fourteen_taught_goes_to_review(text: str, code: str, campaign: Campaign) -> None:
    assert code in codes(read(text, campaign))


def test_a_document_number_and_moreover_are_not_read_as_scope(campaign: Campaign) -> None:
    text = "Правление (протокол №3 от 17.03.2023) поддерживает все рекомендации. Кроме того, благодарим вас."
    result = read(text, campaign)
    assert (stances(result), codes(result)) == (every(campaign, "agree"), set())


@pytest.mark.parametrize(
    ("text", "rec_id", "reason"),
    [
        ("Панель 3 — согласны, кроме 3.5 и 3.8 (это функция государства, а не ОГО), с ними не согласны.", "3.8",
         "это функция государства, а не ОГО"),
        ("Панель 3 — принимаем, кроме 3.2 (не касается нашей организации, воздерживаемся).", "3.2",
         "не касается нашей организации"),
        ("Айыл жерлеринде интернетке жетүү кыйын болгондуктан, 3.8-сунушту колдойбуз.", "3.8",
         "Айыл жерлеринде интернетке жетүү кыйын"),
        ("Это задача государства.\n\nВ связи с изложенным Ассоциация не поддерживает рекомендацию 3.8.", "3.8",
         "Это задача государства"),
    ],
)  # fmt: skip
def test_a_reason_in_a_bracket_before_the_stance_or_in_the_sentence_before_is_kept(
    text: str, rec_id: str, reason: str, campaign: Campaign
) -> None:
    assert stances(read(text, campaign))[rec_id][1] == reason


def test_a_bracket_that_only_gives_the_stance_is_no_reason(campaign: Campaign) -> None:
    result = read("Поддерживаем все, кроме 4.1 (против) и 4.3 (по ней воздерживаемся).", campaign)
    assert (stances(result)["4.1"], stances(result)["4.3"]) == (("disagree", None), ("abstain", None))


def test_a_stance_given_its_reason_by_the_sentence_before_waits_for_no_other(campaign: Campaign) -> None:
    text = "Совет обсудил это ещё раз.\nПоэтому по 4.1 мы теперь против.\nБизнес не придёт в наши советы."
    assert stances(read(text, campaign))["4.1"] == ("disagree", "Совет обсудил это ещё раз")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("1.1–1.5, 2.1 жана 4.1–4.5-сунуштарды колдойбуз.", {"4.3": "agree", "1.2": "agree"}),
        ("On Panel 3, we disagree with 3.5.", {"3.5": "disagree", "3.4": None}),
        ("On Panel 3, we support 3.1 and 3.3; we partially support 3.2: it needs targets.",
         {"3.3": "agree", "3.2": "partial"}),
        ("We support everything save for 4.3, on which we're neutral.", {"4.3": "abstain"}),
        ("Поддерживаем все, кроме 3.5 и 3.6 — по ним нет позиции.", {"3.6": "abstain"}),
        ("Рекомендацию 3.5 считаем нереалистичной, поддержать её не можем.", {"3.5": "disagree"}),
    ],
)  # fmt: skip
def test_what_batches_fifteen_and_sixteen_taught_is_read(
    text: str, want: dict[str, str | None], campaign: Campaign
) -> None:
    got = _stance_only(read(text, campaign))
    assert {k: got.get(k) for k in want} == want


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The digital literacy points are relevant for us and we support them.", "vague_scope"),
        ("По 3 и 4 панели — согласны частично.", "vague_scope"),
        ("Баарына эле макул эмеспиз.", "ambiguous_negation"),
        ("Ок, спасибо", "low_confidence"),
        ("Our chair mentioned at the meeting that she was fine with the recommendations.", "indirect"),
        ("Согласны с 1.1, 1.4 остальные пока непонятно будем обсуждат на сходе", "holding"),
    ],
)
def test_what_batches_fifteen_and_sixteen_taught_goes_to_review(text: str, code: str, campaign: Campaign) -> None:
    assert code in codes(read(text, campaign))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Мы его поддерживаем.", "no_scope"),
        ("Решение по рекомендациям будет принято на следующем собрании 25 марта, сразу сообщим.", "holding"),
        ("Присоединяемся к ответу, который направит координатор сети.", "outside_reference"),
        ("Поддерживаем 1.1, 1.2, 1.3 — 2.1 и 3.1", "ambiguous_number"),
        ("Согласны со всеми.\nКоординатор сети напишет отдельно по разделу 4.", "holding"),
    ],
)
def test_a_pronoun_a_decision_to_come_or_another_answer_goes_to_review(
    text: str, code: str, campaign: Campaign
) -> None:
    assert code in codes(read(text, campaign))


def test_how_the_answer_was_reached_before_it_is_not_a_doubt(campaign: Campaign) -> None:
    text = "Рассмотрев рекомендации на заседании Совета Ассоциации 10 марта, сообщаем.\nПоддерживаем все рекомендации."
    result = read(text, campaign)
    assert (stances(result), codes(result)) == (every(campaign, "agree"), set())


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Мы согласны со всем, кроме того пункта, где про обучение других организаций.", "unclear_exception"),
        ("As discussed with Ms. Abdyldaeva, we support the recommendations with the amendments in our letter.",
         "outside_reference"),
        ("Коллеги, прошу не учитывать наш вчерашний ответ. Правильно так: по 3.5 мы согласны.", "revision"),
        ("Фонд полностью поддерживает все рекомендации.\nХотели бы отметить, что по 4.1 у нас есть возражения.",
         "contradiction"),
        ("I spoke with our director and she said the association is fine with the recommendations.", "indirect"),
        ("Биздин төрага телефон аркылуу айтты, сунуштардын баарына макул экен.", "indirect"),
        ("We in the youth committee of the Osh Chamber support 1.1-1.5.", "partial_speaker"),
        ("Поддерживаем, как и в прошлом году, с теми же замечаниями.", "outside_reference"),
    ],
)  # fmt: skip
def test_what_batches_seventeen_and_eighteen_taught_goes_to_review(text: str, code: str, campaign: Campaign) -> None:
    assert code in codes(read(text, campaign))


def test_fully_all_of_some_panels_is_no_promise_about_the_others(campaign: Campaign) -> None:
    text = "We fully support all recommendations under Panels 1, 2 and 4.\nWe abstain on 3.1 and 3.2."
    assert "contradiction" not in codes(read(text, campaign))


@pytest.mark.parametrize(
    "text",
    [
        "РЕШИЛИ: одобрить рекомендации диалога.",
        "Поддерживаем рекомендации диалога.",
        "Ассоциация возражений по рекомендациям не имеет.",
        "Бардык сунуштар колдоого алынсын.",
        "Поддерживаем все. Будем рады участвовать в их реализации.",
    ],
)
def test_minutes_third_persons_and_offers_read_as_agreement(text: str, campaign: Campaign) -> None:
    result = read(text, campaign)
    assert (stances(result), codes(result)) == (every(campaign, "agree"), set())


@pytest.mark.parametrize(
    "text",
    [
        "3.5ке противбиз, калгандарына макулбуз.",
        "Согласны со всеми рекомендациями, кроме рек. 3,5 (против — у нас нет интернета).",
        "С 3.5 не согласны. С остальными 18 рекомендациями согласны.",
        "1) Рекомендация 3.5 не поддерживается.\n2) По остальным рекомендациям Общество возражений не имеет.",
    ],
)
def test_one_rejected_and_the_rest_agreed_in_batch_eighteen_words(text: str, campaign: Campaign) -> None:
    result = read(text, campaign)
    want = {rec_id: "agree" for rec_id in campaign.ids} | {"3.5": "disagree"}
    assert (_stance_only(result), codes(result)) == (want, set())


@pytest.mark.parametrize(
    ("text", "panels"),
    [
        ("По панели «Данные, цифровые услуги и цифровые формы участия граждан» — согласны.", (3,)),
        ("Первые две панели («Планирование развития регионов…» и «Коалиции и сети ОГО…») – полностью за.", (1, 2)),
    ],
)
def test_a_panel_quoted_by_its_title_is_the_panel(text: str, panels: tuple[int, ...], campaign: Campaign) -> None:
    result = read(text, campaign)
    ids = [r.id for n in panels for r in campaign.in_panel(n)]
    assert (_stance_only(result), codes(result)) == (dict.fromkeys(ids, "agree"), set())


@pytest.mark.parametrize(
    "text",
    [
        "Agree with all 19. Sorry for brevity - in meetings all day.",
        "+1 to all recs from us.",
        "Fully supportive of all 19. Thanks!",
        "Правление решило:\n- одобрить рекомендации панелей 1, 2 и 4;\n- по панели 3 одобрить 3.1–3.8.",
        "Направляем решение Совета:\n1) Рекомендации 1.1–1.5, 2.1 — одобрить.\n2) Рекомендации 3.1–4.5 — одобрить.",
        "1-панель: бардык сунуштарга макулбуз.\n2.1 – макулбуз.\n3-панель: 3.1–3.8 – макулбуз.\n4-панель: макулбуз.",
    ],
)
def test_phones_minutes_and_framing_panels_read_as_agreement(text: str, campaign: Campaign) -> None:
    result = read(text, campaign)
    assert (stances(result), codes(result)) == (every(campaign, "agree"), set())


def test_an_infinitive_outside_a_decision_is_no_stance(campaign: Campaign) -> None:
    assert "3.1" not in stances(read("Предлагаем поддержать 3.1 позже, после встречи.", campaign))


def test_a_framing_panel_none_of_whose_ids_got_a_stance_goes_to_review(campaign: Campaign) -> None:
    assert "no_stance_for_id" in codes(read("Панель 3:\n4.1 – да.", campaign))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Zdravstvuite, my soglasny so vsemi krome 3.4 i 3.7\nAzamat, Molodejnaya set Batken", "unclear_exception"),
        ("Не согласны с 3.5 и еще с одной из четвертой панели, уточню у председателя и напишу", "vague_scope"),
        ("Не согласны с 3.5 и еще с одной из четвертой панели, уточню у председателя и напишу", "holding"),
        ("Добрый день, с цифровыми согласны, мы как раз этим занимаемся.", "vague_scope"),
        ("Согласны с 1-4", "ambiguous_number"),
        ("The Board endorses the recommendations as amended during the working-group session.", "outside_reference"),
        ("Sorry, late. Yes to all but 4.3 - see Aigerim's email on that one", "outside_reference"),
    ],
)
def test_what_batches_nineteen_and_twenty_taught_goes_to_review(text: str, code: str, campaign: Campaign) -> None:
    assert code in codes(read(text, campaign))


def test_a_range_of_days_is_no_range_of_panels(campaign: Campaign) -> None:
    assert codes(read("Встреча прошла 1-3 марта. Согласны со всеми.", campaign)) == set()


def test_rows_labelled_by_stance_are_not_joined_however_the_row_above_ends(campaign: Campaign) -> None:
    text = "Agree: 1.1–1.5\nDisagree: 4.1 (conflict of interest risk for watchdog organisations)\nAbstain: 4.3"
    assert _stance_only(read(text, campaign)) == dict.fromkeys(("1.1", "1.2", "1.3", "1.4", "1.5"), "agree") | {
        "4.1": "disagree",
        "4.3": "abstain",
    }


@pytest.mark.parametrize(
    "text",
    [
        "Мы прочитали рекомендации и поддерживаем все.",
        "We do not support 3.5. All other recommendations are acceptable to us.",
        "Сунуштамалардын бардык бөлүгү боюнча толук макулбуз.",
    ],
)
def test_read_and_acceptable_and_kyrgyz_parts_are_read(text: str, campaign: Campaign) -> None:
    result = read(text, campaign)
    assert codes(result) == set() and len(stances(result)) == len(campaign.ids)


def test_the_rest_not_concerning_us_is_left_to_a_person(campaign: Campaign) -> None:
    assert "low_confidence" in codes(read("С 3.8 не согласны. Остальные нас не касаются.", campaign))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("3,4 сунуштан башкасына макулбуз.", "ambiguous_number"),
        ("сгласны сос всеми кромк 3.3 ли 3.8 не помню какой там про услуги короче против", "ambiguous_number"),
        ("Биздин тармак кабыл алган стратегиясына шайкеш келген сунуштамаларды колдойбуз.", "vague_scope"),
        ("Добрый день! Согласны со всеми пунктами.\n\nОФ «Таза Суу»\n\nP.S. 3.5 считаем нереалистичной, мы против.",
         "contradiction"),
    ],
)  # fmt: skip
def test_what_batches_twenty_one_and_two_taught_goes_to_review(text: str, code: str, campaign: Campaign) -> None:
    assert code in codes(read(text, campaign))


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Третью панель поддерживаем целиком, остальные — тоже, за исключением 4.2: против.",
         {"1.1": "agree", "3.1": "agree", "4.2": "disagree"}),
        ("Согласны с 3.1 и 3.2, 3.5 — против.", {"3.1": "agree", "3.2": "agree", "3.5": "disagree"}),
        ("We agree with all.\nP.S. Forgot to mention: we disagree with 4.1.", {"4.1": "disagree", "4.2": "agree"}),
    ],
)  # fmt: skip
def test_the_rest_too_and_answers_after_their_ids_are_read(text: str, want: dict[str, str], campaign: Campaign) -> None:
    assert _read_clean(text, want, campaign) == (want, set())


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "Наш председатель вчера сообщил г-же Алымкуловой из оргкомитета, что ассоциация поддерживает все.",
            "indirect",
        ),
        ("We endorse the recommendations insofar as they are consistent with that statement.", "outside_reference"),
        ("We agree with all the recommendations, although we think 3.5 is unrealistic.", "reservation"),
    ],
)
def test_what_batches_twenty_three_and_four_taught_goes_to_review(text: str, code: str, campaign: Campaign) -> None:
    assert code in codes(read(text, campaign))


def test_only_one_answered_no_in_kyrgyz_and_a_modifier_after_the_id(campaign: Campaign) -> None:
    result = read("Все рекомендации колдойбуз, 3.5 гана жок, айылда интернет жок.", campaign)
    assert (_stance_only(result)["3.5"], _stance_only(result)["3.4"], codes(result)) == ("disagree", "agree", set())
    assert _stance_only(read("Поддерживаем 4.3 частично: орган нужен на уровне района.", campaign)) == {
        "4.3": "partial"
    }


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("We support the recommendations with one exception.\n\n4.3 – we do not support it, because such bodies "
         "already exist in most oblasts.", {"4.3": "disagree", "4.2": "agree"}),
        ("Согласны со всеми рекомендациями, кроме двух:\n— 3.2: не согласны, нет ресурсов;\n— 4.1: не согласны.",
         {"3.2": "disagree", "4.1": "disagree", "3.3": "agree"}),
        ("Рек. 3,4 и 3,7 — поддерживаем. Рек. 3,5 — нет. Остальные тоже поддерживаем.",
         {"3.4": "agree", "3.7": "agree", "3.5": "disagree"}),
        ("Most of our board members would not accept businessmen on our board, so we say no to 4.1. Everything "
         "else is fine with us.", {"4.1": "disagree", "4.2": "agree"}),
        ("Ассоциация иштелип чыккан 19 сунушту толугу менен колдой турганын билдирет.",
         {"1.1": "agree", "4.5": "agree"}),
        ("Мы против 3.5. Остальные рекомендации нам подходят.", {"3.5": "disagree", "3.4": "agree"}),
    ],
)  # fmt: skip
def test_counted_exceptions_comma_ids_and_other_nouns_read_without_review(
    text: str, want: dict[str, str], campaign: Campaign
) -> None:
    assert _read_clean(text, want, campaign) == (want, set())


@pytest.mark.parametrize(
    "text",
    [
        "Поддерживаем все рекомендации за двумя исключениями.",
        "Сунуштардын баарын колдойбуз, экөөнөн башка.",
        "Согласны со всеми, кроме одной: 3.5 — против, 4.1 — против.",
        "We agree with all recommendations except two in Panel 3.\n\nWe disagree with 3.5 and with 3.6.",
    ],
)
def test_a_counted_exception_that_the_reply_does_not_name_goes_to_review(text: str, campaign: Campaign) -> None:
    assert "unclear_exception" in codes(read(text, campaign))


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Поддерживаем первую, вторую и четвёртую панели целиком. В третьей панели поддерживаем всё, кроме 3.5, "
         "по ней — против.", {"1.1": "agree", "2.1": "agree", "3.4": "agree", "3.5": "disagree", "4.5": "agree"}),
        ("Биринчи, экинчи жана үчүнчү панелдердин бардык сунуштарын колдойбуз. 4.1–4.5 колдойбуз.",
         {"1.1": "agree", "2.1": "agree", "3.8": "agree", "4.5": "agree"}),
        ("1-жана 2-панелдердин сунуштарына толук макулбуз.", {"1.3": "agree", "2.1": "agree"}),
        ("ОО «Ассоциация предпринимателей Баткенской области» принимает все рекомендации без замечаний.",
         {"1.1": "agree", "4.5": "agree"}),
        ("Мы обсудили рекомендации, все понравились, согласны. Только 4.5 частично, конференцию организовать "
         "согласны.", {"4.4": "agree", "4.5": "partial"}),
        ("Ассоциация сунуштарды жыйында талкуулап, төмөнкүдөй жооп берет:\n2.1 – колдойбуз.\n3.5 – колдобойбуз, "
         "анткени жумуш орундарын түзүү азырынча кыйын.", {"2.1": "agree", "3.5": "disagree"}),
    ],
)  # fmt: skip
def test_ordinal_panel_lists_own_names_and_past_discussions_read_without_review(
    text: str, want: dict[str, str], campaign: Campaign
) -> None:
    assert _read_clean(text, want, campaign) == (want, set())


def test_a_hyphen_before_and_lists_two_panels_not_a_range(campaign: Campaign) -> None:
    result = _stance_only(read("2- жана 4-панелдер боюнча калыс калабыз.", campaign))
    assert (result.get("2.1"), result.get("3.1"), result.get("4.1")) == ("abstain", None, "abstain")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Бирикме 3-марттагы жолугушууда айтылган түзөтүүлөр эске алынса, сунуштарды колдойт.", "outside_reference"),
        ("1-марттагы жыйында биз айткан толуктоолорду эске алуу менен бардык сунуштарды колдойбуз.",
         "outside_reference"),
        ("1-2 панелдерди колдойбуз. 3-4 панелдер боюнча кийинки жумада жиберебиз, талкуулашыбыз керек.", "holding"),
        ("Мүчөлөрдүн жарымы 4.3кө каршы, жарымы макул. Калган сунуштарга баары макул.", "partial_speaker"),
    ],
)  # fmt: skip
def test_kyrgyz_amendments_later_answers_and_split_members_go_to_review(
    text: str, code: str, campaign: Campaign
) -> None:
    assert code in codes(read(text, campaign))


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("We do not support 3.2, because there are no digital business associations in our oblast, and we do not "
         "support 3.5, because job creation is beyond what civil society can influence.",
         {"3.2": ("disagree", "there are no digital business associations in our oblast"),
          "3.5": ("disagree", "job creation is beyond what civil society can influence")}),
        ("3.2 жана 3.6 боюнча калыс калат, анткени бул багытта тажрыйбасы жок; 3.5-сунуштаманы колдобойт, анткени "
         "тармак жок.", {"3.2": ("abstain", "бул багытта тажрыйбасы жок"),
                         "3.6": ("abstain", "бул багытта тажрыйбасы жок"), "3.5": ("disagree", "тармак жок")}),
        ("Биздин айылда интернет жок болгондуктан, 3.5-сунушту колдой албайбыз.",
         {"3.5": ("disagree", "Биздин айылда интернет жок")}),
        ("Учитывая, что наш центр не имеет ресурсов для IT-направлений, по п. 3.2 мы воздерживаемся.",
         {"3.2": ("abstain", "наш центр не имеет ресурсов для IT-направлений")}),
        ("Рекомендации 1,1 – 1,2 поддерживаем.\n3,1; 3,3 – да.\n3,5 – нет, у нас нет кадров.",
         {"1.1": ("agree", None), "1.2": ("agree", None), "3.1": ("agree", None), "3.3": ("agree", None),
          "3.5": ("disagree", "у нас нет кадров")}),
    ],
)  # fmt: skip
def test_each_clause_after_a_reason_keeps_its_own_ids_stance_and_reason(
    text: str, want: dict[str, tuple[str, str | None]], campaign: Campaign
) -> None:
    assert stances(read(text, campaign)) == want


def test_a_lone_comma_pair_that_may_be_two_panels_goes_to_review(campaign: Campaign) -> None:
    assert "ambiguous_number" in codes(read("1,2 — да", campaign))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Со своей стороны поддерживаю 3.1 и 3.7, по остальным пусть ответит руководство.", "holding"),
        ("As I mentioned on the phone yesterday, we no longer support 2.1.", "revision"),
        ("About 80% voted in favour of all 19; a few members objected to 4.1.", "partial_speaker"),
        ("Өткөн жумадагы жолугушууда макулдашылган өзгөртүүлөр менен бардык сунуштарды колдойбуз.",
         "outside_reference"),
    ],
)  # fmt: skip
def test_answers_left_to_others_changed_or_split_go_to_review(text: str, code: str, campaign: Campaign) -> None:
    assert code in codes(read(text, campaign))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Согласны со всеми рекомендациями. 3.5 не поддерживаем. Итого — все 19 принимаем.", "contradiction"),
        ("Ассоциация полностью поддерживает рекомендации четвёртой панели.\nПо остальным панелям — также согласны.\n"
         "Отдельно: привлекать бизнесменов в наблюдательные советы ОГО (4.1) считаем нецелесообразным.",
         "contradiction"),
        ("Бардык сунуштамалар менен эле макул боло албайбыз.", "ambiguous_negation"),
        ("Бизнес менен кызматташуу жөнүндөгү сунуштан башкасына макулбуз.", "unclear_exception"),
        ("Mostly agree. Some of the digital ones aren't relevant for us.", "vague_scope"),
        ("Soglasny, no 4.3 nado obsudit s chlenami, otvetim pozje", "holding"),
        ("Ассоциациянын Ат-Башы райондук бөлүмү катары жазып жатабыз. Биз 4.3кө каршыбыз. Калганына макулбуз.",
         "partial_speaker"),
        ("My colleague who attended told me our organisation had already expressed support for all of them.",
         "indirect"),
        ("Everything is acceptable to us, including 4.3.\n\nBest regards,\nChinara\n\nP.S. Two of our board members "
         "pointed out that 4.3 would duplicate the public councils, and they would rather see it dropped.",
         "unread_words"),
    ],
)  # fmt: skip
def test_a_whole_restated_against_its_part_and_other_doubts_of_batches_31_and_32_go_to_review(
    text: str, code: str, campaign: Campaign
) -> None:
    assert code in codes(read(text, campaign))


@pytest.mark.parametrize(
    "text",
    [
        "Панель 3 поддерживаем полностью, кроме 3.5: против.",
        "Since our members are mostly small farmers, we disagree with 3.4 and 3.7. Everything else: agreed.",
        "«Палата» Баткен облустук филиалы эмес, облустук ассоциация катары жооп берет:\n\n1.1–1.5: макулбуз",
    ],
)
def test_an_exception_set_apart_a_reason_with_mostly_and_not_a_branch_are_no_doubt(
    text: str, campaign: Campaign
) -> None:
    assert codes(read(text, campaign)) == set()


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("— «Коалиции и сети ОГО как \"кровеносная система\"…» — поддерживаем;\n— «Вклад региональных ОГО в решение "
         "местных проблем» — поддерживаем.", {"2.1": "agree", "4.3": "agree"}),
        ("Не согласны: 1.3 (опять всё будет решаться в Бишкеке), 4.4 (ОГО не нуждаются в опеке).\nОстальные принимаем.",
         {"1.3": "disagree", "4.4": "disagree", "1.1": "agree"}),
        ("Поддерживаем рекомендации, кроме 3.2 и 3.6 — с ними не согласны, по остальным вопросов нет.",
         {"3.2": "disagree", "3.6": "disagree", "3.1": "agree"}),
        ("все согласны против ничего нет спасибо", {"1.1": "agree", "4.5": "agree"}),
        ("Так как у нас нет средств, по рекомендации 4.4 вынуждены ответить отрицательно. С остальными согласны.",
         {"4.4": "disagree", "4.3": "agree"}),
        ("I am pleased to confirm that we endorse recommendations 1.1 through 4.5 without reservation.",
         {"1.1": "agree", "4.5": "agree"}),
        ("Given that three IT parks have created fewer than 40 jobs, we cannot endorse 3.5. Everything else has our "
         "support.", {"3.5": "disagree", "3.4": "agree"}),
        ("We disagree with 3.5 and agree with the rest.\n\nOn 3.5: it requires investment in infrastructure first; "
         "CSOs cannot promote it.", {"3.5": "disagree", "3.4": "agree"}),
        ("Катты топтун жыйынында баарыбыз чогуу окудук. Бардык сунуштарды колдойбуз.", {"1.1": "agree"}),
        ("Поддерживаем все пункты. По п. 3.4 и п. 3.7 готовы выступить партнёрами в Нарынской области.",
         {"3.4": "agree", "3.7": "agree"}),
        (" №   | Позиция   | Комментарий\n-----+-----------+------------\n 1.1 | согласны  |\n 1.2 | не согласны | нет",
         {"1.1": "agree", "1.2": "disagree"}),
    ],
)  # fmt: skip
def test_nested_titles_bracket_comments_no_objection_and_offers_read_without_review(
    text: str, want: dict[str, str], campaign: Campaign
) -> None:
    assert _read_clean(text, want, campaign) == (want, set())


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Ознакомились. Вопросов нет.", "no_stance"),
        ("Согласны. Хотя по 3.5 и 3.8 есть вопросы — готовы обсудить на следующей встрече.", "no_stance_for_id"),
        ("Поддерживаем все пункты, связанные с бизнесом. По остальным вопросов нет.", "vague_scope"),
    ],
)
def test_no_questions_alone_doubts_beside_an_offer_and_related_topics_go_to_review(
    text: str, code: str, campaign: Campaign
) -> None:
    assert code in codes(read(text, campaign))


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("1.1 — да.\nТретья панель — полностью поддерживаем.\nЧетвёртая — да, кроме 4.4: нет, мы сами небольшая НКО.",
         {"1.1": "agree", "3.5": "agree", "4.3": "agree", "4.4": "disagree"}),
        ("4.1 — против, остальные 18 — за.", {"4.1": "disagree", "4.2": "agree"}),
        ("Согласны с 1.1 и 2.1.\nНе согласны с 4.3.\nПо 3.5 мнения не имеем.",
         {"1.1": "agree", "3.5": "abstain", "4.3": "disagree"}),
        ("3.6 жана 3.7 бизге түшүнүксүз болду, ошондуктан алар боюнча добуш бербейбиз. Калгандарын колдойбуз.",
         {"3.6": "abstain", "3.5": "agree"}),
        ("бардык 19 сунушту кабыл ала турганыбызды билдиребиз.", {"1.1": "agree", "4.5": "agree"}),
        ("Собрание единогласно одобрило все, кроме 2.1 — по ней воздержались.", {"2.1": "abstain", "1.1": "agree"}),
        ("Биз все рекомендации колдойбуз, 3.5 тен башкасы. 3.5 ке каршыбыз, анткени интернет жок.",
         {"3.5": "disagree", "3.4": "agree"}),
        ("Федерация направляет позицию от имени всех 27 клубов.\n1.1–1.5 — поддерживаем", {"1.1": "agree"}),
        ("Recommendation 4.3 is not something we can support. Everything else in the letter we endorse.",
         {"4.3": "disagree", "4.2": "agree"}),
    ],
)  # fmt: skip
def test_elliptic_ordinal_panels_counted_rests_and_no_opinion_read_without_review(
    text: str, want: dict[str, str], campaign: Campaign
) -> None:
    assert _read_clean(text, want, campaign) == (want, set())


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Согласны со всеми рекомендациями. Единственное — 4.1 считаем неприемлемым.\n\nЕщё раз: со всем согласны!",
         "contradiction"),
        ("Биздин төрага сиздерге телефон аркылуу бардык сунуштарга макул экенибизди айткан.", "indirect"),
        ("Correction to our email of yesterday: where we wrote 3.4 we meant 3.6. So we disagree with 3.6.", "revision"),
        ("Против 4.3. По 1.2 и 2.1 — согласны. Остальное оставляем без комментариев.", "low_confidence"),
        ("Правление одобрило все, кроме 3.5 и 4.3. По ним завтра пришлю обоснование.", "holding"),
    ],
)  # fmt: skip
def test_restated_agreement_phone_hearsay_corrections_and_no_comment_go_to_review(
    text: str, code: str, campaign: Campaign
) -> None:
    assert code in codes(read(text, campaign))


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Калган 18 сунушка макулбуз.\n4.3 — макул эмеспиз.", {"4.3": "disagree", "4.2": "agree"}),
        ("Поддерживаем: все 19 рекомендаций\nНе поддерживаем: —\nВоздерживаемся: —", {"1.1": "agree", "4.5": "agree"}),
        ("Ассоциация поддерживает рекомендации 1,2; 1,5; 2,1; 4,2; 4,5.",
         {"1.2": "agree", "1.5": "agree", "2.1": "agree", "4.2": "agree", "4.5": "agree"}),
        ("We accept the remaining recommendations as well, apart from 3.5, on which we abstain.",
         {"3.5": "abstain", "3.4": "agree"}),
        ("Below is the position of the Tabigat Centre (supported by GIZ):\n\nAgree: 1.1–1.5, 2.1\nDisagree: 3.5",
         {"1.1": "agree", "2.1": "agree", "3.5": "disagree"}),
        ("1-, 2- жана 4-панелдердин сунуштарын колдойбуз.", {"1.1": "agree", "2.1": "agree", "4.5": "agree"}),
    ],
)  # fmt: skip
def test_kyrgyz_counted_rests_empty_labels_comma_lists_and_on_which_read_without_review(
    text: str, want: dict[str, str], campaign: Campaign
) -> None:
    assert _read_clean(text, want, campaign) == (want, set())


def test_one_kyrgyz_recommendation_described_in_words_goes_to_review(campaign: Campaign) -> None:
    assert "unclear_reference" in codes(read("Бизнес менен кызматташуу тууралуу сунушту колдойбуз.", campaign))


def test_a_list_of_ids_after_while_is_not_cut_between_its_ids(campaign: Campaign) -> None:
    text = (
        "Panel 4 we only partly agree with: 4.3 and 4.5 are good and we support them, while on 4.1, 4.2 and 4.4 "
        "we would rather not take a position."
    )
    assert {k: v for k, v in _stance_only(read(text, campaign)).items() if k.startswith("4.")} == {
        "4.1": "abstain", "4.2": "abstain", "4.3": "agree", "4.4": "abstain", "4.5": "agree"
    }  # fmt: skip


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Не согласны с п. 1.4 (про привлечение известных бизнесменов в наблюдательные советы ОГО). Остальное "
         "поддерживаем.", "ambiguous_number"),
        ("Үчүнчү панелдин сунуштарын толук колдой албайбыз. Калган панелдердин сунуштарын колдойбуз.",
         "ambiguous_negation"),
        ("The network supports all recommendations, with one important reservation: the campaigns under 3.4 must be "
         "run in Kyrgyz.", "reservation"),
        ("председатель сказал ответить что мы сагласны со всеми кроме 3.5, по 3.5 он потом сам напишит", "indirect"),
    ],
)  # fmt: skip
def test_an_id_described_as_another_not_fully_and_relayed_answers_go_to_review(
    text: str, code: str, campaign: Campaign
) -> None:
    assert code in codes(read(text, campaign))


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Yes to panels 1 and 2, yes to panel 4.\n\nPanel 3: we agree with everything except 3.6, which we only "
         "partly support: we lack the expertise.", {"1.1": "agree", "3.5": "agree", "3.6": "partial", "4.5": "agree"}),
        ("Бирикме жиберилген сунуштарды карап чыгып, аларга карата эч кандай сын-пикирибиз жок экенин билдиребиз.",
         {"1.1": "agree", "4.5": "agree"}),
    ],
)  # fmt: skip
def test_an_exception_before_which_and_no_criticism_read_without_review(
    text: str, want: dict[str, str], campaign: Campaign
) -> None:
    assert _read_clean(text, want, campaign) == (want, set())


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("As far as I know from our last partners' meeting, they all support the recommendations.", "indirect"),
        ("Мы рыбаки. А что написано про сотрудничество, про местные кенеши — это правильно, поддерживаем.",
         "vague_scope"),
    ],
)  # fmt: skip
def test_what_others_are_known_to_think_and_parts_named_by_topic_go_to_review(
    text: str, code: str, campaign: Campaign
) -> None:
    result = read(text, campaign)
    assert code in codes(result) or "unclear_reference" in codes(result)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Наш ответ (+ согласны, − не согласны, ± частично):\n\n1.1 +   1.2 +\n3.2 −   3.3 +\n4.1 ±   4.2 +",
         {"1.1": "agree", "1.2": "agree", "3.2": "disagree", "3.3": "agree", "4.1": "partial", "4.2": "agree"}),
        ("Agree: 1.1, 1.2\nDisagree: none\nAbstain (not relevant to our work): 1.3, 1.5",
         {"1.1": "agree", "1.2": "agree", "1.3": "abstain", "1.5": "abstain"}),
        ("We accept recommendations 1.1 through 3.8, as well as 4.2, 4.4 and 4.5.\n\nWe do not accept 4.1 and 4.3.",
         {"3.8": "agree", "4.1": "disagree", "4.2": "agree", "4.3": "disagree", "4.5": "agree"}),
        ("По первой панели поддерживаем полностью.\nЧетвертую поддерживаем, за исключением 4.1: мы не готовы.",
         {"1.1": "agree", "4.1": "disagree", "4.2": "agree"}),
        ("Поддерж. все. Тынара", {"1.1": "agree", "4.5": "agree"}),
        ("Panel 3 matters most to us and we fully support 3.1 through 3.8.", {"3.1": "agree", "3.8": "agree"}),
    ],
)  # fmt: skip
def test_legends_votes_in_a_row_empty_labels_and_as_well_as_read_without_review(
    text: str, want: dict[str, str], campaign: Campaign
) -> None:
    assert _read_clean(text, want, campaign) == (want, set())


def test_a_minus_between_two_ids_is_the_first_ids_no_not_a_yes(campaign: Campaign) -> None:
    assert _stance_only(read("3.2 −, 3.3 +", campaign)) == {"3.2": "disagree", "3.3": "agree"}


def test_a_range_before_a_mark_is_a_range_not_a_vote_on_its_first_id(campaign: Campaign) -> None:
    """ "1.1-1.5 ✔" on its own line: the five IDs; it was read as "1.1 −" and "1.5 ✔", 1.1–1.4 dropped unseen."""
    text = "Жооп:\n1.1-1.5 ✔\n2.1 ✔\n3.1-3.8 ✔\n4.1, 4.2 ✔\n4.3 ✘ — мэрияларда мындай кеңештер бар\n4.4, 4.5 ✔"
    got = _stance_only(read(text, campaign))
    assert got == {i: ("disagree" if i == "4.3" else "agree") for i in campaign.ids}


def test_a_no_that_opens_a_new_clause_after_against_does_not_undo_it(campaign: Campaign) -> None:
    """ "против, нет смысла …" is against, then a reason; "Против? Нет." stays "not against"."""
    got = _stance_only(read("Всё поддерживаем, кроме 4.3 — против, нет смысла плодить советы.", campaign))
    assert got["4.3"] == "disagree" and got["4.2"] == "agree"
    assert _stance_only(read("Против, нет.", campaign))["4.3"] == "agree"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Our foundation endorses the recommendations, with one exception: we cannot support 3.5, because job "
         "creation is a matter for government and investors, not for CSOs like ours.",
         {"1.1": "agree", "3.5": "disagree", "4.5": "agree"}),
        ("Please find our response to each recommendation.\n\n1.1-3.8 Agree\n4.1-4.5 Disagree",
         {"1.1": "agree", "3.8": "agree", "4.1": "disagree", "4.5": "disagree"}),
        ("We support 3.1 through 3.8, and our members are keen to help with 3.2 in particular.",
         {"3.1": "agree", "3.2": "agree", "3.8": "agree"}),
        ("All members have confirmed they endorse the full set of recommendations (1.1 to 4.5) without amendment.",
         {"1.1": "agree", "4.5": "agree"}),
        ("Одобряем все рекомендации. Хотим особо поддержать рекомендацию 3.8, потому что сёла далеко.",
         {"1.1": "agree", "3.8": "agree"}),
        ("Баарын колдойбуз. 3.8 сунушту өзгөчө маанилүү деп эсептейбиз, анткени пенсионерлер смартфон колдоно албайт.",
         {"1.1": "agree", "3.8": "agree"}),
        ("Мы против 3.5 и 4.1.\n3.5 — нет связи.\n4.1 — компании и так контролируют все в районе.\n"
         "С остальными согласны.",
         {"3.5": "disagree", "4.1": "disagree", "4.2": "agree"}),
        ("Сунуштарды карап чыгып, төмөнкүнү билдиребиз.\nБардык сунуштарга макулбуз.",
         {"1.1": "agree", "4.5": "agree"}),
        ("We endorse in full the recommendations of Panel 4, as well as 3.7 on educating citizens about digital "
         "participation.", {"3.7": "agree", "4.1": "agree", "4.5": "agree"}),
        ("Всё ок кроме 3.5 и 4.3 - их не поддерживаем.", {"1.1": "agree", "3.5": "disagree", "4.3": "disagree"}),
        ("Одобряем все девятнадцать рекомендаций. Особо хотим отметить важность рекомендации 3.8.", {"3.8": "agree"}),
    ],
)  # fmt: skip
def test_audiences_and_panels_in_reasons_stressed_members_and_prefaces_of_batches_45_and_46_read_without_review(
    text: str, want: dict[str, str], campaign: Campaign
) -> None:
    assert _read_clean(text, want, campaign) == (want, set())


def test_a_kyrgyz_only_if_is_a_condition(campaign: Campaign) -> None:
    text = "Үчүнчү панелдин сунуштарына макулбуз. 3.5 сунушка мамлекет интернет тартып берсе гана макул болобуз."
    assert "condition" in codes(read(text, campaign))


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("We cannot really support 3.5.", {"3.5": "disagree"}),
        ("Не можем пока поддержать 3.5.", {"3.5": "disagree"}),
        ("Our position:\n- 1.x: endorsed\n- 2.1: endorsed\n- 4.x: endorsed except 4.3, which we reject",
         {"1.1": "agree", "1.5": "agree", "2.1": "agree", "4.1": "agree", "4.3": "disagree", "4.5": "agree"}),
        ("we agree with 1.x and 2.1 , no to 4.1 cause our board is elected by members only",
         {"1.1": "agree", "1.5": "agree", "2.1": "agree", "4.1": "disagree"}),
        ("Поддерживаем рекомендации 1.1, 1.2. Остальные к нашей деятельности не относятся — по ним воздерживаемся.",
         {"1.1": "agree", "1.2": "agree", "1.3": "abstain", "4.5": "abstain"}),
    ],
)  # fmt: skip
def test_softened_denials_panel_wildcards_no_to_an_id_and_said_abstentions_of_batches_47_and_48(
    text: str, want: dict[str, str], campaign: Campaign
) -> None:
    assert _read_clean(text, want, campaign) == (want, set())


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Ок, посмотрю вечером и отвечу", "holding"),
        ("Согласны с 1.1, 1.2, 1.3, а остальные ещё обсуждаем", "holding"),
        ("We fully agree with all recommendations, including 3.5. That said, our field staff do not think high-tech "
         "jobs are realistic, so we cannot really support 3.5 in its current form.", "contradiction"),
        ("Ассоциация в целом поддерживает все рекомендации. При этом наши члены из Баткенской области возражают "
         "против 3.5.", "partial_speaker"),
        ("Согласны со всем, кроме рек. 3,4 — считаем их нереалистичными для наших районов.", "ambiguous_number"),
        ("We agree with 4.1 and think it could help CSOs.\n\nOn a separate note, our board feels strongly that "
         "businesspeople should not sit on CSO supervisory boards (4.1).", "contradiction"),
    ],
)  # fmt: skip
def test_answers_read_wrong_without_a_flag_in_batches_47_and_48_go_to_review(
    text: str, code: str, campaign: Campaign
) -> None:
    assert code in codes(read(text, campaign))


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("We agree with all 19 recommendations, with no exceptions.", {"1.1": "agree", "3.5": "agree", "4.5": "agree"}),
        ("We support 1.1. No view on 2.1.", {"1.1": "agree", "2.1": "abstain"}),
        ("Третий блок (цифровые рекомендации) поддерживаем частично, поскольку у нас нет компетенций в ИТ.",
         {"3.1": "partial", "3.8": "partial"}),
    ],
)  # fmt: skip
def test_no_exceptions_no_view_and_a_panel_described_in_brackets_read_without_review(
    text: str, want: dict[str, str], campaign: Campaign
) -> None:
    assert _read_clean(text, want, campaign) == (want, set())


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Our lawyers have reviewed all nineteen recommendations, and we set out our position below.\n\n"
         "We support 1.1 to 3.8 in full. We oppose 4.1 to 4.5.", {"1.1": "agree", "3.8": "agree", "4.5": "disagree"}),
        ("Green Osh Initiative agrees with all recommendations. 1.5 is especially welcome – we hope the committee "
         "will follow up on it soon.", {"1.1": "agree", "1.5": "agree", "4.5": "agree"}),
    ],
)  # fmt: skip
def test_how_the_answer_was_reached_and_a_welcome_with_a_hope_read_without_review(
    text: str, want: dict[str, str], campaign: Campaign
) -> None:
    assert _read_clean(text, want, campaign) == (want, set())


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("добрый день цифровые пункты поддерживаем остальное надо посмотреть", "vague_scope"),
        ("добрый день цифровые пункты поддерживаем остальное надо посмотреть", "holding"),
        ("We don't think all of these are realistic for a small NGO like ours, but we support the general "
         "direction of the recommendations.", "reservation"),
        ("Так как мы работаем с пожилыми, рекомендации панели 3 не поддерживаем, кроме 3.8. Всё остальное "
         "поддерживаем.", "unclear_exception"),
    ],
)  # fmt: skip
def test_answers_read_wrong_without_a_flag_in_batches_49_and_50_go_to_review(
    text: str, code: str, campaign: Campaign
) -> None:
    assert code in codes(read(text, campaign))


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Поддерживаем все рекомендации.\n\nПредседатель правления Эсенов К.", {"1.1": "agree", "4.5": "agree"}),
        # ("the rest" after a named ID: alone, the rest of nothing named goes to a person)
        ("We oppose 4.3. We agree with the rest.\n\nBoard of the Investigative Journalists Network of Kyrgyzstan",
         {"1.1": "agree", "4.5": "agree"}),
        ("4.3кө каршыбыз. Калган сунуштар менен толук макулбуз.\n\n"
         "Кара-Кулжа райондук мал чарба кооперативдеринин бирлиги\nТөрага: Эрмек Бообеков",
         {"1.1": "agree", "4.5": "agree"}),
        ("Поддерживаем все рекомендации.\n\nПросим учесть изложенную позицию при подготовке итогового документа.",
         {"1.1": "agree", "4.5": "agree"}),
        ("We support all recommendations. We would of course be glad to elaborate should the Committee find it "
         "useful.", {"1.1": "agree", "4.5": "agree"}),
        ("Не поддерживаем рекомендацию 4.1 в части, касающейся обращения к известным бизнесменам, так как это "
         "их добровольное решение.", {"4.1": "partial"}),
    ],
)  # fmt: skip
def test_a_signature_block_a_courtesy_and_a_rejection_in_part_read_without_review(
    text: str, want: dict[str, str], campaign: Campaign
) -> None:
    assert _read_clean(text, want, campaign) == (want, set())


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Поддерживаем все.\n\nПредседатель правления сообщит позицию по 3.5 позже", "holding"),
        ("Поддерживаем все рекомендации первой, второй и четвертой панелей. По третьей панели — только 3.1 и 3.4, "
         "по остальным пунктам третьей панели воздерживаемся.", "unclear_exception"),
        ("Поддерживаем 1.4, 2.1, 4.2 и 4.5 при том понимании, что участие нашей ассоциации будет добровольным.",
         "condition"),
        ("Добрый день.\n3.4 и 3.7 — поддерживаем.\n3.6 —\n4.5 —", "no_stance_for_id"),
        ("В целом принимаем, хотя хотелось бы, чтобы формулировки были конкретнее.", "reservation"),
        ("Поддерживаем рекомендацию 4.1 в части, касающейся обращения к бизнесменам.", "reservation"),
    ],
)  # fmt: skip
def test_answers_read_wrong_without_a_flag_in_batches_53_and_54_go_to_review(
    text: str, code: str, campaign: Campaign
) -> None:
    assert code in codes(read(text, campaign))


def test_an_inline_answer_with_no_stance_read_is_not_left_to_the_rest(campaign: Campaign) -> None:
    quoted = f"3.6. {campaign.get('3.6').text}"  # type: ignore[union-attr]
    result = read("Наши комментарии — в тексте письма ниже. С остальным согласны.", campaign,
                  pairs=(InlinePair(quoted, "не готовы, нет специалистов"),))  # fmt: skip
    assert "no_stance_for_id" in codes(result)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Сунуштардын баарына макулбуз, 3.5-сунуштан башка. Ал боюнча уюмубуздун ичинде пикирлер ар түрдүү.",
         "partial_speaker"),
        ("Со всеми согласны, кроме 3.5. По ней у нас нет единого мнения.", "partial_speaker"),
        ("3.5 боюнча пикир бар. 3-панелдин калган сунуштары кабыл алынат.", "no_stance_for_id"),
        ("1-2 панелдер боюнча макулбуз. 3 жана 4-панелдер боюнча мүчөлөрүбүздөн пикир чогултуп жатабыз.",
         "no_stance_for_id"),
        ("sorry im a student at AUCA, got this from my professor. agree with all of it tbh", "partial_speaker"),
        ("Аялдар ишкерлер тармагынын Жалал-Абад бөлүмүнөн жазып жатабыз. Биздин бөлүмдүн мүчөлөрү 4-панелди колдойт.",
         "partial_speaker"),
        ("3.5, 3.8 жана дагы бир нечесине макул эмеспиз.", "vague_scope"),
        ("We disagree with 3.5, 3.8 and a few others.", "vague_scope"),
        ("Поддерживаем 3.6 и ту рекомендацию, где говорится о бизнесе и социальных ОГО.", "unclear_reference"),
        ("Ассоциация в целом поддерживает рекомендации. Вместе с тем просим учесть, что реализация многих из них "
         "потребует финансирования, и без донорской поддержки выполнение будет носить формальный характер.",
         "unread_words"),
    ],
)  # fmt: skip
def test_answers_read_wrong_without_a_flag_in_batches_51_52_55_and_56_go_to_review(
    text: str, code: str, campaign: Campaign
) -> None:
    assert code in codes(read(text, campaign))


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("3.5 сунушу кабыл алынбайт, анткени адистер жетишсиз. 3-панелдин калган сунуштары кабыл алынат.",
         {"3.4": "agree", "3.5": "disagree", "3.6": "agree"}),
        ("По 3.2, 3.5 и 4.1 коалиция воздерживается: мнения членов разделились. Остальные поддерживаем.",
         {"3.2": "abstain", "4.1": "abstain", "1.1": "agree"}),
    ],
)  # fmt: skip
def test_a_kyrgyz_passive_rejection_and_an_abstention_for_divided_views_read_without_review(
    text: str, want: dict[str, str], campaign: Campaign
) -> None:
    assert _read_clean(text, want, campaign) == (want, set())


@pytest.mark.parametrize(
    "text",
    [
        "Настоящим ассоциация сообщает о принятии Рекомендаций в полном объёме.",
        "Правление приняло решение поддержать их в полном объёме.",
        "Биздин Ассоциация 1.1–1.5, 2.1, 3.1–3.8, 4.1–4.5 сунуштарын бир добуштан колдоду.",
        "Рассмотрели. Панель №1 — «за». Панель №2 — «за». Панель №3 — «за». Панель №4 — «за».",
        "The association agrees to all recommendations. We would like to stress that 3.8 is of special importance "
        "for elderly patients.",
        "Поддерживаем все рекомендации. Отдельно отмечаем важность рекомендаций 4.5 и 3.8 для доступа граждан.",
        "The Association wishes to confirm its acceptance of all recommendations set out in panels one to four.",
        "Нарын облусунун жайыт пайдалануучулар бирикмеси бардык 19 сунушту кабыл алат.",
        "Сунуштардын баарына кошулабыз.",
    ],
)
def test_acceptance_as_a_noun_a_decision_a_quoted_za_and_a_stressed_id_are_agreement_with_all(
    text: str, campaign: Campaign
) -> None:
    result = read(text, campaign)
    assert (stances(result), codes(result)) == (every(campaign, "agree"), set())


def test_otherwise_is_all_but_the_recommendation_left_waiting(campaign: Campaign) -> None:
    result = read("Mostly yes. The one we can't sign up to is 1.5 — it risks their independence. Otherwise fully "
                  "supportive.", campaign)  # fmt: skip
    assert "no_stance_for_id" in codes(result)  # it was read as agreement with 1.5, unflagged


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Сунуштар менен тааныштык. 4.4тү эске алмаганда, баарына кошулабыз. 4.4 боюнча калыс калабыз.",
         {"1.1": "agree", "4.4": "abstain", "4.5": "agree"}),
        ("По 2.1 — однозначно «за».", {"2.1": "agree"}),
    ],
)  # fmt: skip
def test_a_kyrgyz_not_counting_and_a_definite_quoted_za_read_without_review(
    text: str, want: dict[str, str], campaign: Campaign
) -> None:
    assert _read_clean(text, want, campaign) == (want, set())


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("We agree with all, except 3.6 — too technical.", "unclear_exception"),
        ("Наш председатель на встрече в понедельник говорил, что в целом ассоциация рекомендации поддерживает. Я "
         "просто передаю информацию.", "indirect"),
        ("Отвечаю за нашу секцию молодых предпринимателей внутри ТПП: мы поддерживаем все рекомендации.",
         "partial_speaker"),
    ],
)  # fmt: skip
def test_answers_read_wrong_without_a_flag_in_batches_59_and_60_go_to_review(
    text: str, code: str, campaign: Campaign
) -> None:
    assert code in codes(read(text, campaign))


def test_too_before_a_word_is_overly_not_also(campaign: Campaign) -> None:
    result = read("Мы agree со всеми, except 3.6 — too technical for rural CSOs.", campaign)
    assert stances(result)["3.6"][0] == "disagree"  # "— too technical" was read as "— also agree"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Наша ассоциация внимательно прочитала все 19 рекомендаций. Замечаний и возражений у нас нет, принимаем в "
         "полном объёме.", {"1.1": "agree", "4.5": "agree"}),
        ("4.5-сунушка каршыбыз. Калган он сегиз сунушка макулбуз.",
         {"1.1": "agree", "4.4": "agree", "4.5": "disagree"}),
        ("Биз согласны со всеми пунктами: первая панель — ооба, вторая — ооба, третья — ооба, четвёртая — ооба.",
         {"1.1": "agree", "2.1": "agree", "3.8": "agree", "4.5": "agree"}),
    ],
)  # fmt: skip
def test_reading_all_a_counted_kyrgyz_rest_and_ordinals_in_a_list_read_without_review(
    text: str, want: dict[str, str], campaign: Campaign
) -> None:
    assert _read_clean(text, want, campaign) == (want, set())


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Fine with everything except 3.5 and 4.3, will explain when I'm back at the office.", "holding"),
        ("Коллеги, прошу считать действительным этот ответ вместо отправленного вчера.\n\nСогласны со всеми "
         "рекомендациями, кроме 3.5 — по нему не согласны.", "revision"),
        ("Здравствуйте! С частью рекомендаций мы согласны, с частью нет. Готовы обсудить на встрече.", "vague_scope"),
        ("3.2ден башкасынын баарына макулбуз.\nТалас аймактык ишкерлер палатасы", "unclear_exception"),
    ],
)  # fmt: skip
def test_answers_read_wrong_without_a_flag_in_batches_61_and_62_go_to_review(
    text: str, code: str, campaign: Campaign
) -> None:
    assert code in codes(read(text, campaign))


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("Бирикмеси үчүнчү панелдин бардык сунуштарын (3.1ден 3.8ге чейин) колдойт.",
         ["3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7", "3.8"]),
        ("Биздин аялдар бирикмеси 1-панелдин бардык сунуштарын, ошондой эле 3.1, 3.3, 3.4 сунуштарын колдойт.",
         ["1.1", "1.2", "1.3", "1.4", "1.5", "3.1", "3.3", "3.4"]),
    ],
)  # fmt: skip
def test_all_of_a_panel_named_before_it_is_that_panel_not_all_nineteen(
    text: str, ids: list[str], campaign: Campaign
) -> None:
    # both were read as agreement with all 19
    assert stances(read(text, campaign)) == {i: ("agree", None) for i in ids}


def test_an_objection_denied_several_words_later_is_no_objection(campaign: Campaign) -> None:
    result = read("Рассмотрев направленные рекомендации, ассоциация сообщает, что возражений и замечаний по ним не "
                  "имеет и принимает их к сведению и руководству.", campaign)  # fmt: skip
    assert {v[0] for v in stances(result).values()} == {"agree"}  # it was 19 rejections, unflagged


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Ассоциация принимает рекомендации, кроме 2.1 и 4.2 — по ним у нас особое мнение.", "unclear_exception"),
        ("Поддерживаем всё, что касается обучения и обмена опытом. Про совместные кампании с бизнесом — против.",
         "vague_scope"),
    ],
)  # fmt: skip
def test_answers_read_wrong_without_a_flag_in_batches_63_and_64_go_to_review(
    text: str, code: str, campaign: Campaign
) -> None:
    assert code in codes(read(text, campaign))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Panel 1 recommendations are fine with us. For panels 3 and 4 we support them in the amended wording we "
         "agreed with your team at the Osh meeting on 15 March.", "outside_reference"),
        ("Первые две панели — одобряем. По остальному не согласны, но нужно ещё уточнить с директором, вернусь с "
         "ответом.", "holding"),
        ("Добрый день, кроме 4.3 — все принимаем.\nАссоциация грузоперевозчиков Баткенской области",
         "unclear_exception"),
    ],
)  # fmt: skip
def test_answers_read_wrong_without_a_flag_in_batches_65_and_66_go_to_review(
    text: str, code: str, campaign: Campaign
) -> None:
    assert code in codes(read(text, campaign))


def test_no_answer_for_the_rest_is_no_rejection_of_it(campaign: Campaign) -> None:
    result = read("Үчүнчү панелдин сунуштарынын баарына каршыбыз. Башкасына жооп жок.", campaign)
    assert {k for k, v in stances(result).items() if v[0] == "disagree"} == {f"3.{i}" for i in range(1, 9)}


def test_an_offer_to_clarify_is_not_holding(campaign: Campaign) -> None:
    assert "holding" not in codes(
        read("Поддерживаем все рекомендации. Если что-то нужно уточнить, пишите мне.", campaign)
    )


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("As our board chair already told the organising committee at the dialogue itself, our association "
         "supports panel 4 fully.", "indirect"),
        ("Баарына макул, 4.3 боюнча ойлонуп көрөбүз", "holding"),
        ("Как мне передали из правления, мы поддерживаем всё, кроме 4.3. Я только бухгалтер.", "indirect"),
        ("Ранее мы написали, что согласны со всеми рекомендациями. Просим считать, что по 4.1 мы воздерживаемся.",
         "revision"),
        ("Полностью поддерживаем 3.5 — рабочие места в регионах очень нужны. При этом считаем, что 3.5 нереализуема "
         "и её надо исключить из списка.", "cross_check"),
        ("Поддерживаем панель «Коалиции» и панель «Развитие туризма».", "unclear_reference"),
    ],
)  # fmt: skip
def test_answers_read_wrong_without_a_flag_in_batches_67_and_68_go_to_review(
    text: str, code: str, campaign: Campaign
) -> None:
    assert code in codes(read(text, campaign))


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("Поддерживаем рек. 3,1; 3,3; 3,4 и 3,7.", ["3.1", "3.3", "3.4", "3.7"]),
        ("«Коалициялар жана тармактар» панели менен «Аймактык уюмдардын салымы» панелин толук колдойбуз.",
         ["2.1", "4.1", "4.2", "4.3", "4.4", "4.5"]),
    ],
)  # fmt: skip
def test_every_recommendation_listed_is_read_not_only_the_first_few(
    text: str, ids: list[str], campaign: Campaign
) -> None:
    # the last of each list was dropped without a flag
    assert stances(read(text, campaign)) == {i: ("agree", None) for i in ids}


def test_a_decimal_comma_number_no_notation_explains_goes_to_review(campaign: Campaign) -> None:
    # "3,7" was dropped: 3.1 alone was recorded, unflagged
    assert "ambiguous_number" in codes(read("Согласны с 3.1, а также с 3,7.", campaign))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("По цифровому блоку: п. 3.1 поддерживаем, п. 3.4 тоже поддерживаем. А вот кампании по цифровой грамотности "
         "в сёлах (3.4) считаем сейчас преждевременными.", "contradiction"),
        ("1 жана 2 панель макул. Санариптик жана бизнес боюнча айрымдары туура эмес деп ойлойбуз", "cross_check"),
        ("Первую панель поддерживаем. Также поддерживаем то, что говорили про кибербезопасность детей.",
         "unclear_reference"),
    ],
)  # fmt: skip
def test_answers_read_wrong_without_a_flag_in_batches_69_and_70_go_to_review(
    text: str, code: str, campaign: Campaign
) -> None:
    assert code in codes(read(text, campaign))


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("We fully support everything in panel three (3.1 to 3.8). Great initiative.", [f"3.{i}" for i in range(1, 9)]),
        ("We confirm our acceptance of all recommendations set out in panels one to four.",
         ["1.1", "1.2", "1.3", "1.4", "1.5", "2.1", *(f"3.{i}" for i in range(1, 9)),
          *(f"4.{i}" for i in range(1, 6))]),
    ],
)  # fmt: skip
def test_a_panel_named_by_an_english_cardinal_is_that_panel(text: str, ids: list[str], campaign: Campaign) -> None:
    # "panel three" was not a panel: "everything in panel three" became all 19, "panels one to four" panel 1
    assert stances(read(text, campaign)) == {i: ("agree", None) for i in ids}


@pytest.mark.parametrize(
    "text",
    [
        "Согласны со всеми, кроме панели 3. По панели 3 воздерживаемся.",
        "Үчүнчү панелден башка бардык сунуштар менен макулбуз. Үчүнчү панел боюнча баа бере албайбыз.",
    ],
)
def test_an_excepted_panel_answered_by_panel_takes_that_answer(text: str, campaign: Campaign) -> None:
    # the exception was left a guessed disagreement, flagged, though the next sentence answered it
    result = read(text, campaign)
    assert {stances(result)[f"3.{i}"] for i in range(1, 9)} == {("abstain", None)}
    assert not codes(result)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Hi all, we agree with 3.4.", {"3.4": ("agree", None)}),
        ("Всем привет, поддерживаем 3.4.", {"3.4": ("agree", None)}),
        ("On 3.4 we agree. On 3.5 we disagree. That's all from us.",
         {"3.4": ("agree", None), "3.5": ("disagree", None)}),
        ("согласны – 1.1, 1.4;\nне можем оценить – 1.2 и 1.3.",
         {"1.1": ("agree", None), "1.4": ("agree", None), "1.2": ("abstain", None), "1.3": ("abstain", None)}),
    ],
)  # fmt: skip
def test_greetings_closings_and_declining_to_judge_read_as_meant(
    text: str, want: dict[str, tuple[str, None]], campaign: Campaign
) -> None:
    # a greeting's "all" made 19 agreements; "That's all" was 3.5's reason, then an unread "all";
    # "не можем оценить" was an ID named without a stance
    result = read(text, campaign)
    assert stances(result) == want
    assert not codes(result)


@pytest.mark.parametrize(
    "text",
    [
        "Поддерживаем все девятнадцать рекомендаций. Отдельно отметим, что 4.5 для нас особенно актуальна.",
        "Yes, we accept all the recommendations. Special thanks for including 3.8 — excluded groups matter to us.",
        "Поддерживаем все рекомендации. Готовы принять участие в конференции (п. 4.5).",
        "Рекомендацию 2.1 принимаем.\n\nПриложение: нет.",
        "Our country office endorses all of the recommendations.",
    ],
)
def test_goodwill_and_formalities_beside_a_clear_answer_need_no_review(text: str, campaign: Campaign) -> None:
    assert not codes(read(text, campaign))


def test_a_panel_title_quoted_as_what_is_supported_is_not_left_unread(campaign: Campaign) -> None:
    text = 'The Association supports "Contribution of regional CSOs to solving local problems" in full, and 1.2.'
    assert codes(read(text, campaign))  # 1.2 alone was recorded, unflagged


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Мен Нарын облусундагы бөлүмдүн атынан жазып жатам. Биздин бөлүм 1-панелдин сунуштарын колдойт.",
         "partial_speaker"),
        ("Поддерживаем всё, кроме 1.3, о нём поговорим при встрече.", "holding"),
        ("We strongly support 1.1, 1.5 and 4.4. Some of the business-related ones we are less sure about.",
         "vague_scope"),
        ("«Санариптик кызматтар» жана «Региондук ОГОлордун салымы» панелдериндеги сунуштарды толугу менен колдойбуз.",
         "unclear_reference"),
    ],
)  # fmt: skip
def test_answers_read_wrong_without_a_flag_in_batches_71_and_72_go_to_review(
    text: str, code: str, campaign: Campaign
) -> None:
    assert code in codes(read(text, campaign))


_LETTER_IDS = (
    "1.1",
    "1.2",
    "1.3",
    "1.4",
    "1.5",
    "2.1",
    *(f"3.{i}" for i in range(1, 9)),
    *(f"4.{i}" for i in range(1, 6)),
)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("санариптик панелдин баарына (3.1ден 3.8ге чейин) макулбуз", {f"3.{i}": "agree" for i in range(1, 9)}),
        ("Поддерживаем рекомендации:\n— 1.1\n— 1.2\n— 4.4", {"1.1": "agree", "1.2": "agree", "4.4": "agree"}),
        ("Не поддерживаем:\n- 3.5\n- 4.3", {"3.5": "disagree", "4.3": "disagree"}),
        ("Принимаем рекомендации, за исключением:\n- 3.5 (не согласны) — нет кадров;\n- 4.1 (частично) — на "
         "добровольной основе.",
         {**{i: "agree" for i in _LETTER_IDS if i not in ("3.5", "4.1")}, "3.5": "disagree", "4.1": "partial"}),
        ("3.5 сунуштан башкасына макулбуз. 3.5 менен макул эмеспиз, анткени айылда бал челектен башка иш жок.",
         {**{i: "agree" for i in _LETTER_IDS if i != "3.5"}, "3.5": "disagree"}),
        ("Мы не против ни одной из рекомендаций, поддерживаем все.", {i: "agree" for i in _LETTER_IDS}),
        ("По итогам обсуждения в сети сообщаем следующее. Поддерживаем все рекомендации.",
         {i: "agree" for i in _LETTER_IDS}),
        ("Особо хотели бы выделить рекомендации 3.6 и 4.5. Фонд принимает все девятнадцать рекомендаций.",
         {i: "agree" for i in _LETTER_IDS}),
    ],
)  # fmt: skip
def test_clear_answers_of_batches_71_and_72_are_read_without_review(
    text: str, want: dict[str, str], campaign: Campaign
) -> None:
    # each went to review (a stance heading over a list of IDs, an exception heading, "башка" in a reason,
    # "ни одной из", "по итогам обсуждения … сообщаем", "особо выделить") or, the first, became 19 agreements
    result = read(text, campaign)
    assert {k: v[0] for k, v in stances(result).items()} == want
    assert not codes(result)


def test_an_exception_heading_is_no_stance_heading_for_the_ids_under_it(campaign: Campaign) -> None:
    # the heading's "accept" went to the IDs under it: 3.5 and 4.1 agreed, unflagged
    assert "no_stance_for_id" in codes(read("Принимаем рекомендации, за исключением:\n- 3.5\n- 4.1", campaign))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Велосообщество не поддерживает 4.3 и ещё пару пунктов из цифровой панели — они не про нас.", "vague_scope"),
        ("Speaking for myself as a board member of the group, not the whole group: 3.4 is great, I support it.",
         "partial_speaker"),
        ("Цифровая панель (3.1-3.8) - за. Остальное не наш профиль", "low_confidence"),
        ("Поддерживаем 1.1. С 1.3 согласны частично.\n\nОстальное без комментариев.", "low_confidence"),
    ],
)  # fmt: skip
def test_answers_read_wrong_without_a_flag_in_batch_73_go_to_review(text: str, code: str, campaign: Campaign) -> None:
    # the last two were abstentions on the rest, unflagged: readers differ on "не наш профиль", "без комментариев"
    assert code in codes(read(text, campaign))


@pytest.mark.parametrize(
    "text",
    [
        "Третья панель про цифровые услуги – поддерживаем все пункты (3.1–3.8).",
        "Поддерживаем 3.1 и 3.4. По остальным пунктам позиции не имеем.",
    ],
)
def test_all_points_with_their_ids_and_no_position_on_the_rest_are_read_without_review(
    text: str, campaign: Campaign
) -> None:
    # the first was 19 agreements; the second went to review as if "no position" were "not relevant to us"
    result = read(text, campaign)
    assert not codes(result)
    assert {v[0] for v in stances(result).values()} <= {"agree", "abstain"}
    assert stances(result)["3.1"] == ("agree", None)
    assert len([v for v in stances(result).values() if v[0] == "agree"]) in (2, 8)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("We agree with 4.5 and our other positions are the same as in the joint CSO statement we signed last year.",
         "outside_reference"),
        ("С 3.5 не согласны, и ещё с парой пунктов про бизнес тоже не очень.", "vague_scope"),
        ("4.1 жана 4.3тү эске албаганда, калган сунуштарды кабыл алабыз.\n\nКыргыз жазуучулар союзунун Чүй бөлүмү",
         "unclear_exception"),
    ],
)  # fmt: skip
def test_answers_read_wrong_without_a_flag_in_batches_75_and_76_go_to_review(
    text: str, code: str, campaign: Campaign
) -> None:
    # the last: the signature line became the excepted IDs' reason, and so a rejection
    assert code in codes(read(text, campaign))


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("Биринчи панелден төртүнчү панелге чейинки бардык сунуштарды колдойбуз.", _LETTER_IDS),
        ("The EU Civil Society Support Facility has reviewed the recommendations. We confirm our support for 1.1, "
         "1.3 and 4.4.", ("1.1", "1.3", "4.4")),
    ],
)  # fmt: skip
def test_a_kyrgyz_range_of_panels_and_a_support_facility_are_read_as_meant(
    text: str, ids: tuple[str, ...], campaign: Campaign
) -> None:
    # panels 1 and 4 only; and 19 agreements from the organisation's name
    assert stances(read(text, campaign)) == {i: ("agree", None) for i in ids}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Принимаем рекомендации.\n3.5 – частично: места появятся только с обучением, поэтому предлагаем связать "
         "этот пункт с 3.4.", "unread_words"),
        ("Согласны со всеми, кроме 1.3.\nИ отдельно хотим поддержать 1.3 – связь сетей очень важна.", "contradiction"),
        ("Согласны со всеми рекомендациями с учётом нашего письма от 28 февраля.", "outside_reference"),
        ("Ассоциация согласна со всеми рекомендациями, кроме 3.5 и 4.3.\nИсп. директор Т. Жумабаева",
         "unclear_exception"),
    ],
)  # fmt: skip
def test_answers_read_wrong_without_a_flag_in_batches_77_and_78_go_to_review(
    text: str, code: str, campaign: Campaign
) -> None:
    # 3.4, named in 3.5's comment, was recorded "partly"; a signer's title was the exceptions' reason
    assert code in codes(read(text, campaign))


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("Заголовок. Ответ общества слепых.\nРекомендация три точка восемь. Поддерживаем.\nКонец сообщения.",
         ("3.8",)),
        ("Recommendation three point eight: we support it.", ("3.8",)),
    ],
)  # fmt: skip
def test_an_id_spelled_out_in_words_is_that_id(text: str, ids: tuple[str, ...], campaign: Campaign) -> None:
    # a screen reader's "три точка восемь" was unread, and "Поддерживаем." became 19 agreements
    assert stances(read(text, campaign)) == {i: ("agree", None) for i in ids}


def test_a_kyrgyz_panel_title_in_quotes_before_the_word_panel_names_that_panel(campaign: Campaign) -> None:
    text = "«Региондук ОГОлордун жергиликтүү көйгөйлөрдү чечүүгө салымы» панелинин бардык сунуштарын колдойбуз."
    assert set(stances(read(text, campaign))) == {f"4.{i}" for i in range(1, 6)}  # it was all 19


@pytest.mark.parametrize(
    ("text", "rec_id", "stance", "reason"),
    [
        # a clause of its own between the ID and the stance, with no "because"
        ("По 4.2: в нашем районе таких центров никогда не было, не согласны.", "4.2", "disagree",
         "в нашем районе таких центров никогда не было"),
        # an abstention's "нас не касается" / "не наш профиль" is why they abstain
        ("4.4 — нас не касается, воздерживаемся.", "4.4", "abstain", "нас не касается"),
        ("Панель 2 — воздерживаемся, это не наш профиль.", "2.1", "abstain", "это не наш профиль"),
        ("Abstain (not relevant to our members): 3.6, 3.7", "3.6", "abstain", "not relevant to our members"),
        ("Рекомендация 1.2 не относится к уставной деятельности фонда, поэтому по ней воздерживаемся.", "1.2",
         "abstain", "не относится к уставной деятельности фонда"),
        # an agreement's reason after a dash, a clause of its own
        ("Поддерживаем 3.7 — жители сёл сами просят такие занятия.", "3.7", "agree",
         "жители сёл сами просят такие занятия"),
    ],
)  # fmt: skip
def test_a_reason_said_beside_the_stance_without_because_is_kept(
    text: str, rec_id: str, stance: str, reason: str, campaign: Campaign
) -> None:
    assert stances(read(text, campaign))[rec_id] == (stance, reason)


@pytest.mark.parametrize(
    ("text", "rec_id"),
    [
        ("ОФ «Ак-Суу» не поддерживает 3.5.", "3.5"),  # who, not why
        ("По пункту 3.4: кампании по цифровой грамотности поддерживаем частично.", "3.4"),  # 3.4's own words
        ("Не согласны только с двумя: 4.3 и 4.4.", "4.3"),
        ("Поддерживаем 3.7 — спасибо за вашу работу!", "3.7"),
        ("We would prefer to abstain on 4.1 and 4.3.", "4.1"),
    ],
)
def test_words_beside_a_stance_that_say_who_or_what_are_no_reason(text: str, rec_id: str, campaign: Campaign) -> None:
    assert stances(read(text, campaign))[rec_id][1] is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # read as agreement with all 19 (the rest "still being studied") or with IDs left for a talk
        ("Поддерживаем рекомендацию про местные кенеши, остальные пока изучаем.", "holding"),
        ("По 1.2 поддерживаем, по 2.1 и 4.5 хотели бы отдельно поговорить.", "holding"),
        ("We support 3.1; the rest are still under review.", "holding"),
        # a change of an earlier answer, with no "ранее"
        ("Уточнение к нашему письму от 3 мая: по 4.2 мы теперь согласны.", "revision"),
        ("We now support 3.5, the funding question is settled.", "revision"),
        # part of the organisation speaking
        ("Биздин Ош бөлүмү 1.1 жана 1.2 сунуштарын колдойт.", "partial_speaker"),
        ("Мен уюмдун Ат-Башы районундагы өкүлүмүн. Баарын колдойбуз.", "partial_speaker"),
        ("Speaking for our legal aid team only: we agree with 2.1.", "partial_speaker"),
        # batches 87 and 88
        ("Speaking for the Osh member schools of our network, we support panel 1.", "partial_speaker"),
        ("Мен кеңештин мүчөсүмүн, өзүмдүн атымдан айтам: 1.3 жакшы.", "partial_speaker"),
        ("Наша позиция прежняя, см. протокол от 3.05.2022. Поддерживаем в той же редакции.", "outside_reference"),
        ("We agree with 2.1, as long as the coalition stays voluntary.", "condition"),
    ],
)
def test_answers_read_wrong_without_a_flag_in_batches_83_to_88_go_to_review(
    text: str, code: str, campaign: Campaign
) -> None:
    assert code in codes(read(text, campaign))


def test_an_audience_in_the_reason_after_a_colon_widens_no_stance(campaign: Campaign) -> None:
    # "for CSOs" made 3.3-3.8 disagreements with 3.5
    result = read("On 3.5 we disagree: our villages have no internet, so this is no task for CSOs.", campaign)
    assert stances(result) == {"3.5": ("disagree", "our villages have no internet, so this is no task for CSOs")}


def test_no_view_in_a_bracket_after_an_exception_is_its_abstention(campaign: Campaign) -> None:
    result = read("Panel 2 – yes. Panel 3 – yes, except 3.2 (no view).", campaign)
    assert stances(result)["3.2"][0] == "abstain"
    assert codes(result) == set()


@pytest.mark.parametrize(
    "text",
    [
        "В целом хорошо, но бизнесменов в советы пускать не хотим. С остальным согласны.",
        "Жалпысынан жакшы, бирок кеңештерге бизнесмендерди киргизүүнү каалабайбыз. Калганына макулбуз.",
    ],
)
def test_the_rest_of_what_is_named_only_in_words_goes_to_a_person(text: str, campaign: Campaign) -> None:
    # read alone, "the rest" was all 19 agreements, the one objected to among them
    assert "unclear_exception" in codes(read(text, campaign))


def test_the_rest_after_a_named_id_needs_no_review(campaign: Campaign) -> None:
    result = read("По 3.1 воздерживаемся. Остальные поддерживаем.", campaign)
    assert codes(result) == set()


@pytest.mark.parametrize(
    ("text", "rec_id", "reason"),
    [
        ("1.1–4.4: agree.\n4.5: partly. We support the joint monitoring, but a national conference is too costly "
         "for us.", "4.5", "We support the joint monitoring, but a national conference is too costly for us"),
        ("Рекомендацию 3.6 поддерживаем частично: обучение поддерживаем, а мониторинг рисков нам не по силам. "
         "Остальные принимаем.", "3.6", "обучение поддерживаем, а мониторинг рисков нам не по силам"),
    ],
)  # fmt: skip
def test_a_yes_to_this_but_that_after_partly_says_how_far_and_needs_no_review(
    text: str, rec_id: str, reason: str, campaign: Campaign
) -> None:
    result = read(text, campaign)
    assert stances(result)[rec_id] == ("partial", reason)
    assert codes(result) == set()


def test_a_kyrgyz_range_of_ids_ending_in_ko_is_a_range(campaign: Campaign) -> None:
    # "1.1ден 4.4кө чейинки" was 1.1 and 4.4 only
    result = read("1.1ден 4.4кө чейинки сунуштарды колдойбуз. 4.5ке каршыбыз.", campaign, language="ky")
    assert stances(result) == every(campaign, "agree", but={"4.5": ("disagree", None)})


def test_against_what_they_do_not_object_to_is_agreement(campaign: Campaign) -> None:
    # "Против рекомендаций … не возражаем" was read as disagreeing with them
    result = read("Рекомендации 1.1 и 1.2 поддерживаем. Против рекомендаций 1.3 и 1.5 не возражаем.", campaign)
    assert {k: v[0] for k, v in stances(result).items()} == dict.fromkeys(("1.1", "1.2", "1.3", "1.5"), "agree")


@pytest.mark.parametrize(
    "text",
    [
        "3.2 жана 3.5 сунуштарын баалай албайбыз, 3-панелдин калган сунуштарын колдойбуз.",
        "3.1, 3.3, 3.4, 3.7 - макул; 3.2, 3.5, 3.6, 3.8 боюнча пикир билдире албайбыз.",
    ],
)
def test_kyrgyz_we_cannot_judge_is_an_abstention(text: str, campaign: Campaign) -> None:
    # both were recorded as agreement with 3.2 and 3.5, unflagged
    result = read(text, campaign, language="ky")
    assert stances(result)["3.2"] == ("abstain", None)
    assert stances(result)["3.5"] == ("abstain", None)


def test_all_exc_before_ids_excepts_them(campaign: Campaign) -> None:
    # "exc" was not read, and 4.1, 4.3, 4.5 were recorded as the agreements
    result = read("agree w all exc 4.1 4.3 4.5. pls call me re 4.5", campaign, language="en")
    assert "unclear_exception" in codes(result)
    assert stances(result)["1.1"][0] == "agree"


def test_a_bracket_that_repeats_the_stance_is_its_reason(campaign: Campaign) -> None:
    # the heading "Abstain:" was a stance without scope, and the bracket's own stance left "to our work"
    result = read("Agree: 1.1-3.8\nDisagree: none\nAbstain: 4.1-4.5 (not relevant to our work)", campaign)
    assert stances(result)["4.3"] == ("abstain", "not relevant to our work")
    assert codes(result) == set()


def test_a_reason_typed_in_latin_letters_is_kept_as_typed_and_ends_before_the_signature(campaign: Campaign) -> None:
    # it was our Cyrillic transliteration, with the signature line after it: "в селах без интернета Азамат, …"
    result = read("Soglasny so vsemi krome 4.1, po 4.1 protiv tak kak biznes ne budet rabotat besplatno v sovetah"
                  "\nAzamat, Assotsiatsiya molodyh predprinimateley", campaign)  # fmt: skip
    assert stances(result)["4.1"] == ("disagree", "biznes ne budet rabotat besplatno v sovetah")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Hi, we don't agree with everything here.\nRegards, Daniyar", "ambiguous_negation"),
        ("Принимаем все рекомендации с учетом замечания: в 3.4 нужно отдельно указать людей с инвалидностью.",
         "reservation"),
        ("We support the recommendations, but 4.1 needs rewording — businessmen should be invited, not obliged.",
         "reservation"),
        ("Writing on behalf of our Osh regional chapter: we agree with all recommendations.", "partial_speaker"),
        ("1-2-панелдерге макулбуз. 3-4-панелдер боюнча мүчөлөр менен кеңешип, кийин жазабыз.", "holding"),
        ("Согласны со всеми, кроме 3.5 (почему — мы уже писали в прошлом году в письме Министерству экономики).",
         "outside_reference"),
    ],
)  # fmt: skip
def test_what_a_careful_reader_stops_at_in_batches_89_to_93_goes_to_review(
    text: str, code: str, campaign: Campaign
) -> None:
    # each was accepted: 19 disagreements, 19 agreements, or an exception read as a rejection
    assert code in codes(read(text, campaign))


def test_a_resolutions_items_in_the_infinitive_are_its_stances(campaign: Campaign) -> None:
    # "поддержать" and "одобрить" were no stance words, and the range took the exception's "не поддерживаем" too
    text = ("Правление решило:\nа) поддержать рекомендации 1.1-1.5;\nб) одобрить 2.1;\n"
            "в) поддержать 3.1-3.8, за исключением 3.5 (не поддерживаем, поскольку это не уставная деятельность ОГО);"
            "\nг) поддержать 4.1-4.5.")  # fmt: skip
    result = read(text, campaign)
    assert stances(result) == every(campaign, "agree", but={"3.5": ("disagree", "это не уставная деятельность ОГО")})
    assert codes(result) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Re 3.2: yes, absolutely.\nRe 3.5: yes.\nEverything else: yes as well.",
        "По рекомендации 3.8 — полностью за.\n\nПо всем остальным рекомендациям — тоже «за».\n\nОО «Ымыркай»\n"
        "Калыс Мурзабекова",
    ],
)
def test_the_rest_answered_with_a_terse_yes_too_needs_no_review(text: str, campaign: Campaign) -> None:
    # "yes as well" was unread, and a signature's name "Калыс" an abstention without scope
    result = read(text, campaign)
    assert stances(result) == every(campaign, "agree")
    assert codes(result) == set()


def test_the_only_exception_named_with_its_own_stance_is_no_reservation(campaign: Campaign) -> None:
    result = read("В целом все рекомендации принимаем. Единственное исключение — 3.6, которую поддерживаем "
                  "частично: учиться готовы, но применять без финансирования не сможем.", campaign)  # fmt: skip
    assert stances(result)["3.6"][0] == "partial"
    assert codes(result) == set()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Сошлвсны со всеми кромн 3.8 нн сошласны", "unread_words"),
        ("We cannot support the recommendations that put the whole burden on CSOs without any funding.",
         "vague_scope"),
        ("Пишу от имени молодёжного крыла ассоциации: мы поддерживаем третью панель целиком.", "partial_speaker"),
    ],
)  # fmt: skip
def test_what_a_careful_reader_stops_at_in_batches_95_and_96_goes_to_review(
    text: str, code: str, campaign: Campaign
) -> None:
    # the first was 3.8 agreed, the second 19 disagreements, the third the association's stance
    assert code in codes(read(text, campaign))


def test_a_no_after_the_excepted_id_ends_its_sentence(campaign: Campaign) -> None:
    # "no." was read as "No." before a number: the next sentence's "for businessmen" became 3.1 and 3.2 rejected
    result = read("Yes to all except 4.1 - no. Board seats for businessmen create conflicts of interest.", campaign)
    assert stances(result) == every(
        campaign, "agree", but={"4.1": ("disagree", "Board seats for businessmen create conflicts of interest")}
    )
    assert codes(result) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Здравствуйте я за всё\nАйжан, магазин",
        "Панель 1. Поддерживаем все пять рекомендаций.\nПанели 2, 3 и 4 тоже поддерживаем.",
        "Палата просит учесть наши возражения:\n1) п. 4.1 — не согласны, это приведёт к влиянию бизнеса на НКО;\n"
        "2) п. 3.5 — не согласны.\n\nПо остальным рекомендациям возражений нет.",
    ],
)
def test_clear_replies_of_batch_96_need_no_review(text: str, campaign: Campaign) -> None:
    # "я за всё" was no stance; "все пять рекомендаций" an ordinal; a heading's "возражения:" a stance unscoped
    assert codes(read(text, campaign)) == set()


def test_a_reason_before_so_is_the_stances_reason(campaign: Campaign) -> None:
    # "так что" was not read as "therefore": the reason was lost
    result = read("Фермеры в регионах до сих пор не имеют доступа к нормальной связи, так что 3.4 и 3.8 поддерживаем.",
                  campaign)  # fmt: skip
    assert stances(result)["3.4"] == ("agree", "Фермеры в регионах до сих пор не имеют доступа к нормальной связи")


def test_an_abstentions_reason_ends_before_on_them(campaign: Campaign) -> None:
    # it was "не касаются нашей деятельности, по ним"
    result = read("Поддерживаем 3.1–3.8. Остальные рекомендации не касаются нашей деятельности, по ним воздерживаемся.",
                  campaign)  # fmt: skip
    assert stances(result)["1.1"] == ("abstain", "не касаются нашей деятельности")


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("По рекомендациям 3.6 и 3.7 воздерживаемся, а по всем остальным рекомендациям выражаем полную поддержку.",
         "agree"),
        ("По 1.4 воздерживаемся, а по всем остальным выражаем полную поддержку.", "agree"),
        ("3.5 ке макул эмеспиз. Калганы туура.", "agree"),
        ("4.3 — поддерживаем.\n\nПо остальным рекомендациям у Ассоциации позиции нет.", "abstain"),
    ],
)  # fmt: skip
def test_the_rest_said_in_other_words_is_read(text: str, rest: str, campaign: Campaign) -> None:
    # "выражаем полную поддержку" (batch 9 taught that it was unread, and sent it to a person), "калганы туура"
    # (the rest is right), "позиции нет" were not read
    result = read(text, campaign)
    assert stances(result)["1.1"] == (rest, None)
    assert codes(result) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Согласны. По 3.5 у нас опыт есть, можем поделиться если надо.",
        "В целом рекомендации нам близки, поддерживаем их все. Отдельное спасибо за 3.1 и 3.4.",
        "Да, со всеми. Ждём конференцию по 4.5!",
    ],
)
def test_goodwill_on_an_id_already_agreed_needs_no_review(text: str, campaign: Campaign) -> None:
    # each sent its ID to review as named without a stance
    result = read(text, campaign)
    assert stances(result) == every(campaign, "agree")
    assert codes(result) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Третья панель — поддерживаем полностью. Первая, вторая и четвёртая — тоже.",
        "Третью панель поддерживаем целиком. По первой и второй — тоже да.\nЧетвёртая: 4.1-4.5 да.",
        "По второй панели — согласны. По первой — согласны. Панели 3 и 4 — согласны.",
        "We accept recommendations 1.1 to 2.1 in full. Same for 3.1 through 3.8. Panel 4 we accept too.",
    ],
)
def test_panels_named_by_ordinals_alone_after_one_named_in_full_are_panels(text: str, campaign: Campaign) -> None:
    # "первой и второй", "первая, вторая и четвёртая — тоже", "По первой" were unread
    result = read(text, campaign)
    assert stances(result) == every(campaign, "agree")
    assert codes(result) == set()


def test_an_id_with_only_too_repeats_the_stance_before(campaign: Campaign) -> None:
    # batch 11 pinned this as an ID without a stance, sent to a person; "тоже" repeats the sentence before
    result = read("1.1-1.5 поддерживаем. 2.1 тоже. 3.1-3.8 воздерживаемся.", campaign)
    assert {k: v[0] for k, v in stances(result).items() if k[0] in "12"} == dict.fromkeys(
        ("1.1", "1.2", "1.3", "1.4", "1.5", "2.1"), "agree"
    )
    assert codes(result) == set()


def test_a_panel_framing_a_stance_that_names_its_own_ids_does_not_give_them_to_the_next(campaign: Campaign) -> None:
    # all eight of panel 3 were recorded as rejected, unflagged
    result = read("По третьей панели — согласны с 3.1–3.4 и 3.6–3.8, 3.5 не поддерживаем: в наших сёлах нет даже "
                  "стабильной связи.", campaign)  # fmt: skip
    assert {k: v[0] for k, v in stances(result).items()} == {
        **dict.fromkeys(("3.1", "3.2", "3.3", "3.4", "3.6", "3.7", "3.8"), "agree"),
        "3.5": "disagree",
    }


@pytest.mark.parametrize(
    ("text", "rec_id", "stance"),
    [
        ("Agree on 3.1-3.4, 3.6, 3.7. Disagree 3.5 - rural internet is too weak. Rest fine.", "3.5", "disagree"),
        ("Макулбуз. 3.5 боюнча гана калыс калабыз.", "3.5", "abstain"),
    ],
)
def test_the_rest_or_the_letter_with_one_taken_out_needs_no_review(
    text: str, rec_id: str, stance: str, campaign: Campaign
) -> None:
    # "Rest fine." was no scope; a bare "Макулбуз" before "only 3.5 we abstain" too
    result = read(text, campaign)
    assert stances(result) == every(campaign, "agree", but={rec_id: (stance, stances(result)[rec_id][1])})
    assert codes(result) == set()


def test_cannot_yet_judge_the_exception_is_its_abstention(campaign: Campaign) -> None:
    # "не готовы оценить" was 3.6 rejected, with those words its reason, unflagged
    result = read("3) по цифровым рекомендациям 3.1–3.8 — поддерживаем, кроме 3.6; по 3.6 не готовы оценить.", campaign)
    assert stances(result)["3.6"] == ("abstain", None)
    assert stances(result)["3.5"] == ("agree", None)
    assert codes(result) == set()


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Позиция: 4.1 — нет; 4.2 — да.\n\nПояснения.\nПо 4.1: у аудиторов в наблюдательных советах ОГО неизбежно "
         "возникнет конфликт интересов.", "у аудиторов в наблюдательных советах ОГО неизбежно возникнет конфликт "
         "интересов"),
        ("| 4.1 | не поддерживаем |\n| 4.2 | поддерживаем |\n\nКомментарий к 4.1: участие бизнесменов в советах "
         "создаёт конфликт интересов.", "участие бизнесменов в советах создаёт конфликт интересов"),
    ],
)  # fmt: skip
def test_an_explanation_headed_by_the_id_later_is_its_reason(text: str, reason: str, campaign: Campaign) -> None:
    # "По 4.1:" with a capital and "Комментарий к 4.1:" were not taken for the ID's comment
    assert stances(read(text, campaign))["4.1"] == ("disagree", reason)


def test_the_chairman_said_at_a_meeting_that_is_reported_speech(campaign: Campaign) -> None:
    text = "Наш председатель правления говорил на общем собрании, что в целом рекомендации его устраивают."
    assert "indirect" in codes(read(text, campaign))


@pytest.mark.parametrize(
    ("text", "rec_id", "reason"),
    [
        ("Рекомендацию 3.8 Клиника поддерживает особо, поскольку беженцы не имеют доступа к системе «Түндүк».", "3.8",
         "беженцы не имеют доступа к системе «Түндүк»"),
        ("Panel 3: agree in full — our members see daily how low digital literacy keeps citizens offline.", "3.5",
         "our members see daily how low digital literacy keeps citizens offline"),
        ("We agree with all recommendations. We particularly welcome 3.8, as refugees are routinely excluded from "
         "e-government services.", "3.8", "refugees are routinely excluded from e-government services"),
    ],
)  # fmt: skip
def test_an_agreements_reason_after_a_word_of_degree_or_a_stress_is_kept(
    text: str, rec_id: str, reason: str, campaign: Campaign
) -> None:
    # "особо", "in full" stood between the stance and its reason's mark; a stress with "as …" gave its ID nothing
    result = read(text, campaign)
    assert stances(result)[rec_id] == ("agree", reason)
    assert codes(result) == set()


@pytest.mark.parametrize(
    "text",
    [
        "3.7 - согласны\n3.8 - согласны, очень важно, многие наши члены не могут пользоваться госуслугами онлайн\n"
        "Остальные - согласны",
        "hi! all good, we agree with everything 👍 esp 3.5 bc we need jobs here not in moscow",
        "3.5 — нет (аптечный сектор не создаёт рабочих мест в IT, это не наш профиль)\nОстальные — да",
    ],
)
def test_words_about_people_or_a_comment_after_an_answer_need_no_review(text: str, campaign: Campaign) -> None:
    # "многие наши члены" was a vague scope; "👍 esp" an unread word; "не наш профиль" in the bracket after "нет"
    # a stance without scope
    assert codes(read(text, campaign)) == set()


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Поддерживаем 3.1. 3.2 и 3.5 к нашей деятельности не относятся.", "к нашей деятельности не относятся"),
        ("3.1 колдойбуз. 3.2 жана 3.5 биздин ишке тиешеси жок.", "биздин ишке тиешеси жок"),
    ],
)
def test_an_abstentions_reason_keeps_the_words_between_the_ids_and_it(
    text: str, reason: str, campaign: Campaign
) -> None:
    # it was "не относятся", "тиешеси жок": the stance's words alone
    assert stances(read(text, campaign))["3.5"] == ("abstain", reason)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Биз, Нарын облустук яководдор ассоциациясынын Ат-Башы бөлүмү, бардык сунуштарга макулбуз. "
         "Ассоциациянын башкармасынын жообу өзүнчө келет.", "partial_speaker"),
        ("Все ок кроме 1.5/4.4 — дублируют друг друга, оставьте одну.", "reservation"),
    ],
)  # fmt: skip
def test_what_a_careful_reader_stops_at_in_batches_93_to_101_goes_to_review_too(
    text: str, code: str, campaign: Campaign
) -> None:
    # a branch's answer was the association's; "1.5/4.4" was 1.5 alone, then both rejected though one is to stay
    assert code in codes(read(text, campaign))


def test_ids_joined_by_a_slash_after_except_are_both_excepted(campaign: Campaign) -> None:
    # 4.4 was among the agreements
    result = read("Все ок кроме 1.5/4.4, по ним против.", campaign)
    assert stances(result)["4.4"][0] == stances(result)["1.5"][0] == "disagree"


def test_the_rest_in_a_line_headed_by_a_panel_is_that_panels_rest(campaign: Campaign) -> None:
    # panel 4 was recorded as abstained too, unflagged
    result = read("1-панелдин сунуштарын жана 2.1 сунушун колдойбуз.\n3-панель боюнча: 3.1, 3.3, 3.4 – ооба; "
                  "калгандары боюнча калыс калабыз.", campaign, language="ky")  # fmt: skip
    assert not any(k.startswith("4.") for k in stances(result))
    assert stances(result)["3.5"] == ("abstain", None)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Мы согласны со всем, кроме того, что касается айтишников.", "vague_scope"),
        ("Поддерживаем панели 1, 2 и 4. Из третьей панели не поддерживаем ту, что про обучение, остальные — да.",
         "unclear_reference"),
        ("Ош облусундагы мечит уюмдарынын атынан жазып жатам: бардык сунуштарга макулбуз.", "partial_speaker"),
    ],
)  # fmt: skip
def test_what_a_careful_reader_stops_at_in_batch_103_goes_to_review(text: str, code: str, campaign: Campaign) -> None:
    # 19 agreements; panel 3 rejected whole; the network's stance
    assert code in codes(read(text, campaign))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("В дополнение к нашему письму от 10 марта: просим считать, что по рекомендации 4.1 мы всё-таки против.",
         "revision"),
        ("Поддерживаем рекомендацию 4.2. Остальные тоже поддерживаем.\n\nВместе с тем считаем совместные программы "
         "(4.2) для нашей отрасли излишними.", "cross_check"),
        ("Кеңештин жыйынында бекитилсе, бардыгына макул болобуз.", "condition"),
    ],
)  # fmt: skip
def test_what_a_careful_reader_stops_at_in_batch_105_goes_to_review(text: str, code: str, campaign: Campaign) -> None:
    # each was accepted: 4.1 rejected as if first said; 19 agreements; 19 agreements
    assert code in codes(read(text, campaign))


def test_an_exception_named_again_with_its_stance_in_brackets_is_read(campaign: Campaign) -> None:
    # 3.6 was recorded as agreed, unflagged: the bracket's stance was lost with the exception's guess
    result = read("1-панель – макул\n2.1 – макул\n3-панель – макул, 3.6дан башка (3.6 – каршыбыз)\n4-панель – макул",
                  campaign, language="ky")  # fmt: skip
    assert stances(result)["3.6"] == ("disagree", None)
    assert stances(result)["3.5"] == ("agree", None)


def test_a_phones_latin_without_soft_signs_keeps_its_exception(campaign: Campaign) -> None:
    # "tolko" read as nothing: 4.4 recorded as agreed with the rest, unflagged
    result = read("vse ok, tolko 4.4 ne ochen\n\nBishkek Skate Crew", campaign)
    assert "4.4" not in stances(result) or codes(result)


def test_sentences_under_a_heading_answer_it_part_by_part(campaign: Campaign) -> None:
    # 1.2 and 1.5 were reported as named without a stance right after the first sentence under the heading
    heading = "По первой панели наша позиция такая. Поддерживаем 1.1, 1.3 и 1.4."
    result = read(f"{heading} Против 1.2 и 1.5: бизнес-ассоциации и ОГО преследуют разные цели.", campaign)
    assert not codes(result)
    assert stances(result)["1.5"][0] == "disagree"
    # what no sentence under it answers is still asked
    assert "no_stance_for_id" in codes(read(heading, campaign))


@pytest.mark.parametrize(
    "text",
    [
        "Согласны со всеми пунктами, кроме п. 4.1. С ним не согласны, так как попечительский совет уже сформирован.",
        "We agree with all except 4.1. We cannot support it because our board is already formed by statute.",
    ],
)
def test_a_pronoun_right_after_an_exception_gives_the_exceptions_stance(text: str, campaign: Campaign) -> None:
    # the stance had no scope and the exception none: sent to review as both
    result = read(text, campaign, language="en" if text.startswith("We") else "ru")
    assert not codes(result)
    assert stances(result)["4.1"][0] == "disagree"
    assert stances(result)["4.1"][1] is not None and stances(result)["4.1"][1].startswith(("попечительский", "our"))
    assert stances(result)["4.2"] == ("agree", None)


def test_a_pronoun_giving_the_excepted_its_stance_back_is_a_contradiction(campaign: Campaign) -> None:
    assert "contradiction" in codes(read("Согласны со всеми, кроме 3.5. С ним согласны.", campaign))


def test_a_range_over_the_whole_letter_is_refined_by_its_exception(campaign: Campaign) -> None:
    # a contradiction on 3.5: the range and 3.5 were weighed as equally specific
    result = read("Youth Works supports recommendations 1.1–4.5 with one exception: we cannot support 3.5. It is "
                  "premature in rural areas.", campaign, language="en")  # fmt: skip
    assert not codes(result)
    assert stances(result)["3.5"][0] == "disagree"
    assert stances(result)["3.4"] == ("agree", None)
    # a list of every ID is no range: "but against 4.2" contradicts it
    listed = read("Согласны с рекомендациями 1.1-1.5, 2.1, 3.1-3.8, 4.1-4.5, но против 4.2.", campaign)
    assert "contradiction" in codes(listed)


def test_a_working_group_answering_for_its_body_goes_to_review(campaign: Campaign) -> None:
    text = "The working group confirms its support for recommendations 1.1 to 4.5. No objections were raised."
    assert "partial_speaker" in codes(read(text, campaign, language="en"))


@pytest.mark.parametrize(
    "text",
    [
        "Каржы болсо 3.4кө катышабыз, калганына макулбуз",
        "Каржылоо болсо 3.4 жана 3.7 сунуштарына макулбуз. Башкаларына макулбуз.",
    ],
)
def test_a_kyrgyz_if_there_is_before_the_stance_is_a_condition(text: str, campaign: Campaign) -> None:
    # accepted: 19 agreements, the funding they hang on unread
    assert "condition" in codes(read(text, campaign, language="ky"))


def test_a_reasons_kyrgyz_if_is_no_condition_on_the_stance(campaign: Campaign) -> None:
    text = "4.1ге каршыбыз, анткени кеңеште бизнесмендер болсо, көз карандысыздык жоголот. Калганына макулбуз."
    assert "condition" not in codes(read(text, campaign, language="ky"))


def test_remarks_to_be_sent_in_a_separate_letter_are_held(campaign: Campaign) -> None:
    # 1.2 and 1.3 were recorded as agreed, unflagged
    text = "По третьей и четвёртой панелям поддерживаем, по 1.2 и 1.3 есть замечания, направим отдельным письмом."
    assert "holding" in codes(read(text, campaign))


def test_a_word_of_emphasis_before_because_leaves_the_reason(campaign: Campaign) -> None:
    text = "We agree with 1.1, 1.2 and 1.5 in particular because they reflect our focus on advocacy. Yes to the rest."
    assert stances(read(text, campaign, language="en"))["1.2"] == ("agree", "they reflect our focus on advocacy")


def test_a_panel_we_cannot_assess_is_an_abstention(campaign: Campaign) -> None:
    result = read("Рекомендации панелей 1–3 поддерживаем. Четвёртую панель оценить не можем — на диалоге мы в ней не "
                  "участвовали.", campaign)  # fmt: skip
    assert not codes(result)
    assert stances(result)["4.3"] == ("abstain", "на диалоге мы в ней не участвовали")


def test_a_minus_among_pluses_is_a_no_even_with_its_comment(campaign: Campaign) -> None:
    lines = [f"{i} +" for i in campaign.ids if i not in ("3.5", "4.3")]
    text = "\n".join([*lines, "3.5 -", "4.3 - при мэрии уже есть три таких совета"])
    result = read(text, campaign)
    assert not codes(result)
    assert stances(result)["3.5"] == ("disagree", None)
    assert stances(result)["4.3"] == ("disagree", "при мэрии уже есть три таких совета")


def test_the_kyrgyz_those_two_after_an_exception_are_the_exceptions(campaign: Campaign) -> None:
    result = read("Баардык сунуштарды колдойбуз, 4.1 жана 4.3төн башкасын. Ал экөөнө каршыбыз, анткени кеңештер "
                  "формалдуу болуп калат.", campaign, language="ky")  # fmt: skip
    assert not codes(result)
    assert stances(result)["4.3"] == ("disagree", "кеңештер формалдуу болуп калат")


def test_a_network_reporting_its_members_vote_speaks_for_itself(campaign: Campaign) -> None:
    text = (
        "Сеть, по итогам голосования членов сети, сообщает: рекомендацию 3.5 не поддерживает, остальные поддерживает."
    )
    assert "partial_speaker" not in codes(read(text, campaign))


def test_a_compound_word_ending_in_a_stance_is_no_stance(campaign: Campaign) -> None:
    lines = "\n".join(f"{i} – Agree" for i in campaign.ids)
    result = read(f"{lines}\n\nMichael Brandt\nCountry Director, Partnership for Governance (GIZ-supported)", campaign)
    assert not codes(result)


def test_bare_assent_except_ids_that_get_their_own_stance_is_all_but_them(campaign: Campaign) -> None:
    result = read("Поддерживаем, кроме 3.5 и 3.8 — здесь воздерживаемся, так как не работаем с госуслугами.", campaign)
    assert not codes(result)
    assert stances(result)["3.8"] == ("abstain", "не работаем с госуслугами")
    assert stances(result)["4.1"] == ("agree", None)
    # a stance only presumed from the exception is still asked
    assert "unclear_exception" in codes(read("Согласны, кроме 3.2 и 3.5.", campaign))


def test_a_vague_word_in_an_exceptions_reason_is_the_reasons(campaign: Campaign) -> None:
    text = ("We endorse all recommendations except 1.2 and 2.1, which we do not support because joint advocacy has "
            "led to CSOs' agendas being captured.")  # fmt: skip
    assert not codes(read(text, campaign, language="en"))


def test_a_partial_stance_with_a_colon_after_its_ids_says_how_far(campaign: Campaign) -> None:
    text = "We partly endorse 3.5: we support the aim, but CSOs have very limited leverage over job creation."
    result = read(text, campaign, language="en")
    assert not codes(result)
    assert stances(result)["3.5"][0] == "partial"


def test_saying_yes_to_everything_but_one_is_all_but_it(campaign: Campaign) -> None:
    result = read("We say yes to everything but 1.1 — we disagree with it as it is phrased as a task for CSOs.",
                  campaign, language="en")  # fmt: skip
    assert not codes(result)
    assert stances(result)["1.1"] == ("disagree", "it is phrased as a task for CSOs")


def test_the_panel_an_exception_is_taken_in_is_not_excepted(campaign: Campaign) -> None:
    # panel 3 was excepted with 3.5 and recorded as rejected
    result = read("1-панель макул, 2-панель макул, 4-панель макул. 3-панелде 3.5тен башкасы макул, 3.5 жок", campaign,
                  language="ky")  # fmt: skip
    assert not codes(result)
    assert stances(result)["3.4"] == ("agree", None)
    assert stances(result)["3.5"] == ("disagree", None)


def test_lines_under_a_stance_heading_may_give_their_reasons(campaign: Campaign) -> None:
    text = ("We cannot accept three recommendations:\n- 3.2, because it treats CSOs as passive recipients;\n"
            "- 4.3, because the existing councils are underused.\n\nWe accept all other recommendations.")  # fmt: skip
    result = read(text, campaign, language="en")
    assert not codes(result)
    assert stances(result)["3.2"] == ("disagree", "it treats CSOs as passive recipients")
    assert stances(result)["3.5"] == ("agree", None)


@pytest.mark.parametrize(
    "text",
    [
        "Поддерживаем рекомендации четвертой панели, особенно 4.3. По другим панелям замечаний нет.",
        "hi, re 3.2 — yes, we fully support it. other recs whatever.",
    ],
)
def test_other_panels_are_a_quantifier_to_account_for(text: str, campaign: Campaign) -> None:
    # the other 14 were dropped, unflagged
    assert codes(read(text, campaign, language="en" if text.startswith("hi") else "ru"))


def test_other_recs_fine_is_the_rest(campaign: Campaign) -> None:
    result = read("hi, re 3.2 — yes, we fully support it. other recs also fine by us.", campaign, language="en")
    assert not codes(result)
    assert stances(result)["4.5"] == ("agree", None)


@pytest.mark.parametrize(
    ("text", "code", "language"),
    [
        ("V osnovnom soglasny. 4.x eshche nado obsudit s pravleniem", "holding", "ru"),
        ("Мурунку жообубузду өзгөртөбүз: 3.5ке макулбуз.", "revision", "ky"),
    ],
)
def test_what_a_careful_reader_stops_at_in_batch_112_goes_to_review(
    text: str, code: str, language: str, campaign: Campaign
) -> None:
    # panel 4 accepted; 3.5 recorded with no word of the answer it replaces
    assert code in codes(read(text, campaign, language=language))


def test_except_that_is_a_but(campaign: Campaign) -> None:
    text = "Panel 1: agree.\nPanel 2: agree.\nPanel 3: agree, except that we abstain on 3.2 because it is for IT firms."
    result = read(text, campaign, language="en")
    assert not codes(result)
    assert stances(result)["3.2"] == ("abstain", "it is for IT firms")
    assert stances(result)["3.3"] == ("agree", None)
    assert "4.1" not in stances(result)


def test_supporting_before_ids_is_agreement(campaign: Campaign) -> None:
    result = read("Please record the Hub as supporting recommendations 1.1 through 2.1 and 4.1 through 4.5.", campaign,
                  language="en")  # fmt: skip
    assert not codes(result)
    assert stances(result)["2.1"] == ("agree", None)


def test_most_namely_these_ids_is_no_vague_scope(campaign: Campaign) -> None:
    result = read("Согласны с большинством, а именно с 1.1–1.5 и 4.1–4.5", campaign)
    assert not codes(result)
    assert set(stances(result)) == {i for i in campaign.ids if i[0] in "14"}


def test_especially_before_an_adjective_is_a_degree_not_a_stress(campaign: Campaign) -> None:
    text = "Т.к. в районе нет совместных проектов, рекомендации 4.1 и 4.2 считаем особенно актуальными и поддерживаем."
    assert not codes(read(text, campaign))


def test_a_condition_in_a_partial_stances_how_far_is_no_condition(campaign: Campaign) -> None:
    text = ("— рекомендация 4.1 принимается частично: привлечение бизнеса в советы допустимо лишь при наличии правил "
            "о конфликте интересов;\n— рекомендации 4.2–4.5 принимаются.")  # fmt: skip
    result = read(text, campaign)
    assert not codes(result)
    assert stances(result)["4.1"][0] == "partial"


def test_a_one_recommendation_panel_names_its_recommendation(campaign: Campaign) -> None:
    text = "Панель 1 — принимаем.\nПанель 2 — принимаем. Отмечаем, что 2.1 напрямую касается нашей работы."
    assert not codes(read(text, campaign))


def test_in_for_is_agreement(campaign: Campaign) -> None:
    result = read("Hey! Our startup assoc is in for 3.1-3.8.", campaign, language="en")
    assert not codes(result)
    assert stances(result)["3.5"] == ("agree", None)


def test_a_colon_after_the_ids_opens_the_reason(campaign: Campaign) -> None:
    text = "We abstain on 3.2 and 3.5: they are addressed to business associations and the state respectively."
    result = read(text, campaign, language="en")
    assert not codes(result)
    assert set(stances(result)) == {"3.2", "3.5"}


def test_a_recommendation_a_reason_is_compared_with_gets_no_stance(campaign: Campaign) -> None:
    result = read("Рекомендацию 1.2 принимаем частично. Панель 4: 4.1 не принимаем по той же причине, что и 1.2; "
                  "остальные принимаем.", campaign)  # fmt: skip
    assert "contradiction" not in codes(result)
    assert stances(result)["1.2"][0] == "partial"


def test_a_dash_after_a_partial_stance_opens_how_far(campaign: Campaign) -> None:
    text = "По п. 4.1: согласны частично – привлекать бизнес в консультативные советы можно, в наблюдательные – нет."
    result = read(text, campaign)
    assert not codes(result)
    assert stances(result)["4.1"][0] == "partial"


def test_an_id_and_all_the_others_is_all(campaign: Campaign) -> None:
    # only 4.3 was recorded, unflagged: "all the others" after it was dropped
    result = read("4.3 — это ровно то, чего нам не хватает. Поддерживаем 4.3 и все остальные рекомендации.", campaign)
    assert not codes(result)
    assert stances(result)["1.1"] == ("agree", None)
    # (not the rest after a comma: "поддерживаю 3.3 и 3.6, остальное не моя зона")
    assert "1.1" not in stances(read("Поддерживаю 3.3 и 3.6, остальное не моя зона.", campaign))


def test_a_topic_line_is_answered_further_on(campaign: Campaign) -> None:
    text = ("Про 3.5. Высокотехнологичные рабочие места в селе — красивая цель, но люди уезжают. Поэтому по 3.5 "
            "— частично.\n\nВсё остальное — за.")  # fmt: skip
    result = read(text, campaign)
    assert not codes(result)
    assert stances(result)["3.5"][0] == "partial"


def test_an_id_stressed_after_its_panel_takes_the_reason(campaign: Campaign) -> None:
    text = "Panel 3 has our full support. 3.6 in particular, because we already monitor online harassment."
    result = read(text, campaign, language="en")
    assert not codes(result)
    assert stances(result)["3.6"] == ("agree", "we already monitor online harassment")


def test_no_comment_on_an_answered_id_is_no_abstention(campaign: Campaign) -> None:
    lines = "\n".join(f"{i} – {'нет' if i == '3.5' else 'да'}" for i in campaign.ids)
    result = read(f"{lines}\n\nПо 3.5 без комментариев.", campaign)
    assert not codes(result)
    assert stances(result)["3.5"] == ("disagree", None)


def test_no_additional_opinion_in_kyrgyz_is_no_abstention(campaign: Campaign) -> None:
    text = "3.8 сунушун колдойбуз. Башка сунуштар боюнча кошумча пикирибиз жок, баарына макулбуз."
    result = read(text, campaign, language="ky")
    assert not codes(result)
    assert stances(result)["3.5"] == ("agree", None)


def test_goodwill_on_a_rejected_recommendation_is_a_contradiction(campaign: Campaign) -> None:
    # 3.2 recorded as rejected, unflagged
    text = (
        "Поддерживаем все рекомендации, кроме 3.2 — с ней не согласны. При этом по 3.2 готовы выступить координатором."
    )
    assert "contradiction" in codes(read(text, campaign))


def test_rather_against_is_a_leaning(campaign: Campaign) -> None:
    # 3.7 recorded as rejected, unflagged
    text = "Согласны со всеми рекомендациями. Хотя 3.7 у нас вызывает сомнения, так что по 3.7 скорее против."
    assert "reservation" in codes(read(text, campaign))


def test_esp_is_a_stress_not_a_sentence_end(campaign: Campaign) -> None:
    result = read("- Panels 1 and 2: agree\n- Panel 3: agree, esp. 3.3 for our own staff\n- Panel 4: agree", campaign,
                  language="en")  # fmt: skip
    assert not codes(result)
    assert stances(result)["3.3"] == ("agree", None)


def test_a_phones_latin_names_panels_by_ordinal(campaign: Campaign) -> None:
    result = read("Pervaya i vtoraya paneli - polnostyu soglasny.\nKlub jenshin-predprinimatelei Osh", campaign)
    assert not codes(result)
    assert set(stances(result)) == {i for i in campaign.ids if i[0] in "12"}


def test_an_id_right_after_the_abbreviation_dot_is_read(campaign: Campaign) -> None:
    result = read("Согласны со всем, кроме п.3.6 – против.", campaign)
    assert not codes(result)
    assert stances(result)["3.6"] == ("disagree", None)


@pytest.mark.parametrize(
    ("text", "code", "language"),
    [
        ("Саламатсызбы. Мен уюмдун Баткен бөлүмүнүн жетекчисимин. Биз 1-панелди колдойбуз.", "partial_speaker", "ky"),
        ("Уважаемые организаторы!\n\nКак член Общественного совета при администрации, выражаю свое мнение: "
         "рекомендацию 4.3 поддерживаю.", "partial_speaker", "ru"),
        ("Первые три панели поддерживаем целиком. С четвертой панелью согласны не со всем.", "ambiguous_negation",
         "ru"),
    ],
)  # fmt: skip
def test_what_a_careful_reader_stops_at_in_batches_117_and_118_goes_to_review(
    text: str, code: str, language: str, campaign: Campaign
) -> None:
    # a branch's, a person's stance taken for the organisation's; panel 4 recorded as agreed
    assert code in codes(read(text, campaign, language=language))


def test_no_view_on_the_exception_is_an_abstention(campaign: Campaign) -> None:
    # 2.1 was recorded as rejected, unflagged, its "reason" the words that say there is no view
    result = read("We agree to all recommendations except 2.1, on which we have no view.", campaign, language="en")
    assert stances(result)["2.1"][0] == "abstain"


def test_kyrgyz_right_too_is_agreement(campaign: Campaign) -> None:
    result = read("1-панелдеги сунуштардын баарын колдойбуз. 2.1 да туура.", campaign, language="ky")
    assert not codes(result)
    assert stances(result)["2.1"] == ("agree", None)


def test_a_minus_sign_between_commas_in_a_row_of_votes_is_a_no(campaign: Campaign) -> None:
    # 1.4, 3.5 and 4.3 were recorded as agreed, unflagged: "−" after a comma's vote was read as nothing, and the
    # long panel 3 row swallowed the panel 4 row as its wrapped continuation
    text = ("Наша позиция (+ поддерживаем, − не поддерживаем):\n\nПанель 1: 1.1 +, 1.2 +, 1.3 +, 1.4 −, 1.5 +\n"
            "Панель 2: 2.1 +\nПанель 3: 3.1 +, 3.2 +, 3.3 +, 3.4 +, 3.5 −, 3.6 +, 3.7 +, 3.8 +\n"
            "Панель 4: 4.1 +, 4.2 +, 4.3 −, 4.4 +, 4.5 +")  # fmt: skip
    result = read(text, campaign)
    assert not codes(result)
    assert {k for k, v in stances(result).items() if v[0] == "disagree"} == {"1.4", "3.5", "4.3"}
    assert stances(result)["4.1"] == ("agree", None)


def test_kyrgyz_we_do_not_join_is_a_rejection(campaign: Campaign) -> None:
    text = "Биринчи панель боюнча бардык сунуштар менен макулбуз. Үчүнчү панелге кошулбайбыз, себеби смартфон жок."
    result = read(text, campaign, language="ky")
    assert stances(result)["3.4"] == ("disagree", "смартфон жок")


def test_a_colon_after_a_panels_stance_opens_its_reason(campaign: Campaign) -> None:
    text = (
        "Поддерживаем панели 1, 2 и 4.\nТретью панель не поддерживаем: цифровые вопросы не наш профиль, нет ресурсов."
    )
    result = read(text, campaign)
    assert not codes(result)
    assert stances(result)["3.1"] == ("disagree", "цифровые вопросы не наш профиль, нет ресурсов")


def test_a_reason_ends_before_the_link_to_its_stance(campaign: Campaign) -> None:
    text = "On panel 3 we agree with 3.3 and 3.6 only; the others are outside our field and we abstain."
    assert stances(read(text, campaign, language="en"))["3.1"] == ("abstain", "are outside our field")


def test_no_opinion_on_the_rest_after_the_ids_is_an_abstention_on_the_others(campaign: Campaign) -> None:
    # "по остальным пунктам мнения нет" was dropped unflagged: 13 recommendations without their abstention
    result = read("Soglasny s 1.1-1.5 i 4.2, po ostalnym punktam mneniya net.", campaign)
    assert not codes(result)
    assert stances(result)["4.2"] == ("agree", None)
    assert stances(result)["3.5"] == ("abstain", None)


def test_the_rest_after_every_id_with_no_stance_of_its_own_goes_to_a_person(campaign: Campaign) -> None:
    result = read("Согласны с 1.1-1.5 и 4.2, по остальным пунктам посмотрим.", campaign)
    assert "unread_words" in codes(result)


def test_no_objections_several_words_from_their_denial_are_agreement(campaign: Campaign) -> None:
    # the council's name between the objections and "не имеет" made them 19 rejections, unflagged
    text = "Отвечаем на Ваш запрос: возражений по рекомендациям Деловой совет Жайылского района не имеет."
    result = read(text, campaign)
    assert not codes(result)
    assert stances(result) == every(campaign, "agree")


def test_no_doubt_is_no_abstention(campaign: Campaign) -> None:
    result = read("Сомнений нет, поддерживаем все рекомендации.", campaign)
    assert stances(result) == every(campaign, "agree")


@pytest.mark.parametrize(
    "text", ["We disagree with two recommendations.", "С двумя рекомендациями не согласны, остальные принимаем."]
)
def test_a_count_of_recommendations_without_their_ids_goes_to_a_person(text: str, campaign: Campaign) -> None:
    # "two recommendations" was read as all 19, unflagged
    assert "vague_scope" in codes(read(text, campaign, language="en" if text.isascii() else "ru"))


def test_a_counted_heading_over_its_list_is_no_vague_scope(campaign: Campaign) -> None:
    text = "We cannot accept three recommendations:\n1.5 - no.\n3.5 - no.\n4.3 - no.\nAll the others we accept."
    result = read(text, campaign, language="en")
    assert "vague_scope" not in codes(result)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("We agree with all of them. Our members found Panel 4 especially useful.", "en"),
        ("Принимаем все рекомендации. Рекомендации о сотрудничестве с бизнесом (1.2, 2.1, 4.2) особенно близки нам.",
         "ru"),
    ],
)  # fmt: skip
def test_ids_stressed_as_valued_after_an_agreement_with_all_are_agreed(
    text: str, language: str, campaign: Campaign
) -> None:
    result = read(text, campaign, language=language)
    assert not codes(result)
    assert stances(result) == every(campaign, "agree")


def test_a_stress_that_raises_a_doubt_is_not_taken_for_agreement(campaign: Campaign) -> None:
    result = read("Принимаем все рекомендации. Рекомендация 3.5 особенно нужна, но не в нашем районе.", campaign)
    assert codes(result)
    result = read("Принимаем все рекомендации. 3.6 особенно важна, но не для нашей области.", campaign)
    assert codes(result)


def test_the_second_mailing_is_no_ordinal_of_the_letter(campaign: Campaign) -> None:
    text = "Сообщаем позицию по второй рассылке. Согласны со всем, кроме 3.6: по ней воздерживаемся."
    result = read(text, campaign)
    assert not codes(result)
    assert stances(result)["3.6"] == ("abstain", None)


def test_kyrgyz_most_of_our_members_agree_is_not_the_bodys_answer(campaign: Campaign) -> None:
    result = read("Биздин мүчөлөрдүн көбү макул деп жатышат", campaign, language="ky")
    assert "partial_speaker" in codes(result)


def test_holding_all_recommendations_relevant_is_agreement(campaign: Campaign) -> None:
    text = ("Мы внимательно их рассмотрели, считаем все рекомендации актуальными и готовы участвовать в их "
            "реализации, особенно в части межрегионального обмена опытом.")  # fmt: skip
    result = read(text, campaign)
    assert not codes(result)
    assert stances(result) == every(campaign, "agree")


def test_most_of_the_youth_in_a_reason_is_no_share_of_the_recommendations(campaign: Campaign) -> None:
    text = ("Поскольку у нас нет стабильного интернета, а большинство молодёжи уезжает на заработки в Россию, "
            "рекомендацию 3.5 считаем нереалистичной и не поддерживаем. Остальные рекомендации принимаем.")  # fmt: skip
    result = read(text, campaign)
    assert not codes(result)
    assert stances(result)["3.5"][0] == "disagree"


def test_nothing_against_the_recommendations_is_agreement(campaign: Campaign) -> None:
    # "Против … ничего не имеем" was 19 rejections, unflagged
    result = read("Против рекомендаций ничего не имеем. Спасибо за интересный диалог.", campaign)
    assert not codes(result)
    assert stances(result) == every(campaign, "agree")


def test_a_bracket_after_each_exception_gives_that_exception_its_stance(campaign: Campaign) -> None:
    # the second bracket's "согласны" was dropped as the first clause's stance said again: 3.5 partial, 4.3 against
    result = read("Согласны по всем пунктам, кроме 3.5 (не согласны) и 4.3 (согласны частично).", campaign)
    assert not codes(result)
    assert stances(result)["3.5"] == ("disagree", None)
    assert stances(result)["4.3"] == ("partial", None)


def test_a_phones_latin_promise_to_write_later_is_held(campaign: Campaign) -> None:
    result = read("Ok, my soglasny s 1.1-2.1, 3 panel tozhe ok. Po 4-i poka ne reshili, napishem.", campaign)
    assert "holding" in codes(result)


def test_no_after_them_answers_the_exceptions(campaign: Campaign) -> None:
    result = read("Dobryi den, my soglasny so vsemi krome 3.5 i 3.6, po nim net.", campaign)
    assert not codes(result)
    assert stances(result) == every(campaign, "agree", but={"3.5": ("disagree", None), "3.6": ("disagree", None)})


def test_a_list_row_that_puts_nothing_under_its_stance_is_no_stance(campaign: Campaign) -> None:
    text = "Our answers:\n* Agree: 1.1–1.5, 2.1, 3.1–3.8\n* Disagree: none\n* Abstain: all of Panel 4"
    result = read(text, campaign, language="en")
    assert not codes(result)
    assert stances(result)["4.2"] == ("abstain", None)


def test_taking_part_further_on_is_no_range_of_recommendations(campaign: Campaign) -> None:
    result = read("Согласны со всеми рекомендациями. Будем рады участвовать и дальше!", campaign)
    assert not codes(result)
    assert "unread_words" in codes(read("Всё со 2й панели и дальше — посмотрим.", campaign))


def test_the_neuter_not_agreeing_before_a_comma_is_a_rejection(campaign: Campaign) -> None:
    # "не согласно," was no stance, and "не относится" in its reason made 3.5 an abstention, unflagged
    text = ("С рекомендацией 3.5 Объединение не согласно, поскольку создание рабочих мест не относится к уставным "
            "целям.")  # fmt: skip
    assert stances(read(text, campaign))["3.5"][0] == "disagree"


def test_kyrgyz_other_recommendations_after_a_named_id_are_not_that_id(campaign: Campaign) -> None:
    # "Башка сунуштарга" took the waiting 3.4 as its scope: 3.4 agreed, the other 18 lost, unflagged
    text = "3.4 боюнча кампанияга каржылоо болсо гана катыша алабыз. Башка сунуштарга каршылыгыбыз жок."
    result = read(text, campaign, language="ky")
    assert codes(result)


def test_a_panel_agreed_with_emphasis_on_one_id_keeps_the_whole_panel(campaign: Campaign) -> None:
    # "Panel 3: agree, with particular emphasis on 3.8" recorded 3.8 alone, unflagged
    for text, language in [("Panel 3: agree, with particular emphasis on 3.8.", "en"),
                           ("Третья панель: согласны, с особым акцентом на 3.8.", "ru")]:  # fmt: skip
        assert stances(read(text, campaign, language=language))["3.1"] == ("agree", None)


def test_we_pass_is_an_abstention(campaign: Campaign) -> None:
    result = read("Коллеги, hi! Мы за все recommendations, кроме 3.6 — там мы пас.", campaign, language="mixed")
    assert stances(result)["3.6"][0] == "abstain"


def test_the_recommendations_on_a_topic_go_to_a_person(campaign: Campaign) -> None:
    assert "vague_scope" in codes(read("We agree with the recommendations on working with business.", campaign))
    text = "We support the recommendations on cooperation between associations and CSOs, namely 1.2, 2.1 and 4.2."
    assert "vague_scope" not in codes(read(text, campaign, language="en"))


def test_a_bare_ordinal_with_a_soft_sign_is_not_read_as_nothing(campaign: Campaign) -> None:
    # "Согласны с третьей" (the third panel, or the third recommendation?) was 19 agreements, unflagged
    assert codes(read("Согласны с третьей", campaign))
    text = "Не поддерживаем 3.2, потому что данные не должны попадать к третьим лицам. Остальные поддерживаем."
    assert not codes(read(text, campaign))


def test_an_ordinal_heading_in_a_reply_that_numbers_its_panels_is_a_panel(campaign: Campaign) -> None:
    text = "Панели 1, 2 и 4 поддерживаем целиком. По третьей:\n3.1–3.4 — да\n3.5 — нет\n3.6–3.8 — да"
    result = read(text, campaign)
    assert not codes(result)
    assert stances(result)["3.5"] == ("disagree", None)


def test_a_phones_latin_support_with_j_for_zh_and_a_thanks_is_read(campaign: Campaign) -> None:
    assert stances(read("Vse ok, podderjivaem. Bakyt", campaign)) == every(campaign, "agree")
    assert stances(read("Soglasny. Rahmat!", campaign)) == every(campaign, "agree")
    assert "reservation" in codes(read("Da vse ok podderjivaem vroe", campaign))


def test_not_knowing_enough_to_say_is_an_abstention(campaign: Campaign) -> None:
    text = "yes to everything except 3.5 (no) and 4.3 (don't know enough to say)"
    result = read(text, campaign, language="en")
    assert not codes(result)
    assert stances(result)["4.3"] == ("abstain", None)


def test_a_partial_whose_how_far_is_only_an_if_is_conditional(campaign: Campaign) -> None:
    text = "Согласны со всем кроме 3.5, с 3.5 согласны частично, если будут гранты на оборудование для сел"
    assert "condition" in codes(read(text, campaign))


def test_an_answer_sent_earlier_then_changed_is_a_revision(campaign: Campaign) -> None:
    text = ("Ранее мы направили вам согласие по всем пунктам. Просим считать наш ответ по 3.5 отрицательным — члены "
            "ассоциации на собрании с ним не согласились.")  # fmt: skip
    assert "revision" in codes(read(text, campaign))


def test_one_recommendation_described_in_a_panels_words_is_no_whole_panel(campaign: Campaign) -> None:
    # "С рекомендацией о просвещении … цифрового участия" was read as all of panel 3, unflagged
    text = "С рекомендацией о просвещении населения по вопросам цифрового участия не согласны."
    assert "unclear_reference" in codes(read(text, campaign))


def test_otherwise_we_agree_is_the_rest(campaign: Campaign) -> None:
    text = "On 4.3 we abstain. On 4.4 we disagree: experienced NGOs have a poor record here. Otherwise we agree."
    result = read(text, campaign, language="en")
    assert not codes(result)
    assert stances(result)["1.1"] == ("agree", None)
    assert stances(result)["4.4"][0] == "disagree"


def test_an_id_named_above_its_inline_answer_has_that_answer(campaign: Campaign) -> None:
    quoted = f"4.3. {campaign.get('4.3').text}"  # type: ignore[union-attr]
    result = read("Ответ по 4.3 — ниже в тексте письма. С остальными рекомендациями согласны.", campaign,
                  pairs=(InlinePair(quoted, "Не согласны: такие советы уже есть."),))  # fmt: skip
    assert not codes(result)
    assert stances(result)["4.3"][0] == "disagree"
    assert stances(result)["4.4"] == ("agree", None)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("We support the recommendations, with one exception. On 3.5 we agree only in part. We support digital jobs "
         "in principle, but 'high-tech' sets the bar too high for Naryn right now.", "en"),
        ("С первой, второй и четвертой панелями согласны.\nТретью панель поддерживаем частично — поддерживаем идею, "
         "но сомневаемся, что у сельских ОГО хватит ресурсов.", "ru"),
    ],
)  # fmt: skip
def test_a_reservation_inside_a_partial_stance_says_how_far_and_is_no_flag(
    text: str, language: str, campaign: Campaign
) -> None:
    result = read(text, campaign, language=language)
    assert "reservation" not in codes(result)
    assert "partial" in {v[0] for v in stances(result).values()}


def test_a_reservation_outside_any_partial_stance_is_still_flagged(campaign: Campaign) -> None:
    text = "3.5 поддерживаем частично: нет интернета. Остальные в принципе поддерживаем."
    assert "reservation" in codes(read(text, campaign))


def test_a_chapter_speaking_only_for_itself_is_not_the_organisation(campaign: Campaign) -> None:
    text = "Speaking only for the Osh chapter here: we agree with all recommendations. HQ may send their own answer."
    assert "partial_speaker" in codes(read(text, campaign, language="en"))


def test_kyrgyz_agreement_with_the_amendments_we_made_leans_on_them(campaign: Campaign) -> None:
    text = "Жыйында талкуулангандай, биз киргизген оңдоолор менен бирге сунуштарга макулбуз."
    assert "outside_reference" in codes(read(text, campaign, language="ky"))


def test_much_in_the_letter_at_odds_with_our_position_goes_to_a_person(campaign: Campaign) -> None:
    text = "2.1 не поддерживаем. И вообще многое в письме не согласуется с нашей позицией."
    assert "ambiguous_negation" in codes(read(text, campaign))


def test_pass_after_an_exception_is_an_abstention(campaign: Campaign) -> None:
    # "тут pass" was left to the exception's default: 4.3 recorded as a rejection, unflagged
    result = read("Мы fully support все recommendations, кроме 4.3 — тут pass, мы не работаем с мэрией.", campaign,
                  language="mixed")  # fmt: skip
    assert stances(result)["4.3"][0] == "abstain"


def test_a_bare_assent_over_a_list_of_its_exceptions_is_agreement_with_the_rest(campaign: Campaign) -> None:
    text = "Поддерживаем, за исключением:\n3.2 — против, не по адресу;\n3.5 — против, нереально в Баткене."
    result = read(text, campaign)
    assert not codes(result)
    assert stances(result) == every(campaign, "agree", but={"3.2": ("disagree", "не по адресу"),
                                                            "3.5": ("disagree", "нереально в Баткене")})  # fmt: skip


def test_a_thumbs_up_signed_with_a_name_is_agreement(campaign: Campaign) -> None:
    assert stances(read("👍 Жылдыз", campaign)) == every(campaign, "agree")


def test_support_for_those_that_fit_a_memorandum_goes_to_a_person(campaign: Campaign) -> None:
    text = ("We support the recommendations in line with the memorandum we signed with the Ministry last year, i.e. "
            "those that fit its scope.")  # fmt: skip
    assert {"vague_scope", "outside_reference"} <= codes(read(text, campaign, language="en"))
    text = "Поддерживаем все рекомендации. По 3.2 готовы подписать меморандум с сетями социальных ОГО."
    assert "outside_reference" not in codes(read(text, campaign))


def test_all_exc_a_recommendation_described_in_words_goes_to_a_person(campaign: Campaign) -> None:
    # "exc" before words, not a number, was not an exception: 19 agreements, unflagged
    assert "unclear_exception" in codes(read("agree w/ all exc the one on business councils", campaign, language="en"))


@pytest.mark.parametrize(
    "text",
    ["согласны со всеми кроме 3.5, по 3.5 против - у нас в селах даже 3G нет",
     "Согласны со всеми рекомендациями кроме 4.3 - не согласны, у нас в районе и так 5 советов."],
)  # fmt: skip
def test_a_mobile_network_or_a_count_of_things_is_no_loose_number(campaign: Campaign, text: str) -> None:
    assert not codes(read(text, campaign))


def test_the_other_eighteen_is_the_rest_when_the_count_fits(campaign: Campaign) -> None:
    text = "Our village still has only 2G coverage, so we say no to 3.5.\n\nHappy with the other {}."
    result = read(text.format(18), campaign, language="en")
    assert not codes(result)
    why = "Our village still has only 2G coverage"
    assert stances(result) == every(campaign, "agree", but={"3.5": ("disagree", why)})
    assert "unclear_exception" in codes(read(text.format(17), campaign, language="en"))
    text = "Re 3.8: strongly agree, our clients are migrants. No objections to the remaining 18."
    assert not codes(read(text, campaign, language="en"))  # the rest, past the one named with the same stance


def test_a_second_stance_after_a_reason_is_not_swallowed_by_it(campaign: Campaign) -> None:
    text = "We abstain on Panel 2 as we are not part of any coalition, and agree with everything else."
    result = read(text, campaign, language="en")
    assert not codes(result)
    assert stances(result) == every(campaign, "agree", but={"2.1": ("abstain", "we are not part of any coalition")})


def test_a_bare_assent_then_a_sentence_opening_with_its_exception(campaign: Campaign) -> None:
    result = read("Поддерживаем. Кроме 1.3 — его не поддерживаем.", campaign)
    assert not codes(result)
    assert stances(result) == every(campaign, "agree", but={"1.3": ("disagree", None)})


def test_kyrgyz_teaching_others_in_a_reason_is_no_rest(campaign: Campaign) -> None:
    text = ("Сунуштардын баарына кошулабыз, 4.4төн башкасы. 4.4 боюнча каршыбыз: биз өзүбүз жаңы уюмбуз, башкаларды "
            "окутууга тажрыйбабыз жок.")  # fmt: skip
    assert not codes(read(text, campaign, language="ky"))


def test_a_no_in_a_tab_separated_row_is_that_rows_answer(campaign: Campaign) -> None:
    result = read("1.1\tда\n3.5\tнет\tдля наших членов это нереально\n3.6\tда", campaign)
    assert stances(result)["3.5"] == ("disagree", "для наших членов это нереально")
    assert not codes(result)


def test_nothing_to_say_on_a_panel_is_an_abstention(campaign: Campaign) -> None:
    text = "Мы в цифровых делах не разбираемся, поэтому по третьей панели сказать ничего не можем."
    result = read(text, campaign)
    assert {s for s, _ in stances(result).values()} == {"abstain"} and len(stances(result)) == 8


def test_agreeing_on_the_following_position_is_no_stance(campaign: Campaign) -> None:
    # read as 19 agreements, unflagged, when nothing followed
    text = "Our Board reviewed the document on 14 March and agreed on the following position."
    assert stances(read(text, campaign, language="en")) == {}


def test_an_ordinal_before_abstaining_in_a_reply_that_numbers_its_panels_is_a_panel(campaign: Campaign) -> None:
    text = "По первой и второй панели — согласны полностью.\nПо четвёртой воздерживаемся, это не наша сфера."
    result = read(text, campaign)
    assert not codes(result)
    assert stances(result)["4.3"] == ("abstain", "это не наша сфера")


def test_one_recommendation_in_decimal_comma_notation_is_that_id(campaign: Campaign) -> None:
    text = "Рекомендацию 3,4 (кампании по цифровой грамотности) не поддерживаем. С остальными согласны."
    result = read(text, campaign)
    assert not codes(result)
    assert {k: s for k, (s, _) in stances(result).items()} == {
        i: "disagree" if i == "3.4" else "agree" for i in campaign.ids
    }


def test_answering_for_a_regional_office_is_a_partial_speaker(campaign: Campaign) -> None:
    text = "Отвечаю только от имени Баткенского офиса: с рекомендациями первой и четвертой панелей согласны."
    assert "partial_speaker" in codes(read(text, campaign))


def test_an_agreement_after_a_dashed_exception_is_the_wholes(campaign: Campaign) -> None:
    # "— согласны" was taken as the exceptions' stance: 3.3 and 3.6 agreed, the rest unread
    result = read("Все, кроме 3.3 и 3.6 — согласны.\n3.3 — согласны частично.\n3.6 — воздерживаемся.", campaign)
    assert not codes(result)
    assert stances(result) == every(campaign, "agree", but={"3.3": ("partial", None), "3.6": ("abstain", None)})
    assert "unclear_exception" in codes(read("Все, кроме 3.3 и 3.6 — согласны.", campaign))


def test_kyrgyz_no_view_on_the_other_panels_is_an_abstention(campaign: Campaign) -> None:
    result = read("3-панель боюнча бардык сунуштарды колдойбуз. Башка панелдер боюнча пикирибиз жок.", campaign,
                  language="ky")  # fmt: skip
    assert not codes(result)
    assert stances(result)["1.1"] == ("abstain", None) and stances(result)["3.1"] == ("agree", None)


def test_a_stance_agreed_at_the_dialogue_leans_on_it(campaign: Campaign) -> None:
    text = "ok with it but pls note we never agreed on 4.3 at the dialogue"
    assert "outside_reference" in codes(read(text, campaign, language="en"))


def test_only_noting_something_on_one_recommendation_is_a_reservation(campaign: Campaign) -> None:
    text = ("We support all the recommendations. On 3.1 we would only note that the programmes should be run by local "
            "NGOs — otherwise we are on board.")  # fmt: skip
    assert "reservation" in codes(read(text, campaign, language="en"))


def test_a_dictated_id_corrected_as_it_was_said_goes_to_a_person(campaign: Campaign) -> None:
    # read as 19 agreements, unflagged
    text = "согласны с пунктом три точка пять нет то есть три четыре а с остальными да"
    assert "revision" in codes(read(text, campaign))


def test_kyrgyz_if_funding_then_ids_is_a_condition(campaign: Campaign) -> None:
    text = "Калган сунуштарга макулбуз. Каржылоо бөлүнсө, 3.4 жана 3.5 сунуштарына да макул болобуз."
    assert "condition" in codes(read(text, campaign, language="ky"))


@pytest.mark.parametrize(
    ("text", "language"),
    [("Не согласны только с 1.1 — это не рекомендация, а констатация.", "ru"), ("We only object to 1.1.", "en")],
)
def test_the_only_objection_named_leaves_the_rest_agreed(campaign: Campaign, text: str, language: str) -> None:
    result = read(text, campaign, language=language)
    assert not codes(result)
    assert {k: s for k, (s, _) in stances(result).items()} == {
        i: "disagree" if i == "1.1" else "agree" for i in campaign.ids
    }


def test_welcoming_what_a_recommendation_offers_after_agreeing_is_no_unread_sentence(campaign: Campaign) -> None:
    text = "Recommendation 4.5. We agree, since joint monitoring works. We would welcome the conference."
    assert not codes(read(text, campaign, language="en"))


def test_a_phones_latin_stance_word_alone_is_read_as_russian(campaign: Campaign) -> None:
    # "Soglasny" was left unread and the reply accepted as 4.3 alone
    result = read("Soglasny, no 4.3 net. Mestnye administracii i tak nichego ne reshayut", campaign)
    assert not codes(result)
    assert stances(result) == every(
        campaign, "agree", but={"4.3": ("disagree", "Mestnye administracii i tak nichego ne reshayut")}
    )
    # (mixed with English it is not transliterated, and the Russian word is a word not read)
    assert "unread_words" in codes(read("Hi, soglasny with all except 3.5 - net interneta v selah", campaign))


def test_who_knows_on_an_id_goes_to_a_person(campaign: Campaign) -> None:
    assert "reservation" in codes(read("soglasny s 1.2 i 3.4 a 4.3 nu hz", campaign))


def test_an_exceptions_reason_may_name_its_own_panel(campaign: Campaign) -> None:
    text = "ok with everything except 2.1 - no, we're not part of any coalition and don't plan to join one"
    assert not codes(read(text, campaign, language="en"))


def test_a_distance_in_kilometres_is_no_loose_number(campaign: Campaign) -> None:
    text = "Поддерживаем все. Особо поддерживаем 3.8: ближайший ЦОН находится за 60 км."
    assert not codes(read(text, campaign))


@pytest.mark.parametrize(
    ("text", "language"),
    [("We support 3.1 and 3.4. We don't take a position on the rest.", "en"),
     ("3.1 жана 3.4 сунуштарына макулбуз. Калган эки панель боюнча пикирибиз жок.", "ky")],
)  # fmt: skip
def test_no_position_on_the_rest_is_an_abstention(campaign: Campaign, text: str, language: str) -> None:
    result = read(text, campaign, language=language)
    assert stances(result)["3.4"] == ("agree", None) and stances(result)["3.2"] == ("abstain", None)


def test_answering_only_on_the_recommendations_that_concern_us_is_no_exception(campaign: Campaign) -> None:
    text = "Ассоциация отвечает только по рекомендациям, которые касаются бизнеса:\n1) п. 1.2 — да;\n2) п. 4.2 — да."
    assert not codes(read(text, campaign))


def test_agreement_with_all_that_concerns_business_is_vague(campaign: Campaign) -> None:
    # 19 agreements, unflagged
    assert "vague_scope" in codes(read("Согласны со всем, что касается бизнес-ассоциаций.", campaign))


def test_not_thinking_all_of_them_realistic_is_an_ambiguous_negation(campaign: Campaign) -> None:
    # 19 agreements, unflagged
    text = "Не считаем, что все рекомендации реалистичны, но направление в целом поддерживаем."
    assert "ambiguous_negation" in codes(read(text, campaign))


def test_kyrgyz_head_of_a_branch_of_the_organisation_speaks_for_part_of_it(campaign: Campaign) -> None:
    for text in ("Мен «Нарын Өнүгүү» уюмунун Ат-Башы бөлүмүнүн жетекчисимин. Биз 3.4 жана 3.7 сунуштарын колдойбуз.",
                 "Уюмубуздун Баткен бөлүмү 3.1 жана 3.4-сунуштарды колдойт."):  # fmt: skip
        assert "partial_speaker" in codes(read(text, campaign, language="ky"))


@pytest.mark.parametrize(
    ("text", "language", "want"),
    [("ок по 1.1 1.2 1.3 3.3 3.4", "ru", {"1.1": "agree", "3.4": "agree"}),
     ("всё ок от нас 👍 Тимур, переработчики Ош", "ru", {"1.1": "agree", "4.5": "agree"}),
     ("Третью панель поддерживаем целиком. По первой и второй вопросов нет, согласны.", "ru",
      {"1.1": "agree", "2.1": "agree", "3.8": "agree"}),
     ("По рекомендациям 4.1 и 4.2 мы не можем дать оценку. Все остальные рекомендации поддерживаем.", "ru",
      {"4.1": "abstain", "4.3": "agree"}),
     ("Re 3.1 to 3.8 – agreed. We'd rather not give an opinion on panels 1 and 2.", "en",
      {"1.1": "abstain", "3.1": "agree"})],
)  # fmt: skip
def test_ok_on_ids_ok_from_us_no_questions_on_ordinals_and_no_assessment_read_without_review(
    campaign: Campaign, text: str, language: str, want: dict[str, str]
) -> None:
    assert _read_clean(text, want, campaign, language) == (want, set())


def test_our_comments_in_an_earlier_letter_still_standing_lean_on_it(campaign: Campaign) -> None:
    text = "Ok, agreed. But pls note our comments in the letter of 10 March still stand."
    assert "outside_reference" in codes(read(text, campaign, language="en"))


def test_kyrgyz_part_of_the_members_against_and_the_position_after_the_board(campaign: Campaign) -> None:
    text = ("Ассоциациябыздын мүчөлөрүнүн бир бөлүгү 3.5 сунушуна каршы. Жалпы позициябызды башкармалыктын "
            "жыйынынан кийин жөнөтөбүз.")  # fmt: skip
    assert {"partial_speaker", "holding"} <= codes(read(text, campaign, language="ky"))


def test_a_no_among_comments_on_an_agreement_with_all_is_a_contradiction(campaign: Campaign) -> None:
    text = ("Со всеми рекомендациями согласны. Ниже краткие комментарии по отдельным пунктам:\n\n"
            "1.2 — да, это актуально\n1.4 — нет, горизонтальный обмен у нас и так идет")  # fmt: skip
    assert "contradiction" in codes(read(text, campaign))


def test_an_answer_given_on_friday_then_made_precise_is_a_revision(campaign: Campaign) -> None:
    text = ("В пятницу мы ответили, что согласны со всеми рекомендациями. Хотим уточнить: по 4.3 мы не согласны — "
            "при мэрии такие органы уже есть.")  # fmt: skip
    assert "revision" in codes(read(text, campaign))


@pytest.mark.parametrize(
    ("text", "language", "want"),
    [("Согласны кроме 3.7. Против 3.7 — население сначала надо научить грамотности", "ru",
      {"3.7": "disagree", "3.6": "agree"}),
     ("Против 4.3. Остальные 18 принимаем.", "ru", {"4.3": "disagree", "4.2": "agree"}),
     ("Да — всем, кроме 1.4 и 1.5. На них наш ответ — нет.", "ru", {"1.4": "disagree", "1.3": "agree"}),
     ("Поддерживаем все.\nКалыс Эсенгулов, «Айыл Демилге»\nтел. +996 7xx xxx xxx", "ru", {"1.1": "agree"}),
     ("Поддерживает все рекомендации. Особо отмечаем:\n- п. 1.2 и 1.5 — давно назрели;\n- п. 2.1;\n- п. 4.2.", "ru",
      {"1.2": "agree", "4.2": "agree"}),
     ("We agree with all recommendations except those of panel 4, on which we abstain as we are not a regional "
      "organisation.", "en", {"4.1": "abstain", "3.1": "agree"})],
)  # fmt: skip
def test_exceptions_answered_after_rest_counts_signatures_and_stress_headings_read_without_review(
    campaign: Campaign, text: str, language: str, want: dict[str, str]
) -> None:
    assert _read_clean(text, want, campaign, language) == (want, set())


def test_a_tables_panel_column_only_says_where_the_rows_ids_are(campaign: Campaign) -> None:
    text = ("№ | Панель | Позиция\n1.1–1.5 | Панель 1 | принимается\n2.1 | Панель 2 | принимается\n"
            "3.1, 3.3, 3.4, 3.6–3.8 | Панель 3 | принимается\n3.2 | Панель 3 | принимается частично\n"
            "3.5 | Панель 3 | не принимается\n4.1–4.5 | Панель 4 | принимается")  # fmt: skip
    result = read(text, campaign)
    assert not codes(result)
    assert {k: stances(result)[k][0] for k in ("3.1", "3.2", "3.5")} == {
        "3.1": "agree", "3.2": "partial", "3.5": "disagree"
    }  # fmt: skip


def test_kyrgyz_a_member_organisation_of_the_network_is_a_partial_speaker(campaign: Campaign) -> None:
    text = "Биз «Жаштар демилгелери» тармагынын Ноокен районундагы мүчө уюмубуз. Биздин уюм бардык сунуштарга макул."
    assert "partial_speaker" in codes(read(text, campaign, language="ky"))


@pytest.mark.parametrize(
    ("text", "language", "code"),
    [("Agreed w 3.1 3.4 3.7. Not 35", "en", "ambiguous_number"),
     ("Поддерживаем позицию Ассоциации фермеров Иссык-Куля по всем пунктам.", "ru", "outside_reference"),
     ("We agree with 3.4, 3.5 and 4.3. Please also see our comments from the February roundtable, which still apply.",
      "en", "outside_reference")],
)  # fmt: skip
def test_an_id_without_its_dot_and_another_bodys_position_go_to_a_person(
    campaign: Campaign, text: str, language: str, code: str
) -> None:
    # each was accepted as it stood: 3.5 left out, 19 and 3 agreements
    assert code in codes(read(text, campaign, language=language))


def test_an_audience_in_the_comment_after_the_ids_is_no_scope(campaign: Campaign) -> None:
    # "для бизнес-ассоциаций" added 3.1 and 3.2, the business recommendations, unflagged
    result = read("Не согласны с 1.3 и 1.5 — для бизнес-ассоциаций это нерелевантно, мы не ОГО.", campaign)
    assert set(stances(result)) == {"1.3", "1.5"}


@pytest.mark.parametrize(
    ("text", "language", "want"),
    [("1 жана 2 панелдеги сунуштар менен макулбуз, 3-панел менен да макулбуз. Бардыгынан 4.3 менен гана макул "
      "эмеспиз.", "ky", {"4.3": "disagree", "4.1": "agree", "4.5": "agree"}),
     ("Answers:\n\nRecommendation | Position | Comment\n1.2 | Agree |\n4.1 | Disagree | Our board is elected by "
      "members only\n4.2 | Agree |", "en", {"1.2": "agree", "4.1": "disagree", "4.2": "agree"}),
     ("Agree – 1.1, 1.2, 1.5, 2.1, 4.2\nDisagree – 4.1 (we do not want business people steering our board)\n"
      "Abstain – the rest", "en", {"1.1": "agree", "4.1": "disagree", "3.3": "abstain"}),
     ("Ассоциация «Ош Бизнес Форум» в целом поддерживает рекомендации. Не согласны конкретно с 1.3 и 1.5.", "ru",
      {"1.1": "agree", "1.3": "disagree", "3.1": "agree"}),
     ("Добрый день, мы ок со всеми recommendations, кроме 3.5 — disagree, потому что в Баткене нет интернета.",
      "mixed", {"3.5": "disagree", "3.4": "agree"}),
     ("Поддерживаем рекомендации панелей 1 и 2. Из четвёртой панели поддерживаем 4.2 и 4.4.", "ru",
      {"1.1": "agree", "4.2": "agree", "4.4": "agree"})],
)  # fmt: skip
def test_only_objections_table_rows_labelled_rests_quoted_names_and_out_of_a_panel_read_without_review(
    campaign: Campaign, text: str, language: str, want: dict[str, str]
) -> None:
    assert _read_clean(text, want, campaign, language) == (want, set())


def test_stating_our_view_on_the_exceptions_at_the_meeting_is_holding(campaign: Campaign) -> None:
    # 4.1-4.3 were recorded as rejections, unflagged
    text = "Добрый день, согласны по всем пунктам, кроме 4.1, 4.2 4.3 — по ним свое мнение изложим на встрече."
    assert "holding" in codes(read(text, campaign))


@pytest.mark.parametrize(
    ("text", "language", "want"),
    [("yes to 1.x and 2.1, no to 3.5 and 3.6, rest ok", "en", {"3.5": "disagree", "3.7": "agree", "4.5": "agree"}),
     ("Баарына согласныбыз, только 3.5 ке противбуз.", "mixed", {"3.5": "disagree", "3.4": "agree"})],
)  # fmt: skip
def test_a_rest_after_a_comma_and_a_mixed_kyrgyz_against_are_read(
    campaign: Campaign, text: str, language: str, want: dict[str, str]
) -> None:
    # "rest ok" was the reason of 3.5 and 3.6, and the rest unrecorded, unflagged
    assert _read_clean(text, want, campaign, language) == (want, set())


def test_half_agreeing_is_a_partial_stance(campaign: Campaign) -> None:
    assert stances(read("4.1 - half agree", campaign, language="en"))["4.1"][0] == "partial"


@pytest.mark.parametrize(
    ("text", "rec_id", "reason"),
    [("1) 1.4 — поддерживаем, межрегиональные связи у нас практически отсутствуют.\n2) 3.1 — поддерживаем.", "1.4",
      "межрегиональные связи у нас практически отсутствуют"),
     ("по рек. 3,1; 3,4 — поддерживаем, это как раз наш профиль.", "3.4", "это как раз наш профиль")],
)  # fmt: skip
def test_a_clause_after_a_comma_says_why_an_agreement(campaign: Campaign, text: str, rec_id: str, reason: str) -> None:
    assert stances(read(text, campaign))[rec_id] == ("agree", reason)


@pytest.mark.parametrize(
    "text", ["Поддерживаем всё, что обсуждали на второй сессии.", "Третья панель — да, первые две — тоже да."]
)
def test_a_relative_clause_or_scope_words_after_a_comma_are_no_reason(campaign: Campaign, text: str) -> None:
    assert codes(read(text, campaign))  # still words a person reads, not a reason that swallows them


def test_english_words_in_a_phones_latin_russian_stay_english(campaign: Campaign) -> None:
    # "Support all" was transliterated into nothing readable: 3.5 alone recorded, unflagged
    result = read("Dobryi den! Support all, 3.5 ne podderzhivaem.", campaign)
    assert not codes(result)
    assert stances(result) == every(campaign, "agree", but={"3.5": ("disagree", None)})


def test_on_behalf_of_a_wing_of_our_association_is_a_partial_speaker(campaign: Campaign) -> None:
    text = "On behalf of the women entrepreneurs' wing of our association: we support 1.5 and 4.4."
    assert "partial_speaker" in codes(read(text, campaign, language="en"))
    text = "On behalf of the Bishkek office of the Foundation, we support all recommendations."
    assert "partial_speaker" not in codes(read(text, campaign, language="en"))


def test_confirming_the_position_agreed_on_a_call_leans_on_it(campaign: Campaign) -> None:
    # read as 19 agreements, unflagged
    text = "Following our call with Mr. Asanov yesterday, we confirm the position we agreed verbally."
    assert "outside_reference" in codes(read(text, campaign, language="en"))


def test_a_panel_row_after_a_long_row_is_a_row_of_its_own(campaign: Campaign) -> None:
    # the two rows were joined: 3.6 agreed and Panel 4 abstained, unflagged
    text = ("Panel 3 (Data, digital services and digital participation): agree, except 3.6 where we abstain – we have "
            "no expertise in monitoring digital risks\nPanel 4 (Contribution of regional CSOs): agree")  # fmt: skip
    result = read(text, campaign, language="en")
    assert stances(result)["3.6"][0] == "abstain" and stances(result)["4.1"] == ("agree", None)


def test_a_yes_before_the_rest_in_a_row_of_answers_is_the_ids(campaign: Campaign) -> None:
    # "2.1 да остальное все да": 2.1 took the "нет" before it
    result = read("1.1 да 1.5 нет 2.1 да остальное все да", campaign)
    assert not codes(result)
    assert stances(result) == every(campaign, "agree", but={"1.5": ("disagree", None)})


def test_titles_translated_in_quotes_after_the_recommendations_under_are_their_panels(campaign: Campaign) -> None:
    # "the recommendations" was all 19: panel 1 agreed, unflagged
    text = ('We support the recommendations under "Coalitions and networks of CSOs" and "Contribution of regional '
            'CSOs to solving local problems". We abstain on Panel 3 (data and digital services).')  # fmt: skip
    result = read(text, campaign, language="en")
    assert not codes(result)
    assert _stance_only(result) == {"2.1": "agree"} | {f"3.{n}": "abstain" for n in range(1, 9)} | {
        f"4.{n}": "agree" for n in range(1, 6)
    }


def test_received_for_information_in_kyrgyz_accepts_nothing(campaign: Campaign) -> None:
    # "маалымат үчүн кабыл алдык" was read as 19 agreements
    result = read("Катыңыз үчүн рахмат, маалымат үчүн кабыл алдык.", campaign, language="ky")
    assert not stances(result) and "no_stance" in codes(result)


def test_recommendations_relating_to_business_are_a_vague_scope(campaign: Campaign) -> None:
    # "relating to business associations" was 3.1 and 3.2, unflagged (writers call the topic vague)
    text = "Our association supports the recommendations relating to business associations."
    assert "vague_scope" in codes(read(text, campaign, language="en"))


def test_leaving_recommendations_to_other_organisations_is_no_audience(campaign: Campaign) -> None:
    text = "Neutral: 1.2, 1.4 – we leave these to organisations working in regional planning."
    result = read(text, campaign, language="en")
    assert not codes(result)
    assert stances(result) == {k: ("abstain", "we leave these to organisations working in regional planning")
                               for k in ("1.2", "1.4")}  # fmt: skip


def test_what_they_go_on_to_comment_on_is_not_what_their_stance_is_of(campaign: Campaign) -> None:
    # "supports the recommendations overall and would like to comment on Panel 3": panel 3 alone, unflagged
    text = ("Our initiative supports the recommendations overall and would like to comment on Panel 3 specifically."
            "\n\n3.1, 3.3: agree.\n3.5: disagree.")  # fmt: skip
    result = read(text, campaign, language="en")
    assert not codes(result)
    assert _stance_only(result) == {k: "disagree" if k == "3.5" else "agree" for k in campaign.ids}


def test_a_tables_header_row_is_no_reference(campaign: Campaign) -> None:
    text = "Направляем ответ.\n\nРекомендация\tСогласие\tКомментарий\n1.1\tДа\n3.8\tЧастично\tпусть делают сами"
    assert _read_clean(text, {"1.1": "", "3.8": ""}, campaign) == ({"1.1": "agree", "3.8": "partial"}, set())


def test_a_kyrgyz_panel_in_the_ablative_only_says_where_the_id_is(campaign: Campaign) -> None:
    text = "Биринчи жана экинчи панелдердин сунуштарына толук макулбуз. Төртүнчү панелден 4.3-сунушуна каршыбыз."
    want = {k: "agree" for k in ("1.1", "1.2", "1.3", "1.4", "1.5", "2.1")} | {"4.3": "disagree"}
    assert _read_clean(text, {k: "" for k in campaign.ids}, campaign, "ky") == (want, set())


def test_an_office_writing_on_the_boards_instruction_speaks_for_the_organisation(campaign: Campaign) -> None:
    text = "Панель 1 — согласны.\n\nАлмаз Турсунбаев\nОО «Правовой щит», Ошский офис — по поручению правления"
    assert "partial_speaker" not in codes(read(text, campaign))
    assert "partial_speaker" in codes(read("Панель 1 — согласны.\n\nОО «Правовой щит», Ошский офис", campaign))
    text = "Панель 1 — согласны.\n\nОтвечаем от Ошского офиса — по поручению правления"  # (an ending on "офис")
    assert "partial_speaker" not in codes(read(text, campaign))


@pytest.mark.parametrize(
    ("text", "language", "code"),
    [
        # English in a phone's Latin Russian was transliterated, so its "need to discuss" went unread
        ("ok po vsem krome 4.3 — need to discuss it with the board first", "ru", "holding"),
        ("Биздин директор баарына макул деди.", "ky", "indirect"),  # the director said so
        ("Мы не можем согласиться с рекомендациями в том виде, в котором они изложены.", "ru", "ambiguous_negation"),
        ("Биздин позиция 2022-жылдагы тегерек үстөлдүн резолюциясында көрсөтүлгөн, ошого ылайык бардык сунуштарды "
         "колдойбуз.", "ky", "outside_reference"),
        ("2022-жылы силерге жиберген сунуштарыбызды эске алуу менен бул рекомендацияларды колдойбуз.", "ky",
         "outside_reference"),
        ("Privet, eto Azamat. Po 3 paneli soglasny, ostalnoe posmotrit nash direktor.", "ru", "holding"),
        ("Panel 1 and 2: agreed. Panels 3 and 4 are still being discussed; we'll revert by end of month.", "en",
         "holding"),
        ("4.3 макул эмес, калганын карап чыгып жазабыз", "ky", "holding"),  # the rest, once reviewed
        # "чечим кабыл алат" (a decision will be taken) was read as "кабыл алат", accepts: 19 agreements
        ("1-2-панелдерге макулбуз. 3 жана 4-панелдер боюнча кеңешибиз 30-мартта чечим кабыл алат.", "ky", "holding"),
        ("agree 1.1 1.2 1.3 not 1.4 1.5 2.1", "en", "ambiguous_negation"),  # six agreements, unflagged
        ("согласны 1.1 1.2 1.3 не 1.4 1.5 2.1", "ru", "ambiguous_negation"),
        # "нет" of "no remarks" read as a "no" to the others: 18 disagreements, unflagged
        ("Отдельно по 2.1: согласны полностью. Замечаний к другим рекомендациям тоже нет.", "ru", "unread_words"),
        # "them" after a thanks for the recommendations, then IDs: 1.4 and 4.2 alone were recorded
        ("Thank you for the recommendations. The Association accepts them, and 1.4 and 4.2 are especially relevant "
         "for our members.", "en", "no_scope"),
    ],
)  # fmt: skip
def test_replies_read_as_plain_answers_before_are_sent_to_a_person(
    campaign: Campaign, text: str, language: str, code: str
) -> None:
    assert code in codes(read(text, campaign, language=language))


def test_an_answer_to_one_recommendation_as_drafted_is_that_recommendations(campaign: Campaign) -> None:
    assert _read_clean("4.3 — не согласны в таком виде.", {"4.3": ""}, campaign) == ({"4.3": "disagree"}, set())


@pytest.mark.parametrize("head", ["4.1–4.5 —", "4.1-4.5:", "Панель 4 —"])
def test_the_rest_of_a_line_a_range_or_panel_heads_is_that_ones_rest(campaign: Campaign, head: str) -> None:
    # the range was agreed, then disagreed, with the rest of all 19; the panel's rest was all 19's
    result = read(f"{head} не согласны с 4.1 и 4.3, остальные да.", campaign)
    assert not codes(result)
    assert _stance_only(result) == {
        "4.1": "disagree",
        "4.2": "agree",
        "4.3": "disagree",
        "4.4": "agree",
        "4.5": "agree",
    }


def test_a_range_agreed_with_one_of_it_stressed_is_the_whole_range(campaign: Campaign) -> None:
    result = read("По п.п. 3.1–3.8 — согласны, отдельно отмечаем важность п. 3.8.", campaign)
    assert _stance_only(result) == {f"3.{n}": "agree" for n in range(1, 9)}


def test_a_panels_title_quoted_by_its_first_words_is_the_panel(campaign: Campaign) -> None:
    text = "«Коалиции и сети ОГО» — за.\n«Вклад региональных ОГО» — за.\n«Планирование развития регионов» — за."
    want = {k: "agree" for k in ("1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "4.1", "4.2", "4.3", "4.4", "4.5")}
    assert _read_clean(text, {k: "" for k in campaign.ids}, campaign) == (want, set())


def test_disagreeing_with_an_id_only_agrees_with_the_rest(campaign: Campaign) -> None:
    result = read("Disagree with 1.1 only. It's patronising to tell CSOs to raise their capacity.", campaign)
    assert not codes(result)
    assert _stance_only(result) == {k: "disagree" if k == "1.1" else "agree" for k in campaign.ids}


def test_ids_in_a_clause_after_the_recommendations_accepted_are_among_them(campaign: Campaign) -> None:
    text = "The Association accepts the recommendations, and 1.4 and 4.2 are especially relevant for our members."
    result = read(text, campaign, language="en")
    assert (_stance_only(result), codes(result)) == ({k: "agree" for k in campaign.ids}, set())


def test_an_organisations_name_with_a_towns_abbreviation_is_no_reason(campaign: Campaign) -> None:
    result = read("Здравствуйте. Не согласны с 4.3.\nСоюз малого бизнеса г. Джалал-Абад", campaign)
    assert stances(result) == {"4.3": ("disagree", None)}


def test_preferring_not_to_take_a_position_abstains(campaign: Campaign) -> None:
    # read as disagreement, with "prefer not to take a position" for a reason, on every ID of the sentence
    text = "We agree to 1.1 and 2.1. We oppose 1.5 and 3.5, and prefer not to take a position on 3.2 and 4.3."
    want = {"1.1": "agree", "2.1": "agree", "1.5": "disagree", "3.5": "disagree", "3.2": "abstain", "4.3": "abstain"}
    assert _read_clean(text, want, campaign, "en") == (want, set())


def test_disagreeing_with_is_a_stance_word(campaign: Campaign) -> None:
    # "as agreeing to all …, and disagreeing with 4.1 and 4.3": 19 agreements, unflagged
    text = ("Please record our organisation as agreeing to all recommendations under Panels 1, 2 and 3, and "
            "disagreeing with 4.1 and 4.3 in Panel 4; 4.2, 4.4 and 4.5 we accept.")  # fmt: skip
    result = read(text, campaign, language="en")
    assert not codes(result)  # (the panel after the IDs only says where they are)
    assert _stance_only(result) == {k: "disagree" if k in ("4.1", "4.3") else "agree" for k in campaign.ids}


def test_a_partial_panel_then_each_ids_answer_is_each_ones(campaign: Campaign) -> None:
    # the partial took the whole sentence as its reason: panel 3 partial, unflagged
    text = "Панель 3 поддерживаем частично — согласны с 3.1, 3.3, 3.4, 3.7, а с 3.2, 3.5, 3.6, 3.8 не согласны."
    want = {f"3.{n}": "agree" if n in (1, 3, 4, 7) else "disagree" for n in range(1, 9)}
    assert _read_clean(text, want, campaign) == (want, set())


def test_a_sentence_about_the_recommendations_just_agreed_is_why(campaign: Campaign) -> None:
    text = "We agree with all recommendations. They reflect exactly what our members said at the dialogue in March."
    result = read(text, campaign, language="en")
    assert not codes(result)
    assert stances(result)["4.5"] == ("agree", "They reflect exactly what our members said at the dialogue in March")


def test_a_partial_panel_then_a_colon_and_each_ids_answer_is_each_ones(campaign: Campaign) -> None:
    # the partial took the rest of the sentence as its reason: panel 1 partial, unflagged
    text = "С первой панелью согласны частично: пункты 1.1–1.3 — да, 1.4 и 1.5 — нет, не хватает ресурсов."
    want = {"1.1": "agree", "1.2": "agree", "1.3": "agree", "1.4": "disagree", "1.5": "disagree"}
    assert _read_clean(text, want, campaign) == (want, set())


def test_a_partials_reason_may_quote_the_recommendations_words(campaign: Campaign) -> None:
    text = ("По п. 3.5 — согласны частично: содействие созданию рабочих мест поддерживаем, но формулировка "
            "«в высокотехнологичных областях» для села нереалистична.")  # fmt: skip
    assert _stance_only(read(text, campaign)) == {"3.5": "partial"}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("3.4 да; 3.5 возд.; 3.6 да", "ru"),  # "возд." was unread, and 3.5 agreed
        ("3.4 – да, кроме 3.5 (тут затрудняемся ответить), 3.6 – да", "ru"),  # 3.5 was disagreed
        ("3.4 yes\n3.5 no view\n3.6 yes", "en"),
    ],
)
def test_short_ways_of_abstaining_are_read(campaign: Campaign, text: str, language: str) -> None:
    want = {"3.4": "agree", "3.5": "abstain", "3.6": "agree"}
    assert _read_clean(text, want, campaign, language) == (want, set())


def test_doubts_about_a_number_of_points_go_to_a_person(campaign: Campaign) -> None:
    # panel 3 was agreed, unflagged
    result = read("В целом поддерживаем, по ряду пунктов панели 3 есть сомнения.", campaign)
    assert {"vague_scope", "reservation"} <= codes(result)


def test_ids_a_reason_compares_with_are_not_its_stances(campaign: Campaign) -> None:
    # "дублируют 1.2" disagreed with 1.2 too, unflagged
    result = read("п. 1.3 и п. 1.4 — не согласны, дублируют 1.2.\nОстальные пункты принимаем.", campaign)
    assert not codes(result)
    assert _stance_only(result) == {k: "disagree" if k in ("1.3", "1.4") else "agree" for k in campaign.ids}


def test_not_assessing_the_other_panels_abstains_on_them(campaign: Campaign) -> None:
    text = "3.1 да, 3.6 нет.\nПо другим панелям у нас нет экспертизы, поэтому их не оцениваем."
    assert _stance_only(read(text, campaign))["4.5"] == "abstain"


def test_a_signature_naming_a_support_foundation_is_who_signs(campaign: Campaign) -> None:
    text = "Panel 1 — yes\nPanel 2 — no opinion\n\nJamila, Mountain Communities Support Foundation"
    result = read(text, campaign, language="en")
    assert not codes(result)
    assert _stance_only(result) == {f"1.{n}": "agree" for n in range(1, 6)} | {"2.1": "abstain"}


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("Поддерживаем:\n— 3.1\n— 3.4\nОни отражают приоритеты наших членов и давно назрели.", "agree"),
        ("We support:\n- 3.1\n- 3.4\nThey reflect exactly what our members said at the meeting.", "agree"),
        ("Не поддерживаем:\n— 3.1\n— 3.4\nЭто слишком дорого для нас сейчас.", "disagree"),
        ("We do not support:\n- 3.1\n- 3.4\nIt is too costly for our members right now.", "disagree"),
    ],
)
def test_a_sentence_after_a_listed_heading_is_read_without_error(campaign: Campaign, text: str, stance: str) -> None:
    # the heading's stance gave way to its lines', and the sentence looked for it to give it a why: ValueError
    assert _stance_only(read(text, campaign, language="en")) == {"3.1": stance, "3.4": stance}


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the lines' "ID — why" was no line of the heading's: all 19 were disagreed, flagged
        ("Не согласны:\n- 1.3, 1.5 — нет ресурсов\n\nОстальные согласны.", {"1.3": ("disagree", "нет ресурсов")}),
        # "без комментариев" under the heading was read as an abstention on 4.3
        ("Не согласны:\n1.3 — деление устарело;\n4.3 — без комментариев.", {"1.3": ("disagree", "деление устарело"),
                                                                     "4.3": ("disagree", None)}),
    ],
)  # fmt: skip
def test_a_line_under_a_stance_heading_may_say_why_after_a_dash(
    campaign: Campaign, text: str, want: dict[str, tuple[str, str | None]]
) -> None:
    result = read(text, campaign)
    assert {k: v for k, v in stances(result).items() if k in want} == want


@pytest.mark.parametrize(
    "text",
    [
        "Согласны со всеми рекомендациями за исключением 3.5 (не поддерживаем) и 4.3 (воздерживаемся).",
        "ОО сообщает, что принимает Рекомендации, за исключением следующей.\n\n3.5 — не поддерживаем.\n"
        "4.3 — воздерживаемся.",
        "Принимаем рекомендации, за исключением следующих:\n3.5 — не поддерживаем\n4.3 — воздерживаемся",
    ],
)
def test_an_exception_with_its_own_stance_leaves_the_rest_agreed(campaign: Campaign, text: str) -> None:
    # "за исключением" was read as a reservation: the other 17 partly agreed, flagged
    want = {k: "agree" for k in campaign.ids} | {"3.5": "disagree", "4.3": "abstain"}
    assert _read_clean(text, want, campaign) == (want, set())


@pytest.mark.parametrize(
    "text",
    [
        "Согласны 1.1-1.5, 2.1. По 3 панели не согласны с 3.5 и 3.8. 4.1-4.5 согласны",
        "Согласны 1.1-1.5, 2.1. В третьей панели не согласны с 3.5 и 3.8. 4.1-4.5 согласны",
        "Согласны 1.1-1.5, 2.1, 4.1-4.5. Панель 3: по 3.5 и 3.8 не согласны.",
    ],
)
def test_a_panel_that_says_where_the_ids_are_is_read_as_their_frame(campaign: Campaign, text: str) -> None:
    # the panel was left "unread" and the reply went to a person (its other IDs are not answered)
    result = read(text, campaign)
    assert not codes(result)
    assert _stance_only(result) == {k: "agree" for k in campaign.ids if k[0] != "3"} | {
        "3.5": "disagree",
        "3.8": "disagree",
    }


def test_a_panel_taken_as_a_whole_and_ids_after_it_still_go_to_a_person(campaign: Campaign) -> None:
    text = "Третью панель поддерживаем целиком и готовы участвовать в реализации 3.1 и 3.4."
    assert "unread_words" in codes(read(text, campaign))


def test_a_first_name_under_the_last_line_is_no_part_of_it(campaign: Campaign) -> None:
    # a long last line was taken as wrapped: "Замир" joined it, "ок Замир" was no "ok" and 4.2-4.5 went unread
    text = "Салам, 1-2-3 панель макул, 4 панель по 4.1 не согласны, калгандары ок\nЗамир"
    result = read(text, campaign)
    assert stances(result)["4.1"] == ("disagree", None)
    assert _stance_only(result)["4.5"] == "agree"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Заполнили таблицу:\n\n|№  |Согласны|Не согласны|Воздерж.|\n|3.1|   х    |           |        |\n"
         "|3.2|        |     х     |        |\n|3.5|        |           |   х    |", "ru"),
        ("Our responses:\n\n| Rec | Agree | Disagree | Abstain |\n|-----|-------|----------|---------|\n"
         "| 3.1 |   X   |          |         |\n| 3.2 |       |    X     |         |\n"
         "| 3.5 |       |          |    X    |", "en"),
        ("Позиция:\n\nРекомендация\tСогласны\tНе согласны\tВоздерживаемся\n3.1\t+\t\t\n3.2\t\t+\t\n3.5\t\t\t+", "ru"),
    ],
)  # fmt: skip
def test_ticks_under_stance_columns_are_read_by_their_column(campaign: Campaign, text: str, language: str) -> None:
    # the header's stance words were read without IDs, the ticks not at all: 19 agreements, or a person
    want = {"3.1": "agree", "3.2": "disagree", "3.5": "abstain"}
    assert _read_clean(text, want, campaign, language) == (want, set())


def test_a_tick_tables_comment_column_gives_the_rows_reason(campaign: Campaign) -> None:
    text = "| № | Согласны | Не согласны | Почему |\n| 3.1 | х | | |\n| 3.5 | | х | нет интернета в сёлах |"
    assert stances(read(text, campaign))["3.5"] == ("disagree", "нет интернета в сёлах")


def test_a_row_of_answers_is_no_header_of_stance_columns(campaign: Campaign) -> None:
    # "воздерживаемся | нас не касается" are two stance words in a row: taken for a header, the row was lost
    text = "Рек. | Позиция | Комментарий\n3.1 | согласны |\n3.2 | воздерживаемся | нас не касается\n3.3 | согласны | —"
    assert stances(read(text, campaign)) == {"3.1": ("agree", None), "3.2": ("abstain", "нас не касается"),
                                             "3.3": ("agree", None)}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Our chairwoman said at the last meeting that she supports these.", "indirect"),
        ("She supports these, I think.", "reservation"),
        ("We support these. I'll check with her.", "holding"),
    ],
)
def test_hearsay_a_guess_and_a_promise_to_check_go_to_a_person(campaign: Campaign, text: str, code: str) -> None:
    # "Our chairwoman said … that she supports these, I think. I'll check with her." was 19 agreements, unflagged
    assert code in codes(read(text, campaign, language="en"))


def test_a_clause_after_a_reason_that_opens_with_its_id_and_a_dash_is_read(campaign: Campaign) -> None:
    # "; 4.4 — нет" was taken into 4.3's reason and 4.4 left unrecorded, unflagged
    text = "Четвёртая: 4.3 — нет, поскольку новые органы при мэрии будут формальными; 4.4 — нет."
    assert stances(read(text, campaign)) == {"4.3": ("disagree", "новые органы при мэрии будут формальными"),
                                             "4.4": ("disagree", None)}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "language", "want"),
    [
        ("Ассоциация рассмотрела Рекомендации на заседании правления и приняла их в полном объёме.", "ru", "agree"),
        ("We decline 4.1 — our guides are volunteers.", "en", "disagree"),
    ],
)
def test_past_acceptance_and_declining_are_stances(campaign: Campaign, text: str, language: str, want: str) -> None:
    result = read(text, campaign, language=language)
    assert not codes(result)
    assert _stance_only(result)["4.1"] == want


def test_a_position_approved_by_the_board_is_no_stance_without_scope(campaign: Campaign) -> None:
    text = "Согласны с 1.1–1.5.\n\nНастоящая позиция одобрена правлением Ассоциации."
    assert not codes(read(text, campaign))


def test_a_guess_and_a_board_to_confirm_after_an_exception_go_to_a_person(campaign: Campaign) -> None:
    # "4.1 i think, will confirm with the board" was 4.1's reason: 18 agreements and a rejection, unflagged
    result = read("ok with all but 4.1 i think, will confirm with the board", campaign, language="en")
    assert {"holding", "reservation"} <= codes(result)


def test_exceptions_announced_before_the_stance_are_the_lines_below(campaign: Campaign) -> None:
    text = (
        "Except for the following, all recommendations are accepted:\n"
        "- 4.1 – we do not agree, because there is no business around our members;\n- 4.3 – no position."
    )
    want = {k: "agree" for k in campaign.ids} | {"4.1": "disagree", "4.3": "abstain"}
    assert _read_clean(text, want, campaign, "en") == (want, set())


def test_all_other_recommendations_are_the_rest_not_a_contradiction(campaign: Campaign) -> None:
    text = "We partially agree with 1.1. We fully agree with all other recommendations."
    want = {k: "agree" for k in campaign.ids} | {"1.1": "partial"}
    assert _read_clean(text, want, campaign, "en") == (want, set())


@pytest.mark.parametrize(
    ("text", "rec_id", "reason"),
    [
        ("Panel 1: agree.\nPanel 2: agree.\nPanel 3: we abstain on 3.2 as we are not a digital business association; "
         "agree with the rest.\nPanel 4: agree.", "3.2", "we are not a digital business association"),
        ("с рекомендацией 3.4 не согласны, т.к. кампании должно проводить государство, а не ОГО. по остальным "
         "рекомендациям согласны", "3.4", "кампании должно проводить государство, а не ОГО"),
    ],
)  # fmt: skip
def test_the_rest_after_a_reason_opens_a_clause_of_its_own(
    campaign: Campaign, text: str, rec_id: str, reason: str
) -> None:
    # "the rest" was read into the reason, and left unread
    result = read(text, campaign, language="en")
    assert not codes(result)
    assert stances(result)[rec_id][1] == reason
    assert _stance_only(result)["3.1"] == "agree"


def test_a_first_name_then_the_organisations_abbreviation_signs(campaign: Campaign) -> None:
    # "Калыс" (a first name, and the Kyrgyz for "abstain") was read as a stance with no scope
    text = "У нас нет бизнеса, поэтому 4.1 неактуальна, воздерживаемся. Остальное одобряем.\n\nКалыс, ОО «Булак»"
    result = read(text, campaign)
    assert not codes(result)
    assert _stance_only(result)["4.1"] == "abstain"


def test_a_row_of_votes_with_one_worded_answer_is_still_a_row_of_votes(campaign: Campaign) -> None:
    # with "4.3 возд." among them the votes were read as ranges ("3.2- 3.3"): 3.2 and 3.5 agreed, unflagged
    text = "1.1+ 1.2+ 1.3+ 1.4+ 1.5+ 2.1+ 3.1+ 3.2- 3.3+ 3.4+ 3.5- 3.6+ 3.7+ 3.8+ 4.1+ 4.2+ 4.3 возд. 4.4+ 4.5+"
    want = {k: "agree" for k in campaign.ids} | {"3.2": "disagree", "3.5": "disagree", "4.3": "abstain"}
    assert _read_clean(text, want, campaign) == (want, set())


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Writing on behalf of our Jalal-Abad office only: we agree with 4.1–4.5.", "partial_speaker"),
        ("Отвечаю только от имени нашего молодёжного крыла: 3.1–3.8 поддерживаем.", "partial_speaker"),
        ("Позиция нашей коалиции изложена в резолюции регионального форума в Оше. Поддерживаем 1.2 и 2.1.",
         "outside_reference"),
    ],
)  # fmt: skip
def test_a_part_of_the_organisation_or_another_document_goes_to_a_person(
    campaign: Campaign, text: str, code: str
) -> None:
    assert code in codes(read(text, campaign, language="en"))


def test_an_international_ngos_country_office_is_the_organisation(campaign: Campaign) -> None:
    text = "On behalf of the Bishkek office of the Open Horizons Foundation, we are pleased to endorse 1.1–1.5."
    assert not codes(read(text, campaign, language="en"))


def test_not_for_us_to_judge_is_an_abstention(campaign: Campaign) -> None:
    text = "Re panel 3: we endorse 3.1, 3.3 and 3.7 only; 3.2 and 3.4 are not for us to judge — we abstain."
    assert _stance_only(read(text, campaign, language="en"))["3.4"] == "abstain"


@pytest.mark.parametrize("text", ["Согласны с 1,2,3", "согласны с 1.1-15"])
def test_numbers_no_reference_took_go_to_a_person(campaign: Campaign, text: str) -> None:
    # "1,2,3" was no number at all (bare assent: 19 agreements); "1.1-15" agreed 1.1 alone; both unflagged
    assert "ambiguous_number" in codes(read(text, campaign))


def test_a_rejection_of_a_part_named_after_the_stance_word_is_partial(campaign: Campaign) -> None:
    text = "По п. 4.5 — не поддерживаем в части конференции: средства лучше направить на группы мониторинга."
    assert _stance_only(read(text, campaign)) == {"4.5": "partial"}


def test_members_still_to_vote_hold_the_answer(campaign: Campaign) -> None:
    # the promise to forward Talas's answer was 3.5's reason: 18 agreements and a rejection, unflagged
    text = ("Our Osh and Jalal-Abad member groups voted to support everything except 3.5. Talas hasn't voted yet, "
            "I'll forward their answer when I have it.")  # fmt: skip
    assert "holding" in codes(read(text, campaign, language="en"))


def test_no_view_heading_a_list_abstains_on_it(campaign: Campaign) -> None:
    # "No view:" was no stance word before a colon: five recommendations named without a stance
    text = "Agree: 1.1, 1.2\nDisagree: 1.3\nNo view: 1.5, 3.2"
    want = {"1.1": "agree", "1.3": "disagree", "1.5": "abstain", "3.2": "abstain"}
    assert _read_clean(text, want, campaign, "en") == (want, set())


def test_all_those_spoken_for_at_the_dialogue_refers_outside_the_letter(campaign: Campaign) -> None:
    # read as 19 agreements, unflagged: which ones they spoke for on 1 March the letter does not say
    text = "Согласны со всеми рекомендациями, по которым мы высказались положительно на диалоге 1 марта."
    assert "outside_reference" in codes(read(text, campaign))


@pytest.mark.parametrize(
    "text",
    [
        "| Рек. | Согласны | Не согласны |\n| 1.1 | + | - |\n| 3.2 | - | + |",
        "| Рек. | Согласны | Не согласны |\n| Все | x | |",
        "| Рек. | Согласны | Не согласны |\n| 1.1 | x | o |\n| 3.2 | o | x |",
    ],
)
def test_a_tick_table_with_a_row_it_cannot_read_is_left_for_a_person(campaign: Campaign, text: str) -> None:
    # the header was blanked and the row read some other way: 1.1 and 3.2 agreed, or all 19 disagreed, unflagged
    assert codes(read(text, campaign))


@pytest.mark.parametrize(
    "text",
    [
        "Согласны со всеми, за исключением следующей.\nСпасибо.",
        "Except for the following, all recommendations are accepted:",
        "Поддерживаем 3.2 за исключением следующего:\nфинансирование из местного бюджета.",
    ],
)
def test_exceptions_announced_and_not_given_go_to_a_person(campaign: Campaign, text: str) -> None:
    assert codes(read(text, campaign, language="en"))


@pytest.mark.parametrize(
    "text",
    ["Рекомендации приняли к рассмотрению.", "Председатель принял рекомендации к рассмотрению.",
     "Ваше письмо приняли, спасибо."],
)  # fmt: skip
def test_accepted_for_consideration_or_a_letter_received_is_no_stance(campaign: Campaign, text: str) -> None:
    assert not stances(read(text, campaign))


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Не согласны в части 3.2, 3.5.", {"3.2": "disagree", "3.5": "disagree"}),
        ("Не поддерживаем в части, касающейся 4.5", {"4.5": "disagree"}),
    ],
)
def test_in_part_of_named_ids_is_as_regards_them(campaign: Campaign, text: str, want: dict[str, str]) -> None:
    assert _stance_only(read(text, campaign)) == want


@pytest.mark.parametrize(
    "text",
    ["По 4 панели согласны, по 4.1 есть вопросы", "По 3 панели согласны и 3.5", "On panel 3 we agree, 3.1 we do"],
)
def test_a_panel_agreed_then_an_id_of_it_is_no_frame(campaign: Campaign, text: str) -> None:
    # read as the ID alone, unflagged
    assert codes(read(text, campaign, language="en"))


@pytest.mark.parametrize(
    "text",
    ["Не согласны:\n- 1.3 — кроме части про бизнес", "Не согласны:\n1.3 — это уже делается, 1.5 — хорошая идея",
     "Поддерживаем:\n- 3.1 — но нет денег"],
)  # fmt: skip
def test_a_dashed_line_that_is_more_than_a_reason_goes_to_a_person(campaign: Campaign, text: str) -> None:
    assert codes(read(text, campaign))


@pytest.mark.parametrize("text", ["согласны с 1.1-15.", "согласны с 3.1-8", "Согласны с 1,2,3."])
def test_numbers_before_a_full_stop_are_still_checked(campaign: Campaign, text: str) -> None:
    assert "ambiguous_number" in codes(read(text, campaign))


def test_an_answer_not_yet_approved_is_no_approval(campaign: Campaign) -> None:
    assert codes(read("Согласны со всеми. Этот ответ пока не утвержден советом.", campaign))


@pytest.mark.parametrize(
    ("text", "rec_id", "reason"),
    [
        ("Согласны с 1.1–1.5, 2.1, 3.1–3.8. Остальные рекомендации к нашей деятельности не относятся.", "4.1",
         "Остальные рекомендации к нашей деятельности не относятся"),
        ("Согласны с 1.1–1.5, 2.1, 4.1–4.5. 3.2 и 3.5 к нашей деятельности не относятся.", "3.2",
         "к нашей деятельности не относятся"),
    ],
)  # fmt: skip
def test_an_abstentions_why_keeps_its_subject_in_words_not_in_numbers(
    campaign: Campaign, text: str, rec_id: str, reason: str
) -> None:
    # "Остальные рекомендации" was cut off the why: a reader quotes the sentence whole (53 corpus reasons)
    assert stances(read(text, campaign))[rec_id] == ("abstain", reason)


def test_recommendations_related_to_a_topic_in_kyrgyz_go_to_a_person(campaign: Campaign) -> None:
    # "those related to digital literacy" was read as agreement with all 19, unflagged
    result = read("Санарип сабаттуулукка байланыштуу сунуштарды колдойбуз.", campaign, language="ky")
    assert "vague_scope" in codes(result)


def test_recommendations_of_a_panel_named_by_its_title_are_not_a_vague_topic(campaign: Campaign) -> None:
    result = read("Рекомендации по панели «Коалиции и сети ОГО как кровеносная система» поддерживаем.", campaign)
    assert (_stance_only(result), codes(result)) == ({"2.1": "agree"}, set())


def test_preparing_someone_is_no_offer_to_help(campaign: Campaign) -> None:
    # "готовить кадры" was read as "готовы к …", an offer on a rejected recommendation: a contradiction
    text = "Не согласны с 3.5.\n3.5 — в районе нет техникума, готовить кадры негде."
    assert stances(read(text, campaign)) == {"3.5": ("disagree", "в районе нет техникума, готовить кадры негде")}


def test_cheated_by_phone_in_kyrgyz_is_no_hearsay(campaign: Campaign) -> None:
    text = "3.1 сунушун колдойбуз, анткени малчылардын көбү телефон аркылуу алданып жатат."
    assert not codes(read(text, campaign, language="ky"))


def test_a_team_the_document_was_reviewed_with_is_not_who_answers(campaign: Campaign) -> None:
    text = "Having reviewed the document with our legal team, we are pleased to accept all the recommendations."
    assert not codes(read(text, campaign, language="en"))


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Since our members are small start-ups, 3.2 and 3.5 are exactly what we need — we support them.",
         {"3.2": "agree", "3.5": "agree"}),
        ("Given that our members are small guesthouses, 3.5 and 3.6 are beyond what we can do, so we disagree with "
         "those two.", {"3.5": "disagree", "3.6": "disagree"}),
    ],
)  # fmt: skip
def test_a_stance_after_a_dash_or_so_is_out_of_the_clause_before(
    campaign: Campaign, text: str, want: dict[str, str]
) -> None:
    result = read(text, campaign, language="en")
    assert (_stance_only(result), codes(result)) == (want, set())


def test_the_rest_too_in_a_sentence_of_its_own_after_agreement_agrees(campaign: Campaign) -> None:
    # the rest went unread (flagged) or became the reason of the stance before
    result = read("Согласны с 1.1, 1.2, 1.3. С остальными тоже.", campaign)
    assert (stances(result), codes(result)) == (every(campaign, "agree"), set())


@pytest.mark.parametrize(
    "text",
    ["Не согласны с 4.3. Остальные — тоже.", "Согласны с 1.1, против 3.5. С остальными тоже.",
     "Частично согласны с 3.5. С остальными тоже."],
)  # fmt: skip
def test_the_rest_too_after_any_other_stance_goes_to_a_person(campaign: Campaign, text: str) -> None:
    # which stance "too" repeats is not sure: a rejection of all 17 others was read from an ellipsis
    assert codes(read(text, campaign))


def test_an_id_stressed_after_a_dash_under_an_all_is_no_new_stance(campaign: Campaign) -> None:
    result = read("Поддерживаем всё. 3.5 — особенно!", campaign)
    assert (stances(result), codes(result)) == (every(campaign, "agree"), set())


@pytest.mark.parametrize(
    "heading",
    ["Как просили, даем ответы по рекомендациям, с которыми не согласны:", "Не согласны с рекомендациями:",
     "Конкретные ответы по тем, с которыми мы не согласны:"],
)  # fmt: skip
def test_a_heading_on_the_recommendations_disagreed_with_names_the_lines_below(
    campaign: Campaign, heading: str
) -> None:
    # read as disagreement with all 19 against "the rest we accept" (a contradiction), or as hearsay
    text = f"{heading}\n\n3.5 — не согласны, в селах нет кадров.\n4.3 — не согласны: такие органы уже есть.\n\n"
    result = read(text + "Остальные рекомендации принимаем.", campaign)
    want = every(campaign, "agree", but={"3.5": ("disagree", "в селах нет кадров"),
                                         "4.3": ("disagree", "такие органы уже есть")})  # fmt: skip
    assert (stances(result), codes(result)) == (want, set())


def test_a_numbered_line_after_a_long_one_is_a_list_item_not_its_wrapped_end(campaign: Campaign) -> None:
    text = (
        "Our position:\n\n1. Panel 1 – agree\n2. Panel 2 – agree\n3. Panel 3 – agree, except that we abstain on 3.6"
        " as we lack expertise in digital risk monitoring\n4. Panel 4 – agree"
    )
    result = read(text, campaign, language="en")
    want = every(campaign, "agree", but={"3.6": ("abstain", "we lack expertise in digital risk monitoring")})
    assert (stances(result), codes(result)) == (want, set())


@pytest.mark.parametrize(
    "offer",
    ["По 3.2 отдельно сообщаем, что наши члены готовы выделять менторов для социальных ОГО.",
     "Отдельно по 3.2: обучение готовы провести на базе нашего центра."],
)  # fmt: skip
def test_an_offer_to_provide_or_host_on_an_agreed_id_is_goodwill(campaign: Campaign, offer: str) -> None:
    result = read(f"Поддерживаем все рекомендации. {offer}", campaign)
    assert (_stance_only(result), codes(result)) == ({i: "agree" for i in campaign.ids}, set())


def test_an_audience_the_bracket_after_it_names_by_panel_is_no_vague_scope(campaign: Campaign) -> None:
    text = (
        "We support recommendations 2.1, 4.1, 4.2 and 4.3. We will not take a position on the recommendations"
        " addressed to CSOs (panels 1 and 3) or on 4.4 and 4.5."
    )
    result = read(text, campaign, language="en")
    want = {i: "abstain" for i in campaign.ids} | {i: "agree" for i in ("2.1", "4.1", "4.2", "4.3")}
    assert (_stance_only(result), codes(result)) == (want, set())


def test_all_before_an_adjective_and_people_is_everyone_not_every_recommendation(campaign: Campaign) -> None:
    text = (
        "Since our members are all rural women's groups with limited internet access, we abstain on 3.6 and 3.8."
        " We agree with all other recommendations."
    )
    result = read(text, campaign, language="en")
    want = {i: "agree" for i in campaign.ids} | {"3.6": "abstain", "3.8": "abstain"}
    assert (_stance_only(result), codes(result)) == (want, set())


@pytest.mark.parametrize(
    ("text", "language"),
    [("Бизнес менен байланышкан сунуштарга макулбуз.", "ky"),
     ("Как сообщила наш координатор Айнура на встрече в Оше, наша сеть рекомендации поддерживает.", "ru")],
)  # fmt: skip
def test_a_topic_connected_with_business_or_what_a_coordinator_said_goes_to_a_person(
    campaign: Campaign, text: str, language: str
) -> None:
    # each was read as agreement with all 19, unflagged
    assert codes(read(text, campaign, language=language))


def test_the_recommendations_on_the_dialogues_results_in_kyrgyz_are_all_of_them(campaign: Campaign) -> None:
    text = (
        "Диалогдун жыйынтыгы боюнча сунуштарды кабыл алабыз, 4.3 сунушун кошпогондо.\n\n"
        "4.3 боюнча биздин позиция: макул эмеспиз, анткени мындай органдар мурда да түзүлгөн."
    )
    result = read(text, campaign, language="ky")
    want = {i: "agree" for i in campaign.ids} | {"4.3": "disagree"}
    assert (_stance_only(result), codes(result)) == (want, set())


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("3.8 для нас одна из самых важных — поддерживаем.", {"3.8": "agree"}),
        ("Поддерживаем рекомендации, касающиеся цифровой грамотности — 3.1 и 3.4, — а также 4.5.",
         {"3.1": "agree", "3.4": "agree", "4.5": "agree"}),
        ("Digital literacy is the biggest barrier for the elderly, which is why we strongly support 3.1.",
         {"3.1": "agree"}),
    ],
)  # fmt: skip
def test_words_that_look_vague_or_relative_beside_named_ids_are_read(
    campaign: Campaign, text: str, want: dict[str, str]
) -> None:
    result = read(text, campaign, language="en" if text.isascii() else "ru")
    assert (_stance_only(result), codes(result)) == (want, set())


def test_a_kyrgyz_sentence_opening_with_a_list_of_panel_numbers_is_a_sentence_of_its_own(campaign: Campaign) -> None:
    text = (
        "3-панелдеги сунуштарды колдойбуз, себеби санариптик сабаттуулук айылдарда өтө төмөн."
        " 1, 2 жана 4-панелдер боюнча да макулбуз."
    )
    result = read(text, campaign, language="ky")
    assert (_stance_only(result), codes(result)) == ({i: "agree" for i in campaign.ids}, set())


@pytest.mark.parametrize(
    ("text", "language"),
    [("Особенно высоко оцениваем рекомендации 4 панели. С рекомендациями 1, 2 и 3 панелей тоже полностью согласны.",
      "ru"),
     ("Биз айрыкча 4-панелдин сунуштарын жогору баалайбыз. 1, 2 жана 3-панелдердин сунуштарына да толук макулбуз.",
      "ky")],
)  # fmt: skip
def test_agreeing_also_with_the_others_agrees_with_what_was_stressed(
    campaign: Campaign, text: str, language: str
) -> None:
    result = read(text, campaign, language=language)
    assert (_stance_only(result), codes(result)) == ({i: "agree" for i in campaign.ids}, set())


def test_an_id_stressed_and_never_given_a_stance_goes_to_a_person(campaign: Campaign) -> None:
    # 3.5 was dropped without a word
    assert "no_stance_for_id" in codes(read("Особенно хотим отметить 3.5. Согласны с 3.1.", campaign))


@pytest.mark.parametrize("text", ["Баарын кабыл алабыз, 4.3төн башка.", "Баарына макулбуз, 4.3 сунушун кошпогондо."])
def test_the_kyrgyz_word_for_except_after_an_id_is_not_why(campaign: Campaign, text: str) -> None:
    # "төн башка" was recorded as 4.3's reason, and the rejection then taken as given
    result = read(text, campaign, language="ky")
    assert stances(result)["4.3"][1] is None
    assert "unclear_exception" in codes(result)


def test_ids_one_would_rather_not_comment_on_are_abstentions_not_the_panels_yes(campaign: Campaign) -> None:
    # 3.5, 3.6 and 3.8 took the panel line's "yes", unflagged
    result = read("Panel 3: partly – 3.1–3.4 and 3.7 yes; on 3.5, 3.6 and 3.8 we'd rather not comment.", campaign)
    want = {i: "agree" for i in ("3.1", "3.2", "3.3", "3.4", "3.7")} | {i: "abstain" for i in ("3.5", "3.6", "3.8")}
    assert (_stance_only(result), codes(result)) == (want, set())


def test_not_commenting_on_the_other_panels_is_still_no_stance(campaign: Campaign) -> None:
    result = read("We agree with the whole of panel 3. We don't comment on the other panels.", campaign, language="en")
    assert _stance_only(result) == {i: "agree" for i in campaign.ids if i.startswith("3.")}


@pytest.mark.parametrize(
    ("text", "language"),
    [("Бардык сунуштар кабыл алынды. Каршы пикирибиз жок.", "ky"),
     ("Всё ок с нашей стороны, возражений ни по одной из 19 рекомендаций нет.", "ru"),
     ("Поддерживаем все рекомендации. Спасибо за сотрудничество все эти годы.", "ru")],
)  # fmt: skip
def test_a_plain_yes_to_all_in_these_words_is_accepted(campaign: Campaign, text: str, language: str) -> None:
    result = read(text, campaign, language=language)
    assert (_stance_only(result), codes(result)) == ({i: "agree" for i in campaign.ids}, set())


def test_an_abstention_may_put_the_verb_after_its_object(campaign: Campaign) -> None:
    result = read("Поддерживаем 3.1. Остальные рекомендации оценивать не будем.", campaign)
    assert _stance_only(result) == {i: "abstain" for i in campaign.ids} | {"3.1": "agree"}


def test_only_one_id_of_a_panel_not_supported_in_kyrgyz_supports_the_rest(campaign: Campaign) -> None:
    # 4.1 and 4.3-4.5 were left without a stance, and the reply accepted
    text = "1-панелдин жана 2-панелдин сунуштарын колдойбуз. 3.1–3.8 колдойбуз. 4-панелден 4.2ни гана колдобойбуз."
    result = read(text, campaign, language="ky")
    assert (_stance_only(result), codes(result)) == ({i: "agree" for i in campaign.ids} | {"4.2": "disagree"}, set())


def test_a_why_promised_for_later_is_no_why(campaign: Campaign) -> None:
    # "Подробнее объясним на следующей встрече" was the exceptions' reason, and their rejection taken as given
    result = read("Согласны со всеми, кроме 3.5 и 4.3. Подробнее объясним на следующей встрече.", campaign)
    assert stances(result)["3.5"] == ("disagree", None)
    assert "unclear_exception" in codes(result)


def test_an_audience_after_the_ids_it_describes_is_no_vague_scope(campaign: Campaign) -> None:
    text = "We agree with recommendations 1.1, 2.1 and 4.2 – the ones relevant to business associations."
    result = read(text, campaign, language="en")
    assert (_stance_only(result), codes(result)) == ({"1.1": "agree", "2.1": "agree", "4.2": "agree"}, set())


def test_cannot_agree_with_the_verb_first_is_a_rejection(campaign: Campaign) -> None:
    # "согласиться не можем" was read as agreement: 4.1 accepted as agreed
    text = "С рекомендацией 4.1 согласиться не можем: приглашение бизнесменов создаёт риск. Остальные принимаем."
    result = read(text, campaign)
    want = every(campaign, "agree", but={"4.1": ("disagree", "приглашение бизнесменов создаёт риск")})
    assert (stances(result), codes(result)) == (want, set())


def test_cannot_agree_with_all_with_the_verb_first_is_a_negated_universal(campaign: Campaign) -> None:
    assert "ambiguous_negation" in codes(read("Со всеми рекомендациями согласиться не можем.", campaign))


@pytest.mark.parametrize(
    ("text", "language", "code"),
    [("3.5ке макул эмеспиз деп ойлойм, бирок так айта албайм.", "ky", "reservation"),
     ("Просим учесть поправки, внесённые на рабочей группе 10 марта, — с ними согласны.", "ru", "outside_reference"),
     ("Our women's committee disagrees with 4.1, while the rest of the board supports everything.", "en",
      "partial_speaker")],
)  # fmt: skip
def test_a_guess_amendments_elsewhere_or_a_split_board_go_to_a_person(
    campaign: Campaign, text: str, language: str, code: str
) -> None:
    # each was accepted: 3.5 rejected, all agreed, 4.1 rejected
    assert code in codes(read(text, campaign, language=language))


def test_not_our_field_after_a_rejection_is_why_not_an_abstention_on_all(campaign: Campaign) -> None:
    result = read("Рекомендации 3.1, 3.3 поддерживаем.\n3.2, 3.5 — не поддерживаем, это не наш профиль.", campaign)
    want = {"3.1": ("agree", None), "3.3": ("agree", None), "3.2": ("disagree", "это не наш профиль"),
            "3.5": ("disagree", "это не наш профиль")}  # fmt: skip
    assert (stances(result), codes(result)) == (want, set())


@pytest.mark.parametrize(
    ("text", "language"),
    [("Катыңыз кабыл алынды. Рахмат.", "ky"), ("We'd rather not comment on panel 4.", "en"),
     ("There are recommendations which, so far, we cannot support.", "en"),
     ("Есть рекомендации, с которыми мы — честно говоря — не согласны.", "ru"),
     ("3.5 боюнча каршы пикирибиз жок эмес.", "ky"), ("Особенно беспокоит 3.5. С 1.1 тоже согласны.", "ru")],
)  # fmt: skip
def test_receipts_asides_double_negatives_and_worries_are_not_read_as_stances(
    campaign: Campaign, text: str, language: str
) -> None:
    # the review of this session's rules found each read as a stance, unflagged (a receipt as agreement with all,
    # "on panel 4" as an abstention on all, "so far" and an aside ending the relative clause, "it's not that there
    # is no objection" as none, a worry stressed before "also agree" as agreement)
    assert codes(read(text, campaign, language=language))


def test_an_id_set_aside_after_all_is_an_exception(campaign: Campaign) -> None:
    # "All fine by us, 3.7 aside." agreed to 3.7 too, unflagged
    result = read("All fine by us, 3.7 aside.", campaign, language="en")
    assert "unclear_exception" in codes(result)


def test_members_ready_to_host_on_an_agreed_id_is_goodwill(campaign: Campaign) -> None:
    text = (
        "We fully endorse all nineteen recommendations. On 3.2 specifically: our member companies are ready to host"
        " mentoring sessions for social CSOs."
    )
    result = read(text, campaign, language="en")
    assert (_stance_only(result), codes(result)) == ({i: "agree" for i in campaign.ids}, set())


def test_having_no_position_on_the_rest_is_an_abstention(campaign: Campaign) -> None:
    text = "We agree with recommendations 4.1, 4.2 and 2.1. We do not have a position on the remaining recommendations."
    result = read(text, campaign, language="en")
    want = {i: "abstain" for i in campaign.ids} | {"4.1": "agree", "4.2": "agree", "2.1": "agree"}
    assert (_stance_only(result), codes(result)) == (want, set())


@pytest.mark.parametrize(
    ("text", "language", "rec_id", "reason"),
    [("Рекомендацию 3.8 поддерживаем: водители часто не могут получить госуслуги онлайн в пути.", "ru", "3.8",
      "водители часто не могут получить госуслуги онлайн в пути"),
     ("We support Panel 2 (2.1), because water users have always worked through networks.", "en", "2.1",
      "water users have always worked through networks"),
     ("Поддерживаем 1.2 и 4.2 — эти рекомендации про сотрудничество с бизнесом, что для нас главное.", "ru", "4.2",
      "эти рекомендации про сотрудничество с бизнесом, что для нас главное"),
     ("Не поддерживаем 4.1 и 4.3.\nПричина по 4.1: конфликт интересов.", "ru", "4.1", "конфликт интересов"),
     ("4.2 и 4.4 — обеими руками за, сами десять лет этим занимаемся.", "ru", "4.4",
      "сами десять лет этим занимаемся")],
)  # fmt: skip
def test_a_colon_a_bracket_a_described_set_or_a_reason_line_gives_why(
    campaign: Campaign, text: str, language: str, rec_id: str, reason: str
) -> None:
    # each was read without its why (the last without its stance)
    result = read(text, campaign, language=language)
    assert (stances(result)[rec_id][1], codes(result)) == (reason, set())


@pytest.mark.parametrize(
    ("text", "language", "stressed", "reason"),
    [("Сунуштардын баарын колдойт. Өзгөчө 3.4 биз үчүн маанилүү, анткени айылдарда санариптик сабаттуулук төмөн.",
      "ky", "3.4", "айылдарда санариптик сабаттуулук төмөн"),
     ("Поддерживаем все рекомендации. Особо отмечаем рек. 3,4 и 3,7 — мы как раз этим занимаемся в Чуйской области.",
      "ru", "3.7", "мы как раз этим занимаемся в Чуйской области"),
     ("We fully support panel 3. Recommendation 3.2 is particularly close to us, because our members run a mentoring"
      " programme.\n\nWe also support all recommendations of panels 1 and 2.", "en", "3.2",
      "our members run a mentoring programme")],
)  # fmt: skip
def test_an_id_stressed_after_its_agreement_keeps_the_why_given_it(
    campaign: Campaign, text: str, language: str, stressed: str, reason: str
) -> None:
    # the why was dropped (the last: a later "also support" gave 3.2 a second agreement without it)
    result = read(text, campaign, language=language)
    assert (stances(result)[stressed], codes(result)) == (("agree", reason), set())


def test_a_request_after_a_dash_is_no_why_for_the_ids_offered_help_on(campaign: Campaign) -> None:
    text = "We accept all of them. We would be glad to take part in implementing 3.1 and 3.4 — please keep us posted."
    result = read(text, campaign, language="en")
    assert (stances(result)["3.4"], codes(result)) == (("agree", None), set())


def test_a_branch_in_the_body_s_own_description_is_not_a_partial_speaker(campaign: Campaign) -> None:
    text = "Юридическая клиника «Адилет Жолу» (г. Бишкек, филиалы в Нарыне и Караколе) поддерживает все рекомендации."
    result = read(text, campaign)
    assert (_stance_only(result), codes(result)) == ({i: "agree" for i in campaign.ids}, set())


def test_an_offer_to_rework_what_was_rejected_on_the_committee_s_terms_changes_nothing(campaign: Campaign) -> None:
    text = (
        "Рекомендацию 4.1 не поддерживаем, так как это создаёт риск конфликта интересов, в особенности для"
        " правозащитных организаций.\nГотовы принять участие в доработке формулировок рекомендации 4.1, если"
        " Оргкомитет сочтёт это целесообразным."
    )
    result = read(text, campaign)
    assert (stances(result)["4.1"][0], codes(result)) == ("disagree", set())


def test_references_inside_a_reason_after_a_dash_are_the_reason_s(campaign: Campaign) -> None:
    text = "Reject 4.1–4.5 – panel 4 is about regional CSOs and we are a national body, the recommendations don't fit."
    result = read(text, campaign, language="en")
    want = "panel 4 is about regional CSOs and we are a national body, the recommendations don't fit"
    assert (stances(result)["4.5"], codes(result)) == (("disagree", want), set())


def test_as_drafted_is_no_reason(campaign: Campaign) -> None:
    text = "We accept the recommendations as drafted, with one exception: we do not support 3.5."
    result = read(text, campaign, language="en")
    assert stances(result)["1.1"] == ("agree", None)


@pytest.mark.parametrize(
    ("text", "language"),
    [("Мы согласны со всеми 19 рекомендациями. Правда, 3.5 вызывает сомнения, мы бы её не поддержали.", "ru"),
     ("We agree with all recommendations. On 3.3, we would not support spending our budget on trainings.", "en")],
)  # fmt: skip
def test_a_rejection_in_the_conditional_beside_an_agreement_goes_to_a_person(
    campaign: Campaign, text: str, language: str
) -> None:
    # each was accepted: the first as an exception, the second as agreement with all 19
    assert "contradiction" in codes(read(text, campaign, language=language))


def test_the_other_panels_leave_the_rest_of_an_answered_panel_unanswered(campaign: Campaign) -> None:
    text = "Рекомендации 4.1–4.2 поддерживаем. 4.3 не поддерживаем. По остальным панелям у нас нет позиции."
    result = read(text, campaign)
    # 4.4 and 4.5 were recorded as abstentions, unflagged; now they stay unanswered, for a person to ask about
    assert ("4.4" not in stances(result), stances(result)["1.1"][0]) == (True, "abstain")
    assert "unread_words" in codes(result)


def test_the_other_panels_exclude_only_panels_answered_before_them(campaign: Campaign) -> None:
    text = "Рекомендации 3-й панели поддерживаем полностью. По остальным панелям тоже согласны, за исключением 1.5."
    result = read(text, campaign)
    assert stances(result)["1.1"][0] == "agree"


@pytest.mark.parametrize(
    ("text", "language"),
    [("3.5ке каршыбыз. Калганын кийин айтабыз.", "ky"), ("По 3.5 мы не согласны. Остальное как писали.", "ru")],
)  # fmt: skip
def test_a_sentence_on_the_rest_after_a_bare_rejection_is_not_its_reason(
    campaign: Campaign, text: str, language: str
) -> None:
    assert stances(read(text, campaign, language=language))["3.5"] == ("disagree", None)


def test_an_all_inside_a_reason_is_the_reason_s(campaign: Campaign) -> None:
    text = (
        "Рекомендации 1.1, 1.3 и 1.4 поддерживаем.\n1.2 и 1.5 — частично, так как мы не можем вести совместную"
        " адвокацию с бизнесом по всем вопросам."
    )
    assert codes(read(text, campaign)) == set()


def test_all_after_a_panel_s_quoted_title_and_a_verb_is_that_panel_s(campaign: Campaign) -> None:
    text = "По панели «Вклад региональных ОГО в решение местных проблем» — поддерживаем все пять рекомендаций."
    result = read(text, campaign)
    assert (stances(result), codes(result)) == ({f"4.{n}": ("agree", None) for n in range(1, 6)}, set())


def test_a_noted_offer_and_a_hope_to_be_heard_change_nothing(campaign: Campaign) -> None:
    text = (
        "Рекомендации 3.1–3.8 фонд принимает. Отдельно отмечаем, что наша клиника уже ведёт консультации граждан и"
        " готова делиться этим опытом.\n\nНадеемся, что наша позиция будет учтена при подготовке итогового документа."
    )
    result = read(text, campaign)
    # "отдельно" (separately) and "будет … документа" read as an answer still to come
    assert (stances(result)["3.5"], codes(result)) == (("agree", None), set())


@pytest.mark.parametrize(
    ("text", "language", "code"),
    [("agree all xcept 3.5 and the council one in panel 4 - against those", "en", "vague_scope"),
     ("Ок, в понедельник скину ответ", "ru", "holding"),
     ("I'm writing on behalf of the digital working group of our foundation (not the foundation as a whole). Our"
      " group supports all of panel 3.", "en", "partial_speaker"),
     ("Our support is conditional on the recommendations being aligned with the National Development Programme.",
      "en", "condition"),
     ("Согласны со всеми рекомендациями 4-й панели.\nПо п. 4.2 считаем, что это невозможно, и возражаем против"
      " включения его в итоговый документ.", "ru", "contradiction"),
     ("Поддерживаем все рекомендации первой панели, а также 4.2 и 4.4.\nПо четвёртой панели в целом мы против —"
      " бизнес не должен вмешиваться в работу ОГО.", "ru", "contradiction")],
)  # fmt: skip
def test_a_described_exception_a_promise_a_working_group_a_condition_or_a_panel_against_its_part_goes_to_a_person(
    campaign: Campaign, text: str, language: str, code: str
) -> None:
    # each was accepted: the council one as agreed, "Ок" as agreement with all, the group as the foundation, the
    # condition as plain support, and the panel's other stance given to its part without a word
    assert code in codes(read(text, campaign, language=language))


@pytest.mark.parametrize(
    ("text", "language", "want"),
    [("On 3.5 we only partially agree, because jobs depend on the state. We would support it if it were reworded.",
      "en", {"3.5": ("partial", "jobs depend on the state")}),
     ("Согласны. Исключение — 3.5, не согласны: нет кадров.", "ru",
      {i: ("agree", None) for i in ("1.1", "2.1", "4.5")} | {"3.5": ("disagree", "нет кадров")}),
     ("We endorse recommendations 1.1 to 4.5 with the single exception of 4.1, on which we abstain.", "en",
      {"1.1": ("agree", None), "4.1": ("abstain", None)}),
     ("«Ак Жол» бирикмеси атынан бардык сунуштарды колдоорубузду билдиребиз.", "ky", {"3.5": ("agree", None)}),
     ("Бардык 19 сунуш боюнча макулдугубузду билдиребиз.", "ky", {"4.1": ("agree", None)}),
     ("Рекомендации 1.1–1.5 поддерживаем. Готовы направить представителя в рабочую группу по доработке документа.",
      "ru", {"1.3": ("agree", None)}),
     ("Не согласны с двумя пунктами:\nп. 3.4 — такие кампании уже проводят операторы и дублировать их нет смысла;\n"
      "п. 3.7 — население не доверяет цифровому участию.", "ru",
      {"3.7": ("disagree", "население не доверяет цифровому участию")}),
     ('Panel 3 ("Data, digital services and digital forms of citizen participation") - strongly yes.', "en",
      {"3.3": ("agree", None)}),
     ("Ассоциация не может принять рекомендации. Просим считать наш ответ несогласием со всеми.", "ru",
      {"2.1": ("disagree", None)}),
     ("| Rec | Position | Comment |\n|-----|----------|---------|\n| 3.2 | agree | we already run mentoring for NGOs |",
      "en", {"3.2": ("agree", "we already run mentoring for NGOs")}),
     ("Баткен аялдары сунуштардын көпчүлүгүн колдойт. 3.5 жана 3.6-сунуштарга макул эмеспиз. Калгандарына толук"
      " макулбуз.", "ky", {"3.5": ("disagree", None), "4.1": ("agree", None)})],
)  # fmt: skip
def test_plain_answers_in_words_the_reading_missed_are_accepted(
    campaign: Campaign, text: str, language: str, want: dict[str, tuple[str, str | None]]
) -> None:
    # each went to a person: a "would support it if" after a partial, "Исключение —" after a bare "Согласны", "the
    # single exception", Kyrgyz nominal forms, an offer of a representative, a heading's line that repeats "no",
    # "strongly yes", "несогласием", an agreement's comment cell, "most" then its exceptions and "the rest"
    assert _read_with_reasons(text, want, campaign, language) == (want, set())


@pytest.mark.parametrize(
    ("text", "language", "want"),
    [("3.1 3.3 3.4 3.7 макулбуз. Калгандарына каршыбыз, бизге тиешеси жок.", "ky",
      {"3.1": ("agree", None), "4.5": ("disagree", "бизге тиешеси жок")}),
     ("Ассоциация поддерживает рекомендации 1.1–1.5, 2.1, 3.1–3.8, 4.1–4.5.\n\nРекомендацию 4.2 считаем для нас"
      " наиболее актуальной: совместные проекты с бизнесом открыли бы новые рынки.", "ru",
      {"4.2": ("agree", "совместные проекты с бизнесом открыли бы новые рынки")}),
     ("On panel 3 we partly agree with 3.4: a campaign is good but it must be delivered in Kyrgyz. The other panel 3"
      " recommendations we support.", "en", {"3.4": ("partial", "a campaign is good but it must be delivered in"
                                                                " Kyrgyz")})],
)  # fmt: skip
def test_the_rest_rejected_as_not_ours_a_most_relevant_one_and_a_partial_s_object_keep_their_why(
    campaign: Campaign, text: str, language: str, want: dict[str, tuple[str, str | None]]
) -> None:
    # each lost its why (the first and the last went to a person: "бизге тиешеси жок" read as a second stance, and
    # "is good" after the colon as one)
    assert _read_with_reasons(text, want, campaign, language) == (want, set())


def test_an_inline_answer_and_a_see_below_beside_the_rest(campaign: Campaign) -> None:
    pair = InlinePair(
        quoted="4.3. Создание совещательного коллегиального органа по развитию предпринимательства при мэрии.",
        answer="Disagree – there is already a Public Council under each district administration.",
    )
    for text in ("Hi, our comment is inline below. Everything else: agreed.", "Hi, all agreed, on 4.3 see below."):
        result = read(text, campaign, language="en", pairs=(pair,))
        # "each district administration" was all 19 rejected; "on 4.3 see below" gave 4.3 the agreement
        want = ("disagree", "there is already a Public Council under each district administration")
        assert (stances(result)["4.3"], stances(result)["1.1"], codes(result)) == (want, ("agree", None), set())


def test_no_objections_from_the_organisation_is_agreement(campaign: Campaign) -> None:
    # "не имеет возражений" (third person) was read as 19 objections, unflagged
    result = read("Ассоциация не имеет возражений по рекомендациям 1.1–4.5.", campaign)
    assert (stances(result), codes(result)) == (every(campaign, "agree"), set())


def test_all_supported_in_full_then_an_objection_is_a_contradiction(campaign: Campaign) -> None:
    text = "Полностью поддерживаем все рекомендации диалога.\n\nПо 3.5 у нас возражения: это нереально."
    assert "contradiction" in codes(read(text, campaign))


@pytest.mark.parametrize(
    ("text", "language", "want"),
    [("Since we work with local keneshes, 4.5 is the most relevant for us and we strongly support it. We abstain on"
      " the rest.", "en", {"4.5": ("agree", "we work with local keneshes"), "1.1": ("abstain", None)}),
     ("Цифровая панель (№3) — согласны со всеми пунктами.", "ru", {"3.8": ("agree", None)}),
     ("Поддерживаем все рекомендации. Отдельное спасибо, что в 3.4 и 3.5 учтены сельские районы!", "ru",
      {"3.4": ("agree", None)})],
)  # fmt: skip
def test_a_superlative_a_bracketed_panel_number_and_thanks_for_ids_are_read(
    campaign: Campaign, text: str, language: str, want: dict[str, tuple[str, str | None]]
) -> None:
    # each went to a person: "the most relevant" as a share, "(№3)" as a loose number, thanks as IDs without a stance
    assert _read_with_reasons(text, want, campaign, language) == (want, set())


@pytest.mark.parametrize(
    ("text", "language", "want"),
    [("Поддерживаем 4.3 — см. ниже.", "ru", {"4.3": ("agree", None), "1.1": None}),
     ("Поддерживаем 3.1, 3.2 — см. ниже, остальные не поддерживаем.", "ru",
      {"3.2": ("agree", None), "1.1": ("disagree", None)}),
     ("Не поддерживаем 4.3 — как и всю четвертую панель.", "ru",
      {"4.3": ("disagree", None), "4.4": ("disagree", None)})],
)  # fmt: skip
def test_a_stance_before_see_below_or_a_panel_added_after_a_dash_keeps_its_ids(
    campaign: Campaign, text: str, language: str, want: dict[str, tuple[str, str | None] | None]
) -> None:
    # the review of this session's rules: the ID before "см. ниже" lost its stance (and all 19 took it), and the
    # panel after the dash became 4.3's reason with panel 4's rest unanswered
    result = read(text, campaign, language=language)
    assert {k: stances(result).get(k) for k in want} == want


@pytest.mark.parametrize(
    ("text", "language", "code"),
    [("Поддерживаем все рекомендации. Рекомендацию 4.2 считаем наиболее актуальной: при условии, что будет"
      " финансирование.", "ru", "condition"),
     ("We support all. We particularly welcome 3.4 and 3.7 — if funding is found.", "en", "condition"),
     ("Поддерживаем все рекомендации. Особо отмечаем 3.4 — но только для сельских районов.", "ru", "reservation"),
     ("Сунуштардын баарын колдойбуз. Өзгөчө 3.4 биз үчүн маанилүү — бирок каржылоо керек.", "ky", "reservation"),
     ("Поддерживаем 3.8: только для сельских районов.", "ru", "reservation"),
     ("Поддерживаем все рекомендации (мнение филиала в Нарыне).", "ru", "partial_speaker"),
     ("3.1 поддерживаем. Остальные не поддерживаем, часть из них нас не касается.", "ru", "no_scope")],
)  # fmt: skip
def test_a_condition_a_limit_a_branch_or_a_part_after_the_new_rules_goes_to_a_person(
    campaign: Campaign, text: str, language: str, code: str
) -> None:
    # the review found each accepted with the condition, the limit or the part's why recorded as the reason
    assert code in codes(read(text, campaign, language=language))


@pytest.mark.parametrize(
    ("text", "language"),
    [("Не поддерживаем 4.3, остальные рекомендации этой панели и прочих разделов поддерживаем.", "ru"),
     ("Поддерживаем все, кроме 3.5 — её мы бы не поддержали, так как это дублирование.", "ru"),
     ("Все рекомендации панели 3 поддерживаем. Исключение — 3.5, её не поддерживаем.", "ru")],
)  # fmt: skip
def test_the_rest_of_this_and_other_panels_an_exception_s_conditional_and_a_panel_s_exception_are_accepted(
    campaign: Campaign, text: str, language: str
) -> None:
    # the review found each sent to a person by this session's rules
    assert codes(read(text, campaign, language=language)) == set()


def test_a_partial_s_colon_before_the_rest_s_own_answer_opens_no_reason(campaign: Campaign) -> None:
    result = read("We partly agree with 3.4: the rest of panel 3 we reject.", campaign, language="en")
    assert (stances(result)["3.4"], stances(result)["3.5"], codes(result)) == (
        ("partial", None),
        ("disagree", None),
        set(),
    )


@pytest.mark.parametrize(
    ("text", "language", "code"),
    [("Не согласны с 3.5 и ещё с несколькими.", "ru", "vague_scope"),
     ("We disagree with 3.5 and with a few others.", "en", "vague_scope"),
     ("ne soglasny s 3.2 i eshe s neskolkimi", "ru", "vague_scope"),
     ("We agree mostly.", "en", "vague_scope"),
     ("Отвечаю за женское крыло нашей ассоциации: все рекомендации поддерживаем.", "ru", "partial_speaker"),
     ("Рекомендации панели 4 — не согласны только с созданием совещательного органа при мэрии, там уже есть совет.",
      "ru", "unclear_reference")],
)  # fmt: skip
def test_more_unnamed_a_wing_or_a_described_only_goes_to_a_person(
    campaign: Campaign, text: str, language: str, code: str
) -> None:
    # each was accepted: the "others" as the why, the wing as the body, the panel as what was objected to
    assert code in codes(read(text, campaign, language=language))


def test_topics_listed_after_one_frame_are_each_a_panel(campaign: Campaign) -> None:
    ru = read("Поддерживаем рекомендации по планированию развития регионов и по коалициям и сетям ОГО.", campaign)
    en = read(
        "We endorse the recommendations of the panels on regional planning, on coalitions and networks, and on the"
        " contribution of regional CSOs to local problems.",
        campaign,
        language="en",
    )
    assert (_stance_only(ru), codes(ru)) == ({i: "agree" for i in ("1.1", "1.2", "1.3", "1.4", "1.5", "2.1")}, set())
    assert set(_stance_only(en)) == {i for i in campaign.ids if not i.startswith("3.")} and codes(en) == set()


@pytest.mark.parametrize(
    ("text", "language", "wanted"),
    [("Согласны частично с 3.5. Остальные — полностью.", "ru", {"3.5": "partial", "3.6": "agree", "1.1": "agree"}),
     ("We welcome 3.2 and will work on it with our members.", "en", {"3.2": "agree"}),
     ("3.4 сунушун колдойбуз.\nКалыс, Нарын", "ky", {"3.4": "agree"}),
     ("We have read the recommendations. We support them.", "en", {"1.1": "agree", "4.5": "agree"}),
     ("Ознакомились с рекомендациями. Поддерживаем их, за одним исключением. С 4.3 не согласны.", "ru",
      {"4.3": "disagree", "4.2": "agree"})],
)  # fmt: skip
def test_fully_alone_we_welcome_an_id_a_signed_name_and_them_of_the_recommendations_are_read(
    campaign: Campaign, text: str, language: str, wanted: dict[str, str]
) -> None:
    assert _read_clean(text, wanted, campaign, language) == (wanted, set())


@pytest.mark.parametrize(
    ("text", "language", "wanted"),
    [("Agree on all points bar 4.2.\n\nWe don't support 4.2 because it puts the whole burden on CSOs.", "en",
      {"4.2": "disagree", "4.1": "agree"}),
     ("We only comment on panel 4.\n\nRec\tPosition\tComment\n4.1\tAgree\n4.2\tAgree\n4.3\tDisagree\tduplicates"
      " councils\n4.4\tAgree\n4.5\tAgree", "en", {"4.3": "disagree", "4.5": "agree"}),
     ("п.  | согласны/нет\n4.1 | +\n4.2 | +\n4.3 | –\n4.4 | +\n4.5 | +", "ru", {"4.3": "disagree", "4.4": "agree"}),
     ("По «Коалициям и сетям ОГО» — согласны.", "ru", {"2.1": "agree"}),
     ("3.5: partly agree, jobs will follow the roads, not the other way round.", "en", {"3.5": "partial"}),
     ("We agree with all the recommendations. We would especially like to take part in the conference under 4.5.",
      "en", {"4.5": "agree"}),
     ("Бардык сунуштарды колдойбуз. 4.5 боюнча өзгөчө ыраазыбыз.", "ky", {"4.5": "agree"}),
     ("Согласны.\nПо 3.4 — частично: нужны бесплатные курсы.", "ru", {"3.4": "partial", "1.1": "agree"}),
     ("Ассоциация (объединяет 84 субъекта малого бизнеса) поддерживает все рекомендации.", "ru", {"2.1": "agree"})],
)  # fmt: skip
def test_all_bar_a_table_heading_a_quoted_title_a_wish_to_take_part_and_a_partial_after_assent_are_read(
    campaign: Campaign, text: str, language: str, wanted: dict[str, str]
) -> None:
    # each went to a person: "bar" unread, the heading read as a stance or as IDs left without one, the quoted
    # title as a vague topic, "will follow" as a promise, the wish as IDs without a stance, the partial as a
    # stance with no scope, 84 as a panel
    assert _read_clean(text, wanted, campaign, language) == (wanted, set())


def test_most_typed_in_latin_letters_without_the_soft_sign_is_a_share(campaign: Campaign) -> None:
    assert "vague_scope" in codes(read("Ok, soglasny po bolshinstvu", campaign))


@pytest.mark.parametrize(
    ("text", "language", "code"),
    [("All but 4.2 - we disagree with 4.2 because it treats local CSOs as junior partners.", "en", "unread_words"),
     ("Со всеми, кроме 3.5 — против 3.5, нет кадров.", "ru", "unread_words"),
     ("Бардыгына эле макул боло албайбыз.", "ky", "ambiguous_negation")],
)  # fmt: skip
def test_an_all_whose_only_stance_is_its_exception_s_and_not_being_able_to_agree_with_all_go_to_a_person(
    campaign: Campaign, text: str, language: str, code: str
) -> None:
    # the first two had recorded all 19 as rejected, the third all 19
    assert code in codes(read(text, campaign, language=language))


@pytest.mark.parametrize(
    ("text", "language", "wanted"),
    [("4.2 — не поддерживаем.\nВсё остальное поддерживаем.\n\nКалысбек", "ru", {"4.2": "disagree", "4.1": "agree"}),
     ("Panel 4: 4.1 abstain, rest yes.", "en", {"4.1": "abstain", "4.2": "agree"}),
     ("Частично согласны:\n1.3 — обмен нужен, но сети должны сами определять повестку;\n3.8 — каналы нужны, но"
      " отвечать за них должно государство.", "ru", {"1.3": "partial", "3.8": "partial", "1.1": None})],
)  # fmt: skip
def test_a_name_like_kalys_a_bare_rest_of_a_panel_and_a_partial_heading_over_its_lines_are_read(
    campaign: Campaign, text: str, language: str, wanted: dict[str, str | None]
) -> None:
    assert _read_clean(text, wanted, campaign, language) == (wanted, set())


@pytest.mark.parametrize(
    ("text", "language", "code"),
    [("I was asked by our chair to let you know that the Network supported the recommendations.", "en", "indirect"),
     ("3.3,4 каршыбыз.", "ky", "ambiguous_number")],
)  # fmt: skip
def test_a_message_passed_on_and_an_id_with_a_digit_after_its_comma_go_to_a_person(
    campaign: Campaign, text: str, language: str, code: str
) -> None:
    assert code in codes(read(text, campaign, language=language))


@pytest.mark.parametrize(
    ("text", "wanted"),
    [("Поддерживаем 3.1,3.2 и 3.4.", {"3.1": "agree", "3.2": "agree", "3.4": "agree", "3.3": None}),
     ("Поддерживаем всё, кроме третьей панели, по которой воздерживаемся.", {"3.5": "abstain", "4.1": "agree"})],
)  # fmt: skip
def test_ids_typed_without_a_space_after_the_comma_and_an_ordinal_panel_s_own_clause_are_read(
    campaign: Campaign, text: str, wanted: dict[str, str | None]
) -> None:
    # 3.2 had been dropped silently (an ID after a comma was not read); the clause was taken for hearsay
    assert _read_clean(text, wanted, campaign) == (wanted, set())


# The review of this session's rules (a helper that had not written them): each was recorded wrong with no flag
@pytest.mark.parametrize(
    ("text", "language"),
    [("We support the panel on coalitions, and on digital we need more time.", "en"),
     ("Согласны с панелью о планировании, и о коалициях тоже подумаем.", "ru"),
     ("По 4 панели — не согласны только в части привлечения бизнеса в советы.", "ru"),
     ("Panel 4 - we disagree only regarding business on boards.", "en"),
     ("Согласны с тем, что диалог был полезным.\n3.5 — частично.", "ru"),
     ("3.5 — пока не готовы — полностью.", "ru"),
     ("We support about 60 percent of the recommendations.", "en"),
     ("Поддерживаем 25 из 30 рекомендаций.", "ru"),
     ("We support all recommendations. We would like to contribute further comments on 3.5 once our members have"
      " been consulted.", "en"),
     ("Бардык сунуштарды колдойбуз. 4.1 боюнча өзгөчө ыраазы эмеспиз.", "ky"),
     ("We support all recommendations except 3.5; our final position on 3.5 will follow from the board.", "en"),
     ("The recommendations mention women-led CSOs in the regions. We support them strongly.", "en"),
     ("We welcome recommendations on digital literacy, but 3.5 is beyond our reach.", "en"),
     ("We support 1.1; we have a grant on \"Digital regions\".", "en"),
     ("Бардыгын колдой албайбыз.", "ky"),
     ("Я отвечаю за молодёжное и женское крыло фонда. Все рекомендации поддерживаем.", "ru")],
)  # fmt: skip
def test_the_review_s_silent_misreads_of_this_session_s_rules_go_to_a_person(
    campaign: Campaign, text: str, language: str
) -> None:
    assert codes(read(text, campaign, language=language))


def test_an_abstention_with_kalys_after_an_id_is_kept_and_a_coordinator_named_kalys_is_no_abstention(
    campaign: Campaign,
) -> None:
    kept = read("Бардыгын колдойбуз, 3.5 боюнча калыспыз, рахмат", campaign, language="ky")
    named = read("1.1\tза\n1.2\tпротив\n\nКоординатор: Калыс Осмонов", campaign)
    assert (_stance_only(kept)["3.5"], codes(kept)) == ("abstain", set())
    assert (_stance_only(named), codes(named)) == ({"1.1": "agree", "1.2": "disagree"}, set())


# Read from blind batches 223-226: each was recorded with no flag, or one of them (the last two) a wrong number
# ("Мы против 3.5 и 4,3" was read as 4.3 after batch 20; writers of three later batches asked: 4.3, or 4 and 3?)
@pytest.mark.parametrize(
    ("text", "language"),
    [("Мы против 2.1 и 3,4.", "ru"),
     ("3.1 жана 3,6 менен макул эмеспиз", "ky"),
     ("Одобряем 1.2 и 1.2.3.", "ru"),
     ("Speaking for the youth wing of our network only: we support all of panel 1.", "en"),
     ("Коллеги, окончательный ответ пришлём после собрания. Пока по 4.4 — против.", "ru")],
)  # fmt: skip
def test_a_switch_to_a_decimal_comma_a_sub_item_a_wing_s_answer_and_a_promised_answer_go_to_a_person(
    campaign: Campaign, text: str, language: str
) -> None:
    assert codes(read(text, campaign, language=language))


@pytest.mark.parametrize(
    ("text", "wanted"),
    [("Поддерживаем 1.1, 1.2, 1,3 и 1.4.", {"1.3": "agree", "1.4": "agree"}),
     ("Принимаем 3.2. 4.1–4.5 без замечаний.", {"3.2": "agree", "4.4": "agree"}),
     ("Против 2.1. Остальные без замечаний.", {"2.1": "disagree", "1.1": "agree"}),
     ("We back every recommendation. Recommendations 2.1 and 4.4 in particular match what our members asked for.",
      {"2.1": "agree", "4.4": "agree"}),
     ("Agree with everything except 4.2, on which we abstain since we have not discussed it with the board.",
      {"4.2": "abstain", "4.1": "agree"}),
     ("Мы долго спорили о пункте 3.6. Специалистов по кибербезопасности в сёлах нет. Поэтому 3.6 не поддерживаем."
      "\n\nОстальное поддерживаем.", {"3.6": "disagree", "3.5": "agree"}),
     ("Воздерживаемся по 3.4, так как не понимаем, о каких «кампаниях по цифровой грамотности» речь. Остальные —"
      " поддерживаем.", {"3.4": "abstain", "3.3": "agree"}),
     ("Поддерживаем все рекомендации, готовы провести обучение в наших 25 филиалах.", {"1.1": "agree"}),
     ("Our answer:\n- Planning of regional development together with citizens: agree.\n- Coalitions and networks of"
      " civil society: agree.\n- Data and digital services: agree, except 3.6, which we oppose.\n- Contribution of"
      " regional CSOs to local problems: agree.", {"1.2": "agree", "2.1": "agree", "3.6": "disagree", "4.5": "agree"})],
)  # fmt: skip
def test_a_comma_inside_a_dotted_run_no_remarks_a_stress_by_name_a_why_of_silence_and_titled_lines_are_read(
    campaign: Campaign, text: str, wanted: dict[str, str]
) -> None:
    assert _read_clean(text, wanted, campaign, "en" if text.isascii() else "ru") == (wanted, set())


@pytest.mark.parametrize(
    ("text", "language", "rec_id", "wanted"),
    [("Рекомендацию 4.4 не поддерживаем, остальные — да. Опытные ОГО не должны поучать местные группы.", "ru", "4.4",
      ("disagree", "Опытные ОГО не должны поучать местные группы")),
     ("Agree: panels 1 and 2.\nDisagree with 3.6.\nWhy 3.6: none of our members works on cybersecurity.", "en", "3.6",
      ("disagree", "none of our members works on cybersecurity")),
     ("Поддерживаем 1.1–1.5. Считаем особенно своевременной рекомендацию 1.4, поскольку жители сёл лучше знают свои"
      " нужды.", "ru", "1.4", ("agree", "жители сёл лучше знают свои нужды")),
     ("Поскольку мы работаем в сёлах, и цифровые сервисы там недоступны, по панели 3 воздерживаемся. Остальные"
      " поддерживаем.", "ru", "3.8", ("abstain", "мы работаем в сёлах, и цифровые сервисы там недоступны")),
     ("По 2.1 против, остальное поддерживаем. Извините, что коротко, пишу с телефона.", "ru", "2.1",
      ("disagree", None))],
)  # fmt: skip
def test_a_why_after_the_rest_a_why_line_a_timely_stress_and_a_why_of_two_clauses_are_found(
    campaign: Campaign, text: str, language: str, rec_id: str, wanted: tuple[str, str | None]
) -> None:
    result = read(text, campaign, language=language)
    assert (stances(result)[rec_id], codes(result)) == (wanted, set())


# Read from blind batches 229/230: the first two were recorded with no flag (a panel's "some of it" as all of it;
# "четвертую целиком" as the exception's why, panel 4 left out)
@pytest.mark.parametrize(
    ("text", "language"),
    [("Panel 1 – agree; panel 3 – partly agree, as some of it duplicates what the state already does.", "en"),
     ("Первую панель поддерживаем, третью — кроме 3.5, которую не поддерживаем, вторую полностью.", "ru")],
)  # fmt: skip
def test_a_partial_on_some_of_a_panel_and_an_ordinal_panel_with_a_degree_only_go_to_a_person(
    campaign: Campaign, text: str, language: str
) -> None:
    assert codes(read(text, campaign, language=language))


@pytest.mark.parametrize(
    ("text", "language", "wanted"),
    [("Согласны с 3.1 и 3.4.\n\nОФ «Равные возможности для всех»", "ru", {"3.1": "agree", "3.4": "agree"}),
     ("3.2 — да\n4.1 — нет\n\nАйгуль, ОО «Образование для всех»", "ru", {"3.2": "agree", "4.1": "disagree"}),
     ('Our answers:\n\nOn "Planning regional development with citizens and CSOs" — agree.\nOn coalitions and networks'
      " of CSOs — we abstain.\nOn data and digital services — agree.\n", "en",
      {"1.3": "agree", "2.1": "abstain", "3.3": "agree"})],
)  # fmt: skip
def test_an_organisation_named_for_all_and_titles_before_a_dash_are_read(
    campaign: Campaign, text: str, language: str, wanted: dict[str, str]
) -> None:
    assert _read_clean(text, wanted, campaign, language) == (wanted, set())


# The review of this session's rules (a helper that had not written them): each was recorded wrong with no flag
@pytest.mark.parametrize(
    ("text", "language"),
    [("Our views:\n- Digital literacy campaigns for villages: agree.\n- Joint monitoring of local problems: disagree.",
      "en"),
     ("Рекомендации панели 4. Первую полностью поддерживаем, остальные нет.", "ru"),
     ("Протокол встречи — без замечаний.", "ru"),
     ("We endorse all of the recommendations. Recommendations 3.4 and 4.1 in particular worry us.", "en"),
     ("Бардык сунуштарды колдойбуз. 3.6 жана 4.2 өзгөчө биз үчүн кыйын.", "ky"),
     ("Поддерживаем все рекомендации. Рекомендация 2.1 особенно важна, но сложна в реализации.", "ru"),
     ("Мы прочитали рекомендацию 3.3. Спасибо за приглашение на диалог. Поддерживаем.", "ru"),
     ("Это ответ 3 филиалов нашей ассоциации. Поддерживаем все рекомендации.", "ru"),
     ("Support all.\n\nRegards,\nTalas Farmers Union, except panel 3", "en"),
     ("Поддерживаем панели 1 и 2. По третьей панели воздерживаемся, а четвертую ещё не обсуждали.", "ru"),
     ("Рекомендация 3.5 вызвала споры. Часть правления за, часть против. Остальные поддерживаем.", "ru")],
)  # fmt: skip
def test_the_review_s_silent_misreads_of_the_seventeenth_session_s_rules_go_to_a_person(
    campaign: Campaign, text: str, language: str
) -> None:
    assert codes(read(text, campaign, language=language))


@pytest.mark.parametrize(
    ("text", "language", "wanted"),
    [("Мнение фонда «Вода для всех»: поддерживаем 4.5.", "ru", {"4.5": ("agree", None), "4.4": None}),
     ("Рекомендацию 2.1 не поддерживаем, остальные — да. Они отвечают нашей стратегии.", "ru",
      {"2.1": ("disagree", None)}),
     ("Против 4.3. Извините, но это не наша задача — создавать советы.", "ru",
      {"4.3": ("disagree", "Извините, но это не наша задача — создавать советы")}),
     ("We support panel 2. The other ones too.", "en", {"2.1": ("agree", None), "4.4": ("agree", None)})],
)  # fmt: skip
def test_an_organisation_named_for_all_praise_after_the_rest_and_a_polite_why_are_read_as_written(
    campaign: Campaign, text: str, language: str, wanted: dict[str, tuple[str, str | None] | None]
) -> None:
    result = read(text, campaign, language=language)
    assert ({k: stances(result).get(k) for k in wanted}, codes(result)) == (wanted, set())


# Read from blind batches 233/234: the first three were recorded wrong with no flag
@pytest.mark.parametrize(
    ("text", "language", "wanted"),
    [("По панели «Вклад региональных ОГО в решение местных проблем» — против 4.1. Остальное в этой панели принимаем.",
      "ru", {"4.1": "disagree", "4.2": "agree", "1.1": None}),
     ("Panel 3: we oppose 3.3. We agree with the rest of that panel.", "en",
      {"3.3": "disagree", "3.4": "agree", "2.1": None}),
     ("Всё поддерживаем, кроме рекомендации 4,2 – её не поддерживаем, нам это не по силам.", "ru",
      {"4.2": "disagree", "4.1": "agree"})],
)  # fmt: skip
def test_the_rest_of_this_panel_and_a_decimal_comma_after_krome_rekomendatsii_are_read(
    campaign: Campaign, text: str, language: str, wanted: dict[str, str | None]
) -> None:
    assert _read_clean(text, wanted, campaign, language)[0] == wanted


def test_a_chair_said_to_support_all_in_kyrgyz_is_passed_on(campaign: Campaign) -> None:
    said = read("Биздин директор бардык сунуштарды колдой турганын айтты.", campaign, language="ky")
    assert "indirect" in codes(said)


# The second review of this session's rules: each was recorded wrong with no flag
@pytest.mark.parametrize(
    ("text", "language", "wanted"),
    [("Рек. 1,1 – да. Рек. 1,2 – да. Рек. 3,5 – нет, нужно минимум 1,5 месяца, а у нас 2,1 сотрудника.", "ru",
      {"1.5": None, "2.1": None}),
     ("We object to 3.5. The rest of this panel, and the whole letter otherwise, we support.", "en",
      {"3.5": ("disagree", None), "1.1": ("agree", None)}),
     ("Рекомендацию 3.7 не поддерживаем, остальные — да. Просвещение населения — задача государства.", "ru",
      {"3.7": ("disagree", "Просвещение населения — задача государства")})],
)  # fmt: skip
def test_numbers_in_a_why_all_else_after_this_panel_and_a_why_of_whose_task_are_read_as_written(
    campaign: Campaign, text: str, language: str, wanted: dict[str, tuple[str, str | None] | None]
) -> None:
    result = read(text, campaign, language=language)
    assert {k: stances(result).get(k) for k in wanted} == wanted


@pytest.mark.parametrize(
    ("text", "language", "wanted"),
    [("Панель | Рекомендации | Позиция\n1 | 1.1-1.5 | поддерживаем\n2 | 2.1 | поддерживаем\n4 | 4.1-4.5 | против",
      "ru", {"1.3": "agree", "2.1": "agree", "4.2": "disagree"}),
     ("We read all nineteen and there is nothing we object to.", "en", {"3.5": "agree"})],
)  # fmt: skip
def test_a_table_s_panel_column_and_nothing_objected_to_are_read(
    campaign: Campaign, text: str, language: str, wanted: dict[str, str]
) -> None:
    assert _read_clean(text, wanted, campaign, language) == (wanted, set())


# Read from blind batches 239/240: the first two were accepted with no flag
@pytest.mark.parametrize(
    ("text", "language"),
    [("Мы как ассоциация фермеров согласны со всеми рекомендациями, которые касаются сельского хозяйства.", "ru"),
     ("Согласны со всеми, кроме 3.6. При этом по 1.2 хотим подчеркнуть, что партнёрство должно быть добровольным.",
      "ru")],
)  # fmt: skip
def test_all_of_those_that_concern_something_and_a_condition_noted_on_an_id_go_to_a_person(
    campaign: Campaign, text: str, language: str
) -> None:
    assert codes(read(text, campaign, language=language))


@pytest.mark.parametrize(
    ("text", "wanted"),
    [("Most villages have no internet yet. So we only partly support 3.4.",
      {"3.4": ("partial", "Most villages have no internet yet")}),
     ("Local councils rarely meet. That's why we cannot support 4.5.",
      {"4.5": ("disagree", "Local councils rarely meet")}),
     ("Мы против 3.5 и против 4.3. Это задача государства, а не ОГО.",
      {"3.5": ("disagree", "Это задача государства, а не ОГО"),
       "4.3": ("disagree", "Это задача государства, а не ОГО")})],
)  # fmt: skip
def test_a_why_before_so_or_that_s_why_and_a_why_of_two_rejections_in_one_sentence_are_found(
    campaign: Campaign, text: str, wanted: dict[str, tuple[str, str | None]]
) -> None:
    result = read(text, campaign, language="en" if text.isascii() else "ru")
    assert ({k: stances(result).get(k) for k in wanted}, codes(result)) == (wanted, set())


# Read from blind batches 243/244: the first two were accepted with no flag
@pytest.mark.parametrize(
    ("text", "language"),
    [("Члены союза из Нарынской области на собрании поддержали все рекомендации.", "ru"),
     ("Против 4.4, остальные поддержали. Окончательную позицию совет пока не утверждал.", "ru"),
     ("баарына макулбуз 4.2ге чейин", "ky")],
)  # fmt: skip
def test_one_region_s_members_a_final_answer_not_yet_taken_and_all_up_to_an_id_go_to_a_person(
    campaign: Campaign, text: str, language: str
) -> None:
    assert codes(read(text, campaign, language=language))


@pytest.mark.parametrize(
    ("text", "language", "wanted"),
    [("1 панель макул\n2 макул\n3 панель 3.2 ден башкасы макул, 3.2 жок\n4 макул", "ky",
      {"1.2": "agree", "2.1": "agree", "3.1": "agree", "3.2": "disagree", "3.8": "agree", "4.4": "agree"}),
     ("4.4 кө каршыбыз, калганы баары жакшы.", "ky", {"4.4": "disagree", "1.1": "agree", "4.5": "agree"}),
     ("Почти всё поддерживаем, особенно вторую панель.\nДве рекомендации не поддерживаем:\n3.2 – нет.\n"
      "4.4 – нет.\nОстальное принимаем.", "ru", {"2.1": "agree", "3.2": "disagree", "4.4": "disagree", "4.5": "agree"}),
     ("Принимаем. Хотели бы поучаствовать в реализации 1.4, если получится.", "ru", {"1.4": "agree", "3.3": "agree"}),
     ("We partly agree with 2.1, because it is one-sided. We would suggest making it mutual.", "en",
      {"2.1": "partial"}),
     ("Не согласны с 4.2, так как советы уже есть. Предлагаем вместо этого укрепить существующие советы.", "ru",
      {"4.2": "disagree"})],
)  # fmt: skip
def test_bare_panel_numbers_the_rest_all_fine_most_with_its_exceptions_an_offer_and_a_proposal_are_read(
    campaign: Campaign, text: str, language: str, wanted: dict[str, str]
) -> None:
    assert _read_clean(text, wanted, campaign, language) == (wanted, set())


def test_a_proposal_that_names_an_id_after_agreeing_with_all_still_asks_for_its_stance(campaign: Campaign) -> None:
    assert "no_stance_for_id" in codes(
        read("We agree with all of them. We would suggest removing 4.3.", campaign, language="en")
    )


# Read from blind batches 245/246: the first was accepted with no flag
def test_agreement_subject_to_a_position_sent_elsewhere_goes_to_a_person(campaign: Campaign) -> None:
    text = "Одобряем рекомендации с учётом нашего письменного мнения, отправленного в министерство в мае."
    assert "outside_reference" in codes(read(text, campaign))


@pytest.mark.parametrize(
    ("text", "language", "wanted"),
    [("We support all of them bar 2.1, on which we abstain.", "en", {"2.1": "abstain", "1.1": "agree"}),
     ("Supported on all points, incl. 3.6 which is overdue.", "en", {"3.6": "agree", "4.4": "agree"}),
     ("По итогам заседания совета: поддерживаем все, кроме 1.2 — по ней воздерживаемся.", "ru",
      {"1.2": "abstain", "4.1": "agree"}),
     ("Все рекомендации принимаем. Союз готов принять участие в их реализации, в частности обучать членов сетей.",
      "ru", {"2.1": "agree"}),
     ("We abstain across the board.", "en", {"1.1": "abstain", "4.5": "abstain"}),
     ("| Rec. | Position | Comment |\n| 1.1–4.5 | Agree | our members in Osh and Batken cannot wait |", "en",
      {"1.1": "agree", "4.5": "agree"})],
)  # fmt: skip
def test_all_bar_one_incl_an_outcome_after_a_colon_an_offer_across_the_board_and_members_in_a_reason_are_read(
    campaign: Campaign, text: str, language: str, wanted: dict[str, str]
) -> None:
    assert _read_clean(text, wanted, campaign, language) == (wanted, set())


# Read from blind batches 247/248: all three were accepted with no flag
@pytest.mark.parametrize(
    ("text", "language"),
    [("Я как член союза лично поддерживаю все рекомендации, официальный ответ даст правление.", "ru"),
     ("As per our feedback submitted through the online survey, we support the recommendations.", "en"),
     ("As a member of the Rural Women's Network we support the network's common position.", "en")],
)  # fmt: skip
def test_a_member_for_herself_comments_sent_elsewhere_and_a_coalition_s_position_go_to_a_person(
    campaign: Campaign, text: str, language: str
) -> None:
    assert codes(read(text, campaign, language=language))


@pytest.mark.parametrize(
    ("text", "language"),
    [("Поддерживаем, но 4.2 — нет, у нас нет ресурсов.", "ru"),
     ("We agree, but 4.2 - no way, we have no staff for it.", "en"),
     ("Сунуштарга макулбуз, бирок 4.2 боюнча — жок, анткени бизде ресурс жок.", "ky")],
)  # fmt: skip
def test_a_bare_assent_but_one_id_answered_no_is_all_but_that_one(campaign: Campaign, text: str, language: str) -> None:
    result = read(text, campaign, language=language)
    assert (_stance_only(result), codes(result)) == (
        {**{k: "agree" for k in campaign.ids}, "4.2": "disagree"},
        set(),
    )


# Read from blind batches 249/250 (the wing was accepted with no flag, the quoted panel title read as all 19) and
# from a review of this session's rules (each of these was read wrong, or accepted, by a rule added before it)
@pytest.mark.parametrize(
    ("text", "language"),
    [("The Osh youth wing of our association supports all of panel 2.", "en"),
     ("1 панель — да\n2 панель — да\n3 панель — да\n4 панель — да\n3 организации сети против 4.2.", "ru"),
     ("Поддерживаем почти все рекомендации второй панели. 3.3 не поддерживаем. Остальное принимаем.", "ru"),
     ("We support almost all of panel 4. We oppose 1.2. We support the rest.", "en"),
     ("Все рекомендации поддерживаем. Предлагаем вместо этого исключить рекомендацию о советах.", "ru"),
     ("We agree with everything. We would suggest the board revisit this after our congress.", "en"),
     ("Окончательная позиция — по итогам заседания совета: пока поддерживаем все.", "ru"),
     ("Поддерживаем все рекомендации. Итоговое решение пока не принято.", "ru"),
     ("Поддерживаем все рекомендации. Совет пока не утвердил окончательную позицию по 4.2.", "ru"),
     ("Члены нашего союза в Нарынской области проголосовали против 3.3. Остальные поддерживаем.", "ru"),
     ("Our members in Batken voted against 4.4. We support the rest.", "en"),
     ("Поддерживаем рекомендации согласно нашей позиции, направленной в министерство ранее.", "ru"),
     ("Поддерживаем все. Хотим поучаствовать в 4.4 только если её доработают.", "ru")],
)  # fmt: skip
def test_a_wing_counts_most_of_a_panel_proposals_to_drop_and_answers_still_to_come_go_to_a_person(
    campaign: Campaign, text: str, language: str
) -> None:
    assert codes(read(text, campaign, language=language))


@pytest.mark.parametrize(
    ("text", "language", "wanted"),
    [('On "Contribution of regional CSOs to solving local problems" we agree with everything except 4.2; 4.2 is '
      "a no.", "en", {"4.1": "agree", "4.2": "disagree", "1.1": None}),
     ('We support 3.4 (on "digital literacy campaigns").', "en", {"3.4": "agree", "3.1": None}),
     ("По второй панели возражений нет. По остальным панелям тоже.", "ru", {"2.1": "agree", "1.1": "agree",
                                                                          "4.5": "agree"}),
     ("Вторую панель не рассматривали, воздерживаемся.", "ru", {"2.1": "abstain"}),
     ("Биз бардык сунуштарды колдойбуз. 2.1-сунушту өзгөчө белгилейбиз, анткени тармактар бизге керек.", "ky",
      {"2.1": "agree", "1.1": "agree"}),
     ("Costs are rising across the board; we cannot support 3.3.", "en", {"3.3": "disagree", "3.4": None}),
     ("1.2 жакшы эмес, калганы жакшы.", "ky", {"1.2": "disagree", "1.1": "agree"}),
     ("1.1 сунуштан 2.1 сунушка чейин макулбуз, калгандарына каршыбыз.", "ky",
      {"1.3": "agree", "2.1": "agree", "3.1": "disagree"})],
)  # fmt: skip
def test_a_quoted_panel_title_the_other_panels_too_not_discussed_so_abstaining_and_kyrgyz_ranges_are_read(
    campaign: Campaign, text: str, language: str, wanted: dict[str, str | None]
) -> None:
    assert _read_clean(text, wanted, campaign, language) == (wanted, set())


# Read from blind batches 251/252: the first four were accepted with no flag
@pytest.mark.parametrize(
    ("text", "language"),
    [("В целом одобряем, с учётом того, что 1.4 должна выполняться на кыргызском языке.", "ru"),
     ("We endorse the business-related recommendations.", "en"),
     ("Биздин Кара-Балта бөлүмү 4-панелдин сунуштарын колдойт.", "ky"),
     ("We accept everything except 1.2, where we need a budget first before we can decide.", "en")],
)  # fmt: skip
def test_a_reservation_on_how_those_on_a_topic_a_branch_and_a_decision_still_to_come_go_to_a_person(
    campaign: Campaign, text: str, language: str
) -> None:
    assert codes(read(text, campaign, language=language))


@pytest.mark.parametrize(
    ("text", "wanted"),
    [("2.1 — против, это не наш профиль.\nОстальные рекомендации поддерживаем без комментариев.",
      {"2.1": "disagree", "1.1": "agree", "4.5": "agree"}),
     ("Сообщаем, что все рекомендации приняты советом фонда (протокол № 7 от 02.04.2023). Замечаний нет.",
      {"1.1": "agree"})],
)  # fmt: skip
def test_accepted_without_comment_and_a_protocol_number_are_read(
    campaign: Campaign, text: str, wanted: dict[str, str]
) -> None:
    assert _read_clean(text, wanted, campaign) == (wanted, set())


# Read from blind batches 253/254: the first was accepted as agreeing with all, the second had 4.1 and 4.3 agreed
def test_a_though_after_agreeing_with_everything_goes_to_a_person(campaign: Campaign) -> None:
    assert codes(read("Fine with all of it. Though 2.1 not so much. So yes, fine.", campaign, language="en"))


def test_ids_right_after_a_panel_s_stance_are_its_own_and_those_before_the_next_stance_the_next_s(
    campaign: Campaign,
) -> None:
    result = read("С 1 по 3 панель согласны, 4 панель — против 4.2 и 4.5, 4.1 4.3 4.4 да", campaign)
    assert (_stance_only(result), codes(result)) == (
        {**{k: "agree" for k in campaign.ids}, "4.2": "disagree", "4.5": "disagree"},
        set(),
    )


# Read from blind batches 255/256: the first had panel 3's exceptions agreed and the rest unread; the second was
# accepted as agreeing with two panels
def test_two_ids_joined_by_menen_before_bashkasyna_are_both_excepted(campaign: Campaign) -> None:
    text = "1-панель: макул\n2-панель: макул\n3-панель: 3.2 менен 3.7ден башкасына макул, ал экөө боюнча пикирибиз жок"
    wanted = {"1.1": "agree", "3.1": "agree", "3.2": "abstain", "3.7": "abstain", "3.8": "agree", "4.1": None}
    assert _read_clean(text, wanted, campaign, "ky") == (wanted, set())


def test_agreeing_only_with_panels_named_by_ordinal_goes_to_a_person(campaign: Campaign) -> None:
    assert codes(read("Согласны только со второй и третьей панелью.", campaign))


# Read from blind batches 257/258: the first two were accepted with no flag, the third had 4.3 agreed
@pytest.mark.parametrize(
    ("text", "language"),
    [("Как нам сказал наш председатель, поддерживаем все, кроме 2.1. Он вернётся из отпуска и подтвердит.", "ru"),
     ("We will be happy to support the recommendations once the Committee confirms there are no costs for us.", "en")],
)  # fmt: skip
def test_an_answer_passed_on_to_be_confirmed_and_support_once_something_is_confirmed_go_to_a_person(
    campaign: Campaign, text: str, language: str
) -> None:
    assert codes(read(text, campaign, language=language))


@pytest.mark.parametrize(
    ("text", "language", "wanted"),
    [("The Board resolved:\n(a) to endorse recommendations 1.1-1.5;\n(b) not to endorse recommendation 2.1.", "en",
      {"1.3": "agree", "2.1": "disagree", "3.1": None}),
     ("We see no reason not to support them, with one exception: 4.4, which we oppose.", "en",
      {"1.1": "agree", "4.4": "disagree"}),
     ("Regarding panel 2 we fully support its recommendation. The other panels as well.", "en",
      {"2.1": "agree", "1.1": "agree", "4.5": "agree"}),
     ("Бардык сунуштарды колдойбуз. Уюштуруу комитетине чоң ыраазычылык билдиребиз!", "ky", {"1.1": "agree"}),
     ("1.1–1.5, 2.1, 3.1–3.7, 4.1–4.5 макулбуз. 3.8ди өзгөчө колдойбуз, анткени карылар онлайн кызматты колдоно "
      "алышпайт.", "ky", {"3.8": "agree", "4.5": "agree"})],
)  # fmt: skip
def test_a_resolution_s_not_to_no_reason_not_to_the_other_panels_thanks_and_an_emphatic_yes_are_read(
    campaign: Campaign, text: str, language: str, wanted: dict[str, str | None]
) -> None:
    assert _read_clean(text, wanted, campaign, language) == (wanted, set())


# Read from blind batches 259/260: all three were accepted with no flag (the last with 4.2 agreed)
@pytest.mark.parametrize(
    ("text", "language"),
    [("We support the recommendations in the text amended during the consultation on 20 March.", "en"),
     ("Биз, Аксы районундагы мүчө уюмдар, бардык сунуштарды колдойбуз.", "ky"),
     ("саглсны са всми кроми 4.2 ни нада", "ru")],
)  # fmt: skip
def test_an_amended_text_one_district_s_members_and_a_misspelt_exception_go_to_a_person(
    campaign: Campaign, text: str, language: str
) -> None:
    assert codes(read(text, campaign, language=language))


# From a second review of this session's rules (each was read wrong, with no flag, by a rule added before it)
@pytest.mark.parametrize(
    ("text", "language"),
    [("Поддерживаем, но 2.1 — против формулировки, по сути за.", "ru"),
     ("Agree, but 2.1 — disagree with the wording, not the idea.", "en"),
     ("Согласны, но 4.4 — не можем поддержать без финансирования.", "ru"),
     ("Поддерживаем 1, 2 и 4 панели. Третью панель не обсуждали; воздерживаемся по 4.2.", "ru")],
)  # fmt: skip
def test_an_objection_to_part_after_but_and_an_abstention_on_something_else_go_to_a_person(
    campaign: Campaign, text: str, language: str
) -> None:
    assert codes(read(text, campaign, language=language))


@pytest.mark.parametrize(
    ("text", "wanted"),
    [("Бардык сунуштарга макулбуз. 3.3 боюнча: айылдарда байланыш жакшы эмес.", {"3.3": "agree"}),
     ("3.2 сунуштан 3.6 сунуш айырмаланбайт, экөөнө тең макулбуз.", {"3.2": "agree", "3.4": None})],
)  # fmt: skip
def test_a_state_of_things_not_good_and_a_comparison_from_one_id_are_no_rejection_and_no_range(
    campaign: Campaign, text: str, wanted: dict[str, str | None]
) -> None:
    assert _read_clean(text, wanted, campaign, "ky")[0] == wanted


# A bare assent right under a panel heading answers the heading (it had been all 19, with no flag)
@pytest.mark.parametrize(
    ("text", "wanted"),
    [("Панель 2:\nСогласны.", {"2.1": "agree", "1.1": None, "4.1": None}),
     ("Ответ по четвёртой панели. Поддерживаем, но 4.2 — нет.", {"4.1": "agree", "4.2": "disagree", "3.1": None})],
)  # fmt: skip
def test_a_bare_assent_under_a_panel_heading_answers_that_panel(
    campaign: Campaign, text: str, wanted: dict[str, str | None]
) -> None:
    assert _read_clean(text, wanted, campaign) == (wanted, set())


# "No grounds to object" is a yes, wherever the IDs stand (it had been 19 or 4.2 rejected, unflagged); no grounds to
# support is no yes
@pytest.mark.parametrize(
    ("text", "wanted"),
    [("Союз не видит никаких оснований возражать против рекомендаций 2.1 и 3.3.", {"2.1": "agree", "3.3": "agree"}),
     ("Оснований для возражений против 4.2 мы не видим.", {"4.2": "agree", "4.1": None}),
     ("Our members see no grounds to object to 1.4.", {"1.4": "agree", "1.1": None})],
)  # fmt: skip
def test_no_grounds_to_object_is_agreement(campaign: Campaign, text: str, wanted: dict[str, str | None]) -> None:
    assert _read_clean(text, wanted, campaign, "en" if text.isascii() else "ru") == (wanted, set())


def test_no_grounds_to_support_is_no_agreement(campaign: Campaign) -> None:
    result = read("Пока не видим оснований поддержать 4.1.", campaign)
    assert "4.1" not in stances(result) and codes(result)


@pytest.mark.parametrize(
    ("text", "wanted", "language"),
    [("Поддерживаем 1.4, потому что без этого наши заявки в акимиате никто не принимает всерьёз.", {"1.4": "agree"},
      "ru"),
     ("Count us among those supporting every recommendation.", {"1.1": "agree", "4.5": "agree"}, "en"),
     ("Просим записать нас в числе поддержавших все рекомендации.", {"2.1": "agree", "3.8": "agree"}, "ru"),
     ("We agree with 4.1, 4.2 and 4.4. We abstain on 4.3 and 4.5 since we have not discussed them yet.",
      {"4.3": "abstain", "4.5": "abstain"}, "en"),
     ("По второй и третьей панели — да, всё поддерживаем.", {"2.1": "agree", "3.8": "agree", "1.1": None, "4.1": None},
      "ru"),
     ("Мы за. Единственное — 4.3 не поддерживаем.", {"4.2": "agree", "4.3": "disagree"}, "ru"),
     ("Against 2.1 – we are not part of any coalition. Everything else is fine.", {"2.1": "disagree", "1.1": "agree"},
      "en"),
     ("Против четвёртого пункта (1.4): это дублирует работу сетей. Остальные поддерживаем.",
      {"1.4": "disagree", "1.3": "agree"}, "ru"),
     ("Our comments on panel 1 are below.\n1.2 Agree\n1.4 Disagree", {"1.2": "agree", "1.4": "disagree", "1.1": None},
      "en"),
     ("Ответ только по четвёртой панели, это наш профиль:\n4.1 — да\n4.2 — да",
      {"4.1": "agree", "4.2": "agree", "4.3": None}, "ru")],
)  # fmt: skip
def test_words_that_read_as_a_stance_or_a_scope_in_context(
    campaign: Campaign, text: str, wanted: dict[str, str | None], language: str
) -> None:
    assert _read_clean(text, wanted, campaign, language) == (wanted, set())


# "Согласны со всеми. … нереалистична и её надо исключить", "… нереальной без финансирования": an objection the
# reading has no stance for, or one with a condition: a person reads it
@pytest.mark.parametrize(
    "text",
    ["Согласны со всеми рекомендациями. По пункту 4.3 считаем, что она нереалистична и её следует исключить.",
     "Со всеми согласны, при этом 3.2 считаем нереальной без финансирования."],
)  # fmt: skip
def test_an_objection_beside_agreement_with_all_goes_to_a_person(campaign: Campaign, text: str) -> None:
    assert codes(read(text, campaign))


def test_an_inline_answer_left_in_the_text_is_counted_once_by_the_cross_check(campaign: Campaign) -> None:
    answers = ("Не согласны. Нет ресурсов.", "Против.")
    text = "Ответы внутри письма. Остальные рекомендации поддерживаем.\n\n" + "\n\n".join(answers)
    quoted = [campaign.get(i).text for i in ("3.5", "4.3")]  # type: ignore[union-attr]
    pairs = tuple(InlinePair(q, a) for q, a in zip(quoted, answers, strict=True))
    result = read(text, campaign, pairs=pairs)
    assert _stance_only(result) == {i: "agree" for i in campaign.ids} | {"3.5": "disagree", "4.3": "disagree"}
    assert not codes(result)


@pytest.mark.parametrize(
    ("text", "wanted", "language"),
    [("Ответ по 4.2 ниже, по остальным согласны.\n\n4.2 — воздерживаемся, это не наша сфера.",
      {"4.2": "abstain", "4.1": "agree", "1.1": "agree"}, "ru"),
     ("👍 Большое спасибо!", {"1.1": "agree", "4.5": "agree"}, "ru"),
     ("Раздел | Мнение\n1 | за\n2 | за\n3 | против — это работа государства, а не НКО\n4 | за",
      {"1.1": "agree", "3.4": "disagree", "4.2": "agree"}, "ru"),
     ("1.1 +, 1.2 +, 1.3 –, 1.4 +, 1.5 +\n\n(+ поддерживаем, – не поддерживаем)", {"1.2": "agree", "1.3": "disagree"},
      "ru"),
     ("We back everything except 2.1 and 4.4. We disagree with those two because they duplicate existing bodies.",
      {"2.1": "disagree", "4.4": "disagree", "1.1": "agree"}, "en"),
     ("Support 1.1-1.5. Oppose 4.1. Agree rest.", {"1.3": "agree", "4.1": "disagree", "3.2": "agree"}, "en"),
     ("По итогам обсуждения на заседании правления Общественного объединения «Таласские инициативы» сообщаем: "
      "поддерживаем все рекомендации.", {"1.1": "agree", "4.5": "agree"}, "ru"),
     ("Наш ответ: по всем пунктам, кроме 3.7, — «да». 3.7 — «нет»: просвещением должно заниматься государство.",
      {"3.6": "agree", "3.7": "disagree"}, "ru"),
     ("Рек. | Позиция | Комментарий\n1.1 | да |\n1.2 | частично | не все сельские ОГО смогут выделить людей",
      {"1.1": "agree", "1.2": "partial"}, "ru"),
     ("Panel 4: 4.1–4.5 agreed, but 4.2 only partly, as boards are elected by members.",
      {"4.1": "agree", "4.2": "partial", "4.5": "agree"}, "en")],
)  # fmt: skip
def test_pointers_legends_tables_and_quoted_votes_read_as_written(
    campaign: Campaign, text: str, wanted: dict[str, str | None], language: str
) -> None:
    assert _read_clean(text, wanted, campaign, language) == (wanted, set())


# "и т.д." after a list of IDs, a vote in quotes that was not given, a rejection after "but" inside an agreed
# span: a person reads them
@pytest.mark.parametrize(
    "text",
    ["Поддерживаем 1.2, 1.4, 2.1 и т.д.",
     "По 4.4 сначала думали ответить «против», но потом решили поддержать, если будет финансирование.",
     "Согласны с рекомендациями 1.1–1.5, 2.1, 3.1–3.8, 4.1–4.5, но против 1.3."],
)  # fmt: skip
def test_a_list_that_goes_on_or_a_span_rejected_in_part_goes_to_a_person(campaign: Campaign, text: str) -> None:
    assert codes(read(text, campaign))


@pytest.mark.parametrize(
    ("text", "wanted", "language"),
    [("Согласны с 1-й и 3-й панелями. Со 2-й и 4-й — нет.", {"1.2": "agree", "3.3": "agree", "2.1": "disagree",
                                                           "4.4": "disagree"}, "ru"),
     ("3.6 — против. Мониторинг цифровых рисков не входит в компетенцию гражданского общества.\nПрочие — за.",
      {"3.6": "disagree", "3.5": "agree"}, "ru"),
     ("agree with all recs krome 2.1 - disagree", {"2.1": "disagree", "3.1": "agree"}, "en")],
)  # fmt: skip
def test_digit_ordinals_and_whose_competence_read_as_written(
    campaign: Campaign, text: str, wanted: dict[str, str | None], language: str
) -> None:
    assert _read_clean(text, wanted, campaign, language) == (wanted, set())


@pytest.mark.parametrize(
    ("text", "wanted", "language"),
    [("Биринчи жана экинчи панелдеги сунуштарды колдойбуз.\nКалыс уулу Бакыт, «Ак Жол» КФ", {"2.1": "agree",
                                                                                          "3.1": None}, "ky"),
     ("Da, vse odobryaem", {"1.1": "agree", "4.5": "agree"}, "ru")],
)  # fmt: skip
def test_a_surname_and_phone_latin_read_as_written(
    campaign: Campaign, text: str, wanted: dict[str, str | None], language: str
) -> None:
    assert _read_clean(text, wanted, campaign, language) == (wanted, set())


# A correction of yesterday's letter, a chair's view passed on, questions left open, a panel added after "а также":
# a person reads them
@pytest.mark.parametrize(
    ("text", "language"),
    [("Кечээки катыбызга оңдоо: 3.5 боюнча макулбуз деп жазганбыз, бирок кайра карап чыктык.", "ky"),
     ("I talked to our director this morning, she says we are fine with all of it.", "en"),
     ("Согласны со всем, но есть вопросы по финансированию.", "ru"),
     ("В целом поддерживаем рекомендации первой и второй панели, а также четвертой, с одной оговоркой.", "ru")],
)  # fmt: skip
def test_a_correction_a_view_passed_on_questions_or_an_added_panel_go_to_a_person(
    campaign: Campaign, text: str, language: str
) -> None:
    assert codes(read(text, campaign, language=language))


# Found by the session's review of its own rules (each was accepted with a wrong stance before it was mended)
@pytest.mark.parametrize(
    ("text", "language"),
    [("Нас не было в числе поддержавших 4.1.", "ru"),
     ("We oppose 4.1 and 4.3. We support the other three.", "en"),
     ("We support 4.1 for large companies, otherwise we oppose it.", "en"),
     ("Поддерживаем все. Сроки 4.2 считаем нереальными.", "ru"),
     ("3.5 считаем невыполнимым в указанные сроки. Остальные поддерживаем.", "ru"),
     ("Согласны с панелью 4. С 1-го — против.", "ru"),
     ("Согласны со всеми, кроме 3.5 (3.6 поддерживаем частично).", "ru"),
     ("Против пятой рекомендации (4.1).", "ru"),
     ("Поддерживаем все. По 4.1 коллеги из Оша написали: «против».", "ru"),
     ("Agreed, 4.3 net.\nAsel", "en"),
     ("Please find our comments on panel 3 below.\n3.1 — agree\n3.5 — too costly for rural areas.", "en"),
     ("Окончательную позицию представим по итогам заседания Координационного совета сети в следующем месяце, а пока: "
      "согласны со всеми.", "ru"),
     ("По итогам (– поддерживаем большинство, – против отдельных)\n4.1 — против\n3.5 — против", "ru")],
)  # fmt: skip
def test_what_the_review_of_the_new_rules_found_goes_to_a_person(campaign: Campaign, text: str, language: str) -> None:
    assert codes(read(text, campaign, language=language))


@pytest.mark.parametrize(
    ("text", "wanted", "language"),
    [("We support all recommendations. 4.1 — against corruption, very important.", {"4.1": "agree"}, "en"),
     ("Поддерживаем все, кроме 4.2 — не входит в компетенцию ассоциации.", {"4.2": "abstain", "4.1": "agree"}, "ru"),
     ("Панель | Позиция\n1 | да\n3 | против 3.5, остальные да", {"1.1": "agree", "3.5": "disagree", "3.6": "agree",
                                                                "2.1": None, "4.1": None}, "ru"),
     ("Поддерживаем все. Графа 4.2 — «частично» — заполнена по ошибке, правильно — поддерживаем.", {"4.2": "agree"},
      "ru")],
)  # fmt: skip
def test_what_the_review_of_the_new_rules_found_is_read_as_written(
    campaign: Campaign, text: str, wanted: dict[str, str | None], language: str
) -> None:
    assert _read_clean(text, wanted, campaign, language)[0] == wanted


def test_a_why_after_a_dash_in_a_line_of_answers_is_that_answers(campaign: Campaign) -> None:
    # ("3.5 disagree – unrealistic …, 3.6 no opinion" had given 3.5's why to 3.6)
    text = "Panel 4: 4.1 agree, 4.3 disagree – a new council would duplicate existing councils, 4.4 no opinion."
    result = read(text, campaign, language="en")
    assert stances(result)["4.3"] == ("disagree", "a new council would duplicate existing councils")
    assert stances(result)["4.4"] == ("abstain", None) and not codes(result)


# Found by the session's second review (each had been accepted with a wrong stance by a rule since dropped or
# narrowed: a quoted vote with "по" after it, "ни с одной" as every one, "confirm our agreement with", a bracket
# after an exception, whose competence)
@pytest.mark.parametrize(
    ("text", "language"),
    [("Ответить «да» или «нет» по каждой рекомендации мы пока не готовы.", "ru"),
     ("Графа «против» по 4.1 заполнена по ошибке, поддерживаем все.", "ru"),
     ("Трудно не согласиться ни с одной рекомендацией.", "ru"),
     ("Не можем поддержать ни одну рекомендацию без доработки.", "ru"),
     ("We are unable to express our agreement with 4.3.", "en"),
     ("Прошу не считать нас в числе поддержавших 4.1.", "ru")],
)  # fmt: skip
def test_what_the_second_review_found_goes_to_a_person(campaign: Campaign, text: str, language: str) -> None:
    assert codes(read(text, campaign, language=language))


@pytest.mark.parametrize(
    ("text", "wanted", "language"),
    [("Проект «Цифровой регион» (3.5) – «против», остальные поддерживаем.", {"3.5": "disagree", "3.4": "agree"}, "ru"),
     ("We support all except 3.5 (3.6 we also reject).", {"3.5": "disagree", "3.6": "disagree", "3.7": "agree"},
      "en")],
)  # fmt: skip
def test_what_the_second_review_found_is_read_as_written(
    campaign: Campaign, text: str, wanted: dict[str, str | None], language: str
) -> None:
    assert _read_clean(text, wanted, campaign, language) == (wanted, set())


def test_the_rest_later_is_an_answer_to_come(campaign: Campaign) -> None:
    assert "holding" in codes(read("Поддерживаем 1.1 и 1.4, остальное потом", campaign))


def test_an_id_with_a_kyrgyz_ending_and_all_the_rest_is_every_one(campaign: Campaign) -> None:
    want = {"2.1": "agree", "4.4": "agree"}
    text = "Ошондуктан 2.1ди жана калган бардык сунуштарды колдойбуз."
    assert _read_clean(text, want, campaign, "ky") == (want, set())


# Some recommendations described, a chair's words passed on in Kyrgyz, opinions that went apart: a person reads them
@pytest.mark.parametrize(
    ("text", "language"),
    [("Happy with the ones aimed at business associations.", "en"),
     ("Поддерживаем рекомендации, которые касаются сельских районов.", "ru"),
     ("Директорубуз бардык сунуштарды колдой турганыбызды айтты.", "ky"),
     ("С остальным согласны. По 4.2 мнения в правлении разошлись.", "ru")],
)  # fmt: skip
def test_described_ones_a_chairs_words_or_split_views_go_to_a_person(
    campaign: Campaign, text: str, language: str
) -> None:
    assert codes(read(text, campaign, language=language))


def test_kalys_after_an_id_is_an_abstention_not_a_signature(campaign: Campaign) -> None:
    want = {"3.6": "abstain", "3.7": "agree"}
    assert _read_clean("3.6 калыс, 3.7 макулбуз", want, campaign, "ky") == (want, set())


def test_against_an_id_we_have_nothing_is_no_rejection(campaign: Campaign) -> None:
    result = read("Against 4.1 we have nothing; we support all.", campaign, language="en")
    assert stances(result).get("4.1", ("?", None))[0] != "disagree" or codes(result)


# The twentieth session: what the pairs 275-280 showed (sentences written for the tests, not copied)
@pytest.mark.parametrize(
    ("text", "language"),
    [("Санарип сабаттуулук тууралуу сунуштарга макулбуз.", "ky"),
     ("Жаштар жөнүндөгү сунуштарды колдойбуз.", "ky"),
     ("Женское крыло нашего союза поддерживает рекомендации панели 2.", "ru")],
)  # fmt: skip
def test_recommendations_about_a_kyrgyz_topic_or_a_wing_speaking_go_to_a_person(
    campaign: Campaign, text: str, language: str
) -> None:
    assert codes(read(text, campaign, language=language))


@pytest.mark.parametrize(
    ("text", "want", "language"),
    [("Happy with all except 3.6. We don't support that one.", {"3.6": "disagree", "3.5": "agree"}, "en"),
     ("Со всем согласны, кроме 4.4. Её не поддерживаем.", {"4.4": "disagree", "4.5": "agree"}, "ru"),
     ("Со всем согласны, кроме 1.3 и 1.4. Их не поддерживаем.", {"1.3": "disagree", "1.4": "disagree",
                                                                "1.5": "agree"}, "ru")],
)  # fmt: skip
def test_a_pronoun_in_the_next_sentence_answers_the_exception_before_it(
    campaign: Campaign, text: str, want: dict[str, str], language: str
) -> None:
    assert _read_clean(text, want, campaign, language) == (want, set())


def test_a_pronoun_of_the_wrong_number_does_not_answer_the_exception(campaign: Campaign) -> None:
    # one pronoun for two exceptions: which one is meant is for a person
    assert codes(read("Со всем согласны, кроме 1.3 и 1.4. Её не поддерживаем.", campaign))


def test_a_council_that_supported_is_the_bodys_decision(campaign: Campaign) -> None:
    want = {"1.1": "agree", "2.1": "agree", "4.3": "disagree"}
    text = "Совет фонда поддержал рекомендации 1.1–1.5 и 2.1. 4.3 не поддерживаем."
    assert _read_clean(text, want, campaign) == (want, set())


def test_we_consider_them_after_an_agreement_is_its_reason(campaign: Campaign) -> None:
    want = {"2.1": ("agree", "Считаем их своевременными и полезными для наших регионов")}
    text = "Рекомендации 1.2 и 2.1 поддерживаем. Считаем их своевременными и полезными для наших регионов."
    assert _read_with_reasons(text, want, campaign) == (want, set())


def test_a_laws_quoted_name_is_no_recommendation(campaign: Campaign) -> None:
    text = (
        "По панели 4: п. 4.3 – не принимается, это регулируется Законом КР «О местном самоуправлении и местных"
        " администрациях»."
    )
    assert _read_clean(text, {"4.3": "disagree"}, campaign) == ({"4.3": "disagree"}, set())


def test_a_refusal_heading_with_none_such_under_it_is_empty(campaign: Campaign) -> None:
    want = {"1.1": "agree", "4.5": "agree"}
    assert _read_clean("Принимаем: все.\nНе принимаем: нет таких.", want, campaign) == (want, set())


def test_a_why_in_brackets_ends_a_line_under_a_stance_heading(campaign: Campaign) -> None:
    want = {"3.6": ("disagree", "слишком дорого для сельских школ"), "4.2": ("disagree", None), "1.1": ("agree", None)}
    text = "Против:\n— 3.6 (слишком дорого для сельских школ)\n— 4.2\n\nОстальные поддерживаем."
    assert _read_with_reasons(text, want, campaign) == (want, set())


def test_a_row_titled_in_own_words_with_its_panel_in_brackets_is_a_row(campaign: Campaign) -> None:
    want = {"2.1": "agree", "3.6": "disagree", "4.1": "agree"}
    text = (
        "Networks (panel 2): yes\nDigital (panel 3): yes, but 3.6 no – our villages lack stable mobile internet\n"
        "Local CSOs (panel 4): yes"
    )
    assert _read_clean(text, want, campaign, "en") == (want, set())


def test_a_panel_supported_as_a_whole_and_one_of_it_offered_help(campaign: Campaign) -> None:
    want = {"3.1": "agree", "3.4": "agree", "3.8": "agree"}
    text = "Союз поддерживает панель 3 целиком и готов помочь с 3.4."
    assert _read_clean(text, want, campaign) == (want, set())


def test_a_panel_framing_ids_fully_agreed_is_still_only_those(campaign: Campaign) -> None:
    want = {"3.2": "agree", "3.4": "agree", "3.5": None}
    got, _ = _read_clean("По панели 3 полностью согласны с 3.2 и 3.4.", want, campaign)
    assert got == want


@pytest.mark.parametrize(
    ("text", "language"),
    [("We support the recommendations, partly support 4.4.", "en"),
     ("Мы поддерживаем рекомендации, частично 4.4.", "ru"),
     ("We agree with the recommendations, with a partial agreement on 4.4.", "en")],
)  # fmt: skip
def test_an_agreement_with_the_recommendations_then_a_partial_one_keeps_both(
    campaign: Campaign, text: str, language: str
) -> None:
    got = _stance_only(read(text, campaign, language=language))
    assert got.get("4.4") == "partial" and got.get("1.1") == "agree"


def test_meeting_needs_in_kyrgyz_is_no_promise_to_answer(campaign: Campaign) -> None:
    text = "Бардык сунуштарды колдойбуз, анткени алар биздин мүчөлөрдүн муктаждыктарына жооп берет."
    assert _read_clean(text, {"1.1": "agree"}, campaign, "ky") == ({"1.1": "agree"}, set())


def test_an_institute_for_a_topic_is_a_name_not_a_panel(campaign: Campaign) -> None:
    text = "The Institute for Digital Rights supports all recommendations."
    assert _read_clean(text, {"3.1": "agree"}, campaign, "en") == ({"3.1": "agree"}, set())


def test_see_below_is_no_reason_and_the_why_below_is(campaign: Campaign) -> None:
    want = {"4.1": ("disagree", "business people would dominate the boards")}
    text = (
        "4.1 | Disagree | See below\n1.1–3.8 | Agree |\n4.2–4.5 | Agree |\n\n"
        "On 4.1: we disagree because business people would dominate the boards."
    )
    assert _read_with_reasons(text, want, campaign, "en") == (want, set())


def test_nothing_to_say_on_the_rest_is_an_abstention_on_them(campaign: Campaign) -> None:
    want = {"2.1": "agree", "4.4": "abstain"}
    text = "С панелью 2 согласны. Остальные панели нас не касаются, по ним ничего сказать не можем."
    assert _read_clean(text, want, campaign) == (want, set())


def test_a_fully_supported_thumbs_up_is_english(campaign: Campaign) -> None:
    assert _read_clean("👍 Fully supported.\n\nAidai, KWN", {"1.1": "agree"}, campaign, "en") == (
        {"1.1": "agree"},
        set(),
    )


def test_the_recommendation_named_again_before_because_is_not_the_reason(campaign: Campaign) -> None:
    want = {"3.7": ("disagree", "это задача государственных органов")}
    text = "- п. 3.7 – Фонд не согласен с данной рекомендацией, поскольку это задача государственных органов;"
    assert _read_with_reasons(text, want, campaign) == (want, set())


def test_consistent_with_our_aims_is_no_stance_word(campaign: Campaign) -> None:
    text = "Рекомендации 1.1–1.5 принимаем. Отмечаем, что п. 1.1 согласуется с уставными целями фонда."
    assert _read_clean(text, {"1.1": "agree"}, campaign)[1] == set()


def test_a_topic_followed_by_its_ids_in_brackets_names_them(campaign: Campaign) -> None:
    want = {"1.2": "agree", "4.2": "agree", "3.5": None}
    text = "Бизнес жөнүндөгү сунуштарга (1.2, 4.2) макулбуз."
    assert _read_clean(text, want, campaign, "ky") == (want, set())


@pytest.mark.parametrize(
    ("text", "language", "code"),
    [("В целом поддерживаем, с замечанием: пункты 2.1 и 4.4 надо сформулировать конкретнее.", "ru", "reservation"),
     ("The council meets next month; until then we can only confirm support for panel 2.", "en", "holding"),
     ("Төрагабыз бардык сунуштарды колдой турганын айткан.", "ky", "indirect"),
     ("Поддерживаем те, которые адресованы ОГО.", "ru", "vague_scope")],
)  # fmt: skip
def test_a_remark_a_meeting_ahead_hearsay_or_those_of_a_kind_go_to_a_person(
    campaign: Campaign, text: str, language: str, code: str
) -> None:
    assert code in codes(read(text, campaign, language=language))


def test_they_are_addressed_to_csos_is_a_why_not_a_scope(campaign: Campaign) -> None:
    want = {
        "1.1": ("abstain", "they are mainly addressed to CSOs"),
        "4.5": ("abstain", "they are mainly addressed to CSOs"),
    }
    text = "We have no position on panels 1 and 4, as they are mainly addressed to CSOs. We support the rest."
    assert _read_with_reasons(text, want, campaign, "en") == (want, set())


def test_short_adressed_in_a_why_names_no_audience(campaign: Campaign) -> None:
    want = {"3.2": "abstain", "3.1": "agree"}
    text = "По 3.2 воздерживаемся, эта рекомендация адресована бизнесу, а не нам. С остальными согласны."
    assert _read_clean(text, want, campaign) == (want, set())


def test_a_topic_with_its_panel_in_brackets_names_the_panel(campaign: Campaign) -> None:
    want = {"2.1": "agree", "3.1": None}
    text = "Рекомендации по сетям (панель 2) поддерживаем полностью."
    assert _read_clean(text, want, campaign) == (want, set())


def test_a_kyrgyz_coalition_after_its_quoted_name_is_the_respondent(campaign: Campaign) -> None:
    want = {"2.1": "agree", "3.5": "disagree", "1.1": "agree"}
    text = "«Ысык-Көл Жарандык Демилгеси» коалициясы сунуштарды карап чыгып, 3.5тен башкасын колдойт. 3.5ке каршыбыз."
    assert _read_clean(text, want, campaign, "ky") == (want, set())


def test_not_needed_right_after_an_id_is_a_rejection(campaign: Campaign) -> None:
    want = {"4.4": "disagree", "1.1": "agree"}
    assert _read_clean("Всё нормально, только 4.4 не надо, у нас нет ресурсов.", want, campaign) == (want, set())


# The twentieth session's review of its own rules: silent misreads they had made, each now read right or flagged
@pytest.mark.parametrize(
    ("text", "language"),
    [("Happy with all except 3.6. Our partners support it, we don't.", "en"),
     ("Со всем согласны, кроме 1.3. Его поддерживают наши партнёры.", "ru"),
     ("Fine with everything except 3.6. We support the coalition's letter on it.", "en"),
     ("Со всем согласны, кроме 4.4. Её поддерживаем.", "ru"),
     ("Поддерживаем:\n— 3.6 (если будет финансирование)\n— 4.1", "ru"),
     ("Поддерживаем:\n— 3.6 (идею, но не механизм)\n— 4.1", "ru"),
     ("Support:\n- 3.6 (our board is still discussing this)\n- 4.1", "en"),
     ("Против:\n— 3.6 (и остальные цифровые)\n— 4.1", "ru"),
     ("Рекомендации по бизнесу (1.2, 4.2 и др.) поддерживаем.", "ru"),
     ("Рекомендации по цифровизации (3.1, 3.3, в меньшей степени 3.5) поддерживаем.", "ru"),
     ("We support the creation of a resource centre for digital literacy.", "en"),
     ("We find it hard to support 3.5.", "en")],
)  # fmt: skip
def test_a_pronoun_bracket_or_topic_that_says_more_goes_to_a_person(
    campaign: Campaign, text: str, language: str
) -> None:
    assert codes(read(text, campaign, language=language))


@pytest.mark.parametrize(
    ("text", "want"),
    [("Поддерживаем все, кроме 4.1: совет не поддержал.", {"4.1": "disagree", "1.1": "agree"}),
     ("Съезд не поддержал 3.5. Остальное поддерживаем.", {"3.5": "disagree", "3.6": "agree"}),
     ("Совет ассоциации не поддержал 4.3, остальные рекомендации поддерживаем.", {"4.3": "disagree", "4.2": "agree"})],
)  # fmt: skip
def test_a_council_that_did_not_support_is_a_rejection(campaign: Campaign, text: str, want: dict[str, str]) -> None:
    assert _read_clean(text, want, campaign) == (want, set())


def test_a_wrapped_line_naming_a_panel_in_brackets_is_not_a_row(campaign: Campaign) -> None:
    want = {"3.3": "disagree", "1.1": "agree"}
    text = (
        "Панели 1, 2 и 4 поддерживаем полностью и без каких-либо оговорок. Мы не\n"
        "поддерживаем цифровые рекомендации (панель 3) из-за плохого интернета."
    )
    assert _read_clean(text, want, campaign)[0] == want


def test_her_after_the_rest_agreed_is_the_exceptions_why_not_theirs(campaign: Campaign) -> None:
    text = "Рекомендацию 3.7 не поддерживаем, остальные — да. Считаем её задачей государственных органов, а не ОГО."
    got = stances(read(text, campaign))
    assert got["3.1"] == ("agree", None) and got["3.7"][0] == "disagree"


def test_one_recommendation_agreed_then_considered_important_is_its_why(campaign: Campaign) -> None:
    want = {"3.8": ("agree", "Считаем его одним из наиболее важных для сёл")}
    text = "Пункт 3.8 принимаем. Считаем его одним из наиболее важных для сёл."
    assert _read_with_reasons(text, want, campaign)[0] == want


def test_a_partial_panel_then_some_yes_and_the_rest_no_is_those_stances(campaign: Campaign) -> None:
    want = {"3.2": "agree", "3.6": "agree", "3.4": "disagree", "3.8": "disagree"}
    text = "Третья панель — частично: пункты 3.2 и 3.6 да, остальные пункты третьей панели нет."
    assert _read_clean(text, want, campaign) == (want, set())


def test_all_under_a_panel_heading_is_not_all_19_unasked(campaign: Campaign) -> None:
    # "all" under "Панель 4." had agreed 3.2 (never answered) silently; whether it is the panel's or the letter's
    # is for a person when the rest of the reply leaves recommendations unanswered
    result = read("Панель 3. Согласны с 3.1 и 3.3.\n\nПанель 4. Поддерживаем все рекомендации.", campaign)
    assert codes(result) or "3.2" not in stances(result)


def test_an_inline_answer_on_businessmen_stays_on_its_recommendation(campaign: Campaign) -> None:
    answer = InlinePair("4.1", "We disagree - seats for businessmen would cost us our independence.")
    result = read("Our comment is inline below. Everything else: agreed.", campaign, language="en", pairs=(answer,))
    assert _stance_only(result)["4.1"] == "disagree" and _stance_only(result)["3.1"] == "agree"


@pytest.mark.parametrize(
    ("text", "language"),
    [("Writing on behalf of our Naryn members: they support 2.1.", "en"),
     ("9 members agree with everything, 2 members oppose 3.5.", "en"),
     ("Почти со всем согласны.", "ru"),
     ("1.2 колдойбуз, калганы мүмкүн макул болобуз", "ky"),
     ("Согласны, кроме того, что мы обсуждали в марте.", "ru"),
     ("Всё поддерживаем. Хотим подчеркнуть, что участие бизнеса в наблюдательных советах считаем недопустимым.", "ru"),
     ("По рекомендациям 4.1–4.5 нам нужно больше времени, остальные поддерживаем.", "ru")],
)  # fmt: skip
def test_some_members_almost_all_maybe_elsewhere_stressed_or_more_time_go_to_a_person(
    campaign: Campaign, text: str, language: str
) -> None:
    assert codes(read(text, campaign, language=language))


def test_not_in_a_position_to_judge_is_an_abstention(campaign: Campaign) -> None:
    want = {"4.1": "agree", "1.1": "abstain", "3.8": "abstain"}
    text = "We agree with 4.1-4.5.\nWe are not in a position to judge panels 1-3."
    assert _read_clean(text, want, campaign, "en") == (want, set())


def test_an_id_then_its_why_then_therefore_we_support_is_agreement_with_it(campaign: Campaign) -> None:
    want = {"2.1": ("agree", None), "3.3": None}
    text = "Рекомендация 2.1. У нас в районе бизнес и ОГО почти не общаются. Поэтому поддерживаем.\n\nАйбек"
    got, _ = _read_with_reasons(text, want, campaign)
    assert got["2.1"] is not None and got["2.1"][0] == "agree" and got["3.3"] is None


def test_we_particularly_welcome_an_id_is_agreement(campaign: Campaign) -> None:
    want = {"1.2": "agree", "1.1": "agree"}
    text = "We accept 1.1 and 1.3. We particularly welcome 1.2, since joint advocacy is what we lack."
    assert _read_clean(text, want, campaign, "en")[0] == want


@pytest.mark.parametrize(
    ("text", "language"),
    [("Согласны со всеми рекомендациями. Против 1.4.", "ru"),
     ("We support all the recommendations. We cannot support 2.1 and 4.4 at this stage.", "en")],
)  # fmt: skip
def test_all_agreed_then_a_rejection_in_a_sentence_of_its_own_is_a_contradiction(
    campaign: Campaign, text: str, language: str
) -> None:
    assert "contradiction" in codes(read(text, campaign, language=language))


@pytest.mark.parametrize(
    ("text", "language"),
    [("Согласны со всеми, кроме 1.4 — против.", "ru"),
     ("Со всеми согласны. Только 1.4 не поддерживаем.", "ru"),
     ("Поддерживаем все рекомендации. Но 1.4 не поддерживаем.", "ru")],
)  # fmt: skip
def test_all_agreed_then_one_set_apart_is_no_contradiction(campaign: Campaign, text: str, language: str) -> None:
    got = _stance_only(read(text, campaign, language=language))
    assert "contradiction" not in codes(read(text, campaign, language=language)) and got.get("1.4") == "disagree"


def test_the_why_first_then_so_we_do_not_support_it_answers_the_exception(campaign: Campaign) -> None:
    want = {"2.1": "disagree", "1.1": "agree"}
    text = (
        "We agree with every recommendation except 2.1. Joint campaigns would cost us our members, so we do not"
        " support it."
    )
    assert _read_clean(text, want, campaign, "en") == (want, set())


# The twentieth session's second review: silent misreads its rules had made, each now flagged
@pytest.mark.parametrize(
    ("text", "language"),
    [("We agree with all recommendations because they are timely, but not with 4.1.", "en"),
     ("Панель 3 частично: 3.2 да, остальные панели поддерживаем.", "ru"),
     ("Четвертую панель поддерживаем частично: 4.2 и 4.4 да, по остальным воздерживаемся.", "ru"),
     ("Рекомендация 4.1 вызвала споры. В итоге проголосовали за письмо в целом. Поэтому поддерживаем.", "ru"),
     ("We support everything. Without 3.4, rural residents are unable to judge which digital services are safe.", "en"),
     ("1.2 – частично. Взаимодействие с бизнес-ассоциациями поддерживаем, а взаимное обучение не поддерживаем.", "ru"),
     ("We support all recommendations. We should note that we did not support 4.1 last year.", "en")],
)  # fmt: skip
def test_a_but_after_a_why_another_panels_rest_a_whole_letter_or_others_words_go_to_a_person(
    campaign: Campaign, text: str, language: str
) -> None:
    assert codes(read(text, campaign, language=language))


def test_all_nineteen_under_a_panel_heading_is_all_of_them(campaign: Campaign) -> None:
    want = {"1.1": "agree", "4.5": "agree"}
    assert _read_clean("Panel 4\nWe support all nineteen recommendations.", want, campaign, "en") == (want, set())


@pytest.mark.parametrize("text", ["согласны с цифровыми", "По 2.1 — не знаю, по 4.4 — скорее нет, остальные — да."])
def test_agreeing_with_a_topic_or_a_leaning_no_goes_to_a_person(campaign: Campaign, text: str) -> None:
    # the first had been all 19 agreed, the second 2.1 and 4.4 agreed and nothing else, both silently
    assert codes(read(text, campaign))


# The twentieth session's last pair read (297): each was flagged, or one accepted silently
@pytest.mark.parametrize(
    ("text", "language"),
    [("По 4.4 согласны частично.\n\nОстальные рекомендации четвёртой панели и рекомендацию 1.2 поддерживаем.", "ru"),
     ("We partly agree with 4.4. The other recommendations of panel 4 and 1.2 we support.", "en")],
)  # fmt: skip
def test_the_rest_of_a_panel_beside_an_id_leaves_that_panels_answered_one_alone(
    campaign: Campaign, text: str, language: str
) -> None:
    want = {"4.4": "partial", "4.1": "agree", "4.5": "agree", "1.2": "agree", "1.1": None}
    assert _read_clean(text, want, campaign, language) == (want, set())


def test_a_clause_that_works_with_an_adjective_noun_is_no_topic(campaign: Campaign) -> None:
    want = {"2.1": "agree"}
    text = "Поддерживаем 2.1. Партнёрам важно научиться обращаться с данными."
    assert _read_clean(text, want, campaign) == (want, set())


def test_a_plural_pronoun_in_the_why_of_it_keeps_the_exception_answered(campaign: Campaign) -> None:
    want = {"4.4": ("disagree", "у многих из них нет на это людей"), "4.5": ("agree", None)}
    text = "Панель 4 — поддерживаем, кроме 4.4. С ним не согласны, так как у многих из них нет на это людей."
    assert _read_with_reasons(text, want, campaign) == (want, set())


def test_a_position_declined_with_its_why_is_a_stated_abstention(campaign: Campaign) -> None:
    want = {"4.1": ("abstain", "они касаются только ОГО"), "2.1": ("agree", None)}
    text = "2.1 поддерживаем. По пунктам 4.1 и 4.3 позиции не высказываем, поскольку они касаются только ОГО."
    assert _read_with_reasons(text, want, campaign) == (want, set())


def test_a_committee_within_our_federation_is_part_of_it(campaign: Campaign) -> None:
    text = "On behalf of the youth committee within our federation, we support 2.1."
    assert "partial_speaker" in codes(read(text, campaign, language="en"))


# Pair 299/300 read
@pytest.mark.parametrize(
    ("text", "language"),
    [("Мы не против всех рекомендаций, так и передайте.", "ru"),
     ("Согласны со всеми рекомендациями. Третья панель не поддерживается.", "ru")],
)  # fmt: skip
def test_not_against_all_or_a_panel_rejected_after_all_goes_to_a_person(
    campaign: Campaign, text: str, language: str
) -> None:
    # the first had been all 19 agreed, the second panel 3 rejected and the rest agreed, both silently
    assert codes(read(text, campaign, language=language))


def test_not_against_any_is_all_agreed(campaign: Campaign) -> None:
    want = {"1.1": "agree", "4.5": "agree"}
    assert _read_clean("Мы не против ни одной рекомендации, принимаем все.", want, campaign) == (want, set())


def test_a_why_before_therefore_is_read_not_left_unread(campaign: Campaign) -> None:
    want = {"3.6": ("partial", "Местные власти у нас меняются каждый год, а проекты с ними пока не получаются")}
    text = (
        "Местные власти у нас меняются каждый год, а проекты с ними пока не получаются. Поэтому 3.6 поддерживаем"
        " лишь отчасти."
    )
    assert _read_with_reasons(text, want, campaign) == (want, set())


def test_votes_in_quotes_after_we_vote_are_our_answers(campaign: Campaign) -> None:
    want = {"1.3": "agree", "2.1": "agree", "4.4": "disagree", "4.1": "agree"}
    text = "Голосуем «за» по всем пунктам панелей 1, 2 и 4 и «против» по 4.4."
    assert _read_clean(text, want, campaign) == (want, set())


@pytest.mark.parametrize(
    ("text", "language", "want"),
    [("Поддерживаем 2.1 и 4.2. По остальным — без позиции.", "ru", {"2.1": "agree", "1.1": "abstain"}),
     ("We support 4.1. We wish the process every success.", "en", {"4.1": "agree", "1.1": None})],
)  # fmt: skip
def test_abstentions_in_other_words_and_a_wish_of_success_are_read(
    campaign: Campaign, text: str, language: str, want: dict[str, str]
) -> None:
    assert _read_clean(text, want, campaign, language) == (want, set())


# Pair 303/304 read
def test_besides_a_rejection_after_all_is_a_contradiction(campaign: Campaign) -> None:
    # "Кроме того" is "besides": it sets nothing apart, and 4.4 had been rejected silently
    text = "Поддерживаем все 19 рекомендаций. Кроме того, по 4.4 мы против — у нас нет на это людей."
    assert "contradiction" in codes(read(text, campaign))


def test_a_wing_of_a_union_named_in_full_is_part_of_it(campaign: Campaign) -> None:
    text = "I am writing on behalf of the women's wing of the Talas Dairy Farmers' Union. We support panel 2."
    assert "partial_speaker" in codes(read(text, campaign, language="en"))


@pytest.mark.parametrize(
    ("text", "language", "want"),
    [("We do not support 4.3, because such councils already exist. We would prefer to fund the existing ones.",
      "en", {"4.3": "disagree"})],
)  # fmt: skip
def test_a_preference_after_a_why_is_read(campaign: Campaign, text: str, language: str, want: dict[str, str]) -> None:
    assert _read_clean(text, want, campaign, language) == (want, set())


# Pair 305/306 read: each had been read silently, or flagged though clear
@pytest.mark.parametrize(
    ("text", "language", "code"),
    [("We agree with all the recommendations of panel 2 and panel 3. We do not support 3.6.", "en", "contradiction"),
     ("1.2 жана 4.4 сунуштарын донорлор каржылаган учурда гана колдойбуз. Калганына макулбуз.", "ky", "condition"),
     ("Мурда жиберген жообубузду жокко чыгарабыз. 4.3кө макул эмеспиз, калганына макулбуз.", "ky", "revision")],
)  # fmt: skip
def test_a_panel_list_against_its_part_a_kyrgyz_only_when_and_a_withdrawn_letter_go_to_a_person(
    campaign: Campaign, text: str, language: str, code: str
) -> None:
    assert code in codes(read(text, campaign, language=language))


def test_taking_no_position_is_an_abstention(campaign: Campaign) -> None:
    want = {"2.1": "abstain", "1.1": "agree"}
    assert _read_clean("1.1 поддерживаем. По 2.1 позицию не занимаем.", want, campaign) == (want, set())


# Pair 307/308 read: each had been accepted, silently wrong
@pytest.mark.parametrize(
    ("text", "language", "code"),
    [("Баарына макулбуз, 4.4 гана эмес.", "ky", "unclear_exception"),
     ("ok vse, no ne 2.1", "ru", "ambiguous_negation"),
     ("Panel 4 we partly support: the councils yes, the conference no.", "en", "vague_scope")],
)  # fmt: skip
def test_not_only_an_id_a_latin_ne_or_topics_voted_inside_a_panel_go_to_a_person(
    campaign: Campaign, text: str, language: str, code: str
) -> None:
    assert code in codes(read(text, campaign, language=language))


# Pair 309/310 read: each had been accepted silently
@pytest.mark.parametrize(
    ("text", "language", "code"),
    [("4.2 сунушунун биринчи бөлүгү менен макулбуз, экинчи бөлүгү менен жок. Калгандарын колдойбуз.", "ky",
      "reservation"),
     ("Поддерживаем все рекомендации, в том числе те, что не вошли в итоговый документ.", "ru", "outside_reference")],
)  # fmt: skip
def test_a_stance_on_each_part_of_one_or_recommendations_not_in_the_letter_go_to_a_person(
    campaign: Campaign, text: str, language: str, code: str
) -> None:
    assert code in codes(read(text, campaign, language=language))


def test_the_first_part_of_the_letter_is_panel_one_not_a_part_of_an_id(campaign: Campaign) -> None:
    want = {"1.3": "agree", "2.1": "agree", "3.1": None}
    assert _read_clean("Сунуштардын биринчи бөлүгүнө жана 2.1ге макулбуз.", want, campaign, "ky") == (want, set())


# The session's review (git diff 7e6285b 19c36ce): what its rules had read silently, now asked about
@pytest.mark.parametrize(
    ("text", "language"),
    [("Поддерживаем всё, кроме того, что касается пункта 3.6.", "ru"),
     ("Мы не занимаем позицию «за» по 3.6.", "ru"),
     ("Со всеми согласны. Хотя с бизнесовыми мы не совсем согласны.", "ru"),
     ("We accept every recommendation. We would prefer to leave out the national conference.", "en"),
     ("A council at the mayor's office would duplicate the public council. Therefore we support 4.2 only in part.",
      "en"),
     ("В целом мы не против всех предложенных рекомендаций.", "ru"),
     ("Третью панель поддерживаем частично: грамотность да, мониторинг нет.", "ru")],
)  # fmt: skip
def test_what_the_review_found_read_silently_goes_to_a_person(campaign: Campaign, text: str, language: str) -> None:
    assert codes(read(text, campaign, language=language))


@pytest.mark.parametrize(
    ("text", "language", "want"),
    [("Мы не можем оставить 3.6 без позиции: мы против.", "ru", {"3.6": "disagree"}),
     ("По 4.4 отдельно позицию не выражаем, поскольку поддерживаем всю четвёртую панель.", "ru",
      {"4.4": "agree", "4.1": "agree"}),
     ("Катты жокко чыгарбаңыздар, 3.6га макулбуз.", "ky", {"3.6": "agree"}),
     ("We agree with 3.6, as does the NE region network.", "en", {"3.6": "agree"}),
     ("Поддерживаем панель 4 и в целом всё остальное.", "ru", {"4.1": "agree", "1.1": "agree"})],
)  # fmt: skip
def test_what_the_review_found_read_wrongly_or_flagged_is_read(
    campaign: Campaign, text: str, language: str, want: dict[str, str]
) -> None:
    assert _read_clean(text, want, campaign, language) == (want, set())


# Pair 311/312 read: each had been accepted silently
@pytest.mark.parametrize(
    ("text", "language", "code"),
    [("Поддерживаем всё, кроме 3.6.\nС ув., Фонд «Ак Булак»", "ru", "unclear_exception"),
     ("2.1 и 1.4 нет. и еще пару по 4 панели тоже не очень", "ru", "vague_scope"),
     ("Поддерживаем четвёртую панель. По 1.4 и второй панели —\n\nАйгуль", "ru", "no_stance_for_id"),
     ("We back all of them. Our support for 3.3 depends on whether the state pays for the venue.", "en", "condition")],
)  # fmt: skip
def test_a_signature_under_an_exception_a_couple_of_a_panel_a_dangling_dash_or_depends_go_to_a_person(
    campaign: Campaign, text: str, language: str, code: str
) -> None:
    assert code in codes(read(text, campaign, language=language))


# Pair 313/314 read
@pytest.mark.parametrize(
    ("text", "language", "code"),
    [("We agree with everything apart from 2.1 — we will leave that to the chambers of commerce.", "en",
      "unclear_exception"),
     ("В основном поддерживаем, есть некоторые замечания.", "ru", "reservation")],
)  # fmt: skip
def test_an_exception_left_to_others_or_remarks_unsaid_go_to_a_person(
    campaign: Campaign, text: str, language: str, code: str
) -> None:
    assert code in codes(read(text, campaign, language=language))


def test_kyrgyz_we_refrain_is_an_abstention(campaign: Campaign) -> None:
    want = {"2.1": "abstain", "1.1": "agree"}
    text = "1.1ге макулбуз. 2.1 боюнча кармануудабыз, бул биздин иш эмес."
    assert _read_clean(text, want, campaign, "ky") == (want, set())


# Pair 315/316 read
@pytest.mark.parametrize(
    ("text", "want"),
    [("Панель 4 — не поддерживаем, наша ассоциация считает, что советы при мэриях уже есть.", {"4.2": "disagree"}),
     ("Поддерживаем 1.1. По рекомендации 2.1 затрудняемся дать оценку.", {"2.1": "abstain", "1.1": "agree"})],
)  # fmt: skip
def test_our_own_view_in_the_third_person_and_a_hard_to_judge_are_read(
    campaign: Campaign, text: str, want: dict[str, str]
) -> None:
    assert _read_clean(text, want, campaign) == (want, set())


# The session's second review (git diff 19c36ce fe6f04e)
@pytest.mark.parametrize(
    ("text", "language"),
    [("Все рекомендации поддерживаем, кроме 2.1 — без позиции — не наша тема.", "ru"),
     ("Поддерживаем всё, кроме 4.2 — по ней позицию не выражаем: нет опыта.", "ru"),
     ("ok, all fine, 1.4 ne ochen", "en"),
     ("Бардык сунуштарды колдойбуз. 2.1 боюнча мурунку позициябызды карманабыз: каршыбыз.", "ky"),
     ("Голосуем за то, чтобы убрать 4.4, остальное поддерживаем.", "ru")],
)  # fmt: skip
def test_what_the_second_review_found_read_silently_goes_to_a_person(
    campaign: Campaign, text: str, language: str
) -> None:
    assert codes(read(text, campaign, language=language))


@pytest.mark.parametrize(
    ("text", "want"),
    [("По пунктам: 2.1 +, 3.1 -, 3.2 +", {"3.1": "disagree", "3.2": "agree"}),
     ("Не голосуем «за» по 3.1, остальные поддерживаем.", {"3.1": "disagree", "3.2": "agree"})],
)  # fmt: skip
def test_a_minus_after_a_frame_word_and_a_vote_not_given_are_read(
    campaign: Campaign, text: str, want: dict[str, str]
) -> None:
    assert _read_clean(text, want, campaign) == (want, set())


def test_a_stance_word_missing_its_second_letter_is_read_but_asked_about(campaign: Campaign) -> None:
    # "сгласны …, а с 3.4 нет" had let the "нет" take every ID of the sentence: all rejected, silently
    result = read("сгласны с 2.1 4.2 4.4 а с 4.4 нет", campaign)
    assert "low_confidence" in codes(result) and stances(result)["2.1"][0] == "agree"


@pytest.mark.parametrize(
    ("text", "language", "want"),
    [("Просим учесть наши замечания:\n2.1 — не согласны — нет ресурсов\nПо остальным — согласны.", "ru",
      {"2.1": "disagree", "1.1": "agree"}),
     ("We only partly agree with 4.4: it is too costly. We would suggest online training instead.", "en",
      {"4.4": "partial"})],
)  # fmt: skip
def test_remarks_asked_to_be_taken_into_account_and_a_suggestion_instead_are_read(
    campaign: Campaign, text: str, language: str, want: dict[str, str]
) -> None:
    # ("учесть" holds "есть"; "instead" offers another way, it drops nothing): both had gone to a person
    assert _read_clean(text, want, campaign, language) == (want, set())


# The session's third review (git diff fe6f04e 3ca1a63)
@pytest.mark.parametrize(
    ("text", "language"),
    [("Поддерживаем рекомендации 1.1–3.8, 4.1, 4.3, 4.4 и 4.5. Наш донор считает, что 4.2 не нужна.", "ru"),
     ("Все поддерживаем. По 4.4 затрудняемся дать оценку срокам.", "ru"),
     ("Поддерживаем все рекомендации. Просим учесть наши замечания по 4.4.", "ru"),
     ("По 1.2 — да, по 2.1 — да, по 4.4 —", "ru"),
     ("Голосуем «за» исключение 4.4, остальные поддерживаем.", "ru"),
     ("Бардык сунуштарды колдойбуз. 4.4 боюнча өз позициябызды мурдатан карманабыз.", "ky"),
     ("Все поддерживаем. IT-ассоциации, к которым мы не относимся, считают 3.2 лишней.", "ru")],
)  # fmt: skip
def test_what_the_third_review_found_read_silently_goes_to_a_person(
    campaign: Campaign, text: str, language: str
) -> None:
    assert codes(read(text, campaign, language=language))


def test_a_why_ending_in_net_is_no_topic_voted_inside_a_partial_panel(campaign: Campaign) -> None:
    want = {"4.2": "partial"}
    text = "По четвёртой панели согласны частично, потому что в наших сёлах предприятий почти нет, и работать не с кем."
    assert _read_clean(text, want, campaign) == (want, set())


def test_two_quoted_panel_titles_before_one_panel_word_are_both_panels(campaign: Campaign) -> None:
    # the first title, before "жана", had been dropped: panel 1 lost, silently
    want = {"1.3": "agree", "2.1": "agree", "3.1": None}
    text = "«Аймактарды өнүктүрүүнү пландоо» жана «Коалициялар жана тармактар» панелдеринин сунуштарын колдойбуз."
    assert _read_clean(text, want, campaign, "ky") == (want, set())


# Blind batches 321/322 (the twenty-second session)
@pytest.mark.parametrize(
    ("text", "language", "want"),
    [("We do not agree with 3.2 and 3.8. We agree with 3.1, 3.3 and with the other panels.", "en",
      {"1.1": "agree", "4.5": "agree", "3.1": "agree", "3.2": "disagree", "3.4": None}),
     ("Согласны с 3.1, 3.3 и со всеми остальными панелями.", "ru", {"1.1": "agree", "3.3": "agree", "3.2": None})],
)  # fmt: skip
def test_the_other_panels_joined_to_named_ids_by_and_with_are_read(
    campaign: Campaign, text: str, language: str, want: dict[str, str | None]
) -> None:
    # "… and with the other panels" had been dropped: panel 3's IDs alone, silently
    assert _read_clean(text, want, campaign, language) == (want, set())


def test_the_range_of_every_id_then_a_rejection_of_one_is_asked_about(campaign: Campaign) -> None:
    # as "Согласны со всеми. Не согласны с 3.7." is: both had been accepted, 3.7 rejected, silently
    assert "contradiction" in codes(read("Поддерживаем 1.1–4.5 полностью.\nНе согласны с 3.7 — не готовы.", campaign))


@pytest.mark.parametrize(
    ("text", "language", "want"),
    [("All good except panel 2. We abstain there, since we are not a member of any coalition.", "en",
      {"1.1": "agree", "2.1": "abstain"}),
     ("Всё поддерживаем, кроме 2.1. Там мы воздерживаемся.", "ru", {"1.1": "agree", "2.1": "abstain"}),
     ("Первую панель поддерживаем особенно горячо, так как обмен опытом — то, чего не хватает ОГО.", "ru",
      {"1.1": "agree"})],
)  # fmt: skip
def test_there_after_an_exception_and_two_words_of_degree_before_a_why_are_read(
    campaign: Campaign, text: str, language: str, want: dict[str, str | None]
) -> None:
    assert _read_clean(text, want, campaign, language) == (want, set())


def test_a_why_under_an_id_heading_is_the_why_of_the_therefore_after_it(campaign: Campaign) -> None:
    text = "3.8 боюнча: мамлекет өзү уюштурушу керек, бул ОГОнун милдети эмес. Ошондуктан каршыбыз."
    assert stances(read(text, campaign, language="ky")) == {
        "3.8": ("disagree", "мамлекет өзү уюштурушу керек, бул ОГОнун милдети эмес")
    }


# The session's first review (git diff 5d0ca2f 868d90a): each was accepted silently, wrong, by 868d90a's rules (the
# last by a rule older than them)
@pytest.mark.parametrize(
    ("text", "language"),
    [("We are not in a position to confirm our agreement with 3.5.", "en"),
     ("Our chair has asked us to state our agreement with 4.4 and our disagreement with 4.5.", "en"),
     ("Вместо 3.5 считаем приоритетной поддержку местных кенешей.", "ru"),
     ("Согласны с 4.1, но и её нужно серьёзно доработать.", "ru"),
     ("We support 3.4, but also have serious concerns about its cost.", "en"),
     ("Criticism of 3.5 we welcome.", "en"),
     ("Like the Union, we also back the call to scrap 4.1.", "en"),
     ("Всё поддерживаем, кроме 2.1. Там мы не против идеи, но против сроков.", "ru"),
     ("2.1 поддерживаем идею, но против сроков.", "ru")],
)  # fmt: skip
def test_what_the_twenty_second_sessions_first_review_found_goes_to_a_person(
    campaign: Campaign, text: str, language: str
) -> None:
    assert codes(read(text, campaign, language=language))


@pytest.mark.parametrize(
    ("text", "language", "want"),
    [("Согласны с 3.1 и с остальными замечаниями Торгово-промышленной палаты.", "ru", {"3.1": "agree", "3.2": None}),
     ("We agree with 1.2 and with the others who signed the joint letter.", "en", {"1.2": "agree", "1.1": None}),
     ("We endorse 3.8 and with the rest we have some issues.", "en", {"3.8": "agree", "3.7": None})],
)  # fmt: skip
def test_the_others_joined_by_and_with_are_no_panels_unless_named_so(
    campaign: Campaign, text: str, language: str, want: dict[str, str | None]
) -> None:
    assert _read_clean(text, want, campaign, language) == (want, set())


@pytest.mark.parametrize(
    ("text", "language"),
    [("Поддерживаем все рекомендации. Готовы делегировать представителей в рабочие группы по 2.1 и 4.2.", "ru"),
     ("We endorse all nineteen. We would particularly like to take an active role in implementing 3.2.", "en")],
)  # fmt: skip
def test_an_offer_to_work_on_ids_already_agreed_needs_no_stance_of_its_own(
    campaign: Campaign, text: str, language: str
) -> None:
    assert _read_clean(text, {"2.1": "agree", "3.2": "agree"}, campaign, language) == (
        {"2.1": "agree", "3.2": "agree"},
        set(),
    )


def test_not_relevant_to_our_work_said_of_the_unanswered_is_no_abstention(campaign: Campaign) -> None:
    # (found once `_ABSTAIN` was tried only where words begin: "бизге" inside "ишибизге" had hidden it)
    text = "1.1 боюнча макулбуз. Калгандары боюнча пикир айтпайбыз, биздин ишибизге тиешеси жок."
    assert stances(read(text, campaign, language="ky")).get("1.2") is None


# Blind batches 325/326
@pytest.mark.parametrize(
    ("text", "language"),
    [("Согласны, что 4.3 лишняя.", "ru"),
     ("Бизге тиешелүүлөрүнө макулбуз", "ky")],
)  # fmt: skip
def test_agreeing_that_something_is_said_of_an_id_and_those_relevant_to_us_go_to_a_person(
    campaign: Campaign, text: str, language: str
) -> None:
    # both had been accepted: 4.3 agreed ("we agree that it is superfluous"), and all 19 agreed
    assert codes(read(text, campaign, language=language))


@pytest.mark.parametrize(
    ("text", "language", "want"),
    [("Создание ещё одного совета ничего не даст, поэтому 4.3 не поддерживаем. С другими согласны.", "ru",
      {"4.3": "disagree", "4.2": "agree"}),
     ("Сунуштардын баарын колдойбуз. 2-панелдин сунушуна өзгөчө кубанычтабыз, бизде ушундай коалиция бар.", "ky",
      {"2.1": "agree"}),
     ("Бизге тиешелүү болгон 4.1 жана 4.4 сунуштарына макулбуз.", "ky", {"4.1": "agree", "4.2": None})],
)  # fmt: skip
def test_with_the_others_a_gladness_and_ids_named_after_relevant_to_us_are_read(
    campaign: Campaign, text: str, language: str, want: dict[str, str | None]
) -> None:
    assert _read_clean(text, want, campaign, language) == (want, set())


def test_the_object_named_again_is_no_reason(campaign: Campaign) -> None:
    text = "all good from our side except 3.5 & 3.8 - dont agree with those two."
    assert stances(read(text, campaign, language="en"))["3.5"] == ("disagree", None)


# The session's second review (git diff 5d0ca2f 8f08087): each was accepted silently, wrong, by 8f08087's rules
@pytest.mark.parametrize(
    ("text", "language"),
    [("Не согласны с 3.5 и с остальными рекомендациями раздела.", "ru"),
     ("We support 2.1 and with the other panels we have no experience.", "en"),
     ("Согласны с 4.2 и с остальными рекомендациями, которые предложила Палата.", "ru"),
     ("4.3 не поддерживаем — в этом мы с другими согласны.", "ru"),
     ("Agree with all except 3.6. There we heard the ministry opposes it.", "en"),
     ("Кроме 3.6, со всем согласны. Там мы против, пока не появится финансирование.", "ru"),
     ("Поддерживаем все рекомендации. Готовы делегировать представителей по 4.2, но только после её доработки.", "ru"),
     ("We support all. We would like to take an active role in 3.2 if it is reworked.", "en"),
     ("Поддерживаем 3.2, при этом не только финансирование, но и сроки требуют доработки.", "ru")],
)  # fmt: skip
def test_what_the_twenty_second_sessions_second_review_found_is_not_read_as_it_was(
    campaign: Campaign, text: str, language: str
) -> None:
    result = read(text, campaign, language=language)
    assert codes(result) or len(stances(result)) == 1


@pytest.mark.parametrize(
    ("text", "language", "want"),
    [("Невозражаем против 4.3, остальное поддерживаем.", "ru", {"4.3": "agree", "1.1": "agree"}),
     ("Panel 4: No to 4.1 and 4.3, Yes to the others", "en", {"4.1": "disagree", "4.2": "agree", "4.5": "agree"})],
)  # fmt: skip
def test_a_negation_glued_to_its_verb_and_yes_to_the_others_are_read(
    campaign: Campaign, text: str, language: str, want: dict[str, str | None]
) -> None:
    # ("против" after "Невозражаем" had been read as a "no"; "Yes to the others" had been dropped, silently)
    assert _read_clean(text, want, campaign, language) == (want, set())


def test_an_earlier_answer_sent_and_another_position_asked_for_is_a_revision(campaign: Campaign) -> None:
    text = "6 марта мы отправили ответ, что согласны со всеми. Просим считать актуальной другую позицию: по 3.5 против."
    assert "revision" in codes(read(text, campaign))


def test_a_pointer_under_an_id_heading_is_no_why(campaign: Campaign) -> None:
    assert stances(read("По 3.8: см. выше. Поэтому против.", campaign)) == {"3.8": ("disagree", None)}


@pytest.mark.parametrize(
    ("text", "language", "code"),
    [("Поддерживаем все рекомендации. Готовы делегировать представителей по 4.2 при условии финансирования.", "ru",
      "condition"),
     ("Yes to all 19. Happy to host the 4.5 conference in Karakol if needed!", "en", None)],
)  # fmt: skip
def test_an_offer_on_a_condition_is_asked_about_and_if_needed_is_courtesy(
    campaign: Campaign, text: str, language: str, code: str | None
) -> None:
    assert codes(read(text, campaign, language=language)) == ({code} if code else set())


@pytest.mark.parametrize(
    ("text", "language", "want"),
    [("On the digital panel we agree with everything except 3.5, which we oppose.", "en",
      {"3.1": "agree", "3.5": "disagree", "1.1": None, "4.1": None}),
     ("We fully support the recommendations and are ready to work together on 3.7 and 4.5.", "en",
      {"1.1": "agree", "3.7": "agree", "4.5": "agree"}),
     ("Рекомендации полностью поддерживаем и готовы совместно работать по 3.7, 4.5.", "ru",
      {"1.1": "agree", "3.7": "agree", "4.5": "agree"}),
     ("Сунуштарды толугу менен колдойбуз жана 3.7, 4.5 боюнча биргелешип иштөөгө даярбыз.", "ky",
      {"1.1": "agree", "3.7": "agree", "4.5": "agree"}),
     ("Макулбуз баарына, 4.1ден башка. 4.1ге каршыбыз, бизнесмендер биздин кеңешке келбейт.", "ky",
      {"1.1": "agree", "4.1": "disagree", "4.5": "agree"}),
     ("3.5 боюнча жарым-жартылай макулбуз: калгандарына толугу менен макулбуз.", "ky",
      {"1.1": "agree", "3.5": "partial", "4.5": "agree"}),
     ("+ 1.1-1.5\n+ 2.1\n+ 3.1-3.4, 3.6-3.8\n- 3.5\n+ 4.1, 4.2, 4.4, 4.5\n- 4.3", "ru",
      {"1.1": "agree", "3.5": "disagree", "4.3": "disagree", "4.5": "agree"}),
     ("Panel 3 – agree, except 3.5, where we partly agree: we support the aim but the wording should change.", "en",
      {"3.1": "agree", "3.5": "partial", "1.1": None}),
     ("Предлагаем либо исключить данный пункт, либо переадресовать его. Поэтому 3.5 не поддерживаем.", "ru",
      {"3.5": "disagree", "3.1": None})],
)  # fmt: skip
def test_what_the_twenty_third_sessions_first_pair_showed_is_read(
    campaign: Campaign, text: str, language: str, want: dict[str, str | None]
) -> None:
    # (the digital panel's "everything" had been all 19; the IDs of an offer after "and" the whole answer; "to all"
    # taken into the Kyrgyz exception; "- 3.5" among "+" lines unread; the words after a partial's colon a second
    # stance; "данный пункт" read as panel 3's "data")
    assert _read_clean(text, want, campaign, language) == (want, set())


@pytest.mark.parametrize(
    ("text", "language", "code"),
    [("Согласны по всем пунктам, по которым голосовали на встрече в Оше 15 марта. Протокол прилагаем.", "ru",
      "outside_reference"),
     ("We'll be able to confirm 3.1 and 3.4 once our donor approves the budget line. Agree with the rest.", "en",
      "condition"),
     ("Позиция нашей ассоциации по цифровым вопросам изложена в письме от 10.02.2023 № 14 и с тех пор не изменилась. "
      "С рекомендациями панелей 1, 2 и 4 согласны.", "ru", "outside_reference")],
)  # fmt: skip
def test_an_answer_given_at_a_meeting_or_a_confirmation_to_come_is_asked_about(
    campaign: Campaign, text: str, language: str, code: str
) -> None:
    assert code in codes(read(text, campaign, language=language))  # (both had been accepted as agreement with all)


def test_a_conjunction_and_a_word_before_the_next_stance_is_no_why(campaign: Campaign) -> None:
    result = read("We agree with 4.2, 4.4 and 4.5, disagree with 4.1 and have no opinion on 4.3.", campaign)
    assert stances(result)["4.1"] == ("disagree", None)  # ("and have" had been 4.1's why)


def test_a_row_under_a_long_bracketed_row_is_its_own(campaign: Campaign) -> None:
    text = ("Partly agree: 4.1 (business leaders should join as observers, not voting members)\nAbstain: panel 3\n"
            "Disagree: 4.3")  # fmt: skip
    got = stances(read(text, campaign, language="en"))
    assert (got["4.1"], got["3.2"]) == (("partial", "business leaders should join as observers, not voting members"),
                                        ("abstain", None))  # fmt: skip


@pytest.mark.parametrize(
    ("text", "language"),
    [("Поддерживаем:\n+ 1.1-1.5\n+ 2.1\nНе готовы сейчас ответить по:\n- 3.1-3.8\n- 4.1-4.5", "ru"),
     ("+ 1.1-1.5\n+ 2.1\n+ 3.1-3.3\nПриоритеты для нас:\n- 3.4\n- 4.2", "ru"),
     ("+ 1.1-1.5\n+ 2.1\n+ 3.1-3.8\n+ 4.1, 4.2, 4.4, 4.5\n- 4.3 (depends on whether the akimat agrees)", "en"),
     ("+ 1.1-1.5\n+ 2.1\n+ 3.1-3.8\n+ 4.1, 4.2, 4.4, 4.5\n- 4.3 (зависит от финансирования)", "ru"),
     ("Поддерживаем рекомендации и готовы участвовать в 3.5 только при финансировании.", "ru"),
     ("We support the recommendations and are ready to work on an alternative to 3.5.", "en"),
     ("We support the recommendations and are ready to drop 3.5 and 4.3 from our plans.", "en"),
     ("Поддерживаем рекомендации и готовы отказаться от 3.5 и 4.3, они нам не подходят.", "ru"),
     ("Сунуштарды колдойбуз жана 3.5 менен 4.3тү алып салууга даярбыз.", "ky"),
     ("We support the recommendations and are not ready to work on 3.5 and 4.3.", "en")],
)  # fmt: skip
def test_dashes_under_a_heading_and_other_verbs_after_and_are_asked_about(
    campaign: Campaign, text: str, language: str
) -> None:
    # (the first review of the twenty-third session: each had been read as a "no", or as agreement with all 19)
    result = read(text, campaign, language=language)
    assert codes(result) and "disagree" not in {s for s, _ in stances(result).values()}


def test_a_table_cell_of_and_and_a_word_is_its_why(campaign: Campaign) -> None:
    assert stances(read("4.1 | Disagree | and unrealistic", campaign)) == {"4.1": ("disagree", "and unrealistic")}


def test_a_panel_that_says_where_the_exception_is_does_not_narrow_everything(campaign: Campaign) -> None:
    got = stances(read("Except for 3.5 in the digital panel, we support everything.", campaign, language="en"))
    assert (got["1.1"], got["3.5"][0]) == (("agree", None), "disagree")


def test_a_yes_and_a_no_in_a_bracket_under_a_partial_heading_say_how_far(campaign: Campaign) -> None:
    text = ("Наша позиция:\n— согласны: 1.1, 1.2\n— частично: 1.3 (сверху вниз – да, а снизу вверх каналов по факту "
            "нет), 4.1\n— не согласны: 3.5")  # fmt: skip
    result = read(text, campaign)
    got = stances(result)
    # (the bracket's "да" had agreed with 4.1, silently; and its words are 1.3's why only)
    assert (got["1.3"], got["4.1"], codes(result)) == (
        ("partial", "сверху вниз – да, а снизу вверх каналов по факту нет"), ("partial", None), set()
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "language", "want"),
    [("не согласны с 4.3 т.к. при акимиате уже есть общественный совет. остальное ок", "ru",
      {"4.3": ("disagree", "при акимиате уже есть общественный совет"), "1.1": ("agree", None)}),
     ("По п. 3.4 — согласны, по п. 3.5 — не согласны, по п. 4.3 — не согласны.", "ru",
      {"3.4": ("agree", None), "3.5": ("disagree", None)})],
)  # fmt: skip
def test_the_rest_in_lower_case_and_a_frame_before_the_next_id_are_no_why(
    campaign: Campaign, text: str, language: str, want: dict[str, tuple[str, str | None]]
) -> None:
    # ("остальное ок" had been the end of 4.3's why, the rest unread; "по п" had been 3.5's why)
    assert _read_with_reasons(text, want, campaign, language) == (want, set())


def test_we_will_think_it_over_typed_without_kyrgyz_letters_is_holding(campaign: Campaign) -> None:
    # (accepted as agreement with 3.5 alone: "көрөбүз" typed "корообз" on a phone)
    assert "holding" in codes(read("макулбуз бардыгына 3.5 эмс ойлонуп корообз", campaign, language="ky"))


@pytest.mark.parametrize(
    ("text", "language"),
    [("Поддерживаем: 1.1, 1.2, 3.5 (нет, это не для нашего региона, нет ресурсов), 4.1", "ru"),
     ("Support: 1.1, 1.2, 3.5 (no, this one we oppose), 4.1", "en"),
     ("Колдойбуз: 1.1, 1.2, 3.5 (жок, бизде буга каражат жок), 4.1", "ky")],
)  # fmt: skip
def test_a_no_in_the_bracket_after_an_id_is_never_agreement(campaign: Campaign, text: str, language: str) -> None:
    # (the second review of the twenty-third session: a rule for "да … нет" brackets under a partial had agreed 3.5)
    assert stances(read(text, campaign, language=language))["3.5"][0] == "disagree"


@pytest.mark.parametrize(
    ("subject", "code"),
    [("Предварительный ответ, окончательный после правления", "holding"), ("Subject to board approval", "condition"),
     ("При условии финансирования", "condition"), ("Correction to our earlier reply", "revision"),
     ("Присоединяемся к позиции коалиции", "outside_reference")],
)  # fmt: skip
def test_what_the_subject_says_of_the_whole_reply_is_asked_about(campaign: Campaign, subject: str, code: str) -> None:
    # (the subject's words never reached the checks of the reply as a whole: each was accepted as agreement)
    assert code in codes(read("Поддерживаем все рекомендации.", campaign, subject=subject))


@pytest.mark.parametrize(
    ("text", "want"),
    [("Поскольку у нас нет ресурсов на обучение других организаций, мы сами маленький фонд из трех человек, по 4.4 "
      "мы не согласны. Со всем остальным — согласны.",
      {"4.4": ("disagree",
               "у нас нет ресурсов на обучение других организаций, мы сами маленький фонд из трех человек")}),
     ("Поскольку члены наших советов должны быть независимы от бизнеса, иначе возникает конфликт интересов, "
      "рекомендацию 4.1 мы не поддерживаем.",
      {"4.1": ("disagree",
               "члены наших советов должны быть независимы от бизнеса, иначе возникает конфликт интересов")})],
)  # fmt: skip
def test_a_why_given_first_runs_to_the_clause_that_names_the_recommendation(
    campaign: Campaign, text: str, want: dict[str, tuple[str, str | None]]
) -> None:
    # (it had stopped at the first comma unless the next clause opened with "и", "а", "but")
    assert _read_with_reasons(text, want, campaign) == (want, set())


def test_the_chair_said_they_would_support_in_kyrgyz_is_hearsay(campaign: Campaign) -> None:
    text = "Биздин төрага өткөн жумадагы жыйында бул сунуштарды жалпысынан колдоорун айтты."
    assert "indirect" in codes(read(text, campaign, language="ky"))  # (accepted as agreement with all 19)


def test_a_row_not_in_a_position_to_judge_is_an_abstention(campaign: Campaign) -> None:
    text = "- Panel 1: agree\n- Panel 2: agree\n- Panel 3: not in a position to judge\n- Panel 4: agree"
    result = read(text, campaign, language="en")
    assert (stances(result)["3.4"], codes(result)) == (("abstain", None), set())


@pytest.mark.parametrize(
    ("text", "language", "want"),
    [("Частично поддерживаем 1.3 (да — на уровне района, нет — на уровне области) и 4.1.", "ru",
      {"1.3": ("partial", "да — на уровне района, нет — на уровне области"), "4.1": ("partial", None)}),
     ("Поскольку у нас нет ресурсов, уважаемые коллеги, по 4.4 мы не согласны.", "ru",
      {"4.4": ("disagree", "у нас нет ресурсов")}),
     ("Since we lack funds, unless the state pays, we disagree with 4.4.", "en",
      {"4.4": ("disagree", "we lack funds")}),
     ("As mentioned, we are small, we disagree with 4.4.", "en", {"4.4": ("disagree", None)}),
     ("Поскольку наша ассоциация объединяет сельских предпринимателей, у которых нет ресурсов на высокие технологии, "
      "3.5 не поддерживаем.", "ru",
      {"3.5": ("disagree", "наша ассоциация объединяет сельских предпринимателей, у которых нет ресурсов на высокие "
                           "технологии")})],
)  # fmt: skip
def test_what_the_third_review_found_reads_as_a_careful_reader_would(
    campaign: Campaign, text: str, language: str, want: dict[str, tuple[str, str | None]]
) -> None:
    # (a "да — …, нет — …" bracket under "Частично поддерживаем" had rejected 4.1, silently; a greeting, a condition
    # or "As mentioned" had joined the why given first)
    assert _read_with_reasons(text, want, campaign, language)[0] == want


@pytest.mark.parametrize(
    ("text", "language"),
    [("Agree with 1.1-1.5 and 2.1. Disagree with 3.5. Others ok.", "en"), ("Не согласны с 3.5. Прочее ок.", "ru")],
)  # fmt: skip
def test_others_ok_after_a_rejection_is_the_rest(campaign: Campaign, text: str, language: str) -> None:
    # ("Others ok" had been 3.5's why, the rest unread, silently)
    result = read(text, campaign, language=language)
    assert (stances(result)["3.5"], stances(result)["4.1"], codes(result)) == (
        ("disagree", None), ("agree", None), set()
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "language", "code"),
    [("Disagree with 3.5. Everyone else ok.", "en", "unread_words"),
     ("Как руководитель проекта (не от имени всего фонда) скажу, что 3.1 и 3.4 мы поддерживаем.", "ru",
      "partial_speaker")],
)  # fmt: skip
def test_a_yes_to_someone_and_a_project_speaking_for_itself_are_asked_about(
    campaign: Campaign, text: str, language: str, code: str
) -> None:
    assert code in codes(read(text, campaign, language=language))  # (each had been accepted)


def test_the_chair_said_we_agree_in_kyrgyz_is_hearsay_and_a_proverb_is_not(campaign: Campaign) -> None:
    said = "Саламатсызбы. Биздин төрага баарына макулбуз деп айтты, ошону жеткирип коёюн."
    proverb = "Сунуштарды толук колдойбуз. Пайгамбарыбыз «Адамдардын жакшысы – адамдарга пайдасы тийгени» деп айткан."
    assert "indirect" in codes(read(said, campaign, language="ky"))
    assert codes(read(proverb, campaign, language="ky")) == set()


def test_what_duplicates_each_other_and_an_id_compares_them_with_it(campaign: Campaign) -> None:
    result = read("Не согласны только с 1.5 и 2.1 — дублируют друг друга и 1.2. Всё остальное поддерживаем.", campaign)
    assert (stances(result)["1.2"][0], stances(result)["2.1"][0], codes(result)) == ("agree", "disagree", set())
