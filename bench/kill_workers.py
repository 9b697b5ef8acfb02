"""How soon the workers of a killed ``kg extract --workers 2`` end.

Writes bench/gen_corpus.py's first reports (seed 42) to a temporary folder,
starts ``kg extract FOLDER -o OUT --workers 2``, and once the first report is
extracted sends SIGTERM, SIGINT or SIGKILL to kg; prints how long kg took to
exit and how long until both workers had ended (gone, or a zombie waiting
for its reaper). docs/reliability.md quotes it.

Example: python bench/kill_workers.py --reports 30
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

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_corpus import generate_report  # noqa: E402


def _ended(process: psutil.Process) -> bool:
    try:
        return process.status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def kill_once(reports: Path, out: Path, how: str) -> str:
    """Start kg extract, signal it after the first report, time the end of its workers."""
    process = subprocess.Popen([sys.executable, "-c", "from kg.cli import main; main()", "extract", str(reports),
                                "-o", str(out), "--workers", "2"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=out.parent)
    for line in process.stderr:
        if line.startswith("extracted"):
            break
    workers = psutil.Process(process.pid).children(recursive=True)
    sent = time.monotonic()
    process.send_signal(getattr(signal, how))
    code = process.wait(timeout=120)
    exited = time.monotonic() - sent
    while not all(map(_ended, workers)):
        time.sleep(0.05)
    return (f"{how}: kg exited with status {code} after {exited:.1f} s; its {len(workers)} workers had ended "
            f"{time.monotonic() - sent:.1f} s after the signal (load average {os.getloadavg()[0]:.1f})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=30, help="reports in the folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kg-kill-") as folder:
        reports = Path(folder) / "reports"
        reports.mkdir()
        for i in range(args.reports):
            (reports / f"r{i:03}.txt").write_text(generate_report(42, i)[1], encoding="utf-8")
        for how in ("SIGTERM", "SIGINT", "SIGKILL"):
            print(kill_once(reports, Path(folder) / "out.jsonl", how))
    return 0


if __name__ == "__main__":
    sys.exit(main())
