"""The vocabulary files: typed, checked at load, canonical names exact."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.errors import KGError
from kg.lexicon import load_lexicon, parse_mechanisms

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
    assert len(lex.mechanisms) >= 190
    owners: dict[str, str] = {}
    for info in lex.mechanisms.values():
        for form in (info.name, *info.aliases):
            assert owners.setdefault(form, info.name) == info.name, f"{form} names two mechanisms"
