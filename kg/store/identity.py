"""Which node a record's jurisdictions and institutions are (docs/identity.md).

Keys come from identity, not from strings:

- a jurisdiction resolved to a division is keyed by its code, and its chain
  (province → prefecture → county) becomes nodes and PART_OF facts, so two
  reports of one town in different years, or one written 开县 and one
  开州区, meet in one node;
- a development zone is its name under its host's code;
- an unresolved own jurisdiction (anonymised, ambiguous, unknown) is the
  document's alone: merged only by a reviewed merge (``kg resolve``); a
  partial one (every division of its name lies in one province) likewise,
  PART_OF that province (or prefecture);
- an institution is kind + name + the jurisdiction it belongs to: the one
  the extractor names, else the report's own for a generic mention (the
  律师事务所 that advises a town is that town's), or the county (or city) for
  a body with a proper name, which is one node wherever that county's
  reports name it.

>>> from kg.model import DocumentRecord, JurisdictionRef, Place, Resolution
>>> own = JurisdictionRef(name="开县", level="county", code="500154",
...     chain=[Place(name="重庆市", level="province", code="500000"),
...            Place(name="开州区", level="district", code="500154")],
...     resolution=Resolution(status="resolved", reason="…"))
>>> placed = place_record(DocumentRecord(doc_id="ab" * 32, source="x", jurisdiction=own))
>>> placed.own, placed.scope, placed.part_of
('division:500154', 'division:500154', [('division:500154', 'division:500000')])
>>> placed.nodes["division:500154"]["name"], placed.nodes["division:500154"]["written"]
('开州区', '开县')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.gazetteer import is_anonymised
from kg.model import DocumentRecord, Entity, JurisdictionRef, Place
from kg.store import keys
from kg.store.merges import NO_MERGES, Merges

__all__ = ["Placed", "place_record", "entity_key", "institution_scope"]


@dataclass
class Placed:
    """The jurisdiction nodes of one record and the keys institutions hang on."""

    own: str | None = None  # key of the report's own jurisdiction
    scope: str | None = None  # key of its county (or city): where named bodies are one node
    province: str | None = None  # key of its province, once placed
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)  # key -> props
    part_of: list[tuple[str, str]] = field(default_factory=list)  # (child, parent)
    by_name: dict[str, str] = field(default_factory=dict)  # a name written or official -> key
    merges: Merges = NO_MERGES


def _chain_props(chain: list[Place]) -> dict[str, Any]:
    """Roll-up columns of every placed jurisdiction: its province and prefecture."""
    props: dict[str, Any] = {"province": chain[0].name, "province_code": chain[0].code}
    prefecture = next((p for p in chain[1:] if p.level == "city"), None)
    if prefecture is not None:
        props |= {"prefecture": prefecture.name, "prefecture_code": prefecture.code}
    county = next((p for p in chain if p.level in ("county", "district")), None)
    if county is not None:
        props |= {"county": county.name, "county_code": county.code}
    return props


def _add_chain(placed: Placed, chain: list[Place]) -> str:
    """Nodes and PART_OF facts of a chain; the key of its last division."""
    parent = None
    for i, division in enumerate(chain):
        key = keys.division_key(division.code)
        props = {"name": division.name, "level": division.level, "code": division.code,
                 **_chain_props(chain[: i + 1])}
        placed.nodes.setdefault(key, props)
        placed.by_name.setdefault(division.name, key)
        if parent is not None:
            placed.part_of.append((key, parent))
        parent = key
    return parent  # type: ignore[return-value]


def _county_scope(chain: list[Place]) -> str:
    """The deepest six-digit division of a chain: county, else city, else province."""
    code = [p.code for p in chain if len(p.code) == 6][-1]
    return keys.division_key(code)


def _placed_key(placed: Placed, ref: JurisdictionRef | Entity) -> str | None:
    """Key of a resolved jurisdiction or zone (adding its chain), else None."""
    status = ref.resolution.status if ref.resolution else None
    if status not in ("resolved", "host") or not ref.chain:
        return None
    last = _add_chain(placed, ref.chain)
    if status == "resolved":
        if ref.name != placed.nodes[last]["name"]:
            placed.nodes[last]["written"] = ref.name  # a former or short name (开县)
        return last
    zone = keys.zone_key(ref.name, ref.chain[-1].code)
    placed.nodes.setdefault(zone, {"name": ref.name, "level": "zone", "host_code": ref.chain[-1].code,
                                   **_chain_props(ref.chain)})
    placed.part_of.append((zone, last))
    return zone


def place_record(record: DocumentRecord, merges: Merges = NO_MERGES) -> Placed:
    """The own jurisdiction's node, its chain, and the scope of its bodies,
    with accepted merges applied (kg/store/merges.py)."""
    placed = Placed(merges=merges)
    root = record.jurisdiction
    if root is None:
        return placed
    key = _placed_key(placed, root)
    if key is not None:
        placed.own, placed.scope = key, _county_scope(root.chain)
        placed.province = keys.division_key(root.chain[0].code)
    elif root.resolution is None:  # a record from before resolution: the names written
        placed.own = placed.scope = _written_key(placed, root)
    else:
        placed.own, placed.scope = _unresolved_key(placed, root, record.doc_id)
        if root.resolution is not None and root.resolution.status == "partial":
            _under_shared_ancestor(placed, root)
    if root.resolution is not None and root.resolution.status in ("unresolved", "partial"):
        placed.nodes[placed.own]["reason"] = root.resolution.reason  # evidence for a reviewer
    placed.nodes[placed.own] = {k: v for k, v in placed.nodes[placed.own].items() if v is not None}
    placed.by_name[root.name] = placed.own
    return _merged(placed)


def _under_shared_ancestor(placed: Placed, root: JurisdictionRef) -> None:
    """A partial placement (every division of the name lies in one province
    or prefecture): the node stays the document's, PART_OF the deepest
    shared ancestor, with its province (and prefecture) columns, so roll-ups
    by province count it."""
    ancestor = _add_chain(placed, root.chain)
    if not any(child == placed.own for child, _ in placed.part_of):
        placed.part_of.append((placed.own, ancestor))
    placed.nodes[placed.own] |= _chain_props(root.chain)
    placed.province = keys.division_key(root.chain[0].code)


def _merged(placed: Placed) -> Placed:
    """The keys institutions are built on through the accepted merges (the
    loader maps every node key too)."""
    key = placed.merges.key
    placed.own = key(placed.own) if placed.own else None
    placed.scope = key(placed.scope) if placed.scope else None
    placed.by_name = {name: key(k) for name, k in placed.by_name.items()}
    return placed


def _unresolved_key(placed: Placed, root: JurisdictionRef, doc_id: str) -> tuple[str, str]:
    """(key, scope) of an own jurisdiction the gazetteer could not place.

    Under the nearest written parent that is placed (a village of a resolved
    town); else the names written (桐溪县/青石镇, or a name no division carries:
    a place the data does not know); but the document's alone when the name
    is anonymised, or carried by several divisions (or a village's) with no
    parent written to tell them apart: only a reviewed merge joins those.
    """
    parent = None if is_anonymised(root.name) else next(
        (k for k in (_placed_key(placed, ref) for ref in root.parents) if k), None)
    if parent is not None:
        key = f"{parent}/{root.name}"
        placed.part_of.append((key, parent))
        placed.nodes[key] = {"name": root.name, "level": root.level}
        return key, parent
    if is_anonymised(root.name) or (not _unknown_name(root) and not root.parents):
        key = f"{root.name}?{doc_id[:16]}"
        placed.nodes[key] = {"name": root.name, "level": root.level}
        return key, key
    key = _written_key(placed, root)
    return key, key


def _unknown_name(ref: JurisdictionRef | Entity) -> bool:
    """A name no division carries (not anonymised, not a village's): a place
    the data does not know, keyed by its name like any name-only place."""
    return (not is_anonymised(ref.name) and not (ref.resolution and ref.resolution.candidates)
            and ref.level not in ("village", "community"))


def _written_key(placed: Placed, root: JurisdictionRef) -> str:
    """The names written, outermost first (桐溪县/青石镇), each a node PART_OF the next."""
    names = [root.name, *(p.name for p in root.parents)]  # nearest first
    written = [keys.jurisdiction_key(n, list(reversed(names[i + 1:]))) for i, n in enumerate(names)]
    for ref, key in zip([root, *root.parents], written):
        placed.nodes.setdefault(key, {"name": ref.name, "level": ref.level})
        placed.by_name.setdefault(ref.name, key)
    placed.part_of += list(zip(written, written[1:]))
    return written[0]


def entity_key(placed: Placed, entity: Entity, parent: str | None) -> str:
    """Key of a jurisdiction the record names: its code once resolved; else
    its name under its parent, or under the report's own jurisdiction."""
    if entity.name in placed.by_name:
        return placed.by_name[entity.name]
    key = _placed_key(placed, entity)
    if key is None and entity.resolution is None:  # a record from before resolution
        key = f"{parent}/{entity.name}" if parent else entity.name
        placed.nodes.setdefault(key, {"name": entity.name, "level": entity.level})
    elif key is None and parent is None and _unknown_name(entity):
        # A place the data does not know: by its name, as its own report keys
        # it; within the province of a placed report (one name, two provinces:
        # two places).
        key = f"{placed.province}/{entity.name}" if placed.province else entity.name
        placed.nodes.setdefault(key, {"name": entity.name, "level": entity.level})
    elif key is None:  # unresolved: under its parent, else under the report's own
        scope = parent or placed.own
        key = f"{scope}/{entity.name}" if scope else f"?/{entity.name}"
        placed.nodes.setdefault(key, {"name": entity.name, "level": entity.level})
    key = placed.merges.key(key)
    placed.by_name[entity.name] = key
    return key


def institution_scope(placed: Placed, entity: Entity, named: str | None, unknown: str) -> str:
    """The jurisdiction key an institution is keyed with.

    ``named`` is the key of the jurisdiction the extractor tied it to, if
    any; ``unknown`` the document's own placeholder when the record has no
    jurisdiction.
    """
    if named is not None:
        return named
    proper = entity.canonical is False and entity.name != entity.kind
    return (placed.scope if proper else placed.own) or unknown
