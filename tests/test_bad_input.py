"""One bad article never stops a run and nothing good is lost.

Each kind of bad input is checked on the ingest functions (fast, no model), then all
of them together with good files in one real run through the CLI.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jobs import ingest
from jobs.cli import app
from jobs.ingest.copies import deduplicate

INPUTS = Path(__file__).resolve().parent / "fixtures" / "inputs"
BIG = 20_000_000


def jsonl(*records: dict) -> bytes:
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode("utf-8") + b"\n"


def good(id_: str, text: str) -> dict:
    return {"id": id_, "title": None, "published": "2024-05-02", "text": text}


def big_article() -> bytes:
    sentence = "The harbour council of Lisbon voted on Monday to extend the pier. "
    text = (sentence * (BIG // len(sentence) + 1))[:BIG]
    return jsonl(
        {"id": "huge", "published": "2024-05-03", "text": text}, good("after-huge", "Oslo opened a ski jump on Friday.")
    )


@dataclass(frozen=True)
class Case:
    name: str
    file: str
    content: Callable[[], bytes]
    kept: tuple[str, ...]
    line: int | None
    reason: Callable[[int], str]  # of max_article_chars
    action: str = "skipped"


CASES = [
    Case(
        "malformed JSONL line",
        "broken.jsonl",
        lambda: (
            jsonl(good("before-break", "Riga hosted a chess final on Tuesday."))
            + b'{"id": "broken", "text": "never closed}\n'
            + jsonl(good("after-break", "Tallinn opened a tram line on Wednesday."))
        ),
        ("before-break", "after-break"),
        2,
        lambda _: "malformed JSON: Unterminated string starting at at column 26",
    ),
    Case(
        "not UTF-8",
        "latin1.jsonl",
        lambda: jsonl(good("latin", "Le café de Sète a fermé lundi, a dit le maire.")).decode().encode("latin-1"),
        ("latin",),
        None,
        lambda _: "not UTF-8 (byte 73); decoded as ",
        "repaired",
    ),
    Case("empty file", "empty.jsonl", lambda: b"", (), None, lambda _: "empty file"),
    Case(
        "binary file",
        "scan.json",
        lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)),
        (),
        None,
        lambda _: "binary file (contains NUL bytes), not text",
    ),
    Case(
        "CSV without a text column",
        "no-text.csv",
        lambda: b"id,title,body\nn1,Vote held,The vote was held.\n",
        (),
        1,
        lambda _: "CSV has no 'text' column (its columns: id, title, body)",
    ),
    Case(
        "empty body",
        "blank.jsonl",
        lambda: jsonl({"id": "blank", "text": " \n\t "}, good("not-blank", "Vilnius named a new mayor on Thursday.")),
        ("not-blank",),
        1,
        lambda _: "article text is empty",
    ),
    Case(
        "20 MB article",
        "huge.jsonl",
        big_article,
        ("huge", "after-huge"),
        1,
        lambda cap: f"article text has {BIG:,} characters; only the first {cap:,} are analysed",
        "repaired",
    ),
    Case(
        "duplicate ids with different text",
        "dup.jsonl",
        lambda: jsonl(
            good("dup", "Bergen opened a fish market on Monday."),
            good("dup", "Turku closed its old bridge on Tuesday for repairs."),
        ),
        ("dup", "dup~" + ingest.digest("Turku closed its old bridge on Tuesday for repairs.")[:8]),
        2,
        lambda _: (
            "id 'dup' was already used for a different text; kept as "
            + repr("dup~" + ingest.digest("Turku closed its old bridge on Tuesday for repairs.")[:8])
        ),
        "repaired",
    ),
    Case(
        "date that does not parse",
        "undated.jsonl",
        lambda: jsonl({"id": "undated", "published": "the day after tomorrow", "text": "Gdynia held a regatta."}),
        ("undated",),
        1,
        lambda _: "date 'the day after tomorrow' does not parse; kept without a date",
        "repaired",
    ),
]


def problem_matches(problem: dict, path: Path, case: Case, cap: int) -> bool:
    expected = case.reason(cap)
    reason_ok = problem["reason"].startswith(expected) if expected.endswith(" ") else problem["reason"] == expected
    return (
        problem["file"] == str(path) and problem["line"] == case.line and problem["action"] == case.action and reason_ok
    )


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_skipped_or_repaired_and_reported(tmp_path: Path, case: Case) -> None:
    path = tmp_path / case.file
    path.write_bytes(case.content())
    articles, problems = ingest.read_file(path)
    result = deduplicate(articles)
    reported = [p.to_dict() for p in [*problems, *result.problems]]
    assert [a.id for a in result.articles] == list(case.kept)
    assert len(reported) == 1 and problem_matches(reported[0], path, case, 300_000), reported


def test_a_repaired_article_keeps_its_text() -> None:
    # The undecodable bytes are read in the encoding that fits, not dropped.
    [latin] = next(c for c in CASES if c.file == "latin1.jsonl").content().decode("latin-1").splitlines()
    assert json.loads(latin)["text"] == "Le café de Sète a fermé lundi, a dit le maire."


def test_a_huge_article_is_cut_to_the_configured_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.jsonl"
    path.write_bytes(big_article())
    articles, _ = ingest.read_file(path, max_chars=5_000)
    assert [len(a.text) for a in articles] == [5_000, len("Oslo opened a ski jump on Friday.")]
    assert articles[0].text.startswith("The harbour council of Lisbon")


def event_article_ids(outputs: Path) -> set[str]:
    return {
        a["id"]
        for path in (outputs / "events").glob("*/event.json")
        for a in json.loads(path.read_text("utf-8"))["articles"]
    }


def test_a_run_over_bad_and_good_files_finishes_and_lists_every_bad_one(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(INPUTS, folder / "good")
    for case in CASES:
        (folder / case.file).write_bytes(case.content())
    cap = 3_000
    config = tmp_path / "briefings.toml"
    config.write_text(f"n_process = 1\nmax_article_chars = {cap}\n", encoding="utf-8")
    outputs = tmp_path / "outputs"

    result = CliRunner().invoke(
        app, ["run", str(folder), "--outputs", str(outputs), "--config", str(config), "--no-pdf", "-q"]
    )

    assert result.exit_code == 0, result.output
    good_ids = {a.id for f in sorted((folder / "good").iterdir()) for a in ingest.read_file(f)[0]}
    assert len(good_ids) == 15
    assert event_article_ids(outputs) == good_ids | {i for c in CASES for i in c.kept}
    [run_file] = (outputs / "runs").glob("*.json")
    report = json.loads(run_file.read_text("utf-8"))
    skipped = report["skipped"]
    for case in CASES:
        matching = [p for p in skipped if problem_matches(p, folder / case.file, case, cap)]
        assert len(matching) == 1, (case.name, skipped)
    assert len(skipped) == len(CASES)
    assert report["exit_status"] == 0
