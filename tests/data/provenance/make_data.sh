#!/bin/sh
# Rebuild the vendored catalogues of this folder from the PyPI wheels.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
pip download --no-deps --only-binary :all: wtforms==3.3.2 horizon==27.0.0 -d "$work"
cd "$work" && for w in *.whl; do unzip -q -o "$w"; done
cp wtforms/locale/wtforms.pot "$here/wtforms.pot"
cp wtforms/locale/ko/LC_MESSAGES/wtforms.po "$here/wtforms-ko.po"
cp wtforms/locale/zh/LC_MESSAGES/wtforms.po "$here/wtforms-zh.po"
cp wtforms-3.3.2.dist-info/licenses/LICENSE.rst "$here/LICENSE.wtforms"
cp horizon-27.0.0.dist-info/licenses/LICENSE "$here/LICENSE.horizon"
python - "$here" <<'PY'
import sys
from pathlib import Path
from locpipe.formats.pofile import read_po, write_po
from locpipe.model import Catalog
cat = read_po(Path("openstack_dashboard/locale/ko_KR/LC_MESSAGES/django.po"))
edged = tuple(
    m for m in cat.active()
    if m.msgid and m.msgid.strip() != m.msgid and m.translated and not m.fuzzy
)
write_po(Path(sys.argv[1]) / "horizon-edged-ko_KR.po", Catalog(cat.header, edged))
PY
rm -rf "$work"
