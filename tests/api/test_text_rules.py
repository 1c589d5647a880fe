"""Text reads as it is stored, links open in a browser, dates and lengths make sense.

The rules live on the models, so every door applies them: the API, the admin, an import.
"""

import datetime

import pytest

from django.core.exceptions import ValidationError

from bouwstenen.constants import BESCHRIJVING_MAX_LENGTH
from bouwstenen.interop.publiccode.importer import Uitkomst, publiccode_import
from bouwstenen.interop.sources import Source
from bouwstenen.models import Bouwsteen
from core.validators import (
    validate_long_text,
    validate_single_line,
    validate_slug,
    validate_visible,
)
from tests.api.helpers import assert_problem, invalid_names
from tests.interop.conftest import own_file

pytestmark = pytest.mark.django_db

LIST = "/api/v1/bouwstenen"
RLO = "\u202e"  # right-to-left override: "txt.exe" shows as "exe.txt"
LRI = "\u2066"  # left-to-right isolate


@pytest.mark.parametrize("text", ["a\x07b", "a\tb", "a\nb", "a\x1b[31m", f"a{RLO}b"])
def test_one_line_refuses_control_and_direction_characters(text):
    with pytest.raises(ValidationError):
        validate_single_line(text)


def test_long_text_keeps_its_tabs_and_line_breaks_only():
    validate_long_text("Kop\n\n\tingesprongen\r\nregel")
    for text in ("a\x00b", "a\x7fb", f"a{LRI}b", "a\u202ab"):
        with pytest.raises(ValidationError):
            validate_long_text(text)


@pytest.mark.parametrize("text", ["\u200b", "\u200b\u200d", "\u0301\u0301", " \ufeff "])
def test_a_name_must_show_on_screen(text):
    with pytest.raises(ValidationError) as caught:
        validate_visible(text)
    assert "onzichtbare tekens" in caught.value.messages[0]


def test_visible_names_pass_accents_and_all():
    for text in ("Súdwest-Fryslân", "é", "Jeugd\u200bzorg"):
        validate_visible(text)


@pytest.mark.parametrize(
    "slug", ["Hoofdletters", "met_liggend", "-begin", "eind-", "a--b"]
)
def test_a_slug_has_one_pattern(slug):
    with pytest.raises(ValidationError):
        validate_slug(slug)
    validate_slug("jeugdzorg-dashboard-2")


def _new(**changes) -> dict:
    return {
        "naam": "Nieuw dashboard",
        "soort": "datatoepassing",
        "samenvatting": "Een nieuw dashboard.",
        "organisatie": "GM0363",
        "licentie": "EUPL-1.2",
        **changes,
    }


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"naam": f"Rapport{RLO}fdp.exe"}, "naam", "leesrichting"),
        ({"naam": "\u200b\u200b"}, "naam", "onzichtbare tekens"),
        ({"samenvatting": "Een\x07bel"}, "samenvatting", "stuurteken"),
        (
            {"beschrijving": "x" * (BESCHRIJVING_MAX_LENGTH + 1)},
            "beschrijving",
            "50000",
        ),
        ({"slug": "Met_Hoofdletters"}, "slug", "kleine letters"),
        (
            {"links": {"repository": "ftp://example.org/bron"}},
            "links.repository",
            "https://",
        ),
        ({"links": {"demo": "javascript:alert(1)"}}, "links.demo", ""),
        (
            {"contactpunt": {"naam": f"Team{LRI}Data"}},
            "contactpunt.naam",
            "leesrichting",
        ),
    ],
)
def test_the_api_refuses_bad_text_naming_the_field_in_dutch(
    client_for, changes, field, words
):
    response = client_for("redacteur").post(LIST, _new(**changes), format="json")
    assert_problem(response, 400, "invalid")
    assert invalid_names(response) == {field}
    reason = response.json()["invalidParams"][0]["reason"]
    assert words in reason.replace(".", "")
    assert not Bouwsteen.objects.exists()


def test_tabs_and_line_breaks_in_a_description_are_kept(client_for):
    text = "## Werking\n\n\tEen tab.\r\nEn een regel."
    response = client_for("redacteur").post(
        LIST, _new(beschrijving=text), format="json"
    )
    assert response.status_code == 201, response.content
    assert Bouwsteen.objects.get().beschrijving == text


def test_reuse_since_a_day_to_come_is_refused(client_for, blocks):
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)
    response = client_for("ander").post(
        f"{LIST}/{blocks['gepubliceerd'].uuid}/hergebruik",
        {"organisatie": "GM0344", "sinds": tomorrow.isoformat()},
        format="json",
    )
    assert_problem(response, 400)
    assert invalid_names(response) == {"sinds"}


def test_a_taken_slug_does_not_reveal_whose_draft_holds_it(client_for, blocks):
    """Utrecht's draft is invisible to Amsterdam; the refusal says no more than that
    the slug is taken, in the same words as for a public block."""
    hidden = blocks["concept-utrecht"]
    public = blocks["gepubliceerd"]
    answers = [
        client_for("redacteur").post(LIST, _new(slug=block.slug), format="json")
        for block in (hidden, public)
    ]
    reasons = [a.json()["invalidParams"][0]["reason"] for a in answers]
    assert reasons[0] == reasons[1] == "Deze slug is al in gebruik. Kies een andere."
    body = answers[0].content.decode()
    for secret in (hidden.naam, "Utrecht", "concept", str(hidden.uuid)):
        assert secret not in body


def test_an_import_with_a_hidden_direction_change_is_refused(db):
    text = (
        own_file("volledig-nl.yml")
        .read_text()
        .replace(
            "localisedName: Wachttijdenmonitor Wmo-voorzieningen",
            f"localisedName: Wachttijden{RLO}monitor",
        )
    )
    report = publiccode_import(sources=[Source("x.yml", text.encode())]).bestanden[0]
    assert report.uitkomst == Uitkomst.GEWEIGERD
    assert any("leesrichting" in reden for reden in report.redenen)
    assert not Bouwsteen.objects.exists()
