"""Every way to change a building block's content, as a function of the same shape.

``door(world, user, block, changes)`` makes ``changes`` (model field names: ``naam``,
``contact_email``, ...) to ``block`` through one real entry point (an admin form, an API
route, an import from the command line, the API or the admin upload, a restore from the
history) as ``user``, and returns what the caller saw: an HTTP status, or an import's
outcome. The rule tests run each rule against each door.
"""

import io
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import reversion
from reversion.models import Version

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from bouwstenen import services
from bouwstenen.interop.publiccode.importer import Uitkomst
from bouwstenen.models import Bouwsteen
from registry import permissions
from tests.admin.helpers import form_data
from tests.write_paths.conftest import IMPORTED_FILE

API = "/api/v1/bouwstenen"
EARLIER_VERSION = "Een eerdere versie (gemaakt door de test)"
DONE, REFUSED = "done", "refused"


def api_client(user) -> APIClient:
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def admin_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def outcome(status: int) -> str:
    return DONE if status < 400 else REFUSED


def _api_body(changes: dict) -> dict:
    body = {}
    for name, value in changes.items():
        if name == "contact_email":
            body["contactpunt"] = {"email": value or None}
        else:
            body[name] = value
    return body


# --- the doors -------------------------------------------------------------------------


def admin_change(world, user, block, changes) -> str:
    view, _inhoud = services.current_content(Bouwsteen.objects.get(pk=block.pk))
    response = admin_client(user).post(
        reverse("admin:bouwstenen_bouwsteen_change", args=[block.pk]),
        form_data(view, **changes),
    )
    # The admin answers a refused form with the form again (200) and 302 when saved.
    if response.status_code == 200:
        return REFUSED
    return outcome(response.status_code)


def api_patch(world, user, block, changes) -> str:
    response = api_client(user).patch(
        f"{API}/{block.uuid}", _api_body(changes), format="json"
    )
    return outcome(response.status_code)


def api_put(world, user, block, changes) -> str:
    body = {
        "naam": block.naam,
        "soort": block.soort,
        "samenvatting": block.samenvatting,
        "organisatie": block.organisatie.code,
        "licentie": block.licentie,
        **_api_body(changes),
    }
    response = api_client(user).put(f"{API}/{block.uuid}", body, format="json")
    return outcome(response.status_code)


def admin_restore(world, user, block, changes) -> str:
    """A version of ``block`` with ``changes`` in its history, restored in the admin."""
    earlier = Bouwsteen.objects.get(pk=block.pk)
    for name, value in changes.items():
        setattr(earlier, name, value)
    with reversion.create_revision():
        reversion.add_to_revision(earlier)
        reversion.set_comment(EARLIER_VERSION)
    version = Version.objects.get_for_object(earlier).order_by("-pk").first()
    response = admin_client(user).post(
        reverse("admin:bouwstenen_bouwsteen_revision", args=[block.pk, version.pk]),
        follow=True,
    )
    if response.status_code != 200:
        return REFUSED
    text = response.content.decode()
    return REFUSED if "kan niet terug" in text else DONE


def _file_with(changes: dict) -> str:
    """The imported file, changed as ``changes`` says."""
    text = IMPORTED_FILE.read_text()
    for name, value in changes.items():
        if name == "naam":
            text = re.sub(r"localisedName: .*", f"localisedName: {value}", text)
        elif name == "contact_email" and not value:
            text = re.sub(r"\n +email: data-sociaal@utrecht\.example", "", text)
        else:
            raise ValueError(f"Een import kan {name} niet zo wijzigen.")
    return text


def import_cli(world, user, block, changes) -> str:
    """The operator's command; ``user`` plays no part (the command line has none)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "publiccode.yml"
        path.write_text(_file_with(changes), encoding="utf-8")
        out = io.StringIO()
        try:
            call_command("import_publiccode", str(path), stdout=out)
        except SystemExit:
            return REFUSED
    # A conflict is reported, not an exit: the file changed nothing.
    return REFUSED if "CONFLICT" in out.getvalue() else DONE


def import_api(world, user, block, changes) -> str:
    response = api_client(user).post(
        f"{API}/import-publiccode", {"inhoud": _file_with(changes)}, format="json"
    )
    return outcome(response.status_code) if response.status_code != 409 else REFUSED


def import_admin(world, user, block, changes) -> str:
    client = admin_client(user)
    own = block.organisatie if block.organisatie_id in _roles(user) else None
    organisatie = own or next(iter(_organisations(user)), None)
    response = client.post(
        reverse("admin:bouwstenen_bouwsteen_import_publiccode"),
        {
            "bestand": SimpleUploadedFile(
                "publiccode.yml", _file_with(changes).encode()
            ),
            "organisatie": organisatie.pk if organisatie else "",
        },
    )
    report = response.context["report"] if response.context else None
    if report is None or report.uitkomst in (Uitkomst.GEWEIGERD, Uitkomst.CONFLICT):
        return REFUSED
    return DONE


def _roles(user) -> dict:
    return permissions.roles_of(user)


def _organisations(user):
    return list(permissions.organisations_of(user))


@dataclass(frozen=True)
class Door:
    name: str
    write: object
    # What the door can change: fields of the block, or only its answers/relations.
    changes_fields: bool = True
    # The door acts as the operator, whoever asks (the command line).
    operator: bool = False
    # Which block of the world it writes: an imported one or any.
    imported_only: bool = False
    notes: tuple = field(default=())


CONTENT_DOORS = [
    Door("admin: wijzigen", admin_change),
    Door("API: PATCH /bouwstenen/{uuid}", api_patch),
    Door("API: PUT /bouwstenen/{uuid}", api_put),
    Door("admin: versie herstellen", admin_restore),
    Door(
        "opdrachtregel: import_publiccode",
        import_cli,
        operator=True,
        imported_only=True,
    ),
    Door("API: POST /bouwstenen/import-publiccode", import_api, imported_only=True),
    Door("admin: publiccode.yml importeren", import_admin, imported_only=True),
]
