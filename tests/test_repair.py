"""Whole runs over hostile inputs and a damaged archive, with mail to a real SMTP server on loopback.

| reproduction                                                    | expected                                              |
|-----------------------------------------------------------------|-------------------------------------------------------|
| a run over the hostile inputs of test_robustness, then new files | exit 0 both times; each bad thing one run-report line |
| state.sqlite deleted beside published, mailed briefings         | exit 65 naming `briefings repair`; `repair` exits 0;  |
|                                                                 | the next run re-publishes and re-mails nothing        |
| an event folder deleted, another event.json corrupted,          | both rebuilt at the same version by the next run; the |
| their mail pending                                              | pending mail sent once                                |
| the same when the articles are not in the state (after repair)  | reported in the run report and by `briefings list`    |
| a read-only state.sqlite / event folder (as a non-root user)    | exit 73, no traceback                                 |
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jobs import state
from jobs.cli import app
from tests.test_mail import Inbox, free_port, start_server
from tests.test_robustness import as_nobody, jsonl_bytes, open_to_all
from tests.test_schedule import MODEL, comparable, sample_articles, write_jsonl

RECIPIENTS = ("desk@example.org", "chief@example.org")


@pytest.fixture(scope="module")
def smtp_server():
    inbox = Inbox()
    port = free_port()
    controller = start_server(inbox, port)
    yield inbox, port
    controller.stop()


def write_config(folder: Path, port: int) -> Path:
    config = folder / "briefings.toml"
    config.write_text(
        f'model = "{MODEL}"\nn_process = 1\nrender_workers = 1\n'
        f'[mail]\nport = {port}\nsecurity = "none"\n'
        f'[[subscriptions]]\nto = ["{RECIPIENTS[0]}"]\n'
        f'[[subscriptions]]\nto = ["{RECIPIENTS[1]}"]\ndelivery = "digest"\n',
        encoding="utf-8",
    )
    return config


def run(config: Path, outputs: Path, *args: str) -> tuple[int, str, dict]:
    result = CliRunner().invoke(app, ["run", *args, "--outputs", str(outputs), "--config", str(config), "-q"])
    reports = sorted((outputs / "runs").glob("*.json"), key=lambda p: p.stat().st_mtime_ns)
    report = json.loads(reports[-1].read_text("utf-8")) if reports and result.exit_code in (0, 3) else {}
    return result.exit_code, result.stderr, report


def sent(inbox: Inbox) -> list[tuple[str, str]]:
    """(recipient, attached briefing file names) of every mail received."""
    return sorted(
        (",".join(rcpts), " ".join(sorted(p.get_filename() for p in m.iter_attachments())))
        for rcpts, m in inbox.messages
    )


def versions(outputs: Path) -> dict[str, int]:
    return {p.parent.name: json.loads(p.read_text("utf-8"))["version"] for p in outputs.glob("events/*/event.json")}


@pytest.fixture(scope="module")
def published(tmp_path_factory, smtp_server):
    """An archive of 4 short articles, rendered and mailed; (folder, config, inputs, outputs)."""
    inbox, port = smtp_server
    base = tmp_path_factory.mktemp("published")
    inputs = base / "in"
    inputs.mkdir()
    write_jsonl(inputs / "a.jsonl", sample_articles(20, 4))
    config = write_config(base, port)
    code, err, report = run(config, base / "outputs", str(inputs), "--send")
    assert code == 0, err
    assert report["mail_sent"] > 0 and report["mail_failed"] == []
    return base, config, inputs, base / "outputs"


@pytest.fixture
def copy(published, tmp_path, smtp_server):
    base, config, inputs, outputs = published
    shutil.copytree(outputs, tmp_path / "outputs")
    smtp_server[0].messages.clear()
    return config, inputs, tmp_path / "outputs"


def test_a_lost_state_stops_the_run_and_repair_resends_nothing(copy, smtp_server):
    config, inputs, outputs = copy
    inbox = smtp_server[0]
    before, before_versions = comparable(outputs), versions(outputs)
    (outputs / state.STATE_NAME).unlink()
    for suffix in ("-wal", "-shm"):
        Path(f"{outputs / state.STATE_NAME}{suffix}").unlink(missing_ok=True)

    code, err, _ = run(config, outputs, str(inputs), "--send")
    assert code == 65 and "is missing" in err and "briefings repair" in err

    result = CliRunner().invoke(app, ["repair", "--outputs", str(outputs), "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"rebuilt the state from the archive: {len(before)} events, 4 articles")

    code, err, report = run(config, outputs, str(inputs), "--send")
    assert code == 0, err
    assert (report["articles_new"], report["events_new"], report["events_updated"]) == (4, [], [])
    assert report["mail_sent"] == 0 and inbox.messages == []
    assert comparable(outputs) == before and versions(outputs) == before_versions

    # and the job goes on as before: a new article is grouped, published and mailed once
    write_jsonl(inputs.parent / "new.jsonl", sample_articles(40, 1))
    code, err, report = run(config, outputs, str(inputs.parent / "new.jsonl"), "--send")
    assert code == 0, err
    changed = report["events_new"] + report["events_updated"]
    assert len(changed) == 1
    assert len([r for r, _ in sent(inbox) if r == RECIPIENTS[0]]) == 1


def test_after_a_repair_a_follow_up_joins_its_event(copy):
    """Grouping's rows come back with the texts: a later report of a repaired event joins it."""
    config, inputs, outputs = copy
    (outputs / state.STATE_NAME).unlink()
    for suffix in ("-wal", "-shm"):
        Path(f"{outputs / state.STATE_NAME}{suffix}").unlink(missing_ok=True)
    assert CliRunner().invoke(app, ["repair", "--outputs", str(outputs), "--config", str(config)]).exit_code == 0
    code, err, _ = run(config, outputs, str(inputs))
    assert code == 0, err
    before = versions(outputs)
    original = sample_articles(20, 4)[0]
    paragraphs = original["text"].split("\n")
    follow_up = {
        **original,
        "id": "follow-up",
        "url": original["url"] + "-update",
        "text": "\n".join(paragraphs[: max(1, len(paragraphs) - 1)]) + "\nOfficials gave no further details on Sunday.",
    }
    write_jsonl(inputs.parent / "follow-up.jsonl", [follow_up])
    code, err, report = run(config, outputs, str(inputs.parent / "follow-up.jsonl"))
    assert code == 0, err
    assert report["events_new"] == [] and len(report["events_updated"]) == 1, report
    assert set(versions(outputs)) == set(before)


