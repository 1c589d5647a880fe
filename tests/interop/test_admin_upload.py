"""The admin page to import a publiccode.yml: own organisations only, a report per file."""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bouwstenen.models import Bouwsteen
from registry.constants import Rol
from registry.models import Lidmaatschap, Organisatie
from tests.factories import UserFactory
from tests.interop.conftest import DATA, own_file

URL = "admin:bouwstenen_bouwsteen_import_publiccode"


@pytest.fixture
def editor(db, client):
    user = UserFactory(username="redacteur-utrecht", is_staff=True)
    Lidmaatschap.objects.create(
        gebruiker=user,
        organisatie=Organisatie.objects.get(code="GM0344"),
        rol=Rol.REDACTEUR,
    )
    client.force_login(user)
    return user


def test_the_form_offers_only_the_users_own_organisations(editor, client):
    response = client.get(reverse(URL))
    assert response.status_code == 200
    choices = list(response.context["form"].fields["organisatie"].queryset)
    assert [o.code for o in choices] == ["GM0344"]
    changelist = client.get(reverse("admin:bouwstenen_bouwsteen_changelist"))
    assert reverse(URL).encode() in changelist.content


def test_an_upload_shows_the_report_and_creates_a_draft(editor, client):
    upload = SimpleUploadedFile(
        "publiccode.yml", own_file("volledig-nl.yml").read_bytes()
    )
    organisatie = Organisatie.objects.get(code="GM0344")
    response = client.post(
        reverse(URL), {"bestand": upload, "organisatie": organisatie.pk}
    )
    assert response.status_code == 200
    report = response.context["report"]
    assert report.uitkomst == "geimporteerd"
    block = Bouwsteen.objects.get(naam="Wachttijdenmonitor Wmo-voorzieningen")
    assert block.publicatiestatus == "concept"
    assert reverse("admin:bouwstenen_bouwsteen_change", args=[block.pk]).encode() in (
        response.content
    )
    assert b"Bestaat-niet-component" in response.content  # a warning
    # What is stored: Utrecht's draft, with what usedBy says as reports that count for
    # nothing until the three named gemeenten confirm.
    assert block.organisatie == organisatie
    assert block.inhoud_gewijzigd_door == editor
    assert sorted(block.hergebruik.values_list("organisatie__code", "status")) == [
        ("GM0518", "gemeld"),
        ("GM0796", "gemeld"),
        ("GM1900", "gemeld"),
    ]


def test_a_dry_run_stores_nothing_and_says_so(editor, client):
    upload = SimpleUploadedFile(
        "publiccode.yml", own_file("volledig-nl.yml").read_bytes()
    )
    organisatie = Organisatie.objects.get(code="GM0344")
    response = client.post(
        reverse(URL), {"bestand": upload, "organisatie": organisatie.pk, "proef": "on"}
    )
    content = response.content.decode()
    assert response.context["report"].uitkomst == "geimporteerd"
    assert "Proefimport: er is niets opgeslagen." in content
    assert "Wachttijdenmonitor Wmo-voorzieningen" in content
    # No link to a block: none was made.
    verslag = content.split("Verslag")[1].split("<form")[0]
    assert "/admin/bouwstenen/bouwsteen/" not in verslag
    assert not Bouwsteen.objects.exists()


def test_a_refused_file_shows_the_reasons(editor, client):
    upload = SimpleUploadedFile("bom.yml", own_file("yaml-bom.yml").read_bytes())
    organisatie = Organisatie.objects.get(code="GM0344")
    response = client.post(
        reverse(URL), {"bestand": upload, "organisatie": organisatie.pk}
    )
    assert response.context["report"].uitkomst == "geweigerd"
    assert "YAML-bom" in response.content.decode()
    assert not Bouwsteen.objects.exists()


def test_another_organisation_cannot_be_chosen(editor, client):
    upload = SimpleUploadedFile("p.yml", (DATA / "MinBZK__amt.yml").read_bytes())
    other = Organisatie.objects.get(code="GM0363")
    response = client.post(reverse(URL), {"bestand": upload, "organisatie": other.pk})
    assert response.context["form"].errors["organisatie"]
    assert not Bouwsteen.objects.exists()


def test_a_file_or_a_url_but_not_both(editor, client):
    organisatie = Organisatie.objects.get(code="GM0344")
    response = client.post(reverse(URL), {"organisatie": organisatie.pk})
    assert "Kies een bestand" in response.content.decode()


def test_non_members_may_not(db, client):
    client.force_login(UserFactory(username="buitenstaander", is_staff=True))
    response = client.get(reverse(URL))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
