"""The browser libraries the HTML of `kg explore` and `kg viz` use, shipped in the package.

Cytoscape.js, its fCoSE layout (with layout-base and cose-base) and its SVG
exporter come from npm, pinned by ``web/package-lock.json``; ``make assets``
copies their browser builds into ``kg/web/vendor/`` (git-ignored, package
data of a wheel). Nothing is ever loaded from a CDN, so the pages work offline.

>>> [path.name for path in SCRIPTS][:2]
['cytoscape.min.js', 'layout-base.js']
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import Errors, KGError

VENDOR = Path(__file__).resolve().parent / "vendor"
# In load order: each builds on the ones before it.
SCRIPTS = tuple(VENDOR / name for name in (
    "cytoscape.min.js", "layout-base.js", "cose-base.js", "cytoscape-fcose.js", "cytoscape-svg.js"))


def check_assets() -> None:
    """E601 when the JavaScript was never copied into the package."""
    missing = [path.name for path in SCRIPTS if not path.is_file()]
    if missing:
        raise KGError(Errors.E601, path=VENDOR, missing=", ".join(missing))


def inline_scripts(count: int = len(SCRIPTS)) -> str:
    """The first ``count`` libraries as inline ``<script>`` elements (a
    standalone page); a ``</script`` inside them is escaped."""
    check_assets()
    return "\n".join(
        "<script>" + path.read_text(encoding="utf-8").replace("</script", "<\\/script") + "</script>"
        for path in SCRIPTS[:count])
