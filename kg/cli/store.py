"""`kg build`, `kg load`, `kg stats`, `kg store status|stop`, `kg schema apply|show`.

Thin: options in, library calls, one line per problem out.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import typer

from kg import config
from kg.cli.common import (DATA_DIR_OPTION, LEXICON_OPTION, MANIFEST_OPTION, STORE_OPTION, fail, read_manifest,
                           report_manifest, use_lexicons)
from kg.errors import KGError
from kg.store import load_lock, open_store, tallies
from kg.store import schema as graph_schema
from kg.store.server import EmbeddedServer
from kg.records import read_output
from kg.store.loader import BATCH_SIZE, LoadReport, load_records
from kg.store.merges import read_merges
from kg.store.stats import graph_counts, incomplete_documents

store_app = typer.Typer(help="Manage the embedded graph store.\n\nExample: kg store status",
                        no_args_is_help=True)
schema_app = typer.Typer(help="Graph schema: indexes, constraints, JSON Schema.\n\n"
                         "Example: kg schema show --for neo4j", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the `kg` app."""
    app.command("build")(build)
    app.command("load")(load)
    app.command("stats")(stats)
    app.add_typer(store_app, name="store")
    app.add_typer(schema_app, name="schema")


def _echo(message: str) -> None:
    typer.echo(f"kg: {message}", err=True)


class _Progress:
    """A tqdm bar (documents/s, the total and the time left) on a terminal,
    else a log line every 10 documents; a document that cannot be loaded is
    reported as it comes. ``count`` gives the total, asked only on a terminal."""

    def __init__(self, count: Callable[[], int] | None = None) -> None:
        self.bar = None
        self.started = time.perf_counter()
        if sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(unit="doc", desc="loading", file=sys.stderr, leave=False,
                            total=(count() or None) if count else None)

    def __call__(self, done: int, what: str, outcome: str) -> None:
        if outcome == "failed":
            if self.bar is not None:
                self.bar.write(f"kg: error: {what}", file=sys.stderr)
            else:
                _echo(f"error: {what}")
        if self.bar is not None:
            self.bar.update(1)
            self.bar.set_postfix_str(outcome, refresh=False)
        elif done % 10 == 0:
            rate = done / max(time.perf_counter() - self.started, 1e-9)
            _echo(f"{done} documents ({rate:.1f}/s)")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


BATCH_OPTION = typer.Option(
    BATCH_SIZE, "--batch-size", min=1,
    help="Documents written together (larger is faster; each batch is all-or-redo).")


MERGES_OPTION = typer.Option(
    None, "--merges", help="Reviewed merges file (kg resolve --report): its accepted entries are applied.")


def _load(write: Callable[..., LoadReport], data_dir: str | None, store_uri: str | None,
          dry_run: bool, batch_size: int = BATCH_SIZE,
          count: Callable[[], int] | None = None) -> LoadReport:
    """Run ``write(store, dry_run=, progress=, batch_size=)`` under the data
    directory's lock, printing problems as they come; exit 1 when any document failed."""
    lock = load_lock(data_dir, store_uri, on_wait=_echo)
    progress = _Progress(count)
    with lock, open_store(data_dir, store_uri) as store:
        try:
            report = write(store, dry_run=dry_run, progress=progress, batch_size=batch_size)
        finally:
            progress.close()
    for warning in report.warnings:
        _echo(f"warning: {warning}")
    _echo(report.summary())
    if report.documents_failed:
        raise typer.Exit(1)
    return report


def build(
    paths: list[Path] = typer.Argument(..., help="Report files or folders."),
    data_dir: str | None = DATA_DIR_OPTION,
    store_uri: str | None = STORE_OPTION,
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Extraction processes."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Report what would change; write nothing."),
    batch_size: int = BATCH_OPTION,
    strict: bool = typer.Option(False, "--strict", help="Stop at the first file that cannot be read."),
    lexicon: list[Path] = LEXICON_OPTION,
    merges: Path | None = MERGES_OPTION,
    manifest: Path | None = MANIFEST_OPTION,
) -> None:
    """Extract reports and load them into the graph, streaming.

    Example: kg build examples/ --data-dir kg-data --merges examples/merges.toml --lexicon my-vocabulary.toml

    Example: kg build reports/ --data-dir kg-data --manifest sources.tsv
    """
    table = read_manifest(manifest)
    use_lexicons(lexicon)
    from kg.run import build as build_graph

    from kg.run import count_inputs

    accepted = read_merges(merges)
    try:
        _load(partial(build_graph, paths=paths, workers=workers, strict=strict, merges=accepted, manifest=table),
              data_dir, store_uri, dry_run, batch_size, count=partial(count_inputs, paths))
    finally:  # also when some documents failed: the rest is loaded, the manifest's line is due
        report_manifest(table)


