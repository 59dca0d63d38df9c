"""An article's features for grouping, as TF-IDF-ready term counts over hashed features.

An article has two views, both hashed (stable across runs, no vocabulary to refit):

- words: lower-cased content words, lightly stemmed, title words counted twice;
- specifics: named participants and places (the extractor's terms, or capitalised
  phrases when an article has no facts), numbers and dates; as in Event Registry,
  these carry most of the weight, since look-alike events share their vocabulary
  but not their names, places, counts and dates; a number stated in the lead (title
  and first sentence) counts again, since the lead gives the event's own toll, size or sum.

Besides, the numbers its lead states (`lead_numbers`) feed the cannot-link penalty of
`jobs.grouping.clustering`, and `article_day` places it in time.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np

from jobs.dates import MONTHS, WEEKDAYS
from jobs.models import Article, ArticleFacts

if TYPE_CHECKING:
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import HashingVectorizer

N_FEATURES = 2**20
WORDS, SPECIFICS = 0, 1
_DATELINE_CHARS = 300


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
# Month names and their abbreviations ("sep" and "sept"), by month number.
_MONTHS = {
    name: number
    for number, month in enumerate(MONTHS, start=1)
    for name in (month, month[:3], *(("sept",) if month == "september" else ()))
}
_CALENDAR = frozenset(_MONTHS) | frozenset(WEEKDAYS)
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_MDY = re.compile(rf"\b({_MONTH_ALT})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+((?:19|20)\d\d))?\b", re.I)
_DATE_DMY = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_ALT})\.?,?(?:\s+((?:19|20)\d\d))?\b", re.I)
_DATE_NUM = re.compile(r"\b(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*((?:19|20)\d\d|\d\d)\b")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_SENT_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_LEAD_CHARS = 1500


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


def lead_numbers(article: Article) -> list[str]:
    """The counts and sizes the lead states, without the dates and clock times of a dateline."""
    text = lead(article)
    for pattern in (_DATE_MDY, _DATE_DMY, _DATE_NUM, _CLOCK):
        text = pattern.sub(" ", text)
    return sorted({d for d in map(_digits, _NUMBER_RE.findall(text)) if d})


def cue_matrix(features: Iterable[list[str]]) -> sp.csr_matrix:
    """Unit rows of binary cue sets; an article without cues has an empty row."""
    from sklearn.preprocessing import normalize

    rows = _vectoriser().transform(list(features)).tocsr()
    rows.data[:] = 1.0
    return normalize(rows)


def _vectoriser() -> HashingVectorizer:
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(analyzer=lambda feats: feats, n_features=N_FEATURES, alternate_sign=False, norm=None)


def term_counts(features: Iterable[list[str]]) -> sp.csr_matrix:
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
