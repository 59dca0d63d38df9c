"""The status of a meeting frame (held, planned, proposed, cancelled) from its own clause: cue
words on the path from the cue to its clause's verb, modality, tense and aspect, and the "be to"
of arrangements ("was to meet")."""

from __future__ import annotations

from spacy.tokens import Token

from jobs.extract._sents import children
from jobs.extract.meeting_words import MODALS, MOTION, VERB_KINDS

CANCEL = frozenset(
    {"cancel", "scrap", "abandon", "postpone", "scuttle", "decline", "refuse", "reject", "shun", "snub", "nix", "suspend",
     "halt"}
)  # fmt: skip
# verbs with a particle that call a meeting off ("turned down a meeting", "pulled out of the summit")
CANCEL_PHRASES = frozenset(
    {("turn", "down"), ("pull", "out"), ("back", "out"), ("fall", "through"), ("call", "off"), ("break", "off"),
     ("put", "off"), ("rule", "out"), ("put", "on")}
)  # fmt: skip
# how likely a meeting is: told as a prospect, it is proposed ("a meeting is unlikely")
PROSPECT = frozenset({"likely", "unlikely", "possible", "probable", "doubtful", "uncertain", "improbable"})
PROPOSE = frozenset(
    {
        "propose", "offer", "invite", "suggest", "seek", "request", "urge", "want", "hope", "ask",
        "consider", "demand", "wish", "willing", "ready", "eager", "potential", *PROSPECT,
        "proposed", "hypothetical", "prospective", "try", "like", "wait", "insist", "open",
    }
)  # fmt: skip
PLAN = frozenset(
    {
        "plan", "prepare", "schedule", "set", "expect", "agree", "intend", "arrange", "due", "slate", "aim", "going",
        "will", "shall", "upcoming", "future", "planned", "next", "coming", "scheduled", "expected", "ahead",
        "preparation", "announce", "confirm", "accept", "slated",
    }
)  # fmt: skip
# verbs of saying that report a "will" as "would"
SAYING = frozenset({"say", "tell", "announce", "add", "confirm", "insist", "promise", "note", "write", "report"})
# verbs by which a party takes part in a meeting noun ("hold talks", "have a meeting")
TAKE_PART = frozenset({"hold", "have", "attend", "host", "join"})
# ways of reaching someone: a meeting as their purpose is asked for
MESSAGES = frozenset({"call", "phone", "telephone", "write", "email", "text", "message", "contact", "approach"})
PAST_MARKS = frozenset({"last", "latest", "previous", "recent", "earlier", "after", "following", "first", "past"})


def governor(cue: Token) -> Token:
    """The verb whose tense and modality speak for the cue ("plans" for "plans to meet")."""
    token = cue
    for _ in range(3):
        if token.dep_ in ("xcomp", "ccomp") and token.head.pos_ in ("VERB", "AUX", "ADJ"):
            token = token.head
        elif token.dep_ in ("conj", "pcomp") and token.pos_ in ("VERB", "AUX") and token.head.i != token.i:
            # "has met many, including meeting the Pope": the tense is the first verb's
            token = token.head if token.head.pos_ != "ADP" and token.head.lower_ != "including" else token.head.head
        elif token.dep_ == "advcl" and token.head.lemma_.lower() in MOTION and _infinitive(token):
            token = token.head  # "traveled to Berlin to meet Scholz": the trip's tense is the meeting's
        elif token.dep_ == "advcl" and token.tag_ == "VBG" and _bare(token):
            token = token.head  # "Speaking with Reed, Lee said ...": the participle takes the clause's tense
        elif token.dep_ in ("dobj", "pobj", "attr", "nsubjpass", "nsubj") and token.head.pos_ in ("VERB", "ADP", "AUX"):
            token = token.head if token.head.pos_ != "ADP" else token.head.head
        else:
            break
    return token


def _bare(participle: Token) -> bool:
    """A participle with no auxiliary and no conjunction of its own ("Speaking with Reed, ...", not
    "while meeting him", nor "before meeting him": those time the clause, and the tense is their own)."""
    return not any(c.dep_ in ("aux", "auxpass", "mark") for c in children(participle))


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in children(verb))


