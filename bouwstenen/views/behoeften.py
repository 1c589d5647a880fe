"""``/behoeften``: the needs board, ``/behoeften/<slug>``: one need with the blocks that
come closest and who joined, ``.../wij-ook``: join it for your organisation, and
``.../sluiten``: a publicist of the owner closes it with the block that answers it.
Every write goes through ``bouwstenen.services``, which checks the rules again."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from bouwstenen import behoeften, selectors, services
from bouwstenen.models import Behoefte
from core.errors import ServiceError
from core.paging import PAGE_SIZE, CappedPaginator
from registry import permissions
from registry.constants import Rol
from registry.models import Organisatie


class DeelnameForm(forms.Form):
    organisatie = forms.ModelChoiceField(
        queryset=Organisatie.objects.none(),
        label=gettext_lazy("Namens"),
        empty_label=None,
    )
    toelichting = forms.CharField(
        label=gettext_lazy("Toelichting (optioneel)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Wat uw organisatie er anders of extra aan nodig heeft. U mag Markdown "
            "gebruiken. Iedereen kan dit lezen."
        ),
    )
    contact_naam = forms.CharField(
        label=gettext_lazy("Contactpunt (optioneel)"), required=False, max_length=200
    )
    contact_email = forms.EmailField(
        label=gettext_lazy("E-mail contactpunt (optioneel)"), required=False
    )

    def __init__(self, *args, organisaties, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organisatie"]
        field.queryset = Organisatie.objects.filter(
            pk__in=[o.pk for o in organisaties]
        ).order_by("naam")
        # One organisation: nothing to choose.
        self.enige_organisatie = organisaties[0] if len(organisaties) == 1 else None
        if self.enige_organisatie is not None:
            field.initial = self.enige_organisatie.pk
            field.widget = forms.HiddenInput()


def _join_organisations(user, behoefte: Behoefte) -> list[Organisatie]:
    """The user's own organisations (real memberships) that have not joined yet."""
    if not (user.is_authenticated and user.is_active):
        return []
    joined = {d.organisatie_id for d in behoefte.deelnames.all()}
    return [
        o
        for o in Organisatie.objects.filter(lidmaatschappen__gebruiker=user).order_by(
            "naam"
        )
        if o.pk != behoefte.organisatie_id and o.pk not in joined
    ]


def _offer(user, behoefte: Behoefte, form=None) -> dict:
    """What the "wij ook" part shows this visitor."""
    if behoefte.is_gesloten:
        return {"stand": "gesloten"}
    if not user.is_authenticated:
        return {"stand": "anoniem"}
    if behoefte.organisatie_id in permissions.roles_of(user):
        return {"stand": "eigen"}
    organisaties = _join_organisations(user, behoefte)
    if not organisaties:
        member = bool(permissions.roles_of(user))
        return {"stand": "al-aangesloten" if member else "geen-lid"}
    return {
        "stand": "formulier",
        "form": form or DeelnameForm(organisaties=organisaties),
    }


def behoefte_lijst(request):
    filterset = behoeften.board(request.GET)
    fouten = []
    page = None
    if filterset.is_valid():
        queryset = behoeften.with_details(filterset.qs)
        paginator = CappedPaginator(queryset, PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
    else:
        fouten = [e for errors in filterset.errors.values() for e in errors]
    return render(
        request,
        "catalogus/behoeften.html",
        {
            "page": page,
            "pagina_nummers": page.paginator.get_elided_page_range(page.number)
            if page
            else [],
            "facetten": behoeften.facets(request.GET) if not fouten else {},
            "status": request.GET.get("status", ""),
            "gefilterd": bool(request.GET),
            "fouten": fouten,
        },
        status=400 if fouten else 200,
    )


def _detail_context(request, behoefte: Behoefte, form=None) -> dict:
    may_close = (
        not behoefte.is_gesloten
        and permissions.role_in(request.user, behoefte.organisatie_id) == Rol.PUBLICIST
    )
    return {
        "behoefte": behoefte,
        "deelnames": list(behoefte.deelnames.all()),
        "matches": behoeften.matches(behoefte),
        "aanbod": _offer(request.user, behoefte, form),
        "mag_sluiten": may_close,
    }


def _public_or_404(slug: str) -> Behoefte:
    try:
        return behoeften.public_behoefte(slug)
    except Behoefte.DoesNotExist:
        raise Http404 from None


def behoefte_detail(request, slug):
    behoefte = _public_or_404(slug)
    return render(
        request, "catalogus/behoefte.html", _detail_context(request, behoefte)
    )


def _add_errors(form, exc: ServiceError) -> None:
    if not exc.field_errors:
        form.add_error(None, exc.message)
    for field, errors in exc.field_errors.items():
        target = field if field in form.fields else None
        for error in errors:
            form.add_error(target if target != NON_FIELD_ERRORS else None, error)


@login_required(login_url="admin:login")
@require_POST
def behoefte_wij_ook(request, slug):
    behoefte = _public_or_404(slug)
    organisaties = _join_organisations(request.user, behoefte)
    form = DeelnameForm(request.POST, organisaties=organisaties)
    if form.is_valid():
        organisatie = form.cleaned_data["organisatie"]
        try:
            services.deelname_add(
                user=request.user,
                behoefte=behoefte,
                organisatie=organisatie,
                values={
                    "toelichting": form.cleaned_data["toelichting"].strip(),
                    "contact_naam": form.cleaned_data["contact_naam"].strip(),
                    "contact_email": form.cleaned_data["contact_email"],
                },
            )
        except ServiceError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(organisatie)s heeft zich aangesloten: wij ook.")
                % {"organisatie": organisatie.naam},
            )
            url = reverse("catalogus:behoefte", args=[behoefte.slug])
            return redirect(url + "#wie-ook")
    if not organisaties:
        # Nothing to join for: the services' reason, on the page itself.
        messages.error(
            request, _("U kunt zich niet namens een organisatie aansluiten.")
        )
        return redirect(reverse("catalogus:behoefte", args=[behoefte.slug]))
    context = _detail_context(request, behoefte, form)
    return render(request, "catalogus/behoefte.html", context, status=400)


@login_required(login_url="admin:login")
@require_POST
def behoefte_sluiten(request, slug):
    behoefte = _public_or_404(slug)
    url = reverse("catalogus:behoefte", args=[behoefte.slug])
    # A match chosen by its radio button, or a slug or address typed below them.
    chosen = [v.strip() for v in request.POST.getlist("bouwsteen") if v.strip()]
    wanted = chosen[0].rstrip("/").rsplit("/", 1)[-1] if chosen else ""
    # Not found is said by the services, after they checked the rights.
    bouwsteen = selectors.public().filter(slug=wanted[:200]).first()
    try:
        services.behoefte_close(
            user=request.user, behoefte=behoefte, bouwsteen=bouwsteen
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect(url + "#sluiten")
    else:
        messages.success(
            request,
            _("Gesloten: %(bouwsteen)s beantwoordt deze behoefte.")
            % {"bouwsteen": bouwsteen.naam},
        )
    return redirect(url)
