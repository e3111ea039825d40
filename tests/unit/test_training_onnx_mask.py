"""Dropping the all-ones attention mask from an encoder graph (issue 14): exact, or refused."""

from __future__ import annotations

import pytest

onnx = pytest.importorskip("onnx")
from onnx import TensorProto, helper  # noqa: E402

from propscope.training.onnx_mask import check_same_logits, drop_attention_mask  # noqa: E402


def _graph(tmp_path, *, mask_also_scales_output: bool = False):
    """scores = tokens as floats; + (1 - mask) * -1e9 expanded to the tokens' shape; softmax."""
    nodes = [
        helper.make_node("Cast", ["input_ids"], ["x"], to=TensorProto.FLOAT),
        helper.make_node("Cast", ["attention_mask"], ["m"], to=TensorProto.FLOAT),
        helper.make_node("Sub", ["one", "m"], ["inv"]),
        helper.make_node("Mul", ["inv", "big"], ["term"]),
        helper.make_node("Shape", ["input_ids"], ["shape"]),  # the mask term depends on sizes only
        helper.make_node("Expand", ["term", "shape"], ["term_x"]),
        helper.make_node("Add", ["x", "term_x"], ["scores"]),
        helper.make_node("Softmax", ["scores"], ["probs"], axis=-1),
    ]
    if mask_also_scales_output:
        nodes.append(helper.make_node("Mul", ["probs", "m"], ["logits"]))
    else:
        nodes.append(helper.make_node("Identity", ["probs"], ["logits"]))
    graph = helper.make_graph(
        nodes, "toy",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, [1, "n"]),
         helper.make_tensor_value_info("attention_mask", TensorProto.INT64, [1, "n"]),
         helper.make_tensor_value_info("token_type_ids", TensorProto.INT64, [1, "n"])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, [1, "n"])],
        [helper.make_tensor("one", TensorProto.FLOAT, [], [1.0]),
         helper.make_tensor("big", TensorProto.FLOAT, [], [-1e9])],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    path = tmp_path / "masked.onnx"
    onnx.save(model, str(path))
    return model, path


def test_training_onnx_mask_removed_and_outputs_identical(tmp_path):
    pytest.importorskip("onnxruntime")
    model, path = _graph(tmp_path)
    assert drop_attention_mask(model) == 1
    assert [i.name for i in model.graph.input] == ["input_ids", "token_type_ids"]
    assert {n.op_type for n in model.graph.node} == {"Cast", "Softmax", "Identity"}
    onnx.checker.check_model(model)
    out = tmp_path / "stripped.onnx"
    onnx.save(model, str(out))
    check_same_logits(path, out, windows=3)


def test_training_onnx_mask_read_elsewhere_is_refused(tmp_path):
    model, _ = _graph(tmp_path, mask_also_scales_output=True)
    before = model.SerializeToString()
    with pytest.raises(ValueError, match="more than the softmax"):
        drop_attention_mask(model)
    assert model.SerializeToString() == before


def test_training_onnx_mask_graph_without_mask_is_left_alone(tmp_path):
    model, _ = _graph(tmp_path)
    assert drop_attention_mask(model) == 1
    again = model.SerializeToString()
    assert drop_attention_mask(model) == 0
    assert model.SerializeToString() == again
