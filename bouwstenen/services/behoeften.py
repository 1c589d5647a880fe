"""The needs board: post a need, review it like a block, join it ("wij ook"), close it.

A need belongs to an organisation; its members write it and a publicist publishes it,
by the same rules as a block (``registry.permissions``, ``registry.workflow``). A
published need no longer changes: other organisations joined what it says. Members of
any other organisation join it once per organisation. A publicist of the owner closes it
with the published block that answers it. Posting is limited per person and hour, at
every door, so a script cannot flood the board.
"""

import re
from collections.abc import Iterable
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from bouwstenen.models import Behoefte, Bouwsteen, Deelname
from bouwstenen.services.history import record_history
from core.door import writing
from core.errors import Code, ServiceError
from registry import permissions, workflow
from registry.constants import Publicatiestatus, Rol
from registry.models import Laag, Organisatie, Thema

EDITABLE = (
    "titel",
    "slug",
    "beschrijving",
    "levensfase",
    "contact_naam",
    "contact_email",
)
DEELNAME_EDITABLE = ("toelichting", "contact_naam", "contact_email")
# Posts per person per hour: generous for a person, a wall for a script.
PER_UUR = 10
TRANSITIONS = (
    workflow.INDIENEN,
    workflow.PUBLICEREN,
    workflow.TERUGSTUREN,
    workflow.ARCHIVEREN,
    workflow.HERSTELLEN,
)


def free_slug(wanted: str) -> str:
    """``wanted`` as a slug, with a number added when another need has it."""
    words = re.split(r"[-_]+", slugify(wanted)[:190])
    base = "-".join(word for word in words if word) or "behoefte"
    slug, number = base, 1
    while Behoefte.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _refuse_too_many(user, model) -> None:
    """At most ``PER_UUR`` new records of ``model`` by one person in the last hour."""
    account = permissions.account(user)
    if account is None:
        return
    since = timezone.now() - timedelta(hours=1)
    recent = model.objects.filter(aangemaakt_door=account, aangemaakt_op__gte=since)
    if recent.count() >= PER_UUR:
        raise ServiceError(
            Code.TE_VAAK,
            f"U hebt het afgelopen uur al {PER_UUR} keer iets geplaatst; probeer het "
            "over een uur opnieuw.",
        )


def _values(values: dict | None, allowed: tuple[str, ...]) -> dict:
    unknown = set(values or {}) - set(allowed)
    if unknown:
        raise ValueError(f"Onbekende velden: {', '.join(sorted(unknown))}")
    return dict(values or {})


def _validated(obj, exclude: Iterable[str] = ()):
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        raise ServiceError.from_validation(exc) from exc
    return obj


def _lock(behoefte: Behoefte, expected_versie: int | None) -> Behoefte:
    locked = (
        Behoefte.objects.select_for_update(of=("self",))
        .select_related("organisatie")
        .get(pk=behoefte.pk)
    )
    if expected_versie is not None and locked.versie != expected_versie:
        raise ServiceError(
            Code.VEROUDERD,
            "Iemand anders heeft deze behoefte intussen gewijzigd. Laad de nieuwste "
            "versie en breng uw wijziging opnieuw aan.",
            current_versie=locked.versie,
        )
    return locked


def _set_relations(behoefte: Behoefte, themas, lagen) -> None:
    if themas is not None:
        behoefte.themas.set(list(themas))
    if lagen is not None:
        behoefte.lagen.set(list(lagen))


def _refuse_edit(user, behoefte: Behoefte) -> None:
    if permissions.can_edit(user, behoefte):
        return
    if permissions.role_in(user, behoefte.organisatie_id) is None:
        message = "U bent geen lid van de organisatie van deze behoefte."
    elif behoefte.publicatiestatus == Publicatiestatus.TER_BEOORDELING:
        message = "Alleen een publicist mag wijzigen wat ter beoordeling ligt."
    else:
        message = (
            "Een gepubliceerde of gearchiveerde behoefte verandert niet meer: anderen "
            "sloten zich aan bij wat er staat. Plaats een nieuwe behoefte."
        )
    raise ServiceError(Code.GEEN_TOEGANG, message)


