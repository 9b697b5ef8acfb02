"""The loader's look-ups use the embedded store's indexes.

Every entity is found by key through the key index of its label (the
embedded store keeps no index on ``__Entity__``: docs/scale.md): a statement
that FalkorDB plans with a scan of a label would read every node of it for
each row. Only the statements that read every fact or entity by design scan.
"""

import re

from kg.store import statements

READ_EVERYTHING = {"FIND_FACTS_OF_DOCUMENTS", "DROP_EVIDENCE_OF_DOCUMENTS", "DELETE_ORPHANS"}


def every_statement():
    """statements.statements(), with the fact statements of every pair of labels."""
    yield from statements.statements().items()
    for group in ("EXISTING_FACTS", "MERGE_FACTS", "SET_FACTS", "DELETE_FACTS"):
        for ends, cypher in getattr(statements, group).items():
            yield f"{group}[{','.join(ends)}]", cypher


def test_no_loader_statement_scans_a_label_for_a_key(falkor_store):
    scanning = {}
    for name, cypher in every_statement():
        plan = "\n".join(falkor_store._graph.explain(
            cypher, {p: [] for p in re.findall(r"\$(\w+)", cypher)}))
        if "Label Scan" in plan or "All Node Scan" in plan:
            scanning[name] = plan
    assert set(scanning) == READ_EVERYTHING, "\n\n".join(
        f"{name}:\n{plan}" for name, plan in scanning.items() if name not in READ_EVERYTHING)


def test_no_loader_statement_looks_an_entity_up_without_its_label():
    only_entity = re.compile(r"\(\w*:__Entity__\s*\{")  # (n:__Entity__ {key: …}), not (n:Body:__Entity__ …)
    assert [name for name, cypher in every_statement() if only_entity.search(cypher)] == []
