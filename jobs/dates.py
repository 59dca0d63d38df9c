"""Resolving the date words of a text ("on Friday", "last Thursday", "July 25") against a publication date."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Literal

Tense = Literal["past", "future"] | None

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_DAY_WORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}

_MONTH = r"\b(?P<month>" + "|".join(sorted((*MONTHS, *_MONTH_ABBR), key=len, reverse=True)) + r")\.?"
_MONTH_DAY = re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{4}))?\b")
_DAY_MONTH = re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+(?P<year>\d{4}))?\b")
_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
_AGO = re.compile(r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven)\s+(?P<unit>day|week)s?\s+ago\b")
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def parse_published(published: str | date | None) -> date | None:
    """The day of an ISO date or timestamp, or None when absent or unreadable."""
    if published is None or isinstance(published, date):
        return published
    try:
        return date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


def _weekday(day: int, ref: date, modifier: str | None, tense: Tense) -> date:
    monday = ref - timedelta(days=ref.weekday())
    if modifier == "last":
        # "last Thursday" is the Thursday of last week, not simply the latest Thursday
        return monday - timedelta(days=7) + timedelta(days=day)
    if modifier == "next":
        return monday + timedelta(days=7 + day)
    if modifier == "this":
        return monday + timedelta(days=day)
    ahead = (day - ref.weekday()) % 7
    behind = (ref.weekday() - day) % 7
    if tense == "past":
        return ref - timedelta(days=behind)
    if tense == "future":
        return ref + timedelta(days=ahead)
    return ref + timedelta(days=ahead) if ahead <= behind else ref - timedelta(days=behind)


def _year_for(month: int, day: int, ref: date, text: str, tense: Tense) -> int:
    if "last year" in text:
        return ref.year - 1
    if "next year" in text:
        return ref.year + 1
    candidate = (month, day)
    now = (ref.month, ref.day)
    if tense == "future" and candidate < now:
        return ref.year + 1
    if tense != "future" and candidate > now and month - ref.month > 1:
        # a month well after publication, told without a year, is last year's
        return ref.year - 1
    return ref.year


def resolve_date(text: str, published: str | date | None, *, tense: Tense = None) -> str | None:
    """The ISO day the words name, or None when they name no single day (or there is no reference).

    `tense` ("past" or "future", from the verb the words go with) decides which way a
    bare weekday points; without it the nearer one is taken.
    """
    words = " ".join(text.casefold().replace("’", "'").split())
    ref = parse_published(published)
    iso = _ISO.search(words)
    if iso:
        return _safe(int(iso["year"]), int(iso["month"]), int(iso["day"]))
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        found = pattern.search(words)
        if found:
            month = _month_number(found["month"])
            day = int(found["day"])
            if found["year"]:
                return _safe(int(found["year"]), month, day)
            if ref is None:
                return None
            return _safe(_year_for(month, day, ref, words, tense), month, day)
    if ref is None:
        return None
    for word, offset in _DAY_WORDS.items():
        if re.search(rf"\b{word}\b", words):
            return (ref + timedelta(days=offset)).isoformat()
    ago = _AGO.search(words)
    if ago:
        n = int(ago["n"]) if ago["n"].isdigit() else _NUMBERS[ago["n"]]
        return (ref - timedelta(days=n * (7 if ago["unit"] == "week" else 1))).isoformat()
    for index, name in enumerate(WEEKDAYS):
        found = re.search(rf"\b(?:(last|next|this|coming)\s+)?{name}\b", words)
        if found:
            modifier = "next" if found[1] == "coming" else found[1]
            if found[1] == "coming":
                return _weekday(index, ref, None, "future").isoformat()
            return _weekday(index, ref, modifier, tense).isoformat()
    return None


def resolve_month(text: str, published: str | date | None, *, tense: Tense = None) -> str | None:
    """`YYYY-MM` for words naming a month without a day ("in August", "late July", "May 2019")."""
    words = " ".join(text.casefold().split())
    found = re.search(_MONTH + r"(?:\s+(?P<year>\d{4}))?\b", words)
    if not found:
        return None
    month = _month_number(found["month"])
    if found["year"]:
        return f"{int(found['year']):04d}-{month:02d}"
    ref = parse_published(published)
    if ref is None:
        return None
    year = ref.year
    # without a tense, the month just ahead is this year's ("as a July summit approaches", in June),
    # one further ahead last year's, as for a day of the month
    ahead = month - ref.month > 1 if tense is None else month > ref.month
    if "last year" in words or (tense != "future" and ahead):
        year -= 1
    elif "next year" in words or (tense == "future" and month < ref.month):
        year += 1
    return f"{year:04d}-{month:02d}"


def _month_number(word: str) -> int:
    word = word.rstrip(".")
    if word in MONTHS:
        return MONTHS.index(word) + 1
    return _MONTH_ABBR[word[:4] if word.startswith("sept") else word[:3]]


def _safe(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


_YEAR = re.compile(r"\b(?P<year>1[89]\d\d|20\d\d)\b")
_RELATIVE_MONTH = re.compile(r"\b(?P<which>last|this|next|past|coming|previous)\s+month\b")
_RELATIVE_YEAR = re.compile(r"\b(?P<which>last|this|next|past|coming|previous)\s+year\b")
_RELATIVE_WEEK = re.compile(r"\b(?P<which>last|this|next|past|coming|previous)\s+week(?:end)?\b")
# the days just before publication: "recently" counts as two weeks, "the past 13 days" as told
_RECENT = re.compile(
    r"\b(?:recently|lately|in recent (?:days|weeks)"
    r"|the (?:past|last) (?P<count>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|few) days)\b"
)
_DAY_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "few": 7}  # fmt: skip
_RECENT_DAYS = 14


# seasons by their months (winter runs across two years: it names no one year)
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11)}
_SEASON = re.compile(r"\b(?P<which>last|this|next|past|coming)\s+(?P<season>spring|summer|fall|autumn)\b")
_MONTHS_AGO = re.compile(r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven)\s+months?\s+ago\b")
_YEARS_AGO = re.compile(r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven)\s+years?\s+ago\b")
_WEEKEND = re.compile(r"\b(?:over|during|on|at)?\s*the\s+weekend\b|\bthis\s+weekend\b")
_FEW_DAYS_AGO = re.compile(r"\b(?:a\s+few\s+|several\s+)?days\s+ago\b|\bearlier\s+in\s+the\s+week\b")
_PARTS_OF_DAY = {"last night": -1, "this morning": 0, "this afternoon": 0, "this evening": 0, "earlier today": 0}


def _span(first: date, last: date) -> str | None:
    """The month of a span of days when it lies inside one month, else its year when inside one
    year ("last week" from 26 September to 2 October 2016 → "2016"), else None."""
    if (first.year, first.month) == (last.year, last.month):
        return f"{first:%Y-%m}"
    return f"{first.year:04d}" if first.year == last.year else None


def _shift_month(day: date, months: int) -> str:
    index = day.year * 12 + day.month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def resolve_period(text: str, published: str | date | None, *, tense: Tense = None) -> str | None:
    """The time the words name, as precisely as they name it: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.

    "Thursday evening" → that Thursday; "in January 2009" → "2009-01"; "last month" →
    the month before publication; "in 2011", "the spring of 1978" → the year; "last
    week" → its month when the week lies inside one month, else its year, and so "recently"
    (the two weeks before publication) and "over the past 13 days". None when the words name
    no time the publication date can place.
    """
    day = resolve_date(text, published, tense=tense)
    if day:
        return day
    month = resolve_month(text, published, tense=tense)
    if month:
        return month
    words = " ".join(text.casefold().split())
    ref = parse_published(published)
    year = _YEAR.search(words)
    if year:
        return year["year"]
    if ref is None:
        return None
    relative = _RELATIVE_MONTH.search(words)
    if relative:
        step = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[relative["which"]]
        return _shift_month(ref, step)
    relative = _RELATIVE_WEEK.search(words)
    if relative:
        step = {"last": -7, "past": -7, "previous": -7, "this": 0, "next": 7, "coming": 7}[relative["which"]]
        monday = ref - timedelta(days=ref.weekday()) + timedelta(days=step)
        sunday = monday + timedelta(days=6)
        if relative[0].endswith("weekend"):
            return _span(monday + timedelta(days=5), sunday)  # "this past weekend": its Saturday and Sunday
        if step == 0:
            # "this week" as told: the days up to publication (past) or after it (future)
            monday, sunday = (monday, ref) if tense == "past" else (ref, sunday)
        return _span(monday, sunday)
    recent = _RECENT.search(words)
    if recent and tense != "future":
        count = recent["count"]
        days = _RECENT_DAYS if count is None else int(count) if count.isdigit() else _DAY_COUNTS[count]
        return _span(ref - timedelta(days=days), ref)
    relative = _RELATIVE_YEAR.search(words)
    if relative:
        step = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[relative["which"]]
        return f"{ref.year + step:04d}"
    return _looser_period(words, ref, tense)


def _looser_period(words: str, ref: date, tense: Tense) -> str | None:
    """The time of looser words, as precisely as they allow: "last night", "this morning" → the
    day; "over the weekend", "a few days ago" → the month or the year the days lie in; "this
    summer", "last fall", "two years ago" → the year."""
    for part, shift in _PARTS_OF_DAY.items():
        if part in words:
            return (ref + timedelta(days=shift)).isoformat()
    if _WEEKEND.search(words):
        if tense == "future":
            saturday = ref + timedelta(days=(5 - ref.weekday()) % 7)
        else:
            saturday = ref - timedelta(days=(ref.weekday() - 5) % 7)
        return _span(saturday, saturday + timedelta(days=1))
    if _FEW_DAYS_AGO.search(words) and tense != "future":
        return _span(ref - timedelta(days=7), ref)
    found = _YEARS_AGO.search(words)
    if found:
        count = int(found["n"]) if found["n"].isdigit() else _NUMBERS[found["n"]]
        return f"{ref.year - count:04d}"
    found = _MONTHS_AGO.search(words)
    if found:
        count = int(found["n"]) if found["n"].isdigit() else _NUMBERS[found["n"]]
        return _shift_month(ref, -count)
    found = _SEASON.search(words)
    if found:
        first, last = _SEASONS[found["season"]]
        year = ref.year
        if found["which"] in ("last", "past"):
            year -= 1 if ref.month <= last else 0
        elif found["which"] in ("next", "coming"):
            year += 1 if ref.month >= first else 0
        return f"{year:04d}"
    return None


