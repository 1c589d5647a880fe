"""Safe YAML: bombs, recursion, deep nesting, encodings, and line numbers."""

import time

import pytest

from bouwstenen.interop import limits
from bouwstenen.interop.publiccode.yaml_loader import YamlRefused, load, load_bytes
from tests.interop.conftest import own_file


def refusal(raw: bytes) -> YamlRefused:
    with pytest.raises(YamlRefused) as caught:
        load_bytes(raw)
    return caught.value


def test_billion_laughs_is_refused_quickly():
    start = time.monotonic()
    error = refusal(own_file("yaml-bom.yml").read_bytes())
    assert "YAML-bom" in error.message
    assert time.monotonic() - start < 2


def test_a_few_aliases_are_fine():
    loaded = load("a: &x [1, 2]\nb: *x\nc: *x\n")
    assert loaded.data == {"a": [1, 2], "b": [1, 2], "c": [1, 2]}


def test_wide_alias_expansion_is_refused_even_under_the_alias_cap(monkeypatch):
    # Few aliases, but each doubles the size: the walk's node budget stops it.
    monkeypatch.setattr(limits, "MAX_YAML_NODES", 1000)
    lines = ["l0: &l0 [x, x]"]
    lines += [f"l{i}: &l{i} [*l{i - 1}, *l{i - 1}]" for i in range(1, 15)]
    error = refusal("\n".join(lines).encode())
    assert "1000 waarden" in error.message


def test_an_alias_that_refers_to_itself_is_refused():
    start = time.monotonic()
    error = refusal(own_file("recursieve-alias.yml").read_bytes())
    assert "verwijst" in error.message
    assert time.monotonic() - start < 2


def test_deep_nesting_is_refused_without_a_recursion_error():
    error = refusal(own_file("diep-genest.yml").read_bytes())
    assert "dieper genest" in error.message
    error = refusal(b"name: " + b"[" * 5000 + b"]" * 5000)
    assert "dieper genest" in error.message


def test_non_utf8_is_refused_with_the_line():
    error = refusal(own_file("niet-utf8.yml").read_bytes())
    assert "geen UTF-8" in error.message
    assert error.line == 2


def test_a_utf8_byte_order_mark_is_accepted():
    loaded = load_bytes(b"\xef\xbb\xbfname: Caf\xc3\xa9\n")
    assert loaded.data == {"name": "Café"}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("meerdere-documenten.yml", "regel 3"),
        ("syntaxfout.yml", "regel 4"),
    ],
)
def test_invalid_yaml_names_the_line(name, expected):
    assert expected in refusal(own_file(name).read_bytes()).message


def test_an_empty_file_is_refused():
    assert "leeg" in refusal(b"# alleen commentaar\n").message


def test_every_key_path_has_its_line_and_duplicates_are_noted():
    loaded = load(
        "name: A\ndescription:\n  nl:\n    features:\n      - een\n      - twee\nname: B\n"
    )
    assert loaded.lines[("description", "nl", "features", 1)] == 6
    assert loaded.line_of(("description", "nl", "niet-er")) == 3
    assert loaded.duplicates == [("name",)]
    assert loaded.data["name"] == "B"
