"""Name forms that are no actor of their own: caption words, joined names, a surname tagged a body."""

from __future__ import annotations

import pandas as pd
import pytest

from jobs.aggregate.actor_forms import (
    first_name_owner,
    is_joined_names,
    people_by_lone_name,
    surname_owner,
    without_caption_word,
)
from jobs.aggregate.actors import merge_actors
from jobs.extract.actors_names import head_word_type
from jobs.models import Mention
from tests.test_actors import _actors


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Val Demings Image", "Val Demings"),
        ("Michelle Lujan Grisham Image", "Michelle Lujan Grisham"),
        ("Jo JorgensenImage", "Jo Jorgensen"),
        ("Ana Ruiz Photo:", "Ana Ruiz"),
        ("Keir Starmer Getty", "Keir Starmer"),
        ("Getty Images", "Getty Images"),  # an agency's own name: one word before the caption word
        ("Public Image Ltd.", "Public Image Ltd."),
        ("Reuters", "Reuters"),
        ("Image", "Image"),
        ("Bernie Sanders", "Bernie Sanders"),
        ("Imagine Dragons", "Imagine Dragons"),
    ],
)
def test_without_caption_word(name, expected):
    assert without_caption_word(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Biden and Sanders", True), ("Marks & Spencer", True), ("Bernie Sanders", False), ("Anderson Cooper", False)],
)
def test_is_joined_names(name, expected):
    assert is_joined_names(name) is expected


@pytest.mark.parametrize(
    ("owners", "counts", "expected"),
    [
        (["Bernie Sanders"], {"Bernie Sanders": 1}, "Bernie Sanders"),
        (["Donald Trump", "Mary Trump"], {"Donald Trump": 241, "Mary Trump": 1}, "Donald Trump"),
        (["Joe Biden", "Hunter Biden"], {"Joe Biden": 5, "Hunter Biden": 4}, None),  # no one the text means
        ([], {}, None),
    ],
)
def test_surname_owner(owners, counts, expected):
    assert surname_owner(owners, counts) == expected


@pytest.mark.parametrize(
    ("labels", "counts", "expected"),
    [
        ({"Gupta": "person", "Arnav Gupta": "place"}, {"Gupta": 3, "Arnav Gupta": 1}, {"Arnav Gupta"}),
        ({"Judit": "person", "Judit Polgár": "organization"}, {"Judit": 1, "Judit Polgár": 1}, {"Judit Polgár"}),
        ({"Gupta": "person", "Gupta Street": "place"}, {"Gupta": 3, "Gupta Street": 1}, set()),
        ({"Qom": "person", "Qom Province": "place"}, {"Qom": 1, "Qom Province": 1}, set()),
        ({"America": "person", "Mister America": "place"}, {"America": 1, "Mister America": 1}, set()),
        # the body is named more often than the lone word: the lone word is the slip
        ({"Tesla": "person", "Tesla Motors": "organization"}, {"Tesla": 1, "Tesla Motors": 4}, set()),
        ({"Gupta": "place", "Arnav Gupta": "place"}, {"Gupta": 3, "Arnav Gupta": 1}, set()),
    ],
)
def test_people_by_lone_name(labels, counts, expected):
    assert people_by_lone_name(labels, counts) == expected


@pytest.mark.parametrize(
    ("name", "full_names", "expected"),
    [
        ("Judit", ["Judit Polgár", "Garry Kasparov"], "Judit Polgár"),
        ("Melania", ["Melania Trump", "Donald Trump"], "Melania Trump"),
        ("Jon", ["Jon Stewart", "Jon Snow"], None),  # two people open with it
        ("Jordan", ["Jordan Miles", "Michael Jordan"], None),  # a surname too
        ("Wyatt", ["Don Imus"], None),
    ],
)
def test_first_name_owner(name, full_names, expected):
    assert first_name_owner(name, full_names) == expected


def _row(article: str, text: str, entity: str, label: str, role: str | None = None) -> dict:
    return Mention(article, 0, len(text), text, entity, label, role).__dict__


