"""The workflow of a building block: submit, return, publish, archive, restore.

A published block's own steps (archive, restore) act on the block; the review steps act
on its concept when it has one, and publishing the concept makes it the public block.
Offering for review and publishing ask for every part of the completeness rule
(bouwstenen.completeness); restoring asks only what a public page needs.
"""

from django.utils import timezone

from bouwstenen import meldingen, search, weergave
from bouwstenen.models import Bouwsteen
from bouwstenen.services import content, guards
from bouwstenen.services.history import record_history
from core.door import writing
from core.errors import Code, ServiceError
from registry import permissions, workflow
from registry.constants import Publicatiestatus


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
        locked = guards.lock(bouwsteen, expected_versie)
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
        indiener = subject.ingediend_door
        was_published = locked.is_published
        if subject is locked:
            # Read once, after the refusals, for the completeness check, the search
            # document, the history and the answer (selectors.bouwsteen_fresh), which
            # would each ask for the thema's, layers, components and answers.
            content.with_linked(locked)
            also = _step_block(locked, transition, user, reden)
        else:
            also = _step_concept(locked, subject, transition, user, reden)
        locked.versie += 1
        locked.save()
        if subject is locked and locked.is_published != was_published:
            # Only a public block's words are in the search vocabulary (a typo is
            # corrected towards them): publishing adds them, archiving takes them away.
            search.reindex_written(locked)
        comment = transition.label + (f": {reden}" if reden else "")
        if subject is not locked:
            comment = f"Concept: {comment}"
        record_history(locked, user, comment, *also)
        _tell(locked, transition, user, indiener, reden, concept=subject is not locked)
        weergave.hold(locked)
    return locked


def _tell(locked: Bouwsteen, transition, user, indiener, reden: str, *, concept):
    """The e-mails a step sends (stored with it, sent after the commit)."""
    if transition is workflow.INDIENEN:
        meldingen.ingediend(locked, door=user, concept=concept)
    elif transition is workflow.TERUGSTUREN:
        meldingen.teruggestuurd(
            locked, indiener=indiener, door=user, reden=reden, concept=concept
        )
    elif transition is workflow.PUBLICEREN:
        meldingen.gepubliceerd(locked, indiener=indiener, door=user, concept=concept)


def _step_block(locked: Bouwsteen, transition, user, reden: str) -> list:
    target = transition.target
    if transition is workflow.HERSTELLEN and locked.gepubliceerd_op is None:
        target = Publicatiestatus.CONCEPT
    if transition is workflow.INDIENEN:
        guards.refuse_not_ready(locked, guards.NOT_READY_FOR_REVIEW)
    elif transition is workflow.PUBLICEREN:
        guards.refuse_not_ready(locked, guards.NOT_READY_TO_PUBLISH)
    elif transition.validates and target == Publicatiestatus.GEPUBLICEERD:
        # Restoring what was public before (perhaps imported, never reviewed here):
        # the rule of a public page, not the review's.
        guards.refuse_incomplete(locked, guards.NOT_READY)
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
    if transition is workflow.INDIENEN:
        view = content.view_of(locked, werkversie.inhoud)
        guards.refuse_not_ready(view, guards.NOT_READY_FOR_REVIEW)
    if transition is workflow.PUBLICEREN:
        view = content.view_of(locked, werkversie.inhoud)
        guards.refuse_not_ready(view, guards.NOT_READY_TO_PUBLISH)
        locked.inhoud_gewijzigd_door = werkversie.inhoud_gewijzigd_door
        locked.gepubliceerd_op = timezone.now()
        content.apply(locked, werkversie.inhoud, shown=view)
        werkversie.delete()
        locked.forget_concept()
        search.reindex_written(locked)
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
