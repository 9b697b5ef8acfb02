"""Neo4j Browser, served by the test Neo4j, driven in headless Chromium
(browser_drive.mjs) through docs/neo4j-browser.md: log in, drop
schema/browser-style.grass onto the window, run every command of the walk-through."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from explore_helpers import run_driver
from kg.store import open_store, schema
from kg.store.loader import load_records
from kg.store.merges import read_merges

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
WALK = REPO / "docs" / "neo4j-browser.md"
GRASS = REPO / "schema" / "browser-style.grass"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.M | re.S)


def walkthrough_commands(text: str) -> list[str]:
    """The commands of the walk-through, in order: its ```cypher blocks and
    the plain blocks of Browser commands (``:param``, ``:config``).

    >>> walkthrough_commands("a\\n```\\n:param x => 1\\n```\\n```cypher\\nRETURN $x\\n```\\n```sh\\nls\\n```\\n")
    [':param x => 1', 'RETURN $x']
    """
    return [body.strip() for lang, body in FENCE.findall(text)
            if lang == "cypher" or (lang == "" and body.startswith(":"))]


def grass_rules(text: str) -> dict[str, dict[str, str]]:
    """selector -> properties of a GraSS file (the CSS-like syntax Browser reads)."""
    rules = {}
    for selector, body in re.findall(r"([\w.]+)\s*\{([^}]*)\}", text):
        rules[selector] = dict(re.findall(r"([\w-]+):\s*([^;]+);", body))
    return rules


def _rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgb({r}, {g}, {b})"


@pytest.fixture(scope="module")
def seen(neo4j_server, examples_records, tmp_path_factory):
    with pytest.MonkeyPatch.context() as env:
        for key, value in neo4j_server.env().items():
            env.setenv(key, value)
        with open_store(uri=neo4j_server.uri) as store:  # the examples, as the walk-through has them
            store.query("MATCH (n) DETACH DELETE n", write=True)
            schema.apply_neo4j(store)
            load_records(store, examples_records, merges=read_merges(REPO / "examples" / "merges.toml"))
    shots = tmp_path_factory.mktemp("browser")
    return run_driver(Path(__file__).with_name("browser_drive.mjs"), {"url": neo4j_server.browser_url, "user": "neo4j", "password": neo4j_server.password,
                  "grass": str(GRASS), "commands": walkthrough_commands(WALK.read_text(encoding="utf-8")),
                  "screenshots": str(shots)}, timeout=600)


def test_browser_logs_in_and_takes_the_style_file(seen):
    assert "You are connected as user neo4j" in seen["connected"]
    assert seen["errors"] == []
    shown = seen["style"]
    for selector, props in grass_rules(GRASS.read_text(encoding="utf-8")).items():
        assert selector in shown, selector
        if "color" in props:
            assert f"color: {props['color']}" in shown, selector


def test_every_walkthrough_command_answers_without_error(seen):
    commands = walkthrough_commands(WALK.read_text(encoding="utf-8"))
    assert [step["command"] for step in seen["steps"]] == commands and len(commands) >= 7
    for step in seen["steps"]:
        assert "ERROR" not in step["text"] and "Neo.ClientError" not in step["text"], step
        if step["command"].startswith(":"):
            continue
        shown = re.search(r"Displaying (\d+) nodes|Started streaming (\d+) records", step["text"])
        assert shown and int(shown[1] or shown[2]) > 0, step


def test_the_graph_views_wear_the_style_file_colours(seen):
    rules = grass_rules(GRASS.read_text(encoding="utf-8"))
    colours = {props["color"].upper() for props in rules.values() if "color" in props}
    graphs = [step for step in seen["steps"] if step["fills"]]
    assert graphs, "no walk-through step was shown as a graph"
    for step in graphs:
        assert {fill.upper() for fill in step["fills"]} <= colours, step["command"]
        for label, background in step["chips"].items():
            if f"node.{label}" in rules and label != "__Entity__":
                assert background == _rgb(rules[f"node.{label}"]["color"]), (label, step["command"])
    town = next(step for step in graphs if "$jurisdiction" in step["command"])
    assert {"Jurisdiction", "Mechanism", "Body"} <= set(town["chips"])
