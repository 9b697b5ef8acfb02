"""Measure the national-scale routes on one corpus and write their section of docs/benchmarks.md.

One command, in one working folder, on the same synthetic corpus
(bench/gen_corpus.py), in these steps (``--steps``, default all, in this order):

- ``extract``: ``kg extract --workers 2`` against ``kg spark extract --master
  local[2]`` (wall time, peak memory; the ratio is Spark's overhead), and
  whether both wrote the same records;
- ``load``: ``kg load`` into a fresh test Neo4j (elements/s, peak memory of
  ``kg load`` and of the Neo4j server);
- ``bulk``: the bulk route into another fresh Neo4j, ``kg bulk csv`` +
  ``neo4j-admin database import full`` + ``kg bulk finish`` (the same), and
  its ratio to ``kg load`` (the goal is at least 10);
- ``embedded``: ``kg load`` into the embedded FalkorDB (elements/s, server RSS
  per report, what the graph holds: ``GRAPH.MEMORY USAGE``);
- ``packs``: every query pack timed (median, p95) on each graph the run built
  with ``kg load`` (Neo4j, and the embedded store when ``embedded`` ran), after
  loading examples/ on top (the packs' example parameters name its reports);
  a pack running longer than 60 s is listed as not measured.

Each step's figures are kept in ``WORK/results.json`` as soon as it ends and
the section is rewritten after every step, so a failure (reported as a row,
with the command's last line of stderr) keeps what was measured; a later run
with ``--keep WORK --steps …`` redoes only the steps named and keeps the
others' figures. ``--records FILE`` takes the first N records of an earlier
``kg extract`` of synthetic reports instead of the ``extract`` step.

The Neo4j servers are the test suite's (neo4j-server/neo4j_server.py: Java 17
and Maven). Peak memory is sampled (psutil, every 0.5 s) over the whole
process tree of each command (a Spark job's JVM and Python workers, both
``kg extract`` workers) and, for steps writing into Neo4j, over the server.

Example: python bench/scale.py --docs 10000 --keep /tmp/scale-10k
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT / "neo4j-server")]

from gen_corpus import write_corpus  # noqa: E402
from neo4j_server import ADMIN_TOOL, JVM_OPTIONS, Neo4jServer, classpath  # noqa: E402
from run import SCALE_MARKER as MARKER, environment, kg_command, p95, pack_times  # noqa: E402

from kg.errors import KGError  # noqa: E402
from kg.records import read_output  # noqa: E402
from kg.store import open_store  # noqa: E402
from kg.store.stats import document_graph_size  # noqa: E402

STEPS = ("extract", "load", "bulk", "embedded", "packs")
END = "<!-- end of bench/scale.py's section -->"
HEAP, PAGE_CACHE = "2g", "4g"  # of each test Neo4j of the run
REPEATS = 10  # runs of each pack after one warm-up
QUERY_TIMEOUT_S = "60"  # a pack running longer is stopped by the server and listed as not measured


class StepFailed(Exception):
    """A command of a step failed; the message says which and why."""


@dataclass
class Run:
    wall: float
    peak_mb: float  # the command's process tree
    server_peak_mb: float  # the watched server, 0 when none
    stdout: str


def run(command: list[str], log: Path, env: dict[str, str] | None = None,
        server: int | None = None) -> Run:
    """Run ``command``: wall time, peak RSS of its process tree and of the ``server``
    pid, its stdout; its stderr goes to ``log``."""
    peaks = {"tree": 0, "server": 0}
    done = threading.Event()
    with log.open("w", encoding="utf-8") as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=err, text=True,
                                 cwd=ROOT, env={**os.environ, **(env or {})})

        def sample() -> None:
            while not done.is_set():
                peaks["tree"] = max(peaks["tree"], _tree_rss(child.pid))
                if server is not None:
                    peaks["server"] = max(peaks["server"], _tree_rss(server))
                done.wait(0.5)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        stdout, _ = child.communicate()
        wall = time.perf_counter() - started
        done.set()
        sampler.join()
    if child.returncode != 0:
        with log.open("a", encoding="utf-8") as err:  # neo4j-admin says why on stdout
            err.write(stdout)
        lines = [line.strip() for line in log.read_text(encoding="utf-8", errors="replace").splitlines()
                 if line.strip()]
        why = [line for line in lines if "Exception:" in line] or lines or ["no message"]
        raise StepFailed(f"`{shlex.join(command[:3])} …` exited {child.returncode}: "
                         f"{why[-1][:300]} (see {log})")
    return Run(wall, peaks["tree"] / 1e6, peaks["server"] / 1e6, stdout)


def _tree_rss(pid: int) -> int:
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for proc in procs:
        try:
            total += proc.memory_info().rss
        except psutil.Error:
            pass
    return total


class Scale:
    def __init__(self, docs: int, work: Path, seed: int, records: Path | None) -> None:
        self.docs, self.work, self.seed, self.records = docs, work, seed, records
        self.kg = kg_command()
        self.jsonl = work / "out.jsonl"
        self.state = work / "results.json"
        saved = json.loads(self.state.read_text(encoding="utf-8")) if self.state.is_file() else {}
        self.results: dict[str, dict] = saved if saved.get("docs") == docs else {"docs": docs}
        self.step = ""

    # --------------------------------------------------------------- helpers
    def add(self, figure: str, value: str, command: str = "") -> None:
        self.results[self.step]["rows"].append([figure, value, f"`{command}`" if command else ""])
        print(f"scale: {figure}: {value}", file=sys.stderr, flush=True)

    def note(self, key: str, value: float) -> None:
        self.results[self.step][key] = value

    def earlier(self, step: str, key: str) -> float | None:
        return self.results.get(step, {}).get(key)

    def save(self) -> None:
        self.state.write_text(json.dumps(self.results, ensure_ascii=False, indent=1), encoding="utf-8")

    def server(self, name: str, fresh: bool) -> Neo4jServer:
        home = self.work / name
        if fresh and home.exists():
            shutil.rmtree(home)
        return Neo4jServer(home, heap=HEAP, page_cache=PAGE_CACHE)

    def need_output(self) -> None:
        if not self.jsonl.is_file():
            raise StepFailed(f"no extraction output {self.jsonl}: run the extract step first")

    # ------------------------------------------------------------ extraction
    def extract(self) -> None:
        if self.records is not None:  # the first records, without start or summary lines
            with self.jsonl.open("w", encoding="utf-8") as out:
                out.writelines(line.text + "\n" for line in islice(read_output(self.records), self.docs))
            self.add(f"extraction output: the first {self.docs} records of an earlier run", str(self.records))
            return
        corpus, parts = self.work / "corpus", self.work / "spark-out"
        shutil.rmtree(corpus, ignore_errors=True)
        shutil.rmtree(parts, ignore_errors=True)
        _, chars = write_corpus(self.docs, corpus, self.seed)
        self.add(f"synthetic corpus: {self.docs} reports", f"{chars:,} chars",
                 f"python bench/gen_corpus.py -n {self.docs} -o $CORPUS --seed {self.seed}")
        plain = run([self.kg, "extract", str(corpus), "-o", str(self.jsonl), "--workers", "2"],
                    self.work / "extract.log")
        self.add(f"`kg extract --workers 2`, {self.docs} reports: wall s (docs/s), peak RSS MB",
                 f"{plain.wall:.1f} ({self.docs / plain.wall:.1f}/s), {plain.peak_mb:.0f}",
                 "kg extract $CORPUS -o $WORK/out.jsonl --workers 2")
        spark = run([self.kg, "spark", "extract", str(corpus), "-o", str(parts), "--master", "local[2]"],
                    self.work / "spark-extract.log")
        self.add(f"`kg spark extract --master local[2]`, {self.docs} reports: wall s (docs/s), peak RSS MB",
                 f"{spark.wall:.1f} ({self.docs / spark.wall:.1f}/s), {spark.peak_mb:.0f}",
                 "kg spark extract $CORPUS -o $WORK/spark-out --master local[2]")
        self.add("Spark local[2] wall time / `kg extract --workers 2` wall time (Spark's overhead)",
                 f"{spark.wall / plain.wall:.2f}")
        same = sorted(line.text for line in read_output(self.jsonl)) == sorted(
            line.text for line in read_output(parts))
        self.add("same records from both", "yes" if same else "NO")

    # ------------------------------------------------------------ Neo4j loads
    def load(self) -> None:
        self.need_output()
        server = self.server("neo4j-load", fresh=True).start()
        try:
            # As docs/neo4j.md says: constraints first, or every MERGE scans.
            run([self.kg, "schema", "apply"], self.work / "schema.log", server.env())
            loaded = run([self.kg, "load", str(self.jsonl)], self.work / "load.log", server.env(),
                         server._pid())
            nodes, relationships = _count(server)
        finally:
            server.stop()
        elements = nodes + relationships
        self.note("wall", loaded.wall)
        self.note("rate", elements / loaded.wall)
        self.add(f"`kg load` into Neo4j, {self.docs} reports ({nodes:,} nodes, {relationships:,} "
                 "relationships): wall s, elements/s",
                 f"{loaded.wall:.1f}, {elements / loaded.wall:,.0f}", "kg load $WORK/out.jsonl --neo4j $NEO4J_URI")
        self.add("`kg load` into Neo4j: peak RSS MB of `kg load` / of the Neo4j server",
                 f"{loaded.peak_mb:.0f} / {loaded.server_peak_mb:.0f}")

    def bulk(self) -> None:
        self.need_output()
        csv_dir = self.work / "csv"
        shutil.rmtree(csv_dir, ignore_errors=True)
        server = self.server("neo4j-bulk", fresh=True)
        csv = run([self.kg, "bulk", "csv", str(self.jsonl), "-o", str(csv_dir)], self.work / "bulk-csv.log")
        arguments = shlex.split(csv.stdout.strip().splitlines()[-1])[1:]  # the printed command
        server._write_conf()
        imported = run(["java", "-Xmx2g", *JVM_OPTIONS, "-cp", classpath(), ADMIN_TOOL,
                        *arguments[:-1], "--verbose", arguments[-1]],  # the cause of a failure
                       self.work / "bulk-import.log", server._java_env())
        server.start()
        try:
            finished = run([self.kg, "bulk", "finish"], self.work / "bulk-finish.log", server.env(),
                           server._pid())
            nodes, relationships = _count(server)
        finally:
            server.stop()
        elements = nodes + relationships
        store = sum(f.stat().st_size for f in (server.home / "data" / "databases" / "neo4j").rglob("*")
                    if f.is_file())
        csv_bytes = sum(f.stat().st_size for f in csv_dir.rglob("*") if f.is_file())
        seconds = csv.wall + imported.wall + finished.wall
        self.add(f"bulk: `kg bulk csv`, {self.docs} reports ({csv_bytes / 1e6:,.0f} MB of CSV): "
                 "wall s, peak RSS MB", f"{csv.wall:.1f}, {csv.peak_mb:.0f}",
                 "kg bulk csv $WORK/out.jsonl -o $WORK/csv")
        self.add(f"bulk: `neo4j-admin database import full` ({nodes:,} nodes, {relationships:,} "
                 "relationships): wall s, elements/s, peak RSS MB",
                 f"{imported.wall:.1f}, {elements / imported.wall:,.0f}, {imported.peak_mb:.0f}",
                 "neo4j-admin database import full … (printed by kg bulk csv)")
        self.add("bulk: `kg bulk finish` (empty lists, schema, tallies): wall s, peak RSS MB of the "
                 "Neo4j server", f"{finished.wall:.1f}, {finished.server_peak_mb:.0f}",
                 "kg bulk finish --neo4j $NEO4J_URI")
        self.add("bulk route, the three steps: wall s, elements/s",
                 f"{seconds:.1f}, {elements / seconds:,.0f}")
        self.note("rate", elements / seconds)
        self.note("import_rate", elements / imported.wall)
        self.add(f"Neo4j store on disk after the import and `kg bulk finish`, {self.docs} reports: "
                 "MB (KB/report)", f"{store / 1e6:,.0f} ({store / 1e3 / self.docs:.0f})",
                 "du -sb data/databases/neo4j")

    # ------------------------------------------------------- embedded store
    def embedded(self) -> None:
        self.need_output()
        data = self.work / "falkor"
        shutil.rmtree(data, ignore_errors=True)
        loaded = run([self.kg, "load", str(self.jsonl), "--data-dir", str(data)], self.work / "embedded.log")
        with open_store(data) as store:
            usage = store.server.client().connection.execute_command("GRAPH.MEMORY", "USAGE", "kg")
            nodes, relationships = document_graph_size(store)
            rss = psutil.Process(store.server.pid()).memory_info().rss
            store.server.stop()
        elements = nodes + relationships
        self.note("done", 1)
        self.add(f"`kg load` into the embedded store, {self.docs} reports ({nodes:,} nodes, "
                 f"{relationships:,} relationships): wall s, elements/s, peak RSS MB of `kg load`",
                 f"{loaded.wall:.1f}, {elements / loaded.wall:,.0f}, {loaded.peak_mb:.0f}",
                 "kg load $WORK/out.jsonl --data-dir $WORK/falkor")
        self.add(f"embedded server RSS holding {self.docs} reports: MB (KB/report)",
                 f"{rss / 1e6:,.0f} ({rss / 1e3 / self.docs:.0f})")
        self.add("what the embedded graph holds, MB (`GRAPH.MEMORY USAGE kg`)", _usage(usage))

    # ------------------------------------------------------------------ packs
    def packs(self) -> None:
        os.environ["KG_QUERY_TIMEOUT"] = QUERY_TIMEOUT_S
        examples = self.work / "examples.jsonl"
        run([self.kg, "extract", str(ROOT / "examples"), "-o", str(examples)], self.work / "examples.log")
        if self.earlier("load", "wall"):
            server = self.server("neo4j-load", fresh=False).start()
            try:
                run([self.kg, "load", str(examples)], self.work / "packs-neo4j.log", server.env())
                with _env(server.env()), open_store(uri=server.uri) as store:
                    self.time_packs(store, "Neo4j")
            finally:
                server.stop()
        if self.earlier("embedded", "done"):
            data = self.work / "falkor"
            run([self.kg, "load", str(examples), "--data-dir", str(data)], self.work / "packs-falkor.log")
            with open_store(data) as store:
                try:
                    self.time_packs(store, "embedded FalkorDB")
                finally:
                    store.server.stop()

    def time_packs(self, store, where: str) -> None:
        from kg.query import load_packs

        slowest = []
        for name, pack in load_packs().items():
            try:
                rows, times = pack_times(store, name, pack.example, REPEATS)
            except KGError as err:
                self.add(f"{where}, {self.docs} reports: `{name}`, ms median / p95", f"not measured ({err})")
                continue
            slowest.append((p95(times), name))
            self.add(f"{where}, {self.docs} reports: `{name}`, ms median / p95",
                     f"{statistics.median(times):.1f} / {p95(times):.1f} ({rows} rows)",
                     f"kg query run {name}")
        if slowest:
            worst, name = max(slowest)
            under = sum(1 for t, _ in slowest if t < 500)
            self.add(f"{where}, {self.docs} reports: slowest pack p95 ms; packs with p95 under 500 ms",
                     f"{worst:,.0f} (`{name}`); {under} of {len(slowest)}")

    # ------------------------------------------------------------------- all
    def run_steps(self, steps: list[str], argv: list[str], write: Callable[[], None]) -> bool:
        ok = True
        for step in steps:
            self.step = step
            self.results[step] = {"rows": [], "command": " ".join(argv), "commit": _commit(), "load": os.getloadavg()[0],
                                  "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
            print(f"scale: step {step}…", file=sys.stderr, flush=True)
            try:
                getattr(self, step)()
            except Exception as err:  # noqa: BLE001 - every failure is reported, the next step runs
                ok = False
                self.results[step]["failed"] = f"{type(err).__name__}: {err}"
                print(f"scale: step {step} FAILED: {err}", file=sys.stderr, flush=True)
            self.results[step]["ended"] = time.strftime("%H:%M UTC", time.gmtime())
            self.results[step]["load"] = max(self.results[step].get("load", 0), os.getloadavg()[0])
            self.save()
            write()
        return ok


def _commit() -> str:
    return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                          cwd=ROOT, check=False).stdout.strip() or "unknown"


def _count(server: Neo4jServer) -> tuple[int, int]:
    with _env(server.env()), open_store(uri=server.uri) as store:
        return document_graph_size(store)


class _env:
    """os.environ with ``values`` for the duration of a block (kg reads the password from it)."""

    def __init__(self, values: dict[str, str]) -> None:
        self.values, self.saved = values, {}

    def __enter__(self) -> None:
        self.saved = dict(os.environ)
        os.environ.update(self.values)

    def __exit__(self, *exc: object) -> None:
        os.environ.clear()
        os.environ.update(self.saved)


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


def section(scale: Scale, argv: list[str]) -> str:
    rows, notes = [], []
    for step in STEPS:
        result = scale.results.get(step)
        if result is None:
            notes.append(f"step `{step}`: not run")
            continue
        rows += result["rows"]
        notes.append(f"step `{step}`, {result['started']}–{result.get('ended', '?')}, 1-minute load "
                     f"average at its start or end up to {result.get('load', 0):.1f}, kg `{result.get('commit')}`, by "
                     "`python bench/scale.py "
                     f"{result.get('command')}`: " + (f"FAILED: {result['failed']}" if "failed" in result
                                                  else "done"))
    load, bulk = (scale.results.get(step, {}) for step in ("load", "bulk"))
    if "rate" in load and "rate" in bulk:  # from the figures of both steps, whenever each ran
        rows += [["bulk route elements/s / `kg load` into Neo4j elements/s (goal at least 10)",
                  f"{bulk['rate'] / load['rate']:.1f}", ""],
                 ["`neo4j-admin` import alone elements/s / `kg load` into Neo4j elements/s",
                  f"{bulk['import_rate'] / load['rate']:.1f}", ""]]
    lines = [MARKER, "", "## National scale (bench/scale.py)", "",
             f"Written by `python bench/scale.py {' '.join(argv)}` on "
             f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} (the steps of one working folder, "
             "each with the command that ran it); the same machine and corpus "
             f"generator as above; each Neo4j is Neo4j Community 5.26 from neo4j-server/ (heap "
             f"{HEAP}, page cache {PAGE_CACHE}). Peak RSS is sampled over the command's whole "
             "process tree. docs/scale.md derives the plan for 500,000 reports from these rows.",
             "", *environment(), "", *(f"- {note}" for note in notes), "",
             "| figure | value | command |", "|---|---|---|",
             *(f"| {f} | {v} | {c} |" for f, v, c in rows), "", END]
    return "\n".join(lines) + "\n"


def write_section(text: str, out: Path) -> None:
    """Put ``text`` between MARKER and END of ``out`` (after everything else when absent)."""
    old = out.read_text(encoding="utf-8") if out.exists() else ""
    if MARKER in old:
        head, _, rest = old.partition(MARKER)
        tail = rest.partition(END)[2] if END in rest else ""
    else:
        head, tail = old, ""
    head = head.rstrip()
    out.write_text((head + "\n\n" if head else "") + text + ("\n" + tail.lstrip("\n") if tail.strip() else ""),
                   encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog="Example: python bench/scale.py --docs 10000 --keep /tmp/scale-10k")
    parser.add_argument("--docs", type=int, default=10000, help="reports in the corpus (default 10000)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--steps", default=",".join(STEPS),
                        help=f"which steps to run, in this order (default all: {','.join(STEPS)})")
    parser.add_argument("--records", type=Path, default=None,
                        help="take the first N records of this `kg extract` output instead of extracting")
    parser.add_argument("--keep", type=Path, default=None,
                        help="work in this folder and keep it; figures of earlier steps there are kept")
    args = parser.parse_args(argv)
    steps = [s for s in STEPS if s in args.steps.split(",")]
    unknown = set(args.steps.split(",")) - set(STEPS)
    if unknown:
        parser.error(f"unknown steps: {', '.join(sorted(unknown))} (known: {', '.join(STEPS)})")
    work = args.keep or Path(tempfile.mkdtemp(prefix="kg-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        scale = Scale(args.docs, work.resolve(), args.seed, args.records)
        ok = scale.run_steps(steps, argv, lambda: write_section(section(scale, argv), args.out))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"scale: wrote {args.out}" + ("" if ok else " (some steps failed: see the section)"),
          file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
