"""Records -> plain rows (pure): what one document contributes to the graph.

:func:`generate_document_rows` turns one :class:`~kg.model.DocumentRecord`
into nodes (by label, with their deterministic keys), mentions, chunks and
facts; no store is needed. The statements that write them are in
``kg/store/statements.py``, the loading itself in ``kg/store/loader.py``.

>>> from kg.model import DocumentRecord, JurisdictionRef
>>> rows = generate_document_rows(DocumentRecord(doc_id="a" * 64, source="x.txt",
...     year=2020, jurisdiction=JurisdictionRef(name="永乐镇",
...     parents=[JurisdictionRef(name="奉节县")])))
>>> [e["key"] for e in rows.entities["Jurisdiction"]]
['奉节县/永乐镇', '奉节县']
>>> [(f["type"], f["source"], f["target"]) for f in rows.facts]
[('PART_OF', '奉节县/永乐镇', '奉节县')]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.model import ROOT_JURISDICTION_ID, STATUS_RANK, DocumentRecord, Entity, Indicator, Span
from kg.store import identity, keys
from kg.store.merges import NO_MERGES, Merges



@dataclass
class DocumentRows:
    """Everything one document contributes to the graph, as plain rows."""

    document: dict[str, Any]
    chunks: list[dict[str, Any]] = field(default_factory=list)
    # label -> [{"key": ..., "props": {...}}]
    entities: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    about: str | None = None  # key of the report's own jurisdiction
    # {"type", "source", "target", "chunks": [...], "status"}
    facts: list[dict[str, Any]] = field(default_factory=list)
    # Facts naming the report's jurisdiction (j0) in a record that has none.
    unplaced_facts: int = 0


def chunk_id(doc_id: str, index: int) -> str:
    return f"{doc_id}:{index}"


def _props(**values: Any) -> dict[str, Any]:
    """Properties without the unknown ones (null is "not set" in a graph)."""
    return {k: v for k, v in values.items() if v is not None}


def generate_document_rows(record: DocumentRecord, merges: Merges = NO_MERGES) -> DocumentRows:
    """The rows one record contributes to the graph (pure function).

    Raises ValueError when the record contradicts itself
    (:meth:`~kg.model.DocumentRecord.check`).
    Facts about the report's own jurisdiction ("j0") in a record whose
    jurisdiction is unknown have no subject: they are skipped and counted in
    ``unplaced_facts``. Keys go through the accepted ``merges``
    (kg/store/merges.py); jurisdictions are keyed by kg/store/identity.py.
    """
    return _RowBuilder(record.check(), merges).build()


def _document_row(record: DocumentRecord, merges: Merges) -> dict[str, Any]:
    versions = record.versions
    return _props(
        id=record.doc_id, title=record.title, year=record.year, published=record.published,
        publisher=record.publisher, source=record.source, url=record.url,
        # What produced the facts: kg, its vocabulary, its rules, the gazetteer.
        extractor=f"kg {versions.kg}" if versions else None,
        lexicon=versions.lexicon if versions else None,
        rules=versions.rules if versions else None,
        gazetteer=versions.gazetteer if versions else None,
        merges=merges.digest)


class _RowBuilder:
    """The state of :func:`generate_document_rows` for one record: entity ids
    resolved to node keys, nodes and facts gathered, then the rows."""

    def __init__(self, record: DocumentRecord, merges: Merges) -> None:
        self.record = record
        self.merges = merges
        self.doc_id = record.doc_id
        self.rows = DocumentRows(document=_document_row(record, merges))
        self.chunk_texts: dict[int, tuple[int, str]] = {}
        self.nodes: dict[str, tuple[str, dict[str, Any]]] = {}  # key -> (label, props)
        self.ids: dict[str, str] = {}  # entity id -> key
        self.placed = identity.place_record(record, merges)
        self.facts: dict[tuple[str, str, str], dict[str, Any]] = {}
        self.by_id = {e.id: e for e in record.entities}
        self.parent_of = {r.source: r.target for r in record.relations if r.type == "PART_OF"
                          and self.by_id.get(r.source, None) is not None
                          and self.by_id[r.source].type == "Jurisdiction"}
        # Where the record does not say which jurisdiction it is about, "its
        # jurisdiction" is this document's alone: never merged with another's.
        self.unknown_place = f"?{self.doc_id}"

    def build(self) -> DocumentRows:
        self._chunks()
        self._own_jurisdiction()
        # Jurisdiction entities first: other keys are built from theirs.
        for entity in sorted(self.record.entities, key=lambda e: e.type != "Jurisdiction"):
            self._entity(entity)
        for relation in self.record.relations:
            if not self._unplaced(relation.source, relation.target):
                self._fact(relation.type, self.ids[relation.source], self.ids[relation.target],
                           self._evidence_chunk(relation.evidence),
                           relation.status or ("in_place" if relation.type == "HAS_MECHANISM" else None))
        for indicator in self.record.indicators:
            self._indicator(indicator)
        return self._finish()

    def _chunks(self) -> None:
        for chunk in sorted(self.record.chunks, key=lambda c: c.index):
            self.rows.chunks.append({"id": chunk_id(self.doc_id, chunk.index), "doc_id": self.doc_id,
                                     "index": chunk.index, "text": chunk.text,
                                     "start": chunk.start, "end": chunk.end})
            self.chunk_texts[chunk.index] = (chunk.start, chunk.text)

    def _evidence_chunk(self, span: Span) -> str:
        return chunk_id(self.doc_id, span.sentence)  # the span lies in it: record.check()

    def _add_node(self, label: str, key: str, props: dict[str, Any]) -> str:
        key = self.merges.key(key)
        if key in self.nodes:  # two ids for one thing: keep what is known
            known = self.nodes[key][1]
            known.update({k: v for k, v in props.items() if k not in known})
        else:
            self.nodes[key] = (label, props)
        return key

    def _own_jurisdiction(self) -> None:
        """The report's own jurisdiction (j0): its key from identity."""
        if self.placed.own is not None:
            self.ids[ROOT_JURISDICTION_ID] = self.rows.about = self.placed.own

    def _jurisdiction_of(self, entity_id: str, seen: frozenset[str] = frozenset()) -> str:
        ids, by_id = self.ids, self.by_id
        if entity_id in ids:
            return ids[entity_id]
        parent = self.parent_of.get(entity_id)
        parent_known = parent is not None and parent not in seen and (
            parent == ROOT_JURISDICTION_ID and ROOT_JURISDICTION_ID in ids
            or parent in by_id and by_id[parent].type == "Jurisdiction")
        key = identity.entity_key(self.placed, by_id[entity_id],
                                  self._jurisdiction_of(parent, seen | {entity_id}) if parent_known else None)
        ids[entity_id] = key
        return key

    def _resolve_jurisdiction(self, entity: Entity) -> str | None:
        ref = entity.jurisdiction
        if ref is None:
            return None
        if ref in self.ids or (ref in self.by_id and self.by_id[ref].type == "Jurisdiction"):
            return self._jurisdiction_of(ref)
        return self.unknown_place  # j0 in a record without one (record.check() lets nothing else by)

    def _entity(self, entity: Entity) -> None:
        if entity.type == "Jurisdiction":
            key = self._jurisdiction_of(entity.id)  # its node comes with the placed ones
        elif entity.type in ("Body", "Center"):
            kind = entity.kind or entity.name
            scope = identity.institution_scope(self.placed, entity, self._resolve_jurisdiction(entity),
                                               self.unknown_place)
            key = self._add_node(entity.type, keys.institution_key(entity.type, kind, entity.name, scope),
                                 _props(kind=kind, name=entity.name, canonical=entity.canonical))
        elif entity.type == "Mechanism":
            key = self._add_node("Mechanism", keys.mechanism_key(entity.name), _props(
                name=entity.name, category=entity.category, canonical=entity.canonical))
        else:  # Actor
            role = entity.role or entity.name
            place = (self._resolve_jurisdiction(entity)
                     or self.ids.get(ROOT_JURISDICTION_ID, self.unknown_place))
            key = self._add_node("Actor", keys.actor_key(role, place, entity.person),
                                 _props(role=role, person=entity.person, count=entity.count))
        self.ids[entity.id] = key
        for mention in entity.mentions:
            self.rows.mentions.append({
                "key": key, "chunk": self._evidence_chunk(mention),
                "start": mention.start, "end": mention.end, "text": mention.text})

    def _fact(self, type_: str, source: str, target: str, chunk: str | None,
              status: str | None) -> None:
        if source == target:
            return  # two names of one node: no fact
        entry = self.facts.setdefault((type_, source, target), {"chunks": [], "status": None})
        if chunk is not None and chunk not in entry["chunks"]:
            entry["chunks"].append(chunk)
        if status is not None and (entry["status"] is None
                                   or STATUS_RANK[status] < STATUS_RANK[entry["status"]]):
            entry["status"] = status

    def _unplaced(self, *ends: str) -> bool:
        if ROOT_JURISDICTION_ID in ends and ROOT_JURISDICTION_ID not in self.ids:
            self.rows.unplaced_facts += 1
            return True
        return False

    def _indicator(self, indicator: Indicator) -> None:
        if indicator.entity not in self.ids:
            self._unplaced(indicator.entity)  # j0 in a record without one: counted
        key = keys.indicator_key(self.doc_id, indicator.metric, indicator.value, indicator.unit)
        self._add_node("Indicator", key, _props(
            metric=indicator.metric, value=indicator.value, unit=indicator.unit,
            approx=indicator.approx, year=indicator.year, text=indicator.text or None))
        evidence = indicator.evidence
        chunk = self._evidence_chunk(evidence)
        start, text = self.chunk_texts[evidence.sentence]
        self.rows.mentions.append({
            "key": key, "chunk": chunk, "start": evidence.start, "end": evidence.end,
            "text": text[evidence.start - start:evidence.end - start]})
        if indicator.entity in self.ids:
            self._fact("REPORTS", self.ids[indicator.entity], key, chunk, None)

    def _finish(self) -> DocumentRows:
        rows, key = self.rows, self.merges.key
        for node, props in self.placed.nodes.items():
            self._add_node("Jurisdiction", node, _props(**props))
        for child, parent in self.placed.part_of:
            if key(child) != key(parent):
                self.facts.setdefault(("PART_OF", key(child), key(parent)), {"chunks": [], "status": None})
        rows.facts = [{"type": t, "source": s, "target": g, **entry}
                      for (t, s, g), entry in self.facts.items()]
        linked = self._linked()
        rows.facts = [f for f in rows.facts if not self._containment(f) or f["source"] in linked]
        rows.mentions = [m for m in rows.mentions if m["key"] in linked]
        # Only the sentences that are evidence of a mention or a fact are kept:
        # the others serve no query and no provenance, and were half of the
        # graph's chunks (their text stays in the extraction output).
        evidence = {m["chunk"] for m in rows.mentions} | {c for f in rows.facts for c in f["chunks"]}
        rows.chunks = [c for c in rows.chunks if c["id"] in evidence]
        for node, (label, props) in self.nodes.items():
            if node in linked:
                rows.entities.setdefault(label, []).append({"key": node, "props": props})
        return rows

    def _containment(self, fact: dict[str, Any]) -> bool:
        return fact["type"] == "PART_OF" and self.nodes[fact["source"]][0] == "Jurisdiction"

    def _linked(self) -> set[str]:
        """The nodes that are loaded. Entities with no mention and no fact have
        no evidence; nor has a jurisdiction only named in passing (a list of
        neighbours). The chain above a loaded jurisdiction comes with it."""
        rows = self.rows
        linked = {m["key"] for m in rows.mentions if self.nodes[m["key"]][0] != "Jurisdiction"} | {rows.about}
        linked |= {end for f in rows.facts if not self._containment(f) for end in (f["source"], f["target"])}
        # A jurisdiction may be placed in two parents (the report's own words
        # and the registry's): every chain above it comes, or a PART_OF would
        # point at a node that is not loaded.
        above: dict[str, list[str]] = {}
        for f in rows.facts:
            if self._containment(f):
                above.setdefault(f["source"], []).append(f["target"])
        todo = list(linked)
        while todo:
            for parent in above.get(todo.pop(), []):
                if parent not in linked:
                    linked.add(parent)
                    todo.append(parent)
        return linked
