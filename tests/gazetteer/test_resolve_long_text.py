"""Placing names in a long text: by where the words stand (one index), never a
pass over the whole text per name or candidate, with the answers the
whole-text look-ups gave."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.places import place_jurisdictions
from kg.gazetteer import Context, gazetteer, place, text_index
from kg.gazetteer.resolve import _written_in_front
from kg.gazetteer.superiors import kinds_without, superior_kinds
from kg.model import Entity

NAME = "紫水乡"
ANCESTORS = gazetteer().chain(gazetteer().candidates(NAME)[0].code)[:-1]  # 重庆市, 开州区


def _in_front_by_pattern(ancestors, name, headline, text):
    """The definition: one pattern of the forms run up to the name, over the
    whole headline and text with the name written out as \\0."""
    g = gazetteer()
    forms = {f: a.code for a in ancestors for f in g.written_forms(a.code)}
    pattern = re.compile("(?:" + "|".join(map(re.escape, sorted(forms, key=len, reverse=True))) + ")+\0")
    found = set()
    for where in (headline.replace(name, "\0"), text.replace(name, "\0")):
        for match in pattern.finditer(where):
            found |= {code for form, code in forms.items() if form in match[0]}
    return found


# pieces: the forms of 重庆市 and 开州区 (开州, 开县 …), bits of them, the name, other words
pieces = st.sampled_from(["重庆市", "重庆", "开州区", "开州", "开县", "州区", "市", "县", "开", "重",
                          NAME, "水乡", "，", "召开会议", "在"])


@settings(max_examples=300, deadline=None)
@given(st.lists(pieces, max_size=25), st.lists(pieces, max_size=6))
def test_the_forms_written_in_front_of_a_name_are_those_the_whole_text_pattern_finds(text, headline):
    text, headline = "".join(text), "".join(headline)
    context = Context(headline=headline, text=text, index=text_index(text, [NAME]))
    assert _written_in_front(ANCESTORS, NAME, context) == _in_front_by_pattern(ANCESTORS, NAME, headline, text)


def test_a_parent_written_in_front_of_one_of_many_mentions_places_the_name():
    text = "龙溪镇召开会议，部署依法行政工作。" * 3000 + "巫山县龙溪镇推进法治建设。" + "龙溪镇完善制度。" * 3000
    placement = place("龙溪镇", "town", Context(text=text, index=text_index(text, ["龙溪镇"])))
    assert placement.status == "resolved" and placement.code == "500237104"
    assert "巫山县 named written with it" in placement.evidence


def test_a_parent_named_anywhere_else_in_a_long_text_is_evidence_and_the_name_itself_is_not():
    text = "龙溪镇召开会议。" * 3000 + "全县各乡镇推进法治建设，重庆市巫山县委部署。" + "龙溪镇完善制度。" * 3000
    placement = place("龙溪镇", "town", Context(text=text, index=text_index(text, ["龙溪镇"])))
    assert placement.code == "500237104" and "巫山县 named in the text" in placement.evidence
    assert placement == place("龙溪镇", "town", Context(text=text))  # the same without the index
    alone = "长岭镇召开会议。" * 3000  # 长岭 in 长岭镇 does not name 长岭县
    assert place("长岭镇", "town", Context(text=alone, index=text_index(alone, ["长岭镇"]))).status == "unresolved"


def test_placing_a_record_s_jurisdictions_looks_up_only_words_indexed_up_front():
    names = ["龙溪镇", "巫山县", "紫水乡", "城中区", "潍坊高新区", "白河乡"]
    text = "".join(f"{n}召开会议。巫山县{n}推进工作。" for n in names) * 200
    entities = [Entity(id=f"j{i + 1}", type="Jurisdiction", name=n, mentions=[]) for i, n in enumerate(names)]
    index = text_index(text, names)
    indexed = set(index._starts)
    seen = []
    original = index.starts

    def starts(word):
        seen.append(word)
        return original(word)

    index.starts = starts
    context = Context(text=text, index=index)
    for name in names:
        place(name, None, context)
    assert seen and set(seen) <= indexed
    # and the run layer's call gives every jurisdiction its place
    _, placed = place_jurisdictions(None, entities, text, None, None)
    assert [e.resolution.status for e in placed] == [place(n, None, Context(text=text)).status for n in names]


organ_pieces = st.sampled_from(["区委", "区政府", "县委", "县政府", "旗委", "社区委员会", "在", "，", "桃源镇", "镇区",
                                "宝山区", "区", "委", "政府", "按照"])


@settings(max_examples=300, deadline=None)
@given(st.lists(organ_pieces, max_size=20), st.sampled_from(["桃源镇", "宝山区", "区委", "镇区", "山区委"]))
def test_the_organs_named_bare_without_a_name_are_those_of_the_text_with_the_name_written_out(pieces, name):
    text = "".join(pieces)
    where = text_index(text, [name])
    assert kinds_without(where, name) == superior_kinds(text.replace(name, "\0"))


def test_doctests():
    import doctest

    import kg.gazetteer.below
    import kg.gazetteer.infront
    import kg.gazetteer.resolve
    import kg.gazetteer.superiors

    for module in (kg.gazetteer.below, kg.gazetteer.infront, kg.gazetteer.resolve, kg.gazetteer.superiors):
        assert doctest.testmod(module).failed == 0


def _named_below_by_scan(division, ancestors, named, name):
    """The definition: every place named (but the name), in the order of
    their names, gives its deepest qualifying ancestor if it has none yet."""
    g = gazetteer()
    own = {a.code for a in ancestors} | {division.code}
    found = {}
    for place in sorted(named - {name}):
        carriers = g.candidates(place)
        if not carriers or any(c.code in own for c in carriers):
            continue
        chains = [{d.code for d in g.chain(c.code)} for c in carriers]
        for ancestor in reversed(ancestors):
            inside = sum(ancestor.code in chain for chain in chains)
            if inside == len(chains):
                found.setdefault(ancestor.code, f"{place}, which lies in {ancestor.name}, named in the text")
                break
            if inside and len(chains) <= 3 and ancestor.level != "province":
                found.setdefault(ancestor.code, f"{place}, one of {len(chains)} places so named, one of them "
                                                f"in {ancestor.name}, named in the text")
                break
    return found


def test_the_places_named_under_a_candidate_are_those_a_scan_of_every_place_finds():
    """named_below looks only at the places under the candidate's ancestors (an
    index per text: every place against every other was quadratic in a text
    naming thousands), with the answers of the scan of them all."""
    import random

    from kg.gazetteer.below import named_below

    g = gazetteer()
    # places of a few prefectures, so that they share ancestors, and names many divisions carry
    pool = sorted({d.name for d in g.by_code.values()
                   if d.level in ("town", "township", "county", "district") and d.code[:4] in ("5002", "5001", "4501")}
                  | {"龙溪镇", "城关镇", "大昌镇", "建平乡", "白河乡", "新华街道"})
    rng = random.Random(20261205)
    for _ in range(60):
        named = frozenset(rng.sample(pool, 40))
        name = rng.choice(sorted(named))
        for division in g.candidates(name):
            ancestors = g.chain(division.code)[:-1]
            assert named_below(division, ancestors, named, name) == _named_below_by_scan(division, ancestors,
                                                                                          named, name)
