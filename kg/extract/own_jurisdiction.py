"""A report's own jurisdiction: the chain of places it is written with
(重庆市开州区紫水乡 -> 紫水乡 in 开州区 in 重庆市), from its title, its
publisher, the subject of its opening sentences, or, failing those, from
我镇 / 本街道 / 县司法局 and the place of that level the report names most.

The vocabulary (words that are not places, words that follow a name) is in
``kg/data/normalise/jurisdiction.toml``; level suffixes in the one table of
levels, ``kg/data/lexicon/levels.toml``.

>>> rules = place_rules()
>>> ref = own_jurisdiction("", "重庆市开州区紫水乡人民政府2020年度报告", [], "", rules)
>>> ref.name, ref.level, [p.name for p in ref.parents]
('紫水乡', 'township', ['开州区', '重庆市'])
>>> own_jurisdiction("", None, [], "2022年，在区委的领导下，青柳路街道扎实推进依法行政。", rules).name
'青柳路街道'
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from kg.datafiles import read_data
from kg.gazetteer import gazetteer
from kg.model import JurisdictionRef
from kg.text.chars import HAN

__all__ = ["BOUNDARY", "PlaceRules", "own_jurisdiction", "place_rules"]

# A place as written: (name, level), e.g. ("龙溪镇", "town").
Place = tuple[str, str]

BOUNDARY = re.compile(r"[\d\s，。、：；（）“”‘’《》\-,.;:()!！？?|]")
_SENTENCE = re.compile(r"([。！？!?\n])")
# Where a clause starts: the subject of an opening sentence stands there.
_CLAUSE_START = re.compile(r"(?:^|(?<=[，,；;。：:\n]))\s*")


@dataclass(frozen=True)
class PlaceRules:
    levels: tuple[tuple[str, str], ...]  # (suffix, level), longest first
    name_chars: re.Pattern[str]
    max_name: int
    not_places: frozenset[str]
    not_single: frozenset[str]
    not_first: frozenset[str]
    not_first_words: tuple[str, ...]
    prefixes: tuple[str, ...]
    followers: tuple[str, ...]
    department: re.Pattern[str]
    department_word: re.Pattern[str]
    government: tuple[str, ...]
    pronoun_prefixes: tuple[str, ...]
    pronoun_levels: dict[str, str]
    title_words: tuple[str, ...]
    max_title: int
    this_year_words: tuple[str, ...]
    last_year_words: tuple[str, ...]
    early_months: int
    signature_suffixes: tuple[str, ...]
    opening_chars: int
    opening_sentences: int
    subject_lead: re.Pattern[str]
    # Where a name may start when counting the places a report names.
    name_start: re.Pattern[str]

    @property
    def single_suffixes(self) -> frozenset[str]:
        return frozenset(suffix for suffix, _ in self.levels if len(suffix) == 1)

    def zone_suffixes(self) -> set[str]:
        return {suffix for suffix, level in self.levels if level == "zone"}


def _level_suffixes() -> dict[str, str]:
    """Suffix -> level from the one table of levels, less the forms that are only prefixes."""
    levels = read_data("lexicon/levels.toml")
    return {s: level for s, level in levels["suffixes"].items() if s not in levels["prefix_only"]}


@lru_cache(maxsize=1)
def place_rules() -> PlaceRules:
    data = read_data("normalise/jurisdiction.toml")
    names, pronouns, document = data["names"], data["pronouns"], data["document"]
    placeholders = re.escape(names["placeholder_chars"])
    excluded = re.escape(names["not_name_chars"])
    department_suffixes = "|".join(sorted(names["department_suffixes"], key=len, reverse=True))
    department = rf"[{HAN}]{{1,{int(names['max_department_chars'])}}}?(?:{department_suffixes})"
    return PlaceRules(
        levels=tuple(sorted(_level_suffixes().items(), key=lambda kv: -len(kv[0]))),
        name_chars=re.compile(rf"(?![{excluded}])[{HAN}{placeholders}]"),
        max_name=int(names["max_name_chars"]),
        not_places=frozenset(names["not_places"]),
        not_single=frozenset(names["not_single_names"]),
        not_first=frozenset(names["not_first_chars"]),
        not_first_words=tuple(names["not_first_words"]),
        prefixes=tuple(sorted(names["strip_prefixes"], key=len, reverse=True)),
        followers=tuple(names["followers"]),
        # a department's name before a year, 关于, a bracket or the end (桐溪县财政局2021年…)
        department=re.compile(department + r"(?=\d|[二〇]|关于|[（(\s]|$)"),
        department_word=re.compile(department),
        government=tuple(sorted(names["government_suffixes"], key=len, reverse=True)),
        pronoun_prefixes=tuple(pronouns["prefixes"]),
        pronoun_levels=dict(pronouns["levels"]),
        title_words=tuple(document["title_words"]),
        max_title=int(document["max_title_chars"]),
        this_year_words=tuple(document["this_year_words"]),
        last_year_words=tuple(document["last_year_words"]),
        early_months=int(document["early_months"]),
        signature_suffixes=tuple(sorted(document["signature_suffixes"], key=len, reverse=True)),
        opening_chars=int(document["opening_chars"]),
        opening_sentences=int(document["opening_sentences"]),
        subject_lead=re.compile("|".join(map(re.escape, document["subject_leads"]))),
        name_start=re.compile(
            rf"(?:^|(?<=[^{HAN}{placeholders}])|(?<=[{re.escape(names['name_openers'])}]))"
            rf"[{HAN}{placeholders}]"
        ),
    )


def own_jurisdiction(text: str, title: str | None, orgs: list[str], opening: str,
                     rules: PlaceRules) -> JurisdictionRef | None:
    """The report's own jurisdiction with the parents written with it.

    ``orgs``: publisher names (page metadata, signature); ``opening``: the
    first lines of the body; ``text``: the whole text, for 我镇 and counts.
    """
    chains: list[list[Place]] = []
    if title:
        chains += [c for a in _title_anchors(title, rules) if (c := chain_at(title, a, rules, strict=True))]
    for org in orgs:
        if chain := chain_at(org, _skip_prefix(org, 0, rules), rules, strict=False):
            chains.append(chain)
    head = "".join(_SENTENCE.split(opening[: rules.opening_chars])[: rules.opening_sentences * 2])
    anchors = [m.end() for m in _CLAUSE_START.finditer(head)]
    anchors += [m.end() for m in rules.subject_lead.finditer(head)]  # 现将青山区2023年…
    chains += [c for a in sorted(set(anchors))
               if a < len(head) and (c := chain_at(head, a, rules, strict=True))]
    if chains:
        return _to_ref(_best_chain(chains, rules))
    return _from_pronoun(text, rules)


def _title_anchors(title: str, rules: PlaceRules) -> list[int]:
    anchors = [_skip_prefix(title, 0, rules)]
    anchors += [m.end() for m in BOUNDARY.finditer(title)]
    anchors += [m.end() for m in re.finditer("关于", title)]
    return sorted(set(a for a in anchors if a < len(title)))


def _skip_prefix(text: str, pos: int, rules: PlaceRules) -> int:
    for prefix in rules.prefixes:
        if text.startswith(prefix, pos):
            return pos + len(prefix)
    return pos


def chain_at(text: str, pos: int, rules: PlaceRules, *, strict: bool) -> list[Place] | None:
    """The chain of places written from ``pos`` on (巫山县龙溪镇), shortest names first.

    ``strict``: the chain must be followed by a follower word, a digit,
    punctuation or the end (titles, opening sentences). Otherwise (a
    publisher's name, a count of mentions) it may be followed by a follower
    or a department (桐溪县市场监管局), and must not run on into another
    level suffix.
    """

    def ends_cleanly(end: int) -> bool:
        rest = text[end:]
        if not rest or BOUNDARY.match(rest):
            return True
        if strict:
            return rest.startswith(rules.followers) or rules.department.match(rest) is not None
        if rest.startswith(rules.followers) or rules.department_word.match(rest):
            return True
        return not any(rest.startswith(suffix) for suffix, _ in rules.levels)

    def parse(start: int, depth: int) -> list[Place] | None:
        if depth and (government := next((g for g in rules.government if text.startswith(g, start)), None)):
            # 江滨区人民政府南门街道办事处: the street is in the district.
            if (rest := parse(start + len(government), depth)) is not None:
                return rest
        if depth >= 4 or (depth and text.startswith(rules.followers, start)):
            return None  # 城中区司法局…: what follows a place is no place
        fallback = None
        for name_len in range(rules.max_name + 1):
            if name_len and not rules.name_chars.match(text, start + name_len - 1):
                break
            for suffix, level in rules.levels:
                if not text.startswith(suffix, start + name_len):
                    continue
                end = start + name_len + len(suffix)
                if _is_place(text[start:end], text[start:start + name_len], level, rules):
                    rest = parse(end, depth + 1)
                    if rest is not None:
                        chain = [(text[start:end], level), *rest]
                        if rest[0][0][0] not in rules.single_suffixes:
                            return chain
                        # 开州|区紫水乡: the next name starts with a level word;
                        # a longer name (开州区|紫水乡) reads better
                        fallback = fallback or chain
                    elif ends_cleanly(end):
                        return fallback or [(text[start:end], level)]
        return fallback

    chain = parse(pos, 0)
    if chain is None and (verb := next((w for w in rules.not_first_words if text.startswith(w, pos)), None)):
        chain = parse(pos + len(verb), 0)  # 制定云州市青山区…: the chain starts after the verb
    return chain


def _is_place(token: str, name: str, level: str, rules: PlaceRules) -> bool:
    if token in rules.not_places:
        return False
    if not name:
        return level == "zone"  # 高新区 on its own: a zone of the place before it
    if name[0] in rules.not_first:
        return False  # 在经开区, 各乡镇: a word glued to a place
    if name.startswith(rules.not_first_words):
        return bool(gazetteer().candidates(token))  # 提请县 is a verb; 会同县, 联合镇 are places
    return not (len(name) == 1 and name in rules.not_single)


def _best_chain(chains: list[list[Place]], rules: PlaceRules) -> list[Place]:
    """The first chain's own place, with the longest stated parent chain."""
    primary = _merge_zone(chains[0], rules)
    own = primary[-1]
    if own[0] in rules.zone_suffixes():
        # A bare 高新区: a longer zone name elsewhere (潍坊高新区) is the same zone.
        for chain in chains[1:]:
            merged = _merge_zone(chain, rules)
            if merged[-1][1] == "zone" and merged[-1][0].endswith(own[0]):
                primary = merged
                break
    for chain in chains[1:]:
        merged = _merge_zone(chain, rules)
        names = [name for name, _ in merged]
        if primary[-1][0] in names and names.index(primary[-1][0]) + 1 > len(primary):
            primary = merged[: names.index(primary[-1][0]) + 1]
    return primary


def _merge_zone(chain: list[Place], rules: PlaceRules) -> list[Place]:
    """潍坊市 + 高新区 -> 潍坊高新区 (a zone is named with its city)."""
    merged: list[Place] = []
    zones = rules.zone_suffixes()
    for name, level in chain:
        if name in zones and merged:
            parent_name, parent_level = merged[-1]
            stem = _strip_level(parent_name, parent_level, rules)
            merged.append((stem + name, level))
        else:
            merged.append((name, level))
    return merged


def _strip_level(name: str, level: str, rules: PlaceRules) -> str:
    for suffix, suffix_level in rules.levels:
        if suffix_level == level and name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def _to_ref(chain: list[Place]) -> JurisdictionRef:
    parents = [JurisdictionRef(name=name, level=level) for name, level in reversed(chain[:-1])]
    name, level = chain[-1]
    return JurisdictionRef(name=name, level=level, parents=parents)


def _from_pronoun(text: str, rules: PlaceRules) -> JurisdictionRef | None:
    """我县 (or 全县, 本县) + the county most often named in the text -> that county."""
    counts: Counter[str] = Counter()
    for form in rules.pronoun_levels:
        counts[form] = sum(text.count(prefix + form) for prefix in rules.pronoun_prefixes)
    if not counts or counts.most_common(1)[0][1] == 0:
        return None
    form = counts.most_common(1)[0][0]
    chain = _most_named(text, rules.pronoun_levels[form], rules)
    return _to_ref(chain) if chain else None


def _most_named(text: str, level: str, rules: PlaceRules) -> list[Place] | None:
    """The chain ending in the place of ``level`` named most often (the
    first named on a tie), each name read from where a word can start:
    after punctuation or a preposition (“蒙城县…, 由桃源镇…)."""
    suffixes = [suffix for suffix, suffix_level in rules.levels if suffix_level == level]
    ahead = re.compile(rf"[^\n，。；]{{0,{rules.max_name * 3}}}?(?:{'|'.join(map(re.escape, suffixes))})")
    counts: Counter[str] = Counter()
    chains: dict[str, list[Place]] = {}
    for match in rules.name_start.finditer(text):
        if not ahead.match(text, match.start()):
            continue
        chain = chain_at(text, match.start(), rules, strict=False)
        if chain and chain[-1][1] == level:
            counts[chain[-1][0]] += 1
            if len(chain) > len(chains.get(chain[-1][0], ())):
                chains[chain[-1][0]] = chain
    if not counts:
        return None
    name, _ = max(counts.items(), key=lambda nc: nc[1])  # max keeps the first of equals
    return chains[name]
