"""Content edges: a position's content is whole clauses a reader can read on its own.

The parse may cut a content inside a bracketed aside ("hundreds of ISIS (Islamic State)
fighters escaped" parsed as "said hundreds of ISIS (Islamic State" + ") fighters escaped"),
or leave a conjunction hanging where an aside interrupts the clause ("largely Kurdish and,
according to Turkey, supportive of the PKK"). These functions move a token range's edges
out of such cuts; they never cross a paragraph. It also finds contents the parse hides from
the plain complement rules: a clause hung under a cue's object or gerund, and the object of a
verb of stance.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

OPENING = {"(": ")", "[": "]"}
CLOSING = {v: k for k, v in OPENING.items()}
# Words no clause ends with, and no content starts with when it is a clause of its own.
DANGLING = frozenset({"and", "or", "but", "nor", "yet"})
# Conjunctions that open a clause of purpose, cause or time: what the speaker did it for or
# when, never what was said ("declared an emergency so he could fund a wall").
ADVERBIAL_MARKS = frozenset({"so", "because", "since", "although", "though", "while", "unless", "until", "once"})


def adverbial(clause: Token) -> bool:
    """True for a clause the parser took as a complement that its first word marks as adverbial."""
    first = clause.left_edge
    return first.dep_ == "mark" and first.head.i == clause.i and first.lower_ in ADVERBIAL_MARKS


def _opener_before(doc: Doc, closer: int, floor: int) -> int | None:
    """The bracket that `doc[closer]` closes, searched back to `floor`, or None."""
    depth = 0
    for i in range(closer, floor - 1, -1):
        text = doc[i].text
        if text in CLOSING:
            depth += 1
        elif text in OPENING:
            depth -= 1
            if depth == 0:
                return i if OPENING[text] == doc[closer].text else None
    return None


def out_of_brackets(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The range with its start moved past a bracket it opens inside of, and its end before a
    bracket it leaves open: a content never begins with ") fighters" nor ends with "(Solar masses"."""
    depth = 0
    for i in range(start, end + 1):
        text = doc[i].text
        if text in OPENING:
            depth += 1
        elif text in CLOSING:
            if depth == 0:
                if _opener_before(doc, i, max(0, start - 50)) is not None:
                    start = i + 1  # the bracket opened before the content: its inside is not said
                continue
            depth -= 1
    depth = 0
    for i in range(end, start - 1, -1):
        text = doc[i].text
        if text in CLOSING:
            depth += 1
        elif text in OPENING:
            if depth == 0:
                closes = next(
                    (j for j in range(end + 1, min(len(doc), end + 50)) if doc[j].text == OPENING[text]), None
                )
                if closes is not None:
                    end = i - 1
                continue
            depth -= 1
    return start, end


def without_dangling(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The range without a conjunction or comma left hanging at either edge ("... Kurdish and")."""
    while start < end and (doc[start].lower_ in DANGLING or doc[start].is_punct and doc[start].text in ",;"):
        start += 1
    while end > start and (doc[end].lower_ in DANGLING or doc[end].is_space or doc[end].text in (",", ";", "(")):
        end -= 1
    return start, end


def whole(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The range's edges out of brackets and hanging conjunctions."""
    return without_dangling(doc, *out_of_brackets(doc, start, end))


# Verbs whose bare object is never what was said, so a clause found under that object is
# the parser's misreading of a complement ("said seeing police there was a relief").
BARE_SAYING = frozenset({"say", "claim", "insist", "argue", "note", "add", "warn", "predict", "contend", "assert"})


def _has_subject(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in tok.children)


def misread_complement(verb: Token) -> tuple[int, int] | None:
    """Content of a verb of saying whose finite clause the parser hung under an object or an
    infinitive ("said [xcomp seeing] officers [ccomp was] a welcome sight"), or None.

    The clause must have a subject of its own and be reached through complements only: a
    relative clause ("said goodbye to the guest who was leaving") or a coordinated one
    ("said goodbye and he left") is not what was said.
    """
    if verb.lemma_.lower() not in BARE_SAYING:
        return None
    for child in verb.children:
        if child.i < verb.i or child.dep_ not in ("xcomp", "dobj"):
            continue
        if child.dep_ == "xcomp" and child.left_edge.lower_ == "to":
            continue  # "said to be": a report about the subject, not by it
        found = [child] if _has_subject(child) else []
        found += [t for t in child.subtree if t.dep_ == "ccomp" and _has_subject(t)]
        if found and all(t.dep_ not in ("relcl", "acl") for t in found[0].ancestors if t.i > verb.i):
            return child.left_edge.i, child.right_edge.i
    return None


# Verbs of stance whose bare object is itself what is held ("acknowledged the agency's limits",
# "denied any wrongdoing", "warned of a recession"), unlike "said goodbye" or "wrote a memoir".
OBJECT_STANCE = frozenset({
    "acknowledge", "admit", "concede", "deny", "note", "predict", "promise", "vow", "pledge", "warn",
    "reiterate", "stress", "emphasize", "caution",
})  # fmt: skip
# Prepositions that carry what a warning is about ("warned China against provocations").
WARNING_PREPS = frozenset({"of", "about", "against"})


def object_content(verb: Token) -> tuple[int, int] | None:
    """Content of a verb of stance from its noun-phrase object and what a warning is about, or
    None; not when a colon or quotation follows, which holds the words themselves."""
    if verb.lemma_.lower() not in OBJECT_STANCE:
        return None
    parts = [c for c in verb.children if c.i > verb.i and c.dep_ == "dobj"]
    parts += [c for c in verb.children if c.i > verb.i and c.dep_ == "prep" and c.lower_ in WARNING_PREPS]
    parts = [c for c in parts if c.dep_ == "dobj" or verb.lemma_.lower() in ("warn", "caution")]
    if not parts:
        return None
    start, end = min(c.left_edge.i for c in parts), max(c.right_edge.i for c in parts)
    doc = verb.doc
    if end + 1 < len(doc) and (doc[end + 1].text == ":" or doc[end + 1].is_quote):
        return None
    return (start, end) if end - start >= 2 else None


# How far a cue clause set off by commas reaches on either side of its verb ("..., Mr. Abboud said on Monday, ...").
ASIDE_TOKENS = 6


def _comma_within(verb: Token, step: int) -> int | None:
    """The comma that bounds the verb's aside on one side, when every word up to it is the verb's."""
    doc = verb.doc
    i = verb.i + step
    while 0 <= i < len(doc) and abs(i - verb.i) <= ASIDE_TOKENS:
        if doc[i].text == ",":
            return i
        if doc[i].is_sent_start or doc[i].is_space or verb not in doc[i].ancestors:
            return None
        i += step
    return None


def aside_content(verb: Token) -> tuple[int, int] | None:
    """The sentence a cue clause interrupts between commas ("This sort of opining, CNN claimed,
    violates its code"), whatever the parse hangs it on, or None.

    The aside is the verb with its own subject and short modifiers only, and the sentence has
    words on both sides of it; a relative clause ("Smith, who said nothing, left") is no aside.
    """
    if verb.dep_ in ("relcl", "acl") or not any(c.dep_ == "nsubj" and c.i < verb.i for c in verb.children):
        return None
    if any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children):
        return None
    left, right = _comma_within(verb, -1), _comma_within(verb, 1)
    sent = verb.sent
    if left is None or right is None or left - sent.start < 2 or sent.end - right < 4:
        return None
    end = sent.end - 1
    while end > right and (verb.doc[end].is_punct or verb.doc[end].is_space):
        end -= 1
    return sent.start, end
