"""The words of meetings: which verbs and nouns name one, and the words around them that tell
another sense (a deadline met, an audience addressed, an outlet, a press event). The rules that
read them are in meeting_cues and meeting_status."""

from __future__ import annotations

VERB_KINDS = {
    "meet": "meeting",
    "gather": "meeting",
    "confer": "meeting",
    "convene": "meeting",
    "host": "visit",
    "visit": "visit",
    "negotiate": "talks",
    "huddle": "meeting",
    "mediate": "talks",
}
# verbs of conversation: a meeting only with a party ("spoke privately to a dozen senators")
TALK_VERBS = {
    "speak": "talks", "talk": "talks", "chat": "talks", "consult": "talks", "dine": "meeting", "lunch": "meeting",
    "breakfast": "meeting", "golf": "meeting",
}  # fmt: skip
# games played with a party: a meeting ("played golf with")
GAMES = frozenset({"golf", "tennis", "round", "cards", "chess", "basketball", "poker", "game"})
# how two people talk with each other, never how they give speeches ("spoke briefly", "talked privately")
TALK_MANNER = frozenset({"briefly", "privately", "directly", "cordially", "amicably", "face-to-face", "frankly"})
# verbs of conversation that, told of a pair ("Lee and Reed talked"), are a conversation of the two (not "speak":
# "Clinton and Biden will speak there" are two speeches)
PAIR_TALK = frozenset({"talk", "chat", "consult"})
NOUN_KINDS = {
    "meeting": "meeting",
    "meet": "meeting",
    "encounter": "meeting",
    "consultation": "meeting",
    "summit": "summit",
    "call": "call",
    "phone": "call",
    "telephone": "call",
    "visit": "visit",
    "trip": "visit",
    "talks": "talks",
    "talk": "talks",
    "negotiation": "talks",
    "discussion": "talks",
    "conversation": "talks",
    "interaction": "meeting",
    "briefing": "meeting",
    "lunch": "meeting",
    "luncheon": "meeting",
    "meal": "meeting",
    "supper": "meeting",
    "dinner": "meeting",
    "breakfast": "meeting",
    "reunion": "meeting",
    "hearing": "meeting",
    "videoconference": "call",
    "chat": "talks",
    "huddle": "meeting",
    "powwow": "meeting",
    "parley": "talks",
}
# nouns that name a meeting only with a party or a verb of taking part ("over a sushi lunch", "a lunch with")
PARTY_NOUNS = frozenset(
    {
        "conversation",
        "interaction",
        "lunch",
        "luncheon",
        "meal",
        "supper",
        "dinner",
        "breakfast",
        "reunion",
        "discussion",
        "chat",
        "huddle",
        "powwow",
        "parley",
    }
)
KIND_RANK = {"summit": 0, "call": 1, "visit": 2, "talks": 3, "meeting": 4, "other": 5}

