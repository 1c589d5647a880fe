"""The published condition is in the statement's text, so that PostgreSQL can plan a
list once for all values (a generic plan over the partial indexes) instead of on every
request (core.expressions.Inline, docs/performance.md)."""

import re

import pytest

from django.contrib.auth.models import AnonymousUser
from django.db import connection

from bouwstenen.models import Bouwsteen
from bouwstenen.visibility import bouwstenen_visible_to
from core.expressions import Inline
from tests.factories import BouwsteenFactory

pytestmark = pytest.mark.django_db


def test_a_constant_is_written_into_the_sql():
    sql, params = Bouwsteen.objects.filter(
        soort=Inline("werkwijze")
    ).query.sql_with_params()
    assert "'werkwijze'" in sql
    assert "werkwijze" not in params


@pytest.mark.parametrize("value", ["x' OR '1'='1", "a\\", "Hoofdletter", "", "één"])
def test_only_a_plain_constant_can_be_inlined(value):
    with pytest.raises(ValueError, match="eenvoudige constante"):
        Inline(value)


@pytest.mark.parametrize(
    "queryset",
    [
        lambda: Bouwsteen.objects.published(),
        lambda: bouwstenen_visible_to(AnonymousUser()),
    ],
    ids=["published", "visible-to-anonymous"],
)
def test_published_is_in_the_text_not_a_parameter(queryset):
    sql, params = queryset().query.sql_with_params()
    assert "= ('gepubliceerd')" in sql
    assert "gepubliceerd" not in params


def test_inlined_status_finds_the_same_blocks(cast):
    shown = BouwsteenFactory(
        organisatie=cast.amsterdam, naam="Zichtbaar", gepubliceerd=True
    )
    BouwsteenFactory(organisatie=cast.amsterdam, naam="Concept")
    assert list(Bouwsteen.objects.published()) == [shown]
    assert list(bouwstenen_visible_to(AnonymousUser())) == [shown]


@pytest.mark.postgresql
@pytest.mark.parametrize(
    "filters",
    [{}, {"soort": "werkwijze", "levensfase": "productie"}, {"levensfase": "pilot"}],
)
def test_the_generic_plan_reads_a_partial_index(filters):
    """The plan PostgreSQL makes once for every value of a prepared list statement uses
    a partial index on published blocks; with the status as a parameter it could not
    (the index's condition might not hold) and was a scan of three whole indexes."""
    sql, params = (
        bouwstenen_visible_to(AnonymousUser())
        .filter(**filters)
        .order_by("naam", "pk")
        .values_list("pk")[:20]
        .query.sql_with_params()
    )
    numbered = iter(range(1, len(params) + 1))
    prepared = re.sub(r"%s", lambda _: f"${next(numbered)}", sql)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL plan_cache_mode = force_generic_plan")
        # The question is which index the plan can use at all, not which one a table of
        # a handful of rows makes cheapest: without a scan of the table, and without a
        # walk along the name index that filters as it goes, only an index that holds
        # the status (or the partial ones, which imply it) remains.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"PREPARE lijst_generiek AS {prepared}")
        try:
            # EXECUTE takes its values in its text (a utility statement has no
            # parameters); the plan is made without them all the same.
            arguments = ", ".join(["%s"] * len(params))
            execute = (
                f"EXPLAIN EXECUTE lijst_generiek({arguments})"
                if params
                else ("EXPLAIN EXECUTE lijst_generiek")
            )
            cursor.execute(connection.ops.compose_sql(execute, params))
            plan = "\n".join(row[0] for row in cursor.fetchall())
        finally:
            cursor.execute("DEALLOCATE lijst_generiek")
    # Which of the partial indexes on published blocks depends on the table's size.
    assert re.search(r"(using|on) bouwsteen_pub_\w+_idx", plan), plan
