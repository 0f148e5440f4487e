"use client";

import { getCoreRowModel, getFilteredRowModel, getSortedRowModel, useReactTable, type ColumnDef, type SortingState } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Decimal } from "@/lib/money";
import { formatYuan } from "@/lib/money";
import { KIND_NAMES, PERIOD_NAMES } from "@/lib/workbook/format";
import {
  GRID_COLUMNS,
  GRID_HEADERS,
  analyse,
  blankRow,
  changesOf,
  describeRow,
  dropHeaderRow,
  fillDown,
  isEmptyRow,
  lookups,
  parseClipboard,
  pasteBlock,
  rebase,
  rowFromSaved,
  subtotals,
  toClipboard,
  unsavedCells,
  type GridColumn,
  type GridRow,
  type LineUpsert,
  type SavedLine,
} from "@/lib/grid/lines";
import { Button, Card, ErrorText, Notice } from "@/components/workspace/ui";

/** What a save sends: the grid's changes of line items, with the version the grid read. */
export interface GridSave {
  version: number;
  lineItems: { upsert: LineUpsert[]; delete: number[] };
}

export type GridSaveResult = { ok: true; version: number } | { ok: false; conflict: boolean; message: string };

interface Props {
  version: number;
  lines: SavedLine[];
  projects: { id: number; name: string }[];
  options: { functions: { code: string; name: string }[]; economics: { code: string; name: string }[]; sources: { code: string; name: string }[] } | undefined;
  editable: boolean;
  /** Sends the batch; answers the new version, or the refusal (a conflict gets the rows rebased). */
  save: (batch: GridSave) => Promise<GridSaveResult>;
  /** Reads the saved lines and version again (after a conflict). */
  reload: () => Promise<{ version: number; lines: SavedLine[] } | null>;
}

type Pos = { row: number; col: number };
type History = { past: GridRow[][]; future: GridRow[][] };

const ROW_HEIGHT = 32;
const LIST_LIMIT = 60;
const COL_WIDTH: Record<GridColumn, number> = { functionCode: 220, economicCode: 170, kind: 96, project: 170, source: 130, period: 90, amount: 140 };
const CHOICE_COLUMNS = new Set<GridColumn>(["functionCode", "economicCode", "kind", "project", "source", "period"]);

