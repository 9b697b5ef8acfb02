"""The graph store: one interface, two back ends, and the loader.

>>> from kg.store import open_store
>>> with open_store("/tmp/kg-doctest") as store:             # doctest: +SKIP
...     store.query("MATCH (n:Mechanism) RETURN n.name LIMIT 3").rows

``open_store()`` opens the embedded FalkorDB of the data directory (starting
its server if needed); ``open_store(neo4j="bolt://host:7687")`` connects to
Neo4j instead, and ``falkordb://host:port`` to a FalkorDB server.
"""

from __future__ import annotations

import os
import re
from urllib.parse import urlsplit

from kg import config
from kg.errors import Errors, KGError
from kg.store.base import GraphStore, QueryResult

__all__ = ["GraphStore", "QueryResult", "open_store"]


def open_store(data_dir: str | os.PathLike[str] | None = None,
               neo4j: str | None = None) -> GraphStore:
    """The graph store to use: Neo4j or remote FalkorDB when a URI is given,
    else the embedded FalkorDB in ``data_dir`` (see :func:`kg.config.data_dir`)."""
    if neo4j:
        try:
            parts = urlsplit(neo4j)
            port = parts.port
        except ValueError:  # e.g. an unclosed "[" or a port that is not a number
            raise KGError(Errors.E305, uri=_without_credentials(neo4j)) from None
        if parts.scheme == "falkordb":
            from kg.store.falkor import FalkorStore

            return FalkorStore.remote(parts.hostname or "localhost", port or 6379)
        from kg.store.neo4j import SCHEMES, Neo4jStore

        if parts.scheme not in SCHEMES or parts.password is not None:  # drivers refuse user info
            raise KGError(Errors.E305, uri=_without_credentials(neo4j))
        return Neo4jStore(neo4j)
    from kg.store.falkor import FalkorStore

    return FalkorStore.embedded(config.data_dir(data_dir))


def _without_credentials(uri: str) -> str:
    """The URI with any "user:password@" left out (works on malformed URIs too).

    >>> _without_credentials("bolt://neo4j:secret@localhost:7687")
    'bolt://localhost:7687'
    """
    return re.sub(r"(?<=//)[^/?#]*@", "", uri, count=1)
