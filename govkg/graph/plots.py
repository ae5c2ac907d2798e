"""Figures a person reads, with matplotlib (the optional ``analytics`` extra).

Every figure names regions and practices in Chinese (内蒙古自治区, not 150000) and titles
itself in words. The Chinese font is one the project can count on: Noto Sans CJK SC
(SIL Open Font License), shipped inside the PyPI package ``mplfonts`` that the ``analytics``
extra depends on; govkg registers that file with matplotlib itself (no download, no change
to the user's matplotlib configuration). A CJK font installed on the system is used only
when that package is missing.

Figures: the diffusion curve of one practice, an adoption map of the 34 provincial units on
the tile grid of :mod:`govkg.graph.tilegrid` (the web explorer's layout), the co-adoption
network of practices (networkx spring layout) and a practice × province heat map.
:func:`save_figure` writes PNG and SVG side by side.
"""

from __future__ import annotations

import importlib.util
import warnings
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from govkg.graph.tilegrid import GRID_COLS, GRID_ROWS, TILES, province_code

if TYPE_CHECKING:
    import networkx as nx

    from govkg.graph.analytics import AdoptionEvent, DiffusionCurve

PLOT_FORMATS = ("png", "svg", "pdf")
SHIPPED_FONT = ("mplfonts", "fonts/NotoSansCJKsc-Regular.otf")  # (package, file inside it)
SHIPPED_FONT_NAME = "Noto Sans CJK SC"
# fonts with CJK glyphs a system may have, tried when the shipped one is missing
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Heiti SC",
)


def _pyplot() -> Any:
    try:
        import matplotlib
    except ModuleNotFoundError as exc:
        raise RuntimeError("plots need matplotlib: pip install 'govkg[analytics]'") from exc
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def shipped_font_path() -> Path | None:
    """The Noto Sans CJK SC file of the ``mplfonts`` package, located without importing it."""
    package, name = SHIPPED_FONT
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        path = Path(location) / name
        if path.is_file():
            return path
    return None


_registered: str | None = None


def cjk_font() -> str | None:
    """The name of the font used for Chinese: the shipped Noto Sans CJK SC, else an installed one."""
    global _registered
    from matplotlib import font_manager

    if _registered is None:
        path = shipped_font_path()
        if path is not None:
            manager = font_manager.fontManager
            manager.addfont(str(path))
            # An installed font of the same family (Debian's fonts-noto-cjk) would otherwise win the
            # tie: findfont keeps the first best match, so the shipped file goes first.
            ours = [f for f in manager.ttflist if Path(f.fname) == path]
            manager.ttflist = ours + [f for f in manager.ttflist if Path(f.fname) != path]
            _registered = font_manager.FontProperties(fname=str(path)).get_name()
    if _registered is not None:
        return _registered
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


@contextmanager
def _chinese() -> Iterator[Any]:
    """pyplot with the CJK font in force (and no warnings about glyphs when none is found)."""
    plt = _pyplot()
    font = cjk_font()
    rc: dict[str, Any] = {"svg.fonttype": "path", "axes.unicode_minus": False}
    if font:
        rc["font.family"] = "sans-serif"
        rc["font.sans-serif"] = [font, "DejaVu Sans"]
    with plt.rc_context(rc), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        yield plt


def _format(path: str | Path | IO[bytes], fmt: str | None) -> str:
    if fmt is None:
        fmt = Path(path).suffix.lstrip(".").lower() if isinstance(path, str | Path) else "png"
        fmt = fmt or "png"
    if fmt not in PLOT_FORMATS:
        raise ValueError(f"unknown plot format {fmt!r}: use one of {', '.join(PLOT_FORMATS)}")
    return fmt


def figure_paths(output: str | Path, formats: Iterable[str] = ("png", "svg")) -> list[Path]:
    """The files one figure is written to: ``map.png`` (or ``map``) → ``map.png``, ``map.svg``."""
    base = Path(output)
    if base.suffix.lstrip(".").lower() in PLOT_FORMATS:
        base = base.with_suffix("")
    return [base.with_name(f"{base.name}.{fmt}") for fmt in formats]


def save_figure(fig: Any, path: str | Path | IO[bytes], fmt: str | None = None) -> None:
    """Write ``fig`` to ``path`` in ``fmt`` (from the suffix when not given) and close it."""
    fmt = _format(path, fmt)
    plt = _pyplot()
    try:
        fig.savefig(path, format=fmt, bbox_inches="tight")
    finally:
        plt.close(fig)


