"""The tile grid of provincial units: complete, one tile per cell, names as in the gazetteer."""

from __future__ import annotations

from govkg.graph.tilegrid import (
    GRID_COLS,
    GRID_ROWS,
    PROVINCE_NAMES,
    PROVINCE_SHORT,
    PROVINCE_TILES,
    province_code,
    tile_rows,
)
from govkg.loaders.regions import Gazetteer


def test_all_34_units_each_in_its_own_cell() -> None:
    assert len(PROVINCE_TILES) == 34
    assert {"71", "81", "82"} <= set(PROVINCE_TILES)
    cells = list(PROVINCE_TILES.values())
    assert len(set(cells)) == 34
    assert all(0 <= r < GRID_ROWS and 0 <= c < GRID_COLS for r, c in cells)


def test_names_are_the_gazetteer_province_names() -> None:
    gazetteer = Gazetteer.default()
    for code, name in PROVINCE_NAMES.items():
        region = gazetteer.get(code + "0000")
        assert region is not None, code
        assert region.level == "province"
        assert region.name == name
        assert name.startswith(PROVINCE_SHORT[code])


def test_neighbours_keep_their_relative_places() -> None:
    row, col = PROVINCE_TILES["11"]  # Beijing sits north of Hebei, Tianjin east of Hebei
    assert PROVINCE_TILES["13"] == (row + 1, col)
    assert PROVINCE_TILES["12"][1] > PROVINCE_TILES["13"][1]
    assert PROVINCE_TILES["65"][1] < PROVINCE_TILES["33"][1]  # Xinjiang west of Zhejiang
    assert PROVINCE_TILES["23"][0] < PROVINCE_TILES["46"][0]  # Heilongjiang north of Hainan


def test_province_code_of_any_level() -> None:
    assert province_code("330681") == "33"
    assert province_code("330681001") == "33"
    assert province_code("990000") is None
    rows = tile_rows()
    assert {r["code"] for r in rows} == set(PROVINCE_TILES)
