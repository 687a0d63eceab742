"""extract_stances: how a reply's own text becomes stances, reasons and review flags."""

from __future__ import annotations

import pytest

from mailflow.campaign.letter import Campaign
from mailflow.reading.reply import AttachmentText, InlinePair

from .support import codes, every, read, stances

# --- scope: which recommendations ---------------------------------------------------------------------


def test_all_except_records_the_exception_as_disagreement_with_its_reason(campaign: Campaign) -> None:
    result = read("Поддерживаем все рекомендации, кроме 3.5: это задача государства.", campaign)
    assert stances(result) == every(campaign, "agree", but={"3.5": ("disagree", "это задача государства")})
    assert codes(result) == set()


def test_an_exception_answered_by_a_pronoun_takes_that_stance(campaign: Campaign) -> None:
    result = read("Согласны со всеми, кроме 3.5 и 3.6, по ним воздерживаемся.", campaign)
    assert stances(result) == every(campaign, "agree", but={"3.5": ("abstain", None), "3.6": ("abstain", None)})


def test_an_exception_answered_in_a_later_sentence_is_not_flagged(campaign: Campaign) -> None:
    result = read("Все рекомендации, кроме п. 1.2, поддерживаем.\nПо п. 1.2 не согласны.", campaign)
    assert stances(result)["1.2"] == ("disagree", None)
    assert codes(result) == set()


def test_an_exception_that_says_nothing_more_is_flagged_and_prefilled(campaign: Campaign) -> None:
    result = read("Согласны со всеми, кроме 3.5.", campaign)
    assert "unclear_exception" in codes(result)
    assert stances(result)["3.5"] == ("disagree", None)
    assert stances(result)["1.1"] == ("agree", None)


def test_a_specific_stance_overrides_a_general_one_without_contradiction(campaign: Campaign) -> None:
    result = read("Рекомендации поддерживаем. По 3.5 воздерживаемся.", campaign)
    assert stances(result) == every(campaign, "agree", but={"3.5": ("abstain", None)})
    assert codes(result) == set()


def test_a_panel_and_an_audience_together_mean_their_intersection(campaign: Campaign) -> None:
    result = read("Рекомендации раздела 3 для бизнеса поддерживаем.", campaign)
    assert stances(result) == {"3.1": ("agree", None), "3.2": ("agree", None)}


def test_a_heading_panel_does_not_widen_the_ids_listed_under_it(campaign: Campaign) -> None:
    result = read("Section 3: we support 3.3–3.8; 3.1 and 3.2 are not applicable.", campaign, language="en")
    assert stances(result)["3.1"] == ("abstain", "not applicable")  # why they abstain, as labellers record it
    assert stances(result)["3.3"] == ("agree", None)
    assert codes(result) == set()


def test_numbered_paragraphs_of_an_official_letter_are_not_ids(campaign: Campaign) -> None:
    text = "1. Ассоциация поддерживает все рекомендации первого раздела.\n2. Рекомендацию 4.3 отклоняем."
    result = read(text, campaign)
    expected = {r.id: ("agree", None) for r in campaign.in_panel(1)} | {"4.3": ("disagree", None)}
    assert stances(result) == expected


def test_a_recommendation_cited_by_its_words_is_found_without_an_id(campaign: Campaign) -> None:
    result = read("С рекомендацией о создании новых рабочих мест в высокотехнологичных областях не согласны.", campaign)
    assert stances(result) == {"3.5": ("disagree", None)}


def test_a_recommendation_described_too_vaguely_is_flagged_not_guessed(campaign: Campaign) -> None:
    result = read("Рекомендацию о сотрудничестве с бизнесом не поддерживаем.", campaign)
    assert stances(result) == {}
    assert "unclear_reference" in codes(result)


# --- stances and reasons ------------------------------------------------------------------------------


def test_ids_first_and_stance_first_phrasing_split_correctly(campaign: Campaign) -> None:
    expected = {"1.1": ("agree", None), "1.2": ("agree", None), "1.3": ("disagree", None)}
    assert stances(read("Согласны с 1.1, 1.2, не согласны с 1.3.", campaign)) == expected
    assert stances(read("1.1, 1.2 — согласны; 1.3 — нет.", campaign)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "4.3 — не согласны, так как совет уже есть",
        "4.3 — не согласны, поскольку совет уже есть",
        "4.3 — не согласны, потому что совет уже есть",
        "4.3 — не согласны: совет уже есть",
        "4.3 — не согласны — совет уже есть.",
        "4.3 — не согласны.\nСовет уже есть.",
    ],
)
def test_the_reason_is_what_follows_the_disagreement_trimmed(text: str, campaign: Campaign) -> None:
    [(stance, reason)] = stances(read(text, campaign)).values()
    assert (stance, reason and reason.lower()) == ("disagree", "совет уже есть")


