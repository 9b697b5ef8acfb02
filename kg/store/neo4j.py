"""Neo4j back end, through the official driver.

Connection settings come from the URI (``--neo4j`` or ``NEO4J_URI``) and the
environment: ``NEO4J_USERNAME`` (default ``neo4j``), ``NEO4J_PASSWORD``,
``NEO4J_DATABASE`` (default: the server's default database). The password
is handed to the driver and never printed or logged.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from typing import Any

import neo4j
from neo4j import exceptions as neo4j_errors
from neo4j.graph import Node, Path, Relationship

from kg import config
from kg.errors import Errors, KGError
from kg.store.base import QueryResult, check_reach, neo4j_dialect, plain_statement

SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")

# The driver logs connection failures to stderr; kg reports them as one E302 line.
logging.getLogger("neo4j").addHandler(logging.NullHandler())


CONNECT_TIMEOUT_S = 4.0


class Neo4jStore:
    """A :class:`kg.store.base.GraphStore` over a Neo4j database."""

    name = "neo4j"
    encode = staticmethod(plain_statement)

    def __init__(self, uri: str, *, user: str | None = None, password: str | None = None,
                 database: str | None = None) -> None:
        self.location = uri
        self._user = user or os.environ.get("NEO4J_USERNAME") or "neo4j"
        password = password if password is not None else os.environ.get("NEO4J_PASSWORD", "")
        self._database = database or os.environ.get("NEO4J_DATABASE") or None
        try:
            # A port that answers but is not Neo4j would hold the handshake for a minute.
            self._driver = neo4j.GraphDatabase.driver(
                uri, auth=(self._user, password), connection_timeout=CONNECT_TIMEOUT_S,
                connection_acquisition_timeout=CONNECT_TIMEOUT_S)
            self._driver.verify_connectivity()
        except neo4j_errors.AuthError as err:
            raise KGError(Errors.E303, user=self._user, uri=uri) from err
        except (neo4j_errors.ServiceUnavailable, neo4j_errors.ConfigurationError,
                OSError, ValueError) as err:
            raise KGError(Errors.E302, uri=uri, reason=_connect_reason(err)) from err

    def query(self, cypher: str, params: dict[str, Any] | None = None, *,
              write: bool = False) -> QueryResult:
        def work(tx: neo4j.ManagedTransaction) -> QueryResult:
            return _run(tx, cypher, params)

        if not write:  # an abandoned or runaway read ends on the server too
            work = neo4j.unit_of_work(timeout=config.query_timeout_ms() / 1000)(work)
        with self._session() as session:
            return self._guard(session.execute_write if write else session.execute_read, work)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[_Transaction]:
        """One explicit write transaction: committed when the block ends."""
        with self._session() as session:
            tx = self._guard(session.begin_transaction)
            try:
                yield _Transaction(self, tx)
                self._guard(tx.commit)
            finally:
                if not tx.closed():
                    tx.rollback()

    def _session(self) -> neo4j.Session:
        return self._driver.session(database=self._database)

    def _guard(self, call, *args):
        try:
            return call(*args)
        except neo4j_errors.AuthError as err:
            raise KGError(Errors.E303, user=self._user, uri=self.location) from err
        except neo4j_errors.ServiceUnavailable as err:
            raise KGError(Errors.E308, reason=_first_line(err)) from err
        except neo4j_errors.Neo4jError as err:
            if err.code == "Neo.ClientError.Statement.AccessMode":
                raise KGError(Errors.E306) from err
            if err.code and "TransactionTimedOut" in err.code:
                raise KGError(Errors.E314, seconds=config.query_timeout_ms() / 1000) from err
            raise KGError(Errors.E307, reason=_first_line(err)) from err

    def begin_load(self) -> bool:
        """Nothing to repair: Neo4j's transactions keep its store consistent."""
        return False

    def end_load(self) -> None:
        """Nothing to do after a load: Neo4j manages its own files."""

    def close(self) -> None:
        self._driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Transaction:
    """The store seen through one open transaction (see GraphStore.transaction)."""

    name = "neo4j"
    encode = staticmethod(plain_statement)

    def __init__(self, store: Neo4jStore, tx: neo4j.Transaction) -> None:
        self._store = store
        self._tx = tx

    def query(self, cypher: str, params: dict[str, Any] | None = None, *,
              write: bool = False) -> QueryResult:
        return self._store._guard(_run, self._tx, cypher, params)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[_Transaction]:
        yield self


def _run(tx, cypher: str, params: dict[str, Any] | None) -> QueryResult:
    check_reach(cypher)
    result = tx.run(neo4j_dialect(cypher), params or {})
    columns = list(result.keys())
    rows = [[plain(value) for value in record.values()] for record in result]
    counters = result.consume().counters
    stats = {
        "nodes_created": counters.nodes_created,
        "nodes_deleted": counters.nodes_deleted,
        "relationships_created": counters.relationships_created,
        "relationships_deleted": counters.relationships_deleted,
    }
    return QueryResult(columns, rows, stats)


def plain(value: Any) -> Any:
    """A Neo4j result value as plain Python (see QueryResult)."""
    if isinstance(value, Node):
        return {"_labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {"_type": value.type, **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Path):
        return {"_nodes": [plain(n) for n in value.nodes],
                "_relationships": [plain(r) for r in value.relationships]}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if hasattr(value, "iso_format"):  # neo4j.time types
        return value.iso_format()
    return value


def _connect_reason(err: BaseException) -> str:
    """Why a connection failed, in words (the driver's text ends in a colon
    and the cause is on later lines)."""
    text = str(err)
    if "handshake" in text:
        return "something answers there, but not a Neo4j server (is the port the Bolt port, 7687?)"
    if "refused" in text.lower() or "Errno 111" in text:
        return "nothing listens there (is Neo4j running?)"
    lines = [line.strip().rstrip(":") for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else type(err).__name__


def _first_line(err: BaseException) -> str:
    text = str(err).strip() or type(err).__name__
    return text.splitlines()[0]
