"""Occurrences: where words stand in a text, found in one pass, as str.find and str.replace see them."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.text.occurrences import Occurrences, first_occurrences

# a small alphabet, so that words occur often and overlap (石镇石镇, 镇镇)
texts = st.text(alphabet="青石镇乡和", max_size=40)
words = st.text(alphabet="青石镇乡和", min_size=1, max_size=4)


@settings(max_examples=300, deadline=None)
@given(texts, st.lists(words, max_size=4), words, words)
def test_indexed_or_not_a_word_stands_where_find_and_replace_see_it(text, indexed, word, other):
    where = Occurrences(text, indexed)
    every = [i for i in range(len(text)) if text.startswith(word, i)]
    assert where.starts(word) == every
    assert where.taken(word) == [m.start() for m in re.finditer(re.escape(word), text)]
    assert where.outside(word, other) == (word in text.replace(other, "\0"))


def test_words_indexed_up_front_are_found_in_one_pass_and_not_looked_up_again():
    text = "青石镇召开会议。" * 1000 + "白河乡"
    where = Occurrences(text, ["青石镇", "白河乡", "桃源镇"])
    assert set(where._starts) == {"青石镇", "白河乡", "桃源镇"}
    assert len(where.starts("青石镇")) == 1000 and where.starts("白河乡") == [8000]
    assert where.starts("桃源镇") == [] and set(where._starts) == {"青石镇", "白河乡", "桃源镇"}


def test_first_occurrences_are_those_of_repeated_find():
    text = "青石镇石镇青石镇镇"
    assert first_occurrences(text, ["石镇", "镇", ""], limit=3) == {"石镇": [1, 3, 6], "镇": [2, 4, 7], "": []}
