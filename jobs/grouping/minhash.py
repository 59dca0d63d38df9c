"""Near-duplicate (syndicated) articles: MinHash over word shingles with banded lookup."""

from __future__ import annotations

import hashlib
import re
import sqlite3

import numpy as np

_MINHASH_PERMS = 64
_BANDS = 16
_SHINGLE = 5
_MERSENNE = (1 << 61) - 1


def minhash_signature(text: str) -> np.ndarray:
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


def find_duplicate(conn: sqlite3.Connection, article_id: str, signature: np.ndarray, limit: float) -> str | None:
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
