"""core.constraints: every check constraint of the registry decides in Python exactly as
the database decides it, for every combination of the values its fields can take (the
choices, an empty string, an invalid value and NULL), on both databases."""

import itertools
import uuid
from datetime import UTC, datetime

import pytest

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import CheckConstraint as DjangoCheckConstraint
from django.db.models import Q

from core.constraints import CheckConstraint

pytestmark = pytest.mark.django_db

MOMENT = datetime(2026, 1, 1, tzinfo=UTC)


def _fields_of(condition) -> set[str]:
    if isinstance(condition, Q):
        return set().union(*(_fields_of(child) for child in condition.children))
    return {condition[0].split("__")[0]}


def _candidates(field) -> list:
    if field.choices:
        values = [value for value, _label in field.flatchoices]
        return [*values, "", "ongeldig"] + ([None] if field.null else [])
    internal = field.get_internal_type()
    if internal == "DateTimeField":
        return [MOMENT, None]
    if internal == "UUIDField":
        return [uuid.UUID(int=7), None]
    if internal in ("CharField", "TextField"):
        return ["", "x", "12345678901234567890"] + ([None] if field.null else [])
    return [None]


def _ours():
    for model in apps.get_models():
        for constraint in model._meta.constraints:
            if isinstance(constraint, CheckConstraint):
                yield pytest.param(model, constraint, id=constraint.name)


def test_every_check_constraint_of_the_registry_is_ours():
    theirs = [
        constraint.name
        for model in apps.get_models()
        if model._meta.app_label in ("bouwstenen", "registry", "core")
        for constraint in model._meta.constraints
        if isinstance(constraint, DjangoCheckConstraint)
        and not isinstance(constraint, CheckConstraint)
    ]
    assert theirs == []


@pytest.mark.parametrize(("model", "constraint"), list(_ours()))
def test_python_decides_as_the_database_does(model, constraint):
    names = sorted(_fields_of(constraint.condition))
    fields = [model._meta.get_field(name) for name in names]
    combinations = list(itertools.product(*(_candidates(f) for f in fields)))[:400]
    assert combinations
    for combination in combinations:
        instance = model(
            **{f.attname: value for f, value in zip(fields, combination, strict=True)}
        )
        verdicts = []
        for check in (constraint, DjangoCheckConstraint):
            try:
                if check is constraint:
                    constraint.validate(model, instance)
                else:
                    DjangoCheckConstraint.validate(constraint, model, instance)
                verdicts.append(True)
            except ValidationError as exc:
                assert exc.messages == [constraint.get_violation_error_message()]
                verdicts.append(False)
        assert verdicts[0] == verdicts[1], dict(zip(names, combination, strict=True))


def test_a_refusal_is_the_constraints_message():
    from bouwstenen.models import Bouwsteen

    constraint = next(
        c
        for c in Bouwsteen._meta.constraints
        if c.name == "bouwstenen_bouwsteen_valid_soort"
    )
    with pytest.raises(ValidationError) as refused:
        constraint.validate(Bouwsteen, Bouwsteen(soort="ongeldig"))
    assert refused.value.messages == ["Ongeldige soort."]
    constraint.validate(Bouwsteen, Bouwsteen(soort="werkwijze"))


def test_an_excluded_field_is_not_judged():
    from bouwstenen.models import Bouwsteen

    constraint = next(
        c
        for c in Bouwsteen._meta.constraints
        if c.name == "bouwstenen_bouwsteen_valid_soort"
    )
    constraint.validate(Bouwsteen, Bouwsteen(soort="ongeldig"), exclude={"soort"})