def test_a_stance_word_inside_the_reason_does_not_count(campaign: Campaign) -> None:
    result = read("Не согласны с 4.3, так как мы уже поддерживаем городской совет.", campaign)
    assert stances(result) == {"4.3": ("disagree", "мы уже поддерживаем городской совет")}


def test_agreement_carries_no_reason(campaign: Campaign) -> None:
    assert stances(read("1.1 — согласны, будем участвовать", campaign)) == {"1.1": ("agree", None)}


def test_in_general_but_is_partial_with_the_but_clause_as_reason(campaign: Campaign) -> None:
    result = read("По 2.1 в целом согласны, но только в части обмена опытом.", campaign)
    assert stances(result) == {"2.1": ("partial", "только в части обмена опытом")}


def test_the_sentence_after_a_bare_disagreement_is_not_taken_when_it_is_a_closing(campaign: Campaign) -> None:
    assert stances(read("Не согласны с 4.3.\nС уважением, Айбек", campaign)) == {"4.3": ("disagree", None)}


def test_no_objection_is_agreement(campaign: Campaign) -> None:
    assert stances(read("По 3.4 возражений нет.", campaign)) == {"3.4": ("agree", None)}


def test_terse_lists_and_symbols(campaign: Campaign) -> None:
    result = read("1.1 +\n1.2 да\n1.3 нет\n1.4 ✓\n1.5 ✗\n2.1 -", campaign)
    assert stances(result) == {
        "1.1": ("agree", None),
        "1.2": ("agree", None),
        "1.3": ("disagree", None),
        "1.4": ("agree", None),
        "1.5": ("disagree", None),
        "2.1": ("disagree", None),
    }


def test_a_table_row_takes_its_position_cell_and_its_comment_as_reason(campaign: Campaign) -> None:
    text = (
        "№ | Рекомендация | Позиция | Комментарий\n"
        "4.3 | Создание совещательного органа | Не поддерживаем | формально\n"
        "4.4 | Обучать местные ОГО | Поддерживаем | —"
    )
    assert stances(read(text, campaign)) == {"4.3": ("disagree", "формально"), "4.4": ("agree", None)}


def test_a_yes_inside_prose_is_not_a_vote(campaign: Campaign) -> None:
    result = read("Нет: у нас нет партнеров, да и времени нет.", campaign, pairs=(InlinePair("1.2. текст", ""),))
    assert codes(result) == {"no_scope"}


def test_quoted_letter_text_is_not_read_as_our_respondents_stance(campaign: Campaign) -> None:
    text = "«Поддержать разработку и реализацию совместных с ОГО программ по повышению цифровой грамотности» — нет."
    assert stances(read(text, campaign)) == {"3.1": ("disagree", None)}


# --- other places the answer can be ---------------------------------------------------------------------


def test_an_inline_answer_is_about_the_quoted_recommendation_even_without_its_number(campaign: Campaign) -> None:
    rec = campaign.get("4.3")
    assert rec is not None
    result = read("Ответы ниже.", campaign, pairs=(InlinePair(rec.text, "Не согласны, совет уже есть."),))
    assert stances(result) == {"4.3": ("disagree", "совет уже есть")}


def test_an_inline_answer_left_in_the_text_is_read_once(campaign: Campaign) -> None:
    pair = InlinePair("1.1. Повышать свой потенциал", "Да, согласны.")
    result = read("Ответы под рекомендациями.\n\nДа, согласны.", campaign, pairs=(pair,))
    assert stances(result) == {"1.1": ("agree", None)}
    assert codes(result) == set()


def test_the_subject_can_carry_the_answer(campaign: Campaign) -> None:
    result = read("См. тему.", campaign, subject=f"Re: {campaign.letter.subject} — согласны со всеми")
    assert stances(result) == every(campaign, "agree")


def test_our_own_subject_gives_no_stance(campaign: Campaign) -> None:
    assert codes(read("", campaign, subject=f"RE: {campaign.letter.subject}")) == {"no_stance"}


def test_attachment_text_is_read_like_the_body(campaign: Campaign) -> None:
    attachment = AttachmentText("ответ.docx", "application/docx", 10, text="4.3 | Не согласны | дублирует совет")
    assert stances(read("Ответ во вложении.", campaign, attachments=(attachment,))) == {
        "4.3": ("disagree", "дублирует совет")
    }


# --- flags ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Спасибо, обсудим на правлении и ответим.", "holding"),
        ("Что имеется в виду под рекомендацией 4.3?", "question"),
        ("4.3 — согласны.\n4.3 — не согласны.", "contradiction"),
        ("5.1 — согласны", "unknown_id"),
        ("Поддерживаем пункты 1, 2 и 5.", "ambiguous_number"),
        ("1 — да\n2 — нет", "ambiguous_number"),
        ("Не во всём согласны с рекомендациями.", "ambiguous_negation"),
        ("Поддерживаем 3.1 при условии финансирования.", "condition"),
        ("Рекомендацию 1.5 поддерживаем, но у нас нет средств.", "reservation"),
        ("Согласны со всеми, кроме 3.5.", "unclear_exception"),
        ("Не согласны.", "no_scope"),
        ("По 4.3 есть замечания.", "no_stance_for_id"),
        ("Письмо получили, спасибо.", "no_stance"),
        ("Barcha tavsiyalarni qo'llab-quvvatlaymiz.", "language"),
        ("我们支持所有建议。", "language"),
    ],
)
def test_each_doubt_is_flagged_with_its_code(text: str, code: str, campaign: Campaign) -> None:
    result = read(text, campaign)
    assert code in codes(result)
    assert all(r.message and "{" not in r.message for r in result.review_reasons)


