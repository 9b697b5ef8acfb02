"""The layering rule of docs/architecture.md, as import-linter contracts
(``[tool.importlinter]`` in pyproject.toml): a module imports only what is
below it, and the stages (ingest, normalise, extract) never import each other."""

from __future__ import annotations

import sys
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[1]


def test_imports_follow_the_layers(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0


def test_a_stage_importing_a_sibling_breaks_the_contract(tmp_path, monkeypatch):
    """The contract can fail: ingest importing normalise is reported."""
    package = tmp_path / "kg"
    for source in (ROOT / "kg").rglob("*.py"):
        target = package / source.relative_to(ROOT / "kg")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    (package / "ingest" / "sideways.py").write_text("import kg.normalise\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.chdir(tmp_path)
    for name in [m for m in sys.modules if m == "kg" or m.startswith("kg.")]:
        monkeypatch.delitem(sys.modules, name)
    config = tmp_path / "pyproject.toml"
    config.write_text((ROOT / "pyproject.toml").read_text(encoding="utf-8"), encoding="utf-8")
    assert lint_imports(config_filename=str(config), no_cache=True) == 1
