"""Event grouping: assigns articles to events, incrementally and with stable ids.

The grouping keeps what it needs in the archive's SQLite database (`store`; tables
declared and created by `jobs.state`), so a scheduled run joins new articles to
recent events.

Each run clusters its new articles together with the recent events they resemble
(found through an inverted index of the events' top features, restricted to events
still inside the time window) by average linkage (`clustering`), over TF-IDF rows of
the articles' words and specifics (`features`, weighted by the archive's document
frequencies: `frequencies`). A cluster that holds an event keeps its id; one that
holds several merges them into the oldest.

Each member's term counts are kept, so the events a run reaches are weighed again with
the frequencies the archive has now, and those of up to `clustering._REOPEN` members are
opened: their members are clustered one by one beside the new articles. Several runs
over the same articles, in any order, thus end with the partition of one run; an event
split that way keeps its id with the part holding most of its members.

Syndicated copies are found by MinHash over word shingles with banded lookup
(`minhash`) and follow the article they copy.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from jobs import state
from jobs.grouping import store
from jobs.grouping.clustering import DEFAULT, Cluster, Settings, candidate_pairs, cluster, within_window
from jobs.grouping.features import (
    SPECIFICS,
    WORDS,
    article_day,
    capitalised_phrases,
    cue_matrix,
    lead_numbers,
    specific_features,
    term_counts,
    word_features,
)
from jobs.grouping.frequencies import add_documents, tfidf
from jobs.grouping.minhash import find_duplicate, minhash_signature
from jobs.grouping.model import FEATURES, Model, article_rows, pair_features, shipped
from jobs.grouping.store import State, duplicates, members, merged_ids, resolve, stored_event, to_restore
from jobs.grouping.views import view_rows
from jobs.models import Article, ArticleFacts

if TYPE_CHECKING:
    import scipy.sparse as sp

__all__ = [
    "DEFAULT",
    "Grouping",
    "Settings",
    "article_day",
    "assign_events",
    "capitalised_phrases",
    "cue_matrix",
    "duplicates",
    "lead_numbers",
    "members",
    "merged_ids",
    "Model",
    "shipped",
    "new_event_id",
    "pair_table",
    "resolve",
    "restore_members",
    "to_restore",
]


@dataclass(frozen=True)
class Grouping:
    """What one grouping step decided.

    `event_of` maps each new article to its event id; `merged` maps ids absorbed in
    this step to their survivor; `duplicate_of` maps near-duplicate (syndicated)
    articles to the article they copy.
    """

    event_of: dict[str, str]
    merged: dict[str, str] = field(default_factory=dict)
    duplicate_of: dict[str, str] = field(default_factory=dict)


def new_event_id(article: Article) -> str:
    """An event id from its founding article: date and a content hash, safe as a file name."""
    return _event_id(article.id, article.published)


def _event_id(article_id: str, published: str | None) -> str:
    day = (published or "undated").replace("-", "")
    digest = hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:8]
    return f"ev-{day}-{digest}"


def _unused_id(conn: sqlite3.Connection, state: State, founders: Sequence[tuple[str, str | None]]) -> str:
    """The id of the first founder (article id, published date) that no event has had; a part split
    off an event may hold the article its old event was named after."""
    ids = [_event_id(article_id, published) for article_id, published in founders]
    for event_id in ids:
        if event_id not in state.events and not store.known_event(conn, event_id):
            return event_id
    n = 2
    while store.known_event(conn, f"{ids[0]}-{n}") or f"{ids[0]}-{n}" in state.events:
        n += 1
    return f"{ids[0]}-{n}"


def _keepers(clusters: Sequence[Cluster], stored: store.Members) -> list[list[str]]:
    """The stored events each cluster goes on: those it holds whole, and each opened event whose
    members it holds most of (on ties, the one holding the article the event is named after, else
    the earlier cluster); the others' members move."""
    held = [list(c.events) for c in clusters]
    share: dict[str, Counter[int]] = {}
    named: dict[str, int] = {}
    for c, found in enumerate(clusters):
        for k in found.members:
            owner = stored.owner[k]
            share.setdefault(owner, Counter())[c] += 1
            if _event_id(stored.ids[k], stored.published[k]) == owner:
                named[owner] = c
    for event_id, counts in share.items():
        held[max(counts, key=lambda c: (counts[c], named.get(event_id) == c, -c))].append(event_id)
    return held


