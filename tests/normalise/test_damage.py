"""Metamorphic tests: a report damaged the way scraped files are (bench/damage.py)
extracts to the same graph as the report itself.

For each perturbation, ``kg extract`` runs (in this process: the pipeline
loads once a session) on two example reports and on their perturbed copies;
the mechanisms, institution kinds, relations (by the names of their ends),
jurisdiction and year must be the same. ``bench/perturb.py`` measures the
same on the shared corpus.
"""

from __future__ import annotations

import doctest
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import damage  # noqa: E402
from damage import NAMES, write_damaged  # noqa: E402

REPORTS = ("qingshi-town-2022.txt", "nanmen-subdistrict-2023.txt")


def graph(record: dict) -> dict:
    """What must not change: the facts, not their offsets or ids."""
    names = {e["id"]: e.get("name") for e in record["entities"]}
    names["j0"] = (record.get("jurisdiction") or {}).get("name")
    for parent in (record.get("jurisdiction") or {}).get("parents", []):
        names.setdefault(parent.get("id", ""), parent.get("name"))
    return {
        "mechanisms": sorted({e["name"] for e in record["entities"] if e["type"] == "Mechanism"}),
        "kinds": sorted({e["kind"] for e in record["entities"] if e["type"] in ("Body", "Center") and e.get("kind")}),
        "relations": sorted({(r["type"], names.get(r["source"], r["source"]), names.get(r["target"], r["target"]))
                             for r in record["relations"]}),
        "jurisdiction": (record.get("jurisdiction") or {}).get("name"),
        "year": record.get("year"),
    }


def extracted(kg, folder: Path, tmp_path: Path) -> dict[str, dict]:
    output = tmp_path / f"{folder.name}.jsonl"
    done = kg("extract", folder, "-o", output)
    assert done.code == 0, done.stderr
    records = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    return {Path(r["source"]).name: graph(r) for r in records if "source" in r}


@pytest.fixture(scope="module")
def clean_graphs(tmp_path_factory):
    return {}


def test_the_perturbations_doctests():
    assert doctest.testmod(damage).failed == 0


@pytest.mark.parametrize("name", NAMES)
def test_a_damaged_report_extracts_to_the_same_graph(name, kg, tmp_path, clean_graphs):
    if not clean_graphs:
        clean = tmp_path / "clean"
        clean.mkdir()
        for report in REPORTS:
            (clean / report).write_bytes((ROOT / "examples" / report).read_bytes())
        clean_graphs.update(extracted(kg, clean, tmp_path))
    damaged = tmp_path / name
    damaged.mkdir()
    for report in REPORTS:
        write_damaged(name, ROOT / "examples" / report, damaged / report, seed=1)
    graphs = extracted(kg, damaged, tmp_path)
    assert sorted(graphs) == sorted(REPORTS)
    for report in REPORTS:
        assert graphs[report]["mechanisms"], report  # the example is a real test
        for field, value in clean_graphs[report].items():
            assert graphs[report][field] == value, (report, field)
