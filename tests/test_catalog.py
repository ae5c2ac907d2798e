"""The query catalog: header validation, parameter binding, and each query's answer on FalkorDB
checked against an independent computation (networkx / plain Python) over the same Extractions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from govkg.graph.falkor_store import FalkorStore
from govkg.graph.writer import load_extractions
from govkg.loaders.extraction import Adoption, Extraction
from govkg.queries.catalog import Catalog, Query, parse_query, run_query

OWN_QUERIES = ("practices", "practice_adopters", "region_practices", "adoptions", "stats")

# -- an independent model of the graph, straight from the Extraction objects -------------------


def earliest(a: Adoption) -> tuple[int, str, int, str, str]:
    """The order evidence is shown in: dated facts by year first, then report and offset."""
    return (
        a.year if a.year is not None else 9999,
        a.report_id,
        a.evidence.offset,
        a.region_code,
        a.practice_key,
    )


class Expected:
    """What the graph should answer, computed from the extractions without any Cypher."""

    def __init__(self, extractions: list[Extraction]) -> None:
        self.extractions = extractions
        self.tree = nx.DiGraph()  # child -> parent
        self.regions = {r.code: r for ex in extractions for r in ex.regions}
        self.practices = {p.key: p for ex in extractions for p in ex.practices}
        self.reports = {ex.report.id: ex.report for ex in extractions}
        for r in self.regions.values():
            self.tree.add_node(r.code)
            if r.parent_code:
                self.tree.add_edge(r.code, r.parent_code)
        first: dict[tuple[str, str, str], Adoption] = {}
        for ex in extractions:
            for a in sorted(ex.adoptions, key=lambda a: a.evidence.offset):
                first.setdefault((a.region_code, a.practice_key, a.report_id), a)
        self.adoptions = list(first.values())

    def ancestors_or_self(self, code: str) -> set[str]:
        found: set[str] = nx.descendants(self.tree, code)
        return {code} | found

    def within(self, code: str, root: str | None) -> bool:
        return root is None or root in self.ancestors_or_self(code)

    def practices_rows(self, category: str | None = None, q: str | None = None) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        for key in sorted(self.practices):
            p = self.practices[key]
            if category is not None and p.category != category:
                continue
            if q is not None and q not in p.name and not any(q in a for a in p.aliases):
                continue
            mine = [a for a in self.adoptions if a.practice_key == key]
            years = [a.year for a in mine if a.year is not None]
            rows.append(
                {
                    "key": key,
                    "name": p.name,
                    "category": p.category,
                    "aliases": list(p.aliases),
                    "adopters": len({a.region_code for a in mine}),
                    "first_year": min(years) if years else None,
                }
            )
        return rows

    def _year_ok(self, a: Adoption, year_from: int | None, year_to: int | None) -> bool:
        if year_from is not None and (a.year is None or a.year < year_from):
            return False
        return not (year_to is not None and (a.year is None or a.year > year_to))

    def adopters_rows(
        self,
        key: str,
        rollup: bool = False,
        level: str | None = None,
        within: str | None = None,
        year_from: int | None = None,
        year_to: int | None = None,
        limit: int = 100,
    ) -> list[dict[str, Any]]:
        credited: dict[str, list[Adoption]] = {}
        for a in self.adoptions:
            if a.practice_key != key or not self._year_ok(a, year_from, year_to):
                continue
            targets = self.ancestors_or_self(a.region_code) if rollup else {a.region_code}
            for code in targets:
                credited.setdefault(code, []).append(a)
        rows: list[dict[str, Any]] = []
        for code, facts in credited.items():
            r = self.regions[code]
            if (level is not None and r.level != level) or not self.within(code, within):
                continue
            years = [a.year for a in facts if a.year is not None]
            rows.append(
                {
                    "code": code,
                    "name": r.name,
                    "level": r.level,
                    "reports": len({a.report_id for a in facts}),
                    "adopting_regions": len({a.region_code for a in facts}),
                    "first_year": min(years) if years else None,
                    "evidence": min(facts, key=earliest).evidence.sentence,
                }
            )
        rows.sort(key=lambda x: (-x["reports"], x["code"]))
        return rows[:limit]

    def region_practices_rows(self, code: str, include_descendants: bool = False) -> list[dict[str, Any]]:
        area = {c for c in self.regions if c == code or (include_descendants and self.within(c, code))}
        by_practice: dict[str, list[Adoption]] = {}
        for a in self.adoptions:
            if a.region_code in area:
                by_practice.setdefault(a.practice_key, []).append(a)
        rows: list[dict[str, Any]] = []
        for key in sorted(by_practice):
            facts = by_practice[key]
            years = [a.year for a in facts if a.year is not None]
            p = self.practices[key]
            rows.append(
                {
                    "key": key,
                    "name": p.name,
                    "category": p.category,
                    "reports": len({a.report_id for a in facts}),
                    "first_year": min(years) if years else None,
                    "regions": sorted({a.region_code for a in facts}),
                }
            )
        return rows

    def adoptions_rows(
        self,
        practice: str | None = None,
        region: str | None = None,
        within: str | None = None,
        year_from: int | None = None,
        year_to: int | None = None,
        report: str | None = None,
        min_confidence: float | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        for a in self.adoptions:
            if min_confidence is not None and a.confidence < min_confidence:
                continue
            if practice is not None and a.practice_key != practice:
                continue
            if region is not None and a.region_code != region:
                continue
            if report is not None and a.report_id != report:
                continue
            if not self.within(a.region_code, within) or not self._year_ok(a, year_from, year_to):
                continue
            r, p, rep = self.regions[a.region_code], self.practices[a.practice_key], self.reports[a.report_id]
            rows.append(
                {
                    "region_code": r.code,
                    "region_name": r.name,
                    "region_level": r.level,
                    "practice_key": p.key,
                    "practice_name": p.name,
                    "practice_aliases": list(p.aliases),
                    "year": a.year,
                    "evidence": a.evidence.sentence,
                    "offset": a.evidence.offset,
                    "confidence": a.confidence,
                    "method": getattr(a, "method", None),
                    "report_id": a.report_id,
                    "report_title": rep.title,
                    "report_source": rep.source,
                    "report_date": rep.published,
                }
            )
        rows.sort(key=lambda x: (x["report_id"], x["offset"], x["region_code"], x["practice_key"]))
        return rows[offset : offset + limit]

    def stats_rows(self) -> list[dict[str, Any]]:
        exs = self.extractions
        agencies = {a.key: a for ex in exs for a in ex.agencies}
        measurements = {m.key: m for ex in exs for m in ex.measurements}
        categories = {p.category for p in self.practices.values()}
        known = {"Practice": set(self.practices), "Region": set(self.regions), "Agency": set(agencies)}
        implements = {(i.agency_key, i.practice_key, i.report_id) for ex in exs for i in ex.implementations}
        sentences = (
            {(a.report_id, a.evidence.offset) for a in self.adoptions}
            | {(i.report_id, i.evidence.offset) for ex in exs for i in ex.implementations}
            | {(m.report_id, m.evidence.offset) for m in measurements.values()}
        )
        covers = {
            (up, a.practice_key) for a in self.adoptions for up in self.ancestors_or_self(a.region_code)
        }
        facts = len(self.adoptions) + len(implements)
        nodes = Counter(
            {
                "Region": len(self.regions),
                "Practice": len(self.practices),
                "Category": len(categories),
                "Agency": len(agencies),
                "Report": len(self.reports),
                "Measurement": len(measurements),
                "Fact": facts,
                "Sentence": len(sentences),
            }
        )
        mentions = {
            (ex.report.id, m.kind, m.key) for ex in exs for m in ex.mentions if m.key in known[m.kind]
        }
        edges = Counter(
            {
                "PART_OF": self.tree.number_of_edges(),
                "ADOPTED": len({(a.region_code, a.practice_key) for a in self.adoptions}),
                "COVERS": len(covers),
                "IMPLEMENTS": len({(agency, practice) for agency, practice, _ in implements}),
                "BY": facts,
                "OF": facts,
                "IN": facts + len(measurements),
                "HAS": len(sentences),
                "OF_REGION": len(agencies) + sum(1 for m in measurements.values() if m.region_code),
                "IN_CATEGORY": len(self.practices),
                "VARIANT_OF": sum(1 for p in self.practices.values() if p.variant_of),
                "ABOUT": sum(1 for ex in exs if ex.subject_region),
                "MENTIONS": len(mentions),
                "STATES": len(measurements),
                "FOR_PRACTICE": sum(1 for m in measurements.values() if m.practice_key),
            }
        )
        return [{"kind": "node", "label": k, "count": v} for k, v in sorted(nodes.items()) if v] + [
            {"kind": "relationship", "label": k, "count": v} for k, v in sorted(edges.items()) if v
        ]


@pytest.fixture
def loaded(
    falkor_store: FalkorStore, extractions: list[Extraction]
) -> Iterator[tuple[FalkorStore, Expected]]:
    """The sample extractions written to FalkorDB, with their independent expectation."""
    load_extractions(falkor_store, extractions)
    yield falkor_store, Expected(extractions)


PRACTICES_CASES: list[dict[str, Any]] = [
    {},
    {"category": "基层治理"},
    {"q": "网格"},
    {"q": "自治"},
    {"q": "无此"},
]
ADOPTERS_CASES: list[dict[str, Any]] = [
    {"key": "fengqiao"},
    {"key": "fengqiao", "rollup": True},
    {"key": "grid", "rollup": True, "level": "prefecture"},
    {"key": "grid", "rollup": True, "within": "150000"},
    {"key": "mediation", "rollup": True, "within": "150203"},
    {"key": "fengqiao", "rollup": True, "year_from": 2023},
    {"key": "fengqiao", "rollup": True, "year_to": 2022},
    {"key": "grid", "rollup": True, "limit": 2},
    {"key": "no-such-practice"},
]
REGION_CASES: list[dict[str, Any]] = [
    {"code": "150203"},
    {"code": "150203", "include_descendants": True},
    {"code": "150000", "include_descendants": True},
    {"code": "150000"},
    {"code": "632800", "include_descendants": True},
]
ADOPTION_CASES: list[dict[str, Any]] = [
    {},
    {"practice": "grid"},
    {"region": "150203"},
    {"within": "150200"},
    {"within": "150203", "practice": "local:石榴籽家园"},
    {"year_from": 2023, "year_to": 2023},
    {"year_to": 2022},
    {"limit": 3, "offset": 2},
    {"offset": 100},
    {"min_confidence": 0.9},
    {"min_confidence": 0.9, "practice": "snow"},
]


@pytest.mark.parametrize("params", PRACTICES_CASES)
def test_practices(loaded: tuple[FalkorStore, Expected], params: dict[str, Any]) -> None:
    store, expected = loaded
    assert run_query(store, "practices", params) == expected.practices_rows(**params)


@pytest.mark.parametrize("params", ADOPTERS_CASES)
def test_practice_adopters(loaded: tuple[FalkorStore, Expected], params: dict[str, Any]) -> None:
    store, expected = loaded
    assert run_query(store, "practice_adopters", params) == expected.adopters_rows(**params)


@pytest.mark.parametrize("params", REGION_CASES)
def test_region_practices(loaded: tuple[FalkorStore, Expected], params: dict[str, Any]) -> None:
    store, expected = loaded
    assert run_query(store, "region_practices", params) == expected.region_practices_rows(**params)


@pytest.mark.parametrize("params", ADOPTION_CASES)
def test_adoptions(loaded: tuple[FalkorStore, Expected], params: dict[str, Any]) -> None:
    store, expected = loaded
    assert run_query(store, "adoptions", params) == expected.adoptions_rows(**params)


def test_adoptions_by_report(loaded: tuple[FalkorStore, Expected], extractions: list[Extraction]) -> None:
    store, expected = loaded
    rid = extractions[1].report.id
    rows = run_query(store, "adoptions", {"report": rid})
    assert rows == expected.adoptions_rows(report=rid) and len(rows) == len(extractions[1].adoptions)


def test_stats(loaded: tuple[FalkorStore, Expected]) -> None:
    store, expected = loaded
    assert run_query(store, "stats") == expected.stats_rows()


def test_cases_are_not_trivially_empty(loaded: tuple[FalkorStore, Expected]) -> None:
    _, expected = loaded
    assert len(expected.adopters_rows("fengqiao", rollup=True)) > len(expected.adopters_rows("fengqiao"))
    assert expected.region_practices_rows("150000", include_descendants=True)
    assert not expected.region_practices_rows("150000")


def _smoke_params(query: Query, extractions: list[Extraction]) -> dict[str, Any] | None:
    """Plausible values for a query's required parameters, or None when we cannot guess."""
    guesses: dict[str, Any] = {
        "key": "fengqiao",
        "practice": "fengqiao",
        "code": "150200",
        "region": "150200",
        "within": "150200",
        "name": "包头市",
        "q": "枫桥经验",
        "report": extractions[0].report.id,
        "id": extractions[0].report.id,
        "codes": ["150200", "150203"],
        "keys": ["fengqiao", "grid"],
    }
    params: dict[str, Any] = {}
    for p in query.params:
        if not p.required:
            continue
        if p.name not in guesses:
            return None
        params[p.name] = guesses[p.name]
    return params