CUE_VERBS = frozenset({*VERB_KINDS, *TALK_VERBS, "call", "phone", "telephone"})
# "meet the deadline", "meet the bar": to meet is to satisfy
SATISFY_OBJECTS = frozenset(
    {
        "deadline", "demand", "need", "target", "requirement", "expectation", "standard", "bar", "criterion",
        "criteria", "threshold", "goal", "test", "obligation", "condition", "certification", "quota", "challenge",
        "end", "fate", "death", "specification", "payment", "cost", "benchmark", "definition", "mark", "payroll",
        "commitment", "requirements", "standards", "burden", "match", "approval", "eye", "gaze", "limit",
        "shortfall", "shortage", "gap", "debt", "bill", "budget", "quorum", "mandate", "rule", "qualification",
    }
)  # fmt: skip
# "met with criticism": a reaction, not a party
REACTIONS = frozenset(
    {
        "criticism", "resistance", "skepticism", "scepticism", "opposition", "derision", "applause", "silence",
        "outrage", "protest", "approval", "disapproval", "success", "failure", "suspicion", "hostility", "praise",
        "scorn", "ridicule", "cheer", "boo", "laughter", "disbelief", "backlash", "anger", "concern", "enthusiasm",
        "indifference", "alarm", "dismay", "surprise", "acclaim", "condemnation", "rejection", "support", "response",
        "reaction", "resentment", "incredulity", "fury", "delay", "setback", "violence", "force", "tear", "gas",
        "reception", "welcome", "shrug", "jeer", "chant", "groan", "uproar", "fanfare", "interest",
    }
)  # fmt: skip
# who is addressed in a press event, an interview or a campaign event: never the other party
AUDIENCES = frozenset(
    {
        "reporter", "journalist", "press", "media", "newsman", "correspondent", "analyst", "investor", "crowd",
        "audience", "supporter", "voter", "student", "viewer", "listener", "reader", "attendee", "fan",
        "shareholder", "newspaper", "magazine", "network", "host", "anchor", "interviewer", "camera", "editor",
        "columnist", "commentator", "pundit", "blogger", "podcaster",
    }
)  # fmt: skip
# titles of those who report: a person so titled is an outlet's, never a party met
JOURNALISTS = frozenset(
    {"reporter", "journalist", "correspondent", "anchor", "host", "editor", "columnist", "commentator", "pundit",
     "blogger", "podcaster", "interviewer", "newsman", "anchorman", "anchorwoman"}
)  # fmt: skip
# who questions a suspect or a witness: their talks are an interview
INTERVIEWERS = frozenset({"police", "investigator", "detective", "agent", "officer", "policeman", "policewoman"})
# whoever: a talk "to some people" is no meeting of parties
WHOEVER = frozenset({"people", "person", "folk", "everyone", "everybody", "anyone", "anybody", "someone"})
# the ends of a web address: an outlet ("Portfolio.hu")
WEB_ENDINGS = (".com", ".org", ".net", ".hu", ".de", ".fr", ".ru", ".uk", ".in", ".io", ".info", ".news", ".co")
# words of an outlet's name: an outlet is never a participant
OUTLET_WORDS = frozenset(
    {
        "post", "times", "news", "cnn", "nbc", "abc", "cbs", "fox", "msnbc", "journal", "press", "reuters", "ap",
        "politico", "magazine", "radio", "tv", "bbc", "tribune", "herald", "gazette", "guardian", "telegraph",
        "bloomberg", "npr", "pbs", "axios", "hill", "examiner", "globe", "chronicle", "daily", "weekly", "review",
        "cnbc", "associated", "agence", "afp", "tass", "xinhua", "observer", "independent", "today", "atlantic",
    }
)  # fmt: skip
# events that are not meetings of parties: a meeting word in them opens no frame
EVENT_WORDS = frozenset(
    {
        "town", "hall", "press", "news", "rally", "debate", "campaign", "fundraiser", "fund", "convention",
        "interview", "stockholder", "shareholder", "earnings", "conference", "speech", "prayer", "parent", "teacher",
        "show", "program", "programme", "podcast", "broadcast", "radio", "television",
    }
)  # fmt: skip
# verbs of belief: a meeting someone "might" have in what they imagine is no report of one
BELIEF = frozenset({"think", "imagine", "dream", "assume", "suppose", "fantasize", "believe", "fear", "picture"})
# what a body sits in when it meets ("attend the General Assembly", "the session")
SESSION_WORDS = frozenset({"assembly", "session", "plenary", "markup", "mark-up", "conclave"})
# who holds a hearing that is a meeting of a body, not a court's ("confirmation hearings")
HEARING_WORDS = frozenset(
    {"confirmation", "congressional", "impeachment", "oversight", "committee", "subcommittee", "senate", "house",
     "parliamentary", "legislative", "public"}
)  # fmt: skip
MODALS = frozenset({"could", "might", "may", "would", "should", "can"})
PERSON_PRONOUNS = frozenset({"he", "she", "his", "her", "him"})
HABIT = frozenset({"frequently", "regularly", "often", "privately", "daily", "weekly", "routinely", "still", "twice"})
# what a crowd gathers for: a gathering for one is no meeting of parties
CROWD_EVENTS = frozenset(
    {"rally", "protest", "demonstration", "march", "vigil", "memorial", "funeral", "parade", "concert", "festival",
     "celebration", "ceremony", "match", "game", "service", "mass", "prayer", "sit-in", "strike", "picket"}
)  # fmt: skip
# who gathers as a crowd, not as parties to a meeting ("protesters gathered outside the courthouse")
CROWDS = frozenset(
    {"protester", "protestor", "demonstrator", "mourner", "marcher", "onlooker", "worshipper", "worshiper",
     "spectator", "passerby", "tourist", "pilgrim", "crowd", "throng", "people", "fan", "supporter", "resident"}
)  # fmt: skip
# where candidates face each other or a crowd: meeting there is not a meeting of parties
STAGE_WORDS = frozenset({"debate", "rally", "stage", "podium", "interview", "rope", "line"})
PHONES = frozenset({"phone", "telephone", "videophone", "video", "videoconference", "zoom", "skype"})
# verbs of going somewhere, whose purpose may be to see someone
MOTION = frozenset({"travel", "fly", "go", "come", "head", "drive", "return", "rush", "journey"})
# bodies whose sessions are meetings
BODIES = frozenset({"committee", "subcommittee", "panel", "commission", "council", "board", "caucus"})
# where an outlet's guests are visited
STUDIOS = frozenset({"studio", "studios", "newsroom", "show"})
# calls of a trade or a nuisance
SERVICE_CALLS = frozenset({"customer", "sales", "service", "prank", "crank", "robocall", "telemarketing"})
# verbs of staying away: the subject took no part in the meeting named
ABSENCE = frozenset({"skip", "miss", "boycott", "avoid", "shun", "snub"})
# what a reader is told to visit: never a meeting
WEB_WORDS = frozenset({"page", "website", "link", "homepage", "web", "url", "portal", "blog"})
# where something happened: a visit there is a visit to a crisis site ("went to the scene", "visited the site of the
# blast"); "site" alone is also a web site, so it needs what happened there
SCENES = frozenset({"scene", "site", "wreckage", "rubble", "aftermath", "ruins"})
# what a disaster leaves: touring it is a visit to a crisis site
DAMAGE = frozenset({"damage", "devastation", "destruction", "wreckage", "rubble", "ruins"})
# offices named after talks ("the special envoy for Ukraine negotiations")
OFFICE_NOUNS = frozenset(
    {"envoy", "negotiator", "representative", "coordinator", "adviser", "advisor", "ambassador", "official", "czar"}
)
# common nouns of places a candidate tours: visiting them is a campaign stop, not a meeting
TOUR_PLACES = frozenset(
    {"county", "state", "city", "town", "district", "region", "precinct", "area", "neighborhood", "stop", "campus"}
)
# what one is joined for: a meal or talks ("joined Trump for lunch")
MEALS = frozenset({"lunch", "luncheon", "dinner", "breakfast", "supper", "meal", "drink", "coffee", "tea", "talks"})
# what "meets with" a reaction: a thing said or done, not a party ("the proposal met with a cool reception")
RECEIVED = frozenset(
    {"proposal", "plan", "idea", "bill", "decision", "move", "announcement", "news", "remark", "comment", "statement",
     "speech", "offer", "suggestion", "policy", "measure", "request", "report", "claim", "appeal", "initiative", "law",
     "rule", "order", "ruling", "verdict", "nomination", "choice", "effort", "attempt", "strategy", "budget", "deal",
     "agreement", "book", "film", "album", "product", "launch", "change", "reform", "response", "demand", "call"}
)  # fmt: skip
# what has a summit that is its top
PEAKS = frozenset({"mountain", "mount", "hill", "peak", "volcano", "ridge", "pyramid", "tower"})
# whom a candidate faces in a race
RIVALS = frozenset({"opponent", "rival", "challenger", "contender", "competitor"})
# what one spends with a party: time together ("spent the afternoon with Governor Walz")
SPENT = frozenset({"time", "afternoon", "morning", "evening", "day", "night", "weekend", "hour", "minute"})
# hyphenated nouns of a meeting, whose parts the tokenizer splits ("a sit-down with", "a one-on-one with")
HYPHENATED = frozenset({"sit-down", "one-on-one", "get-together", "tete-a-tete", "face-to-face"})
# nouns that name a meeting only with a party ("an audience with the Pope", "a bilateral with Xi")
WITH_NOUNS = frozenset({"audience", "bilateral", "session", "roundtable"})
# what makes a session a meeting without a party named ("an emergency session"; a "closed session" is often a
# witness's deposition)
SESSION_MARKS = frozenset({"emergency", "special", "extraordinary", "plenary", "annual"})
# verbs by which a body holds or is called to a session
HOLD_VERBS = frozenset({"hold", "convene", "call", "attend", "schedule", "open", "begin", "start", "have"})
# who is summoned to a meeting: a diplomat, or a named person
ENVOYS = frozenset({"ambassador", "envoy", "diplomat", "charge", "attache", "consul", "emissary"})

