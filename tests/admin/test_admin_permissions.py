"""The admin permission matrix: every role against every admin view of building blocks.

Organisation A is Amsterdam, B is Utrecht. A member of B must never see or change A's
records, directly, by URL or by tampering with a form.
"""

import pytest

from django.urls import reverse

from bouwstenen.models import Bouwsteen, BouwsteenConcept
from registry.constants import Publicatiestatus
from tests.admin.helpers import form_data

ROLES = [
    "anoniem",
    "zonder_lidmaatschap",
    "redacteur_a",
    "publicist_a",
    "lid_b",
    "beheerder",
]
LOGIN = "login"  # a redirect to the admin login page


def _url(name, *args):
    return reverse(f"admin:bouwstenen_bouwsteen_{name}", args=args)


# name: (method, url(world), data(world) or None, expected per role in ROLES order)
MATRIX = {
    "changelist": ("get", lambda w: _url("changelist"), None, [LOGIN, LOGIN, 200, 200, 200, 200]),
    "add form": ("get", lambda w: _url("add"), None, [LOGIN, LOGIN, 200, 200, 200, 200]),
    "change form A (concept)": (
        "get", lambda w: _url("change", w.draft_a.pk), None, [LOGIN, LOGIN, 200, 200, 404, 200],
    ),
    "change form B (concept)": (
        "get", lambda w: _url("change", w.draft_b.pk), None, [LOGIN, LOGIN, 404, 404, 200, 200],
    ),
    "save A (concept)": (
        "post",
        lambda w: _url("change", w.draft_a.pk),
        lambda w: form_data(w.draft_a, naam="Nieuwe naam"),
        [LOGIN, LOGIN, 302, 302, 404, 302],
    ),
    "save A (ter beoordeling)": (
        "post",
        lambda w: _url("change", w.review_a.pk),
        lambda w: form_data(w.review_a, naam="Nieuwe naam"),
        [LOGIN, LOGIN, 403, 302, 404, 302],
    ),
    # Every member may change a published block: the change goes into its concept.
    "save A (gepubliceerd)": (
        "post",
        lambda w: _url("change", w.published_a.pk),
        lambda w: form_data(w.published_a, naam="Nieuwe naam"),
        [LOGIN, LOGIN, 302, 302, 404, 302],
    ),
    "save A (gearchiveerd)": (
        "post",
        lambda w: _url("change", w.archived_a.pk),
        lambda w: form_data(w.archived_a, naam="Nieuwe naam"),
        [LOGIN, LOGIN, 403, 403, 404, 403],
    ),
    "delete form A (concept)": (
        "get", lambda w: _url("delete", w.draft_a.pk), None, [LOGIN, LOGIN, 200, 200, 404, 200],
    ),
    "delete A (gepubliceerd)": (
        "post",
        lambda w: _url("delete", w.published_a.pk),
        lambda w: {"post": "yes"},
        [LOGIN, LOGIN, 403, 403, 404, 403],
    ),
    "history A": (
        "get", lambda w: _url("history", w.draft_a.pk), None, [LOGIN, LOGIN, 200, 200, 404, 200],
    ),
    "workflow page A": (
        "get",
        lambda w: _url("workflow", w.draft_a.pk, "indienen"),
        None,
        [LOGIN, LOGIN, 200, 200, 404, 200],
    ),
    "preview of the public page A": (
        "get",
        lambda w: _url("voorbeeld", w.draft_a.pk),
        None,
        [LOGIN, LOGIN, 200, 200, 404, 200],
    ),
    "publish A": (
        "post",
        lambda w: _url("workflow", w.review_a.pk, "publiceren"),
        lambda w: {},
        # The redacteur is redirected back with a refusal; the state check is below.
        [LOGIN, LOGIN, 302, 302, 404, 302],
    ),
    "markdown preview": (
        "post",
        lambda w: _url("markdown_preview"),
        lambda w: {"beschrijving": "**x**"},
        [LOGIN, LOGIN, 200, 200, 200, 200],
    ),
    "bestaat dit al": (
        "get",
        lambda w: _url("bestaat_dit_al") + "?naam=dashboard",
        None,
        [LOGIN, LOGIN, 200, 200, 200, 200],
    ),
    "import publiccode form": (
        "get", lambda w: _url("import_publiccode"), None, [LOGIN, LOGIN, 200, 200, 200, 200],
    ),
    "reuse list": (
        "get",
        lambda w: reverse("admin:bouwstenen_hergebruik_changelist"),
        None,
        [LOGIN, LOGIN, 200, 200, 200, 200],
    ),
    "reuse add form": (
        "get",
        lambda w: reverse("admin:bouwstenen_hergebruik_add"),
        None,
        [LOGIN, LOGIN, 200, 200, 200, 200],
    ),
    "recover deleted reuse": (
        "get",
        lambda w: reverse("admin:bouwstenen_hergebruik_recoverlist"),
        None,
        [LOGIN, LOGIN, 403, 403, 403, 200],
    ),
    "recover deleted": ("get", lambda w: _url("recoverlist"), None, [LOGIN, LOGIN, 403, 403, 403, 200]),
    "organisation autocomplete": (
        "get",
        lambda w: reverse("admin:autocomplete")
        + "?app_label=bouwstenen&model_name=bouwsteen&field_name=organisatie&term=",
        None,
        [LOGIN, LOGIN, 200, 200, 200, 200],
    ),
}  # fmt: skip

