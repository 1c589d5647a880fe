"""The core model refuses what must never be wrong, with clear Dutch messages."""

import pytest

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from bouwstenen.constants import Soort
from bouwstenen.models import Bouwsteen
from bouwstenen.validators import normalise_spdx
from registry.constants import Publicatiestatus
from registry.models import Laag, Lidmaatschap, Organisatie
from tests.factories import BouwsteenFactory, LidmaatschapFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("given", "canonical"),
    [
        ("EUPL-1.2", "EUPL-1.2"),
        ("eupl-1.2", "EUPL-1.2"),
        ("mit", "MIT"),
        ("EUPL-1.2 OR MIT", "EUPL-1.2 OR MIT"),
        ("apache-2.0 and cc-by-4.0", "Apache-2.0 AND CC-BY-4.0"),
        ("AGPL-3.0-or-later", "AGPL-3.0-or-later"),
        ("(MIT OR Apache-2.0) AND CC0-1.0", "(MIT OR Apache-2.0) AND CC0-1.0"),
        # SPDX's "+" (this version or later), also for licences the library has no alias for
        ("EUPL-1.2+", "EUPL-1.2+"),
        ("eupl-1.2+ or mit", "EUPL-1.2+ OR MIT"),
        ("GPL-3.0+", "GPL-3.0-or-later"),
        ("GPL-2.0+ OR EUPL-1.2+", "GPL-2.0-or-later OR EUPL-1.2+"),
    ],
)
def test_valid_spdx_is_normalised(given, canonical):
    assert normalise_spdx(given) == canonical


@pytest.mark.parametrize(
    ("given", "fragment"),
    [
        ("Gemeentelicentie-1.0", "Onbekende SPDX-licentie: Gemeentelicentie-1.0"),
        ("EUPL-1.2 OR Foo", "Onbekende SPDX-licentie: Foo"),
        ("Gemeentelicentie-2+", "Onbekende SPDX-licentie: Gemeentelicentie-2"),
        ("MIT OR", "Geen geldige SPDX-expressie"),
        ("MIT AND (", "Geen geldige SPDX-expressie"),
        ("", "Vul een SPDX-licentie in"),
    ],
)
def test_invalid_spdx_is_refused_with_a_message(given, fragment):
    with pytest.raises(ValidationError) as caught:
        normalise_spdx(given)
    assert fragment in caught.value.messages[0]


def test_a_bouwsteen_with_an_unknown_licence_is_refused():
    bouwsteen = BouwsteenFactory.build(
        organisatie=OrganisatieFactory(), licentie="Open-Gemeente-2"
    )
    with pytest.raises(ValidationError) as caught:
        bouwsteen.full_clean()
    assert "licentie" in caught.value.message_dict
    assert "Onbekende SPDX-licentie" in caught.value.message_dict["licentie"][0]


def test_full_clean_stores_the_canonical_licence():
    bouwsteen = BouwsteenFactory.build(
        organisatie=OrganisatieFactory(), licentie="eupl-1.2 or mit"
    )
    bouwsteen.full_clean()
    assert bouwsteen.licentie == "EUPL-1.2 OR MIT"


def test_a_duplicate_slug_is_refused_by_validation_and_by_the_database():
    first = BouwsteenFactory(slug="wijkprofiel")
    duplicate = BouwsteenFactory.build(
        organisatie=first.organisatie, slug="wijkprofiel"
    )
    with pytest.raises(ValidationError) as caught:
        duplicate.full_clean()
    assert caught.value.message_dict["slug"] == [
        "Deze slug is al in gebruik. Kies een andere."
    ]
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_an_invalid_email_is_refused():
    bouwsteen = BouwsteenFactory.build(
        organisatie=OrganisatieFactory(), contact_email="datalab-at-utrecht"
    )
    with pytest.raises(ValidationError) as caught:
        bouwsteen.full_clean()
    assert "contact_email" in caught.value.message_dict


def test_only_a_datatoepassing_has_a_vorm():
    werkwijze = BouwsteenFactory.build(
        organisatie=OrganisatieFactory(), soort=Soort.WERKWIJZE, vorm="dashboard"
    )
    with pytest.raises(ValidationError) as caught:
        werkwijze.full_clean()
    assert (
        "Alleen een datatoepassing heeft een vorm"
        in caught.value.message_dict["vorm"][0]
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        werkwijze.save()


@pytest.mark.parametrize(
    ("field", "value"),
    [("soort", "app"), ("levensfase", "klaar"), ("publicatiestatus", "openbaar")],
)
def test_the_database_refuses_invalid_choices(field, value):
    bouwsteen = BouwsteenFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Bouwsteen.objects.filter(pk=bouwsteen.pk).update(**{field: value})


def test_a_published_record_has_a_publication_date():
    bouwsteen = BouwsteenFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Bouwsteen.objects.filter(pk=bouwsteen.pk).update(
            publicatiestatus=Publicatiestatus.GEPUBLICEERD, gepubliceerd_op=None
        )


def test_published_returns_only_published_records():
    published = BouwsteenFactory(gepubliceerd=True)
    BouwsteenFactory()
    BouwsteenFactory(publicatiestatus=Publicatiestatus.TER_BEOORDELING)
    BouwsteenFactory(publicatiestatus=Publicatiestatus.GEARCHIVEERD)
    assert list(Bouwsteen.objects.published()) == [published]


def test_organisation_codes_and_oin_are_checked():
    with pytest.raises(ValidationError) as caught:
        Organisatie(
            soort="gemeente", code="GM0363", naam="Amsterdam 2", slug="a2"
        ).full_clean()
    assert caught.value.message_dict["code"] == [
        "Er bestaat al een organisatie met deze code."
    ]
    organisatie = OrganisatieFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisatie.objects.filter(pk=organisatie.pk).update(oin="12345")
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisatie.objects.filter(pk=organisatie.pk).update(soort="bedrijf")


def test_a_user_is_a_member_of_an_organisation_once():
    lidmaatschap = LidmaatschapFactory()
    again = Lidmaatschap(
        gebruiker=lidmaatschap.gebruiker, organisatie=lidmaatschap.organisatie
    )
    with pytest.raises(ValidationError) as caught:
        again.full_clean()
    assert "Deze gebruiker is al lid van deze organisatie." in caught.value.messages


def test_the_five_common_ground_layers_exist_in_order():
    assert list(Laag.objects.values_list("slug", flat=True)) == [
        "interactie",
        "proces",
        "integratie",
        "services",
        "data",
    ]
