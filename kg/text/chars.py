"""Character classes of Chinese text: the one definition of each.

>>> bool(HAN_RE.match("法")), bool(HAN_RE.match("a"))
(True, False)
"""

from __future__ import annotations

import re

# Han ideographs (BMP, extension A, compatibility block, supplementary planes).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_RE = re.compile(f"[{HAN}]")
