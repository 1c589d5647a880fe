"""Creating, changing and deleting a building block, and its relations.

Every function locks the block, checks the version the caller started from, checks the
writer's rights, validates the whole content, bumps ``versie``, updates the search index
and records history, in one transaction (``core.door.writing``); ``guards`` holds the
checks. The workflow is in ``workflow``, restoring in ``restore``. A published block is
never changed in place: a change goes into its concept (``BouwsteenConcept``), which a
second person publishes.
"""

import re
from collections.abc import Iterable

from django.db import transaction
from django.utils.text import slugify

from bouwstenen import search, weergave
from bouwstenen.models import Bouwsteen, BouwsteenConcept, Relatie
from bouwstenen.selectors import bouwstenen_visible_to
from bouwstenen.services import content, guards
from bouwstenen.services.history import record_history
from core.door import writing
from core.errors import Code, ServiceError
from registry import permissions
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
        view = content.view_of(bouwsteen, inhoud)
        content.validate(view, inhoud, visible_targets=bouwstenen_visible_to(user))
        bouwsteen.inhoud_gewijzigd_door = permissions.account(user)
        content.apply(bouwsteen, inhoud, before=content.empty(), shown=view)
        search.reindex_written(bouwsteen)
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
        locked = guards.lock(bouwsteen, expected_versie)
        if organisatie is not None and organisatie.pk != locked.organisatie_id:
            raise ServiceError(
                Code.EIGENAAR,
                "Een bouwsteen gaat alleen naar een andere organisatie met een "
                "overdracht, die de andere kant accepteert.",
                field_errors={
                    "organisatie": ["Wijzig de eigenaar met een overdracht."]
                },
            )
        guards.refuse_edit(user, locked)
        # What the public (or, for a draft, everyone) sees now, read once: the base of
        # the change, and for a published block what its concept is compared with.
        live = content.snapshot_of(content.with_linked(locked))
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
        content.validate(
            view,
            inhoud,
            visible_targets=bouwstenen_visible_to(user),
            own_slug=locked.slug,
        )
        what = ", ".join(content.changed_fields(base, inhoud)) or "niets"
        if locked.is_published:
            guards.refuse_incomplete(view)
            werkversie = _save_concept(locked, werkversie, inhoud, live, user)
            locked.versie += 1
            locked.save(update_fields=["versie", "gewijzigd_op"])
            also = [werkversie] if werkversie else []
            record_history(locked, user, comment or f"Concept gewijzigd: {what}", *also)
        else:
            locked.versie += 1
            locked.inhoud_gewijzigd_door = permissions.account(user)
            content.apply(locked, inhoud, before=live, shown=view)
            search.reindex_written(locked)
            record_history(locked, user, comment or f"Gewijzigd: {what}")
        weergave.hold(locked)
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
        locked = guards.lock(bouwsteen, None)
        if not permissions.can_delete(user, locked):
            raise ServiceError(
                Code.GEEN_TOEGANG,
                "Alleen een concept dat nooit gepubliceerd was, kan worden verwijderd; "
                "archiveer de bouwsteen anders.",
            )
        record_history(locked, user, "Verwijderd")
        locked.delete()


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
        locked = guards.lock(van, expected_versie)
        guards.refuse_edit(user, locked)
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
        locked = guards.lock(van, expected_versie)
        guards.refuse_edit(user, locked)
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
