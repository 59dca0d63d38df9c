"""Nationality and home-state epithets as speakers ("the Spaniard", "the Texan"), written in the
styles of sports pages, wires and foreign desks, with the cases where they must stay unnamed."""

from __future__ import annotations

import pytest

from jobs.extract import extract
from jobs.models import Article


def speaker_of(nlp, text: str, words: str) -> str | None:
    quotes = extract(nlp(text), Article(id="a", text=text)).quotes
    return next((q.speaker for q in quotes if words in q.text), None)


# (text, words of the quote, speaker)
EPITHETS = [
    ("Chelsea boss Enzo Maresca praised his defence after the draw. \"We were solid for ninety minutes,\" "
     "the Italian told reporters.", "solid for ninety minutes", "Enzo Maresca"),
    ("Rick Perry praised the field. \"We have very experienced governors,\" the Texan said.",
     "experienced governors", "Rick Perry"),
    ("Magnus Carlsen withdrew from the tournament on Friday. \"I need a break from classical chess,\" "
     "the 33-year-old Norwegian said.", "break from classical chess", "Magnus Carlsen"),
    ("Coach Jens Berg was furious with the referee. \"That was never a foul,\" the Swede said.",
     "never a foul", "Jens Berg"),
]  # fmt: skip

# Two people the epithet may stand for (joined, or one the other's object: either may be the
# one of that nationality), or an organisation: no name is given.
UNNAMED = [
    ("Jannik Sinner beat Carlos Alcaraz in four sets on Sunday. \"It was a very physical match,\" the Italian said.",
     "very physical match", "the Italian"),
    ("Serena Williams beat Simona Halep 6-2 6-3 on Saturday. \"I just could not find my rhythm,\" the Romanian said.",
     "find my rhythm", "the Romanian"),
    ("Chelsea boss Enzo Maresca praised Cole Palmer after the draw. \"We were solid for ninety minutes,\" "
     "the Italian told reporters.", "solid for ninety minutes", "the Italian"),
    ("Luka Modric and Toni Kroos left the pitch together. \"We gave everything,\" the German said.",
     "gave everything", "the German"),
    ("The Kremlin rejected the claims on Monday. \"These are lies,\" the Kremlin said.",
     "These are lies", "Kremlin"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "words", "speaker"), EPITHETS)
def test_epithet_names_the_person(nlp, text, words, speaker):
    assert speaker_of(nlp, text, words) == speaker


@pytest.mark.parametrize(("text", "words", "speaker"), UNNAMED)
def test_epithet_left_unnamed(nlp, text, words, speaker):
    assert speaker_of(nlp, text, words) == speaker
