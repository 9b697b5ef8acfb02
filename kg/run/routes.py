"""The routes that string stages together besides plain extraction:
explain one file, score extraction against gold, build a graph from reports."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from kg.documents import RawDocument
from kg.errors import Errors, KGError
from kg.extract.evaluate import read_gold, read_predictions, score
from kg.extract.explain import Explanation, explain_document
from kg.ingest import IngestProblem, read_paths
from kg.normalise import normalise
from kg.run.extraction import extract_paths
from kg.run.manifest import Manifest
from kg.store.base import GraphStore
from kg.store.loader import BATCH_SIZE, LoadReport, load_records
from kg.store.merges import NO_MERGES, Merges


def explain_path(path: str, term: str | None = None) -> Explanation:
    """Why the extractor decided what it did in one report file."""
    items = list(read_paths([path], strict=True))
    if len(items) != 1:
        raise KGError(Errors.E001, path=path, reason="give one report file, not a folder")
    return explain_document(normalise(items[0]), term)


def explain_text(text: str, term: str | None = None, source: str = "<text>") -> Explanation:
    """:func:`explain_path` for a text given as a string."""
    return explain_document(normalise(RawDocument(source, text)), term)


def evaluate(gold: str | Path, *, pred: str | Path | None = None,
             paths: Iterable[str | Path] | None = None, workers: int = 1,
             progress: Callable[[Any], None] | None = None,
             manifest: Manifest | None = None) -> tuple[dict, list[IngestProblem]]:
    """Scores of ``kg extract`` output (``pred``) or of extracting ``paths``
    (with ``manifest``, if given) against the gold annotations in ``gold``;
    also the inputs that could not be read."""
    golds = read_gold(gold)
    skipped: list[IngestProblem] = []
    if pred is not None:
        records = read_predictions(pred)
    else:
        records = []
        for item in extract_paths(paths or [], workers=workers, progress=progress, manifest=manifest):
            if isinstance(item, IngestProblem):
                skipped.append(item)
            else:
                records.append(item.model_dump())
    return score(golds, records), skipped


def build(store: GraphStore, paths: Iterable[str | Path], *, workers: int = 1, strict: bool = False,
          dry_run: bool = False, progress: Callable[[int, str, str], None] | None = None,
          batch_size: int = BATCH_SIZE, merges: Merges = NO_MERGES,
          manifest: Manifest | None = None) -> LoadReport:
    """Extract reports (with ``manifest``, if given) and load them into
    ``store``, streaming (no file in between), with the accepted ``merges``
    (kg/store/merges.py)."""
    return load_records(store, extract_paths(paths, workers=workers, strict=strict, manifest=manifest),
                        dry_run=dry_run, progress=progress, batch_size=batch_size, merges=merges)
