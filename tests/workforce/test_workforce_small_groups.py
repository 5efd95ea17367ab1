"""A small collectivité still gets a useful map: what was merged into « autres », and why."""

from __future__ import annotations

from collectivia.workforce.analysis import Analysis, small_groups
from collectivia.workforce.matching import MatchMode
from collectivia.workforce.reference import ExposureSource
from collectivia.workforce.results import build
from collectivia.workforce.tableau import StaffRecord


def staff(services: dict[str, int], direction: str = "Direction des services") -> list[StaffRecord]:
    rows, line = [], 1
    for service, n in services.items():
        for _ in range(n):
            rows.append(StaffRecord(line, f"{line:05d}", "CNFPT - Jardinier-ère", direction, service))
            line += 1
    return rows


def test_groups_under_five_agents_are_named_as_merged_smallest_first():
    table = {"Crèche": {"x": 2}, "Voirie": {"x": 12}, "Cantine": {"x": 1}, "Écoles": {"x": 6}}
    # 1 + 2 agents stay under 5: the next smallest group joins them
    assert small_groups(table) == ["Cantine", "Crèche", "Écoles"]
    assert small_groups({"Voirie": {"x": 12}}) == []


def test_readers_are_told_which_services_are_in_autres_and_pointed_to_the_directions():
    analysis = Analysis(staff({"Crèche": 3, "Cantine": 2, "Voirie": 4, "Écoles": 3}),
                        MatchMode.FUZZY)
    results = build(analysis, ExposureSource.INET, protected=True, charts=False)
    by_service = next(b for b in results.breakdowns if b.key == "service")
    assert [group for group, *_ in by_service.rows] == ["autres"]
    assert set(by_service.merged_groups) == {"Crèche", "Cantine", "Voirie", "Écoles"}
    assert by_service.too_small
    hr_view = build(analysis, ExposureSource.INET, protected=False, charts=False)
    assert not next(b for b in hr_view.breakdowns if b.key == "service").merged_groups


def test_the_printed_report_also_says_what_autres_holds_and_points_to_the_directions():
    """Élus read the PDF, not the page: a small collectivité's report explains its merges too."""
    from collectivia.workforce.report import report_html

    analysis = Analysis(staff({"Crèche": 3, "Cantine": 2, "Voirie": 4, "Écoles": 3}),
                        MatchMode.FUZZY)
    html = report_html(analysis, ExposureSource.INET, "Petiteville", None)
    assert "« autres » regroupe 4 services : " in html
    for service in ("Crèche", "Cantine", "Voirie", "Écoles"):
        assert service in html
    assert "permettrait de reconnaître des agents" in html
    assert '<a href="#rapport-direction">par direction</a>' in html and 'id="rapport-direction"' in html
