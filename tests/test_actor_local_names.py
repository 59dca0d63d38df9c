"""Names of local news: titles of councils and police before a name, family-name particles, court lists
in capitals, three-part names (rules without a model, and sentences through the real model)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

from jobs.aggregate.actors import _canonical_names
from jobs.extract.actors_given import is_given_name
from jobs.extract.actors_names import head_word_type, listed_names, name_text, personal_name, untagged_names
from jobs.names import person_key
from tests.test_actors import _actors


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Cllr Sunil Patel", ("sunil", "patel")),
        ("Cllr Patel", ("patel",)),
        ("Snr Supt Rishi Singh", ("rishi", "singh")),
        ("Garda Niamh Walsh", ("niamh", "walsh")),
        ("Siobhán Lankford SC", ("siobhan", "lankford")),
        ("Engr. Maria Santos", ("maria", "santos")),
        ("Nestor Archival Sr.", ("nestor", "archival")),
    ],
)
def test_person_key_drops_titles_and_suffixes(name, key):
    assert person_key(name) == key


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Seán", True),
        ("Gareth", True),
        ("Rhodri", True),
        ("Teresita", True),
        ("Imran", True),
        ("Dawn", False),
        ("Lincoln", False),
    ],
)
def test_given_names_of_many_countries(word, expected):
    assert is_given_name(word) is expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Ysgol Abererch", "organization"),
        ("Bord Pleanála", "organization"),
        ("Gandhi Nagar", "place"),
        ("Rhodri Morgan", None),
    ],
)
def test_head_word_type_of_local_names(words, expected):
    assert head_word_type(words.split()) == expected


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Cases heard on Friday:\nJOHN PAUL McGUINNESS, 34, of Bridge Street, Omagh, was fined.",
            ["John Paul McGuinness"],
        ),
        ("SARAH-JANE O'NEILL, 27, of Gortin, was discharged.", ["Sarah-Jane O'Neill"]),
        ("DECLAN MacGIOLLA EASPAIG, 45, had his case adjourned.", ["Declan MacGiolla Easpaig"]),
        ("OMAGH — A man, 45, was fined.", []),  # a dateline, no name and age
        ("The NHS TRUST, 12, was cited.", []),  # not at the start of a line
    ],
)
def test_court_list_names(text, names):
    doc = spacy.blank("en")(text)
    assert [name_text(s, "person") for s in listed_names(doc)] == names


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        ("JOHN SMITH", "person", "John Smith"),
        ("JOHN SMITH", "organization", "JOHN SMITH"),
        ("NATO", "person", "NATO"),
        ("John McDonald", "person", "John McDonald"),
    ],
)
def test_name_text_cases_capitals_of_people(text, label, expected):
    doc = spacy.blank("en")(text)
    assert name_text(Span(doc, 0, len(doc)), label) == expected


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        ({"Tushar Giri Nath": "person", "Giri Nath": "person"}, "Tushar Giri Nath"),
        ({"Maria Gonzalez Herrera": "person", "Gonzalez Herrera": "person"}, "Maria Gonzalez Herrera"),
        ({"Sunil Patel": "person", "Cllr Patel": "person"}, "Sunil Patel"),
    ],
)
def test_longer_and_titled_forms_of_one_person(labels, expected):
    assert set(_canonical_names(labels).values()) == {expected}


SENTENCES = [
    # (text, name, expected type or None for no such actor)
    ("Cllr Priyanka Desai chaired the meeting. Cllr Desai said the budget was tight.", "Priyanka Desai", "person"),
    ("Cllr Priyanka Desai chaired the meeting. Cllr Desai said the budget was tight.", "Cllr Desai", None),
    (
        "Barangay captain Maria Luisa dela Torre said the road was closed. Dela Torre said repairs take a week.",
        "Maria Luisa dela Torre",
        "person",
    ),
    (
        "Cases heard on Monday:\nMICHAEL JOSEPH O'ROURKE, 41, of Church Lane, Dungannon, was fined £300.",
        "Michael Joseph O'Rourke",
        "person",
    ),
    (
        "Cases heard on Monday:\nMICHAEL JOSEPH O'ROURKE, 41, of Church Lane, Dungannon, was fined £300.",
        "Dungannon",
        "place",
    ),
    ("Present: Cllr Ann Hughes and Owen Price (Town Clerk).", "Town Clerk", None),
    ("Labour's Anneliese Dodds said the plan was unfair to renters.", "Labour", "organization"),
    ("In that event, Fields, a self-described Neo-Nazi, killed a woman named Heather Heyer.", "Neo-Nazi", None),
    (
        "In that event, Fields, a self-described Neo-Nazi, killed a woman named Heather Heyer.",
        "Heather Heyer",
        "person",
    ),
    ('He said: "I did what any Londoner would do and tried to put a stop to it."', "Londoner", None),
    ("Officers shot and killed a 16-year-old Kimani Gray in Brooklyn on Saturday night.", "Kimani Gray", "person"),
    ("Wladimir Klitschko blasted a sluggish Hasim Rahman in Mannheim on Saturday night.", "Hasim Rahman", "person"),
    (
        "Keep jokes tight, snappy and to-the-point, a la Jon Stewart.\nStewart pulled off a miracle last year.",
        "Stewart",
        "person",
    ),
    ("The move was started by scrum-half Gareth Davies.", "Gareth Davies", "person"),
    ("He was chosen by the Charlotte Hornets in the first round of the draft.", "Charlotte Hornets", "organization"),
    ("The Ospreys hit back through Keiran Williams before the break.", "Ospreys", "organization"),
]


POSSESSORS = [
    # (text, name, expected type)
    ("Labour's Keir Starmer said the plan was wrong.", "Labour", "organization"),
    ("He later recorded with John Lydon's Public Image Ltd. in London.", "John Lydon", "person"),
    (
        "Nabil Hasan al-Quaety, a journalist, died in Aden. Al-Quaety had received threats, colleagues said.",
        "Nabil Hasan al-Quaety",
        "person",
    ),
    ("Critics blamed the Morrison government for the delays in the rollout.", "Morrison", "person"),
]


@pytest.mark.parametrize(("text", "name", "kind"), SENTENCES + POSSESSORS)
def test_local_names_typed(nlp, text, name, kind):
    actors = _actors(nlp, text)
    assert (actors[name].type if name in actors else None) == kind, {a.name: a.type for a in actors.values()}


def test_untagged_name_after_a_title():
    doc = spacy.blank("en")("Selectman Dale F. Worcester voted against .")
    for token in doc[:4]:
        token.pos_ = "PROPN"
    assert [s.text for s in untagged_names(doc, set())] == ["Dale F. Worcester"]
    assert untagged_names(doc, {3}) == []  # the model tagged the surname: its entity decides


@pytest.mark.parametrize(
    ("text", "lower_words", "expected"),
    [
        ("Gareth Davies", set(), True),  # a surname in -s the model tags a plural proper noun
        ("Jesse Owens", set(), True),
        ("Maria Sisters", {"sisters"}, False),  # a plural the text also writes as a common noun
    ],
)
def test_personal_name_with_a_plural_tag(text, lower_words, expected):
    doc = spacy.blank("en")(text)
    doc[-1].tag_ = "NNPS"
    assert personal_name(text, doc[-1], lower_words) is expected


@pytest.mark.parametrize(("surname_tagged", "expected"), [(True, ["Bilqis Omondi"]), (False, [])])
def test_untagged_name_after_a_title_named_by_its_surname(surname_tagged, expected):
    doc = spacy.blank("en")("Team coach Bilqis Omondi praised them . Omondi said so .")
    for i in (0, 2, 3, 7):
        doc[i].pos_ = "PROPN"
    if surname_tagged:
        doc.ents = [Span(doc, 7, 8, label="PERSON")]
    assert [s.text for s in untagged_names(doc, {7} if surname_tagged else set())] == expected
