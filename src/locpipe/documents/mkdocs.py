"""MkDocs sites: one translated site per locale, whose anchors and nav match
the English one. Pure but for reading the site's configuration.

With `mkdocs = "mkdocs.yml"` in locpipe's configuration, `build` writes for
each locale a site folder beside the rebuilt pages:

```
build/ko/mkdocs.yml     INHERIT: ../../mkdocs.yml, docs_dir, site_dir: ../../site/ko,
                        theme.language, the nav with translated titles
build/ko/docs/…         the rebuilt pages, and a copy of every other file of docs_dir
```

so `mkdocs build -f build/ko/mkdocs.yml` builds the Korean site into
`site/ko/` with everything the English one has (theme overrides, images,
mkdocstrings and its options). Nav titles are segments of `mkdocs.yml` (the
domain `mkdocs`), reviewed like any other. A translated heading gets an
attribute list with the English heading's id (`## 설치 {#installation}`),
computed with the slugify the site's `toc` extension uses, so every
`page.md#anchor` link of the English site resolves in every locale, as with
mkdocs-static-i18n.
"""

from __future__ import annotations

import html
import importlib
import os
import posixpath
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from locpipe.documents import inline_markup as im
from locpipe.documents import wordless
from locpipe.documents.build import Anchor
from locpipe.documents.segment import BlockKind, Segment, markdown_headings, render_inline
from locpipe.errors import ConfigError
from locpipe.locales import parse_locale

_PYTHON = "tag:yaml.org,2002:python/"
#: The `Source.fmt` of the site's configuration.
FORMAT = "mkdocs"


@dataclass(frozen=True, slots=True)
class Tagged:
    """A YAML value with a tag MkDocs resolves itself (`!!python/name:…`,
    `!ENV`, `!relative`): kept as written, and written back as it was."""

    tag: str
    value: Any


class _Loader(yaml.SafeLoader):
    """YAML as MkDocs writes it, every tag kept as a `Tagged` value."""


