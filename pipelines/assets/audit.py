"""The plan audited against itself: disagreements are warnings with figures, never silent."""

import dagster as dg
import pandas as pd

AUDIT_CHECK = "plan_agrees_with_itself"


def audit_spec(asset: str) -> dg.AssetCheckSpec:
    return dg.AssetCheckSpec(
        AUDIT_CHECK,
        asset=asset,
        blocking=False,
        description="Warns where the printed growth disagrees with base and target, or where "
        "the 12th-FYP target and result imply different 2010 baselines.",
    )


def audit_result(asset: str, consistency: pd.DataFrame) -> dg.AssetCheckResult:
    bad = consistency[consistency["agrees"] == False]  # noqa: E712  (nullable boolean)
    lines = [f"- {r.table_id} #{r.indicator_no}: {r.explanation_en}" for r in bad.itertuples()]
    return dg.AssetCheckResult(
        asset_key=asset,
        check_name=AUDIT_CHECK,
        passed=bad.empty,
        severity=dg.AssetCheckSeverity.WARN,
        description=f"{len(bad)} of {len(consistency)} checks disagree" if len(bad) else "all agree",
        metadata={
            "disagreements": dg.MetadataValue.md("\n".join(lines) or "none"),
            "checked": int(consistency["agrees"].notna().sum()),
        },
    )
