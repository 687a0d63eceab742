"""What the dashboard, the exports, `mailflow status` and the digest count, asked of the database.

A consultation can go to a hundred thousand organisations, so nothing here reads the campaign into Python:
the tallies and each organisation's status are kept counted by the database (`mailflow.store.counts`), other
counts are GROUP BY queries, lists are pages in a fixed order continued after the last row shown (keyset
pagination: `after`), and exports are streamed a few hundred rows at a time. No query takes a list of IDs
as parameters (PostgreSQL refuses more than 65,535), and no letter's body is read.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import chain, groupby
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from sqlalchemy import (
    ClauseElement,
    ColumnElement,
    Connection,
    Select,
    and_,
    case,
    func,
    literal,
    or_,
    select,
    true,
    tuple_,
)
from sqlalchemy.orm import Session, aliased

from mailflow.store.counts import recommendation_stances, respondents_before, sector_counts
from mailflow.store.models import (
    KEPT,
    CampaignRow,
    InboundRow,
    LetterRow,
    RecipientRow,
    RecommendationRow,
    ResponseHistoryRow,
    ResponseRow,
    ReviewItemRow,
)

if TYPE_CHECKING:
    import psycopg

STREAM_ROWS = 500  # rows fetched at a time when streaming an export
REASON_ORDER = ("disagree", "partial", "agree", "abstain")  # objections first: they are what needs an answer


@dataclass(frozen=True)
class RecFact:
    rec_id: str
    panel: int
    audience: str  # all | business | cso
    text: str


@dataclass(frozen=True)
class RecipientFact:
    id: int
    organisation: str
    email: str
    sector: str  # business | cso


@dataclass(frozen=True)
class CampaignFacts:
    """The small part of a campaign every report starts from: its recommendations and how many it asked."""

    id: int | None  # None: not yet in the database (an empty dashboard, not an error)
    slug: str
    title: str
    recommendations: tuple[RecFact, ...]
    sectors: dict[str, int]  # recipients per sector

    @property
    def recipients(self) -> int:
        return sum(self.sectors.values())

    def rec(self, rec_id: str) -> RecFact | None:
        return next((r for r in self.recommendations if r.rec_id == rec_id), None)


@dataclass(frozen=True)
class RespondentRow:
    """One organisation's line on the dashboard; `status` is a `tally.RespondentStatus` value."""

    recipient: RecipientFact
    status: str
    replies: int
    reminders: int
    last_reply_at: datetime | None


@dataclass(frozen=True)
class ReasonRow:
    recipient_id: int
    organisation: str
    sector: str
    stance: str
    reason: str


class ReasonQuote(NamedTuple):
    """A stance given with its reason, as the reasons export writes it and the report quotes it."""

    rec_id: str
    text: str  # the recommendation's
    organisation: str
    sector: str
    stance: str
    reason: str


@dataclass(frozen=True)
class ShiftRow:
    organisation: str
    rec_id: str
    old: str
    new: str  # "none" when a reviewer struck the stance out
    at: datetime


@dataclass(frozen=True)
class QueueFact:
    item_id: int
    who: str  # the organisation, else the sender's address
    created_at: datetime
    reasons: tuple[str, ...]  # the codes


@dataclass(frozen=True)
class OrganisationOutcome:
    """Where one organisation ended up, for the report's annex: when it first answered, whether mail bounced."""

    recipient: RecipientFact
    first_reply_at: datetime | None  # its first human reply; None: it has not answered
    bounced: bool  # a letter to it came back


@dataclass(frozen=True)
class BounceRow:
    organisation: str
    email: str
    kind: str


def campaign_facts(session: Session, slug: str) -> CampaignFacts:
    campaign = session.execute(select(CampaignRow.id, CampaignRow.title).where(CampaignRow.slug == slug)).one_or_none()
    if campaign is None:
        return CampaignFacts(None, slug, "", (), {})
    recs = session.scalars(
        select(RecommendationRow)
        .where(RecommendationRow.campaign_id == campaign.id)
        .order_by(RecommendationRow.position)
    )
    return CampaignFacts(
        campaign.id,
        slug,
        campaign.title,
        tuple(RecFact(r.rec_id, r.panel, r.audience, r.text) for r in recs),
        sector_counts(session, campaign.id),
    )


