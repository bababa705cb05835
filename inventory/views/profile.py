"""The user's profile: which sites' weekly digest to receive, and whether quiet weeks mail."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views import View

from inventory.models import DigestSubscription, Site
from inventory.subscriptions import digest_subscriptions_set

__all__ = ["ProfileView"]


class DigestForm(forms.Form):
    all_sites = forms.BooleanField(required=False, label="Every site")
    sites = forms.ModelMultipleChoiceField(
        queryset=Site.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    send_all_clear = forms.BooleanField(
        required=False, label="On a quiet week, send a short “all clear”"
    )


class ProfileView(LoginRequiredMixin, View):
    """Show and change the signed-in user's digest subscriptions."""

    def get(self, request: HttpRequest) -> HttpResponse:
        subs = list(DigestSubscription.objects.filter(user=request.user))  # type: ignore[misc]
        initial: dict[str, Any] = {
            "all_sites": any(s.site_id is None for s in subs),
            "sites": [s.site_id for s in subs if s.site_id is not None],
            "send_all_clear": all(s.send_all_clear for s in subs) if subs else True,
        }
        return self._render(request, DigestForm(initial=initial), subs)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = DigestForm(request.POST)
        if not form.is_valid():
            return self._render(request, form, [], status=400)
        digest_subscriptions_set(
            user=request.user,  # type: ignore[arg-type]
            sites=form.cleaned_data["sites"],
            all_sites=form.cleaned_data["all_sites"],
            send_all_clear=form.cleaned_data["send_all_clear"],
        )
        messages.success(request, "Digest subscriptions saved.")
        return redirect("profile")

    def _render(
        self, request: HttpRequest, form: DigestForm, subs: list[Any], status: int = 200
    ) -> HttpResponse:
        return render(
            request, "inventory/profile.html", {"form": form, "subs": subs}, status=status
        )
