"""The project's own metadata stays valid and in step with the code."""

import tomllib
from pathlib import Path

import yaml

from bouwstenen.interop.publiccode.validation import validate
from bouwstenen.interop.publiccode.yaml_loader import load_bytes

ROOT = Path(__file__).resolve().parent.parent


def test_the_projects_publiccode_yml_is_valid_and_versioned_with_the_code():
    raw = (ROOT / "publiccode.yml").read_bytes()
    assert validate(load_bytes(raw)) == []
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert yaml.safe_load(raw)["softwareVersion"] == version
    assert yaml.safe_load(raw)["legal"]["license"] == "EUPL-1.2"


def test_the_licence_file_is_the_eupl():
    assert (
        (ROOT / "LICENSE")
        .read_text()
        .startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    )