# nouns that denote people or bodies of people: a description participant where no name fits
HUMAN_NOUNS = frozenset(
    {
        "official", "senator", "leader", "minister", "president", "mayor", "governor", "executive", "adviser",
        "advisor", "aide", "staffer", "staff", "investor", "prosecutor", "lawyer", "attorney", "diplomat", "envoy",
        "delegation", "delegate", "representative", "lawmaker", "legislator", "congressman", "congresswoman",
        "member", "colleague", "friend", "buddy", "donor", "activist", "chief", "head", "ambassador", "negotiator",
        "counterpart", "worker", "miner", "union", "employee", "woman", "man", "people", "family", "victim",
        "resident", "farmer", "officer", "general", "commander", "rebel", "agent", "investigator", "judge", "ceo",
        "chairman", "chairwoman", "director", "secretary", "authority", "government", "administration",
        "committee", "panel", "council", "board", "commission", "coalition", "team", "company", "firm", "bank",
        "ally", "partner", "king", "queen", "pope", "candidate", "nominee", "rival", "opponent", "billionaire",
        "businessman", "businesswoman", "banker", "economist", "expert", "scientist", "doctor", "elder", "bishop",
        "imam", "rabbi", "priest", "premier", "chancellor", "wife", "husband", "son", "daughter", "mother", "father",
        "brother", "sister", "manager", "owner", "founder", "client", "regulator", "clergy", "cabinet",
        "superdelegate", "governors", "group", "groups", "counterparts", "relative", "survivor", "parent", "student",
        "management", "leadership", "national", "citizen", "police", "soldier", "troop", "army", "protester",
        "spokesman", "spokeswoman", "spokesperson",
        "analyst", "professor", "teacher", "mediator", "organizer", "organiser", "emissary", "crew",
    }
)  # fmt: skip
