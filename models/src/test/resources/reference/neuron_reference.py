#!/usr/bin/env python3
"""Reference numbers for every spiking layer and the leaky readout, computed with PyTorch autograd.

Each model is written after the code of its reference implementation, with the real Heaviside spike
and that implementation's surrogate gradient:
- LIF / RLIF / adLIF / RadLIF: sparch's LIFLayer / RLIFLayer / adLIFLayer / RadLIFLayer (forward loops,
  SpikeFunctionBoxcar, clamped per-neuron parameters, V with its diagonal zeroed);
- CUBA_LIF / RCUBA_LIF: run_snn of Zenke's SpyTorch tutorial (fzenke/spytorch, SpyTorchTutorial2):
  spike from the membrane before the update, reset by multiplication with a detached spike,
  SurrGradSpike (fast sigmoid, scale 100);
- ALIF: mem_update_adp of byin-cwi/Efficient-spiking-networks (SHD/SHD_2layer_ALIF.py): adaptive
  threshold, trained tau_m / tau_adp, multi-Gaussian surrogate;
- LEAKY / RLEAKY: snnTorch's Leaky / RLeaky forward (reset from the previous membrane, detached,
  subtracted; beta clamped to [0, 1]; ATan surrogate);
- the readout: sparch's ReadoutLayer (leaky integrator) with the reductions of the Java layer.
Differences the Java layers share on purpose: the initial state is zero (sparch and Yin draw the
membrane from torch.rand), and a features mask freezes the state on padding steps (the references
have no masks). Double precision.

Run with Debian's python3-torch:  /usr/bin/python3 neuron_reference.py > neuron_reference.json
The Java test NeuronReferenceTest rebuilds the same networks from these numbers and compares spikes,
readout output, loss and every gradient (parameters and input) with what its hand-written BPTT gives.
"""
import json
import math

import torch

torch.set_default_dtype(torch.float64)

ALPHA = (math.exp(-1 / 5), math.exp(-1 / 25))
BETA = (math.exp(-1 / 30), math.exp(-1 / 120))
A_LIM = (-1.0, 1.0)
B_LIM = (0.0, 2.0)
THRESHOLD = 1.0


class SpikeFunctionBoxcar(torch.autograd.Function):
    """sparch: Heaviside forward, gradient 1 on -0.5 < x <= 0.5."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.gt(0).to(x.dtype)

    @staticmethod
    def backward(ctx, grad_spikes):
        x, = ctx.saved_tensors
        grad_x = grad_spikes.clone()
        grad_x[x <= -0.5] = 0
        grad_x[x > 0.5] = 0
        return grad_x


class SurrGradSpike(torch.autograd.Function):
    """Zenke's tutorial: Heaviside forward, gradient 1 / (scale |x| + 1)^2 with scale 100."""
    scale = 100.0

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        out = torch.zeros_like(x)
        out[x > 0] = 1.0
        return out

    @staticmethod
    def backward(ctx, grad_output):
        x, = ctx.saved_tensors
        return grad_output / (SurrGradSpike.scale * torch.abs(x) + 1.0) ** 2


def gaussian(x, mu=0., sigma=.5):
    return torch.exp(-((x - mu) ** 2) / (2 * sigma ** 2)) / torch.sqrt(2 * torch.tensor(math.pi)) / sigma


class ActFunAdp(torch.autograd.Function):
    """Yin et al.'s ActFun_adp with gradient_type 'MG': lens 0.5, scale 6, hight 0.15, gamma 0.5."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.gt(0).to(x.dtype)

    @staticmethod
    def backward(ctx, grad_output):
        x, = ctx.saved_tensors
        lens, scale, hight, gamma = 0.5, 6.0, 0.15, 0.5
        temp = gaussian(x, mu=0., sigma=lens) * (1. + hight) \
            - gaussian(x, mu=lens, sigma=scale * lens) * hight \
            - gaussian(x, mu=-lens, sigma=scale * lens) * hight
        return grad_output.clone() * temp * gamma


class ATan(torch.autograd.Function):
    """snnTorch's surrogate.ATan with alpha 2: Heaviside forward, (alpha/2) / (1 + (pi/2 alpha x)^2)."""
    alpha = 2.0

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return (x > 0).to(x.dtype)

    @staticmethod
    def backward(ctx, grad_output):
        x, = ctx.saved_tensors
        a = ATan.alpha
        return a / 2 / (1 + (math.pi / 2 * a * x).pow(2)) * grad_output


