"""The entity table of one document (kg/extract/context.py): alike names of one sort."""

from __future__ import annotations

from kg.extract.context import EntityTable


def _body(table: EntityTable, name: str, kind: str = "司法所"):
    return table.add(("Body", kind, name), "e", None, type="Body", kind=kind, name=name)


def test_alike_names_in_order_of_creation():
    table = EntityTable()
    long, short, other = _body(table, "青石镇司法所"), _body(table, "司法所"), _body(table, "白河乡司法所")
    elsewhere = _body(table, "镇司法所", kind="调委会")  # another kind
    assert table.alike("Body", "司法所", "镇司法所") == [long, short]  # ends with it, its ending
    assert table.alike("Body", "司法所", "司法所") == [long, short, other]
    assert table.alike("Body", "司法所", "桃源镇司法所") == [short]  # an ending of it
    assert table.alike("Body", "调委会", "司法所") == [elsewhere]


def test_a_renamed_entity_is_found_by_its_new_name_only():
    table = EntityTable()
    entity = _body(table, "镇司法所")
    table.rename(entity, "青石镇司法所")
    assert entity.name == "青石镇司法所"
    assert table.alike("Body", "司法所", "石镇司法所") == [entity]
    assert table.alike("Body", "司法所", "乡镇司法所") == []  # 镇司法所 is its name no more


def test_jurisdiction_mentions_starting_in_a_stretch_keep_their_order():
    from kg.extract.context import DocContext
    from kg.extract.registry import Known

    ctx = DocContext(text="", nlp=None, rules=None, root=None, year=None)
    a, b, c = Known("j1", "大坪村", "village"), Known("j2", "石门社区", "community"), Known("j3", "白河村", "village")
    ctx.jurisdiction_mentions = [(a, 10, 13), (b, 4, 8), (c, 30, 33)]  # not in order of start
    assert ctx.jurisdictions_starting(0, 20) == [(a, 10, 13), (b, 4, 8)]
    assert ctx.jurisdictions_starting(10, 30) == [(a, 10, 13)]
    ctx.jurisdiction_mentions.append((c, 20, 23))  # found later: the index follows
    assert ctx.jurisdictions_starting(15, 40) == [(c, 30, 33), (c, 20, 23)]
