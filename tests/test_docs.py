"""Documentation stays in step with the code (after sqlite-utils' test_docs).

A command without an ``Example:`` in its help, or missing from the README's
"CLI at a glance", fails here; so does a query pack missing from
docs/query-packs.md.
"""

from __future__ import annotations

from pathlib import Path

import click
import pytest
import typer.main

from kg.cli import app

ROOT = Path(__file__).resolve().parents[1]


def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, cmd in sorted(group.commands.items()):
        path = (*prefix, name)
        yield path, cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, path)


COMMANDS = list(_commands(typer.main.get_command(app)))


def test_top_level_lists_the_documented_subcommands():
    names = {path[0] for path, _ in COMMANDS}
    for expected in ("models", "extract", "build", "load", "query", "export",
                     "analyse", "eval", "stats"):
        assert expected in names


@pytest.mark.parametrize("path,cmd", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_has_an_example(path, cmd):
    assert "Example:" in (cmd.help or ""), f"`kg {' '.join(path)} --help` has no Example:"


@pytest.mark.parametrize("path,cmd", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_is_in_the_readme(path, cmd):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"kg {' '.join(path)}" in readme, f"README.md does not mention `kg {' '.join(path)}`"


def test_every_pack_is_documented():
    from kg.query.packs import load_packs

    doc = (ROOT / "docs" / "query-packs.md").read_text(encoding="utf-8")
    for pack in load_packs().values():
        assert pack.name in doc, f"pack {pack.name} is missing from docs/query-packs.md"
