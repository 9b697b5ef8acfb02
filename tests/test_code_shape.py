"""The size rule of the developers' guide: no module in kg/ over 400 lines and
no function over 80 lines, unless the module's docstring says why (a sentence
with "longer than" in it, e.g. "Longer than 400 lines: …")."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODULE_LINES = 400
FUNCTION_LINES = 80


def too_long(source: str, name: str = "<source>") -> list[str]:
    """What in ``source`` breaks the size rule, as "name: what (n lines)"."""
    tree = ast.parse(source)
    if "longer than" in (ast.get_docstring(tree) or "").lower():
        return []
    problems = []
    lines = len(source.splitlines())
    if lines > MODULE_LINES:
        problems.append(f"{name}: module ({lines} lines)")
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = node.end_lineno - node.lineno + 1
            if length > FUNCTION_LINES:
                problems.append(f"{name}: {node.name} ({length} lines)")
    return problems


def test_modules_and_functions_of_kg_are_short():
    problems = [p for path in sorted((ROOT / "kg").rglob("*.py"))
                for p in too_long(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))]
    assert not problems, problems


def test_a_long_function_or_module_is_reported_unless_its_docstring_says_why():
    body = "".join(f"    x{i} = {i}\n" for i in range(FUNCTION_LINES))
    long_function = f'"""A module."""\n\n\ndef long():\n{body}'
    assert too_long(long_function, "m.py") == [f"m.py: long ({FUNCTION_LINES + 1} lines)"]
    long_module = '"""A module."""\n' + "".join(f"x{i} = {i}\n" for i in range(MODULE_LINES))
    assert too_long(long_module, "m.py") == [f"m.py: module ({MODULE_LINES + 1} lines)"]
    explained = '"""A module. Longer than 400 lines: one table."""\n' + long_module
    assert too_long(explained) == []
