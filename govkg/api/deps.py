"""FastAPI dependencies: settings, the store, the query catalog, API key, query slots, name resolution."""

from __future__ import annotations

import hmac
import logging
import math
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Header, Query, Request
from starlette.concurrency import run_in_threadpool

from govkg.api.errors import ApiError
from govkg.api.schemas import MAX_LIMIT, Page
from govkg.config import Settings
from govkg.graph.journal import LoadJournal
from govkg.graph.store import GraphStore, StoreError, open_store
from govkg.graph.writer import repair_at_start
from govkg.graph.writer_lock import WriterBusy, writer_lock
from govkg.queries import names
from govkg.queries.catalog import Catalog, bind_for

T = TypeVar("T")
log = logging.getLogger("govkg.api")


class StoreHolder:
    """Opens the store on first use (so the app starts even when the store is down) and closes it.

    It also supervises an embedded store it opened: when the store's server has died, the next
    request closes the dead store (reaping the server) and opens it again from its data, with
    bounded retries and growing pauses; meanwhile requests answer 503 saying it is restarting.
    """

    MAX_RESTARTS = 10
    BACKOFF = (0.0, 1.0, 2.0, 4.0, 8.0, 15.0)
    # How often the supervisor looks at the embedded server (a cheap check: no round trip).
    WATCH_EVERY = 0.5

    def __init__(self, settings: Settings, store: GraphStore | None = None) -> None:
        self.settings = settings
        self._store = store
        self._owned = store is None
        self._lock = threading.Lock()
        self._failures = 0
        self._next_try = 0.0
        self.restarts = 0
        self.starting = False  # opening in the background (see open_in_background)
        self._stop = threading.Event()
        self._lost = False  # the store's server died and has not been restarted yet

    @property
    def restarting(self) -> int:
        """The restart attempt under way after the store's server died (0: none)."""
        return self._failures if self._lost else 0

    def open_in_background(self) -> None:
        """Start opening the store now, in a thread, so that the server answers at once (a large
        embedded store takes seconds to load its snapshot); /health says `starting` meanwhile.

        A second thread then supervises the server: it notices (and reaps) a server that died
        and restarts it from its data, without waiting for a request to come.
        """
        if not self._owned or self._store is not None:
            return
        self.starting = True

        def opening() -> None:
            try:
                store = self.get()
            except Exception as exc:  # requests will report it (and retry) when they come
                log.warning("opening the graph store at start failed: %s", exc)
                store = None
            finally:
                self.starting = False
            _index_evidence(store)
            self._supervise()

        threading.Thread(target=opening, name="govkg-store-open", daemon=True).start()

    def _supervise(self) -> None:
        while not self._stop.wait(self.WATCH_EVERY):
            store = self._store
            if store is not None and _server_alive(store):  # also reaps a server that exited
                continue
            if store is None and not self._failures:
                continue  # never opened: requests open it (and report why they cannot)
            if self._failures > self.MAX_RESTARTS or self._next_try > time.monotonic():
                continue
            try:
                self.get()
            except Exception as exc:
                log.debug("restarting the graph store: %s", exc)

    def ready(self) -> GraphStore | None:
        """The store when it is open and its server alive, without waiting; else None."""
        store = self._store
        return store if store is not None and (not self._owned or _server_alive(store)) else None

    def get(self) -> GraphStore:
        """The store, opened (or reopened after its server died) now if needed; StoreError if it cannot be."""
        store = self._store
        if store is not None and (not self._owned or _server_alive(store)):
            return store
        with self._lock:
            if self._store is not None and (not self._owned or _server_alive(self._store)):
                return self._store
            return self._reopen()

    def _reopen(self) -> GraphStore:
        if self._stop.is_set():
            raise StoreError("the API is shutting down")
        dead = self._store
        if dead is not None:
            log.warning("the embedded store's server in %s has died; restarting it", self.settings.data_dir)
            self._store = None
            try:
                dead.close()  # reaps the dead server and releases its lease
            except Exception as exc:
                log.warning("closing the dead store: %s", exc)
            self._failures = max(self._failures, 1)
            self._next_try = 0.0
            self._lost = True
        if self._failures > self.MAX_RESTARTS:
            raise StoreError(f"the graph store could not be restarted after {self.MAX_RESTARTS} attempts")
        wait = self._next_try - time.monotonic()
        if wait > 0:
            raise StoreError(
                f"the graph store is restarting (attempt {self._failures}); retry in {math.ceil(wait)} s"
            )
        try:
            store = open_store(self.settings)
            try:
                repair_at_start(store, self.settings.data_dir)
            except BaseException:
                store.close()
                raise
            self._store = store
        except StoreError as exc:
            self._failures += 1
            pause = self.BACKOFF[min(self._failures, len(self.BACKOFF) - 1)]
            self._next_try = time.monotonic() + pause
            log.warning(
                "opening the graph store failed (attempt %d, next in %.0f s): %s", self._failures, pause, exc
            )
            raise
        if self._failures:
            self.restarts += 1
            log.warning("the graph store is back after %d attempt(s)", self._failures)
        self._failures = 0
        self._lost = False
        return self._store

    def close(self) -> None:
        """Stop supervising; close the store if this holder opened it."""
        self._stop.set()
        with self._lock:
            if self._store is not None and self._owned:
                self._store.close()
                self._store = None


