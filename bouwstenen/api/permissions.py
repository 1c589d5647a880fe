"""Who may change a building block through the API: the same rules as the admin.

Reading needs nothing (the queryset only holds what the caller may see); writing needs a
token. Changing a record checks ``registry.permissions.can_edit`` before anything else,
so an editor without rights gets 403 before a stale If-Match gets 412. The services check
again under a lock; the workflow operations are judged by ``registry.workflow``.
"""

from rest_framework.permissions import SAFE_METHODS, IsAuthenticatedOrReadOnly

from registry import permissions

# Writes that change what the owner says about a block: its content, and its
# opschalingscheck and relations. Only who may edit the block (``can_edit``) may.
OWNER_WRITES = {
    "update",
    "partial_update",
    "opschalingscheck",
    "relatie_toevoegen",
    "relatie_verwijderen",
}


class BouwsteenPermission(IsAuthenticatedOrReadOnly):
    message = "U mag deze bouwsteen in deze status niet wijzigen."

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS or view.action not in OWNER_WRITES:
            return True
        return permissions.can_edit(request.user, obj)


class HergebruikPermission(IsAuthenticatedOrReadOnly):
    """A reuse record is written by its own organisation, never by the block's owner.

    The same rule as ``services.hergebruik_update`` and ``hergebruik_withdraw`` (which
    check it again); recording a new one is judged by ``services.hergebruik_record``.
    """

    message = (
        "Alleen leden van de hergebruikende organisatie mogen dit hergebruik wijzigen."
    )

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS:
            return True
        return permissions.role_in(request.user, obj.organisatie_id) is not None
