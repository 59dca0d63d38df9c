"""Parties whose names the mentions missed: a known person's surname repeated untagged or tagged
as a common noun, a proper noun the model calls a person but the actor extractor dropped; never
a weekday, a place or a word that only looks like a name (real model, loaded once, for the
sentences; the surname table without one)."""

from __future__ import annotations

import pytest

from jobs.aggregate import build_event
from jobs.extract import extract
from jobs.extract.meeting_names import known_persons
from jobs.models import Article, Meeting, Mention


def _mention(entity: str, label: str = "person") -> Mention:
    return Mention("a", 0, len(entity), entity, entity, label)


# (entities of the article's mentions, a name as written, the entity it stands for or None)
KNOWN = [
    (["Paul Ryan", "Donald Trump"], "ryan", "Paul Ryan"),
    (["Paul Ryan", "Donald Trump"], "donald trump", "Donald Trump"),
    # two persons share the surname: it names neither
    (["Bill Clinton", "Hillary Clinton"], "clinton", None),
    (["Bill Clinton", "Hillary Clinton"], "hillary clinton", "Hillary Clinton"),
    # a place or a body is no person
    (["Jordan"], "jordan", None),
    (["Paul Ryan", "Ryan Air"], "air", None),
]


@pytest.mark.parametrize(("entities", "written", "expected"), KNOWN)
def test_known_persons(entities: list[str], written: str, expected: str | None) -> None:
    mentions = [_mention(e, "organization" if e in ("Jordan", "Ryan Air") else "person") for e in entities]
    found = known_persons(mentions).get(written)
    assert (found.entity if found is not None else None) == expected


def _meetings(nlp, text: str) -> list[Meeting]:
    article = Article(id="a", text=text, published="2016-05-03")
    return list(build_event("e", [article], {"a": extract(nlp(text), article)}).meetings)


# (text, parties one meeting must hold, words no meeting may hold as a party)
SENTENCES = [
    # a surname the actor extractor dropped: the object of "with"
    ("Mitt Romney criticized the plan. Romney also met privately with Ryan last month.", {"Mitt Romney", "Ryan"}, set()),
    # ... the noun a relative clause describes
    ("Ryan, who met Trump on Monday, said the talks went well.", {"Ryan", "Trump"}, {"Monday"}),
    # a weekday or a place before the verb is no party
    ("On Thursday, Senator Sanders met Clinton at a hotel in Des Moines.", {"Clinton"}, {"Thursday", "Des Moines"}),
    ("Paul Ryan met with Donald Trump in Washington on Thursday.", {"Paul Ryan", "Donald Trump"}, {"Washington", "Thursday"}),
    # names coordinated with a person's, untagged
    ("There was a meeting among Merkel, Hollande and Renzi on the island.", {"Merkel", "Hollande", "Renzi"}, set()),
    ("Angela Merkel, Francois Hollande and Matteo Renzi met on the island of Ventotene.",
     {"Angela Merkel", "Francois Hollande", "Matteo Renzi"}, {"Ventotene"}),
    # a lone surname tagged as a common noun at the start of a sentence: the known person
    ("Bernie Sanders campaigned in Ohio. Sanders spoke with Schumer by phone on Sunday.",
     {"Bernie Sanders", "Schumer"}, {"Ohio", "Sunday"}),
    # ... a place or a day coordinated with a person is none
    ("Angela Merkel met Francois Hollande and Matteo Renzi in Paris on Monday.",
     {"Angela Merkel", "Francois Hollande", "Matteo Renzi"}, {"Paris", "Monday"}),
]


@pytest.mark.parametrize(("text", "parties", "not_parties"), SENTENCES)
def test_untagged_parties(nlp, text: str, parties: set[str], not_parties: set[str]) -> None:
    meetings = _meetings(nlp, text)
    assert any(parties <= set(m.participants) for m in meetings), [m.participants for m in meetings]
    assert not any(not_parties & set(m.participants) for m in meetings)
