"""Transfers in the admin: ask to move a block to another organisation, and decide.

The owner offers a block, or the organisation it belongs to claims it; a publicist of the
other side (or a beheerder) accepts or declines. The services judge and write each step.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse

from bouwstenen import selectors, services
from bouwstenen.admin.base import (
    OrganisationScopedAdmin,
    add_form_errors,
    adopt,
    apply_to_each,
    report,
)
from bouwstenen.models import Overdracht
from bouwstenen.services.overdracht import may_decide, may_withdraw
from core.errors import ServiceError
from registry import permissions
from registry.models import Organisatie


class OverdrachtForm(forms.ModelForm):
    class Meta:
        model = Overdracht
        fields = ["bouwsteen", "naar", "toelichting"]
        labels = {"naar": "Naar organisatie"}
        help_texts = {
            "bouwsteen": "Een bouwsteen van uw organisatie (aanbieden), of een "
            "bouwsteen die van uw organisatie is maar bij een ander staat (claimen).",
            "toelichting": "Waarom deze bouwsteen bij de andere organisatie hoort.",
        }

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def _post_clean(self):
        # The services check the whole request (and write it in save_model).
        pass

    def clean(self):
        cleaned = super().clean()
        if self.errors or self.request is None:
            return cleaned
        try:
            with transaction.atomic():
                services.overdracht_request(
                    user=self.request.user,
                    bouwsteen=cleaned["bouwsteen"],
                    naar=cleaned["naar"],
                    toelichting=cleaned.get("toelichting", ""),
                )
                transaction.set_rollback(True)
        except ServiceError as exc:
            add_form_errors(self, exc)
        return cleaned


@admin.register(Overdracht)
class OverdrachtAdmin(OrganisationScopedAdmin):
    form = OverdrachtForm
    list_display = [
        "bouwsteen",
        "van",
        "naar",
        "status",
        "aangevraagd_namens",
        "aangemaakt_op",
    ]
    list_filter = ["status"]
    search_fields = ["bouwsteen__naam", "van__naam", "naar__naam"]
    list_select_related = ["bouwsteen", "van", "naar", "aangevraagd_namens"]
    autocomplete_fields = ["bouwsteen", "naar"]
    readonly_fields = [
        "van",
        "status",
        "aangevraagd_namens",
        "aangevraagd_door",
        "besloten_door",
        "besloten_op",
        "besluit_toelichting",
        "aangemaakt_op",
    ]
    actions = ["accepteren_selected", "afwijzen_selected", "intrekken_selected"]
    # Django's list, without reversion's "recover deleted" button: these records are
    # not brought back from the history (OrganisationScopedAdmin.recover_view).
    change_list_template = "admin/change_list.html"

    def get_queryset(self, request):
        queryset = Overdracht.objects.select_related(
            "bouwsteen", "van", "naar", "aangevraagd_namens"
        )
        if request.user.is_superuser:
            return queryset
        own = permissions.organisations_of(request.user)
        return queryset.filter(Q(van__in=own) | Q(naar__in=own))

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return permissions.is_member(request.user)
        return request.user.is_superuser or bool(
            {obj.van_id, obj.naar_id} & set(permissions.roles_of(request.user))
        )

    def has_change_permission(self, request, obj=None):
        # A request is not edited; it is decided or withdrawn (the actions, the buttons).
        return obj is None and permissions.is_member(request.user)

    def has_delete_permission(self, request, obj=None):
        return False

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["bouwsteen", "naar", "toelichting"]
        return ["bouwsteen", "naar", "toelichting", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["bouwsteen", "naar", "toelichting", *self.readonly_fields]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)

        class RequestForm(form):
            def __init__(self, *args, **form_kwargs):
                super().__init__(*args, request=request, **form_kwargs)

        return RequestForm

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "bouwsteen":
            kwargs["queryset"] = selectors.bouwstenen_visible_to(request.user)
        elif db_field.name == "naar":
            kwargs["queryset"] = Organisatie.objects.all()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        saved = services.overdracht_request(
            user=request.user,
            bouwsteen=form.cleaned_data["bouwsteen"],
            naar=form.cleaned_data["naar"],
            toelichting=form.cleaned_data.get("toelichting", ""),
        )
        adopt(obj, saved)

    @admin.action(description="Accepteren (geselecteerde)")
    def accepteren_selected(self, request, queryset):
        apply_to_each(
            self,
            request,
            queryset,
            lambda o: services.overdracht_accept(user=request.user, overdracht=o),
            "geaccepteerd",
        )

    @admin.action(description="Afwijzen (geselecteerde)")
    def afwijzen_selected(self, request, queryset):
        apply_to_each(
            self,
            request,
            queryset,
            lambda o: services.overdracht_decline(user=request.user, overdracht=o),
            "afgewezen",
        )

    @admin.action(description="Intrekken (geselecteerde)")
    def intrekken_selected(self, request, queryset):
        apply_to_each(
            self,
            request,
            queryset,
            lambda o: services.overdracht_withdraw(user=request.user, overdracht=o),
            "ingetrokken",
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_permission(request, obj):
            raise Http404("Deze overdracht bestaat niet of u hebt er geen toegang toe.")
        beslissing = (
            request.POST.get("_beslissing") if request.method == "POST" else None
        )
        if beslissing in ("accepteren", "afwijzen", "intrekken"):
            decide = {
                "accepteren": services.overdracht_accept,
                "afwijzen": services.overdracht_decline,
                "intrekken": services.overdracht_withdraw,
            }[beslissing]
            kwargs = {}
            if beslissing != "intrekken":
                kwargs["toelichting"] = request.POST.get("toelichting", "")
            try:
                decide(user=request.user, overdracht=obj, **kwargs)
                self.message_user(request, f"Overdracht: {beslissing} gelukt.")
            except ServiceError as exc:
                report(self, request, exc)
            return HttpResponseRedirect(
                reverse("admin:bouwstenen_overdracht_change", args=[obj.pk])
            )
        extra_context = extra_context or {}
        extra_context["mag_beslissen"] = obj.is_open and may_decide(request.user, obj)
        extra_context["mag_intrekken"] = obj.is_open and may_withdraw(request.user, obj)
        return super().change_view(request, object_id, form_url, extra_context)
