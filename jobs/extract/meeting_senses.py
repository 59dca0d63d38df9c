"""The other senses of meeting words, and the events that are no meeting of parties: a title ("Meet the
Press"), a deadline met, a reaction "met with", an audience addressed (a press event, an interview, a
rally), a page visited, an office named after talks, an outcome credited to a negotiator, a meeting
someone stayed away from or only imagined. The rules that open frames are in meeting_cues."""

from __future__ import annotations

from spacy.tokens import Token

from jobs.extract._sents import children, prep_objects, sent_span
from jobs.extract.meeting_words import (
    ABSENCE,
    AUDIENCES,
    BELIEF,
    CROWD_EVENTS,
    CROWDS,
    EVENT_WORDS,
    JOURNALISTS,
    MEALS,
    MODALS,
    OFFICE_NOUNS,
    OUTLET_WORDS,
    PEAKS,
    REACTIONS,
    RECEIVED,
    RIVALS,
    SATISFY_OBJECTS,
    STAGE_WORDS,
    STUDIOS,
    WEB_ENDINGS,
    WEB_WORDS,
)


def is_audience(token: Token) -> bool:
    """Whether a party is who a press event, interview or campaign event addresses ("reporters",
    "thousands of supporters"), or an outlet."""
    words = {t.lemma_.lower() for t in token.subtree if t.i >= token.left_edge.i and t.i <= token.i}
    outlet = token.ent_type_ in ("ORG", "WORK_OF_ART") and bool(words & OUTLET_WORDS)
    if {token.lemma_.lower(), token.lower_} & AUDIENCES or outlet or token.lower_.endswith(WEB_ENDINGS):
        return True
    if any(
        p.ent_type_ == "ORG" and (p.lower_ in OUTLET_WORDS or p.lower_.endswith(WEB_ENDINGS))
        for c in token.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for p in c.children
    ):
        return True  # "Martin Smith of PBS": a journalist
    if token.ent_type_ == "PERSON" and any(
        c.dep_ == "poss" and c.lemma_.lower() in OUTLET_WORDS for c in token.children
    ):
        return True  # "CNN's Anderson Cooper", "Fox News' Sean Hannity": an outlet's journalist
    if any(c.dep_ == "compound" and c.lemma_.lower() in JOURNALISTS for c in token.children):
        return True  # "BuzzFeed Editor-in-Chief Ben Smith", "Fox News host Sean Hannity"
    if "editorial" in words:  # an editorial board interviews
        return True
    of = prep_objects(token, "of")
    return token.pos_ in ("NUM", "NOUN") and any(p.lemma_.lower() in AUDIENCES for p in of)


def is_title_use(token: Token) -> bool:
    """ "Meet the Press", "Barton Fink meets A Serious Man": the word in a title, not a meeting."""
    if token.ent_type_ in ("WORK_OF_ART", "ORG", "EVENT", "FAC", "LAW"):
        return True
    if token.text[:1].isupper() and not token.is_sent_start and token.i > 0 and token.doc[token.i - 1].text not in '"“':
        return True
    doc = token.doc
    near = doc[max(token.i - 2, 0) : token.i + 3]
    return sum(t.text in ('"', "“", "”", "''", "``") for t in near) >= 2 and token.pos_ in ("VERB", "AUX")


def meets_something(token: Token) -> bool:
    """ "meet the deadline", "met with criticism", "meet tough certification": not a meeting of parties."""
    for child in token.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in SATISFY_OBJECTS:
            return True
        if (
            child.dep_ == "dobj"
            and child.pos_ == "NOUN"
            and any(g.dep_ in ("amod", "compound") and g.lemma_.lower() in SATISFY_OBJECTS for g in child.children)
        ):
            return True
        if child.dep_ == "prep" and child.lower_ == "with":
            if any(c.dep_ == "nsubj" and c.lemma_.lower() in RECEIVED and not c.ent_type_ for c in token.children):
                return True  # "the proposal met with a cool reception": a thing said or done meets a reaction
            objects = [p for p in child.children if p.dep_ == "pobj"]
            if objects and all(p.lemma_.lower() in REACTIONS for p in objects):
                return True
            if any(c.dep_ == "auxpass" for c in token.children):
                return True  # "was met with chants", "is met with relief": a reaction, whatever it is
    return False


