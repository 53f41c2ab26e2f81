"""Identity benchmark: do edits keep one article, and do different articles stay apart?

For every labelled text of the corpus it makes the edits an editor makes (a typo
or three, a paragraph added or removed, a promo banner added or removed, all
of these at once), imports the original and asks which known article the edited
version is. It also asks, for each original, whether it would be taken for one of
the other articles (leave-one-out: many Gate posts carry the same banner).

Two rules are scored in the same run: the importer's (importer/identity.py) and
the baseline it replaced (the source URL, else the title and the first 200
characters of the first paragraph). And two cleaners: the importer's, and none
at all (every line kept, banners included) to show the rule does not depend on
the cleaner removing boilerplate. Prints per-file and total figures and the
figures per kind of edit, and the smallest change between two different articles
(the rule takes up to MAX_CHANGE as one article).

    python bench/bench_identity.py [--corpus DIR] [--seeds DIR] [--repeats 3]
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from importer.errors import InputError  # noqa: E402
from importer import identity  # noqa: E402
from importer.catalogue import Catalogue  # noqa: E402
from importer.pipeline import Settings, identify, process  # noqa: E402
from importer.readers import read_text_article  # noqa: E402
from importer.parts import split_parts  # noqa: E402
from importer.variants import make_pages  # noqa: E402

CONTENT = ("C", "X:en", "X:zh")
EDITS = ("typo", "typos", "add-paragraph", "remove-paragraph", "add-banner", "remove-banner", "all-at-once")


class Corpus:
    def __init__(self, corpus: Path, seeds: Path | None):
        self.lines, self.labels = {}, {}
        for path in sorted(corpus.glob("*.txt")):
            self.lines[path.stem] = _lines(path)
            self.labels[path.stem] = _lines(corpus / f"{path.stem}.labels")
            assert len(self.lines[path.stem]) == len(self.labels[path.stem]), path
        self.unlabelled = {p.stem: _lines(p) for p in sorted(seeds.glob("*.txt"))} if seeds else {}
        self.banners = {n: [ln for ln, lab in zip(self.lines[n], self.labels[n]) if lab == "B"] for n in self.lines}
        self.banners = {n: b for n, b in self.banners.items() if b}
        self.paragraphs = [ln for n in self.lines for ln, lab in zip(self.lines[n], self.labels[n])
                           if lab in CONTENT and len(ln) > 40]

    def edit(self, name: str, kind: str, rng: random.Random) -> str | None:
        """The text of `name` after one editor's edit, or None when that edit does not apply."""
        lines, labels = list(self.lines[name]), list(self.labels[name])
        content = [i for i, lab in enumerate(labels) if lab in CONTENT and lines[i].strip()]
        if kind == "all-at-once":
            if name not in self.banners or len(content) < 2:
                return None
            for step in ("typo", "add-paragraph", "remove-banner"):
                lines, labels = self._apply(step, name, lines, labels, rng)
            return "\n".join(lines)
        if (kind == "remove-paragraph" and len(content) < 2) or (kind == "remove-banner" and name not in self.banners):
            return None
        return "\n".join(self._apply(kind, name, lines, labels, rng)[0])

    def _apply(self, kind, name, lines, labels, rng):
        content = [i for i, lab in enumerate(labels) if lab in CONTENT and lines[i].strip()]
        if kind in ("typo", "typos"):
            for _ in range(1 if kind == "typo" else 3):
                i = rng.choice(content)
                lines[i] = _typo(lines[i], rng)
        elif kind == "add-paragraph":
            i = rng.choice(content) + 1
            lines.insert(i, rng.choice(self.paragraphs))
            labels.insert(i, "C")
        elif kind == "remove-paragraph":
            i = rng.choice(content)
            del lines[i], labels[i]
        elif kind == "add-banner":
            banner = self.banners[rng.choice(sorted(set(self.banners) - {name}))]
            lines, labels = banner + lines, ["B"] * len(banner) + labels
        elif kind == "remove-banner":
            keep = [i for i, lab in enumerate(labels) if lab != "B"]
            lines, labels = [lines[i] for i in keep], [labels[i] for i in keep]
        return lines, labels


def _lines(path: Path) -> list[str]:
    """A file's lines as the corpus counts them: a final newline does not start another line."""
    text = path.read_text(encoding="utf-8")
    return text.removesuffix("\n").split("\n")


def _typo(line: str, rng: random.Random) -> str:
    letters = [i for i, ch in enumerate(line) if ch.isalpha()]
    if not letters:
        return line + "。"
    i = rng.choice(letters)
    return line[:i] + chr(ord(line[i]) + 1) + line[i + 1:]


def article_of(text: str, name: str, cleaned: bool):
    path = Path(f"{name}.txt")
    if cleaned:
        return process(path, text.encode("utf-8"), Settings())
    article = replace(read_text_article(text.encode("utf-8")), source=str(path))
    return make_pages(split_parts(article), Settings().hant_config)


def baseline_key(article) -> str:
    """The identity the importer used before: URL, else title + the first 200 characters of the opening."""
    meta = article.meta
    opening = next((b.text for p in article.parts for b in p.blocks if b.kind == "para"), "")[:200]
    return meta.get("source") or meta.get("link") or meta["title"] + opening


