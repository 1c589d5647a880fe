"""The publiccode.yml export read from the stored representation (issue 17): a reader
without a role gets the file a write stored, with the host of the request put in, in one
query; it is the same file the export writes afresh, for a block made here, a harvested
one and an imported one, and it follows every write that changes what the file says.

The autouse check in tests/conftest.py compares every stored file with a fresh one
after each test here (``differences``), so the writes below are also checked for that.
"""

import uuid

import pytest
import yaml

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bouwstenen import weergave
from bouwstenen.api.weergave import differences, store_missing
from bouwstenen.interop.publiccode import export as publiccode_export
from bouwstenen.interop.publiccode.export import (
    STORED_ORIGIN,
    publiccode_stored,
    publiccode_yaml,
    with_origin,
)
from bouwstenen.interop.publiccode.importer import Uitkomst, publiccode_import
from bouwstenen.interop.publiccode.standard import LAAG_TO_LAYER_TYPE
from bouwstenen.interop.sources import Source
from bouwstenen.models import Bouwsteen, Hergebruik, Weergave
from registry.constants import Publicatiestatus
from registry.models import Laag, Organisatie, Thema
from tests.factories import BouwsteenFactory, complete
from tests.interop.conftest import DATA, own_file
from tests.interop.test_export_versions import _import

pytestmark = pytest.mark.django_db

EXPORT = "/api/v1/bouwstenen/{uuid}/publiccode"


def fresh(block: Bouwsteen, host: str = "testserver", **kwargs) -> str:
    """What the export writes when it builds the file from the block."""
    block = Bouwsteen.objects.select_related("organisatie").get(pk=block.pk)
    return publiccode_yaml(block, base_url=f"http://{host}", **kwargs)


def published(block: Bouwsteen) -> Bouwsteen:
    block.publicatiestatus = Publicatiestatus.GEPUBLICEERD
    block.gepubliceerd_op = timezone.now()
    block.save()
    return block


def stored(block: Bouwsteen) -> str | None:
    weergave.flush()
    return Weergave.objects.get(bouwsteen=block).publiccode


@pytest.fixture
def amsterdam():
    return Organisatie.objects.get(code="GM0363")


@pytest.fixture
def made_here(cast, amsterdam) -> Bouwsteen:
    block = complete(
        BouwsteenFactory(
            naam="Jeugdzorg instroom", organisatie=amsterdam, gepubliceerd=True
        )
    )
    # A block without a repository: its own record in the registry is its url.
    block.repository_url = ""
    block.save()
    return block


def export(client, block, **headers):
    # The set-up's writes go around the door and are rendered at the next read: done
    # first, so that what is counted is the read.
    weergave.flush()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(EXPORT.format(uuid=block.uuid), **headers)
    return response, len(captured.captured_queries)


def test_a_block_made_here_is_read_from_its_stored_file_in_one_query(
    anonymous, made_here
):
    response, count = export(anonymous, made_here)
    assert response.status_code == 200
    assert count == 1
    text = response.content.decode()
    assert text == fresh(made_here)
    # No repository: the block's own record is its url, under the host asked.
    assert f"\nurl: http://testserver/api/v1/bouwstenen/{made_here.uuid}\n" in text
    assert STORED_ORIGIN not in text
    assert STORED_ORIGIN in stored(made_here)


def test_every_host_name_gets_its_own_origin_from_the_one_stored_file(
    anonymous, made_here, settings
):
    settings.ALLOWED_HOSTS = ["testserver", "register.example", "register.example:8443"]
    for host in ("register.example", "register.example:8443"):
        response, count = export(anonymous, made_here, HTTP_HOST=host)
        assert count == 1
        assert response.content.decode() == fresh(made_here, host)


def test_an_origin_the_stored_file_cannot_take_is_written_afresh(made_here):
    text = stored(made_here)
    assert with_origin(text, "http://[::1]:8000") is None
    assert with_origin(text, "http://user@register.example") is None
    assert with_origin(text, "https://register.example/") == fresh(
        made_here, "register.example"
    ).replace("http://register.example", "https://register.example")


