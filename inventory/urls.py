"""Technician UI routes."""

from django.contrib.auth import views as auth_views
from django.urls import path

from inventory import views

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("sites/", views.SiteListView.as_view(), name="site_list"),
    path("racks/", views.RackListView.as_view(), name="rack_list"),
    path("panels/", views.PanelListView.as_view(), name="panel_list"),
    path("cables/", views.CableListView.as_view(), name="cable_list"),
    path("cables/<int:pk>/", views.CableDetailView.as_view(), name="cable_detail"),
    path("cassettes/", views.CassetteListView.as_view(), name="cassette_list"),
    path("channels/", views.ChannelListView.as_view(), name="channel_list"),
    path("channels/<int:pk>/", views.ChannelDetailView.as_view(), name="channel_detail"),
    path("connectors/<int:pk>/", views.ConnectorDetailView.as_view(), name="connector_detail"),
    path("macs/", views.MacListView.as_view(), name="mac_list"),
    path("macs/new/", views.MacCreateView.as_view(), name="mac_new"),
    path("macs/preflight/", views.MacPreflightView.as_view(), name="mac_preflight"),
    path("macs/<int:pk>/", views.MacDetailView.as_view(), name="mac_detail"),
    path("options/<slug:kind>/", views.OptionsView.as_view(), name="options"),
    path("planner/", views.PlannerView.as_view(), name="planner"),
    path("planner/check/", views.PlannerCheckView.as_view(), name="planner_check"),
    path("planner/add/", views.PlannerAddView.as_view(), name="planner_add"),
    path("planner/remove/", views.PlannerRemoveView.as_view(), name="planner_remove"),
    path("planner/download/", views.PlannerDownloadView.as_view(), name="planner_download"),
]
