"""outputs/facts.sqlite: every event's facts as tables, for SQL, Datasette and pandas.

Updated in place for the events whose published version (or rendered files) changed
since the last run, inside one transaction, so its cost follows what changed and a
run killed half-way leaves the previous state. The same transaction records, in
`site_pending`, which pages those changes leave to write (month pages, search bundles,
dossiers): a run killed after the facts are saved leaves that record for the next run
to finish. event.json is read as plain data and every field is optional, so the file
stays readable as the event schema grows. Every statement takes its values as parameters.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jobs.site.names import name_key, slug

FILE = "facts.sqlite"
UNDATED = "undated"

SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY, title TEXT, first_published TEXT, last_published TEXT, month TEXT NOT NULL,
    updated TEXT, version INTEGER, articles INTEGER, summary TEXT, top_actors TEXT, merged_ids TEXT,
    html TEXT, pdf TEXT);
CREATE INDEX IF NOT EXISTS events_month ON events (month, last_published);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, title TEXT, source TEXT, url TEXT, published TEXT);
CREATE TABLE IF NOT EXISTS event_articles (
    event_id TEXT NOT NULL REFERENCES events (id), article_id TEXT NOT NULL REFERENCES articles (id),
    duplicate_of TEXT, PRIMARY KEY (event_id, article_id));
CREATE TABLE IF NOT EXISTS actors (
    slug TEXT PRIMARY KEY, name_key TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL,
    events INTEGER NOT NULL DEFAULT 0, first_seen TEXT, last_seen TEXT);
CREATE TABLE IF NOT EXISTS event_actors (
    event_id TEXT NOT NULL REFERENCES events (id), actor TEXT REFERENCES actors (slug), name TEXT NOT NULL,
    type TEXT, role TEXT, aliases TEXT, mentions INTEGER, salience REAL,
    month TEXT, first_published TEXT, last_published TEXT);
CREATE INDEX IF NOT EXISTS event_actors_event ON event_actors (event_id);
CREATE INDEX IF NOT EXISTS event_actors_actor ON event_actors (actor);
CREATE TABLE IF NOT EXISTS meetings (
    id INTEGER PRIMARY KEY, event_id TEXT NOT NULL REFERENCES events (id), kind TEXT, status TEXT,
    date TEXT, date_text TEXT, location TEXT, status_history TEXT, article_id TEXT, start INTEGER,
    "end" INTEGER, evidence TEXT, published TEXT);
CREATE INDEX IF NOT EXISTS meetings_event ON meetings (event_id);
CREATE TABLE IF NOT EXISTS meeting_participants (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id), event_id TEXT NOT NULL, name TEXT NOT NULL,
    actor TEXT REFERENCES actors (slug));
CREATE INDEX IF NOT EXISTS meeting_participants_meeting ON meeting_participants (meeting_id);
CREATE INDEX IF NOT EXISTS meeting_participants_actor ON meeting_participants (actor);
CREATE INDEX IF NOT EXISTS meeting_participants_event ON meeting_participants (event_id);
CREATE TABLE IF NOT EXISTS positions (
    id INTEGER PRIMARY KEY, event_id TEXT NOT NULL REFERENCES events (id), article_id TEXT,
    speaker TEXT, actor TEXT REFERENCES actors (slug), kind TEXT, cue TEXT, topic TEXT, via TEXT,
    text TEXT, start INTEGER, "end" INTEGER, speaker_start INTEGER, speaker_end INTEGER, published TEXT);
CREATE INDEX IF NOT EXISTS positions_event ON positions (event_id);
CREATE INDEX IF NOT EXISTS positions_actor ON positions (actor, published);
CREATE VIRTUAL TABLE IF NOT EXISTS positions_fts USING fts5 (
    text, speaker, topic, content='positions', content_rowid='id');
CREATE TRIGGER IF NOT EXISTS positions_ai AFTER INSERT ON positions BEGIN
    INSERT INTO positions_fts (rowid, text, speaker, topic) VALUES (new.id, new.text, new.speaker, new.topic);
END;
CREATE TRIGGER IF NOT EXISTS positions_ad AFTER DELETE ON positions BEGIN
    INSERT INTO positions_fts (positions_fts, rowid, text, speaker, topic)
    VALUES ('delete', old.id, old.text, old.speaker, old.topic);
END;
CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts5 (title, summary, content='events', content_rowid='rowid');
CREATE TRIGGER IF NOT EXISTS events_ai AFTER INSERT ON events BEGIN
    INSERT INTO events_fts (rowid, title, summary) VALUES (new.rowid, new.title, new.summary);
END;
CREATE TRIGGER IF NOT EXISTS events_ad AFTER DELETE ON events BEGIN
    INSERT INTO events_fts (events_fts, rowid, title, summary) VALUES ('delete', old.rowid, old.title, old.summary);
END;
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5 (title, content='articles', content_rowid='rowid');
CREATE TRIGGER IF NOT EXISTS articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title) VALUES (new.rowid, new.title);
END;
CREATE TRIGGER IF NOT EXISTS articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title) VALUES ('delete', old.rowid, old.title);
END;
CREATE TABLE IF NOT EXISTS site_pending (
    part TEXT NOT NULL, key TEXT NOT NULL, month TEXT NOT NULL DEFAULT '', PRIMARY KEY (part, key, month)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS site_rendered (page TEXT PRIMARY KEY, signature TEXT NOT NULL) WITHOUT ROWID;
"""
# An actor's history read from one index, without a lookup of each of its events: its event
# count, first and last seen, roles and months (event_actors repeats the event's dates and month).
_HISTORY_INDEX = (
    "CREATE INDEX IF NOT EXISTS event_actors_history "
    "ON event_actors (actor, last_published, event_id, month, first_published, role)"
)
_EVENT_DATES = ("month", "first_published", "last_published")
# Parts of the site a change leaves to write: a month's page and its search bundle (key:
# the month), and an actor's dossier (key: its slug; month: the month its items changed in).
MONTH_PAGE, SEARCH, DOSSIER = "month", "search", "dossier"
# Rows of an event, children first.
_EVENT_TABLES = ("meeting_participants", "meetings", "positions", "event_actors", "event_articles")


