"""`kg spark csv`: the CSV files of ``kg bulk csv`` as an Apache Spark job.

The merge of :mod:`kg.store.bulk` spread over a cluster, with its code: each
kept record becomes the items of
:func:`kg.store.bulk.generate_document_items` (a ``map``); the items are
grouped by what they build — a document with its chunks and mentions, one
entity, one fact — so that each lives in one partition, and each partition
merges its groups in load order with :meth:`kg.store.bulk.BulkGraph.take`,
as ``kg bulk csv`` merges the whole corpus on one machine. Each partition's
part of the graph becomes the importer's tables
(:func:`kg.store.bulk.generate_import_tables`) and is written as part files.

Which lines are loaded is decided on the driver from the lines' openings
(doc id and source, a few hundred bytes a document): a document met twice
counts once, a later version of a source replaces the earlier one, as
:func:`kg.store.bulk.kept_positions` decides for ``kg bulk csv``.

The output folder holds, for each table of ``kg bulk csv``, a header file
``NAME.header.csv`` and a folder ``NAME/`` of ``part-*`` files without
header; the column types are those ``kg bulk csv`` gives (they are decided
from the values of every partition). The printed ``neo4j-admin`` command
names the header and the non-empty part files of each table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import Errors, KGError
from kg.records import RecordLine, is_mark_line
from kg.spark.driver import Hadoop, join, run_job
from kg.store.admin_import import ImportFiles, ImportTable, column_types, csv_header, csv_row
from kg.store.bulk import BulkGraph, generate_document_items, generate_import_tables, kept_positions

PARTITIONS_PER_CORE = 4


@dataclass
class SparkCsvReport:
    """What one job wrote."""

    files: ImportFiles
    documents: int = 0
    nodes: int = 0
    relationships: int = 0
    unchanged: int = 0
    replaced: int = 0
    problems: list[str] = field(default_factory=list)


def csv_job(spark: Any, outputs: list[str], folder: str, partitions: int | None = None) -> SparkCsvReport:
    """Write the importer's CSV files for the extraction ``outputs`` (files or
    folders of part files, on any Hadoop file system) into ``folder``."""
    sc = spark.sparkContext
    hadoop = Hadoop(sc)
    if hadoop.exists(folder):
        raise KGError(Errors.E207, path=folder)
    lines = _record_lines(sc, hadoop, outputs)
    openings = lines.map(lambda item: (item[0], *_opening(item[1]))).collect()
    positions, unchanged, replaced, problems = kept_positions(openings)
    kept = sc.broadcast(positions)
    groups = partitions or sc.defaultParallelism * PARTITIONS_PER_CORE
    items = (lines.filter(lambda item: item[0] in kept.value)
             .flatMap(lambda item: generate_document_items(kept.value[item[0]], item[1])))
    problems += items.filter(lambda item: item[0][0] == "problem").map(lambda item: item[1]).collect()
    graphs = (items.filter(lambda item: item[0][0] != "problem")
              .groupByKey(groups).mapPartitions(_merge_partition).cache())
    counts = graphs.map(lambda g: (len(g.documents), *g.counts().values())).collect()
    tables = graphs.flatMap(lambda g: [(t.file, t) for t in generate_import_tables(g) if t.rows]).cache()
    report = SparkCsvReport(ImportFiles(Path(folder)), unchanged=unchanged, replaced=replaced,
                            problems=problems)
    report.documents, report.nodes, report.relationships = (sum(c[i] for c in counts) for i in range(3))
    hadoop.mkdirs(folder)
    for name, (sample, types) in sorted(tables.map(lambda item: (item[0], _sample(item[1])))
                                        .reduceByKey(_merge_samples).collectAsMap().items()):
        types = column_types(sample)
        stem = name.removesuffix(".csv")
        hadoop.write_text(join(folder, f"{stem}.header.csv"), csv_header(sample, types))
        (tables.filter(lambda item, name=name: item[0] == name)
         .flatMap(lambda item, types=types: [csv_row(row, types) for row in item[1].rows])
         .saveAsTextFile(join(folder, stem)))
        parts = _part_files(hadoop, join(folder, stem))
        names = ",".join([f"{stem}.header.csv", *(f"{stem}/{uri.rsplit('/', 1)[-1]}" for uri in parts)])
        (report.files.relationships if sample.relationships else report.files.nodes).append(
            (sample.group, names))
    graphs.unpersist()
    tables.unpersist()
    return report


def run(outputs: list[str], folder: str, master: str = "local[2]",
        partitions: int | None = None) -> SparkCsvReport:
    """Start Spark on ``master``, run :func:`csv_job`, stop Spark."""
    return run_job(master, "kg-csv", csv_job, outputs, folder, partitions)


def _record_lines(sc: Any, hadoop: Any, outputs: list[str]) -> Any:
    """(index in load order, RecordLine) of every line of ``outputs``, read
    as ``kg bulk csv`` reads them: a file, or a folder's ``part-*`` files in
    name order. The start and summary lines of ``kg extract`` output are
    left out unchecked: `kg spark extract` writes none (Spark's ``_SUCCESS``
    says its output is whole), and ``kg load`` checks a single file's."""
    files: list[str] = []
    for given in outputs:
        status = hadoop.status(given)
        if status is None:
            raise KGError(Errors.E202, path=given, reason="no such file or folder")
        if not status.isDirectory():
            files.append(status.getPath().toString())
            continue
        parts = _part_files(hadoop, given)
        if not parts:
            raise KGError(Errors.E202, path=given, reason="a folder without part-* files")
        files += parts
    per_file = [sc.textFile(uri).zipWithIndex()
                .filter(lambda pair: pair[0].strip() and not is_mark_line(pair[0]))
                .map(lambda pair, uri=uri: RecordLine.of(_plain_path(uri), pair[1] + 1, pair[0]))
                for uri in files]
    return sc.union(per_file).zipWithIndex().map(lambda pair: (pair[1], pair[0]))


