import factory

from django.contrib.auth import get_user_model
from django.utils import timezone
from rest_framework.authtoken.models import Token

from bouwstenen.constants import Levensfase, Soort
from bouwstenen.models import Bouwsteen
from registry.constants import OrganisatieSoort, Publicatiestatus, Rol
from registry.models import Lidmaatschap, Organisatie


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
