"""Cues and who says them: the reporting verbs, and the speaker token of a cue.

The parser's subject is not always the speaker: a participle or an added cue inside a
report goes with the report's speaker ("Carson said he plans ..., insisting that"), an
infinitive after a person object is that person's ("prompted Rubio to call"), a cue after
a preposition is said by the clause it hangs on ("after telling", "for saying"), and a
dateline, a time line or a subject across a paragraph break is never the speaker. A
document speaks for who made it ("according to an analysis by Pew", "a video that said").
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from jobs.extract._sents import sent_span
from jobs.extract.descriptions import names_a_person

# A general list of English reporting verbs (lemmas), in the spirit of citron and
# the Gender Gap Tracker; verbs of thought are handled by their subcategorisation.
CUE_LEMMAS = frozenset({
    "say", "tell", "warn", "argue", "claim", "insist", "deny", "add", "announce", "note", "state",
    "write", "explain", "acknowledge", "admit", "ask", "declare", "report", "predict", "promise",
    "vow", "describe", "tweet", "recall", "urge", "contend", "assert", "suggest", "maintain",
    "stress", "emphasize", "emphasise", "reply", "respond", "answer", "complain", "concede",
    "confirm", "estimate", "observe", "reiterate", "remark", "reveal", "testify", "allege",
    "caution", "counter", "joke", "boast", "brag", "lament", "quip", "muse", "agree", "disclose",
    "indicate", "mention", "propose", "recommend", "remind", "signal", "speculate", "threaten",
    "pledge", "proclaim", "repeat", "shout", "yell", "scream", "whisper", "demand", "conclude",
    "retort", "reason", "posit", "charge", "hint", "affirm", "comment", "concur", "insinuate",
    "point"
})  # fmt: skip
# Verbs that report speech or thought only with a finite clause of their own
# ("she believes that ..."), never with a bare object.
CLAUSE_CUE_LEMMAS = frozenset({
    "think", "believe", "feel", "fear", "hope", "expect", "know", "worry", "doubt", "guess",
    "figure", "wonder", "suspect", "assume", "understand", "recognize", "realize", "imagine", "bet"
})  # fmt: skip
SUBJECT_DEPS = ("nsubj", "nsubjpass")
RELATIVE_WORDS = frozenset({"who", "which", "that"})
# Verbs of putting out a piece whose words are its maker's ("ran a piece that noted ...").
PUBLISHING_VERBS = frozenset({"release", "publish", "run", "air", "post", "issue", "put", "write", "send", "file"})
# Cues that go on with what the speaker of the cue before said ("... and added, ...").
CONTINUING_CUES = frozenset({"add", "insist", "note", "stress", "say", "tell", "warn", "argue"})
# Prepositions after which a verb's object is the one who said it ("accused Clinton of
# saying", "criticized him for calling", "quoted Tim Manning as saying"); after "by", "after"
# and the like the subject says it ("rallied supporters by warning", "told the AP after hinting").
OBJECT_PREPOSITIONS = frozenset({"of", "for", "as"})
REFLEXIVES = frozenset({"himself", "herself", "themselves", "itself", "myself", "ourselves", "yourself"})
# Shares of people that a poll counts ("51 percent", "a majority", "most"), and the words of polls.
SHARE_WORDS = frozenset({"percent", "%", "majority", "minority", "plurality", "half", "third", "thirds", "quarter", "most"})
POLL_NOUNS = frozenset({"poll", "survey", "polling"})
# Verbs whose own subject, not their object, does what their infinitive says ("promised voters to ...").
SUBJECT_CONTROL = frozenset({"promise", "vow", "pledge", "threaten"})


def cue_class(tok: Token) -> str | None:
    """The cue class of a verb: "say" reports anything, "clause" only a finite clause, "call" only
    its own frames ("called X a liar", "called for X", "called on X to ...")."""
    if tok.pos_ not in ("VERB", "AUX") or tok.dep_ in ("amod", "aux", "auxpass"):
        return None
    lemma = tok.lemma_.lower()
    if lemma in CUE_LEMMAS:
        if lemma == "say" and _says_nothing(tok):
            return None
        if lemma == "point" and not any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children):
            return None
        return "say"
    if lemma in CLAUSE_CUE_LEMMAS:
        return "clause"
    if lemma == "call":
        return "call"
    return None


def _outer_cue(verb: Token) -> Token | None:
    """The cue a participle or an added cue continues where the parser hung it inside that cue's
    own report: in "Carson said he plans a trip, insisting that ..." and "Lazar said he welcomed
    it and added, ..." it is Carson and Lazar who insist and add, not the "he" of the report."""
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" or verb.dep_ == "conj" and verb.lemma_.lower() in CONTINUING_CUES:
        report = verb.head
        if report.dep_ == "ccomp" and report.i < verb.i and cue_class(report.head) == "say":
            return report.head
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.i > 0 and verb.doc[verb.i - 1].text == ",":
        # "Lewandowski rejected the idea that the billionaire would be a drag, saying ...":
        # the clause of a noun ("the idea that ...") says what the verb above it is about
        report = verb.head
        noun = report.head
        if report.dep_ == "acl" and noun.pos_ == "NOUN" and noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
            return noun.head
    return None


