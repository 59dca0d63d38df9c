"""The archive's browsing pages, read from facts.sqlite: index, month pages and actor dossiers.

No page grows with the archive: the index shows the latest events and links month
pages; a dossier shows an actor's latest items and links one page per year (a year
too full for one page is split into months).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Collection, Iterable, Mapping
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import Any

from jobs.archive import atomic_write
from jobs.facts_db import UNDATED
from jobs.render import Templates, write_events_page

ACTOR_TEMPLATE = "actor.html.j2"
# A dossier's own page shows this many of each kind of item; its period pages show all.
DOSSIER_LATEST = 50
# A year of an actor with more items than this gets one page per month instead.
PERIOD_MAX_ITEMS = 800
# The index shows the latest events only; older ones are on their month's page.
INDEX_LATEST = 300

_ENTRY_COLUMNS = "id, title, first_published, last_published, updated, version, articles, top_actors, pdf, html, merged_ids"


def entries(conn: sqlite3.Connection, *, month: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Index entries (the shape of index.json's) newest first, with `actor_slugs` beside `top_actors`."""
    where, params = ("WHERE month = ?", [month]) if month else ("", [])
    sql = f"SELECT {_ENTRY_COLUMNS} FROM events {where} ORDER BY last_published DESC, updated DESC, id DESC"  # noqa: S608
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    out = []
    for row in conn.execute(sql, params):
        data = dict(zip([c.strip() for c in _ENTRY_COLUMNS.split(",")], row, strict=True))
        top = json.loads(data["top_actors"] or "[]")
        data["top_actors"] = [t["name"] for t in top]
        data["actor_slugs"] = [t.get("actor") for t in top]
        data["merged_ids"] = json.loads(data["merged_ids"] or "[]")
        out.append(data)
    return out


