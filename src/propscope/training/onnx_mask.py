"""Drop the attention mask from an exported encoder graph that scores unpadded windows.

The technique model scores one window at a time (dynamic int8 quantisation takes its
activation scale over the whole batch, so batching would change scores), so no window is
ever padded and the attention mask is all ones.  The exported graph still builds an additive
mask from it (``0.0`` where attended, the float32 minimum elsewhere) and adds it to every
layer's attention scores before the softmax: six ``[1, 12, n, n]`` additions of zeros and the
ops that build them, about 5 % of the encoder's CPU time.  ``x + 0.0 == x`` for every float,
so removing them changes no output bit for an unpadded window.

:func:`drop_attention_mask` removes each ``Add`` that feeds a ``Softmax`` with a term computed
from the ``attention_mask`` input, then every node left without a consumer, then the input
itself.  It checks the result: on random unpadded windows the logits must be bit-identical to
the original graph's.  The runtime (:class:`~propscope.analyzers.techniques.runtime.OnnxTagger`)
reads a graph without ``attention_mask`` as one that must never see padding and batches only
windows of the same length.

    python -m propscope.training.onnx_mask IN.onnx OUT.onnx

Needs ``onnx`` (the ``[train]`` extra) and onnxruntime.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

__all__ = ["check_same_logits", "drop_attention_mask"]

MASK_INPUT = "attention_mask"


def _dependents(graph: Any, roots: set[str], *, through_shape: bool = True) -> set[str]:
    """Tensors computed from ``roots``; with ``through_shape=False`` a ``Shape`` stops the
    trail (its output depends on the sizes, not on the values)."""
    dep = set(roots)
    for node in graph.node:  # ONNX graphs are topologically sorted
        if (through_shape or node.op_type != "Shape") and any(i in dep for i in node.input):
            dep.update(node.output)
    return dep


def drop_attention_mask(model: Any) -> int:
    """Remove the additive attention mask from ``model`` (an ``onnx.ModelProto``) in place;
    returns the number of mask additions removed (0: the graph has no such mask, unchanged)."""
    graph = model.graph
    if MASK_INPUT not in {i.name for i in graph.input}:
        return 0
    # a mask term is computed from the mask alone (and constants), not from the tokens
    data = _dependents(graph, {i.name for i in graph.input} - {MASK_INPUT}, through_shape=False)
    mask_only = _dependents(graph, {MASK_INPUT}) - data
    consumers: dict[str, list[Any]] = {}
    for node in graph.node:
        for i in node.input:
            consumers.setdefault(i, []).append(node)
    rename: dict[str, str] = {}
    drop: set[int] = set()
    for node in graph.node:
        if node.op_type != "Add" or len(node.input) != 2:
            continue
        masked = [i in mask_only for i in node.input]
        if masked.count(True) != 1 or node.input[masked.index(False)] not in data:
            continue
        if not all(c.op_type == "Softmax" for c in consumers.get(node.output[0], [])):
            continue
        rename[node.output[0]] = node.input[masked.index(False)]
        drop.add(id(node))
    if not rename:
        return 0
    original = type(model)()
    original.CopyFrom(model)
    nodes = [n for n in graph.node if id(n) not in drop]
    for node in nodes:
        for k, name in enumerate(node.input):
            if name in rename:
                node.input[k] = rename[name]
    outputs = {o.name for o in graph.output}
    while True:  # drop what nothing reads any more
        used = {i for n in nodes for i in n.input} | outputs
        keep = [n for n in nodes if any(o in used for o in n.output)]
        if len(keep) == len(nodes):
            break
        nodes = keep
    used = {i for n in nodes for i in n.input} | outputs
    if MASK_INPUT in used:
        model.CopyFrom(original)
        raise ValueError("the attention mask is read by more than the softmax additions; left as it was")
    del graph.node[:]
    graph.node.extend(nodes)
    inputs = [i for i in graph.input if i.name != MASK_INPUT]
    del graph.input[:]
    graph.input.extend(inputs)
    inits = [i for i in graph.initializer if i.name in used]
    del graph.initializer[:]
    graph.initializer.extend(inits)
    return len(rename)


def check_same_logits(original: Path, stripped: Path, *, windows: int = 8, seed: int = 0) -> None:
    """Raise unless both graphs give bit-identical outputs on random unpadded windows."""
    import numpy as np
    import onnxruntime as ort

    def session(path: Path) -> Any:
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1
        return ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])

    a, b = session(original), session(stripped)
    names_b = {i.name for i in b.get_inputs()}
    rng = np.random.default_rng(seed)
    for k in range(windows):
        n = int(rng.integers(8, 257)) if k else 256
        ids = rng.integers(1000, 30000, size=(1, n), dtype=np.int64)
        ids[0, 0], ids[0, -1] = 101, 102
        types = np.zeros_like(ids)
        types[0, n // 3:] = 1
        feed = {"input_ids": ids, MASK_INPUT: np.ones_like(ids), "token_type_ids": types}
        out_a = a.run(None, {i.name: feed[i.name] for i in a.get_inputs()})[0]
        out_b = b.run(None, {k2: v for k2, v in feed.items() if k2 in names_b})[0]
        if not np.array_equal(out_a, out_b):
            raise ValueError(f"outputs differ on a window of {n} tokens: max |d| {np.abs(out_a - out_b).max()}")


def main(argv: list[str] | None = None) -> int:
    import onnx

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m propscope.training.onnx_mask IN.onnx OUT.onnx", file=sys.stderr)
        return 2
    src, dst = Path(args[0]), Path(args[1])
    model = onnx.load(str(src))
    removed = drop_attention_mask(model)
    if not removed:
        print(f"{src}: no additive attention mask found; nothing written", file=sys.stderr)
        return 1
    onnx.checker.check_model(model)
    onnx.save(model, str(dst))
    check_same_logits(src, dst)
    print(f"{dst}: {removed} mask additions removed; inputs {[i.name for i in model.graph.input]}; "
          "outputs bit-identical on unpadded windows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
