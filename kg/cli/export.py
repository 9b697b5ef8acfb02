"""`kg export`: write the graph, or one pack's subgraph, in an exchange format."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli.common import DATA_DIR_OPTION, STORE_OPTION
from kg.cli.query import PARAM_OPTION
from kg.export import WRITERS, export as export_graph
from kg.query.packs import get_pack, parse_assignments


def export(
    fmt: str = typer.Option(..., "--format", "-f",
                            help=f"One of {', '.join(sorted(WRITERS))} (csv and parquet write a folder)."),
    output: Path = typer.Option(..., "--output", "-o", help="File (or folder for csv/parquet) to write."),
    pack: str = typer.Option(None, "--pack", help="Export only this pack's subgraph."),
    force: bool = typer.Option(False, "--force", help="Replace an existing file or folder at --output "
                               "(a link there is replaced, not followed)."),
    param: list[str] = PARAM_OPTION,
    data_dir: str = DATA_DIR_OPTION,
    store_uri: str | None = STORE_OPTION,
) -> None:
    """Export the graph with its provenance (documents, chunks) as GraphML, GEXF,
    neo4j-admin CSV, JSON Lines or Parquet.

    The output is written whole or not at all; an existing one is replaced
    only with --force (a csv/parquet folder whole: no table of an earlier
    export survives).

    Example: kg export --format graphml -o graph.graphml --pack legal-adviser-network
    """
    from kg.store import open_store

    params = parse_assignments(param)
    if pack is not None:
        get_pack(pack).bind(params)  # bad parameters fail before the store starts
    with open_store(data_dir, store_uri, create=False) as store:
        path, nodes, relationships = export_graph(store, fmt, output, pack=pack, params=params,
                                                   replace=force)
    typer.echo(f"wrote {path}: {nodes} nodes, {relationships} relationships", err=True)
