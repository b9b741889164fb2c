"""What a package index and its users see: licence, sdist contents, README links, dependencies, typed options."""

from __future__ import annotations

import ast
import dataclasses
import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # the test extra installs tomli, tomllib's backport, where Python has no tomllib
    import tomli as tomllib

import newsclean
from newsclean.config import CleanOptions

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
#: Distribution name -> the module it is imported as, where they differ.
_MODULE_OF = {"charset-normalizer": "charset_normalizer"}


def _imported_modules() -> set[str]:
    found = set()
    for path in (ROOT / "newsclean").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module.split(".")[0])
    return found


def test_every_runtime_dependency_is_imported() -> None:
    block = PYPROJECT.split("\ndependencies = [", 1)[1].split("\n]", 1)[0]
    names = [re.split(r"[<>=!~\[ ;]", dep, maxsplit=1)[0] for dep in re.findall(r'^\s*"([^"]+)"', block, re.M)]
    assert len(names) >= 7, names
    modules = {_MODULE_OF.get(name, name.replace("-", "_")) for name in names}
    assert modules <= _imported_modules(), modules - _imported_modules()
    assert "trafilatura" not in names  # nothing imports it (README: why it is only a benchmark peer)


def test_the_licence_file_matches_the_metadata() -> None:
    assert '\nlicense = "MIT"\n' in PYPROJECT
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def test_the_sdist_carries_what_the_tests_read() -> None:
    """The tests read the fixtures, conftest.py, benchmarks/ (gate, metrics, fuzz),
    scripts/ (the rules doc generator), docs/ and the README; the crate needs its lock file."""
    included = {
        entry["path"].split("/")[0] if entry["path"].endswith("/**/*") else entry["path"]
        for entry in tomllib.loads(PYPROJECT)["tool"]["maturin"]["include"]
        if entry.get("format") == "sdist"
    }
    assert {"tests", "fixtures", "benchmarks", "scripts", "docs"} <= included
    assert {"LICENSE", "README.md", "CHANGELOG.md", "rust/Cargo.lock"} <= included


def test_the_readme_has_no_relative_links() -> None:
    """A package index shows the README away from the repository: a relative link there leads nowhere."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)]+)\)", readme)
    assert all(link.startswith(("https://", "http://", "#")) for link in links), links


def test_typed_options_match_the_config() -> None:
    assert set(CleanOptions.__annotations__) == {f.name for f in dataclasses.fields(newsclean.CleanConfig)}


def test_a_misspelled_option_is_a_type_error(tmp_path: Path) -> None:
    from mypy import api

    script = tmp_path / "caller.py"
    script.write_text(
        "import newsclean\n"
        "newsclean.clean('text', include_title=True, languages=['en'], url='https://example.org/a')\n"
        "newsclean.clean('text', include_titel=True)\n"
        "newsclean.clean_document('text', max_input_chars='many')\n"
        "list(newsclean.clean_many(['text'], keep_captions=1.5))\n",
        encoding="utf-8",
    )
    out, _, status = api.run(
        [
            str(script),
            "--strict",
            "--no-incremental",
            "--follow-imports=silent",
            "--cache-dir",
            str(tmp_path / "cache"),
            "--python-version",
            "3.11",
        ]
    )
    errors = [line for line in out.splitlines() if ": error:" in line]
    assert status == 1
    assert [int(line.split(":")[1]) for line in errors] == [3, 4, 5], out
    assert '"include_titel"' in errors[0]
