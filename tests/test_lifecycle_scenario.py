"""Issue 4 end to end through the real CLI: translate, review, change the
source, re-run; every catalogue stays byte-identical to what msgcat writes."""

from __future__ import annotations

import subprocess
from pathlib import Path

from locpipe.catalog import State, state
from locpipe.formats.pofile import read_po, write_po
from locpipe.model import Catalog, Message
from tests.conftest import SAMPLE, Project

DOMAIN = SAMPLE.stem
EDITED = (
    "Xi Jinping noted that stable relations between the two countries "
    "contribute to regional and global peace."
)
CLEARED = (
    "For many countries in the Asia-Pacific region, including South Korea, "
    "China is a critical economic partner."
)
CHANGED = "Both sides agreed to strengthen exchanges to foster strategic mutual trust."
CHANGED_TO = "Both sides agreed to deepen exchanges to build strategic mutual trust."
DELETED = "China’s economic growth and industrial power strengthen regional supply chains."
ADDED = "The two presidents plan to meet in person at the summit in November."
REVIEW = {
    "ko": {
        EDITED: "시진핑 주석은 양국 간의 안정적인 관계가 지역과 세계의 평화에 기여한다고 "
        "언급했으며, 이는 양국 정상이 전략적 협력을 심화하려는 의지를 보여 준다.",
        CHANGED: "양측은 전략적 상호 신뢰를 증진하기 위해 교류를 강화하기로 합의했다.",
        DELETED: "중국의 경제 성장과 산업력은 지역 공급망을 강화한다.",
    },
    "zh_CN": {
        EDITED: "习近平指出，两国关系稳定发展有利于地区乃至世界的和平与繁荣，"
        "这也表明两国领导人希望深化战略合作、共同应对挑战。",
        CHANGED: "双方同意加强交流，增进战略互信。",
        DELETED: "中国的经济增长和工业实力增强了地区供应链。",
    },
}


def assert_msgcat_identity(path: Path) -> None:
    """`msgcat FILE` writes exactly the bytes of FILE."""
    done = subprocess.run(["msgcat", str(path)], capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == path.read_bytes(), f"msgcat would rewrite {path}"


def catalogues(project: Project) -> list[Path]:
    return sorted(project.locales.rglob("*.po")) + sorted(project.locales.rglob("*.pot"))


def po(project: Project, locale: str) -> Path:
    return project.locales / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def entries(project: Project, locale: str) -> dict[str, Message]:
    return {m.msgid: m for m in read_po(po(project, locale)).messages}


def review(project: Project, locale: str) -> None:
    """What a reviewer does in a PO editor: rewrite some machine translations
    (clearing fuzzy), and accept one as it is (clearing fuzzy only)."""
    path = po(project, locale)
    cat = read_po(path)
    texts = REVIEW[locale]
    messages = []
    for m in cat.messages:
        if m.msgid in texts:
            m = m.replace(msgstr=texts[m.msgid], flags=())
        elif m.msgid == CLEARED:
            m = m.replace(flags=())
        messages.append(m)
    write_po(path, Catalog(cat.header, tuple(messages)))


def edit_source(project: Project, old: str, new: str) -> None:
    source = project.root / "content" / SAMPLE.name
    text = source.read_text(encoding="utf-8")
    assert text.count(old) == 1
    source.write_text(text.replace(old, new), encoding="utf-8")


def test_review_survives_source_changes_and_files_stay_msgcat_identical(
    project_with_models: Project,
) -> None:
    project = project_with_models
    project.run("translate", check=True)
    for path in catalogues(project):
        assert_msgcat_identity(path)
    machine = {loc: entries(project, loc) for loc in REVIEW}
    for locale in REVIEW:
        review(project, locale)
        assert_msgcat_identity(po(project, locale))

    edit_source(project, CHANGED, CHANGED_TO)
    edit_source(project, f" {DELETED}", "")
    edit_source(project, "supply chains.\n", f"supply chains. {ADDED}\n")
    project.run("translate", check=True)

    for locale, texts in REVIEW.items():
        found = entries(project, locale)
        for msgid in (EDITED, CLEARED):
            entry = found[msgid]
            expected = texts.get(msgid, machine[locale][msgid].msgstr)
            assert entry.msgstr.encode() == expected.encode()
            assert state(entry) is State.REVIEWED and not entry.obsolete
        changed = found[CHANGED_TO]
        assert changed.fuzzy and state(changed) is State.FUZZY
        assert changed.previous_msgid == CHANGED
        assert changed.msgstr == texts[CHANGED]
        assert CHANGED not in found, "the old entry was carried over, not kept twice"
        deleted = found[DELETED]
        assert deleted.obsolete and deleted.msgstr == texts[DELETED]
        assert state(found[ADDED]) is State.MACHINE
        text = po(project, locale).read_text(encoding="utf-8")
        assert "\n#~ msgid " in text and "\n#~ msgstr " in text
        assert "#| msgid " in text
        assert f'msgstr "{texts[EDITED]}"' not in text, "the long CJK line is wrapped"
    for path in catalogues(project):
        assert_msgcat_identity(path)

    edit_source(project, f"supply chains. {ADDED}", f"supply chains. {DELETED} {ADDED}")
    project.run("translate", check=True)
    for locale, texts in REVIEW.items():
        back = entries(project, locale)[DELETED]
        assert not back.obsolete and back.msgstr == texts[DELETED]
        assert state(back) is State.REVIEWED
        assert back.references, "it is placed in the document again"
    for path in catalogues(project):
        assert_msgcat_identity(path)
