"""``POST /api/v1/polarity/validate/``: the channel-spec contract over HTTP (throttled)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ParseError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from api.permissions import VIEWER, RolePermission
from api.schema import ERROR
from polarity.errors import SpecError, SpecIssue

__all__ = ["ValidateView"]

MAX_SPECS = 1000

_SPEC: dict[str, Any] = {
    "type": "object",
    "description": "A channel spec (shared/spec/channel-spec.md)",
    "properties": {
        "spec_version": {"type": "integer", "enum": [1]},
        "name": {"type": "string"},
        "application": {"type": "string"},
        "elements": {
            "type": "array",
            "minItems": 2,
            "maxItems": 256,
            "items": {
                "type": "object",
                "properties": {
                    "kind": {
                        "type": "string",
                        "enum": [
                            "transceiver",
                            "mpo_cable",
                            "mpo_adapter",
                            "cassette",
                            "lc_cord",
                            "lc_adapter",
                        ],
                    },
                    "id": {"type": "string"},
                },
                "required": ["kind"],
            },
        },
    },
    "required": ["spec_version", "elements"],
}
_RESULT: dict[str, Any] = {
    "type": "object",
    "description": "The engine's result for one spec",
    "properties": {
        "ok": {"type": "boolean"},
        "name": {"type": "string", "nullable": True},
        "application": {"type": "string", "nullable": True},
        "fibers": {"type": "array", "items": {"type": "object"}},
        "problems": {"type": "array", "items": {"type": "object"}},
        "loss": {"type": "object"},
        "suggestions": {"type": "array", "items": {"type": "object"}},
    },
    "required": ["ok", "fibers", "problems", "loss", "suggestions"],
}


class SpecIssueSerializer(serializers.Serializer):
    path = serializers.CharField(
        help_text="JSON path of the bad value, e.g. [2].elements[3].polarity"
    )
    reason = serializers.CharField()


class InvalidSpecSerializer(serializers.Serializer):
    """Every problem found in the document, each with its JSON path."""

    error = serializers.CharField()
    errors = SpecIssueSerializer(many=True)


class ValidateView(APIView):
    """Validate one channel spec, or a list of at most 1,000, against the catalogue."""

    permission_classes = [RolePermission]
    write_role = VIEWER  # computing a verdict writes nothing
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "validate"

    @extend_schema(
        operation_id="polarity_validate",
        tags=["polarity"],
        request={
            "application/json": {
                "oneOf": [
                    _SPEC,
                    {"type": "array", "items": _SPEC, "minItems": 1, "maxItems": MAX_SPECS},
                ]
            }
        },
        responses={
            200: OpenApiResponse(
                {"oneOf": [_RESULT, {"type": "array", "items": _RESULT}]},
                description="One result, or a list in the order of the specs",
            ),
            400: OpenApiResponse(InvalidSpecSerializer, description="The document is invalid"),
            401: ERROR,
            403: ERROR,
            429: ERROR,
        },
        examples=[
            OpenApiExample(
                "SR4 over a Type B cord",
                request_only=True,
                value={
                    "spec_version": 1,
                    "elements": [
                        {"kind": "transceiver", "application": "100GBASE-SR4"},
                        {
                            "kind": "mpo_cable",
                            "connector": "MPO-12",
                            "polarity": "B",
                            "ends": [{"gender": "female"}, {"gender": "female"}],
                        },
                        {"kind": "transceiver", "application": "100GBASE-SR4"},
                    ],
                },
            )
        ],
    )
    def post(self, request: Request) -> Response:
        from inventory.catalogue import application_catalogue
        from polarity.engine import validate_document

        try:
            document = request.data
        except ParseError as exc:
            return _invalid(f"not JSON: {exc.detail}")
        except RecursionError:
            return _invalid("not valid JSON: nested too deeply")
        if isinstance(document, list) and not 1 <= len(document) <= MAX_SPECS:
            return _invalid(f"send 1 to {MAX_SPECS} specs, not {len(document)}")
        try:
            return Response(validate_document(document, application_catalogue()))
        except SpecError as exc:
            return Response(exc.to_dict(), status=400)


def _invalid(reason: str) -> Response:
    """Answer 400 for a body that is not a document at all (the path is its root, `$`)."""
    return Response(SpecError([SpecIssue("$", reason)]).to_dict(), status=400)
