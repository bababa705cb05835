"""CSV export (GET) and import (POST) on the cables and connector-ends list URLs."""

from __future__ import annotations

from typing import Any

from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.parsers import BaseParser, JSONParser
from rest_framework.request import Request
from rest_framework.response import Response

from api import csv_io
from api.schema import ERROR, VALIDATION_ERROR
from api.views.channels import FirstRendererNegotiation

__all__ = ["CableCsvMixin", "EndCsvMixin"]


class CsvParser(BaseParser):
    """Take a raw ``text/csv`` body as the CSV to import."""

    media_type = "text/csv"

    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        return {"csv": stream.read().decode("utf-8", errors="replace")}


class CsvImportSerializer(serializers.Serializer):
    """A CSV document to import (or send it as the ``text/csv`` body)."""

    csv = serializers.CharField(max_length=5_000_000, trim_whitespace=False)
    dry_run = serializers.BooleanField(default=False, help_text="Check every row, change nothing")
    work_order = serializers.CharField(max_length=100, required=False, default="", allow_blank=True)


class ImportReportSerializer(serializers.Serializer):
    """What the import did; on 400 ``errors`` lists each failing row and nothing was written."""

    ok = serializers.BooleanField()
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    changed = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    errors = serializers.ListField(child=serializers.DictField())


def _csv_response(chunks: Any, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _import(request: Request, run: Any) -> Response:
    serializer = CsvImportSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    report = run(serializer.validated_data)
    return Response(report.as_dict(), status=200 if report.ok else 400)


def _export_schema(what: str) -> Any:
    return extend_schema(
        summary=f"Export every {what} as CSV",
        filters=False,
        parameters=[],
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV document"),
            401: ERROR,
            403: ERROR,
        },
    )


def _import_schema(what: str) -> Any:
    return extend_schema(
        summary=f"Import {what} from CSV (all rows or none)",
        filters=False,
        request={"application/json": CsvImportSerializer},
        responses={
            200: ImportReportSerializer,
            400: OpenApiResponse(
                {"anyOf": [{"$ref": "#/components/schemas/ImportReport"}, VALIDATION_ERROR]},
                description="Row errors (nothing was written) or a bad request",
            ),
            401: ERROR,
            403: ERROR,
        },
    )


class CableCsvMixin:
    """``/dcim/cables/csv/``: columns label, kind, polarity, connector_model, fiber_type, ..."""

    @_export_schema("cable")
    @action(
        detail=False,
        methods=["get"],
        url_path="csv",
        url_name="csv",
        content_negotiation_class=FirstRendererNegotiation,
        filter_backends=[],
        pagination_class=None,
        parser_classes=[JSONParser, CsvParser],
    )
    def export_csv(self, request: Request) -> StreamingHttpResponse:
        return _csv_response(csv_io.export_cables(), "cables.csv")

    @_import_schema("cables")
    @export_csv.mapping.post
    def import_csv(self, request: Request) -> Response:
        return _import(request, lambda d: csv_io.import_cables(d["csv"], dry_run=d["dry_run"]))


class EndCsvMixin:
    """``/dcim/connector-ends/csv/``: import sets each end's mate (as MACs)."""

    @_export_schema("connector end")
    @action(
        detail=False,
        methods=["get"],
        url_path="csv",
        url_name="csv",
        content_negotiation_class=FirstRendererNegotiation,
        filter_backends=[],
        pagination_class=None,
        parser_classes=[JSONParser, CsvParser],
    )
    def export_csv(self, request: Request) -> StreamingHttpResponse:
        return _csv_response(csv_io.export_ends(), "connector-ends.csv")

    @_import_schema("connections")
    @export_csv.mapping.post
    def import_csv(self, request: Request) -> Response:
        return _import(
            request,
            lambda d: csv_io.import_ends(
                d["csv"], user=request.user, work_order=d["work_order"], dry_run=d["dry_run"]
            ),
        )