def collects(token: Token) -> bool:
    """ "gathered crime statistics", "evidence gathered by the FBI", "the media gathered", "protesters gathered":
    to gather is to collect, or a crowd or the press assembles, not parties meeting."""
    kids = children(token)
    if any(c.dep_ in ("dobj", "nsubjpass", "auxpass") for c in kids) or token.dep_ in ("acl", "amod"):
        return True
    crowd = any(c.dep_ == "nsubj" and (is_audience(c) or _of_a_crowd(c)) for c in kids)
    return crowd or for_a_crowd_event(token) or _addressed(token)


# verbs of speaking to someone: who they address is an audience ("told the mayors who gathered")
_ADDRESSING = frozenset({"tell", "address", "warn", "remind", "urge", "assure", "thank", "greet", "brief"})


def _addressed(token: Token) -> bool:
    """ "she told the mayors who gathered in Indianapolis": those who gathered are a speaker's audience."""
    noun = token.head
    return token.dep_ == "relcl" and noun.dep_ in ("dobj", "dative") and noun.head.lemma_.lower() in _ADDRESSING


def _of_a_crowd(subject: Token) -> bool:
    """A crowd ("protesters", "thousands of mourners", "people"), bare or counted, not its named leaders."""
    of = prep_objects(subject, "of")
    return any(t.lemma_.lower() in CROWDS and t.ent_type_ != "PERSON" for t in (subject, *of))


def for_a_crowd_event(token: Token) -> bool:
    """ "gathered on Saturday in the capital for a rally": a crowd assembling for a rally or a protest,
    told anywhere later in the sentence (the parser often hangs the purpose elsewhere)."""
    return any(
        t.lemma_.lower() in CROWD_EVENTS and t.dep_ == "pobj" and t.head.lower_ in ("for", "at", "in")
        for t in token.doc[token.i + 1 : token.sent.end]
    )


def meets_an_audience(token: Token) -> bool:
    """ "met the press", "met with local reporters": a press event or a campaign stop, not a meeting of parties."""
    met = [c for c in children(token) if c.dep_ == "dobj"]
    met += [
        p for c in children(token) if c.dep_ == "prep" and c.lower_ == "with" for p in c.children if p.dep_ == "pobj"
    ]
    met += [c for p in met for c in p.conjuncts]
    if met and all(is_audience(p) for p in met):
        return True
    # "debated Obama four times ... and met her Republican opponents one-on-one": rivals met in a debate
    first, stop = sent_span(token.doc, token.i)
    debated = any(t.lemma_.lower() == "debate" for t in token.doc[first:stop])
    return debated and bool(met) and all(p.lemma_.lower() in RIVALS for p in met)


def a_verb_read_as_noun(token: Token) -> bool:
    """ "Merkel talks about a consensus": the verb, tagged a noun with the speaker as its compound."""
    kids = children(token)
    return (
        not any(c.dep_ in ("det", "poss") for c in kids)
        and any(c.dep_ == "compound" and c.i < token.i and c.ent_type_ == "PERSON" for c in kids)
        and any(c.dep_ == "prep" and c.lower_ == "about" for c in kids)
    )


def visits_a_page(token: Token) -> bool:
    """ "Please visit our Main Page", "visit the website": a reader sent to a page, not a visit."""
    imperative = (
        token.tag_ == "VB"
        and token.dep_ == "ROOT"
        and not any(c.dep_ in ("nsubj", "aux", "nsubjpass") for c in token.children)
    )
    if imperative or any(c.lower_ == "please" for c in token.children):
        return True
    return any(c.dep_ == "dobj" and c.lemma_.lower() in WEB_WORDS for c in token.children)


def visits_a_stop(token: Token, named: frozenset[int]) -> bool:
    """ "visited a Walmart in Ohio", "visited Fox News studios": a campaign stop at one branch of a
    business, or an outlet's premises, not a visit to a party."""
    for c in children(token):
        if c.dep_ != "dobj" or c.i in named and c.ent_type_ != "ORG":
            continue
        branch = c.ent_type_ == "ORG" and any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in c.children)
        if branch or c.lemma_.lower() in STUDIOS:
            return True
    return False


