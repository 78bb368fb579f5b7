from __future__ import annotations

from django.urls import path

from orderkit import views

app_name = "orderkit"

urlpatterns = [
    path("<str:model>/reorder/", views.ReorderView.as_view(), name="reorder"),
    path("<str:model>/<str:pk>/toggle/<str:field>/", views.ToggleView.as_view(), name="toggle"),
    path("<str:model>/<str:pk>/detach/<str:relation>/", views.DetachView.as_view(), name="detach"),
    path("<str:model>/<str:pk>/attach/<str:relation>/", views.AttachView.as_view(), name="attach"),
    path("<str:model>/<str:pk>/edit/<str:field>/", views.EditView.as_view(), name="edit"),
]
