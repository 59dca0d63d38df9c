"""The records the stages hand each other.

Every stage takes and returns these small immutable records; spaCy objects never
leave the extractors, and templates and the archive only ever see these.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

ActorType = Literal["person", "organization", "place", "group"]
MeetingKind = Literal["meeting", "call", "summit", "visit", "talks", "other"]
MeetingStatus = Literal["planned", "held", "cancelled", "proposed", "unknown"]
PositionKind = Literal["direct", "reported"]


@dataclass(frozen=True)
class Article:
    """One input article, as read.

    `text` is exactly the text offsets refer to (for JSON and CSV input the field as
    given). `published` is an ISO date (`YYYY-MM-DD`) or None; `published_at` keeps
    the full timestamp when the input had one. `origin` says where it was read
    (`file:line`), `digest` is the hash of its normalised text.
    """

    id: str
    text: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    origin: str = ""
    digest: str = ""
    published_at: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return cls(**{f.name: data[f.name] for f in dataclasses.fields(cls) if f.name in data})


@dataclass(frozen=True)
class Mention:
    """One mention of an entity in one article (a row of the mentions table).

    `entity` is the article-level canonical name this mention was resolved to
    ("Trump" and "the president" → "Donald Trump"); `label` the decided type.
    """

    article_id: str
    start: int
    end: int
    text: str
    entity: str
    label: str
    role: str | None = None
    sent: int = 0
    in_title: bool = False
    is_subject: bool = False


@dataclass(frozen=True)
class MeetingFrame:
    """One meeting as one article reports it; `start`/`end` cover the evidence."""

    article_id: str
    participants: tuple[str, ...]
    kind: MeetingKind
    status: MeetingStatus
    start: int
    end: int
    text: str
    location: str | None = None
    date: str | None = None
    date_text: str | None = None


@dataclass(frozen=True)
class Quote:
    """One attribution in one article: who (speaker) said what (start..end)."""

    article_id: str
    speaker: str
    kind: PositionKind
    cue: str
    start: int
    end: int
    text: str
    speaker_start: int | None = None
    speaker_end: int | None = None
    via: str | None = None
    topic: str | None = None


@dataclass(frozen=True)
class ArticleFacts:
    """Everything extraction read out of one article; cached by article digest."""

    article_id: str
    mentions: tuple[Mention, ...] = ()
    meetings: tuple[MeetingFrame, ...] = ()
    quotes: tuple[Quote, ...] = ()
    terms: tuple[str, ...] = ()
    words: int = 0

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleFacts:
        return cls(
            article_id=data["article_id"],
            mentions=tuple(Mention(**m) for m in data.get("mentions", ())),
            meetings=tuple(
                MeetingFrame(**{**m, "participants": tuple(m["participants"])})
                for m in data.get("meetings", ())
            ),
            quotes=tuple(Quote(**q) for q in data.get("quotes", ())),
            terms=tuple(data.get("terms", ())),
            words=int(data.get("words", 0)),
        )


@dataclass(frozen=True)
class Evidence:
    article_id: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Actor:
    name: str
    type: ActorType
    role: str | None
    aliases: tuple[str, ...]
    mentions: int
    salience: float
    articles: int = 1


@dataclass(frozen=True)
class StatusChange:
    """One report of a meeting's status: what the article of `article_id`, published then, said."""

    status: str
    article_id: str
    published: str | None


@dataclass(frozen=True)
class Meeting:
    """One meeting of an event, merged from every report of it.

    `date` is `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, as precise as the text allows;
    `participants` are actor names or the text's description ("state officials")
    where no named actor fits; `status` is the latest report's, and
    `status_history` lists the reports, oldest first, when they changed it.
    """

    participants: tuple[str, ...]
    kind: MeetingKind
    location: str | None
    date: str | None
    date_text: str | None
    status: MeetingStatus
    evidence: tuple[Evidence, ...]
    status_history: tuple[StatusChange, ...] = ()


@dataclass(frozen=True)
class PositionEvidence:
    article_id: str
    start: int
    end: int
    speaker_start: int | None
    speaker_end: int | None


@dataclass(frozen=True)
class Position:
    speaker: str
    text: str
    kind: PositionKind
    cue: str
    evidence: PositionEvidence
    topic: str | None = None
    via: str | None = None


@dataclass(frozen=True)
class ArticleRef:
    id: str
    title: str | None
    source: str | None
    url: str | None
    published: str | None
    duplicate_of: str | None = None


@dataclass(frozen=True)
class Event:
    """One event's briefing content; `to_json` gives the contract's event.json."""

    id: str
    title: str
    summary: tuple[str, ...]
    articles: tuple[ArticleRef, ...]
    actors: tuple[Actor, ...]
    meetings: tuple[Meeting, ...]
    positions: tuple[Position, ...]
    merged_ids: tuple[str, ...] = ()
    version: int = 1
    updated: str = ""
    whats_new: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        return {"schema": SCHEMA, **data}

    @property
    def first_published(self) -> str | None:
        dates = sorted(a.published for a in self.articles if a.published)
        return dates[0] if dates else None

    @property
    def last_published(self) -> str | None:
        dates = sorted(a.published for a in self.articles if a.published)
        return dates[-1] if dates else None


SCHEMA = "briefing-event/2"


def event_from_json(data: dict[str, Any]) -> Event:
    """Read an event.json back into an Event (the inverse of `Event.to_json`)."""
    return Event(
        id=data["id"],
        title=data["title"],
        summary=tuple(data.get("summary", ())),
        articles=tuple(ArticleRef(**a) for a in data.get("articles", ())),
        actors=tuple(Actor(**{**a, "aliases": tuple(a["aliases"])}) for a in data.get("actors", ())),
        meetings=tuple(
            Meeting(
                **{
                    **m,
                    "participants": tuple(m["participants"]),
                    "evidence": tuple(Evidence(**e) for e in m["evidence"]),
                    "status_history": tuple(StatusChange(**h) for h in m.get("status_history", ())),
                }
            )
            for m in data.get("meetings", ())
        ),
        positions=tuple(
            Position(**{**p, "evidence": PositionEvidence(**p["evidence"])})
            for p in data.get("positions", ())
        ),
        merged_ids=tuple(data.get("merged_ids", ())),
        version=int(data.get("version", 1)),
        updated=data.get("updated", ""),
        whats_new=tuple(data.get("whats_new", ())),
    )
