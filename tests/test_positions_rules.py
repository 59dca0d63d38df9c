"""Attribution rules beyond the plain "X said that ...": tables of sentences written for them, with negatives."""

from __future__ import annotations

import pytest

from jobs.extract import extract
from jobs.models import Article, Quote


def quotes_of(nlp, text: str) -> list[Quote]:
    return list(extract(nlp(text), Article(id="a", text=text)).quotes)


def holding(quotes: list[Quote], content: str) -> list[Quote]:
    return [q for q in quotes if content in q.text]


# (paragraphs, speaker, content): a whole quoted sentence before "X said", however the parser hangs it
INVERTED_QUOTES = [
    # the parser runs the first paragraph into the second and hangs both under "told"
    (
        "In some schools, the choice for Muslim children is pork or nothing.\n\n"
        "''Muslims feel they have a secondary status in these societies,'' Ms. Foner told me.",
        "Foner",
        "secondary status",
    ),
    (
        "The strike went on.\n\n''Workers deserve better than this,'' Ms. Ortiz, the union's leader, told reporters.",
        "Ortiz",
        "deserve better",
    ),
    # the quotation closing "Mr. Rubio said" is his, not the joke's of the sentence before
    (
        "In West Miami, he joked about the campaign. ''Vamos a ganar la Florida,'' Mr. Rubio said.",
        "Rubio",
        "Vamos",
    ),
    (
        "Ms. Lane spoke first. “We will not back down,” Tom Reyes said. “Not now.”",
        "Tom Reyes",
        "not back down",
    ),
]
# (paragraphs, the scare-quoted words inside a clause): never a position of their own
SCARE_QUOTES = [
    ("The promise to “take our country back” appeals to older voters, Ms. Diaz said.", "“take our country back”"),
    ("The call to “drain the swamp” pleased the crowd, the organizer said.", "“drain the swamp”"),
    ("The pledge to “cut taxes for everyone” has a cost, analysts said.", "“cut taxes for everyone”"),
]


@pytest.mark.parametrize(("text", "speaker", "content"), INVERTED_QUOTES)
def test_inverted_quotation_is_attributed(nlp, text, speaker, content):
    found = holding(quotes_of(nlp, text), content)
    assert found, f"no position holds {content!r}"
    assert speaker in found[0].speaker
    assert found[0].kind == "direct"


@pytest.mark.parametrize(("text", "scare"), SCARE_QUOTES)
def test_scare_quotes_are_not_positions(nlp, text, scare):
    assert scare not in [q.text for q in quotes_of(nlp, text)]


# (paragraphs, speaker, cue, content): what "call" reports
CALLS = [
    (
        'Senator Ana Ruiz called the governor a "reckless gambler."',
        "Ana Ruiz",
        "called",
        'the governor a "reckless gambler."',
    ),
    (
        "The union called the new contract “a betrayal” of its members.",
        "The union",
        "called",
        "the new contract “a betrayal” of its members",
    ),
    ("Mayor Tom Hale called for an inquiry into the fire.", "Tom Hale", "called for", "an inquiry into the fire"),
    (
        "The bishop called for the prisoners to be freed before Easter.",
        "The bishop",
        "called for",
        "the prisoners to be freed before Easter",
    ),
    (
        "Greenpeace called on the European Commission to ban the pesticide, citing new studies.",
        "Greenpeace",
        "called on",
        "the European Commission to ban the pesticide",
    ),
    ("He was called a traitor by the senator.", "the senator", "called", "a traitor"),
]
# sentences with "call" that report nothing
NOT_CALLS = [
    "The president called a meeting of his cabinet on Monday.",
    "Mr. Reyes called the mayor on Friday.",
    "She called Obama to congratulate him on the win.",
    "Trump called on Tuesday to complain about the ads.",
    "The group, called the Freedom Caucus, met on Friday.",
    "The militia calls itself the Army of the North.",
    "The plan is what the minister calls “a fresh start.”",
    "The union called a strike for Monday.",
]


