"""Small helpers for the API tests."""

from bouwstenen.models import Bouwsteen
from tests.factories import public_parts


def ready_to_publish(bouwsteen: Bouwsteen) -> Bouwsteen:
    """Fill in what a public page needs (a block that is published already)."""
    return public_parts(bouwsteen)


def assert_problem(response, status: int, code: str | None = None) -> dict:
    """The response is a problem document with this status (and code)."""
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    assert body["title"] and body["detail"]
    if code is not None:
        assert body["code"] == code, body
    return body


def invalid_names(response) -> set[str]:
    return {param["name"] for param in response.json()["invalidParams"]}


def updated_quietly(queryset) -> None:
    """A test's ``QuerySet.update()`` sends no signal: tell the stored representations
    (bouwstenen.weergave) what changed, as the code's own bulk writers do."""
    from bouwstenen import weergave

    weergave.changed(weergave.BLOK, queryset.values_list("pk", flat=True))
