"""Writes a NIR file as snnTorch would export a Leaky -> RLeaky -> leaky-integrator network, laid
out exactly as NIR's own writer does it (neuromorphs/NIR nir/serialization.py, write() at 7232ada:
`version` and the `node` group, node groups holding `type` and their fields, gzip-compressed numpy
arrays, vlen strings, `edges` from a list of (source, target) tuples, empty metadata left out), and
beside it the outputs that network gives on random spikes, simulated in numpy with forward Euler
at snnTorch's dt (1e-4 s): Leaky mem = beta mem + I - s thr, LI u = a u + (1 - a) I, then the mean
over time and a softmax.

usage: write_foreign.py NIR_FILE EXPECTED_FILE
"""
import sys

import h5py
import numpy as np

DT = 1e-4
rng = np.random.default_rng(5)
f32 = np.float32


def lif(beta, thr=1.0):
    beta = np.asarray(beta, dtype=f32)
    tau = f32(DT) / (f32(1) - beta)
    return {"type": "LIF", "tau": tau, "r": tau / f32(DT), "v_leak": np.zeros_like(beta),
            "v_threshold": np.full_like(beta, thr), "v_reset": np.zeros_like(beta), "metadata": {}}


w1 = rng.uniform(-1.5, 1.5, (5, 6)).astype(f32)
beta1 = np.array([0.8, 0.85, 0.9, 0.92, 0.95], dtype=f32)
w2 = rng.uniform(-1.5, 1.5, (4, 5)).astype(f32)
b2 = rng.uniform(0, 0.3, 4).astype(f32)
beta2 = np.full(4, 0.9, dtype=f32)
v = rng.uniform(-0.5, 0.5, (4, 4)).astype(f32)
w3 = rng.uniform(-1, 1, (3, 4)).astype(f32)
b3 = rng.uniform(-0.1, 0.1, 3).astype(f32)
tau3 = np.array([8e-4, 1e-3, 2e-3], dtype=f32)

graph = {
    "type": "NIRGraph",
    "nodes": {
        "input": {"type": "Input", "shape": np.array([6]), "metadata": {}},
        "linear": {"type": "Linear", "weight": w1, "metadata": {}},
        "lif": lif(beta1),
        "affine": {"type": "Affine", "weight": w2, "bias": b2, "metadata": {}},
        "rleaky": {
            "type": "NIRGraph",
            "nodes": {
                "input": {"type": "Input", "shape": np.array([4]), "metadata": {}},
                "lif": lif(beta2),
                "w_rec": {"type": "Linear", "weight": v, "metadata": {}},
                "output": {"type": "Output", "shape": np.array([4]), "metadata": {}},
            },
            "edges": [("input", "lif"), ("lif", "w_rec"), ("w_rec", "lif"), ("lif", "output")],
            "metadata": {},
        },
        "affine_1": {"type": "Affine", "weight": w3, "bias": b3, "metadata": {}},
        "li": {"type": "LI", "tau": tau3, "r": np.ones(3, dtype=f32), "v_leak": np.zeros(3, dtype=f32),
               "metadata": {}},
        "output": {"type": "Output", "shape": np.array([3]), "metadata": {}},
    },
    "edges": [("input", "linear"), ("linear", "lif"), ("lif", "affine"), ("affine", "rleaky"),
              ("rleaky", "affine_1"), ("affine_1", "li"), ("li", "output")],
    "metadata": {},
}


def write_recursive(group, node):
    # nir.write's write_recursive, with its default compression="gzip"
    for k, val in node.items():
        if k == "metadata":
            if not val == {}:
                write_recursive(group.create_group(k), val)
        elif isinstance(val, str):
            group.create_dataset(k, data=val, dtype=h5py.string_dtype())
        elif isinstance(val, np.ndarray):
            group.create_dataset(k, data=val, dtype=val.dtype, compression="gzip")
        elif isinstance(val, dict):
            write_recursive(group.create_group(str(k)), val)
        else:
            group.create_dataset(k, data=val)


with h5py.File(sys.argv[1], "w") as f:
    f.create_dataset("version", data="1.0.7", dtype=h5py.string_dtype())
    write_recursive(f.create_group("node"), graph)


def leaky(drive, tau, rec=None):
    beta = 1.0 - DT / tau.astype(np.float64)
    mem = np.zeros(drive.shape[1:])
    s = np.zeros_like(mem)
    out = np.zeros_like(drive)
    for t in range(drive.shape[0]):
        extra = 0 if rec is None else s @ rec.astype(np.float64).T
        mem = beta * mem + drive[t] + extra - s * 1.0
        s = (mem - 1.0 > 0).astype(np.float64)
        out[t] = s
    return out


mb, steps = 8, 30
x = (rng.uniform(size=(mb, 6, steps)) < 0.4).astype(f32)
xt = np.transpose(x, (2, 0, 1)).astype(np.float64)  # [T, mb, 6]
s1 = leaky(xt @ w1.astype(np.float64).T, graph["nodes"]["lif"]["tau"])
s2 = leaky(s1 @ w2.astype(np.float64).T + b2, graph["nodes"]["rleaky"]["nodes"]["lif"]["tau"], v)
a = 1.0 - DT / tau3.astype(np.float64)
drive = s2 @ w3.astype(np.float64).T + b3
u = np.zeros((mb, 3))
total = np.zeros((mb, 3))
for t in range(steps):
    u = a * u + (1 - a) * drive[t]
    total += u
mean = total / steps
y = np.exp(mean - mean.max(axis=1, keepdims=True))
y /= y.sum(axis=1, keepdims=True)
with h5py.File(sys.argv[2], "w") as f:
    f.create_dataset("x", data=x)
    f.create_dataset("y", data=y)
    f.create_dataset("hidden_spikes", data=np.array([s1.sum(), s2.sum()]))
