"""Meeting words in their meeting sense that still tell no meeting a reader counts: a trip won as a prize, a
deal credited to whoever could negotiate it, a meeting denied, a suspect questioned, papers presented at a
society's meeting, the people a law would let visit, a leisure outing or sightseeing, a contact by mail, a
nomination "received", an interview's "I met with my family". The senses that are no meeting at all are in
meeting_senses; find_cues drops a cue any of these predicates holds for."""

from __future__ import annotations

from spacy.tokens import Token

from jobs.extract._sents import children, sent_span
from jobs.extract.meeting_words import DAMAGE, HUMAN_NOUNS, SCENES

# what is won, and the words of a contest: "the prize includes a trip to Paris", "the winning team received a trip"
PRIZE_WORDS = frozenset(
    {"prize", "award", "reward", "winner", "winning", "win", "won", "medal", "scholarship", "contest", "sweepstakes",
     "raffle", "lottery", "jackpot", "competition", "championship"}
)  # fmt: skip
# how a prize is given or had
PRIZE_VERBS = frozenset({"include", "receive", "win", "award", "earn", "get", "give", "offer", "comprise"})
# a frame of achievement around "negotiate": the outcome is what is told ("was able to negotiate immunity")
ACHIEVED = frozenset({"able", "manage"})
# what a talk is had through when no one meets: "spoke with her by email"
WRITTEN = frozenset(
    {"email", "e-mail", "mail", "letter", "text", "message", "tweet", "twitter", "post", "chat", "messenger", "fax"}
)
# in what capacity the police speak with someone: questioning, not a meeting
QUESTIONED_AS = frozenset({"suspect", "witness", "defendant", "accused"})
# what is done at a society's meeting that makes it a conference ("studies presented at the annual meeting")
PRESENTED = frozenset({"present", "publish", "unveil", "report", "announce", "release", "show", "deliver"})
# anyone at all, told as who a rule or a law would apply to ("people living in or visiting Hong Kong")
ANYONE = frozenset(
    {"people", "person", "anyone", "anybody", "everyone", "those", "tourist", "traveller", "traveler", "foreigner",
     "visitor", "resident", "passenger", "citizen", "student", "fugitive"}
)  # fmt: skip
# places of leisure or trade, visited for themselves and not for a party ("an escape room the group was visiting")
VENUES = frozenset(
    {"room", "museum", "park", "zoo", "cinema", "theater", "theatre", "restaurant", "bar", "pub", "club", "beach",
     "resort", "attraction", "exhibition", "gallery", "shop", "mall", "store", "market", "aquarium", "festival",
     "cemetery", "grave", "memorial", "monument"}
)  # fmt: skip
# what a sightseer goes to do ("visiting Oulu to see the midnight sun", "to celebrate a birthday")
LEISURE = frozenset({"see", "watch", "enjoy", "celebrate", "admire", "experience", "photograph"})
# who is taken in as a guest, though no name or entity is given ("received a delegation")
GUESTS = frozenset({"delegation", "guest", "visitor", "counterpart", "team", "group", "envoy", "pilgrim"})
# the first person, and what is one's own ("I met with my family", "we talked to our lawyers")
FIRST_PERSON = frozenset({"i", "we", "me", "us"})
OWN = frozenset({"my", "our"})
# the words that say a meeting was had after all, or later: "had not met him until 2019", "not since 2016"
LATER = frozenset({"until", "till", "before", "since", "yet", "again", "only"})


def untold(cue: Token) -> bool:
    """Whether a cue in its meeting sense tells no meeting of parties a reader would count."""
    return (
        won_as_prize(cue)
        or achieved_outcome(cue)
        or denied(cue)
        or questioned(cue)
        or in_writing(cue)
        or papers_presented(cue)
        or anyone_visiting(cue)
        or visits_a_venue(cue)
        or sightseeing(cue)
        or receives_a_thing(cue)
        or own_circle(cue)
    )


def won_as_prize(cue: Token) -> bool:
    """ "Awards included a trip to the White House", "the winning team received C$10,000 and a trip to a
    tournament": a trip given as a prize (not "Macron received a visit from Merkel": no contest is told)."""
    if cue.pos_ != "NOUN":
        return False
    phrase = cue
    while phrase.dep_ == "conj" and phrase.head.i != phrase.i:
        phrase = phrase.head
    if phrase.dep_ not in ("dobj", "attr", "nsubjpass") or phrase.head.lemma_.lower() not in PRIZE_VERBS:
        return False
    first, stop = sent_span(cue.doc, cue.i)
    return any(t.lemma_.lower() in PRIZE_WORDS or t.lower_ in PRIZE_WORDS for t in cue.doc[first:stop])


