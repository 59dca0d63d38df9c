"""Positions: who said what, in quoted and reported speech.

An attribution has a cue (a reporting verb, or "according to"), a source (its
speaker) and a content span. Cues are found from the dependency parse: a verb of
the reporting class with a clausal complement, an inverted "X, she said", a colon
that opens a quotation, or a quotation bound to a cue verb next to it. Quotation
marks are paired once per article and never across a paragraph, so one stray mark
cannot mis-pair the rest of the text; quotations that directly follow an attributed
one in the same paragraph continue it.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from jobs.extract._sents import CHILD_REACH, sent_span
from jobs.extract.content_edges import (
    DANGLING,
    adverbial,
    aside_content,
    misread_complement,
    object_content,
    whole,
)
from jobs.extract.cues import CUE_LEMMAS as CUE_LEMMAS  # the reporting verbs, for the modules that read them here
from jobs.extract.cues import SUBJECT_DEPS, according_to, cue_class, inverted_subjects, poll_source, subject_of
from jobs.extract.descriptions import subject_span
from jobs.extract.position_hangs import aside_reach, hung_that_clause
from jobs.extract.quotations import adjacent_quote, extend_to_quotes, quote_spans
from jobs.extract.speakers import Resolver
from jobs.models import Article, Mention, Quote

# Cues that take an object and an infinitive ("urged Congress to act").
INFINITIVE_CUE_LEMMAS = frozenset(
    ["urge", "ask", "call", "tell", "warn", "promise", "vow", "pledge", "threaten", "demand"]
)
# Cues that name what something is ("described it as ...", "called it a disgrace").
AS_CUE_LEMMAS = frozenset(["describe", "call", "characterize", "label", "brand", "dub"])
SPEECH_NOUNS = frozenset({
    "statement", "interview", "release", "email", "letter", "post", "tweet", "speech", "remarks",
    "briefing", "conference", "op-ed"
})  # fmt: skip
# Nouns of saying whose "that" clause or infinitive is what was said: "his claim that ...",
# "the senator's warning that ...", "Rubio's promise to ...".
NOUN_CUE_LEMMAS = frozenset({
    "claim", "assertion", "argument", "warning", "statement", "promise", "pledge", "vow", "insistence",
    "denial", "admission", "suggestion", "prediction", "declaration", "contention", "allegation",
    "accusation", "charge", "assurance", "announcement", "threat", "demand", "boast", "complaint",
    "call", "remark", "comment", "observation", "acknowledgment", "acknowledgement", "explanation",
})  # fmt: skip
# A cue clause set off by commas inside the clause it reports is short ("Trump told CNN").
PARENTHETICAL_TOKENS = 8


@dataclass(frozen=True)
class _Attribution:
    cue: Token
    cue_text: str
    start: int  # token range of the content, inclusive
    end: int
    subject: Span | None
    via: Span | None = None


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start <= end and (doc[start].is_space or doc[start].text in (",", ":", ";", "—", "–", "-")):
        start += 1
    while end >= start and (doc[end].is_space or doc[end].text in (",", ":", ";", "—", "–", "-", "(")):
        end -= 1
    return start, end


def _content_from_deps(verb: Token, kind: str, para: Sequence[int]) -> tuple[int, int] | None:
    """Content token range of a cue verb from its complements, or None."""
    here = para[verb.i]
    if verb.dep_ == "relcl" and verb.head.pos_ == "PRON" and verb.head.dep_ in SUBJECT_DEPS:
        # "Nothing the president said will assuage ...": what he said is the subject, what
        # follows is said of it
        return None
    comps = [c for c in verb.children if c.dep_ == "ccomp" and para[c.i] == here and not adverbial(c)]
    if kind == "clause":
        comps = [c for c in comps if any(g.dep_ in SUBJECT_DEPS for g in c.children)]
    if comps:
        # The complement after the cue is the reported one; one before it is an
        # inverted quotation ("X, she said"), and it is the one reported where it closes
        # right at the cue ("“... Trump,” Sanders said, suggesting questions: “Do you ...”").
        after = [c for c in comps if c.i > verb.i]
        before = [c for c in comps if c.i < verb.i and _closes_at(c, verb)]
        comp = before[-1] if before and after and _held_apart(verb, after[0]) else after[0] if after else comps[-1]
        return comp.left_edge.i, comp.right_edge.i
    if verb.lemma_.lower() in ("ask", "wonder", "question"):
        # "asked the students if they were always so serious": the question, however it is hung
        for c in verb.children:
            marks = [m for m in c.children if m.dep_ == "mark" and m.lower_ in ("if", "whether")]
            if c.i > verb.i and c.dep_ in ("advcl", "ccomp") and marks and para[c.i] == here:
                return marks[0].i, c.right_edge.i
    inverted = inverted_subjects(verb)
    if inverted is not None and kind == "say":
        return inverted[0].left_edge.i, inverted[1].left_edge.i - 1
    if kind == "call":
        return _call_content(verb)
    if kind == "say" and verb.lemma_.lower() in AS_CUE_LEMMAS:
        holders = [verb] + [c for c in verb.children if c.dep_ == "dobj"]
        for holder in holders:
            for c in holder.children:
                if c.dep_ == "prep" and c.lower_ == "as" and c.i > verb.i:
                    return c.i + 1, c.right_edge.i
                if c.dep_ == "oprd" and c.i > verb.i:
                    return c.left_edge.i, c.right_edge.i
                if c.dep_ == "advcl" and c.i > verb.i and any(m.dep_ == "mark" and m.lower_ == "as" for m in c.children):
                    # "described the country as beset by ...": what it is, with what it is said of
                    objs = [o for o in verb.children if o.dep_ == "dobj" and verb.i < o.i < c.i]
                    return (objs[0].left_edge.i if objs else c.left_edge.i), c.right_edge.i
    if kind == "say" and verb.lemma_.lower() in INFINITIVE_CUE_LEMMAS:
        for c in verb.children:
            if c.dep_ == "xcomp" and c.i > verb.i:
                objs = [o for o in verb.children if o.dep_ == "dobj" and verb.i < o.i < c.i]
                first = objs[0].left_edge.i if objs else c.left_edge.i
                return first, c.right_edge.i
            if c.dep_ == "prep" and c.lower_ == "for" and c.i == verb.i + 1:
                objs = [o for o in c.children if o.dep_ == "pobj"]
                if objs:
                    return objs[0].left_edge.i, objs[0].right_edge.i
    # Inverted order: "The plan is dead, she said." hangs the cue under the content.
    head = verb.head
    if (
        (verb.dep_ in ("ccomp", "parataxis", "advcl") or _comma_conjunct(verb))
        and head is not verb
        and head.i < verb.i
        and para[head.i] == here
    ):
        if kind == "clause" or head.pos_ not in ("VERB", "AUX") or _reported_by(verb, head):
            return None
        hole = verb.left_edge.i
        start = head.left_edge.i
        end = aside_reach(head, verb) if head.right_edge.i > verb.right_edge.i else hole - 1
        if end >= start:
            return start, end
    # A parenthetical cue: "The two nations, Xi said, now have ..." or "Instead, Trump
    # told CNN, his policy would be ...": the clause around or after it is the content.
    if (
        (verb.dep_ == "parataxis" or verb.dep_ == "ccomp" and _comma_after(verb))
        and head.i > verb.i
        and head.pos_ in ("VERB", "AUX")
        and kind == "say"
    ):
        start = head.left_edge.i
        if verb.left_edge.i <= start:
            start = verb.right_edge.i + 1
        return start, head.right_edge.i
    if kind != "say":
        return None
    return misread_complement(verb) or hung_that_clause(verb) or object_content(verb) or aside_content(verb)


def _reported_by(verb: Token, head: Token) -> bool:
    """True for a finite cue that is itself what the cue before it reports, its subject joined
    to that cue by no comma or quotation mark: in "Bucher said some residents complained" the
    complaint is Bucher's report, not a speaker's frame around "Bucher said" (in "“...,”
    Lewandowski added" and "The plan is dead, she said" it is)."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i < verb.i]
    if verb.dep_ != "ccomp" or verb.tag_ == "VBG" or not subjects or cue_class(head) is None:
        return False
    first = subjects[0].left_edge.i
    return first > 0 and not (verb.doc[first - 1].is_punct or verb.doc[first - 1].is_space)


