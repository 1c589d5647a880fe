"""The block form as an editor meets it: the slug derived and tucked away, the licence
as a picker, the opschalingscheck as a fixed checklist with radio buttons."""

import re

from django.urls import reverse

from bouwstenen.constants import VOORWAARDE_UITLEG, Voorwaarde
from bouwstenen.models import Bouwsteen
from tests.admin.helpers import form_data

ADD = reverse("admin:bouwstenen_bouwsteen_add")


def _change(bouwsteen) -> str:
    return reverse("admin:bouwstenen_bouwsteen_change", args=[bouwsteen.pk])


def _name(admin_field) -> str:
    field = admin_field.field
    return field["name"] if isinstance(field, dict) else field.name


def _fieldsets(response) -> dict[str, tuple[list[str], list[str]]]:
    """Each section of the form: its fields and its classes."""
    return {
        fieldset.name: (
            [_name(field) for line in fieldset for field in line],
            list(fieldset.classes.split()),
        )
        for fieldset in response.context["adminform"]
    }


def _new(world, **overrides) -> dict:
    data = form_data(world.draft_a, versie="", **overrides)
    data.pop("slug")
    return data


# --- the slug -------------------------------------------------------------------------


def test_the_slug_sits_in_a_collapsed_advanced_section_with_its_explanation(
    client, world
):
    client.force_login(world.users["redacteur_a"])
    response = client.get(ADD)
    sections = _fieldsets(response)
    assert "slug" not in sections["Wat is het"][0]
    assert list(sections)[-1] == "Geavanceerd"
    assert sections["Geavanceerd"] == (["slug"], ["collapse"])
    field = response.context["adminform"].form.fields["slug"]
    assert "afgeleid van de naam" in field.help_text
    assert "webadres" in field.help_text
    # Still filled in from the name while typing (the admin's prepopulated fields).
    assert response.context["adminform"].prepopulated_fields[0]["field"].name == "slug"


def test_a_new_block_without_a_slug_gets_one_from_its_name(client, world):
    client.force_login(world.users["redacteur_a"])
    response = client.post(ADD, _new(world, naam="Wachttijden Jeugdhulp", slug=""))
    assert response.status_code == 302
    assert Bouwsteen.objects.get(naam="Wachttijden Jeugdhulp").slug == (
        "wachttijden-jeugdhulp"
    )


def test_an_emptied_slug_keeps_the_one_the_block_has(client, world):
    client.force_login(world.users["redacteur_a"])
    response = client.post(
        _change(world.draft_a), form_data(world.draft_a, slug="", naam="Andere naam")
    )
    assert response.status_code == 302
    world.draft_a.refresh_from_db()
    assert (world.draft_a.naam, world.draft_a.slug) == ("Andere naam", "concept-a")


# --- the licence ----------------------------------------------------------------------


def _options(response) -> list[tuple[str, list[str]]]:
    widget = response.context["adminform"].form.fields["licentie"].widget
    return [
        (group, [value for value, _label in options])
        for group, options in widget.choices
        if isinstance(options, list)
    ]


def test_the_licence_picker_offers_the_licences_in_use_most_used_first(client, world):
    Bouwsteen.objects.filter(pk=world.published_a.pk).update(licentie="EUPL-1.2 OR MIT")
    # Another organisation's draft is not shown to this editor, nor its licence.
    Bouwsteen.objects.filter(pk=world.draft_b.pk).update(licentie="BSD-3-Clause")
    client.force_login(world.users["redacteur_a"])
    options = dict(_options(client.get(ADD)))
    in_use = options["In gebruik in het register"]
    assert in_use[0] == "EUPL-1.2"  # the other blocks of Amsterdam
    assert "EUPL-1.2 OR MIT" in in_use
    assert "BSD-3-Clause" not in sum(options.values(), [])
    common = options["Veelgebruikt bij de overheid"]
    assert set(common) | set(in_use) >= {
        "EUPL-1.2",
        "MIT",
        "Apache-2.0",
        "GPL-3.0-or-later",
        "AGPL-3.0-or-later",
        "CC-BY-4.0",
        "CC0-1.0",
        "MPL-2.0",
    }
    assert options["Staat de licentie er niet bij?"] == ["andere"]
    content = client.get(ADD).content.decode()
    assert "European Union Public Licence 1.2 (EUPL-1.2)" in content
    # Without JavaScript the field for another expression is simply there, labelled.
    assert '<label for="id_licentie_anders">Andere SPDX-expressie:</label>' in content


def test_a_common_licence_is_chosen_from_the_list(client, world):
    client.force_login(world.users["redacteur_a"])
    response = client.post(ADD, _new(world, naam="Met MIT", licentie="MIT"))
    assert response.status_code == 302
    assert Bouwsteen.objects.get(naam="Met MIT").licentie == "MIT"


def test_another_spdx_expression_is_typed_and_stored_as_spdx(client, world):
    client.force_login(world.users["redacteur_a"])
    response = client.post(
        ADD,
        _new(
            world,
            naam="Met combinatie",
            licentie="andere",
            licentie_anders="eupl-1.2 or mit",
        ),
    )
    assert response.status_code == 302
    assert Bouwsteen.objects.get(naam="Met combinatie").licentie == "EUPL-1.2 OR MIT"