@dataclass(frozen=True)
class Published:
    """What the archive holds for one event now: its version and which rendered files exist."""

    version: int
    html: str | None
    pdf: str | None


@dataclass(frozen=True)
class Changes:
    """What one update touched: events written or removed, the months they were in, and
    each actor of those whose dossiers changed, with the months of those events (before and after)."""

    events: frozenset[str]
    months: frozenset[str]
    actor_months: frozenset[tuple[str, str]]


def connect(outputs: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(Path(outputs) / FILE)
    conn.execute("PRAGMA journal_mode = DELETE")  # one file: Datasette opens it immutable
    conn.executescript(SCHEMA)
    columns = {row[1] for row in conn.execute("PRAGMA table_info(event_actors)")}
    if missing := [c for c in _EVENT_DATES if c not in columns]:  # a database of an earlier release
        with conn:
            for column in missing:
                conn.execute(f"ALTER TABLE event_actors ADD COLUMN {column} TEXT")
            conn.execute(
                "UPDATE event_actors SET (month, first_published, last_published) = "
                "(SELECT month, first_published, last_published FROM events WHERE id = event_id)"
            )
    conn.execute(_HISTORY_INDEX)
    return conn


def published(outputs: Path, versions: Mapping[str, int]) -> dict[str, Published]:
    """The current version of every event and its rendered files, relative to the archive."""
    root, out = os.fspath(outputs), {}
    for event_id, version in versions.items():  # plain strings: pathlib's objects cost more than the stat
        html, pdf = f"events/{event_id}/briefing.html", f"events/{event_id}/briefing.pdf"
        out[event_id] = Published(
            version, html if os.path.exists(f"{root}/{html}") else None, pdf if os.path.exists(f"{root}/{pdf}") else None
        )
    return out


def stale(conn: sqlite3.Connection, current: Mapping[str, Published]) -> tuple[list[str], list[str]]:
    """(events to write, events to remove): those whose version or files differ from the database's."""
    stored = {row[0]: Published(row[1], row[2], row[3]) for row in conn.execute("SELECT id, version, html, pdf FROM events")}
    return sorted(e for e, p in current.items() if stored.get(e) != p), sorted(set(stored) - set(current))


def update(conn: sqlite3.Connection, outputs: Path, current: Mapping[str, Published]) -> Changes:
    """Bring the database in line with the archive's events, and record the pages that leaves to write.

    Returns what changed.
    """
    write, remove = stale(conn, current)
    months: set[str] = set()
    actor_months: set[tuple[str, str]] = set()
    with conn:
        before = {}  # each event's dossier view and actors, new events' empty
        for event_id in [*write, *remove]:
            months.update(r[0] for r in conn.execute("SELECT month FROM events WHERE id = ?", (event_id,)))
            before[event_id] = (_dossier_view(conn, event_id), _event_actors(conn, event_id))
            _delete_event(conn, event_id)
        for event_id in write:
            data = _read_json(outputs / "events" / event_id / "event.json")
            if data is not None:
                months.add(insert_event(conn, data, current[event_id]))
        for event_id, (view, actors) in before.items():
            shown_by = _changed_dossiers(view, _dossier_view(conn, event_id))
            actor_months.update((a, m) for a, m in actors | _event_actors(conn, event_id) if shown_by(a))
        _recount(conn, {a for a, _ in actor_months})
        conn.executemany(
            "INSERT OR IGNORE INTO site_pending (part, key) VALUES (?, ?)",
            [(part, m) for m in months for part in (MONTH_PAGE, SEARCH)],
        )
        conn.executemany(
            "INSERT OR IGNORE INTO site_pending (part, key, month) VALUES (?, ?, ?)",
            [(DOSSIER, a, m) for a, m in actor_months],
        )
    return Changes(frozenset(write) | frozenset(remove), frozenset(months), frozenset(actor_months))


@dataclass(frozen=True)
class Pending:
    """The pages earlier updates left to write: months (pages, search bundles) and, per actor,
    the months its dossier changed in."""

    month_pages: frozenset[str]
    search: frozenset[str]
    dossiers: Mapping[str, frozenset[str]]


def pending(conn: sqlite3.Connection) -> Pending:
    rows = conn.execute("SELECT part, key, month FROM site_pending").fetchall()
    dossiers: dict[str, set[str]] = {}
    for part, key, month in rows:
        if part == DOSSIER:
            dossiers.setdefault(key, set()).add(month)
    return Pending(
        frozenset(k for p, k, _ in rows if p == MONTH_PAGE),
        frozenset(k for p, k, _ in rows if p == SEARCH),
        {a: frozenset(ms) for a, ms in dossiers.items()},
    )


def done(
    conn: sqlite3.Connection, part: str, keys: Iterable[str], signatures: Mapping[str, str | None] | None = None
) -> None:
    """Drop the pending rows of `part` for `keys` and, in the same transaction, store what the
    pages just written show (`signatures`: page → signature, None to forget the page)."""
    shown = dict(signatures or {})
    with conn:
        conn.executemany("DELETE FROM site_pending WHERE part = ? AND key = ?", [(part, k) for k in keys])
        conn.executemany(
            "INSERT OR REPLACE INTO site_rendered (page, signature) VALUES (?, ?)",
            [(page, sig) for page, sig in shown.items() if sig is not None],
        )
        conn.executemany("DELETE FROM site_rendered WHERE page = ?", [(p,) for p, sig in shown.items() if sig is None])


def rendered(conn: sqlite3.Connection, prefix: str = "") -> dict[str, str]:
    """What the pages under `prefix` showed when last written (see `done`)."""
    rows = conn.execute("SELECT page, signature FROM site_rendered WHERE substr(page, 1, ?) = ?", (len(prefix), prefix))
    return dict(rows.fetchall())


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("id"), str) else None