@pytest.mark.parametrize(("text", "speaker", "cue", "content"), CALLS)
def test_call_reports(nlp, text, speaker, cue, content):
    found = [q for q in quotes_of(nlp, text) if q.text == content]
    assert found, [q.text for q in quotes_of(nlp, text)]
    assert speaker in text[found[0].speaker_start : found[0].speaker_end]
    assert found[0].cue == cue


@pytest.mark.parametrize("text", NOT_CALLS)
def test_call_without_report(nlp, text):
    assert [q.text for q in quotes_of(nlp, text)] == []


# (paragraphs, speaker, content): a noun of saying with its owner and its own clause
NOUN_CUES = [
    (
        "Trump repeated his claim that Obama wants to take in 250,000 refugees.",
        "Trump",
        "Obama wants to take in 250,000 refugees",
    ),
    (
        "Rubio's claim to be the strongest alternative to Trump fell flat.",
        "Rubio",
        "to be the strongest alternative to Trump",
    ),
    ("The senator's warning that the bill would fail went unheeded.", "The senator", "the bill would fail"),
    (
        "Hillary Clinton's statement that she never sent classified material was false.",
        "Hillary Clinton",
        "she never sent classified material",
    ),
]
# nouns of saying that report nothing: no owner, no clause of their own, or a relative clause
NOT_NOUN_CUES = [
    "The claim that he made was false.",
    "His statement to the court lasted an hour.",
    "The warning came too late for the town.",
    "Her promise, which nobody believed, was soon forgotten.",
]


@pytest.mark.parametrize(("text", "speaker", "content"), NOUN_CUES)
def test_noun_cue_reports(nlp, text, speaker, content):
    found = [q for q in quotes_of(nlp, text) if q.text == content]
    assert found, [q.text for q in quotes_of(nlp, text)]
    assert speaker in text[found[0].speaker_start : found[0].speaker_end]


@pytest.mark.parametrize("text", NOT_NOUN_CUES)
def test_noun_without_report(nlp, text):
    assert [q.text for q in quotes_of(nlp, text)] == []


# (paragraphs, speaker): an epithet takes up the one person the sentence already has as a subject
EPITHETS = [
    (
        "Peter Grant and Susan Miller debated on Monday. Grant attacked her record.\n\n"
        "As for whether Miller still trusts the party, the congresswoman said that she had doubts.",
        "Susan Miller",
    ),
    # two subjects before it: the text does not settle who
    (
        "Peter Grant and Susan Miller debated on Monday. Grant attacked her record.\n\n"
        "While Grant spoke and Miller listened, the businessman said that the plan would fail.",
        "the businessman",
    ),
    # a woman is no businessman
    (
        "Peter Grant criticised Susan Miller on Monday. Although Miller admired his work, "
        "the businessman said that his plan would fail.",
        "the businessman",
    ),
]


@pytest.mark.parametrize(("text", "speaker"), EPITHETS)
def test_epithet_takes_up_the_sentence_subject(nlp, text, speaker):
    assert [q.speaker for q in quotes_of(nlp, text)] == [speaker]


# (paragraphs, speaker, content or None): a cue whose paragraph ends in a colon reports the next paragraph
BLOCK_QUOTES = [
    (
        "The film opens on Friday.\n\nHugh Hewitt writes:\n\n"
        "The movie mentions neither the president nor the secretary of state by name.",
        "Hugh Hewitt",
        "mentions neither the president",
    ),
    (
        "The council met on Monday.\n\nMayor Ellen Park said:\n\n"
        "“We will rebuild the bridge before winter, whatever it costs.”",
        "Ellen Park",
        "rebuild the bridge",
    ),
    (
        "Tom Reyes wrote to the board in March.\n\nIn the letter, he warned:\n\n"
        "The budget cannot carry another year of losses at the plant.",
        "Tom Reyes",
        "another year of losses",
    ),
]
# a colon inside a paragraph opens its own clause only; a title line with a colon reports nothing
NOT_BLOCK_QUOTES = [
    ("The schedule for the day:\n\nThe mayor will open the bridge at noon.", "open the bridge"),
    ("Tom Reyes met the board:\n\nThe budget cannot carry another year of losses.", "another year"),
]


