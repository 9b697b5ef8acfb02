"""`kg explore`: the local web app over the graph."""

from __future__ import annotations

import typer

from kg.cli.common import DATA_DIR_OPTION, STORE_OPTION


def explore(
    port: int = typer.Option(0, "--port", help="Port on 127.0.0.1 (default: any free port)."),
    data_dir: str = DATA_DIR_OPTION,
    store_uri: str | None = STORE_OPTION,
) -> None:
    """Browse the graph in your web browser: search, neighbourhoods, query
    packs, the sentences behind each fact, downloads. Read-only; listens on
    127.0.0.1 only and prints the address; Ctrl-C stops it.

    Example: kg explore --port 8765
    """
    from kg.explore import serve
    from kg.store import open_store

    with open_store(data_dir, store_uri, create=False) as store:
        serve(store, port, announce=lambda url: typer.echo(
            f"kg explore: open {url} in a browser (Ctrl-C to stop)", err=True))
