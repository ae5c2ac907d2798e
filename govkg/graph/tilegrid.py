"""A tile-grid layout of China's 34 provincial units: one square per unit, no boundaries.

Drawn for govkg (not copied from any map): each unit sits on an 8-column grid at roughly its
place relative to its neighbours, west to east and north to south, so that a choropleth of
provinces renders offline without boundary data. Row 0 is the top, column 0 the left.
Used by the web explorer's map and by ``govkg plot``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ProvinceTile:
    """One provincial unit on the grid: 2-digit code, position and names."""

    code: str
    row: int
    col: int
    name: str
    short: str
    en: str


_TILES = (
    ProvinceTile("23", 0, 7, "黑龙江省", "黑龙江", "Heilongjiang"),
    ProvinceTile("65", 1, 1, "新疆维吾尔自治区", "新疆", "Xinjiang"),
    ProvinceTile("15", 1, 4, "内蒙古自治区", "内蒙古", "Inner Mongolia"),
    ProvinceTile("11", 1, 5, "北京市", "北京", "Beijing"),
    ProvinceTile("21", 1, 6, "辽宁省", "辽宁", "Liaoning"),
    ProvinceTile("22", 1, 7, "吉林省", "吉林", "Jilin"),
    ProvinceTile("62", 2, 2, "甘肃省", "甘肃", "Gansu"),
    ProvinceTile("64", 2, 3, "宁夏回族自治区", "宁夏", "Ningxia"),
    ProvinceTile("14", 2, 4, "山西省", "山西", "Shanxi"),
    ProvinceTile("13", 2, 5, "河北省", "河北", "Hebei"),
    ProvinceTile("12", 2, 6, "天津市", "天津", "Tianjin"),
    ProvinceTile("54", 3, 1, "西藏自治区", "西藏", "Tibet"),
    ProvinceTile("63", 3, 2, "青海省", "青海", "Qinghai"),
    ProvinceTile("61", 3, 3, "陕西省", "陕西", "Shaanxi"),
    ProvinceTile("41", 3, 4, "河南省", "河南", "Henan"),
    ProvinceTile("37", 3, 5, "山东省", "山东", "Shandong"),
    ProvinceTile("51", 4, 2, "四川省", "四川", "Sichuan"),
    ProvinceTile("50", 4, 3, "重庆市", "重庆", "Chongqing"),
    ProvinceTile("42", 4, 4, "湖北省", "湖北", "Hubei"),
    ProvinceTile("34", 4, 5, "安徽省", "安徽", "Anhui"),
    ProvinceTile("32", 4, 6, "江苏省", "江苏", "Jiangsu"),
    ProvinceTile("31", 4, 7, "上海市", "上海", "Shanghai"),
    ProvinceTile("53", 5, 2, "云南省", "云南", "Yunnan"),
    ProvinceTile("52", 5, 3, "贵州省", "贵州", "Guizhou"),
    ProvinceTile("43", 5, 4, "湖南省", "湖南", "Hunan"),
    ProvinceTile("36", 5, 5, "江西省", "江西", "Jiangxi"),
    ProvinceTile("33", 5, 6, "浙江省", "浙江", "Zhejiang"),
    ProvinceTile("45", 6, 3, "广西壮族自治区", "广西", "Guangxi"),
    ProvinceTile("44", 6, 4, "广东省", "广东", "Guangdong"),
    ProvinceTile("35", 6, 5, "福建省", "福建", "Fujian"),
    ProvinceTile("71", 6, 6, "台湾省", "台湾", "Taiwan"),
    ProvinceTile("46", 7, 3, "海南省", "海南", "Hainan"),
    ProvinceTile("82", 7, 4, "澳门特别行政区", "澳门", "Macao"),
    ProvinceTile("81", 7, 5, "香港特别行政区", "香港", "Hong Kong"),
)

GRID_ROWS = 1 + max(t.row for t in _TILES)
GRID_COLS = 1 + max(t.col for t in _TILES)

TILES: dict[str, ProvinceTile] = {t.code: t for t in _TILES}
"""2-digit province code → its tile."""

PROVINCE_TILES: dict[str, tuple[int, int]] = {t.code: (t.row, t.col) for t in _TILES}
"""2-digit province code → (row, col) on the grid."""

PROVINCE_NAMES: dict[str, str] = {t.code: t.name for t in _TILES}
"""2-digit province code → official name (北京市, 内蒙古自治区, ...)."""

PROVINCE_SHORT: dict[str, str] = {t.code: t.short for t in _TILES}
"""2-digit province code → short name for a tile label (北京, 内蒙古, ...)."""


def province_code(region_code: str) -> str | None:
    """The 2-digit provincial code of any region code (6, 9 or 12 digits), or None if unknown."""
    prefix = region_code[:2]
    return prefix if prefix in TILES else None


def tile_rows() -> list[dict[str, str | int]]:
    """The grid as plain rows (code, row, col, name, short, en), e.g. for JSON."""
    return [
        {"code": t.code, "row": t.row, "col": t.col, "name": t.name, "short": t.short, "en": t.en}
        for t in _TILES
    ]
