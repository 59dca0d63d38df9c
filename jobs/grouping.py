"""Event grouping: assigns articles to events, incrementally and with stable ids.

The grouping keeps what it needs in the archive's SQLite database (tables created
by `init_schema`), so a scheduled run joins new articles to yesterday's events.

The method follows online story clustering (Miranda et al., EMNLP 2018): each new
article is compared with the centroids of recent events found through an inverted
index of their top features, and either joins the best one or founds a new event.
An article has two views, both TF-IDF over hashed features (stable across runs, no
vocabulary to refit), with document frequencies kept as counts in SQLite:

- words: lower-cased content words, lightly stemmed, title words counted twice;
- specifics: named participants and places (the extractor's terms, or capitalised
  phrases when an article has no facts), numbers and dates; as in Event Registry,
  these carry most of the weight, since look-alike events share their vocabulary
  but not their names, places, counts and dates.

Syndicated copies are found by MinHash over word shingles with banded lookup.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, HashingVectorizer
from sklearn.preprocessing import normalize

from jobs.models import Article, ArticleFacts


@dataclass(frozen=True)
class Grouping:
    """What one grouping step decided.

    `event_of` maps each new article to its event id; `merged` maps ids absorbed in
    this step to their survivor; `duplicate_of` maps near-duplicate (syndicated)
    articles to the article they copy.
    """

    event_of: dict[str, str]
    merged: dict[str, str] = field(default_factory=dict)
    duplicate_of: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Settings:
    """How eagerly articles join events; the defaults hold across unseen topics."""

    threshold: float = 0.25
    merge_threshold: float = 0.5
    specifics_weight: float = 0.6
    window_days: int = 60
    duplicate_jaccard: float = 0.7
    refine_rounds: int = 2
    idf_power: float = 1.0


DEFAULT = Settings()

_N_FEATURES = 2**20
_WORDS, _SPECIFICS = 0, 1
# Features an event is indexed under, and how many of an article's are looked up.
_EVENT_KEYS = 40
_ARTICLE_KEYS = 15
_MINHASH_PERMS = 64
_BANDS = 16
_SHINGLE = 5
_DATELINE_CHARS = 300
_MERSENNE = (1 << 61) - 1

_STOP = frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "told", "according", "reported", "new"}
_WORD_RE = re.compile(r"[a-z][a-z'’\-]*[a-z]|\d+(?:[.,:]\d+)*")
_NUMBER_RE = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?![\w])")
_CAPS_RE = re.compile(
    r"(?:(?:[A-Z]\.){2,}|[A-Z][\w'’\-]*\.?)(?:[ \t]+(?:(?:of|de|la|van|von|al|bin|the|and|for|da|du|del)[ \t]+)?"
    r"(?:(?:[A-Z]\.){2,}|[A-Z][\w'’\-]*\.?))*"
)
_SENT_START = re.compile(r"(?:^|[.!?:;\"“”'\n]\s*)$")
_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_CALENDAR = frozenset(_MONTHS) | frozenset(_WEEKDAYS)
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_MDY = re.compile(rf"\b({_MONTH_ALT})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+((?:19|20)\d\d))?\b", re.I)
_DATE_DMY = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_ALT})\.?,?(?:\s+((?:19|20)\d\d))?\b", re.I)
_DATE_NUM = re.compile(r"\b(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*((?:19|20)\d\d|\d\d)\b")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")


def init_schema(conn: sqlite3.Connection) -> None:
    # Statement by statement: executescript() would COMMIT the caller's open transaction.
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)


_SCHEMA = """
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
        CREATE TABLE IF NOT EXISTS grouping_postings (
            feature INTEGER NOT NULL, event_id TEXT NOT NULL, PRIMARY KEY (feature, event_id))
            WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS grouping_postings_event ON grouping_postings(event_id);
        CREATE TABLE IF NOT EXISTS grouping_articles (
            article_id TEXT PRIMARY KEY, signature BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS grouping_bands (
            band INTEGER NOT NULL, article_id TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS grouping_bands_band ON grouping_bands(band);
        """


def new_event_id(article: Article) -> str:
    """An event id from its founding article: date and a content hash, safe as a file name."""
    day = (article.published or "undated").replace("-", "")
    digest = hashlib.sha1(article.id.encode("utf-8")).hexdigest()[:8]
    return f"ev-{day}-{digest}"


# --- features -------------------------------------------------------------------


def _stem(word: str) -> str:
    """A light suffix strip so that inflections share a feature (killed/killing/kills)."""
    for suffix, keep in (("ies", 3), ("ing", 4), ("ed", 4), ("es", 4), ("s", 3)):
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            return word[: -len(suffix)]
    return word


def word_features(article: Article) -> list[str]:
    """Content words of title (twice) and text, lower-cased and stemmed."""
    title = article.title or ""
    out = []
    for text, times in ((title, 2), (article.text, 1)):
        for w in _WORD_RE.findall(text.lower()):
            if len(w) > 2 and w not in _STOP and not w[0].isdigit():
                out.extend([_stem(w.replace("’", "'"))] * times)
    return out


def capitalised_phrases(text: str) -> list[str]:
    """Capitalised word runs, the names of a text without a parser.

    A run that opens a sentence loses its first word when that word is a function
    word, appears lower-cased elsewhere, or (alone) is never capitalised mid-sentence:
    sentence case capitalises common words too.
    """
    lower_words = set(re.findall(r"\b[a-z][a-z'\-]+\b", text))
    runs = []
    for m in _CAPS_RE.finditer(text):
        opens = m.start() == 0 or bool(_SENT_START.search(text[max(0, m.start() - 3) : m.start()]))
        words: list[str] = []
        for word in m.group(0).split():
            words.append(_strip_period(word))
            # A full stop after a word (not an initial) ends the sentence and the name.
            if words[-1] != word:
                runs.append((words, opens))
                words, opens = [], True
        if words:
            runs.append((words, opens))
    mid_sentence = {w[0] for w, opens in runs if not opens and len(w) == 1}
    out = []
    for words, opens in runs:
        if opens and words:
            first = words[0].lower()
            if (
                first in _STOP
                or first in lower_words
                or first in _CALENDAR
                or (len(words) == 1 and words[0] not in mid_sentence)
            ):
                words = words[1:]
        while words and (words[0].lower() in _STOP or words[0].lower() in _CALENDAR):
            words = words[1:]
        if not words or (len(words) == 1 and words[0].lower() in _CALENDAR):
            continue
        phrase = " ".join(words)
        # Whole-capitals runs of several words are shouted headlines, not names.
        if not (phrase.isupper() and len(phrase) > 5 and " " in phrase):
            out.append(phrase)
    return out


def _strip_period(word: str) -> str:
    """Drop a sentence's full stop from a word but keep it on initials (J., U.S.)."""
    if word.endswith(".") and len(word) > 2 and not re.fullmatch(r"(?:[A-Z]\.)+", word):
        return word[:-1]
    return word


def _days(day: str | None) -> int | None:
    if not day:
        return None
    try:
        return dt.date.fromisoformat(day[:10]).toordinal()
    except ValueError:
        return None


def text_dates(text: str) -> list[str]:
    """Calendar references in a text as `y:YYYY`, `m:YYYY-MM` and `d:MM-DD` keys."""
    out = []
    for m in _DATE_MDY.finditer(text):
        month, day, year = _MONTHS[m.group(1).lower()], int(m.group(2)), m.group(3)
        if 1 <= day <= 31:
            out.append(f"d:{month:02d}-{day:02d}")
            if year:
                out.append(f"m:{year}-{month:02d}")
    for m in _DATE_DMY.finditer(text):
        day, month, year = int(m.group(1)), _MONTHS[m.group(2).lower()], m.group(3)
        if 1 <= day <= 31:
            out.append(f"d:{month:02d}-{day:02d}")
            if year:
                out.append(f"m:{year}-{month:02d}")
    for m in _DATE_NUM.finditer(text):
        a, b, year = int(m.group(1)), int(m.group(2)), m.group(3)
        year = year if len(year) == 4 else f"20{year}"
        for month, day in ((a, b), (b, a)):
            if 1 <= month <= 12 and 1 <= day <= 31:
                out.append(f"m:{year}-{month:02d}")
                break
    out.extend(f"y:{y}" for y in _YEAR.findall(text))
    return out


def specific_features(article: Article, facts: ArticleFacts | None) -> list[str]:
    """Names (whole and by word), numbers and dates that tell one event from a look-alike."""
    text = f"{article.title or ''}\n{article.text}"
    names = list(facts.terms) if facts is not None and facts.terms else capitalised_phrases(text)
    out = []
    for name in names:
        key = " ".join(name.lower().replace("’", "'").split())
        if not key:
            continue
        out.append(f"e:{key}")
        parts = [p.rstrip(".") for p in key.split()]
        if len(parts) > 1:
            out.extend(f"e:{p}" for p in parts if len(p) > 2 and p not in _STOP)
    for number in _NUMBER_RE.findall(text):
        digits = number.replace(",", "")
        # Single digits and clock-like numbers are too common to tell events apart.
        if len(digits) >= 2 and not _YEAR.fullmatch(digits):
            out.append(f"n:{digits}")
    out.extend(text_dates(text))
    if article.published:
        out.append(f"m:{article.published[:7]}")
    return out


def _vectoriser() -> HashingVectorizer:
    return HashingVectorizer(analyzer=lambda feats: feats, n_features=_N_FEATURES, alternate_sign=False, norm=None)


def _counts(features: Iterable[list[str]]) -> sp.csr_matrix:
    counts = _vectoriser().transform(list(features)).tocsr()
    counts.data = 1.0 + np.log(counts.data)
    return counts


def article_day(article: Article) -> int | None:
    """The article's day number: its published date, else a dated line at its head.

    A month-and-year date in the title or the opening lines is how copied web pages
    keep their dateline; it stands for the middle of that month.
    """
    if article.published:
        return _days(article.published)
    head = f"{article.title or ''}\n{article.text[:_DATELINE_CHARS]}"
    for key in text_dates(head):
        if key.startswith("m:"):
            return _days(f"{key[2:]}-15")
    return None


# --- state ------------------------------------------------------------------------


def _pack(row: sp.csr_matrix) -> bytes:
    idx = row.indices.astype(np.int32)
    val = row.data.astype(np.float32)
    return len(idx).to_bytes(4, "little") + idx.tobytes() + val.tobytes()


def _unpack(blob: bytes) -> sp.csr_matrix:
    n = int.from_bytes(blob[:4], "little")
    idx = np.frombuffer(blob, dtype=np.int32, count=n, offset=4)
    val = np.frombuffer(blob, dtype=np.float32, count=n, offset=4 + 4 * n)
    return sp.csr_matrix((val.astype(np.float64), idx, [0, n]), shape=(1, _N_FEATURES))


@dataclass
class _Event:
    seq: int
    first_day: int | None
    last_day: int | None
    size: int
    words: sp.csr_matrix
    specifics: sp.csr_matrix
    dirty: bool = False


def _meta(conn: sqlite3.Connection, key: str) -> int:
    row = conn.execute("SELECT value FROM grouping_meta WHERE key = ?", (key,)).fetchone()
    return int(row[0]) if row else 0


def _set_meta(conn: sqlite3.Connection, key: str, value: int) -> None:
    conn.execute("INSERT OR REPLACE INTO grouping_meta (key, value) VALUES (?, ?)", (key, value))


def _update_df(conn: sqlite3.Connection, words: sp.csr_matrix, specifics: sp.csr_matrix) -> None:
    new: dict[int, int] = {}
    for channel, matrix in ((_WORDS, words), (_SPECIFICS, specifics)):
        present = matrix.copy()
        present.data[:] = 1
        cols = np.asarray(present.sum(axis=0)).ravel()
        for feature in np.flatnonzero(cols):
            new[int(feature) + channel * _N_FEATURES] = int(cols[feature])
    conn.executemany(
        "INSERT INTO grouping_df (feature, df) VALUES (?, ?) ON CONFLICT(feature) DO UPDATE SET df = df + excluded.df",
        new.items(),
    )
    _set_meta(conn, "documents", _meta(conn, "documents") + words.shape[0])


def _idf(conn: sqlite3.Connection, matrix: sp.csr_matrix, channel: int, power: float = 1.0) -> sp.csr_matrix:
    """TF-IDF rows, L2-normalised, with the archive's document frequencies.

    `power` above 1 sharpens IDF so rare features (a name, a count) outweigh ones
    every story of a kind shares.
    """
    n_docs = _meta(conn, "documents")
    cols = np.unique(matrix.indices)
    df = dict.fromkeys(cols.tolist(), 0)
    offset = channel * _N_FEATURES
    for start in range(0, len(cols), 900):
        chunk = [int(c) + offset for c in cols[start : start + 900]]
        marks = ",".join("?" * len(chunk))
        for feature, count in conn.execute(f"SELECT feature, df FROM grouping_df WHERE feature IN ({marks})", chunk):
            df[feature - offset] = count
    weights = np.array([math.log((n_docs + 1) / (df[c] + 1)) + 1.0 for c in cols.tolist()]) ** power
    lookup = dict(zip(cols.tolist(), weights, strict=True))
    out = matrix.copy()
    out.data = out.data * np.array([lookup[c] for c in out.indices.tolist()])
    return normalize(out)


# --- near-duplicates ---------------------------------------------------------------


def _signature(text: str) -> np.ndarray:
    words = re.findall(r"\w+", text.lower())
    shingles = {" ".join(words[i : i + _SHINGLE]) for i in range(max(1, len(words) - _SHINGLE + 1))}
    hashes = np.array(
        [int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "little") for s in shingles],
        dtype=np.uint64,
    ) % np.uint64(_MERSENNE)
    rng = np.random.default_rng(20180101)
    a = rng.integers(1, 1 << 30, _MINHASH_PERMS, dtype=np.uint64)
    b = rng.integers(0, 1 << 30, _MINHASH_PERMS, dtype=np.uint64)
    # 30-bit coefficients times 61-bit hashes overflow 64 bits; fold the hash to 33 bits first.
    folded = (hashes ^ (hashes >> np.uint64(33))) & np.uint64((1 << 33) - 1)
    return ((np.outer(folded, a) + b) % np.uint64(_MERSENNE)).min(axis=0)


def _bands(signature: np.ndarray) -> list[int]:
    rows = _MINHASH_PERMS // _BANDS
    return [
        int.from_bytes(
            hashlib.blake2b(bytes([i]) + signature[i * rows : (i + 1) * rows].tobytes(), digest_size=7).digest(),
            "little",
        )
        for i in range(_BANDS)
    ]


def _find_duplicate(conn: sqlite3.Connection, article_id: str, signature: np.ndarray, limit: float) -> str | None:
    bands = _bands(signature)
    marks = ",".join("?" * len(bands))
    best, best_sim = None, limit
    for other, blob in conn.execute(
        f"SELECT DISTINCT a.article_id, a.signature FROM grouping_bands b "
        f"JOIN grouping_articles a ON a.article_id = b.article_id WHERE b.band IN ({marks})",
        bands,
    ):
        if other == article_id:
            continue
        sim = float(np.mean(np.frombuffer(blob, dtype=np.uint64) == signature))
        if sim >= best_sim and (best is None or sim > best_sim or other < best):
            best, best_sim = other, sim
    conn.executemany("INSERT INTO grouping_bands (band, article_id) VALUES (?, ?)", [(b, article_id) for b in bands])
    conn.execute(
        "INSERT OR REPLACE INTO grouping_articles (article_id, signature) VALUES (?, ?)",
        (article_id, signature.tobytes()),
    )
    return best


# --- assignment ---------------------------------------------------------------------


class _State:
    """The events one call works on, loaded lazily from SQLite and written back at the end."""

    def __init__(self, conn: sqlite3.Connection, settings: Settings, first_day: int | None) -> None:
        self.conn = conn
        self.settings = settings
        self.events: dict[str, _Event] = {}
        self.postings: dict[int, set[str]] = {}
        self.seq = _meta(conn, "events")
        # Events that ended before the run's window opened cannot take its articles: leaving
        # them out of the lookup keeps the cost per article flat as the archive grows.
        self.floor = None if first_day is None else first_day - settings.window_days

    def _load(self, event_ids: Iterable[str]) -> None:
        missing = [e for e in event_ids if e not in self.events]
        for start in range(0, len(missing), 900):
            chunk = missing[start : start + 900]
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                "SELECT event_id, seq, first_day, last_day, size, words, specifics "
                f"FROM grouping_events WHERE event_id IN ({marks})",
                chunk,
            ):
                self.events[row[0]] = _Event(row[1], row[2], row[3], row[4], _unpack(row[5]), _unpack(row[6]))

    def candidates(self, keys: Sequence[int]) -> list[str]:
        unseen = [k for k in keys if k not in self.postings]
        if unseen:
            for k in unseen:
                self.postings[k] = set()
            for start in range(0, len(unseen), 900):
                chunk = unseen[start : start + 900]
                marks = ",".join("?" * len(chunk))
                rows = self.conn.execute(
                    "SELECT p.feature, p.event_id FROM grouping_postings p "
                    "JOIN grouping_events e ON e.event_id = p.event_id "
                    f"WHERE p.feature IN ({marks}) AND (e.last_day IS NULL OR e.last_day >= ?)",
                    [*chunk, self.floor if self.floor is not None else -(2**62)],
                )
                for feature, event_id in rows:
                    self.postings[feature].add(event_id)
        found = sorted(set().union(*(self.postings[k] for k in keys))) if keys else []
        self._load(found)
        return [e for e in found if e in self.events]

    def scores(
        self, event_ids: Sequence[str], words: sp.csr_matrix, specifics: sp.csr_matrix, day: int | None
    ) -> np.ndarray:
        """Similarity of one article (rows already normalised) to each event's centroid."""
        s = self.settings
        evs = [self.events[e] for e in event_ids]
        score = (1 - s.specifics_weight) * _cosines([e.words for e in evs], words) + s.specifics_weight * _cosines(
            [e.specifics for e in evs], specifics
        )
        if day is not None:
            for i, ev in enumerate(evs):
                if ev.first_day is not None and max(ev.first_day - day, day - ev.last_day) > s.window_days:
                    score[i] = -1.0
        return score

    def index(self, event_id: str) -> None:
        ev = self.events[event_id]
        for row, channel in ((ev.words, _WORDS), (ev.specifics, _SPECIFICS)):
            for k in _top_keys(row, channel, _EVENT_KEYS):
                self.postings.setdefault(k, set()).add(event_id)

    def open(self, event_id: str, words: sp.csr_matrix, specifics: sp.csr_matrix, day: int | None) -> None:
        self.seq += 1
        self.events[event_id] = _Event(self.seq, day, day, 1, words, specifics, dirty=True)
        self.index(event_id)

    def join(self, event_id: str, words: sp.csr_matrix, specifics: sp.csr_matrix, day: int | None) -> None:
        ev = self.events[event_id]
        ev.words = ev.words + words
        ev.specifics = ev.specifics + specifics
        ev.size += 1
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
        days = [d for d in (a.first_day, a.last_day, b.first_day, b.last_day) if d is not None]
        a.first_day, a.last_day = (min(days), max(days)) if days else (None, None)
        a.dirty = True
        for ids in self.postings.values():
            ids.discard(old)
        self.index(survivor)
        self.conn.execute("DELETE FROM grouping_events WHERE event_id = ?", (old,))
        self.conn.execute("DELETE FROM grouping_postings WHERE event_id = ?", (old,))
        self.conn.execute("UPDATE grouping_members SET event_id = ? WHERE event_id = ?", (survivor, old))
        self.conn.execute("UPDATE grouping_merges SET survivor_id = ? WHERE survivor_id = ?", (survivor, old))
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
            conn.execute("DELETE FROM grouping_postings WHERE event_id = ?", (event_id,))
            keys = _top_keys(ev.words, _WORDS, _EVENT_KEYS) + _top_keys(ev.specifics, _SPECIFICS, _EVENT_KEYS)
            conn.executemany(
                "INSERT OR IGNORE INTO grouping_postings (feature, event_id) VALUES (?, ?)",
                [(k, event_id) for k in keys],
            )
        _set_meta(self.conn, "events", self.seq)


