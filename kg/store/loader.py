"""Load extraction output into the graph: idempotent, crash-safe, batched.

Pure parts and a thin writer, as in networkx's readwrite modules:

- ``kg/store/rows.py``: :func:`generate_document_rows` turns one
  :class:`~kg.model.DocumentRecord` into plain rows (nodes, mentions, chunks,
  facts). Pure, no store needed.
- ``kg/store/statements.py``: :func:`generate_write_statements` turns the rows
  of a batch into its ``UNWIND $rows AS r …`` statements (values only as
  parameters). Pure.
- ``kg/store/prepare.py``: :func:`~kg.store.prepare.prepare` parses and
  checks a batch's new documents and encodes their statements. Pure.
- here, :func:`load_records` looks each batch up in the graph, has the new
  documents prepared (in a helper process from the second batch on, while
  the store writes the batch before) and writes them.

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
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from typing import Any

from kg.model import DocumentRecord
from kg.records import RecordLine
from kg.store import tallies
from kg.store.base import GraphStore
from kg.store.keys import by_label, label_of_key
from kg.store.report import LoadReport, Progress
from kg.store.merges import NO_MERGES, Merges
from kg.store.prepare import Inline, Prepared, exit_with, prepare
from kg.store.rows import DocumentRows
from kg.store.statements import (
    COUNT_WITHDRAWN,
    DELETE_ABOUT,
    DELETE_CHUNKS,
    DELETE_DOCUMENTS,
    DELETE_FACTS,
    DELETE_INDICATORS_OF_DOCUMENTS,
    DELETE_ORPHANS,
    DELETE_ORPHANS_AMONG,
    DOCUMENT_YEARS,
    DROP_EVIDENCE_OF_DOCUMENTS,
    EXISTING_FACTS,
    EXISTING_KEYS,
    FIND_DOCUMENTS,
    FIND_FACTS_OF_DOCUMENTS,
    MARK_ALL_INCOMPLETE,
    MENTIONED_ENTITIES,
    NOTE_WITHDRAWING,
    SET_FACTS,
    WITHDRAW_CANDIDATES,
    fact_ends,
)

__all__ = ["BATCH_SIZE", "LoadReport", "load_records"]

BATCH_SIZE = 50


def load_records(store: GraphStore, records: Iterable[Any], *, dry_run: bool = False,
                 progress: Progress | None = None, batch_size: int = BATCH_SIZE,
                 merges: Merges = NO_MERGES) -> LoadReport:
    """Load a stream of :class:`DocumentRecord` (or :class:`RecordLine`) into ``store``.

    Items that are neither (``IngestProblem``, a :class:`KGError` from
    :func:`read_records`) are counted as failed and their message kept in
    ``report.problems``. A :class:`RecordLine` is parsed only when its
    document is not in the graph already. ``progress`` is called after each
    document with (documents done, doc id or source, outcome) where outcome is
    "loaded", "replaced", "unchanged" or "failed" (then the second value is
    the problem). ``merges`` are the accepted merges (kg/store/merges.py): when
    a merges file is given, a document loaded under other merges is loaded again.

    >>> report = load_records(store, read_records("out.jsonl"))  # doctest: +SKIP
    """
    started = time.perf_counter()
    loader = _Loader(store, LoadReport(dry_run=dry_run), progress, merges)
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
    prepared: Future | None = None  # of prepare()

    def shares_documents_with(self, items: list[DocumentRecord | RecordLine]) -> bool:
        ours = {i.doc_id for i in self.items} | {i.source for i in self.items}
        return any(i.doc_id in ours or i.source in ours for i in items)


class _Loader:
    def __init__(self, store: GraphStore, report: LoadReport, progress: Progress | None,
                 merges: Merges = NO_MERGES) -> None:
        self.store = store
        self.merges = merges  # accepted merges (kg/store/merges.py)
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
                                              initializer=exit_with, initargs=(os.getpid(),))
        plan.prepared = (self.helper or Inline()).submit(
            prepare, work, self.store.encode, self.report.dry_run, self.merges)
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
        prepared: Prepared = plan.prepared.result()
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
        # Loaded under other merges than the file given: loaded again, so they take effect.
        complete = {d["id"] for d in found if d["complete"]
                    and (not self.merges.given or d.get("merges") == self.merges.digest)}
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
        by_ends: dict[tuple[str, str, str], list[dict[str, str]]] = {}
        for t, s, g in facts:
            if label_of_key(g) != "Indicator":  # an indicator's REPORTS is always new
                by_ends.setdefault(fact_ends(t, s, g), []).append({"source": s, "target": g})
        return {(ends[0], f["source"], f["target"]) for ends, rows in by_ends.items()
                for f in tx.query(EXISTING_FACTS[ends], {"rows": rows}).records()}

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
        # A document's indicators (and their REPORTS) go with it, below.
        found = [f for f in tx.query(FIND_FACTS_OF_DOCUMENTS, {"ids": doc_ids}).records()
                 if label_of_key(f["target"]) != "Indicator"]
        candidates = {f["source"] for f in found} | {f["target"] for f in found}
        candidates |= {r["key"] for r in tx.query(MENTIONED_ENTITIES, {"ids": doc_ids}).records()}
        for row in tx.query(WITHDRAW_CANDIDATES, {"ids": doc_ids}).records():
            candidates |= set(row["noted"] or []) | ({row["about"]} if row["about"] else set())
        candidates = {k for k in candidates if label_of_key(k) != "Indicator"}
        # Noted on the Documents, which go last: a retry still finds them.
        self._q(tx, NOTE_WITHDRAWING, {"ids": doc_ids, "keys": sorted(candidates)})
        self._learn_years(tx, {d for f in found for d in f["docs"] if d not in gone})
        updates: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        deletes: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        for f in found:
            keep = [i for i, d in enumerate(f["docs"]) if d not in gone]
            ends = fact_ends(f["type"], f["source"], f["target"])
            if not keep:
                deletes.setdefault(ends, []).append({"source": f["source"], "target": f["target"]})
                continue
            statuses = f["statuses"] or [""] * len(f["docs"])
            updates.setdefault(ends, []).append(self._fact_row(
                f["type"], f["source"], f["target"], [f["docs"][i] for i in keep],
                [statuses[i] for i in keep]))
        if found:
            self._q(tx, DROP_EVIDENCE_OF_DOCUMENTS, {"ids": doc_ids})
        for ends, rows in deletes.items():
            self._q(tx, DELETE_FACTS[ends], {"rows": rows})
        for ends, rows in updates.items():
            self._q(tx, SET_FACTS[ends], {"rows": rows})
        self._q(tx, DELETE_INDICATORS_OF_DOCUMENTS, {"ids": doc_ids})  # found through the chunks
        self._q(tx, DELETE_CHUNKS, {"ids": doc_ids})
        self._q(tx, DELETE_ABOUT, {"ids": doc_ids})
        if interrupted:
            self._q(tx, DELETE_ORPHANS, {})
        else:
            for label, keys in by_label(sorted(candidates)).items():
                self._q(tx, DELETE_ORPHANS_AMONG[label], {"keys": keys})
        # Last: while the Document exists, an interrupted withdrawal is redone.
        self._q(tx, DELETE_DOCUMENTS, {"ids": doc_ids})

    def _estimate(self, tx: GraphStore, todo: list[tuple[DocumentRecord, DocumentRows]],
                  withdraw: set[str]) -> None:
        """Dry run: count what the batch would create (removals of replaced
        versions are counted by their chunks and mentions)."""
        keys_wanted = sorted({e["key"] for _, rows in todo
                              for items in rows.entities.values() for e in items})
        keyed = by_label(keys_wanted)
        keyed.pop("Indicator", None)  # a document's own: new with it
        existing = {r["key"] for label, keys in keyed.items()
                    for r in tx.query(EXISTING_KEYS[label], {"keys": keys}).records()}
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
