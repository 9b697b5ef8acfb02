"""Every Cypher statement kg can send to Neo4j, linted by Neo4j's own linter.

Statements: schema/neo4j.cypher; the loader's statements (some are built
per label and type); every module-level Cypher string in the kg package, a
constant, an f-string or a dict of them built once (found by parsing the
sources, so new modules are covered; the built ones read from the imported
module); every
query pack under cypher/ that declares the neo4j back end (globbed, so new
packs are covered); and the ```cypher blocks of the Neo4j guides users
paste into Browser. The
schema handed to the linter (labels, relationship types, property keys)
is the graph model's plus the field names of the loader's parameter rows
(``r.target`` reads like a property to the linter), so a misspelt label,
type or property is reported as a warning, and warnings fail the test too,
except those in ACCEPTED (none so far).
"""

from __future__ import annotations

import ast
import importlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kg.store import schema
from kg.store import statements as loader_statements
from kg.store.base import neo4j_dialect

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
LINTER = HERE / "node_modules" / "@neo4j-cypher" / "language-support" / "package.json"

# (statement name prefix, message start) of warnings looked at and accepted.
ACCEPTED: list[tuple[str, str]] = []

SAMPLE = {"string": "x", "mechanism": "访调对接", "int": 1, "float": 1.0, "bool": True, "list": ["x"]}


def _parameters(cypher: str) -> dict:
    """Store statements: every $name they use is passed by the store code."""
    return {name: "x" for name in re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", cypher)}


CYPHER_START = re.compile(r"\s*(MATCH|OPTIONAL MATCH|UNWIND|CREATE|MERGE|CALL|WITH|RETURN)\b")


def _built_cypher(node) -> bool:
    """An expression (not a plain constant) with a string part that starts like Cypher:
    an f-string, a concatenation, a dict of statements built per label."""
    return not isinstance(node, ast.Constant) and any(
        isinstance(sub, ast.Constant) and isinstance(sub.value, str) and CYPHER_START.match(sub.value)
        for sub in ast.walk(node))


def module_constants() -> list[tuple[str, str]]:
    """(module.NAME, text) of every top-level string constant that is Cypher, and of every
    Cypher string a top-level f-string or dict builds (``module.NAME[key]`` for a dict)."""
    found = []
    for path in sorted((REPO / "kg").rglob("*.py")):
        module = ".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.Assign):
                continue
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            if (isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
                    and CYPHER_START.match(node.value.value)):
                found += [(f"{module}.{name}", node.value.value.strip()) for name in names]
            elif _built_cypher(node.value):
                for name in names:
                    value = getattr(importlib.import_module(module), name)
                    items = value.items() if isinstance(value, dict) else [(None, value)]
                    found += [(f"{module}.{name}" + ("" if key is None else f"[{key}]"), text.strip())
                              for key, text in items if isinstance(text, str) and CYPHER_START.match(text)]
    return found


def collect_statements() -> list[dict]:
    statements = []
    text = (REPO / "schema" / "neo4j.cypher").read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.startswith("//"))
    for n, cypher in enumerate(s.strip() for s in body.split(";\n") if s.strip()):
        statements.append({"name": f"schema/neo4j.cypher#{n + 1}", "cypher": cypher.rstrip(";"),
                           "parameters": {}})
    # The loader builds some statements per label and type: listed by the loader.
    for name, cypher in loader_statements.statements().items():
        statements.append({"name": f"kg.store.statements.{name}", "cypher": neo4j_dialect(cypher),
                           "parameters": _parameters(cypher)})
    seen = {s["cypher"] for s in statements}
    for name, cypher in module_constants():
        cypher = neo4j_dialect(cypher)
        if cypher not in seen:
            statements.append({"name": name, "cypher": cypher, "parameters": _parameters(cypher)})
    for guide in ("neo4j.md", "neo4j-browser.md"):
        text = (REPO / "docs" / guide).read_text(encoding="utf-8")
        for n, cypher in enumerate(re.findall(r"```cypher\n(.*?)```", text, flags=re.S)):
            statements.append({"name": f"docs/{guide}#{n + 1}", "cypher": cypher.strip(),
                               "parameters": _parameters(cypher)})
    from kg.query.packs import parse_pack

    for path in sorted((REPO / "cypher").rglob("*.cypher")):
        pack = parse_pack(path)
        if "neo4j" not in pack.backends:
            continue
        statements.append({"name": str(path.relative_to(REPO)), "cypher": pack.cypher,
                           "parameters": {p.name: SAMPLE.get(p.type, "x") for p in pack.params}})
    return statements


