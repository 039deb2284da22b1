"""Reads Schemathesis' own reports of one run and says whether it counts.

The run counts when Schemathesis generated at least MIN_CASES test cases,
every phase ran, and no check failed and no case errored. The counts come
from its JSON run report (`test_cases.generated`, the number its summary
prints) and, per check, from its NDJSON event stream.

Usage: python summarize.py REPORT_JSON EVENTS_NDJSON MIN_CASES
"""

import collections
import json
import sys


def check_counts(events_path):
    """Per check name, how often it passed and failed; plus the requests sent."""
    counts = collections.defaultdict(collections.Counter)
    requests = 0
    with open(events_path, encoding="utf-8") as events:
        for line in events:
            event = json.loads(line)
            finished = event.get("ScenarioFinished")
            if not finished:
                continue
            recorder = finished["recorder"]
            requests += len(recorder.get("interactions", {}))
            for results in recorder.get("checks", {}).values():
                for result in results:
                    counts[result["name"]][result["status"]] += 1
    return counts, requests


def main(report_path, events_path, min_cases):
    with open(report_path, encoding="utf-8") as report_file:
        report = json.load(report_file)
    cases = report["test_cases"]
    counts, requests = check_counts(events_path)
    executions = sum(sum(c.values()) for c in counts.values())

    print(f"fuzz: Schemathesis {report['schemathesis_version']}, seed {report['seed']}, "
          f"{report['running_time']:.0f} s, stop reason: {report['stop_reason']}")
    for name, phase in report["phases"].items():
        print(f"fuzz:   phase {name}: {phase['status']}" + (f" ({phase['skip_reason']})" if phase["skip_reason"] else ""))
    print(f"fuzz: {cases['generated']} test cases generated, {requests} requests sent, "
          f"{len(counts)} checks, {executions} check executions")
    for name in sorted(counts):
        tally = counts[name]
        print(f"fuzz:   {name}: {tally['success']} passed, {tally['failure']} failed")

    problems = []
    if cases["generated"] < min_cases:
        problems.append(f"only {cases['generated']} test cases ran, fewer than {min_cases}")
    if cases["with_failures"] or report["failures"]:
        problems.append(f"{cases['with_failures']} test cases failed a check "
                        f"({', '.join(f['code'] + ' ' + f['title'] for f in report['failures'])})")
    if cases["errored"] or report["errors"]:
        problems.append(f"{cases['errored']} test cases errored")
    if not report["complete"] or report["stop_reason"] != "completed":
        problems.append(f"the run did not complete ({report['stop_reason']})")
    skipped = [name for name, phase in report["phases"].items() if phase["status"] == "skipped"]
    if skipped:
        problems.append(f"phases skipped: {', '.join(skipped)}")
    for problem in problems:
        print(f"fuzz: FAIL: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
