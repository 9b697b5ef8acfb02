"""Parameters reach FalkorDB intact, given to the client or written into the
statement by ``FalkorStore.encode`` (as the loader sends its writes)."""

import pytest
from hypothesis import given, settings, strategies as st

HOSTILE = ["plain", "中文，“引号”", 'q"uote', "back\\slash", "end\\", "new\nline\ttab\r",
           "ctl\x01\x1f", "a\\u4e2d", "emoji 😀", "$param // MATCH (n) DETACH DELETE n",
           "`tick`", "{brace}:", ',"key":', "'single'", "", "\u2028"]


@pytest.mark.parametrize("encoded", [False, True], ids=["client", "encode"])
@pytest.mark.parametrize("value", HOSTILE)
def test_strings_round_trip(clean_store, value, encoded):
    row = {"text": value, "n": 1.5, "i": -3, "ok": True, "none": None, "list": [1, "二"]}
    statement = ("UNWIND $rows AS r RETURN r.text, r.n, r.i, r.ok, r.none, r.list", {"rows": [row, row]})
    got = clean_store.query(*(clean_store.encode(*statement) if encoded else statement)).rows
    assert got == [[value, 1.5, -3, True, None, [1, "二"]]] * 2


# NUL ends FalkorDB's query text (normalised text never holds one), and a lone
# surrogate is no character of any text kg reads (it cannot be UTF-8 at all).
@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)),
                        max_size=30), max_size=5))
def test_any_text_round_trips(falkor_store, texts):
    assert falkor_store.query("RETURN $texts", {"texts": texts}).rows == [[texts]]
