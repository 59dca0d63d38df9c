"""The one tune/measure split of the PolNeAR-based evaluation files, by article.

An article is in the measure-only part when the SHA-1 of its id, read as a number,
is odd; rules and thresholds are written on the tune part, figures reported on the
measure-only part.
"""

from __future__ import annotations

import hashlib
from typing import Literal

Split = Literal["all", "measure", "tune"]
SPLITS: tuple[Split, ...] = ("measure", "tune", "all")


def in_measure(article_id: str) -> bool:
    """True when the article belongs to the measure-only part."""
    return int(hashlib.sha1(article_id.encode("utf-8")).hexdigest(), 16) % 2 == 1


def in_split(article_id: str, split: str) -> bool:
    """True when the article belongs to `split` ("measure", "tune" or "all")."""
    check_split(split)
    return split == "all" or in_measure(article_id) == (split == "measure")


def check_split(split: str) -> None:
    if split not in SPLITS:
        raise ValueError(f"split must be 'measure', 'tune' or 'all', not {split!r}")