def assign_events(
    conn: sqlite3.Connection,
    articles: Sequence[Article],
    facts: Mapping[str, ArticleFacts],
    *,
    settings: Settings = DEFAULT,
) -> Grouping:
    """Assign new articles to existing events or open new ones; never renames an event.

    Articles already grouped keep their event. The new articles and the recent events
    they resemble are clustered together by average linkage; a cluster holding an
    event keeps that event's id, and one holding several merges them into the oldest,
    reported in `merged`. A near-duplicate joins the event of the article it copies.
    """
    known = store.grouped(conn, [a.id for a in articles])
    fresh: list[Article] = []
    seen: set[str] = set()
    for a in articles:
        if a.id not in known and a.id not in seen:
            seen.add(a.id)
            fresh.append(a)
    event_of: dict[str, str] = {}
    for a in articles:
        if a.id in known:
            event_of[a.id] = resolve(conn, stored_event(conn, a.id))
    if not fresh:
        return Grouping(event_of=event_of)

    fresh = _chronological(fresh)
    words, specifics, views = _rows(conn, fresh, facts, settings)

    def cues(i: int) -> list[sp.csr_matrix]:
        return [rows[i] for rows in views]

    days = [article_day(a) for a in fresh]
    dated = [d for d in days if d is not None]
    state = State(conn, settings, min(dated) if len(dated) == len(fresh) else None, _weigh(conn, settings))

    # Copies go where their original goes; only the first of each is clustered.
    duplicate_of: dict[str, str] = {}
    copy_of_event: dict[int, str] = {}
    copy_of_fresh: dict[int, int] = {}
    position = {a.id: i for i, a in enumerate(fresh)}
    for i, article in enumerate(fresh):
        original = find_duplicate(conn, article.id, minhash_signature(article.text), settings.duplicate_jaccard)
        if original is None:
            continue
        if original in position:
            j = position[original]
            # A copy run again long after is a new occasion, not the same report.
            if j < i and within_window(days[i], days[j], settings.window_days):
                duplicate_of[article.id] = original
                copy_of_fresh[i] = copy_of_fresh.get(j, j)
            continue
        target = resolve(conn, stored_event(conn, original) or "")
        state.load([target])
        if target in state.events and state.in_window(target, days[i]):
            duplicate_of[article.id] = original
            copy_of_event[i] = target
    todo = [i for i in range(len(fresh)) if i not in copy_of_fresh and i not in copy_of_event]

    clusters, stored = cluster(state, words, specifics, views, days, todo)
    held = _keepers(clusters, stored)
    home = {e: c for c, events in enumerate(held) for e in events}
    arts = [list(c.articles) for c in clusters]
    for i, target in copy_of_event.items():
        if target not in home:
            home[target] = len(held)
            held.append([target])
            arts.append([])
        arts[home[target]].append(i)
    for event_id in {stored.owner[k] for c in clusters for k in c.members}:
        state.rebuild(event_id, stored, [])
    placed: dict[int, str] = {}
    moved: dict[str, str] = {}
    merged: dict[str, str] = {}
    order = sorted(range(len(held)), key=lambda c: min(arts[c], default=len(fresh)))
    for c in order:
        idx = sorted(arts[c])
        mine = clusters[c].members if c < len(clusters) else []
        if held[c]:
            old_events = sorted(held[c], key=lambda e: state.events[e].seq)
            survivor = old_events[0]
            for other in old_events[1:]:
                state.absorb(survivor, other)
                merged = {k: (survivor if v == other else v) for k, v in merged.items()}
                merged[other] = survivor
        else:
            founders = [(fresh[i].id, fresh[i].published) for i in idx[:1]]
            founders += sorted(((stored.ids[k], stored.published[k]) for k in mine), key=lambda f: (f[1] or "", f[0]))
            survivor = _unused_id(conn, state, founders)
            state.create(survivor)
        for k in mine:
            state.join(survivor, stored.words[k], stored.specifics[k], stored.days[k], [v[k] for v in stored.cues])
            moved[stored.ids[k]] = survivor
        for i in idx:
            state.join(survivor, words[i], specifics[i], days[i], cues(i))
            placed[i] = survivor
    for i, j in copy_of_fresh.items():
        state.join(placed[j], words[i], specifics[i], days[i], cues(i))
        placed[i] = placed[j]
    store.save_members(conn, [*moved.items(), *((fresh[i].id, e) for i, e in placed.items())], duplicate_of)
    state.save()
    for i, e in placed.items():
        event_of[fresh[i].id] = e
    for article_id, event_id in event_of.items():
        event_of[article_id] = merged.get(event_id, event_id)
    return Grouping(event_of=event_of, merged=merged, duplicate_of=duplicate_of)


