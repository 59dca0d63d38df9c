"""Nothing a bad input or a damaged archive can do stops the schedule or loses a briefing.

The fast half (no model): each kind of hostile input against ingest, the terminal
views, the archive's file modes, the template check, the state check and the mail
deadlines. Whole runs over the same inputs are in tests/test_repair.py.

| input or damage                                   | expected                                               |
|---------------------------------------------------|--------------------------------------------------------|
| {"title": "\\ud800", "text": "a b c"}              | read, title repaired, run report line (repaired)       |
| a file named b"caf\\xe9.jsonl"                     | read as any other, name stored as "caf\\\\xe9.jsonl"     |
| a JSONL line nested 100,000 deep                  | that line reported, the lines around it read           |
| a page nested 5,000 elements deep                 | its text read, run report line (repaired)              |
| a folder without search permission (non-root)     | reported, the rest read                                |
| a FIFO, a socket, a broken link                   | each reported, the rest read                           |
| the archive inside an input folder                | never read, one line (excluded)                        |
| state.sqlite missing/empty/truncated/foreign/newer| run exits 65 naming `briefings repair`, nothing done   |
| the first release's state.sqlite                  | migrated, not refused                                  |
| a template with a missing include / bad field     | run exits 2 before any work                            |
| control characters in article text               | `list`/`show` print them escaped                       |
| umask 022 / 077                                   | archive files 0644 / 0600                              |
| a mail server that drips a byte a second          | the message fails at its deadline                      |
| a recipient refused with 5xx                      | given up as failed after 5 tries, not retried for ever |
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jobs import archive, delivery, ingest, pipeline, preflight, state
from jobs.cli import app
from jobs.config import MailConfig, project_root
from jobs.delivery import ledger as delivery_log
from jobs.delivery.mail import DeliveryFailed, SmtpMailer
from jobs.views import format_entry, format_event, safe
from tests.test_delivery import event, hand_archive, publish, statuses  # noqa: F401
from tests.test_mail import free_port, make_pdf  # noqa: F401

ROOT = project_root()
NOBODY = 65534


def jsonl_bytes(*records: str) -> bytes:
    return "".join(r + "\n" for r in records).encode("utf-8")


# --- ingest: (file name, content) -> (ids kept, the one report line) -------------------

DEEP = "[" * 100_000 + "]" * 100_000
DEEP_PAGE = (
    "<html><head><title>Bridge</title></head><body>" + "<div>" * 5000
    + "<p>The mayor of Oslo opened a bridge on Friday, officials said.</p>" + "</div>" * 5000 + "</body></html>"
)
INGEST_CASES = [
    (
        "surrogate.jsonl",
        jsonl_bytes('{"id": "s1", "title": "\\ud800", "text": "a b c"}', '{"id": "s2", "text": "d e f"}'),
        ["s1", "s2"],
        (1, "lone UTF-16 surrogate in title; replaced by U+FFFD", "repaired"),
    ),
    (
        "extra.jsonl",
        jsonl_bytes('{"id": "s3", "text": "a \\udc00 b", "note": ["x\\udbff"]}'),
        ["s3"],
        (1, "lone UTF-16 surrogate in note, text; replaced by U+FFFD", "repaired"),
    ),
    (
        "deep.jsonl",
        jsonl_bytes('{"id": "d1", "text": "a b c"}', DEEP, '{"id": "d3", "text": "d e f"}'),
        ["d1", "d3"],
        (2, ingest._TOO_DEEP, "skipped"),
    ),
    ("deep.json", DEEP.encode(), [], (None, ingest._TOO_DEEP, "skipped")),
    (
        "deep.html",
        DEEP_PAGE.encode(),
        ["deep"],
        (None, "page nested too deeply for the HTML parser; its text was read without markup", "repaired"),
    ),
]


@pytest.mark.parametrize(("name", "content", "kept", "line"), INGEST_CASES, ids=[c[0] for c in INGEST_CASES])
def test_hostile_records_are_repaired_or_skipped_and_the_rest_is_stored(tmp_path, name, content, kept, line):
    path = tmp_path / name
    path.write_bytes(content)
    articles, problems = ingest.read_file(path)
    assert [a.id for a in articles] == kept
    assert [(p.line, p.reason, p.action) for p in problems] == [line]
    conn = state.connect(tmp_path)  # what crashed: storing the repaired article
    with state.transaction(conn):
        state.add_articles(conn, articles, "r")
    assert sorted(state.known_articles(conn)) == sorted(kept)
    if kept and name.endswith(".html"):
        assert articles[0].text == "The mayor of Oslo opened a bridge on Friday, officials said."


def test_a_file_name_that_is_not_utf8_is_read_and_stored_with_escapes(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    raw = os.fsencode(folder) + b"/caf\xe9.jsonl"
    with open(raw, "wb") as handle:
        handle.write(jsonl_bytes('{"id": "cafe", "text": "The cafe opened on Monday."}'))
    files, problems = ingest.list_inputs([folder])
    assert problems == [] and len(files) == 1
    articles, problems = ingest.read_file(files[0])
    assert problems == []
    assert articles[0].origin == f"{folder}/caf\\xe9.jsonl:1"
    conn = state.connect(tmp_path)
    with state.transaction(conn):
        state.add_articles(conn, articles, "r")
        state.record_input(conn, "sha", ingest.shown(files[0]), 1, "r")
    assert json.dumps(articles[0].to_dict(), ensure_ascii=False).encode("utf-8")


# --- listing: what is not a readable file is reported -------------------------------


def special_files(folder: Path) -> list[tuple[str, str]]:
    os.mkfifo(folder / "pipe.jsonl")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "sock.jsonl"))
    server.close()
    (folder / "gone.jsonl").symlink_to(folder / "nowhere.jsonl")
    return [
        ("gone.jsonl", "broken link"),
        ("pipe.jsonl", "a named pipe (FIFO), not a file"),
        ("sock.jsonl", "a socket, not a file"),
    ]


def test_pipes_sockets_and_broken_links_are_reported(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.jsonl").write_bytes(jsonl_bytes('{"text": "a b c"}'))
    expected = special_files(folder)
    files, problems = ingest.list_inputs([folder])
    assert files == [folder / "good.jsonl"]
    assert sorted((Path(p.file).name, p.reason) for p in problems) == expected


def test_the_archive_inside_an_input_folder_is_never_read(tmp_path):
    folder = tmp_path / "in"
    (folder / "outputs" / "events" / "ev-1").mkdir(parents=True)
    (folder / "outputs" / "events" / "ev-1" / "event.json").write_text("{}")
    (folder / "outputs" / "index.html").write_text("<html></html>")
    (folder / "good.jsonl").write_bytes(jsonl_bytes('{"text": "a b c"}'))
    files, problems = ingest.list_inputs([folder], exclude=[folder / "outputs"])
    assert files == [folder / "good.jsonl"]
    assert [p.to_dict() for p in problems] == [
        {"file": str(folder / "outputs"), "line": None, "reason": "the job's own archive is never read as input",
         "action": "excluded"}
    ]


LISTING_AS_NOBODY = """
import os, sys, json
from pathlib import Path
from jobs import ingest  # imported as root: the interpreter's own files are root's only here
os.setgid(65534); os.setuid(65534)
files, problems = ingest.list_inputs([Path(sys.argv[1])])
print(json.dumps([[str(f) for f in files], [p.to_dict() for p in problems]]))
"""


def as_nobody(script: str, *args: str) -> subprocess.CompletedProcess:
    if os.geteuid() != 0:
        pytest.skip("needs root to switch to another user (the non-root case is what it simulates)")
    return subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd="/",
    )


def open_to_all(path: Path) -> None:
    for parent in [path, *path.parents]:
        if parent == Path("/"):
            break
        parent.chmod(parent.stat().st_mode | 0o755)


def test_a_folder_without_search_permission_is_reported_as_another_user(tmp_path):
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "hidden.jsonl").write_bytes(jsonl_bytes('{"text": "a b c"}'))
    (folder / "good.jsonl").write_bytes(jsonl_bytes('{"text": "d e f"}'))
    open_to_all(folder)
    (folder / "locked").chmod(0o700)
    result = as_nobody(LISTING_AS_NOBODY, str(folder))
    assert result.returncode == 0, result.stderr
    files, problems = json.loads(result.stdout)
    assert files == [str(folder / "good.jsonl")]
    assert problems == [
        {"file": str(folder / "locked"), "line": None, "reason": "cannot list folder: Permission denied",
         "action": "skipped"}
    ]


# --- the state database -------------------------------------------------------------


def first_release_state(path: Path) -> None:
    """The schema of the job's first release: no extractor column, no version stamp."""
    conn = sqlite3.connect(path)
    conn.executescript(
        state.SCHEMA.replace(",\n    extractor TEXT NOT NULL DEFAULT ''", "")
    )
    conn.execute("INSERT INTO briefings VALUES ('ev-1', 2, 'h', '2024-01-01T00:00:00Z', '[]', 1)")
    conn.commit()
    conn.close()


