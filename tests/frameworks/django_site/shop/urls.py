from django.urls import path
from django.views.i18n import JavaScriptCatalog

from shop import views

urlpatterns = [
    path("", views.index),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
]
