"""Keeping a published block alive, in the admin: what the last checks found (broken
links, months without a change) on its form, and "nog actueel" as a button and as a bulk
action, both calling ``bouwsteen_confirm_current``."""

from django.contrib import admin, messages
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone

from bouwstenen import onderhoud
from bouwstenen.admin.base import apply_to_each, report
from bouwstenen.services.onderhoud import bouwsteen_confirm_current
from core.errors import ServiceError
from registry import permissions


def onderhoud_context(obj, user) -> dict:
    """What the change form shows about the block's links and age."""
    if not obj.is_published:
        return {}
    now = timezone.now()
    return {
        "kapotte_links": list(
            onderhoud.broken().filter(bouwsteen=obj).order_by("veld")
        ),
        "maanden_ongewijzigd": (now - obj.gewijzigd_op).days * 12 // 365,
        "herinneren": obj.gewijzigd_op < now - onderhoud.HERINNEREN_NA,
        "mogelijk_verouderd": onderhoud.is_outdated(obj, now),
        "actueel_url": reverse("admin:bouwstenen_bouwsteen_actueel", args=[obj.pk])
        if permissions.can_confirm_current(user, obj)
        else None,
    }


class OnderhoudAdminViews:
    """Mixed into ``BouwsteenAdmin``."""

    def get_urls(self):
        return [
            path(
                "<path:object_id>/actueel/",
                self.admin_site.admin_view(self.actueel_view),
                name="bouwstenen_bouwsteen_actueel",
            )
        ] + super().get_urls()

    def actueel_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self._get_visible_or_404(request, object_id)
        change_url = reverse("admin:bouwstenen_bouwsteen_change", args=[obj.pk])
        try:
            bouwsteen_confirm_current(user=request.user, bouwsteen=obj)
        except ServiceError as exc:
            report(self, request, exc)
        else:
            self.message_user(
                request, f"‘{obj.naam}’ is bevestigd als actueel.", messages.SUCCESS
            )
        return HttpResponseRedirect(change_url)

    @admin.action(description="Bevestigen: nog actueel (geselecteerde)")
    def actueel_bevestigen_selected(self, request, queryset):
        apply_to_each(
            self,
            request,
            queryset,
            lambda b: bouwsteen_confirm_current(user=request.user, bouwsteen=b),
            "bevestigd als actueel",
        )