def restore_members(
    conn: sqlite3.Connection,
    articles: Sequence[Article],
    facts: Mapping[str, ArticleFacts],
    *,
    settings: Settings = DEFAULT,
) -> int:
    """Put back what grouping keeps of articles a repair restored from the archive: their
    events come back without the word rows and signatures later articles are compared with.
    Each article is added to the event it is recorded in, as if it had just joined; none
    moves. Returns how many were restored."""
    back = _chronological(articles)
    if not back:
        return 0
    words, specifics, views = _rows(conn, back, facts, settings)
    state = State(conn, settings, None)
    for i, article in enumerate(back):
        find_duplicate(conn, article.id, minhash_signature(article.text), settings.duplicate_jaccard)
        event_id = resolve(conn, stored_event(conn, article.id) or "")
        state.load([event_id])
        if event_id in state.events:
            state.join(event_id, words[i], specifics[i], article_day(article), [v[i] for v in views])
        else:
            state.open(event_id, words[i], specifics[i], article_day(article), [v[i] for v in views])
    state.save()
    store.mark_restored(conn, [a.id for a in back])
    return len(back)


def pair_table(
    articles: Sequence[Article], facts: Mapping[str, ArticleFacts], settings: Settings = DEFAULT
) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """The pairs one run over these articles alone compares, as it weighs them: the article ids in
    run order, each pair's two indices into them, and its `model.FEATURES` (every one computed)."""
    conn = sqlite3.connect(":memory:")
    state.create_tables(conn)
    ordered = _chronological(articles)
    rows = article_rows(*_rows(conn, ordered, facts, settings))
    found = list(candidate_pairs(settings, rows, [article_day(a) for a in ordered]))
    i = np.concatenate([a for a, _ in found]) if found else np.zeros(0, dtype=int)
    j = np.concatenate([b for _, b in found]) if found else np.zeros(0, dtype=int)
    return [a.id for a in ordered], i, j, pair_features(rows, rows, i, j, [True] * len(FEATURES))


def _rows(
    conn: sqlite3.Connection, articles: Sequence[Article], facts: Mapping[str, ArticleFacts], settings: Settings
) -> tuple[sp.csr_matrix, sp.csr_matrix, list[sp.csr_matrix]]:
    """The articles' word and specifics TF-IDF rows and their view rows (`views.VIEWS`); their
    documents are counted into the archive's frequencies and their term counts kept first."""
    word_counts = term_counts(word_features(a) for a in articles)
    spec_counts = term_counts(specific_features(a, facts.get(a.id)) for a in articles)
    days = [article_day(a) for a in articles]
    views = view_rows(articles, facts)
    add_documents(conn, word_counts, spec_counts)
    kept = [(a.id, day, a.published) for a, day in zip(articles, days, strict=True)]
    store.save_counts(conn, kept, word_counts, spec_counts, views)
    weigh = _weigh(conn, settings)
    return weigh(word_counts, WORDS), weigh(spec_counts, SPECIFICS), views


def _weigh(conn: sqlite3.Connection, settings: Settings) -> store.Weigh:
    """TF-IDF weighting of term counts with the archive's frequencies as they are now."""
    return lambda counts, channel: tfidf(conn, counts, channel, settings.idf_power)


def _chronological(articles: Sequence[Article]) -> list[Article]:
    """Dated articles sorted by date in the slots dated articles held; undated stay put."""
    dated = sorted((a for a in articles if a.published), key=lambda a: (a.published, a.id))
    it = iter(dated)
    return [next(it) if a.published else a for a in articles]
