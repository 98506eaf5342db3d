#!/usr/bin/env python3

# SPDX-FileCopyrightText: 2026 The FlowAtlas developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Writes a FlowmapBlue folder of random flows among places in Eurasia,
for benchmarks: locations.csv and flows.csv, the same for the same seed.

    make-flowmap.py FOLDER PLACES FLOWS [SEED]

Places cluster around a few dozen towns, as real ones do; counts follow a
heavy-tailed law (a few large flows, many small ones); each flow has a
month between 2020 and 2023, so that a timeline has something to show.
"""

import csv
import math
import os
import random
import sys


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    folder, n_places, n_flows = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
    os.makedirs(folder, exist_ok=True)

    towns = [(rng.uniform(20, 140), rng.uniform(38, 66)) for _ in range(40)]
    with open(os.path.join(folder, "locations.csv"), "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["id", "name", "lat", "lon"])
        for i in range(n_places):
            lon, lat = rng.choice(towns)
            spread = rng.expovariate(1 / 2.5)
            angle = rng.uniform(0, 2 * math.pi)
            lon = min(179.9, max(-179.9, lon + spread * math.cos(angle) / math.cos(math.radians(lat))))
            lat = min(80.0, max(30.0, lat + spread * math.sin(angle)))
            out.writerow([f"p{i}", f"Place {i}", f"{lat:.5f}", f"{lon:.5f}"])

    # Rows repeating an origin, destination and month are summed by the
    # reader: draw until there are n_flows distinct ones.
    seen = set()
    with open(os.path.join(folder, "flows.csv"), "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["origin", "dest", "count", "time"])
        while len(seen) < n_flows:
            a, b = rng.randrange(n_places), rng.randrange(n_places)
            if a == b:
                continue
            year, month = rng.randint(2020, 2023), rng.randint(1, 12)
            key = (a, b, year, month)
            if key in seen:
                continue
            seen.add(key)
            count = max(1, int(rng.paretovariate(1.2) * 10))
            out.writerow([f"p{a}", f"p{b}", count, f"{year}-{month:02d}-01"])


if __name__ == "__main__":
    main()