def uniform(n, lim, gen):
    return (torch.rand(n, generator=gen) * (lim[1] - lim[0]) + lim[0]).requires_grad_()


def lif_layer(x, mask, p, recurrent, adaptive):
    """x: [B, nIn, T] (DL4J's NCW), mask: [B, T]. Returns spikes [B, n, T] (zero on padding)."""
    wx = torch.einsum("bit,ij->btj", x, p["W"])  # [B, T, n]
    bsz, steps, n = wx.shape
    ut = torch.zeros(bsz, n)
    wt = torch.zeros(bsz, n)
    st = torch.zeros(bsz, n)
    alpha = torch.clamp(p["alpha"], *ALPHA)
    if adaptive:
        beta = torch.clamp(p["beta"], *BETA)
        a = torch.clamp(p["A"], *A_LIM)
        b = torch.clamp(p["B"], *B_LIM)
    if recurrent:
        v = p["V"].clone().fill_diagonal_(0)
    out = []
    for t in range(steps):
        m = mask[:, t:t + 1]
        drive = wx[:, t, :]
        if recurrent:
            drive = drive + torch.matmul(st, v)
        w_new = beta * wt + a * ut + b * st if adaptive else wt
        if adaptive:
            drive = drive - w_new
        u_new = alpha * (ut - st) + (1 - alpha) * drive
        s_new = SpikeFunctionBoxcar.apply(u_new - THRESHOLD)
        # padding step: the state is carried through unchanged, nothing is emitted
        ut = m * u_new + (1 - m) * ut
        wt = m * w_new + (1 - m) * wt
        st = m * s_new + (1 - m) * st
        out.append(m * s_new)
    return torch.stack(out, dim=2)


def readout(x, mask, p, reduction="SUM_SOFTMAX"):
    """sparch's readout (leaky integrator) reduced over the valid steps. Returns [B, nOut].

    SUM_SOFTMAX is sparch's; MAX is Zenke's (max over time of the membrane); MEAN the mean."""
    wx = torch.einsum("bit,ij->btj", x, p["W"])
    bsz, steps, n = wx.shape
    alpha = torch.clamp(p["alpha"], *ALPHA)
    ut = torch.zeros(bsz, n)
    trace = []
    for t in range(steps):
        m = mask[:, t:t + 1]
        u_new = alpha * ut + (1 - alpha) * wx[:, t, :]
        ut = m * u_new + (1 - m) * ut
        trace.append(u_new)
    u = torch.stack(trace, dim=1)  # [B, T, n]
    m = mask[:, :, None]
    if reduction == "SUM_SOFTMAX":
        return (m * torch.softmax(u, dim=2)).sum(dim=1)
    if reduction == "MAX":
        return torch.where(m > 0, u, torch.full_like(u, -math.inf)).max(dim=1).values
    if reduction == "MEAN":
        return (m * u).sum(dim=1) / m.sum(dim=1)
    raise ValueError(reduction)


def carry(m, new, old):
    """A padding step (m = 0) keeps the state."""
    return m * new + (1 - m) * old


def cuba_layer(x, mask, p, recurrent, cfg):
    """Zenke's run_snn hidden layer; the recorded spike of step t is out = spike_fn(mem - 1) before the update."""
    alpha = math.exp(-cfg["dt"] / cfg["tauSyn"])
    beta = math.exp(-cfg["dt"] / cfg["tauMem"])
    h1_from_input = torch.einsum("bit,ij->btj", x, p["W"])
    bsz, steps, n = h1_from_input.shape
    syn = torch.zeros(bsz, n)
    mem = torch.zeros(bsz, n)
    out = torch.zeros(bsz, n)
    spk_rec = []
    for t in range(steps):
        m = mask[:, t:t + 1]
        h1 = h1_from_input[:, t]
        if recurrent:
            h1 = h1 + torch.einsum("ab,bc->ac", (out, p["V"]))
        mthr = mem - 1.0
        s = SurrGradSpike.apply(mthr)
        rst = s.detach()  # "We do not want to backprop through the reset"
        new_syn = alpha * syn + h1
        new_mem = (beta * mem + syn) * (1.0 - rst)
        mem, syn, out = carry(m, new_mem, mem), carry(m, new_syn, syn), carry(m, s, out)
        spk_rec.append(m * s)
    return torch.stack(spk_rec, dim=2)


