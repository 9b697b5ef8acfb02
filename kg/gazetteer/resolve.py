"""Place a jurisdiction named in a report on the map of China.

A name is looked up in the gazetteer; when several divisions carry it, the
context decides: the parents written with it (重庆市开州区紫水乡), the title
and publisher line, then the rest of the text. Each candidate's ancestors
are looked for there; the candidate with the most support wins only when no
other has as much. Development zones resolve to their host division
(status ``host``). Anonymised names (xx街道), names the data does not have
and ties stay ``unresolved`` with the reason: a guess is never stored; a tie
among divisions of one province is placed down to what they share
(``partial``, no code).

>>> p = place("紫水乡", "township", Context(written_parents=("开州区", "重庆市")))
>>> p.status, p.code, [d.name for d in p.chain], p.confidence
('resolved', '500154206', ['重庆市', '开州区', '紫水乡'], 'high')
>>> place("龙溪镇", "town", Context()).reason  # doctest: +ELLIPSIS
'7 divisions are named 龙溪镇 and nothing in the report says which...'
>>> place("龙溪镇", "town", Context(headline="巫山县龙溪镇人民政府")).code
'500237104'
>>> p = place("潍坊高新区", "zone", Context())
>>> p.status, p.code, p.reason
('host', '370700', '潍坊高新区 is a development zone hosted by 潍坊市')
>>> place("xx街道", "subdistrict", Context()).status
'unresolved'
>>> p = place("北正乡", "township", Context())  # one in 井陉县, one in 元氏县
>>> p.status, p.code, [d.name for d in p.chain]
('partial', None, ['河北省', '石家庄市'])
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal

from kg.documents import ManifestRow
from kg.gazetteer.divisions import Division, gazetteer
from kg.gazetteer.below import named_below
from kg.gazetteer.infront import codes_in_front
from kg.gazetteer.domains import spelled_by
from kg.gazetteer.given import narrowed, noted
from kg.gazetteer.superiors import kinds_without, organ_names, superior_support
from kg.gazetteer.zones import known_zone
from kg.datafiles import read_data
from kg.text.occurrences import Occurrences

__all__ = ["Context", "Placement", "is_anonymised", "place", "text_index"]

Status = Literal["resolved", "partial", "host", "unresolved"]
Confidence = Literal["high", "medium"]

# Support for a candidate, by where its ancestor is named.
_WRITTEN, _HEADLINE, _TEXT = 3, 2, 1
_WHERE = {_WRITTEN: "written with it", _HEADLINE: "in the title or publisher line", _TEXT: "in the text"}
_MAX_LISTED = 4
# A zone's name is <host><own name><suffix> (东莞松山湖高新区) or <host><suffix> (潍坊高新区).
_MIN_ZONE_OWN_NAME = 2
_BELOW_ZONE = ("town", "township", "subdistrict")
_RANK = read_data("lexicon/levels.toml")["rank"]
# Places named in the text that tell candidates apart: the levels the gazetteer has.
_DIVISION_LEVELS = ("province", "city", "county", "district", "town", "township", "subdistrict")
_MAX_NAME = 12  # characters of the longest name looked for (…蒙古族自治县)


@dataclass(frozen=True)
class Context:
    """What the report says around a name; ``index``, where words stand in ``text``
    (:func:`text_index`: a pass over a long text per word looked up is too many)."""

    written_parents: tuple[str, ...] = ()  # names written in front of it, nearest first
    headline: str = ""  # title, publisher, the lines above the text; the own jurisdiction's chain
    text: str = ""
    province: str = ""  # code of the province of the report's own jurisdiction, once placed
    site: str = ""  # code of the division hosting the site the page is on (网站标识码), if known
    domain: tuple[str, ...] = ()  # labels of the site's host name that may spell a place
    manifest: ManifestRow | None = None  # what a table of sources says: decides ties only (given.py)
    index: Occurrences | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.index is None or self.index.text is not self.text:
            object.__setattr__(self, "index", Occurrences(self.text))

    def taken(self, word: str) -> Iterator[tuple[str, list[int]]]:
        """The headline and the text, each with where ``word`` stands in it
        (the occurrences ``str.replace`` would replace)."""
        yield self.headline, Occurrences(self.headline).taken(word)
        yield self.text, self.index.taken(word)


@dataclass(frozen=True)
class Placement:
    """Where a name lies: its code and chain, or why it has none."""

    status: Status
    reason: str
    code: str | None = None
    chain: tuple[Division, ...] = ()
    confidence: Confidence | None = None
    evidence: tuple[str, ...] = ()
    candidates: int = 0  # divisions that carry the name


@lru_cache(maxsize=1)
def _data() -> tuple[str, tuple[str, ...], re.Pattern[str]]:
    data = read_data("gazetteer/divisions.toml")
    levels = read_data("lexicon/levels.toml")["suffixes"]
    zone_suffixes = tuple(sorted((s for s, level in levels.items() if level == "zone"), key=len, reverse=True))
    # Where the name of a division may end (县, 自治州, 街道 …).
    ends = re.compile("|".join(sorted((re.escape(s) for s, level in levels.items() if level in _DIVISION_LEVELS),
                                      key=len, reverse=True)))
    return data["placeholder_chars"], zone_suffixes, ends


def text_index(text: str, names: Iterable[str]) -> Occurrences:
    """Where in ``text`` the names stand, the ancestors of the divisions they may be,
    a zone's opening places and superiors' organs: one pass for them all."""
    _, zone_suffixes, _ = _data()
    g = gazetteer()
    words: set[str] = set(organ_names())
    for name in names:
        forms = {name}
        if name.endswith(zone_suffixes):  # a zone's host is named by a prefix of its name, or in front of it
            forms |= {name[:size] for size in range(2, len(name))}
            words.add(name)
        for form in forms:
            divisions = g.candidates(form) + _named(form)
            if divisions:
                words.add(form)
            words.update(a.name for d in divisions for a in g.chain(d.code))
    return Occurrences(text, sorted(words))


def is_anonymised(name: str) -> bool:
    """Written with placeholders (xx街道, ××县, 某镇)."""
    return any(c in _data()[0] for c in name)


def place(name: str, level: str | None, context: Context) -> Placement:
    """Resolve ``name`` (of ``level``, if known) to a division, using ``context``;
    a manifest's province the placement contradicts is recorded in its evidence."""
    placement = _place(name, level, context)
    if conflict := noted(placement.chain, context.manifest):
        placement = replace(placement, evidence=(*placement.evidence, conflict))
    return placement


