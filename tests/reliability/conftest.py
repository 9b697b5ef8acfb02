"""Helpers for the end-to-end reliability tests.

- ``kg`` (from tests/conftest.py): run the ``kg`` entry point in this process.
- ``data_dir``: an empty data directory with a short path (Unix socket
  paths are limited to 107 characters); ``new_data_dir()``: one more. Their
  servers serve the whole test module and are stopped at its end.
- ``write_report``: write a small report text for a test.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.store import open_store
from kg.store.server import EmbeddedServer


@contextlib.contextmanager
def short_data_dir() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="kgrel-")) / "data"
    try:
        yield path
    finally:
        EmbeddedServer(path).stop()
        shutil.rmtree(path.parent, ignore_errors=True)


@pytest.fixture(scope="module")
def _data_dir_pool():
    # Servers are kept for the module and emptied between tests: stopping one
    # (it saves the graph) costs about two seconds.
    with contextlib.ExitStack() as stack:
        yield [], stack


@pytest.fixture
def new_data_dir(_data_dir_pool):
    """A factory of empty data directories (short paths, servers of this module)."""
    paths, stack = _data_dir_pool
    handed = 0

    def next_dir() -> Path:
        nonlocal handed
        if handed == len(paths):
            paths.append(stack.enter_context(short_data_dir()))
        path = paths[handed]
        handed += 1
        if path.exists():
            with open_store(path) as store:
                store.query("MATCH (n) DETACH DELETE n", write=True)
        return path

    return next_dir


@pytest.fixture
def data_dir(new_data_dir):
    return new_data_dir()


@pytest.fixture
def write_report():
    def write(path: Path, text: str) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write
