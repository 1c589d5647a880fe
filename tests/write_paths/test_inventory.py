"""Every way to write, listed: each admin view and action, each API route and method, each
page that takes a form, each management command; and no model write outside the door.

A new path fails here until it is listed with what it writes and the test that holds
it to the rules. A path that writes a building block without ``bouwstenen.services``
fails in that test too: ``core.door`` refuses the write during requests and
commands. Bulk ``QuerySet.update()`` sends no signal, so the code is also read: a write
call outside the services must be on the short list below, with its reason.
"""

import ast
import importlib
from pathlib import Path

import pytest

from django.contrib import admin
from django.core.management import get_commands
from django.test import RequestFactory
from django.urls import get_resolver
from drf_spectacular.generators import SchemaGenerator

from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]

CONTENT = "tests/write_paths/test_content_rules.py"
REUSE = "tests/write_paths/test_reuse_rules.py"
OWNER = "tests/write_paths/test_workflow_and_owner_rules.py"
RETRY = "tests/write_paths/test_idempotency.py"
FEATURE = "tests/write_paths/test_featuring.py"
MAINTENANCE = "tests/write_paths/test_maintenance_rules.py"
NOTIFY = "tests/meldingen/test_notifications.py"
LINKS = "tests/meldingen/test_link_check.py"
QUESTIONS = "tests/write_paths/test_question_rules.py"
API_MATRIX = "tests/api/test_permissions.py::test_permission_matrix"
ADMIN_MATRIX = "tests/admin/test_admin_permissions.py"
NEEDS_MATRIX = "tests/api/test_behoeften_permissions.py::test_needs_permission_matrix"
NEEDS = "tests/write_paths/test_needs_rules.py"

