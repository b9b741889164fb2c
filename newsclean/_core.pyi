# The compiled core's interface (rust/src/lib.rs); see newsclean/core.py.
__version__: str
MAX_DEPTH: int
MAX_FORMATTING: int
MAX_ATTRIBUTES: int

def bound_markup(markup: str) -> tuple[str | None, int, int]: ...
