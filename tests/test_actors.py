"""Actor mentions (real model, loaded once) and their merge across articles (no model)."""

from __future__ import annotations

import pandas as pd
import pytest

from jobs.aggregate.actors import merge_actors
from jobs.extract._rules import demonym_of, expand_acronym
from jobs.extract.actors import extract_mentions, grouping_terms
from jobs.models import Article, Mention


def _mentions(nlp, text: str, title: str | None = None) -> list[Mention]:
    return extract_mentions(nlp(text), Article(id="a", text=text, title=title, published="2025-10-16"))


def _actors(nlp, text: str):
    table = pd.DataFrame([m.__dict__ for m in _mentions(nlp, text)])
    return {a.name: a for a in merge_actors(table)[0]}


PEOPLE = [
    # (text, actor, type, role, alias)
    ("President Donald Trump met reporters. Trump said little.", "Donald Trump", "person", "President", "Trump"),
    (
        "Ukrainian President Volodymyr Zelenskyy arrived. Zelenskyy spoke first.",
        "Volodymyr Zelenskyy",
        "person",
        "Ukrainian President",
        "Zelenskyy",
    ),
    (
        "Putin, according to his foreign policy adviser Yuri Ushakov, refused.",
        "Yuri Ushakov",
        "person",
        "foreign policy adviser",
        None,
    ),
    (
        "Diplomats, including Secretary of State Marco Rubio, will meet.",
        "Marco Rubio",
        "person",
        "Secretary of State",
        None,
    ),
    (
        "Kurt Volker, the United States special envoy for Ukraine, resigned on Friday.",
        "Kurt Volker",
        "person",
        "special envoy",
        None,
    ),
    (
        "The Taliban met with Zalmay Khalilzad, a US peace envoy, in Qatar.",
        "Zalmay Khalilzad",
        "person",
        "peace envoy",
        None,
    ),
    (
        "The U.S. may not send missiles. Officials in the United States disagree.",
        "United States",
        "place",
        None,
        "U.S.",
    ),
    ("The African Union (AU) met in Niamey. The AU summit ended.", "African Union", "organization", None, "AU"),
    # a dateline running into the first paragraph does not swallow the first name
    (
        "Wednesday, July 10, 2019 \n\n\nLeaders of African Union (AU) member states met in Niamey.",
        "African Union",
        "organization",
        None,
        "AU",
    ),
    ("Crowds cheered Pope Francis in Rome. Francis said little.", "Pope Francis", "person", None, None),
    # the surname alone as the subject of human verbs makes a name a person's
    (
        "Greta Thunberg sailed to New York. Thunberg said the crisis is real. Thunberg met leaders.",
        "Greta Thunberg",
        "person",
        None,
        "Thunberg",
    ),
]


@pytest.mark.parametrize(("text", "name", "kind", "role", "alias"), PEOPLE)
def test_actor_name_type_role_alias(nlp, text, name, kind, role, alias):
    actor = _actors(nlp, text)[name]
    assert actor.type == kind
    assert (actor.role and role and role.casefold() in actor.role.casefold()) or actor.role == role
    if alias:
        assert alias in actor.aliases


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Only two presidents have been impeached: Andrew Johnson and Bill Clinton.", "Andrew Johnson", None),
        ("His adviser, Yuri Ushakov, said little.", "Yuri Ushakov", "adviser"),
    ],
)
def test_a_plural_title_is_no_role(nlp, text, name, role):
    assert _actors(nlp, text)[name].role == role


# (text, a name that must not come out as a person, a mention that must come out as given)
NOT_PERSONS = [
    (
        "“We need Tomahawks for us too,” he said. Kyiv wants Tomahawk missiles and more Tomahawks.",
        "Tomahawks",
        ("Tomahawks", "organization"),
    ),
    ("Talks between Moscow and Kyiv stalled. Washington wants Kyiv to make concessions.", "Kyiv", ("Moscow", "place")),
    ("Macron has COVID-19. COVID-19 spread in Paris, and COVID-19 closed schools.", "COVID-19", ("Macron", "person")),
]


@pytest.mark.parametrize(("text", "name", "control"), NOT_PERSONS)
def test_not_a_person(nlp, text, name, control):
    mentions = _mentions(nlp, text)
    # the control mention shows the extractor read the sentence, so the check below is not vacuous
    assert control in {(m.text, m.label) for m in mentions}
    assert all(m.label != "person" for m in mentions if m.text == name)


