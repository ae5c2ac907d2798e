"""Helpers shared by the resource routers: error responses for OpenAPI and row conversion."""

from __future__ import annotations

import math
from typing import Any

from fastapi import Response
from pydantic import BaseModel

from govkg.api.schemas import ErrorOut, Provenance

ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "unknown key, code or id"},
    422: {"model": ErrorOut, "description": "invalid parameter (the message names it)"},
    429: {"model": ErrorOut, "description": "too many expensive queries at once"},
    503: {"model": ErrorOut, "description": "the graph store is unavailable"},
}

AMBIGUOUS: dict[int | str, dict[str, Any]] = {
    300: {"model": ErrorOut, "description": "the name matches several nodes; candidates listed"},
}


def answer(model: BaseModel) -> Response:
    """The model as a JSON response, serialised once by pydantic's own serializer.

    Returned as is, FastAPI would dump the model to a dict, validate that again against the route's
    response_model and encode it with json: about 3 ms for a page of 100 regions with evidence.
    The route keeps its response_model, for the OpenAPI document.
    """
    return Response(model.__pydantic_serializer__.to_json(model), media_type="application/json")


def strings(value: Any) -> list[str]:
    """A list property as a list of strings (None → [])."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def opt_int(value: Any) -> int | None:
    """An integer property that may be missing or stored as a float."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float):
        return int(value) if math.isfinite(value) else None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def json_safe(value: Any) -> Any:
    """Replace values JSON cannot carry (NaN, infinities) with their text, recursively."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def opt_float(value: Any) -> float | None:
    """A numeric property that may be missing."""
    if value is None or isinstance(value, bool):
        return None
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return out if math.isfinite(out) else None


def provenance(samples: Any, code: str | None = None) -> list[Provenance]:
    """Evidence samples from a catalog row (report id, title, date, source, sentence, offset, year,
    region, confidence, method), skipping blanks."""
    return [
        Provenance(
            report_id=str(s["report_id"]),
            evidence=s.get("evidence"),
            year=opt_int(s.get("year")),
            region_code=s.get("region_code") or code,
            offset=opt_int(s.get("offset")),
            report_title=s.get("report_title"),
            report_date=s.get("report_date"),
            report_source=s.get("report_source"),
            confidence=opt_float(s.get("confidence")),
            method=s.get("method"),
        )
        for s in samples or []
        if isinstance(s, dict) and s.get("report_id")
    ]
