"""Creating, changing, publishing, archiving, restoring and deleting a building block.

Every function locks the block, checks the version the caller started from, checks the
writer's rights, validates the whole content, bumps ``versie``, updates the search index
and records history, in one transaction (``core.door.writing``). A published block is
never changed in place: a change goes into its concept (``BouwsteenConcept``), which a
second person publishes.
"""

import re
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from bouwstenen import search
from bouwstenen.models import Bouwsteen, BouwsteenConcept, Relatie
from bouwstenen.selectors import bouwstenen_visible_to
from bouwstenen.services import content
from bouwstenen.services.history import record_history
from core.door import writing
from core.errors import Code, ServiceError
from registry import permissions, workflow
from registry.constants import Publicatiestatus
from registry.models import Organisatie


def free_slug(wanted: str) -> str:
    """``wanted`` as a slug, with a number added when another block has it."""
    words = re.split(r"[-_]+", slugify(wanted)[:190])
    base = "-".join(word for word in words if word) or "bouwsteen"
    slug, number = base, 1
    while Bouwsteen.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _lock(bouwsteen: Bouwsteen, expected_versie: int | None) -> Bouwsteen:
    locked = (
        Bouwsteen.objects.select_for_update(of=("self",))
        .select_related("organisatie")
        .get(pk=bouwsteen.pk)
    )
    if expected_versie is not None and locked.versie != expected_versie:
        raise ServiceError(
            Code.VEROUDERD,
            "Iemand anders heeft deze bouwsteen intussen gewijzigd. Laad de nieuwste "
            "versie en breng uw wijziging opnieuw aan.",
            current_versie=locked.versie,
        )
    return locked


def _refuse_edit(user, bouwsteen: Bouwsteen) -> None:
    if permissions.can_edit(user, bouwsteen):
        return
    if bouwsteen.is_geoogst:
        message = (
            f"Deze bouwsteen is geoogst uit {bouwsteen.bron_register} en wordt daar "
            "bijgehouden; hier kan hij niet worden gewijzigd."
        )
    elif permissions.role_in(user, bouwsteen.organisatie_id) is None:
        message = "U bent geen lid van de organisatie van deze bouwsteen."
    elif bouwsteen.publicatiestatus == Publicatiestatus.GEARCHIVEERD:
        message = (
            "Een gearchiveerde bouwsteen kan niet worden gewijzigd; herstel hem eerst."
        )
    else:
        message = "Alleen een publicist mag wijzigen wat ter beoordeling ligt."
    raise ServiceError(Code.GEEN_TOEGANG, message)


STAYS_COMPLETE = (
    "Een gepubliceerde bouwsteen blijft compleet: vul eerst de gemarkeerde velden in."
)
NOT_READY = "Nog niet klaar om te publiceren: vul eerst de gemarkeerde velden in."


def _publication_problems(view: Bouwsteen, message: str = STAYS_COMPLETE) -> None:
    problems = view.publication_problems()
    if problems:
        raise ServiceError(Code.ONVOLLEDIG, message, field_errors=problems)


def current_content(bouwsteen: Bouwsteen) -> tuple[Bouwsteen, content.Inhoud]:
    """What a change of ``bouwsteen`` starts from: its concept if it has one, else itself.

    Returns a view (an unsaved block showing that content) and the content.
    """
    werkversie = bouwsteen.werkversie if bouwsteen.is_published else None
    if werkversie is None:
        return bouwsteen, content.snapshot_of(bouwsteen)
    return content.view_of(bouwsteen, werkversie.inhoud), werkversie.inhoud


