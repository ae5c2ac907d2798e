"""Reports: list, detail with every extracted fact, and the write routes (add, delete)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path as FsPath
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import ValidationError

from govkg.api.deps import (
    ApiKey,
    CatalogDep,
    Limit,
    Offset,
    SettingsDep,
    StoreDep,
    journal_for,
    run,
    writing,
)
from govkg.api.errors import ApiError, NotFound, validation_message
from govkg.api.routes.adoptions import report_facts
from govkg.api.routes.common import ERRORS, opt_int
from govkg.api.routes.regions import metric
from govkg.api.schemas import (
    DeleteOut,
    Implementation,
    Page,
    RegionRef,
    ReportDetail,
    ReportIn,
    ReportSummary,
)
from govkg.config import Settings
from govkg.graph.store import GraphStore
from govkg.loaders.extraction import Extraction

router = APIRouter(prefix="/reports", tags=["reports"], responses=ERRORS)

ReportId = Annotated[str, Path(description="report id", max_length=200)]

WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    401: ERRORS[404] | {"description": "missing or wrong X-API-Key"},
    403: ERRORS[404] | {"description": "write routes are disabled (no GOVKG_API_KEY)"},
    413: ERRORS[404] | {"description": "request body too large, or report too long to process in time"},
    400: ERRORS[404] | {"description": "the report could not be read"},
    415: ERRORS[404] | {"description": "send application/json or multipart/form-data"},
}


def _summary_fields(r: dict[str, Any]) -> dict[str, Any]:
    subject = (
        RegionRef(code=r["subject_code"], name=r.get("subject_name"), level=r.get("subject_level"))
        if r.get("subject_code")
        else None
    )
    return {
        "id": r["id"],
        "title": r.get("title"),
        "source": r.get("source"),
        "published": None if r.get("published") is None else str(r["published"]),
        "year": opt_int(r.get("year")),
        "chars": opt_int(r.get("chars")),
        "subject": subject,
        "adoptions": opt_int(r.get("adoptions")) or 0,
    }


@router.get("", operation_id="listReports", response_model=Page[ReportSummary])
def list_reports(
    store: StoreDep,
    catalog: CatalogDep,
    settings: SettingsDep,
    q: Annotated[str | None, Query(max_length=200, description="substring of the title or source")] = None,
    year: Annotated[int | None, Query(ge=1900, le=2100, description="only reports of this year")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Page[ReportSummary]:
    """Loaded reports with their subject region and number of adoption facts."""
    filters = {"q": q or None, "year": year}
    shown = run(store, catalog, "reports", settings, {**filters, "limit": limit, "offset": offset})
    total = run(store, catalog, "reports_count", settings, filters)
    ids = [str(r["id"]) for r in shown]
    counts = (
        {
            r["id"]: r["adoptions"]
            for r in run(store, catalog, "report_adoption_counts", settings, {"ids": ids})
        }
        if ids
        else {}
    )
    data = [ReportSummary(**_summary_fields({**r, "adoptions": counts.get(r["id"], 0)})) for r in shown]
    return Page(data=data, count=int(total[0]["count"]) if total else 0, limit=limit, offset=offset)


@router.get("/{id}", operation_id="getReport", response_model=ReportDetail)
def get_report(id: ReportId, store: StoreDep, catalog: CatalogDep, settings: SettingsDep) -> ReportDetail:
    """A report's metadata and every fact extracted from it, each with its evidence."""
    rows = run(store, catalog, "report_detail", settings, {"id": id})
    if not rows:
        raise NotFound(f"unknown report id {id!r}")
    facts = report_facts(store, catalog, settings, id)
    impls = run(store, catalog, "report_implementations", settings, {"id": id})
    measurements = run(store, catalog, "report_measurements", settings, {"id": id})
    return ReportDetail(
        **_summary_fields(rows[0]),
        text=rows[0].get("text"),
        facts=facts,
        implementations=[
            Implementation(
                practice_key=i["practice_key"],
                practice_name=i.get("practice_name"),
                report_id=str(i["report_id"]),
                year=opt_int(i.get("year")),
                evidence=i.get("evidence"),
                offset=opt_int(i.get("offset")),
                report_title=rows[0].get("title"),
                report_date=rows[0].get("published"),
                report_source=rows[0].get("source"),
            )
            for i in impls
        ],
        measurements=[metric(m) for m in measurements],
    )


_JSON_BODY = ReportIn.model_json_schema()
_UPLOAD_BODY = {
    "type": "object",
    "properties": {
        "file": {
            "type": "string",
            "format": "binary",
            "description": "a .txt, .html, .json or .jsonl report",
        },
        "title": {"type": "string"},
        "published": {"type": "string"},
    },
    "required": ["file"],
}


