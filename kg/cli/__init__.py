"""The `kg` command line: a thin layer over the library.

Each command group lives in its own module and only parses options, calls
the library and turns :class:`kg.errors.KGError` into a one-line message
with a non-zero exit status.
"""

from __future__ import annotations

import typer

from kg import __version__
from kg.cli import extract as _extract
from kg.cli import models as _models
from kg.cli import analyse as _analyse
from kg.cli import bulk as _bulk
from kg.cli import explore as _explore
from kg.cli import export as _export
from kg.cli import query as _query
from kg.cli import spark as _spark
from kg.cli import resolve as _resolve
from kg.cli import viz as _viz
from kg.cli import store as _store
from kg.cli.common import run_cli

app = typer.Typer(
    name="kg",
    help="Turn Chinese local-government rule-of-law reports into a knowledge graph.\n\n"
    "Example: kg build examples/ && kg query run mechanisms-by-jurisdiction",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """kg: institutions, mechanisms and actors from rule-of-law reports."""


app.add_typer(_models.app, name="models")
_extract.register(app)
_store.register(app)
app.add_typer(_query.app, name="query")
app.command("explore")(_explore.explore)
app.add_typer(_bulk.app, name="bulk")
app.command("export")(_export.export)
app.command("analyse")(_analyse.analyse)
app.command("viz")(_viz.viz)
app.command("resolve")(_resolve.resolve)
app.add_typer(_spark.app, name="spark")


# `kg --help` lists the commands in the order of the work.
WORKFLOW = ("models", "extract", "eval", "explain", "discover", "build", "load", "resolve", "stats",
            "store", "schema", "query", "explore", "export", "analyse", "viz", "spark", "bulk")


def main() -> None:
    run_cli(app, WORKFLOW)