# Every path, with the tests that hold it to the rules (or why it writes nothing).
API = {
    ("post", "/bouwstenen"): [API_MATRIX, RETRY, OWNER],
    ("put", "/bouwstenen/{uuid}"): [API_MATRIX, CONTENT],
    ("patch", "/bouwstenen/{uuid}"): [API_MATRIX, CONTENT, OWNER],
    ("delete", "/bouwstenen/{uuid}"): [API_MATRIX],
    ("delete", "/bouwstenen/{uuid}/concept"): [API_MATRIX],
    ("post", "/bouwstenen/{uuid}/indienen"): [API_MATRIX, RETRY],
    ("post", "/bouwstenen/{uuid}/publiceren"): [API_MATRIX, RETRY, OWNER],
    ("post", "/bouwstenen/{uuid}/terugsturen"): [API_MATRIX, RETRY],
    ("post", "/bouwstenen/{uuid}/archiveren"): [API_MATRIX, RETRY],
    ("post", "/bouwstenen/{uuid}/herstellen"): [API_MATRIX, RETRY],
    ("patch", "/bouwstenen/{uuid}/opschalingscheck"): [
        API_MATRIX,
        "tests/api/test_opschaling_relaties.py::test_answers_to_a_published_block_wait_for_a_second_person",
    ],
    ("post", "/bouwstenen/{uuid}/relaties"): [
        API_MATRIX,
        RETRY,
        "tests/api/test_opschaling_relaties.py::test_a_relation_of_a_published_block_waits_for_a_second_person",
    ],
    ("delete", "/bouwstenen/{uuid}/relaties/{type}/{naar}"): [API_MATRIX],
    ("post", "/bouwstenen/{uuid}/hergebruik"): [API_MATRIX, RETRY, REUSE],
    ("put", "/bouwstenen/{uuid}/hergebruik/{organisatie}"): [API_MATRIX],
    ("patch", "/bouwstenen/{uuid}/hergebruik/{organisatie}"): [API_MATRIX],
    ("delete", "/bouwstenen/{uuid}/hergebruik/{organisatie}"): [API_MATRIX],
    ("post", "/bouwstenen/{uuid}/hergebruik/{organisatie}/bevestigen"): [
        API_MATRIX,
        RETRY,
        REUSE,
    ],
    ("post", "/bouwstenen/{uuid}/hergebruik/{organisatie}/afwijzen"): [
        API_MATRIX,
        RETRY,
        REUSE,
    ],
    ("post", "/bouwstenen/{uuid}/overdrachten"): [API_MATRIX, RETRY, OWNER],
    ("post", "/bouwstenen/{uuid}/overdrachten/{id}/accepteren"): [
        API_MATRIX,
        RETRY,
        OWNER,
    ],
    ("post", "/bouwstenen/{uuid}/overdrachten/{id}/afwijzen"): [API_MATRIX, RETRY],
    ("post", "/bouwstenen/{uuid}/overdrachten/{id}/intrekken"): [API_MATRIX, RETRY],
    ("post", "/bouwstenen/import-publiccode"): [API_MATRIX, RETRY, CONTENT, REUSE],
    ("post", "/bouwstenen/vergelijkbaar"): ["leest: een vraag, slaat niets op"],
    ("post", "/behoeften"): [NEEDS_MATRIX, NEEDS],
    ("put", "/behoeften/{uuid}"): [NEEDS_MATRIX],
    ("patch", "/behoeften/{uuid}"): [NEEDS_MATRIX, NEEDS],
    ("post", "/behoeften/{uuid}/indienen"): [NEEDS_MATRIX],
    ("post", "/behoeften/{uuid}/publiceren"): [NEEDS_MATRIX, NEEDS],
    ("post", "/behoeften/{uuid}/terugsturen"): [NEEDS_MATRIX],
    ("post", "/behoeften/{uuid}/archiveren"): [NEEDS_MATRIX],
    ("post", "/behoeften/{uuid}/herstellen"): [NEEDS_MATRIX],
    ("post", "/behoeften/{uuid}/sluiten"): [NEEDS_MATRIX, NEEDS],
    ("post", "/behoeften/{uuid}/deelnemers"): [NEEDS_MATRIX, NEEDS],
    ("delete", "/behoeften/{uuid}/deelnemers/{organisatie}"): [NEEDS_MATRIX],
    ("post", "/bouwstenen/{uuid}/vragen"): [API_MATRIX, RETRY, QUESTIONS],
    ("post", "/vragen/{id}/antwoorden"): [API_MATRIX, RETRY, QUESTIONS],
    ("post", "/vragen/{id}/afsluiten"): [API_MATRIX, RETRY, QUESTIONS],
    ("post", "/vragen/{id}/meldingen"): [API_MATRIX, RETRY, QUESTIONS],
    ("post", "/antwoorden/{id}/meldingen"): [API_MATRIX, RETRY, QUESTIONS],
}

