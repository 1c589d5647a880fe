"""``/bouwstenen/<slug>/hergebruik``: "Wij gebruiken dit ook", for members of another
organisation. The write goes through ``services.hergebruik_record``, which checks the
membership and the one-record-per-organisation rule again."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bouwstenen import catalogus, services
from bouwstenen.forms import HergebruikForm, reuse_organisations

FORM_FIELDS = ("organisatie", "stadium", "sinds", "ervaring")


def _add_errors(form, exc: ValidationError) -> None:
    """Show the model's validation errors next to the fields they are about."""
    for field, errors in exc.message_dict.items():
        target = field if field in FORM_FIELDS else None
        for error in errors:
            form.add_error(target if target != NON_FIELD_ERRORS else None, error)


@login_required(login_url="admin:login")
@require_http_methods(["GET", "POST"])
def hergebruik_vastleggen(request, slug):
    bouwsteen = get_object_or_404(
        catalogus.public().select_related("organisatie"), slug=slug
    )
    organisaties = list(reuse_organisations(request.user, bouwsteen))
    if not organisaties:
        # Members of the owner (and visitors without a membership) are not offered this.
        return render(
            request,
            "catalogus/hergebruik_niet_mogelijk.html",
            {"bouwsteen": bouwsteen},
            status=403,
        )
    form = HergebruikForm(request.POST or None, organisaties=organisaties)
    if request.method == "POST" and form.is_valid():
        organisatie = form.cleaned_data["organisatie"]
        try:
            services.hergebruik_record(
                user=request.user,
                bouwsteen=bouwsteen,
                organisatie=organisatie,
                values={
                    "stadium": form.cleaned_data["stadium"],
                    "sinds": form.cleaned_data["sinds"],
                    "ervaring": form.cleaned_data["ervaring"].strip(),
                },
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Vastgelegd: %(organisatie)s gebruikt %(bouwsteen)s.")
                % {"organisatie": organisatie.naam, "bouwsteen": bouwsteen.naam},
            )
            # Post/redirect/get: a reload does not post twice.
            url = reverse("catalogus:bouwsteen", args=[bouwsteen.slug])
            return redirect(url + "#hergebruik")
    return render(
        request,
        "catalogus/hergebruik_formulier.html",
        {"bouwsteen": bouwsteen, "form": form},
        status=400 if form.errors else 200,
    )