def _server_alive(store: GraphStore) -> bool:
    """False when the store is an embedded one whose server process has died."""
    alive = getattr(store, "server_alive", None)
    return True if alive is None else bool(alive())


def _index_evidence(store: GraphStore | None) -> None:
    """Bring an embedded store's evidence index up to its graph once it is open, so that the first
    search does not do it (searches still check it themselves)."""
    refresh = getattr(store, "refresh_evidence", None)
    if callable(refresh):
        try:
            refresh()
        except Exception as exc:  # the first search tries again and reports what fails
            log.warning("indexing the store's evidence for search at start failed: %s", exc)


# The dependencies below are coroutines: FastAPI runs a plain function dependency in the thread
# pool, a hand-off per dependency per request; these only read app state (or hand the slow path,
# opening the store, to the pool themselves).


async def get_settings(request: Request) -> Settings:
    """The app's Settings."""
    settings: Settings = request.app.state.settings
    return settings


async def get_store(request: Request) -> GraphStore:
    """The app's GraphStore (opened lazily)."""
    holder: StoreHolder = request.app.state.store_holder
    store = holder.ready()
    return store if store is not None else await run_in_threadpool(holder.get)


async def get_catalog(request: Request) -> Catalog:
    """The query catalog (loaded once per app)."""
    catalog: Catalog | None = getattr(request.app.state, "catalog", None)
    if catalog is None:
        catalog = await run_in_threadpool(Catalog.default)  # reads the query files: off the loop
        request.app.state.catalog = catalog
    return catalog


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[GraphStore, Depends(get_store)]
CatalogDep = Annotated[Catalog, Depends(get_catalog)]


def journal_for(settings: Settings) -> LoadJournal:
    """The load journal for the store the settings name: the same file `govkg load` writes."""
    from govkg.loading import journal_path

    return LoadJournal(journal_path(settings))


# The API's writes wait this long at most for another writer (a `govkg load`) before answering 503.
API_WRITER_WAIT = 5.0


@contextmanager
def writing(settings: Settings, what: str) -> Iterator[None]:
    """Hold the data directory's writer lock for one API write, or answer 503 naming the holder."""
    try:
        with writer_lock(settings.data_dir, what, min(settings.writer_wait, API_WRITER_WAIT)):
            yield
    except WriterBusy as exc:
        raise ApiError(
            503,
            f"another govkg process is writing to this graph ({exc.holder}); retry when it is done",
            retry_after=30,
        ) from exc


def query_slot(request: Request) -> Iterator[None]:
    """Hold one of the settings.max_concurrent_queries slots for an expensive query, waiting up to
    settings.query_slot_wait seconds for one, else answer 429."""
    sem: threading.BoundedSemaphore = request.app.state.query_slots
    settings = request.app.state.settings
    wait = settings.query_slot_wait
    if not (sem.acquire(timeout=wait) if wait > 0 else sem.acquire(blocking=False)):
        limit = settings.max_concurrent_queries
        raise ApiError(
            429, f"too many expensive queries at once (limit {limit}, waited {wait:g} s); retry shortly"
        )
    try:
        yield
    finally:
        sem.release()


QuerySlot = Annotated[None, Depends(query_slot)]


