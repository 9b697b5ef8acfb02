"""Document metadata: title, year reported on, publication date, publisher and
the report's own jurisdiction, from the normalised text and page metadata.

The vocabulary (words that are not places, title words, signature
suffixes) is in ``kg/data/normalise/jurisdiction.toml``; level suffixes in
the one table of levels, ``kg/data/lexicon/levels.toml``.

>>> meta = document_metadata("奉节县永乐镇人民政府 2022年度法治政府建设工作报告\\n"
...                          "2022年，永乐镇坚持依法行政。", {"published": "2023-03-10"})
>>> meta.year, meta.published, meta.jurisdiction.name, meta.jurisdiction.level
(2022, '2023-03-10', '永乐镇', 'town')
>>> [(p.name, p.level) for p in meta.jurisdiction.parents]
[('奉节县', 'county')]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from kg.lexicon import read_data
from kg.model import JurisdictionRef
from kg.text.chars import HAN
from kg.text.fields import iso_date

__all__ = ["DocMeta", "document_metadata"]

# A place as written: (name, level), e.g. ("永乐镇", "town").
Place = tuple[str, str]

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_CN_YEAR = re.compile(r"[〇○零一二三四五六七八九]{4}(?=年)")
_CN_YEAR_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")
# The opening sentence states the year: "2019年，…" or "现将2019年…报告如下".
_OPENING_YEAR = re.compile(
    r"^\s*((?:19|20)\d{2})\s*年度?(?:以来)?[，,]|现将[^。\n]{0,20}?((?:19|20)\d{2})\s*年"
)
# A numbered section heading (一、 （二） 3、 4.), never the document's title.
_SECTION = re.compile(r"[一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\d+[、.]")
_BOUNDARY = re.compile(r"[\d\s，。、：；（）“”《》\-,.;:()!！？?|]")


@dataclass(frozen=True)
class DocMeta:
    """What a report says about itself."""

    title: str | None
    year: int | None
    published: str | None  # ISO date
    publisher: str | None
    jurisdiction: JurisdictionRef | None


def document_metadata(text: str, metadata: dict) -> DocMeta:
    """Title, year, publication date, publisher and jurisdiction of a report.

    ``text`` is the normalised text; ``metadata`` the normaliser's metadata
    (title, published, publisher, source ... as found on the page).
    """
    rules = _rules()
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    title_index, title = _title(lines, metadata, rules)
    opening = "\n".join(lines[title_index + 1: title_index + 4] if title_index >= 0 else lines[:3])
    signature, signed = _signature(lines, rules)
    published = _published(metadata) or signed
    publisher = (metadata.get("publisher") or signature or _header_org(lines, rules)
                 or _org_like(metadata.get("source"), rules))
    year = _year(title, opening, published, rules)
    jurisdiction = _jurisdiction(text, title, publisher, signature, opening, rules)
    return DocMeta(title, year, published, publisher, jurisdiction)


# --- vocabulary ------------------------------------------------------------


@dataclass(frozen=True)
class _Rules:
    levels: tuple[tuple[str, str], ...]  # (suffix, level), longest first
    name_chars: re.Pattern[str]
    max_name: int
    not_places: frozenset[str]
    not_single: frozenset[str]
    prefixes: tuple[str, ...]
    followers: tuple[str, ...]
    department: re.Pattern[str]
    government: tuple[str, ...]
    pronoun_prefixes: tuple[str, ...]
    pronoun_levels: dict[str, str]
    title_words: tuple[str, ...]
    max_title: int
    last_year_words: tuple[str, ...]
    signature_suffixes: tuple[str, ...]
    # Where the opening sentence names its subject: after "2019年，" and the like.
    opening_anchor: re.Pattern[str]

    def zone_suffixes(self) -> set[str]:
        return {suffix for suffix, level in self.levels if level == "zone"}


def _level_suffixes() -> dict[str, str]:
    """Suffix -> level from the one table of levels, less the forms that are only prefixes."""
    levels = read_data("lexicon/levels.toml")
    return {s: level for s, level in levels["suffixes"].items() if s not in levels["prefix_only"]}


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = read_data("normalise/jurisdiction.toml")
    names, pronouns, document = data["names"], data["pronouns"], data["document"]
    placeholders = re.escape(names["placeholder_chars"])
    excluded = re.escape(names["not_name_chars"])
    return _Rules(
        levels=tuple(sorted(_level_suffixes().items(), key=lambda kv: -len(kv[0]))),
        name_chars=re.compile(rf"(?![{excluded}])[{HAN}{placeholders}]"),
        max_name=int(names["max_name_chars"]),
        not_places=frozenset(names["not_places"]),
        not_single=frozenset(names["not_single_names"]),
        prefixes=tuple(sorted(names["strip_prefixes"], key=len, reverse=True)),
        followers=tuple(names["followers"]),
        department=re.compile(
            rf"[{HAN}]{{1,{int(names['max_department_chars'])}}}?"
            rf"(?:{'|'.join(sorted(names['department_suffixes'], key=len, reverse=True))})"
            rf"(?=\d|[二〇]|关于|[（(\s]|$)"
        ),
        government=tuple(sorted(names["government_suffixes"], key=len, reverse=True)),
        pronoun_prefixes=tuple(pronouns["prefixes"]),
        pronoun_levels=dict(pronouns["levels"]),
        title_words=tuple(document["title_words"]),
        max_title=int(document["max_title_chars"]),
        last_year_words=tuple(document["last_year_words"]),
        signature_suffixes=tuple(sorted(document["signature_suffixes"], key=len, reverse=True)),
        opening_anchor=re.compile(
            r"(?:(?:19|20)\d{2}\s*年度?(?:以来)?|"
            + "|".join(re.escape(lead) for lead in sorted(document["opening_leads"], key=len, reverse=True))
            + r")[，,]\s*"
        ),
    )


# --- title, dates, publisher, year --------------------------------------------


def _title(lines: list[str], metadata: dict, rules: _Rules) -> tuple[int, str | None]:
    """(line index, title): the first heading-like line naming the document."""
    for index, line in enumerate(lines[:6]):
        if (len(line) <= rules.max_title and "。" not in line and "，" not in line
                and not _SECTION.match(line) and any(word in line for word in rules.title_words)):
            return index, line
    title = metadata.get("title")
    if title:
        # "<title> - <site>" / "<title>_<site>": keep the document's part.
        title = re.split(r"\s*[_|｜]\s*|\s+-\s+", str(title).strip())[0] or None
    return -1, title


def _published(metadata: dict) -> str | None:
    for key in ("published", "written"):
        if metadata.get(key):
            return iso_date(str(metadata[key]))
    return None


def _signature(lines: list[str], rules: _Rules) -> tuple[str | None, str | None]:
    """(publisher, ISO date) from the signature at the end, if there is one."""
    tail = lines[-6:]
    for i in range(len(tail) - 1, -1, -1):
        line = tail[i]
        date = iso_date(line) if len(line) <= 40 else None
        name = _DATE_TEXT.sub("", line).strip() if date else line
        if date and not name and i > 0:
            name = tail[i - 1]
        if name and len(name) <= 40 and "。" not in name and name.endswith(rules.signature_suffixes):
            if date or name.endswith(rules.government):
                return name, date
    return None, None


_DATE_TEXT = re.compile(
    r"(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s*[年\-/.]\s*[\d一二三四五六七八九十]{1,3}\s*[月\-/.]"
    r"\s*[\d一二三四五六七八九十]{1,3}\s*日?"
)


def _header_org(lines: list[str], rules: _Rules) -> str | None:
    """A government named on a line of its own above the text (奉节县永乐镇人民政府)."""
    for line in lines[:4]:
        if len(line) <= 30 and line.endswith(rules.government) and not _BOUNDARY.search(line):
            return line
    return None


def _org_like(value: object, rules: _Rules) -> str | None:
    if isinstance(value, str) and value.endswith(rules.signature_suffixes):
        return value
    return None


def _year(title: str | None, opening: str, published: str | None, rules: _Rules) -> int | None:
    if title and (match := _YEAR.search(_arabic_years(title))):
        return int(match[1])
    opening = _arabic_years(opening)
    if match := _OPENING_YEAR.search(opening):
        return int(match[1] or match[2])
    if published and any(word in opening for word in rules.last_year_words):
        return int(published[:4]) - 1
    if match := _YEAR.search(opening[:300]):
        return int(match[1])
    return None


def _arabic_years(text: str) -> str:
    return _CN_YEAR.sub(lambda m: m[0].translate(_CN_YEAR_DIGITS), text)


# --- jurisdiction ------------------------------------------------------------


def _jurisdiction(text: str, title: str | None, publisher: str | None, signature: str | None,
                  opening: str, rules: _Rules) -> JurisdictionRef | None:
    chains: list[list[Place]] = []
    if title:
        chains += _chains_in(title, rules, anchors=_title_anchors(title, rules))
    for org in (publisher, signature):
        if org and (chain := _chain_at(org, _skip_prefix(org, 0, rules), rules, strict=False)):
            chains.append(chain)
    for match in rules.opening_anchor.finditer(opening):
        if chain := _chain_at(opening, match.end(), rules, strict=True):
            chains.append(chain)
    if chains:
        return _to_ref(_best_chain(chains, rules))
    return _from_pronoun(text, rules)


def _title_anchors(title: str, rules: _Rules) -> list[int]:
    anchors = [_skip_prefix(title, 0, rules)]
    anchors += [m.end() for m in _BOUNDARY.finditer(title)]
    anchors += [m.end() for m in re.finditer("关于", title)]
    return sorted(set(a for a in anchors if a < len(title)))


def _chains_in(text: str, rules: _Rules, anchors: list[int]) -> list[list[Place]]:
    found = []
    for anchor in anchors:
        if chain := _chain_at(text, anchor, rules, strict=True):
            found.append(chain)
    return found


def _skip_prefix(text: str, pos: int, rules: _Rules) -> int:
    for prefix in rules.prefixes:
        if text.startswith(prefix, pos):
            return pos + len(prefix)
    return pos


def _chain_at(text: str, pos: int, rules: _Rules, *, strict: bool) -> list[Place] | None:
    """The longest chain of places written from ``pos`` on (奉节县永乐镇).

    ``strict``: the chain must be followed by a follower word, a digit,
    punctuation or the end (titles, opening sentences). Otherwise (a
    publisher's name) it must only not run on into another level suffix.
    """

    def ends_cleanly(end: int) -> bool:
        rest = text[end:]
        if not rest or _BOUNDARY.match(rest):
            return True
        if strict:
            return rest.startswith(rules.followers) or rules.department.match(rest) is not None
        return not any(rest.startswith(suffix) for suffix, _ in rules.levels)

    def parse(start: int, depth: int) -> list[Place] | None:
        if depth and (government := next((g for g in rules.government if text.startswith(g, start)), None)):
            # 江滨区人民政府南门街道办事处: the street is in the district.
            if (rest := parse(start + len(government), depth)) is not None:
                return rest
        if depth < 4:
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
                            return [(text[start:end], level), *rest]
                        if ends_cleanly(end):
                            return [(text[start:end], level)]
        return None

    return parse(pos, 0)


def _is_place(token: str, name: str, level: str, rules: _Rules) -> bool:
    if token in rules.not_places:
        return False
    if not name:
        return level == "zone"  # 高新区 on its own: a zone of the place before it
    return not (len(name) == 1 and name in rules.not_single)


def _best_chain(chains: list[list[Place]], rules: _Rules) -> list[Place]:
    """The first chain's own place, with the longest stated parent chain."""
    primary = _merge_zone(chains[0], rules)
    own = primary[-1]
    if own[0] in rules.zone_suffixes():
        # A bare 高新区: a longer zone name elsewhere (济宁高新区) is the same zone.
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


def _merge_zone(chain: list[Place], rules: _Rules) -> list[Place]:
    """济宁市 + 高新区 -> 济宁高新区 (a zone is named with its city)."""
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


def _strip_level(name: str, level: str, rules: _Rules) -> str:
    for suffix, suffix_level in rules.levels:
        if suffix_level == level and name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def _to_ref(chain: list[Place]) -> JurisdictionRef:
    parents = [JurisdictionRef(name=name, level=level) for name, level in reversed(chain[:-1])]
    name, level = chain[-1]
    return JurisdictionRef(name=name, level=level, parents=parents)


def _from_pronoun(text: str, rules: _Rules) -> JurisdictionRef | None:
    """我县 + the county most often named in the text -> that county."""
    counts = Counter()
    for form, level in rules.pronoun_levels.items():
        for prefix in rules.pronoun_prefixes:
            counts[form] += text.count(prefix + form)
    if not counts or counts.most_common(1)[0][1] == 0:
        return None
    form = counts.most_common(1)[0][0]
    name = _most_named(text, form, rules)
    return JurisdictionRef(name=name, level=rules.pronoun_levels[form]) if name else None


def _most_named(text: str, suffix: str, rules: _Rules) -> str | None:
    """The most frequent "<name><suffix>" in the text, name grown leftwards
    while most occurrences share the next character (攸县, 奉节县)."""
    counts: Counter[str] = Counter()
    for match in re.finditer(re.escape(suffix), text):
        for size in range(1, 5):
            start = match.start() - size
            name = text[start:match.start()] if start >= 0 else ""
            if not name or not rules.name_chars.match(name[0]):
                break
            counts[name] += 1
    singles = [(n, c) for n, c in counts.items() if len(n) == 1
               and _is_place(n + suffix, n, "", rules) and n not in rules.pronoun_prefixes]
    if not singles:
        return None
    name, count = max(singles, key=lambda nc: (nc[1], nc[0]))
    if count < 2:
        return None
    while len(name) < 4:
        longer = [(n, c) for n, c in counts.items() if len(n) == len(name) + 1 and n.endswith(name)]
        if not longer:
            break
        best, best_count = max(longer, key=lambda nc: (nc[1], nc[0]))
        if best_count < 0.6 * count or not _is_place(best + suffix, best, "", rules):
            break
        name, count = best, best_count
    token = name + suffix
    return None if token in rules.not_places else token
