"""Both notebooks run top to bottom on the examples (nbclient, the venv's python3 kernel)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


@pytest.mark.slow
@pytest.mark.parametrize("name", ["exploration.ipynb", "bring-your-own-reports.ipynb"])
def test_notebook_runs(name, tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # the kernel's scratch folders go here
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("kg-")] == []  # nothing left behind
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    if name == "exploration.ipynb":
        images = [o for o in outputs if "image/png" in o.get("data", {})]
        assert len(images) == 2
        assert "nodes," in text
    else:
        assert int(re.search(r"(\d+) reports extracted", text)[1]) >= 8
        assert "graph.graphml" in text and "advisers.html" in text
