"""Who takes part in a meeting, and when and where it is, on sentences written for these tests
(real model, loaded once): appositive names, quoted "I" and "we", a reported "her", a call's
addressee, recent dates, the scene told before and the story's time frame, a trip's destination, where a
sentence after says the gathering was held."""

from __future__ import annotations

import pytest

from jobs.aggregate import build_event
from jobs.dates import resolve_period
from jobs.extract import extract
from jobs.extract.meeting_when import period_from_told
from jobs.models import Article, Meeting

TUESDAY = "2025-03-11"


def _meetings(nlp, text: str, published: str) -> list[Meeting]:
    article = Article(id="a", text=text, published=published)
    return list(build_event("e", [article], {"a": extract(nlp(text), article)}).meetings)


# (text, published, participants that must be among one meeting's, names that must not be, its date, its place)
FRAMES = [
    # an appositive name, not the place it comes from
    ("Tom Reyes went hiking in Peru, where he met his wife, Lucia, a native of Chile.", TUESDAY,
     {"Tom Reyes", "Lucia"}, {"Chile", "his wife"}, None, "Peru"),
    # an apposition describes the named party: no party of its own
    ("The rebels met on Monday with Zalmay Khalilzad, a US peace envoy, in Qatar.", "2019-01-24",
     {"Zalmay Khalilzad"}, {"US", "a US peace envoy"}, "2019-01-21", "Qatar"),
    # the place visited before a place the sentence names elsewhere
    ("Joe Biden visited Kenosha two days after Donald Trump in what was his first campaign trip to the swing state of Wisconsin.",
     "2020-10-29", {"Joe Biden"}, {"Kenosha"}, None, "Kenosha"),
    # who is sent or arranged for to meet; not what one rides to meet
    ("Secretary John Kerry arranged for the former governor Mark Cole to meet the head of Nestle in March 2011.", TUESDAY,
     {"Mark Cole"}, {"John Kerry", "the former governor"}, "2011-03", None),
    ("Tom Clarke and a clutch of miners rode an elevator down to meet the union leaders.", TUESDAY,
     {"Tom Clarke", "a clutch of miners", "the union leaders"}, set(), None, None),
    ("Governor Tom Hale met Senator Ann Ruiz and a group of farmers in Ames.", TUESDAY,
     {"Tom Hale", "Ann Ruiz", "a group of farmers"}, {"a group"}, None, "Ames"),
    # a call's addressee hung on the verb after the call's phrase
    ("Last week the ministry released a summary of a phone call made by President Karl Brandt late last July to Prime Minister Ana Souza.", TUESDAY,
     {"Karl Brandt", "Ana Souza"}, set(), "2024-07", None),
    # an object pronoun in reported speech is the teller; the verb holding the call lends its "to"
    ("Maria Gomez said Senator Paul Hart placed several calls to her.", TUESDAY,
     {"Paul Hart", "Maria Gomez"}, set(), None, None),
    # "we" in a quotation: the speaker and the people the sentence says it refers to
    ("\"We met as a team today,\" Laura Finch said, referring to herself, Tom Baker and Raj Patel.", TUESDAY,
     {"Laura Finch", "Tom Baker", "Raj Patel"}, set(), TUESDAY, None),
    # "with help from" a mediator: a party
    ("The deal was negotiated over the past 13 days with help from Labor Secretary Ann Cole.", "2016-05-29",
     {"Ann Cole"}, set(), "2016-05", None),
    ("The deal was negotiated over the past 13 days with help from Labor Secretary Ann Cole.", "2016-05-05",
     {"Ann Cole"}, set(), "2016", None),
    # "recently": the month of publication when the two weeks before it lie inside it, else the year
    ("Senator Jane Park recently met Governor Mark Cole.", "2016-08-28", {"Jane Park", "Mark Cole"}, set(), "2016-08", None),
    ("Senator Jane Park recently met Governor Mark Cole.", "2016-08-05", {"Jane Park", "Mark Cole"}, set(), "2016", None),
    # the story's time frame, told in a paragraph before that names a party
    ("Carla Diaz said Governor Ed Brown attacked her in 1978. She has told the story before.\n\n"
     "Diaz said Brown placed several calls to her after the attack.", "2016-01-18",
     {"Ed Brown", "Carla Diaz"}, set(), "1978", None),
    # ... unless a nearer paragraph brings the story back to the present (and tells where)
    ("Carla Diaz said Governor Ed Brown attacked her in 1978.\n\nLast week Brown flew to Denver.\n\n"
     "Brown met Diaz again.", TUESDAY, {"Ed Brown", "Carla Diaz"}, set(), "2025-03", "Denver"),
    # ... and a time that tells when something was said is not the story's
    ("Carla Diaz said Governor Ed Brown attacked her in 1978.\n\nOn Sunday, Diaz told a radio host her story.\n\n"
     "Diaz said Brown placed several calls to her after the attack.", "2016-01-18",
     {"Ed Brown", "Carla Diaz"}, set(), "1978", None),
    # ... only from sentences that name a party: a background date is not the story's
    ("Britain voted on June 23, 2016, to leave the bloc. It is Prime Minister Tom Hale's aim to leave soon.\n\n"
     "Hale spoke in a statement released in conjunction with a visit to Ireland with Taoiseach Ann Walsh.", "2019-09-11",
     {"Tom Hale", "Ann Walsh"}, set(), None, "Ireland"),
    # a date alone on the first line is the day the story was filed, not the day of its scene
    ("Wednesday, October 9, 2019\n\nYesterday, drummer Tom Baker died in London.\n\n"
     "Baker was born in 1939. He played in jazz bands. Later, Baker played with a band where he met bassist Jack Brown.",
     "2019-10-09", {"Tom Baker", "Jack Brown"}, set(), "1939", None),
    # the scene told at the end of the paragraph before, by a longer name of the party
    ("The United Nations Security Council on Friday condemned the test.\n\n"
     "Following a swiftly called meeting, the Security Council issued a statement.", "2016-09-10",
     {"Security Council"}, set(), "2016-09-09", None),
    # ... not two paragraphs up
    ("Diplomats were alarmed.\n\nThe United Nations Security Council on Friday condemned the test.\n\nThe statement was long.\n\n"
     "Following a swiftly called meeting, the Security Council issued a statement.", "2016-09-10",
     {"Security Council"}, set(), None, None),
    # a place inside a place phrase; where one went, told just before or to meet
    ("A secretary watched her while Tom Clarke met with the executives for hours at the Charleston airport.", TUESDAY,
     {"Tom Clarke", "the executives"}, set(), None, "Charleston"),
    ("Tom Hale drove to Newburgh Heights, a small town.\n\nHale pulls up to a roadside tavern, where he meets the mayor.", TUESDAY,
     {"Tom Hale", "the mayor"}, set(), None, "Newburgh Heights"),
    ("Senator Ann Ruiz flew to Denver to meet Governor Jared Polis.", TUESDAY, {"Ann Ruiz", "Jared Polis"}, set(), None, "Denver"),
    ("Senator Ann Ruiz returned to Washington after she met Governor Ed Brown on Monday.", TUESDAY,
     {"Ann Ruiz"}, set(), "2025-03-10", None),
    # a meeting during a trip is at the trip's destination; its own place comes first
    ("The aide worked to arrange a meeting between Chancellor Olaf Berg and President Ana Lima during Lima's planned trip to Vienna.", TUESDAY,
     {"Olaf Berg", "Ana Lima"}, set(), None, "Vienna"),
    ("President Ana Lima met Chancellor Olaf Berg in Prague on Monday before her trip to Vienna.", TUESDAY,
     {"Olaf Berg", "Ana Lima"}, set(), "2025-03-10", "Prague"),
    # who arranges, brokers or helps set up talks between two others takes no part in them
    ("Envoy Kurt Vogel worked to arrange a meeting between President Maria Keller and Chancellor Olaf Berg.", TUESDAY,
     {"Maria Keller", "Olaf Berg"}, {"Kurt Vogel"}, None, None),
    ("Norway helped set up a meeting between the rebels and the government in Oslo.", TUESDAY,
     {"the rebels", "the government"}, {"Norway"}, None, "Oslo"),
    # ... but who arranges a meeting with one other is a party
    ("Senator Ann Ruiz arranged a meeting with Governor Tom Hale in Boston.", TUESDAY,
     {"Ann Ruiz", "Tom Hale"}, set(), None, "Boston"),
    # "they", "the two leaders", "both sides", "the two": the parties told just before
    ("President Maria Keller met Chancellor Olaf Berg in Prague on Monday. They agreed to meet again in April.", TUESDAY,
     {"Maria Keller", "Olaf Berg"}, set(), "2025-04", None),
    ("Prime Minister Keir Starmer phoned President Maria Keller on Monday. The two leaders will meet in Paris next month.",
     TUESDAY, {"Keir Starmer", "Maria Keller"}, {"The two leaders"}, "2025-04", "Paris"),
    ("Senator Ann Ruiz and Governor Tom Hale clashed over the budget last year. The two met privately on Friday.",
     TUESDAY, {"Ann Ruiz", "Tom Hale"}, set(), "2025-03-07", None),
    ("Ann Ruiz and Tom Hale have not spoken since March. On Friday, they met for lunch in Boston.", TUESDAY,
     {"Ann Ruiz", "Tom Hale"}, set(), "2025-03-07", "Boston"),
    # ... the plural subject that reports it
    ("Democrats said they would meet with Republicans on Friday.", TUESDAY, {"Democrats", "Republicans"}, set(),
     "2025-03-14", None),
    # "it" of a body that reports or does it
    ("The European Commission announced it would meet with Google on Friday.", TUESDAY,
     {"European Commission", "Google"}, set(), "2025-03-14", None),
    ("The committee said it would meet with Governor Tom Hale on Friday.", TUESDAY,
     {"The committee", "Tom Hale"}, set(), "2025-03-14", None),
    ("The company said it had held talks with the union last week.", TUESDAY,
     {"The company", "the union"}, set(), "2025-03", None),
    # ... and not a plural noun with words of its own, where no parties were told
    ("Two Democratic senators met Governor Tom Hale on Friday.", TUESDAY,
     {"Two Democratic senators", "Tom Hale"}, set(), "2025-03-07", None),
    # "that day": the day and, where it names none of its own, the place of the meeting told before
    ("Tom Hale met advisers in Bedminster on Sunday. The talks ran late. Aides were tired. "
     "Ann Ruiz also met with Hale that day.", TUESDAY, {"Ann Ruiz", "Tom Hale"}, set(), "2025-03-09", "Bedminster"),
    ("Tom Hale met advisers in Bedminster on Sunday. The talks ran late. Aides were tired. "
     "Ann Ruiz also met with Hale that day in New York.", TUESDAY, {"Ann Ruiz", "Tom Hale"}, set(), "2025-03-09",
     "New York"),
    # a day counted from the day told before, a meeting's or not
    ("Maria Keller met Olaf Berg on Monday, March 3. The next day, Keller met Pedro Sanchez.", TUESDAY,
     {"Maria Keller", "Pedro Sanchez"}, set(), "2025-03-04", None),
    ("Maria Keller met Olaf Berg on Monday, March 3. Two days later she met Pedro Sanchez in Madrid.", TUESDAY,
     {"Maria Keller", "Pedro Sanchez"}, set(), "2025-03-05", "Madrid"),
    ("Maria Keller arrived in Berlin on Monday, March 3. She met Olaf Berg the following morning.", TUESDAY,
     {"Maria Keller", "Olaf Berg"}, set(), "2025-03-04", "Berlin"),
    # a named site the tagger knows no place in; where a guest is welcomed or invited to
    ("Donald Trump met Benjamin Netanyahu at Mar-a-Lago in December.", TUESDAY,
     {"Donald Trump", "Benjamin Netanyahu"}, set(), "2024-12", "Mar-a-Lago"),
    ("Keir Starmer will host Maria Keller at Chequers on Friday.", TUESDAY, {"Keir Starmer", "Maria Keller"}, set(),
     "2025-03-14", "Chequers"),
    ("Donald Trump welcomed Emmanuel Macron to the White House on Monday.", TUESDAY,
     {"Donald Trump", "Emmanuel Macron"}, {"White House"}, "2025-03-10", "White House"),
    ("Ann Ruiz invited Tom Hale to Boston for talks in November.", TUESDAY, {"Ann Ruiz", "Tom Hale"}, set(),
     "2025-11", "Boston"),
    # a place told in a relative clause of another event is not the meeting's; where a party is, is
    ("Ann Ruiz, who spoke at a rally in Ohio on Monday, met Tom Hale on Friday.", TUESDAY,
     {"Ann Ruiz", "Tom Hale"}, set(), "2025-03-07", None),
    ("Ann Ruiz, who is in Berlin for a climate conference, met Tom Hale on Friday.", TUESDAY,
     {"Ann Ruiz", "Tom Hale"}, set(), "2025-03-07", "Berlin"),
    # where a party went or arrived a few sentences before, by name or pronoun; a time is no place
    ("Later, he drives to Springfield, a small town. The town is proud of its new park.\n\n"
     "Tom Hale stops at a diner, where he meets the mayor.", TUESDAY,
     {"Tom Hale", "the mayor"}, set(), None, "Springfield"),
    ("Ann Ruiz arrived in Kyiv on Monday. Her plane was late. She met Volodymyr Zelensky in the afternoon.", TUESDAY,
     {"Ann Ruiz", "Volodymyr Zelensky"}, set(), "2025-03-10", "Kyiv"),
    # ... not another person's journey, nor one two paragraphs up ("the afternoon" is still the day told)
    ("Tom Hale returned to Boston on Monday. Ann Ruiz met Volodymyr Zelensky in the afternoon.", TUESDAY,
     {"Ann Ruiz", "Volodymyr Zelensky"}, set(), "2025-03-10", None),
    ("Ann Ruiz flew to Kyiv on Monday.\n\nThe war goes on.\n\nShe met Volodymyr Zelensky on Tuesday.", TUESDAY,
     {"Ann Ruiz", "Volodymyr Zelensky"}, set(), TUESDAY, None),
    # a description in apposition to a named party is no party; "since" dates no meeting
    ("It was Tom Hale's first meeting with Senator Ann Ruiz, Democrat of Ohio, since November.",
     "2015-12-15", {"Tom Hale", "Ann Ruiz"}, {"Democrat"}, None, None),
    # a meeting that names its own party: the main clause's subject is not another
    ("After her meeting with Tom Hale, the Foreign Office announced new rules.", TUESDAY,
     {"Tom Hale"}, {"Foreign Office"}, None, None),
    ("After his meeting with Angela Merkel, Tom Hale said the talks went well.", TUESDAY,
     {"Angela Merkel", "Tom Hale"}, set(), None, None),
    # a building visited is where, not who
    ("Angela Merkel visited the White House on Monday.", TUESDAY, {"Angela Merkel"}, {"White House"},
     "2025-03-10", "White House"),
    # a "which" clause tells where and when the meeting took place, also hung on its last party
    ("Ann Ruiz asked for a meeting with Tom Hale, which took place at Trump Tower this morning.", TUESDAY,
     {"Ann Ruiz", "Tom Hale"}, set(), TUESDAY, "Trump Tower"),
    # who was addressed during "their meeting", named in apposition
    ("Angela Merkel cautioned the Russian leader, Vladimir Putin, during their recent meeting in Berlin.", TUESDAY,
     {"Angela Merkel", "Vladimir Putin"}, set(), None, "Berlin"),
    # never a dateline with its agency, which the parser may make a second subject (it is the place
    # of the meeting its lead tells)
    ("Trump and Ryan make peace.\n\nWASHINGTON (AP) — Donald Trump and House Speaker Paul Ryan promised to work "
     "together after a meeting Thursday meant to unite their party.", "2016-05-12",
     {"Paul Ryan", "Donald Trump"}, {"WASHINGTON", "AP"}, "2016-05-12", "Washington"),
    ("Trump and Ryan make peace.\n\nWASHINGTON (AP) — Donald Trump and House Speaker Paul Ryan met Thursday.",
     "2016-05-12", {"Paul Ryan", "Donald Trump"}, {"WASHINGTON", "AP"}, "2016-05-12", "Washington"),
    # a time that names no date (a decade, "over the years") takes none from the sentences before
    ("Tom Hale was born in 1950. One summer in the 1970s, Tom Hale met Rosa Diaz for lunch.",
     TUESDAY, {"Tom Hale", "Rosa Diaz"}, set(), None, None),
    ("Ann Ruiz moved into the building in 1990. She and Tom Hale have met over the years in the lobby.",
     TUESDAY, {"Ann Ruiz", "Tom Hale"}, set(), None, None),
    # the one met in a relative clause is the noun the clause describes
    ("The princess lost her title upon her marriage to a U.S. national whom she met while studying in Boston.",
     TUESDAY, {"a U.S. national"}, {"U.S."}, None, "Boston"),
    ("Governor Ann Ruiz thanked the senator with whom she met on Monday.", TUESDAY,
     {"Ann Ruiz", "the senator"}, set(), "2025-03-10", None),
    # two titled names coordinated, the first in apposition to its title
    ("On March 6, US President Tom Hale and Turkish President Kemal Aydin spoke on the phone.", TUESDAY,
     {"Tom Hale", "Kemal Aydin"}, set(), "2025-03-06", None),
    # a site visited by its common noun is where, not who, when a visitor is named
    ("Prime Minister Erna Dahl was stranded after a visit to the Johan Brekke oil field.", TUESDAY,
     {"Erna Dahl"}, {"Johan Brekke"}, None, "Johan Brekke oil field"),
    ("Governor Tom Hale visited a hospital in Dayton on Wednesday.", "2025-03-14",
     {"Tom Hale"}, {"Dayton"}, "2025-03-12", "Dayton"),
    # ... not a family visited
    ("Senator Ann Ruiz visited the family of Jacob Blake.", TUESDAY, {"Ann Ruiz", "the family of Jacob Blake"},
     set(), None, None),
    # a time between the reporting verb and the meeting's subject tells when it was said
    ("Donor Sam Adler said on Friday he met Senator Ann Ruiz earlier this week.", "2015-12-20",
     {"Sam Adler", "Ann Ruiz"}, set(), "2015-12", None),
    ("Donor Sam Adler said on Friday he met Senator Ann Ruiz.", "2015-12-20", {"Sam Adler", "Ann Ruiz"}, set(), None, None),
    ("Donor Sam Adler said he met Senator Ann Ruiz on Friday.", "2015-12-20",
     {"Sam Adler", "Ann Ruiz"}, set(), "2015-12-18", None),
    # a place the parser hangs on the one met; a site named by a proper noun
    ("Governor Tom Hale met Senator Ann Ruiz at Trump Tower in Manhattan.", TUESDAY,
     {"Tom Hale", "Ann Ruiz"}, set(), None, "Trump Tower"),
    ("Governor Tom Hale met Prime Minister Ken Sato at his Mar-a-Lago estate.", TUESDAY,
     {"Tom Hale", "Ken Sato"}, set(), None, "Mar-a-Lago estate"),
    ("Governor Tom Hale met Senator Ann Ruiz at a pub.", TUESDAY, {"Tom Hale", "Ann Ruiz"}, set(), None, None),
    # a body of people named by its place: the body, not the place
    # (police questioning a suspect is an interview, no meeting: the body meets someone here)
    ("Kent police met with Anne Carter on Monday.", TUESDAY, {"Kent police", "Anne Carter"}, {"Kent"}, "2025-03-10", None),
    # a month or a year counted from the time told before
    ("Tom Hale met Ann Ruiz in March 2014. They met again the following year.", TUESDAY,
     {"Tom Hale", "Ann Ruiz"}, set(), "2015", None),
    ("Tom Hale flew to Boston in May 2010. Two months later, he met Ann Ruiz.", TUESDAY,
     {"Tom Hale", "Ann Ruiz"}, set(), "2010-07", "Boston"),
    ("Tom Hale sold the firm in 2005. Later that year, he met Ann Ruiz.", TUESDAY,
     {"Tom Hale", "Ann Ruiz"}, set(), "2005", None),
    # a part of the day told before: that day, but not its place
    ("President Karl Brandt welcomed Asian leaders to Berlin on Thursday. Brandt held a joint meeting in the "
     "morning with Prime Minister Ana Souza. He met in the afternoon with President Li Wen.", "2016-04-01",
     {"Karl Brandt", "Li Wen"}, set(), "2016-03-31", None),
    # the one person named before an object pronoun in its sentence, not one told further back
    ("Senator Ann Ruiz spoke in Ohio. With Tom Hale calling Mark Cole his friend, Hale met with him in July.",
     TUESDAY, {"Tom Hale", "Mark Cole"}, {"Ann Ruiz"}, "2024-07", None),
    # ... and the subject of a reported clause whose teller the parser hangs elsewhere
    ("Bernie Sanders won the caucus. Alarmed by the unrest in Nevada, Senator Harry Reid, the minority leader, "
     "said that he spoke with Mr. Sanders on Tuesday.", "2016-05-19", {"Harry Reid", "Bernie Sanders"}, set(),
     "2016-05-17", None),
    # ... but a span counted from the story's time does not stop it
    ("Carla Diaz said Governor Ed Brown attacked her in 1978. She has told the story before.\n\n"
     "Diaz said Brown placed several calls to her over the next six months.", "2016-01-18",
     {"Ed Brown", "Carla Diaz"}, set(), "1978", None),
    # where a sentence after says the gathering was held
    ("Chancellor Karl Brandt and President Ana Souza met on Friday to discuss trade. They found little common "
     "ground on tariffs.\n\nThe proposals were part of a day-long conclave held in Tallinn.", TUESDAY,
     {"Karl Brandt", "Ana Souza"}, set(), "2025-03-07", "Tallinn"),
    ("On Saturday, Mayor Ken Sato met a few hundred farmers to hear their demands. Reporters estimated that 200 "
     "people attended the event held at the regional capital of Kano.", TUESDAY,
     {"Ken Sato", "a few hundred farmers"}, set(), "2025-03-08", "Kano"),
    ("Governor Tom Hale held talks with Senator Ann Ruiz on Monday. The negotiations took place in Denver.", TUESDAY,
     {"Tom Hale", "Ann Ruiz"}, set(), "2025-03-10", "Denver"),
    # ... not after another meeting is told, nor a gathering of other parties, nor what else was held
    ("Governor Tom Hale met Senator Ann Ruiz on Monday. On Tuesday, Hale met Mayor Mark Cole. The meeting was "
     "held in Denver.", TUESDAY, {"Tom Hale", "Ann Ruiz"}, set(), "2025-03-10", None),
    ("Governor Tom Hale met Senator Ann Ruiz on Monday. A conference with farmers was held in Denver in May.", TUESDAY,
     {"Tom Hale", "Ann Ruiz"}, set(), "2025-03-10", None),
    ("Governor Tom Hale met Senator Ann Ruiz on Monday. A trial was held in Denver in May.", TUESDAY,
     {"Tom Hale", "Ann Ruiz"}, set(), "2025-03-10", None),
    ("Governor Tom Hale met Senator Ann Ruiz on Monday. Hale spoke at a press conference held in Denver.", TUESDAY,
     {"Tom Hale", "Ann Ruiz"}, set(), "2025-03-10", None),
    # ... nor the place of a call, which joins two places
    ("Governor Tom Hale spoke by phone with Senator Ann Ruiz on Monday. The session was held in Denver.", TUESDAY,
     {"Tom Hale", "Ann Ruiz"}, set(), "2025-03-10", None),
    # ... nor one told too far after
    ("Governor Tom Hale met Senator Ann Ruiz on Monday. They agreed on a budget. Taxes will rise. Schools will "
     "gain. The event was held in Denver.", TUESDAY, {"Tom Hale", "Ann Ruiz"}, set(), "2025-03-10", None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "published", "parties", "not_parties", "date", "place"), FRAMES)