# (text, words that name no actor of their own, a control actor with its type)
NOT_ACTORS = [
    # an adjective coordinated with a name is no actor, whatever the name's type
    (
        "Trump held consultations with Zelenskyy and European allies at the White House.",
        {"European"},
        ("White House", "place"),
    ),
    (
        "Senior diplomats, including Secretary of State Marco Rubio, will meet next week.",
        {"State", "Secretary of State"},
        ("Marco Rubio", "person"),
    ),
    (
        "Ukraine asked for missiles. Ukrainian officials argue that these missiles could help.",
        {"Ukrainian"},
        ("Ukraine", "place"),
    ),
    # time zones and diseases are tagged as organisations by the model
    (
        "The shooting began at 10:39 a.m. local time (1639 UTC), police in Ohio said.",
        {"UTC"},
        ("Ohio", "place"),
    ),
    (
        "Igor Matovic tested positive for COVID-19. COVID-19 spread in Slovakia.",
        {"COVID-19"},
        ("Slovakia", "place"),
    ),
    # an editor's brackets in a quotation
    (
        "Senator Mark Warner of Virginia said: \"[W]e will not stop.\"",
        {"W]e", "[W]e"},
        ("Mark Warner", "person"),
    ),
    # a title's common word, with no one named after it, where the article also writes it in lower case
    (
        "The Secretary of State would normally succeed the governor of Puerto Rico. The state has no deputy.",
        {"State"},
        ("Puerto Rico", "place"),
    ),
    # a preposition or "-ing" word opening the sentence is no part of the name after it
    (
        "Regarding Ashodaya, the workers in Mysore said the group helped them.",
        {"Regarding Ashodaya"},
        ("Mysore", "place"),
    ),
    (
        "Denmark signed the deal. Danish ministers said little about the deal with Denmark.",
        {"Danish"},
        ("Denmark", "place"),
    ),
]


@pytest.mark.parametrize(("text", "junk", "control"), NOT_ACTORS)
def test_titles_and_adjectives_name_no_actor(nlp, text, junk, control):
    actors = _actors(nlp, text)
    assert (control[0], control[1]) in {(name, a.type) for name, a in actors.items()}
    assert not junk & set(actors)


# (text, organisation coordinated with a place, its type)
COORDINATED_BODIES = [
    ("He brokered a temporary ceasefire between Israel and Hamas last week.", "Hamas", "organization"),
    ("Russia and NATO held talks in Brussels on Monday.", "NATO", "organization"),
    # a platform after "on" is no place
    ("The president wrote on Twitter that he would veto the bill.", "Twitter", "organization"),
]


@pytest.mark.parametrize(("text", "name", "kind"), COORDINATED_BODIES)
def test_a_body_coordinated_with_a_state_keeps_its_type(nlp, text, name, kind):
    assert _actors(nlp, text)[name].type == kind


def test_surname_and_title_resolve_to_the_full_name(nlp):
    text = (
        "Trump held a call with Russian President Vladimir Putin. President Donald Trump spoke later. "
        "He plans to meet the Russian president soon. Putin agreed."
    )
    by_text = {(m.text, m.entity) for m in _mentions(nlp, text)}
    assert ("Trump", "Donald Trump") in by_text
    assert ("Putin", "Vladimir Putin") in by_text
    assert ("Russian president", "Vladimir Putin") in by_text


def test_demonym_modifier_links_to_its_country(nlp):
    text = "Russia attacked again. Russian diplomats will meet in Geneva."
    entities = {m.text: m.entity for m in _mentions(nlp, text)}
    assert entities.get("Russian") == "Russia"


def test_in_title_marks_the_first_mention(nlp):
    ms = _mentions(nlp, "Greta Thunberg spoke. Thunberg left.", title="Time names Greta Thunberg")
    assert [m.in_title for m in ms if m.entity == "Greta Thunberg"] == [True, False]


@pytest.mark.parametrize(
    ("acronym", "name", "expected"),
    [
        ("U.S.", "United States", "United States"),
        ("U.S.", "United States of America", "United States"),
        ("UK", "United Kingdom", "United Kingdom"),
        ("IMF", "International Monetary Fund", "International Monetary Fund"),
        ("EU", "European Union", "European Union"),
        ("AU", "African Union", "African Union"),
        ("UN", "European Union", None),
        ("NATO", "North Korea", None),
    ],
)
def testexpand_acronym(acronym, name, expected):
    assert expand_acronym(acronym, name) == expected


@pytest.mark.parametrize(
    ("word", "places", "expected"),
    [
        ("Russian", ["Russia", "Ukraine"], "Russia"),
        ("Ukrainian", ["Russia", "Ukraine"], "Ukraine"),
        ("Greek", ["Greece", "Turkey"], "Greece"),
        ("Turkish", ["Greece", "Turkey"], "Turkey"),
        ("Nigerian", ["Niger", "Nigeria"], "Nigeria"),
        ("French", ["France"], None),
        ("Austrian", ["Australia"], None),
        ("European", ["Europe"], "Europe"),
    ],
)
def test_demonym_of(word, places, expected):
    assert demonym_of(word, places) == expected


def _row(article, text, entity, label, *, role=None, sent=3, subject=False, in_title=False):
    return Mention(article, 0, len(text), text, entity, label, role, sent, in_title, subject).__dict__


