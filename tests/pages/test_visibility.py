"""Drafts, blocks under review and archived blocks never appear on a public page, in a
feed or in the sitemap; not even to a logged-in member of the owning organisation."""

import pytest

from django.urls import reverse

from bouwstenen.models import Relatie
from registry.models import Organisatie
from tests.pages.conftest import reuse

pytestmark = pytest.mark.django_db

HIDDEN = ("Geheimconcept", "Geheimbeoordeling", "Geheimarchief")


def public_urls(blocks, owner):
    shown = blocks["gepubliceerd"]
    component = shown.referentiecomponenten.get()
    return [
        reverse("catalogus:home"),
        reverse("catalogus:zoeken"),
        reverse("catalogus:zoeken") + "?q=geheimconcept",
        reverse("catalogus:zoeken") + "?q=dashboard&sort=-gepubliceerdOp",
        reverse("catalogus:zoeken") + f"?organisatie={owner.code}",
        reverse("catalogus:zoeken") + "?thema=jeugdzorg&sort=-hergebruik",
        # The API's own filter on the workflow status cannot open the drafts up either.
        reverse("catalogus:zoeken")
        + "?publicatiestatus=concept&publicatiestatus=gearchiveerd",
        reverse("catalogus:bouwsteen", args=[shown.slug]),
        reverse("catalogus:organisaties"),
        reverse("catalogus:organisatie", args=[owner.code]),
        reverse("catalogus:themas"),
        reverse("catalogus:thema", args=["jeugdzorg"]),
        reverse("catalogus:referentiecomponenten"),
        reverse("catalogus:referentiecomponent", args=[component.gemma_id]),
        reverse("catalogus:feed-nieuw"),
        reverse("catalogus:feed-gewijzigd"),
        reverse("catalogus:thema-feed-nieuw", args=["jeugdzorg"]),
        reverse("catalogus:thema-feed-gewijzigd", args=["jeugdzorg"]),
        reverse("catalogus:organisatie-feed-nieuw", args=[owner.code]),
        reverse("catalogus:organisatie-feed-gewijzigd", args=[owner.code]),
        reverse("catalogus:sitemap"),
    ]


@pytest.mark.parametrize("as_member", [False, True], ids=["anoniem", "lid-eigenaar"])
def test_only_published_blocks_anywhere(client, blocks, owner, member_of, as_member):
    # Relations and reuse that point at hidden blocks must not leak them either.
    other = Organisatie.objects.get(code="GM0344")
    shown = blocks["gepubliceerd"]
    for hidden in ("concept", "gearchiveerd"):
        Relatie.objects.create(van=shown, type="gebruikt", naar=blocks[hidden])
        Relatie.objects.create(van=blocks[hidden], type="gebaseerd-op", naar=shown)
        reuse(blocks[hidden], other, ervaring="Geheimervaring met een verborgen blok")
    if as_member:
        client.force_login(member_of(owner))

    for url in public_urls(blocks, owner):
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        for word in (*HIDDEN, "Geheimervaring"):
            assert word not in content, f"{word} op {url}"
        for block in blocks.values():
            if block is not shown:
                assert block.slug not in content, url


@pytest.mark.parametrize("status", ["concept", "ter-beoordeling", "gearchiveerd"])
def test_hidden_block_has_no_page(client, blocks, owner, member_of, status):
    client.force_login(member_of(owner))
    block = blocks[status]
    assert (
        client.get(reverse("catalogus:bouwsteen", args=[block.slug])).status_code == 404
    )
    response = client.get(reverse("catalogus:hergebruik", args=[block.slug]))
    assert response.status_code == 404


def test_counts_count_published_blocks_only(client, blocks, owner):
    response = client.get(reverse("catalogus:organisaties"))
    row = next(o for o in response.context["organisaties"] if o.pk == owner.pk)
    assert row.gepubliceerd == 1
    thema = next(t for t in client.get("/").context["themas"] if t.slug == "jeugdzorg")
    assert thema.aantal == 1
