"""Writes with side effects on building blocks: one transaction each, with a history entry.

The admin and the API both call these, so the rules (who may write, concurrent edits,
validation, history) are the same everywhere.
"""

from collections.abc import Iterable

import reversion

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from bouwstenen import search
from bouwstenen.models import Bouwsteen, Hergebruik, Opschalingsantwoord, Relatie
from registry import permissions, workflow
from registry.constants import Publicatiestatus


class ConcurrentEdit(Exception):
    """Someone else saved the record after the caller read it."""

    def __init__(self, current_versie: int):
        self.current_versie = current_versie
        super().__init__(
            "Iemand anders heeft deze bouwsteen intussen gewijzigd. "
            "Laad de nieuwste versie en breng uw wijziging opnieuw aan."
        )


M2M_FIELDS = ("themas", "referentiecomponenten", "lagen")


def record_history(obj: Bouwsteen, user, comment: str) -> None:
    """Store the current state of ``obj`` as a revision (who, when, what)."""
    with reversion.create_revision(atomic=False):
        reversion.set_user(user if user and user.is_authenticated else None)
        reversion.set_comment(comment)
        reversion.add_to_revision(obj)


def _set_relations(bouwsteen: Bouwsteen, relations: dict[str, Iterable]) -> None:
    for name in M2M_FIELDS:
        if name in relations:
            getattr(bouwsteen, name).set(relations[name])


def bouwsteen_create(
    *, user, values: dict, relations: dict[str, Iterable] | None = None
) -> Bouwsteen:
    organisatie = values.get("organisatie")
    if organisatie is None or not permissions.can_create_for(user, organisatie.pk):
        raise PermissionDenied(
            "U mag alleen bouwstenen aanmaken voor uw eigen organisatie."
        )
    bouwsteen = Bouwsteen(**values)
    bouwsteen.full_clean()
    with transaction.atomic():
        bouwsteen.save()
        _set_relations(bouwsteen, relations or {})
        search.reindex([bouwsteen.pk])
        record_history(bouwsteen, user, "Aangemaakt")
    return bouwsteen


def bouwsteen_update(
    *,
    bouwsteen: Bouwsteen,
    user,
    values: dict,
    relations: dict[str, Iterable] | None = None,
    expected_versie: int | None = None,
) -> Bouwsteen:
    """Change a building block; refused if another save came in after ``expected_versie``.

    A published block stays complete: a change that would leave it without what a public
    page needs (``publication_problems``) is refused with a ValidationError per field.
    """
    with transaction.atomic():
        locked = Bouwsteen.objects.select_for_update().get(pk=bouwsteen.pk)
        if expected_versie is not None and locked.versie != expected_versie:
            raise ConcurrentEdit(locked.versie)
        if not permissions.can_edit(user, locked):
            raise PermissionDenied("U mag deze bouwsteen in deze status niet wijzigen.")
        new_org = values.get("organisatie")
        if (
            new_org is not None
            and new_org.pk != locked.organisatie_id
            and not permissions.can_create_for(user, new_org.pk)
        ):
            raise PermissionDenied(
                "U mag een bouwsteen niet aan een andere organisatie geven."
            )
        for name, value in values.items():
            setattr(locked, name, value)
        locked.full_clean()
        locked.versie += 1
        locked.save()
        _set_relations(locked, relations or {})
        if locked.publicatiestatus == Publicatiestatus.GEPUBLICEERD:
            # Checked after the relations are set (thema's and lagen count too); raising
            # inside the transaction rolls the save back.
            problems = locked.publication_problems()
            if problems:
                raise ValidationError(problems)
        search.reindex([locked.pk])
        record_history(locked, user, "Gewijzigd")
    return locked


def bouwsteen_transition(
    *,
    bouwsteen: Bouwsteen,
    user,
    actie: str,
    reden: str = "",
    expected_versie: int | None = None,
) -> Bouwsteen:
    """Apply a workflow step; refused if another save came in after ``expected_versie``."""
    try:
        return workflow.perform(
            bouwsteen,
            actie,
            user=user,
            reden=reden,
            record_history=record_history,
            expected_versie=expected_versie,
        )
    except workflow.StaleVersie as exc:
        raise ConcurrentEdit(exc.current_versie) from exc


