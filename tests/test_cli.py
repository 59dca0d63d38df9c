"""The `briefings` command line: exit statuses and the exact messages a user sees."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from jobs.archive import ArchiveLock
from jobs.cli import app

ROOT = Path(__file__).resolve().parent.parent
INPUTS = Path(__file__).resolve().parent / "fixtures" / "inputs"


def invoke(*args: object) -> Any:
    return CliRunner().invoke(app, [str(a) for a in args])


def commands(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    """Every command and subcommand of a click group, as (path, command)."""
    found = []
    for name, command in sorted(group.commands.items()):
        found.append(((*prefix, name), command))
        if hasattr(command, "commands"):
            found += commands(command, (*prefix, name))
    return found


COMMANDS = commands(typer.main.get_command(app))


def test_every_command_is_listed() -> None:
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {
        "run",
        "send",
        "list",
        "show",
        "eval",
        "eval grouping",
        "eval positions",
        "eval facts",
        "eval seed",
    } <= names


@pytest.mark.parametrize(
    ("path", "command"), [((), None), *COMMANDS], ids=["briefings", *(" ".join(p) for p, _ in COMMANDS)]
)
def test_every_command_has_help(path: tuple[str, ...], command: Any) -> None:
    result = invoke(*path, "--help")
    assert result.exit_code == 0
    description = (command.help if command is not None else typer.main.get_command(app).help) or ""
    assert description.strip(), f"{' '.join(path) or 'briefings'} has no help text"
    assert description.strip().splitlines()[0][:40] in " ".join(result.output.split())


# --- what stops a run before any work -------------------------------------------

BAD_CONFIGS = [
    (
        "[mail]\nprot = 25\n",
        "unknown key 'mail.prot' (did you mean 'mail.port'? known keys here: deadline, host, password_env, port, security, sender, stage_deadline, timeout, username)",
    ),
    ("n_process = 'two'\n", "'n_process' must be an integer, not a string ('two')"),
    ("[mail]\nsecurity = 'tls'\n", "'mail.security' must be one of none, starttls, ssl, not 'tls'"),
    (
        "[[subscriptions]]\nto = ['desk.example.org']\n",
        "'subscriptions[0].to[0]' is not a valid e-mail address: 'desk.example.org'",
    ),
]


@pytest.mark.parametrize(
    ("text", "message"), BAD_CONFIGS, ids=["unknown key", "wrong type", "bad security", "bad address"]
)
def test_a_bad_config_stops_the_run(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "briefings.toml"
    config.write_text(text, encoding="utf-8")
    outputs = tmp_path / "outputs"
    result = invoke("run", INPUTS, "--outputs", outputs, "--config", config, "--no-pdf")
    assert (result.exit_code, result.stderr) == (2, f"error: {config}: {message}\n")
    assert not outputs.exists()


def test_invalid_toml_stops_the_run(tmp_path: Path) -> None:
    config = tmp_path / "briefings.toml"
    config.write_text("[mail\nport = 25\n", encoding="utf-8")
    outputs = tmp_path / "outputs"
    result = invoke("run", INPUTS, "--outputs", outputs, "--config", config, "--no-pdf")
    expected = f"error: config file {config} is not valid TOML: Expected ']' at the end of a table declaration (at line 1, column 6)\n"
    assert (result.exit_code, result.stderr) == (2, expected)
    assert not outputs.exists()


def test_a_missing_config_file_stops_the_run(tmp_path: Path) -> None:
    result = invoke("run", INPUTS, "--outputs", tmp_path / "out", "--config", tmp_path / "nope.toml")
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: cannot read config file {tmp_path / 'nope.toml'}: No such file or directory\n",
    )


def templates_copy(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the templates to damage, and a config file that points at it."""
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    config = tmp_path / "briefings.toml"
    config.write_text(f'templates = "{templates}"\n', encoding="utf-8")
    return templates, config


def test_a_broken_template_stops_the_run(tmp_path: Path) -> None:
    templates, config = templates_copy(tmp_path)
    page = templates / "briefing.html.j2"
    lines = page.read_text("utf-8").count("\n")
    with page.open("a", encoding="utf-8") as handle:
        handle.write("{% if %}\n")
    outputs = tmp_path / "outputs"
    result = invoke("run", INPUTS, "--outputs", outputs, "--config", config, "--no-pdf")
    expected = f"error: template {page}, line {lines + 1}: Expected an expression, got 'end of statement block'; fix the template\n"
    assert (result.exit_code, result.stderr) == (2, expected)
    assert not outputs.exists()


def test_a_missing_template_stops_the_run(tmp_path: Path) -> None:
    templates, config = templates_copy(tmp_path)
    (templates / "index.html.j2").unlink()
    result = invoke("run", INPUTS, "--outputs", tmp_path / "outputs", "--config", config, "--no-pdf")
    assert (result.exit_code, result.stderr) == (2, f"error: template index.html.j2 is missing from {templates}\n")
    assert not (tmp_path / "outputs").exists()


@pytest.mark.parametrize(
    "command",
    [
        ("eval", "seed"),
        ("eval", "facts", "tests/fixtures/facts/seed-gold.json", "data/samples/seed-article.jsonl"),
        ("eval", "positions", "data/samples/seed-article.jsonl"),
        ("eval", "grouping", "data/samples/seed-article.jsonl"),
        ("bench",),
    ],
)
def test_evaluation_commands_read_the_config_and_report_a_missing_model(tmp_path: Path, monkeypatch, command) -> None:
    monkeypatch.chdir(ROOT)
    config = tmp_path / "briefings.toml"
    config.write_text('model = "no_such_model"\n', encoding="utf-8")
    result = invoke(*command, "--config", config)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: spaCy model 'no_such_model' is not installed")


