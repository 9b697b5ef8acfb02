"""Places a report names that lie under a candidate's ancestors: evidence for it.

For each ancestor of a candidate division, the first place the text names
(in the order of their names) whose deepest qualifying ancestor it is: all
the divisions of that name lie under it, or one of a few (three at most) so
named does and the ancestor is below a province. The places named are
indexed once per text by the codes they lie under, so a candidate looks only
at the places under its own ancestors: a long text naming thousands of
places, each placed against every other, was quadratic.

>>> from kg.gazetteer.divisions import gazetteer
>>> g = gazetteer()
>>> town = next(d for d in g.candidates("龙溪镇") if d.code.startswith("500237"))  # 巫山县's
>>> named_below(town, g.chain(town.code)[:-1], frozenset({"大昌镇", "龙溪镇"}), "龙溪镇")
{'500237': '大昌镇, which lies in 巫山县, named in the text'}
"""

from __future__ import annotations

from functools import lru_cache

from kg.gazetteer.divisions import Division, gazetteer

__all__ = ["named_below"]

# A neighbour so named in this many places or fewer still tells a candidate
# whose prefecture or county holds one of them from one whose does not.
_FEW_CARRIERS = 3


def named_below(division: Division, ancestors: list[Division], named: frozenset[str], name: str) -> dict[str, str]:
    """Ancestor code -> why a place the text names lies under it (the
    deepest such ancestor), other than the ancestors themselves, the
    division and ``name`` (the name being placed): it lies there and nowhere
    else; or it is one of a few places so named, one of them in the same
    prefecture or county (建平乡, of 巫山县 and of 镇赉县, beside a 巫山县 candidate)."""
    own = {a.code for a in ancestors} | {division.code}
    under, carriers = _places_under(named)
    found: dict[str, str] = {}
    for ancestor in ancestors:
        for place in under.get(ancestor.code, ()):
            codes, chains = carriers[place]
            if place == name or any(code in own for code in codes):
                continue
            deepest = _deepest(place, chains, ancestors)
            if deepest is not None and deepest[0] is ancestor:
                found[ancestor.code] = deepest[1]
                break
    return found


def _deepest(place: str, chains: tuple[frozenset[str], ...], ancestors: list[Division]) -> tuple[Division, str] | None:
    """The deepest ancestor the place named says something about, and what."""
    for ancestor in reversed(ancestors):
        inside = sum(ancestor.code in chain for chain in chains)
        if inside == len(chains):
            return ancestor, f"{place}, which lies in {ancestor.name}, named in the text"
        if inside and len(chains) <= _FEW_CARRIERS and ancestor.level != "province":
            return ancestor, (f"{place}, one of {len(chains)} places so named, one of them "
                              f"in {ancestor.name}, named in the text")
    return None


@lru_cache(maxsize=4)
def _places_under(named: frozenset[str]) -> tuple[dict[str, list[str]], dict[str, tuple]]:
    """Code -> the places named that a division under it (or it) carries, in
    the order of their names; place -> (its divisions' codes, their chains' codes)."""
    g = gazetteer()
    under: dict[str, list[str]] = {}
    carriers: dict[str, tuple] = {}
    for place in sorted(named):
        divisions = g.candidates(place)
        if not divisions:
            continue
        chains = tuple(frozenset(d.code for d in g.chain(c.code)) for c in divisions)
        carriers[place] = (tuple(c.code for c in divisions), chains)
        for code in frozenset().union(*chains):
            under.setdefault(code, []).append(place)
    return under, carriers
