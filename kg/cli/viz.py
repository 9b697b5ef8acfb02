"""`kg viz`: a standalone HTML page of the graph's overview or of one pack's result."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli.common import DATA_DIR_OPTION, STORE_OPTION
from kg.cli.query import PARAM_OPTION
from kg.query.packs import get_pack, parse_assignments


def viz(
    output: Path = typer.Option(Path("graph.html"), "--output", "-o", help="HTML file to write."),
    pack: str = typer.Option(None, "--pack", help="Draw only this pack's subgraph."),
    param: list[str] = PARAM_OPTION,
    include: str = typer.Option(
        "", "--include", help="Also draw these, comma separated: actors, figures "
        "(indicators), provenance (documents and chunks)."),
    max_nodes: int = typer.Option(None, "--max-nodes",
                                  help="Draw up to this many nodes (default 1500)."),
    data_dir: str = DATA_DIR_OPTION,
    store_uri: str | None = STORE_OPTION,
) -> None:
    """Write one self-contained HTML page (Cytoscape.js inlined, opens offline)
    of the graph: jurisdictions, institutions and mechanisms, laid out in the
    browser. A graph too big to draw is refused with a hint to use --pack or
    `kg explore`.

    Example: kg viz -o adviser.html --pack legal-adviser-network --include actors
    """
    from kg.export import generate_graph
    from kg.store import open_store
    from kg.store.stats import graph_counts
    from kg.viz import MAX_NODES, check_size, drawn_view, labels_drawn, write_html

    params = parse_assignments(param)
    extras = [name.strip() for name in include.split(",") if name.strip()]
    labels = labels_drawn(extras)
    limit = max_nodes or MAX_NODES
    if pack is not None:
        get_pack(pack).bind(params)  # bad parameters fail before the store starts
    with open_store(data_dir, store_uri, create=False) as store:
        if pack is None:  # counted first: a huge graph is not read only to be refused
            counts = graph_counts(store)["labels"]
            check_size(sum(counts.get(label, 0) for label in labels), limit)
        graph = generate_graph(store, pack=pack, params=params)
    check_size(drawn_view(graph, extras).number_of_nodes(), limit)
    title = f"kg: {pack}" if pack else "kg graph"
    path = write_html(graph, output, title=title, include=extras)
    typer.echo(f"wrote {path}", err=True)
