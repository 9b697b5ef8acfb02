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
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.datafiles import read_data
from kg.gazetteer.divisions import Division
from kg.text.chars import HAN

__all__ = ["superior_kinds", "superior_support"]

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


def superior_support(division: Division, parent: Division | None, text: str) -> str | None:
    """Evidence when ``division`` is a town whose text names bare the organs
    of a county of the kind ``parent`` is, and of no other kind."""
    if parent is None or division.level not in _BELOW_COUNTY:
        return None
    named = superior_kinds(text)
    if len(named) != 1 or not parent.name.endswith(next(iter(named))):
        return None
    (kind,) = named
    return f"the text names its superior's organs bare ({kind}委): {parent.name} is a {kind}"
