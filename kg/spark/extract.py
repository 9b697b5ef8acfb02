"""`kg spark extract`: the extraction of :mod:`kg.run` as an Apache Spark job.

Files are listed on the driver through the Hadoop file system of each input
(local paths, ``hdfs://``, ``s3a://`` …: whatever the cluster is configured
for), read by the executors with ``binaryFiles`` and extracted there with
:func:`kg.run.extract_bytes`, the unit ``kg extract`` runs too, so the lines
are the ones ``kg extract`` writes for the same files. The output folder gets:

- ``part-*``: JSON Lines, one record a line (``kg load`` and ``kg bulk`` read
  the folder);
- ``skipped.jsonl``: one line ``{"source", "code", "reason"}`` for every input
  that could not be read or extracted (a bad file never fails the job);
- ``_SUCCESS``, written by Spark once every part is complete.

The pkuseg model and the pipeline's user dictionary go to the executors with
the job (``SparkContext.addFile``): each Python worker loads the pipeline
once, from its local copy, on its first file, and keeps it for every later
task (Python workers are reused across tasks).

Sources are named as ``kg extract`` names them: the input as given, plus the
path of the file under it (``reports/a.txt`` for input ``reports``). A
manifest (``--manifest``, kg/run/manifest.py) is matched to the files on the
driver, as ``kg extract`` matches it, and each file's row goes to the
executors with its source.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any

from kg.config import cache_dir
from kg.errors import Errors, KGError
from kg.ingest import IngestProblem, is_report_file
from kg.run import Manifest
from kg.spark.driver import Hadoop, join, run_job

SKIPPED_FILE = "skipped.jsonl"
SHIPPED = ("models", "pkuseg")  # folders of the model cache the executors need
FILES_PER_PARTITION = 8  # partitions per core, at least: a slow report holds back one small task


@dataclass
class SparkExtractReport:
    """What one job did: records written, inputs skipped with their reasons."""

    output: str
    records: int = 0
    skipped: list[IngestProblem] = field(default_factory=list)
    partitions: int = 0


def extract_job(spark: Any, inputs: list[str], output: str, partitions: int | None = None,
                manifest: Manifest | None = None) -> SparkExtractReport:
    """Run the extraction of ``inputs`` on ``spark`` into the folder ``output``
    (each file with its row of ``manifest``, if given)."""
    sc = spark.sparkContext
    hadoop = Hadoop(sc)
    if hadoop.exists(output):
        raise KGError(Errors.E207, path=output)
    files, problems = _list_inputs(hadoop, inputs)
    report = SparkExtractReport(output, skipped=problems)
    _ship_model(sc)
    if files:
        sources = sc.broadcast({uri: (source, manifest.row_for(source, relative) if manifest else None)
                                for uri, source, relative in files})
        report.partitions = partitions or max(1, min(len(files), sc.defaultParallelism * FILES_PER_PARTITION))
        # binaryFiles packs small files into few splits (a folder of reports
        # may be one): spread them over the cores before the costly part.
        results = (sc.binaryFiles(",".join(uri for uri, _, _ in files))
                   .repartition(report.partitions)
                   .mapPartitions(_extractor(sources)).cache())
        results.filter(lambda item: item[0] == "record").values().saveAsTextFile(output)
        report.records = results.filter(lambda item: item[0] == "record").count()
        report.skipped += [IngestProblem(**json.loads(line)) for line in
                           results.filter(lambda item: item[0] == "skipped").values().collect()]
        results.unpersist()
    else:
        hadoop.mkdirs(output)
    report.skipped.sort(key=lambda p: p.source)
    hadoop.write_text(join(output, SKIPPED_FILE), "".join(
        json.dumps({"source": p.source, "code": p.code, "reason": p.reason}, ensure_ascii=False) + "\n"
        for p in report.skipped))
    return report


def run(inputs: list[str], output: str, master: str = "local[2]",
        partitions: int | None = None, manifest: Manifest | None = None) -> SparkExtractReport:
    """Start Spark on ``master``, run :func:`extract_job`, stop Spark."""
    return run_job(master, "kg-extract", extract_job, inputs, output, partitions, manifest)


# --------------------------------------------------------------------------
# Executors
# --------------------------------------------------------------------------

def _extractor(sources: Any):
    """The function run on each partition: (uri, bytes) -> ("record" | "skipped", line);
    ``sources`` is the broadcast {uri: (source, manifest row)}, sent to each executor once."""
    def extract_partition(rows):
        _use_shipped_model()
        from kg.run import extract_bytes

        for uri, data in rows:
            source, given = sources.value.get(uri, (uri, None))
            item = extract_bytes(source, bytes(data), given)
            if isinstance(item, IngestProblem):
                yield "skipped", json.dumps({"source": item.source, "code": item.code,
                                             "reason": item.reason}, ensure_ascii=False)
            else:
                yield "record", item.json

    return extract_partition


def _use_shipped_model() -> None:
    """Point the model cache at the copy shipped with the job (once per worker)."""
    from pyspark import SparkFiles

    os.environ["KG_CACHE_DIR"] = SparkFiles.getRootDirectory()


def _ship_model(sc: Any) -> None:
    from kg.extract.pipeline import user_dictionary
    from kg.extract.segmenter import model_dir

    model_dir()  # E101 here, on the driver, rather than in every task
    user_dictionary()  # written once here, never by two workers at a time
    for name in SHIPPED:
        sc.addFile(str(cache_dir() / name), recursive=True)


# --------------------------------------------------------------------------
# Driver: listing inputs through Hadoop's file systems
# --------------------------------------------------------------------------

def _list_inputs(hadoop: Hadoop, inputs: list[str]) -> tuple[list[tuple[str, str, str]], list[IngestProblem]]:
    """(file URI, source as ``kg extract`` names it, path under the input
    named) for every report under ``inputs``, in input order and sorted
    within a folder, and the problems ``kg extract`` reports for inputs
    (missing, empty folder, unsupported type)."""
    files: list[tuple[str, str, str]] = []
    problems: list[IngestProblem] = []
    for given in inputs:
        status = hadoop.status(given)
        if status is None:
            problems.append(IngestProblem.from_error(given, KGError(Errors.E002, path=given)))
        elif not status.isDirectory():
            files.append((status.getPath().toString(), given, status.getPath().getName()))
        else:
            root = status.getPath().toString().rstrip("/")
            found = sorted((uri[len(root) + 1:], uri) for uri in hadoop.walk(status.getPath()))
            found = [(relative, uri) for relative, uri in found if is_report_file(relative)]
            if not found:
                problems.append(IngestProblem.from_error(given, KGError(Errors.E005, path=given)))
            files += [(uri, join(given, relative), relative) for relative, uri in found]
    return files, problems
