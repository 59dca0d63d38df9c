"""Speakers of short reports written in the styles of outlets the project has not seen.

`fixtures/speakers/unseen-outlets.jsonl` holds short multi-paragraph texts (wire, broadsheet,
local, sports, courts, UK) with the expected speaker of each quote: bylines and photo credits
that are no speakers, "she said" chains, two people of the same gender, descriptions that
stand for a named actor and some that name no one, documents and those who filed them.
Rules are written from the odd-numbered texts; the even-numbered ones are only measured.
"""

from __future__ import annotations

import json

import pytest

from jobs.extract import extract
from jobs.models import Article
from tests.conftest import FIXTURES

CASES = [json.loads(line) for line in (FIXTURES / "speakers" / "unseen-outlets.jsonl").read_text().splitlines()]
FIX_PART = [c for c in CASES if int(c["id"][1:]) % 2 == 1]
MEASURE_PART = [c for c in CASES if int(c["id"][1:]) % 2 == 0]
# Known misses of the part the rules were written from, with why.
OPEN = {
    ("u31", "he was innocent"): "the parser reads 'The 34-year-old told reporters' as a noun phrase: no cue",
    ("u33", "cost jobs"): "'The senator' was never said of Brown, whom the model does not tag as a person",
    ("u57", "passed a medical"): "the model types Leeds United a person and names no club for 'the club'",
    ("u75", "fall mostly on its plants"): "the model tags no entity in 'Delmont Foods', so 'the company' has no actor",
    ("u77", "raise 300 billion shillings"): "'Ndung'u' is not joined to 'Njuguna Ndung'u': the apostrophe splits the name",
    ("u77", "keep borrowing to pay salaries"): "'the CS' (Cabinet Secretary) is an abbreviated title no rule reads",
}
# Share of the measure-only part's quotes whose speaker is right, a guard against regressions kept
# below what was measured: 34 of 37 before these rules (lone surnames were not named in full);
# 54 of 55 with them, once the part had grown to 55 quotes. Twenty texts in new styles (u65-u84) took
# the part to 92 quotes, 85 right before the rules written after them and 90 with them.
MEASURE_FLOOR = 0.9


def _plain(name: str | None) -> str:
    name = (name or "").strip()
    return name[4:].casefold() if name.lower().startswith("the ") else name.casefold()


def _speaker_of(nlp, case: dict, contains: str) -> str | None:
    facts = extract(nlp(case["text"]), Article(id=case["id"], text=case["text"]))
    return next((q.speaker for q in facts.quotes if contains in q.text), None)


@pytest.mark.parametrize(
    ("case", "contains", "speaker"),
    [
        pytest.param(
            c,
            q["contains"],
            q["speaker"],
            id=f"{c['id']}-{q['contains'][:20]}",
            marks=[pytest.mark.xfail(reason=OPEN[c["id"], q["contains"]], strict=True)]
            if (c["id"], q["contains"]) in OPEN
            else [],
        )
        for c in FIX_PART
        for q in c["quotes"]
    ],
)
def test_speaker_of_each_quote(nlp, case, contains, speaker):
    assert _plain(_speaker_of(nlp, case, contains)) == _plain(speaker)


def test_measure_part_share_right(nlp):
    rows = [(c, q) for c in MEASURE_PART for q in c["quotes"]]
    wrong = [
        (c["id"], q["contains"], got, q["speaker"])
        for c, q in rows
        if _plain(got := _speaker_of(nlp, c, q["contains"])) != _plain(q["speaker"])
    ]
    assert len(rows) >= 35
    assert 1 - len(wrong) / len(rows) >= MEASURE_FLOOR, wrong
