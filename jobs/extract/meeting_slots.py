"""Parties of a meeting that the parser puts outside the meeting's own phrase: whom a clause
about "one of those who met" is said of, and whom meetings "were with"."""

from __future__ import annotations

from spacy.tokens import Token


def who_is(noun: Token) -> Token:
    """Whom a noun is said of ("Renteria is one of the staffers who went to Flint", "Price, one of
    the senators who met Park": Renteria, Price), or the noun itself."""
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head  # ("is the campaign's director and one of the staffers who")
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        return next((c for c in noun.head.children if c.dep_ == "nsubj"), noun)
    return noun.head if noun.dep_ == "appos" else noun


def with_by_copula(cue: Token) -> list[Token]:
    """Whom a meeting noun is said to be with ("85 of the 154 meetings were with foundation
    donors", "The call was with the mayor"): the objects of "with" on the copula the noun, or a
    count of it, is the subject of."""
    token = cue
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.dep_ == "nsubj":
        token = token.head.head  # ("85 of the meetings", "most of her calls")
    verb = token.head
    if token.dep_ != "nsubj" or verb.lemma_ != "be":
        return []
    return [
        p
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ == "with"
        for p in prep.children
        if p.dep_ == "pobj"
    ]


# verbs of a clause describing a meeting noun whose subject takes part ("the meetings Clinton had")
_HOLDING = frozenset({"have", "hold", "attend", "host", "join", "conduct"})


def holders_by_clause(cue: Token) -> list[Token]:
    """Who had the meetings a relative clause describes, and with whom ("the 154 meetings Clinton
    had with individuals", "the talks that Kerry held in Geneva with Lavrov"): the clause's
    subject, not a relative pronoun, and the objects of its "with"."""
    found = []
    for clause in cue.children:
        if clause.dep_ != "relcl" or clause.lemma_.lower() not in _HOLDING:
            continue
        found += [s for s in clause.children if s.dep_ == "nsubj" and s.lower_ not in ("that", "which", "who")]
        found += [
            p
            for w in clause.children
            if w.dep_ == "prep" and w.lower_ == "with"
            for p in w.children
            if p.dep_ == "pobj"
        ]
    return found
