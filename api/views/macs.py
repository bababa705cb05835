"""MAC actions: parse the input, run the one MAC service, answer with the event and the
re-validation of the channels it touched (or, with ``?dry_run=true``, the pre-flight)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer
from rest_framework.views import APIView

from api.permissions import TECHNICIAN, RolePermission
from api.schema import ERROR, VALIDATION_ERROR
from api.serializers import macs
from api.serializers.channels import MacEventSerializer
from inventory.choices import MacAction

__all__ = ["MAC_VIEWS"]

DRY_RUN = OpenApiParameter(
    "dry_run",
    OpenApiTypes.BOOL,
    description="Answer what the MAC would do (pre-flight) without doing it",
)


class MacActionView(APIView):
    """One MAC action; subclasses name the action and its input serializer."""

    permission_classes = [RolePermission]
    write_role = TECHNICIAN
    mac_action: str = ""
    input_serializer: type[Serializer] = Serializer

    def post(self, request: Request) -> Response:
        from inventory.preflight import mac_preflight
        from inventory.services import perform_mac
        from inventory.validation import revalidate_after_mac

        serializer = self.input_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        kwargs: dict[str, Any] = {**serializer.validated_data, "user": request.user}
        if request.query_params.get("dry_run", "").lower() in ("1", "true", "yes", "on"):
            report = mac_preflight(action=self.mac_action, **kwargs)
            return Response({"dry_run": True, "preflight": report})
        event = perform_mac(action=self.mac_action, **kwargs)
        revalidation = revalidate_after_mac(event_id=event.pk)
        event.refresh_from_db()
        body = {
            "event": MacEventSerializer(event, context={"request": request}).data,
            "revalidation": revalidation,
        }
        return Response(body, status=status.HTTP_201_CREATED)


def _mac_view(name: str, action: str, input_serializer: type[Serializer]) -> type[MacActionView]:
    """Build the view class for one MAC action, documented with every status it returns."""
    documented = extend_schema(
        operation_id=f"macs_{action}",
        summary=input_serializer.__doc__,
        tags=["macs"],
        request=input_serializer,
        parameters=[DRY_RUN],
        responses={
            201: macs.MacResultSerializer,
            200: macs.PreflightSerializer,
            400: VALIDATION_ERROR,
            401: ERROR,
            403: ERROR,
            409: ERROR,
        },
    )

    def post(self: MacActionView, request: Request) -> Response:
        return MacActionView.post(self, request)

    attrs = {
        "mac_action": action,
        "input_serializer": input_serializer,
        "__doc__": input_serializer.__doc__,
        "post": documented(post),
    }
    return type(name, (MacActionView,), attrs)


#: URL segment → view, one per MAC action.
MAC_VIEWS: dict[str, type[MacActionView]] = {
    "connect": _mac_view("ConnectView", MacAction.CONNECT, macs.ConnectInput),
    "disconnect": _mac_view("DisconnectView", MacAction.DISCONNECT, macs.DisconnectInput),
    "move": _mac_view("MoveView", MacAction.MOVE, macs.MoveInput),
    "change-gender": _mac_view("ChangeGenderView", MacAction.CHANGE_GENDER, macs.ChangeGenderInput),
    "change-polarity": _mac_view(
        "ChangePolarityView", MacAction.CHANGE_POLARITY, macs.ChangePolarityInput
    ),
    "record-inspection": _mac_view(
        "RecordInspectionView", MacAction.CLEAN_INSPECT, macs.RecordInspectionInput
    ),
    "replace": _mac_view("ReplaceView", MacAction.REPLACE, macs.ReplaceInput),
}
