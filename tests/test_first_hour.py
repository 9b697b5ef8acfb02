"""The first hour of a new researcher: each rough edge they met, as a test.

A mistyped --data-dir, a server left running, a misspelt pack or value, a
Neo4j port that is not Neo4j, help that speaks in Python types, tables wider
than the terminal, internal bookkeeping in the counts.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import struct
import termios
import subprocess
import sys
import time
from pathlib import Path

import pytest
import typer.main

from kg.cli import WORKFLOW, app
from kg.cli.common import command
from kg.store import open_store
from kg.store.loader import load_records
from kg.store.server import EmbeddedServer
from records import town_report

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def loaded(tmp_path):
    data = tmp_path / "data"
    with open_store(data) as store:
        load_records(store, [town_report(2021)])
    yield data
    EmbeddedServer(data).stop()


@pytest.mark.slow
@pytest.mark.parametrize("args", [
    ["stats"], ["query", "run", "mechanisms-by-jurisdiction"], ["export", "--format", "jsonl", "-o", "x.jsonl"]])
def test_a_mistyped_data_dir_is_not_a_new_empty_graph(tmp_path, args, kg_process):
    typo = tmp_path / "kg-dta"
    done = kg_process(*args, "--data-dir", typo)
    assert done.returncode == 1
    assert f"[E316] No graph at {typo}: run `kg build REPORTS…`" in done.stderr
    assert not typo.exists()  # nothing created, no server started


@pytest.mark.slow
def test_an_idle_server_stops_by_itself(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_STORE_IDLE", "0.05")  # three seconds
    server = EmbeddedServer(tmp_path / "data")
    with open_store(server.data_dir) as store:
        store.query("RETURN 1")
        time.sleep(6)  # a client still connected keeps it alive
        assert server.pid() is not None
    deadline = time.monotonic() + 30
    while server.pid() is not None and time.monotonic() < deadline:
        time.sleep(0.5)
    assert server.pid() is None
    with open_store(server.data_dir) as store:  # and the next command starts it again
        assert store.query("RETURN 1").rows == [[1]]
    server.stop()


def test_a_misspelt_pack_or_parameter_gets_a_did_you_mean(kg_process):
    done = kg_process("query", "run", "mechanism-adoptoin")
    assert "[E401] Unknown query pack 'mechanism-adoptoin'. Did you mean 'mechanism-adoption'?" in done.stderr
    done = kg_process("query", "run", "mechanisms-lacking", "-p", "jurisdicton=攸县")
    assert "Did you mean 'jurisdiction'?" in done.stderr


@pytest.mark.slow
def test_a_value_not_in_the_graph_says_so_and_names_what_is_there(loaded, kg_process):
    part = kg_process("query", "run", "jurisdictions-with-mechanism", "-p", "mechanism=访调", "--data-dir", loaded)
    assert part.returncode == 0
    assert "mechanism=访调: names in the graph like it: 访调对接" in part.stderr
    none = kg_process("query", "run", "mechanisms-by-jurisdiction", "-p", "jurisdiction=不存在镇",
                      "--data-dir", loaded)
    assert "jurisdiction=不存在镇: no such name in the graph" in none.stderr


def test_a_port_that_is_not_neo4j_is_named_quickly(tmp_path, kg_process):
    http = subprocess.Popen([sys.executable, "-m", "http.server", "0", "--bind", "127.0.0.1"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=tmp_path)
    try:
        port = int(http.stdout.readline().split("port ")[1].split()[0])
        started = time.monotonic()
        done = kg_process("stats", "--neo4j", f"bolt://127.0.0.1:{port}")
        assert time.monotonic() - started < 40
        assert "not a Neo4j server" in done.stderr and not done.stderr.rstrip().endswith(":")
        refused = kg_process("stats", "--neo4j", "bolt://127.0.0.1:1")
        assert "nothing listens there (is Neo4j running?)" in refused.stderr
    finally:
        http.kill()
        http.wait()


def _helps(cmd, path=()):
    yield path, cmd
    for name, sub in getattr(cmd, "commands", {}).items():
        yield from _helps(sub, (*path, name))


def test_help_names_values_and_lists_commands_in_workflow_order(capsys, monkeypatch, kg_process):
    monkeypatch.setenv("COLUMNS", "100")
    root = command(app, WORKFLOW)
    for path, _ in _helps(root):
        root.main(args=[*path, "--help"], prog_name="kg", standalone_mode=False)
        text = capsys.readouterr().out
        assert "<str>" not in text and "<int" not in text and "list[" not in text, path
        assert "{" not in text.splitlines()[0], path  # usage line: PATHS..., not {paths}...
    listed = [line.split()[0] for line in kg_process("--help").stdout.split("Commands:")[1].splitlines()
              if line.strip()]
    assert listed == [name for name in WORKFLOW if name in listed]  # a new command has its place
    assert "kg schema show --for neo4j" in kg_process("schema", "--help").stdout
    assert typer.main.get_command(app)  # the plain typer route still builds


def in_terminal(*args: str, columns: int = 80) -> str:
    """What ``kg ARGS`` shows on an 80-column terminal (stdout and stderr)."""
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    proc = subprocess.Popen([sys.executable, "-c", "from kg.cli import main; main()", *args],
                            stdout=child, stderr=child, env={**os.environ, "COLUMNS": str(columns)})
    os.close(child)
    out = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    proc.wait()
    return out.decode("utf-8", "replace")


@pytest.mark.slow
def test_tables_fit_the_terminal():
    lines = in_terminal("query", "list").splitlines()
    assert lines and max(_width(line) for line in lines) <= 80


@pytest.mark.slow
def test_progress_shows_the_total_and_the_time_left(tmp_path):
    shown = in_terminal("extract", str(ROOT / "examples"), "-o", str(tmp_path / "out.jsonl"))
    assert "8/8 [" in shown and "<00:00" in shown  # n/total [elapsed<left]


def _width(line: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


@pytest.mark.slow
def test_stats_counts_the_documents_graph_not_kgs_bookkeeping(loaded, kg_process):
    counts = json.loads(kg_process("stats", "--json", "--data-dir", loaded, check=True).stdout)
    assert "__Entity__" not in counts["labels"] and "Tally" not in counts["labels"]
    assert not {"CO_OCCURS", "TALLIED_AT"} & set(counts["relationship_types"])
    internal = json.loads(kg_process("stats", "--json", "--internal", "--data-dir", loaded, check=True).stdout)
    assert "__Entity__" in internal["labels"]
    from kg.store.stats import document_graph_size

    with open_store(loaded) as store:
        nodes, relationships = document_graph_size(store)
    assert sum(counts["labels"].values()) == nodes
    assert sum(counts["relationship_types"].values()) == relationships


@pytest.mark.slow
def test_provenance_names_a_report_without_a_title_by_its_file(tmp_path):
    from kg.query.packs import run_pack

    record = town_report(2021).model_copy(update={"title": None, "source": "reports/永乐镇2021.txt"})
    with open_store(tmp_path / "data") as store:
        load_records(store, [record])
        rows = run_pack(store, "node-provenance", {"node": "访调对接"}).records()
        facts = run_pack(store, "fact-provenance", {"source": "永乐镇"}).records()
    EmbeddedServer(tmp_path / "data").stop()
    assert rows and {r["document"] for r in rows} == {"reports/永乐镇2021.txt"}
    assert facts and {r["file"] for r in facts} == {"reports/永乐镇2021.txt"}


@pytest.mark.slow
def test_load_of_a_report_or_a_damaged_file_is_one_line_each_and_the_next_file_loads(tmp_path, kg_process):
    report = tmp_path / "report.txt"
    report.write_text("青石镇2021年法治政府建设情况报告\n" + "一、建立访调对接机制。\n" * 30, encoding="utf-8")
    good = tmp_path / "good.jsonl"
    line = town_report(2021).model_dump_json()
    other = town_report(2022).model_dump_json()
    good.write_bytes((line + "\n").encode() + other.encode()[:-40] + b"\xe5\x8f" + b"\n")  # cut mid-character
    data = tmp_path / "data"
    done = kg_process("load", report, tmp_path / "missing.jsonl", good, "--data-dir", data)
    EmbeddedServer(data).stop()
    errors = [l for l in done.stderr.splitlines() if "error:" in l]
    assert len(errors) == 3, done.stderr
    assert f"[E202] {report}: not a JSON Lines file" in errors[0] and "kg extract" in errors[0]
    assert "missing.jsonl" in errors[1]
    assert f"[E201] {good}:2: not UTF-8" in errors[2]
    assert "loaded 1 documents" in done.stderr and done.returncode == 1


def test_the_readme_writes_nothing_into_the_clone_and_says_how_kg_gets_the_password():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for line in readme.splitlines():
        if line.startswith("kg ") and " -o " in line:
            target = line.split(" -o ")[1].split()[0]
            assert target.startswith("out/"), line  # out/ is git-ignored
    assert "/out/" in (ROOT / ".gitignore").read_text()
    assert "set -a; . ./.env; set +a" in readme
    assert "pip install ." in readme and "fazhi-kg" in readme


@pytest.mark.parametrize("where", ["same", "inside", "emit"])
def test_no_output_can_overwrite_or_land_among_the_inputs(tmp_path, where, kg_process):
    folder = tmp_path / "reports"
    folder.mkdir()
    report = folder / "a.txt"
    report.write_text("青石镇2021年法治政府建设情况报告\n青石镇推行访调对接。\n", encoding="utf-8")
    args = {"same": [report, "-o", report], "inside": [folder, "-o", folder / "out.jsonl"],
            "emit": [folder, "-o", tmp_path / "out.jsonl", "--emit-text", folder]}[where]
    done = kg_process("extract", *args)
    assert done.returncode == 1 and "[E015]" in done.stderr and "write it elsewhere" in done.stderr
    assert report.read_text(encoding="utf-8").startswith("青石镇2021年")  # untouched
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt"]


def test_the_distribution_has_a_name_of_its_own_and_the_command_stays_kg():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == "fazhi-kg"  # `kg` on PyPI is an unrelated KEGG client
    assert project["scripts"] == {"kg": "kg.cli:main"}


@pytest.mark.slow
def test_query_docs_names_the_store_its_samples_come_from(loaded, kg_process):
    default = kg_process("query", "docs", "--data-dir", loaded, check=True).stdout
    assert f"Samples below come from the graph at `{loaded}`." in default
    said = kg_process("query", "docs", "--data-dir", loaded, "--samples-from", "the example reports",
                      check=True).stdout
    assert "Samples below come from the example reports." in said