def test_a_deleted_folder_and_a_corrupt_event_json_are_rebuilt_with_their_mail(published, tmp_path, smtp_server):
    base, config, inputs, _ = published
    inbox = smtp_server[0]
    outputs = tmp_path / "outputs"
    code, err, _ = run(config, outputs, str(inputs), "--no-send")  # mail queued, not sent
    assert code == 0, err
    before, before_versions = comparable(outputs), versions(outputs)
    gone, corrupt = sorted(before)[:2]
    shutil.rmtree(outputs / "events" / gone)
    (outputs / "events" / corrupt / "event.json").write_text('{"schema": "briefing-ev', encoding="utf-8")
    inbox.messages.clear()

    code, err, report = run(config, outputs, "--send")
    assert code == 0, err
    assert report["events_damaged"] == [] and report["events_new"] == report["events_updated"] == []
    assert comparable(outputs) == before and versions(outputs) == before_versions
    assert (outputs / "events" / gone / "briefing.pdf").exists()
    per_event = [files for r, files in sent(inbox) if r == RECIPIENTS[0]]
    assert sorted(per_event) == sorted(f"briefing-{e}.pdf" for e in before)  # each once, none lost
    code, err, report = run(config, outputs, "--send")
    assert (code, report["mail_sent"]) == (0, 0)


def test_an_event_that_cannot_be_rebuilt_is_reported_and_listed(copy):
    config, inputs, outputs = copy
    (outputs / state.STATE_NAME).unlink()
    assert CliRunner().invoke(app, ["repair", "--outputs", str(outputs), "--config", str(config)]).exit_code == 0
    lost = sorted(versions(outputs))[0]
    shutil.rmtree(outputs / "events" / lost)

    code, err, report = run(config, outputs, "--no-send")  # no inputs: the articles are not back yet
    assert code == 0, err
    assert [d["event"] for d in report["events_damaged"]] == [lost]
    assert report["events_damaged"][0]["reason"].endswith("of its articles are not in the state; left as published")
    listing = CliRunner().invoke(app, ["list", "--outputs", str(outputs), "--config", str(config)])
    [line] = [line for line in listing.stdout.splitlines() if line.startswith(lost)]
    assert line.startswith(f"{lost}  !! files missing or unreadable: ") and line.endswith("left as published")