def organisation_outcomes(session: Session, campaign_id: int) -> Iterator[OrganisationOutcome]:
    """Every organisation by name with its first reply and whether a letter to it bounced, streamed: one query
    (the first reply kept on the recipient's row, an indexed EXISTS for the bounce) whose rows arrive a few
    hundred at a time."""
    bounced = (
        select(LetterRow.id).where(LetterRow.recipient_id == RecipientRow.id, LetterRow.status == "bounced").exists()
    )
    query = (
        select(
            RecipientRow.id,
            RecipientRow.organisation,
            RecipientRow.email,
            RecipientRow.sector,
            KEPT.first_reply_at,
            bounced.label("bounced"),
        )
        .where(RecipientRow.campaign_id == campaign_id)
        .order_by(RecipientRow.organisation, RecipientRow.id)
        .execution_options(yield_per=STREAM_ROWS)
    )
    for recipient_id, org, email, sector, first_at, was_bounced in session.execute(query):
        recipient = RecipientFact(recipient_id, org, email, sector)
        yield OrganisationOutcome(recipient, _utc_or_none(first_at), bool(was_bounced))


def appeals_sent_span(session: Session, campaign_id: int) -> tuple[datetime, datetime] | None:
    """When the first and the last appeal left; None before any has."""
    first, last = session.execute(
        select(func.min(LetterRow.sent_at), func.max(LetterRow.sent_at)).where(
            LetterRow.campaign_id == campaign_id, LetterRow.kind == "appeal", LetterRow.sent_at.is_not(None)
        )
    ).one()
    return None if first is None or last is None else (utc(first), utc(last))


def replies_between(session: Session, campaign_id: int, start: datetime, end: datetime) -> int:
    """Human reply messages received in [start, end)."""
    query = (
        select(func.count())
        .select_from(InboundRow)
        .join(RecipientRow, RecipientRow.id == InboundRow.recipient_id)
        .where(
            RecipientRow.campaign_id == campaign_id,
            InboundRow.kind == "reply",
            InboundRow.received_at >= start,
            InboundRow.received_at < end,
        )
    )
    return int(session.scalar(query) or 0)


def _by_organisation(query: Select[Any], after: int | None, session: Session) -> Select[Any]:
    """Continue the list (ordered by organisation, then id) after the recipient `after`."""
    if after is not None:
        previous = session.scalar(select(RecipientRow.organisation).where(RecipientRow.id == after))
        if previous is not None:
            query = query.where(tuple_(RecipientRow.organisation, RecipientRow.id) > tuple_(literal(previous), after))
    return query.order_by(RecipientRow.organisation, RecipientRow.id)


def respondent_page(
    session: Session, campaign_id: int, *, after: int | None = None, limit: int = 50, status: str | None = None
) -> list[RespondentRow]:
    """A page of organisations with their status, by name; `status` keeps only those in that status (the
    status, replies and reminders are kept on each recipient's row: `mailflow.store.counts`)."""
    r = RecipientRow
    columns: tuple[Any, ...] = (
        r.id,
        r.organisation,
        r.email,
        r.sector,
        KEPT.status,
        KEPT.replies,
        KEPT.last_reply_at,
        KEPT.reminders,
    )
    query: Select[Any] = select(*columns).where(r.campaign_id == campaign_id)
    if status is not None:
        query = query.where(KEPT.status == status)
    rows = session.execute(_by_organisation(query, after, session).limit(limit))
    return [
        RespondentRow(RecipientFact(i, org, email, sector), state, count, reminders, _utc_or_none(last))
        for i, org, email, sector, state, count, last, reminders in rows
    ]


def _stance_rank() -> ColumnElement[int]:
    return case({stance: i for i, stance in enumerate(REASON_ORDER)}, value=ResponseRow.stance, else_=9)


