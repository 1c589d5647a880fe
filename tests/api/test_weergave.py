"""The stored representations (bouwstenen.weergave): what a reader without a role gets is
read from them, equals what the serializers make, and follows every write.

The autouse check in tests/conftest.py compares every stored row with a fresh rendering
after each test under api, admin, write_paths, interop and pages; the tests here show
the reads that serve them, what they cost, and the writes that reach them in bulk.
"""

import shutil

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bouwstenen import weergave
from bouwstenen.api.weergave import differences
from bouwstenen.models import Bouwsteen, Hergebruik, Relatie, Weergave
from bouwstenen.services import content
from core import door
from registry.models import Organisatie, Thema
from registry.reference_data import DATA_DIR, load_reference_data
from tests.api.test_queries import fill
from tests.factories import BouwsteenFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/bouwstenen"
# The same list for everyone who sees it serialized: a beheerder, asked for what is public.
PUBLIC = "publicatiestatus=gepubliceerd"


def queries(client, path: str, **headers):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, **headers)
    return response, len(captured.captured_queries)


@pytest.mark.parametrize(
    "params",
    [
        "",
        "pageSize=5&page=2",
        "sort=-hergebruik,naam",
        "sort=-opschalingsscore&opschalingsscoreMin=20",
        "thema=armoede-en-schulden&laag=proces&organisatie=GM0363",
        "q=bouwsteen",
        "gewijzigdSinds=2020-01-01T00:00:00Z&sort=-gewijzigdOp",
    ],
)
def test_the_stored_list_equals_the_serialized_one(anonymous, client_for, cast, params):
    fill(cast, 12)
    services_reindex()
    stored = anonymous.get(f"{LIST}?{params}")
    serialized = client_for("beheerder").get(f"{LIST}?{params}&{PUBLIC}")
    assert stored.status_code == serialized.status_code == 200
    assert stored.json()["results"], "the parameters must find something"
    # The links to other pages repeat the request's own parameters.
    links = ("next", "previous")
    assert {k: v for k, v in stored.json().items() if k not in links} == {
        k: v for k, v in serialized.json().items() if k not in links
    }
    assert {k for k in stored.json() if k in links} == {
        k for k in serialized.json() if k in links
    }


def services_reindex():
    from bouwstenen.search import reindex

    reindex()


