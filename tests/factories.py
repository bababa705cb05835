"""Test data built through the services (and the demo builder for whole pods)."""

from __future__ import annotations

from itertools import count

from django.contrib.auth.models import User

from inventory import services
from inventory.demo import build_demo, connector_models
from inventory.models import Application, Cable, ConnectorEnd, Device, MpoAdapter, Port
from inventory.roles import user_with_role

_seq = count(1)


def unique(prefix: str) -> str:
    return f"{prefix}-{next(_seq)}"


def models() -> dict:
    """The demo catalogue's connector models by key (mpo12, pro12, lc, qsfp, …)."""
    return connector_models()


def mpo_cable(
    *,
    polarity: str = "B",
    model: str = "mpo12",
    genders: tuple[str, str] = ("female", "female"),
    kind: str = "mpo_patch",
    fiber_type: str = "OM4",
    length_m: float = 3,
) -> Cable:
    return services.cable_create(
        label=unique("C"),
        kind=kind,
        polarity=polarity,
        connector_model=models()[model],
        fiber_type=fiber_type,
        length_m=length_m,
        genders=genders,
    )


def lc_cord(*, polarity: str = "A-B") -> Cable:
    return services.cable_create(
        label=unique("LC"),
        kind="lc_duplex",
        polarity=polarity,
        connector_model=models()["lc"],
        fiber_type="OM4",
        length_m=2,
        genders=("male", "male"),
    )


def port(*, application: str = "100GBASE-SR4", model: str = "qsfp") -> Port:
    device, _ = Device.objects.get_or_create(name="test-switch")
    return services.port_create(
        device=device,
        name=unique("Eth"),
        application=Application.objects.get(name=application),
        connector_model=models()[model],
    )


def adapter(*, type: str = "B") -> MpoAdapter:
    return services.adapter_create(label=unique("AD"), type=type)


def end(cable: Cable, index: int) -> ConnectorEnd:
    return ConnectorEnd.objects.get(cable=cable, cable_end=index)


def user(role: str = "technician") -> User:
    return user_with_role(username=unique(role), role=role, password="pw-" + role)


def demo_pod(units: int = 1) -> None:
    """One or more demo pod units (14 channels each, unit 4 of every 5 with faults)."""
    build_demo(channels=14 * units)
