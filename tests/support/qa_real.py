"""Human-reviewed catalogues for QA: false-alarm rates, and defects seeded into real entries.

Used by tests/test_qa_real.py on the vendored sample (tests/data/qa/real) and,
as a script, on any folder of catalogues (held-out data):

    python -m tests.support.qa_real DIR [DIR …]

prints the per-1,000 table (errors, findings = errors and warnings, info)
by project (the first folder under each DIR) and language, the findings by
check, and the seeded-defect recall. English catalogues (`en`) are the
source text of key catalogues (Mailman), not translations: they are given to
the check as such and not counted.

A *seed* mutates the msgstr of one real, clean entry the way real defects
look (a placeholder dropped, a tag lost, a number changed …); the check that
must report it is named with the seed.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from locpipe.formats.pofile import read_po
from locpipe.locales import parse_locale
from locpipe.model import Catalog, Message
from locpipe.placeholders import CONTROL_TOKENS, format_placeholders, links, spans
from locpipe.qa import Problem, check_catalog, numerals
from locpipe.qa.checkfiles import locale_of, sources_for
from locpipe.qa.findings import INFO
from locpipe.qa.keys import Sources

REAL = Path(__file__).parent.parent / "data" / "qa" / "real"


@dataclass(frozen=True)
class Loaded:
    path: Path
    locale: str
    language: str
    catalog: Catalog
    #: the project: the first folder under the root it was loaded from
    project: str = ""
    #: the English texts of its keys (an `en` catalogue beside it), if any
    sources: Sources | None = None


def load(*roots: Path) -> list[Loaded]:
    """Every translated .po file under `roots`, with its locale (header, then
    path) and the English texts of its keys; `en` catalogues are sources."""
    found = []
    for root in roots:
        for path in sorted(root.rglob("*.po")):
            catalog = read_po(path)
            locale = locale_of(path, catalog)
            assert locale is not None, path
            parsed = parse_locale(locale)
            assert parsed is not None
            if parsed.language == "en":
                continue
            project = path.relative_to(root).parts[0]
            found.append(Loaded(path, locale, parsed.language, catalog, project, sources_for(path)))
    return found


@dataclass
class Rates:
    """Per language (or any grouping): translated entries, findings by (check, severity)."""

    entries: Counter[str]
    findings: dict[str, Counter[tuple[str, str]]]

    def per_1000(self, language: str, severity: str | None = None) -> float:
        """Errors, warnings or info per 1,000 translated entries; without
        `severity`, the findings: errors and warnings (info is a fact a team
        may have decided on, such as terms kept in English)."""
        counts = self.findings.get(language, Counter())
        wanted = (severity,) if severity else ("error", "warning")
        total = sum(n for (_, s), n in counts.items() if s in wanted)
        return 1000 * total / self.entries[language]


def _check(item: Loaded, catalog: Catalog | None = None) -> list[Problem]:
    return check_catalog(catalog or item.catalog, str(item.path), item.locale, sources=item.sources)


def rates(loaded: list[Loaded], by: Callable[[Loaded], str] = lambda i: i.language) -> Rates:
    """Findings on translated entries (an empty msgstr is a state, not a false
    alarm: it is reported as untranslated and counted apart), grouped `by`
    language unless told otherwise."""
    entries: Counter[str] = Counter()
    findings: dict[str, Counter[tuple[str, str]]] = {}
    for item in loaded:
        group = by(item)
        entries[group] += sum(1 for m in item.catalog.active() if m.msgid and m.translated)
        counts = findings.setdefault(group, Counter())
        for p in _check(item):
            if p.check != "untranslated":
                counts[p.check, p.severity] += 1
    return Rates(entries, findings)


def errors(loaded: list[Loaded]) -> list[Problem]:
    """Every error on the translated entries of `loaded` (to be read one by one)."""
    return [p for item in loaded for p in _check(item) if p.severity == "error"]


# -- seeded defects --------------------------------------------------------

#: a seed takes (msgid, msgstr) and returns the defective msgstr, or None
#: when the entry has nothing to break that way.
Seed = Callable[[Message], str | None]
_TAG = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>")
_ATTR_PLACEHOLDER = re.compile(r"(<[A-Za-z][^<>]*?=\s*\"[^\"]*?)(%\([^()]+\)s|\{[A-Za-z_]\w*\})")
_DIGITS = re.compile(r"(?<![\d.%{$])\d+(?![\d}$])")
_POSITIONAL = re.compile(r"%[sd]")
_CJK = re.compile("[\u3400-\u9fff\uac00-\ud7af]")


def _first_placeholder(m: Message) -> str | None:
    tokens = [t for t in format_placeholders(m.msgid, m.flags) if t in m.msgstr]
    return tokens[0] if tokens else None


def drop_placeholder(m: Message) -> str | None:
    token = _first_placeholder(m)
    return m.msgstr.replace(token, "", 1) if token else None


def rename_placeholder(m: Message) -> str | None:
    """`%(name)s` → `%(name_x)s`, `{name}` → `{name_x}`."""
    token = _first_placeholder(m)
    if token is None or not re.match(r"%\(|\{[A-Za-z_]", token):
        return None
    renamed = re.sub(r"[A-Za-z_]\w*", lambda w: w.group(0) + "_x", token[1:], count=1)
    return m.msgstr.replace(token, token[0] + renamed, 1)


def duplicate_positional(m: Message) -> str | None:
    found = _POSITIONAL.search(m.msgstr)
    if found is None or found.group(0) not in format_placeholders(m.msgid, m.flags):
        return None
    return m.msgstr + " " + found.group(0)


def hard_code_attribute(m: Message) -> str | None:
    """`<a href="%(url)s">` → `<a href="https://example.com/">`."""
    found = _ATTR_PLACEHOLDER.search(m.msgstr)
    if found is None:
        return None
    return m.msgstr[: found.start(2)] + "https://example.com/" + m.msgstr[found.end(2) :]


def lose_tags(m: Message) -> str | None:
    """Every tag gone, where a link, a line break, a block or code is among them."""
    if not re.search(r"<(a|code|br|p|div|li|kbd|h\d)\b", m.msgid):
        return None
    stripped = _TAG.sub("", m.msgstr)
    return stripped if stripped != m.msgstr else None


def lose_emphasis(m: Message) -> str | None:
    """`<strong>…</strong>` and the like gone, the text kept (styling lost)."""
    if not re.search(r"<(b|strong|em|i)>", m.msgid) or re.search(
        r"<(?!/?(b|strong|em|i)>)", m.msgid
    ):
        return None
    stripped = re.sub(r"</?(b|strong|em|i)>", "", m.msgstr)
    return stripped if stripped != m.msgstr else None


def change_number(m: Message) -> str | None:
    """A numeral of the msgstr that the msgid has, outside placeholders and markup, plus one."""
    protected = [range(s.start, s.end) for s in spans(m.msgstr, m.flags)]
    for found in _DIGITS.finditer(m.msgstr):
        if any(found.start() in r for r in protected):
            continue
        if int(found.group(0)) in numerals.spelled_values(m.msgstr):
            continue  # "一个" says 1 too: a change of that numeral is not seen
        if re.search(rf"(?<![\d.]){found.group(0)}(?![\d])", m.msgid):
            changed = str(int(found.group(0)) + 1)
            return m.msgstr[: found.start()] + changed + m.msgstr[found.end() :]
    return None


def change_link(m: Message) -> str | None:
    for link in links(m.msgid):
        if link in m.msgstr and ("." in link or "@" in link):
            changed = link.replace(".", ".x", 1) if "@" not in link else "x" + link
            return m.msgstr.replace(link, changed, 1)
    return None


def latin_only(m: Message) -> str | None:
    """A Korean msgstr replaced by English (the words of the msgid reversed),
    for a sentence: a term of up to three words kept in English is a team's choice."""
    words = m.msgid.split()
    if (
        len(re.findall(r"\b[A-Za-z]{3,}\b", m.msgid)) < 4
        or format_placeholders(m.msgid, m.flags)
        or "<" in m.msgid
    ):
        return None
    return " ".join(reversed(words))