def _closes_at(comp: Token, verb: Token) -> bool:
    """True when a quotation closes the complement and nothing but punctuation and the cue's
    subject stands between it and the cue after it: "“...,” Sanders said"."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and comp.i < c.i < verb.i]
    between = verb.doc[comp.right_edge.i + 1 : subjects[0].left_edge.i if subjects else verb.i]
    return (
        bool(subjects)
        and all(t.is_punct or t.is_space for t in between)
        and any(t.is_quote or t.text == "''" for t in between)
    )


def _held_apart(verb: Token, comp: Token) -> bool:
    """True when words of the cue's own clause stand between it and a complement after it
    ("said, suggesting a few questions, including, “Do you ...”"): the parser's reach, not the report."""
    return any(not (t.is_punct or t.is_space) for t in verb.doc[verb.i + 1 : comp.left_edge.i])


def _comma_conjunct(verb: Token) -> bool:
    """True for a cue the parser joined to the clause before it with no conjunction, its own
    subject after a comma: "People should provide evidence, he told reporters."."""
    doc = verb.doc
    first = verb.left_edge.i
    return (
        verb.dep_ == "conj"
        and any(c.dep_ in SUBJECT_DEPS and c.i < verb.i for c in verb.children)
        and first > 0
        and doc[first - 1].text == ","
    )