@pytest.mark.parametrize(("text", "speaker", "content"), BLOCK_QUOTES)
def test_block_quote_after_a_colon(nlp, text, speaker, content):
    found = holding(quotes_of(nlp, text), content)
    assert found, f"no position holds {content!r}"
    assert [q.speaker for q in found] == [speaker]


@pytest.mark.parametrize(("text", "content"), NOT_BLOCK_QUOTES)
def test_no_block_quote_without_a_cue(nlp, text, content):
    assert holding(quotes_of(nlp, text), content) == []


# (paragraphs, cue, speaker span): who a participle, an added cue or a controlled infinitive belongs to
CUE_SUBJECTS = [
    # ", insisting that ..." goes on with the one who said, not the "he" of the report
    (
        "Ben Carson said he plans to visit Libya after Christmas, insisting that his rivals are too timid.",
        "insisting",
        "Ben Carson",
    ),
    (
        "Maria Lopez said the strike had ended, telling reporters that the workers had won a fair deal.",
        "telling",
        "Maria Lopez",
    ),
    # ", saying ..." after "the idea that ..." goes with the one who rejects the idea
    (
        "Corey Lewandowski rejected the idea that the billionaire would be a drag on the ticket, "
        "saying the huge crowds show his strength.",
        "saying",
        "Corey Lewandowski",
    ),
    (
        "Bennett denied the notion that a shakeup is coming, explaining that he was unaware of the interview.",
        "explaining",
        "Bennett",
    ),
    ("Critics of the plan that the council approved spoke up, saying it was rushed.", "saying", "Critics"),
    (
        'Andrei Lazar said he welcomed extradition to the United States and added, "I will plead guilty."',
        "added",
        "Andrei Lazar",
    ),
    # the object of "prompted" is who calls, not the subject "That"
    (
        'Cruz coached Trump to breathe. That prompted Rubio to make a joke and call Trump "very flexible."',
        "call",
        "Rubio",
    ),
    (
        "The crowd urged Senator Jane Carter to speak, and she said the plan would fail.",
        "said",
        "she",
    ),
    # one who promises does what the infinitive says; a thing used is no speaker
    ("Peter Grant promised voters to say that taxes would fall.", "say", "Peter Grant"),
    ("Sanders used the question to demand that the rich pay their fair share.", "demand", "Sanders"),
    # "after telling", "for saying": the one the clause above is about, or whom it holds to account
    (
        "The candidate kept making gaffes after telling his aides that he would adopt a calmer tone.",
        "telling",
        "The candidate",
    ),
    (
        "Oz appeared at a Senate hearing for his role in promoting diet pills and for saying that "
        "green coffee extract was a magic cure.",
        "saying",
        "Oz",
    ),
    ("Donald Trump accused Hillary Clinton of saying that the economy was doing fine.", "saying", "Hillary Clinton"),
    ("The senator criticized the mayor for saying that the budget was balanced.", "saying", "the mayor"),
    (
        'Politico quoted Tim Manning, a former official, as saying "the agency has a role to play."',
        "saying",
        "Tim Manning",
    ),
    # "by", "after": how or when the subject spoke, whoever the object is
    ("Netanyahu rallied his supporters by warning that the right was in danger.", "warning", "Netanyahu"),
    ("Carson told the AP on Wednesday after hinting that staff changes could come.", "hinting", "Carson"),
    ("Bolton distanced himself from the movement by saying he would serve if asked.", "saying", "Bolton"),
    # a document speaks for who made it
    (
        "Turnout rose sharply this year, according to an analysis by the Pew Research Center.",
        "according to",
        "the Pew Research Center",
    ),
    (
        "The plan will cost jobs, according to a new report from Bloomberg New Energy Finance.",
        "according to",
        "Bloomberg New Energy Finance",
    ),
    ("The plan will cost jobs, according to a survey of voters.", "according to", "a survey"),
    (
        'Trump released a marketing video that said, "We are going to have the best professors."',
        "said",
        "Trump",
    ),
    (
        "The Washington Post recently ran a piece that noted his health plan would help wealthy households.",
        "noted",
        "The Washington Post",
    ),
    # a dateline or a time line is no speaker, though the parser makes it a subject
    (
        "WASHINGTON (AP) — Donald Trump and House Speaker Paul Ryan pledged to work together after a meeting.",
        "pledged",
        "Donald Trump and House Speaker Paul Ryan",
    ),
    (
        "12:15 p.m.:\n\nPresident Barack Obama says that the claims of some candidates are wrong.",
        "says",
        "President Barack Obama",
    ),
]
# "That said, ..." turns the writer's argument: nobody says anything
THAT_SAID = [
    "That said, Millennials remain hopeful about their future.",
    "The plan is costly. Having said that, the mayor still backs it.",
]


