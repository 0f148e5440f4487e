/** Disclosure settings as the engine applies them. */
import { DEFAULT_DISCLOSURE_SETTINGS, EXPLANATION_SECTION_KEYS, type BudgetInput, type DisclosureSettings } from "./types";

/** The input's disclosure settings with defaults filled in; unknown section keys are dropped. */
export function disclosureSettingsOf(input: Pick<BudgetInput, "disclosure">): DisclosureSettings {
  const d = input.disclosure;
  if (!d) return { ...DEFAULT_DISCLOSURE_SETTINGS, explanationSections: [...DEFAULT_DISCLOSURE_SETTINGS.explanationSections] };
  const chosen = new Set<string>(Array.isArray(d.explanationSections) ? d.explanationSections : DEFAULT_DISCLOSURE_SETTINGS.explanationSections);
  return {
    ...d,
    titleWording: d.titleWording === "unit" ? "unit" : "department",
    explanationSections: EXPLANATION_SECTION_KEYS.filter((k) => chosen.has(k)),
  };
}

