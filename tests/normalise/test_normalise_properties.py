"""Property tests: normalise() never fails and its offset map stays sound."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.ingest import RawDocument
from kg.normalise import normalise
from kg.text.clean import normalise_text

HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
PINYIN = st.sampled_from(["(shè)", "(lǐng)", "(dǎo)", "（xiàn）", "(zé)", "F(xiàn)", "(guǎn lǐ)"])
NOISE = st.sampled_from(["\n扫一扫在手机打开当前页\n", "\r\n", "　", "  ", "\t", "\x00", "\u200b",
                         "e\u0301", "，", ",", "(", ")", "（", "）", "２", "Ａ", "\n\n", "版权所有\n"])
MIXED = st.lists(st.one_of(st.text(max_size=20), HAN, PINYIN, NOISE), max_size=60).map("".join)


def check(raw: str) -> None:
    doc = normalise(RawDocument("p.txt", raw))
    offsets = [doc.to_original(i) for i in range(len(doc.text) + 1)]
    assert all(0 <= o <= len(raw) for o in offsets)
    assert offsets == sorted(offsets)
    again = normalise(RawDocument("p.txt", raw))
    assert again.text == doc.text and again.metadata == doc.metadata


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_arbitrary_unicode(raw):
    check(raw)


@settings(max_examples=300, deadline=None)
@given(MIXED)
def test_mixed_scripts_noise_and_pinyin(raw):
    check(raw)


@settings(max_examples=30, deadline=None)
@given(st.text(alphabet=st.sampled_from("法治政府建設(shè) ,\n"), min_size=2000, max_size=6000))
def test_long_lines(raw):
    check(raw)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(HAN, st.one_of(st.none(), PINYIN.filter(lambda p: not p.startswith("F")))),
                min_size=1, max_size=40))
def test_pinyin_noise_is_removed_and_han_maps_back(pairs):
    raw = "".join(char + (pinyin or "") for char, pinyin in pairs)
    doc = normalise(RawDocument("p.txt", raw))
    # Every Han character survives, in order, and maps back to a raw
    # character that converts to it (t2s may simplify it).
    assert len(doc.text) == len(pairs)
    for i, char in enumerate(doc.text):
        original = raw[doc.to_original(i)]
        assert normalise_text(original) == char