def reasons_page(
    session: Session, campaign_id: int, rec_id: str, *, after: tuple[int, str, int] | None = None, limit: int = 100
) -> list[ReasonRow]:
    """Stances given on one recommendation with their reasons, objections first, then by organisation.

    `after` is (stance rank, organisation, recipient id) of the last row shown. Read a stance at a time, each in
    the order of an index, never sorting the recommendation's responses (`reasons_query`)."""
    rec = session.scalar(
        select(RecommendationRow.id).where(
            RecommendationRow.campaign_id == campaign_id, RecommendationRow.rec_id == rec_id
        )
    )
    if rec is None:
        return []
    given = recommendation_stances(session, rec)
    groups: list[tuple[int, tuple[str, ...]]] = [(rank, (stance,)) for rank, stance in enumerate(REASON_ORDER)]
    others = tuple(sorted(stance for stance in given if stance not in REASON_ORDER))
    if others:  # not a `Stance`: kept for whatever wrote it, last
        groups.append((reason_rank(others[0]), others))
    organisations = sum(sector_counts(session, campaign_id).values())
    rows: list[ReasonRow] = []
    for rank, stances in groups:
        if after is not None and rank < after[0]:
            continue
        start = (after[1], after[2]) if after is not None and rank == after[0] else None
        size = sum(given.get(stance, 0) for stance in stances)
        rows += _stance_page(session, campaign_id, rec, stances, start, limit - len(rows), limit * organisations, size)
        if len(rows) >= limit:
            break
    return rows


