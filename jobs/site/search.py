"""Full-text search over every briefing: one Pagefind bundle per month, searched together.

Pagefind cannot update an index in place, so each month's events get their own bundle
(outputs/pagefind/YYYY-MM/) and a run rebuilds only the months that changed; the
search page loads the newest bundle and merges the others in (Pagefind's mergeIndex).
outputs/pagefind/bundles.js lists the bundles for that page.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from html import escape
from pathlib import Path
from typing import Any

from jobs.archive import atomic_write
from jobs.errors import BriefingsError

FOLDER = "pagefind"
LANGUAGE = "en"
# Pagefind spends most of a small bundle's time waiting rather than computing (about a
# third of its wall time is CPU), so a few builds run at once.
BUILDS_AT_ONCE = 3


def records(conn: sqlite3.Connection, month: str) -> list[dict[str, Any]]:
    """One search record per event of `month`: its briefing's words, linking to the briefing."""
    out = []
    events = conn.execute(
        "SELECT id, title, summary, last_published FROM events WHERE month = ? ORDER BY id", (month,)
    ).fetchall()
    for event_id, title, summary, last in events:
        positions = conn.execute(
            "SELECT speaker, cue, text FROM positions WHERE event_id = ? ORDER BY id", (event_id,)
        ).fetchall()
        meetings = conn.execute(
            "SELECT group_concat(p.name, ', '), m.kind, m.location, m.date_text, m.status FROM meetings m "
            "LEFT JOIN meeting_participants p ON p.meeting_id = m.id WHERE m.event_id = ? GROUP BY m.id ORDER BY m.id",
            (event_id,),
        ).fetchall()
        titles = conn.execute(
            "SELECT a.source, a.title FROM event_articles x JOIN articles a ON a.id = x.article_id "
            "WHERE x.event_id = ? ORDER BY a.published, a.id",
            (event_id,),
        ).fetchall()
        parts = [title or "", summary or ""]
        parts += [f"{s or ''} {c or ''}: {t or ''}" for s, c, t in positions]
        parts += [" ".join(str(v) for v in m if v) for m in meetings]
        parts += [f"{s or ''}: {t}" for s, t in titles if t]
        out.append(
            {
                "url": f"/events/{event_id}/briefing.html",
                "content": "\n".join(p for p in parts if p),
                "meta": {"title": title or event_id, "date": last or ""},
            }
        )
    return out


def start_bundles(conn: sqlite3.Connection, outputs: Path, months: Iterable[str]) -> Builds:
    """Read the search records of `months` and start building their bundles in background
    threads (Pagefind runs as a process of its own), so the caller can write pages meanwhile;
    `finish()` waits for them and lists the bundles."""
    folder = Path(outputs) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for leftover in folder.glob(".*"):  # a bundle half-written by a killed run
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)
    pool = ThreadPoolExecutor(BUILDS_AT_ONCE)
    builds = []
    try:
        for month in sorted(set(months)):
            recs = records(conn, month)
            if recs:
                builds.append(pool.submit(build_bundle, folder, month, recs))
            else:
                shutil.rmtree(folder / month, ignore_errors=True)
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    return Builds(folder, pool, builds)


class Builds:
    """Bundles being built: `finish()` waits for them and writes bundles.js; `close()` (always
    call it) waits for any build still running, so no thread outlives the run's stage."""

    def __init__(self, folder: Path, pool: ThreadPoolExecutor, builds: list[Future[None]]) -> None:
        self.folder, self.pool, self.builds = folder, pool, builds

    def finish(self) -> list[str]:
        for build in self.builds:
            build.result()
        bundles = sorted((p.name for p in self.folder.glob("*") if (p / "pagefind.js").is_file()), reverse=True)
        atomic_write(self.folder / "bundles.js", f"window.BRIEFINGS_BUNDLES = {json.dumps(bundles)};\n")
        return bundles

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def build_bundle(folder: Path, month: str, recs: list[dict[str, Any]]) -> None:
    """Index `recs` with the Pagefind binary into folder/month, swapped in whole when complete.

    Each record becomes a small escaped HTML page at its briefing's path in a scratch
    site, so Pagefind gives results the briefing's URL. (Pagefind's Python service API
    answers one request per 0.1 s, too slow for thousands of records.)
    """
    from pagefind.service import get_executable

    binary = get_executable()
    if binary is None:
        raise SearchIndexError("the Pagefind binary is missing: pip install 'pagefind[bin]'")
    fresh, old = folder / f".{month}.new", folder / f".{month}.old"
    with tempfile.TemporaryDirectory(prefix="briefings-search-") as scratch:
        for record in recs:
            page = Path(scratch) / record["url"].lstrip("/")
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(_page(record), encoding="utf-8")
        result = subprocess.run(
            [str(binary), "--site", scratch, "--output-path", str(fresh.resolve()), "--force-language", LANGUAGE, "--silent"],
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        raise SearchIndexError(f"Pagefind failed on {month}: {(result.stdout + result.stderr).strip()[-500:]}")
    if (folder / month).exists():
        (folder / month).rename(old)
    fresh.rename(folder / month)
    shutil.rmtree(old, ignore_errors=True)


def _page(record: dict[str, Any]) -> str:
    title, day = escape(record["meta"]["title"]), escape(record["meta"]["date"])
    body = "".join(f"<p>{escape(line)}</p>" for line in record["content"].split("\n"))
    return (
        f'<!DOCTYPE html><html lang="{LANGUAGE}"><head><meta charset="utf-8"><title>{title}</title></head>'
        f'<body data-pagefind-body><h1 data-pagefind-meta="title">{title}</h1>'
        f'<p data-pagefind-meta="date" data-pagefind-ignore>{day}</p>{body}</body></html>'
    )


class SearchIndexError(BriefingsError):
    """The search index could not be written."""
