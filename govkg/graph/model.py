"""The graph schema in code: node labels, relationship types, their keys and properties."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class NodeType:
    """A node label, the property that identifies a node, and the properties it may carry."""

    label: str
    key: str
    properties: tuple[str, ...]
    description: str = ""


@dataclass(frozen=True, slots=True)
class RelType:
    """A relationship type, the labels it may join, and the properties it may carry."""

    type: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    properties: tuple[str, ...] = ()
    description: str = ""


REGION = NodeType(
    "Region",
    "code",
    ("code", "name", "level", "short", "aliases", "search_text"),
    "An administrative division; code is the GB/T 2260 code or parent code + ':' + name.",
)
PRACTICE = NodeType(
    "Practice",
    "key",
    ("key", "name", "category", "aliases", "description", "origin", "search_text"),
    "A governance practice from the taxonomy, or a discovered local program.",
)
CATEGORY = NodeType("Category", "name", ("name", "description"), "A family of practices.")
AGENCY = NodeType("Agency", "key", ("key", "name", "kind", "region_code"), "A local body tied to its region.")
REPORT = NodeType(
    "Report",
    "id",
    ("id", "title", "source", "published", "year", "chars", "loaded_at", "text"),
    "One source report with its text; id is a hash of its normalised text.",
)
MEASUREMENT = NodeType(
    "Measurement",
    "key",
    (
        "key",
        "indicator",
        "value",
        "unit",
        "raw",
        "year",
        "approximate",
        "change",
        "report_id",
        "evidence",
        "offset",
    ),
    "A reported quantity with the sentence that states it.",
)

NODE_TYPES: dict[str, NodeType] = {
    n.label: n for n in (REGION, PRACTICE, CATEGORY, AGENCY, REPORT, MEASUREMENT)
}

REL_TYPES: dict[str, RelType] = {
    r.type: r
    for r in (
        RelType("PART_OF", ("Region",), ("Region",), (), "Child division to its parent."),
        RelType(
            "ADOPTED",
            ("Region",),
            ("Practice",),
            ("report_id", "year", "evidence", "offset", "confidence", "surface"),
            "A region carried out a practice, per one report (one edge per region, practice, report).",
        ),
        RelType(
            "IMPLEMENTS",
            ("Agency",),
            ("Practice",),
            ("report_id", "year", "evidence", "offset"),
            "An agency carried out a practice, per one report.",
        ),
        RelType(
            "OF_REGION",
            ("Agency", "Measurement"),
            ("Region",),
            (),
            "The region an agency or a measurement belongs to.",
        ),
        RelType("IN_CATEGORY", ("Practice",), ("Category",), (), "A practice's family."),
        RelType("VARIANT_OF", ("Practice",), ("Practice",), (), "A practice that is a local variant."),
        RelType("ABOUT", ("Report",), ("Region",), (), "The region a report is about."),
        RelType(
            "MENTIONS",
            ("Report",),
            ("Practice", "Region", "Agency"),
            ("count",),
            "How often a report names a practice, region or agency.",
        ),
        RelType("STATES", ("Report",), ("Measurement",), (), "A report states a measurement."),
        RelType("FOR_PRACTICE", ("Measurement",), ("Practice",), (), "The practice a measurement is about."),
    )
}

UNIQUE_KEYS: dict[str, str] = {label: n.key for label, n in NODE_TYPES.items()}

# Name-like properties worth an index (and, for Practice/Region/Agency, the full-text index).
INDEXED: dict[str, tuple[str, ...]] = {
    "Region": ("name", "level"),
    "Practice": ("name", "category"),
    "Agency": ("name",),
    "Report": ("year",),
    "Measurement": ("indicator",),
}

# search_text is the name and every alias (and a region's short name) joined with spaces:
# FalkorDB's full-text index skips list properties, so aliases are searchable only through it.
FULLTEXT: dict[str, tuple[str, ...]] = {
    "Practice": ("name", "aliases", "search_text"),
    "Region": ("name", "search_text"),
    "Agency": ("name",),
}


def search_text(*names: str | None) -> str:
    """The full-text search string of a node: its distinct non-empty names, in order, space-joined."""
    return " ".join(dict.fromkeys(n.strip() for n in names if n and n.strip()))


LABELS: tuple[str, ...] = tuple(NODE_TYPES)
REL_TYPE_NAMES: tuple[str, ...] = tuple(REL_TYPES)


def property_names() -> list[str]:
    """Every property name used on any node or relationship, sorted."""
    names: set[str] = set()
    for n in NODE_TYPES.values():
        names.update(n.properties)
    for r in REL_TYPES.values():
        names.update(r.properties)
    return sorted(names)
