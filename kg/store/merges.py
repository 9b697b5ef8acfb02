"""Reviewed merges: what may be one thing across reports, proposed with the
evidence and merged only when a person accepts it (docs/identity.md).

``merge_candidates`` reads the graph for nodes that may be one thing: own
jurisdictions left unresolved under one name, a local mechanism written two
ways, an institution of one jurisdiction named two ways over the years.
``render_candidates`` writes them as a merges file with ``accept = false``;
a reviewer sets ``accept = true`` where the evidence convinces and passes the
file to ``kg load --merges``: the other keys of an accepted entry become its
first key (their institutions follow a merged jurisdiction, whose key is
part of theirs), and documents loaded under another merges file are loaded
again (a load without ``--merges`` leaves loaded documents as they are).
Nothing is merged by similarity alone.

>>> m = parse_merges('[[merge]]\\nlabel = "Jurisdiction"\\nkeys = ["a", "b"]\\naccept = true\\n', "m.toml")
>>> m.key("b"), m.key("c"), len(m.digest)
('a', 'c', 16)
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import Errors, KGError
from kg.lexicon import read_data
from kg.store.base import GraphStore

__all__ = ["Candidate", "Merges", "merge_candidates", "parse_merges", "read_merges", "render_candidates"]

_LABELS = ("Jurisdiction", "Mechanism", "Body", "Center")


@dataclass(frozen=True)
class Merges:
    """Accepted merges: key -> the key it becomes."""

    into: dict[str, str] = field(default_factory=dict)
    given: bool = False  # a merges file was given: documents loaded under others are loaded again

    def key(self, key: str) -> str:
        return self.into.get(key, key)

    @property
    def digest(self) -> str | None:
        """Stamped on each document loaded under these merges (None: no merges)."""
        if not self.into:
            return None
        text = json.dumps(sorted(self.into.items()), ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


NO_MERGES = Merges()


def parse_merges(text: str, path: str) -> Merges:
    """The accepted entries of a merges file (TOML, ``[[merge]]`` tables)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise KGError(Errors.E204, path=path, reason=f"not TOML ({err})") from None
    into: dict[str, str] = {}
    for n, entry in enumerate(data.get("merge", []), start=1):
        keys, label = entry.get("keys"), entry.get("label")
        if label not in _LABELS:
            raise KGError(Errors.E204, path=path, reason=f"merge {n}: label must be one of {', '.join(_LABELS)}")
        if not isinstance(keys, list) or len(keys) < 2 or not all(isinstance(k, str) and k for k in keys):
            raise KGError(Errors.E204, path=path, reason=f"merge {n}: keys must list two node keys or more")
        if not isinstance(entry.get("accept", False), bool):
            raise KGError(Errors.E204, path=path, reason=f"merge {n}: accept must be true or false")
        if not entry.get("accept", False):
            continue
        for key in keys[1:]:
            if key in into or key in into.values() or keys[0] in into:
                raise KGError(Errors.E204, path=path, reason=f"merge {n}: {key} is in another accepted merge")
            into[key] = keys[0]
    return Merges(into, given=True)


def read_merges(path: str | Path | None) -> Merges:
    if path is None:
        return NO_MERGES
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as err:
        raise KGError(Errors.E204, path=str(path), reason=err.strerror or str(err)) from None
    return parse_merges(text, str(path))


@dataclass(frozen=True)
class Candidate:
    """Nodes that may be one thing, with what speaks for it."""

    label: str
    keys: tuple[str, ...]
    names: tuple[str, ...]
    evidence: tuple[str, ...]


_UNRESOLVED = (
    "MATCH (j:Jurisdiction) WHERE j.code IS NULL AND j.host_code IS NULL "
    "OPTIONAL MATCH (d:Document)-[:ABOUT]->(j) "
    "RETURN j.key AS key, j.name AS name, j.reason AS reason, "
    "collect(coalesce(d.title, d.source) + ' (' + coalesce(toString(d.year), '?') + ')') AS documents "
    "ORDER BY key")