def load(
    files: list[Path] = typer.Argument(..., help="JSON Lines files written by `kg extract`, or "
                                       "folders of part-* files written by `kg spark extract`."),
    data_dir: str | None = DATA_DIR_OPTION,
    store_uri: str | None = STORE_OPTION,
    dry_run: bool = typer.Option(False, "--dry-run", help="Report what would change; write nothing."),
    batch_size: int = BATCH_OPTION,
    merges: Path | None = MERGES_OPTION,
) -> None:
    """Load `kg extract` output; a malformed line is reported as FILE:LINE and skipped.

    Example: kg load out/records.jsonl --data-dir kg-data [--merges merges.toml]
    """
    accepted = read_merges(merges)

    def records() -> Iterator[Any]:
        for file in files:  # a file that cannot be read is its own error; the next one loads
            try:
                yield from read_output(file)
            except KGError as err:
                yield err

    def lines() -> int:
        return sum(_count_lines(file) for file in files)

    _load(partial(load_records, records=records(), merges=accepted), data_dir, store_uri, dry_run, batch_size,
          count=lines)


def _count_lines(path: Path) -> int:
    try:
        with open(path, "rb") as handle:
            return sum(1 for line in handle if line.strip())
    except OSError:
        return 0


def stats(
    data_dir: str | None = DATA_DIR_OPTION,
    store_uri: str | None = STORE_OPTION,
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    internal: bool = typer.Option(False, "--internal",
                                  help="Also count kg's bookkeeping (__Entity__, tallies)."),
) -> None:
    """Count nodes per label and relationships per type (the totals an export has).

    Example: kg stats --data-dir kg-data
    """
    with open_store(data_dir, store_uri, create=False) as store:
        counts = graph_counts(store, internal=internal)
    if as_json:
        typer.echo(json.dumps(counts, ensure_ascii=False, indent=1))
        return
    _print_counts(counts)


def _print_counts(counts: dict[str, dict[str, int]]) -> None:
    for title, table in (("nodes", counts["labels"]), ("relationships", counts["relationship_types"])):
        typer.echo(f"{title}: {sum(table.values())}")
        for name, count in table.items():
            typer.echo(f"  {name:<16} {count}")


@store_app.command("status")
def status(
    data_dir: str | None = DATA_DIR_OPTION,
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Where the data is, whether the server runs, counts and size on disk.

    Example: kg store status --data-dir kg-data
    """
    server = EmbeddedServer(config.data_dir(data_dir))
    running = server.is_running()
    info: dict[str, Any] = {
        "data_dir": str(server.data_dir), "socket": str(server.socket), "running": running,
        "pid": server.pid() if running else None,
        "bytes_on_disk": server.disk_usage() if server.data_dir.exists() else 0,
        "graph": server.has_graph(),
    }
    damage = server.damage() if running else None
    if damage is not None:
        info["damaged"] = str(damage)
    elif running:
        with open_store(data_dir) as store:
            info["counts"] = graph_counts(store)
            info["incomplete_documents"] = incomplete_documents(store)
            info["tallies_stale"] = tallies.is_stale(store)
    if as_json:
        typer.echo(json.dumps(info, ensure_ascii=False, indent=1))
        return
    typer.echo(f"data directory: {info['data_dir']}"
               + ("" if info["graph"] else " (no graph here: run `kg build REPORTS…` first)"))
    typer.echo(f"server: {'running, pid ' + str(info['pid']) if running else 'not running'}")
    typer.echo(f"size on disk: {info['bytes_on_disk'] / 1e6:.1f} MB")
    if damage is not None:
        typer.echo(f"damaged: {damage}")
    elif running:
        _print_counts(info["counts"])
        for source in info["incomplete_documents"]:
            typer.echo(f"interrupted load (redone by the next load): {source}")
        if info["tallies_stale"]:
            typer.echo("tallies stale (a load was interrupted): the next `kg load` recounts them")


@store_app.command("stop")
def stop(data_dir: str | None = DATA_DIR_OPTION) -> None:
    """Save the graph and shut the embedded server down.

    Example: kg store stop --data-dir kg-data
    """
    server = EmbeddedServer(config.data_dir(data_dir))
    stopped = server.stop(on_wait=lambda message: typer.echo(message, err=True))
    _echo(f"stopped the server of {server.data_dir}" if stopped
          else f"no server running for {server.data_dir}")


@schema_app.command("apply")
def schema_apply(
    data_dir: str | None = DATA_DIR_OPTION,
    store_uri: str | None = STORE_OPTION,
) -> None:
    """Create the indexes (embedded FalkorDB) or constraints and indexes (Neo4j);
    count the packs' tallies where they are stale or missing (after a neo4j-admin import).

    Example: kg schema apply --store bolt://localhost:7687
    """
    with open_store(data_dir, store_uri) as store:
        _echo(graph_schema.apply(store))
        if tallies.refresh_if_stale(store):
            _echo("counted the tallies the packs read (they were stale or missing)")


@schema_app.command("show")
def schema_show(
    target: str = typer.Option("neo4j", "--for", help="neo4j, falkordb or json-schema."),
) -> None:
    """Print the Neo4j or FalkorDB schema statements, or the JSON Schema of `kg extract` output.

    Example: kg schema show --for json-schema > record.schema.json
    """
    files = {"neo4j": "neo4j.cypher", "falkordb": "falkordb.cypher",
             "json-schema": "document-record.schema.json"}
    if target not in files:
        raise fail(f"--for must be one of {', '.join(files)}, not {target!r}")
    typer.echo(graph_schema.render_files()[files[target]], nl=False)