def bouwsteen_create(
    *,
    user,
    organisatie: Organisatie,
    values: dict,
    relations: dict[str, Iterable] | None = None,
    answers: dict[str, dict | None] | None = None,
    relaties: Iterable | None = None,
    herkomst: dict | None = None,
    comment: str = "Aangemaakt",
    dry_run: bool = False,
) -> Bouwsteen:
    """A new block of ``organisatie``, as a concept (a publicist reviews it later).

    ``dry_run`` checks everything and stores nothing."""
    if permissions.role_in(user, organisatie.pk) is None:
        raise ServiceError(
            Code.GEEN_TOEGANG,
            "U mag alleen bouwstenen aanmaken voor een organisatie waarvan u lid bent.",
        )
    values = dict(values)
    if not values.get("slug"):
        values["slug"] = free_slug(values.get("naam") or "")
    with writing():
        bouwsteen = Bouwsteen(organisatie=organisatie)
        inhoud = content.merged(
            content.empty(),
            values=values,
            relations=relations,
            answers=answers,
            relaties=relaties,
            herkomst=herkomst,
        )
        content.validate(
            content.view_of(bouwsteen, inhoud),
            inhoud,
            visible_targets=bouwstenen_visible_to(user),
        )
        bouwsteen.inhoud_gewijzigd_door = permissions.account(user)
        content.apply(bouwsteen, inhoud)
        search.reindex([bouwsteen.pk])
        record_history(bouwsteen, user, comment)
        if dry_run:
            transaction.set_rollback(True)
    return bouwsteen


def bouwsteen_update(
    *,
    bouwsteen: Bouwsteen,
    user,
    values: dict | None = None,
    relations: dict[str, Iterable] | None = None,
    answers: dict[str, dict | None] | None = None,
    relaties: Iterable | None = None,
    herkomst: dict | None = None,
    expected_versie: int | None = None,
    comment: str = "",
    dry_run: bool = False,
) -> Bouwsteen:
    """Change what the owner says about a block; any part may be left out.

    A draft or a block under review changes in place. A published block gets (or
    extends) its concept and stays as it is until a second person publishes that. A
    published block and its concept stay complete. ``dry_run`` checks everything and
    stores nothing (the admin asks it before it saves, to show errors in the form).
    """
    values = dict(values or {})
    organisatie = values.pop("organisatie", None)
    with writing():
        locked = _lock(bouwsteen, expected_versie)
        if organisatie is not None and organisatie.pk != locked.organisatie_id:
            raise ServiceError(
                Code.EIGENAAR,
                "Een bouwsteen gaat alleen naar een andere organisatie met een "
                "overdracht, die de andere kant accepteert.",
                field_errors={
                    "organisatie": ["Wijzig de eigenaar met een overdracht."]
                },
            )
        _refuse_edit(user, locked)
        # What the public (or, for a draft, everyone) sees now, read once: the base of
        # the change, and for a published block what its concept is compared with.
        live = content.snapshot_of(locked)
        werkversie = locked.werkversie if locked.is_published else None
        base = werkversie.inhoud if werkversie else live
        inhoud = content.merged(
            base,
            values=values,
            relations=relations,
            answers=answers,
            relaties=relaties,
            herkomst=herkomst,
        )
        view = content.view_of(locked, inhoud)
        content.validate(view, inhoud, visible_targets=bouwstenen_visible_to(user))
        what = ", ".join(content.changed_fields(base, inhoud)) or "niets"
        if locked.is_published:
            _publication_problems(view)
            werkversie = _save_concept(locked, werkversie, inhoud, live, user)
            locked.versie += 1
            locked.save(update_fields=["versie", "gewijzigd_op"])
            also = [werkversie] if werkversie else []
            record_history(locked, user, comment or f"Concept gewijzigd: {what}", *also)
        else:
            locked.versie += 1
            locked.inhoud_gewijzigd_door = permissions.account(user)
            content.apply(locked, inhoud)
            search.reindex([locked.pk])
            record_history(locked, user, comment or f"Gewijzigd: {what}")
        if dry_run:
            transaction.set_rollback(True)
    return locked


def _save_concept(
    locked: Bouwsteen,
    werkversie: BouwsteenConcept | None,
    inhoud: content.Inhoud,
    live: content.Inhoud,
    user,
):
    """Store ``inhoud`` as the concept of the published ``locked``; a concept that says
    the same as the published block (``live``) is dropped: nothing is left to review."""
    if inhoud == live:
        if werkversie is not None:
            werkversie.delete()
            locked.forget_concept()
        return None
    werkversie = werkversie or BouwsteenConcept(bouwsteen=locked)
    werkversie.inhoud = inhoud
    werkversie.inhoud_gewijzigd_door = permissions.account(user)
    werkversie.save()
    return werkversie