# What dossiers show of an event. An event that reads the same after its update as before
# (a new article that brings no position or meeting, say) leaves every dossier as it was.
_DOSSIER_VIEW = (
    "SELECT title, first_published, last_published, month, COALESCE(html, pdf) FROM events WHERE id = ?",
    "SELECT actor, name, role FROM event_actors WHERE event_id = ? ORDER BY rowid",
    "SELECT m.date, m.date_text, m.kind, m.location, m.status, m.published, (SELECT json_group_array("
    "json_array(o.name, o.actor)) FROM meeting_participants o WHERE o.meeting_id = m.id) "
    "FROM meetings m WHERE m.event_id = ? ORDER BY m.id",
    "SELECT p.actor, p.published, p.topic, p.text, p.kind, p.cue, a.source, a.title FROM positions p "
    "LEFT JOIN articles a ON a.id = p.article_id WHERE p.event_id = ? ORDER BY p.id",
)


def _dossier_view(conn: sqlite3.Connection, event_id: str) -> list[list[tuple[Any, ...]]]:
    return [conn.execute(sql, (event_id,)).fetchall() for sql in _DOSSIER_VIEW]


def _changed_dossiers(before: list[list[tuple[Any, ...]]], after: list[list[tuple[Any, ...]]]) -> Callable[[str], bool]:
    """Which actors' dossiers show a change between two views of an event: everyone's when
    the event, its actors or its meetings changed; when only positions did, their speakers'
    (a position is on its speaker's dossier only)."""
    if before[:-1] != after[:-1]:
        return lambda actor: True
    rows_before, rows_after = Counter(before[-1]), Counter(after[-1])
    speakers = {row[0] for row in (rows_before - rows_after) + (rows_after - rows_before)}
    return speakers.__contains__


