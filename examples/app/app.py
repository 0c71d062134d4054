"""A small app localised with locpipe: plurals, context and several placeholder styles.

Run it in a locale with `LANG=ko_KR.UTF-8 python app.py`, or name the locale:
`python app.py zh_CN`. Messages come from locales/<locale>/LC_MESSAGES/messages.mo;
anything untranslated falls back to English.
"""

from __future__ import annotations

import gettext
import sys
from pathlib import Path

LOCALES = Path(__file__).resolve().parent / "locales"


def load(language: str | None) -> gettext.NullTranslations:
    """The app's translations for `language` (None: from LANG/LANGUAGE)."""
    languages = [language] if language else None
    return gettext.translation("messages", LOCALES, languages, fallback=True)


def report(t: gettext.NullTranslations, user: str, files: int, size_mb: float) -> list[str]:
    """The lines the app prints."""
    _, ngettext, pgettext = t.gettext, t.ngettext, t.pgettext
    return [
        _("Welcome back, %(user)s!") % {"user": user},
        ngettext("%(count)d file was synchronised.", "%(count)d files were synchronised.", files)
        % {"count": files},
        _("Used {used:.1f} MB of {total} MB.").format(used=size_mb, total=500),
        _("Last sync: %s") % "2026-11-28 15:00",
        pgettext("menu", "Open"),
        pgettext("door", "Open"),
        _("Read the <a href=\"https://example.com/help\">help pages</a> for more."),
    ]


def main(argv: list[str]) -> int:
    t = load(argv[1] if len(argv) > 1 else None)
    for line in report(t, "Mina", 3, 12.5):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
