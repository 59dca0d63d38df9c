"""Sessions of bodies told by what they decided: "a House panel voted Thursday to hold him in
contempt", "the City Council on Wednesday approved a resolution". A committee, board or council
decides in a meeting of its members, which the eval reader counts as a meeting; a whole chamber's
floor vote ("the Senate passed the bill") is not one, so only the bodies of BODIES qualify."""

from __future__ import annotations

import re

from spacy.tokens import Token

from jobs.extract.meeting_words import BODIES

# a roll call's tally ("19-15")
_TALLY = re.compile(r"\d+\s*-\s*\d+")
# words of a time that recurs
_HABITUAL = frozenset({"every", "each", "annually", "usually", "often"})
# words of a date that tell no day of its own ("last year", "in 2019", "earlier this year", "decades ago")
_UNDAYED = frozenset(
    {"year", "years", "decade", "decades", "last", "this", "next", "the", "in", "ago", "earlier", "later"}
)
# what a body does in session: votes and decisions on a measure
DECISIONS = frozenset({"vote", "approve", "adopt", "pass", "reject", "endorse", "advance", "deadlock", "ratify"})


def _dated(verb: Token) -> bool:
    """Whether the verb is told with a day or time of its own ("voted Thursday", "on Wednesday approved",
    "last month"), not a year alone, or with its tally ("voted 19-15")."""
    told = [t for c in verb.children if c.dep_ in ("npadvmod", "prep", "advmod", "tmod") for t in c.subtree]
    # ("every year", "each month": a habit, not one session)
    if any(t.lower_ in _HABITUAL for t in told):
        return False
    # a tally ("voted 19-15") is one roll call, taken in one session
    tallies = ("".join(t.text for t in c.subtree) for c in verb.children if c.dep_ in ("npadvmod", "dobj"))
    return any(_of_a_day(t) for t in told) or any(_TALLY.fullmatch(x) for x in tallies)


def _of_a_day(token: Token) -> bool:
    """A word of a time that narrows a date below its year ("Thursday", "last month", "May 2019", "at noon"):
    a decision dated only by its year ("approved the merger last year", "in 2019") may be told of no session."""
    if token.ent_type_ == "TIME":
        return True
    return token.ent_type_ == "DATE" and not token.like_num and token.lower_ not in _UNDAYED


def body_session(verb: Token) -> bool:
    """Whether a verb tells a body's session by its decision: a verb of DECISIONS whose subject
    is a committee, panel, board, commission or council, told with its day (a body's habitual or
    undated decisions, "the board approves budgets", tell no one session)."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in DECISIONS:
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return any(s.lemma_.lower() in BODIES and s.lemma_.lower() != "caucus" for s in subjects) and _dated(verb)
