"""`from govkg import open_graph`: the catalog's questions as typed results, for tools embedding govkg."""

from __future__ import annotations

from pathlib import Path

import govkg
from govkg.knowledge import Adopter, AdoptionFact, PracticeSummary, RegionPractice
from govkg.loaders.practices import Taxonomy

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_open_graph_answers_with_typed_results(tmp_path: Path) -> None:
    with govkg.open_graph(data_dir=tmp_path / "d") as kg:
        summary = kg.load([EXAMPLES])
        assert summary.loaded >= 10 and summary.exit_code == 0
        practices = kg.practices()
        assert practices and all(isinstance(p, PracticeSummary) for p in practices)
        # the whole taxonomy is in the graph, adopted or not yet
        assert {p.key for p in practices} >= set(Taxonomy.default().practices)
        assert any(p.adopters == 0 for p in practices)
        grid = next(p for p in practices if p.key == "grid")
        adopters = kg.adopters("grid")
        assert all(isinstance(a, Adopter) for a in adopters)
        assert grid.adopters == len(adopters)

        facts = list(kg.adoptions(practice="grid"))
        assert facts and all(isinstance(f, AdoptionFact) for f in facts)
        assert {f.region_code for f in facts} == {a.code for a in adopters}
        for f in facts:
            assert f.evidence and f.report_id and f.report_source

        # rolled up, a province is credited with what its counties and streets adopted
        county = facts[0].region_code.split(":")[0]
        province = county[:2] + "0000"
        rolled = {a.code for a in kg.adopters("grid", rollup=True)}
        assert province in rolled
        own = kg.region_practices(province)
        below = kg.region_practices(province, include_descendants=True)
        assert all(isinstance(p, RegionPractice) for p in below)
        assert "grid" in {p.key for p in below}
        assert {p.key for p in own} <= {p.key for p in below}

        stats = kg.stats()
        assert stats["labels"]["Report"] == summary.loaded
        facts = list(kg.adoptions())
        assert stats["labels"]["Fact"] >= len(facts)  # adoption facts and implementation facts
        assert stats["relationship_types"]["ADOPTED"] == len({(f.region_code, f.practice_key) for f in facts})


def test_version_is_importable_cheaply() -> None:
    assert govkg.__version__.count(".") == 2
