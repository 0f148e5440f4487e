import { redirect } from "next/navigation";

/** The years are listed on the home page. */
export default function BudgetsIndex() {
  redirect("/#years");
}