def never_met(token: Token) -> bool:
    """ "I don't believe I've ever met him", "they have never met": a denial of any acquaintance, no meeting told
    (not "the first time the two had ever met", "the only time they ever met": a meeting)."""
    kids = children(token)
    if any(c.lower_ == "never" and c.dep_ in ("neg", "advmod") for c in kids):
        return True
    times = token.head.children if token.dep_ == "relcl" else ()
    counted = any(c.lower_ in ("first", "only") or c.tag_ == "JJS" for c in times)
    return not counted and any(c.lower_ == "ever" and c.dep_ == "advmod" for c in kids)


def names_a_post(token: Token) -> bool:
    """ "the special envoy for Ukraine negotiations": a meeting word inside an office's name."""
    head = token.head
    return head.lower_ == "for" and head.head.lemma_.lower() in OFFICE_NOUNS


def noun_in_event(token: Token) -> bool:
    """A meeting word naming a press event, rally or town hall ("town hall meeting", "conference call with
    analysts"), or an event told through its audience ("attendees at the summit", "the audience at its meeting")."""
    prep = token.head
    if prep.lower_ in ("at", "of") and prep.i > 0:
        # the audience may hang off the verb in the parse: the word before "at" is read
        before = token.doc[prep.i - 1]
        if any(t.pos_ == "NOUN" and is_audience(t) for t in (prep.head, before)):
            return True
    modifiers = {c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod", "nmod")}
    modifiers |= {c.lower_ for c in token.children if c.dep_ in ("compound", "amod", "nmod")}
    if token.lemma_.lower() == "call":
        modifiers.discard("conference")
    if modifiers & (EVENT_WORDS | AUDIENCES):
        return True  # "a town hall meeting", "a media breakfast", "an investor call"
    if token.dep_ in ("dobj", "dative") and token.head.lemma_.lower() == "tell":
        return True  # "told the AIPAC meeting": a speech to those met
    # a meal with named people is theirs, whatever their trade ("breakfast with Jim VandeHei, a co-founder of
    # Politico, and Mike Allen, one of its journalists"): what the names' appositions say is no audience
    named_meal = token.lemma_.lower() in MEALS
    return any(
        child.dep_ == "prep"
        and child.lower_ in ("with", "to", "for")
        and any(p.pos_ in ("NOUN", "PROPN") and is_audience(p) for p in _phrase(child, named_meal))
        for child in token.children
    )


def _phrase(token: Token, names_only: bool = False) -> list[Token]:
    """The words of a phrase short of its clauses ("with BuzzFeed Editor-in-Chief Ben Smith hosted by ...", not a
    relative clause about who was met); `names_only`: also short of what appositions say of a person's name."""
    out = [token]
    skip = {"relcl", "acl", "ccomp", "advcl", "conj", "cc"}
    if names_only and token.ent_type_ == "PERSON":
        skip = skip | {"appos"}
    for child in token.children:
        if child.dep_ not in skip:
            out += _phrase(child, names_only)
    return out


def negotiated_outcome(token: Token) -> bool:
    """ "the deal negotiated by Obama": an outcome credited to its negotiator, with no other party and no time the
    talks took ("was negotiated over 13 days with help from Perez" are talks)."""
    kids = children(token)
    if any(c.dep_ == "prep" and c.lower_ in ("with", "between") for c in kids):
        return False
    if any(t.ent_type_ in ("DATE", "TIME") for c in kids if c.dep_ in ("prep", "npadvmod") for t in c.subtree):
        return False
    return token.dep_ == "acl" and token.tag_ == "VBN" and token.head.pos_ == "NOUN"


def a_peak(token: Token) -> bool:
    """ "reached the summit of Mount Everest": the top of a mountain, not a meeting."""
    of = prep_objects(token, "of")
    verb = token.head
    # (not "scaled back the summit": made smaller)
    smaller = any(c.dep_ == "prt" for c in verb.children)
    climbed = verb.lemma_.lower() in ("reach", "climb", "scale", "ascend") and not smaller
    return climbed or any(p.ent_type_ in ("LOC", "FAC") or p.lemma_.lower() in PEAKS for p in of)


def bestows(token: Token) -> bool:
    """ "conferred an honour on her", "a title conferred by the president": to confer is to give."""
    return any(
        c.dep_ in ("dobj", "nsubjpass", "auxpass", "agent") or c.dep_ == "prep" and c.lower_ == "by"
        for c in token.children
    ) or token.dep_ in ("acl", "amod")


def on_stage(token: Token) -> bool:
    """A talk given from a stage ("walks onstage in a hotel ballroom ... to talk to the Alliance"): a speech."""
    first, stop = sent_span(token.doc, token.i)
    return any(t.lemma_.lower() in STAGE_WORDS | {"onstage", "ballroom", "keynote"} for t in token.doc[first:stop])


def stayed_away(cue: Token) -> bool:
    """ "skipped the AIPAC meeting", "did not attend Thursday's summit": a meeting told by who stayed away."""
    verb = cue.head
    if cue.dep_ != "dobj" or cue.pos_ != "NOUN":
        return False
    return verb.lemma_.lower() in ABSENCE or (
        verb.lemma_.lower() == "attend" and any(c.dep_ == "neg" for c in children(verb))
    )


def imagined(cue: Token) -> bool:
    """A meeting someone thought they "might" have ("students may have thought they might meet Trump")."""
    token = cue
    hedged = False
    for _ in range(5):
        hedged = hedged or any(c.dep_ == "aux" and c.lower_ in MODALS for c in children(token))
        if token.head.i == token.i:
            return False
        token = token.head
        if token.lemma_.lower() in BELIEF and token.pos_ == "VERB":
            return hedged
    return False


def for_an_event(token: Token) -> bool:
    """Whether a verb is told as part of a press or campaign event ("sat down with CNN for an interview")."""
    return any(
        c.dep_ == "prep" and any(p.dep_ == "pobj" and p.lemma_.lower() in EVENT_WORDS for p in c.children)
        for c in children(token)
    )


def vague_group(party: Token) -> bool:
    """A group named by no one in it: one's own ("my colleagues", "our members") or all of a kind ("all the other
    activists", "other people", "more authorities"), with no name or nationality in it."""
    if party.tag_ != "NNS" or any(t.ent_type_ for t in party.subtree):
        return False
    words = {c.lower_ for c in party.children if c.dep_ in ("poss", "predet", "det", "amod")}
    return bool(words & {"my", "our", "your", "all", "other", "various", "many", "some", "more", "several", "few"})


def on_an_occasion(verb: Token) -> bool:
    """Whether a verb is told with a time or a count of times ("on Saturday", "several times", "last week"), not
    with a habit's ("every day")."""
    phrases = [c for c in children(verb) if c.dep_ in ("prep", "npadvmod", "advmod", "nummod", "dobj")]
    return any(
        t.ent_type_ in ("DATE", "TIME") or t.lower_ in ("times", "twice", "yesterday", "tonight")
        for c in phrases
        if not any(w.lower_ in ("every", "each") for w in c.subtree)
        for t in c.subtree
    )


def told_somewhere(verb: Token) -> bool:
    """Whether a verb is told at a named place ("in Philadelphia", "at the Capitol")."""
    return any(
        c.dep_ == "prep"
        and c.lower_ in ("in", "at")
        and any(t.ent_type_ in ("GPE", "FAC", "LOC", "ORG") for t in c.subtree)
        for c in children(verb)
    )


def at_an_event(verb: Token) -> bool:
    """ "at a fundraiser", "during a rally": a verb told at a press or campaign event (not "in her campaign")."""
    return any(
        c.dep_ == "prep" and c.lower_ in ("at", "during") and any(p.lemma_.lower() in EVENT_WORDS for p in c.children)
        for c in children(verb)
    )


def passed_over(cue: Token) -> bool:
    """ "instead of golfing with donors", "rather than meet him", "left without meeting her": a meeting told as what
    did not happen."""
    before = [t.lower_ for t in cue.doc[max(cue.i - 2, 0) : cue.i]]
    return before[-2:] in (["instead", "of"], ["rather", "than"]) or before[-1:] == ["without"] and cue.tag_ == "VBG"
