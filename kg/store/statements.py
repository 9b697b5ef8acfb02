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

from collections.abc import Callable
from typing import Any

from kg.model import DocumentRecord
from kg.store.keys import label_of_key
from kg.store.rows import DocumentRows
from kg.store.schema import DOCUMENT_TYPES, FACT_TYPES, KEYED_LABELS

# Field names of the parameter rows (``r.target``…) that are not graph
# properties; the Cypher linter is told about them.
ROW_FIELDS = ("a", "b", "doc", "target", "props", "mentions", "chunk", "indicators", "reports")

FIND_DOCUMENTS = (
    "MATCH (d:Document) WHERE d.id IN $ids OR d.source IN $sources "
    "RETURN d.id AS id, d.source AS source, d.complete AS complete, d.year AS year, d.merges AS merges")
DOCUMENT_YEARS = "MATCH (d:Document) WHERE d.id IN $ids RETURN d.id AS id, d.year AS year"
# Every look-up of an entity names its label (kg.store.keys.label_of_key):
# the embedded store indexes each label's keys and keeps no index on
# __Entity__, where the indicators (two thirds of the entities, reached only
# through their document) would each cost an entry (docs/scale.md).
EXISTING_KEYS = {label: f"UNWIND $keys AS k MATCH (n:{label} {{key: k}}) RETURN n.key AS key"
                 for label in KEYED_LABELS}
CREATE_DOCUMENTS = (
    "UNWIND $rows AS r MERGE (d:Document {id: r.id}) SET d += r, d.complete = false")
# A document's chunks are found through it (FROM_DOCUMENT), never an index
# (the embedded store keeps none on chunks: kg/store/schema.py). NEXT_CHUNK
# links them in reading order.
CREATE_CHUNKS = (
    "UNWIND $docs AS doc MATCH (d:Document {id: doc.id}) "
    "UNWIND doc.chunks AS r "
    "CREATE (:Chunk {id: intern(r.id), index: r.index, text: r.text, "
    "start: r.start, end: r.end})-[:FROM_DOCUMENT]->(d)")
CREATE_NEXT_CHUNKS = (
    "UNWIND $ids AS id MATCH (:Document {id: id})<-[:FROM_DOCUMENT]-(c:Chunk) "
    "WITH id, c ORDER BY c.index "
    "WITH id, collect(c) AS chunks "
    "FOREACH (i IN range(1, size(chunks) - 1) | FOREACH (a IN [chunks[i - 1]] | "
    "FOREACH (b IN [chunks[i]] | CREATE (a)-[:NEXT_CHUNK]->(b))))")


def _on_chunks_of_documents(then: str) -> str:
    """``then`` on the chunks of each document ``$ids[n]`` in reading order
    (``chunks``), with its rows ``$rows[n]``; a row names a chunk by its place
    in that list (``chunk``): one pass over a document's chunks, however many
    mentions. (Rows carrying their whole document would copy it into every
    row after them: quadratic in its mentions.) The WITH after the Document
    makes FalkorDB start there, not from a scan of every Chunk."""
    return ("UNWIND range(0, size($ids) - 1) AS n MATCH (d:Document {id: $ids[n]}) "
            "WITH n, d MATCH (d)<-[:FROM_DOCUMENT]-(c:Chunk) "
            "WITH n, c ORDER BY c.index "
            "WITH n, collect(c) AS chunks " + then)


def _create_mention(entity: str) -> str:
    return f"CREATE ({entity})-[:FROM_CHUNK {{start: m.start, end: m.end, text: intern(m.text)}}]->(c)"


