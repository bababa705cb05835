"""Django choices derived from the engine's enums: one vocabulary for the whole project."""

from __future__ import annotations

from enum import StrEnum

from django.db import models

from polarity.elements import (
    AdapterType,
    Brand,
    CablePolarity,
    CassettePolarity,
    Connector,
    CordPolarity,
    FiberType,
    Gender,
    Polish,
    ProblemCode,
)


def choices_of(*enums: type[StrEnum]) -> list[tuple[str, str]]:
    """Turn engine enums into Django ``choices`` (value shown as its own label)."""
    return [(member.value, member.value) for enum in enums for member in enum]


GENDER_CHOICES = choices_of(Gender)
POLISH_CHOICES = choices_of(Polish)
BRAND_CHOICES = choices_of(Brand)
CONNECTOR_CHOICES = choices_of(Connector)
FIBER_TYPE_CHOICES = choices_of(FiberType)
CABLE_POLARITY_CHOICES = choices_of(CablePolarity, CordPolarity)
CASSETTE_POLARITY_CHOICES = choices_of(CassettePolarity)
ADAPTER_TYPE_CHOICES = choices_of(AdapterType)
PROBLEM_CODE_CHOICES = choices_of(ProblemCode)

MPO_CONNECTORS = [c.value for c in Connector if c.value.startswith("MPO")]
MPO_POLARITIES = [p.value for p in CablePolarity]
LC_POLARITIES = [p.value for p in CordPolarity]


class CableKind(models.TextChoices):
    """What a cable is, which decides its connectors and polarity vocabulary."""

    MPO_TRUNK = "mpo_trunk", "MPO trunk"
    MPO_PATCH = "mpo_patch", "MPO patch cord"
    LC_DUPLEX = "lc_duplex", "LC duplex cord"


class CableStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    INSTALLED = "installed", "Installed"
    RETIRED = "retired", "Retired"


class Key(models.TextChoices):
    """Key position of an MPO plug as laid flat (MTP PRO can change it on site)."""

    UP = "up", "Key up"
    DOWN = "down", "Key down"


class MacAction(models.TextChoices):
    """The moves, adds and changes a technician logs."""

    CONNECT = "connect", "Connect"
    DISCONNECT = "disconnect", "Disconnect"
    MOVE = "move", "Move"
    CHANGE_GENDER = "change_gender", "Change gender"
    CHANGE_POLARITY = "change_polarity", "Change polarity"
    CLEAN_INSPECT = "clean_inspect", "Clean / inspect"
    REPLACE = "replace", "Replace"


class ChannelStatus(models.TextChoices):
    UNKNOWN = "unknown", "Not validated"
    OK = "ok", "OK"
    FAILING = "failing", "Failing"
    OPEN = "open", "Open (unmated end)"
    INVALID = "invalid", "Invalid path"