def _cosines(rows: Sequence[sp.csr_matrix], x: sp.csr_matrix) -> np.ndarray:
    """Cosine of each 1-row matrix in `rows` with the unit row `x`, in one vectorised pass.

    Matching sorted feature indices avoids scipy's sparse product, which builds
    index arrays as long as the whole hashed feature space.
    """
    sizes = np.array([r.nnz for r in rows])
    if sizes.sum() == 0 or x.nnz == 0:
        return np.zeros(len(rows))
    owner = np.repeat(np.arange(len(rows)), sizes)
    idx = np.concatenate([r.indices for r in rows])
    val = np.concatenate([r.data for r in rows])
    norms = np.sqrt(np.bincount(owner, weights=val * val, minlength=len(rows)))
    order = np.argsort(x.indices)
    xi, xv = x.indices[order], x.data[order]
    pos = np.minimum(np.searchsorted(xi, idx), len(xi) - 1)
    hit = xi[pos] == idx
    dots = np.bincount(owner[hit], weights=val[hit] * xv[pos[hit]], minlength=len(rows))
    return np.divide(dots, norms, out=np.zeros(len(rows)), where=norms > 0)


def _top_keys(row: sp.csr_matrix, channel: int, k: int) -> list[int]:
    if row.nnz == 0:
        return []
    order = np.argsort(-row.data, kind="stable")[:k]
    return [int(i) + channel * _N_FEATURES for i in row.indices[order]]


