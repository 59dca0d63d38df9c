"""Document frequencies of a background corpus of news, a prior for the archive's own.

A young archive knows few documents, so its IDF weighs words by the accident of what
arrived first, and rows weighted in an early run stop matching rows weighted later
(an event built on Monday drifts from its own Thursday reports). Adding the counts of
a fixed background corpus to the archive's own (`jobs.grouping.frequencies.tfidf`)
makes a word common in news ("police", "minister") common from the first run on, and
lets the archive's own counts take over as it grows.

The counts ship in `background.npz`, built from the bundled Wikinews sample
(`data/samples`, CC BY 2.5, Wikinews contributors) with the grouping's own features,
names read as capitalised phrases so that no model is needed:

    python -m jobs.grouping.background data/samples/wikinews_2019.csv data/samples/wikinews_2020.csv

Only hashed feature numbers and counts are kept, not the texts.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from jobs.grouping.features import N_FEATURES, SPECIFICS, WORDS, specific_features, term_counts, word_features

FILE = Path(__file__).with_name("background.npz")


@dataclass(frozen=True)
class Background:
    """Document counts: `features` (channel-offset feature numbers, sorted) and their `counts`."""

    documents: int
    features: np.ndarray
    counts: np.ndarray

    def df(self, features: np.ndarray) -> np.ndarray:
        """The background count of each of these channel-offset feature numbers (0 where absent)."""
        if len(self.features) == 0:
            return np.zeros(len(features), dtype=np.int64)
        at = np.minimum(np.searchsorted(self.features, features), len(self.features) - 1)
        return np.where(self.features[at] == features, self.counts[at], 0)


NONE = Background(0, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))


@functools.cache
def background() -> Background:
    """The shipped background counts (none when the file is missing)."""
    if not FILE.exists():
        return NONE
    with np.load(FILE) as data:
        return Background(int(data["documents"]), data["features"].astype(np.int64), data["counts"].astype(np.int64))


def build(paths: Sequence[Path]) -> Background:
    """Background counts of the articles in these input files (any format ingest reads)."""
    from jobs.ingest import read_file

    articles = [a for path in paths for a in read_file(path)[0]]
    counts: dict[int, int] = {}
    for channel, rows in (
        (WORDS, term_counts(word_features(a) for a in articles)),
        (SPECIFICS, term_counts(specific_features(a, None) for a in articles)),
    ):
        present = np.diff(rows.tocsc().indptr)
        for feature in np.flatnonzero(present):
            counts[int(feature) + channel * N_FEATURES] = int(present[feature])
    features = np.array(sorted(counts), dtype=np.int64)
    return Background(len(articles), features, np.array([counts[f] for f in features.tolist()], dtype=np.int64))


def main(argv: Sequence[str]) -> None:
    made = build([Path(p) for p in argv])
    np.savez_compressed(FILE, documents=made.documents, features=made.features, counts=made.counts.astype(np.int32))
    print(f"{FILE}: {made.documents} documents, {len(made.features)} features")


if __name__ == "__main__":
    main(sys.argv[1:])
