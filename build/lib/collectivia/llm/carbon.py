"""Energy (kWh) and greenhouse-gas (kg CO2 eq) of one call, with the `ecologits` methodology.

ecologits estimates a call from the model's parameter count and the number of
generated tokens (GPU energy fitted on open models, server overhead, PUE,
electricity mix of the zone, embodied impacts of the hardware). It runs fully
offline from data shipped in its wheel. We pass no measured latency: ours would
include the network and queueing, not generation time, so the model-based
generation time of the methodology is used instead. No parameter count
configured for the model: no estimate (None), never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from collectivia.llm.config import ModelConfig


@dataclass(frozen=True)
class Footprint:
    energy_kwh: float
    gwp_kgco2eq: float


@lru_cache(maxsize=8)
def _mix(zone: str):
    from ecologits.electricity_mix_repository import electricity_mixes

    mix = electricity_mixes.find_electricity_mix(zone)
    if mix is None:
        raise ValueError(f"zone de mix électrique inconnue d'ecologits : {zone}")
    return mix


def _mid(value) -> float:
    """ecologits gives a range when the inputs are uncertain: keep its middle."""
    value = getattr(value, "value", value)
    if hasattr(value, "min") and hasattr(value, "max"):
        return (float(value.min) + float(value.max)) / 2
    return float(value)


def estimate(model: ModelConfig, output_tokens: int, zone: str = "FRA",
             pue: float = 1.2) -> Footprint | None:
    if not model.params_b or output_tokens <= 0:
        return None
    return _estimate(model.active_params_b or model.params_b, model.params_b, output_tokens,
                     zone, pue)


@lru_cache(maxsize=4096)
def _estimate(active_b: float, total_b: float, output_tokens: int, zone: str,
              pue: float) -> Footprint:
    """Cached: the same model and answer length always weigh the same (and calls repeat)."""
    from ecologits.impacts.llm import compute_llm_impacts

    mix = _mix(zone)
    impacts = compute_llm_impacts(
        model_active_parameter_count=active_b,
        model_total_parameter_count=total_b,
        output_token_count=output_tokens,
        if_electricity_mix_adpe=mix.adpe, if_electricity_mix_pe=mix.pe,
        if_electricity_mix_gwp=mix.gwp, if_electricity_mix_wue=mix.wue,
        datacenter_pue=pue, datacenter_wue=0.0,
    )
    return Footprint(_mid(impacts.energy), _mid(impacts.gwp))