# (mentions of one event, actor name, expected type or None for no such actor)
MERGES = [
    # a caption word glued to a name is cut, and the name is the person it shows
    (
        [("a1", "Val Demings", "person", "Representative"), ("a2", "Val Demings Image", "person", None)],
        "Val Demings Image",
        None,
    ),
    (
        [("a1", "Val Demings", "person", "Representative"), ("a2", "Val Demings Image", "person", None)],
        "Val Demings",
        "person",
    ),
    # a surname the model tagged a body once, beside the person of that surname and two people joined by "and"
    (
        [
            ("a1", "Bernie Sanders", "person", "Senator"),
            ("a1", "Bernie Sanders", "person", None),
            ("a2", "Sanders", "organization", None),
            ("a3", "Biden and Sanders", "person", None),
        ],
        "Sanders",
        None,
    ),
    # ... or beside a person named far more often than another of that surname
    (
        [
            ("a1", "Donald Trump", "person", "President"),
            ("a1", "Donald Trump", "person", None),
            ("a1", "Donald Trump", "person", None),
            ("a2", "Mary Trump", "person", None),
            ("a3", "Trump", "organization", None),
        ],
        "Trump",
        None,
    ),
    # a full name tagged a place beside its surname alone, a person three times
    (
        [
            ("a1", "Gupta", "person", None),
            ("a1", "Gupta", "person", None),
            ("a2", "Gupta", "person", None),
            ("a2", "Arnav Gupta", "place", None),
        ],
        "Arnav Gupta",
        "person",
    ),
    # a lone given name is the one full name it opens
    ([("a1", "Judit Polgár", "person", None), ("a2", "Judit", "person", None)], "Judit", None),
    # two people's surnames joined by a hyphen name a ticket or a debate, no actor
    (
        [
            ("a1", "Harry Browne", "person", None),
            ("a1", "Jo Jorgensen", "person", None),
            ("a2", "Browne-Jorgensen", "person", None),
        ],
        "Browne-Jorgensen",
        None,
    ),
    # a double-barrelled surname is one person's
    (
        [("a1", "Julen Hernandez-Lallement", "person", None), ("a2", "Hernandez-Lallement", "person", None)],
        "Julen Hernandez-Lallement",
        "person",
    ),
    # two people of the surname named alike often: the lone surname stays apart
    (
        [("a1", "Joe Biden", "person", None), ("a2", "Hunter Biden", "person", None), ("a3", "Biden", "place", None)],
        "Biden",
        "place",
    ),
]


@pytest.mark.parametrize(("rows", "name", "kind"), MERGES)
def test_merged_name_forms(rows, name, kind):
    actors, names = merge_actors(pd.DataFrame([_row(a, e, e, label, role) for a, e, label, role in rows]))
    by_name = {a.name: a.type for a in actors}
    assert by_name.get(name) == kind, by_name
    assert all(names[e] in by_name for _, e, _, _ in rows if e in names)  # a written form maps to an actor


# (text, name, expected type or None for no such actor)
NAMED_THINGS = [
    ("Solberg was stranded after a visit to the Johan Sverdrup oil field.", "Johan Sverdrup", None),
    ("Solberg was stranded after a visit to the Johan Sverdrup oil field.", "Solberg", "person"),
    ("Fans filled the Ranji Trophy final in Chennai.", "Ranji Trophy", None),
    ("Johan Sverdrup founded the company in 1990. Sverdrup said it was hard.", "Johan Sverdrup", "person"),
    ("Critics blamed the Bill Clinton administration for the delay.", "Bill Clinton", "person"),
]


@pytest.mark.parametrize(("text", "name", "kind"), NAMED_THINGS)
def test_a_name_before_a_thing_after_the_is_no_person(nlp, text, name, kind):
    actors = _actors(nlp, text)
    got = actors[name].type if name in actors else None
    assert (got == "person") is (kind == "person"), {a.name: a.type for a in actors.values()}


