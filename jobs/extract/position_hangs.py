"""Reported clauses the parser hung on the wrong word of the cue's clause.

In "Graber told jurors in closing arguments that Lamb had lied" and "The minister told
journalists after the cabinet meeting that the savings would fund roads" the small model
reads the "that" clause as a relative clause of the noun before it ("arguments that ...",
"meeting that ..."), so the cue has no complement. A true relative clause lacks a subject or
an object of its own ("the meeting that ran late", "the remarks that he made"); a reported one
has both a subject and what it says of it.

An "as X reported" clause in the middle of a sentence is hung on the whole sentence; what it
reports ends where a clause of its own joins after it ("..., as the Times reported, and he will ...").
"""

from __future__ import annotations

from spacy.tokens import Token

# Cues whose "that" clause is what was said, with or without a hearer before it.
THAT_CUES = frozenset({
    "say", "tell", "warn", "argue", "claim", "insist", "add", "announce", "note", "state", "write",
    "explain", "acknowledge", "admit", "declare", "report", "predict", "promise", "assure", "testify",
    "contend", "assert", "suggest", "stress", "emphasize", "emphasise", "confirm", "reveal", "allege",
    "inform", "remind", "concede", "maintain", "reiterate", "indicate", "disclose",
})  # fmt: skip
# Prepositions of the setting a cue is uttered in: "in closing arguments", "after the meeting".
SETTING_PREPS = frozenset({"in", "at", "after", "during", "before", "on", "outside", "following"})
# Verbs of a relative clause that makes, holds or follows the setting itself: in "in remarks that
# he made" or "at a rally that she held" the "that" is their object, and nothing is reported.
SETTING_VERBS = frozenset({
    "make", "give", "deliver", "hold", "host", "attend", "organize", "organise", "schedule", "call",
    "air", "broadcast", "watch", "hear", "see", "write", "prepare", "plan", "join", "lead", "chair",
    "convene", "stage", "read", "post", "publish", "release", "issue", "record", "film", "arrange",
})  # fmt: skip


def hung_that_clause(verb: Token) -> tuple[int, int] | None:
    """Token range of the "that" clause a cue's setting phrase took as its relative clause, or None.

    The clause must follow the setting's noun directly, open with "that" and have a subject of
    its own; the parser may call that "that" a conjunction ("mark") or the clause's object, and
    it is a true relative pronoun where the clause makes or holds the setting ("in remarks that
    he made"). In "told reporters at the rally that drew thousands" the "that" is the subject,
    and nothing is reported.
    """
    if verb.lemma_.lower() not in THAT_CUES or any(c.dep_ == "ccomp" for c in verb.children):
        return None
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i < verb.i or prep.lower_ not in SETTING_PREPS:
            continue
        for noun in (c for c in prep.children if c.dep_ == "pobj"):
            for clause in noun.children:
                first = clause.left_edge
                if clause.dep_ not in ("relcl", "acl") or first.lower_ != "that" or first.i != noun.i + 1:
                    continue
                own = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != first.i]
                relative = first.dep_ != "mark" and (first.dep_ != "dobj" or clause.lemma_.lower() in SETTING_VERBS)
                if own and not relative:
                    return first.i, clause.right_edge.i
    return None


def aside_reach(head: Token, verb: Token) -> int:
    """Last token of what a cue set in the middle of a clause reports: up to a clause joined to it
    by "and" or "but" after the cue, with a subject of its own ("X met Y that day, as the Times
    reported, and he will help prepare ..." reports the meeting, not the plan). Only an "as"
    clause is cut so: "The plan is dead, she said, and ..." may report on past the conjunction."""
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return head.right_edge.i
    after = verb.right_edge.i
    # the first "and" or "but" after the cue, found once (the head of a long run-on has many children)
    join = next((c.i for c in head.children if c.dep_ == "cc" and c.i > after), None)
    if join is None:
        return head.right_edge.i
    for conj in head.children:
        if conj.dep_ != "conj" or conj.i <= after or conj.left_edge.i <= join:
            continue
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children):
            continue
        if all(t.is_punct or t.is_space for t in verb.doc[after + 1 : join]):
            return verb.left_edge.i - 1  # the cue closes what it reports
        return join - 1
    return head.right_edge.i
