"""The ontology's vocabulary, loaded from the versioned data files.

Domain knowledge lives in ``kg/data/lexicon/*.toml``, not in code. This module
reads those files once and answers "what canonical thing does this surface
form name?".

>>> lex = load_lexicon()
>>> lex.canonical_mechanism("三项制度")
'行政执法三项制度'
>>> lex.kind_of("调委会")
('Body', '人民调解委员会')
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from kg.errors import Errors, KGError


@dataclass(frozen=True)
class MechanismInfo:
    name: str
    category: str
    aliases: tuple[str, ...] = ()
    part_of: str | None = None
    source: str = ""


class MechanismEntry(BaseModel):
    """One line of ``[mechanism.<category>]``: the forms of one mechanism."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    aliases: tuple[str, ...] = ()
    part_of: str | None = None
    source: str = Field(min_length=1)


class MechanismFile(BaseModel):
    """``lexicon/mechanisms.toml``: categories, sources, then mechanisms by category.

    When the file has a ``[sources]`` table, every entry's ``source`` is one of
    its keys (the built-in vocabulary names its central documents that way);
    a user's file may leave it out and write free text.
    """

    model_config = ConfigDict(extra="forbid")
    version: str = Field(min_length=1)
    categories: dict[str, str]
    sources: dict[str, str] = {}
    mechanism: dict[str, dict[str, MechanismEntry]]

    @model_validator(mode="after")
    def _consistent(self) -> MechanismFile:
        seen: set[str] = set()
        for category, entries in self.mechanism.items():
            if category not in self.categories:
                raise ValueError(f"mechanism.{category}: unknown category (declare it in [categories])")
            for name in entries:
                if name in seen:
                    raise ValueError(f"mechanism.{category}.{name}: listed under two categories")
                seen.add(name)
                source = entries[name].source
                if self.sources and source not in self.sources:
                    raise ValueError(f"mechanism.{category}.{name}.source: {source!r} is not a key of [sources]")
        for category, entries in self.mechanism.items():
            for name, entry in entries.items():
                if entry.part_of is not None and entry.part_of not in seen:
                    raise ValueError(f"mechanism.{category}.{name}.part_of: "
                                     f"{entry.part_of!r} is no mechanism of the file")
        return self

    def infos(self) -> dict[str, MechanismInfo]:
        return {name: MechanismInfo(name, category, entry.aliases, entry.part_of, entry.source)
                for category, entries in self.mechanism.items() for name, entry in entries.items()}


@dataclass
class Lexicon:
    version: str
    body_kinds: dict[str, tuple[str, ...]] = field(default_factory=dict)
    center_kinds: dict[str, tuple[str, ...]] = field(default_factory=dict)
    mechanisms: dict[str, MechanismInfo] = field(default_factory=dict)
    actor_roles: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._kinds: dict[str, tuple[str, str]] = {}
        for label, table in (("Body", self.body_kinds), ("Center", self.center_kinds)):
            for kind, aliases in table.items():
                for form in (kind, *aliases):
                    self._kinds.setdefault(form, (label, kind))
        self._mechanisms: dict[str, str] = {}
        for info in self.mechanisms.values():
            for form in (info.name, *info.aliases):
                self._mechanisms.setdefault(_plain(form), info.name)
        self._roles: dict[str, str] = {}
        for role, aliases in self.actor_roles.items():
            for form in (role, *aliases):
                self._roles.setdefault(form, role)

    def kind_of(self, form: str) -> tuple[str, str] | None:
        """``(label, canonical kind)`` for a Body/Center surface form, else None."""
        return self._kinds.get(form)

    def canonical_mechanism(self, form: str) -> str | None:
        """The canonical mechanism a surface form names (quotes ignored), else None."""
        return self._mechanisms.get(_plain(form))

    def canonical_role(self, form: str) -> str | None:
        return self._roles.get(form)

    def institution_forms(self) -> dict[str, tuple[str, str]]:
        """Every Body/Center surface form -> (label, kind)."""
        return dict(self._kinds)

    def mechanism_forms(self) -> dict[str, str]:
        """Every mechanism surface form (quotes removed) -> canonical name."""
        return dict(self._mechanisms)

    def role_forms(self) -> dict[str, str]:
        return dict(self._roles)


_QUOTES = str.maketrans("", "", "“”\"'‘’「」『』")


def _plain(form: str) -> str:
    return form.translate(_QUOTES)


def parse_mechanisms(data: dict, path: str) -> MechanismFile:
    """Validate a mechanism vocabulary; KGError E120 names the file and the bad key."""
    try:
        return MechanismFile.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"]) or "(top level)"
        reason = err["msg"].removeprefix("Value error, ")
        if reason.startswith("mechanism."):  # a consistency check names its own key
            key, _, reason = reason.partition(": ")
        raise KGError(Errors.E120, path=path, key=key, reason=reason) from None


def read_data(name: str) -> dict:
    """Parse one TOML data file from ``kg/data/`` (e.g. ``lexicon/ontology.toml``)."""
    path = resources.files("kg") / "data" / name
    with path.open("rb") as fh:
        return tomllib.load(fh)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    data = read_data("lexicon/ontology.toml")
    mechanisms = parse_mechanisms(read_data("lexicon/mechanisms.toml"), "kg/data/lexicon/mechanisms.toml")
    return Lexicon(
        version=f"{data['version']}+m{mechanisms.version}",
        body_kinds={k: tuple(v) for k, v in data["body"].items()},
        center_kinds={k: tuple(v) for k, v in data["center"].items()},
        mechanisms=mechanisms.infos(),
        actor_roles={k: tuple(v) for k, v in data["actor"].items()},
    )
