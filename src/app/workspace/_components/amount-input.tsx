"use client";

import { useState } from "react";
import { yuanToWan, type DisplayUnit } from "@/lib/money";
import { readAmountInput } from "@/lib/money-input";
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
      // Leave an unreadable entry as typed; saving will say what is wrong.
      const r = readAmountInput(raw, unit);
      if (r.ok) setRaw(next === "wan" ? yuanToWan(r.yuan).toFixed() : r.yuan);
      setUnit(next);
    },
    /** The exact 元 string; pasted thousands separators, full-width digits and a typed unit are understood. */
    read(): string {
      const r = readAmountInput(raw, unit);
      if (!r.ok) throw new Error(r.message);
      return r.yuan;
    },
  };
}

export type AmountInputState = ReturnType<typeof useAmountInput>;

export function readAmount(state: AmountInputState): { ok: true; yuan: string } | { ok: false; message: string } {
  const r = readAmountInput(state.raw, state.unit);
  return r.ok ? { ok: true, yuan: r.yuan } : { ok: false, message: r.message };
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
