"""The web pages' words in Russian (the committee's working language) and English, chosen per session.

A plain table rather than gettext catalogues: a few dozen phrases, edited by whoever edits the pages, and a
missing one shows its key instead of failing.
"""

from __future__ import annotations

from datetime import date, datetime
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

from mailflow.committee.review import reason_words
from mailflow.settings import in_zone

__all__ = ["LANGUAGES", "header_time", "match_words", "reason_words", "when", "word"]

LANGUAGES = ("ru", "en")
DEFAULT = "ru"

WORDS: dict[str, tuple[str, str]] = {
    # (Russian, English)
    "app": ("Консультация: ответы", "Consultation: replies"),
    "nav.queue": ("Проверка", "Review"),
    "nav.dashboard": ("Сводка", "Dashboard"),
    "nav.exports": ("Выгрузки", "Exports"),
    "nav.logout": ("Выйти", "Sign out"),
    "login.title": ("Вход для членов Оргкомитета", "Committee sign-in"),
    "login.username": ("Имя пользователя", "User name"),
    "login.password": ("Пароль", "Password"),
    "login.submit": ("Войти", "Sign in"),
    "login.refused": ("Неверное имя или пароль.", "Wrong name or password."),
    "login.limited": (
        "Слишком много неудачных попыток. Попробуйте через 15 минут.",
        "Too many failed attempts. Try again in 15 minutes.",
    ),
    "login.expired": ("Сеанс истёк, войдите снова.", "Your session has expired; please sign in again."),
    "queue.title": ("Ответы, которые ждут проверки", "Replies waiting for review"),
    "queue.empty": ("Все ответы проверены.", "Every reply has been reviewed."),
    "queue.received": ("Получен", "Received"),
    "queue.from": ("От кого", "From"),
    "queue.reasons": ("Почему", "Why"),
    "queue.open": ("Открыть", "Open"),
    "queue.unknown": ("неизвестная организация", "unknown organisation"),
    "page.next": ("Дальше →", "Next →"),
    "reply.title": ("Ответ №", "Reply #"),
    "reply.from": ("Отправитель", "Sender"),
    "reply.organisation": ("Организация", "Organisation"),
    "reply.matched": ("Как сопоставлен", "Matched by"),
    "reply.reasons": ("Почему нужна проверка", "Why it needs a person"),
    "reply.own_text": ("Текст респондента", "The respondent's own text"),
    "reply.no_text": ("Своего текста в письме нет.", "The message has no text of its own."),
    "reply.original": ("Письмо целиком (текст)", "The whole message (text)"),
    "reply.html": ("HTML-версия (очищенная)", "HTML version (sanitised)"),
    "reply.attachments": ("Вложения", "Attachments"),
    "reply.download": ("скачать", "download"),
    "reply.form": ("Решение по рекомендациям", "Decision per recommendation"),
    "reply.rec": ("Рекомендация", "Recommendation"),
    "reply.stance": ("Позиция", "Stance"),
    "reply.reason": ("Обоснование", "Reason"),
    "reply.evidence": ("Основание", "Evidence"),
    "reply.choose_org": ("Выберите организацию", "Choose the organisation"),
    "reply.find_org": ("Найти организацию по названию или адресу", "Find the organisation by name or address"),
    "reply.question": (
        "Вопрос респонденту (если заполнить, уйдёт письмо-уточнение)",
        "Question to the respondent (if filled in, a clarification letter is sent)",
    ),
    "reply.note": ("Заметка для коллег", "Note for colleagues"),
    "reply.save": ("Сохранить и закрыть", "Save and close"),
    "reply.closed": ("Решение принято: ", "Decided by "),
    "reply.saved": ("Решение сохранено.", "Decision saved."),
    "reply.clarification": ("Письмо-уточнение поставлено в очередь.", "The clarification letter is queued."),
    "reply.error": ("Ошибка чтения письма", "Reading error"),
    "stance.agree": ("согласны", "agree"),
    "stance.disagree": ("не согласны", "disagree"),
    "stance.partial": ("частично", "partly"),
    "stance.abstain": ("воздерживаются", "abstain"),
    "stance.none": ("нет ответа", "no answer"),
    "sector.business": ("бизнес", "business"),
    "sector.cso": ("ОГО", "CSO"),
    "sector.all": ("все", "all"),
    "dash.title": ("Сводка по консультации", "Consultation dashboard"),
    "dash.rate": ("Доля ответивших организаций", "Organisations that have replied"),
    "dash.of": ("из", "of"),
    "dash.recs": ("Позиции по рекомендациям", "Stances per recommendation"),
    "dash.reasons": ("все обоснования", "every reason"),
    "dash.click": (
        "Нажмите на рекомендацию, чтобы увидеть все обоснования.",
        "Click a recommendation to read every reason given.",
    ),
    "dash.respondents": ("Организации", "Organisations"),
    "dash.status": ("Статус", "Status"),
    "dash.replies": ("Ответов", "Replies"),
    "dash.reminders": ("Напоминаний", "Reminders"),
    "dash.last_reply": ("Последний ответ", "Last reply"),
    "dash.no_reasons": ("Обоснований пока нет.", "No reasons yet."),
    "dash.report": ("Отчёт о консультации", "The consultation's report"),
    "dash.report_note": (
        "Все цифры подсчитаны сейчас; DOCX можно править в Word.",
        "Every figure is counted now; the DOCX can be edited in Word.",
    ),
    "dash.back": ("← к сводке", "← back to the dashboard"),
    "status.not_sent": ("не отправлено", "not sent"),
    "status.sent": ("отправлено", "sent"),
    "status.bounced": ("не доставлено", "bounced"),
    "status.replied": ("ответили", "replied"),
    "status.reminded": ("напомнили", "reminded"),
    "status.reviewed": ("проверено", "reviewed"),
    "exports.title": ("Выгрузки для отчёта", "Exports for the report"),
    "exports.stances": (
        "Организации × рекомендации: позиция и обоснование",
        "Organisations × recommendations: stance and reason",
    ),
    "exports.reasons": ("Обоснования по каждой рекомендации", "Reasons per recommendation"),
    "error.title": ("Ошибка", "Error"),
    "error.400": (
        "Запрос отклонён: форма устарела или подделана. Обновите страницу.",
        "Request refused: the form is stale or forged. Reload the page.",
    ),
    "error.404": ("Такой страницы нет.", "No such page."),
    "error.409": ("Это уже нельзя сделать", "This can no longer be done"),
    "error.500": ("Сервис временно недоступен", "The service is unavailable for now"),
    "error.back": ("На главную", "To the start page"),
    "times.zone": ("Время указано по часовому поясу", "Times are in the time zone"),
}
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