CREATE_MENTIONS = {
    label: _on_chunks_of_documents(f"UNWIND $rows[n] AS m MATCH (e:{label} {{key: m.key}}) "
                                   "WITH e, m, chunks[m.chunk] AS c " + _create_mention("e"))
    for label in KEYED_LABELS
}
# Every other entity may exist already and is merged; its properties are set
# only where they differ (setting an indexed property to its own value still
# re-indexes it, which made most of the cost). An indicator's key contains
# its doc id and a document is always written from scratch, so indicators are
# created, with their mentions; the REPORTS facts that lead to them find
# them through those mentions' chunks.
WRITE_ENTITIES = {
    label: (f"UNWIND $rows AS r MERGE (n:{label}:__Entity__ {{key: r.key}}) "
            "WITH n, r WHERE any(k IN keys(r.props) WHERE n[k] IS NULL OR n[k] <> r.props[k]) "
            "SET n += r.props")
    for label in KEYED_LABELS
}
CREATE_INDICATORS = _on_chunks_of_documents(
    "UNWIND $rows[n] AS r CREATE (e:Indicator:__Entity__ {key: r.key}) "
    "SET e += r.props, e.metric = intern(r.props.metric), e.unit = intern(r.props.unit) "
    "WITH e, r, chunks UNWIND r.mentions AS m WITH e, m, chunks[m.chunk] AS c " + _create_mention("e"))
CREATE_REPORTS = {
    label: _on_chunks_of_documents(
        f"UNWIND $rows[n] AS f MATCH (owner:{label} {{key: f.source}}) "
        "WITH owner, f, chunks[f.chunk] AS c "
        "MATCH (c)<-[:FROM_CHUNK]-(i:Indicator {key: f.target}) "
        # A figure written twice in its sentence has two mentions there: Neo4j
        # finds the indicator once for each (FalkorDB once for the pair).
        "WITH DISTINCT owner, f, i "
        "CREATE (owner)-[:REPORTS {docs: [d IN f.docs | intern(d)], "
        "chunks: [x IN f.chunks | intern(x)], years: f.years}]->(i)")
    for label in KEYED_LABELS
}
MERGE_ABOUT = (
    "UNWIND $rows AS r MATCH (d:Document {id: r.doc}) MATCH (j:Jurisdiction {key: r.key}) "
    "MERGE (d)-[:ABOUT]->(j)")
# A fact's statements, per (type, label of its source, label of its target):
# every pair of keyed labels. The REPORTS facts of indicators are written
# with them (CREATE_REPORTS) and go with them (DELETE_INDICATORS_OF_DOCUMENTS).
FACT_ENDS = tuple((t, a, b) for t in FACT_TYPES for a in KEYED_LABELS for b in KEYED_LABELS)


def _fact(t: str, a: str, b: str) -> str:
    return f"UNWIND $rows AS r MATCH (a:{a} {{key: r.source}})-[f:{t}]->(b:{b} {{key: r.target}}) "


