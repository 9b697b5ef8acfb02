"""Pydantic types: the output contract of `kg extract` and the graph's nodes.

One :class:`DocumentRecord` is one line of ``kg extract`` output (JSON Lines),
as specified in the ontology (``docs/ontology.md``). Offsets always index the
*normalised* text of the document.

>>> rec = DocumentRecord(doc_id="ab" * 32, source="x.txt", title="t", year=2020,
...     jurisdiction=JurisdictionRef(name="阴平镇", level="town"))
>>> rec.model_dump(exclude_none=True)["jurisdiction"]
{'name': '阴平镇', 'level': 'town', 'chain': [], 'parents': []}
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

EntityType = Literal["Jurisdiction", "Body", "Center", "Mechanism", "Actor"]
Level = Literal[
    "province", "city", "county", "district", "town", "township",
    "subdistrict", "village", "community", "zone",
]
FactType = Literal[
    "HAS_MECHANISM", "STAFFS", "LOCATED_IN", "PART_OF", "OPERATES", "ADVISES",
    "INTEGRATES", "LEADS", "MERGED_INTO", "REPORTS",
]
ResolutionStatus = Literal["resolved", "partial", "host", "unresolved"]
# HAS_MECHANISM status: the 下一步 / 存在问题 sections say "planned".
# Strongest first: when a document states several statuses for one fact,
# the strongest wins (set up this year, then in place, then planned).
Status = Literal["new", "in_place", "planned"]

# The graph's vocabulary, derived from the types above (the one definition).
ENTITY_TYPES: tuple[str, ...] = get_args(EntityType)
FACT_TYPES: tuple[str, ...] = get_args(FactType)
STATUS_RANK: dict[str, int] = {status: rank for rank, status in enumerate(get_args(Status))}  # 0 strongest

ROOT_JURISDICTION_ID = "j0"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """A stretch of the normalised text inside one sentence (chunk)."""

    sentence: int = Field(ge=0, description="index of the sentence (chunk)")
    start: int = Field(ge=0, description="start offset in the normalised text")
    end: int = Field(ge=0, description="end offset (exclusive)")


class Mention(Span):
    text: str = Field(description="normalised_text[start:end]")


class Chunk(_Model):
    """One sentence of the normalised text: the unit of evidence."""

    index: int = Field(ge=0)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Place(_Model):
    """One division of a chain: name as officially written, level, code."""

    name: str
    level: Level
    code: str = Field(pattern=r"^\d{6}(\d{3})?$", description="GB/T 2260 code (9 digits: a township's)")


class Resolution(_Model):
    """How a jurisdiction was placed on the map of China, or why it was not."""

    status: ResolutionStatus
    reason: str
    confidence: Literal["high", "medium"] | None = None
    evidence: list[str] = Field(default_factory=list)
    candidates: int | None = Field(default=None, ge=0, description="divisions that carry the name")


class JurisdictionRef(_Model):
    name: str
    level: Level | None = None
    # Where it lies once resolved (docs/identity.md): code of its lowest
    # resolved level (a zone's host), the chain from the province down.
    code: str | None = Field(default=None, pattern=r"^\d{6}(\d{3})?$")
    chain: list[Place] = Field(default_factory=list)
    resolution: Resolution | None = None
    # Enclosing jurisdictions, nearest first (永乐镇 -> [奉节县]).
    parents: list[JurisdictionRef] = Field(default_factory=list)


class Entity(_Model):
    id: str
    type: EntityType
    name: str
    kind: str | None = None  # Body, Center: canonical kind
    category: str | None = None  # Mechanism
    role: str | None = None  # Actor
    person: str | None = None  # Actor: a named person
    count: int | None = None  # Actor: how many, when stated
    level: Level | None = None  # Jurisdiction
    # Jurisdiction: where it lies once resolved (docs/identity.md): code of its lowest
    # resolved level (a zone's host), the chain from the province down.
    code: str | None = Field(default=None, pattern=r"^\d{6}(\d{3})?$")
    chain: list[Place] = Field(default_factory=list)
    resolution: Resolution | None = None
    canonical: bool | None = None  # Mechanism / Body / Center: kind or name from the ontology
    # Body/Center named after a jurisdiction (镇司法所 -> 阴平镇司法所): the
    # id of that jurisdiction, so the store keys the instance with it.
    jurisdiction: str | None = None
    mentions: list[Mention] = Field(default_factory=list)


class Relation(_Model):
    type: FactType
    source: str
    target: str
    status: Status | None = None  # HAS_MECHANISM only
    evidence: Span


class Indicator(_Model):
    metric: str
    value: float
    unit: str
    approx: bool = False
    year: int | None = None
    entity: str = ROOT_JURISDICTION_ID  # id of the entity the figure belongs to
    text: str = ""  # the figure as written (e.g. "94.44%", "30余件")
    evidence: Span


class Versions(_Model):
    """The versions of kg and of the data that produced a record."""

    kg: str
    lexicon: str = Field(description="version of the vocabulary (kg/data/lexicon)")
    rules: str = Field(description="versions of the extractor's rule files (kg/data/extract)")
    gazetteer: str | None = Field(default=None, description="snapshot of the divisions of China")


class DocumentRecord(_Model):
    doc_id: str = Field(pattern=r"^[0-9a-f]{64}$", description="sha256 of the normalised text")
    source: str
    url: str | None = Field(default=None, description="the address the report was published at, as a "
                            "manifest gives it (kg extract --manifest); source stays the file read")
    title: str | None = None
    year: int | None = None
    published: str | None = None  # ISO date
    publisher: str | None = None
    jurisdiction: JurisdictionRef | None = None
    entities: list[Entity] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    chunks: list[Chunk] = Field(default_factory=list)
    versions: Versions | None = Field(default=None, description="what produced this record")

    def consistency_errors(self) -> list[str]:
        """What makes the record contradict itself (empty when it does not):
        entity ids given twice; a relation, indicator or entity naming an
        entity or jurisdiction that is not there (``j0``, the report's own
        jurisdiction, always is); evidence in a sentence that is not among the
        chunks or outside its sentence; a mention whose text is not the text
        at its offsets. ``kg extract``, ``kg eval`` and ``kg load`` refuse such records."""
        errors: list[str] = []
        ids: set[str] = set()
        for entity in self.entities:
            if entity.id in ids:
                errors.append(f"entity id {entity.id!r} given twice")
            ids.add(entity.id)
        places = {e.id for e in self.entities if e.type == "Jurisdiction"} | {ROOT_JURISDICTION_ID}
        chunks = {c.index: c for c in self.chunks}

        def misplaced(where: Span, text: str | None = None) -> str | None:
            """What is wrong with the span, to follow the name of what cites it (None: nothing)."""
            chunk = chunks.get(where.sentence)
            if chunk is None:
                return f" cites sentence {where.sentence}, which is not among the chunks"
            if not chunk.start <= where.start <= where.end <= chunk.start + len(chunk.text):
                return (f" at {where.start}-{where.end} lies outside sentence "
                        f"{where.sentence} ({chunk.start}-{chunk.start + len(chunk.text)})")
            if text is not None and chunk.text[where.start - chunk.start:where.end - chunk.start] != text:
                return f": {text!r} is not the text at {where.start}-{where.end}"
            return None

        for entity in self.entities:
            if entity.jurisdiction is not None and entity.jurisdiction not in places:
                errors.append(f"entity {entity.id} names unknown jurisdiction {entity.jurisdiction!r}")
            for mention in entity.mentions:
                if (problem := misplaced(mention, mention.text)) is not None:
                    errors.append(f"entity {entity.id} mention{problem}")
        for n, relation in enumerate(self.relations):
            for end in (relation.source, relation.target):
                if end not in ids and end != ROOT_JURISDICTION_ID:
                    errors.append(f"relation {n} ({relation.type}) names unknown entity {end!r}")
            if (problem := misplaced(relation.evidence)) is not None:
                errors.append(f"relation {n} evidence{problem}")
        for n, indicator in enumerate(self.indicators):
            if indicator.entity not in ids and indicator.entity != ROOT_JURISDICTION_ID:
                errors.append(f"indicator {n} belongs to unknown entity {indicator.entity!r}")
            if (problem := misplaced(indicator.evidence)) is not None:
                errors.append(f"indicator {n} evidence{problem}")
        return errors

    def check(self) -> DocumentRecord:
        """The record itself, or ValueError with its first contradiction."""
        errors = self.consistency_errors()
        if errors:
            raise ValueError(errors[0])
        return self
