"""The extractor's data files (``kg/data/extract/*.toml``), loaded once.

Domain knowledge lives in those files; this module only reads them into
plain, typed containers that the rule modules use.

>>> rules = load_rules()
>>> rules.names.levels["街道"]
'subdistrict'
>>> "进驻" in rules.relations["staffs"]["triggers"]
True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kg.datafiles import read_data
from kg.extract.rulefiles import read_rule_file

@dataclass(frozen=True)
class NameRules:
    stop_tokens: frozenset[str]
    max_chars: int
    max_tokens: int
    levels: dict[str, str]  # name suffix -> level
    rank: dict[str, int]  # level -> depth (province 1 … village 5)
    organs: tuple[str, ...]
    independent_kinds: frozenset[str]
    named_kinds: frozenset[str]
    place_trade_kinds: frozenset[str]  # kinds named place + trade name + kind (广东广和律师事务所)
    trade_chars: tuple[int, int]  # shortest and longest trade name read by that composition
    kind_levels: dict[str, str]  # kind -> lowest level that has one
    heads: dict  # institutions outside the tables, by head
    mentions: dict  # other jurisdictions named in the text
    kind_rules: tuple[dict, ...]  # canonical kind of a headed institution by its name
    glued_forms: frozenset[str]  # forms that name their kind only when no word is glued before them
    posts: tuple[str, ...]  # posts of an institution (司法所所长)
    bracketed_levels: tuple[str, ...]  # level words of a bracketed list inside a name (区(镇、街))

    def unglued(self, token: str) -> str:
        """A token without a stop word glued to its front (如攸县 -> 攸县, 联合市 -> 市)."""
        for cut in range(min(len(token) - 1, 3), 0, -1):
            if token[:cut] in self.stop_tokens:
                return token[cut:]
        return token

    def level_of(self, name: str) -> str | None:
        """The level a jurisdiction name's suffix says (攸县 -> county)."""
        for suffix in sorted(self.levels, key=len, reverse=True):
            if name.endswith(suffix) and len(name) > len(suffix):
                return self.levels[suffix]
        return None


@dataclass(frozen=True)
class Rules:
    version: str
    names: NameRules
    sections: dict
    relations: dict
    mechanisms: dict
    indicators: dict
    actors: dict


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    names = read_rule_file("names")
    levels = read_data("lexicon/levels.toml")
    sections = read_rule_file("sections")
    relations = read_rule_file("relations")
    mechanisms = read_rule_file("mechanisms")
    indicators = read_rule_file("indicators")
    actors = read_rule_file("actors")
    version = "+".join(
        f"{n}{d['version']}" for n, d in (
            ("names", names), ("sections", sections), ("relations", relations),
            ("mechanisms", mechanisms), ("indicators", indicators), ("actors", actors))
    )
    return Rules(
        version=version,
        names=NameRules(
            stop_tokens=frozenset(names["stop_tokens"]),
            max_chars=names["max_chars"],
            max_tokens=names["max_tokens"],
            levels={form: levels["suffixes"][form] for form in levels["institution_prefixes"]},
            rank=dict(levels["rank"]),
            organs=tuple(names["organs"]["forms"]),
            independent_kinds=frozenset(names["independent_kinds"]),
            named_kinds=frozenset(names["named_kinds"]),
            place_trade_kinds=frozenset(names["place_trade_kinds"]),
            trade_chars=tuple(names["trade_chars"]),
            kind_levels=dict(names["kind_levels"]),
            heads=dict(names["heads"]),
            mentions=dict(names["mentions"]),
            kind_rules=tuple(names["kind_rules"]),
            glued_forms=frozenset(names["glued_forms"]),
            posts=tuple(names["posts"]),
            bracketed_levels=tuple(names["bracketed_levels"]),
        ),
        sections=sections,
        relations=relations,
        mechanisms=mechanisms,
        indicators=indicators,
        actors=actors,
    )
