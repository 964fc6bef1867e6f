"""JUnit XML: one test suite per plan, one test case per rule (failed, passed or skipped).

A finding that lists related rules (one cause, several rules) fails each of them: CI counts
rules, and every rule the cause breaks is a failed test case."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from ..findings import Finding, Report, Unreadable
from ..i18n import clause, severity

__all__ = ["format_reports"]


def format_reports(
    reports: Sequence[Report],
    fail_on: str = "error",
    failures: Sequence[Unreadable] = (),
    lang: str = "en",
    **_: object,
) -> str:
    unreadable = list(failures)
    rank = {"error": 0, "warning": 1, "info": 2}
    suites = ET.Element("testsuites", name="floorcheck")
    total_fail = total = 0
    for report in reports:
        suite = ET.SubElement(suites, "testsuite", name=report.title)
        by_rule: dict[str, list[Finding]] = {}
        for f in report.all_findings():  # a cause fails every rule it breaks
            by_rule.setdefault(f.rule, []).append(f)
        failed = skipped = 0
        cases = sorted(set(by_rule) | set(report.passed) | {s["rule"] for s in report.skipped})
        reasons = {
            s["rule"]: s.get("reason_zh", s["reason"]) if lang == "zh" else s["reason"]
            for s in report.skipped
        }
        for code in cases:
            case = ET.SubElement(suite, "testcase", classname=report.title, name=code)
            found = by_rule.get(code, [])
            failing = [f for f in found if rank[f.severity] <= rank[fail_on]]
            if failing:
                failed += 1
                el = ET.SubElement(
                    case, "failure", message=failing[0].text(lang), type=failing[0].severity
                )
                el.text = "\n".join(
                    f"[{severity(f.severity).text(lang)}] {clause(f.clause, lang)} {f.text(lang)}"
                    for f in found
                )
            elif code in reasons:
                skipped += 1
                ET.SubElement(case, "skipped", message=reasons[code])
            elif found:
                out = ET.SubElement(case, "system-out")
                out.text = "\n".join(
                    f"[{severity(f.severity).text(lang)}] {f.text(lang)}" for f in found
                )
        suite.set("tests", str(len(cases)))
        suite.set("failures", str(failed))
        suite.set("skipped", str(skipped))
        suite.set("errors", "0")
        total += len(cases)
        total_fail += failed
    for u in unreadable:  # a drawing that could not be read is an error, not a pass
        suite = ET.SubElement(
            suites, "testsuite", name=u.file, tests="1", failures="0", errors="1", skipped="0"
        )
        case = ET.SubElement(suite, "testcase", classname=u.file, name="read")
        ET.SubElement(case, "error", message=u.text(lang), type="unreadable")
    suites.set("tests", str(total + len(unreadable)))
    suites.set("failures", str(total_fail))
    suites.set("errors", str(len(unreadable)))
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
