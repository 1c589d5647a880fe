"""The search index follows every path that makes a block public or takes it away.

Only published blocks add their words to the vocabulary that corrects typos, so a step
of the workflow that publishes, archives or restores a block updates its search entry,
and a harvested copy (public from the start) is indexed when it is stored.
"""

import pytest

from bouwstenen import search, services
from bouwstenen.models import Bouwsteen, Zoekwoord
from tests.factories import BouwsteenFactory, complete

pytestmark = pytest.mark.django_db

WORD = "zeldzaamwoordproef"


def in_vocabulary() -> bool:
    return Zoekwoord.objects.filter(woord=WORD).exists()


def corrected() -> str | None:
    """What a search with a typo in the word is corrected to, if anything."""
    found = search.find(Bouwsteen.objects.published(), "zeldzaamwordproef")
    return found.correction.gezocht_op if found.correction else None


def test_publishing_adds_the_words_and_archiving_takes_them_away(world):
    writer, publicist = world.users["redacteur"], world.users["publicist"]
    block = complete(
        BouwsteenFactory(organisatie=world.amsterdam, naam="Zeldzaamwoordproef")
    )
    services.bouwsteen_transition(bouwsteen=block, user=writer, actie="indienen")
    assert not in_vocabulary()
    services.bouwsteen_transition(bouwsteen=block, user=publicist, actie="publiceren")
    assert in_vocabulary()
    assert corrected() == WORD
    services.bouwsteen_transition(bouwsteen=block, user=publicist, actie="archiveren")
    assert not in_vocabulary()
    assert corrected() is None
    services.bouwsteen_transition(bouwsteen=block, user=publicist, actie="herstellen")
    # Restored to what it was: public again, its words with it.
    assert Bouwsteen.objects.get(pk=block.pk).is_published
    assert in_vocabulary()


def _document_statements(captured) -> list[str]:
    """The statements that wrote a search document (not the ones that read it)."""
    return [
        q["sql"]
        for q in captured
        if "bouwstenen_zoekdocument" in q["sql"]
        and q["sql"].lstrip().upper().startswith(("INSERT", "DELETE", "UPDATE"))
    ]


def test_a_write_rewrites_the_search_document_only_where_its_text_changed(world):
    """Answering the opschalingscheck or submitting changes no text: the document
    stays as it is. Publishing changes only the words it lends the vocabulary. A
    changed summary rewrites it. After each, the document is the one a rebuild makes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bouwstenen.constants import Voorwaarde
    from bouwstenen.models import Zoekdocument

    writer, publicist = world.users["redacteur"], world.users["publicist"]
    block = complete(
        BouwsteenFactory(organisatie=world.amsterdam, naam="Zeldzaamwoordproef")
    )
    draft = world.draft
    search.reindex([block.pk, draft.pk])
    columns = [f.name for f in Zoekdocument._meta.concrete_fields]

    def document():
        return Zoekdocument.objects.filter(bouwsteen=block).values(*columns).get()

    def rebuilt():
        search.reindex([block.pk])
        return document()

    samenvatting = Zoekdocument.objects.filter(bouwsteen=draft).values_list(
        "samenvatting", flat=True
    )

    steps = [
        (
            "opschalingscheck",
            lambda: services.opschalingscheck_save(
                user=writer,
                bouwsteen=block,
                answers={
                    code: {"antwoord": "ja", "toelichting": ""}
                    for code in Voorwaarde.values
                },
            ),
            [],
        ),
        (
            "indienen",
            lambda: services.bouwsteen_transition(
                bouwsteen=block, user=writer, actie="indienen"
            ),
            [],
        ),
        (
            "publiceren",
            lambda: services.bouwsteen_transition(
                bouwsteen=block, user=publicist, actie="publiceren"
            ),
            ["UPDATE"],
        ),
        (
            "samenvatting",
            lambda: services.bouwsteen_update(
                bouwsteen=draft,
                user=writer,
                values={"samenvatting": "Een andere samenvatting."},
            ),
            ["DELETE", "INSERT"],
        ),
    ]
    for name, write, kinds in steps:
        with CaptureQueriesContext(connection) as captured:
            write()
        written = _document_statements(captured)
        assert [s.lstrip().split()[0].upper() for s in written] == kinds, name
        assert document() == rebuilt(), name
    assert in_vocabulary()
    assert WORD in document()["woorden"].split()
    assert samenvatting.get() == "Een andere samenvatting."


def test_a_new_block_inserts_its_search_document_without_deleting_first(world):
    """A block that is created has no document yet: one INSERT, no DELETE before it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bouwstenen.models import Zoekdocument

    with CaptureQueriesContext(connection) as captured:
        block = services.bouwsteen_create(
            user=world.users["redacteur"],
            organisatie=world.amsterdam,
            values={
                "naam": "Nieuw zoekdocument",
                "soort": "datatoepassing",
                "vorm": "dashboard",
                "samenvatting": "Voor het eerst in de index.",
                "levensfase": "pilot",
                "licentie": "EUPL-1.2",
            },
        )
    written = _document_statements(captured)
    assert [s.lstrip().split()[0].upper() for s in written] == ["INSERT"]
    assert Zoekdocument.objects.filter(bouwsteen=block).count() == 1
