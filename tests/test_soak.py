"""Soak: twenty scheduled runs over an inbox that keeps receiving good and bad files.

One run is killed (SIGKILL) at a random moment and the state database is destroyed
once (then `briefings repair` is run, as the exit-65 message says). At the end every
good article is in exactly one event, every briefing version is on disk, and a real
SMTP server on loopback has received every mail once: no briefing version twice, the
latest version of every event once.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jobs import state
from tests.test_mail import Inbox, free_port, start_server
from tests.test_repair import write_config
from tests.test_schedule import ROOT, end_session, sample_articles, write_jsonl

RUNS = 20
KILLED, DAMAGED = 7, 13  # the run killed, and the run before which the state is destroyed

BAD_FILES = [
    ("broken.jsonl", b'{"id": "broken", "text": "never closed}\n'),
    ("deep.jsonl", b"[" * 100_000 + b"]" * 100_000 + b"\n"),
    ("empty.jsonl", b""),
    ("scan.json", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
    ("notes.docx", b"PK\x03\x04"),
]


def briefings(*args: str, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "jobs", *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        start_new_session=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def deliver_inbox(folder: Path, run: int, pool: list[dict]) -> set[str]:
    """Drop this run's new files in the inbox; returns the ids of the good articles among them."""
    good = pool[2 * run : 2 * run + 2]
    if run % 4 == 1:  # a lone surrogate in the title: repaired, the article kept
        text = json.dumps(good[0]).replace(json.dumps(good[0]["title"]), '"\\ud800 broken title"')
        (folder / f"run{run:02d}-odd.jsonl").write_text(text + "\n", encoding="utf-8")
        write_jsonl(folder / f"run{run:02d}.jsonl", good[1:])
    elif run % 4 == 2:  # a file name that is not UTF-8
        with open(os.fsencode(folder) + f"/run{run:02d}-\xe9".encode("latin-1") + b".jsonl", "wb") as handle:
            handle.write("".join(json.dumps(a) + "\n" for a in good).encode("utf-8"))
    else:
        write_jsonl(folder / f"run{run:02d}.jsonl", good)
    name, content = BAD_FILES[run % len(BAD_FILES)]
    (folder / f"run{run:02d}-{name}").write_bytes(content)
    return {a["id"] for a in good}


def mailed(inbox: Inbox) -> list[tuple[str, int]]:
    """(event id, version) of every per-event mail received."""
    out = []
    for _, message in inbox.messages:
        [pdf] = [p.get_filename() for p in message.iter_attachments()]
        found = re.match(r"(?:New briefing|Updated briefing \(v(\d+)\)):", str(message["Subject"]).strip())
        assert found, message["Subject"]
        out.append((pdf.removeprefix("briefing-").removesuffix(".pdf"), int(found.group(1) or 1)))
    return out


@pytest.mark.slow
def test_twenty_runs_with_bad_files_a_kill_and_a_lost_state(tmp_path):
    rng = random.Random(20251127)
    inbox = Inbox()
    port = free_port()
    server = start_server(inbox, port)
    folder = tmp_path / "inbox"
    folder.mkdir()
    outputs = tmp_path / "outputs"
    config = write_config(tmp_path, port)
    config.write_text(config.read_text().split("[[subscriptions]]\nto = [\"chief")[0], encoding="utf-8")
    pool = sample_articles(0, 2 * RUNS)
    good: set[str] = set()
    statuses = []
    try:
        for run in range(RUNS):
            good |= deliver_inbox(folder, run, pool)
            if run == DAMAGED:
                (outputs / state.STATE_NAME).write_bytes(b"")
                damaged = briefings("run", str(folder), "--outputs", str(outputs), "--config", str(config), "-q", cwd=tmp_path)
                _, err = damaged.communicate(timeout=120)
                assert damaged.returncode == 65 and b"briefings repair" in err, err
                repair = briefings("repair", "--outputs", str(outputs), "--config", str(config), cwd=tmp_path)
                _, err = repair.communicate(timeout=120)
                assert repair.returncode == 0, err
            process = briefings("run", str(folder), "--outputs", str(outputs), "--config", str(config), "-q", cwd=tmp_path)
            try:
                if run == KILLED:
                    time.sleep(rng.uniform(0.5, 4.0))
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(30)
                    statuses.append("killed")
                    continue
                _, err = process.communicate(timeout=300)
                statuses.append(process.returncode)
                assert process.returncode == 0, err.decode()
            finally:
                end_session(process)
    finally:
        server.stop()

    events = {p.parent.name: json.loads(p.read_text("utf-8")) for p in outputs.glob("events/*/event.json")}
    members = [a["id"] for e in events.values() for a in e["articles"]]
    assert sorted(members) == sorted(good)  # every good article, each in exactly one event
    for event_id, data in events.items():
        folder_of = outputs / "events" / event_id
        kept = {p.name for p in (folder_of / "versions").glob("v*.json")} if (folder_of / "versions").exists() else set()
        assert kept == {f"v{v}.json" for v in range(1, data["version"])}, (event_id, kept)
        assert (folder_of / "briefing.pdf").exists()
    mails = mailed(inbox)
    assert len(mails) == len(set(mails))  # no briefing version mailed twice
    assert {(e, d["version"]) for e, d in events.items()} <= set(mails)  # every latest version mailed
    assert all((outputs / "events" / e / "versions" / f"v{v}.json").exists() or events.get(e, {}).get("version") == v
               or any(e in d["merged_ids"] for d in events.values()) for e, v in mails)
    sent_log = [(e["event"], e["version"]) for e in map(json.loads, (outputs / "deliveries.jsonl").read_text().splitlines())
                if e["status"] == "sent"]
    assert sorted(sent_log) == sorted(mails)
    assert statuses.count(0) == RUNS - 1
    skipped = [p for r in outputs.glob("runs/*.json") for p in json.loads(r.read_text("utf-8"))["skipped"]]
    assert {Path(p["file"]).name.split("-", 1)[1] for p in skipped if p["file"].startswith(str(folder))} >= {
        name for name, _ in BAD_FILES
    } | {"odd.jsonl"}