def test_a_block_with_a_repository_stores_a_file_without_the_origin(
    anonymous, made_here
):
    made_here.repository_url = "https://github.com/amsterdam/jeugdzorg-instroom"
    made_here.save()
    text = stored(made_here)
    assert STORED_ORIGIN not in text
    assert "url: https://github.com/amsterdam/jeugdzorg-instroom\n" in text
    assert export(anonymous, made_here)[0].content.decode() == fresh(made_here)


def test_a_text_that_names_the_stored_origin_is_not_stored_but_written_afresh(
    anonymous, made_here
):
    made_here.beschrijving = f"Zie {STORED_ORIGIN}/api/v1/bouwstenen voor de lijst."
    made_here.save()
    assert stored(made_here) == ""
    response, count = export(anonymous, made_here)
    assert response.content.decode() == fresh(made_here)
    # The file names the stored origin as the text does, and its own url is this host.
    assert STORED_ORIGIN in response.content.decode()
    assert count > 1


def test_a_harvested_block_stores_its_0_5_file_with_the_owners_tooi_uri(
    anonymous, made_here
):
    made_here.bron_register = "https://ander-register.example.nl"
    made_here.bron_uuid = uuid.uuid4()
    made_here.save()
    text = export(anonymous, made_here)[0].content.decode()
    assert text == fresh(made_here)
    data = yaml.safe_load(text)
    assert data["publiccodeYmlVersion"] == "0.5"
    assert data["organisation"]["uri"].endswith("/gemeente/gm0363")


@pytest.mark.parametrize(
    "path",
    [DATA / "open-zaak__open-zaak.yml", own_file("volledig-nl.yml")],
    ids=lambda p: p.name,
)
def test_an_imported_block_stores_its_own_file_with_what_was_edited(
    anonymous, amsterdam, path
):
    block = published(_import(path, amsterdam if "open-zaak" in path.name else None))
    response, count = export(anonymous, block)
    assert count == 1
    assert response.content.decode() == fresh(block)
    block.samenvatting = "Een nieuwe samenvatting, hier bewerkt."
    block.save()
    text = export(anonymous, block)[0].content.decode()
    assert text == fresh(block)
    assert "Een nieuwe samenvatting, hier bewerkt." in text


def test_a_version_asked_for_and_a_member_are_written_afresh(
    anonymous, client_for, made_here
):
    response, _count = export(anonymous, made_here)
    as_05 = anonymous.get(
        EXPORT.format(uuid=made_here.uuid), {"publiccodeYmlVersion": "0.5"}
    )
    assert as_05.content.decode() == fresh(made_here, version="0.5")
    member = client_for("beheerder").get(EXPORT.format(uuid=made_here.uuid))
    assert member.content.decode() == response.content.decode()


def test_a_draft_is_no_stored_file_and_stays_hidden(anonymous, client_for, amsterdam):
    draft = complete(BouwsteenFactory(organisatie=amsterdam, gepubliceerd=False))
    weergave.flush()
    assert not Weergave.objects.filter(bouwsteen=draft).exists()
    assert export(anonymous, draft)[0].status_code == 404
    assert anonymous.get(EXPORT.format(uuid="geen-uuid")).status_code == 404


def test_reuse_and_renamed_reference_data_reach_the_stored_file(anonymous, made_here):
    reuser = Organisatie.objects.get(code="GM0599")
    Hergebruik.objects.create(
        bouwsteen=made_here, organisatie=reuser, stadium="in-gebruik"
    )
    assert "Gemeente Rotterdam" in yaml.safe_load(
        export(anonymous, made_here)[0].content
    ).get("usedBy", [])
    # The reusing organisation renamed: the file of the block it uses names it anew.
    reuser.naam = "Rotterdam-Rijnmond"
    reuser.save(update_fields=["naam"])
    used_by = yaml.safe_load(export(anonymous, made_here)[0].content)["usedBy"]
    assert "Gemeente Rotterdam-Rijnmond" in used_by
    # A thema's publiccode.yml scope changed: the file's intended audience follows.
    thema = Thema.objects.get(slug="jeugdzorg")
    made_here.themas.add(thema)
    thema.publiccode_scope = "welfare"
    thema.save(update_fields=["publiccode_scope"])
    text = export(anonymous, made_here)[0].content.decode()
    assert "welfare" in yaml.safe_load(text)["intendedAudience"]["scope"]
    assert text == fresh(made_here)