def repetition_loop(m: Message) -> str | None:
    """An MT loop: the last word of the msgstr five times more."""
    words = [w for w in re.findall(r"\w+", m.msgstr) if _CJK.search(w) and len(w) >= 2]
    return m.msgstr + words[-1] * 5 if words else None


def untranslate(m: Message) -> str | None:
    return ""


_TEMPLATE = re.compile(r"\$\{[A-Za-z_][\w.]*\}|(?<![\w${])\$[A-Za-z_]\w+")  # not {$ … $}


def _template(m: Message) -> re.Match[str] | None:
    return _TEMPLATE.search(m.msgstr)


def drop_template(m: Message) -> str | None:
    """`${member}` or `$member` gone (Mailman's templates, Postorius)."""
    found = _template(m)
    return m.msgstr[: found.start()] + m.msgstr[found.end() :] if found else None


def rename_template(m: Message) -> str | None:
    """`${member}` → `${membre}`: a name the code does not pass (KeyError)."""
    found = _template(m)
    if found is None:
        return None
    token = found.group(0)
    return (
        m.msgstr[: found.start()]
        + token.rstrip("}")
        + "_x"
        + "}" * token.endswith("}")
        + (m.msgstr[found.end() :])
    )


def unbrace_template(m: Message) -> str | None:
    """`${member}` → `{member}`: the `$` lost, the braces left as text."""
    found = _TEMPLATE.search(m.msgstr)
    if found is None or not found.group(0).startswith("${"):
        return None
    return m.msgstr[: found.start()] + found.group(0)[1:] + m.msgstr[found.end() :]