# --- the diffusion curve --------------------------------------------------------------------


def plot_diffusion(
    curve: DiffusionCurve,
    path: str | Path | IO[bytes],
    fmt: str | None = None,
    provinces: int = 5,
) -> None:
    """Draw the cumulative adoption curve (and the top provinces' curves) to PNG/SVG/PDF.

    The format comes from ``fmt`` or the path's suffix (png when neither says).
    """
    fmt = _format(path, fmt)
    with _chinese() as plt:
        fig, ax = plt.subplots(figsize=(8, 4.5))
        if curve.years:
            ax.step(curve.years, curve.cumulative, where="post", linewidth=2.5, label="全部地区 all regions")
            top = sorted(curve.by_province.items(), key=lambda kv: (-kv[1][-1], kv[0]))[:provinces]
            for name, values in top:
                ax.step(curve.years, values, where="post", linewidth=1, alpha=0.8, label=name)
            ax.legend(loc="upper left", fontsize="small")
        else:
            ax.text(0.5, 0.5, "no dated adoptions", ha="center", va="center", transform=ax.transAxes)
        ax.set_title(f"How {curve.practice_name} spread: regions that had adopted it, by year")
        ax.set_xlabel("year of first adoption")
        ax.set_ylabel("regions (cumulative)")
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.grid(alpha=0.3)
        save_figure(fig, path, fmt)


# --- adoption map on the tile grid ----------------------------------------------------------


def province_counts(events: Iterable[AdoptionEvent], practice: str | None = None) -> dict[str, int]:
    """Per 2-digit province code: how many regions in it adopted ``practice`` (or any practice)."""
    regions: dict[str, set[str]] = defaultdict(set)
    for e in events:
        if practice is not None and e.practice_key != practice:
            continue
        code = province_code(e.region_code)
        if code is not None:
            regions[code].add(e.region_code)
    return {code: len(found) for code, found in regions.items()}


def plot_province_map(
    counts: Mapping[str, int],
    path: str | Path | IO[bytes],
    title: str,
    fmt: str | None = None,
    legend: str = "adopting regions",
) -> None:
    """A tile-grid map of the 34 provincial units, each tile shaded by its count and named."""
    fmt = _format(path, fmt)
    with _chinese() as plt:
        from matplotlib import colormaps
        from matplotlib.colors import Normalize
        from matplotlib.patches import Rectangle
        from matplotlib.ticker import MaxNLocator

        top = max(counts.values(), default=0)
        norm = Normalize(vmin=0, vmax=max(top, 1))
        cmap = colormaps["YlOrRd"]
        fig, ax = plt.subplots(figsize=(9, 8))
        for code, tile in TILES.items():
            n = counts.get(code, 0)
            colour = cmap(norm(n)) if n else (0.93, 0.93, 0.93, 1.0)
            x, y = tile.col, GRID_ROWS - 1 - tile.row
            ax.add_patch(Rectangle((x + 0.04, y + 0.04), 0.92, 0.92, facecolor=colour, edgecolor="white"))
            dark = n and norm(n) > 0.6
            ax.text(x + 0.5, y + 0.6, tile.short, ha="center", va="center", fontsize=10,
                    color="white" if dark else "black")  # fmt: skip
            ax.text(x + 0.5, y + 0.3, str(n), ha="center", va="center", fontsize=9,
                    color="white" if dark else "#444444")  # fmt: skip
        ax.set_xlim(0, GRID_COLS)
        ax.set_ylim(0, GRID_ROWS)
        ax.set_aspect("equal")
        ax.axis("off")
        scale = plt.cm.ScalarMappable(norm=norm, cmap=cmap)
        bar = fig.colorbar(scale, ax=ax, shrink=0.5, label=legend)
        bar.locator = MaxNLocator(integer=True)
        bar.update_ticks()
        ax.set_title(title)
        save_figure(fig, path, fmt)


# --- co-adoption network --------------------------------------------------------------------


