"""Paths -> raw documents -> normalised documents -> records, in one process or several.

The one place where ingest, normalise and extract meet: each stage knows only
its own input and output (:class:`~kg.documents.RawDocument`,
:class:`~kg.documents.NormalisedDocument`, :class:`~kg.model.DocumentRecord`).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from pathlib import Path
from typing import Any, NamedTuple

from kg.atomic import write_text

from kg.documents import ManifestRow, NormalisedDocument, RawDocument
from kg.extract import extract_document, load_pipeline
from kg.errors import Errors, KGError
from kg.ingest import IngestProblem, read_bytes, read_paths
from kg.model import DocumentRecord
from kg.records import record_line
from kg.run.manifest import Manifest
from kg.text.chars import HAN_RE
from kg.normalise import normalise


def extract_text(text: str, source: str = "<text>") -> DocumentRecord:
    """Normalise and extract one text given as a string."""
    return extract_document(normalise(RawDocument(source, text)))


# A normalised file with fewer Han characters than this is no report (a page
# of images and a title, navigation only): a problem, not an empty document.
MIN_REPORT_HAN = 10
# The longest text extracted from one file, in bytes of UTF-8: a report is far
# shorter; extraction time is linear in the length but one record is held
# whole, so memory grows with it (docs/benchmarks.md, "One large file").
MAX_TEXT_BYTES = 50_000_000


def normalise_raw(raw: RawDocument) -> NormalisedDocument:
    """Normalise one raw document read from a file; E018 when its text is
    over :data:`MAX_TEXT_BYTES` (before any work on it), E017 when next to
    no text is left."""
    text = raw.text  # a character is four bytes at most: a shorter text is never encoded to be measured
    if len(text) * 4 > MAX_TEXT_BYTES and (size := len(text.encode("utf-8", "surrogatepass"))) > MAX_TEXT_BYTES:
        raise KGError(Errors.E018, path=raw.source, size=size / 1e6, limit=MAX_TEXT_BYTES / 1e6)
    norm = normalise(raw)
    if sum(1 for _ in islice(HAN_RE.finditer(norm.text), MIN_REPORT_HAN)) < MIN_REPORT_HAN:
        reason = ("nothing but whitespace, markup or page furniture" if not norm.text.strip()
                  else f"fewer than {MIN_REPORT_HAN} Chinese characters")
        raise KGError(Errors.E017, path=raw.source, reason=reason)
    return norm


def _with_text_paths(items: Iterable[RawDocument | IngestProblem], inputs: list[str],
                     text_dir: str | Path | None, strict: bool) -> Iterator[tuple[Any, Path | None]]:
    """Each item with the file its normalised text goes to under ``text_dir``:
    the input's path relative to the folder named on the command line (a
    file named itself: its name), with ".txt" added, so that a/report.txt,
    b/report.txt and a/report.html go to three files. Two inputs that would
    share one file: the second is a problem (E212), never a silent overwrite.
    """
    claimed: dict[Path, str] = {}
    for item in items:
        if text_dir is None or isinstance(item, IngestProblem):
            yield item, None
            continue
        target = Path(text_dir) / f"{_relative(item.source, inputs)}.txt"
        first = claimed.setdefault(target, item.source)
        if first == item.source:
            yield item, target
            continue
        error = KGError(Errors.E212, path=item.source, text=target, other=first)
        if strict:
            raise error
        yield IngestProblem.from_error(item.source, error), None


def _relative(source: str, inputs: list[str]) -> Path:
    path = Path(source)
    for folder in map(Path, inputs):
        if path != folder and path.is_relative_to(folder) and folder.is_dir():
            return path.relative_to(folder)
    return Path(path.name)


def _extract_or_problem(raw: RawDocument, text_path: Path | None = None,
                        given: ManifestRow | None = None) -> DocumentRecord | IngestProblem:
    """One file's record, or its problem: whatever normalising or extracting
    it raises is that file's error (E013), so one file cannot stop a batch.
    With ``text_path`` (``--emit-text``) its normalised text, the text the
    offsets index, is written there; failing to write it (a full disk) is
    the run's error (E210), not the file's. ``given`` is the file's row of
    the manifest, if any."""
    try:
        norm = normalise_raw(raw)
        record = extract_document(norm, given)
    except KGError as err:
        return IngestProblem.from_error(raw.source, err)
    except Exception as err:  # noqa: BLE001 - reported with the file, the batch goes on
        return IngestProblem.from_error(raw.source, _failed(raw.source, err))
    if text_path is not None:
        write_text(text_path, norm.text)
    return record


def _failed(source: str, err: BaseException) -> KGError:
    return KGError(Errors.E013, path=source, reason=" ".join(f"{type(err).__name__}: {err}".split())[:160])


class ExtractedLine(NamedTuple):
    """One record as the line ``kg extract`` writes (JSON, no newline)."""

    source: str
    json: str


def extract_paths(
    paths: Iterable[str | Path] | str | Path, *, workers: int = 1, strict: bool = False,
    progress: Callable[[DocumentRecord | IngestProblem], None] | None = None,
    text_dir: str | Path | None = None, manifest: Manifest | None = None,
) -> Iterator[DocumentRecord | IngestProblem]:
    """Extract every report under ``paths``, in input order.

    With ``workers > 1`` documents are extracted in that many processes, each
    with its own pipeline; the output order stays the input order. Inputs that
    cannot be read are yielded as :class:`IngestProblem` (raised with
    ``strict=True``). ``progress`` is called once per yielded item. With
    ``text_dir`` each normalised text is also written there, at its input's
    relative path with ".txt" added (a/report.html -> a/report.html.txt).
    With ``manifest`` (:func:`kg.run.manifest.read_manifest`) each file is
    extracted with its row, and the rows matched are marked in it.
    """
    if workers <= 1:
        results: Iterator = _extracted(paths, strict, text_dir, manifest)
    else:
        # Workers send JSON: pickling ~1,000 pydantic objects per report and
        # rebuilding them here cost twice as much as this round trip.
        results = (i if isinstance(i, IngestProblem) else DocumentRecord.model_validate_json(i.json)
                   for i in _in_workers(paths, workers, strict, text_dir, manifest, exclude_none=False))
    yield from _report(results, progress)


def extract_lines(
    paths: Iterable[str | Path] | str | Path, *, workers: int = 1, strict: bool = False,
    progress: Callable[[ExtractedLine | IngestProblem], None] | None = None,
    text_dir: str | Path | None = None, manifest: Manifest | None = None,
) -> Iterator[ExtractedLine | IngestProblem]:
    """:func:`extract_paths` as the JSON lines ``kg extract`` writes (``exclude_none``).

    With ``workers > 1`` the lines are made in the worker processes, so this
    process only passes strings on and does not become the bottleneck.
    """
    if workers <= 1:
        results: Iterator = _as_lines(_extracted(paths, strict, text_dir, manifest))
    else:
        results = _in_workers(paths, workers, strict, text_dir, manifest, exclude_none=True)
    yield from _report(results, progress)


def _extracted(paths, strict: bool, text_dir, manifest) -> Iterator[DocumentRecord | IngestProblem]:
    """Records and problems, in this process (a record is yielded, never kept here)."""
    for item, text, given in _read(paths, strict, text_dir, manifest):
        yield _checked(_extract_or_problem(item, text, given) if isinstance(item, RawDocument) else item, strict)


def _checked(item, strict: bool):
    return _raise_problem(item) if strict else item


def _as_lines(results: Iterator) -> Iterator[ExtractedLine | IngestProblem]:
    """Each record as its line, the record let go before the line is passed on:
    a long text's record and its line are not both held while the line is written."""
    for item in results:
        if isinstance(item, DocumentRecord):
            item = ExtractedLine(item.source, record_line(item))
        yield item


