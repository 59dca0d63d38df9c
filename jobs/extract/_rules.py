"""Name rules shared by extraction and aggregation: pure string functions, no spaCy."""

from __future__ import annotations

import re

CONNECTORS = frozenset({"of", "the", "and", "for", "de", "del", "du", "la", "le", "von", "van", "&"})


def is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def expand_acronym(acronym: str, name: str) -> str | None:
    """The words of `name` the acronym stands for ("U.S." → "United States" of "United States of America")."""
    letters = acronym.replace(".", "").lower()
    words = name.split()
    initials = []
    taken = []
    for word in words:
        if word.lower() in CONNECTORS and initials:
            taken.append(word)
            continue
        initials.append(word[0].lower())
        taken.append(word)
        if "".join(initials) == letters:
            return " ".join(taken)
        if not letters.startswith("".join(initials)):
            return None
    return None


# "By Ana Ruiz", "Ana Ruiz / CBC News", "Ana Ruiz · CBC News", "Photo: Ana Ruiz | Reuters"
_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|la|le))*"
_BYLINE = re.compile(
    rf"\A\s*(?:(?:By|BY|Photo|PHOTO|Photograph|Image)\s*:?\s+{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*(?:\s*[/·|,–-]\s*.{{0,60}})?"
    rf"|{_NAME}\s*[/·|]\s*[A-Z].{{0,60}})\s*\Z"
)


def line_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of the text's lines (paragraphs), without their line breaks."""
    spans = []
    start = 0
    for part in text.split("\n"):
        spans.append((start, start + len(part)))
        start += len(part) + 1
    return spans


def is_byline(line: str) -> bool:
    """True for a credit line: "By Ana Ruiz", "Ana Ruiz / CBC News", "Photo: Ana Ruiz · Reuters"."""
    words = line.split()
    return 0 < len(words) <= 12 and not line.rstrip().endswith((".", "?", "!", '"', "”")) and bool(_BYLINE.match(line))


# the short words title case may leave in lower case ("Talks in Paris Fail to Reach a Deal")
_TITLE_CASE_SMALL = frozenset("a an the and but or nor for of in on at to by as up via vs with from into per".split())  # noqa: SIM905


def is_headline(line: str) -> bool:
    """True for a line in title case ("Trump Says He Never Pledged To Kill ..."): names there have no
    reliable edges, every word being capitalised. A line with a lower-case word other than the small
    words title case keeps low is prose ("Chancellor Olaf Scholz met Prime Minister Mark Rutte.")."""
    words = re.findall(r"[A-Za-z][\w'’-]*", line)
    if any(w[0].islower() and w.lower() not in _TITLE_CASE_SMALL for w in words):
        return False
    return sum(1 for w in words if len(w) > 3) >= 4


def is_outlet_abbreviation(acronym: str, outlet: str) -> bool:
    """True when an acronym abbreviates the outlet's name ("WN" of "Wikinews", "CBC" of "CBC News")."""
    letters = acronym.replace(".", "").lower()
    name = re.sub(r"^www\.|^en\.|\.(com|org|net|co\.uk|co|news)$", "", outlet.strip().lower())
    name = name.split(".")[0] if "." in name and " " not in name else name
    if not is_acronym(acronym) or not name:
        return False
    words = [w for w in name.split() if w not in CONNECTORS]
    if letters in words or letters == "".join(w[0] for w in words):
        return True
    if name[0] != letters[0]:
        return False
    rest = iter(name.replace(" ", ""))
    return " " not in name and all(ch in rest for ch in letters)
