"""One entity per thing within a report: an institution written with and
without its jurisdiction's name is one institution.

In 阴平镇's report, 社会治理服务联动中心 and 阴平镇社会治理服务联动中心 are one
center; in a county's report 执法协调小组 and 县执法协调小组 one group. Two Body
or Center entities of one kind are one when the longer name is the shorter
one with the report's own jurisdiction (its name, its name without the level
suffix, or the level word: 镇, 县 …) in front, and neither is tied to another
jurisdiction. The longer name is kept; mentions and facts move to it. Only
this exact shape merges: no similarity of strings does.
"""

from __future__ import annotations

from functools import lru_cache

from kg.lexicon import read_data
from kg.model import ROOT_JURISDICTION_ID, Entity, Indicator, JurisdictionRef, Relation

__all__ = ["unify_institutions"]


def _own_prefixes(own: JurisdictionRef | None) -> set[str]:
    """How a report writes "ours" in front of an institution: the own name,
    the name without its level suffix, the level word and its party
    committee (镇, 市委); every level word when the report's own is unknown."""
    levels = _levels()
    if own is None:
        return set(levels["institution_prefixes"])
    suffix = max((s for s in levels["suffixes"] if own.name.endswith(s)), key=len, default="")
    forms = {own.name, own.name + "委"}
    if suffix:
        forms |= {suffix, suffix + "委"}
        if len(own.name) - len(suffix) >= 2:
            forms.add(own.name[: -len(suffix)])  # 阴平 for 阴平镇
    return forms


@lru_cache(maxsize=1)
def _levels() -> dict:
    return read_data("lexicon/levels.toml")


def unify_institutions(own: JurisdictionRef | None, entities: list[Entity], relations: list[Relation],
                       indicators: list[Indicator]) -> tuple[list[Entity], list[Relation], list[Indicator]]:
    """The record's entities, relations and indicators with each institution once."""
    prefixes = _own_prefixes(own)
    local = [e for e in entities if e.type in ("Body", "Center")
             and e.jurisdiction in (None, ROOT_JURISDICTION_ID)]
    by_name = {(e.type, e.kind, e.name): e for e in local}
    into: dict[str, Entity] = {}
    for short in local:
        for prefix in prefixes:
            long = by_name.get((short.type, short.kind, prefix + short.name))
            if long is not None and long.id != short.id:
                into[short.id] = long
                break
    if not into:
        return entities, relations, indicators
    by_id = {e.id: e for e in entities}
    mentions: dict[str, list] = {}
    for short_id, long in into.items():
        mentions.setdefault(long.id, list(long.mentions)).extend(by_id[short_id].mentions)
    kept = []
    for entity in entities:
        if entity.id in into:
            continue
        if entity.id in mentions:
            unique = {(m.start, m.end): m for m in mentions[entity.id]}
            entity = entity.model_copy(update={"mentions": sorted(unique.values(), key=lambda m: m.start)})
        kept.append(entity)
    moved = {short_id: long.id for short_id, long in into.items()}
    seen, out = set(), []
    for relation in relations:
        if relation.source in moved or relation.target in moved:  # a copy only of what changes
            relation = relation.model_copy(update={"source": moved.get(relation.source, relation.source),
                                                   "target": moved.get(relation.target, relation.target)})
        key = (relation.type, relation.source, relation.target, relation.evidence.start, relation.evidence.end)
        if relation.source != relation.target and key not in seen:
            seen.add(key)
            out.append(relation)
    indicators = [i.model_copy(update={"entity": moved[i.entity]}) if i.entity in moved else i for i in indicators]
    return kept, out, indicators
