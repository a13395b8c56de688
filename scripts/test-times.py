#!/usr/bin/env python3
"""Per-test durations from swift-testing event streams: a TSV, slowest first, and a top-N on stdout.

usage: scripts/test-times.py OUTPUT.tsv EVENTS.jsonl [EVENTS.jsonl ...]

Each EVENTS file is what `swift test --event-stream-output-path FILE --experimental-event-stream-version 0`
wrote. Rows are `test<TAB>seconds<TAB>measure`:

- `cases`: the sum of the test's cases from each case's start to its end. swift-testing reports
  cases of parameterised tests when they really run, so this is the time the test took.
- `span`: from the test's start to its end event. For a test without cases that is all there is, and
  with tests in parallel it includes time spent waiting for a thread (swift-testing starts every
  test at once and runs them as threads come free), so a quick test can show seconds.
"""

import json
import os
import sys

TOP = 10


def durations(path):
    """(test id, seconds, measure) for every test that ended in the stream at `path`."""
    started, ended, case_started, case_seconds, functions = {}, {}, {}, {}, set()
    with open(path, encoding="utf-8") as stream:
        for line in stream:
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue  # a crashed run can leave half a line
            payload = record.get("payload", {})
            if record.get("kind") == "test":
                if payload.get("kind") == "function":
                    functions.add(payload.get("id"))
                continue
            kind, test = payload.get("kind"), payload.get("testID")
            instant = payload.get("instant", {}).get("absolute")
            if test is None or instant is None:
                continue
            case = (test, json.dumps(payload.get("_testCase", {}).get("id")))
            if kind == "testStarted":
                started[test] = instant
            elif kind == "testEnded":
                ended[test] = instant
            elif kind == "testCaseStarted":
                case_started[case] = instant
            elif kind == "testCaseEnded" and case in case_started:
                case_seconds[test] = case_seconds.get(test, 0.0) + instant - case_started.pop(case)
    for test, end in ended.items():
        if test not in functions or test not in started:
            continue  # suites
        if test in case_seconds:
            yield test, case_seconds[test], "cases"
        else:
            yield test, end - started[test], "span"


def name(test):
    """`Module.Suite/function()/File.swift:12:6` as `Module.Suite.function()`."""
    parts = test.split("/")
    return ".".join(parts[:-1]) if len(parts) > 1 else test


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 64
    output, streams = sys.argv[1], [path for path in sys.argv[2:] if os.path.exists(path)]
    if not streams:
        print(f"test-times: none of {' '.join(sys.argv[2:])} exists", file=sys.stderr)
        return 66
    rows = [(name(test), seconds, measure) for path in streams for test, seconds, measure in durations(path)]
    rows.sort(key=lambda row: (-row[1], row[0]))
    with open(output, "w", encoding="utf-8") as tsv:
        tsv.write("test\tseconds\tmeasure\n")
        for test, seconds, measure in rows:
            tsv.write(f"{test}\t{seconds:.3f}\t{measure}\n")
    for measure, title in [("cases", "measured by their cases"), ("span", "start to end, waiting included")]:
        chosen = [row for row in rows if row[2] == measure]
        print(f"slowest {min(TOP, len(chosen))} of {len(chosen)} tests {title}:")
        for test, seconds, _ in chosen[:TOP]:
            print(f"  {seconds:8.2f} s  {test}")
    print(f"all {len(rows)}: {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
