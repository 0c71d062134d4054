"""Ask the site for its pages with Django's test client, once per
Accept-Language given on the command line; print what came back as JSON."""

import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_settings")

import django

django.setup()

from django.test import Client  # noqa: E402

client = Client()
pages = {}
for language in sys.argv[1:]:
    page = client.get("/?n=3", HTTP_ACCEPT_LANGUAGE=language)
    catalog = client.get("/jsi18n/", HTTP_ACCEPT_LANGUAGE=language)
    pages[language] = {
        "status": [page.status_code, catalog.status_code],
        "language": page.headers.get("Content-Language"),
        "html": page.content.decode(),
        "js": catalog.content.decode(),
    }
print(json.dumps(pages))
