"""Headline and key points of one event, from its articles' text and facts.

Pure text work (regex sentence splitting, scikit-learn TF-IDF, a LexRank-style graph
ranking and MMR selection): no model, so it is fast and needs no parse. Key points are
chosen across all the event's articles for what they cover (the actors several
outlets name, numbers), with what one outlet repeats of another removed, and are
ordered as an analyst reads: what happened, then consequences and reactions, then
what comes next.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from jobs.aggregate.dating import drop_relative
from jobs.aggregate.sentences import (
    Sentence,
    candidate_sentences,
    is_boilerplate,
    split_sentences,
)
from jobs.models import Article, ArticleFacts

__all__ = ["Sentence", "candidate_sentences", "headline", "is_boilerplate", "split_sentences", "summarize"]

_DANGLING = re.compile(
    r"^(?:he|she|they|it|this|that|these|those|his|her|their|its|however|but|and|also|meanwhile|"
    r"still|yet|instead|so)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_TOKEN = re.compile(r"[^\W_][\w'’-]*")
_NUMBER = re.compile(r"\d")
# What is to come: planned meetings, votes, deadlines.
_NEXT = re.compile(
    r"\b(?:will|shall|is to|are to|scheduled|expected to|set to|plans? to|planning to|deadline|"
    r"is due|are due|upcoming|next (?:week|month|year)|tomorrow)\b",
    re.IGNORECASE,
)
# Someone's reaction or claim rather than the event itself.
_REACTION = re.compile(
    r"\b(?:said|says|told|according to|condemned|critici[sz]ed|welcomed|praised|denied|warned|urged|"
    r"called (?:on|for)|reacted|responded|tweeted)\b|[“\"]",
    re.IGNORECASE,
)
_MAX_WORDS = 60
_SIMILAR = 0.5  # TF-IDF cosine above which two sentences say the same thing
_OVERLAP = 0.35  # content-word Jaccard above which two sentences say the same thing
_CONTAINED = 0.6  # share of the shorter sentence's content words the other holds
_MMR_LAMBDA = 0.7


def points_for(n_articles: int) -> int:
    """How many key points an event of `n_articles` articles gets: 3 for one, up to 7."""
    return min(7, 3 + round(math.log2(max(1, n_articles))))


def _stem(word: str) -> str:
    """A crude stem, enough for two outlets' "killed" and "killing" to count as one word."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def content_words(text: str) -> frozenset[str]:
    """Stems of the lower-case words that are not stop words."""
    return frozenset(_stem(w) for w in (t.casefold() for t in _TOKEN.findall(text)) if w not in ENGLISH_STOP_WORDS)


def _vectorize(texts: Sequence[str]):
    try:
        return TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    except ValueError:  # only stop words: nothing to compare
        return None


def _lexrank(similarity: np.ndarray, *, damping: float = 0.85, iterations: int = 50) -> np.ndarray:
    """Stationary distribution of a random walk over the sentence similarity graph."""
    n = similarity.shape[0]
    graph = np.where(similarity > 0.1, similarity, 0.0)
    np.fill_diagonal(graph, 0.0)
    rows = graph.sum(axis=1, keepdims=True)
    transition = np.divide(graph, rows, out=np.full_like(graph, 1.0 / n), where=rows > 0)
    scores = np.full(n, 1.0 / n)
    for _ in range(iterations):
        updated = (1 - damping) / n + damping * transition.T @ scores
        if np.abs(updated - scores).sum() < 1e-8:
            return updated
        scores = updated
    return scores


def overlap(texts: Sequence[str]) -> np.ndarray:
    """Pairwise redundancy of sentences by their content words: the larger of their
    Jaccard (scaled to the cosine threshold) and of the shorter one's containment."""
    words = [content_words(t) for t in texts]
    n = len(words)
    out = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            a, b = words[i], words[j]
            if not a or not b:
                continue
            shared = len(a & b)
            jaccard = shared / len(a | b) * _SIMILAR / _OVERLAP
            contained = shared / min(len(a), len(b)) * _SIMILAR / _CONTAINED if min(len(a), len(b)) >= 4 else 0.0
            out[i, j] = out[j, i] = max(jaccard, contained)
    return out


