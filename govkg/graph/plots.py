"""Plots of analytics results with matplotlib (the optional ``analytics`` extra)."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from govkg.graph.analytics import DiffusionCurve

PLOT_FORMATS = ("png", "svg", "pdf")
# fonts that carry CJK glyphs, tried in order; the first installed one is used
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "SimHei",
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


def cjk_font() -> str | None:
    """The name of an installed font with Chinese glyphs, or None."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def _ascii_province(name: str) -> str:
    """A province's GB/T 2260 code, for legends drawn without a CJK font."""
    from govkg.loaders.regions import Gazetteer

    found = [r for r in Gazetteer.default().lookup(name) if r.level == "province"]
    return found[0].code if found else "province"


def plot_diffusion(
    curve: DiffusionCurve,
    path: str | Path | IO[bytes],
    fmt: str | None = None,
    provinces: int = 5,
) -> None:
    """Draw the cumulative adoption curve (and the top provinces' curves) to PNG/SVG/PDF.

    The format comes from ``fmt`` or the path's suffix (png when neither says).
    """
    if fmt is None:
        fmt = Path(path).suffix.lstrip(".").lower() if isinstance(path, str | Path) else "png"
        fmt = fmt or "png"
    if fmt not in PLOT_FORMATS:
        raise ValueError(f"unknown plot format {fmt!r}: use one of {', '.join(PLOT_FORMATS)}")
    plt = _pyplot()
    font = cjk_font()
    rc = {"font.sans-serif": [font, "DejaVu Sans"]} if font else {}
    with plt.rc_context(rc), warnings.catch_warnings():
        # without a CJK font, Chinese names render as boxes; the plot is still useful
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        fig, ax = plt.subplots(figsize=(8, 4.5))
        try:
            if curve.years:
                ax.step(curve.years, curve.cumulative, where="post", linewidth=2.5, label="all regions")
                top = sorted(curve.by_province.items(), key=lambda kv: (-kv[1][-1], kv[0]))[:provinces]
                for name, values in top:
                    label = name if font else _ascii_province(name)
                    ax.step(curve.years, values, where="post", linewidth=1, alpha=0.8, label=label)
                ax.legend(loc="upper left", fontsize="small")
            else:
                ax.text(0.5, 0.5, "no dated adoptions", ha="center", va="center", transform=ax.transAxes)
            if font:
                ax.set_title(f"{curve.practice_name} ({curve.practice_key}): cumulative adopting regions")
            else:
                # Without a font that has Chinese glyphs, names would draw as empty boxes.
                ax.set_title(f"{curve.practice_key}: cumulative adopting regions (provinces by code)")
            ax.set_xlabel("year of first adoption")
            ax.set_ylabel("regions")
            ax.xaxis.get_major_locator().set_params(integer=True)
            ax.grid(alpha=0.3)
            fig.tight_layout()
            fig.savefig(path, format=fmt)
        finally:
            plt.close(fig)
