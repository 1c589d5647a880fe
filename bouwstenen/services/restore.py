"""Bringing back what was: an earlier version of a block, or a deleted draft.

Both go through the ordinary writes (``bouwsteen_update``, ``bouwsteen_create``), so a
restore is checked, indexed and recorded like any change.
"""

from bouwstenen.models import Bouwsteen
from bouwstenen.services import content
from bouwstenen.services.bouwstenen import bouwsteen_create, bouwsteen_update
from core.errors import Code, ServiceError
from registry.models import Organisatie


def _stored_values(field_dict: dict) -> dict:
    """The content fields a stored version holds, by field name (it stores attnames)."""
    values = {}
    for name in content.FIELDS:
        attname = Bouwsteen._meta.get_field(name).attname
        if attname in field_dict:
            values[name] = field_dict[attname]
    return values


def bouwsteen_restore_version(
    *, bouwsteen: Bouwsteen, user, field_dict: dict, label: str
) -> Bouwsteen:
    """Bring back the content of an earlier version (``field_dict`` of a stored version),
    as any change: in place for a draft, as a concept for a published block. The workflow
    status and the owner stay as they are."""
    return bouwsteen_update(
        bouwsteen=bouwsteen,
        user=user,
        values=_stored_values(field_dict),
        relations={
            name: field_dict[name] for name in content.M2M if name in field_dict
        },
        expected_versie=bouwsteen.versie,
        comment=f"Versie van {label} hersteld",
    )


def bouwsteen_recover(*, user, field_dict: dict, label: str) -> Bouwsteen:
    """A deleted draft back as a new draft, from its last stored version (operators)."""
    if not (user is not None and user.is_superuser):
        raise ServiceError(
            Code.GEEN_TOEGANG,
            "Alleen een beheerder haalt een verwijderde bouwsteen terug.",
        )
    organisatie = Organisatie.objects.filter(
        pk=field_dict.get("organisatie_id")
    ).first()
    if organisatie is None:
        raise ServiceError(
            Code.NIET_GEVONDEN, "De organisatie van deze bouwsteen bestaat niet meer."
        )
    return bouwsteen_create(
        user=user,
        organisatie=organisatie,
        values=_stored_values(field_dict),
        relations={name: field_dict.get(name, []) for name in content.M2M},
        comment=f"Teruggehaald uit de versie van {label}",
    )
