"""What the validator and the mapping report: a problem at a key path, with its line.

A ``fout`` (error) is something without which no sound building block can be made, so
the file is refused; a ``waarschuwing`` (warning) is a departure from the standard that
the importer can live with.
"""

from dataclasses import dataclass

from bouwstenen.interop.publiccode.yaml_loader import KeyPath, LoadedYaml

FOUT = "fout"
WAARSCHUWING = "waarschuwing"


@dataclass(frozen=True)
class Problem:
    pad: str
    melding: str
    ernst: str = WAARSCHUWING
    regel: int | None = None

    @property
    def is_fout(self) -> bool:
        return self.ernst == FOUT

    def __str__(self) -> str:
        where = f" (regel {self.regel})" if self.regel else ""
        return f"{self.pad or '(bestand)'}{where}: {self.melding}"


def format_path(path: KeyPath) -> str:
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def problem_at(
    loaded: LoadedYaml, path: KeyPath, message: str, ernst: str = WAARSCHUWING
) -> Problem:
    """A problem at ``path``, with the line where that key starts in the file."""
    return Problem(format_path(path), message, ernst, loaded.line_of(path))
