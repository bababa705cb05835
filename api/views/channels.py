"""Channels: CRUD, the live trace of a channel's path and its fiber map as SVG."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import APIException
from rest_framework.generics import GenericAPIView
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.request import Request
from rest_framework.response import Response

from api import filters
from api.permissions import RolePermission
from api.schema import ERROR
from api.serializers.brief import BRIEF
from api.serializers.channels import ChannelSerializer
from api.views.base import ModelViewSet
from inventory.models import Channel, ConnectorEnd
from inventory.selectors import channel_with_trace

__all__ = ["ChannelViewSet", "FiberMapView", "FirstRendererNegotiation"]


class FirstRendererNegotiation(BaseContentNegotiation):
    """Answer in the view's own format whatever Accept says (CSV and SVG endpoints)."""

    def select_parser(self, request: Request, parsers: list[Any]) -> Any:
        for parser in parsers:
            if request.content_type.startswith(parser.media_type):
                return parser
        return None

    def select_renderer(
        self, request: Request, renderers: list[Any], format_suffix: Any = None
    ) -> Any:
        return renderers[0], renderers[0].media_type


class PathOpen(APIException):
    status_code = 409
    default_detail = "The channel's path is not complete."
    default_code = "path_open"


TRACE_STATUSES = [("complete", "complete"), ("open", "open"), ("loop", "loop")]


class TraceSerializer(serializers.Serializer):
    """A channel's path as mated now: the channel spec, its ends, and each fiber's arrival."""

    channel = BRIEF[Channel]()
    status = serializers.ChoiceField(choices=TRACE_STATUSES)
    message = serializers.CharField()
    spec = serializers.JSONField(help_text="The traced path as a channel spec (the elements)")
    ends = BRIEF[ConnectorEnd](many=True)
    result = serializers.JSONField(
        allow_null=True, help_text="The engine's result (fibers, problems, loss) when complete"
    )


def _validated(spec: dict[str, Any]) -> tuple[Any, Any]:
    """Parse and validate a traced spec; (None, None) when the engine refuses it."""
    from inventory.catalogue import application_catalogue
    from polarity.engine import validate
    from polarity.spec import SpecError, parse_channel

    catalogue = application_catalogue()
    try:
        parsed = parse_channel(spec, catalogue)
        return parsed, validate(parsed, catalogue)
    except SpecError:
        return None, None


class ChannelViewSet(ModelViewSet):
    """Stored channels; the spec and verdict are written by validation, never by hand."""

    queryset = Channel.objects.select_related("a_port", "b_port")
    serializer_class = ChannelSerializer
    brief_serializer_class = BRIEF[Channel]
    filterset_class = filters.ChannelFilterSet
    search_fields = ("name",)
    ordering_fields = ("id", "name", "status", "loss_db", "validated_at")

    def perform_create(self, serializer: Any) -> None:
        from inventory.validation import validate_channels

        with transaction.atomic():
            serializer.save()
            validate_channels(channel_ids=[serializer.instance.pk])
        serializer.instance.refresh_from_db()

    def perform_update(self, serializer: Any) -> None:
        self.perform_create(serializer)

    @extend_schema(
        summary="Trace a channel's path as mated now",
        responses={200: TraceSerializer, 401: ERROR, 403: ERROR, 404: ERROR},
    )
    @action(detail=True, methods=["get"], url_path="trace", url_name="trace")
    def trace_path(self, request: Request, pk: str | None = None) -> Response:
        channel, trace = channel_with_trace(channel_id=self.get_object().pk)
        ends = {e.pk: e for e in ConnectorEnd.objects.filter(pk__in=trace.end_ids)}
        _, result = _validated(trace.spec) if trace.status == "complete" else (None, None)
        data = {
            "channel": channel,
            "status": trace.status,
            "message": trace.message,
            "spec": trace.spec,
            "ends": [ends[pk] for pk in trace.end_ids if pk in ends],
            "result": result.to_dict() if result is not None else None,
        }
        return Response(TraceSerializer(data, context=self.get_serializer_context()).data)


class FiberMapView(GenericAPIView):
    """``GET /api/v1/channels/{id}/fiber-map.svg``: the channel's fibers drawn as SVG."""

    permission_classes = [RolePermission]
    queryset = Channel.objects.all()
    content_negotiation_class = FirstRendererNegotiation
    serializer_class = None

    @extend_schema(
        operation_id="channels_fiber_map",
        tags=["channels"],
        summary="Draw a channel's fibers as an SVG fiber map",
        responses={
            (200, "image/svg+xml"): OpenApiResponse(OpenApiTypes.STR, description="SVG drawing"),
            401: ERROR,
            403: ERROR,
            404: ERROR,
            409: OpenApiResponse(ERROR, description="The path is open or not a valid channel"),
        },
    )
    def get(self, request: Request, pk: int) -> HttpResponse:
        from polarity.fibermap import render_svg

        _, trace = channel_with_trace(channel_id=self.get_object().pk)
        if trace.status != "complete":
            raise PathOpen(trace.message or f"The channel's path is {trace.status}.")
        parsed, result = _validated(trace.spec)
        if parsed is None:
            raise PathOpen("The traced path is not a valid channel.")
        return HttpResponse(render_svg(parsed, result), content_type="image/svg+xml")
