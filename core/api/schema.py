"""How the OpenAPI document describes what every operation shares.

Each operation declares its own success responses; this schema class adds the
``API-Version`` response header and the problem documents each kind of operation can
return, so no view has to repeat them (and none can forget them).
"""

from drf_spectacular import openapi
from drf_spectacular.authentication import TokenScheme
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import permissions, serializers

from core.api.idempotency import KEY_PARAMETER, REPLAYED_PARAMETER, is_idempotent
from core.api.problems import PROBLEM_MEDIA_TYPE

API_VERSION_HEADER = OpenApiParameter(
    "API-Version",
    type=str,
    location=OpenApiParameter.HEADER,
    response=True,
    required=True,
    description="De volledige versie van de API (semver), gelijk aan info.version.",
)


class ProbleemSerializer(serializers.Serializer):
    """Een probleemdocument (RFC 9457)."""

    title = serializers.CharField(help_text="Korte omschrijving van het soort fout.")
    status = serializers.IntegerField(help_text="De HTTP-statuscode.")
    detail = serializers.CharField(help_text="Wat er mis is, voor mensen.")
    code = serializers.CharField(help_text="Vaste code van de fout, voor programma's.")
    instance = serializers.CharField(
        required=False, help_text="Het pad van het verzoek."
    )


class OngeldigeParameterSerializer(serializers.Serializer):
    name = serializers.CharField(
        help_text="Het veld of de queryparameter, met punten voor geneste velden."
    )
    code = serializers.CharField(help_text="Vaste code van de fout.")
    reason = serializers.CharField(help_text="Wat er mis is, voor mensen.")


class ValidatieprobleemSerializer(ProbleemSerializer):
    """Een probleemdocument voor ongeldige invoer, dat elk fout veld noemt."""

    invalidParams = OngeldigeParameterSerializer(many=True, required=False)


