"""Neo4j credentials are never printed, whatever goes wrong.

No Neo4j server runs here, so the cases are the ones a user meets before a
server answers: unreachable, wrong scheme, credentials written into the URI,
a malformed URI. NEO4J_PASSWORD is set to a marker; each case must fail with
one line and exit status 1, and the marker must appear nowhere in what kg
printed. The `kg build` cases run the real ``kg`` in new processes (in
parallel, to keep this fast; a new process also shows what the Neo4j driver
logs to stderr); the others run the entry point in this process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

MARKER = "pw-MARKER-7f3a"
IN_URI = f"neo4j:{MARKER}@127.0.0.1"
BUILDS = {
    "unreachable": ("bolt://127.0.0.1:1", "E302"),
    "unreachable-routing": ("neo4j://127.0.0.1:1", "E302"),
    "wrong-scheme": (f"http://{IN_URI}:7474", "E305"),
}


@pytest.fixture
def secret_env(monkeypatch):
    for key in [k for k in os.environ if k.startswith("NEO4J_")]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("NEO4J_USERNAME", "neo4j")
    monkeypatch.setenv("NEO4J_PASSWORD", MARKER)


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, subprocess.CompletedProcess]:
    report = tmp_path_factory.mktemp("creds") / "report.txt"
    report.write_text("青石镇2021年法治政府建设情况报告\n2021年，青石镇司法所进驻镇综治中心。\n",
                      encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith("NEO4J_")}
    env.update(NEO4J_USERNAME="neo4j", NEO4J_PASSWORD=MARKER)

    def build(case: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", "build",
                               str(report), "--neo4j", BUILDS[case][0]],
                              capture_output=True, text=True, timeout=120, env=env)

    with ThreadPoolExecutor(max_workers=3) as pool:
        return dict(zip(BUILDS, pool.map(build, BUILDS)))


def check_one_line_without_marker(done, code: str) -> None:
    printed = done.stdout + done.stderr
    assert MARKER not in printed
    assert done.stderr.splitlines() == [done.stderr.strip()]
    assert done.stderr.startswith(f"kg: error: [{code}] ")


@pytest.mark.parametrize("case", BUILDS)
def test_build_against_an_unusable_neo4j(builds, case):
    uri, code = BUILDS[case]
    done = builds[case]
    assert done.returncode == 1
    check_one_line_without_marker(done, code)
    if code == "E302":
        assert f"Cannot reach Neo4j at {uri}: " in done.stderr


@pytest.mark.parametrize("args", [
    ["stats", "--neo4j", f"bolt://{IN_URI}:1"],
    ["query", "run", "--cypher", "RETURN 1", "--neo4j", f"neo4j+s://{IN_URI}:1"],
], ids=["bolt", "neo4j+s"])
def test_password_written_into_the_uri_is_left_out_of_the_message(kg, secret_env, args):
    """Neo4j drivers refuse user info in the URI; the message names the URI without it."""
    done = kg(*args)
    assert done.code == 1
    check_one_line_without_marker(done, "E305")
    assert "127.0.0.1:1: unsupported store URI" in done.stderr


def test_password_in_the_environment_uri(kg, secret_env, monkeypatch):
    monkeypatch.setenv("NEO4J_URI", f"bolt://{IN_URI}:1")
    done = kg("stats")
    assert done.code == 1
    check_one_line_without_marker(done, "E305")
    shown = kg("query", "run", "--help")
    assert shown.code == 0 and "Example:" in shown.stdout and MARKER not in shown.stdout + shown.stderr


def test_malformed_uri_is_a_one_line_error(kg, secret_env):
    done = kg("stats", "--neo4j", f"bolt://neo4j:{MARKER}@[::1:7687")
    assert done.code == 1
    check_one_line_without_marker(done, "E305")