_BLOCK = "bouwstenen_bouwsteen_"
_REUSE = "bouwstenen_hergebruik_"
_TRANSFER = "bouwstenen_overdracht_"
_MISSED = "bouwstenen_gemistezoekvraag_"
_NEED = "bouwstenen_behoefte_"
_REPORT = "bouwstenen_melding_"
MISSED = "tests/pages/test_missed_searches.py"
ADMIN_URLS = {
    _BLOCK + "changelist": [ADMIN_MATRIX],  # and the bulk actions below
    _BLOCK + "add": [ADMIN_MATRIX, OWNER],
    _BLOCK + "change": [ADMIN_MATRIX, CONTENT, OWNER],
    _BLOCK + "delete": [ADMIN_MATRIX],
    _BLOCK + "history": ["leest"],
    _BLOCK + "revision": [CONTENT, "tests/admin/test_history.py"],
    _BLOCK + "recoverlist": ["leest"],
    _BLOCK + "recover": [
        "tests/write_paths/test_inventory.py::test_a_deleted_draft_comes_back_through_the_services"
    ],
    _BLOCK + "workflow": [ADMIN_MATRIX, OWNER],
    _BLOCK + "import_publiccode": [
        CONTENT,
        REUSE,
        "tests/interop/test_admin_upload.py",
    ],
    _BLOCK + "bestaat_dit_al": ["leest"],
    _BLOCK + "markdown_preview": ["leest: toont Markdown, slaat niets op"],
    _BLOCK + "voorbeeld": ["leest: toont de openbare pagina van het concept"],
    _BLOCK + "actueel": [MAINTENANCE],
    _REUSE + "changelist": [REUSE],  # and the bulk actions below
    _REUSE + "add": [REUSE, "tests/admin/test_reuse_admin.py"],
    _REUSE + "change": [REUSE, "tests/admin/test_reuse_admin.py"],
    _REUSE + "delete": ["tests/admin/test_reuse_admin.py"],
    _REUSE + "history": ["leest"],
    _REUSE + "revision": [
        "toont; terugzetten weigert hij (HergebruikAdmin.revision_view)"
    ],
    _REUSE + "recoverlist": ["leest"],
    _REUSE + "recover": ["weigert (OrganisationScopedAdmin.recover_view)"],
    _TRANSFER + "changelist": [OWNER],  # and the bulk actions below
    _TRANSFER + "add": [OWNER],
    _TRANSFER + "change": [OWNER],
    _TRANSFER + "delete": ["weigert (has_delete_permission is altijd False)"],
    _TRANSFER + "history": ["leest"],
    _TRANSFER + "revision": ["toont; geen wijzigrecht (has_change_permission)"],
    _TRANSFER + "recoverlist": ["leest"],
    _TRANSFER + "recover": ["weigert (OrganisationScopedAdmin.recover_view)"],
    _MISSED + "changelist": [MISSED],  # leest, alleen beheerders
    _MISSED + "add": ["weigert (has_add_permission is altijd False)"],
    _MISSED + "change": ["leest; geen wijzigrecht (has_change_permission)"],
    _MISSED + "delete": ["weigert (has_delete_permission is altijd False)"],
    _MISSED + "history": ["leest"],
    _NEED + "changelist": [NEEDS],  # and the bulk actions below
    _NEED + "add": [NEEDS],
    _NEED + "change": [NEEDS],
    _NEED + "delete": [NEEDS],
    _NEED + "history": ["leest"],
    _NEED + "revision": [NEEDS],  # shows; refuses to write an old version back
    _NEED + "recoverlist": ["leest"],
    _NEED + "recover": ["weigert (OrganisationScopedAdmin.recover_view)"],
    _REPORT + "changelist": [QUESTIONS],  # and the bulk actions below
    _REPORT + "add": ["weigert (has_add_permission is altijd False)"],
    _REPORT + "change": [QUESTIONS, "tests/vragen/test_admin.py"],
    _REPORT + "delete": ["weigert (has_delete_permission is altijd False)"],
    _REPORT + "history": ["leest"],
}
# Reference data and memberships: no building block, for operators only.
REGISTRY_ADMINS = {
    "organisatie",
    "thema",
    "referentiecomponent",
    "laag",
    "lidmaatschap",
}

ADMIN_ACTIONS = {
    "bouwsteen": {
        "indienen_selected": ADMIN_MATRIX,
        "publiceren_selected": OWNER,
        "terugsturen_selected": ADMIN_MATRIX,
        "archiveren_selected": ADMIN_MATRIX,
        "herstellen_selected": ADMIN_MATRIX,
        "uitlichten_selected": FEATURE,
        "niet_uitlichten_selected": FEATURE,
        "actueel_bevestigen_selected": MAINTENANCE,
    },
    "hergebruik": {"bevestigen_selected": REUSE, "afwijzen_selected": REUSE},
    "overdracht": {
        "accepteren_selected": OWNER,
        "afwijzen_selected": OWNER,
        "intrekken_selected": OWNER,
    },
    "gemistezoekvraag": {},
    "behoefte": {
        "indienen_selected": NEEDS,
        "publiceren_selected": NEEDS,
        "terugsturen_selected": NEEDS,
        "archiveren_selected": NEEDS,
        "herstellen_selected": NEEDS,
    },
    "melding": {"verbergen_selected": QUESTIONS, "behouden_selected": QUESTIONS},
}