def _stance_page(
    session: Session,
    campaign_id: int,
    rec: int,
    stances: tuple[str, ...],
    start: tuple[str, int] | None,
    limit: int,
    scale: int,
    size: int,
) -> list[ReasonRow]:
    """Up to `limit` of the `size` organisations that gave one of `stances`, after `start`: walking the
    organisations by name when that is cheaper (`size`² > `scale`, a page times the organisations), but no
    further than twice the walk expected if the stance were spread evenly over the names; the rest, should
    the stance be given mostly further on (every association objecting, say), from the stance's own responses."""
    walk_until: tuple[str, int] | None = None
    found: list[ReasonRow] = []
    if size * size > scale:
        budget = max(2 * scale // size, limit)
        boundary = select(RecipientRow.organisation, RecipientRow.id).where(RecipientRow.campaign_id == campaign_id)
        if start is not None:
            boundary = boundary.where(tuple_(RecipientRow.organisation, RecipientRow.id) > tuple_(*map(literal, start)))
        last = session.execute(
            boundary.order_by(RecipientRow.organisation, RecipientRow.id).offset(budget - 1).limit(1)
        ).first()
        walk_until = (last[0], last[1]) if last is not None else None
        query = reasons_query(campaign_id, rec, stances, after=start, until=walk_until, limit=limit, walk=True)
        found = _reason_rows(session, query)
        if len(found) >= limit or walk_until is None:
            return found
        start = walk_until
    lateral = session.get_bind().dialect.name == "postgresql"
    query = reasons_query(campaign_id, rec, stances, after=start, limit=limit - len(found), walk=False, lateral=lateral)
    return found + _reason_rows(session, query)


def _reason_rows(session: Session, query: Select[Any]) -> list[ReasonRow]:
    return [
        ReasonRow(i, org, sector, stance, reason or "") for i, org, sector, stance, reason in session.execute(query)
    ]


def reasons_query(
    campaign_id: int,
    rec: int,
    stances: tuple[str, ...],
    *,
    after: tuple[str, int] | None,
    until: tuple[str, int] | None = None,
    limit: int,
    walk: bool,
    lateral: bool = False,
) -> Select[Any]:
    """Up to `limit` organisations that gave one of `stances` on the recommendation row `rec`, by name, after
    (organisation, recipient id) and up to `until`.

    A page of a stance that `size` organisations gave costs about min(size, limit × organisations / size)
    rows read (issue 15: sorting the 30,000 responses to one recommendation at N = 100,000 took the page
    over 200 ms): with `walk`, the campaign's organisations are read by name through their index and each is
    looked up in `responses` by its unique (recipient, recommendation) until the page is full, so a stance
    most gave fills it after a few hundred; else the stance's own responses are read through their index by
    recommendation and stance and only those are sorted. `reasons_page` takes the cheaper of the two from the
    kept tallies."""
    r, s = RecipientRow, ResponseRow
    name, key, sector = cast(Any, r.organisation), cast(Any, r.id), cast(Any, r.sector)
    query: Select[Any]
    if walk:
        query = (
            select(key, name, sector, s.stance, s.reason)
            .select_from(r)
            .join(s, and_(s.recipient_id == r.id, s.recommendation_id == rec))
            .where(r.campaign_id == campaign_id)
        )
    elif lateral:
        # PostgreSQL, given the join, walks the organisations by name however few gave the stance (the LIMIT makes
        # that look cheap; 250 ms when those who did come late in the alphabet): a LATERAL subquery it does not
        # flatten (OFFSET 0) makes it read the responses first and look each organisation up by its key
        who = select(r.id, r.organisation, r.sector).where(r.id == s.recipient_id).offset(0).lateral("who")
        name, key, sector = who.c.organisation, who.c.id, who.c.sector
        query = select(key, name, sector, s.stance, s.reason).select_from(s).join(who, true())
    else:
        query = select(key, name, sector, s.stance, s.reason).select_from(s).join(r, r.id == s.recipient_id)
    if not walk:
        query = query.where(s.recommendation_id == rec)
    query = query.where(s.stance.in_(stances) if len(stances) > 1 else s.stance == stances[0])
    if after is not None:
        query = query.where(tuple_(name, key) > tuple_(literal(after[0]), literal(after[1])))
    if until is not None:
        query = query.where(tuple_(name, key) <= tuple_(literal(until[0]), literal(until[1])))
    return query.order_by(name, key).limit(limit)


def reason_rank(stance: str) -> int:
    return REASON_ORDER.index(stance) if stance in REASON_ORDER else 9


def stances_by_organisation(session: Session, campaign_id: int) -> Iterator[tuple[RecipientFact, dict[str, Any]]]:
    """Every organisation by name with its stances {rec_id: (stance, reason)}, streamed.

    On PostgreSQL one statement: each organisation in the order of the index by name, with its stances gathered
    into arrays from the index by recipient (no sort), sent by COPY as the server finds them, so it works while
    the caller writes (issue 15: through two cursors the writer waited for each of some 1,800 FETCHes of 500 rows
    at N = 100,000). On SQLite two queries in the same order, the organisations
    and their stances, merged here as they come: not one join, which repeated an organisation's name, address
    and sector on each of its stances, and decoding them again was a third of the export's reading. SQLite's
    read holds one snapshot while both statements are open."""
    connection = session.connection()
    # a recommendation's code from the few rows of the recommendations (of every campaign, as the join was), read
    # first, not joined to every stance
    codes = {pk: rec_id for pk, rec_id in connection.execute(select(RecommendationRow.id, RecommendationRow.rec_id))}
    if connection.dialect.name == "postgresql":
        yield from _stances_copied(connection, campaign_id, codes)
        return
    order = (RecipientRow.organisation, RecipientRow.id)
    people = (
        select(RecipientRow.id, RecipientRow.organisation, RecipientRow.email, RecipientRow.sector)
        .where(RecipientRow.campaign_id == campaign_id)
        .order_by(*order)
        .execution_options(yield_per=STREAM_ROWS)
    )
    given = (
        select(ResponseRow.recipient_id, ResponseRow.recommendation_id, ResponseRow.stance, ResponseRow.reason)
        .select_from(RecipientRow)
        .join(ResponseRow, ResponseRow.recipient_id == RecipientRow.id)
        .where(RecipientRow.campaign_id == campaign_id)
        .order_by(*order)
        .execution_options(yield_per=STREAM_ROWS)
    )
    # through the session's connection, a batch of rows at a time: plain rows, without the ORM's loading of each
    stances = groupby(chain.from_iterable(connection.execute(given).partitions()), itemgetter(0))
    next_id, next_stances = next(stances, (None, ()))
    for recipient_id, org, email, sector in chain.from_iterable(connection.execute(people).partitions()):
        found: dict[str, Any] = {}
        if recipient_id == next_id:
            found = {codes[rec]: (stance, reason) for _, rec, stance, reason in next_stances}
            next_id, next_stances = next(stances, (None, ()))
        yield RecipientFact(recipient_id, org, email, sector), found


def _stances_copied(
    connection: Connection, campaign_id: int, codes: dict[int, str]
) -> Iterator[tuple[RecipientFact, dict[str, Any]]]:
    """PostgreSQL's half of `stances_by_organisation`."""
    gathered = (
        select(
            func.array_agg(ResponseRow.recommendation_id).label("recs"),
            func.array_agg(ResponseRow.stance).label("stances"),
            func.array_agg(ResponseRow.reason).label("reasons"),
        )
        .where(ResponseRow.recipient_id == RecipientRow.id)
        .lateral()
    )
    query = (
        select(RecipientRow.id, RecipientRow.organisation, RecipientRow.email, RecipientRow.sector, *gathered.c)
        .outerjoin(gathered, true())
        .where(RecipientRow.campaign_id == campaign_id)
        .order_by(RecipientRow.organisation, RecipientRow.id)
    )
    types = ("int4", "text", "text", "text", "int4[]", "text[]", "text[]")
    for recipient_id, org, email, sector, recs, stances, reasons in _copied(connection, query, types):
        found: dict[str, Any] = {}
        if recs:  # NULL: no stance given
            found = {codes[rec]: (stance, reason) for rec, stance, reason in zip(recs, stances, reasons, strict=True)}
        yield RecipientFact(recipient_id, org, email, sector), found


def _copied(connection: Connection, query: ClauseElement, types: Sequence[str]) -> Iterator[tuple[Any, ...]]:
    """A PostgreSQL query's rows sent by `COPY (SELECT …) TO STDOUT` in binary, decoded as `types`: the server
    sends them as it finds them while the caller works on those before, where a cursor's FETCH made the caller
    wait for each batch, and a cursor's query is never planned in parallel (postgresql.org/docs/current/
    when-can-parallel-query-be-used.html). COPY takes no parameters, so the query's values are written into it:
    only the code's own (ids and words), never what someone typed. Without JIT for the rest of the transaction
    (the export's own): compiling the stance matrix's plan took 110-220 ms before its first row at N = 100,000 on
    a new connection (EXPLAIN ANALYZE). A caller that stops early cancels the COPY; its transaction is then
    rolled back."""
    statement = query.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True})
    driver = cast("psycopg.Connection[Any]", connection.connection.driver_connection)  # the session's own
    with driver.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        with cursor.copy(f"COPY ({statement}) TO STDOUT (FORMAT BINARY)") as copy:
            copy.set_types(list(types))
            yield from copy.rows()


