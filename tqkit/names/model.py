"""A named entity of the gazetteer (a place, person, country or organisation) and its fields."""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("place", "person", "country", "organisation")
FIELDS = {"name", "kind", "country", "role", "admitted", "deprecated", "foreign", "keep_in", "note", "source"}
# Places smaller than this are in the gazetteer (never reported as misspellings themselves)
# but are not offered as "did you mean" targets: small towns' names collide with surnames.
TARGET_POPULATION = 100_000


@dataclass
class Entity:
    name: str
    kind: str
    country: str = ""
    population: int = 0
    admitted: tuple[str, ...] = ()
    deprecated: tuple[str, ...] = ()
    foreign: tuple[str, ...] = ()
    keep_in: tuple[str, ...] = ()
    note: str = ""
    source: str = ""
    curated: bool = False
    listed: tuple[str, ...] = ()  # the foreign forms a curated file lists itself
    key: str = ""  # skeleton of the name (precomputed for GeoNames rows)

    @property
    def target(self) -> bool:
        """Offered as a "did you mean" suggestion."""
        return self.curated or self.kind in ("country", "capital") or self.population >= TARGET_POPULATION


STATUSES = ("preferred", "admitted", "deprecated", "foreign")
FIELD_NAMES = (
    "name",
    "kind",
    "country",
    "population",
    "admitted",
    "deprecated",
    "foreign",
    "keep_in",
    "note",
    "source",
    "curated",
    "listed",
    "key",
)
