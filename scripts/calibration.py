#!/usr/bin/env python3
"""Checks the estimates against real awards (../shared/law/cases/calibration.json).

Maps each decision to a case, runs `estimate batch` on all of them, and prints for each the
award, the estimated range and point, whether the award falls inside the range, and summary
figures. Usage: scripts/calibration.py [path/to/calibration.json] (needs `cargo build` first).
"""
import json, os, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "..", "shared", "law", "cases", "calibration.json")
records = json.load(open(path))

HARM = {
    "death": ("death", "civil"), "disability": ("disability", "civil"), "injury_no_grade": ("injury", "civil"),
    "traffic_disability": ("disability", "traffic"), "traffic_injury_no_grade": ("injury", "traffic"),
    "medical_disability": ("disability", "civil"), "reputation": ("personality", "civil"),
    "privacy": ("personality", "civil"), "portrait": ("personality", "civil"), "name": ("personality", "civil"),
    "other_personality": ("personality", "civil"), "personal_info": ("personal-info", "civil"),
    "ip_moral_rights": ("ip-moral", "civil"), "state_compensation": ("detention", "state-compensation"),
}
cases = []
for r in records:
    harm, ctx = HARM[r["harm_kind"]]
    c = {"id": r["id"], "province": r["province"] or "national", "harm": harm, "context": ctx}
    if r["year"]: c["date"] = f"{r['year']}-06-01"
    if r["disability_grade"]: c["disability_grade"] = r["disability_grade"]
    if r["defendant_liability"] is not None: c["liability"] = str(r["defendant_liability"])
    if r["victim_fault"]: c["victim_fault"] = str(r["victim_fault"])
    if r["infringer_type"] in ("natural_person", "organisation"):
        c["infringer"] = {"natural_person": "natural", "organisation": "organization"}[r["infringer_type"]]
    if r["detention_days"]: c["detention_days"] = r["detention_days"]
    if r["infringer_gain"]: c["gain"] = r["infringer_gain"]
    if ctx == "state-compensation": c["severity"] = "serious"
    cases.append(c)

exe = os.path.join(os.environ.get("CARGO_TARGET_DIR") or os.path.join(root, "target"), "debug", "estimate")
out = subprocess.run([exe, "batch", "-"], input="\n".join(json.dumps(c, ensure_ascii=False) for c in cases),
                     capture_output=True, text=True, env={**os.environ, "SOLATIUM_TODAY": "2026-11-22"}).stdout
results = [json.loads(l) for l in out.splitlines()]
inside, estimated, errs, ratios = 0, 0, [], []
print(f"{'id':45} {'award':>9} {'low':>8} {'point':>8} {'high':>8}  in?")
for r, e in zip(records, results):
    award = float(r["awarded"])
    if "error" in e:
        errs.append(r["id"])
        print(f"{r['id']:45} {award:>9.0f}  not estimable: {e['error']['field']} ({e['error']['message'][:40]}…)")
        continue
    estimated += 1
    a = e["amount"]
    hi = a["high"] if a["high"] is not None else float("inf")
    ok = a["low"] <= award <= hi
    inside += ok
    if award > 0 and a["point"] > 0:
        ratios.append(a["point"] / award)
    print(f"{r['id']:45} {award:>9.0f} {a['low']:>8} {a['point']:>8} {str(a['high']):>8}  {'yes' if ok else 'NO'}")
ratios.sort()
med = ratios[len(ratios) // 2] if ratios else float("nan")
print(f"\n{len(records)} decisions: {estimated} estimated, {len(errs)} not estimable (a figure the rule needs is missing)")
print(f"award inside the estimated range: {inside} of {estimated}")
print(f"point / award: median {med:.2f}, within ×2 either way: {sum(1 for x in ratios if 0.5 <= x <= 2)} of {len(ratios)}")
