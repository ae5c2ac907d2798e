"""The benchmark's synthetic corpus generator (bench/synthetic.py), imported once for tests."""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

SYNTHETIC = Path(__file__).resolve().parents[1] / "bench" / "synthetic.py"


@cache
def synthetic() -> ModuleType:
    """bench/synthetic.py as a module (bench/ is not a package)."""
    spec = importlib.util.spec_from_file_location("synthetic", SYNTHETIC)
    assert spec is not None and spec.loader is not None, f"cannot import {SYNTHETIC}"
    module = importlib.util.module_from_spec(spec)
    sys.modules["synthetic"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module
