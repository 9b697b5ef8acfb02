"""The one small interface every graph back end implements.

Back ends: the embedded FalkorDB (``kg.store.falkor``, the default) and Neo4j
(``kg.store.neo4j``). Query packs, exports and analysis talk only to this
interface, so everything they do runs unchanged on both.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from kg.errors import Errors, KGError

# Cypher that reads files or URLs, or reaches the server's administration:
# refused on every back end, whatever the transaction mode (LOAD CSV is a
# read clause in Neo4j, and FalkorDB fetches https:// URLs with it).
_OUT_OF_REACH = re.compile(
    r"\bLOAD\s+CSV\b|\b(?:apoc\.(?:load|import|export|cypher|periodic|systemdb|log|util\.sleep)"
    r"|dbms\.|gds\.)[\w.]*", re.IGNORECASE)
# String literals, quoted names and comments: their words are not clauses.
_INERT = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.DOTALL)


def check_reach(cypher: str) -> None:
    """Refuse (E315) a statement that would read files or the network.

    >>> check_reach("MATCH (n) WHERE n.name = 'LOAD CSV FROM x' RETURN n")
    >>> check_reach("LOAD CSV FROM 'https://example.org/a.csv' AS row RETURN row")
    Traceback (most recent call last):
    kg.errors.KGError: [E315] Queries may not reach files or the network (LOAD CSV): load data with `kg load`, and export with `kg export`.
    """
    found = _OUT_OF_REACH.search(_INERT.sub(" ", cypher))
    if found:
        raise KGError(Errors.E315, clause=" ".join(found.group().split()))


# FalkorDB's intern() (one copy of a string however often it is stored,
# kg/store/statements.py) is not a Neo4j function.
_INTERN = re.compile(r"\bintern\(")


def neo4j_dialect(cypher: str) -> str:
    """The statement as Neo4j runs it: FalkorDB's ``intern()`` calls dropped
    (their parentheses stay), string literals and comments untouched.

    >>> neo4j_dialect("RETURN [d IN $docs | intern(d)] AS docs, 'intern(x)' AS text")
    "RETURN [d IN $docs | (d)] AS docs, 'intern(x)' AS text"
    """
    parts, end = [], 0
    for inert in _INERT.finditer(cypher):
        parts += [_INTERN.sub("(", cypher[end:inert.start()]), inert.group()]
        end = inert.end()
    return "".join([*parts, _INTERN.sub("(", cypher[end:])])


@dataclass
class QueryResult:
    """Rows of a Cypher query, values converted to plain Python types.

    Nodes become dicts ``{"_labels": [...], **properties}``, relationships
    ``{"_type": ..., **properties}`` and paths ``{"_nodes": [...],
    "_relationships": [...]}``, the same on every back end. ``stats`` counts
    what a write changed (``nodes_created``, ``nodes_deleted``,
    ``relationships_created``, ``relationships_deleted``).
    """

    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    stats: dict[str, int] = field(default_factory=dict)

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


def plain_statement(cypher: str, params: dict[str, Any] | None) -> tuple[str, dict[str, Any] | None]:
    """A statement as a back end with separate parameters is sent it (Neo4j)."""
    return cypher, params


@runtime_checkable
class GraphStore(Protocol):
    name: str  # "falkordb" or "neo4j"
    # A picklable function giving what ``query`` is sent for a statement, so
    # the loader can encode large batches in another process:
    # ``query(*encode(cypher, params))`` runs the statement.
    encode: Callable[[str, dict[str, Any] | None], tuple[str, dict[str, Any] | None]]

    def query(self, cypher: str, params: dict[str, Any] | None = None, *,
              write: bool = False) -> QueryResult:
        """Run one Cypher statement; values only ever through ``params``.

        With ``write=False`` the back end enforces read-only execution
        (FalkorDB ``GRAPH.RO_QUERY``; a Neo4j read transaction).
        """
        ...

    def transaction(self) -> AbstractContextManager[GraphStore]:
        """A unit of work whose ``query`` calls commit together where the back
        end can (one Neo4j transaction); on FalkorDB, which has no
        multi-statement transactions, the statements simply run in order and
        the loader's ``complete`` flag gives the all-or-redo guarantee."""
        ...

    def begin_load(self) -> bool:
        """Called before a load writes; True when the back end found its graph
        damaged (the loader then redoes every document it is given)."""
        ...

    def end_load(self) -> None:
        """Called after a load completed (the embedded store notes its counts
        for the integrity check at the next start, and compacts its files)."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> GraphStore: ...

    def __exit__(self, *exc: object) -> None: ...
