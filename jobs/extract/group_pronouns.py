"""What a "they" or an "it" stands for where no named group or body spoke just before.

The description that spoke last ("The social media company said ... It also said"), the plural
people a sentence is about ("Residents of Elm Street packed the meeting. They said") or a named
body that is the subject just before ("The Times endorsed Clinton. Meanwhile, it attacked Trump").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Token

from jobs.extract.descriptions import names_a_person, subject_span

if TYPE_CHECKING:
    from jobs.extract.speakers import Resolver

GROUP_PRONOUNS = frozenset({"they", "them"})
SPEAKER_LABELS = ("person", "organization", "group")
# How far back (in tokens) a "they" or "it" looks: a run-on "sentence" must not make it scan the article.
ANTECEDENT_TOKENS = 400


def described_before(r: Resolver, head: Token, speakers: Sequence[tuple[int, str, str]], para: Sequence[int]) -> str | None:
    """The description that spoke just before a "they" or "it" of the same number, no one named
    as a subject since: "The social media company said ... It also said", "Researchers found ...,
    they concluded"."""
    last = next((s for s in reversed(speakers) if s[0] < head.i), None)
    if last is None or last[2] != "description" or r.quoted[head.i]:
        return None
    said = r.doc[last[0]]
    plural = said.tag_ in ("NNS", "NNPS")
    if plural != (head.lower_ in GROUP_PRONOUNS) or not plural and names_a_person(said.lemma_.lower()):
        return None  # "it" is no person: "The spokesman said ... It added" is not him
    if r.sentence(head.i) - r.sentence(last[0]) > 2 or para[head.i] - para[last[0]] > 1:
        return None
    if any(m.is_subject for m in r.before(head.i, SPEAKER_LABELS, sentences=2) if m.start > said.idx):
        return None
    return last[1]

def subject_before(r: Resolver, head: Token) -> tuple[str, str] | None:
    """What a "they" or "it" outside quotations stands for where no group spoke just before: the
    subject of its sentence or the one before. "They" goes to plural people as the text gives them
    ("Residents of Elm Street packed the meeting. They said" is "residents of Elm Street"), "it"
    to a named organisation ("The Times endorsed Clinton. Meanwhile, it attacked Trump")."""
    if r.quoted[head.i]:
        return None
    start = max(r.sent_starts[max(0, r.sentence(head.i) - 1)], head.i - ANTECEDENT_TOKENS)
    for t in reversed(r.doc[start : head.i]):
        m = r.by_token.get(t.i)
        if m is not None and m.is_subject and t.dep_ in ("nsubj", "nsubjpass") and not r.quoted[t.i]:
            # a named subject: "it" may be that body; "they" may be its people
            return (m.entity, m.label) if head.lower_ == "it" and m.label == "organization" else None
        if head.lower_ == "it" or r.quoted[t.i]:
            continue
        lemma = t.lemma_.lower()
        if t.tag_ == "NNS" and t.dep_ == "nsubj" and names_a_person(lemma) and not lemma.endswith("ment"):
            span = subject_span(t)
            of = [c for c in t.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == t.i + 1]
            text = r.doc[span.start : of[0].right_edge.i + 1 if of else span.end].text
            common = span[0].pos_ in ("NOUN", "DET", "ADJ") and not span[0].ent_type_  # "Residents", not "Mexican"
            return (text[:1].lower() + text[1:] if common else text), "description"
    return None
