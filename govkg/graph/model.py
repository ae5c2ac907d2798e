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
    ("code", "name", "level", "short", "aliases", "search_text", "practices", "adoption_reports"),
    "An administrative division; code is the GB/T 2260 code or parent code + ':' + name. practices "
    "counts its ADOPTED edges and adoption_reports sums their reports (absent when it adopted nothing).",
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
    (
        "id",
        "title",
        "source",
        "published",
        "year",
        "chars",
        "loaded_at",
        "text",
        "complete",
        "counted",
        "migrating",
    ),
    "One source report with its text; id is a hash of its normalised text. complete is false from "
    "the moment its write starts until its facts are counted into the aggregates (counted marks the "
    "first of the two counting statements done; migrating marks a report govkg migrate is counting).",
)
MEASUREMENT = NodeType(
    "Measurement",
    "key",
    ("key", "indicator", "value", "unit", "raw", "year", "approximate", "change", "report_id", "offset"),
    "A reported quantity; (Measurement)-[:IN]->(Sentence) holds the sentence that states it.",
)
SENTENCE = NodeType(
    "Sentence",
    "id",
    ("id", "text", "offset", "report_id", "folded", "grams", "facts"),
    "An evidence sentence, stored once however many facts it states; id = report id + ':' + offset. "
    "folded is the text in simplified characters where that differs from it (absent otherwise), "
    "grams its character bigrams (the search index), "
    "facts how many Facts it states (search orders by it).",
)
FACT = NodeType(
    "Fact",
    "id",
    (
        "id",
        "kind",
        "year",
        "method",
        "confidence",
        "surface",
        "report_id",
        "offset",
        "region_code",
        "agency_key",
        "practice_key",
    ),
    "One extracted fact of one report (kind adoption or implementation), created once, never merged "
    "against its siblings; facts are ordered earliest first (year, report, offset, id), and the "
    "aggregates' samples hold that order as rank strings ending with the fact's id (writer.fact_rank).",
)

NODE_TYPES: dict[str, NodeType] = {
    n.label: n for n in (REGION, PRACTICE, CATEGORY, AGENCY, REPORT, MEASUREMENT, SENTENCE, FACT)
}

# The aggregate each ADOPTED, COVERS and IMPLEMENTS edge carries (maintained at write time and on
# report deletion): supporting complete reports, facts, first and last year, the earliest facts' ranks.
AGGREGATE = ("reports", "facts", "first_year", "last_year", "sample")

REL_TYPES: dict[str, RelType] = {
    r.type: r
    for r in (
        RelType("PART_OF", ("Region",), ("Region",), (), "Child division to its parent."),
        RelType(
            "ADOPTED",
            ("Region",),
            ("Practice",),
            AGGREGATE,
            "A region carried out a practice: one edge per (region, practice) with the aggregate of its "
            "Facts from complete reports.",
        ),
        RelType(
            "COVERS",
            ("Region",),
            ("Practice",),
            (*AGGREGATE, "regions"),
            "A region or some region under it carried out a practice: one edge per (region, practice), "
            "the roll-up aggregate (reports counted once however many regions under it they name).",
        ),
        RelType(
            "IMPLEMENTS",
            ("Agency",),
            ("Practice",),
            AGGREGATE,
            "An agency carried out a practice: one edge per (agency, practice) with its Facts' aggregate.",
        ),
        RelType("BY", ("Fact",), ("Region", "Agency"), (), "Who a fact says acted."),
        RelType("OF", ("Fact",), ("Practice",), (), "The practice a fact is about."),
        RelType("IN", ("Fact", "Measurement"), ("Sentence",), (), "The sentence stating a fact."),
        RelType("HAS", ("Report",), ("Sentence",), (), "A report's evidence sentences."),
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
    "Measurement": ("indicator", "report_id"),
    "Fact": ("report_id", "practice_key"),
    "Sentence": ("report_id",),
}

# Indexes an earlier govkg made and the model no longer has; opening a store drops them. Fact.rank
# held ~50 MB of a 20k store's memory for lookups that now go through the fact id the rank ends with.
OBSOLETE_INDEXES: tuple[tuple[str, str], ...] = (("Fact", "rank"),)

# search_text is the name and every alias (and a region's short name) joined with spaces:
# FalkorDB's full-text index skips list properties, so aliases are searchable only through it.
FULLTEXT: dict[str, tuple[str, ...]] = {
    "Practice": ("name", "aliases", "search_text"),
    "Region": ("name", "search_text"),
    "Agency": ("name",),
}
# Evidence sentences are searched through their character bigrams (see sentence_grams).
SENTENCE_FULLTEXT: tuple[str, ...] = ("grams",)


def sentence_grams(folded: str) -> str:
    """The search tokens of a (folded) text: its overlapping character bigrams of letters and digits,
    space-separated, distinct and lower-cased, so that a full-text index finds any substring of two or
    more letters or digits."""
    grams: dict[str, None] = {}
    run = ""
    for ch in folded.lower():
        if ch.isalnum():
            run += ch
            continue
        _add_grams(grams, run)
        run = ""
    _add_grams(grams, run)
    return " ".join(grams)


def _add_grams(grams: dict[str, None], run: str) -> None:
    if len(run) == 1:
        grams.setdefault(run, None)
    for i in range(len(run) - 1):
        grams.setdefault(run[i : i + 2], None)


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
