"""Cost of one large file: extraction time and peak memory at 1, 8 and 50 MB.

Each file is the reports of bench/gen_corpus.py (seed 42) joined into one
text of the wanted size in UTF-8. Each size is extracted in a fresh process
(``kg extract FILE -o OUT`` as a library call, ``write_extraction``):
``load_seconds`` is loading the pipeline (extracting a one-line report),
``normalise_seconds`` reading and normalising the file alone, ``seconds``
then ``kg extract`` of it (reading, normalising, extracting, writing the
line), ``peak_mb`` the process's peak resident
memory, ``load`` the machine's one-minute load average as it ended. Cost is
linear when the time per MB stays flat as the size grows: the ratios below the
table compare each size's time with the first's, start-up excluded.

Example: python bench/size.py --sizes 1 8 50 --write docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_corpus import generate_report  # noqa: E402

SECTION = "## One large file (bench/size.py)"


def write_text_of_size(path: Path, megabytes: float, seed: int = 42) -> int:
    """Write generated reports, joined, until ``megabytes`` MB of UTF-8 (never more:
    50 MB is the most kg extracts from one file); the size written."""
    target = int(megabytes * 1_000_000)
    written = 0
    with path.open("w", encoding="utf-8") as out:
        index = 0
        while written < target:
            data = generate_report(seed, index)[1].encode("utf-8")[: target - written - 1]  # "\n" fits
            text = data.decode("utf-8", "ignore") + "\n"
            out.write(text)
            written += len(text.encode("utf-8"))
            index += 1
    return written


def measure_one(path: Path) -> dict[str, float]:
    """In this process: pipeline load, reading and normalising ``path``, then
    ``kg extract`` of it to a file."""
    from kg.ingest import read_paths
    from kg.run import extract_text, normalise_raw, write_extraction

    start = time.perf_counter()
    extract_text("青石镇2021年法治政府建设情况报告\n青石镇司法所推行“访调”对接机制。")
    loaded = time.perf_counter()
    for raw in read_paths([str(path)]):
        normalise_raw(raw)
    normalised = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kg-size-out-") as folder:
        written, skipped = write_extraction([path], Path(folder) / "out.jsonl")
    done = time.perf_counter()
    assert written == 1 and not skipped, skipped
    return {"load_seconds": loaded - start, "normalise_seconds": normalised - loaded, "seconds": done - normalised,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def run(sizes: list[float]) -> list[dict[str, float]]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-size-") as folder:
        for megabytes in sizes:
            path = Path(folder) / f"{megabytes:g}mb.txt"
            size = write_text_of_size(path, megabytes)
            done = subprocess.run([sys.executable, __file__, "--one", str(path)],
                                  check=True, capture_output=True, text=True)
            row = {"mb": size / 1e6, **json.loads(done.stdout.splitlines()[-1]), "load": os.getloadavg()[0]}
            print(json.dumps(row), file=sys.stderr)
            rows.append(row)
            path.unlink()
    return rows


def table(rows: list[dict[str, float]]) -> str:
    lines = ["| file | kg extract | per MB | peak memory | read + normalise alone | pipeline load | load average |",
             "|---|---|---|---|---|---|---|"]
    for row in rows:
        lines.append(f"| {row['mb']:g} MB | {row['seconds']:.1f} s | {row['seconds'] / row['mb']:.2f} s "
                     f"| {row['peak_mb']:.0f} MB | {row['normalise_seconds']:.1f} s | {row['load_seconds']:.1f} s "
                     f"| {row['load']:.1f} |")
    first = rows[0]
    for row in rows[1:]:
        lines.append(f"\n{row['mb'] / first['mb']:.2f} times the text of {first['mb']:g} MB: "
                     f"{row['seconds'] / first['seconds']:.2f} times the time.")
    return "\n".join(lines)


def commit() -> str:
    """The commit of the code measured (with "+" when it has changes not committed)."""
    here = Path(__file__).resolve().parent
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=here, check=True,
                              capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "kg", "bench"], cwd=here.parent,
                               check=True, capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+" if dirty else "")


def write_section(path: Path, rows: list[dict[str, float]], sizes: list[float]) -> None:
    """Replace (or append) this benchmark's section of docs/benchmarks.md."""
    command = f"python bench/size.py --sizes {' '.join(f'{s:g}' for s in sizes)} --write {path}"
    body = (f"{SECTION}\n\n`{command}` (one process, single worker; two shared cores), "
            f"at commit `{commit()}`.\n\n{table(rows)}\n")
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    text = pattern.sub(lambda _: body + "\n", text) if pattern.search(text) else text.rstrip() + "\n\n" + body
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 8, 50], help="sizes in MB")
    parser.add_argument("--write", type=Path, help="update this benchmarks page")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)  # the per-size child process
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure_one(args.one)))
        return 0
    rows = run(args.sizes)
    print(table(rows))
    if args.write:
        write_section(args.write, rows, args.sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
