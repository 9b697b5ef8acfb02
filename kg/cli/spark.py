"""`kg spark …`: the batch work on Apache Spark (the optional extra kg[spark])."""

from __future__ import annotations

import typer

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
) -> None:
    """Extract reports with Spark into JSON Lines part files: the records `kg extract` writes.

    A file that cannot be read or extracted is listed in OUTPUT/skipped.jsonl
    with its reason; it never fails the job (exit status 1 when any was skipped).

    Example: kg spark extract reports/ -o extracted/ --master local[4]
    """
    from kg.spark.extract import run

    report = run(inputs, output, master=master, partitions=partitions)
    typer.echo(f"processed {report.records}, skipped {len(report.skipped)} "
               f"({report.partitions} partitions) -> {output}", err=True)
    for problem in report.skipped:
        typer.echo(f"  skipped: {problem}", err=True)
    if report.skipped:
        raise typer.Exit(1)