# --- reuse, readiness and relations ------------------------------------------------


def hergebruik_record(
    *, user, bouwsteen: Bouwsteen, organisatie, values: dict
) -> Hergebruik:
    """Record (or, explicitly, update) that ``organisatie`` reuses ``bouwsteen``.

    Only members of the reusing organisation may; a second record for the same pair is
    refused by validation with a clear message.
    """
    if permissions.role_in(user, organisatie.pk) is None:
        raise PermissionDenied(
            "U kunt alleen hergebruik vastleggen voor een organisatie waarvan u lid bent."
        )
    if not bouwsteen.is_published:
        raise PermissionDenied("Hergebruik kan alleen van een gepubliceerde bouwsteen.")
    hergebruik = Hergebruik(bouwsteen=bouwsteen, organisatie=organisatie, **values)
    hergebruik.full_clean()
    with transaction.atomic():
        hergebruik.save()
        record_history(hergebruik, user, "Hergebruik vastgelegd")
    return hergebruik


def hergebruik_update(*, user, hergebruik: Hergebruik, values: dict) -> Hergebruik:
    if permissions.role_in(user, hergebruik.organisatie_id) is None:
        raise PermissionDenied("Alleen de hergebruikende organisatie mag dit wijzigen.")
    for name, value in values.items():
        setattr(hergebruik, name, value)
    hergebruik.full_clean()
    with transaction.atomic():
        hergebruik.save()
        record_history(hergebruik, user, "Hergebruik gewijzigd")
    return hergebruik


def hergebruik_withdraw(*, user, hergebruik: Hergebruik) -> None:
    """Withdraw a reuse claim; its earlier versions stay in the history."""
    if permissions.role_in(user, hergebruik.organisatie_id) is None:
        raise PermissionDenied(
            "Alleen de hergebruikende organisatie mag dit intrekken."
        )
    with transaction.atomic():
        record_history(hergebruik, user, "Hergebruik ingetrokken")
        hergebruik.delete()


def opschalingscheck_save(
    *, user, bouwsteen: Bouwsteen, answers: dict[str, dict]
) -> list:
    """Set the answers given (per precondition code); others are left as they are."""
    if not permissions.can_edit(user, bouwsteen):
        raise PermissionDenied("Alleen de eigenaar mag de opschalingscheck invullen.")
    saved = []
    with transaction.atomic():
        for code, fields in answers.items():
            answer = Opschalingsantwoord.objects.filter(
                bouwsteen=bouwsteen, voorwaarde=code
            ).first()
            answer = answer or Opschalingsantwoord(bouwsteen=bouwsteen, voorwaarde=code)
            for name, value in fields.items():
                setattr(answer, name, value)
            answer.full_clean()
            answer.save()
            saved.append(answer)
        record_history(bouwsteen, user, "Opschalingscheck bijgewerkt")
    return saved


def relatie_add(*, user, van: Bouwsteen, type: str, naar: Bouwsteen) -> Relatie:
    if not permissions.can_edit(user, van):
        raise PermissionDenied(
            "Alleen de eigenaar mag relaties van deze bouwsteen leggen."
        )
    if not permissions.can_view(user, naar):
        raise PermissionDenied(
            "U kunt alleen verwijzen naar een bouwsteen die u kunt zien."
        )
    relatie = Relatie(van=van, type=type, naar=naar)
    relatie.full_clean()
    with transaction.atomic():
        relatie.save()
        record_history(
            van, user, f"Relatie toegevoegd: {relatie.get_type_display()} {naar.naam}"
        )
    return relatie


def relatie_remove(*, user, relatie: Relatie) -> None:
    if not permissions.can_edit(user, relatie.van):
        raise PermissionDenied(
            "Alleen de eigenaar mag relaties van deze bouwsteen verwijderen."
        )
    with transaction.atomic():
        relatie.delete()
        record_history(
            relatie.van,
            user,
            f"Relatie verwijderd: {relatie.get_type_display()} {relatie.naar.naam}",
        )
