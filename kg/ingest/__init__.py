"""Read input files and folders into raw documents.

:func:`read_paths` takes files and folders (walked recursively, in sorted
order) and yields a :class:`RawDocument` per readable report, or an
:class:`IngestProblem` with a coded one-line reason per unreadable input.

Supported: plain text (.txt .text, encoding detected from the bytes),
HTML pages (.html .htm .shtml), Word (.docx) and PDFs with a text layer
(.pdf). Files without a suffix are sniffed. In a folder, files of other
types (images, stylesheets saved with a page) are skipped silently; named
explicitly, they are a problem (E004).

Each file is read whole: a 50 MB text file takes about 50 MB of bytes plus
its decoded text (at most 4 bytes a character, typically 2 for Chinese)
while it is decoded; see ``docs/normalisation.md``.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_bytes("法治政府建设情况报告".encode("gbk"))
>>> [doc.text for doc in read_paths([folder])]
['法治政府建设情况报告']
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import Errors, KGError
from kg.ingest.documents import Format, IngestProblem, RawDocument
from kg.ingest.text import decode_text

__all__ = ["count_inputs", "read_paths", "read_file", "read_bytes", "is_report_file", "source_name", "RawDocument", "IngestProblem", "SUFFIXES"]

SUFFIXES: dict[str, Format] = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".shtml": "html",
    ".docx": "docx", ".pdf": "pdf",
}

PathArg = str | os.PathLike[str]
_SNIFF_BYTES = 2048
_HTML_START = re.compile(r"\s*(?:<!doctype html|<html)", re.IGNORECASE)


def read_paths(
    paths: PathArg | Iterable[PathArg], *, strict: bool = False
) -> Iterator[RawDocument | IngestProblem]:
    """Yield a raw document or a problem for every file under ``paths``.

    With ``strict=True`` the first problem raises its :class:`KGError`.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for path in paths:
        for item in _read_one(str(path)):
            if strict and isinstance(item, IngestProblem):
                raise item.to_error()
            yield item


