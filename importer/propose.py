"""The weekly workflow's steps (.github/workflows/follow.yml), runnable anywhere:

    python -m importer.propose commit --body FILE [--branch NAME] [FOLLOW OPTIONS…]
        runs `follow`, and when it wrote something commits the pages to a new
        branch and writes the pull request's text (each new or updated article,
        its pages and its removal report; the sources that failed) to FILE;
        prints `branch=` and `title=` (also to $GITHUB_OUTPUT), empty when nothing is new.
    python -m importer.propose push --remote REMOTE --branch NAME
        pushes that branch.

Opening the pull request is the workflow's one `gh pr create` line. The steps run
in the repository's root (where sources.yml and docs/ are).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

BOT = ("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com")
# What the importer writes that belongs in the repository.
COMMITTED = ("docs", "learned-boilerplate.yml")
MAX_REMOVED_TEXT = 160


def git(*args: str) -> str:
    return subprocess.run(["git", *args], check=True, capture_output=True, text=True).stdout.strip()


def commit(body_file: Path, branch: str | None, follow_args: list[str]) -> int:
    proc = subprocess.run([sys.executable, "-m", "importer", "follow", "--json", *follow_args],
                          capture_output=True, text=True)
    try:
        report = json.loads(proc.stdout)
    except ValueError:  # a usage error: follow said why in one line
        sys.stderr.write(proc.stderr)
        return proc.returncode or 1
    changed = [a for a in report["articles"] if set(a["actions"].values()) - {"unchanged"}]
    git("add", "-A", "--", *[p for p in COMMITTED if Path(p).exists()])
    staged = subprocess.run(["git", "diff", "--cached", "--quiet"]).returncode != 0
    if not staged:
        _output(branch="", title="")
        print(f"nothing new ({len(report['errors'])} sources failed)")
        return proc.returncode
    new = sum(a["new"] for a in changed)
    title = f"Follow sources: {new} new article{'s' * (new != 1)}, {len(changed) - new} updated"
    branch = branch or dt.datetime.now(dt.timezone.utc).strftime("follow/%Y-%m-%d-%H%M%S")
    git("checkout", "-b", branch)
    identity = [] if _configured("user.email") else ["-c", f"user.name={BOT[0]}", "-c", f"user.email={BOT[1]}"]
    git(*identity, "commit", "-m", title, "-m", "Imported by python -m importer follow from sources.yml.")
    body_file.write_text(pull_request_text(changed, report["errors"]), encoding="utf-8")
    _output(branch=branch, title=title)
    return 0


def push(remote: str, branch: str) -> int:
    git("push", remote, f"{branch}:refs/heads/{branch}")
    print(f"pushed {branch} to {remote}")
    return 0


def pull_request_text(articles: list[dict], errors: list[dict]) -> str:
    """Markdown for the editor: what each article is, where its pages are, what cleaning removed."""
    lines = ["Imported by `python -m importer follow` from `sources.yml`. Review each page "
             "(`make serve`) and what cleaning removed before merging; nothing is published until then.", ""]
    for article in articles:
        lang, path = next(iter(article["pages"].items()))
        title = _title(Path(path)) or article["slug"]
        lines += [f"### {'New' if article['new'] else 'Updated'}: {title}", "",
                  f"Source: {article['source']}", ""]
        lines += [f"- `{_relative(p)}`: {article['actions'][lang]}" for lang, p in article["pages"].items()]
        removed = article["removed"]
        lines += ["", f"<details><summary>Removed by cleaning: {len(removed)}</summary>", ""]
        if removed:
            lines += ["| kind | rule | text |", "| --- | --- | --- |"]
            lines += [f"| {r['kind']} | {r['rule']} | {_cell(r['text'])} |" for r in removed]
        lines += ["", "</details>", ""]
    if errors:
        lines += ["### Sources that failed", ""] + [f"- {e['source']}: {e['message']}" for e in errors] + [""]
    return "\n".join(lines)


def _title(page: Path) -> str:
    try:
        head = page.read_text(encoding="utf-8").split("\n---\n", 1)[0]
        return str(yaml.safe_load(head.removeprefix("---\n")).get("title") or "")
    except (OSError, ValueError, AttributeError, yaml.YAMLError):
        return ""


def _relative(path: str) -> str:
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path


def _cell(text: str) -> str:
    text = " ".join(text.split())
    text = text if len(text) <= MAX_REMOVED_TEXT else text[:MAX_REMOVED_TEXT] + "…"
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;") or " "


def _configured(key: str) -> bool:
    return subprocess.run(["git", "config", key], capture_output=True).returncode == 0


def _output(**values: str) -> None:
    """Print the step's outputs, and hand them to the workflow when it runs in one."""
    text = "".join(f"{k}={v}\n" for k, v in values.items())
    sys.stdout.write(text)
    if os.environ.get("GITHUB_OUTPUT"):
        with open(os.environ["GITHUB_OUTPUT"], "a", encoding="utf-8") as fh:
            fh.write(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m importer.propose", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="step", required=True)
    c = sub.add_parser("commit", help="follow, then commit what is new to a branch")
    c.add_argument("--body", type=Path, required=True, help="where to write the pull request's text")
    c.add_argument("--branch", help="branch name (default: follow/<UTC date and time>)")
    p = sub.add_parser("push", help="push the branch")
    p.add_argument("--remote", required=True)
    p.add_argument("--branch", required=True)
    args, rest = parser.parse_known_args(argv)
    if args.step == "push" and rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    try:
        if args.step == "commit":
            return commit(args.body, args.branch, rest)
        return push(args.remote, args.branch)
    except subprocess.CalledProcessError as exc:
        detail = (exc.stderr or "").strip().splitlines()
        print(f"error: git {' '.join(exc.cmd[1:])}: {detail[-1] if detail else 'failed'}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
