import factory

from django.contrib.auth import get_user_model
from django.utils import timezone
from rest_framework.authtoken.models import Token

from bouwstenen.completeness import LINK_FIELDS
from bouwstenen.constants import Antwoord, Levensfase, Soort, Voorwaarde
from bouwstenen.models import Bouwsteen, Opschalingsantwoord
from registry.constants import OrganisatieSoort, Publicatiestatus, Rol
from registry.models import Laag, Lidmaatschap, Organisatie, Thema


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@gemeente.example")
    password = factory.django.Password("wachtwoord-voor-tests")


class OrganisatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisatie
        django_get_or_create = ["code"]

    soort = OrganisatieSoort.SAMENWERKINGSVERBAND
    code = factory.Sequence(lambda n: f"SV{n:04d}")
    naam = factory.Sequence(lambda n: f"Samenwerkingsverband {n}")
    slug = factory.Sequence(lambda n: f"samenwerkingsverband-{n}")


class LidmaatschapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lidmaatschap

    gebruiker = factory.SubFactory(UserFactory)
    organisatie = factory.SubFactory(OrganisatieFactory)
    rol = Rol.REDACTEUR


class BouwsteenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bouwsteen

    naam = factory.Sequence(lambda n: f"Bouwsteen {n}")
    slug = factory.Sequence(lambda n: f"bouwsteen-{n}")
    soort = Soort.DATATOEPASSING
    samenvatting = "Een herbruikbare bouwsteen voor gemeenten."
    organisatie = factory.SubFactory(OrganisatieFactory)
    levensfase = Levensfase.PILOT
    licentie = "EUPL-1.2"

    class Params:
        gepubliceerd = factory.Trait(
            publicatiestatus=Publicatiestatus.GEPUBLICEERD,
            gepubliceerd_op=factory.LazyFunction(timezone.now),
        )


class TokenFactory(factory.django.DjangoModelFactory):
    """An API token; its key is generated when saved."""

    class Meta:
        model = Token

    user = factory.SubFactory(UserFactory)


def public_parts(bouwsteen: Bouwsteen) -> Bouwsteen:
    """Fill in what a public page needs (``Bouwsteen.publication_problems``): enough to
    be published by an import or the demo, not yet to go through review."""
    bouwsteen.beschrijving = (
        bouwsteen.beschrijving
        or "## Wat het doet\n\nZicht op de instroom in de jeugdzorg."
    )
    bouwsteen.contact_naam = bouwsteen.contact_naam or "Team Data"
    bouwsteen.contact_email = bouwsteen.contact_email or "data@amsterdam.example"
    bouwsteen.save()
    if not bouwsteen.themas.exists():
        bouwsteen.themas.set([Thema.objects.get(slug="jeugdzorg")])
    if not bouwsteen.lagen.exists():
        bouwsteen.lagen.set([Laag.objects.get(slug="data")])
    return bouwsteen


def complete(bouwsteen: Bouwsteen, antwoord: str = Antwoord.NVT) -> Bouwsteen:
    """Fill in every part the completeness rule asks before review and publication
    (bouwstenen.completeness): the public parts, a link and an answer to every
    precondition of the opschalingscheck ("n.v.t." by default, which leaves the score
    empty as before)."""
    public_parts(bouwsteen)
    if not any(getattr(bouwsteen, name) for name in LINK_FIELDS):
        bouwsteen.repository_url = f"https://github.com/voorbeeld/{bouwsteen.slug}"
        bouwsteen.save()
    answered = set(bouwsteen.opschalingsantwoorden.values_list("voorwaarde", flat=True))
    for code in Voorwaarde.values:
        if code not in answered:
            # One by one, not in bulk: the signals keep the stored representations
            # (bouwstenen.weergave) current.
            Opschalingsantwoord.objects.create(
                bouwsteen=bouwsteen, voorwaarde=code, antwoord=antwoord
            )
    return bouwsteen