def test_the_stored_detail_equals_the_serialized_one_with_the_same_etag(
    anonymous, client_for, cast, settings
):
    settings.ALLOWED_HOSTS = ["testserver", "register.example"]
    subject, *others = fill(cast, 4)
    Relatie.objects.create(van=subject, type="gebruikt", naar=others[0])
    Relatie.objects.create(van=others[1], type="gebaseerd-op", naar=subject)
    url = f"{LIST}/{subject.uuid}"
    stored = anonymous.get(url)
    serialized = client_for("beheerder").get(url)
    assert stored.json() == serialized.json()
    assert len(stored.json()["relaties"]) == 2
    # One tag under every host name and for every reader who sees the same thing.
    assert stored["ETag"] == serialized["ETag"]
    assert anonymous.get(url, HTTP_HOST="register.example")["ETag"] == stored["ETag"]
    again = anonymous.get(url, HTTP_IF_NONE_MATCH=stored["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == stored["ETag"]


def test_urls_name_the_host_the_reader_asked(anonymous, cast, settings):
    settings.ALLOWED_HOSTS = ["register.example"]
    block = fill(cast, 2)[0]
    body = anonymous.get(f"{LIST}/{block.uuid}", HTTP_HOST="register.example").json()
    assert body["url"] == f"http://register.example/api/v1/bouwstenen/{block.uuid}"
    assert body["organisatie"]["url"].startswith("http://register.example/api/v1/")
    item = anonymous.get(LIST, HTTP_HOST="register.example").json()["results"][0]
    assert item["url"].startswith("http://register.example/api/v1/bouwstenen/")
    # Indented JSON, when asked, is the same document.
    indented = anonymous.get(
        f"{LIST}/{block.uuid}",
        HTTP_HOST="register.example",
        HTTP_ACCEPT="application/json; indent=2",
    )
    assert b'\n  "url"' in indented.content
    assert indented.json() == body


def test_a_list_and_a_detail_read_the_stored_rows_in_at_most_four_queries(
    anonymous, cast
):
    blocks = fill(cast, 30)  # renders what the set-up wrote (fill flushes)
    _response, plain = queries(anonymous, f"{LIST}?pageSize=30")
    assert plain == 1  # the page with its capped count (core.paging)
    _response, filtered = queries(
        anonymous,
        f"{LIST}?pageSize=30&thema=jeugdzorg,wonen&laag=data&sort=-hergebruik",
    )
    assert filtered <= 4  # and the filters' values, looked up
    response, detail = queries(anonymous, f"{LIST}/{blocks[0].uuid}")
    assert response.status_code == 200
    assert detail == 1


def test_a_member_still_gets_the_serialized_list_with_their_own_drafts(
    client_for, cast, blocks
):
    names = {
        item["naam"] for item in client_for("redacteur").get(LIST).json()["results"]
    }
    assert "Concept A" in names
    anonymous_names = {
        item["naam"] for item in client_for(None).get(LIST).json()["results"]
    }
    assert "Concept A" not in anonymous_names


def test_a_missing_row_is_rendered_when_it_is_first_read(anonymous, cast):
    first, second = fill(cast, 2)
    Weergave.objects.all().delete()
    assert anonymous.get(f"{LIST}/{first.uuid}").json()["naam"] == first.naam
    assert Weergave.objects.filter(bouwsteen=first).exists()
    assert len(anonymous.get(LIST).json()["results"]) == 2
    assert differences() == []


def test_a_confirmed_reuse_and_a_relation_reach_the_stored_rows(anonymous, cast):
    subject, other = fill(cast, 2)
    before = anonymous.get(f"{LIST}/{subject.uuid}").json()
    reuser = Organisatie.objects.get(code="GM0599")
    # Test set-up writes around the services; such a write is rendered at once.
    Hergebruik.objects.create(bouwsteen=subject, organisatie=reuser, stadium="pilot")
    Relatie.objects.create(van=other, type="gebruikt", naar=subject)
    after = anonymous.get(f"{LIST}/{subject.uuid}").json()
    assert after["inPilot"] == before["inPilot"] + 1
    assert after["relaties"][-1]["bouwsteen"]["naam"] == other.naam


def test_a_renamed_neighbour_and_an_unpublished_one_reach_the_related_block(
    anonymous, cast
):
    subject, other = fill(cast, 2)
    Relatie.objects.create(van=subject, type="gebruikt", naar=other)
    other.naam = "Nieuwe naam"
    other.save()
    relaties = anonymous.get(f"{LIST}/{subject.uuid}").json()["relaties"]
    assert [r["bouwsteen"]["naam"] for r in relaties] == ["Nieuwe naam"]
    other.publicatiestatus = "gearchiveerd"
    other.save()
    assert anonymous.get(f"{LIST}/{subject.uuid}").json()["relaties"] == []
    assert not Weergave.objects.filter(bouwsteen=other).exists()
    assert anonymous.get(f"{LIST}/{other.uuid}").status_code == 404


def test_a_draft_that_shows_nowhere_costs_the_stored_rows_one_question(cast):
    """A draft pointed at by a public block is not in that block's stored detail: its
    write asks once whether it shows anywhere, and renders or drops nothing."""
    public, _other = fill(cast, 2)
    draft = BouwsteenFactory(organisatie=cast.amsterdam, naam="Nog een concept")
    Relatie.objects.create(van=public, type="gebruikt", naar=draft)
    weergave.flush()
    rendered = dict(Weergave.objects.values_list("pk", "gerenderd_op"))
    with CaptureQueriesContext(connection) as captured, door.writing():
        draft.naam = "Andere naam"
        draft.save()
    asked = [
        q["sql"]
        for q in captured.captured_queries
        if "bouwstenen_weergave" in q["sql"] or "bouwstenen_relatie" in q["sql"]
    ]
    assert len(asked) == 1, asked
    assert dict(Weergave.objects.values_list("pk", "gerenderd_op")) == rendered


def test_only_the_outermost_write_hands_its_block_to_the_renderer(cast):
    """A block held by a nested write may still change before the rendering: it is read
    again then, so a later change of its thema's in the same transaction shows."""
    block, _other = fill(cast, 2)
    other_thema = Thema.objects.exclude(pk__in=block.themas.all()).first()
    with door.writing():
        with door.writing():
            block.naam = "Vastgehouden"
            block.save()
            weergave.hold(content.with_linked(block))
        # Through another instance, as a later service would: the held one does not
        # see it.
        Bouwsteen.objects.get(pk=block.pk).themas.set([other_thema])
    assert differences([block.pk]) == []
    stored = Weergave.objects.get(bouwsteen=block).detail
    assert other_thema.naam in stored and "Vastgehouden" in stored


def test_renamed_reference_data_reaches_every_block_once(anonymous, cast, tmp_path):
    for block in fill(cast, 6):
        block.themas.add(Thema.objects.get(slug="jeugdzorg"))
    data_dir = tmp_path / "data"
    shutil.copytree(DATA_DIR, data_dir)
    gemeenten = data_dir / "organisations" / "gemeenten.csv"
    gemeenten.write_text(
        gemeenten.read_text(encoding="utf-8").replace(
            "GM0363,Amsterdam,Amsterdam,", "GM0363,Amsterdam,Amsterdam (stad),"
        ),
        encoding="utf-8",
    )
    themas = data_dir / "themas" / "themas.csv"
    themas.write_text(
        themas.read_text(encoding="utf-8").replace(
            "jeugdzorg,Jeugdzorg,", "jeugdzorg,Jeugdhulp,"
        ),
        encoding="utf-8",
    )
    rendered_before = dict(Weergave.objects.values_list("pk", "gerenderd_op"))
    with CaptureQueriesContext(connection) as captured:
        load_reference_data(data_dir)
    renders = [
        q
        for q in captured.captured_queries
        if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))
        and "bouwstenen_weergave" in q["sql"]
    ]
    # All blocks written in one statement (a batch), not one per block or per
    # organisation.
    assert 1 <= len(renders) <= 2
    items = anonymous.get(f"{LIST}?organisatie=GM0363").json()["results"]
    assert items and {i["organisatie"]["naam"] for i in items} == {"Amsterdam (stad)"}
    assert all(
        {"slug": "jeugdzorg", "naam": "Jeugdhulp"}.items()
        <= next(t for t in i["themas"] if t["slug"] == "jeugdzorg").items()
        for i in items
    )
    assert dict(Weergave.objects.values_list("pk", "gerenderd_op")) != rendered_before


def test_the_command_reports_and_repairs_what_differs(cast, capsys):
    first, _second = fill(cast, 2)
    call_command("rebuild_representations", "--check")
    # A write that sends no signal (the door's inventory forbids it in the code).
    Bouwsteen.objects.filter(pk=first.pk).update(naam="Stil gewijzigd")
    with pytest.raises(CommandError, match="1 opgeslagen weergaven wijken af"):
        call_command("rebuild_representations", "--check")
    assert f"bouwsteen {first.pk}: verschilt in lijst, detail, etag" in (
        capsys.readouterr().out
    )
    call_command("rebuild_representations")
    assert "1 verschillen hersteld" in capsys.readouterr().out
    assert differences() == []


def test_generated_blocks_are_stored_as_they_are_generated(cast):
    call_command("generate_bouwstenen", "--count", "40", "--seed", "3")
    published = Bouwsteen.objects.published().count()
    assert published > 0
    assert Weergave.objects.count() == published
    assert differences() == []
