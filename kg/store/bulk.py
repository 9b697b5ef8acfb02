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
(E203) is left out and reported, as ``kg load`` does. The CSV files are
written by :mod:`kg.store.admin_import`; after the import,
:func:`kg.store.admin_import.finish_import` creates the schema and counts the
tallies, with the code ``kg load`` uses; later ``kg load`` runs then add
reports on top.

>>> BulkGraph().counts()
{'nodes': 0, 'relationships': 0}
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kg.atomic import atomic_folder
from kg.errors import Errors, KGError
from kg.records import RecordLine
from kg.store.admin_import import ImportFiles, ImportTable, write_import_tables
from kg.store.rows import generate_document_rows
from kg.store.schema import ENTITY_LABEL

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
        for key, value in generate_document_items(position, line):
            self.take(key, value)

    def take(self, key: tuple, value: Any) -> None:
        """Merge one item of :func:`generate_document_items`; the items of one
        key must come in load order (``kg spark csv`` merges each key's items
        in the partition that holds it)."""
        kind = key[0]
        if kind == "problem":
            self.problems.append(value)
        elif kind == "document":
            _, parts = value
            self.documents.append(parts["document"])
            self.chunks += parts["chunks"]
            self.mentions += parts["mentions"]
            if parts["about"]:
                self.about.append((key[1], parts["about"]))
        elif kind == "entity":
            _, label, props = value
            self.entities.setdefault(key[1], (label, {}))[1].update(props)
        else:
            position, doc_id, year, status, chunks = value
            fact = self.facts.setdefault(key[1:], _Fact())
            fact.docs.append(doc_id)
            fact.statuses.append(status or "")
            fact.chunks += [c for c in chunks if c not in fact.chunks]
            if year is not None:
                fact.years.add(year)
            if (year or 0, position) >= fact.latest:
                fact.latest, fact.status = (year or 0, position), status


def generate_document_items(position: int, line: RecordLine) -> Iterator[tuple[tuple, Any]]:
    """What one record (the ``position``-th document loaded) adds to the
    graph, as (key, value) items for :meth:`BulkGraph.take`: ``("document",
    doc id)`` with its document, chunks, mentions and ABOUT; ``("entity",
    key)`` with its label and properties; ``("fact", type, source, target)``
    with its document, year, status and evidence chunks; or ``("problem",)``
    with the E201/E203 message of a line that cannot be loaded. Every value
    but a problem starts with ``position``."""
    record = line.record_or_error()
    if isinstance(record, KGError):
        yield ("problem",), str(record)
        return
    try:
        rows = generate_document_rows(record)
    except ValueError as err:
        yield ("problem",), str(KGError(Errors.E203, source=record.source, reason=err))
        return
    doc_id, year = record.doc_id, record.year
    yield ("document", doc_id), (position, {
        "document": {**rows.document, "complete": True},
        "chunks": [{k: c[k] for k in ("id", "doc_id", "index", "text", "start", "end")} for c in rows.chunks],
        "mentions": rows.mentions, "about": rows.about})
    for label, items in rows.entities.items():
        for item in items:
            yield ("entity", item["key"]), (position, label, item["props"])
    for f in rows.facts:
        yield ("fact", f["type"], f["source"], f["target"]), (position, doc_id, year, f["status"], f["chunks"])


def kept_positions(openings: Iterable[tuple[int, str | None, str | None, str | None]]
                   ) -> tuple[dict[int, int], int, int, list[str]]:
    """Which lines are loaded, from (index, doc id, source, problem) of each
    line in input order: {index: position in load order}, how many lines
    repeat a document met before, how many documents a later version of their
    source replaces, and the problems of lines that are no record."""
    kept: dict[str, int] = {}  # source -> index of the line that is loaded
    seen: set[str] = set()
    unchanged = replaced = 0
    problems: list[str] = []
    for index, doc_id, source, problem in sorted(openings, key=lambda o: o[0]):
        if problem is not None:
            problems.append(problem)
            continue
        if doc_id in seen:
            unchanged += 1
            continue
        seen.add(doc_id)
        replaced += source in kept
        kept[source] = index
    return {index: position for position, index in enumerate(sorted(kept.values()))}, unchanged, replaced, problems


