"""The sets an article is compared on besides its TF-IDF rows: one binary unit row per view.

View 0 holds the numbers its lead states (the cannot-link cue of `clustering.clash`);
the others feed the learned similarity (`jobs.grouping.model`), as the similarities of
Miranda et al. (EMNLP 2018): the persons, organisations and places the extractor named,
the numbers and calendar dates of the text, the content words of the lead, whether the
article is dated, its days (a box of `CLOSE_DAYS` days from its own, so the cosine of
two boxes is 1 − gap / `CLOSE_DAYS`), and the names a background corpus of news never
or hardly names (`RARE_DF`). Every similarity is the dot product of two unit rows, so
an event's rows are the sums of its members' and its mean similarity to an article is
one dot product divided by its size.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from jobs.grouping.features import (
    _NUMBER_RE,
    N_FEATURES,
    SPECIFICS,
    _digits,
    _vectoriser,
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
    "dated",
    "close",
    "rare names",
)
LEAD_NUMBERS = 0
CLOSE_DAYS = 7
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


def view_features(article: Article, facts: ArticleFacts | None, day: int | None) -> list[list[str]]:
    """The article's feature set for each of `VIEWS`, in that order."""
    text = f"{article.title or ''}\n{article.text}"
    typed: dict[str, set[str]] = {view: set() for view in _LABELS.values()}
    for mention in facts.mentions if facts is not None else ():
        if mention.label in _LABELS and _key(mention.entity):
            typed[_LABELS[mention.label]].add(_key(mention.entity))
    names = list(facts.terms) if facts is not None and facts.terms else capitalised_phrases(text)
    numbers = {d for d in map(_digits, _NUMBER_RE.findall(text)) if d}
    dates = set(text_dates(text)) | ({f"m:{article.published[:7]}"} if article.published else set())
    lead_text = lead(article)
    lead_words = set(word_features(Article(id=article.id, text=lead_text)))
    out = {
        "lead numbers": lead_numbers(article),
        **{view: sorted(keys) for view, keys in typed.items()},
        "numbers": sorted(numbers),
        "dates": sorted(dates),
        "lead words": sorted(lead_words),
        "dated": [] if day is None else ["dated"],
        "close": [] if day is None else [f"t:{day + k}" for k in range(CLOSE_DAYS)],
        "rare names": sorted({k for k in map(_key, names) if k and _background_df(k) <= RARE_DF}),
    }
    return [out[view] for view in VIEWS]


def view_rows(
    articles: Sequence[Article], facts: Mapping[str, ArticleFacts] | None, days: Sequence[int | None]
) -> list[sp.csr_matrix]:
    """Binary unit rows of each view (one matrix per view, a row per article; empty sets give empty rows)."""
    per_article = [view_features(a, (facts or {}).get(a.id), d) for a, d in zip(articles, days, strict=True)]
    return [cue_matrix(feats[v] for feats in per_article) for v in range(len(VIEWS))]
