"""Headlines, key points and what's new for one event, from its articles' text.

Pure text work (regex sentence splitting, scikit-learn TF-IDF, a LexRank-style
graph ranking and MMR selection): no model, so it is fast and needs no parse.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from jobs.dates import MONTHS, WEEKDAYS
from jobs.models import Article, ArticleFacts, Event, Meeting

# Tokens that end in a period without ending a sentence ("U.S.", "Mr.", "Jan.").
_ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sen",
        "rep",
        "gov",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "st",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "vs",
        "etc",
        "fig",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "a.m",
        "p.m",
        "d.c",
        "i.e",
        "e.g",
        "approx",
        "est",
        "dept",
        "univ",
    }
)
_SENTENCE_END = re.compile(r"(?<=[.!?])([\"'”’)\]]*)\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_WEEKDAY = "(?:" + "|".join(WEEKDAYS) + ")"
_MONTH = "|".join(MONTHS)
# A dateline standing alone ("Friday, January 4, 2019", "4 January 2019").
_DATELINE = re.compile(
    rf"^\s*(?:{_WEEKDAY},?\s+)?(?:(?:{_MONTH})\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+(?:{_MONTH}),?\s+\d{{4}})\W*$",
    re.IGNORECASE,
)
# Lines that are page furniture rather than reporting.
_BOILER = re.compile(
    r"^(?:share this|related (?:news|stories|articles)|sources?:|read more|click here|sign up|"
    r"subscribe|advertisement|copyright|all rights reserved|follow us|this article|"
    r"have an opinion on this story)",
    re.IGNORECASE,
)
_DANGLING = re.compile(
    r"^(?:he|she|they|it|this|that|these|those|his|her|their|its|however|but|and|also|meanwhile|"
    r"still|yet|instead|so)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_MIN_WORDS = 6
_MAX_WORDS = 60
_SIMILAR = 0.5  # cosine above which two sentences say the same thing
_MMR_LAMBDA = 0.7


@dataclass(frozen=True)
class Sentence:
    """One candidate sentence; `position` is its rank within its article (0 = lead)."""

    text: str
    article_id: str
    position: int


def split_sentences(text: str) -> list[str]:
    """Split text into sentences: paragraphs first, then at ends not after an abbreviation."""
    sentences: list[str] = []
    for paragraph in re.split(r"\n\s*\n|\n", text):
        paragraph = " ".join(paragraph.split())
        if not paragraph:
            continue
        start = 0
        for match in _SENTENCE_END.finditer(paragraph):
            end = match.end(1)
            before = paragraph[start:end].rsplit(None, 1)
            last = before[-1].rstrip(".!?\"'”’)]").lower() if before else ""
            # "U.S." or a lone initial ("J. Smith") ends a token, not a sentence.
            numbered = last in {"no", "nos"} and paragraph[match.end() : match.end() + 1].isdigit()
            if numbered or last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
            sentences.append(paragraph[start:end].strip())
            start = match.end()
        sentences.append(paragraph[start:].strip())
    return [s for s in sentences if s]


def is_boilerplate(sentence: str) -> bool:
    """A dateline, page furniture or a fragment too short to carry a fact."""
    if _DATELINE.match(sentence) or _BOILER.match(sentence):
        return True
    words = _WORD.findall(sentence)
    return len(words) < _MIN_WORDS


def candidate_sentences(articles: Sequence[Article]) -> list[Sentence]:
    """Every non-boilerplate sentence of the articles, in article order."""
    out: list[Sentence] = []
    seen: set[str] = set()
    for article in articles:
        position = 0
        for text in split_sentences(article.text):
            if is_boilerplate(text):
                continue
            key = " ".join(_WORD.findall(text.lower()))
            # Syndicated copies repeat sentences verbatim: keep the first only.
            if key in seen:
                position += 1
                continue
            seen.add(key)
            out.append(Sentence(text, article.id, position))
            position += 1
    return out


def _vectorize(texts: Sequence[str]) -> np.ndarray | None:
    try:
        matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    except ValueError:  # only stop words: nothing to compare
        return None
    return matrix


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


def _scores(sentences: Sequence[Sentence], matrix) -> tuple[np.ndarray, np.ndarray]:
    """Importance per sentence (graph centrality, closeness to the centroid, lead bias)
    and the pairwise similarity matrix."""
    similarity = cosine_similarity(matrix)
    centrality = _lexrank(similarity)
    centrality = centrality / centrality.max()
    centroid = np.asarray(matrix.mean(axis=0))
    closeness = cosine_similarity(matrix, centroid).ravel()
    if closeness.max() > 0:
        closeness = closeness / closeness.max()
    lead = np.array([1.0 / (1.0 + 0.5 * s.position) for s in sentences])
    shape = np.array([_shape_factor(s.text) for s in sentences])
    return (0.4 * centrality + 0.4 * closeness + 0.2 * lead) * shape, similarity


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


def _mmr(
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


def summarize(
    articles: Sequence[Article],
    facts: Mapping[str, ArticleFacts],
    *,
    max_points: int = 5,
) -> tuple[str, ...]:
    """The sentences that best cover the event's articles, most important first.

    `facts` is accepted for symmetry with `headline`; ranking uses text alone so an
    event summarises the same whether or not extraction ran.
    """
    sentences = candidate_sentences(articles)
    if not sentences:
        return ()
    matrix = _vectorize([s.text for s in sentences])
    if matrix is None:
        return tuple(s.text for s in sentences[:max_points])
    scores, similarity = _scores(sentences, matrix)
    return tuple(sentences[i].text for i in _mmr(scores, similarity, limit=max_points))


def whats_new(
    current: tuple[str, ...],
    previous: Event | None,
    articles: Sequence[Article],
    facts: Mapping[str, ArticleFacts],
    *,
    new_article_ids: set[str],
    max_points: int = 3,
    meetings: Sequence[Meeting] = (),
) -> tuple[str, ...]:
    """What the new articles add since `previous`: their central sentences that the
    previous key points do not already say, then actors and meetings first seen in them,
    and meetings of `meetings` (the event's current ones) whose status changed since.

    Empty for a first version (`previous` None) or when no article is new.
    """
    if previous is None or not new_article_ids:
        return ()
    points: list[str] = []
    sentences = candidate_sentences(articles)
    new_idx = [i for i, s in enumerate(sentences) if s.article_id in new_article_ids]
    if new_idx:
        before = list(previous.summary)
        matrix = _vectorize([s.text for s in sentences] + before)
        if matrix is not None:
            n = len(sentences)
            scores, _ = _scores(sentences, matrix[:n])
            similarity = cosine_similarity(matrix)
            avoid = similarity[:n, n:].max(axis=1) if before else np.zeros(n)
            # A current key point from a new article is the strongest news.
            in_current = {" ".join(t.split()) for t in current}
            boost = np.array([1.5 if s.text in in_current else 1.0 for s in sentences])
            picked = _mmr(scores * boost, similarity[:n, :n], limit=max_points, candidates=new_idx, avoid=avoid)
            points.extend(sentences[i].text for i in picked)

    known = {previous_name.lower() for a in previous.actors for previous_name in (a.name, *a.aliases)}
    new_facts = [facts[i] for i in sorted(new_article_ids) if i in facts]
    counts = Counter(m.entity for f in new_facts for m in f.mentions if m.label in {"person", "organization"})
    newcomers = [name for name, n in counts.most_common() if n >= 2 and name.lower() not in known][:4]
    if newcomers:
        points.append("Newly named: " + ", ".join(newcomers) + ".")

    seen_meetings = {frozenset(m.participants) for m in previous.meetings}
    for frame in (m for f in new_facts for m in f.meetings):
        if len(frame.participants) >= 2 and frozenset(frame.participants) not in seen_meetings:
            seen_meetings.add(frozenset(frame.participants))
            when = f" ({frame.date_text or frame.date})" if (frame.date_text or frame.date) else ""
            points.append(
                f"New {frame.kind if frame.kind != 'other' else 'meeting'} reported "
                f"({frame.status}): {_join(frame.participants)}{when}."
            )
    points += _status_changes(previous.meetings, meetings)
    return tuple(points)


def _status_changes(before: Sequence[Meeting], now: Sequence[Meeting]) -> list[str]:
    """"Meeting of A and B: now held (was planned)." for each meeting whose status changed."""
    was = {(frozenset(m.participants), m.kind == "call"): m.status for m in before if m.status != "unknown"}
    out = []
    for m in now:
        old = was.get((frozenset(m.participants), m.kind == "call"))
        if old and m.status not in (old, "unknown") and len(m.participants) >= 2:
            kind = m.kind if m.kind != "other" else "meeting"
            out.append(f"The {kind} of {_join(m.participants)} changed from {old} to {m.status}.")
    return out


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
        return _shorten(leads[0].text)

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