@pytest.mark.parametrize("text", THAT_SAID)
def test_that_said_reports_nothing(nlp, text):
    assert quotes_of(nlp, text) == []


@pytest.mark.parametrize(("text", "cue", "speaker"), CUE_SUBJECTS)
def test_speaker_span_of_a_cue(nlp, text, cue, speaker):
    found = [q for q in quotes_of(nlp, text) if q.cue.startswith(cue)]
    assert found, f"no position with cue {cue!r}"
    assert text[found[0].speaker_start : found[0].speaker_end] == speaker


# (paragraphs, speaker, content): a report whose subject the parser hung on the inverted cue
INVERTED_SUBJECTS = [
    (
        'Marco Rubio spoke after the address. Nothing the president said "will assuage people\'s fears," '
        "the Florida senator said.",
        "the Florida senator",
        "Nothing the president said",
    ),
]


@pytest.mark.parametrize(("text", "speaker", "content"), INVERTED_SUBJECTS)
def test_inverted_cue_with_two_subjects(nlp, text, speaker, content):
    found = holding(quotes_of(nlp, text), "assuage")
    assert [text[q.speaker_start : q.speaker_end] for q in found] == [speaker]
    assert found[0].text.startswith(content)


# (paragraphs, speaker, quotation): a quoted sentence right after the cue, however the parser hangs it
QUOTES_AFTER_CUE = [
    ('Chris Wallace pressed on.\n\nWallace then asked, “With nukes?”', "Chris Wallace", "With nukes?"),
    ('Zero Hedge asked, "Why now? Is it 18 percent now?"', "Zero Hedge", "Why now?"),
]
# (paragraphs, speaker, content start): "described X as ...", "asked Y if ..."
REPORTS_OF_FRAMES = [
    ("Trump described the country as beset by illegal immigrants and crime.", "Trump", "the country as beset"),
    ("Then Mr. Rubin asked the students if they were always so serious.", "Rubin", "if they were"),
    ("The judge wondered whether the law applied to the case at all.", "The judge", "whether the law"),
]


@pytest.mark.parametrize(("text", "speaker", "content"), REPORTS_OF_FRAMES)
def test_report_of_a_frame(nlp, text, speaker, content):
    found = [q for q in quotes_of(nlp, text) if q.text.startswith(content)]
    assert found, f"no position starts with {content!r}"
    assert speaker in found[0].speaker


# a scare-quoted word after the cue is no quotation of its own
NOT_QUOTES_AFTER_CUE = [
    ("The senator said “no” to the deal on Friday.", "“no”"),
]


@pytest.mark.parametrize(("text", "speaker", "quote"), QUOTES_AFTER_CUE)
def test_quotation_after_the_cue(nlp, text, speaker, quote):
    found = holding(quotes_of(nlp, text), quote)
    assert [q.speaker for q in found] == [speaker]


