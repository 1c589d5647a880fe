"""Questions on a block's page: asking, answering, closing and reporting, with plain
forms (POST, then a redirect back to the thread), so all of it works without JavaScript.

Every write goes through ``bouwstenen.services``, which checks memberships, rules and
the posting limit again; a thread the visitor may not see is a 404 here.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bouwstenen import selectors, services, vragen
from bouwstenen.forms import AntwoordForm, MeldingForm, VraagForm, member_organisations
from core.errors import Code, ServiceError
from registry import permissions
from registry.models import Organisatie


def threads_for(user, bouwsteen, organisaties: list[Organisatie]) -> dict:
    """What the questions part of a block's page shows this visitor: the threads (two
    queries however many), what they may do in each, and the form to ask for one of
    ``organisaties`` (the visitor's own, read once for the whole page). A beheerder
    moderates, it does not ask for anyone: real memberships only."""
    threads = list(vragen.vragen_of(bouwsteen, user))
    own = permissions.roles_of(user)
    signed_in = bool(user and user.is_authenticated and user.is_active)
    for vraag in threads:
        in_thread = bouwsteen.organisatie_id in own or vraag.organisatie_id in own
        vraag.kan_schrijven = in_thread and vraag.is_open
        vraag.kan_afsluiten = in_thread and vraag.is_open
    if not signed_in:
        stand = "anoniem"
    elif organisaties:
        stand = "formulier"
    else:
        stand = "geen-lid"
    return {
        "vragen": threads,
        "vraag_stand": stand,
        "vraag_form": VraagForm(organisaties=organisaties) if organisaties else None,
        "kan_melden": signed_in,
    }


def _add_errors(form, exc: ServiceError) -> None:
    if not exc.field_errors:
        form.add_error(None, exc.message)
    for field, errors in exc.field_errors.items():
        target = field if field in form.fields and field != NON_FIELD_ERRORS else None
        for error in errors:
            form.add_error(target, error)


def _status(form, exc: ServiceError | None) -> int:
    if exc is not None and exc.code == Code.TE_VAAK:
        return 429
    if exc is not None and exc.code == Code.GEEN_TOEGANG:
        return 403
    return 400 if form.errors else 200


def _back(bouwsteen, anchor: str):
    return redirect(reverse("catalogus:bouwsteen", args=[bouwsteen.slug]) + anchor)


def _vraag(request, slug, vraag_uuid):
    return get_object_or_404(
        vragen.vragen_visible_to(request.user).select_related(
            "bouwsteen__organisatie", "organisatie"
        ),
        bouwsteen__slug=slug,
        uuid=vraag_uuid,
    )


@login_required(login_url="admin:login")
@require_http_methods(["GET", "POST"])
def vraag_stellen(request, slug):
    bouwsteen = get_object_or_404(
        selectors.public().select_related("organisatie"), slug=slug
    )
    organisaties = member_organisations(request.user)
    if not organisaties:
        return render(
            request,
            "catalogus/vraag_niet_mogelijk.html",
            {"bouwsteen": bouwsteen},
            status=403,
        )
    form = VraagForm(request.POST or None, organisaties=organisaties)
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            vraag = services.vraag_stellen(
                user=request.user,
                bouwsteen=bouwsteen,
                organisatie=form.cleaned_data["organisatie"],
                titel=form.cleaned_data["titel"],
                tekst=form.cleaned_data["tekst"],
                besloten=form.cleaned_data["besloten"],
            )
        except ServiceError as exc:
            refusal = exc
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("Uw vraag staat bij de bouwsteen. %(org)s krijgt er bericht van.")
                % {"org": bouwsteen.organisatie.naam},
            )
            return _back(bouwsteen, f"#vraag-{vraag.uuid}")
    return render(
        request,
        "catalogus/vraag_formulier.html",
        {"bouwsteen": bouwsteen, "form": form},
        status=_status(form, refusal),
    )


@login_required(login_url="admin:login")
@require_http_methods(["GET", "POST"])
def vraag_beantwoorden(request, slug, vraag):
    vraag = _vraag(request, slug, vraag)
    form = AntwoordForm(request.POST or None)
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            antwoord = services.vraag_beantwoorden(
                user=request.user, vraag=vraag, tekst=form.cleaned_data["tekst"]
            )
        except ServiceError as exc:
            refusal = exc
            _add_errors(form, exc)
        else:
            messages.success(request, _("Uw antwoord staat bij de vraag."))
            return _back(vraag.bouwsteen, f"#antwoord-{antwoord.uuid}")
    return render(
        request,
        "catalogus/antwoord_formulier.html",
        {"bouwsteen": vraag.bouwsteen, "vraag": vraag, "form": form},
        status=_status(form, refusal),
    )


@login_required(login_url="admin:login")
@require_POST
def vraag_afsluiten(request, slug, vraag):
    vraag = _vraag(request, slug, vraag)
    try:
        services.vraag_afsluiten(user=request.user, vraag=vraag)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("De vraag is gemarkeerd als beantwoord en gesloten.")
        )
    return _back(vraag.bouwsteen, f"#vraag-{vraag.uuid}")


@login_required(login_url="admin:login")
@require_http_methods(["GET", "POST"])
def bericht_melden(request, slug, soort, bericht):
    """Report a question (``soort`` vraag) or an answer (antwoord) to the beheerders."""
    if soort == "vraag":
        gemeld = _vraag(request, slug, bericht)
        bouwsteen, anchor = gemeld.bouwsteen, f"#vraag-{gemeld.uuid}"
    else:
        gemeld = get_object_or_404(
            vragen.antwoorden_visible_to(request.user).select_related(
                "vraag__bouwsteen__organisatie", "vraag__organisatie"
            ),
            vraag__bouwsteen__slug=slug,
            uuid=bericht,
        )
        bouwsteen, anchor = gemeld.vraag.bouwsteen, f"#antwoord-{gemeld.uuid}"
    form = MeldingForm(request.POST or None)
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            services.bericht_melden(
                user=request.user,
                bericht=gemeld,
                reden=form.cleaned_data["reden"],
                toelichting=form.cleaned_data["toelichting"],
            )
        except ServiceError as exc:
            refusal = exc
            _add_errors(form, exc)
        else:
            messages.success(
                request, _("Bedankt voor uw melding. Een beheerder kijkt ernaar.")
            )
            return _back(bouwsteen, anchor)
    return render(
        request,
        "catalogus/melding_formulier.html",
        {"bouwsteen": bouwsteen, "bericht": gemeld, "soort": soort, "form": form},
        status=_status(form, refusal),
    )
