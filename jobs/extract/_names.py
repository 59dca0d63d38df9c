"""Common given names and the gender they usually carry.

A short list written by hand for this project (no third-party data): the given
names most often seen in English-language news, of people of many countries. Names
commonly given to both women and men (Alex, Chris, Jordan, Kelly, Morgan, Sam,
Taylor ...) are left out on purpose: a name here is evidence of gender, and only
the text's own words (titles, pronouns) can settle the others.
"""

from __future__ import annotations

from collections.abc import Iterable

FEMALE_NAMES = frozenset(
    """
    abigail ada adriana agnes aisha alice alicia alison amanda amelia amy ana anastasia andrea
    angela angelina anita ann anna anne annette antonia barbara beatrice betsy betty beverly
    brenda bridget brittany camila carla carmen carol caroline carolyn catherine cecilia
    charlotte cheryl christina christine cindy claire clara claudia colleen cynthia daisy
    debbie deborah debra denise diana diane donna doris dorothy edith elaine eleanor elena
    elisabeth elizabeth ella ellen elise elsa emily emma erica erin esther eva evelyn fatima
    fiona florence frances gabriela gloria grace greta hannah heather heidi helen hillary
    hope ingrid irene isabel isabella jacqueline jane janet janice jasmine jean jeanne jennifer
    jessica jill joan joanna joanne josephine joyce judith judy julia julie karen katherine
    kathleen kathryn katie kayla kellyanne kimberly kristen laura lauren linda lisa liz louise
    lucia lucy lydia madeleine madison margaret maria marie marina marine marion martha
    mary maxine megan melania melissa michelle mildred molly monica nadia nancy natalia
    natalie nicole nikki nina nora olga olivia pamela patricia paula pauline penny rachel
    rebecca renee rita rosa rose ruth sabrina sally samantha sandra sara sarah sharon sheila
    shirley sofia sonia sophia sophie stephanie susan suzanne sylvia tammy teresa theresa tina
    tracy ursula valerie vanessa veronica victoria virginia wanda wendy yvonne zoe
    """.split()  # noqa: SIM905 - a word list reads better as words
)
MALE_NAMES = frozenset(
    """
    aaron abdul adam adrian ahmed alan albert alexander alfred ali andrew andy angus anthony
    antonio arnold arthur barack barry ben benjamin benny bernard bernie bill billy bob boris
    brad bradley brandon brett brian bruce bryan carl carlos charles chuck clarence colin craig
    dale dan daniel danny darren dave david dennis derek dick don donald doug douglas duncan
    dwight eddie edward emmanuel eric ernest eugene frank franklin fred frederick gary gavin
    george gerald gordon graham greg gregory gustav hank harold harry hassan henry herbert
    howard hugh hugo ian igor isaac ivan jack jacob jake james jason jay jeb jeff jeffrey
    jeremy jerry jim jimmy joe joel john johnny jonathan jose joseph josh joshua juan justin
    keith ken kenneth kevin kurt larry lawrence leo leon leonard lewis liam lloyd
    louis luis luke marco marcus mario mark martin matt matthew max michael miguel mike
    mitch mitt mohammed muhammad nathan neil nicholas nick nigel noah norman oliver omar
    oscar patrick paul pedro peter phil philip pierre ralph randy ray raymond reince rex
    richard rick ricky rob robert roberto roger ron ronald roy rudy rupert russell ryan
    samuel scott sean sergei sergio seth shane simon stan stanley stephen steve steven stuart
    ted terry thomas tim timothy todd tom tommy tony travis troy victor vincent vladimir
    walter warren wayne william willie xavier yuri zach
    """.split()  # noqa: SIM905
)


def name_gender(given: str) -> str | None:
    """ "f" or "m" for a common given name, None for any other word."""
    low = given.casefold()
    if low in FEMALE_NAMES:
        return "f"
    if low in MALE_NAMES:
        return "m"
    return None


def by_last_word(names: Iterable[str], *, fold: bool = False) -> dict[str, list[str]]:
    """Names of two words or more by their last word ("Trump": ["Donald Trump"]), each once, in
    the order first seen; with `fold`, last words casefolded. A surname owned by one name only
    stands for that name."""
    owners: dict[str, list[str]] = {}
    for name in names:
        words = name.split()
        if len(words) < 2:
            continue
        key = words[-1].casefold() if fold else words[-1]
        if name not in owners.setdefault(key, []):
            owners[key].append(name)
    return owners
