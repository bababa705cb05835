"""OpenAPI generation: document every error code, brief mode and the bulk list operations.

drf-spectacular documents only the success response of generic views; DCIM integrators
(and schemathesis) need the 4xx answers too, so this AutoSchema adds them from what the
view can actually return: 400 for bodies and filters, 401/403 for every endpoint behind
the role permission, 404 with a path id, 409 for deletes, 429 where a throttle applies.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_basic_type, force_instance, is_serializer
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

__all__ = ["ERROR", "VALIDATION_ERROR", "FibertraceAutoSchema"]

BULK_ACTIONS = ("bulk_update", "bulk_partial_update", "bulk_destroy")
UPDATE_ACTIONS = ("update", "partial_update", "bulk_update", "bulk_partial_update")


class ErrorSerializer(serializers.Serializer):
    """An error with a human-readable reason and, for domain errors, a stable code."""

    detail = serializers.CharField()
    code = serializers.CharField(required=False)


ERROR = ErrorSerializer
#: Field errors: ``{"field": ["reason", …]}``, or ``{"errors": […]}`` for list bodies.
VALIDATION_ERROR: dict[str, Any] = {
    "type": "object",
    "additionalProperties": {},
    "description": "Field name → list of reasons; bulk and CSV bodies give per-row errors",
}


class FibertraceAutoSchema(AutoSchema):
    """AutoSchema that documents error responses, ``brief`` and the bulk operations."""

    def get_override_parameters(self) -> list[Any]:
        params = list(super().get_override_parameters())
        if self._brief_serializer() and getattr(self.view, "action", None) in ("list", "retrieve"):
            params.append(
                OpenApiParameter(
                    "brief",
                    OpenApiTypes.BOOL,
                    description="Return brief objects (id, url, display, name)",
                )
            )
        return params

    def get_operation_id(self) -> str:
        operation_id: str = super().get_operation_id()
        if getattr(self.view, "action", None) in BULK_ACTIONS:
            return f"{operation_id}_bulk"
        return operation_id

    def get_request_serializer(self) -> Any:
        action = getattr(self.view, "action", None)
        if action in ("bulk_update", "bulk_partial_update"):
            child = force_instance(self.view.get_serializer_class())
            child.partial = self.method == "PATCH"
            item = self.resolve_serializer(child, "request").ref
            id_schema = {
                "type": "object",
                "properties": {"id": {"type": "integer"}},
                "required": ["id"],
            }
            bulk = {"type": "array", "items": {"allOf": [id_schema, item]}, "maxItems": 1000}
            return {"application/json": bulk}
        return super().get_request_serializer()

    def get_response_serializers(self) -> Any:
        action = getattr(self.view, "action", None)
        if action in UPDATE_ACTIONS and hasattr(self.view, "update_serializer_class"):
            full = self.view.serializer_class
            return full(many=True) if action.startswith("bulk") else full
        if action in ("bulk_update", "bulk_partial_update"):
            return self.view.get_serializer_class()(many=True)
        return super().get_response_serializers()

    def _brief_serializer(self) -> Any:
        return getattr(self.view, "brief_serializer_class", None)

    def _get_response_for_code(
        self,
        serializer: Any,
        status_code: str,
        media_types: Any = None,
        direction: Any = "response",
    ) -> dict[str, Any]:
        brief = self._brief_serializer()
        action = getattr(self.view, "action", None)
        if (
            brief
            and status_code == "200"
            and action in ("list", "retrieve")
            and is_serializer(serializer)
        ):
            full = self.resolve_serializer(force_instance(serializer), direction).ref
            short = self.resolve_serializer(brief(), direction).ref
            serializer = {"anyOf": [full, short]}
        return super()._get_response_for_code(serializer, status_code, media_types, direction)

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        errors: dict[str, Any] = {"401": ERROR, "403": ERROR}
        has_query = self.method == "GET" and getattr(self.view, "filterset_class", None)
        if (
            self.method in ("POST", "PUT", "PATCH")
            or has_query
            or getattr(self.view, "action", None) in BULK_ACTIONS
        ):
            errors["400"] = VALIDATION_ERROR
        if "{" in self.path:
            errors["404"] = ERROR
        if self.method == "DELETE":
            errors["409"] = ERROR
        if self.method in ("POST", "PUT", "PATCH") and getattr(
            self.view, "conflict_possible", True
        ):
            errors["409"] = ERROR
        if getattr(self.view, "throttle_scope", None):
            errors["429"] = ERROR
        for code, body in errors.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(body, code, direction=direction)
        return responses


class NestedRelatedFieldExtension(OpenApiSerializerFieldExtension):
    """Document a nested relation as an id on input and a brief object on output."""

    target_class = "api.serializers.base.NestedRelatedField"

    def map_serializer_field(self, auto_schema: AutoSchema, direction: Any) -> Any:
        if direction == "request":
            return build_basic_type(OpenApiTypes.INT)
        return auto_schema.resolve_serializer(self.target.brief_serializer(), direction).ref
