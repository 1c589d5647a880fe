"""The text rules the fields of this app carry: one line, visible characters, sane
long text (``core.validators``)."""

from core.validators import (
    validate_long_text,
    validate_single_line,
    validate_visible,
)

SINGLE_LINE = [validate_single_line]
NAME = [validate_single_line, validate_visible]
LONG_TEXT = [validate_long_text]
