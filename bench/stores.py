"""The embedded FalkorDB beside Neo4j: the same synthetic reports loaded into
both, load throughput and pack latency, written as the last section of
docs/benchmarks.md (bench/run.py keeps it when it rewrites the rest).

For each corpus size: ``kg extract`` the synthetic reports (and examples/,
which the packs' example parameters name), then for each store a first
``kg load``, an idempotent re-load, the graph counted, and every query pack
timed with its example parameters. Neo4j is the server the test suite runs
(neo4j-server/neo4j_server.py: Neo4j Community from Maven artifacts, heap
and page cache as below), started fresh for each size.

With ``--records FILE`` the output of an earlier ``kg extract`` of synthetic
reports is reused instead (its first N records for each size N).

Example: python bench/stores.py --docs 2000 10000 [--records out.jsonl]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from itertools import islice
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT / "neo4j-server")]

from gen_corpus import write_corpus  # noqa: E402
from neo4j_server import Neo4jServer  # noqa: E402
from run import SCALE_MARKER, STORES_SECTION, environment, kg_command, measure, p95, pack_times  # noqa: E402

from kg.errors import KGError  # noqa: E402
from kg.records import read_output  # noqa: E402

HEAP, PAGE_CACHE = "2g", "1g"


class StoreBench:
    def __init__(self, work: Path, seed: int, repeats: int, records: Path | None = None) -> None:
        self.work, self.seed, self.repeats, self.records = work, seed, repeats, records
        self.kg = kg_command()
        self.rows: list[tuple[str, str, str]] = []  # figure, FalkorDB, Neo4j
        self.examples = work / "examples.jsonl"
        measure([self.kg, "extract", str(ROOT / "examples"), "-o", str(self.examples)])

    def run(self, docs: int) -> None:
        out = self.work / f"out-{docs}.jsonl"
        if self.records is None:
            corpus = self.work / f"corpus-{docs}"
            write_corpus(docs, corpus, self.seed)
            measure([self.kg, "extract", str(corpus), "-o", str(out), "--workers", "2"])
        else:
            with out.open("w", encoding="utf-8") as part:  # the first records, without start or summary
                part.writelines(line.text + "\n" for line in islice(read_output(self.records), docs))
        from kg.store.server import EmbeddedServer

        falkor = EmbeddedServer(self.work / f"falkor-{docs}")
        neo4j = Neo4jServer(self.work / f"neo4j-{docs}", heap=HEAP, page_cache=PAGE_CACHE)
        try:
            falkor.ensure_running()  # server start-up is not part of the load
            neo4j.start()
            # The password for `kg --neo4j`; NEO4J_URI stays unset, or `kg --data-dir` would use it.
            os.environ.update({k: v for k, v in neo4j.env().items() if k != "NEO4J_URI"})
            measure([self.kg, "schema", "apply", "--neo4j", neo4j.uri])
            results = [self.measure_store(out, ["--data-dir", str(falkor.data_dir)],
                                          {"data_dir": falkor.data_dir}),
                       self.measure_store(out, ["--neo4j", neo4j.uri], {"uri": neo4j.uri})]
        finally:
            falkor.stop()
            neo4j.stop()
        figures = results[0].keys()
        self.rows += [(f"{docs} reports: {figure}", results[0][figure], results[1][figure])
                      for figure in figures]

    def measure_store(self, out: Path, where: list[str], store: dict) -> dict[str, str]:
        """Figures of one store: ``where`` locates it for `kg`, ``store`` for open_store()."""
        from kg.query import load_packs
        from kg.store import open_store
        from kg.store.stats import document_graph_size

        first = measure([self.kg, "load", str(out), *where])
        with open_store(**store) as graph:
            nodes, relationships = document_graph_size(graph)
        again = measure([self.kg, "load", str(out), *where])
        measure([self.kg, "load", str(self.examples), *where])
        figures = {
            "graph (nodes, relationships)": f"{nodes:,}, {relationships:,}",
            "first `kg load`: s, graph elements/s":
                f"{first.wall:.1f} s, {(nodes + relationships) / first.wall:,.0f}/s",
            "idempotent re-load, s": f"{again.wall:.1f}",
            "peak RSS of `kg load`, MB": f"{first.maxrss_mb:.0f}",
        }
        slowest = []
        with open_store(**store) as graph:
            for name, pack in load_packs().items():
                try:
                    rows, times = pack_times(graph, name, pack.example, self.repeats)
                except KGError as err:
                    figures[f"`{name}`: ms, median / p95"] = f"not measured ({err})"
                    continue
                figures[f"`{name}`: ms, median / p95"] = (
                    f"{statistics.median(times):.1f} / {p95(times):.1f} ({rows} rows)")
                slowest.append(p95(times))
        figures["slowest pack p95, ms"] = f"{max(slowest):.0f}" if slowest else "none measured"
        return figures


def section(bench: StoreBench, argv: list[str], note: str) -> str:
    lines = [
        STORES_SECTION,
        "",
        "## Embedded FalkorDB beside Neo4j",
        "",
        "Written by `bench/stores.py`; re-run with:",
        "",
        f"    python bench/stores.py {' '.join(argv)}".rstrip(),
        "",
        *environment(),
        f"- Neo4j Community 5.26.2 from Maven artifacts (`neo4j-server/`), heap {HEAP}, page "
        f"cache {PAGE_CACHE}, constraints and indexes of `kg schema apply`; the embedded "
        "FalkorDB as `kg` starts it. The same `kg extract` output is loaded into each; "
        "each pack runs with its `// example:` parameters on the synthetic reports plus "
        f"examples/, {bench.repeats} times after one warm-up.",
        *([f"- {note}"] if note else []),
        "",
        "| figure | embedded FalkorDB | Neo4j |",
        "|---|---|---|",
        *(f"| {figure} | {falkor} | {neo4j} |" for figure, falkor, neo4j in bench.rows),
    ]
    return "\n".join(lines) + "\n"


def write_section(out: Path, text: str) -> None:
    """Put ``text`` in place of the previous section, before bench/scale.py's section."""
    old = out.read_text(encoding="utf-8") if out.is_file() else ""
    split = old.index(SCALE_MARKER) if SCALE_MARKER in old else len(old)
    head, tail = old[:split], old[split:]
    if STORES_SECTION in head:
        head = head[:head.index(STORES_SECTION)]
    head = head.rstrip("\n")
    out.write_text((head + "\n\n" if head else "") + text + ("\n" + tail if tail else ""),
                   encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog="Example: python bench/stores.py --docs 2000 10000")
    parser.add_argument("--docs", type=int, nargs="+", default=[2000, 10000],
                        help="corpus sizes (default 2000 10000)")
    parser.add_argument("--repeats", type=int, default=10, help="runs of each pack (default 10)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--records", type=Path,
                        help="reuse this `kg extract` output of synthetic reports (its first N records)")
    parser.add_argument("--note", default="", help="a line to add to the section")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="kgs-"))
    try:
        bench = StoreBench(work, args.seed, args.repeats, args.records)
        for docs in args.docs:
            print(f"bench: {docs} reports…", file=sys.stderr, flush=True)
            bench.run(docs)
            write_section(args.out, section(bench, argv, args.note))  # kept if a later size fails
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"bench: wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
