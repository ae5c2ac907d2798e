"""`dev.py eval`: the table, the error classes, and the floors extraction must hold on the gold sets.

The floors are a regression guard set about 0.01 below what extraction reaches today
(2026-12-07: dev all 0.991, sub-region 0.990, programmes 1.000, strict precision 0.989; seeds
all 0.955), at or
above the issue's targets (dev: 0.90 all, 0.85 sub-region, 0.85 programmes, 0.92 strict
precision). Gold and scorer are read from ../shared, never copied.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from govkg.evaluation import (
    MENTION,
    PLACE,
    PROGRAMMES,
    VARIANTS,
    WHO_ACTS,
    YEARS,
    SetResult,
    classify_errors,
    format_table,
    gold_sets,
    load_scorer,
    main,
    run_set,
    year_agreement,
)
from govkg.loaders.extract import default_extractor

SHARED = Path(__file__).resolve().parents[2] / "shared"
pytestmark = pytest.mark.skipif(
    not (SHARED / "gold" / "dev").is_dir(), reason="../shared/gold is not beside the repo"
)

# (set, measure, stat) -> floor
FLOORS: dict[tuple[str, str, str], float] = {
    ("seeds", "adoption_all", "f1"): 0.945,
    ("seeds", "subregion_adoption", "f1"): 0.80,
    ("seeds", "adoption_strict_region", "precision"): 0.99,
    ("dev", "adoption_all", "f1"): 0.981,
    ("dev", "subregion_adoption", "f1"): 0.980,
    ("dev", "named_program_recall", "recall"): 0.99,
    ("dev", "adoption_strict_region", "precision"): 0.979,
}


@functools.cache
def _results() -> dict[str, SetResult]:
    scorer = load_scorer(SHARED)
    return {gs.name: run_set(gs, scorer, default_extractor(), "builtin") for gs in gold_sets(SHARED)}


@pytest.mark.parametrize(("key", "floor"), sorted(FLOORS.items()))
def test_floors_hold(key: tuple[str, str, str], floor: float) -> None:
    name, measure, stat = key
    value = _results()[name].score[measure][stat]
    assert value >= floor, (key, value)


def test_correct_lines_carry_the_gold_year() -> None:
    for name, result in _results().items():
        years = result.extras["years"]
        assert years["matched"] > 50 and years["accuracy"] >= 0.98, (name, years)


def test_both_sets_are_scored_with_all_their_reports() -> None:
    results = _results()
    assert set(results) == {"seeds", "dev"}
    assert results["seeds"].score["documents"] == 5
    assert results["dev"].score["documents"] == 38  # two commentary reports have no gold line
    assert len(results["dev"].extractions) == 40


def test_every_predicted_row_carries_method_and_confidence() -> None:
    rows = [row for r in _results().values() for row in r.pred]
    assert rows
    for row in rows:
        assert row["method"].startswith("actor="), row
        assert 0.0 < row["confidence"] <= 1.0, row


def test_table_has_one_row_per_result_and_the_named_columns() -> None:
    table = format_table(list(_results().values())).splitlines()
    assert table[0].split()[:4] == ["set", "backend", "all", "F1"]
    assert [line.split()[0] for line in table[2:]] == ["seeds", "dev"]


def test_error_classes_on_invented_rows() -> None:
    scorer = load_scorer(SHARED)
    gold = [
        {"doc": "x1", "region": "甲县", "practice": "网格化管理", "evidence": "甲县推行网格化管理。"},
        {"doc": "x1", "region": "乙镇", "practice": "综治中心", "evidence": "乙镇建成综治中心。"},
        {"doc": "x1", "region": "乙镇", "practice": "OTHER:红灯笼", "evidence": "乙镇“红灯笼”调解室。"},
    ]
    row = {"source": "docs/x1.txt", "practice_aliases": [], "evidence": "…", "method": "actor=subject"}
    pred = [
        {**row, "region": "甲县", "practice": "综治中心"},  # gold for 乙镇: who acts
        {**row, "region": "丙村", "practice": "网格化管理"},  # 丙村 adopts nothing in gold: place
        {**row, "region": "甲县", "practice": "雪亮工程"},  # a practice gold never gives: mention
    ]
    result = SetResult("t", "builtin", {}, pred=pred, gold=gold)
    groups = classify_errors(result, scorer)
    # missed 乙镇 综治中心 and 甲县 网格化管理 (both predicted for another region), spurious 甲县 综治中心
    assert len(groups[WHO_ACTS]) == 3
    assert len(groups[PLACE]) == 1 and "丙村" in groups[PLACE][0]
    assert len(groups[MENTION]) == 1 and "雪亮工程" in groups[MENTION][0]
    assert len(groups[PROGRAMMES]) == 1 and "红灯笼" in groups[PROGRAMMES][0]
    assert VARIANTS not in groups


def test_a_programme_named_with_or_without_quotes_is_no_error() -> None:
    # the scorer matches OTHER names after dropping punctuation on both sides; so does the listing
    scorer = load_scorer(SHARED)
    gold = [{"doc": "x3", "region": "乙镇", "practice": "OTHER:“红灯笼”调解室", "evidence": "…"}]
    row = {"source": "docs/x3.txt", "practice_aliases": [], "evidence": "…", "method": "actor=place"}
    pred = [{**row, "region": "乙镇", "practice": "红灯笼调解室"}]
    groups = classify_errors(SetResult("t", "builtin", {}, pred=pred, gold=gold), scorer)
    assert PROGRAMMES not in groups


def test_years_of_correct_lines_are_compared_with_the_gold() -> None:
    scorer = load_scorer(SHARED)
    gold = [
        {
            "doc": "x2",
            "region": "甲县",
            "practice": "网格化管理",
            "year": 2021,
            "evidence": "甲县推行网格化管理。",
        },
        {
            "doc": "x2",
            "region": "甲县",
            "practice": "综治中心",
            "year": None,
            "evidence": "甲县建成综治中心。",
        },
        {
            "doc": "x2",
            "region": "乙镇",
            "practice": "雪亮工程",
            "year": 2020,
            "evidence": "乙镇建成雪亮工程。",
        },
    ]
    row = {"source": "docs/x2.txt", "practice_aliases": [], "evidence": "…", "method": "actor=subject"}
    pred = [
        {**row, "region": "甲县", "practice": "网格化管理", "year": 2022},  # right line, wrong year
        {**row, "region": "甲县", "practice": "综治中心", "year": None},  # right line, both null
        {**row, "region": "丙村", "practice": "雪亮工程", "year": 2020},  # wrong region: not compared
    ]
    result = SetResult("t", "builtin", {}, pred=pred, gold=gold)
    assert year_agreement(result, scorer) == {"accuracy": 0.5, "same": 1, "matched": 2}
    years = classify_errors(result, scorer)[YEARS]
    assert len(years) == 1 and "gold 2021 got 2022" in years[0]


def test_main_prints_the_table_and_the_classes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--shared", str(SHARED), "--set", "seeds", "--errors", "2"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("set")
    assert "== seeds / builtin: errors by class ==" in out
    assert f"-- {WHO_ACTS}:" in out and f"-- {PROGRAMMES}:" in out
