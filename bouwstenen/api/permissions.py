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
    """A reuse record is written by its own organisation; a report also by its reporter.

    Checked before If-Match, so a stranger gets 403 rather than 412; the services judge
    each write exactly (``hergebruik_update``, ``_confirm``, ``_reject``, ``_withdraw``).
    """

    message = (
        "Alleen leden van de hergebruikende organisatie mogen dit hergebruik wijzigen."
    )

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS:
            return True
        own = permissions.roles_of(request.user)
        if obj.organisatie_id in own:
            return True
        return (
            obj.is_gemeld
            and view.action == "destroy"
            and (permissions.role_in(request.user, obj.gemeld_namens_id) is not None)
        )