def alif_layer(x, mask, p, recurrent, cfg):
    """Yin's RNN_custom layer: inputs = i2h(x) + h2h(spike_prev), then mem_update_adp (R_m = 1)."""
    dt, b0, beta_a = cfg["dt"], cfg["b0"], cfg["betaA"]
    wx = torch.einsum("bit,ij->btj", x, p["W"])
    bsz, steps, n = wx.shape
    mem = torch.zeros(bsz, n)
    spike = torch.zeros(bsz, n)
    b = torch.full((bsz, n), b0)  # self.b_h1 = b_j0
    alpha = torch.exp(-1. * dt / p["tauM"])
    ro = torch.exp(-1. * dt / p["tauAdp"])
    out = []
    for t in range(steps):
        m = mask[:, t:t + 1]
        inputs = wx[:, t]
        if recurrent:
            inputs = inputs + torch.matmul(spike, p["V"])
        b_new = ro * b + (1 - ro) * spike
        B = b0 + beta_a * b_new
        mem_new = mem * alpha + (1 - alpha) * inputs - B * spike * dt
        spike_new = ActFunAdp.apply(mem_new - B)
        mem, b, spike = carry(m, mem_new, mem), carry(m, b_new, b), carry(m, spike_new, spike)
        out.append(m * spike_new)
    return torch.stack(out, dim=2)


def leaky_layer(x, mask, p, recurrent, cfg):
    """snnTorch Leaky / RLeaky forward with reset_mechanism "subtract" and reset_delay=True."""
    thr = 1.0
    cur = torch.einsum("bit,ij->btj", x, p["W"])
    bsz, steps, n = cur.shape
    beta = p["beta"] if "beta" in p else torch.tensor(cfg["beta"])
    mem = torch.zeros(bsz, n)
    spk = torch.zeros(bsz, n)
    out = []
    for t in range(steps):
        m = mask[:, t:t + 1]
        reset = (mem - thr > 0).to(mem.dtype).detach()  # mem_reset: spike_grad(mem - thr), detached
        base = beta.clamp(0, 1) * mem + cur[:, t]
        if recurrent:
            base = base + torch.matmul(spk, p["V"])
        mem_new = base - reset * thr
        spk_new = ATan.apply(mem_new - thr)
        mem, spk = carry(m, mem_new, mem), carry(m, spk_new, spk)
        out.append(m * spk_new)
    return torch.stack(out, dim=2)


def result(name, x, mask, labels, spikes, y, loss, p, r, extra):
    def flat(t):
        return [float(v) for v in t.detach().reshape(-1)]

    bsz, n_in, steps = x.shape
    out = {"name": name,
           "shape": {"batch": bsz, "nIn": n_in, "hidden": spikes.shape[1], "nOut": y.shape[1], "steps": steps},
           "x": flat(x), "mask": flat(mask), "labels": [int(v) for v in labels],
           "spikes": flat(spikes), "output": flat(y), "loss": float(loss),
           "grad_x": flat(x.grad),
           "layer": {k: flat(v) for k, v in p.items()},
           "layer_grad": {k: flat(v.grad) for k, v in p.items()},
           "readout": {k: flat(v) for k, v in r.items()},
           "readout_grad": {k: flat(v.grad) for k, v in r.items()},
           "spike_count": float(spikes.sum())}
    out.update(extra)
    return out


