"""A preview of a block's public page, for the members of its organisation.

The catalogue's own template and context (``bouwstenen.views.detail``) render the block
as it is now, or as its concept would make it, so the editor sees what readers will see
before anyone publishes. It is marked as a preview, never indexed (robots meta and
``X-Robots-Tag``) and never cached: the admin's views send ``Cache-Control: no-cache``
(``AdminSite.admin_view``), and the public page's stored representations
(``bouwstenen.weergave``) are not touched.
"""

from django.template.response import TemplateResponse
from django.urls import reverse

from bouwstenen import services
from bouwstenen.views.detail import detail_context


def voorbeeld_view(model_admin, request, bouwsteen):
    """``bouwsteen`` is one the admin already found visible to the user (per
    organisation, ``OrganisationScopedAdmin.get_queryset``); another's is a 404."""
    view, _inhoud = services.current_content(bouwsteen)
    context = detail_context(request, view)
    # The owner's own page: no offer to record reuse of it.
    context["aanbod"] = {"stand": "eigen"}
    context["change_url"] = reverse(
        "admin:bouwstenen_bouwsteen_change", args=[bouwsteen.pk]
    )
    response = TemplateResponse(
        request, "admin/bouwstenen/bouwsteen/voorbeeld.html", context
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
