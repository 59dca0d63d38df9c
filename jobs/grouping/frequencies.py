"""Document frequencies kept as counts in the archive, and the TF-IDF rows they weight."""

from __future__ import annotations

import math
import sqlite3
from typing import TYPE_CHECKING

import numpy as np

from jobs.grouping.background import background
from jobs.grouping.features import N_FEATURES, SPECIFICS, WORDS
from jobs.grouping.store import meta, set_meta

if TYPE_CHECKING:
    import scipy.sparse as sp


def add_documents(conn: sqlite3.Connection, words: sp.csr_matrix, specifics: sp.csr_matrix) -> None:
    new: dict[int, int] = {}
    for channel, matrix in ((WORDS, words), (SPECIFICS, specifics)):
        present = matrix.copy()
        present.data[:] = 1
        cols = np.asarray(present.sum(axis=0)).ravel()
        for feature in np.flatnonzero(cols):
            new[int(feature) + channel * N_FEATURES] = int(cols[feature])
    conn.executemany(
        "INSERT INTO grouping_df (feature, df) VALUES (?, ?) ON CONFLICT(feature) DO UPDATE SET df = df + excluded.df",
        new.items(),
    )
    set_meta(conn, "documents", meta(conn, "documents") + words.shape[0])


def tfidf(conn: sqlite3.Connection, matrix: sp.csr_matrix, channel: int, power: float = 1.0) -> sp.csr_matrix:
    """TF-IDF rows, L2-normalised, with the archive's document frequencies.

    The archive's counts are added to those of a background corpus (`background`),
    so that weights hardly move as a young archive grows. `power` above 1 sharpens IDF
    so rare features (a name, a count) outweigh ones every story of a kind shares.
    """
    prior = background()
    n_docs = meta(conn, "documents") + prior.documents
    cols = np.unique(matrix.indices)
    offset = channel * N_FEATURES
    df = dict(zip(cols.tolist(), prior.df(cols.astype(np.int64) + offset).tolist(), strict=True))
    for start in range(0, len(cols), 900):
        chunk = [int(c) + offset for c in cols[start : start + 900]]
        marks = ",".join("?" * len(chunk))
        for feature, count in conn.execute(f"SELECT feature, df FROM grouping_df WHERE feature IN ({marks})", chunk):
            df[feature - offset] += count
    weights = np.array([math.log((n_docs + 1) / (df[c] + 1)) + 1.0 for c in cols.tolist()]) ** power
    lookup = dict(zip(cols.tolist(), weights, strict=True))
    out = matrix.copy()
    out.data = out.data * np.array([lookup[c] for c in out.indices.tolist()])
    from sklearn.preprocessing import normalize

    return normalize(out)
