from django.contrib import admin

from registry.models import Laag, Lidmaatschap, Organisatie, Referentiecomponent, Thema


@admin.register(Organisatie)
class OrganisatieAdmin(admin.ModelAdmin):
    list_display = ["naam", "code", "soort", "provincie"]
    list_filter = ["soort"]
    search_fields = ["naam", "code", "oin"]
    readonly_fields = ["slug"]
    list_select_related = ["provincie"]
    autocomplete_fields = ["provincie"]


@admin.register(Thema)
class ThemaAdmin(admin.ModelAdmin):
    list_display = ["naam", "slug", "eu_data_theme", "publiccode_scope"]
    search_fields = ["naam", "slug"]


@admin.register(Referentiecomponent)
class ReferentiecomponentAdmin(admin.ModelAdmin):
    list_display = ["naam", "gemma_status"]
    list_filter = ["gemma_status"]
    search_fields = ["naam", "omschrijving"]


@admin.register(Laag)
class LaagAdmin(admin.ModelAdmin):
    list_display = ["naam", "slug", "volgorde"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Lidmaatschap)
class LidmaatschapAdmin(admin.ModelAdmin):
    list_display = ["gebruiker", "organisatie", "rol"]
    list_filter = ["rol", "organisatie__soort"]
    search_fields = ["gebruiker__username", "organisatie__naam", "organisatie__code"]
    autocomplete_fields = ["gebruiker", "organisatie"]
    list_select_related = ["gebruiker", "organisatie"]