def reasons_stream(session: Session, campaign_id: int) -> Iterator[ReasonQuote]:
    """Every stance with a reason, by recommendation, objections first, then organisation; streamed."""
    connection = session.connection()
    # a recommendation's code and text from a few rows read first: joined to every reason, its text was most of
    # the bytes the database sorted and sent (issue 15)
    texts = select(RecommendationRow.id, RecommendationRow.rec_id, RecommendationRow.text).where(
        RecommendationRow.campaign_id == campaign_id
    )
    recs = {row_id: (rec_id, text) for row_id, rec_id, text in connection.execute(texts)}
    query = (
        select(
            ResponseRow.recommendation_id,
            RecipientRow.organisation,
            RecipientRow.sector,
            ResponseRow.stance,
            ResponseRow.reason,
        )
        .select_from(ResponseRow)
        .join(RecipientRow, RecipientRow.id == ResponseRow.recipient_id)
        # `+ 0`: SQLite read the responses through their index by recommendation, one recommendation after another,
        # each a pass over the whole table's pages (5 times the time of reading it once; a term that is an
        # expression is not used to pick an index, sqlite.org/optoverview.html "Disqualifying WHERE clause terms
        # using unary-+"); PostgreSQL scans the table either way
        .join(RecommendationRow, RecommendationRow.id == ResponseRow.recommendation_id + 0)
        .where(
            RecommendationRow.campaign_id == campaign_id,
            ResponseRow.reason.is_not(None),
            ResponseRow.reason != "",
        )
        .order_by(RecommendationRow.position, _stance_rank(), RecipientRow.organisation, RecipientRow.id)
        .execution_options(yield_per=STREAM_ROWS)
    )
    if connection.dialect.name == "postgresql":
        found = _copied(connection, query, ("int4", "text", "text", "text", "text"))
    else:
        found = chain.from_iterable(connection.execute(query).partitions())
    make = ReasonQuote._make
    for rec, *given in found:
        yield make((*recs[rec], *given))