CASES = [
    pytest.param(name, role, expected, id=f"{name} | {role}")
    for name, (_, _, _, row) in MATRIX.items()
    for role, expected in zip(ROLES, row, strict=True)
]


def _stored(world, name: str, allowed: bool) -> None:
    """What a save left in the database: a status code alone proves nothing."""
    block = {
        "save A (concept)": world.draft_a,
        "save A (ter beoordeling)": world.review_a,
        "save A (gepubliceerd)": world.published_a,
        "save A (gearchiveerd)": world.archived_a,
    }.get(name)
    if block is None:
        return
    before = block.naam
    block.refresh_from_db()
    concept = BouwsteenConcept.objects.filter(bouwsteen=block).first()
    if not allowed:
        assert block.naam == before
        assert concept is None
    elif block.publicatiestatus == Publicatiestatus.GEPUBLICEERD:
        # The published version stays as it was; the change waits in the concept.
        assert block.naam == before
        assert concept.inhoud["velden"]["naam"] == "Nieuwe naam"
    else:
        assert block.naam == "Nieuwe naam"
        assert concept is None


@pytest.mark.parametrize(("name", "role", "expected"), CASES)
def test_admin_matrix(client, world, name, role, expected):
    method, url, data, _ = MATRIX[name]
    if role != "anoniem":
        client.force_login(world.users[role])
    response = getattr(client, method)(url(world), data(world) if data else None)
    if expected == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))
    else:
        assert response.status_code == expected, response.content[:500]
    _stored(world, name, allowed=expected == 302 and role != "anoniem")


def test_changelist_shows_only_own_organisations_records(client, world):
    client.force_login(world.users["lid_b"])
    content = client.get(_url("changelist")).content.decode()
    assert "Concept B" in content
    for name in ("Concept A", "Beoordeling A", "Gepubliceerd A", "Archief A"):
        assert name not in content
    client.force_login(world.users["redacteur_a"])
    content = client.get(_url("changelist")).content.decode()
    assert "Concept A" in content and "Gepubliceerd A" in content
    assert "Concept B" not in content


def test_a_member_of_b_cannot_change_a_by_url(client, world):
    client.force_login(world.users["lid_b"])
    client.post(
        _url("change", world.draft_a.pk), form_data(world.draft_a, naam="Gekaapt")
    )
    world.draft_a.refresh_from_db()
    assert world.draft_a.naam == "Concept A"


