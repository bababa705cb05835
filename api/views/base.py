"""The viewset every object endpoint is built from: roles, brief mode, bulk operations.

NetBox's conventions: ``?brief=true`` returns brief objects; a list body on the list URL
creates, updates (PUT/PATCH, each item with its ``id``) or deletes (DELETE, a list of
``{"id": …}``) many objects in one transaction — all of them or none.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Model, QuerySet
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from api.permissions import RolePermission

__all__ = [
    "BulkCreateMixin",
    "BulkDestroyMixin",
    "BulkUpdateMixin",
    "FibertraceViewSet",
    "ModelViewSet",
    "ReadOnlyModelViewSet",
]

MAX_BULK = 1000


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


class FibertraceViewSet(viewsets.GenericViewSet):
    """Roles from :class:`RolePermission`, brief mode and a guard against NUL in parameters."""

    permission_classes = [RolePermission]
    brief_serializer_class: type[BaseSerializer] | None = None
    update_serializer_class: type[BaseSerializer] | None = None
    brief_prefetch: tuple[str, ...] = ()

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        for key, values in request.query_params.lists():
            if "\x00" in key or any("\x00" in v for v in values):
                raise ValidationError(
                    {key.replace("\x00", ""): ["NUL characters are not allowed."]}
                )

    @property
    def brief(self) -> bool:
        return self.action in ("list", "retrieve") and _truthy(
            self.request.query_params.get("brief")
        )

    def get_serializer_class(self) -> type[BaseSerializer]:
        if self.brief and self.brief_serializer_class is not None:
            return self.brief_serializer_class
        if self.update_serializer_class is not None and self.action in (
            "update",
            "partial_update",
            "bulk_update",
            "bulk_partial_update",
        ):
            return self.update_serializer_class
        return super().get_serializer_class()

    def get_queryset(self) -> QuerySet[Any]:
        queryset = super().get_queryset()
        if self.brief and self.brief_serializer_class is not None:
            plain = queryset.model._default_manager.all()
            return plain.order_by(*queryset.query.order_by) if queryset.query.order_by else plain
        return queryset


class BulkCreateMixin(mixins.CreateModelMixin):
    """POST one object, or a list of up to 1,000 created in one transaction."""

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not isinstance(request.data, list):
            return super().create(request, *args, **kwargs)
        _check_size(request.data)
        serializer = self.get_serializer(data=request.data, many=True)
        serializer.is_valid(raise_exception=True)
        with transaction.atomic():
            self.perform_create(serializer)
        return Response(serializer.data, status=status.HTTP_201_CREATED)


class BulkUpdateMixin:
    """PUT/PATCH a list of objects (each with its ``id``) on the list URL, all or none."""

    def bulk_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._bulk_update(request, partial=False)

    def bulk_partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._bulk_update(request, partial=True)

    def _bulk_update(self, request: Request, *, partial: bool) -> Response:
        view: Any = self
        objects = _objects_for(view, request.data)
        serializers = []
        errors: list[dict[str, Any]] = []
        for item in request.data:
            serializer = view.get_serializer(objects[item["id"]], data=item, partial=partial)
            serializers.append(serializer)
            errors.append({} if serializer.is_valid() else serializer.errors)
        if any(errors):
            raise ValidationError({"errors": errors})
        with transaction.atomic():
            for serializer in serializers:
                view.perform_update(serializer)
        return Response([s.data for s in serializers])


class BulkDestroyMixin:
    """DELETE a list of ``{"id": …}`` on the list URL, all or none."""

    def bulk_destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        view: Any = self
        objects = _objects_for(view, request.data)
        with transaction.atomic():
            for item in request.data:
                view.perform_destroy(objects[item["id"]])
        return Response(status=status.HTTP_204_NO_CONTENT)


def _check_size(data: list[Any]) -> None:
    if not data:
        raise ValidationError({"errors": ["Send at least one object."]})
    if len(data) > MAX_BULK:
        raise ValidationError({"errors": [f"Send at most {MAX_BULK} objects at a time."]})


def _objects_for(view: Any, data: Any) -> dict[int, Model]:
    """Fetch the objects a bulk body names (one query), refusing bad or unknown ids."""
    if not isinstance(data, list):
        raise ValidationError({"errors": ["Send a list of objects, each with its id."]})
    _check_size(data)
    ids: list[int] = []
    for index, item in enumerate(data):
        pk = item.get("id") if isinstance(item, dict) else None
        if not isinstance(pk, int) or isinstance(pk, bool):
            raise ValidationError({"errors": [f"Item {index}: give the object's integer id."]})
        ids.append(pk)
    if len(set(ids)) != len(ids):
        raise ValidationError({"errors": ["Each id may appear only once."]})
    objects = view.filter_queryset(view.get_queryset()).in_bulk([i for i in ids if abs(i) < 2**63])
    missing = [pk for pk in ids if pk not in objects]
    if missing:
        raise ValidationError({"errors": [f"No object with id {missing[0]}."]})
    return objects


class ReadOnlyModelViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, FibertraceViewSet):
    """List and detail only."""


class ModelViewSet(
    BulkCreateMixin,
    BulkUpdateMixin,
    BulkDestroyMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    mixins.ListModelMixin,
    FibertraceViewSet,
):
    """Full CRUD with bulk operations on the list URL."""
