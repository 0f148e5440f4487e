/**
 * Chart geometry from exact amounts. Amounts stay Decimal; only the resulting pixel positions
 * become text ("123.4") for SVG attributes.
 */
import { Decimal, ZERO, YUAN_PER_WAN, withThousands, type DisplayUnit } from "@/lib/money";

export interface Scale {
  /** Axis maximum in the display unit (万元 or 元). */
  max: Decimal;
  /** Tick values in the display unit, from 0 to max. */
  ticks: Decimal[];
  /** 元 per display unit: 10000 for 万元, 1 for 元. */
  perUnit: Decimal;
}

/** A "nice" axis (steps of 1, 2, 2.5 or 5 × 10^k) covering `maxYuan`. */
export function niceScale(maxYuan: Decimal, targetTicks = 4, unit: DisplayUnit = "wan"): Scale {
  const perUnit = unit === "yuan" ? new Decimal(1) : YUAN_PER_WAN;
  const max = maxYuan.div(perUnit);
  if (max.lte(0)) return { max: new Decimal(1), ticks: [ZERO, new Decimal(1)], perUnit };
  const rough = max.div(targetTicks);
  const power = new Decimal(10).pow(rough.log(10).floor());
  const step = [1, 2, 2.5, 5, 10].map((m) => power.times(m)).find((s) => s.times(targetTicks).gte(max)) ?? power.times(10);
  const count = max.div(step).ceil().toNumber();
  const ticks = Array.from({ length: count + 1 }, (_, i) => step.times(i));
  return { max: step.times(count), ticks, perUnit };
}

/** Pixel length of `yuan` on an axis of `scale` that is `length` pixels long, as SVG text. */
export function px(yuan: Decimal | string, scale: Scale, length: number): string {
  const value = new Decimal(yuan).div(scale.perUnit);
  return value.div(scale.max).times(length).toDecimalPlaces(1).toString();
}

export function pxNumber(yuan: Decimal | string, scale: Scale, length: number): Decimal {
  return new Decimal(yuan).div(scale.perUnit).div(scale.max).times(length).toDecimalPlaces(1);
}

/** Tick label: "2,500" or "0.5". */
export function tickLabel(v: Decimal): string {
  return withThousands(v.toDecimalPlaces(2).toString());
}