EXISTING_FACTS = {(t, a, b): _fact(t, a, b) + "RETURN r.source AS source, r.target AS target"
                  for t, a, b in FACT_ENDS}
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
    (t, a, b): (f"UNWIND $rows AS r MATCH (a:{a} {{key: r.source}}) "
                f"MATCH (b:{b} {{key: r.target}}) "
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
    for t, a, b in FACT_ENDS
}
# Withdrawing support: the remaining lists are computed by the loader.
SET_FACTS = {
    (t, a, b): (_fact(t, a, b) + "SET f.docs = [d IN r.docs | intern(d)], f.years = r.years"
                + (", f.statuses = r.statuses, f.status = r.status" if t == "HAS_MECHANISM" else ""))
    for t, a, b in FACT_ENDS
}
DELETE_FACTS = {(t, a, b): _fact(t, a, b) + "DELETE f" for t, a, b in FACT_ENDS}
# An indicator belongs to its document alone (its key contains the doc id):
# it goes with the document, with its REPORTS fact and mentions.
DELETE_INDICATORS_OF_DOCUMENTS = (
    "MATCH (d:Document) WHERE d.id IN $ids "
    "WITH d MATCH (d)<-[:FROM_DOCUMENT]-(:Chunk)<-[:FROM_CHUNK]-(i:Indicator) "
    "DETACH DELETE i")
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
DELETE_ORPHANS_AMONG = {
    label: (f"UNWIND $keys AS k MATCH (n:{label} {{key: k}}) "
            f"WHERE NOT (n)-[:{_SUPPORT}]-() DETACH DELETE n")
    for label in KEYED_LABELS
}
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
    documents (not complete), entities, chunks, mentions, indicators with
    theirs, REPORTS, ABOUT, facts, and last the mark that the documents are
    complete."""
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
    docs = [_document_rows(record, rows) for record, rows in todo if rows.chunks]
    if docs:
        statements.append((CREATE_CHUNKS, {"docs": [{"id": d["id"], "chunks": d["chunks"]} for d in docs]}))
        statements.append((CREATE_NEXT_CHUNKS, {"ids": [d["id"] for d in docs]}))
        for label in KEYED_LABELS:
            statements += _per_document(CREATE_MENTIONS[label], docs, lambda d: d["mentions"].get(label))
        statements += _per_document(CREATE_INDICATORS, docs, lambda d: d["indicators"])
        for label in KEYED_LABELS:
            statements += _per_document(CREATE_REPORTS[label], docs, lambda d: d["reports"].get(label))
    about = [{"doc": r.doc_id, "key": rows.about} for r, rows in todo if rows.about]
    if about:
        statements.append((MERGE_ABOUT, {"rows": about}))
    statements += _fact_statements(todo)
    statements.append((MARK_COMPLETE, {"ids": [r.doc_id for r, _ in todo]}))
    return statements


def _per_document(cypher: str, docs: list[dict[str, Any]],
                  rows_of: Callable[[dict[str, Any]], list[dict[str, Any]] | None]) -> list[Statement]:
    """``cypher`` with the documents having rows for it (``$ids``) and their rows (``$rows``)."""
    having = [(d["id"], rows_of(d)) for d in docs if rows_of(d)]
    if not having:
        return []
    return [(cypher, {"ids": [i for i, _ in having], "rows": [rows for _, rows in having]})]


def _document_rows(record: DocumentRecord, rows: DocumentRows) -> dict[str, Any]:
    """A document's chunks; its mentions by label, its indicators with
    theirs, its indicators' REPORTS by the label of their owner; a mention
    or fact names its chunk by its place in the document's chunks by index."""
    chunks = sorted(rows.chunks, key=lambda c: c["index"])
    place = {c["id"]: n for n, c in enumerate(chunks)}
    mentions: dict[str, list[dict[str, Any]]] = {}
    of_indicator: dict[str, list[dict[str, Any]]] = {}
    for m in rows.mentions:
        label = label_of_key(m["key"])
        row = {"key": m["key"], "chunk": place[m["chunk"]], "start": m["start"], "end": m["end"],
               "text": m["text"]}
        if label == "Indicator":
            of_indicator.setdefault(m["key"], []).append(row)
        else:
            mentions.setdefault(label, []).append(row)
    years = [record.year] if record.year is not None else []
    reports: dict[str, list[dict[str, Any]]] = {}
    for f in rows.facts:
        if f["type"] == "REPORTS" and f["target"] in of_indicator:
            reports.setdefault(label_of_key(f["source"]), []).append(
                {"source": f["source"], "target": f["target"], "chunk": of_indicator[f["target"]][0]["chunk"],
                 "docs": [record.doc_id], "chunks": f["chunks"], "years": years})
    return {"id": record.doc_id,
            "chunks": [{k: c[k] for k in ("id", "index", "text", "start", "end")} for c in chunks],
            "mentions": mentions, "reports": reports,
            "indicators": [{"key": i["key"], "props": i["props"], "mentions": of_indicator[i["key"]]}
                           for i in rows.entities.get("Indicator", []) if i["key"] in of_indicator]}