def model_inputs(seed, labels):
    """The sizes (batch, nIn, hidden, nOut, steps), generator, input, mask and labels of a case of a
    non-sparch model: 18 steps, sample 1 padded after 12, sample 2 with a hole."""
    gen = torch.Generator().manual_seed(seed)
    bsz, n_in, n, n_out, steps = 3, 5, 6, 4, 18
    x = (torch.rand(bsz, n_in, steps, generator=gen) * 3.0).requires_grad_()
    mask = torch.ones(bsz, steps)
    mask[1, 12:] = 0  # sample 1: 12 valid steps, then padding
    mask[2, 5] = 0    # sample 2: a hole
    return (bsz, n_in, n, n_out, steps), gen, x, mask, torch.tensor(labels)


def drive_params(n_in, n, recurrent, gen, w_scale, w_shift, v_scale, bias=False):
    """W (with a bias if asked) and, when recurrent, V of a hidden layer, drawn in that order."""
    p = {"W": (torch.randn(n_in, n, generator=gen) * w_scale + w_shift).requires_grad_()}
    if bias:
        p["bias"] = (torch.randn(n, generator=gen) * 0.1).requires_grad_()
    if recurrent:
        p["V"] = (torch.randn(n, n, generator=gen) * v_scale).requires_grad_()
    return p


def scored(name, layer, x, mask, labels, p, r, reduction, extra):
    """The hidden layer's spikes through the leaky readout with a reduction, cross-entropy, backward."""
    spikes = layer(x, mask, p)
    y = readout(spikes, mask, r, reduction)
    loss = torch.nn.functional.cross_entropy(y, labels)
    loss.backward()
    return result(name, x, mask, labels, spikes, y, loss, p, r, dict(extra, reduction=reduction))


def model_case(name, model, recurrent, cfg, reduction, seed, w_scale, w_shift, v_scale):
    """One hidden layer of a non-sparch model, the leaky readout with a reduction, cross-entropy."""
    (_, n_in, n, n_out, _), gen, x, mask, labels = model_inputs(seed, [2, 0, 3])
    p = drive_params(n_in, n, recurrent, gen, w_scale, w_shift, v_scale)
    if model == "ALIF":
        p["tauM"] = (torch.randn(n, generator=gen) * 5 + 20).requires_grad_()
        p["tauAdp"] = (torch.randn(n, generator=gen) * 10 + 150).requires_grad_()
    if model == "LEAKY" and cfg.get("learnBeta"):
        p["beta"] = (torch.rand(n, generator=gen) * 0.3 + 0.65).requires_grad_()
    r = readout_params(n, n_out, gen)
    layer = {"CUBA": cuba_layer, "ALIF": alif_layer, "LEAKY": leaky_layer}[model]
    return scored(name, lambda x_, m_, p_: layer(x_, m_, p_, recurrent, cfg), x, mask, labels, p, r, reduction,
                  {"model": model, "recurrent": recurrent, "config": cfg})


def count_case(name, seed, correct_rate, incorrect_rate):
    """snnTorch's recipe: RLeaky hidden layer, Leaky output layer of one neuron per class, and
    mse_count_loss (snntorch/functional/loss.py): targets int(T * rate), MSELoss(count, target) / T.
    With a mask, T is each sample's number of valid steps (equal lengths give snnTorch's formula)."""
    (_, n_in, n, n_out, _), gen, x, mask, labels = model_inputs(seed, [2, 0, 3])
    cfg = {"beta": 0.9, "learnBeta": False}
    p = {"W": (torch.randn(n_in, n, generator=gen) * 0.3 - 0.05).requires_grad_(),
         "V": (torch.randn(n, n, generator=gen) * 0.3).requires_grad_()}
    q = {"W": (torch.randn(n, n_out, generator=gen) * 0.6 + 0.1).requires_grad_()}
    spikes = leaky_layer(x, mask, p, True, cfg)
    out = leaky_layer(spikes, mask, q, False, cfg)
    counts = out.sum(dim=2)  # padding steps emit nothing
    t = mask.sum(dim=1, keepdim=True)
    on = torch.floor(t * correct_rate)
    off = torch.floor(t * incorrect_rate)
    target = torch.where(torch.nn.functional.one_hot(labels, n_out) > 0, on, off)
    loss = (((counts - target) ** 2).mean(dim=1, keepdim=True) / t).mean()
    loss.backward()

    def flat(v):
        return [float(e) for e in v.detach().reshape(-1)]

    res = result(name, x, mask, labels, spikes, counts, loss, p, {}, {
        "model": "LEAKY", "recurrent": True, "config": cfg, "reduction": "SPIKE_COUNT",
        "countRates": [correct_rate, incorrect_rate],
        "out_layer": {k: flat(v) for k, v in q.items()},
        "out_layer_grad": {k: flat(v.grad) for k, v in q.items()},
        "out_spikes": flat(out)})
    return res


