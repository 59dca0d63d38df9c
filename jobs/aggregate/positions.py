"""Positions of an event: quotes with their speakers mapped onto the event's actors (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from jobs.models import Position, PositionEvidence, Quote


def build_positions(quotes: Sequence[Quote], names: Mapping[str, str]) -> list[Position]:
    """An event's positions: quotes with speakers (and relays) mapped onto the event's actors."""
    return [
        Position(
            speaker=names.get(q.speaker, q.speaker),
            text=q.text,
            kind=q.kind,
            cue=q.cue,
            evidence=PositionEvidence(q.article_id, q.start, q.end, q.speaker_start, q.speaker_end),
            topic=q.topic,
            via=names.get(q.via, q.via) if q.via is not None else None,
        )
        for q in quotes
    ]
