"""The report as one self-contained HTML page, from the same `Report` as the Word file, through Jinja2.

Autoescaped (organisations' names and reasons are text strangers wrote) and strict (a misspelt field is an
error, not a gap). The template lives beside the letters' (`templates/reports/`), where the committee edits text.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

from mailflow.committee.report import STANCE_ORDER, Report, day, method_rows, segments
from mailflow.committee.words import words
from mailflow.errors import TemplateError
from mailflow.settings import shipped

REPORT_TEMPLATES = shipped("templates/reports")  # the repository's folder, or its copy inside a wheel
TEMPLATE = "report.html.j2"


@cache
def _environment(directory: Path) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(directory),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def report_html(report: Report, directory: Path = REPORT_TEMPLATES) -> str:
    try:
        template = _environment(directory).get_template(TEMPLATE)
        return template.render(
            report=report,
            w=words(report.language),
            day=day,
            method_rows=method_rows(report),
            segments=segments,
            stance_order=STANCE_ORDER,
        )
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{exc.name or TEMPLATE}:{exc.lineno}", exc.message or str(exc)) from exc
    except jinja2.TemplateError as exc:
        raise TemplateError(TEMPLATE, str(exc)) from exc
