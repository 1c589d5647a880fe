"""Completeness in the admin: the meter on the change form, the refusal of an incomplete
block on every admin path (the button, the bulk action), and the preview of the public
page for the owner's members only."""

from django.urls import reverse

from bouwstenen import services
from registry.constants import Publicatiestatus as S
from tests.factories import BouwsteenFactory

MISSING_LINK = "Geef minstens één link: repository, documentatie, demo of website."


def _change(obj):
    return reverse("admin:bouwstenen_bouwsteen_change", args=[obj.pk])


def _workflow(obj, actie):
    return reverse("admin:bouwstenen_bouwsteen_workflow", args=[obj.pk, actie])


def _preview(obj):
    return reverse("admin:bouwstenen_bouwsteen_voorbeeld", args=[obj.pk])


def _bare(world):
    """A draft of A with only what the model itself asks: 5 of 11 parts."""
    return BouwsteenFactory(organisatie=world.org_a, naam="Kaal concept", slug="kaal")


def test_the_change_form_shows_how_far_the_block_is_and_links_what_is_missing(
    client, world
):
    client.force_login(world.users["redacteur_a"])
    content = client.get(_change(_bare(world))).content.decode()
    assert "5 van 11 onderdelen ingevuld voor publicatie" in content
    assert '<meter min="0" max="11" value="5"' in content
    for code, target in [
        ("beschrijving", "id_beschrijving"),
        ("themas", "id_themas"),
        ("lagen", "id_lagen"),
        ("contact", "id_contact_naam"),
        ("link", "id_repository_url"),
        ("opschalingscheck", "opschalingsantwoorden-group"),
    ]:
        assert f'<li data-onderdeel="{code}"><a href="#{target}">' in content
    assert MISSING_LINK in content
    # The complete draft of the world: all parts, nothing listed.
    content = client.get(_change(world.draft_a)).content.decode()
    assert "11 van 11 onderdelen ingevuld voor publicatie" in content
    assert "data-onderdeel=" not in content


def test_offering_an_incomplete_block_lists_what_is_missing_and_refuses(client, world):
    bare = _bare(world)
    client.force_login(world.users["redacteur_a"])
    # The button is there; its page says what is missing instead of asking to confirm.
    assert 'data-workflow="indienen"' in client.get(_change(bare)).content.decode()
    page = client.get(_workflow(bare, "indienen")).content.decode()
    assert "Nog niet klaar om ter beoordeling aan te bieden." in page
    assert "5 van 11 onderdelen ingevuld voor publicatie" in page
    assert MISSING_LINK in page
    assert f'href="{_change(bare)}#id_repository_url"' in page
    assert 'name="_bevestig"' not in page
    # A POST anyway (an old tab): the service refuses, and says exactly what.
    response = client.post(_workflow(bare, "indienen"), follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert messages[0].startswith(
        "Nog niet klaar om ter beoordeling aan te bieden: 5 van 11 onderdelen "
        "ingevuld voor publicatie. Nog nodig: beschrijving, thema, Common Ground-laag, "
        "contactpunt, link, opschalingscheck."
    )
    assert f"Links: {MISSING_LINK}" in messages
    assert any(m.startswith("Opschalingscheck: ") for m in messages)
    bare.refresh_from_db()
    assert bare.publicatiestatus == S.CONCEPT


def test_the_bulk_action_refuses_the_incomplete_and_offers_the_complete(client, world):
    bare = _bare(world)
    client.force_login(world.users["redacteur_a"])
    response = client.post(
        reverse("admin:bouwstenen_bouwsteen_changelist"),
        {
            "action": "indienen_selected",
            "_selected_action": [bare.pk, world.draft_a.pk],
        },
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert "1 bouwsteen ter beoordeling aangeboden." in messages
    assert any(
        "Kaal concept: Nog niet klaar om ter beoordeling aan te bieden" in m
        for m in messages
    )
    bare.refresh_from_db()
    world.draft_a.refresh_from_db()
    assert (bare.publicatiestatus, world.draft_a.publicatiestatus) == (
        S.CONCEPT,
        S.TER_BEOORDELING,
    )


# --- the preview of the public page ---------------------------------------------------


def test_the_owners_editor_previews_the_draft_as_readers_will_see_it(client, world):
    client.force_login(world.users["redacteur_a"])
    assert 'id="voorbeeld-link"' in client.get(_change(world.draft_a)).content.decode()
    response = client.get(_preview(world.draft_a))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Voorbeeld — nog niet gepubliceerd" in content
    assert '<meta name="robots" content="noindex, nofollow">' in content
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"]
    assert "Concept A" in content
    assert "Zicht op de instroom in de jeugdzorg." in content
    # The public page itself does not exist yet.
    public = reverse("catalogus:bouwsteen", args=[world.draft_a.slug])
    assert client.get(public).status_code == 404


def test_the_preview_of_a_published_block_shows_its_concept(client, world):
    published = world.published_a
    services.bouwsteen_update(
        bouwsteen=published,
        user=world.users["redacteur_a"],
        values={"samenvatting": "Nieuwe samenvatting die nog niemand ziet."},
    )
    client.force_login(world.users["redacteur_a"])
    content = client.get(_preview(published)).content.decode()
    assert "Nieuwe samenvatting die nog niemand ziet." in content
    public = client.get(reverse("catalogus:bouwsteen", args=[published.slug]))
    assert "Nieuwe samenvatting" not in public.content.decode()


def test_only_the_owners_members_see_the_preview(client, world):
    url = _preview(world.draft_a)
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
    client.force_login(world.users["lid_b"])
    assert client.get(url).status_code == 404
    client.force_login(world.users["zonder_lidmaatschap"])
    assert client.get(url).status_code in (302, 403, 404)
    assert "Concept A" not in client.get(url).content.decode()