def tense(cue: Token, gov: Token) -> str | None:
    """ "future", "past", "present", "progressive" (an ongoing "is hosting") or None, of the cue's verb group."""
    for verb in (cue, gov):
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        kids = children(verb)
        aux = [c for c in kids if c.dep_ in ("aux", "auxpass")]
        if any(a.lower_ in ("will", "'ll", "shall") for a in aux):
            return "future"
        if any(a.lower_ in ("going",) for a in aux) or any(c.lower_ == "going" for c in kids):
            return "future"
        if verb.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lemma_ == "have" for a in aux) and verb.tag_ == "VBN":
            return "past"
        if verb.tag_ == "VBN" and verb.dep_ == "ROOT" and not aux:
            return "past"  # a main verb tagged a participant: "Fain negotiated with Ford for six weeks"
        if verb.tag_ == "VB" and any(a.lemma_ == "do" and a.tag_ == "VBD" for a in aux):
            return "past"  # "did not meet"
        if verb.tag_ == "VBG" and any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in aux):
            return "progressive"
        if verb.tag_ == "VBG" and any(a.lemma_ == "be" and a.tag_ == "VBD" for a in aux):
            return "past"  # "was meeting with him when the news broke"
        if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in aux):
            return "present"
    return None


def _chain(cue: Token, steps: int = 5) -> list[Token]:
    """The cue and the words above it up to its clause's finite verb ("meet" → "plans" in
    "said he plans to meet"), so a status word of an outer clause does not count."""
    chain = []
    token = cue
    for _ in range(steps):
        chain.append(token)
        finite = token.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
            c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in children(token)
        )
        if token.head.i == token.i or finite:
            break
        token = token.head
    return chain


def destined(cue: Token) -> str | None:
    """ "was to meet" ("past": planned then, and the text does not say it took place), "is to meet"
    ("present"), "was to have met" ("unfulfilled"), or None: the "be to" of arrangements."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in children(cue)):
        return None
    be = cue.head
    if cue.dep_ != "xcomp" or be.lemma_ != "be" or be.i == cue.i:
        return None
    if be.tag_ != "VBD":
        return "present"
    return "unfulfilled" if any(c.dep_ == "aux" and c.lemma_ == "have" for c in children(cue)) else "past"


def arrangement(cue: Token) -> str | None:
    """The "be to" of the cue, or of the verb a meeting noun is held by ("are to hold talks")."""
    if cue.dep_ == "dobj" and cue.head.lemma_.lower() in TAKE_PART:
        return destined(cue.head)
    return destined(cue)


def asked_by_message(cue: Token) -> bool:
    """A meeting that is the purpose of a call or a letter ("called her to get together", "wrote to
    him to meet"): asked for, and the text does not say it took place."""
    return (
        cue.dep_ in ("xcomp", "advcl")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in children(cue))
        and cue.head.lemma_.lower() in MESSAGES
    )


