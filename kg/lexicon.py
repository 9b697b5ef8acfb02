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

import os
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, model_validator

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
    def _consistent(self, info: ValidationInfo) -> MechanismFile:
        # a user's file may name the built-in mechanisms as wholes (part_of)
        known: set[str] = set((info.context or {}).get("known", ()))
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
                if entry.part_of is not None and entry.part_of not in seen | known:
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


def parse_mechanisms(data: dict, path: str, base: MechanismFile | None = None) -> MechanismFile:
    """Validate a mechanism vocabulary; KGError E120 names the file and the bad key.

    With ``base`` (the built-in vocabulary) the file may use its categories
    and name its mechanisms as wholes without declaring them again.
    """
    if base is None:
        return _parse(MechanismFile, data, path)
    data = {**data, "categories": {**base.categories, **data.get("categories", {})},
            "mechanism": data.get("mechanism", {})}
    known = {name for entries in base.mechanism.values() for name in entries}
    return _parse(MechanismFile, data, path, {"known": known})


def parse_institutions(data: dict, path: str) -> InstitutionFile:
    """Validate an institution vocabulary; KGError E120 names the file and the bad key."""
    return _parse(InstitutionFile, data, path)


def parse_actors(data: dict, path: str) -> ActorFile:
    """Validate an actor-role vocabulary; KGError E120 names the file and the bad key."""
    return _parse(ActorFile, data, path)


def _parse(model, data: dict, path: str, context: dict | None = None):
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"]) or "(top level)"
        reason = err["msg"].removeprefix("Value error, ")
        if reason.startswith(("mechanism.", "center.")):  # a consistency check names its own key
            key, _, reason = reason.partition(": ")
        raise KGError(Errors.E120, path=path, key=key, reason=reason) from None


class UserLexicon(BaseModel):
    """A user's vocabulary (``--lexicon my.toml``) in the built-in format.

    ``version``, then any of: ``[mechanism.<category>]`` tables as in
    ``lexicon/mechanisms.toml`` (its categories and mechanisms known, so
    ``[categories]`` and ``[sources]`` are optional), ``[body]`` and
    ``[center]`` kinds as in ``lexicon/institutions.toml``, ``[actor]`` roles
    as in ``lexicon/actors.toml``.
    """

    model_config = ConfigDict(extra="forbid")
    version: str = Field(min_length=1)
    categories: dict[str, str] = {}
    sources: dict[str, str] = {}
    mechanism: dict[str, dict] = {}
    body: dict[str, VocabularyEntry] = {}
    center: dict[str, VocabularyEntry] = {}
    actor: dict[str, VocabularyEntry] = {}


def read_user_lexicon(path: str | Path, base: MechanismFile) -> tuple[UserLexicon, MechanismFile]:
    """Read and check one user vocabulary; KGError (E002, E120) names the file."""
    path = Path(path)
    if not path.is_file():
        raise KGError(Errors.E002, path=str(path))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise KGError(Errors.E120, path=str(path), key="(file)", reason=f"not TOML ({exc})") from None
    user = _parse(UserLexicon, data, str(path))
    mechanisms = parse_mechanisms(user.model_dump(include={"version", "categories", "sources", "mechanism"}),
                                  str(path), base)
    return user, mechanisms


# Where the user vocabularies of this process (and its workers) are listed.
LEXICON_ENV = "KG_LEXICON"


def use_lexicons(paths) -> None:
    """Merge these user vocabularies into the lexicon of this process and its workers.

    Checked now, so a bad file fails before any work; call it before the
    pipeline is built (the CLI does, for ``--lexicon``).
    """
    resolved = [str(Path(p).resolve()) for p in paths]
    base = _builtin_mechanisms()
    for path in resolved:
        read_user_lexicon(path, base)
    if resolved:
        os.environ[LEXICON_ENV] = os.pathsep.join(resolved)
    else:
        os.environ.pop(LEXICON_ENV, None)
    _load.cache_clear()


def load_lexicon() -> Lexicon:
    """The built-in vocabulary merged with the user's (:func:`use_lexicons`), once per process."""
    return _load(os.environ.get(LEXICON_ENV, ""))


@lru_cache(maxsize=1)
def _builtin_mechanisms() -> MechanismFile:
    return parse_mechanisms(read_data("lexicon/mechanisms.toml"), "kg/data/lexicon/mechanisms.toml")


@lru_cache(maxsize=2)
def _load(user_paths: str) -> Lexicon:
    institutions = parse_institutions(read_data("lexicon/institutions.toml"), "kg/data/lexicon/institutions.toml")
    mechanisms = _builtin_mechanisms()
    actors = parse_actors(read_data("lexicon/actors.toml"), "kg/data/lexicon/actors.toml")
    version = f"i{institutions.version}+m{mechanisms.version}+a{actors.version}"
    tables = {"body": institutions.kinds(institutions.body), "center": institutions.kinds(institutions.center),
              "actor": {role: entry.aliases for role, entry in actors.actor.items()}}
    infos = mechanisms.infos()
    for path in filter(None, user_paths.split(os.pathsep)):
        user, extra = read_user_lexicon(path, mechanisms)
        version += f"+user:{Path(path).stem}@{user.version}"
        infos.update(extra.infos())  # a user's entry replaces a built-in one of that name
        for label, table in tables.items():
            for kind, entry in getattr(user, label).items():
                table[kind] = tuple(dict.fromkeys((*table.get(kind, ()), *entry.aliases)))
    return Lexicon(
        version=version,
        body_kinds=tables["body"],
        center_kinds=tables["center"],
        mechanisms=infos,
        actor_roles=tables["actor"],
    )
