"""The archive's state: an SQLite database beside the briefings (`outputs/state.sqlite`).

It holds what makes runs incremental and crash-safe: which input files were read
(by content hash), every article as read, the extraction cache (keyed by text digest
and extractor version), each event's briefing versions, every mail delivery, and the event
grouping's tables (`grouping_*`). Every table is declared here and created by `connect`.
Each stage commits its own transaction, so a killed run leaves the database at the
end of the last finished stage and the next run picks up from there.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jobs.models import Article, ArticleFacts

STATE_NAME = "state.sqlite"

SCHEMA = """
CREATE TABLE IF NOT EXISTS inputs (
    sha256 TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    articles INTEGER NOT NULL,
    run_id TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    digest TEXT NOT NULL,
    published TEXT,
    data TEXT NOT NULL,
    run_id TEXT NOT NULL,
    seq INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_digest ON articles (digest);
CREATE TABLE IF NOT EXISTS facts (
    digest TEXT NOT NULL,
    version TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (digest, version)
);
CREATE TABLE IF NOT EXISTS briefings (
    event_id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    updated TEXT NOT NULL,
    articles TEXT NOT NULL,
    rendered INTEGER NOT NULL DEFAULT 0,
    extractor TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS deliveries (
    event_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    recipient TEXT NOT NULL,
    delivery TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    sent_at TEXT,
    PRIMARY KEY (event_id, version, recipient)
);
"""

# What URL inputs gave: each feed's validators for conditional requests, and every link or page
# URL read (after redirects) with the article it became and its entry's date stamp when read.
WEB_SCHEMA = """
CREATE TABLE IF NOT EXISTS web_feeds (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    run_id TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS web_pages (
    url TEXT PRIMARY KEY,
    article_id TEXT,
    stamp TEXT NOT NULL,
    run_id TEXT NOT NULL
);
"""

# Event grouping (`jobs.grouping.store`): which article is in which event, merged ids, document
# frequencies, each event's summed feature rows and top-feature index, MinHash signatures and
# bands, near-duplicates, each event's lead-number cue sums, and each member's day, term counts and
# cue row (weighed again with the archive's current frequencies when its event is compared).
GROUPING_SCHEMA = """
CREATE TABLE IF NOT EXISTS grouping_members (
    article_id TEXT PRIMARY KEY, event_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS grouping_members_event ON grouping_members(event_id);
CREATE TABLE IF NOT EXISTS grouping_merges (
    old_id TEXT PRIMARY KEY, survivor_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS grouping_df (
    feature INTEGER PRIMARY KEY, df INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS grouping_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS grouping_events (
    event_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, first_day INTEGER, last_day INTEGER,
    size INTEGER NOT NULL, words BLOB NOT NULL, specifics BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS grouping_events_last ON grouping_events(last_day);
CREATE TABLE IF NOT EXISTS grouping_index (
    feature INTEGER NOT NULL, last_day INTEGER NOT NULL, event_id TEXT NOT NULL,
    PRIMARY KEY (feature, last_day, event_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS grouping_index_event ON grouping_index(event_id);
CREATE TABLE IF NOT EXISTS grouping_articles (
    article_id TEXT PRIMARY KEY, signature BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS grouping_duplicates (
    article_id TEXT PRIMARY KEY, original_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS grouping_bands (
    band INTEGER NOT NULL, article_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS grouping_bands_band ON grouping_bands(band);
CREATE TABLE IF NOT EXISTS grouping_restore (
    article_id TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS grouping_cues (
    event_id TEXT NOT NULL, view INTEGER NOT NULL, cued INTEGER NOT NULL, total BLOB NOT NULL,
    PRIMARY KEY (event_id, view)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS grouping_counts (
    article_id TEXT PRIMARY KEY, day INTEGER, published TEXT,
    words BLOB NOT NULL, specifics BLOB NOT NULL, cues BLOB NOT NULL);
"""

# Columns added after the first release: (table, column, definition).
_ADDED_COLUMNS = (("briefings", "extractor", "TEXT NOT NULL DEFAULT ''"),)

# Stamped in PRAGMA user_version. 0 is the first release (nothing stamped), migrated by
# connect(); a higher number than this is a newer release's database and is refused.
SCHEMA_VERSION = 1
# The tables every release of the job has had: a database without them is not the job's.
_CORE_TABLES = {"articles", "briefings", "deliveries"}
_SQLITE_MAGIC = b"SQLite format 3\x00"
# Databases up to this size get a full structural check at the start of a run.
_QUICK_CHECK_BYTES = 256 << 20

# Ids per query in "IN (...)" lists: well under SQLite's limit on bound parameters.
SQL_CHUNK = 500


@dataclass(frozen=True)
class Briefing:
    """What the archive last published for an event, and what it was built from."""

    event_id: str
    version: int
    content_hash: str
    rendered: bool
    articles: frozenset[str]
    extractor: str


def connect(outputs: Path) -> sqlite3.Connection:
    """Open (creating if needed) the archive's database; WAL so readers never block a run."""
    conn = sqlite3.connect(outputs / STATE_NAME, timeout=30, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    create_tables(conn)
    return conn


def create_tables(conn: sqlite3.Connection) -> None:
    """Create every table missing from a database and add the columns of later releases.

    `connect` calls it; evaluations, benchmarks and tests that group articles in an
    in-memory database call it on their own connection. Statement by statement:
    executescript() would COMMIT a transaction the caller has open.
    """
    for schema in (SCHEMA, WEB_SCHEMA, GROUPING_SCHEMA):
        for statement in schema.split(";"):
            if statement.strip():
                conn.execute(statement)
    for table, column, definition in _ADDED_COLUMNS:
        if column not in {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {definition}")
    if conn.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def diagnose(path: Path) -> str | None:
    """What is wrong with a state database, in words, or None when it can be used.

    Missing, empty, truncated, not SQLite, unreadable, foreign (none of the job's
    tables) or written by a newer release. Reads only: the file is not changed.
    """
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            header = handle.read(100)
    except FileNotFoundError:
        return "missing"
    except OSError as exc:
        return f"unreadable ({exc.strerror or exc})"
    if size == 0:
        return "empty"
    if not header.startswith(_SQLITE_MAGIC) or len(header) < 100:
        return "not an SQLite database"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    wal = Path(f"{path}-wal")
    # With a WAL beside it, a checkpoint killed half-way leaves the file short, and SQLite
    # completes it from the WAL: only a file without one is judged by its size.
    unlogged = not wal.exists() or wal.stat().st_size == 0
    if unlogged and header[24:28] == header[92:96] and pages and pages * page_size > size:
        return f"truncated ({size:,} of {pages * page_size:,} bytes)"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
        try:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if not tables:
                return "empty"
            if not tables >= _CORE_TABLES:
                return f"of an unknown schema (tables: {', '.join(sorted(tables)[:8])})"
            if version > SCHEMA_VERSION:
                return f"of a newer schema ({version}; this release reads up to {SCHEMA_VERSION})"
            conn.execute("SELECT COUNT(*) FROM briefings").fetchone()
            if size <= _QUICK_CHECK_BYTES:
                verdict = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
                if verdict != "ok":
                    return f"damaged ({verdict})"
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return f"unreadable ({exc})"
    return None


class transaction:
    """`with transaction(conn):` runs the block in one BEGIN IMMEDIATE … COMMIT."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: Any, *_: Any) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")


def seen_inputs(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT sha256 FROM inputs")}


def record_input(conn: sqlite3.Connection, sha256: str, path: str, articles: int, run_id: str) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO inputs (sha256, path, articles, run_id) VALUES (?, ?, ?, ?)",
        (sha256, path, articles, run_id),
    )


def known_articles(conn: sqlite3.Connection) -> dict[str, str]:
    """Every stored article id with its text digest."""
    return dict(conn.execute("SELECT id, digest FROM articles"))


def add_articles(conn: sqlite3.Connection, articles: Sequence[Article], run_id: str) -> None:
    start = conn.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0]
    conn.executemany(
        "INSERT OR IGNORE INTO articles (id, digest, published, data, run_id, seq) VALUES (?, ?, ?, ?, ?, ?)",
        [
            (a.id, a.digest, a.published, json.dumps(a.to_dict(), ensure_ascii=False), run_id, start + i + 1)
            for i, a in enumerate(articles)
        ],
    )


def _article(data: str) -> Article:
    return Article.from_dict(json.loads(data))


def load_articles(conn: sqlite3.Connection, ids: Iterable[str] | None = None) -> dict[str, Article]:
    """Stored articles by id (all of them, or those named)."""
    if ids is None:
        rows = conn.execute("SELECT id, data FROM articles ORDER BY seq")
        return {row[0]: _article(row[1]) for row in rows}
    out = {}
    wanted = list(ids)
    for i in range(0, len(wanted), SQL_CHUNK):
        chunk = wanted[i : i + SQL_CHUNK]
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(f"SELECT id, data FROM articles WHERE id IN ({marks})", chunk):
            out[row[0]] = _article(row[1])
    return out


def articles_without_facts(conn: sqlite3.Connection, version: str) -> Iterator[Article]:
    """Stored articles whose text has no extraction at this extractor version, oldest first."""
    rows = conn.execute(
        "SELECT a.data FROM articles a LEFT JOIN facts f ON f.digest = a.digest AND f.version = ? "
        "WHERE f.digest IS NULL ORDER BY a.seq",
        (version,),
    )
    for (data,) in rows:
        yield _article(data)


def save_facts(conn: sqlite3.Connection, digest: str, version: str, facts: ArticleFacts) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO facts (digest, version, data) VALUES (?, ?, ?)",
        (digest, version, json.dumps(facts.to_dict(), ensure_ascii=False)),
    )


def load_facts(conn: sqlite3.Connection, articles: Iterable[Article], version: str) -> dict[str, ArticleFacts]:
    """Cached facts for these articles, keyed by article id (re-keyed: the cache is by text)."""
    out = {}
    for article in articles:
        row = conn.execute(
            "SELECT data FROM facts WHERE digest = ? AND version = ?", (article.digest, version)
        ).fetchone()
        if row is not None:
            facts = ArticleFacts.from_dict(json.loads(row[0]))
            if facts.article_id != article.id:
                facts = _rekey(facts, article.id)
            out[article.id] = facts
    return out


def _rekey(facts: ArticleFacts, article_id: str) -> ArticleFacts:
    data = facts.to_dict()
    data["article_id"] = article_id
    for key in ("mentions", "meetings", "quotes"):
        for item in data[key]:
            item["article_id"] = article_id
    return ArticleFacts.from_dict(data)


def briefings(conn: sqlite3.Connection) -> dict[str, Briefing]:
    """Every event's latest published briefing, by event id."""
    rows = conn.execute("SELECT event_id, version, content_hash, rendered, articles, extractor FROM briefings")
    return {
        row[0]: Briefing(row[0], int(row[1]), str(row[2]), bool(row[3]), frozenset(json.loads(row[4])), str(row[5]))
        for row in rows
    }


def save_briefing(
    conn: sqlite3.Connection,
    event_id: str,
    version: int,
    content_hash: str,
    updated: str,
    article_ids: Sequence[str],
    extractor: str = "",
) -> None:
    """Record a new version as published and not yet rendered."""
    conn.execute(
        "INSERT OR REPLACE INTO briefings (event_id, version, content_hash, updated, articles, rendered, extractor) "
        "VALUES (?, ?, ?, ?, ?, 0, ?)",
        (event_id, version, content_hash, updated, json.dumps(sorted(article_ids)), extractor),
    )


def save_basis(conn: sqlite3.Connection, event_id: str, article_ids: Sequence[str], extractor: str) -> None:
    """Record that the current version also stands for these articles and facts (content unchanged)."""
    conn.execute(
        "UPDATE briefings SET articles = ?, extractor = ? WHERE event_id = ?",
        (json.dumps(sorted(article_ids)), extractor, event_id),
    )


def mark_rendered(conn: sqlite3.Connection, event_id: str, version: int) -> None:
    conn.execute("UPDATE briefings SET rendered = 1 WHERE event_id = ? AND version = ?", (event_id, version))


def unrendered(conn: sqlite3.Connection) -> list[str]:
    return [row[0] for row in conn.execute("SELECT event_id FROM briefings WHERE rendered = 0 ORDER BY event_id")]


def drop_briefing(conn: sqlite3.Connection, event_id: str) -> None:
    conn.execute("DELETE FROM briefings WHERE event_id = ?", (event_id,))


def web_validators(conn: sqlite3.Connection) -> dict[str, tuple[str | None, str | None]]:
    """Feed URL → (ETag, Last-Modified) of its last complete read."""
    return {row[0]: (row[1], row[2]) for row in conn.execute("SELECT url, etag, last_modified FROM web_feeds")}


def web_pages(conn: sqlite3.Connection) -> dict[str, tuple[str | None, str]]:
    """Link or page URL read → (the article it became, or None when skipped; its entry's date stamp)."""
    return {row[0]: (row[1], row[2]) for row in conn.execute("SELECT url, article_id, stamp FROM web_pages")}


def save_web(
    conn: sqlite3.Connection,
    validators: dict[str, tuple[str | None, str | None]],
    pages: Iterable[tuple[str, str | None, str]],
    run_id: str,
) -> None:
    conn.executemany(
        "INSERT OR REPLACE INTO web_feeds (url, etag, last_modified, run_id) VALUES (?, ?, ?, ?)",
        [(url, etag, modified, run_id) for url, (etag, modified) in validators.items()],
    )
    conn.executemany(
        "INSERT OR REPLACE INTO web_pages (url, article_id, stamp, run_id) VALUES (?, ?, ?, ?)",
        [(url, article_id, stamp, run_id) for url, article_id, stamp in pages],
    )


def replace_article(conn: sqlite3.Connection, article: Article, run_id: str) -> None:
    """Store a new text of an article already read (same id): a new version, not a second article.

    The new text has no facts yet, so the next extraction reads it; the briefings built
    from the old text lose their basis, so the next aggregation rebuilds their events.
    """
    updated = conn.execute(
        "UPDATE articles SET digest = ?, published = ?, data = ?, run_id = ? WHERE id = ?",
        (article.digest, article.published, json.dumps(article.to_dict(), ensure_ascii=False), run_id, article.id),
    )
    if updated.rowcount == 0:  # its first text was dropped (an exact copy of another article)
        add_articles(conn, [article], run_id)
        return
    conn.execute(
        "UPDATE briefings SET extractor = '' WHERE EXISTS (SELECT 1 FROM json_each(briefings.articles) WHERE value = ?)",
        (article.id,),
    )


def published_at(conn: sqlite3.Connection, event_id: str) -> str | None:
    """When the event's current version was published (its `updated` stamp)."""
    row = conn.execute("SELECT updated FROM briefings WHERE event_id = ?", (event_id,)).fetchone()
    return None if row is None else str(row[0])


def mark_unrendered(conn: sqlite3.Connection, event_id: str) -> None:
    """Have the next render write the event's current version again (its files were lost)."""
    conn.execute("UPDATE briefings SET rendered = 0 WHERE event_id = ?", (event_id,))


def restore_briefing(
    conn: sqlite3.Connection, event_id: str, version: int, content_hash: str, updated: str,
    article_ids: Sequence[str], *, rendered: bool, extractor: str,
) -> None:
    """Record a briefing found in the archive (`briefings repair`)."""
    conn.execute(
        "INSERT OR REPLACE INTO briefings (event_id, version, content_hash, updated, articles, rendered, extractor) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (event_id, version, content_hash, updated, json.dumps(sorted(article_ids)), int(rendered), extractor),
    )


def restore_deliveries(
    conn: sqlite3.Connection, rows: Iterable[tuple[str, int, str, str, str, str | None]]
) -> None:
    """Record deliveries rebuilt from the archive's delivery log (`briefings repair`)."""
    conn.executemany(
        "INSERT OR REPLACE INTO deliveries (event_id, version, recipient, delivery, status, attempts, sent_at) "
        "VALUES (?, ?, ?, ?, ?, 0, ?)",
        rows,
    )
