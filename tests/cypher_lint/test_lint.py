"""Every Cypher statement kg can send to Neo4j, linted by Neo4j's own linter.

Statements: schema/neo4j.cypher; the loader's statements (some are built
per label and type); every module-level Cypher string constant in the kg
package (found by parsing the sources, so new modules are covered); every
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


def module_constants() -> list[tuple[str, str]]:
    """(module.NAME, text) of every top-level string constant that is Cypher."""
    import ast

    found = []
    for path in sorted((REPO / "kg").rglob("*.py")):
        module = ".".join(path.relative_to(REPO).with_suffix("").parts)
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
                    and isinstance(node.value.value, str) and CYPHER_START.match(node.value.value)):
                found += [(f"{module}.{t.id}", node.value.value.strip())
                          for t in node.targets if isinstance(t, ast.Name)]
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
