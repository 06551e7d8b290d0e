#!/usr/bin/env python3
"""Reference timing for `advariant-cli dataset stats`: Python's json.load plus
the index pycocotools' COCO.createIndex builds (anns, imgs, cats, imgToAnns,
catToImgs). Prints seconds and peak RSS.

Usage: python3 tools/bench_coco_python.py FILE
"""
import json
import resource
import sys
import time
from collections import defaultdict

t0 = time.perf_counter()
with open(sys.argv[1]) as f:
    d = json.load(f)
t1 = time.perf_counter()
anns, cats, imgs = {}, {}, {}
img_to_anns, cat_to_imgs = defaultdict(list), defaultdict(list)
for a in d.get("annotations", []):
    img_to_anns[a["image_id"]].append(a)
    anns[a["id"]] = a
for i in d.get("images", []):
    imgs[i["id"]] = i
for c in d.get("categories", []):
    cats[c["id"]] = c
for a in d.get("annotations", []):
    cat_to_imgs[a["category_id"]].append(a["image_id"])
t2 = time.perf_counter()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"json.load {t1 - t0:.2f} s, index {t2 - t1:.2f} s, total {t2 - t0:.2f} s, peak RSS {rss:.0f} MiB, "
      f"{len(anns)} annotations")
