"""Whose position it is: reports inside reports, polls, cues with no speaker.

Tables of sentences written for the rules, with negatives.
"""

from __future__ import annotations

import pytest

from jobs.extract import extract
from jobs.models import Article, Quote


def quotes_of(nlp, text: str) -> list[Quote]:
    return list(extract(nlp(text), Article(id="a", text=text)).quotes)


def speakers_of(quotes: list[Quote], words: str) -> set[str]:
    """The speakers of the positions whose text holds `words`."""
    return {q.speaker for q in quotes if words in q.text}


# (text, reported words, the reporter, the subject of the report): a cue verb that is what
# another cue reports is part of that report, never a position of its own subject
NESTED_REPORTS = [
    (
        "Bucher said Tuesday that some residents complained when they could not find the mayor on the ballot.",
        "could not find the mayor",
        "Bucher",
        "some residents",
    ),
    (
        "Alvarez said the agency has not publicly commented on the scope of the inquiry.",
        "scope of the inquiry",
        "Alvarez",
        "the agency",
    ),
    ("Ms. Patel said her band wrote a dozen new songs for the album.", "a dozen new songs", "Patel", "her band"),
    ("The governor said the union had agreed to a new contract on Friday.", "a new contract", "governor", "the union"),
    ("Martinez said the company has not replied to his letters.", "his letters", "Martinez", "the company"),
]
# (text, content words, speaker): a cue after its report, set off by a comma or a quotation
# mark, still frames what comes before it
INVERTED_REPORTS = [
    ("The plan is dead, Ms. Ruiz said.", "The plan is dead", "Ruiz"),
    ("The state agreed to pay for the repairs, officials said.", "pay for the repairs", "officials"),
    ("Turner cannot say that “the money is gone,” Hollis added, pointing to the audit.", "the money is gone", "Hollis"),
]


@pytest.mark.parametrize(("text", "words", "reporter", "subject"), NESTED_REPORTS)
def test_report_inside_a_report_is_the_reporters(nlp, text, words, reporter, subject):
    speakers = speakers_of(quotes_of(nlp, text), words)
    assert any(reporter in s for s in speakers), speakers
    assert not any(subject.lower() in s.lower() for s in speakers), speakers


@pytest.mark.parametrize(("text", "words", "speaker"), INVERTED_REPORTS)
def test_cue_after_its_report_keeps_it(nlp, text, words, speaker):
    speakers = speakers_of(quotes_of(nlp, text), words)
    assert any(speaker in s for s in speakers), speakers


# a passive cue inside a prepositional phrase names no speaker: none of the clause above
PASSIVE_CUES = [
    "Waseem confessed to killing his sister in what has widely been called an honor killing.",
    "The mayor resigned after what was described as a scandal.",
]


@pytest.mark.parametrize("text", PASSIVE_CUES)
def test_passive_cue_has_no_speaker_of_the_clause_above(nlp, text):
    cues = {q.cue for q in quotes_of(nlp, text)}
    assert not cues & {"called", "described"}, cues


# (text, share of respondents, the poll that speaks for them)
POLLS = [
    (
        "According to a Gallup survey, 51 percent of respondents said they would vote for the governor.",
        "51 percent",
        "survey",
    ),
    ("In a Marist poll released on Monday, 60 percent of voters said the economy was improving.", "60 percent", "poll"),
    ("A Monmouth University poll found that 74 percent of likely voters said the tax should go.", "74 percent", "poll"),
    (
        "A majority of voters said they distrust the mayor, according to a new survey by the Tribune.",
        "majority",
        "survey",
    ),
]
# shares with no poll in their sentence, or a poll only inside what they said, speak for themselves
NOT_POLLS = [
    ("Fully 60 percent of the workers said they would strike on Monday.", "60 percent"),
    ("About 40 percent of the members said the last poll was wrong.", "40 percent"),
]


@pytest.mark.parametrize(("text", "share", "poll"), POLLS)
def test_poll_speaks_for_its_respondents(nlp, text, share, poll):
    quotes = [q for q in quotes_of(nlp, text) if q.cue.startswith("said")]
    assert quotes, "no position"
    span = text[quotes[0].speaker_start : quotes[0].speaker_end]
    assert poll in span and share not in span, span


@pytest.mark.parametrize(("text", "share"), NOT_POLLS)
def test_share_without_a_poll_speaks_itself(nlp, text, share):
    quotes = [q for q in quotes_of(nlp, text) if q.cue.startswith("said")]
    assert quotes, "no position"
    assert share in text[quotes[0].speaker_start : quotes[0].speaker_end]


# (text, speaker span): a cue set off inside the clause it reports is its inverted speaker's,
# not the clause subject's; an apposition set off by commas on both sides is the subject's own
ASIDE_CUES = [
    ("The contrast with the governor, said Doyle and others, would be clear to every voter.", "Doyle"),
    ("The economy, said Smith, is getting better every month.", "Smith"),
    ("Clinton, a top aide said, “is very confident in the contrast” between them.", "a top aide"),
    ("To understand the ruling, Chief Justice Roberts said, one should visit this museum.", "Chief Justice Roberts"),
    ("Maria Smith, the mayor, said the plan would fail.", "Maria Smith"),
    ("The plan will fail, Smith said on Monday.", "Smith"),
]


@pytest.mark.parametrize(("text", "speaker"), ASIDE_CUES)
def test_speaker_of_a_cue_set_off_in_its_report(nlp, text, speaker):
    quotes = [q for q in quotes_of(nlp, text) if q.cue.startswith("said")]
    assert quotes, "no position"
    assert text[quotes[0].speaker_start : quotes[0].speaker_end] == speaker
