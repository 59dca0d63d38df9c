"""Who a pronoun at a meeting stands for: "he" or "her" resolved to the person the passage is
about or to who reports it, "I" and "we" in a quotation to who says it."""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import replace

from spacy.tokens import Token

from jobs.extract._sents import children, sent_span, sentences_before
from jobs.extract.positions import CUE_LEMMAS
from jobs.models import MeetingFrame, Mention, Quote

PRONOUNS = frozenset({"he", "she", "his", "her", "him", "they", "their", "them"})
FIRST_PERSON = frozenset({"i", "me", "we", "us"})


def resolve_pronoun(
    token: Token, mentions: Sequence[Mention], index: Mapping[int, Mention], exclude: frozenset[str] = frozenset()
) -> Mention | None:
    """A personal pronoun's person: the nearest person subject before it, else the nearest person;
    never one of `exclude` (the other parties: "Clinton called her" is not Clinton calling Clinton)."""
    if token.lower_ not in PRONOUNS or token.lower_ in ("they", "their", "them"):
        return None
    teller = _teller(token)
    if teller is not None and teller.i in index and index[teller.i].label == "person":
        if index[teller.i].entity not in exclude:
            return index[teller.i]
    elif teller is not None and teller.lower_ in PRONOUNS and teller.lower_ not in ("they", "their", "them"):
        found = resolve_pronoun(teller, mentions, index, exclude)
        if found is not None:
            return found
    # the one person named before the pronoun in its sentence stands for an object pronoun ("with
    # Cruz calling Trump his friend, meeting with him"), and for the subject of a reported clause
    # whose teller the parser lost ("..., Senator Harry Reid, the minority leader, said that he spoke")
    near = _sentence_person(token, mentions, exclude) if token.dep_ != "nsubj" else None
    if token.dep_ == "nsubj" and token.head.dep_ in ("ccomp", "xcomp", "advcl"):
        # "Trump announced that he plans to meet ...": the subject of the clause that reports it
        outer = next((c for c in children(token.head.head) if c.dep_ == "nsubj"), None)
        if outer is not None and outer.i in index:
            if index[outer.i].label == "person" and index[outer.i].entity not in exclude:
                return index[outer.i]
        elif outer is None and token.head.dep_ == "ccomp":
            near = _sentence_person(token, mentions, exclude)
    if near is None and token.dep_ == "nsubj" and token.head.dep_ == "ROOT":
        near = _told_of(token, index, exclude)
    return near or _last_person(token, mentions, exclude, subject=True) or _last_person(token, mentions, exclude)


# sentences back that a main clause's "he" or "she" is followed through to a name
_CHAIN_SENTENCES = 4


def _told_of(token: Token, index: Mapping[int, Mention], exclude: frozenset[str]) -> Mention | None:
    """Who a main clause's "he" or "she" is when the main clauses before go on telling of one
    person: the named subject of the nearest main clause whose subject is no such pronoun, when
    those between have the same pronoun ("Juanita Broaddrick, who said ..., recounted it. She has
    said ... She has gone public as Clinton has emerged ... On Sunday, she disclosed"); None when
    a main clause between has another subject."""
    doc = token.doc
    for first, stop in sentences_before(doc, token.i, _CHAIN_SENTENCES):
        root = next((t for t in doc[first:stop] if t.dep_ == "ROOT"), None)
        subject = next((c for c in children(root) if c.dep_ == "nsubj"), None) if root is not None else None
        if subject is None:
            return None
        if subject.lower_ == token.lower_:
            continue
        found = index.get(subject.i)
        return found if found is not None and found.label == "person" and found.entity not in exclude else None
    return None


def _sentence_person(token: Token, mentions: Sequence[Mention], exclude: frozenset[str]) -> Mention | None:
    """The one person named in the pronoun's sentence before it, whatever the parse made of the
    name ("Alarmed by the unrest in Nevada, Senator Harry Reid, the minority leader, said that he
    spoke with Mr. Sanders"), or None when there are none or several."""
    start = token.doc[sent_span(token.doc, token.i)[0]].idx
    before = mentions[bisect.bisect_left(mentions, start, key=lambda m: m.start) :]
    named = {m.entity: m for m in before if m.start < token.idx and m.label == "person" and m.entity not in exclude}
    return next(iter(named.values())) if len(named) == 1 else None


