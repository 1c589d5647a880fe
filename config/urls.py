from django.contrib import admin
from django.urls import path

admin.site.site_header = "Bouwstenenregister"
admin.site.site_title = "Bouwstenenregister"
admin.site.index_title = "Beheer van bouwstenen"

urlpatterns = [
    path("admin/", admin.site.urls),
]
