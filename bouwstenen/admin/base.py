"""What every admin of this app shares: organisation scoping and the services' refusals.

The admin only puts the services on screens. A refusal (``ServiceError``) becomes a form
error where the user can still correct the input, and otherwise a message, at the level
the table below gives for its kind.
"""

from reversion.admin import VersionAdmin

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import reverse

from bouwstenen.constants import Voorwaarde
from core.errors import Code, ServiceError
from registry import permissions

# How each kind of refusal shows in the admin: the one table for the admin's answers.
MESSAGE_LEVEL = {
    Code.GEEN_TOEGANG: messages.ERROR,
    Code.VIER_OGEN: messages.WARNING,
    Code.EIGENAAR: messages.ERROR,
    Code.VEROUDERD: messages.ERROR,
    Code.ONGELDIG: messages.ERROR,
    Code.ONVOLLEDIG: messages.ERROR,
    Code.STATUS: messages.WARNING,
    Code.BESTAAT_AL: messages.WARNING,
    Code.NIET_GEVONDEN: messages.ERROR,
    Code.TE_VAAK: messages.ERROR,
}

VERSIE_VEROUDERD = (
    "Iemand anders heeft deze bouwsteen opgeslagen nadat u hem opende. Uw wijzigingen "
    "zijn niet opgeslagen. Open de bouwsteen opnieuw om de nieuwste versie te zien."
)


def https_urls(field, **kwargs):
    """Links typed without a scheme are taken to be https (Django 6's default)."""
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


def field_label(name: str) -> str:
    """A readable name for a field the services named that has no field in the form."""
    if name.startswith("opschalingscheck."):
        _prefix, code, _field = name.split(".", 2)
        return (
            f"Opschalingscheck, {Voorwaarde(code).label}"
            if code in Voorwaarde.values
            else "Opschalingscheck"
        )
    return {
        "relaties": "Relaties",
        "links": "Links",
        "opschalingscheck": "Opschalingscheck",
        NON_FIELD_ERRORS: "",
    }.get(name, name)


def add_form_errors(form, error: ServiceError, skip: set[str] = frozenset()) -> None:
    """Show a refusal next to the fields it is about, and the rest above the form;
    fields in ``skip`` (refused by the form already) keep the form's own message."""
    if error.code == Code.VEROUDERD:
        form.add_error(None, VERSIE_VEROUDERD)
        return
    if not error.field_errors:
        form.add_error(None, error.message)
        return
    for name, reasons in error.field_errors.items():
        if name in skip:
            continue
        for reason in reasons:
            if name in form.fields:
                form.add_error(name, reason)
            else:
                label = field_label(name)
                form.add_error(None, f"{label}: {reason}" if label else reason)


def report(model_admin, request, error: ServiceError, prefix: str = "") -> None:
    """A refusal as messages at the top of the next page."""
    level = MESSAGE_LEVEL[error.code]
    text = VERSIE_VEROUDERD if error.code == Code.VEROUDERD else error.message
    model_admin.message_user(request, prefix + text, level)
    for name, reasons in error.field_errors.items():
        label = field_label(name)
        for reason in reasons:
            model_admin.message_user(
                request, f"{label}: {reason}" if label else reason, level
            )


def apply_to_each(model_admin, request, queryset, step, done: str) -> None:
    """A bulk action: ``step(obj)`` (a service call) for each selected record, then one
    message with how many succeeded and one with why the others did not."""
    count, refused = 0, []
    for obj in queryset:
        try:
            step(obj)
            count += 1
        except ServiceError as exc:
            refused.append(f"{obj}: {exc.message}")
    opts = model_admin.model._meta
    noun = opts.verbose_name if count == 1 else opts.verbose_name_plural
    if count:
        model_admin.message_user(request, f"{count} {noun} {done}.", messages.SUCCESS)
    if refused:
        model_admin.message_user(
            request,
            f"{len(refused)} niet {done}: " + "; ".join(refused),
            messages.WARNING,
        )


def adopt(obj, saved) -> None:
    """Give the object the admin handed to ``save_model`` what the services stored, so
    the admin's log entry, message and redirect describe the saved record."""
    for field in type(saved)._meta.concrete_fields:
        setattr(obj, field.attname, getattr(saved, field.attname))
    obj._state.adding = False


class OrganisationScopedAdmin(VersionAdmin):
    """Records that belong to an organisation: members see and add only their own.

    Rights come from memberships (registry.permissions), not from Django's model
    permissions. Django's own saving and deleting are replaced by the services in each
    subclass; restoring a deleted record is for operators only.
    """

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

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

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Bulk delete would go around the services.
        actions.pop("delete_selected", None)
        return actions

    def recoverlist_view(self, request, extra_context=None):
        # Deleted records of every organisation are listed there: operators only.
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        """Reversion would write the old record back by itself; only a subclass that
        recovers through the services offers this."""
        if not request.user.is_superuser:
            raise PermissionDenied
        self.message_user(
            request,
            f"Een verwijderd(e) {self.model._meta.verbose_name} komt niet terug uit de "
            "geschiedenis; leg het opnieuw vast.",
            messages.WARNING,
        )
        return HttpResponseRedirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        )

    def save_related(self, request, form, formsets, change):
        """The services wrote everything in ``save_model`` (or here, in a subclass)."""
