"""Bulk first load into Neo4j: extraction output -> the CSV files of
``neo4j-admin database import full``.

``kg load`` writes a graph statement by statement (about 36,000 elements/s);
a first load of a national corpus goes faster through Neo4j's offline
importer, which writes the store files directly. This module makes its input
from the same rows the loader writes (:func:`kg.store.rows.generate_document_rows`,
so keys are resolved by the same key functions) and merges them across
documents exactly as successive ``kg load`` batches would:

- a document id met twice is loaded once; a later document with the same
  ``source`` replaces the earlier one (as ``kg load`` withdraws it);
- an entity's properties are those of the documents naming it, a later
  document's values winning;
- a fact's ``docs`` are its documents in input order, ``chunks`` their
  evidence in that order, ``years`` the distinct report years sorted; a
  ``HAS_MECHANISM`` fact's ``statuses`` are one per document and ``status``
  that of the latest report by year (the later one on a tie).

A line that is not a record (E201) or a record that contradicts itself
(E203) is left out and reported, as ``kg load`` does. After the import,
:func:`finish_import` creates the schema and counts the tallies, with the
code ``kg load`` uses; later ``kg load`` runs then add reports on top.

>>> BulkGraph().counts()
{'nodes': 0, 'relationships': 0}
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import Errors, KGError
from kg.store import schema, tallies
from kg.store.base import GraphStore
from kg.records import RecordLine
from kg.store.rows import generate_document_rows
from kg.store.schema import ENTITY_LABEL

ARRAY_DELIMITER = ";"  # never inside an id, a chunk id, a status or a year
# ID spaces of the importer: what each kind of node is looked up by.
DOCUMENTS, CHUNKS, ENTITIES = "Document", "Chunk", "Entity"


@dataclass
class _Fact:
    docs: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    chunks: list[str] = field(default_factory=list)
    years: set[int] = field(default_factory=set)
    latest: tuple[int, int] = (-1, -1)  # (year or 0, position) of the status's report
    status: str | None = None


@dataclass
class BulkGraph:
    """The whole graph of a first load, merged across documents (in memory)."""

    documents: list[dict[str, Any]] = field(default_factory=list)
    chunks: list[dict[str, Any]] = field(default_factory=list)
    entities: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)  # key -> (label, props)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    about: list[tuple[str, str]] = field(default_factory=list)  # (doc id, jurisdiction key)
    facts: dict[tuple[str, str, str], _Fact] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # E201 (unreadable lines) first, then E203
    unchanged: int = 0  # lines of a document met before
    replaced: int = 0  # documents dropped for a later version of their source

    def counts(self) -> dict[str, int]:
        next_chunks = len(self.chunks) - len({c["doc_id"] for c in self.chunks})
        return {"nodes": len(self.documents) + len(self.chunks) + len(self.entities),
                "relationships": len(self.chunks) + next_chunks + len(self.mentions)
                + len(self.about) + len(self.facts)}

    def add(self, position: int, line: RecordLine) -> None:
        """Merge one record (the ``position``-th document loaded) into the graph."""
        record = line.record_or_error()
        if isinstance(record, KGError):
            self.problems.append(str(record))
            return
        try:
            rows = generate_document_rows(record)
        except ValueError as err:
            self.problems.append(str(KGError(Errors.E203, source=record.source, reason=err)))
            return
        doc_id, year = record.doc_id, record.year
        self.documents.append({**rows.document, "complete": True})
        self.chunks += [{k: c[k] for k in ("id", "doc_id", "index", "text", "start", "end")}
                        for c in rows.chunks]
        for label, items in rows.entities.items():
            for item in items:
                known = self.entities.setdefault(item["key"], (label, {}))
                known[1].update(item["props"])
        self.mentions += rows.mentions
        if rows.about:
            self.about.append((doc_id, rows.about))
        for f in rows.facts:
            fact = self.facts.setdefault((f["type"], f["source"], f["target"]), _Fact())
            fact.docs.append(doc_id)
            fact.statuses.append(f["status"] or "")
            fact.chunks += [c for c in f["chunks"] if c not in fact.chunks]
            if year is not None:
                fact.years.add(year)
            if (year or 0, position) >= fact.latest:
                fact.latest, fact.status = (year or 0, position), f["status"]


def generate_bulk_graph(lines: Iterable[RecordLine]) -> BulkGraph:
    """Merge every record of ``lines`` into one graph, as ``kg load`` of the
    same lines into an empty store would build it (pure, in memory)."""
    lines = list(lines)
    kept: dict[str, int] = {}  # source -> index of the line that is loaded
    seen: set[str] = set()
    graph = BulkGraph()
    for index, line in enumerate(lines):
        doc_id, source = line.doc_id, line.source
        if doc_id is None:  # not opened as kg extract writes: read it whole
            record = line.record_or_error()
            if isinstance(record, KGError):
                graph.problems.append(str(record))
                continue
            doc_id, source = record.doc_id, record.source
        if doc_id in seen:
            graph.unchanged += 1
            continue
        seen.add(doc_id)
        graph.replaced += source in kept
        kept[source] = index
    for position, index in enumerate(sorted(kept.values())):
        graph.add(position, lines[index])
    return graph


# --------------------------------------------------------------------------
# CSV files of neo4j-admin database import full
# --------------------------------------------------------------------------

@dataclass
class ImportFiles:
    """The files written and the arguments of ``neo4j-admin database import full``."""

    folder: Path
    nodes: list[tuple[str, str]] = field(default_factory=list)  # (labels, file)
    relationships: list[tuple[str, str]] = field(default_factory=list)  # (type, file)

    def arguments(self, database: str = "neo4j") -> list[str]:
        return ["database", "import", "full",
                *(f"--nodes={labels}={self.folder.resolve() / name}" for labels, name in self.nodes),
                *(f"--relationships={type_}={self.folder.resolve() / name}" for type_, name in self.relationships),
                f"--array-delimiter={ARRAY_DELIMITER}", "--multiline-fields=true",
                f"--report-file={self.folder.resolve() / 'import.report'}",
                "--overwrite-destination=true", database]


def write_import_files(graph: BulkGraph, folder: str | os.PathLike[str]) -> ImportFiles:
    """Write ``graph`` as the importer's CSV files (header line included) into ``folder``."""
    files = ImportFiles(Path(folder))
    files.folder.mkdir(parents=True, exist_ok=True)

    def nodes(labels: str, name: str, id_field: str, space: str, rows: list[dict[str, Any]]) -> None:
        if rows:
            _write(files.folder / name, rows, {id_field: f"{id_field}:ID({space})"})
            files.nodes.append((labels, name))

    def relationships(type_: str, name: str, start: str, end: str,
                      rows: list[dict[str, Any]]) -> None:
        if rows:
            _write(files.folder / name, rows, {"_start": f":START_ID({start})", "_end": f":END_ID({end})"})
            files.relationships.append((type_, name))

    nodes("Document", "documents.csv", "id", DOCUMENTS, graph.documents)
    nodes("Chunk", "chunks.csv", "id", CHUNKS, graph.chunks)
    by_label: dict[str, list[dict[str, Any]]] = {}
    for key, (label, props) in graph.entities.items():
        by_label.setdefault(label, []).append({"key": key, **props})
    for label, rows in by_label.items():
        nodes(f"{label}:{ENTITY_LABEL}", f"entities-{label}.csv", "key", ENTITIES, rows)
    relationships("FROM_DOCUMENT", "from-document.csv", CHUNKS, DOCUMENTS,
                  [{"_start": c["id"], "_end": c["doc_id"]} for c in graph.chunks])
    relationships("NEXT_CHUNK", "next-chunk.csv", CHUNKS, CHUNKS, list(_next_chunks(graph.chunks)))
    relationships("FROM_CHUNK", "from-chunk.csv", ENTITIES, CHUNKS,
                  [{"_start": m["key"], "_end": m["chunk"], "start": m["start"], "end": m["end"],
                    "text": m["text"]} for m in graph.mentions])
    relationships("ABOUT", "about.csv", DOCUMENTS, ENTITIES,
                  [{"_start": d, "_end": j} for d, j in graph.about])
    by_type: dict[str, list[dict[str, Any]]] = {}
    for (type_, source, target), fact in graph.facts.items():
        row = {"_start": source, "_end": target, "docs": fact.docs, "chunks": fact.chunks,
               "years": sorted(fact.years)}
        if type_ == "HAS_MECHANISM":  # only HAS_MECHANISM keeps statuses
            row |= {"statuses": fact.statuses, "status": fact.status}
        by_type.setdefault(type_, []).append(row)
    for type_, rows in by_type.items():
        relationships(type_, f"facts-{type_}.csv", ENTITIES, ENTITIES, rows)
    return files


