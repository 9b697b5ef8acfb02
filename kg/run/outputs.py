"""Outputs: none may overwrite or land among the inputs; extraction output
is written whole, between its start and summary lines.

``kg extract X -o X`` once truncated the report X before reading it, an
``--emit-text`` folder inside the input folder overwrote reports with their
normalised text, and an output left inside an input folder was read back as
a report on the next run. :func:`check_outputs` refuses all of these before
anything is opened.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from kg.atomic import atomic_file
from kg.errors import Errors, KGError
from kg.ingest import IngestProblem
from kg.records import start_line, summary_line
from kg.run.extraction import ExtractedLine, extract_lines
from kg.run.manifest import Manifest


def check_outputs(inputs: Iterable[str | os.PathLike[str]],
                  outputs: Iterable[str | os.PathLike[str] | None]) -> None:
    """E015 when an output (a file or a folder) is an input or lies inside an
    input folder; ``-`` (standard output) and None are not files.

    >>> check_outputs(["reports/a.txt"], ["out.jsonl", "-", None])
    >>> check_outputs(["reports"], ["reports/out.jsonl"])
    Traceback (most recent call last):
    kg.errors.KGError: [E015] reports/out.jsonl: an output inside the input folder reports would be read as a report next time, or overwrite one; write it elsewhere
    """
    sources = [(Path(p), Path(p).resolve()) for p in inputs]
    for out in outputs:
        if out is None or str(out) == "-":
            continue
        target = Path(out).resolve()
        for written, source in sources:
            if target == source:
                raise KGError(Errors.E015, path=out, reason="it is an input: writing it would destroy it")
            if target.is_relative_to(source):  # (a path can only lie inside a folder)
                raise KGError(Errors.E015, path=out, reason=(
                    f"an output inside the input folder {written} would be read as a report "
                    "next time, or overwrite one"))


def write_extraction(
    paths: Iterable[str | Path], output: str | Path, *, workers: int = 1, strict: bool = False,
    text_dir: str | Path | None = None,
    progress: Callable[[ExtractedLine | IngestProblem], None] | None = None,
    manifest: Manifest | None = None,
) -> tuple[int, list[IngestProblem]]:
    """``kg extract``: the lines of :func:`extract_lines` written to ``output``
    (``-`` is standard output) after a start line and before a summary, so
    that a cut file is told from a whole one (:mod:`kg.records`). A file is
    written whole or not at all (:mod:`kg.atomic`): a failed run (``strict``
    at a bad input, a full disk, Ctrl-C) leaves the previous file as it was.

    Returns the number of records written and the inputs skipped; the rows
    of ``manifest`` (kg/run/manifest.py) that matched a file are marked in it.
    """
    check_outputs(paths, [output, text_dir])
    if str(output) == "-":
        return _write_lines(sys.stdout, paths, workers, strict, text_dir, progress, manifest)
    with atomic_file(output) as handle:
        return _write_lines(handle, paths, workers, strict, text_dir, progress, manifest)


def _write_lines(handle, paths, workers, strict, text_dir, progress, manifest) -> tuple[int, list[IngestProblem]]:
    done = 0
    skipped: list[IngestProblem] = []
    handle.write(start_line() + "\n")
    for item in extract_lines(paths, workers=workers, strict=strict, progress=progress,
                              text_dir=text_dir, manifest=manifest):
        if isinstance(item, IngestProblem):
            skipped.append(item)
            continue
        handle.write(item.json)  # then the newline: a long record's line is not copied to add it
        handle.write("\n")
        done += 1
    handle.write(summary_line(done, ((p.source, p.code, p.reason) for p in skipped)) + "\n")
    return done, skipped
