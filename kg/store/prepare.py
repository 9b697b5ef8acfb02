"""A batch of records made ready for the store: parsed, checked, its rows
and statements generated and encoded. Pure and picklable both ways, so that
:mod:`kg.store.loader` runs it in a helper process while the store writes the
batch before (or in its own process, for the first batch).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

from kg.errors import Errors, KGError
from kg.model import DocumentRecord
from kg.records import RecordLine
from kg.store.merges import NO_MERGES, Merges
from kg.store.rows import DocumentRows, generate_document_rows
from kg.store.statements import generate_write_statements


@dataclass
class Prepared:
    """A batch's records parsed and their writes encoded for the store."""

    problems: list[str]  # why some items cannot be loaded (E201, E203), in input order
    warnings: list[str]
    years: dict[str, int | None]  # doc id -> report year, of the documents to write
    statements: list[tuple[str, dict[str, Any] | None]]  # encoded by the store's ``encode``
    todo: list[tuple[DocumentRecord, DocumentRows]] | None = None  # kept for a dry run only


def prepare(items: list[DocumentRecord | RecordLine],
            encode: Callable[[str, dict[str, Any] | None], tuple[str, dict[str, Any] | None]],
            dry_run: bool, merges: Merges = NO_MERGES) -> Prepared:
    """Parse, check and turn into encoded statements the documents to write
    (E201 for a malformed line, E203 for a record contradicting itself).
    Pure and picklable both ways: it runs in a helper process."""
    prepared = Prepared([], [], {}, [])
    todo: list[tuple[DocumentRecord, DocumentRows]] = []
    for item in items:
        record = item.record_or_error() if isinstance(item, RecordLine) else item
        if not isinstance(record, DocumentRecord):
            prepared.problems.append(str(record))
            continue
        try:
            rows = generate_document_rows(record, merges)
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


def exit_with(parent: int) -> None:
    """In the helper process: exit when the loading process is gone (killed
    loads must not leave it waiting for work forever)."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


class Inline:
    """Runs a call at once and hands back its result as a future: the first
    batch is prepared in this process, so a small load starts no helper."""

    @staticmethod
    def submit(fn: Callable[..., Any], *args: Any) -> Future:
        future: Future = Future()
        future.set_result(fn(*args))
        return future