def damage_by(kind: str):
    def apply(path: Path) -> None:
        if kind == "missing":
            path.unlink()
        elif kind == "empty":
            path.write_bytes(b"")
        elif kind == "truncated":
            raw = path.read_bytes()
            path.write_bytes(raw[: len(raw) // 2])
        elif kind == "garbage":
            path.write_bytes(b"\x00\xff" * 4096)
        elif kind == "foreign":
            path.unlink()
            with sqlite3.connect(path) as other:
                other.execute("CREATE TABLE recipes (name TEXT)")
        elif kind == "newer":
            with sqlite3.connect(path) as conn:
                conn.execute(f"PRAGMA user_version = {state.SCHEMA_VERSION + 1}")
    return apply


DAMAGE = [
    ("missing", "missing"),
    ("empty", "empty"),
    ("truncated", "truncated ("),
    ("garbage", "not an SQLite database"),
    ("foreign", "of an unknown schema (tables: recipes)"),
    ("newer", f"of a newer schema ({state.SCHEMA_VERSION + 1}; this release reads up to {state.SCHEMA_VERSION})"),
]


def small_archive(outputs: Path) -> None:
    """An archive with one published briefing and a state database of several pages."""
    archive.prepare_outputs(outputs)
    folder = archive.event_dir(outputs, "ev-1")
    folder.mkdir()
    archive.write_json(folder / "event.json", event("ev-1").to_json())
    conn = state.connect(outputs)
    with state.transaction(conn):
        for i in range(300):
            conn.execute("INSERT INTO facts VALUES (?, '1', ?)", (f"d{i}", "x" * 500))
        state.save_briefing(conn, "ev-1", 1, "h", "2024-01-01T00:00:00Z", ["a1"])
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


@pytest.mark.parametrize(("kind", "reason"), DAMAGE, ids=[k for k, _ in DAMAGE])
def test_a_damaged_state_beside_briefings_stops_the_run_with_65(tmp_path, kind, reason):
    outputs = tmp_path / "outputs"
    small_archive(outputs)
    damage_by(kind)(outputs / state.STATE_NAME)
    before = sorted(p.name for p in outputs.rglob("*") if p.name != ".lock")
    result = CliRunner().invoke(app, ["run", str(tmp_path / "nothing.jsonl"), "--outputs", str(outputs), "--no-pdf"])
    assert result.exit_code == 65, result.output
    assert f"is {reason}" in result.stderr
    assert f"`briefings repair --outputs {outputs}`" in result.stderr
    assert sorted(p.name for p in outputs.rglob("*") if p.name != ".lock") == before  # nothing touched, not even a run report


def test_a_fresh_archive_gets_a_new_state_and_a_sound_one_passes(tmp_path):
    outputs = tmp_path / "outputs"
    archive.prepare_outputs(outputs)
    preflight.check_state(outputs)  # no briefings yet: nothing to protect
    small_archive(tmp_path / "sound")
    preflight.check_state(tmp_path / "sound")


def test_the_first_release_state_is_migrated_not_refused(tmp_path):
    path = tmp_path / state.STATE_NAME
    first_release_state(path)
    assert state.diagnose(path) is None
    conn = state.connect(tmp_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == state.SCHEMA_VERSION
    assert state.briefings(conn)["ev-1"].extractor == ""


# --- the delivery log ---------------------------------------------------------------


def test_the_delivery_log_rebuilds_the_queue(tmp_path):
    entries = [
        {"event": "ev-a", "version": 1, "recipient": "x@example.org", "delivery": "per-event", "status": "queued"},
        {"event": "ev-a", "version": 1, "recipient": "x@example.org", "status": "sent", "at": "T1"},
        {"event": "ev-a", "version": 1, "recipient": "y@example.org", "delivery": "digest", "status": "queued"},
        {"event": "ev-a", "version": 2, "recipient": "y@example.org", "delivery": "digest", "status": "queued"},
        {"event": "ev-b", "version": 1, "recipient": "z@example.org", "delivery": "per-event", "status": "queued"},
        {"event": "ev-b", "version": 1, "recipient": "z@example.org", "status": "failed"},
    ]
    delivery_log.append(tmp_path, entries)
    with (tmp_path / delivery_log.LOG_NAME).open("a") as handle:
        handle.write('{"event": "ev-c", "vers')  # a write torn by a kill
    assert delivery_log.deliveries(delivery_log.read(tmp_path)) == [
        ("ev-a", 1, "x@example.org", "per-event", "sent", "T1"),
        ("ev-a", 1, "y@example.org", "digest", "superseded", None),
        ("ev-a", 2, "y@example.org", "digest", "pending", None),
        ("ev-b", 1, "z@example.org", "per-event", "failed", None),
    ]


# --- templates, terminal, file modes ------------------------------------------------

TEMPLATE_BREAKS = [
    ("missing include", '{% include "no-such-part.html.j2" %}', "TemplateNotFound: 'no-such-part.html.j2' not found"),
    ("undefined field", "{{ event.no_such_field }}", "no_such_field"),
]


@pytest.mark.parametrize(("edit", "message"), [c[1:] for c in TEMPLATE_BREAKS], ids=[c[0] for c in TEMPLATE_BREAKS])
def test_a_template_that_fails_to_render_stops_the_run_with_2(tmp_path, edit, message):
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    page = templates / "briefing.html.j2"
    page.write_text(page.read_text("utf-8").replace("</body>", edit + "</body>"), encoding="utf-8")
    config = tmp_path / "briefings.toml"
    config.write_text(f'templates = "{templates}"\n', encoding="utf-8")
    outputs = tmp_path / "outputs"
    result = CliRunner().invoke(
        app, ["run", str(tmp_path / "x.jsonl"), "--outputs", str(outputs), "--config", str(config)]
    )
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: ") and message in result.stderr and "fix the template" in result.stderr
    assert not outputs.exists()


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain words", "plain words"),
        ("red \x1b[31malert\x1b[0m", "red \\x1b[31malert\\x1b[0m"),
        ("hidden\rline", "hidden\\rline"),
        ("bell\x07 and \x9b csi", "bell\\x07 and \\x9b csi"),
        ("right\u202eto left", "right\\u202eto left"),
        ("two\nlines\tkept", "two\nlines\tkept"),
    ],
)
def test_control_characters_are_escaped_for_the_terminal(text, shown):
    assert safe(text) == shown


def test_list_and_show_escape_article_text():
    hostile = event("ev-1", title="Talks \x1b]0;owned\x07 \x1b[2J resume", summary=("A \x1b[31mred\x1b[0m point.",))
    shown = format_event(hostile) + format_entry(
        {"id": "ev-1", "title": hostile.title, "version": 1, "articles": 1, "top_actors": ["\x1b[5mX"]}
    )
    assert "\x1b" not in shown and "\x07" not in shown
    assert "Talks \\x1b]0;owned\\x07 \\x1b[2J resume" in shown and "\\x1b[31mred" in shown


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_archive_files_follow_the_umask(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        archive.write_json(tmp_path / "index.json", {"events": []})
        archive.atomic_write(tmp_path / "briefing.pdf", b"%PDF-1.7")
        delivery_log.append(tmp_path, [{"event": "e", "version": 1, "recipient": "r", "status": "queued"}])
    finally:
        os.umask(old)
    for name in ("index.json", "briefing.pdf", delivery_log.LOG_NAME):
        assert (tmp_path / name).stat().st_mode & 0o777 == mode, name


# --- mail deadlines -----------------------------------------------------------------


def dripping_server(port: int, stop: threading.Event) -> None:
    """Accepts a connection and sends its greeting a byte every 0.3 s, for ever."""
    with socket.socket() as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen(1)
        listener.settimeout(10)
        conn, _ = listener.accept()
        with conn:
            greeting = b"220 slow.example.org ESMTP " + b"." * 10_000
            for byte in greeting:
                if stop.is_set():
                    return
                try:
                    conn.send(bytes([byte]))
                except OSError:
                    return
                time.sleep(0.3)


def test_a_server_that_drips_bytes_is_cut_off_at_the_deadline(tmp_path):
    port = free_port()
    stop = threading.Event()
    server = threading.Thread(target=dripping_server, args=(port, stop), daemon=True)
    server.start()
    time.sleep(0.2)
    mailer = SmtpMailer(MailConfig(port=port, security="none", timeout=5, deadline=2))
    from jobs.delivery.mail import Attachment, build_message
    from tests.test_mail import make_event

    message = build_message("a@example.org", "b@example.org", [Attachment(make_event("ev-1", "T"), make_pdf(tmp_path / "x.pdf"))], digest=False)
    started = time.monotonic()
    try:
        with pytest.raises(DeliveryFailed, match="within the 2 s deadline"):
            mailer.send(message)
    finally:
        stop.set()
        mailer.close()
    assert time.monotonic() - started < 4


class Refusing:
    """A mailer whose server refuses one recipient for good (550), as smtplib reports it."""

    def __init__(self) -> None:
        self.tries = 0

    def send(self, message):
        self.tries += 1
        raise DeliveryFailed("recipient refused: 550 no such user", permanent=True)


def test_a_recipient_refused_for_good_is_given_up_after_five_tries(hand_archive):  # noqa: F811 (the fixture)
    config, conn = hand_archive
    publish(config, conn, event("ev-a", title="Storm reaches Bermuda"))
    mailer = Refusing()
    finals = []
    for run in range(delivery.MAX_REFUSALS + 2):
        report = pipeline.RunReport(run_id=f"r{run}", started="now")
        delivery.send_pending(conn, config, report, mailer=mailer)
        finals.append([f["final"] for f in report.mail_failed])
    # desk (per-event) and boss (digest) are refused 5 times each, then never tried again.
    assert finals == [[False, False]] * 4 + [[True, True], [], []]
    assert mailer.tries == 2 * delivery.MAX_REFUSALS
    assert set(statuses(conn).values()) == {"failed"}
    assert [e["status"] for e in delivery_log.read(config.outputs)].count("failed") == 2


def test_the_delivery_stage_stops_at_its_deadline_and_keeps_the_rest_pending(hand_archive):  # noqa: F811
    config, conn = hand_archive
    config = config.with_overrides(mail=MailConfig(stage_deadline=0.03))
    publish(config, conn, event("ev-a", title="Storm reaches Bermuda"))

    class Slow:
        sent = 0

        def send(self, message):
            Slow.sent += 1
            time.sleep(0.1)

    report = pipeline.RunReport(run_id="r", started="now")
    delivery.send_pending(conn, config, report, mailer=Slow())
    assert Slow.sent == 1  # the first message, then the deadline
    assert [f["reason"] for f in report.mail_failed] == [
        "the delivery stage passed its 0.03 s deadline; left pending"
    ]
    assert sorted(statuses(conn).values()) == ["pending", "sent"]
