"""``kg discover``: extract a corpus and collect what the vocabulary lacks."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from kg.extract.discover import Candidate, collect
from kg.ingest import IngestProblem
from kg.model import DocumentRecord
from kg.run.extraction import extract_paths


def discover(paths: Iterable[str | Path], *, workers: int = 1,
             progress: Callable[[DocumentRecord | IngestProblem], None] | None = None,
             ) -> tuple[list[Candidate], int, list[IngestProblem]]:
    """(candidates most documents first, documents read, inputs that could not be read)."""
    problems: list[IngestProblem] = []
    documents = 0

    def records():
        nonlocal documents
        for item in extract_paths(list(paths), workers=workers, progress=progress):
            if isinstance(item, IngestProblem):
                problems.append(item)
                continue
            documents += 1
            yield item

    candidates = collect(records())
    return candidates, documents, problems
