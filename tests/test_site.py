"""The browsable archive: actor identity, facts.sqlite, dossiers, month pages, Pagefind search
(in a real headless Chromium over HTTP) and `briefings serve` (Datasette's JSON API)."""

from __future__ import annotations

import functools
import json
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from jobs import render, site
from jobs.models import event_from_json
from jobs.site import dossiers
from jobs.site.names import name_key, slug
from tests.test_index_page import browser  # noqa: F401 - the shared headless Chromium fixture

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (("Donald Trump", "person"), ("Donald J. Trump", "person"), True),
        (("President Donald Trump", "person"), ("Donald Trump", "person"), True),
        (("Secretary of State Marco Rubio", "person"), ("Marco Rubio", "person"), True),
        (("Martin Luther King Jr.", "person"), ("Martin Luther King", "person"), True),
        (("The Kremlin", "organization"), ("Kremlin", "organization"), True),
        (("Bill Clinton", "person"), ("Hillary Clinton", "person"), False),
        (("Georgia", "place"), ("Georgia", "organization"), False),
    ],
)
def test_one_actor_across_events_by_full_name_and_type(a, b, same):
    assert (name_key(*a) == name_key(*b)) is same


@pytest.mark.parametrize("name", ["Clinton", "Mr. Putin", "President Trump", "J.", ""])
def test_a_bare_surname_links_nothing(name):
    assert name_key(name, "person") is None


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("Donald J. Trump", "person", "donald-trump"),
        ("NATO", "organization", "nato--organization"),
        ("../../etc/passwd x", "organization", "etc-passwd-x--organization"),
        ("Владимир Путин", "person", re.compile(r"^actor-[0-9a-f]{10}$")),
        ("A " * 100 + "Z", "group", re.compile(r"^[a-z-]{70,80}-[0-9a-f]{10}--group$")),
    ],
)
def test_slugs_are_safe_file_names(name, kind, expected):
    stem = slug(name_key(name, kind) or "")
    assert re.fullmatch(r"[a-z0-9-]+", stem)
    assert stem == expected if isinstance(expected, str) else expected.match(stem)


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ({}, []),
        ({"2025-01": 5, "2024-12": 3, "2024-02": 1}, ["2025", "2024"]),
        ({"2025-01": 5, "2025-02": 900, "2024-12": 3}, ["2025-02", "2025-01", "2024"]),
    ],
)
def test_dossier_periods_are_years_or_months_of_full_years(counts, expected):
    assert dossiers.year_periods(counts) == expected


# --- a small archive --------------------------------------------------------------


def article(aid: str, published: str, source: str = "Wire") -> dict:
    return {"id": aid, "title": f"Report {aid}", "source": source, "url": f"https://example.org/{aid}", "published": published}


def actor(name: str, kind: str = "person", role: str | None = None) -> dict:
    return {"name": name, "type": kind, "role": role, "aliases": [], "mentions": 3, "salience": 0.5}


def position(speaker: str, text: str, aid: str, topic: str | None = None) -> dict:
    evidence = {"article_id": aid, "start": 10, "end": 10 + len(text), "speaker_start": 0, "speaker_end": 5}
    return {"speaker": speaker, "text": text, "kind": "direct", "cue": "said", "evidence": evidence, "topic": topic}


def meeting(participants: list[str], aid: str, date: str | None) -> dict:
    evidence = [{"article_id": aid, "text": "they met", "start": 0, "end": 8}]
    return {"participants": participants, "kind": "meeting", "location": "Geneva", "date": date, "date_text": None,
            "status": "held", "evidence": evidence, "status_history": [{"status": "planned", "article_id": aid, "published": date}]}  # fmt: skip


EVENTS = [
    {
        "id": "ev-tomahawk", "title": "Tomahawk missiles debated", "summary": ["Washington weighs missiles."],
        "articles": [article("a1", "2025-10-12")],
        "actors": [actor("Donald J. Trump", role="US President"), actor("Clinton"), actor("Vladimir Putin")],
        "meetings": [meeting(["Donald J. Trump", "Vladimir Putin"], "a1", "2025-10")],
        "positions": [position("Donald J. Trump", "We may send Tomahawks, zanzibarite included", "a1", "Tomahawks"),
                      position("Clinton", "Not now", "a1")],
    },
    {
        "id": "ev-gaza", "title": "Ceasefire <b>holds</b>", "summary": ["A truce holds."],
        "articles": [article("a2", "2025-09-03"), article("a3", "2025-09-04", "Daily <Echo>")],
        "actors": [actor("Donald Trump"), actor("Clinton"), actor("Hamas", "organization")],
        "meetings": [],
        "positions": [position("Donald Trump", "Peace is <script>alert(1)</script> near", "a3", "Gaza")],
    },
    {
        "id": "ev-old", "title": "Budget passes", "summary": ["Parliament votes."],
        "articles": [article("a4", "2024-02-01")],
        "actors": [actor("Jan Berg"), actor("Parliament", "organization")],
        "meetings": [], "positions": [position("Jan Berg", "A fair budget", "a4")],
    },
]  # fmt: skip