def test_parties_date_and_place(nlp, text, published, parties, not_parties, date, place):
    meetings = _meetings(nlp, text, published)
    found = [m for m in meetings if parties <= set(m.participants)]
    assert found, meetings
    # where the text tells two meetings of the same parties, the one of the expected date
    meeting = next((m for m in found if m.date == date), found[0])
    assert not not_parties & set(meeting.participants), meeting
    assert (meeting.date, meeting.location) == (date, place), meeting


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("recently", "2016-08-28", "2016-08"),
        ("recently", "2016-08-05", "2016"),  # the two weeks before reach into July
        ("recently", "2016-01-05", None),  # ... and into the year before
        ("lately", "2016-05-20", "2016-05"),
        ("over the past 13 days", "2016-05-29", "2016-05"),
        ("the past two days", "2016-05-02", "2016"),
        ("the last few days", "2016-05-20", "2016-05"),
    ],
)
def test_resolve_recent_days(text, published, expected):
    """Days just before publication: their month when they lie inside one, else their year."""
    assert resolve_period(text, published, tense="past") == expected


# Tuesday 12 April 2016 and Monday 3 October 2016
LOOSE = [
    ("last night", "2016-04-12", "past", "2016-04-11"),
    ("this morning", "2016-04-12", "past", "2016-04-12"),
    ("over the weekend", "2016-04-12", "past", "2016-04"),  # 9-10 April
    ("this past weekend", "2016-10-03", "past", "2016-10"),  # 1-2 October, not the week before it
    ("over the weekend", "2016-10-03", "past", "2016-10"),
    ("last weekend", "2016-05-02", "past", "2016"),  # 30 April - 1 May: two months, one year
    ("last weekend", "2016-10-03", "past", "2016-10"),
    ("a few days ago", "2016-04-12", "past", "2016-04"),
    ("a few days ago", "2016-04-03", "past", "2016"),  # 27 March - 3 April
    ("a few days ago", "2016-04-12", "future", None),
    ("two years ago", "2016-04-12", "past", "2014"),
    ("a year ago", "2016-04-12", "past", "2015"),
    ("a month ago", "2016-04-12", "past", "2016-03"),
    ("three months ago", "2016-02-12", "past", "2015-11"),
    ("a few months ago", "2016-04-12", "past", None),  # no count: no month
    ("this summer", "2016-04-12", "future", "2016"),
    ("last summer", "2016-04-12", "past", "2015"),
    ("last fall", "2016-04-12", "past", "2015"),
    ("next spring", "2016-04-12", "future", "2017"),
    ("next spring", "2016-01-12", "future", "2016"),
    ("last winter", "2016-04-12", "past", None),  # winter runs over two years
    ("the 1990s", "2016-04-12", "past", None),
]


@pytest.mark.parametrize(("text", "published", "tense", "expected"), LOOSE)
def test_resolve_looser_words(text, published, tense, expected):
    assert resolve_period(text, published, tense=tense) == expected


def test_recent_days_are_never_ahead():
    assert resolve_period("recently", "2016-08-28", tense="future") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("that year", ("year", 0)),
        ("Later that month", ("month", 0)),
        ("the same year", ("year", 0)),
        ("the following year", ("year", 1)),
        ("the next month", ("month", 1)),
        ("the previous year", ("year", -1)),
        ("two years later", ("year", 2)),
        ("a month earlier", ("month", -1)),
        ("three months after", ("month", 3)),
        ("that day", None),  # a day, counted by days_from_told and SAME_DAY
        ("next year", None),  # counted from publication, not from a time told
        ("the year", None),
        ("years later", None),  # no count
    ],
)
def test_period_from_told(text, expected):
    assert period_from_told(text) == expected