def count_inputs(paths: PathArg | Iterable[PathArg]) -> int:
    """How many files :func:`read_paths` will yield an item for (a cheap listing,
    for progress bars); a folder that cannot be listed counts as one problem."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    total = 0
    for path in map(Path, paths):
        if not path.is_dir():
            total += 1
            continue
        files, unreadable = _walk(path)
        total += sum(1 for f in files if is_report_file(str(f.relative_to(path)))) + len(unreadable)
    return total


def read_file(path: str, format: Format | None = None) -> RawDocument:
    """Read one file; raise :class:`KGError` when it is not a usable report.

    Only regular files are read (a FIFO would block for ever, a link to
    /dev/zero read until memory runs out), and none over
    :data:`MAX_FILE_BYTES`.
    """
    _check_regular(path)
    fmt = format or _format_of(Path(path), explicit=True)
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise KGError(Errors.E003, path=path, reason=err.strerror or type(err).__name__) from None
    return read_bytes(path, data, fmt)


MAX_FILE_BYTES = 200 * 1024 * 1024  # far above any report; a larger file is a mistake


def _check_regular(path: str) -> None:
    try:
        info = os.stat(path)
    except OSError as err:
        raise KGError(Errors.E003, path=path, reason=err.strerror or type(err).__name__) from None
    if stat.S_ISDIR(info.st_mode):
        raise KGError(Errors.E003, path=path, reason="is a folder")
    if not stat.S_ISREG(info.st_mode):
        raise KGError(Errors.E003, path=path, reason="not a regular file (a pipe, socket or device)")
    if info.st_size > MAX_FILE_BYTES:
        raise KGError(Errors.E014, path=path, size=info.st_size / 1e6, limit=MAX_FILE_BYTES / 1e6)


def read_bytes(path: str, data: bytes, format: Format | None = None) -> RawDocument:
    """Read one report from the bytes of the file ``path`` (read elsewhere, e.g.
    by Spark from any Hadoop file system); raise :class:`KGError` when it is
    not a usable report. Without ``format`` it is told by the name's suffix,
    or for a name without one, by the bytes, as :func:`read_file` does.

    Never raises anything else: a parser's own exception on a malformed file
    becomes E012 (corrupt file) for that file.
    """
    fmt = format or _format_of_name(path, data[:_SNIFF_BYTES], explicit=True)
    try:
        text, metadata, fmt = _read_format(path, data, fmt)
    except KGError:
        raise
    except Exception as err:  # noqa: BLE001 - whatever a parser raises on a malformed file is that file's error
        reason = " ".join(f"{type(err).__name__}: {err}".split())[:160]
        raise KGError(Errors.E012, path=path, kind=_KINDS[fmt], reason=reason) from None
    return RawDocument(source_name(path), text, fmt, metadata)


_KINDS: dict[Format, str] = {"text": "text", "html": "HTML", "docx": "Word", "pdf": "PDF"}


def _read_format(path: str, data: bytes, fmt: Format) -> tuple[str, dict[str, str], Format]:
    if fmt == "text":
        text = decode_text(data, path)
        if not _HTML_START.match(text):
            return text, {}, "text"
        fmt = "html"  # a page saved as .txt
    from kg.ingest import html, office  # heavy imports only when needed

    reader = {"html": html.read_html, "docx": office.read_docx, "pdf": office.read_pdf}[fmt]
    return *reader(data, path), fmt


_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def source_name(path: str) -> str:
    """How a file's path is recorded (the ``source`` of its record) and shown
    in messages: as given, except for what no JSON text or log line can hold.

    Bytes of the name that are not UTF-8 (a GBK name from a Windows zip,
    which Python holds as lone surrogates) are written ``\\xNN``, one escape
    per byte; control characters (a newline in a name) are written ``\\n``,
    ``\\xNN`` as in Python. The bytes of the name can be recovered from it
    (unless the name itself holds a backslash before ``x`` or ``n``).

    >>> source_name(os.fsdecode(b"reports/\\xb1\\xa8.txt")), source_name("a\\nb.txt")
    ('reports/\\\\xb1\\\\xa8.txt', 'a\\\\nb.txt')
    """
    try:
        name = os.fsencode(path).decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that stands for no byte
        name = path.encode("utf-8", "backslashreplace").decode("utf-8")
    return _CONTROL_CHARS.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), name)


def is_report_file(relative: str) -> bool:
    """Whether a file met while walking a folder, at ``relative`` ("a/b.txt")
    under it, is read as a report: in no hidden folder, not hidden itself, and
    of a supported type or without a suffix (then sniffed) — as :func:`read_paths`.

    >>> [is_report_file(p) for p in ("a/b.txt", "a/.b.txt", ".git/b.txt", "b.css", "b")]
    [True, False, False, False, True]
    """
    parts = relative.split("/")
    suffix = Path(parts[-1]).suffix.lower()
    return not any(p.startswith(".") for p in parts) and (not suffix or suffix in SUFFIXES)


def _read_one(path: str) -> Iterator[RawDocument | IngestProblem]:
    target = Path(path)
    if not target.exists() and not target.is_symlink():
        yield _problem(path, KGError(Errors.E002, path=path))
        return
    if not target.is_dir():
        yield _attempt(path)
        return
    files, unreadable = _walk(target)
    files = [f for f in files if _format_of(f, explicit=False)]
    if not files and not unreadable:
        yield _problem(path, KGError(Errors.E005, path=path))
    # A folder that cannot be listed is one problem in its place; its
    # readable siblings are read.
    skipped = {Path(err.filename or target): err for err in unreadable}
    for item in sorted([*files, *skipped], key=lambda p: p.relative_to(target).parts):
        if item in skipped:
            reason = (skipped[item].strerror or type(skipped[item]).__name__) + "; folder skipped"
            yield _problem(str(item), KGError(Errors.E003, path=str(item), reason=reason))
        else:
            yield _attempt(str(item))


def _attempt(path: str) -> RawDocument | IngestProblem:
    try:
        return read_file(path)
    except KGError as err:
        return _problem(path, err)


def _problem(path: str, error: KGError) -> IngestProblem:
    """The problem with ``path``, named in the message as in records (:func:`source_name`)."""
    shown = source_name(path)
    if error.fields.get("path") == path and shown != path:
        error = KGError(error.template, **{**error.fields, "path": shown})
    return IngestProblem.from_error(shown, error)


def _walk(folder: Path) -> tuple[list[Path], list[OSError]]:
    """Files under ``folder`` sorted by path, skipping hidden files and
    folders; and the errors of the folders that could not be listed."""
    found: list[Path] = []
    unreadable: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=unreadable.append):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [Path(root) / name for name in files if not name.startswith(".")]
    return sorted(found, key=lambda path: path.relative_to(folder).parts), unreadable


def _format_of(path: Path, *, explicit: bool) -> Format | None:
    if path.suffix or not path.name:
        return _format_of_name(str(path), b"", explicit=explicit)
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return "text"  # not opened here (a FIFO blocks): reading it reports the error
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError:
        return "text"  # reading it again reports the error
    return _sniff(head)


def _format_of_name(path: str, head: bytes, *, explicit: bool) -> Format | None:
    """The format told by the suffix of ``path``, else sniffed from ``head``."""
    suffix = Path(path).suffix.lower()
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    if not suffix:
        return _sniff(head)
    if explicit:
        raise KGError(Errors.E004, path=str(path), suffix=suffix,
                      supported=" ".join(SUFFIXES))
    return None


def _sniff(head: bytes) -> Format:
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    lowered = head.lower()
    if b"<html" in lowered or b"<!doctype html" in lowered:
        return "html"
    return "text"
