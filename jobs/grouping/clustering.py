"""Average-linkage clustering of a run's new articles with the recent events they resemble.

As in the clustering baselines of Miranda et al. (EMNLP 2018). Events are stored as
sums of their members' unit rows, so an article's average pair score with an event
(hand-set or learned: `jobs.grouping.model`) is one dot product per feature.

Look-alike events that share their names still differ in the count their leads
state (23 pirates against 26, magnitude 5.6 against 5.9): two articles whose leads
both give numbers (dates and clock times aside) but share none pay a cannot-link
penalty, a constrained-clustering device (Wagstaff et al., ICML 2001) kept linear in
event sums by storing, per event, how many members state lead numbers and the sum
of their unit lead-number rows.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np

from jobs.grouping.features import SPECIFICS, WORDS
from jobs.grouping.model import Model, Rows, Scorer, article_rows, hand_set, pair_features, shipped
from jobs.grouping.store import Event, Members, State, top_keys
from jobs.grouping.views import VIEWS

if TYPE_CHECKING:
    import scipy.sparse as sp


@dataclass(frozen=True)
class Settings:
    """How eagerly articles join events.

    With `similarity="learned"` the pair score is the log-odds of `model` (None: the
    shipped one, `jobs.grouping.model.shipped`) and groups merge at its probability;
    with "hand-set" it is the hand-set score, whose `threshold` then applies. Either way
    `specifics_weight` and `lead_number_penalty` choose which pairs are compared at all
    (above a small floor).
    """

    threshold: float = 0.15
    specifics_weight: float = 0.75
    window_days: int = 180
    duplicate_jaccard: float = 0.7
    idf_power: float = 1.0
    lead_number_penalty: float = 0.06
    similarity: Literal["learned", "hand-set"] = "learned"
    model: Model | None = None


DEFAULT = Settings()

# Top features of an article looked up in the events' index.
_ARTICLE_KEYS = 15
# Rows of a run compared with all others at once, and the similarity below which a pair
# is left out of the graph (counted as 0) to keep it sparse.
_BLOCK = 500
_FLOOR = 0.01
# Stored events up to this size are clustered again member by member with each run's articles.
_REOPEN = 30


def scorer(s: Settings) -> Scorer:
    """The pair score these settings ask for; pairs are gated by the hand-set score either way."""
    gate = hand_set(s.specifics_weight, s.lead_number_penalty)
    if s.similarity == "hand-set":
        return Scorer(gate, gate, s.threshold)
    model = s.model or shipped()
    return Scorer(model.weights, gate, model.cut())


def event_rows(evs: Sequence[Event]) -> Rows:
    """The summed rows of these events, with per view how many members hold a non-empty row."""
    import scipy.sparse as sp

    return Rows(
        sp.vstack([ev.words for ev in evs]).tocsr(),
        sp.vstack([ev.specifics for ev in evs]).tocsr(),
        [sp.vstack([ev.cues[v] for ev in evs]).tocsr() for v in range(len(VIEWS))],
        [np.array([ev.cued[v] for ev in evs], dtype=float) for v in range(len(VIEWS))],
    )


@dataclass(frozen=True)
class Cluster:
    """One cluster of a run: the stored events it holds whole, and the new articles (indices into the
    run's rows) and stored members (indices into `Members`) it holds."""

    events: list[str]
    articles: list[int]
    members: list[int]


def cluster(
    state: State,
    words: sp.csr_matrix,
    specifics: sp.csr_matrix,
    view_rows: Sequence[sp.csr_matrix],
    days: Sequence[int | None],
    todo: Sequence[int],
) -> tuple[list[Cluster], Members]:
    """Average-linkage clustering of new articles and the recent events they resemble.

    The candidate events are those the new articles reach through the index, inside the
    window. A candidate of up to `_REOPEN` members is opened: its members, weighted again
    with today's frequencies, are clustered one by one beside the new articles, so an
    event joined by mistake in an early run (when few documents weighed its words) is
    split as one run over all the articles would have kept it apart, and k runs end with
    the partition of one. A larger candidate is one node whose rows are the sums of its
    members' rows, so its average similarity to an article is a dot product divided by
    its size. All pairs of articles and opened members are compared, which bounds the
    cost by the run rather than the archive. A pair below a small floor or outside the
    window counts as similarity 0. Clusters merge greedily while their average
    similarity reaches the threshold. Two large events are compared when they resemble a
    common new article (`_event_edges`). Returns the clusters that hold a new article, an
    opened member or several events, and the opened members.
    """
    s = state.settings
    score = scorer(s)
    n = len(todo)
    keys_of = [
        top_keys(words[i], WORDS, _ARTICLE_KEYS) + top_keys(specifics[i], SPECIFICS, _ARTICLE_KEYS) for i in todo
    ]
    found: dict[str, list[int]] = {}
    for a, keys in enumerate(keys_of):
        for e in state.candidates(keys):
            if state.in_window(e, days[todo[a]]):
                found.setdefault(e, []).append(a)
    stored = state.members_of(sorted(found))
    by_event: dict[str, list[int]] = {}
    for k, e in enumerate(stored.owner):
        by_event.setdefault(e, []).append(k)
    opened = [k for e, ks in by_event.items() if len(ks) <= _REOPEN for k in ks]
    for e, ks in by_event.items():
        if len(ks) > _REOPEN:
            state.rebuild(e, stored, ks)
    event_ids = [e for e in sorted(found) if e not in by_event or len(by_event[e]) > _REOPEN]
    import scipy.sparse as sp

    nodes = article_rows(
        sp.vstack([words[list(todo)], stored.words[opened]]).tocsr(),
        sp.vstack([specifics[list(todo)], stored.specifics[opened]]).tocsr(),
        [sp.vstack([view_rows[v][list(todo)], stored.cues[v][opened]]).tocsr() for v in range(len(VIEWS))],
    )
    node_days = [days[i] for i in todo] + [stored.days[k] for k in opened]
    size = [1] * len(node_days)
    weight = _article_edges(s, score, nodes, node_days)
    if event_ids:
        evs = [state.events[e] for e in event_ids]
        index = {e: x for x, e in enumerate(event_ids)}
        pairs = [(a, index[e]) for e in event_ids for a in found[e]]
        # An opened member is compared with the large events that resemble a new article its event
        # resembles, as `_event_edges` pairs events, which keeps the cost bounded by the run.
        large_of: dict[int, set[int]] = {}
        for a, x in pairs:
            large_of.setdefault(a, set()).add(x)
        for j, k in enumerate(opened):
            near = set().union(*(large_of.get(a, set()) for a in found[stored.owner[k]]))
            pairs += [(n + j, x) for x in sorted(near) if state.in_window(event_ids[x], stored.days[k])]
        ae = np.array(pairs)
        sums = event_rows(evs)
        # Stored rows are sums over the event's members: these are already sums of pair scores.
        sims, gates = score.score(pair_features(nodes, sums, ae[:, 0], ae[:, 1], score.needed()))
        top = len(size)
        for (a, e), v in zip(ae.tolist(), sims.tolist(), strict=True):
            weight.setdefault(a, {})[top + e] = v
            weight.setdefault(top + e, {})[a] = v
        for p, q, v in _event_edges(s, score, evs, sums, ae[gates > _FLOOR]):
            weight.setdefault(top + p, {})[top + q] = v
            weight.setdefault(top + q, {})[top + p] = v
        size += [ev.size for ev in evs]
    groups = _average_linkage(weight, size, score.cut)
    out = []
    for group in groups:
        events = [event_ids[x - len(node_days)] for x in group if x >= len(node_days)]
        articles_ = sorted(todo[x] for x in group if x < n)
        members_ = sorted(opened[x - n] for x in group if n <= x < len(node_days))
        if articles_ or members_ or len(events) > 1:
            out.append(Cluster(events, articles_, members_))
    return out, stored


def candidate_pairs(s: Settings, rows: Rows, days: Sequence[int | None]) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """The pairs (a < b) of these articles within the window whose hand-set words-and-specifics
    similarity is above the floor, a block of rows at a time: the pairs a run scores."""
    n = rows.words.shape[0]
    run_days = np.array([np.nan if d is None else d for d in days])
    w = s.specifics_weight
    for start in range(0, n, _BLOCK):
        block = (
            (1 - w) * (rows.words[start : start + _BLOCK] @ rows.words.T)
            + w * (rows.specifics[start : start + _BLOCK] @ rows.specifics.T)
        ).tocoo()
        a, b, v = block.row + start, block.col, block.data
        gap = np.abs(run_days[a] - run_days[b])
        keep = (a < b) & (v > _FLOOR) & ~(gap > s.window_days)
        yield a[keep], b[keep]


def _article_edges(s: Settings, score: Scorer, rows: Rows, days: Sequence[int | None]) -> dict[int, dict[int, float]]:
    """Scores of the pairs of these articles a run compares (`candidate_pairs`)."""
    weight: dict[int, dict[int, float]] = {a: {} for a in range(rows.words.shape[0])}
    for a, b in candidate_pairs(s, rows, days):
        v, _ = score.score(pair_features(rows, rows, a, b, score.needed()))
        for x, y, z in zip(a.tolist(), b.tolist(), v.tolist(), strict=True):
            weight[x][y] = z
            weight[y][x] = z
    return weight


def _average_linkage(weight: dict[int, dict[int, float]], size: list[int], threshold: float) -> list[list[int]]:
    """Greedy average linkage over a sparse graph of summed similarities, with lazy deletion from
    the heap: clusters merge while their average similarity reaches the threshold."""
    size = list(size)
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
        if -neg < threshold:
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
    return list(groups.values())


def _event_edges(
    s: Settings, score: Scorer, evs: Sequence[Event], sums: Rows, linked: np.ndarray
) -> list[tuple[int, int, float]]:
    """Edges between stored events that resemble a common new article: sums over their members' pairs.

    An event's rows are sums of its members' unit rows, so every feature of two events'
    rows is the sum of their members' pairwise features, as one run over all their
    articles would have counted them. Without these edges, an event grown by this run's
    articles would be compared with a neighbour through the new articles alone, diluted
    by its old members, and events that later reports bridge would stay apart in runs
    after the first. Only pairs within the window that share an article above the floor
    are compared, and kept when their gate score is above it too, which keeps the cost
    bounded by the run.
    """
    import scipy.sparse as sp

    if len(linked) == 0:
        return []
    shape = (int(linked[:, 0].max()) + 1, len(evs))
    incidence = sp.csr_matrix((np.ones(len(linked)), (linked[:, 0], linked[:, 1])), shape=shape)
    pairs = (incidence.T @ incidence).tocoo()
    keep = pairs.row < pairs.col
    p, q = pairs.row[keep], pairs.col[keep]
    near = [within_span(s.window_days, evs[a], evs[b]) for a, b in zip(p.tolist(), q.tolist(), strict=True)]
    p, q = p[near], q[near]
    v, gates = score.score(pair_features(sums, sums, p, q, score.needed()))
    return [
        (a, b, x) for a, b, x, g in zip(p.tolist(), q.tolist(), v.tolist(), gates.tolist(), strict=True) if g > _FLOOR
    ]


def within_span(window: int, a: Event, b: Event) -> bool:
    """Whether two events' spans of days come within the window of each other (undated ones always do)."""
    if None in (a.first_day, a.last_day, b.first_day, b.last_day):
        return True
    return max(a.first_day - b.last_day, b.first_day - a.last_day) <= window  # type: ignore[operator]


def within_window(a: int | None, b: int | None, window: int) -> bool:
    return a is None or b is None or abs(a - b) <= window
