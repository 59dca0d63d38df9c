"""What grouping keeps between runs in the archive's database, and the events one run works on.

The tables (`grouping_*`) are declared and created by `jobs.state`; this module only
queries them. Events are stored as sums of their members' unit rows, indexed under
their top features and their last day, so a run reads only the recent events it may join.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from jobs.grouping.features import N_FEATURES, SPECIFICS, WORDS
from jobs.grouping.views import VIEWS

if TYPE_CHECKING:
    import scipy.sparse as sp

    from jobs.grouping.clustering import Settings

    # Term counts of one view (WORDS or SPECIFICS) in, their TF-IDF unit rows out.
    Weigh = Callable[[sp.csr_matrix, int], sp.csr_matrix]

# Top features an event is indexed under.
_EVENT_KEYS = 40
# The last day an undated event is indexed under: it stays a candidate for every run.
_UNDATED = 2**62


def _pack(row: sp.csr_matrix) -> bytes:
    idx = row.indices.astype(np.int32)
    val = row.data.astype(np.float32)
    return len(idx).to_bytes(4, "little") + idx.tobytes() + val.tobytes()


def _unpack(blob: bytes, width: int = N_FEATURES) -> sp.csr_matrix:
    import scipy.sparse as sp

    n = int.from_bytes(blob[:4], "little")
    idx = np.frombuffer(blob, dtype=np.int32, count=n, offset=4)
    val = np.frombuffer(blob, dtype=np.float32, count=n, offset=4 + 4 * n)
    return sp.csr_matrix((val.astype(np.float64), idx, [0, n]), shape=(1, width))


def _pack_views(rows: Sequence[sp.csr_matrix]) -> bytes:
    """An article's view rows as one row, view v at columns v·N_FEATURES on."""
    import scipy.sparse as sp

    return _pack(sp.hstack(rows).tocsr())


def _unpack_views(blobs: Sequence[bytes]) -> list[sp.csr_matrix]:
    """Per view, the rows of these packed articles; an archive of an older release packed only the
    lead numbers (view 0), so its other views are empty."""
    import scipy.sparse as sp

    wide = sp.vstack([_unpack(b, len(VIEWS) * N_FEATURES) for b in blobs]).tocsr()
    return [wide[:, v * N_FEATURES : (v + 1) * N_FEATURES].tocsr() for v in range(len(VIEWS))]


@dataclass(frozen=True)
class Members:
    """Stored member articles of some events: row k is article `ids[k]` of event `owner[k]`."""

    ids: list[str]
    owner: list[str]
    days: list[int | None]
    published: list[str | None]
    words: sp.csr_matrix
    specifics: sp.csr_matrix
    # Per view of `VIEWS`, the members' rows.
    cues: list[sp.csr_matrix]


@dataclass
class Event:
    seq: int
    first_day: int | None
    last_day: int | None
    size: int
    words: sp.csr_matrix
    specifics: sp.csr_matrix
    # Per cue view: how many members have any cue, and the sum of their unit cue rows.
    cued: list[int] = field(default_factory=lambda: [0] * len(VIEWS))
    cues: list[sp.csr_matrix] = field(default_factory=lambda: [_empty_row() for _ in range(len(VIEWS))])
    dirty: bool = False


def _empty_row() -> sp.csr_matrix:
    import scipy.sparse as sp

    return sp.csr_matrix((1, N_FEATURES))


def meta(conn: sqlite3.Connection, key: str) -> int:
    row = conn.execute("SELECT value FROM grouping_meta WHERE key = ?", (key,)).fetchone()
    return int(row[0]) if row else 0


def set_meta(conn: sqlite3.Connection, key: str, value: int) -> None:
    conn.execute("INSERT OR REPLACE INTO grouping_meta (key, value) VALUES (?, ?)", (key, value))


