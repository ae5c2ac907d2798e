"""How good the indicator labels of extracted measurements are, against a gold list of metrics.

A gold metric (doc, indicator, value, unit, surface) is matched to the measurement of the same
report with the same value and unit whose raw text lies inside the gold surface (else any with
that value and unit). Its label is scored by character overlap with the gold indicator, after
dropping what gold labels add by convention (a final 数 and a bracketed note such as
(扫黑除恶)): ``char_f1`` is the mean of that F1 over matched metrics, ``good`` the share of
matched metrics scoring at least 0.5, and ``verbs`` the share of labels that are no noun phrase
(empty, or a verb/preposition fragment by :func:`govkg.loaders.metrics.is_noun_label`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from govkg.loaders.extraction import Extraction, Measurement
from govkg.loaders.metrics import is_noun_label

__all__ = ["char_f1", "gold_core", "metric_label_quality"]

_NOTE = re.compile(r"[(（][^()（）]*[)）]$")
_QUOTES = re.compile(r"[“”\"'‘’「」]")
GOOD = 0.5


def gold_core(indicator: str) -> str:
    """A gold indicator without its bracketed note, quotes and the conventional final 数."""
    core = _QUOTES.sub("", _NOTE.sub("", indicator.strip()))
    return core[:-1] if core.endswith("数") and len(core) > 2 else core


def char_f1(pred: str, gold: str) -> float:
    """F1 of the two labels' characters (as multisets), quotes ignored."""
    p, g = Counter(_QUOTES.sub("", pred)), Counter(_QUOTES.sub("", gold))
    common = sum((p & g).values())
    if not common:
        return 0.0
    precision, recall = common / sum(p.values()), common / sum(g.values())
    return 2 * precision * recall / (precision + recall)


def _match(row: Mapping[str, Any], preds: list[Measurement]) -> Measurement | None:
    same = [m for m in preds if (m.value, m.unit) == (float(row["value"]), str(row["unit"]))]
    surface = str(row.get("surface") or "")
    inside = [m for m in same if m.raw and m.raw in surface and surface in m.evidence.sentence]
    found = inside or same
    return found[0] if found else None


def metric_label_quality(
    extractions: Mapping[str, Extraction], gold_rows: Iterable[Mapping[str, Any]]
) -> dict[str, float]:
    """Label quality of the measurements of ``extractions`` (keyed by doc id) against gold metric rows."""
    scores: list[float] = []
    verbs = 0
    for row in gold_rows:
        ex = extractions.get(str(row["doc"]))
        found = _match(row, ex.measurements) if ex is not None else None
        if found is None:
            continue
        scores.append(char_f1(found.indicator, gold_core(str(row["indicator"]))))
        verbs += not is_noun_label(found.indicator)
    n = len(scores)
    return {
        "char_f1": sum(scores) / n if n else 0.0,
        "good": sum(s >= GOOD for s in scores) / n if n else 0.0,
        "verbs": verbs / n if n else 0.0,
        "matched": n,
    }