def brace_count(m: Message) -> str | None:
    """`'{}'` → `'{}: {}'`: one auto-numbered field more (IndexError in str.format)."""
    if "{}" not in m.msgid or "{}" not in m.msgstr:
        return None
    return m.msgstr.replace("{}", "{}: {}", 1)


def brace_lost(m: Message) -> str | None:
    """One `{}` of the msgstr gone: the arguments shift."""
    if "{}" not in m.msgid or "{}" not in m.msgstr:
        return None
    return m.msgstr.replace("{}", "", 1).strip() or None


def control_token(m: Message) -> str | None:
    """A model control token in the text, as MT leaves it (`<unk>`, ` ⁇ `, `</s>`)."""
    words = m.msgstr.split(" ")
    if len(words) < 2 or any(t in m.msgstr for t in CONTROL_TOKENS):
        return None
    token = CONTROL_TOKENS[len(m.msgstr) % len(CONTROL_TOKENS)]
    return " ".join([*words[:1], token, *words[1:]])


#: name → (seed, the check that must report it, the severity it must have, languages)
SEEDS: dict[str, tuple[Seed, str, str, frozenset[str]]] = {
    "placeholder-dropped": (drop_placeholder, "placeholders", "error", frozenset({"ko", "zh"})),
    "placeholder-renamed": (rename_placeholder, "placeholders", "error", frozenset({"ko", "zh"})),
    "placeholder-duplicated": (
        duplicate_positional,
        "placeholders",
        "error",
        frozenset({"ko", "zh"}),
    ),
    "placeholder-in-attribute": (
        hard_code_attribute,
        "placeholders",
        "error",
        frozenset({"ko", "zh"}),
    ),
    "tags-lost": (lose_tags, "markup", "error", frozenset({"ko", "zh"})),
    "emphasis-lost": (lose_emphasis, "markup", "warning", frozenset({"ko", "zh"})),
    "number-changed": (change_number, "numbers", "error", frozenset({"ko", "zh"})),
    "link-changed": (change_link, "urls", "error", frozenset({"ko", "zh"})),
    "latin-only-korean": (latin_only, "script", "warning", frozenset({"ko"})),
    "repetition-loop": (repetition_loop, "repetition", "error", frozenset({"ko", "zh"})),
    "untranslated": (untranslate, "untranslated", "warning", frozenset({"ko", "zh"})),
    "template-dropped": (drop_template, "placeholders", "error", frozenset({"ko", "zh"})),
    "template-renamed": (rename_template, "placeholders", "error", frozenset({"ko", "zh"})),
    "template-unbraced": (unbrace_template, "placeholders", "error", frozenset({"ko", "zh"})),
    "brace-count-added": (brace_count, "placeholders", "error", frozenset({"ko", "zh"})),
    "brace-count-lost": (brace_lost, "placeholders", "error", frozenset({"ko", "zh"})),
    "control-token": (control_token, "tokens", "error", frozenset({"ko", "zh"})),
}


