"""The graph store: one interface, two back ends, and the loader.

>>> from kg.store import open_store
>>> with open_store("/tmp/kg-doctest") as store:             # doctest: +SKIP
...     store.query("MATCH (n:Mechanism) RETURN n.name LIMIT 3").rows

``open_store()`` opens the embedded FalkorDB of the data directory (starting
its server if needed); ``open_store(uri="bolt://host:7687")`` connects to
Neo4j instead, and ``falkordb://host:port`` to a FalkorDB server.
:func:`load_lock` is what a load holds while it writes, whatever the back end.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any
from urllib.parse import urlsplit

from kg import config
from kg.errors import Errors, KGError
from kg.store.base import GraphStore, QueryResult

__all__ = ["GraphStore", "QueryResult", "load_lock", "open_store"]


def open_store(data_dir: str | os.PathLike[str] | None = None,
               uri: str | None = None, *, create: bool = True) -> GraphStore:
    """The graph store to use: Neo4j (``bolt://``, ``neo4j://`` …) or a FalkorDB
    server (``falkordb://host:port``) when a URI is given, else the embedded
    FalkorDB in ``data_dir`` (see :func:`kg.config.data_dir`).

    With ``create=False`` (the commands that only read) a data directory
    without a graph is E316, not a new empty store: a mistyped ``--data-dir``
    must not answer with empty tables."""
    if uri:
        neo4j = uri
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

    return FalkorStore.embedded(config.data_dir(data_dir), create=create)


def load_lock(data_dir: str | os.PathLike[str] | None = None, uri: str | None = None,
              on_wait: Callable[[str], None] | None = None) -> AbstractContextManager[Any]:
    """What a load holds while it writes: the embedded store's lock file (one
    load per data directory at a time; ``on_wait`` is told when it waits).
    A server (Neo4j, FalkorDB) orders concurrent writers itself."""
    if uri:
        return contextlib.nullcontext()
    from kg.store.server import EmbeddedServer

    return EmbeddedServer(config.data_dir(data_dir)).load_lock(on_wait=on_wait)


def _without_credentials(uri: str) -> str:
    """The URI with any "user:password@" left out (works on malformed URIs too).

    >>> _without_credentials("bolt://neo4j:secret@localhost:7687")
    'bolt://localhost:7687'
    """
    return re.sub(r"(?<=//)[^/?#]*@", "", uri, count=1)
