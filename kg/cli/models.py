"""`kg models`: fetch and inspect the pkuseg segmentation model."""

from __future__ import annotations

import json

import typer

from kg.extract import segmenter

app = typer.Typer(help="Fetch and inspect the pkuseg segmentation model.\n\n"
                  "Example: kg models fetch", no_args_is_help=True)


@app.command("fetch")
def fetch(force: bool = typer.Option(False, "--force", help="Download and install again.")) -> None:
    """Download the pkuseg default model through pip and install it in the cache.

    Example: kg models fetch
    """
    segmenter.fetch_model(force=force, log=lambda msg: typer.echo(msg, err=True))


@app.command("status")
def status() -> None:
    """Say where the model is and whether it is installed.

    Example: kg models status
    """
    typer.echo(json.dumps(segmenter.model_status(), ensure_ascii=False, indent=1))
    if not segmenter.model_status()["installed"]:
        raise typer.Exit(1)
