"""Ask the app for its page with Flask's test client, once per
Accept-Language (or ?lang=) given on the command line; print JSON."""

import json
import sys

from app import app

client = app.test_client()
pages = {}
for asked in sys.argv[1:]:
    if asked.startswith("lang="):
        page = client.get(f"/?n=2&{asked}")
    else:
        page = client.get("/?n=2", headers={"Accept-Language": asked})
    pages[asked] = {"status": page.status_code, "html": page.get_data(as_text=True)}
print(json.dumps(pages))
