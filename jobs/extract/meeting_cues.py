"""Which meeting words open a meeting frame (the words are listed in meeting_words, their other senses in
meeting_senses).

A cue is a verb ("meet", "host", "visit", "speak with", "call her") or a noun
("meeting", "summit", "call", "talks", "lunch with", "briefing") used in its meeting
sense; the other senses ("meet the deadline", "met with criticism", "Meet the Press",
"call for", "a town hall meeting", "a call with reporters") open no frame. The status
of a frame is read in meeting_status.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from jobs.extract._sents import children
from jobs.extract.meeting_senses import (
    a_peak,
    a_verb_read_as_noun,
    at_an_event,
    bestows,
    collects,
    for_an_event,
    imagined,
    is_audience,
    is_title_use,
    meets_an_audience,
    meets_something,
    names_a_post,
    negotiated_outcome,
    never_met,
    noun_in_event,
    on_an_occasion,
    on_stage,
    passed_over,
    stayed_away,
    told_somewhere,
    vague_group,
    visits_a_page,
    visits_a_stop,
)
from jobs.extract.meeting_sessions import body_session
from jobs.extract.meeting_untold import untold
from jobs.extract.meeting_with import done_with_party
from jobs.extract.meeting_words import (
    BODIES,
    CUE_VERBS,
    DAMAGE,
    ENVOYS,
    GAMES,
    HABIT,
    HEARING_WORDS,
    HOLD_VERBS,
    HUMAN_NOUNS,
    HYPHENATED,
    INTERVIEWERS,
    MEALS,
    MOTION,
    NOUN_KINDS,
    PAIR_TALK,
    PARTY_NOUNS,
    PERSON_PRONOUNS,
    PHONES,
    SCENES,
    SERVICE_CALLS,
    SESSION_MARKS,
    SESSION_WORDS,
    SPENT,
    STAGE_WORDS,
    TALK_MANNER,
    TALK_VERBS,
    TOUR_PLACES,
    VERB_KINDS,
    WHOEVER,
    WITH_NOUNS,
)


@dataclass(frozen=True)
class Found:
    cue: Token
    kind: str


def _mention_like(token: Token, named: frozenset[int]) -> bool:
    return (
        token.i in named or token.lower_ in PERSON_PRONOUNS or token.lower_ in ("them", "they", "i", "me", "we", "us")
    )


def _talk_party(token: Token, named: frozenset[int]) -> bool:
    """A verb of conversation with a party that is not an audience ("spoke to a dozen senators", "he and Trump speak")."""
    objects = [c for c in token.children if c.dep_ in ("ccomp", "dobj") and c.lemma_.lower() not in ("privately",)]
    if _lemma(token) == "consult" and any(_mention_like(c, named) and not is_audience(c) for c in objects):
        return True  # "consulted Henry Kissinger"
    if objects:
        return False
    if for_an_event(token):
        return False  # "spoke to the paper in an exclusive interview", "talked with voters at a rally"
    if any(c.dep_ == "nsubj" and c.lemma_.lower() in INTERVIEWERS for c in token.children):
        return False  # "police spoke with Sacoolas as a suspect": an investigators' interview
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("with", "to"):
            for party in (p for p in child.children if p.dep_ == "pobj"):
                if party.lemma_.lower() in WHOEVER:
                    continue  # "spoke to some people", "talking to the people of Melbourne"
                if is_audience(party) or child.lower_ == "to" and party.ent_type_ == "ORG":
                    return False  # (speaking to an organisation is a speech: "spoke to the NAACP")
                if vague_group(party) and not on_an_occasion(token):
                    return False  # "I talked to my colleagues", "talk to all other activists": no one met, no time
                if _mention_like(party, named) or _people(party) or party.lemma_.lower() == "counterpart":
                    return True  # ("spoke with his South Korean counterpart": a peer in office is a party met)
    # "he and Mr. Trump still speak frequently", "the two sides have talked" (not "friends talked
    # glowingly about him", nor "Clinton and Biden will speak there": two speeches)
    about = any(c.dep_ == "prep" and c.lower_ in ("about", "of") for c in token.children)
    habit = any(c.lower_ in HABIT for c in token.children)
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    conj = any(any(g.dep_ == "conj" for g in s.children) for s in subjects)
    pair = any(any(g.lower_ in ("two", "both") for g in s.children) for s in subjects)
    told_to = any(c.dep_ == "prep" and c.lower_ in ("to", "at") for c in token.children)
    talked = _lemma(token) in PAIR_TALK and conj and not about and not told_to  # "Lee and Reed talked on Monday"
    # "Putin and Xi have spoken several times", "Carney and Trump spoke on Saturday": a time and no stage or place
    # of a speech ("Clinton and Biden spoke in Philadelphia on Monday" may be two speeches)
    # ... of named parties ("friends and relatives of prisoners spoke" during a vigil are speakers)
    named_pair = any(
        s.i in named and any(g.dep_ == "conj" and _mention_like(g, named) for g in s.children) for s in subjects
    )
    spoke = named_pair and not about and not told_to and on_an_occasion(token) and not told_somewhere(token)
    # "she and Mr. Pinchuk had spoken briefly about democracy": a manner only a conversation has
    spoke = spoke or named_pair and not told_to and any(c.lower_ in TALK_MANNER for c in token.children)
    return habit and conj and not about or pair and not told_to or talked or spoke


def _people(party: Token) -> bool:
    """A plural of people or bodies ("senators", "Democratic leaders"), not of things ("the concerns of farmers")."""
    return (
        party.pos_ == "NOUN" and party.tag_ == "NNS" and (party.lemma_.lower() in HUMAN_NOUNS or bool(party.ent_type_))
    )


def _one_person(party: Token) -> bool:
    """A definite description of one person or body ("the governor", "his counterpart"), not a topic."""

    definite = any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in party.children)
    return party.pos_ == "NOUN" and definite and party.lemma_.lower() in HUMAN_NOUNS and not is_audience(party)


def _people_described(party: Token) -> bool:
    """A description of people or of a body ("congressional leaders", "his advisers", "the Iraqi delegation"),
    not whoever ("people", "leaders") nor an audience."""
    modified = any(c.dep_ in ("amod", "compound", "poss", "nmod") or c.dep_ == "det" and c.lower_ not in ("a", "an")
                   for c in party.children)  # fmt: skip
    return party.pos_ == "NOUN" and party.lemma_.lower() in HUMAN_NOUNS and modified and not is_audience(party)


def _calls_someone(token: Token, named: frozenset[int]) -> bool:
    """ "Clinton called her to get together": a phone call, not "called him a liar" or "called for"."""
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if len(objects) != 1 or is_audience(objects[0]):
        return False
    if not (objects[0].lower_ in PERSON_PRONOUNS or objects[0].ent_type_ == "PERSON"):
        return False
    if any(c.dep_ in ("oprd", "attr", "acomp", "ccomp", "prt") for c in token.children):
        return False
    after_i = objects[0].i + 1
    while after_i < len(token.doc) and token.doc[after_i].is_quote:
        after_i += 1
    after = token.doc[after_i] if after_i < len(token.doc) else None
    return after is None or after.pos_ not in ("DET", "ADJ", "NOUN", "PROPN", "NUM") and after.lower_ != "as"


def is_phone_call(token: Token) -> bool:
    """A noun "call" that is a conversation, not an appeal ("calls for Kyiv to ...")."""
    children = list(token.children)
    if any(c.lemma_.lower() in SERVICE_CALLS for c in children):
        return False  # "take customer calls", "prank calls": calls of a trade or a nuisance
    if any(c.lemma_.lower() in ("phone", "telephone", "video", "conference") for c in children):
        return True
    if any(
        c.dep_ == "prep" and c.lower_ == "to" and any(p.ent_type_ == "PERSON" for p in c.children) for c in children
    ):
        return True  # "Reed's call to Senator Lee" (not "a call to arms")
    if any(
        c.dep_ == "prep"
        and c.lower_ in ("for", "to", "on")
        and not any(p.ent_type_ in ("DATE", "TIME") for p in c.children)
        for c in children
    ):
        return False  # "calls for Kyiv to ...", "a call to arms" (not "a call on Sunday")
    if any(c.dep_ == "prep" and c.lower_ in ("with", "between") for c in children):
        return True
    if token.head.lemma_ in (
        "hold", "have", "make", "take", "receive", "place", "transcript", "summary", "return", "get", "exchange",
    ):  # fmt: skip
        return True
    # "in a call Tuesday night, Sanders told Clinton", "on a call with Lee": a call that frames what was said
    return any(c.dep_ in ("poss", "compound") and c.ent_type_ == "PERSON" for c in children) or token.head.lower_ in (
        "after",
        "before",
        "during",
        "following",
        "in",
        "on",
    )


def _generic(party: Token) -> bool:
    """A bare plural of common nouns ("relative strangers", "people"): whoever, not a party met."""
    return (
        party.tag_ == "NNS"
        and not party.ent_type_
        and not any(c.dep_ in ("det", "nummod", "poss", "compound", "conj") or c.ent_type_ for c in party.children)
    )


def _noun_with_party(token: Token) -> bool:
    """A meal or conversation that names a meeting: with a party, a possessor, or over it ("over a sushi lunch");
    not a conversation with whoever ("conversations with relative strangers")."""
    parties = [p for c in token.children if c.dep_ == "prep" and c.lower_ in ("with", "between", "among")
               for p in c.children if p.dep_ == "pobj"]  # fmt: skip
    if parties:
        return not all(_generic(p) or is_audience(p) for p in parties)  # (not "a discussion with an editor")
    if any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in ("those", "these") for c in token.children):
        return True  # ("those discussions": the ones told before)
    if token.dep_ == "pobj" and token.head.lower_ in ("over", "during", "at"):
        return True
    meal = token.lemma_.lower() in MEALS
    if meal and token.dep_ == "pobj" and token.head.lower_ in ("after", "before", "following") and _determined(token):
        return True  # "said after a lunch on Tuesday" (not "after lunch": a time of day)
    if any(c.dep_ == "compound" and c.lemma_.lower() in BODIES for c in token.children):
        return True  # "the caucus lunch", "a committee dinner": a body's meal
    if (
        token.dep_ == "pobj"
        and token.head.lower_ == "for"
        and token.head.head.lemma_.lower() in ("join", "invite", "host")
    ):
        return True  # "joined the governor for dinner"
    # "scheduled to meet to continue discussions": part of a meeting told by its verb
    above = [token.head, token.head.head, token.head.head.head]
    return token.head.lemma_ in ("have", "host", "hold", "attend") or any(
        t.lemma_.lower() in VERB_KINDS and t.pos_ in ("VERB", "AUX") for t in above
    )


def _met(verb: Token) -> list[Token]:
    """Who a verb of meeting is told to meet: its object, or the object of its "with"."""
    kids = children(verb)
    return [c for c in kids if c.dep_ == "dobj"] + [
        p for c in kids if c.dep_ == "prep" and c.lower_ == "with" for p in c.children if p.dep_ == "pobj"
    ]


def _determined(noun: Token) -> bool:
    return any(c.dep_ in ("det", "poss") for c in noun.children)


def _phrasal_cue(token: Token, named: frozenset[int]) -> str | None:
    """The kind of a phrase that tells a meeting through other words: "came to the (negotiating) table"
    (talks), "spends time with" a party, "attend the General Assembly" (a body's session), and the
    phrasal and guest verbs below."""
    lemma = token.lemma_.lower()
    kids = children(token)
    objects = [p for c in kids if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    if lemma in ("come", "return", "go", "get", "bring") and any(
        p.lemma_.lower() == "table" and p.head.lower_ in ("to", "back") and any(d.lower_ == "the" for d in p.children)
        for p in objects
    ):
        return "talks"
    with_party = [p for c in kids if c.dep_ == "prep" and c.lower_ == "with" for p in c.children if p.dep_ == "pobj"]
    parties = [p for p in with_party if not is_audience(p) and not _generic(p)]
    if lemma == "play" and any(c.dep_ == "dobj" and c.lemma_.lower() in GAMES for c in kids) and parties:
        return "meeting"  # "played golf with Senator Graham"
    if lemma == "spend" and any(c.dep_ == "dobj" and c.lemma_.lower() in SPENT for c in kids) and parties:
        # between named parties only ("all of us who were fortunate enough to spend time with him" is a memory)
        named_party = any(_mention_like(p, named) or any(t.ent_type_ for t in p.subtree) for p in parties)
        subjects = [c for c in kids if c.dep_ == "nsubj"]
        named_subject = any(t.i in named for c in subjects for t in (c, *c.children) if t is c or t.dep_ == "appos")
        return "meeting" if named_party and named_subject else None
    if lemma == "attend" and any(c.dep_ == "dobj" and c.lemma_.lower() in SESSION_WORDS for c in kids):
        return "meeting"
    particles = {c.lower_ for c in kids if c.dep_ in ("prt", "advmod")}
    subjects = [c for c in kids if c.dep_ in ("nsubj", "nsubjpass")]
    if lemma == "get" and "together" in particles and (subjects or token.dep_ in ("xcomp", "advcl")):
        return "meeting"  # "the ministers got together in Paris", "called her to get together"
    sat_down = "down" in particles or on_an_occasion(token)  # "sat with Netanyahu for an hour" (not beside him)
    if lemma == "sit" and sat_down and subjects and parties and not for_an_event(token):
        return "meeting"  # "Biden sat down with Putin" (not "sat down with CNN for an interview")
    if lemma == "mark" and "up" in particles and any(c.lemma_.lower() in BODIES for c in subjects):
        return "meeting"  # "the committee marked up the bill": a body's session
    persons = [c for c in kids if c.dep_ == "dobj" and c.ent_type_ == "PERSON" and not is_audience(c)]
    if lemma == "see" and persons and token.dep_ in ("xcomp", "advcl") and token.head.lemma_.lower() in MOTION:
        return "meeting"  # "traveled to Pyongyang to see Kim Jong Un"
    convened = [c for c in kids if c.dep_ in ("dobj", "oprd") and c.lemma_.lower() in ("session", "meeting")]
    if lemma in ("call", "convene") and convened and any(_mention_like(s, named) for s in subjects):
        return "meeting"  # "the Security Council called an emergency session", "Trump called a meeting of his advisers"
    paid = [c for c in kids if c.dep_ == "dobj" and c.lemma_.lower() in ("visit", "call", "trip") and c.tag_ == "NN"]
    if lemma in ("pay", "make") and paid and subjects:
        return "visit"  # "Obama paid the first visit ever to Ethiopia", "made a trip to Kyiv"
    if lemma == "join" and persons and _for_a_meal(token, persons):
        return "meeting"  # "Cruz joined Trump for lunch"
    if lemma in ("receive", "welcome", "greet", "entertain") and _greets_a_guest(token, persons):
        return "visit"  # "Putin received Orban in the Kremlin", "welcomed Modi to Paris", "greeted Lee at the airport"
    scenes = [p for p in objects if p.head.lower_ == "to"] if lemma in MOTION else []
    scenes += [c for c in kids if c.dep_ == "dobj"] if lemma in ("tour", "survey", "inspect") else []
    if any(a_scene(p) for p in scenes):
        return "visit"  # "went to the scene", "flew to the site of the crash": a visit to a crisis site
    if lemma == "brief" and token.dep_ not in ("acl", "amod", "relcl") and _briefs_a_party(token, named):
        return "meeting"  # "Clinton was briefed by intelligence officials"
    if lemma in ("receive", "welcome", "greet") and _guest_of(token, named):
        return "visit"  # "Orban was received by Putin in the Kremlin"
    if lemma == "summon" and _summons_a_party(token):
        return "meeting"  # "the ministry summoned the Russian ambassador"
    led = [g for c in kids if c.dep_ == "dobj" and c.lemma_.lower() == "delegation" for g in (token, c)]
    if lemma == "lead" and any(c.dep_ == "prep" and c.lower_ == "to" for g in led for c in g.children):
        return "visit"  # "led a delegation to Taiwan"
    phones = [p for p in objects if p.lemma_.lower() in PHONES and p.head.lower_ == "on"]
    # ("was on the phone with Reed": the parser may hang the party on the phone)
    parties += [p for f in phones for c in f.children if c.dep_ == "prep" and c.lower_ == "with"
                for p in c.children if p.dep_ == "pobj" and not is_audience(p)]  # fmt: skip
    if lemma in ("get", "be", "hop", "jump") and phones and parties:
        return "call"  # "got on the phone with Governor Reed"
    return None


def _in_touch(noun: Token, named: frozenset[int]) -> bool:
    """ "has been in touch with X", "got in contact with X": a contact with a named party (not "in touch with reality",
    nor "in contact with the virus"); the noun is the cue, whose "with" names the party."""
    if noun.lemma_.lower() not in ("touch", "contact") or noun.dep_ != "pobj" or noun.head.lower_ != "in":
        return False
    verb = noun.head.head
    subjects = [c for c in children(verb) if c.dep_ == "nsubj"] if verb.pos_ in ("VERB", "AUX") else []
    if not any(_mention_like(c, named) or _one_person(c) or _people_described(c) for c in subjects):
        return False  # (who got in touch is told: not "Wikinews had gotten in touch with Zara Kay", an outlet)
    parties = [
        g for c in children(noun) if c.dep_ == "prep" and c.lower_ == "with" for g in c.children if g.dep_ == "pobj"
    ]
    return any((_mention_like(g, named) or _one_person(g)) and not is_audience(g) for g in parties)


def _for_a_meal(verb: Token, persons: list[Token]) -> bool:
    """Whether a verb is told "for" a meal or talks, on the verb or on its object ("joined Trump for lunch")."""
    return any(
        c.dep_ == "prep"
        and c.lower_ == "for"
        and any(p.dep_ == "pobj" and p.lemma_.lower() in MEALS for p in c.children)
        for t in (verb, *persons)
        for c in t.children
    )


def _greets_a_guest(token: Token, persons: list[Token]) -> bool:
    """ "received Orban in the Kremlin", "greeted Lee at the airport on Monday": a person taken in as a guest by a
    named host; not "welcomed him back" nor "welcomed Smith as its coach" (a return, a hire)."""
    kids = children(token)
    if not persons or any(c.lower_ in ("back", "as", "aboard") for c in kids):
        return False
    return any(
        c.dep_ == "nsubj" and (c.ent_type_ in ("PERSON", "GPE", "ORG") or c.lower_ in PERSON_PRONOUNS) for c in kids
    )


def a_scene(place: Token) -> bool:
    """ "the scene", "the site of the blast", "the wreckage": where something happened, told as such."""
    lemma = place.lemma_.lower()
    if lemma in DAMAGE:
        return True  # "toured the flood damage"
    if lemma not in SCENES or not any(c.dep_ == "det" and c.lower_ == "the" for c in place.children):
        return False
    return lemma != "site" or any(c.dep_ == "prep" and c.lower_ == "of" for c in place.children)


def _guest_of(token: Token, named: frozenset[int]) -> bool:
    """ "was received by the Pope", "was hosted by Governor Reed": a guest told as the subject of a passive."""
    kids = children(token)
    guests = [c for c in kids if c.dep_ == "nsubjpass" and _mention_like(c, named) and not is_audience(c)]
    hosts = [p for c in kids if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    return bool(guests) and any(_mention_like(h, named) and not is_audience(h) for h in hosts)


def _summons_a_party(token: Token) -> bool:
    """ "summoned the ambassador", "was summoned to the foreign ministry": a diplomat or a person called in,
    not "summoned the courage" nor "summoned to testify" (a subpoena)."""
    kids = children(token)
    if any(c.dep_ == "xcomp" for c in kids):
        return False
    called = [c for c in kids if c.dep_ in ("dobj", "nsubjpass")]
    return any(c.lemma_.lower() in ENVOYS or c.ent_type_ == "PERSON" or _people_described(c) for c in called)


def _hyphen_word(token: Token) -> str:
    """The word a token is part of when the tokenizer split it at hyphens ("sit-down" for "down")."""
    doc = token.doc
    first = token.i
    while first > 0 and not doc[first - 1].whitespace_ and (doc[first - 1].text == "-" or doc[first].text == "-"):
        first -= 1
    last = token.i
    while last + 1 < len(doc) and not doc[last].whitespace_ and (doc[last + 1].text == "-" or doc[last].text == "-"):
        last += 1
    return doc[first : last + 1].text.lower()


def _noun_of_a_party(token: Token, named: frozenset[int]) -> bool:
    """A noun that names a meeting only with its parties: "an audience with the Pope", "a sit-down with Putin",
    "a bilateral between Biden and Xi"; a session only of a body or marked as a meeting ("an emergency
    session"), not "the legislative session" nor "in session"."""
    kids = children(token)
    parties = [p for c in kids if c.dep_ == "prep" and c.lower_ in ("with", "between", "among")
               for p in c.children if p.dep_ == "pobj"]  # fmt: skip
    if any(not is_audience(p) and not _generic(p) and (_mention_like(p, named) or _one_person(p)) for p in parties):
        return True
    if token.lemma_.lower() != "session" or token.head.lower_ == "in" and not any(c.dep_ == "det" for c in kids):
        return False
    marks = {c.lemma_.lower() for c in kids if c.dep_ in ("amod", "compound", "nmod")}
    return bool(marks & SESSION_MARKS) or _held_by_a_body(token)


def _held_by_a_body(token: Token) -> bool:
    """ "the committee held a hearing", "the council's session": a noun a body holds."""
    holders = [c for c in children(token.head) if c.dep_ == "nsubj"] if token.head.lemma_ in HOLD_VERBS else []
    holders += [c for c in token.children if c.dep_ == "poss"]
    return any(h.lemma_.lower() in BODIES for h in holders)


def _briefs_a_party(token: Token, named: frozenset[int]) -> bool:
    """ "briefed the president", "was briefed by officials": a briefing given to a party, not to reporters."""
    kids = children(token)
    if any(c.dep_ == "neg" for c in kids):
        return False  # "did not brief Trump on the matter": no briefing took place
    briefed = [c for c in kids if c.dep_ in ("dobj", "nsubjpass")]
    by = any(c.dep_ == "agent" for c in kids)
    return any(_mention_like(c, named) and not is_audience(c) for c in briefed) and (
        by or any(c.dep_ == "dobj" for c in briefed)
    )


def _body_hearing(token: Token) -> bool:
    """A hearing that is a session of a legislature ("confirmation hearings", "public hearings of the
    Intelligence Committee"), not a court's ("bankruptcy hearings", "a hearing on the motion")."""
    if token.lemma_.lower() != "hearing":
        return False
    if _held_by_a_body(token):
        return True  # "the Senate Judiciary Committee held a hearing on Tuesday"
    if token.head.dep_ == "prep" and token.head.head.lemma_.lower() in ("appear", "testify", "speak", "question"):
        return False  # a witness at a hearing is questioned, as in an interview
    words = {c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod", "nmod")}
    words |= {
        g.lemma_.lower()
        for c in token.children
        if c.dep_ == "prep" and c.lower_ in ("of", "by", "before")
        for p in c.children
        if p.dep_ == "pobj"
        for g in (p, *p.children)
    }
    return bool(words & HEARING_WORDS)


def _by_phone(token: Token) -> bool:
    """ "spoke by telephone", "talked over the phone": a call between the subject's parties."""
    return any(
        c.dep_ == "prep" and c.lower_ in ("by", "over", "on") and any(p.lemma_.lower() in PHONES for p in c.children)
        for c in children(token)
    )


def _by_phone_noun(noun: Token) -> bool:
    """ "a phone conversation", "a telephone meeting", "a talk with Ryan on the phone": a conversation by phone."""
    return any(c.dep_ in ("compound", "amod") and c.lemma_.lower() in PHONES for c in noun.children) or _by_phone(noun)


def _a_talk_with(noun: Token) -> bool:
    """ "had a long talk with Mr. Ryan": the singular "talk" with a party who is no audience."""
    return any(
        c.dep_ == "prep" and c.lower_ == "with" and any(p.dep_ == "pobj" and not is_audience(p) for p in c.children)
        for c in noun.children
    )


def _lemma(token: Token) -> str:
    """The token's lemma, mended where the tagger's misses a cue verb ("dined" → "din")."""
    lemma = token.lemma_.lower()
    if lemma in CUE_VERBS or token.pos_ not in ("VERB", "AUX"):
        return lemma
    low = token.lower_
    for suffix, ending in (("ed", "e"), ("es", "e"), ("s", ""), ("ing", "e"), ("ed", "")):
        if low.endswith(suffix) and low[: -len(suffix)] + ending in CUE_VERBS:
            return low[: -len(suffix)] + ending
    return lemma


def find_cues(doc: Doc, named: frozenset[int]) -> list[Found]:
    """The meeting words of a Doc used in their meeting sense; `named` are the token ids of mentions."""
    found = []
    for token in doc:
        lemma = _lemma(token)
        if token.pos_ in ("VERB", "AUX") and lemma in VERB_KINDS:
            if (
                token.dep_ == "amod"
                or is_title_use(token)
                or (lemma == "meet" and (meets_something(token) or meets_an_audience(token)))
                or (lemma == "gather" and collects(token))
            ):
                continue
            if lemma == "visit" and any(
                c.dep_ == "dobj"
                and c.i not in named
                and c.lemma_.lower() in TOUR_PLACES
                or c.dep_ == "dobj"
                and any(g.lemma_.lower() in TOUR_PLACES for g in c.subtree)
                for c in children(token)
            ):
                continue
            if lemma == "visit" and (visits_a_page(token) or visits_a_stop(token, named)):
                continue
            if lemma == "meet" and never_met(token):
                continue
            if lemma == "confer" and bestows(token):
                continue
            if lemma == "negotiate" and negotiated_outcome(token):
                continue
            if lemma == "mediate" and not any(c.lower_ == "between" for c in children(token)):
                continue  # "mediated a peace agreement": brokering told by its outcome, not talks of parties
            if any(t.lemma_.lower() in STAGE_WORDS for c in children(token) if c.dep_ == "prep" for t in c.subtree):
                continue  # "met on the debate stage", "met at a rally"
            if lemma == "meet" and at_an_event(token) and not any(_mention_like(p, named) for p in _met(token)):
                continue  # "met with donors at a fundraiser": a campaign event, no one named met
            if (
                lemma == "host"
                and not any(
                    c.dep_ == "dobj" and (_mention_like(c, named) or _people_described(c)) and not is_audience(c)
                    for c in children(token)
                )
                and not _guest_of(token, named)
            ):
                continue  # hosting a fundraiser, a show or a debate is not hosting a guest
            found.append(Found(token, VERB_KINDS[lemma]))
        elif (token.pos_ == "VERB" or token.lemma_ == "be") and (phrasal := _phrasal_cue(token, named)):
            found.append(Found(token, phrasal))
        elif kind := done_with_party(token, named):
            found.append(Found(token, kind))  # "celebrated with Kennedy and Dodd", "discussed it with Brafman"
        elif body_session(token):
            found.append(Found(token, "meeting"))  # "a House panel voted Thursday": the body's session
        elif token.pos_ == "VERB" and lemma in TALK_VERBS and _by_phone(token):
            found.append(Found(token, "call"))  # "the two leaders spoke by telephone"
        elif token.pos_ == "VERB" and lemma in TALK_VERBS and _talk_party(token, named) and not on_stage(token):
            found.append(Found(token, TALK_VERBS[lemma]))
        elif token.pos_ == "VERB" and lemma in ("call", "phone", "telephone") and _calls_someone(token, named):
            found.append(Found(token, "call"))
        elif token.pos_ == "NOUN" and _in_touch(token, named):
            found.append(Found(token, "talks"))  # "has been in touch with Governor Shapiro"
        elif (
            token.pos_ in ("NOUN", "PROPN", "VERB")
            and token.lower_ in ("meeting", "meetings")
            and token.tag_
            in (
                "VBG",
                "NN",
                "NNS",
            )
        ):
            if not is_title_use(token) and not noun_in_event(token):
                found.append(Found(token, "meeting"))
        elif token.pos_ == "NOUN" and lemma in NOUN_KINDS:
            if is_title_use(token) or noun_in_event(token) or names_a_post(token):
                continue
            if lemma == "call" and not is_phone_call(token) or lemma == "summit" and a_peak(token):
                continue
            if lemma in ("phone", "telephone") or (lemma == "talk" and token.tag_ != "NNS" and not _a_talk_with(token)):
                continue  # (not "gave a talk", "talk of a deal"; "a long talk with Ryan" is a conversation)
            if lemma == "talk" and a_verb_read_as_noun(token):
                continue
            if NOUN_KINDS[lemma] == "visit" and token.tag_ == "NNS" and not _noun_of_a_party(token, named):
                continue  # "making early trips to Iowa", "visits to the border": travel, not one visit to a party
            if lemma in PARTY_NOUNS and not _noun_with_party(token):
                continue
            if lemma == "hearing" and not _body_hearing(token):
                continue
            if lemma == "briefing" and not (
                token.head.lemma_ in ("receive", "get", "attend", "give", "hold") or "security" in token.lower_
            ):
                continue
            found.append(Found(token, "call" if _by_phone_noun(token) else NOUN_KINDS[lemma]))
        elif (
            (token.pos_ in ("NOUN", "NUM") or token.pos_ == "ADJ" and token.dep_ in ("dobj", "pobj"))
            and (lemma in WITH_NOUNS or _hyphen_word(token) in HYPHENATED)
            and token.head.text != "-"
            and not noun_in_event(token)
            and _noun_of_a_party(token, named)
        ):
            found.append(Found(token, "meeting"))
    return [
        f for f in found if not imagined(f.cue) and not stayed_away(f.cue) and not passed_over(f.cue) and not untold(f.cue)
    ]
