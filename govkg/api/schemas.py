"""Response and request models of the REST API (pydantic)."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")

MAX_LIMIT = 1000


class Out(BaseModel):
    """Base of every response model: plain fields, nothing hidden."""

    model_config = ConfigDict(extra="forbid")


class Page(Out, Generic[T]):
    """A page of a list: `count` is the number of matching items, `data` the slice returned."""

    data: list[T]
    count: int
    limit: int
    offset: int


class Candidate(Out):
    """One node a name could mean."""

    key: str
    name: str | None = None
    kind: str
    level: str | None = None
    category: str | None = None


class ErrorOut(BaseModel):
    """Every error answer: a message naming the bad parameter or key."""

    detail: str
    errors: list[dict[str, Any]] | None = None
    candidates: list[Candidate] | None = None
    suggestions: list[str] | None = None  # close names, for an unknown practice or region
    valid: list[str] | None = None  # the accepted values, for an unknown enum value


class Provenance(Out):
    """Where a fact comes from: the report and the sentence that states it."""

    report_id: str
    evidence: str | None = None
    year: int | None = None
    region_code: str | None = None
    offset: int | None = None
    report_title: str | None = None
    report_date: str | None = None
    report_source: str | None = None
    confidence: float | None = None
    method: str | None = None


class Ref(Out):
    """A node reference: key (or code) and name."""

    key: str
    name: str | None = None


class RegionRef(Out):
    """A region reference."""

    code: str
    name: str | None = None
    level: str | None = None


class PracticeSummary(Out):
    """A practice with how widely it was adopted."""

    key: str
    name: str
    category: str | None = None
    aliases: list[str] = Field(default_factory=list)
    adopters: int
    first_year: int | None = None


class PracticeDetail(Out):
    """A practice with its names, family, variants and adoption span."""

    key: str
    name: str
    category: str | None = None
    aliases: list[str] = Field(default_factory=list)
    description: str | None = None
    origin: str | None = None
    variant_of: Ref | None = None
    variants: list[Ref] = Field(default_factory=list)
    adopters: int
    reports: int
    first_year: int | None = None
    last_year: int | None = None


class Adopter(Out):
    """A region that adopted a practice, with the reports that say so."""

    code: str
    name: str | None = None
    level: str | None = None
    reports: int
    first_year: int | None = None
    evidence: list[Provenance]
    last_year: int | None = None
    adopting_regions: int | None = None
    facts: int | None = None


class TimelineRegion(Out):
    """A region entering the diffusion curve, with its earliest supporting fact."""

    code: str
    name: str | None = None
    level: str | None = None
    report_id: str
    evidence: str | None = None
    offset: int | None = None
    report_title: str | None = None
    report_date: str | None = None
    report_source: str | None = None


class TimelinePoint(Out):
    """One year of a practice's diffusion curve: new_regions counts every region first adopting that
    year; regions lists the first of them by code (regions_per_year; none with regions=false)."""

    year: int
    new_regions: int
    cumulative: int
    regions: list[TimelineRegion]


class Timeline(Out):
    """The diffusion curve of one practice."""

    practice: Ref
    undated_regions: int
    points: list[TimelinePoint]


class RegionSummary(Out):
    """A region with its parent and number of practices adopted."""

    code: str
    name: str
    level: str | None = None
    short: str | None = None
    aliases: list[str] = Field(default_factory=list)
    parent: str | None = None
    practices: int


class RegionDetail(Out):
    """A region, its path to the root and its children."""

    code: str
    name: str
    level: str | None = None
    short: str | None = None
    aliases: list[str] = Field(default_factory=list)
    path: list[RegionRef]
    children: list[RegionRef]
    practices: int
    reports: int


class RegionPractice(Out):
    """A practice adopted in a region (or below it), with provenance."""

    key: str
    name: str | None = None
    category: str | None = None
    regions: list[str]
    reports: int
    first_year: int | None = None
    evidence: list[Provenance]


class Implementation(Out):
    """An agency carried out a practice, per one report."""

    practice_key: str
    practice_name: str | None = None
    report_id: str
    year: int | None = None
    evidence: str | None = None
    offset: int | None = None
    report_title: str | None = None
    report_date: str | None = None
    report_source: str | None = None


class AgencyOut(Out):
    """An agency of a region and what it implements."""

    key: str
    name: str
    kind: str | None = None
    region_code: str | None = None
    implements: list[Implementation]


class MetricOut(Out):
    """A reported quantity with its source sentence."""

    key: str
    indicator: str | None = None
    value: float | None = None
    unit: str | None = None
    raw: str | None = None
    year: int | None = None
    approximate: bool | None = None
    region_code: str | None = None
    practice_key: str | None = None
    report_id: str | None = None
    evidence: str | None = None
    offset: int | None = None
    report_title: str | None = None
    report_date: str | None = None
    report_source: str | None = None


class ComparedPractice(Out):
    """A practice in a comparison, with which of the compared regions adopted it."""

    key: str
    name: str | None = None
    regions: list[str]
    evidence: list[Provenance]


class PairScore(Out):
    """Jaccard similarity of two regions' practice portfolios."""

    a: str
    b: str
    jaccard: float
    shared: int