def _comma_after(verb: Token) -> bool:
    """True for a short cue clause closed by a comma inside a clause that reports nothing itself:
    "Instead, Trump told CNN, his policy would be ..." (not "The state agreed, officials said")."""
    nxt = verb.right_edge.i + 1
    return (
        nxt < len(verb.doc)
        and verb.doc[nxt].text == ","
        and nxt - verb.left_edge.i <= PARENTHETICAL_TOKENS
        and cue_class(verb.head) is None
    )


def _call_content(verb: Token) -> tuple[int, int] | None:
    """What "call" reports: "called the plan a disgrace" (object and complement), "called for a
    ban" (what is demanded) and "called on Congress to act" (whom, and what to do); not "called a
    meeting", "called on Tuesday to complain" or "called him to say hello"."""
    doc = verb.doc
    for c in verb.children:
        if c.dep_ == "oprd" and c.i > verb.i:
            # "what Trump calls “hell”" and "calls itself X" name things; they report nothing
            objs = [o for o in verb.children if o.dep_ == "dobj" and verb.i < o.i < c.i]
            if objs and not objs[0].lower_.endswith(("self", "selves")):
                return objs[0].left_edge.i, c.right_edge.i
            if not objs and any(o.dep_ == "nsubjpass" for o in verb.children):
                return c.left_edge.i, c.right_edge.i  # "was called a traitor by the senator"
            return None
    if verb.i + 2 >= len(doc) or doc[verb.i + 1].lower_ not in ("for", "on", "upon"):
        return None
    # The parser reads "called on X to resign" and "called for X to go" several ways; the
    # words up to the clause's first comma are the appeal.
    stop = next((p.i for p in verb.children if p.i > verb.i and p.text in (",", ";", ":", "—")), verb.right_edge.i + 1)
    parts = [c for c in verb.children if verb.i < c.i < stop and c.dep_ not in ("punct", "cc", "conj")]
    if not parts:
        return None
    start, end = verb.i + 2, max(c.right_edge.i for c in parts)
    # ", citing new studies" gives the speaker's reason, not the appeal
    end = next((t - 1 for t in range(start, end) if doc[t].text == "," and doc[t + 1].tag_ == "VBG"), end)
    if doc[verb.i + 1].lower_ != "for":
        whom = doc[start]
        infinitive = any(t.lower_ == "to" and t.dep_ == "aux" for t in doc[start : end + 1])
        if not infinitive or whom.ent_type_ in ("DATE", "TIME") or whom.like_num:
            return None
    return (start, end) if end >= start else None


def _colon_content(verb: Token, quotes: Sequence[tuple[int, int]], para: Sequence[int]) -> tuple[int, int] | None:
    """A quotation or clause that a colon right after the cue's clause opens; where the colon
    ends its paragraph ("Hewitt writes:"), the next paragraph, quoted or not, is the block quote."""
    doc = verb.doc
    limit = min(len(doc), verb.i + 12)
    j = verb.i + 1
    while j < limit and doc[j].text != ":" and not doc[j].is_sent_start:
        j += 1
    if j >= limit or doc[j].text != ":":
        return None
    k = j + 1
    while k < len(doc) and doc[k].is_space:
        k += 1
    for qs, qe in quotes:
        if qs == k:
            return qs, qe
    if k < len(doc) and para[k] == para[j] + 1:
        end = k
        while end + 1 < len(doc) and para[end + 1] == para[k]:
            end += 1
        return k, end
    if k < len(doc) and sent_span(doc, k) == sent_span(doc, j):
        return k, max(k, sent_span(doc, j)[1] - 1)
    return None


