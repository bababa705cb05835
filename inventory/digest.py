"""The weekly digest: build it per subscribed user, send it exactly once per user and week.

Exactly once, even when the task is retried or a worker dies mid-run:

1. a ``DigestDelivery`` row for (recipient, week) is inserted under its unique
   constraint and committed, with what is about to be sent (before sending);
2. the row is locked (``SELECT … FOR UPDATE SKIP LOCKED``) while the mail goes out and is
   marked ``sent`` in the same transaction (after sending). A second run finds it sent,
   or locked by the run that is sending, and sends nothing; a worker that dies
   mid-send releases the lock with its connection and the redelivered task sends.

The one window left — the SMTP server accepted the mail and the worker died before the
commit — is narrowed by a stable Message-ID (``digest-<user>-<week>@…``) that mail
systems can de-duplicate on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from inventory.choices import ChannelStatus
from inventory.fixes import Figure, Fix, alert_fixes, channel_fixes, reorder_figures
from inventory.models import (
    AlertLevel,
    Channel,
    DigestDelivery,
    DigestSubscription,
    MacEvent,
    Site,
    WearAlert,
)
from inventory.wear import Forecast, forecasts_for_ends, open_alerts

__all__ = [
    "Digest",
    "build_digest",
    "digest_week",
    "recipients",
    "render_digest",
    "send_digest",
]

#: Rows listed per section; the rest are counted and linked.
MAX_ITEMS = 25


def digest_week(now: datetime | None = None) -> date:
    """The Monday of the (local) ISO week ``now`` falls in: the digest's once-only key."""
    today = timezone.localdate(now or timezone.now())
    return today - timedelta(days=today.weekday())


def _site_of(prefix: str) -> Coalesce:
    """Where an end is: its port's, cassette's or adapter's site, else its mate's."""
    paths = [
        "port__device__rack__room__site",
        "cassette__panel__rack__room__site",
        "adapter__panel__rack__room__site",
        "mate__port__device__rack__room__site",
        "mate__cassette__panel__rack__room__site",
    ]
    return Coalesce(*[F(f"{prefix}{p}") for p in paths])


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _link(name: str, *args: Any) -> str:
    base = settings.FIBERTRACE_BASE_URL.rstrip("/")
    try:
        return base + reverse(name, args=args)
    except NoReverseMatch:  # the UI route is gone: link the home page rather than break mail
        return base + "/"


@dataclass
class AlertItem:
    alert: WearAlert
    forecast: Forecast | None
    fixes: list[Fix]
    url: str
    is_new: bool


@dataclass
class ChannelItem:
    channel: Channel
    fixes: list[Fix]
    url: str


@dataclass
class Digest:
    """Everything one user's email says, computed once and rendered twice (text and HTML)."""

    user: User
    week: date
    since: datetime
    until: datetime
    sites: list[str]
    send_all_clear: bool
    alerts: list[AlertItem] = field(default_factory=list)
    alerts_total: int = 0
    new_alerts_total: int = 0
    channels: list[ChannelItem] = field(default_factory=list)
    channels_total: int = 0
    macs: list[MacEvent] = field(default_factory=list)
    macs_total: int = 0
    links: dict[str, str] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not (self.alerts_total or self.channels_total or self.macs_total)

    @property
    def subject(self) -> str:
        if self.is_empty:
            return f"Fibertrace week of {self.week:%d %b %Y}: all clear"
        return (
            f"Fibertrace week of {self.week:%d %b %Y}: {_n(self.alerts_total, 'wear alert')} "
            f"({self.new_alerts_total} new), {_n(self.channels_total, 'failing channel')}, "
            f"{_n(self.macs_total, 'MAC')}"
        )

    def summary(self) -> dict[str, Any]:
        return {
            "alerts": self.alerts_total,
            "new_alerts": self.new_alerts_total,
            "failing_channels": self.channels_total,
            "macs": self.macs_total,
            "sites": self.sites,
            "alert_ids": [item.alert.pk for item in self.alerts],
            "channel_ids": [item.channel.pk for item in self.channels],
        }


def _scope(qs: QuerySet[Any], site_field: str, site_ids: set[int] | None) -> QuerySet[Any]:
    return qs if site_ids is None else qs.filter(**{f"{site_field}__in": site_ids})


def _one_per_end(alerts: list[WearAlert]) -> list[WearAlert]:
    """Keep the most severe open alert of each end (a critical end also has its warning)."""
    best: dict[int, WearAlert] = {}
    for alert in alerts:
        kept = best.get(alert.end_id)
        if kept is None or alert.level == AlertLevel.CRITICAL:
            best[alert.end_id] = alert
    return sorted(best.values(), key=lambda a: (a.level != AlertLevel.CRITICAL, -a.pk))


def build_digest(*, user: User, now: datetime | None = None) -> Digest | None:
    """Gather the week for ``user``'s subscribed sites; None if they subscribe to nothing."""
    now = now or timezone.now()
    subs = list(DigestSubscription.objects.filter(user=user, active=True).select_related("site"))
    if not subs:
        return None
    site_ids: set[int] | None = (
        None if any(s.site_id is None for s in subs) else {s.site_id for s in subs if s.site_id}
    )
    sites = (
        ["all sites"]
        if site_ids is None
        else list(Site.objects.filter(pk__in=site_ids).values_list("name", flat=True))
    )
    since = now - timedelta(days=7)
    digest = Digest(
        user=user,
        week=digest_week(now),
        since=since,
        until=now,
        sites=sites,
        send_all_clear=any(s.send_all_clear for s in subs),
        links={
            "home": _link("dashboard"),
            "channels": _link("channel_list"),
            "macs": _link("mac_list"),
        },
    )
    figures = reorder_figures()
    _add_alerts(digest, site_ids, since, now, figures)
    _add_channels(digest, site_ids, since, figures)
    _add_macs(digest, site_ids, since)
    return digest


