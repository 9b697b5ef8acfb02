"""The graph's schema, written once and rendered for each back end.

``schema/neo4j.cypher``, ``schema/falkordb.cypher`` and
``schema/document-record.schema.json`` are generated from this module
(``python -m kg.store.schema`` rewrites them; a test fails when they are stale).
The embedded store applies the FalkorDB statements itself on first open.

>>> neo4j_statements()[0]
'CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE'
>>> falkordb_statements()[0]
'CREATE INDEX FOR (n:Document) ON (n.id)'
"""

from __future__ import annotations

import json
from pathlib import Path

from kg.model import ENTITY_TYPES, FACT_TYPES, DocumentRecord

ENTITY_LABEL = "__Entity__"
ENTITY_LABELS = (*ENTITY_TYPES, "Indicator")
# The labels looked up by key, each through its own key index. An indicator
# belongs to one document and is reached through it (its chunk) or its owner.
KEYED_LABELS = ENTITY_TYPES
# Derived from the facts by the loader, for the packs (kg/store/tallies.py); not exported.
DERIVED_LABELS = ("Tally",)
DERIVED_TYPES = ("TALLIED_AT", "CO_OCCURS")
LABELS = ("Document", "Chunk", *ENTITY_LABELS, ENTITY_LABEL, *DERIVED_LABELS)
LEXICAL_TYPES = ("FROM_DOCUMENT", "NEXT_CHUNK", "FROM_CHUNK", "ABOUT")
# What the documents support: an entity with none of these is an orphan, and
# exports carry these only.
DOCUMENT_TYPES = (*LEXICAL_TYPES, *FACT_TYPES)
RELATIONSHIP_TYPES = (*DOCUMENT_TYPES, *DERIVED_TYPES)
PROPERTY_KEYS = (
    "id", "title", "year", "published", "publisher", "source", "url", "extractor", "lexicon", "rules",
    "gazetteer", "complete",
    "withdrawing",
    "doc_id", "index", "text", "start", "end",
    "key", "name", "level", "kind", "category", "canonical", "role", "person", "count",
    "metric", "value", "unit", "approx",
    "docs", "chunks", "years", "status", "statuses",
    "jurisdictions", "stale",
    # a jurisdiction's place in China's divisions (kg/gazetteer) and the merges file of a load
    "code", "host_code", "province", "province_code", "prefecture", "prefecture_code", "county_code",
    "reason", "merges",
)

# (label, property) pairs that are unique: what the loader MERGEs on.
UNIQUE = (("Document", "id"), ("Chunk", "id"), (ENTITY_LABEL, "key"),
          *((label, "key") for label in (*ENTITY_LABELS, *DERIVED_LABELS)))
# FalkorDB has no uniqueness constraints, so its key indexes serve look-ups
# only, one per keyed label, and none on __Entity__: on FalkorDB an index
# holds an entry (about 300 bytes) for every node of its label, and the
# indicators, two thirds of the entities, would fill it; every look-up by key
# names its label (kg.store.keys.label_of_key). Chunks have no index there:
# they are reached through their Document (FROM_DOCUMENT; a chunk id starts
# with its document's id), and indexing ~300 chunks a report cost about 40 KB
# of the embedded server's memory per report (docs/benchmarks.md).
FALKORDB_KEYS = (("Document", "id"), *((label, "key") for label in KEYED_LABELS))
# Plain range indexes: the loader's look-ups and the query packs' filters.
INDEXED = (("Document", "source"), ("Document", "year"),
           ("Body", "kind"), ("Center", "kind"), ("Mechanism", "category"),
           ("Actor", "role"), ("Actor", "person"), ("Indicator", "metric"), ("Indicator", "year"),
           *((label, "name") for label in ("Jurisdiction", "Body", "Center", "Mechanism")))
# The embedded store holds every node in memory: an index on Indicator (about
# 140 a report, each also in the __Entity__ key index) cost about 27 KB of its
# server's memory per report (docs/scale.md), and no look-up needs one there:
# indicators are reached through their owner (REPORTS) or a scan of the label.
FALKORDB_INDEXED = tuple((label, prop) for label, prop in INDEXED if label != "Indicator")
# Neo4j's full-text index on names, for Neo4j Browser (docs/neo4j-browser.md).
# The embedded store has none: nothing of kg's reads one, and they cost about
# 9 KB of its memory a report (the explorer's search reads names with CONTAINS).
FULLTEXT_LABELS = ("Jurisdiction", "Body", "Center", "Mechanism")
FULLTEXT_INDEX = "entity_names"
# Indexes earlier versions of kg created on FalkorDB, dropped when a store
# is opened: (label, property, index type as db.indexes() names it).
FALKORDB_RETIRED = ((ENTITY_LABEL, "key", "RANGE"), (ENTITY_LABEL, "name", "RANGE"),
                    *((label, "name", "FULLTEXT") for label in FULLTEXT_LABELS))


