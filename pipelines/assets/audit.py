"""The plan audited against itself: disagreements are warnings with figures, never silent."""

import dagster as dg
import pandas as pd

AUDIT_CHECK = "plan_agrees_with_itself"


def audit_description() -> str:
    return (
        "Warns where the printed growth disagrees with base and target, or where a review table's target and "
        "result imply different baselines."
    )


def disagreements(consistency: pd.DataFrame) -> list[str]:
    """'- <table_id> #<no>: <explanation>' for every check of indicator_consistency that disagrees."""
    bad = consistency[consistency["agrees"] == False]  # noqa: E712  (nullable boolean)
    return [f"- {r.table_id} #{r.indicator_no}: {r.explanation_en}" for r in bad.itertuples()]


SOURCES_CHECK = "sources_agree"
SOURCES_TOLERANCE = 0.02  # a second source more than 2 % away from the figure the verdict uses is worth a look
TARGET_KEY = ["document_id", "table_id", "indicator_no", "paragraph_key", "figure", "occurrence"]


def sources_spec(asset: str) -> dg.AssetCheckSpec:
    return dg.AssetCheckSpec(
        SOURCES_CHECK,
        asset=asset,
        blocking=False,
        description="Warns where a second comparable source for the same target and year differs from the "
        f"figure the verdict uses by more than {SOURCES_TOLERANCE:.0%}.",
    )


def source_disagreements(outcomes: pd.DataFrame) -> list[str]:
    """'o017 (超96%) differs from o015 (108%) by 11.1 %', for every such pair."""
    comparable = outcomes[outcomes["comparable"] & outcomes["value_base"].notna()]
    out = []
    for _, group in comparable.groupby(TARGET_KEY, dropna=False):
        for p in group[group["is_primary"]].itertuples():
            for o in group[~group["is_primary"] & (group["year"] == p.year)].itertuples():
                diff = abs(o.value_base - p.value_base) / abs(p.value_base) if p.value_base else 0.0
                if diff > SOURCES_TOLERANCE:
                    out.append(
                        f"{o.outcome_id} ({o.figure_as_printed}) differs from {p.outcome_id} "
                        f"({p.figure_as_printed}) by {100 * diff:.1f} %"
                    )
    return out


def sources_result(asset: str, outcomes: pd.DataFrame) -> dg.AssetCheckResult:
    bad = source_disagreements(outcomes)
    return dg.AssetCheckResult(
        asset_key=asset,
        check_name=SOURCES_CHECK,
        passed=not bad,
        severity=dg.AssetCheckSeverity.WARN,
        description=f"{len(bad)} second source(s) disagree: " + "; ".join(bad) if bad else "all sources agree",
        metadata={"disagreements": dg.MetadataValue.md("\n".join(f"- {b}" for b in bad) or "none")},
    )
