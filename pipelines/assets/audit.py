"""The plan audited against itself: disagreements are warnings with figures, never silent."""


import dagster as dg
import pandas as pd


@dg.asset_check(asset="indicator_consistency", blocking=False,
                description="Warns where the printed growth disagrees with base and target, or where the "
                            "12th-FYP target and result imply different 2010 baselines.")
def indicator_consistency_agrees(indicator_consistency: pd.DataFrame) -> dg.AssetCheckResult:
    bad = indicator_consistency[indicator_consistency["agrees"] == False]  # noqa: E712  (nullable boolean)
    lines = [f"- {r.table_id} #{r.indicator_no}: {r.explanation_en}" for r in bad.itertuples()]
    return dg.AssetCheckResult(
        passed=bad.empty, severity=dg.AssetCheckSeverity.WARN,
        description=f"{len(bad)} of {len(indicator_consistency)} checks disagree" if len(bad) else "all agree",
        metadata={"disagreements": dg.MetadataValue.md("\n".join(lines) or "none"),
                  "checked": int(indicator_consistency["agrees"].notna().sum())})
