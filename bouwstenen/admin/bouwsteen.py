"""Publishing in the admin: organisation-scoped editing, the review workflow and history.

Every rule comes from ``registry.permissions`` and ``bouwstenen.services``, the same rules
the API uses; this module only puts them on screens. A save is one call of a service with
the whole form (fields, opschalingscheck, relations); a published block's changes go into
its concept, which a second person publishes.
"""

from reversion.models import Version

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
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
from bouwstenen.admin.base import (
    OrganisationScopedAdmin,
    adopt,
    apply_to_each,
    report,
)
from bouwstenen.admin.forms import (
    BouwsteenAdminForm,
    OpschalingsantwoordForm,
    OpschalingsantwoordFormSet,
    RelatieForm,
    RelatieFormSet,
    TerugsturenForm,
)
from bouwstenen.admin.import_publiccode import import_publiccode_view
from bouwstenen.constants import Voorwaarde
from bouwstenen.models import Bouwsteen, Opschalingsantwoord, Relatie
from core.errors import Code, ServiceError
from core.markdown import render_markdown
from registry import permissions, workflow


def _bulk_transition(modeladmin, request, queryset, transition, reden=""):
    apply_to_each(
        modeladmin,
        request,
        queryset,
        lambda b: services.bouwsteen_transition(
            bouwsteen=b, user=request.user, actie=transition.name, reden=reden
        ),
        transition.done,
    )


def _action(transition):
    def run(modeladmin, request, queryset):
        _bulk_transition(modeladmin, request, queryset, transition)

    run.__name__ = f"{transition.name}_selected"
    return admin.action(description=f"{transition.label} (geselecteerde)")(run)


class ContentInline(admin.TabularInline):
    """Rows of the block's content: whoever may change the block may change them."""

    def has_view_permission(self, request, obj=None):
        return permissions.is_member(request.user)

    def has_add_permission(self, request, obj=None):
        return obj is None or permissions.can_edit(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return obj is None or permissions.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return obj is None or permissions.can_edit(request.user, obj)


class OpschalingsantwoordInline(ContentInline):
    model = Opschalingsantwoord
    form = OpschalingsantwoordForm
    formset = OpschalingsantwoordFormSet
    fields = ["voorwaarde", "antwoord", "toelichting", "bewijs_url"]
    verbose_name = "voorwaarde"
    verbose_name_plural = (
        "Opschalingscheck: welke voorwaarden voor opschaling zijn geregeld?"
    )
    can_delete = False

    def get_extra(self, request, obj=None, **kwargs):
        return len(Voorwaarde.values)

    def get_max_num(self, request, obj=None, **kwargs):
        return len(Voorwaarde.values)


class RelatieInline(ContentInline):
    model = Relatie
    form = RelatieForm
    formset = RelatieFormSet
    fk_name = "van"
    fields = ["type", "naar"]
    autocomplete_fields = ["naar"]
    verbose_name_plural = "Relaties met andere bouwstenen"

    def get_extra(self, request, obj=None, **kwargs):
        current = len(obj.relaties_uit.all()) if obj is not None and obj.pk else 0
        return current + 2

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "naar":
            kwargs["queryset"] = selectors.bouwstenen_visible_to(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


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
        (
            "Levensfase en opschaling",
            {"fields": ["levensfase", "licentie", "leverancier"]},
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
    ]
    actions = [
        _action(workflow.INDIENEN),
        _action(workflow.PUBLICEREN),
        "terugsturen_selected",
        _action(workflow.ARCHIVEREN),
        _action(workflow.HERSTELLEN),
    ]
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

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk:
            # The owner changes only by a transfer (Overdrachten).
            fields.append("organisatie")
        return fields

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
        ]

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
        extra_context["publication_problems"] = (
            view.publication_problems() if reviewing else {}
        )
        extra_context["four_eyes"] = workflow.four_eyes_enabled()
        # Say why there is no "Publiceren" for this publicist, not only leave it out.
        withheld = services.transition_refusal(obj, workflow.PUBLICEREN, request.user)
        extra_context["vier_ogen"] = (
            withheld.message
            if withheld is not None and withheld.code == Code.VIER_OGEN
            else None
        )
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
            of_concept = services.subject_of(obj, transition) is not obj
            try:
                saved = services.bouwsteen_transition(
                    bouwsteen=obj, user=request.user, actie=transition.name, reden=reden
                )
            except ServiceError as exc:
                report(self, request, exc)
                return HttpResponseRedirect(change_url)
            # The name as it is now: publishing a concept may have changed it.
            done = f"‘{saved.naam}’ is {transition.done}."
            if of_concept:
                done = f"Het concept van {done}"
            self.message_user(request, done, messages.SUCCESS)
            return HttpResponseRedirect(change_url)
        refused = services.transition_refusal(obj, transition, request.user)
        subject = services.subject_of(obj, transition)
        view, _inhoud = services.current_content(obj)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": obj,
            "subject": subject,
            "title": f"{transition.label}: {obj.naam}",
            "transition": transition,
            "refusal": refused.message if refused else None,
            "problems": view.publication_problems() if transition.validates else {},
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
        """Restore the content of an earlier version, as any change: a published block
        gets it as its concept. The workflow status stays as it is."""
        obj = self._get_visible_or_404(request, object_id)
        version = get_object_or_404(
            Version.objects.get_for_object(obj).select_related("revision__user"),
            pk=version_id,
        )
        history_url = reverse("admin:bouwstenen_bouwsteen_history", args=[obj.pk])
        if request.method == "POST":
            if not permissions.can_edit(request.user, obj):
                raise PermissionDenied
            label = f"{version.revision.date_created:%d-%m-%Y %H:%M}"
            try:
                services.bouwsteen_restore_version(
                    bouwsteen=obj,
                    user=request.user,
                    field_dict=version.field_dict,
                    label=label,
                )
            except ServiceError as exc:
                report(self, request, exc, prefix="Deze versie kan niet terug: ")
                return HttpResponseRedirect(history_url)
            done = f"De versie van {label} is hersteld"
            if obj.is_published:
                done += " in het concept; een tweede persoon publiceert het"
            self.message_user(request, done + ".", messages.SUCCESS)
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

    def recover_view(self, request, version_id, extra_context=None):
        """A deleted draft back as a new draft (operators), through the services."""
        if not request.user.is_superuser:
            raise PermissionDenied
        version = get_object_or_404(
            Version.objects.get_deleted(Bouwsteen).select_related("revision__user"),
            pk=version_id,
        )
        label = f"{version.revision.date_created:%d-%m-%Y %H:%M}"
        list_url = reverse("admin:bouwstenen_bouwsteen_recoverlist")
        if request.method == "POST":
            try:
                restored = services.bouwsteen_recover(
                    user=request.user, field_dict=version.field_dict, label=label
                )
            except ServiceError as exc:
                report(self, request, exc, prefix="Niet teruggehaald: ")
                return HttpResponseRedirect(list_url)
            self.message_user(
                request,
                f"‘{restored.naam}’ is teruggehaald als concept.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(
                reverse("admin:bouwstenen_bouwsteen_change", args=[restored.pk])
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": None,
            "title": "Verwijderde bouwsteen terughalen",
            "version": version,
            "rows": history.describe(version),
            "can_restore": True,
            "history_url": list_url,
            "recover": True,
        }
        return TemplateResponse(
            request, "admin/bouwstenen/bouwsteen/revision.html", context
        )
