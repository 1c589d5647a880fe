"""Validation against the publiccode.yml standard: lenient, with key paths and lines."""

import pytest

from bouwstenen.interop.publiccode.validation import FOUT, validate
from bouwstenen.interop.publiccode.yaml_loader import load, load_bytes
from tests.interop.conftest import REAL_FILES, own_file

MINIMAL = """\
publiccodeYmlVersion: "{version}"
name: Voorbeeld
url: https://github.com/voorbeeld/project
releaseDate: "2024-01-31"
platforms: [web]
categories: [data-analytics]
developmentStatus: stable
softwareType: standalone/web
description:
  nl:
    shortDescription: Een korte beschrijving.
    longDescription: {long}
    features: [Een functie]
legal:
  license: EUPL-1.2
maintenance:
  type: internal
  contacts:
    - name: Team Data
      email: data@voorbeeld.example
localisation:
  localisationReady: false
  availableLanguages: [nl]
"""
LONG = "Een lange beschrijving die ruim honderdvijftig tekens telt, " * 4


def problems_of(text: str):
    return {(p.pad, p.ernst): p for p in validate(load(text))}


@pytest.mark.parametrize("version", ["0.2", "0.2.0", "0.3", "0.4", "0.4.0", "0.5"])
def test_a_complete_file_of_each_supported_version_has_no_problems(version):
    assert validate(load(MINIMAL.format(version=version, long=LONG))) == []


@pytest.mark.parametrize(
    ("version", "message"),
    [("0.1", "ouder dan de standaard"), ("0.7", "nieuwer dan dit register")],
)
def test_older_and_newer_versions_are_read_with_a_warning(version, message):
    problems = validate(load(MINIMAL.format(version=version, long=LONG)))
    assert [p.pad for p in problems] == ["publiccodeYmlVersion"]
    assert message in problems[0].melding and problems[0].ernst != FOUT


def test_the_07_form_with_organizationUri_and_an_upper_case_section():
    problems = validate(load_bytes(own_file("versie-07.yml").read_bytes()))
    assert [p.pad for p in problems] == ["publiccodeYmlVersion"]


def test_wrong_types_are_named_by_key_path_and_line():
    problems = {
        p.pad: p
        for p in validate(load_bytes(own_file("verkeerde-typen.yml").read_bytes()))
    }
    assert problems["name"].ernst == FOUT and problems["name"].regel == 2
    assert problems["url"].ernst == FOUT and problems["url"].regel == 3
    assert problems["developmentStatus"].ernst == FOUT
    assert problems["description"].ernst == FOUT and problems["description"].regel == 9
    assert problems["legal"].ernst == FOUT
    assert problems["publiccodeYmlVersion"].ernst != FOUT
    assert "aanhalingstekens" in problems["publiccodeYmlVersion"].melding
    assert problems["maintenance.contacts"].regel == 13
    assert problems["localisation.localisationReady"].regel == 15


def test_missing_keys_are_errors_only_where_no_block_can_be_made():
    problems = validate(load_bytes(own_file("ontbrekende-sleutels.yml").read_bytes()))
    errors = {p.pad for p in problems if p.ernst == FOUT}
    warnings = {p.pad for p in problems if p.ernst != FOUT}
    assert errors == {"url", "developmentStatus", "description", "legal"}
    assert {"platforms", "softwareType", "maintenance", "localisation"} <= warnings


def test_a_list_instead_of_keys_is_no_publiccode_yml():
    problems = validate(load_bytes(own_file("geen-mapping.yml").read_bytes()))
    assert len(problems) == 1 and problems[0].ernst == FOUT


def test_nested_problems_carry_their_full_path_and_line():
    text = MINIMAL.format(version="0.5", long="Te kort.") + (
        "dependsOn:\n  open:\n    - PostgreSQL\n"
    )
    text = text.replace("data@voorbeeld.example", "geen-adres")
    problems = problems_of(text)
    assert ("description.nl.longDescription", "waarschuwing") in problems
    contact = problems[("maintenance.contacts[0].email", "waarschuwing")]
    assert contact.regel == 20 and "geen-adres" in contact.melding
    assert ("dependsOn.open[0]", "waarschuwing") in problems


def test_an_obfuscated_email_is_read_with_a_warning():
    text = MINIMAL.format(version="0.5", long=LONG).replace(
        "data@voorbeeld.example", "data\\x64voorbeeld.example"
    )
    problem = problems_of(text)[("maintenance.contacts[0].email", "waarschuwing")]
    assert "verhuld" in problem.melding


def test_a_common_non_spdx_licence_is_read_as_spdx_with_a_warning():
    text = MINIMAL.format(version="0.5", long=LONG).replace(
        "EUPL-1.2", "EUPL-1.2-or-later"
    )
    problem = problems_of(text)[("legal.license", "waarschuwing")]
    assert "gelezen als ‘EUPL-1.2+’" in problem.melding and problem.regel == 15


def test_a_licence_that_is_not_spdx_is_an_error_with_the_reason():
    text = MINIMAL.format(version="0.5", long=LONG).replace(
        "EUPL-1.2", "Gemeente-licentie-3"
    )
    problem = problems_of(text)[("legal.license", FOUT)]
    assert "Gemeente-licentie-3" in problem.melding and problem.regel == 15


def test_unknown_and_miscased_keys_are_warnings():
    text = MINIMAL.format(version="0.5", long=LONG) + "intendedaudience: {}\nfoo: 1\n"
    problems = problems_of(text)
    assert "intendedAudience" in problems[("intendedaudience", "waarschuwing")].melding
    assert ("foo", "waarschuwing") in problems


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: p.name)
def test_every_real_file_validates_without_crashing(path):
    problems = validate(load_bytes(path.read_bytes()))
    for problem in problems:
        assert problem.melding and problem.ernst in (FOUT, "waarschuwing")
