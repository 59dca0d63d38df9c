"""Aggregation: one event's articles and their facts into one `Event` (pure)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence

import pandas as pd

from jobs.aggregate import summarize
from jobs.aggregate.actors import merge_actors
from jobs.aggregate.meetings import merge_meetings
from jobs.aggregate.positions import build_positions
from jobs.aggregate.whatsnew import whats_new
from jobs.models import Article, ArticleFacts, ArticleRef, Event, Mention

MENTION_COLUMNS = [f for f in Mention.__dataclass_fields__]


def mentions_frame(facts: Sequence[ArticleFacts]) -> pd.DataFrame:
    """The long table of mentions: one row per mention, per article."""
    rows = [m.__dict__ for f in facts for m in f.mentions]
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


def _order(articles: Sequence[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (a.published_at or a.published or "9999", a.id))


def build_event(
    event_id: str,
    articles: Sequence[Article],
    facts: Mapping[str, ArticleFacts],
    *,
    merged_ids: Sequence[str] = (),
    duplicate_of: Mapping[str, str] | None = None,
    previous: Event | None = None,
    new_article_ids: set[str] | None = None,
) -> Event:
    """The event's briefing content (version and time stamp are set by the archive).

    Near-duplicate articles (`duplicate_of`) stay listed as sources but their facts
    are not counted again, so a syndicated story does not inflate mentions.
    """
    duplicate_of = duplicate_of or {}
    ordered = _order(articles)
    counted = [facts[a.id] for a in ordered if a.id in facts and a.id not in duplicate_of]
    titles = {a.id: a.title for a in ordered if a.title}
    actors, names = merge_actors(mentions_frame(counted), titles=titles)
    published = {a.id: a.published_at or a.published for a in ordered}
    meetings = merge_meetings([m for f in counted for m in f.meetings], names, published)
    positions = build_positions([q for f in counted for q in f.quotes], names)
    summary = summarize.summarize(ordered, facts)
    news = whats_new(
        summary,
        previous,
        ordered,
        facts,
        new_article_ids=set(new_article_ids or ()),
        meetings=meetings,
        positions=positions,
    )
    return Event(
        id=event_id,
        title=summarize.headline(ordered, facts),
        summary=summary,
        articles=tuple(
            ArticleRef(a.id, a.title, a.source, a.url, a.published, duplicate_of.get(a.id)) for a in ordered
        ),
        actors=tuple(actors),
        meetings=tuple(meetings),
        positions=tuple(positions),
        merged_ids=tuple(sorted(merged_ids)),
        whats_new=news,
    )


def content_hash(event: Event) -> str:
    """A hash of what a reader sees: changes to version, time stamp or what's-new alone do not count."""
    data = event.to_json()
    for key in ("version", "updated", "whats_new"):
        data.pop(key, None)
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()