# Time words whose day is known only from the article's date ("on Thursday", "yesterday
# evening", "last week"); `relative_spans` finds them so a sentence can carry its date.
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
RELATIVE_WORDS = re.compile(
    r"\b(?:(?P<mod>last|next|this|coming)\s+)?(?P<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    + r"(?:'s)?"
    + _PART
    + r"|\b(?P<word>yesterday|today|tonight|tomorrow)"
    + _PART
    + r"|\b(?P<pmod>last|next|this)\s+(?P<unit>week|weekend|month)\b",
    re.IGNORECASE,
)


def week_start(text: str, published: str | date | None) -> str | None:
    """The Monday of the week that "last week", "this week" or "next week" (or weekend) names."""
    ref = parse_published(published)
    found = re.search(r"\b(last|this|next)\s+week(?:end)?\b", text.casefold())
    if ref is None or not found:
        return None
    monday = ref - timedelta(days=ref.weekday())
    return (monday + timedelta(days=7 * {"last": -1, "this": 0, "next": 1}[found[1]])).isoformat()


def relative_month(text: str, published: str | date | None) -> str | None:
    """`YYYY-MM` of "last month", "this month" or "next month"."""
    ref = parse_published(published)
    found = re.search(r"\b(last|this|next)\s+month\b", text.casefold())
    if ref is None or not found:
        return None
    return _shift_month(ref, {"last": -1, "this": 0, "next": 1}[found[1]])


def spoken_date(iso: str, *, weekday: bool = False) -> str:
    """ "2 January 2020" (or "Thursday 2 January 2020") for an ISO day; "January 2020" for `YYYY-MM`."""
    if len(iso) == 7:
        return f"{MONTHS[int(iso[5:]) - 1].capitalize()} {iso[:4]}"
    day = date.fromisoformat(iso)
    text = f"{day.day} {MONTHS[day.month - 1].capitalize()} {day.year}"
    return f"{WEEKDAYS[day.weekday()].capitalize()} {text}" if weekday else text
