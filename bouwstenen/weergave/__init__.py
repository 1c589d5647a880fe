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

A write outside the door (test set-up, a shell; a request or command cannot, core.door)
is kept as pending and rendered, once per block, by the next read of the stored
representations or the next write through the door in this process, or when the process
ends: a factory that saves a block, sets its thema's and adds its reuse makes one
rendering, not six.
"""

import atexit
import logging
import threading
from collections.abc import Iterable

from core import door

logger = logging.getLogger(__name__)

# Kinds of notes: blocks to render; blocks to render with the blocks related to them
# (whose detail shows their name, owner and whether they are public); and the reference
# data whose name (or order) a block shows.
BLOK = "weergave.bouwsteen"
BLOK_EN_BUREN = "weergave.bouwsteen-en-buren"
ORGANISATIE = "weergave.organisatie"
THEMA = "weergave.thema"
REFERENTIECOMPONENT = "weergave.referentiecomponent"
LAAG = "weergave.laag"
ALLE = "weergave.alle"
KINDS = (BLOK, BLOK_EN_BUREN, ORGANISATIE, THEMA, REFERENTIECOMPONENT, LAAG, ALLE)
# The reference data linked to blocks, by kind: the block's field that links them.
LINK_FIELDS = {
    THEMA: "themas",
    REFERENTIECOMPONENT: "referentiecomponenten",
    LAAG: "lagen",
}
# Blocks as a service left them, with what it read or wrote of their content in memory.
GEHOUDEN = "weergave.gehouden"


_pending: dict[str, set] = {}
_pending_lock = threading.Lock()


def changed(kind: str, pks: Iterable) -> None:
    """What these rows show changed: render them when the current write ends (or, for a
    write outside the door, at the next read or write of this process)."""
    pks = [pk for pk in pks if pk is not None]
    if not pks:
        return
    if not door.note(kind, pks):
        with _pending_lock:
            _pending[kind] = _pending.get(kind, set()) | set(pks)


def hold(bouwsteen) -> None:
    """Hand the renderer the block as the service left it: its row and what it holds of
    its thema's, layers, components and answers are rendered from memory instead of
    read again (``bouwstenen.detail.bouwsteen_fresh``). Only from the outermost write, as its
    last step: nothing can change the block after it before the rendering."""
    if door.outermost():
        door.note(GEHOUDEN, [bouwsteen])


def flush() -> None:
    """Render what writes outside the door left pending, through a door of its own."""
    with _pending_lock:
        if not _pending:
            return
        notes = dict(_pending)
        _pending.clear()
    with door.writing():
        for kind, pks in notes.items():
            door.note(kind, pks)


def take_pending(notes: dict[str, set]) -> None:
    """Move what is pending into ``notes`` (a write through the door renders it too)."""
    with _pending_lock:
        for kind, pks in _pending.items():
            notes[kind] = notes.get(kind, set()) | pks
        _pending.clear()


def discard() -> None:
    """Forget what is pending (a test whose database is gone)."""
    with _pending_lock:
        _pending.clear()


@atexit.register
def _flush_at_exit() -> None:
    if not _pending:
        return
    try:
        flush()
    except Exception:  # noqa: BLE001 - at exit there is no one left to tell but the log
        logger.exception(
            "Opgeslagen weergaven niet bijgewerkt; draai rebuild_representations."
        )


def changed_all() -> None:
    """Every block (a restore, a bulk load): rendered when the write ends."""
    changed(ALLE, [True])
