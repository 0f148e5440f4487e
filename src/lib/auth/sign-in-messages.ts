/** The two answers a failed sign-in can get. Neither says whether the account exists. */
export const SIGN_IN_MESSAGES = {
  invalid: "用户名或密码错误",
  locked: "登录失败次数过多，已暂时锁定，请 15 分钟后再试",
  unavailable: "登录服务暂时不可用，请稍后再试",
} as const;

/** Error codes next-auth passes to the sign-in page (`?error=`); a wrong password is its own "CredentialsSignin". */
export const LOCKED_ERROR = "locked";
export const UNAVAILABLE_ERROR = "unavailable";

/** What the sign-in page says for an error code. Every credential failure reads the same, so it never tells whether an account exists. */
export function signInErrorMessage(code: string): string {
  if (code === LOCKED_ERROR) return SIGN_IN_MESSAGES.locked;
  if (code === UNAVAILABLE_ERROR) return SIGN_IN_MESSAGES.unavailable;
  return SIGN_IN_MESSAGES.invalid;
}
