"""Meetings of an event: frames from every article merged into one row per meeting (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from jobs.models import Evidence, Meeting, MeetingFrame


def _compatible(a: Meeting, b: MeetingFrame, participants: tuple[str, ...]) -> bool:
    if set(a.participants) != set(participants) or a.kind != b.kind:
        return False
    if a.date and b.date and a.date != b.date:
        return False
    if a.location and b.location and a.location != b.location:
        return False
    statuses = {a.status, b.status} - {"unknown"}
    return len(statuses) <= 1


def merge_meetings(frames: Sequence[MeetingFrame], names: Mapping[str, str]) -> list[Meeting]:
    """An event's meetings: frames with the same participants and kind and no conflicting
    date, place or status are one meeting, with the evidence of each."""
    merged: list[Meeting] = []
    for frame in frames:
        participants = tuple(dict.fromkeys(names.get(p, p) for p in frame.participants))
        evidence = Evidence(frame.article_id, frame.text, frame.start, frame.end)
        for i, meeting in enumerate(merged):
            if participants and _compatible(meeting, frame, participants):
                merged[i] = Meeting(
                    participants=meeting.participants,
                    kind=meeting.kind,
                    location=meeting.location or frame.location,
                    date=meeting.date or frame.date,
                    date_text=meeting.date_text or frame.date_text,
                    status=meeting.status if meeting.status != "unknown" else frame.status,
                    evidence=(*meeting.evidence, evidence) if evidence not in meeting.evidence else meeting.evidence,
                )
                break
        else:
            merged.append(
                Meeting(
                    participants=participants,
                    kind=frame.kind,
                    location=frame.location,
                    date=frame.date,
                    date_text=frame.date_text,
                    status=frame.status,
                    evidence=(evidence,),
                )
            )
    return merged
