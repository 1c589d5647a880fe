"""Checks of a request that come before a service is called, in the API's words.

Each raises the DRF error the client gets (400 with the field, or 404); what the
services check themselves (rights, status, versions) is not repeated here.
"""

import uuid as uuid_lib

from rest_framework.exceptions import ErrorDetail, NotFound, ValidationError

from bouwstenen import selectors, services
from bouwstenen.models import Bouwsteen


def _invalid(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: [ErrorDetail(message, code=code)]})


COMPARED_MIN, COMPARED_MAX = 2, 4


def compared_uuids(params) -> list[uuid_lib.UUID]:
    """``uuid`` of the comparison: two to four blocks, repeated or with commas, each
    once, in the order given."""
    raw = [
        part.strip() for value in params.getlist("uuid") for part in value.split(",")
    ]
    values = []
    for text in (part for part in raw if part):
        try:
            values.append(uuid_lib.UUID(text))
        except ValueError:
            raise _invalid("uuid", f"Geen geldige uuid: {text}.", "invalid") from None
    values = list(dict.fromkeys(values))
    if not COMPARED_MIN <= len(values) <= COMPARED_MAX:
        raise _invalid(
            "uuid",
            f"Vergelijk {COMPARED_MIN} tot {COMPARED_MAX} verschillende bouwstenen; "
            f"u gaf er {len(values)}.",
            "invalid",
        )
    return values


def all_found(asked: list[uuid_lib.UUID], found: list[Bouwsteen]) -> None:
    """Every block asked for exists and is visible to the caller, or a 400 naming it."""
    missing = [str(u) for u in asked if u not in {b.uuid for b in found}]
    if missing:
        raise _invalid(
            "uuid",
            f"Onbekende bouwsteen (of niet zichtbaar voor u): {', '.join(missing)}.",
            "does_not_exist",
        )


def relatie_target(user, bouwsteen: Bouwsteen, naar) -> Bouwsteen:
    """The block a new relation points at: one the user may see, not the block itself."""
    target = selectors.bouwsteen_visible(user, naar)
    if target is None:
        raise _invalid("naar", f"Onbekende bouwsteen: {naar}.", "does_not_exist")
    if target.pk == bouwsteen.pk:
        raise _invalid(
            "naar", "Een bouwsteen kan geen relatie met zichzelf hebben.", "invalid"
        )
    return target


def existing_relatie_target(bouwsteen: Bouwsteen, type_: str, naar: str) -> Bouwsteen:
    """The block a relation of ``bouwsteen`` (as its members now edit it) points at."""
    try:
        naar_uuid = uuid_lib.UUID(naar)
    except ValueError:
        naar_uuid = None
    _view, inhoud = services.current_content(bouwsteen)
    target = selectors.bouwsteen_by_uuid(naar_uuid) if naar_uuid else None
    if target is None or [type_, target.pk] not in inhoud["relaties"]:
        raise NotFound(
            "Deze bouwsteen heeft geen relatie van dit type naar die bouwsteen."
        )
    return target


def require_new_answers(bouwsteen: Bouwsteen, antwoorden: list[dict]) -> None:
    """A precondition answered for the first time needs an answer (ja, deels, nee, nvt).

    What the block answered already is read only when an answer leaves ``antwoord``
    out (to change only its explanation or evidence)."""
    if all("antwoord" in antwoord for antwoord in antwoorden):
        return
    _view, inhoud = services.current_content(bouwsteen)
    answered = set(inhoud["opschalingscheck"])
    missing = {
        str(index): {
            "antwoord": [
                ErrorDetail(
                    "Deze voorwaarde heeft nog geen antwoord: geef ja, deels, nee of "
                    "nvt.",
                    code="required",
                )
            ]
        }
        for index, antwoord in enumerate(antwoorden)
        if "antwoord" not in antwoord and antwoord["voorwaarde"] not in answered
    }
    if missing:
        raise ValidationError({"antwoorden": missing})


def answers_by_precondition(antwoorden: list[dict]) -> dict[str, dict]:
    """The answers as the services take them: per precondition, what changes."""
    return {
        a["voorwaarde"]: {k: v for k, v in a.items() if k != "voorwaarde"}
        for a in antwoorden
    }


def answer_names(antwoorden: list[dict]) -> dict[str, str]:
    """The services name an answer by its precondition; the client sent a list."""
    position = {a["voorwaarde"]: i for i, a in enumerate(antwoorden)}
    return {
        f"opschalingscheck.{code}.{field}": f"antwoorden.{i}.{api}"
        for code, i in position.items()
        for field, api in (
            ("antwoord", "antwoord"),
            ("toelichting", "toelichting"),
            ("bewijs_url", "bewijs"),
        )
    }


def is_uuid(value) -> bool:
    """Whether a lookup in the URL is a UUID (anything else is a 404, never a 500)."""
    try:
        uuid_lib.UUID(str(value))
    except ValueError:
        return False
    return True
