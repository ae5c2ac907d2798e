"""One indicator across regions: the rows of the ``metrics`` catalog query as typed records, and CSV.

``find_metrics(run, "调解成功率")`` matches every measurement whose label contains the text in
either script or one of its listed aliases (矛盾纠纷调解成功率, 诉前调解成功率 …); each row keeps
its exact label, so a reader sees what was matched. REST (/metrics), the Python API
(``kg.metrics``) and the CLI (``govkg metrics``) all call it.
"""

from __future__ import annotations

import csv
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from typing import IO, Any

from govkg.queries.names import Runner, check_years, name_variants
from govkg.queries.paging import report_pages

__all__ = ["INDICATOR_ALIASES", "MetricRow", "find_metrics", "indicator_needles", "label_counts", "write_csv"]

# Labels written differently for the same measure; each side finds the other.
INDICATOR_ALIASES: dict[str, tuple[str, ...]] = {
    "调解成功率": ("调成率", "调处成功率"),
    "化解率": ("化解成功率",),
    "办结率": ("结案率",),
    "满意率": ("满意度",),
    "安全感": ("安全感指数",),
}
_PAGE = 1000
_REPORT_PAGE = 200


@dataclass(frozen=True, slots=True)
class MetricRow:
    """One reported quantity with where it comes from (region chain, report, sentence)."""

    indicator: str
    value: float | None
    unit: str | None
    raw: str | None
    year: int | None
    approximate: bool | None
    change: str | None
    region_code: str | None
    region_name: str | None
    region_level: str | None
    region_chain: list[str]  # names from the province down to the region itself
    practice_key: str | None
    practice_name: str | None
    report_id: str | None
    report_title: str | None
    report_date: str | None
    report_source: str | None
    evidence: str | None
    offset: int | None
    key: str


def indicator_needles(indicator: str | None) -> list[str]:
    """The texts to look for: the indicator as typed, folded to simplified, and its aliases."""
    if not indicator:
        return []
    out: list[str] = []
    for spelling in name_variants(indicator):
        out.append(spelling)
        for base, aliases in INDICATOR_ALIASES.items():
            if spelling == base or spelling in aliases:
                out += [base, *aliases]
    return list(dict.fromkeys(out))


def _num(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _int(value: Any) -> int | None:
    number = _num(value)
    return int(number) if number is not None else None


def _row(r: Mapping[str, Any]) -> MetricRow:
    # the query gives the path from the region up to its root; a region without parents has none
    path = [str(n) for n in r.get("chain") or [] if n]
    chain = list(reversed(path)) if path else ([str(r["region_name"])] if r.get("region_name") else [])
    approximate = r.get("approximate")
    return MetricRow(
        indicator=str(r.get("indicator") or ""),
        value=_num(r.get("value")),
        unit=r.get("unit"),
        raw=r.get("raw"),
        year=_int(r.get("year")),
        approximate=approximate if isinstance(approximate, bool) else None,
        change=r.get("change"),
        region_code=r.get("region_code"),
        region_name=r.get("region_name"),
        region_level=r.get("region_level"),
        region_chain=chain,
        practice_key=r.get("practice_key"),
        practice_name=r.get("practice_name"),
        report_id=r.get("report_id"),
        report_title=r.get("report_title"),
        report_date=None if r.get("report_date") is None else str(r.get("report_date")),
        report_source=r.get("report_source"),
        evidence=r.get("evidence"),
        offset=_int(r.get("offset")),
        key=str(r.get("key")),
    )


def find_metrics(
    run: Runner,
    indicator: str | None,
    within: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
) -> list[MetricRow]:
    """Every labelled measurement matching ``indicator`` (None: all), optionally under region ``within``."""
    check_years(year_from, year_to)
    params: dict[str, Any] = {
        "needles": indicator_needles(indicator),
        "within": within,
        "year_from": year_from,
        "year_to": year_to,
        "limit": _PAGE,
    }
    first = run("metrics", {**params, "offset": 0})
    if len(first) < _PAGE:  # one page holds them all (most questions): one query, as the API asks
        return [m for m in (_row(r) for r in first) if m.indicator]
    # More: SKIP pages would each re-sort every measurement (quadratic). Read them a page of
    # reports at a time (keyset on the report id) and sort once, in the metrics query's order.
    del params["limit"]
    rows: list[dict[str, Any]] = []
    for ids in report_pages(run, _REPORT_PAGE):
        rows += run("metrics_of_reports", {**params, "reports": ids})
    rows.sort(key=_metrics_order)
    return [m for m in (_row(r) for r in rows) if m.indicator]


def _metrics_order(r: Mapping[str, Any]) -> tuple[tuple[bool, Any], ...]:
    """The metrics query's ORDER BY (indicator, region_code, report_id, offset, key), nulls last."""
    return tuple(
        (r.get(name) is None, r.get(name) if r.get(name) is not None else 0 if name == "offset" else "")
        for name in ("indicator", "region_code", "report_id", "offset", "key")
    )


def label_counts(rows: Iterable[MetricRow]) -> list[tuple[str, int]]:
    """The exact labels matched, most frequent first."""
    return Counter(r.indicator for r in rows).most_common()


CSV_FIELDS = [f.name for f in fields(MetricRow)]


def write_csv(rows: Iterable[MetricRow], out: IO[str]) -> int:
    """Write the rows as CSV (region_chain joined with ' > '); returns how many were written."""
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        data = asdict(row)
        data["region_chain"] = " > ".join(row.region_chain)
        writer.writerow(data)
        n += 1
    return n