# (text, name, expected type or None for no such actor): the noun set beside a name says what it names
DESCRIBED = [
    ("Yemen's capital, Sanaa, fell to the Houthis in 2014.", "Sanaa", "place"),
    (
        "Yesterday, Roscosmos, the Russian space agency, announced the death of Alexei Leonov.",
        "Roscosmos",
        "organization",
    ),
    ("He investigated the energy company Burisma, on whose board Hunter Biden sat.", "Burisma", "organization"),
    ("Shoppers moved to discount stores like Biedronka and Lidl.", "Biedronka", "organization"),
    ("The birds were sacrificed to the god Thoth, who is shown with the head of an ibis.", "Thoth", None),
    ("Flying dinosaurs, such as Archaeopteryx, were already in the air.", "Archaeopteryx", None),
    ("The university dispatched the research ship Kaimikai from July 13 to 17.", "Kaimikai", None),
    ("She attended the convention dressed as the Pokemon species Charizard.", "Charizard", None),
    ("The earthquake damaged buildings in the west coast city of Izmir, Turkey.", "Izmir", "place"),
    # a name the model runs into brackets it does not close ends before them
    (
        "The Philippine Institute of Volcanology and Seismology (Phivolcs) said the quake was shallow.",
        "Philippine Institute of Volcanology and Seismology",
        "organization",
    ),
    ("The World Health Organization (WHO) declared a pandemic.", "World Health Organization", "organization"),
    # a person's noun keeps a person; a misparsed name after a comma is no description
    ("Chirac was survived by his wife Bernadette, who said he had memory problems.", "Bernadette", "person"),
    (
        "Just ahead of the Democratic National Convention, Trump's brother Robert died.",
        "Democratic National Convention",
        "organization",
    ),
]


@pytest.mark.parametrize(("text", "name", "kind"), DESCRIBED)
def test_described_name_takes_the_kind_of_its_noun(nlp, text, name, kind):
    actors = _actors(nlp, text)
    assert (actors[name].type if name in actors else None) == kind, {a.name: a.type for a in actors.values()}


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Sky News", "organization"),
        ("Manila Bulletin", "organization"),
        ("Press TV", "organization"),
        ("Constitutional Court", "organization"),
        ("Oracle Linux", "organization"),
        ("County Kerry", "place"),
        ("Mount Kenya", "place"),
        ("Margaret Court", None),  # a given name and one more word: a person may be called so
        ("Emily Post", None),
    ],
)
def test_outlet_court_and_county_names(words, expected):
    assert head_word_type(words.split()) == expected


@pytest.mark.parametrize(
    ("text", "name", "junk"),
    [
        (
            "Jorgensen said Dasbach was hurt. Neither Dasbach nor Mears would provide an image of the wound.",
            "Dasbach",
            "Neither Dasbach",
        ),
        ("Longtime Imus writer Sid Rosenberg said he was grateful.", "Sid Rosenberg", "Longtime Imus"),
    ],
)
def test_a_function_word_opening_the_sentence_is_no_part_of_a_name(nlp, text, name, junk):
    actors = _actors(nlp, text)
    assert junk not in actors, {a.name: a.type for a in actors.values()}
    assert name in actors, {a.name: a.type for a in actors.values()}


# (text, the person's name as an actor, a longer or shorter form that must not be one)
PERSON_BOUNDS = [
    ("Fine Gael TD Kieran O'Donnell said he would raise the matter.", "Kieran O'Donnell", "Gael TD Kieran O'Donnell"),
    (
        "The chief executive, Professor Otchere Addai-Mensah, said patients had died.",
        "Otchere Addai-Mensah",
        "Otchere Addai",
    ),
    ("Martin Luther King Jr. spoke in Washington in 1963.", "Martin Luther King Jr.", "Jr."),
]


@pytest.mark.parametrize(("text", "name", "wrong"), PERSON_BOUNDS)
def test_person_name_bounds(nlp, text, name, wrong):
    actors = _actors(nlp, text)
    assert name in actors and actors[name].type == "person", {a.name: a.type for a in actors.values()}
    assert wrong not in actors


@pytest.mark.parametrize(
    ("words", "ents", "expected"),
    [
        # a one-word name opening the text, with an abbreviated title further on
        (
            ["Cruz", "leads", "former", "HP", "CEO", "Carly", "Fiorina", "."],
            [(0, 1, "PERSON"), (5, 7, "PERSON")],
            [("Cruz", "PERSON"), ("Carly Fiorina", "PERSON")],
        ),
        (["Fine", "Gael", "TD", "Kieran", "Ryan", "spoke"], [(0, 5, "PERSON")], [("Kieran Ryan", "PERSON")]),
        (["Paul", "spoke", "."], [(0, 1, "PERSON")], [("Paul", "PERSON")]),
    ],
)
def test_name_spans_of_any_length_anywhere(words, ents, expected):
    import spacy
    from spacy.tokens import Doc, Span

    from jobs.extract.actors_names import name_spans

    doc = Doc(spacy.blank("en").vocab, words=words)
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    assert [(span.text, span.label_) for span in name_spans(doc)] == expected
