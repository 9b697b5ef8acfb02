"""Cost of placing the jurisdictions of a text that names many real places.

The text names N township-level divisions drawn from the gazetteer (seed 1),
each twice in one line (``<town>召开法治建设会议，推进依法行政。<town>司法所开展普法宣传。``)
after a county report's title, so that the extractor registers them as
jurisdictions and places each on the map. Prints, per N, the extraction time
and the part of it spent placing (``kg.extract.places.place_jurisdictions``),
in one process with the pipeline loaded. Placing is linear when its time per
name stays flat as N grows.

Example: python bench/places.py --names 500 1000 2000 4000
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--names", type=int, nargs="+", default=[500, 1000, 2000, 4000])
    args = parser.parse_args(argv)
    import kg.extract.document as document
    from kg.gazetteer import gazetteer
    from kg.run import extract_text

    g = gazetteer()
    towns = sorted({d.name for d in g.by_code.values() if d.level in ("town", "township")})
    extract_text("青石镇2021年法治政府建设情况报告\n青石镇司法所推行“访调”对接机制。")  # load the pipeline
    placing = [0.0]
    place_jurisdictions = document.place_jurisdictions

    def timed(*pos, **named):
        started = time.perf_counter()
        try:
            return place_jurisdictions(*pos, **named)
        finally:
            placing[0] += time.perf_counter() - started

    document.place_jurisdictions = timed
    rng = random.Random(1)
    print("| places named | characters | extraction | placing | jurisdictions placed | load average |")
    print("|---|---|---|---|---|---|")
    for count in args.names:
        names = rng.sample(towns, count)
        text = "白沙县2021年法治政府建设情况报告\n" + "".join(
            f"{n}召开法治建设会议，推进依法行政。{n}司法所开展普法宣传。\n" for n in names)
        placing[0] = 0.0
        started = time.perf_counter()
        record = extract_text(text)
        took = time.perf_counter() - started
        found = [e for e in record.entities if e.type == "Jurisdiction"]
        placed = sum(e.resolution.status != "unresolved" for e in found)
        print(f"| {count} | {len(text)} | {took:.1f} s | {placing[0]:.1f} s | {placed} of {len(found)} "
              f"| {os.getloadavg()[0]:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
