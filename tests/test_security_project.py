"""Configuration that points outside the project, and inputs that used to end
in a traceback (issue 24).

A run writes into locales_dir and build_dir, sweeps stale temporary files
there, and `prune` deletes there: those folders stay inside the project unless
`allow_outside_project = true` says otherwise, and even then the sweep touches
only locpipe's own temporary files. Every bad setting or input below is one
`locpipe: error:` line naming the file (and line), a non-zero exit, and no
file changed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from locpipe.cli import main
from locpipe.fsio import TEMP_MARK
from tests.conftest import Project


def _configure(project: Project, extra: str) -> None:
    (project.root / "locpipe.toml").write_text(
        'locales = ["ko", "zh_CN"]\nsources = ["content/*.txt"]\nthreads = 1\nbeam_size = 1\n'
        + extra,
        encoding="utf-8",
    )


def _run(project: Project, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """`locpipe COMMAND -C PROJECT ARGS…` in this process: the exit code and stderr."""
    code = main([args[0], "-C", str(project.root), *args[1:]])
    return code, capsys.readouterr().err


def _one_line(err: str, expected: str) -> None:
    assert "Traceback" not in err
    lines = err.splitlines()
    assert lines and lines[0].startswith("locpipe: error: "), err
    assert all(line.startswith("  fix: ") for line in lines[1:]), err
    assert expected in err, err


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".locpipe-cache" not in p.parts
    }


# ------------------------------------------------------------ folders outside the project


def test_prune_never_deletes_another_projects_catalogue(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The issue's case: locales_dir = "../otherproj/locales" + prune deleted
    the other project's .po (an orphan from this project's point of view)."""
    theirs = tmp_path / "otherproj" / "locales" / "ko" / "LC_MESSAGES" / "their-app.po"
    theirs.parent.mkdir(parents=True)
    theirs.write_text('msgid "a"\nmsgstr "가"\n', encoding="utf-8")
    _configure(project, 'locales_dir = "../otherproj/locales"\n')
    code, err = _run(project, "prune", capsys=capsys)
    assert code == 2
    _one_line(err, "locpipe.toml:5: locales_dir is ")
    assert "outside the project folder" in err and "allow_outside_project = true" in err
    assert theirs.read_text(encoding="utf-8") == 'msgid "a"\nmsgstr "가"\n'


