"""Statistical confidentiality of the figures shown to élus, unions and other readers.

A figure about fewer than five people points at them: in a service of three
agents, « 2 exposed » or « 2 users of a public chatbot » names two colleagues.
So the figures of small groups are never shown alone, in every report that
counts people: the map of jobs exposed to generative AI (agents per service,
direction...) and the shadow-AI report (distinct users per direction).
"""

from __future__ import annotations

from collections.abc import Mapping

MIN_GROUP = 5   # the smallest number of people a figure may be about


def is_small(people: int, minimum: int = MIN_GROUP) -> bool:
    """Whether a figure about this many people would point at them."""
    return people < minimum


def groups_to_merge(sizes: Mapping[str, int], minimum: int = MIN_GROUP) -> list[str]:
    """The groups to show only merged together, smallest first (none when no group is small).

    The groups under the minimum, then, while the merge itself stays under it,
    the next smallest groups: otherwise the total minus the groups shown would
    give a small group's figure back by subtraction.
    """
    by_size = sorted(sizes, key=lambda group: (sizes[group], group))
    merged = [group for group in by_size if is_small(sizes[group], minimum)]
    others = by_size[len(merged):]
    while merged and others and is_small(sum(sizes[group] for group in merged), minimum):
        merged.append(others.pop(0))
    return merged