export function LineGrid({ version, lines, projects, options, editable, save, reload }: Props) {
  const lk = useMemo(
    () => lookups({ functions: options?.functions ?? [], economics: options?.economics ?? [], sources: options?.sources ?? [], projects }),
    [options, projects],
  );
  /** What the grid read: its version, and its lines as saved and as rows. Changes are made against it. */
  const [base, setBase] = useState(() => ({
    version,
    saved: new Map(lines.map((l) => [l.id, l])),
    rows: new Map(lines.map((l) => [l.id, rowFromSaved(l, lk)])),
  }));
  const [doc, setDoc] = useState<History & { rows: GridRow[] }>(() => ({ rows: lines.map((l) => rowFromSaved(l, lk)), past: [], future: [] }));
  const rows = doc.rows;
  const [active, setActive] = useState<Pos>({ row: 0, col: 0 });
  const [anchor, setAnchor] = useState<Pos | null>(null);
  const [editing, setEditing] = useState<{ initial: string } | null>(null);
  const [sorting, setSorting] = useState<SortingState>([]);
  const [filter, setFilter] = useState("");
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [conflict, setConflict] = useState<string[] | null>(null);
  const [saving, setSaving] = useState(false);
  const lastUsed = useRef<GridRow | null>(null);
  const gridRef = useRef<HTMLTableElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);

  const analysis = useMemo(() => analyse(rows, lk), [rows, lk]);
  const changes = useMemo(() => changesOf(rows, base.saved, analysis), [rows, base.saved, analysis]);
  const dirty = changes.upsert.length > 0 || changes.delete.length > 0 || analysis.errors.size > 0;

  const latest = useRef({ version, lines });
  /** After a save: the version whose lines replace the grid when they arrive. */
  const awaiting = useRef<number | null>(null);
  const resetFrom = useCallback(
    (v: number, saved: SavedLine[]) => {
      const fresh = saved.map((l) => rowFromSaved(l, lk));
      setBase({ version: v, saved: new Map(saved.map((l) => [l.id, l])), rows: new Map(fresh.map((r) => [r.id!, r])) });
      setDoc({ rows: fresh, past: [], future: [] });
    },
    [lk],
  );
  // New saved lines (after our save, an import or someone else's edit) replace the grid, unless
  // there are unsaved edits: those are kept, and a save then meets the conflict and merges.
  // The catalogue arriving (or the projects changing) redraws a clean grid with the names.
  const shown = useRef({ version, lk });
  useEffect(() => {
    latest.current = { version, lines };
    const newer = version !== shown.current.version;
    const relabel = lk !== shown.current.lk;
    if (!newer && !relabel) return;
    shown.current = { version, lk };
    if (newer && awaiting.current !== null && version >= awaiting.current) {
      awaiting.current = null;
      resetFrom(version, lines);
    } else if (!dirty) resetFrom(version, lines);
  }, [version, lines, lk, dirty, resetFrom]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const columns = useMemo<ColumnDef<GridRow>[]>(
    () =>
      GRID_COLUMNS.map((c) => ({
        id: c,
        accessorFn: (r: GridRow) => {
          if (c === "functionCode") return `${r.functionCode} ${lk.functions.get(r.functionCode) ?? ""}`;
          if (c === "economicCode") return `${r.economicCode} ${lk.economics.get(r.economicCode) ?? ""}`;
          return r[c];
        },
        sortingFn:
          c === "amount"
            ? (a, b) => {
                const x = analysis.lines.get(a.original.key)?.amount;
                const y = analysis.lines.get(b.original.key)?.amount;
                if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
                return new Decimal(x).cmp(y);
              }
            : "alphanumeric",
      })),
    [lk, analysis],
  );
  // eslint-disable-next-line react-hooks/incompatible-library -- the grid renders from its own state each time; no memoised child receives the table's functions
  const table = useReactTable({
    data: rows,
    columns,
    getRowId: (r) => r.key,
    state: { sorting, globalFilter: filter },
    onSortingChange: setSorting,
    globalFilterFn: "includesString",
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
  });
  const visible = table.getRowModel().rows.map((r) => r.original);
  const rowNumber = useMemo(() => new Map(rows.map((r, i) => [r.key, i + 1])), [rows]);

  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  /** Every change of the rows goes through here, so it can be undone. */
  const commit = useCallback((next: GridRow[] | ((prev: GridRow[]) => GridRow[])) => {
    setDoc((d) => {
      const value = typeof next === "function" ? next(d.rows) : next;
      if (value === d.rows) return d;
      return { rows: value, past: [...d.past.slice(-199), d.rows], future: [] };
    });
  }, []);
  const undo = () =>
    setDoc((d) => {
      const prev = d.past[d.past.length - 1];
      return prev ? { rows: prev, past: d.past.slice(0, -1), future: [d.rows, ...d.future] } : d;
    });
  const redo = () =>
    setDoc((d) => {
      const [next, ...rest] = d.future;
      return next ? { rows: next, past: [...d.past, d.rows], future: rest } : d;
    });

  /** Applies `f` to the rows shown (sorted, filtered) and writes them back in place; new rows go at the end. */
  const changeVisible = (f: (shown: GridRow[]) => GridRow[]) =>
    commit((prev) => {
      const shown = table.getRowModel().rows.map((r) => r.original);
      const next = f(shown);
      if (next === shown) return prev;
      const byKey = new Map(next.map((r) => [r.key, r]));
      const known = new Set(prev.map((r) => r.key));
      return [...prev.map((r) => byKey.get(r.key) ?? r), ...next.filter((r) => !known.has(r.key))];
    });

  const setCell = (rowIndex: number, col: GridColumn, value: string) => {
    changeVisible((shown) => {
      const target = shown[rowIndex];
      if (!target || target[col] === value) return shown;
      const next = shown.slice();
      next[rowIndex] = { ...target, [col]: value };
      lastUsed.current = next[rowIndex]!;
      return next;
    });
  };

  const move = (to: Pos, extend = false) => {
    const row = Math.max(0, Math.min(visible.length - 1, to.row));
    const col = Math.max(0, Math.min(GRID_COLUMNS.length - 1, to.col));
    if (extend) setAnchor((a) => a ?? active);
    else setAnchor(null);
    setActive({ row, col });
    virtualizer.scrollToIndex(row, { align: "auto" });
  };

  const selection = () => {
    const a = anchor ?? active;
    return {
      top: Math.min(a.row, active.row),
      bottom: Math.max(a.row, active.row),
      left: Math.min(a.col, active.col),
      right: Math.max(a.col, active.col),
    };
  };

  const addRow = (at: number) => {
    const template = lastUsed.current ?? visible[at] ?? visible[visible.length - 1] ?? null;
    const fresh = blankRow(template);
    commit((prev) => {
      const key = visible[at]?.key;
      const index = key ? prev.findIndex((r) => r.key === key) : prev.length - 1;
      const next = prev.slice();
      next.splice(index + 1, 0, fresh);
      return next;
    });
    return fresh;
  };

  const deleteRows = () => {
    const s = selection();
    const keys = new Set(visible.slice(s.top, s.bottom + 1).map((r) => r.key));
    if (keys.size === 0) return;
    commit((prev) => prev.filter((r) => !keys.has(r.key)));
    setAnchor(null);
    setActive((p) => ({ row: Math.max(0, Math.min(p.row, visible.length - 1 - keys.size)), col: p.col }));
  };

  const clearCells = () => {
    const s = selection();
    changeVisible((shown) =>
      shown.map((r, i) => {
        if (i < s.top || i > s.bottom) return r;
        const next = { ...r };
        for (let c = s.left; c <= s.right; c++) next[GRID_COLUMNS[c]!] = "";
        return next;
      }),
    );
  };

  const fill = () => {
    const s = selection();
    if (s.bottom === s.top) return;
    changeVisible((shown) => fillDown(shown, s.top, s.bottom, GRID_COLUMNS.slice(s.left, s.right + 1)));
  };

  const focusGrid = () => gridRef.current?.focus({ preventScroll: true });

  const commitEdit = (value: string, then: "down" | "right" | "stay") => {
    const col = GRID_COLUMNS[active.col]!;
    setCell(active.row, col, value);
    setEditing(null);
    if (then === "down") move({ row: active.row + 1, col: active.col });
    else if (then === "right") move({ row: active.row, col: active.col + 1 });
    focusGrid();
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (editing) return;
    const mod = e.ctrlKey || e.metaKey;
    const k = e.key;
    if (mod && (k === "z" || k === "Z")) {
      e.preventDefault();
      if (e.shiftKey) redo();
      else undo();
      return;
    }
    if (mod && (k === "y" || k === "Y")) {
      e.preventDefault();
      redo();
      return;
    }
    if (!editable && !k.startsWith("Arrow") && k !== "Home" && k !== "End" && k !== "PageDown" && k !== "PageUp" && !(mod && k === "c")) return;
    if (mod && (k === "d" || k === "D")) {
      e.preventDefault();
      fill();
      return;
    }
    if (mod && k === "Enter") {
      e.preventDefault();
      addRow(active.row);
      setAnchor(null);
      setActive({ row: visible.length === 0 ? 0 : active.row + 1, col: 0 });
      return;
    }
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 320) / ROW_HEIGHT) - 1);
    const moves: Record<string, Pos> = {
      ArrowUp: { row: active.row - 1, col: active.col },
      ArrowDown: { row: active.row + 1, col: active.col },
      ArrowLeft: { row: active.row, col: active.col - 1 },
      ArrowRight: { row: active.row, col: active.col + 1 },
      PageDown: { row: active.row + page, col: active.col },
      PageUp: { row: active.row - page, col: active.col },
      Home: { row: mod ? 0 : active.row, col: 0 },
      End: { row: mod ? visible.length - 1 : active.row, col: GRID_COLUMNS.length - 1 },
    };
    const to = moves[k];
    if (to) {
      e.preventDefault();
      move(to, e.shiftKey);
      return;
    }
    if (k === "Tab") {
      if (active.col < GRID_COLUMNS.length - 1 && !e.shiftKey) {
        e.preventDefault();
        move({ row: active.row, col: active.col + 1 });
      } else if (active.col > 0 && e.shiftKey) {
        e.preventDefault();
        move({ row: active.row, col: active.col - 1 });
      }
      return;
    }
    if (visible.length === 0) return;
    if (k === "Enter" || k === "F2") {
      e.preventDefault();
      setEditing({ initial: visible[active.row]?.[GRID_COLUMNS[active.col]!] ?? "" });
      return;
    }
    if (k === "Delete" || k === "Backspace") {
      e.preventDefault();
      clearCells();
      return;
    }
    if (k === "Process" || (k.length === 1 && !mod && !e.altKey)) {
      if (k !== "Process") e.preventDefault();
      setEditing({ initial: k === "Process" ? "" : k });
    }
  };

  const onPaste = (e: React.ClipboardEvent) => {
    if (!editable || editing) return;
    const text = e.clipboardData.getData("text/plain");
    if (!text) return;
    e.preventDefault();
    const block = dropHeaderRow(parseClipboard(text));
    if (block.length === 0) return;
    const start = Math.min(active.row, visible.length);
    const added = Math.max(0, start + block.length - visible.length);
    changeVisible((shown) => pasteBlock(shown, Math.min(active.row, shown.length), active.col, block).rows);
    setStatus({ kind: "ok", text: `已粘贴 ${block.length} 行${added > 0 ? `（其中新增 ${added} 行）` : ""}，标红的单元格需要改正` });
  };

  const onCopy = (e: React.ClipboardEvent) => {
    if (editing) return;
    const s = selection();
    const block = visible.slice(s.top, s.bottom + 1).map((r) => GRID_COLUMNS.slice(s.left, s.right + 1).map((c) => r[c]));
    e.clipboardData.setData("text/plain", toClipboard(block));
    e.preventDefault();
  };

  async function onSave() {
    setStatus(null);
    if (analysis.errors.size > 0) {
      setStatus({ kind: "error", text: `有 ${analysis.errors.size} 行填写有误（已标红），请改正后再保存` });
      return;
    }
    if (analysis.duplicates.size > 0) {
      setStatus({ kind: "error", text: `有 ${analysis.duplicates.size} 行与其他行完全相同（已标黄），请合并金额或删除后再保存` });
      return;
    }
    if (changes.upsert.length === 0 && changes.delete.length === 0) {
      setStatus({ kind: "ok", text: "没有需要保存的修改" });
      return;
    }
    setSaving(true);
    try {
      const result = await save({ version: base.version, lineItems: changes });
      if (result.ok) {
        setConflict(null);
        setStatus({ kind: "ok", text: `已保存 ${changes.upsert.length} 行修改${changes.delete.length ? `、删除 ${changes.delete.length} 行` : ""}` });
        // The saved lines, with their new ids, replace the grid (now, or when they arrive).
        if (latest.current.version >= result.version) resetFrom(latest.current.version, latest.current.lines);
        else awaiting.current = result.version;
        return;
      }
      if (!result.conflict) {
        setStatus({ kind: "error", text: result.message });
        return;
      }
      const now = await reload();
      if (!now) {
        setStatus({ kind: "error", text: result.message });
        return;
      }
      const serverRows = now.lines.map((l) => rowFromSaved(l, lk));
      const merged = rebase(rows, base.rows, serverRows);
      setBase({ version: now.version, saved: new Map(now.lines.map((l) => [l.id, l])), rows: new Map(serverRows.map((r) => [r.id!, r])) });
      commit(merged.rows);
      setConflict(merged.changedOnServer.length ? merged.changedOnServer : ["他人修改了本预算的其他内容"]);
      setStatus({ kind: "error", text: "保存前本预算已被他人修改。您填写的内容都已保留在表格中，请核对下列变化后再次保存。" });
    } finally {
      setSaving(false);
    }
  }

  const discard = () => {
    commit([...base.rows.values()]);
    setConflict(null);
    setStatus(null);
  };

  const sel = selection();
  const errorList = useMemo(() => {
    const out: string[] = [];
    for (const r of rows) {
      const e = analysis.errors.get(r.key);
      if (e) for (const [c, m] of Object.entries(e)) out.push(`第 ${rowNumber.get(r.key)} 行 ${GRID_HEADERS[c as GridColumn]}：${m}`);
      const d = analysis.duplicates.get(r.key);
      if (d) out.push(`第 ${rowNumber.get(r.key)} 行与第 ${rowNumber.get(d)} 行完全相同（重复行）`);
    }
    return out;
  }, [rows, analysis, rowNumber]);
  const totals = useMemo(() => subtotals(analysis.lines.values(), lk, () => ""), [analysis, lk]);
  const activeRow = visible[active.row];
  const activeId = activeRow ? cellId(activeRow.key, GRID_COLUMNS[active.col]!) : undefined;
  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);

  return (
    <Card title={`预算明细（${rows.filter((r) => !isEmptyRow(r)).length} 条）`} id="grid">
      <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
        {editable && (
          <>
            <Button onClick={() => void onSave()} disabled={saving || !dirty}>
              {saving ? "正在保存…" : "保存明细"}
            </Button>
            <Button
              variant="secondary"
              onClick={() => {
                addRow(active.row);
                const next = visible.length === 0 ? 0 : active.row + 1;
                setAnchor(null);
                setActive({ row: next, col: 0 });
                setTimeout(() => virtualizer.scrollToIndex(next), 0);
                focusGrid();
              }}
            >
              插入行
            </Button>
            <Button variant="secondary" onClick={deleteRows} disabled={visible.length === 0}>
              删除所选行
            </Button>
            <Button variant="secondary" onClick={fill} disabled={sel.bottom === sel.top}>
              向下填充
            </Button>
            <Button variant="secondary" onClick={undo} disabled={doc.past.length === 0}>
              撤销
            </Button>
            <Button variant="secondary" onClick={redo} disabled={doc.future.length === 0}>
              重做
            </Button>
            <Button variant="secondary" onClick={discard} disabled={!dirty}>
              放弃修改
            </Button>
          </>
        )}
        <label className="ml-auto flex items-center gap-1">
          筛选
          <input
            type="search"
            className="rounded border border-gray-300 px-2 py-1"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            placeholder="编码、名称、项目…"
          />
        </label>
        {dirty && <span className="rounded bg-amber-100 px-2 py-0.5 text-amber-900">有未保存的修改</span>}
      </div>
      {editable && (
        <p className="mb-2 text-xs text-gray-600">
          方向键移动，回车或直接输入开始编辑，编码格可输入编码或名称检索；Ctrl+V 粘贴从 Excel/WPS 复制的多行（列顺序同表头），Ctrl+D 向下填充，Ctrl+Enter 插入行，Delete 清空，Ctrl+Z/Ctrl+Y 撤销/重做。新行沿用上一行的科目、类型、项目、来源和期间。
        </p>
      )}
      {status && (status.kind === "ok" ? <Notice>{status.text}</Notice> : <ErrorText>{status.text}</ErrorText>)}
      {conflict && (
        <div className="mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm" aria-label="他人所做的修改">
          <p className="font-medium">他人所做的修改：</p>
          <ul className="list-disc pl-5">
            {conflict.slice(0, 50).map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ul>
        </div>
      )}
      <div ref={scrollRef} className="relative mt-2 max-h-[28rem] overflow-auto rounded border" style={{ contain: "strict", height: Math.min(448, (visible.length + 1) * ROW_HEIGHT + 4) || ROW_HEIGHT * 2 }}>
        <table
          ref={gridRef}
          role="grid"
          aria-label="预算明细表格"
          aria-rowcount={visible.length + 1}
          aria-colcount={GRID_COLUMNS.length + 1}
          aria-activedescendant={editing ? undefined : activeId}
          aria-readonly={!editable}
          tabIndex={0}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          onCopy={onCopy}
          className="w-max table-fixed select-none border-collapse text-sm outline-none focus-visible:ring-2 focus-visible:ring-brand"
        >
          <colgroup>
            <col style={{ width: 56 }} />
            {GRID_COLUMNS.map((c) => (
              <col key={c} style={{ width: COL_WIDTH[c] }} />
            ))}
          </colgroup>
          <thead className="sticky top-0 z-10 bg-gray-100">
            <tr role="row" aria-rowindex={1}>
              <th role="columnheader" scope="col" className="border px-1 text-xs font-normal text-gray-600">
                行号
              </th>
              {table.getHeaderGroups()[0]!.headers.map((h) => {
                const dir = h.column.getIsSorted();
                return (
                  <th
                    key={h.id}
                    role="columnheader"
                    scope="col"
                    aria-sort={dir === "asc" ? "ascending" : dir === "desc" ? "descending" : "none"}
                    className={`border px-1 text-left font-medium ${h.id === "amount" ? "text-right" : ""}`}
                    style={{ height: ROW_HEIGHT }}
                  >
                    <button type="button" className="w-full text-inherit hover:underline" onClick={h.column.getToggleSortingHandler()} title="点击排序">
                      {GRID_HEADERS[h.id as GridColumn]}
                      {dir === "asc" ? " ▲" : dir === "desc" ? " ▼" : ""}
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {padTop > 0 && (
              <tr aria-hidden="true">
                <td style={{ height: padTop, padding: 0 }} colSpan={GRID_COLUMNS.length + 1} />
              </tr>
            )}
            {items.map((v) => {
              const r = visible[v.index]!;
              return (
                <GridRowView
                  key={r.key}
                  row={r}
                  index={v.index}
                  number={rowNumber.get(r.key) ?? 0}
                  errors={analysis.errors.get(r.key)}
                  duplicateOf={analysis.duplicates.get(r.key) ? rowNumber.get(analysis.duplicates.get(r.key)!) : undefined}
                  unsaved={unsavedCells(r, r.id === null ? undefined : base.rows.get(r.id))}
                  activeCol={v.index === active.row ? active.col : -1}
                  selected={v.index >= sel.top && v.index <= sel.bottom ? [sel.left, sel.right] : null}
                  lk={lk}
                  amountShown={analysis.lines.get(r.key)?.amount}
                  onPick={(col, extend) => {
                    // An open editor commits on its blur, which this click causes.
                    move({ row: v.index, col }, extend);
                    if (!editing) focusGrid();
                  }}
                  onEdit={(col) => {
                    setActive({ row: v.index, col });
                    if (editable) setEditing({ initial: r[GRID_COLUMNS[col]!] });
                  }}
                  editor={
                    editing && v.index === active.row ? (
                      <CellEditor
                        column={GRID_COLUMNS[active.col]!}
                        initial={editing.initial}
                        options={choicesFor(GRID_COLUMNS[active.col]!, options, projects)}
                        onCommit={commitEdit}
                        onCancel={() => {
                          setEditing(null);
                          focusGrid();
                        }}
                      />
                    ) : null
                  }
                />
              );
            })}
            {padBottom > 0 && (
              <tr aria-hidden="true">
                <td style={{ height: padBottom, padding: 0 }} colSpan={GRID_COLUMNS.length + 1} />
              </tr>
            )}
          </tbody>
        </table>
        {visible.length === 0 && (
          <p className="p-3 text-sm text-gray-600">
            {rows.length === 0 ? "还没有明细。点击“插入行”或把 Excel 中的多行复制后，选中表格按 Ctrl+V 粘贴。" : "没有符合筛选条件的明细。"}
          </p>
        )}
      </div>
      {editable && rows.length === 0 && (
        <Button className="mt-2" variant="secondary" onClick={() => { commit([blankRow(null)]); setActive({ row: 0, col: 0 }); focusGrid(); }}>
          新增第一行
        </Button>
      )}
      {errorList.length > 0 && (
        <div className="mt-2 rounded border border-red-200 bg-red-50 p-2 text-sm text-red-800">
          <p className="font-medium">需要改正的单元格（{errorList.length} 处）：</p>
          <ul aria-label="需要改正的单元格" className="list-disc pl-5">
            {errorList.slice(0, 30).map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
          {errorList.length > 30 && <p>另有 {errorList.length - 30} 处未列出。</p>}
        </div>
      )}
      <Subtotals totals={totals} />
    </Card>
  );
}

function cellId(key: string, col: GridColumn) {
  return `grid-${key}-${col}`;
}

function choicesFor(col: GridColumn, options: Props["options"], projects: Props["projects"]): { value: string; label: string }[] {
  switch (col) {
    case "functionCode":
      return (options?.functions ?? []).map((f) => ({ value: f.code, label: `${f.code} ${f.name}` }));
    case "economicCode":
      return (options?.economics ?? []).map((f) => ({ value: f.code, label: `${f.code} ${f.name}` }));
    case "kind":
      return Object.values(KIND_NAMES).map((v) => ({ value: v, label: v }));
    case "project":
      return projects.map((p) => ({ value: p.name, label: p.name }));
    case "source":
      return (options?.sources ?? []).map((s) => ({ value: s.name, label: s.name }));
    case "period":
      return Object.values(PERIOD_NAMES).map((v) => ({ value: v, label: v }));
    case "amount":
      return [];
  }
}

interface RowViewProps {
  row: GridRow;
  index: number;
  number: number;
  errors: Partial<Record<GridColumn, string>> | undefined;
  duplicateOf: number | undefined;
  unsaved: Set<GridColumn>;
  activeCol: number;
  selected: [number, number] | null;
  lk: ReturnType<typeof lookups>;
  amountShown: string | undefined;
  onPick: (col: number, extend: boolean) => void;
  onEdit: (col: number) => void;
  editor: React.ReactNode;
}

const GridRowView = memo(function GridRowView({ row, index, number, errors, duplicateOf, unsaved, activeCol, selected, lk, amountShown, onPick, onEdit, editor }: RowViewProps) {
  return (
    <tr role="row" aria-rowindex={index + 2} className={duplicateOf ? "bg-yellow-50" : ""} style={{ height: ROW_HEIGHT }}>
      <th role="rowheader" scope="row" className="border px-1 text-right text-xs font-normal text-gray-500">
        {number}
        {duplicateOf && (
          <span className="ml-1 rounded bg-yellow-200 px-1 text-yellow-900" title={`与第 ${duplicateOf} 行完全相同`}>
            重复
          </span>
        )}
      </th>
      {GRID_COLUMNS.map((c, ci) => {
        const error = errors?.[c];
        const isActive = ci === activeCol;
        const inSel = selected && ci >= selected[0] && ci <= selected[1];
        const changed = unsaved.has(c);
        let text: string = row[c];
        let name = "";
        if (c === "functionCode") name = lk.functions.get(row.functionCode) ?? "";
        if (c === "economicCode") name = lk.economics.get(row.economicCode) ?? "";
        if (c === "amount" && amountShown !== undefined) text = formatYuan(amountShown);
        return (
          <td
            key={c}
            id={cellId(row.key, c)}
            role="gridcell"
            aria-selected={isActive || !!inSel}
            aria-invalid={error ? true : undefined}
            title={error ?? (changed ? "未保存的修改" : undefined)}
            onMouseDown={(e) => {
              if (e.target instanceof HTMLInputElement || (e.target as HTMLElement).closest("[role=listbox]")) return;
              onPick(ci, e.shiftKey);
            }}
            onDoubleClick={() => onEdit(ci)}
            className={[
              "relative truncate border px-1",
              c === "amount" ? "num text-right" : "",
              error ? "bg-red-50 text-red-800" : changed ? "bg-amber-50" : "",
              inSel && !isActive ? "bg-blue-50" : "",
              isActive ? "outline outline-2 -outline-offset-2 outline-brand" : "",
              changed ? "shadow-[inset_3px_0_0_0_#f59e0b]" : "",
            ].join(" ")}
          >
            {isActive && editor ? (
              editor
            ) : (
              <>
                <span className={c === "functionCode" || c === "economicCode" ? "font-mono text-xs" : ""}>{text}</span>
                {name && <span className="ml-1 text-gray-500">{name}</span>}
                {error && <span className="sr-only">（有误：{error}）</span>}
                {changed && <span className="sr-only">（未保存）</span>}
              </>
            )}
          </td>
        );
      })}
    </tr>
  );
});

/** The editor of one cell: a text box, with type-ahead over the column's choices where it has some. */
function CellEditor({
  column,
  initial,
  options,
  onCommit,
  onCancel,
}: {
  column: GridColumn;
  initial: string;
  options: { value: string; label: string }[];
  onCommit: (value: string, then: "down" | "right" | "stay") => void;
  onCancel: () => void;
}) {
  const [value, setValue] = useState(initial);
  const [highlight, setHighlight] = useState(0);
  const [typed, setTyped] = useState(initial.length <= 1);
  const input = useRef<HTMLInputElement>(null);
  const done = useRef(false);
  const finish = (v: string, then: "down" | "right" | "stay") => {
    if (done.current) return;
    done.current = true;
    onCommit(v, then);
  };
  useEffect(() => {
    const el = input.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);
  const hasList = CHOICE_COLUMNS.has(column);
  const matches = useMemo(() => {
    if (!hasList) return [];
    const q = value.trim().toLowerCase();
    if (!typed || q === "") return options.slice(0, LIST_LIMIT);
    const starts: typeof options = [];
    const contains: typeof options = [];
    for (const o of options) {
      const l = o.label.toLowerCase();
      // A code, or a name (after the code in "2080505 机关…"), beginning with what was typed comes first.
      if (l.startsWith(q) || o.value.toLowerCase().startsWith(q) || l.includes(` ${q}`)) starts.push(o);
      else if (l.includes(q)) contains.push(o);
      if (starts.length >= LIST_LIMIT) break;
    }
    return [...starts, ...contains].slice(0, LIST_LIMIT);
  }, [hasList, options, value, typed]);
  const listId = `grid-editor-list`;
  const pick = (i: number) => matches[i]?.value ?? value;

  return (
    <div className="absolute inset-0 z-20">
      <input
        ref={input}
        aria-label={`编辑${GRID_HEADERS[column]}`}
        role={hasList ? "combobox" : undefined}
        aria-expanded={hasList ? matches.length > 0 : undefined}
        aria-controls={hasList ? listId : undefined}
        aria-autocomplete={hasList ? "list" : undefined}
        aria-activedescendant={hasList && matches[highlight] ? `${listId}-${highlight}` : undefined}
        inputMode={column === "amount" ? "decimal" : undefined}
        className="h-full w-full border-2 border-brand bg-white px-1 text-sm outline-none"
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          setTyped(true);
          setHighlight(0);
        }}
        onKeyDown={(e) => {
          if (e.nativeEvent.isComposing) return;
          if (e.key === "Escape") {
            e.preventDefault();
            done.current = true;
            onCancel();
          } else if (e.key === "Enter") {
            e.preventDefault();
            finish(hasList && typed && matches.length > 0 ? pick(highlight) : value, "down");
          } else if (e.key === "Tab") {
            e.preventDefault();
            finish(hasList && typed && matches.length > 0 ? pick(highlight) : value, "right");
          } else if (e.key === "ArrowDown" && hasList) {
            e.preventDefault();
            setTyped(true);
            setHighlight((h) => Math.min(matches.length - 1, h + 1));
          } else if (e.key === "ArrowUp" && hasList) {
            e.preventDefault();
            setHighlight((h) => Math.max(0, h - 1));
          }
        }}
        onBlur={() => finish(value, "stay")}
      />
      {hasList && matches.length > 0 && (
        <ul id={listId} role="listbox" aria-label={`${GRID_HEADERS[column]}候选`} className="absolute left-0 top-full z-30 max-h-64 w-80 overflow-auto rounded border bg-white text-sm shadow-lg">
          {matches.map((o, i) => (
            <li
              key={o.value}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === highlight}
              className={`cursor-pointer px-2 py-1 ${i === highlight ? "bg-brand text-white" : "hover:bg-gray-100"}`}
              onMouseDown={(e) => {
                e.preventDefault();
                finish(o.value, "stay");
              }}
            >
              {o.label}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Subtotals({ totals }: { totals: ReturnType<typeof subtotals> }) {
  const block = (title: string, list: { key: string; label: string; amount: string }[]) => (
    <table className="w-full text-sm">
      <caption className="text-left font-medium">{title}</caption>
      <tbody>
        {list.map((s) => (
          <tr key={s.key} className="border-b last:border-0">
            <th scope="row" className="py-0.5 pr-2 text-left font-normal">
              {s.label}
            </th>
            <td className="num py-0.5 text-right">{formatYuan(s.amount)}</td>
          </tr>
        ))}
        {list.length === 0 && (
          <tr>
            <td className="text-gray-500">无</td>
          </tr>
        )}
      </tbody>
    </table>
  );
  return (
    <section aria-label="小计" className="mt-3 grid gap-4 border-t pt-3 sm:grid-cols-3">
      <p className="sm:col-span-3 text-sm">
        合计（元）：<strong className="num">{formatYuan(totals.total)}</strong>
      </p>
      {block("按支出类型（元）", totals.byKind)}
      {block("按支出功能分类类（元）", totals.byClass)}
      {block("按项目（元）", totals.byProject)}
    </section>
  );
}

export { describeRow };
