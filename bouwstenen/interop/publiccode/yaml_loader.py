"""Safe YAML for files from outside: UTF-8 only, bounded, and with line numbers.

``yaml.safe_load`` builds only plain data, but a few hundred bytes of nested aliases
("billion laughs") still expand to billions of nodes as soon as anything walks the
result. This loader counts aliases and nesting while it composes, then walks the node
tree once with a budget (recording the line of every key path on the way) before it
builds any Python objects.
"""

import codecs
from dataclasses import dataclass, field

import yaml

from bouwstenen.interop import limits

KeyPath = tuple[str | int, ...]


class YamlRefused(Exception):
    """The bytes are not acceptable YAML; ``message`` says why, in Dutch."""

    def __init__(self, message: str, *, line: int | None = None):
        self.message = message
        self.line = line
        super().__init__(message)


@dataclass
class LoadedYaml:
    data: object
    # The line (1-based) where each key path starts, such as ("legal", "license").
    lines: dict[KeyPath, int] = field(default_factory=dict)
    # Key paths that occur twice in one mapping (YAML keeps the last one silently).
    duplicates: list[KeyPath] = field(default_factory=list)

    def line_of(self, path: KeyPath) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return None


def decode(raw: bytes) -> str:
    """The text of ``raw`` as UTF-8 (a BOM is allowed), or YamlRefused."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlRefused(
            f"Het bestand is geen UTF-8 (ongeldige byte op regel {line}); "
            "publiccode.yml moet in UTF-8 zijn opgeslagen.",
            line=line,
        ) from None


class _BoundedLoader(yaml.SafeLoader):
    """SafeLoader that refuses too many aliases and too deep nesting while composing."""

    def __init__(self, stream):
        super().__init__(stream)
        self._aliases = 0
        self._depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > limits.MAX_YAML_ALIASES:
                raise YamlRefused(
                    f"Het bestand gebruikt meer dan {limits.MAX_YAML_ALIASES} "
                    "YAML-verwijzingen (aliassen); dat lijkt op een YAML-bom.",
                    line=self.peek_event().start_mark.line + 1,
                )
        self._depth += 1
        try:
            if self._depth > limits.MAX_YAML_DEPTH:
                raise YamlRefused(
                    f"Het bestand is dieper genest dan {limits.MAX_YAML_DEPTH} niveaus.",
                    line=self.peek_event().start_mark.line + 1,
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _walk(node: yaml.Node, loaded: LoadedYaml) -> None:
    """Record the line of every key path, counting nodes as if aliases were copies."""
    budget = limits.MAX_YAML_NODES
    # Each entry: the node, its key path, and the line of its key (or of the item).
    stack: list[tuple[yaml.Node, KeyPath, int]] = [(node, (), 1)]
    while stack:
        current, path, line = stack.pop()
        budget -= 1
        if budget < 0:
            raise YamlRefused(
                f"Het bestand breidt uit tot meer dan {limits.MAX_YAML_NODES} waarden "
                "(zoveel verwijzingen lijkt op een YAML-bom)."
            )
        if len(path) > limits.MAX_YAML_DEPTH:
            # Only an alias that refers to itself nests this deep after composing.
            raise YamlRefused(
                f"Het bestand is dieper genest dan {limits.MAX_YAML_DEPTH} niveaus "
                "(een verwijzing die naar zichzelf verwijst?).",
                line=current.start_mark.line + 1,
            )
        loaded.lines.setdefault(path, line)
        if isinstance(current, yaml.MappingNode):
            seen = set()
            for key_node, value_node in current.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "?"
                if key in seen:
                    loaded.duplicates.append((*path, key))
                seen.add(key)
                stack.append((value_node, (*path, key), key_node.start_mark.line + 1))
        elif isinstance(current, yaml.SequenceNode):
            for index, item in enumerate(current.value):
                stack.append((item, (*path, index), item.start_mark.line + 1))


def load(text: str) -> LoadedYaml:
    """Parse one YAML document; YamlRefused for bombs, syntax errors and more documents."""
    loader = _BoundedLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise YamlRefused("Het bestand is leeg.")
        loaded = LoadedYaml(data=None)
        _walk(node, loaded)
        loaded.data = loader.construct_document(node)
        return loaded
    except YamlRefused:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "onleesbare YAML"
        where = f" op regel {line}" if line else ""
        raise YamlRefused(f"Geen geldige YAML{where}: {problem}.", line=line) from None
    except yaml.YAMLError as exc:
        raise YamlRefused(f"Geen geldige YAML: {exc}.") from None
    except RecursionError:
        raise YamlRefused("Het bestand is te diep genest.") from None
    finally:
        loader.dispose()


def load_bytes(raw: bytes) -> LoadedYaml:
    return load(decode(raw))
