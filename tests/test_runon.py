"""A run-on article (one "sentence" of thousands of words) costs extraction linear work.

Not timed: the work is counted, as the lines run in jobs/extract and the function calls
made anywhere (spaCy's Cython included: every Token object made is one), on a run-on
article and on one twice as long. A step that reads the whole text once per mention, cue
or quotation (`Doc.text`, `Doc.ents`, `Token.sent`, the children of the root) makes the
count grow about threefold to fourfold at these lengths; linear work about twofold.
The evidence stored stays bounded however long the sentence.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import jobs
from jobs.evaluation.runon import runon_text
from jobs.extract import actors, extract, meetings, positions
from jobs.extract.meetings import SNIPPET_CHARS
from jobs.extract.positions import MAX_CONTENT_TOKENS
from jobs.models import Article

EXTRACT = str(Path(jobs.__file__).parent / "extract")
SHORT, LONG = 4_000, 8_000
# Linear work doubles (a little less at these lengths, fixed costs aside); the quadratic
# steps this guards against made it triple.
MAX_GROWTH = 2.4


def work(step: Callable[[], Any]) -> int:
    """Lines run in jobs/extract plus calls made anywhere while `step` runs."""
    count = 0

    def on_line(frame: Any, event: str, arg: Any) -> Any:
        nonlocal count
        count += 1
        return on_line

    def on_call(frame: Any, event: str, arg: Any) -> Any:
        return on_line if frame.f_code.co_filename.startswith(EXTRACT) else None

    def on_profile(frame: Any, event: str, arg: Any) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.settrace(on_call)
    sys.setprofile(on_profile)
    try:
        step()
    finally:
        sys.settrace(None)
        sys.setprofile(None)
    return count


@pytest.fixture(scope="module")
def runons(nlp):
    """(article, doc, mentions) of the short and the long run-on article."""
    out = []
    for chars in (SHORT, LONG):
        article = Article(id=f"runon-{chars}", text=runon_text(chars), published="2024-05-03")
        doc = nlp(article.text)
        out.append((article, doc, actors.extract_mentions(doc.copy(), article)))
    return out


STAGES = {
    "mentions": lambda article, doc, mentions: actors.extract_mentions(doc, article),
    "quotes": lambda article, doc, mentions: positions.extract_quotes(doc, article, mentions),
    "meetings": lambda article, doc, mentions: meetings.extract_meetings(doc, article, mentions),
    "everything": lambda article, doc, mentions: extract(doc, article),
}


@pytest.mark.parametrize("stage", list(STAGES))
def test_twice_the_run_on_article_costs_about_twice_the_work(runons, stage):
    def cost(article, doc, mentions):
        # a fresh Doc each time: the lookups cached on a Doc must not hide a first computation
        fresh = doc.copy()
        return work(lambda: STAGES[stage](article, fresh, mentions))

    short, long = (cost(*runon) for runon in runons)
    assert long / short < MAX_GROWTH, f"{stage}: {short:,} -> {long:,} units of work"


def test_the_stored_evidence_of_a_run_on_article_stays_bounded(runons):
    article, doc, _ = runons[1]
    facts = extract(doc.copy(), article)
    assert facts.quotes and facts.meetings  # the article has both, so the bound is tested
    assert max(len(q.text.split()) for q in facts.quotes) <= MAX_CONTENT_TOKENS
    assert max(len(m.text) for m in facts.meetings) <= SNIPPET_CHARS
