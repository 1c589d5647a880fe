"""The forms of the building-block admin. They collect input; the services write it.

The change form edits what a change starts from: the block itself, or (for a published
block) its concept. The opschalingscheck and the relations are formsets over that content,
not over database rows, so a published block's rows are never touched by a form: their
changes go into the concept like every other field.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from bouwstenen import services
from bouwstenen.admin import licentiekeuze
from bouwstenen.admin.base import add_form_errors, https_urls
from bouwstenen.constants import VOORWAARDE_UITLEG, Antwoord, Voorwaarde
from bouwstenen.models import Bouwsteen, Opschalingsantwoord, Relatie
from bouwstenen.services import content
from bouwstenen.validators import normalise_spdx
from core.errors import ServiceError


class LicentieKeuzeField(forms.CharField):
    """The licence picker: required (and marked so), but an empty choice is judged in
    the form's clean(), where an expression typed without choosing also counts."""

    def validate(self, value):
        pass


class BouwsteenAdminForm(forms.ModelForm):
    # The version the editor started from; a save from an older version is refused.
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Shown next to the licence picker; used when that says "andere SPDX-expressie".
    licentie_anders = forms.CharField(
        label="Andere SPDX-expressie",
        max_length=200,
        required=False,
        help_text="Alleen als u hierboven ‘Andere SPDX-expressie’ kiest: een "
        "identificatie van spdx.org/licenses of een combinatie, bijvoorbeeld "
        "EUPL-1.2 OR MIT.",
    )

    class Meta:
        model = Bouwsteen
        formfield_callback = https_urls
        fields = [
            "naam",
            "slug",
            "soort",
            "vorm",
            "samenvatting",
            "beschrijving",
            "organisatie",
            "themas",
            "lagen",
            "referentiecomponenten",
            "levensfase",
            "licentie",
            "leverancier",
            "contact_naam",
            "contact_email",
            "repository_url",
            "documentatie_url",
            "demo_url",
            "website_url",
            "versie",
        ]
        widgets = {
            "samenvatting": forms.Textarea(attrs={"rows": 3, "maxlength": 300}),
            # Five fixed layers: checkboxes are quicker and more accessible than a picker.
            "lagen": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, request=None, **kwargs):
        instance = kwargs.get("instance")
        if instance is not None and instance.pk:
            # A published block is edited through its concept: show that.
            kwargs["instance"], _inhoud = services.current_content(instance)
        super().__init__(*args, **kwargs)
        self.request = request
        if self.instance.pk:
            self.fields["versie"].initial = self.instance.versie
        if "licentie" in self.fields:
            self._licence_picker()
        if "slug" in self.fields:
            self._derived_slug()

    def _derived_slug(self):
        # Derived from the name when left empty (the service does that on creation);
        # on a change an empty slug keeps the one the block has.
        self.fields["slug"].required = False
        self.fields["slug"].label = "Webadres (slug)"
        self.fields["slug"].help_text = (
            "Wordt afgeleid van de naam: het laatste deel van het webadres van de "
            "bouwsteen, zoals /bouwstenen/jeugdzorgdashboard-instroom. Laat leeg om "
            "hem uit de naam af te leiden."
        )

    def _licence_picker(self):
        current = (
            self.data.get(self.add_prefix("licentie"), "")
            if self.is_bound
            else self.initial.get("licentie", "")
        )
        user = getattr(self.request, "user", None)
        self.fields["licentie"] = LicentieKeuzeField(
            label=self.fields["licentie"].label,
            max_length=200,
            widget=forms.Select(choices=licentiekeuze.choices(user, also=current)),
            help_text="Onder welke licentie mogen anderen de bouwsteen hergebruiken? "
            "Bovenaan staan de licenties die in het register al voorkomen. Staat de "
            "licentie er niet bij, kies dan ‘Andere SPDX-expressie’ en vul die "
            "hieronder in.",
        )

    def values(self) -> dict:
        values = {
            name: self.cleaned_data[name]
            for name in content.FIELDS
            if name in self.cleaned_data
        }
        if not values.get("slug"):
            # Left empty: a new block gets one from its name, a stored one keeps its own.
            values.pop("slug", None)
        return values

    def relations(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in content.M2M
            if name in self.cleaned_data
        }

    def _clean_licentie(self, cleaned) -> None:
        """The picker's choice, or the typed expression when it says "andere" (or when
        nothing is chosen but an expression typed: the form without JavaScript)."""
        choice = cleaned.get("licentie") or ""
        typed = (cleaned.get("licentie_anders") or "").strip()
        if not choice and not typed:
            self.add_error("licentie", "Kies een licentie.")
            return
        if choice and choice != licentiekeuze.ANDERE:
            return
        if not typed:
            self.add_error(
                "licentie_anders",
                "Vul de SPDX-expressie in, bijvoorbeeld EUPL-1.2 OR MIT.",
            )
            return
        try:
            cleaned["licentie"] = normalise_spdx(typed)
        except ValidationError as exc:
            self.add_error("licentie_anders", exc)

    def clean(self):
        cleaned = super().clean()
        self._clean_licentie(cleaned)
        if "licentie_anders" in self.errors:
            # The typed expression is refused; its message stands next to it.
            cleaned.pop("licentie", None)
        if self.request is None or (
            not self.instance.pk and "organisatie" not in cleaned
        ):
            return cleaned
        # Ask the services before anything is saved, so a refusal (an older version,
        # a published block left incomplete, a licence that is not SPDX) shows in the
        # form with the input kept; fields the form refused already are left out.
        try:
            if self.instance.pk:
                services.bouwsteen_update(
                    bouwsteen=self.instance,
                    user=self.request.user,
                    values=self.values(),
                    relations=self.relations(),
                    expected_versie=cleaned.get("versie"),
                    dry_run=True,
                )
            else:
                services.bouwsteen_create(
                    user=self.request.user,
                    organisatie=cleaned["organisatie"],
                    values=self.values(),
                    relations=self.relations(),
                    dry_run=True,
                )
        except ServiceError as exc:
            skip = set(self.errors)
            if "licentie_anders" in skip:
                skip.add("licentie")
            add_form_errors(self, exc, skip=skip)
        return cleaned

    def _post_clean(self):
        # The services validated the block with its whole content in clean(); here the
        # form only carries its values over to the instance it shows.
        opts = self._meta
        self.instance = forms.models.construct_instance(
            self, self.instance, opts.fields, opts.exclude
        )


