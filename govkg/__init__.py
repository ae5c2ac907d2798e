"""govkg: a knowledge graph of Chinese local social-governance practice.

``from govkg import open_graph`` opens the graph (the embedded store by default) and
gives the catalog's questions as typed methods; see govkg.knowledge.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["KnowledgeGraph", "__version__", "open_graph"]

if TYPE_CHECKING:
    from govkg.knowledge import KnowledgeGraph, open_graph


def __getattr__(name: str) -> Any:
    # Imported lazily so that `import govkg` stays cheap for tools that only need the version.
    if name in ("open_graph", "KnowledgeGraph"):
        from govkg import knowledge

        return getattr(knowledge, name)
    raise AttributeError(f"module 'govkg' has no attribute {name!r}")
