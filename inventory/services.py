"""Every write to the plant: plain keyword-only functions, each one atomic with one MAC event.

A refused request raises :class:`PlantError` before anything is written, or inside the
transaction so that nothing is left half-done. Mating cycles are counted with
database-side increments (``F() + 1``) on rows locked in primary-key order, so concurrent
MACs lose no count and cannot deadlock each other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import IntegrityError, transaction
from django.db.models import F

from inventory.choices import CableKind, CableStatus, Key, MacAction
from inventory.errors import PlantError
from inventory.models import (
    Application,
    Cable,
    Cassette,
    ConnectorEnd,
    ConnectorModel,
    Device,
    MacEvent,
    MpoAdapter,
    Panel,
    Port,
)

UserLike = AbstractBaseUser | AnonymousUser | None

__all__ = [
    "MAC_SERVICES",
    "adapter_create",
    "cable_create",
    "cassette_create",
    "change_gender",
    "change_polarity",
    "connect",
    "disconnect",
    "move",
    "perform_mac",
    "port_create",
    "record_inspection",
    "replace_cable",
]


# --- adds: creating plant objects (no MAC: nothing is mated yet) ---------------------------


def _check_model_family(model: ConnectorModel, *, mpo: bool, field: str) -> None:
    if model.is_mpo != mpo:
        wanted = "an MPO" if mpo else "an LC"
        raise PlantError(f"{model} is not {wanted} connector model", field=field)


@transaction.atomic
def cable_create(
    *,
    label: str,
    kind: str,
    polarity: str,
    connector_model: ConnectorModel,
    fiber_type: str,
    length_m: Decimal | float | None = None,
    genders: tuple[str, str] = ("female", "female"),
    polish: str | None = None,
    status: str = CableStatus.INSTALLED,
) -> Cable:
    """Create a cable and its two connector ends (end 1 key up; Type A's end 2 key down)."""
    is_mpo = kind in (CableKind.MPO_TRUNK, CableKind.MPO_PATCH)
    _check_model_family(connector_model, mpo=is_mpo, field="connector_model")
    cable = Cable(
        label=label,
        kind=kind,
        polarity=polarity,
        connector=connector_model.family,
        fiber_type=fiber_type,
        length_m=None if length_m is None else Decimal(str(length_m)),
        status=status,
    )
    _full_clean(cable)
    cable.save()
    end_polish = polish or ("APC" if fiber_type == "OS2" and is_mpo else "UPC")
    for index, gender in enumerate(genders):
        key = Key.DOWN if (index == 1 and polarity in ("A", "C")) else Key.UP
        ConnectorEnd.objects.create(
            label=f"{label}/{index + 1}",
            connector_model=connector_model,
            gender=gender,
            polish=end_polish,
            key=key,
            cable=cable,
            cable_end=index,
        )
    return cable


@transaction.atomic
def cassette_create(
    *,
    label: str,
    polarity: str,
    rear_model: ConnectorModel,
    front_model: ConnectorModel,
    front_ports: int = 6,
    panel: Panel | None = None,
    slot: int | None = None,
    rear_gender: str = "male",
    polish: str = "UPC",
    insertion_loss_db: Decimal | float | None = None,
) -> Cassette:
    """Create a breakout cassette with its rear MPO end and one end per front duplex port."""
    _check_model_family(rear_model, mpo=True, field="rear_model")
    _check_model_family(front_model, mpo=False, field="front_model")
    cassette = Cassette(
        label=label,
        panel=panel,
        slot=slot,
        polarity=polarity,
        connector=rear_model.family,
        front_ports=front_ports,
        insertion_loss_db=None if insertion_loss_db is None else Decimal(str(insertion_loss_db)),
    )
    _full_clean(cassette)
    cassette.save()
    ConnectorEnd.objects.create(
        label=f"{label}/rear",
        connector_model=rear_model,
        gender=rear_gender,
        polish=polish,
        cassette=cassette,
        cassette_port=0,
    )
    ConnectorEnd.objects.bulk_create(
        ConnectorEnd(
            label=f"{label}/p{n}",
            connector_model=front_model,
            gender="female",
            polish=polish,
            cassette=cassette,
            cassette_port=n,
        )
        for n in range(1, front_ports + 1)
    )
    return cassette


@transaction.atomic
def port_create(
    *,
    device: Device,
    name: str,
    application: Application,
    connector_model: ConnectorModel,
    gender: str | None = None,
    polish: str | None = None,
) -> Port:
    """Create a transceiver port and its connector face (gender/polish from the application)."""
    _check_model_family(connector_model, mpo=application.connector != "LC", field="connector_model")
    port = Port(device=device, name=name, application=application)
    _full_clean(port)
    port.save()
    ConnectorEnd.objects.create(
        label=f"{device.name}:{name}",
        connector_model=connector_model,
        gender=gender or application.gender,
        polish=polish or application.polish,
        port=port,
    )
    return port


def adapter_create(
    *,
    label: str,
    type: str,
    panel: Panel | None = None,
    slot: int | None = None,
    insertion_loss_db: Decimal | float | None = None,
) -> MpoAdapter:
    """Create an MPO bulkhead adapter in a panel slot."""
    adapter = MpoAdapter(
        label=label,
        type=type,
        panel=panel,
        slot=slot,
        insertion_loss_db=None if insertion_loss_db is None else Decimal(str(insertion_loss_db)),
    )
    _full_clean(adapter)
    adapter.save()
    return adapter


# --- MACs -------------------------------------------------------------------------------


def connect(
    *,
    end_a: ConnectorEnd,
    end_b: ConnectorEnd,
    adapter: MpoAdapter | None = None,
    user: UserLike = None,
    work_order: str = "",
    note: str = "",
) -> MacEvent:
    """Mate two free ends face to face (through ``adapter`` when both are MPO plugs)."""
    with transaction.atomic():
        a, b = _lock(end_a, end_b)
        _check_can_mate(a, b, adapter)
        _mate(a, b, adapter)
        _count_cycles([a.pk, b.pk])
        return _record(MacAction.CONNECT, user, work_order, note, end_a=a, end_b=b, adapter=adapter)


def disconnect(
    *, end: ConnectorEnd, user: UserLike = None, work_order: str = "", note: str = ""
) -> MacEvent:
    """Unmate an end from its mate (and free the adapter sides they held)."""
    with transaction.atomic():
        (locked,) = _lock(end)
        if locked.mate_id is None:
            raise PlantError(f"{locked} is not mated to anything", field="end", code="not_mated")
        mate, adapter = _unmate(locked)
        _count_cycles([locked.pk, mate.pk])
        return _record(
            MacAction.DISCONNECT, user, work_order, note, end_a=locked, end_b=mate, adapter=adapter
        )


def move(
    *,
    end: ConnectorEnd,
    to_end: ConnectorEnd,
    adapter: MpoAdapter | None = None,
    user: UserLike = None,
    work_order: str = "",
    note: str = "",
) -> MacEvent:
    """Unplug ``end`` from its mate and plug it into ``to_end`` as one MAC."""
    with transaction.atomic():
        (locked,) = _lock(end)
        if locked.mate_id is None:
            raise PlantError(
                f"{locked} is not mated: use connect instead of move", field="end", code="not_mated"
            )
        old_mate_id = locked.mate_id
        old_adapter_id = locked.adapter_id
        a, old, new = _lock(end, ConnectorEnd(pk=old_mate_id), to_end)
        if new.pk == old.pk:
            raise PlantError(f"{a} is already mated to {new}", field="to_end", code="same_mate")
        # Check the new mating against the state after unplugging, then do both.
        _unmate(a)
        a.refresh_from_db()
        _check_can_mate(a, new, adapter)
        _mate(a, new, adapter)
        _count_cycles([a.pk, old.pk, a.pk, new.pk])
        return _record(
            MacAction.MOVE,
            user,
            work_order,
            note,
            end_a=a,
            end_b=new,
            adapter=adapter,
            details={
                "from_end": old.pk,
                "from_end_label": old.label,
                "from_adapter": old_adapter_id,
            },
        )


def change_gender(
    *,
    end: ConnectorEnd,
    gender: str,
    user: UserLike = None,
    work_order: str = "",
    note: str = "",
) -> MacEvent:
    """Insert or remove the pin clamp of a field-changeable (MTP PRO) connector."""
    with transaction.atomic():
        (locked,) = _lock(end)
        model = locked.connector_model
        if gender not in ("male", "female"):
            raise PlantError(f"{gender!r} is not a gender (male or female)", field="gender")
        if locked.port_id is not None or locked.cassette_id is not None:
            raise PlantError(
                f"{locked} is an equipment or module port: its gender is fixed", field="end"
            )
        if not model.gender_field_changeable:
            raise PlantError(
                f"{locked} is a {model.brand} connector whose gender is set at the factory: "
                "replace the cable instead",
                field="end",
                code="not_field_changeable",
            )
        if locked.gender == gender:
            raise PlantError(f"{locked} is already {gender}", field="gender", code="no_change")
        before = locked.gender
        ConnectorEnd.objects.filter(pk=locked.pk).update(gender=gender)
        return _record(
            MacAction.CHANGE_GENDER,
            user,
            work_order,
            note,
            end_a=locked,
            cable=locked.cable,
            details={"before": before, "after": gender},
        )


_KEY_FOR_POLARITY = {"A": Key.DOWN, "B": Key.UP, "C": Key.DOWN}


def change_polarity(
    *,
    cable: Cable,
    polarity: str,
    user: UserLike = None,
    work_order: str = "",
    note: str = "",
) -> MacEvent:
    """Change a cable's polarity on site (MTP PRO key swap, or a polarity-reversible LC cord)."""
    with transaction.atomic():
        locked = Cable.objects.select_for_update().get(pk=cable.pk)
        ends = list(
            ConnectorEnd.objects.select_for_update()
            .select_related("connector_model")
            .filter(cable=locked)
            .order_by("cable_end")
        )
        allowed = ("A-B", "A-A") if locked.kind == CableKind.LC_DUPLEX else ("A", "B")
        if polarity == locked.polarity:
            raise PlantError(
                f"{locked} is already type {polarity}", field="polarity", code="no_change"
            )
        if polarity not in allowed or locked.polarity not in allowed:
            raise PlantError(
                f"{locked} cannot change from {locked.polarity} to {polarity} on site "
                f"(possible: {' / '.join(allowed)}); Type C routes the fibres differently: "
                "replace the cable",
                field="polarity",
            )
        fixed = [e for e in ends if not e.connector_model.polarity_field_changeable]
        if fixed:
            raise PlantError(
                f"{locked}: {fixed[0].label} is a {fixed[0].connector_model.brand} connector "
                "whose polarity is fixed at the factory: replace the cable instead",
                field="cable",
                code="not_field_changeable",
            )
        before = locked.polarity
        Cable.objects.filter(pk=locked.pk).update(polarity=polarity)
        if locked.kind != CableKind.LC_DUPLEX and len(ends) == 2:
            ConnectorEnd.objects.filter(pk=ends[1].pk).update(key=_KEY_FOR_POLARITY[polarity])
        return _record(
            MacAction.CHANGE_POLARITY,
            user,
            work_order,
            note,
            end_a=ends[1] if len(ends) == 2 else None,
            cable=locked,
            details={"before": before, "after": polarity},
        )


def record_inspection(
    *,
    end: ConnectorEnd,
    passed: bool = True,
    cleaned: bool = True,
    user: UserLike = None,
    work_order: str = "",
    note: str = "",
) -> MacEvent:
    """Log an end-face clean/inspect (IEC 61300-3-35) on an end."""
    with transaction.atomic():
        (locked,) = _lock(end)
        return _record(
            MacAction.CLEAN_INSPECT,
            user,
            work_order,
            note,
            end_a=locked,
            cable=locked.cable,
            details={"passed": passed, "cleaned": cleaned},
        )


def replace_cable(
    *,
    cable: Cable,
    new_label: str,
    connector_model: ConnectorModel | None = None,
    polarity: str | None = None,
    genders: tuple[str, str] | None = None,
    user: UserLike = None,
    work_order: str = "",
    note: str = "",
) -> MacEvent:
    """Retire a cable and put a new one in its place, re-mated to the same partners."""
    with transaction.atomic():
        old = Cable.objects.select_for_update().get(pk=cable.pk)
        if old.status == CableStatus.RETIRED:
            raise PlantError(f"{old} is already retired", field="cable", code="retired")
        old_ends = list(
            ConnectorEnd.objects.select_related("connector_model")
            .filter(cable=old)
            .order_by("cable_end")
        )
        partners = [(e.mate_id, e.adapter_id) for e in old_ends]
        locked = _lock(*old_ends, *[ConnectorEnd(pk=m) for m, _ in partners if m is not None])
        by_pk = {e.pk: e for e in locked}
        new = cable_create(
            label=new_label,
            kind=old.kind,
            polarity=polarity or old.polarity,
            connector_model=connector_model or old_ends[0].connector_model,
            fiber_type=old.fiber_type,
            length_m=old.length_m,
            genders=genders or (old_ends[0].gender, old_ends[1].gender),
            polish=old_ends[0].polish,
        )
        new_ends = list(ConnectorEnd.objects.filter(cable=new).order_by("cable_end"))
        touched: list[int] = []
        for old_end, new_end, (mate_id, adapter_id) in zip(
            old_ends, new_ends, partners, strict=True
        ):
            if mate_id is None:
                continue
            _unmate(by_pk[old_end.pk])
            mate = ConnectorEnd.objects.get(pk=mate_id)
            new_end.refresh_from_db()
            _mate(new_end, mate, MpoAdapter.objects.get(pk=adapter_id) if adapter_id else None)
            touched += [old_end.pk, mate_id, mate_id, new_end.pk]
        _count_cycles(touched)
        Cable.objects.filter(pk=old.pk).update(status=CableStatus.RETIRED)
        return _record(
            MacAction.REPLACE,
            user,
            work_order,
            note,
            end_a=new_ends[0],
            end_b=new_ends[1],
            cable=new,
            details={"replaced": old.pk, "replaced_label": old.label, "new": new.pk},
        )


# --- helpers ----------------------------------------------------------------------------


def _full_clean(obj: Any) -> None:
    from django.core.exceptions import ValidationError

    try:
        obj.full_clean()
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise PlantError(" ".join(messages), field=None if field == "__all__" else field) from exc


def _lock(*ends: ConnectorEnd) -> list[ConnectorEnd]:
    """Lock the rows in primary-key order and return fresh copies in the order asked."""
    pks = [e.pk for e in ends]
    rows = {
        e.pk: e
        for e in ConnectorEnd.objects.select_for_update()
        .filter(pk__in=sorted(set(pks)))
        .order_by("pk")
    }
    missing = [pk for pk in pks if pk not in rows]
    if missing:
        raise PlantError(
            f"connector end {missing[0]} does not exist", field="end", code="not_found"
        )
    fresh = {pk: row for pk, row in rows.items()}
    # select_related after locking: the lock query must not join nullable relations on PostgreSQL.
    for row in ConnectorEnd.objects.select_related("connector_model", "cable").filter(pk__in=rows):
        fresh[row.pk] = row
    return [fresh[pk] for pk in pks]


def _is_plug(end: ConnectorEnd) -> bool:
    return end.cable_id is not None


def _check_can_mate(a: ConnectorEnd, b: ConnectorEnd, adapter: MpoAdapter | None) -> None:
    """Refuse matings that cannot physically be made; polarity faults are left to the engine."""
    if a.pk == b.pk:
        raise PlantError("an end cannot be mated to itself", field="end_b", code="same_end")
    for name, end in (("end_a", a), ("end_b", b)):
        if end.mate_id is not None:
            raise PlantError(
                f"{end} is already mated; disconnect or move it first",
                field=name,
                code="already_mated",
            )
        if end.cable is not None and end.cable.status == CableStatus.RETIRED:
            raise PlantError(f"{end} belongs to a retired cable", field=name, code="retired")
    a_mpo, b_mpo = a.connector_model.is_mpo, b.connector_model.is_mpo
    if a_mpo != b_mpo:
        lc = "end_a" if not a_mpo else "end_b"
        raise PlantError(
            "an LC connector cannot mate with an MPO one", field=lc, code="incompatible_family"
        )
    if not (_is_plug(a) or _is_plug(b)):
        raise PlantError(
            "two ports or module faces cannot mate: connect them with a cable",
            field="end_b",
            code="no_plug",
        )
    both_plugs = _is_plug(a) and _is_plug(b)
    if adapter is not None:
        if not a_mpo:
            raise PlantError(
                "an LC connector cannot go into an MPO adapter", field="adapter", code="lc_in_mpo"
            )
        if not both_plugs:
            raise PlantError(
                "a port or cassette rear is its own receptacle: no adapter between them",
                field="adapter",
                code="adapter_not_needed",
            )
        if ConnectorEnd.objects.filter(adapter=adapter).exists():
            raise PlantError(f"adapter {adapter} is in use", field="adapter", code="adapter_in_use")
    elif both_plugs and a_mpo:
        raise PlantError(
            "two MPO plugs meet only through an MPO adapter: name the adapter",
            field="adapter",
            code="adapter_required",
        )


def _mate(a: ConnectorEnd, b: ConnectorEnd, adapter: MpoAdapter | None) -> None:
    try:
        with transaction.atomic():
            ConnectorEnd.objects.filter(pk=a.pk).update(
                mate=b.pk, adapter=adapter, adapter_side=0 if adapter else None
            )
            ConnectorEnd.objects.filter(pk=b.pk).update(
                mate=a.pk, adapter=adapter, adapter_side=1 if adapter else None
            )
    except IntegrityError as exc:  # a concurrent MAC won the race for an end or the adapter
        raise PlantError(
            "an end or the adapter was taken by another MAC; reload and try again",
            code="conflict",
        ) from exc


def _unmate(end: ConnectorEnd) -> tuple[ConnectorEnd, MpoAdapter | None]:
    assert end.mate_id is not None
    mate = ConnectorEnd.objects.get(pk=end.mate_id)
    adapter = MpoAdapter.objects.get(pk=end.adapter_id) if end.adapter_id else None
    ConnectorEnd.objects.filter(pk__in=[end.pk, mate.pk]).update(
        mate=None, adapter=None, adapter_side=None
    )
    return mate, adapter


def _count_cycles(pks: Iterable[int]) -> None:
    """Count one mating cycle per mate or unmate on each end, in the database."""
    counts: dict[int, int] = {}
    for pk in pks:
        counts[pk] = counts.get(pk, 0) + 1
    for pk in sorted(counts):
        ConnectorEnd.objects.filter(pk=pk).update(mating_cycles=F("mating_cycles") + counts[pk])


def _record(
    action: str,
    user: UserLike,
    work_order: str,
    note: str,
    *,
    end_a: ConnectorEnd | None = None,
    end_b: ConnectorEnd | None = None,
    adapter: MpoAdapter | None = None,
    cable: Cable | None = None,
    details: dict[str, Any] | None = None,
) -> MacEvent:
    """Write the MAC event in the same transaction and queue re-validation after commit."""
    event = MacEvent.objects.create(
        action=action,
        user=user if isinstance(user, User) and user.is_authenticated else None,
        end_a=end_a,
        end_b=end_b,
        adapter=adapter,
        cable=cable if cable is not None else (end_a.cable if end_a is not None else None),
        work_order=work_order.strip(),
        note=note.strip(),
        details=details or {},
    )
    from inventory import hooks

    hooks.after_mac(event)
    return event


#: One way to run a MAC by its action name (API, UI and pre-flight all dispatch through it).
MAC_SERVICES: dict[MacAction, Callable[..., MacEvent]] = {
    MacAction.CONNECT: connect,
    MacAction.DISCONNECT: disconnect,
    MacAction.MOVE: move,
    MacAction.CHANGE_GENDER: change_gender,
    MacAction.CHANGE_POLARITY: change_polarity,
    MacAction.CLEAN_INSPECT: record_inspection,
    MacAction.REPLACE: replace_cable,
}


def perform_mac(*, action: str, **kwargs: Any) -> MacEvent:
    """Run the MAC service for ``action`` with its keyword arguments."""
    try:
        service = MAC_SERVICES[MacAction(action)]
    except ValueError as exc:
        raise PlantError(f"unknown MAC action {action!r}", field="action") from exc
    return service(**kwargs)