def _construct(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    return Tagged(node.tag, value)


_Loader.add_multi_constructor(_PYTHON, _construct)
_Loader.add_multi_constructor("!", _construct)


class _Dumper(yaml.SafeDumper):
    """Writes `Tagged` values back with their tags."""


def _represent(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_Dumper.add_representer(Tagged, _represent)


def _toc_slugify(value: str, separator: str) -> str:
    """Python-Markdown's toc.slugify, its default (ASCII letters only)."""
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(rf"[{re.escape(separator)}\s]+", separator, value)


@dataclass(frozen=True, slots=True)
class Site:
    """An MkDocs site's configuration, as far as locpipe needs it."""

    config_file: Path  # absolute
    relpath: str  # posix, relative to the project root
    docs_dir: Path  # absolute
    extensions: frozenset[str]
    slugify: Callable[[str, str], str]
    separator: str
    data: dict[str, Any] = field(compare=False)

    @property
    def folder(self) -> Path:
        return self.config_file.parent


def _error(message: str, site: Path, fix: str, line: int | None = None) -> ConfigError:
    return ConfigError(message, file=site, line=line, fix=fix)


def load_site(root: Path, relpath: str) -> Site:
    """Read the MkDocs configuration at `root/relpath`; ConfigError naming
    the file (and line) when it cannot serve a translated site."""
    path = (root / relpath).resolve()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _error(f"cannot read the MkDocs configuration: {exc}", path, _FIX_PATH) from exc
    try:
        data = yaml.load(text, Loader=_Loader)  # _Loader is a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise _error(f"not valid YAML: {exc}", path, "correct the YAML syntax", line) from exc
    if not isinstance(data, dict):
        raise _error("not an MkDocs configuration (no mapping)", path, _FIX_PATH)
    extensions = _extensions(data.get("markdown_extensions") or [])
    if "attr_list" not in extensions:
        raise _error(
            "markdown_extensions lacks attr_list, which keeps translated headings' anchors",
            path,
            "add attr_list to markdown_extensions (locpipe writes {#id} after each "
            "translated heading, so links to #anchors keep working)",
            _line(text, "markdown_extensions"),
        )
    toc = extensions.get("toc") or {}
    docs_dir = (path.parent / str(data.get("docs_dir", "docs"))).resolve()
    if not docs_dir.is_relative_to(root.resolve()):
        raise _error(f"docs_dir {docs_dir} is outside the project", path, _FIX_PATH)
    return Site(
        config_file=path,
        relpath=path.relative_to(root.resolve()).as_posix(),
        docs_dir=docs_dir,
        extensions=frozenset(extensions),
        slugify=_slugify(toc.get("slugify"), path, text),
        separator=str(toc.get("separator", "-")),
        data=data,
    )


_FIX_PATH = 'set mkdocs to the path of the site\'s mkdocs.yml, such as mkdocs = "mkdocs.yml"'


def _line(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
    return None


def _extensions(listed: Any) -> dict[str, dict[str, Any]]:
    """markdown_extensions by short name (`toc`, `attr_list`, `pymdownx.emoji`)
    with their options."""
    found: dict[str, dict[str, Any]] = {}
    items = listed if isinstance(listed, list) else [listed] if isinstance(listed, dict) else []
    for item in items:
        pairs = item.items() if isinstance(item, dict) else [(item, {})]
        for name, options in pairs:
            short = str(name).removeprefix("markdown.extensions.")
            found[short] = options if isinstance(options, dict) else {}
    return found


def _slugify(value: Any, path: Path, text: str) -> Callable[[str, str], str]:
    """The slugify function of the site's toc: Python-Markdown's default, or
    the one `toc: slugify:` names (imported, and called with its arguments
    for `!!python/object/apply:`), as MkDocs itself does."""
    if value is None:
        return _toc_slugify
    fix = "install the package that provides it where locpipe runs (as for mkdocs build)"
    if not isinstance(value, Tagged) or not value.tag.startswith(_PYTHON):
        raise _error("toc slugify must name a Python function", path, fix, _line(text, "  "))
    kind, _, name = value.tag.removeprefix(_PYTHON).partition(":")
    module, _, attr = name.rpartition(".")
    try:
        func = getattr(importlib.import_module(module), attr)
    except (ImportError, AttributeError) as exc:
        raise _error(f"cannot import the toc slugify {name}: {exc}", path, fix) from exc
    if kind == "name":
        return func  # type: ignore[no-any-return]
    args, kwds = value.value, {}
    if isinstance(args, dict):
        args, kwds = args.get("args", []), args.get("kwds", {})
    return func(*args, **kwds)  # type: ignore[no-any-return]


# -- heading anchors ----------------------------------------------------------

_IDCOUNT = re.compile(r"^(.*)_([0-9]+)$")
_TAG = re.compile(r"<[^<>]*>")
#: `[text][label]`, `[text][]`: a link (or a mkdocs-autorefs cross-reference)
#: whose definition lies elsewhere in the page; its text is the name.
_FULL_REFERENCE = re.compile(r"(?<!\\)\[((?:[^\[\]]|\\.)*)\]\[[^\[\]]*\]")


def _unique(anchor: str, used: set[str]) -> str:
    """Python-Markdown toc's `unique`: `_1`, `_2` … after an id already used."""
    if anchor in used or not anchor:
        m = _IDCOUNT.match(anchor)
        base, count = (m.group(1), int(m.group(2))) if m else (anchor, 0)
        count += 1
        while f"{base}_{count}" in used:
            count += 1
        anchor = f"{base}_{count}"
    used.add(anchor)
    return anchor


def _name(inline: str, site: Site) -> str:
    """A heading's text as toc slugifies it: rendered, tags stripped, unescaped."""
    if "pymdownx.emoji" in site.extensions:
        inline = im.SHORTCODE_RE.sub("", inline)  # an icon renders as markup, no text
    if "footnotes" in site.extensions:
        inline = im.FOOTNOTE_RE.sub("", inline)
    inline = _FULL_REFERENCE.sub(r"\1", im.ATTR_LIST_RE.sub("", inline))
    return html.unescape(" ".join(_TAG.sub("", render_inline(inline)).split()))


def anchors(text: str, site: Site) -> tuple[Anchor, ...]:
    """For each heading of a Markdown page without an explicit id, where to
    write the id the English page gets (toc's slug, made unique as toc does)."""
    headings = markdown_headings(text)
    used = {h.anchor for h in headings if h.anchor}
    found = []
    for h in headings:
        if h.anchor:
            continue
        anchor = _unique(site.slugify(_name(h.text, site), site.separator), used)
        if h.attrs is None:
            found.append(Anchor(h.start, h.end, h.end, f" {{#{anchor}}}"))
        else:  # `## Title {: .class }`: the id joins the list
            brace = h.attrs[0] + 1 + (text[h.attrs[0] + 1] == ":")
            found.append(Anchor(h.start, h.end, brace, f" #{anchor} "))
    return tuple(found)


# -- nav titles ----------------------------------------------------------------


def nav_segments(text: str) -> tuple[Segment, ...]:
    """The titles of the site's `nav`, as segments of mkdocs.yml (a page
    given without a title takes its translated heading)."""
    try:
        root = yaml.compose(text, Loader=_Loader)  # _Loader is a SafeLoader
    except yaml.YAMLError:
        return ()  # load_site reports it
    nav = _value(root, "nav")
    return tuple(
        Segment(node.value, start, end, BlockKind.LABEL, node.start_mark.line + 1)
        for node, start, end in _titles(nav)
        if wordless.has_words(node.value)
    )


def _value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key and isinstance(v, yaml.Node):
                return v
    return None


def _titles(node: yaml.Node | None) -> Iterator[tuple[yaml.ScalarNode, int, int]]:
    """Each title scalar of a nav, with the span of its text in the file."""
    if not isinstance(node, yaml.SequenceNode):
        return
    for item in node.value:
        if not isinstance(item, yaml.MappingNode):
            continue
        for key, value in item.value:
            if isinstance(key, yaml.ScalarNode):
                start, end = key.start_mark.index, key.end_mark.index
                if key.style in ("'", '"'):
                    start, end = start + 1, end - 1
                yield key, start, end
            yield from _titles(value)


def _translated_nav(nav: Any, lookup: Mapping[str, str]) -> Any:
    if isinstance(nav, list):
        return [_translated_nav(item, lookup) for item in nav]
    if isinstance(nav, dict):
        return {
            (lookup.get(str(k)) or k): _translated_nav(v, lookup) if isinstance(v, list) else v
            for k, v in nav.items()
        }
    return nav


# -- the locale's site -------------------------------------------------------------


def theme_language(theme: str, locale: str, pseudo: str) -> str:
    """The language a theme is told for `locale`: Material names Simplified
    Chinese `zh` and Traditional `zh-Hant`/`zh-TW`; the pseudo-locale is English."""
    parsed = parse_locale(locale)
    if locale == pseudo or parsed is None:
        return "en"
    if theme == "material" and parsed.language == "zh":
        if parsed.script == "Hant":
            return "zh-TW" if locale.endswith("TW") else "zh-Hant"
        return "zh"
    return parsed.language


def locale_config(
    site: Site, lookup: Mapping[str, str], locale: str, pseudo: str, build_dir: Path, root: Path
) -> str:
    """The text of `build/<locale>/mkdocs.yml`: the English configuration
    (INHERIT) with this locale's docs_dir, site_dir, theme language and nav,
    and every path outside docs_dir pointing back at the original."""
    here = (build_dir / locale / site.relpath).parent

    def rebased(value: str, copied: bool = True) -> str:
        """`value` (relative to mkdocs.yml) relative to the locale's config:
        the copy when docs_dir holds it and `copied`, else the original."""
        target = (site.folder / value).resolve()
        if copied and target.is_relative_to(site.docs_dir):
            target = build_dir / locale / target.relative_to(root.resolve())
        return posixpath.normpath(os.path.relpath(target, here))

    data = site.data
    theme = data.get("theme") or "mkdocs"
    theme = dict(theme) if isinstance(theme, dict) else {"name": str(theme)}
    name = str(theme.get("name", ""))
    child_theme: dict[str, Any] = {} if isinstance(data.get("theme"), dict) else {"name": name}
    child_theme["language" if name == "material" else "locale"] = theme_language(
        name, locale, pseudo
    )
    if isinstance(theme.get("custom_dir"), str):
        child_theme["custom_dir"] = rebased(theme["custom_dir"])
    site_dir = (site.folder / str(data.get("site_dir", "site"))).resolve() / locale
    child: dict[str, Any] = {
        "INHERIT": posixpath.normpath(os.path.relpath(site.config_file, here)),
        "docs_dir": rebased(str(data.get("docs_dir", "docs"))),
        "site_dir": posixpath.normpath(os.path.relpath(site_dir, here)),
        "theme": child_theme,
    }
    if isinstance(data.get("site_url"), str) and data["site_url"]:
        child["site_url"] = data["site_url"].rstrip("/") + f"/{locale}/"
    if isinstance(data.get("hooks"), list):
        child["hooks"] = [rebased(str(hook)) for hook in data["hooks"]]
    if isinstance(data.get("watch"), list):
        child["watch"] = [rebased(str(path)) for path in data["watch"]]
    plugins = _rebased_plugins(data.get("plugins"), rebased)
    if plugins is not None:
        child["plugins"] = plugins
    if isinstance(data.get("nav"), list):
        child["nav"] = _translated_nav(data["nav"], lookup)
    config_file = build_dir / locale / site.relpath
    shown = config_file.relative_to(root) if config_file.is_relative_to(root) else config_file
    command = f"mkdocs build -f {shown}"
    head = f"# Written by locpipe build: the {locale} site of {site.relpath}.\n# {command}\n"
    body = yaml.dump(child, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    return head + body


def _rebased_plugins(plugins: Any, rebased: Callable[..., str]) -> list[Any] | None:
    """The plugins list with the paths of `PLUGIN_PATHS` (relative to the
    configuration file) pointing back at the originals; None when no plugin
    has such a path (the locale's site then inherits the list as it is)."""
    if not isinstance(plugins, list):
        return None
    changed = False
    out: list[Any] = []
    for item in plugins:
        if isinstance(item, str) and item in PLUGIN_PATHS:
            item = {item: {}}
        if isinstance(item, dict) and len(item) == 1:
            name, options = next(iter(item.items()))
            rewrite = PLUGIN_PATHS.get(str(name))
            options = {} if options is None else options
            if rewrite is not None and isinstance(options, dict):
                new = rewrite(options, rebased)
                changed |= new != options
                item = {name: new}
        out.append(item)
    return out if changed else None


def _mkdocstrings_paths(options: dict[str, Any], rebased: Callable[..., str]) -> dict[str, Any]:
    new = dict(options)
    if isinstance(new.get("custom_templates"), str):
        new["custom_templates"] = rebased(new["custom_templates"])
    handlers = new.get("handlers")
    if isinstance(handlers, dict):
        new["handlers"] = {
            name: {**handler, "paths": [rebased(str(p)) for p in handler["paths"]]}
            if isinstance(handler, dict) and isinstance(handler.get("paths"), list)
            else handler
            for name, handler in handlers.items()
        }
    return new


def _gen_files_scripts(options: dict[str, Any], rebased: Callable[..., str]) -> dict[str, Any]:
    scripts = options.get("scripts")
    if not isinstance(scripts, list):
        return options
    # The original script, not docs_dir's copy: it finds the package from __file__.
    return {**options, "scripts": [rebased(str(s), copied=False) for s in scripts]}


def _off(options: dict[str, Any], rebased: Callable[..., str]) -> dict[str, Any]:
    # A locale's pages (in build/, not committed) have no git history, and
    # the plugins that read it warn about every page, which fails --strict.
    return {**options, "enabled": False}


#: How the locale's site changes a plugin's options, by plugin name: paths
#: relative to mkdocs.yml, and plugins that need the pages' git history.
PLUGIN_PATHS: dict[str, Callable[[dict[str, Any], Callable[..., str]], dict[str, Any]]] = {
    "mkdocstrings": _mkdocstrings_paths,
    "gen-files": _gen_files_scripts,
    "git-revision-date-localized": _off,
    "git-authors": _off,
    "git-committers": _off,
}


_INCLUDE = re.compile(r"(\{%\s*include(?:-markdown)?\s+)([\"'])(.+?)\2", re.DOTALL)


def relinked(text: str, page: Path, rebuilt: Path, site: Site) -> str:
    """`text` of `page` written at `rebuilt`, with each file that an
    mkdocs-include-markdown directive (`{% include-markdown "../README.md" %}`,
    relative to the page) names outside docs_dir named from the new place."""

    def repath(m: re.Match[str]) -> str:
        value = m.group(3)
        if value.startswith("/") or "://" in value:
            return m.group(0)
        original = (page.parent / value).resolve()
        if original.is_relative_to(site.docs_dir):
            return m.group(0)  # copied with docs_dir, at the same place
        moved = posixpath.normpath(os.path.relpath(original, rebuilt.parent))
        return f"{m.group(1)}{m.group(2)}{moved}{m.group(2)}"

    return _INCLUDE.sub(repath, text)


def assets(site: Site, documents: frozenset[Path]) -> Iterator[Path]:
    """Every file of the site's docs_dir that is not a source document:
    images, stylesheets, theme overrides, pages left untranslated."""
    for path in sorted(site.docs_dir.rglob("*")):
        if path.is_file() and path not in documents:
            yield path
