"""Learned boilerplate: a block that recurs above or below different posts is removed
once two articles show it, even when no rule knows its words."""
from __future__ import annotations

import yaml

from helpers import import_json, split_page

from importer.boilerplate import STORE_NAME, Known, learn, signature

# A site header no rule knows: no campaign words, no links, no menu shape.
HEADER = ["晨光读书会 · 第四季", "每周三晚上八点，和我们一起读完一本好书", "本季共读：城市、河流与记忆"]
POSTS = [
    ["河流怎样塑造一座城市", "老城区沿着河岸生长，码头、仓库和集市的位置，至今仍决定着街道的走向和店铺的分布。",
     "上世纪的填河工程让一部分水道消失了，但地名里还留着桥、埠、湾这样的字，提醒人们水曾经在那里。"],
    ["记忆里的菜市场", "小时候去菜市场，最先闻到的是鱼摊的水腥气，然后才是葱姜和刚出锅的油条的香味。",
     "如今的市场搬进了大楼，摊位按编号排列，可讨价还价的声音和从前几乎一模一样，让人觉得亲切。"],
    ["城市夜晚的声音", "夜里十一点以后，城市的声音换了一套：远处高架上的车流，近处便利店的提示音，还有风。",
     "有人把这些声音录下来做成专辑，说失眠的时候听一听，会觉得自己并不是唯一醒着的人。"],
]


def write_posts(folder, header=HEADER, posts=POSTS):
    folder.mkdir(parents=True, exist_ok=True)
    for n, post in enumerate(posts):
        (folder / f"post-{n}.txt").write_text("\n".join(header + post) + "\n", encoding="utf-8")
    return folder


def test_signature_ignores_numbers_addresses_and_punctuation():
    assert signature("第 4 季：报名 https://a.example/x?id=1 ！") == signature("第12季 报名 https://b.example/y")
    assert signature("晨光读书会") != signature("晨光读书社")


def test_a_header_shared_by_different_posts_is_learned_and_removed(tmp_path):
    report = import_json(write_posts(tmp_path / "inbox"), docs=tmp_path / "docs")
    assert report["errors"] == []
    store = yaml.safe_load((tmp_path / STORE_NAME).read_text(encoding="utf-8"))
    assert [e["text"] for e in store["lines"]] == HEADER
    for article, post in zip(report["articles"], POSTS):
        meta, body = split_page(tmp_path / "docs" / "articles" / f"{article['slug']}.zh-Hans.md")
        assert meta["title"] == post[0]
        assert not any(line in body for line in HEADER)
        assert all(line in body for line in post[1:])
        assert {(r["kind"], r["rule"]) for r in article["removed"]} == {("boilerplate", "learned-boilerplate")}


def test_what_was_learned_cleans_the_next_import_on_its_own(tmp_path):
    import_json(write_posts(tmp_path / "week1"), docs=tmp_path / "docs")
    later = [["桥下的旧书摊", "周末的早晨，桥洞下会摆出一排旧书摊，摊主们彼此熟识，互相照看生意。",
              "翻到一本扉页写着赠言的旧诗集，五块钱买下，像是替陌生人保管了一段往事。"]]
    report = import_json(write_posts(tmp_path / "week2", posts=later), docs=tmp_path / "docs")
    meta, body = split_page(tmp_path / "docs" / "articles" / f"{report['articles'][0]['slug']}.zh-Hans.md")
    assert meta["title"] == later[0][0] and not any(line in body for line in HEADER)


def test_copies_of_one_article_teach_nothing():
    post = HEADER + POSTS[0]
    fixed = post[:-1] + [post[-1].replace("提醒", "告诉")]  # a corrected word
    assert learn([post, fixed, post + ["补记：本文写于去年秋天。"]], Known()) == []


def test_a_short_heading_recurring_in_articles_is_never_learned():
    posts = [[p[0], "引言", p[1], "结语", p[2]] for p in POSTS]
    learned = {text for text, _ in learn(posts, Known())}
    assert not learned & {"引言", "结语"}


def test_a_learned_line_inside_an_article_stays(tmp_path):
    import_json(write_posts(tmp_path / "week1"), docs=tmp_path / "docs")
    quoting = [["读书会的一年", "今年读书会的口号是“" + HEADER[1] + "”，很多人因为这句话第一次走进来。",
                HEADER[1], "这句话后来被印在了书签上，送给每一位来过的朋友。"]]
    report = import_json(write_posts(tmp_path / "week2", header=[], posts=quoting), docs=tmp_path / "docs")
    _, body = split_page(tmp_path / "docs" / "articles" / f"{report['articles'][0]['slug']}.zh-Hans.md")
    assert any(line.lstrip("# ") == HEADER[1] for line in body.split("\n"))  # the line itself, not only the quote


def test_dry_run_learns_but_writes_no_file(tmp_path):
    import_json(write_posts(tmp_path / "inbox"), "--dry-run", docs=tmp_path / "docs")
    assert not (tmp_path / STORE_NAME).exists()


def test_reimporting_an_edited_post_does_not_learn_its_own_text(tmp_path):
    inbox = write_posts(tmp_path / "inbox", header=[], posts=POSTS[:1])
    import_json(inbox, docs=tmp_path / "docs")
    post = inbox / "post-0.txt"
    lines = post.read_text(encoding="utf-8").split("\n")
    lines[2] = "上世纪的填河工程让不少水道从地图上消失，只在老人的记忆和地名里留下了痕迹。"
    post.write_text("\n".join(lines), encoding="utf-8")
    report = import_json(inbox, docs=tmp_path / "docs")
    assert report["articles"][0]["removed"] == []
    assert not (tmp_path / STORE_NAME).exists()
