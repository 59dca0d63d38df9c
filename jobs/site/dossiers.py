"""Actor dossiers (outputs/actors/<slug>.html and its period pages), read from facts.sqlite.

A dossier's own page shows what changes with every new event: the actor's event count,
first and last seen, roles over time, and its items of the newest period (at least the
latest few of each kind). It links one page per earlier year (a year too full for one
page is split into months), which shows that period's items under a header that does
not change as events arrive (name, type, the list of periods), so a new event rewrites
one page per actor. Actors are read in chunks: one query per table for a whole chunk,
each actor's rows newest first, then cut into its pages in Python, so an actor's rows
are read once however many pages it has.
"""

from __future__ import annotations

import functools
import itertools
import json
import os
import queue
import shutil
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import Any

from jobs.archive import page_writer, sync_all
from jobs.render import Templates

ACTOR_TEMPLATE = "actor.html.j2"
# A dossier's own page shows every item of the newest period and at least this many of each
# kind; its other period pages show all of theirs.
DOSSIER_LATEST = 50
# Part of every header signature: a new layout of the pages rewrites every period page.
LAYOUT = 2
# A year of an actor with more items than this gets one page per month instead.
PERIOD_MAX_ITEMS = 800
# Where a dossier page's items begin (actor.html.j2): the header and roles come before.
_ITEMS_MARK = '<section class="box">\n  <h2>Events'
# Actors read per round of queries: bounds the rows held in memory at once.
CHUNK = 300

# Each query reads the actors of the temporary table `chunk`; every row starts (actor, month).
# Items of the same date come in event order, then in their order within the event, which
# does not depend on the order the events were stored in.
_HEADER_SQL = "SELECT slug, name, type, events, first_seen, last_seen FROM chunk c CROSS JOIN actors ON slug = c.actor ORDER BY slug"
_ROLES_SQL = (
    "SELECT a.actor, a.role, MIN(COALESCE(a.first_published, a.last_published)), MAX(a.last_published), "
    "COUNT(DISTINCT a.event_id) FROM chunk c CROSS JOIN event_actors a ON a.actor = c.actor "
    "WHERE a.role IS NOT NULL GROUP BY a.actor, a.role ORDER BY a.actor, 3, 2"
)
# Every event of the actor from event_actors' own index (month, id, last published, role); the
# titles and links of those a page shows are read apart (_TITLES_SQL), for those events only.
_EVENTS_SQL = (
    "SELECT a.actor, a.month, a.event_id, a.last_published, MAX(a.role) FROM chunk c CROSS JOIN event_actors a "
    "ON a.actor = c.actor GROUP BY a.actor, a.event_id ORDER BY a.actor, a.last_published DESC, a.event_id"
)
_TITLES_SQL = "SELECT e.id, e.title, COALESCE(e.html, e.pdf) FROM shown s CROSS JOIN events e ON e.id = s.id"
_MEETINGS_SQL = (
    "SELECT p.actor, e.month, m.date, m.date_text, m.kind, m.location, m.status, e.title, COALESCE(e.html, e.pdf), "
    " (SELECT json_group_array(json_array(o.name, o.actor)) FROM meeting_participants o"
    "  WHERE o.meeting_id = m.id AND (o.actor IS NULL OR o.actor != p.actor)) "
    "FROM chunk c CROSS JOIN meeting_participants p ON p.actor = c.actor JOIN meetings m ON m.id = p.meeting_id "
    "JOIN events e ON e.id = m.event_id "
    "GROUP BY p.actor, m.id ORDER BY p.actor, COALESCE(m.date, m.published, e.last_published) DESC, m.event_id, m.id"
)
_POSITIONS_SQL = (
    "SELECT p.actor, e.month, p.published, p.topic, p.text, p.kind, p.cue, a.source, a.title, e.title, "
    "COALESCE(e.html, e.pdf) FROM chunk c CROSS JOIN positions p ON p.actor = c.actor JOIN events e ON e.id = p.event_id "
    "LEFT JOIN articles a ON a.id = p.article_id ORDER BY p.actor, p.published DESC, p.event_id, p.id"
)