def test_an_unknown_model_stops_the_run_before_any_work(tmp_path: Path) -> None:
    outputs = tmp_path / "outputs"
    result = invoke("run", INPUTS / "one.json", "--outputs", outputs, "--no-pdf", "--model", "no_such_model")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: spaCy model 'no_such_model' is not installed")
    assert not outputs.exists()


def test_outputs_that_cannot_be_written_stop_the_run(tmp_path: Path) -> None:
    # A path under a regular file: root can write through chmod, not through a file.
    (tmp_path / "file").write_text("not a folder")
    outputs = tmp_path / "file" / "sub"
    result = invoke("run", INPUTS, "--outputs", outputs, "--no-pdf")
    assert (result.exit_code, result.stderr) == (
        73,
        f"error: outputs folder {outputs} is not writable: Not a directory\n",
    )


def test_a_run_finds_the_archive_locked(tmp_path: Path) -> None:
    outputs = tmp_path / "outputs"
    outputs.mkdir()
    with ArchiveLock(outputs):
        result = invoke("run", INPUTS, "--outputs", outputs, "--no-pdf")
    assert result.exit_code == 75
    assert result.stderr == (
        f"error: another run holds the archive lock ({outputs / '.lock'}); nothing was touched, try again later\n"
    )
    assert not (outputs / "runs").exists() or not any((outputs / "runs").iterdir())


def test_a_missing_input_is_reported_not_fatal(tmp_path: Path) -> None:
    outputs = tmp_path / "outputs"
    result = invoke("run", tmp_path / "nowhere", "--outputs", outputs, "--no-pdf", "-q")
    assert result.exit_code == 0, result.output
    [run] = (outputs / "runs").glob("*.json")
    assert json.loads(run.read_text("utf-8"))["skipped"] == [
        {"file": str(tmp_path / "nowhere"), "line": None, "reason": "input does not exist", "action": "skipped"}
    ]


# --- the archive from the terminal ------------------------------------------------


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small archive: three articles in two files, run without PDFs."""
    outputs = tmp_path_factory.mktemp("archive") / "outputs"
    result = invoke("run", INPUTS / "articles.jsonl", INPUTS / "one.json", "--outputs", outputs, "--no-pdf", "-q")
    assert result.exit_code == 0, result.output
    return outputs


def events(outputs: Path) -> dict[str, dict]:
    return {p.parent.name: json.loads(p.read_text("utf-8")) for p in (outputs / "events").glob("*/event.json")}


def test_list_prints_one_line_per_event(archive: Path) -> None:
    result = invoke("list", "--outputs", archive)
    assert result.exit_code == 0
    stored = events(archive)
    lines = result.stdout.splitlines()
    assert len(lines) == len(stored) >= 1
    assert sum(len(e["articles"]) for e in stored.values()) == 3
    for line in lines:
        event_id = line.split()[0]
        assert event_id in stored
        assert f"v{stored[event_id]['version']}" in line.split()
        assert stored[event_id]["title"] in line


def test_list_json_is_the_index(archive: Path) -> None:
    result = invoke("list", "--outputs", archive, "--json")
    assert result.exit_code == 0
    index = json.loads((archive / "index.json").read_text("utf-8"))
    assert json.loads(result.stdout) == (index["events"] if isinstance(index, dict) else index)


def test_show_prints_the_event(archive: Path) -> None:
    event_id, event = next(iter(sorted(events(archive).items())))
    result = invoke("show", event_id, "--outputs", archive)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == event["title"]
    assert lines[1].startswith(f"{event_id} · version {event['version']} · ")
    assert "Sources:" in lines


def test_show_json_is_the_event_file(archive: Path) -> None:
    event_id, event = next(iter(sorted(events(archive).items())))
    result = invoke("show", event_id, "--outputs", archive, "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == event


@pytest.mark.parametrize("event_id", ["ev-19990101-00000000", "../../etc"])
def test_show_of_an_unknown_id(archive: Path, event_id: str) -> None:
    result = invoke("show", event_id, "--outputs", archive)
    assert (result.exit_code, result.stdout) == (4, "")
    assert result.stderr == f"error: no event {event_id!r} in {archive} (see `briefings list`)\n"


def test_list_of_an_empty_archive(tmp_path: Path) -> None:
    result = invoke("list", "--outputs", tmp_path / "outputs")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"no events in {tmp_path / 'outputs'}\n")


def test_usage_errors_exit_2() -> None:
    result = invoke("show")
    assert result.exit_code == 2
    assert "Missing argument 'event_id'." in result.stderr


def test_show_resolves_a_merged_id_to_its_survivor(tmp_path: Path) -> None:
    from jobs.archive import write_json
    from jobs.models import Event

    outputs = tmp_path / "outputs"
    survivor = Event(
        id="ev-20250101-aaaaaaaa",
        title="Harbour strike ends",
        summary=("Dock workers returned to work.",),
        articles=(),
        actors=(),
        meetings=(),
        positions=(),
        merged_ids=("ev-20250102-bbbbbbbb",),
        version=2,
    )
    write_json(outputs / "events" / survivor.id / "event.json", survivor.to_json())
    write_json(outputs / "index.json", {"events": [{"id": survivor.id, "merged_ids": list(survivor.merged_ids)}]})
    result = invoke("show", "ev-20250102-bbbbbbbb", "--outputs", outputs)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:2] == ["Harbour strike ends", "ev-20250101-aaaaaaaa · version 2 · undated..undated · 0 articles"]
    assert "merged: ev-20250102-bbbbbbbb" in result.stdout
