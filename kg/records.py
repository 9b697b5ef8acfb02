"""Records as JSON Lines: written and read by this one module.

``kg extract`` writes one :class:`~kg.model.DocumentRecord` a line with
:func:`record_line`; ``kg load`` and ``kg eval`` read them back with
:func:`read_records` (:func:`read_output` also reads a folder of part files). The model's first two fields are ``doc_id`` and
``source``, so a line opens with them and a loader can tell which document a
line holds without parsing the rest (:attr:`RecordLine.doc_id`).

``kg extract`` opens its output with a start line (:func:`start_line`) and
ends it with a summary (:func:`summary_line`: records written, inputs
skipped and why). A file that opens with the first but does not end with the
second was cut short — a killed run, a full disk — and :func:`read_records`
says so (E208) after the records it could read; a summary whose count
differs from the lines before it says lines were lost.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from kg import __version__
from kg.errors import Errors, KGError
from kg.model import DocumentRecord


def record_line(record: DocumentRecord) -> str:
    """The JSON line (no newline) ``kg extract`` writes for ``record``."""
    return record.model_dump_json(exclude_none=True)


_MARK = "kg_extract"  # the key of the start and summary lines
_MARK_OPENING = '{"' + _MARK + '":'


def is_mark_line(line: str) -> bool:
    """True for the start and summary lines of ``kg extract`` output (no records).

    >>> is_mark_line(start_line()), is_mark_line('{"doc_id":"ab"}')
    (True, False)
    """
    return line.startswith(_MARK_OPENING)


def start_line() -> str:
    """The first line of ``kg extract`` output.

    >>> start_line().startswith('{"kg_extract":"start"')
    True
    """
    return json.dumps({_MARK: "start", "version": __version__}, separators=(",", ":"))


def summary_line(records: int, skipped: Iterable[tuple[str, str, str]]) -> str:
    """The last line of ``kg extract`` output: how many inputs it met, how
    many records it holds and each input skipped as (source, code, reason).

    >>> summary_line(2, [("b.txt", "E006", "b.txt: empty file")])
    '{"kg_extract":"end","inputs":3,"records":2,"skipped":[{"source":"b.txt","code":"E006","reason":"b.txt: empty file"}]}'
    """
    skipped = [{"source": s, "code": c, "reason": r} for s, c, r in skipped]
    return json.dumps({_MARK: "end", "inputs": records + len(skipped), "records": records,
                       "skipped": skipped}, ensure_ascii=False, separators=(",", ":"))


# record_line() writes doc_id and source first (the model's field order): a
# line that opens this way tells which document it is without being parsed.
_LINE_OPENING = re.compile(r'\{"doc_id":"([0-9a-f]{64})","source":("(?:[^"\\]|\\.)*")')


@dataclass(frozen=True)
class RecordLine:
    """One line of a JSON Lines file, validated only when it is loaded.

    ``doc_id`` and ``source`` are read from the line's opening, so a
    document already in the graph is skipped without parsing the rest; they
    are None when the line does not open as ``kg extract`` writes it.
    """

    path: str
    number: int
    text: str
    doc_id: str | None = None
    source: str | None = None

    @classmethod
    def of(cls, path: str, number: int, text: str) -> RecordLine:
        opening = _LINE_OPENING.match(text)
        if opening is None:
            return cls(path, number, text)
        return cls(path, number, text, opening[1], json.loads(opening[2]))

    def record_or_error(self) -> DocumentRecord | KGError:
        """The validated record, or the E201 error naming FILE:LINE."""
        try:
            record = DocumentRecord.model_validate_json(self.text)
        except ValidationError as err:
            return KGError(Errors.E201, path=self.path, line=self.number,
                           reason=_validation_reason(err))
        if self.doc_id is not None and (record.doc_id, record.source) != (self.doc_id, self.source):
            return KGError(Errors.E201, path=self.path, line=self.number,
                           reason="doc_id or source given twice")
        return record


def read_records(path: str) -> Iterator[RecordLine | KGError]:
    """The lines of a ``kg extract`` JSON Lines file, as :class:`RecordLine`
    (a malformed line is reported, as E201 "FILE:LINE: reason", when it is
    validated: by :func:`load_records` or :meth:`RecordLine.record_or_error`).

    Each line is read on its own: a line that is not UTF-8 (a cut or damaged
    file) is that line's E201, yielded in its place, and the others still
    load. A file whose first line is not a JSON object is not extraction
    output at all: one E202 for the file (a report given to ``kg load``).
    Output that opens with :func:`start_line` must end with its
    :func:`summary_line`: else an E208 follows the records read.
    """
    try:
        handle = open(path, "rb")
    except OSError as err:
        raise KGError(Errors.E202, path=path, reason=err.strerror or str(err)) from err
    with handle:
        first = True
        started = False  # a start line was read and its summary is due
        lines = 0  # lines of records since the last start or summary line
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8").rstrip("\r\n")
            except UnicodeDecodeError as err:
                if first:
                    raise KGError(Errors.E202, path=path, reason="not UTF-8 text") from err
                lines += 1
                yield KGError(Errors.E201, path=path, line=number,
                              reason=f"not UTF-8 (byte {err.start}): a cut or damaged line")
                continue
            if first and not line.lstrip("\ufeff").lstrip().startswith("{"):
                raise KGError(Errors.E202, path=path, reason="its first line is not a JSON object; "
                              "reports are extracted with `kg extract` or loaded with `kg build`")
            first = False
            if is_mark_line(line):
                problem = _check_mark(path, line, started, lines)
                if problem is not None:
                    yield problem
                started, lines = json.loads(line).get(_MARK) == "start", 0
                continue
            lines += 1
            yield RecordLine.of(path, number, line)
        if started:
            yield _cut(path, lines)


def _check_mark(path: str, line: str, started: bool, lines: int) -> KGError | None:
    """The problem a start or summary line reveals: a start line while a
    summary was due (the output before it was cut), or a summary whose count
    is not the number of lines before it."""
    try:
        mark = json.loads(line)
        kind = mark[_MARK]
    except (ValueError, KeyError, TypeError):
        return KGError(Errors.E208, path=path, reason="a damaged start or summary line")
    if kind == "start":
        return _cut(path, lines) if started else None
    if mark.get("records") != lines:
        return KGError(Errors.E208, path=path, reason=(
            f"its summary counts {mark.get('records')} records but {lines} lines come before it: "
            "lines were lost or added"))
    return None


def _cut(path: str, lines: int) -> KGError:
    return KGError(Errors.E208, path=path, reason=(
        f"it ends without the summary `kg extract` writes last, so the extraction was cut short "
        f"(killed, or the disk was full); the {lines} lines before the cut were read"))


def read_output(path: str | os.PathLike[str]) -> Iterator[RecordLine]:
    """:func:`read_records` of ``kg extract`` output: one file, or a folder
    of ``part-*`` files (``kg spark extract``), read in name order."""
    folder = Path(path)
    if not folder.is_dir():
        yield from read_records(str(path))
        return
    parts = sorted(p for p in folder.iterdir() if p.name.startswith("part-"))
    if not parts:
        raise KGError(Errors.E202, path=str(path), reason="a folder without part-* files")
    for part in parts:
        yield from read_records(str(part))


def _validation_reason(err) -> str:
    first = err.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    return f"{where}: {first['msg']}" if where else first["msg"]