@dataclass(frozen=True)
class Dossier:
    slug: str
    name: str
    type: str
    events: int
    first_seen: str | None
    last_seen: str | None


@dataclass(frozen=True)
class Header:
    """What a dossier's own page shows besides its items: the actor, its periods and its
    roles over time. Its period pages show the actor's name and type and the periods."""

    actor: Dossier
    periods: tuple[str, ...]
    roles: tuple[tuple[str, str | None, str | None, int], ...]

    def signature(self) -> str:
        return json.dumps([astuple(self.actor), self.periods, self.roles, LAYOUT], ensure_ascii=False)

    @property
    def paged(self) -> tuple[str, ...]:
        """The periods with a page of their own: all but the newest, which the own page shows."""
        return self.periods[1:]


@dataclass(frozen=True)
class Items:
    """An actor's events, meetings and positions, newest first, each row (month, ...columns)."""

    events: list[tuple[Any, ...]]
    meetings: list[tuple[Any, ...]]
    positions: list[tuple[Any, ...]]


def year_periods(month_counts: Mapping[str, int], *, limit: int = PERIOD_MAX_ITEMS) -> list[str]:
    """The periods of a dossier, newest first (undated last): 'YYYY', or 'YYYY-MM' for a year with over `limit` items.

    >>> year_periods({"2025-01": 5, "2025-02": 900, "2024-12": 3, "undated": 2})
    ['2025-02', '2025-01', '2024', 'unda']
    """
    years: dict[str, int] = {}
    for month, n in month_counts.items():
        years[month[:4]] = years.get(month[:4], 0) + n
    out = []
    for year in sorted(years, key=lambda y: (y.isdigit(), y), reverse=True):
        if years[year] > limit:
            out.extend(sorted((m for m in month_counts if m[:4] == year), reverse=True))
        else:
            out.append(year)
    return out


def _period_of(month: str, periods: Collection[str]) -> str:
    return month if month in periods else month[:4]


def write_dossiers(
    conn: sqlite3.Connection,
    outputs: Path,
    templates: Templates,
    *,
    work: Mapping[str, Collection[str] | None],
    dossiers: Collection[str],
    shown: Mapping[str, str],
    sync: bool = True,
) -> dict[str, str | None]:
    """Write the dossier of each actor in `work` that should have one, and remove those that no longer should.

    `work` maps an actor's slug to the months its items changed in (None: all of them):
    its own page is written, and the period pages holding those months, or every period
    page when what they show of the header (name, type, periods) differs from `shown`
    (the header signature the pages showed): a period page whose items did not change
    then keeps them and gets the new header. Returns the header signature of each
    dossier written (None for one removed).
    """
    template = templates.env.get_template(ACTOR_TEMPLATE)
    out: dict[str, str | None] = {}
    for stem in sorted(s for s in work if s not in dossiers):
        _remove(outputs, stem)
        out[stem] = None

    def rendered(head: Header) -> set[str]:  # the periods rendered with items; the own page shows the newest
        return _changed_periods(head, work[head.actor.slug]) | set(head.periods[:1])

    with page_writer() as write:
        for head, items in _read_ahead(conn, sorted(s for s in work if s in dossiers), rendered):
            stem, folder = head.actor.slug, outputs / "actors" / head.actor.slug
            signature, months = head.signature(), work[stem]
            render = _Renderer(template, head, items, dossiers)
            write(outputs / "actors" / f"{stem}.html", render.page(None))
            changed = _changed_periods(head, months)
            new_header = _period_header(shown.get(stem)) != _period_header(signature)
            for period in head.paged:
                path = folder / f"{period}.html"
                if period in changed:
                    write(path, render.page(period))
                elif new_header:  # the same items under a new header
                    write(path, functools.partial(_with_items_of, render.page(period, items=False), path, render, period))
            if months is None or new_header:  # the header lists the periods
                _remove_periods_but(folder, head.paged)
            out[stem] = signature
    for stem in set(work) & set(dossiers) - set(out):  # in no event any more
        _remove(outputs, stem)
        out[stem] = None
    if sync:
        sync_all()
    return out


