/**
 * 名词解释 template, as printed in the reference disclosure (unit 023002, 2024, 第四部分),
 * 19 entries. Text is verbatim apart from re-joining words wrapped by the text extraction and
 * removing the markdown "**" / list "-" artifacts. Term and definition are split at the first
 * full-width colon.
 *
 * The template still uses some pre-2019 names (医疗卫生与计划生育（类）医疗保障（款）,
 * 行政事业单位离退休（款）); it is kept as the unit published it. Admins edit the template
 * per year.
 */
import type { GlossaryEntry } from "@/lib/budget/types";

export const GLOSSARY_YEARS = [2022, 2023, 2024, 2025, 2026] as const;

/** The reference unit's 2024 名词解释, in its order. */
export const glossary2024: readonly GlossaryEntry[] = [
  { term: "财政拨款收入", definition: "指市级财政当年拨付的资金。" },
  { term: "上级补助收入", definition: "指事业单位从主管部门和上级单位取得的非财政补助收入。" },
  {
    term: "附属单位上缴收入",
    definition: "指已纳入部门预算管理的独立核算的附属单位按照有关规定上缴的收入。",
  },
  {
    term: "其他收入",
    definition:
      "指除上述“财政拨款收入”、“纳入专户管理的预算外资金拨款”、“上级补助、附属单位上缴收入”以外的收入。",
  },
  {
    term: "一般公共服务（类）财政事务（款）行政运行（项）",
    definition: "反映行政单位（包括实行公务员管理的事业单位）的基本支出。",
  },
  {
    term: "一般公共服务（类）财政事务（款）一般行政管理事务（项）",
    definition: "反映行政单位（包括实行公务员管理的事业单位）未单独设置项级科目的其他项目支出。",
  },
  {
    term: "一般公共服务（类）财政事务（款）预算改革业务（项）",
    definition: "反映财政部门用于预算改革方面的支出。",
  },
  {
    term: "一般公共服务（类）财政事务（款）财政国库业务（项）",
    definition: "反映财政部门用于财政国库集中收付业务方面的支出。",
  },
  {
    term: "一般公共服务（类）财政事务（款）事业运行（项）",
    definition:
      "反映事业单位的基本支出，不包括行政单位（包括实行公务员管理的事业单位）后勤服务中心、医务室等附属事业单位。",
  },
  {
    term: "一般公共服务（类）财政事务（款）其他财政事务支出（项）",
    definition: "反映除上述项目以外其他财政事务方面的支出。",
  },
  {
    term: "社会保障和就业（类）行政事业单位离退休（款）归口管理的行政单位离退休（项）",
    definition: "反映实行归口管理的行政单位（包括实行公务员管理的事业单位）开支的离退休经费。",
  },
  {
    term: "社会保障和就业（类）行政事业单位离退休（款）事业单位离退休（项）",
    definition: "反映实行归口管理的事业单位开支的离退休经费。",
  },
  {
    term: "医疗卫生与计划生育（类）医疗保障（款）行政单位医疗（项）",
    definition:
      "反映财政部门集中安排的行政单位基本医疗保险缴费经费，未参加医疗保险的行政单位的公费医疗经费，按国家规定享受离休人员、红军老战士待遇人员的医疗经费。",
  },
  {
    term: "医疗卫生与计划生育（类）医疗保障（款）事业单位医疗（项）",
    definition:
      "反映财政部门集中安排的事业单位基本医疗保险缴费经费，未参加医疗保险的事业单位的公费医疗经费，按国家规定享受离休人员待遇人员的医疗经费。",
  },
  {
    term: "住房保障（类）住房改革（款）住房公积金（项）",
    definition:
      "反映行政事业单位按人力资源和社会保障部、财政部规定的基本工资和津贴补贴以及规定比例为职工缴纳的住房公积金。",
  },
  {
    term: "基本支出",
    definition: "指保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。",
  },
  {
    term: "项目支出",
    definition: "指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
  },
  {
    term: "“三公”经费",
    definition:
      "指用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。其中，因公出国（境）费反映单位公务出国（境）的住宿费、旅费、伙食补助费、杂费、培训费等支出；公务用车购置及运行费反映单位公务用车购置费及租用费、燃料费、维修费、过路过桥费、保险费、安全奖励费用等支出；公务接待费反映单位按规定开支的各类公务接待（含外宾接待）支出。",
  },
  {
    term: "机关运行经费",
    definition:
      "为保障行政单位（包括参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金，包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用。",
  },
];

/**
 * The glossary template for a year. The sample uses the reference unit's template for every
 * year 2022–2026 (a fresh copy each call, so callers may edit it).
 */
export function glossaryForYear(year: number): GlossaryEntry[] {
  if (!Number.isInteger(year)) throw new Error(`glossaryForYear: bad year ${year}`);
  return glossary2024.map((e) => ({ ...e }));
}

/** The template per year, keyed by year, for the database seed. */
export const glossaryByYear: Readonly<Record<number, readonly GlossaryEntry[]>> = Object.fromEntries(
  GLOSSARY_YEARS.map((y) => [y, glossaryForYear(y)]),
);
