"""bench/parallel_sources.py: the benchmark's real parallel text, made into a cache outside git.

The mirrors here are tiny git repositories of our own sentences, laid out as
`fetch` lays out a publisher's repository.
"""
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import parallel_sources  # noqa: E402


def _mirror(mirrors: Path, name: str, files: dict[str, str]) -> None:
    work = mirrors / "work"
    for path, text in files.items():
        (work / path).parent.mkdir(parents=True, exist_ok=True)
        (work / path).write_text(text, encoding="utf-8")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-C", str(work)]
    subprocess.run(["git", "init", "-q", str(work)], check=True)
    subprocess.run(git + ["add", "."], check=True)
    subprocess.run(git + ["commit", "-qm", "pages"], check=True)
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(mirrors / name / "repo")], check=True)


def test_pages_are_paired_line_by_line_into_the_cache(tmp_path):
    mirrors = tmp_path / "mirrors"
    _mirror(mirrors, "rustdesk+doc.rustdesk.com", {
        "docs/setup.zh-cn.md": "---\ntitle: 安装\n---\n# 安装软件\n\n```sh\n# 代码里的注释\n```\n"
                               "打开设置页面。然后重启服务器。\n\nSee `v1.2`: 内存不足时请关闭程序。\n",
        "docs/setup.zh-tw.md": "---\ntitle: 安裝\n---\n# 安裝軟體\n\n```sh\n# 程式碼裡的註解\n```\n"
                               "開啟設定頁面。然後重新啟動伺服器。\n\nSee `v1.2`: 記憶體不足時請關閉程式。\n",
        "docs/only.zh-cn.md": "没有繁体版本的页面。\n",
    })
    out = tmp_path / "cache"
    made, missing = parallel_sources.build(out, mirrors, only=["rustdesk.tsv"])
    assert made == {"rustdesk.tsv": "4 pairs"} and missing == {}
    rows = [line.split("\t") for line in (out / "rustdesk.tsv").read_text(encoding="utf-8").splitlines()]
    assert [(r[2], r[3]) for r in rows] == [
        ("# 安装软件", "# 安裝軟體"),
        ("打开设置页面。", "開啟設定頁面。"),  # one line, cut into sentences on both sides alike
        ("然后重启服务器。", "然後重新啟動伺服器。"),
        ("See `v1.2`: 内存不足时请关闭程序。", "See `v1.2`: 記憶體不足時請關閉程式。"),
    ]  # no front matter, no fenced code, no page without a twin
    assert {r[0] for r in rows} == {"docs/setup.zh-cn.md"} and {r[1] for r in rows} <= {"dev", "heldout"}
    assert not list(out.glob(".*.part"))


def test_a_missing_mirror_is_a_note_not_an_error(tmp_path):
    made, missing = parallel_sources.build(tmp_path / "cache", tmp_path / "no-mirrors", tmp_path / "no-pages")
    assert made == {} and set(missing) == set(parallel_sources.FILES)
    assert "tldr-pages/tldr" in missing["tldr.tsv"] and not (tmp_path / "cache").exists()
    run = subprocess.run([sys.executable, parallel_sources.__file__, "--mirrors", str(tmp_path / "no-mirrors"),
                          "--saved", str(tmp_path / "no-pages"), "--out", str(tmp_path / "cache")],
                         capture_output=True, text=True)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "rustdesk.tsv not made" in run.stderr


def test_saved_pages_are_paired_by_sentence_similarity(tmp_path):
    pages = tmp_path / "labelled" / "parallel-gate"
    pages.mkdir(parents=True)
    (pages / "rates.zh.txt").write_text(
        "https://example.com/zh/article/rates\n"
        "央行宣布降息，市场情绪回暖。投资者重新评估风险资产。\n"
        "这是只有简体版才有的一句话。\n"
        "分析师认为通胀仍然偏高。交易量随之上升，但", encoding="utf-8")  # the last line is cut
    (pages / "rates.zh-tw.txt").write_text(
        "https://example.com/zh-tw/article/rates\n"
        "央行宣布降息，市場情緒回暖。投資人重新評估風險資產。\n"
        "分析師認為通膨仍然偏高。交易量隨之上升，但", encoding="utf-8")
    (pages / "orphan.zh.txt").write_text("https://example.com/zh/orphan\n没有繁体版本。\n", encoding="utf-8")
    out = tmp_path / "cache"
    made, missing = parallel_sources.build(out, tmp_path / "no-mirrors", tmp_path / "labelled", only=["gate.tsv"])
    assert made == {"gate.tsv": "3 pairs"} and missing == {}
    rows = [line.split("\t") for line in (out / "gate.tsv").read_text(encoding="utf-8").splitlines()]
    assert [(r[2], r[3]) for r in rows] == [
        ("央行宣布降息，市场情绪回暖。", "央行宣布降息，市場情緒回暖。"),
        ("投资者重新评估风险资产。", "投資人重新評估風險資產。"),  # a word apart: still the same sentence
        ("分析师认为通胀仍然偏高。", "分析師認為通膨仍然偏高。"),  # the Simplified-only sentence is skipped
    ]  # and the sentence the excerpt cuts short
    assert {r[0] for r in rows} == {"https://example.com/zh/article/rates"}
    assert rows[0][1] == parallel_sources.split_of("https://example.com/zh/article/rates")


def test_missing_saved_pages_are_a_note(tmp_path):
    made, missing = parallel_sources.build(tmp_path / "cache", tmp_path, tmp_path / "nothing", only=["gate.tsv"])
    assert made == {} and "saved pages" in missing["gate.tsv"]


def test_sources_held_out_whole_put_every_page_in_heldout(tmp_path):
    mirrors = tmp_path / "mirrors"
    pages = {f"source/zh-cn/docs/p{i}.md": f"# 第{i}页\n\n打开设置页面。\n" for i in range(6)}
    pages |= {f"source/zh-tw/docs/p{i}.md": f"# 第{i}頁\n\n開啟設定頁面。\n" for i in range(6)}
    _mirror(mirrors, "hexojs+site", pages)
    out = tmp_path / "cache"
    made, missing = parallel_sources.build(out, mirrors, only=["hexo.tsv"])
    assert made == {"hexo.tsv": "7 pairs"} and missing == {}  # the repeated line counts once
    rows = [line.split("\t") for line in (out / "hexo.tsv").read_text(encoding="utf-8").splitlines()]
    assert {r[1] for r in rows} == {"heldout"}
    assert {parallel_sources.split_of(r[0]) for r in rows} == {"dev", "heldout"}  # a hash would have split them
