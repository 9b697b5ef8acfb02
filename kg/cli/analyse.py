"""`kg analyse`: network analysis of the graph (networkx), as tables and PNG charts."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import typer

from kg.analyse import ANALYSES, SIMILARITY_METHODS, analyse as run_analysis
from kg.analyse.plots import MissingFontWarning
from kg.cli.common import DATA_DIR_OPTION, STORE_OPTION
from kg.cli.query import FORMAT_OPTION
from kg.query.format import check_format, render
from kg.store.base import QueryResult


def analyse(
    kind: str = typer.Argument("centrality", help=f"One of {', '.join(ANALYSES)}."),
    plot: Path = typer.Option(None, "--plot", help="Also write PNG charts into this folder."),
    top: int = typer.Option(None, "--top", help="Show only the first N rows."),
    method: str = typer.Option("jaccard", "--method",
                               help=f"Similarity measure: {', '.join(SIMILARITY_METHODS)}."),
    mechanism: str = typer.Option(None, "--mechanism", "-m",
                                  help="adoption: the mechanism counted (canonical name or alias; default any)."),
    fmt: str = FORMAT_OPTION,
    data_dir: str = DATA_DIR_OPTION,
    store_uri: str | None = STORE_OPTION,
) -> None:
    """Centrality of institutions, mechanism co-occurrence with communities,
    jurisdiction similarity by mechanism profile, or adoption of a mechanism by
    province (with --plot, a map).

    Example: kg analyse cooccurrence --plot charts/

    Example: kg analyse adoption -m 三项制度 --plot charts/
    """
    from kg.export import generate_graph
    from kg.store import open_store

    check_format(fmt)
    with open_store(data_dir, store_uri, create=False) as store:
        graph = generate_graph(store)
    if mechanism is not None:
        from kg.lexicon import load_lexicon

        mechanism = load_lexicon().canonical_mechanism(mechanism) or mechanism
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always", MissingFontWarning)
        tables, written = run_analysis(graph, kind, plot_dir=plot, top=top, method=method,
                                       mechanism=mechanism)
    for warning in said:
        if issubclass(warning.category, MissingFontWarning):
            typer.echo(f"kg: note: {warning.message}", err=True)
        else:
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    if fmt == "json":
        typer.echo(json.dumps(tables, ensure_ascii=False, indent=1))
    for title, rows in tables.items() if fmt != "json" else ():
        columns = list(rows[0]) if rows else []
        if fmt == "table":
            typer.echo(f"{title} ({len(rows)} rows)")
        typer.echo(render(QueryResult(columns, [list(r.values()) for r in rows]), fmt))
    for path in written:
        typer.echo(f"wrote {path}", err=True)
