"""Load extraction output into the graph: idempotent, crash-safe, batched.

Pure parts and a thin writer, as in networkx's readwrite modules:

- :func:`generate_document_rows` turns one :class:`~kg.model.DocumentRecord`
  into plain rows (nodes, mentions, chunks, facts). Pure, no store needed.
- :func:`generate_write_statements` turns the rows of a batch into its
  ``UNWIND $rows AS r …`` statements (values only as parameters). Pure.
- :func:`load_records` looks each batch up in the graph, has the new
  documents parsed and their statements encoded (in a helper process from
  the second batch on, while the store writes the batch before) and writes them.

How a document gets into the graph, and why it is safe to kill at any point:

1. Its ``Document`` node is written first with ``complete = false`` and set to
   ``true`` as the very last write of its batch. A ``Document`` that is not
   complete counts as "not loaded": the next load withdraws whatever part of
   it got in, then loads it again.
2. A document already in the graph with the same id and ``complete`` is
   skipped without writing ("unchanged"). A document whose ``source`` is in
   the graph under another id is a new version: the old one is withdrawn
   first ("replaced").
3. Withdrawing notes on the ``Document`` which entities it touches, removes
   the doc id from every fact's ``docs`` (deleting facts left with none),
   deletes its chunks with their mentions, deletes those noted entities left
   with no relationship at all (every such entity, when the document was an
   interrupted load), and deletes the ``Document`` node last: until then a
   retry finds the document and its note, so a crash between those steps
   leaves nothing behind either.

Fact relationships carry ``docs`` (supporting document ids, in load order),
``chunks`` (evidence chunk ids), ``years`` (distinct report years, sorted);
``HAS_MECHANISM`` also ``statuses`` (one per entry of ``docs``) and
``status`` (the one of the latest report, by year).

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

import json
import os
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from dataclasses import dataclass, field
from typing import Any

from kg import __version__
from kg.errors import Errors, KGError
from kg.model import ROOT_JURISDICTION_ID, DocumentRecord, Entity, Span
from kg.store import keys, tallies
from kg.store.base import GraphStore
from kg.store.schema import DOCUMENT_TYPES, ENTITY_LABELS, FACT_TYPES

EXTRACTOR = f"kg {__version__}"
BATCH_SIZE = 50
# When a document states several statuses for one mechanism, the strongest wins.
STATUS_RANK = {"new": 2, "in_place": 1, "planned": 0}


# --------------------------------------------------------------------------
# Rows: record -> plain data (pure)
# --------------------------------------------------------------------------

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


def generate_document_rows(record: DocumentRecord) -> DocumentRows:
    """The rows one record contributes to the graph (pure function).

    Raises ValueError when the record contradicts itself (a relation naming an
    unknown entity, evidence in a sentence that is not among its chunks or
    outside its sentence, a mention whose text is not the text at its offsets).
    Facts about the report's own jurisdiction ("j0") in a record whose
    jurisdiction is unknown have no subject: they are skipped and counted in
    ``unplaced_facts``.
    """
    doc_id = record.doc_id
    rows = DocumentRows(document=_props(
        id=doc_id, title=record.title, year=record.year, published=record.published,
        publisher=record.publisher, source=record.source, extractor=EXTRACTOR))

    chunk_texts: dict[int, tuple[int, str]] = {}
    for chunk in sorted(record.chunks, key=lambda c: c.index):
        rows.chunks.append({"id": chunk_id(doc_id, chunk.index), "doc_id": doc_id,
                            "index": chunk.index, "text": chunk.text,
                            "start": chunk.start, "end": chunk.end})
        chunk_texts[chunk.index] = (chunk.start, chunk.text)

    def evidence_chunk(span: Span, what: str, text: str | None = None) -> str:
        """The chunk id of a span, after checking the span lies in its
        sentence and, for a mention, that ``text`` is what is there."""
        if span.sentence not in chunk_texts:
            raise ValueError(f"{what} cites sentence {span.sentence}, which is not among the chunks")
        start, sentence = chunk_texts[span.sentence]
        if not start <= span.start <= span.end <= start + len(sentence):
            raise ValueError(f"{what} at {span.start}-{span.end} lies outside sentence "
                             f"{span.sentence} ({start}-{start + len(sentence)})")
        if text is not None and sentence[span.start - start:span.end - start] != text:
            raise ValueError(f"{what}: {text!r} is not the text at {span.start}-{span.end}")
        return chunk_id(doc_id, span.sentence)

    nodes: dict[str, tuple[str, dict[str, Any]]] = {}  # key -> (label, props)

    def add_node(label: str, key: str, props: dict[str, Any]) -> None:
        if key in nodes:  # two ids for one thing: keep what is known
            nodes[key][1].update({k: v for k, v in props.items() if k not in nodes[key][1]})
        else:
            nodes[key] = (label, props)

    # Jurisdictions: the report's own (j0) and its parent chain.
    ids: dict[str, str] = {}  # entity id -> key
    jurisdiction_keys: dict[str, str] = {}  # name -> key, for jurisdictions named again
    facts: dict[tuple[str, str, str], dict[str, Any]] = {}
    root = record.jurisdiction
    if root is not None:
        chain = [root, *root.parents]  # nearest first
        names = [j.name for j in chain]
        chain_keys = [keys.jurisdiction_key(n, list(reversed(names[i + 1:])))
                      for i, n in enumerate(names)]
        for ref, key in zip(chain, chain_keys):
            add_node("Jurisdiction", key, _props(name=ref.name, level=ref.level))
            jurisdiction_keys.setdefault(ref.name, key)
        for child, parent in zip(chain_keys, chain_keys[1:]):
            facts[("PART_OF", child, parent)] = {"chunks": [], "status": None}
        ids[ROOT_JURISDICTION_ID] = chain_keys[0]
        rows.about = chain_keys[0]

    # Jurisdiction entities first: other keys are built from theirs.
    by_id = {e.id: e for e in record.entities}
    parent_of = {r.source: r.target for r in record.relations if r.type == "PART_OF"
                 and by_id.get(r.source, None) is not None
                 and by_id[r.source].type == "Jurisdiction"}

    def jurisdiction_of(entity_id: str, seen: frozenset[str] = frozenset()) -> str:
        if entity_id in ids:
            return ids[entity_id]
        entity = by_id[entity_id]
        if entity.name in jurisdiction_keys:
            key = jurisdiction_keys[entity.name]
        else:
            parent = parent_of.get(entity_id)
            parent_known = parent is not None and parent not in seen and (
                parent == ROOT_JURISDICTION_ID and ROOT_JURISDICTION_ID in ids
                or parent in by_id and by_id[parent].type == "Jurisdiction")
            key = (f"{jurisdiction_of(parent, seen | {entity_id})}/{entity.name}"
                   if parent_known else entity.name)
        ids[entity_id] = key
        return key

    # Where the record does not say which jurisdiction it is about, "its
    # jurisdiction" is this document's alone: never merged with another's.
    unknown_place = f"?{doc_id}"

    def resolve_jurisdiction(entity: Entity) -> str | None:
        ref = entity.jurisdiction
        if ref is None:
            return None
        if ref in ids or (ref in by_id and by_id[ref].type == "Jurisdiction"):
            return jurisdiction_of(ref)
        if ref == ROOT_JURISDICTION_ID:
            return unknown_place
        raise ValueError(f"entity {entity.id} names unknown jurisdiction {ref!r}")

    for entity in sorted(record.entities, key=lambda e: e.type != "Jurisdiction"):
        if entity.type == "Jurisdiction":
            key = jurisdiction_of(entity.id)
            add_node("Jurisdiction", key, _props(name=entity.name, level=entity.level))
        elif entity.type in ("Body", "Center"):
            kind = entity.kind or entity.name
            key = keys.institution_key(entity.type, kind, entity.name,
                                       resolve_jurisdiction(entity))
            add_node(entity.type, key, _props(kind=kind, name=entity.name,
                                              canonical=entity.canonical))
        elif entity.type == "Mechanism":
            key = keys.mechanism_key(entity.name)
            add_node("Mechanism", key, _props(name=entity.name, category=entity.category,
                                              canonical=entity.canonical))
        else:  # Actor
            role = entity.role or entity.name
            place = resolve_jurisdiction(entity) or ids.get(ROOT_JURISDICTION_ID, unknown_place)
            key = keys.actor_key(role, place, entity.person)
            add_node("Actor", key, _props(role=role, person=entity.person, count=entity.count))
        ids[entity.id] = key
        for mention in entity.mentions:
            rows.mentions.append({
                "key": key, "chunk": evidence_chunk(mention, f"entity {entity.id} mention", mention.text),
                "start": mention.start, "end": mention.end, "text": mention.text})

    def fact(type_: str, source: str, target: str, chunk: str | None,
             status: str | None) -> None:
        if source == target:
            return  # two names of one node: no fact
        entry = facts.setdefault((type_, source, target), {"chunks": [], "status": None})
        if chunk is not None and chunk not in entry["chunks"]:
            entry["chunks"].append(chunk)
        if status is not None and (entry["status"] is None
                                   or STATUS_RANK[status] > STATUS_RANK[entry["status"]]):
            entry["status"] = status

    def unplaced(*ends: str) -> bool:
        if ROOT_JURISDICTION_ID in ends and ROOT_JURISDICTION_ID not in ids:
            rows.unplaced_facts += 1
            return True
        return False

    for n, relation in enumerate(record.relations):
        if unplaced(relation.source, relation.target):
            continue
        ends = []
        for end in (relation.source, relation.target):
            if end not in ids:
                raise ValueError(f"relation {n} ({relation.type}) names unknown entity {end!r}")
            ends.append(ids[end])
        fact(relation.type, *ends, evidence_chunk(relation.evidence, f"relation {n} evidence"),
             relation.status or ("in_place" if relation.type == "HAS_MECHANISM" else None))

    for n, indicator in enumerate(record.indicators):
        if indicator.entity not in ids and not unplaced(indicator.entity):
            raise ValueError(f"indicator {n} belongs to unknown entity {indicator.entity!r}")
        key = keys.indicator_key(doc_id, indicator.metric, indicator.value, indicator.unit)
        add_node("Indicator", key, _props(
            metric=indicator.metric, value=indicator.value, unit=indicator.unit,
            approx=indicator.approx, year=indicator.year, text=indicator.text or None))
        chunk = evidence_chunk(indicator.evidence, f"indicator {n} evidence")
        start, text = chunk_texts[indicator.evidence.sentence]
        rows.mentions.append({
            "key": key, "chunk": chunk, "start": indicator.evidence.start,
            "end": indicator.evidence.end,
            "text": text[indicator.evidence.start - start:indicator.evidence.end - start]})
        if indicator.entity in ids:
            fact("REPORTS", ids[indicator.entity], key, chunk, None)

    rows.facts = [{"type": t, "source": s, "target": g, **entry}
                  for (t, s, g), entry in facts.items()]
    # Entities with no mention and no fact have no evidence: not loaded.
    linked = {m["key"] for m in rows.mentions} | {rows.about}
    linked |= {f["source"] for f in rows.facts} | {f["target"] for f in rows.facts}
    for key, (label, props) in nodes.items():
        if key in linked:
            rows.entities.setdefault(label, []).append({"key": key, "props": props})
    return rows


# --------------------------------------------------------------------------
# Statements: every Cypher text the loader sends (linted against Neo4j)
# --------------------------------------------------------------------------

# Field names of the parameter rows (``r.target``…) that are not graph
# properties; the Cypher linter is told about them.
ROW_FIELDS = ("a", "b", "doc", "target", "props", "mentions")

FIND_DOCUMENTS = (
    "MATCH (d:Document) WHERE d.id IN $ids OR d.source IN $sources "
    "RETURN d.id AS id, d.source AS source, d.complete AS complete, d.year AS year")
DOCUMENT_YEARS = "MATCH (d:Document) WHERE d.id IN $ids RETURN d.id AS id, d.year AS year"
EXISTING_KEYS = ("UNWIND $keys AS k MATCH (n:__Entity__ {key: k}) RETURN n.key AS key")
CREATE_DOCUMENTS = (
    "UNWIND $rows AS r MERGE (d:Document {id: r.id}) SET d += r, d.complete = false")
# One row per document with its chunks, each carrying its mentions: the
# FROM_CHUNK relationships are made while the new chunk is at hand (entities
# are written before chunks). NEXT_CHUNK links a document's chunks in reading
# order, found through the doc_id index.
CREATE_CHUNKS = (
    "UNWIND $docs AS doc MATCH (d:Document {id: doc.id}) "
    "UNWIND doc.chunks AS r "
    "CREATE (c:Chunk {id: r.id, doc_id: d.id, index: r.index, text: r.text, "
    "start: r.start, end: r.end})-[:FROM_DOCUMENT]->(d) "
    "WITH c, r UNWIND r.mentions AS m "
    "MATCH (e:__Entity__ {key: m.key}) "
    "CREATE (e)-[:FROM_CHUNK {start: m.start, end: m.end, text: m.text}]->(c)")
CREATE_NEXT_CHUNKS = (
    "UNWIND $ids AS id MATCH (c:Chunk {doc_id: id}) "
    "WITH id, c ORDER BY c.index "
    "WITH id, collect(c) AS chunks "
    "FOREACH (i IN range(1, size(chunks) - 1) | FOREACH (a IN [chunks[i - 1]] | "
    "FOREACH (b IN [chunks[i]] | CREATE (a)-[:NEXT_CHUNK]->(b))))")
# Every other entity may exist already and is merged; its properties are set
# only where they differ (setting an indexed property to its own value still
# re-indexes it, which made most of the cost). An indicator's key contains
# its doc id and a document is always written from scratch, so indicators are
# created, with the REPORTS facts that lead to them.
WRITE_ENTITIES = {
    label: (f"UNWIND $rows AS r MERGE (n:{label}:__Entity__ {{key: r.key}}) "
            "WITH n, r WHERE any(k IN keys(r.props) WHERE n[k] IS NULL OR n[k] <> r.props[k]) "
            "SET n += r.props")
    for label in ENTITY_LABELS if label != "Indicator"
}
CREATE_INDICATORS = (
    "UNWIND $rows AS r CREATE (i:Indicator:__Entity__ {key: r.key}) SET i += r.props "
    "WITH i, r UNWIND r.reports AS f "
    "MATCH (owner:__Entity__ {key: f.source}) "
    "CREATE (owner)-[:REPORTS {docs: f.docs, chunks: f.chunks, years: f.years}]->(i)")
MERGE_ABOUT = (
    "UNWIND $rows AS r MATCH (d:Document {id: r.doc}) MATCH (j:Jurisdiction {key: r.key}) "
    "MERGE (d)-[:ABOUT]->(j)")
EXISTING_FACTS = {
    t: ("UNWIND $rows AS r "
        f"MATCH (a:__Entity__ {{key: r.source}})-[:{t}]->(b:__Entity__ {{key: r.target}}) "
        "RETURN r.source AS source, r.target AS target")
    for t in FACT_TYPES
}
FIND_FACTS_OF_DOCUMENTS = (
    "MATCH (a:__Entity__)-[f]->(b:__Entity__) WHERE any(d IN f.docs WHERE d IN $ids) "
    "RETURN type(f) AS type, a.key AS source, b.key AS target, "
    "f.docs AS docs, f.statuses AS statuses")
# Evidence lists grow with the corpus: appended and filtered in the server,
# never read back.
DROP_EVIDENCE_OF_DOCUMENTS = (
    "MATCH (:__Entity__)-[f]->(:__Entity__) WHERE any(d IN f.docs WHERE d IN $ids) "
    "SET f.chunks = [c IN f.chunks WHERE NOT split(c, ':')[0] IN $ids]")
# Adding support is done in the server without reading the (growing) lists
# back: new doc ids and chunk ids are appended, years inserted in order, and
# the status taken when the batch's latest report is at least as recent as
# every report already supporting the fact (ties: the later load wins).
_INSERT_YEARS = ("reduce(acc = old_years, y IN r.years | CASE WHEN y IN acc THEN acc "
                 "ELSE [x IN acc WHERE x < y] + [y] + [x IN acc WHERE x > y] END)")
MERGE_FACTS = {
    t: ("UNWIND $rows AS r MATCH (a:__Entity__ {key: r.source}) "
        "MATCH (b:__Entity__ {key: r.target}) "
        f"MERGE (a)-[f:{t}]->(b) "
        "WITH f, r, coalesce(f.docs, []) AS old_docs, coalesce(f.years, []) AS old_years, "
        "coalesce(f.chunks, []) AS old_chunks "
        "SET f.docs = old_docs + [d IN r.docs WHERE NOT d IN old_docs], "
        "f.chunks = old_chunks + [c IN r.chunks WHERE NOT c IN old_chunks], "
        f"f.years = {_INSERT_YEARS}"
        + (", f.statuses = coalesce(f.statuses, []) + "
           "[i IN range(0, size(r.docs) - 1) WHERE NOT r.docs[i] IN old_docs | r.statuses[i]], "
           "f.status = CASE WHEN coalesce(r.year, 0) >= "
           "reduce(m = 0, y IN old_years | CASE WHEN y > m THEN y ELSE m END) "
           "THEN r.status ELSE f.status END" if t == "HAS_MECHANISM" else ""))
    for t in FACT_TYPES
}
# Withdrawing support: the remaining lists are computed by the loader.
SET_FACTS = {
    t: ("UNWIND $rows AS r "
        f"MATCH (a:__Entity__ {{key: r.source}})-[f:{t}]->(b:__Entity__ {{key: r.target}}) "
        "SET f.docs = r.docs, f.years = r.years"
        + (", f.statuses = r.statuses, f.status = r.status" if t == "HAS_MECHANISM" else ""))
    for t in FACT_TYPES
}
DELETE_FACTS = {
    t: ("UNWIND $rows AS r "
        f"MATCH (a:__Entity__ {{key: r.source}})-[f:{t}]->(b:__Entity__ {{key: r.target}}) "
        "DELETE f")
    for t in FACT_TYPES
}
DELETE_CHUNKS = "MATCH (c:Chunk) WHERE c.doc_id IN $ids DETACH DELETE c"
DELETE_DOCUMENTS = "MATCH (d:Document) WHERE d.id IN $ids DETACH DELETE d"
# Entities a withdrawal may leave without any relationship: the ends of the
# facts (FIND_FACTS_OF_DOCUMENTS), what the chunks mention, the ABOUT target,
# and those noted by an earlier, interrupted attempt.
WITHDRAW_CANDIDATES = (
    "MATCH (d:Document) WHERE d.id IN $ids "
    "OPTIONAL MATCH (d)-[:ABOUT]->(j:Jurisdiction) "
    "RETURN d.withdrawing AS noted, j.key AS about")
MENTIONED_ENTITIES = (
    "MATCH (e:__Entity__)-[:FROM_CHUNK]->(c:Chunk) WHERE c.doc_id IN $ids "
    "RETURN DISTINCT e.key AS key")
NOTE_WITHDRAWING = "MATCH (d:Document) WHERE d.id IN $ids SET d.withdrawing = $keys"
DELETE_ABOUT = "MATCH (d:Document)-[a:ABOUT]->() WHERE d.id IN $ids DELETE a"
# An entity is an orphan when nothing of a document links it: the tallies'
# relationships (derived, kg/store/tallies.py) do not count and go with it.
_SUPPORT = "|".join(DOCUMENT_TYPES)
DELETE_ORPHANS_AMONG = (
    "UNWIND $keys AS k MATCH (n:__Entity__ {key: k}) "
    f"WHERE NOT (n)-[:{_SUPPORT}]-() DETACH DELETE n")
# After an interrupted load, entities MERGEd before their first mention
# cannot be found from the document: all entities are checked.
DELETE_ORPHANS = f"MATCH (n:__Entity__) WHERE NOT (n)-[:{_SUPPORT}]-() DETACH DELETE n"
MARK_COMPLETE = "UNWIND $ids AS id MATCH (d:Document {id: id}) SET d.complete = true"
# A damaged graph (see GraphStore.begin_load): every document counts as an
# interrupted load, so each one given is withdrawn and written again.
MARK_ALL_INCOMPLETE = "MATCH (d:Document) SET d.complete = false"
COUNT_WITHDRAWN = (
    "MATCH (c:Chunk) WHERE c.doc_id IN $ids OPTIONAL MATCH (c)<-[m:FROM_CHUNK]-() "
    "RETURN count(DISTINCT c) AS chunks, count(m) AS mentions")


# --------------------------------------------------------------------------
# Writes: rows of a batch -> statements (pure)
# --------------------------------------------------------------------------

Statement = tuple[str, dict[str, Any]]


def generate_write_statements(todo: list[tuple[DocumentRecord, DocumentRows]]) -> list[Statement]:
    """The statements that write a batch of new documents, in order: the
    documents (not complete), entities, indicators, chunks with mentions,
    ABOUT, facts, and last the mark that the documents are complete."""
    statements: list[Statement] = [
        (CREATE_DOCUMENTS, {"rows": [rows.document for _, rows in todo]})]
    entities: dict[str, dict[str, dict[str, Any]]] = {}
    for _, rows in todo:
        for label, items in rows.entities.items():
            if label == "Indicator":
                continue
            merged = entities.setdefault(label, {})
            for item in items:  # a later document's values win
                merged.setdefault(item["key"], {}).update(item["props"])
    statements += [(WRITE_ENTITIES[label], {"rows": [{"key": k, "props": p} for k, p in items.items()]})
                   for label, items in entities.items()]
    indicators = [row for record, rows in todo for row in _indicator_rows(record, rows)]
    if indicators:
        statements.append((CREATE_INDICATORS, {"rows": indicators}))
    docs = [_chunks_row(record, rows) for record, rows in todo if rows.chunks]
    if docs:
        statements.append((CREATE_CHUNKS, {"docs": docs}))
        statements.append((CREATE_NEXT_CHUNKS, {"ids": [doc["id"] for doc in docs]}))
    about = [{"doc": r.doc_id, "key": rows.about} for r, rows in todo if rows.about]
    if about:
        statements.append((MERGE_ABOUT, {"rows": about}))
    statements += _fact_statements(todo)
    statements.append((MARK_COMPLETE, {"ids": [r.doc_id for r, _ in todo]}))
    return statements


def _indicator_rows(record: DocumentRecord, rows: DocumentRows) -> list[dict[str, Any]]:
    years = [record.year] if record.year is not None else []
    reports: dict[str, list[dict[str, Any]]] = {}
    for f in rows.facts:
        if f["type"] == "REPORTS":
            reports.setdefault(f["target"], []).append(
                {"source": f["source"], "docs": [record.doc_id], "chunks": f["chunks"],
                 "years": years})
    return [{"key": item["key"], "props": item["props"], "reports": reports.get(item["key"], [])}
            for item in rows.entities.get("Indicator", [])]


def _chunks_row(record: DocumentRecord, rows: DocumentRows) -> dict[str, Any]:
    mentions: dict[str, list[dict[str, Any]]] = {}
    for m in rows.mentions:
        mentions.setdefault(m["chunk"], []).append(
            {"key": m["key"], "start": m["start"], "end": m["end"], "text": m["text"]})
    return {"id": record.doc_id, "chunks": [
        {"id": c["id"], "index": c["index"], "text": c["text"], "start": c["start"],
         "end": c["end"], "mentions": mentions.get(c["id"], [])} for c in rows.chunks]}


def _fact_statements(todo: list[tuple[DocumentRecord, DocumentRows]]) -> list[Statement]:
    merged: dict[tuple[str, str, str], dict[str, Any]] = {}
    for record, rows in todo:
        indicators = {i["key"] for i in rows.entities.get("Indicator", [])}
        for f in rows.facts:
            if f["type"] == "REPORTS" and f["target"] in indicators:
                continue  # created with its indicator (CREATE_INDICATORS)
            row = merged.setdefault((f["type"], f["source"], f["target"]), {
                "source": f["source"], "target": f["target"], "docs": [], "statuses": [],
                "chunks": [], "years": [], "year": None, "status": None})
            row["docs"].append(record.doc_id)
            row["statuses"].append(f["status"] or "")
            row["chunks"] += [c for c in f["chunks"] if c not in row["chunks"]]
            if record.year is not None and record.year not in row["years"]:
                row["years"].append(record.year)
            if row["year"] is None or (record.year or 0) >= row["year"]:
                row["year"], row["status"] = record.year or 0, f["status"]
    by_type: dict[str, list[dict[str, Any]]] = {}
    for (type_, _, _), row in merged.items():
        if type_ != "HAS_MECHANISM":  # only HAS_MECHANISM keeps statuses
            row = {k: row[k] for k in ("source", "target", "docs", "chunks", "years")}
        by_type.setdefault(type_, []).append(row)
    return [(MERGE_FACTS[type_], {"rows": rows}) for type_, rows in by_type.items()]


def statements() -> dict[str, str]:
    """Every statement the loader can send, by name (for the Cypher lint test)."""
    found = {
        "FIND_DOCUMENTS": FIND_DOCUMENTS, "DOCUMENT_YEARS": DOCUMENT_YEARS,
        "EXISTING_KEYS": EXISTING_KEYS, "CREATE_DOCUMENTS": CREATE_DOCUMENTS,
        "CREATE_CHUNKS": CREATE_CHUNKS, "CREATE_NEXT_CHUNKS": CREATE_NEXT_CHUNKS,
        "CREATE_INDICATORS": CREATE_INDICATORS,
        "MERGE_ABOUT": MERGE_ABOUT,
        "FIND_FACTS_OF_DOCUMENTS": FIND_FACTS_OF_DOCUMENTS,
        "DROP_EVIDENCE_OF_DOCUMENTS": DROP_EVIDENCE_OF_DOCUMENTS,
        "DELETE_CHUNKS": DELETE_CHUNKS, "DELETE_DOCUMENTS": DELETE_DOCUMENTS,
        "WITHDRAW_CANDIDATES": WITHDRAW_CANDIDATES, "MENTIONED_ENTITIES": MENTIONED_ENTITIES,
        "NOTE_WITHDRAWING": NOTE_WITHDRAWING, "DELETE_ABOUT": DELETE_ABOUT,
        "DELETE_ORPHANS_AMONG": DELETE_ORPHANS_AMONG,
        "DELETE_ORPHANS": DELETE_ORPHANS, "MARK_COMPLETE": MARK_COMPLETE,
        "COUNT_WITHDRAWN": COUNT_WITHDRAWN,
    }
    for group, table in (("WRITE_ENTITIES", WRITE_ENTITIES), ("EXISTING_FACTS", EXISTING_FACTS),
                         ("MERGE_FACTS", MERGE_FACTS), ("SET_FACTS", SET_FACTS),
                         ("DELETE_FACTS", DELETE_FACTS)):
        found |= {f"{group}[{k}]": v for k, v in table.items()}
    return found


# --------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------

@dataclass
class LoadReport:
    """What a load did (or, with ``dry_run``, would do)."""

    documents_loaded: int = 0
    documents_unchanged: int = 0
    documents_replaced: int = 0
    documents_failed: int = 0
    nodes_created: int = 0
    nodes_removed: int = 0
    relationships_created: int = 0
    relationships_removed: int = 0
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0  # the whole load, reading the records included
    store_seconds: float = 0.0  # talking to the store
    dry_run: bool = False

    def count(self, stats: dict[str, int]) -> None:
        self.nodes_created += stats.get("nodes_created", 0)
        self.nodes_removed += stats.get("nodes_deleted", 0)
        self.relationships_created += stats.get("relationships_created", 0)
        self.relationships_removed += stats.get("relationships_deleted", 0)

    @property
    def elements_per_second(self) -> float:
        written = (self.nodes_created + self.relationships_created
                   + self.nodes_removed + self.relationships_removed)
        return written / self.store_seconds if self.store_seconds else 0.0

    def summary(self) -> str:
        verb = "would load" if self.dry_run else "loaded"
        return (f"{verb} {self.documents_loaded} documents ({self.documents_replaced} replacing "
                f"an older version), {self.documents_unchanged} unchanged, "
                f"{self.documents_failed} failed; nodes +{self.nodes_created} "
                f"-{self.nodes_removed}, relationships +{self.relationships_created} "
                f"-{self.relationships_removed}; {self.seconds:.1f}s"
                + ("" if self.dry_run else f" ({self.elements_per_second:,.0f} elements/s)"))


Progress = Callable[[int, str, str], None]  # (documents done, doc id or source, outcome)


@dataclass
class _Prepared:
    """A batch's records parsed and their writes encoded for the store."""

    problems: list[str]  # why some items cannot be loaded (E201, E203), in input order
    warnings: list[str]
    years: dict[str, int | None]  # doc id -> report year, of the documents to write
    statements: list[tuple[str, dict[str, Any] | None]]  # encoded by the store's ``encode``
    todo: list[tuple[DocumentRecord, DocumentRows]] | None = None  # kept for a dry run only


