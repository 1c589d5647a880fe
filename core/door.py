"""The one door for writes: inside a request or a command, only the services write.

An app registers the models whose every write must go through its services
(``guard``). While a request is served (``GuardWritesMiddleware``) or one of the
project's management commands runs (``GuardedCommand``), saving, deleting or changing
the many-to-many relations of such a model outside ``writing()`` raises
``OutsideTheDoor``: a new admin view, API route or command that writes on its own fails
the first time it runs, in its tests, instead of quietly skipping the rules. Code that
runs outside a request or command (migrations, test set-up) is not guarded.

Bulk ``QuerySet.update()`` sends no signal; ``tests/write_paths`` scans the code for it.

What is derived from the written rows (a stored representation) is brought up to date
once, when the outermost ``writing()`` ends, still inside its transaction: the code that
writes ``note``s what it touched, and the handlers registered with ``after_writes`` turn
the notes into work. A write of fifty rows re-renders each block once, and a reader never
sees the rows without what is derived from them.
"""

import contextvars
from collections.abc import Callable, Iterable
from contextlib import contextmanager

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models.signals import m2m_changed, pre_delete, pre_save

_inside = contextvars.ContextVar("registry_door_inside", default=0)
# Whether a nested writing() failed inside the outermost: a list the nested ones share.
_failed = contextvars.ContextVar("registry_door_failed", default=None)
_guarded = contextvars.ContextVar("registry_door_guarded", default=False)
# What the writes inside the outermost ``writing()`` touched, by kind: {kind: {pk, ...}}.
_notes = contextvars.ContextVar("registry_door_notes", default=None)
_after_writes: dict[str, Callable[[dict[str, set]], None]] = {}


class OutsideTheDoor(RuntimeError):
    """A guarded model was written outside the services: a programming error."""


class NestedWriteFailed(RuntimeError):
    """A write inside a write failed (or was rolled back) and the outer one went on as
    if it had not: a programming error, refused instead of storing nothing silently."""


@contextmanager
def writing(*, atomic: bool = True):
    """The services' side of the door: writes in here are allowed, in one transaction.

    Only the outermost opens a transaction (or a savepoint inside a caller's): a nested
    writing() is a service called by a service and writes in the outer one, without a
    savepoint of its own (two statements each). So a nested failure fails the write as
    a whole: the outermost refuses to end normally after one (``NestedWriteFailed``),
    even when the code between them caught it.
    """
    outermost = _notes.get() is None
    notes_token = _notes.set({}) if outermost else None
    failed_token = _failed.set([]) if outermost else None
    token = _inside.set(_inside.get() + 1)
    try:
        if atomic:
            with transaction.atomic(savepoint=outermost):
                try:
                    yield
                except BaseException:
                    if not outermost:
                        _failed.get().append(True)
                    raise
                if not outermost:
                    # A nested dry run (set_rollback) would roll back the outer write.
                    if transaction.get_rollback():
                        _failed.get().append(True)
                elif _failed.get():
                    raise NestedWriteFailed(
                        "Een schrijfactie binnen deze schrijfactie mislukte; er is "
                        "niets opgeslagen (core.door)."
                    )
                # A dry run (set_rollback) stores nothing, so nothing to derive either.
                elif not transaction.get_rollback():
                    _run_after_writes()
        else:
            yield
            if outermost:
                _run_after_writes()
    finally:
        _inside.reset(token)
        if notes_token is not None:
            _notes.reset(notes_token)
        if failed_token is not None:
            _failed.reset(failed_token)


def note(kind: str, pks: Iterable) -> bool:
    """Record that the current writes touched these rows of ``kind``.

    False outside ``writing()``: the caller brings what it derives up to date itself.
    """
    notes = _notes.get()
    if notes is None:
        return False
    notes[kind] = notes.get(kind, set()) | set(pks)
    return True


def outermost() -> bool:
    """Whether the current ``writing()`` is the outermost: nothing written after the
    code that asks runs before the after-writes handlers, when it asks last."""
    return _inside.get() == 1


def after_writes(name: str, handler: Callable[[dict[str, set]], None]) -> None:
    """Call ``handler(notes)`` when the outermost ``writing()`` ends, with what was noted.

    Registered once per ``name`` (an app's ``ready`` may run twice in tests)."""
    _after_writes[name] = handler


def _run_after_writes() -> None:
    notes = _notes.get()
    # A handler may write and note again (rarely); run until nothing is left.
    while notes:
        batch = dict(notes)
        notes.clear()
        for handler in _after_writes.values():
            handler(batch)


@contextmanager
def guarded():
    """The callers' side: from here on, guarded models are written only by services."""
    token = _guarded.set(True)
    try:
        yield
    finally:
        _guarded.reset(token)


def is_guarded() -> bool:
    return _guarded.get() and not _inside.get()


def _check(sender, **kwargs):
    if _guarded.get() and not _inside.get():
        raise OutsideTheDoor(
            f"{sender._meta.label} werd geschreven buiten de services om; elke "
            "wijziging hoort door de services te gaan (core.door)."
        )


def _check_m2m(sender, action, **kwargs):
    if action.startswith("pre_"):
        _check(sender, **kwargs)


def guard(*models) -> None:
    """Refuse writes of ``models`` (and their many-to-many tables) outside ``writing``."""
    for model in models:
        uid = f"registry-door-{model._meta.label_lower}"
        pre_save.connect(_check, sender=model, dispatch_uid=f"{uid}-save")
        pre_delete.connect(_check, sender=model, dispatch_uid=f"{uid}-delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _check_m2m,
                sender=field.remote_field.through,
                dispatch_uid=f"{uid}-{field.name}",
            )


class GuardWritesMiddleware:
    """Every request is served with the door closed (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with guarded():
            return self.get_response(request)


class GuardedCommand(BaseCommand):
    """The base of the project's management commands: they run with the door closed."""

    def execute(self, *args, **options):
        with guarded():
            return super().execute(*args, **options)