MATCH_METHODS: dict[str, tuple[str, str]] = {
    "token": ("по личному адресу для ответа", "by the personal reply address"),
    "in_reply_to": ("по заголовку In-Reply-To", "by In-Reply-To"),
    "references": ("по заголовку References", "by References"),
    "sender": ("по адресу отправителя", "by the sender's address"),
    "domain": ("по домену (предположение)", "by domain (a guess)"),
    "organisation": ("по названию организации (предположение)", "by organisation name (a guess)"),
}


def word(key: str, lang: str) -> str:
    entry = WORDS.get(key)
    return entry[1 if lang == "en" else 0] if entry else key


def match_words(method: str | None, lang: str) -> str:
    if not method:
        return "—"
    entry = MATCH_METHODS.get(method)
    return entry[1 if lang == "en" else 0] if entry else method


def when(moment: datetime | date | None, zone: ZoneInfo, lang: str, *, clock: bool = True) -> str:
    """A time as a reader of `lang` writes it, in the committee's zone (named once per page, in the footer):
    `02.03.2023 15:15` in Russian, `2 Mar 2023 15:15` in English; a bare date stays that date."""
    if moment is None:
        return "—"
    if isinstance(moment, datetime):
        moment = in_zone(moment, zone)
    day = f"{moment:%d.%m.%Y}" if lang != "en" else f"{moment.day} {MONTHS_EN[moment.month - 1]} {moment.year}"
    return f"{day} {moment:%H:%M}" if clock and isinstance(moment, datetime) else day


def header_time(value: str, zone: ZoneInfo, lang: str) -> str:
    """A message's Date header (`Thu, 02 Mar 2023 15:15:00 +0600`) as `when` shows it; as written if unparsable."""
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return value
    return when(moment, zone, lang)
