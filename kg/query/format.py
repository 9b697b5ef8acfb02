"""Render a query result as a table, CSV, JSON or Markdown.

Pure functions from :class:`~kg.store.base.QueryResult` to text. Lists and
maps inside cells are written as JSON in CSV and Markdown, so they survive a
round trip through a spreadsheet.

>>> from kg.store.base import QueryResult
>>> print(render(QueryResult(["a", "b"], [[1, ["x", "y"]]]), "markdown"))
| a | b |
|---|---|
| 1 | ["x", "y"] |
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from rich.console import Console
from rich.table import Table

from kg.errors import Errors, KGError
from kg.store.base import QueryResult

FORMATS = ("table", "csv", "json", "markdown")


def check_format(fmt: str) -> str:
    """``fmt`` if it is one of :data:`FORMATS`, else E407."""
    if fmt not in FORMATS:
        raise KGError(Errors.E407, format=fmt, choices=", ".join(FORMATS))
    return fmt


def cell_text(value: Any) -> str:
    """One cell as text: None is empty, containers are JSON, floats lose a trailing .0."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def render(result: QueryResult, fmt: str = "table", *, width: int | None = None) -> str:
    """The whole result in one format; ``width`` bounds the table format."""
    if fmt == "json":
        return json.dumps(result.records(), ensure_ascii=False, indent=1)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([cell_text(v) for v in row] for row in result.rows)
        return out.getvalue().rstrip("\n")
    if fmt == "markdown":
        lines = ["| " + " | ".join(result.columns) + " |",
                 "|" + "---|" * len(result.columns)]
        lines += ["| " + " | ".join(cell_text(v).replace("|", "\\|").replace("\n", " ")
                                    for v in row) + " |" for row in result.rows]
        return "\n".join(lines)
    if fmt == "table":
        table = Table(*result.columns, show_lines=False, header_style="bold")
        for row in result.rows:
            table.add_row(*(cell_text(v) for v in row))
        console = Console(file=io.StringIO(), width=width or 200, force_terminal=False,
                          color_system=None)
        console.print(table)
        return console.file.getvalue().rstrip("\n")
    raise KGError(Errors.E407, format=fmt, choices=", ".join(FORMATS))