def bouwsteen_delete(*, bouwsteen: Bouwsteen, user) -> None:
    """Only a draft that was never published; the rest is archived (nothing is lost)."""
    with writing():
        locked = _lock(bouwsteen, None)
        if not permissions.can_delete(user, locked):
            raise ServiceError(
                Code.GEEN_TOEGANG,
                "Alleen een concept dat nooit gepubliceerd was, kan worden verwijderd; "
                "archiveer de bouwsteen anders.",
            )
        record_history(locked, user, "Verwijderd")
        locked.delete()


# --- the workflow ------------------------------------------------------------------


def subject_of(bouwsteen: Bouwsteen, transition: workflow.Transition):
    """What ``transition`` acts on: the concept of a published block, or the block."""
    werkversie = bouwsteen.werkversie if bouwsteen.is_published else None
    if werkversie is not None and transition.subject != workflow.RECORD:
        return werkversie
    return bouwsteen


def allowed_transitions(bouwsteen: Bouwsteen, user) -> list[workflow.Transition]:
    return [
        t
        for t in workflow.TRANSITIONS.values()
        if workflow.refusal(subject_of(bouwsteen, t), t, user) is None
    ]


def transition_refusal(bouwsteen: Bouwsteen, transition, user) -> ServiceError | None:
    return workflow.refusal(subject_of(bouwsteen, transition), transition, user)


def bouwsteen_transition(
    *,
    bouwsteen: Bouwsteen,
    user,
    actie: str,
    reden: str = "",
    expected_versie: int | None = None,
) -> Bouwsteen:
    """Take a workflow step on the block, or on its concept when it is published."""
    transition = workflow.TRANSITIONS.get(actie)
    if transition is None:
        raise ServiceError(Code.STATUS, f"Onbekende actie ‘{actie}’.")
    reden = (reden or "").strip()
    with writing():
        locked = _lock(bouwsteen, expected_versie)
        subject = subject_of(locked, transition)
        refused = workflow.refusal(subject, transition, user)
        if refused is not None:
            raise refused
        if transition.needs_reason and not reden:
            raise ServiceError(
                Code.ONGELDIG,
                "Geef een reden op, zodat de redacteur weet wat er moet gebeuren.",
                field_errors={"reden": ["Dit veld is verplicht."]},
            )
        if subject is locked:
            also = _step_block(locked, transition, user, reden)
        else:
            also = _step_concept(locked, subject, transition, user, reden)
        locked.versie += 1
        locked.save()
        comment = transition.label + (f": {reden}" if reden else "")
        if subject is not locked:
            comment = f"Concept: {comment}"
        record_history(locked, user, comment, *also)
    return locked


def _step_block(locked: Bouwsteen, transition, user, reden: str) -> list:
    target = transition.target
    if transition is workflow.HERSTELLEN and locked.gepubliceerd_op is None:
        target = Publicatiestatus.CONCEPT
    if transition.validates and target == Publicatiestatus.GEPUBLICEERD:
        _publication_problems(locked, NOT_READY)
    locked.publicatiestatus = target
    if transition is workflow.INDIENEN:
        locked.ingediend_door = permissions.account(user)
        locked.beoordeling_opmerking = ""
    elif transition is workflow.TERUGSTUREN:
        locked.beoordeling_opmerking = reden
    if target == Publicatiestatus.GEPUBLICEERD:
        locked.gepubliceerd_op = timezone.now()
    return []


