"""The vocabulary files: typed, checked at load, canonical names exact."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.errors import KGError
from kg.lexicon import load_lexicon, parse_actors, parse_institutions, parse_mechanisms

ONTOLOGY = Path(__file__).resolve().parents[1] / "docs" / "ontology.md"


def _table_rows(heading: str) -> list[list[str]]:
    text = ONTOLOGY.read_text(encoding="utf-8").split(heading, 1)[1].split("\n## ", 1)[0]
    return [[c.strip() for c in line.strip("|").split("|")]
            for line in text.splitlines() if line.startswith("| ") and not line.startswith("| name")]


def test_every_canonical_mechanism_of_the_ontology_is_in_the_vocabulary_exactly():
    lex = load_lexicon()
    for name, category, _aliases in _table_rows("## Canonical mechanisms"):
        assert name in lex.mechanisms, name
        assert lex.mechanisms[name].category == category, name


def test_every_mechanism_says_where_it_comes_from():
    assert all(info.source for info in load_lexicon().mechanisms.values())


def _file(**mechanism) -> dict:
    return {"version": "1", "categories": {"service": "x"}, "mechanism": mechanism}


def test_a_user_vocabulary_in_the_built_in_format_parses():
    parsed = parse_mechanisms(_file(service={"一窗受理": {"aliases": ["一窗通办"], "source": "me"}}), "my.toml")
    info = parsed.infos()["一窗受理"]
    assert (info.category, info.aliases, info.source) == ("service", ("一窗通办",), "me")


@pytest.mark.parametrize(("data", "key"), [
    (_file(service={"一窗受理": {"alias": ["x"], "source": "me"}}), "mechanism.service.一窗受理.alias"),
    (_file(service={"一窗受理": {"aliases": ["x"]}}), "mechanism.service.一窗受理.source"),
    (_file(policing={"一窗受理": {"source": "me"}}), "mechanism.policing"),
    (_file(service={"一窗受理": {"source": "me", "part_of": "一网通办"}}), "mechanism.service.一窗受理.part_of"),
    ({"categories": {}, "mechanism": {}}, "version"),
])
def test_a_bad_key_fails_at_load_naming_the_file_and_the_key(data, key):
    with pytest.raises(KGError) as info:
        parse_mechanisms(data, "my.toml")
    message = str(info.value)
    assert message.startswith("[E120] my.toml: ")
    assert re.search(re.escape(key) + r"\b", message), message


def test_a_source_must_be_a_declared_document_when_the_file_declares_them():
    data = _file(service={"一窗受理": {"source": "gossip"}})
    data["sources"] = {"services": "国务院政务服务文件"}
    with pytest.raises(KGError, match=r"mechanism\.service\.一窗受理\.source: 'gossip'"):
        parse_mechanisms(data, "my.toml")


def test_the_national_vocabulary_is_large_and_aliases_name_one_mechanism_each():
    lex = load_lexicon()
    assert len(lex.mechanisms) >= 300
    owners: dict[str, str] = {}
    for info in lex.mechanisms.values():
        for form in (info.name, *info.aliases):
            assert owners.setdefault(form, info.name) == info.name, f"{form} names two mechanisms"


def _names_in(heading: str) -> list[str]:
    return [row[0] for row in _table_rows(heading) if row[0] != "kind"]


def test_every_canonical_kind_and_role_of_the_ontology_is_in_the_vocabulary_exactly():
    lex = load_lexicon()
    assert set(_names_in("## Canonical kinds of Body")) <= set(lex.body_kinds)
    assert set(_names_in("## Canonical kinds of Center")) <= set(lex.center_kinds)
    roles = ONTOLOGY.read_text(encoding="utf-8").split("## Canonical actor roles", 1)[1].split("\n\n")[1]
    assert {r.strip(" .\n") for r in roles.split(",")} <= set(lex.actor_roles)


def test_the_vocabulary_has_the_breadth_of_national_practice():
    lex = load_lexicon()
    assert len(lex.body_kinds) + len(lex.center_kinds) >= 60
    assert len(lex.actor_roles) >= 40


def test_a_level_placeholder_stands_for_every_level_word():
    lex = load_lexicon()
    assert lex.kind_of("依法治旗办") == ("Body", "依法治理办公室")
    assert lex.kind_of("全面依法治街道委员会办公室") == ("Body", "依法治理办公室")
    assert lex.kind_of("依法治市委") == ("Body", "全面依法治理委员会")
    assert not any("{" in form for form in lex.institution_forms())


def test_a_bad_institution_or_role_entry_fails_naming_the_file_and_the_key():
    with pytest.raises(KGError, match=r"\[E120\] my.toml: body.司法所.source"):
        parse_institutions({"version": "1", "body": {"司法所": {"aliases": []}}, "center": {}}, "my.toml")
    with pytest.raises(KGError, match=r"\[E120\] my.toml: center.司法所: listed as a body too"):
        parse_institutions({"version": "1", "body": {"司法所": {"source": "x"}},
                            "center": {"司法所": {"source": "x"}}}, "my.toml")
    with pytest.raises(KGError, match=r"\[E120\] my.toml: actor.律师.alias"):
        parse_actors({"version": "1", "actor": {"律师": {"alias": [], "source": "x"}}}, "my.toml")
