"""Key points that carry their dates: relative time words resolved against the article's date.

"Thursday, US forces killed ..." from an article of 5 January 2020 reads
"Thursday (2 January 2020), US forces killed ..."; from an article without a date
the words are dropped where the sentence still reads right.
"""

from __future__ import annotations

import re

from jobs.dates import MONTHS, RELATIVE_WORDS, relative_month, resolve_date, spoken_date, week_start

# Words before a time expression that make it future ("will meet on Monday").
_FUTURE = re.compile(
    r"\b(?:will|shall|'ll|is to|are to|scheduled|expected to|set to|plans? to|planning to|going to|due to|"
    r"upcoming|to be held|to meet|would|(?:preparing|prepares|poised|ready|intends?|hopes?|aims?|wants?) to)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[;:,]|\b(?:said|says|told|announced)\b", re.IGNORECASE)
# An explicit date already written next to the words ("Friday, January 4", "Saturday 13 July").
_EXPLICIT = re.compile(
    r"^\s*,?\s*(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?:" + "|".join(m[:3] for m in MONTHS) + r")[a-z]*\.?"
    r"(?:\s+\d{1,2}\b)?",
    re.IGNORECASE,
)
# Words before a time expression after which it cannot simply be left out ("as of Monday").
_KEEP_AFTER = re.compile(
    r"\b(?:as of|since|until|till|by|from|before|after|of|between|through|his|her|their|its|the|this|that|"
    r"last|next|'s|’s)\s*$",
    re.IGNORECASE,
)
# Words that make a weekday the name of a day ("Super Tuesday", "Black Friday", "Easter Sunday").
_NAMED_DAY = re.compile(
    r"\b(?:super|black|cyber|good|holy|easter|palm|ash|bloody|maundy|shrove|giving|whit|low)\s+$", re.IGNORECASE
)
_LEAD_IN = re.compile(r"(?:\b(?:very\s+)?(?:early|late)\s+)?(?:\b(?:on|at)\s+)?$", re.IGNORECASE)


def tense_at(sentence: str, start: int, end: int) -> str:
    """ "future" when the clause around the words speaks of what is to come, else "past"."""
    before = _CLAUSE_BREAK.split(sentence[max(0, start - 80) : start])[-1]
    if _FUTURE.search(before):
        return "future"
    if not before.strip(" ,"):
        # the words open the sentence: the verb that follows decides
        after = sentence[end : end + 80]
        return "future" if _FUTURE.search(after) else "past"
    return "past"


def _inside_brackets(sentence: str, start: int) -> bool:
    head = sentence[:start]
    return head.count("(") > head.count(")")


def resolved(words: str, sentence: str, start: int, end: int, published: str) -> str | None:
    """The date the matched words name, as it is added to the text."""
    lowered = words.casefold()
    if re.search(r"\b(?:week|weekend)\b", lowered):
        monday = week_start(lowered, published)
        return f"week of {spoken_date(monday)}" if monday else None
    if "month" in lowered:
        month = relative_month(lowered, published)
        return spoken_date(month) if month else None
    day = resolve_date(lowered, published, tense=tense_at(sentence, start, end))  # type: ignore[arg-type]
    if day is None:
        return None
    named_weekday = not re.search(r"\b(?:yesterday|today|tonight|tomorrow)\b", lowered)
    return spoken_date(day, weekday=not named_weekday)


def date_sentence(sentence: str, published: str | None) -> str:
    """The sentence with each relative time word followed by the day it names.

    Words inside brackets, or already followed by a written date, are left as they are.
    """
    if not published:
        return sentence
    out: list[str] = []
    last = 0
    for match in RELATIVE_WORDS.finditer(sentence):
        start, end = match.span()
        if _inside_brackets(sentence, start) or _EXPLICIT.match(sentence[end:]) or _NAMED_DAY.search(sentence[:start]):
            continue
        when = resolved(match.group(0), sentence, start, end, published)
        if when is None:
            continue
        out.append(sentence[last:end] + f" ({when})")
        last = end
    out.append(sentence[last:])
    return "".join(out)


def has_relative(sentence: str) -> bool:
    return RELATIVE_WORDS.search(sentence) is not None


def drop_relative(sentence: str) -> str:
    """The sentence without its relative time words where it reads right without them.

    "An Indian warship on Thursday intercepted ..." → "An Indian warship intercepted ...";
    "As of Wednesday, ..." keeps its words (nothing reads right without them).
    """
    text = sentence
    for match in reversed(list(RELATIVE_WORDS.finditer(sentence))):
        start, end = match.span()
        if match.group(0).casefold().endswith(("'s", "’s")) or _NAMED_DAY.search(text[:start]):
            continue
        lead = _LEAD_IN.search(text[:start])
        cut = lead.start() if lead else start
        if _KEEP_AFTER.search(text[:cut]):
            continue
        head, tail = text[:cut].rstrip(), text[end:]
        if head.endswith(",") and tail.startswith(","):
            head, tail = head[:-1], tail[1:]
        if not head:
            tail = tail.lstrip(" ,")
            tail = tail[:1].upper() + tail[1:]
        text = f"{head} {tail}" if head and tail[:1].isalnum() else head + tail
    return " ".join(text.split())
