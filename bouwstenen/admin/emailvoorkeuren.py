""" "Mijn e-mailmeldingen": each user switches the kinds of e-mail on or off, for
themselves only, through ``core.notifications.preferences_save``."""

from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from core.errors import ServiceError
from core.notifications import EVENTS, preferences_of, preferences_save


class MeldingenForm(forms.Form):
    aan = forms.MultipleChoiceField(
        label="Stuur mij een e-mail als",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aan"].choices = [(e.kind, e.label) for e in EVENTS.values()]


def meldingen_view(admin_site, request):
    user = request.user
    if request.method == "POST":
        form = MeldingenForm(request.POST)
        if form.is_valid():
            aan = set(form.cleaned_data["aan"])
            try:
                preferences_save(
                    user=user, uitgezet=[k for k in EVENTS if k not in aan]
                )
            except ServiceError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, "Uw e-mailmeldingen zijn opgeslagen.")
                return HttpResponseRedirect(reverse("admin:meldingen"))
    else:
        uit = preferences_of(user)
        form = MeldingenForm(initial={"aan": [k for k in EVENTS if k not in uit]})
    context = {
        **admin_site.each_context(request),
        "title": "Mijn e-mailmeldingen",
        "form": form,
        "zonder_adres": not user.email,
    }
    return TemplateResponse(request, "admin/meldingen.html", context)