class State:
    """The events one call works on, loaded lazily from SQLite and written back at the end.

    `weigh` turns term counts into TF-IDF rows with the archive's current frequencies:
    `reweigh` rebuilds the events a run compares from their members' stored counts with it.
    """

    def __init__(
        self, conn: sqlite3.Connection, settings: Settings, first_day: int | None, weigh: Weigh | None = None
    ) -> None:
        self.conn = conn
        self.settings = settings
        self.weigh = weigh
        self.events: dict[str, Event] = {}
        self.postings: dict[int, set[str]] = {}
        self.seq = meta(conn, "events")
        # Events that ended before the run's window opened cannot take its articles: leaving
        # them out of the lookup keeps the cost per article flat as the archive grows.
        self.floor = None if first_day is None else first_day - settings.window_days

    def load(self, event_ids: Iterable[str]) -> None:
        """Read these events from the database, unless already here."""
        missing = [e for e in event_ids if e not in self.events]
        for start in range(0, len(missing), 900):
            chunk = missing[start : start + 900]
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                "SELECT event_id, seq, first_day, last_day, size, words, specifics "
                f"FROM grouping_events WHERE event_id IN ({marks})",
                chunk,
            ):
                self.events[row[0]] = Event(row[1], row[2], row[3], row[4], _unpack(row[5]), _unpack(row[6]))
            # Events stored before cues were kept have no rows here: they count as uncued.
            for event_id, view, cued, total in self.conn.execute(
                f"SELECT event_id, view, cued, total FROM grouping_cues WHERE event_id IN ({marks})", chunk
            ):
                if event_id in self.events and view < len(VIEWS):
                    self.events[event_id].cued[view] = cued
                    self.events[event_id].cues[view] = _unpack(total)

    def members_of(self, event_ids: Sequence[str]) -> Members:
        """The members of these events, their rows weighted with the archive's current frequencies.

        A member's row was weighted with the frequencies of the run it came in; an early run
        knows fewer documents, so words its topic shares weigh more, and look-alike events
        that one run over all the articles keeps apart look closer. Weighed again, an event's
        members compare as a single run would compare them. Only events whose every member
        has stored counts are returned (not those of an archive of an older release).
        """
        import scipy.sparse as sp

        found: dict[str, list[tuple]] = {}
        for start in range(0, len(event_ids), 900):
            chunk = list(event_ids[start : start + 900])
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                "SELECT m.event_id, m.article_id, c.day, c.published, c.words, c.specifics, c.cues "
                "FROM grouping_members m JOIN grouping_counts c ON c.article_id = m.article_id "
                f"WHERE m.event_id IN ({marks}) ORDER BY m.article_id",
                chunk,
            ):
                found.setdefault(row[0], []).append(row)
        rows = [r for e in event_ids if e in found and len(found[e]) == self.events[e].size for r in found[e]]
        if self.weigh is None or not rows:
            return Members([], [], [], [], _empty_row()[:0], _empty_row()[:0], [_empty_row()[:0] for _ in VIEWS])

        def stack(column: int) -> sp.csr_matrix:
            return sp.vstack([_unpack(r[column]) for r in rows]).tocsr()

        return Members(
            [r[1] for r in rows],
            [r[0] for r in rows],
            [r[2] for r in rows],
            [r[3] for r in rows],
            self.weigh(stack(4), WORDS),
            self.weigh(stack(5), SPECIFICS),
            _unpack_views([r[6] for r in rows]),
        )

    def rebuild(self, event_id: str, members: Members, rows: Sequence[int]) -> None:
        """Set this event's sums to those of these members (indices into `members`)."""
        ev = self.events[event_id]
        self.events[event_id] = Event(ev.seq, None, None, 0, _empty_row(), _empty_row())
        for k in rows:
            self.join(event_id, members.words[k], members.specifics[k], members.days[k], [v[k] for v in members.cues])

    def candidates(self, keys: Sequence[int]) -> list[str]:
        unseen = [k for k in keys if k not in self.postings]
        if unseen:
            for k in unseen:
                self.postings[k] = set()
            for start in range(0, len(unseen), 900):
                chunk = unseen[start : start + 900]
                marks = ",".join("?" * len(chunk))
                # The event's last day is part of the key, so old events are never read.
                rows = self.conn.execute(
                    f"SELECT feature, event_id FROM grouping_index WHERE feature IN ({marks}) AND last_day >= ?",
                    [*chunk, self.floor if self.floor is not None else -_UNDATED],
                )
                for feature, event_id in rows:
                    self.postings[feature].add(event_id)
        found = sorted(set().union(*(self.postings[k] for k in keys))) if keys else []
        self.load(found)
        return [e for e in found if e in self.events]

    def in_window(self, event_id: str, day: int | None) -> bool:
        ev = self.events[event_id]
        if day is None or ev.first_day is None or ev.last_day is None:
            return True
        return max(ev.first_day - day, day - ev.last_day) <= self.settings.window_days

    def index(self, event_id: str) -> None:
        ev = self.events[event_id]
        for row, channel in ((ev.words, WORDS), (ev.specifics, SPECIFICS)):
            for k in top_keys(row, channel, _EVENT_KEYS):
                self.postings.setdefault(k, set()).add(event_id)

    def open(
        self,
        event_id: str,
        words: sp.csr_matrix,
        specifics: sp.csr_matrix,
        day: int | None,
        cues: Sequence[sp.csr_matrix],
    ) -> None:
        self.create(event_id)
        self.join(event_id, words, specifics, day, cues)

    def create(self, event_id: str) -> None:
        """A new event with no members yet."""
        self.seq += 1
        self.events[event_id] = Event(self.seq, None, None, 0, _empty_row(), _empty_row())

    def join(
        self,
        event_id: str,
        words: sp.csr_matrix,
        specifics: sp.csr_matrix,
        day: int | None,
        cues: Sequence[sp.csr_matrix],
    ) -> None:
        ev = self.events[event_id]
        ev.words = ev.words + words
        ev.specifics = ev.specifics + specifics
        ev.size += 1
        for view, row in enumerate(cues):
            if row.nnz:
                ev.cued[view] += 1
                ev.cues[view] = ev.cues[view] + row
        if day is not None:
            ev.first_day = day if ev.first_day is None else min(ev.first_day, day)
            ev.last_day = day if ev.last_day is None else max(ev.last_day, day)
        ev.dirty = True
        self.index(event_id)

    def absorb(self, survivor: str, old: str) -> None:
        a, b = self.events[survivor], self.events.pop(old)
        a.words = a.words + b.words
        a.specifics = a.specifics + b.specifics
        a.size += b.size
        for view in range(len(VIEWS)):
            a.cued[view] += b.cued[view]
            a.cues[view] = a.cues[view] + b.cues[view]
        days = [d for d in (a.first_day, a.last_day, b.first_day, b.last_day) if d is not None]
        a.first_day, a.last_day = (min(days), max(days)) if days else (None, None)
        a.dirty = True
        for ids in self.postings.values():
            ids.discard(old)
        self.index(survivor)
        self.conn.execute("DELETE FROM grouping_events WHERE event_id = ?", (old,))
        self.conn.execute("DELETE FROM grouping_index WHERE event_id = ?", (old,))
        self.conn.execute("DELETE FROM grouping_cues WHERE event_id = ?", (old,))
        self.conn.execute("UPDATE grouping_members SET event_id = ? WHERE event_id = ?", (survivor, old))
        self.conn.execute("INSERT OR REPLACE INTO grouping_merges (old_id, survivor_id) VALUES (?, ?)", (old, survivor))

    def save(self) -> None:
        for event_id, ev in self.events.items():
            if not ev.dirty:
                continue
            conn = self.conn
            conn.execute(
                "INSERT OR REPLACE INTO grouping_events "
                "(event_id, seq, first_day, last_day, size, words, specifics) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (event_id, ev.seq, ev.first_day, ev.last_day, ev.size, _pack(ev.words), _pack(ev.specifics)),
            )
            # Only views some member holds are written: a missing row reads as an empty view.
            conn.execute("DELETE FROM grouping_cues WHERE event_id = ?", (event_id,))
            conn.executemany(
                "INSERT INTO grouping_cues (event_id, view, cued, total) VALUES (?, ?, ?, ?)",
                [(event_id, v, ev.cued[v], _pack(ev.cues[v])) for v in range(len(VIEWS)) if ev.cued[v]],
            )
            conn.execute("DELETE FROM grouping_index WHERE event_id = ?", (event_id,))
            keys = top_keys(ev.words, WORDS, _EVENT_KEYS) + top_keys(ev.specifics, SPECIFICS, _EVENT_KEYS)
            last = _UNDATED if ev.last_day is None else ev.last_day
            conn.executemany(
                "INSERT OR IGNORE INTO grouping_index (feature, last_day, event_id) VALUES (?, ?, ?)",
                [(k, last, event_id) for k in keys],
            )
        set_meta(self.conn, "events", self.seq)