def _snake(label: str) -> str:
    return label.strip("_").lower()


def neo4j_statements() -> list[str]:
    """Constraints and indexes for Neo4j 5 (idempotent: IF NOT EXISTS)."""
    statements = [
        f"CREATE CONSTRAINT {_snake(label)}_{prop} IF NOT EXISTS "
        f"FOR (n:{label}) REQUIRE n.{prop} IS UNIQUE"
        for label, prop in UNIQUE
    ]
    statements += [
        f"CREATE INDEX {_snake(label)}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"
        for label, prop in INDEXED
    ]
    # The cjk analyzer indexes Chinese names as character bigrams.
    statements.append(
        f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS "
        f"FOR (n:{'|'.join(FULLTEXT_LABELS)}) ON EACH [n.name] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}")
    return statements


def falkordb_statements() -> list[str]:
    """Range indexes in FalkorDB's syntax.

    FalkorDB has no IF NOT EXISTS: :func:`apply_falkordb` skips indexes that
    already exist (and drops the retired ones). Uniqueness of keys is kept
    by the loader (MERGE on an indexed key under the data-directory lock).
    """
    return [statement for statement, _ in _falkordb_indexes()]


def _falkordb_indexes() -> list[tuple[str, tuple[str, str, str]]]:
    """(statement, (label, property, index type as db.indexes() names it))."""
    indexes = [(f"CREATE INDEX FOR (n:{label}) ON (n.{prop})", (label, prop, "RANGE"))
               for label, prop in (*FALKORDB_KEYS, *FALKORDB_INDEXED)]
    return indexes


def apply_falkordb(store) -> int:
    """Create the FalkorDB indexes that do not exist yet and drop the
    retired ones still there; return how many changed."""
    existing: set[tuple[str, str, str]] = set()
    # write=True: a GRAPH.QUERY also creates the graph key of a new store,
    # which read-only queries need to exist.
    for label, types in store.query("CALL db.indexes() YIELD label, types "
                                    "RETURN label, types", write=True).rows:
        for prop, kinds in dict(types).items():
            existing |= {(label, prop, kind) for kind in kinds}
    changed = 0
    for statement, index in _falkordb_indexes():
        if index not in existing:
            store.query(statement, write=True)
            changed += 1
    for label, prop, kind in FALKORDB_RETIRED:
        if (label, prop, kind) in existing:
            fulltext = "FULLTEXT " if kind == "FULLTEXT" else ""
            store.query(f"DROP {fulltext}INDEX FOR (n:{label}) ON (n.{prop})", write=True)
            changed += 1
    return changed


def apply_neo4j(store) -> int:
    """Run every Neo4j constraint/index statement; return how many ran."""
    for statement in neo4j_statements():
        store.query(statement, write=True)
    return len(neo4j_statements())


def apply(store) -> str:
    """Bring ``store``'s indexes and constraints up to date; say what was done."""
    if store.name == "neo4j":
        return f"applied {apply_neo4j(store)} constraint and index statements to {store.location}"
    return f"created or dropped {apply_falkordb(store)} indexes in {store.location}"


def json_schema() -> dict:
    """JSON Schema of one line of ``kg extract`` output."""
    return DocumentRecord.model_json_schema()


def render_files() -> dict[str, str]:
    """File name (under ``schema/``) -> generated content."""
    header = ("// Generated by `python -m kg.store.schema` from kg/store/schema.py; "
              "do not edit.\n")
    return {
        "neo4j.cypher": header + "".join(f"{s};\n" for s in neo4j_statements()),
        "falkordb.cypher": header + "".join(f"{s};\n" for s in falkordb_statements()),
        "document-record.schema.json":
            json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n",
    }


def write_files(folder: Path) -> list[Path]:
    """Write the generated schema files into ``folder``."""
    written = []
    for name, content in render_files().items():
        path = folder / name
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_files(Path(__file__).resolve().parents[2] / "schema"):
        print(path)
