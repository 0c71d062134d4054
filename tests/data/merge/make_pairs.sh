#!/bin/sh
# Rebuild the catalogue pairs in this folder from the Django and Sphinx wheels
# on PyPI. Each pair is the older release's catalogue (old.po, unchanged) and
# the newer release's template (new.pot), made from the newer release's
# catalogue of the same locale, since wheels ship no .pot files:
#   msgattrib --no-obsolete --clear-fuzzy --clear-previous   (active entries only)
#   | msgfilter --keep-header sed -e d                        (every msgstr emptied)
#   | sed: drop translator comments ("# …", "#") after the header
# so the template keeps msgctxt, msgid, msgid_plural, flags, #. and #: lines.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pip download --quiet --no-deps -d "$work" Django==4.1
pip download --quiet --no-deps -d "$work" Django==5.2
pip download --quiet --no-deps -d "$work" sphinx==5.0.0
pip download --quiet --no-deps -d "$work" sphinx==9.0.0
for wheel in "$work"/*.whl; do unzip -q -o "$wheel" '*.po' -d "$work/$(basename "$wheel" .whl)"; done
old_django=$work/Django-4.1-py3-none-any/django
new_django=$work/Django-5.2-py3-none-any/django
old_sphinx=$work/Sphinx-5.0.0-py3-none-any/sphinx/locale
new_sphinx=$work/sphinx-9.0.0-py3-none-any/sphinx/locale

template() {
  msgattrib --no-obsolete --clear-fuzzy --clear-previous "$1" \
    | msgfilter --keep-header sed -e d \
    | sed -e '1,/^msgid/b' -e '/^#$/d' -e '/^# /d' > "$2"
}

pair() {  # name old.po new.po
  mkdir -p "$here/$1"
  cp "$2" "$here/$1/old.po"
  template "$3" "$here/$1/new.pot"
}

for locale in ko zh_Hans; do
  pair "django-core-$locale" "$old_django/conf/locale/$locale/LC_MESSAGES/django.po" \
    "$new_django/conf/locale/$locale/LC_MESSAGES/django.po"
  for part in admin/django admin/djangojs auth/django; do
    app=${part%/*}
    domain=${part#*/}
    name=$app$( [ "$domain" = djangojs ] && echo js || true )
    pair "django-$name-$locale" "$old_django/contrib/$app/locale/$locale/LC_MESSAGES/$domain.po" \
      "$new_django/contrib/$app/locale/$locale/LC_MESSAGES/$domain.po"
  done
done
for locale in ko zh_CN; do
  pair "sphinx-$locale" "$old_sphinx/$locale/LC_MESSAGES/sphinx.po" \
    "$new_sphinx/$locale/LC_MESSAGES/sphinx.po"
done
unzip -p "$work/Django-5.2-py3-none-any.whl" Django-5.2.dist-info/LICENSE > "$here/LICENSE.django"
unzip -p "$work/sphinx-9.0.0-py3-none-any.whl" sphinx-9.0.0.dist-info/licenses/LICENSE.rst \
  > "$here/LICENSE.sphinx"
