"""Every outlet's copy of a story stays in its event; only a report read again is dropped (real model, no PDF)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest

from jobs import pipeline
from jobs.config import DEFAULT_MODEL, Config, project_root

ROOT = project_root()
MODEL = os.environ.get("BRIEFINGS_MODEL", DEFAULT_MODEL)

STORY = (
    "Firefighters in Lisbon battled a blaze at the Chiado shopping centre on Sunday. "
    "Mayor Fernando Medina said 14 people were treated for smoke. The fire started in a bakery "
    "on Rua Garrett and spread to three buildings before it was contained at 9 pm."
)


def report(id_: str, source: str, text: str = STORY) -> dict[str, Any]:
    return {"id": id_, "title": "Fire in Lisbon", "text": text, "published": "2021-03-07", "source": source}


def outlet_id(id_: str, source: str) -> str:
    """The id a copy from another outlet gets when its id was taken (see jobs.ingest.copies)."""
    return f"{id_}~{hashlib.sha1(json.dumps([source, None]).encode()).hexdigest()[:8]}"


AP, BBC, BBC_SAME_ID = report("ap-1", "AP"), report("bbc-9", "BBC"), report("ap-1", "BBC")
# The same report read again (in a file of other content, which is read: a file read before is not).
AP_AGAIN = {**AP, "title": "Lisbon: fire in the Chiado"}
# Only white space and case differ: the same normalised text.
BBC_RESPACED = report("bbc-9", "BBC", STORY.upper().replace(". ", ".\n  "))


@pytest.mark.parametrize(
    ("runs", "listed", "duplicate_of", "dropped", "kept_copies"),
    [
        ([[AP, AP_AGAIN]], {"ap-1": "AP"}, {}, 1, 0),
        ([[AP], [AP_AGAIN]], {"ap-1": "AP"}, {}, 1, 0),
        ([[AP, BBC]], {"ap-1": "AP", "bbc-9": "BBC"}, {"bbc-9": "ap-1"}, 0, 1),
        ([[AP], [BBC]], {"ap-1": "AP", "bbc-9": "BBC"}, {"bbc-9": "ap-1"}, 0, 1),
        ([[AP], [BBC_RESPACED]], {"ap-1": "AP", "bbc-9": "BBC"}, {"bbc-9": "ap-1"}, 0, 1),
        (
            [[AP, BBC_SAME_ID]],
            {"ap-1": "AP", outlet_id("ap-1", "BBC"): "BBC"},
            {outlet_id("ap-1", "BBC"): "ap-1"},
            0,
            1,
        ),
        (
            [[AP], [BBC_SAME_ID], [BBC_SAME_ID, AP_AGAIN]],
            {"ap-1": "AP", outlet_id("ap-1", "BBC"): "BBC"},
            {outlet_id("ap-1", "BBC"): "ap-1"},
            2,
            1,
        ),
    ],
    ids=[
        "same id and text in one run: dropped",
        "same id and text across runs: dropped",
        "another id in one run: kept as a copy",
        "another id across runs: kept as a copy",
        "another id, text differing in space and case: kept as a copy",
        "same id from another outlet: kept under a suffixed id",
        "same id from another outlet, read again later: kept once",
    ],
)
def test_every_outlet_is_listed_once(
    tmp_path: Path,
    runs: list[list[dict[str, Any]]],
    listed: dict[str, str],
    duplicate_of: dict[str, str],
    dropped: int,
    kept_copies: int,
) -> None:
    config = Config(inputs=(), outputs=tmp_path / "out", model=MODEL, templates=ROOT / "templates", n_process=1)
    reports = []
    for n, records in enumerate(runs):
        path = tmp_path / f"run{n}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        reports.append(pipeline.run(config, inputs=[path], pdf=False, send=False))
    assert sum(r.duplicates for r in reports) == dropped
    assert sum(r.copies for r in reports) == kept_copies
    [folder] = (config.outputs / "events").iterdir()
    data = json.loads((folder / "event.json").read_text("utf-8"))
    assert contract_problems(data) == []
    assert {a["id"]: a["source"] for a in data["articles"]} == listed
    assert {a["id"]: a["duplicate_of"] for a in data["articles"] if a["duplicate_of"]} == duplicate_of
    page = (folder / "briefing.html").read_text("utf-8")
    assert all(f'<span class="outlet">{source}</span>' in page for source in listed.values())
    assert page.count("(same text as [1])") == len(duplicate_of)


def contract_problems(data: dict[str, Any]) -> list[str]:
    """Where an event.json departs from the contract's `briefing-event/2` (../shared/CONTRACT.md)."""
    problems = []
    top = {
        "schema": str, "id": str, "merged_ids": list, "title": str, "summary": list, "version": int,
        "updated": str, "articles": list, "actors": list, "meetings": list, "positions": list,
    }  # fmt: skip
    problems += [
        f"{key}: missing or not {kind.__name__}" for key, kind in top.items() if not isinstance(data.get(key), kind)
    ]
    if data.get("schema") != "briefing-event/2":
        problems.append(f"schema is {data.get('schema')!r}")
    ids = {a.get("id") for a in data.get("articles", [])}
    for a in data.get("articles", []):
        missing = {"id", "title", "source", "url", "published"} - set(a)
        if missing:
            problems.append(f"article {a.get('id')}: no {sorted(missing)}")
        copied = a.get("duplicate_of")
        if copied is not None and (copied not in ids or copied == a.get("id")):
            problems.append(f"article {a.get('id')}: duplicate_of {copied!r} is not another article of the event")
    for actor in data.get("actors", []):
        if actor.get("type") not in {"person", "organization", "place", "group"}:
            problems.append(f"actor {actor.get('name')}: type {actor.get('type')!r}")
    return problems
