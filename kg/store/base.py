"""The one small interface every graph back end implements.

Back ends: the embedded FalkorDB (``kg.store.falkor``, the default) and Neo4j
(``kg.store.neo4j``). Query packs, exports and analysis talk only to this
interface, so everything they do runs unchanged on both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable


@dataclass
class QueryResult:
    """Rows of a Cypher query, values converted to plain Python types.

    Nodes become dicts ``{"_labels": [...], **properties}`` and relationships
    ``{"_type": ..., **properties}``, the same on every back end.
    """

    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


@runtime_checkable
class GraphStore(Protocol):
    name: str  # "falkordb" or "neo4j"

    def query(self, cypher: str, params: dict[str, Any] | None = None, *,
              write: bool = False) -> QueryResult:
        """Run one Cypher statement; values only ever through ``params``.

        With ``write=False`` the back end enforces read-only execution
        (FalkorDB ``GRAPH.RO_QUERY``; a Neo4j read transaction).
        """
        ...

    def close(self) -> None: ...
