"""The browsable archive around the briefings: facts.sqlite, index and month pages, actor
dossiers and the search index, each brought up to date for what a run changed.

`publish` is the one entry point (the pipeline calls it after the briefings are
written); its cost follows the events that changed, not the size of the archive. Each
stage clears its part of the work the facts update recorded only once its pages are
on disk, so a run killed anywhere leaves the next run to finish it.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from jobs import facts_db
from jobs.archive import atomic_write, sync_all
from jobs.models import Event
from jobs.render import Templates
from jobs.site import dossiers, pages, search
from jobs.site.names import name_key, slug
from jobs.site.plan import ACTORS, MONTHS, plan

SEARCH_TEMPLATE = "search.html.j2"


@dataclass
class SiteReport:
    events: int = 0
    months: list[str] = field(default_factory=list)
    dossiers: int = 0
    timings: dict[str, float] = field(default_factory=dict)


def named_keys(names: Iterable[str]) -> set[str]:
    """The name keys of actors a subscription names (any type)."""
    return {k for name in names for t in ("person", "organization", "place", "group") if (k := name_key(name, t))}


def publish(
    outputs: Path,
    templates: Templates,
    versions: Mapping[str, int],
    *,
    named: Iterable[str] = (),
) -> SiteReport:
    """Update facts.sqlite, the index and month pages, dossiers and search bundles for what changed.

    `versions` is every current event's published version; `named` the actor names
    subscriptions mention (each gets a dossier even when in one event only).
    """
    outputs = Path(outputs)
    report = SiteReport()
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        report.timings[name] = round(time.perf_counter() - clock, 3)
        clock = time.perf_counter()

    conn = facts_db.connect(outputs)
    builds = None
    try:
        changes = facts_db.update(conn, outputs, facts_db.published(outputs, versions))
        report.events, report.months = len(changes.events), sorted(changes.months)
        lap("facts")
        linked = pages.dossier_slugs(conn, named_keys(named))
        todo = plan(conn, outputs, linked, search_folder=search.FOLDER)
        # Pagefind builds the search bundles in its own processes while the pages are written.
        builds = search.start_bundles(conn, outputs, todo.search) if todo.search else None
        lap("search start")
        # Pages are made durable once per stage (sync_all), then recorded as written; a run
        # with nothing to write writes nothing, facts.sqlite included.
        if todo.index:
            pages.write_index_json(conn, outputs, sync=False)
            pages.write_index_and_months(
                conn, outputs, templates, months=todo.month_pages, relisted=todo.relisted, dossiers=linked, sync=False
            )
        if atomic_write(outputs / "search.html", templates.env.get_template(SEARCH_TEMPLATE).render(), sync=False) or todo.index:
            sync_all()
            facts_db.done(conn, facts_db.MONTH_PAGE, todo.month_pages, {MONTHS: todo.month_list})
        lap("pages")
        if todo.dossiers:
            written = dossiers.write_dossiers(
                conn, outputs, templates, work=todo.dossiers, dossiers=linked, shown=todo.headers, sync=False
            )
            sync_all()
            facts_db.done(conn, facts_db.DOSSIER, todo.dossiers, {f"{ACTORS}{s}": sig for s, sig in written.items()})
            report.dossiers = sum(sig is not None for sig in written.values())
        lap("dossiers")
        if builds is not None:
            builds.finish()
            facts_db.done(conn, facts_db.SEARCH, todo.search)
        lap("search wait")
    finally:
        if builds is not None:
            builds.close()
        conn.close()
    return report


def actor_links(outputs: Path, event: Event, *, named: Iterable[str] = ()) -> dict[str, str]:
    """Actor name → its dossier, relative to the event's briefing, for the actors of `event`
    that have one once this run publishes: seen in another event, or named by a subscription."""
    path = Path(outputs) / facts_db.FILE
    keys = {a.name: k for a in event.actors if (k := name_key(a.name, a.type))}
    if not keys:
        return {}
    wanted = named_keys(named)
    linked = {name for name, k in keys.items() if k in wanted}
    if path.exists():
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            for name, k in keys.items():
                row = conn.execute(
                    "SELECT 1 FROM event_actors WHERE actor = ? AND event_id != ? LIMIT 1", (slug(k), event.id)
                ).fetchone()
                if row:
                    linked.add(name)
        except sqlite3.Error:
            pass  # an archive without the facts database yet: no links
        finally:
            conn.close()
    return {name: f"../../actors/{slug(keys[name])}.html" for name in sorted(linked)}
