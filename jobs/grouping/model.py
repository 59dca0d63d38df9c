"""The pair score of grouping: a weighted sum of similarities, hand-set or learned.

A pair of articles (or an article and an event, or two events) is described by
`FEATURES`: the cosine of their TF-IDF word rows and specifics rows, the cosine of each
view of `jobs.grouping.views` but the first, and the lead-number clash (both leads
state numbers but share none). Every feature is a dot product of unit rows (the clash
is has·has − cos), so over an event's summed rows it is the sum over its members, and
the mean score of two groups is one dot product divided by their sizes.

The hand-set score weighs words (1 − w), specifics w and the clash −penalty and
merges groups whose mean score reaches the threshold. The learned one (`Model`) is a
logistic regression over all the features (Miranda et al., EMNLP 2018), trained on
pairs of articles with gold events (`jobs.evaluation.train_grouping`); since its
log-odds are linear in the features, average linkage over them is exact: two groups
merge while their mean log-odds reach logit(p), p the model's merge probability.
The shipped model is `model.json` beside this module.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from jobs.grouping.views import LEAD_NUMBERS, VIEWS

if TYPE_CHECKING:
    import scipy.sparse as sp

FEATURES = ("words", "specifics", *VIEWS[1:], "clash")
MODEL_FILE = Path(__file__).with_name("model.json")


@dataclass(frozen=True)
class Model:
    """Coefficients per feature of `FEATURES` on raw similarities, the intercept, and the merge probability."""

    weights: tuple[float, ...]
    bias: float
    probability: float

    def cut(self) -> float:
        """The mean weighted similarity two groups need to merge: logit(probability) − bias."""
        p = min(max(self.probability, 1e-9), 1 - 1e-9)
        return math.log(p / (1 - p)) - self.bias

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(self.bias + features @ np.asarray(self.weights))))

    def to_dict(self) -> dict[str, object]:
        return {
            "features": list(FEATURES),
            "weights": dict(zip(FEATURES, self.weights, strict=True)),
            "bias": self.bias,
            "probability": self.probability,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Model:
        weights = data["weights"]
        if set(weights) != set(FEATURES):
            raise ValueError(f"model features {sorted(weights)} are not {sorted(FEATURES)}: train the model again")
        return cls(tuple(float(weights[f]) for f in FEATURES), float(data["bias"]), float(data["probability"]))


@functools.cache
def shipped() -> Model:
    """The model that ships with the project."""
    return Model.from_dict(json.loads(MODEL_FILE.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Rows:
    """Rows of articles or events: TF-IDF words and specifics, the views, and per view how many
    members hold a non-empty row (0 or 1 for an article)."""

    words: sp.csr_matrix
    specifics: sp.csr_matrix
    views: Sequence[sp.csr_matrix]
    counts: Sequence[np.ndarray]


def article_rows(words: sp.csr_matrix, specifics: sp.csr_matrix, views: Sequence[sp.csr_matrix]) -> Rows:
    return Rows(words, specifics, views, [(np.diff(v.indptr) > 0).astype(float) for v in views])


def dots(rows: sp.csr_matrix, other: sp.csr_matrix, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Dot products of rows[i[k]] with other[j[k]] for each k, in chunks."""
    out = np.empty(len(i))
    for start in range(0, len(i), 20000):
        a = rows[i[start : start + 20000]]
        b = other[j[start : start + 20000]]
        out[start : start + 20000] = np.asarray(a.multiply(b).sum(axis=1)).ravel()
    return out


def pair_features(a: Rows, b: Rows, i: np.ndarray, j: np.ndarray, needed: Sequence[bool]) -> np.ndarray:
    """`FEATURES` of the pairs (a[i[k]], b[j[k]]); columns not `needed` stay 0 and cost nothing."""
    out = np.zeros((len(i), len(FEATURES)))
    if len(i) == 0:
        return out
    for col, name in enumerate(FEATURES):
        if not needed[col]:
            continue
        if name == "words":
            out[:, col] = dots(a.words, b.words, i, j)
        elif name == "specifics":
            out[:, col] = dots(a.specifics, b.specifics, i, j)
        elif name == "clash":
            v = LEAD_NUMBERS
            out[:, col] = a.counts[v][i] * b.counts[v][j] - dots(a.views[v], b.views[v], i, j)
        else:
            v = VIEWS.index(name)
            out[:, col] = dots(a.views[v], b.views[v], i, j)
    return out


@dataclass(frozen=True)
class Scorer:
    """How pairs are scored: `weights` per feature for the edge, `gate` per feature for whether a
    pair is an edge at all (above the clustering's floor), and the mean score groups need to merge."""

    weights: tuple[float, ...]
    gate: tuple[float, ...]
    cut: float

    def needed(self) -> list[bool]:
        return [bool(w or g) for w, g in zip(self.weights, self.gate, strict=True)]

    def score(self, features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Edge scores and gate scores of these pairs' features."""
        return features @ np.asarray(self.weights), features @ np.asarray(self.gate)


def hand_set(specifics_weight: float, lead_number_penalty: float) -> tuple[float, ...]:
    """The hand-set weights as a vector over `FEATURES`."""
    weights = dict.fromkeys(FEATURES, 0.0)
    weights.update(words=1 - specifics_weight, specifics=specifics_weight, clash=-lead_number_penalty)
    return tuple(weights[f] for f in FEATURES)