def week_reasons(
    session: Session, campaign_id: int, start: datetime, end: datetime, *, stances: Sequence[str], limit: int
) -> tuple[list[tuple[str, str, str, str]], int]:
    """The first `limit` (rec_id, organisation, stance, reason) given in [start, end) with a reason, by
    recommendation and time, and how many there are in all."""
    where = and_(
        RecommendationRow.campaign_id == campaign_id,
        ResponseRow.stance.in_(list(stances)),
        ResponseRow.reason.is_not(None),
        ResponseRow.reason != "",
        ResponseRow.updated_at >= start,
        ResponseRow.updated_at < end,
    )
    base = (
        select(RecommendationRow.rec_id, RecipientRow.organisation, ResponseRow.stance, ResponseRow.reason)
        .select_from(ResponseRow)
        .join(RecipientRow, RecipientRow.id == ResponseRow.recipient_id)
        .join(RecommendationRow, RecommendationRow.id == ResponseRow.recommendation_id)
        .where(where)
    )
    rows = session.execute(
        base.order_by(RecommendationRow.position, ResponseRow.updated_at, ResponseRow.id).limit(limit)
    )
    total = session.scalar(select(func.count()).select_from(base.subquery()))
    return [(r, o, s, reason or "") for r, o, s, reason in rows], int(total or 0)


def week_shifts(
    session: Session, campaign_id: int, start: datetime, end: datetime, *, limit: int
) -> tuple[list[ShiftRow], int]:
    """Stances replaced in [start, end) with what replaced them (the next history entry, else the current
    stance, else "none"): a window function over each organisation's history of one recommendation."""
    h = ResponseHistoryRow
    following = func.lead(h.stance).over(
        partition_by=(h.recipient_id, h.recommendation_id), order_by=(h.replaced_at, h.id)
    )
    chain = (
        select(
            h.id.label("id"),
            h.recipient_id.label("recipient_id"),
            h.recommendation_id.label("recommendation_id"),
            h.stance.label("old"),
            h.replaced_at.label("at"),
            following.label("next"),
        )
        .join(RecipientRow, RecipientRow.id == h.recipient_id)
        .where(RecipientRow.campaign_id == campaign_id, h.replaced_at < end)
        .subquery()
    )
    current = aliased(ResponseRow)
    new = func.coalesce(chain.c.next, current.stance, "none")
    base = (
        select(RecipientRow.organisation, RecommendationRow.rec_id, chain.c.old, new.label("new"), chain.c.at)
        .select_from(chain)
        .join(RecipientRow, RecipientRow.id == chain.c.recipient_id)
        .join(RecommendationRow, RecommendationRow.id == chain.c.recommendation_id)
        .outerjoin(
            current,
            and_(current.recipient_id == chain.c.recipient_id, current.recommendation_id == chain.c.recommendation_id),
        )
        .where(chain.c.at >= start, chain.c.old != new)
    )
    rows = session.execute(base.order_by(chain.c.at, RecipientRow.organisation, chain.c.id).limit(limit))
    total = session.scalar(select(func.count()).select_from(base.subquery()))
    return [ShiftRow(org, rec_id, old, nxt, utc(at)) for org, rec_id, old, nxt, at in rows], int(total or 0)


