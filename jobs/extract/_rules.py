"""Name rules shared by extraction and aggregation: pure string functions, no spaCy."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from jobs.extract.actors_given import is_given_name

CONNECTORS = frozenset({"of", "the", "and", "for", "de", "del", "du", "la", "le", "von", "van", "&"})


# Nouns that name an office or function held by a person; a name they modify is a person's.
TITLE_WORDS = frozenset(
    """
    president presidents minister ministers secretary chancellor premier adviser advisor aide
    spokesman spokeswoman spokesperson envoy ambassador diplomat senator representative
    congressman congresswoman governor mayor king queen prince princess pope sultan emir sheikh
    taoiseach chairman chairwoman chairperson chair chief director commissioner leader head
    general admiral colonel commander officer judge justice attorney prosecutor lawyer
    ceo founder executive manager candidate speaker lawmaker deputy counterpart counterparts
    monarch emperor archbishop bishop cardinal rabbi imam pastor father dr mr mrs ms sir lord
    lady dame official vice-president coach captain councillor councilor councilman councilwoman
    councilmember alderman alderwoman trustee superintendent inspector constable sergeant detective
    lieutenant sheriff supervisor magistrate mp mla mep msp td cllr sgt det insp supt lt capt gov sen rep
    garda snr engr atty pcso clerk selectman selectwoman majesty highness excellency holiness
    """.split()  # noqa: SIM905 - a word list reads better as words
)
# the particles of family names ("De La Fuente", "Van Otterloo", "dela Cruz", "Ó Cuív"), which are no common nouns
PARTICLES = frozenset(
    "de la le del della di da du van von der den ten ter bin ben al el abu dela delos dos das ó ní nic uí ap".split()  # noqa: SIM905
)
# First words of names of places ("County Kerry", "Co Galway", "Mount Kenya", "Lake Taupo")
PLACE_OPENERS = frozenset({"county", "co", "mount", "lake", "cape", "fort"})
# First words of names of bodies in Welsh and Irish ("Ysgol Abererch", a school; "An Bord Pleanála", a board)
BODY_OPENERS = frozenset({"ysgol", "coleg", "prifysgol", "cyngor", "scoil", "gaelscoil", "colaiste", "bord", "banc"})
# Last words of names of places and of bodies ("Maple Lane", "Jefferson Elementary"): such a
# name is a person's only where it opens with a given name ("Nathan Lane") or the text shows one.
PLACE_HEADS = frozenset(
    """
    street avenue road lane boulevard drive highway square river lake creek bay beach bridge county
    township parish valley mountain island harbour harbor airport station stadium arena park province
    region district nagar colony layout chowk marg
    """.split()  # noqa: SIM905 - a word list reads better as words
)
BODY_HEADS = frozenset(
    """
    elementary university college school academy institute hospital clinic foundation corporation
    company council committee commission agency department ministry museum library church cathedral
    association union league bank society trust party club board police inc ltd llc plc corp holdings
    group partners industries airlines airways motors systems technologies media network services
    news bulletin magazine tv radio gazette gazeta herald tribune chronicle journal telegraph
    court tribe tribes administration railway platform linux kft
    """.split()  # noqa: SIM905 - a word list reads better as words
)
# names the model tags as entities that are no actor of an event: time zones ("2100 UTC") and diseases
NOT_ACTOR_NAMES = frozenset(
    """
    utc gmt est edt cst cdt mst mdt pst pdt akst akdt hst cet cest eet eest bst ist msk jst kst aest
    aedt awst nzst nzdt covid covid-19 sars-cov-2 sars mers ebola zika hiv aids h1n1 h5n1 coronavirus
    """.split()  # noqa: SIM905 - a word list reads better as words
)
# titles that are part of a one-word name ("Pope Francis", "King Charles")
NAME_TITLES = frozenset(
    {"pope", "king", "queen", "prince", "princess", "emperor", "empress", "sultan", "emir", "sheikh", "saint"}
)
# verbs whose subject is a human being: speaking, thinking, meeting, living
HUMAN_VERBS = frozenset(
    """
    say tell add state claim argue announce explain insist deny warn urge ask reply respond admit
    write tweet thank praise criticise criticize accuse describe believe think feel hope meet visit
    speak talk travel resign die marry smile laugh cry graduate attend join promise vow pledge
    """.split()  # noqa: SIM905 - a word list reads better as words
)


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


def outlets_of(source: str | None, url: str | None) -> list[str]:
    """What names an article's outlet: its source, and its url's host name."""
    return [o for o in (source, urlsplit(url or "").hostname) if o]


def names_outlet(name: str, outlet: str) -> bool:
    """True when a name is the outlet's own ("Wikinews" of en.wikinews.org, "The Post" of "The Post")."""
    folded = re.sub(r"[^0-9a-z]", "", re.sub(r"^the\s+", "", name.strip().casefold()))
    if not folded:
        return False
    outlet = outlet.strip().casefold()
    if " " in outlet or "." not in outlet:
        return folded == re.sub(r"[^0-9a-z]", "", re.sub(r"^the\s+", "", outlet))
    labels = [label for label in outlet.split(".") if len(label) >= 3 and label not in HOST_WORDS]
    return folded in labels


