"""Mutation fuzzing of the file readers: .docx, .pdf and .html that are almost right.

Each case starts from a small valid report file and breaks it the way damaged,
truncated or hostile files are broken: bytes flipped, spans cut or repeated,
the file truncated, XML or PDF syntax inserted, a .docx part rewritten with
malformed XML, dropped, or given a wrong content type, HTML nested deeply.
Every case is read, normalised and extracted as ``kg extract`` does for one
file. The outcome must be a record or a coded error (kg/errors.py); anything
else is counted as "uncoded" and printed. The same seed gives the same cases.

The test suite runs a few hundred cases (tests/reliability/test_hostile_files.py);
for a bigger run:

    python bench/fuzz_inputs.py -n 2000 --seed 1

``--bombs DIR`` writes two hostile .docx instead, for timing ``kg extract`` on
them (docs/reliability.md): ``bomb.docx``, about 1 MB whose document.xml
unpacks to 1 GiB, and ``paragraphs.docx``, 10.5 million empty paragraphs.
"""

from __future__ import annotations

import argparse
import logging
import io
import random
import sys
import time
import traceback
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import docx
from pypdf import PdfWriter
from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject, NameObject,
                           NumberObject, TextStringObject)

from kg.errors import KGError
from kg.extract import extract_document
from kg.ingest import read_bytes
from kg.records import record_line
from kg.run import normalise_raw

LINES = ["青石镇2021年法治政府建设情况报告",
         "2021年，青石镇司法所进驻镇综治中心，推行“访调”对接机制，全年调解纠纷56件，调解成功率98.5%。",
         "镇政府聘请律师担任法律顾问，审核合同18份。"]
TITLE = "青石镇2021年法治政府建设情况报告"


def docx_report() -> bytes:
    document = docx.Document()
    document.core_properties.title = TITLE
    document.core_properties.author = "青石镇人民政府"
    for line in LINES:
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(1, 1).text = "调解纠纷", "56件"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def text_pdf(lines: list[str], password: str | None = None, title: str | None = None) -> bytes:
    """A PDF whose text layer holds ``lines`` (any Unicode), no font file needed.

    The text is shown with an Identity-H font and a ToUnicode map, which is
    what text extraction reads; no embedded glyphs are required for that.
    """
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    codes = sorted({ord(c) for line in lines for c in line})
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            f"{len(codes)} beginbfchar\n" + "".join(f"<{c:04X}> <{c:04X}>\n" for c in codes)
            + "endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end")
    to_unicode = DecodedStreamObject()
    to_unicode.set_data(cmap.encode())
    name = NameObject
    cid_font = DictionaryObject({
        name("/Type"): name("/Font"), name("/Subtype"): name("/CIDFontType2"),
        name("/BaseFont"): name("/STSong-Light"),
        name("/CIDSystemInfo"): DictionaryObject({
            name("/Registry"): TextStringObject("Adobe"), name("/Ordering"): TextStringObject("Identity"),
            name("/Supplement"): NumberObject(0)}),
    })
    font = DictionaryObject({
        name("/Type"): name("/Font"), name("/Subtype"): name("/Type0"),
        name("/BaseFont"): name("/STSong-Light"), name("/Encoding"): name("/Identity-H"),
        name("/DescendantFonts"): ArrayObject([writer._add_object(cid_font)]),
        name("/ToUnicode"): writer._add_object(to_unicode),
    })
    page[name("/Resources")] = DictionaryObject(
        {name("/Font"): DictionaryObject({name("/F1"): writer._add_object(font)})})
    ops = ["BT /F1 12 Tf 14 TL 50 800 Td"]
    ops += ["<" + "".join(f"{ord(c):04X}" for c in line) + "> Tj T*" for line in lines]
    ops.append("ET")
    content = DecodedStreamObject()
    content.set_data("\n".join(ops).encode())
    page[name("/Contents")] = writer._add_object(content)
    if title is not None:
        writer.add_metadata({"/Title": title, "/Author": title})
    if password is not None:
        writer.encrypt(user_password=password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def html_report() -> bytes:
    body = "".join(f"<p>{line}</p>" for line in LINES)
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{TITLE}</title>'
            f'<meta name="ArticleTitle" content="{TITLE}"><meta name="PubDate" content="2022-01-15">'
            f'</head><body><div class="nav">首页 &gt; 政务公开</div><table><tr><td>索引号：</td>'
            f'<td>1137/2022-00017</td></tr></table><div class="article"><h1>{TITLE}</h1>{body}'
            f'</div><div class="footer">版权所有：青石镇人民政府</div></body></html>').encode()


# Syntax worth inserting into each kind of file.
TOKENS = {
    "xml": [b"<", b">", b"/>", b"</w:t>", b"<w:p>", b"<w:r><w:t>", b"&x;", b"&#0;", b'"', b"=",
            b"<!DOCTYPE d [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>", b"\x00", b"\xff\xfe", b"w:val=\"x\""],
    "pdf": [b"obj", b"endobj", b"stream", b"endstream", b"/Length 99999999", b"<<", b">>", b"[", b"]",
            b"/Filter /FlateDecode", b"xref", b"trailer", b"startxref", b"\x00", b" R ", b"-1",
            b"/Title (\x00\x01bad)", b"9999999999 0 obj", b"/Kids [1 0 R]", b"/Count -5", b"(", b")"],
    "html": [b"<div>", b"</p>", b"<script>", b"<!--", b"&#0;", b"&#xD800;", b"\x00", b"<table>",
             b'<meta charset="utf-16">', b"<html>", b"<div>" * 300, b"<title>\x00\x07</title>",
             b"<noscript>", b"]]>", b"<![CDATA[", b"\xe6\xb3"],
}


