"""A link checker and block counter for built MkDocs sites.

`python -m tests.support.site_check site site/ko site/zh_CN` prints, per
locale, the English links that do not resolve there, the locale's own links
that do not resolve, and the counts of admonitions, tabs, code blocks and API
blocks next to the English ones.
"""

from __future__ import annotations

import posixpath
import sys
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

#: What each block kind is, by the classes Material and mkdocstrings give it.
BLOCKS = {
    "admonition": lambda tag, classes: tag == "div" and "admonition" in classes,
    "details": lambda tag, classes: tag == "details",
    "tab set": lambda tag, classes: "tabbed-set" in classes,
    "code block": lambda tag, classes: tag == "pre",
    "api object": lambda tag, classes: "doc-object" in classes,
}


@dataclass
class Page:
    """What one HTML page holds: its ids, its links and its blocks."""

    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    blocks: Counter[str] = field(default_factory=Counter)
    tabs: int = 0


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._in_tabs = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        for key in ("id", "name"):
            if values.get(key) and (key == "id" or tag == "a"):
                self.page.ids.add(values[key])
        if tag == "a" and "href" in values:
            self.page.links.append(values["href"])
        if tag == "img" and "src" in values:
            self.page.links.append(values["src"])
        classes = set(values.get("class", "").split())
        for kind, test in BLOCKS.items():
            if test(tag, classes):
                self.page.blocks[kind] += 1
        if tag == "div" and "tabbed-labels" in classes:
            self._in_tabs += 1
        if tag == "label" and self._in_tabs:
            self.page.tabs += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._in_tabs:
            self._in_tabs = 0  # labels hold no divs: the first closing div ends them


def read_site(root: Path) -> dict[str, Page]:
    """Every HTML page of a built site, by its path relative to `root`,
    without the locale sites built inside it (`site/ko/…`)."""
    pages: dict[str, Page] = {}
    nested = {p.parent for p in root.glob("*/sitemap.xml")} | {
        p.parent for p in root.glob("*/search/search_index.json") if p.parent.parent != root
    }
    for path in sorted(root.rglob("*.html")):
        if any(path.is_relative_to(n) for n in nested if n != root):
            continue
        text = path.read_text(encoding="utf-8")
        if '<meta name="generator" content="mkdocs-' not in text:
            continue  # a file docs_dir holds (theme overrides), not a page
        parser = _Parser()
        parser.feed(text)
        pages[path.relative_to(root).as_posix()] = parser.page
    return pages


def _target(page: str, link: str) -> tuple[str, str] | None:
    """(page path, fragment) that an internal link of `page` points to, or
    None for an external one."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:")):
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        return None  # site-absolute (site_url): not relative to this copy
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
    return target, unquote(parts.fragment)


def _resolves(pages: dict[str, Page], root: Path, target: str, fragment: str) -> bool:
    candidates = [target, posixpath.join(target, "index.html")]
    for name in candidates:
        name = name.removeprefix("./")
        if name in pages:
            return not fragment or fragment in pages[name].ids
        if (root / name).is_file() and not fragment:
            return True
    return False


def broken(pages: dict[str, Page], root: Path, links_of: dict[str, Page]) -> list[str]:
    """The links of `links_of` (a site's pages) that do not resolve in
    `pages` (built at `root`): `page: link` each."""
    bad = []
    for name, page in links_of.items():
        for link in page.links:
            target = _target(name, link)
            if target is not None and not _resolves(pages, root, *target):
                bad.append(f"{name}: {link}")
    return bad


def totals(pages: dict[str, Page]) -> Counter[str]:
    """Block counts over a whole site, tab labels included."""
    found: Counter[str] = Counter()
    for page in pages.values():
        found.update(page.blocks)
        found["tab"] += page.tabs
    return +found


def main(argv: list[str]) -> int:
    english_root = Path(argv[0])
    english = read_site(english_root)
    print(f"{english_root}: {len(english)} pages, {dict(totals(english))}")
    failures = 0
    for other in argv[1:]:
        root = Path(other)
        pages = read_site(root)
        from_english = broken(pages, root, english)
        own = broken(pages, root, pages)
        print(
            f"{root}: {len(pages)} pages, {dict(totals(pages))}; "
            f"English links broken here: {len(from_english)}, own links broken: {len(own)}"
        )
        for line in (from_english + own)[:20]:
            print("   ", line)
        failures += bool(from_english or own or totals(pages) != totals(english))
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
