"""What a new version of a briefing adds: new facts since the previous version (pure)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np
from sklearn.metrics.pairwise import cosine_similarity

from jobs.aggregate.summarize import _scores, _vectorize, candidate_sentences, mmr, overlap, point_text
from jobs.models import Article, ArticleFacts, Event, Meeting, Position

_QUOTE_WORDS = 25


def _join(names: Sequence[str]) -> str:
    names = list(names)
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _new_sentences(
    current: tuple[str, ...], previous: Event, articles: Sequence[Article], new_ids: set[str], limit: int
) -> list[str]:
    """Central sentences of the new articles that the previous key points do not already say."""
    sentences = candidate_sentences(articles)
    new_idx = [i for i, s in enumerate(sentences) if s.article_id in new_ids]
    before = list(previous.summary)
    matrix = _vectorize([s.text for s in sentences] + before) if new_idx else None
    if matrix is None:
        return []
    n = len(sentences)
    scores, redundancy = _scores(sentences, matrix[:n])
    similarity = np.maximum(cosine_similarity(matrix), overlap([s.text for s in sentences] + before))
    avoid = similarity[:n, n:].max(axis=1) if before else np.zeros(n)
    # A current key point from a new article is the strongest news.
    in_current = {" ".join(t.split()) for t in current}
    boost = np.array([1.5 if point_text(s) in in_current else 1.0 for s in sentences])
    picked = mmr(scores * boost, redundancy, limit=limit, candidates=new_idx, avoid=avoid)
    return [point_text(sentences[i]) for i in picked]


def _meeting_key(meeting: Meeting) -> tuple[frozenset[str], bool]:
    """Meetings are the same across versions when the same people meet (a call stays a call)."""
    return frozenset(meeting.participants), meeting.kind == "call"


def _meeting_news(previous: Event, meetings: Sequence[Meeting]) -> list[str]:
    """Meetings first reported since `previous`, and meetings whose status changed."""
    before = {_meeting_key(m): m for m in previous.meetings}
    points = []
    for meeting in meetings:
        if len(meeting.participants) < 2:
            continue
        kind = meeting.kind if meeting.kind != "other" else "meeting"
        old = before.get(_meeting_key(meeting))
        if old is None:
            when = meeting.date or meeting.date_text
            when_text = f" ({when})" if when else ""
            points.append(f"New {kind} reported ({meeting.status}): {_join(meeting.participants)}{when_text}.")
            before[_meeting_key(meeting)] = meeting
        elif meeting.status not in (old.status, "unknown") and old.status != "unknown":
            points.append(f"The {kind} of {_join(meeting.participants)} changed from {old.status} to {meeting.status}.")
    return points


def _position_news(previous: Event, positions: Sequence[Position], new_ids: set[str], limit: int) -> list[str]:
    """Positions from the new articles of speakers who had said nothing on that topic before."""
    said = {(p.speaker, p.topic) for p in previous.positions}
    points = []
    for position in positions:
        if position.evidence.article_id not in new_ids or (position.speaker, position.topic) in said:
            continue
        said.add((position.speaker, position.topic))
        words = position.text.split()
        text = " ".join(words[:_QUOTE_WORDS]) + ("…" if len(words) > _QUOTE_WORDS else "")
        points.append(f"New position of {position.speaker}: {text}")
        if len(points) == limit:
            break
    return points


def _frames_as_meetings(facts: Sequence[ArticleFacts]) -> list[Meeting]:
    return [
        Meeting(m.participants, m.kind, m.location, m.date, m.date_text, m.status, ())
        for f in facts
        for m in f.meetings
    ]


def whats_new(
    current: tuple[str, ...],
    previous: Event | None,
    articles: Sequence[Article],
    facts: Mapping[str, ArticleFacts],
    *,
    new_article_ids: set[str],
    meetings: Sequence[Meeting] | None = None,
    positions: Sequence[Position] = (),
    max_points: int = 3,
) -> tuple[str, ...]:
    """What the new articles add since `previous`: their central sentences that the
    previous key points do not already say, then actors first named in them, meetings
    first reported or whose status changed, and new positions of actors.

    `meetings` are the event's merged meetings (default: the new articles' frames).
    Empty for a first version (`previous` None) or when no article is new.
    """
    if previous is None or not new_article_ids:
        return ()
    points = _new_sentences(current, previous, articles, new_article_ids, max_points)

    known = {previous_name.lower() for a in previous.actors for previous_name in (a.name, *a.aliases)}
    new_facts = [facts[i] for i in sorted(new_article_ids) if i in facts]
    counts = Counter(m.entity for f in new_facts for m in f.mentions if m.label in {"person", "organization"})
    newcomers = [name for name, n in counts.most_common() if n >= 2 and name.lower() not in known][:4]
    if newcomers:
        points.append("Newly named: " + ", ".join(newcomers) + ".")
    points += _meeting_news(previous, _frames_as_meetings(new_facts) if meetings is None else meetings)
    points += _position_news(previous, positions, new_article_ids, 2)
    return tuple(dict.fromkeys(points))
