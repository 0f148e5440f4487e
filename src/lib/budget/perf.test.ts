/**
 * A guard against accidental slowness (a sort inside a loop, a re-parse per cell). The target
 * is well under 10 ms for 500 line items on an idle machine (measured by `npm run bench`); the
 * bound here is loose because tests share two cores with everything else.
 */
import { describe, expect, it } from "vitest";
import { benchInput } from "./bench-data";
import { computeDisclosure } from "./index";

function medianMs(run: () => void, times: number): number {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    run();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? 0;
}

describe("performance", () => {
  it("computes all 17 tables, the explanation and the checks for 500 line items quickly", () => {
    const input = benchInput(500);
    const d = computeDisclosure(input);
    expect(d.checks.filter((c) => c.severity === "error")).toEqual([]);
    for (let i = 0; i < 20; i++) computeDisclosure(input);
    expect(medianMs(() => computeDisclosure(input), 30)).toBeLessThan(40);
  });

  it("scales roughly linearly", () => {
    const small = benchInput(500);
    const large = benchInput(5000);
    for (let i = 0; i < 5; i++) computeDisclosure(large);
    const a = medianMs(() => computeDisclosure(small), 15);
    const b = medianMs(() => computeDisclosure(large), 7);
    expect(b / Math.max(a, 0.5)).toBeLessThan(30);
  });
});
