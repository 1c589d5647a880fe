"""The house's map holds: imports point down, the shared domain speaks no app's words,
and no module grows past what a reader takes in at once (docs/architectuur.md)."""

import json
import re
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("core", "registry", "bouwstenen", "config", "bench")

# Longer on purpose: a list of rules read one by one, not logic to follow.
LONG_BY_NATURE = {"bouwstenen/interop/publiccode/validation.py"}
MAX_LINES = 400


def _lint_imports(
    cwd: Path, config: Path, pythonpath: Path
) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports; "
            f"sys.exit(lint_imports(config_filename={str(config)!r}, no_cache=True))",
        ],
        cwd=cwd,
        env={"PYTHONPATH": str(pythonpath), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_import_directions_hold():
    result = _lint_imports(ROOT, ROOT / "pyproject.toml", ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_contracts_catch_an_import_that_points_up(tmp_path):
    """The same contracts, on a small tree where core imports registry, registry
    imports config and a page imports DRF: all three must be reported, so a passing run
    above means something."""
    for package, body in {
        "core": "from registry import domain\n",
        "registry": "import config.settings\n",
        "bouwstenen": "import registry\n",
        "config": "",
    }.items():
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
        (tmp_path / package / "domain.py").write_text("")
        (tmp_path / package / "settings.py").write_text("")
        (tmp_path / package / "uses.py").write_text(body)
    (tmp_path / "bouwstenen" / "views.py").write_text("import rest_framework\n")
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"][
        "importlinter"
    ]
    lines = [
        "[tool.importlinter]",
        f"root_packages = {json.dumps(contracts['root_packages'])}",
        "include_external_packages = "
        + json.dumps(contracts.get("include_external_packages", False)),
    ]
    for contract in contracts["contracts"]:
        lines.append("[[tool.importlinter.contracts]]")
        for key, value in contract.items():
            lines.append(f"{key} = {json.dumps(value)}")
    config = tmp_path / "pyproject.toml"
    config.write_text("\n".join(lines) + "\n")

    result = _lint_imports(tmp_path, config, tmp_path)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "3 broken" in result.stdout
    assert "core.uses -> registry.domain" in result.stdout
    assert "registry.uses -> config.settings" in result.stdout
    assert "bouwstenen.views -> rest_framework" in result.stdout


def _modules(*packages: str):
    for package in packages:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" not in relative:
                yield relative, path


def test_the_shared_domain_speaks_no_building_block_words():
    """registry is what every app shares: organisations, memberships, taxonomies, the
    workflow. A building block's word in it means app logic leaked down."""
    word = re.compile(r"bouwste|building.block", re.IGNORECASE)
    found = [
        f"{relative}:{number}: {line.strip()}"
        for relative, path in _modules("registry", "core")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if word.search(line)
    ]
    assert found == []


@pytest.mark.parametrize("package", PACKAGES)
def test_no_module_grows_past_what_a_reader_takes_in(package):
    too_long = {
        relative: lines
        for relative, path in _modules(package)
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
        and relative not in LONG_BY_NATURE
    }
    assert too_long == {}, textwrap.shorten(str(too_long), 400)
