"""Query packs: named, parameterised, read-only Cypher files under ``cypher/``.

A pack is one file ``cypher/<theme>/<name>.cypher`` that starts with a header
of ``//`` comment lines and then holds one Cypher statement::

    // name: jurisdictions-with-mechanism
    // title: 实行某机制的辖区 | Jurisdictions that run a mechanism
    // description: ...
    // param: mechanism: mechanism  -- the mechanism, canonical name or alias
    // param: share: float[0..1] = 0.5  -- smallest share of peers
    // backends: falkordb, neo4j
    MATCH ...

Parameter types are ``string``, ``int``, ``float``, ``bool``, ``list`` (comma
separated strings) and ``mechanism`` (a string read through the lexicon, so
aliases such as 三项制度 reach Cypher as the canonical 行政执法三项制度). A
number may carry its range, ``int[1..1000000]`` or ``float[0..1]``; floats
are always finite and ints always fit Cypher's 64-bit integers. A parameter
without ``= default`` is required; ``= null`` makes it optional. Values only
ever reach Cypher as parameters.

>>> pack = get_pack("jurisdictions-with-mechanism")
>>> pack.bind({"mechanism": "三项制度"})["mechanism"]
'行政执法三项制度'
>>> [p.type_text for p in pack.params]
['mechanism', 'mechanism', 'int[1..1000000]']
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.errors import Errors, KGError
from kg.lexicon import load_lexicon
from kg.store.base import GraphStore, QueryResult
from kg.store.keys import NAME_FIELDS
from kg.store.schema import ENTITY_LABEL

PARAM_TYPES = ("string", "int", "float", "bool", "list", "mechanism")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*:\s*(?P<type>\w+)"
    r"(?:\[(?P<low>[-0-9.]+)\.\.(?P<high>[-0-9.]+)\])?"
    r"(?:\s*=\s*(?P<default>.*?))?\s*(?:--\s*(?P<help>.*))?$")
PARAM_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
INT64 = (-(2**63), 2**63 - 1)
_TRUE, _FALSE = {"true", "yes", "1", "on"}, {"false", "no", "0", "off"}


def packs_dir() -> Path:
    """The folder holding the packs: ``kg/packs``.

    In the repository ``kg/packs`` is a symbolic link to the top-level
    ``cypher/`` folder (so editable installs read the files being edited);
    a wheel carries the files themselves as package data.
    """
    return Path(__file__).resolve().parent.parent / "packs"


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: Any = None
    required: bool = True
    help: str = ""
    low: float | None = None   # the range of a number, inclusive
    high: float | None = None

    @property
    def type_text(self) -> str:
        """The type as the header writes it: ``int[1..1000000]``."""
        if self.low is None:
            return self.type
        return f"{self.type}[{_number_text(self.low)}..{_number_text(self.high)}]"

    def coerce(self, pack: str, value: Any) -> Any:
        """The value as this parameter's type; strings from the command line are parsed."""
        if value is None:
            return None
        try:
            if self.type in ("string", "mechanism"):
                if not isinstance(value, str):
                    raise ValueError
                if self.type == "mechanism":
                    return load_lexicon().canonical_mechanism(value) or value
                return value
            if self.type == "int":
                if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                    raise ValueError
                return self._in_range(int(value), *INT64)
            if self.type == "float":
                if isinstance(value, bool):
                    raise ValueError
                number = float(value)
                if not math.isfinite(number):  # nan, inf, 1e400
                    raise ValueError
                return self._in_range(number)
            if self.type == "bool":
                if isinstance(value, bool):
                    return value
                if str(value).lower() in _TRUE | _FALSE:
                    return str(value).lower() in _TRUE
                raise ValueError
            # list
            if isinstance(value, str):
                return [part.strip() for part in value.split(",") if part.strip()]
            if isinstance(value, (list, tuple)):
                return list(value)
            raise ValueError
        except (TypeError, ValueError, OverflowError):
            raise KGError(Errors.E403, name=pack, param=self.name, type=self.type_text,
                          value=value) from None

    def _in_range(self, number, low=None, high=None):
        low = self.low if self.low is not None else low
        high = self.high if self.high is not None else high
        if (low is not None and number < low) or (high is not None and number > high):
            raise ValueError
        return number