def _next_chunks(chunks: list[dict[str, Any]]) -> Iterator[dict[str, str]]:
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for c in chunks:
        by_doc.setdefault(c["doc_id"], []).append(c)
    for doc_chunks in by_doc.values():
        ordered = sorted(doc_chunks, key=lambda c: c["index"])
        for a, b in zip(ordered, ordered[1:]):
            yield {"_start": a["id"], "_end": b["id"]}


def _write(path: Path, rows: list[dict[str, Any]], special: dict[str, str]) -> None:
    """One CSV file: a typed header from the values, every string quoted
    (an empty field is "no property", a quoted empty one the empty string)."""
    columns: dict[str, str] = {}
    for row in rows:
        for name, value in row.items():
            if value is not None and (columns.get(name) is None or columns[name].endswith("[]?")):
                columns[name] = special.get(name) or f"{name}:{_type_of(value)}"
    names = list(columns)
    header = [columns[n].replace("[]?", "[]") for n in names]
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(header) + "\n")
        for row in rows:
            out.write(",".join(_field(row.get(n)) for n in names) + "\n")


def _type_of(value: Any) -> str:
    if isinstance(value, list):
        # An empty list says nothing of its elements' type: "?" until a row does.
        return f"{_type_of(value[0])}[]" if value else "string[]?"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    return "string"


def _field(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return _quoted(ARRAY_DELIMITER.join(v if isinstance(v, str) else _field(v) for v in value))
    return _quoted(str(value))


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


# --------------------------------------------------------------------------
# After the import
# --------------------------------------------------------------------------

# The importer reads an empty array field as no property at all, where
# ``kg load`` writes an empty list (a fact with no evidence chunk, or whose
# reports have no year): the lists are put back.
EMPTY_LISTS = (
    "MATCH (:__Entity__)-[f]->(:__Entity__) WHERE f.docs IS NOT NULL "
    "AND (f.chunks IS NULL OR f.years IS NULL) "
    "SET f.chunks = coalesce(f.chunks, []), f.years = coalesce(f.years, [])")


def finish_import(store: GraphStore) -> None:
    """On the imported database: the empty provenance lists, the schema
    (constraints and indexes) and the tallies, made by the code ``kg load`` runs."""
    store.query(EMPTY_LISTS, write=True)
    schema.apply_neo4j(store)
    store.query(tallies.MARK_STALE, write=True)
    tallies.refresh_if_stale(store)
