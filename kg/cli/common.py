"""Helpers shared by the command modules: options and error handling."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from kg.errors import KGError

DATA_DIR_OPTION = typer.Option(
    None, "--data-dir", envvar="KG_DATA_DIR",
    help="Data directory of the embedded store (default ./kg-data).")
STORE_OPTION = typer.Option(
    None, "--store", "--neo4j", envvar=["KG_STORE", "NEO4J_URI"],
    help="The graph store's URI: bolt:// or neo4j:// (+s) for Neo4j, falkordb://host:port "
    "for a FalkorDB server (default: the embedded store of --data-dir; --neo4j is an alias).")

LEXICON_OPTION = typer.Option(
    None, "--lexicon", help="A user vocabulary (TOML in the built-in format) merged into the built-in one; repeatable.")


def use_lexicons(paths: list[Path] | None) -> None:
    """Merge the ``--lexicon`` files before anything is extracted (a bad file fails here)."""
    if paths:
        from kg.lexicon import use_lexicons as merge

        merge(paths)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one line to stderr and return an Exit to raise."""
    typer.echo(f"kg: {message}", err=True)
    return typer.Exit(code)


def run_cli(app: typer.Typer) -> None:
    """Run the app, turning KGError into a one-line message and exit 1."""
    try:
        app(standalone_mode=True)
    except KGError as err:
        typer.echo(f"kg: error: {err}", err=True)
        sys.exit(1)