def test_every_catalog_query_runs_on_falkordb(
    loaded: tuple[FalkorStore, Expected], extractions: list[Extraction]
) -> None:
    store, _ = loaded
    catalog = Catalog.default()
    assert set(OWN_QUERIES) <= set(catalog.names())
    ran = []
    for query in catalog:
        params = _smoke_params(query, extractions)
        if params is None:
            continue
        rows = run_query(store, query.name, params, catalog)
        assert isinstance(rows, list), query.name
        ran.append(query.name)
    assert set(OWN_QUERIES) <= set(ran)


# -- headers and binding -----------------------------------------------------------------------

GOOD = """// name: demo
// description: A demo query.
// param key: str — a key
// param flag: bool = false — a flag
// param level: str? = null — optional level
// param n: int = 10 — page size
// param x: float? — a number
// param tags: list[str] = [] — tags
MATCH (p:Practice {key: $key})
WHERE $flag OR ($level IS NULL OR p.level = $level) OR $x IS NULL OR size($tags) = 0
RETURN p.key AS key LIMIT $n
"""


def _write(directory: Path, files: dict[str, str]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def test_header_is_parsed() -> None:
    q = parse_query(GOOD, "demo.cypher")
    assert q.name == "demo" and q.description == "A demo query."
    by_name = {p.name: p for p in q.params}
    assert [p.name for p in q.params] == ["key", "flag", "level", "n", "x", "tags"]
    assert by_name["key"].required and by_name["key"].type == "str"
    assert not by_name["flag"].required and by_name["flag"].default is False
    assert by_name["level"].default is None and not by_name["level"].required
    assert by_name["x"].type == "float" and not by_name["x"].required
    assert by_name["tags"].default == [] and by_name["tags"].type == "list[str]"
    assert by_name["n"].description == "page size"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD.replace("// name: demo\n", ""), "name"),
        (GOOD.replace("// description: A demo query.\n", ""), "description"),
        (GOOD.replace("int = 10", "integer = 10"), "bad param line"),
        (GOOD.replace("= 10 —", "= ten —"), "not a JSON literal"),
        (GOOD.replace("int = 10", 'int = "x"'), "default of 'n'"),
        (GOOD.replace("str? = null", "str = null"), "not declared optional"),
        (GOOD.replace("LIMIT $n", "LIMIT 5"), "'n' is declared but never used"),
        (GOOD.replace("LIMIT $n", "LIMIT $n + $m"), r"\$m is used but not declared"),
        (
            GOOD.replace("// param x: float? — a number\n", "// param x: float? — a\n// param x: int — b\n"),
            "twice",
        ),
    ],
)
def test_bad_headers_are_refused_naming_the_file(tmp_path: Path, text: str, message: str) -> None:
    d = _write(tmp_path / "q", {"demo.cypher": text})
    with pytest.raises(ValueError, match=message) as info:
        Catalog.load(d)
    assert "demo.cypher" in str(info.value)


