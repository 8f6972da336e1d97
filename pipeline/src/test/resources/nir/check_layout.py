"""Checks a NIR file against what NIR's own reader expects (neuromorphs/NIR, nir/serialization.py
and nir/ir/*.py at 7232ada), without NIR installed: per node exactly the datasets nir.write writes
for its class (NIR's reader passes every dataset to the class's constructor, so an extra one
fails), numeric fields as float arrays and shapes as int arrays, strings as h5py's vlen UTF-8,
edges (E, 2), and every edge's source output shape equal to its target's input shape, inside
sub-graphs too. Prints "ok" or one line per problem and exits 1.

usage: check_layout.py FILE
"""
import sys

import h5py
import numpy as np

# what nir.write stores per class: to_dict() of the dataclass after __post_init__
FIELDS = {
    "Input": {"shape"},
    "Output": {"shape"},
    "Affine": {"weight", "bias"},
    "Linear": {"weight"},
    "LI": {"tau", "r", "v_leak"},
    "LIF": {"tau", "r", "v_leak", "v_threshold", "v_reset"},
    "CubaLIF": {"tau_syn", "tau_mem", "r", "v_leak", "v_threshold", "v_reset", "w_in"},
}
NEURON = {"LI", "LIF", "CubaLIF"}
problems = []


def is_vlen_str(ds):
    info = h5py.check_string_dtype(ds.dtype)
    return info is not None and info.length is None and info.encoding == "utf-8"


def scalar_str(group, name, where):
    ds = group.get(name)
    if not isinstance(ds, h5py.Dataset) or ds.shape != () or not is_vlen_str(ds):
        problems.append(f"{where}/{name}: expected a scalar vlen UTF-8 string")
        return None
    return ds[()].decode("utf8")


def check_metadata(group, where):
    md = group.get("metadata")
    if md is None:
        return
    if not isinstance(md, h5py.Group) or len(md) == 0:
        problems.append(f"{where}/metadata: expected a non-empty group (nir.write skips empty metadata)")
        return
    for k, v in md.items():
        if not isinstance(v, h5py.Dataset) or v.shape != ():
            problems.append(f"{where}/metadata/{k}: expected a scalar")


def node_types(group, where):
    """(input shape, output shape) of a node, checking its datasets."""
    typ = scalar_str(group, "type", where)
    if typ == "NIRGraph":
        return graph(group, where)
    if typ not in FIELDS:
        problems.append(f"{where}: type {typ!r} is none this project writes")
        return None, None
    have = set(group.keys()) - {"type", "metadata"}
    if have != FIELDS[typ]:
        problems.append(f"{where}: {typ} datasets {sorted(have)}, nir.write writes {sorted(FIELDS[typ])}")
        return None, None
    check_metadata(group, where)
    arrays = {k: group[k] for k in have}
    for k, ds in arrays.items():
        kind = ds.dtype.kind
        want = "i" if k == "shape" else "f"
        if kind != want:
            problems.append(f"{where}/{k}: dtype {ds.dtype}, expected {'int' if want == 'i' else 'float'}")
    if typ in ("Input", "Output"):
        shape = tuple(int(v) for v in arrays["shape"][()])
        if arrays["shape"].ndim != 1:
            problems.append(f"{where}/shape: {arrays['shape'].shape}, expected 1-D")
        return shape, shape
    if typ in ("Affine", "Linear"):
        w = arrays["weight"]
        if w.ndim != 2:
            problems.append(f"{where}/weight: shape {w.shape}, expected (out, in)")
            return None, None
        if typ == "Affine" and arrays["bias"].shape != (w.shape[0],):
            problems.append(f"{where}/bias: shape {arrays['bias'].shape}, weight gives ({w.shape[0]},)")
        return (w.shape[1],), (w.shape[0],)
    shapes = {ds.shape for ds in arrays.values()}
    if len(shapes) != 1:
        problems.append(f"{where}: neuron fields of different shapes {sorted(shapes)}")
        return None, None
    shape = shapes.pop()
    return shape, shape


def graph(group, where):
    if scalar_str(group, "type", where) != "NIRGraph":
        problems.append(f"{where}/type: expected NIRGraph")
    if set(group.keys()) - {"type", "nodes", "edges", "metadata"}:
        problems.append(f"{where}: extra entries {sorted(set(group.keys()) - {'type', 'nodes', 'edges', 'metadata'})}")
    check_metadata(group, where)
    types = {name: node_types(n, f"{where}/nodes/{name}") for name, n in group["nodes"].items()}
    edges = group["edges"]
    if edges.ndim != 2 or edges.shape[1] != 2 or not is_vlen_str(edges):
        problems.append(f"{where}/edges: shape {edges.shape} dtype {edges.dtype}, expected (E, 2) vlen strings")
        return None, None
    for a, b in edges[()]:
        a, b = a.decode("utf8"), b.decode("utf8")
        if a not in types or b not in types:
            problems.append(f"{where}/edges: {a} -> {b} names a missing node")
            continue
        out, inp = types[a][1], types[b][0]
        if out is None or inp is None or tuple(out) != tuple(inp):
            problems.append(f"{where}: edge {a} -> {b} carries {out} into {inp}")
    ins = [t[0] for n, t in types.items() if scalar_str(group["nodes"][n], "type", "") == "Input"]
    outs = [t[1] for n, t in types.items() if scalar_str(group["nodes"][n], "type", "") == "Output"]
    return (ins[0] if len(ins) == 1 else None), (outs[0] if len(outs) == 1 else None)


with h5py.File(sys.argv[1], "r") as f:
    if set(f.keys()) != {"version", "node"}:
        problems.append(f"/: entries {sorted(f.keys())}, nir.write writes version and node")
    scalar_str(f, "version", "")
    graph(f["node"], "/node")
print("\n".join(problems) if problems else "ok")
sys.exit(1 if problems else 0)