def assign_events(
    conn: sqlite3.Connection,
    articles: Sequence[Article],
    facts: Mapping[str, ArticleFacts],
    *,
    settings: Settings = DEFAULT,
) -> Grouping:
    """Assign new articles to existing events or open new ones; never renames an event.

    Articles already grouped keep their event. Articles are taken in order of
    publication (undated ones where they stand in the input). Events that the new
    articles show to be one are merged into the older id, reported in `merged`.
    """
    init_schema(conn)
    known: set[str] = set()
    for start in range(0, len(articles), 900):
        ids = [a.id for a in articles[start : start + 900]]
        marks = ",".join("?" * len(ids))
        known.update(
            row[0]
            for row in conn.execute(f"SELECT article_id FROM grouping_members WHERE article_id IN ({marks})", ids)
        )
    fresh: list[Article] = []
    seen: set[str] = set()
    for a in articles:
        if a.id not in known and a.id not in seen:
            seen.add(a.id)
            fresh.append(a)
    event_of: dict[str, str] = {}
    for a in articles:
        if a.id in known:
            event_of[a.id] = resolve(conn, _event_of(conn, a.id))
    if not fresh:
        return Grouping(event_of=event_of)

    fresh = _chronological(fresh)
    word_counts = _counts(word_features(a) for a in fresh)
    spec_counts = _counts(specific_features(a, facts.get(a.id)) for a in fresh)
    _update_df(conn, word_counts, spec_counts)
    words = _idf(conn, word_counts, _WORDS, settings.idf_power)
    specifics = _idf(conn, spec_counts, _SPECIFICS, settings.idf_power)

    days = [d for d in (article_day(a) for a in fresh) if d is not None]
    state = _State(conn, settings, min(days) if len(days) == len(fresh) else None)
    duplicate_of: dict[str, str] = {}
    touched: list[str] = []
    for i, article in enumerate(fresh):
        w, x = words[i], specifics[i]
        day = article_day(article)
        original = _find_duplicate(conn, article.id, _signature(article.text), settings.duplicate_jaccard)
        target = None
        if original is not None:
            duplicate_of[article.id] = original
            target = resolve(conn, _event_of(conn, original) or "")
            state._load([target])
            # A copy run again long after is a new occasion, not the same report.
            if target not in state.events or state.scores([target], w, x, day)[0] < 0:
                target = None
                del duplicate_of[article.id]
        if target is None:
            keys = _top_keys(w, _WORDS, _ARTICLE_KEYS) + _top_keys(x, _SPECIFICS, _ARTICLE_KEYS)
            cands = state.candidates(keys)
            if cands:
                score = state.scores(cands, w, x, day)
                best = int(np.argmax(score))
                if score[best] >= settings.threshold:
                    target = cands[best]
        if target is None:
            target = new_event_id(article)
            state.open(target, w, x, day)
        else:
            state.join(target, w, x, day)
        conn.execute(
            "INSERT OR REPLACE INTO grouping_members (article_id, event_id) VALUES (?, ?)",
            (article.id, target),
        )
        event_of[article.id] = target
        touched.append(target)

    for _ in range(settings.refine_rounds):
        _refine(state, fresh, words, specifics, event_of, duplicate_of)
    touched = [event_of[a.id] for a in fresh]
    for article in fresh:
        conn.execute(
            "UPDATE grouping_members SET event_id = ? WHERE article_id = ?",
            (event_of[article.id], article.id),
        )
    merged = _merge(state, dict.fromkeys(touched))
    state.save()
    for article_id, event_id in event_of.items():
        event_of[article_id] = merged.get(event_id, event_id)
    return Grouping(event_of=event_of, merged=merged, duplicate_of=duplicate_of)