def only_api_v1(endpoints):
    """PREPROCESSING_HOOK: the document describes /api/v1, not other DRF views of the site."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
BODY_METHODS = {"POST", "PUT", "PATCH"}

PROBLEMS = {
    400: (ValidatieprobleemSerializer, "Ongeldige invoer (body, parameter of JSON)."),
    401: (
        ProbleemSerializer,
        "Geen of een ongeldig token, of een ander schema dan Token in Authorization.",
    ),
    403: (ProbleemSerializer, "Het token mag dit niet (organisatie, rol of status)."),
    404: (ProbleemSerializer, "Niet gevonden, niet zichtbaar, of een pagina te ver."),
    406: (ProbleemSerializer, "Accept vraagt iets anders dan JSON."),
    409: (ProbleemSerializer, "Kan niet in de huidige status of botst met gegevens."),
    412: (
        ProbleemSerializer,
        "If-Match noemt een oudere versie; er is niets gewijzigd.",
    ),
    413: (ProbleemSerializer, "De body is te groot."),
    415: (ProbleemSerializer, "De body is geen application/json."),
    429: (
        ProbleemSerializer,
        "Te veel verzoeken, of te veel mislukte aanmeldingen vanaf dit adres; zie "
        "Retry-After.",
    ),
    422: (
        ProbleemSerializer,
        "De Idempotency-Key is al gebruikt voor een ander verzoek.",
    ),
    500: (ProbleemSerializer, "Onverwachte fout aan de kant van het register."),
}


class DutchTokenScheme(TokenScheme):
    priority = 0  # above drf-spectacular's own (-1), for a Dutch description

    def get_security_definition(self, auto_schema):
        definition = super().get_security_definition(auto_schema)
        definition["description"] = (
            "Een token van een gebruiker, als `Authorization: Token <sleutel>`. Maak het "
            "met `manage.py create_api_token GEBRUIKERSNAAM` of in het beheer. Het token "
            "schrijft namens de organisaties waarvan de gebruiker lid is."
        )
        return definition


class AutoSchema(openapi.AutoSchema):
    def get_auth(self):
        auths = super().get_auth()
        # drf-spectacular only recognises IsAuthenticatedOrReadOnly itself, not a
        # subclass; reads without a token are allowed either way.
        reads_openly = self.method in permissions.SAFE_METHODS and any(
            isinstance(p, permissions.IsAuthenticatedOrReadOnly)
            for p in self.view.get_permissions()
        )
        if reads_openly and {} not in auths:
            auths.append({})
        return auths

    def get_override_parameters(self):
        parameters = [*super().get_override_parameters(), API_VERSION_HEADER]
        if self._is_idempotent():
            parameters += [KEY_PARAMETER, REPLAYED_PARAMETER]
        return parameters

    def _is_idempotent(self) -> bool:
        """A POST whose handler takes an Idempotency-Key (core.api.idempotency)."""
        if self.method != "POST":
            return False
        action = getattr(self.view, "action", None) or self.method.lower()
        return is_idempotent(getattr(self.view, action, None))

    def get_paginated_name(self, serializer_name: str) -> str:
        return f"{serializer_name}Pagina"

    def _get_response_bodies(self, direction="response"):
        # The one place that sees every operation's responses, also those that
        # extend_schema(responses=...) declares explicitly.
        responses = super()._get_response_bodies(direction)
        for code, response in self._problem_responses().items():
            responses.setdefault(
                str(code),
                self._get_response_for_code(
                    response, str(code), [PROBLEM_MEDIA_TYPE], direction
                ),
            )
        return responses

    def _may_refuse_a_write(self) -> bool:
        # A dry run that anyone may call (AllowAny) changes nothing and refuses no one.
        return self.method in WRITE_METHODS and not any(
            isinstance(p, permissions.AllowAny) for p in self.view.get_permissions()
        )

    def _takes_if_match(self) -> bool:
        return any(
            getattr(parameter, "name", None) == "If-Match"
            for parameter in self.get_override_parameters()
        )

    def _problem_responses(self) -> dict:
        codes = {400, 401, 406, 429, 500}
        # A list can run out of pages: 404 too.
        if "{" in self.path or self._is_list_view():
            codes.add(404)
        if self._may_refuse_a_write():
            codes |= {403, 409}
            if self._takes_if_match():
                codes.add(412)
        if self.method in BODY_METHODS:
            codes |= {413, 415}
        if self._is_idempotent():
            codes.add(422)
        return {
            code: OpenApiResponse(PROBLEMS[code][0], description=PROBLEMS[code][1])
            for code in sorted(codes)
        }


def sparse_responses(result, generator, request, public):
    """POSTPROCESSING_HOOK: an operation with a ``fields`` parameter (core.api.sparse)
    answers either the whole record or a selection of its fields: ``anyOf`` the record's
    component and a copy of it (``<name>Selectie``) in which no field is required."""
    schemas = result.get("components", {}).get("schemas", {})

    def either(schema: dict) -> dict:
        ref = schema.get("$ref", "")
        name = ref.rsplit("/", 1)[-1]
        if not ref or name not in schemas:
            return schema
        selectie = f"{name}Selectie"
        if selectie not in schemas:
            copy = {k: v for k, v in schemas[name].items() if k != "required"}
            copy["description"] = (
                f"Een selectie van de velden van {name} (queryparameter fields)."
            )
            schemas[selectie] = copy
        return {"anyOf": [schema, {"$ref": f"#/components/schemas/{selectie}"}]}

    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if not any(
                p.get("in") == "query" and p.get("name") == "fields"
                for p in operation.get("parameters", [])
            ):
                continue
            content = operation["responses"]["200"]["content"]["application/json"]
            page = schemas.get(content["schema"].get("$ref", "").rsplit("/", 1)[-1])
            if page is not None and "results" in page.get("properties", {}):
                results = page["properties"]["results"]
                results["items"] = either(results["items"])
            else:
                content["schema"] = either(content["schema"])
    return result