def month_counts(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """Every month with events, newest first (undated last)."""
    rows = conn.execute("SELECT month, COUNT(*) FROM events GROUP BY month ORDER BY month = ?, month DESC", (UNDATED,))
    return [(r[0], r[1]) for r in rows]


def dossier_slugs(conn: sqlite3.Connection, named: Collection[str] = ()) -> set[str]:
    """Actors that get a dossier: those in two or more events, and those `named` (name keys) by a subscription."""
    rows = conn.execute("SELECT slug, name_key, events FROM actors WHERE events >= 1")
    return {r[0] for r in rows if r[2] >= 2 or r[1] in named}


def write_index_and_months(
    conn: sqlite3.Connection,
    outputs: Path,
    templates: Templates,
    *,
    months: Iterable[str],
    dossiers: Collection[str],
    sync: bool = True,
) -> None:
    """index.html (latest events, links to every month) and the pages of `months`."""
    counts = month_counts(conn)
    total = sum(n for _, n in counts)
    write_events_page(
        outputs / "index.html", entries(conn, limit=INDEX_LATEST), templates,
        heading="Briefings", root="", months=counts, total=total, dossiers=dossiers, sync=sync,
    )  # fmt: skip
    known = dict(counts)
    for month in months:
        page = outputs / "months" / f"{month}.html"
        if month not in known:
            page.unlink(missing_ok=True)
            continue
        heading = "Undated events" if month == UNDATED else f"Events of {month}"
        write_events_page(
            page, entries(conn, month=month), templates,
            heading=heading, root="../", months=counts, total=known[month], dossiers=dossiers, sync=sync,
        )  # fmt: skip


@dataclass(frozen=True)
class Dossier:
    slug: str
    name: str
    type: str
    events: int
    first_seen: str | None
    last_seen: str | None


def year_periods(month_counts: Mapping[str, int], *, limit: int = PERIOD_MAX_ITEMS) -> list[str]:
    """The period pages of a dossier, newest first: 'YYYY', or 'YYYY-MM' for a year with over `limit` items.

    >>> year_periods({"2025-01": 5, "2025-02": 900, "2024-12": 3})
    ['2025-02', '2025-01', '2024']
    """
    years: dict[str, int] = {}
    for month, n in month_counts.items():
        years[month[:4]] = years.get(month[:4], 0) + n
    out = []
    for year in sorted(years, reverse=True):
        if years[year] > limit:
            out.extend(sorted((m for m in month_counts if m[:4] == year), reverse=True))
        else:
            out.append(year)
    return out


def _period_of(month: str, periods: Collection[str]) -> str:
    return month if month in periods else month[:4]


@dataclass(frozen=True)
class Header:
    """What every page of a dossier shows besides its own items: the actor, its period
    pages and its roles over time. When it changes, every period page is written again."""

    actor: Dossier
    periods: tuple[str, ...]
    roles: tuple[tuple[str, str | None, str | None, int], ...]

    def signature(self) -> str:
        return json.dumps([astuple(self.actor), self.periods, self.roles], ensure_ascii=False)


def header(conn: sqlite3.Connection, stem: str) -> Header | None:
    """The actor's header, or None when it is in no event."""
    row = conn.execute("SELECT slug, name, type, events, first_seen, last_seen FROM actors WHERE slug = ?", (stem,)).fetchone()
    if row is None:
        return None
    roles = conn.execute(
        "SELECT a.role, MIN(COALESCE(e.first_published, e.last_published)), MAX(e.last_published), "
        "COUNT(DISTINCT e.id) FROM event_actors a JOIN events e ON e.id = a.event_id "
        "WHERE a.actor = ? AND a.role IS NOT NULL GROUP BY a.role ORDER BY 2, 1",
        (stem,),
    ).fetchall()
    return Header(Dossier(*row), tuple(year_periods(_item_months(conn, stem))), tuple(map(tuple, roles)))


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
    page when its header differs from `shown` (the header signature its pages showed).
    Returns the header signature of each dossier written (None for one removed).
    """
    template = templates.env.get_template(ACTOR_TEMPLATE)
    out: dict[str, str | None] = {}
    for stem in sorted(work):
        main, folder = outputs / "actors" / f"{stem}.html", outputs / "actors" / stem
        head = header(conn, stem) if stem in dossiers else None
        if head is None:
            main.unlink(missing_ok=True)
            shutil.rmtree(folder, ignore_errors=True)
            out[stem] = None
            continue
        signature, months = head.signature(), work[stem]
        render = _DossierRenderer(conn, template, head, dossiers)
        atomic_write(main, render.page(None), sync=sync)
        if months is None or shown.get(stem) != signature:
            todo = set(head.periods)
        else:
            todo = {_period_of(m, head.periods) for m in months} & set(head.periods)
        for period in sorted(todo):
            atomic_write(folder / f"{period}.html", render.page(period), sync=sync)
        for stale in folder.glob("*.html"):
            if stale.stem not in head.periods:
                stale.unlink()
        out[stem] = signature
    return out


def _item_months(conn: sqlite3.Connection, stem: str) -> dict[str, int]:
    """How many events, meetings and positions of the actor fall in each month."""
    rows = conn.execute(
        "SELECT m, SUM(n) FROM ("
        " SELECT e.month AS m, COUNT(*) AS n FROM event_actors a JOIN events e ON e.id = a.event_id"
        "  WHERE a.actor = ? GROUP BY e.month"
        " UNION ALL SELECT e.month, COUNT(*) FROM meeting_participants p JOIN events e ON e.id = p.event_id"
        "  WHERE p.actor = ? GROUP BY e.month"
        " UNION ALL SELECT e.month, COUNT(*) FROM positions p JOIN events e ON e.id = p.event_id"
        "  WHERE p.actor = ? GROUP BY e.month"
        ") GROUP BY m",
        (stem, stem, stem),
    )
    return {r[0]: r[1] for r in rows}


class _DossierRenderer:
    """Queries and renders one actor's pages: the latest items, or one period's."""

    def __init__(self, conn: sqlite3.Connection, template: Any, head: Header, dossiers: Collection[str]) -> None:
        self.conn, self.template, self.head, self.dossiers = conn, template, head, dossiers

    def page(self, period: str | None) -> str:
        root = "../" if period is None else "../../"
        # A period is a year or a month; the events' month column starts with either.
        where, params = ("", []) if period is None else (" AND e.month LIKE ?", [f"{period}%"])
        limit = f" LIMIT {DOSSIER_LATEST}" if period is None else ""
        stem = self.head.actor.slug
        events = [
            {"id": r[0], "title": r[1], "last_published": r[2], "role": r[3], "href": _href(root, r[4])}
            for r in self.conn.execute(
                "SELECT e.id, e.title, e.last_published, MAX(a.role), COALESCE(e.html, e.pdf) FROM event_actors a "
                f"JOIN events e ON e.id = a.event_id WHERE a.actor = ?{where} GROUP BY e.id "
                f"ORDER BY e.last_published DESC, e.id{limit}",
                [stem, *params],
            )
        ]
        meetings = [
            {
                "date": r[0], "date_text": r[1], "kind": r[2], "location": r[3], "status": r[4], "title": r[5],
                "href": _href(root, r[6]), "others": [(n, self._actor_href(root, s)) for n, s in json.loads(r[7])],
            }  # fmt: skip
            for r in self.conn.execute(
                "SELECT m.date, m.date_text, m.kind, m.location, m.status, e.title, COALESCE(e.html, e.pdf), "
                " (SELECT json_group_array(json_array(o.name, o.actor)) FROM meeting_participants o"
                "  WHERE o.meeting_id = m.id AND (o.actor IS NULL OR o.actor != ?)) "
                "FROM meeting_participants p JOIN meetings m ON m.id = p.meeting_id JOIN events e ON e.id = m.event_id "
                f"WHERE p.actor = ?{where} GROUP BY m.id ORDER BY COALESCE(m.date, m.published, e.last_published) DESC, m.id{limit}",
                [stem, stem, *params],
            )
        ]
        positions = [
            {
                "published": r[0], "topic": r[1], "text": r[2] or "", "kind": r[3], "cue": r[4] or "",
                "source": r[5], "title": r[6] or r[7], "href": _href(root, r[8]),
            }  # fmt: skip
            for r in self.conn.execute(
                "SELECT p.published, p.topic, p.text, p.kind, p.cue, a.source, a.title, e.title, COALESCE(e.html, e.pdf) "
                "FROM positions p JOIN events e ON e.id = p.event_id LEFT JOIN articles a ON a.id = p.article_id "
                f"WHERE p.actor = ?{where} ORDER BY p.published DESC, p.id{limit}",
                [stem, *params],
            )
        ]
        roles = [{"role": r[0], "first": r[1], "last": r[2], "events": r[3]} for r in self.head.roles]
        return self.template.render(
            actor=self.head.actor, period=period, periods=list(self.head.periods), root=root,
            events=events, meetings=meetings, positions=positions, roles=roles,
        )  # fmt: skip

    def _actor_href(self, root: str, stem: str | None) -> str | None:
        return f"{root}actors/{stem}.html" if stem and stem in self.dossiers else None


def _href(root: str, path: str | None) -> str | None:
    return f"{root}{path}" if path else None
