"""`kg spark …`: the batch work on Apache Spark (the optional extra kg[spark])."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli.common import MANIFEST_OPTION, read_manifest, report_manifest

app = typer.Typer(help="Run kg's batch work on Apache Spark (needs the extra: pip install 'fazhi-kg[spark]').\n\n"
                  "Example: kg spark extract reports/ -o extracted/ --master local[4]",
                  no_args_is_help=True)


@app.command("extract")
def extract(
    inputs: list[str] = typer.Argument(..., help="Report files or folders: local paths or Hadoop "
                                       "file system URIs (hdfs://, s3a://)."),
    output: str = typer.Option(..., "-o", "--output", help="Output folder (must not exist): part-* "
                               "JSON Lines files and skipped.jsonl."),
    master: str = typer.Option("local[2]", "--master", help="Spark master; '' = the one of "
                               "spark-submit."),
    partitions: int = typer.Option(None, "--partitions", min=1, help="Spark partitions (default: "
                                   "8 per core, at most one per file)."),
    manifest: Path = MANIFEST_OPTION,
) -> None:
    """Extract reports with Spark into JSON Lines part files: the records `kg extract` writes.

    A file that cannot be read or extracted is listed in OUTPUT/skipped.jsonl
    with its reason; it never fails the job (exit status 1 when any was skipped).
    The manifest (a local file) is matched to the files on the driver.

    Example: kg spark extract reports/ -o extracted/ --master local[4]

    Example: kg spark extract reports/ -o extracted/ --manifest sources.tsv
    """
    from kg.spark.extract import run

    table = read_manifest(manifest)
    report = run(inputs, output, master=master, partitions=partitions, manifest=table)
    typer.echo(f"processed {report.records}, skipped {len(report.skipped)} "
               f"({report.partitions} partitions) -> {output}", err=True)
    report_manifest(table)
    for problem in report.skipped:
        typer.echo(f"  skipped: {problem}", err=True)
    if report.skipped:
        raise typer.Exit(1)


@app.command("csv")
def csv(
    outputs: list[str] = typer.Argument(..., help="`kg extract` output files or `kg spark extract` "
                                        "folders: local paths or Hadoop file system URIs."),
    folder: str = typer.Option(..., "-o", "--output", help="Output folder (must not exist) for the "
                               "CSV files: a header file and a folder of part files per table."),
    master: str = typer.Option("local[2]", "--master", help="Spark master; '' = the one of "
                               "spark-submit."),
    partitions: int = typer.Option(None, "--partitions", min=1, help="Spark partitions of the merge "
                                   "(default: 4 per core)."),
    database: str = typer.Option("neo4j", "--database", help="Database the printed command imports into."),
) -> None:
    """Write the CSV files of `neo4j-admin database import full` with Spark and print the command.

    The rows are those `kg bulk csv` writes (the same code merges them, key
    by key across the cluster) for a corpus beyond one machine's memory;
    after the import (Neo4j stopped), start Neo4j and run `kg bulk finish`.

    Example: kg spark csv extracted/ -o import/ --master local[4] > import.sh
    """
    from kg.spark.bulk import report_lines, run

    report = run(outputs, folder, master=master, partitions=partitions)
    for line in report_lines(report):
        typer.echo(line, err=True)
    typer.echo(report.files.command(database, absolute="://" not in folder))
    if report.problems:
        raise typer.Exit(1)