class TerugsturenForm(forms.Form):
    reden = forms.CharField(
        label="Reden",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Wat moet de redacteur aanpassen? Dit ziet hij of zij bij de bouwsteen.",
        error_messages={
            "required": "Geef een reden op, zodat de redacteur weet wat er moet gebeuren."
        },
    )


class ContentRowForm(forms.ModelForm):
    """One row of content (an answer, a relation): validated field by field here; the
    whole (unique per precondition, not to itself) by the services."""

    def validate_unique(self):
        pass


class ContentFormSet(BaseInlineFormSet):
    """A formset over the block's content (``services.content``), not over table rows.

    Its forms start from ``rows`` of the content; on saving, ``wanted()`` gives what the
    content should become, which the admin hands to the services in one change.
    """

    def get_queryset(self):
        return self.model.objects.none()

    def __init__(self, *args, **kwargs):
        instance = kwargs.get("instance")
        kwargs["initial"] = self.rows(instance) if instance is not None else []
        super().__init__(*args, **kwargs)
        # Read by the admin's change message; the services write the rows instead.
        self.new_objects, self.changed_objects, self.deleted_objects = [], [], []

    def rows(self, instance) -> list[dict]:
        raise NotImplementedError

    def entered(self) -> list[dict]:
        """Each row's values: what was typed, or the row as it was when its form was
        left untouched (or not sent at all: a missing form changes nothing)."""
        initial = self.initial_extra or []
        rows = []
        for index in range(max(len(self.forms), len(initial))):
            form = self.forms[index] if index < len(self.forms) else None
            if form is not None and form.has_changed():
                if form.cleaned_data.get("DELETE"):
                    continue
                rows.append(form.cleaned_data)
            elif index < len(initial):
                rows.append(initial[index])
        return rows


