"""The organisations list can be searched and narrowed; an organisation's page shows
what it reports, and its neighbours: comparable organisations, what they use that it
does not, and who uses the same blocks ('gluren bij de buren')."""

import re

import pytest

from django.urls import reverse
from django.utils import timezone

from bouwstenen.constants import HergebruikStadium, HergebruikStatus
from registry.models import Organisatie
from tests.pages.conftest import make_block, reuse

pytestmark = pytest.mark.django_db
LIST = reverse("catalogus:organisaties")


def org(code):
    return Organisatie.objects.get(code=code)


@pytest.fixture
def utrecht_region():
    """Three gemeenten in Utrecht and one in Noord-Holland, with blocks and reuse."""
    utrecht, amersfoort, zeist = org("GM0344"), org("GM0307"), org("GM0355")
    amsterdam = org("GM0363")
    dashboard = make_block(naam="Jeugdzorgdashboard", organisatie=amsterdam)
    monitor = make_block(naam="Energiemonitor", organisatie=org("PV26"))
    kaart = make_block(naam="Hittestresskaart", organisatie=amsterdam)
    reuse(dashboard, utrecht, HergebruikStadium.IN_GEBRUIK)
    reuse(dashboard, amersfoort, HergebruikStadium.PILOT)
    reuse(monitor, amersfoort, HergebruikStadium.IN_GEBRUIK)
    reuse(kaart, zeist, HergebruikStadium.INTERESSE)  # interest: not "in use"
    reuse(
        monitor,
        zeist,
        HergebruikStadium.PILOT,
        status=HergebruikStatus.GEMELD,
        gemeld_namens=amersfoort,
        gemeld_op=timezone.now(),
    )
    return {
        "utrecht": utrecht,
        "amersfoort": amersfoort,
        "zeist": zeist,
        "amsterdam": amsterdam,
        "dashboard": dashboard,
        "monitor": monitor,
        "kaart": kaart,
    }


def names_listed(html: str) -> list[str]:
    return re.findall(r'<a class="utrecht-link" href="/organisaties/(\w+)">', html)


def test_the_list_shows_who_takes_part_and_tells_same_names_apart(
    client, utrecht_region
):
    html = client.get(LIST).content.decode()
    listed = names_listed(html)
    assert {"GM0344", "GM0307", "GM0355", "GM0363", "PV26"} <= set(listed)
    assert "GM0599" not in listed  # Rotterdam neither publishes nor reuses
    # Utrecht the gemeente and Utrecht the province: the soort says which is which.
    assert 'Utrecht <span class="org-table__soort">(gemeente)</span>' in html
    assert 'Utrecht <span class="org-table__soort">(provincie)</span>' in html
    assert "Amersfoort <span" not in html  # a unique name needs no soort


def test_the_list_filters_by_name_soort_and_province(client, utrecht_region):
    assert names_listed(client.get(LIST, {"q": "amers"}).content.decode()) == ["GM0307"]
    assert names_listed(client.get(LIST, {"q": "gm0363"}).content.decode()) == [
        "GM0363"
    ]
    in_utrecht = names_listed(client.get(LIST, {"provincie": "PV26"}).content.decode())
    assert set(in_utrecht) == {"GM0344", "GM0307", "GM0355", "PV26"}
    gemeenten = names_listed(
        client.get(LIST, {"provincie": "PV26", "soort": "gemeente"}).content.decode()
    )
    assert set(gemeenten) == {"GM0344", "GM0307", "GM0355"}


def test_all_organisations_on_request_and_a_clear_empty_result(client, utrecht_region):
    html = client.get(LIST, {"q": "rotterdam"}).content.decode()
    assert names_listed(html) == []
    assert "Geen organisaties gevonden met deze keuzes." in html
    assert "Ook organisaties die nog niets publiceren of hergebruiken" in html
    html = client.get(LIST, {"q": "rotterdam", "alle": "1"}).content.decode()
    assert names_listed(html) == ["GM0599"]


def test_a_bad_choice_is_said_not_a_500(client, utrecht_region):
    response = client.get(LIST, {"soort": "planeet", "provincie": "PV99"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert names_listed(html) == []


def section(html: str, heading_id: str) -> str:
    match = re.search(rf'id="{heading_id}".*?</section>', html, re.DOTALL)
    assert match, heading_id
    return match.group(0)


def test_an_organisation_page_shows_the_neighbours(client, utrecht_region):
    html = client.get(
        reverse("catalogus:organisatie", args=["GM0344"])
    ).content.decode()

    alike = section(html, "zoals-u-titel")
    assert "Zoals deze organisatie: gemeente in Utrecht" in alike
    assert "Amersfoort" in alike and "publiceert 0, hergebruikt 2" in alike
    assert "Zeist" in alike  # interest only still counts as taking part
    assert "Amsterdam" not in alike  # another province

    theirs = section(html, "bij-buren-titel")
    assert "Energiemonitor" in theirs  # Amersfoort uses it, Utrecht not yet
    assert "in gebruik bij 1 vergelijkbare organisatie" in theirs
    assert "Jeugdzorgdashboard" not in theirs  # Utrecht uses it already
    assert "Hittestresskaart" not in theirs  # Zeist only showed interest

    same = section(html, "zelfde-titel")
    assert "Amersfoort" in same and "1 dezelfde bouwsteen" in same


def test_reported_use_is_shown_apart_and_not_counted(client, utrecht_region):
    html = client.get(
        reverse("catalogus:organisatie", args=["GM0355"])
    ).content.decode()
    reported = section(html, "gemeld-titel")
    assert "Energiemonitor" in reported
    assert "gemeld door Amersfoort" in reported
    assert "Hergebruikt 1 bouwsteen" in html  # the interest, not the report