def test_hostile_inputs_in_a_real_run_are_reported_and_later_files_read(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    good = sample_articles(20, 2)
    (folder / "surrogate.jsonl").write_bytes(
        jsonl_bytes(json.dumps({**good[0], "title": "x"}).replace('"title": "x"', '"title": "\\ud800"'))
    )
    with open(os.fsencode(folder) + b"/caf\xe9.jsonl", "wb") as handle:
        handle.write(jsonl_bytes(json.dumps(good[1])))
    (folder / "deep.jsonl").write_bytes(jsonl_bytes("[" * 100_000 + "]" * 100_000))
    outputs = folder / "outputs"  # the archive inside its own input folder
    config = tmp_path / "briefings.toml"
    config.write_text(f'model = "{MODEL}"\nn_process = 1\n', encoding="utf-8")

    code, err, report = run(config, outputs, str(folder), "--no-pdf", "--no-send")
    assert code == 0, err
    assert sorted((Path(p["file"]).name, p["line"], p["reason"], p["action"]) for p in report["skipped"]) == [
        ("deep.jsonl", 1, "JSON nested too deeply to read (arrays or objects inside each other thousands of levels deep)", "skipped"),
        ("outputs", None, "the job's own archive is never read as input", "excluded"),
        ("surrogate.jsonl", 1, "lone UTF-16 surrogate in title; replaced by U+FFFD", "repaired"),
    ]
    assert report["articles_new"] == 2
    write_jsonl(folder / "later.jsonl", sample_articles(30, 1))
    code, err, report = run(config, outputs, str(folder), "--no-pdf", "--no-send")
    assert code == 0, err
    assert (report["files_read"], report["articles_new"]) == (1, 1)  # the archive's own files are never read
    assert [p["action"] for p in report["skipped"]] == ["excluded"]
    with state.connect(outputs) as conn:
        origins = {row[0] for row in conn.execute("SELECT json_extract(data, '$.origin') FROM articles")}
    assert f"{folder}/caf\\xe9.jsonl:1" in origins


READ_ONLY_RUN = """
import os, sys
from typer.testing import CliRunner
from jobs import aggregate, delivery, grouping, ingest, pipeline, preflight, render  # imported as root: the interpreter is root's only
import dateutil.parser, jobs.aggregate.summarize, jobs.delivery.mail
import encodings.utf_8_sig  # and its codecs, loaded on first use
from jobs.cli import app
from jobs.config import load_config
preflight.check_templates(render.load_templates(load_config(None).templates))
os.setgid(65534); os.setuid(65534)
result = CliRunner().invoke(app, ["run", *sys.argv[1:], "--no-pdf", "--no-send", "-q"])
sys.stderr.write(result.stderr)
if result.exc_info and not isinstance(result.exception, SystemExit):
    import traceback
    traceback.print_exception(*result.exc_info)
sys.exit(result.exit_code)
"""


@pytest.mark.parametrize("what", ["state.sqlite", "event folder"])
def test_a_read_only_archive_part_exits_73_without_a_traceback(copy, tmp_path, what):
    config, inputs, outputs = copy
    open_to_all(outputs)
    for path in [outputs, *outputs.rglob("*")]:
        path.chmod(0o777 if path.is_dir() else 0o666)
    if what == "state.sqlite":
        (outputs / state.STATE_NAME).chmod(0o444)
        write_jsonl(tmp_path / "b.jsonl", sample_articles(40, 1))
        open_to_all(tmp_path)
        args = [str(tmp_path / "b.jsonl"), "--outputs", str(outputs)]
    else:
        folder = sorted((outputs / "events").iterdir())[0]
        (folder / "event.json").unlink()
        folder.chmod(0o555)
        args = ["--outputs", str(outputs)]
    result = as_nobody(READ_ONLY_RUN, *args)
    assert result.returncode == 73, result.stderr
    assert result.stderr.startswith("error: ") and "Traceback" not in result.stderr


# --- a run-on article: what is stored grows with the text, not with its square -------------


def stored_facts(nlp, chars: int) -> tuple[int, list[int], list[int], list[int]]:
    """(bytes of the facts, quote lengths, meeting evidence lengths, key point lengths) of a run-on article."""
    from jobs import ingest
    from jobs.aggregate import build_event
    from jobs.evaluation.runon import runon_text
    from jobs.extract import extract

    article = ingest.make_article(
        {"id": "runon", "text": runon_text(chars), "published": "2024-05-03"},
        name="runon.jsonl", line=1, problems=[], max_chars=10**7,
    )
    facts = extract(nlp(article.text), article)
    event = build_event("ev-1", [article], {article.id: facts})
    return (
        len(json.dumps(facts.to_dict())),
        [len(q.text) for q in facts.quotes],
        [len(e.text) for m in event.meetings for e in m.evidence],
        [len(p) for p in event.summary],
    )


def test_a_run_on_article_stores_bounded_quotes_evidence_and_key_points(nlp):
    small, quotes, evidence, points = stored_facts(nlp, 6_000)
    large, *_ = stored_facts(nlp, 12_000)
    assert quotes and evidence
    assert max(quotes) <= 2_000 and max(evidence) <= 400 and max(points, default=0) <= 602
    assert large < 2.4 * small  # linear: the quadratic version stored 3.3 times as much
