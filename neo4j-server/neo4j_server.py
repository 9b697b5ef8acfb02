"""A Neo4j Community server from Maven artifacts: no Docker, no tarball.

The test suite starts one per session (tests/conftest.py), and ``make neo4j``
starts one for researchers who cannot run Docker. Maven resolves the jars of
``pom.xml`` beside this file into ~/.m2 (once per machine); the server then
runs as ``java -cp <those jars> org.neo4j.server.CommunityEntryPoint`` with a
neo4j.conf written here: 127.0.0.1 only, authentication on, small memory.

    python neo4j-server/neo4j_server.py start --home neo4j-data   # prints the exports
    python neo4j-server/neo4j_server.py stop --home neo4j-data

Only the standard library is used, so this runs before kg is installed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
POM = HERE / "pom.xml"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "kg" / "neo4j-server"
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
# What Neo4j's own launcher passes to the JVM (conf/neo4j.conf of the distribution).
JVM_OPTIONS = [
    "-XX:+UseG1GC", "-XX:-OmitStackTraceInFastThrow", "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields", "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024", "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true", "-Dfile.encoding=UTF-8",
    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
]
USER = "neo4j"


class ServerError(RuntimeError):
    """The server could not be resolved, started or stopped (the reason is the message)."""


def missing_tools() -> str | None:
    """Why this machine cannot run the server (no ``java`` or ``mvn``), or None."""
    absent = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    return f"{' and '.join(absent)} not found on PATH" if absent else None


def classpath() -> str:
    """The jars of pom.xml, resolved by Maven once and remembered per pom version."""
    digest = hashlib.sha256(POM.read_bytes()).hexdigest()[:16]
    remembered = CACHE / f"classpath-{digest}.txt"
    if remembered.is_file():
        jars = remembered.read_text(encoding="utf-8").strip()
        if all(Path(jar).is_file() for jar in jars.split(os.pathsep)):
            return jars
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = remembered.with_suffix(".partial")
    done = subprocess.run(
        ["mvn", "-q", "-B", "-f", str(POM), "dependency:build-classpath",
         f"-Dmdep.outputFile={partial}"],
        capture_output=True, text=True, check=False)
    if done.returncode != 0 or not partial.is_file():
        tail = (done.stdout + done.stderr).strip().splitlines()[-3:]
        raise ServerError("Maven could not resolve the Neo4j jars: " + " | ".join(tail))
    partial.replace(remembered)
    return remembered.read_text(encoding="utf-8").strip()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Neo4jServer:
    """One server whose configuration, data, logs and password live in ``home``.

    The password is made at the first start (``neo4j-admin dbms
    set-initial-password``) and kept in ``home/password``, readable by the
    owner only; later starts of the same home reuse it.
    """

    def __init__(self, home: str | os.PathLike[str], *, bolt_port: int | None = None,
                 http_port: int | None = None, heap: str = "512m", page_cache: str = "256m") -> None:
        self.home = Path(home).resolve()
        self.bolt_port = bolt_port or free_port()
        self.http_port = http_port or free_port()
        self.heap = heap
        self.page_cache = page_cache
        self._process: subprocess.Popen | None = None
        self._log_start = 0  # where this start's lines begin in logs/neo4j.log

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def browser_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/browser/"

    @property
    def password(self) -> str:
        return (self.home / "password").read_text(encoding="utf-8").strip()

    def env(self) -> dict[str, str]:
        """NEO4J_URI, NEO4J_USERNAME and NEO4J_PASSWORD for kg."""
        return {"NEO4J_URI": self.uri, "NEO4J_USERNAME": USER, "NEO4J_PASSWORD": self.password}

    def start(self, timeout: float = 300) -> Neo4jServer:
        """Start the server and wait until the default database answers."""
        self._write_conf()
        if not (self.home / "password").is_file():
            password = "k" + secrets.token_urlsafe(18)  # never "-…": neo4j-admin would read an option
            self.admin("dbms", "set-initial-password", password)
            secret = self.home / "password"
            secret.touch(mode=0o600)
            secret.write_text(password + "\n", encoding="utf-8")
        server_log = self.home / "logs" / "neo4j.log"
        self._log_start = server_log.stat().st_size if server_log.is_file() else 0
        log = open(self.home / "console.log", "ab")  # noqa: SIM115 - the child keeps it
        self._process = subprocess.Popen(
            ["java", f"-Xms{self.heap}", f"-Xmx{self.heap}", *JVM_OPTIONS, "-cp", classpath(),
             ENTRY_POINT, f"--home-dir={self.home}", f"--config-dir={self.home / 'conf'}"],
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            env=self._java_env(), start_new_session=True)
        log.close()
        (self.home / "server.pid").write_text(f"{self._process.pid}\n", encoding="utf-8")
        self._wait_until_up(timeout)
        return self

    def stop(self, timeout: float = 120) -> None:
        """Shut down cleanly (SIGTERM), or kill after ``timeout`` seconds."""
        pid = self._pid()
        if pid is None:
            return
        _signal(pid, signal.SIGTERM)
        if not _wait_for_exit(pid, self._process, timeout):
            self.kill()
        self._forget()

    def kill(self) -> None:
        """End the server at once (SIGKILL), as a crash or power cut would."""
        pid = self._pid()
        if pid is not None:
            _signal(pid, signal.SIGKILL)
            _wait_for_exit(pid, self._process, 30)
        self._forget()

    def admin(self, *args: str, cwd: str | os.PathLike[str] | None = None) -> subprocess.CompletedProcess:
        """Run ``neo4j-admin ARGS`` on this home (the server must not hold the database)."""
        self._write_conf()
        done = subprocess.run(
            ["java", "-Xmx512m", *JVM_OPTIONS, "-cp", classpath(), ADMIN_TOOL, *args],
            env=self._java_env(), cwd=cwd, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise ServerError(f"neo4j-admin {' '.join(args[:2])} failed: "  # args[2:] may hold a password
                              + (done.stderr or done.stdout).strip()[-800:])
        return done

    def _write_conf(self) -> None:
        conf = self.home / "conf"
        conf.mkdir(parents=True, exist_ok=True)
        settings = {
            "server.default_listen_address": "127.0.0.1",
            "server.default_advertised_address": "127.0.0.1",
            "server.bolt.listen_address": f"127.0.0.1:{self.bolt_port}",
            "server.bolt.advertised_address": f"127.0.0.1:{self.bolt_port}",
            "server.http.listen_address": f"127.0.0.1:{self.http_port}",
            "server.http.advertised_address": f"127.0.0.1:{self.http_port}",
            "server.https.enabled": "false",
            "dbms.security.auth_enabled": "true",
            "dbms.usage_report.enabled": "false",
            "client.allow_telemetry": "false",  # Browser sends no product analytics
            "server.memory.heap.initial_size": self.heap,
            "server.memory.heap.max_size": self.heap,
            "server.memory.pagecache.size": self.page_cache,
            "db.tx_log.rotation.retention_policy": "2 files",
            "server.directories.import": str(self.home / "import"),
        }
        lines = [f"{key}={value}" for key, value in settings.items()]
        (conf / "neo4j.conf").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def _java_env(self) -> dict[str, str]:
        return {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(self.home / "conf")}

    def _wait_until_up(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise ServerError(f"Neo4j exited with {self._process.returncode}; see "
                                  f"{self.home / 'logs' / 'neo4j.log'}")
            if self._default_database_online():
                return
            time.sleep(1)
        self.kill()
        raise ServerError(f"Neo4j did not start within {timeout:.0f} s; see "
                          f"{self.home / 'logs' / 'neo4j.log'}")

    def _default_database_online(self) -> bool:
        """True once HTTP answers and neo4j.log says this start has finished."""
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.http_port}/", timeout=2) as answer:
                json.load(answer)
        except (OSError, ValueError):
            return False
        log = self.home / "logs" / "neo4j.log"
        if not log.is_file():
            return False
        with log.open("rb") as lines:
            lines.seek(self._log_start)
            return b"Started." in lines.read()

    def _pid(self) -> int | None:
        if self._process is not None:
            return self._process.pid if self._process.poll() is None else None
        recorded = self.home / "server.pid"
        return int(recorded.read_text()) if recorded.is_file() else None

    def _forget(self) -> None:
        self._process = None
        (self.home / "server.pid").unlink(missing_ok=True)


def _signal(pid: int, sig: signal.Signals) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


def _wait_for_exit(pid: int, process: subprocess.Popen | None, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None:
            if process.poll() is not None:
                return True
        else:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return True
        time.sleep(0.5)
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["start", "stop"])
    parser.add_argument("--home", default="neo4j-data", help="configuration, data, logs, password")
    parser.add_argument("--bolt-port", type=int, default=7687)
    parser.add_argument("--http-port", type=int, default=7474)
    parser.add_argument("--heap", default="1g")
    parser.add_argument("--page-cache", default="512m")
    args = parser.parse_args(argv)
    server = Neo4jServer(args.home, bolt_port=args.bolt_port, http_port=args.http_port,
                         heap=args.heap, page_cache=args.page_cache)
    try:
        if args.action == "stop":
            server.stop()
            print(f"Neo4j in {server.home} stopped")
            return 0
        if reason := missing_tools():
            raise ServerError(f"cannot run Neo4j: {reason} (install Java 17+ and Maven)")
        server.start()
    except ServerError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"# Neo4j running from {server.home}; Browser: {server.browser_url}")
    for key, value in server.env().items():
        print(f"export {key}={value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
