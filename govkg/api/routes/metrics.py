"""One indicator across regions (/metrics), as JSON or a CSV download."""

from __future__ import annotations

import io
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel

from govkg.api.deps import CatalogDep, Limit, Offset, QuerySlot, SettingsDep, StoreDep, resolve_region, runner
from govkg.api.routes.common import AMBIGUOUS, ERRORS
from govkg.queries.indicators import MetricRow, find_metrics, label_counts, write_csv

router = APIRouter(tags=["metrics"], responses={**ERRORS, **AMBIGUOUS})

Year = Annotated[int | None, Query(ge=1900, le=2100)]


class LabelCount(BaseModel):
    """An exact indicator label the query matched and how many measurements carry it."""

    label: str
    count: int


class MetricPage(BaseModel):
    """A page of measurements plus every exact label matched."""

    data: list[MetricRow]  # the row type kg.metrics() returns, so REST and Python agree field for field
    count: int
    limit: int
    offset: int
    labels: list[LabelCount]


@router.get(
    "/metrics",
    operation_id="listMetrics",
    response_model=MetricPage,
    responses={200: {"content": {"text/csv": {}}, "description": "JSON page, or CSV with format=csv"}},
)
def list_metrics(
    store: StoreDep,
    catalog: CatalogDep,
    settings: SettingsDep,
    _slot: QuerySlot,
    indicator: Annotated[
        str | None,
        Query(
            max_length=100,
            description="text inside the indicator label, either script, e.g. 调解成功率 (also finds "
            "矛盾纠纷调解成功率 and listed aliases such as 调成率); omit for every measurement",
        ),
    ] = None,
    within: Annotated[
        str | None, Query(max_length=200, description="only this region (code or name) and those under it")
    ] = None,
    year_from: Year = None,
    year_to: Year = None,
    format: Annotated[Literal["json", "csv"], Query(description="json (paged) or csv (every row)")] = "json",
    limit: Limit = 100,
    offset: Offset = 0,
) -> MetricPage | Response:
    """One indicator across regions: value, unit, year, change, region chain, report title, evidence."""
    code = resolve_region(store, catalog, settings, within)["code"] if within else None
    rows = find_metrics(runner(store, catalog, settings), indicator, code, year_from, year_to)
    if format == "csv":
        buf = io.StringIO()
        write_csv(rows, buf)
        return Response(
            buf.getvalue(),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="metrics.csv"'},
        )
    return MetricPage(
        data=rows[offset : offset + limit],
        count=len(rows),
        limit=limit,
        offset=offset,
        labels=[LabelCount(label=label, count=n) for label, n in label_counts(rows)],
    )