def _noun_cue(noun: Token) -> tuple[int, int, Token] | None:
    """(content start, end, speaker) of "X's claim that ..." or "his promise to ...": a noun of
    saying with a possessor and a "that" clause or an infinitive of its own."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in NOUN_CUE_LEMMAS:
        return None
    owners = [c for c in noun.children if c.dep_ == "poss"]
    if not owners:
        return None
    owner = owners[0]
    # "Trump repeated his claim that ...": the one who repeats it is the speaker the text names
    verb = noun.head if noun.dep_ == "dobj" else noun.head.head if noun.dep_ == "pobj" else None
    if owner.pos_ == "PRON" and verb is not None and verb.pos_ == "VERB":
        owner = subject_of(verb) or owner
    for c in noun.children:
        if c.i <= noun.i or c.dep_ not in ("acl", "ccomp", "xcomp", "appos"):
            continue
        first = c.left_edge
        if first.i == noun.i + 1 and first.lower_ == "that" and first.dep_ == "mark":
            return first.i + 1, c.right_edge.i, owner
        if first.i == noun.i + 1 and first.lower_ == "to" and first.dep_ == "aux":
            return first.i, c.right_edge.i, owner
    return None


def _cue_text(verb: Token) -> str:
    words = [verb]
    if (
        verb.lemma_.lower() == "call"
        and verb.i + 1 < len(verb.doc)
        and verb.doc[verb.i + 1].lower_ in ("for", "on", "upon")
    ):
        words.append(verb.doc[verb.i + 1])
    for child in verb.children:
        if child.dep_ == "prt":
            words.append(child)
        elif child.dep_ == "prep" and child.lower_ in ("in", "on", "during"):
            objs = [o for o in child.children if o.dep_ == "pobj" and o.lemma_.lower() in SPEECH_NOUNS]
            if objs:
                words.extend(t for t in child.subtree if t.i <= objs[0].i)
    words.sort(key=lambda t: t.i)
    if len(words) > 1 and words[-1].i - words[0].i + 1 == len(words):
        return verb.doc[words[0].i : words[-1].i + 1].text
    return " ".join(t.text for t in words)


def _clip(rng: tuple[int, int], anchor: int, para: Sequence[int]) -> tuple[int, int]:
    """A token range cut back to the paragraph of `anchor`: the parser may run over a break."""
    start, end = rng
    while start < anchor and para[start] != para[anchor]:
        start += 1
    while end > anchor and para[end] != para[anchor]:
        end -= 1
    return start, end


def paragraphs(doc: Doc) -> list[int]:
    """The paragraph number of every token; a line break starts a paragraph."""
    out = []
    n = 0
    for tok in doc:
        if tok.is_space and "\n" in tok.text:
            n += 1
        out.append(n)
    return out


def _attributions(doc: Doc, quotes: Sequence[tuple[int, int]], para: Sequence[int]) -> list[_Attribution]:
    """Cue, content and subject of every attribution the parse shows."""
    out: list[_Attribution] = []
    pending: list[Token] = []
    claimed: set[int] = set()
    relayed: set[int] = set()
    # A cue inside a quotation is the quoted speaker's own ("I think ..."): the
    # quotation is the attribution, made by the cue outside it.
    inside = [False] * len(doc)
    for qs, qe in quotes:
        for i in range(qs + 1, qe):
            inside[i] = True
    for tok in doc:
        if inside[tok.i]:
            continue
        if tok.lower_ == "according":
            acc = according_to(tok)
            if acc is None:
                continue
            head = tok.head
            target = head if head.pos_ in ("VERB", "AUX") else head.head
            if cue_class(target) == "say" and subject_of(target) is not None:
                relayed.add(target.i)
                continue
            sent_start, sent_end = sent_span(doc, tok.i)
            sent_start, last = _clip((sent_start, sent_end - 1), tok.i, para)  # the sentence in its paragraph
            sent_end = last + 1
            lo, hi = tok.left_edge.i, tok.right_edge.i
            if lo <= sent_start + 1:
                start, end = hi + 1, sent_end - 1
            elif _has_words(doc[hi + 1 : sent_end]) or _trim(doc, sent_start, lo - 1)[1] in _dangling(doc, lo):
                start, end = sent_start, sent_end - 1  # "X and, according to Y, Z": the clause it interrupts
            else:
                start, end = sent_start, lo - 1
            start, end = _trim(doc, start, end)
            if end > start:
                out.append(_Attribution(tok, "according to", start, end, subject_span(acc[1])))
            continue
        noun = _noun_cue(tok)
        if noun is not None:
            start, end = _trim(doc, *_clip(noun[:2], tok.i, para))
            if end >= start:
                start, end, covered = extend_to_quotes(start, end, quotes)
                claimed.update(covered)
                out.append(_Attribution(tok, tok.text, start, end, subject_span(noun[2])))
            continue
        cls = cue_class(tok)
        if cls is None:
            continue
        rng = _content_from_deps(tok, cls, para)
        anchor = tok.i
        if rng is None and cls == "say":
            rng = _colon_content(tok, quotes, para)
            anchor = rng[0] if rng is not None else anchor
        if rng is None:
            if cls == "say":
                pending.append(tok)
            continue
        start, end = _trim(doc, *_clip(rng, anchor, para))
        if end < start:
            continue
        start, end, covered = extend_to_quotes(start, end, quotes)
        claimed.update(covered)
        subj = subject_of(tok, inside)
        out.append(_Attribution(tok, _cue_text(tok), start, end, subject_span(subj) if subj is not None else None))
    # "Nothing the president said": the cue's object is its head, not a quotation.
    pending = [t for t in pending if not (t.dep_ == "relcl" and t.head.pos_ in ("NOUN", "PRON"))]
    found: set[int] = set()
    # A quotation closed by its cue's clause ("“...,” X said") is that cue's before it can
    # open after another's ("Y joked. “...,” X said").
    for before in (True, False):
        for tok in pending:
            rng = None if tok.i in found else adjacent_quote(tok, quotes, claimed, before=before)
            if rng is None:
                continue
            found.add(tok.i)
            claimed.update(n for n, q in enumerate(quotes) if q == rng)
            subj = subject_of(tok, inside)
            out.append(_Attribution(tok, _cue_text(tok), *rng, subject_span(subj) if subj is not None else None))
    out = [a if a.cue.i not in relayed else _with_via(a) for a in out]
    out = [_polled(a) for a in out]
    # "Clarke said he realized that ...": a thought reported inside another attribution
    # is part of it, not a position of its own.
    out = [
        a
        for a in out
        if cue_class(a.cue) != "clause" or not any(b is not a and b.start <= a.cue.i <= b.end for b in out)
    ]
    out.sort(key=lambda a: a.start)
    return _continue_quotes(doc, out, quotes, claimed)


def _dangling(doc: Doc, i: int) -> set[int]:
    """The conjunction just before token `i`, commas aside, that a clause cut there would end with."""
    j = i - 1
    while j > 0 and doc[j].text == ",":
        j -= 1
    return {j} if j >= 0 and doc[j].lower_ in DANGLING else set()


def _with_via(att: _Attribution) -> _Attribution:
    for child in list(att.cue.children) + (list(att.subject.root.children) if att.subject is not None else []):
        acc = according_to(child)
        if acc is not None:
            return _Attribution(att.cue, att.cue_text, att.start, att.end, att.subject, subject_span(acc[1]))
    return att


def _polled(att: _Attribution) -> _Attribution:
    """The attribution with the poll as its source where its subject is a share of the poll's respondents."""
    poll = poll_source(att.subject.root, att.start, att.end) if att.subject is not None else None
    if poll is None:
        return att
    via = None if att.via is not None and att.via.start <= poll.i < att.via.end else att.via
    return _Attribution(att.cue, att.cue_text, att.start, att.end, subject_span(poll), via)