_NODES = (
    "MATCH (n) WHERE (n:Mechanism AND NOT coalesce(n.canonical, false)) OR n:Body OR n:Center "
    "OPTIONAL MATCH (n)-[r]-() WHERE r.years IS NOT NULL "
    "UNWIND CASE WHEN r IS NULL THEN [null] ELSE r.years END AS year "
    "RETURN labels(n) AS labels, n.key AS key, n.name AS name, n.kind AS kind, "
    "collect(DISTINCT year) AS years ORDER BY key")


def merge_candidates(store: GraphStore) -> list[Candidate]:
    """Candidate merges in the graph, each with its evidence."""
    out: list[Candidate] = []
    by_name: dict[str, list[dict[str, Any]]] = {}
    for row in store.query(_UNRESOLVED).records():
        by_name.setdefault(row["name"], []).append(row)
    for name, rows in sorted(by_name.items()):
        if len(rows) > 1:
            out.append(Candidate("Jurisdiction", tuple(r["key"] for r in rows), (name,), tuple(
                f"{r['key']}: {'; '.join(r['documents']) or 'no report of its own'}"
                + (f" — {r['reason']}" if r.get("reason") else "") for r in rows)))
    nodes = store.query(_NODES).records()
    out += _written_two_ways(nodes)
    return out


def _stem(name: str, endings: tuple[str, ...]) -> str:
    name = re.sub(r"[\s\"'“”‘’「」『』《》〈〉]", "", name)
    return next((name[: -len(e)] for e in endings if name.endswith(e) and len(name) > len(e) + 1), name)


def _written_two_ways(nodes: list[dict[str, Any]]) -> list[Candidate]:
    """Mechanisms (local ones) equal but for a generic ending (机制, 制度 …);
    institutions of one kind and one jurisdiction whose names differ only
    by such an ending or where one name is the other with more in front."""
    endings = tuple(sorted(read_data("lexicon/merges.toml")["generic_endings"], key=len, reverse=True))
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for node in nodes:
        label = next(lbl for lbl in node["labels"] if lbl in _LABELS)
        scope = node["key"].rsplit("@", 1)[1] if "@" in node["key"] else ""
        groups.setdefault((label, node["kind"] or "", scope), []).append(node)
    out = []
    for (label, _, _), members in sorted(groups.items()):
        stems = [_stem(m["name"], endings) for m in members]
        for i, j in ((i, j) for i in range(len(members)) for j in range(i + 1, len(members))):
            a, b = stems[i], stems[j]
            same = a == b or (label != "Mechanism" and min(len(a), len(b)) >= 4 and (a.endswith(b) or b.endswith(a)))
            if same and members[i]["name"] != members[j]["name"]:
                pair = (members[i], members[j])
                out.append(Candidate(label, tuple(m["key"] for m in pair), tuple(m["name"] for m in pair), tuple(
                    f"{m['name']}: years {', '.join(str(y) for y in sorted(m['years'])) or '?'}" for m in pair)))
    return out


def render_candidates(candidates: list[Candidate]) -> str:
    """A merges file to review: every entry ``accept = false``."""
    lines = ["# Candidate merges from `kg resolve --report`. Review each: set accept = true",
             "# where the evidence shows one real thing, then load with `kg load … --merges FILE`.",
             "# The first key of an accepted entry is kept; the others become it.", ""]
    for c in candidates:
        lines += ["[[merge]]", f"label = {json.dumps(c.label)}",
                  f"names = {json.dumps(list(c.names), ensure_ascii=False)}",
                  f"keys = {json.dumps(list(c.keys), ensure_ascii=False)}",
                  "evidence = [", *(f"  {json.dumps(e, ensure_ascii=False)}," for e in c.evidence), "]",
                  "accept = false", ""]
    return "\n".join(lines)
