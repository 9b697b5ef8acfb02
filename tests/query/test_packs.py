"""The pack files and their loader: headers, parameter types, errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.errors import KGError
from kg.query.packs import get_pack, load_packs, packs_dir, parse_assignments, parse_pack

THEMES = {"mechanisms", "institutions", "actors", "indicators", "provenance", "hierarchy"}
MAKEFILE_PACKS = ("mechanisms-by-jurisdiction", "body-staffs-center", "legal-adviser-network")


def test_packs_cover_every_theme_and_the_makefile_demo():
    packs = load_packs()
    assert {p.theme for p in packs.values()} == THEMES
    for name in MAKEFILE_PACKS:
        assert name in packs
    # The package's packs are the repository's cypher/ folder (kg/packs links to it).
    assert packs_dir().resolve() == (Path(__file__).parents[2] / "cypher").resolve()


@pytest.mark.parametrize("name", sorted(load_packs()))
def test_every_pack_is_one_read_only_ordered_statement(name):
    pack = get_pack(name)
    text = pack.cypher.upper()
    assert "ORDER BY" in text
    for word in ("CREATE", "MERGE", "DELETE", "SET", "REMOVE", "CALL", "LOAD"):
        assert not re.search(rf"\b{word}\b", text), f"{name} uses {word}"
    assert pack.cypher.rstrip().count(";") == 0
    assert set(pack.backends) == {"falkordb", "neo4j"}
    for param in pack.params:
        assert f"${param.name}" in pack.cypher, f"{name}: ${param.name} unused"


def test_mechanism_parameters_are_mapped_to_canonical_names():
    pack = get_pack("jurisdictions-with-mechanism")
    assert pack.bind({"mechanism": "三项制度"})["mechanism"] == "行政执法三项制度"
    assert pack.bind({"mechanism": "“访调”对接"})["mechanism"] == "访调对接"
    # Local brands are not in the lexicon and pass through unchanged.
    assert pack.bind({"mechanism": "榴乡诉递"})["mechanism"] == "榴乡诉递"


def test_defaults_and_types():
    pack = get_pack("mechanisms-lacking")
    assert pack.bind({"jurisdiction": "永乐镇"}) == {"jurisdiction": "永乐镇", "share": 0.5}
    assert pack.bind({"jurisdiction": "永乐镇", "share": "0.25"})["share"] == 0.25
    assert get_pack("institution-path").bind({"source": "a", "target": "b", "limit": "3"})["limit"] == 3
    assert get_pack("mechanisms-by-jurisdiction").bind({}) == {"jurisdiction": None, "limit": 200}


@pytest.mark.parametrize("name,values,code", [
    ("no-such-pack", {}, "E401"),
    ("mechanisms-lacking", {}, "E402"),
    ("mechanisms-lacking", {"jurisdiction": "x", "share": "half"}, "E403"),
    ("institution-path", {"source": "a", "target": "b", "limit": "2.5"}, "E403"),
    ("mechanisms-lacking", {"jurisdiction": "x", "colour": "red"}, "E404"),
])
def test_bad_parameters_raise_coded_errors(name, values, code):
    with pytest.raises(KGError) as err:
        get_pack(name).bind(values)
    assert err.value.code == code
    assert "\n" not in str(err.value)


def test_assignments():
    assert parse_assignments(["a=1", "b=x=y"]) == {"a": "1", "b": "x=y"}
    with pytest.raises(KGError) as err:
        parse_assignments(["novalue"])
    assert err.value.code == "E406"


@pytest.mark.parametrize("text,reason", [
    ("// name: other\n// title: t\n// description: d\nMATCH (n) RETURN n ORDER BY n", "differs"),
    ("// name: bad\n// description: d\nMATCH (n) RETURN n", "title"),
    ("// name: bad\n// title: t\n// description: d\n// param: x: colour\nRETURN $x", "param"),
    ("// name: bad\n// title: t\n// description: d\n", "no Cypher"),
    ("// name: bad\n// title: t\n// description: d\n// example: y=1\nRETURN 1", "E404"),
])
def test_malformed_headers_name_the_file(tmp_path, text, reason):
    path = tmp_path / "bad.cypher"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KGError) as err:
        parse_pack(path)
    assert reason in str(err.value)
    assert "bad" in str(err.value)


def test_bool_and_list_parameters(tmp_path):
    path = tmp_path / "typed.cypher"
    path.write_text("// name: typed\n// title: t\n// description: d\n"
                    "// param: names: list = 永乐镇,安坪镇  -- some names\n"
                    "// param: strict: bool = false\n"
                    "MATCH (j:Jurisdiction) WHERE j.name IN $names AND $strict RETURN j ORDER BY j.key\n",
                    encoding="utf-8")
    pack = parse_pack(path)
    assert pack.bind({}) == {"names": ["永乐镇", "安坪镇"], "strict": False}
    assert pack.bind({"strict": "yes", "names": "甲, 乙"}) == {"names": ["甲", "乙"], "strict": True}
    with pytest.raises(KGError) as err:
        pack.bind({"strict": "maybe"})
    assert err.value.code == "E403"
