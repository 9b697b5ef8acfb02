from __future__ import annotations

import pytest

from kg.errors import KGError
from kg.extract.pipeline import GAZETTEER, Term, load_pipeline, longest


def test_gazetteer_finds_every_form_in_one_pass(nlp):
    terms = nlp.get_pipe(GAZETTEER).find("司法所进驻综治中心，推行“三项制度”")
    found = {(t.form, t.group, t.value) for t in terms}
    assert ("司法所", "Body", "司法所") in found
    assert ("综治中心", "Center", "综治中心") in found
    assert ("三项制度", "Mechanism", "行政执法三项制度") in found


def test_longest_keeps_leftmost_longest_and_same_span_groups():
    terms = [Term(0, 3, "Body", "a", "abc"), Term(0, 5, "Center", "b", "abcde"),
             Term(0, 5, "Actor", "c", "abcde"), Term(3, 6, "Body", "d", "def")]
    terms.sort(key=lambda t: (t.start, -(t.end - t.start), t.group))
    assert [(t.start, t.end, t.value) for t in longest(terms)] == [(0, 5, "c"), (0, 5, "b")]


def test_gazetteer_component_sets_spans_on_a_doc(nlp):
    doc = nlp("镇司法所进驻综治中心")
    assert [(s.text, s.label_) for s in doc.spans["kg_terms"]] == [("镇司法所", "Body"), ("综治中心", "Center")]


@pytest.mark.parametrize("window,name", [
    ("邀请重庆夔府", "重庆夔府"),
    ("新设了攸县金融消费纠纷", "攸县金融消费纠纷"),
    ("和互联网纠纷", "互联网纠纷"),
    ("劳动争议等专业行业", ""),
    ("新装修镇", "镇"),
])
def test_name_boundary_walks_left_to_the_first_stop_token(nlp, window, name):
    doc = nlp(window)
    assert window[doc._.kg_name_start:] == name


def test_missing_model_is_error_e101(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    with pytest.raises(KGError) as err:
        load_pipeline.__wrapped__()
    assert err.value.code == "E101"
    assert "kg models fetch" in str(err.value)
