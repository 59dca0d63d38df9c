"""The archive's browsing pages of events, read from facts.sqlite: the index and month pages.

No page grows with the archive: the index shows the latest events and links month
pages. (Actor dossiers are in jobs.site.dossiers.)
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Any

from jobs.archive import atomic_write, page_writer, sync_all
from jobs.facts_db import UNDATED
from jobs.render import INDEX_SCHEMA, Templates, embed_json, write_events_page

# The index shows the latest events only; older ones are on their month's page.
INDEX_LATEST = 300
# Where an events page lists every month (index.html.j2); months and counts only, up to "</p>".
_MONTHS_MARK = b'<p class="periods muted" id="months">'
_MONTHS_END = b"</p>"

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


# index.json's entries, one a line, made by SQLite's JSON functions in the order of `entries`.
_INDEX_JSON_SQL = (
    "SELECT json_object('id', id, 'title', title, 'first_published', first_published, 'last_published', last_published, "
    "'updated', updated, 'version', version, 'articles', articles, 'top_actors', "
    "(SELECT json_group_array(json_extract(t.value, '$.name')) FROM json_each(COALESCE(top_actors, '[]')) t), "
    "'pdf', pdf, 'html', html, 'merged_ids', json(COALESCE(merged_ids, '[]'))) "
    "FROM events ORDER BY last_published DESC, updated DESC, id DESC"
)


def write_index_json(conn: sqlite3.Connection, outputs: Path, *, sync: bool = True) -> None:
    """outputs/index.json: every event, newest first, one a line; the entries are those of
    `entries` (without `actor_slugs`), written by SQLite, not decoded and encoded again in Python."""
    lines = ",\n".join(r[0] for r in conn.execute(_INDEX_JSON_SQL))
    head = f'{{"schema": {json.dumps(INDEX_SCHEMA)}, "events": ['
    atomic_write(outputs / "index.json", f"{head}\n{lines}\n]}}\n" if lines else f"{head}]}}\n", sync=sync)


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
    relisted: Iterable[str] = (),
    dossiers: Collection[str],
    sync: bool = True,
) -> None:
    """index.html (latest events, links to every month) and the pages of `months`.

    The pages of `relisted` months keep their events and get the new list of months,
    spliced in (rendered whole when the page is missing or has no list).
    """
    counts = month_counts(conn)
    total = sum(n for _, n in counts)
    write_events_page(
        outputs / "index.html", entries(conn, limit=INDEX_LATEST), templates,
        heading="Briefings", root="", months=counts, total=total, dossiers=dossiers, sync=sync,
    )  # fmt: skip
    known = dict(counts)
    rendered, month_list = set(months), _month_list(templates, counts)
    with page_writer() as write:
        for month in sorted(set(relisted) & set(known) - rendered):
            page = outputs / "months" / f"{month}.html"
            try:
                spliced = _with_month_list(page.read_bytes(), month_list)
            except OSError:
                spliced = None
            if spliced is None:
                rendered.add(month)
            else:
                write(page, spliced)
        for month in sorted(rendered):
            page = outputs / "months" / f"{month}.html"
            if month not in known:
                page.unlink(missing_ok=True)
                continue
            heading = "Undated events" if month == UNDATED else f"Events of {month}"
            write_events_page(
                page, entries(conn, month=month), templates,
                heading=heading, root="../", months=counts, total=known[month], dossiers=dossiers, write=write,
            )  # fmt: skip
    if sync:
        sync_all()


def _month_list(templates: Templates, counts: list[tuple[str, int]]) -> bytes:
    """The list of months as a month page shows it (from the mark to its end)."""
    page = templates.index.render(
        entries=[], actors=[], data=embed_json([]), heading="", root="../", months=counts, total=0
    ).encode("utf-8")
    start = page.find(_MONTHS_MARK)
    return page[start : page.index(_MONTHS_END, start) + len(_MONTHS_END)] if start >= 0 else b""


def _with_month_list(old: bytes, month_list: bytes) -> bytes | None:
    """The month page `old` with `month_list` in place of its own, or None when it has none."""
    start = old.find(_MONTHS_MARK)
    end = old.find(_MONTHS_END, start)
    if start < 0 or end < 0 or not month_list:
        return None
    return old[:start] + month_list + old[end + len(_MONTHS_END) :]