def coverage(sentences: Sequence[Sentence], facts: Mapping[str, ArticleFacts]) -> np.ndarray:
    """How much of the event's facts each sentence names: the actors weighted by the
    share of articles that name them, and numbers."""
    named: dict[str, set[str]] = {}
    for article_facts in facts.values():
        for m in article_facts.mentions:
            if m.label in ("person", "organization", "place") and len(m.text) > 2:
                named.setdefault(m.entity, set()).add(m.text)
    articles_of = Counter(e for f in facts.values() for e in {m.entity for m in f.mentions})
    n = max(1, len(facts))
    out = np.zeros(len(sentences))
    for i, s in enumerate(sentences):
        weight = sum(articles_of[entity] / n for entity, forms in named.items() if any(f in s.text for f in forms))
        out[i] = weight + (0.3 if _NUMBER.search(s.text) else 0.0)
    return out / out.max() if out.max() > 0 else out


def _scores(sentences: Sequence[Sentence], matrix, cover: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Importance per sentence (graph centrality, closeness to the centroid, lead bias,
    coverage of facts) and the pairwise redundancy matrix."""
    similarity = cosine_similarity(matrix)
    centrality = _lexrank(similarity)
    centrality = centrality / centrality.max()
    centroid = np.asarray(matrix.mean(axis=0))
    closeness = cosine_similarity(matrix, centroid).ravel()
    if closeness.max() > 0:
        closeness = closeness / closeness.max()
    lead = np.array([1.0 / (1.0 + 0.5 * s.position) for s in sentences])
    shape = np.array([_shape_factor(s.text) for s in sentences])
    if cover is None:
        cover = np.zeros(len(sentences))
    score = (0.35 * centrality + 0.3 * closeness + 0.2 * lead + 0.15 * cover) * shape
    redundancy = np.maximum(similarity, overlap([s.text for s in sentences]))
    return score, redundancy


def _shape_factor(text: str) -> float:
    """Down-weight sentences that read badly as a standalone key point."""
    words = len(_WORD.findall(text))
    factor = 1.0
    if words > _MAX_WORDS:
        factor *= 0.5
    if text.rstrip().endswith("?"):
        factor *= 0.5
    # An opening pronoun or connective leans on a sentence the reader will not see.
    if _DANGLING.match(text):
        factor *= 0.7
    # A sentence that is mostly a quotation is someone's position, not the news.
    quoted = sum(len(q) for q in re.findall(r"[“\"][^”\"]*[”\"]", text))
    if quoted > 0.6 * len(text):
        factor *= 0.6
    return factor


def mmr(
    scores: np.ndarray,
    similarity: np.ndarray,
    *,
    limit: int,
    candidates: Sequence[int] | None = None,
    avoid: np.ndarray | None = None,
) -> list[int]:
    """Maximal marginal relevance: best scores first, skipping what repeats a pick.

    `avoid` holds, per sentence, its highest similarity to texts that must not be
    repeated (the previous version's points).
    """
    pool = list(range(len(scores)) if candidates is None else candidates)
    if avoid is not None:
        pool = [i for i in pool if avoid[i] < _SIMILAR]
    picked: list[int] = []
    while pool and len(picked) < limit:

        def gain(i: int) -> float:
            redundancy = max((similarity[i, j] for j in picked), default=0.0)
            return _MMR_LAMBDA * scores[i] - (1 - _MMR_LAMBDA) * redundancy

        best = max(pool, key=gain)
        pool.remove(best)
        if any(similarity[best, j] >= _SIMILAR for j in picked):
            continue
        picked.append(best)
    return picked


def _undated_repeats(sentences: Sequence[Sentence], similarity: np.ndarray) -> set[int]:
    """Sentences of undated articles that lean on relative time words while a dated
    sentence says the same: the dated one is the point to keep."""
    dated = [j for j, s in enumerate(sentences) if not s.relative]
    return {i for i, s in enumerate(sentences) if s.relative and any(similarity[i, j] >= 0.7 * _SIMILAR for j in dated)}


def reading_order(sentences: Sequence[Sentence], picked: Sequence[int]) -> list[int]:
    """The lead (what happened) first, then the other facts, reactions, and what comes next."""
    if not picked:
        return []

    def kind(i: int) -> int:
        text = sentences[i].text
        if _NEXT.search(text):
            return 2
        return 1 if _REACTION.search(text) else 0

    # an article's lead sentence says what happened; picks are in order of score
    facts = [i for i in picked if kind(i) == 0]
    lead = next((i for i in facts if sentences[i].position == 0), facts[0] if facts else picked[0])
    rest = [i for i in picked if i != lead]
    return [lead, *sorted(rest, key=lambda i: kind(i))]


def point_text(sentence: Sentence) -> str:
    """A sentence as a key point: an undated article's relative words dropped where it reads right."""
    return drop_relative(sentence.text) if sentence.relative else sentence.text


def summarize(
    articles: Sequence[Article],
    facts: Mapping[str, ArticleFacts],
    *,
    max_points: int | None = None,
) -> tuple[str, ...]:
    """The sentences that best cover the event's articles, most important first.

    `max_points` defaults to `points_for` the number of articles. Without facts the
    ranking uses the text alone.
    """
    sentences = candidate_sentences(articles)
    if not sentences:
        return ()
    limit = points_for(len(articles)) if max_points is None else max_points
    matrix = _vectorize([s.text for s in sentences])
    if matrix is None:
        return tuple(point_text(s) for s in sentences[:limit])
    scores, similarity = _scores(sentences, matrix, coverage(sentences, facts))
    skip = _undated_repeats(sentences, similarity)
    pool = [i for i in range(len(sentences)) if i not in skip]
    picked = mmr(scores, similarity, limit=limit, candidates=pool)
    return tuple(point_text(sentences[i]) for i in reading_order(sentences, picked))


def headline(articles: Sequence[Article], facts: Mapping[str, ArticleFacts]) -> str:
    """The event's title: its most representative article title, else one made from
    the most central article's lead sentence, else from its top actors."""
    titled = [a for a in articles if a.title and a.title.strip()]
    if titled:
        if len(titled) == 1:
            return " ".join(titled[0].title.split())
        titles = [" ".join(a.title.split()) for a in titled]
        matrix = _vectorize(titles + [a.text for a in titled])
        if matrix is None:
            return titles[0]
        centroid = np.asarray(matrix.mean(axis=0))
        closeness = cosine_similarity(matrix[: len(titles)], centroid).ravel()
        # Ties (syndicated titles) go to the earliest article, then to the given order.
        order = sorted(
            range(len(titles)),
            key=lambda i: (-round(float(closeness[i]), 6), titled[i].published or "9999", i),
        )
        return titles[order[0]]

    sentences = candidate_sentences(articles)
    if sentences:
        leads = [s for s in sentences if s.position == 0] or sentences
        matrix = _vectorize([s.text for s in sentences])
        if matrix is not None and len(leads) > 1:
            scores, _ = _scores(sentences, matrix)
            by_text = {s.text: scores[i] for i, s in enumerate(sentences)}
            leads = sorted(leads, key=lambda s: -by_text[s.text])
        return _shorten(leads[0].original or leads[0].text)

    counts = Counter(m.entity for f in facts.values() for m in f.mentions)
    if counts:
        return _join([name for name, _ in counts.most_common(3)])
    first = next((a.text.strip() for a in articles if a.text.strip()), "")
    return _shorten(first) if first else "Untitled event"


def _shorten(sentence: str, *, limit: int = 20) -> str:
    """A headline-length form of a lead sentence: its first clause when it is long."""
    text = sentence.strip().rstrip(".")
    words = text.split()
    if len(words) <= limit:
        return _capitalize(text)
    # Cut where the main clause usually ends: before ", but", ";", " — " or a comma.
    for pattern in (r",\s+(?:but|while|as|after|amid|although|though|and)\s", r"\s*[;:—–]\s", r",\s"):
        for match in re.finditer(pattern, text):
            head = text[: match.start()]
            if 6 <= len(head.split()) <= limit:
                return _capitalize(head)
    return _capitalize(" ".join(words[: limit - 2])) + "…"


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def _join(names: Sequence[str]) -> str:
    names = list(names)
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