# The public pages; eight take a form, and the search page counts a search that found
# nothing (bouwstenen.services.zoekvragen).
PAGES = {
    "hergebruik": REUSE,
    "hergebruik-bevestigen": REUSE,
    "hergebruik-afwijzen": REUSE,
    "zoeken": MISSED,
    "behoefte-wij-ook": NEEDS,
    "behoefte-sluiten": NEEDS,
    "vraag-stellen": QUESTIONS,
    "vraag-beantwoorden": QUESTIONS,
    "vraag-afsluiten": QUESTIONS,
    "vraag-melden": QUESTIONS,
    "antwoord-melden": QUESTIONS,
}
READ_ONLY_PAGES = {
    "home",
    "bouwsteen",
    "organisaties",
    "organisatie",
    "themas",
    "thema",
    "referentiecomponenten",
    "referentiecomponent",
    "over",
    "feed-nieuw",
    "feed-gewijzigd",
    "thema-feed-nieuw",
    "thema-feed-gewijzigd",
    "organisatie-feed-nieuw",
    "organisatie-feed-gewijzigd",
    "sitemap",
    "vergelijk",
    "export",
    "statistieken",
    "toegankelijkheid",
    "privacy",
    "behoeften",
    "behoefte",
    "feed-behoeften",
}

COMMANDS = {
    "import_publiccode": [CONTENT, REUSE, "tests/interop/test_import_ownership.py"],
    "harvest": ["tests/interop/test_harvest.py"],
    "load_demo": ["tests/test_demo.py"],
    "import_catalogue": ["tests/test_backup_restore.py"],
    "generate_bouwstenen": ["tests/test_generator.py"],
    "rebuild_search_index": ["schrijft alleen de zoekindex (afgeleid, geen bouwsteen)"],
    "rebuild_representations": [
        "schrijft alleen de opgeslagen weergaven (afgeleid, geen bouwsteen)",
        "tests/api/test_weergave.py::test_the_command_reports_and_repairs_what_differs",
    ],
    "export_catalogue": ["leest"],
    "add_member": ["registry: gebruikers en lidmaatschappen, geen bouwsteen"],
    "create_api_token": ["registry: tokens, geen bouwsteen"],
    "load_reference_data": ["registry: referentiegegevens, geen bouwsteen"],
    "document_settings": ["schrijft docs/beheer.md"],
    "check_links": [LINKS],
    "remind_stale": [MAINTENANCE],
    "send_notifications": [NOTIFY],
}

# Model writes outside bouwstenen/services, each with its reason: (file, function).
WRITES_ELSEWHERE = {
    ("bouwstenen/search.py", "reindex"): "de zoekindex: afgeleid van de bouwstenen",
    ("bouwstenen/search.py", "reindex_written"): "de zoekindex: afgeleid",
    # The search backends write the documents reindex asks for (and nothing else).
    ("core/search/backends/base.py", "update"): "de zoekindex: afgeleid",
    ("core/search/backends/base.py", "_update_held"): "de zoekindex: afgeleid",
    ("core/search/backends/base.py", "delete"): "de zoekindex: afgeleid",
    ("core/search/backends/base.py", "_store"): "de zoekindex: afgeleid",
    (
        "core/search/vocabulary.py",
        "change",
    ): "de woordenlijst van de zoekindex: afgeleid",
    (
        "core/search/vocabulary.py",
        "replace",
    ): "de woordenlijst van de zoekindex: afgeleid",
    (
        "bouwstenen/api/viewsets.py",
        "create",
    ): "serializer.save(): roept de services aan",
    (
        "bouwstenen/api/viewsets.py",
        "update",
    ): "serializer.save(): roept de services aan",
    # The stored representations: derived from the blocks, rendered at the door's end.
    ("bouwstenen/api/weergave.py", "store"): "de opgeslagen weergaven: afgeleid",
    ("registry/reference_data.py", "__call__"): "referentiegegevens (geen bouwsteen)",
    ("core/login_protection.py", "reset_user_attempts"): "inlogpogingen (axes)",
    ("registry/management/commands/add_member.py", "handle"): "gebruikers en leden",
    ("registry/management/commands/create_api_token.py", "handle"): "API-tokens",
    ("core/api/idempotency.py", "_claim"): "verlopen sleutels opruimen",
    ("core/api/idempotency.py", "wrapper"): "het antwoord bij een sleutel",
    # The e-mail outbox and the preferences: core.notifications is their only writer,
    # each write inside core.door.writing() (the models are guarded).
    ("core/notifications.py", "notify"): "het postvak-uit, in de schrijfactie zelf",
    ("core/notifications.py", "send"): "het postvak-uit: verzonden",
    ("core/notifications.py", "_failed"): "het postvak-uit: de fout, voor later",
    ("core/notifications.py", "preferences_save"): "de eigen meldingsvoorkeuren",
}
WRITE_METHODS = {
    "save",
    "delete",
    "create",
    "get_or_create",
    "update_or_create",
    "bulk_create",
    "bulk_update",
}
M2M_NAMES = {"themas", "lagen", "referentiecomponenten"}


