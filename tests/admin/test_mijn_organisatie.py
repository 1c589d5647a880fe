""" "Mijn organisatie", the admin's start page for a member: per organisation their
drafts, what waits for review, what was sent back and why, reported reuse, open
transfers, broken links and blocks left alone for a year; only their own, in a fixed
number of queries."""

from datetime import timedelta

import pytest

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bouwstenen import services, weergave
from bouwstenen.constants import HergebruikStatus
from bouwstenen.models import (
    Bouwsteen,
    BouwsteenConcept,
    Hergebruik,
    Linkcontrole,
    Overdracht,
)
from registry import permissions
from registry.constants import Publicatiestatus, Rol
from registry.models import Lidmaatschap
from tests.admin.conftest import complete
from tests.factories import BouwsteenFactory, OrganisatieFactory, UserFactory

INDEX = "/admin/"
SECTIES = [
    "concepten",
    "ter-beoordeling",
    "teruggestuurd",
    "hergebruik",
    "overdrachten",
    "links",
    "ongewijzigd",
]


def overview(response, organisatie) -> dict[str, list[str]]:
    """The link texts per section of ``organisatie``'s overview on the page."""
    [found] = [
        o for o in response.context["overzichten"] if o.organisatie == organisatie
    ]
    return {s.slug: [item.link for item in s.items] for s in found.secties}


def published(organisatie, **values):
    return BouwsteenFactory(organisatie=organisatie, gepubliceerd=True, **values)


def make_stale(*blocks, days=400):
    pks = [b.pk for b in blocks]
    Bouwsteen.objects.filter(pk__in=pks).update(
        gewijzigd_op=timezone.now() - timedelta(days=days)
    )
    weergave.changed(weergave.BLOK, pks)


def break_link(bouwsteen, since):
    Linkcontrole.objects.create(
        bouwsteen=bouwsteen,
        veld="documentatie_url",
        url="https://docs.amsterdam.example/weg",
        werkt=False,
        http_status=404,
        gecontroleerd_op=timezone.now(),
        kapot_sinds=since,
    )


@pytest.fixture
def busy(world):
    """Amsterdam (org A) with something in every section, made the way members make it;
    Utrecht (org B) with its own."""
    users = world.users
    # Sent back by a publicist, with the reason.
    returned = BouwsteenFactory(
        organisatie=world.org_a,
        naam="Teruggestuurd A",
        publicatiestatus=Publicatiestatus.TER_BEOORDELING,
        ingediend_door=users["redacteur_a"],
    )
    services.bouwsteen_transition(
        bouwsteen=returned,
        user=users["publicist_a"],
        actie="terugsturen",
        reden="Voeg de DPIA toe.",
    )
    # Changes to a published block, submitted: waits for review as a concept.
    changed = complete(published(world.org_a, naam="Gewijzigd A"))
    services.bouwsteen_update(
        bouwsteen=changed,
        user=users["redacteur_a"],
        values={"samenvatting": "Nu ook per wijk."},
    )
    services.bouwsteen_transition(
        bouwsteen=Bouwsteen.objects.get(pk=changed.pk),
        user=users["redacteur_a"],
        actie="indienen",
    )
    # Utrecht says Amsterdam uses its block; Amsterdam has not answered yet.
    utrechts = published(world.org_b, naam="Utrechts blok")
    services.hergebruik_report(
        user=users["lid_b"],
        bouwsteen=utrechts,
        organisatie=world.org_a,
        bron="het beheerscherm",
    )
    # Utrecht offers a block to Amsterdam; Amsterdam offers one to Utrecht.
    aangeboden = published(world.org_b, naam="Aangeboden door Utrecht")
    services.overdracht_request(
        user=users["lid_b"], bouwsteen=aangeboden, naar=world.org_a
    )
    services.overdracht_request(
        user=users["publicist_a"], bouwsteen=world.published_a, naar=world.org_b
    )
    kapot = published(world.org_a, naam="Kapotte link A")
    break_link(kapot, timezone.now() - timedelta(days=3))
    oud = published(world.org_a, naam="Oud A")
    make_stale(oud)
    # Utrecht's own, which Amsterdam never sees.
    break_link(published(world.org_b, naam="Kapotte link B"), timezone.now())
    make_stale(published(world.org_b, naam="Oud B"))
    return world


