"""Nouns a figure counts: what stands for a count of something else, what counts people without
saying what happened to them, what a count of one thing is called in other words, and the words
that follow a number without being what it counts."""

from __future__ import annotations

WRAPPER_NOUNS = frozenset("number total toll tally count figure sum amount level".split())
"""Nouns that stand for a count of something else: "the death toll", "the number of cases"."""

GENERIC_NOUNS = frozenset({"people", "person", "individual", "other", "one"})
"""Nouns (lemmas) that count people without saying what happened to them: the verb says it."""

HUMAN_NOUNS = frozenset(
    "people death injured missing displaced evacuee survivor victim resident casualty child man "
    "woman worker soldier troop civilian passenger migrant refugee patient student voter citizen "
    "tourist".split()
)
"""Counted nouns (canonical) of people: a count of "people" is comparable with any of these."""

NOUN_SYNONYMS = {
    "dead": "death", "fatality": "death", "killed": "death", "died": "death", "body": "death",
    "wounded": "injured", "injury": "injured", "hurt": "injured", "casualty": "casualty",
    "missing": "missing", "displaced": "displaced", "evacuated": "evacuee",
}  # fmt: skip
"""Different words for one thing counted, so "46 deaths" and "46 dead" compare."""

IRREGULAR_PLURALS = {
    "people": "people", "persons": "people", "person": "people", "individuals": "people",
    "individual": "people", "children": "child", "men": "man", "women": "woman", "lives": "life",
    "feet": "foot", "mice": "mouse", "teeth": "tooth", "geese": "goose", "data": "data",
    "news": "news", "series": "series", "species": "species", "aircraft": "aircraft",
    "police": "police", "staff": "staff", "crew": "crew", "personnel": "personnel",
    "sheep": "sheep", "fish": "fish", "cattle": "cattle", "troops": "troop",
}  # fmt: skip
"""Written forms whose counted noun no suffix rule finds."""

PLURAL_AS_IS = frozenset("people children men women police staff personnel cattle livestock troops".split())
"""Nouns that are plural without an -s: "three million people fled" counts people, not "fled"."""

NOT_COUNTED_AFTER_A_NUMBER = frozenset(
    {"million", "billion", "thousand", "hundred", "trillion", "percent", "cent"}
)
"""Words that are units or scales after a number, never the counted noun."""

SHARE_WORDS = frozenset({"%", "percent", "cent"})
"""Words of a share: "40% of the cobalt" says what it is a share of, not what it counts."""

COUNT_ADJECTIVES = frozenset(
    "more new other additional confirmed known reported registered total further extra fresh "
    "suspected separate different small large big major minor local foreign young old critical key "
    "rare remaining fewer less full whole entire official estimated possible".split()
)
"""Adjectives skipped between a number and its noun ("20 new cases", "63 more people")."""

NOT_NOUNS = frozenset(
    """a an the of in on at to and or but for from by with as that which who whom whose this these
    those it its their his her our your my is are was were be been being has have had do does did
    will would shall should can could may might must said says say told according after before
    since until till during when while where than then also about into onto over under per each
    every more less most least other others another such so too very just only last next
    ago later earlier up down out off again percent cent if not no nor yet both either neither all
    some any many much few several rose fell rising falling increased decreased reached hit
    stood stands climbed jumped dropped including include includes among across against
    toward towards via vs versus between around near mark marks s t what how why following""".split()
)
"""Words that are not the counted noun when they follow a number."""