def _ingest(store: GraphStore, settings: Settings, doc: Any) -> Extraction:
    """Extract one document, write it, and journal it on the embedded store."""
    from govkg.graph import writer
    from govkg.loaders.extract import ExtractionTimeout, extractor_for

    try:
        ex = extractor_for(settings).extract(doc, time_limit=settings.extract_timeout)
    except ExtractionTimeout as exc:
        raise ApiError(413, f"{exc} (GOVKG_EXTRACT_TIMEOUT)") from exc
    with writing(settings, "API POST /reports"):
        stats = writer.write_extraction(store, ex, batch_size=settings.batch_size)
        journal_for(settings).mark_done(ex.report.id, ex.report.source, stats)
    return ex


def _from_upload(data: bytes, filename: str, title: str | None, published: str | None) -> Any:
    from govkg.loaders.documents import DocumentError, parse_date, read_file

    suffix = FsPath(filename).suffix.lower()[:10] or ".txt"
    with tempfile.TemporaryDirectory(prefix="govkg-upload-") as tmp:
        path = FsPath(tmp) / f"upload{suffix}"
        path.write_bytes(data)
        try:
            docs = read_file(path)
        except DocumentError as exc:
            raise ApiError(400, f"cannot read the uploaded file {filename!r}: {exc.reason}") from exc
    if len(docs) != 1:
        raise ApiError(400, f"the uploaded file {filename!r} holds {len(docs)} reports; post one at a time")
    doc = docs[0]
    doc.source = filename
    if title:
        doc.title = title
    if published:
        doc.published = parse_date(published)
        if doc.published is None:
            raise ApiError(422, f"published: {published!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        doc.year = int(doc.published[:4])
    return doc


@router.post(
    "",
    operation_id="createReport",
    status_code=201,
    response_model=Extraction,
    responses=WRITE_ERRORS,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": _JSON_BODY},
                "multipart/form-data": {"schema": _UPLOAD_BODY},
            },
        }
    },
)
async def create_report(request: Request, _key: ApiKey, store: StoreDep, settings: SettingsDep) -> Extraction:
    """Extract one report (JSON text or an uploaded file), write it to the graph and return the Extraction."""
    from govkg.loaders.documents import DocumentError, from_text

    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "multipart/form-data":
        form = await request.form()
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise ApiError(422, "invalid body field 'file': a file upload is required")
        data = await upload.read()
        title, published = form.get("title"), form.get("published")
        doc = _from_upload(
            data,
            upload.filename or "upload.txt",
            title if isinstance(title, str) else None,
            published if isinstance(published, str) else None,
        )
    elif ctype in ("application/json", ""):
        try:
            body = ReportIn.model_validate(json.loads(await request.body()))
        except json.JSONDecodeError as exc:
            raise ApiError(422, f"invalid body: not JSON ({exc.msg})") from exc
        except UnicodeDecodeError as exc:
            raise ApiError(422, "invalid body: JSON must be UTF-8") from exc
        except RecursionError as exc:
            raise ApiError(422, "invalid body: JSON nested too deeply") from exc
        except ValidationError as exc:
            errors = [{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]
            raise ApiError(422, validation_message(errors)) from exc
        except ValueError as exc:  # an integer over Python's 4,300-digit conversion limit
            raise ApiError(422, f"invalid body: {exc}") from exc
        if not body.text.strip():
            raise ApiError(422, "invalid body field 'text': the report text is empty")
        try:
            doc = from_text(body.text, body.source or "api", title=body.title, published=body.published)
        except DocumentError as exc:
            raise ApiError(400, f"cannot read the posted report: {exc.reason}") from exc
    else:
        raise ApiError(
            415, f"unsupported content type {ctype!r}: send application/json or multipart/form-data"
        )
    return await run_in_threadpool(_ingest, store, settings, doc)


@router.delete(
    "/{id}",
    operation_id="deleteReport",
    response_model=DeleteOut,
    responses=WRITE_ERRORS,
)
def delete_report(
    id: ReportId, _key: ApiKey, store: StoreDep, catalog: CatalogDep, settings: SettingsDep
) -> DeleteOut:
    """Remove a report and every fact only it supports (also a report whose write never finished)."""
    from govkg.graph import writer

    with writing(settings, "API DELETE /reports"):
        removed = writer.delete_report(store, id)
        if not removed:
            raise NotFound(f"unknown report id {id!r}")
        # Otherwise a later `govkg load` of the same file would skip it as already loaded.
        journal_for(settings).mark_deleted(id)
    return DeleteOut(id=id, removed=int(removed))