def _changed_periods(head: Header, months: Collection[str] | None) -> set[str]:
    """The periods holding `months` (None: every period)."""
    return set(head.periods) if months is None else {_period_of(m, head.periods) for m in months}


def _remove(outputs: Path, stem: str) -> None:
    """Delete a dossier and its period pages."""
    (outputs / "actors" / f"{stem}.html").unlink(missing_ok=True)
    shutil.rmtree(outputs / "actors" / stem, ignore_errors=True)


def _period_header(signature: str | None) -> str | None:
    """What the period pages show of a header signature: slug, name, type, periods and
    layout (None: no signature; an older layout's lacks the layout)."""
    if signature is None:
        return None
    actor, periods, *rest = json.loads(signature)
    return json.dumps([actor[:3], periods, rest[1:]], ensure_ascii=False)


def _remove_periods_but(folder: Path, periods: Collection[str]) -> None:
    """Delete the period pages of a dossier that are not of `periods`."""
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return
    for name in names:
        if name.endswith(".html") and name.removesuffix(".html") not in periods:
            (folder / name).unlink(missing_ok=True)


def _with_items_of(page: str, path: Path, render: _Renderer, period: str) -> bytes | str:
    """`page` (rendered without items) with the items the page at `path` lists, or the
    period's page rendered whole when there is no such page. Everything from the events
    table on depends on the period's items alone; what comes before it is escaped text,
    which cannot hold the mark."""
    try:
        old = path.read_bytes()
    except OSError:
        return render.page(period)
    head, mark = page.encode("utf-8"), _ITEMS_MARK.encode("utf-8")
    cut, kept = head.find(mark), old.find(mark)
    return head[:cut] + old[kept:] if cut >= 0 and kept >= 0 else render.page(period)


def read(
    conn: sqlite3.Connection, slugs: Iterable[str], shown: Callable[[Header], Collection[str]] = lambda head: head.periods
) -> Iterator[tuple[Header, Items]]:
    """The header and items of each actor of `slugs` that is in some event, in slug order.

    Events carry their title and link when in a period of `shown(header)` or among the
    actor's latest DOSSIER_LATEST (the pages to render show no others); the rest carry None.
    """
    slugs = list(slugs)
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS chunk (actor TEXT PRIMARY KEY)")
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS shown (id TEXT PRIMARY KEY)")
    try:
        for start in range(0, len(slugs), CHUNK):
            conn.execute("DELETE FROM chunk")
            conn.executemany("INSERT OR IGNORE INTO chunk (actor) VALUES (?)", [(s,) for s in slugs[start : start + CHUNK]])
            yield from _read_chunk(conn, shown)
    finally:
        conn.execute("DELETE FROM chunk")
        conn.execute("DELETE FROM shown")
        conn.commit()


def _read_ahead(
    conn: sqlite3.Connection, slugs: list[str], shown: Callable[[Header], Collection[str]]
) -> Iterator[tuple[Header, Items]]:
    """`read` from a connection of its own in a thread that keeps a chunk ahead of the caller:
    SQLite runs without the GIL, so the next actors are read while these are rendered."""
    path = conn.execute("PRAGMA database_list").fetchone()[2]
    ahead: queue.Queue[Any] = queue.Queue(maxsize=CHUNK)
    stop, end = threading.Event(), object()

    def put(item: Any) -> bool:
        while not stop.is_set():
            try:
                ahead.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def run() -> None:
        own = sqlite3.connect(path)
        try:
            for item in read(own, slugs, shown):
                if not put(item):
                    return
            put(end)
        except Exception as error:  # raised again in the caller's thread
            put(error)
        finally:
            own.close()

    thread = threading.Thread(target=run, name="dossier-reader", daemon=True)
    thread.start()
    try:
        while (item := ahead.get()) is not end:
            if isinstance(item, Exception):
                raise item
            yield item
    finally:
        stop.set()
        thread.join()


