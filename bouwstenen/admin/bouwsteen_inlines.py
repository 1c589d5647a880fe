"""The rows of a block's content in its change form: the opschalingscheck answers and
the relations. Saved with the block in one service call (``BouwsteenAdmin.save_related``)."""

from django.contrib import admin

from bouwstenen import selectors
from bouwstenen.admin.forms import (
    OpschalingsantwoordForm,
    OpschalingsantwoordFormSet,
    RelatieForm,
    RelatieFormSet,
)
from bouwstenen.constants import Voorwaarde
from bouwstenen.models import Opschalingsantwoord, Relatie
from registry import permissions


class ContentInline(admin.TabularInline):
    """Rows of the block's content: whoever may change the block may change them."""

    def has_view_permission(self, request, obj=None):
        return permissions.is_member(request.user)

    def has_add_permission(self, request, obj=None):
        return obj is None or permissions.can_edit(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return obj is None or permissions.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return obj is None or permissions.can_edit(request.user, obj)


class OpschalingsantwoordInline(ContentInline):
    model = Opschalingsantwoord
    form = OpschalingsantwoordForm
    formset = OpschalingsantwoordFormSet
    fields = ["voorwaarde", "antwoord", "toelichting", "bewijs_url"]
    verbose_name = "voorwaarde"
    verbose_name_plural = (
        "Opschalingscheck: welke voorwaarden voor opschaling zijn geregeld?"
    )
    can_delete = False
    # Each precondition as a block with radios, not a wide table: readable for an
    # editor, and it fits a laptop screen.
    template = "admin/bouwstenen/bouwsteen/opschaling_inline.html"

    def get_extra(self, request, obj=None, **kwargs):
        return len(Voorwaarde.values)

    def get_max_num(self, request, obj=None, **kwargs):
        return len(Voorwaarde.values)


class RelatieInline(ContentInline):
    model = Relatie
    form = RelatieForm
    formset = RelatieFormSet
    fk_name = "van"
    fields = ["type", "naar"]
    autocomplete_fields = ["naar"]
    verbose_name_plural = "Relaties met andere bouwstenen"

    def get_extra(self, request, obj=None, **kwargs):
        current = len(obj.relaties_uit.all()) if obj is not None and obj.pk else 0
        return current + 2

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "naar":
            kwargs["queryset"] = selectors.bouwstenen_visible_to(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