def plot_coadoption(
    graph: nx.Graph,
    path: str | Path | IO[bytes],
    fmt: str | None = None,
    top: int = 30,
    seed: int = 7,
) -> None:
    """Practices as nodes (sized by adopters, coloured by category), edges by shared adopters."""
    import networkx as nx

    fmt = _format(path, fmt)
    keep = sorted(graph.nodes, key=lambda k: (-int(graph.nodes[k].get("adopters", 0)), k))[:top]
    g = graph.subgraph(keep).copy()
    with _chinese() as plt:
        fig, ax = plt.subplots(figsize=(10, 8))
        if g.number_of_nodes():
            pos = nx.spring_layout(g, seed=seed, weight="weight", k=1.2 / max(1, g.number_of_nodes()) ** 0.5)
            categories = sorted({str(g.nodes[k].get("category")) for k in g.nodes})
            palette = plt.get_cmap("tab10")
            colour = {c: palette(i % 10) for i, c in enumerate(categories)}
            weights = [float(d.get("weight", 1)) for _, _, d in g.edges(data=True)]
            heaviest = max(weights, default=1.0)
            nx.draw_networkx_edges(
                g,
                pos,
                ax=ax,
                width=[0.5 + 3.5 * w / heaviest for w in weights],
                alpha=0.35,
                edge_color="grey",
            )
            for category in categories:
                nodes = [k for k in g.nodes if str(g.nodes[k].get("category")) == category]
                nx.draw_networkx_nodes(
                    g,
                    pos,
                    nodelist=nodes,
                    ax=ax,
                    node_color=[colour[category]],
                    node_size=[120 + 60 * int(g.nodes[k].get("adopters", 0)) for k in nodes],
                    label=category,
                    alpha=0.9,
                )
            labels = {k: str(g.nodes[k].get("name") or k) for k in g.nodes}
            nx.draw_networkx_labels(g, pos, labels=labels, ax=ax, font_size=9, font_family=cjk_font() or None)
            ax.legend(title="category", loc="lower left", fontsize="small", markerscale=0.5)
        else:
            ax.text(0.5, 0.5, "no adoptions yet", ha="center", va="center", transform=ax.transAxes)
        ax.set_title("Practices adopted together: an edge for every region adopting both")
        ax.axis("off")
        save_figure(fig, path, fmt)


# --- practice × province heat map -----------------------------------------------------------


def heatmap_table(
    events: Iterable[AdoptionEvent], practices: int = 20
) -> tuple[list[str], list[str], list[list[int]]]:
    """Rows (practice names), columns (province names) and cells (adopting regions) of the heat map.

    The ``practices`` practices adopted by most regions, and every province with an adoption.
    """
    cells: dict[tuple[str, str], set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    adopters: Counter[str] = Counter()
    for e in events:
        code = province_code(e.region_code)
        if code is None:
            continue
        names.setdefault(e.practice_key, e.practice_name)
        if e.region_code not in cells[(e.practice_key, code)]:
            cells[(e.practice_key, code)].add(e.region_code)
            adopters[e.practice_key] += 1
    keys = [k for k, _ in sorted(adopters.items(), key=lambda kv: (-kv[1], kv[0]))[:practices]]
    provs = sorted({code for (key, code) in cells if key in keys}, key=lambda c: (TILES[c].row, TILES[c].col))
    matrix = [[len(cells.get((k, c), ())) for c in provs] for k in keys]
    return [names[k] for k in keys], [TILES[c].name for c in provs], matrix


def plot_heatmap(
    events: Iterable[AdoptionEvent],
    path: str | Path | IO[bytes],
    fmt: str | None = None,
    practices: int = 20,
) -> None:
    """Practice × province: how many regions of each province adopted each practice."""
    fmt = _format(path, fmt)
    rows, cols, matrix = heatmap_table(events, practices)
    with _chinese() as plt:
        fig, ax = plt.subplots(figsize=(max(6.0, 0.55 * len(cols) + 3), max(3.0, 0.38 * len(rows) + 2)))
        if rows:
            image = ax.imshow(matrix, cmap="Blues", aspect="auto")
            ax.set_xticks(range(len(cols)), labels=cols, rotation=60, ha="right")
            ax.set_yticks(range(len(rows)), labels=rows)
            top = max(max(r) for r in matrix) or 1
            for i, row in enumerate(matrix):
                for j, n in enumerate(row):
                    if n:
                        ax.text(j, i, str(n), ha="center", va="center", fontsize=8,
                                color="white" if n > top / 2 else "black")  # fmt: skip
            fig.colorbar(image, ax=ax, shrink=0.6, label="adopting regions")
        else:
            ax.text(0.5, 0.5, "no adoptions yet", ha="center", va="center", transform=ax.transAxes)
        ax.set_title("Which provinces adopted which practices (regions adopting, per province)")
        save_figure(fig, path, fmt)
