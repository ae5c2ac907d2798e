"""API exceptions and the handlers that turn every failure into a JSON error body."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from govkg.graph.store import QueryError, StoreError
from govkg.queries.names import AmbiguousName, InvalidValue, UnknownName

log = logging.getLogger("govkg.api")


class ApiError(Exception):
    """An error with an HTTP status and a message meant for the caller."""

    def __init__(self, status: int, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.extra = extra


class NotFound(ApiError):
    """An unknown key, code or id (404)."""

    def __init__(self, detail: str) -> None:
        super().__init__(404, detail)


class Ambiguous(ApiError):
    """A name that matches several nodes (300 Multiple Choices, with the candidates)."""

    def __init__(self, detail: str, candidates: Sequence[dict[str, Any]]) -> None:
        super().__init__(300, detail, candidates=list(candidates))


class BadRequest(ApiError):
    """A request the API refuses as written (400)."""

    def __init__(self, detail: str) -> None:
        super().__init__(400, detail)


class Unavailable(ApiError):
    """The store cannot answer right now (503)."""

    def __init__(self, detail: str) -> None:
        super().__init__(503, detail)


def _where(loc: Sequence[str | int]) -> str:
    """Turn a pydantic error location into the parameter's name as the caller wrote it."""
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("query", "path", "header", "body", "cookie"):
        kind, rest = parts[0], parts[1:]
        name = ".".join(rest) if rest else kind
        return f"{kind} parameter {name!r}" if kind != "body" else f"body field {name!r}"
    return ".".join(parts) or "request"


def validation_message(errors: Sequence[Any]) -> str:
    """One line naming every invalid parameter and what is wrong with it."""
    msgs = []
    for err in errors:
        loc = err.get("loc", ()) if isinstance(err, dict) else ()
        msgs.append(f"invalid {_where(loc)}: {err.get('msg', 'invalid value')}")
    return "; ".join(msgs) or "invalid request"


def _json(status: int, detail: str, **extra: Any) -> JSONResponse:
    return JSONResponse(status_code=status, content={"detail": detail, **extra})


async def _api_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    response = _json(exc.status, exc.detail, **exc.extra)
    if "retry_after" in exc.extra:
        response.headers["Retry-After"] = str(exc.extra["retry_after"])
    return response


# An absolute path (data dir, socket, log file) inside a server-side message.
_PATH = re.compile(r"/[^\s'\",;:)]+")


def public_message(exc: BaseException) -> str:
    """The first line of a server-side error with file-system paths removed, for a response body."""
    first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    return _PATH.sub("<path>", first).rstrip(" ;:")


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    simple = [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))} for e in errors]
    return _json(422, validation_message(errors), errors=simple)


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    return JSONResponse(status_code=exc.status_code, content={"detail": detail}, headers=exc.headers)


async def _unknown_name(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, UnknownName)
    return _json(404, str(exc), suggestions=exc.suggestions)


async def _ambiguous_name(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AmbiguousName)
    return _json(300, str(exc), candidates=exc.candidates)


async def _invalid_value(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, InvalidValue)
    return _json(422, str(exc), valid=exc.valid)


async def _store_error(request: Request, exc: Exception) -> JSONResponse:
    log.warning("store unavailable on %s %s: %s", request.method, request.url.path, exc)
    response = _json(503, f"the graph store is unavailable: {public_message(exc)}")
    response.headers["Retry-After"] = "5"
    return response


async def _query_error(request: Request, exc: Exception) -> JSONResponse:
    # A catalog query refused by the engine: a timeout or an engine limit, not the caller's fault.
    log.warning("store refused a query on %s %s: %s", request.method, request.url.path, exc)
    return _json(503, f"the graph store could not answer: {public_message(exc)}")


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return _json(500, "internal error; the server log has the details")


def install_handlers(app: FastAPI, neo4j: bool = True) -> None:
    """Register the JSON error handlers on an app; ``neo4j`` adds the Neo4j driver's connection
    errors (importing that driver costs ~0.3 s of an API's start, so the embedded store skips it)."""
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(UnknownName, _unknown_name)
    app.add_exception_handler(AmbiguousName, _ambiguous_name)
    app.add_exception_handler(InvalidValue, _invalid_value)
    app.add_exception_handler(StoreError, _store_error)
    app.add_exception_handler(QueryError, _query_error)
    for exc_type in _connection_errors(neo4j):
        app.add_exception_handler(exc_type, _store_error)
    app.add_exception_handler(Exception, _unexpected)


def _connection_errors(neo4j: bool) -> list[type[Exception]]:
    """Connection failures of the builtin library and of the store drivers that are installed (the
    Neo4j driver's only with ``neo4j``)."""
    found: list[type[Exception]] = [ConnectionError, TimeoutError]
    try:
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError

        found += [RedisConnectionError, RedisTimeoutError]
    except ModuleNotFoundError:
        pass
    if not neo4j:
        return found
    try:
        from neo4j.exceptions import ServiceUnavailable, SessionExpired

        found += [ServiceUnavailable, SessionExpired]
    except ModuleNotFoundError:
        pass
    return found
