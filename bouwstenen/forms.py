"""The public forms: "Wij gebruiken dit ook" (record that your organisation reuses a
block), and asking, answering and reporting questions on a block."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from bouwstenen.constants import HergebruikStadium, MeldingReden
from bouwstenen.models.vraag import TEKST_MAX
from registry.models import Organisatie


def member_organisations(user) -> list[Organisatie]:
    """The organisations this user is a member of, by name: real memberships only, also
    for a superuser (an operator is not every organisation)."""
    if not (user and user.is_authenticated and user.is_active):
        return []
    return list(
        Organisatie.objects.filter(lidmaatschappen__gebruiker=user).order_by("naam")
    )


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


class VraagForm(forms.Form):
    organisatie = forms.ModelChoiceField(
        queryset=Organisatie.objects.none(), label=_("Namens"), empty_label=None
    )
    titel = forms.CharField(label=_("Uw vraag in één zin"), max_length=200)
    tekst = forms.CharField(
        label=_("Toelichting"),
        max_length=TEKST_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Wat wilt u weten, en waarom? U mag Markdown gebruiken."),
    )
    besloten = forms.BooleanField(
        label=_("Alleen zichtbaar voor onze twee organisaties"),
        required=False,
        help_text=_(
            "Zonder vinkje kan iedereen de vraag en de antwoorden lezen. Met vinkje "
            "alleen leden van uw organisatie en van de eigenaar."
        ),
    )

    def __init__(self, *args, organisaties, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organisatie"]
        field.queryset = Organisatie.objects.filter(
            pk__in=[o.pk for o in organisaties]
        ).order_by("naam")
        self.enige_organisatie = organisaties[0] if len(organisaties) == 1 else None
        if self.enige_organisatie is not None:
            field.initial = self.enige_organisatie.pk
            field.widget = forms.HiddenInput()


class AntwoordForm(forms.Form):
    tekst = forms.CharField(
        label=_("Uw antwoord"),
        max_length=TEKST_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("U mag Markdown gebruiken."),
    )


class MeldingForm(forms.Form):
    reden = forms.ChoiceField(
        label=_("Wat is er mis met dit bericht?"),
        choices=MeldingReden.choices,
        widget=forms.RadioSelect,
    )
    toelichting = forms.CharField(
        label=_("Toelichting (optioneel)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Alleen beheerders van het register lezen dit."),
    )