def _prepare(items: list[DocumentRecord | RecordLine],
             encode: Callable[[str, dict[str, Any] | None], tuple[str, dict[str, Any] | None]],
             dry_run: bool) -> _Prepared:
    """Parse, check and turn into encoded statements the documents to write
    (E201 for a malformed line, E203 for a record contradicting itself).
    Pure and picklable both ways: it runs in a helper process."""
    prepared = _Prepared([], [], {}, [])
    todo: list[tuple[DocumentRecord, DocumentRows]] = []
    for item in items:
        record = item.record_or_error() if isinstance(item, RecordLine) else item
        if not isinstance(record, DocumentRecord):
            prepared.problems.append(str(record))
            continue
        try:
            rows = generate_document_rows(record)
        except ValueError as err:
            prepared.problems.append(str(KGError(Errors.E203, source=record.source, reason=err)))
            continue
        if rows.unplaced_facts:
            prepared.warnings.append(
                f"{record.source}: {rows.unplaced_facts} facts name the report's jurisdiction "
                "but the record has none; skipped")
        prepared.years[record.doc_id] = record.year
        todo.append((record, rows))
    if dry_run:
        prepared.todo = todo
    elif todo:
        prepared.statements = [encode(c, p) for c, p in generate_write_statements(todo)]
    return prepared