def _exists(reference: str) -> bool:
    """A reference is a test file (optionally ``::test``) or a reason in words."""
    if not reference.startswith("tests/"):
        return True
    path, _, name = reference.partition("::")
    file = ROOT / path
    if not file.exists():
        return False
    return not name or f"def {name}(" in file.read_text()


def _api_writes() -> set:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return {
        (method, path)
        for path, operations in schema["paths"].items()
        for method in operations
        if method in {"post", "put", "patch", "delete"}
    }


def test_every_api_write_is_listed_with_its_tests():
    assert _api_writes() == set(API)
    for references in API.values():
        assert all(_exists(r) for r in references), references


def test_every_admin_view_is_listed_with_its_tests():
    names = set()
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label == "registry":
            assert model._meta.model_name in REGISTRY_ADMINS, model
            continue
        if model._meta.app_label != "bouwstenen":
            continue
        names |= {url.name for url in model_admin.get_urls() if url.name}
    assert names == set(ADMIN_URLS)
    for references in ADMIN_URLS.values():
        assert all(_exists(r) for r in references), references


# The admin site's own views beyond Django's: "Mijn e-mailmeldingen" writes the user's
# own preferences (core.notifications.preferences_save).
SITE_VIEWS = {"meldingen": MAINTENANCE}
DJANGO_SITE_VIEWS = {
    "index",
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "autocomplete",
    "jsi18n",
    "app_list",
    "view_on_site",
}


def test_every_view_of_the_admin_site_itself_is_listed():
    names = {
        url.name
        for url in admin.site.get_urls()
        if getattr(url, "name", None) and not hasattr(url, "url_patterns")
    }
    assert names - DJANGO_SITE_VIEWS == set(SITE_VIEWS)
    assert all(_exists(r) for r in SITE_VIEWS.values())


def test_every_admin_action_is_listed_with_its_test(db):
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(username="inventaris", is_superuser=True)
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label != "bouwstenen":
            continue
        actions = set(model_admin.get_actions(request))
        assert actions == set(ADMIN_ACTIONS[model._meta.model_name]), model
    for listed in ADMIN_ACTIONS.values():
        assert all(_exists(r) for r in listed.values())


def test_every_page_is_listed_and_the_forms_have_tests():
    resolver = get_resolver()
    _, catalogus = resolver.namespace_dict["catalogus"]
    names = {
        pattern.name
        for pattern in catalogus.url_patterns
        if getattr(pattern, "name", None)
    }
    assert names == set(PAGES) | READ_ONLY_PAGES
    assert all(_exists(r) for r in PAGES.values())


def test_every_command_is_listed_and_runs_with_the_door_closed():
    from core.door import GuardedCommand

    ours = {
        name
        for name, app in get_commands().items()
        if app in ("bouwstenen", "registry", "core")
    }
    assert ours == set(COMMANDS)
    for name in ours:
        module = importlib.import_module(
            f"{get_commands()[name]}.management.commands.{name}"
        )
        assert issubclass(module.Command, GuardedCommand), name
    for references in COMMANDS.values():
        assert all(_exists(r) for r in references), references


