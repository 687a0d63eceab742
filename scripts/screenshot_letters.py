"""Screenshots of the rendered appeal for the README: headless Chromium on the letter's HTML part, at a
desktop and a phone width, in Russian (to a business association) and Kyrgyz (to a CSO).

Run: python scripts/screenshot_letters.py [--chromium /usr/bin/chromium] [--out docs/screenshots]
Uses Playwright with the system Chromium; it downloads no browser.
"""

from __future__ import annotations

import argparse
import email
import tempfile
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from pathlib import Path

from playwright.sync_api import sync_playwright

from mailflow.campaign.letter import Audience, load_campaign
from mailflow.sending.compose import SHIPPED_TEMPLATES, Addressee, LetterKind, compose_letter, template_environment
from mailflow.settings import SenderSettings

ROOT = Path(__file__).resolve().parent.parent
LETTERS = {
    "ru": Addressee(
        "info@biz-alliance-osh.example",
        "Ассоциация «Бизнес-Альянс Ош»",
        "Айбек Токтогулов",
        Audience.BUSINESS,
        "ru",
        "k7f3q2ab",
    ),
    "ky": Addressee(
        "gulmira@zhashtar.example", "КБ «Жаштар демилгеси»", "Гулмира Асанова", Audience.CSO, "ky", "m2n4p6qr"
    ),
}
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def appeal_html(to: Addressee) -> str:
    campaign = load_campaign(ROOT / "config" / "campaigns" / "appeal-2023.toml")
    letter = compose_letter(
        template_environment(SHIPPED_TEMPLATES),
        LetterKind.APPEAL,
        campaign,
        to,
        SenderSettings(),
        {},
        message_id="<appeal.screenshot@committee.example>",
        now=datetime(2023, 3, 15, 9, 0, tzinfo=UTC),
    )
    html = email.message_from_bytes(letter.raw, policy=policy.default).get_body(("html",))
    assert isinstance(html, EmailMessage)
    return str(html.get_content())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
        for language, to in LETTERS.items():
            page_file = Path(folder) / f"appeal-{language}.html"
            page_file.write_text(appeal_html(to), encoding="utf-8")
            for size, viewport in SIZES.items():
                page = browser.new_page(viewport=viewport, is_mobile=size == "phone")  # type: ignore[arg-type]
                page.goto(page_file.as_uri())
                target = args.out / f"appeal-{language}-{size}.png"
                page.screenshot(path=str(target), full_page=True)
                page.close()
                print(target)
        browser.close()


if __name__ == "__main__":
    main()
