"""A check constraint that a model's validation evaluates in Python where it can.

Django validates a ``CheckConstraint`` by asking the database (``SELECT 1 WHERE ...``,
inside a savepoint on PostgreSQL): three statements per constraint, 21 of the 67 a new
record took through the API. The registry's conditions are simple: a field in a
list of choices, equal to a value, null or not, combined with and, or and not. Those are
decided here in Python exactly as the database decides them (a comparison with NULL
passes, as ``COALESCE(condition, true)`` does); anything else (``F()``, a regex, a value
that is itself an expression) is still asked of the database. The database enforces every
constraint either way; this only makes the friendly error cheaper.
"""

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS
from django.db.models import CheckConstraint as DjangoCheckConstraint
from django.db.models import Q

_PLAIN = (str, int, float, bool)


class _Unknown(Exception):
    """The condition uses something only the database can evaluate."""


def _lookup(values: dict, name: str, expected):
    field, _, lookup = name.partition("__")
    if field not in values:
        raise _Unknown  # excluded from validation: the database would say FieldError
    value = values[field]
    lookup = lookup or "exact"
    if lookup == "isnull":
        if not isinstance(expected, bool):
            raise _Unknown
        return (value is None) == expected
    if value is not None and not isinstance(value, _PLAIN):
        raise _Unknown
    if lookup == "exact":
        if expected is None:
            return value is None
        if not isinstance(expected, _PLAIN):
            raise _Unknown
        return None if value is None else value == expected
    if lookup == "in":
        options = list(expected)
        if not all(isinstance(option, _PLAIN) for option in options):
            raise _Unknown
        return None if value is None else value in options
    raise _Unknown


def _evaluate(condition, values: dict):
    """True, False or None (SQL's unknown), with SQL's three-valued and, or and not."""
    if not isinstance(condition, Q):
        return _lookup(values, *condition)
    results = [_evaluate(child, values) for child in condition.children]
    if condition.connector == Q.AND:
        result = False if False in results else (None if None in results else True)
    else:
        result = True if True in results else (None if None in results else False)
    if condition.negated and result is not None:
        result = not result
    return result


class CheckConstraint(DjangoCheckConstraint):
    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        exclude = set(exclude or ())
        values = {
            field.name: getattr(instance, field.attname)
            for field in model._meta.local_concrete_fields
            if field.name not in exclude and not field.generated
        }
        try:
            holds = _evaluate(Q(self.condition), values)
        except _Unknown:
            return super().validate(model, instance, exclude=exclude, using=using)
        # A CHECK passes unless its condition is false: unknown (NULL) passes.
        if holds is False:
            raise ValidationError(
                self.get_violation_error_message(), code=self.violation_error_code
            )

    def deconstruct(self):
        # Migrations name Django's class: the constraint in the database is the same.
        _path, args, kwargs = super().deconstruct()
        return "django.db.models.CheckConstraint", args, kwargs