def test_tampering_with_the_organisation_field_is_refused(client, world):
    client.force_login(world.users["redacteur_a"])
    # The owner is not a field of the change form: only a transfer moves a block.
    content = client.get(_url("change", world.draft_a.pk)).content.decode()
    assert 'name="organisatie"' not in content
    response = client.post(
        _url("change", world.draft_a.pk),
        form_data(world.draft_a, organisatie=world.org_b.pk, naam="Nog steeds van A"),
    )
    assert response.status_code == 302
    world.draft_a.refresh_from_db()
    assert world.draft_a.organisatie == world.org_a
    assert world.draft_a.naam == "Nog steeds van A"

    response = client.post(
        _url("add"), form_data(world.draft_b, slug="nieuw-b", versie="")
    )
    assert response.status_code == 200
    assert not Bouwsteen.objects.filter(slug="nieuw-b").exists()


def test_the_organisation_autocomplete_offers_only_own_organisations(client, world):
    client.force_login(world.users["redacteur_a"])
    url = reverse("admin:autocomplete")
    params = "?app_label=bouwstenen&model_name=bouwsteen&field_name=organisatie&term="
    names = {r["text"] for r in client.get(url + params).json()["results"]}
    assert names == {"Amsterdam"}
    assert client.get(url + params + "Utrecht").json()["results"] == []
    client.force_login(world.users["beheerder"])
    assert len(client.get(url + params + "Utrecht").json()["results"]) >= 2


def test_reference_autocompletes_offer_all_themas_to_members(client, world):
    client.force_login(world.users["lid_b"])
    url = reverse("admin:autocomplete")
    params = "?app_label=bouwstenen&model_name=bouwsteen&field_name=themas&term=jeugd"
    assert [r["text"] for r in client.get(url + params).json()["results"]] == [
        "Jeugdzorg"
    ]


def test_bulk_actions_only_touch_own_records(client, world):
    client.force_login(world.users["publicist_a"])
    response = client.post(
        _url("changelist"),
        {
            "action": "archiveren_selected",
            "_selected_action": [world.published_a.pk, world.draft_b.pk],
        },
        follow=True,
    )
    assert "1 bouwsteen gearchiveerd" in response.content.decode()
    world.published_a.refresh_from_db()
    world.draft_b.refresh_from_db()
    assert world.published_a.publicatiestatus == Publicatiestatus.GEARCHIVEERD
    assert world.draft_b.publicatiestatus == Publicatiestatus.CONCEPT


def test_bulk_delete_is_not_offered(client, world):
    client.force_login(world.users["beheerder"])
    content = client.get(_url("changelist")).content.decode()
    assert 'value="delete_selected"' not in content
    assert 'value="publiceren_selected"' in content


def test_a_member_of_b_cannot_read_or_restore_a_history(client, world):
    from reversion.models import Version

    from bouwstenen.services import record_history

    record_history(world.draft_a, world.users["redacteur_a"], "Aangemaakt")
    version = Version.objects.get_for_object(world.draft_a).first()
    client.force_login(world.users["lid_b"])
    assert client.get(_url("history", world.draft_a.pk)).status_code == 404
    assert (
        client.post(_url("revision", world.draft_a.pk, version.pk)).status_code == 404
    )


def test_a_user_without_membership_cannot_log_in(client, world):
    response = client.post(
        reverse("admin:login"),
        {"username": "zonder_lidmaatschap", "password": "wachtwoord-voor-tests"},
    )
    assert response.status_code == 200
    assert "nog geen lid van een organisatie" in response.content.decode()
    response = client.post(
        reverse("admin:login"),
        {"username": "redacteur_a", "password": "wachtwoord-voor-tests"},
    )
    assert response.status_code == 302


