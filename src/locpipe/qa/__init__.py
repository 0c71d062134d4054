"""Quality checks over translated catalogues, aware of Chinese and Korean.

`checks` holds the table of checks and runs them over a catalogue;
`findings` the findings, their stable ids and what a team decided about
them; `keys` key catalogues and their English text; `numerals` compares
the numbers of an English text and its ko/zh translation, `urls` tells a
localised link from a changed one, `hanzi` tells Simplified from Traditional
Chinese, `checkfiles` is `locpipe check FILE.po …` for any project's
catalogues and `project` checks a project's.
"""

from locpipe.qa.checks import CHECKS, check_catalog
from locpipe.qa.findings import (
    ERROR,
    INFO,
    WARNING,
    Options,
    Problem,
    format_problems,
    problems_to_json,
)

__all__ = [
    "CHECKS",
    "ERROR",
    "INFO",
    "WARNING",
    "Options",
    "Problem",
    "check_catalog",
    "format_problems",
    "problems_to_json",
]