def write_event(outputs: Path, data: dict, templates: render.Templates, version: int = 1) -> None:
    folder = outputs / "events" / data["id"]
    folder.mkdir(parents=True, exist_ok=True)
    data = {"schema": "briefing-event/2", "merged_ids": [], "version": version, "updated": "2025-10-13T06:00:00Z", **data}
    (folder / "event.json").write_text(json.dumps(data), encoding="utf-8")
    event = event_from_json({**data, "meetings": [{k: v for k, v in m.items() if k != "status_history"} for m in data["meetings"]]})
    links = site.actor_links(outputs, event)
    (folder / "briefing.html").write_text(render.render_html(templates, event, articles={}, for_pdf=False, links=links))


@pytest.fixture(scope="module")
def templates() -> render.Templates:
    return render.load_templates(TEMPLATES)


@pytest.fixture(scope="module")
def archive(tmp_path_factory, templates) -> Path:
    """The events arrive one run after another, as an hourly job would see them."""
    outputs = tmp_path_factory.mktemp("site")
    for i, data in enumerate(EVENTS):
        write_event(outputs, data, templates)
        site.publish(outputs, templates, {e["id"]: 1 for e in EVENTS[: i + 1]}, named=["Jan Berg"])
    return outputs


def query(outputs: Path, sql: str, params: tuple = ()) -> list[tuple]:
    with sqlite3.connect(outputs / "facts.sqlite") as conn:
        return conn.execute(sql, params).fetchall()


def test_facts_database_tables(archive):
    assert query(archive, "SELECT id, month FROM events ORDER BY id") == [
        ("ev-gaza", "2025-09"), ("ev-old", "2024-02"), ("ev-tomahawk", "2025-10")
    ]  # fmt: skip
    assert query(archive, "SELECT slug, events, first_seen, last_seen FROM actors WHERE slug = 'donald-trump'") == [
        ("donald-trump", 2, "2025-09-03", "2025-10-12")
    ]
    assert query(archive, "SELECT COUNT(*) FROM actors WHERE name = 'Clinton'") == [(0,)]
    assert query(archive, "SELECT event_id, published FROM positions WHERE actor = ? ORDER BY published", ("donald-trump",)) == [
        ("ev-gaza", "2025-09-04"), ("ev-tomahawk", "2025-10-12")
    ]  # fmt: skip
    assert query(archive, "SELECT name FROM meeting_participants JOIN meetings m ON m.id = meeting_id WHERE m.date = '2025-10'") == [
        ("Donald J. Trump",), ("Vladimir Putin",)
    ]  # fmt: skip
    hits = "SELECT p.event_id FROM positions_fts f JOIN positions p ON p.id = f.rowid WHERE positions_fts MATCH ?"
    assert query(archive, hits, ("tomahawks",)) == [("ev-tomahawk",)]
    assert query(archive, "SELECT id FROM events_fts JOIN events ON events.rowid = events_fts.rowid WHERE events_fts MATCH 'ceasefire'") == [("ev-gaza",)]


def test_a_run_updates_only_changed_events(archive, templates, tmp_path):
    outputs = tmp_path / "copy"
    import shutil

    shutil.copytree(archive, outputs)
    changed = {**EVENTS[2], "positions": [position("Jan Berg", "A leaner budget", "a4")]}
    write_event(outputs, changed, templates, version=2)
    report = site.publish(outputs, templates, {"ev-tomahawk": 1, "ev-old": 2}, named=["Jan Berg"])
    assert report.events == 2 and report.months == ["2024-02", "2025-09"]  # ev-old rewritten, ev-gaza gone
    assert query(outputs, "SELECT text FROM positions WHERE event_id = 'ev-old'") == [("A leaner budget",)]
    assert query(outputs, "SELECT COUNT(*) FROM positions WHERE event_id = 'ev-gaza'") == [(0,)]
    assert query(outputs, "SELECT COUNT(*) FROM positions_fts WHERE positions_fts MATCH 'peace'") == [(0,)]
    assert not (outputs / "actors" / "donald-trump.html").exists()  # now in one event only
    assert not (outputs / "months" / "2025-09.html").exists()
    assert not (outputs / "pagefind" / "2025-09").exists()
    assert site.publish(outputs, templates, {"ev-tomahawk": 1, "ev-old": 2}, named=["Jan Berg"]).events == 0


