"""Helpers for the end-to-end reliability tests.

- ``kg``: run the ``kg`` entry point (``kg.cli.main``, the code a user's
  ``kg`` runs) in this process, so the spaCy pipeline loads once per session;
  returns the exit status and what was printed.
- ``data_dir``: a fresh, short data directory (Unix socket paths are limited
  to 107 characters); its embedded server is stopped afterwards;
  ``new_data_dir()``: one more of them; ``module_data_dir``: one shared by
  a test module.
- ``write_report``: write a small report text for a test.
"""

from __future__ import annotations

import contextlib
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.store.falkor import EmbeddedServer


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


@pytest.fixture
def kg(capsys, monkeypatch):
    from kg.cli import main

    def run(*args) -> Run:
        capsys.readouterr()
        monkeypatch.setattr(sys, "argv", ["kg", *map(str, args)])
        try:
            main()
            code = 0
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        out, err = capsys.readouterr()
        return Run(code, out, err)

    return run


@contextlib.contextmanager
def short_data_dir() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="kgrel-")) / "data"
    try:
        yield path
    finally:
        EmbeddedServer(path).stop()
        shutil.rmtree(path.parent, ignore_errors=True)


@pytest.fixture
def data_dir():
    with short_data_dir() as path:
        yield path


@pytest.fixture
def new_data_dir():
    """A factory of fresh data directories, all stopped and removed afterwards."""
    with contextlib.ExitStack() as stack:
        yield lambda: stack.enter_context(short_data_dir())


@pytest.fixture(scope="module")
def module_data_dir():
    """One data directory (one server) for a whole test module."""
    with short_data_dir() as path:
        yield path


@pytest.fixture
def write_report():
    def write(path: Path, text: str) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write
