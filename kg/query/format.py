"""Render a query result as a table, CSV, JSON or Markdown.

Pure functions from :class:`~kg.store.base.QueryResult` to text. Lists and
maps inside cells are written as JSON in CSV and Markdown, so they survive a
round trip through a spreadsheet. Values are data, never markup: the table
format does not interpret Rich markup (``[/b]``), and control characters
(ANSI escapes, NUL, bidirectional overrides) are written as ``\\x1b``-style
escapes in every format, so nothing in the graph can steer the terminal.

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
import re
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from kg.errors import Errors, KGError
from kg.store.base import QueryResult

FORMATS = ("table", "csv", "json", "markdown")


def check_format(fmt: str) -> str:
    """``fmt`` if it is one of :data:`FORMATS`, else E407."""
    if fmt not in FORMATS:
        raise KGError(Errors.E407, format=fmt, choices=", ".join(FORMATS))
    return fmt


# C0 and C1 controls, DEL, and the bidirectional embeddings/overrides/isolates.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# In JSON the encoder already escapes C0 controls inside strings (and the
# layout's own newlines must stay): only the others are left to escape.
_JSON_UNESCAPED = re.compile("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def escape_controls(text: str) -> str:
    r"""``text`` with every control character written as an escape.

    >>> escape_controls("司法所\x1b[31m\n")
    '司法所\\x1b[31m\\n'
    """
    return _CONTROL.sub(_escape_one, text)


def _escape_one(match: re.Match[str]) -> str:
    char = match.group()
    return {"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(char) or (
        f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def cell_text(value: Any) -> str:
    """One cell as text: None is empty, containers are JSON, floats lose a trailing .0,
    control characters escaped."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple, dict)):
        return escape_controls(json.dumps(value, ensure_ascii=False))
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return escape_controls(str(value))


def render(result: QueryResult, fmt: str = "table", *, width: int | None = None) -> str:
    """The whole result in one format; ``width`` bounds the table format."""
    if fmt == "json":  # JSON escapes C0 controls itself; C1 and bidi controls here
        text = json.dumps(result.records(), ensure_ascii=False, indent=1)
        return _JSON_UNESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([escape_controls(c) for c in result.columns])
        writer.writerows([cell_text(v) for v in row] for row in result.rows)
        return out.getvalue().rstrip("\n")
    if fmt == "markdown":
        lines = ["| " + " | ".join(escape_controls(c) for c in result.columns) + " |",
                 "|" + "---|" * len(result.columns)]
        lines += ["| " + " | ".join(cell_text(v).replace("|", "\\|").replace("\n", " ")
                                    for v in row) + " |" for row in result.rows]
        return "\n".join(lines)
    if fmt == "table":
        table = Table(show_lines=False, header_style="bold")
        for column in result.columns:
            table.add_column(Text(escape_controls(column)))
        for row in result.rows:  # Text, not str: Rich would read markup in a str
            table.add_row(*(Text(cell_text(v)) for v in row))
        console = Console(file=io.StringIO(), width=width or 200, force_terminal=False,
                          color_system=None)
        console.print(table)
        return console.file.getvalue().rstrip("\n")
    raise KGError(Errors.E407, format=fmt, choices=", ".join(FORMATS))
