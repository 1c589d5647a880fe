"""Publishing in the admin: organisation-scoped editing, the review workflow and history.

Every rule comes from ``registry.permissions`` and ``bouwstenen.services``, the same rules
the API uses; this module only puts them on screens. A save is one call of a service with
the whole form (fields, opschalingscheck, relations); a published block's changes go into
its concept, which a second person publishes.
"""

from django.contrib import admin, messages
from django.http import (
    HttpResponseRedirect,
)
from django.urls import reverse
from django.utils.html import format_html

from bouwstenen import selectors, services
from bouwstenen.admin.base import (
    OrganisationScopedAdmin,
    adopt,
    apply_to_each,
    report,
)
from bouwstenen.admin.bouwsteen_inlines import OpschalingsantwoordInline, RelatieInline
from bouwstenen.admin.bouwsteen_views import BouwsteenAdminViews, transition_action
from bouwstenen.admin.forms import (
    BouwsteenAdminForm,
    OpschalingsantwoordFormSet,
    RelatieFormSet,
)
from bouwstenen.admin.onderhoud import OnderhoudAdminViews, onderhoud_context
from bouwstenen.completeness import completeness_of
from bouwstenen.models import Bouwsteen
from core.errors import Code, ServiceError
from core.markdown import render_markdown
from registry import permissions, workflow


