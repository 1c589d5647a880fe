import pytest
from reversion.models import Revision

from bouwstenen import search
from bouwstenen.constants import HergebruikStadium
from bouwstenen.demo_catalogue import load_demo_catalogue
from bouwstenen.models import Bouwsteen, Hergebruik, Zoekwoord
from registry.constants import Publicatiestatus, Rol
from registry.models import Laag, Referentiecomponent, Thema
from tests.factories import (
    BouwsteenFactory,
    LidmaatschapFactory,
    OrganisatieFactory,
    UserFactory,
)


@pytest.fixture(scope="module")
def demo_catalogue(django_db_setup, django_db_blocker):
    """The Dutch demo catalogue, loaded once for a module of read-only page tests."""
    with django_db_blocker.unblock():
        load_demo_catalogue()
        yield
        Bouwsteen.objects.all().delete()
        Zoekwoord.objects.all().delete()  # the blocks go without the search backend
        Revision.objects.all().delete()


def make_block(*, naam, status=Publicatiestatus.GEPUBLICEERD, **kwargs):
    """A block with a thema, a layer and a GEMMA component, indexed for search."""
    published = status == Publicatiestatus.GEPUBLICEERD
    bouwsteen = BouwsteenFactory(
        naam=naam,
        publicatiestatus=status,
        gepubliceerd=published,
        beschrijving=kwargs.pop("beschrijving", f"Beschrijving van {naam}."),
        **kwargs,
    )
    bouwsteen.themas.set([Thema.objects.get(slug="jeugdzorg")])
    bouwsteen.lagen.set([Laag.objects.get(slug="data")])
    bouwsteen.referentiecomponenten.set(
        [Referentiecomponent.objects.order_by("naam").first()]
    )
    search.reindex([bouwsteen.pk])
    return bouwsteen


@pytest.fixture
def owner():
    return OrganisatieFactory(code="GM9901", naam="Gemeente Eigenaarstad")


@pytest.fixture
def blocks(owner):
    """One published, one draft, one under review and one archived block of one owner."""
    return {
        "gepubliceerd": make_block(naam="Zichtbaar dashboard", organisatie=owner),
        "concept": make_block(
            naam="Geheimconcept wachttijden",
            organisatie=owner,
            status=Publicatiestatus.CONCEPT,
        ),
        "ter-beoordeling": make_block(
            naam="Geheimbeoordeling monitor",
            organisatie=owner,
            status=Publicatiestatus.TER_BEOORDELING,
        ),
        "gearchiveerd": make_block(
            naam="Geheimarchief rapportage",
            organisatie=owner,
            status=Publicatiestatus.GEARCHIVEERD,
        ),
    }


@pytest.fixture
def member_of():
    def make(organisatie, rol=Rol.REDACTEUR, username=None):
        user = UserFactory(username=username or f"lid-{organisatie.code.lower()}")
        LidmaatschapFactory(gebruiker=user, organisatie=organisatie, rol=rol)
        return user

    return make


def reuse(bouwsteen, organisatie, stadium=HergebruikStadium.IN_GEBRUIK, **values):
    return Hergebruik.objects.create(
        bouwsteen=bouwsteen, organisatie=organisatie, stadium=stadium, **values
    )
