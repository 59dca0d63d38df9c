"""The archive site brought up to date run after run: what an update writes must equal a
cold build of the same events, also when a run was killed after saving the facts."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from jobs import archive, render, site
from jobs.site import dossiers, pages, search
from tests.test_site import EVENTS, TEMPLATES, actor, article, position, write_event

NAMED = ["Jan Berg"]
GAZA, OLD, TOMAHAWK = (next(e for e in EVENTS if e["id"] == i) for i in ("ev-gaza", "ev-old", "ev-tomahawk"))
LEANER = {**OLD, "positions": [position("Jan Berg", "A leaner budget", "a4")]}
# A new month, Jan Berg's second event (his dossier gets a 2023 page) and a meeting with Putin.
NEW_MONTH = {
    "id": "ev-may", "title": "Talks in May", "summary": ["They talk."],
    "articles": [article("a9", "2023-05-02")],
    "actors": [actor("Jan Berg", role="Speaker"), actor("Vladimir Putin")],
    "meetings": [{"participants": ["Jan Berg", "Vladimir Putin"], "kind": "talks", "location": "Oslo", "date": "2023-05",
                  "date_text": None, "status": "planned", "evidence": [], "status_history": []}],
    "positions": [position("Vladimir Putin", "We will see", "a9")],
}  # fmt: skip
# Jan Berg's role in 2024 changes: his own page shows it, his 2023 page does not show roles.
MINISTER = {**OLD, "actors": [actor("Jan Berg", role="Minister"), *OLD["actors"][1:]]}
# Jan Berg again in 2024, his newest year: his own page shows it, his 2023 page stays as it is.
LATER = {
    "id": "ev-later", "title": "Budget amended", "summary": ["Parliament amends."], "articles": [article("a7", "2024-06-03")],
    "actors": [actor("Jan Berg"), actor("Parliament", "organization")], "meetings": [],
    "positions": [position("Jan Berg", "A later budget", "a7")],
}  # fmt: skip
# Jan Berg in 2026, a new year: 2024 gets a page of its own, and every period page lists 2026.
NEW_YEAR = {**LATER, "id": "ev-2026", "articles": [article("a8", "2026-01-05")], "positions": [position("Jan Berg", "A new year", "a8")]}

# One more report of the truce, saying nothing new: the month page counts it, no dossier shows it.
ONE_MORE = {**GAZA, "articles": [*GAZA["articles"], article("a5", "2025-09-04", "Other Wire")]}

# A second report the same day repeats Trump's words: his dossier lists them twice, no other dossier changes.
REPEATED = {
    **TOMAHAWK,
    "articles": [*TOMAHAWK["articles"], article("a6", "2025-10-12", "Other Wire")],
    "positions": [*TOMAHAWK["positions"], *({**p, "evidence": {**p["evidence"], "article_id": "a6"}}
                                           for p in TOMAHAWK["positions"] if p["speaker"] == "Donald J. Trump")],
}  # fmt: skip

# Each run: the events the archive holds, with their versions.
SEQUENCES = {
    "events arrive one by one": [[(TOMAHAWK, 1)], [(TOMAHAWK, 1), (GAZA, 1)], [(TOMAHAWK, 1), (GAZA, 1), (OLD, 1)]],
    "an event is removed": [[(TOMAHAWK, 1), (GAZA, 1), (OLD, 1)], [(TOMAHAWK, 1), (OLD, 1)]],
    "an event is updated": [[(TOMAHAWK, 1), (GAZA, 1), (OLD, 1)], [(TOMAHAWK, 1), (GAZA, 1), (LEANER, 2)]],
    "a new month": [[(TOMAHAWK, 1), (GAZA, 1), (OLD, 1)], [(TOMAHAWK, 1), (GAZA, 1), (OLD, 1), (NEW_MONTH, 1)]],
    "an article that no dossier shows": [
        [(TOMAHAWK, 1), (GAZA, 1), (OLD, 1)], [(TOMAHAWK, 1), (ONE_MORE, 2), (OLD, 1)]
    ],
    "a position told again": [
        [(TOMAHAWK, 1), (GAZA, 1), (OLD, 1), (NEW_MONTH, 1)], [(REPEATED, 2), (GAZA, 1), (OLD, 1), (NEW_MONTH, 1)]
    ],
    "a role changes": [
        [(TOMAHAWK, 1), (GAZA, 1), (OLD, 1), (NEW_MONTH, 1)],
        [(TOMAHAWK, 1), (GAZA, 1), (MINISTER, 2), (NEW_MONTH, 1)],
    ],
    "a new event in the newest year": [
        [(TOMAHAWK, 1), (GAZA, 1), (OLD, 1), (NEW_MONTH, 1)],
        [(TOMAHAWK, 1), (GAZA, 1), (OLD, 1), (NEW_MONTH, 1), (LATER, 1)],
    ],
    "a new year": [
        [(TOMAHAWK, 1), (GAZA, 1), (OLD, 1), (NEW_MONTH, 1), (LATER, 1)],
        [(TOMAHAWK, 1), (GAZA, 1), (OLD, 1), (NEW_MONTH, 1), (LATER, 1), (NEW_YEAR, 1)],
    ],
}


@pytest.fixture(scope="module")
def templates() -> render.Templates:
    return render.load_templates(TEMPLATES)


def publish_run(outputs: Path, templates: render.Templates, events: list[tuple[dict, int]]) -> site.SiteReport:
    for data, version in events:
        write_event(outputs, data, templates, version=version)
    kept = {data["id"] for data, _ in events}
    for folder in (outputs / "events").glob("*"):
        if folder.name not in kept:
            shutil.rmtree(folder)
    return site.publish(outputs, templates, {data["id"]: version for data, version in events}, named=NAMED)


def site_files(outputs: Path) -> dict[str, bytes]:
    """Every page of the site (not the briefings themselves) and the search bundles' file names."""
    files = [outputs / "index.html", outputs / "index.json", outputs / "search.html"]
    files += [*outputs.glob("months/*.html"), *outputs.glob("actors/**/*.html"), outputs / search.FOLDER / "bundles.js"]
    out = {str(p.relative_to(outputs)): p.read_bytes() for p in files if p.exists()}
    out |= {str(p.relative_to(outputs)): b"" for p in (outputs / search.FOLDER).glob("*/pagefind.js")}
    return out