def test_an_editor_sees_each_section_with_its_items(login, busy):
    response = login(busy.users["redacteur_a"]).get(INDEX)
    assert response.status_code == 200
    assert response.context["title"] == "Mijn organisatie"
    found = overview(response, busy.org_a)
    assert found == {
        "concepten": ["Verder werken aan: Concept A"],
        "ter-beoordeling": ["Bekijken: Gewijzigd A", "Bekijken: Beoordeling A"],
        "teruggestuurd": ["Aanpassen: Teruggestuurd A"],
        "hergebruik": ["Bevestigen of afwijzen: hergebruik van Utrechts blok"],
        "overdrachten": [
            "Bekijken: overdracht van Aangeboden door Utrecht (van Utrecht)",
            "Uw verzoek: Gepubliceerd A naar Utrecht",
        ],
        "links": ["Links herstellen: Kapotte link A"],
        "ongewijzigd": ["Bijwerken of bevestigen: Oud A"],
    }
    page = response.content.decode()
    # The reason of the return, the concept of a published block, and since when a
    # link is broken, each next to its item.
    assert "Reden: <q>Voeg de DPIA toe.</q>" in page
    assert "Wijzigingen in de gepubliceerde bouwsteen" in page
    assert "Documentatie: https://docs.amsterdam.example/weg, werkt niet sinds" in page
    # Each item links to what it names.
    returned = Bouwsteen.objects.get(naam="Teruggestuurd A")
    change = reverse("admin:bouwstenen_bouwsteen_change", args=[returned.pk])
    assert f'<a href="{change}">Aanpassen: Teruggestuurd A</a>' in page
    gemeld = Hergebruik.objects.get(organisatie=busy.org_a)
    assert reverse("admin:bouwstenen_hergebruik_change", args=[gemeld.pk]) in page
    for overdracht in Overdracht.objects.all():
        assert (
            reverse("admin:bouwstenen_overdracht_change", args=[overdracht.pk]) in page
        )
    kapot = Bouwsteen.objects.get(naam="Kapotte link A")
    assert (
        reverse("admin:bouwstenen_bouwsteen_change", args=[kapot.pk]) + "#onderhoud"
        in page
    )
    # Counts in the headings.
    assert "Ter beoordeling <span" in page and "(2)</span>" in page


def test_a_publicist_gets_the_actions(login, busy):
    response = login(busy.users["publicist_a"]).get(INDEX)
    found = overview(response, busy.org_a)
    assert found["ter-beoordeling"] == [
        "Beoordelen: Gewijzigd A",
        "Beoordelen: Beoordeling A",
    ]
    assert found["overdrachten"][0] == (
        "Beslissen: overdracht van Aangeboden door Utrecht (van Utrecht)"
    )
    assert "<h3" in response.content.decode()
    assert "Te beoordelen <span" in response.content.decode()


def test_a_member_never_sees_another_organisations_items(login, busy):
    response = login(busy.users["lid_b"]).get(INDEX)
    assert [o.organisatie for o in response.context["overzichten"]] == [busy.org_b]
    found = overview(response, busy.org_b)
    assert found["links"] == ["Links herstellen: Kapotte link B"]
    assert found["ongewijzigd"] == ["Bijwerken of bevestigen: Oud B"]
    assert found["concepten"] == ["Verder werken aan: Concept B"]
    # Utrecht's side of the transfers; Amsterdam's reuse question is not Utrecht's.
    assert found["overdrachten"] == [
        "Uw verzoek: Aangeboden door Utrecht naar Amsterdam",
        "Beslissen: overdracht van Gepubliceerd A (van Amsterdam)",
    ]
    assert found["hergebruik"] == []
    page = response.content.decode()
    for naam in [
        "Concept A",
        "Beoordeling A",
        "Teruggestuurd A",
        "Voeg de DPIA toe.",
        "Gewijzigd A",
        "Kapotte link A",
        "Oud A",
    ]:
        assert naam not in page

    page_a = login(busy.users["redacteur_a"]).get(INDEX).content.decode()
    for naam in ["Concept B", "Kapotte link B", "Oud B"]:
        assert naam not in page_a


def test_every_section_says_when_it_is_empty(login, db):
    user = UserFactory()
    Lidmaatschap.objects.create(
        gebruiker=user,
        organisatie=OrganisatieFactory(naam="Regio Leeg"),
        rol="redacteur",
    )
    response = login(user).get(INDEX)
    page = response.content.decode()
    assert overview(response, response.context["overzichten"][0].organisatie) == {
        slug: [] for slug in SECTIES
    }
    for leeg in [
        "Geen concepten.",
        "Niets ter beoordeling.",
        "Niets teruggestuurd.",
        "Geen gemeld hergebruik om te bevestigen.",
        "Geen open overdrachten.",
        "Alle links werken.",
        "Geen bouwstenen die 12 maanden niet zijn gewijzigd.",
    ]:
        assert leeg in page
    assert page.count("(0)</span>") == len(SECTIES)
    assert "Regio Leeg" in page and "(u bent redacteur)" in page


def test_a_member_of_two_organisations_sees_both(login, world):
    Lidmaatschap.objects.create(
        gebruiker=world.users["redacteur_a"], organisatie=world.org_b, rol=Rol.PUBLICIST
    )
    response = login(world.users["redacteur_a"]).get(INDEX)
    assert [(o.organisatie, o.rol) for o in response.context["overzichten"]] == [
        (world.org_a, Rol.REDACTEUR),
        (world.org_b, Rol.PUBLICIST),
    ]
    assert overview(response, world.org_b)["concepten"] == [
        "Verder werken aan: Concept B"
    ]


def test_a_beheerder_without_membership_sees_the_app_list_as_before(login, world):
    response = login(world.users["beheerder"]).get(INDEX)
    assert "overzichten" not in response.context
    assert response.context["title"] == "Beheer van bouwstenen"
    page = response.content.decode()
    assert "hier publiceren gemeenten" in page
    assert reverse("admin:bouwstenen_bouwsteen_changelist") in page


