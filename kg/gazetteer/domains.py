"""A site's address as evidence of where its reports lie (kg/gazetteer/resolve.py).

Government sites are mostly named after their host's place in pinyin, in
full (www.pingjiang.gov.cn) or by the initials of the place and its parent
(xncz.gov.cn: 西宁 + 城中). A label of the host name that spells a division
of a candidate's chain — alone, or after its parent — supports it. Only
labels of ``min_letters`` letters or more count, and not the words sites
use for sections (``[site_domains]`` in kg/data/gazetteer/divisions.toml).

>>> domain_labels("http://xxgk.tongxi.gov.cn/art/1.html")
('tongxi',)
>>> from kg.gazetteer.divisions import gazetteer
>>> g = gazetteer()
>>> town = next(d for d in g.candidates("龙溪镇") if d.code.startswith("500237"))   # 巫山县's
>>> spelled = spelled_by(g.chain(town.code), ("wushan",))
>>> spelled[0].name, spelled[1]
('巫山县', 'wushan')
>>> spelled_by(g.chain(town.code), ("cqws",))[0].name     # 重庆 + 巫山, by initials
'巫山县'
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from pypinyin import Style, lazy_pinyin

from kg.datafiles import read_data
from kg.gazetteer.divisions import Division, gazetteer

__all__ = ["domain_labels", "spelled_by"]


@lru_cache(maxsize=1)
def _data() -> tuple[int, frozenset[str]]:
    data = read_data("gazetteer/divisions.toml")["site_domains"]
    return int(data["min_letters"]), frozenset(data["not_places"])


def domain_labels(address: str | None) -> tuple[str, ...]:
    """The labels of a site's host name that may spell a place."""
    if not address:
        return ()
    host = urlsplit(address if "//" in address else f"//{address}").hostname or ""
    least, not_places = _data()
    return tuple(label for label in host.lower().split(".")
                 if len(label) >= least and label.isalpha() and label.isascii() and label not in not_places)


@lru_cache(maxsize=4096)
def _spellings(code: str) -> frozenset[str]:
    """How a division is spelled in an address: the pinyin of each written
    form, in full and by initials (平江县: pingjiangxian, pingjiang, pjx, pj)."""
    out = set()
    for form in gazetteer().written_forms(code):
        out.add("".join(lazy_pinyin(form)))
        out.add("".join(lazy_pinyin(form, style=Style.FIRST_LETTER)))
    return frozenset(re.sub(r"[^a-z]", "", s.lower()) for s in out)


def spelled_by(chain: list[Division], labels: tuple[str, ...]) -> tuple[Division, str] | None:
    """The deepest division of ``chain`` a label spells, alone or after its
    parent's spelling, with the label; None when no label does."""
    for depth in range(len(chain) - 1, -1, -1):
        own = _spellings(chain[depth].code)
        parent = _spellings(chain[depth - 1].code) if depth else frozenset()
        for label in labels:
            if label in own or any(label.startswith(p) and label[len(p):] in own for p in parent):
                return chain[depth], label
    return None
