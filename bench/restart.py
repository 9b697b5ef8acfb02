"""Measure how the embedded store restarts: time to answer, integrity check, files.

Loads N synthetic reports (bench/gen_corpus.py) into a fresh embedded store,
stops it, and times a restart three ways: after a clean ``kg store stop``,
after the server is killed (SIGKILL, no final save), and the integrity check
that a restart runs (node and relationship counts against the last load's).

Example: python bench/restart.py --docs 10000 --workers 2 --out docs/benchmarks.md
(with --records FILE the extraction output of an earlier run is reused).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_corpus import write_corpus  # noqa: E402

from kg.store import open_store  # noqa: E402
from kg.store.server import EmbeddedServer  # noqa: E402

SECTION = "## Restart of the embedded store"


def kg(*args: str) -> None:
    subprocess.run([str(Path(sys.executable).with_name("kg")), *args], check=True, capture_output=True)


def timed_open(data_dir: Path) -> tuple[float, float]:
    """Seconds until a query answers, and seconds of the integrity check within it."""
    started = time.perf_counter()
    with open_store(data_dir) as store:
        store.query("MATCH (d:Document) RETURN count(d)")
        opened = time.perf_counter() - started
        check_started = time.perf_counter()
        store._counts()  # the integrity check's own queries, timed alone
        return opened, time.perf_counter() - check_started


def files_mb(data_dir: Path) -> float:
    return sum(p.stat().st_size for p in data_dir.rglob("*") if p.is_file()) / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--records", type=Path, help="reuse this `kg extract` output")
    parser.add_argument("--out", type=Path, help="append the section to this Markdown file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kg-restart-") as tmp:
        work = Path(tmp)
        records = args.records
        if records is None:
            write_corpus(args.docs, work / "corpus")
            records = work / "records.jsonl"
            kg("extract", str(work / "corpus"), "-o", str(records), "--workers", str(args.workers))
        data = work / "data"
        started = time.perf_counter()
        kg("load", str(records), "--data-dir", str(data))
        load_s = time.perf_counter() - started
        server = EmbeddedServer(data)
        with open_store(data) as store:
            nodes, relationships = store._counts()
        started = time.perf_counter()
        server.stop()  # waits for the compaction the load started
        stop_s = time.perf_counter() - started
        clean_mb = files_mb(data)
        clean_s, check_s = timed_open(data)
        os.kill(server.pid(), signal.SIGKILL)
        time.sleep(1)
        killed_s, _ = timed_open(data)
        server.stop()
    rows = [
        SECTION, "",
        f"`python bench/restart.py --docs {args.docs} --workers {args.workers}` "
        f"({time.strftime('%Y-%m-%d')}): {args.docs:,} synthetic reports, "
        f"{nodes:,} nodes and {relationships:,} relationships, loaded in {load_s:.0f} s.", "",
        "| figure | value |", "|---|---|",
        f"| `kg store stop` right after the load (waits for its compaction) | {stop_s:.0f} s |",
        f"| data directory after `kg store stop` | {clean_mb:.0f} MB |",
        f"| restart after `kg store stop`, until a query answers | {clean_s:.1f} s |",
        f"| restart after the server was killed (SIGKILL) | {killed_s:.1f} s |",
        f"| integrity check at start (counts against the last load's) | {check_s * 1000:.0f} ms |", "",
    ]
    text = "\n".join(rows)
    print(text)
    if args.out:
        existing = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if SECTION in existing:  # replace the earlier run's section
            head, _, rest = existing.partition(SECTION)
            tail = rest.split("\n## ", 1)
            existing = head + ("## " + tail[1] if len(tail) > 1 else "")
        args.out.write_text(existing.rstrip("\n") + "\n\n" + text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