def _says_nothing(verb: Token) -> bool:
    """True for "That said, ..." and "Having said that, ...": a turn of the writer's argument."""
    doc = verb.doc
    before = doc[verb.i - 1] if verb.i > 0 else None
    after = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    if before is None or after is None:
        return False
    if before.lower_ in ("that", "this") and after.text == ",":
        return before.i == 0 or doc[before.i - 1].is_space or doc[before.i - 1].is_punct
    return (
        before.lower_ == "having"
        and after.lower_ in ("that", "this")
        and after.i + 1 < len(doc)
        and doc[after.i + 1].text == ","
    )


def _is_someone(tok: Token) -> bool:
    """True for a word that names people: a name, a personal pronoun, "voters", "the senator"."""
    if tok.pos_ == "PRON":
        return tok.lower_ not in ("it", "this", "that", "what", "which")
    return tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "NORP", "ORG") or names_a_person(tok.lemma_.lower())


def _opens_line(doc: Doc, i: int) -> bool:
    return i == 0 or "\n" in doc[i - 1].text or doc[i - 1].is_space and i > 1 and "\n" in doc[i - 2].text


def _is_dateline(tok: Token) -> bool:
    """True for the place or time a report opens with: "WASHINGTON (AP) —", "12:15 p.m.:"."""
    doc = tok.doc
    if tok.ent_type_ in ("DATE", "TIME"):
        return True
    if tok.ent_type_ != "GPE" or not _opens_line(doc, tok.left_edge.i):
        return False
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return after is not None and after.text in ("(", "—", "–", "-", ",") and tok.left_edge.i == tok.i