def _event_actors(conn: sqlite3.Connection, event_id: str) -> set[tuple[str, str]]:
    """(actor, month) of every actor with a dossier slug in the event."""
    rows = conn.execute(
        "SELECT x.actor, e.month FROM events e JOIN ("
        " SELECT actor FROM event_actors WHERE event_id = ? AND actor IS NOT NULL"
        " UNION SELECT actor FROM meeting_participants WHERE event_id = ? AND actor IS NOT NULL) x WHERE e.id = ?",
        (event_id, event_id, event_id),
    )
    return {(r[0], r[1]) for r in rows}


def _delete_event(conn: sqlite3.Connection, event_id: str) -> None:
    conn.execute(
        "DELETE FROM articles WHERE id IN (SELECT article_id FROM event_articles WHERE event_id = ?)", (event_id,)
    )
    for table in _EVENT_TABLES:
        conn.execute(f"DELETE FROM {table} WHERE event_id = ?", (event_id,))  # noqa: S608 - a fixed name
    conn.execute("DELETE FROM events WHERE id = ?", (event_id,))


def month_of(day: Any) -> str:
    text = day if isinstance(day, str) else ""
    return text[:7] if len(text) >= 7 and text[:4].isdigit() and text[5:7].isdigit() else UNDATED


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def insert_event(conn: sqlite3.Connection, data: dict[str, Any], files: Published) -> str:
    """Insert one event.json's rows (the event's old rows already deleted); returns its month."""
    event_id = data["id"]
    articles = _dicts(data.get("articles"))
    dates = sorted(d for a in articles if (d := _text(a.get("published"))))
    published_of = {a.get("id"): _text(a.get("published")) for a in articles}
    first, last = (dates[0], dates[-1]) if dates else (None, None)
    actors = _dicts(data.get("actors"))
    by_name = register_actors(conn, [(n, k) for a in actors if (n := _text(a.get("name"))) and (k := _text(a.get("type")))])
    summary = [s for s in data.get("summary") or () if isinstance(s, str)]
    top = [{"name": a["name"], "actor": by_name.get(a["name"])} for a in actors[:5] if _text(a.get("name"))]
    conn.execute(
        "INSERT INTO events (id, title, first_published, last_published, month, updated, version, articles, "
        "summary, top_actors, merged_ids, html, pdf) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            event_id, _text(data.get("title")), first, last, month_of(last), _text(data.get("updated")),
            files.version, len(articles), "\n".join(summary), json.dumps(top, ensure_ascii=False),
            json.dumps([m for m in data.get("merged_ids") or () if isinstance(m, str)]), files.html, files.pdf,
        ),
    )  # fmt: skip
    listed = [a for a in articles if _text(a.get("id"))]
    conn.executemany(
        "INSERT OR IGNORE INTO articles (id, title, source, url, published) VALUES (?, ?, ?, ?, ?)",
        [(a["id"], _text(a.get("title")), _text(a.get("source")), _text(a.get("url")), _text(a.get("published"))) for a in listed],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO event_articles (event_id, article_id, duplicate_of) VALUES (?, ?, ?)",
        [(event_id, a["id"], _text(a.get("duplicate_of"))) for a in listed],
    )
    conn.executemany(
        "INSERT INTO event_actors (event_id, actor, name, type, role, aliases, mentions, salience, month, "
        "first_published, last_published) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                event_id, by_name.get(actor["name"]), actor["name"], _text(actor.get("type")), _text(actor.get("role")),
                json.dumps([x for x in actor.get("aliases") or () if isinstance(x, str)], ensure_ascii=False),
                _int(actor.get("mentions")),
                actor.get("salience") if isinstance(actor.get("salience"), int | float) else None,
                month_of(last), first, last,
            )  # fmt: skip
            for actor in actors
            if _text(actor.get("name"))
        ],
    )
    for meeting in _dicts(data.get("meetings")):
        _insert_meeting(conn, event_id, meeting, by_name, published_of)
    conn.executemany(
        'INSERT INTO positions (event_id, article_id, speaker, actor, kind, cue, topic, via, text, start, "end", '
        "speaker_start, speaker_end, published) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [_position_row(event_id, position, by_name, published_of, last) for position in _dicts(data.get("positions"))],
    )
    return month_of(last)


