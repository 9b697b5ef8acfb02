"""Fuzzing the whole extractor: arbitrary text in, a valid, traceable record out.

Every generated text goes through :func:`kg.run.extract_text`. Whatever
the text, extraction must not raise; every mention must slice back to its
text in the normalised text and lie in its sentence; every evidence span must
lie in its sentence; the record must validate as a
:class:`~kg.model.DocumentRecord`; and the same text must give the same JSON.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.run import extract_text
from kg.ingest import RawDocument
from kg.lexicon import load_lexicon
from kg.model import DocumentRecord
from kg.normalise import normalise

pytestmark = pytest.mark.slow

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Character pools: common Han, traditional forms, other scripts, controls.
HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
TRADITIONAL = st.sampled_from("們體門當專業務與實機關鄉鎮區縣調處組織來為國書說論")
OTHER_SCRIPTS = st.sampled_from("abcXYZ αβγ абв 가나다 かなカナ ٠١٢ अआ ①②③ ＡＢ１２ ")
CONTROLS = st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Co"])
PUNCT = st.sampled_from("，。、；：？！“”‘’（）《》【】「」—…·%％+＋/\\\"'{}$()\n\r\t ")
DIGITS = st.sampled_from("0123456789０１２３４５６７８９.．")
PINYIN_NOISE = st.builds(
    lambda word, py: f"{word}({py})",
    st.sampled_from(["建設", "調解", "司法", "綜治", "法治"]),
    st.sampled_from(["shè", "jiàn", "tiáo", "sī fǎ", "zōng zhì", "fǎ"]))


def _vocabulary() -> list[str]:
    lex = load_lexicon()
    forms = set(lex.institution_forms()) | set(lex.mechanism_forms()) | set(lex.role_forms())
    return sorted(forms)


VOCABULARY = st.sampled_from(_vocabulary())
PLACES = st.builds(lambda a, b: a + b, st.text(HAN, min_size=1, max_size=3),
                   st.sampled_from(["省", "市", "县", "区", "镇", "乡", "街道", "村", "社区"]))
FIGURES = st.builds(lambda n, u: f"{n}{u}", st.integers(0, 10**7).map(str) | st.floats(0, 100).map(
    lambda f: f"{f:.2f}"), st.sampled_from(["%", "％", "件", "人", "个", "余件", "万元", "场次", ""]))

GENRE_PIECE = st.one_of(VOCABULARY, PLACES, FIGURES, PINYIN_NOISE, st.text(HAN, max_size=8),
                        PUNCT, DIGITS, st.just("“"), st.just("”"), st.just("\n"))
GENRE_TEXT = st.lists(GENRE_PIECE, max_size=80).map("".join)
QUOTED = st.builds(lambda inner, cue: f"“{inner}”{cue}", st.one_of(VOCABULARY, GENRE_TEXT.map(
    lambda t: t[:14])), st.sampled_from(["", "机制", "模式", "工作法", "制度", "对接"]))
HEADING = st.sampled_from(["一、主要工作", "（一）", "二、存在的问题和不足", "三、下一步工作打算",
                           "2021年，", "今年以来，", "下一步，"])
REPORT = st.builds(
    lambda place, year, body: f"{place}{year}年法治政府建设情况报告\n" + "\n".join(body),
    PLACES, st.integers(1990, 2035),
    st.lists(st.lists(st.one_of(HEADING, QUOTED, GENRE_PIECE), max_size=30).map("".join), max_size=8))


def check_record(text: str) -> DocumentRecord:
    """Extract ``text`` twice and check everything the record promises."""
    norm = normalise(RawDocument("<fuzz>", text)).text
    record = extract_text(text, source="<fuzz>")
    again = extract_text(text, source="<fuzz>")
    assert record.model_dump_json() == again.model_dump_json()  # deterministic
    DocumentRecord.model_validate_json(record.model_dump_json())  # the contract holds

    chunks = record.chunks
    assert [c.index for c in chunks] == list(range(len(chunks)))
    for chunk in chunks:
        assert norm[chunk.start:chunk.end] == chunk.text

    def inside_sentence(span) -> None:
        assert 0 <= span.start <= span.end <= len(norm)
        assert span.sentence < len(chunks)
        chunk = chunks[span.sentence]
        assert chunk.start <= span.start and span.end <= chunk.end, (span, chunk)

    ids = {e.id for e in record.entities} | {"j0"}
    for entity in record.entities:
        for mention in entity.mentions:
            assert norm[mention.start:mention.end] == mention.text, (entity, mention)
            inside_sentence(mention)
    for relation in record.relations:
        assert {relation.source, relation.target} <= ids
        inside_sentence(relation.evidence)
    for indicator in record.indicators:
        assert indicator.entity in ids
        inside_sentence(indicator.evidence)
    return record


@FUZZ
@given(st.text(max_size=400))
def test_arbitrary_unicode(text):
    check_record(text)


@FUZZ
@given(st.lists(st.one_of(HAN, TRADITIONAL, OTHER_SCRIPTS, CONTROLS, PUNCT, DIGITS), max_size=300)
       .map("".join))
def test_mixed_scripts_and_control_characters(text):
    check_record(text)


@FUZZ
@given(st.lists(st.one_of(PINYIN_NOISE, TRADITIONAL, VOCABULARY, PUNCT), max_size=60).map("".join))
def test_pinyin_noise_and_traditional_characters(text):
    check_record(text)


@FUZZ
@given(GENRE_TEXT)
def test_vocabulary_glued_with_chinese_digits_and_percent_signs(text):
    check_record(text)


@FUZZ
@given(REPORT)
def test_report_shaped_text_with_headings_and_quoted_names(text):
    check_record(text)


@settings(max_examples=8, deadline=None)
@given(GENRE_PIECE.filter(lambda s: "\n" not in s and s.strip()), st.integers(2_000, 20_000))
def test_very_long_lines(piece, length):
    line = (piece * (length // max(len(piece), 1) + 1))[:length]
    check_record("某镇2021年法治政府建设情况报告\n" + line + "\n")


def test_vocabulary_text_yields_entities():
    """The fuzzed vocabulary does reach the extractor's rules (not only the empty paths)."""
    record = check_record("青石镇2021年法治政府建设情况报告\n2021年，青石镇司法所进驻镇综治中心，"
                          "推行“访调”对接机制，调解成功率98.5%。")
    assert {e.type for e in record.entities} >= {"Body", "Center", "Mechanism"}
    assert record.indicators


