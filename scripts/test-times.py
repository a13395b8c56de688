#!/usr/bin/env python3
"""Per-test durations from `swift test --xunit-output`: a TSV, slowest first, and a top-N on stdout.

usage: scripts/test-times.py OUTPUT.tsv REPORT.xml [REPORT.xml ...]

SwiftPM writes the XCTest report to the given path and the swift-testing one next to it with
`-swift-testing` before the extension; pass whichever exist. Each row is `suite.test<TAB>seconds`.

A swift-testing time runs from the test's start to its end as the runner saw them: with tests in
parallel on two cores, it includes time spent waiting for a thread, so a quick test that shared the
machine with slow ones can show a second or two. The slow end of the list is what to act on.
"""

import os
import sys
import xml.etree.ElementTree as ElementTree

TOP = 10


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 64
    output, reports = sys.argv[1], [path for path in sys.argv[2:] if os.path.exists(path)]
    if not reports:
        print(f"test-times: none of {' '.join(sys.argv[2:])} exists", file=sys.stderr)
        return 66
    rows = []
    for report in reports:
        try:
            root = ElementTree.parse(report).getroot()
        except ElementTree.ParseError as error:
            # The runner writes its report as it goes: a crashed run leaves it unfinished.
            print(f"test-times: {report}: {error} (did the test process crash?)", file=sys.stderr)
            continue
        for case in root.iter("testcase"):
            name = f"{case.get('classname', '')}.{case.get('name', '')}".lstrip(".")
            rows.append((name, float(case.get("time") or 0)))
    rows.sort(key=lambda row: (-row[1], row[0]))
    with open(output, "w", encoding="utf-8") as tsv:
        tsv.write("test\tseconds\n")
        for name, seconds in rows:
            tsv.write(f"{name}\t{seconds:.3f}\n")
    total = sum(seconds for _, seconds in rows)
    print(f"slowest {min(TOP, len(rows))} of {len(rows)} tests ({total:.1f} s in all; tests run in parallel):")
    for name, seconds in rows[:TOP]:
        print(f"  {seconds:8.2f} s  {name}")
    print(f"all durations: {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