def catalogue_of(known: dict[str, tuple]) -> Catalogue:
    """A catalogue holding the given articles (name -> (fingerprint, body)) as if their pages existed."""
    with tempfile.TemporaryDirectory() as empty:
        catalogue = Catalogue(Path(empty))
    for name, (fp, body) in known.items():
        catalogue.record(name, {"en": Path(f"/nowhere/{name}.en.md")}, fp, body)
    return catalogue


def score(fp_new, fp_old, catalogue: Catalogue) -> float:
    """The change ratio the rule compares with MAX_CHANGE (inf when nothing is shared)."""
    boiler = {h for h in fp_new.sentences.keys() | fp_old.sentences.keys()
              if len(catalogue.postings.get(h, ())) >= identity.BOILERPLATE_ARTICLES}
    shared, a, b = identity.overlap(fp_new, fp_old, boiler)
    return min(a, b) / shared if shared else float("inf")


def run(corpus: Corpus, cleaned: bool, repeats: int) -> dict:
    originals = {n: article_of("\n".join(corpus.lines[n]), n, cleaned) for n in corpus.lines}
    originals.update({n: article_of("\n".join(t), n, cleaned) for n, t in corpus.unlabelled.items()})
    idents = {n: identify(a) for n, a in originals.items()}
    everything = catalogue_of({n: (fp, body) for n, (fp, _, body) in idents.items()})
    per_file = {n: dict.fromkeys(("edits", "kept", "kept_base", "merged", "merged_pair", "merged_base"), 0)
                for n in originals}
    by_kind = {kind: [0, 0, 0] for kind in EDITS}  # edits, kept by the rule, kept by the baseline
    closest_other = (float("inf"), "")

    for name in corpus.lines:
        rng = random.Random(name)
        for kind in EDITS:
            for _ in range(repeats):
                text = corpus.edit(name, kind, rng)
                if text is None:
                    continue
                try:
                    edited = article_of(text, name, cleaned)
                except InputError as exc:  # the edit left no article (a one-paragraph post lost it)
                    print(f"{name}: {kind} edit not importable ({exc}); not scored", file=sys.stderr)
                    continue
                fp, new_id, _ = identify(edited)
                found = everything.find(new_id, fp)
                kept = found is not None and found.article_id == name
                kept_base = baseline_key(edited) == baseline_key(originals[name])
                row = per_file[name]
                row["edits"] += 1
                row["kept"] += kept
                row["kept_base"] += kept_base
                for i, n in enumerate((1, kept, kept_base)):
                    by_kind[kind][i] += n

    keys = {n: baseline_key(a) for n, a in originals.items()}
    for name, (fp, new_id, _) in idents.items():
        row = per_file[name]
        # All the others known: banners shared by three or more of them count as boilerplate.
        others = catalogue_of({n: (f, b) for n, (f, _, b) in idents.items() if n != name})
        row["merged"] += others.find(new_id, fp) is not None
        row["merged_base"] += sum(keys[o] == keys[name] for o in keys if o != name)
        # One other known at a time: nothing is boilerplate yet, the strictest case.
        for other, (ofp, _, obody) in idents.items():
            if other != name:
                row["merged_pair"] += catalogue_of({other: (ofp, obody)}).find(new_id, fp) is not None
                ratio = score(fp, ofp, catalogue_of({}))
                if ratio < closest_other[0]:
                    closest_other = (ratio, f"{name} ~ {other}")
    return {"per_file": per_file, "by_kind": by_kind, "closest_other": closest_other}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--repeats", type=int, default=3, help="random edits of each kind per file")
    args = parser.parse_args()
    corpus = Corpus(args.corpus, args.seeds if args.seeds.is_dir() else None)
    results = {mode: run(corpus, mode == "cleaned", args.repeats) for mode in ("cleaned", "uncleaned")}

    print(f"{'':44} {'':>5}  {'edits that stay one article':>28}  {'taken for another article':>42}")
    print(f"{'file':44} {'edits':>5}  {'rule':>13} {'baseline':>14}  {'rule: all known':>15} {'one known':>10} "
          f"{'baseline':>15}")
    for mode, res in results.items():
        print(f"-- cleaner: {'the importer' if mode == 'cleaned' else 'none (banners and chrome left in)'}")
        totals = dict.fromkeys(next(iter(res["per_file"].values())), 0)
        for name, row in res["per_file"].items():
            for k in totals:
                totals[k] += row[k]
            print(f"{name[:44]:44} {row['edits']:5}  {row['kept']:>13} {row['kept_base']:>14}  "
                  f"{row['merged']:>15} {row['merged_pair']:>10} {row['merged_base']:>15}")
        edits, files = totals["edits"], len(res["per_file"])
        print(f"{'TOTAL':44} {edits:5}  {totals['kept'] / edits:>13.1%} {totals['kept_base'] / edits:>14.1%}  "
              f"{totals['merged']:>9} of {files} {totals['merged_pair']:>4} of {files * (files - 1)} "
              f"{totals['merged_base']:>9} of {files * (files - 1)}")
        for kind, (n, kept, kept_base) in res["by_kind"].items():
            print(f"   {kind:18} {n:4} edits: {kept / n:6.1%} stay one article ({kept_base / n:.1%} baseline)")
        print(f"   smallest change between different articles (one known): {res['closest_other'][0]:.3f}  "
              f"[{res['closest_other'][1]}]   (the rule takes up to {identity.MAX_CHANGE} as one article)")


if __name__ == "__main__":
    main()