def behoefte_create(
    *,
    user,
    organisatie: Organisatie,
    values: dict,
    themas: Iterable[Thema] | None = None,
    lagen: Iterable[Laag] | None = None,
    dry_run: bool = False,
) -> Behoefte:
    """A new need of ``organisatie``, as a concept (a publicist publishes it later)."""
    if permissions.role_in(user, organisatie.pk) is None:
        raise ServiceError(
            Code.GEEN_TOEGANG,
            "U mag alleen behoeften plaatsen voor een organisatie waarvan u lid bent.",
        )
    values = _values(values, EDITABLE)
    if not values.get("slug"):
        values["slug"] = free_slug(values.get("titel") or "")
    with writing():
        _refuse_too_many(user, Behoefte)
        behoefte = Behoefte(
            organisatie=organisatie,
            aangemaakt_door=permissions.account(user),
            inhoud_gewijzigd_door=permissions.account(user),
            **values,
        )
        _validated(behoefte)
        behoefte.save()
        _set_relations(behoefte, themas, lagen)
        record_history(behoefte, user, "Aangemaakt")
        if dry_run:
            transaction.set_rollback(True)
    return behoefte


def behoefte_update(
    *,
    user,
    behoefte: Behoefte,
    values: dict | None = None,
    themas: Iterable[Thema] | None = None,
    lagen: Iterable[Laag] | None = None,
    expected_versie: int | None = None,
    dry_run: bool = False,
) -> Behoefte:
    """Change a need that is not published yet; any part may be left out."""
    values = _values(values, EDITABLE)
    with writing():
        locked = _lock(behoefte, expected_versie)
        _refuse_edit(user, locked)
        for name, value in values.items():
            setattr(locked, name, value)
        if not locked.slug:
            locked.slug = free_slug(locked.titel)
        _validated(locked)
        locked.inhoud_gewijzigd_door = permissions.account(user)
        locked.versie += 1
        locked.save()
        _set_relations(locked, themas, lagen)
        record_history(locked, user, "Gewijzigd")
        if dry_run:
            transaction.set_rollback(True)
    return locked


def behoefte_delete(*, user, behoefte: Behoefte) -> None:
    """Only a concept that was never published goes; the rest is archived."""
    with writing():
        locked = _lock(behoefte, None)
        if not permissions.can_delete(user, locked):
            raise ServiceError(
                Code.GEEN_TOEGANG,
                "Alleen een concept dat nooit gepubliceerd was kan weg; archiveer de "
                "rest.",
            )
        record_history(locked, user, "Verwijderd")
        locked.delete()


def transition_refusal(behoefte: Behoefte, transition, user) -> ServiceError | None:
    if transition not in TRANSITIONS:
        return ServiceError(Code.STATUS, f"Onbekende actie ‘{transition.name}’.")
    return workflow.refusal(behoefte, transition, user)


def allowed_transitions(behoefte: Behoefte, user) -> list[workflow.Transition]:
    return [t for t in TRANSITIONS if workflow.refusal(behoefte, t, user) is None]


def behoefte_transition(
    *,
    user,
    behoefte: Behoefte,
    actie: str,
    reden: str = "",
    expected_versie: int | None = None,
) -> Behoefte:
    """One step of the editorial workflow, judged by ``registry.workflow``."""
    transition = workflow.TRANSITIONS.get(actie)
    reden = (reden or "").strip()
    with writing():
        locked = _lock(behoefte, expected_versie)
        refused = (
            ServiceError(Code.STATUS, f"Onbekende actie ‘{actie}’.")
            if transition is None
            else transition_refusal(locked, transition, user)
        )
        if refused is not None:
            raise refused
        if transition.needs_reason and not reden:
            raise ServiceError(
                Code.ONGELDIG,
                "Geef een reden op, zodat de redacteur weet wat er moet gebeuren.",
                field_errors={"reden": ["Dit veld is verplicht."]},
            )
        target = transition.target
        if transition is workflow.HERSTELLEN and locked.gepubliceerd_op is None:
            target = Publicatiestatus.CONCEPT
        if transition.validates and target == Publicatiestatus.GEPUBLICEERD:
            problems = locked.publication_problems()
            if problems:
                raise ServiceError(
                    Code.ONVOLLEDIG,
                    "Nog niet klaar om te publiceren: vul eerst de gemarkeerde velden in.",
                    field_errors=problems,
                )
        locked.publicatiestatus = target
        if transition is workflow.INDIENEN:
            locked.ingediend_door = permissions.account(user)
            locked.beoordeling_opmerking = ""
        elif transition is workflow.TERUGSTUREN:
            locked.beoordeling_opmerking = reden
        if transition is workflow.PUBLICEREN:
            locked.gepubliceerd_op = timezone.now()
        locked.versie += 1
        locked.save()
        record_history(locked, user, transition.label + (f": {reden}" if reden else ""))
    return locked


