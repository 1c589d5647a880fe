"""Which writes change what a block shows: the signals that feed ``bouwstenen.weergave``.

A block shows its own fields, its thema's, layers and GEMMA components, its confirmed
reuse (and, in its publiccode.yml, the names of the organisations that use it), its
opschalingscheck, and its relations with the name and owner of the block at the
other end (when that one is public). So a block re-renders when any of those rows change,
and a block's name, owner or status reaches the blocks related to it.
"""

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from bouwstenen import weergave
from bouwstenen.models import (
    Bouwsteen,
    BouwsteenConcept,
    Hergebruik,
    Opschalingsantwoord,
    Overdracht,
    Relatie,
)
from registry.models import Laag, Organisatie, Referentiecomponent, Thema

# The fields of the reference data a block's representation (or its publiccode.yml)
# shows.
SHOWN = {
    Organisatie: ({"code", "naam", "soort", "tooi_uri"}, weergave.ORGANISATIE),
    Thema: ({"slug", "naam", "publiccode_scope"}, weergave.THEMA),
    Referentiecomponent: ({"gemma_id", "naam"}, weergave.REFERENTIECOMPONENT),
    # The layers in their order (the detail's list, publiccode.yml's layerType).
    Laag: ({"slug", "naam", "volgorde"}, weergave.LAAG),
}
# The rows about one block, by the field that names it.
ABOUT_A_BLOCK = (BouwsteenConcept, Hergebruik, Opschalingsantwoord, Overdracht)


def _block_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        weergave.changed(weergave.BLOK_EN_BUREN, [instance.pk])


def _block_deleting(sender, instance, **kwargs):
    # After the delete its relations are gone; the blocks that showed it are known now.
    # (Nothing renders before the delete is done: the door renders when it ends, and a
    # write outside it waits for the next read.)
    ends = Relatie.objects.filter(Q(van=instance) | Q(naar=instance)).values_list(
        "van_id", "naar_id"
    )
    weergave.changed(
        weergave.BLOK, {pk for pair in ends for pk in pair} - {instance.pk}
    )


def _about_block(sender, instance, raw=False, **kwargs):
    if not raw:
        weergave.changed(weergave.BLOK, [instance.bouwsteen_id])


def _relatie(sender, instance, raw=False, **kwargs):
    if not raw:
        weergave.changed(weergave.BLOK, [instance.van_id, instance.naar_id])


def _block_links(sender, instance, action, reverse, pk_set, **kwargs):
    """A block's thema's, layers or components: either side of the relation."""
    if not action.startswith("post_"):
        return
    if not reverse:
        weergave.changed(weergave.BLOK, [instance.pk])
    elif pk_set:
        weergave.changed(weergave.BLOK, pk_set)
    elif action == "post_clear":
        # The blocks are gone from the relation by now; render every block of its kind.
        weergave.changed_all()


def _reference_saved(sender, instance, created, raw=False, update_fields=None, **kw):
    fields, kind = SHOWN[sender]
    if (
        created
        or raw
        or (update_fields is not None and not fields & set(update_fields))
    ):
        return
    weergave.changed(kind, [instance.pk])


# The reference data linked to blocks (by the models' kinds in SHOWN).
LINKED = [model for model, (_f, kind) in SHOWN.items() if kind in weergave.LINK_FIELDS]


def _reference_deleting(sender, instance, **kwargs):
    """A thema, component or layer about to go: its links to blocks go with it without
    a signal (Django deletes rows of an automatic link table directly), so the blocks
    that show it are noted now."""
    field = weergave.LINK_FIELDS[SHOWN[sender][1]]
    weergave.changed(
        weergave.BLOK,
        Bouwsteen.objects.filter(**{field: instance}).values_list("pk", flat=True),
    )


def connect() -> None:
    uid = "bouwstenen-weergave"
    post_save.connect(_block_saved, sender=Bouwsteen, dispatch_uid=f"{uid}-blok")
    pre_delete.connect(
        _block_deleting, sender=Bouwsteen, dispatch_uid=f"{uid}-blok-gaat"
    )
    for when, signal in (("bewaard", post_save), ("weg", post_delete)):
        for model in ABOUT_A_BLOCK:
            signal.connect(
                _about_block,
                sender=model,
                dispatch_uid=f"{uid}-{model.__name__}-{when}",
            )
        signal.connect(_relatie, sender=Relatie, dispatch_uid=f"{uid}-relatie-{when}")
    for name in ("themas", "lagen", "referentiecomponenten"):
        m2m_changed.connect(
            _block_links,
            sender=getattr(Bouwsteen, name).through,
            dispatch_uid=f"{uid}-{name}",
        )
    for model in SHOWN:
        post_save.connect(
            _reference_saved, sender=model, dispatch_uid=f"{uid}-{model.__name__}"
        )
    for model in LINKED:
        pre_delete.connect(
            _reference_deleting,
            sender=model,
            dispatch_uid=f"{uid}-{model.__name__}-gaat",
        )
