"""Figures a person reads: Chinese names in the shipped CJK font, titles in words, PNG and SVG.

The events are invented (real GB/T 2260 codes, names written here); drawing is checked by
looking at the finished matplotlib figure, and the files by their magic bytes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from govkg.graph import plots
from govkg.graph.analytics import AdoptionEvent, coadoption_graph
from govkg.graph.tilegrid import TILES


def event(
    code: str, name: str, key: str, practice: str, category: str = "基层治理", year: int = 2021
) -> AdoptionEvent:
    province = code[:2] + "0000"
    return AdoptionEvent(
        region_code=code,
        region_name=name,
        level="county",
        parent_code=None,
        parent_name=None,
        province_code=province,
        province_name=TILES[code[:2]].name,
        practice_key=key,
        practice_name=practice,
        category=category,
        first_year=year,
        reports=1,
        evidence=f"{name}推行{practice}。",
        evidence_report_id="r",
        evidence_offset=0,
    )


EVENTS = [
    event("150203", "昆都仑区", "grid", "网格化管理"),
    event("150204", "青山区", "grid", "网格化管理"),
    event("150223", "达尔罕茂明安联合旗", "grid", "网格化管理"),
    event("150204", "青山区", "fengqiao", "枫桥经验", "矛盾化解", 2019),
    event("632801", "格尔木市", "fengqiao", "枫桥经验", "矛盾化解", 2022),
    event("632801", "格尔木市", "grid", "网格化管理"),
    event("330681", "诸暨市", "fengqiao", "枫桥经验", "矛盾化解", 2003),
]


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Every figure saved, as its texts and the font file matplotlib picked for them."""
    from matplotlib import font_manager
    from matplotlib.text import Text

    seen: list[dict[str, Any]] = []
    real = plots.save_figure

    def capture(fig: Any, path: Any, fmt: str | None = None) -> None:
        texts = [t for t in fig.findobj(Text) if t.get_text()]
        seen.append(
            {
                "texts": [t.get_text() for t in texts],
                "fonts": {Path(font_manager.findfont(t.get_fontproperties())).name for t in texts},
                "title": fig.axes[0].get_title(),
            }
        )
        real(fig, path, fmt)

    monkeypatch.setattr(plots, "save_figure", capture)
    return seen


def test_the_shipped_cjk_font_is_used() -> None:
    path = plots.shipped_font_path()
    assert path is not None and path.name == "NotoSansCJKsc-Regular.otf"
    assert plots.cjk_font() == plots.SHIPPED_FONT_NAME


def test_map_names_provinces_on_the_tile_grid(tmp_path: Path, drawn: list[dict[str, Any]]) -> None:
    counts = plots.province_counts(EVENTS, "grid")
    assert counts == {"15": 3, "63": 1}
    plots.plot_province_map(counts, tmp_path / "m.png", "Where 网格化管理 was adopted")
    texts = drawn[0]["texts"]
    assert {"内蒙古", "青海", "香港", "台湾"} <= set(texts)  # every unit named, none as a code
    assert not any(t in texts for t in ("150000", "15", "630000"))
    assert drawn[0]["fonts"] & {"NotoSansCJKsc-Regular.otf"}
    assert (tmp_path / "m.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_heatmap_is_practices_by_province_names(tmp_path: Path, drawn: list[dict[str, Any]]) -> None:
    rows, cols, matrix = plots.heatmap_table(EVENTS)
    assert rows == ["网格化管理", "枫桥经验"]  # most adopters first
    assert set(cols) == {"内蒙古自治区", "青海省", "浙江省"}
    cell = dict(zip(cols, matrix[0], strict=True))
    assert cell["内蒙古自治区"] == 3 and cell["浙江省"] == 0
    plots.plot_heatmap(EVENTS, tmp_path / "h.svg")
    assert {"内蒙古自治区", "网格化管理"} <= set(drawn[0]["texts"])
    assert "province" in drawn[0]["title"] and b"<svg" in (tmp_path / "h.svg").read_bytes()[:1000]


def test_network_labels_practices_by_name(tmp_path: Path, drawn: list[dict[str, Any]]) -> None:
    graph = coadoption_graph(EVENTS)
    assert graph["grid"]["fengqiao"]["weight"] == 2
    plots.plot_coadoption(graph, tmp_path / "n.png")
    assert {"网格化管理", "枫桥经验", "矛盾化解"} <= set(drawn[0]["texts"])
    assert drawn[0]["title"].startswith("Practices adopted together")


def test_figure_paths_give_png_and_svg(tmp_path: Path) -> None:
    assert plots.figure_paths(tmp_path / "map.png") == [tmp_path / "map.png", tmp_path / "map.svg"]
    assert plots.figure_paths(tmp_path / "map") == [tmp_path / "map.png", tmp_path / "map.svg"]
    with pytest.raises(ValueError, match="unknown plot format"):
        plots.save_figure(object(), tmp_path / "x.bmp")
