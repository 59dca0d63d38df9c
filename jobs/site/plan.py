"""Which pages of the site a run writes.

The facts update records what its events touched (`facts_db.pending`); this adds what
one change carries to other pages: every events page lists every month with its count,
so a month gained, lost or recounted rewrites them all; an actor that gains or loses
its dossier is linked from the month pages of its events and from the dossiers of those
it met. What the pages last showed is kept in `site_rendered`, so a run killed before
writing them leaves the difference for the next run to find.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from jobs import facts_db
from jobs.site import pages

MONTHS = "months"  # site_rendered: the month list the events pages show
ACTORS = "actors/"  # site_rendered: actors/<slug> → the header its dossier shows


@dataclass(frozen=True)
class Plan:
    """The pages to write: index and month pages, search bundles, and per dossier the
    months whose period pages changed (None: every period page)."""

    index: bool
    month_pages: frozenset[str]
    relisted: frozenset[str]  # month pages whose events are as shown: only the month list changed
    search: frozenset[str]
    dossiers: Mapping[str, frozenset[str] | None]
    month_list: str  # the month list as the events pages now show it
    headers: Mapping[str, str]  # slug → the header its dossier pages show now


def plan(conn: sqlite3.Connection, outputs: Path, dossiers: Collection[str], *, search_folder: str) -> Plan:
    """What to write for the pending changes and the dossiers the site now has (`dossiers`)."""
    pending = facts_db.pending(conn)
    counts = pages.month_counts(conn)
    month_list = json.dumps(counts)
    shown = facts_db.rendered(conn, MONTHS)
    months = {m for m, _ in counts}
    month_pages, relisted = set(pending.month_pages), set()
    if not (outputs / "index.html").exists():
        month_pages |= months
    elif shown.get(MONTHS) != month_list:
        relisted = months
    search = set(pending.search)
    if not (outputs / search_folder / "bundles.js").exists():
        search |= months
    work: dict[str, frozenset[str] | None] = dict(pending.dossiers)
    headers = {page.removeprefix(ACTORS): sig for page, sig in facts_db.rendered(conn, ACTORS).items()}
    flipped = set(dossiers) ^ set(headers)
    missing = {s for s in set(dossiers) - flipped if not (outputs / "actors" / f"{s}.html").exists()}
    work.update(dict.fromkeys(flipped | missing))
    if flipped:
        links_from = _linking_pages(conn, flipped)
        month_pages |= links_from.months
        for other, month in links_from.dossiers:
            if other in dossiers and work.get(other, frozenset()) is not None:
                work[other] = work.get(other, frozenset()) | {month}
    return Plan(
        index=bool(month_pages or relisted or work or search),
        month_pages=frozenset(month_pages),
        relisted=frozenset(relisted - month_pages),
        search=frozenset(search),
        dossiers=work,
        month_list=month_list,
        headers=headers,
    )


@dataclass(frozen=True)
class _Links:
    months: frozenset[str]
    dossiers: frozenset[tuple[str, str]]


def _linking_pages(conn: sqlite3.Connection, actors: Iterable[str]) -> _Links:
    """The pages that link (or would link) these actors: month pages of their events, and
    (actor, month) of the others in their meetings."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS flipped (actor TEXT PRIMARY KEY)")
    conn.execute("DELETE FROM flipped")
    conn.executemany("INSERT OR IGNORE INTO flipped (actor) VALUES (?)", [(a,) for a in actors])
    months = conn.execute(
        "SELECT DISTINCT e.month FROM flipped f CROSS JOIN event_actors a ON a.actor = f.actor JOIN events e ON e.id = a.event_id"
    ).fetchall()
    others = conn.execute(
        "SELECT DISTINCT o.actor, e.month FROM flipped f CROSS JOIN meeting_participants p ON p.actor = f.actor "
        "JOIN meeting_participants o ON o.meeting_id = p.meeting_id JOIN events e ON e.id = p.event_id "
        "WHERE o.actor IS NOT NULL AND o.actor != f.actor"
    ).fetchall()
    conn.execute("DELETE FROM flipped")
    conn.commit()
    return _Links(frozenset(r[0] for r in months), frozenset((r[0], r[1]) for r in others))
