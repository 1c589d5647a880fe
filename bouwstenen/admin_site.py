"""The admin site: open to every active member of an organisation, not only to staff."""

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.urls import path

from registry import permissions


class MemberAuthenticationForm(AdminAuthenticationForm):
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": (
            "Vul een juiste gebruikersnaam en wachtwoord in. Beide velden zijn "
            "hoofdlettergevoelig."
        ),
        "not_member": (
            "Dit account is nog geen lid van een organisatie. Vraag de beheerder van het "
            "register om u toe te voegen."
        ),
    }

    def confirm_login_allowed(self, user):
        if not user.is_active:
            raise ValidationError(self.error_messages["inactive"], code="inactive")
        if not permissions.is_member(user):
            raise ValidationError(self.error_messages["not_member"], code="not_member")


class RegistryAdminSite(admin.AdminSite):
    site_header = "Bouwstenenregister"
    site_title = "Bouwstenenregister"
    index_title = "Beheer van bouwstenen"
    login_form = MemberAuthenticationForm

    def get_urls(self):
        from bouwstenen.admin.emailvoorkeuren import meldingen_view

        return [
            path(
                "meldingen/",
                self.admin_view(lambda request: meldingen_view(self, request)),
                name="meldingen",
            )
        ] + super().get_urls()

    def index(self, request, extra_context=None):
        """For a member: "Mijn organisatie" above the list of everything."""
        from bouwstenen.admin.mijn_organisatie import start_page_context

        context = {**start_page_context(request.user), **(extra_context or {})}
        return super().index(request, context)

    def has_permission(self, request):
        """Staff access follows from having a membership (or being a registry operator)."""
        return permissions.is_member(request.user)