def _refine(
    state: _State,
    fresh: Sequence[Article],
    words: sp.csr_matrix,
    specifics: sp.csr_matrix,
    event_of: dict[str, str],
    duplicate_of: Mapping[str, str],
) -> None:
    """Move each new article to the event that fits it best once all new articles are placed.

    A single online pass depends on arrival order (the first of a story's articles
    meet only each other); this k-means-like step undoes that within one run, while
    older articles stay where they are so that earlier runs' events keep their members.
    """
    s = state.settings
    for i, article in enumerate(fresh):
        if article.id in duplicate_of:
            continue
        w, x = words[i], specifics[i]
        home = event_of[article.id]
        ev = state.events[home]
        if ev.size == 1:
            continue
        ev.words = ev.words - w
        ev.specifics = ev.specifics - x
        ev.size -= 1
        keys = _top_keys(w, _WORDS, _ARTICLE_KEYS) + _top_keys(x, _SPECIFICS, _ARTICLE_KEYS)
        cands = sorted(set(state.candidates(keys)) | {home})
        score = state.scores(cands, w, x, article_day(article))
        best = int(np.argmax(score))
        target = cands[best] if score[best] >= s.threshold else home
        if target == home:
            ev.words = ev.words + w
            ev.specifics = ev.specifics + x
            ev.size += 1
        else:
            ev.dirty = True
            state.join(target, w, x, article_day(article))
            event_of[article.id] = target


