"""The Extraction type: everything govkg learns from one report, as plain dataclasses.

Loaders produce it, graph.writer consumes it. No database code here. Every fact
(adoption, implementation, measurement) carries the report id, its evidence
sentence exactly as it stands in ``Report.text`` and that sentence's character
offset, so ``report.text[offset:offset + len(evidence)] == evidence`` always holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LEVELS = ("province", "prefecture", "county", "township", "community", "village")


@dataclass(frozen=True, slots=True)
class Region:
    """An administrative division, resolved to its official name and code.

    ``code`` is the GB/T 2260 code (6 digits for county and above), the 9/12-digit
    statistical code below county where the dataset knows it, else
    ``<parent code>:<official name>``.
    """

    code: str
    name: str
    level: str
    parent_code: str | None = None
    short: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Practice:
    """A governance practice: from the taxonomy, or a discovered local program."""

    key: str
    name: str
    category: str
    aliases: tuple[str, ...] = ()
    description: str = ""
    origin: str = "taxonomy"  # "taxonomy" | "discovered"
    variant_of: str | None = None  # key of the practice this one is a variant of
    # False for an institution every unit keeps by law or a procedure applied everywhere (村规民约,
    # 认罪认罚从宽): naming it reports compliance, so it is counted as mentioned, never adopted
    adoptable: bool = True


@dataclass(frozen=True, slots=True)
class Agency:
    """A local body (政法委, 公安局, 法院 ...) tied to its region."""

    key: str  # region code + ":" + normalised name
    name: str  # normalised full name, e.g. 包头市公安局
    kind: str  # 党委 | 政法委 | 政府 | 公安 | 法院 | 检察院 | 司法行政 | 信访 | 综治 | ...
    region_code: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence that states a fact, exactly as in the report text, and where."""

    sentence: str
    offset: int


@dataclass(frozen=True, slots=True)
class Adoption:
    """A region adopted (carried out, built, promoted ...) a practice, per one report."""

    region_code: str
    practice_key: str
    report_id: str
    year: int | None
    evidence: Evidence
    surface: str = ""  # the practice mention as written
    confidence: float = 1.0  # 0..1: how sure the actor and practice rules were
    method: str = ""  # which rules found the actor and the practice, e.g. "actor=place;practice=taxonomy"


@dataclass(frozen=True, slots=True)
class Implementation:
    """An agency carried out a practice, per one report."""

    agency_key: str
    practice_key: str
    report_id: str
    year: int | None
    evidence: Evidence
    confidence: float = 1.0
    method: str = ""


@dataclass(frozen=True, slots=True)
class UnresolvedPlace:
    """A place-like name the gazetteer could not place under the report's region tree.

    Kept for debugging only: it is never an adopter and never a Region in the graph.
    """

    surface: str
    offset: int  # character offset in the report text
    reason: str  # why it was not resolved, e.g. "not under the report's region tree"


@dataclass(frozen=True, slots=True)
class NonAdoption:
    """A practice mention the classifier judged a mention, not an adoption (kept for debugging)."""

    practice_key: str
    surface: str
    evidence: Evidence
    reason: str  # the cue class: instruction | policy | meeting | plan | visit | award | media | institution
    cue: str = ""  # the words that triggered it


@dataclass(frozen=True, slots=True)
class Measurement:
    """A reported quantity: 调解成功率达94.4% -> value 94.4, unit %."""

    key: str  # report id + ":" + offset of the raw text in the report
    indicator: str
    value: float
    unit: str
    raw: str
    year: int | None
    report_id: str
    evidence: Evidence
    region_code: str | None = None
    practice_key: str | None = None
    approximate: bool = False  # 余 / 约 / 以上 / 近 in the raw text
    change: str | None = None  # a stated change, signed: 同比下降37% -> "-37%"


@dataclass(frozen=True, slots=True)
class Mention:
    """How often the report names a practice, region or agency."""

    kind: str  # "Practice" | "Region" | "Agency"
    key: str
    count: int


@dataclass(slots=True)
class Report:
    """Report metadata plus its text as read (original characters kept)."""

    id: str
    title: str
    source: str  # file path or URL the report came from
    text: str
    published: str | None = None  # ISO date (YYYY, YYYY-MM or YYYY-MM-DD)
    year: int | None = None

    @property
    def chars(self) -> int:
        """Number of characters in the report text."""
        return len(self.text)


@dataclass(slots=True)
class Extraction:
    """Everything extracted from one report, ready for graph.writer."""

    report: Report
    subject_region: str | None = None  # code of the region the report is about
    regions: list[Region] = field(default_factory=list)  # with every ancestor on the PART_OF chain
    practices: list[Practice] = field(default_factory=list)  # every practice a fact or mention uses
    adoptions: list[Adoption] = field(default_factory=list)
    agencies: list[Agency] = field(default_factory=list)
    implementations: list[Implementation] = field(default_factory=list)
    measurements: list[Measurement] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    categories: dict[str, str] = field(default_factory=dict)  # category name -> description
    unresolved: list[UnresolvedPlace] = field(default_factory=list)  # place-like names not placed
    non_adoptions: list[NonAdoption] = field(default_factory=list)  # mentions judged not adoptions
