"""A small project ready for review, with hand-written ko and zh_CN translations.

The catalogues look as `locpipe translate` leaves them (machine entries with
`# mt:` comments and scores), but the translations are written by hand, so
the review page shows real Korean and Chinese (screenshots, the manual)
rather than the test models' gibberish. One entry was accepted and its
source then edited, so it waits as fuzzy with its `#|` previous source; one
translation drops a number (a QA error); a glossary names three terms.

`python -m tests.support.review_project DIR` makes the project in DIR.
"""

from __future__ import annotations

import sys
from pathlib import Path

from locpipe import catalog, pipeline
from locpipe.config import Config, load_config
from locpipe.formats.pofile import read_po, write_po
from locpipe.model import Catalog

DOCUMENT = """\
# Sharing a workspace

Open the settings page and choose a workspace.
You can invite up to 5 people to each workspace.
Invited members receive an email with a link that expires after 7 days.

Only owners can delete a workspace.
To change a member's role, select the member and click **Edit role**.

## Backups

Backups run every night at 2:00 UTC.
Restoring a backup replaces all files in the workspace.
Contact support if a backup fails twice in a row.
"""

#: The sentence edited after its translation was accepted, and its new text.
EDITED = ("Only owners can delete a workspace.", "Only owners and admins can delete a workspace.")

#: The engine's score per sentence (mean log-probability: 0 is sure).
SCORES = {
    "Sharing a workspace": -0.31,
    "Open the settings page and choose a workspace.": -0.42,
    "You can invite up to 5 people to each workspace.": -0.77,
    "Invited members receive an email with a link that expires after 7 days.": -1.84,
    "Only owners can delete a workspace.": -0.38,
    "To change a member's role, select the member and click **Edit role**.": -1.21,
    "Backups": -0.12,
    "Backups run every night at 2:00 UTC.": -0.95,
    "Restoring a backup replaces all files in the workspace.": -1.47,
    "Contact support if a backup fails twice in a row.": -0.66,
}

TRANSLATIONS = {
    "ko": {
        "Sharing a workspace": "작업 공간 공유",
        "Open the settings page and choose a workspace.": (
            "설정 페이지를 열고 작업 공간을 선택하세요."
        ),
        "You can invite up to 5 people to each workspace.": (
            "작업 공간마다 최대 5명을 초대할 수 있습니다."
        ),
        # The number of days is lost: a QA error for the reviewer.
        "Invited members receive an email with a link that expires after 7 days.": (
            "초대된 멤버는 며칠 후 만료되는 링크가 담긴 이메일을 받습니다."
        ),
        "Only owners can delete a workspace.": "소유자만 작업 공간을 삭제할 수 있습니다.",
        "To change a member's role, select the member and click **Edit role**.": (
            "멤버의 역할을 바꾸려면 멤버를 선택하고 **역할 편집**을 클릭하세요."
        ),
        "Backups": "백업",
        "Backups run every night at 2:00 UTC.": "백업은 매일 밤 UTC 2:00에 실행됩니다.",
        "Restoring a backup replaces all files in the workspace.": (
            "백업을 복원하면 작업 공간의 모든 파일이 바뀝니다."
        ),
        "Contact support if a backup fails twice in a row.": (
            "백업이 두 번 연속 실패하면 지원팀에 문의하세요."
        ),
    },
    "zh_CN": {
        "Sharing a workspace": "共享工作区",
        "Open the settings page and choose a workspace.": "打开设置页面并选择一个工作区。",
        "You can invite up to 5 people to each workspace.": "每个工作区最多可以邀请 5 人。",
        "Invited members receive an email with a link that expires after 7 days.": (
            "受邀成员会收到一封电子邮件，其中的链接几天后失效。"
        ),
        "Only owners can delete a workspace.": "只有所有者才能删除工作区。",
        "To change a member's role, select the member and click **Edit role**.": (
            "要更改成员的角色，请选择该成员并点击 **编辑角色**。"
        ),
        "Backups": "备份",
        "Backups run every night at 2:00 UTC.": "备份在每晚 UTC 2:00 运行。",
        "Restoring a backup replaces all files in the workspace.": (
            "恢复备份会替换工作区中的所有文件。"
        ),
        "Contact support if a backup fails twice in a row.": (
            "如果备份连续两次失败，请联系支持人员。"
        ),
    },
}

GLOSSARIES = {
    "ko": "source,target,note\nworkspace,작업 공간,\nbackup,백업,\nsupport,지원팀,the team\n",
    "zh_CN": "source,target,note\nworkspace,工作区,\nbackup,备份,\nsupport,支持人员,the team\n",
}

ENGINES = {"ko": "argos translate-en_ko 1.1", "zh_CN": "argos translate-en_zh 1.9"}


def make(root: Path) -> Config:
    """Write the project under `root` (created) and return its configuration."""
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "terms").mkdir(exist_ok=True)
    (root / "locpipe.toml").write_text(
        'project = "workspace-docs"\n'
        'locales = ["ko", "zh_CN"]\n'
        'sources = ["content/*.md"]\n'
        'glossary = {ko = "terms/ko.csv", zh_CN = "terms/zh_CN.csv"}\n',
        encoding="utf-8",
    )
    for locale, text in GLOSSARIES.items():
        (root / "terms" / f"{locale}.csv").write_text(text, encoding="utf-8")
    document = root / "content" / "sharing.md"
    document.write_text(DOCUMENT, encoding="utf-8")
    config = load_config(root)
    pipeline.translate(config, None, stop_after="update")
    paths = pipeline.Paths.of(config)
    for locale, translations in TRANSLATIONS.items():
        path = paths.catalog(locale, "sharing")
        filled, _ = catalog.apply_machine(
            read_po(path), translations, ENGINES[locale], scores=SCORES
        )
        messages = tuple(catalog.accept(m) if m.msgid == EDITED[0] else m for m in filled.messages)
        write_po(path, Catalog(filled.header, messages))
    document.write_text(DOCUMENT.replace(*EDITED), encoding="utf-8")
    pipeline.translate(config, None, stop_after="update")
    return config


if __name__ == "__main__":
    make(Path(sys.argv[1]))
