"""The query catalog: named Cypher files with typed parameter headers, loaded and validated.

Each ``<name>.cypher`` file starts with a header of ``//`` comments::

    // name: practice_adopters
    // description: Regions that adopted a practice.
    // param key: str — practice key
    // param level: str? = null — only regions of this level

A sibling ``<name>.<dialect>.cypher`` (dialect ``falkordb`` or ``neo4j``) replaces the text
for that engine. Parameters reach the engine as parameters only; no text is ever spliced.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from govkg.graph.store import GraphStore

TYPES = ("str", "int", "float", "bool", "list[str]")
DIALECTS = ("neo4j", "falkordb")

_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_PARAM_RE = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s*:\s*(?P<type>str|int|float|bool|list\[str\])(?P<opt>\?)?"
    r"\s*(?:=\s*(?P<default>.+?))?\s*(?:—|--)\s*(?P<desc>.*)$"
)
_USE_RE = re.compile(r"\$([A-Za-z_]\w*)")
_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off"}


@dataclass(frozen=True, slots=True)
class Param:
    """One declared query parameter: its type, whether it is required, default and meaning."""

    name: str
    type: str
    required: bool
    default: Any
    description: str
    nullable: bool = False

    def coerce(self, value: Any) -> Any:
        """Convert a raw value (possibly a string from a URL or CLI) to this parameter's type."""
        if value is None:
            if self.nullable:
                return None
            if not self.required:
                return self.default
            raise ValueError(f"parameter {self.name!r} must not be null")
        try:
            return _coerce(self.type, value)
        except (TypeError, ValueError) as e:
            raise ValueError(f"parameter {self.name!r}: {e}") from None


def _coerce(type_: str, value: Any) -> Any:
    if type_ == "str":
        if isinstance(value, str):
            return value
        raise TypeError(f"expected a string, got {type(value).__name__}")
    if type_ == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE
        raise ValueError(f"expected true or false, got {value!r}")
    if type_ == "int":
        if isinstance(value, bool):
            raise TypeError("expected an integer, got a boolean")
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str):
            try:
                return int(value.strip())
            except ValueError:
                raise ValueError(f"expected an integer, got {value!r}") from None
        raise TypeError(f"expected an integer, got {type(value).__name__}")
    if type_ == "float":
        if isinstance(value, bool):
            raise TypeError("expected a number, got a boolean")
        if isinstance(value, int | float):
            return float(value)
        if isinstance(value, str):
            try:
                return float(value.strip())
            except ValueError:
                raise ValueError(f"expected a number, got {value!r}") from None
        raise TypeError(f"expected a number, got {type(value).__name__}")
    if type_ == "list[str]":
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                value = json.loads(text)
            else:
                return [v.strip() for v in text.split(",") if v.strip()]
        if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
            return list(value)
        raise TypeError("expected a list of strings")
    raise ValueError(f"unknown type {type_!r}")


@dataclass(frozen=True, slots=True)
class Query:
    """A named, documented Cypher query with typed parameters and per-dialect overrides."""

    name: str
    description: str
    params: tuple[Param, ...]
    text: str
    overrides: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def text_for(self, dialect: str) -> str:
        """The text to run on an engine: its override when there is one, else the Neo4j text."""
        return self.overrides.get(dialect, self.text)

    def bind(self, raw: Mapping[str, Any]) -> dict[str, Any]:
        """Coerce raw values to declared types and fill defaults; ValueError names the parameter."""
        declared = {p.name: p for p in self.params}
        unknown = sorted(set(raw) - set(declared))
        if unknown:
            raise ValueError(
                f"query {self.name!r} has no parameter {unknown[0]!r} "
                f"(it takes: {', '.join(declared) or 'none'})"
            )
        bound: dict[str, Any] = {}
        for p in self.params:
            if p.name in raw:
                bound[p.name] = p.coerce(raw[p.name])
            elif p.required:
                raise ValueError(f"query {self.name!r} needs parameter {p.name!r} ({p.type})")
            else:
                bound[p.name] = p.default
        return bound


def parse_query(text: str, source: str, overrides: Mapping[str, str] | None = None) -> Query:
    """Parse a .cypher file's header and text into a Query; ValueError names ``source``."""
    name: str | None = None
    description: str | None = None
    params: list[Param] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("//"):
            break
        body = stripped[2:].strip()
        key, _, rest = body.partition(":")
        key = key.strip()
        if key == "name":
            name = rest.strip()
        elif key == "description":
            description = rest.strip()
        elif key.startswith("param "):
            params.append(_parse_param(body[len("param ") :].strip(), f"{source}:{lineno}"))
    if not name or not _NAME_RE.match(name):
        raise ValueError(f"{source}: header needs '// name: <lower_snake_name>'")
    if not description:
        raise ValueError(f"{source}: header needs '// description: ...'")
    names = [p.name for p in params]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ValueError(f"{source}: parameter {dupes[0]!r} declared twice")
    texts = {"": text, **(overrides or {})}
    for dialect, t in texts.items():
        _check_uses(t, set(names), source if not dialect else f"{source} ({dialect} override)")
    return Query(
        name=name,
        description=description,
        params=tuple(params),
        text=text,
        overrides=MappingProxyType(dict(overrides or {})),
    )


