"""`kg spark extract` in Spark's local mode writes the records `kg extract` writes.

Spark starts a JVM and, on this machine's two cores, takes most of a minute
to come up: one job covers the seeds, the examples (a folder with a README
that is not a report), a bad file, a missing input and a manifest (a row
that places a report the text leaves open, a row that names no file).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.ingest import IngestProblem
from kg.run import extract_bytes, extract_lines, read_manifest

pytest.importorskip("pyspark")

REPO = Path(__file__).resolve().parents[2]
SEEDS = Path("/work/shared/corpus/seeds")
KG = str(Path(sys.executable).parent / "kg")
# Seven divisions are named 龙溪镇, one of them in 浙江: the manifest's row decides.
OPEN = "龙溪镇2021年法治政府建设情况报告\n2021年，龙溪镇坚持依法行政，推行访调对接机制。"


@pytest.fixture(scope="module")
def spark_run(tmp_path_factory):
    work = tmp_path_factory.mktemp("spark")
    inputs = work / "in"
    shutil.copytree(REPO / "examples", inputs / "examples")
    if SEEDS.is_dir():  # read-only and outside the repository: copied
        shutil.copytree(SEEDS, inputs / "seeds")
    (inputs / "bad.txt").write_bytes(b"\x00\x01\x02 not a report \x00")
    (inputs / "longxi.txt").write_text(OPEN, encoding="utf-8")
    (work / "sources.tsv").write_text("id\tprovince\nlongxi\t浙江\nr9\t湖南\n", encoding="utf-8")
    missing = str(work / "missing")
    done = subprocess.run([KG, "spark", "extract", str(inputs), missing, "-o", str(work / "out"),
                           "--master", "local[2]", "--manifest", str(work / "sources.tsv")],
                          capture_output=True, text=True, cwd=work)
    return work, inputs, missing, done


@pytest.mark.slow
def test_spark_extract_writes_the_records_kg_extract_writes(spark_run):
    work, inputs, _, done = spark_run
    assert done.returncode == 1, done.stderr[-2000:]  # 1: some inputs were skipped
    parts = sorted((work / "out").glob("part-*"))
    assert parts and (work / "out" / "_SUCCESS").exists()
    spark_lines = [line for part in parts for line in part.read_text(encoding="utf-8").splitlines()]
    expected = [item.json for item in extract_lines([inputs], manifest=read_manifest(work / "sources.tsv"))
                if not isinstance(item, IngestProblem)]
    assert len(expected) >= 9
    assert sorted(spark_lines) == sorted(expected)
    longxi = next(json.loads(line) for line in spark_lines if line.startswith('{"doc_id"') and "longxi" in line)
    assert longxi["jurisdiction"]["chain"][0]["name"] == "浙江省"
    assert "manifest sources.tsv: 1 of 2 rows match no input file (r9)" in done.stderr


@pytest.mark.slow
def test_spark_extract_lists_bad_and_missing_inputs_as_skipped(spark_run):
    work, inputs, missing, done = spark_run
    skipped = [json.loads(line) for line in
               (work / "out" / "skipped.jsonl").read_text(encoding="utf-8").splitlines()]
    # The same problems, with the same codes, as `kg extract` reports.
    expected = {(p.source, p.code) for p in extract_lines([inputs, missing])
                if isinstance(p, IngestProblem)}
    assert {(s["source"], s["code"]) for s in skipped} == expected
    assert {source for source, _ in expected} == {str(inputs / "bad.txt"), missing}
    assert all(s["source"] in s["reason"] for s in skipped)
    assert f"skipped: [E002] {missing}" in done.stderr


@pytest.mark.slow
def test_spark_extract_refuses_an_existing_output_folder(tmp_path):
    (tmp_path / "out").mkdir()
    done = subprocess.run([KG, "spark", "extract", str(REPO / "examples"), "-o", str(tmp_path / "out"),
                           "--master", "local[1]"], capture_output=True, text=True)
    assert done.returncode == 1
    assert f"[E207] {tmp_path / 'out'}: the output folder exists already" in done.stderr


def test_extract_bytes_turns_every_failure_into_a_problem():
    problem = extract_bytes("x.txt", b"")
    assert isinstance(problem, IngestProblem) and problem.code == "E006"
    problem = extract_bytes("x.png", "报告".encode())
    assert isinstance(problem, IngestProblem) and problem.code == "E004"
