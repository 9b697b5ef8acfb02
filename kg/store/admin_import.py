"""The CSV files of ``neo4j-admin database import full``, and what to run on
the imported database: the one writer behind ``kg bulk csv``
(:mod:`kg.store.bulk`) and ``kg export --format csv`` (:mod:`kg.export.formats`).

A table is one CSV file of nodes or of relationships. Its rows are property
maps; its special fields (the node ID, the start and end IDs, a ``:LABEL`` or
``:TYPE`` column) are named with their header field, and every other field
gets a typed header from its values (``year:long``, ``docs:string[]``).
Labels or a relationship type shared by the whole file may be given on the
command line instead (``--nodes=Mechanism:__Entity__=file``).

Every string is quoted, so an empty field is "no property" and ``""`` the
empty string, as the importer tells them apart; arrays are joined with ";"
(the importer's default), which no id, chunk id, status or year contains.
The importer stores no property for an empty array, where ``kg load`` writes
an empty list: :func:`finish_import` (``kg bulk finish``) puts the
provenance lists back, creates the schema and counts the tallies.

>>> table = ImportTable("nodes.csv", [{"key": "Mechanism|访调对接", "labels": ["Mechanism", "__Entity__"],
...                                    "name": "访调对接", "years": [2020, 2021], "chunks": []}],
...                     {"key": "key:ID", "labels": ":LABEL"})
>>> print("".join(generate_import_csv(table)), end="")
key:ID,:LABEL,chunks:string[],name,years:long[]
"Mechanism|访调对接","Mechanism;__Entity__","","访调对接","2020;2021"
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.store import schema, tallies
from kg.store.base import GraphStore

ARRAY_DELIMITER = ";"


@dataclass
class ImportTable:
    """One CSV file: ``special`` maps a row field to its header field
    (``{"key": "key:ID(Entity)"}``, ``{"source": ":START_ID"}``); ``group`` is
    the labels (``"Mechanism:__Entity__"``) or type given on the command line,
    or None when a ``:LABEL``/``:TYPE`` column carries them."""

    file: str
    rows: Sequence[Mapping[str, Any]]
    special: dict[str, str]
    group: str | None = None
    relationships: bool = False


def property_type(values: Iterable[Any]) -> str:
    """The importer's type for a property with these values (None ignored).

    >>> [property_type(v) for v in ([1, None], [1, 2.5], [True], ["a", 1], [[2020], []], [[]])]
    ['long', 'double', 'boolean', 'string', 'long[]', 'string[]']
    """
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, (list, tuple)) for v in present):
        return _scalar_type([x for v in present for x in v]) + "[]"
    return _scalar_type(present)


def _scalar_type(values: list[Any]) -> str:
    if values and all(isinstance(v, bool) for v in values):
        return "boolean"
    if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "long"
    if values and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return "double"
    return "string"


def column_types(table: ImportTable) -> dict[str, str]:
    """Row field -> importer type: the special fields first (their header
    field's type, e.g. ``ID``, ``LABEL``), then the properties by name."""
    names = sorted({name for row in table.rows for name in row} - set(table.special))
    types = {name: header.split(":", 1)[1] for name, header in table.special.items()}
    return types | {name: property_type(row.get(name) for row in table.rows) for name in names}


def generate_import_csv(table: ImportTable) -> Iterator[str]:
    """The lines of ``table``'s CSV file, header first, each ending in a newline."""
    types = column_types(table)
    yield csv_header(table, types)
    for row in table.rows:
        yield csv_row(row, types) + "\n"


def csv_header(table: ImportTable, types: Mapping[str, str]) -> str:
    """The header line (with its newline) of ``table`` with these column types."""
    return ",".join(table.special.get(name) or (name if type_ == "string" else f"{name}:{type_}")
                    for name, type_ in types.items()) + "\n"


def csv_row(row: Mapping[str, Any], types: Mapping[str, str]) -> str:
    """One row as a CSV line (no newline), its fields in the order of ``types``."""
    return ",".join(_field(row.get(name)) for name in types)


def _field(value: Any) -> str:
    """One CSV field as neo4j-admin reads it.

    >>> [_field(v) for v in (None, "", 'say "x" now', 3, 2.5, True, ["a", "b"], [2020, 2021])]
    ['', '""', '"say ""x"" now"', '3', '2.5', 'true', '"a;b"', '"2020;2021"']
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return _quoted(ARRAY_DELIMITER.join(v if isinstance(v, str) else _field(v) for v in value))
    return _quoted(str(value))


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


@dataclass
class ImportFiles:
    """The files written and the ``neo4j-admin database import full`` command that loads them."""

    folder: Path
    nodes: list[tuple[str | None, str]] = field(default_factory=list)  # (labels, file)
    relationships: list[tuple[str | None, str]] = field(default_factory=list)  # (type, file)

    def arguments(self, database: str = "neo4j", *, absolute: bool = True) -> list[str]:
        """The importer's arguments; with ``absolute=False`` file names are
        relative to the folder (the command is run there)."""
        where = self.folder.resolve() if absolute else Path()

        def files(option: str, group: str | None, names: str) -> str:  # names: "a.csv,b/part-0"
            paths = ",".join(str(where / name) for name in names.split(","))
            return f"--{option}={group + '=' if group else ''}{paths}"

        return ["database", "import", "full",
                *(files("nodes", group, name) for group, name in self.nodes),
                *(files("relationships", group, name) for group, name in self.relationships),
                f"--array-delimiter={ARRAY_DELIMITER}", "--multiline-fields=true",
                f"--report-file={where / 'import.report'}", "--overwrite-destination=true", database]

    def command(self, database: str = "neo4j", *, absolute: bool = True) -> str:
        """The shell command line, ``neo4j-admin database import full …``."""
        return shlex.join(["neo4j-admin", *self.arguments(database, absolute=absolute)])


def write_import_tables(tables: Iterable[ImportTable], folder: str | os.PathLike[str]) -> ImportFiles:
    """Write each table (that has rows) as a CSV file in ``folder``."""
    files = ImportFiles(Path(folder))
    files.folder.mkdir(parents=True, exist_ok=True)
    for table in tables:
        if not table.rows:
            continue
        with (files.folder / table.file).open("w", encoding="utf-8", newline="") as out:
            out.writelines(generate_import_csv(table))
        (files.relationships if table.relationships else files.nodes).append((table.group, table.file))
    return files


# The importer reads an empty array field as no property at all, where
# ``kg load`` writes an empty list (a fact with no evidence chunk, such as a
# division's PART_OF from the gazetteer, or whose reports have no year).
EMPTY_LISTS = (
    "MATCH (:__Entity__)-[f]->(:__Entity__) WHERE f.docs IS NOT NULL "
    "AND (f.chunks IS NULL OR f.years IS NULL) "
    "SET f.chunks = coalesce(f.chunks, []), f.years = coalesce(f.years, [])")


def finish_import(store: GraphStore) -> None:
    """On the imported database: the empty provenance lists, the schema
    (constraints and indexes) and the tallies, made by the code ``kg load`` runs."""
    store.query(EMPTY_LISTS, write=True)
    schema.apply_neo4j(store)
    store.query(tallies.MARK_STALE, write=True)
    tallies.refresh_if_stale(store)
