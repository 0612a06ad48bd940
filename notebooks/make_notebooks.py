#!/usr/bin/env python3
"""Writes the three notebooks of this folder (run it after editing the cells below; commit the
.ipynb files without outputs). Each opens the run named by WINNOW_RUN (default: the embedded
default run, ../runs/sample) and reads its report/: report.json and the CSV tables."""
import nbformat as nbf

SETUP = '''import json, os
from pathlib import Path
import pandas as pd
import matplotlib.pyplot as plt

RUN = Path(os.environ.get("WINNOW_RUN", "../runs/sample"))
REPORT = RUN / "report"
assert (REPORT / "report.json").exists(), f"no report in {RUN}: run `bin/winnow run` (or `bin/winnow report --run {RUN}`)"
report = json.loads((REPORT / "report.json").read_text())
print("run:", report["run"], "| sections:", [k for k in report if k not in ("run", "files")])'''


def notebook(title, intro, cells):
    nb = nbf.v4.new_notebook()
    nb.cells = [nbf.v4.new_markdown_cell(f"# {title}\n\n{intro}"), nbf.v4.new_code_cell(SETUP)]
    for kind, text in cells:
        nb.cells.append(nbf.v4.new_markdown_cell(text) if kind == "md" else nbf.v4.new_code_cell(text))
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


overview = notebook("Run overview", "What each stage kept and rejected, per dataset, and the blend it ended in.", [
    ("md", "## Funnel\nThe stage manifests' counts per dataset (`funnel.csv`), and the characters kept."),
    ("code", '''funnel = pd.read_csv(REPORT / "funnel.csv")
by_stage = funnel.groupby(["index", "stage"], sort=True)[["in", "kept", "rejected", "kept_chars"]].sum()
by_stage'''),
    ("code", '''kept = funnel.pivot_table(index=["index", "stage"], columns="dataset", values="kept", aggfunc="sum", fill_value=0)
ax = kept.plot(kind="bar", stacked=True, figsize=(9, 4), title="Documents kept after each stage")
ax.set_xlabel("stage"); ax.set_ylabel("documents kept (rows)")
plt.tight_layout(); plt.show()'''),
    ("md", "## Why documents were rejected"),
    ("code", '''reasons = pd.read_csv(REPORT / "reasons.csv")
reasons.sort_values("rows", ascending=False).head(20)'''),
    ("md", "## Blend\nTarget weight, effective weight (epoch caps) and each dataset's share of the tokens in the data."),
    ("code", '''if (REPORT / "blend.csv").exists():
    blend = pd.read_csv(REPORT / "blend.csv").set_index("dataset")
    display(blend[["documents", "tokens", "weight", "effective_weight", "data_share", "epochs", "shards"]])
    blend[["weight", "data_share"]].plot(kind="bar", figsize=(8, 3), title="Weight against the data's share")
    plt.tight_layout(); plt.show()
else:
    print("this run has no blend")'''),
    ("md", "## Stage timings"),
    ("code", '''facts = pd.read_csv(REPORT / "run_facts.csv")
facts.assign(seconds=facts.elapsed_ms / 1000)[["stage", "seconds", "master", "spark"]]'''),
])

rejected = notebook("Rejected documents by reason", "Examples of what each stage rejected (one per reason, "
                    "`rejected_examples.csv`), and how the reasons add up per dataset.", [
    ("code", '''examples = pd.read_csv(REPORT / "rejected_examples.csv") if (REPORT / "rejected_examples.csv").exists() else pd.DataFrame(
    columns=["stage", "reason", "id", "dataset", "detail", "excerpt"])
print(len(examples), "examples of", examples.reason.nunique() if len(examples) else 0, "reasons")
examples.groupby(["stage", "reason"]).size().rename("examples").to_frame()'''),
    ("md", "## Pick a reason\nChange `REASON` to any reason above to read its examples."),
    ("code", '''REASON = examples.reason.iloc[0] if len(examples) else None
pd.set_option("display.max_colwidth", 200)
examples[examples.reason == REASON][["stage", "id", "dataset", "detail", "excerpt"]]'''),
    ("md", "## Rejections per dataset and stage"),
    ("code", '''funnel = pd.read_csv(REPORT / "funnel.csv")
table = funnel.pivot_table(index="stage", columns="dataset", values="rejected", aggfunc="sum", fill_value=0)
table.loc[funnel.drop_duplicates("stage").sort_values("index").stage]'''),
])

dedup = notebook("Deduplication clusters", "Cluster sizes, the largest clusters and which datasets lost documents to "
                 "which, for each dedup stage of the run.", [
    ("code", '''stages = report.get("dedup", [])
print("dedup stages:", [s["stage"] for s in stages])'''),
    ("code", '''for i, s in enumerate(stages):
    sizes = REPORT / f"dedup_{i}_cluster_sizes.csv"
    if sizes.exists():
        df = pd.read_csv(sizes)
        ax = df.plot(x="size", y="clusters", kind="bar", legend=False, figsize=(6, 3), title=s["stage"] + ": clusters by size")
        ax.set_xlabel("documents in the cluster"); ax.set_ylabel("clusters")
        plt.tight_layout(); plt.show()'''),
    ("md", "## Largest clusters"),
    ("code", '''pd.set_option("display.max_colwidth", 160)
for i, s in enumerate(stages):
    f = REPORT / f"dedup_{i}_largest_clusters.csv"
    if f.exists():
        print(s["stage"]); display(pd.read_csv(f))'''),
    ("md", "## Duplicates removed, by the dataset kept and the dataset removed"),
    ("code", '''for i, s in enumerate(stages):
    f = REPORT / f"dedup_{i}_removed_by_dataset_pair.csv"
    if f.exists():
        print(s["stage"]); display(pd.read_csv(f).pivot_table(index="kept_dataset", columns="removed_dataset", values="removed", fill_value=0))'''),
])

for name, nb in [("run-overview", overview), ("rejected-documents", rejected), ("dedup-clusters", dedup)]:
    nbf.write(nb, f"{name}.ipynb")
    print("wrote", name + ".ipynb")
