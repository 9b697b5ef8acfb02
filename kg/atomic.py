"""Output files and folders written whole or not at all.

Every file kg writes (``kg extract -o`` and ``--emit-text``, ``kg export``,
``kg discover -o``, ``kg viz``, ``kg analyse``, ``kg resolve -o``) goes
through :func:`atomic_file` or :func:`atomic_folder`: the content is written
under a hidden temporary name beside the target (``.NAME.kg-partial-XXXX``,
on the same file system, and hidden, so never read as a report) and renamed
onto the target only once complete. A run that fails or is interrupted
(Ctrl-C, SIGTERM) removes its temporary file and leaves the previous file as
it was; only SIGKILL or a power cut can leave a hidden ``.kg-partial`` file
behind, never a partial target.

A symbolic link at the target is replaced, never written through (its target
is left as it was). A target that is a device or a pipe (a FIFO, anything
under ``/dev`` or ``/proc``, such as ``/dev/stdout`` even when it leads to a
file) cannot be renamed onto: it is written into directly. Every failure is
one coded line naming the target (E210), ``replace=False`` refuses an
existing target (E211).

(``atomicwrites``, the library for this, is unmaintained since 2022 and does
not swap folders; the standard library's ``os.replace`` is all it takes.)

>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
>>> with atomic_file(target) as out:
...     _ = out.write("法治")
>>> target.read_text(encoding="utf-8")
'法治'
>>> with atomic_file(target) as out:
...     _ = out.write("half of it")
...     raise RuntimeError("interrupted")
Traceback (most recent call last):
RuntimeError: interrupted
>>> target.read_text(encoding="utf-8"), sorted(p.name for p in target.parent.iterdir())
('法治', ['out.txt'])
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from kg.errors import Errors, KGError

PARTIAL = ".kg-partial-"


def write_text(path: str | os.PathLike[str], text: str, *, replace: bool = True) -> Path:
    """Write ``text`` (UTF-8) to ``path`` whole or not at all."""
    with atomic_file(path, replace=replace) as out:
        out.write(text)
    return Path(path)


@contextmanager
def atomic_file(path: str | os.PathLike[str], *, binary: bool = False,
                replace: bool = True) -> Iterator[IO]:
    """A file handle whose content becomes ``path`` when the block ends without
    an exception; on any exception the previous ``path`` is left as it was."""
    target = Path(path)
    kind = _kind(target, replace)
    if kind == "folder":
        raise KGError(Errors.E210, path=path, reason="it is a folder; name a file")
    mode = "wb" if binary else "w"
    encoding = None if binary else "utf-8"
    if kind == "stream":
        with _writing(path), open(target, mode, encoding=encoding) as handle:
            yield handle
        return
    with _writing(path):
        _make_parent(target)
        fd, partial = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}{PARTIAL}")
    try:
        with _writing(path, partial), os.fdopen(fd, mode, encoding=encoding) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        with _writing(path):
            os.chmod(partial, 0o666 & ~_UMASK)  # mkstemp makes it 0600
            os.replace(partial, target)
    except BaseException:
        _remove(partial)
        raise


@contextmanager
def atomic_folder(path: str | os.PathLike[str], *, replace: bool = True,
                  suffixes: tuple[str, ...] = (".csv", ".parquet", ".sh", ".report")) -> Iterator[Path]:
    """A fresh empty folder to fill; when the block ends without an exception
    it replaces ``path`` whole, so no file of an earlier content survives.

    An existing folder is replaced only when it holds nothing but files whose
    names end in ``suffixes`` (what an earlier run wrote): ``-o .`` must not
    delete a folder of other files.
    """
    target = Path(path)
    kind = _kind(target, replace)
    if kind not in ("absent", "folder", "link"):
        raise KGError(Errors.E210, path=path, reason="it is a file, not a folder; name a folder")
    if kind == "folder":
        _check_only_outputs(target, suffixes)
    with _writing(path):
        _make_parent(target)
        partial = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}{PARTIAL}"))
    try:
        with _writing(path, str(partial)):
            yield partial
        with _writing(path):
            os.chmod(partial, 0o777 & ~_UMASK)
            _swap_in(partial, target, kind != "absent")  # a link itself, not its folder
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise


def _check_only_outputs(folder: Path, suffixes: tuple[str, ...]) -> None:
    with _writing(folder):
        foreign = sorted(p.name for p in folder.iterdir() if p.is_dir() or not p.name.endswith(suffixes))
    if foreign:
        raise KGError(Errors.E210, path=str(folder), reason=(
            f"it holds {', '.join(foreign[:3])}{' …' if len(foreign) > 3 else ''}, which kg did not "
            "write there, and would be replaced whole; name a new folder"))


def _swap_in(partial: Path, target: Path, exists: bool) -> None:
    if not exists:
        os.rename(partial, target)
        return
    # Two renames: the old folder moves aside, the new one takes its name;
    # the old one is removed only once the new one is in place.
    old = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.kg-old-"))
    os.rename(target, old / "previous")
    try:
        os.rename(partial, target)
    except OSError:
        os.rename(old / "previous", target)
        os.rmdir(old)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _kind(target: Path, replace: bool) -> str:
    """absent, file, folder, link or stream (a device or pipe, written into)."""
    if target.absolute().parts[1:2] in (("dev",), ("proc",)):
        return "stream"  # /dev/stdout, /dev/null, /proc/self/fd/1: never a file to replace
    try:
        info = target.lstat()
    except (FileNotFoundError, NotADirectoryError):
        return "absent"  # (a file in the way of its folder is named when the folder is made)
    except OSError as err:
        raise KGError(Errors.E210, path=str(target), reason=err.strerror or type(err).__name__) from None
    if stat.S_ISLNK(info.st_mode):
        try:
            if not stat.S_ISREG(target.stat().st_mode) and not target.is_dir():
                return "stream"  # /dev/stdout and the like
        except OSError:
            pass  # a dangling link is replaced
        kind = "link"
    elif stat.S_ISDIR(info.st_mode):
        kind = "folder"
    elif stat.S_ISREG(info.st_mode):
        kind = "file"
    else:
        return "stream"
    if not replace:
        raise KGError(Errors.E211, path=str(target))
    return kind


def _make_parent(target: Path) -> None:
    parent = target.parent
    if parent.exists() and not parent.is_dir():
        raise KGError(Errors.E210, path=str(target), reason=f"{parent} is not a folder")
    parent.mkdir(parents=True, exist_ok=True)


@contextmanager
def _writing(path, partial: str | None = None) -> Iterator[None]:
    """OSError while writing ``path`` -> E210 naming it and the reason. In the
    caller's block only errors of the output itself are turned (those of
    other files, such as an input, name their own file and pass through)."""
    try:
        yield
    except OSError as err:
        if partial is not None and err.filename is not None \
                and not str(err.filename).startswith(partial):
            raise
        raise KGError(Errors.E210, path=str(path), reason=err.strerror or type(err).__name__) from None


def _remove(partial: str) -> None:
    try:
        os.unlink(partial)
    except OSError:
        pass


def _read_umask() -> int:
    mask = os.umask(0)  # (the only way to read it; done once, at import)
    os.umask(mask)
    return mask


_UMASK = _read_umask()