# Slogan-like names quoted in “”, 《》, 「」 or 『』 that end in ！ or ？ (or hold
# one inside): the sentence must not end inside the quotation, so that a
# mention of the name lies in one sentence (kg/extract/sentences.py).
SLOGAN = st.builds(
    lambda pair, head, end, tail, cue: f"{pair[0]}{head}{end}{tail}{pair[1]}{cue}",
    st.sampled_from(["“”", "《》", "「」", "『』"]),
    st.one_of(VOCABULARY, st.text(HAN, min_size=2, max_size=8)),
    st.sampled_from(["！", "？", "!", "?", "！！", "？！"]),
    st.one_of(st.just(""), st.just(" "), st.text(HAN, min_size=1, max_size=8)),
    st.sampled_from(["", "机制", "工作法", "模式", "制度", "品牌", "活动"]))
SLOGAN_REPORT = st.builds(
    lambda place, body: f"{place}2021年法治政府建设情况报告\n" + "".join(body),
    PLACES, st.lists(st.one_of(SLOGAN, GENRE_PIECE, st.sampled_from(["推行", "建立", "开展", "，", "。"])),
                     max_size=40))


@FUZZ
@given(SLOGAN_REPORT)
def test_quoted_names_ending_in_exclamation_or_question_marks_stay_in_their_sentence(text):
    check_record(text)


def test_examples_and_generated_reports_with_slogans_keep_every_span_in_its_sentence():
    import random
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    sys.path.insert(0, str(root / "bench"))
    from gen_corpus import generate_report  # noqa: E402 - the synthetic corpus of bench/
    from kg.ingest import read_paths

    texts = [doc.text for doc in read_paths([root / "examples"]) if isinstance(doc, RawDocument)]
    assert len(texts) >= 5
    rng = random.Random(19)
    slogans = ["“有事好商量！大家来评理”工作法", "《法治护航？》活动", "「说事评理!」", "『有事好商量！』机制",
               "“枫桥经验好！ ”"]
    for index in range(4):
        lines = generate_report(19, index)[1].splitlines()
        for _ in range(6):  # slogans put at sentence starts and ends of random lines
            i = rng.randrange(1, len(lines))
            lines[i] = rng.choice(["推行", "开展", ""]) + rng.choice(slogans) + "，" + lines[i]
        texts.append("\n".join(lines))
    for text in texts:
        check_record(text)
