/** The two answers a failed sign-in can get. Neither says whether the account exists. */
export const SIGN_IN_MESSAGES = {
  invalid: "用户名或密码错误",
  locked: "登录失败次数过多，已暂时锁定，请 15 分钟后再试",
} as const;

/** The error code next-auth passes to the sign-in page when an account or address is locked. */
export const LOCKED_ERROR = "locked";
