"""Helpers of the explorer tests: a hostile name and records carrying it, and
:func:`run_driver`, which runs a page driver in headless Chromium (also for
tests/neo4j/test_browser.py)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PLAYWRIGHT = REPO / "web" / "node_modules" / "playwright-core"

# Markup, quotes and braces: the page must show this as text and run nothing.
HOSTILE = "<img src=x onerror=\"window.__pwned=1\">'&{}司法所"


def hostile_copy(records):
    """The records with the first body that has mentions renamed to :data:`HOSTILE`."""
    out, renamed = [], None
    for record in records:
        if renamed is None:
            for i, entity in enumerate(record.entities):
                if entity.type == "Body" and entity.mentions:
                    renamed = entity.name
                    entities = list(record.entities)
                    entities[i] = entity.model_copy(update={"name": HOSTILE})
                    record = record.model_copy(update={"entities": entities})
                    break
        out.append(record)
    return out


def run_driver(script: Path, plan: dict, timeout: float = 240) -> dict:
    """Run a playwright-core driver (``node script plan``) in Debian's headless
    Chromium; its JSON report. Skips where Chromium or playwright-core is missing."""
    if CHROMIUM is None:
        pytest.skip("no chromium on PATH: `apt-get install chromium` (make test does, as root)")
    if not PLAYWRIGHT.is_dir() or shutil.which("node") is None:
        pytest.skip("playwright-core is not installed: run `make assets` (npm ci in web/)")
    done = subprocess.run(["node", str(script), json.dumps({"chromium": CHROMIUM, **plan}, ensure_ascii=False)],
                          capture_output=True, text=True, timeout=timeout)
    report = json.loads(done.stdout) if done.stdout.startswith("{") else {}
    assert done.returncode == 0, (report or done.stderr[-3000:], f"screenshot: {plan.get('out')}/failure.png")
    return report
