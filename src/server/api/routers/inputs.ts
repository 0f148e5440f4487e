import { z } from "zod";
import { charCount } from "@/lib/text/input";

/** Passwords are taken as typed (not trimmed or normalised); their length counts characters. */
export const newPassword = z
  .string()
  .refine((p) => charCount(p) >= 8, "新密码至少 8 位")
  .refine((p) => charCount(p) <= 128, "新密码不能超过 128 位")
  .refine((p) => /[A-Za-z]/.test(p) && /[0-9]/.test(p), "新密码须同时包含字母和数字");
