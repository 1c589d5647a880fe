"""What a write costs does not grow with what it writes, and it writes only what changed.

``content.apply`` compares the new content with what the block held (read once by the
service) and writes each kind of row in one statement; the search document and the
history read the thema's, layers and components the write already holds.
"""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bouwstenen import services
from bouwstenen.constants import Voorwaarde
from bouwstenen.models import (
    Bouwsteen,
    BouwsteenConcept,
    Opschalingsantwoord,
    Zoekdocument,
)
from bouwstenen.search import reindex, reindex_written
from bouwstenen.services import content
from registry.models import Laag, Referentiecomponent, Thema

pytestmark = pytest.mark.django_db


VALUES = {
    "soort": "datatoepassing",
    "vorm": "dashboard",
    "samenvatting": "Laat per wijk zien hoe lang aanvragen wachten.",
    "levensfase": "pilot",
    "licentie": "EUPL-1.2",
}


def answers(codes, antwoord="ja") -> dict:
    return {
        code: {"antwoord": antwoord, "toelichting": f"over {code}"} for code in codes
    }


def stored(block) -> content.Inhoud:
    return content.snapshot_of(Bouwsteen.objects.get(pk=block.pk))


def queries(write) -> int:
    with CaptureQueriesContext(connection) as captured:
        write()
    return len(captured)


def test_answers_cost_the_same_for_one_and_for_all(world):
    writer, block = world.users["redacteur"], world.draft
    costs = []
    for codes in (Voorwaarde.values[:1], Voorwaarde.values):
        services.opschalingscheck_save(
            user=writer, bouwsteen=block, answers=dict.fromkeys(Voorwaarde.values)
        )
        costs.append(
            queries(
                lambda codes=codes: services.opschalingscheck_save(
                    user=writer, bouwsteen=block, answers=answers(codes)
                )
            )
        )
        assert stored(block)["opschalingscheck"] == {
            code: {**fields, "bewijs_url": ""}
            for code, fields in answers(codes).items()
        }
    assert costs[0] == costs[1]


def test_only_what_changed_is_written(world):
    writer = world.users["redacteur"]
    block = world.draft
    codes = Voorwaarde.values[:3]
    services.opschalingscheck_save(
        user=writer,
        bouwsteen=block,
        answers={**dict.fromkeys(Voorwaarde.values), **answers(codes)},
    )
    rows = dict(
        Opschalingsantwoord.objects.filter(bouwsteen=block).values_list(
            "voorwaarde", "pk"
        )
    )
    themas = list(Thema.objects.order_by("pk")[:3])
    services.bouwsteen_update(
        bouwsteen=block,
        user=writer,
        relations={"themas": themas[1:]},
        answers={
            codes[0]: None,  # taken away
            codes[1]: {"antwoord": "nee"},  # changed
            Voorwaarde.values[5]: {"antwoord": "ja"},  # new
        },
    )
    after = dict(
        Opschalingsantwoord.objects.filter(bouwsteen=block).values_list(
            "voorwaarde", "pk"
        )
    )
    assert set(after) == {codes[1], codes[2], Voorwaarde.values[5]}
    # The untouched answer was not written again.
    assert after[codes[2]] == rows[codes[2]]
    now = stored(block)
    assert now["opschalingscheck"][codes[1]]["antwoord"] == "nee"
    assert now["opschalingscheck"][codes[1]]["toelichting"] == f"over {codes[1]}"
    assert now["themas"] == sorted(t.pk for t in themas[1:])


def test_the_rows_hold_the_content_on_every_kind_of_change(world):
    writer = world.users["redacteur"]
    block = world.draft
    themas, lagen = list(Thema.objects.order_by("pk")[:4]), list(Laag.objects.all())
    component = Referentiecomponent.objects.order_by("pk").first()
    target = world.published
    steps = [
        {"relations": {"themas": themas[:2], "lagen": lagen[:1]}},
        {"relations": {"themas": themas[2:], "referentiecomponenten": [component]}},
        {"relaties": [("gebruikt", target)], "answers": answers(Voorwaarde.values)},
        {"relaties": [], "relations": {"lagen": lagen}},
        {"answers": dict.fromkeys(Voorwaarde.values)},
    ]
    for step in steps:
        expected = content.merged(stored(block), **step)
        services.bouwsteen_update(bouwsteen=block, user=writer, **step)
        assert stored(block) == expected