def test_an_invalid_expression_gives_a_dutch_error_and_loses_nothing(client, world):
    client.force_login(world.users["redacteur_a"])
    response = client.post(
        ADD,
        _new(
            world,
            naam="Met foute licentie",
            samenvatting="Een samenvatting die blijft staan.",
            licentie="andere",
            licentie_anders="Geen-Licentie-9",
        ),
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["licentie_anders"] == [
        "Onbekende SPDX-licentie: Geen-Licentie-9. Gebruik een identificatie van "
        "spdx.org/licenses, zoals EUPL-1.2, MIT of Apache-2.0."
    ]
    assert "licentie" not in form.errors
    content = response.content.decode()
    assert 'value="Geen-Licentie-9"' in content
    assert '<option value="andere" selected>' in content
    assert "Een samenvatting die blijft staan." in content
    assert not Bouwsteen.objects.filter(naam="Met foute licentie").exists()


def test_an_expression_typed_without_choosing_counts_as_chosen(client, world):
    # The form without JavaScript: the editor typed the expression, left the picker.
    client.force_login(world.users["redacteur_a"])
    response = client.post(
        ADD, _new(world, naam="Zonder JS", licentie="", licentie_anders="MIT OR 0BSD")
    )
    assert response.status_code == 302
    assert Bouwsteen.objects.get(naam="Zonder JS").licentie == "MIT OR 0BSD"


def test_no_licence_at_all_is_refused_in_dutch(client, world):
    client.force_login(world.users["redacteur_a"])
    response = client.post(ADD, _new(world, naam="Zonder licentie", licentie=""))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["licentie"] == [
        "Kies een licentie."
    ]


# --- the opschalingscheck ---------------------------------------------------------------


def _legends(content: str) -> list[str]:
    return re.findall(r'<legend class="voorwaarde__naam">([^<]+)</legend>', content)


def _checked(content: str) -> dict[int, str]:
    found = re.findall(
        r'<input type="radio" name="opschalingsantwoorden-(\d+)-antwoord" value="([^"]*)"'
        r"[^>]*checked",
        content,
    )
    return {int(row): value for row, value in found}


def test_the_check_lists_every_precondition_once_in_order_with_radios(client, world):
    # The world's blocks are complete; this one starts as nobody has answered it yet.
    world.draft_a.opschalingsantwoorden.all().delete()
    client.force_login(world.users["redacteur_a"])
    content = client.get(_change(world.draft_a)).content.decode()
    assert _legends(content) == [label for _code, label in Voorwaarde.choices]
    for code in Voorwaarde.values:
        assert VOORWAARDE_UITLEG[code] in content
    # The precondition is text, not a choice; the answer is a radio per model answer.
    assert 'name="opschalingsantwoorden-0-voorwaarde"' not in content
    for value in ("ja", "deels", "nee", "nvt", ""):
        assert (
            f'<input type="radio" name="opschalingsantwoorden-0-antwoord" '
            f'value="{value}"'
        ) in content
    assert "Nog niet ingevuld" in content
    assert _checked(content) == dict.fromkeys(range(len(Voorwaarde.values)), "")
    # Every precondition its own fieldset and legend, every radio its label.
    assert content.count('<fieldset class="voorwaarde__vak"') == len(Voorwaarde.values)
    assert 'for="id_opschalingsantwoorden-13-antwoord_0"' in content
    assert 'for="id_opschalingsantwoorden-13-bewijs_url"' in content


def test_answers_are_saved_and_shown_in_the_checklists_order(client, world):
    client.force_login(world.users["redacteur_a"])
    url = _change(world.draft_a)
    rows = {code: index for index, code in enumerate(Voorwaarde.values)}
    data = form_data(world.draft_a)
    data.update(
        {
            "opschalingsantwoorden-TOTAL_FORMS": str(len(rows)),
            f"opschalingsantwoorden-{rows['kennisdeling']}-antwoord": "ja",
            f"opschalingsantwoorden-{rows['dpia']}-antwoord": "nvt",
            f"opschalingsantwoorden-{rows['dpia']}-toelichting": "Geen persoonsgegevens.",
            f"opschalingsantwoorden-{rows['beheer-en-onderhoud']}-antwoord": "deels",
            f"opschalingsantwoorden-{rows['beheer-en-onderhoud']}-bewijs_url": (
                "https://example.org/beheerplan"
            ),
        }
    )
    for index in range(len(rows)):
        data.setdefault(f"opschalingsantwoorden-{index}-antwoord", "")
    assert client.post(url, data).status_code == 302
    # Unanswered preconditions get no row.
    stored = dict(
        world.draft_a.opschalingsantwoorden.values_list("voorwaarde", "antwoord")
    )
    assert stored == {
        "kennisdeling": "ja",
        "dpia": "nvt",
        "beheer-en-onderhoud": "deels",
    }
    # Shown again in the checklist's order, not alphabetically, with the answers.
    content = client.get(url).content.decode()
    assert _legends(content) == [label for _code, label in Voorwaarde.choices]
    checked = _checked(content)
    assert checked[rows["kennisdeling"]] == "ja"
    assert checked[rows["dpia"]] == "nvt"
    assert checked[rows["beheer-en-onderhoud"]] == "deels"
    assert checked[rows["maatschappelijke-opgave"]] == ""
    assert "Geen persoonsgegevens." in content
    assert 'value="https://example.org/beheerplan"' in content


def test_a_reader_without_change_rights_sees_the_answers_as_text(client, world):
    # An archived block is read, not changed.
    world.archived_a.opschalingsantwoorden.update_or_create(
        voorwaarde=Voorwaarde.DPIA,
        defaults={"antwoord": "ja", "toelichting": "Vastgesteld."},
    )
    client.force_login(world.users["publicist_a"])
    response = client.get(_change(world.archived_a))
    assert response.status_code == 200
    content = response.content.decode()
    assert _legends(content) == [label for _code, label in Voorwaarde.choices]
    assert 'type="radio"' not in content
    assert "<strong>Antwoord:</strong> Ja<br>Vastgesteld." in content
