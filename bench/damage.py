"""The damage real scraped report files carry, as small seeded pure functions.

Each perturbation takes a report's text and a seed and returns the damaged
text (the same seed gives the same text); :data:`PERTURBATIONS` lists them by
name, and :func:`write_damaged` writes a perturbed copy of a file (``gbk``
changes the encoding, not the text). ``bench/perturb.py`` measures how much
extraction suffers from each; ``tests/normalise/test_damage.py`` checks that
it does not. Nothing here is keyed to a particular report.

>>> sorted(PERTURBATIONS) == sorted(NAMES)
True
>>> pdf_lines("第一段很长的句子。" * 6, seed=1).count("\\n") > 0
True
"""

from __future__ import annotations

import html
import random
import re
import zlib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

__all__ = ["NAMES", "PERTURBATIONS", "perturb", "write_damaged"]

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3001-\u303f\uff01-\uff0f\uff1a-\uff20]")
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])")


def _rng(text: str, seed: int) -> random.Random:
    return random.Random(seed * 1_000_003 + zlib.crc32(text.encode("utf-8")))


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _width(char: str) -> float:
    return 0.5 if ord(char) < 0x2000 else 1.0  # ASCII digits and letters are half as wide


def _wrap(paragraph: str, width: int) -> list[str]:
    lines, line, used = [], "", 0.0
    for char in paragraph:
        if used + _width(char) > width and line:
            lines.append(line)
            line, used = "", 0.0
        line += char
        used += _width(char)
    return lines + [line]


def pdf_lines(text: str, seed: int = 0) -> str:
    """Text out of a PDF: each paragraph broken into visual lines of one width
    (25-45 characters a document, an ASCII character half as wide), a line end
    inside sentences and words; paragraphs stay on lines of their own, without
    the blank lines between them.

    >>> lines = pdf_lines("关于二〇二二年度法治政府建设情况的报告\\n\\n" + "法" * 60 + "。", seed=3).split("\\n")
    >>> [len(line) for line in lines]
    [19, 31, 30]
    """
    width = _rng(text, seed).randint(25, 45)
    return "\n".join(line for paragraph in _paragraphs(text) for line in _wrap(paragraph, width))


def _page_number(style: int, page: int, pages: int) -> str:
    return (f"— {page} —", f"- {page} -", f"第 {page} 页 共 {pages} 页", str(page))[style]


def pdf_pages(text: str, seed: int = 0) -> str:
    """:func:`pdf_lines` plus a page number line about every 800 characters, in
    one of four styles a document (``— 3 —``, ``- 3 -``, ``第 3 页 共 12 页``, ``3``).

    >>> pages = pdf_pages("法" * 2000 + "。", seed=0).split("\\n")
    >>> [line for line in pages if "法" not in line]
    ['1', '2']
    """
    rng = _rng(text, seed)
    lines = pdf_lines(text, seed).split("\n")
    style = rng.randrange(4)
    pages = 1 + sum(len(line) for line in lines) // 800
    out, since, page = [], 0, 1
    for line in lines:
        out.append(line)
        since += len(line)
        if since >= rng.randint(700, 900) and page < pages:
            out.append(_page_number(style, page, pages))
            since, page = 0, page + 1
    return "\n".join(out)


def _spaced(line: str, space: str) -> str:
    return "".join(a + (space if _CJK.match(a) and _CJK.match(b) else "") for a, b in zip(line, line[1:] + "\n")).rstrip("\n")


def letter_spacing(text: str, seed: int = 0) -> str:
    """Spaced-out characters of a PDF's title, headings and short lines (the
    signature): a space or an ideographic space between CJK characters.

    >>> letter_spacing("法治政府建设报告\\n一、组织领导\\n正文是很长的一句话，既不是标题，也不是署名。", seed=2)
    '法\\u3000治\\u3000政\\u3000府\\u3000建\\u3000设\\u3000报\\u3000告\\n一 、 组 织 领 导\\n正文是很长的一句话，既不是标题，也不是署名。'
    """
    rng = _rng(text, seed)
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    out = []
    for index, line in enumerate(lines):
        if index == first or _HEADING.match(line) and len(line) <= 30 or 0 < len(line.strip()) <= 20:
            line = _spaced(line, rng.choice((" ", "\u3000", "  ")))
        out.append(line)
    return "\n".join(out)


_FULL_WIDTH = {**{chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F) if chr(c).isalnum()}, "%": "％"}
_FULL_WIDTH_TABLE = str.maketrans(_FULL_WIDTH)


