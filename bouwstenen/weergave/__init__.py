"""The stored representation of every published block, kept equal to what the API renders.

Reads of the public API (and the catalogue's cards) serve the representation a write
stored (``Weergave``), instead of building model instances, prefetches and serializers for
every block on every request. So everything that changes what a block shows must say so:
``changed`` notes the blocks at the write door (``core.door.note``), and when the outermost
write ends, the API's renderer (``bouwstenen.api.weergave``, registered in the app's
``ready``) renders each noted block once, inside the same transaction.

What a block shows comes from several tables; ``sync`` connects their signals, so a write
through any path (a service, the admin, a command, a test's factory) reaches this module.
Bulk writes that send no signals (``bulk_create``, ``loaddata``) call ``changed`` themselves.
A write outside the door (test set-up, a shell) is rendered at once, in a door of its own.
"""

from collections.abc import Iterable

from core import door

# Kinds of notes: blocks to render; blocks to render with the blocks related to them
# (whose detail shows their name, owner and whether they are public); and the reference
# data whose name a block shows.
BLOK = "weergave.bouwsteen"
BLOK_EN_BUREN = "weergave.bouwsteen-en-buren"
ORGANISATIE = "weergave.organisatie"
THEMA = "weergave.thema"
REFERENTIECOMPONENT = "weergave.referentiecomponent"
ALLE = "weergave.alle"
KINDS = (BLOK, BLOK_EN_BUREN, ORGANISATIE, THEMA, REFERENTIECOMPONENT, ALLE)


def changed(kind: str, pks: Iterable) -> None:
    """What these rows show changed: render them when the current write ends (or now)."""
    pks = [pk for pk in pks if pk is not None]
    if not pks:
        return
    if not door.note(kind, pks):
        with door.writing():
            door.note(kind, pks)


def changed_all() -> None:
    """Every block (a restore, a bulk load): rendered when the write ends."""
    changed(ALLE, [True])