def _step_concept(locked: Bouwsteen, werkversie, transition, user, reden: str) -> list:
    if transition is workflow.PUBLICEREN:
        view = content.view_of(locked, werkversie.inhoud)
        _publication_problems(view, NOT_READY)
        locked.inhoud_gewijzigd_door = werkversie.inhoud_gewijzigd_door
        locked.gepubliceerd_op = timezone.now()
        content.apply(locked, werkversie.inhoud)
        werkversie.delete()
        locked.forget_concept()
        search.reindex([locked.pk])
        return []
    if transition is workflow.VERWERPEN:
        werkversie.delete()
        locked.forget_concept()
        return []
    werkversie.publicatiestatus = transition.target
    if transition is workflow.INDIENEN:
        werkversie.ingediend_door = permissions.account(user)
        werkversie.beoordeling_opmerking = ""
    elif transition is workflow.TERUGSTUREN:
        werkversie.beoordeling_opmerking = reden
    werkversie.save()
    return [werkversie]


# --- restoring an earlier version ----------------------------------------------------


def bouwsteen_restore_version(
    *, bouwsteen: Bouwsteen, user, field_dict: dict, label: str
) -> Bouwsteen:
    """Bring back the content of an earlier version (``field_dict`` of a stored version),
    as any change: in place for a draft, as a concept for a published block. The workflow
    status and the owner stay as they are."""
    values, relations = {}, {}
    for name in content.FIELDS:
        field = Bouwsteen._meta.get_field(name)
        if field.attname in field_dict:
            values[name] = field_dict[field.attname]
    for name in content.M2M:
        if name in field_dict:
            relations[name] = field_dict[name]
    return bouwsteen_update(
        bouwsteen=bouwsteen,
        user=user,
        values=values,
        relations=relations,
        expected_versie=bouwsteen.versie,
        comment=f"Versie van {label} hersteld",
    )


# --- what the owner says about the block besides its fields ---------------------------


def opschalingscheck_save(
    *,
    user,
    bouwsteen: Bouwsteen,
    answers: dict[str, dict | None],
    expected_versie: int | None = None,
) -> Bouwsteen:
    """Give or change answers of the opschalingscheck (per precondition code); the others
    stay as they are. Like any change: a published block gets a concept."""
    return bouwsteen_update(
        bouwsteen=bouwsteen,
        user=user,
        answers=answers,
        expected_versie=expected_versie,
        comment="Opschalingscheck bijgewerkt",
    )


def relatie_add(
    *,
    user,
    van: Bouwsteen,
    type: str,
    naar: Bouwsteen,
    expected_versie: int | None = None,
) -> Bouwsteen:
    with writing():
        locked = _lock(van, expected_versie)
        _refuse_edit(user, locked)
        _view, inhoud = current_content(locked)
        if [type, naar.pk] in inhoud["relaties"]:
            raise ServiceError(Code.BESTAAT_AL, "Deze relatie bestaat al.")
        label = dict(Relatie._meta.get_field("type").flatchoices).get(type, type)
        return bouwsteen_update(
            bouwsteen=locked,
            user=user,
            relaties=[*inhoud["relaties"], (type, naar.pk)],
            comment=f"Relatie toegevoegd: {label} {naar.naam}",
        )


def relatie_remove(
    *,
    user,
    van: Bouwsteen,
    type: str,
    naar: Bouwsteen,
    expected_versie: int | None = None,
) -> Bouwsteen:
    with writing():
        locked = _lock(van, expected_versie)
        _refuse_edit(user, locked)
        _view, inhoud = current_content(locked)
        if [type, naar.pk] not in inhoud["relaties"]:
            raise ServiceError(
                Code.NIET_GEVONDEN,
                "Deze bouwsteen heeft geen relatie van dit type naar die bouwsteen.",
            )
        label = dict(Relatie._meta.get_field("type").flatchoices).get(type, type)
        return bouwsteen_update(
            bouwsteen=locked,
            user=user,
            relaties=[pair for pair in inhoud["relaties"] if pair != [type, naar.pk]],
            comment=f"Relatie verwijderd: {label} {naar.naam}",
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
    values = {
        name: field_dict[Bouwsteen._meta.get_field(name).attname]
        for name in content.FIELDS
        if Bouwsteen._meta.get_field(name).attname in field_dict
    }
    return bouwsteen_create(
        user=user,
        organisatie=organisatie,
        values=values,
        relations={name: field_dict.get(name, []) for name in content.M2M},
        comment=f"Teruggehaald uit de versie van {label}",
    )