@admin.register(Bouwsteen)
class BouwsteenAdmin(OnderhoudAdminViews, BouwsteenAdminViews, OrganisationScopedAdmin):
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
    list_select_related = ["organisatie", "concept"]
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
        (
            "Levensfase en opschaling",
            {"fields": ["levensfase", "licentie", "licentie_anders", "leverancier"]},
        ),
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
        (
            "Geavanceerd",
            {
                "fields": ["slug"],
                "classes": ["collapse"],
                "description": "Dit hoeft u meestal niet te wijzigen.",
            },
        ),
    ]
    actions = [
        transition_action(workflow.INDIENEN),
        transition_action(workflow.PUBLICEREN),
        "terugsturen_selected",
        transition_action(workflow.ARCHIVEREN),
        transition_action(workflow.HERSTELLEN),
        "uitlichten_selected",
        "niet_uitlichten_selected",
        "actueel_bevestigen_selected",
    ]
    change_form_template = "admin/bouwstenen/bouwsteen/change_form.html"
    # Reversion's list plus a button to the publiccode.yml import.
    change_list_template = "admin/bouwstenen/bouwsteen/change_list.html"
    object_history_template = "admin/bouwstenen/bouwsteen/object_history.html"

    # --- who sees and changes what -------------------------------------------------

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not permissions.is_beheerder(request.user):
            # Featuring on the home page is the beheerders' choice.
            actions.pop("uitlichten_selected", None)
            actions.pop("niet_uitlichten_selected", None)
        return actions

    @admin.action(description="Uitlichten op de startpagina (geselecteerde)")
    def uitlichten_selected(self, request, queryset):
        def feature(bouwsteen):
            services.bouwsteen_feature(user=request.user, bouwsteen=bouwsteen)

        apply_to_each(self, request, queryset, feature, "uitgelicht")

    @admin.action(description="Niet meer uitlichten (geselecteerde)")
    def niet_uitlichten_selected(self, request, queryset):
        def unfeature(bouwsteen):
            services.bouwsteen_unfeature(user=request.user, bouwsteen=bouwsteen)

        apply_to_each(self, request, queryset, unfeature, "van de startpagina gehaald")

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return permissions.is_member(request.user)
        return permissions.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return permissions.is_member(request.user)
        return permissions.can_delete(request.user, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk:
            # The owner changes only by a transfer (Overdrachten).
            fields.append("organisatie")
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # Read only: the licence reads as it is stored; nothing to type in.
        return [
            (
                name,
                {
                    **options,
                    "fields": [f for f in options["fields"] if f != "licentie_anders"],
                },
            )
            for name, options in fieldsets
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)

        class RequestForm(form):
            def __init__(self, *args, **form_kwargs):
                super().__init__(*args, request=request, **form_kwargs)

        return RequestForm

    def get_search_results(self, request, queryset, search_term):
        # Relations and reuse may point at other organisations' published blocks.
        if request.GET.get("field_name") in ("naar", "bouwsteen"):
            visible = selectors.bouwstenen_visible_to(request.user)
            if request.GET.get("model_name") in ("hergebruik", "overdracht"):
                visible = visible.published()
            queryset = visible.select_related("organisatie")
        return super().get_search_results(request, queryset, search_term)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisatie":
            # Validation uses this queryset too, so a tampered organisation is refused.
            kwargs["queryset"] = permissions.organisations_of(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # --- saving: one call of the services --------------------------------------------

    def save_model(self, request, obj, form, change):
        """Nothing yet: ``save_related`` has the formsets too and saves it all at once."""

    def save_related(self, request, form, formsets, change):
        answers, relaties = None, None
        for formset in formsets:
            if isinstance(formset, OpschalingsantwoordFormSet):
                answers = formset.wanted()
            elif isinstance(formset, RelatieFormSet):
                relaties = formset.wanted()
        if change:
            saved = services.bouwsteen_update(
                bouwsteen=form.instance,
                user=request.user,
                values=form.values(),
                relations=form.relations(),
                answers=answers,
                relaties=relaties,
                expected_versie=form.cleaned_data.get("versie"),
            )
        else:
            saved = services.bouwsteen_create(
                user=request.user,
                organisatie=form.cleaned_data["organisatie"],
                values=form.values(),
                relations=form.relations(),
                answers=answers,
                relaties=relaties,
            )
        adopt(form.instance, saved)

    def delete_model(self, request, obj):
        services.bouwsteen_delete(bouwsteen=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.bouwsteen_delete(bouwsteen=obj, user=request.user)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ServiceError as exc:
            # Checked in the form already; this is a write that raced in since then.
            # The transaction rolled back: nothing of the save is stored.
            report(self, request, exc)
            return HttpResponseRedirect(request.get_full_path())

    # --- display -------------------------------------------------------------------

    @admin.display(description="status", ordering="publicatiestatus")
    def status_badge(self, obj):
        badge = format_html(
            '<span class="status status-{}">{}</span>',
            obj.publicatiestatus,
            obj.get_publicatiestatus_display(),
        )
        werkversie = obj.werkversie if obj.is_published else None
        if werkversie is None:
            return badge
        return format_html(
            '{} <span class="status status-{}">+ concept ({})</span>',
            badge,
            werkversie.publicatiestatus,
            werkversie.get_publicatiestatus_display().lower(),
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
            "bouwstenen/admin/formulier.js",
        ]
        css = {"all": ["bouwstenen/admin/formulier.css"]}

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Another organisation's record is "not found", not a redirect that hints it exists.
        obj = self._get_visible_or_404(request, object_id)
        extra_context = extra_context or {}
        view, _inhoud = services.current_content(obj)
        werkversie = obj.werkversie if obj.is_published else None
        extra_context["werkversie"] = werkversie
        extra_context["workflow_actions"] = [
            {
                "transition": transition,
                "url": reverse(
                    "admin:bouwstenen_bouwsteen_workflow",
                    args=[obj.pk, transition.name],
                ),
            }
            for transition in services.allowed_transitions(obj, request.user)
        ]
        reviewing = werkversie is not None or obj.publicatiestatus in (
            "concept",
            "ter-beoordeling",
        )
        # How far the block (or its concept) is, and what it still needs before review.
        extra_context["volledigheid"] = completeness_of(view) if reviewing else None
        extra_context["voorbeeld_url"] = reverse(
            "admin:bouwstenen_bouwsteen_voorbeeld", args=[obj.pk]
        )
        extra_context["four_eyes"] = workflow.four_eyes_enabled()
        # Say why there is no "Publiceren" for this publicist, not only leave it out.
        withheld = services.transition_refusal(obj, workflow.PUBLICEREN, request.user)
        extra_context["vier_ogen"] = (
            withheld.message
            if withheld is not None and withheld.code == Code.VIER_OGEN
            else None
        )
        extra_context["onderhoud"] = onderhoud_context(obj, request.user)
        return super().change_view(request, object_id, form_url, extra_context)

    def response_change(self, request, obj):
        """A published block's save changed its concept, not the block: say so, instead
        of the admin's "… is met succes gewijzigd" with the name nobody sees yet."""
        stored = Bouwsteen.objects.select_related("concept").get(pk=obj.pk)
        if stored.is_published and stored.werkversie is not None:
            wie = (
                "een andere publicist"
                if workflow.four_eyes_enabled()
                else "een publicist"
            )
            request._concept_bericht = format_html(
                "Opgeslagen in het concept van ‘{}’. De gepubliceerde versie blijft "
                "zichtbaar tot {} het concept publiceert.",
                stored.naam,
                wie,
            )
        return super().response_change(request, obj)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        concept_bericht = getattr(request, "_concept_bericht", None)
        if concept_bericht is not None and level == messages.SUCCESS:
            message, request._concept_bericht = concept_bericht, None
        super().message_user(request, message, level, *args, **kwargs)

    def delete_view(self, request, object_id, extra_context=None):
        self._get_visible_or_404(request, object_id)
        try:
            return super().delete_view(request, object_id, extra_context)
        except ServiceError as exc:
            report(self, request, exc)
            return HttpResponseRedirect(
                reverse("admin:bouwstenen_bouwsteen_change", args=[object_id])
            )
