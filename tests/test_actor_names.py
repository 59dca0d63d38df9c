"""One actor per person across outlets' ways of writing the name; headline words are not actors."""

from __future__ import annotations

import pytest

from jobs.aggregate.actors import _canonical_names, person_key
from jobs.models import Article


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Sen. Ted Cruz (R-Texas)", ("ted", "cruz")),
        ("Donald J. Trump", ("donald", "trump")),
        ("Mrs Palin", ("palin",)),
        ("H. Dale Hall", ("dale", "hall")),
        ("Arcade Joseph Comeaux Jr.", ("arcade", "joseph", "comeaux")),
        ("LaTonya Brown", ("latonya", "brown")),
        ("Recep Tayyip Erdoğan", ("recep", "tayyip", "erdogan")),
    ],
)
def test_person_key(name, key):
    assert person_key(name) == key


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        (
            {"Donald J. Trump": "person", "Donald Trump": "person", "Mr. Trump": "person", "Trump": "organization"},
            "Donald J. Trump",
        ),
        ({"Sen. Ted Cruz (R-Texas)": "person", "Ted Cruz": "person"}, "Ted Cruz"),
        ({"Mrs Palin": "person", "Ms Palin": "person", "Sarah Palin": "person"}, "Sarah Palin"),
        ({"Vermont Bernie Sanders": "person", "Bernie Sanders": "person"}, "Bernie Sanders"),
        # the first of three names is the person's own, known as a given name or not
        ({"John Paul Stevens": "person", "Paul Stevens": "person"}, "John Paul Stevens"),
        ({"Bogdan Anghel Popescu": "person", "Anghel Popescu": "person"}, "Bogdan Anghel Popescu"),
        ({"Olivia De Berardinis": "person", "Olivia de Berardinis": "person"}, None),
        ({"Sergey M": "person", "Sergey": "person"}, "Sergey M"),
        # one name with and without its accents; the model tagged the bare surname a place
        ({"Recep Tayyip Erdoğan": "person", "Erdogan": "place", "Erdoğan": "person"}, "Recep Tayyip Erdoğan"),
        ({"José Luis Rodríguez Zapatero": "person", "Jose Luis Rodriguez Zapatero": "person"}, None),
        # a place stuck in front of a full name, the whole tagged an organisation
        ({"Bernie Sanders": "person", "Vermont Bernie Sanders": "organization", "Sanders": "person"}, "Bernie Sanders"),
    ],
)
def test_forms_of_one_person_are_one_actor(labels, expected):
    canon = _canonical_names(labels)
    assert len(set(canon.values())) == 1
    if expected:
        assert set(canon.values()) == {expected}


@pytest.mark.parametrize(
    "labels",
    [
        {"John Smith": "person", "Jane Smith": "person", "Smith": "person"},
        {"George W. Bush": "person", "George H. W. Bush": "person", "Laura Bush": "person"},
    ],
)
def test_different_people_stay_apart(labels):
    canon = _canonical_names(labels)
    assert (
        canon["John Smith" if "John Smith" in labels else "Laura Bush"]
        != canon["Jane Smith" if "Jane Smith" in labels else "George W. Bush"]
    )
    if "Smith" in labels:
        assert canon["Smith"] == "Smith"  # two Smiths: the surname alone says not which


def test_headline_only_words_are_not_actors(nlp):
    from jobs.extract.actors import extract_mentions

    text = (
        "Marijuana Legalization Wins In Colorado\n"
        "Voters in Colorado approved the legalization of marijuana on Tuesday, Governor John Hickenlooper said."
    )
    entities = {m.entity for m in extract_mentions(nlp(text), Article("x", text))}
    assert "John Hickenlooper" in entities and "Colorado" in entities
    assert not any("Marijuana" in e for e in entities)


def test_names_written_in_other_case_are_one_actor():
    labels = {"Democratic Party": "organization", "Democratic party": "organization", "Party": "organization"}
    canon = _canonical_names(labels, {"Democratic Party": 25, "Democratic party": 5})
    assert canon["Democratic party"] == canon["Democratic Party"] == "Democratic Party"
    assert canon["Party"] == "Party"


def test_lone_surnames_of_several_full_names_are_one_actor():
    labels = {"Bettie Page": "person", "Jack Page": "person", "Page": "person", "Ms Page": "person"}
    canon = _canonical_names(labels, {"Page": 3, "Ms Page": 2})
    assert canon["Page"] == canon["Ms Page"] == "Page"
    assert canon["Bettie Page"] != canon["Jack Page"]


@pytest.mark.parametrize(
    ("labels", "name", "expected"),
    [
        # two people of the event joined by "and" are no actor of their own
        ({"Joe Biden": "person", "Bernie Sanders": "person", "Biden and Sanders": "person"}, "Biden and Sanders", ""),
        (
            {"Joe Biden": "person", "Bernie Sanders": "person", "Joe Biden & Bernie Sanders": "person"},
            "Joe Biden & Bernie Sanders",
            "",
        ),
        # a firm named for two people the event does not name stays
        ({"Joe Biden": "person", "Procter and Gamble": "organization"}, "Procter and Gamble", "Procter and Gamble"),
        ({"Joe Biden": "person", "Biden and Smith": "person"}, "Biden and Smith", "Biden and Smith"),
        # an organisation named after a person, the name not at its end, stays
        (
            {"Barack Obama": "person", "Barack Obama Foundation": "organization"},
            "Barack Obama Foundation",
            "Barack Obama Foundation",
        ),
        (
            {"Bernie Sanders": "person", "Friends of Bernie Sanders": "organization"},
            "Friends of Bernie Sanders",
            "Friends of Bernie Sanders",
        ),
        # a longer name ending in only a surname is not the person
        ({"Bernie Sanders": "person", "Colonel Sanders": "organization"}, "Colonel Sanders", "Colonel Sanders"),
    ],
)
def test_joined_and_prefixed_names(labels, name, expected):
    assert _canonical_names(labels)[name] == expected