def top_keys(row: sp.csr_matrix, channel: int, k: int) -> list[int]:
    if row.nnz == 0:
        return []
    order = np.argsort(-row.data, kind="stable")[:k]
    return [int(i) + channel * N_FEATURES for i in row.indices[order]]


def grouped(conn: sqlite3.Connection, article_ids: Sequence[str]) -> set[str]:
    """Those of these articles that are already in an event."""
    known: set[str] = set()
    for start in range(0, len(article_ids), 900):
        ids = article_ids[start : start + 900]
        marks = ",".join("?" * len(ids))
        known.update(
            row[0]
            for row in conn.execute(f"SELECT article_id FROM grouping_members WHERE article_id IN ({marks})", ids)
        )
    return known


def save_members(
    conn: sqlite3.Connection, event_of: Iterable[tuple[str, str]], duplicate_of: Mapping[str, str]
) -> None:
    """Record which event each article is in, and which article each near-duplicate copies."""
    conn.executemany("INSERT OR REPLACE INTO grouping_members (article_id, event_id) VALUES (?, ?)", event_of)
    conn.executemany(
        "INSERT OR REPLACE INTO grouping_duplicates (article_id, original_id) VALUES (?, ?)",
        duplicate_of.items(),
    )


def save_counts(
    conn: sqlite3.Connection,
    articles: Sequence[tuple[str, int | None, str | None]],
    words: sp.csr_matrix,
    specifics: sp.csr_matrix,
    views: Sequence[sp.csr_matrix],
) -> None:
    """Keep each article's day, published date, term counts and view rows (row k of each matrix is article k's)."""
    conn.executemany(
        "INSERT OR REPLACE INTO grouping_counts (article_id, day, published, words, specifics, cues) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            (a, d, p, _pack(words[k]), _pack(specifics[k]), _pack_views([v[k] for v in views]))
            for k, (a, d, p) in enumerate(articles)
        ],
    )


