"""The loader's tallies (kg/store/tallies.py) against a direct count of the facts."""

from kg.export import generate_graph
from kg.store import tallies
from kg.store.loader import load_records
from kg.store.snapshot import snapshot
from records import town_report
from test_loader import changed_town, other_town


def kept(store):
    """(level, mechanism or None, jurisdictions) as the tallies say."""
    levels = store.query("MATCH (t:Tally) WHERE t.level IS NOT NULL "
                         "RETURN t.level, null, t.jurisdictions").rows
    mechanisms = store.query("MATCH (m:Mechanism)-[c:TALLIED_AT]->(t:Tally) "
                             "RETURN t.level, m.name, c.jurisdictions").rows
    pairs = store.query("MATCH (a:Mechanism)-[c:CO_OCCURS]->(b:Mechanism) "
                        "RETURN a.name, b.name, c.jurisdictions").rows
    return sorted(map(tuple, levels + mechanisms + pairs), key=str)


def counted(store):
    """The same, counted from the HAS_MECHANISM facts."""
    facts = store.query("MATCH (j:Jurisdiction)-[:HAS_MECHANISM]->(m:Mechanism) "
                        "RETURN j.key, j.level, m.name").rows
    levels: dict[str, set] = {}
    mechanisms: dict[tuple, int] = {}
    reported: dict[str, set] = {}
    for key, level, mechanism in facts:
        levels.setdefault(level, set()).add(key)
        mechanisms[level, mechanism] = mechanisms.get((level, mechanism), 0) + 1
        reported.setdefault(key, set()).add(mechanism)
    pairs: dict[tuple, int] = {}
    for names in reported.values():
        for a in names:
            for b in names:
                if a < b:
                    pairs[a, b] = pairs.get((a, b), 0) + 1
    rows = [(level, None, len(keys)) for level, keys in levels.items()]
    rows += [(level, m, n) for (level, m), n in mechanisms.items()]
    rows += [(a, b, n) for (a, b), n in pairs.items()]
    return sorted(rows, key=str)


def test_loads_keep_the_tallies_equal_to_the_facts(clean_store):
    load_records(clean_store, [town_report(), other_town()])
    first = kept(clean_store)
    assert first == counted(clean_store)
    assert ("township", "公调对接", 1) in first and ("town", None, 1) in first
    assert ("公调对接", "访调对接", 1) in first
    load_records(clean_store, [changed_town()])  # a new version of yongle.txt
    assert kept(clean_store) == counted(clean_store) != first
    assert ("town", "诉调对接", 1) in kept(clean_store)
    assert not tallies.is_stale(clean_store)


def test_stale_tallies_are_recounted_even_when_nothing_else_is_written(clean_store):
    records = [town_report(), other_town()]
    load_records(clean_store, records)
    # What a load killed after its last batch leaves: stale marks, tallies not yet recounted.
    clean_store.query(tallies.MARK_STALE, write=True)
    clean_store.query("MATCH ()-[c:TALLIED_AT|CO_OCCURS]->() DELETE c", write=True)
    again = load_records(clean_store, records)
    assert again.documents_unchanged == 2
    assert kept(clean_store) == counted(clean_store) and not tallies.is_stale(clean_store)


def test_a_dry_run_leaves_the_tallies_alone(clean_store):
    load_records(clean_store, [town_report()])
    before = kept(clean_store)
    load_records(clean_store, [other_town()], dry_run=True)
    assert kept(clean_store) == before and not tallies.is_stale(clean_store)


def test_tallies_are_not_exported(clean_store):
    load_records(clean_store, [town_report(), other_town()])
    graph = generate_graph(clean_store)
    assert graph.number_of_nodes() > 0
    assert not any("Tally" in data["labels"] for _, data in graph.nodes(data=True))
    assert not any(data["type"] in ("TALLIED_AT", "CO_OCCURS") for *_, data in graph.edges(data=True))


def test_a_mechanism_left_without_facts_goes_although_tallies_link_it(clean_store):
    """Tallies are not support: replacing the only report of 诉调对接 deletes it
    as a fresh load would never have made it."""
    load_records(clean_store, [other_town(), changed_town()])
    assert ("town", "诉调对接", 1) in kept(clean_store)
    load_records(clean_store, [town_report()])  # the older text of yongle.txt: no 诉调对接
    replaced = snapshot(clean_store)
    assert not clean_store.query("MATCH (m:Mechanism {name: '诉调对接'}) RETURN m").rows
    clean_store.query("MATCH (n) DETACH DELETE n", write=True)
    load_records(clean_store, [other_town(), town_report()])
    assert snapshot(clean_store) == replaced


def test_tallies_missing_from_an_imported_graph_are_counted(clean_store):
    """A neo4j-admin import of an export has no tallies and no state: `kg schema apply`
    (refresh_if_stale) counts them, and the graph is the one that was exported."""
    load_records(clean_store, [town_report(), other_town()])
    loaded = snapshot(clean_store)
    clean_store.query("MATCH (t:Tally) DETACH DELETE t", write=True)
    clean_store.query("MATCH ()-[c:CO_OCCURS]->() DELETE c", write=True)
    assert tallies.is_stale(clean_store)
    assert tallies.refresh_if_stale(clean_store)
    assert snapshot(clean_store) == loaded
    assert not tallies.is_stale(clean_store)


def test_an_empty_graph_has_no_stale_tallies(clean_store):
    assert not tallies.is_stale(clean_store)
    assert not tallies.refresh_if_stale(clean_store)
    assert snapshot(clean_store) == {"nodes": [], "relationships": []}
