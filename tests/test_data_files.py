"""The versioned data files say each thing once: no list repeats an entry."""

from __future__ import annotations

from collections import Counter
from importlib import resources

import pytest

from kg.datafiles import read_data

FILES = sorted(f"{folder.name}/{file.name}" for folder in (resources.files("kg") / "data").iterdir()
               if folder.is_dir() for file in folder.iterdir() if file.name.endswith(".toml"))


def _lists(value, path=""):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _lists(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        yield path, value


@pytest.mark.parametrize("name", FILES)
def test_no_list_repeats_an_entry(name):
    repeated = {path: [v for v, n in Counter(items).items() if n > 1]
                for path, items in _lists(read_data(name))}
    assert {path: dup for path, dup in repeated.items() if dup} == {}