def _number_text(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


@dataclass(frozen=True)
class Pack:
    name: str
    theme: str
    title: str
    description: str
    cypher: str
    path: Path
    params: tuple[Param, ...] = ()
    backends: tuple[str, ...] = ("falkordb", "neo4j")
    # Parameters for the sample output in docs/query-packs.md ("// example: k=v; k=v").
    example: dict[str, str] = field(default_factory=dict, compare=False)

    def bind(self, values: dict[str, Any] | None = None) -> dict[str, Any]:
        """Check and type the given values; fill defaults. Every parameter is present."""
        values = dict(values or {})
        known = {p.name: p for p in self.params}
        for name in values:
            if name not in known:
                raise KGError(Errors.E404, name=self.name, param=name,
                              known=", ".join(known) or "none", hint=did_you_mean(name, known))
        bound = {}
        for p in self.params:
            if p.name in values:
                bound[p.name] = p.coerce(self.name, values[p.name])
            elif p.required:
                raise KGError(Errors.E402, name=self.name, param=p.name, type=p.type_text)
            else:
                bound[p.name] = p.default
        return bound


def parse_pack(path: Path) -> Pack:
    """Read one pack file; a malformed header raises E405 naming the file."""
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    params: list[Param] = []
    body: list[str] = []
    in_header = True
    for line in text.splitlines():
        if in_header and line.startswith("//"):
            key, sep, value = line[2:].strip().partition(":")
            if not sep:
                raise KGError(Errors.E405, path=path, reason=f"line {line!r} is not 'key: value'")
            key, value = key.strip(), value.strip()
            if key == "param":
                params.append(_parse_param(path, value))
            else:
                header[key] = value
            continue
        in_header = False
        body.append(line)
    for required in ("name", "title", "description"):
        if not header.get(required):
            raise KGError(Errors.E405, path=path, reason=f"no '// {required}:' line")
    if header["name"] != path.stem:
        raise KGError(Errors.E405, path=path,
                      reason=f"name {header['name']!r} differs from the file name")
    cypher = "\n".join(body).strip()
    if not cypher:
        raise KGError(Errors.E405, path=path, reason="no Cypher statement after the header")
    backends = tuple(b.strip() for b in header.get("backends", "falkordb, neo4j").split(","))
    example = parse_assignments([part.strip() for part in header.get("example", "").split(";") if part.strip()])
    pack = Pack(name=header["name"], theme=path.parent.name, title=header["title"],
                description=header["description"], cypher=cypher, path=path,
                params=tuple(params), backends=backends, example=example)
    pack.bind(example)  # an example naming an unknown parameter is a broken header
    return pack


def _parse_param(path: Path, spec: str) -> Param:
    match = _PARAM.match(spec)
    if not match or match["type"] not in PARAM_TYPES:
        raise KGError(Errors.E405, path=path,
                      reason=f"param {spec!r} is not 'name: {'|'.join(PARAM_TYPES)} [= default] [-- help]'")
    name, type_, default, help_ = match["name"], match["type"], match["default"], match["help"] or ""
    bounds: dict[str, float] = {}
    if match["low"] is not None:
        if type_ not in ("int", "float"):
            raise KGError(Errors.E405, path=path, reason=f"param {name!r}: only numbers have a range")
        try:
            bounds = {"low": float(match["low"]), "high": float(match["high"])}
        except ValueError:
            raise KGError(Errors.E405, path=path, reason=f"param {name!r}: bad range") from None
    if default is None:
        return Param(name, type_, None, True, help_, **bounds)
    if default == "null":
        return Param(name, type_, None, False, help_, **bounds)
    value = Param(name, type_, **bounds).coerce(path.stem, default)
    return Param(name, type_, value, False, help_, **bounds)


@lru_cache(maxsize=4)
def _load(folder: Path) -> dict[str, Pack]:
    packs: dict[str, Pack] = {}
    for path in sorted(folder.glob("*/*.cypher")):
        pack = parse_pack(path)
        if pack.name in packs:
            raise KGError(Errors.E405, path=path,
                          reason=f"pack name {pack.name!r} also used by {packs[pack.name].path}")
        packs[pack.name] = pack
    return packs


def load_packs(folder: Path | None = None) -> dict[str, Pack]:
    """Every pack by name, sorted by theme then name."""
    packs = _load(Path(folder or packs_dir()))
    return dict(sorted(packs.items(), key=lambda kv: (kv[1].theme, kv[0])))


def get_pack(name: str, folder: Path | None = None) -> Pack:
    packs = load_packs(folder)
    if name not in packs:
        raise KGError(Errors.E401, name=name, hint=did_you_mean(name, packs))
    return packs[name]


def did_you_mean(word: str, choices) -> str:
    """`` Did you mean 'x'?`` for the closest choices, else empty.

    >>> did_you_mean("mechanism-adoptoin", ["mechanism-adoption", "stats"])
    " Did you mean 'mechanism-adoption'?"
    """
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""


# Names in the graph that contain a value or that it contains (访调 -> 访调对接).
SIMILAR_NAMES = (f"MATCH (n:{ENTITY_LABEL}) WHERE n.name CONTAINS $value OR $value CONTAINS n.name "
                 "RETURN DISTINCT n.name AS name ORDER BY size(name), name LIMIT 5")
# An entity of that name: each label with a name looked up in its own index.
NAMED = " UNION ".join(f"MATCH (n:{label} {{name: $value}}) RETURN 1 AS found LIMIT 1"
                       for label, prop in NAME_FIELDS.items() if prop == "name")


def empty_result_hints(store: GraphStore, pack: Pack, values: dict[str, Any]) -> list[str]:
    """Why a pack may have found nothing: for each name given, the names in
    the graph that look like it, or that there is none like it."""
    hints = []
    for param in pack.params:
        value = values.get(param.name)
        if param.type not in ("string", "mechanism") or not isinstance(value, str) or not value:
            continue
        names = [n for (n,) in store.query(SIMILAR_NAMES, {"value": value}).rows if n != value]
        if names:
            hints.append(f"{param.name}={value}: names in the graph like it: {', '.join(names)}")
        elif not store.query(NAMED, {"value": value}).rows:
            hints.append(f"{param.name}={value}: no such name in the graph")
    return hints


def run_pack(store: GraphStore, name: str, params: dict[str, Any] | None = None,
             folder: Path | None = None) -> QueryResult:
    """Run a pack read-only with checked parameters.

    >>> from kg.store import open_store                       # doctest: +SKIP
    >>> with open_store() as store:                           # doctest: +SKIP
    ...     run_pack(store, "jurisdictions-with-mechanism", {"mechanism": "三项制度"}).columns
    ['mechanism', 'jurisdiction', 'level', 'status', 'first_year', 'documents']
    """
    pack = get_pack(name, folder)
    if store.name not in pack.backends:
        raise KGError(Errors.E409, name=name, backends=", ".join(pack.backends), backend=store.name)
    return store.query(pack.cypher, pack.bind(params), write=False)


def parse_assignments(texts: list[str] | None) -> dict[str, str]:
    """``["a=1", "b=x=y"]`` -> ``{"a": "1", "b": "x=y"}``; anything else raises E406.

    A key must be a Cypher parameter name (letters, digits, ``_``), so that it
    can be written into a statement's parameter header as it is.
    """
    values: dict[str, str] = {}
    for text in texts or []:
        key, sep, value = text.partition("=")
        if not sep or not PARAM_NAME.match(key.strip()):
            raise KGError(Errors.E406, text=text)
        values[key.strip()] = value
    return values