def test_an_unreadable_attachment_is_flagged_with_its_name(campaign: Campaign) -> None:
    attachment = AttachmentText("scan.pdf", "application/pdf", 100, problem="no text layer")
    result = read("Ответ во вложении.", campaign, attachments=(attachment,))
    assert [r.code for r in result.review_reasons if "scan.pdf" in r.message] == ["attachment_unreadable"]


def test_a_typo_is_read_and_a_flagged_reply_still_prefills_what_was_found(campaign: Campaign) -> None:
    result = read("1.1 — соглсны\n1.2 — согласны при условии финансирования", campaign)
    assert stances(result) == {"1.1": ("agree", None), "1.2": ("agree", None)}
    assert codes(result) == {"condition"}


def test_a_stance_alongside_all_of_the_same_stance_needs_no_scope(campaign: Campaign) -> None:
    result = read("Возражений нет.\nРекомендации принимаем.", campaign)
    assert stances(result) == every(campaign, "agree")
    assert codes(result) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Рекомендаций, с которыми мы не согласны, нет.",
        "Вы просили ответить по рекомендациям, по которым мы не согласны.",
    ],
)
def test_a_stance_inside_a_relative_clause_is_flagged_as_indirect(text: str, campaign: Campaign) -> None:
    assert "indirect" in codes(read(text, campaign))


def test_a_relative_clause_on_an_id_states_a_stance(campaign: Campaign) -> None:
    result = read("Поддерживаем все, кроме 4.3, которую считаем нецелесообразной.", campaign)
    assert stances(result) == every(campaign, "agree", but={"4.3": ("disagree", None)})
    assert codes(result) == set()


@pytest.mark.parametrize(
    "text",
    ["Согласны с большинством рекомендаций.", "We agree with most recommendations.", "Көпчүлүгүн колдойбуз.",
     "Согласны со всеми рекомендациями, которые касаются нашей работы.",
     "Рекомендации, адресованные ОГО, поддерживаем."],
)  # fmt: skip
def test_a_share_of_the_recommendations_that_names_none_is_a_vague_scope(text: str, campaign: Campaign) -> None:
    assert "vague_scope" in codes(read(text, campaign))


def test_a_line_quoted_with_a_chevron_is_not_the_respondents_word(campaign: Campaign) -> None:
    assert stances(read("> 4.3 — не согласны\nСогласны со всеми.", campaign)) == every(campaign, "agree")


def test_an_exception_word_with_nothing_recognisable_after_it_is_flagged(campaign: Campaign) -> None:
    assert "unclear_exception" in codes(read("Согласны со всеми, кроме тех, что нам не подходят.", campaign))


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("4.2 да 4.3 нет (у нас уже работает совет) 4.4 да", {"4.2": "agree", "4.3": "disagree", "4.4": "agree"}),
        ("4.2 ок 4.3 нееет 4.4 ок", {"4.2": "agree", "4.3": "disagree", "4.4": "agree"}),
    ],
    ids=["bracketed-reason", "held-letter"],
)
def test_a_terse_answer_with_a_bracket_or_a_held_letter_answers_its_own_id(
    text: str, want: dict[str, str], campaign: Campaign
) -> None:
    """A phone's "нееет" and "нет (почему)" are that ID's answer; before, 4.3 took the next ID's "да"."""
    assert {rec: stance for rec, (stance, _) in stances(read(text, campaign)).items()} == want


def test_a_bracketed_reason_after_a_terse_no_is_kept_without_its_brackets(campaign: Campaign) -> None:
    result = read("4.3 нет (у нас уже работает совет)", campaign)
    assert stances(result) == {"4.3": ("disagree", "у нас уже работает совет")}


@pytest.mark.parametrize(
    "signature", ["Гулнара Т., бухгалтер АМСБ Ж-А", "Т.Б. Абдыкадыров", "Айбек, координатор проекта"]
)
def test_a_signature_under_an_exception_is_not_its_reason(signature: str, campaign: Campaign) -> None:
    """ "Согласны со всеми кроме 4.3." says nothing of 4.3; the name below it must not pass for the reason."""
    result = read(f"Согласны со всеми кроме 4.3.\n{signature}", campaign)
    assert stances(result)["4.3"][1] is None
    assert "unclear_exception" in codes(result)
