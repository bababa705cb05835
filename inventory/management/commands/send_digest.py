"""``manage.py send_digest``: send (or with ``--dry-run`` print) this week's digests."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser

from inventory.digest import build_digest, recipients, render_digest, send_digest


class Command(BaseCommand):
    help = (
        "Send this week's digest to every subscribed user (each at most once a week); "
        "--dry-run prints what would be sent and writes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="print, do not send")
        parser.add_argument("--user", help="only this username")
        parser.add_argument("--html", action="store_true", help="also print the HTML")

    def handle(self, *args: Any, **options: Any) -> None:
        user_ids = recipients()
        if options["user"]:
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"no user {options['user']!r}")
            user_ids = [user.pk] if user.pk in user_ids else []
        if not user_ids:
            self.stdout.write("No subscribed users with an email address.")
            return
        for user_id in user_ids:
            if options["dry_run"]:
                self._print(user_id, html=options["html"])
            else:
                outcome = send_digest(user_id=user_id)
                self.stdout.write(f"{User.objects.get(pk=user_id).email}: {outcome}")

    def _print(self, user_id: int, *, html: bool) -> None:
        user = User.objects.get(pk=user_id)
        outcome = send_digest(user_id=user_id, dry_run=True)
        digest = build_digest(user=user)
        self.stdout.write(f"=== To: {user.email} ({outcome}) ===")
        if digest is None or outcome not in ("would_send",):
            self.stdout.write("(nothing would be sent)\n")
            return
        subject, text, html_body = render_digest(digest)
        self.stdout.write(f"Subject: {subject}\n\n{text}")
        if html:
            self.stdout.write(html_body)
