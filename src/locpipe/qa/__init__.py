"""Quality checks over translated catalogues, aware of Chinese and Korean.

`checks` holds the table of checks and runs them over a catalogue; `numerals`
compares the numbers of an English text and its ko/zh translation, `hanzi`
tells Simplified from Traditional Chinese, and `checkfiles` is
`locpipe check FILE.po …` for any project's catalogues.
"""

from locpipe.qa.checks import (
    CHECKS,
    ERROR,
    WARNING,
    Problem,
    check_catalog,
    format_problems,
    problems_to_json,
)

__all__ = [
    "CHECKS",
    "ERROR",
    "WARNING",
    "Problem",
    "check_catalog",
    "format_problems",
    "problems_to_json",
]