def test_the_search_document_of_a_write_is_the_one_a_rebuild_makes(world):
    writer = world.users["redacteur"]
    block = services.bouwsteen_create(
        user=writer,
        organisatie=world.amsterdam,
        values={"naam": "Wachttijdendashboard", **VALUES},
        relations={
            "themas": Thema.objects.order_by("pk")[:2],
            "referentiecomponenten": Referentiecomponent.objects.order_by("pk")[:1],
            "lagen": Laag.objects.order_by("pk")[:1],
        },
    )
    services.bouwsteen_update(
        bouwsteen=block,
        user=writer,
        relations={"themas": Thema.objects.order_by("pk")[2:3]},
    )
    columns = ["naam", "samenvatting", "beschrijving", "context", "trefwoorden"]
    written = Zoekdocument.objects.filter(bouwsteen=block).values(*columns).get()
    reindex([block.pk])
    rebuilt = Zoekdocument.objects.filter(bouwsteen=block).values(*columns).get()
    assert written == rebuilt
    assert Thema.objects.order_by("pk")[2].naam in written["context"]


def test_the_search_document_and_the_history_read_no_links_again(world):
    """After a write the block holds its new thema's, layers and components."""
    writer = world.users["redacteur"]
    block = services.bouwsteen_update(
        bouwsteen=world.draft,
        user=writer,
        relations={
            "themas": Thema.objects.order_by("pk")[:2],
            "lagen": Laag.objects.order_by("pk")[:1],
        },
    )
    with CaptureQueriesContext(connection) as captured:
        reindex_written(block)
        services.record_history(block, writer, "Nog eens vastgelegd")
    read = [
        q["sql"]
        for q in captured
        if q["sql"].startswith(("SELECT", "DECLARE"))
        and any(
            table in q["sql"]
            for table in ("registry_thema", "registry_laag", "referentiecomponent")
        )
    ]
    assert read == []
    assert Zoekdocument.objects.get(bouwsteen=block).context.count(
        Thema.objects.order_by("pk")[0].naam
    )


def test_publishing_a_concept_writes_what_the_concept_holds(world):
    """The path without ``before``: ``apply`` reads what the published block holds."""
    writer, publicist = world.users["redacteur"], world.users["publicist"]
    block = world.published
    services.bouwsteen_update(
        bouwsteen=block,
        user=writer,
        relations={"themas": Thema.objects.order_by("-pk")[:2]},
        answers={Voorwaarde.values[0]: {"antwoord": "nee", "toelichting": "nog niet"}},
    )
    concept = BouwsteenConcept.objects.get(bouwsteen=block).inhoud
    assert concept != stored(block)
    services.bouwsteen_transition(bouwsteen=block, user=writer, actie="indienen")
    services.bouwsteen_transition(bouwsteen=block, user=publicist, actie="publiceren")
    assert stored(block) == concept
    assert not BouwsteenConcept.objects.filter(bouwsteen=block).exists()


@pytest.mark.parametrize("which", ["draft", "published"])
def test_a_change_reads_the_links_once_and_asks_nothing_of_what_the_services_set(
    world, which
):
    """The content a change starts from, the view it validates and the rendering of a
    published block's stored representation share one read of the thema's, layers and
    components; validating does not ask whether a uuid is taken
    or the writer exists (the services set those, the database holds them)."""
    block = getattr(world, which)
    with CaptureQueriesContext(connection) as captured:
        services.opschalingscheck_save(
            user=world.users["redacteur"],
            bouwsteen=block,
            answers=answers(Voorwaarde.values[:2], "deels"),
        )
    selects = [q["sql"] for q in captured if q["sql"].startswith("SELECT")]
    # A published block's stored representation is rendered again (its ETag names the
    # new version) from the links the change read (weergave.hold).
    for table in ("registry_thema", "registry_laag", "registry_referentiecomponent"):
        assert sum(f'FROM "{table}"' in sql for sql in selects) == 1, table
    assert not [sql for sql in selects if '"auth_user"' in sql and "LIMIT 1" in sql]
    assert not [sql for sql in selects if '"bouwstenen_bouwsteen"."uuid" =' in sql]
    shown = content.snapshot_of(Bouwsteen.objects.get(pk=block.pk))
    if which == "published":
        # The change went into the concept; the published block shows what it did.
        shown = BouwsteenConcept.objects.get(bouwsteen=block).inhoud
    assert shown["opschalingscheck"][Voorwaarde.values[0]]["antwoord"] == "deels"
