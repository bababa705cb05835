"""Shared serializer parts: nested relations written by id and read as brief objects."""

from __future__ import annotations

from copy import copy
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from rest_framework import serializers
from rest_framework.fields import empty

__all__ = ["NestedRelatedField", "ValidatedModelSerializer", "reject_nul"]


class NestedRelatedField(serializers.PrimaryKeyRelatedField):
    """Take a related object's id on input; show its brief form on output (NetBox style)."""

    def __init__(self, brief_serializer: type[serializers.Serializer], **kwargs: Any) -> None:
        self.brief_serializer = brief_serializer
        super().__init__(**kwargs)

    def use_pk_only_optimization(self) -> bool:
        return False

    def to_representation(self, value: models.Model) -> Any:
        return self.brief_serializer(value, context=self.context).data


def reject_nul(value: Any) -> Any:
    """Refuse NUL characters anywhere in a JSON value (PostgreSQL cannot store them)."""
    if isinstance(value, str) and "\x00" in value:
        raise serializers.ValidationError("NUL characters are not allowed.")
    if isinstance(value, dict):
        for key, item in value.items():
            reject_nul(key)
            reject_nul(item)
    elif isinstance(value, list):
        for item in value:
            reject_nul(item)
    return value


class ValidatedModelSerializer(serializers.ModelSerializer):
    """Run the model's database constraints in ``validate`` so a violation is a 400, not a 500."""

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        model: type[models.Model] = self.Meta.model
        instance = copy(self.instance) if self.instance is not None else model()
        concrete = {f.name for f in model._meta.concrete_fields}
        for name, value in attrs.items():
            if name in concrete:
                setattr(instance, name, value)
        try:
            instance.validate_constraints()
        except DjangoValidationError as exc:
            errors = exc.message_dict
            if "__all__" in errors:
                errors[serializers.api_settings.NON_FIELD_ERRORS_KEY] = errors.pop("__all__")
            raise serializers.ValidationError(errors) from exc
        return attrs

    def run_validation(self, data: Any = empty) -> Any:
        if isinstance(data, dict):
            try:
                reject_nul(data)
            except serializers.ValidationError as exc:
                raise serializers.ValidationError(
                    {serializers.api_settings.NON_FIELD_ERRORS_KEY: exc.detail}
                ) from exc
        return super().run_validation(data)
