"""The published condition and the enumerations' values are in the statement's text,
so that PostgreSQL can plan a list once for all other values (a generic plan over the
partial indexes) instead of on every request, and plans each value of an enumeration
for that value (core.expressions.Inline, docs/performance.md)."""

import enum
import re

import pytest

from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction

from bouwstenen.filters import BouwsteenFilter
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


@pytest.mark.parametrize(
    "value", ["x' OR '1'='1", "a\\", "50%", "Hoofdletter", "", "één", None, 3]
)
def test_only_a_plain_constant_can_be_inlined(value):
    with pytest.raises(ValueError, match="eenvoudige constante"):
        Inline(value)


class _Kleur(str, enum.Enum):  # noqa: UP042 - str() of it is not its value
    ROOD = "rood"


def test_an_enumeration_is_written_as_its_value():
    # str() of a plain str enum is "_Kleur.ROOD": the value is what goes into the SQL.
    sql, _params = Bouwsteen.objects.filter(
        soort=Inline(_Kleur.ROOD)
    ).query.sql_with_params()
    assert "'rood'" in sql and "ROOD" not in sql


def test_the_filter_set_writes_chosen_values_into_the_sql(cast):
    werkwijze = BouwsteenFactory(
        organisatie=cast.amsterdam,
        naam="Werkwijze",
        soort="werkwijze",
        gepubliceerd=True,
    )
    BouwsteenFactory(organisatie=cast.amsterdam, naam="Data", gepubliceerd=True)
    chosen = BouwsteenFilter(
        {"soort": "werkwijze,use-case", "levensfase": werkwijze.levensfase},
        queryset=Bouwsteen.objects.published(),
    )
    sql, params = chosen.qs.query.sql_with_params()
    assert {"'werkwijze'", "'use-case'", f"'{werkwijze.levensfase}'"} <= set(
        re.findall(r"'[a-z-]+'", sql)
    )
    assert not {"werkwijze", "use-case", werkwijze.levensfase} & set(params)
    assert list(chosen.qs) == [werkwijze]


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
    assert "= 'gepubliceerd'" in sql
    assert "gepubliceerd" not in params


def test_inlined_status_finds_the_same_blocks(cast):
    shown = BouwsteenFactory(
        organisatie=cast.amsterdam, naam="Zichtbaar", gepubliceerd=True
    )
    BouwsteenFactory(organisatie=cast.amsterdam, naam="Concept")
    assert list(Bouwsteen.objects.published()) == [shown]
    assert list(bouwstenen_visible_to(AnonymousUser())) == [shown]


# Indexes that answer a filter on the status or on soort and levensfase, or the list's
# order, without holding the status in their condition. Dropped for the plan below (in a
# savepoint, so only inside that test): which index wins among several candidates
# depends on a table's statistics; whether a partial one can serve at all does not.
_WITHOUT_CONDITION = """
    SELECT index_class.relname FROM pg_index
    JOIN pg_class index_class ON index_class.oid = pg_index.indexrelid
    WHERE pg_index.indrelid = 'bouwstenen_bouwsteen'::regclass
      AND pg_index.indpred IS NULL
      AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = pg_index.indexrelid)
"""


@pytest.mark.postgresql
@pytest.mark.parametrize(
    "filters",
    [{}, {"soort": "werkwijze", "levensfase": "productie"}, {"levensfase": "pilot"}],
)
def test_the_generic_plan_reads_a_partial_index(filters):
    """The plan PostgreSQL makes once for every value of a prepared list statement can
    use a partial index on published blocks; with the status as a parameter it could
    not (the index's condition might not hold) and was a scan of three whole indexes."""
    sql, params = (
        bouwstenen_visible_to(AnonymousUser())
        .filter(**filters)
        .order_by("naam", "pk")
        .values_list("pk")[:20]
        .query.sql_with_params()
    )
    numbered = iter(range(1, len(params) + 1))
    prepared = re.sub(r"%s", lambda _: f"${next(numbered)}", sql)
    # EXECUTE takes its values in its text (a utility statement has no parameters);
    # the plan is made without them all the same.
    arguments = f"({', '.join(['%s'] * len(params))})" if params else ""
    execute = connection.ops.compose_sql(
        f"EXPLAIN EXECUTE lijst_generiek{arguments}", params
    )
    made = False
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(_WITHOUT_CONDITION)
            for (name,) in cursor.fetchall():
                cursor.execute(f'DROP INDEX "{name}"')
            cursor.execute("SET LOCAL plan_cache_mode = force_generic_plan")
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"PREPARE lijst_generiek AS {prepared}")
            made = True
            cursor.execute(execute)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            transaction.set_rollback(True)
    finally:
        # A prepared statement outlives the rollback of the savepoint.
        if made:
            with connection.cursor() as cursor:
                cursor.execute("DEALLOCATE lijst_generiek")
    assert re.search(r"(using|on) bouwsteen_pub_\w+_idx", plan), plan
