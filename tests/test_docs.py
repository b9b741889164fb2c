"""The documentation says what the code does."""

from __future__ import annotations

import importlib.util
import pathlib

import newsclean

ROOT = pathlib.Path(__file__).resolve().parent.parent


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("gen_rules_doc", ROOT / "scripts" / "gen_rules_doc.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rules_doc_is_up_to_date() -> None:
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == _generator().render()


def test_every_option_is_documented() -> None:
    options = (ROOT / "docs" / "options.md").read_text(encoding="utf-8")
    for field in newsclean.CleanConfig.__dataclass_fields__:
        assert f"`{field}`" in options, field
        assert field in (newsclean.CleanConfig.__doc__ or ""), field


def test_readme_starts_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```bash", 1)[1].split("```", 1)[0]
    assert "pip install -e ." in first_block and "python -m pytest" in first_block
