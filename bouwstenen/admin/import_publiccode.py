"""The admin page to import a publiccode.yml: an upload or a URL, for one's own organisation.

``BouwsteenAdmin`` routes ``import-publiccode/`` here. The organisation to choose is
limited to the user's own (``registry.permissions.organisations_of``); the importer
checks the rights again for the organisation the file itself names.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from bouwstenen.interop import limits, sources
from bouwstenen.interop.publiccode.importer import PubliccodeImporter
from registry import permissions


class PubliccodeUploadForm(forms.Form):
    bestand = forms.FileField(
        label="publiccode.yml",
        required=False,
        help_text=f"Een bestand van hoogstens {limits.MAX_FILE_BYTES // 1024} KiB.",
    )
    url = forms.URLField(
        label="of de URL ervan",
        required=False,
        assume_scheme="https",
        help_text="Bijvoorbeeld https://raw.githubusercontent.com/organisatie/project/main/publiccode.yml",
    )
    organisatie = forms.ModelChoiceField(
        label="Organisatie",
        queryset=None,
        help_text="Voor een bestand zonder bekende organisation.uri (TOOI).",
    )
    proef = forms.BooleanField(
        label="Alleen controleren",
        required=False,
        help_text="Laat zien wat er zou gebeuren, zonder iets op te slaan.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        own = permissions.organisations_of(user).order_by("naam")
        self.fields["organisatie"].queryset = own
        if own.count() == 1:
            self.fields["organisatie"].initial = own.first()

    def clean_bestand(self):
        upload = self.cleaned_data.get("bestand")
        if upload and upload.size > limits.MAX_FILE_BYTES:
            raise forms.ValidationError(
                f"Het bestand is groter dan {limits.MAX_FILE_BYTES // 1024} KiB."
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("bestand")) == bool(cleaned.get("url")):
            raise forms.ValidationError("Kies een bestand óf vul een URL in.")
        return cleaned

    def source(self) -> sources.Source:
        upload = self.cleaned_data.get("bestand")
        if upload:
            return sources.Source(upload.name, upload.read(limits.MAX_FILE_BYTES + 1))
        url = self.cleaned_data["url"]
        public_only = not getattr(settings, "INTEROP_ALLOW_PRIVATE_URLS", False)
        return sources.load(sources.Target(url, url=url), public_only=public_only)


def import_publiccode_view(model_admin, request):
    if not permissions.is_member(request.user):
        raise PermissionDenied
    form = PubliccodeUploadForm(
        request.POST or None, request.FILES or None, user=request.user
    )
    report = None
    if request.method == "POST" and form.is_valid():
        importer = PubliccodeImporter(
            user=request.user,
            organisatie=form.cleaned_data["organisatie"],
            dry_run=form.cleaned_data["proef"],
        )
        report = importer.import_source(form.source())
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": "publiccode.yml importeren",
        "form": form,
        "report": report,
        "proef": bool(form.is_bound and form.is_valid() and form.cleaned_data["proef"]),
    }
    return TemplateResponse(
        request, "admin/bouwstenen/bouwsteen/import_publiccode.html", context
    )
