"""Measure the national-scale routes on one corpus and write their section of docs/benchmarks.md.

In one run, on the same synthetic corpus (bench/gen_corpus.py):

- extraction: ``kg spark extract --master local[2]`` against ``kg extract
  --workers 2`` (wall time, peak RSS; the ratio is Spark's overhead), and
  whether both wrote the same records;
- first load into Neo4j (steps ``load`` and ``bulk``): ``kg load --neo4j``
  into one fresh test Neo4j against the bulk route (``kg bulk csv`` +
  ``neo4j-admin database import full`` + ``kg bulk finish``) into another
  (elements/s, peak RSS, the store's size on disk);
- the embedded FalkorDB holding the corpus: server RSS per report and what
  the graph holds, by label and relationship type (``GRAPH.MEMORY USAGE``).

The Neo4j servers are the test suite's (neo4j-server/neo4j_server.py: Java 17
and Maven); everything runs in a temporary folder, removed at the end.

Rows of steps not run keep their earlier values in the section (``--steps``).

Example: python bench/scale.py --docs 2000
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT / "neo4j-server")]

from gen_corpus import write_corpus  # noqa: E402
from neo4j_server import ADMIN_TOOL, JVM_OPTIONS, Neo4jServer, classpath  # noqa: E402
from run import SCALE_MARKER as MARKER, Measured, kg_command, measure  # noqa: E402

from kg.records import read_output  # noqa: E402
from kg.store import open_store  # noqa: E402
from kg.store.stats import document_graph_size  # noqa: E402


class Scale:
    def __init__(self, docs: int, work: Path, seed: int) -> None:
        self.docs, self.work, self.seed = docs, work, seed
        self.kg = kg_command()
        self.rows: list[tuple[str, str, str]] = []  # (figure, value, command)
        self.load_wall = 0.0  # of kg load --neo4j, when run

    def add(self, figure: str, value: str, command: str = "") -> None:
        self.rows.append((figure, value, f"`{command}`" if command else ""))
        print(f"scale: {figure}: {value}", file=sys.stderr, flush=True)

    def timed(self, command: list[str], env: dict[str, str] | None = None) -> Measured:
        saved = dict(os.environ)
        os.environ.update(env or {})
        try:
            return measure(command)
        finally:
            os.environ.clear()
            os.environ.update(saved)

    # ------------------------------------------------------------ extraction
    def extraction(self, corpus: Path) -> Path:
        jsonl, parts = self.work / "out.jsonl", self.work / "spark-out"
        plain = self.timed([self.kg, "extract", str(corpus), "-o", str(jsonl), "--workers", "2"])
        spark = self.timed([self.kg, "spark", "extract", str(corpus), "-o", str(parts),
                            "--master", "local[2]"])
        # the records (kg extract's start and summary lines are no records)
        same = sorted(line.text for line in read_output(jsonl)) == sorted(
            line.text for line in read_output(parts))
        self.add(f"`kg extract --workers 2`, {self.docs} reports: wall s (docs/s), peak RSS MB",
                 f"{plain.wall:.1f} ({self.docs / plain.wall:.1f}/s), {plain.maxrss_mb:.0f}",
                 "kg extract $CORPUS -o $WORK/out.jsonl --workers 2")
        self.add(f"`kg spark extract --master local[2]`, {self.docs} reports: wall s (docs/s), peak RSS MB",
                 f"{spark.wall:.1f} ({self.docs / spark.wall:.1f}/s), {spark.maxrss_mb:.0f}",
                 "kg spark extract $CORPUS -o $WORK/spark-out --master local[2]")
        self.add("Spark local[2] wall time / `kg extract --workers 2` wall time (Spark's overhead)",
                 f"{spark.wall / plain.wall:.2f}")
        self.add("same records from both", "yes" if same else "NO")
        return jsonl

    # ------------------------------------------------------------ Neo4j loads
    def neo4j_load(self, jsonl: Path) -> None:
        loaded = Neo4jServer(self.work / "neo4j-load", heap="1g", page_cache="1g").start()
        try:
            # As docs/neo4j.md says: constraints first, or every MERGE scans.
            self.timed([self.kg, "schema", "apply"], loaded.env())
            run = self.timed([self.kg, "load", str(jsonl)], loaded.env())
            counts = self._counts(loaded)
        finally:
            loaded.stop()
        elements = counts["nodes"] + counts["relationships"]
        self.load_wall = run.wall
        self.add(f"`kg load --neo4j`, {self.docs} reports: wall s, elements/s, peak RSS MB",
                 f"{run.wall:.1f}, {elements / run.wall:,.0f}, {run.maxrss_mb:.0f}",
                 "kg load $WORK/out.jsonl --neo4j $NEO4J_URI")

    def bulk(self, jsonl: Path) -> None:
        bulk = Neo4jServer(self.work / "neo4j-bulk", heap="1g", page_cache="1g")
        csv = self.timed([self.kg, "bulk", "csv", str(jsonl), "-o", str(self.work / "csv")])
        arguments = shlex.split(csv.stdout.strip().splitlines()[-1])[1:]  # the printed command
        bulk._write_conf()
        imported = self.timed(["java", "-Xmx1g", *JVM_OPTIONS, "-cp", classpath(), ADMIN_TOOL,
                               *arguments], bulk._java_env())
        bulk.start()
        try:
            finished = self.timed([self.kg, "bulk", "finish"], bulk.env())
            counts = self._counts(bulk)
        finally:
            bulk.stop()
        elements = counts["nodes"] + counts["relationships"]
        store = sum(f.stat().st_size for f in (bulk.home / "data" / "databases" / "neo4j").rglob("*")
                    if f.is_file())
        seconds = csv.wall + imported.wall + finished.wall
        self.add(f"bulk: `kg bulk csv`, {self.docs} reports ({elements:,} elements): wall s, peak RSS MB",
                 f"{csv.wall:.1f}, {csv.maxrss_mb:.0f}", "kg bulk csv $WORK/out.jsonl -o $WORK/csv")
        self.add("bulk: `neo4j-admin database import full`: wall s, elements/s",
                 f"{imported.wall:.1f}, {elements / imported.wall:,.0f}",
                 "neo4j-admin database import full … (printed by kg bulk csv)")
        self.add("bulk: `kg bulk finish` (empty lists, schema, tallies): wall s", f"{finished.wall:.1f}",
                 "kg bulk finish --neo4j $NEO4J_URI")
        self.add("bulk route, the three steps: elements/s", f"{elements / seconds:,.0f}")
        if self.load_wall:
            self.add("bulk route / `kg load --neo4j`, elements/s (goal at least 10)",
                     f"{self.load_wall / seconds:.2f}")
        self.add(f"Neo4j store on disk after the import, {self.docs} reports: MB (KB/report)",
                 f"{store / 1e6:.0f} ({store / 1e3 / self.docs:.0f})")

    @staticmethod
    def _counts(server: Neo4jServer) -> dict[str, int]:
        saved = dict(os.environ)
        os.environ.update(server.env())
        try:
            with open_store(uri=server.uri) as store:
                nodes, relationships = document_graph_size(store)
                return {"nodes": nodes, "relationships": relationships}
        finally:
            os.environ.clear()
            os.environ.update(saved)

    # ------------------------------------------------------- embedded store
    def embedded(self, jsonl: Path) -> None:
        data = self.work / "falkor"
        run = self.timed([self.kg, "load", str(jsonl), "--data-dir", str(data)])
        with open_store(data) as store:
            connection = store.server.client().connection
            pid = store.server.pid()
            usage = connection.execute_command("GRAPH.MEMORY", "USAGE", "kg")
            nodes, relationships = document_graph_size(store)
        import psutil

        rss = psutil.Process(pid).memory_info().rss
        store.server.stop()
        elements = nodes + relationships
        self.add(f"`kg load` into the embedded store, {self.docs} reports: wall s, elements/s",
                 f"{run.wall:.1f}, {elements / run.wall:,.0f}", "kg load $WORK/out.jsonl --data-dir $WORK/falkor")
        self.add(f"embedded server RSS holding {self.docs} reports: MB (KB/report)",
                 f"{rss / 1e6:.0f} ({rss / 1e3 / self.docs:.0f})")
        self.add("what the embedded graph holds, MB (`GRAPH.MEMORY USAGE kg`)", _usage(usage))

    def run(self, steps: set[str]) -> None:
        corpus, jsonl = self.work / "corpus", self.work / "out.jsonl"
        if "extract" in steps:
            _, chars = write_corpus(self.docs, corpus, self.seed)
            self.add(f"synthetic corpus: {self.docs} reports", f"{chars:,} chars",
                     f"python bench/gen_corpus.py -n {self.docs} -o $CORPUS --seed {self.seed}")
            self.extraction(corpus)
        if "load" in steps:
            self.neo4j_load(jsonl)
        if "bulk" in steps:
            self.bulk(jsonl)
        if "embedded" in steps:
            self.embedded(jsonl)


def _usage(usage: list) -> str:
    pairs = dict(zip(usage[::2], usage[1::2]))
    shown = []
    for name, value in pairs.items():
        if isinstance(value, list):
            parts = dict(zip(value[::2], value[1::2]))
            shown.append(f"{name.replace('_sz_mb', '')}: " + ", ".join(
                f"{k} {v}" for k, v in parts.items() if v))
        else:
            shown.append(f"{name.replace('_sz_mb', '')} {value}")
    return "; ".join(shown)


def write_section(scale: Scale, out: Path, argv: list[str]) -> None:
    """Replace the part of ``out`` from MARKER on (bench/run.py keeps it); rows
    of steps not run this time stay as they were."""
    text = out.read_text(encoding="utf-8") if out.exists() else ""
    head, _, section = text.partition(MARKER)
    head = head.rstrip()
    ours = {figure for figure, _, _ in scale.rows}
    kept = [tuple(cell.strip() for cell in line.strip("|").split(" | "))
            for line in section.splitlines() if line.startswith("| ") and not line.startswith("| figure")]
    scale.rows[:0] = [row for row in kept if len(row) == 3 and row[0] not in ours]
    lines = [MARKER, "", "## National scale (bench/scale.py)", "",
             f"Written by `python bench/scale.py {' '.join(argv)}` on "
             f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; the same machine and "
             "corpus generator as above, Neo4j Community 5.26 from neo4j-server/ (heap 1 GB, "
             "page cache 1 GB). docs/scale.md derives the plan for 500,000 reports from these rows.",
             "", "| figure | value | command |", "|---|---|---|",
             *(f"| {f} | {v} | {c} |" for f, v, c in scale.rows), ""]
    out.write_text((head + "\n\n" if head else "") + "\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog="Example: python bench/scale.py --docs 2000")
    parser.add_argument("--docs", type=int, default=2000, help="reports in the corpus (default 2000)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--steps", default="extract,load,bulk,embedded",
                        help="which parts to run (default all; the others need extract's output)")
    parser.add_argument("--keep", type=Path, default=None,
                        help="work in this folder and keep it (default: a temporary folder, removed)")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="kg-scale-"))
    try:
        scale = Scale(args.docs, work, args.seed)
        scale.run(set(args.steps.split(",")))
        write_section(scale, args.out, argv)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"scale: wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
