#!/bin/sh
# Regenerates the three invented documents into ../docs (run from evals/heldout9/gen); facts go to /tmp.
set -e
cd "$(dirname "$0")"
python3 gen_a.py ../docs/jx-swdd-2025-bmys.txt /tmp/jx-swdd-2025-bmys.facts.json
python3 gen_b.py ../docs/sx-kyx-nyncj-2024-bmjs.txt /tmp/sx-kyx-nyncj-2024-bmjs.facts.json
python3 gen_c.py ../docs/jl-jys-jkzx-2025-dwys.md /tmp/jl-jys-jkzx-2025-dwys.facts.json
python3 audit.py ../docs/jx-swdd-2025-bmys.txt ../docs/sx-kyx-nyncj-2024-bmjs.txt ../docs/jl-jys-jkzx-2025-dwys.md
