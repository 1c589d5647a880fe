"""What ranks first: the words in a block's name, then in its summary; a block found only
through its description or context comes after those, in name order. The same on both
databases (PostgreSQL ranks on the small ``vector_kort``, SQLite's bm25 weighs the same
columns)."""

import pytest

from django.db import connection

from bouwstenen import search
from bouwstenen.models import Bouwsteen, Zoekdocument
from tests.factories import BouwsteenFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def blocks():
    organisatie = OrganisatieFactory()
    made = {
        "beschrijving": BouwsteenFactory(
            organisatie=organisatie,
            naam="Aardrijkskundige kaartlaag",
            samenvatting="Een kaart van de regio.",
            beschrijving="Peilbuizen, peilbuizen en nog eens peilbuizen: "
            "alle peilbuizen van de provincie.",
            gepubliceerd=True,
        ),
        "naam": BouwsteenFactory(
            organisatie=organisatie,
            naam="Peilbuizen dashboard",
            samenvatting="Grondwaterstanden per week.",
            gepubliceerd=True,
        ),
        "samenvatting": BouwsteenFactory(
            organisatie=organisatie,
            naam="Grondwatermonitor",
            samenvatting="Metingen uit peilbuizen in het hele land.",
            gepubliceerd=True,
        ),
        "ook-beschrijving": BouwsteenFactory(
            organisatie=organisatie,
            naam="Bodemdata",
            samenvatting="Bodemgegevens.",
            beschrijving="Gekoppeld aan peilbuizen.",
            gepubliceerd=True,
        ),
    }
    search.reindex()
    return made


def test_name_then_summary_then_the_rest_in_name_order(blocks):
    ranked = search.search(Bouwsteen.objects.published(), "peilbuizen").order_by(
        "-zoekscore", "naam"
    )
    assert list(ranked.values_list("naam", flat=True)) == [
        "Peilbuizen dashboard",
        "Grondwatermonitor",
        # Many mentions in the description do not lift a block above a name or summary.
        "Aardrijkskundige kaartlaag",
        "Bodemdata",
    ]


@pytest.mark.postgresql
def test_reindex_keeps_the_short_vector_of_name_and_summary(blocks):
    document = Zoekdocument.objects.get(bouwsteen=blocks["naam"])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT vector_kort::text, vector::text FROM bouwstenen_zoekdocument "
            "WHERE bouwsteen_id = %s",
            [document.pk],
        )
        kort, vol = cursor.fetchone()
    assert "'peilbuiz':1A" in kort and "'grondwaterstand':3B" in kort
    # The context (organisation, soort: weight D, which PostgreSQL prints without a
    # letter) is in the full vector only.
    assert "'datatoepass'" in vol and "datatoepass" not in kort
