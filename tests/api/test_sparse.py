"""Sparse fieldsets (``fields=``): on the stored path (anonymous readers) and the
serialized path (members) alike, in the same queries, with an ETag per selection."""

import pytest

from bouwstenen.api import velden
from bouwstenen.api.serializers import BouwsteenDetailSerializer, BouwsteenSerializer
from tests.api.helpers import assert_problem, invalid_names
from tests.api.test_queries import fill
from tests.api.test_weergave import LIST, PUBLIC, queries

pytestmark = pytest.mark.django_db

ASKED = "naam,samenvatting,organisatie"
SHOWN = ["url", "uuid", "naam", "samenvatting", "organisatie"]


def _readable(serializer) -> tuple:
    return tuple(n for n, f in serializer.fields.items() if not f.write_only)


def test_the_selectable_names_are_what_the_serializers_show():
    assert _readable(BouwsteenSerializer()) == velden.ITEM
    assert _readable(BouwsteenDetailSerializer()) == velden.DETAIL


def test_a_list_answers_only_the_selected_fields_stored_and_serialized(
    anonymous, client_for, cast
):
    fill(cast, 6)
    stored = anonymous.get(f"{LIST}?fields={ASKED}")
    serialized = client_for("beheerder").get(f"{LIST}?fields={ASKED}&{PUBLIC}")
    assert stored.status_code == serialized.status_code == 200
    items = stored.json()["results"]
    assert len(items) == 6
    assert all(list(item) == SHOWN for item in items)
    assert stored.json()["results"] == serialized.json()["results"]
    # Without fields: every field, as before (v1 does not break).
    full = anonymous.get(LIST).json()["results"]
    assert list(full[0]) == list(velden.ITEM)
    assert [{k: item[k] for k in SHOWN} for item in full] == items
    # The weak ETag of the list differs per selection.
    assert anonymous.get(LIST)["ETag"] != stored["ETag"]


def test_a_detail_answers_the_selection_with_its_own_etag(anonymous, client_for, cast):
    block = fill(cast, 2)[0]
    url = f"{LIST}/{block.uuid}"
    full = anonymous.get(url)
    stored = anonymous.get(f"{url}?fields=naam,relaties")
    serialized = client_for("beheerder").get(f"{url}?fields=naam,relaties")
    assert list(stored.json()) == ["url", "uuid", "naam", "relaties"]
    assert stored.json() == serialized.json()
    assert stored["ETag"] == serialized["ETag"] != full["ETag"]
    other = anonymous.get(f"{url}?fields=samenvatting")
    assert other["ETag"] not in (stored["ETag"], full["ETag"])
    # Each selection is revalidated against its own tag.
    again = anonymous.get(
        f"{url}?fields=naam,relaties", HTTP_IF_NONE_MATCH=stored["ETag"]
    )
    assert again.status_code == 304
    assert anonymous.get(url, HTTP_IF_NONE_MATCH=stored["ETag"]).status_code == 200
    assert (
        client_for("beheerder")
        .get(f"{url}?fields=naam,relaties", HTTP_IF_NONE_MATCH=stored["ETag"])
        .status_code
        == 304
    )


def test_the_stored_path_costs_the_same_queries_with_fields(anonymous, cast):
    blocks = fill(cast, 30)
    _response, plain = queries(anonymous, f"{LIST}?pageSize=30&fields={ASKED}")
    assert plain == 1
    response, detail = queries(anonymous, f"{LIST}/{blocks[0].uuid}?fields=naam")
    assert response.status_code == 200
    assert detail == 1


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("", "naam,onbekend"),
        ("", "naam, samenvatting"),
        ("", ""),
        ("", "naam,"),
        # Only the detail shows the opschalingscheck.
        ("", "opschalingscheck"),
        ("/{uuid}", "onbekend"),
    ],
)
def test_an_unknown_field_is_a_400_that_names_the_parameter(
    anonymous, cast, path, value
):
    block = fill(cast, 2)[0]
    response = anonymous.get(LIST + path.format(uuid=block.uuid), {"fields": value})
    assert_problem(response, 400)
    assert invalid_names(response) == {"fields"}


def test_fields_only_once(anonymous, cast):
    fill(cast, 2)
    response = anonymous.get(f"{LIST}?fields=naam&fields=slug")
    assert_problem(response, 400, "invalid")
    assert invalid_names(response) == {"fields"}
