"use client";

import { useState } from "react";
import { isBudgetDomainError } from "@/lib/budget/errors";
import { parseInUnit, toYuanString, yuanToWan, type DisplayUnit } from "@/lib/money";
import { inputClass, labelClass } from "@/components/workspace/ui";

/**
 * An amount typed in 万元 (up to six decimals) or 元 (up to two), converted exactly to 元 with
 * decimal.js. `read()` answers the 元 string or throws a Chinese message.
 */
export function useAmountInput(initialYuan: string | null) {
  const [unit, setUnit] = useState<DisplayUnit>("wan");
  const [raw, setRaw] = useState(initialYuan === null ? "" : yuanToWan(initialYuan).toFixed());
  return {
    unit,
    raw,
    setRaw,
    setUnit: (next: DisplayUnit) => {
      // Keep the same amount when the unit changes, if what is typed can be read.
      try {
        const yuan = parseInUnit(raw.trim(), unit);
        setRaw(next === "wan" ? yuanToWan(yuan).toFixed() : toYuanString(yuan));
      } catch {
        // Leave an unreadable entry as typed; saving will say what is wrong.
      }
      setUnit(next);
    },
    read(): string {
      return toYuanString(parseInUnit(raw.trim(), unit, { field: "金额" }));
    },
  };
}

export type AmountInputState = ReturnType<typeof useAmountInput>;

export function readAmount(state: AmountInputState): { ok: true; yuan: string } | { ok: false; message: string } {
  try {
    return { ok: true, yuan: state.read() };
  } catch (error) {
    return { ok: false, message: isBudgetDomainError(error) ? error.message : "金额无效" };
  }
}

export function AmountInput({ id, label, state }: { id: string; label: string; state: AmountInputState }) {
  return (
    <div className="flex items-end gap-2">
      <div className="grow">
        <label htmlFor={id} className={labelClass}>
          {label}
        </label>
        <input id={id} inputMode="decimal" className={`${inputClass} num`} value={state.raw} onChange={(e) => state.setRaw(e.target.value)} />
      </div>
      <div>
        <label htmlFor={`${id}-unit`} className={labelClass}>
          <span className="sr-only">{label}</span>单位
        </label>
        <select id={`${id}-unit`} className={inputClass} value={state.unit} onChange={(e) => state.setUnit(e.target.value as "wan" | "yuan")}>
          <option value="wan">万元</option>
          <option value="yuan">元</option>
        </select>
      </div>
    </div>
  );
}