# labels of a host name that name no outlet ("www", "com", "news" of news.bbc.co.uk)
HOST_WORDS = frozenset({"www", "com", "org", "net", "edu", "gov", "int", "info", "amp", "mobile", "news", "english"})


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


def _plain(name: str) -> list[str]:
    """A name's words without initials ("John R. Bolton" → John, Bolton)."""
    return [w for w in name.split() if not (len(w.rstrip(".")) == 1 and w[:1].isupper())]


def _one_letter_apart(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 4:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def same_person(a: str, b: str) -> bool:
    """True when two full names of one article are one person written two ways.

    "John R. Bolton" and "John Bolton" (an initial); "Sally Capp" and "Sally Capp's
    Mayorship" (a name the recogniser ran on); "Frido Welker" and "Frido Walker",
    "Stan Štef" and "Stan Štefl" (same given name, surnames one letter apart).
    """
    wa, wb = _plain(a), _plain(b)
    if len(wa) < 2 or len(wb) < 2 or wa[0] != wb[0]:
        return False
    if wa == wb:
        return True
    short, long = sorted((" ".join(wa), " ".join(wb)), key=len)
    if long.startswith((short + "'s", short + "’s")):
        return True
    return len(wa) == len(wb) and wa[:-1] == wb[:-1] and _one_letter_apart(wa[-1], wb[-1])


def one_name_per_person(full_names: Sequence[str], counts: dict[str, int]) -> dict[str, str]:
    """Each full name mapped to the most mentioned way the article writes its person."""
    ranked = sorted(full_names, key=lambda n: (-counts[n], -len(n), n))
    canon: dict[str, str] = {}
    for name in ranked:
        canon[name] = next((c for c in ranked if c in canon.values() and same_person(c, name)), name)
    return canon


def sum_votes(votes: Iterable[Counter[str]]) -> Counter[str]:
    total: Counter[str] = Counter()
    for v in votes:
        total.update(v)
    return total


def top_label(votes: Counter[str]) -> str | None:
    if not votes or max(votes.values()) <= 0:
        return None
    # ties go to the more specific reading of a name
    order = {"person": 0, "place": 1, "organization": 2, "group": 3, "thing": 4}
    return min(votes, key=lambda k: (-votes[k], order[k]))


def demonym_of(word: str, places: Iterable[str]) -> str | None:
    """The place a demonym stands for ("Russian" → "Russia"), by shared stem."""
    best, best_len = None, 0
    low = word.lower()
    for place in places:
        if " " in place or place == word:
            continue
        p = place.lower()
        n = 0
        while n < min(len(p), len(low)) and p[n] == low[n]:
            n += 1
        if n >= 4 and n >= len(p) - 2 and n > best_len:
            best, best_len = place, n
    return best


# Head words of the names of bodies, places and things that start with a given name
# ("Howard University", "George Washington Bridge", "Marine Corps", "Walter Reed Hospital").
INSTITUTION_WORDS = frozenset(
    """
    university college school academy institute hospital clinic center centre bridge airport
    station port harbour harbor street avenue road square park river lake mountain island
    county city foundation trust fund prize award medal society authority corps force forces
    reserve army navy company corporation group party club council committee commission agency
    department ministry office court church cathedral chapel museum library gallery hall house
    building tower stadium arena theatre theater festival memorial organisation organization
    association union league bank institution laboratory observatory one traffic
    """.split()  # noqa: SIM905 - a word list reads better as words
)


def is_personal_name(words: Sequence[str]) -> bool:
    """True for two or three capitalised words (or particles) opening with a common given name that end in no
    word naming a body or a place: "Mike Pence", "Brian T. Carroll", not "Howard University"."""
    return (
        2 <= len(words) <= 3
        and all(w[:1].isupper() or w.split("-")[0] in PARTICLES for w in words)  # "Nabil Hasan al-Quaety"
        and is_given_name(words[0])
        and not any(w.lower().strip(".") in INSTITUTION_WORDS | PLACE_HEADS | BODY_HEADS for w in words[1:])
    )