@dataclass(frozen=True)
class Outcome:
    seed: str
    where: str
    caught: bool
    found: tuple[tuple[str, str, str], ...]


def _problems(item: Loaded, message: Message) -> list[Problem]:
    catalog = Catalog(header=item.catalog.header, messages=(message,))
    return _check(item, catalog)


def _outcome(seed: str, item: Loaded, broken: Message, check: str, severity: str) -> Outcome:
    """Whether `check` reports the `broken` entry of `item` with `severity`."""
    found = _problems(item, broken)
    return Outcome(
        f"{seed}/{item.language}",
        f"{item.path}:{broken.lineno}",
        any(p.check == check and p.severity == severity for p in found),
        tuple((p.check, p.severity, p.message) for p in found),
    )


def seeded(loaded: list[Loaded], per_seed: int = 40) -> Iterator[Outcome]:
    """Up to `per_seed` outcomes per seed and language: each seed applied to
    clean, translated singular entries, in file order."""
    clean: dict[tuple[Path, int], bool] = {}

    def is_clean(item: Loaded, m: Message) -> bool:
        key = (item.path, m.lineno)
        if key not in clean:
            clean[key] = not [p for p in _problems(item, m) if p.severity != INFO]
        return clean[key]

    for name, (seed, check, severity, languages) in SEEDS.items():
        done: Counter[str] = Counter()
        for item in loaded:
            if item.language not in languages or done[item.language] >= per_seed:
                continue
            for m in item.catalog.active():
                if done[item.language] >= per_seed:
                    break
                if not (m.msgid and m.translated and m.msgid_plural is None and not m.fuzzy):
                    continue
                broken = seed(m)
                if broken is None or broken == m.msgstr or not is_clean(item, m):
                    continue
                done[item.language] += 1
                yield _outcome(name, item, m.replace(msgstr=broken), check, severity)
    yield from _cross_script(loaded, per_seed)
    yield from _plural_counts(loaded, per_seed)


def _cross_script(loaded: list[Loaded], per_seed: int) -> Iterator[Outcome]:
    """Hangul in zh: the ko catalogue's translation of the same msgid put in the zh one."""
    korean = {
        (item.path.parents[2], item.path.name, m.msgid): m.msgstr
        for item in loaded
        if item.language == "ko"
        for m in item.catalog.active()
        if m.translated and m.msgid_plural is None
    }
    count = 0
    for item in loaded:
        for m in item.catalog.active():
            ko = korean.get((item.path.parents[2], item.path.name, m.msgid))
            if count >= per_seed or item.language != "zh" or not ko or m.msgid_plural:
                continue
            if re.search("[\uac00-\ud7af]", m.msgid):
                continue
            if not re.search("[\uac00-\ud7af]", ko) or _problems(item, m):
                continue
            count += 1
            yield _outcome("hangul-in-chinese", item, m.replace(msgstr=ko), "script", "error")


def _plural_counts(loaded: list[Loaded], per_seed: int) -> Iterator[Outcome]:
    """One plural form too many (ko and zh have one form)."""
    done: Counter[str] = Counter()
    for item in loaded:
        for m in item.catalog.active():
            if done[item.language] >= per_seed or not (m.msgid_plural and m.translated):
                continue
            if m.fuzzy:
                continue
            broken = m.replace(msgstr_plural=(*m.msgstr_plural, m.msgstr_plural[-1]))
            done[item.language] += 1
            yield _outcome("plural-count", item, broken, "plurals", "error")