def _place(name: str, level: str | None, context: Context) -> Placement:
    _, zone_suffixes, _ = _data()
    if is_anonymised(name):
        return Placement("unresolved", f"{name} is anonymised")
    if level == "zone" or (name.endswith(zone_suffixes) and not gazetteer().candidates(name)):
        return _place_zone(name, context)
    if level in ("village", "community"):
        return Placement("unresolved", f"{name}: the gazetteer stops at townships and streets")
    return _choose(name, gazetteer().candidates(name), level, context)


def _choose(name: str, candidates: list[Division], level: str | None, context: Context) -> Placement:
    if not candidates:
        return Placement("unresolved", f"no division is named {name}")
    if level and len(candidates) > 1 and any(d.level == level for d in candidates):
        candidates = [d for d in candidates if d.level == level]
    named = _named_places(context.text)
    scored = sorted(((_support(d, name, context, named), d) for d in candidates), key=lambda s: -s[0][0])
    (best, evidence), division = scored[0]
    if len(scored) > 1 and scored[1][0][0] == best:
        return _tie(name, [(d, why) for (score, why), d in scored if score == best], len(candidates), best, context)
    if not best and context.province and gazetteer().chain(division.code)[0].code != context.province:
        # Nothing names it, and it lies outside the report's province (平和工业园
        # of a 重庆 report is no 福建 平和县's): a place the data lacks, or no place.
        return Placement("unresolved", f"nothing in the report places {name}, and the only division so "
                                       f"named lies outside the report's province", candidates=len(candidates))
    fits = _fits_written(division, context.written_parents)
    if not fits and (against := next((p for p in context.written_parents if _named(p)), None)):
        # 巫山县白河乡 when the only 白河乡 is in 九寨沟县: the report speaks
        # of another place, which the data lacks.
        return Placement("unresolved", f"{name} is written under {against}, and no division of that name "
                                       f"lies in {against}", candidates=len(candidates))
    chain = tuple(gazetteer().chain(division.code))
    why = [gazetteer().how_named(name, division)] if division.name != name else []
    if len(candidates) == 1:
        why.append(f"the only division named {name}")
    # The only division of that name, or one its parents in the headline pick out: high.
    # A parent written with it that the data does not know (桐溪县白河乡): medium.
    confidence: Confidence = ("high" if fits and ((len(candidates) == 1 and division.name == name)
                                                  or best >= _HEADLINE) else "medium")
    return Placement("resolved", f"{name} is {'/'.join(d.name for d in chain)}", division.code, chain,
                     confidence, (*why, *evidence), len(candidates))


