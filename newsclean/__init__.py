"""newsclean: turn scraped news into clean article text, in any language.

>>> import newsclean
>>> newsclean.clean("Home | World | Sports\\n\\nThe minister resigned on Tuesday after a week of protests.")
'The minister resigned on Tuesday after a week of protests.'

:func:`clean` returns the article body; :func:`clean_document` returns the same
result as a :class:`Document` with the title, the paragraphs and their
language, every removed block with its kind and rule, metadata and the Unicode
repairs. :class:`CleanConfig` holds every option.
"""

from __future__ import annotations

import logging

from .api import clean, clean_document
from .batch import clean_documents_many, clean_many
from .config import CleanConfig
from .document import Document, Kind, Metadata, Paragraph, Removal, Repair
from .errors import ConfigError, InputTooLargeError, InputTypeError, NewscleanError
from .rules import RULE_IDS
from .templates import SiteProfile

__all__ = [
    "RULE_IDS",
    "CleanConfig",
    "ConfigError",
    "Document",
    "InputTooLargeError",
    "InputTypeError",
    "Kind",
    "Metadata",
    "NewscleanError",
    "Paragraph",
    "Removal",
    "Repair",
    "SiteProfile",
    "__version__",
    "clean",
    "clean_document",
    "clean_documents_many",
    "clean_many",
]

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
