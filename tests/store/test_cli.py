"""The store commands, run as a user runs them."""

import json

import pytest

from records import town_report
from test_loader import changed_town, other_town

pytestmark = pytest.mark.slow


@pytest.fixture
def data_dir(tmp_path, kg_process):
    path = tmp_path / "data"
    yield path
    kg_process("store", "stop", "--data-dir", path, check=True)


def write_jsonl(path, *records, extra_lines=()):
    path.write_text("".join(r.model_dump_json() + "\n" for r in records) + "".join(extra_lines),
                    encoding="utf-8")
    return path


def test_load_twice_gives_identical_counts(tmp_path, data_dir, kg_process):
    jsonl = write_jsonl(tmp_path / "out.jsonl", town_report(), other_town())
    first = kg_process("load", jsonl, "--data-dir", data_dir, check=True)
    assert "loaded 2 documents" in first.stderr
    counts = json.loads(kg_process("stats", "--json", "--data-dir", data_dir, check=True).stdout)
    assert counts["labels"]["Document"] == 2 and counts["relationship_types"]["HAS_MECHANISM"] >= 2
    second = kg_process("load", jsonl, "--data-dir", data_dir, check=True)
    assert "loaded 0 documents" in second.stderr and "2 unchanged" in second.stderr
    assert json.loads(kg_process("stats", "--json", "--data-dir", data_dir, check=True).stdout) == counts


def test_malformed_lines_are_reported_and_the_rest_loads(tmp_path, data_dir, kg_process):
    jsonl = write_jsonl(tmp_path / "bad.jsonl", town_report(), extra_lines=["{oops\n"])
    done = kg_process("load", jsonl, "--data-dir", data_dir, check=False)
    assert done.returncode == 1
    assert f"kg: error: [E201] {jsonl}:2: " in done.stderr
    assert "loaded 1 documents" in done.stderr


def test_dry_run_then_status(tmp_path, data_dir, kg_process):
    kg_process("load", write_jsonl(tmp_path / "a.jsonl", town_report(), other_town()), "--data-dir", data_dir,
               check=True)
    dry = kg_process("load", write_jsonl(tmp_path / "b.jsonl", changed_town()), "--data-dir", data_dir,
                     "--dry-run", check=True)
    assert "would load 1 documents (1 replacing an older version)" in dry.stderr
    status = json.loads(kg_process("store", "status", "--json", "--data-dir", data_dir, check=True).stdout)
    assert status["running"] and status["data_dir"] == str(data_dir)
    assert status["counts"]["labels"]["Document"] == 2 and status["bytes_on_disk"] > 0
    assert status["incomplete_documents"] == []
    assert status["tallies_stale"] is False
    assert "stopped" in kg_process("store", "stop", "--data-dir", data_dir, check=True).stderr
    assert "server: not running" in kg_process("store", "status", "--data-dir", data_dir, check=True).stdout


def test_unsupported_store_uri_is_one_line_error(kg_process):
    done = kg_process("stats", "--neo4j", "http://user:secret@example.invalid:7474", check=False)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "kg: error: [E305] http://example.invalid:7474: unsupported store URI "
        "(use bolt://, neo4j://, their +s/+ssc forms, or falkordb://)"]


def test_unreachable_neo4j_is_one_line_error(kg_process):
    done = kg_process("stats", "--neo4j", "bolt://127.0.0.1:1", check=False)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: [E302] Cannot reach Neo4j at bolt://127.0.0.1:1")


@pytest.mark.parametrize("command", [["build"], ["load"], ["stats"], ["store", "status"],
                                     ["store", "stop"], ["schema", "apply"], ["schema", "show"]])
def test_every_command_help_has_an_example(command):
    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, [*command, "--help"])
    assert result.exit_code == 0 and "Example: kg " in result.output


def test_store_uri_option_and_its_neo4j_alias_name_the_same_store(kg_process):
    """--store URI chooses the back end; --neo4j is kept as an alias."""
    for option in ("--store", "--neo4j"):
        done = kg_process("stats", option, "bolt://127.0.0.1:1", check=False)
        assert done.returncode == 1
        assert "[E302]" in done.stderr and "127.0.0.1:1" in done.stderr
