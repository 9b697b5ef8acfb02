"""Development zones whose name does not name their host (kg/data/gazetteer/zones.toml).

Most zones carry their host in their name (潍坊高新区); the resolver reads
it there. The state-level new areas and some well-known national and
provincial zones do not (滨海湾新区 is 东莞's, 东湖高新区 is 武汉's, not
南昌's 东湖区): they are listed with the division that hosts them.

>>> zone = known_zone("东莞滨海湾新区")
>>> zone.host, zone.kind
('441900', 'provincial new area')
>>> known_zone("东湖高新区").host
'420100'
>>> known_zone("南昌东湖高新区") is None   # written under another place: not this zone
True
"""

from __future__ import annotations

import re
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field

from kg.datafiles import read_data
from kg.gazetteer.divisions import gazetteer

__all__ = ["Zone", "known_zone", "zones"]


class Zone(BaseModel):
    """One zone: the ways it is written without its host, the host's code, what it is."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    names: tuple[str, ...] = Field(min_length=1)
    host: str = Field(pattern=r"^\d{6}$")
    kind: str = Field(min_length=1)


class ZoneFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str = Field(min_length=1)
    zone: list[Zone]


@lru_cache(maxsize=1)
def zones() -> tuple[Zone, ...]:
    """The zones of the data file, as typed entries."""
    return tuple(ZoneFile.model_validate(read_data("gazetteer/zones.toml")).zone)


@lru_cache(maxsize=1)
def _by_name() -> dict[str, Zone]:
    return {name: zone for zone in zones() for name in zone.names}


def known_zone(name: str) -> Zone | None:
    """The listed zone ``name`` writes, alone or after its host or a division
    above it (东莞市滨海湾新区, 广东东莞滨海湾新区); None when the name is
    none of them, or is written under another place (南昌东湖高新区)."""
    table = _by_name()
    for written in sorted(table, key=len, reverse=True):
        if name.endswith(written):
            zone = table[written]
            in_front = name[: -len(written)]
            return zone if not in_front or _host_pattern(zone.host).fullmatch(in_front) else None
    return None


@lru_cache(maxsize=None)
def _host_pattern(host: str) -> re.Pattern[str]:
    """The host and the divisions above it, in any written form, one after another."""
    g = gazetteer()
    forms = {form for division in g.chain(host) for form in g.written_forms(division.code)}
    return re.compile("(?:" + "|".join(map(re.escape, sorted(forms, key=len, reverse=True))) + ")+")