def test_a_redacteur_adds_a_block_for_their_organisation(client, world):
    client.force_login(world.users["redacteur_a"])
    response = client.post(
        _url("add"), form_data(world.draft_a, slug="nieuw-a", naam="Nieuw A", versie="")
    )
    assert response.status_code == 302
    created = Bouwsteen.objects.get(slug="nieuw-a")
    assert (created.organisatie, created.versie) == (world.org_a, 1)
    assert created.publicatiestatus == Publicatiestatus.CONCEPT


C, T, P, A = "concept", "ter-beoordeling", "gepubliceerd", "gearchiveerd"
# action: (object, extra POST data, resulting status per role in ROLES order)
ACTIONS = {
    "indienen_selected": ("draft_a", {}, [C, C, T, T, C, T]),
    "publiceren_selected": ("review_a", {}, [T, T, T, P, T, P]),
    "terugsturen_selected": (
        "review_a",
        {"reden": "Graag aanvullen."},
        [T, T, T, C, T, C],
    ),
    "archiveren_selected": ("published_a", {}, [P, P, P, A, P, A]),
    "herstellen_selected": ("archived_a", {}, [A, A, A, P, A, P]),
}
ACTION_CASES = [
    pytest.param(action, role, expected, id=f"{action} | {role}")
    for action, (_, _, row) in ACTIONS.items()
    for role, expected in zip(ROLES, row, strict=True)
]


@pytest.mark.parametrize(("action", "role", "expected"), ACTION_CASES)
def test_bulk_action_matrix(client, world, action, role, expected):
    target_name, extra, _ = ACTIONS[action]
    target = getattr(world, target_name)
    if role != "anoniem":
        client.force_login(world.users[role])
    client.post(
        _url("changelist"), {"action": action, "_selected_action": [target.pk], **extra}
    )
    target.refresh_from_db()
    assert target.publicatiestatus == expected


# Admin URLs whose rules are proven elsewhere, with the test that does it.
COVERED_ELSEWHERE = {
    "bouwstenen_bouwsteen_revision": "test_history.py::test_restoring_needs_the_right_to_edit",
    "bouwstenen_bouwsteen_recover": "recover deleted (recover_view checks the same rule)",
    "bouwstenen_hergebruik_recover": "recover deleted reuse (same rule)",
    "bouwstenen_hergebruik_change": "test_reuse_admin.py::test_a_member_of_b_records_reuse_of_as_published_block",
    "bouwstenen_hergebruik_history": "same get_object scoping as the change view",
    "bouwstenen_hergebruik_revision": "same get_object scoping as the change view",
    "bouwstenen_hergebruik_delete": "HergebruikAdmin.has_delete_permission = own organisation",
    "bouwstenen_bouwsteen_actueel": "tests/write_paths/test_maintenance_rules.py",
}
MATRIX_URL_NAMES = {
    "bouwstenen_bouwsteen_changelist", "bouwstenen_bouwsteen_add", "bouwstenen_bouwsteen_change",
    "bouwstenen_bouwsteen_delete", "bouwstenen_bouwsteen_history", "bouwstenen_bouwsteen_workflow",
    "bouwstenen_bouwsteen_recoverlist", "bouwstenen_bouwsteen_markdown_preview",
    "bouwstenen_bouwsteen_voorbeeld",
    "bouwstenen_bouwsteen_bestaat_dit_al", "bouwstenen_bouwsteen_import_publiccode",
    "bouwstenen_hergebruik_changelist", "bouwstenen_hergebruik_add",
    "bouwstenen_hergebruik_recoverlist",
}  # fmt: skip


def test_every_admin_url_of_the_building_blocks_has_a_rule_under_test():
    """A new admin view without a row in the matrix (or a named test) fails here."""
    from django.contrib import admin

    from bouwstenen.models import Hergebruik

    names = {
        url.name
        for model in (Bouwsteen, Hergebruik)
        for url in admin.site._registry[model].get_urls()
        if url.name
    }
    assert names <= MATRIX_URL_NAMES | set(COVERED_ELSEWHERE), (
        names - MATRIX_URL_NAMES - set(COVERED_ELSEWHERE)
    )
