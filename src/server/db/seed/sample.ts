import { reference023002_2024 } from "@/lib/sample/reference-023002-2024";
import { fictionalBudgets, organisations, type FictionalBudget, type OrgRegion } from "@/lib/sample/fictional";

export type SampleBudget = FictionalBudget;

export function sampleOrganisations(): OrgRegion[] {
  return organisations;
}

/** The reference unit's published 2024 budget and the fictional units' budgets. */
export function sampleBudgets(): SampleBudget[] {
  return [
    {
      input: reference023002_2024,
      status: "published",
      departmentCode: "023",
      approvedOn: "2024-01-19",
      publishedOn: "2024-02-02",
      reviewComment: null,
      rowComments: [],
    },
    ...fictionalBudgets(),
  ];
}
