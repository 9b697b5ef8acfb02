"""`kg export --format csv`, imported with the `neo4j-admin database import
full` command of its import.sh into a fresh Neo4j and finished with the
`kg bulk finish` it names, gives the same graph (a division's PART_OF with no
evidence chunk included), counts and pack answers as the Neo4j it was
exported from."""

import shlex

from kg.query.packs import load_packs, run_pack
from kg.store import open_store
from kg.store.loader import load_records
from kg.store.snapshot import snapshot
from neo4j_server import Neo4jServer


def import_args(script: str) -> list[str]:
    """The arguments of the neo4j-admin command in an export's import.sh."""
    command = script[script.index("neo4j-admin"):].splitlines()[0]
    return shlex.split(command)[1:]


def test_csv_export_imported_by_neo4j_admin_gives_the_same_graph_and_answers(
        neo4j_store, neo4j_env, kg, examples_records, tmp_path, monkeypatch):
    load_records(neo4j_store, examples_records)
    exported = tmp_path / "csv"
    done = kg("export", "--format", "csv", "-o", exported, "--neo4j", neo4j_env.uri)
    assert done.code == 0, done.stderr

    script = (exported / "import.sh").read_text(encoding="utf-8")
    assert "kg bulk finish" in script
    fresh = Neo4jServer(tmp_path / "imported")
    fresh.admin(*import_args(script), cwd=exported)
    fresh.start()
    try:
        for key, value in fresh.env().items():
            monkeypatch.setenv(key, value)
        finished = kg("bulk", "finish", "--neo4j", fresh.uri)  # as import.sh says
        assert finished.code == 0, finished.stderr
        with open_store(uri=fresh.uri) as imported:
            assert snapshot(imported) == snapshot(neo4j_store)
            stats = kg("stats", "--neo4j", fresh.uri)
            for key, value in neo4j_env.env().items():
                monkeypatch.setenv(key, value)
            assert stats.stdout == kg("stats", "--neo4j", neo4j_env.uri).stdout
            for name, pack in load_packs().items():
                on_imported = run_pack(imported, name, pack.example or None)
                on_source = run_pack(neo4j_store, name, pack.example or None)
                assert (on_imported.columns, on_imported.rows) == (on_source.columns, on_source.rows), name
    finally:
        fresh.stop()
