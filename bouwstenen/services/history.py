"""The history of every write: who, when, what (django-reversion)."""

import reversion

from registry.permissions import is_operator


def record_history(obj, user, comment: str, *also) -> None:
    """Store the current state of ``obj`` (and ``also``) as one revision.

    The operator at the command line is recorded without a user; the comment says what
    happened (``Geïmporteerd uit publiccode.yml``, ``Concept gepubliceerd``).
    """
    with reversion.create_revision(atomic=False):
        if user is not None and user.is_authenticated and not is_operator(user):
            reversion.set_user(user)
        reversion.set_comment(comment)
        reversion.add_to_revision(obj)
        for other in also:
            reversion.add_to_revision(other)