def _position_row(
    event_id: str,
    position: dict[str, Any],
    by_name: Mapping[str, str | None],
    published_of: Mapping[Any, str | None],
    last: str | None,
) -> tuple[Any, ...]:
    evidence = position.get("evidence") if isinstance(position.get("evidence"), dict) else {}
    article_id = _text(evidence.get("article_id"))
    speaker = _text(position.get("speaker"))
    return (
        event_id, article_id, speaker, by_name.get(speaker or ""), _text(position.get("kind")),
        _text(position.get("cue")), _text(position.get("topic")), _text(position.get("via")),
        _text(position.get("text")), _int(evidence.get("start")), _int(evidence.get("end")),
        _int(evidence.get("speaker_start")), _int(evidence.get("speaker_end")),
        published_of.get(article_id) or last,
    )  # fmt: skip


def _insert_meeting(
    conn: sqlite3.Connection,
    event_id: str,
    meeting: dict[str, Any],
    by_name: Mapping[str, str | None],
    published_of: Mapping[Any, str | None],
) -> None:
    evidence = _dicts(meeting.get("evidence"))
    first = evidence[0] if evidence else {}
    history = _dicts(meeting.get("status_history"))
    cursor = conn.execute(
        'INSERT INTO meetings (event_id, kind, status, date, date_text, location, status_history, article_id, start, "end", '
        "evidence, published) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            event_id, _text(meeting.get("kind")), _text(meeting.get("status")), _text(meeting.get("date")),
            _text(meeting.get("date_text")), _text(meeting.get("location")),
            json.dumps(history, ensure_ascii=False) if history else None, _text(first.get("article_id")),
            _int(first.get("start")), _int(first.get("end")), _text(first.get("text")),
            published_of.get(first.get("article_id")),
        ),
    )  # fmt: skip
    names = [p for p in meeting.get("participants") or () if isinstance(p, str)]
    conn.executemany(
        "INSERT INTO meeting_participants (meeting_id, event_id, name, actor) VALUES (?, ?, ?, ?)",
        [(cursor.lastrowid, event_id, name, by_name.get(name)) for name in names],
    )


def register_actors(conn: sqlite3.Connection, actors: Iterable[tuple[str, str]]) -> dict[str, str | None]:
    """The dossier slug of each (name, type), the first type given a name counting (adding
    them to `actors`), None where a name links nothing."""
    by_name: dict[str, str | None] = {}
    rows = []
    for name, actor_type in actors:
        if name in by_name:
            continue
        key = name_key(name, actor_type)
        by_name[name] = stem = slug(key) if key else None
        if stem:
            rows.append((stem, key, name, actor_type))
    conn.executemany(
        "INSERT INTO actors (slug, name_key, name, type) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (slug) DO UPDATE SET name = CASE WHEN length(excluded.name) > length(name) "
        "THEN excluded.name ELSE name END",
        rows,
    )
    return by_name


def _recount(conn: sqlite3.Connection, slugs: Iterable[str]) -> None:
    """Refresh the event count and first/last seen of these actors; drop those left in no event."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS recount (actor TEXT PRIMARY KEY)")
    conn.execute("DELETE FROM recount")
    conn.executemany("INSERT OR IGNORE INTO recount (actor) VALUES (?)", [(s,) for s in slugs])
    rows = conn.execute(
        "SELECT COUNT(DISTINCT x.event_id), MIN(x.first), MAX(x.last), x.actor FROM ("
        " SELECT a.actor, a.event_id, COALESCE(a.first_published, a.last_published) AS first, a.last_published AS last"
        " FROM recount r CROSS JOIN event_actors a ON a.actor = r.actor"
        " UNION SELECT p.actor, p.event_id, COALESCE(e.first_published, e.last_published), e.last_published"
        " FROM recount r CROSS JOIN meeting_participants p ON p.actor = r.actor JOIN events e ON e.id = p.event_id"
        ") x GROUP BY x.actor"
    ).fetchall()
    conn.executemany("UPDATE actors SET events = ?, first_seen = ?, last_seen = ? WHERE slug = ?", rows)
    conn.executemany("DELETE FROM recount WHERE actor = ?", [(r[3],) for r in rows])  # those still in an event
    conn.execute("DELETE FROM actors WHERE slug IN (SELECT actor FROM recount)")
    conn.execute("DELETE FROM recount")