def inverted_subjects(verb: Token) -> tuple[Token, Token] | None:
    """(the report's subject, the speaker) where the parser hung both on an inverted cue:
    "Nothing the president said “will assuage fears,” the Florida senator said."."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    if len(subjects) < 2:
        return None
    first, last = subjects[0], subjects[-1]
    between = verb.doc[first.right_edge.i + 1 : last.left_edge.i]
    return (first, last) if any(t.text == "," for t in between) and last.right_edge.i < verb.i else None


def subject_after(verb: Token) -> tuple[Token, Token] | None:
    """(the report's subject, the speaker) of "..., said Christine Link, ..." where the parser
    made the report's subject a second subject of the cue: the speaker follows the cue directly,
    and a comma stands right before it (a quotation before the cue is paired already)."""
    doc = verb.doc
    if verb.i == 0 or doc[verb.i - 1].text != ",":
        return None
    before = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    after = [c for c in verb.children if c.dep_ == "nsubj" and c.left_edge.i == verb.i + 1]
    return (before[0], after[0]) if before and after else None


def _publisher(work: Token) -> Token | None:
    """Who put out the piece a relative clause reports from: "Trump released a video that said ..."."""
    if work.pos_ != "NOUN" or work.dep_ != "dobj" or work.head.lemma_.lower() not in PUBLISHING_VERBS:
        return None
    return next((c for c in work.head.children if c.dep_ == "nsubj" and c.lower_ not in RELATIVE_WORDS), None)


def _best_subject(verb: Token, first: Token) -> Token:
    """The cue's subject where the parser gave it several: not a dateline or a time, and in the
    cue's own paragraph ("12:15 p.m.: [break] President Barack Obama says")."""
    doc = verb.doc
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]

    def fits(c: Token) -> bool:
        return not _is_dateline(c) and not any("\n" in t.text for t in doc[min(c.i, verb.i) : max(c.i, verb.i)])

    good = [c for c in subjects if fits(c)]
    aside = _parenthetical_speaker(verb, first)
    if aside is not None:
        return aside
    inverted = inverted_subjects(verb) or subject_after(verb)
    if inverted is not None and fits(inverted[1]):
        return inverted[1]
    return good[-1] if good and not fits(first) else first


def _parenthetical_speaker(verb: Token, subject: Token) -> Token | None:
    """The speaker of a cue set off inside the clause it reports, which the parser hangs on the
    clause's own subject: "The contrast, said Doyle, would be clear" (the subject of the report
    right after the cue, closed by a comma) and "Clinton, a top aide said, is confident" (an
    apposition right before the cue)."""
    doc = verb.doc
    if subject.i < verb.i and verb.i > 0 and doc[verb.i - 1].text == ",":
        # the parser hangs the speaker on the cue or on the clause it reports
        after = [
            s
            for c in [verb, *(c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i)]
            for s in c.children
            if s.dep_ in SUBJECT_DEPS and s.left_edge.i == verb.i + 1
        ]
        end = after[0].right_edge.i if after else len(doc)
        if end + 1 < len(doc) and "," in (doc[end].text, doc[end + 1].text):
            return after[0]
    if verb.dep_ == "parataxis":
        return next((c for c in subject.children if c.dep_ == "appos" and c.right_edge.i == verb.i - 1), None)
    return None


def subject_of(verb: Token, quoted: Sequence[bool] = ()) -> Token | None:
    """The speaker token of a cue verb, through participles, conjuncts and relative clauses;
    never a subject inside a quotation when the cue is outside it."""
    verb = _outer_cue(verb) or verb
    misread = _misread_subject(verb)
    if misread is not None:
        return misread
    tok = verb
    for _ in range(4):
        narrator = _narrator_subject(tok, verb, quoted) if quoted and quoted[tok.i] and not quoted[verb.i] else None
        if narrator is not None:
            return narrator
        for child in tok.children:
            if quoted and quoted[child.i] and not quoted[verb.i]:
                continue
            if child.dep_ == "nsubj" or (child.dep_ == "agent" and tok is verb):
                if child.dep_ == "agent":
                    objs = [c for c in child.children if c.dep_ == "pobj"]
                    return objs[0] if objs else None
                if tok.dep_ == "relcl" and child.lower_ in ("that", "which"):
                    return _publisher(tok.head) or child
                return _best_subject(tok, child)
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() not in SUBJECT_CONTROL:
            # "prompted Rubio to call Trump flexible": the object of the verb above is who speaks
            # ("used this question to demand" is a purpose: only a person object speaks)
            objs = [c for c in tok.head.children if c.dep_ == "dobj" and c.i < tok.i and _is_someone(c)]
            if objs:
                return objs[0]
        if tok.dep_ == "pcomp" and any(c.dep_ == "nsubjpass" for c in tok.children):
            break  # "in what has been called an honor killing": called by no one the text names
        if tok.dep_ == "pcomp":
            # "after telling his aides ...", "for saying that ...": the one the clause above is
            # about, or whom it holds to account ("accused Clinton of saying ..."); "by" and
            # "after" say how or when the subject acted ("rallied supporters by warning ...")
            prep = tok.head
            while prep.dep_ == "conj" and prep.head.pos_ == "ADP":
                prep = prep.head
            if prep.pos_ != "ADP" or prep.head.pos_ not in ("VERB", "AUX"):
                break
            objs = [
                c
                for c in prep.head.children
                if c.dep_ == "dobj" and c.i < prep.i and _is_someone(c) and c.lower_ not in REFLEXIVES
            ]
            if prep.lower_ not in OBJECT_PREPOSITIONS:
                objs = []
            if objs:
                return objs[0]
            tok = prep.head
            continue
        if tok.dep_ in ("advcl", "conj", "xcomp") and tok.head is not tok:
            tok = tok.head
            continue
        if tok.dep_ == "relcl":
            return tok.head
        break
    return None


