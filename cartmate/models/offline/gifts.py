"""Who a cart request is for, resolved against the conversation, and the cart lines that are
someone's gifts ("swap my sister's gift", "what did I pick for dad?")."""

from __future__ import annotations

from typing import Any

from cartmate.agent_runtime.gift_marks import gift_marks
from cartmate.models.offline.request_view import RequestView
from cartmate.planner import Intent, ProductRef
from cartmate.planner.recipients import GIFT_WORDS, PRONOUNS, people_named, resolve_pronoun

__all__ = [
    "gift_lines",
    "gifts_said",
    "meant_by",
    "names_a_gift",
    "recipient_of",
    "same_person",
]

_SAME = ({"mum", "mom", "mam", "mummy", "mommy"}, {"dad", "daddy", "papa"},
         {"sister", "sis"}, {"brother", "bro"}, {"neighbour", "neighbor"},
         {"coworker", "colleague"})  # fmt: skip


def recipient_of(view: RequestView, intent: Intent) -> str | None:
    """The person `intent` is for: as said, or who "him"/"her" stands for (the person last
    named who can be it in the earlier messages: one named earlier in this message was put
    in its place already, `recipients.with_persons_named`)."""
    said = intent.recipient
    if said is None or said not in PRONOUNS:
        return said
    return resolve_pronoun(said, people_named(view.history_texts))


def same_person(a: str, b: str) -> bool:
    a, b = a.lower().strip(), b.lower().strip()
    return a == b or any(a in group and b in group for group in _SAME)


#: Words for several people a gift may be marked for one by one ("the kids": the son's and
#: the daughter's)
_GROUPS = {
    "parents": frozenset("mum mom mam mummy mommy mother dad daddy papa father".split()),
    "kids": frozenset("son sons daughter daughters boy boys girl girls kid child".split()),
    "grandparents": frozenset(
        "grandma grandpa gran granny nan nana grandad granddad grandmother grandfather".split()
    ),
}
_GROUPS["children"] = _GROUPS["kids"]


def meant_by(said: str, marked: str) -> bool:
    """Whether a gift marked for `marked` is among those `said` names: one person, several
    ("dad and cousin"), or a group ("the kids": the son's and the daughter's)."""
    marked = marked.lower().strip()
    return any(
        same_person(marked, part) or marked in _GROUPS.get(part.strip(), frozenset())
        for part in said.lower().split(" and ")
    )


def gift_lines(view: RequestView, person: str | None) -> list[dict[str, Any]]:
    """The cart's lines that hold gifts, for `person` (or for anyone, with None); each with
    `for_whom`, the person as marked, and `gift_quantity`, how many units are theirs."""
    marks = gift_marks(view.state)
    lines = []
    for line in view.state.get("cart") or []:
        for marked, count in (marks.get(line["id"]) or {}).items():
            if person is None or same_person(marked, person):
                lines.append({**line, "for_whom": marked, "gift_quantity": count})
                break
    return lines


def names_a_gift(ref: ProductRef) -> bool:
    """ "the gift", "my sister's present": a line named by who it is for."""
    return bool(ref.text) and set((ref.text or "").split()) <= GIFT_WORDS


def gifts_said(lines: list[dict[str, Any]]) -> str:
    """ "the Watch (for dad) or the Salt & Pepper Shakers (for sister)" (`gift_lines`)."""
    return " or ".join(f"the {line['name']} (for {line['for_whom']})" for line in lines)