def cold_build(outputs: Path, templates: render.Templates, target: Path) -> dict[str, bytes]:
    """The site built at once from the events `outputs` holds now."""
    shutil.copytree(outputs / "events", target / "events")
    versions = {p.name: 1 for p in (target / "events").glob("*")}
    with sqlite3.connect(outputs / "facts.sqlite") as conn:
        versions |= dict(conn.execute("SELECT id, version FROM events").fetchall())
    site.publish(target, templates, versions, named=NAMED)
    return site_files(target)


@pytest.mark.parametrize("runs", list(SEQUENCES.values()), ids=list(SEQUENCES))
def test_an_update_writes_what_a_cold_build_would(runs, templates, tmp_path):
    outputs = tmp_path / "updated"
    for events in runs:
        publish_run(outputs, templates, events)
    assert site_files(outputs) == cold_build(outputs, templates, tmp_path / "cold")


def test_an_article_that_no_dossier_shows_rewrites_its_month_only(templates, tmp_path):
    outputs = tmp_path / "updated"
    first, second = SEQUENCES["an article that no dossier shows"]
    publish_run(outputs, templates, first)
    report = publish_run(outputs, templates, second)
    assert (report.events, report.months, report.dossiers) == (1, ["2025-09"], 0)
    index = json.loads((outputs / "index.json").read_text(encoding="utf-8"))
    assert [e["articles"] for e in index["events"] if e["id"] == "ev-gaza"] == [3]


def test_a_position_told_again_rewrites_its_speakers_dossier_only(templates, tmp_path):
    outputs = tmp_path / "updated"
    first, second = SEQUENCES["a position told again"]
    publish_run(outputs, templates, first)
    assert publish_run(outputs, templates, second).dossiers == 1
    assert (outputs / "actors" / "donald-trump.html").read_text(encoding="utf-8").count("Other Wire") == 1


def test_a_run_with_nothing_new_writes_nothing(templates, tmp_path):
    outputs = tmp_path / "updated"
    runs = SEQUENCES["a new month"]
    for events in runs:
        publish_run(outputs, templates, events)
    site_paths = [outputs / "facts.sqlite", *(outputs / name for name in site_files(outputs))]
    before = {p: p.stat().st_mtime_ns for p in site_paths}
    report = site.publish(outputs, templates, {data["id"]: version for data, version in runs[-1]}, named=NAMED)
    assert report.events == 0 and report.dossiers == 0
    assert {p: p.stat().st_mtime_ns for p in site_paths} == before


