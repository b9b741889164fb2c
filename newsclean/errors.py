"""The exceptions newsclean raises.

Every error derives from :class:`NewscleanError`, so a pipeline can catch one
class and log the message. Each also derives from the matching built-in
(``TypeError`` or ``ValueError``) so code written against the built-ins keeps
working::

    NewscleanError
    ├── InputTypeError      (also TypeError)  input is neither str nor bytes
    ├── InputTooLargeError  (also ValueError) input exceeds CleanConfig.max_input_chars
    └── ConfigError         (also ValueError) an unknown option or a bad option value

newsclean never raises for the *content* of an input: empty text, binary
garbage or undecodable bytes give a (possibly empty) result, not an error.
"""

from __future__ import annotations

__all__ = ["ConfigError", "InputTooLargeError", "InputTypeError", "NewscleanError"]


class NewscleanError(Exception):
    """Base class of every error newsclean raises on purpose."""


class InputTypeError(NewscleanError, TypeError):
    """The input is not ``str`` or ``bytes``."""


class InputTooLargeError(NewscleanError, ValueError):
    """The input is longer than the configured limit."""


class ConfigError(NewscleanError, ValueError):
    """An option name is unknown or its value is invalid."""
