"""The admin screens of a building block beyond its change form: the workflow (one block
or a selection), the history and restoring a version, recovering a deleted draft, the
publiccode.yml import, and the two fragments the form asks for while typing ("bestaat dit
al?", the Markdown preview). Each calls the same service as the API.
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

from bouwstenen import duplicates, history, selectors, services
from bouwstenen.admin.base import (
    apply_to_each,
    report,
)
from bouwstenen.admin.forms import (
    TerugsturenForm,
)
from bouwstenen.admin.import_publiccode import import_publiccode_view
from bouwstenen.admin.voorbeeld import voorbeeld_view
from bouwstenen.completeness import completeness_of
from bouwstenen.models import Bouwsteen
from core.errors import ServiceError
from core.markdown import render_markdown
from registry import permissions, workflow

# The steps that ask for a complete block (services.workflow).
REVIEWED = (workflow.INDIENEN, workflow.PUBLICEREN)


def bulk_transition(modeladmin, request, queryset, transition, reden=""):
    apply_to_each(
        modeladmin,
        request,
        queryset,
        lambda b: services.bouwsteen_transition(
            bouwsteen=b, user=request.user, actie=transition.name, reden=reden
        ),
        transition.done,
    )


def transition_action(transition):
    def run(modeladmin, request, queryset):
        bulk_transition(modeladmin, request, queryset, transition)

    run.__name__ = f"{transition.name}_selected"
    return admin.action(description=f"{transition.label} (geselecteerde)")(run)


class BouwsteenAdminViews:
    """Mixed into ``BouwsteenAdmin`` (before the ModelAdmin, so these views replace the
    admin's and reversion's own history and recover views)."""

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
                "<path:object_id>/voorbeeld/",
                self.admin_site.admin_view(self.voorbeeld_view),
                name="bouwstenen_bouwsteen_voorbeeld",
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

    def voorbeeld_view(self, request, object_id):
        """The public page as the concept would make it, for who may see the block here."""
        return voorbeeld_view(
            self, request, self._get_visible_or_404(request, object_id)
        )

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
            # The search that forgives, compared by name (bouwstenen.duplicates).
            matches = duplicates.possible_duplicates(
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
            # Offering and publishing ask every part (bouwstenen.completeness);
            # restoring what was public asks what a public page needs.
            "volledigheid": completeness_of(view) if transition in REVIEWED else None,
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
            bulk_transition(
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
