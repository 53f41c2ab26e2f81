"""The weekly workflow's steps (importer/propose.py) run locally: follow a feed on
127.0.0.1, commit the new pages to a branch, push it to a bare repository, and
write the pull request's text listing each article with its removal report."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from web import Answer, Site, article_html, rss

NOV = {2: "Mon, 02 Nov 2026 08:00:00 +0000", 9: "Mon, 09 Nov 2026 08:00:00 +0000"}


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def propose(cwd: Path, *args: str, output: Path) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(cwd.parent), "GITHUB_OUTPUT": str(output),
           "GIT_CONFIG_NOSYSTEM": "1"}  # no identity configured: the bot's is used, as on a runner
    return subprocess.run([sys.executable, "-m", "importer.propose", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def make_repository(tmp_path: Path, feed_url: str) -> tuple[Path, Path]:
    remote, work = tmp_path / "remote.git", tmp_path / "work"
    git(tmp_path, "init", "--bare", "-b", "main", str(remote))
    git(tmp_path, "init", "-b", "main", str(work))
    (work / "docs").mkdir()
    (work / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (work / ".gitignore").write_text(".cache/\ndocs/.import.lock\n", encoding="utf-8")
    (work / "sources.yml").write_text(f"feeds:\n  - url: {feed_url}\n    tags: [本地新闻]\n", encoding="utf-8")
    git(work, "add", "-A")
    git(work, "-c", "user.name=Editor", "-c", "user.email=editor@example.org", "commit", "-m", "The site")
    git(work, "remote", "add", "origin", str(remote))
    git(work, "push", "origin", "main")
    return remote, work


def outputs(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines())


def test_new_pages_are_committed_to_a_branch_pushed_and_described(tmp_path):
    with Site() as site:
        bus = site.add("/news/night-bus.html", Answer(article_html("night-bus").encode()))
        swap = site.add("/news/book-swap.html", Answer(article_html("book-swap").encode()))
        remote, work = make_repository(tmp_path, site.add(
            "/feed.rss", Answer(rss([("夜间公交", bus, NOV[2]), ("旧书", swap, NOV[9])]), "application/rss+xml")))
        body = tmp_path / "pull-request.md"
        proc = propose(work, "commit", "--body", str(body), "--date", "2026-11-21", output=tmp_path / "out1")
        assert proc.returncode == 0, proc.stderr
        out = outputs(tmp_path / "out1")
        branch = out["branch"]
        assert branch.startswith("follow/") and out["title"] == "Follow sources: 2 new articles, 0 updated"
        pushed = propose(work, "push", "--remote", "origin", "--branch", branch, output=tmp_path / "out2")
        assert pushed.returncode == 0, pushed.stderr

        # Run again on the branch, as next week once it is merged: nothing new, no branch.
        again = propose(work, "commit", "--body", str(tmp_path / "none.md"), output=tmp_path / "out3")
        assert again.returncode == 0, again.stderr
        assert outputs(tmp_path / "out3") == {"branch": "", "title": ""} and not (tmp_path / "none.md").exists()

    files = git(remote, "ls-tree", "-r", "--name-only", branch).splitlines()
    articles = sorted(f for f in files if f.startswith("docs/articles/"))
    assert len(articles) == 4  # two articles, Simplified and Traditional each
    assert git(remote, "log", "-1", "--format=%s|%an", branch) == f"{out['title']}|github-actions[bot]"
    assert git(remote, "rev-parse", f"{branch}~1") == git(remote, "rev-parse", "main")  # one commit on main
    assert "docs/articles" not in git(remote, "ls-tree", "-r", "--name-only", "main")
    assert ".cache" not in " ".join(files)

    text = body.read_text(encoding="utf-8")
    assert "### New: 湖畔小城试行夜间公交" in text and "### New: 社区图书馆推出旧书交换日" in text
    assert f"Source: {bus}" in text and f"Source: {swap}" in text
    for path in articles:
        assert f"- `{path}`: created" in text
    assert text.count("<summary>Removed by cleaning: ") == 2 and "| metadata |" in text


def test_a_failing_feed_is_listed_and_nothing_new_makes_no_branch(tmp_path):
    with Site() as site:
        remote, work = make_repository(tmp_path, site.url("/missing.rss"))
        proc = propose(work, "commit", "--body", str(tmp_path / "pr.md"), output=tmp_path / "out")
    assert proc.returncode == 1  # the run shows the failure
    assert outputs(tmp_path / "out") == {"branch": "", "title": ""}
    assert git(remote, "for-each-ref", "--format=%(refname)") == "refs/heads/main"
    assert git(work, "status", "--porcelain") == ""