def _write_calls(path: Path):
    """(function, line) of every call that writes a model in ``path``."""
    tree = ast.parse(path.read_text())
    functions = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for child in ast.walk(node):
                # ast.walk goes outside-in: the innermost function wins.
                functions[id(child)] = node.name
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        method, receiver = node.func.attr, node.func.value
        writes = method in WRITE_METHODS or (
            # QuerySet.update(...): a call chain or a manager, never a dict.
            method == "update"
            and (
                isinstance(receiver, ast.Call)
                or (isinstance(receiver, ast.Attribute) and receiver.attr == "objects")
            )
        )
        writes = writes or (
            method in {"set", "add", "remove", "clear"}
            and isinstance(receiver, ast.Attribute)
            and receiver.attr in M2M_NAMES
        )
        # SQL of its own that writes: cursor.execute("INSERT ...") or an f-string.
        writes = writes or (method == "execute" and _writing_sql(node))
        if writes:
            yield functions.get(id(node), "<module>"), node.lineno, method


def _writing_sql(call: ast.Call) -> bool:
    if not call.args:
        return False
    first = call.args[0]
    if isinstance(first, ast.JoinedStr):
        first = first.values[0] if first.values else None
    text = first.value if isinstance(first, ast.Constant) else None
    return isinstance(text, str) and text.lstrip().upper().startswith(
        ("INSERT", "UPDATE", "DELETE")
    )


def test_no_model_is_written_outside_the_services_unless_listed():
    found = {}
    for package in ("bouwstenen", "registry", "core"):
        for path in (ROOT / package).rglob("*.py"):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" in relative or relative.startswith(
                "bouwstenen/services/"
            ):
                continue
            for function, line, method in _write_calls(path):
                found.setdefault((relative, function), []).append(f"{method}:{line}")
    unlisted = {
        key: calls for key, calls in found.items() if key not in WRITES_ELSEWHERE
    }
    assert not unlisted, (
        "Schrijft buiten bouwstenen.services om; laat het door de services gaan of "
        f"zet het met een reden in WRITES_ELSEWHERE: {unlisted}"
    )
    # No stale entries: each listed place still writes.
    assert set(WRITES_ELSEWHERE) <= set(found)


def test_the_scan_finds_a_write_it_should_refuse(tmp_path):
    """The scan itself can fail: a queryset update, an m2m set and SQL that writes
    are found; SQL that reads is not."""
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text(
        "def publish(b):\n"
        "    Bouwsteen.objects.filter(pk=b.pk).update(publicatiestatus='gepubliceerd')\n"
        "    b.themas.set([])\n"
        "    settings.update({'a': 1})\n"
        "    cursor.execute(f'UPDATE {table} SET naam = %s', ['x'])\n"
        "    cursor.execute('SELECT 1')\n"
    )
    assert [m for _f, _l, m in _write_calls(sneaky)] == ["update", "set", "execute"]


@pytest.mark.django_db
def test_a_write_around_the_services_fails_during_a_request(client):
    """The door at work: a view that saves a block itself gets OutsideTheDoor."""
    from core.door import OutsideTheDoor, guarded
    from tests.factories import BouwsteenFactory

    block = BouwsteenFactory()
    with guarded(), pytest.raises(OutsideTheDoor):
        block.naam = "Buiten de deur"
        block.save()
    with guarded(), pytest.raises(OutsideTheDoor):
        block.themas.clear()


@pytest.mark.django_db
def test_a_deleted_draft_comes_back_through_the_services(client):
    from reversion.models import Version

    from bouwstenen.models import Bouwsteen
    from tests.api.helpers import ready_to_publish
    from tests.factories import BouwsteenFactory

    operator = UserFactory(username="operator", is_superuser=True, is_staff=True)
    block = ready_to_publish(BouwsteenFactory(naam="Weg en terug", slug="weg-en-terug"))
    client.force_login(operator)
    client.post(f"/admin/bouwstenen/bouwsteen/{block.pk}/delete/", {"post": "yes"})
    assert not Bouwsteen.objects.filter(slug="weg-en-terug").exists()
    version = Version.objects.get_deleted(Bouwsteen).get()
    response = client.post(f"/admin/bouwstenen/bouwsteen/recover/{version.pk}/")
    assert response.status_code == 302
    back = Bouwsteen.objects.get(slug="weg-en-terug")
    assert (back.naam, back.publicatiestatus) == ("Weg en terug", "concept")
    assert [t.slug for t in back.themas.all()] == ["jeugdzorg"]
