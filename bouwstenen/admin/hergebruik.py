"""Reuse in the admin: an organisation records its own, and confirms or rejects what
others reported about it. Every write goes through ``bouwstenen.services``."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html

from bouwstenen import services
from bouwstenen.admin.base import (
    OrganisationScopedAdmin,
    add_form_errors,
    adopt,
    apply_to_each,
    report,
)
from bouwstenen.constants import HergebruikStatus
from bouwstenen.models import Bouwsteen, Hergebruik
from bouwstenen.services.hergebruik import EDITABLE
from core.errors import ServiceError
from registry import permissions


@admin.register(Hergebruik)
class HergebruikAdmin(OrganisationScopedAdmin):
    """Reuse is recorded by the reusing organisation, never by the block's owner; what
    the owner (or a publiccode.yml) reported waits here for that organisation's answer."""

    list_display = [
        "bouwsteen",
        "organisatie",
        "status_badge",
        "stadium",
        "sinds",
        "gewijzigd_op",
    ]
    list_filter = ["status", "stadium", "organisatie__soort"]
    search_fields = ["bouwsteen__naam", "organisatie__naam", "organisatie__code"]
    list_select_related = ["bouwsteen", "organisatie", "gemeld_namens"]
    autocomplete_fields = ["bouwsteen", "organisatie"]
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
    melding_fields = ["status", "gemeld_namens", "gemeld_op", "melding_bron"]
    # Django's list, without reversion's "recover deleted" button: these records are
    # not brought back from the history (OrganisationScopedAdmin.recover_view).
    change_list_template = "admin/change_list.html"
    actions = ["bevestigen_selected", "afwijzen_selected"]

    def get_queryset(self, request):
        queryset = Hergebruik.objects.select_related(
            "bouwsteen", "organisatie", "gemeld_namens"
        )
        if request.user.is_superuser:
            return queryset
        own = permissions.organisations_of(request.user)
        # Their own reuse, and what they reported about others (to withdraw it).
        return queryset.filter(Q(organisatie__in=own) | Q(gemeld_namens__in=own))

    def get_fields(self, request, obj=None):
        if obj is None:
            return self.fields
        return [*self.fields, *self.melding_fields]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        if obj.status != HergebruikStatus.BEVESTIGD or not self._own(request, obj):
            # A report is answered with the actions, not edited.
            return [*self.fields, *self.melding_fields]
        return ["bouwsteen", "organisatie", *self.melding_fields]

    def _own(self, request, obj) -> bool:
        return obj.organisatie_id in permissions.roles_of(request.user)

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return permissions.is_member(request.user)
        return request.user.is_superuser or bool(
            {obj.organisatie_id, obj.gemeld_namens_id}
            & set(permissions.roles_of(request.user))
        )

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return permissions.is_member(request.user)
        return self._own(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return permissions.is_member(request.user)
        return self._own(request, obj) or (
            obj.is_gemeld and obj.gemeld_namens_id in permissions.roles_of(request.user)
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisatie":
            # Real memberships: a beheerder is not every organisation.
            kwargs["queryset"] = permissions.organisations_of(request.user).filter(
                lidmaatschappen__gebruiker=request.user
            )
        elif db_field.name == "bouwsteen":
            kwargs["queryset"] = Bouwsteen.objects.published()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="status", ordering="status")
    def status_badge(self, obj):
        if obj.status == HergebruikStatus.GEMELD and obj.gemeld_namens:
            return format_html(
                '<span class="status status-gemeld">gemeld door {}, nog niet '
                "bevestigd</span>",
                obj.gemeld_namens.naam,
            )
        return format_html(
            '<span class="status status-{}">{}</span>',
            obj.status,
            obj.get_status_display(),
        )

    # --- writing through the services ------------------------------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        admin_ = self

        class ServiceForm(form):
            def _post_clean(self):
                # The services validate and write; ask them first, so a refusal shows
                # in the form with the input kept.
                super()._post_clean()
                if self.errors:
                    return
                try:
                    admin_._write(request, self, dry_run=True)
                except ServiceError as exc:
                    add_form_errors(self, exc)

            def validate_unique(self):
                pass

        return ServiceForm

    def _write(self, request, form, *, dry_run: bool = False):
        values = {
            name: form.cleaned_data[name]
            for name in EDITABLE
            if name in form.cleaned_data
        }
        with transaction.atomic():
            if form.instance.pk:
                saved = services.hergebruik_update(
                    user=request.user, hergebruik=form.instance, values=values
                )
            else:
                saved = services.hergebruik_record(
                    user=request.user,
                    bouwsteen=form.cleaned_data["bouwsteen"],
                    organisatie=form.cleaned_data["organisatie"],
                    values=values,
                )
            if dry_run:
                transaction.set_rollback(True)
        return saved

    def save_model(self, request, obj, form, change):
        saved = self._write(request, form)
        adopt(obj, saved)

    def delete_model(self, request, obj):
        services.hergebruik_withdraw(user=request.user, hergebruik=obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.hergebruik_withdraw(user=request.user, hergebruik=obj)

    @admin.action(description="Bevestigen: wij gebruiken dit (geselecteerde)")
    def bevestigen_selected(self, request, queryset):
        apply_to_each(
            self,
            request,
            queryset.select_related("organisatie", "bouwsteen"),
            lambda h: services.hergebruik_confirm(user=request.user, hergebruik=h),
            "bevestigd",
        )

    @admin.action(description="Afwijzen: wij gebruiken dit niet (geselecteerde)")
    def afwijzen_selected(self, request, queryset):
        apply_to_each(
            self,
            request,
            queryset.select_related("organisatie", "bouwsteen"),
            lambda h: services.hergebruik_reject(user=request.user, hergebruik=h),
            "afgewezen",
        )

    # --- pages ---------------------------------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("Dit hergebruik bestaat niet of u hebt er geen toegang toe.")
        if request.method == "POST" and request.POST.get("_beslissing") in (
            "bevestigen",
            "afwijzen",
        ):
            return self._decide_one(request, obj, request.POST["_beslissing"])
        extra_context = extra_context or {}
        extra_context["beslissen"] = not obj.is_bevestigd and self._own(request, obj)
        return super().change_view(request, object_id, form_url, extra_context)

    def _decide_one(self, request, obj, beslissing: str):
        try:
            if beslissing == "bevestigen":
                services.hergebruik_confirm(user=request.user, hergebruik=obj)
                self.message_user(
                    request, f"Bevestigd: {obj.organisatie} gebruikt {obj.bouwsteen}."
                )
            else:
                services.hergebruik_reject(
                    user=request.user,
                    hergebruik=obj,
                    reden=request.POST.get("reden", ""),
                )
                self.message_user(
                    request, f"Afgewezen: de melding over {obj.bouwsteen}."
                )
        except ServiceError as exc:
            report(self, request, exc)
        return HttpResponseRedirect(
            reverse("admin:bouwstenen_hergebruik_change", args=[obj.pk])
        )

    def history_view(self, request, object_id, extra_context=None):
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404
        return super().history_view(request, object_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Earlier versions are shown, not written back: reversion would write around
        the services. The organisation changes its reuse itself."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_permission(request, obj):
            raise Http404
        if request.method == "POST":
            self.message_user(
                request,
                "Een eerdere versie van hergebruik terugzetten kan niet; wijzig het "
                "hergebruik zelf.",
                messages.WARNING,
            )
            return HttpResponseRedirect(
                reverse("admin:bouwstenen_hergebruik_change", args=[obj.pk])
            )
        return super().revision_view(request, object_id, version_id, extra_context)