def lif_params(p, n, n_out, recurrent, adaptive, gen):
    """Adds V, beta, A, B (as the model has them) to p; returns the readout's parameters."""
    if recurrent:
        p["V"] = (torch.randn(n, n, generator=gen) * 0.5).requires_grad_()
    if adaptive:
        p["beta"] = uniform(n, BETA, gen)
        p["A"] = uniform(n, A_LIM, gen)
        p["B"] = uniform(n, B_LIM, gen)
    return readout_params(n, n_out, gen)


def readout_params(n, n_out, gen):
    """The leaky readout's W and trained decay alpha."""
    return {"W": (torch.randn(n, n_out, generator=gen) * 0.8).requires_grad_(),
            "alpha": uniform(n_out, ALPHA, gen)}


def case_inputs(seed):
    """The sizes (batch, nIn, hidden, nOut, steps), generator, input, mask and labels of a LIF-family case."""
    gen = torch.Generator().manual_seed(seed)
    bsz, n_in, n, n_out, steps = 3, 5, 6, 4, 16
    x = (torch.rand(bsz, n_in, steps, generator=gen) * 3.0).requires_grad_()
    mask = torch.ones(bsz, steps)
    mask[1, 11:] = 0  # sample 1: 11 valid steps, then padding
    labels = torch.tensor([0, 3, 1])
    return (bsz, n_in, n, n_out, steps), gen, x, mask, labels


def case(name, recurrent, adaptive, seed):
    (bsz, n_in, n, n_out, steps), gen, x, mask, labels = case_inputs(seed)
    p = {"W": (torch.randn(n_in, n, generator=gen) * 1.0 + 0.3).requires_grad_(),
         "alpha": uniform(n, ALPHA, gen)}
    r = lif_params(p, n, n_out, recurrent, adaptive, gen)
    spikes = lif_layer(x, mask, p, recurrent, adaptive)
    y = readout(spikes, mask, r)
    # DL4J's LossLayer (softmax + MCXENT) on the readout output: mean cross-entropy over the batch
    loss = torch.nn.functional.cross_entropy(y, labels)
    loss.backward()
    return result(name, x, mask, labels, spikes, y, loss, p, r,
                  {"model": "LIF", "recurrent": recurrent, "adaptive": adaptive, "reduction": "SUM_SOFTMAX"})


if __name__ == "__main__":
    cuba = {"tauSyn": 5.0, "tauMem": 10.0, "dt": 1.0}
    cases = [case("LIF", False, False, 11), case("RLIF", True, False, 12),
             case("ADLIF", False, True, 13), case("RADLIF", True, True, 14),
             model_case("CUBA_LIF", "CUBA", False, cuba, "MAX", 15, 0.08, 0.02, 0.0),
             model_case("RCUBA_LIF", "CUBA", True, cuba, "MAX", 16, 0.08, 0.02, 0.1),
             model_case("ALIF", "ALIF", True, {"dt": 1.0, "b0": 0.01, "betaA": 1.8}, "SUM_SOFTMAX", 17,
                        0.5, -0.05, 0.5),
             model_case("LEAKY", "LEAKY", False, {"learnBeta": True}, "MEAN", 18, 0.5, 0.1, 0.0),
             model_case("RLEAKY", "LEAKY", True, {"beta": 0.9, "learnBeta": False}, "SUM_SOFTMAX", 19,
                        0.3, -0.05, 0.3),
             count_case("SPIKE_COUNT", 20, 0.7, 0.2)]
    print(json.dumps({"torch": torch.__version__, "cases": cases}, indent=1))
