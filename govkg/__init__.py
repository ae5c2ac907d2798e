"""govkg: a knowledge graph of Chinese local social-governance practice."""

from __future__ import annotations

__version__ = "0.1.0"
