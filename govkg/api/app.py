"""create_app: the FastAPI application serving the govkg graph over REST."""

from __future__ import annotations

import importlib
import json
import logging
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from govkg import __version__
from govkg.api.cache import ResponseCache
from govkg.api.deps import StoreHolder
from govkg.api.errors import install_handlers
from govkg.api.guards import RejectNul
from govkg.api.routes import (
    adoptions,
    cooccurrence,
    cypher,
    explorer,
    meta,
    metrics,
    practices,
    regions,
    reports,
    search,
)
from govkg.api.routes.common import ERRORS
from govkg.config import Settings
from govkg.graph.store import GraphStore, is_embedded
from govkg.heap import settle
from govkg.loaders.files import display_name

log = logging.getLogger("govkg.api")

OPTIONAL_ROUTERS = ("govkg.api.routes.browser_guide", "govkg.api.routes.analytics")


class RequestLog:
    """ASGI middleware: one log line per request with method, path, status and duration in ms."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            ms = (time.perf_counter() - start) * 1000
            log.info("%s %s %d %.1fms", scope["method"], display_name(scope["path"]), status, ms)


class _TooLarge(Exception):
    pass


class BodyLimit:
    """ASGI middleware: answer 413 when a request body exceeds the configured size."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def _reject(self, send: Send) -> None:
        body = json.dumps({"detail": f"request body too large: the limit is {self.max_bytes} bytes"}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > self.max_bytes:
                    await self._reject(send)
                    return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except _TooLarge:
            if not started:
                await self._reject(send)


def _optional_routers() -> list[APIRouter]:
    """Routers of colleagues' modules that may not exist yet; a real import error still fails."""
    found = []
    for name in OPTIONAL_ROUTERS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        router: Any = module.router
        found.append(router)
    return found


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    """The govkg REST API over ``store`` (opened from ``settings`` on first use when not given)."""
    settings = settings or Settings()
    holder = StoreHolder(settings, store)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        holder.open_in_background()
        settle()
        try:
            yield
        finally:
            holder.close()

    app = FastAPI(
        title="govkg",
        version=__version__,
        summary="A knowledge graph of Chinese local social-governance practice.",
        description=(
            "Practices, regions, adoptions with their evidence sentences, reports, search, "
            "co-occurrence and read-only Cypher. Every fact carries its report id and evidence."
        ),
        lifespan=lifespan,
        docs_url=None,  # served by the explorer router from vendored assets (offline)
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.store_holder = holder
    app.state.query_slots = threading.BoundedSemaphore(settings.max_concurrent_queries)
    # The analytics router (a colleague's) reads the store from app.state.store.
    if store is not None:
        app.state.store = store

    neo4j = store.dialect == "neo4j" if store is not None else not is_embedded(settings.store)
    install_handlers(app, neo4j=neo4j)
    modules = (meta, practices, regions, adoptions, metrics, reports, search, cooccurrence, cypher, explorer)
    for module in modules:
        app.include_router(module.router)
    app.mount(explorer.STATIC_URL, StaticFiles(directory=explorer.static_dir()), name="static")
    for router in _optional_routers():
        # Our error handlers answer for these routes too, so document the same error shape.
        app.include_router(router, responses=ERRORS)

    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=5)
    # Outside gzip: kept answers are stored compressed; inside CORS, which adds its headers each time.
    app.add_middleware(ResponseCache, max_bytes=settings.response_cache_mb * 1024 * 1024)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Content-Type", "X-API-Key"],
        )
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(RejectNul)
    app.add_middleware(RequestLog)
    return app
