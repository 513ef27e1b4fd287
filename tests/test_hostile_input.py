"""Hostile inputs a new user's own files bring: each is refused with exit 2 and one line naming the
file, row(s) and column(s), never a value, or read without anything silently changed or lost.

Found by trying the command line on files this project did not make (review of the ``removals`` CLI);
each test fails without the fix it names.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from estimators.cli import main

GOOD = b"A,B,C,count\n1,0,0,5\n0,1,0,3\n1,1,0,2\n0,0,1,4\n1,0,1,1\n0,1,1,2\n1,1,1,1\n"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_exit_2(code: int, err: str, *fragments: str) -> None:
    assert code == 2, err
    assert err.startswith("removals: error:") and err.count("\n") == 1, err
    for fragment in fragments:
        assert fragment in err, (fragment, err)


# ---------------------------------------------------------------- capture histories: column roles


@pytest.mark.parametrize(
    ("args", "column"),
    [
        (["--strata", "count"], "'count'"),  # was: the count column split the people into strata by count, exit 3
        (["--lists", "A,B,C", "--strata", "A"], "'A'"),  # was: exit 3, A silently a stratum and not a list
        (["--lists", "A,B,count"], "'count'"),  # was: the count column weighted rows by itself
    ],
)
def test_a_column_in_two_roles_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str],
                                          column: str) -> None:
    path = tmp_path / "h.csv"
    path.write_bytes(GOOD)
    for command in ("validate", "estimate"):
        code, out, err = run(capsys, command, str(path), *args)
        assert_one_line_exit_2(code, err, "h.csv", column, "cannot")
        assert out == ""


def test_a_list_called_count_given_with_lists_loses_no_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Rows where the list named 'count' is 0 used to get weight 0 and vanish from the estimate."""
    path = tmp_path / "h.csv"
    path.write_bytes(b"A,B,count\n1,0,0\n0,1,0\n1,1,1\n1,0,1\n0,1,1\n")
    code, _, err = run(capsys, "validate", str(path), "--lists", "A,B,count")
    assert_one_line_exit_2(code, err, "'count'", "rename the list column")