@pytest.mark.parametrize(
    ("sequence", "kept", "own_page_shows", "period_page_shows"),
    [
        ("a role changes", True, "Minister", None),
        ("a new event in the newest year", True, "A later budget", None),
        ("a new year", True, "A new year", 'href="../../actors/jan-berg/2024.html"'),
    ],
)
def test_a_period_page_keeps_its_items_unless_they_change(sequence, kept, own_page_shows, period_page_shows, templates, tmp_path):
    """Jan Berg's 2023 page: a change of his newest period or of his roles is on his own
    page only; a new period gets his 2023 page the new list of periods, its items kept."""
    outputs = tmp_path / "updated"
    first, second = SEQUENCES[sequence]
    publish_run(outputs, templates, first)
    page = outputs / "actors" / "jan-berg" / "2023.html"
    assert dossiers._ITEMS_MARK in page.read_text(encoding="utf-8")
    page.write_text(page.read_text(encoding="utf-8").replace("Oslo", "Oslo (kept)"), encoding="utf-8")
    before = page.read_text(encoding="utf-8")
    publish_run(outputs, templates, second)
    text = page.read_text(encoding="utf-8")
    assert ("Oslo (kept)" in text) == kept
    assert own_page_shows in (outputs / "actors" / "jan-berg.html").read_text(encoding="utf-8")
    assert own_page_shows not in text
    assert (text == before) == (period_page_shows is None)
    assert period_page_shows is None or period_page_shows in text


def test_a_new_month_keeps_the_events_of_the_other_month_pages(templates, tmp_path):
    """Every month page lists the new month; those whose events link no actor that just got
    a dossier (Putin's 2025-10 does) keep their events as written."""
    outputs = tmp_path / "updated"
    first, second = SEQUENCES["a new month"]
    publish_run(outputs, templates, first)
    for page in (outputs / "months").glob("*.html"):
        page.write_bytes(page.read_bytes().replace(b'<table id="events">', b'<table id="events" data-kept>'))
    publish_run(outputs, templates, second)
    listed, kept = set(), set()
    for page in (outputs / "months").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        listed |= {page.stem} if 'href="../months/2023-05.html"' in text else set()
        kept |= {page.stem} if "data-kept" in text else set()
    assert (listed, kept) == ({"2023-05", "2024-02", "2025-09", "2025-10"}, {"2024-02", "2025-09"})


class Killed(Exception):
    pass


