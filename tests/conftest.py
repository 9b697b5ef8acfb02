"""Shared fixtures: a real embedded FalkorDB, the examples extracted and loaded.

Names are stable; other test folders use them:

- ``falkor_store``: one embedded server for the session, in a temp data dir;
- ``clean_store``: that store, emptied before the test;
- ``examples_records``: ``list(extract_paths([examples/]))``;
- ``examples_store``: a second embedded store with the examples loaded
  (with their reviewed merges, ``examples/merges.toml``);
- ``kg``: run the ``kg`` entry point (``kg.cli.main``, the code a user's
  ``kg`` runs) in this process, so the spaCy pipeline loads once per session;
  returns the exit status and what was printed;
- ``kg_process``: run ``kg`` in a new process, as a user does;
- ``neo4j_server``: one real Neo4j for the session, started from Maven
  artifacts (neo4j-server/neo4j_server.py); every test using it skips, with
  the reason, where Java or Maven is missing. ``Neo4jServer(home)`` from
  ``neo4j_server`` starts a further, fresh one (e.g. for neo4j-admin import);
- ``neo4j_env``: that server's NEO4J_URI/USERNAME/PASSWORD set for one test;
- ``neo4j_store``: a store on it, emptied and with the schema applied.

Every server started here is shut down at the end of the session.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.model import DocumentRecord
from kg.store import open_store, schema
from neo4j_server import Neo4jServer, missing_tools

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


@pytest.hookimpl(tryfirst=True)  # before `-m neo4j` selects
def pytest_collection_modifyitems(items):
    """Every test on the test Neo4j is marked ``neo4j`` (``make test-neo4j`` runs them)."""
    for item in items:
        if "neo4j_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.neo4j)


def _stop(store) -> None:
    server = store.server
    store.close()
    server.stop()


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


@pytest.fixture(scope="session")
def kg_process():
    """``kg_process(*args, env=None, check=False)``: run ``kg`` in a new process, as
    a user does; the ``subprocess.CompletedProcess`` (``check``: it must exit 0)."""

    def run(*args, env: dict[str, str] | None = None, check: bool = False) -> subprocess.CompletedProcess:
        done = subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", *map(str, args)],
                              capture_output=True, text=True, timeout=300, env={**os.environ, **(env or {})})
        if check:
            assert done.returncode == 0, done.stderr
        return done

    return run


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


@pytest.fixture(scope="session")
def falkor_store(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("falkor"))
    try:
        yield store
    finally:
        _stop(store)


@pytest.fixture
def clean_store(falkor_store):
    falkor_store.query("MATCH (n) DETACH DELETE n", write=True)
    return falkor_store


@pytest.fixture(scope="session")
def examples_records() -> list[DocumentRecord]:
    if not any(p.is_file() for p in EXAMPLES.rglob("*") if not p.name.startswith(".")):
        pytest.skip("examples/ holds no reports yet")
    try:
        from kg.run import extract_paths
    except ImportError as err:
        pytest.skip(f"the extractor is not available yet ({err})")
    items = list(extract_paths([EXAMPLES]))
    records = [item for item in items if isinstance(item, DocumentRecord)]
    if not records:
        pytest.skip(f"no records extracted from examples/ ({items[:3]})")
    return records


@pytest.fixture(scope="session")
def examples_store(tmp_path_factory, examples_records):
    from kg.store.loader import load_records
    from kg.store.merges import read_merges

    store = open_store(tmp_path_factory.mktemp("examples"))
    try:
        load_records(store, examples_records, merges=read_merges(EXAMPLES / "merges.toml"))
        yield store
    finally:
        _stop(store)


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory):
    if reason := missing_tools():
        pytest.skip(f"no test Neo4j: {reason} (Java 17+ and Maven start it)")
    server = Neo4jServer(tmp_path_factory.mktemp("neo4j"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def neo4j_env(neo4j_server, monkeypatch):
    for key, value in neo4j_server.env().items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("NEO4J_DATABASE", raising=False)
    return neo4j_server


@pytest.fixture
def neo4j_store(neo4j_env):
    store = open_store(uri=neo4j_env.uri)
    try:
        store.query("MATCH (n) DETACH DELETE n", write=True)
        schema.apply_neo4j(store)
        yield store
    finally:
        store.close()