def load_records(store: GraphStore, records: Iterable[Any], *, dry_run: bool = False,
                 progress: Progress | None = None, batch_size: int = BATCH_SIZE) -> LoadReport:
    """Load a stream of :class:`DocumentRecord` (or :class:`RecordLine`) into ``store``.

    Items that are neither (``IngestProblem``, a :class:`KGError` from
    :func:`read_records`) are counted as failed and their message kept in
    ``report.problems``. A :class:`RecordLine` is parsed only when its
    document is not in the graph already. ``progress`` is called after each
    document with (documents done, doc id or source, outcome) where outcome is
    "loaded", "replaced", "unchanged" or "failed" (then the second value is
    the problem).

    >>> report = load_records(store, read_records("out.jsonl"))  # doctest: +SKIP
    """
    started = time.perf_counter()
    loader = _Loader(store, LoadReport(dry_run=dry_run), progress)
    if not dry_run and store.begin_load():
        store.query(MARK_ALL_INCOMPLETE, write=True)
    try:
        batch: list[DocumentRecord | RecordLine] = []
        for item in _written_up_to_a_failure(records, loader):
            if isinstance(item, RecordLine) and item.doc_id is None:
                item = item.record_or_error()
            if not isinstance(item, DocumentRecord | RecordLine):
                loader.add(batch)  # problems are reported in the order of the input
                loader.flush()
                batch = []
                loader.fail(str(item))
                continue
            # A second version of a source in one batch must wait for the first.
            if any(pending.source == item.source for pending in batch):
                loader.add(batch)
                batch = []
            batch.append(item)
            if len(batch) >= batch_size:
                loader.add(batch)
                batch = []
        loader.add(batch)
        loader.finish()
        if not dry_run:
            store.end_load()
    finally:
        loader.close()
    loader.report.seconds = time.perf_counter() - started
    return loader.report


