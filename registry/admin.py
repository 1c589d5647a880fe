"""Admin for the shared core. Reference data is read-only for members; operators manage it."""

from django.contrib import admin
from django.db import models

from registry import permissions
from registry.models import Laag, Lidmaatschap, Organisatie, Referentiecomponent, Thema


class ReferenceDataAdmin(admin.ModelAdmin):
    """Members may look up reference data (autocomplete needs it); only operators change it."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_module_permission(self, request):
        return permissions.is_member(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.is_member(request.user)

    def has_add_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


@admin.register(Organisatie)
class OrganisatieAdmin(ReferenceDataAdmin):
    list_display = ["naam", "code", "soort", "provincie"]
    list_filter = ["soort"]
    search_fields = ["naam", "code", "oin"]
    list_select_related = ["provincie"]
    autocomplete_fields = ["provincie"]
    fields = [
        "soort",
        "code",
        "naam",
        "slug",
        "afkorting",
        "oin",
        "tooi_uri",
        "provincie",
        "website",
    ]

    def get_queryset(self, request):
        """A member sees (and can pick in autocompletes) only their own organisations."""
        return permissions.organisations_of(request.user).select_related("provincie")

    def get_search_results(self, request, queryset, search_term):
        # The autocomplete for a gemeente's provincie should offer provinces only.
        if request.GET.get("field_name") == "provincie":
            queryset = queryset.filter(soort="provincie")
        return super().get_search_results(request, queryset, search_term)


@admin.register(Thema)
class ThemaAdmin(ReferenceDataAdmin):
    list_display = ["naam", "naam_en", "slug", "eu_data_theme", "publiccode_scope"]
    search_fields = ["naam", "slug"]


@admin.register(Referentiecomponent)
class ReferentiecomponentAdmin(ReferenceDataAdmin):
    list_display = ["naam", "gemma_status"]
    list_filter = ["gemma_status"]
    search_fields = ["naam", "omschrijving"]


@admin.register(Laag)
class LaagAdmin(ReferenceDataAdmin):
    list_display = ["naam", "slug", "volgorde"]
    search_fields = ["naam"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EmailFilter(admin.SimpleListFilter):
    """Members without an address get no e-mail; the operator finds them here."""

    title = "e-mailadres"
    parameter_name = "email"

    def lookups(self, request, model_admin):
        return [("zonder", "Zonder e-mailadres"), ("met", "Met e-mailadres")]

    def queryset(self, request, queryset):
        if self.value() == "zonder":
            return queryset.filter(gebruiker__email="")
        if self.value() == "met":
            return queryset.exclude(gebruiker__email="")
        return queryset


@admin.register(Lidmaatschap)
class LidmaatschapAdmin(admin.ModelAdmin):
    """Memberships are handed out by registry operators (or ``manage.py add_member``)."""

    list_display = ["gebruiker", "email", "organisatie", "rol", "aangemaakt_op"]
    list_filter = ["rol", EmailFilter, "organisatie__soort"]
    search_fields = [
        "gebruiker__username",
        "gebruiker__email",
        "organisatie__naam",
        "organisatie__code",
    ]
    autocomplete_fields = ["gebruiker", "organisatie"]
    list_select_related = ["gebruiker", "organisatie"]

    @admin.display(description="e-mailadres", ordering="gebruiker__email")
    def email(self, obj):
        return obj.gebruiker.email or "— geen (krijgt geen e-mail)"
