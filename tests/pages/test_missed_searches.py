"""What people search for and do not find: the search page counts a search that found
nothing in the whole catalogue, per day and without anything about who asked, and only
beheerders see the counts in the admin (issue 18)."""

from datetime import timedelta

import pytest

from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from bouwstenen.models import GemisteZoekvraag
from bouwstenen.services import zoekvraag_zonder_resultaat
from tests.factories import LidmaatschapFactory, TokenFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("catalogus:zoeken")
ADMIN = reverse("admin:bouwstenen_gemistezoekvraag_changelist")


@pytest.fixture(autouse=True)
def _catalogue(demo_catalogue):
    pass


def counts() -> dict[str, int]:
    return dict(GemisteZoekvraag.objects.values_list("zoekvraag", "aantal"))


def test_a_search_that_finds_nothing_is_counted_per_day(client):
    client.get(URL, {"q": "Xylofoonmuziek  bibliotheek"})
    client.get(URL, {"q": "xylofoonmuziek bibliotheek"})
    client.get(URL, {"q": "Zwembad onderhoudsplanning"})
    assert counts() == {
        "xylofoonmuziek bibliotheek": 2,
        "zwembad onderhoudsplanning": 1,
    }
    assert set(GemisteZoekvraag.objects.values_list("dag", flat=True)) == {
        timezone.localdate()
    }


def test_nothing_about_who_searched_is_kept(client):
    user = UserFactory(username="zoeker")
    client.force_login(user)
    client.get(URL, {"q": "xylofoonmuziek"}, REMOTE_ADDR="192.0.2.7")
    row = GemisteZoekvraag.objects.get()
    stored = {field.name for field in GemisteZoekvraag._meta.concrete_fields}
    assert stored == {"id", "dag", "zoekvraag", "aantal"}
    assert "zoeker" not in str(row.__dict__) and "192.0.2.7" not in str(row.__dict__)


@pytest.mark.parametrize(
    "params",
    [
        {"q": "jeugdzorg"},  # found
        {"q": "jeugzorg"},  # found, corrected
        {"q": "jeugdzorg", "levensfase": "uitgefaseerd"},  # the filter found nothing
        {"q": "  "},
        {},
    ],
)
def test_searches_that_find_something_or_are_filtered_are_not_counted(client, params):
    client.get(URL, params)
    assert counts() == {}


def test_counts_are_kept_twelve_months():
    today = timezone.localdate()
    old = GemisteZoekvraag.objects.create(
        dag=today - timedelta(days=366), zoekvraag="oud", aantal=3
    )
    kept = GemisteZoekvraag.objects.create(
        dag=today - timedelta(days=300), zoekvraag="recent", aantal=1
    )
    zoekvraag_zonder_resultaat(q="nieuw")
    assert not GemisteZoekvraag.objects.filter(pk=old.pk).exists()
    assert GemisteZoekvraag.objects.filter(pk=kept.pk).exists()


def test_only_beheerders_see_the_counts(client):
    zoekvraag_zonder_resultaat(q="xylofoonmuziek")
    beheerder = UserFactory(username="beheerder", is_superuser=True, is_staff=True)
    client.force_login(beheerder)
    response = client.get(ADMIN)
    assert response.status_code == 200
    assert "xylofoonmuziek" in response.content.decode()
    add = reverse("admin:bouwstenen_gemistezoekvraag_add")
    assert client.get(add).status_code == 403

    redacteur = LidmaatschapFactory(gebruiker__username="redacteur").gebruiker
    client.force_login(redacteur)
    assert client.get(ADMIN).status_code == 403


API = "/api/v1/bouwstenen"


def test_an_api_search_that_finds_nothing_is_counted_like_the_page(client):
    response = client.get(API, {"q": "Xylofoonmuziek"})
    assert response.status_code == 200 and response.json()["count"] == 0
    client.get(URL, {"q": "xylofoonmuziek"})
    assert counts() == {"xylofoonmuziek": 2}


@pytest.mark.parametrize(
    "params",
    [
        {"q": "jeugdzorg"},  # found
        {"q": "jeugzorg"},  # found, corrected
        {"q": "jeugdzorg", "levensfase": "uitgefaseerd"},  # the filter found nothing
        {"q": "xylofoonmuziek", "thema": "jeugdzorg"},  # filtered
        {"levensfase": "uitgefaseerd"},  # no words
    ],
)
def test_api_searches_that_find_something_or_are_filtered_are_not_counted(
    client, params
):
    assert client.get(API, params).status_code == 200
    assert counts() == {}


def test_a_members_api_search_is_not_counted():
    member = LidmaatschapFactory().gebruiker
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {TokenFactory(user=member).key}")
    assert api.get(API, {"q": "xylofoonmuziek"}).status_code == 200
    assert counts() == {}
