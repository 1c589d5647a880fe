"""The beheerder's queue of reported questions and answers (issue 21).

Open reports first, oldest first. A beheerder hides the message (it disappears from the
pages and the API, with every other open report of it) or keeps it, in bulk from the
list or with the buttons on a report. Each decision goes through
``bouwstenen.services.melding_afhandelen`` and is in the history of the report and of
the message (django-reversion), and in the admin's log of the report.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html

from bouwstenen import services
from bouwstenen.admin.base import apply_to_each, report
from bouwstenen.constants import MeldingStatus
from bouwstenen.models import Melding
from core.errors import ServiceError

DECISIONS = {"verbergen": True, "behouden": False}


@admin.register(Melding)
class MeldingAdmin(admin.ModelAdmin):
    list_display = ("samenvatting", "reden", "status", "bouwsteen", "aangemaakt_op")
    list_filter = ("status", "reden")
    list_select_related = (
        "vraag__bouwsteen",
        "antwoord__vraag__bouwsteen",
        "gemeld_door",
    )
    actions = ["verbergen_selected", "behouden_selected"]
    readonly_fields = (
        "bericht_soort",
        "bericht_titel",
        "bericht_tekst",
        "bericht_op_de_pagina",
        "reden",
        "toelichting",
        "gemeld_door",
        "aangemaakt_op",
        "status",
        "beoordeeld_door",
        "beoordeeld_op",
    )
    fields = readonly_fields
    change_form_template = "admin/bouwstenen/melding/change_form.html"

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        # Deciding is the only change, and it is a service call (the actions and the
        # buttons); the fields themselves are never edited.
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        # The queue: open reports first, then the decided ones, oldest open first.
        return (
            super()
            .get_queryset(request)
            .annotate(
                _open=Case(
                    When(status=MeldingStatus.OPEN, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
            .order_by("_open", "aangemaakt_op", "pk")
        )

    @admin.display(description="gemeld bericht")
    def samenvatting(self, obj):
        if obj.vraag_id:
            return f"Vraag: {obj.vraag.titel}"
        return f"Antwoord: {obj.antwoord.tekst[:80]}"

    @admin.display(description="bouwsteen")
    def bouwsteen(self, obj):
        vraag = obj.vraag if obj.vraag_id else obj.antwoord.vraag
        return vraag.bouwsteen.naam

    @admin.display(description="soort")
    def bericht_soort(self, obj):
        return "vraag" if obj.vraag_id else "antwoord"

    @admin.display(description="titel van de vraag")
    def bericht_titel(self, obj):
        return (obj.vraag if obj.vraag_id else obj.antwoord.vraag).titel

    @admin.display(description="tekst van het bericht (Markdown, zoals ingetypt)")
    def bericht_tekst(self, obj):
        return obj.bericht.tekst

    @admin.display(description="op de pagina")
    def bericht_op_de_pagina(self, obj):
        bericht = obj.bericht
        if bericht.verborgen:
            return "verborgen"
        vraag = obj.vraag if obj.vraag_id else obj.antwoord.vraag
        anchor = f"vraag-{vraag.uuid}" if obj.vraag_id else f"antwoord-{bericht.uuid}"
        url = reverse("catalogus:bouwsteen", args=[vraag.bouwsteen.slug])
        return format_html('<a href="{}#{}">bekijken</a>', url, anchor)

    def _decide(self, request, melding, verbergen: bool):
        decided = services.melding_afhandelen(
            user=request.user, melding=melding, verbergen=verbergen
        )
        self.log_change(request, decided, decided.get_status_display())
        return decided

    @admin.action(description="Bericht verbergen (geselecteerde meldingen)")
    def verbergen_selected(self, request, queryset):
        apply_to_each(
            self,
            request,
            queryset,
            lambda m: self._decide(request, m, True),
            "afgehandeld: bericht verborgen",
        )

    @admin.action(description="Bericht behouden (geselecteerde meldingen)")
    def behouden_selected(self, request, queryset):
        apply_to_each(
            self,
            request,
            queryset,
            lambda m: self._decide(request, m, False),
            "afgehandeld: bericht behouden",
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if obj is None or not self.has_change_permission(request, obj):
                raise Http404("Deze melding bestaat niet.")
            decision = request.POST.get("_beslissing")
            if decision not in DECISIONS:
                raise Http404("Onbekende beslissing.")
            try:
                decided = self._decide(request, obj, DECISIONS[decision])
            except ServiceError as exc:
                report(self, request, exc)
            else:
                self.message_user(
                    request, decided.get_status_display() + ".", messages.SUCCESS
                )
            return HttpResponseRedirect(reverse("admin:bouwstenen_melding_changelist"))
        extra_context = extra_context or {}
        extra_context["show_save"] = False
        extra_context["show_save_and_continue"] = False
        extra_context["show_save_and_add_another"] = False
        return super().change_view(request, object_id, form_url, extra_context)
