"""Reports the parse hides: a clause of saying hung under the wrong word, quotation marks of
two families. Tables of sentences written for them, with negatives."""

from __future__ import annotations

import pytest
import spacy

from jobs.extract import extract
from jobs.extract.quotations import quote_spans
from jobs.models import Article, Quote


def quotes_of(nlp, text: str) -> list[Quote]:
    return list(extract(nlp(text), Article(id="a", text=text)).quotes)


# (text, speaker, content): the small model hangs the reported clause under a gerund or an
# object of the cue instead of the cue itself
MISREAD_COMPLEMENTS = [
    ("Manny Gomez said seeing so many police officers at Pride was a welcome sight.", "Manny Gomez",
     "seeing so many police officers at Pride was a welcome sight"),
    ("Since earlier this year, Mr. Xi and other leaders have said cutting that output must be a key part "
     "of their program.", "Xi", "cutting that output must be a key part"),
    ("The coach said losing three games in a row was hard on the players.", "coach",
     "losing three games in a row was hard"),
]  # fmt: skip


# A cue verb with an object that is not speech, or a clause that is not its complement.
NOT_REPORTS = [
    "She said goodbye to the guest who was leaving.",
    "He said goodbye and she left the room.",
    "He said nothing about the plan that his aides had drafted.",
    "The mayor claimed credit for the program the council passed.",
    "The senator was said to be furious with the party.",
]


@pytest.mark.parametrize("text", NOT_REPORTS)
def test_cue_verb_without_report(nlp, text):
    assert quotes_of(nlp, text) == []


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


# (text, quotations): outlets that close a curly quotation with a straight mark or the other way
MIXED_MARKS = [
    ('“Our roads are crumbling," she said. "Families endure blackouts."',
     ['“Our roads are crumbling,"', '"Families endure blackouts."']),
    ('"The pool is out of balance,” the group wrote.', ['"The pool is out of balance,”']),
    # a nested quotation of the other family is still nested
    ('“He called it "fake" news,” she said.', ['“He called it "fake" news,”']),
    ('"He called it “fake” news," she said.', ['"He called it “fake” news,"']),
    ('“He called it "fake news," and left,” she said.', ['“He called it "fake news," and left,”']),
    # mixed families in sequence still pair each with its own kind
    ('“Curly,” and "straight" too.', ["“Curly,”", '"straight"']),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), MIXED_MARKS)
def test_mixed_quotation_marks(blank, text, expected):
    doc = blank(text)
    assert [doc[a : b + 1].text for a, b in quote_spans(doc)] == expected


# (text, speaker, content): a verb of stance whose object is what the speaker holds
OBJECT_STANCES = [
    ("Treasury Secretary Jacob J. Lew acknowledged the agency's limitation in ending inversions.", "Lew",
     "the agency's limitation in ending inversions"),
    ("He also warned China against provocative behavior in the South China Sea.", "He",
     "China against provocative behavior"),
    ("The minister conceded a serious failure of the border police.", "minister", "a serious failure of the border police"),
    ("Ms. Okafor predicted a long and costly strike at the port.", "Okafor", "a long and costly strike"),
]  # fmt: skip


# Objects that are not a stance, or a colon and quotation that hold the words themselves.
NOT_OBJECT_STANCES = [
    ("The Senate confirmed the new federal judge on Tuesday.", None),
    ("Mariano wrote a memoir of her years at the White House.", None),
    ("She noted the irony: “We built this road ourselves.”", "“We built this road ourselves.”"),
]


# (text, speaker, content): a cue clause between commas inside the sentence it reports
ASIDES = [
    ("This sort of opining, CNN claimed, violates its code of journalistic practices.", "CNN",
     "violates its code"),
    ("If she becomes president, Clinton suggested in a tweet, women won’t be punished for it.", "Clinton",
     "women won’t be punished"),
    ("The plan, officials said on Monday, would cost the city about $40 million over five years.", "officials",
     "would cost the city"),
]  # fmt: skip


# A relative clause between commas is no aside; a cue with a complement of its own reports that.
NOT_ASIDES = [
    ("Smith, who said nothing, left the room after the vote.", None),
    ("Later, the mayor said the road would reopen, and crews went home.", "the road would reopen"),
]


@pytest.mark.parametrize(("text", "speaker", "content"), MISREAD_COMPLEMENTS + OBJECT_STANCES + ASIDES)
def test_report_is_found(nlp, text, speaker, content):
    found = [q for q in quotes_of(nlp, text) if content in q.text]
    assert found, text
    assert speaker in found[0].speaker


@pytest.mark.parametrize(("text", "only"), NOT_OBJECT_STANCES + NOT_ASIDES)
def test_only_the_report_told(nlp, text, only):
    assert [q.text for q in quotes_of(nlp, text)] == ([only] if only else [])