def test_name_must_match_file_and_overrides_need_a_base(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="does not match the file name"):
        Catalog.load(_write(tmp_path / "a", {"other.cypher": GOOD}))
    with pytest.raises(ValueError, match=r"has no demo\.cypher"):
        Catalog.load(_write(tmp_path / "b", {"demo.falkordb.cypher": GOOD}))
    with pytest.raises(ValueError, match="unknown dialect"):
        Catalog.load(_write(tmp_path / "c", {"demo.cypher": GOOD, "demo.oracle.cypher": GOOD}))
    bad_override = GOOD.replace("LIMIT $n", "LIMIT 3")
    with pytest.raises(ValueError, match="falkordb override"):
        Catalog.load(_write(tmp_path / "d", {"demo.cypher": GOOD, "demo.falkordb.cypher": bad_override}))


def test_override_is_picked_by_dialect(tmp_path: Path) -> None:
    override = GOOD.replace("RETURN p.key AS key", "RETURN p.key AS key, 1 AS engine")
    catalog = Catalog.load(_write(tmp_path, {"demo.cypher": GOOD, "demo.falkordb.cypher": override}))
    q = catalog.get("demo")
    assert q.text_for("falkordb") == override
    assert q.text_for("neo4j") == GOOD
    assert catalog.names() == ["demo"] and [x.name for x in catalog] == ["demo"]


