"""Every Cypher text the loader sends (linted against Neo4j), and the pure
function that turns the rows of a batch into its statements.

Values only ever travel as parameters: ``UNWIND $rows AS r …``.

Strings the graph repeats pass through ``intern()``: the embedded FalkorDB
then keeps one copy of each, however many nodes, relationships and lists
hold it. A document's id is in the ``docs`` list of every fact it supports
and a chunk's id in its facts' ``chunks``, so this saved about 46 KB of the
server's memory a report (docs/benchmarks.md). Neo4j has no ``intern()``:
:func:`kg.store.base.neo4j_dialect` drops the call there.
"""

from __future__ import annotations

from typing import Any

from kg.model import DocumentRecord
from kg.store.rows import DocumentRows
from kg.store.schema import DOCUMENT_TYPES, ENTITY_LABELS, FACT_TYPES

# Field names of the parameter rows (``r.target``…) that are not graph
# properties; the Cypher linter is told about them.
ROW_FIELDS = ("a", "b", "doc", "target", "props", "mentions")

FIND_DOCUMENTS = (
    "MATCH (d:Document) WHERE d.id IN $ids OR d.source IN $sources "
    "RETURN d.id AS id, d.source AS source, d.complete AS complete, d.year AS year, d.merges AS merges")
DOCUMENT_YEARS = "MATCH (d:Document) WHERE d.id IN $ids RETURN d.id AS id, d.year AS year"
EXISTING_KEYS = ("UNWIND $keys AS k MATCH (n:__Entity__ {key: k}) RETURN n.key AS key")
CREATE_DOCUMENTS = (
    "UNWIND $rows AS r MERGE (d:Document {id: r.id}) SET d += r, d.complete = false")
# One row per document with its chunks, each carrying its mentions: the
# FROM_CHUNK relationships are made while the new chunk is at hand (entities
# are written before chunks). NEXT_CHUNK links a document's chunks in reading
# order; a document's chunks are found through it (FROM_DOCUMENT), never an
# index (the embedded store keeps none on chunks: kg/store/schema.py).
CREATE_CHUNKS = (
    "UNWIND $docs AS doc MATCH (d:Document {id: doc.id}) "
    "UNWIND doc.chunks AS r "
    "CREATE (c:Chunk {id: intern(r.id), index: r.index, text: r.text, "
    "start: r.start, end: r.end})-[:FROM_DOCUMENT]->(d) "
    "WITH c, r UNWIND r.mentions AS m "
    "MATCH (e:__Entity__ {key: m.key}) "
    "CREATE (e)-[:FROM_CHUNK {start: m.start, end: m.end, text: intern(m.text)}]->(c)")
CREATE_NEXT_CHUNKS = (
    "UNWIND $ids AS id MATCH (:Document {id: id})<-[:FROM_DOCUMENT]-(c:Chunk) "
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
    "UNWIND $rows AS r CREATE (i:Indicator:__Entity__ {key: r.key}) "
    "SET i += r.props, i.metric = intern(r.props.metric), i.unit = intern(r.props.unit) "
    "WITH i, r UNWIND r.reports AS f "
    "MATCH (owner:__Entity__ {key: f.source}) "
    "CREATE (owner)-[:REPORTS {docs: [d IN f.docs | intern(d)], chunks: [c IN f.chunks | intern(c)], "
    "years: f.years}]->(i)")
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
        "SET f.docs = old_docs + [d IN r.docs WHERE NOT d IN old_docs | intern(d)], "
        "f.chunks = old_chunks + [c IN r.chunks WHERE NOT c IN old_chunks | intern(c)], "
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
        "SET f.docs = [d IN r.docs | intern(d)], f.years = r.years"
        + (", f.statuses = r.statuses, f.status = r.status" if t == "HAS_MECHANISM" else ""))
    for t in FACT_TYPES
}
DELETE_FACTS = {
    t: ("UNWIND $rows AS r "
        f"MATCH (a:__Entity__ {{key: r.source}})-[f:{t}]->(b:__Entity__ {{key: r.target}}) "
        "DELETE f")
    for t in FACT_TYPES
}
DELETE_CHUNKS = ("MATCH (d:Document)<-[:FROM_DOCUMENT]-(c:Chunk) WHERE d.id IN $ids "
                 "DETACH DELETE c")
DELETE_DOCUMENTS = "MATCH (d:Document) WHERE d.id IN $ids DETACH DELETE d"
# Entities a withdrawal may leave without any relationship: the ends of the
# facts (FIND_FACTS_OF_DOCUMENTS), what the chunks mention, the ABOUT target,
# and those noted by an earlier, interrupted attempt.
WITHDRAW_CANDIDATES = (
    "MATCH (d:Document) WHERE d.id IN $ids "
    "OPTIONAL MATCH (d)-[:ABOUT]->(j:Jurisdiction) "
    "RETURN d.withdrawing AS noted, j.key AS about")
MENTIONED_ENTITIES = (
    "MATCH (d:Document)<-[:FROM_DOCUMENT]-(:Chunk)<-[:FROM_CHUNK]-(e:__Entity__) WHERE d.id IN $ids "
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
    "MATCH (d:Document)<-[:FROM_DOCUMENT]-(c:Chunk) WHERE d.id IN $ids "
    "OPTIONAL MATCH (c)<-[m:FROM_CHUNK]-() "
    "RETURN count(DISTINCT c) AS chunks, count(m) AS mentions")


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
