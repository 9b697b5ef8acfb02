"""What a town report's bare mentions of its county's organs say about where it lies.

A town's report writes 在区委、区政府的坚强领导下 or 按照县委部署 without a
name: its superior is a district, or a county. Among divisions of one name,
the one whose superior is of that kind is supported (kg/gazetteer/resolve.py).
The organs and the kinds they tell apart are data
(``[superior_organs]`` in kg/data/gazetteer/divisions.toml).

>>> sorted(superior_kinds("2021年，在区委、区政府的坚强领导下，桃源镇坚持依法行政。"))
['区']
>>> sorted(superior_kinds("社区委员会换届，联盟委员会成立。"))   # names' last characters, not bare
[]
>>> text = "桃源镇区委部署，区政府落实；县委督查。"
>>> sorted(kinds_without(Occurrences(text), "县委")), sorted(kinds_without(Occurrences(text), "桃源镇"))
(['区'], ['区', '县'])
"""

from __future__ import annotations

import re
import weakref
from bisect import bisect_left
from functools import lru_cache

from kg.datafiles import read_data
from kg.gazetteer.divisions import Division
from kg.text.chars import HAN
from kg.text.occurrences import Occurrences

__all__ = ["kinds_without", "organ_names", "superior_kinds", "superior_support"]

# The levels of a place whose superior is a county-level division.
_BELOW_COUNTY = ("town", "township", "subdistrict")


@lru_cache(maxsize=1)
def _data() -> tuple[dict[str, str], re.Pattern[str]]:
    data = read_data("gazetteer/divisions.toml")["superior_organs"]
    organs = dict(data["organs"])
    names = "|".join(map(re.escape, sorted(organs, key=len, reverse=True)))
    bare = re.compile(rf"(?:^|(?<=[^{HAN}])|(?<=[{re.escape(data['lead_in'])}]))({names})")
    return organs, bare


@lru_cache(maxsize=8)
def superior_kinds(text: str) -> frozenset[str]:
    """The kinds of county (区, 县, 旗) whose organs ``text`` names bare."""
    organs, bare = _data()
    return frozenset(organs[match[1]] for match in bare.finditer(text))


def organ_names() -> tuple[str, ...]:
    """The organs looked for (区委, 县政府 …): words to index a text for."""
    return tuple(_data()[0])


# per indexed text: each kind's organs named bare, and where the others stand
_ORGANS: "weakref.WeakKeyDictionary[Occurrences, tuple[dict, dict]]" = weakref.WeakKeyDictionary()


def _organs_in(where: Occurrences) -> tuple[dict[str, list[tuple[int, int]]], dict[int, tuple[str, int]]]:
    """Kind -> the (start, end) of its organs named bare; start -> (kind,
    length) of the organs not bare (社区委员会). Organs never overlap one
    another (none ends with what another starts with), so each stands alone."""
    if where not in _ORGANS:
        organs, bare = _data()
        named_bare: dict[str, list[tuple[int, int]]] = {}
        for match in bare.finditer(where.text):
            named_bare.setdefault(organs[match[1]], []).append(match.span(1))
        starts = {start for spans in named_bare.values() for start, _ in spans}
        others = {at: (kind, len(organ)) for organ, kind in organs.items()
                  for at in where.starts(organ) if at not in starts}
        _ORGANS[where] = named_bare, others
    return _ORGANS[where]


def kinds_without(where: Occurrences, name: str) -> frozenset[str]:
    """:func:`superior_kinds` of the text with ``name`` written as ``\\0``
    (the name is no evidence), without writing that text: an organ named bare
    counts unless the name overlaps it; one right after the name becomes bare.
    Costs the name's occurrences, not the text's length."""
    named_bare, others = _organs_in(where)
    taken = where.taken(name)
    length = len(name)

    def clear(start: int, end: int) -> bool:  # no occurrence of the name overlaps [start, end)
        before = bisect_left(taken, end) - 1
        return before < 0 or taken[before] + length <= start

    kinds = {kind for kind, spans in named_bare.items() if any(clear(a, b) for a, b in spans)}
    for at in taken:
        kind, size = others.get(at + length, (None, 0))
        if kind is not None and clear(at + length, at + length + size):
            kinds.add(kind)
    return frozenset(kinds)


def superior_support(division: Division, parent: Division | None, named: frozenset[str]) -> str | None:
    """Evidence when ``division`` is a town whose text names bare the organs
    of a county of the kind ``parent`` is (``named``: :func:`superior_kinds`
    of the text), and of no other kind."""
    if parent is None or division.level not in _BELOW_COUNTY:
        return None
    if len(named) != 1 or not parent.name.endswith(next(iter(named))):
        return None
    (kind,) = named
    return f"the text names its superior's organs bare ({kind}委): {parent.name} is a {kind}"
