"""Screenshots of `kg explore` for docs/explorer.md, taken by a real browser.

Builds the examples into a temporary embedded store, serves the explorer on
127.0.0.1 and walks through it with the browser tests' driver
(tests/explore/drive.mjs: Debian's headless Chromium through playwright-core),
saving ``explorer-focus.png``, ``explorer-provenance.png`` and
``explorer-pack.png`` into the folder given; and opens the page of `kg viz`
for ``viz-overview.png``. Where Java and Maven run the test Neo4j
(neo4j-server/), also Neo4j Browser through docs/neo4j-browser.md with
tests/neo4j/browser_drive.mjs: ``neo4j-browser-N.png``, the frames of the
walk-through's steps that docs/neo4j-browser.md shows.

Example: python bench/screenshots.py docs/img     (or: make screenshots)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DRIVER = REPO / "tests" / "explore" / "drive.mjs"
sys.path[:0] = [str(REPO / "neo4j-server"), str(REPO / "tests" / "neo4j")]
BROWSER_STEPS = [4, 5, 8]  # the town's institutions, who staffs which center, the evidence


def browser_shots(folder: Path, chromium: str, work: Path) -> None:
    """Neo4j Browser on a test Neo4j holding the examples, through the walk-through."""
    from neo4j_server import Neo4jServer, missing_tools
    from test_browser import GRASS, WALK, walkthrough_commands

    if reason := missing_tools():
        print(f"screenshots: no Neo4j Browser pictures: {reason}", file=sys.stderr)
        return
    server = Neo4jServer(work / "neo4j").start()
    try:
        env = {**os.environ, **server.env()}
        kg = str(Path(sys.executable).with_name("kg"))
        subprocess.run([kg, "schema", "apply"], check=True, env=env, capture_output=True)
        subprocess.run([kg, "build", "examples", "--merges", "examples/merges.toml"],
                       check=True, env=env, cwd=REPO, capture_output=True)
        plan = {"url": server.browser_url, "user": "neo4j", "password": server.password,
                "chromium": chromium, "grass": str(GRASS), "screenshots": str(folder.resolve()),
                "commands": walkthrough_commands(WALK.read_text(encoding="utf-8")), "shots": BROWSER_STEPS}
        subprocess.run(["node", str(REPO / "tests" / "neo4j" / "browser_drive.mjs"),
                        json.dumps(plan, ensure_ascii=False)], check=True, stdout=subprocess.DEVNULL)
    finally:
        server.stop()


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
        browser_shots(args.folder, chromium, Path(tmp))
    for png in sorted(args.folder.glob("*.png")):
        print(f"wrote {png}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