@pytest.mark.parametrize(
    ("module", "step"),
    [
        (pages, "write_index_and_months"), (dossiers, "write_dossiers"), (search, "start_bundles"),
        (search, "build_bundle"), (site, "sync_all"), (dossiers, "_read_chunk"),
    ],  # fmt: skip
)
def test_a_run_killed_after_saving_the_facts_is_finished_by_the_next(module, step, templates, tmp_path, monkeypatch):
    outputs = tmp_path / "updated"
    first, second = SEQUENCES["a new month"]
    publish_run(outputs, templates, first)

    def killed(*_, **__):
        raise Killed(step)

    with monkeypatch.context() as patch:
        patch.setattr(module, step, killed)
        with pytest.raises(Killed):
            publish_run(outputs, templates, second)
    with sqlite3.connect(outputs / "facts.sqlite") as conn:  # the facts were saved, the pages not all written
        assert conn.execute("SELECT COUNT(*) FROM events WHERE id = 'ev-may'").fetchone() == (1,)
        assert conn.execute("SELECT COUNT(*) FROM site_pending").fetchone()[0] > 0
    assert publish_run(outputs, templates, second).events == 0  # nothing new for the facts
    assert (outputs / "months" / "2023-05.html").exists()
    assert "Oslo" in (outputs / "actors" / "jan-berg" / "2023.html").read_text(encoding="utf-8")
    assert site_files(outputs) == cold_build(outputs, templates, tmp_path / "cold")
    with sqlite3.connect(outputs / "facts.sqlite") as conn:
        assert conn.execute("SELECT COUNT(*) FROM site_pending").fetchone() == (0,)


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        ({"a.html": "<p>a</p>", "sub/b.html": b"<p>b</p>"}, {"a.html": b"<p>a</p>", "sub/b.html": b"<p>b</p>"}),
        ({"c.html": lambda: "<p>made in the writer</p>"}, {"c.html": b"<p>made in the writer</p>"}),
        ({f"many/{i}.html": str(i) for i in range(300)}, {f"many/{i}.html": str(i).encode() for i in range(300)}),
    ],
    ids=["text and bytes", "a page made by a function", "more pages than the queue holds"],
)
def test_the_page_writer_writes_every_page_before_it_returns(pages, expected, tmp_path):
    with archive.page_writer(threads=4) as write:
        for name, page in pages.items():
            write(tmp_path / name, page)
    written = {str(p.relative_to(tmp_path)): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert written == expected


def test_the_page_writer_raises_the_error_of_a_page(tmp_path):
    def broken() -> str:
        raise Killed("no page")

    with pytest.raises(Killed, match="no page"), archive.page_writer() as write:
        write(tmp_path / "good.html", "fine")
        write(tmp_path / "bad.html", broken)
    assert (tmp_path / "good.html").read_text(encoding="utf-8") == "fine"
    assert not (tmp_path / "bad.html").exists()


@pytest.mark.parametrize(
    ("latest", "events", "positions"),
    [
        (1, ["ev-2026"], ["A new year"]),
        (2, ["ev-2026", "ev-later"], ["A new year", "A later budget"]),
        (50, ["ev-2026", "ev-later", "ev-old", "ev-may"], ["A new year", "A later budget", "A fair budget"]),
    ],
)
def test_a_dossier_page_shows_its_newest_period_and_the_latest_items(latest, events, positions, templates, tmp_path, monkeypatch):
    monkeypatch.setattr(dossiers, "DOSSIER_LATEST", latest)
    outputs = tmp_path / "archive"
    publish_run(outputs, templates, SEQUENCES["a new year"][-1])
    text = (outputs / "actors" / "jan-berg.html").read_text(encoding="utf-8")
    shown_events = re.findall(r"events/(ev-[a-z0-9-]+)/briefing", text.split('<table id="events">')[1].split("</table>")[0])
    assert shown_events == events
    assert [p for p in ("A new year", "A later budget", "A fair budget") if p in text] == positions


def test_a_facts_database_of_an_earlier_release_gets_the_event_dates_of_its_actors(templates, tmp_path):
    outputs = tmp_path / "archive"
    publish_run(outputs, templates, SEQUENCES["a new month"][-1])
    dates = "SELECT a.event_id, a.actor, a.month, a.first_published, a.last_published FROM event_actors a ORDER BY 1, 2"
    events = (
        "SELECT a.event_id, a.actor, e.month, e.first_published, e.last_published "
        "FROM event_actors a JOIN events e ON e.id = a.event_id ORDER BY 1, 2"
    )
    with sqlite3.connect(outputs / "facts.sqlite") as conn:
        assert conn.execute(dates).fetchall() == conn.execute(events).fetchall()
        conn.execute("DROP INDEX event_actors_history")
        for column in ("month", "first_published", "last_published"):
            conn.execute(f"ALTER TABLE event_actors DROP COLUMN {column}")
    before = site_files(outputs)
    assert site.publish(outputs, templates, {data["id"]: v for data, v in SEQUENCES["a new month"][-1]}, named=NAMED).events == 0
    with sqlite3.connect(outputs / "facts.sqlite") as conn:
        assert conn.execute(dates).fetchall() == conn.execute(events).fetchall()
        assert conn.execute("SELECT COUNT(*) FROM event_actors WHERE month IS NULL").fetchone() == (0,)
    assert site_files(outputs) == before


@pytest.mark.parametrize("runs", list(SEQUENCES.values()), ids=list(SEQUENCES))
def test_index_json_holds_every_entry_newest_first(runs, templates, tmp_path):
    outputs = tmp_path / "archive"
    publish_run(outputs, templates, runs[-1])
    with sqlite3.connect(outputs / "facts.sqlite") as conn:
        expected = [{k: v for k, v in e.items() if k != "actor_slugs"} for e in pages.entries(conn)]
    index = json.loads((outputs / "index.json").read_text(encoding="utf-8"))
    assert index == {"schema": "briefing-index/1", "events": expected}
    assert len(expected) == len(runs[-1])
