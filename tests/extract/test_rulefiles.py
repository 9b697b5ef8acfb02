"""The rule files are typed: a bad key fails when the file loads, naming it."""

from __future__ import annotations

import pytest

from kg.datafiles import read_data
from kg.errors import KGError
from kg.extract.rulefiles import FILES, parse_rule_file, read_rule_file


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_rule_file_loads_as_it_is(name):
    assert read_rule_file(name) == read_data(f"extract/{name}.toml")


def test_a_misspelt_key_fails_at_load_naming_file_and_key():
    data = read_data("extract/actors.toml")
    data["surname"] = data.pop("surnames")
    with pytest.raises(KGError, match=r"\[E120\] actors\.toml: surnames: Field required"):
        parse_rule_file("actors", data, "actors.toml")


def test_a_value_of_the_wrong_type_fails_naming_the_key():
    data = read_data("extract/mechanisms.toml")
    data["max_chars"] = "many"
    with pytest.raises(KGError, match=r"\[E120\] m\.toml: max_chars: "):
        parse_rule_file("mechanisms", data, "m.toml")