def variant_swaps(loaded: list[Loaded]) -> Counter[str]:
    """Seeds for the Simplified/Traditional check: the zh_TW translation of a
    msgid put in the zh_CN catalogue of the same project, and the reverse,
    where the two differ. Counts "seeded" and "caught" (a script warning)."""
    texts: dict[tuple[Path, str, str], dict[str, tuple[Loaded, Message]]] = {}
    for item in loaded:
        parsed = parse_locale(item.locale)
        if item.language != "zh" or parsed is None:
            continue
        for m in item.catalog.active():
            if m.translated and m.msgid_plural is None and not m.fuzzy:
                key = (item.path.parents[2], item.path.name, m.msgid)
                texts.setdefault(key, {})[parsed.script] = (item, m)
    counts: Counter[str] = Counter()
    for both in texts.values():
        if {"Hans", "Hant"} - set(both):
            continue
        for own, other in (("Hans", "Hant"), ("Hant", "Hans")):
            item, m = both[own]
            swapped = both[other][1].msgstr
            if swapped == m.msgstr or _problems(item, m):
                continue
            counts["seeded"] += 1
            found = _problems(item, m.replace(msgstr=swapped))
            counts["caught"] += any(p.check == "script" for p in found)
    return counts


def table(loaded: list[Loaded]) -> list[str]:
    """The per-1,000 table: a Markdown row per project and language, then the totals."""
    by_project = rates(loaded, lambda i: f"{i.project} {i.language}")
    total = rates(loaded)
    lines = [
        "| project | language | translated entries | errors /1000 | findings /1000 | info /1000 |",
        "|---|---|---|---|---|---|",
    ]
    for group, r in [(g, by_project) for g in sorted(by_project.entries)] + [
        (f"all {language}", total) for language in sorted(total.entries)
    ]:
        key = group if r is by_project else group.split()[1]
        project, language = group.split()
        lines.append(
            f"| {project} | {language} | {r.entries[key]:,} | {r.per_1000(key, 'error'):.1f} "
            f"| {r.per_1000(key):.1f} | {r.per_1000(key, INFO):.1f} |"
        )
    return lines


def report(roots: list[Path]) -> str:
    """Per-1,000 figures by project, language and check, the errors, and seeded-defect recall."""
    loaded = load(*roots)
    r = rates(loaded)
    lines = [*table(loaded), ""]
    for language in sorted(r.entries):
        lines.append(
            f"{language}: {r.entries[language]} translated entries; "
            f"errors {r.per_1000(language, 'error'):.1f}/1000, "
            f"all findings {r.per_1000(language):.1f}/1000"
        )
        for (check, severity), n in sorted(r.findings[language].items()):
            lines.append(
                f"    {check:<13} {severity:<8} {n:>4}  {1000 * n / r.entries[language]:.1f}/1000"
            )
    lines.append("errors:")
    lines += [f"    {p.file}:{p.line}: {p.check}: {p.message}" for p in errors(loaded)]
    by_seed: dict[str, list[Outcome]] = {}
    for outcome in seeded(loaded):
        by_seed.setdefault(outcome.seed, []).append(outcome)
    swaps = variant_swaps(loaded)
    lines.append(f"Simplified/Traditional swapped: {swaps['caught']} / {swaps['seeded']} reported")
    lines.append("seeded defects (caught / seeded):")
    for name, outcomes in by_seed.items():
        caught = sum(o.caught for o in outcomes)
        lines.append(f"    {name:<32} {caught:>3} / {len(outcomes)}")
        lines += [f"        missed {o.where}: {o.found}" for o in outcomes if not o.caught]
    return "\n".join(lines)


if __name__ == "__main__":
    print(report([Path(a) for a in sys.argv[1:]] or [REAL]))