def fullwidth(text: str, seed: int = 0) -> str:
    """ASCII digits, Latin letters and % written full-width.

    >>> fullwidth("2022年调解成功率95.5%，ICP")
    '２０２２年调解成功率９５.５％，ＩＣＰ'
    """
    return text.translate(_FULL_WIDTH_TABLE)


_HALF = {"，": ",", "；": ";", "：": ":", "（": "(", "）": ")"}


def halfwidth_punct(text: str, seed: int = 0) -> str:
    """Chinese punctuation typed half-width (，；：（）), sometimes with a space after
    the comma, semicolon or colon as in English.

    >>> halfwidth_punct("一是（试点）推进，二是完善；三：", seed=0).rstrip()
    '一是(试点)推进,二是完善; 三:'
    """
    rng = _rng(text, seed)
    return re.sub("[，；：（）]", lambda m: _HALF[m[0]] + (" " if m[0] in "，；：" and rng.random() < 0.3 else ""), text)


@lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t.json")


def traditional(text: str, seed: int = 0) -> str:
    """The whole text in traditional characters (OpenCC ``s2t``).

    >>> traditional("法治政府建设情况的报告")
    '法治政府建設情況的報告'
    """
    return _s2t().convert(text)


def crlf_bom(text: str, seed: int = 0) -> str:
    r"""Windows line ends and a UTF-8 byte-order mark.

    >>> crlf_bom("标题\n正文")
    '\ufeff标题\r\n正文'
    """
    return "\ufeff" + text.replace("\r\n", "\n").replace("\n", "\r\n")


def gbk(text: str, seed: int = 0) -> str:
    """The text unchanged: :data:`ENCODINGS` writes it in GB18030.

    >>> gbk("法治")
    '法治'
    """
    return text


_NAV = ("首页", "政务公开", "政府信息公开", "政策文件", "互动交流", "办事服务")


def saved_page(text: str, seed: int = 0) -> str:
    """The text in a saved web page: ``<title>``, a nav bar, a breadcrumb, font
    and print buttons, one ``<p>`` a paragraph, a footer with 版权所有,
    网站标识码 and an ICP number.

    >>> page = saved_page("法治政府建设情况的报告\\n一、总体情况")
    >>> page.count("<p>"), "<title>法治政府建设情况的报告_" in page, "网站标识码" in page
    (4, True, True)
    """
    rng = _rng(text, seed)
    paragraphs = _paragraphs(text)
    title = paragraphs[0] if paragraphs else ""
    nav = "".join(f'<li><a href="/{i}/">{name}</a></li>' for i, name in enumerate(_NAV))
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    code = "99" + "".join(str(rng.randrange(10)) for _ in range(8))  # no division's code
    return (
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)}_政府门户网站</title></head>\n<body>\n"
        f'<div class="header"><ul class="nav">{nav}</ul></div>\n'
        '<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 法治政府建设</div>\n'
        '<div class="tools">字体：<a>大</a> <a>中</a> <a>小</a> 【打印本页】【关闭窗口】</div>\n'
        f'<div class="article">\n{body}\n</div>\n'
        '<div class="share">分享到：微信 微博 扫一扫在手机打开当前页</div>\n'
        '<div class="footer"><p>主办：政府办公室 版权所有 联系我们 网站地图</p>'
        f"<p>网站标识码：{code} 备案号：ICP备{code[:8]}号</p></div>\n</body></html>\n"
    )


Perturbation = Callable[[str, int], str]

PERTURBATIONS: dict[str, Perturbation] = {
    "pdf-lines": pdf_lines,
    "pdf-pages": pdf_pages,
    "letter-spacing": letter_spacing,
    "fullwidth": fullwidth,
    "halfwidth-punct": halfwidth_punct,
    "traditional": traditional,
    "crlf-bom": crlf_bom,
    "gbk": gbk,
    "html": saved_page,
}
NAMES = tuple(PERTURBATIONS)
ENCODINGS = {"gbk": "gb18030"}


def perturb(name: str, text: str, seed: int = 0) -> str:
    """``text`` with the damage ``name`` (a key of :data:`PERTURBATIONS`)."""
    return PERTURBATIONS[name](text, seed)


def write_damaged(name: str, source: Path, target: Path, seed: int = 0) -> None:
    """A perturbed copy of the UTF-8 report ``source`` at ``target``.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("法治政府建设报告", encoding="utf-8")
    >>> write_damaged("gbk", folder / "a.txt", folder / "b.txt")
    >>> (folder / "b.txt").read_bytes() == "法治政府建设报告".encode("gb18030")
    True
    """
    text = source.read_text(encoding="utf-8-sig")
    target.write_bytes(perturb(name, text, seed).encode(ENCODINGS.get(name, "utf-8")))
