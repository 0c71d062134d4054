"""`locpipe review --serve`: review machine translations in a browser, offline.

- `view`: what the page shows of a catalogue (entries worst first, context,
  diff of the previous source, glossary terms, QA findings). Pure.
- `decisions`: accept / edit / reject applied through the entry lifecycle. Pure.
- `store`: the catalogue read with its version, and a save that refuses a
  file changed on disk since, under the run lock, by the msgcat-identical writer.
- `session`: one project under review; what each request of the page gets.
- `server`: the HTTP server (standard library, 127.0.0.1, a token per session).
- `static/`: the page itself (HTML, one script, one style sheet; no build step).
"""
