"""Event grouping: assigns articles to events, incrementally and with stable ids.

The grouping keeps what it needs in the archive's SQLite database (tables created
by `init_schema`), so a scheduled run joins new articles to recent events.

Each run clusters its new articles together with the recent events they resemble
(found through an inverted index of the events' top features, restricted to events
still inside the time window) by average linkage, as in the clustering baselines of
Miranda et al. (EMNLP 2018). Events are stored as sums of their members' unit rows,
so an article's average similarity to an event is one dot product. A cluster that
holds an event keeps its id; one that holds several merges them into the oldest.

An article has two views, both TF-IDF over hashed features (stable across runs, no
vocabulary to refit), with document frequencies kept as counts in SQLite:

- words: lower-cased content words, lightly stemmed, title words counted twice;
- specifics: named participants and places (the extractor's terms, or capitalised
  phrases when an article has no facts), numbers and dates; as in Event Registry,
  these carry most of the weight, since look-alike events share their vocabulary
  but not their names, places, counts and dates; a number stated in the lead (title
  and first sentence) counts again, since the lead gives the event's own toll, size or sum.

Look-alike events that share their names still differ in the count their leads
state (23 pirates against 26, magnitude 5.6 against 5.9): two articles whose leads
both give numbers (dates and clock times aside) but share none pay a cannot-link
penalty, a constrained-clustering device (Wagstaff et al., ICML 2001) kept linear in
event sums by storing, per event, how many members state lead numbers and the sum
of their unit lead-number rows.

Syndicated copies are found by MinHash over word shingles with banded lookup and
follow the article they copy.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import heapq
import math
import re
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from jobs.models import Article, ArticleFacts

if TYPE_CHECKING:
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import HashingVectorizer


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

    threshold: float = 0.15
    specifics_weight: float = 0.75
    window_days: int = 180
    duplicate_jaccard: float = 0.7
    idf_power: float = 1.0
    lead_number_penalty: float = 0.06


DEFAULT = Settings()

_N_FEATURES = 2**20
_WORDS, _SPECIFICS = 0, 1
# Features an event is indexed under, and how many of an article's are looked up.
_EVENT_KEYS = 40
_ARTICLE_KEYS = 15
# Rows of a run compared with all others at once, and the similarity below which a pair
# is left out of the graph (counted as 0) to keep it sparse.
_BLOCK = 500
_FLOOR = 0.01
# The last day an undated event is indexed under: it stays a candidate for every run.
_UNDATED = 2**62
_MINHASH_PERMS = 64
_BANDS = 16
_SHINGLE = 5
_DATELINE_CHARS = 300
_MERSENNE = (1 << 61) - 1


@functools.cache
def _stop_words() -> frozenset[str]:
    # scikit-learn is imported only when articles are grouped: listing or resolving
    # events (a run with nothing new) must not pay for it.
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "told", "according", "reported", "new"}


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
_SENT_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_LEAD_CHARS = 1500


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
        CREATE TABLE IF NOT EXISTS grouping_cues (
            event_id TEXT NOT NULL, view INTEGER NOT NULL, cued INTEGER NOT NULL, total BLOB NOT NULL,
            PRIMARY KEY (event_id, view)) WITHOUT ROWID;
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
            if len(w) > 2 and w not in _stop_words() and not w[0].isdigit():
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
                first in _stop_words()
                or first in lower_words
                or first in _CALENDAR
                or (len(words) == 1 and words[0] not in mid_sentence)
            ):
                words = words[1:]
        while words and (words[0].lower() in _stop_words() or words[0].lower() in _CALENDAR):
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


def lead(article: Article) -> str:
    """The title and the first sentence of the text, where news states what happened."""
    first = _SENT_END.split(article.text[:_LEAD_CHARS], maxsplit=1)[0]
    return f"{article.title or ''}\n{first}"


def _digits(number: str) -> str | None:
    """A number as a feature key, or None for single digits and years.

    Single digits are too common to tell events apart; years are dates, keyed apart.
    """
    digits = number.replace(",", "")
    return digits if len(digits) >= 2 and not _YEAR.fullmatch(digits) else None


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
            out.extend(f"e:{p}" for p in parts if len(p) > 2 and p not in _stop_words())
    numbers = [d for d in map(_digits, _NUMBER_RE.findall(text)) if d]
    out.extend(f"n:{d}" for d in numbers)
    # The lead states the event's own count (a toll, a magnitude, a sum); the body also
    # quotes earlier and related ones, so a number of the lead counts again on its own key,
    # as often as the article repeats it.
    in_lead = {d for d in map(_digits, _NUMBER_RE.findall(lead(article))) if d}
    out.extend(f"ln:{d}" for d in numbers if d in in_lead)
    out.extend(text_dates(text))
    if article.published:
        out.append(f"m:{article.published[:7]}")
    return out


_CLOCK = re.compile(r"\b\d{1,2}\s*:\s*\d\d(?:\s*:\s*\d\d)?\b")
# Cannot-link views (lead numbers only: the lead's subject entities were tried and lost F1).
_CUE_VIEWS = 1


def lead_numbers(article: Article) -> list[str]:
    """The counts and sizes the lead states, without the dates and clock times of a dateline."""
    text = lead(article)
    for pattern in (_DATE_MDY, _DATE_DMY, _DATE_NUM, _CLOCK):
        text = pattern.sub(" ", text)
    return sorted({d for d in map(_digits, _NUMBER_RE.findall(text)) if d})


def _cues(features: Iterable[list[str]]) -> sp.csr_matrix:
    """Unit rows of binary cue sets; an article without cues has an empty row."""
    from sklearn.preprocessing import normalize

    rows = _vectoriser().transform(list(features)).tocsr()
    rows.data[:] = 1.0
    return normalize(rows)


def _vectoriser() -> HashingVectorizer:
    from sklearn.feature_extraction.text import HashingVectorizer

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
    import scipy.sparse as sp

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
    # Per cue view: how many members have any cue, and the sum of their unit cue rows.
    cued: list[int] = field(default_factory=lambda: [0] * _CUE_VIEWS)
    cues: list[sp.csr_matrix] = field(default_factory=lambda: [_empty_row() for _ in range(_CUE_VIEWS)])
    dirty: bool = False


def _empty_row() -> sp.csr_matrix:
    import scipy.sparse as sp

    return sp.csr_matrix((1, _N_FEATURES))


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
    from sklearn.preprocessing import normalize

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
            # Events stored before cues were kept have no rows here: they count as uncued.
            for event_id, view, cued, total in self.conn.execute(
                f"SELECT event_id, view, cued, total FROM grouping_cues WHERE event_id IN ({marks})", chunk
            ):
                if event_id in self.events and view < _CUE_VIEWS:
                    self.events[event_id].cued[view] = cued
                    self.events[event_id].cues[view] = _unpack(total)

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
        self._load(found)
        return [e for e in found if e in self.events]

    def in_window(self, event_id: str, day: int | None) -> bool:
        ev = self.events[event_id]
        if day is None or ev.first_day is None or ev.last_day is None:
            return True
        return max(ev.first_day - day, day - ev.last_day) <= self.settings.window_days

    def index(self, event_id: str) -> None:
        ev = self.events[event_id]
        for row, channel in ((ev.words, _WORDS), (ev.specifics, _SPECIFICS)):
            for k in _top_keys(row, channel, _EVENT_KEYS):
                self.postings.setdefault(k, set()).add(event_id)

    def open(
        self,
        event_id: str,
        words: sp.csr_matrix,
        specifics: sp.csr_matrix,
        day: int | None,
        cues: Sequence[sp.csr_matrix],
    ) -> None:
        self.seq += 1
        self.events[event_id] = _Event(self.seq, day, day, 0, _empty_row(), _empty_row())
        self.join(event_id, words, specifics, day, cues)

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
        for view in range(_CUE_VIEWS):
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
            conn.executemany(
                "INSERT OR REPLACE INTO grouping_cues (event_id, view, cued, total) VALUES (?, ?, ?, ?)",
                [(event_id, v, ev.cued[v], _pack(ev.cues[v])) for v in range(_CUE_VIEWS)],
            )
            conn.execute("DELETE FROM grouping_index WHERE event_id = ?", (event_id,))
            keys = _top_keys(ev.words, _WORDS, _EVENT_KEYS) + _top_keys(ev.specifics, _SPECIFICS, _EVENT_KEYS)
            last = _UNDATED if ev.last_day is None else ev.last_day
            conn.executemany(
                "INSERT OR IGNORE INTO grouping_index (feature, last_day, event_id) VALUES (?, ?, ?)",
                [(k, last, event_id) for k in keys],
            )
        _set_meta(self.conn, "events", self.seq)


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

    Articles already grouped keep their event. The new articles and the recent events
    they resemble are clustered together by average linkage; a cluster holding an
    event keeps that event's id, and one holding several merges them into the oldest,
    reported in `merged`. A near-duplicate joins the event of the article it copies.
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
    cue_rows = [_cues(lead_numbers(a) for a in fresh)]

    def cues(i: int) -> list[sp.csr_matrix]:
        return [rows[i] for rows in cue_rows]

    days = [article_day(a) for a in fresh]
    dated = [d for d in days if d is not None]
    state = _State(conn, settings, min(dated) if len(dated) == len(fresh) else None)

    # Copies go where their original goes; only the first of each is clustered.
    duplicate_of: dict[str, str] = {}
    copy_of_event: dict[int, str] = {}
    copy_of_fresh: dict[int, int] = {}
    position = {a.id: i for i, a in enumerate(fresh)}
    for i, article in enumerate(fresh):
        original = _find_duplicate(conn, article.id, _signature(article.text), settings.duplicate_jaccard)
        if original is None:
            continue
        if original in position:
            j = position[original]
            # A copy run again long after is a new occasion, not the same report.
            if j < i and _near(days[i], days[j], settings.window_days):
                duplicate_of[article.id] = original
                copy_of_fresh[i] = copy_of_fresh.get(j, j)
            continue
        target = resolve(conn, _event_of(conn, original) or "")
        state._load([target])
        if target in state.events and state.in_window(target, days[i]):
            duplicate_of[article.id] = original
            copy_of_event[i] = target
    todo = [i for i in range(len(fresh)) if i not in copy_of_fresh and i not in copy_of_event]

    clusters = _cluster(state, words, specifics, cue_rows, days, todo)
    home = {e: c for c, (events, _) in enumerate(clusters) for e in events}
    for i, target in copy_of_event.items():
        if target in home:
            clusters[home[target]][1].append(i)
        else:
            home[target] = len(clusters)
            clusters.append(([target], [i]))
    placed: dict[int, str] = {}
    merged: dict[str, str] = {}
    for old_events, idx in sorted(clusters, key=lambda c: min(c[1])):
        idx = sorted(idx)
        if old_events:
            old_events.sort(key=lambda e: state.events[e].seq)
            survivor = old_events[0]
            for other in old_events[1:]:
                state.absorb(survivor, other)
                merged = {k: (survivor if v == other else v) for k, v in merged.items()}
                merged[other] = survivor
            for i in idx:
                state.join(survivor, words[i], specifics[i], days[i], cues(i))
        else:
            survivor = new_event_id(fresh[idx[0]])
            state.open(survivor, words[idx[0]], specifics[idx[0]], days[idx[0]], cues(idx[0]))
            for i in idx[1:]:
                state.join(survivor, words[i], specifics[i], days[i], cues(i))
        for i in idx:
            placed[i] = survivor
    for i, j in copy_of_fresh.items():
        state.join(placed[j], words[i], specifics[i], days[i], cues(i))
        placed[i] = placed[j]
    conn.executemany(
        "INSERT OR REPLACE INTO grouping_members (article_id, event_id) VALUES (?, ?)",
        [(fresh[i].id, e) for i, e in placed.items()],
    )
    conn.executemany(
        "INSERT OR REPLACE INTO grouping_duplicates (article_id, original_id) VALUES (?, ?)",
        duplicate_of.items(),
    )
    state.save()
    for i, e in placed.items():
        event_of[fresh[i].id] = e
    for article_id, event_id in event_of.items():
        event_of[article_id] = merged.get(event_id, event_id)
    return Grouping(event_of=event_of, merged=merged, duplicate_of=duplicate_of)


def _dots(rows: sp.csr_matrix, other: sp.csr_matrix, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Dot products of rows[i[k]] with other[j[k]] for each k, in chunks."""
    out = np.empty(len(i))
    for start in range(0, len(i), 20000):
        a = rows[i[start : start + 20000]]
        b = other[j[start : start + 20000]]
        out[start : start + 20000] = np.asarray(a.multiply(b).sum(axis=1)).ravel()
    return out


