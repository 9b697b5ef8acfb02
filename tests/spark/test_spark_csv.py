"""`kg spark csv` in Spark's local mode writes the CSV files `kg bulk csv` writes.

The same extraction output (the examples, one document given twice, one
line that is no record) goes through both; every table must have the same
header and the same rows (the Spark job's rows are spread over part files,
in another order). `kg bulk csv`'s files are the ones imported into Neo4j
and compared with `kg load` in tests/neo4j/test_bulk.py.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyspark")

REPO = Path(__file__).resolve().parents[2]
KG = str(Path(sys.executable).parent / "kg")


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    work = tmp_path_factory.mktemp("spark-csv")
    out = work / "out.jsonl"
    subprocess.run([KG, "extract", str(REPO / "examples"), "-o", str(out)], check=True,
                   capture_output=True)
    lines = out.read_text(encoding="utf-8").splitlines()
    # A document given twice counts once; a line that is no record is reported and left out
    # (after the summary line, which counts the records before it).
    out.write_text("\n".join([*lines, lines[1], '{"doc_id": "not a record"}']) + "\n", encoding="utf-8")
    single = subprocess.run([KG, "bulk", "csv", str(out), "-o", str(work / "single")],
                            capture_output=True, text=True)
    spark = subprocess.run([KG, "spark", "csv", str(out), "-o", str(work / "spark"),
                            "--master", "local[2]", "--partitions", "3"],
                           capture_output=True, text=True, cwd=work)
    return work, single, spark


def _tables(command: str) -> dict[str, list[Path]]:
    """--nodes/--relationships option -> its files, from a printed neo4j-admin command."""
    tables = {}
    for argument in shlex.split(command)[4:]:
        if argument.startswith(("--nodes=", "--relationships=")):
            option, files = argument.rsplit("=", 1)
            tables[option] = [Path(f) for f in files.split(",")]
    return tables


@pytest.mark.slow
def test_spark_csv_writes_the_rows_kg_bulk_csv_writes(both):
    work, single, spark = both
    assert single.returncode == 1 and spark.returncode == 1, spark.stderr[-2000:]  # 1: a line failed
    # The same counts: documents, nodes, relationships, repeated, replaced, failed.
    assert spark.stderr.splitlines()[-2:][0] == single.stderr.splitlines()[-2:][0]
    assert "failed: [E201]" in spark.stderr
    expected, found = _tables(single.stdout), _tables(spark.stdout)
    assert set(found) == set(expected) and len(expected) >= 10
    for option, (csv_file,) in expected.items():
        header, *rows = csv_file.read_text(encoding="utf-8").splitlines()
        spark_header, *parts = found[option]
        assert spark_header.name == csv_file.stem + ".header.csv"
        assert spark_header.read_text(encoding="utf-8").splitlines() == [header], option
        spark_rows = [line for part in parts for line in part.read_text(encoding="utf-8").splitlines()]
        assert sorted(spark_rows) == sorted(rows), option


@pytest.mark.slow
def test_spark_csv_refuses_an_existing_output_folder(both):
    work, _, _ = both
    done = subprocess.run([KG, "spark", "csv", str(work / "out.jsonl"), "-o", str(work / "single"),
                           "--master", "local[1]"], capture_output=True, text=True)
    assert done.returncode == 1
    assert f"[E207] {work / 'single'}: the output folder exists already" in done.stderr
