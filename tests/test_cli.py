"""The CLI contract: JSON keys, exit codes, help, methods, stratified output."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from estimators import data, methods
from estimators.cli import main

KEYS = ["method", "lists", "observed", "estimate", "lower", "upper", "level", "status", "messages", "seed", "details"]


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def bench(name: str) -> str:
    return str(data.verified_path(f"benchmarks/{name}.csv"))


def test_estimate_json_contract(capsys):
    code, out, err = run(capsys, "estimate", bench("CARE1_Diabetes"), "--method", "Mt", "--json")
    assert code == 0 and err == ""
    obj = json.loads(out)
    assert list(obj) == KEYS
    assert obj["estimate"] == pytest.approx(2250.60076327633, rel=1e-6)


def test_no_estimate_exit_3_with_nulls(capsys):
    code, out, _ = run(capsys, "estimate", bench("SparseMSE_Artificial_3"), "--method", "loglinear", "--model", "A:B",
                       "--json")
    obj = json.loads(out)
    assert code == 3
    assert obj["status"] == "mle_does_not_exist"
    assert obj["estimate"] is None and obj["lower"] is None and obj["upper"] is None


def test_stratified_json(capsys):
    code, out, _ = run(
        capsys, "estimate", bench("conting_spina"), "--strata", "eth", "--json", "--bootstrap", "200", "--seed", "7"
    )
    obj = json.loads(out)
    assert code == 0
    assert [s["stratum"]["eth"] for s in obj["strata"]] == ["afro-american", "caucasian", "other"]
    covered = [s for s in obj["strata"] if s["estimate"] is not None]
    # the stratum without an estimate enters the total with its observed people, and the
    # total then has no upper limit (issue 13: a total below the people observed misleads)
    uncovered = obj["observed"] - sum(s["observed"] for s in covered)
    assert uncovered > 0 and obj["details"]["observed_not_covered"] == uncovered
    assert obj["estimate"] == pytest.approx(sum(s["estimate"] for s in covered) + uncovered)
    assert obj["status"] == "warning" and obj["upper"] is None and obj["lower"] >= obj["observed"]
    assert obj["details"]["strata_covered"] == len(covered)
    assert obj["seed"] == 7
    again = json.loads(run(capsys, "estimate", bench("conting_spina"), "--strata", "eth", "--json",
                           "--bootstrap", "200", "--seed", "7")[1])
    assert again == obj


def test_text_output_and_methods(capsys):
    code, out, _ = run(capsys, "estimate", bench("CARE1_HAV"), "--method", "chao")
    assert code == 0 and "chao" in out and "documented minimum" in out
    code, out, _ = run(capsys, "methods")
    names = [line.split()[0] for line in out.strip().splitlines()]
    assert names == [m.name for m in methods.available()]


def test_the_parser_states_the_catalogue_without_importing_it():
    """The CLI states the method names and default so that building the parser imports no family."""
    from estimators.cli.estimate import DEFAULT_METHOD, METHOD_NAMES

    assert METHOD_NAMES == tuple(m.name for m in methods.available())
    assert DEFAULT_METHOD == methods.DEFAULT


@pytest.mark.parametrize(
    "args",
    [
        ["estimate", "x.csv", "--method", "nonsense"],
        ["estimate", "x.csv", "--level", "1.5"],
        ["estimate"],
        ["frobnicate"],
        [],
    ],
)
def test_usage_errors_exit_2(capsys, args, tmp_path):
    code, out, err = run(capsys, *args)
    assert code == 2
    assert "Traceback" not in err


def test_unknown_method_lists_choices(capsys, tmp_path):
    code, _, err = run(capsys, "estimate", bench("CARE1_HAV"), "--method", "nonsense")
    assert code == 2 and "choose one of" in err and err.count("\n") == 1


def test_option_not_applicable(capsys):
    code, _, err = run(capsys, "estimate", bench("CARE1_HAV"), "--method", "chao", "--model", "P:Q")
    assert code == 2 and "--model does not apply" in err


def test_comparison_table(capsys, tmp_path):
    out_csv = tmp_path / "cmp.csv"
    code, _, _ = run(capsys, "estimate", bench("CARE1_Diabetes"), "--method", "loglinear", "--comparison",
                     str(out_csv), "--json")
    assert code == 0
    import pandas as pd

    table = pd.read_csv(out_csv)
    assert len(table) == 64  # 4 lists, maxorder 2 by default: 2^6 two-way models
    assert {"model", "estimate", "lower", "upper", "deviance", "df", "aic", "bic", "status"} <= set(table.columns)


def test_comparison_table_says_which_interval_it_gives(capsys, tmp_path):
    # The table gives every model's Wald interval; the selected model's own interval is the
    # profile one by default. The column says so, the output says why the two differ, and with
    # --interval wald the selected model's row is the output's interval.
    import pandas as pd

    out_csv = tmp_path / "cmp.csv"
    args = ["estimate", bench("CARE1_HAV"), "--method", "loglinear", "--comparison", str(out_csv), "--json"]
    code, out, _ = run(capsys, *args)
    assert code == 0
    profile = json.loads(out)
    table = pd.read_csv(out_csv)
    assert list(table.columns[3:6]) == ["lower", "upper", "interval_method"] and set(table["interval_method"]) == {"wald"}
    row = table.iloc[0]
    assert row["model"] == profile["details"]["model"] and row["estimate"] == pytest.approx(profile["estimate"])
    assert row["lower"] != pytest.approx(profile["lower"], rel=1e-3)  # profile 654.7, Wald 664.9
    said = [m for m in profile["messages"] if "--comparison table gives every model's Wald interval" in m]
    assert len(said) == 1 and "profile interval here" in said[0]
    code, out, _ = run(capsys, *args, "--interval", "wald")
    wald = json.loads(out)
    row = pd.read_csv(out_csv).iloc[0]
    assert (row["lower"], row["upper"]) == pytest.approx((wald["lower"], wald["upper"]), rel=1e-6)
    assert not [m for m in wald["messages"] if "--comparison" in m]


def test_aggregate_says_how_many_rows_it_merged(capsys, tmp_path):
    # (1,0,0) and (0,1,0) appear twice each; (1,1,0) twice, but once with count 0 (nothing to merge)
    rows = ["1,0,0,n,10", "0,1,0,n,5", "1,0,0,n,3", "1,1,0,n,3", "0,0,1,n,4", "1,0,1,n,2", "1,1,0,n,0", "0,1,0,n,1",
            "0,1,1,n,2", "1,1,1,n,1"]
    f = tmp_path / "dup.csv"
    f.write_text("A,B,C,region,count\n" + "\n".join(rows) + "\n")
    merged = "--aggregate merged 4 rows into 2 capture histories (rows with the same capture pattern, counts summed)"
    code, out, err = run(capsys, "estimate", str(f), "--lists", "A,B,C", "--aggregate", "--method", "Mt", "--json")
    assert code == 0 and json.loads(out)["messages"][0] == merged
    code, out, err = run(capsys, "estimate", str(f), "--lists", "A,B,C", "--aggregate", "--method", "Mt")
    assert code == 0 and f"note: {merged}\n" in out
    code, out, _ = run(capsys, "validate", str(f), "--lists", "A,B,C", "--aggregate", "--json")
    assert json.loads(out)["notes"] == [merged] and json.loads(out)["patterns"] == 7
    code, out, _ = run(capsys, "validate", str(f), "--lists", "A,B,C", "--aggregate")
    assert f"note: {merged}\n" in out
    # within a stratum only: the same pattern in another stratum is another history
    f.write_text("A,B,C,region,count\n" + "\n".join([*rows, "1,0,0,s,7"]) + "\n")
    code, out, _ = run(capsys, "validate", str(f), "--strata", "region", "--aggregate", "--json")
    assert json.loads(out)["notes"] == [merged.replace("pattern,", "pattern in the same stratum,")]
    # nothing to merge is said too; without --aggregate nothing is said (repeats are refused)
    code, out, _ = run(capsys, "validate", bench("CARE1_HAV"), "--aggregate", "--json")
    assert json.loads(out)["notes"] == ["--aggregate merged nothing: no two rows have the same capture pattern"]
    code, out, _ = run(capsys, "validate", bench("CARE1_HAV"), "--json")
    assert json.loads(out)["notes"] == []


@pytest.mark.parametrize("sub", [[], ["estimate"], ["validate"], ["methods"], ["run"]])
def test_help_everywhere(sub):
    proc = subprocess.run([sys.executable, "-m", "estimators.cli", *sub, "--help"], capture_output=True, text=True)
    assert proc.returncode == 0 and "usage:" in proc.stdout


def test_comparison_table_refuses_an_interval_it_cannot_give(capsys, tmp_path) -> None:
    f = str(data.verified_path("benchmarks/CARE1_HAV.csv"))
    code = main(["estimate", f, "--method", "loglinear", "--interval", "bootstrap-reselect",
                 "--comparison", str(tmp_path / "models.csv")])
    err = capsys.readouterr().err
    assert code == 2 and "--comparison takes --interval profile or wald" in err
    assert len(err.strip().splitlines()) == 1 and not (tmp_path / "models.csv").exists()



@pytest.mark.parametrize("command", [["--help"], ["methods"], ["validate", "data/benchmarks/CARE1_HAV.csv"]])
def test_a_closed_output_pipe_ends_quietly(command) -> None:
    """``removals ... | head``: when the reader has gone, no 'internal error' line, exit 141 (128 + SIGPIPE);
    argparse's own --help output ignores the closed pipe and exits 0."""
    import os

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    proc = subprocess.Popen([sys.executable, "-m", "estimators.cli", *command], cwd=root,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    proc.stdout.close()  # the reader goes away before the first line is written
    _, err = proc.communicate(timeout=60)
    assert err.decode() == ""
    assert proc.returncode == (0 if command == ["--help"] else 141)
