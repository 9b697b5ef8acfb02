"""Bytes to text: encoding detected from the bytes, not the file name.

Byte-order marks decide first; then strict UTF-8 (the common case, and
cheap); then charset-normalizer. Files in the GB family are decoded as
GB18030, the superset of GB2312 and GBK.

>>> decode_text("世界".encode("gb18030") * 20, "a.txt")[:4]
'世界世界'
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from kg.errors import Errors, KGError
from kg.text.chars import HAN_RE

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936"}
_BIG5_FAMILY = {"big5", "big5hkscs", "cp950"}
# Bytes that never occur in text (NUL and C0 controls other than \t \n \r \f \x1b).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
# charset-normalizer looks at a sample of this many bytes; a multi-megabyte
# file is judged from its beginning.
_SAMPLE_BYTES = 1 << 20
_PLAUSIBLE_RE = re.compile(
    r"[\t\n\r\x20-\x7e\u00a0-\u00ff\u2000-\u206f\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]"
)


def decode_text(data: bytes, path: str) -> str:
    """Decode a text file's bytes, or raise the KGError saying why not."""
    if not data.strip():
        raise KGError(Errors.E006, path=path)
    text = _decode(data, path)
    if not HAN_RE.search(text):
        raise KGError(Errors.E008, path=path)
    return text


def _decode(data: bytes, path: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as err:
                raise KGError(Errors.E009, path=path, offset=err.start) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        utf8_error = err
    sample = data[:_SAMPLE_BYTES]
    utf16 = _utf16_without_bom(sample)
    if utf16:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError as err:
            raise KGError(Errors.E009, path=path, offset=err.start) from None
    if _looks_binary(sample):
        raise KGError(Errors.E007, path=path, reason=_binary_reason(sample))
    fallback = None
    for encoding in _ranked_encodings(sample):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if HAN_RE.search(text):
            return text
        fallback = fallback or text
    # No decoding gives Chinese. Chinese UTF-8 with broken bytes in it is
    # undecodable; otherwise the file is text without Chinese (E008).
    if fallback is None or HAN_RE.search(data[: utf8_error.start].decode("utf-8")):
        raise KGError(Errors.E009, path=path, offset=utf8_error.start)
    return fallback


def _ranked_encodings(sample: bytes) -> list[str]:
    """Encodings to try, the one giving the most Chinese sample first.

    charset-normalizer proposes encodings (in its order); GB18030 and
    Big5-HKSCS are always tried too. Reports are Chinese, so a decoding with
    clearly fewer Han characters in the sample (Korean cp949 read from GBK
    bytes) ranks lower; near ties keep the detector's order (Big5 vs
    GB18030). UTF-16/32 without a BOM was decided before, more strictly
    than the detector does, so its guesses of those are ignored.
    """
    proposed = [match.encoding for match in charset_normalizer.from_bytes(sample)]
    names = []
    for encoding in proposed + ["gb18030", "big5hkscs"]:
        name = encoding.lower().replace("_", "").replace("-", "")
        if name.startswith(("utf16", "utf32")):
            continue
        names.append("gb18030" if name in _GB_FAMILY else "big5hkscs" if name in _BIG5_FAMILY else encoding)
    scored = []
    for rank, encoding in enumerate(dict.fromkeys(names)):
        try:
            text = codecs.getincrementaldecoder(encoding)().decode(sample[:20000], final=False)
        except (UnicodeDecodeError, LookupError):
            continue
        scored.append((len(HAN_RE.findall(text)), rank, encoding))
    most = max((score for score, _, _ in scored), default=0)
    return [encoding for score, _, encoding in sorted(scored, key=lambda s: (s[0] < 0.9 * most, s[1]))]


def _looks_binary(sample: bytes) -> bool:
    if not sample:
        return False
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return b"\x00" in sample or controls / len(sample) > 0.05


def _utf16_without_bom(sample: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when the sample is Chinese UTF-16 without a BOM.

    Detectors are unreliable here. It is UTF-16 when a strict decode of the
    first 4,000 bytes gives text that is almost all Han characters, CJK
    punctuation or printable ASCII, with Han characters in it.
    """
    head = sample[:4000]
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        plausible = len(_PLAUSIBLE_RE.findall(text))
        if text and HAN_RE.search(text) and plausible >= 0.95 * len(text):
            return encoding
    return None


def _binary_reason(sample: bytes) -> str:
    return "contains NUL bytes" if b"\x00" in sample else "contains control bytes"