def mutate_bytes(data: bytes, tokens: list[bytes], rng: random.Random) -> bytes:
    """One to five byte-level edits: flip, cut, repeat, insert syntax, truncate."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 5)):
        if not out:
            break
        at = rng.randrange(len(out))
        edit = rng.randrange(5)
        if edit == 0:
            out[at] = rng.randrange(256)
        elif edit == 1:
            del out[at:at + rng.randint(1, 64)]
        elif edit == 2:
            out[at:at] = out[at:at + rng.randint(1, 64)]
        elif edit == 3:
            out[at:at] = rng.choice(tokens)
        else:
            del out[at:]
    return bytes(out)


def mutate_docx(data: bytes, rng: random.Random) -> bytes:
    """A valid zip with one part broken, dropped or mistyped, or a broken zip."""
    if rng.random() < 0.15:
        return mutate_bytes(data, [b"PK\x03\x04", b"PK\x01\x02", b"\x00" * 8], rng)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    target = rng.choice(sorted(parts))
    choice = rng.random()
    if choice < 0.1:
        del parts[target]
    elif choice < 0.2:
        types = parts.get("[Content_Types].xml", b"")
        parts["[Content_Types].xml"] = types.replace(
            b"wordprocessingml.document.main+xml", rng.choice([b"xml", b"wordprocessingml.styles+xml", b""]))
    else:
        parts[target] = mutate_bytes(parts[target], TOKENS["xml"], rng)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, body in parts.items():
            package.writestr(name, body)
    return out.getvalue()


def cases(seed: int, per_format: int) -> Iterator[tuple[str, bytes]]:
    """``(file name, bytes)``: ``per_format`` mutated files of each kind, interleaved."""
    rng = random.Random(seed)
    seeds = {"docx": docx_report(), "pdf": text_pdf(LINES, title=TITLE), "html": html_report()}
    mutators: dict[str, Callable[[bytes, random.Random], bytes]] = {
        "docx": mutate_docx,
        "pdf": lambda data, r: mutate_bytes(data, TOKENS["pdf"], r),
        "html": lambda data, r: mutate_bytes(data, TOKENS["html"], r),
    }
    for index in range(per_format):
        for suffix, data in seeds.items():
            yield f"fuzz{index:05d}.{suffix}", mutators[suffix](data, rng)


def outcome(name: str, data: bytes) -> str:
    """What ``kg extract`` makes of one file: "record", an error code, or
    "uncoded <exception>" when something escapes without a code."""
    try:
        record = extract_document(normalise_raw(read_bytes(name, data)))
        record_line(record)
    except KGError as err:
        return err.code
    except Exception as err:  # noqa: BLE001 - what the fuzzing looks for
        return f"uncoded {type(err).__name__}"
    return "record"


def run(seed: int, per_format: int, show: Callable[[str], None] | None = None) -> Counter:
    """Counts of outcomes by ``(format, outcome)``; ``show`` gets each uncoded traceback."""
    counts: Counter = Counter()
    for name, data in cases(seed, per_format):
        result = outcome(name, data)
        counts[name.rsplit(".", 1)[1], result] += 1
        if result.startswith("uncoded") and show is not None:
            try:
                extract_document(normalise_raw(read_bytes(name, data)))
            except Exception:  # noqa: BLE001
                show(f"{name}: {traceback.format_exc(limit=-3)}")
    return counts


def write_bombs(folder: Path) -> None:
    """bomb.docx (1 GiB of document.xml) and paragraphs.docx (10.5 M empty paragraphs)."""
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(io.BytesIO(docx_report())) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    head = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    for name, chunk, count in (("bomb.docx", b" " * (1 << 20), 1024), ("paragraphs.docx", b"<w:p/>" * 10_500, 1000)):
        with zipfile.ZipFile(folder / name, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
            for part, body in parts.items():
                if part != "word/document.xml":
                    package.writestr(part, body)
            with package.open("word/document.xml", "w", force_zip64=True) as document:
                document.write(head)
                for _ in range(count):
                    document.write(chunk)
                document.write(b"</w:body></w:document>")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=1000, help="mutated files per format")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--bombs", type=Path, metavar="DIR", help="write the two hostile .docx there instead")
    args = parser.parse_args(argv)
    if args.bombs:
        write_bombs(args.bombs)
        return 0
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings on every broken file
    started = time.perf_counter()
    counts = run(args.seed, args.n, show=lambda text: print(text, file=sys.stderr))
    seconds = time.perf_counter() - started
    print(f"{args.n} mutated files per format, seed {args.seed}, {seconds:.0f} s")
    print("| format | outcome | files |\n|---|---|---|")
    for (fmt, result), count in sorted(counts.items()):
        print(f"| {fmt} | {result} | {count} |")
    return 1 if any(result.startswith("uncoded") for _, result in counts) else 0


if __name__ == "__main__":
    sys.exit(main())