def _read(paths, strict: bool, text_dir,
          manifest: Manifest | None) -> Iterator[tuple[RawDocument | IngestProblem, Path | None, ManifestRow | None]]:
    """Each input, the file its text goes to (``--emit-text``) and its row of
    the manifest (a file that cannot be read matches its row too: it is an input)."""
    inputs = [str(paths)] if isinstance(paths, (str, Path)) else [str(p) for p in paths]
    for item, text in _with_text_paths(read_paths(inputs, strict=strict), inputs, text_dir, strict):
        given = manifest.row_for(item.source, _relative(item.source, inputs)) if manifest is not None else None
        yield item, text, given


def _in_workers(paths, workers: int, strict: bool, text_dir, manifest, *,
                exclude_none: bool) -> Iterator[ExtractedLine | IngestProblem]:
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_start_worker)
    try:
        # A sliding window, not fixed batches: a new document is submitted as
        # each result is taken, so no worker idles at the tail of a batch.
        window: deque = deque()
        for item, text, given in _read(paths, strict, text_dir, manifest):
            window.append((item.source, pool.submit(_extract_line, item, text, exclude_none, given))
                          if isinstance(item, RawDocument) else item)
            if len(window) >= workers * 4:
                yield _result(window.popleft(), strict)
        while window:
            yield _result(window.popleft(), strict)
    except BaseException:
        # Interrupted (Ctrl-C, SIGTERM, a closed generator) or failed: the
        # workers stop now, not after the documents they are extracting.
        _stop_workers(pool)
        raise
    pool.shutdown()


