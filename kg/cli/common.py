"""Helpers shared by the command modules: options and error handling."""

from __future__ import annotations

import shutil
import signal
import sys
import threading
from pathlib import Path

import typer
import typer.main

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
MANIFEST_OPTION = typer.Option(
    None, "--manifest", help="A table of where each file came from (TSV or CSV with a header: id, or "
    "file/path; optional url, title, province, year): decides only what a report leaves open "
    "(docs/identity.md).")


def read_manifest(path: Path | None):
    """The ``--manifest`` file, read and checked before anything is extracted (E209 here), or None."""
    if path is None:
        return None
    from kg.run import read_manifest as read

    return read(path)


def report_manifest(manifest) -> None:
    """The manifest's one line after a run: rows that named no input file."""
    if manifest is not None:
        typer.echo(manifest.summary(), err=True)


def use_lexicons(paths: list[Path] | None) -> None:
    """Merge the ``--lexicon`` files before anything is extracted (a bad file fails here)."""
    if paths:
        from kg.lexicon import use_lexicons as merge

        merge(paths)


def terminal_width() -> int | None:
    """The terminal's width when output goes to one (tables fit it), else None."""
    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one line to stderr and return an Exit to raise."""
    typer.echo(f"kg: {message}", err=True)
    return typer.Exit(code)


def run_cli(app: typer.Typer, order: tuple[str, ...] = ()) -> None:
    """Run the app, turning KGError into a one-line message and exit 1.

    SIGTERM ends the command as Ctrl-C does, by an exception, so that
    temporary output files are removed and worker processes stopped.
    """
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminated) if main_thread else None
    try:
        command(app, order)(standalone_mode=True)
    except KGError as err:
        typer.echo(f"kg: error: {err}", err=True)
        sys.exit(1)
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous)


def _terminated(signum: int, _frame) -> None:
    signal.signal(signum, signal.SIG_DFL)  # a second SIGTERM kills at once
    raise SystemExit(128 + signum)


def command(app: typer.Typer, order: tuple[str, ...] = ()):
    """The click command of the app, every value shown by name in the help
    (``--data-dir DATA_DIR``, ``PATHS...``), not by Python type (``<str>``),
    its subcommands listed in ``order`` (the others after them)."""
    root = typer.main.get_command(app)
    _name_metavars(root)
    if order and isinstance(getattr(root, "commands", None), dict):
        rank = {name: i for i, name in enumerate(order)}
        root.commands = dict(sorted(root.commands.items(), key=lambda kv: rank.get(kv[0], len(rank))))
    return root


def _name_metavars(cmd) -> None:
    for param in cmd.params:
        # (typer's parameters are not click's classes: ask what they are)
        is_flag = getattr(param, "is_flag", False) or getattr(param, "count", False)
        if param.metavar is None and not is_flag and param.name:
            param.metavar = param.name.upper()
        if param.param_type_name == "argument":
            # Typer prints an argument as "{PATHS}..." with "<list[Path]>" beside
            # it; say "PATHS..." (or "[PATHS]..." when optional) as click does.
            usage = param.metavar + ("..." if param.nargs != 1 else "")
            usage = usage if param.required else f"[{usage}]"
            param.display_type_rich = lambda ctx: None
            param._usage_display_name = lambda usage=usage: usage
    for sub in getattr(cmd, "commands", {}).values():
        _name_metavars(sub)
