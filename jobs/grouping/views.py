"""The sets an article is compared on besides its TF-IDF rows: one binary unit row per view.

View 0 holds the numbers its lead states (the cannot-link cue, feature "clash" of
`jobs.grouping.model`); the others feed the learned pair score, as the similarities of
Miranda et al. (EMNLP 2018): the persons, organisations and places the extractor named,
the numbers and calendar dates of the text, the content words of the lead, and the
names a background corpus of news never or hardly names (`RARE_DF`). The publication
date is no feature: ECB+, the only data with gold events, dates one article in seven,
nearly all of one event each, so a learned weight on it (tried: whether dated, a box of
seven days whose cosine is 1 − gap / 7, the month of publication among the dates, and
the date of a dateline) joined any two reports of a day or month that shared a word;
time only bounds which pairs are compared (`Settings.window_days`).

Every similarity is the dot product of two unit rows, so
an event's rows are the sums of its members' and its mean similarity to an article is
one dot product divided by its size.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from jobs.grouping.features import (
    _NUMBER_RE,
    N_FEATURES,
    SPECIFICS,
    _digits,
    _vectoriser,
    article_day,
    capitalised_phrases,
    cue_matrix,
    lead,
    lead_numbers,
    text_dates,
    word_features,
)
from jobs.models import Article, ArticleFacts

if TYPE_CHECKING:
    import scipy.sparse as sp

VIEWS = (
    "lead numbers",
    "persons",
    "organisations",
    "places",
    "numbers",
    "dates",
    "lead words",
    "rare names",
)
LEAD_NUMBERS = 0
# A name at most this many documents of the background corpus hold is a rare one.
RARE_DF = 1
_LABELS = {"person": "persons", "organization": "organisations", "place": "places"}


def _key(name: str) -> str:
    return " ".join(name.lower().replace("’", "'").split())


@functools.cache
def _background_df(key: str) -> int:
    """How many documents of the background corpus name `key` (hashed as the specifics are)."""
    import numpy as np

    from jobs.grouping.background import background

    column = _vectoriser().transform([[f"e:{key}"]]).indices
    return int(background().df(np.asarray(column, dtype=np.int64) + SPECIFICS * N_FEATURES)[0]) if len(column) else 0


def _own_date(article: Article) -> set[str]:
    """The `text_dates` keys of the article's own day (its publication or dateline date)."""
    day = article_day(article)
    if day is None:
        return set()
    date = dt.date.fromordinal(day)
    return {f"d:{date.month:02d}-{date.day:02d}", f"m:{date.year}-{date.month:02d}"}


def view_features(article: Article, facts: ArticleFacts | None) -> list[list[str]]:
    """The article's feature set for each of `VIEWS`, in that order."""
    text = f"{article.title or ''}\n{article.text}"
    typed: dict[str, set[str]] = {view: set() for view in _LABELS.values()}
    for mention in facts.mentions if facts is not None else ():
        if mention.label in _LABELS and _key(mention.entity):
            typed[_LABELS[mention.label]].add(_key(mention.entity))
    names = list(facts.terms) if facts is not None and facts.terms else capitalised_phrases(text)
    numbers = {d for d in map(_digits, _NUMBER_RE.findall(text)) if d}
    # The calendar days and months the text names but its own (a dateline's); a year alone is no event's date.
    dates = {d for d in text_dates(text) if not d.startswith("y:")} - _own_date(article)
    lead_text = lead(article)
    lead_words = set(word_features(Article(id=article.id, text=lead_text)))
    out = {
        "lead numbers": lead_numbers(article),
        **{view: sorted(keys) for view, keys in typed.items()},
        "numbers": sorted(numbers),
        "dates": sorted(dates),
        "lead words": sorted(lead_words),
        "rare names": sorted({k for k in map(_key, names) if k and _background_df(k) <= RARE_DF}),
    }
    return [out[view] for view in VIEWS]


def view_rows(articles: Sequence[Article], facts: Mapping[str, ArticleFacts] | None) -> list[sp.csr_matrix]:
    """Binary unit rows of each view (one matrix per view, a row per article; empty sets give empty rows)."""
    per_article = [view_features(a, (facts or {}).get(a.id)) for a in articles]
    return [cue_matrix(feats[v] for feats in per_article) for v in range(len(VIEWS))]
