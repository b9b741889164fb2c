"""Pin the quality gate's floors to what newsclean scores now.

Run after a change that improves the figures (never to hide a regression):
``python scripts/pin_gate.py``. Each summary figure's floor is the current
value minus a small margin; per-page scores are kept to name the pages that
got worse when the gate fails.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.gate import FLOORS, evaluate  # noqa: E402

MARGIN = 0.005
MODES = ("text", "html")


def main() -> None:
    pinned = {}
    for mode in MODES:
        result = evaluate(mode)
        pinned[mode] = {
            "floors": {k: round(v - MARGIN, 4) for k, v in result["summary"].items()},
            "measured": {k: round(v, 4) for k, v in result["summary"].items()},
            "pages": {k: round(v, 4) for k, v in sorted(result["pages"].items())},
        }
        print(mode, pinned[mode]["measured"])
    FLOORS.write_text(json.dumps(pinned, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {FLOORS}")


if __name__ == "__main__":
    main()
