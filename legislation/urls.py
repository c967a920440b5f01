"""Public addresses of bills and members: /bills/, /members/ and their downloads."""

from django.urls import path

from . import views

app_name = "legislation"

urlpatterns = [
    path("bills/", views.bill_list, name="bills"),
    path("bills/feed/", views.bill_feed, name="bill_feed"),
    path("bills/<int:pk>/", views.bill_detail, name="bill"),
    path(
        "bills/<int:bill_pk>/documents/<int:pk>.pdf",
        views.bill_document,
        name="bill_document",
    ),
    path("bills.csv", views.bills_csv, name="bills_csv"),
    path("bills.json", views.bills_json, name="bills_json"),
    path("members/", views.member_list, name="members"),
    path("members/<int:pk>/", views.member_detail, name="member"),
    path("members/<int:pk>/feed/", views.member_feed, name="member_feed"),
    path("members/<int:pk>/photo", views.member_photo, name="member_photo"),
    path("members.csv", views.members_csv, name="members_csv"),
    path("members.json", views.members_json, name="members_json"),
]