@pytest.mark.parametrize(("text", "scare"), NOT_QUOTES_AFTER_CUE)
def test_scare_quote_after_the_cue(nlp, text, scare):
    assert [q.text for q in quotes_of(nlp, text) if q.text == scare] == []


# (paragraphs, speaker, content): a cue set off by commas or closing its sentence after a comma,
# where the parser hangs it on the clause it reports, or the quotation before a participle clause
CUES_AROUND_CONTENT = [
    (
        "Maria Lopez met the board on Monday.\n\nInstead, Lopez told CNN, her plan would be to sell the land.",
        "Maria Lopez",
        "her plan would be to sell the land",
    ),
    (
        "Lu Kang spoke in Beijing.\n\nPeople should provide evidence for their accusations, he told reporters.",
        "Lu Kang",
        "People should provide evidence",
    ),
    (
        '"The voters do not agree with Mr. Hale," Ortiz said, suggesting a few questions, including, '
        '"Mr. Hale, do you really think that billionaires need a tax break?"',
        "Ortiz",
        "The voters do not agree",
    ),
]
# (paragraphs, content, speaker): the report an inverted "X said" closes is X's, not the clause
# it hangs on, however short the cue's clause
NOT_PARENTHETICAL = [
    ("The government agreed to pay the families, officials said Tuesday.", "The government agreed", "officials"),
    ("Prices rose in May, and he warned investors.", "Prices rose", None),
]


@pytest.mark.parametrize(("text", "speaker", "content"), CUES_AROUND_CONTENT)
def test_cue_around_its_content(nlp, text, speaker, content):
    found = holding(quotes_of(nlp, text), content)
    assert found, f"no position holds {content!r}"
    assert found[0].speaker == speaker


@pytest.mark.parametrize(("text", "content", "speaker"), NOT_PARENTHETICAL)
def test_inverted_report_keeps_its_speaker(nlp, text, content, speaker):
    assert [q.speaker for q in holding(quotes_of(nlp, text), content)] == ([speaker] if speaker else [])



# The parser made a quotation the head of the narration around it:
# "X clarified it -- ''That makes me smart'' -- and asserting, ''I pay''." (heads by index)
NARRATION = [
    ("X", 1, "nsubj"), ("clarified", 6, "ccomp"), ("it", 1, "dobj"), ("--", 6, "punct"), ("''", 6, "punct"),
    ("That", 6, "nsubj"), ("makes", 6, "ROOT"), ("me", 6, "dobj"), ("smart", 6, "oprd"), ("''", 6, "punct"),
    ("--", 6, "punct"), ("and", 6, "cc"), ("asserting", 6, "conj"), (",", 12, "punct"), ("''", 16, "punct"),
    ("I", 16, "nsubj"), ("pay", 12, "ccomp"), ("''", 16, "punct"), (".", 6, "punct"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("subject", "pos", "expected"),
    [
        ("Hale", "PROPN", "Hale"),  # the narration's subject is the speaker
        ("she", "PRON", "she"),
        ("Acts", "NOUN", None),  # "Acts of protest, ... are acts of patriotism": a thing is no speaker
    ],
)
def test_speaker_of_narration_around_a_quotation(subject, pos, expected):
    import spacy
    from spacy.tokens import Doc

    from jobs.extract.cues import subject_of

    words = [subject] + [w for w, _, _ in NARRATION[1:]]
    deps = [d for _, _, d in NARRATION]
    tags = [pos] + ["VERB" if d in ("ccomp", "ROOT", "conj") else "X" for d in deps[1:]]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=[h for _, h, _ in NARRATION], deps=deps, pos=tags)
    quoted = [4 <= i <= 9 or 14 <= i <= 17 for i in range(len(doc))]
    found = subject_of(doc[12], quoted)
    assert (found.text if found is not None else None) == expected
