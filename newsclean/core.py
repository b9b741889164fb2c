"""The compiled core: the hot stages in Rust (``rust/``), when the extension is there.

``pip install`` builds the extension ``newsclean._core`` from the crate under
``rust/`` (maturin). Each stage it holds keeps its Python twin as the reference,
and the two give the same output (``tests/test_core.py``); where the extension
is missing (a platform with no wheel and no Rust toolchain to build one) the
Python stages run, with the same output, more slowly.

``NEWSCLEAN_PURE_PYTHON=1`` in the environment, read once at import, makes
newsclean use the Python stages even when the core is there (to compare the
two, or to rule the core out when a result surprises).
"""

from __future__ import annotations

import os
from types import ModuleType

__all__ = ["CORE", "core_version"]


def _load() -> ModuleType | None:
    if os.environ.get("NEWSCLEAN_PURE_PYTHON", "") not in ("", "0"):
        return None
    try:
        from . import _core
    except ImportError:
        return None
    return _core


#: The extension module, or None when the Python stages run.
CORE: ModuleType | None = _load()


def core_version() -> str | None:
    """The compiled core's version (the crate's), or None when the Python stages run."""
    return None if CORE is None else str(CORE.__version__)