def _tie(name: str, supported: list[tuple[Division, tuple[str, ...]]], candidates: int, best: int,
         context: Context) -> Placement:
    """Several divisions as well supported: unresolved, or ``partial`` when
    they all lie in one province (or prefecture, or county) — where it lies
    down to there is a fact, which one it is is not: the chain ends at
    their deepest shared ancestor and the code stays empty. A manifest
    (kg.gazetteer.given) may tell the tied divisions apart."""
    g = gazetteer()
    tied = [d for d, _ in supported]
    which = f"{len(tied)} divisions are named {name} and nothing in the report says which"
    given = narrowed(tied, context.manifest) if context.manifest is not None else None
    if given is not None:
        tied, because = given
        if len(tied) == 1 and _fits_written(tied[0], context.written_parents):
            division, chain = tied[0], tuple(g.chain(tied[0].code))
            why = [g.how_named(name, division)] if division.name != name else []
            return Placement("resolved", f"{name} is {'/'.join(d.name for d in chain)}", division.code, chain,
                             "medium", (*why, *dict(supported)[division], which, *because), candidates)
        which = f"{which}; the manifest keeps {len(tied)} of them"
    chains = [g.chain(d.code) for d in tied]
    listed = "; ".join("/".join(a.name for a in chain) for chain in chains[:_MAX_LISTED])
    more = " …" if len(tied) > _MAX_LISTED else ""
    which = f"{which} ({listed}{more})"
    shared = []
    for level in zip(*chains):
        if any(d.code != level[0].code for d in level):
            break
        shared.append(level[0])
    outside = not best and context.province and shared and shared[0].code != context.province
    if (not shared or outside or not all(_fits_written(d, context.written_parents) for d in tied)):
        return Placement("unresolved", which, candidates=candidates)
    where = "/".join(d.name for d in shared)
    return Placement("partial", f"{which}; all lie in {where}", None, tuple(shared), "medium",
                     (f"every division named {name} that the report fits lies in {where}",
                      *(given[1] if given else ())), candidates)


def _support(division: Division, name: str, context: Context,
             named: frozenset[str]) -> tuple[int, tuple[str, ...]]:
    """How strongly the context names the division's ancestors, and where.

    An ancestor is named when written with the name (3: 重庆市开州区紫水乡,
    in its short form too: 西宁城中区), by its full name in the title or
    publisher line (2) or the text (1), or, at 1, when the text names a
    place that lies under it and nowhere else (a town of the same county).
    A superior's organs named bare in the text (在区委、区政府的领导下)
    support, at 1, the candidates whose superior is of that kind.
    The division of the site the page is on (its identification code,
    网站标识码) counts like the publisher line (2), for the division itself
    too: a county's report on its own site; one its address spells in
    pinyin (pingjiang.gov.cn), a weaker witness, like the text (1).
    Short forms alone (长治 in 长治久安, 平安 in 平安建设) are ordinary words:
    they count only directly in front of the name. The name itself is no
    evidence (长岭镇 does not name 长岭县): its occurrences are left out.
    """
    g = gazetteer()
    ancestors = g.chain(division.code)[:-1]
    in_front = _written_in_front(ancestors, name, context)
    below = named_below(division, ancestors, named, name)
    headline = context.headline.replace(name, "\0")
    page = _named_by_page([*ancestors, division], context)
    score, evidence = 0, []
    if division.code in page:
        score += page[division.code][0]
        evidence.append(page[division.code][1])
    for ancestor in ancestors:
        forms = g.written_forms(ancestor.code)
        weight = (_WRITTEN if ancestor.code in in_front or any(
                      p.startswith(f) or f.startswith(p) for p in context.written_parents for f in forms if len(p) >= 2)
                  else _HEADLINE if ancestor.name in headline
                  else _TEXT if context.index.outside(ancestor.name, name) else 0)
        if ancestor.code in page and weight < page[ancestor.code][0]:
            weight, why = page[ancestor.code]
            evidence.append(why)
        elif weight:
            evidence.append(f"{ancestor.name} named {_WHERE[weight]}")
        elif ancestor.code in below:
            weight = _TEXT
            evidence.append(below[ancestor.code])
        score += weight
    if superior := superior_support(division, ancestors[-1] if ancestors else None,
                                    kinds_without(context.index, name)):
        score += _TEXT
        evidence.append(superior)
    return score, tuple(evidence)


def _named_by_page(chain: list[Division], context: Context) -> dict[str, tuple[int, str]]:
    """Code -> (weight, evidence) of the divisions of ``chain`` the page
    names: its site's identification code (2), its address spelling one (1)."""
    named: dict[str, tuple[int, str]] = {}
    if spelled := spelled_by(chain, context.domain):
        named[spelled[0].code] = (_TEXT, f"the site's address ({spelled[1]}) spells {spelled[0].name}")
    if site := next((d for d in chain if d.code == context.site), None):
        named[site.code] = (_HEADLINE, f"the site's identification code names {site.name}")
    return named


def _fits_written(division: Division, written_parents: tuple[str, ...]) -> bool:
    """No parent is written with the name, or one of them is the division
    or one of its ancestors, in any written form."""
    if not written_parents:
        return True
    g = gazetteer()
    forms = {f for d in g.chain(division.code) for f in g.written_forms(d.code)}
    return any(p.startswith(f) or f.startswith(p) for p in written_parents for f in forms if len(p) >= 2)


