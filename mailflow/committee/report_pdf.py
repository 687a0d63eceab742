"""The report as PDF, printed from its HTML page by WeasyPrint (pure layout engine, pango for text shaping).

WeasyPrint follows the page's @page rules (A4, page numbers) and keeps a recommendation's bar and table on one
page. It needs Debian's pango libraries; without them the import fails and the report says so in one line.
"""

from __future__ import annotations

import logging

from mailflow.errors import ReportError

# WeasyPrint reports every CSS property it does not know at WARNING level; the report uses only known ones,
# and a browser-only property (e.g. `min-height: 80vh` on screen) is not worth a line on the console
logging.getLogger("weasyprint").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)


def report_pdf(html: str) -> bytes:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: the pango libraries are missing
        raise ReportError("pdf", f"WeasyPrint is not usable here ({exc}); use --format docx or html") from exc
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf
