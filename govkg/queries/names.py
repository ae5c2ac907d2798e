"""One resolver for the names people type: practices, regions, levels, categories and year ranges.

REST, the Python API and the CLI all resolve through these functions, so a name that works
in one works in all of them. Traditional characters are folded to simplified before lookup
(楓橋經驗 → 枫桥经验, 鄭州市 → 郑州市), exact keys and codes always win, and an unknown name is
an error that says so (with close names when there are any) rather than an empty answer.

Each function takes a ``Runner``: a callable running a catalog query by name with parameters,
so callers keep their own timeout and error handling.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from govkg.loaders.documents import fold
from govkg.loaders.extraction import LEVELS

__all__ = [
    "AmbiguousName",
    "InvalidValue",
    "Runner",
    "UnknownName",
    "check_category",
    "check_level",
    "check_years",
    "name_variants",
    "resolve_practice",
    "resolve_region",
]

Runner = Callable[[str, Mapping[str, Any]], list[dict[str, Any]]]

_QUOTES = "“”\"'‘’「」『』《》 \t\u3000"
_SUGGESTIONS = 5


class UnknownName(LookupError):
    """No practice (or region) has this key, code, name or alias."""

    def __init__(self, kind: str, raw: str, suggestions: Sequence[str] = ()) -> None:
        self.kind = kind
        self.raw = raw
        self.suggestions = list(suggestions)
        hint = f"; did you mean {', '.join(self.suggestions)}?" if self.suggestions else ""
        field = "code" if kind == "region" else "key"
        super().__init__(f"unknown {kind} {raw!r}: no {kind} has that {field}, name or alias{hint}")


class AmbiguousName(LookupError):
    """A name shared by several practices (or regions); the candidates say which."""

    def __init__(self, kind: str, raw: str, candidates: Sequence[dict[str, Any]]) -> None:
        self.kind = kind
        self.raw = raw
        self.candidates = list(candidates)
        listed = ", ".join(f"{c.get('name')} ({c.get('key')})" for c in self.candidates[:10])
        super().__init__(f"{kind} name {raw!r} is ambiguous: {len(self.candidates)} candidates: {listed}")


class InvalidValue(ValueError):
    """A filter value outside its set of valid values; ``valid`` lists them."""

    def __init__(self, param: str, value: Any, valid: Sequence[str], why: str | None = None) -> None:
        self.param = param
        self.value = value
        self.valid = list(valid)
        reason = why or f"{param} must be one of: {', '.join(self.valid)}"
        super().__init__(f"invalid {param} {value!r}: {reason}")


def name_variants(raw: str) -> list[str]:
    """The spellings to look up for a typed name: as given (trimmed, unquoted), then folded to simplified."""
    text = raw.strip().strip(_QUOTES)
    out = [text] if text else []
    folded = fold(text)
    if folded and folded not in out:
        out.append(folded)
    return out


def _pick(rows: list[dict[str, Any]], tried: list[str], key_field: str, kind: str) -> dict[str, Any] | None:
    if not rows:
        return None
    for spelling in tried:
        exact = [r for r in rows if r.get(key_field) == spelling]
        if exact:
            return exact[0]
    distinct = {str(r.get(key_field)): r for r in rows}
    if len(distinct) == 1:
        return next(iter(distinct.values()))
    candidates = [
        {
            "key": r[key_field],
            "name": r.get("name"),
            "kind": kind,
            "level": r.get("level"),
            "category": r.get("category"),
        }
        for r in distinct.values()
    ]
    raise AmbiguousName(kind, tried[0] if tried else "", candidates)


def _close(word: str, names: Iterable[str]) -> list[str]:
    pool = sorted({n for n in names if n})
    near = difflib.get_close_matches(word, pool, n=_SUGGESTIONS, cutoff=0.5)
    contains = [n for n in pool if word and (word in n or n in word) and n not in near]
    return (near + contains)[:_SUGGESTIONS]


def _lookup(
    run: Runner, tried: list[str], by_id: tuple[str, str], by_name: str, kind: str
) -> dict[str, Any] | None:
    """The row for the first spelling that is an exact key/code, else the first that is a name or alias."""
    query, field = by_id
    for spelling in tried:
        rows = run(query, {field: spelling})
        if rows:
            return rows[0]
    for spelling in tried:
        found = _pick(run(by_name, {"name": spelling}), tried, field, kind)
        if found is not None:
            return found
    return None


def resolve_practice(run: Runner, raw: str) -> dict[str, Any]:
    """The practice ``raw`` names (key, name or alias, either script): a row with key, name, category.

    Raises UnknownName (with close names) or AmbiguousName (with the candidates).
    """
    tried = name_variants(raw)
    found = _lookup(run, tried, ("practice_by_key", "key"), "resolve_practice", "practice")
    if found is not None:
        return found
    word = tried[-1] if tried else raw
    every = run("practices", {"category": None, "q": None})
    names = [n for r in every for n in (r.get("name"), *(r.get("aliases") or []))]
    raise UnknownName("practice", raw, _close(word, [n for n in names if isinstance(n, str)]))


def resolve_region(run: Runner, raw: str) -> dict[str, Any]:
    """The region ``raw`` names (code, official name, short name or alias, either script): code, name, level.

    Raises UnknownName (with close names) or AmbiguousName (with the candidates).
    """
    tried = name_variants(raw)
    found = _lookup(run, tried, ("region_by_code", "code"), "resolve_region", "region")
    if found is not None:
        return found
    word = tried[-1] if tried else raw
    near: list[str] = []
    if len(word) >= 2:
        rows = run("regions", {"q": word[:2], "level": None, "parent": None})
        near = _close(word, [str(r.get("name")) for r in rows if r.get("name")])
    raise UnknownName("region", raw, near)


def check_level(level: str | None) -> str | None:
    """``level`` if it is a region level (or None); InvalidValue listing the levels otherwise."""
    if level is None or level in LEVELS:
        return level
    raise InvalidValue("level", level, LEVELS)


@lru_cache(maxsize=1)
def taxonomy_categories() -> tuple[str, ...]:
    """The categories of the shipped practice taxonomy, plus ``local`` for discovered programs."""
    from govkg.loaders.practices import LOCAL_CATEGORY, Taxonomy

    return tuple(sorted({*Taxonomy.default().categories, LOCAL_CATEGORY}))


def check_category(run: Runner | None, category: str | None) -> str | None:
    """``category`` if the taxonomy or the graph knows it (either script); else InvalidValue listing them."""
    if category is None:
        return None
    known = set(taxonomy_categories())
    for spelling in name_variants(category):
        if spelling in known:
            return spelling
    if run is not None:
        rows = run("practices", {"category": None, "q": None})
        known |= {str(r["category"]) for r in rows if r.get("category")}
        for spelling in name_variants(category):
            if spelling in known:
                return spelling
    raise InvalidValue("category", category, sorted(known))


def check_years(year_from: int | None, year_to: int | None) -> None:
    """Refuse an inverted year range (year_from after year_to) with InvalidValue."""
    if year_from is not None and year_to is not None and year_from > year_to:
        raise InvalidValue(
            "year range",
            f"{year_from}–{year_to}",
            (),
            why=f"year_from ({year_from}) is after year_to ({year_to}); swap them",
        )
