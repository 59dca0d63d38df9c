"""Person names: what tells two people apart, shared by aggregation (one actor per person in an
event) and the archive (one dossier per person across events). Pure string functions."""

from __future__ import annotations

import re
import unicodedata

# Words written before a person's name that are not part of it ("Sen.", "Mrs", "President").
HONORIFICS = frozenset(
    """
    mr mister mrs ms mx miss dr prof sen senator rep representative gov governor gen general lt col colonel capt
    captain sgt adm admiral rev reverend hon sir dame lord lady president pres vice secretary minister prime
    chancellor judge justice mayor chairman chairwoman ceo deputy attorney officer detective sheriff coach
    former acting premier foreign defense defence state speaker ayatollah sheikh
    cllr councillor councilor councilman councilwoman alderman selectman supt superintendent insp inspector
    snr garda engr atty pcso
    """.split()  # noqa: SIM905 - a word list reads better as words
)
INITIAL = re.compile(r"^[A-Za-z]\.?$|^(?:[A-Z]\.){2,}$")
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "sc", "kc", "qc"})  # "Siobhán Lankford SC": senior counsel
# "Secretary of State Marco Rubio": words that join a title's parts
_TITLE_LINKS = frozenset({"of", "the", "for"})


def fold(text: str) -> str:
    """Lower case without accents: 'Zelenskyy' and 'Zelenskyý' fold alike."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def person_key(name: str) -> tuple[str, ...]:
    """A person's name reduced to what tells two people apart: no title before it, no
    initials, no "Jr." and no party tag after it ("Sen. Ted Cruz (R-Texas)" → ted cruz),
    no accents ("Erdoğan" and "Erdogan" are one name)."""
    name = fold(re.sub(r"\s*\([^)]*\)\s*$", "", name))
    words = name.replace(",", " ").split()
    while words and (words[0].casefold().rstrip(".") in HONORIFICS or words[0].casefold() in _TITLE_LINKS):
        words = words[1:]
    return tuple(
        w.casefold().rstrip(".") for w in words if not INITIAL.match(w) and w.casefold().rstrip(".") not in SUFFIXES
    )
