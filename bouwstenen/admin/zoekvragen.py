"""What the country looks for and does not find: the searches without a result, per day,
for beheerders only (issue 18). Read-only; the search page counts them
(``bouwstenen.services.zoekvragen``)."""

from django.contrib import admin

from bouwstenen.models import GemisteZoekvraag


@admin.register(GemisteZoekvraag)
class GemisteZoekvraagAdmin(admin.ModelAdmin):
    list_display = ("zoekvraag", "dag", "aantal")
    date_hierarchy = "dag"
    search_fields = ("zoekvraag",)
    ordering = ("-dag", "-aantal", "zoekvraag")
    readonly_fields = ("zoekvraag", "dag", "aantal")

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
