"""The first hour as a new user lives it: plain pip into a fresh venv, then the model, then a build.

This is the route the README's quick start does not hide behind the Makefile:
Python's own ``venv`` with the pip it bundles (no upgrade, no ``wheel``), a
non-editable ``pip install .``, ``kg models fetch`` into an empty cache and
``kg build examples/``. Each step failed for a user once (no ``wheel`` for the
fetch; ``lxml[html_clean]`` ignored by an older pip).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def _run(cmd: list[str], env: dict[str, str], cwd: Path, timeout: int = 1200) -> str:
    proc = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"{' '.join(map(str, cmd))} exited {proc.returncode}:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc.stdout + proc.stderr


def test_plain_pip_install_fetch_and_build(tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    bindir = env_dir / "bin"
    pip_version = _run([str(bindir / "python"), "-m", "pip", "--version"], dict(os.environ), tmp_path)
    # The venv has the pip Python bundles, and no wheel: exactly a new user's.
    assert "wheel" not in _run([str(bindir / "python"), "-m", "pip", "list"], dict(os.environ), tmp_path)

    # A copy of the source tree (without the developer's venv and caches): pip builds from it.
    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(
        ".venv", ".git", "node_modules", "kg-data", "*.egg-info", "__pycache__", ".pytest_cache",
        ".hypothesis", "build"))
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}}
    env.update(KG_CACHE_DIR=str(tmp_path / "cache"), KG_DATA_DIR=str(tmp_path / "kg-data"),
               PATH=f"{bindir}{os.pathsep}{env['PATH']}")
    _run([str(bindir / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check", "."], env, src)

    kg = str(bindir / "kg")
    fetched = _run([kg, "models", "fetch"], env, tmp_path)
    assert "pkuseg model installed" in fetched, fetched
    built = _run([kg, "build", str(ROOT / "examples")], env, tmp_path)
    try:
        assert "loaded 8 documents" in built and "0 failed" in built, built
        rows = _run([kg, "query", "run", "mechanisms-by-jurisdiction", "--format", "json"], env, tmp_path)
        assert "访调对接" in rows
    finally:
        subprocess.run([kg, "store", "stop"], env=env, cwd=tmp_path, capture_output=True, timeout=120)
    assert pip_version.startswith("pip ")
    assert sys.version_info >= (3, 11)