def test_the_app_list_stays_below_the_sections(login, world):
    page = login(world.users["redacteur_a"]).get(INDEX).content.decode()
    assert page.index("Concepten") < page.index("<summary>Alle onderdelen</summary>")
    assert reverse("admin:bouwstenen_bouwsteen_changelist") in page


def fill(world, n: int) -> None:
    """``n`` items in every section of Amsterdam's overview (and as many of Utrecht's,
    which must not cost Amsterdam anything)."""
    a, b = world.org_a, world.org_b
    lid_a = world.users["redacteur_a"]
    for i in range(n):
        BouwsteenFactory(organisatie=a, naam=f"Vol concept {n}-{i}")
        BouwsteenFactory(
            organisatie=a,
            naam=f"Vol ter beoordeling {n}-{i}",
            publicatiestatus=Publicatiestatus.TER_BEOORDELING,
            ingediend_door=lid_a,
        )
        BouwsteenFactory(
            organisatie=a,
            naam=f"Vol teruggestuurd {n}-{i}",
            beoordeling_opmerking="Nee.",
        )
        BouwsteenConcept.objects.create(
            bouwsteen=published(a, naam=f"Vol werkversie {n}-{i}"),
            inhoud={},
            publicatiestatus=Publicatiestatus.TER_BEOORDELING,
            ingediend_door=lid_a,
        )
        Hergebruik.objects.create(
            bouwsteen=published(b, naam=f"Vol van Utrecht {n}-{i}"),
            organisatie=a,
            status=HergebruikStatus.GEMELD,
            gemeld_namens=b,
            gemeld_op=timezone.now(),
        )
        Overdracht.objects.create(
            bouwsteen=published(a, naam=f"Vol overdracht {n}-{i}"),
            van=a,
            naar=b,
            aangevraagd_namens=b if i % 2 else a,
        )
        break_link(published(a, naam=f"Vol kapot {n}-{i}"), timezone.now())
        make_stale(published(a, naam=f"Vol oud {n}-{i}"))
        BouwsteenFactory(organisatie=b, naam=f"Vol concept B {n}-{i}")
    weergave.changed(weergave.BLOK, Bouwsteen.objects.values_list("pk", flat=True))


# The session and the user, the memberships (once, cached on the user for the request),
# the organisations, the blocks in the workflow, reported reuse, transfers, broken links
# (two: the blocks, their links), unchanged blocks, Django's permissions of the auth
# models (two) and its recent actions. Not more with more items.
INDEX_QUERIES = 13


@pytest.mark.parametrize("n", [2, 20])
def test_the_start_page_costs_the_same_queries_for_2_and_20_items(
    login, world, n, django_assert_max_num_queries
):
    fill(world, n)
    client = login(world.users["publicist_a"])
    with django_assert_max_num_queries(INDEX_QUERIES):
        response = client.get(INDEX)
    found = overview(response, world.org_a)
    # Every section holds n items (the world's own come on top in some).
    assert {slug: len(links) >= n for slug, links in found.items()} == dict.fromkeys(
        SECTIES, True
    )
    assert len(found["links"]) == n
    # A box lists ten; the heading counts all, and the rest is a link to the list.
    page = response.content.decode()
    shown = page.count("Links herstellen: Vol kapot")
    assert shown == min(n, 10)
    assert (
        f'Links die niet werken <span class="mijn-organisatie__aantal">({n})</span>'
        in page
    )
    if n > 10:
        assert f"En nog {n - 10}. <a href" in page
        assert "Al het gemelde hergebruik in de lijst" in page
    else:
        assert "En nog" not in page


def test_the_query_count_does_not_grow_with_items(login, world):
    client = login(world.users["publicist_a"])
    counts = []
    for n in [2, 18]:  # 2, then 20 in each section
        fill(world, n)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(INDEX).status_code == 200
        counts.append([q["sql"] for q in queries])
    assert len(counts[0]) == len(counts[1]), counts


def test_memberships_are_read_once_per_request(login, world, monkeypatch):
    """Every model's rights on the index ask ``is_member``; without the memberships
    cached on the user it was a query each time (about forty on this page)."""
    client = login(world.users["redacteur_a"])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(INDEX).status_code == 200
        return len(queries)

    cached = count()

    def uncached(user):
        if not (user and user.is_authenticated and user.is_active):
            return False
        return user.is_superuser or user.lidmaatschappen.exists()

    monkeypatch.setattr(permissions, "is_member", uncached)
    without_cache = count()
    assert cached <= INDEX_QUERIES
    assert without_cache - cached >= 20, (cached, without_cache)


def test_is_member_follows_the_memberships(db):
    user = get_user_model().objects.create_user("los")
    assert permissions.is_member(user) is False
    fresh = get_user_model().objects.get(pk=user.pk)
    Lidmaatschap.objects.create(
        gebruiker=fresh, organisatie=OrganisatieFactory(), rol=Rol.REDACTEUR
    )
    assert permissions.is_member(get_user_model().objects.get(pk=user.pk)) is True
