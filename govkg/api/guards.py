"""ASGI middleware refusing request parts the engine or the validators cannot take: NUL characters."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, unquote

from starlette.types import ASGIApp, Receive, Scope, Send


def nul_field(scope: Scope) -> str | None:
    """The name of the query parameter (or 'path') whose value holds a NUL character, if any."""
    if "\x00" in unquote(scope.get("raw_path", b"").decode("latin-1")) or "\x00" in scope.get("path", ""):
        return "path"
    query = scope.get("query_string", b"").decode("latin-1")
    if "%00" not in query and "\x00" not in query:
        return None
    for name, value in parse_qsl(query, keep_blank_values=True):
        if "\x00" in value or "\x00" in name:
            return f"query parameter {name.replace(chr(0), '')!r}"
    return "query string"


class RejectNul:
    """Answer 400 naming the field when a path or query parameter contains a NUL character."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        where = nul_field(scope) if scope["type"] == "http" else None
        if where is None:
            await self.app(scope, receive, send)
            return
        body = json.dumps({"detail": f"invalid {where}: contains a NUL character"}).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 400, "headers": headers})
        await send({"type": "http.response.body", "body": body})