def _add_alerts(
    digest: Digest,
    site_ids: set[int] | None,
    since: datetime,
    now: datetime,
    figures: dict[str, Figure],
) -> None:
    alerts_qs = _scope(open_alerts().annotate(site=_site_of("end__")), "site", site_ids)
    alerts = _one_per_end(list(alerts_qs))
    digest.alerts_total = len(alerts)
    digest.new_alerts_total = sum(1 for a in alerts if a.opened_at >= since)
    shown = alerts[:MAX_ITEMS]
    forecasts = forecasts_for_ends([a.end_id for a in shown], now=now)
    digest.alerts = [
        AlertItem(
            alert=a,
            forecast=forecasts.get(a.end_id),
            fixes=alert_fixes(a, figures),
            url=_link("connector_detail", a.end_id),
            is_new=a.opened_at >= since,
        )
        for a in shown
    ]


def _add_channels(
    digest: Digest, site_ids: set[int] | None, since: datetime, figures: dict[str, Figure]
) -> None:
    failing = _scope(
        Channel.objects.filter(
            status__in=[ChannelStatus.FAILING, ChannelStatus.INVALID], validated_at__gte=since
        ).order_by("name"),
        "a_port__device__rack__room__site",
        site_ids,
    )
    digest.channels_total = failing.count()
    digest.channels = [
        ChannelItem(channel=c, fixes=channel_fixes(c, figures), url=_link("channel_detail", c.pk))
        for c in failing[:MAX_ITEMS]
    ]


def _add_macs(digest: Digest, site_ids: set[int] | None, since: datetime) -> None:
    macs = MacEvent.objects.filter(created_at__gte=since).select_related("user", "end_a", "end_b")
    if site_ids is not None:
        macs = macs.annotate(site=_site_of("end_a__")).filter(Q(site__in=site_ids))
    digest.macs_total = macs.count()
    digest.macs = list(macs[:MAX_ITEMS])
    for event in digest.macs:
        event.url = _link("mac_detail", event.pk)  # type: ignore[attr-defined]


def render_digest(digest: Digest) -> tuple[str, str, str]:
    """Return (subject, plain text, HTML) from the two templates of ``templates/emails``."""
    context = {"digest": digest, "base_url": settings.FIBERTRACE_BASE_URL.rstrip("/")}
    text = render_to_string("emails/weekly_digest.txt", context)
    html = render_to_string("emails/weekly_digest.html", context)
    return digest.subject, text, html


def _message_id(user_id: int, week: date) -> str:
    host = urlsplit(settings.FIBERTRACE_BASE_URL).hostname or "fibertrace.local"
    return f"<digest-{user_id}-{week:%Y%m%d}@{host}>"


def recipients() -> list[int]:
    """Users with an active subscription and an email address, in id order."""
    return list(
        User.objects.filter(is_active=True, digest_subscriptions__active=True)
        .exclude(email="")
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()
    )


def send_digest(*, user_id: int, now: datetime | None = None, dry_run: bool = False) -> str:
    """Send ``user_id`` this week's digest unless it went already; return what happened.

    Outcomes: ``sent``, ``already_sent``, ``in_progress`` (another worker holds the row),
    ``nothing`` (quiet week, user wants no all-clear), ``not_subscribed``, ``no_email``,
    ``would_send`` (dry run: nothing written, nothing sent).
    """
    now = now or timezone.now()
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return "not_subscribed"
    if not user.email:
        return "no_email"
    week = digest_week(now)
    if DigestDelivery.objects.filter(
        recipient_id=user_id,
        week=week,
        status__in=[DigestDelivery.Status.SENT, DigestDelivery.Status.SKIPPED],
    ).exists():
        return "already_sent"
    digest = build_digest(user=user, now=now)
    if digest is None:
        return "not_subscribed"
    quiet = digest.is_empty and not digest.send_all_clear
    if dry_run:
        return "nothing" if quiet else "would_send"
    subject, text, html = render_digest(digest)
    delivery = _claim(user_id, week, subject, digest.summary())
    with transaction.atomic():
        row = (
            DigestDelivery.objects.select_for_update(skip_locked=True)
            .filter(pk=delivery.pk, status=DigestDelivery.Status.PENDING)
            .first()
        )
        if row is None:
            status = DigestDelivery.objects.values_list("status", flat=True).get(pk=delivery.pk)
            return "in_progress" if status == DigestDelivery.Status.PENDING else "already_sent"
        row.attempts += 1
        if quiet:
            row.status = DigestDelivery.Status.SKIPPED
            row.save(update_fields=["status", "attempts"])
            return "nothing"
        message = EmailMultiAlternatives(
            subject=subject,
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[user.email],
            headers={"Message-ID": _message_id(user_id, week)},
        )
        message.attach_alternative(html, "text/html")
        message.send(fail_silently=False)  # raises → rollback → row stays pending → retry
        row.status = DigestDelivery.Status.SENT
        row.sent_at = timezone.now()
        row.message_id = _message_id(user_id, week)
        row.save(update_fields=["status", "sent_at", "message_id", "attempts"])
    return "sent"


def _claim(user_id: int, week: date, subject: str, summary: dict[str, Any]) -> DigestDelivery:
    """Insert (or find) the pending row and commit it before anything is sent."""
    try:
        with transaction.atomic():
            return DigestDelivery.objects.create(
                recipient_id=user_id, week=week, subject=subject, summary=summary
            )
    except IntegrityError:
        return DigestDelivery.objects.get(recipient_id=user_id, week=week)