def test_bind_coerces_strings_and_fills_defaults() -> None:
    q = parse_query(GOOD, "demo.cypher")
    assert q.bind({"key": "k"}) == {"key": "k", "flag": False, "level": None, "n": 10, "x": None, "tags": []}
    bound = q.bind({"key": "k", "flag": "true", "n": "3", "x": "2.5", "tags": "a, b", "level": None})
    assert bound == {"key": "k", "flag": True, "level": None, "n": 3, "x": 2.5, "tags": ["a", "b"]}
    assert q.bind({"key": "k", "flag": "0", "tags": '["x"]', "x": 4})["flag"] is False
    assert q.bind({"key": "k", "x": 4, "n": 7.0})["x"] == 4.0


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ({}, "key"),
        ({"key": "k", "nope": 1}, "nope"),
        ({"key": "k", "n": "ten"}, "n"),
        ({"key": "k", "n": True}, "n"),
        ({"key": "k", "flag": "maybe"}, "flag"),
        ({"key": "k", "x": "abc"}, "x"),
        ({"key": 5}, "key"),
        ({"key": None}, "key"),
        ({"key": "k", "tags": [1, 2]}, "tags"),
    ],
)
def test_bind_rejects_bad_parameters_naming_them(raw: dict[str, Any], name: str) -> None:
    q = parse_query(GOOD, "demo.cypher")
    with pytest.raises(ValueError, match=f"'{name}'"):
        q.bind(raw)


def test_get_unknown_query_names_it() -> None:
    with pytest.raises(KeyError, match="no_such_query"):
        Catalog.default().get("no_such_query")
