"""The typed checks the publiccode.yml rules (``validation``) are written in."""

import datetime

from bouwstenen.interop.publiccode.problems import WAARSCHUWING, Problem, problem_at
from bouwstenen.interop.publiccode.reading import is_date, is_http_url
from bouwstenen.interop.publiccode.yaml_loader import KeyPath, LoadedYaml


class Checker:
    """The checks the rules are written in: each reports what is wrong at a key path,
    so a rule reads as the standard does (this key is a text, that one a list)."""

    def __init__(self, loaded: LoadedYaml):
        self.loaded = loaded
        self.problems: list[Problem] = []

    def report(self, path: KeyPath, message: str, ernst: str = WAARSCHUWING) -> None:
        self.problems.append(problem_at(self.loaded, path, message, ernst))

    def mapping(self, path: KeyPath, value, *, ernst=WAARSCHUWING) -> dict | None:
        if isinstance(value, dict):
            return value
        if value is not None:
            self.report(path, "Verwacht een sectie met sleutels.", ernst)
        return None

    def required_section(
        self, path: KeyPath, value, *, ernst=WAARSCHUWING, why: str = ""
    ) -> dict | None:
        """A section the standard requires: reported when missing or not a section."""
        if value is None:
            self.missing(path, ernst, why)
            return None
        return self.mapping(path, value, ernst=ernst)

    def text(self, path: KeyPath, value, *, max_length: int | None = None) -> bool:
        if value is None:
            return False
        if not isinstance(value, str):
            self.report(path, f"Verwacht tekst, niet {type_name(value)}.")
            return False
        if max_length and len(value) > max_length:
            self.report(
                path,
                f"Is {len(value)} tekens lang; de standaard staat er hoogstens {max_length} toe.",
            )
        return True

    def url(self, path: KeyPath, value) -> None:
        if value is None:
            return
        if not is_http_url(value):
            self.report(path, f"Geen geldige http(s)-URL: {value!r}.")

    def date(self, path: KeyPath, value) -> None:
        if value is not None and not is_date(value):
            self.report(path, f"Geen geldige datum in de vorm JJJJ-MM-DD: {value!r}.")

    def text_list(self, path: KeyPath, value, *, allowed=None) -> list[str]:
        if value is None:
            return []
        if isinstance(value, str):
            self.report(path, "Verwacht een lijst; één waarde is als lijst gelezen.")
            value = [value]
        if not isinstance(value, list):
            self.report(path, f"Verwacht een lijst, niet {type_name(value)}.")
            return []
        texts = []
        for index, item in enumerate(value):
            if not isinstance(item, str):
                self.report((*path, index), f"Verwacht tekst, niet {type_name(item)}.")
                continue
            if allowed is not None and item not in allowed:
                self.report((*path, index), f"Onbekende waarde {item!r}.")
            texts.append(item)
        return texts

    def enum(self, path: KeyPath, value, allowed, *, ernst=WAARSCHUWING) -> None:
        if value not in allowed:
            self.report(
                path,
                f"Onbekende waarde {value!r}; toegestaan: {', '.join(allowed)}.",
                ernst,
            )

    def missing(self, path: KeyPath, ernst=WAARSCHUWING, why: str = "") -> None:
        self.report(
            path, "Verplichte sleutel ontbreekt." + (f" {why}" if why else ""), ernst
        )


def type_name(value) -> str:
    if value is None:
        return "een lege waarde"
    if isinstance(value, bool):
        return "ja/nee"
    if isinstance(value, int | float):
        return "een getal"
    if isinstance(value, dict):
        return "een sectie"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, datetime.date):
        return "een datum"
    return "tekst"
