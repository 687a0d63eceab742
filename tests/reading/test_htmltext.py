"""HTML bodies as text: structure kept, quotes marked with ">", hostile input survived."""

from __future__ import annotations

import time

import pytest

from mailflow.reading.htmltext import html_to_text


def test_paragraphs_breaks_and_list_items_become_lines() -> None:
    html = (
        "<p>Добрый день!</p><p>Строка 1<br>Строка 2</p><ul><li>1.1 — да</li><li>1.2 — нет</li></ul>"
        "<ol><li>а</li><li>б</li></ol>"
    )
    assert html_to_text(html) == "Добрый день!\n\nСтрока 1\nСтрока 2\n\n- 1.1 — да\n- 1.2 — нет\n\n1. а\n2. б"


def test_table_row_is_one_line_with_cells_separated() -> None:
    html = "<table><tr><th>№</th><th>Позиция</th></tr><tr><td>3.5</td><td>Не <b>согласны</b></td></tr></table>"
    assert html_to_text(html) == "№ | Позиция\n3.5 | Не согласны"


def test_outlook_lines_are_lines_and_empty_lines_are_kept() -> None:
    html = '<p class="MsoNormal">Hi.</p><p class="MsoNormal"><o:p>&nbsp;</o:p></p><p class="MsoNormal">Bye</p>'
    assert html_to_text(html) == "Hi.\n\nBye"


@pytest.mark.parametrize(
    ("html", "quoted"),
    [
        ('<div>Да</div><blockquote class="gmail_quote">Текст</blockquote>', "> Текст"),
        ('<div>Да</div><blockquote type="cite">Текст</blockquote>', "> Текст"),
        ('<div>Да</div><div class="moz-cite-prefix">Оргкомитет пишет:</div>', "> Оргкомитет пишет:"),
        ('<div>Да</div><div class="yahoo_quoted">Текст</div>', "> Текст"),
        (
            '<div>Да</div><div style="border:none;border-top:solid #E1E1E1 1.0pt"><p>От: x</p></div><p>Текст</p>',
            "> Текст",
        ),
        ('<div>Да</div><div id="divRplyFwdMsg">From: x</div><div>Текст</div>', "> Текст"),
    ],
    ids=["gmail", "apple", "thunderbird-prefix", "yahoo", "outlook-border", "outlook-new"],
)
def test_quoted_parts_are_marked_with_quote_prefix(html: str, quoted: str) -> None:
    text = html_to_text(html)
    assert text.startswith("Да\n")
    assert quoted in text.splitlines()


def test_nested_quotes_get_one_mark_per_level() -> None:
    lines = html_to_text("<blockquote>a<blockquote>b</blockquote></blockquote>").splitlines()
    assert [line for line in lines if line.strip("> ")] == ["> a", "> > b"]


def test_gmail_indent_blockquote_is_own_text() -> None:
    html = '<blockquote style="margin:0 0 0 40px;border:none;padding:0px">Согласны со всеми.</blockquote>'
    assert html_to_text(html) == "Согласны со всеми."


def test_gmail_forwarded_message_is_not_marked_as_quote() -> None:
    html = (
        '<div class="gmail_quote"><div class="gmail_attr">---------- Forwarded message ---------<br>'
        "From: x</div>Да</div>"
    )
    assert not any(line.startswith(">") for line in html_to_text(html).splitlines())


def test_scripts_styles_and_head_are_dropped() -> None:
    html = (
        "<html><head><title>T</title><style>p{}</style></head>"
        "<body><script>alert(1)</script>Текст<noscript>n</noscript></body></html>"
    )
    assert html_to_text(html) == "Текст"


def test_invisible_characters_and_entities_are_cleaned() -> None:
    assert html_to_text("<div>\u200e‎четверг&nbsp;26&#160;июня\ufeff &amp; всё</div>") == "четверг 26 июня & всё"


def test_xml_declaration_and_broken_markup_are_tolerated() -> None:
    assert html_to_text('<?xml version="1.0" encoding="UTF-8"?><html><body><p>Hi<p>Bye</b></div>') == "Hi\n\nBye"


@pytest.mark.parametrize("html", ["", "   ", "<html></html>", "<!-- only a comment -->", "<<<>>>"])
def test_empty_or_junk_html_gives_empty_text(html: str) -> None:
    assert html_to_text(html).strip("<> ") == ""


@pytest.mark.parametrize(
    "html",
    [
        "<div>" * 50_000 + "deep" + "</div>" * 50_000,
        "<blockquote>" * 5_000 + "q",
        "<table>" + "<tr><td>x</td></tr>" * 50_000,
    ],
    ids=["deep-divs", "deep-quotes", "huge-table"],
)
def test_hostile_nesting_and_size_are_survived_quickly(html: str) -> None:
    start = time.perf_counter()
    html_to_text(html)
    assert time.perf_counter() - start < 3.0


def test_input_is_bounded_by_max_chars() -> None:
    text = html_to_text("<p>" + "а" * 10_000 + "</p><p>after</p>", max_chars=5_000)
    assert "after" not in text
    assert len(text) <= 5_000