def _written_in_front(ancestors: list[Division], name: str, context: Context) -> set[str]:
    """Codes of the ancestors written directly in front of the name, in a
    run of their written forms: 青海省西宁市<name>, 西宁<name>, 屏边县<name>."""
    g = gazetteer()
    forms = {f: a.code for a in ancestors for f in g.written_forms(a.code)}
    return set(codes_in_front(forms, context.taken(name), len(name))) if forms else set()


@lru_cache(maxsize=8)
def _named_places(text: str) -> frozenset[str]:
    """Names of divisions (today's or former, three characters or more)
    written in ``text``: the longest run of characters ending in a level
    suffix that the gazetteer knows (饮马街街道, not 马街街道 in it)."""
    known = gazetteer().names
    _, _, ends = _data()
    found = set()
    for match in ends.finditer(text):
        end = match.end()
        start = next((i for i in range(max(0, end - _MAX_NAME), end - 2) if text[i:end] in known), None)
        if start is not None:
            found.add(text[start:end])
    return frozenset(found)


def _place_zone(name: str, context: Context) -> Placement:
    """A development zone: placed in the division that hosts it."""
    _, zone_suffixes, _ = _data()
    g = gazetteer()
    if zone := known_zone(name):
        return _host(name, g.by_code[zone.host], (f"a {zone.kind} (kg/data/gazetteer/zones.toml)",))
    stem = next((name[: -len(s)] for s in zone_suffixes if name.endswith(s)), name)
    for size in range(len(stem), 1, -1):  # the longest place name the zone's name opens with
        if 0 < len(stem) - size < _MIN_ZONE_OWN_NAME:
            continue  # 长沙|湾新区 is no 长沙 zone: a place is followed by the zone's own name or nothing
        hosts = [d for d in _named(stem[:size]) if d.level not in _BELOW_ZONE]
        if hosts:
            # Zones are named after their prefecture: 西安高新区 is 西安市's, not 西安区's.
            top = min(_RANK[d.level] for d in hosts)
            hosts = [d for d in hosts if _RANK[d.level] == top]
            chosen = _choose(stem[:size], hosts, None, context)
            if chosen.code is None:
                return Placement("unresolved", f"{name}: {chosen.reason}", candidates=chosen.candidates)
            return _host(name, g.by_code[chosen.code], chosen.evidence)
    for parent in context.written_parents:
        chosen = place(parent, None, context)
        if chosen.code is not None and chosen.chain[-1].level not in _BELOW_ZONE:
            return _host(name, g.by_code[chosen.code], (f"{parent} written with it",))
    if host := _host_written_in_front(name, context):
        return host
    if host := _host_in_headline(name, context):
        return host
    return Placement("unresolved", f"{name} is a development zone and the report does not name its host division")


def _host_written_in_front(name: str, context: Context) -> Placement | None:
    """The one division written directly in front of the zone's name
    anywhere in the report (东莞市松湖新区, 东莞松湖新区 for a report of 松湖新区)."""
    found: dict[str, str] = {}  # code -> the form written
    for where, starts in context.taken(name):
        for at in starts:
            before = where[max(0, at - _MAX_NAME):at]
            form = next((before[i:] for i in range(len(before) - 1)
                         if any(d.level not in _BELOW_ZONE for d in _named(before[i:]))), None)
            if form is not None:
                found.update((d.code, form) for d in _named(form) if d.level not in _BELOW_ZONE)
    if len(found) != 1:
        return None  # none, or several: no host is certain
    ((code, form),) = found.items()
    return _host(name, gazetteer().by_code[code], (f"written {form}{name}",))


def _host_in_headline(name: str, context: Context) -> Placement | None:
    """The one prefecture or county named by its full name in the title and
    publisher line, when the zone's name names none."""
    g = gazetteer()
    named = {d.code: form for form in _named_places(context.headline)
             for d in g.candidates(form) if d.level in ("city", "county", "district")}
    site = g.by_code.get(context.site)
    if site is not None and site.level in ("city", "county", "district"):
        named.setdefault(site.code, f"{site.name} (the site's identification code)")
    if len(named) != 1:
        return None
    ((code, form),) = named.items()
    return _host(name, g.by_code[code], (f"{form} named in the title or publisher line",))


def _named(form: str) -> list[Division]:
    """Divisions whose name or short form is ``form``."""
    g = gazetteer()
    return g.candidates(form) or [g.by_code[code] for code in g.codes_of_short(form)]


def _host(name: str, host: Division, evidence: tuple[str, ...]) -> Placement:
    chain = tuple(gazetteer().chain(host.code))
    return Placement("host", f"{name} is a development zone hosted by {host.name}", host.code, chain,
                     "high" if evidence else "medium", evidence)
