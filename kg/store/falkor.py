"""The embedded graph store: FalkorDB in a private redis-server.

The server process and its data directory are managed by
:mod:`kg.store.server`; this module is the :class:`GraphStore` over it (or
over a remote FalkorDB server).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from typing import Any

import redis
from falkordb import Edge, FalkorDB, Node, Path as FalkorPath
from falkordb.helpers import stringify_param_value

from kg import config
from kg.errors import Errors, KGError
from kg.store.base import QueryResult, check_reach
from kg.store.server import GRAPH_NAME, EmbeddedServer


def encode_statement(cypher: str, params: dict[str, Any] | None) -> tuple[str, None]:
    """The statement with its parameters written in front, as the FalkorDB
    client itself sends them (``CYPHER name=value … query``).

    >>> encode_statement("RETURN $name", {"name": "奉节县", "year": 2021})
    ('CYPHER `name`="奉节县" `year`=2021 RETURN $name', None)
    """
    if not params:
        return cypher, None
    header = " ".join(f"`{name}`={stringify_param_value(value)}" for name, value in params.items())
    return f"CYPHER {header} {cypher}", None


class FalkorStore:
    """A :class:`kg.store.base.GraphStore` over a FalkorDB graph."""

    name = "falkordb"
    encode = staticmethod(encode_statement)

    def __init__(self, client: FalkorDB, *, location: str,
                 server: EmbeddedServer | None = None) -> None:
        self._client = client
        self._graph = client.select_graph(GRAPH_NAME)
        self.location = location
        self.server = server  # None for a remote FalkorDB
        self._damage: KGError | None = None  # E313 until a load repairs the graph
        self._writing = False  # inside transaction(): this process holds the write lock

    @classmethod
    def embedded(cls, data_dir: str | os.PathLike[str],
                 on_wait: Callable[[str], None] | None = None, *, create: bool = True) -> FalkorStore:
        """Open (starting if needed) the embedded server of ``data_dir``;
        ``on_wait`` hears about a server still loading its data. Without
        ``create`` a directory holding no graph is E316."""
        from kg.store.schema import apply_falkordb

        server = EmbeddedServer(data_dir)
        if not create and not server.has_graph():
            raise KGError(Errors.E316, path=server.data_dir)
        started = server.ensure_running(on_wait=on_wait)
        store = cls(server.client(), location=str(server.data_dir), server=server)
        if apply_falkordb(store):
            # Indexes go into the snapshot, not the log: FalkorDB 4.16 can hang
            # for good replaying CREATE INDEX from the log at its next start.
            server.compact()
        if started:  # a restart replayed the files: do they hold what the last load left?
            server.check_counts(*store._counts())
        store._damage = server.damage()
        return store

    @classmethod
    def remote(cls, host: str, port: int) -> FalkorStore:
        """Connect to a FalkorDB server (``falkordb://host:port``)."""
        from kg.store.schema import apply_falkordb

        location = f"falkordb://{host}:{port}"
        try:
            store = cls(FalkorDB(host=host, port=port), location=location)
            apply_falkordb(store)
        except (redis.ConnectionError, redis.TimeoutError, OSError) as err:
            raise KGError(Errors.E310, uri=location, reason=str(err)) from err
        except KGError as err:
            if err.code != "E308":
                raise
            raise KGError(Errors.E310, uri=location, reason=err.fields["reason"]) from err
        return store

    def query(self, cypher: str, params: dict[str, Any] | None = None, *,
              write: bool = False) -> QueryResult:
        check_reach(cypher)
        if self._damage is not None and not write:
            raise self._damage
        if write or self._writing or self.server is None:
            return self._run(cypher, params, write)
        with self.server.read_lock():  # never between the statements of a batch
            return self._run(cypher, params, write)

    def _run(self, cypher: str, params: dict[str, Any] | None, write: bool) -> QueryResult:
        try:
            if write:  # a load's statements run to the end: no timeout
                result = self._graph.query(cypher, params)
            else:  # an abandoned or runaway read ends on the server too
                result = self._graph.ro_query(cypher, params, timeout=config.query_timeout_ms())
        except (redis.ConnectionError, redis.TimeoutError) as err:
            raise KGError(Errors.E308, reason=str(err)) from err
        except redis.ResponseError as err:
            if "read-only" in str(err):
                raise KGError(Errors.E306) from err
            if "timed out" in str(err).lower():
                raise KGError(Errors.E314, seconds=config.query_timeout_ms() / 1000) from err
            raise KGError(Errors.E307, reason=str(err).splitlines()[0]) from err
        columns = [name for _, name in result.header] if result.header else []
        rows = [[plain(value) for value in row] for row in result.result_set]
        stats = {
            "nodes_created": int(result.nodes_created),
            "nodes_deleted": int(result.nodes_deleted),
            "relationships_created": int(result.relationships_created),
            "relationships_deleted": int(result.relationships_deleted),
        } if write else {}
        return QueryResult(columns, rows, stats)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[FalkorStore]:
        """The statements of one batch. FalkorDB has no multi-statement
        transactions; on the embedded server readers (other processes too)
        wait until the batch is written, so nobody reads half a document."""
        if self.server is None or self._writing:
            yield self
            return
        with self.server.write_lock():
            self._writing = True
            try:
                yield self
            finally:
                self._writing = False

    def _counts(self) -> tuple[int, int]:
        nodes = self._graph.ro_query("MATCH (n) RETURN count(n)").result_set[0][0]
        relationships = self._graph.ro_query("MATCH ()-[r]->() RETURN count(r)").result_set[0][0]
        return int(nodes), int(relationships)

    def begin_load(self) -> bool:
        """Before a load writes: True when the graph was found damaged, so the
        loader redoes every document it is given (reads are allowed again)."""
        repair, self._damage = self._damage is not None, None
        if self.server is not None:
            self.server.forget_counts()
        return repair

    def end_load(self) -> None:
        """After a completed load: note what the graph holds and compact its files."""
        if self.server is not None:
            self.server.note_counts(*self._counts())
            self.server.compact()

    def close(self) -> None:
        self._client.connection.close()

    def __enter__(self) -> FalkorStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def plain(value: Any) -> Any:
    """A FalkorDB result value as plain Python (see QueryResult)."""
    if isinstance(value, Node):
        return {"_labels": sorted(value.labels or []), **{k: plain(v) for k, v in value.properties.items()}}
    if isinstance(value, Edge):
        return {"_type": value.relation, **{k: plain(v) for k, v in value.properties.items()}}
    if isinstance(value, FalkorPath):
        return {"_nodes": [plain(n) for n in value.nodes()],
                "_relationships": [plain(e) for e in value.edges()]}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
