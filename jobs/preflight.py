"""Checks made before a run touches anything: templates that render, a state that fits the archive.

A template that compiles can still fail when rendered (an include that is missing, a
field the event does not have); a state database that is gone or damaged beside an
archive of briefings would make the run publish and mail every briefing again. Both
stop the run before any work, with a message that says what to do.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from jobs import state
from jobs.errors import StateDamaged, TemplateError
from jobs.models import Article, Event, event_from_json

_TEXT = "Leaders of Ruritania and Freedonia met in Vienna on Friday. \"We agreed,\" Anna Berg said."

SAMPLE_EVENT = {
    "schema": "briefing-event/1",
    "id": "ev-20240503-00000000",
    "merged_ids": ["ev-20240502-00000001"],
    "title": "Sample: leaders meet in Vienna",
    "summary": ["Leaders of Ruritania and Freedonia met in Vienna on Friday."],
    "version": 2,
    "updated": "2024-05-04T06:00:00Z",
    "articles": [
        {"id": "sample-1", "title": "Leaders meet", "source": "Sample Wire", "url": "https://example.org/a",
         "published": "2024-05-03", "duplicate_of": None},
        {"id": "sample-2", "title": None, "source": None, "url": None, "published": None, "duplicate_of": "sample-1"},
    ],
    "actors": [
        {"name": "Anna Berg", "type": "person", "role": "Foreign Minister", "aliases": ["Berg"], "mentions": 2,
         "salience": 1.0, "articles": 1},
        {"name": "Ruritania", "type": "place", "role": None, "aliases": [], "mentions": 1, "salience": 0.5,
         "articles": 1},
    ],
    "meetings": [
        {"participants": ["Anna Berg", "Ruritania"], "kind": "meeting", "location": "Vienna", "date": "2024-05-03",
         "date_text": "Friday", "status": "held",
         "evidence": [{"article_id": "sample-1", "text": _TEXT[:59], "start": 0, "end": 59}]},
        {"participants": ["Anna Berg"], "kind": "call", "location": None, "date": None, "date_text": None,
         "status": "unknown", "evidence": []},
    ],
    "positions": [
        {"speaker": "Anna Berg", "text": "We agreed,", "kind": "direct", "cue": "said",
         "evidence": {"article_id": "sample-1", "start": 61, "end": 71, "speaker_start": 73, "speaker_end": 82},
         "topic": "the meeting", "via": None},
        {"speaker": "Ruritanian officials", "text": "talks would go on", "kind": "reported", "cue": "said",
         "evidence": {"article_id": "sample-2", "start": 0, "end": 10, "speaker_start": None, "speaker_end": None},
         "topic": None, "via": "a spokesman"},
    ],
    "whats_new": ["Anna Berg said they agreed."],
}


def sample_event() -> Event:
    return event_from_json(SAMPLE_EVENT)


def check_templates(templates: object) -> None:
    """Render the briefing (both forms) and the index on a sample event; TemplateError if one fails.

    The templates are loaded with StrictUndefined, so a field the event does not have
    fails here, before any work, instead of on a real event after the analysis.
    """
    import jinja2

    from jobs import render

    event = sample_event()
    articles = {
        a.id: Article(id=a.id, text=_TEXT, title=a.title, published=a.published, source=a.source, url=a.url)
        for a in event.articles
    }
    entry = {
        "id": event.id, "title": event.title, "first_published": event.first_published,
        "last_published": event.last_published, "updated": event.updated, "version": event.version,
        "articles": len(event.articles), "top_actors": [a.name for a in event.actors],
        "pdf": f"events/{event.id}/briefing.pdf", "html": f"events/{event.id}/briefing.html",
        "merged_ids": list(event.merged_ids),
    }
    try:
        for for_pdf in (False, True):
            render.render_html(templates, event, articles=articles, for_pdf=for_pdf)  # type: ignore[arg-type]
        with tempfile.TemporaryDirectory(prefix="briefings-check-") as scratch:
            render.write_index(Path(scratch), [entry], templates)  # type: ignore[arg-type]
    except jinja2.TemplateError as exc:
        where = f"template {exc.name}" if getattr(exc, "name", None) else "a template"
        raise TemplateError(f"{where} fails on a sample briefing: {type(exc).__name__}: {exc}; fix the template") from exc
    except (TypeError, ValueError, AttributeError, KeyError) as exc:
        raise TemplateError(f"a template fails on a sample briefing: {type(exc).__name__}: {exc}; fix the template") from exc


def has_briefings(outputs: Path) -> bool:
    """Whether the archive holds published briefings (event folders or a delivery log)."""
    events = outputs / "events"
    try:
        return any(events.iterdir()) or (outputs / "deliveries.jsonl").exists()
    except OSError:
        return (outputs / "deliveries.jsonl").exists()


def check_state(outputs: Path) -> None:
    """StateDamaged when the state database cannot be trusted beside an archive of briefings.

    A fresh archive (no events yet) simply gets a new database.
    """
    if not has_briefings(outputs):
        return
    path = outputs / state.STATE_NAME
    reason = state.diagnose(path)
    if reason is None:
        return
    raise StateDamaged(
        f"the state database {path} is {reason}, but {outputs} holds published briefings: a run now would "
        f"publish and mail them again. Nothing was done. Rebuild the state from the archive with "
        f"`briefings repair --outputs {outputs}`, then run again."
    )
