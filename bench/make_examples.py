"""Re-create the three specially encoded sample reports in ``examples/``.

The texts are written in plain simplified Chinese under ``bench/example_sources/``;
this script turns them into the noisy forms that ingest and normalise must
handle, as they occur on real government sites:

- ``jiangbin-district-2022.html``: the report inside a saved government web
  page (navigation, 索引号/发布机构 metadata table, 字体 大中小, 打印本页, 版权所有,
  网站标识码, ICP备 footer), from ``bench/templates/gov_page.html``;
- ``tongxi-county-2019-gb18030.txt``: plain text encoded in GB18030;
- ``yunling-zone-2023-traditional.txt``: traditional characters (OpenCC s2t) with
  tone-marked pinyin in parentheses after about 5% of the characters, as left by
  pinyin-annotating web re-publishers ("建設(shè)").

Generation only: pypinyin is needed here, not at run time.

Example: python bench/make_examples.py
"""

from __future__ import annotations

import html
import random
import re
from pathlib import Path
from string import Template

from opencc import OpenCC
from pypinyin import Style, lazy_pinyin

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "example_sources"
EXAMPLES = HERE.parent / "examples"
HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


def gov_page(text: str, *, site_name: str, jurisdiction: str, publisher: str,
             index_no: str, written: str, published: str, site_code: str,
             icp: str, police_no: str) -> str:
    """The report as the content block of a government site's article page."""
    title, *paragraphs = [line for line in text.splitlines() if line.strip()]
    body = "\n".join(f'    <p style="text-indent:2em">{html.escape(p)}</p>' for p in paragraphs)
    template = Template((HERE / "templates" / "gov_page.html").read_text(encoding="utf-8"))
    return template.substitute(
        title_html=html.escape(title), body_html=body, site_name=site_name,
        jurisdiction=jurisdiction, publisher=publisher, index_no=index_no,
        written=written, published=published, site_code=site_code, icp=icp,
        police_no=police_no)


def pinyin_noise(text: str, *, rate: float = 0.025, seed: int = 7) -> str:
    """Traditional characters with tone-marked pinyin after some of them.

    Pinyin is taken from the simplified text (phrase context gives the right
    reading of polyphones); a picked character's next character is annotated
    too, as the re-publishing tools annotate whole words ("領(lǐng)導(dǎo)").
    """
    readings: dict[int, str] = {}
    for run in HAN_RUN.finditer(text):
        for offset, syllable in enumerate(lazy_pinyin(run.group(), style=Style.TONE)):
            readings[run.start() + offset] = syllable
    traditional = OpenCC("s2t").convert(text)
    if len(traditional) != len(text):
        raise ValueError("s2t changed the text length; per-character alignment is lost")
    rng = random.Random(seed)
    out: list[str] = []
    annotate_next = False
    for i, char in enumerate(traditional):
        out.append(char)
        if i in readings and (annotate_next or rng.random() < rate):
            out.append(f"({readings[i]})")
            annotate_next = not annotate_next
        else:
            annotate_next = False
    return "".join(out)


def main() -> None:
    district = (SOURCES / "jiangbin-district-2022.txt").read_text(encoding="utf-8")
    (EXAMPLES / "jiangbin-district-2022.html").write_text(gov_page(
        district, site_name="江滨区人民政府网", jurisdiction="江滨区",
        publisher="江滨区人民政府办公室", index_no="11440000MB2C93712X/2023-00041",
        written="2023-02-08", published="2023-02-10", site_code="4400000017",
        icp="粤ICP备05016738号", police_no="粤公网安备 44010002000921号"),
        encoding="utf-8")

    county = (SOURCES / "tongxi-county-2019.txt").read_text(encoding="utf-8")
    (EXAMPLES / "tongxi-county-2019-gb18030.txt").write_bytes(county.encode("gb18030"))

    zone = (SOURCES / "yunling-zone-2023.txt").read_text(encoding="utf-8")
    (EXAMPLES / "yunling-zone-2023-traditional.txt").write_text(
        pinyin_noise(zone), encoding="utf-8")


if __name__ == "__main__":
    main()