class OpschalingsantwoordFormSet(ContentFormSet):
    """Fourteen rows, one per precondition in the checklist's order, answered or not."""

    def rows(self, instance) -> list[dict]:
        given = (
            {a.voorwaarde: a for a in instance.opschalingsantwoorden.all()}
            if instance.pk
            else {}
        )
        rows = []
        for code in Voorwaarde.values:
            answer = given.get(code)
            rows.append(
                {
                    "voorwaarde": code,
                    "antwoord": answer.antwoord if answer else "",
                    "toelichting": answer.toelichting if answer else "",
                    "bewijs_url": answer.bewijs_url if answer else "",
                }
            )
        return rows

    def wanted(self) -> dict[str, dict | None]:
        """Per precondition its answer, or None for one left (or made) unanswered."""
        answers: dict[str, dict | None] = dict.fromkeys(Voorwaarde.values)
        for row in self.entered():
            if row.get("antwoord"):
                answers[row["voorwaarde"]] = {
                    "antwoord": row["antwoord"],
                    "toelichting": row.get("toelichting", ""),
                    "bewijs_url": row.get("bewijs_url", ""),
                }
        return answers

    def clean(self):
        super().clean()
        for form in self.forms:
            data = getattr(form, "cleaned_data", {})
            if (
                form.has_changed()
                and not data.get("antwoord")
                and (data.get("toelichting") or data.get("bewijs_url"))
            ):
                form.add_error("antwoord", "Kies een antwoord bij deze toelichting.")


class OpschalingsantwoordForm(ContentRowForm):
    class Meta:
        model = Opschalingsantwoord
        fields = ["voorwaarde", "antwoord", "toelichting", "bewijs_url"]
        formfield_callback = https_urls
        widgets = {
            "toelichting": forms.Textarea(attrs={"rows": 2, "cols": 40}),
            "antwoord": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The rows are fixed: the precondition is a text, the answer may stay empty.
        self.fields["voorwaarde"].disabled = True
        self.fields["antwoord"].required = False
        # The model's answers, then "not yet": the radios read as the checklist does.
        self.fields["antwoord"].choices = [*Antwoord.choices, ("", "Nog niet ingevuld")]
        for name in ("toelichting", "bewijs_url"):
            self.fields[name].widget.attrs["aria-describedby"] = (
                f"{self[name].auto_id}_helptext"
            )

    @property
    def antwoord_label(self) -> str:
        return dict(self.fields["antwoord"].choices).get(
            self.initial.get("antwoord") or "", ""
        )

    @property
    def code(self) -> str:
        return self.initial.get("voorwaarde", "")

    @property
    def label(self) -> str:
        """The precondition's name, as the public page shows it."""
        return Voorwaarde(self.code).label if self.code in Voorwaarde.values else ""

    @property
    def vraag(self) -> str:
        """The question the public page asks about it."""
        return VOORWAARDE_UITLEG.get(self.code, "")


class RelatieFormSet(ContentFormSet):
    def rows(self, instance) -> list[dict]:
        if not instance.pk:
            return []
        return [
            {"type": r.type, "naar": r.naar_id} for r in instance.relaties_uit.all()
        ]

    def wanted(self) -> list[tuple[str, int]]:
        return [
            (row["type"], getattr(row["naar"], "pk", row["naar"]))
            for row in self.entered()
            if row.get("type") and row.get("naar")
        ]


class RelatieForm(ContentRowForm):
    class Meta:
        model = Relatie
        fields = ["type", "naar"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A row of a table has column headings, no labels: name each field for a
        # screen reader (formulier.js passes it on to the autocomplete).
        for name, text in (("type", "Soort relatie"), ("naar", "Andere bouwsteen")):
            if name in self.fields:
                widget = self.fields[name].widget
                # The admin wraps the autocomplete in its add/change links.
                getattr(widget, "widget", widget).attrs["aria-label"] = text
