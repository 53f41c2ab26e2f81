"""The workflows (publish, follow): every action pinned to a commit, least permissions, no
persisted token, and zizmor (a GitHub Actions auditor, run offline) finds nothing."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT, unavailable

WORKFLOWS = ROOT / ".github" / "workflows"
PINNED = re.compile(r"^\s*(?:-\s*)?uses:\s*[\w.-]+/[\w./-]+@[0-9a-f]{40}\s+#\s*v\d+(?:\.\d+)*\s*$")


def test_zizmor_finds_nothing():
    zizmor = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or shutil.which("zizmor")
    if zizmor is None:
        unavailable("zizmor is not installed (pip install -e '.[test]')")
    proc = subprocess.run([zizmor, "--offline", "--persona", "auditor", str(WORKFLOWS)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "No findings" in proc.stdout + proc.stderr, proc.stdout + proc.stderr


def test_actions_are_pinned_and_jobs_get_only_their_permissions():
    for path in WORKFLOWS.glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        uses = [line for line in text.splitlines() if re.match(r"^\s*(?:-\s*)?uses:", line)]
        assert uses and all(PINNED.match(line) for line in uses), [u for u in uses if not PINNED.match(u)]
        workflow = yaml.safe_load(text)
        assert workflow["permissions"] == {}, path
        for name, job in workflow["jobs"].items():
            assert "write-all" not in str(job.get("permissions")) and job.get("permissions"), (path, name)
            for step in job["steps"]:
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, (path, name)


def test_the_follow_workflow_runs_weekly_with_only_its_permissions_and_the_tested_steps():
    workflow = yaml.safe_load((WORKFLOWS / "follow.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    minute, hour, day, month, weekday = triggers["schedule"][0]["cron"].split()
    assert day == month == "*" and weekday.isdigit()  # once a week
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    runs = [step["run"] for step in job["steps"] if "run" in step]
    # The logic is importer/propose.py (tests/test_propose.py); the workflow only calls it.
    assert any("python -m importer.propose commit" in r for r in runs)
    assert any("python -m importer.propose push" in r and "gh pr create" in r for r in runs)
    assert not any("${{" in r for r in runs)  # values reach scripts through env, never pasted in
    token_steps = [s for s in job["steps"] if "github.token" in str(s.get("env", {}))]
    assert [s["name"] for s in token_steps] == ["Push the branch and open a pull request"]
