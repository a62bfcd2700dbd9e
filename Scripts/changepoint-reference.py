"""Change points by Apache Otava, the reference the Swift detector is checked against.

Reads {"cases": [{"name", "series", "window", "maxPValue", "minimumMagnitude"}]} on stdin and
prints, per case, the weak change points of Otava's split step, the final change points of
Otava's compute_change_points, and the final ones of Otava's merge with both neighbours of a
removed point re-tested: index, p-value and the means on either side.

Otava 0.8.0's merge re-tests the right neighbour of a removed point and the one after it, so
the left neighbour keeps the statistics of a segment that has since grown; sandbox-bench
re-tests both neighbours, as the Hunter paper describes. "mended" is Otava's merge with that
one line changed, everything else (split, t-test, order of removal) Otava's own.
"""
import json
import sys

from otava.analysis import TTestSignificanceTester, compute_change_points, split


def mended_merge(change_points, series, max_pvalue, min_magnitude):
    tester = TTestSignificanceTester(max_pvalue)
    while change_points:
        weakest = max(change_points, key=lambda c: c.stats.pvalue)
        if weakest.stats.pvalue < max_pvalue:
            weakest = min(change_points, key=lambda c: c.stats.change_magnitude())
            if weakest.stats.change_magnitude() > min_magnitude:
                return change_points
        position = change_points.index(weakest)
        del change_points[position]
        intervals = tester.get_intervals(change_points)
        for index in (position - 1, position):
            if 0 <= index < len(change_points):
                change_points[index] = tester.change_point(change_points[index].to_candidate(), series, intervals)
    return change_points


def points(change_points):
    return [
        {"index": int(p.index), "pValue": float(p.stats.pvalue), "meanBefore": float(p.stats.mean_1),
         "meanAfter": float(p.stats.mean_2)}
        for p in change_points
    ]


request = json.load(sys.stdin)
answers = []
for case in request["cases"]:
    series, window, max_p, magnitude = case["series"], case["window"], case["maxPValue"], case["minimumMagnitude"]
    first_pass = max_p * 10 if max_p < 0.05 else (max_p * 2 if max_p < 0.5 else max_p)
    weak = points(split(list(series), window, first_pass))
    final, _ = compute_change_points(list(series), window_len=window, max_pvalue=max_p, min_magnitude=magnitude)
    mended = mended_merge(split(list(series), window, first_pass), series, max_p, magnitude)
    answers.append({"name": case["name"], "weak": weak, "final": points(final), "mended": points(mended)})
json.dump({"cases": answers}, sys.stdout)
