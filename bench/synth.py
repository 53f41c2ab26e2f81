"""Synthetic scraped articles in the two input shapes, for benchmarks.

Text is assembled from a small vocabulary written for this project, so the
benchmarks need no third-party content; Traditional posts are made with OpenCC.
"""
from __future__ import annotations

import random
from pathlib import Path

from importer.script import convert

SUBJECTS = ["云服务商", "芯片厂商", "开源社区", "初创公司", "监管机构", "投资者", "研究团队", "数据中心", "软件平台", "内存厂商"]
VERBS = ["宣布", "加快", "放缓", "调整", "扩大", "重新评估", "推迟", "提高", "降低", "公开"]
OBJECTS = ["资本支出计划", "模型训练成本", "数字化转型进度", "供应链布局", "内存采购合同", "推理服务价格",
           "海外建设项目", "软件订阅收入", "研发预算", "开源许可条款"]
TAILS = ["市场对此反应谨慎。", "分析人士认为影响将持续到明年。", "这一变化超出了多数人的预期。",
         "相关公司的股价随之波动。", "业内人士呼吁保持耐心。", "具体细节仍有待公布。"]
EN_WORDS = ("cloud chip model market investor capital spending growth revenue data center inference "
            "training cost policy export license startup research benchmark memory software").split()


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)}{rng.choice(VERBS)}{rng.choice(OBJECTS)}，{rng.choice(TAILS)}"


def _paragraph(rng: random.Random, chars: int) -> str:
    out = ""
    while len(out) < chars:
        out += _sentence(rng)
    return out


def _english(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(EN_WORDS) for _ in range(words)).capitalize() + "."


def weekly(n: int, rng: random.Random, chars: int = 3000) -> str:
    lines = [f"科技周报 - 第{n}期:{rng.choice(SUBJECTS)}{rng.choice(VERBS)}{rng.choice(OBJECTS)} - 2025年{n % 12 + 1}月{n % 28 + 1}日",
             f"内容来源:https://weekly.example.com/issues/{n}", "内容总结:"]
    for _ in range(3):
        lines += [f"{rng.choice(SUBJECTS)}{rng.choice(VERBS)}", _paragraph(rng, chars // 14)]
    lines.append("中文翻译:")
    for k in range(1, 4):
        lines.append(f"{k}. {rng.choice(OBJECTS)}")
        lines += [f"- {rng.choice(SUBJECTS)}:{_paragraph(rng, chars // 20)}" for _ in range(3)]
    lines.append("英文来源:")
    for k in range(3):
        lines.append(f"- Section {k}: {rng.choice(EN_WORDS).title()} {rng.choice(EN_WORDS).title()}")
        lines += [f"- Source {j}: {_english(rng, 12)} – {_english(rng, 25)}" for j in range(3)]
    lines += [f"文章标题:科技周报 - 第{n}期", f"文章链接:https://blog.example.cn/?post={n}", "本站文章均为原创,未经授权请勿转载"]
    return "\n".join(lines) + "\n"


def social_post(n: int, rng: random.Random, chars: int = 3600) -> str:
    banner = ["星河社群「作者扶持計劃」火熱招募中!", f"發文即可瓜分 {n % 9 + 1},000 USDT 創作獎金!",
              "① 登入 App 進入【社群】", "② 點擊頭像申請認證",
              f"報名入口:https://exchange.example.com/questionnaire/{n}"]
    body = [f"{rng.choice(SUBJECTS)}{rng.choice(VERBS)}{rng.choice(OBJECTS)}?"]
    while sum(map(len, body)) < chars:
        body.append(_paragraph(rng, 300))
        if rng.random() < 0.3:
            body.append("! image.png")
        if rng.random() < 0.2:
            body.append(f"{rng.choice(OBJECTS)}的变化")
    body.append(f"作者:作者{n}")
    return "\n".join(banner) + "\n" + convert("\n".join(body), "s2twp") + "\n"


def generate(directory: Path, count: int, seed: int = 7) -> list[Path]:
    """`count` articles, alternating the two shapes, written as UTF-8 files."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        text = weekly(n + 1, rng) if n % 2 else social_post(n + 1, rng)
        path = directory / f"{n:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
