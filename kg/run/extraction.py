"""Paths -> raw documents -> normalised documents -> records, in one process or several.

The one place where ingest, normalise and extract meet: each stage knows only
its own input and output (:class:`~kg.documents.RawDocument`,
:class:`~kg.documents.NormalisedDocument`, :class:`~kg.model.DocumentRecord`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from pathlib import Path
from typing import NamedTuple

from kg.documents import NormalisedDocument, RawDocument
from kg.extract import extract_document, load_pipeline
from kg.errors import Errors, KGError
from kg.ingest import IngestProblem, read_bytes, read_paths
from kg.model import DocumentRecord
from kg.records import record_line
from kg.text.chars import HAN_RE
from kg.normalise import normalise


def extract_text(text: str, source: str = "<text>") -> DocumentRecord:
    """Normalise and extract one text given as a string."""
    return extract_document(normalise(RawDocument(source, text)))


# A normalised file with fewer Han characters than this is no report (a page
# of images and a title, navigation only): a problem, not an empty document.
MIN_REPORT_HAN = 10


def normalise_raw(raw: RawDocument, text_dir: Path | None = None) -> NormalisedDocument:
    """Normalise one raw document read from a file; E017 when next to no text
    is left. With ``text_dir`` (``--emit-text``) also write its normalised
    text there as ``<stem>.txt``, the text the offsets index."""
    norm = normalise(raw)
    if sum(1 for _ in islice(HAN_RE.finditer(norm.text), MIN_REPORT_HAN)) < MIN_REPORT_HAN:
        reason = ("nothing but whitespace, markup or page furniture" if not norm.text.strip()
                  else f"fewer than {MIN_REPORT_HAN} Chinese characters")
        raise KGError(Errors.E017, path=raw.source, reason=reason)
    if text_dir is not None:
        text_dir.mkdir(parents=True, exist_ok=True)
        (text_dir / f"{Path(raw.source).stem}.txt").write_text(norm.text, encoding="utf-8")
    return norm


def _extract_raw(raw: RawDocument, text_dir: Path | None = None) -> DocumentRecord:
    return extract_document(normalise_raw(raw, text_dir))


def _extract_or_problem(raw: RawDocument, text_dir: Path | None = None) -> DocumentRecord | IngestProblem:
    """One file's record, or its problem: whatever normalising or extracting
    it raises is that file's error (E013), so one file cannot stop a batch."""
    try:
        return _extract_raw(raw, text_dir)
    except KGError as err:
        return IngestProblem.from_error(raw.source, err)
    except Exception as err:  # noqa: BLE001 - reported with the file, the batch goes on
        return IngestProblem.from_error(raw.source, _failed(raw.source, err))


def _failed(source: str, err: BaseException) -> KGError:
    return KGError(Errors.E013, path=source, reason=" ".join(f"{type(err).__name__}: {err}".split())[:160])


class ExtractedLine(NamedTuple):
    """One record as the line ``kg extract`` writes (JSON, no newline)."""

    source: str
    json: str


def extract_paths(
    paths: Iterable[str | Path] | str | Path, *, workers: int = 1, strict: bool = False,
    progress: Callable[[DocumentRecord | IngestProblem], None] | None = None,
    text_dir: str | Path | None = None,
) -> Iterator[DocumentRecord | IngestProblem]:
    """Extract every report under ``paths``, in input order.

    With ``workers > 1`` documents are extracted in that many processes, each
    with its own pipeline; the output order stays the input order. Inputs that
    cannot be read are yielded as :class:`IngestProblem` (raised with
    ``strict=True``). ``progress`` is called once per yielded item. With
    ``text_dir`` each normalised text is also written there as ``<stem>.txt``.
    """
    if workers <= 1:
        folder = Path(text_dir) if text_dir is not None else None
        results: Iterator = (_extract_or_problem(i, folder) if isinstance(i, RawDocument) else i
                             for i in read_paths(paths, strict=strict))
        if strict:
            results = (_raise_problem(i) for i in results)
    else:
        # Workers send JSON: pickling ~1,000 pydantic objects per report and
        # rebuilding them here cost twice as much as this round trip.
        results = (i if isinstance(i, IngestProblem) else DocumentRecord.model_validate_json(i.json)
                   for i in _in_workers(paths, workers, strict, text_dir, exclude_none=False))
    yield from _report(results, progress)


def extract_lines(
    paths: Iterable[str | Path] | str | Path, *, workers: int = 1, strict: bool = False,
    progress: Callable[[ExtractedLine | IngestProblem], None] | None = None,
    text_dir: str | Path | None = None,
) -> Iterator[ExtractedLine | IngestProblem]:
    """:func:`extract_paths` as the JSON lines ``kg extract`` writes (``exclude_none``).

    With ``workers > 1`` the lines are made in the worker processes, so this
    process only passes strings on and does not become the bottleneck.
    """
    if workers <= 1:
        results: Iterator = (
            ExtractedLine(i.source, record_line(i)) if isinstance(i, DocumentRecord) else i
            for i in extract_paths(paths, strict=strict, text_dir=text_dir))
    else:
        results = _in_workers(paths, workers, strict, text_dir, exclude_none=True)
    yield from _report(results, progress)


def _in_workers(paths, workers: int, strict: bool, text_dir, *,
                exclude_none: bool) -> Iterator[ExtractedLine | IngestProblem]:
    folder = Path(text_dir) if text_dir is not None else None
    with ProcessPoolExecutor(max_workers=workers, initializer=load_pipeline) as pool:
        # A sliding window, not fixed batches: a new document is submitted as
        # each result is taken, so no worker idles at the tail of a batch.
        window: deque = deque()
        for item in read_paths(paths, strict=strict):
            window.append((item.source, pool.submit(_extract_line, item, folder, exclude_none))
                          if isinstance(item, RawDocument) else item)
            if len(window) >= workers * 4:
                yield _result(window.popleft(), strict)
        while window:
            yield _result(window.popleft(), strict)


def extract_bytes(path: str, data: bytes) -> ExtractedLine | IngestProblem:
    """The line ``kg extract`` writes for the file ``path`` whose bytes are
    ``data`` (read elsewhere: by Spark, from any file system), or the problem
    with it. Never raises for a bad file: a report the extractor fails on is
    a problem too (E013), so one file cannot stop a batch of thousands.
    """
    try:
        record = _extract_or_problem(read_bytes(path, data))
    except KGError as err:
        return IngestProblem.from_error(path, err)
    if isinstance(record, IngestProblem):
        return record
    return ExtractedLine(record.source, record_line(record))


def _extract_line(raw: RawDocument, text_dir: Path | None, exclude_none: bool) -> ExtractedLine | IngestProblem:
    record = _extract_or_problem(raw, text_dir)
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
