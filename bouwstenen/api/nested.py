"""What the resources under ``/bouwstenen/{uuid}/`` share: the block in their path."""

from rest_framework.generics import get_object_or_404

from bouwstenen import selectors


class UnderBouwsteenMixin:
    # For a viewset routed under a block: ``get_bouwsteen`` is the block in the path if
    # the caller may see it (404 otherwise), read once per request; the viewset names
    # its records of that block in ``get_nested_queryset``. (No docstring:
    # drf-spectacular would show it as the description of the viewset's operations.)

    def get_bouwsteen(self):
        if not hasattr(self, "_bouwsteen"):
            self._bouwsteen = get_object_or_404(
                selectors.bouwstenen_visible_to(self.request.user).select_related(
                    "organisatie"
                ),
                uuid=self.kwargs["uuid"],
            )
        return self._bouwsteen

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            # The schema is generated without a request for a block.
            return self.queryset.all()
        return self.get_nested_queryset(self.get_bouwsteen())
