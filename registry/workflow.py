"""The editorial workflow: concept → ter beoordeling → gepubliceerd → gearchiveerd.

Each transition names the states it leaves from, the state it goes to and the role it
needs. ``perform`` checks all of that, validates a record before it goes public, and
changes the record and writes its history entry in one transaction.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from registry import permissions
from registry.constants import Publicatiestatus as S
from registry.constants import Rol


class StaleVersie(Exception):
    """The record was saved by someone else after the caller read ``expected_versie``.

    ``bouwstenen.services`` turns this into its ``ConcurrentEdit``; the registry app never
    imports the bouwstenen app.
    """

    def __init__(self, current_versie: int):
        self.current_versie = current_versie
        super().__init__(f"Het record staat intussen op versie {current_versie}.")


class TransitionRefused(Exception):
    """The transition is not allowed; ``message`` says why, in Dutch, for the user."""

    def __init__(
        self, message: str, *, field_errors: dict[str, list[str]] | None = None
    ):
        self.message = message
        self.field_errors = field_errors or {}
        super().__init__(message)


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
)
TRANSITIONS = {
    t.name: t for t in (INDIENEN, PUBLICEREN, TERUGSTUREN, ARCHIVEREN, HERSTELLEN)
}


def four_eyes_enabled() -> bool:
    return getattr(settings, "REGISTRY_FOUR_EYES", False)


def refusal(obj, transition: Transition, user) -> str | None:
    """Why ``user`` may not perform ``transition`` on ``obj`` now, or None if they may."""
    role = permissions.role_in(user, obj.organisatie_id)
    if role is None:
        return "U bent geen lid van de organisatie van deze bouwsteen."
    if obj.publicatiestatus not in transition.sources:
        return (
            f"‘{transition.label}’ kan niet vanuit de status "
            f"‘{obj.get_publicatiestatus_display().lower()}’."
        )
    if transition.rol == Rol.PUBLICIST and role != Rol.PUBLICIST:
        return f"Alleen een publicist mag ‘{transition.label.lower()}’."
    if (
        transition is PUBLICEREN
        and four_eyes_enabled()
        and not user.is_superuser
        and obj.ingediend_door_id == user.pk
    ):
        return (
            "Vier ogen: een andere publicist moet publiceren wat u zelf hebt ingediend."
        )
    return None


def allowed(obj, user) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if refusal(obj, t, user) is None]


def perform(
    obj,
    transition: Transition | str,
    *,
    user,
    reden: str = "",
    record_history=None,
    expected_versie: int | None = None,
):
    """Apply a transition to ``obj`` (locked for the duration) and return it.

    ``record_history(obj, user, comment)`` is called inside the same transaction, so a
    transition never lands without its history entry. With ``expected_versie``, the
    locked record must still have that ``versie`` (raises StaleVersie otherwise), so a
    decision taken on an old version never lands.
    """
    if isinstance(transition, str):
        try:
            transition = TRANSITIONS[transition]
        except KeyError:
            raise TransitionRefused(f"Onbekende actie ‘{transition}’.") from None
    reden = (reden or "").strip()
    with transaction.atomic():
        locked = type(obj).objects.select_for_update().get(pk=obj.pk)
        if expected_versie is not None and locked.versie != expected_versie:
            raise StaleVersie(locked.versie)
        why = refusal(locked, transition, user)
        if why:
            raise TransitionRefused(why)
        if transition.needs_reason and not reden:
            raise TransitionRefused(
                "Geef een reden op, zodat de redacteur weet wat er moet gebeuren.",
                field_errors={"reden": ["Dit veld is verplicht."]},
            )
        target = transition.target
        if transition is HERSTELLEN and locked.gepubliceerd_op is None:
            target = S.CONCEPT
        if transition.validates and target == S.GEPUBLICEERD:
            problems = locked.publication_problems()
            if problems:
                raise TransitionRefused(
                    "Nog niet klaar om te publiceren: vul eerst de gemarkeerde velden in.",
                    field_errors=problems,
                )
        locked.publicatiestatus = target
        if transition is INDIENEN:
            locked.ingediend_door = user
            locked.beoordeling_opmerking = ""
        elif transition is TERUGSTUREN:
            locked.beoordeling_opmerking = reden
        if target == S.GEPUBLICEERD:
            locked.gepubliceerd_op = timezone.now()
        locked.versie += 1
        locked.save()
        if record_history is not None:
            comment = f"{transition.label}" + (f": {reden}" if reden else "")
            record_history(locked, user, comment)
    return locked
