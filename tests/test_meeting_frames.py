"""Meeting frames on sentences written for these tests (real model, loaded once), the merge of
reports into one row with its status history, reduced-precision dates, and the meetings scoring."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobs.aggregate import build_event
from jobs.aggregate.meetings import dates_agree, merge_meetings
from jobs.aggregate.whatsnew import whats_new
from jobs.dates import resolve_period
from jobs.evaluation.facts import evaluate_facts
from jobs.evaluation.meetings import GoldMeeting, date_agrees, score_article
from jobs.evaluation.splits import in_measure
from jobs.extract import extract
from jobs.extract.actors import extract_mentions
from jobs.extract.meetings import SNIPPET_CHARS, extract_meetings
from jobs.models import Article, Event, Evidence, Meeting, MeetingFrame, StatusChange
from tests.conftest import FIXTURES, MODEL, ROOT

TUESDAY = "2025-03-11"


def _frames(nlp, text: str, published: str = TUESDAY) -> list[MeetingFrame]:
    article = Article(id="a", text=text, published=published)
    doc = nlp(text)
    return extract_meetings(doc, article, extract_mentions(doc, article))


# (sentence, published, status, participants that must be among the frame's, date)
STATUS = [
    # held: past, perfect, ongoing, narrative present, adjuncts of a past clause
    ("Chancellor Olaf Scholz met Prime Minister Mark Rutte in The Hague on Monday.", TUESDAY, "held", {"Olaf Scholz", "Mark Rutte"}, "2025-03-10"),
    ("Maria Lopez has met with Governor Tom Reed twice this year.", TUESDAY, "held", {"Maria Lopez", "Tom Reed"}, "2025"),
    ("President William Ruto of Kenya arrived on Monday, and President Joe Biden is hosting Kenya's President for a state visit.", TUESDAY, "held", {"Joe Biden"}, "2025-03-10"),
    ("After meeting with Senator Karen Bass, Governor Phil Dunn said the plan was dead.", TUESDAY, "held", {"Karen Bass", "Phil Dunn"}, None),
    ("Paul Greer and Anna Stein met in Geneva in January 2009.", TUESDAY, "held", {"Paul Greer", "Anna Stein"}, "2009-01"),
    ("The minister's much-criticised meeting with Lucia Reyes took place in 2011.", TUESDAY, "held", {"Lucia Reyes"}, "2011"),
    ("The talks between Ahmed Nasser and Rachel Gold ended last month without a deal.", TUESDAY, "held", {"Ahmed Nasser", "Rachel Gold"}, "2025-02"),
    ("Mayor Dan Ortiz met state officials in Albany on Thursday evening.", TUESDAY, "held", {"Dan Ortiz", "state officials"}, "2025-03-06"),
    ("General Omar Said was met at the airport by Colonel Hassan Ali on Monday.", TUESDAY, "held", {"Omar Said", "Hassan Ali"}, "2025-03-10"),
    # planned
    ("Prime Minister Keir Starmer will meet Chancellor Friedrich Merz in Berlin next month.", TUESDAY, "planned", {"Keir Starmer", "Friedrich Merz"}, "2025-04"),
    ("Secretary Ann Cole is scheduled to meet Premier Li Qiang on Friday.", TUESDAY, "planned", {"Ann Cole", "Li Qiang"}, "2025-03-14"),
    ("Senator Tim Kaine plans to meet union leaders in Richmond.", TUESDAY, "planned", {"Tim Kaine", "union leaders"}, None),
    ("Governor Laura Kelly is expected to host President Emmanuel Macron on Thursday.", TUESDAY, "planned", {"Laura Kelly", "Emmanuel Macron"}, "2025-03-13"),
    ("Minister Omar Haddad is due to visit Jordan's King Abdullah in April.", TUESDAY, "planned", {"Omar Haddad"}, "2025-04"),
    # proposed
    ("Officials discussed a possible meeting with Xi Jinping.", TUESDAY, "proposed", {"Xi Jinping"}, None),
    ("Prime Minister Narendra Modi could meet President Cyril Ramaphosa in Delhi.", TUESDAY, "proposed", {"Narendra Modi", "Cyril Ramaphosa"}, None),
    ("Chancellor Karl Nehammer offered to meet President Volodymyr Zelenskyy in Vienna.", TUESDAY, "proposed", {"Karl Nehammer", "Volodymyr Zelenskyy"}, None),
    ("Senator Ron Wyden wants to meet Treasury Secretary Janet Yellen.", TUESDAY, "proposed", {"Ron Wyden", "Janet Yellen"}, None),
    ("President Luiz Inacio Lula da Silva invited President Javier Milei to visit Brasilia.", TUESDAY, "proposed", {"Javier Milei"}, None),
    # cancelled
    ("The summit between Recep Tayyip Erdogan and Kyriakos Mitsotakis was called off.", TUESDAY, "cancelled", {"Recep Tayyip Erdogan", "Kyriakos Mitsotakis"}, None),
    ("Governor Gavin Newsom declined to meet Speaker Mike Johnson.", TUESDAY, "cancelled", {"Gavin Newsom", "Mike Johnson"}, None),
    ("President Andrzej Duda refused to meet Viktor Orban in Warsaw.", TUESDAY, "cancelled", {"Andrzej Duda", "Viktor Orban"}, None),
    ("Chancellor Rishi Sunak cancelled his meeting with Kyriakos Mitsotakis.", TUESDAY, "cancelled", {"Rishi Sunak", "Kyriakos Mitsotakis"}, None),
    # not held yet, and nothing arranged
    ("President Joe Biden has yet to meet Prime Minister Narendra Modi in person.", TUESDAY, "proposed", {"Joe Biden", "Narendra Modi"}, None),
    ("Efforts by Donald Trump have yet to yield direct talks between Vladimir Putin and Volodymyr Zelenskyy.", TUESDAY, "proposed", {"Vladimir Putin", "Volodymyr Zelenskyy"}, None),
    ("Prime Minister Mark Carney is yet to visit Beijing with Chinese President Xi Jinping.", TUESDAY, "proposed", {"Mark Carney"}, None),
    ("Mayor Eric Adams met Governor Kathy Hochul yet again on Monday.", TUESDAY, "held", {"Eric Adams", "Kathy Hochul"}, "2025-03-10"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "published", "status", "participants", "date"), STATUS)
def test_frame_status_participants_and_date(nlp, text, published, status, participants, date):
    frames = _frames(nlp, text, published)
    found = [f for f in frames if participants <= set(f.participants)]
    assert found, frames
    frame = found[0]
    assert (frame.status, frame.date) == (status, date), frame


# (paragraph, published, participants that must be among one frame's, its date, its place):
# time and place told elsewhere in the sentence, "that day", and "the meeting" told again
CONTEXT = [
    ("At the annual meeting of the Western Governors Association in Denver on Tuesday, Governor Jared Polis gave the keynote.", "2025-03-13", {"Jared Polis"}, "2025-03-11", "Denver"),
    ("Mayor Karen Bass still meets up every year with her friends from college in Tucson.", TUESDAY, {"Karen Bass"}, None, "Tucson"),
    ("On Sunday, Carla Diaz disclosed that Governor Ed Brown had met her in 2004.", TUESDAY, {"Ed Brown"}, "2004", None),
    ("Senator Paul Hart met Governor Lisa Moore on Monday. Judge Tom Baker also met with Governor Lisa Moore that day.", TUESDAY, {"Tom Baker", "Lisa Moore"}, "2025-03-10", None),
    ("Thursday, US forces killed General Hamid Rostami in an airstrike.\n\nThe strike hit a convoy at Baghdad International Airport, where Rostami was arriving by plane. He was being met by Colonel Karim Saleh, who was also killed.", "2020-01-05", {"Hamid Rostami", "Karim Saleh"}, "2020-01-02", "Baghdad International Airport"),
    ("Senator Ann Ruiz flew to Boston on Monday. Later she met Governor Mark Cole at his office.", TUESDAY, {"Ann Ruiz", "Mark Cole"}, "2025-03-10", None),
    ("Hillary Clinton received a security briefing from intelligence officials on Saturday. The meeting was held at the FBI field office in White Plains.", TUESDAY, {"Hillary Clinton"}, "2025-03-08", "White Plains"),
    # a time told in another clause is not the meeting's
    ("While Governor Ann Ruiz campaigned in 2024 on a promise of peace, her efforts have yet to yield talks between Mayor Tom Baker and Senator Lisa Moore.", TUESDAY, {"Tom Baker", "Lisa Moore"}, None, None),
    ("After meeting Governor Lisa Moore in Denver on Monday, Senator Paul Hart said the talks went well.", TUESDAY, {"Paul Hart", "Lisa Moore"}, "2025-03-10", "Denver"),
    # a call joins two places: it takes none from around it
    ("President Ana Ortiz is preparing to host Premier Li Wei at the White House on Friday. Just a day before the meeting, Ortiz held a phone call with Chancellor Olaf Berg.", TUESDAY, {"Ana Ortiz", "Olaf Berg"}, "2025-03-13", None),
    ("Mayor Tom Reed spoke by phone with Governor Kathy Hochul from his office in Albany on Monday.", TUESDAY, {"Tom Reed", "Kathy Hochul"}, "2025-03-10", None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "published", "participants", "date", "place"), CONTEXT)
def test_time_and_place_from_context(nlp, text, published, participants, date, place):
    article = Article(id="a", text=text, published=published)
    event = build_event("e", [article], {"a": extract(nlp(text), article)})
    found = [m for m in event.meetings if participants <= set(m.participants)]
    assert found, event.meetings
    assert (found[0].date, found[0].location) == (date, place), found[0]


def test_a_lead_about_what_is_to_come_dates_no_other_meeting(nlp):
    """A lead's day tells a later undated meeting's day only when the lead tells what happened."""
    text = (
        "President Ana Lima is preparing to host Chancellor Olaf Berg at the palace on Friday.\n\n"
        "Lima spoke by phone with Berg on the eve of the summit. "
        "However, after the conversation with Berg, Lima seemed to change her stance."
    )
    article = Article(id="a", text=text, published=TUESDAY)
    event = build_event("e", [article], {"a": extract(nlp(text), article)})
    planned = [m for m in event.meetings if m.status == "planned"]
    assert planned and planned[0].date == "2025-03-14", event.meetings
    assert not any(m.date == "2025-03-07" for m in event.meetings), event.meetings


@pytest.mark.parametrize(
    ("text", "source", "url", "frames"),
    [
        # the publishing outlet, by its name or its url's host: an interview, not a meeting
        ("Candidate Bill Hammons spoke with Wikinews about his campaign.", None, "https://en.wikinews.org/wiki/X", []),
        ("Senator Ann Cole spoke with The Chronicle on Monday.", "The Chronicle", None, []),
        # another outlet's reporter is not this one
        ("Senator Ann Cole met Governor Tom Reed on Monday.", None, "https://en.wikinews.org/wiki/X", [(("Ann Cole", "Tom Reed"), None)]),
        # the place visited is where, not who
        ("Joe Biden visited Kenosha on Thursday.", None, None, [(("Joe Biden",), "Kenosha")]),
    ],
)
def test_own_outlet_and_visited_places(nlp, text, source, url, frames):
    article = Article(id="a", text=text, published=TUESDAY, source=source, url=url)
    doc = nlp(text)
    found = extract_meetings(doc, article, extract_mentions(doc, article))
    assert [(f.participants, f.location) for f in found] == frames


# never a meeting: the other senses of the words, and press events, interviews, debates, rallies
NOT_MEETINGS = [
    "Senator Amy Klobuchar told Meet the Press on Sunday that the bill would pass.",
    "Mayor Eric Adams appeared on Meet the Press with Kristen Welker.",
    "The agency failed to meet the deadline set by Congress.",
    "The company could not meet the demand for vaccines.",
    "Chinese vehicles fail to meet tough Russian certification standards.",
    "The proposal met with criticism from Democrats.",
    "Governor Ron DeSantis's plan has met with fierce resistance.",
    "President Emmanuel Macron called for a ceasefire in Gaza.",
    "Senator Chuck Schumer called on Republicans to act.",
    "Donald Trump called Senator Mitt Romney a loser.",
    "Candidate Nikki Haley held a press conference in Concord on Monday.",
    "In a conference call with reporters, Treasury Secretary Janet Yellen said rates would fall.",
    "Chief executive Tim Cook told analysts on a conference call that sales rose.",
    "Kamala Harris and Donald Trump met on the debate stage in Philadelphia.",
    "Senator Bernie Sanders spoke to thousands of supporters at a rally in Denver.",
    "Governor Josh Shapiro spoke to reporters after the vote.",
    "Ted Cruz is racing to visit all 99 of the state's counties.",
    "Speaker Nancy Pelosi held a town hall meeting in San Francisco.",
    "During his campaign, Senator Tom Udall spoke to the Albuquerque Journal in an exclusive interview.",
    "For more stories, please visit our Main Page.",
    "Visit the Red Cross website for updates.",
    "Kurt Volker, the special envoy for Ukraine negotiations, resigned on Friday.",
    # never a meeting: a meeting word in another sense, an audience, an imagined or generic contact
    "The medal was conferred by the president of Namibia.",
    "The university conferred an honorary degree on Nelson Mandela.",
    "Attendees at Thursday's summit of the Republican Jewish Coalition cheered.",
    "Governor Phil Scott told reporters at a breakfast hosted by Bloomberg Politics that he would run.",
    "Some students may have thought that they might meet Donald Trump.",
    "He refrained from political conversations with relative strangers.",
    "When he walks onstage in a hotel ballroom, Senator Sherrod Brown is on deck to talk to the BlueGreen Alliance.",
    "Verizon drafted workers to service homes and take customer calls.",
    "Klein, an influential activist who did not attend Thursday's summit, was an organizer.",
    "Senator Ann Lee skipped the AIPAC meeting in Washington.",
    "A judge held a hearing on the motion of Apple on Monday.",
    "Mehmet Oz appeared at a Senate hearing in 2014.",
    "Republicans who attended the caucuses described themselves as evangelical Christians.",
    "All of us who were fortunate enough to spend time with him saw his love for his family.",
    "Her daughter escaped and phoned 911.",
    "Clinton visited a Walmart in Ohio.",
    "Mike Pence visited Fox News studios in New York.",
    "Donald Trump spoke with Sean Hannity on his show.",
    "Donald Trump sat down with Lester Holt of NBC News for an interview.",
    "In 1905, President Theodore Roosevelt mediated a peace agreement between Japan and Russia.",
    "The White House claimed it did not brief Donald Trump on the matter.",
    "People briefed on the talks said Senator Ann Lee would resign.",
    "She said she saw Donald Trump on television.",
    "The agency received Jane Doe's application in March.",
    "Senator Ann Lee welcomed Donald Trump's comments.",
    # meeting the press or reporters is a press event
    "Senator Ann Lee met the press on Monday.",
    "Senator Ann Lee met with local reporters in Albany.",
    # the other senses of "summon", "session", "vote", "receive", "host"
    "She summoned the courage to speak.",
    "The aide was summoned to testify before the grand jury.",
    "The Senate is in session until Friday.",
    "The bill died at the end of the legislative session.",
    "The Senate voted 52-48 to confirm the nominee.",
    "Voters in Ohio voted on Tuesday.",
    "Senator Ann Lee was received by cheering crowds in Ohio.",
    "The debate was hosted by CNN.",
    "The letter was received by the committee on Monday.",
    # an editorial board interviews; two candidates speaking somewhere give two speeches
    "Ben Carson, speaking with The Des Moines Register editorial board, called the incident a reason to act.",
    "Hillary Clinton and Vice President Joe Biden will speak there as well.",
    # to gather is also to collect, and a crowd or the press gathers; a passive "met with" is a reaction
    "The statistics, purported to be gathered by a Crime Statistics Bureau in San Francisco, appear to be fabricated.",
    "The FBI, which does gather official crime statistics for the U.S., has not yet released them.",
    "The media gathered at Trump's club in West Palm Beach on Tuesday.",
    # a crowd gathering for a rally or a protest, wherever the parser hangs the purpose
    "Several conservative groups claiming the 2020 U.S. presidential election was stolen from incumbent President "
    "Donald Trump gathered on Saturday in the U.S. capital, Washington D.C., for a rally organized by Women for "
    "America First.",
    "Supporters of Senator Ann Lee gathered outside the courthouse in Dayton for a vigil on Sunday.",
    "Hundreds of farmers gathered in Paris on Monday at a protest against the trade deal.",
    'A basketball team was met with chants of "Trump, Trump" on Feb. 22.',
    "The promise is met with relief among allies.",
    # a call to arms, a delegation led nowhere
    "Senator Ann Lee issued a call to arms on Monday.",
    "Senator Ann Lee led the delegation with distinction.",
    # a host welcoming a return or a hire, a visit to a web site, a pair talking to others
    "The team welcomed John Smith back after his injury.",
    "The club welcomed Ann Lee as its new coach.",
    "Readers can visit the site for updates.",
    "Senator Ann Lee and Governor Tom Reed talked to reporters on Monday.",
    "Senator Ann Lee and Governor Tom Reed talked about the budget at the rally.",
    # people hosted are not a host's event, a hearing held by a court is not a body's session
    "The network hosted the debate on Tuesday.",
    "Judge Ann Lee held a hearing on the motion on Tuesday.",
    # an outlet named by its web address, a journalist, investigators questioning, talk to whoever, a verb read as a noun
    "Speaking to Portfolio.hu, Matt Simister explained the plan.",
    "Speaking to Martin Smith of PBS, Joe Smith said it happened.",
    "Jeff Zucker said during a discussion Thursday with BuzzFeed Editor-in-Chief Ben Smith that debates are free.",
    "Northamptonshire police spoke with Anne Sacoolas as a suspect.",
    "Via our organisation Ann Lee went out and spoke to some people including some donors.",
    "Angela Merkel talks about a European consensus.",
    # a rendezvous with destiny, a convention called a confab, a game played alone
    "It is interesting to reflect on the events that brought the team to its rendezvous with destiny.",
    "Ted Cruz is winning over delegates to prevent Donald Trump from prevailing at the July confab.",
    "Donald Trump played golf on Sunday.",
    # a meeting with no party named nor told before tells the reader no meeting of parties
    "The meeting was held at the Federal Bureau of Investigation field office in White Plains.",
    # a deal credited to its negotiator is an outcome, not talks told
    "Senator Ann Lee lambasted the nuclear deal negotiated by President Barack Obama.",
    # trips told in the plural are travel, not a visit to a party
    "Senator Ann Lee was making early trips to Iowa and New Hampshire.",
    # a meeting told as an audience
    "On Thursday, Bernie Sanders unloaded on the Post during a media breakfast in Des Moines.",
    '"America can\'t ever be neutral," Hillary Clinton told the AIPAC meeting on Monday.',
]


@pytest.mark.parametrize("text", NOT_MEETINGS)
def test_not_a_meeting(nlp, text):
    assert _frames(nlp, text) == []


# (sentence, a name that must not be a participant)
NOT_PARTICIPANTS = [
    ("WASHINGTON — President Joe Biden met Chancellor Olaf Scholz on Friday.", "WASHINGTON"),
    ("BRUSSELS - European leaders gathered on Friday in Bratislava.", "BRUSSELS"),
    ("Governor Tom Wolf spoke with The Washington Post and met Senator Bob Casey on Monday.", "The Washington Post"),
]


@pytest.mark.parametrize(("text", "name"), NOT_PARTICIPANTS)
def test_never_a_dateline_or_outlet(nlp, text, name):
    frames = _frames(nlp, text)
    assert frames
    assert all(name not in p for f in frames for p in f.participants), frames


def test_evidence_is_a_bounded_snippet(nlp):
    filler = ", ".join(f"the {n}th clause of a sentence that runs on and on" for n in range(4, 40))
    text = f"Senator Maria Cantwell met Governor Jay Inslee in Seattle on Monday, {filler}."
    frames = _frames(nlp, text)
    assert frames
    frame = frames[0]
    assert frame.end - frame.start <= SNIPPET_CHARS
    assert text[frame.start : frame.end] == frame.text
    assert "met" in frame.text


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Thursday evening", "2016-08-19", "2016-08-18"),
        ("in January 2009", "2016-08-19", "2009-01"),
        ("in 2011", "2016-08-19", "2011"),
        ("March 2011", "2016-08-19", "2011-03"),
        ("last month", "2016-08-19", "2016-07"),
        ("last month", "2016-01-05", "2015-12"),
        ("next month", "2016-12-05", "2017-01"),
        ("the spring of 1978", "2016-01-18", "1978"),
        ("last week", "2016-08-19", "2016-08"),
        ("last week", "2016-09-02", "2016-08"),  # 22-28 August
        ("last year", "2016-08-19", "2015"),
        ("that day", "2016-08-19", None),
    ],
)
def test_resolve_period(text, published, expected):
    assert resolve_period(text, published, tense="past") == expected


def test_resolve_period_week_across_months():
    # published Wednesday 5 October 2016: last week is 26 September - 2 October
    assert resolve_period("last week", "2016-10-05", tense="past") == "2016"
    # ... and none across two years: 29 December 2014 - 4 January 2015
    assert resolve_period("last week", "2015-01-07", tense="past") is None


def _report(article, participants, status, date=None, kind="visit", location=None):
    return MeetingFrame(article, tuple(participants), kind, status, 0, 10, "evidence", location, date)


def test_planned_then_held_is_one_meeting_with_its_history():
    frames = [
        _report("day2", ["Trump", "Zelenskyy"], "held", "2025-10-17", kind="meeting", location="White House"),
        _report("day1", ["Donald Trump", "Volodymyr Zelenskyy"], "planned", "2025-10-17", location="White House"),
    ]
    names = {"Trump": "Donald Trump", "Zelenskyy": "Volodymyr Zelenskyy"}
    published = {"day1": "2025-10-16", "day2": "2025-10-17"}
    (meeting,) = merge_meetings(frames, names, published)
    assert (meeting.status, meeting.kind, meeting.date) == ("held", "visit", "2025-10-17")
    assert meeting.status_history == (
        StatusChange("planned", "day1", "2025-10-16"),
        StatusChange("held", "day2", "2025-10-17"),
    )
    assert {e.article_id for e in meeting.evidence} == {"day1", "day2"}


@pytest.mark.parametrize(
    ("frames", "rows"),
    [
        # a planned summit with no date and a held one in August: two meetings
        ([("a", "planned", None), ("a", "held", "2025-08")], 2),
        # the same status, dates of different precision that agree: one meeting
        ([("a", "held", "2025-08"), ("b", "held", "2025-08-15")], 1),
        # dates that disagree: two
        ([("a", "held", "2025-08-15"), ("b", "held", "2025-09-01")], 2),
        # a report without a status does not split a meeting
        ([("a", "planned", "2025-10-17"), ("b", "unknown", None)], 1),
    ],
)
def test_merge_rows(frames, rows):
    built = [_report(a, ["A", "B"], status, date) for a, status, date in frames]
    assert len(merge_meetings(built, {})) == rows


@pytest.mark.parametrize(
    ("frames", "rows"),
    [
        # one call told with one party, then with both, at the same time: one call
        ([(["Trump"], "call", "2019-07"), (["Trump", "Zelensky"], "call", "2019-07-25"), (["Zelensky"], "call", "2019-07")], 1),
        # the part names no time: it may be another meeting, so it stays
        ([(["Trump"], "call", None), (["Trump", "Zelensky"], "call", "2019-07-25")], 2),
        # two meetings fit the part: it stays
        ([(["Trump"], "meeting", "2019-07"), (["Trump", "Putin"], "meeting", "2019-07"), (["Trump", "Kim"], "meeting", "2019-07")], 3),
        # a call is not part of a meeting in person
        ([(["Trump"], "call", "2019-07"), (["Trump", "Zelensky"], "meeting", "2019-07")], 2),
        # another month is another meeting
        ([(["Trump"], "meeting", "2019-08"), (["Trump", "Zelensky"], "meeting", "2019-07")], 2),
    ],
)
def test_a_meeting_told_with_some_of_its_parties_is_that_meeting(frames, rows):
    built = [_report(f"a{i}", parties, "held", date, kind=kind) for i, (parties, kind, date) in enumerate(frames)]
    merged = merge_meetings(built, {})
    assert len(merged) == rows
    if rows == 1:
        assert merged[0].participants == ("Trump", "Zelensky") and merged[0].date == "2019-07-25"
        assert {e.article_id for e in merged[0].evidence} == {"a0", "a1", "a2"}


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [("2025-08", "2025-08-15", True), ("2025", "2025-08-15", True), ("2025-08-15", "2025-08-16", False), (None, "2025", True)],
)
def test_dates_agree(a, b, agree):
    assert dates_agree(a, b) is agree


def _event(meetings) -> Event:
    return Event(id="e", title="t", summary=(), articles=(), actors=(), meetings=tuple(meetings), positions=())


def test_whats_new_says_a_meeting_was_held():
    evidence = (Evidence("day1", "x", 0, 1),)
    before = Meeting(("Donald Trump", "Volodymyr Zelenskyy"), "visit", "White House", "2025-10-17", "Friday", "planned", evidence)
    after = Meeting(("Donald Trump", "Volodymyr Zelenskyy"), "visit", "White House", "2025-10-17", "Friday", "held", evidence)
    articles = [Article(id="day2", text="Trump met Zelenskyy at the White House on Friday.", published="2025-10-17")]
    points = whats_new((), _event([before]), articles, {}, new_article_ids={"day2"}, meetings=[after])
    assert any("from planned to held" in p for p in points), points


@pytest.mark.parametrize(
    ("reported", "gold", "agrees"),
    [("2016-05-12", "2016-05", True), ("2016-05", "2016-05", True), ("2016", "2016-05", False), (None, "2016", False), ("2015-05-01", None, True)],
)
def test_date_agrees_at_the_gold_precision(reported, gold, agrees):
    assert date_agrees(reported, gold) is agrees


def test_score_article():
    text = "Intro. Ann Lee met Bob Ray in Oslo on Monday. Other news."
    gold = GoldMeeting("d", "Ann Lee met Bob Ray in Oslo on Monday.", ("Lee", "Ray"), ("held",), "2016-05-09", "Oslo", 7, 45)
    right = Meeting(("Ann Lee", "Bob Ray"), "meeting", "Oslo", "2016-05-09", "Monday", "held", (Evidence("d", "", 7, 45),))
    stray = Meeting(("Ann Lee",), "call", None, None, None, "held", (Evidence("d", "", 46, 57),))
    results, corresponds = score_article([gold], [right, stray])
    assert [(r.detected, r.right) for r in results] == [(True, True)]
    assert corresponds == [True, False]
    assert text[7:45] == gold.evidence


def test_split_is_the_shared_one():
    # int(sha1(id).hexdigest(), 16) % 2 == 1 is the measure-only part
    # int(sha1("a").hexdigest(), 16) is even, that of "e" odd
    assert (in_measure("a"), in_measure("e")) == (False, True)


RENAMES = {
    "Donald Trump": "Gerald Whitman",
    "Trump": "Whitman",
    "Volodymyr Zelenskyy": "Andriy Kovalenko",
    "Zelenskyy": "Kovalenko",
    "Vladimir Putin": "Sergei Volkov",
    "Putin": "Volkov",
    "Marco Rubio": "Daniel Harper",
    "Rubio": "Harper",
    "Budapest": "Vienna",
    "Hungary": "Austria",
    "Alaska": "Montana",
    "Washington": "Ottawa",
}


def _rename(text: str) -> str:
    for old in sorted(RENAMES, key=len, reverse=True):
        text = text.replace(old, RENAMES[old])
    return text


def test_seed_meetings_survive_renaming(tmp_path: Path):
    """The seed's meetings come out with its people and places renamed consistently."""
    gold = json.loads((FIXTURES / "facts" / "seed-gold.json").read_text(encoding="utf-8"))
    renamed_gold = {"meetings": json.loads(_rename(json.dumps(gold["meetings"], ensure_ascii=False)))}
    article = json.loads((ROOT / "data" / "samples" / "seed-article.jsonl").read_text(encoding="utf-8").splitlines()[0])
    article["text"] = _rename(article["text"])
    article["title"] = _rename(article.get("title") or "")
    gold_path = tmp_path / "gold.json"
    gold_path.write_text(json.dumps(renamed_gold), encoding="utf-8")
    article_path = tmp_path / "article.jsonl"
    article_path.write_text(json.dumps(article) + "\n", encoding="utf-8")
    report = evaluate_facts(gold_path, article_path, model=MODEL)
    assert report.passed("meetings") >= 5, [c for c in report.checks if not c.ok]


@pytest.mark.parametrize(
    ("value", "shown"),
    [("2009-01", "January 2009"), ("2011", "2011"), ("2025-10-17", "17 October 2025"), (None, "")],
)
def test_briefing_shows_dates_at_their_precision(value, shown):
    from jobs.render import long_date

    assert long_date(value) == shown
