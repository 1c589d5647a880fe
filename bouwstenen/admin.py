"""Publishing in the admin: organisation-scoped editing, the review workflow and history.

Every rule comes from ``registry.permissions`` and ``registry.workflow``, the same rules the
API uses; this module only puts them on screens.
"""

from reversion.admin import VersionAdmin
from reversion.models import Version

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.forms.models import BaseInlineFormSet
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from bouwstenen import history, search, selectors, services
from bouwstenen.constants import Voorwaarde
from bouwstenen.interop.admin_upload import import_publiccode_view
from bouwstenen.models import Bouwsteen, Hergebruik, Opschalingsantwoord, Relatie
from registry import permissions, workflow
from registry.markdown import render_markdown

CONCURRENT_EDIT_MESSAGE = (
    "Iemand anders heeft deze bouwsteen opgeslagen nadat u hem opende. Uw wijzigingen zijn "
    "niet opgeslagen. Open de bouwsteen opnieuw om de nieuwste versie te zien."
)


def https_urls(field, **kwargs):
    """Links typed without a scheme are taken to be https (Django 6's default)."""
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class BouwsteenAdminForm(forms.ModelForm):
    # The version the editor started from; a save from an older version is refused.
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["versie"].initial = self.instance.versie

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            # Inside the admin's transaction: lock the row so two saves cannot both pass.
            current = (
                Bouwsteen.objects.select_for_update()
                .values_list("versie", flat=True)
                .get(pk=self.instance.pk)
            )
            if cleaned.get("versie") != current:
                raise forms.ValidationError(
                    CONCURRENT_EDIT_MESSAGE, code="concurrent_edit"
                )
        # The counter itself is never taken from the form; save_model moves it on.
        cleaned["versie"] = self.instance.versie
        return cleaned


class TerugsturenForm(forms.Form):
    reden = forms.CharField(
        label="Reden",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Wat moet de redacteur aanpassen? Dit ziet hij of zij bij de bouwsteen.",
        error_messages={
            "required": "Geef een reden op, zodat de redacteur weet wat er moet gebeuren."
        },
    )


def _bulk_transition(modeladmin, request, queryset, transition, reden=""):
    done, refused = 0, []
    for bouwsteen in queryset:
        try:
            services.bouwsteen_transition(
                bouwsteen=bouwsteen,
                user=request.user,
                actie=transition.name,
                reden=reden,
            )
            done += 1
        except workflow.TransitionRefused as exc:
            refused.append(f"{bouwsteen.naam}: {exc.message}")
    noun = "bouwsteen" if done == 1 else "bouwstenen"
    if done:
        modeladmin.message_user(
            request, f"{done} {noun} {transition.done}.", messages.SUCCESS
        )
    if refused:
        modeladmin.message_user(
            request,
            f"{len(refused)} niet {transition.done}: " + "; ".join(refused),
            messages.WARNING,
        )


def _action(transition):
    def run(modeladmin, request, queryset):
        _bulk_transition(modeladmin, request, queryset, transition)

    run.__name__ = f"{transition.name}_selected"
    return admin.action(description=f"{transition.label} (geselecteerde)")(run)


class OwnerEditsInline:
    """Inline records belong to the block: whoever may edit the block may edit them."""

    def has_view_permission(self, request, obj=None):
        return permissions.is_member(request.user)

    def has_add_permission(self, request, obj=None):
        return obj is None or permissions.can_edit(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return obj is None or permissions.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return obj is None or permissions.can_edit(request.user, obj)


class OpschalingsantwoordFormSet(BaseInlineFormSet):
    def __init__(self, *args, **kwargs):
        instance = kwargs.get("instance")
        answered = set()
        if instance is not None and instance.pk:
            answered = set(
                instance.opschalingsantwoorden.values_list("voorwaarde", flat=True)
            )
        # One empty row per precondition not yet answered, in the checklist's order.
        kwargs["initial"] = [
            {"voorwaarde": code} for code in Voorwaarde.values if code not in answered
        ]
        super().__init__(*args, **kwargs)


class OpschalingsantwoordInline(OwnerEditsInline, admin.TabularInline):
    model = Opschalingsantwoord
    formset = OpschalingsantwoordFormSet
    fields = ["voorwaarde", "antwoord", "toelichting", "bewijs_url"]
    verbose_name = "voorwaarde"
    verbose_name_plural = (
        "Opschalingscheck: welke voorwaarden voor opschaling zijn geregeld?"
    )
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})},
        models.URLField: {"assume_scheme": "https"},
    }

    def get_extra(self, request, obj=None, **kwargs):
        answered = (
            obj.opschalingsantwoorden.count() if obj is not None and obj.pk else 0
        )
        return len(Voorwaarde.values) - answered

    def get_max_num(self, request, obj=None, **kwargs):
        return len(Voorwaarde.values)


