"""The benchmark harness runs end to end on a small corpus and writes its table.

No timing is asserted: the figures depend on the machine. What is checked is
that every measurement step ran and produced a row with a number.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"
sys.path.insert(0, str(BENCH))

from gen_corpus import generate_report, write_corpus  # noqa: E402


def test_corpus_is_reproducible_and_shaped_like_reports(tmp_path):
    write_corpus(5, tmp_path / "a", seed=7)
    write_corpus(3, tmp_path / "b", seed=7)
    for name in ("000000.txt", "000001.txt", "000002.txt"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert generate_report(8, 0) != generate_report(7, 0)
    lengths = []
    for index in range(40):
        _, text = generate_report(7, index)
        lines = text.splitlines()
        assert re.search(r"\d{4}年.*报告$", lines[0]), lines[0]
        assert lines[1].endswith("：")
        assert any(line.startswith("一、") for line in lines)
        assert any(line.startswith("（一）") for line in lines)
        assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", lines[-1])
        assert "{" not in text and "}" not in text  # every slot filled
        lengths.append(len(text))
    assert 4000 <= min(lengths) and max(lengths) <= 21000
    assert 6500 <= sum(lengths) / len(lengths) <= 12000


@pytest.mark.slow
def test_quick_run_writes_a_table(tmp_path):
    out = tmp_path / "benchmarks.md"
    done = subprocess.run([sys.executable, str(BENCH / "run.py"), "--quick", "--out", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=1200)
    assert done.returncode == 0, done.stderr[-3000:]
    table = out.read_text(encoding="utf-8")
    targets_part, figures_part = table.split("| figure | value | baseline | ratio | command |")
    targets = [line for line in targets_part.splitlines() if line.startswith("| ")][1:]
    assert len(targets) == 8 and all(re.search(r"\| (yes|\*\*no\*\*) \|$", t) for t in targets)
    assert any(t.startswith("| every query pack") for t in targets)
    rows = [line for line in figures_part.splitlines() if line.startswith("| ") and "---" not in line]
    figures = " ".join(row.split(" | ")[0] for row in rows)
    for expected in ("chars/s", "docs/s", "--workers 1", "--workers 2", "peak RSS of `kg extract",
                     "first load", "re-load", "peak RSS of `kg load", "latency", "whole corpus"):
        assert expected in figures, expected
    assert not [row for row in rows if "not measured (" in row]
    throughput = next(row for row in rows if "chars/s" in row)
    assert re.search(r"\| [\d,]+ \| [\d,]+ \| [\d.]+ \|", throughput), throughput


def test_index_cost_prints_what_an_entry_costs():
    done = subprocess.run([sys.executable, str(BENCH / "index_cost.py"), "--nodes", "20000"],
                          capture_output=True, text=True, check=True, timeout=300)
    rows = [line.split("|")[1:-1] for line in done.stdout.splitlines()[2:]]
    assert [row[0].strip() for row in rows] == ["a unique string", "one of three strings", "a unique integer"]
    for _, plain, indexed, entry in rows:
        plain, indexed, entry = (int(cell.strip(" B")) for cell in (plain, indexed, entry))
        assert entry > 0 and abs(indexed - plain - entry) <= 1
