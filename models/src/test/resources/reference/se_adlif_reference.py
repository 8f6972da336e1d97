#!/usr/bin/env python3
"""Reference numbers for SE-adLIF (Baronig, Ferrand, Sabathiel & Legenstein, Nature Communications
2025), computed with PyTorch autograd; a sibling of neuron_reference.py, whose readout, masking and
output format it shares.

The layer follows SEAdLIF.forward of IGITUGraz/SE-adlif (models/alif.py) line by line: the
InterpolationTrainer's decays exp(-dt / (r tau_max + (1 - r) tau_min)), the membrane update, the
Forward Gradient Injection spike with SLAYER's surrogate c alpha / (2 exp(alpha |x|)), the reset
u_t * (1 - z_t.detach()), and the symplectic adaptation update from the reset membrane and the
(not detached) spike, scaled by q. Parameters are drawn inside their ranges, where the reference's
clamping after each step and the Java layer's clamping in use agree. Differences the Java layer has
on purpose, as for the other models: a features mask freezes the state on padding steps (the
reference pads and masks only the loss), and the readout is the Java one's (sparch's).

Run once with Debian's python3-torch:  /usr/bin/python3 se_adlif_reference.py > se_adlif_reference.json
NeuronReferenceTest compares spikes, readout output, loss and every gradient with the Java BPTT.
"""
import json

import torch

from neuron_reference import carry, drive_params, model_inputs, readout_params, scored, uniform

torch.set_default_dtype(torch.float64)


def slayer(x, alpha, c):
    """models/helpers.py: SLAYER surrogate gradient."""
    return c * alpha / (2 * torch.exp(x.abs() * alpha))


def decay(r, dt, tau_range):
    """module/tau_trainers.py, InterpolationTrainer: get_tau, then exp(-dt / tau)."""
    tau = r * tau_range[1] + (1.0 - r) * tau_range[0]
    return torch.exp(-dt / tau)


def se_adlif_layer(x, mask, p, recurrent, cfg):
    """SEAdLIF.forward over time. x: [B, nIn, T], mask: [B, T]; returns spikes [B, n, T]."""
    soma = torch.einsum("bit,ij->btj", x, p["W"]) + p["bias"]
    bsz, steps, n = soma.shape
    decay_u = decay(p["tauU"], cfg["dt"], cfg["tauURange"])
    decay_w = decay(p["tauW"], cfg["dt"], cfg["tauWRange"])
    thr, q, alpha, c = cfg["threshold"], cfg["q"], cfg["alpha"], cfg["c"]
    u_tm1 = torch.zeros(bsz, n)
    z_tm1 = torch.zeros(bsz, n)
    w_tm1 = torch.zeros(bsz, n)
    out = []
    for t in range(steps):
        m = mask[:, t:t + 1]
        soma_current = soma[:, t]
        if recurrent:
            soma_current = soma_current + torch.matmul(z_tm1, p["V"])
        u_t = decay_u * u_tm1 + (1.0 - decay_u) * (soma_current - w_tm1)
        u_thr = u_t - thr
        z_t = (torch.heaviside(u_thr, torch.as_tensor(0.0).type(u_thr.dtype)).detach()
               + (u_thr - u_thr.detach()) * slayer(u_thr, alpha, c).detach())
        # symplectic formulation with early reset
        u_t = u_t * (1 - z_t.detach())
        w_t = decay_w * w_tm1 + (1.0 - decay_w) * (p["a"] * u_t + p["b"] * z_t) * q
        u_tm1, z_tm1, w_tm1 = carry(m, u_t, u_tm1), carry(m, z_t, z_tm1), carry(m, w_t, w_tm1)
        out.append(m * z_t)
    return torch.stack(out, dim=2)


def se_adlif_case(name, recurrent, cfg, seed, w_scale, w_shift, v_scale):
    (_, n_in, n, n_out, _), gen, x, mask, labels = model_inputs(seed, [1, 3, 0])
    p = drive_params(n_in, n, recurrent, gen, w_scale, w_shift, v_scale, bias=True)
    p["tauU"] = uniform(n, (0.0, 1.0), gen)
    p["tauW"] = uniform(n, (0.0, 1.0), gen)
    p["a"] = uniform(n, (0.0, 1.0), gen)
    p["b"] = uniform(n, (0.0, 2.0), gen)
    r = readout_params(n, n_out, gen)
    return scored(name, lambda x_, m_, p_: se_adlif_layer(x_, m_, p_, recurrent, cfg), x, mask, labels, p, r,
                  "SUM_SOFTMAX", {"model": "SE_ADLIF", "recurrent": recurrent, "config": cfg})


if __name__ == "__main__":
    # the reference's SHD settings (config/experiment/SHD_SE_adLIF.yaml), one step = one dt
    shd = {"dt": 1.0, "tauURange": [5.0, 25.0], "tauWRange": [60.0, 300.0], "q": 120.0, "threshold": 1.0,
           "alpha": 5.0, "c": 0.4}
    # shorter time constants over dt = 2, so the decays differ and the units are exercised
    short = dict(shd, dt=2.0, tauURange=[4.0, 12.0], tauWRange=[20.0, 60.0], q=30.0)
    cases = [se_adlif_case("SE_ADLIF", False, shd, 21, 1.2, 0.3, 0.0),
             se_adlif_case("RSE_ADLIF", True, shd, 22, 1.5, 0.6, 0.8),
             se_adlif_case("RSE_ADLIF_SHORT", True, short, 23, 1.0, 0.2, 0.8)]
    print(json.dumps({"torch": torch.__version__, "cases": cases}, indent=1))
