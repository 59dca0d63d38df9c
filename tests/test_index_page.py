"""The archive's index: index.json, and index.html filtering in a real headless Chromium."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from jobs import render

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def entry(i: int, title: str, actors: list[str], last: str, *, pdf: str | None = "x.pdf") -> dict:
    return {
        "id": f"evt-{i}",
        "title": title,
        "first_published": "2025-01-01",
        "last_published": last,
        "updated": f"{last}T06:00:00Z",
        "version": 1 + i % 3,
        "articles": 2 + i,
        "top_actors": actors,
        "pdf": None if pdf is None else f"events/evt-{i}/briefing.pdf",
        "html": f"events/evt-{i}/briefing.html",
        "merged_ids": [],
    }


ENTRIES = [
    entry(1, "Harbour talks resume in Vienna", ["Maria Kovacs", "Jan Berg"], "2025-03-05"),
    entry(2, "Floods force thousands from homes", ["Army", "Ana Lima"], "2025-03-07", pdf=None),
    entry(3, "Budget passes after long debate", ["Jan Berg", "Parliament"], "2025-02-01"),
    entry(4, "Evil </script><script>window.pwned=1</script> <!-- title", ["Mallory & Co"], "2025-01-15"),
]


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    outputs = tmp_path_factory.mktemp("outputs")
    render.write_index(outputs, ENTRIES, render.load_templates(TEMPLATES))
    return outputs


def test_index_json_lists_events_newest_first(archive):
    data = json.loads((archive / "index.json").read_text(encoding="utf-8"))
    assert data["schema"] == "briefing-index/1"
    assert [e["id"] for e in data["events"]] == ["evt-2", "evt-1", "evt-3", "evt-4"]
    assert data["events"][0] == ENTRIES[1]


def test_index_html_embeds_the_entries_safely(archive):
    page = (archive / "index.html").read_text(encoding="utf-8")
    embedded = re.search(r'<script type="application/json" id="index-data">(.*?)</script>', page, re.S)
    assert embedded is not None
    assert [e["id"] for e in json.loads(embedded.group(1))] == ["evt-2", "evt-1", "evt-3", "evt-4"]
    assert "<script>window.pwned" not in page
    assert page.count("<script") == 2


@pytest.mark.parametrize("link", ["javascript:alert(1)", "https://example.org/x", "/etc/passwd", "../../x.pdf"])
def test_index_links_stay_inside_the_archive(tmp_path, link):
    bad = {**ENTRIES[0], "html": link, "pdf": link}
    render.write_index(tmp_path, [bad], render.load_templates(TEMPLATES))
    assert f'href="{link}"' not in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_an_empty_archive_gets_a_valid_index(tmp_path):
    render.write_index(tmp_path, [], render.load_templates(TEMPLATES))
    assert json.loads((tmp_path / "index.json").read_text())["events"] == []
    assert "0 events" in (tmp_path / "index.html").read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html", "index.json"]


def _chromium() -> tuple[str, str]:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not browser or not driver:
        pytest.skip("Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)")
    return browser, driver


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    binary, driver_path = _chromium()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1200,800",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def visible_titles(driver) -> list[str]:
    from selenium.webdriver.common.by import By

    rows = driver.find_elements(By.CSS_SELECTOR, "#events tbody tr")
    return [r.find_element(By.CSS_SELECTOR, ".title").text for r in rows if r.is_displayed()]


def test_filter_in_a_real_browser(browser, archive, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get((archive / "index.html").as_uri())
    assert browser.execute_script("return window.pwned === undefined")
    assert len(visible_titles(browser)) == 4
    assert visible_titles(browser)[0] == "Floods force thousands from homes"
    assert browser.find_element(By.ID, "count").text == "4 of 4 shown"

    box = browser.find_element(By.ID, "filter")
    box.send_keys("harbour")
    assert visible_titles(browser) == ["Harbour talks resume in Vienna"]

    box.clear()
    box.send_keys("jan berg")  # an actor's name, not in any title
    assert visible_titles(browser) == ["Harbour talks resume in Vienna", "Budget passes after long debate"]
    assert browser.find_element(By.ID, "count").text == "2 of 4 shown"
    browser.save_screenshot(str(tmp_path / "index-filtered.png"))

    box.clear()
    box.send_keys("nothing-matches-this")
    assert visible_titles(browser) == []
    assert browser.find_element(By.ID, "empty").is_displayed()

    box.clear()
    box.send_keys(" ")  # whitespace filters nothing out
    Select(browser.find_element(By.ID, "actor")).select_by_visible_text("Ana Lima")
    assert visible_titles(browser) == ["Floods force thousands from homes"]


def test_links_point_at_the_briefings(browser, archive):
    from selenium.webdriver.common.by import By

    browser.get((archive / "index.html").as_uri())
    links = {a.text: a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "tr[data-id='evt-1'] a")}
    assert links["PDF"] == (archive / "events/evt-1/briefing.pdf").as_uri()
    assert links["HTML"] == (archive / "events/evt-1/briefing.html").as_uri()
    assert [a.text for a in browser.find_elements(By.CSS_SELECTOR, "tr[data-id='evt-2'] a")] == ["HTML"]
