"""Descriptions and lone surnames named as the actor the article introduced with them."""

from __future__ import annotations

import pytest

from jobs.extract import extract
from jobs.extract.descriptions import age_word, fits_org_kind
from jobs.models import Article


def _speakers(nlp, text: str) -> list[str]:
    return [q.speaker for q in extract(nlp(text), Article(id="a", text=text)).quotes]


@pytest.mark.parametrize(
    ("noun", "entity", "expected"),
    [
        ("agency", "Federal Aviation Administration", True),
        ("agency", "Environmental Protection Agency", True),
        ("agency", "Skyway Air", False),
        ("union", "Communications Workers of America", True),
        ("union", "Verizon", False),
        ("company", "Verizon", True),
        ("company", "Northwind Airlines", True),
        ("company", "Communications Workers of America", False),
        ("company", "Food and Drug Administration", False),
        ("department", "Ohio Department of Health", True),
        ("court", "Supreme Court", True),
        ("court", "Justice Department", False),
    ],
)
def test_fits_org_kind(noun, entity, expected):
    assert fits_org_kind(noun, entity) is expected


@pytest.mark.parametrize(
    ("number", "expected"), [("31", "31-year-old"), ("7", "7-year-old"), ("2024", None), ("0", None), ("five", None)]
)
def test_age_word(number, expected):
    assert age_word(number) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # sports: an age apposition introduces "the 31-year-old"; another man stands between
        (
            "Rovers signed Marcus Hale, 31, on a two-year deal. Manager Ian Holt said the fee was fair.\n\n"
            '"I came here to win trophies," the 31-year-old striker said.',
            ["Ian Holt", "Marcus Hale"],
        ),
        # the parser hangs "the 31-year-old" on the cue as modifiers: still its subject
        ('Rovers signed Marcus Hale, 31, on Monday. "I came here to win," the 31-year-old said.', ["Marcus Hale"]),
        # negative: an age nobody was given names no one
        (
            "Rovers signed Marcus Hale, 29, on Monday. The 31-year-old said he came here to win.",
            ["The 31-year-old"],
        ),
        # wire: "the agency" is the body named as one, not the airline it grounded
        (
            "The Federal Aviation Administration grounded the jets after Skyway Air reported a cracked engine. "
            "The agency said inspections would take a week.",
            ["Skyway Air", "Federal Aviation Administration"],
        ),
        # business: "the company" is not the union that struck against it
        (
            "Halden Mining and the Communications Workers of America reached a deal on Friday. The Communications "
            "Workers of America said the deal raised wages. The company said it would add 1,300 jobs.",
            ["Communications Workers of America", "Halden Mining"],
        ),
        # courts: a lawsuit speaks for whoever sued
        (
            "Attorney General Dana Ross sued Pinecrest Bank on Wednesday. "
            "The lawsuit alleges that the bank overcharged thousands of customers.",
            ["Dana Ross"],
        ),
        # a role noun opening a sentence describes the name after it
        (
            "Striker Luis Ortega scored twice as Rovers beat City. Manager Ian Holt said the team had been patient.\n\n"
            '"I just wanted to repay the fans," the striker said.',
            ["Ian Holt", "Luis Ortega"],
        ),
        # local: a lone surname is named as fully as the article named the person
        (
            'Organiser Priya Shah said the rally drew 5,000 people.\n\n"People are angry," Shah said.',
            ["Priya Shah", "Priya Shah"],
        ),
        # UK: "Mrs Hart" is the Rachel Hart introduced as chancellor
        (
            "The chancellor, Rachel Hart, defended the budget. Mrs Hart said the rise in duty was fair.",
            ["Rachel Hart"],
        ),
        # negative: a title before a surname is no given name
        ('Senator Shah said the bill would pass. "It has the votes," Shah said.', ["Shah", "Shah"]),
        # negative: two given names for one surname leave it as the text gives it
        (
            "Mark Tilden and his brother, Paul Tilden, ran the shop together. Tilden said sales had doubled.",
            ["Tilden"],
        ),
        # an organisation the text names only before its noun: "Family Circle magazine"
        (
            "Melania Trump sent a recipe to Family Circle magazine's cookie poll. "
            "The magazine said the winner has predicted the election.",
            ["Family Circle"],
        ),
        # or named before it, the noun in apposition: "Ofgem, the energy regulator"
        (
            "Ofgem, the energy regulator, said on Monday that prices would be capped. "
            "The regulator said bills would fall by £100.",
            ["Ofgem", "Ofgem"],
        ),
        # a role the tagger took into a name is no part of it
        ("Nurse Amy Clarke said the ward was short of staff.", ["Amy Clarke"]),
        # negative: a place before the noun is not the body ("the Ohio health department")
        (
            "Officials at the Ohio health department tested the water. The department said the water was safe.",
            ["The department"],
        ),
        # an epithet opening a sentence takes up the one person subject of the sentence before
        (
            "Ruth Ginsburg regrets her insults of Donald Trump. The Supreme Court justice said she had been ill-advised.",
            ["Ruth Ginsburg"],
        ),
        # "spokesman" is said of women too: "she" is Hope Hicks
        (
            "Trump spokesman Hope Hicks confirmed that the group was independent. "
            '"They are not affiliated with the campaign," she said.',
            ["Hope Hicks", "Hope Hicks"],
        ),
        # "it" after a description that spoke: the same body, as the text gave it
        (
            "The social media company said on Friday that it had suspended 125,000 accounts. "
            "It also said it had expanded its teams.",
            ["The social media company", "The social media company"],
        ),
        # negative: "it" is no person the text described ("The spokesman said ... It added")
        ("A police spokesman said the road was closed. It added that no one was hurt.", ["A police spokesman", "It"]),
        # negative: a judge who is the subject of two sentences is not "the GOP presidential nominee"
        (
            "The divorce file of Donald Trump stays sealed. Lawyers for Donald Trump had opposed its release. "
            "Justice Frank Nervo ruled on Thursday. Nervo wrote that the court would not inject itself into "
            "politics.\n\nThe GOP presidential nominee argued that the file should stay sealed.",
            ["Frank Nervo", "The GOP presidential nominee"],
        ),
        # negative: a description with words of its own is not any body of its kind
        (
            "The State Department released the emails on Friday. The law enforcement agency said the "
            "review would take months.",
            ["The law enforcement agency"],
        ),
        # UK: a secretary is "the minister"; a title the person does not hold is no one
        (
            "The health secretary, Wes Carter, announced the plan on Tuesday. Mr Carter said waiting lists "
            'would fall.\n\n"This is a turning point," the minister said.',
            ["Wes Carter", "Wes Carter"],
        ),
        (
            "The health secretary, Wes Carter, announced the plan on Tuesday. The mayor said it would fail.",
            ["The mayor"],
        ),
        # "they" with no group that spoke: the people the sentence before is about, as the text gives them
        (
            "Residents of Elm Street packed the meeting. They said the new road would split the neighbourhood.",
            ["residents of Elm Street"],
        ),
        # negative: a named body that is the subject between leaves "they" open
        (
            "Residents of Elm Street packed the meeting. The Roads Agency defended the plan. "
            "They said the road would split the neighbourhood.",
            ["They"],
        ),
        # a photo caption beside a credit line does not break a chain of "he added"
        (
            "Jon Reyes said he would sell the boat. “It served me well,” Reyes said.\n\nPOOL / Reuters.\n\n"
            "Coast guard officer Tim Hall holds up the boat flag.\n\n“It is time to move on,” he added.",
            ["Jon Reyes", "Jon Reyes", "Jon Reyes"],
        ),
        # negative: told as part of the story, the other man is the one "he" now stands for
        (
            "Jon Reyes said he would sell the boat. “It served me well,” Reyes said.\n\n"
            "Coast guard officer Tim Hall held up the boat flag.\n\n“It is time to move on,” he added.",
            ["Jon Reyes", "Jon Reyes", "Tim Hall"],
        ),
    ],
)
def test_speaker_of_each_quote(nlp, text, expected):
    assert _speakers(nlp, text) == expected
