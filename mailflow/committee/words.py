"""The committee's documents in Russian, Kyrgyz and English: the words of the report and of the weekly digest.

A plain table, like the web pages' (`mailflow.web.i18n`): a few dozen phrases a committee member can correct
here, each with `{named}` gaps filled by `Words.__call__`. Every key has all three languages (a test checks),
so a document never mixes languages; the stance words are shared by the report's tables and the digest's bars.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

LANGUAGES = ("ru", "ky", "en")
DEFAULT_LANGUAGE = "ru"

# key: (Russian, Kyrgyz, English)
PHRASES: dict[str, tuple[str, str, str]] = {
    "stance.agree": ("за", "макул", "agree"),
    "stance.partial": ("частично", "жарым-жартылай", "partly"),
    "stance.disagree": ("против", "каршы", "disagree"),
    "stance.abstain": ("воздерж.", "калыс", "abstain"),
    "stance.none": ("нет ответа", "жооп жок", "no answer"),
    "sector.all": ("все", "баары", "all"),
    "sector.business": ("бизнес", "бизнес", "business"),
    "sector.cso": ("ОГО", "ЖКУ", "CSO"),
    # the weekly digest's headline
    "digest.new": (
        "Новых ответов за неделю: {replies} (новых организаций: {respondents}).",
        "Жумадагы жаңы жооптор: {replies} (жаңы уюмдар: {respondents}).",
        "New replies this week: {replies} (new organisations: {respondents}).",
    ),
    "digest.rate": (
        "Ответили {respondents} из {recipients} организаций ({rate}%).",
        "{recipients} уюмдун {respondents} жооп берди ({rate}%).",
        "{respondents} of {recipients} organisations have replied ({rate}%).",
    ),
    "digest.pending": (
        "Ждут проверки: {queue}; недоставленных писем: {bounces}; не ответили: {silent}.",
        "Текшерүүнү күтүүдө: {queue}; жеткирилбеген каттар: {bounces}; жооп бербегендер: {silent}.",
        "Waiting for review: {queue}; undelivered letters: {bounces}; not answered: {silent}.",
    ),
    # the report
    "report.kind": (
        "Отчёт об итогах консультации",
        "Консультациянын жыйынтыктары боюнча отчёт",
        "Report on the consultation",
    ),
    "report.committee": ("Подготовлен: {committee}", "Даярдаган: {committee}", "Prepared by: {committee}"),
    "report.date": ("Дата отчёта: {date}", "Отчёттун датасы: {date}", "Date of the report: {date}"),
    "report.period": (
        "Консультация: письма разосланы {start}, последний ответ получен {end}",
        "Консультация: каттар {start} жөнөтүлгөн, акыркы жооп {end} алынган",
        "Consultation: letters sent on {start}, last reply received on {end}",
    ),
    "report.contents": ("Содержание", "Мазмуну", "Contents"),
    "report.method": ("Как проводилась консультация", "Консультация кантип өткөрүлдү", "How the consultation was run"),
    "report.method_intro": (
        "Оргкомитет направил письмо с рекомендациями бизнес-ассоциациям и организациям гражданского общества "
        "и попросил ответить по каждой рекомендации: согласны, частично согласны, не согласны или воздерживаются, "
        "и почему. Ответы прочитаны программой mailflow; ответы, в которых она сомневалась, проверил член "
        "Оргкомитета. Все цифры ниже подсчитаны по базе данных консультации на дату отчёта.",
        "Уюштуруу комитети бизнес-ассоциацияларга жана жарандык коом уюмдарына сунуштамалар менен кат жөнөтүп, "
        "ар бир сунуштама боюнча жооп берүүнү суранды: макул, жарым-жартылай макул, каршы же калыс, жана эмне "
        "үчүн. Жоопторду mailflow программасы окуду; ал күмөн санаган жоопторду Уюштуруу комитетинин мүчөсү "
        "текшерди. Төмөнкү сандардын баары отчёттун датасындагы консультациянын маалымат базасынан эсептелген.",
        "The organising committee sent its letter with the recommendations to business associations and "
        "civil-society organisations and asked for an answer on each recommendation: agree, partly agree, "
        "disagree or abstain, and why. The replies were read by mailflow; a committee member checked every "
        "reply it was unsure of. Every figure below is counted from the consultation's database on the date "
        "of the report.",
    ),
    "method.figure": ("Показатель", "Көрсөткүч", "Figure"),
    "method.value": ("Значение", "Мааниси", "Value"),
    "method.sent": ("Писем отправлено", "Жөнөтүлгөн каттар", "Letters sent"),
    "method.delivered": ("доставлено", "жеткирилди", "delivered"),
    "method.bounced": ("не доставлено (возврат)", "жеткирилген жок (кайтып келди)", "bounced"),
    "method.replies": ("Ответов получено", "Алынган жооптор", "Replies received"),
    "method.respondents": ("Организаций ответили", "Жооп берген уюмдар", "Organisations that replied"),
    "method.automatic": ("прочитано автоматически", "автоматтык түрдө окулду", "read automatically"),
    "method.reviewed": (
        "проверено членом Оргкомитета",
        "Уюштуруу комитетинин мүчөсү текшерди",
        "checked by a committee member",
    ),
    "method.corrected": (
        "из них исправлено при проверке",
        "анын ичинен текшерүүдө оңдолду",
        "of which corrected by the reviewer",
    ),
    "method.waiting": ("ждут проверки", "текшерүүнү күтүүдө", "waiting for review"),
    "method.rate": ("Доля ответивших: {sector}", "Жооп бергендердин үлүшү: {sector}", "Response rate: {sector}"),
    "method.rate_value": (
        "{respondents} из {recipients} ({percent}%)",
        "{recipients} ичинен {respondents} ({percent}%)",
        "{respondents} of {recipients} ({percent}%)",
    ),
    "sector.business_long": ("бизнес-ассоциации", "бизнес-ассоциациялар", "business associations"),
    "sector.cso_long": (
        "организации гражданского общества",
        "жарандык коом уюмдары",
        "civil-society organisations",
    ),
    "report.results": ("Позиции по рекомендациям", "Сунуштамалар боюнча позициялар", "Stances per recommendation"),
    "report.panel": ("Панель {number}. {title}", "{number}-панель. {title}", "Panel {number}. {title}"),
    "report.rec": ("Рекомендация {rec_id}", "{rec_id}-сунуштама", "Recommendation {rec_id}"),
    "report.audience.business": (
        "Адресована бизнес-ассоциациям.",
        "Бизнес-ассоциацияларга арналган.",
        "Addressed to business associations.",
    ),
    "report.audience.cso": (
        "Адресована организациям гражданского общества.",
        "Жарандык коом уюмдарына арналган.",
        "Addressed to civil-society organisations.",
    ),
    "report.who": ("Кто", "Ким", "Who"),
    "report.total": ("всего", "баары", "total"),
    "report.reasons": (
        "Обоснования и предложения",
        "Негиздемелер жана сунуштар",
        "Reasons and counter-proposals",
    ),
    "report.no_reasons": (
        "Обоснований не приведено.",
        "Негиздеме келтирилген жок.",
        "No reasons were given.",
    ),
    "quotes.disagree": ("Не согласны", "Каршы", "Disagree"),
    "quotes.partial": ("Согласны частично", "Жарым-жартылай макул", "Partly agree"),
    "quotes.agree": ("Согласны", "Макул", "Agree"),
    "quotes.abstain": ("Воздержались", "Калыс калышты", "Abstain"),
    "annex": ("Приложение", "Тиркеме", "Annex"),
    "annex.answered": ("Организации, которые ответили", "Жооп берген уюмдар", "Organisations that answered"),
    "annex.silent": ("Организации, которые не ответили", "Жооп бербеген уюмдар", "Organisations that did not answer"),
    "annex.bounced": (
        "Адреса, на которые письмо не доставлено",
        "Кат жеткирилбеген даректер",
        "Addresses that bounced",
    ),
    "annex.organisation": ("Организация", "Уюм", "Organisation"),
    "annex.sector": ("Сектор", "Сектор", "Sector"),
    "annex.date": ("Дата первого ответа", "Биринчи жооптун датасы", "First reply"),
    "annex.email": ("Адрес", "Дарек", "Address"),
    "annex.none": ("Нет.", "Жок.", "None."),
    "report.footer": (
        "Отчёт составлен mailflow по базе данных консультации; текст можно править.",
        "Отчётту mailflow консультациянын маалымат базасы боюнча түздү; текстти оңдоого болот.",
        "Written by mailflow from the consultation's database; the text may be edited.",
    ),
}


@dataclass(frozen=True)
class Words:
    """The phrases of one language; `words("report.rec", rec_id="1.3")` fills a phrase's gaps."""

    language: str

    def __call__(self, key: str, **values: Any) -> str:
        phrase = PHRASES[key][LANGUAGES.index(self.language)]
        return phrase.format(**values) if values else phrase

    def stances(self) -> dict[str, str]:
        """Stance (and "none") to its word, as the digest's templates take it."""
        return {key.removeprefix("stance."): self(key) for key in PHRASES if key.startswith("stance.")}


def words(language: str) -> Words:
    """The language's words; an unknown language gets Russian, the committee's working language."""
    return Words(language if language in LANGUAGES else DEFAULT_LANGUAGE)
