import { z } from "zod";

export const newPassword = z
  .string()
  .min(8, "新密码至少 8 位")
  .max(128, "新密码不能超过 128 位")
  .refine((p) => /[A-Za-z]/.test(p) && /[0-9]/.test(p), "新密码须同时包含字母和数字");