def test_a_row_stored_before_the_file_was_is_rendered_on_its_first_read(
    anonymous, made_here, amsterdam
):
    other = complete(BouwsteenFactory(organisatie=amsterdam, gepubliceerd=True))
    weergave.flush()
    Weergave.objects.update(publiccode=None)
    assert export(anonymous, made_here)[0].content.decode() == fresh(made_here)
    assert stored(made_here)
    # What the migration leaves is rendered by the post_migrate step.
    assert store_missing() == 1
    assert Weergave.objects.get(bouwsteen=other).publiccode == publiccode_stored(
        Bouwsteen.objects.select_related("organisatie").get(pk=other.pk)
    )
    assert differences() == []


def test_the_order_of_the_layers_reaches_the_stored_file(anonymous, made_here):
    lagen = list(Laag.objects.order_by("volgorde")[:2])
    made_here.lagen.set(lagen)
    before = yaml.safe_load(export(anonymous, made_here)[0].content)
    assert (
        before["nl"]["commonground"]["layerType"][0]
        == LAAG_TO_LAYER_TYPE[lagen[0].slug]
    )
    # The second layer moved to the front (in the admin, say).
    lagen[1].volgorde = lagen[0].volgorde - 1
    lagen[1].save(update_fields=["volgorde"])
    text = export(anonymous, made_here)[0].content.decode()
    assert (
        yaml.safe_load(text)["nl"]["commonground"]["layerType"][0]
        == (LAAG_TO_LAYER_TYPE[lagen[1].slug])
    )
    assert text == fresh(made_here)


def test_a_file_whose_keys_differ_in_case_is_stored_as_the_export_writes_it(
    anonymous,
):
    text = own_file("volledig-nl.yml").read_text(encoding="utf-8")
    report = publiccode_import(
        sources=[
            Source(
                "volledig-nl.yml",
                text.replace("\ndescription:", "\nDescription:").encode(),
            )
        ]
    )
    assert report.bestanden[0].uitkomst == Uitkomst.GEIMPORTEERD
    block = report.bestanden[0].bouwsteen
    block.samenvatting = "Hier bewerkt, zodat de beschrijving wordt overschreven."
    published(block)
    assert anonymous.get(f"/api/v1/bouwstenen/{block.uuid}").status_code == 200
    response, count = export(anonymous, block)
    assert count == 1
    assert response.content.decode() == fresh(block)
    assert "Hier bewerkt" in response.content.decode()


def test_a_file_that_cannot_be_written_does_not_stop_the_blocks_write(
    anonymous, made_here, monkeypatch, caplog
):
    def refuses(*args, **kwargs):
        raise ValueError("kapot")

    monkeypatch.setattr(publiccode_export, "publiccode_yaml", refuses)
    made_here.naam = "Jeugdzorg instroom en uitstroom"
    made_here.save()
    detail = anonymous.get(f"/api/v1/bouwstenen/{made_here.uuid}")
    assert detail.json()["naam"] == "Jeugdzorg instroom en uitstroom"
    assert stored(made_here) == ""
    assert "niet opgeslagen" in caplog.text
    # Once the export can write it again, it does so per request (and the next write
    # of the block stores it).
    monkeypatch.undo()
    assert export(anonymous, made_here)[0].content.decode() == fresh(made_here)
    weergave.changed(weergave.BLOK, [made_here.pk])
    weergave.flush()
    assert stored(made_here)


def test_a_deleted_thema_leaves_the_stored_rows_of_its_blocks(anonymous, made_here):
    thema = Thema.objects.create(
        slug="proefthema", naam="Proefthema", publiccode_scope="research"
    )
    made_here.themas.add(thema)
    assert "proefthema" in stored(made_here)
    thema.delete()
    text = export(anonymous, made_here)[0].content.decode()
    assert "proefthema" not in text and "research" not in text
    assert text == fresh(made_here)
    detail = anonymous.get(f"/api/v1/bouwstenen/{made_here.uuid}").json()
    assert "proefthema" not in {t["slug"] for t in detail["themas"]}
