"""CleanConfig: the one options object of newsclean.

Every option lives here, documented once; :func:`newsclean.clean` accepts the
same names as keyword arguments and folds them into a config with
:meth:`CleanConfig.replace`, so there is no second, flat parameter list to keep
in step.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypedDict, get_args

from .errors import ConfigError
from .language import detectable_languages
from .templates import SiteProfile

if TYPE_CHECKING:
    from typing import Unpack  # Python 3.11+; annotations only, so 3.10 never imports it

__all__ = ["INPUT_FORMATS", "CleanConfig", "CleanOptions", "InputFormat", "host_key", "resolve"]

InputFormat = Literal["auto", "text", "html", "markdown"]
#: The values of :data:`InputFormat` (the command line offers the same choices).
INPUT_FORMATS: tuple[str, ...] = get_args(InputFormat)


@dataclass(frozen=True, kw_only=True, slots=True)
class CleanConfig:
    """Options for :func:`newsclean.clean` and :func:`newsclean.clean_document`.

    ``include_title`` (default ``False``)
        Put the detected title at the top of ``clean()``'s output, followed by
        a blank line. ``Document.title`` is filled either way.

    ``keep_captions`` (default ``False``)
        Keep photo captions as paragraphs of kind ``"caption"`` instead of
        removing them. Photo credits are removed either way.

    ``languages`` (default ``None``: keep every language)
        Keep only paragraphs in these languages, given as ISO 639-1 codes
        (``"en"``, ``"ja"``) or BCP 47 tags (``"zh-Hans"``). A bare code
        matches every tag that starts with it: ``"zh"`` keeps ``zh-Hans`` and
        ``zh-Hant``. Paragraphs whose language cannot be told (``"und"``, for
        example digits only) follow the paragraph before them. Removed
        paragraphs are reported with kind ``language``.

    ``input_format`` (default ``"auto"``)
        ``"text"`` treats the input as plain text, ``"html"`` as an HTML page,
        ``"markdown"`` as Markdown (the links, images and emphasis of scrapers
        that emit it are reduced to their text); ``"auto"`` decides from the
        first kilobytes (a doctype or a run of HTML tags means HTML, three or
        more ``[text](url)`` links or images mean Markdown).

    ``site_profile`` (default ``None``)
        A :class:`~newsclean.SiteProfile` learned from many pages of the site
        the input comes from; lines of its template are removed as kind
        ``template`` even when no lexicon knows their wording.

    ``site_profiles`` (default ``None``)
        Profiles of many sites, by host name (``{"news.example": profile}``):
        a page cleaned with ``url=`` gets the profile of its URL's host (a
        leading ``www.`` does not count), unless ``site_profile`` names one.
        One config then serves a whole crawl of many sites.

    ``max_input_chars`` (default 50,000,000)
        Inputs longer than this (in characters, or in bytes before decoding)
        raise :class:`~newsclean.InputTooLargeError` instead of being processed;
        this bounds the time and memory a single hostile document can take.
        ``0`` disables the limit.
    """

    include_title: bool = False
    keep_captions: bool = False
    languages: tuple[str, ...] | None = None
    input_format: InputFormat = "auto"
    max_input_chars: int = 50_000_000
    site_profile: SiteProfile | None = None
    site_profiles: Mapping[str, SiteProfile] | None = None

    def __post_init__(self) -> None:
        if self.site_profiles is not None:
            object.__setattr__(self, "site_profiles", _profiles_by_host(self.site_profiles))
        if self.site_profile is not None and not isinstance(self.site_profile, SiteProfile):
            raise ConfigError(f"site_profile must be a SiteProfile, not {type(self.site_profile).__name__}")
        for name in ("include_title", "keep_captions"):
            if not isinstance(getattr(self, name), bool):
                raise ConfigError(f"{name} must be True or False, not {getattr(self, name)!r}")
        if self.input_format not in INPUT_FORMATS:
            raise ConfigError(f"input_format must be one of {', '.join(INPUT_FORMATS)}, not {self.input_format!r}")
        if (
            not isinstance(self.max_input_chars, int)
            or isinstance(self.max_input_chars, bool)  # True is an int to Python, not a size to a reader
            or self.max_input_chars < 0
        ):
            raise ConfigError(
                f"max_input_chars must be a whole number >= 0 (0 = no limit), not {self.max_input_chars!r}"
            )
        if self.languages is not None:
            object.__setattr__(self, "languages", _normalise_languages(self.languages))

    def replace(self, **options: Unpack[CleanOptions]) -> CleanConfig:
        """Return a copy with ``options`` changed; unknown names raise ConfigError."""
        if not options:
            return self
        known = {f.name for f in dataclasses.fields(self)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise ConfigError(f"unknown option(s) {', '.join(unknown)}; valid options are {', '.join(sorted(known))}")
        return dataclasses.replace(self, **options)  # type: ignore[arg-type]  # languages: normalised on init


class CleanOptions(TypedDict, total=False):
    """The options of :class:`CleanConfig` as keyword arguments, for type checkers.

    ``clean(raw, include_titel=True)`` (a misspelling) is caught by mypy or an
    editor before it runs, and raises :class:`~newsclean.ConfigError` when it
    does. ``languages`` accepts any iterable of codes (or one code), which the
    config turns into a sorted tuple. ``tests/test_api.py`` keeps the keys equal
    to the config's fields.
    """

    include_title: bool
    keep_captions: bool
    languages: Iterable[str] | str | None
    input_format: InputFormat
    max_input_chars: int
    site_profile: SiteProfile | None
    site_profiles: Mapping[str, SiteProfile] | None


def host_key(host: str) -> str:
    """A host name as :attr:`CleanConfig.site_profiles` keys it: lower case, without ``www.``."""
    host = host.strip().lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def _profiles_by_host(value: object) -> Mapping[str, SiteProfile]:
    """A read-only copy keyed by :func:`host_key`, so the frozen config cannot change under a caller."""
    if not isinstance(value, Mapping):
        raise ConfigError(f"site_profiles must map host names to SiteProfile objects, not {type(value).__name__}")
    out: dict[str, SiteProfile] = {}
    for host, profile in value.items():
        if not isinstance(host, str) or not host.strip():
            raise ConfigError(f"site_profiles: {host!r} is not a host name such as 'news.example'")
        if not isinstance(profile, SiteProfile):
            raise ConfigError(f"site_profiles[{host!r}] must be a SiteProfile, not {type(profile).__name__}")
        out[host_key(host)] = profile
    return types.MappingProxyType(out)


def _normalise_languages(value: Iterable[str] | str) -> tuple[str, ...]:
    """Accept a string or an iterable of strings; return lower-cased, sorted, unique tags."""
    if isinstance(value, str):
        value = (value,)
    try:
        tags = tuple(value)
    except TypeError:
        raise ConfigError(f"languages must be a list of language codes, not {value!r}") from None
    if not tags:
        raise ConfigError("languages must name at least one language (use None to keep all)")
    cleaned = set()
    for tag in tags:
        if not isinstance(tag, str) or not tag.strip() or not tag.replace("-", "").replace("_", "").isalpha():
            raise ConfigError(f"languages: {tag!r} is not a language code such as 'en' or 'zh-Hans'")
        tag = tag.strip().replace("_", "-").lower()
        known = detectable_languages()
        if not any(lang == tag or lang.startswith(tag + "-") for lang in known):
            raise ConfigError(
                f"languages: {tag!r} is not a language newsclean can detect; known: {', '.join(sorted(known))}"
            )
        cleaned.add(tag)
    return tuple(sorted(cleaned))


def resolve(config: object, options: dict[str, Any]) -> CleanConfig:
    """The config of one call: ``config`` (or the default) with ``options`` folded in.

    A ``config`` that is not a :class:`CleanConfig` (a dict, a string) raises
    :class:`~newsclean.ConfigError` here instead of an ``AttributeError`` deep inside.
    """
    if config is None:
        return _DEFAULT.replace(**options)
    if not isinstance(config, CleanConfig):
        raise ConfigError(
            f"config must be a CleanConfig, not {type(config).__name__}; "
            "pass CleanConfig(...) or the options as keyword arguments"
        )
    return config.replace(**options)


_FIELD_NAMES = frozenset(f.name for f in dataclasses.fields(CleanConfig))
_generated_init = CleanConfig.__init__


def _checked_init(self: CleanConfig, *args: Any, **options: Any) -> None:
    """The dataclass ``__init__``, with unknown or positional options as ConfigError (not TypeError)."""
    if args:
        raise ConfigError("CleanConfig takes keyword arguments only, e.g. CleanConfig(include_title=True)")
    unknown = sorted(set(options) - _FIELD_NAMES)
    if unknown:
        raise ConfigError(
            f"unknown option(s) {', '.join(unknown)}; valid options are {', '.join(sorted(_FIELD_NAMES))}"
        )
    _generated_init(self, **options)


# The generated __init__ raises a plain TypeError for an unknown name; wrapped, it raises ConfigError.
CleanConfig.__init__ = _checked_init  # type: ignore[method-assign]
_DEFAULT = CleanConfig()
