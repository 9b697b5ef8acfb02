"""`kg resolve`: place names on the map of China; list candidate merges.

Thin: options in, library calls, one line per problem out.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from kg.atomic import write_text
from kg.cli.common import DATA_DIR_OPTION, STORE_OPTION, fail
from kg.gazetteer import Context, place
from kg.store import open_store
from kg.store.merges import merge_candidates, render_candidates


def resolve(
    names: list[str] = typer.Argument(None, help="Jurisdiction names to place (with --report: none)."),
    context: str = typer.Option("", "--context", "-c",
                                help="Text around the names: a title, the parents written with them."),
    report: bool = typer.Option(False, "--report",
                                help="List candidate merges in the graph as a merges file to review."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write the merges file here (default: stdout)."),
    data_dir: str | None = DATA_DIR_OPTION,
    store_uri: str | None = STORE_OPTION,
) -> None:
    """Place names in China's divisions, or (--report) list what may be one thing across reports.

    Example: kg resolve 紫水乡 -c 重庆市开州区

    Example: kg resolve --report --data-dir kg-data -o merges.toml (review, set
    accept = true, then kg load out.jsonl --data-dir kg-data --merges merges.toml)
    """
    if report:
        with open_store(data_dir, store_uri, create=False) as store:
            text = render_candidates(merge_candidates(store))
        if out is None:
            typer.echo(text)
        else:
            write_text(out, text)
            typer.echo(f"kg: wrote {out}", err=True)
        return
    if not names:
        raise fail("give names to place, or --report for candidate merges (see kg resolve --help)")
    for name in names:
        placement = place(name, None, Context(headline=context, text=context))
        typer.echo(json.dumps({
            "name": name, "code": placement.code,
            "chain": [{"name": d.name, "level": d.level, "code": d.code} for d in placement.chain],
            "resolution": {"status": placement.status, "reason": placement.reason,
                           "confidence": placement.confidence, "evidence": list(placement.evidence)},
        }, ensure_ascii=False))
