# Generated from schemas/computer-order-event.json by datamodel-code-generator
# (scripts/contract/python-models.sh): do not edit; run `npm run generate`.

from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field


class ComputerOrderEvent(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    schema_version: Literal[1]
    event_id: Annotated[
        UUID,
        Field(
            description="UUIDv5 of the order id: every retry of one order carries the same event id, so consumers can deduplicate on it."
        ),
    ]
    event_type: Literal["computer-order.created"]
    order_id: Annotated[
        str,
        Field(
            description="A client-chosen or generated order id. Safe characters only.",
            examples=["order-2026-0001"],
            max_length=64,
            min_length=1,
            pattern="^[A-Za-z0-9][A-Za-z0-9._:-]*$",
        ),
    ]
    status: Literal["Queued", "Processing", "Completed", "Failed"]
    created_at: Annotated[
        AwareDatetime,
        Field(
            description="When the order was created, in UTC (`Z`), fractional seconds kept as sent."
        ),
    ]
    received_at: Annotated[
        AwareDatetime, Field(description="When the API accepted the order, in UTC.")
    ]
    created_by: Annotated[
        str,
        Field(
            description="Who placed the order. No control characters, and well-formed Unicode only: a lone UTF-16 surrogate (a JSON escape such as `\\ud800` not paired with a low surrogate) is refused with `400` naming `/created_by`, and never reaches a record; a surrogate pair (an emoji, `\\ud83d\\ude00`) is one character and is kept. The pattern cannot say so portably (validators match it per code point or per UTF-16 code unit, and some regex engines cannot name a surrogate at all), so the server checks it beyond the schema.",
            max_length=128,
            min_length=1,
            pattern="^[^\\u0000-\\u001F\\u007F]+$",
        ),
    ]
    equipment: Annotated[
        list[Literal["KEYBOARD", "MOUSE", "WEBCAM", "MONITOR"]],
        Field(max_length=32, min_length=1),
    ]
    source: Annotated[
        Literal["api/v2", "api/original"],
        Field(description="Which path the order came through."),
    ]