def _exit_with(parent: int) -> None:
    """In the helper process: exit when the loading process is gone (killed
    loads must not leave it waiting for work forever)."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


class _Inline:
    """Runs a call at once and hands back its result as a future: the first
    batch is prepared in this process, so a small load starts no helper."""

    @staticmethod
    def submit(fn: Callable[..., Any], *args: Any) -> Future:
        future: Future = Future()
        future.set_result(fn(*args))
        return future


def _written_up_to_a_failure(records: Iterable[Any], loader: _Loader) -> Iterator[Any]:
    """The records; when reading them fails (``--strict``), the batches
    already given to the loader are written before the error goes on."""
    items = iter(records)
    while True:
        try:
            item = next(items)
        except StopIteration:
            return
        except Exception:
            loader.finish()
            raise
        yield item


@dataclass
class _Plan:
    """A batch after looking it up in the graph, before it is written."""

    items: list[DocumentRecord | RecordLine]
    found: list[dict[str, Any]]  # FIND_DOCUMENTS rows
    outcomes: list[tuple[str, str]]  # (doc id, "unchanged" | "loaded" | "replaced"), in order
    withdraw: set[str]
    prepared: Future | None = None  # of _prepare()

    def shares_documents_with(self, items: list[DocumentRecord | RecordLine]) -> bool:
        ours = {i.doc_id for i in self.items} | {i.source for i in self.items}
        return any(i.doc_id in ours or i.source in ours for i in items)


class _Loader:
    def __init__(self, store: GraphStore, report: LoadReport, progress: Progress | None) -> None:
        self.store = store
        self.report = report
        self.progress = progress
        self.done = 0
        self.seen: set[str] = set()  # doc ids handled in this run
        self.years: dict[str, int | None] = {}  # doc id -> report year
        self.pending: _Plan | None = None  # planned, being prepared, not written yet
        self.helper: ProcessPoolExecutor | None = None

    def close(self) -> None:
        if self.helper is not None:
            self.helper.shutdown(cancel_futures=True)

    def fail(self, message: str) -> None:
        self.report.documents_failed += 1
        self.report.problems.append(message)
        self._tick(message, "failed")

    def _tick(self, what: str, outcome: str) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, what, outcome)

    def add(self, batch: list[DocumentRecord | RecordLine]) -> None:
        """Plan ``batch`` and start preparing it, then write the batch before it.

        From the second batch on, a helper process parses records and
        encodes statements while this one waits for the store: the store's
        work and Python's then overlap on two cores. Planning reads the
        graph before the previous batch is written: that is safe because a
        batch sharing a document id or source with the previous one waits
        for it to be written first.
        """
        if not batch:
            return
        if self.pending is not None and self.pending.shares_documents_with(batch):
            self.flush()
        started = time.perf_counter()
        plan = self._plan(batch)
        self.report.store_seconds += time.perf_counter() - started
        work = [i for i, (_, outcome) in zip(plan.items, plan.outcomes) if outcome != "unchanged"]
        if self.pending is not None and self.helper is None and work:
            self.helper = ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn"),
                                              initializer=_exit_with, initargs=(os.getpid(),))
        plan.prepared = (self.helper or _Inline()).submit(
            _prepare, work, self.store.encode, self.report.dry_run)
        self.flush()
        self.pending = plan

    def finish(self) -> None:
        """Write the pending batch, then count the tallies again if a write
        made them stale (this load's or a killed one's)."""
        self.flush()
        if not self.report.dry_run:
            started = time.perf_counter()
            tallies.refresh_if_stale(self.store)
            self.report.store_seconds += time.perf_counter() - started

    def flush(self) -> None:
        """Write the pending batch, if any."""
        plan, self.pending = self.pending, None
        if plan is None:
            return
        prepared: _Prepared = plan.prepared.result()
        for problem in prepared.problems:
            self.fail(problem)
        self.report.warnings += prepared.warnings
        self.years |= prepared.years
        started = time.perf_counter()
        with self.store.transaction() as tx:
            if self.report.dry_run:
                self._estimate(tx, prepared.todo or [], plan.withdraw)
            elif plan.withdraw or prepared.statements:
                tx.query(tallies.MARK_STALE, write=True)
                if plan.withdraw:
                    interrupted = any(not d["complete"] for d in plan.found)
                    self._withdraw(tx, sorted(plan.withdraw), interrupted)
                for cypher, params in prepared.statements:
                    self._q(tx, cypher, params)
        self.report.store_seconds += time.perf_counter() - started
        for doc_id, outcome in plan.outcomes:
            if outcome != "unchanged" and doc_id not in prepared.years:
                continue  # failed, reported above
            if outcome == "unchanged":
                self.report.documents_unchanged += 1
            else:
                self.report.documents_loaded += 1
                self.report.documents_replaced += outcome == "replaced"
            self._tick(doc_id, outcome)

    def _plan(self, batch: list[DocumentRecord | RecordLine]) -> _Plan:
        found = self.store.query(FIND_DOCUMENTS, {
            "ids": [i.doc_id for i in batch], "sources": [i.source for i in batch]}).records()
        complete = {d["id"] for d in found if d["complete"]}
        plan = _Plan(batch, found, [], set())
        for item in batch:
            if item.doc_id in complete or item.doc_id in self.seen:
                plan.outcomes.append((item.doc_id, "unchanged"))
                continue
            older = {d["id"] for d in found if d["source"] == item.source and d["id"] != item.doc_id}
            partial = {d["id"] for d in found if d["id"] == item.doc_id}
            plan.withdraw |= older | partial
            self.seen.add(item.doc_id)
            plan.outcomes.append((item.doc_id, "replaced" if older else "loaded"))
        for d in found:
            self.years[d["id"]] = d["year"]
        return plan

    def _q(self, tx: GraphStore, cypher: str, params: dict[str, Any] | None) -> None:
        self.report.count(tx.query(cypher, params, write=True).stats)

    def _existing_facts(self, tx: GraphStore, facts: set[tuple[str, str, str]]) -> set:
        by_type: dict[str, list[dict[str, str]]] = {}
        for t, s, g in facts:
            by_type.setdefault(t, []).append({"source": s, "target": g})
        return {(t, f["source"], f["target"]) for t, rows in by_type.items()
                for f in tx.query(EXISTING_FACTS[t], {"rows": rows}).records()}

    def _learn_years(self, tx: GraphStore, doc_ids: set[str]) -> None:
        """Remember the report year of documents loaded by earlier runs."""
        unknown = sorted(d for d in doc_ids if d not in self.years)
        if unknown:
            for d in tx.query(DOCUMENT_YEARS, {"ids": unknown}).records():
                self.years[d["id"]] = d["year"]

    def _fact_row(self, type_: str, source: str, target: str, docs: list[str],
                  statuses: list[str]) -> dict[str, Any]:
        years = [self.years.get(d) for d in docs]
        row = {"source": source, "target": target, "docs": docs,
               "years": sorted({y for y in years if y is not None})}
        if type_ == "HAS_MECHANISM":
            # Latest report by year; among equal years the one loaded last.
            latest = max(range(len(docs)), key=lambda i: (years[i] or 0, i))
            row |= {"statuses": statuses, "status": statuses[latest] or None}
        return row

    def _withdraw(self, tx: GraphStore, doc_ids: list[str], interrupted: bool) -> None:
        """Remove everything of these documents; ``interrupted`` when one of
        them is an incomplete load (then every entity is checked for orphans)."""
        gone = set(doc_ids)
        found = tx.query(FIND_FACTS_OF_DOCUMENTS, {"ids": doc_ids}).records()
        candidates = {f["source"] for f in found} | {f["target"] for f in found}
        candidates |= {r["key"] for r in tx.query(MENTIONED_ENTITIES, {"ids": doc_ids}).records()}
        for row in tx.query(WITHDRAW_CANDIDATES, {"ids": doc_ids}).records():
            candidates |= set(row["noted"] or []) | ({row["about"]} if row["about"] else set())
        # Noted on the Documents, which go last: a retry still finds them.
        self._q(tx, NOTE_WITHDRAWING, {"ids": doc_ids, "keys": sorted(candidates)})
        self._learn_years(tx, {d for f in found for d in f["docs"] if d not in gone})
        updates: dict[str, list[dict[str, Any]]] = {}
        deletes: dict[str, list[dict[str, Any]]] = {}
        for f in found:
            keep = [i for i, d in enumerate(f["docs"]) if d not in gone]
            ends = {"source": f["source"], "target": f["target"]}
            if not keep:
                deletes.setdefault(f["type"], []).append(ends)
                continue
            statuses = f["statuses"] or [""] * len(f["docs"])
            updates.setdefault(f["type"], []).append(self._fact_row(
                f["type"], f["source"], f["target"], [f["docs"][i] for i in keep],
                [statuses[i] for i in keep]))
        if found:
            self._q(tx, DROP_EVIDENCE_OF_DOCUMENTS, {"ids": doc_ids})
        for type_, rows in deletes.items():
            self._q(tx, DELETE_FACTS[type_], {"rows": rows})
        for type_, rows in updates.items():
            self._q(tx, SET_FACTS[type_], {"rows": rows})
        self._q(tx, DELETE_CHUNKS, {"ids": doc_ids})
        self._q(tx, DELETE_ABOUT, {"ids": doc_ids})
        if interrupted:
            self._q(tx, DELETE_ORPHANS, {})
        else:
            self._q(tx, DELETE_ORPHANS_AMONG, {"keys": sorted(candidates)})
        # Last: while the Document exists, an interrupted withdrawal is redone.
        self._q(tx, DELETE_DOCUMENTS, {"ids": doc_ids})

    def _estimate(self, tx: GraphStore, todo: list[tuple[DocumentRecord, DocumentRows]],
                  withdraw: set[str]) -> None:
        """Dry run: count what the batch would create (removals of replaced
        versions are counted by their chunks and mentions)."""
        keys_wanted = sorted({e["key"] for _, rows in todo
                              for items in rows.entities.values() for e in items})
        existing = {r["key"] for r in tx.query(EXISTING_KEYS, {"keys": keys_wanted}).records()}
        new_facts = {(f["type"], f["source"], f["target"]) for _, rows in todo for f in rows.facts}
        known_facts = self._existing_facts(tx, new_facts)
        self.report.nodes_created += sum(1 + len(rows.chunks) for _, rows in todo)
        self.report.nodes_created += len(set(keys_wanted) - existing)
        self.report.relationships_created += sum(
            2 * len(rows.chunks) - (1 if rows.chunks else 0) + len(rows.mentions)
            + (1 if rows.about else 0) for _, rows in todo)
        self.report.relationships_created += len(new_facts - set(known_facts))
        if withdraw:
            counted = tx.query(COUNT_WITHDRAWN, {"ids": sorted(withdraw)}).records()[0]
            self.report.nodes_removed += counted["chunks"] + len(withdraw)
            self.report.relationships_removed += counted["mentions"]


# --------------------------------------------------------------------------
# Reading JSON Lines
# --------------------------------------------------------------------------

# `kg extract` writes doc_id and source first: a line that opens this way
# tells which document it is without being parsed.
_LINE_OPENING = re.compile(r'\{"doc_id":"([0-9a-f]{64})","source":("(?:[^"\\]|\\.)*")')


@dataclass(frozen=True)
class RecordLine:
    """One line of a JSON Lines file, validated only when it is loaded.

    ``doc_id`` and ``source`` are read from the line's opening, so a
    document already in the graph is skipped without parsing the rest; they
    are None when the line does not open as ``kg extract`` writes it.
    """

    path: str
    number: int
    text: str
    doc_id: str | None = None
    source: str | None = None

    @classmethod
    def of(cls, path: str, number: int, text: str) -> RecordLine:
        opening = _LINE_OPENING.match(text)
        if opening is None:
            return cls(path, number, text)
        return cls(path, number, text, opening[1], json.loads(opening[2]))

    def record_or_error(self) -> DocumentRecord | KGError:
        """The validated record, or the E201 error naming FILE:LINE."""
        from pydantic import ValidationError

        try:
            record = DocumentRecord.model_validate_json(self.text)
        except ValidationError as err:
            return KGError(Errors.E201, path=self.path, line=self.number,
                           reason=_validation_reason(err))
        if self.doc_id is not None and (record.doc_id, record.source) != (self.doc_id, self.source):
            return KGError(Errors.E201, path=self.path, line=self.number,
                           reason="doc_id or source given twice")
        return record


def read_records(path: str) -> Iterator[RecordLine]:
    """The lines of a ``kg extract`` JSON Lines file, as :class:`RecordLine`
    (a malformed line is reported, as E201 "FILE:LINE: reason", when it is
    validated: by :func:`load_records` or :meth:`RecordLine.record_or_error`).
    """
    try:
        handle = open(path, encoding="utf-8")
    except OSError as err:
        raise KGError(Errors.E202, path=path, reason=err.strerror or str(err)) from err
    with handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                yield RecordLine.of(path, number, line.rstrip("\r\n"))


def _validation_reason(err) -> str:
    first = err.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    return f"{where}: {first['msg']}" if where else first["msg"]