class RateLimiter:
    """Token buckets per client: ``rate`` requests per minute, up to ``burst`` at once."""

    def __init__(self, rate: float, burst: int, max_clients: int = 10_000) -> None:
        self.rate = rate / 60.0
        self.burst = float(burst)
        self.max_clients = max_clients
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, client: str) -> float:
        """Take one token for ``client``: 0.0 when allowed, else the seconds until one is free."""
        if self.rate <= 0:
            return 0.0
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if tokens < 1.0:
                self._buckets[client] = (tokens, now)
                return (1.0 - tokens) / self.rate
            if len(self._buckets) >= self.max_clients and client not in self._buckets:
                # Forget clients whose buckets have refilled: they are indistinguishable from new ones.
                full = [k for k, (t, at) in self._buckets.items() if t + (now - at) * self.rate >= self.burst]
                for k in full:
                    del self._buckets[k]
            self._buckets[client] = (tokens - 1.0, now)
            return 0.0


def cypher_gate(
    request: Request,
    settings: SettingsDep,
    x_api_key: Annotated[
        str | None, Header(description="required when GOVKG_CYPHER_REQUIRES_KEY is set")
    ] = None,
) -> None:
    """Admit a /cypher request: the API key when required, then the per-client rate (429)."""
    if settings.cypher_requires_key:
        require_api_key(settings, x_api_key)
    limiter: RateLimiter | None = getattr(request.app.state, "cypher_limiter", None)
    if limiter is None:
        limiter = RateLimiter(settings.cypher_rate, settings.cypher_burst)
        request.app.state.cypher_limiter = limiter
    client = request.client.host if request.client else "unknown"
    wait = limiter.take(client)
    if wait > 0:
        raise ApiError(
            429,
            f"too many /cypher requests from this client (limit {settings.cypher_rate:g} per minute, "
            f"GOVKG_CYPHER_RATE); retry in {math.ceil(wait)} s",
            retry_after=math.ceil(wait),
        )


CypherGate = Annotated[None, Depends(cypher_gate)]


def require_api_key(
    settings: SettingsDep,
    x_api_key: Annotated[str | None, Header(description="the key set as GOVKG_API_KEY")] = None,
) -> None:
    """Let a write through only with the configured key; 403 when none is configured, else 401."""
    if not settings.api_key:
        raise ApiError(403, "write routes are disabled: set GOVKG_API_KEY")
    if x_api_key is None or not hmac.compare_digest(
        x_api_key.encode("utf-8"), settings.api_key.encode("utf-8")
    ):
        raise ApiError(401, "missing or wrong X-API-Key header")


ApiKey = Annotated[None, Depends(require_api_key)]

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size (at most {MAX_LIMIT})")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="items to skip")]


def run(
    store: GraphStore,
    catalog: Catalog,
    name: str,
    settings: Settings,
    params: Mapping[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """Run a named catalog query read-only with the configured timeout; bad parameters → 422."""
    query = catalog.get(name)
    try:
        bound = bind_for(store, query, dict(params or {}))
    except ValueError as exc:
        raise ApiError(422, f"invalid parameter for query {name!r}: {exc}") from exc
    return store.run_read(query.text_for(store.dialect), bound, timeout=settings.query_timeout)


def page(rows: Sequence[T], limit: int, offset: int) -> Page[T]:
    """Slice a full result into the list envelope."""
    # Unparametrised on purpose: FastAPI validates against the route's Page[Model] once anyway,
    # and building Page[T] per call would re-create a pydantic class every time.
    return Page(data=list(rows[offset : offset + limit]), count=len(rows), limit=limit, offset=offset)


def runner(store: GraphStore, catalog: Catalog, settings: Settings) -> names.Runner:
    """A catalog runner for the shared name resolver (govkg.queries.names), with this app's timeout."""

    def go(name: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        return run(store, catalog, name, settings, params)

    return go


def resolve_practice(store: GraphStore, catalog: Catalog, settings: Settings, raw: str) -> dict[str, Any]:
    """The practice a parameter names (key, name or alias, either script): 404 if none, 300 if several."""
    return names.resolve_practice(runner(store, catalog, settings), raw)


def resolve_region(store: GraphStore, catalog: Catalog, settings: Settings, raw: str) -> dict[str, Any]:
    """The region a parameter names (code, name, short name or alias, either script): 404/300 likewise."""
    return names.resolve_region(runner(store, catalog, settings), raw)