def _part_files(hadoop: Any, folder: str) -> list[str]:
    """The non-empty ``part-*`` files of ``folder``, in name order."""
    return sorted(uri for uri, size in hadoop.files(folder)
                  if size and uri.rsplit("/", 1)[-1].startswith("part-"))


def _plain_path(uri: str) -> str:
    return uri.removeprefix("file:")


def _opening(line: RecordLine) -> tuple[str | None, str | None, str | None]:
    """(doc id, source, problem) of a line; a line not opening as ``kg extract``
    writes it is parsed whole (its E201 when it is no record)."""
    if line.doc_id is not None:
        return line.doc_id, line.source, None
    record = line.record_or_error()
    if isinstance(record, KGError):
        return None, None, str(record)
    return record.doc_id, record.source, None


def _merge_partition(groups):
    """One partition's groups -> its part of the graph (one BulkGraph), each
    group merged in load order as ``kg bulk csv`` merges it."""
    graph = BulkGraph()
    for key, values in groups:
        for value in sorted(values, key=lambda v: v[0]):
            graph.take(key, value)
    yield graph


def _sample(table: ImportTable) -> tuple[ImportTable, None]:
    """A few rows of ``table`` that give every column the type all its rows
    give: one value of each Python type a column holds (and, for lists, of
    each element type), which is all :func:`kg.store.admin_import.property_type`
    looks at."""
    seen: dict[tuple[str, Any], Any] = {}
    for row in table.rows:
        for name, value in row.items():
            if isinstance(value, list):
                for kind in {type(x) for x in value} or {None}:
                    seen.setdefault((name, ("list", kind)), [x for x in value if type(x) is kind][:1])
            elif value is not None:
                seen.setdefault((name, type(value)), value)
    rows = [{name: value} for (name, _), value in seen.items()]
    return ImportTable(table.file, rows, table.special, table.group, table.relationships), None


def _merge_samples(a: tuple[ImportTable, None], b: tuple[ImportTable, None]) -> tuple[ImportTable, None]:
    return _sample(ImportTable(a[0].file, [*a[0].rows, *b[0].rows], a[0].special, a[0].group,
                               a[0].relationships))


def report_lines(report: SparkCsvReport) -> list[str]:
    """What `kg spark csv` says on stderr."""
    return [f"kg: {report.documents} documents, {report.nodes} nodes, {report.relationships} "
            f"relationships; {report.unchanged} repeated, {report.replaced} replaced by a later "
            f"version, {len(report.problems)} failed", *(f"  failed: {p}" for p in report.problems)]