class RelatieInline(OwnerEditsInline, admin.TabularInline):
    model = Relatie
    fk_name = "van"
    fields = ["type", "naar"]
    extra = 0
    autocomplete_fields = ["naar"]
    verbose_name_plural = "Relaties met andere bouwstenen"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "naar":
            kwargs["queryset"] = selectors.bouwstenen_visible_to(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class OrganisationScopedAdmin(VersionAdmin):
    """Records that belong to an organisation: members see and add only their own.

    Rights come from memberships (registry.permissions), not from Django's model
    permissions; deleted records can be recovered by registry operators only.
    """

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(
            organisatie__in=permissions.organisations_of(request.user)
        )

    def has_module_permission(self, request):
        return permissions.is_member(request.user)

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return permissions.is_member(request.user)
        return permissions.role_in(request.user, obj.organisatie_id) is not None

    def has_add_permission(self, request):
        return permissions.is_member(request.user)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        own = list(
            permissions.organisations_of(request.user).values_list("pk", flat=True)[:2]
        )
        if len(own) == 1 and not request.user.is_superuser:
            initial.setdefault("organisatie", own[0])
        return initial

    def recoverlist_view(self, request, extra_context=None):
        # Deleted records of every organisation are listed there: operators only.
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)


@admin.register(Bouwsteen)
class BouwsteenAdmin(OrganisationScopedAdmin):
    form = BouwsteenAdminForm
    inlines = [OpschalingsantwoordInline, RelatieInline]
    list_display = [
        "naam",
        "organisatie",
        "soort",
        "levensfase",
        "status_badge",
        "gewijzigd_op",
    ]
    list_filter = ["publicatiestatus", "soort", "levensfase", "themas", "lagen"]
    search_fields = ["naam", "samenvatting", "organisatie__naam", "organisatie__code"]
    list_select_related = ["organisatie"]
    date_hierarchy = "gewijzigd_op"
    prepopulated_fields = {"slug": ["naam"]}
    autocomplete_fields = ["organisatie", "themas", "referentiecomponenten"]
    readonly_fields = [
        "uuid",
        "publicatiestatus",
        "gepubliceerd_op",
        "ingediend_door",
        "beoordeling_opmerking",
        "aangemaakt_op",
        "gewijzigd_op",
        "voorbeeld",
        "bestaat_dit_al",
    ]
    fieldsets = [
        (
            "Wat is het",
            {
                "fields": [
                    "naam",
                    "slug",
                    "soort",
                    "vorm",
                    "samenvatting",
                    "bestaat_dit_al",
                    "beschrijving",
                    "voorbeeld",
                ]
            },
        ),
        ("Voor welke opgave", {"fields": ["organisatie", "themas"]}),
        (
            "Architectuur",
            {
                "fields": ["lagen", "referentiecomponenten"],
                "description": "Waar past de bouwsteen in Common Ground en in GEMMA?",
            },
        ),
        ("Levensfase en opschaling", {"fields": ["levensfase", "licentie"]}),
        (
            "Contact en links",
            {
                "fields": [
                    "contact_naam",
                    "contact_email",
                    "repository_url",
                    "documentatie_url",
                    "demo_url",
                    "website_url",
                ]
            },
        ),
        (
            "Publicatie",
            {
                "fields": [
                    "versie",
                    "publicatiestatus",
                    "beoordeling_opmerking",
                    "ingediend_door",
                    "gepubliceerd_op",
                    "uuid",
                    "aangemaakt_op",
                    "gewijzigd_op",
                ],
                "classes": ["collapse"],
            },
        ),
    ]
    actions = [
        _action(workflow.INDIENEN),
        _action(workflow.PUBLICEREN),
        "terugsturen_selected",
        _action(workflow.ARCHIVEREN),
        _action(workflow.HERSTELLEN),
    ]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    change_form_template = "admin/bouwstenen/bouwsteen/change_form.html"
    # Reversion's list plus a button to the publiccode.yml import.
    change_list_template = "admin/bouwstenen/bouwsteen/change_list.html"
    object_history_template = "admin/bouwstenen/bouwsteen/object_history.html"

    # --- who sees and changes what -------------------------------------------------

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return permissions.is_member(request.user)
        return permissions.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return permissions.is_member(request.user)
        return permissions.can_delete(request.user, obj)

    def get_search_results(self, request, queryset, search_term):
        # Relations and reuse may point at other organisations' published blocks.
        if request.GET.get("field_name") in ("naar", "bouwsteen"):
            visible = selectors.bouwstenen_visible_to(request.user)
            if request.GET.get("model_name") == "hergebruik":
                visible = visible.published()
            queryset = visible.select_related("organisatie")
        return super().get_search_results(request, queryset, search_term)

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Bulk delete would bypass archiving; a draft is deleted one at a time.
        actions.pop("delete_selected", None)
        return actions

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisatie":
            # Validation uses this queryset too, so a tampered organisation is refused.
            kwargs["queryset"] = permissions.organisations_of(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        search.reindex([form.instance.pk])

    def save_model(self, request, obj, form, change):
        if change:
            obj.versie += 1
        super().save_model(request, obj, form, change)

    # --- display -------------------------------------------------------------------

    @admin.display(description="status", ordering="publicatiestatus")
    def status_badge(self, obj):
        return format_html(
            '<span class="status status-{}">{}</span>',
            obj.publicatiestatus,
            obj.get_publicatiestatus_display(),
        )

    @admin.display(description="voorbeeld van de beschrijving")
    def voorbeeld(self, obj):
        rendered = render_markdown(obj.beschrijving) if obj and obj.beschrijving else ""
        return format_html(
            '<div class="markdown-voorbeeld" aria-live="polite" data-preview-url="{}">{}</div>',
            reverse("admin:bouwstenen_bouwsteen_markdown_preview"),
            rendered or "Typ een beschrijving; hier ziet u hoe bezoekers die lezen.",
        )

    @admin.display(description="bestaat dit al?")
    def bestaat_dit_al(self, obj):
        return format_html(
            '<div id="bestaat-dit-al" aria-live="polite" data-url="{}" data-exclude="{}">'
            '<p class="help">Zodra u een naam typt, ziet u hier vergelijkbare bouwstenen '
            "die al bestaan.</p></div>",
            reverse("admin:bouwstenen_bouwsteen_bestaat_dit_al"),
            obj.pk if obj and obj.pk else "",
        )

    class Media:
        js = [
            "bouwstenen/admin/markdown-voorbeeld.js",
            "bouwstenen/admin/bestaat-dit-al.js",
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Another organisation's record is "not found", not a redirect that hints it exists.
        obj = self._get_visible_or_404(request, object_id)
        extra_context = extra_context or {}
        if obj is not None:
            extra_context["workflow_actions"] = [
                {
                    "transition": transition,
                    "url": reverse(
                        "admin:bouwstenen_bouwsteen_workflow",
                        args=[obj.pk, transition.name],
                    ),
                }
                for transition in workflow.allowed(obj, request.user)
            ]
            extra_context["publication_problems"] = (
                obj.publication_problems()
                if obj.publicatiestatus in ("concept", "ter-beoordeling")
                else {}
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self._get_visible_or_404(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    # --- workflow ------------------------------------------------------------------

    def get_urls(self):
        custom = [
            path(
                "bestaat-dit-al/",
                self.admin_site.admin_view(self.bestaat_dit_al_view),
                name="bouwstenen_bouwsteen_bestaat_dit_al",
            ),
            path(
                "markdown-voorbeeld/",
                self.admin_site.admin_view(self.markdown_preview_view),
                name="bouwstenen_bouwsteen_markdown_preview",
            ),
            path(
                "<path:object_id>/workflow/<str:actie>/",
                self.admin_site.admin_view(self.workflow_view),
                name="bouwstenen_bouwsteen_workflow",
            ),
            path(
                "import-publiccode/",
                self.admin_site.admin_view(self.import_publiccode_view),
                name="bouwstenen_bouwsteen_import_publiccode",
            ),
        ]
        return custom + super().get_urls()

    def import_publiccode_view(self, request):
        """Upload a publiccode.yml (or give its URL) and see the import report."""
        return import_publiccode_view(self, request)

    def bestaat_dit_al_view(self, request):
        """Similar existing blocks for a name and summary being typed (an HTML fragment)."""
        naam = request.GET.get("naam", "")[:200]
        samenvatting = request.GET.get("samenvatting", "")[:500]
        exclude = request.GET.get("uitgezonderd", "")
        matches = []
        if naam.strip() or samenvatting.strip():
            matches = search.similar_to(
                selectors.bouwstenen_visible_to(request.user),
                naam=naam,
                samenvatting=samenvatting,
                exclude_pk=int(exclude) if exclude.isdigit() else None,
            )
        return TemplateResponse(
            request,
            "admin/bouwstenen/bouwsteen/bestaat_dit_al.html",
            {
                "matches": matches,
                "searched": bool(naam.strip() or samenvatting.strip()),
            },
        )

    def markdown_preview_view(self, request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return HttpResponse(render_markdown(request.POST.get("beschrijving", "")))

    def _get_visible_or_404(self, request, object_id) -> Bouwsteen:
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("Deze bouwsteen bestaat niet of u hebt er geen toegang toe.")
        return obj

    def workflow_view(self, request, object_id, actie):
        obj = self._get_visible_or_404(request, object_id)
        transition = workflow.TRANSITIONS.get(actie)
        if transition is None:
            raise Http404("Onbekende actie.")
        change_url = reverse("admin:bouwstenen_bouwsteen_change", args=[obj.pk])
        form = (
            TerugsturenForm(request.POST or None) if transition.needs_reason else None
        )
        if request.method == "POST" and (form is None or form.is_valid()):
            reden = form.cleaned_data["reden"] if form else ""
            try:
                services.bouwsteen_transition(
                    bouwsteen=obj, user=request.user, actie=transition.name, reden=reden
                )
            except workflow.TransitionRefused as exc:
                self.message_user(request, exc.message, messages.ERROR)
                for field, problems in exc.field_errors.items():
                    for problem in problems:
                        self.message_user(
                            request, f"{field}: {problem}", messages.ERROR
                        )
                return HttpResponseRedirect(change_url)
            self.message_user(
                request, f"‘{obj.naam}’ is {transition.done}.", messages.SUCCESS
            )
            return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": obj,
            "title": f"{transition.label}: {obj.naam}",
            "transition": transition,
            "refusal": workflow.refusal(obj, transition, request.user),
            "problems": obj.publication_problems() if transition.validates else {},
            "form": form,
            "change_url": change_url,
        }
        return TemplateResponse(
            request, "admin/bouwstenen/bouwsteen/workflow.html", context
        )

    @admin.action(description="Terugsturen naar de redacteur (geselecteerde)")
    def terugsturen_selected(self, request, queryset):
        form = TerugsturenForm(request.POST if "reden" in request.POST else None)
        if form.is_bound and form.is_valid():
            _bulk_transition(
                self,
                request,
                queryset,
                workflow.TERUGSTUREN,
                form.cleaned_data["reden"],
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Terugsturen naar de redacteur",
            "queryset": queryset,
            "form": form,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(
            request, "admin/bouwstenen/bouwsteen/terugsturen.html", context
        )

    # --- history -------------------------------------------------------------------

    def history_view(self, request, object_id, extra_context=None):
        obj = self._get_visible_or_404(request, object_id)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": obj,
            "object": obj,
            "title": f"Geschiedenis: {obj.naam}",
            "entries": history.entries_for(obj),
            "can_restore": permissions.can_edit(request.user, obj),
        }
        return TemplateResponse(request, self.object_history_template, context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Restore the content of an earlier version; the workflow status stays as it is."""
        obj = self._get_visible_or_404(request, object_id)
        version = get_object_or_404(
            Version.objects.get_for_object(obj).select_related("revision__user"),
            pk=version_id,
        )
        history_url = reverse("admin:bouwstenen_bouwsteen_history", args=[obj.pk])
        if request.method == "POST":
            if not permissions.can_edit(request.user, obj):
                raise PermissionDenied
            try:
                with transaction.atomic():
                    history.restore(obj, version, user=request.user)
            except services.ConcurrentEdit as exc:
                self.message_user(request, str(exc), messages.ERROR)
                return HttpResponseRedirect(history_url)
            except ValidationError as exc:
                # A published block may not become incomplete, not even by a restore.
                self.message_user(
                    request,
                    "Deze versie kan niet terug: " + " ".join(exc.messages),
                    messages.ERROR,
                )
                return HttpResponseRedirect(history_url)
            self.message_user(
                request,
                f"De versie van {version.revision.date_created:%d-%m-%Y %H:%M} is hersteld.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(
                reverse("admin:bouwstenen_bouwsteen_change", args=[obj.pk])
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": obj,
            "title": f"Versie herstellen: {obj.naam}",
            "version": version,
            "rows": history.describe(version),
            "can_restore": permissions.can_edit(request.user, obj),
            "history_url": history_url,
        }
        return TemplateResponse(
            request, "admin/bouwstenen/bouwsteen/revision.html", context
        )


@admin.register(Hergebruik)
class HergebruikAdmin(OrganisationScopedAdmin):
    """Reuse is recorded by the reusing organisation, never by the block's owner."""

    list_display = ["bouwsteen", "organisatie", "stadium", "sinds", "gewijzigd_op"]
    list_filter = ["stadium", "organisatie__soort"]
    search_fields = ["bouwsteen__naam", "organisatie__naam", "organisatie__code"]
    list_select_related = ["bouwsteen", "organisatie"]
    autocomplete_fields = ["bouwsteen", "organisatie"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = [
        "bouwsteen",
        "organisatie",
        "stadium",
        "sinds",
        "ervaring",
        "resultaten",
        "contact_naam",
        "contact_email",
    ]

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisatie":
            kwargs["queryset"] = permissions.organisations_of(request.user)
        elif db_field.name == "bouwsteen":
            kwargs["queryset"] = Bouwsteen.objects.published()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404("Dit hergebruik bestaat niet of u hebt er geen toegang toe.")
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404
        return super().history_view(request, object_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_change_permission(request, obj):
            raise Http404
        return super().revision_view(request, object_id, version_id, extra_context)
