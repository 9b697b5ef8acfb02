"""Tallies: counts derived from the facts, kept by the loader for the packs.

A pack comparing one jurisdiction with every jurisdiction of its level
(``mechanisms-lacking``) or pairing a widespread mechanism with all the others
(``mechanism-cooccurrence``) would otherwise read the facts of thousands of
jurisdictions on each call. The loader keeps, per level, how many
jurisdictions report any mechanism and, per mechanism, how many of them
report it; and per pair of mechanisms, how many jurisdictions report both:

    (:Tally {key: "level/town", level: "town", jurisdictions: 2158})
    (:Mechanism)-[:TALLIED_AT {jurisdictions: 1973}]->(:Tally)
    (:Mechanism)-[:CO_OCCURS {jurisdictions: 1520}]->(:Mechanism)   (from the smaller name)

Tallies are derived, not extracted: they carry no evidence and are left out
of exports. Every fact behind them is traceable as usual.

Keeping them right when a load is killed: each write of the loader first
marks the tallies stale (``(:Tally {key: "state", stale: true})``, in the
same transaction on Neo4j, before the batch on FalkorDB); at the end of a
load, stale tallies are counted again from the facts and marked fresh last.
A load killed at any point leaves them stale, and the next ``kg load``
recounts them, even when it has nothing else to write.

>>> with open_store() as store:                 # doctest: +SKIP
...     store.query(MARK_STALE, write=True)
...     refresh_if_stale(store)
True
"""

from __future__ import annotations

from kg.store.base import GraphStore

MARK_STALE = "MERGE (s:Tally {key: 'state'}) SET s.stale = true"
IS_STALE = "MATCH (s:Tally {key: 'state'}) RETURN s.stale AS stale"
DROP_TALLIES = "MATCH (t:Tally) WHERE t.key <> 'state' DETACH DELETE t"
MECHANISM_NAMES = "MATCH (m:Mechanism) RETURN m.name AS name ORDER BY name"
DROP_PAIRS_FROM = ("UNWIND $names AS name "
                   "MATCH (:Mechanism {name: name})-[c:CO_OCCURS]->(:Mechanism) DELETE c")
COUNT_LEVELS = (
    "MATCH (j:Jurisdiction)-[:HAS_MECHANISM]->(:Mechanism) "
    "WHERE j.level IS NOT NULL "
    "WITH DISTINCT j "
    "WITH j.level AS level, count(j) AS jurisdictions "
    "CREATE (:Tally {key: 'level/' + level, level: level, jurisdictions: jurisdictions})")
# One HAS_MECHANISM per jurisdiction and mechanism (the loader merges facts),
# so counting facts counts jurisdictions.
COUNT_MECHANISMS = (
    "MATCH (t:Tally) WHERE t.level IS NOT NULL "
    "WITH collect(t) AS tallies "
    "MATCH (j:Jurisdiction)-[:HAS_MECHANISM]->(m:Mechanism) "
    "WHERE j.level IS NOT NULL "
    "WITH tallies, j.level AS level, m, count(j) AS jurisdictions "
    "UNWIND [t IN tallies WHERE t.level = level] AS t "
    "CREATE (m)-[:TALLIED_AT {jurisdictions: jurisdictions}]->(t)")
COUNT_PAIRS_FROM = (
    "UNWIND $names AS name "
    "MATCH (a:Mechanism {name: name})<-[:HAS_MECHANISM]-(j:Jurisdiction)-[:HAS_MECHANISM]->(b:Mechanism) "
    "WHERE a.name < b.name "
    "WITH a, b, count(j) AS jurisdictions "
    "CREATE (a)-[:CO_OCCURS {jurisdictions: jurisdictions}]->(b)")
MARK_FRESH = "MERGE (s:Tally {key: 'state'}) SET s.stale = false"
# A graph with documents but no state was not written by kg's loader: a
# neo4j-admin import of `kg export --format csv`, which leaves tallies out.
ANY_DOCUMENT = "MATCH (d:Document) RETURN d.id LIMIT 1"
# Pairs are counted for this many mechanisms (by name) per statement: a million
# pairs in one transaction would hold the store (and Neo4j's heap) for seconds,
# and the server holds a statement's pairs while it counts them: at the end of
# every load, the embedded server's memory rose over the graph by 241 MB with
# 2,000 names and by 35 MB with 250 (1,000 reports), by 277 and 130 MB
# (10,000 reports, where 250 took 69 s against 57: docs/benchmarks.md).
PAIR_BATCH = 250


def is_stale(store: GraphStore) -> bool:
    """True when a write made the tallies stale and no load has counted them since,
    or when they were never counted (an imported export)."""
    rows = store.query(IS_STALE).rows
    if rows:
        return rows[0][0] is True
    return bool(store.query(ANY_DOCUMENT).rows)


def refresh_if_stale(store: GraphStore) -> bool:
    """Count the tallies again when a write has made them stale; True if it did.

    Each statement commits on its own: until the last one marks the tallies
    fresh, an interruption leaves them stale for the next load to redo.
    """
    if not is_stale(store):
        return False
    for cypher in (DROP_TALLIES, COUNT_LEVELS, COUNT_MECHANISMS):
        store.query(cypher, write=True)
    names = [name for (name,) in store.query(MECHANISM_NAMES).rows]
    for start in range(0, len(names), PAIR_BATCH):
        batch = {"names": names[start:start + PAIR_BATCH]}
        store.query(DROP_PAIRS_FROM, batch, write=True)
        store.query(COUNT_PAIRS_FROM, batch, write=True)
    store.query(MARK_FRESH, write=True)
    return True