def behoefte_close(
    *,
    user,
    behoefte: Behoefte,
    bouwsteen: Bouwsteen | None,
    expected_versie: int | None = None,
) -> Behoefte:
    """A publicist of the owner closes the need: ``bouwsteen`` answers it (None: the
    caller found no such block, refused after the rights, as invalid input)."""
    with writing():
        locked = _lock(behoefte, expected_versie)
        role = permissions.role_in(user, locked.organisatie_id)
        if role is None:
            raise ServiceError(
                Code.GEEN_TOEGANG,
                "U bent geen lid van de organisatie van deze behoefte.",
            )
        if role != Rol.PUBLICIST:
            raise ServiceError(
                Code.GEEN_TOEGANG, "Alleen een publicist mag een behoefte sluiten."
            )
        if not locked.is_published:
            raise ServiceError(
                Code.STATUS, "Alleen een gepubliceerde behoefte kan worden gesloten."
            )
        if locked.is_gesloten:
            raise ServiceError(Code.STATUS, "Deze behoefte is al gesloten.")
        answer = (
            Bouwsteen.objects.filter(pk=bouwsteen.pk).published().first()
            if bouwsteen is not None
            else None
        )
        if answer is None:
            raise ServiceError(
                Code.ONGELDIG,
                "Alleen een gepubliceerde bouwsteen kan een behoefte beantwoorden.",
                field_errors={"bouwsteen": ["Kies een gepubliceerde bouwsteen."]},
            )
        locked.beantwoord_door = answer
        locked.gesloten_op = timezone.now()
        locked.versie += 1
        locked.save()
        record_history(locked, user, f"Gesloten: beantwoord door {answer.naam}")
    return locked


def deelname_add(
    *, user, behoefte: Behoefte, organisatie: Organisatie, values: dict | None = None
) -> Deelname:
    """ "Wij ook": a member of ``organisatie`` says it needs the same, once."""
    values = _values(values, DEELNAME_EDITABLE)
    if organisatie.pk not in permissions.roles_of(user):
        # A real membership: a beheerder does not speak for every organisation.
        raise ServiceError(
            Code.GEEN_TOEGANG,
            "U kunt alleen aansluiten namens een organisatie waarvan u lid bent.",
        )
    with writing():
        locked = _lock(behoefte, None)
        if not locked.is_published or locked.is_gesloten:
            raise ServiceError(
                Code.STATUS,
                "Aansluiten kan alleen bij een gepubliceerde behoefte die nog open is.",
            )
        if organisatie.pk == locked.organisatie_id:
            raise ServiceError(
                Code.EIGENAAR,
                "Dit is de behoefte van uw eigen organisatie.",
                field_errors={"organisatie": ["Kies een andere organisatie."]},
            )
        if Deelname.objects.filter(behoefte=locked, organisatie=organisatie).exists():
            raise ServiceError(
                Code.BESTAAT_AL,
                f"{organisatie.naam} heeft zich al bij deze behoefte aangesloten.",
            )
        _refuse_too_many(user, Deelname)
        deelname = _validated(
            Deelname(
                behoefte=locked,
                organisatie=organisatie,
                aangemaakt_door=permissions.account(user),
                **values,
            ),
            # Checked above under the lock, with the organisation's name.
            exclude=["behoefte"],
        )
        deelname.save()
        record_history(deelname, user, f"Wij ook: {organisatie.naam}")
    return deelname


def deelname_withdraw(*, user, deelname: Deelname) -> None:
    """A member of the joining organisation takes its "wij ook" back."""
    if deelname.organisatie_id not in permissions.roles_of(user):
        raise ServiceError(
            Code.GEEN_TOEGANG,
            "Alleen leden van de organisatie die zich aansloot kunnen dit intrekken.",
        )
    with writing():
        locked = Deelname.objects.select_for_update().get(pk=deelname.pk)
        record_history(locked, user, "Wij ook ingetrokken")
        locked.delete()
