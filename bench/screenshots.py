"""Screenshots of `kg explore` for docs/explorer.md, taken by a real browser.

Builds the examples into a temporary embedded store, serves the explorer on
127.0.0.1 and walks through it with the browser tests' driver
(tests/explore/drive.mjs: Debian's headless Chromium through playwright-core),
saving ``explorer-focus.png``, ``explorer-provenance.png`` and
``explorer-pack.png`` into the folder given; and opens the page of `kg viz`
for ``viz-overview.png``.

Example: python bench/screenshots.py docs/img     (or: make screenshots)
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DRIVER = REPO / "tests" / "explore" / "drive.mjs"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where the PNG files go (e.g. docs/img)")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("screenshots: no chromium on PATH (apt-get install chromium)", file=sys.stderr)
        return 1
    from kg.explore import serving
    from kg.store import open_store

    args.folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kg-shots-") as tmp:
        data = Path(tmp) / "data"
        # From the repository, so the sources read "examples/…" in the pictures.
        subprocess.run([str(Path(sys.executable).with_name("kg")), "build", "examples",
                        "--data-dir", str(data)], check=True, cwd=REPO)
        page = Path(tmp) / "graph.html"
        subprocess.run([str(Path(sys.executable).with_name("kg")), "viz", "-o", str(page),
                        "--data-dir", str(data)], check=True)
        shots = str(args.folder.resolve())
        subprocess.run(["node", str(DRIVER), json.dumps(
            {"viz": True, "base": page.as_uri(), "chromium": chromium, "out": tmp,
             "screenshots": shots})], check=True, stdout=subprocess.DEVNULL)
        store = open_store(data)
        try:
            with serving(store) as url:
                plan = {"base": url, "chromium": chromium, "out": tmp,
                        "screenshots": shots,
                        "search": "青石镇", "focus": "青石镇", "expand": "Mechanism|行政执法三项制度",
                        "pack": "jurisdictions-with-mechanism"}
                subprocess.run(["node", str(DRIVER), json.dumps(plan, ensure_ascii=False)],
                               check=True, stdout=subprocess.DEVNULL)
        finally:
            server_process = store.server
            store.close()
            server_process.stop()
    for png in sorted(args.folder.glob("*.png")):
        print(f"wrote {png}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