class Comparison(Out):
    """Shared and distinct practices of a few regions."""

    regions: list[RegionRef]
    shared: list[ComparedPractice]
    distinct: dict[str, list[ComparedPractice]]
    jaccard: float
    pairs: list[PairScore]


class SimilarRegion(Out):
    """A region ranked by the overlap of its practice portfolio with another's."""

    code: str
    name: str | None = None
    level: str | None = None
    jaccard: float
    shared: list[str]
    practices: int


class AdoptionOut(Out):
    """One adoption fact with its evidence sentence and report."""

    region_code: str
    region_name: str | None = None
    region_level: str | None = None
    practice_key: str
    practice_name: str | None = None
    year: int | None = None
    evidence: str | None = None
    offset: int | None = None
    report_id: str
    report_title: str | None = None
    report_source: str | None = None
    report_date: str | None = None
    confidence: float | None = None
    method: str | None = None


class ReportSummary(Out):
    """A loaded report's metadata."""

    id: str
    title: str | None = None
    source: str | None = None
    published: str | None = None
    year: int | None = None
    chars: int | None = None
    subject: RegionRef | None = None
    adoptions: int


class ReportDetail(ReportSummary):
    """A report with every fact extracted from it."""

    text: str | None = None
    facts: list[AdoptionOut]
    implementations: list[Implementation]
    measurements: list[MetricOut]


class SearchHit(Out):
    """A search result: a practice, region or agency by name, or an evidence sentence."""

    kind: str
    key: str
    name: str | None = None
    score: float | None = None
    report_id: str | None = None
    evidence: str | None = None
    region_code: str | None = None
    practice_key: str | None = None
    offset: int | None = None
    report_title: str | None = None
    report_date: str | None = None
    report_source: str | None = None
    facts: list[dict[str, Any]] = Field(default_factory=list)


class CoPair(Out):
    """Two practices adopted by the same regions."""

    a: str
    a_name: str | None = None
    b: str
    b_name: str | None = None
    regions: int
    region_codes: list[str]


class CypherIn(BaseModel):
    """A read-only Cypher query and its parameters."""

    model_config = ConfigDict(extra="forbid")

    query: str = Field(min_length=1, max_length=20_000)
    params: dict[str, Any] = Field(default_factory=dict)


class CypherOut(Out):
    """Rows of a read-only query; `truncated` says the row cap cut them."""

    columns: list[str]
    rows: list[dict[str, Any]]
    count: int
    truncated: bool
    row_cap: int


class ReportIn(BaseModel):
    """A report posted as JSON."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1)
    title: str | None = None
    source: str | None = None
    published: str | None = None


class DeleteOut(Out):
    """What DELETE /reports/{id} removed."""

    id: str
    removed: int


class StatsOut(Out):
    """Counts by label and relationship type, reports, and the last load time."""

    labels: dict[str, int]
    relationships: dict[str, int]
    reports: int
    last_load: str | None = None


class HealthOut(Out):
    """The store answers."""

    status: str
    store: str


class VersionOut(Out):
    """Versions of govkg and the store dialect."""

    govkg: str
    dialect: str
    store: str
