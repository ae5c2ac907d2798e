"""A cache of finished read answers, kept while the graph has not been written to.

Every write moves the store's write generation: on the embedded store a counter kept in its
server (so writes by `govkg load` in another process count too), on Neo4j the bookmark of the
last committed transaction (so do edits from Neo4j Browser). A GET answer is kept with the
generation read before it was computed and replayed, byte for byte, to the same request for as
long as the generation has not moved: a popular page (a practice's adopters, a province's roll-up)
then costs a generation read instead of a query. A store whose generation cannot be read is not
cached.

The answers carry a weak ETag naming their content and ``Cache-Control: no-cache`` (a browser may
keep them but must ask again), so clients revalidate with If-None-Match: 304 while the answer is
the same, also after writes that did not change it. ``Cache-Control: no-cache`` on a request skips
the lookup (the fresh answer is still kept).
"""

from __future__ import annotations

import hashlib
import threading
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Resource reads whose answers depend only on the graph and the request (not /health, /stats with
# its load-journal time, the static explorer files, or /cypher, which has its own limits).
CACHED_PREFIXES = (
    "/practices",
    "/regions",
    "/search",
    "/adoptions",
    "/metrics",
    "/reports",
    "/cooccurrence",
    "/analytics",
)
# One answer above this is passed through, not kept (exports and long pages would crowd out the rest).
MAX_ENTRY_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Entry:
    """A kept answer (always a 200): the generation it was computed at, its headers and body."""

    generation: tuple[int, int]
    headers: list[tuple[bytes, bytes]]
    body: bytes
    etag: bytes


class AnswerCache:
    """An LRU of answers bounded by their total size in bytes (thread-safe)."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[tuple[str, ...], Entry] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: tuple[str, ...], generation: tuple[int, int]) -> Entry | None:
        """The answer kept for ``key`` if it was computed at ``generation``; a stale one is dropped."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry.generation != generation:
                if entry is not None:
                    self._drop(key)
                return None
            self._entries.move_to_end(key)
            return entry

    def put(self, key: tuple[str, ...], entry: Entry) -> None:
        """Keep ``entry``, evicting the least recently used answers beyond the size bound."""
        size = len(entry.body)
        if size > min(self.max_bytes, MAX_ENTRY_BYTES):
            return
        with self._lock:
            if key in self._entries:
                self._drop(key)
            self._entries[key] = entry
            self._bytes += size
            while self._bytes > self.max_bytes:
                self._drop(next(iter(self._entries)))

    def _drop(self, key: tuple[str, ...]) -> None:
        self._bytes -= len(self._entries.pop(key).body)


def _header(scope: Scope, name: bytes) -> str:
    for k, v in scope.get("headers") or ():
        if k == name:
            return bytes(v).decode("latin-1")
    return ""


def _cacheable(scope: Scope) -> bool:
    if scope["type"] != "http" or scope["method"] != "GET":
        return False
    path: str = scope["path"]
    return any(path == p or path.startswith(p + "/") for p in CACHED_PREFIXES)


def _etag_matches(if_none_match: str, etag: bytes) -> bool:
    tags = {t.strip() for t in if_none_match.split(",")}
    return "*" in tags or etag.decode("latin-1") in tags


class ResponseCache:
    """ASGI middleware: replays kept GET answers while the store's write generation is unchanged.

    Placed outside the gzip middleware, so a kept answer is already compressed; the key holds the
    path, the query string, the Accept header and whether the client takes gzip.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.cache = AnswerCache(max_bytes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.cache.max_bytes <= 0 or not _cacheable(scope):
            await self.app(scope, receive, send)
            return
        generation = await self._generation(scope)
        if generation is None:
            await self.app(scope, receive, send)
            return
        gzip = "gzip" in _header(scope, b"accept-encoding").lower()
        key = (
            scope["path"],
            bytes(scope.get("query_string") or b"").decode("latin-1"),
            _header(scope, b"accept"),
            "gzip" if gzip else "",
        )
        if "no-cache" not in _header(scope, b"cache-control").lower():
            entry = self.cache.get(key, generation)
            if entry is not None:
                await self._replay(scope, send, entry)
                return
        await self._compute(scope, receive, send, key, generation)

    @staticmethod
    async def _generation(scope: Scope) -> tuple[int, int] | None:
        app: Any = scope.get("app")
        holder = getattr(getattr(app, "state", None), "store_holder", None)
        store = holder.ready() if holder is not None else None
        read = getattr(store, "generation", None)
        if read is None:
            return None
        number = await run_in_threadpool(read)
        # The store object too: a store reopened after its server died starts a new series.
        return None if number is None else (id(store), int(number))

    @staticmethod
    async def _replay(scope: Scope, send: Send, entry: Entry) -> None:
        if _etag_matches(_header(scope, b"if-none-match"), entry.etag):
            await ResponseCache._not_modified(send, entry)
            return
        headers = [*entry.headers, (b"x-cache", b"hit")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": entry.body})

    @staticmethod
    async def _not_modified(send: Send, entry: Entry) -> None:
        headers = [(k, v) for k, v in entry.headers if k in (b"etag", b"vary", b"cache-control")]
        await send({"type": "http.response.start", "status": 304, "headers": headers})
        await send({"type": "http.response.body", "body": b""})

    async def _compute(
        self, scope: Scope, receive: Receive, send: Send, key: tuple[str, ...], generation: tuple[int, int]
    ) -> None:
        start: Message | None = None
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                if _keepable(message):
                    start = message  # held back until the body is whole, to send its ETag with it
                    return
            elif message["type"] == "http.response.body" and start is not None:
                chunks.append(bytes(message.get("body", b"")))
                if message.get("more_body", False):
                    return
                whole = b"".join(chunks)
                headers = [(k, v) for k, v in start.get("headers", ()) if k.lower() not in _OURS]
                etag = content_tag(whole, headers)
                headers += [(b"etag", etag), (b"cache-control", b"no-cache")]
                entry = Entry(generation, headers, whole, etag)
                self.cache.put(key, entry)
                if _etag_matches(_header(scope, b"if-none-match"), etag):
                    await self._not_modified(send, entry)
                    return
                await send({**start, "headers": [*headers, (b"x-cache", b"miss")]})
                message = {"type": "http.response.body", "body": whole}
            await send(message)

        await self.app(scope, receive, capture)


_OURS = (b"x-cache", b"etag", b"cache-control")


def content_tag(body: bytes, headers: list[tuple[bytes, bytes]]) -> bytes:
    """A weak ETag naming the answer's content (decoded: gzip stamps the time it ran), so an answer
    a write left unchanged still revalidates (304) after it."""
    if (b"content-encoding", b"gzip") in [(bytes(k).lower(), bytes(v).lower()) for k, v in headers]:
        body = zlib.decompress(body, 16 + zlib.MAX_WBITS)
    return f'W/"{hashlib.blake2b(body, digest_size=12).hexdigest()}"'.encode("latin-1")


def _keepable(start: Message) -> bool:
    """A 200 answer of known length within the entry bound (a streamed export has no length), no cookie."""
    headers = {bytes(k).lower(): bytes(v) for k, v in start.get("headers", ())}
    length = headers.get(b"content-length", b"")
    return (
        start["status"] == 200
        and b"set-cookie" not in headers
        and length.isdigit()
        and int(length) <= MAX_ENTRY_BYTES
    )
