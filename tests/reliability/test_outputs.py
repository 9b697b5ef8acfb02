"""Outputs written whole or not at all, never onto something else, and an
extraction that ends too early told from a whole one.

- every file kg writes is renamed into place once complete: a failed or
  killed run leaves the previous file and no partial one;
- `kg export` replaces nothing without --force, never writes through a link,
  and replaces a csv/parquet folder whole;
- `--emit-text` keeps the inputs' relative paths and refuses collisions;
- `kg extract` output ends with a summary that `kg load` checks;
- a full disk, a folder or a file in the way: one coded line each.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from kg.atomic import atomic_file, atomic_folder
from kg.errors import KGError
from kg.records import read_records
from kg.store import open_store

pytestmark = pytest.mark.slow

REPORT = ("{town}{year}年法治政府建设情况报告\n"
          "{year}年，{town}司法所进驻综治中心，推行“访调”对接机制，调解纠纷{n}件。\n")
TOWNS = ["青石镇", "白河乡", "东湖街道", "西岭镇", "南山乡", "北塘镇"]


def _report(town: str, year: int = 2021, n: int = 12) -> str:
    return REPORT.format(town=town, year=year, n=n)


def _partials(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if ".kg-partial-" in p.name or ".kg-old-" in p.name)


# ------------------------------------------------------------ kg.atomic

def test_an_interrupted_file_or_folder_leaves_the_previous_one_and_no_partial(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("previous", encoding="utf-8")
    for interruption in (RuntimeError("failed"), KeyboardInterrupt(), SystemExit(143)):
        with pytest.raises(type(interruption)):
            with atomic_file(target) as out:
                out.write("half")
                raise interruption
    assert target.read_text(encoding="utf-8") == "previous"
    folder = tmp_path / "tables"
    folder.mkdir()
    (folder / "nodes_Old.csv").write_text("stale", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_folder(folder) as partial:
            (partial / "nodes_New.csv").write_text("new", encoding="utf-8")
            raise RuntimeError("failed")
    assert sorted(p.name for p in folder.iterdir()) == ["nodes_Old.csv"]
    with atomic_folder(folder) as partial:
        (partial / "nodes_New.csv").write_text("new", encoding="utf-8")
    assert sorted(p.name for p in folder.iterdir()) == ["nodes_New.csv"]  # replaced whole
    assert _partials(tmp_path) == []


def test_a_link_at_the_output_is_replaced_never_written_through(tmp_path):
    precious = tmp_path / "report.txt"
    precious.write_text(_report("青石镇"), encoding="utf-8")
    link = tmp_path / "out.txt"
    link.symlink_to(precious)
    with pytest.raises(KGError, match=r"^\[E211\] .*out.txt: exists already; pass --force"):
        with atomic_file(link, replace=False):
            pass
    with atomic_file(link) as out:
        out.write("output")
    assert not link.is_symlink() and link.read_text(encoding="utf-8") == "output"
    assert precious.read_text(encoding="utf-8") == _report("青石镇")


def test_dev_stdout_is_written_into_even_when_it_leads_to_a_file(tmp_path):
    out = tmp_path / "captured.txt"
    with out.open("w") as handle:
        subprocess.run([sys.executable, "-c", "from kg.atomic import write_text; "
                        "write_text('/dev/stdout', '法治\\n')"], stdout=handle, check=True)
    assert out.read_text(encoding="utf-8") == "法治\n"
    assert os.path.islink("/dev/stdout")  # not replaced by a file


# ------------------------------------------------------------ kg export

def test_export_replaces_nothing_without_force_and_never_writes_through_a_link(kg, tmp_path, data_dir):
    report = tmp_path / "reports" / "a.txt"
    report.parent.mkdir()
    report.write_text(_report("青石镇"), encoding="utf-8")
    assert kg("build", report, "--data-dir", data_dir).code == 0
    out = tmp_path / "out"
    out.mkdir()
    graph = out / "g.jsonl"
    graph.write_text("an earlier export\n", encoding="utf-8")
    link = out / "link.jsonl"
    link.symlink_to(report)
    tables = out / "tables"
    tables.mkdir()
    (tables / "nodes_Stale.csv").write_text("stale", encoding="utf-8")
    for fmt, path in (("jsonl", graph), ("jsonl", link), ("csv", tables)):
        done = kg("export", "--format", fmt, "-o", path, "--data-dir", data_dir)
        assert done.code == 1
        assert f"kg: error: [E211] {path}: exists already; pass --force to replace it" in done.stderr
    assert graph.read_text(encoding="utf-8") == "an earlier export\n"
    assert (tables / "nodes_Stale.csv").exists()
    for fmt, path in (("jsonl", graph), ("jsonl", link), ("csv", tables)):
        assert kg("export", "--format", fmt, "-o", path, "--force", "--data-dir", data_dir).code == 0
    assert json.loads(graph.read_text(encoding="utf-8").splitlines()[0])["type"] == "node"
    assert not link.is_symlink() and link.read_text(encoding="utf-8") == graph.read_text(encoding="utf-8")
    assert report.read_text(encoding="utf-8") == _report("青石镇")  # the link's target untouched
    written = sorted(p.name for p in tables.iterdir())
    assert "nodes_Stale.csv" not in written and "import.sh" in written
    # A folder where a file is wanted and a file where a folder is: one line each.
    done = kg("export", "--format", "graphml", "-o", tables, "--force", "--data-dir", data_dir)
    assert f"[E210] {tables}: cannot write (it is a folder; name a file)" in done.stderr
    done = kg("export", "--format", "parquet", "-o", graph, "--force", "--data-dir", data_dir)
    assert f"[E210] {graph}: cannot write (it is a file, not a folder; name a folder)" in done.stderr
    # A folder of other files is never replaced whole, --force or not (-o .).
    done = kg("export", "--format", "csv", "-o", report.parent, "--force", "--data-dir", data_dir)
    assert (f"[E210] {report.parent}: cannot write (it holds a.txt, which kg did not write there, "
            "and would be replaced whole; name a new folder)") in done.stderr
    assert report.read_text(encoding="utf-8") == _report("青石镇")
    done = kg("viz", "-o", tables, "--data-dir", data_dir)
    assert f"[E210] {tables}: cannot write (it is a folder; name a file)" in done.stderr
    assert "Traceback" not in done.stderr
    assert _partials(tmp_path) == []


# ------------------------------------------------------------ full disk, things in the way

@contextlib.contextmanager
def _tmpfs(mount: Path, options: str):
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


@pytest.fixture
def tiny_disk(tmp_path):
    """A 64 KB tmpfs (a full disk), when this process may mount one."""
    with _tmpfs(tmp_path / "tiny", "size=64k") as mount:
        yield mount


def test_a_read_only_file_system_is_one_line(kg, tmp_path):
    report = tmp_path / "reports" / "a.txt"
    report.parent.mkdir()
    report.write_text(_report("青石镇"), encoding="utf-8")
    # (permissions do not stop root, who runs the tests in CI: a read-only mount does)
    with _tmpfs(tmp_path / "ro", "ro,size=64k") as mount:
        for args in (["-o", mount / "out.jsonl"], ["-o", mount / "sub" / "out.jsonl"]):
            done = kg("extract", report, *args)
            assert done.code == 1
            assert f"kg: error: [E210] {args[1]}: cannot write (Read-only file system)" in done.stderr
            assert "Traceback" not in done.stderr


def test_a_full_disk_is_one_line_and_leaves_no_partial_file(kg, tmp_path, tiny_disk):
    reports = tmp_path / "reports"
    reports.mkdir()
    for i in range(4):
        (reports / f"r{i}.txt").write_text(_report(TOWNS[i]) * 4, encoding="utf-8")
    (tiny_disk / "out.jsonl").write_text("previous\n", encoding="utf-8")
    disk = os.statvfs(tiny_disk)
    (tiny_disk / "filler").write_bytes(b"x" * (disk.f_bavail * disk.f_frsize - 8192))  # 8 KB left
    done = kg("extract", reports, "-o", tiny_disk / "out.jsonl", "--emit-text", tiny_disk / "texts")
    assert done.code == 1
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith(f"kg: error: [E210] {tiny_disk}/") and "No space left on device" in last
    assert "Traceback" not in done.stderr
    assert (tiny_disk / "out.jsonl").read_text(encoding="utf-8") == "previous\n"
    assert _partials(tiny_disk) == []


def test_dev_full_a_folder_and_a_file_in_the_way_are_one_line_each(kg, tmp_path):
    report = tmp_path / "reports" / "a.txt"
    report.parent.mkdir()
    report.write_text(_report("青石镇"), encoding="utf-8")
    a_file = tmp_path / "file"
    a_file.write_text("x", encoding="utf-8")
    cases = {
        ("-o", "/dev/full"): "[E210] /dev/full: cannot write (No space left on device)",
        ("-o", str(tmp_path)): f"[E210] {tmp_path}: cannot write (it is a folder; name a file)",
        ("-o", f"{a_file}/out.jsonl"): f"[E210] {a_file}/out.jsonl: cannot write ({a_file} is not a folder)",
        ("-o", str(tmp_path / "out.jsonl"), "--emit-text", str(a_file)):
            f"[E210] {a_file}/a.txt.txt: cannot write ({a_file} is not a folder)",
    }
    for args, message in cases.items():
        done = kg("extract", report.parent, *args)
        assert done.code == 1, args
        assert message in done.stderr, (args, done.stderr)
        assert "Traceback" not in done.stderr
    assert a_file.read_text(encoding="utf-8") == "x"
    assert _partials(tmp_path) == []


# ------------------------------------------------------------ --emit-text

def test_emit_text_keeps_relative_paths_and_refuses_collisions(kg, tmp_path):
    inputs = tmp_path / "in"
    for name, town in (("a/report.txt", "青石镇"), ("b/report.txt", "白河乡"),
                       ("a/report.html", "东湖街道")):
        path = inputs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = _report(town)
        path.write_text(f"<html><body><p>{text}</p></body></html>" if name.endswith(".html") else text,
                        encoding="utf-8")
    texts = tmp_path / "texts"
    done = kg("extract", inputs, "-o", tmp_path / "out.jsonl", "--emit-text", texts)
    assert done.code == 0, done.stderr
    written = sorted(str(p.relative_to(texts)) for p in texts.rglob("*") if p.is_file())
    assert written == ["a/report.html.txt", "a/report.txt.txt", "b/report.txt.txt"]
    for line in read_records(str(tmp_path / "out.jsonl")):
        record = json.loads(line.text)
        text = (texts / f"{Path(record['source']).relative_to(inputs)}.txt").read_text(encoding="utf-8")
        assert all(text[m["start"]:m["end"]] == m["text"]
                   for e in record["entities"] for m in e["mentions"])
    # Two folders with the same relative file: the second is refused, the first kept.
    other = tmp_path / "other" / "a"
    other.mkdir(parents=True)
    (other / "report.txt").write_text(_report("西岭镇"), encoding="utf-8")
    before = (texts / "a" / "report.txt.txt").read_text(encoding="utf-8")
    done = kg("extract", inputs, other.parent, "-o", tmp_path / "out2.jsonl", "--emit-text", texts)
    assert done.code == 1
    assert (f"[E212] {other / 'report.txt'}: its text would go to {texts / 'a' / 'report.txt.txt'}, "
            f"where that of {inputs / 'a' / 'report.txt'} went") in done.stderr
    assert (texts / "a" / "report.txt.txt").read_text(encoding="utf-8") == before
    assert "processed 3, skipped 1" in done.stderr


# ------------------------------------------------------------ summary and kg load

def test_a_cut_extraction_is_reported_by_load_and_its_whole_records_load(kg, tmp_path, new_data_dir):
    reports = tmp_path / "reports"
    reports.mkdir()
    for i, town in enumerate(TOWNS[:3]):
        (reports / f"r{i}.txt").write_text(_report(town), encoding="utf-8")
    (reports / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert kg("extract", reports, "-o", out).code == 1  # the empty file is skipped
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    start, summary = json.loads(lines[0]), json.loads(lines[-1])
    assert start["kg_extract"] == "start" and summary["kg_extract"] == "end"
    assert (summary["inputs"], summary["records"]) == (4, 3)
    assert [(s["source"], s["code"]) for s in summary["skipped"]] == [(str(reports / "empty.txt"), "E006")]

    whole = kg("load", out, "--data-dir", new_data_dir())
    assert whole.code == 0, whole.stderr
    assert "E208" not in whole.stderr
    # Cut inside the third record (a killed run, a full disk): the two whole
    # records load, the cut line is E201 and the file is named as incomplete.
    cut = tmp_path / "cut.jsonl"
    cut.write_text("".join(lines[:3]) + lines[3][:len(lines[3]) // 2], encoding="utf-8")
    data_dir = new_data_dir()
    done = kg("load", cut, "--data-dir", data_dir)
    assert done.code == 1
    assert f"[E201] {cut}:4: " in done.stderr
    assert (f"[E208] {cut}: incomplete `kg extract` output: it ends without the summary "
            "`kg extract` writes last") in done.stderr
    with open_store(data_dir) as store:
        sources = sorted(r[0] for r in store.query("MATCH (d:Document) RETURN d.source").rows)
    assert sources == [str(reports / f"r{i}.txt") for i in range(2)]
    # A line lost in the middle: the summary's count says so.
    lost = tmp_path / "lost.jsonl"
    lost.write_text("".join(lines[:2] + lines[3:]), encoding="utf-8")
    done = kg("load", lost, "--data-dir", new_data_dir())
    assert done.code == 1
    assert (f"[E208] {lost}: incomplete `kg extract` output: its summary counts 3 records "
            "but 2 lines come before it") in done.stderr


# ------------------------------------------------------------ killed runs

def _kg_process(*args, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "from kg.cli import main; main()", *map(str, args)],
                            cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_workers(process: subprocess.Popen, count: int) -> list[psutil.Process]:
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        children = psutil.Process(process.pid).children(recursive=True)
        if len(children) >= count:
            return children
        assert process.poll() is None, process.communicate()
        time.sleep(0.2)
    raise AssertionError("the workers did not start")


def _ended(process: psutil.Process) -> bool:
    """Gone, or a zombie: an orphan waits for its reaper (PID 1), which in a
    container may be slow to come."""
    try:
        return process.status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


@pytest.mark.parametrize("how", ["SIGTERM", "SIGINT", "SIGKILL"])
def test_a_killed_extraction_leaves_no_worker_and_the_previous_output(tmp_path, how):
    reports = tmp_path / "reports"
    reports.mkdir()
    for i in range(40):
        (reports / f"r{i:02}.txt").write_text(_report(TOWNS[i % len(TOWNS)], n=i) * 50, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("previous\n", encoding="utf-8")
    process = _kg_process("extract", reports, "-o", out, "--workers", "2", cwd=tmp_path)
    workers = _wait_for_workers(process, 2)
    time.sleep(2)  # into the extraction
    process.send_signal(getattr(__import__("signal"), how))
    process.communicate(timeout=60)
    deadline = time.monotonic() + 30
    while not all(map(_ended, workers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    alive = [w for w in workers if not _ended(w)]
    assert alive == [], f"workers left running after {how}: {alive}"
    assert out.read_text(encoding="utf-8") == "previous\n"
    if how != "SIGKILL":  # SIGKILL gives no time to remove the temporary file
        assert _partials(tmp_path) == []