def test_dossiers_only_for_actors_in_two_events_or_subscribed(archive):
    names = sorted(p.name for p in (archive / "actors").glob("*.html"))
    assert names == ["donald-trump.html", "jan-berg.html"]


def test_pages_escape_article_text(archive):
    for page in [archive / "actors" / "donald-trump.html", archive / "months" / "2025-09.html", archive / "index.html"]:
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<b>holds" not in text and "<Echo>" not in text


def test_briefings_link_actors_with_dossiers(archive):
    page = (archive / "events" / "ev-gaza" / "briefing.html").read_text(encoding="utf-8")
    assert 'href="../../actors/donald-trump.html"' in page  # Trump was seen in the other event
    assert 'action="../../search.html"' in page
    index = (archive / "index.html").read_text(encoding="utf-8")
    assert 'href="actors/donald-trump.html"' in index and 'href="months/2025-10.html"' in index


@pytest.fixture(scope="module")
def http_archive(archive):
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(archive))
    handler.log_message = lambda *_: None  # type: ignore[attr-defined]
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _wait_for(driver, css: str, timeout: float = 20.0) -> list:
    from selenium.webdriver.common.by import By

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = driver.find_elements(By.CSS_SELECTOR, css)
        if found:
            return found
        time.sleep(0.2)
    return []


@pytest.mark.browser
def test_search_finds_a_word_only_in_one_briefing_body(browser, http_archive):  # noqa: F811
    browser.get(f"{http_archive}/search.html?q=zanzibarite")
    results = _wait_for(browser, ".pagefind-ui__result")
    assert len(results) == 1
    link = results[0].find_element("css selector", "a")
    assert link.get_attribute("href") == f"{http_archive}/events/ev-tomahawk/briefing.html"
    assert "zanzibarite" in results[0].find_element("css selector", "mark").text.lower()
    assert "Tomahawks" in results[0].text


@pytest.mark.browser
def test_dossier_lists_positions_from_two_events(browser, archive):  # noqa: F811
    from selenium.webdriver.common.by import By

    browser.get((archive / "actors" / "donald-trump.html").as_uri())
    assert browser.find_element(By.ID, "actor-name").text == "Donald J. Trump"
    rows = browser.find_elements(By.CSS_SELECTOR, "#positions tbody tr")
    assert [r.find_elements(By.TAG_NAME, "td")[0].text for r in rows] == ["2025-10-12", "2025-09-04"]
    assert "Peace is <script>alert(1)</script> near" in rows[1].text
    meeting = browser.find_element(By.CSS_SELECTOR, "#meetings tbody tr").text
    assert "Vladimir Putin" in meeting and "Geneva" in meeting and "held" in meeting
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "#events a")]
    assert links == [(archive / "events" / e / "briefing.html").as_uri() for e in ("ev-tomahawk", "ev-gaza")]


@pytest.mark.browser
def test_index_links_month_pages_whose_filter_works(browser, archive):  # noqa: F811
    from selenium.webdriver.common.by import By

    browser.get((archive / "index.html").as_uri())
    months = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "#months a")]
    assert months == ["2025-10", "2025-09", "2024-02"]
    browser.find_element(By.LINK_TEXT, "2025-09").click()
    assert browser.current_url == (archive / "months" / "2025-09.html").as_uri()
    rows = [r for r in browser.find_elements(By.CSS_SELECTOR, "#events tbody tr") if r.is_displayed()]
    assert [r.get_attribute("data-id") for r in rows] == ["ev-gaza"]
    browser.find_element(By.ID, "filter").send_keys("nothing-matches")
    assert browser.find_element(By.ID, "empty").is_displayed()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_gives_positions_of_one_speaker_as_json(archive):
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "jobs", "serve", "--outputs", str(archive), "--port", str(port)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/facts/positions.json?actor=donald-trump&_shape=array&_sort=published"
    try:
        body = None
        for _ in range(100):
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    body = json.loads(response.read())
                break
            except OSError:
                time.sleep(0.2)
        assert body is not None, "briefings serve did not answer"
        assert [(p["event_id"], p["speaker"]) for p in body] == [("ev-gaza", "Donald Trump"), ("ev-tomahawk", "Donald J. Trump")]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/archive/actors/donald-trump.html", timeout=5) as response:
            assert b"Donald J. Trump" in response.read()
    finally:
        server.terminate()
        server.wait(timeout=10)