def to_restore(conn: sqlite3.Connection) -> list[str]:
    """Members a repair restored from the archive whose texts have come back: their rows are to be rebuilt."""
    return [
        row[0]
        for row in conn.execute(
            "SELECT r.article_id FROM grouping_restore r JOIN articles a ON a.id = r.article_id ORDER BY r.article_id"
        )
    ]


def mark_restored(conn: sqlite3.Connection, article_ids: Iterable[str]) -> None:
    conn.executemany("DELETE FROM grouping_restore WHERE article_id = ?", [(a,) for a in article_ids])


def known_event(conn: sqlite3.Connection, event_id: str) -> bool:
    """Whether this id is, or was, an event's."""
    return bool(
        conn.execute("SELECT 1 FROM grouping_events WHERE event_id = ?", (event_id,)).fetchone()
        or conn.execute("SELECT 1 FROM grouping_merges WHERE old_id = ?", (event_id,)).fetchone()
        or conn.execute("SELECT 1 FROM grouping_members WHERE event_id = ?", (event_id,)).fetchone()
    )


def stored_event(conn: sqlite3.Connection, article_id: str) -> str | None:
    row = conn.execute("SELECT event_id FROM grouping_members WHERE article_id = ?", (article_id,)).fetchone()
    return row[0] if row else None


def members(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """Every live event id with its article ids."""
    out: dict[str, list[str]] = {}
    for article_id, event_id in conn.execute("SELECT article_id, event_id FROM grouping_members ORDER BY article_id"):
        out.setdefault(event_id, []).append(article_id)
    return out


def resolve(conn: sqlite3.Connection, event_id: str) -> str:
    """The live id an event id stands for now (itself, or the survivor it was merged into)."""
    seen = set()
    while event_id not in seen:
        seen.add(event_id)
        row = conn.execute("SELECT survivor_id FROM grouping_merges WHERE old_id = ?", (event_id,)).fetchone()
        if row is None:
            return event_id
        event_id = row[0]
    return event_id


def duplicates(conn: sqlite3.Connection) -> dict[str, str]:
    """Every near-duplicate article id ever detected, with the article it copies."""
    return dict(conn.execute("SELECT article_id, original_id FROM grouping_duplicates ORDER BY article_id"))


def merged_ids(conn: sqlite3.Connection) -> dict[str, str]:
    """Every event id ever absorbed, with the id it was merged into then (`resolve` follows on)."""
    return dict(conn.execute("SELECT old_id, survivor_id FROM grouping_merges ORDER BY old_id"))
