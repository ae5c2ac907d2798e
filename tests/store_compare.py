"""Compare the answers two stores give to the same catalog queries, and say how they differ.

Rows are compared as multisets (order-normalised: a query without ORDER BY may return its rows
in any order, and ties under ORDER BY may come in any order too), floats rounded to 6 places,
`loaded_at` (when a store wrote a report) and `grams` (Neo4j's search bigrams) left out. The
message lists, per differing query, the rows only one store returned.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from typing import Any

Answers = Mapping[tuple[str, str], list[dict[str, Any]]]


# Properties that record when a store wrote something, not what: two loads never agree on them;
# and a sentence's search bigrams, which only Neo4j stores (the embedded store indexes evidence
# beside its graph: govkg.graph.evidence_index).
VOLATILE = frozenset({"loaded_at", "grams"})


def normalise(value: Any) -> Any:
    """Round floats and drop VOLATILE properties; leave everything else as the store returned it."""
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, list):
        return [normalise(v) for v in value]
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items() if k not in VOLATILE}
    return value


def row_key(row: Mapping[str, Any]) -> str:
    """A row as canonical JSON (keys sorted, floats rounded), for counting."""
    return json.dumps(normalise(dict(row)), sort_keys=True, ensure_ascii=False)


def differences(
    left: Answers,
    right: Answers,
    names: tuple[str, str] = ("falkordb", "neo4j"),
    skip: frozenset[str] = frozenset(),
) -> list[str]:
    """One readable entry per (query, params) whose rows differ between the two answer sets."""
    out: list[str] = []
    for key in sorted(set(left) | set(right)):
        if key[0] in skip:
            continue
        if key not in left or key not in right:
            out.append(f"{key[0]} {key[1]}: only {names[0] if key in left else names[1]} ran it")
            continue
        a, b = Counter(map(row_key, left[key])), Counter(map(row_key, right[key]))
        if a == b:
            continue
        lines = [f"{key[0]} {key[1]}: {len(left[key])} rows on {names[0]}, {len(right[key])} on {names[1]}"]
        for side, extra in ((names[0], a - b), (names[1], b - a)):
            for row, n in sorted(extra.items())[:5]:
                lines.append(f"    only {side}{f' x{n}' if n > 1 else ''}: {row[:300]}")
        out.append("\n".join(lines))
    return out


def report(diffs: list[str], limit: int = 15) -> str:
    """The first ``limit`` differences as one assertion message."""
    head = f"{len(diffs)} query answers differ between the stores:\n"
    return (
        head
        + "\n".join(diffs[:limit])
        + (f"\n... and {len(diffs) - limit} more" if len(diffs) > limit else "")
    )
