"""The extractor's rule files (``kg/data/extract/*.toml``) as typed models.

Each file is validated when it loads: a key the extractor reads that is
missing or misspelt, or a value of the wrong type, fails at once with E120
naming the file and the key, instead of a ``KeyError`` mid-extraction. Keys
beyond those declared here are kept (``extra="allow"``), so a rule module can
grow a key before it is declared; the nested tables of ``relations.toml``,
``indicators.toml`` and the like are checked by the modules that read them.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from kg.datafiles import read_data
from kg.errors import Errors, KGError


class _RuleFile(BaseModel):
    model_config = ConfigDict(extra="allow")

    version: str


class NamesFile(_RuleFile):
    """``kg/data/extract/names.toml``."""

    stop_tokens: list[str]
    max_chars: int
    max_tokens: int
    posts: list[str]
    glued_forms: list[str]
    independent_kinds: list[str]
    named_kinds: list[str]
    place_trade_kinds: list[str]
    trade_chars: list[int]
    kind_levels: dict[str, Any]
    organs: dict[str, Any]
    heads: dict[str, Any]
    mentions: dict[str, Any]
    kind_rules: list[dict[str, Any]]


class SectionsFile(_RuleFile):
    """``kg/data/extract/sections.toml``."""

    planned_headings: list[str]
    planned_sentence: list[str]
    new_sentence: list[str]
    max_plain_heading_chars: int
    drafted_clause: list[str]
    done_clause: list[str]


class RelationsFile(_RuleFile):
    """``kg/data/extract/relations.toml``."""

    staffs: dict[str, Any]
    advises: dict[str, Any]
    leads: dict[str, Any]
    merged_into: dict[str, Any]
    integrates: dict[str, Any]
    operates: dict[str, Any]
    anaphora: dict[str, Any]
    part_of: dict[str, Any]


class MechanismsFile(_RuleFile):
    """``kg/data/extract/mechanisms.toml``."""

    quoted_suffixes: list[str]
    cue_gap: int
    cue_after: list[str]
    modifier_gap: int
    cue_heads: list[str]
    cue_before: list[str]
    shape_patterns: list[str]
    reject: list[str]
    not_mechanisms: list[str]
    reject_prefixes: list[str]
    contrast_before: str
    contrast_after: list[str]
    min_chars: int
    max_chars: int
    short_numbered: str
    short_numbered_heads: list[str]
    unquoted_shapes: list[str]
    suffixes: list[str]
    not_head_before: list[str]
    head_before: list[str]
    generic: list[str]
    generic_endings: list[str]
    pair_marks: str
    pair_endings: list[str]
    stop_tokens: list[str]
    numbered_prefix: str
    venue_heads: list[str]
    navigation_line: str
    min_name_chars: int
    max_name_chars: int
    max_name_tokens: int
    categories: dict[str, Any]
    implied: list[dict[str, Any]]


class IndicatorsFile(_RuleFile):
    """``kg/data/extract/indicators.toml``."""

    units: list[str]
    magnitudes: list[str]
    approx_after: list[str]
    approx_before: list[str]
    numeral_heads: list[str]
    ranks: dict[str, Any]
    numerals: dict[str, Any]
    skip: dict[str, Any]
    metric: dict[str, Any]


class ActorsFile(_RuleFile):
    """``kg/data/extract/actors.toml``."""

    measure_words: list[str]
    max_gap: int
    surnames: str
    person_name_stop: list[str]
    not_name_chars: str
    name_openers: list[str]
    title_openers: list[str]
    title_not_after: list[str]


FILES: dict[str, type[_RuleFile]] = {
    "names": NamesFile, "sections": SectionsFile, "relations": RelationsFile,
    "mechanisms": MechanismsFile, "indicators": IndicatorsFile, "actors": ActorsFile,
}


def read_rule_file(name: str) -> dict[str, Any]:
    """``kg/data/extract/<name>.toml`` validated by its model, as a plain dict;
    KGError E120 naming the file and the first bad key."""
    path = f"extract/{name}.toml"
    return parse_rule_file(name, read_data(path), f"kg/data/{path}")


def parse_rule_file(name: str, data: dict[str, Any], path: str) -> dict[str, Any]:
    """``data`` validated by the model of rule file ``name`` (E120 names ``path`` and the key)."""
    try:
        return FILES[name].model_validate(data).model_dump()
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"]) or "(top level)"
        raise KGError(Errors.E120, path=path, key=key, reason=err["msg"]) from None