def generate_bulk_graph(lines: Iterable[RecordLine | KGError]) -> BulkGraph:
    """Merge every record of ``lines`` into one graph, as ``kg load`` of the
    same lines into an empty store would build it (pure, in memory)."""
    lines = list(lines)
    openings = []
    for index, line in enumerate(lines):
        if isinstance(line, KGError):  # read_output's E201/E208 for the file
            openings.append((index, None, None, str(line)))
            continue
        if line.doc_id is not None:
            openings.append((index, line.doc_id, line.source, None))
            continue
        record = line.record_or_error()  # not opened as kg extract writes: read it whole
        openings.append((index, None, None, str(record)) if isinstance(record, KGError)
                        else (index, record.doc_id, record.source, None))
    positions, unchanged, replaced, problems = kept_positions(openings)
    graph = BulkGraph(problems=problems, unchanged=unchanged, replaced=replaced)
    for index, position in positions.items():
        graph.add(position, lines[index])
    return graph


# --------------------------------------------------------------------------
# The importer's tables (written by kg.store.admin_import)
# --------------------------------------------------------------------------

def generate_import_tables(graph: BulkGraph) -> Iterator[ImportTable]:
    """``graph`` as the importer's tables, in three ID spaces (documents, chunks, entities)."""
    def nodes(labels: str, name: str, id_field: str, space: str, rows: list[dict[str, Any]]):
        return ImportTable(name, rows, {id_field: f"{id_field}:ID({space})"}, labels)

    def relationships(type_: str, name: str, start: str, end: str, rows: list[dict[str, Any]]):
        return ImportTable(name, rows, {"_start": f":START_ID({start})", "_end": f":END_ID({end})"},
                           type_, relationships=True)

    yield nodes("Document", "documents.csv", "id", DOCUMENTS, graph.documents)
    # A chunk's document is its FROM_DOCUMENT relationship, not a property.
    yield nodes("Chunk", "chunks.csv", "id", CHUNKS,
                [{k: v for k, v in c.items() if k != "doc_id"} for c in graph.chunks])
    by_label: dict[str, list[dict[str, Any]]] = {}
    for key, (label, props) in graph.entities.items():
        by_label.setdefault(label, []).append({"key": key, **props})
    for label, rows in by_label.items():
        yield nodes(f"{label}:{ENTITY_LABEL}", f"entities-{label}.csv", "key", ENTITIES, rows)
    yield relationships("FROM_DOCUMENT", "from-document.csv", CHUNKS, DOCUMENTS,
                        [{"_start": c["id"], "_end": c["doc_id"]} for c in graph.chunks])
    yield relationships("NEXT_CHUNK", "next-chunk.csv", CHUNKS, CHUNKS, list(_next_chunks(graph.chunks)))
    yield relationships("FROM_CHUNK", "from-chunk.csv", ENTITIES, CHUNKS,
                        [{"_start": m["key"], "_end": m["chunk"], "start": m["start"], "end": m["end"],
                          "text": m["text"]} for m in graph.mentions])
    yield relationships("ABOUT", "about.csv", DOCUMENTS, ENTITIES,
                        [{"_start": d, "_end": j} for d, j in graph.about])
    by_type: dict[str, list[dict[str, Any]]] = {}
    for (type_, source, target), fact in graph.facts.items():
        row = {"_start": source, "_end": target, "docs": fact.docs, "chunks": fact.chunks,
               "years": sorted(fact.years)}
        if type_ == "HAS_MECHANISM":  # only HAS_MECHANISM keeps statuses
            row |= {"statuses": fact.statuses, "status": fact.status}
        by_type.setdefault(type_, []).append(row)
    for type_, rows in by_type.items():
        yield relationships(type_, f"facts-{type_}.csv", ENTITIES, ENTITIES, rows)


def write_import_files(graph: BulkGraph, folder: str | os.PathLike[str]) -> ImportFiles:
    """Write ``graph`` as the importer's CSV files (header line included) into
    ``folder``, replaced whole (kg/atomic.py): no table of an earlier run is
    left for the importer to read."""
    with atomic_folder(folder) as partial:
        files = write_import_tables(generate_import_tables(graph), partial)
    return replace(files, folder=Path(folder))


def _next_chunks(chunks: list[dict[str, Any]]) -> Iterator[dict[str, str]]:
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for c in chunks:
        by_doc.setdefault(c["doc_id"], []).append(c)
    for doc_chunks in by_doc.values():
        ordered = sorted(doc_chunks, key=lambda c: c["index"])
        for a, b in zip(ordered, ordered[1:]):
            yield {"_start": a["id"], "_end": b["id"]}