def _parse_param(spec: str, where: str) -> Param:
    m = _PARAM_RE.match(spec)
    if not m:
        raise ValueError(
            f"{where}: bad param line {spec!r}; expected 'param <name>: <type>[?] [= <json>] — <text>' "
            f"with type one of {', '.join(TYPES)}"
        )
    nullable = m["opt"] is not None
    default: Any = None
    has_default = m["default"] is not None
    if has_default:
        try:
            default = json.loads(m["default"])
        except json.JSONDecodeError:
            raise ValueError(f"{where}: default of {m['name']!r} is not a JSON literal") from None
        if default is not None:
            try:
                default = _coerce(m["type"], default)
            except (TypeError, ValueError) as e:
                raise ValueError(f"{where}: default of {m['name']!r}: {e}") from None
        elif not nullable:
            raise ValueError(f"{where}: {m['name']!r} defaults to null but is not declared optional (?)")
    return Param(
        name=m["name"],
        type=m["type"],
        required=not (has_default or nullable),
        default=default,
        description=m["desc"].strip(),
        nullable=nullable,
    )


def _strip_comments(text: str) -> str:
    return "\n".join(line.split("//", 1)[0] if "//" in line else line for line in text.splitlines())


def _check_uses(text: str, declared: set[str], source: str) -> None:
    used = set(_USE_RE.findall(_strip_comments(text)))
    undeclared = sorted(used - declared)
    if undeclared:
        raise ValueError(f"{source}: ${undeclared[0]} is used but not declared in the header")
    unused = sorted(declared - used)
    if unused:
        raise ValueError(f"{source}: parameter {unused[0]!r} is declared but never used as ${unused[0]}")


class Catalog:
    """The set of named queries, loaded from a directory of .cypher files."""

    def __init__(self, queries: Mapping[str, Query]) -> None:
        self._queries = dict(sorted(queries.items()))

    @classmethod
    def default(cls) -> Catalog:
        """The queries packaged in govkg/queries."""
        return cls.load(Path(__file__).parent)

    @classmethod
    def load(cls, directory: Path) -> Catalog:
        """Load and validate every ``*.cypher`` file in ``directory``; errors name the file."""
        directory = Path(directory)
        bases: dict[str, Path] = {}
        overrides: dict[str, dict[str, str]] = {}
        for path in sorted(directory.glob("*.cypher")):
            stem = path.name[: -len(".cypher")]
            base, _, dialect = stem.rpartition(".")
            if base and dialect in DIALECTS:
                overrides.setdefault(base, {})[dialect] = path.read_text(encoding="utf-8")
            elif "." in stem:
                raise ValueError(f"{path}: unknown dialect in file name (use one of {', '.join(DIALECTS)})")
            else:
                bases[stem] = path
        orphans = sorted(set(overrides) - set(bases))
        if orphans:
            raise ValueError(f"{directory}: override for {orphans[0]!r} has no {orphans[0]}.cypher")
        queries: dict[str, Query] = {}
        for stem, path in bases.items():
            q = parse_query(path.read_text(encoding="utf-8"), str(path), overrides.get(stem))
            if q.name != stem:
                raise ValueError(f"{path}: header name {q.name!r} does not match the file name")
            queries[stem] = q
        return cls(queries)

    def get(self, name: str) -> Query:
        """The query called ``name``; KeyError naming it (and the known names) otherwise."""
        try:
            return self._queries[name]
        except KeyError:
            raise KeyError(f"no query named {name!r}; known: {', '.join(self._queries)}") from None

    def names(self) -> list[str]:
        """Query names, sorted."""
        return list(self._queries)

    def __iter__(self) -> Iterator[Query]:
        return iter(self._queries.values())

    def __len__(self) -> int:
        return len(self._queries)

    def __contains__(self, name: object) -> bool:
        return name in self._queries


_default: Catalog | None = None


def default_catalog() -> Catalog:
    """The packaged catalog, loaded once per process."""
    global _default
    if _default is None:
        _default = Catalog.default()
    return _default


def bind_for(store: GraphStore, query: Query, params: Mapping[str, Any]) -> dict[str, Any]:
    """``query.bind(params)`` plus what ``store`` supplies itself: ``sentence_ids``, the candidates
    of the evidence index the embedded store keeps beside its graph, when the caller gave none."""
    bound = query.bind(params)
    find = getattr(store, "evidence_ids", None)
    if "sentence_ids" in bound and bound["sentence_ids"] is None and callable(find):
        cap = bound["limit"] if "limit" in bound else bound["cap"]
        bound["sentence_ids"] = find(str(bound["q"]), int(cap))
    return bound


def run_query(
    store: GraphStore,
    name: str,
    params: Mapping[str, Any] | None = None,
    catalog: Catalog | None = None,
) -> list[dict[str, Any]]:
    """Run catalog query ``name`` read-only on ``store`` with bound parameters."""
    query = (catalog or default_catalog()).get(name)
    return store.run_read(query.text_for(store.dialect), bind_for(store, query, params or {}))
