from django.urls import path

from budgeting.transparency import views

app_name = "transparency"

urlpatterns = [
    path("", views.TransparencyView.as_view(), name="index"),
    path("360giving.json", views.open_data_json, name="json"),
    path("360giving.csv", views.open_data_csv, name="csv"),
]
