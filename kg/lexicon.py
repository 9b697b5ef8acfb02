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

from dataclasses import dataclass, field
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from kg.datafiles import read_data
from kg.errors import Errors, KGError
from kg.text.chars import strip_quotes


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


class VocabularyEntry(BaseModel):
    """One institution kind or actor role: its other forms and where it comes from."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    aliases: tuple[str, ...] = ()
    source: str = Field(min_length=1)


class InstitutionFile(BaseModel):
    """``lexicon/institutions.toml``: Body and Center kinds; ``{L}`` in a form stands for each level word."""

    model_config = ConfigDict(extra="forbid")
    version: str = Field(min_length=1)
    expand: dict[str, tuple[str, ...]] = {}
    body: dict[str, VocabularyEntry]
    center: dict[str, VocabularyEntry]

    @model_validator(mode="after")
    def _consistent(self) -> InstitutionFile:
        for kind in self.body.keys() & self.center.keys():
            raise ValueError(f"center.{kind}: listed as a body too")
        return self

    def kinds(self, table: dict[str, VocabularyEntry]) -> dict[str, tuple[str, ...]]:
        """kind -> its aliases, placeholders expanded (in order, without repeats)."""
        out = {}
        for kind, entry in table.items():
            forms: list[str] = []
            for alias in entry.aliases:
                variants = [alias]
                for placeholder, words in self.expand.items():
                    variants = [v.replace(placeholder, w) for v in variants for w in words] \
                        if placeholder in alias else variants
                forms += [v for v in variants if v not in forms and v != kind]
            out[kind] = tuple(forms)
        return out


class ActorFile(BaseModel):
    """``lexicon/actors.toml``: actor roles."""

    model_config = ConfigDict(extra="forbid")
    version: str = Field(min_length=1)
    actor: dict[str, VocabularyEntry]


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
                self._mechanisms.setdefault(strip_quotes(form), info.name)
        self._roles: dict[str, str] = {}
        for role, aliases in self.actor_roles.items():
            for form in (role, *aliases):
                self._roles.setdefault(form, role)

    def kind_of(self, form: str) -> tuple[str, str] | None:
        """``(label, canonical kind)`` for a Body/Center surface form, else None."""
        return self._kinds.get(form)

    def canonical_mechanism(self, form: str) -> str | None:
        """The canonical mechanism a surface form names (quotes ignored), else None."""
        return self._mechanisms.get(strip_quotes(form))

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


def parse_mechanisms(data: dict, path: str) -> MechanismFile:
    """Validate a mechanism vocabulary; KGError E120 names the file and the bad key."""
    return _parse(MechanismFile, data, path)


def parse_institutions(data: dict, path: str) -> InstitutionFile:
    """Validate an institution vocabulary; KGError E120 names the file and the bad key."""
    return _parse(InstitutionFile, data, path)


def parse_actors(data: dict, path: str) -> ActorFile:
    """Validate an actor-role vocabulary; KGError E120 names the file and the bad key."""
    return _parse(ActorFile, data, path)


def _parse(model, data: dict, path: str):
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"]) or "(top level)"
        reason = err["msg"].removeprefix("Value error, ")
        if reason.startswith(("mechanism.", "center.")):  # a consistency check names its own key
            key, _, reason = reason.partition(": ")
        raise KGError(Errors.E120, path=path, key=key, reason=reason) from None


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    institutions = parse_institutions(read_data("lexicon/institutions.toml"), "kg/data/lexicon/institutions.toml")
    mechanisms = parse_mechanisms(read_data("lexicon/mechanisms.toml"), "kg/data/lexicon/mechanisms.toml")
    actors = parse_actors(read_data("lexicon/actors.toml"), "kg/data/lexicon/actors.toml")
    return Lexicon(
        version=f"i{institutions.version}+m{mechanisms.version}+a{actors.version}",
        body_kinds=institutions.kinds(institutions.body),
        center_kinds=institutions.kinds(institutions.center),
        mechanisms=mechanisms.infos(),
        actor_roles={role: entry.aliases for role, entry in actors.actor.items()},
    )
