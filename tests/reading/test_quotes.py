"""The respondent's own text from plain bodies: quotes, attributions, Outlook blocks, signatures, forwards."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailflow.reading.quotes import _VERBS, _wrote_at_end, own_text


@pytest.mark.parametrize(
    "attribution",
    [
        "чт, 2 мар. 2023 г. в 10:15, Оргкомитет <dialog@committee.example>:",
        "On Thu, Mar 2, 2023 at 10:15 AM Оргкомитет <dialog@committee.example> wrote:",
        '02.03.2023, 10:15, "Оргкомитет" <dialog@committee.example>:',
        "Четверг, 2 марта 2023, 10:15 +06:00 от Оргкомитет <dialog@committee.example>:",
        "02.03.2023 10:15, Оргкомитет пишет:",
        "2 марта 2023 г., в 10:15, Оргкомитет <dialog@committee.example> написал(а):",
        '02.03.2023 10:15 пользователь "Оргкомитет" <dialog@committee.example> написал:',
        "02.03.2023 10:15, Оргкомитет жазды:",
        "Оргкомитет wrote:",
    ],
    ids=["gmail-ru", "gmail-en", "yandex", "mailru", "thunderbird-ru", "apple-ru", "android-ru", "ky", "bare-wrote"],
)
def test_attribution_line_above_a_quote_is_removed(attribution: str) -> None:
    body = f"Согласны.\n\n{attribution}\n\n> Уважаемые коллеги!\n> 1.1. Повышать свой потенциал"
    result = own_text(body)
    assert result.text == "Согласны."
    assert result.had_quote


def test_attribution_wrapped_over_two_lines_is_removed_whole() -> None:
    body = 'Hello\n02.04.2012 14:20 пользователь "bob@example.org" <\nbob@example.org> написал:\n\n> Hi\n'
    assert own_text(body).text == "Hello"


def test_quote_marks_without_a_space_are_quotes() -> None:
    assert own_text("Ок.\n\n>Четверг, 2 марта 2023, 10:15 от Оргкомитет <d@c.example>:\n>\n>Текст\n").text == "Ок."


def test_a_colon_line_that_introduces_own_text_is_kept() -> None:
    body = "Наши ответы:\n1.1 — да\n1.2 — нет"
    assert own_text(body).text == body


@pytest.mark.parametrize(
    "block",
    [
        "-----Original Message-----\nFrom: Оргкомитет\nSent: Thursday\nTo: me\nSubject: Recs",
        "-----Исходное сообщение-----\nОт: Оргкомитет\nОтправлено: 2 марта\nКому: мне\nТема: Рекомендации",
        "От: Оргкомитет <d@c.example>\nОтправлено: 2 марта 2023 г. 10:15\nКому: мне\nТема: Рекомендации",
        "From: Committee <d@c.example>\nSent: Thursday, March 2, 2023 10:15 AM\nTo: me\nSubject: Recs",
        "________________________________\nОт: Оргкомитет <d@c.example>\nОтправлено: 2 марта\nКому: мне",
        "Кимден: Оргкомитет <d@c.example>\nЖөнөтүлдү: 2023-ж. 2-март\nКимге: мага\nТемасы: Сунуштар",
        "Date: Thu, 2 Mar 2023\nSubject: Test\nFrom: d@c.example\nTo: me@example.org",
    ],
    ids=["original-en", "original-ru", "outlook-ru", "outlook-en", "outlook-rule", "outlook-ky", "hotmail"],
)
def test_outlook_unprefixed_block_and_everything_after_it_are_removed(block: str) -> None:
    body = f"Поддерживаем все.\n\n{block}\n\nУважаемые коллеги!\n1.1. Повышать свой потенциал\n"
    result = own_text(body)
    assert result.text == "Поддерживаем все."
    assert result.had_quote


def test_a_single_from_line_in_own_text_is_not_an_outlook_block() -> None:
    body = "От: ОФ «Пример»\nСогласны со всеми."
    assert own_text(body).text == body


def test_lone_attribution_with_unquoted_original_ends_the_text() -> None:
    body = "Да.\n\nOn Thu, Mar 2, 2023 at 10:15 AM Committee <d@c.example> wrote:\nDear colleagues,\n1.1. Text"
    assert own_text(body).text == "Да."


@pytest.mark.parametrize(
    "clutter",
    [
        "-- \nИван",
        "--\nИван",
        "С уважением,\nИван Петров",
        "С уважением, Иван",
        "Best regards,\nIvan",
        "Урматтоо менен,\nГүлмира",
        "Sent from my iPhone",
        "Отправлено с iPhone",
        "Отправлено из мобильной Почты Mail.ru",
        "Get Outlook for Android",
        "Данное сообщение является конфиденциальным и предназначено только для адресата.",
        "CONFIDENTIALITY NOTICE: this message is intended only for the named recipient.",
    ],
)
def test_signature_footer_and_disclaimer_are_removed(clutter: str) -> None:
    assert own_text(f"Согласны.\n\n{clutter}").text == "Согласны."


@pytest.mark.parametrize("mark", ["P.S.", "PS:", "П.С.", "Р.S.", "P.P.S."])
def test_a_postscript_under_the_signature_is_kept(mark: str) -> None:
    body = f"Согласны со всеми.\n\nС уважением,\nАйгуль\n\n{mark} По 2.1 воздерживаемся.\n\nОтправлено с iPhone"
    assert own_text(body).text == f"Согласны со всеми.\n\n{mark} По 2.1 воздерживаемся."


def test_thousands_of_signed_postscripts_are_read_in_one_pass_without_recursion() -> None:
    body = "Согласны.\n" + "С уважением,\nИван\nP.S. да\n" * 5000  # once a RecursionError
    started = time.monotonic()
    text = own_text(body).text
    assert time.monotonic() - started < 2.0
    assert text.startswith("Согласны.\n\nP.S. да") and text.count("P.S. да") == 5000


def test_regards_inside_a_long_sentence_is_not_a_signature() -> None:
    body = "С уважением к вашей работе сообщаем, что мы не согласны с рекомендацией 3.5 и просим её пересмотреть."
    assert own_text(body).text == body


def test_inline_answers_pair_with_the_quoted_paragraph_directly_above() -> None:
    body = (
        "Ответы ниже.\n\n02.03.2023 10:15, Оргкомитет пишет:\n> Уважаемые коллеги!\n>\n"
        "> 1.1. Повышать потенциал.\n\nДа.\n\n> 1.2. Усилить взаимодействие.\n> 1.3. Расширять активность.\n\n"
        "Нет, не согласны.\n\n> 1.4. Последняя.\n"
    )
    result = own_text(body)
    assert [(p.quoted, p.answer) for p in result.inline_pairs] == [
        ("1.1. Повышать потенциал.", "Да."),
        ("1.3. Расширять активность.", "Нет, не согласны."),
    ]
    assert result.text == "Ответы ниже.\n\nДа.\n\nНет, не согласны."


def test_bottom_posted_answer_is_kept_and_paired() -> None:
    result = own_text("On 04/02/2012 06:26 PM, Megan wrote:\n> Hi\nHello")
    assert result.text == "Hello"
    assert [(p.quoted, p.answer) for p in result.inline_pairs] == [("Hi", "Hello")]


def test_signature_after_inline_answers_is_removed() -> None:
    result = own_text("> 1.1. Текст\n\nДа.\n\n-- \nИван\n")
    assert result.text == "Да."
    assert result.inline_pairs[0].answer == "Да."


@pytest.mark.parametrize(
    "marker",
    [
        "---------- Forwarded message ---------",
        "-------- Пересылаемое сообщение --------",
        "-------- Forwarded Message --------",
        "Начало переадресованного сообщения:",
        "Begin forwarded message:",
    ],
)
def test_forwarded_message_in_the_new_text_is_kept(marker: str) -> None:
    body = f"Пересылаю ответ директора.\n\n{marker}\nОт: Директор <d@ngo.example>\nТема: Re: Рек\n\nСогласны с 1.1.\n"
    text = own_text(body).text
    assert text.startswith("Пересылаю ответ директора.")
    assert "Согласны с 1.1." in text


def test_our_letter_quoted_below_a_forwarded_answer_is_not_the_respondents() -> None:
    # "Отправляю повторно" with the earlier answer forwarded, then Reply's quote of our letter: its closing
    # ("…, по которым вы не согласны") was read as 19 disagreements
    body = ("Отправляю повторно.\n\n-------- Пересылаемое сообщение --------\nОт: Директор\nДата: 10.03.2023\n"
            "Тема: ответ\n\nПринимаем все, кроме 3.5.\n----------------------------------------\n\n"
            "________________________________\nОт: Оргкомитет <dialog@committee.example>\nОтправлено: 2 марта 2023 г.\n"
            "Кому: Респондент\nТема: Рекомендации\n\nПросим дать ответы по тем Рекомендациям, по которым "
            "вы не согласны.")  # fmt: skip
    text = own_text(body).text
    assert "Принимаем все, кроме 3.5." in text and "От: Директор" in text
    assert "Оргкомитет" not in text and "не согласны" not in text


def test_a_forwards_own_attribution_line_opens_its_text() -> None:
    body = ('Пересылаю ответ председателя.\n\n-------- Пересылаемое сообщение --------\n'
            '20.03.2023, 09:14, "Жанара Исаева" <j@mail.example>:\nПоддерживаем все, кроме 3.5.\n'
            '-------- Конец пересылаемого сообщения --------')  # fmt: skip
    assert "Поддерживаем все, кроме 3.5." in own_text(body).text


def test_outlook_block_in_a_forward_subject_is_the_forwarded_content() -> None:
    body = "От: Директор <d@ngo.example>\nОтправлено: 3 марта\nКому: мне\nТема: RE: Рек\n\nСогласны с 2.1.\n"
    assert "Согласны с 2.1." in own_text(body, subject="FW: RE: Рек").text
    assert own_text(body, subject="RE: Рек").text == ""


def test_a_forward_marker_inside_the_quote_is_still_a_quote() -> None:
    body = "Да.\n\n> ---------- Forwarded message ---------\n> От: x@y.example\n> Текст"
    assert own_text(body).text == "Да."


@pytest.mark.parametrize(
    ("block", "subject"),
    [
        ("Von: A <a@x.example>\nGesendet: Dienstag, 25. November 2014 14:59\nAn: B\nBetreff: Loop", "Re: Loop"),
        ("Fra: a@x.example\nSendt: 19. march 2011 12:10\nTil: B\nEmne: Loop", "Re: Loop"),
        ("Od: A <a@x.example>\nWysłano: środa, 1 marca 2023 12:00\nDo: B\nTemat: Test", "Re: Test"),
        ("*Van:* A [mailto:a@x.example]\n*Verzonden:* donderdag, 9 februari 2012\n*Aan:* b@x.example", "Re: X"),
        ("De : A [mailto:a@x.example]\nEnvoyé : vendredi 23 janvier 2015 16:39\nÀ : B\nObjet : Suivi", "Re: X"),
        ("Date: Wed, 16 May 2012 00:15:02 -0600\nTo: b@x.example", "Re: X"),
        ("  *From:* bob@x.example [mailto:\n  bob@x.example]\n  *Sent:* Wednesday, June 27, 2012\n  *To:* t", "Re: X"),
        ("-----Ursprüngliche Nachricht-----", "Re: X"),
        ("-----Oprindelig meddelelse-----", "Re: X"),
    ],
    ids=["de", "da", "pl", "nl-bold", "fr", "date-first", "wrapped-from", "de-original", "da-original"],
)
def test_header_blocks_of_other_locales_end_the_new_text(block: str, subject: str) -> None:
    body = f"Согласны со всеми.\n\n{block}\n\nУважаемые коллеги!\n1.1. Повышать свой потенциал\n"
    assert own_text(body, subject=subject).text == "Согласны со всеми."


def test_a_body_that_opens_with_a_header_block_is_the_text_below_it() -> None:
    body = "Od: Jan <jan@x.example>\nWysłano: środa, 1 marca 2023 12:00\nTemat: Test\n\nCzesc Anno,\n\nJak się masz?"
    assert own_text(body, subject="Test").text == "Czesc Anno,\n\nJak się masz?"
    assert own_text(body, subject="Re: Test").text == ""  # a reply: the block opens the quoted original


@pytest.mark.parametrize(
    "attribution",
    [
        "---- John Smith wrote ----",
        "------On 12/29/1987 17:32 PM, Julius Caesar wrote-----",
        'On Mar 8, 2012 9:59 AM, "Example.com" <\nr+7f1b094ceb90e18cca93d53d3703feae@example.com> wrote:',
        "On Nov 30, 2011, at 12:47 PM, Somebody <\n416ffd3258d4d2fa4c85cfa4c44e1721d66e3e8f4@x.example>\nwrote:",
        "Am So., 1. Jan. 2023 um 17:22 Uhr schrieb John Doe <\nnoreply@x.example>:",
        "W dniu 28 stycznia 2015 01:53 użytkownik Zoe <zoe@x.example>\nnapisał:",
        "2011/4/7 Nathan <support@x.example>",
    ],
    ids=["android", "dashes", "hashed-address", "three-lines", "german", "polish", "gmail-2011"],
)
def test_attribution_variants_above_a_quote_are_removed(attribution: str) -> None:
    assert own_text(f"Согласны.\n{attribution}\n\n> Уважаемые коллеги!\n> 1.1.").text == "Согласны."


def test_attribution_on_the_same_line_as_the_last_words_is_cut_from_it() -> None:
    body = "reply\nbla-bla - bla--- On Wed, Apr 4, 2012 at 3:59 PM, me@x.example wrote:\n> Hi"
    assert own_text(body).text == "reply\nbla-bla - bla"


def test_attribution_wrapped_over_three_lines_with_no_quote_ends_the_text() -> None:
    body = "Test reply\n\nOn Nov 30, 2011, at 12:47 PM, Somebody <\nsb@x.example>\nwrote:\n\nTest message"
    assert own_text(body).text == "Test reply"


def test_mailing_list_footer_is_removed() -> None:
    body = "Согласны.\n\n_______________________________________________\nngo-list mailing list\nngo@x.example\n"
    assert own_text(body).text == "Согласны."


def test_a_sentence_that_starts_like_a_phone_footer_is_kept() -> None:
    body = "Here is another email\n\nSent from my desk, is much easier then my mobile phone."
    assert own_text(body).text == body
    assert own_text("Согласны.\n\nSent from my iPhone").text == "Согласны."


def test_a_quoted_link_wrapped_out_of_the_quote_stays_in_it() -> None:
    body = "Blah\n\nOn Monday, 24 September, 2012 at 3:46 PM, bob wrote:\n\n> View (http://x.example/a\n_nonce=3d)\n>"
    assert own_text(body).text == "Blah"


def test_an_inline_answer_between_quoted_lines_is_not_link_debris() -> None:
    body = "> 1.1. Повышать потенциал\nСогласны\n> 1.2. Создать фонд\nНе согласны"
    assert own_text(body).text == "Согласны\n\nНе согласны"


@pytest.mark.parametrize(
    "body",
    [
        "> " * 5000 + "x",
        ("> a\n" * 50_000) + "b",
        ("От: a\n" * 30_000),
        ("x" * 200_000) + ":",
        ("1" * 100_000) + " wrote:",
        ("\n" * 100_000) + "text",
        ("Согласны, " * 20_000 + "\n") * 5,
        "reply " + "On 2012 " * 12_500 + "wrote:\n> Hi",
        "2011/4/7 " + "@" * 100_000 + "\n> Hi",
        "> a\n(" + "http://=" * 12_500 + ")\n> b",
        "Am 2023 " + "schrieb " * 12_000 + ":\n> Hi",
        "Von: a\n" + "x" * 100_000 + "\nAn: b\n",
        ("_" * 100_000 + "\n") * 2 + "mailing list",
    ],
    ids=[
        "deep-quote",
        "long-thread",
        "header-storm",
        "long-colon-line",
        "long-wrote",
        "blank-lines",
        "long-lines",
        "long-shared-line",
        "long-dated-address",
        "long-link-debris",
        "long-german-attribution",
        "long-wrapped-field",
        "long-rule",
    ],
)
def test_pathological_bodies_take_linear_time(body: str) -> None:
    start = time.perf_counter()
    own_text(body)
    assert time.perf_counter() - start < 1.0


def test_arrows_around_a_link_are_not_a_quote() -> None:
    body = "Visit us now for assistance...\n>>> >>>  http://www.domain.com <<<\nVisit our site by clicking the link"
    assert own_text(body).text == body


# The pattern `_wrote_at_end` stands for: a "wrote" verb, then its colon or dashes, at the end of the line
_WROTE = re.compile(r"(?:" + _VERBS + r")[ \t]*(?::|-{2,})[ \t]*$", re.I)


@settings(max_examples=500)
@given(
    st.lists(
        st.sampled_from(
            ["wrote", "WROTE", "пишет", "НАПИСАЛ(А)", "ha scritto", "ſchrieb", ":", "-", " ", "\t", "x", "а"]
        ),
        max_size=8,
    )
)
def test_the_verb_at_the_end_is_found_as_the_pattern_finds_it(pieces: list[str]) -> None:
    text = "".join(pieces).strip()
    assert _wrote_at_end(text) is (_WROTE.search(text) is not None)
