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
