#!/usr/bin/env bash
# Spark resource discovery for GPUs (spark.{executor,driver,worker}.resource.gpu.discoveryScript):
# prints {"name": "gpu", "addresses": ["0", "1", ...]} with the CUDA device indices nvidia-smi sees
# (respecting CUDA_VISIBLE_DEVICES, as ND4J does). Exits non-zero without nvidia-smi, so a
# misconfigured GPU executor fails at start instead of silently training on the CPU.
set -euo pipefail
command -v nvidia-smi >/dev/null || { echo "gpu-discovery: nvidia-smi not found" >&2; exit 1; }
if [[ -n "${CUDA_VISIBLE_DEVICES:-}" ]]; then
  # CUDA renumbers the visible devices 0..n-1; nvidia-smi would list them all
  IFS=, read -ra visible <<< "$CUDA_VISIBLE_DEVICES"
  count=${#visible[@]}
else
  count=$(nvidia-smi --query-gpu=index --format=csv,noheader | wc -l)
fi
addresses=""
for ((i = 0; i < count; i++)); do
  addresses+="${addresses:+, }\"$i\""
done
echo "{\"name\": \"gpu\", \"addresses\": [$addresses]}"
