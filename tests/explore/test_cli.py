"""`kg explore` as a command: the address it prints, where it listens, its errors."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import psutil
import pytest

from kg.errors import KGError
from kg import web
from kg.explore import listen

pytestmark = pytest.mark.slow


def test_explore_prints_its_address_and_listens_on_127_0_0_1_only(examples_store):
    data_dir = str(examples_store.server.data_dir)
    process = subprocess.Popen([str(Path(sys.executable).with_name("kg")), "explore", "--data-dir", data_dir],
                               stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        line = process.stderr.readline()
        url = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert url, line
        with urllib.request.urlopen(url[0] + "api/counts", timeout=30) as response:
            assert response.status == 200
        listening = {(c.laddr.ip, c.laddr.port) for c in psutil.Process(process.pid).net_connections()
                     if c.status == psutil.CONN_LISTEN}
        assert listening == {("127.0.0.1", int(url[1]))}
        with urllib.request.urlopen(url[0], timeout=30) as response:
            page = response.read().decode()
        assert "vendor/cytoscape.min.js" in page and "http" not in page.replace("http-equiv", "")
    finally:
        process.terminate()
        process.wait(20)


def test_a_taken_port_is_a_one_line_error():
    taken = listen(0)
    try:
        with pytest.raises(KGError, match=r"^\[E602\] Cannot listen on 127.0.0.1:\d+"):
            listen(taken.getsockname()[1])
    finally:
        taken.close()


def test_missing_javascript_names_the_make_target(monkeypatch, tmp_path):
    monkeypatch.setattr(web, "SCRIPTS", (tmp_path / "cytoscape.min.js",))
    with pytest.raises(KGError, match=r"\[E601\].*cytoscape.min.js.*make assets"):
        web.check_assets()
