"""The seed article end to end: its PDF briefing holds every gold actor, meeting and position.

The real model and real WeasyPrint; the PDF is read back with pypdf.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from jobs import archive
from jobs.config import Config
from jobs.pipeline import run

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "samples" / "seed-article.jsonl"
GOLD = json.loads((ROOT / "tests" / "fixtures" / "facts" / "seed-gold.json").read_text("utf-8"))


def _flat(text: str) -> str:
    """PDF text folded for comparison: one space for any break, straight quotes, no soft hyphens."""
    text = text.replace("\u00ad", "").replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def seed_briefing(tmp_path_factory) -> tuple[str, Path]:
    outputs = tmp_path_factory.mktemp("seed") / "outputs"
    config = Config(outputs=outputs, inputs=(SEED,), n_process=1, render_workers=1, templates=ROOT / "templates")
    report = run(config, send=False)
    assert report.exit_status == 0 and len(report.rendered) == 1
    pdf = outputs / "events" / report.rendered[0] / "briefing.pdf"
    return _flat(" ".join(page.extract_text() for page in PdfReader(pdf).pages)), outputs


@pytest.mark.parametrize("actor", GOLD["actors"]["must_include"], ids=lambda a: a["name"])
def test_every_gold_actor_is_in_the_pdf_with_its_role(seed_briefing, actor):
    text, _ = seed_briefing
    assert actor["name"] in text
    if "role_contains" in actor:
        assert actor["role_contains"] in text


@pytest.mark.parametrize("meeting", GOLD["meetings"], ids=lambda m: m["evidence"][:40])
def test_every_gold_meeting_is_in_the_event_and_the_pdf(seed_briefing, meeting):
    text, outputs = seed_briefing
    event = archive.read_event(outputs, next(p.name for p in (outputs / "events").iterdir()))
    assert event is not None
    found = [
        m
        for m in event.meetings
        if set(meeting["participants"]) <= set(m.participants)
        and m.status == meeting["status"]
        and (meeting.get("location") is None or m.location == meeting["location"])
        and (meeting.get("date") is None or m.date == meeting["date"])
    ]
    assert found, f"no meeting like {meeting['evidence']!r}"
    for name in meeting["participants"]:
        assert name in text
    if meeting.get("location"):
        assert meeting["location"] in text


@pytest.mark.parametrize("position", GOLD["positions"], ids=lambda p: p["contains"][:30])
def test_every_gold_position_is_in_the_pdf(seed_briefing, position):
    text, _ = seed_briefing
    assert _flat(position["contains"]) in text
    assert position["speaker"] in text
