"""Killing the server or the loading process mid-load, then loading again,
ends with exactly the graph of an uninterrupted load."""

import os
import signal
import subprocess
import sys
import time

import psutil
import pytest

from kg.errors import KGError
from kg.store import open_store
from kg.store.server import EmbeddedServer
from kg.store.loader import load_records
from kg.store.statements import DELETE_CHUNKS
from kg.store.snapshot import snapshot
from records import many_reports, town_report

pytestmark = pytest.mark.slow

RECORDS = many_reports(40, sentences=6)


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """Snapshot of the records loaded without interruption (small batches)."""
    server = EmbeddedServer(tmp_path_factory.mktemp("reference"))
    try:
        with open_store(server.data_dir) as store:
            load_records(store, RECORDS, batch_size=3)
            return snapshot(store)
    finally:
        server.stop()


@pytest.mark.parametrize("kill_after", [1, 7, 20, 38])
def test_server_killed_mid_load_then_reload_gives_the_same_graph(tmp_path, reference, kill_after):
    server = EmbeddedServer(tmp_path / "data")

    def kill_server(done, doc, outcome):
        if done == kill_after:
            os.kill(server.pid(), signal.SIGKILL)

    try:
        with open_store(server.data_dir) as store:
            with pytest.raises(KGError, match=r"\[E308\]"):
                load_records(store, RECORDS, batch_size=3, progress=kill_server)
        assert not server.is_running()
        with open_store(server.data_dir) as store:  # stale socket and pid file: restarted
            report = load_records(store, RECORDS, batch_size=5)
            assert report.documents_loaded + report.documents_unchanged == len(RECORDS)
            assert snapshot(store) == reference
    finally:
        server.stop()


def test_process_killed_mid_load_then_reload_gives_the_same_graph(tmp_path, reference):
    """SIGKILL a `kg load` while it writes: after 10 documents, then after 20."""
    jsonl = tmp_path / "records.jsonl"
    jsonl.write_text("".join(r.model_dump_json() + "\n" for r in RECORDS), encoding="utf-8")
    server = EmbeddedServer(tmp_path / "data")
    command = [sys.executable, "-c", "from kg.cli import main; main()", "load", str(jsonl),
               "--data-dir", str(server.data_dir), "--batch-size", "3"]
    try:
        # Started here: a `kg load` that starts the server also starts its idle
        # watchdog, which outlives the command by design and is not a load helper.
        server.ensure_running()
        for lines in (1, 2):
            process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
            seen = [process.stderr.readline() for _ in range(lines)]  # "kg: 10 documents (…/s)"
            helpers = psutil.Process(process.pid).children(recursive=True)  # the parsing process
            process.send_signal(signal.SIGKILL)
            process.wait()
            assert all("documents" in line for line in seen), seen
            assert helpers
            alive = _still_running(helpers, timeout=60)  # (it polls its parent; a loaded machine is slow)
            assert not alive, [" ".join(p.cmdline()) for p in alive]  # nothing is left waiting for work
        with open_store(server.data_dir) as store:  # really interrupted
            assert store.query("MATCH (d:Document {complete: true}) RETURN count(d)").rows[0][0] < len(RECORDS)
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        with open_store(server.data_dir) as store:
            assert snapshot(store) == reference
    finally:
        server.stop()


def _still_running(processes: list[psutil.Process], timeout: float) -> list[psutil.Process]:
    """Those of ``processes`` still running after up to ``timeout`` seconds.

    A zombie has ended: orphans are reaped by whoever adopted them, here a
    process that may take its time, and psutil.wait_procs waits for the reaping.
    """
    def running(process: psutil.Process) -> bool:
        try:
            return process.status() != psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return False

    deadline = time.monotonic() + timeout
    while (alive := [p for p in processes if running(p)]) and time.monotonic() < deadline:
        time.sleep(0.5)
    return alive


def test_interrupted_replacement_is_finished_by_the_next_load(tmp_path):
    """Kill the server while an old version is being withdrawn."""
    server = EmbeddedServer(tmp_path / "data")
    old, new = town_report(2021), town_report(2022, extra="新建诉调对接。")
    try:
        with open_store(server.data_dir) as store:
            load_records(store, [old])
            real_query = store.query

            def dying_query(cypher, params=None, *, write=False):
                if cypher == DELETE_CHUNKS:
                    os.kill(server.pid(), signal.SIGKILL)
                return real_query(cypher, params, write=write)

            store.query = dying_query
            with pytest.raises(KGError, match=r"\[E308\]"):
                load_records(store, [new])
        with open_store(server.data_dir) as store:
            load_records(store, [new])
            replaced = snapshot(store)
            store.query("MATCH (n) DETACH DELETE n", write=True)
            load_records(store, [new])
            assert snapshot(store) == replaced
    finally:
        server.stop()
