"""`kg query` end to end: the real command line against the real store."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()


def kg(*args: str):
    result = runner.invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def test_list_and_show():
    listing = kg("query", "list", "--format", "csv")
    assert listing.exit_code == 0
    names = [row["name"] for row in csv.DictReader(io.StringIO(listing.stdout))]
    assert "legal-adviser-network" in names and len(names) >= 18
    shown = kg("query", "show", "mechanisms-lacking")
    assert shown.exit_code == 0
    assert "`share` (float[0..1], default 0.5)" in shown.stdout
    assert "MATCH (j:Jurisdiction {name: $jurisdiction})" in shown.stdout


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "markdown"])
def test_run_in_every_format(hand_store, fmt):
    out = kg("query", "run", "jurisdictions-with-mechanism", "-p", "mechanism=三项制度",
             "--format", fmt, "--data-dir", str(hand_store.server.data_dir))
    assert out.exit_code == 0, out.output
    assert out.stdout.count("攸县") == 1
    if fmt == "json":
        assert [r["jurisdiction"] for r in json.loads(out.stdout)] == ["奉节县", "攸县", "永乐镇"]
    if fmt == "csv":
        assert out.stdout.splitlines()[0] == "mechanism,jurisdiction,level,status,first_year,documents"


def test_ad_hoc_cypher_is_read_only_unless_write(hand_store):
    data_dir = str(hand_store.server.data_dir)
    out = kg("query", "run", "--cypher", "MATCH (m:Mechanism {name: $name}) RETURN m.category AS c",
             "-p", "name=访调对接", "--format", "csv", "--data-dir", data_dir)
    assert out.stdout.splitlines() == ["c", "dispute-resolution"]
    with pytest.raises(Exception) as err:
        kg("query", "run", "--cypher", "CREATE (:Scratch {n: 1})", "--data-dir", data_dir)
    assert getattr(err.value, "code", None) == "E306"
    written = kg("query", "run", "--cypher", "CREATE (s:Scratch {n: 1}) RETURN s.n AS n", "--write",
                 "--format", "csv", "--data-dir", data_dir)
    assert written.stdout.splitlines() == ["n", "1"]
    hand_store.query("MATCH (s:Scratch) DELETE s", write=True)


@pytest.mark.parametrize("args,code", [
    (["query", "run", "no-such-pack"], "E401"),
    (["query", "run", "mechanisms-lacking"], "E402"),
    (["query", "run", "mechanisms-lacking", "-p", "jurisdiction=x", "-p", "share=lots"], "E403"),
    (["query", "run", "mechanisms-lacking", "-p", "jurisdiction=x", "-p", "size=3"], "E404"),
    (["query", "run", "mechanisms-lacking", "-p", "jurisdiction"], "E406"),
    (["query", "run", "actors-by-role", "--format", "xml"], "E407"),
    (["query", "run"], "E408"),
])
def test_bad_input_is_one_line_and_non_zero(tmp_path, args, code):
    # Errors in parameters are found before any store is started.
    proc = subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", *args,
                           "--data-dir", str(tmp_path / "unused")],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert proc.stderr.strip().startswith(f"kg: error: [{code}]")
    assert len(proc.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "unused").exists()


def test_docs_lists_every_pack_with_a_sample(hand_store):
    out = kg("query", "docs", "--rows", "2", "--data-dir", str(hand_store.server.data_dir))
    assert out.exit_code == 0
    for name in ("mechanisms-by-jurisdiction", "institution-path", "jurisdiction-tree"):
        assert f"## {name}" in out.stdout
    assert "| mechanism | jurisdiction | level | status | first_year | documents |" in out.stdout
