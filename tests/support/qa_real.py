"""Human-reviewed catalogues for QA: false-alarm rates, and defects seeded into real entries.

Used by tests/test_qa_real.py on the vendored sample (tests/data/qa/real) and,
as a script, on any folder of catalogues (held-out data):

    python -m tests.support.qa_real DIR [DIR …]

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
from locpipe.placeholders import format_placeholders, links, spans
from locpipe.qa import Problem, check_catalog
from locpipe.qa.checkfiles import locale_of

REAL = Path(__file__).parent.parent / "data" / "qa" / "real"


@dataclass(frozen=True)
class Loaded:
    path: Path
    locale: str
    language: str
    catalog: Catalog


def load(*roots: Path) -> list[Loaded]:
    """Every .po file under `roots`, with its locale (header, then path)."""
    found = []
    for root in roots:
        for path in sorted(root.rglob("*.po")):
            catalog = read_po(path)
            locale = locale_of(path, catalog)
            assert locale is not None, path
            parsed = parse_locale(locale)
            assert parsed is not None
            found.append(Loaded(path, locale, parsed.language, catalog))
    return found


@dataclass
class Rates:
    """Per language: translated entries, findings by (check, severity)."""

    entries: Counter[str]
    findings: dict[str, Counter[tuple[str, str]]]

    def per_1000(self, language: str, severity: str | None = None) -> float:
        counts = self.findings.get(language, Counter())
        total = sum(n for (_, s), n in counts.items() if severity in (None, s))
        return 1000 * total / self.entries[language]


def rates(loaded: list[Loaded]) -> Rates:
    """Findings on translated entries (an empty msgstr is a state, not a false
    alarm: it is reported as untranslated and counted apart)."""
    entries: Counter[str] = Counter()
    findings: dict[str, Counter[tuple[str, str]]] = {}
    for item in loaded:
        entries[item.language] += sum(1 for m in item.catalog.active() if m.msgid and m.translated)
        counts = findings.setdefault(item.language, Counter())
        for p in check_catalog(item.catalog, str(item.path), item.locale):
            if p.check != "untranslated":
                counts[p.check, p.severity] += 1
    return Rates(entries, findings)


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
    """A Korean msgstr replaced by English (the words of the msgid reversed)."""
    words = m.msgid.split()
    if (
        len(re.findall(r"\b[A-Za-z]{3,}\b", m.msgid)) < 2
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
}


@dataclass(frozen=True)
class Outcome:
    seed: str
    where: str
    caught: bool
    found: tuple[tuple[str, str, str], ...]


def _problems(item: Loaded, message: Message) -> list[Problem]:
    catalog = Catalog(header=item.catalog.header, messages=(message,))
    return check_catalog(catalog, str(item.path), item.locale)


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
                if broken is None or broken == m.msgstr or _problems(item, m):
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


def report(roots: list[Path]) -> str:
    """Per-1,000 figures by language and check, and seeded-defect recall."""
    loaded = load(*roots)
    r = rates(loaded)
    lines = []
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
