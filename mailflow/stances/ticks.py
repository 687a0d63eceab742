"""A table whose columns are the stances and whose cells hold ticks ("| 3.2 |   | х |   |"), rewritten as the
lines a person would have typed ("3.2 — Не согласны"), so that the rest of the stage reads it like any list.

Respondents fill the letter's recommendations into a grid, one row per recommendation and one column per answer
(«Согласны | Не согласны | Воздерж.», "Agree | Partly | Disagree"), and mark one cell of each row with an "x" or
a "+". Read cell by cell, the header's stance words had no IDs and the rows' ticks no meaning: the reply went to a
person, or all 19 were read from the header's first word. The column a tick stands in is its stance; a column
whose head is no stance word (a comment, "Почему") gives the row's reason. A row ticked in no stance column keeps
its IDs alone (no stance: a person looks), one ticked in two gives both (a contradiction: a person looks).
"""

from __future__ import annotations

import re

from mailflow.stances.lexicon import find_cues, fold

_ID = re.compile(r"\d\.\d{1,2}")
_IDS = re.compile(r"\d\.\d{1,2}(?:\s*(?:[-–—,]|и|and)\s*\d\.\d{1,2})*")  # a row's first cell: "3.2", "1.1–1.5"
_TICK = re.compile(r"\s*(?:[xхXХ+✓✔☑✅*•vV√]|да|yes)\s*", re.IGNORECASE)
_RULE = re.compile(r"[\s|:\-–—=+_]*")
_MOST_COLUMNS = 5  # agree, partly, disagree, abstain, and one more way of saying one of them


def _cells(line: str) -> list[str] | None:
    """The cells of a typed table's line (between pipes, or between tabs), or None for a line of no table."""
    if "|" in line:
        stripped = line.strip()
        stripped = stripped[1:] if stripped.startswith("|") else stripped
        stripped = stripped[:-1] if stripped.endswith("|") else stripped
        return [cell.strip() for cell in stripped.split("|")]
    if "\t" in line:
        return [cell.strip() for cell in line.rstrip().split("\t")]
    return None


def _stance_word(cell: str) -> bool:
    """Is this header cell a stance word and nothing else ("Не согласны", "Воздерж.", "Partly")?"""
    folded = fold(cell)
    if not re.search(r"[^\W\d_]", folded) or _ID.search(folded) or len(folded) > 30:
        return False  # (a dash alone, "—", says "no" in a row of answers; it heads no column)
    cues = find_cues(folded)
    if len(cues) != 1:
        return False
    rest = folded[: cues[0].start] + folded[cues[0].end :]
    return re.search(r"\w", rest) is None


def _header(cells: list[str]) -> tuple[dict[int, str], list[int]] | None:
    """The stance columns of a header row (their index and words) and its other columns, past the first; None
    unless two columns or more are stances, or the row names an ID (a row of answers: "3.2 | воздерживаемся | нас
    не касается")."""
    if any(_ID.search(cell) for cell in cells):
        return None
    stances = {i: cell for i, cell in enumerate(cells) if i > 0 and _stance_word(cell)}
    if not 2 <= len(stances) <= _MOST_COLUMNS:
        return None
    others = [i for i, cell in enumerate(cells) if i > 0 and i not in stances and cell]
    return stances, others


def _row(cells: list[str], stances: dict[int, str], others: list[int]) -> str | None:
    """A data row as the line it stands for; None if it is no row of ticks: no ID first ("Все", "Панель 1"), or
    a cell in a stance column that is neither empty nor a tick ("-", "o", words)."""
    if not cells or not _IDS.fullmatch(cells[0]):
        return None
    ticked = []
    for i, words in stances.items():
        cell = cells[i] if i < len(cells) else ""
        if not cell:
            continue
        if not _TICK.fullmatch(cell):
            return None
        ticked.append(words)
    if len(ticked) > 1:  # both answers, and no one comment for either: a contradiction, for a person
        return "; ".join(f"{cells[0]} — {words}" for words in ticked)
    comment = "; ".join(cells[i] for i in others if i < len(cells) and cells[i])
    why = f": {comment}" if comment else ""
    return f"{cells[0]} — {ticked[0]}{why}" if ticked else cells[0]


def untick(text: str) -> str:
    """`text` with every table of ticks under stance columns rewritten as one line per row; other text as it is.

    A table is rewritten whole or not at all: one row it cannot read ("| 1.1 | + | - |", "| Все | x | |")
    leaves the table as typed, for the rest of the stage to flag, rather than its header blanked and the row
    read some other way."""
    if "|" not in text and "\t" not in text:
        return text
    lines = text.split("\n")
    n = 0
    while n < len(lines):
        cells = _cells(lines[n])
        header = _header(cells) if cells is not None else None
        if header is None:
            n += 1
            continue
        rows: list[tuple[int, str]] = []
        end = n + 1
        while end < len(lines) and (row_cells := _cells(lines[end])) is not None:
            if not _RULE.fullmatch(lines[end]):  # "|-----|-------|": a rule under the header
                row = _row(row_cells, *header)
                if row is None:
                    rows = []
                    break
                rows.append((end, row))
            end += 1
        if rows:
            lines[n] = ""
            for at, row in rows:
                lines[at] = row
        n = max(end, n + 1)
    return "\n".join(lines)
