"""Who may change a building block through the API: the same rules as the admin.

Reading needs nothing (the queryset only holds what the caller may see); writing needs a
token. Changing a record checks ``registry.permissions.can_edit`` before anything else,
so an editor without rights gets 403 before a stale If-Match gets 412. The services check
again under a lock; the workflow operations are judged by ``registry.workflow``.
"""

from rest_framework.permissions import SAFE_METHODS, IsAuthenticatedOrReadOnly

from registry import permissions


class BouwsteenPermission(IsAuthenticatedOrReadOnly):
    message = "U mag deze bouwsteen in deze status niet wijzigen."

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS or view.action not in (
            "update",
            "partial_update",
        ):
            return True
        return permissions.can_edit(request.user, obj)