# An entity looked up by key or name through __Entity__: the embedded store keeps no index on
# that label (docs/scale.md), so the look-up would scan every entity. A key names its label
# (kg.store.keys.label_of_key), and names are looked up in each named label's index.
ENTITY_LOOKUP = re.compile(r"__Entity__\s*\{\s*(key|name)\s*:"
                           r"|\((\w+):__Entity__\)\s*WHERE\s+\2\.(key|name)\s*(=|IN)\s")
# The loader's statements: the write side decides per store how it finds its entities.
WRITE_SIDE = ("kg.store.statements.", "kg.store.loader.", "kg.store.prepare.")


def test_no_pack_or_reader_looks_an_entity_up_through_the_entity_label():
    assert ENTITY_LOOKUP.search("UNWIND $keys AS key MATCH (n:__Entity__ {key: key})")
    assert ENTITY_LOOKUP.search("OPTIONAL MATCH (owner:__Entity__ { name: $name})")
    assert ENTITY_LOOKUP.search("MATCH (n:__Entity__) WHERE n.key IN $keys RETURN n")
    assert not ENTITY_LOOKUP.search("MATCH (n:__Entity__) WHERE n.name CONTAINS $q RETURN n")
    assert not ENTITY_LOOKUP.search("MATCH (n:Body {key: $key})-[r]-(m:__Entity__) RETURN m")
    statements = [(name, text) for name, text in module_constants() if not name.startswith(WRITE_SIDE)]
    statements += [(str(path.relative_to(REPO)), path.read_text(encoding="utf-8"))
                   for path in sorted((REPO / "cypher").rglob("*.cypher"))]
    assert any(name.startswith("kg.explore.queries.NODE_MENTIONS[") for name, _ in statements)
    assert any(name.startswith("cypher/provenance/") for name, _ in statements)
    found = [name for name, text in statements if ENTITY_LOOKUP.search(text)]
    assert found == [], f"look up entities through their own label, not __Entity__: {found}"


def lint(statements: list[dict]) -> list[dict]:
    if shutil.which("node") is None or not LINTER.exists():
        pytest.skip("Neo4j's Cypher linter is not installed: run `make lint-deps`")
    payload = {"schema": {"labels": list(schema.LABELS),
                          "relationshipTypes": list(schema.RELATIONSHIP_TYPES),
                          "propertyKeys": [*schema.PROPERTY_KEYS, *loader_statements.ROW_FIELDS]},
               "statements": statements}
    done = subprocess.run(["node", str(HERE / "lint.mjs")], input=json.dumps(payload),
                          capture_output=True, text=True, check=True, timeout=1200)
    return json.loads(done.stdout)


def _accepted(name: str, message: str) -> bool:
    return any(name.startswith(prefix) and message.startswith(start) for prefix, start in ACCEPTED)


def test_every_statement_passes_neo4j_lint():
    statements = collect_statements()
    names = {s["name"] for s in statements}
    assert any(n.startswith("schema/") for n in names)
    assert any(n.startswith("kg.store.statements.MERGE_FACTS") for n in names)
    assert any(n.startswith("cypher/") for n in names)
    assert any(n.startswith("docs/neo4j-browser.md") for n in names)
    problems = [
        f"{result['name']}:{d['line']}:{d['column']}: {d['severity']}: {d['message']} ({d['text']!r})"
        for result in lint(statements) for d in result["diagnostics"]
        if d["severity"] == "error" or not _accepted(result["name"], d["message"])]
    assert problems == [], "\n".join(problems)


def test_the_linter_reports_what_it_should():
    results = lint([
        {"name": "typo", "cypher": "MATCH (n:Mechanism) RETRN n", "parameters": {}},
        {"name": "undeclared", "cypher": "MATCH (n:Mechanism {name: $nope}) RETURN n", "parameters": {}},
        {"name": "label", "cypher": "MATCH (n:Mechansim) RETURN n.name", "parameters": {}},
        {"name": "fine", "cypher": "MATCH (n:Mechanism {name: $name}) RETURN n.category",
         "parameters": {"name": "x"}},
    ])
    severities = {r["name"]: [d["severity"] for d in r["diagnostics"]] for r in results}
    assert "error" in severities["typo"] and "error" in severities["undeclared"]
    assert severities["label"] == ["warning"] and severities["fine"] == []
