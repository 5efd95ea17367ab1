"""Statistical confidentiality: which groups are shown only merged, whatever the report."""

from __future__ import annotations

from collectivia.core.confidentiality import MIN_GROUP, groups_to_merge, is_small


def test_a_figure_about_fewer_than_five_people_is_small():
    assert MIN_GROUP == 5
    assert is_small(4) and not is_small(5)
    assert is_small(9, minimum=10)


def test_no_group_is_merged_when_none_is_small():
    assert groups_to_merge({"Voirie": 12, "Écoles": 5}) == []
    assert groups_to_merge({}) == []


def test_small_groups_are_merged_smallest_first():
    assert groups_to_merge({"Voirie": 12, "Crèche": 3, "Cantine": 2, "Police": 4}) == [
        "Cantine", "Crèche", "Police"]


def test_the_next_smallest_groups_join_until_the_merge_is_not_small():
    """1 + 2 people merged would still be small, and the total would give them back."""
    sizes = {"Voirie": 12, "Crèche": 2, "Cantine": 1, "Écoles": 6, "Culture": 6}
    assert groups_to_merge(sizes) == ["Cantine", "Crèche", "Culture"]   # ties by name


def test_everything_merged_when_all_together_stay_small():
    assert groups_to_merge({"A": 2, "B": 1}) == ["B", "A"]
