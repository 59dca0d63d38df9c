"""Runs on a schedule: incremental, crash-safe, one at a time (real model, real WeasyPrint, tiny inputs)."""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import logging
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

import jobs.extract
from jobs import archive, pipeline, render, state
from jobs.cli import app
from jobs.config import DEFAULT_MODEL, Config, project_root

ROOT = project_root()
MODEL = os.environ.get("BRIEFINGS_MODEL", DEFAULT_MODEL)
SAMPLES = ROOT / "data" / "samples" / "wikinews_2019.csv"


def sample_articles(start: int, count: int) -> list[dict[str, str]]:
    """Short articles of the bundled corpus (shortest first, so that tests stay quick)."""
    with SAMPLES.open(encoding="utf-8", newline="") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda r: (len(r["text"]), r["url"]))
    return [
        {
            "id": "wn-" + hashlib.sha1(r["url"].encode()).hexdigest()[:10],
            "title": r["title"],
            "text": r["text"],
            "published": r["date"],
            "url": r["url"],
            "source": "Wikinews",
        }
        for r in rows[start : start + count]
    ]


def write_jsonl(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def make_config(outputs: Path, **overrides: object) -> Config:
    config = Config(
        inputs=(),
        outputs=outputs,
        model=MODEL,
        templates=ROOT / "templates",
        n_process=1,
        render_workers=1,
    )
    return config.with_overrides(**overrides)


def snapshot(outputs: Path) -> dict[str, tuple[int, str]]:
    """Every file under the archive with its mtime and content hash."""
    return {
        str(p.relative_to(outputs)): (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
        for p in sorted(outputs.rglob("*"))
        if p.is_file()
    }


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(0.02)


def comparable(outputs: Path) -> dict[str, dict]:
    """Each event.json by event id, without the time stamp that differs between runs."""
    out = {}
    for path in sorted((outputs / "events").glob("*/event.json")):
        data = json.loads(path.read_text("utf-8"))
        data.pop("updated")
        out[data["id"]] = data
    return out


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> tuple[Path, Path]:
    """(archive, input) of one uninterrupted run over 12 short articles."""
    base = tmp_path_factory.mktemp("reference")
    source = write_jsonl(base / "articles.jsonl", sample_articles(20, 12))
    report = pipeline.run(make_config(base / "outputs"), inputs=[source], send=False)
    assert report.articles_new == 12 and len(report.rendered) == report.events_total > 0
    return base / "outputs", source


@pytest.fixture
def archive_copy(reference, tmp_path) -> tuple[Path, Path]:
    outputs, source = reference
    copy = tmp_path / "outputs"
    shutil.copytree(outputs, copy)  # copy2 keeps mtimes, so a snapshot of the copy is comparable
    return copy, source


@pytest.fixture
def no_model(monkeypatch):
    """Fail the test if the run loads the model or renders a PDF."""

    def refuse(*_, **__):
        raise AssertionError("a run with nothing new must not load the model or render")

    monkeypatch.setattr("jobs.nlp.load_model", refuse)
    monkeypatch.setattr(render, "render_pdfs", refuse)


# --- incremental --------------------------------------------------------------


def test_a_run_with_nothing_new_writes_only_its_report(archive_copy, no_model):
    outputs, source = archive_copy
    before = snapshot(outputs)
    started = time.perf_counter()
    report = pipeline.run(make_config(outputs), inputs=[source], send=False)
    seconds = time.perf_counter() - started
    after = snapshot(outputs)
    assert set(after) - set(before) == {f"runs/{report.run_id}.json"}
    assert {k: after[k] for k in before} == before
    assert (report.files_unchanged, report.files_read, report.articles_new, report.extracted) == (1, 0, 0, 0)
    assert (report.events_new, report.events_updated, report.rendered) == ([], [], [])
    assert seconds < 10, f"a run with nothing new took {seconds:.1f}s"


def test_new_input_parses_only_its_new_articles_and_touches_only_their_event(archive_copy, monkeypatch):
    outputs, source = archive_copy
    known = sample_articles(20, 12)
    fresh = sample_articles(60, 1)[0]
    copy_of_known = {**known[3], "id": "another-id-same-text"}
    second = write_jsonl(outputs.parent / "more.jsonl", [fresh, copy_of_known, fresh])
    parsed: list[str] = []
    real_extract = jobs.extract.extract

    def counting_extract(doc, article):
        parsed.append(article.id)
        return real_extract(doc, article)

    monkeypatch.setattr(jobs.extract, "extract", counting_extract)
    before = snapshot(outputs)
    report = pipeline.run(make_config(outputs), inputs=[source, second], send=False)
    # The copy of a known text under another id is kept, and its facts come from the known text's.
    assert parsed == [fresh["id"]]
    counts = (report.files_unchanged, report.files_read, report.articles_new, report.duplicates, report.copies)
    assert counts == (1, 1, 2, 1, 1)
    changed_events = report.events_new + report.events_updated
    assert len(changed_events) == 2 and sorted(report.rendered) == sorted(changed_events)
    after = snapshot(outputs)
    untouched = {k: v for k, v in before.items() if k.startswith("events/") and not any(e in k for e in changed_events)}
    assert {k: after[k] for k in untouched} == untouched
    assert after["index.json"] != before["index.json"]
    listed = {a.id: a for e in changed_events for a in archive.read_event(outputs, e).articles}
    assert fresh["id"] in listed
    assert listed["another-id-same-text"].duplicate_of == known[3]["id"]
    assert known[3]["id"] in listed
    for event_id in changed_events:
        assert len(PdfReader(outputs / "events" / event_id / "briefing.pdf").pages) >= 1
    with sqlite3.connect(outputs / state.STATE_NAME) as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 14


def test_a_new_extractor_version_extracts_again_without_new_briefing_versions(archive_copy, monkeypatch):
    outputs, source = archive_copy
    released = pipeline.EXTRACTOR_VERSION
    monkeypatch.setattr(pipeline, "EXTRACTOR_VERSION", "next-release")
    report = pipeline.run(make_config(outputs), inputs=[source], send=False)
    assert report.extracted == 12
    assert report.events_updated == [] and report.rendered == []
    conn = state.connect(outputs)
    try:
        assert {b.extractor for b in state.briefings(conn).values()} == {"next-release"}
        assert {b.version for b in state.briefings(conn).values()} == {1}
        versions = dict(conn.execute("SELECT version, COUNT(*) FROM facts GROUP BY version"))
    finally:
        conn.close()
    assert versions == {released: 12, "next-release": 12}
    again = pipeline.run(make_config(outputs), inputs=[source], send=False)
    assert again.extracted == 0


# --- crash safety -------------------------------------------------------------


def cli(*args: str, cwd: Path) -> subprocess.Popen:
    # A session of its own, so that whatever the killed run left running can be ended with it.
    return subprocess.Popen(
        [sys.executable, "-m", "jobs", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def end_session(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


@pytest.mark.parametrize(
    ("appears", "delay"),
    [
        ("state.sqlite", 1.0),  # while ingesting or extracting
        ("events/*/event.json", 0.0),  # while writing the events
        ("events/*/briefing.pdf", 0.0),  # while rendering
    ],
)
def test_a_run_killed_at_any_moment_is_completed_by_the_next(reference, tmp_path, appears, delay):
    reference_outputs, source = reference
    outputs = tmp_path / "outputs"
    killed = cli("run", str(source), "--outputs", str(outputs), "--no-send", cwd=tmp_path)
    try:
        wait_for(lambda: any(outputs.glob(appears)) or killed.poll() is not None, 180, appears)
        time.sleep(delay)
        assert killed.poll() is None, "the run finished before it could be killed"
        killed.send_signal(signal.SIGKILL)
        killed.wait(30)
        again = cli("run", str(source), "--outputs", str(outputs), "--no-send", cwd=tmp_path)
        _, stderr = again.communicate(timeout=300)
        assert again.returncode == 0, stderr.decode()
    finally:
        end_session(killed)

    assert comparable(outputs) == comparable(reference_outputs)
    for pdf in outputs.glob("events/**/*.pdf"):
        assert len(PdfReader(pdf).pages) >= 1, pdf
    assert not [p for p in outputs.rglob("*") if p.name.endswith(archive.TEMP_SUFFIX)]
    with sqlite3.connect(outputs / state.STATE_NAME) as conn:
        assert conn.execute("SELECT COUNT(*), COUNT(DISTINCT id) FROM articles").fetchone() == (12, 12)
        members = conn.execute("SELECT COUNT(*), COUNT(DISTINCT article_id) FROM grouping_members").fetchone()
        assert members == (12, 12)
        assert conn.execute("SELECT COUNT(*) FROM briefings WHERE rendered = 0").fetchone()[0] == 0


def test_temporary_files_of_a_killed_run_are_swept(archive_copy, no_model):
    outputs, source = archive_copy
    event_folder = next((outputs / "events").iterdir())
    leftovers = [event_folder / ".briefing.pdf.k1l2.tmp", outputs / ".index.json.x9y8.tmp"]
    for path in leftovers:
        path.write_bytes(b"%PDF-1.7 half")
    before = snapshot(outputs)
    pipeline.run(make_config(outputs), inputs=[source], send=False)
    assert not any(p.exists() for p in leftovers)
    after = snapshot(outputs)
    assert {k: v for k, v in before.items() if not k.endswith(".tmp")} == {
        k: after[k] for k in before if not k.endswith(".tmp")
    }


# --- one run at a time --------------------------------------------------------

HOLD_LOCK = """
import sys, time
from pathlib import Path
from jobs.archive import ArchiveLock
with ArchiveLock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(600)
"""


def test_a_second_run_exits_75_and_touches_nothing_until_the_holder_dies(archive_copy):
    outputs, source = archive_copy
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(outputs)],
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert holder.stdout.readline().strip() == b"locked"
        before = snapshot(outputs)
        runner = CliRunner()
        for args in (["run", str(source)], ["send"], ["send", "--dry-run"]):
            result = runner.invoke(app, [*args, "--outputs", str(outputs)])
            assert result.exit_code == 75, (args, result.output)
            assert "another run holds the archive lock" in result.output
        assert snapshot(outputs) == before
    finally:
        holder.kill()  # like kill -9: the holder never releases the lock itself
        holder.wait()
    result = CliRunner().invoke(app, ["run", str(source), "--outputs", str(outputs), "--no-send"])
    assert result.exit_code == 0, result.output


FORK_AND_DIE = """
import os, signal, sys, time
from pathlib import Path
from jobs.archive import ArchiveLock
ArchiveLock(Path(sys.argv[1])).__enter__()
child = os.fork()
if child == 0:
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)  # let the caller's pipe close while this worker lives on
    os.dup2(null, 2)
    time.sleep(30)
    os._exit(0)
print(child, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_worker_outliving_a_killed_run_does_not_hold_the_lock(tmp_path):
    dying = subprocess.run(
        [sys.executable, "-c", FORK_AND_DIE, str(tmp_path)],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )
    orphan = int(dying.stdout.strip())
    try:
        os.kill(orphan, 0)  # the forked worker is still alive...
        with archive.ArchiveLock(tmp_path):  # ...and yet the next run gets the lock
            pass
    finally:
        os.kill(orphan, signal.SIGKILL)


# --- operation ----------------------------------------------------------------


def test_each_run_writes_a_report_and_prints_one_summary_line(archive_copy):
    outputs, source = archive_copy
    result = CliRunner().invoke(app, ["run", str(source), "--outputs", str(outputs), "--quiet"])
    assert result.exit_code == 0, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("run ") and lines[0].endswith("exit 0")
    run_id = lines[0].split()[1].rstrip(":")
    data = json.loads((outputs / "runs" / f"{run_id}.json").read_text("utf-8"))
    assert data["run_id"] == run_id and data["exit_status"] == 0 and data["finished"]
    assert data["inputs"] == [str(source)] and data["files_unchanged"] == 1
    assert set(data["timings"]) == {"ingest", "extract", "group", "aggregate", "render", "deliver"}


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("total", "lines"), [(5, 1), (25, 3), (1000, 10)])
def test_progress_is_plain_log_lines_without_a_terminal(monkeypatch, caplog, total, lines):
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    caplog.set_level(logging.INFO, logger="briefings")
    assert list(pipeline.progress(range(total), total=total, desc="analysing")) == list(range(total))
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == lines and messages[-1] == f"analysing: {total}/{total}"


def test_progress_is_a_bar_on_a_terminal(monkeypatch, caplog):
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    caplog.set_level(logging.INFO, logger="briefings")
    assert list(pipeline.progress(range(50), total=50, desc="analysing")) == list(range(50))
    assert "analysing:" in terminal.getvalue() and "/50 [" in terminal.getvalue()  # tqdm's bar
    assert caplog.records == []
