# A small Sphinx project with nested reST and MyST documents, translated by
# locpipe: `sphinx-build -b gettext` writes one template per document under
# _build/gettext (gettext_compact = False), locpipe fills ../locales, and
# `sphinx-build -D language=ko` reads the .mo files locpipe compiled.
project = "Widgets"
extensions = ["myst_parser"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]
locale_dirs = ["../locales/"]
gettext_compact = False
# locpipe compiles the .mo files (machine entries included by its policy);
# Sphinx must not rebuild them from the .po files with its own rules.
gettext_auto_build = False
rst_epilog = ".. |product| replace:: Widgets"
myst_enable_extensions = ["substitution"]
myst_substitutions = {"version": "2.1"}
html_theme = "basic"
