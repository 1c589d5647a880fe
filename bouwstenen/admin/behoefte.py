"""Needs in the admin: members post and change their organisation's needs, a publicist
reviews and publishes them (bulk actions, as for blocks), and everyone sees who joined.
Every save and step is one call of ``bouwstenen.services``; the form asks the service in
a dry run first, so a refusal shows next to its field."""

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from bouwstenen import services
from bouwstenen.admin.base import (
    OrganisationScopedAdmin,
    add_form_errors,
    adopt,
    apply_to_each,
    report,
)
from bouwstenen.admin.forms import TerugsturenForm
from bouwstenen.models import Behoefte
from bouwstenen.services.behoeften import EDITABLE
from core.errors import ServiceError
from registry import permissions, workflow


class BehoefteForm(forms.ModelForm):
    class Meta:
        model = Behoefte
        fields = [
            "titel",
            "slug",
            "organisatie",
            "beschrijving",
            "themas",
            "lagen",
            "levensfase",
            "contact_naam",
            "contact_email",
        ]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def _post_clean(self):
        # The services validate the whole need (and write it in save_model).
        pass

    def values(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in EDITABLE
            if name in self.cleaned_data
        }

    def save_with(self, user, *, dry_run: bool = False) -> Behoefte:
        themas = self.cleaned_data.get("themas")
        lagen = self.cleaned_data.get("lagen")
        if self.instance.pk:
            return services.behoefte_update(
                user=user,
                behoefte=self.instance,
                values=self.values(),
                themas=themas,
                lagen=lagen,
                dry_run=dry_run,
            )
        return services.behoefte_create(
            user=user,
            organisatie=self.cleaned_data["organisatie"],
            values=self.values(),
            themas=themas,
            lagen=lagen,
            dry_run=dry_run,
        )

    def clean(self):
        cleaned = super().clean()
        if self.errors or self.request is None:
            return cleaned
        try:
            with transaction.atomic():
                self.save_with(self.request.user, dry_run=True)
        except ServiceError as exc:
            add_form_errors(self, exc)
        return cleaned


def _transition_action(transition):
    def run(modeladmin, request, queryset):
        _bulk(modeladmin, request, queryset, transition)

    run.__name__ = f"{transition.name}_selected"
    return admin.action(description=f"{transition.label} (geselecteerde)")(run)


def _bulk(modeladmin, request, queryset, transition, reden=""):
    apply_to_each(
        modeladmin,
        request,
        queryset,
        lambda b: services.behoefte_transition(
            behoefte=b, user=request.user, actie=transition.name, reden=reden
        ),
        transition.done,
    )


@admin.register(Behoefte)
class BehoefteAdmin(OrganisationScopedAdmin):
    form = BehoefteForm
    list_display = [
        "titel",
        "organisatie",
        "status",
        "aantal_deelnemers",
        "gepubliceerd_op",
    ]
    list_filter = ["publicatiestatus", "themas"]
    search_fields = ["titel", "organisatie__naam"]
    list_select_related = ["organisatie"]
    actions = [
        _transition_action(workflow.INDIENEN),
        _transition_action(workflow.PUBLICEREN),
        "terugsturen_selected",
        _transition_action(workflow.ARCHIVEREN),
        _transition_action(workflow.HERSTELLEN),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_deelnemers=Count("deelnames"))

    @admin.display(description="wij ook", ordering="_deelnemers")
    def aantal_deelnemers(self, obj):
        return obj._deelnemers

    @admin.display(description="status", ordering="publicatiestatus")
    def status(self, obj):
        return format_html(
            '<span class="status status-{}">{}</span>',
            obj.publicatiestatus,
            obj.status_label,
        )

    @admin.display(description="wie zoekt dit ook? (wij ook)")
    def deelnemers(self, obj):
        # Written on the public page and by the API; shown here, not edited.
        joined = list(obj.deelnames.select_related("organisatie")) if obj.pk else []
        if not joined:
            return "Nog geen andere organisatie."
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{} ({})</li>",
                (
                    (d.organisatie.naam, d.contact_email or "geen contact")
                    for d in joined
                ),
            ),
        )

    def get_readonly_fields(self, request, obj=None):
        fields = ["beantwoord_door", "gesloten_op", "beoordeling_opmerking"]
        fields.append("deelnemers")
        if obj is not None and obj.pk:
            fields.append("organisatie")
        return fields

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return permissions.is_member(request.user)
        return permissions.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return permissions.is_member(request.user)
        return permissions.can_delete(request.user, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)

        class RequestForm(form):
            def __init__(self, *args, **form_kwargs):
                super().__init__(*args, request=request, **form_kwargs)

        return RequestForm

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisatie":
            kwargs["queryset"] = permissions.organisations_of(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        adopt(obj, form.save_with(request.user))

    def delete_model(self, request, obj):
        services.behoefte_delete(user=request.user, behoefte=obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.behoefte_delete(user=request.user, behoefte=obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ServiceError as exc:
            # A write that raced in since the form's dry run; nothing was stored.
            report(self, request, exc)
            return HttpResponseRedirect(request.get_full_path())

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ServiceError as exc:
            report(self, request, exc)
            return HttpResponseRedirect(reverse("admin:bouwstenen_behoefte_changelist"))

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Earlier versions are shown, not written back: reversion would write around
        the services (and a published need does not change)."""
        if request.method == "POST":
            self.message_user(
                request,
                "Een eerdere versie van een behoefte terugzetten kan niet; wijzig het "
                "concept zelf.",
                messages.WARNING,
            )
            return HttpResponseRedirect(
                reverse("admin:bouwstenen_behoefte_change", args=[object_id])
            )
        return super().revision_view(request, object_id, version_id, extra_context)

    @admin.action(description="Terugsturen naar de redacteur (geselecteerde)")
    def terugsturen_selected(self, request, queryset):
        form = TerugsturenForm(request.POST if "reden" in request.POST else None)
        if form.is_bound and form.is_valid():
            _bulk(
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
