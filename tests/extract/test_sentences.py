from __future__ import annotations

from kg.extract.sentences import sentence_of, sentence_status, split_sentences


def test_sentences_split_on_final_punctuation_and_lines_with_offsets():
    text = "一、总体情况\n  成立了中心；聘请了律师。问题？\n"
    chunks = split_sentences(text)
    assert [c.text for c in chunks] == ["一、总体情况", "成立了中心；", "聘请了律师。", "问题？"]
    assert all(text[c.start:c.end] == c.text for c in chunks)
    assert [c.index for c in chunks] == [0, 1, 2, 3]
    find = sentence_of(chunks)
    assert find(text.index("律师")) == 2


def test_planned_section_lasts_until_the_next_heading_of_its_level():
    text = ("一、主要工作\n新建了调解室。推行网格化。\n二、存在问题\n（一）决策有待加强。\n"
            "三、下一步工作计划\n完善制度。\n四、其他\n推行网格化。")
    status = sentence_status(split_sentences(text))
    assert status == ["in_place", "new", "in_place", "planned", "planned",
                      "planned", "planned", "in_place", "in_place"]


def test_planned_words_mark_a_single_sentence():
    chunks = split_sentences("推行网格化。明年将推行一网通办。")
    assert sentence_status(chunks) == ["in_place", "planned"]
