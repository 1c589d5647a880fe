from django.contrib import admin

from bouwstenen.models import Bouwsteen


@admin.register(Bouwsteen)
class BouwsteenAdmin(admin.ModelAdmin):
    list_display = [
        "naam",
        "organisatie",
        "soort",
        "levensfase",
        "publicatiestatus",
        "gewijzigd_op",
    ]
    list_filter = ["soort", "levensfase", "publicatiestatus", "themas", "lagen"]
    search_fields = ["naam", "samenvatting", "organisatie__naam"]
    list_select_related = ["organisatie"]
    prepopulated_fields = {"slug": ["naam"]}
    autocomplete_fields = ["organisatie", "themas", "referentiecomponenten"]
    filter_horizontal = ["lagen"]
    readonly_fields = [
        "uuid",
        "publicatiestatus",
        "gepubliceerd_op",
        "aangemaakt_op",
        "gewijzigd_op",
    ]
    fieldsets = [
        (
            "Wat is het",
            {
                "fields": [
                    "naam",
                    "slug",
                    "soort",
                    "vorm",
                    "samenvatting",
                    "beschrijving",
                ]
            },
        ),
        ("Voor welke opgave", {"fields": ["organisatie", "themas"]}),
        ("Architectuur", {"fields": ["lagen", "referentiecomponenten"]}),
        ("Levensfase en licentie", {"fields": ["levensfase", "licentie"]}),
        (
            "Contact en links",
            {
                "fields": [
                    "contact_naam",
                    "contact_email",
                    "repository_url",
                    "documentatie_url",
                    "demo_url",
                    "website_url",
                ]
            },
        ),
        (
            "Publicatie",
            {
                "fields": [
                    "uuid",
                    "publicatiestatus",
                    "gepubliceerd_op",
                    "aangemaakt_op",
                    "gewijzigd_op",
                ]
            },
        ),
    ]