def test_merge_actors_across_articles():
    rows = [
        _row("a1", "Donald Trump", "Donald Trump", "person", role="President", sent=0, subject=True),
        _row("a1", "Trump", "Donald Trump", "person"),
        _row("a2", "Trump", "Trump", "organization"),
        _row("a2", "Trump", "Trump", "person", subject=True),
        _row("a2", "the president", "Trump", "person"),
        _row("a2", "U.S.", "U.S.", "place"),
        _row("a1", "United States", "United States", "place"),
        _row("a1", "Hunter Biden", "Hunter Biden", "person"),
        _row("a1", "Joe Biden", "Joe Biden", "person"),
        _row("a2", "Biden", "Biden", "person"),
        _row("a2", "Zelenskyy", "Zelenskyy", "place", in_title=True),
    ]
    actors, names = merge_actors(pd.DataFrame(rows))
    by_name = {a.name: a for a in actors}
    trump = by_name["Donald Trump"]
    assert (trump.type, trump.role, trump.aliases, trump.mentions, trump.articles) == (
        "person",
        "President",
        ("Trump",),
        5,
        2,
    )
    assert names["Trump"] == "Donald Trump"
    assert by_name["United States"].aliases == ("U.S.",)
    assert "Biden" in by_name  # two Bidens: a surname alone stays apart
    assert actors[0].name == "Donald Trump"
    assert list(by_name) == [a.name for a in sorted(actors, key=lambda a: -a.salience)]


def test_merge_actors_ties_and_headlines():
    rows = [
        _row("a1", "Kyiv", "Kyiv", "place"),
        _row("a1", "Kyiv", "Kyiv", "person"),
        _row("a2", "Moscow", "Moscow", "place", sent=0),
    ]
    actors, names = merge_actors(pd.DataFrame(rows), titles={"a1": "Drones over Kyiv", "a2": ""})
    by_name = {a.name: a for a in actors}
    assert by_name["Kyiv"].type == "place"  # a tie goes to the label seen first
    assert [a.name for a in actors] == ["Kyiv", "Moscow"]  # the headline outweighs the lead
    assert names == {"Kyiv": "Kyiv", "Moscow": "Moscow"}


def test_merge_actors_empty():
    assert merge_actors(pd.DataFrame(columns=list(Mention.__dataclass_fields__))) == ([], {})


def test_grouping_terms_most_mentioned_first():
    ms = [
        Mention("a", 0, 1, "X", e, lab)
        for e, lab in [("B", "person"), ("A", "place"), ("B", "person"), ("Slavs", "group")]
    ]
    assert grouping_terms(None, ms) == ["B", "A"]


# (paragraphs, a capitalised common word the model takes for a name, a control actor with its type)
COMMON_WORDS = [
    (
        "Fans waited in Leeds on Sunday.\n\n\nHeartbroken supporters outside the ground. Image: Tom Hale (flickr).",
        "Heartbroken",
        ("Tom Hale", "person"),
    ),
    ("Voters queued in Minsk.\n\n\nObservers said the count was slow.", "Observers", ("Minsk", "place")),
    (
        "Police sealed off the area in Leeds.\n\n\nPhotographs taken at the scene show the damage.",
        "Photographs",
        ("Leeds", "place"),
    ),
    (
        "The court met in Richmond.\n\n\nState prosecutors asked for a long sentence for the driver.",
        "State",
        ("Richmond", "place"),
    ),
    ("The council met in Leeds.\n\n\nShut the schools, the parents told the council.", "Shut", ("Leeds", "place")),
]
# (text, a one-word name that stays an actor, its type): names that are also words, or opening a sentence
ONE_WORD_NAMES = [
    ("Twitter suspended the account on Friday.\n\n\nTwitter users in Ohio were angry.", "Twitter", "person"),
    ("Madonna said she would tour Europe again next year.", "Madonna", "person"),
    ("Hamas fired rockets into Israel on Monday.", "Hamas", "organization"),
    ("Putin met the envoy in Moscow on Monday.", "Putin", "person"),
    ("Reuters reported the deal on Tuesday.", "Reuters", "organization"),
    ("NATO allies met in Brussels.", "NATO", "organization"),
    ("Judit beat the champion in Budapest.", "Judit", "person"),
]


@pytest.mark.parametrize(("text", "junk", "control"), COMMON_WORDS)
def test_capitalised_common_word_is_no_actor(nlp, text, junk, control):
    entities = {(m.entity, m.label) for m in _mentions(nlp, text)}
    assert control in entities
    assert junk not in {name for name, _ in entities}


@pytest.mark.parametrize(("text", "name", "kind"), ONE_WORD_NAMES)
def test_one_word_name_stays(nlp, text, name, kind):
    assert (name, kind) in {(m.entity, m.label) for m in _mentions(nlp, text)}