def _merge(state: _State, touched: Mapping[str, None]) -> dict[str, str]:
    """Merge each touched event into an older look-alike whose centroid it now matches."""
    merged: dict[str, str] = {}
    for event_id in touched:
        event_id = merged.get(event_id, event_id)
        if event_id not in state.events:
            continue
        ev = state.events[event_id]
        w, x = _unit(ev.words), _unit(ev.specifics)
        keys = _top_keys(w, _WORDS, _ARTICLE_KEYS) + _top_keys(x, _SPECIFICS, _ARTICLE_KEYS)
        cands = [c for c in state.candidates(keys) if c != event_id]
        if not cands:
            continue
        day = ev.first_day
        score = state.scores(cands, w, x, day)
        best = int(np.argmax(score))
        if score[best] < state.settings.merge_threshold:
            continue
        other = cands[best]
        survivor, old = (other, event_id) if state.events[other].seq < ev.seq else (event_id, other)
        state.absorb(survivor, old)
        merged = {k: (survivor if v == old else v) for k, v in merged.items()}
        merged[old] = survivor
    return merged


def _unit(row: sp.csr_matrix) -> sp.csr_matrix:
    norm = float(np.sqrt((row.data**2).sum()))
    return row / norm if norm > 0 else row


def _chronological(articles: Sequence[Article]) -> list[Article]:
    """Dated articles sorted by date in the slots dated articles held; undated stay put."""
    dated = sorted((a for a in articles if a.published), key=lambda a: (a.published, a.id))
    it = iter(dated)
    return [next(it) if a.published else a for a in articles]


def _event_of(conn: sqlite3.Connection, article_id: str) -> str | None:
    row = conn.execute("SELECT event_id FROM grouping_members WHERE article_id = ?", (article_id,)).fetchone()
    return row[0] if row else None


def members(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """Every live event id with its article ids."""
    init_schema(conn)
    out: dict[str, list[str]] = {}
    for article_id, event_id in conn.execute("SELECT article_id, event_id FROM grouping_members ORDER BY article_id"):
        out.setdefault(event_id, []).append(article_id)
    return out


def resolve(conn: sqlite3.Connection, event_id: str) -> str:
    """The live id an event id stands for now (itself, or the survivor it was merged into)."""
    init_schema(conn)
    seen = set()
    while event_id not in seen:
        seen.add(event_id)
        row = conn.execute("SELECT survivor_id FROM grouping_merges WHERE old_id = ?", (event_id,)).fetchone()
        if row is None:
            return event_id
        event_id = row[0]
    return event_id
