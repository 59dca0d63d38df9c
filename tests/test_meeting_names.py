"""Parties whose names the mentions missed: a known person's surname repeated untagged or tagged
as a common noun, a proper noun the model calls a person but the actor extractor dropped, a
subject the parser read into a time phrase; never a weekday, a place or a word that only looks
like a name (real model, loaded once, for the sentences); and who says "I" in quotation marks that
go on from a quotation told before (no model)."""

from __future__ import annotations

import pytest

from jobs.aggregate import build_event
from jobs.extract import extract
from jobs.extract.meeting_names import known_persons
from jobs.extract.meeting_pronouns import continued_quote
from jobs.models import Article, Meeting, Mention, Quote


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
    # the subject read into a time phrase before the verb ("On [Thursday Sanders] met")
    ("Hillary Clinton won. Bernie Sanders conceded. On Thursday Sanders met Clinton at a hotel.",
     {"Bernie Sanders", "Hillary Clinton"}, {"Thursday", "Thursday Sanders"}),
    ("On Monday, Barack Obama met Benjamin Netanyahu at the White House.",
     {"Barack Obama", "Benjamin Netanyahu"}, {"Monday", "White House"}),
    # "her" of a reported clause is who reports it, a "she" followed back through main clauses
    ("Juanita Broaddrick spoke on the radio. She said the assault took place in 1978. On Sunday, she disclosed "
     "for the first time that after the assault, Bill Clinton called her.", {"Bill Clinton", "Juanita Broaddrick"}, set()),
    # ... not past a main clause about another person
    ("Juanita Broaddrick spoke on the radio. Hillary Clinton denied the story. On Sunday, she disclosed "
     "for the first time that after the assault, Bill Clinton called her.", {"Bill Clinton", "Hillary Clinton"},
     {"Juanita Broaddrick"}),
    # people of campaigns and causes described where no name fits, not the place they are of
    ("Iowa precinct captains met with Clinton aides on Saturday.", {"Iowa precinct captains"}, {"Iowa"}),
    ("Senator Ted Cruz met with evangelical pastors in Iowa.", {"Ted Cruz", "evangelical pastors"}, {"Iowa"}),
    # a title coordinated with a name is no party; the name hung on the next title's name is one
    ("The summit between President Donald Trump and President Vladimir Putin was held in Helsinki.",
     {"Donald Trump", "Vladimir Putin"}, {"President", "Helsinki"}),
    # the name after a "with" the parser left without its object
    ("Secretary Antony Blinken's meeting with Foreign Minister Wang Yi lasted five hours.",
     {"Antony Blinken", "Wang Yi"}, {"Foreign Minister"}),
    # who accepts or declines an invitation to meet would meet
    ("President Lula declined an invitation to meet President Javier Milei.", {"Lula", "Javier Milei"}, set()),
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
]  # fmt: skip


@pytest.mark.parametrize(("text", "parties", "not_parties"), SENTENCES)
def test_untagged_parties(nlp, text: str, parties: set[str], not_parties: set[str]) -> None:
    meetings = _meetings(nlp, text)
    assert any(parties <= set(m.participants) for m in meetings), [m.participants for m in meetings]
    assert not any(not_parties & set(m.participants) for m in meetings)


SAID = "“I am disturbed,” Gorka declared."


def _quote(text: str, speaker: str) -> Quote:
    return Quote("a", speaker, "statement", "declared", 0, text.index("”") + 1, text[: text.index("”") + 1])


# (article text, the named persons in it, whether "I’ve met" goes on from Gorka's quotation)
CONTINUED = [
    (SAID + "\n\n“Let’s boil it down,” he continued. “I’ve met Mr. Trump twice.”", ["Gorka"], True),
    (SAID + " “I’ve met Mr. Trump twice.”", ["Gorka"], True),
    ('"I am disturbed," Gorka declared. "I\'ve met Mr. Trump twice."', ["Gorka"], True),
    # not inside quotation marks
    (SAID + " He said I’ve met Mr. Trump twice.", ["Gorka"], False),
    (SAID + " “Fine.” I’ve met Mr. Trump twice.", ["Gorka"], False),
    # another person speaks in between
    (SAID + " Bolton disagreed. “I’ve met Mr. Trump twice.”", ["Gorka", "Bolton"], False),
    # too far from the quotation
    (SAID + "\n\nThe rally ended.\n\nVoters left.\n\n“I’ve met Mr. Trump twice.”", ["Gorka"], False),
]


@pytest.mark.parametrize(("text", "named", "expected"), CONTINUED)
def test_continued_quote(text: str, named: list[str], expected: bool) -> None:
    mentions = [Mention("a", text.index(n), text.index(n) + len(n), n, n, "person") for n in named]
    quote = _quote(text, "Gorka") if "”" in text else Quote("a", "Gorka", "statement", "declared", 0, 20, text[:20])
    found = continued_quote(text.index("I’ve met" if "’ve" in text else "I've met"), text, [quote], mentions)
    assert (found is not None and found.speaker == "Gorka") == expected
