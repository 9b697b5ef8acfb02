"""`kg query`: list, show and run the Cypher query packs, or ad-hoc Cypher."""

from __future__ import annotations

import typer

from kg.cli.common import DATA_DIR_OPTION, STORE_OPTION, terminal_width
from kg.errors import Errors, KGError
from kg.query import docs as pack_docs
from kg.query.format import FORMATS, check_format, render
from kg.query.packs import empty_result_hints, get_pack, load_packs, parse_assignments, run_pack

app = typer.Typer(help="List, show and run the Cypher query packs.\n\n"
                  "Example: kg query run mechanisms-by-jurisdiction -p jurisdiction=青石镇",
                  no_args_is_help=True)

PARAM_OPTION = typer.Option(None, "--param", "-p", metavar="KEY=VALUE",
                            help="A pack parameter; repeat for several.")
FORMAT_OPTION = typer.Option("table", "--format", "-f", help=f"Output format: {', '.join(FORMATS)}.")


@app.command("list")
def list_packs(fmt: str = FORMAT_OPTION) -> None:
    """Table of the packs: theme, name, parameters and title.

    Example: kg query list
    """
    from kg.store.base import QueryResult

    rows = [[p.theme, p.name, ", ".join(f"{x.name}{'' if x.required else '?'}" for x in p.params),
             p.title] for p in load_packs().values()]
    typer.echo(render(QueryResult(["theme", "name", "params", "title"], rows), check_format(fmt),
                      width=terminal_width()))


@app.command("show")
def show(name: str = typer.Argument(..., help="Pack name (see `kg query list`).")) -> None:
    """Print a pack's description, parameters and Cypher.

    Example: kg query show jurisdictions-with-mechanism
    """
    typer.echo(pack_docs.describe(get_pack(name)))


@app.command("run")
def run(
    name: str = typer.Argument(None, help="Pack name; omit when using --cypher."),
    param: list[str] = PARAM_OPTION,
    cypher: str = typer.Option(None, "--cypher", help="Run this Cypher instead of a pack."),
    write: bool = typer.Option(False, "--write", help="Allow an ad-hoc --cypher query to change the graph."),
    fmt: str = FORMAT_OPTION,
    data_dir: str = DATA_DIR_OPTION,
    store_uri: str | None = STORE_OPTION,
) -> None:
    """Run a pack (read-only) or an ad-hoc Cypher statement and print the rows.

    Example: kg query run jurisdictions-with-mechanism -p mechanism=三项制度 --format csv
    """
    from kg.store import open_store

    check_format(fmt)
    values = parse_assignments(param)
    if cypher is None and name is None:
        raise KGError(Errors.E408)
    if cypher is None:
        get_pack(name).bind(values)  # bad parameters fail before the store starts
    with open_store(data_dir, store_uri, create=False) as store:
        if cypher is not None:
            result = store.query(cypher, values, write=write)
            hints = []
        else:
            result = run_pack(store, name, values)
            hints = [] if result.rows else empty_result_hints(store, get_pack(name), values)
    typer.echo(render(result, fmt, width=terminal_width()))
    for hint in hints:
        typer.echo(f"kg: no rows; {hint}", err=True)


@app.command("docs")
def docs(
    data_dir: str = DATA_DIR_OPTION,
    store_uri: str | None = STORE_OPTION,
    sample_rows: int = typer.Option(5, "--rows", help="Rows of sample output per pack."),
    samples_from: str = typer.Option(None, "--samples-from",
                                     help="What the store holds, for the text (default: its location)."),
) -> None:
    """Write the Markdown reference of every pack, with sample output from the store.

    Example: kg query docs --data-dir kg-data --samples-from "the example reports (kg build examples/)" > docs/query-packs.md
    """
    from kg.store import open_store

    with open_store(data_dir, store_uri, create=False) as store:
        typer.echo(pack_docs.reference(store, rows=sample_rows, samples_from=samples_from))