def _clash(
    s: Settings,
    rows: Sequence[sp.csr_matrix],
    i: np.ndarray,
    j: np.ndarray,
    totals: Sequence[sp.csr_matrix] | None = None,
    cued: Sequence[np.ndarray] | None = None,
) -> np.ndarray:
    """Cannot-link penalty of rows[i] against rows[j] (or against events' cue sums).

    Two articles whose leads both state cues (counts, sizes, sums) but share none are
    probably about different events: each view costs its weight times
    has_i·has_j − cos(cue_i, cue_j). Summed over an event's members this is
    has_i·cued_e − cue_i·total_e, so an event needs only its count and cue sum.
    """
    out = np.zeros(len(i))
    for view, weight in enumerate((s.lead_number_penalty,)):
        if not weight or len(i) == 0:
            continue
        mine = rows[view]
        has = np.diff(mine.indptr) > 0
        other = mine if totals is None else totals[view]
        count = has.astype(float)[j] if cued is None else cued[view][j]
        out += weight * (has[i] * count - _dots(mine, other, i, j))
    return out


def _cluster(
    state: _State,
    words: sp.csr_matrix,
    specifics: sp.csr_matrix,
    cue_rows: Sequence[sp.csr_matrix],
    days: Sequence[int | None],
    todo: Sequence[int],
) -> list[tuple[list[str], list[int]]]:
    """Average-linkage clustering of new articles and the recent events they resemble.

    Nodes are the new articles and the candidate events (an event's stored rows are the
    sums of its members' unit rows, so its average similarity to an article is a dot
    product divided by its size). All pairs of the run are compared, which bounds the
    cost by the run rather than the archive; events are reached through the index. A
    pair below a small floor or outside the window counts as similarity 0. Clusters
    merge greedily while their average similarity reaches the threshold; two events
    only meet through new articles. Returns each cluster with new articles as its events (maybe none) and the
    indices of those articles.
    """
    s = state.settings
    n = len(todo)
    keys_of = [
        _top_keys(words[i], _WORDS, _ARTICLE_KEYS) + _top_keys(specifics[i], _SPECIFICS, _ARTICLE_KEYS) for i in todo
    ]
    # Article-article edges: every pair of the run within the window, a block of rows at a time.
    sub_w, sub_s = words[list(todo)], specifics[list(todo)]
    sub_cues = [rows[list(todo)] for rows in cue_rows]
    run_days = np.array([np.nan if days[i] is None else days[i] for i in todo])
    weight: dict[int, dict[int, float]] = {a: {} for a in range(n)}
    w = s.specifics_weight
    for start in range(0, n, _BLOCK):
        block = (
            (1 - w) * (sub_w[start : start + _BLOCK] @ sub_w.T) + w * (sub_s[start : start + _BLOCK] @ sub_s.T)
        ).tocoo()
        a, b, v = block.row + start, block.col, block.data
        gap = np.abs(run_days[a] - run_days[b])
        keep = (a < b) & (v > _FLOOR) & ~(gap > s.window_days)
        a, b = a[keep], b[keep]
        v = v[keep] - _clash(s, sub_cues, a, b)
        for x, y, z in zip(a.tolist(), b.tolist(), v.tolist(), strict=True):
            weight[x][y] = z
            weight[y][x] = z
    # Article-event edges through the archive's index.
    event_ids: list[str] = []
    event_index: dict[str, int] = {}
    article_event: list[tuple[int, int]] = []
    for a, keys in enumerate(keys_of):
        for e in state.candidates(keys):
            if not state.in_window(e, days[todo[a]]):
                continue
            if e not in event_index:
                event_index[e] = len(event_ids)
                event_ids.append(e)
            article_event.append((a, event_index[e]))
    size = [1] * n
    if event_ids:
        evs = [state.events[e] for e in event_ids]
        import scipy.sparse as sp

        ew = sp.vstack([ev.words for ev in evs]).tocsr()
        es = sp.vstack([ev.specifics for ev in evs]).tocsr()
        ae = np.array(article_event)
        i = np.array(todo)[ae[:, 0]]
        sims = (1 - w) * _dots(words, ew, i, ae[:, 1]) + w * _dots(specifics, es, i, ae[:, 1])
        totals = [sp.vstack([ev.cues[v] for ev in evs]).tocsr() for v in range(_CUE_VIEWS)]
        cued = [np.array([ev.cued[v] for ev in evs], dtype=float) for v in range(_CUE_VIEWS)]
        sims -= _clash(s, cue_rows, i, ae[:, 1], totals, cued)
        for (a, e), v in zip(ae.tolist(), sims.tolist(), strict=True):
            # Stored rows are sums over the event's members: this is already a sum of similarities.
            weight.setdefault(a, {})[n + e] = v
            weight.setdefault(n + e, {})[a] = v
        size += [ev.size for ev in evs]
    # Greedy average linkage over the sparse graph, with lazy deletion from the heap.
    parent = list(range(len(size)))
    version = [0] * len(size)
    heap = []
    for a, nbrs in weight.items():
        for b, v in nbrs.items():
            if a < b:
                heap.append((-v / (size[a] * size[b]), a, b, 0, 0))
    heapq.heapify(heap)
    while heap:
        neg, a, b, va, vb = heapq.heappop(heap)
        if -neg < s.threshold:
            break
        if parent[a] != a or parent[b] != b or version[a] != va or version[b] != vb:
            continue
        # b joins a; a's sums to every neighbour are the sums of both.
        parent[b] = a
        version[a] += 1
        size[a] += size[b]
        nb = weight.pop(b, {})
        na = weight.setdefault(a, {})
        na.pop(b, None)
        for c, v in nb.items():
            if c == a:
                continue
            na[c] = na.get(c, 0.0) + v
            wc = weight[c]
            wc.pop(b, None)
            wc[a] = na[c]
        for c, v in na.items():
            heapq.heappush(
                heap, (-v / (size[a] * size[c]), min(a, c), max(a, c), version[min(a, c)], version[max(a, c)])
            )

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    groups: dict[int, list[int]] = {}
    for x in range(len(size)):
        groups.setdefault(root(x), []).append(x)
    out = []
    for nodes in groups.values():
        events = [event_ids[x - n] for x in nodes if x >= n]
        articles_ = sorted(todo[x] for x in nodes if x < n)
        if articles_:
            out.append((events, articles_))
    return out


def _near(a: int | None, b: int | None, window: int) -> bool:
    return a is None or b is None or abs(a - b) <= window


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


def duplicates(conn: sqlite3.Connection) -> dict[str, str]:
    """Every near-duplicate article id ever detected, with the article it copies."""
    init_schema(conn)
    return dict(conn.execute("SELECT article_id, original_id FROM grouping_duplicates ORDER BY article_id"))


def merged_ids(conn: sqlite3.Connection) -> dict[str, str]:
    """Every event id ever absorbed, with the id it was merged into then (`resolve` follows on)."""
    init_schema(conn)
    return dict(conn.execute("SELECT old_id, survivor_id FROM grouping_merges ORDER BY old_id"))
