"""What a forwardable bottom line must not do, checked on a built event.

Shared by the tests over the bundled corpus and over ECB+; each check returns the
offending key points (or actor names) so a failure says what went wrong.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import combinations

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from jobs.models import Article, Event

_TOKEN = re.compile(r"[^\W_][\w'’-]*")
# Time words that mean nothing without the article's date.
RELATIVE = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|tomorrow|"
    r"(?:last|this|next) (?:week|month|weekend))\b",
    re.IGNORECASE,
)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# A resolved date written in the point: "3 January 2020", "January 3, 2020" or "December 2019".
RESOLVED = re.compile(rf"\b(?:\d{{1,2}} (?:{_MONTHS}) \d{{4}}|(?:{_MONTHS}) (?:\d{{1,2}}, )?\d{{4}})\b")
_TITLES = re.compile(
    r"^(?:(?:mr|mrs|ms|dr|sen|rep|gov|gen|prof|sir|president|senator|governor|judge|justice|"
    r"secretary|minister|prime minister|speaker|representative|rev|lt|col|capt)\.?\s+)+",
    re.IGNORECASE,
)


def content_words(text: str) -> set[str]:
    return {w for w in (t.casefold() for t in _TOKEN.findall(text)) if w not in ENGLISH_STOP_WORDS}


def jaccard(a: str, b: str) -> float:
    x, y = content_words(a), content_words(b)
    return len(x & y) / len(x | y) if x | y else 0.0


def repeated_points(event: Event) -> list[tuple[str, str]]:
    """Pairs of key points that share most of their content words."""
    return [(a, b) for a, b in combinations(event.summary, 2) if jaccard(a, b) >= 0.5]


def _normal(text: str) -> str:
    return " ".join(t.casefold() for t in _TOKEN.findall(text))


def title_points(event: Event, articles: Sequence[Article]) -> list[str]:
    """Key points that are an article's title."""
    titles = {_normal(a.title) for a in articles if a.title}
    return [p for p in event.summary if _normal(p) in titles]


def _from_undated(point: str, articles: Sequence[Article]) -> bool:
    """Whether the articles that hold the point's words are all undated."""
    words = content_words(RELATIVE.sub(" ", point))
    sources = [a for a in articles if words and len(words & content_words(a.text)) >= 0.8 * len(words)]
    return bool(sources) and all(not a.published for a in sources)


def undated_points(event: Event, articles: Sequence[Article]) -> list[str]:
    """Key points with a relative time word and no resolved date (points from undated articles aside)."""
    return [
        p for p in event.summary if RELATIVE.search(p) and not RESOLVED.search(p) and not _from_undated(p, articles)
    ]


def person_key(name: str) -> str:
    """A person's name without titles, middle initials and a trailing party tag."""
    name = re.sub(r"\s*\([^)]*\)\s*$", "", name)
    name = _TITLES.sub("", name.strip())
    parts = [p for p in name.split() if not re.fullmatch(r"[A-Z]\.?", p)]
    return " ".join(parts).casefold()


def split_persons(event: Event) -> list[tuple[str, str]]:
    """Pairs of person actors whose names differ only by a middle initial or a title."""
    persons = [a.name for a in event.actors if a.type == "person"]
    return [(a, b) for a, b in combinations(persons, 2) if person_key(a) == person_key(b)]


def defects(event: Event, articles: Sequence[Article]) -> dict[str, list]:
    """Every defect of the event's bottom line, by kind (empty lists: none)."""
    return {
        "repeated": repeated_points(event),
        "title": title_points(event, articles),
        "undated": undated_points(event, articles),
        "split": split_persons(event),
    }