def _continue_quotes(
    doc: Doc, atts: list[_Attribution], quotes: Sequence[tuple[int, int]], claimed: set[int]
) -> list[_Attribution]:
    """Extend each attribution over the unclaimed quotations that directly follow it."""
    out = []
    starts = [qs for qs, _ in quotes]
    ordered = all(a <= b for a, b in zip(starts, starts[1:], strict=False))
    for att in atts:
        end = att.end
        # The cue's own clause may stand between ("“...,” Mark Olsen said. “...”"); the
        # parser may hang the next opening mark on it, but never a paragraph break. (A
        # clause reaches no further than a dependency does: in a run-on article, the
        # root's clause is the whole text.)
        reach = max(end, min(att.cue.right_edge.i, end + CHILD_REACH))
        # Quotations are in text order: start at the first one after the attribution.
        first = bisect.bisect_right(starts, end) if ordered else 0
        for n in range(first, len(quotes)):
            qs, qe = quotes[n]
            if n in claimed and ordered and qs > max(reach, end) and _has_words(doc[qs : qe + 1]):
                break  # a claimed quotation with words stands in the way of every later one
            if n in claimed or qs <= end:
                continue
            gap = doc[min(reach, qs - 1) + 1 : qs] if end == att.end else doc[end + 1 : qs]
            between = doc[end + 1 : qs]
            if _has_words(gap) or any("\n" in t.text for t in between):
                break
            claimed.add(n)
            end = qe
        out.append(att if end == att.end else _Attribution(att.cue, att.cue_text, att.start, end, att.subject, att.via))
    return out


