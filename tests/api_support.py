"""Helpers for the API tests: load the project's own examples/ through the real pipeline.

The API, fuzz and store tests read nothing from ../shared, so they run (and must pass) in a
clone that has only this repository.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from govkg.graph.store import GraphStore
from govkg.graph.writer import write_extraction
from govkg.loaders.documents import DocumentError, iter_documents
from govkg.loaders.extract import extract
from govkg.loaders.extraction import Extraction

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = REPO_ROOT.parent / "shared"
CORPUS_DIR = SHARED_DIR / "corpus"
EXAMPLES_DIR = REPO_ROOT / "examples"
API_KEY = "test-key-for-write-routes"


def load_corpus(store: GraphStore) -> list[Extraction]:
    """Extract and write every report of examples/; return the Extractions."""
    extractions = []
    for doc in iter_documents([EXAMPLES_DIR]):
        if isinstance(doc, DocumentError):
            continue
        ex = extract(doc)
        write_extraction(store, ex)
        extractions.append(ex)
    return extractions


def load_examples(store: GraphStore) -> list[Extraction]:
    """Extract and write every report of the project's own examples/; return the Extractions."""
    extractions = []
    for doc in iter_documents([EXAMPLES_DIR]):
        if isinstance(doc, DocumentError):
            continue
        ex = extract(doc)
        write_extraction(store, ex)
        extractions.append(ex)
    return extractions


@dataclass
class Facts:
    """What the Extractions say, computed independently of the graph and its queries."""

    extractions: list[Extraction]
    parent: dict[str, str | None] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    # (region, practice) -> years and report ids
    adoptions: dict[tuple[str, str], set[tuple[str, int | None]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        adoptions: dict[tuple[str, str], set[tuple[str, int | None]]] = defaultdict(set)
        for ex in self.extractions:
            for r in ex.regions:
                self.parent[r.code] = r.parent_code
                self.names[r.code] = r.name
            for a in ex.adoptions:
                adoptions[(a.region_code, a.practice_key)].add((a.report_id, a.year))
        self.adoptions = dict(adoptions)

    def ancestors(self, code: str) -> list[str]:
        """The code and every region above it."""
        out: list[str] = []
        cur: str | None = code
        while cur is not None and cur not in out:
            out.append(cur)
            cur = self.parent.get(cur)
        return out

    def adopters(self, practice: str) -> set[str]:
        """Regions with at least one adoption of the practice."""
        return {r for (r, p) in self.adoptions if p == practice}

    def portfolio(self, region: str) -> set[str]:
        """Practices a region adopted itself."""
        return {p for (r, p) in self.adoptions if r == region}

    def facts(self) -> set[tuple[str, str, str]]:
        """Every (region, practice, report) adoption edge the writer creates."""
        return {(r, p, rep) for (r, p), s in self.adoptions.items() for rep, _ in s}