def _start_worker() -> None:
    """In each worker: die with the parent, whatever kills it (even SIGKILL,
    which leaves it no time to stop its workers), leave Ctrl-C to the parent
    (which stops the workers), then load the pipeline."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() == 1:  # the parent died before prctl took effect
            os._exit(1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler (kg.cli)
    load_pipeline()


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    # (the executor offers no way to end busy workers before Python 3.14's
    # terminate_workers: its own table of processes is used)
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)


def extract_bytes(path: str, data: bytes, given: ManifestRow | None = None) -> ExtractedLine | IngestProblem:
    """The line ``kg extract`` writes for the file ``path`` whose bytes are
    ``data`` (read elsewhere: by Spark, from any file system), or the problem
    with it; ``given``, the file's row of a manifest. Never raises for a bad
    file: a report the extractor fails on is a problem too (E013), so one
    file cannot stop a batch of thousands.
    """
    try:
        record = _extract_or_problem(read_bytes(path, data), given=given)
    except KGError as err:
        return IngestProblem.from_error(path, err)
    if isinstance(record, IngestProblem):
        return record
    return ExtractedLine(record.source, record_line(record))


def _extract_line(raw: RawDocument, text_path: Path | None, exclude_none: bool,
                  given: ManifestRow | None = None) -> ExtractedLine | IngestProblem:
    record = _extract_or_problem(raw, text_path, given)
    if isinstance(record, IngestProblem):
        return record
    return ExtractedLine(record.source, record_line(record) if exclude_none else record.model_dump_json())


def _result(item, strict: bool = False):
    """A worker's line or problem; a worker that died on the file (killed,
    out of memory) is that file's problem too."""
    if isinstance(item, IngestProblem):
        return item
    source, future = item
    try:
        result = future.result()
    except KGError:
        raise  # the run's own error (an output it cannot write), not the file's
    except Exception as err:  # noqa: BLE001 - e.g. BrokenProcessPool: the batch reports it per file
        result = IngestProblem.from_error(source, _failed(source, err))
    return _raise_problem(result) if strict else result


def _raise_problem(item):
    if isinstance(item, IngestProblem):
        raise item.to_error()
    return item


def _report(results: Iterator, progress) -> Iterator:
    for item in results:
        if progress is not None:
            progress(item)
        yield item
