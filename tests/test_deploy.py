"""`mkdocs gh-deploy` into a local bare repository standing in for GitHub."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, mkdocs_env

SOURCES = ("mkdocs.yml", "docs", "overrides", "hooks", ".gitignore")


def git(*args: str, cwd: Path, env: dict[str, str]) -> str:
    proc = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, f"git {' '.join(args)}:\n{proc.stdout}{proc.stderr}"
    return proc.stdout


def test_gh_deploy_pushes_the_site_to_gh_pages(tmp_path):
    empty_config = tmp_path / "gitconfig"
    empty_config.write_text("")
    env = mkdocs_env() | {
        # Independent of the developer's git settings (signing, hooks, default branch).
        "GIT_CONFIG_GLOBAL": str(empty_config),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test Author",
        "GIT_AUTHOR_EMAIL": "author@example.invalid",
        "GIT_COMMITTER_NAME": "Test Committer",
        "GIT_COMMITTER_EMAIL": "committer@example.invalid",
    }
    env.pop("SITE_URL", None)

    remote = tmp_path / "remote.git"
    work = tmp_path / "work"
    git("init", "--bare", "--quiet", str(remote), cwd=tmp_path, env=env)
    work.mkdir()
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, work / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, work / name)
    git("init", "--quiet", "--initial-branch=main", cwd=work, env=env)
    git("remote", "add", "origin", str(remote), cwd=work, env=env)
    git("add", "-A", cwd=work, env=env)
    git("commit", "--quiet", "-m", "site sources", cwd=work, env=env)

    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "gh-deploy", "--force", "--strict",
         "--remote-name", "origin", "--remote-branch", "gh-pages"],
        cwd=work, env=env, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr

    files = set(git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote, env=env).split())
    article = sorted((work / "docs" / "articles").glob("*.zh-Hans.md"))[0].name.split(".")[0]
    for expected in (
        "index.html",
        "zh-Hant/index.html",
        "en/index.html",
        ".nojekyll",
        "404.html",
        "sitemap.xml",
        "pagefind/zh-Hans/pagefind-entry.json",
        f"articles/{article}/index.html",
    ):
        assert expected in files, f"{expected} not on gh-pages: {sorted(files)[:40]}"
    home = git("show", "gh-pages:index.html", cwd=remote, env=env)
    assert '<html lang="zh-Hans"' in home
    # gh-deploy pushes gh-pages only.
    branches = git("branch", "--format=%(refname:short)", cwd=remote, env=env).split()
    assert sorted(branches) == ["gh-pages"], branches
    assert os.path.isdir(work / "site")