def _read_chunk(conn: sqlite3.Connection, shown: Callable[[Header], Collection[str]]) -> Iterator[tuple[Header, Items]]:
    roles, history = _by_actor(conn, _ROLES_SQL), _by_actor(conn, _EVENTS_SQL)
    meetings, positions = _by_actor(conn, _MEETINGS_SQL), _by_actor(conn, _POSITIONS_SQL)
    actors = []
    for row in conn.execute(_HEADER_SQL).fetchall():
        mine = history.get(row[0], []), meetings.get(row[0], []), positions.get(row[0], [])
        periods = year_periods(Counter(r[0] for rows in mine for r in rows))
        actors.append((Header(Dossier(*row), tuple(periods), tuple(roles.get(row[0], ()))), *mine))
    titles = _titles(conn, {r[1] for head, events, *_ in actors for r in _latest_or_in(events, shown(head))})
    untitled = (None, None)
    for head, events, mine_meetings, mine_positions in actors:
        rows = [(m, i, (t := titles.get(i, untitled))[0], last, role, t[1]) for m, i, last, role in events]
        yield head, Items(rows, mine_meetings, mine_positions)


def _latest_or_in(rows: list[tuple[Any, ...]], periods: Collection[str]) -> list[tuple[Any, ...]]:
    """The actor's latest DOSSIER_LATEST rows and those of `periods` (each row starts with its month)."""
    starts = tuple(periods)
    return [r for i, r in enumerate(rows) if i < DOSSIER_LATEST or r[0].startswith(starts)]


def _titles(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, tuple[str | None, str | None]]:
    """Event id → (title, briefing path)."""
    conn.execute("DELETE FROM shown")
    conn.executemany("INSERT OR IGNORE INTO shown (id) VALUES (?)", [(i,) for i in ids])
    return {r[0]: (r[1], r[2]) for r in conn.execute(_TITLES_SQL)}


def _by_actor(conn: sqlite3.Connection, sql: str) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of `sql` (ordered by actor) grouped by their first column, which is dropped."""
    rows = conn.execute(sql).fetchall()
    return {actor: [r[1:] for r in group] for actor, group in itertools.groupby(rows, key=lambda r: r[0])}


class _Renderer:
    """Renders one actor's pages from its items: the latest ones, or one period's."""

    def __init__(self, template: Any, head: Header, items: Items, dossiers: Collection[str]) -> None:
        self.template, self.head, self.items, self.dossiers = template, head, items, dossiers

    def page(self, period: str | None, *, items: bool = True) -> str:
        """The actor's own page (`period` None) or a period page; `items=False` leaves the items out."""
        root = "../" if period is None else "../../"

        def pick(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
            # A period is a year or a month; the events' month column starts with either.
            if not items:
                return []
            if period is None:
                return _latest_or_in(rows, self.head.periods[:1])
            return [r for r in rows if r[0].startswith(period)]

        events = [
            {"id": r[1], "title": r[2], "last_published": r[3], "role": r[4], "href": _href(root, r[5])}
            for r in pick(self.items.events)
        ]
        meetings = [
            {
                "date": r[1], "date_text": r[2], "kind": r[3], "location": r[4], "status": r[5], "title": r[6],
                "href": _href(root, r[7]), "others": [(n, self._actor_href(root, s)) for n, s in json.loads(r[8])],
            }  # fmt: skip
            for r in pick(self.items.meetings)
        ]
        positions = [
            {
                "published": r[1], "topic": r[2], "text": r[3] or "", "kind": r[4], "cue": r[5] or "",
                "source": r[6], "title": r[7] or r[8], "href": _href(root, r[9]),
            }  # fmt: skip
            for r in pick(self.items.positions)
        ]
        roles = [{"role": r[0], "first": r[1], "last": r[2], "events": r[3]} for r in self.head.roles if period is None]
        return self.template.render(
            actor=self.head.actor, period=period, periods=list(self.head.periods), root=root,
            events=events, meetings=meetings, positions=positions, roles=roles,
        )  # fmt: skip

    def _actor_href(self, root: str, stem: str | None) -> str | None:
        return f"{root}actors/{stem}.html" if stem and stem in self.dossiers else None


def _href(root: str, path: str | None) -> str | None:
    return f"{root}{path}" if path else None
