"""Every ``url`` in a representation is exactly what Django's ``reverse`` gives, also now
that it is reversed once per view and filled in per object."""

import uuid
from types import SimpleNamespace

import pytest

from django.test import RequestFactory
from django.urls import reverse
from rest_framework.request import Request

from core.api.fields import IdentityUrlField
from registry.models import Organisatie
from tests.factories import BouwsteenFactory

pytestmark = pytest.mark.django_db


def test_list_urls_match_reverse(anonymous, cast):
    BouwsteenFactory.create_batch(3, organisatie=cast.amsterdam, gepubliceerd=True)
    BouwsteenFactory(organisatie=cast.utrecht, gepubliceerd=True)
    items = anonymous.get("/api/v1/bouwstenen").json()["results"]
    assert len(items) == 4
    for item in items:
        assert item["url"] == "http://testserver" + reverse(
            "api:bouwsteen-detail", kwargs={"uuid": item["uuid"]}
        )
        organisatie = item["organisatie"]
        assert organisatie["url"] == "http://testserver" + reverse(
            "api:organisatie-detail", kwargs={"code": organisatie["code"]}
        )
        for thema in item["themas"]:
            assert thema["url"] == "http://testserver" + reverse(
                "api:thema-detail", kwargs={"slug": thema["slug"]}
            )
        for component in item["referentiecomponenten"]:
            assert component["url"] == "http://testserver" + reverse(
                "api:referentiecomponent-detail",
                kwargs={"gemmaId": component["gemmaId"]},
            )


def test_organisation_urls_match_reverse_for_every_real_organisation(anonymous):
    page, seen = anonymous.get("/api/v1/organisaties", {"pageSize": 100}).json(), 0
    while True:
        for item in page["results"]:
            assert item["url"] == "http://testserver" + reverse(
                "api:organisatie-detail", kwargs={"code": item["code"]}
            )
            seen += 1
        if "next" not in page:
            break
        page = anonymous.get(page["next"]).json()
    assert seen == Organisatie.objects.count() > 300


@pytest.mark.parametrize(
    ("view_name", "lookup_field", "kwarg", "key"),
    [
        ("api:organisatie-detail", "code", "code", "GM0363"),
        ("api:thema-detail", "slug", "slug", "dienstverlening-en-participatie"),
        ("api:bouwsteen-detail", "uuid", "uuid", uuid.uuid4()),
        ("api:referentiecomponent-detail", "gemma_id", "gemmaId", uuid.uuid4()),
    ],
)
def test_every_view_is_reversed_once_and_filled_in_per_object(
    view_name, lookup_field, kwarg, key, monkeypatch
):
    field = IdentityUrlField(view_name=view_name, lookup_field=lookup_field)
    field.lookup_url_kwarg = kwarg
    request = Request(RequestFactory().get("/"))
    expected = request.build_absolute_uri(reverse(view_name, kwargs={kwarg: key}))
    obj = SimpleNamespace(pk=1, **{lookup_field: key})
    assert field.get_url(obj, view_name, request, None) == expected

    def no_more_reversing(*args, **kwargs):
        raise AssertionError("reversed again")

    monkeypatch.setattr(field, "reverse", no_more_reversing)
    assert field.get_url(obj, view_name, request, None) == expected