def achieved_outcome(cue: Token) -> bool:
    """ "Mugabe was able to negotiate immunity from prosecution": what a negotiator obtained, with no other party
    and no time of talks told ("was able to negotiate with the rebels", "managed to negotiate for two weeks" are)."""
    if cue.lemma_.lower() != "negotiate" or cue.dep_ != "xcomp" or cue.head.lemma_.lower() not in ACHIEVED:
        return False
    kids = children(cue)
    if any(c.dep_ == "prep" and c.lower_ in ("with", "between") for c in kids):
        return False
    if any(t.ent_type_ in ("DATE", "TIME") for c in kids if c.dep_ in ("prep", "npadvmod") for t in c.subtree):
        return False
    objects = [c for c in kids if c.dep_ == "dobj"]
    return bool(objects) and all(o.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP") for o in objects)


def denied(cue: Token) -> bool:
    """ "Trump had not met Shapiro", "the two did not meet": a meeting said not to have happened (not "will not
    meet", a refusal, nor "had not met him until 2019", "has not met her since", which tell one after all)."""
    if cue.pos_ not in ("VERB", "AUX"):
        return False
    kids = children(cue)
    if not any(c.dep_ == "neg" for c in kids):
        return False
    helpers = [c for c in kids if c.dep_ in ("aux", "auxpass")]
    if not helpers or any(h.lemma_.lower() not in ("do", "have", "be") for h in helpers):
        return False  # a modal ("will not", "would not", "could not") refuses or hedges: its status says so
    first, stop = sent_span(cue.doc, cue.i)
    return not any(t.lower_ in LATER for t in cue.doc[cue.i : stop])


def questioned(cue: Token) -> bool:
    """ "spoke with Anne Sacoolas as a suspect", "talked to him as a witness": investigators questioning someone."""
    return any(
        c.dep_ == "prep" and c.lower_ == "as" and any(p.lemma_.lower() in QUESTIONED_AS for p in c.children)
        for c in children(cue)
    )


def in_writing(cue: Token) -> bool:
    """ "spoke with her by email", "talked via text message": a contact in writing, not a meeting or a call."""
    return any(
        c.dep_ == "prep"
        and c.lower_ in ("by", "via", "over", "through")
        and any(p.lemma_.lower() in WRITTEN or p.lower_ in WRITTEN for p in c.subtree if p.i != c.i)
        for c in children(cue)
    )


def papers_presented(cue: Token) -> bool:
    """ "two studies presented at the annual meeting of the American Society for Biochemistry": a conference,
    told through the papers given at it."""
    prep = cue.head
    if cue.pos_ not in ("NOUN", "PROPN") or cue.dep_ != "pobj" or prep.lower_ not in ("at", "to", "during"):
        return False
    if any(c.dep_ == "prep" and c.lower_ in ("with", "between") for c in cue.children):
        return False  # "the plan was presented at a meeting with the governor": parties met
    told = prep.head
    passive = told.dep_ == "acl" or any(c.dep_ in ("auxpass", "nsubjpass") for c in told.children)
    return told.lemma_.lower() in PRESENTED and told.tag_ == "VBN" and passive


def anyone_visiting(cue: Token) -> bool:
    """ "the bill would allow people living in or visiting Hong Kong": whoever a law would apply to, not a visit."""
    if cue.tag_ != "VBG":
        return False
    verb = cue
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ == "acl":
        return verb.head.lemma_.lower() in ANYONE and not verb.head.ent_type_
    # the parser may make the people the participle's subject ("allow people living in or visiting Hong Kong")
    kids = children(verb)
    return (
        verb.tag_ == "VBG"
        and not any(c.dep_ == "aux" for c in kids)
        and any(c.dep_ == "nsubj" and c.lemma_.lower() in ANYONE and not c.ent_type_ for c in kids)
    )


def visits_a_venue(cue: Token) -> bool:
    """ "an escape room the group was visiting", "visited a museum": an outing to a place of leisure or trade."""
    if cue.lemma_.lower() != "visit" or cue.pos_ != "VERB":
        return False
    places = [c for c in children(cue) if c.dep_ == "dobj"]
    if cue.dep_ == "relcl":
        places.append(cue.head)
    return any(p.lemma_.lower() in VENUES and not p.ent_type_ for p in places)


def sightseeing(cue: Token) -> bool:
    """ "a contributor who was visiting Oulu with a group to see the midnight sun": a visit to enjoy a sight or an
    occasion, not to meet anyone (not "visited Kyiv to see the damage": a crisis site, nor "to see his son")."""
    if cue.lemma_.lower() != "visit" or cue.pos_ != "VERB":
        return False
    for purpose in children(cue):
        if purpose.dep_ not in ("xcomp", "advcl") or purpose.lemma_.lower() not in LEISURE:
            continue
        sights = [c for c in children(purpose) if c.dep_ == "dobj"]
        if sights and all(
            s.pos_ == "NOUN" and not s.ent_type_ and s.lemma_.lower() not in DAMAGE | SCENES | HUMAN_NOUNS
            for s in sights
        ):
            return True
    return False


def receives_a_thing(cue: Token) -> bool:
    """ "Carroll received the party's nomination over two contenders": a thing received, not a guest (the parser
    may give the verb a second object, a person, from a list that follows)."""
    if cue.lemma_.lower() not in ("receive", "welcome", "greet"):
        return False
    return any(
        c.dep_ == "dobj" and c.pos_ == "NOUN" and not c.ent_type_ and c.lemma_.lower() not in HUMAN_NOUNS | GUESTS
        for c in children(cue)
    )


def own_circle(cue: Token) -> bool:
    """ "I met with my family", "we talked to our children": a first-person speaker with their own people, told in
    an interview's answer; no meeting of parties a briefing reports."""
    kids = children(cue)
    if not any(c.dep_ == "nsubj" and c.lower_ in FIRST_PERSON for c in kids):
        return False
    met = [c for c in kids if c.dep_ == "dobj"]
    met += [p for c in kids if c.dep_ == "prep" and c.lower_ in ("with", "to") for p in c.children if p.dep_ == "pobj"]
    return bool(met) and all(
        not any(t.ent_type_ for t in p.subtree) and any(c.dep_ == "poss" and c.lower_ in OWN for c in p.children)
        for p in met
    )
