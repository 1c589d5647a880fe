"""Who may do what, per organisation. One place, used by the admin, the API and the pages.

A user's rights come from their memberships (Lidmaatschap): a redacteur writes drafts and
submits them; a publicist also reviews, publishes, sends back, archives and restores.
Superusers (registry operators) may do everything everywhere.
"""

from django.db.models import QuerySet

from registry.constants import Publicatiestatus, Rol
from registry.models import Lidmaatschap, Organisatie


class _Operator:
    """The registry's operator at the command line (import, harvest, demo, restore).

    Not a user account: a write by the operator is recorded without a user. A value of its
    own, so a missing user (None) is never mistaken for the operator and never gets rights.
    """

    is_authenticated = True
    is_active = True
    is_superuser = True
    is_staff = True
    pk = None
    id = None
    username = "beheer (opdrachtregel)"

    def __str__(self) -> str:
        return self.username


OPERATOR = _Operator()


def is_operator(user) -> bool:
    return user is OPERATOR


def account(user):
    """The user account to store as the one who did something: none for the operator."""
    return None if user is None or user is OPERATOR else user


def is_beheerder(user) -> bool:
    """A beheerder of the register (a superuser), or the operator at the command line."""
    if is_operator(user):
        return True
    return bool(user and user.is_authenticated and user.is_active and user.is_superuser)


def is_member(user) -> bool:
    """Asked many times for one admin page (each model's rights): read from the
    memberships cached on the user object for the request (``roles_of``)."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or bool(roles_of(user))


def roles_of(user) -> dict[int, str]:
    """Map organisation id to the user's role there; cached on the user object per request."""
    if not (user and user.is_authenticated and user.is_active) or user is OPERATOR:
        return {}
    cached = getattr(user, "_registry_roles", None)
    if cached is None:
        cached = dict(
            Lidmaatschap.objects.filter(gebruiker=user).values_list(
                "organisatie_id", "rol"
            )
        )
        user._registry_roles = cached
    return cached


def role_in(user, organisatie_id: int | None) -> str | None:
    if user and user.is_authenticated and user.is_active and user.is_superuser:
        return Rol.PUBLICIST
    if organisatie_id is None:
        return None
    return roles_of(user).get(organisatie_id)


def organisations_of(user, *, rol: str | None = None) -> QuerySet[Organisatie]:
    """The organisations the user may write for (all of them for a superuser)."""
    if user and user.is_authenticated and user.is_active and user.is_superuser:
        return Organisatie.objects.all()
    ids = [org for org, role in roles_of(user).items() if rol is None or role == rol]
    return Organisatie.objects.filter(pk__in=ids)


def can_create_for(user, organisatie_id: int | None) -> bool:
    return role_in(user, organisatie_id) is not None


def can_view(user, obj) -> bool:
    """Published records are public; the rest only for members of the owning organisation."""
    if obj.publicatiestatus == Publicatiestatus.GEPUBLICEERD:
        return True
    return role_in(user, obj.organisatie_id) is not None


def can_edit(user, obj) -> bool:
    """Drafts are for every member; what is under review only for a publicist.

    A published record is never changed in place: a change makes a concept of it that a
    second person publishes, so a member may change a published record as long as that
    concept is not under review (``bewerkstatus``: the status of what a change touches).
    An archived record is read-only: restore it first. A record kept current elsewhere
    (``is_alleen_lezen``, such as one harvested from another registry) is read-only.
    """
    if obj.is_alleen_lezen:
        return False
    role = role_in(user, obj.organisatie_id)
    if role is None:
        return False
    status = obj.bewerkstatus
    if status == Publicatiestatus.CONCEPT:
        return True
    if status == Publicatiestatus.TER_BEOORDELING:
        return role == Rol.PUBLICIST
    return False


def can_delete(user, obj) -> bool:
    """Only a draft that was never published may be deleted; the rest is archived."""
    if obj.is_alleen_lezen:
        return False
    return (
        obj.publicatiestatus == Publicatiestatus.CONCEPT
        and obj.gepubliceerd_op is None
        and role_in(user, obj.organisatie_id) is not None
    )


def can_confirm_current(user, obj) -> bool:
    """Anyone of the owner (or a beheerder) vouches that a published record is current;
    a record kept current elsewhere is vouched for there."""
    if obj.is_alleen_lezen:
        return False
    return role_in(user, obj.organisatie_id) is not None