def _time_clause(verb: Token) -> bool:
    """A present-tense clause that times another with what is still to come ("until I meet with him",
    "before they meet"): English puts a future there in the present."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ in ("VBP", "VBZ")
        and any(c.dep_ == "mark" and c.lower_ in ("until", "till", "before", "once") for c in children(verb))
        and not any(c.dep_ == "aux" for c in children(verb))
    )


def status(cue: Token, gov: Token, verb_tense: str | None) -> str | None:
    """The status the words of the frame give: "cancelled", "proposed", "planned", "held", or None.

    Cue words are read on the path from the cue to its clause's verb and on the words
    that modify the cue or that verb, so the status is the frame's, not the sentence's.
    """
    if _time_clause(cue):
        # "wait until I meet with Bibi": the meeting is still ahead, wanted or arranged by the clause it times
        wanted = any({t.lemma_.lower(), t.lower_} & PROPOSE for t in _chain(cue.head))
        return "proposed" if wanted else "planned"
    if asked_by_message(cue):
        return "proposed"
    chain = _chain(cue)
    cue_kids, gov_kids = children(cue), children(gov)
    near = [*chain, *cue_kids, *gov_kids]
    # (the cue itself is no word of refusal: "the council rejected the plan on Monday" is its session)
    lemmas = {w for t in near if t.i != cue.i for w in (t.lemma_.lower(), t.lower_)}
    called_off = _called_off(near)
    if called_off is not None:
        return called_off
    if lemmas & CANCEL or _cancelled_after(cue):
        return "cancelled"
    if cue.dep_ in ("nsubjpass", "dobj") and cue.head.lemma_.lower() == "delay":
        return "cancelled"  # "the meeting was delayed" (not "the meeting delayed the news conference")
    if any(_yet_to(t) for t in chain):
        return "proposed"  # "have yet to meet", "is yet to yield talks": not held, not arranged
    verb, verb_kids = (cue, cue_kids) if cue.pos_ in ("VERB", "AUX") else (gov, gov_kids)
    refused = verb_tense == "past" or any(c.lower_ in ("will", "would", "wo", "'ll") for c in verb_kids)
    # (not "had not met him until 1966": they first met then)
    until = any(c.dep_ in ("prep", "advcl", "mark") and c.lower_ in ("until", "till") for c in verb_kids)
    if any(c.dep_ == "neg" for c in verb_kids) and refused and not until and verb.lemma_.lower() in VERB_KINDS:
        return "cancelled"  # "did not meet", "would not meet": the meeting did not or will not take place
    arranged = arrangement(cue)
    if arranged == "unfulfilled":
        return "cancelled"
    if arranged is not None:
        return "planned"
    # "in a phone call, Trump may have urged ...": the modal hedges the urging, not the call
    # ("at a closed-door meeting, Ryan urged unity": the urging is told at the meeting)
    framing = (
        cue.dep_ == "pobj"
        and cue.head.lower_ in ("in", "during", "at", "after", "following")
        and cue.head.head.pos_ in ("VERB", "AUX")
    )
    modifiers = [c for c in cue_kids if c.dep_ in ("amod", "advmod", "aux", "acomp", "compound", "nmod")]
    # "a meeting ... is unlikely": the prospect is told of the meeting
    modifiers += [c for c in gov_kids if c.dep_ == "acomp" and c.lower_ in PROSPECT and cue.dep_ == "nsubj"]
    if not framing:
        # (not "at the opening of the summit": its start)
        wished = [t for t in [*chain[1:], *modifiers] if not (t.pos_ == "NOUN" and t.lower_ == "opening")]
        if any(_stems(t) & PROPOSE for t in wished):
            return "proposed"
        if any(t.lemma_.lower() == "look" and any(c.lower_ == "forward" for c in children(t)) for t in chain[1:]):
            return "proposed"  # "looked forward to meeting Putin": wished for, not arranged
        if any(t.lower_ in ("for", "on") and t.head.lemma_.lower() in ("call", "push", "press", "ask") for t in chain):
            return "proposed"  # "called for talks", "pressed for a meeting"
        # (the modal of the cue's clause also where the cue is its object: "said he would welcome a meeting")
        modals = [t for t in (*near, *children(chain[-1])) if t.dep_ == "aux" and t.lower_ in MODALS]
        if modals and all(t.lower_ == "would" for t in modals) and _reported_will(chain[-1], cue):
            return "planned"  # "said he would meet Reed on Friday": a "will" reported in the past
        if modals:
            return "proposed"
        if any(t.lower_ in ("if", "unless", "whether") for t in near):
            return "proposed"
    # (a past verb a framing meeting times is no plan of the meeting's: "during that meeting, it was agreed";
    # "is expected to act at its next meeting" is one)
    own = [chain[0]] if framing and verb_tense == "past" else chain
    # "a second summit is in the works": being prepared
    prepared = any(
        c.dep_ == "prep" and c.lower_ == "in" and any(p.lower_ == "works" for p in children(c)) for c in near
    )
    if verb_tense == "future" or prepared or any(_plans(t) for t in [*own, *modifiers]) or _being_called(cue):
        return "planned"
    if any(c.lower_ in PAST_MARKS for c in cue_kids) or cue.head.lower_ in ("after", "following", "since"):
        return "held"
    if any(c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in ("hold", "conduct", "host") for c in cue_kids):
        return "held"  # "the meetings held by the foreign secretaries with the Saudi leaders"
    if verb_tense in ("past", "progressive", "present"):
        return "held"
    return None


def _stems(token: Token) -> set[str]:
    """The token's lemma and its word with an ending taken off, where the tagger's lemma may miss ("hopes",
    "hoping" → "hop")."""
    low = token.lower_
    stems = {token.lemma_.lower(), low, low.removesuffix("s")}
    if low.endswith("ing"):
        stems |= {low[:-3], low[:-3] + "e"}
    return stems


def _called_off(near: list[Token]) -> str | None:
    """ "turned down a meeting", "pulled out of the summit", "was put off", "put on hold", "did not go ahead":
    "cancelled"; "has not ruled out a meeting": "proposed"; None when no such phrase is near."""
    for verb in near:
        kids = children(verb)
        negated = any(c.dep_ == "neg" for c in kids)
        lemma = verb.lemma_.lower()
        if lemma == "go" and negated and any(c.lower_ == "ahead" for c in kids):
            return "cancelled"
        particles = {c.lower_ for c in kids if c.dep_ in ("prt", "advmod", "prep")}
        if lemma == "put" and "on" in particles and not any(g.lower_ == "hold" for c in kids for g in c.children):
            particles.discard("on")  # "put on a show", not "put on hold"
        if any((lemma, p) in CANCEL_PHRASES for p in particles):
            return "proposed" if negated and lemma == "rule" else "cancelled"
    return None


def _reported_will(verb: Token, cue: Token) -> bool:
    """Whether "would" is the "will" of reported speech: the meeting's own verb ("meet", "hold talks") in a clause
    told by a past verb of saying, with no condition ("said he would meet Reed"; not "said a meeting would be
    useful", nor "would welcome a meeting")."""
    own = verb.i == cue.i or verb.lemma_.lower() in TAKE_PART and cue.dep_ == "dobj"
    said = verb.dep_ == "ccomp" and verb.head.lemma_.lower() in SAYING and verb.head.tag_ == "VBD"
    conditional = any(t.lower_ in ("if", "unless", "whether") for t in verb.subtree)
    return own and said and not conditional


def _plans(token: Token) -> bool:
    """A word of arrangement ("scheduled", "plans", "going to"); not "going on" (what goes on is held)."""
    if token.lower_ == "going":
        return any(c.dep_ == "xcomp" for c in children(token))
    return token.lemma_.lower() in PLAN or token.lower_ in PLAN


# verbs that convene a meeting: told in the present, the meeting is still to come
_CONVENE = frozenset({"call", "convene", "summon", "request"})


def _being_called(cue: Token) -> bool:
    """ "a group of leaders is calling a meeting", "the chairman calls a session for Friday": a meeting
    convened in the present tense is planned (one "called" in the past may since have been held)."""
    verb = cue if cue.pos_ in ("VERB", "AUX") else cue.head if cue.dep_ == "dobj" else None
    if verb is None or verb.lemma_.lower() not in _CONVENE:
        return False
    if verb is cue and not any(c.dep_ == "dobj" and c.lemma_.lower() in ("meeting", "session") for c in children(cue)):
        return False
    progressive = verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in children(verb))
    return progressive or verb.tag_ in ("VBZ", "VBP")