def _fact_statements(todo: list[tuple[DocumentRecord, DocumentRows]]) -> list[Statement]:
    merged: dict[tuple[str, str, str], dict[str, Any]] = {}
    for record, rows in todo:
        for f in rows.facts:
            if label_of_key(f["target"]) == "Indicator":
                continue  # created with its indicator (CREATE_REPORTS)
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
    by_ends: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for (type_, source, target), row in merged.items():
        if type_ != "HAS_MECHANISM":  # only HAS_MECHANISM keeps statuses
            row = {k: row[k] for k in ("source", "target", "docs", "chunks", "years")}
        by_ends.setdefault(fact_ends(type_, source, target), []).append(row)
    return [(MERGE_FACTS[ends], {"rows": rows}) for ends, rows in by_ends.items()]


def fact_ends(type_: str, source: str, target: str) -> tuple[str, str, str]:
    """The key of a fact's statements: its type and the labels of its ends.

    >>> fact_ends("HAS_MECHANISM", "division:500236115", "Mechanism|访调对接")
    ('HAS_MECHANISM', 'Jurisdiction', 'Mechanism')
    """
    return type_, label_of_key(source), label_of_key(target)


def statements() -> dict[str, str]:
    """Every statement the loader can send, by name (for the Cypher lint test)."""
    found = {
        "FIND_DOCUMENTS": FIND_DOCUMENTS, "DOCUMENT_YEARS": DOCUMENT_YEARS,
        "CREATE_DOCUMENTS": CREATE_DOCUMENTS,
        "CREATE_CHUNKS": CREATE_CHUNKS, "CREATE_NEXT_CHUNKS": CREATE_NEXT_CHUNKS,
        "CREATE_INDICATORS": CREATE_INDICATORS,
        "MERGE_ABOUT": MERGE_ABOUT,
        "FIND_FACTS_OF_DOCUMENTS": FIND_FACTS_OF_DOCUMENTS,
        "DROP_EVIDENCE_OF_DOCUMENTS": DROP_EVIDENCE_OF_DOCUMENTS,
        "DELETE_INDICATORS_OF_DOCUMENTS": DELETE_INDICATORS_OF_DOCUMENTS,
        "DELETE_CHUNKS": DELETE_CHUNKS, "DELETE_DOCUMENTS": DELETE_DOCUMENTS,
        "WITHDRAW_CANDIDATES": WITHDRAW_CANDIDATES, "MENTIONED_ENTITIES": MENTIONED_ENTITIES,
        "NOTE_WITHDRAWING": NOTE_WITHDRAWING, "DELETE_ABOUT": DELETE_ABOUT,
        "DELETE_ORPHANS": DELETE_ORPHANS, "MARK_COMPLETE": MARK_COMPLETE,
        "COUNT_WITHDRAWN": COUNT_WITHDRAWN,
    }
    for group, table in (("EXISTING_KEYS", EXISTING_KEYS), ("CREATE_MENTIONS", CREATE_MENTIONS),
                         ("WRITE_ENTITIES", WRITE_ENTITIES), ("CREATE_REPORTS", CREATE_REPORTS),
                         ("DELETE_ORPHANS_AMONG", DELETE_ORPHANS_AMONG)):
        found |= {f"{group}[{label}]": cypher for label, cypher in table.items()}
    # A fact's statements differ between pairs of labels in the labels' names
    # only: each type is listed with one pair, every label with the tables above.
    ends = KEYED_LABELS[0], KEYED_LABELS[1]
    for group, table in (("EXISTING_FACTS", EXISTING_FACTS), ("MERGE_FACTS", MERGE_FACTS),
                         ("SET_FACTS", SET_FACTS), ("DELETE_FACTS", DELETE_FACTS)):
        found |= {f"{group}[{t},{','.join(ends)}]": table[(t, *ends)] for t in FACT_TYPES}
    return found
