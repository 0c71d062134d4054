"""The pipeline's stages, each a function from data to data.

    documents ──templates──▶ .pot ──update──▶ .po ──memory──▶ ──machine──▶ ──compile──▶ .mo/.json
                                                                        └──build──▶ build/<locale>/…

- `templates`: a source document (read and segmented) → its template.
- `update`: a template and the catalogue on disk → the merged catalogue (msgmerge's rules).
- `memory`: a locale's catalogues → the same with what the translation memory
  knows filled in; Traditional Chinese from reviewed Simplified text.
- `machine`: a locale's catalogues → what MT must translate; a translator →
  the translations, batch by batch.
- `compile`: a catalogue → the bytes of its `.mo` or JSON file.
- `build`: a document and its catalogue → the bytes of the rebuilt document.

No stage reads, writes or locks anything: `locpipe.pipeline`, the run driver,
reads the inputs, calls the stages and writes what they return. Stages import
the layout (`locpipe.layout`) and the core modules, never the driver.
"""