def open_queue(session: Session, campaign_id: int, before: datetime, *, limit: int) -> tuple[list[QueueFact], int]:
    """The oldest `limit` review items open and created before `before`, and how many there are."""
    where = and_(
        ReviewItemRow.status == "open",
        ReviewItemRow.created_at < before,
        or_(ReviewItemRow.recipient_id.is_(None), RecipientRow.campaign_id == campaign_id),
    )
    base = (
        select(
            ReviewItemRow.id,
            RecipientRow.organisation,
            ReviewItemRow.created_at,
            ReviewItemRow.reasons,
            InboundRow.parsed["from"].as_string(),
        )
        .join(InboundRow, InboundRow.id == ReviewItemRow.inbound_id)
        .outerjoin(RecipientRow, RecipientRow.id == ReviewItemRow.recipient_id)
        .where(where)
    )
    rows = session.execute(base.order_by(ReviewItemRow.created_at, ReviewItemRow.id).limit(limit))
    total = session.scalar(
        select(func.count())
        .select_from(ReviewItemRow)
        .outerjoin(RecipientRow, RecipientRow.id == ReviewItemRow.recipient_id)
        .where(where)
    )
    found = [
        QueueFact(
            item_id,
            org or sender or "",
            utc(created),
            tuple(str(r.get("code", "")) for r in reasons),
        )
        for item_id, org, created, reasons, sender in rows
    ]
    return found, int(total or 0)


def bounces(session: Session, campaign_id: int, *, limit: int) -> tuple[list[BounceRow], int]:
    where = and_(LetterRow.campaign_id == campaign_id, LetterRow.status == "bounced")
    rows = session.execute(
        select(RecipientRow.organisation, RecipientRow.email, LetterRow.kind)
        .join(RecipientRow, RecipientRow.id == LetterRow.recipient_id)
        .where(where)
        .order_by(LetterRow.id)
        .limit(limit)
    )
    total = session.scalar(
        select(func.count()).select_from(LetterRow).where(where, LetterRow.recipient_id.is_not(None))
    )
    return [BounceRow(o, e, k) for o, e, k in rows], int(total or 0)


def silent_page(session: Session, campaign_id: int, before: datetime, *, limit: int) -> tuple[list[RespondentRow], int]:
    """Organisations with no reply before `before`, by name, with their reminders; and how many there are.

    Counted from the kept counts first: when everyone has answered, the list is not looked for (it would walk
    every organisation by name to find none, 0.3 s at 100,000)."""
    replied = respondents_before(session, campaign_id, [before])[0]
    total = sum(sector_counts(session, campaign_id).values()) - replied
    if total <= 0:
        return [], 0
    r = RecipientRow
    where = and_(r.campaign_id == campaign_id, or_(KEPT.first_reply_at.is_(None), KEPT.first_reply_at >= before))
    rows = session.execute(
        select(r.id, r.organisation, r.email, r.sector, KEPT.reminders)
        .where(where)
        .order_by(r.organisation, r.id)
        .limit(limit)
    )
    found = [
        RespondentRow(RecipientFact(i, org, email, sector), "", 0, reminders, None)
        for i, org, email, sector, reminders in rows
    ]
    return found, total


def appeal_letter_counts(session: Session, campaign_id: int) -> dict[str, int]:
    query = (
        select(LetterRow.status, func.count())
        .where(LetterRow.campaign_id == campaign_id, LetterRow.kind == "appeal")
        .group_by(LetterRow.status)
    )
    return {status: count for status, count in session.execute(query)}


def utc(value: datetime) -> datetime:
    """SQLite hands back naive datetimes even for `timezone=True` columns; everything here is stored in UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _utc_or_none(value: datetime | None) -> datetime | None:
    return None if value is None else utc(value)
