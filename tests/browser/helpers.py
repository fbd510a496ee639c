"""What the browser tests ask of a page: axe-core's WCAG findings, the focused element."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

# WCAG 2.0 and 2.1, levels A and AA: what the archive promises (issue 4).
WCAG_21_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_axe = Axe()


def axe_violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it stands, one line per element.

    Empty when the page passes. Each line names the rule, its impact, the element and the fix,
    so a failing assertion reads as a to-do list.
    """
    options = {
        "runOnly": {"type": "tag", "values": WCAG_21_AA_TAGS},
        "resultTypes": ["violations"],
    }
    results = _axe.run(page, options=options)
    lines = []
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            summary = node.get("failureSummary", "").replace("\n", " ")
            lines.append(
                f"{violation['id']} ({violation['impact']}) at {target}: "
                f"{violation['help']}. {summary}"
            )
    return lines


def focused(page: Page) -> dict[str, str]:
    """The focused element: its tag, id, href, text, and how its focus is drawn."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {
                tag: el.tagName.toLowerCase(),
                id: el.id,
                href: el.getAttribute("href") || "",
                text: el.innerText.trim(),
                outlineStyle: style.outlineStyle,
                outlineWidth: style.outlineWidth,
                boxShadow: style.boxShadow,
            };
        }"""
    )


def has_focus_indicator(element: dict[str, str]) -> bool:
    """True when the focused element draws an outline or a box shadow."""
    outline = element["outlineStyle"] != "none" and element["outlineWidth"] not in ("", "0px")
    return outline or element["boxShadow"] != "none"


def page_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than its window (0: no sideways scrolling)."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