def _cancelled_after(cue: Token) -> bool:
    """ "a planned trip to Warsaw, which was cancelled": a relative clause of the cue's own phrase that calls it off."""
    return any(
        t.dep_ == "relcl" and t.lemma_.lower() in CANCEL and any(c.lower_ in ("which", "that") for c in children(t))
        for t in cue.subtree
    )


def _yet_to(token: Token) -> bool:
    kids = children(token)
    return (
        token.lemma_.lower() in ("have", "be")
        and any(c.lower_ == "yet" and c.dep_ == "advmod" for c in kids)
        and any(c.dep_ == "xcomp" for c in kids)
    )


def _non_finite(verb: Token) -> bool:
    """A participle or a bare infinitive of purpose, with no auxiliary of its own but "to" and no conjunction:
    it takes its tense from the clause it hangs on."""
    kids = children(verb)
    return (
        verb.tag_ in ("VBN", "VBG", "VB")
        and not any(c.dep_ == "mark" or c.dep_ in ("aux", "auxpass") and c.lower_ != "to" for c in kids)
        and (verb.tag_ != "VB" or any(c.dep_ == "aux" and c.lower_ == "to" for c in kids))
    )


def told_in_past(cue: Token) -> bool:
    """Whether the cue sits in an adjunct of a past-tense main clause ("said in a statement
    released with a visit to Ireland"), where nothing marks it as planned or hypothetical."""
    token = cue
    while token.head.i != token.i:
        if token.dep_ == "advcl" and _non_finite(token):
            token = token.head  # "Prompted by Perlman's visit, she wore", "while in New York to attend the assembly"
            continue
        if token.dep_ in ("ccomp", "advcl", "csubj", "relcl"):
            # a clause of its own: told in the past when its verb is ("said there was nothing wrong with
            # raising it in the talks")
            return token.tag_ == "VBD" and not any(c.dep_ in ("aux", "mark") for c in children(token))
        if token.dep_ == "xcomp":
            return False
        token = token.head
    return token.tag_ in ("VBD", "VBZ", "VBP") and not any(
        c.dep_ == "aux" and c.lower_ in MODALS | {"will", "'ll"} for c in token.children
    )