def _teller(token: Token) -> Token | None:
    """The subject of the verb that reports the clause an object pronoun is in: the teller speaks
    of themself ("Broaddrick said Clinton placed several calls to her", "she disclosed that he
    called her"); None for a subject pronoun or one outside reported speech."""
    if token.dep_ not in ("dobj", "pobj", "dative") or token.lower_ not in ("him", "her"):
        return None
    verb = token.head
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head  # "placed several calls to her": the verb of the phrase
    for _ in range(3):
        if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in CUE_LEMMAS:
            return next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        if verb.dep_ not in ("xcomp", "conj", "advcl") or verb.head.i == verb.i:
            break
        verb = verb.head
    # the parser lost the report's link ("she disclosed for the first time that he called her"):
    # the reporting main verb's "she" for "her", "he" for "him"
    root = token.sent.root
    teller = next((c for c in children(root) if c.dep_ == "nsubj"), None)
    same = teller is not None and _SUBJECT_FORM[token.lower_] == teller.lower_
    return teller if same and root.lemma_.lower() in CUE_LEMMAS and root.i < token.i else None


_SUBJECT_FORM = {"him": "he", "her": "she"}


def speakers_of(
    token: Token, mentions: Sequence[Mention], index: Mapping[int, Mention], exclude: frozenset[str]
) -> list[Mention]:
    """Who "I" or "we" are in a quotation: the one who says it ("'I met him in 2010,' Smith said"),
    and for "we" the people the sentence says it refers to ("'We met today,' Ms. Conway added,
    referring to herself, Mr. Bannon and Mr. Gates")."""
    verb = token.head
    teller = None
    for _ in range(4):
        if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in CUE_LEMMAS:
            teller = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
            break
        if verb.head.i == verb.i:
            break
        verb = verb.head
    out = []
    if teller is not None:
        found = index.get(teller.i) or resolve_pronoun(teller, mentions, index, exclude)
        if found is not None and found.label == "person":
            out.append(found)
    if token.lower_ in ("we", "us"):
        first, stop = sent_span(token.doc, token.i)
        refer = next(
            (t for t in token.doc[first:stop] if t.lemma_ == "refer" and t.i + 1 < stop and t.nbor().lower_ == "to"),
            None,
        )
        if refer is not None:
            out += [index[t.i] for t in token.doc[refer.i : stop] if t.i in index and index[t.i].label == "person"]
    return out


def topic(token: Token, mentions: Sequence[Mention]) -> Mention | None:
    """The person the passage is about: the nearest person subject before the token."""
    return _last_person(token, mentions, subject=True)


def _last_person(
    token: Token, mentions: Sequence[Mention], exclude: frozenset[str] = frozenset(), *, subject: bool = False
) -> Mention | None:
    """The nearest person mention (a subject, with `subject`) before the token, not one of `exclude`.

    `mentions` are in text order, as `extract_mentions` gives them: the search starts at the
    token by bisection, not at the article's first mention, once per cue.
    """
    for k in range(bisect.bisect_left(mentions, token.idx, key=lambda m: m.start) - 1, -1, -1):
        m = mentions[k]
        if m.label == "person" and m.entity not in exclude and (m.is_subject or not subject):
            return m
    return None


def fuller_descriptions(frames: Sequence[MeetingFrame]) -> list[MeetingFrame]:
    """Frames whose bare definite description of a group ("the executives") names the people a
    fuller description of a meeting told before gave ("Patriot Coal's executives and advisers
    first met Mr. Clarke ... Many people involved in the negotiations with the executives"): the
    fuller one, when one of its plural nouns is the bare one's."""
    fuller: dict[str, str] = {}
    out = []
    for frame in frames:
        parties = []
        for party in frame.participants:
            words = party.split()
            if len(words) == 2 and words[0].casefold() == "the" and words[1].casefold() in fuller:
                party = fuller[words[1].casefold()]
            parties.append(party)
        for party in parties:
            words = party.split()
            if len(words) > 1 and words[0].casefold() != "the":
                fuller.update({w.casefold(): party for w in words if w.islower() and w.endswith("s")})
        out.append(replace(frame, participants=tuple(dict.fromkeys(parties))))
    return out


# paragraphs back that a quotation may go on from: its own and the one before
_QUOTE_PARAGRAPHS = 2


def continued_quote(at: int, text: str, quotes: Sequence[Quote], mentions: Sequence[Mention]) -> Quote | None:
    """The quotation that words in quotation marks at offset `at`, held by none of `quotes`, go
    on from: “Let’s boil it down,” he continued. “I’ve met Mr. Trump.” is the last quotation
    before it, when that ends in the same paragraph or the one before and no person but its
    speaker is named in between; None when the words are not inside quotation marks."""
    para = text.rfind("\n", 0, at) + 1
    head = text[para:at]
    opened = head.rfind("“")
    inside = opened > head.rfind("”") if opened >= 0 else head.count('"') % 2 == 1
    before = [q for q in quotes if q.end <= at]
    if not inside or not before:
        return None
    last = max(before, key=lambda q: q.end)
    between = text[last.end : at]
    if len([p for p in between.split("\n") if p.strip()]) > _QUOTE_PARAGRAPHS:
        return None
    named = {m.entity for m in mentions if last.end <= m.start < at and m.label == "person"}
    return last if named <= {last.speaker} else None
