"""Keeping Python's cyclic garbage collector off the long-lived tables of a govkg process."""

from __future__ import annotations

import gc

_settled = False


def settle() -> None:
    """Once per process: collect garbage, then exempt every object still alive from later
    collections (gc.freeze); later calls do nothing.

    A process calls this when it has built its long-lived tables (the gazetteer, the automata, the
    API's routes and models): each full collection would otherwise walk all of them again, which
    at 20k reports delayed an API answer by up to ~90 ms now and then, and forked extraction
    workers would copy those tables page by page just by the collector touching them. Objects
    made later are collected as usual. Once only, so that a process building many apps (tests)
    does not keep each one's cycles forever.
    """
    global _settled
    if _settled:
        return
    _settled = True
    gc.collect()
    gc.freeze()
