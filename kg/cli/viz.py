"""`kg viz`: a standalone HTML page of the graph or of one pack's result."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli.common import DATA_DIR_OPTION, NEO4J_OPTION
from kg.cli.query import PARAM_OPTION
from kg.query.packs import get_pack, parse_assignments


def viz(
    output: Path = typer.Option(Path("graph.html"), "--output", "-o", help="HTML file to write."),
    pack: str = typer.Option(None, "--pack", help="Draw only this pack's subgraph."),
    param: list[str] = PARAM_OPTION,
    provenance: bool = typer.Option(False, "--provenance",
                                    help="Also draw documents and chunks."),
    data_dir: str = DATA_DIR_OPTION,
    neo4j: str = NEO4J_OPTION,
) -> None:
    """Write one self-contained HTML page (inline SVG, opens offline) of the graph.

    Example: kg viz -o adviser.html --pack legal-adviser-network
    """
    from kg.export import generate_graph
    from kg.store import open_store
    from kg.viz import write_html

    params = parse_assignments(param)
    if pack is not None:
        get_pack(pack).bind(params)  # bad parameters fail before the store starts
    with open_store(data_dir, neo4j=neo4j) as store:
        graph = generate_graph(store, pack=pack, params=params)
    title = f"kg: {pack}" if pack else "kg graph"
    path = write_html(graph, output, title=title, provenance=provenance)
    typer.echo(f"wrote {path}", err=True)
