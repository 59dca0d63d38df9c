"""What a reader sees of a position: whole-clause contents, and speakers that are no bare
number word nor a document whose issuer the text names.

Tables of sentences written for the rules, with negatives.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from jobs.extract import extract
from jobs.extract.content_edges import out_of_brackets, whole, without_dangling
from jobs.models import Article, Quote

BLANK = spacy.blank("en")


def quotes_of(nlp, text: str) -> list[Quote]:
    return list(extract(nlp(text), Article(id="a", text=text)).quotes)


def _edges(fn, words: str, start: int, end: int) -> str:
    doc = Doc(BLANK.vocab, words=words.split())
    lo, hi = fn(doc, start, end)
    return " ".join(t.text for t in doc[lo : hi + 1])


# (words, content token range, the content a reader should see)
BRACKETS = [
    ("said hundreds of ISIS ( Islamic State ) fighters escaped", (7, 9), "fighters escaped"),
    ("found a mass of 4.2 M ( Solar masses ; 1 mass = Sun )", (1, 9), "a mass of 4.2 M"),
    ("said [ the ] plan ( a draft ) works", (4, 9), "plan ( a draft ) works"),  # closed inside
    ("said the plan works )", (1, 4), "the plan works )"),  # no opening bracket: nothing to step out of
    ("said ( the plan works", (2, 4), "the plan works"),  # no bracket at the edges
]
DANGLING = [
    ("largely Kurdish and ,", (0, 3), "largely Kurdish"),
    ("and the talks failed", (0, 3), "the talks failed"),
    ("the aid was contingent but", (0, 4), "the aid was contingent"),
    ("bread and butter", (0, 2), "bread and butter"),  # a conjunction inside stays
    ("Andrew or Bertha", (0, 2), "Andrew or Bertha"),
]


@pytest.mark.parametrize(("words", "rng", "expected"), BRACKETS)
def test_content_never_starts_or_ends_inside_brackets(words, rng, expected):
    assert _edges(out_of_brackets, words, *rng) == expected


@pytest.mark.parametrize(("words", "rng", "expected"), DANGLING)
def test_content_has_no_hanging_conjunction(words, rng, expected):
    assert _edges(without_dangling, words, *rng) == expected


def test_whole_steps_out_of_brackets_then_drops_the_hanging_word():
    assert _edges(whole, "the plan ( a draft ) works and", 3, 7) == "works"


# (text, words of the content, the content's first and last words): real parses
CONTENTS = [
    (
        "The SDF said hundreds of ISIS (Islamic State of Iraq and Syria) fighters escaped from a camp at Ain Issa.",
        "escaped from a camp",
        ("fighters", "Issa"),
    ),
    (
        "YPG is the main fighting force of the SDF, largely Kurdish and, according to Turkey, supportive of the PKK.",
        "largely Kurdish",
        ("YPG", "."),
    ),
    ("Ten people died in the fire, according to police.", "died in the fire", ("Ten", "fire")),
    ("According to the police, ten people died in the fire.", "died in the fire", ("ten", ".")),
    # the sentence the parser runs over a paragraph break is cut back to its paragraph
    (
        '"We are worried."\n\nAccording to Dr. Tom Frieden, a former director of the agency, the outbreak is "unprecedented."',
        "the outbreak",
        ("the", '"'),
    ),
]


@pytest.mark.parametrize(("text", "words", "edges"), CONTENTS)
def test_content_is_whole_clauses(nlp, text, words, edges):
    contents = [q.text for q in quotes_of(nlp, text) if words in q.text]
    assert len(contents) == 1, contents
    first, last = edges
    assert contents[0].split()[0] == first and contents[0].endswith(last), contents


# (text, words of the content, the speaker a reader should see)
SPEAKERS = [
    ("Two women were hurt. One of the victims said the men had fled in a van.", "fled in a van", "One of the victims"),
    ("Several rescuers spoke. Two of the rescuers said the water rose fast.", "water rose fast", "Two of the rescuers"),
    ("One of his aides, John Smith, said the talks had failed.", "talks had failed", "John Smith"),
    ("One resident said the water rose fast.", "water rose fast", "One resident"),
    (
        "The judge died at 99, according to a statement released by the Supreme Court.",
        "judge died",
        "Supreme Court",
    ),
    ("A statement from the Turkish presidency said the operation would be short.", "would be short", "presidency"),
    (
        "Another report from the Mexican government said eight people died in the attack.",
        "eight people died",
        "Mexican government",
    ),
    (
        "The White House said in a statement that talks had failed. The statement added that more talks were planned.",
        "more talks were planned",
        "White House",
    ),
    (
        "Turkey began the operation on Sunday. The Turkish statement called for a safe zone east of the river.",
        "a safe zone",
        "Turkey",
    ),
    # a relative pronoun the parser hung on no relative clause is the noun before it
    (
        "The shooting began at noon, according to police, who said officers arrived six minutes later.",
        "officers arrived",
        "police",
    ),
    # no issuer in the text: the document stays the source
    (
        "Troops crossed the border. The Turkish statement called for a safe zone.",
        "a safe zone",
        "The Turkish statement",
    ),
    ("A statement said the plant would close in May.", "plant would close", "A statement"),
    ("The report said the bridge was unsafe for trucks.", "bridge was unsafe", "The report"),
    ("The agency met on Monday. Costs rose, according to its annual report.", "Costs rose", "its annual report"),
    # an earlier statement of someone is not the one "a statement" or "statements" are
    (
        "The firm said in a statement that sales fell. According to official statements, the chief resigned.",
        "the chief resigned",
        "official statements",
    ),
    (
        "The mayor said in a statement that the road was open. A statement later said the road was closed.",
        "road was closed",
        "A statement",
    ),
]


@pytest.mark.parametrize(("text", "words", "speaker"), SPEAKERS)
def test_speaker_a_reader_can_place(nlp, text, words, speaker):
    speakers = {q.speaker for q in quotes_of(nlp, text) if words in q.text}
    assert len(speakers) == 1 and speaker in speakers.pop(), speakers


def test_question_word_takes_no_antecedent(nlp):
    quotes = quotes_of(nlp, "Nobody knows who said the bridge was unsafe.")
    assert [q.speaker for q in quotes if q.cue == "said"] == ["who"]


# (text, words, whether a position holds them): a clause of purpose or cause the parser hung on
# a cue as its complement is not what was said
ADVERBIAL_CLAUSES = [
    ("The states sued over the emergency Trump declared last Friday so he could fund a wall.", "fund a wall", False),
    ("The mayor said so many people had come that the hall was full.", "many people had come", True),
    ("She said that the plan was dead because the money ran out.", "the plan was dead", True),
]


@pytest.mark.parametrize(("text", "words", "held"), ADVERBIAL_CLAUSES)
def test_adverbial_clause_is_not_a_report(nlp, text, words, held):
    assert any(words in q.text for q in quotes_of(nlp, text)) is held