def _has_words(span: Span) -> bool:
    return any(not (t.is_space or t.is_punct) for t in span)


# A date, a time or a quantity is when or how much, never what a position is about.
_NO_TOPIC = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})


def _topic(doc: Doc, start: int, end: int, counts: Mapping[str, int], skip: Span | None) -> str | None:
    """The content's most article-salient noun phrase: what the position is about."""
    best: tuple[int, int] | None = None
    best_tok = None
    for tok in doc[start : end + 1]:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ in ("compound", "poss") or tok.ent_type_ in _NO_TOPIC:
            continue
        if skip is not None and skip.start <= tok.i < skip.end:
            continue
        key = (counts.get(tok.lemma_.lower(), 0), -tok.i)
        if best is None or key > best:
            best, best_tok = key, tok
    if best_tok is None:
        return None
    left = best_tok.i
    for child in best_tok.lefts:
        if child.dep_ in ("compound", "amod") and child.i >= start:
            left = min(left, child.i)
    words = [t for t in doc[left : best_tok.i + 1] if not t.is_punct]
    return " ".join(t.text for t in words) or None


def _object_topic(cue: Token) -> str | None:
    """The cue's object as a topic where the content has no noun ("described the talks as productive")."""
    for child in cue.children:
        if child.dep_ == "dobj" and child.pos_ in ("NOUN", "PROPN"):
            words = [t for t in child.subtree if t.i <= child.i and t.dep_ not in ("det", "poss")]
            return " ".join(t.text for t in words)
    return None


# A position's content is cut after this many tokens (some 1,500 characters): in a run-on
# "sentence" each attribution's content would otherwise run on to the end of the article.
MAX_CONTENT_TOKENS = 300


def extract_quotes(
    doc: Doc, article: Article, mentions: Sequence[Mention], resolver: Resolver | None = None
) -> list[Quote]:
    """Every attribution of the article, with its speaker named as far as the text allows.

    Speakers are the mentions' `entity` names; pronouns and role nouns resolve to the
    nearest compatible actor, and speech relayed "according to" an aide keeps the aide
    in `via`. Where no actor fits the speaker is the text's own description.
    """
    if len(doc) == 0:
        return []
    quotes = quote_spans(doc)
    resolver = resolver or Resolver(doc, mentions)
    counts: dict[str, int] = {}
    for tok in doc:
        if tok.pos_ in ("NOUN", "PROPN"):
            key = tok.lemma_.lower()
            counts[key] = counts.get(key, 0) + 1
    quoted = [0] * (len(doc) + 1)
    for qs, qe in quotes:
        for i in range(qs, qe + 1):
            quoted[i] = 1
    inside = list(itertools.accumulate(quoted, initial=0))  # quoted tokens before each index
    speakers: list[tuple[int, str, str]] = []
    out = []
    para = paragraphs(doc)
    for att in _attributions(doc, quotes, para):
        if att.subject is None:
            continue
        name, label = resolver.name(att.subject.root, speakers, para)
        if label in ("person", "organization", "group", "description"):
            speakers.append((att.subject.root.i, name, label))
        via = None
        if att.via is not None:
            via, _ = resolver.name(att.via.root, speakers, para)
        cut = min(att.end, att.start + MAX_CONTENT_TOKENS - 1)
        start, end = whole(doc, att.start, cut)
        start, end = (start, end) if start <= end else (att.start, cut)
        span = doc[start : end + 1]
        resolver.hear(span.start_char, span.end_char)
        direct = 2 * (inside[end + 1] - inside[start]) >= len(span)
        out.append(
            Quote(
                article_id=article.id,
                speaker=resolver.fullest(name) if label == "person" else name,
                kind="direct" if direct else "reported",
                cue=att.cue_text,
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                speaker_start=att.subject.start_char,
                speaker_end=att.subject.end_char,
                via=via,
                topic=_topic(doc, start, end, counts, att.subject) or _object_topic(att.cue),
            )
        )
    return out
