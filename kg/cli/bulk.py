"""`kg bulk …`: a first load of many reports through neo4j-admin's offline importer."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli.common import STORE_OPTION, fail

app = typer.Typer(help="A first load into Neo4j through `neo4j-admin database import full`.\n\n"
                  "Example: kg bulk csv extracted/ -o import/ && kg bulk finish --neo4j bolt://localhost:7687",
                  no_args_is_help=True)


@app.command("csv")
def csv(
    outputs: list[Path] = typer.Argument(..., help="`kg extract` output files or `kg spark extract` folders."),
    folder: Path = typer.Option(..., "-o", "--output", help="Folder for the CSV files."),
    database: str = typer.Option("neo4j", "--database", help="Database the printed command imports into."),
) -> None:
    """Write the CSV files of `neo4j-admin database import full` and print the command.

    Keys are resolved and duplicates merged across documents as `kg load`
    would; after the import (Neo4j stopped), start Neo4j and run `kg bulk finish`.

    Example: kg bulk csv extracted/ -o import/ > import.sh
    """
    from kg.store.bulk import generate_bulk_graph, write_import_files
    from kg.records import read_output

    graph = generate_bulk_graph(line for path in outputs for line in read_output(path))
    files = write_import_files(graph, folder)
    counts = graph.counts()
    typer.echo(f"kg: {len(graph.documents)} documents, {counts['nodes']} nodes, "
               f"{counts['relationships']} relationships; {graph.unchanged} repeated, "
               f"{graph.replaced} replaced by a later version, {len(graph.problems)} failed", err=True)
    for problem in graph.problems:
        typer.echo(f"  failed: {problem}", err=True)
    typer.echo(files.command(database))
    if graph.problems:
        raise typer.Exit(1)


@app.command("finish")
def finish(neo4j: str = STORE_OPTION) -> None:
    """On a database imported by neo4j-admin (from `kg bulk csv` or `kg export --format csv`):
    put back the empty provenance lists, create the schema and count the tallies, as `kg load` does.

    Example: kg bulk finish --neo4j bolt://localhost:7687
    """
    from kg.store import open_store
    from kg.store.admin_import import finish_import

    if not neo4j or not neo4j.startswith(("bolt", "neo4j")):
        raise fail("give --neo4j URI (or set NEO4J_URI): the imported Neo4j database")
    with open_store(uri=neo4j) as store:
        finish_import(store)
    typer.echo("kg: schema created and tallies counted", err=True)
