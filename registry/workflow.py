"""The editorial workflow: concept → ter beoordeling → gepubliceerd → gearchiveerd.

Each transition names the states it leaves from, the state it goes to and the role it
needs; ``refusal`` says why a user may not take it now. This module only decides: the
services of an app perform a transition (lock, validate, save, history), so there is one
writer.

A transition applies to a *subject*: the record itself, or the concept of a published
record (the changes a second person has to publish before they are public, as Wagtail
keeps a live page and a draft revision). A subject has ``organisatie_id``,
``publicatiestatus``, ``ingediend_door_id`` and ``inhoud_gewijzigd_door_id``; a concept
of a published record also has ``is_werkversie = True``.
"""

from dataclasses import dataclass

from django.conf import settings

from core.errors import Code, ServiceError
from registry import permissions
from registry.constants import Publicatiestatus as S
from registry.constants import Rol

RECORD, WERKVERSIE, BEIDE = "record", "werkversie", "beide"


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple[str, ...]
    target: str
    rol: str
    needs_reason: bool = False
    validates: bool = False
    done: str = ""
    # What it applies to: the record, the concept of a published record, or either.
    subject: str = BEIDE


INDIENEN = Transition(
    "indienen",
    "Ter beoordeling aanbieden",
    (S.CONCEPT,),
    S.TER_BEOORDELING,
    Rol.REDACTEUR,
    done="ter beoordeling aangeboden",
)
PUBLICEREN = Transition(
    "publiceren",
    "Publiceren",
    (S.TER_BEOORDELING,),
    S.GEPUBLICEERD,
    Rol.PUBLICIST,
    validates=True,
    done="gepubliceerd",
)
TERUGSTUREN = Transition(
    "terugsturen",
    "Terugsturen naar de redacteur",
    (S.TER_BEOORDELING,),
    S.CONCEPT,
    Rol.PUBLICIST,
    needs_reason=True,
    done="teruggestuurd",
)
ARCHIVEREN = Transition(
    "archiveren",
    "Archiveren",
    (S.CONCEPT, S.TER_BEOORDELING, S.GEPUBLICEERD),
    S.GEARCHIVEERD,
    Rol.PUBLICIST,
    done="gearchiveerd",
    subject=RECORD,
)
# Restoring brings a record back where it was: public again if it had been published
# (validated like any publication), otherwise a draft.
HERSTELLEN = Transition(
    "herstellen",
    "Herstellen uit het archief",
    (S.GEARCHIVEERD,),
    S.GEPUBLICEERD,
    Rol.PUBLICIST,
    validates=True,
    done="hersteld",
    subject=RECORD,
)
# The concept of a published record is thrown away; the published version stays.
VERWERPEN = Transition(
    "verwerpen",
    "Concept weggooien",
    (S.CONCEPT,),
    S.GEPUBLICEERD,
    Rol.REDACTEUR,
    done="weggegooid",
    subject=WERKVERSIE,
)
TRANSITIONS = {
    t.name: t
    for t in (INDIENEN, PUBLICEREN, TERUGSTUREN, ARCHIVEREN, HERSTELLEN, VERWERPEN)
}


def four_eyes_enabled() -> bool:
    return getattr(settings, "REGISTRY_FOUR_EYES", False)


def applies_to(transition: Transition, subject) -> bool:
    is_werkversie = subject.is_werkversie
    if transition.subject == RECORD:
        return not is_werkversie
    if transition.subject == WERKVERSIE:
        return is_werkversie
    return True


def four_eyes_refusal(subject, user) -> ServiceError | None:
    """Why ``user`` may not publish ``subject`` alone: they submitted it or wrote it last.

    Every published text is seen by a second person, a beheerder's too; only
    ``REGISTRY_FOUR_EYES=false`` (a one-person organisation) turns this off.
    """
    if not four_eyes_enabled() or user.pk is None:
        return None
    if subject.inhoud_gewijzigd_door_id == user.pk:
        return ServiceError(
            Code.VIER_OGEN,
            "Vier ogen: u hebt de inhoud het laatst gewijzigd; een andere publicist moet "
            "die bekijken en publiceren.",
        )
    if subject.ingediend_door_id == user.pk:
        return ServiceError(
            Code.VIER_OGEN,
            "Vier ogen: een andere publicist moet publiceren wat u zelf hebt ingediend.",
        )
    return None


def refusal(subject, transition: Transition, user) -> ServiceError | None:
    """Why ``user`` may not perform ``transition`` on ``subject`` now, or None if they may.

    The answer is not raised: the admin shows it next to a button, the services raise it.
    """
    role = permissions.role_in(user, subject.organisatie_id)
    if role is None:
        return ServiceError(
            Code.GEEN_TOEGANG,
            f"U bent geen lid van de organisatie van deze {subject.onderwerp}.",
        )
    if not applies_to(transition, subject):
        if transition.subject == WERKVERSIE:
            return ServiceError(
                Code.STATUS,
                f"Er is geen concept van deze gepubliceerde {subject.onderwerp}.",
            )
        return ServiceError(
            Code.STATUS,
            f"‘{transition.label}’ geldt voor de {subject.onderwerp} zelf, niet voor het concept "
            "van zijn wijzigingen.",
        )
    # Rights before state: a redacteur learns that publishing is not theirs, whatever
    # the status (RFC 9110: 403 before 409).
    if transition.rol == Rol.PUBLICIST and role != Rol.PUBLICIST:
        return ServiceError(
            Code.GEEN_TOEGANG, f"Alleen een publicist mag ‘{transition.label.lower()}’."
        )
    if subject.publicatiestatus not in transition.sources:
        label = subject.get_publicatiestatus_display().lower()
        if subject.is_werkversie:
            label = f"concept van de wijzigingen: {label}"
        return ServiceError(
            Code.STATUS, f"‘{transition.label}’ kan niet vanuit de status ‘{label}’."
        )
    if transition is PUBLICEREN:
        return four_eyes_refusal(subject, user)
    return None
