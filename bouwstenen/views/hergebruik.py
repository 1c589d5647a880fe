"""``/bouwstenen/<slug>/hergebruik``: "Wij gebruiken dit ook", for members of another
organisation, and the answer to reuse someone else reported about their organisation
(``.../hergebruik/<code>/bevestigen`` and ``.../afwijzen``). Every write goes through
``bouwstenen.services``, which checks the membership and the rules again."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bouwstenen import selectors, services
from bouwstenen.constants import HergebruikStatus
from bouwstenen.forms import HergebruikForm, reuse_organisations
from bouwstenen.models import Hergebruik
from core.errors import ServiceError
from registry import permissions

FORM_FIELDS = ("organisatie", "stadium", "sinds", "ervaring")


def _add_errors(form, exc: ServiceError) -> None:
    """Show the services' refusal next to the fields it is about."""
    if not exc.field_errors:
        form.add_error(None, exc.message)
    for field, errors in exc.field_errors.items():
        target = field if field in FORM_FIELDS else None
        for error in errors:
            form.add_error(target if target != NON_FIELD_ERRORS else None, error)


@login_required(login_url="admin:login")
@require_http_methods(["GET", "POST"])
def hergebruik_vastleggen(request, slug):
    bouwsteen = get_object_or_404(
        selectors.public().select_related("organisatie"), slug=slug
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
        except ServiceError as exc:
            _add_errors(form, exc)
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


def _reported(request, slug: str, code: str) -> Hergebruik:
    """A report about one of the user's organisations (404 for anything else)."""
    bouwsteen = get_object_or_404(
        selectors.public().select_related("organisatie"), slug=slug
    )
    hergebruik = (
        Hergebruik.objects.filter(bouwsteen=bouwsteen, organisatie__code=code)
        .exclude(status=HergebruikStatus.BEVESTIGD)
        .select_related("organisatie", "gemeld_namens", "bouwsteen__organisatie")
        .first()
    )
    if hergebruik is None or hergebruik.organisatie_id not in permissions.roles_of(
        request.user
    ):
        raise Http404
    return hergebruik


@login_required(login_url="admin:login")
@require_http_methods(["GET", "POST"])
def hergebruik_bevestigen(request, slug, code):
    """ "Ja, wij gebruiken dit": confirm a report, with the organisation's own details."""
    hergebruik = _reported(request, slug, code)
    bouwsteen = hergebruik.bouwsteen
    form = HergebruikForm(
        request.POST or None,
        organisaties=[hergebruik.organisatie],
        initial={
            "stadium": hergebruik.stadium,
            "sinds": hergebruik.sinds,
            "ervaring": hergebruik.ervaring,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.hergebruik_confirm(
                user=request.user,
                hergebruik=hergebruik,
                values={
                    "stadium": form.cleaned_data["stadium"],
                    "sinds": form.cleaned_data["sinds"],
                    "ervaring": form.cleaned_data["ervaring"].strip(),
                },
            )
        except ServiceError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("Bevestigd: %(organisatie)s gebruikt %(bouwsteen)s.")
                % {
                    "organisatie": hergebruik.organisatie.naam,
                    "bouwsteen": bouwsteen.naam,
                },
            )
            return redirect(
                reverse("catalogus:bouwsteen", args=[bouwsteen.slug]) + "#hergebruik"
            )
    return render(
        request,
        "catalogus/hergebruik_bevestigen.html",
        {"bouwsteen": bouwsteen, "hergebruik": hergebruik, "form": form},
        status=400 if form.errors else 200,
    )


@login_required(login_url="admin:login")
@require_POST
def hergebruik_afwijzen(request, slug, code):
    """ "Nee, dat klopt niet": reject a report about the user's organisation."""
    hergebruik = _reported(request, slug, code)
    try:
        services.hergebruik_reject(
            user=request.user,
            hergebruik=hergebruik,
            reden=request.POST.get("reden", "")[:2000],
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Afgewezen: %(organisatie)s gebruikt %(bouwsteen)s niet.")
            % {
                "organisatie": hergebruik.organisatie.naam,
                "bouwsteen": hergebruik.bouwsteen.naam,
            },
        )
    return redirect(
        reverse("catalogus:bouwsteen", args=[hergebruik.bouwsteen.slug]) + "#hergebruik"
    )
