"""The one public form: "Wij gebruiken dit ook" (record that your organisation reuses a block)."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from bouwstenen.constants import HergebruikStadium
from registry.models import Organisatie


def reuse_organisations(user, bouwsteen) -> QuerySet[Organisatie]:
    """The organisations this user may record reuse for: their own, not the owner.

    Real memberships only, also for a superuser: an operator is not every organisation.
    """
    if not (user and user.is_authenticated and user.is_active):
        return Organisatie.objects.none()
    return (
        Organisatie.objects.filter(lidmaatschappen__gebruiker=user)
        .exclude(pk=bouwsteen.organisatie_id)
        .order_by("naam")
    )


class HergebruikForm(forms.Form):
    organisatie = forms.ModelChoiceField(
        queryset=Organisatie.objects.none(),
        label=_("Namens"),
        empty_label=None,
    )
    stadium = forms.ChoiceField(
        label=_("Hoe ver is uw organisatie?"),
        choices=HergebruikStadium.choices,
        initial=HergebruikStadium.IN_GEBRUIK,
        widget=forms.RadioSelect,
    )
    sinds = forms.DateField(
        label=_("Sinds"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Vanaf wanneer, ongeveer. Mag leeg blijven."),
    )
    ervaring = forms.CharField(
        label=_("Uw ervaring"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Wat ging goed, wat moest u aanpassen? U mag Markdown gebruiken. "
            "Iedereen kan dit lezen."
        ),
    )

    def __init__(self, *args, organisaties, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organisatie"]
        if isinstance(organisaties, QuerySet):
            field.queryset = organisaties
        else:
            field.queryset = Organisatie.objects.filter(
                pk__in=[o.pk for o in organisaties]
            ).order_by("naam")
        # One organisation: nothing to choose, so no question to answer.
        self.enige_organisatie = organisaties[0] if len(organisaties) == 1 else None
        if self.enige_organisatie is not None:
            field.initial = self.enige_organisatie.pk
            field.widget = forms.HiddenInput()