def test_the_sweep_never_deletes_look_alike_temp_files_in_a_shared_folder(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """build_dir = "../shared" let the stale-temp sweep delete another tool's
    `.name.XXXXXXXX.tmp`. Refused; and allowed on purpose, the sweep still
    leaves every file it did not make."""
    shared = tmp_path / "shared"
    shared.mkdir()
    other_tool = shared / ".report.html.0badcafe.tmp"
    other_tool.write_text("another tool's file in flight", encoding="utf-8")
    _configure(project, 'build_dir = "../shared"\n')
    code, err = _run(project, "translate", "--engine", "pseudo", capsys=capsys)
    assert code == 2
    _one_line(err, "build_dir is ")
    assert not (project.root / "locales").exists()

    _configure(project, 'build_dir = "../shared"\nallow_outside_project = true\n')
    ours = shared / "en_XA" / f".old.txt{TEMP_MARK}0badcafe.tmp"
    ours.parent.mkdir()
    ours.write_text("left by a killed locpipe write", encoding="utf-8")
    code, err = _run(project, "translate", "--engine", "pseudo", capsys=capsys)
    assert code == 0, err
    assert other_tool.read_text(encoding="utf-8") == "another tool's file in flight"
    assert not ours.exists()
    assert (shared / "en_XA" / "content" / "china-south-korea-relations.txt").is_file()


def test_an_absolute_locales_dir_is_refused_before_anything_is_written(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path / "elsewhere"
    _configure(project, f'locales_dir = "{elsewhere}"\n')
    before = _tree(project.root)
    code, err = _run(project, "translate", "--engine", "pseudo", capsys=capsys)
    assert code == 2
    _one_line(err, f"locales_dir is {elsewhere}, outside the project folder")
    assert not elsewhere.exists()
    assert _tree(project.root) == before


def test_an_absolute_locales_dir_allowed_on_purpose_works_without_a_traceback(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The issue: an absolute locales_dir wrote there, then ended in a traceback."""
    elsewhere = tmp_path / "elsewhere"
    _configure(project, f'locales_dir = "{elsewhere}"\nallow_outside_project = true\n')
    for command in (["translate", "--engine", "pseudo"], ["status"], ["check"], ["compile"]):
        code, err = _run(project, *command, capsys=capsys)
        assert code == 0, (command, err)
        assert "Traceback" not in err
    assert (elsewhere / "en_XA" / "LC_MESSAGES" / "china-south-korea-relations.po").is_file()
    # a second run finds nothing to do (the run cache names the outside files)
    assert main(["translate", "-C", str(project.root), "--engine", "pseudo"]) == 0
    assert "0 file(s) written" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("locales", "locales_dir is "),
        (".locpipe-cache", ".locpipe-cache leads outside the project folder"),
    ],
)
def test_a_link_to_a_folder_outside_counts_as_outside(
    project: Project, tmp_path: Path, link: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (project.root / link).symlink_to(elsewhere)
    code, err = _run(project, "translate", "--engine", "pseudo", capsys=capsys)
    assert code == 2
    _one_line(err, expected)
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ('build_dir = "."', "build_dir is the project folder itself"),
        ('locales_dir = ""', "locales_dir is the project folder itself"),
        ('locales_dir = ".locpipe-cache/x"', "locales_dir is inside locpipe's own .locpipe-cache"),
    ],
)
def test_folders_that_are_the_project_or_its_cache_are_refused(
    project: Project, setting: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _configure(project, setting + "\nallow_outside_project = true\n")
    code, err = _run(project, "translate", "--engine", "pseudo", capsys=capsys)
    assert code == 2
    _one_line(err, expected)


# ------------------------------------------------------------ sources and numbers


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ('sources = [""]', "locpipe.toml:2: sources holds the pattern ''"),
        ('sources = ["  "]', "locpipe.toml:2: sources holds the pattern '  '"),
        ('sources = ["/etc/*.conf"]', "locpipe.toml:2: sources holds the pattern '/etc/*.conf'"),
        ('sources = []\ntemplates = [""]', "locpipe.toml:3: templates holds the pattern ''"),
        (
            'sources = []\ntemplates = ["/tmp/*.pot"]',
            "locpipe.toml:3: templates holds the pattern '/tmp/*.pot'",
        ),
        ('compendia = ["/srv/memory/*.po"]', "compendia holds the pattern '/srv/memory/*.po'"),
        ("threads = 99999999999", "locpipe.toml:2: threads must be from 0 to 1024"),
    ],
    ids=[
        "empty",
        "blank",
        "absolute",
        "template-empty",
        "template-absolute",
        "compendium",
        "threads",
    ],
)
def test_bad_settings_are_one_line_before_any_write(
    project: Project, setting: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (project.root / "locpipe.toml").write_text(f'locales = ["ko"]\n{setting}\n', encoding="utf-8")
    before = _tree(project.root)
    code, err = _run(project, "translate", "--engine", "pseudo", capsys=capsys)
    assert code == 2
    _one_line(err, expected)
    assert _tree(project.root) == before


@pytest.mark.parametrize(
    ("flag", "expected"),
    [
        (["--threads", "99999999999"], "--threads must be from 0 to 1024, not 99999999999"),
        (["--threads", "-1"], "--threads must be from 0 to 1024, not -1"),
        (["--beam-size", "0"], "--beam-size must be from 1 to 16, not 0"),
    ],
)
def test_bad_flags_are_one_line_before_any_write(
    project: Project, flag: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _tree(project.root)
    code, err = _run(project, "translate", *flag, capsys=capsys)
    assert code == 2
    _one_line(err, expected)
    assert _tree(project.root) == before


def test_threads_too_many_stop_a_model_run_before_the_catalogues_are_written(
    project_with_models: Project,
) -> None:
    """With a real (tiny) model the number reached CTranslate2 after the
    catalogues were written, and ended in a traceback."""
    project = project_with_models
    _configure(project, "")
    config = project.root / "locpipe.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("threads = 1", "threads = 99999999999"),
        encoding="utf-8",
    )
    before = project.snapshot()
    done = project.run("translate")
    assert done.returncode == 2, done.stderr
    _one_line(done.stderr, "threads must be from 0 to 1024")
    assert project.snapshot() == before


def test_a_source_linked_outside_the_project_is_one_line(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("A document that lives elsewhere.\n", encoding="utf-8")
    (project.root / "content" / "linked.txt").symlink_to(outside)
    before = _tree(project.root)
    code, err = _run(project, "translate", "--engine", "pseudo", capsys=capsys)
    assert code == 2
    _one_line(err, f"the sources patterns match {outside}, outside the project folder")
    assert _tree(project.root) == before


def test_a_link_inside_the_project_names_its_catalogue_by_its_own_name(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    """A document linked from another folder of the project (a traceback
    before: its domain was computed from the link's target)."""
    shared = project.root / "shared"
    shared.mkdir()
    (shared / "notice.txt").write_text("A notice shared by two sites.\n", encoding="utf-8")
    (project.root / "content" / "notice.txt").symlink_to(shared / "notice.txt")
    code, err = _run(project, "translate", "--engine", "pseudo", capsys=capsys)
    assert code == 0, err
    assert (project.locales / "notice.pot").is_file()


@pytest.mark.parametrize("name", ["a\nb.txt", "tab\there.txt", "line\u2028sep.txt", "cr\r.txt"])
def test_a_source_name_with_a_line_break_is_refused_and_the_project_never_sticks(
    project: Project, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The issue: a newline in a file name wrote a `#:` reference msgfmt
    rejects (xgettext 0.21 writes the same broken line), and every later run
    failed on it. Now nothing is written, and renaming the file is enough."""
    odd = project.root / "content" / name
    odd.write_text("A document with an odd name.\n", encoding="utf-8")
    before = _tree(project.root)
    code, err = _run(project, "translate", "--engine", "pseudo", capsys=capsys)
    assert code == 2
    _one_line(err, f"the file name {('content/' + name)!r} holds the control character")
    assert _tree(project.root) == before
    os.rename(odd, project.root / "content" / "renamed.txt")
    code, err = _run(project, "translate", "--engine", "pseudo", capsys=capsys)
    assert code == 0, err
    assert (project.locales / "en_XA" / "LC_MESSAGES" / "renamed.po").is_file()


def test_an_edited_build_listing_never_deletes_outside_build(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """build removes what the previous build listed in build/.locpipe-built
    and did not write again; the listing is a file anyone can edit."""
    code, err = _run(project, "translate", "--engine", "pseudo", capsys=capsys)
    assert code == 0, err
    victim = tmp_path / "victim.txt"
    victim.write_text("not locpipe's", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "page.txt").write_text("not locpipe's either", encoding="utf-8")
    build = project.root / "build"
    (build / "en_XA" / "linked").symlink_to(elsewhere)
    listing = build / ".locpipe-built"
    listing.write_text(
        listing.read_text(encoding="utf-8")
        + f"{victim}\n../../victim.txt\nen_XA/linked/page.txt\n",
        encoding="utf-8",
    )
    source = next((project.root / "content").glob("*.txt"))
    source.write_text(source.read_text(encoding="utf-8") + "\nOne more.\n", encoding="utf-8")
    code, err = _run(project, "translate", "--engine", "pseudo", capsys=capsys)
    assert code == 0, err
    assert victim.read_text(encoding="utf-8") == "not locpipe's"
    assert (elsewhere / "page.txt").read_text(encoding="utf-8") == "not locpipe's either"
