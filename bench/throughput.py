"""Time one extractor over a list of files, in this process, after warming it up.

Prints one JSON object: ``{"extractor", "docs", "chars", "seconds", "warmup_seconds"}``.
``chars`` counts the characters of the files as read (UTF-8); ``seconds``
covers reading, normalising and extracting every file, single process,
after the models were loaded by extracting the first file once
(``warmup_seconds``). bench/run.py runs it once per extractor on the same files.

Example: python bench/throughput.py kg /tmp/corpus/000000.txt /tmp/corpus/000001.txt
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kg.ingest import IngestProblem


def _extractor(name: str) -> Callable[[Iterable[Path]], Iterator[object]]:
    if name == "kg":
        from kg.run import extract_paths

        return lambda paths: extract_paths(list(paths), workers=1)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from baseline import baseline_paths

    return baseline_paths


def time_extractor(name: str, paths: list[Path]) -> dict[str, object]:
    extract = _extractor(name)
    start = time.perf_counter()
    for _ in extract(paths[:1]):
        pass
    warmup = time.perf_counter() - start
    start = time.perf_counter()
    docs = sum(1 for item in extract(paths) if not isinstance(item, IngestProblem))
    seconds = time.perf_counter() - start
    chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
    return {"extractor": name, "docs": docs, "chars": chars, "seconds": round(seconds, 3),
            "warmup_seconds": round(warmup, 3)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog="Example: python bench/throughput.py kg /tmp/corpus/000000.txt")
    parser.add_argument("extractor", choices=("kg", "baseline"))
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args(argv)
    print(json.dumps(time_extractor(args.extractor, args.files)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