def _misread_subject(verb: Token) -> Token | None:
    """The subject the parser hung on the cue as modifiers, its article with them: in "“...,” the
    31-year-old said" "the" and "old" are the verb's children and nothing is its subject."""
    if verb.i == 0 or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    before = verb.doc[verb.i - 1]
    article = any(c.dep_ == "det" and c.i < before.i for c in verb.children)
    return before if article and before.head == verb and before.pos_ in ("ADJ", "NOUN", "PROPN") else None


def _narrator_subject(head: Token, verb: Token, quoted: Sequence[bool]) -> Token | None:
    """The speaker where the parser made a quotation the head of the narration around it:
    in "Trump hardly clarified it -- ''That makes me smart'' -- and, asked again, asserting, ''...''"
    the cue hangs on "makes"; the nearest clause before it whose subject names someone is the speaker's."""
    clauses = [
        c
        for c in head.children
        if c.i < verb.i and not quoted[c.i] and c.dep_ in ("ccomp", "advcl", "conj", "parataxis")
    ]
    for clause in sorted(clauses, key=lambda c: -c.i):
        subjects = [s for s in clause.children if s.dep_ == "nsubj" and not quoted[s.i] and _is_someone(s)]
        if subjects:
            return subjects[0]
    return None


def according_to(tok: Token) -> tuple[Token, Token] | None:
    """(the "according" token, the source's head) of an "according to X" phrase."""
    if tok.lower_ != "according":
        return None
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    for to in [c for c in tok.children if c.lower_ == "to"] + ([nxt] if nxt is not None and nxt.lower_ == "to" else []):
        objs = [o for o in to.children if o.dep_ == "pobj"]
        if objs:
            return tok, _author(objs[0])
    return None


def _author(source: Token) -> Token:
    """Who made the document a report is "according to": "an analysis by the Pew Research Center",
    "a post from Arianna Huffington", "interviews with party officials"; else the source itself."""
    if source.pos_ != "NOUN":
        return source
    for prep in source.children:
        if prep.dep_ == "prep" and prep.lower_ in ("by", "from", "with"):
            objs = [o for o in prep.children if o.dep_ == "pobj" and _is_someone(o)]
            if objs:
                return objs[0]
    return source


def poll_source(subject: Token, start: int, end: int) -> Token | None:
    """The poll that speaks for a share of its respondents: in "51 percent of voters said ...,
    according to a Washington Post-ABC News survey", "In a Times/CBS poll, 79 percent said ..."
    and "A Quinnipiac poll found that 74 percent said ..." the poll, named in the sentence
    outside the content (`start`..`end`, token indices), is the source."""
    if not (subject.like_num or subject.lower_ in SHARE_WORDS or any(c.dep_ == "nummod" for c in subject.children)):
        return None
    lo, hi = sent_span(subject.doc, subject.i)
    polls = [t for t in subject.doc[lo:hi] if t.lemma_.lower() in POLL_NOUNS and not start <= t.i <= end]
    if not polls:
        return None
    poll = min(polls, key=lambda t: abs(t.i - subject.i))
    return poll.head if poll.dep_ == "compound" and poll.head.pos_ == "NOUN" else poll
